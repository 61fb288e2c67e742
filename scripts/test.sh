#!/usr/bin/env bash
# Installs dependencies, builds, and runs every test (what CI runs): the ThreadSanitizer job of
# the runtime and a bounded fuzzing run of the .om reader first, then the whole ctest suite
# (ONNX conformance included), whose summary closes the output.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DACLSIM_BUILD_TESTS=ON -DACLSIM_BUILD_EXAMPLES=ON  # explicit: demo.sh turns tests off
bash scripts/test-tsan.sh
bash scripts/test-fuzz.sh 60
ctest --test-dir build --output-on-failure -j"$(nproc)"
