// Operators that grow or rearrange a tensor around its elements: Pad, PadD, PadV3 (constant,
// reflect, symmetric and edge modes), Tile, TileD, BroadcastTo, BroadcastToD, DepthToSpace and
// SpaceToDepth. Every data type is accepted; kernels move raw elements.
#include <algorithm>
#include <cctype>
#include <cstring>

#include "common/error.h"
#include "sim/broadcast.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/input_values.h"
#include "sim/kernels/shape_plans.h"
#include "sim/kernels/strided_copy.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

const std::initializer_list<DType> kIndexTypes = {DType::kInt32, DType::kInt64};

TensorSpec Like(const TensorSpec& x, Shape shape) { return TensorSpec{x.dtype, std::move(shape), x.format}; }

std::string Lower(std::string s) {
  for (char& c : s) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return s;
}

// ---- Pad, PadD, PadV3 ----------------------------------------------------------------------

enum class PadMode { kConstant, kReflect, kSymmetric, kEdge };

struct PadPlan {
  Shape out;
  std::vector<int64_t> before;
  PadMode mode = PadMode::kConstant;
};

// `pairs` holds (before, after) per dim. Negative amounts crop; `allow_negative` says whether the
// operator accepts them.
PadPlan PlanPad(const char* op, aclError code, const Shape& x, const std::vector<std::pair<int64_t, int64_t>>& pairs,
                PadMode mode, bool allow_negative) {
  if (pairs.size() != x.size()) {
    Fail(code, "{}: paddings has {} (before, after) pairs, x {} has {} dims", op, pairs.size(), ToString(x), x.size());
  }
  PadPlan plan;
  plan.mode = mode;
  for (size_t d = 0; d < x.size(); ++d) {
    const auto [before, after] = pairs[d];
    const int64_t n = x[d];
    if (!allow_negative && (before < 0 || after < 0)) {
      Fail(code, "{}: paddings of dim {} are negative ({}, {})", op, d, before, after);
    }
    const int64_t most = std::max(before, after);
    if ((mode == PadMode::kReflect && most > std::max<int64_t>(n - 1, 0)) ||
        (mode == PadMode::kSymmetric && most > n) || (mode == PadMode::kEdge && n == 0 && most > 0)) {
      Fail(code, "{}: paddings ({}, {}) of dim {} are too large for its size {} in this mode", op, before, after, d, n);
    }
    constexpr int64_t kLimit = int64_t{1} << 62;
    if (before > kLimit || after > kLimit || before < -kLimit || after < -kLimit || n + before + after < 0) {
      Fail(code, "{}: paddings ({}, {}) do not fit dim {} of size {}", op, before, after, d, n);
    }
    plan.out.push_back(n + before + after);
    plan.before.push_back(before);
  }
  CheckedElements(op, plan.out, code);
  return plan;
}

// Where output position `o` of a dim of size `n` padded by `before` reads from, or -1 for the
// constant.
inline int64_t SourceOf(int64_t o, int64_t before, int64_t n, PadMode mode) {
  int64_t i = o - before;
  if (i >= 0 && i < n) return i;
  switch (mode) {
    case PadMode::kConstant:
      return -1;
    case PadMode::kEdge:
      return i < 0 ? 0 : n - 1;
    case PadMode::kReflect: {
      if (n == 1) return 0;
      const int64_t period = 2 * (n - 1);
      i = ((i % period) + period) % period;
      return i < n ? i : period - i;
    }
    case PadMode::kSymmetric: {
      const int64_t period = 2 * n;
      i = ((i % period) + period) % period;
      return i < n ? i : period - 1 - i;
    }
  }
  return -1;
}

// y = x padded as planned; `constant` points at one element of x's type.
void PadKernel(const KernelArgs& args, const PadPlan& plan, const void* constant) {
  const TensorView &x = args.inputs[0], &y = args.outputs[0];
  if (plan.out != y.shape()) Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is {}", args.op, ToString(y.shape()));
  if (y.NumElements() == 0) return;
  const Shape& xs = x.shape();
  const size_t rank = xs.size();
  if (rank == 0) {
    std::memcpy(y.data, x.data, SizeOf(x.dtype()));
    return;
  }
  const std::vector<int64_t> strides = DenseStrides(xs);
  const int64_t width = y.shape().back(), n = xs.back(), before = plan.before.back();
  const int64_t rows = y.NumElements() / width;
  BySize(SizeOf(x.dtype()), [&](auto tag) {
    using T = decltype(tag);
    T fill;
    std::memcpy(&fill, constant, sizeof(T));
    const T* src = static_cast<const T*>(x.data);
    T* dst = static_cast<T*>(y.data);
    args.parallel.For(rows, std::max<int64_t>(1, kCopyGrain / width), [&](int64_t begin, int64_t end) {
      for (int64_t r = begin; r < end; ++r) {
        T* out = dst + r * width;
        // The source row, or none when an outer dim lands in the constant.
        int64_t row = 0, rest = r;
        bool inside = true;
        for (size_t d = rank - 1; d-- > 0;) {
          const int64_t o = rest % y.shape()[d];
          rest /= y.shape()[d];
          const int64_t s = SourceOf(o, plan.before[d], xs[d], plan.mode);
          if (s < 0) {
            inside = false;
            break;
          }
          row += s * strides[d];
        }
        if (!inside) {
          std::fill(out, out + width, fill);
          continue;
        }
        const T* in = src + row;
        const int64_t lo = std::clamp<int64_t>(before, 0, width), hi = std::clamp<int64_t>(before + n, 0, width);
        for (int64_t j = 0; j < lo; ++j) {
          const int64_t s = SourceOf(j, before, n, plan.mode);
          out[j] = s < 0 ? fill : in[s];
        }
        if (hi > lo) std::memcpy(out + lo, in + (lo - before), static_cast<size_t>(hi - lo) * sizeof(T));
        for (int64_t j = std::max(hi, lo); j < width; ++j) {
          const int64_t s = SourceOf(j, before, n, plan.mode);
          out[j] = s < 0 ? fill : in[s];
        }
      }
    });
  });
}

// Pairs from a flat list: [b0, e0, b1, e1, ...] when contiguous, else [b0, b1, ..., e0, e1, ...].
std::vector<std::pair<int64_t, int64_t>> Pairs(const char* op, aclError code, const std::vector<int64_t>& flat,
                                               size_t rank, bool contiguous) {
  if (flat.size() != 2 * rank) {
    Fail(code, "{}: paddings has {} values, x of rank {} needs {}", op, flat.size(), rank, 2 * rank);
  }
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (size_t d = 0; d < rank; ++d) {
    pairs.emplace_back(contiguous ? flat[2 * d] : flat[d], contiguous ? flat[2 * d + 1] : flat[rank + d]);
  }
  return pairs;
}

std::vector<int64_t> PaddingsValue(const char* op, const TensorSpec& spec) {
  RequireDType(op, "paddings", spec, kIndexTypes);
  return ConstInts(op, "paddings", spec);
}

const unsigned char kZero[8] = {};

OpDef Pad() {
  return OpDef{
      "Pad",
      2,
      2,
      Describe(kAllTypes),
      {},
      [](const std::vector<TensorSpec>& in, const AttrReader&) {
        const auto pairs =
            Pairs("Pad", ACL_ERROR_OP_INPUT_NOT_MATCH, PaddingsValue("Pad", in[1]), in[0].shape.size(), true);
        return std::vector<TensorSpec>{Like(
            in[0], PlanPad("Pad", ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape, pairs, PadMode::kConstant, false).out)};
      },
      [](const KernelArgs& args) {
        const auto pairs =
            Pairs(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, ReadInts(args.inputs[1]), args.inputs[0].shape().size(), true);
        PadKernel(
            args,
            PlanPad(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, args.inputs[0].shape(), pairs, PadMode::kConstant, false),
            kZero);
      }};
}

// PadD's paddings: one (before, after) list per dim.
std::vector<std::pair<int64_t, int64_t>> PadDPairs(const AttrReader& attrs, size_t rank) {
  const auto lists = attrs.IntLists("paddings");
  if (lists.size() != rank) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "PadD: paddings has {} pairs, x has {} dims", lists.size(), rank);
  }
  std::vector<std::pair<int64_t, int64_t>> pairs;
  for (const auto& pair : lists) {
    if (pair.size() != 2) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "PadD: every paddings entry must be [before, after]");
    pairs.emplace_back(pair[0], pair[1]);
  }
  return pairs;
}

OpDef PadD() {
  return OpDef{
      "PadD",
      1,
      1,
      Describe(kAllTypes),
      {{"paddings", "list_list_int", ""}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        const auto pairs = PadDPairs(attrs, in[0].shape.size());
        return std::vector<TensorSpec>{Like(
            in[0], PlanPad("PadD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape, pairs, PadMode::kConstant, false).out)};
      },
      [](const KernelArgs& args) {
        const auto pairs = PadDPairs(args.attrs, args.inputs[0].shape().size());
        PadKernel(
            args,
            PlanPad(args.op, ACL_ERROR_OP_ATTR_NOT_MATCH, args.inputs[0].shape(), pairs, PadMode::kConstant, false),
            kZero);
      }};
}

PadMode ModeOf(const char* op, const AttrReader& attrs) {
  const std::string mode = Lower(attrs.String("mode", "constant"));
  if (mode == "constant") return PadMode::kConstant;
  if (mode == "reflect") return PadMode::kReflect;
  if (mode == "symmetric") return PadMode::kSymmetric;
  if (mode == "edge") return PadMode::kEdge;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: mode \"{}\" is not one of constant, reflect, symmetric, edge", op,
       attrs.String("mode"));
}

OpDef PadV3() {  // inputs: x, paddings, optional constant_values
  return OpDef{
      "PadV3",
      2,
      3,
      Describe(kAllTypes),
      {{"mode", "string", "\"constant\""}, {"paddings_contiguous", "bool", "true"}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        const char* op = "PadV3";
        if (in.size() == 3 && NumElements(in[2].shape) != 1) {
          Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: constant_values must hold one value, has shape {}", op,
               ToString(in[2].shape));
        }
        const auto pairs = Pairs(op, ACL_ERROR_OP_INPUT_NOT_MATCH, PaddingsValue(op, in[1]), in[0].shape.size(),
                                 attrs.Bool("paddings_contiguous", true));
        return std::vector<TensorSpec>{
            Like(in[0], PlanPad(op, ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape, pairs, ModeOf(op, attrs), true).out)};
      },
      [](const KernelArgs& args) {
        const TensorView& x = args.inputs[0];
        const auto pairs = Pairs(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, ReadInts(args.inputs[1]), x.shape().size(),
                                 args.attrs.Bool("paddings_contiguous", true));
        // The constant, converted to x's type.
        unsigned char constant[8] = {};
        if (args.inputs.size() == 3) {
          const TensorView& c = args.inputs[2];
          DispatchAll(x.dtype(), [&](auto tag) {
            using T = decltype(tag);
            T v{};
            if constexpr (std::is_same_v<T, bool>)
              v = ReadDouble(c, 0) != 0.0;
            else if constexpr (std::is_integral_v<T>)
              v = IsInteger(c.dtype()) ? static_cast<T>(ReadInts(c)[0]) : static_cast<T>(ReadDouble(c, 0));
            else
              v = static_cast<T>(static_cast<typename ComputeType<T>::type>(ReadDouble(c, 0)));
            std::memcpy(constant, &v, sizeof(T));
          });
        }
        PadKernel(args,
                  PlanPad(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, x.shape(), pairs, ModeOf(args.op, args.attrs), true),
                  constant);
      }};
}

// ---- Tile, TileD ---------------------------------------------------------------------------

Shape TiledShape(const char* op, aclError code, const Shape& x, const std::vector<int64_t>& multiples) {
  if (multiples.size() != x.size()) {
    Fail(code, "{}: multiples has {} values, x {} has {} dims", op, multiples.size(), ToString(x), x.size());
  }
  Shape out;
  for (size_t d = 0; d < x.size(); ++d) {
    if (multiples[d] < 0) Fail(code, "{}: multiples[{}] = {} is negative", op, d, multiples[d]);
    out.push_back(x[d]);
  }
  for (size_t d = 0; d < x.size(); ++d) {
    if (x[d] != 0 && multiples[d] > (int64_t{1} << 62) / x[d]) Fail(code, "{}: multiples[{}] is too large", op, d);
    out[d] = x[d] * multiples[d];
  }
  CheckedElements(op, out, code);
  return out;
}

void TileKernel(const KernelArgs& args, const std::vector<int64_t>& multiples) {
  const TensorView &x = args.inputs[0], &y = args.outputs[0];
  if (TiledShape(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, x.shape(), multiples) != y.shape()) {
    Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is {}", args.op, ToString(y.shape()));
  }
  if (y.NumElements() == 0) return;
  const Shape& xs = x.shape();
  const size_t rank = xs.size(), bytes = SizeOf(x.dtype());
  if (rank == 0) {
    std::memcpy(y.data, x.data, bytes);
    return;
  }
  const std::vector<int64_t> strides = DenseStrides(xs);
  const int64_t n = xs.back(), width = y.shape().back();
  const int64_t rows = y.NumElements() / width;
  const char* src = static_cast<const char*>(x.data);
  char* dst = static_cast<char*>(y.data);
  args.parallel.For(rows, std::max<int64_t>(1, kCopyGrain / width), [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      int64_t row = 0, rest = r;
      for (size_t d = rank - 1; d-- > 0;) {
        row += (rest % y.shape()[d]) % xs[d] * strides[d];
        rest /= y.shape()[d];
      }
      for (int64_t k = 0; k < width; k += n) {
        std::memcpy(dst + static_cast<size_t>(r * width + k) * bytes, src + static_cast<size_t>(row) * bytes,
                    static_cast<size_t>(n) * bytes);
      }
    }
  });
}

OpDef Tile() {
  return OpDef{
      "Tile",
      2,
      2,
      Describe(kAllTypes),
      {},
      [](const std::vector<TensorSpec>& in, const AttrReader&) {
        RequireDType("Tile", "multiples", in[1], kIndexTypes);
        return std::vector<TensorSpec>{Like(in[0], TiledShape("Tile", ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape,
                                                              ConstInts("Tile", "multiples", in[1])))};
      },
      [](const KernelArgs& args) { TileKernel(args, ReadInts(args.inputs[1])); }};
}

OpDef TileD() {
  return OpDef{"TileD",
               1,
               1,
               Describe(kAllTypes),
               {{"multiples", "list_int", ""}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 return std::vector<TensorSpec>{Like(
                     in[0], TiledShape("TileD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape, attrs.Ints("multiples")))};
               },
               [](const KernelArgs& args) { TileKernel(args, args.attrs.Ints("multiples")); }};
}

// ---- BroadcastTo, BroadcastToD -------------------------------------------------------------

Shape CheckBroadcastTo(const char* op, aclError code, const Shape& x, const Shape& target) {
  if (target.size() < x.size()) {
    Fail(code, "{}: shape {} has fewer dims than x {}", op, ToString(target), ToString(x));
  }
  CheckedElements(op, target, code);
  const size_t offset = target.size() - x.size();
  for (size_t d = 0; d < x.size(); ++d) {
    if (x[d] != 1 && x[d] != target[offset + d]) {
      Fail(code, "{}: x {} cannot be broadcast to {}", op, ToString(x), ToString(target));
    }
  }
  return target;
}

void BroadcastKernel(const KernelArgs& args) {
  const TensorView &x = args.inputs[0], &y = args.outputs[0];
  CheckBroadcastTo(args.op, ACL_ERROR_OP_OUTPUT_NOT_MATCH, x.shape(), y.shape());
  StridedGather(args.parallel, SizeOf(x.dtype()), y.shape(), x.data,
                StridedLayout{0, BroadcastStrides(x.shape(), y.shape())}, y.data);
}

OpDef BroadcastTo() {
  return OpDef{"BroadcastTo",
               2,
               2,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 RequireDType("BroadcastTo", "shape", in[1], kIndexTypes);
                 if (in[1].shape.size() > 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "BroadcastTo: shape must be 1-D");
                 return std::vector<TensorSpec>{
                     Like(in[0], CheckBroadcastTo("BroadcastTo", ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape,
                                                  ConstInts("BroadcastTo", "shape", in[1])))};
               },
               BroadcastKernel};
}

OpDef BroadcastToD() {
  return OpDef{
      "BroadcastToD",
      1,
      1,
      Describe(kAllTypes),
      {{"shape", "list_int", ""}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        return std::vector<TensorSpec>{Like(
            in[0], CheckBroadcastTo("BroadcastToD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape, attrs.Ints("shape")))};
      },
      BroadcastKernel};
}

// ---- DepthToSpace, SpaceToDepth ------------------------------------------------------------

// A block rearrangement: the output shape and the input walk that produces it in order.
struct BlockPlan {
  Shape out;
  Shape space;
  std::vector<int64_t> strides;
};

bool IsNchw(const char* op, const AttrReader& attrs) {
  const std::string format = attrs.String("data_format", "NHWC");
  if (format != "NHWC" && format != "NCHW") {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: data_format \"{}\" is not NHWC or NCHW", op, format);
  }
  return format == "NCHW";
}

int64_t BlockSize(const char* op, const AttrReader& attrs) {
  const int64_t b = attrs.Int("block_size");
  if (b < 2 || b > (int64_t{1} << 20)) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: block_size = {} must be >= 2", op, b);
  return b;
}

BlockPlan PlanDepthToSpace(const Shape& x, const AttrReader& attrs) {
  const char* op = "DepthToSpace";
  const int64_t b = BlockSize(op, attrs);
  const bool nchw = IsNchw(op, attrs);
  const std::string mode = attrs.String("mode", "DCR");
  if (mode != "DCR" && mode != "CRD") Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: mode \"{}\" is not DCR or CRD", op, mode);
  if (x.size() != 4) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have 4 dims, has shape {}", op, ToString(x));
  const int64_t n = x[0], c = nchw ? x[1] : x[3], h = nchw ? x[2] : x[1], w = nchw ? x[3] : x[2];
  if (c % (b * b) != 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the depth {} of x {} is not a multiple of block_size^2 = {}", op, c,
         ToString(x), b * b);
  }
  const int64_t oc = c / (b * b);
  // Input channel of (i, j, k) within a block: DCR (i * b + j) * oc + k, CRD k * b * b + i * b + j.
  const bool dcr = mode == "DCR";
  BlockPlan plan;
  if (nchw) {
    const int64_t plane = h * w;
    const int64_t ci = dcr ? b * oc * plane : b * plane, cj = dcr ? oc * plane : plane,
                  ck = dcr ? plane : b * b * plane;
    plan.out = {n, oc, h * b, w * b};
    plan.space = {n, oc, h, b, w, b};  // output order: n, k, (h, i), (w, j)
    plan.strides = {c * plane, ck, w, ci, 1, cj};
  } else {
    const int64_t ci = dcr ? b * oc : b, cj = dcr ? oc : 1, ck = dcr ? 1 : b * b;
    plan.out = {n, h * b, w * b, oc};
    plan.space = {n, h, b, w, b, oc};  // output order: n, (h, i), (w, j), k
    plan.strides = {h * w * c, w * c, ci, c, cj, ck};
  }
  return plan;
}

BlockPlan PlanSpaceToDepth(const Shape& x, const AttrReader& attrs) {
  const char* op = "SpaceToDepth";
  const int64_t b = BlockSize(op, attrs);
  const bool nchw = IsNchw(op, attrs);
  if (x.size() != 4) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have 4 dims, has shape {}", op, ToString(x));
  const int64_t n = x[0], c = nchw ? x[1] : x[3], h = nchw ? x[2] : x[1], w = nchw ? x[3] : x[2];
  if (h % b != 0 || w % b != 0) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: height {} and width {} of x {} must be multiples of block_size {}", op, h,
         w, ToString(x), b);
  }
  const int64_t oh = h / b, ow = w / b;
  // Output channel (i * b + j) * c + k holds input (h * b + i, w * b + j, k).
  BlockPlan plan;
  if (nchw) {
    plan.out = {n, c * b * b, oh, ow};
    plan.space = {n, b, b, c, oh, ow};
    plan.strides = {c * h * w, w, 1, h * w, b * w, b};
  } else {
    plan.out = {n, oh, ow, c * b * b};
    plan.space = {n, oh, ow, b, b, c};
    plan.strides = {h * w * c, b * w * c, b * c, w * c, c, 1};
  }
  return plan;
}

template <BlockPlan (*Plan)(const Shape&, const AttrReader&)>
OpDef BlockOp(const char* type, std::vector<AttrDoc> docs) {
  return OpDef{type,
               1,
               1,
               Describe(kAllTypes),
               std::move(docs),
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 return std::vector<TensorSpec>{Like(in[0], Plan(in[0].shape, attrs).out)};
               },
               [](const KernelArgs& args) {
                 const TensorView& x = args.inputs[0];
                 const BlockPlan plan = Plan(x.shape(), args.attrs);
                 StridedGather(args.parallel, SizeOf(x.dtype()), plan.space, x.data, StridedLayout{0, plan.strides},
                               args.outputs[0].data);
               }};
}

}  // namespace

void RegisterPadTile(Registry& registry) {
  registry.Add(Pad());
  registry.Add(PadD());
  registry.Add(PadV3());
  registry.Add(Tile());
  registry.Add(TileD());
  registry.Add(BroadcastTo());
  registry.Add(BroadcastToD());
  registry.Add(BlockOp<PlanDepthToSpace>(
      "DepthToSpace",
      {{"block_size", "int", ""}, {"mode", "string", "\"DCR\""}, {"data_format", "string", "\"NHWC\""}}));
  registry.Add(
      BlockOp<PlanSpaceToDepth>("SpaceToDepth", {{"block_size", "int", ""}, {"data_format", "string", "\"NHWC\""}}));
}

}  // namespace aclsim::sim
