#!/usr/bin/env bash
# Builds the WebAssembly crate (attesta-wasm, profile `wasm`) for wasm32-unknown-unknown and
# prints the path of the .wasm file on the last line. Arguments after the crate go to cargo
# (`--features cases` builds the package's case module; the file has the same name, so copy or
# process it before the next build).
#
# Uses the rustup target when installed; otherwise Debian's rustc-web toolchain with
# -Zbuild-std (see scripts/bootstrap.sh), in its own target folder so its artefacts do not
# fight the rustup toolchain's. Set ATTESTA_WASM_FALLBACK=1 to force the Debian path, and
# ATTESTA_WASM_PROFILE to build with another cargo profile than `wasm` (scripts/wasm-node.sh:
# `wasm-speed`).
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
cd "$(dirname "$0")/.."
crate=${1:-attesta-wasm}
shift || true
artefact=${crate//-/_}.wasm
profile=${ATTESTA_WASM_PROFILE:-wasm}

if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    && [ -z "${ATTESTA_WASM_FALLBACK:-}" ]; then
    echo "build-wasm: rustup toolchain ($(rustc --version))" >&2
    cargo build -p "$crate" "$@" --target wasm32-unknown-unknown --profile "$profile" >&2
    out=${CARGO_TARGET_DIR:-target}/wasm32-unknown-unknown/$profile/$artefact
elif [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust ] && [ -x /usr/lib/llvm-22/bin/wasm-ld ]; then
    echo "build-wasm: Debian fallback ($(/usr/bin/rustc --version), -Zbuild-std, wasm-ld)" >&2
    target_dir=target/wasm-debian
    RUSTC=/usr/bin/rustc RUSTC_BOOTSTRAP=1 CARGO_TARGET_DIR=$target_dir \
        CARGO_TARGET_WASM32_UNKNOWN_UNKNOWN_LINKER=/usr/lib/llvm-22/bin/wasm-ld \
        /usr/bin/cargo build -p "$crate" "$@" --target wasm32-unknown-unknown --profile "$profile" \
        -Zbuild-std=std,panic_abort >&2
    out=$target_dir/wasm32-unknown-unknown/$profile/$artefact
else
    echo "build-wasm: no wasm32 toolchain; run scripts/bootstrap.sh first" >&2
    exit 1
fi
[ -f "$out" ] || { echo "build-wasm: $out was not produced" >&2; exit 1; }
echo "build-wasm: $(wc -c < "$out") bytes" >&2
echo "$out"
