#!/usr/bin/python3
"""Writes the bundled example's model: a tiny CNN classifier, its input and its expected output.

tiny_cnn.onnx: input "input" float32 [1,1,28,28] -> Conv 3x3 (8, pad 1) - Relu - MaxPool 2x2 ->
Conv 3x3 (16, pad 1) - Relu - MaxPool 2x2 -> Flatten -> Gemm (10) -> Softmax -> output "output"
float32 [1,10]; weights random from a fixed numpy seed (about 36 KB). Beside it, <stem>_input.bin
(a drawn "7", 784 float32, little-endian) and <stem>_output.bin (the 10 probabilities, float32)
computed by the plain numpy reference below, so the example can check what the device computes.
Run with /usr/bin/python3 (it has onnx and numpy).
"""
import argparse
import os
import sys

import numpy as np
from numpy.lib.stride_tricks import sliding_window_view

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from onnx_builder import GraphBuilder, save


# ---- the numpy reference (float64 inside, float32 out) ------------------------------------------

def conv2d(x, w, b, pad):
    x = np.pad(x, ((0, 0), (0, 0), (pad, pad), (pad, pad)))
    k = w.shape[2]
    windows = sliding_window_view(x, (k, k), axis=(2, 3))  # [N, C, H, W, k, k]
    return np.einsum("nchwij,ocij->nohw", windows, w) + b[None, :, None, None]


def relu(x):
    return np.maximum(x, 0.0)


def max_pool_2x2(x):
    n, c, h, w = x.shape
    return x.reshape(n, c, h // 2, 2, w // 2, 2).max(axis=(3, 5))


def softmax(x):
    e = np.exp(x - x.max(axis=1, keepdims=True))
    return e / e.sum(axis=1, keepdims=True)


def reference(x, p):
    y = max_pool_2x2(relu(conv2d(x, p["conv1.weight"], p["conv1.bias"], 1)))
    y = max_pool_2x2(relu(conv2d(y, p["conv2.weight"], p["conv2.bias"], 1)))
    y = y.reshape(y.shape[0], -1)
    return softmax(y @ p["fc.weight"].T + p["fc.bias"])


# ---- the model and its data ---------------------------------------------------------------------

def build(seed):
    g = GraphBuilder(seed)
    x = g.conv("input", "conv1", 1, 8, 3, pad=1, bias=True)
    x = g.max_pool(g.relu(x, "relu1.out"), "pool1.out", 2, 2, 0)
    x = g.conv(x, "conv2", 8, 16, 3, pad=1, bias=True)
    x = g.max_pool(g.relu(x, "relu2.out"), "pool2.out", 2, 2, 0)
    x = g.node("Flatten", [x], "flatten.out", axis=1)
    w = g.rng.normal(0.0, np.sqrt(2.0 / 784), size=(10, 784)).astype(np.float32)
    b = g.rng.normal(0.0, 0.1, size=(10,)).astype(np.float32)
    x = g.node("Gemm", [x, g.weight("fc.weight", w), g.weight("fc.bias", b)], "fc.out", transB=1)
    g.node("Softmax", [x], "output", axis=1)
    model = g.model("tiny_cnn", "input", [1, 1, 28, 28], "output", [1, 10],
                    f"tiny CNN classifier for aclsim's bundled example, random weights (seed {seed})")
    params = {t.name: np.frombuffer(t.raw_data, dtype=np.float32).reshape(tuple(t.dims)).astype(np.float64)
              for t in model.graph.initializer}
    return model, params


def digit_seven(seed):
    """A 28x28 "7" in [0, 1] with a little noise, as float32 [1,1,28,28]."""
    image = np.zeros((28, 28))
    image[6:9, 6:23] = 1.0                       # the bar
    for row in range(9, 24):                     # the stem, leaning left as it goes down
        col = 21 - (row - 9) * 9 // 14
        image[row, col - 1:col + 2] = 1.0
    image += np.random.default_rng(seed + 1).uniform(0.0, 0.1, size=image.shape)
    return np.clip(image, 0.0, 1.0).astype(np.float32).reshape(1, 1, 28, 28)


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", default="examples/models/tiny_cnn.onnx",
                        help="the .onnx file to write; the .bin files go beside it (default %(default)s)")
    parser.add_argument("--seed", type=int, default=28, help="numpy seed of the weights and noise (default 28)")
    args = parser.parse_args()
    model, params = build(args.seed)
    save(model, args.out)
    stem = os.path.splitext(args.out)[0]
    x = digit_seven(args.seed)
    y = reference(x.astype(np.float64), params).astype(np.float32)
    x.astype("<f4").tofile(stem + "_input.bin")
    y.astype("<f4").tofile(stem + "_output.bin")
    print(f"wrote {stem}_input.bin ({x.nbytes} bytes) and {stem}_output.bin ({y.nbytes} bytes): "
          f"class {int(y.argmax())}, probabilities {np.array2string(y[0], precision=4)}")


if __name__ == "__main__":
    main()
