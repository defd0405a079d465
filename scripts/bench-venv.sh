#!/usr/bin/env bash
# Installs the Python peers of `make bench` (pandas, rapidfuzz, scipy, jsonschema,
# fastjsonschema; bench/python/requirements.txt) into target/bench-venv, skipping the install
# when the venv already has them.
#
# With --binding it then runs the Python binding's bench: builds the attesta wheel (release) and
# installs it into the venv (always, so the bench measures the current code), builds the bench
# record's timer (`bench_record` example, release) and runs bench/python/validate_peers.py.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/bench-venv
if [ -x "$venv/bin/python" ] &&
    "$venv/bin/python" -c 'import pandas, rapidfuzz, scipy, jsonschema, fastjsonschema, maturin' 2>/dev/null; then
    echo "bench-venv: peers already installed in $venv"
else
    python3 -m venv "$venv"
    "$venv/bin/pip" install --quiet --upgrade pip
    "$venv/bin/pip" install --quiet -r bench/python/requirements.txt
    echo "bench-venv: installed $(grep -v '^#' bench/python/requirements.txt | tr '\n' ' ') into $venv"
fi
[ "${1:-}" = "--binding" ] || exit 0

wheels=target/bench-wheels
rm -rf "$wheels"
"$venv/bin/maturin" build --release --quiet -m python/Cargo.toml --out "$wheels" \
    --interpreter "$venv/bin/python"
"$venv/bin/pip" install --quiet --force-reinstall --no-deps "$wheels"/attesta-*.whl
cargo build --release --quiet -p attesta-bench --example bench_record
record=target/bench/record.json
mkdir -p target/bench
target/release/examples/bench_record record > "$record"
"$venv/bin/python" bench/python/validate_peers.py "$record" target/release/examples/bench_record
