"""Builds ONNX graphs layer by layer with onnx.helper: the shared part of the model generators.

Weights are drawn from one numpy Generator seeded by the caller, so a script run twice writes
the same model. Convolutions use He-normal weights and BatchNormalization random but plausible
statistics, so activations stay in a sensible range through deep networks.
"""
import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

OPSET = 13


class GraphBuilder:
    def __init__(self, seed):
        self.rng = np.random.default_rng(seed)
        self.nodes = []
        self.initializers = []
        self._counts = {}

    def _node_name(self, op):
        n = self._counts.get(op, 0)
        self._counts[op] = n + 1
        return f"{op}_{n}"

    def weight(self, name, array):
        self.initializers.append(numpy_helper.from_array(np.ascontiguousarray(array), name))
        return name

    def node(self, op, inputs, output, **attrs):
        self.nodes.append(helper.make_node(op, inputs, [output], name=self._node_name(op), **attrs))
        return output

    # ---- layers ----------------------------------------------------------------------------

    def conv(self, x, name, c_in, c_out, k, stride=1, pad=0, group=1, bias=False, out=None):
        fan_in = (c_in // group) * k * k
        w = self.rng.normal(0.0, np.sqrt(2.0 / fan_in), size=(c_out, c_in // group, k, k)).astype(np.float32)
        inputs = [x, self.weight(f"{name}.weight", w)]
        if bias:
            b = self.rng.normal(0.0, 0.01, size=(c_out,)).astype(np.float32)
            inputs.append(self.weight(f"{name}.bias", b))
        return self.node("Conv", inputs, out or f"{name}.out", kernel_shape=[k, k], strides=[stride, stride],
                         pads=[pad, pad, pad, pad], group=group, dilations=[1, 1])

    def batch_norm(self, x, name, c, gamma_scale=1.0, out=None):
        gamma = (gamma_scale * self.rng.uniform(0.8, 1.2, size=(c,))).astype(np.float32)
        beta = self.rng.normal(0.0, 0.05, size=(c,)).astype(np.float32)
        mean = self.rng.normal(0.0, 0.05, size=(c,)).astype(np.float32)
        var = self.rng.uniform(0.8, 1.2, size=(c,)).astype(np.float32)
        inputs = [x] + [self.weight(f"{name}.{p}", a)
                        for p, a in (("weight", gamma), ("bias", beta), ("running_mean", mean), ("running_var", var))]
        return self.node("BatchNormalization", inputs, out or f"{name}.out", epsilon=1e-5, momentum=0.9)

    def relu(self, x, out):
        return self.node("Relu", [x], out)

    def relu6(self, x, out):
        # ReLU6 as ONNX exporters write it: Clip with min 0 and max 6 given as inputs (opset >= 11).
        if "relu6.min" not in {t.name for t in self.initializers}:
            self.weight("relu6.min", np.array(0.0, dtype=np.float32))
            self.weight("relu6.max", np.array(6.0, dtype=np.float32))
        return self.node("Clip", [x, "relu6.min", "relu6.max"], out)

    def add(self, a, b, out):
        return self.node("Add", [a, b], out)

    def max_pool(self, x, out, k, stride, pad):
        return self.node("MaxPool", [x], out, kernel_shape=[k, k], strides=[stride, stride], pads=[pad, pad, pad, pad])

    def classifier(self, x, c_in, classes, out):
        """Global average pool, flatten, then a fully connected layer (Gemm, weight [classes, c_in])."""
        pooled = self.node("GlobalAveragePool", [x], "pool.out")
        flat = self.node("Flatten", [pooled], "flatten.out", axis=1)
        w = self.rng.normal(0.0, np.sqrt(1.0 / c_in), size=(classes, c_in)).astype(np.float32)
        b = self.rng.normal(0.0, 0.01, size=(classes,)).astype(np.float32)
        return self.node("Gemm", [flat, self.weight("fc.weight", w), self.weight("fc.bias", b)], out,
                         alpha=1.0, beta=1.0, transB=1)

    # ---- the model -------------------------------------------------------------------------

    def model(self, graph_name, input_name, input_shape, output_name, output_shape, doc):
        graph = helper.make_graph(
            self.nodes, graph_name,
            [helper.make_tensor_value_info(input_name, TensorProto.FLOAT, input_shape)],
            [helper.make_tensor_value_info(output_name, TensorProto.FLOAT, output_shape)],
            initializer=self.initializers)
        model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", OPSET)],
                                  producer_name="aclsim scripts/models", doc_string=doc)
        onnx.checker.check_model(model, full_check=True)
        return model


def batch_dim(batch):
    """The input's batch dimension: the symbol "batch" unless a fixed size is given."""
    return "batch" if batch is None else batch


def save(model, path):
    onnx.save(model, path)
    check = onnx.load(path)
    onnx.checker.check_model(check, full_check=True)
    params = sum(int(np.prod(t.dims)) for t in check.graph.initializer)
    print(f"wrote {path}: {len(check.graph.node)} nodes, {params} parameters, opset {OPSET}, checker passed")
