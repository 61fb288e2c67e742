// MatrixDeterminant: the determinant of each square matrix in the last two dims of x
// ([..., M, M] -> [...]), by LU decomposition with partial pivoting in ComputeType, rounded once;
// an empty matrix (M = 0) has determinant 1.
// ReverseSequence (TensorFlow's and CANN's names): for each index b along batch_dim, the first
// seq_lengths[b] elements along seq_dim are reversed and the rest copied.
#include <algorithm>
#include <cmath>
#include <cstring>
#include <utility>

#include "common/error.h"
#include "sim/kernels/axes.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

std::vector<TensorSpec> DeterminantInfer(const std::vector<TensorSpec>& in, const AttrReader&) {
  const char* op = "MatrixDeterminant";
  RequireDType(op, "x", in[0], kFloatTypes);
  const Shape& s = in[0].shape;
  if (s.size() < 2 || s[s.size() - 1] != s[s.size() - 2]) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must be [..., M, M] (square matrices in the last two dims), has shape {}",
         op, ToString(s));
  }
  return {{in[0].dtype, Shape(s.begin(), s.end() - 2), in[0].format}};
}

void DeterminantKernel(const KernelArgs& args) {
  const TensorView& x = args.inputs[0];
  const int64_t m = x.dim(x.rank() - 1);
  const int64_t count = args.outputs[0].NumElements();
  DispatchFloating(x.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    const T* px = x.As<T>();
    T* py = args.outputs[0].As<T>();
    args.parallel.For(count, GrainFor(m * m * m), [&](int64_t begin, int64_t end) {
      std::vector<C> a(static_cast<size_t>(m * m));
      for (int64_t b = begin; b < end; ++b) {
        const T* src = px + b * m * m;
        for (int64_t i = 0; i < m * m; ++i) a[static_cast<size_t>(i)] = static_cast<C>(src[i]);
        C det = 1;
        for (int64_t col = 0; col < m && det != C{0}; ++col) {
          int64_t pivot = col;
          for (int64_t r = col + 1; r < m; ++r) {
            if (std::abs(a[static_cast<size_t>(r * m + col)]) > std::abs(a[static_cast<size_t>(pivot * m + col)])) pivot = r;
          }
          const C p = a[static_cast<size_t>(pivot * m + col)];
          if (p == C{0}) {
            det = 0;
            break;
          }
          if (pivot != col) {
            for (int64_t k = 0; k < m; ++k) std::swap(a[static_cast<size_t>(pivot * m + k)], a[static_cast<size_t>(col * m + k)]);
            det = -det;
          }
          det *= p;
          for (int64_t r = col + 1; r < m; ++r) {
            const C f = a[static_cast<size_t>(r * m + col)] / p;
            if (f == C{0}) continue;
            for (int64_t k = col + 1; k < m; ++k) a[static_cast<size_t>(r * m + k)] -= f * a[static_cast<size_t>(col * m + k)];
          }
        }
        py[b] = static_cast<T>(det);
      }
    });
  });
}

// ---------------------------------------------------------------------------------------------

struct SequenceAxes {
  int64_t seq, batch;
};

SequenceAxes ReadSequenceAxes(const char* op, const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const Shape& s = in[0].shape;
  const int64_t rank = static_cast<int64_t>(s.size());
  if (rank < 2) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least 2 dims, has shape {}", op, ToString(s));
  const int64_t seq = NormalizeAxis(op, "seq_dim", attrs.Int("seq_dim"), rank);
  const int64_t batch = NormalizeAxis(op, "batch_dim", attrs.Int("batch_dim", 0), rank);
  if (seq == batch) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: seq_dim and batch_dim must differ, both are {}", op, seq);
  RequireDType(op, "seq_lengths", in[1], {DType::kInt32, DType::kInt64});
  if (in[1].shape != Shape{s[static_cast<size_t>(batch)]}) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: seq_lengths must have shape [{}] (x's batch_dim), has {}", op,
         s[static_cast<size_t>(batch)], ToString(in[1].shape));
  }
  return {seq, batch};
}

std::vector<TensorSpec> ReverseSequenceInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  RequireDType("ReverseSequence", "x", in[0], kAllTypes);
  ReadSequenceAxes("ReverseSequence", in, attrs);
  return {in[0]};
}

void ReverseSequenceKernel(const KernelArgs& args) {
  std::vector<TensorSpec> specs = {args.inputs[0].spec, args.inputs[1].spec};
  const SequenceAxes axes = ReadSequenceAxes(args.op, specs, args.attrs);
  const TensorView& x = args.inputs[0];
  const Shape& s = x.shape();
  const int64_t batch = s[static_cast<size_t>(axes.batch)], steps = s[static_cast<size_t>(axes.seq)];
  std::vector<int64_t> lengths(static_cast<size_t>(batch));
  for (int64_t b = 0; b < batch; ++b) {
    const int64_t len = args.inputs[1].dtype() == DType::kInt32 ? args.inputs[1].As<int32_t>()[b]
                                                                : args.inputs[1].As<int64_t>()[b];
    if (len < 0 || len > steps) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: seq_lengths[{}] = {} is outside [0, {}] (x's seq_dim)", args.op, b, len,
           steps);
    }
    lengths[static_cast<size_t>(b)] = len;
  }
  // Row-major strides of x; each element moves along seq_dim only.
  std::vector<int64_t> strides(s.size(), 1);
  for (size_t d = s.size(); d-- > 1;) strides[d - 1] = strides[d] * s[d];
  const size_t size = SizeOf(x.dtype());
  const auto* src = static_cast<const unsigned char*>(x.data);
  auto* dst = static_cast<unsigned char*>(args.outputs[0].data);
  const int64_t seq_stride = strides[static_cast<size_t>(axes.seq)], batch_stride = strides[static_cast<size_t>(axes.batch)];
  args.parallel.For(x.NumElements(), 1 << 14, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) {
      const int64_t t = i / seq_stride % steps, b = i / batch_stride % batch;
      const int64_t len = lengths[static_cast<size_t>(b)];
      const int64_t from = t < len ? i + (len - 1 - 2 * t) * seq_stride : i;
      std::memcpy(dst + i * static_cast<int64_t>(size), src + from * static_cast<int64_t>(size), size);
    }
  });
}

}  // namespace

void RegisterMatrixSequence(Registry& registry) {
  registry.Add(OpDef{"MatrixDeterminant", 1, 1, Describe(kFloatTypes), {}, DeterminantInfer, DeterminantKernel});
  registry.Add(OpDef{"ReverseSequence", 2, 2, Describe(kAllTypes) + " (seq_lengths: int32, int64)",
                     {{"seq_dim", "int", ""}, {"batch_dim", "int", "0"}}, ReverseSequenceInfer, ReverseSequenceKernel});
}

}  // namespace aclsim::sim
