#!/usr/bin/env bash
# The Python stage of `make test`: builds the attesta wheel, installs it in a fresh virtualenv
# and tests the INSTALLED package (never the source tree): pytest (fixture corpus, README
# blocks, schemas, hypothesis) and mypy's stubtest of the .pyi stubs.
#
# Cost on the 2-core CI machine: the release build of the wheel (thin LTO, as the CLI) takes
# about 2 minutes of CPU from scratch (5 minutes wall when the machine is busy) and ~1 minute
# after a change to the binding; installing the wheel, pytest and stubtest take ~25 seconds.
# A debug build would save a minute but validate 10x slower, and the tests replay every corpus.
# The tools are pinned in python/requirements-test.txt and installed only when missing; of them,
# pyarrow, pandas and matplotlib (the analysts' tables and example) are ~330 MB and ~50 s of the
# first install, and their tests ~2 s.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
venv=$root/target/py-venv
wheels=$root/target/py-wheels

step() { printf -- '-- python: %s\n' "$*"; }

# Python >= 3.10 (abi3-py310): the newest found on PATH.
python=""
for candidate in python3.13 python3.12 python3.11 python3.10 python3; do
    if command -v "$candidate" >/dev/null 2>&1 &&
        "$candidate" -c 'import sys; sys.exit(sys.version_info < (3, 10))' 2>/dev/null; then
        python=$(command -v "$candidate")
        break
    fi
done
if [ -z "$python" ]; then
    echo "python-test: no Python >= 3.10 found on PATH" >&2
    exit 1
fi
step "using $python ($("$python" --version 2>&1))"

if [ ! -x "$venv/bin/python" ]; then
    step "creating the tools venv $venv"
    "$python" -m venv "$venv"
fi
if "$venv/bin/python" - python/requirements-test.txt <<'PY'
import sys
from importlib.metadata import PackageNotFoundError, version
wanted = [l.split("#")[0].strip() for l in open(sys.argv[1])]
for req in filter(None, wanted):
    name, pinned = req.split("==")
    try:
        if version(name) != pinned:
            sys.exit(1)
    except PackageNotFoundError:
        sys.exit(1)
PY
then
    step "test tools already installed (python/requirements-test.txt)"
else
    step "installing the pinned test tools (python/requirements-test.txt)"
    "$venv/bin/pip" install --quiet -r python/requirements-test.txt
fi

step "ruff check and ruff format --check (python/ and bench/python/, the Python code of the project)"
"$venv/bin/ruff" check --quiet python bench/python
"$venv/bin/ruff" format --check --quiet python bench/python

step "building the wheel (maturin build --release)"
rm -rf "$wheels"
"$venv/bin/maturin" build --release --quiet -m python/Cargo.toml --out "$wheels" \
    --interpreter "$venv/bin/python"
wheel=$(ls "$wheels"/attesta-*.whl)
step "built $(basename "$wheel")"

# A fresh venv for the package under test: what `pip install attesta-*.whl` gives a user.
# It sees the tools venv's packages (pytest, hypothesis...) through a .pth file, not the
# source tree.
testenv=$root/target/py-testenv
rm -rf "$testenv"
step "installing the wheel into a fresh venv $testenv"
"$python" -m venv "$testenv"
"$testenv/bin/pip" install --quiet --no-index --no-deps "$wheel"
tools_site=$("$venv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
test_site=$("$testenv/bin/python" -c 'import sysconfig; print(sysconfig.get_paths()["purelib"])')
echo "$tools_site" > "$test_site/attesta-test-tools.pth"

# Run from a temporary folder so that `import attesta` can only find the installed package.
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cd "$work"
step "pytest python/tests against the installed wheel"
ATTESTA_ROOT=$root "$testenv/bin/python" -m pytest -q -p no:cacheprovider "$root/python/tests"
step "mypy stubtest attesta (the .pyi stubs against the installed module)"
"$testenv/bin/python" -m mypy.stubtest attesta --mypy-config-file "$root/python/mypy.ini" \
    --allowlist "$root/python/stubtest-allowlist.txt"
step "all Python checks passed"
