// TransData: moves a tensor between layouts. Supported, for every data type:
//   ND / NCHW / NHWC among themselves: ND relabels the dims (a 4-D ND reads as NCHW), NCHW <-> NHWC
//     permutes them;
//   NCHW / NHWC / ND (4-D) <-> NC1HWC0: [N, C, H, W] <-> [N, ceil(C / C0), H, W, C0], the channels
//     padded with zeros up to a whole C0 block;
//   ND / NCHW / NHWC <-> FRACTAL_NZ: [..., m, n] <-> [..., ceil(n / C0), ceil(m / 16), 16, C0] (a
//     vector is a 1 x n matrix), zero padded.
// C0 is 32 for int8 and uint8 and 16 otherwise, the shapes those of src/base/format_shape.cpp's
// ShapeInFormat. Back from a padded format the padding cannot tell the original size: CANN takes
// it from the output tensor's description; here it is the attribute dst_shape (a simulator
// extension; without it the padded size is kept, so C becomes C1 * C0 and m, n whole blocks).
// groups must be 1; src_subformat and dst_subformat have no effect on these formats.
#include <algorithm>
#include <cctype>
#include <optional>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/kernels/strided_copy.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr const char* kOp = "TransData";
constexpr int64_t kM0 = 16;  // rows of a FRACTAL_NZ block

int64_t BlockC0(DType type) { return type == DType::kInt8 || type == DType::kUInt8 ? 32 : 16; }
int64_t CeilDiv(int64_t a, int64_t b) { return (a + b - 1) / b; }

Format ParseFormat(const char* attr, const std::string& text) {
  std::string upper = text;
  for (char& c : upper) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
  if (upper == "ND") return Format::kND;
  if (upper == "NCHW") return Format::kNCHW;
  if (upper == "NHWC") return Format::kNHWC;
  if (upper == "NC1HWC0") return Format::kNC1HWC0;
  if (upper == "FRACTAL_NZ") return Format::kFractalNZ;
  Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: {} \"{}\" is not one of ND, NCHW, NHWC, NC1HWC0, FRACTAL_NZ", kOp, attr, text);
}

bool IsPlain(Format f) { return f == Format::kND || f == Format::kNCHW || f == Format::kNHWC; }

const char* FormatName(Format f) {
  switch (f) {
    case Format::kND:
      return "ND";
    case Format::kNCHW:
      return "NCHW";
    case Format::kNHWC:
      return "NHWC";
    case Format::kNC1HWC0:
      return "NC1HWC0";
    case Format::kFractalNZ:
      return "FRACTAL_NZ";
    default:
      return "?";
  }
}

// N, C, H, W of a 4-D plain shape (ND reads as NCHW).
struct Nchw {
  int64_t n, c, h, w;
};

Nchw ReadNchw(const Shape& s, Format f) {
  if (s.size() != 4) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: a {} tensor here must have 4 dims, has shape {}", kOp, FormatName(f),
         ToString(s));
  }
  if (f == Format::kNHWC) return {s[0], s[3], s[1], s[2]};
  return {s[0], s[1], s[2], s[3]};
}

Shape WriteNchw(const Nchw& d, Format f) {
  if (f == Format::kNHWC) return {d.n, d.h, d.w, d.c};
  return {d.n, d.c, d.h, d.w};
}

// The shape of a plain tensor in a private format (ShapeInFormat's rules).
Shape ToPrivate(const Shape& plain, Format from, Format to, int64_t c0) {
  if (to == Format::kNC1HWC0) {
    const Nchw d = ReadNchw(plain, from);
    return {d.n, CeilDiv(d.c, c0), d.h, d.w, c0};
  }
  if (plain.empty()) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: FRACTAL_NZ needs a tensor of rank >= 1", kOp);
  const int64_t n = plain.back(), m = plain.size() >= 2 ? plain[plain.size() - 2] : 1;
  Shape out(plain.begin(), plain.end() - static_cast<std::ptrdiff_t>(std::min<size_t>(plain.size(), 2)));
  out.insert(out.end(), {CeilDiv(n, c0), CeilDiv(m, kM0), kM0, c0});
  return out;
}

struct Transfer {
  Format src, dst;
  int64_t c0;
  Shape in, out;
};

Transfer Plan(const TensorSpec& x, const AttrReader& attrs) {
  Transfer t;
  t.src = ParseFormat("src_format", attrs.String("src_format"));
  t.dst = ParseFormat("dst_format", attrs.String("dst_format"));
  t.c0 = BlockC0(x.dtype);
  t.in = x.shape;
  const int64_t groups = attrs.Int("groups", 1);
  if (groups != 1) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: groups = {} is not supported (only 1)", kOp, groups);
  const std::vector<int64_t> dst_shape = attrs.Ints("dst_shape", {});
  if (!dst_shape.empty() && (IsPlain(t.src) || !IsPlain(t.dst))) {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dst_shape applies only from NC1HWC0 or FRACTAL_NZ to a plain format", kOp);
  }
  for (int64_t d : x.shape) {
    if (d < 0) Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: x {} has a negative dim", kOp, ToString(x.shape));
  }

  if (t.src == t.dst) {
    t.out = t.in;
  } else if (IsPlain(t.src) && IsPlain(t.dst)) {
    if (t.src == Format::kND || t.dst == Format::kND) {
      if (t.dst != Format::kND) ReadNchw(t.in, t.dst);  // NCHW / NHWC need 4 dims
      t.out = t.in;
    } else {
      t.out = WriteNchw(ReadNchw(t.in, t.src), t.dst);
    }
  } else if (IsPlain(t.src)) {
    t.out = ToPrivate(t.in, t.src, t.dst, t.c0);
  } else if (IsPlain(t.dst)) {
    // Back to a plain format: check the blocks, then find the size inside the padding.
    const Shape& s = t.in;
    if (t.src == Format::kNC1HWC0) {
      if (s.size() != 5 || s[4] != t.c0) {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: an NC1HWC0 {} tensor must be [N, C1, H, W, {}], is {}", kOp,
             Name(x.dtype), t.c0, ToString(s));
      }
      t.out = dst_shape.empty() ? WriteNchw({s[0], s[1] * t.c0, s[2], s[3]}, t.dst) : Shape(dst_shape);
    } else {
      if (s.size() < 4 || s[s.size() - 2] != kM0 || s.back() != t.c0) {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: a FRACTAL_NZ {} tensor must be [..., n1, m1, 16, {}], is {}", kOp,
             Name(x.dtype), t.c0, ToString(s));
      }
      if (dst_shape.empty()) {
        t.out.assign(s.begin(), s.end() - 4);
        t.out.insert(t.out.end(), {s[s.size() - 3] * kM0, s[s.size() - 4] * t.c0});
      } else {
        t.out = dst_shape;
      }
    }
    if (t.dst != Format::kND) ReadNchw(t.out, t.dst);  // NCHW / NHWC need 4 dims
    if (!dst_shape.empty() && ToPrivate(t.out, t.dst, t.src, t.c0) != t.in) {
      Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dst_shape {} in {} is not the plain shape of the {} tensor {}", kOp,
           ToString(t.out), FormatName(t.dst), FormatName(t.src), ToString(t.in));
    }
  } else {
    Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: converting {} to {} is not supported", kOp, FormatName(t.src),
         FormatName(t.dst));
  }
  for (int64_t d : t.out) {
    if (d < 0) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: dst_shape {} has a negative dim", kOp, ToString(t.out));
  }
  return t;
}

// One piece of a blocked transfer: an index space walked in the plain tensor and in the private
// one at once.
struct Piece {
  Shape space;
  StridedLayout plain, blocked;
};

// The pieces of plain [N, C, H, W] (or NHWC) <-> [N, C1, H, W, C0]: the whole C0 blocks, then the
// last partial one.
std::vector<Piece> Nc1hwc0Pieces(const Nchw& d, Format plain, int64_t c0) {
  const int64_t c1 = CeilDiv(d.c, c0), whole = d.c / c0, rest = d.c % c0;
  // Strides of n, c, h, w in the plain tensor.
  const bool nhwc = plain == Format::kNHWC;
  const int64_t pn = d.c * d.h * d.w, pc = nhwc ? 1 : d.h * d.w, ph = nhwc ? d.w * d.c : d.w, pw = nhwc ? d.c : 1;
  // Strides of n, c1, h, w, c0 in the blocked tensor.
  const int64_t bn = c1 * d.h * d.w * c0, bc1 = d.h * d.w * c0, bh = d.w * c0, bw = c0;
  std::vector<Piece> pieces;
  if (whole > 0) {
    pieces.push_back({{d.n, whole, c0, d.h, d.w}, {0, {pn, c0 * pc, pc, ph, pw}}, {0, {bn, bc1, 1, bh, bw}}});
  }
  if (rest > 0) {
    pieces.push_back({{d.n, rest, d.h, d.w}, {whole * c0 * pc, {pn, pc, ph, pw}}, {whole * bc1, {bn, 1, bh, bw}}});
  }
  return pieces;
}

// The pieces of plain [..., m, n] <-> [..., n1, m1, 16, C0]: whole and partial blocks of rows
// times whole and partial blocks of columns.
std::vector<Piece> FractalNzPieces(const Shape& plain, int64_t c0) {
  const int64_t n = plain.empty() ? 1 : plain.back(), m = plain.size() >= 2 ? plain[plain.size() - 2] : 1;
  const int64_t batch =
      NumElements(Shape(plain.begin(), plain.end() - static_cast<std::ptrdiff_t>(std::min<size_t>(plain.size(), 2))));
  const int64_t m1 = CeilDiv(m, kM0), n1 = CeilDiv(n, c0);
  const int64_t block = kM0 * c0;  // elements of one 16 x C0 block
  struct Part {
    int64_t start, blocks, size;  // first block, block count, elements per block
  };
  std::vector<Part> rows, cols;
  if (m / kM0 > 0) rows.push_back({0, m / kM0, kM0});
  if (m % kM0 > 0) rows.push_back({m / kM0, 1, m % kM0});
  if (n / c0 > 0) cols.push_back({0, n / c0, c0});
  if (n % c0 > 0) cols.push_back({n / c0, 1, n % c0});
  std::vector<Piece> pieces;
  for (const Part& r : rows) {
    for (const Part& c : cols) {
      // Index space: batch, row block, row in block, column block, column in block.
      pieces.push_back({{batch, r.blocks, r.size, c.blocks, c.size},
                        {r.start * kM0 * n + c.start * c0, {m * n, kM0 * n, n, c0, 1}},
                        {c.start * m1 * block + r.start * block, {n1 * m1 * block, block, c0, m1 * block, 1}}});
    }
  }
  return pieces;
}

void TransDataKernel(const KernelArgs& args) {
  const TensorView &x = args.inputs[0], &y = args.outputs[0];
  const Transfer t = Plan(x.spec, args.attrs);
  if (t.out != y.shape()) Fail(ACL_ERROR_OP_OUTPUT_NOT_MATCH, "{}: the output is {}", kOp, ToString(y.shape()));
  const size_t bytes = SizeOf(x.dtype());
  if (t.src == t.dst || (IsPlain(t.src) && IsPlain(t.dst) && (t.src == Format::kND || t.dst == Format::kND))) {
    ParallelCopy(args.parallel, y.data, x.data, y.ByteSize());
    return;
  }
  if (IsPlain(t.src) && IsPlain(t.dst)) {  // NCHW <-> NHWC
    const std::vector<int64_t> perm =
        t.dst == Format::kNHWC ? std::vector<int64_t>{0, 2, 3, 1} : std::vector<int64_t>{0, 3, 1, 2};
    PermuteCopy(args.parallel, bytes, t.in, perm, x.data, y.data);
    return;
  }
  const bool to_private = IsPlain(t.src);
  const Format plain_format = to_private ? t.src : t.dst, blocked_format = to_private ? t.dst : t.src;
  const Shape& plain_shape = to_private ? t.in : t.out;
  const std::vector<Piece> pieces = blocked_format == Format::kNC1HWC0
                                        ? Nc1hwc0Pieces(ReadNchw(plain_shape, plain_format), plain_format, t.c0)
                                        : FractalNzPieces(plain_shape, t.c0);
  if (to_private) {
    const unsigned char zero[8] = {};
    FillElements(args.parallel, bytes, y.data, y.NumElements(), zero);  // the padding
  }
  for (const Piece& p : pieces) {
    if (to_private)
      StridedCopy(args.parallel, bytes, p.space, x.data, p.plain, y.data, p.blocked);
    else
      StridedCopy(args.parallel, bytes, p.space, x.data, p.blocked, y.data, p.plain);
  }
}

}  // namespace

void RegisterLayout(Registry& registry) {
  registry.Add(OpDef{"TransData",
                     1,
                     1,
                     Describe(kAllTypes),
                     {{"src_format", "string", ""},
                      {"dst_format", "string", ""},
                      {"src_subformat", "int", "0"},
                      {"dst_subformat", "int", "0"},
                      {"groups", "int", "1"},
                      {"dst_shape", "list_int", "[]"}},
                     [](const std::vector<TensorSpec>& in, const AttrReader& attrs) {
                       const Transfer t = Plan(in[0], attrs);
                       return std::vector<TensorSpec>{TensorSpec{in[0].dtype, t.out, t.dst}};
                     },
                     TransDataKernel});
}

}  // namespace aclsim::sim
