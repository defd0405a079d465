#!/usr/bin/env bash
# The module Node loads: the main module of the npm package `attesta` (attesta-wasm without
# features: validation, frameworks, search, lookup, gap) built for speed, written into PKG_DIR as
# attesta_wasm_node.js (wasm-bindgen's glue) and attesta_wasm_node_bg.wasm. node.js, the entry of
# the "node" export condition, loads it; browsers keep the size-built attesta_wasm_bg.wasm.
#
# Same crate, same features, same API and answers: only the optimisation differs. The cargo
# profile `wasm-speed` is the `wasm` profile at opt-level 3, and binaryen's wasm-opt -O3 (the npm
# devDependency pinned in wasm/package.json) runs over the bound module: measured in Node on the
# bench record, opt-level 3 validates 3 times as fast as the size build, and -O3 takes about
# 10% (the fixture corpus 10-17%) off that. Its size is printed, not checked: the package's
# budget is about what browsers download, and Node reads the module from disk (see
# wasm/README.md, "Size").
# Called by scripts/wasm-package.sh after the size-built modules; it needs the tools that script
# installs (wasm-bindgen-cli, the npm devDependencies). ATTESTA_WASM_OPT=0 skips wasm-opt, as
# for the other modules.
#
# Usage: scripts/wasm-node.sh PKG_DIR
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."
pkg=${1:?usage: scripts/wasm-node.sh PKG_DIR}
name=attesta_wasm_node
target=${CARGO_TARGET_DIR:-target}

step() { printf 'wasm-node: %s\n' "$*"; }

step "building attesta-wasm (profile wasm-speed) -> $name"
wasm=$(ATTESTA_WASM_PROFILE=wasm-speed scripts/build-wasm.sh attesta-wasm | tail -n 1)
step "wasm-bindgen --target web -> $pkg/$name.js"
wasm-bindgen --target web --no-typescript --remove-name-section --remove-producers-section \
    --out-dir "$pkg" --out-name "$name" "$wasm"
if [ "${ATTESTA_WASM_OPT:-1}" = 0 ]; then
    step "wasm-opt: skipped (ATTESTA_WASM_OPT=0)"
else
    step "wasm-opt -O3 (for speed)"
    node wasm/node_modules/binaryen/bin/wasm-opt -O3 --detect-features \
        "$pkg/${name}_bg.wasm" -o "$target/${name}_opt.wasm"
    mv "$target/${name}_opt.wasm" "$pkg/${name}_bg.wasm"
fi
raw=$(wc -c < "$pkg/${name}_bg.wasm")
gz=$(gzip -9 -c "$pkg/${name}_bg.wasm" | wc -c)
step "${name}_bg.wasm: $raw bytes, $gz bytes gzip -9 (Node only: no budget)"
