#!/usr/bin/env bash
# Installs dependencies, builds, converts the bundled ONNX model with atc and runs it through the
# model_inference example (the README's main command), then runs the other examples.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh -DACLSIM_BUILD_TESTS=OFF -DACLSIM_BUILD_EXAMPLES=ON

echo "== atc: examples/models/tiny_cnn.onnx -> build/tiny_cnn.om"
build/tools/atc/atc --framework=5 --model=examples/models/tiny_cnn.onnx --output=build/tiny_cnn \
  --soc_version=Ascend310 --precision_mode=force_fp32
echo "== model_inference"
build/examples/model_inference build/tiny_cnn.om examples/models/tiny_cnn_input.bin examples/models/tiny_cnn_output.bin

echo "== tensor_basics"
build/examples/tensor_basics
