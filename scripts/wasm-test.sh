#!/usr/bin/env bash
# The `make test` stage "wasm: package + node tests + tsc": builds the npm package into wasm/pkg
# (scripts/wasm-package.sh: npm tools, wasm-bindgen-cli, wasm32 build, size budget), then tests
# the BUILT package as users get it:
#   - Node tests (node:test): the shared fixture corpus replayed, the API, the browser entry;
#   - the TypeScript declarations with `tsc --noEmit` over wasm/test/types/usage.ts.
set -euo pipefail
cd "$(dirname "$0")/.."

scripts/wasm-package.sh

# The tests import the package by its name, as a user does; the link goes in after npm ci (which
# empties node_modules) and resolves through package.json's "exports" like an installed copy.
ln -sfn ../pkg wasm/node_modules/attesta

echo "wasm-test: node --test wasm/test/ (Node $(node --version))"
node --test wasm/test/

echo "wasm-test: tsc --noEmit over wasm/test/types (TypeScript $(wasm/node_modules/.bin/tsc --version | awk '{print $2}'))"
wasm/node_modules/.bin/tsc -p wasm/test/types/tsconfig.json
echo "wasm-test: types check"
