// Operators that pick, place or generate elements by index: GatherV2, GatherElements, GatherNd,
// ScatterNd, OneHot, Range, Fill. Indices are int32 or int64; a negative index counts from the end
// of its dim, and an index outside [-dim, dim) is an error (never an out-of-bounds access).
// NonZero is not here: its output shape depends on the values of its input, which a shape
// function cannot know.
#include <algorithm>
#include <array>
#include <cmath>
#include <cstring>
#include <limits>

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

Shape Concat(Shape a, const Shape& b) {
  a.insert(a.end(), b.begin(), b.end());
  return a;
}

Shape Part(const Shape& s, size_t begin, size_t end) {
  return Shape(s.begin() + static_cast<std::ptrdiff_t>(begin), s.begin() + static_cast<std::ptrdiff_t>(end));
}

// `index` checked against a dim of `size`, negatives counted from the end.
inline int64_t Wrap(const char* op, int64_t index, int64_t size) {
  if (index < -size || index >= size) {
    Fail(ACL_ERROR_INVALID_PARAM, "{}: index {} is out of range for a dim of size {}", op, index, size);
  }
  return index < 0 ? index + size : index;
}

// Reads the indices tensor (int32 or int64).
std::vector<int64_t> Indices(const TensorView& view) { return ReadInts(view); }

// Copies `rows` rows of `row_elements` elements: row r of dst from row source(r) of src.
template <typename SourceRow>
void GatherRows(const Parallel& parallel, size_t element_size, int64_t rows, int64_t row_elements, const void* src,
                void* dst, SourceRow source) {
  if (rows <= 0 || row_elements <= 0) return;
  const size_t row_bytes = static_cast<size_t>(row_elements) * element_size;
  const int64_t grain = std::max<int64_t>(1, kCopyGrain / row_elements);
  parallel.For(rows, grain, [&](int64_t begin, int64_t end) {
    for (int64_t r = begin; r < end; ++r) {
      std::memcpy(static_cast<char*>(dst) + static_cast<size_t>(r) * row_bytes,
                  static_cast<const char*>(src) + static_cast<size_t>(source(r)) * row_bytes, row_bytes);
    }
  });
}

// ---- GatherV2 --------------------------------------------------------------------------------

// x viewed as [batch, outer, dim, inner] and indices as [batch, count].
struct GatherPlan {
  Shape out;
  int64_t batch, outer, dim, inner, count;
};

GatherPlan PlanGatherV2(const Shape& x, const Shape& indices, int64_t axis, int64_t batch_dims) {
  const char* op = "GatherV2";
  const int64_t rank = static_cast<int64_t>(x.size()), index_rank = static_cast<int64_t>(indices.size());
  if (rank == 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least one dim", op);
  axis = NormalizeInputAxis(op, "axis", axis, rank);
  if (batch_dims < 0) batch_dims += index_rank;
  if (batch_dims < 0 || batch_dims > index_rank || batch_dims > axis) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH,
         "{}: batch_dims must be in [0, min(axis, rank(indices))], is {} (axis {}, "
         "indices {})",
         op, batch_dims, axis, ToString(indices));
  }
  const size_t b = static_cast<size_t>(batch_dims), a = static_cast<size_t>(axis);
  if (Part(x, 0, b) != Part(indices, 0, b)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the first {} dims of x {} and indices {} differ", op, b, ToString(x),
         ToString(indices));
  }
  GatherPlan plan;
  plan.out = Concat(Concat(Part(x, 0, a), Part(indices, b, indices.size())), Part(x, a + 1, x.size()));
  plan.batch = NumElements(Part(x, 0, b));
  plan.outer = NumElements(Part(x, b, a));
  plan.dim = x[a];
  plan.inner = NumElements(Part(x, a + 1, x.size()));
  plan.count = NumElements(Part(indices, b, indices.size()));
  return plan;
}

OpDef GatherV2() {
  return OpDef{
      "GatherV2",
      3,
      3,
      Describe(kAllTypes),
      {{"batch_dims", "int", "0"}, {"is_preprocessed", "bool", "false"}, {"negative_index_support", "bool", "false"}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        RequireDType("GatherV2", "indices", in[1], kIndexTypes);
        RequireDType("GatherV2", "axis", in[2], kIndexTypes);
        const int64_t axis = ConstScalarInt("GatherV2", "axis", in[2]);
        return std::vector<TensorSpec>{
            Like(in[0], PlanGatherV2(in[0].shape, in[1].shape, axis, attrs.Int("batch_dims", 0)).out)};
      },
      [](const KernelArgs& args) {
        const TensorView &x = args.inputs[0], &indices = args.inputs[1];
        const auto axis = ReadInts(args.inputs[2]);
        if (axis.size() != 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GatherV2: axis must hold one value");
        const GatherPlan p = PlanGatherV2(x.shape(), indices.shape(), axis[0], args.attrs.Int("batch_dims", 0));
        std::vector<int64_t> idx = Indices(indices);
        for (int64_t& i : idx) i = Wrap(args.op, i, p.dim);
        // Output row r = (batch, outer, k) copies x row ((batch * outer + o) * dim + idx[batch, k]).
        GatherRows(args.parallel, SizeOf(x.dtype()), p.batch * p.outer * p.count, p.inner, x.data, args.outputs[0].data,
                   [&](int64_t r) {
                     const int64_t k = r % p.count, bo = r / p.count, b = bo / p.outer;
                     return bo * p.dim + idx[static_cast<size_t>(b * p.count + k)];
                   });
      }};
}

// ---- GatherElements ------------------------------------------------------------------------

int64_t CheckGatherElements(const Shape& x, const Shape& index, int64_t dim) {
  const char* op = "GatherElements";
  if (x.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have at least one dim", op);
  if (index.size() != x.size()) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: index {} must have the rank of x {}", op, ToString(index), ToString(x));
  }
  dim = NormalizeAxis(op, "dim", dim, static_cast<int64_t>(x.size()));
  for (size_t d = 0; d < x.size(); ++d) {
    if (static_cast<int64_t>(d) != dim && index[d] > x[d]) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: index {} is larger than x {} in dim {}", op, ToString(index), ToString(x),
           d);
    }
  }
  return dim;
}

OpDef GatherElements() {
  return OpDef{
      "GatherElements",
      2,
      2,
      Describe(kAllTypes),
      {{"dim", "int", "0"}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        RequireDType("GatherElements", "index", in[1], kIndexTypes);
        CheckGatherElements(in[0].shape, in[1].shape, attrs.Int("dim", 0));
        return std::vector<TensorSpec>{Like(in[0], in[1].shape)};
      },
      [](const KernelArgs& args) {
        const TensorView &x = args.inputs[0], &index = args.inputs[1], &y = args.outputs[0];
        const size_t dim = static_cast<size_t>(CheckGatherElements(x.shape(), index.shape(), args.attrs.Int("dim", 0)));
        const std::vector<int64_t> idx = Indices(index);
        std::vector<int64_t> strides = DenseStrides(x.shape());
        const int64_t step = strides[dim], size = x.dim(static_cast<int64_t>(dim));
        strides[dim] = 0;  // x's offset of the element with the same index but 0 along dim
        const size_t bytes = SizeOf(x.dtype());
        const char* src = static_cast<const char*>(x.data);
        char* dst = static_cast<char*>(y.data);
        args.parallel.For(y.NumElements(), kCopyGrain, [&](int64_t begin, int64_t end) {
          ForEachBroadcast<1>(y.shape(), {&strides}, begin, end, [&](int64_t i, const std::array<int64_t, 1>& at) {
            const int64_t from = at[0] + Wrap("GatherElements", idx[static_cast<size_t>(i)], size) * step;
            std::memcpy(dst + static_cast<size_t>(i) * bytes, src + static_cast<size_t>(from) * bytes, bytes);
          });
        });
      }};
}

// ---- GatherNd --------------------------------------------------------------------------------

OpDef GatherNd() {
  return OpDef{"GatherNd",
               2,
               2,
               Describe(kAllTypes),
               {{"negative_index_support", "bool", "false"}},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 RequireDType("GatherNd", "indices", in[1], kIndexTypes);
                 const Shape &x = in[0].shape, &indices = in[1].shape;
                 if (indices.empty())
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GatherNd: indices must have at least one dim");
                 const int64_t depth = indices.back();
                 if (depth > static_cast<int64_t>(x.size())) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GatherNd: indices {} index {} dims, x {} has {}",
                        ToString(indices), depth, ToString(x), x.size());
                 }
                 return std::vector<TensorSpec>{Like(in[0], Concat(Part(indices, 0, indices.size() - 1),
                                                                   Part(x, static_cast<size_t>(depth), x.size())))};
               },
               [](const KernelArgs& args) {
                 const TensorView &x = args.inputs[0], &indices = args.inputs[1];
                 const size_t depth = static_cast<size_t>(indices.shape().back());
                 const Shape& xs = x.shape();
                 const int64_t inner = NumElements(Part(xs, depth, xs.size()));
                 const int64_t rows = NumElements(Part(indices.shape(), 0, indices.shape().size() - 1));
                 const std::vector<int64_t> idx = Indices(indices);
                 // The x row (of `inner` elements) each output row comes from, checked first.
                 std::vector<int64_t> source(static_cast<size_t>(rows), 0);
                 for (int64_t r = 0; r < rows; ++r) {
                   int64_t at = 0;
                   for (size_t k = 0; k < depth; ++k) {
                     at = at * xs[k] + Wrap("GatherNd", idx[static_cast<size_t>(r) * depth + k], xs[k]);
                   }
                   source[static_cast<size_t>(r)] = at;
                 }
                 GatherRows(args.parallel, SizeOf(x.dtype()), rows, inner, x.data, args.outputs[0].data,
                            [&](int64_t r) { return source[static_cast<size_t>(r)]; });
               }};
}

// ---- ScatterNd -------------------------------------------------------------------------------

template <typename T>
T AddWrapping(T a, T b) {
  if constexpr (std::is_integral_v<T> && std::is_signed_v<T>) {
    using U = std::make_unsigned_t<T>;
    return static_cast<T>(static_cast<U>(static_cast<U>(a) + static_cast<U>(b)));
  } else {
    return static_cast<T>(a + b);
  }
}

OpDef ScatterNd() {  // inputs: indices, x (the updates), shape
  return OpDef{"ScatterNd",
               3,
               3,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 const char* op = "ScatterNd";
                 RequireDType(op, "indices", in[0], kIndexTypes);
                 RequireDType(op, "shape", in[2], kIndexTypes);
                 if (in[2].shape.size() != 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: shape must be 1-D", op);
                 const Shape out = ConstInts(op, "shape", in[2]);
                 CheckedElements(op, out);
                 const Shape& indices = in[0].shape;
                 if (indices.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: indices must have at least one dim", op);
                 const int64_t depth = indices.back();
                 if (depth > static_cast<int64_t>(out.size())) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: indices {} index {} dims, the output {} has {}", op,
                        ToString(indices), depth, ToString(out), out.size());
                 }
                 const Shape updates =
                     Concat(Part(indices, 0, indices.size() - 1), Part(out, static_cast<size_t>(depth), out.size()));
                 if (in[1].shape != updates) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x must have shape {} for indices {} and shape {}, has {}",
                        op, ToString(updates), ToString(indices), ToString(out), ToString(in[1].shape));
                 }
                 return std::vector<TensorSpec>{Like(in[1], out)};
               },
               [](const KernelArgs& args) {
                 const TensorView &indices = args.inputs[0], &x = args.inputs[1], &y = args.outputs[0];
                 const Shape& out = y.shape();
                 const size_t depth = static_cast<size_t>(indices.shape().back());
                 const int64_t inner = NumElements(Part(out, depth, out.size()));
                 const int64_t slots = NumElements(Part(out, 0, depth));
                 const int64_t rows = inner == 0 ? 0 : x.NumElements() / inner;
                 if (slots == 0 && rows > 0)
                   Fail(ACL_ERROR_INVALID_PARAM, "ScatterNd: indices point into an empty output");
                 const std::vector<int64_t> idx = Indices(indices);
                 // The output slot of every update row (checked), then the rows ordered by slot (stable, so
                 // duplicates are summed in row order and results are deterministic); each thread owns a
                 // range of distinct slots, so no two threads write the same element.
                 std::vector<int64_t> slot_of(static_cast<size_t>(rows));
                 for (int64_t r = 0; r < rows; ++r) {
                   int64_t at = 0;
                   for (size_t k = 0; k < depth; ++k)
                     at = at * out[k] + Wrap("ScatterNd", idx[static_cast<size_t>(r) * depth + k], out[k]);
                   slot_of[static_cast<size_t>(r)] = at;
                 }
                 std::vector<int64_t> order(static_cast<size_t>(rows));
                 for (int64_t r = 0; r < rows; ++r) order[static_cast<size_t>(r)] = r;
                 std::stable_sort(order.begin(), order.end(), [&](int64_t a, int64_t b) {
                   return slot_of[static_cast<size_t>(a)] < slot_of[static_cast<size_t>(b)];
                 });
                 std::vector<size_t> groups;  // where each run of one slot starts in `order`, plus the end
                 for (size_t k = 0; k < order.size(); ++k) {
                   if (k == 0 || slot_of[static_cast<size_t>(order[k])] != slot_of[static_cast<size_t>(order[k - 1])])
                     groups.push_back(k);
                 }
                 groups.push_back(order.size());
                 const unsigned char zero[8] = {};
                 FillElements(args.parallel, SizeOf(y.dtype()), y.data, y.NumElements(), zero);
                 DispatchAll(x.dtype(), [&](auto tag) {
                   using T = decltype(tag);
                   // bool sums are ORs, kept in bytes (std::vector<bool> has no references to its elements).
                   using C = std::conditional_t<std::is_same_v<T, bool>, uint8_t, typename ComputeType<T>::type>;
                   const T* src = x.As<T>();
                   T* dst = y.As<T>();
                   const int64_t count = static_cast<int64_t>(groups.size()) - 1;
                   const int64_t grain = std::max<int64_t>(1, kCopyGrain / std::max<int64_t>(inner, 1));
                   args.parallel.For(count, grain, [&](int64_t begin, int64_t end) {
                     std::vector<C> sum(static_cast<size_t>(inner));
                     for (int64_t g = begin; g < end; ++g) {
                       std::fill(sum.begin(), sum.end(), C{});
                       for (size_t k = groups[static_cast<size_t>(g)]; k < groups[static_cast<size_t>(g) + 1]; ++k) {
                         const T* row = src + order[k] * inner;
                         for (int64_t j = 0; j < inner; ++j) {
                           C& acc = sum[static_cast<size_t>(j)];
                           if constexpr (std::is_same_v<T, bool>)
                             acc = static_cast<C>(acc | (row[j] ? 1 : 0));
                           else
                             acc = AddWrapping<C>(acc, static_cast<C>(row[j]));
                         }
                       }
                       T* to = dst + slot_of[static_cast<size_t>(order[groups[static_cast<size_t>(g)]])] * inner;
                       for (int64_t j = 0; j < inner; ++j) {
                         if constexpr (std::is_same_v<T, bool>)
                           to[j] = sum[static_cast<size_t>(j)] != 0;
                         else
                           to[j] = static_cast<T>(sum[static_cast<size_t>(j)]);
                       }
                     }
                   });
                 });
               }};
}

// ---- OneHot ----------------------------------------------------------------------------------

OpDef OneHot() {  // inputs: x (indices), depth, on_value, off_value
  return OpDef{"OneHot",
               4,
               4,
               Describe(kAllTypes),
               {{"axis", "int", "-1"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const char* op = "OneHot";
                 RequireDType(op, "x", in[0],
                              {DType::kUInt8, DType::kInt8, DType::kInt16, DType::kUInt16, DType::kInt32,
                               DType::kUInt32, DType::kInt64, DType::kUInt64});
                 RequireDType(op, "depth", in[1], kIndexTypes);
                 if (in[3].dtype != in[2].dtype) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: off_value is {} but on_value is {}", op, Name(in[3].dtype),
                        Name(in[2].dtype));
                 }
                 if (NumElements(in[2].shape) != 1 || NumElements(in[3].shape) != 1) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: on_value and off_value must hold one value each", op);
                 }
                 const int64_t depth = ConstScalarInt(op, "depth", in[1]);
                 if (depth < 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: depth = {} is negative", op, depth);
                 Shape out = in[0].shape;
                 const int64_t rank = static_cast<int64_t>(out.size());
                 int64_t axis = attrs.Int("axis", -1);
                 if (axis < -1 || axis > rank) {
                   Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: axis = {} is outside [-1, {}]", op, axis, rank);
                 }
                 if (axis < 0) axis = rank;
                 out.insert(out.begin() + axis, depth);
                 CheckedElements(op, out);
                 return std::vector<TensorSpec>{TensorSpec{in[2].dtype, out, in[0].format}};
               },
               [](const KernelArgs& args) {
                 const TensorView& x = args.inputs[0];
                 const TensorView& y = args.outputs[0];
                 const int64_t rank = x.rank();
                 int64_t axis = args.attrs.Int("axis", -1);
                 if (axis < 0) axis = rank;
                 const int64_t depth = y.dim(axis);
                 const int64_t inner = NumElements(Part(x.shape(), static_cast<size_t>(axis), x.shape().size()));
                 const std::vector<int64_t> idx = Indices(x);
                 const size_t bytes = SizeOf(y.dtype());
                 const char* on = static_cast<const char*>(args.inputs[2].data);
                 const char* off = static_cast<const char*>(args.inputs[3].data);
                 char* dst = static_cast<char*>(y.data);
                 // Output row (o, d) of `inner` elements: on where x[o, i] == d.
                 const int64_t rows = y.NumElements() / std::max<int64_t>(inner, 1);
                 args.parallel.For(
                     inner == 0 ? 0 : rows, std::max<int64_t>(1, kCopyGrain / std::max<int64_t>(inner, 1)),
                     [&](int64_t begin, int64_t end) {
                       for (int64_t r = begin; r < end; ++r) {
                         const int64_t o = r / std::max<int64_t>(depth, 1), d = r % std::max<int64_t>(depth, 1);
                         for (int64_t i = 0; i < inner; ++i) {
                           const bool hit = idx[static_cast<size_t>(o * inner + i)] == d;
                           std::memcpy(dst + static_cast<size_t>(r * inner + i) * bytes, hit ? on : off, bytes);
                         }
                       }
                     });
               }};
}

// ---- Range, Fill ---------------------------------------------------------------------------

// Range's length from its (known) start, limit and delta, in their type T.
template <typename T>
int64_t RangeLength(T start, T limit, T delta) {
  const char* op = "Range";
  if (delta == T(0)) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: delta is 0", op);
  if ((delta > T(0) && start > limit) || (delta < T(0) && start < limit)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: start {} never reaches limit {} in steps of {}", op, start, limit, delta);
  }
  constexpr double kMaxLength = 1e15;  // more elements than any device could hold
  double length;
  if constexpr (std::is_integral_v<T>) {
    const __int128 span = static_cast<__int128>(limit) - start, step = delta;
    length = static_cast<double>((span + step - (step > 0 ? 1 : -1)) / step);
  } else {
    length = std::ceil(std::abs((limit - start) / delta));
  }
  if (!(length <= kMaxLength)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: start {}, limit {} and delta {} make too many values", op, start, limit,
         delta);
  }
  return static_cast<int64_t>(length);
}

const std::initializer_list<DType> kRangeTypes = {DType::kFloat32, DType::kFloat64, DType::kInt32, DType::kInt64};

OpDef Range() {
  return OpDef{"Range",
               3,
               3,
               Describe(kRangeTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 const char* op = "Range";
                 RequireDType(op, "start", in[0], kRangeTypes);
                 RequireSameDType(op, in);
                 for (const TensorSpec& s : in) {
                   if (NumElements(s.shape) != 1) {
                     Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: start, limit and delta must be scalars, got {}", op,
                          ToString(s.shape));
                   }
                 }
                 int64_t length = 0;
                 if (IsInteger(in[0].dtype)) {
                   length = RangeLength<int64_t>(ConstScalarInt(op, "start", in[0]), ConstScalarInt(op, "limit", in[1]),
                                                 ConstScalarInt(op, "delta", in[2]));
                 } else {
                   const double start = ConstDoubles(op, "start", in[0])[0],
                                limit = ConstDoubles(op, "limit", in[1])[0],
                                delta = ConstDoubles(op, "delta", in[2])[0];
                   length = in[0].dtype == DType::kFloat32
                                ? RangeLength<float>(static_cast<float>(start), static_cast<float>(limit),
                                                     static_cast<float>(delta))
                                : RangeLength<double>(start, limit, delta);
                 }
                 return std::vector<TensorSpec>{TensorSpec{in[0].dtype, {length}, in[0].format}};
               },
               [](const KernelArgs& args) {
                 const TensorView& y = args.outputs[0];
                 DispatchAll(y.dtype(), [&](auto tag) {
                   using T = decltype(tag);
                   if constexpr (std::is_same_v<T, int32_t> || std::is_same_v<T, int64_t>) {
                     const int64_t start = ReadInts(args.inputs[0])[0], delta = ReadInts(args.inputs[2])[0];
                     T* out = y.As<T>();
                     args.parallel.For(y.NumElements(), kCopyGrain, [&](int64_t begin, int64_t end) {
                       for (int64_t i = begin; i < end; ++i) out[i] = static_cast<T>(start + i * delta);
                     });
                   } else if constexpr (std::is_same_v<T, float> || std::is_same_v<T, double>) {
                     const double start = ReadDouble(args.inputs[0], 0), delta = ReadDouble(args.inputs[2], 0);
                     T* out = y.As<T>();
                     args.parallel.For(y.NumElements(), kCopyGrain, [&](int64_t begin, int64_t end) {
                       for (int64_t i = begin; i < end; ++i)
                         out[i] = static_cast<T>(start + static_cast<double>(i) * delta);
                     });
                   }
                 });
               }};
}

OpDef Fill() {  // inputs: dims, value
  return OpDef{"Fill",
               2,
               2,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 const char* op = "Fill";
                 RequireDType(op, "dims", in[0], kIndexTypes);
                 if (in[0].shape.size() > 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: dims must be 1-D", op);
                 if (NumElements(in[1].shape) != 1) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: value must hold one value, has shape {}", op,
                        ToString(in[1].shape));
                 }
                 const Shape out = ConstInts(op, "dims", in[0]);
                 CheckedElements(op, out);
                 return std::vector<TensorSpec>{TensorSpec{in[1].dtype, out, in[1].format}};
               },
               [](const KernelArgs& args) {
                 const TensorView& y = args.outputs[0];
                 FillElements(args.parallel, SizeOf(y.dtype()), y.data, y.NumElements(), args.inputs[1].data);
               }};
}

}  // namespace

// ---- NonZero -----------------------------------------------------------------------------------

// The coordinates of x's non-zero elements (NaN counts as non-zero), in row-major order: [rank, N]
// (one column per element), or [N, rank] with transpose. N depends on x's values, so they must be
// known when the shape is inferred (a constant, or a host input of a single operator).
OpDef NonZero() {
  return OpDef{"NonZero",
               1,
               1,
               Describe(kAllTypes),
               {{"transpose", "bool", "false"}, {"dtype", "data_type", "int64"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const char* op = "NonZero";
                 RequireDType(op, "x", in[0], kAllTypes);
                 const DType out_type = attrs.Has("dtype") ? attrs.Type("dtype") : DType::kInt64;
                 if (out_type != DType::kInt32 && out_type != DType::kInt64) {
                   Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dtype must be int32 or int64, is {}", op, Name(out_type));
                 }
                 int64_t count = 0;
                 for (double v : ConstDoubles(op, "x", in[0])) count += (v != 0.0 || std::isnan(v)) ? 1 : 0;
                 const auto rank = static_cast<int64_t>(in[0].shape.size());
                 const Shape shape = attrs.Bool("transpose", false) ? Shape{count, rank} : Shape{rank, count};
                 return std::vector<TensorSpec>{TensorSpec{out_type, shape, Format::kND}};
               },
               [](const KernelArgs& args) {
                 const TensorView& x = args.inputs[0];
                 const TensorView& y = args.outputs[0];
                 const bool transpose = args.attrs.Bool("transpose", false);
                 const int64_t rank = x.rank(), count = transpose ? y.dim(0) : y.dim(1);
                 auto store = [&](auto* out) {
                   using T = std::remove_pointer_t<decltype(out)>;
                   int64_t found = 0;
                   std::vector<int64_t> index(static_cast<size_t>(rank), 0);
                   for (int64_t i = 0; i < x.NumElements(); ++i) {
                     const double v = ReadDouble(x, i);
                     if (v != 0.0 || std::isnan(v)) {
                       if (found == count) {
                         Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "NonZero: x changed since its shape was inferred");
                       }
                       for (int64_t d = 0; d < rank; ++d) {
                         out[transpose ? found * rank + d : d * count + found] = static_cast<T>(index[static_cast<size_t>(d)]);
                       }
                       ++found;
                     }
                     for (int64_t d = rank - 1; d >= 0; --d) {  // the next row-major index
                       if (++index[static_cast<size_t>(d)] < x.dim(d)) break;
                       index[static_cast<size_t>(d)] = 0;
                     }
                   }
                 };
                 if (y.dtype() == DType::kInt32) store(y.As<int32_t>());
                 else store(y.As<int64_t>());
               }};
}

void RegisterIndexing(Registry& registry) {
  registry.Add(GatherV2());
  registry.Add(GatherElements());
  registry.Add(GatherNd());
  registry.Add(ScatterNd());
  registry.Add(OneHot());
  registry.Add(Range());
  registry.Add(Fill());
  registry.Add(NonZero());
}

}  // namespace aclsim::sim
