#!/usr/bin/env bash
# Builds the .om reader's libFuzzer target with clang (ASan + UBSan, checksums not enforced so
# mutations reach the graph parser and planner) and fuzzes it for a bounded time, starting from
# the aclmdl test models. Usage: scripts/test-fuzz.sh [seconds, default 60]
set -euo pipefail
cd "$(dirname "$0")/.."
seconds="${1:-60}"
sanitize="-fsanitize=fuzzer-no-link,address,undefined -fno-sanitize-recover=undefined"
cmake -S . -B build-fuzz -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_C_COMPILER=clang -DCMAKE_CXX_COMPILER=clang++ \
  -DCMAKE_CXX_FLAGS="$sanitize -DFUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION" \
  -DACLSIM_FUZZ=ON -DACLSIM_BUILD_TESTS=OFF -DACLSIM_BUILD_EXAMPLES=OFF -DACLSIM_BUILD_BENCHMARKS=OFF >/dev/null
cmake --build build-fuzz -j"$(nproc)" --target om_reader_fuzzer make_fuzz_seeds
corpus=build-fuzz/om_corpus
mkdir -p "$corpus"
build-fuzz/tests/fuzz/make_fuzz_seeds "$corpus"
echo "fuzzing the .om reader for ${seconds} s"
build-fuzz/tests/fuzz/om_reader_fuzzer -max_total_time="$seconds" -max_len=65536 -rss_limit_mb=4096 \
  -artifact_prefix=build-fuzz/ \
  -print_final_stats=1 "$corpus" 2>&1 | tail -n 12
