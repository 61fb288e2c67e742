#!/usr/bin/env node
// ONNX Runtime's latency for one ONNX model, the reference bench/model_bench.sh compares aclsim
// with: the same input pattern as bench/model_bench.cpp, a fixed thread count, warm-up runs,
// then timed runs; optionally the largest difference from aclsim's output file.
//
//   node bench/ort_bench.js --model m.onnx --ort-dir DIR [--threads N] [--warmup 3] [--runs 20]
//                           [--compare aclsim_output.bin] [--json]
//
// onnxruntime-node@1.20.1 is required from DIR/node_modules (installed there by model_bench.sh
// with `npm install --prefix DIR onnxruntime-node@1.20.1 --ignore-scripts`). Its npm package
// carries the prebuilt CPU binding (bin/napi-v3/<platform>/<arch>/onnxruntime_binding.node) and
// libonnxruntime.so; the skipped install script only fetches GPU providers. Without it this
// prints "ONNX Runtime not available" and exits with status 3.
'use strict';

const fs = require('fs');
const path = require('path');

function parse(argv) {
  const o = {threads: 1, warmup: 3, runs: 20, json: false};
  for (let i = 2; i < argv.length; ++i) {
    const a = argv[i];
    const next = () => {
      if (i + 1 >= argv.length) usage();
      return argv[++i];
    };
    if (a === '--model') o.model = next();
    else if (a === '--ort-dir') o.ortDir = next();
    else if (a === '--threads') o.threads = parseInt(next(), 10);
    else if (a === '--warmup') o.warmup = parseInt(next(), 10);
    else if (a === '--runs') o.runs = parseInt(next(), 10);
    else if (a === '--compare') o.compare = next();
    else if (a === '--json') o.json = true;
    else usage();
  }
  if (!o.model || !o.ortDir || !(o.threads >= 1) || !(o.runs >= 1) || !(o.warmup >= 0)) usage();
  return o;
}

function usage() {
  console.error('usage: node ort_bench.js --model FILE.onnx --ort-dir DIR [--threads N] [--warmup N] [--runs N] ' +
                '[--compare FILE] [--json]');
  process.exit(2);
}

// bench/model_bench.cpp's FillPattern: a 32-bit LCG, floats in [-1, 1) that are exact in float32.
function fillPattern(data, seed) {
  let state = seed >>> 0;
  for (let i = 0; i < data.length; ++i) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    data[i] = (state >>> 8) / 16777216 * 2 - 1;
  }
}

function loadOrt(dir) {
  try {
    return require(path.resolve(dir, 'node_modules', 'onnxruntime-node'));
  } catch (e) {
    console.log(`ONNX Runtime not available (${e.message.split('\n')[0]})`);
    process.exit(3);
  }
}

function median(sorted) {
  const n = sorted.length;
  return n % 2 ? sorted[(n - 1) / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
}

async function main() {
  const o = parse(process.argv);
  const ort = loadOrt(o.ortDir);
  const version = require(path.resolve(o.ortDir, 'node_modules', 'onnxruntime-node', 'package.json')).version;
  // Sequential execution: one intra-op pool of `threads` threads (the caller included) runs each
  // node, as aclsim's AI-core pool does; the inter-op pool is not used.
  const options = {
    executionProviders: ['cpu'],
    intraOpNumThreads: o.threads,
    interOpNumThreads: 1,
    executionMode: 'sequential',
    graphOptimizationLevel: 'all',
  };
  const loadStart = process.hrtime.bigint();
  const session = await ort.InferenceSession.create(o.model, options);
  const loadMs = Number(process.hrtime.bigint() - loadStart) / 1e6;

  const feeds = {};
  session.inputNames.forEach((name, k) => {
    const dims = modelInputDims(session, name, o.model);
    const data = new Float32Array(dims.reduce((a, b) => a * b, 1));
    fillPattern(data, 12345 + k);
    feeds[name] = new ort.Tensor('float32', data, dims);
  });

  let result;
  for (let i = 0; i < o.warmup; ++i) result = await session.run(feeds);
  const times = [];
  for (let i = 0; i < o.runs; ++i) {
    const start = process.hrtime.bigint();
    result = await session.run(feeds);
    times.push(Number(process.hrtime.bigint() - start) / 1e6);
  }
  const sorted = times.slice().sort((a, b) => a - b);
  const mean = times.reduce((a, b) => a + b, 0) / times.length;
  const figures = {runtime: `onnxruntime-node ${version}`, threads: o.threads, load_ms: loadMs, runs: o.runs,
                   min_ms: sorted[0], median_ms: median(sorted), mean_ms: mean};

  if (o.compare) {
    const out = result[session.outputNames[0]].data;
    const bytes = fs.readFileSync(o.compare);
    const other = new Float32Array(bytes.buffer, bytes.byteOffset, Math.floor(bytes.length / 4));
    if (other.length !== out.length) {
      console.error(`ort_bench: ${o.compare} has ${other.length} floats, ONNX Runtime's output ${out.length}`);
      process.exit(1);
    }
    let maxAbs = 0, maxRef = 0;
    for (let i = 0; i < out.length; ++i) {
      maxAbs = Math.max(maxAbs, Math.abs(out[i] - other[i]));
      maxRef = Math.max(maxRef, Math.abs(out[i]));
    }
    figures.max_abs_diff = maxAbs;
    figures.max_abs_output = maxRef;
  }

  let line = `${o.model}: ${figures.runtime}, ${o.threads} threads, load ${loadMs.toFixed(1)} ms, ` +
             `${o.warmup} warm-up + ${o.runs} runs: min ${figures.min_ms.toFixed(2)} ms, ` +
             `median ${figures.median_ms.toFixed(2)} ms, mean ${mean.toFixed(2)} ms`;
  if (o.compare) line += `; max |ort - aclsim| ${figures.max_abs_diff.toExponential(2)} (max |output| ${figures.max_abs_output.toFixed(3)})`;
  console.log(line);
  if (o.json) console.log(JSON.stringify(figures));
}

// The input's dims; ONNX Runtime's node API exposes names only, so a symbolic dim is an error
// (the benchmark's models are generated with a fixed batch).
function modelInputDims(session, name, file) {
  const meta = session.inputMetadata;  // present in newer bindings only
  if (meta && meta[name] && Array.isArray(meta[name].dimensions)) return meta[name].dimensions;
  return inputDimsFromOnnx(fs.readFileSync(file), name);
}

// Reads graph.input[name]'s dims from the ONNX protobuf (just the fields needed: ModelProto.graph
// = 7, GraphProto.input = 11, ValueInfoProto.name = 1 / type = 2, TypeProto.tensor_type = 1,
// Tensor.shape = 2, TensorShapeProto.dim = 1, Dimension.dim_value = 1).
function inputDimsFromOnnx(buf, wanted) {
  function* fields(b, start, end) {
    let p = start;
    const varint = () => {
      let v = 0, mul = 1, byte;
      do {
        byte = b[p++];
        v += (byte & 0x7f) * mul;
        mul *= 128;
      } while (byte & 0x80);
      return v;
    };
    while (p < end) {
      const key = varint();
      const field = Math.floor(key / 8), wire = key & 7;
      if (wire === 0) yield {field, value: varint()};
      else if (wire === 2) {
        const len = varint();
        yield {field, start: p, end: p + len};
        p += len;
      } else if (wire === 1) p += 8;
      else if (wire === 5) p += 4;
      else throw new Error(`unsupported protobuf wire type ${wire}`);
    }
  }
  const sub = (f, s, e, n) => [...fields(buf, s, e)].filter((x) => x.field === n && x.start !== undefined);
  for (const graph of sub(null, 0, buf.length, 7)) {
    for (const input of sub(null, graph.start, graph.end, 11)) {
      const name = sub(null, input.start, input.end, 1)[0];
      if (!name || buf.toString('utf8', name.start, name.end) !== wanted) continue;
      const dims = [];
      for (const type of sub(null, input.start, input.end, 2)) {
        for (const tensor of sub(null, type.start, type.end, 1)) {
          for (const shape of sub(null, tensor.start, tensor.end, 2)) {
            for (const dim of sub(null, shape.start, shape.end, 1)) {
              const value = [...fields(buf, dim.start, dim.end)].find((x) => x.field === 1 && x.value !== undefined);
              if (!value) throw new Error(`input ${wanted} has a symbolic dim; generate the model with a fixed batch`);
              dims.push(value.value);
            }
          }
        }
      }
      return dims;
    }
  }
  throw new Error(`input ${wanted} not found in the model`);
}

main().catch((e) => {
  console.error(`ort_bench: ${e.stack || e}`);
  process.exit(1);
});
