#!/usr/bin/python3
"""Writes MobileNetV2 1.0 (224, torchvision's layout) as ONNX with random weights from a fixed seed.

conv 3x3/2 to 32 channels, 17 inverted residual blocks (1x1 expansion, 3x3 depthwise convolution
with group = channels, 1x1 linear projection; a residual Add where stride is 1 and the width is
kept), conv 1x1 to 1280, global average pool and a 1000-way Gemm. ReLU6 is written as
Clip(0, 6), as exporters write it; every convolution is followed by BatchNormalization.
Input "input" float32 [N,3,224,224] (N the symbol "batch" unless --batch is given), output
"output" [N,1000]. Opset 13. Run with /usr/bin/python3 (it has onnx and numpy).
"""
import argparse
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from onnx_builder import GraphBuilder, batch_dim, save

# (expansion t, output channels c, repeats n, stride of the first repeat s), as in the paper.
SETTINGS = [(1, 16, 1, 1), (6, 24, 2, 2), (6, 32, 3, 2), (6, 64, 4, 2), (6, 96, 3, 1), (6, 160, 3, 2), (6, 320, 1, 1)]


def conv_bn_relu6(g, x, name, c_in, c_out, k, stride=1, group=1):
    y = g.conv(x, f"{name}.0", c_in, c_out, k, stride=stride, pad=(k - 1) // 2, group=group)
    return g.relu6(g.batch_norm(y, f"{name}.1", c_out), f"{name}.out")


def inverted_residual(g, x, name, c_in, c_out, stride, t):
    hidden = c_in * t
    y = x
    layer = 0
    if t != 1:
        y = conv_bn_relu6(g, y, f"{name}.conv.{layer}", c_in, hidden, 1)
        layer += 1
    y = conv_bn_relu6(g, y, f"{name}.conv.{layer}", hidden, hidden, 3, stride=stride, group=hidden)
    y = g.conv(y, f"{name}.conv.{layer + 1}", hidden, c_out, 1)
    y = g.batch_norm(y, f"{name}.conv.{layer + 2}", c_out, gamma_scale=0.5 if stride == 1 and c_in == c_out else 1.0)
    if stride == 1 and c_in == c_out:
        y = g.add(x, y, f"{name}.add")
    return y


def build(batch, seed):
    g = GraphBuilder(seed)
    x = conv_bn_relu6(g, "input", "features.0", 3, 32, 3, stride=2)
    c_in = 32
    index = 1
    for t, c, n, s in SETTINGS:
        for i in range(n):
            x = inverted_residual(g, x, f"features.{index}", c_in, c, s if i == 0 else 1, t)
            c_in = c
            index += 1
    x = conv_bn_relu6(g, x, f"features.{index}", c_in, 1280, 1)
    g.classifier(x, 1280, 1000, "output")  # torchvision's Dropout is the identity at inference
    n = batch_dim(batch)
    return g.model("mobilenetv2", "input", [n, 3, 224, 224], "output", [n, 1000],
                   f"MobileNetV2 1.0 224 (torchvision layout), random weights (seed {seed})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the .onnx file to write")
    parser.add_argument("--batch", type=int, help="a fixed batch size (default: symbolic 'batch')")
    parser.add_argument("--seed", type=int, default=2, help="numpy seed of the weights (default 2)")
    args = parser.parse_args()
    if args.batch is not None and args.batch < 1:
        parser.error("--batch must be at least 1")
    save(build(args.batch, args.seed), args.out)


if __name__ == "__main__":
    main()
