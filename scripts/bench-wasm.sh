#!/usr/bin/env bash
# The `make bench` stage "bench: wasm": builds what it measures, then runs wasm/bench/run.mjs,
# which prints the rows and writes the `wasm` section of target/bench/results.json.
#   1. the npm package (scripts/wasm-package.sh: npm tools incl. Ajv and playwright-core,
#      wasm-bindgen-cli, the wasm32 build), linked as wasm/node_modules/attesta;
#   2. the native peer of the WASM-vs-native row (bench/examples/wasm_peer.rs, release), which
#      also writes the bench record both sides validate;
#   3. the bundles: the committed Tuscan sample, and from ../shared/data (imported with the
#      release CLI) the full ESCO release for the autocomplete and the full RRFP Toscana
#      repertoire for the cold start; without the data folder those rows are skipped with a
#      message, and under CI=true the stage fails;
#   4. Chromium from Debian (/usr/bin/chromium; installed with apt-get when missing and run as
#      root): without it the browser rows are skipped with a message, and under CI=true it fails.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."
root=$PWD
target=${CARGO_TARGET_DIR:-$root/target}
out=$target/bench/wasm
# The real data folder (ATTESTA_DATA overrides it, e.g. to check the skip path).
data=${ATTESTA_DATA:-$root/../shared/data}
say() { printf 'bench-wasm: %s\n' "$*"; }
# A part that cannot run: a skip with its reason, or a failure under CI=true.
missing() {
    if [ "${CI:-}" = "true" ]; then
        echo "bench-wasm: CI=true and $1" >&2
        exit 1
    fi
    say "skipping: $1"
}

# 1. The package.
scripts/wasm-package.sh
ln -sfn ../pkg wasm/node_modules/attesta

# 2. The native peer and the bench record.
say "building the native peer (release)"
cargo build --release --quiet -p attesta-bench --example wasm_peer
peer=$target/release/examples/wasm_peer
mkdir -p "$out"
"$peer" record "$out/record.json"

# 3. Bundles.
cp data/frameworks/rrfp_toscana.attb "$out/rrfp_toscana.attb"
skip_esco="" skip_full=""
if [ -d "$data/esco-v1.1.1-en" ] || [ -d "$data/toscana-rrfp" ]; then
    say "building the CLI (release) to import bundles from $data"
    cargo build --release --quiet -p attesta --features cli --bin attesta
fi
# import KIND DIR OUT: exit 1 means "written, with defects of the published files" (ESCO has
# relations to concepts it does not publish): the bundle is usable, the problems go to a log.
import() {
    local log=$out/import-$1.log rc=0
    "$target/release/attesta" framework import --kind "$1" "$2" --out "$3" >/dev/null 2>"$log" || rc=$?
    if [ "$rc" -gt 1 ]; then
        cat "$log" >&2
        echo "bench-wasm: the $1 import failed (exit $rc)" >&2
        exit 1
    fi
    say "$1 bundle: $(wc -c < "$3") bytes; $(grep -c ': warning: ' "$log" || true) warnings of the source files in $log"
}
if [ -d "$data/esco-v1.1.1-en" ]; then
    import esco "$data/esco-v1.1.1-en" "$out/esco.attb"
else
    skip_esco="the ESCO folder $data/esco-v1.1.1-en is missing"
    missing "$skip_esco"
fi
if [ -d "$data/toscana-rrfp" ]; then
    import rrfp-toscana "$data/toscana-rrfp" "$out/rrfp-full.attb"
else
    skip_full="the RRFP Toscana folder $data/toscana-rrfp is missing"
    missing "$skip_full"
fi

# 4. The browser.
chromium=${CHROMIUM:-/usr/bin/chromium}
if [ ! -x "$chromium" ] && [ "$chromium" = /usr/bin/chromium ] && [ "$(id -u)" = 0 ] \
    && command -v apt-get >/dev/null; then
    say "installing Chromium from Debian (apt-get)"
    apt-get update -qq && apt-get install -y -qq chromium >/dev/null
fi
skip_browser=""
if [ ! -x "$chromium" ]; then
    skip_browser="no Chromium at $chromium (apt-get install chromium, or set CHROMIUM)"
    missing "$skip_browser"
fi

say "running wasm/bench/run.mjs (Node $(node --version))"
ATTESTA_ROOT=$root ATTESTA_PKG=$root/wasm/pkg ATTESTA_BUNDLES=$out ATTESTA_RECORD=$out/record.json \
ATTESTA_PEER=$peer ATTESTA_RESULTS=$target/bench/results.json CHROMIUM=$chromium \
ATTESTA_SKIP_ESCO=$skip_esco ATTESTA_SKIP_FULL=$skip_full ATTESTA_SKIP_BROWSER=$skip_browser \
    node wasm/bench/run.mjs
