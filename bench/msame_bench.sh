#!/usr/bin/env bash
# The models as an AscendCL user first runs them: aclsim's msame on ResNet-50 and MobileNetV2
# (random weights, scripts/models), batch 1 and 8, float32 (atc --precision_mode=force_fp32).
# Records msame's --json summary (model load time, latency, throughput, peak resident memory)
# with each model's weight and planned work memory (atc --mode=1), so the report can set peak
# memory against weights + work. Usage: bash bench/msame_bench.sh [build-dir]
#
# Works in <build-dir>/model_bench (shared with bench/model_bench.sh) and writes msame.jsonl
# there, one line per model and batch; bench/report.py summarises it. Never a pass/fail test.
# Environment: MSAME_BENCH_LOOPS (default 20 at batch 1, 5 at batch 8).
set -euo pipefail
cd "$(dirname "$0")/.."
build=$(cd "${1:-build}" && pwd)
cache=$build/model_bench
mkdir -p "$cache"
model_python=/usr/bin/python3  # has onnx and numpy (scripts/models/README.md)
cmake --build "$build" --target msame atc >/dev/null
msame=$build/tools/msame/msame
atc=$build/tools/atc/atc

results=$cache/msame.jsonl
: >"$results"
for model in resnet50 mobilenetv2; do
  for b in 1 8; do
    name=${model}_b$b
    onnx=$cache/$name.onnx
    if [ ! -s "$onnx" ] || [ "$onnx" -ot "scripts/models/make_$model.py" ]; then
      "$model_python" "scripts/models/make_$model.py" --out "$onnx" --batch "$b" >/dev/null
    fi
    if [ ! -s "$cache/$name.om" ] || [ "$cache/$name.om" -ot "$onnx" ] || [ "$cache/$name.om" -ot "$atc" ]; then
      "$atc" --framework=5 --model="$onnx" --output="$cache/$name" --soc_version=Ascend310 \
        --precision_mode=force_fp32 >/dev/null
    fi
    # "<...>: N nodes, ... B bytes of weights ...; W bytes of work memory (...)"
    summary=$("$atc" --mode=1 --om="$cache/$name.om" --json="$cache/$name.json" | tail -n 1)
    weights=$(sed -E 's/.* ([0-9]+) bytes of weights.*/\1/' <<<"$summary")
    work=$(sed -E 's/.*; ([0-9]+) bytes of work memory.*/\1/' <<<"$summary")
    loops=${MSAME_BENCH_LOOPS:-$([ "$b" = 1 ] && echo 20 || echo 5)}
    (cd "$cache" && "$msame" --model "$name.om" --loop "$loops" --json "$cache/$name.msame.json" >/dev/null)
    printf '{"model": "%s", "batch": %s, "weights_bytes": %s, "work_bytes": %s, "load_average": %s, "msame": %s}\n' \
      "$model" "$b" "$weights" "$work" "$(cut -d' ' -f1 /proc/loadavg)" "$(tr -d '\n' <"$cache/$name.msame.json")" \
      >>"$results"
  done
done
python3 bench/report.py --msame-section "$build"
