#!/usr/bin/env bash
# The `make test` stage "wasm: package + node tests + tsc": builds the npm package into wasm/pkg
# (scripts/wasm-package.sh: npm tools, wasm-bindgen-cli, wasm32 build, size budget), then tests
# the BUILT package as users get it:
#   - Node tests (node:test): the shared fixture corpus replayed, the API, the browser entry,
#     and the credentials and localized findings against the `attesta` CLI (built here as the
#     interop stage builds it, so `make test` compiles it once);
#   - the TypeScript declarations with `tsc --noEmit` over wasm/test/types/.
set -euo pipefail
cd "$(dirname "$0")/.."

# Over the size budget (exit 3) the package is still complete: the tests run, then the stage
# fails. Any other failure stops here.
over_budget=0
scripts/wasm-package.sh || { rc=$?; [ "$rc" = 3 ] || exit "$rc"; over_budget=1; }

# The tests import the package by its name, as a user does; the link goes in after npm ci (which
# empties node_modules) and resolves through package.json's "exports" like an installed copy.
ln -sfn ../pkg wasm/node_modules/attesta

echo "wasm-test: cargo build -p attesta --features cli --bin attesta (debug; the tests compare with it)"
cargo build --quiet -p attesta --features cli --bin attesta
export ATTESTA_BIN="${CARGO_TARGET_DIR:-$PWD/target}/debug/attesta"

echo "wasm-test: node --test wasm/test/ (Node $(node --version))"
node --test wasm/test/

echo "wasm-test: tsc --noEmit over wasm/test/types (TypeScript $(wasm/node_modules/.bin/tsc --version | awk '{print $2}'))"
wasm/node_modules/.bin/tsc -p wasm/test/types/tsconfig.json
echo "wasm-test: types check"
if [ "$over_budget" = 1 ]; then
    echo "wasm-test: FAILED: the module is over the size budget (see wasm-package above)" >&2
    exit 1
fi
