#!/usr/bin/env bash
# Builds the offline form into target/web/ (`make web-build`; `make web` also serves it),
# printing each step:
#   1. the npm package into wasm/pkg (scripts/wasm-package.sh), unless WEB_SKIP_PACKAGE=1 and
#      wasm/pkg is already there (the browser test stage has just built it);
#   2. the full ESCO bundle, imported from ../shared/data/esco-v1.1.1-en with the CLI importer
#      (`attesta framework import --kind esco`), kept while it is newer than the CSV files and
#      the CLI; without ../shared/data the form says so and searches the built-in frameworks;
#   3. the site (wasm/demo), the package (both modules: `attesta` and `attesta/cases`), the
#      bundled Tuscan framework, the finding catalogues of the form's languages
#      (data/l10n/<it|en>/findings.ftl, Project Fluent) and Fluent's JavaScript implementation
#      (@fluent/bundle, pinned in wasm/package.json, from wasm/node_modules) copied into
#      target/web, with data/site.json saying which bundles are there.
# The page then fetches only files under target/web, all at load time.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."
out=target/web
step() { printf 'web: %s\n' "$*"; }

# 1. The package.
if [ -n "${WEB_SKIP_PACKAGE:-}" ] && [ -f wasm/pkg/attesta_wasm_bg.wasm ]; then
    step "npm package: wasm/pkg as built (WEB_SKIP_PACKAGE)"
else
    step "npm package: scripts/wasm-package.sh"
    scripts/wasm-package.sh
fi

rm -rf "$out/pkg" "$out/data" "$out/vendor"
mkdir -p "$out/data"

# 2. The ESCO bundle (its own folder, so rebuilding the site keeps it).
# ATTESTA_SHARED_DATA points elsewhere (or nowhere, to see the page without ESCO).
shared=${ATTESTA_SHARED_DATA:-../shared/data}
esco_src=$shared/esco-v1.1.1-en
esco=target/web-bundles/esco.attb
esco_note=""
if [ -d "$esco_src/classification" ]; then
    step "CLI importer: cargo build -p attesta --features cli --bin attesta"
    cargo build -q -p attesta --features cli --bin attesta
    cli=${CARGO_TARGET_DIR:-target}/debug/attesta
    if [ -f "$esco" ] && [ -z "$(find "$esco_src" "$cli" -newer "$esco" -print -quit)" ]; then
        step "ESCO bundle: $esco is up to date"
    else
        step "ESCO bundle: attesta framework import --kind esco $esco_src"
        mkdir -p "$(dirname "$esco")"
        # Exit 1 means written with problems listed: ESCO v1.1.1 has known defects the
        # importer leaves out and names (README); 2 means nothing was written.
        rc=0
        "$cli" framework import --kind esco "$esco_src" --out "$esco.tmp" > target/web-bundles/esco-import.txt 2>&1 || rc=$?
        if [ "$rc" -gt 1 ]; then
            cat target/web-bundles/esco-import.txt >&2
            echo "web: the ESCO import failed (exit $rc)" >&2
            exit 1
        fi
        mv "$esco.tmp" "$esco"
        step "ESCO bundle: $(wc -c < "$esco") bytes ($(grep -c 'warning' target/web-bundles/esco-import.txt || true) warnings of the published files, see target/web-bundles/esco-import.txt)"
    fi
    cp "$esco" "$out/data/esco.attb"
else
    esco_note="$esco_src is missing: the ESCO autocomplete searches the built-in frameworks only"
    step "NOTE: $esco_note"
fi

# 3. The site.
step "site: wasm/demo + wasm/pkg + data -> $out"
cp -r wasm/demo/. "$out/"
mkdir -p "$out/pkg"
cp -r wasm/pkg/. "$out/pkg/"
cp data/frameworks/rrfp_toscana.attb "$out/data/"
for lang in it en; do
    mkdir -p "$out/data/l10n/$lang"
    cp "data/l10n/$lang/findings.ftl" "$out/data/l10n/$lang/"
done
# @fluent/bundle's ES modules import only each other: served as they are, no bundler. Its
# package.json goes along for its name, version and licence (Apache-2.0).
fluent=wasm/node_modules/@fluent/bundle
[ -f "$fluent/esm/index.js" ] || { echo "web: $fluent is missing (npm ci in wasm/)" >&2; exit 1; }
mkdir -p "$out/vendor/fluent-bundle"
cp "$fluent"/esm/*.js "$fluent/package.json" "$out/vendor/fluent-bundle/"
node -e '
const [file, esco, note] = process.argv.slice(1);
const site = {
  frameworks: ["rrfp_toscana.attb"],
  esco: esco === "yes" ? "esco.attb" : null,
  note: note || null,
};
require("fs").writeFileSync(file, JSON.stringify(site, null, 2) + "\n");
' "$out/data/site.json" "$([ -f "$out/data/esco.attb" ] && echo yes || echo no)" "$esco_note"
step "built $out ($(du -sh "$out" | cut -f1))"
