#!/usr/bin/env bash
# Installs the Python peers of `make bench` (pandas, rapidfuzz, scipy) into target/bench-venv,
# skipping the install when the venv already has them.
set -euo pipefail
cd "$(dirname "$0")/.."
venv=target/bench-venv
if [ -x "$venv/bin/python" ] && "$venv/bin/python" -c 'import pandas, rapidfuzz, scipy' 2>/dev/null; then
    echo "bench-venv: peers already installed in $venv"
    exit 0
fi
python3 -m venv "$venv"
"$venv/bin/pip" install --quiet --upgrade pip
"$venv/bin/pip" install --quiet -r bench/python/requirements.txt
echo "bench-venv: installed $(tr '\n' ' ' < bench/python/requirements.txt) into $venv"
