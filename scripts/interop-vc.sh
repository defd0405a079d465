#!/usr/bin/env bash
# The `make test` stage "interop: credentials with Digital Bazaar's verifier (offline)": a
# credential exported and signed by the attesta CLI verifies with @digitalbazaar/vc and the
# eddsa-rdfc-2022 / eddsa-jcs-2022 cryptosuites in Node, one they sign verifies in Attesta, and
# a changed field fails both (tests/interop/vc/interop.test.mjs). The npm packages are pinned
# exactly (package.json + package-lock.json); their document loader serves only the packaged
# contexts and the issuer key, so nothing is fetched while the test runs.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=tests/interop/vc

echo "interop-vc: cargo build -p attesta --features cli --bin attesta (debug)"
cargo build --quiet -p attesta --features cli --bin attesta

if [ -d "$dir/node_modules/@digitalbazaar/vc" ]; then
    echo "interop-vc: $dir/node_modules present, npm ci skipped"
else
    echo "interop-vc: npm ci in $dir (exact versions from package-lock.json)"
    (cd "$dir" && npm ci --no-audit --no-fund)
fi

echo "interop-vc: node --test $dir/interop.test.mjs (Node $(node --version))"
ATTESTA_BIN="$PWD/target/debug/attesta" node --test "$dir/interop.test.mjs"
