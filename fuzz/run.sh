#!/usr/bin/env bash
# Runs tifa's fuzz targets one after another, each for SECONDS seconds.
#
#   fuzz/run.sh SECONDS [TARGET...]      (default: every target; see `cargo fuzz list`)
#
# Needs a nightly toolchain (`rustup toolchain install nightly`); installs cargo-fuzz if absent.
# New inputs go to fuzz/corpus/TARGET (seeded from fuzz/seeds/TARGET), crashes to
# fuzz/artifacts/TARGET, libFuzzer's output to fuzz/logs/TARGET.log. Exits non-zero if a
# target crashed. Builds in release mode with debug assertions and overflow checks (so the
# MappedBuilder's monotonicity checks run), without a sanitizer: tifa's code is safe Rust, and
# AddressSanitizer would halve the executions for nothing it can find there.
# Set NICE (default 15) to change the priority, MAX_LEN (default 4096) the longest input.
# RAYON_NUM_THREADS is 1 so that one fuzzer uses one core.
set -euo pipefail

if [[ $# -lt 1 || ! $1 =~ ^[0-9]+$ ]]; then
    echo "usage: fuzz/run.sh SECONDS [TARGET...]" >&2
    exit 2
fi
seconds=$1
shift
cd "$(dirname "$0")/.."

if ! rustup run nightly rustc --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: a nightly toolchain is needed: rustup toolchain install nightly" >&2
    exit 1
fi
if ! cargo fuzz --version >/dev/null 2>&1; then
    echo "fuzz/run.sh: cargo-fuzz is not installed; installing it (cargo install cargo-fuzz --locked)" >&2
    cargo install cargo-fuzz --locked
fi

nice=${NICE:-15}
flags=(-O -a -s none)
targets=("$@")
if [[ ${#targets[@]} -eq 0 ]]; then
    mapfile -t targets < <(cargo +nightly fuzz list)
fi

nice -n "$nice" cargo +nightly fuzz build "${flags[@]}"
mkdir -p fuzz/logs
status=0
for target in "${targets[@]}"; do
    mkdir -p "fuzz/corpus/$target" "fuzz/seeds/$target"
    echo "== $target: ${seconds}s (log: fuzz/logs/$target.log)"
    if ! RAYON_NUM_THREADS=1 nice -n "$nice" cargo +nightly fuzz run "${flags[@]}" "$target" \
        "fuzz/corpus/$target" "fuzz/seeds/$target" -- \
        -max_total_time="$seconds" -max_len="${MAX_LEN:-4096}" -timeout=10 -rss_limit_mb=2048 -print_final_stats=1 \
        >"fuzz/logs/$target.log" 2>&1; then
        echo "   CRASHED: see fuzz/logs/$target.log and fuzz/artifacts/$target/"
        status=1
    fi
    # The last status line (#N ... cov ... ft ... corp ...) and the final statistics.
    grep -E '^#[0-9]+' "fuzz/logs/$target.log" | tail -n 1 || true
    grep -E '^stat::(number_of_executed_units|average_exec_per_sec|peak_rss_mb)' \
        "fuzz/logs/$target.log" || true
    echo "   corpus: $(find "fuzz/corpus/$target" -type f | wc -l) inputs"
done
exit "$status"
