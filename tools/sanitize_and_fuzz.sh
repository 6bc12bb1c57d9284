#!/usr/bin/env bash
# ASan+UBSan build and test run, then the scenario-parser fuzzer for a bounded time.
# usage: tools/sanitize_and_fuzz.sh [fuzz seconds (default 60)] [build dir (default <repo>/build-asan)]
# Needs clang (libFuzzer + compiler-rt: clang-14, libclang-rt-14-dev on Debian 12).
set -euo pipefail
repo="$(cd "$(dirname "$0")/.." && pwd)"
fuzz_seconds="${1:-60}"
build="${2:-$repo/build-asan}"
jobs="$(nproc)"
CXX_BIN="${CXX:-$(command -v clang++-14 || command -v clang++)}"
CC_BIN="${CC:-$(command -v clang-14 || command -v clang)}"
start=$(date +%s)
stamp() { echo "[sanitize_and_fuzz] $(( $(date +%s) - start )) s: $*"; }

stamp "configure $build (clang, ASan+UBSan, fuzz target on)"
cmake -S "$repo" -B "$build" -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER="$CC_BIN" -DCMAKE_CXX_COMPILER="$CXX_BIN" \
  -DSPINESIM_SANITIZE=ON -DSPINESIM_FUZZ=ON -DSPINESIM_BUILD_PYTHON=OFF -DSPINESIM_BUILD_BENCH=OFF
stamp "build"
cmake --build "$build" -j"$jobs"

stamp "ctest under ASan+UBSan"
export ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1:abort_on_error=1}"
export UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1:halt_on_error=1}"
ctest_status=0
(cd "$build" && ctest --output-on-failure -j"$jobs") || ctest_status=$?

stamp "fuzz load_scenario for ${fuzz_seconds} s"
corpus="$build/fuzz/corpus"
mkdir -p "$corpus" "$build/fuzz/findings"
fuzz_status=0
"$build/fuzz/fuzz_scenario_parser" "$corpus" -max_total_time="$fuzz_seconds" -max_len=4096 -timeout=10 \
  -artifact_prefix="$build/fuzz/findings/" -print_final_stats=1 || fuzz_status=$?

stamp "done: ctest exit $ctest_status, fuzzer exit $fuzz_status (findings, if any, in $build/fuzz/findings)"
[ "$ctest_status" -eq 0 ] && [ "$fuzz_status" -eq 0 ]
