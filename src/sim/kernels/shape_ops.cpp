// Operators that change how elements are arranged, never their values: Reshape, Squeeze,
// Unsqueeze, ExpandDims, Flatten, FlattenV2, Identity, Transpose(D), Concat(D/V2/V2D), Split(D/V/VD),
// Slice(D), StridedSlice(D). Every data type is accepted; kernels move raw elements.
#include <algorithm>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/input_values.h"
#include "sim/kernels/shape_plans.h"
#include "sim/kernels/strided_copy.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

const std::initializer_list<DType> kIndexTypes = {DType::kInt32, DType::kInt64};

// The integers of an input that parameterises the operator (Reshape's shape, Transpose's perm,
// ...), which the shape function needs known; kernels read the same input's data with ReadInts.
std::vector<int64_t> ParamInts(const char* op, const char* what, const TensorSpec& spec) {
  RequireDType(op, what, spec, kIndexTypes);
  if (spec.shape.size() > 1) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must be a scalar or 1-D, has shape {}", op, what, ToString(spec.shape));
  }
  return ConstInts(op, what, spec);
}

TensorSpec Like(const TensorSpec& x, Shape shape) { return TensorSpec{x.dtype, std::move(shape), x.format}; }

// Kernel of every operator whose output holds the input's elements in the same order.
void CopyKernel(const KernelArgs& args) {
  ParallelCopy(args.parallel, args.outputs[0].data, args.inputs[0].data, args.outputs[0].ByteSize());
}

// ---- Reshape -------------------------------------------------------------------------------

// The output shape: x's dims before `axis` and from `axis + num_axes` kept, the ones between
// replaced by `dims`, where 0 copies x's dim at that position and one -1 takes what is left.
Shape ReshapeShape(const Shape& x, const std::vector<int64_t>& dims, int64_t axis, int64_t num_axes) {
  const char* op = "Reshape";
  const int64_t rank = static_cast<int64_t>(x.size());
  if (axis < -rank - 1 || axis > rank) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: axis = {} is out of range for x {}", op, axis, ToString(x));
  }
  if (axis < 0) axis += rank + 1;  // -1 is the end, as in Caffe
  if (num_axes < -1 || (num_axes >= 0 && axis + num_axes > rank)) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: num_axes = {} does not fit x {} from axis {}", op, num_axes, ToString(x),
         axis);
  }
  const int64_t stop = num_axes < 0 ? rank : axis + num_axes;
  Shape out(x.begin(), x.begin() + axis);
  int64_t inferred = -1;
  for (size_t i = 0; i < dims.size(); ++i) {
    int64_t d = dims[i];
    if (d == 0) {
      const int64_t from = axis + static_cast<int64_t>(i);
      if (from >= rank) {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: shape[{}] = 0 copies dim {} of x {}, which does not exist", op, i, from,
             ToString(x));
      }
      d = x[static_cast<size_t>(from)];
    } else if (d == -1) {
      if (inferred >= 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: shape has more than one -1", op);
      inferred = static_cast<int64_t>(out.size());
    } else if (d < -1) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: shape[{}] = {} is negative", op, i, d);
    }
    out.push_back(d);
  }
  out.insert(out.end(), x.begin() + stop, x.end());
  const int64_t total = NumElements(x);
  if (inferred >= 0) {
    Shape others = out;
    others.erase(others.begin() + inferred);
    const int64_t known = CheckedElements(op, others);
    if (known == 0 || total % known != 0) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: the -1 in shape {} cannot be inferred for the {} elements of x {}", op,
           ToString(out), total, ToString(x));
    }
    out[static_cast<size_t>(inferred)] = total / known;
  } else if (CheckedElements(op, out) != total) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has {} elements, the shape {} holds {}", op, ToString(x), total,
         ToString(out), NumElements(out));
  }
  return out;
}

OpDef Reshape() {
  return OpDef{"Reshape",
               2,
               2,
               Describe(kAllTypes),
               {{"axis", "int", "0"}, {"num_axes", "int", "-1"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const auto dims = ParamInts("Reshape", "shape", in[1]);
                 return std::vector<TensorSpec>{
                     Like(in[0], ReshapeShape(in[0].shape, dims, attrs.Int("axis", 0), attrs.Int("num_axes", -1)))};
               },
               CopyKernel};
}

// ---- Squeeze, Unsqueeze, ExpandDims, Flatten, FlattenV2, Identity --------------------------

OpDef Squeeze() {
  return OpDef{"Squeeze",
               1,
               1,
               Describe(kAllTypes),
               {{"axis", "list_int", "[]"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const Shape& x = in[0].shape;
                 const int64_t rank = static_cast<int64_t>(x.size());
                 std::vector<bool> drop(x.size(), false);
                 const auto axes = attrs.Ints("axis", {});
                 for (int64_t a : axes) {
                   if (a < -rank || a >= rank) {
                     Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Squeeze: axis {} is out of range for x {}", a, ToString(x));
                   }
                   const size_t d = static_cast<size_t>(a < 0 ? a + rank : a);
                   if (x[d] != 1) {
                     Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Squeeze: dim {} of x {} has size {}, not 1", d, ToString(x),
                          x[d]);
                   }
                   drop[d] = true;
                 }
                 Shape out;
                 for (size_t d = 0; d < x.size(); ++d) {
                   if (axes.empty() ? x[d] != 1 : !drop[d]) out.push_back(x[d]);
                 }
                 return std::vector<TensorSpec>{Like(in[0], out)};
               },
               CopyKernel};
}

OpDef Unsqueeze() {
  return OpDef{"Unsqueeze",
               1,
               1,
               Describe(kAllTypes),
               {{"axes", "list_int", "[]"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const Shape& x = in[0].shape;
                 const auto axes = attrs.Ints("axes", {});
                 const int64_t rank = static_cast<int64_t>(x.size() + axes.size());
                 std::vector<bool> inserted(static_cast<size_t>(rank), false);
                 for (int64_t a : axes) {
                   if (a < -rank || a >= rank) {
                     Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Unsqueeze: axis {} is out of range for an output of rank {}", a,
                          rank);
                   }
                   const size_t d = static_cast<size_t>(a < 0 ? a + rank : a);
                   if (inserted[d]) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Unsqueeze: axis {} is given twice", d);
                   inserted[d] = true;
                 }
                 Shape out;
                 size_t next = 0;
                 for (size_t d = 0; d < inserted.size(); ++d) out.push_back(inserted[d] ? 1 : x[next++]);
                 return std::vector<TensorSpec>{Like(in[0], out)};
               },
               CopyKernel};
}

OpDef ExpandDims() {
  return OpDef{"ExpandDims",
               2,
               2,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 RequireDType("ExpandDims", "axis", in[1], kIndexTypes);
                 Shape out = in[0].shape;
                 const int64_t rank = static_cast<int64_t>(out.size());
                 int64_t axis = ConstScalarInt("ExpandDims", "axis", in[1]);
                 if (axis < -rank - 1 || axis > rank) {
                   Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "ExpandDims: axis {} is out of range for x {}", axis,
                        ToString(out));
                 }
                 if (axis < 0) axis += rank + 1;
                 out.insert(out.begin() + axis, 1);
                 return std::vector<TensorSpec>{Like(in[0], out)};
               },
               CopyKernel};
}

OpDef Flatten() {
  return OpDef{"Flatten",
               1,
               1,
               Describe(kAllTypes),
               {{"axis", "int", "1"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const Shape& x = in[0].shape;
                 const int64_t rank = static_cast<int64_t>(x.size());
                 int64_t axis = attrs.Int("axis", 1);
                 if (axis < -rank || axis > rank) {
                   Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "Flatten: axis = {} is outside [-{}, {}] for x {}", axis, rank,
                        rank, ToString(x));
                 }
                 if (axis < 0) axis += rank;
                 const Shape outer(x.begin(), x.begin() + axis), inner(x.begin() + axis, x.end());
                 return std::vector<TensorSpec>{Like(in[0], {NumElements(outer), NumElements(inner)})};
               },
               CopyKernel};
}

OpDef FlattenV2() {
  return OpDef{"FlattenV2",
               1,
               1,
               Describe(kAllTypes),
               {{"axis", "int", "1"}, {"end_axis", "int", "-1"}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const Shape& x = in[0].shape;
                 if (x.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "FlattenV2: x must have at least one dim");
                 const int64_t rank = static_cast<int64_t>(x.size());
                 const int64_t first = NormalizeAxis("FlattenV2", "axis", attrs.Int("axis", 1), rank);
                 const int64_t last = NormalizeAxis("FlattenV2", "end_axis", attrs.Int("end_axis", -1), rank);
                 if (first > last) {
                   Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "FlattenV2: axis ({}) comes after end_axis ({})", first, last);
                 }
                 Shape out(x.begin(), x.begin() + first);
                 out.push_back(NumElements(Shape(x.begin() + first, x.begin() + last + 1)));
                 out.insert(out.end(), x.begin() + last + 1, x.end());
                 return std::vector<TensorSpec>{Like(in[0], out)};
               },
               CopyKernel};
}

OpDef Identity() {
  return OpDef{"Identity",
               1,
               1,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 return std::vector<TensorSpec>{Like(in[0], in[0].shape)};
               },
               CopyKernel};
}

// ---- Transpose ---------------------------------------------------------------------------

std::vector<int64_t> CheckPerm(const char* op, aclError code, const Shape& x, std::vector<int64_t> perm) {
  const int64_t rank = static_cast<int64_t>(x.size());
  if (static_cast<int64_t>(perm.size()) != rank) {
    Fail(code, "{}: perm has {} values, x {} has {} dims", op, perm.size(), ToString(x), rank);
  }
  std::vector<bool> seen(perm.size(), false);
  for (int64_t& p : perm) {
    if (p < -rank || p >= rank) Fail(code, "{}: perm value {} is out of range for rank {}", op, p, rank);
    if (p < 0) p += rank;
    if (seen[static_cast<size_t>(p)]) Fail(code, "{}: perm names dim {} twice", op, p);
    seen[static_cast<size_t>(p)] = true;
  }
  return perm;
}

TensorSpec Transposed(const TensorSpec& x, const std::vector<int64_t>& perm) {
  Shape out;
  for (int64_t p : perm) out.push_back(x.shape[static_cast<size_t>(p)]);
  return Like(x, out);
}

void TransposeKernel(const KernelArgs& args, std::vector<int64_t> perm) {
  const TensorView& x = args.inputs[0];
  perm = CheckPerm(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, x.shape(), std::move(perm));
  PermuteCopy(args.parallel, SizeOf(x.dtype()), x.shape(), perm, x.data, args.outputs[0].data);
}

OpDef Transpose() {
  return OpDef{"Transpose",
               2,
               2,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 const auto perm = CheckPerm("Transpose", ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape,
                                             ParamInts("Transpose", "perm", in[1]));
                 return std::vector<TensorSpec>{Transposed(in[0], perm)};
               },
               [](const KernelArgs& args) { TransposeKernel(args, ReadInts(args.inputs[1])); }};
}

OpDef TransposeD() {
  return OpDef{"TransposeD",
               1,
               1,
               Describe(kAllTypes),
               {{"perm", "list_int", ""}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const auto perm =
                     CheckPerm("TransposeD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape, attrs.Ints("perm"));
                 return std::vector<TensorSpec>{Transposed(in[0], perm)};
               },
               [](const KernelArgs& args) { TransposeKernel(args, args.attrs.Ints("perm")); }};
}

// ---- Concat --------------------------------------------------------------------------------

// Where the axis of a concatenation comes from: the attribute concat_dim, or the first or the
// last input.
enum class AxisAt { kAttr, kFirstInput, kLastInput };

struct ConcatForm {
  const char* op;
  AxisAt axis_at;
};

bool AxisIsInput(const ConcatForm& form) { return form.axis_at != AxisAt::kAttr; }
size_t FirstTensor(const ConcatForm& form) { return form.axis_at == AxisAt::kFirstInput ? 1 : 0; }
size_t TensorCount(const ConcatForm& form, size_t inputs) { return inputs - (AxisIsInput(form) ? 1 : 0); }
size_t AxisInput(const ConcatForm& form, size_t inputs) { return form.axis_at == AxisAt::kFirstInput ? 0 : inputs - 1; }

// Checks the tensors (same type and rank, same dims but along the axis) and returns the axis.
int64_t CheckConcat(const ConcatForm& form, const std::vector<TensorSpec>& in, int64_t axis, const AttrReader& attrs) {
  const size_t count = TensorCount(form, in.size()), first_index = FirstTensor(form);
  const std::vector<TensorSpec> xs(in.begin() + static_cast<std::ptrdiff_t>(first_index),
                                   in.begin() + static_cast<std::ptrdiff_t>(first_index + count));
  RequireSameDType(form.op, xs);
  if (attrs.Has("N") && attrs.Int("N") != static_cast<int64_t>(count)) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: N = {} but {} tensors are given", form.op, attrs.Int("N"), count);
  }
  const Shape& first = xs[0].shape;
  const int64_t rank = static_cast<int64_t>(first.size());
  if (rank == 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: scalars cannot be concatenated", form.op);
  const aclError code = AxisIsInput(form) ? ACL_ERROR_OP_INPUT_NOT_MATCH : ACL_ERROR_OP_ATTR_NOT_MATCH;
  if (axis < -rank || axis >= rank) Fail(code, "{}: concat_dim = {} is out of range for rank {}", form.op, axis, rank);
  if (axis < 0) axis += rank;
  for (size_t k = 1; k < xs.size(); ++k) {
    const Shape& s = xs[k].shape;
    bool same = s.size() == first.size();
    for (size_t d = 0; same && d < s.size(); ++d) same = static_cast<int64_t>(d) == axis || s[d] == first[d];
    if (!same) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: tensor {} {} does not match tensor 0 {} outside dim {}", form.op, k,
           ToString(s), ToString(first), axis);
    }
  }
  return axis;
}

OpDef Concat(ConcatForm form) {
  std::vector<AttrDoc> docs;
  if (!AxisIsInput(form)) docs.push_back({"concat_dim", "int", ""});
  docs.push_back({"N", "int", "1"});
  const int min_inputs = AxisIsInput(form) ? 2 : 1;
  return OpDef{form.op,
               min_inputs,
               -1,
               Describe(kAllTypes),
               docs,
               [form](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 int64_t axis = 0;
                 if (AxisIsInput(form)) {
                   const TensorSpec& spec = in[AxisInput(form, in.size())];
                   RequireDType(form.op, "concat_dim", spec, kIndexTypes);
                   axis = ConstScalarInt(form.op, "concat_dim", spec);
                 } else {
                   axis = attrs.Int("concat_dim");
                 }
                 axis = CheckConcat(form, in, axis, attrs);
                 const size_t a = static_cast<size_t>(axis);
                 Shape out = in[FirstTensor(form)].shape;
                 out[a] = 0;
                 for (size_t k = 0; k < TensorCount(form, in.size()); ++k) out[a] += in[FirstTensor(form) + k].shape[a];
                 return std::vector<TensorSpec>{Like(in[FirstTensor(form)], out)};
               },
               [form](const KernelArgs& args) {
                 int64_t axis = 0;
                 if (AxisIsInput(form)) {
                   const auto values = ReadInts(args.inputs[AxisInput(form, args.inputs.size())]);
                   if (values.size() != 1)
                     Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: concat_dim must hold one value", form.op);
                   axis = values[0];
                 } else {
                   axis = args.attrs.Int("concat_dim");
                 }
                 std::vector<TensorSpec> specs;
                 for (const TensorView& v : args.inputs) specs.push_back(v.spec);
                 axis = CheckConcat(form, specs, axis, args.attrs);
                 const TensorView& y = args.outputs[0];
                 const size_t a = static_cast<size_t>(axis);
                 const int64_t outer = NumElements(Shape(y.shape().begin(), y.shape().begin() + axis));
                 const int64_t inner = NumElements(Shape(y.shape().begin() + axis + 1, y.shape().end()));
                 const int64_t row = y.dim(axis) * inner;
                 int64_t start = 0;
                 for (size_t k = 0; k < TensorCount(form, args.inputs.size()); ++k) {
                   const TensorView& x = args.inputs[FirstTensor(form) + k];
                   const int64_t width = x.shape()[a] * inner;
                   if (start + width > row) Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is too small", form.op);
                   StridedCopy(args.parallel, SizeOf(x.dtype()), {outer, width}, x.data, StridedLayout{0, {width, 1}},
                               y.data, StridedLayout{start, {row, 1}});
                   start += width;
                 }
               }};
}

// ---- Split ---------------------------------------------------------------------------------

// The sizes of the pieces along `axis` of x: `sizes` with one -1 filled in, checked to add up.
std::vector<int64_t> SplitSizes(const char* op, aclError code, const Shape& x, int64_t axis,
                                std::vector<int64_t> sizes) {
  const int64_t dim = x[static_cast<size_t>(axis)];
  int64_t sum = 0, inferred = -1;
  for (size_t k = 0; k < sizes.size(); ++k) {
    if (sizes[k] == -1 && inferred < 0) {
      inferred = static_cast<int64_t>(k);
    } else if (sizes[k] < 0) {
      Fail(code, "{}: size_splits[{}] = {} is invalid (sizes are >= 0, with at most one -1)", op, k, sizes[k]);
    } else {
      sum += sizes[k];
      if (sum > dim) break;
    }
  }
  if (inferred >= 0 && sum <= dim) sizes[static_cast<size_t>(inferred)] = dim - sum, sum = dim;
  if (sum != dim) {
    Fail(code, "{}: size_splits do not add up to dim {} of x {} ({})", op, axis, ToString(x), dim);
  }
  return sizes;
}

struct SplitParams {
  int64_t axis;
  std::vector<int64_t> sizes;
};

// SplitD and Split: num_split equal pieces.
SplitParams EvenSplit(const char* op, aclError axis_code, const Shape& x, int64_t axis, int64_t num_split) {
  const int64_t rank = static_cast<int64_t>(x.size());
  if (axis < -rank || axis >= rank)
    Fail(axis_code, "{}: split_dim = {} is out of range for x {}", op, axis, ToString(x));
  if (axis < 0) axis += rank;
  const int64_t dim = x[static_cast<size_t>(axis)];
  if (num_split < 1 || dim % num_split != 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: num_split = {} does not divide dim {} of x {} ({})", op, num_split, axis,
         ToString(x), dim);
  }
  return {axis, std::vector<int64_t>(static_cast<size_t>(num_split), dim / num_split)};
}

// SplitVD and SplitV: pieces of the given sizes.
SplitParams SizedSplit(const char* op, aclError code, const Shape& x, int64_t axis, std::vector<int64_t> sizes,
                       int64_t num_split) {
  const int64_t rank = static_cast<int64_t>(x.size());
  if (axis < -rank || axis >= rank) Fail(code, "{}: split_dim = {} is out of range for x {}", op, axis, ToString(x));
  if (axis < 0) axis += rank;
  if (num_split < 1 || static_cast<int64_t>(sizes.size()) != num_split) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: num_split = {} but size_splits has {} values", op, num_split, sizes.size());
  }
  return {axis, SplitSizes(op, code, x, axis, std::move(sizes))};
}

std::vector<TensorSpec> SplitOutputs(const TensorSpec& x, const SplitParams& p) {
  std::vector<TensorSpec> out;
  for (int64_t size : p.sizes) {
    Shape s = x.shape;
    s[static_cast<size_t>(p.axis)] = size;
    out.push_back(Like(x, s));
  }
  return out;
}

void SplitKernel(const KernelArgs& args, const TensorView& x, const SplitParams& p) {
  if (p.sizes.size() != args.outputs.size()) {
    Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: {} outputs for {} pieces", args.op, args.outputs.size(), p.sizes.size());
  }
  const int64_t outer = NumElements(Shape(x.shape().begin(), x.shape().begin() + p.axis));
  const int64_t inner = NumElements(Shape(x.shape().begin() + p.axis + 1, x.shape().end()));
  const int64_t row = x.dim(p.axis) * inner;
  int64_t start = 0;
  for (size_t k = 0; k < p.sizes.size(); ++k) {
    const int64_t width = p.sizes[k] * inner;
    StridedCopy(args.parallel, SizeOf(x.dtype()), {outer, width}, x.data, StridedLayout{start, {row, 1}},
                args.outputs[k].data, StridedLayout{0, {width, 1}});
    start += width;
  }
}

OpDef SplitD() {
  return OpDef{"SplitD",
               1,
               1,
               Describe(kAllTypes),
               {{"split_dim", "int", ""}, {"num_split", "int", ""}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 return SplitOutputs(in[0], EvenSplit("SplitD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape,
                                                      attrs.Int("split_dim"), attrs.Int("num_split")));
               },
               [](const KernelArgs& args) {
                 const TensorView& x = args.inputs[0];
                 SplitKernel(args, x,
                             EvenSplit(args.op, ACL_ERROR_OP_ATTR_NOT_MATCH, x.shape(), args.attrs.Int("split_dim"),
                                       args.attrs.Int("num_split")));
               }};
}

OpDef Split() {  // inputs: split_dim, x
  return OpDef{
      "Split",
      2,
      2,
      Describe(kAllTypes),
      {{"num_split", "int", ""}},
      [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
        RequireDType("Split", "split_dim", in[0], kIndexTypes);
        return SplitOutputs(in[1], EvenSplit("Split", ACL_ERROR_OP_INPUT_NOT_MATCH, in[1].shape,
                                             ConstScalarInt("Split", "split_dim", in[0]), attrs.Int("num_split")));
      },
      [](const KernelArgs& args) {
        const TensorView& x = args.inputs[1];
        const auto axis = ReadInts(args.inputs[0]);
        if (axis.size() != 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "Split: split_dim must hold one value");
        SplitKernel(args, x,
                    EvenSplit(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, x.shape(), axis[0], args.attrs.Int("num_split")));
      }};
}

OpDef SplitVD() {
  return OpDef{"SplitVD",
               1,
               1,
               Describe(kAllTypes),
               {{"size_splits", "list_int", ""}, {"split_dim", "int", ""}, {"num_split", "int", ""}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 return SplitOutputs(
                     in[0], SizedSplit("SplitVD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape, attrs.Int("split_dim"),
                                       attrs.Ints("size_splits"), attrs.Int("num_split")));
               },
               [](const KernelArgs& args) {
                 const TensorView& x = args.inputs[0];
                 SplitKernel(args, x,
                             SizedSplit(args.op, ACL_ERROR_OP_ATTR_NOT_MATCH, x.shape(), args.attrs.Int("split_dim"),
                                        args.attrs.Ints("size_splits"), args.attrs.Int("num_split")));
               }};
}

OpDef SplitV() {  // inputs: x, size_splits, split_dim
  return OpDef{"SplitV",
               3,
               3,
               Describe(kAllTypes),
               {{"num_split", "int", ""}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 RequireDType("SplitV", "split_dim", in[2], kIndexTypes);
                 return SplitOutputs(in[0],
                                     SizedSplit("SplitV", ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape,
                                                ConstScalarInt("SplitV", "split_dim", in[2]),
                                                ParamInts("SplitV", "size_splits", in[1]), attrs.Int("num_split")));
               },
               [](const KernelArgs& args) {
                 const TensorView& x = args.inputs[0];
                 const auto axis = ReadInts(args.inputs[2]);
                 if (axis.size() != 1) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "SplitV: split_dim must hold one value");
                 SplitKernel(args, x,
                             SizedSplit(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, x.shape(), axis[0],
                                        ReadInts(args.inputs[1]), args.attrs.Int("num_split")));
               }};
}

// ---- Slice, StridedSlice ---------------------------------------------------------------------

void SliceKernel(const KernelArgs& args, const SlicePlan& plan) {
  const TensorView& y = args.outputs[0];
  if (plan.out_shape != y.shape()) {
    Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is {}, the slice {}", args.op, ToString(y.shape()),
         ToString(plan.out_shape));
  }
  const TensorView& x = args.inputs[0];
  StridedGather(args.parallel, SizeOf(x.dtype()), plan.space, x.data, plan.from, y.data);
}

OpDef Slice() {
  return OpDef{"Slice",
               3,
               3,
               Describe(kAllTypes),
               {},
               [](const std::vector<TensorSpec>& in, const AttrReader&) {
                 const SlicePlan plan =
                     PlanSlice("Slice", ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape, ParamInts("Slice", "offsets", in[1]),
                               ParamInts("Slice", "size", in[2]));
                 return std::vector<TensorSpec>{Like(in[0], plan.out_shape)};
               },
               [](const KernelArgs& args) {
                 SliceKernel(args, PlanSlice(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, args.inputs[0].shape(),
                                             ReadInts(args.inputs[1]), ReadInts(args.inputs[2])));
               }};
}

OpDef SliceD() {
  return OpDef{"SliceD",
               1,
               1,
               Describe(kAllTypes),
               {{"offsets", "list_int", ""}, {"size", "list_int", ""}},
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const SlicePlan plan = PlanSlice("SliceD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape,
                                                  attrs.Ints("offsets"), attrs.Ints("size"));
                 return std::vector<TensorSpec>{Like(in[0], plan.out_shape)};
               },
               [](const KernelArgs& args) {
                 SliceKernel(args, PlanSlice(args.op, ACL_ERROR_OP_ATTR_NOT_MATCH, args.inputs[0].shape(),
                                             args.attrs.Ints("offsets"), args.attrs.Ints("size")));
               }};
}

StridedSliceMasks MasksOf(const AttrReader& attrs) {
  return {attrs.Int("begin_mask", 0), attrs.Int("end_mask", 0), attrs.Int("ellipsis_mask", 0),
          attrs.Int("new_axis_mask", 0), attrs.Int("shrink_axis_mask", 0)};
}

std::vector<AttrDoc> MaskDocs() {
  return {{"begin_mask", "int", "0"},
          {"end_mask", "int", "0"},
          {"ellipsis_mask", "int", "0"},
          {"new_axis_mask", "int", "0"},
          {"shrink_axis_mask", "int", "0"}};
}

OpDef StridedSlice() {
  return OpDef{"StridedSlice",
               4,
               4,
               Describe(kAllTypes),
               MaskDocs(),
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const char* op = "StridedSlice";
                 const SlicePlan plan =
                     PlanStridedSlice(op, ACL_ERROR_OP_INPUT_NOT_MATCH, in[0].shape, ParamInts(op, "begin", in[1]),
                                      ParamInts(op, "end", in[2]), ParamInts(op, "strides", in[3]), MasksOf(attrs));
                 return std::vector<TensorSpec>{Like(in[0], plan.out_shape)};
               },
               [](const KernelArgs& args) {
                 SliceKernel(args, PlanStridedSlice(args.op, ACL_ERROR_OP_INPUT_NOT_MATCH, args.inputs[0].shape(),
                                                    ReadInts(args.inputs[1]), ReadInts(args.inputs[2]),
                                                    ReadInts(args.inputs[3]), MasksOf(args.attrs)));
               }};
}

OpDef StridedSliceD() {
  std::vector<AttrDoc> docs = {{"begin", "list_int", ""}, {"end", "list_int", ""}, {"strides", "list_int", ""}};
  for (const AttrDoc& d : MaskDocs()) docs.push_back(d);
  return OpDef{"StridedSliceD",
               1,
               1,
               Describe(kAllTypes),
               docs,
               [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                 const SlicePlan plan =
                     PlanStridedSlice("StridedSliceD", ACL_ERROR_OP_ATTR_NOT_MATCH, in[0].shape, attrs.Ints("begin"),
                                      attrs.Ints("end"), attrs.Ints("strides"), MasksOf(attrs));
                 return std::vector<TensorSpec>{Like(in[0], plan.out_shape)};
               },
               [](const KernelArgs& args) {
                 SliceKernel(args, PlanStridedSlice(args.op, ACL_ERROR_OP_ATTR_NOT_MATCH, args.inputs[0].shape(),
                                                    args.attrs.Ints("begin"), args.attrs.Ints("end"),
                                                    args.attrs.Ints("strides"), MasksOf(args.attrs)));
               }};
}

}  // namespace

void RegisterShapeOps(Registry& registry) {
  registry.Add(Reshape());
  registry.Add(Squeeze());
  registry.Add(Unsqueeze());
  registry.Add(ExpandDims());
  registry.Add(Flatten());
  registry.Add(FlattenV2());
  registry.Add(Identity());
  registry.Add(Transpose());
  registry.Add(TransposeD());
  registry.Add(Concat({"ConcatD", AxisAt::kAttr}));
  registry.Add(Concat({"ConcatV2D", AxisAt::kAttr}));
  registry.Add(Concat({"ConcatV2", AxisAt::kLastInput}));
  registry.Add(Concat({"Concat", AxisAt::kFirstInput}));
  registry.Add(SplitD());
  registry.Add(Split());
  registry.Add(SplitVD());
  registry.Add(SplitV());
  registry.Add(Slice());
  registry.Add(SliceD());
  registry.Add(StridedSlice());
  registry.Add(StridedSliceD());
}

}  // namespace aclsim::sim
