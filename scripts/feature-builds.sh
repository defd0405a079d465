#!/usr/bin/env bash
# Builds the core (crate `attesta`) with each feature alone and with none, so that code which
# needs a feature is gated by it and every combination a binding or a user picks compiles
# (the wasm32 build without features is the `wasm32 build` stage of `make test`).
#
# Needs cargo-hack: skipped when present; otherwise a prebuilt binary through cargo-binstall
# when that is installed, else built with `cargo install --locked cargo-hack`.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."

if cargo hack --version >/dev/null 2>&1; then
    echo "feature-builds: $(cargo hack --version) (already installed)"
elif cargo binstall --version >/dev/null 2>&1; then
    echo "feature-builds: installing cargo-hack, prebuilt, with cargo binstall"
    cargo binstall --no-confirm --locked cargo-hack
else
    echo "feature-builds: installing cargo-hack with cargo install --locked (builds it from source)"
    cargo install --locked cargo-hack
fi

# --each-feature: no features (the default set is empty), then fs, import, cli and parallel,
# each alone. --no-dev-deps: the library and binary as users build them. A warning fails the
# stage too: an unused import or dead code in one build is how a misplaced cfg shows.
echo "feature-builds: cargo hack check -p attesta --each-feature --no-dev-deps"
log=$(mktemp)
trap 'rm -f "$log"' EXIT
cargo hack check -p attesta --each-feature --no-dev-deps 2>&1 | tee "$log"
if grep -q '^warning: .attesta. (' "$log"; then
    echo "feature-builds: a feature build has warnings (above)" >&2
    exit 1
fi
echo "feature-builds: every feature alone and none build without warnings"
