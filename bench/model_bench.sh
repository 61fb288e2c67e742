#!/usr/bin/env bash
# ResNet-50 and MobileNetV2 latency through aclsim (aclmdlExecute, fp32) and through ONNX Runtime
# (CPU, when it can be installed), with the same thread count on both sides, in the same run.
#
#   bash bench/model_bench.sh [build-dir]        (default: build)
#
# Works in <build-dir>/model_bench: generates the models with scripts/models/make_<model>.py,
# converts them with atc --precision_mode=force_fp32, installs onnxruntime-node@1.20.1 there
# (npm, --ignore-scripts: the package carries its CPU binary), then for each thread count runs
# bench/model_bench.cpp and bench/ort_bench.js in alternation, ROUNDS times, and appends every
# figure to results.jsonl. It prints the summary that bench/report.py puts into
# docs/performance.md (bench/run_all.sh runs this script). Never a pass/fail test.
#
# Environment: MODEL_BENCH_MODELS (default "resnet50 mobilenetv2"), MODEL_BENCH_THREADS (default
# "1 2"), MODEL_BENCH_BATCHES (default "1 8"), MODEL_BENCH_ROUNDS (default 3), MODEL_BENCH_NO_ORT=1
# to skip ONNX Runtime.
set -euo pipefail
cd "$(dirname "$0")/.."
root=$PWD
build=$(cd "${1:-build}" && pwd)
cache=$build/model_bench
mkdir -p "$cache"
models=${MODEL_BENCH_MODELS:-resnet50 mobilenetv2}
threads_list=${MODEL_BENCH_THREADS:-1 2}
batches=${MODEL_BENCH_BATCHES:-1 8}
rounds=${MODEL_BENCH_ROUNDS:-3}
model_python=/usr/bin/python3  # has onnx and numpy (scripts/models/README.md)

cmake --build "$build" --target aclsim_model_bench atc >/dev/null
bench=$build/bench/aclsim_model_bench
atc=$build/tools/atc/atc

for m in $models; do
  for b in $batches; do
    onnx=$cache/${m}_b$b.onnx
    if [ ! -s "$onnx" ] || [ "$onnx" -ot "scripts/models/make_$m.py" ]; then
      "$model_python" "scripts/models/make_$m.py" --out "$onnx" --batch "$b" >/dev/null
    fi
    if [ ! -s "$cache/${m}_b$b.om" ] || [ "$cache/${m}_b$b.om" -ot "$onnx" ] || [ "$cache/${m}_b$b.om" -ot "$atc" ]; then
      "$atc" --framework=5 --model="$onnx" --output="$cache/${m}_b$b" --soc_version=Ascend310 \
        --precision_mode=force_fp32 >/dev/null
    fi
  done
done

ort=0
if [ "${MODEL_BENCH_NO_ORT:-0}" != 1 ] && command -v node >/dev/null; then
  if [ ! -f "$cache/ort/node_modules/onnxruntime-node/package.json" ] && command -v npm >/dev/null; then
    npm install --prefix "$cache/ort" onnxruntime-node@1.20.1 --ignore-scripts --no-audit --no-fund \
      >"$cache/npm.log" 2>&1 || echo "npm install failed (see $cache/npm.log)"
  fi
  [ -f "$cache/ort/node_modules/onnxruntime-node/package.json" ] && ort=1
fi
[ "$ort" = 1 ] || echo "ONNX Runtime not available: reporting aclsim's figures only"

results=$cache/results.jsonl
: >"$results"
# One JSON object per line: the program's figures plus what was measured.
# The 1-minute load average is kept too: on a shared machine it says how noisy a figure is.
record() {  # model side batch round json
  printf '{"model": "%s", "side": "%s", "batch": %s, "round": %s, "load_average": %s, "figures": %s}\n' "$1" "$2" \
    "$3" "$4" "$(cut -d' ' -f1 /proc/loadavg 2>/dev/null || echo null)" "$5" >>"$results"
}
for m in $models; do
for b in $batches; do
  runs=20 warmup=3
  [ "$b" -gt 1 ] && runs=5 warmup=1
  for t in $threads_list; do
    for r in $(seq 1 "$rounds"); do
      out=$cache/aclsim_${m}_b${b}_t$t.bin
      line=$(ACLSIM_AICORE_THREADS=$t "$bench" --model "$cache/${m}_b$b.om" --warmup $warmup --runs $runs \
               --output "$out" --json | tail -n 1)
      record "$m" aclsim "$b" "$r" "$line"
      if [ "$ort" = 1 ]; then
        if line=$(node bench/ort_bench.js --model "$cache/${m}_b$b.onnx" --ort-dir "$cache/ort" --threads "$t" \
                    --warmup $warmup --runs $runs --compare "$out" --json | tail -n 1); then
          record "$m" ort "$b" "$r" "$line"
        else
          echo "ONNX Runtime failed for $m batch $b, $t threads"
        fi
      fi
    done
  done
done
done
python3 "$root/bench/report.py" --model-section "$build"
