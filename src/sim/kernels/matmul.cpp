// Matrix products: MatMul and MatMulV2 (2-D, transpose_x1/transpose_x2, optional bias [N]),
// BatchMatMul and BatchMatMulV2 (leading batch dims broadcast, adj_x1/adj_x2, V2 with an
// optional bias broadcast to the output) and GEMM (y = alpha * op(a) * op(b) + beta * c).
//
// float16/bfloat16 are converted to float32, multiplied with float32 accumulation and rounded
// once when stored; int8 x int8 accumulates in int32 (MatMulV2, BatchMatMulV2, GEMM); int32
// wraps modulo 2^32. The products run on gemm.h.
#include <algorithm>
#include <string>

#include "common/error.h"
#include "sim/broadcast.h"
#include "sim/kernels/elementwise.h"
#include "sim/kernels/families.h"
#include "sim/kernels/gemm.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

// Input dtypes. int8 only where CANN's specification takes it (the quantized V2 operators).
const std::initializer_list<DType> kMatMulTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32,
                                                   DType::kFloat64, DType::kInt32};
const std::initializer_list<DType> kMatMulV2Types = {DType::kFloat16, DType::kBFloat16, DType::kFloat32,
                                                     DType::kFloat64, DType::kInt32, DType::kInt8};
const std::initializer_list<DType> kGemmInputTypes = {DType::kFloat16, DType::kBFloat16, DType::kFloat32,
                                                      DType::kFloat64, DType::kInt8};

DType ProductDType(DType in) { return in == DType::kInt8 ? DType::kInt32 : in; }

// Which attributes and inputs one of the four MatMul operators has.
struct MatMulKind {
  const char* trans_a;  // attribute names
  const char* trans_b;
  bool batched;         // leading batch dims allowed
  bool bias_broadcasts;  // bias broadcast to the output (else 1-D [N])
  bool quantized;       // offset_w input and offset_x attribute (V2)
};

const MatMulKind kMatMul{"transpose_x1", "transpose_x2", false, false, false};
const MatMulKind kMatMulV2{"transpose_x1", "transpose_x2", false, false, true};
const MatMulKind kBatchMatMul{"adj_x1", "adj_x2", true, false, false};
const MatMulKind kBatchMatMulV2{"adj_x1", "adj_x2", true, true, true};

// The shapes of a (batched) product: out = batch + [m, n].
struct MatMulPlan {
  bool trans_a = false, trans_b = false;
  int64_t m = 0, n = 0, k = 0;
  Shape a_batch, b_batch, batch, out;
};

Shape Leading(const Shape& shape) { return Shape(shape.begin(), shape.end() - 2); }

MatMulPlan PlanProduct(const char* op, const TensorSpec& a, const TensorSpec& b, bool trans_a, bool trans_b,
                       bool batched, const char* a_name, const char* b_name) {
  for (const auto& [spec, name] : {std::pair{&a, a_name}, std::pair{&b, b_name}}) {
    if (batched ? spec->shape.size() < 2 : spec->shape.size() != 2) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must have {} dims, has shape {}", op, name,
           batched ? "2 or more" : "2", ToString(spec->shape));
    }
  }
  MatMulPlan p;
  p.trans_a = trans_a;
  p.trans_b = trans_b;
  const size_t ra = a.shape.size(), rb = b.shape.size();
  p.m = trans_a ? a.shape[ra - 1] : a.shape[ra - 2];
  const int64_t ka = trans_a ? a.shape[ra - 2] : a.shape[ra - 1];
  const int64_t kb = trans_b ? b.shape[rb - 1] : b.shape[rb - 2];
  p.n = trans_b ? b.shape[rb - 2] : b.shape[rb - 1];
  if (ka != kb) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH,
         "{}: inner dims differ: {} {} gives K = {}{}, {} {} gives K = {}{}", op, a_name, ToString(a.shape), ka,
         trans_a ? " (transposed)" : "", b_name, ToString(b.shape), kb, trans_b ? " (transposed)" : "");
  }
  p.k = ka;
  p.a_batch = Leading(a.shape);
  p.b_batch = Leading(b.shape);
  p.batch = BroadcastShapes(op, {p.a_batch, p.b_batch});
  p.out = p.batch;
  p.out.push_back(p.m);
  p.out.push_back(p.n);
  return p;
}

// Bias of a product in `in` type: that type, or float32 for the 16-bit floats; int32 for ints.
void CheckBiasType(const char* op, const TensorSpec& bias, DType in) {
  switch (in) {
    case DType::kFloat16:
    case DType::kBFloat16: RequireDType(op, "bias", bias, {in, DType::kFloat32}); break;
    case DType::kInt8:
    case DType::kInt32: RequireDType(op, "bias", bias, {DType::kInt32}); break;
    default: RequireDType(op, "bias", bias, {in}); break;
  }
}

// The reserved quantization inputs and attributes of the V2 operators: offset_w must be absent
// and offset_x 0 (the simulator does not model quantization offsets of a product).
void CheckQuantization(const char* op, const std::vector<TensorSpec>& in, size_t offset_w_index,
                       const AttrReader& attrs) {
  if (in.size() > offset_w_index) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: input offset_w (quantization offsets of x2) is reserved and not "
         "supported; pass at most {} inputs", op, offset_w_index);
  }
  const int64_t offset_x = attrs.Int("offset_x", 0);
  if (offset_x != 0) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: offset_x = {} is not supported (only 0)", op, offset_x);
  }
}

// `types` must be one of the global lists above (captured by reference to their storage).
InferFn MatMulInfer(const char* op, MatMulKind kind, std::initializer_list<DType> types) {
  return [op, kind, types](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
    const TensorSpec& a = in[0];
    const TensorSpec& b = in[1];
    RequireDType(op, "x1", a, types);
    if (b.dtype != a.dtype) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x2 is {} but x1 is {}; they must share a data type", op,
           Name(b.dtype), Name(a.dtype));
    }
    if (kind.quantized) CheckQuantization(op, in, 3, attrs);
    const MatMulPlan p = PlanProduct(op, a, b, attrs.Bool(kind.trans_a, false), attrs.Bool(kind.trans_b, false),
                                     kind.batched, "x1", "x2");
    if (in.size() > 2) {
      const TensorSpec& bias = in[2];
      CheckBiasType(op, bias, a.dtype);
      if (kind.bias_broadcasts) {
        if (bias.shape.size() > p.out.size() || BroadcastShapes(op, {p.out, bias.shape}) != p.out) {
          Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: bias {} does not broadcast to the output {}", op,
               ToString(bias.shape), ToString(p.out));
        }
      } else if (bias.shape != Shape{p.n}) {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: bias must have shape [{}] (N), has {}", op, p.n,
             ToString(bias.shape));
      }
    }
    return std::vector<TensorSpec>{{ProductDType(a.dtype), p.out, a.format}};
  };
}

// Offsets of each product's operands and result for a plan's (broadcast) batch.
struct BatchOffsets {
  std::vector<int64_t> a, b, c;
};

BatchOffsets OffsetsOf(const MatMulPlan& p) {
  const int64_t count = NumElements(p.batch);
  BatchOffsets o;
  o.a.resize(static_cast<size_t>(count));
  o.b.resize(static_cast<size_t>(count));
  o.c.resize(static_cast<size_t>(count));
  const auto sa = BroadcastStrides(p.a_batch, p.batch), sb = BroadcastStrides(p.b_batch, p.batch);
  ForEachBroadcast<2>(p.batch, {&sa, &sb}, 0, count, [&](int64_t i, const std::array<int64_t, 2>& at) {
    o.a[static_cast<size_t>(i)] = at[0] * p.m * p.k;
    o.b[static_cast<size_t>(i)] = at[1] * p.k * p.n;
    o.c[static_cast<size_t>(i)] = i * p.m * p.n;
  });
  return o;
}

// Computes plan `p` of inputs of T into `acc` (the output's elements in the GEMM type).
template <typename T, typename C = GemmType<T>>
void Product(const KernelArgs& args, const MatMulPlan& p, const TensorView& a, const TensorView& b, C* acc) {
  std::vector<C> a_storage, b_storage;
  const C* pa = AsGemmOperand<C>(args.parallel, a.As<T>(), a.NumElements(), a_storage);
  const C* pb = AsGemmOperand<C>(args.parallel, b.As<T>(), b.NumElements(), b_storage);
  GemmCall<C> call;
  call.trans_a = p.trans_a;
  call.trans_b = p.trans_b;
  call.m = p.m;
  call.n = p.n;
  call.k = p.k;
  call.a = pa;
  call.lda = p.trans_a ? p.m : p.k;
  call.b = pb;
  call.ldb = p.trans_b ? p.k : p.n;
  call.c = acc;
  call.ldc = p.n;
  const BatchOffsets o = OffsetsOf(p);
  BatchedGemm(args.parallel, call, static_cast<int64_t>(o.c.size()), o.a.data(), o.b.data(), o.c.data());
}

// y = acc (+ bias broadcast to y), rounded once to y's type.
template <typename O, typename C>
void StoreWithBias(const KernelArgs& args, const C* acc, const TensorView* bias, const TensorView& y) {
  O* out = y.As<O>();
  const int64_t count = y.NumElements();
  if (!bias) {
    if constexpr (!std::is_same_v<O, C>) {
      args.parallel.For(count, kElementwiseGrain, [&](int64_t begin, int64_t end) {
        for (int64_t i = begin; i < end; ++i) out[i] = static_cast<O>(acc[i]);
      });
    }
    return;
  }
  std::vector<C> bias_storage;
  const C* pb = DispatchAll(bias->dtype(), [&](auto tag) -> const C* {
    using B = decltype(tag);
    if constexpr (std::is_same_v<B, bool>) {
      return nullptr;  // rejected by the shape function
    } else {
      return AsGemmOperand<C>(Parallel::Inline(), bias->As<B>(), bias->NumElements(), bias_storage);
    }
  });
  const auto strides = BroadcastStrides(bias->shape(), y.shape());
  args.parallel.For(count, kElementwiseGrain, [&](int64_t begin, int64_t end) {
    ForEachBroadcast<1>(y.shape(), {&strides}, begin, end, [&](int64_t i, const std::array<int64_t, 1>& at) {
      out[i] = static_cast<O>(WrapAdd(acc[i], pb[at[0]]));
    });
  });
}

template <typename Fn>
void DispatchProductTypes(DType type, Fn&& fn) {
  switch (type) {
    case DType::kFloat16: return fn(half{});
    case DType::kBFloat16: return fn(bfloat16{});
    case DType::kFloat32: return fn(float{});
    case DType::kFloat64: return fn(double{});
    case DType::kInt8: return fn(int8_t{});
    case DType::kInt32: return fn(int32_t{});
    default: break;
  }
  Fail(ACL_ERROR_UNSUPPORTED_DATA_TYPE, "data type {} is not supported by matrix products", Name(type));
}

KernelFn MatMulKernel(MatMulKind kind) {
  return [kind](const KernelArgs& args) {
    const TensorView& a = args.inputs[0];
    const TensorView& b = args.inputs[1];
    const TensorView& y = args.outputs[0];
    const TensorView* bias = args.inputs.size() > 2 ? &args.inputs[2] : nullptr;
    const MatMulPlan p = PlanProduct(args.op, a.spec, b.spec, args.attrs.Bool(kind.trans_a, false),
                                     args.attrs.Bool(kind.trans_b, false), kind.batched, "x1", "x2");
    if (y.NumElements() == 0) return;
    DispatchProductTypes(a.dtype(), [&](auto tag) {
      using T = decltype(tag);
      using C = GemmType<T>;
      using O = ProductOutputType<T>;
      std::vector<C> storage;
      C* acc = nullptr;
      if constexpr (std::is_same_v<O, C>) {
        acc = y.As<C>();
      } else {
        storage.resize(static_cast<size_t>(y.NumElements()));
        acc = storage.data();
      }
      Product<T>(args, p, a, b, acc);
      StoreWithBias<O>(args, acc, bias, y);
    });
  };
}

// --- GEMM: y = alpha * op(a) * op(b) + beta * c -------------------------------------------------

// A scalar input (alpha, beta): one element of any numeric type.
double ScalarOf(const TensorView& v) {
  return DispatchNumeric(v.dtype(), [&](auto tag) {
    using T = decltype(tag);
    return static_cast<double>(static_cast<typename ComputeType<T>::type>(v.As<T>()[0]));
  });
}

std::vector<TensorSpec> GemmInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  const char* op = "GEMM";
  const TensorSpec& a = in[0];
  const TensorSpec& b = in[1];
  const TensorSpec& c = in[2];
  RequireDType(op, "a", a, kGemmInputTypes);
  if (b.dtype != a.dtype) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GEMM: b is {} but a is {}; they must share a data type", Name(b.dtype),
         Name(a.dtype));
  }
  const bool integer = a.dtype == DType::kInt8;
  if (integer) {
    RequireDType(op, "c (int8 a and b accumulate in int32)", c, {DType::kInt32});
  } else {
    RequireDType(op, "c", c, kFloatTypes);
  }
  for (const auto& [spec, name] : {std::pair{&in[3], "alpha"}, std::pair{&in[4], "beta"}}) {
    if (NumElements(spec->shape) != 1) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GEMM: {} must have one element, has shape {}", name,
           ToString(spec->shape));
    }
    if (integer) {
      RequireDType(op, name, *spec, {DType::kInt32});
    } else {
      RequireDType(op, name, *spec, kFloatTypes);
    }
  }
  const MatMulPlan p = PlanProduct(op, a, b, attrs.Bool("transpose_a", false), attrs.Bool("transpose_b", false),
                                   false, "a", "b");
  if (c.shape.size() > 2 || BroadcastShapes(op, {p.out, c.shape}) != p.out) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "GEMM: c {} does not broadcast to the product's shape {}",
         ToString(c.shape), ToString(p.out));
  }
  return {{c.dtype, p.out, a.format}};
}

void GemmKernel(const KernelArgs& args) {
  const TensorView& a = args.inputs[0];
  const TensorView& b = args.inputs[1];
  const TensorView& c = args.inputs[2];
  const TensorView& y = args.outputs[0];
  const MatMulPlan p = PlanProduct(args.op, a.spec, b.spec, args.attrs.Bool("transpose_a", false),
                                   args.attrs.Bool("transpose_b", false), false, "a", "b");
  if (y.NumElements() == 0) return;
  const double alpha = ScalarOf(args.inputs[3]), beta = ScalarOf(args.inputs[4]);
  DispatchProductTypes(a.dtype(), [&](auto a_tag) {
    using T = decltype(a_tag);
    using C = GemmType<T>;
    std::vector<C> acc(static_cast<size_t>(y.NumElements()));
    Product<T>(args, p, a, b, acc.data());
    DispatchProductTypes(c.dtype(), [&](auto c_tag) {
      using O = decltype(c_tag);
      // The epilogue's type: double when either side is, int32 for ints, float otherwise.
      using E = decltype(C{} + typename ComputeType<O>::type{});
      if constexpr (std::is_same_v<O, int8_t> || std::is_integral_v<C> != std::is_integral_v<O>) {
        return;  // rejected by the shape function
      } else {
        const E al = static_cast<E>(alpha), be = static_cast<E>(beta);
        const O* pc = c.As<O>();
        O* out = y.As<O>();
        const auto strides = BroadcastStrides(c.shape(), y.shape());
        args.parallel.For(y.NumElements(), kElementwiseGrain, [&](int64_t begin, int64_t end) {
          ForEachBroadcast<1>(y.shape(), {&strides}, begin, end, [&](int64_t i, const std::array<int64_t, 1>& at) {
            const E product = static_cast<E>(acc[static_cast<size_t>(i)]);
            const E addend = static_cast<E>(static_cast<typename ComputeType<O>::type>(pc[at[0]]));
            out[i] = static_cast<O>(WrapMulAdd(WrapMulAdd(E{0}, al, product), be, addend));
          });
        });
      }
    });
  });
}

std::vector<AttrDoc> MatMulAttrs(const MatMulKind& kind) {
  std::vector<AttrDoc> attrs = {{kind.trans_a, "bool", "false"}, {kind.trans_b, "bool", "false"}};
  if (kind.quantized) attrs.push_back({"offset_x", "int", "0"});
  return attrs;
}

}  // namespace

void RegisterMatMul(Registry& registry) {
  const std::string v1_types = Describe(kMatMulTypes);
  const std::string v2_types = Describe(kMatMulV2Types) + " (int8 -> int32)";
  registry.Add(OpDef{"MatMul", 2, 3, v1_types, MatMulAttrs(kMatMul), MatMulInfer("MatMul", kMatMul, kMatMulTypes),
                     MatMulKernel(kMatMul)});
  registry.Add(OpDef{"MatMulV2", 2, 4, v2_types, MatMulAttrs(kMatMulV2),
                     MatMulInfer("MatMulV2", kMatMulV2, kMatMulV2Types), MatMulKernel(kMatMulV2)});
  registry.Add(OpDef{"BatchMatMul", 2, 2, v1_types, MatMulAttrs(kBatchMatMul),
                     MatMulInfer("BatchMatMul", kBatchMatMul, kMatMulTypes), MatMulKernel(kBatchMatMul)});
  registry.Add(OpDef{"BatchMatMulV2", 2, 4, v2_types, MatMulAttrs(kBatchMatMulV2),
                     MatMulInfer("BatchMatMulV2", kBatchMatMulV2, kMatMulV2Types), MatMulKernel(kBatchMatMulV2)});
  registry.Add(OpDef{"GEMM", 5, 5, Describe(kGemmInputTypes) + " (int8 -> int32); c, y: float types or int32",
                     {{"transpose_a", "bool", "false"}, {"transpose_b", "bool", "false"}}, GemmInfer, GemmKernel});
}

}  // namespace aclsim::sim
