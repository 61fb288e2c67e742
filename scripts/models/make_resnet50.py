#!/usr/bin/python3
"""Writes ResNet-50 v1 (torchvision's layout) as ONNX with random weights from a fixed seed.

conv 7x7/2 - BN - ReLU - maxpool 3x3/2, then bottleneck stages of 3, 4, 6 and 3 blocks
(1x1 - 3x3 - 1x1 with the stride on the 3x3 convolution, as torchvision places it, and a 1x1
projection with BN on the shortcut where the shape changes), global average pool and a 1000-way
Gemm. Every convolution is followed by a BatchNormalization node (atc folds them).
Input "input" float32 [N,3,224,224] (N the symbol "batch" unless --batch is given), output
"output" [N,1000]. Opset 13. Run with /usr/bin/python3 (it has onnx and numpy).
"""
import argparse
import sys

sys.dont_write_bytecode = True  # no __pycache__ beside the scripts
from onnx_builder import GraphBuilder, batch_dim, save

STAGES = [(64, 3, 1), (128, 4, 2), (256, 6, 2), (512, 3, 2)]  # (width, blocks, stride of the first block)
EXPANSION = 4


def bottleneck(g, x, name, c_in, width, stride):
    c_out = width * EXPANSION
    y = g.relu(g.batch_norm(g.conv(x, f"{name}.conv1", c_in, width, 1), f"{name}.bn1", width), f"{name}.relu1")
    y = g.relu(g.batch_norm(g.conv(y, f"{name}.conv2", width, width, 3, stride=stride, pad=1), f"{name}.bn2", width),
               f"{name}.relu2")
    # The last BN of a residual branch starts small, so the sum of 16 blocks stays bounded.
    y = g.batch_norm(g.conv(y, f"{name}.conv3", width, c_out, 1), f"{name}.bn3", c_out, gamma_scale=0.2)
    shortcut = x
    if stride != 1 or c_in != c_out:
        shortcut = g.batch_norm(g.conv(x, f"{name}.downsample.0", c_in, c_out, 1, stride=stride),
                                f"{name}.downsample.1", c_out)
    return g.relu(g.add(y, shortcut, f"{name}.add"), f"{name}.out")


def build(batch, seed):
    g = GraphBuilder(seed)
    x = g.relu(g.batch_norm(g.conv("input", "conv1", 3, 64, 7, stride=2, pad=3), "bn1", 64), "relu")
    x = g.max_pool(x, "maxpool.out", 3, 2, 1)
    c_in = 64
    for stage, (width, blocks, stride) in enumerate(STAGES, start=1):
        for block in range(blocks):
            x = bottleneck(g, x, f"layer{stage}.{block}", c_in, width, stride if block == 0 else 1)
            c_in = width * EXPANSION
    g.classifier(x, c_in, 1000, "output")
    n = batch_dim(batch)
    return g.model("resnet50", "input", [n, 3, 224, 224], "output", [n, 1000],
                   f"ResNet-50 v1 (torchvision layout), random weights (seed {seed})")


def main():
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--out", required=True, help="the .onnx file to write")
    parser.add_argument("--batch", type=int, help="a fixed batch size (default: symbolic 'batch')")
    parser.add_argument("--seed", type=int, default=50, help="numpy seed of the weights (default 50)")
    args = parser.parse_args()
    if args.batch is not None and args.batch < 1:
        parser.error("--batch must be at least 1")
    save(build(args.batch, args.seed), args.out)


if __name__ == "__main__":
    main()
