#!/usr/bin/env bash
# Makes a fresh machine (rustup stable, Python 3.11, Node 20) ready for `make test`:
# checks cargo, rustfmt and clippy, and provides a wasm32-unknown-unknown toolchain.
# Anything already installed is skipped, so a second run takes a second.
#
# wasm32: the rustup target when it is installed or `rustup target add` works within two
# minutes (its download host may be unreachable and then it hangs); otherwise Debian's
# rustc-web/cargo-web/rust-web-src and lld, used by scripts/build-wasm.sh with -Zbuild-std.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"

need() {
    if ! "$@" >/dev/null 2>&1; then
        return 1
    fi
}

for tool in cargo rustc rustup; do
    command -v "$tool" >/dev/null || { echo "bootstrap: '$tool' is missing; install Rust with rustup" >&2; exit 1; }
done
echo "bootstrap: $(cargo --version)"

for component in rustfmt clippy; do
    probe=(cargo fmt --version)
    [ "$component" = clippy ] && probe=(cargo clippy --version)
    if ! need "${probe[@]}"; then
        echo "bootstrap: installing $component"
        timeout 120 rustup component add "$component"
    fi
    echo "bootstrap: $("${probe[@]}")"
done

# Same list and test as scripts/build-wasm.sh.
debian_wasm_ready() {
    [ -x /usr/bin/rustc ] && [ -x /usr/bin/cargo ] && [ -d /usr/lib/rustlib/src/rust ] &&
        [ -x /usr/lib/llvm-22/bin/wasm-ld ]
}

if rustup target list --installed 2>/dev/null | grep -qx wasm32-unknown-unknown \
    && [ -z "${ATTESTA_WASM_FALLBACK:-}" ]; then
    echo "bootstrap: wasm32 via the rustup target (already installed)"
elif [ -z "${ATTESTA_WASM_FALLBACK:-}" ] && timeout 120 rustup target add wasm32-unknown-unknown; then
    echo "bootstrap: wasm32 via the rustup target (installed now)"
elif debian_wasm_ready; then
    echo "bootstrap: wasm32 via Debian's rustc-web and lld-22 (already installed)"
else
    echo "bootstrap: rustup target unavailable; installing Debian's rustc-web, rust-web-src and lld-22"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    export DEBIAN_FRONTEND=noninteractive
    "${sudo[@]}" apt-get update -qq
    "${sudo[@]}" apt-get install -y -qq rustc-web cargo-web rust-web-src lld-22 >/dev/null
    debian_wasm_ready || { echo "bootstrap: Debian wasm toolchain incomplete" >&2; exit 1; }
    echo "bootstrap: wasm32 via Debian's rustc-web and lld-22 (installed now)"
fi
