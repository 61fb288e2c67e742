#!/usr/bin/env bash
# Builds the runtime tests and the DVPP tests with ThreadSanitizer into ./build-tsan and runs,
# under the asynchronous executor, the runtime tests (worker threads, report threads, the
# multi-threaded stress test) and the video tests (decode/encode tasks on channel streams, callbacks
# on report threads). The first data race or lock-order problem fails the run. Extra arguments go
# to the runtime test binary.
# -Wno-tsan: GCC warns (an error under -Werror) that TSan cannot model the atomic_thread_fence in
# Eigen's thread pool, which src/sim uses; the runtime tests do not run kernels.
set -euo pipefail
cd "$(dirname "$0")/.."
cmake -S . -B build-tsan -G Ninja \
  -DCMAKE_BUILD_TYPE=RelWithDebInfo \
  -DCMAKE_CXX_FLAGS="-fsanitize=thread -Wno-tsan" \
  -DCMAKE_C_FLAGS=-fsanitize=thread \
  -DCMAKE_EXE_LINKER_FLAGS=-fsanitize=thread \
  -DCMAKE_SHARED_LINKER_FLAGS=-fsanitize=thread \
  -DACLSIM_BUILD_EXAMPLES=OFF \
  -DACLSIM_BUILD_BENCHMARKS=OFF
cmake --build build-tsan -j"$(nproc)" --target aclsim_runtime_tests aclsim_dvpp_api_tests
options="halt_on_error=1 second_deadlock_stack=1 suppressions=$PWD/scripts/tsan-suppressions.txt"
env -u ACLSIM_EXECUTOR TSAN_OPTIONS="$options" build-tsan/tests/api/aclsim_runtime_tests "$@"
# The accessor tests are left out: they pass destroyed handles on purpose, which the sanitizer
# reports as a use after free (the handle check reads the freed object's tag by design).
env -u ACLSIM_EXECUTOR TSAN_OPTIONS="$options" build-tsan/tests/api/aclsim_dvpp_api_tests \
  --gtest_filter='Vdec*:Venc*:-*Accessors*'
