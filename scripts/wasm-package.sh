# Builds the npm package `attesta` into wasm/pkg/ (ignored by git), printing each step:
#   1. the npm tools of wasm/package.json (npm ci; skipped when node_modules matches the lock);
#   2. wasm-bindgen-cli at exactly the version the workspace pins for the wasm-bindgen crate
#      (cargo install: 3.5 minutes on 2 idle cores, 12 on busy ones; skipped when
#      `wasm-bindgen --version` matches);
#   3. the three WebAssembly modules of the one crate attesta-wasm, for wasm32-unknown-unknown,
#      profile `wasm` (opt-level "z", fat LTO, one codegen unit, panic=abort), through
#      scripts/build-wasm.sh (rustup target or the Debian fallback; it says which):
#        - the main module (no feature), the entry `attesta`: validation, frameworks, search,
#          lookup, gap (attesta_wasm.js, attesta_wasm_bg.wasm);
#        - the case module (`--features cases,l10n`), the entry `attesta/cases`: the same plus
#          Case, verify, renderHtml, localizeReport (attesta_cases.js, attesta_cases_bg.wasm),
#          loaded only when imported;
#        - the credential module (`--features credentials`), the entry `attesta/credentials`:
#          the main module plus exportCredential, signCredential, verifyCredential
#          (attesta_credentials.js, attesta_credentials_bg.wasm), loaded only when imported;
#      each through wasm-bindgen --target web (an ES module that browsers load with fetch; Node
#      20 loads the same module and glue synchronously, so one package serves both), then
#      wasm-opt (binaryen, the npm devDependency pinned in wasm/package.json) with the passes
#      of $wasm_opt_passes below, whose output is kept only when it is smaller gzipped;
#   4. the entry points, the TypeScript types generated from data/schemas/ and package.json;
#   5. the gzip -9 sizes: the main module against the package's budget, 250,000 bytes (the
#      issue's 250 KB; ATTESTA_WASM_BUDGET overrides it; framework data excluded: the built-in
#      sample, which the module carries, is 16,852 bytes, 6.2 KB gzip), the case module against a ceiling that only guards it against regressions,
#      720,000 bytes (ATTESTA_WASM_CASES_CEILING; it is over the issue's budget, see
#      wasm/README.md), the credential module against its own regression ceiling,
#      560,000 bytes (ATTESTA_WASM_CREDENTIALS_CEILING). Over any, the package is
#      still written and the script exits 3, so that scripts/wasm-test.sh can run the tests and
#      then fail the stage.
# The per-crate size breakdowns of the modules (a stand-in for twiggy) are written to
# target/wasm-sizes.txt, target/wasm-sizes-cases.txt and target/wasm-sizes-credentials.txt (in
# CARGO_TARGET_DIR when that is set).
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."
budget=${ATTESTA_WASM_BUDGET:-250000}
ceiling=${ATTESTA_WASM_CASES_CEILING:-720000}
credentials_ceiling=${ATTESTA_WASM_CREDENTIALS_CEILING:-560000}
pkg=wasm/pkg

step() { printf 'wasm-package: %s\n' "$*"; }

# 1. npm tools (type generator, TypeScript). The lock's hash is kept beside node_modules so a
#    changed lock reinstalls and an unchanged one costs nothing.
lock_hash=$(sha256sum wasm/package-lock.json | cut -d' ' -f1)
stamp=wasm/node_modules/.attesta-lock-sha256
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$lock_hash" ]; then
    step "npm tools: installed (wasm/node_modules matches package-lock.json)"
else
    step "npm tools: npm ci in wasm/"
    (cd wasm && npm ci --no-audit --no-fund --loglevel=error)
    echo "$lock_hash" > "$stamp"
fi

# 2. wasm-bindgen-cli, the version pinned in the workspace Cargo.toml.
want=$(sed -nE 's/^wasm-bindgen = "=([0-9.]+)"/\1/p' Cargo.toml)
[ -n "$want" ] || { echo "wasm-package: wasm-bindgen is not pinned with '=' in Cargo.toml" >&2; exit 1; }
have=$(wasm-bindgen --version 2>/dev/null | awk '{print $2}' || true)
if [ "$have" = "$want" ]; then
    step "wasm-bindgen-cli $want: installed"
else
    step "wasm-bindgen-cli $want: installing with cargo (found '${have:-none}'; takes minutes)"
    # Without --locked: with it the install fails on a lagging transitive crate.
    cargo install wasm-bindgen-cli --version "$want"
fi

# 3. The modules: built, sized, bound and optimised one after the other (both builds write the
#    same file name).
gzip_size() { gzip -9 -c "$1" | wc -c; }
# wasm-opt's passes: merging identical functions and dropping dead code shrink the main module
# by about 2 KB gzipped. Not -Oz: its output is 10% smaller raw but 9% (22 KB) larger gzipped
# (what is downloaded), and -O2/-O3/-Os likewise; LLVM at opt-level "z" leaves them little else.
wasm_opt_passes=(--duplicate-function-elimination --dce --remove-unused-module-elements --vacuum)
target=${CARGO_TARGET_DIR:-target}
mkdir -p "$target"
rm -rf "$pkg"
# module NAME SIZES_FILE [CARGO_ARGS...]: $pkg/NAME.js and $pkg/NAME_bg.wasm.
module() {
    local name=$1 sizes=$2 wasm opt before after
    shift 2
    step "building attesta-wasm $* (profile wasm) -> $name"
    wasm=$(scripts/build-wasm.sh attesta-wasm "$@" | tail -n 1)
    node wasm/tools/wasm-sizes.mjs "$wasm" 30 > "$sizes"
    step "size breakdown before wasm-bindgen: $sizes"
    step "wasm-bindgen --target web -> $pkg/$name.js"
    wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
        --out-dir "$pkg" --out-name "$name" "$wasm"
    # wasm-opt, kept only when it shrinks what is shipped (the gzip size).
    opt=$target/${name}_opt.wasm
    if [ "${ATTESTA_WASM_OPT:-1}" = 0 ]; then
        step "wasm-opt: skipped (ATTESTA_WASM_OPT=0)"
    elif node wasm/node_modules/binaryen/bin/wasm-opt "${wasm_opt_passes[@]}" --detect-features \
            "$pkg/${name}_bg.wasm" -o "$opt"; then
        before=$(gzip_size "$pkg/${name}_bg.wasm")
        after=$(gzip_size "$opt")
        if [ "$after" -lt "$before" ]; then
            step "wasm-opt ${wasm_opt_passes[*]}: $before -> $after bytes gzip -9 (kept)"
            mv "$opt" "$pkg/${name}_bg.wasm"
        else
            step "wasm-opt ${wasm_opt_passes[*]}: $before -> $after bytes gzip -9 (not smaller: dropped)"
            rm -f "$opt"
        fi
    else
        echo "wasm-package: wasm-opt failed" >&2
        exit 1
    fi
}
module attesta_wasm "$target/wasm-sizes.txt"
module attesta_cases "$target/wasm-sizes-cases.txt" --features cases,l10n
module attesta_credentials "$target/wasm-sizes-credentials.txt" --features credentials
scripts/wasm-node.sh "$pkg" # Node's main module, built for speed (its size printed, not budgeted)

# 4. Entry points, types, manifest.
version=$(sed -nE '/^\[workspace.package\]/,/^\[/ s/^version = "([^"]+)"/\1/p' Cargo.toml)
node wasm/tools/package.mjs "$pkg" "$version"

# 5. Sizes: the main module within the budget, the case and credential modules under their
#    ceilings.
over=0
check() {
    local file=$1 limit=$2 what=$3 sizes=$4 raw gz
    raw=$(wc -c < "$pkg/$file")
    gz=$(gzip_size "$pkg/$file")
    step "$file: $raw bytes, $gz bytes gzip -9 ($what $limit)"
    if [ "$gz" -gt "$limit" ]; then
        echo "wasm-package: $file is OVER its $what by $((gz - limit)) bytes; see $sizes for where the bytes go" >&2
        over=1
    fi
}
check attesta_wasm_bg.wasm "$budget" budget "$target/wasm-sizes.txt"
check attesta_cases_bg.wasm "$ceiling" ceiling "$target/wasm-sizes-cases.txt"
check attesta_credentials_bg.wasm "$credentials_ceiling" ceiling "$target/wasm-sizes-credentials.txt"
[ "$over" = 0 ] || exit 3
