#!/usr/bin/env bash
# Runs aclsim's benchmarks from ./build (building them first) and rewrites docs/performance.md
# with the machine's description and every figure, including DVPP's against libjpeg-turbo and
# libswscale, bench/model_bench.sh's ResNet-50 comparison with ONNX Runtime and
# bench/msame_bench.sh's load times and peak memory through msame.
# Usage: bash bench/run_all.sh [build-dir]
set -euo pipefail
cd "$(dirname "$0")/.."
build=${1:-build}
cmake --build "$build" --target aclsim_runtime_bench aclsim_memory_bench aclsim_gemm_bench aclsim_dvpp_bench \
  $(grep -q aclsim_memcpy_bench bench/CMakeLists.txt && echo aclsim_memcpy_bench) >/dev/null
bash bench/model_bench.sh "$build"
bash bench/msame_bench.sh "$build"
python3 bench/report.py "$build" > docs/performance.md.new
mv docs/performance.md.new docs/performance.md
echo "docs/performance.md rewritten"
