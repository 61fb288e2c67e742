// Triangular parts of matrices: Tril keeps the elements on and below diagonal `diagonal` of the
// last two dims (j - i <= diagonal) and Triu those on and above it (j - i >= diagonal); the rest
// become zero. Any leading dims are a batch. Works on bytes, so every data type is handled alike
// (zero is all-zero bytes in each of them).
#include <algorithm>
#include <cstring>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/strided_copy.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

InferFn TriangularInfer(const char* op) {
  return [op](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    RequireDType(op, "x", in[0], kAllTypes);
    if (in[0].shape.size() < 2) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least 2 dims (a matrix or a batch of them), has shape {}",
           op, ToString(in[0].shape));
    }
    attrs.Int("diagonal", 0);
    return std::vector<TensorSpec>{in[0]};
  };
}

template <bool kLower>
void TriangularKernel(const KernelArgs& args) {
  const TensorView &x = args.inputs[0], &y = args.outputs[0];
  const int64_t rank = x.rank(), rows = x.dim(rank - 2), cols = x.dim(rank - 1);
  // Beyond +-(rows + cols) every diagonal keeps all or nothing; clamping keeps i + diagonal finite.
  const int64_t diagonal = std::clamp<int64_t>(args.attrs.Int("diagonal", 0), -(rows + cols), rows + cols);
  const int64_t total_rows = cols == 0 ? 0 : x.NumElements() / cols;
  const size_t element = SizeOf(x.dtype());
  const auto* src = static_cast<const unsigned char*>(x.data);
  auto* dst = static_cast<unsigned char*>(y.data);
  args.parallel.For(total_rows, std::max<int64_t>(1, kCopyGrain / std::max<int64_t>(cols, 1)),
                    [&](int64_t begin, int64_t end) {
                      for (int64_t r = begin; r < end; ++r) {
                        const int64_t i = r % rows;
                        // Columns [keep_begin, keep_end) are kept.
                        const int64_t bound = std::clamp<int64_t>(i + diagonal, -1, cols);
                        const int64_t keep_begin = kLower ? 0 : std::max<int64_t>(bound, 0);
                        const int64_t keep_end = kLower ? std::min<int64_t>(bound + 1, cols) : cols;
                        const size_t row = static_cast<size_t>(r * cols) * element;
                        const size_t a = static_cast<size_t>(keep_begin) * element;
                        const size_t b = static_cast<size_t>(std::max(keep_begin, keep_end)) * element;
                        const size_t all = static_cast<size_t>(cols) * element;
                        std::memset(dst + row, 0, a);
                        if (b > a) std::memcpy(dst + row + a, src + row + a, b - a);
                        std::memset(dst + row + b, 0, all - b);
                      }
                    });
}

}  // namespace

void RegisterTriangular(Registry& registry) {
  registry.Add(OpDef{"Tril", 1, 1, Describe(kAllTypes), {{"diagonal", "int", "0"}}, TriangularInfer("Tril"),
                     TriangularKernel<true>});
  registry.Add(OpDef{"Triu", 1, 1, Describe(kAllTypes), {{"diagonal", "int", "0"}}, TriangularInfer("Triu"),
                     TriangularKernel<false>});
}

}  // namespace aclsim::sim
