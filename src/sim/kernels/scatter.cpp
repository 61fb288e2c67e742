// Scatters into a copy of data, with ONNX's semantics:
// - ScatterElements (ONNX ScatterElements): updates[i...] goes to data at i... with its `axis`
//   coordinate replaced by indices[i...]; indices and updates have data's rank and share a shape.
// - TensorScatterUpdate (ONNX ScatterND): each index row indices[r, :k] names a slice
//   data[i0, ..., ik-1, ...] that updates[r, ...] is written to.
// `reduction` (none, add, mul, max, min) combines an update with the value already there. Updates
// are applied in row-major order, so with duplicate indices and "none" the last one wins. Negative
// indices count from the end of their dim; an index outside [-dim, dim) is an error.
#include <algorithm>
#include <cstring>
#include <string>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/input_values.h"
#include "sim/kernels/strided_copy.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

enum class Combine { kNone, kAdd, kMul, kMax, kMin };

Combine ReductionOf(const char* op, const AttrReader& attrs, DType dtype) {
  const std::string r = attrs.String("reduction", "none");
  Combine c;
  if (r == "none") c = Combine::kNone;
  else if (r == "add") c = Combine::kAdd;
  else if (r == "mul") c = Combine::kMul;
  else if (r == "max") c = Combine::kMax;
  else if (r == "min") c = Combine::kMin;
  else Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: reduction must be none, add, mul, max or min, is \"{}\"", op, r);
  if (c != Combine::kNone && dtype == DType::kBool) {
    Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "{}: reduction \"{}\" needs numeric data, not bool", op, r);
  }
  return c;
}

template <typename T>
T Apply(Combine c, T old, T update) {
  if constexpr (std::is_same_v<T, bool>) {
    return update;
  } else {
    using C = typename ComputeType<T>::type;
    const C a = static_cast<C>(old), b = static_cast<C>(update);
    switch (c) {
      case Combine::kNone: return update;
      case Combine::kAdd: return static_cast<T>(static_cast<C>(a + b));
      case Combine::kMul: return static_cast<T>(static_cast<C>(a * b));
      case Combine::kMax: return static_cast<T>(b > a ? b : a);
      case Combine::kMin: return static_cast<T>(b < a ? b : a);
    }
    return update;
  }
}

int64_t Wrap(const char* op, int64_t index, int64_t size) {
  if (index < -size || index >= size) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}: index {} is out of range for a dim of size {}", op, index, size);
  }
  return index < 0 ? index + size : index;
}

void CopyData(const KernelArgs& args) {
  const TensorView &data = args.inputs[0], &y = args.outputs[0];
  const size_t bytes = data.ByteSize();
  args.parallel.For(static_cast<int64_t>(bytes), kCopyGrain * 4, [&](int64_t begin, int64_t end) {
    std::memcpy(static_cast<char*>(y.data) + begin, static_cast<const char*>(data.data) + begin,
                static_cast<size_t>(end - begin));
  });
}

void RequireDataAndUpdates(const char* op, const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType(op, "data", in[0], kAllTypes);
  RequireDType(op, "indices", in[1], {DType::kInt32, DType::kInt64});
  if (in[2].dtype != in[0].dtype) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: updates is {} but data is {}", op, Name(in[2].dtype), Name(in[0].dtype));
  }
  ReductionOf(op, attrs, in[0].dtype);
}

// ---- ScatterElements ------------------------------------------------------------------------------

std::vector<TensorSpec> ScatterElementsInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "ScatterElements";
  RequireDataAndUpdates(op, in, attrs);
  const Shape &data = in[0].shape, &indices = in[1].shape, &updates = in[2].shape;
  if (data.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: data must have at least one dim", op);
  const int64_t axis = NormalizeAxis(op, "axis", attrs.Int("axis", 0), static_cast<int64_t>(data.size()));
  if (indices != updates) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: indices {} and updates {} must have one shape", op, ToString(indices),
         ToString(updates));
  }
  if (indices.size() != data.size()) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: indices {} must have the rank of data {}", op, ToString(indices),
         ToString(data));
  }
  for (size_t d = 0; d < data.size(); ++d) {
    if (static_cast<int64_t>(d) != axis && indices[d] > data[d]) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dim {} of indices {} exceeds that of data {}", op, d, ToString(indices),
           ToString(data));
    }
  }
  return {in[0]};
}

void ScatterElementsKernel(const KernelArgs& args) {
  const TensorView &data = args.inputs[0], &indices = args.inputs[1], &updates = args.inputs[2], &y = args.outputs[0];
  const Combine combine = ReductionOf(args.op, args.attrs, data.dtype());
  const int64_t rank = data.rank();
  const int64_t axis = NormalizeAxis(args.op, "axis", args.attrs.Int("axis", 0), rank);
  CopyData(args);
  if (updates.NumElements() == 0) return;
  const std::vector<int64_t> idx = ReadInts(indices);
  std::vector<int64_t> data_strides(static_cast<size_t>(rank)), upd_strides(static_cast<size_t>(rank));
  for (int64_t d = rank, ds = 1, us = 1; d-- > 0;) {
    data_strides[static_cast<size_t>(d)] = ds;
    upd_strides[static_cast<size_t>(d)] = us;
    ds *= data.dim(d);
    us *= updates.dim(d);
  }
  const int64_t length = updates.dim(axis), dim = data.dim(axis);
  const int64_t outer = updates.NumElements() / length;
  DispatchAll(data.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* pu = updates.As<T>();
    T* py = y.As<T>();
    // Updates that differ outside `axis` never meet, so each line along the axis is one task.
    args.parallel.For(outer, std::max<int64_t>(1, kCopyGrain / length), [&](int64_t begin, int64_t end) {
      for (int64_t o = begin; o < end; ++o) {
        int64_t rest = o, upd_base = 0, data_base = 0;
        for (int64_t d = rank; d-- > 0;) {
          if (d == axis) continue;
          const int64_t k = rest % updates.dim(d);
          rest /= updates.dim(d);
          upd_base += k * upd_strides[static_cast<size_t>(d)];
          data_base += k * data_strides[static_cast<size_t>(d)];
        }
        for (int64_t j = 0; j < length; ++j) {
          const int64_t u = upd_base + j * upd_strides[static_cast<size_t>(axis)];
          T& dst = py[data_base + Wrap(args.op, idx[static_cast<size_t>(u)], dim) * data_strides[static_cast<size_t>(axis)]];
          dst = Apply(combine, dst, pu[u]);
        }
      }
    });
  });
}

// ---- TensorScatterUpdate (ScatterND) ---------------------------------------------------------------

std::vector<TensorSpec> TensorScatterUpdateInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "TensorScatterUpdate";
  RequireDataAndUpdates(op, in, attrs);
  const Shape &data = in[0].shape, &indices = in[1].shape, &updates = in[2].shape;
  if (indices.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: indices must have at least one dim", op);
  const int64_t depth = indices.back();
  if (depth < 1 || depth > static_cast<int64_t>(data.size())) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the last dim of indices {} must lie in [1, {}], the rank of data {}", op,
         ToString(indices), data.size(), ToString(data));
  }
  Shape expected(indices.begin(), indices.end() - 1);
  expected.insert(expected.end(), data.begin() + depth, data.end());
  if (updates != expected) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: updates must have shape {} for data {} and indices {}, has {}", op,
         ToString(expected), ToString(data), ToString(indices), ToString(updates));
  }
  return {in[0]};
}

void TensorScatterUpdateKernel(const KernelArgs& args) {
  const TensorView &data = args.inputs[0], &indices = args.inputs[1], &updates = args.inputs[2], &y = args.outputs[0];
  const Combine combine = ReductionOf(args.op, args.attrs, data.dtype());
  CopyData(args);
  const size_t depth = static_cast<size_t>(indices.shape().back());
  int64_t inner = 1;
  for (size_t d = depth; d < data.shape().size(); ++d) inner *= data.shape()[d];
  const int64_t rows = indices.NumElements() / static_cast<int64_t>(depth);
  if (rows == 0 || inner == 0) return;
  const std::vector<int64_t> idx = ReadInts(indices);
  std::vector<int64_t> slot(static_cast<size_t>(rows));
  for (int64_t r = 0; r < rows; ++r) {
    int64_t at = 0;
    for (size_t k = 0; k < depth; ++k) {
      at = at * data.shape()[k] + Wrap(args.op, idx[static_cast<size_t>(r) * depth + k], data.shape()[k]);
    }
    slot[static_cast<size_t>(r)] = at * inner;
  }
  DispatchAll(data.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* pu = updates.As<T>();
    T* py = y.As<T>();
    // Each task owns a range of positions within the slices and applies every row to it in order.
    args.parallel.For(inner, std::max<int64_t>(1, kCopyGrain / rows), [&](int64_t begin, int64_t end) {
      for (int64_t r = 0; r < rows; ++r) {
        T* dst = py + slot[static_cast<size_t>(r)];
        const T* src = pu + r * inner;
        for (int64_t j = begin; j < end; ++j) dst[j] = Apply(combine, dst[j], src[j]);
      }
    });
  });
}

}  // namespace

void RegisterScatter(Registry& registry) {
  registry.Add(OpDef{"ScatterElements", 3, 3, Describe(kAllTypes) + " (indices: int32, int64)",
                     {{"axis", "int", "0"}, {"reduction", "string", "\"none\""}}, ScatterElementsInfer,
                     ScatterElementsKernel});
  registry.Add(OpDef{"TensorScatterUpdate", 3, 3, Describe(kAllTypes) + " (indices: int32, int64)",
                     {{"reduction", "string", "\"none\""}}, TensorScatterUpdateInfer, TensorScatterUpdateKernel});
}

}  // namespace aclsim::sim
