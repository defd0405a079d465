#!/usr/bin/env bash
# Runs Attesta's fuzz targets (fuzz/, cargo-fuzz + libFuzzer + AddressSanitizer), each for
# FUZZ_SECONDS seconds (default 60), and installs what a fresh machine lacks first.
#
# Usage: scripts/fuzz.sh [TARGET...]     (no TARGET: every target, as `make fuzz`)
#   FUZZ_SECONDS=300 scripts/fuzz.sh import_esco
#
# Each target starts from its committed seeds (fuzz/corpus/<target>/) and past crashes
# (fuzz/regressions/<target>/); what it discovers goes to target/fuzz-corpus/<target>/ (not
# committed), so a second run continues where the first stopped. A crash is written under
# fuzz/artifacts/<target>/ and the script fails at the end, after running the other targets.
#
# cargo-fuzz compiles with -Z flags (sanitizer, coverage instrumentation) that only a nightly
# compiler accepts. A nightly toolchain is used when installed; otherwise RUSTC_BOOTSTRAP=1
# lets the stable compiler accept them (rustup's download host may be unreachable, while
# crates.io, from which cargo-fuzz installs, is not). Stable's rust-std ships the ASan runtime.
set -euo pipefail
export PATH="$HOME/.cargo/bin:$PATH"
root=$(cd "$(dirname "$0")/.." && pwd)
cd "$root"

seconds=${FUZZ_SECONDS:-60}
case "$seconds" in
    '' | *[!0-9]*) echo "fuzz: FUZZ_SECONDS must be a whole number of seconds" >&2; exit 2 ;;
esac

# Same list as fuzz/Cargo.toml's [[bin]]s and fuzz/src/lib.rs's TARGETS.
all=(validate_record bundle_load case_replay import_esco import_rrfp_toscana import_calabria
    import_cp2021 import_anpal)
targets=("$@")
[ ${#targets[@]} -gt 0 ] || targets=("${all[@]}")

if ! command -v c++ >/dev/null 2>&1; then
    # libfuzzer-sys compiles libFuzzer from its C++ source.
    echo "fuzz: no C++ compiler; installing g++ (apt-get)"
    sudo=()
    [ "$(id -u)" -eq 0 ] || sudo=(sudo)
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get update -qq
    DEBIAN_FRONTEND=noninteractive "${sudo[@]}" apt-get install -y -qq g++
fi

if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz: installing cargo-fuzz from crates.io (cargo install --locked cargo-fuzz)"
    cargo install --locked cargo-fuzz
fi
echo "fuzz: $(cargo fuzz --version)"

toolchain=()
if rustup toolchain list 2>/dev/null | grep -q '^nightly'; then
    toolchain=(+nightly)
    echo "fuzz: using the nightly toolchain"
else
    export RUSTC_BOOTSTRAP=1
    echo "fuzz: no nightly toolchain; stable with RUSTC_BOOTSTRAP=1"
fi

# -a: debug assertions on, so an integer overflow is a crash rather than a silent wrap.
echo "fuzz: building ${#targets[@]} target(s) (release, ASan, debug assertions)"
for target in "${targets[@]}"; do
    cargo "${toolchain[@]}" fuzz build -a "$target"
done

failed=()
for target in "${targets[@]}"; do
    work="target/fuzz-corpus/$target"
    mkdir -p "$work"
    inputs=("$work" "fuzz/corpus/$target")
    [ -d "fuzz/regressions/$target" ] && inputs+=("fuzz/regressions/$target")
    echo "fuzz: $target for ${seconds}s (corpus ${inputs[*]})"
    # -rss_limit_mb and -malloc_limit_mb: an input that makes the library take over 1 GiB
    # is a finding (Attesta bounds memory); -timeout: one input over 10 s is a hang.
    if ! cargo "${toolchain[@]}" fuzz run -a "$target" "${inputs[@]}" -- \
        -max_total_time="$seconds" -max_len=65536 -timeout=10 \
        -rss_limit_mb=2048 -malloc_limit_mb=1024 -print_final_stats=1 \
        >"target/fuzz-$target.log" 2>&1; then
        failed+=("$target")
        echo "fuzz: $target FAILED — see target/fuzz-$target.log; the input is in fuzz/artifacts/$target/"
        grep -E '^(thread|SUMMARY|==[0-9]+==ERROR)' "target/fuzz-$target.log" | head -5 || true
    else
        grep -E '^(Done|stat::number_of_executed_units|stat::peak_rss_mb)' \
            "target/fuzz-$target.log" | sed "s/^/fuzz: $target: /" || true
    fi
done

if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crashes in: ${failed[*]}"
    echo "fuzz: minimize with 'cargo fuzz tmin TARGET fuzz/artifacts/TARGET/crash-…', then fix it and"
    echo "      add the minimized input under fuzz/regressions/TARGET/ (replayed by make test)"
    exit 1
fi
echo "fuzz: every target ran ${seconds}s without a crash"
