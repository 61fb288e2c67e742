// Einsum: the Einstein summation of any number of inputs given by `equation`, as NumPy and ONNX
// define it: "ij,jk->ik" (explicit output), "ij,jk" (implicit: the labels used once, in ASCII
// order), "..." for broadcast dims, a label repeated within one input for its diagonal. Spaces are
// ignored. Computed directly (every output element sums the product of the inputs over the
// labels it does not keep), in double, rounded once; the output elements are split over threads.
#include <algorithm>
#include <array>
#include <string>

#include "common/error.h"
#include "sim/kernels/families.h"
#include "sim/kernels/infer_helpers.h"
#include "sim/registry.h"

namespace aclsim::sim {
namespace {

constexpr const char* kOp = "Einsum";
constexpr int kLetters = 52;  // a-z then A-Z; ellipsis dims take the ids after them

int LetterId(char c) {
  if (c >= 'a' && c <= 'z') return c - 'a';
  if (c >= 'A' && c <= 'Z') return 26 + (c - 'A');
  return -1;
}

// One term of the equation: its labels, with -1 where "..." stands.
std::vector<int> ParseTerm(const std::string& term) {
  std::vector<int> labels;
  bool ellipsis = false;
  for (size_t i = 0; i < term.size(); ++i) {
    if (term.compare(i, 3, "...") == 0) {
      if (ellipsis) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: \"{}\" has \"...\" twice", kOp, term);
      ellipsis = true;
      labels.push_back(-1);
      i += 2;
      continue;
    }
    const int id = LetterId(term[i]);
    if (id < 0) Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: '{}' in \"{}\" is not a letter nor \"...\"", kOp, term[i], term);
    labels.push_back(id);
  }
  return labels;
}

// The equation resolved against the input shapes: every operand's dims as label ids, the output's
// labels, and every label's size.
struct EinsumPlan {
  std::vector<std::vector<int>> operands;  // per input, per dim: its label id
  std::vector<int> output;
  std::vector<int> summed;
  std::vector<int64_t> size;  // per label id (0 for unused ids is never read)
  Shape out_shape;
};

EinsumPlan PlanEinsum(const std::string& raw, const std::vector<Shape>& shapes) {
  std::string eq;
  for (char c : raw) {
    if (c != ' ') eq += c;
  }
  const size_t arrow = eq.find("->");
  const std::string lhs = eq.substr(0, arrow);
  std::vector<std::string> terms;
  for (size_t start = 0;;) {
    const size_t comma = lhs.find(',', start);
    terms.push_back(lhs.substr(start, comma == std::string::npos ? std::string::npos : comma - start));
    if (comma == std::string::npos) break;
    start = comma + 1;
  }
  if (terms.size() != shapes.size()) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: equation \"{}\" has {} input term(s), {} input(s) given", kOp, raw,
         terms.size(), shapes.size());
  }
  std::vector<std::vector<int>> parsed;
  int64_t ellipsis_dims = 0;
  for (size_t i = 0; i < terms.size(); ++i) {
    parsed.push_back(ParseTerm(terms[i]));
    const auto& labels = parsed.back();
    const bool has_ellipsis = std::count(labels.begin(), labels.end(), -1) > 0;
    const int64_t letters = static_cast<int64_t>(labels.size()) - (has_ellipsis ? 1 : 0);
    const int64_t rank = static_cast<int64_t>(shapes[i].size());
    if (has_ellipsis ? rank < letters : rank != letters) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: term \"{}\" does not fit input {} of shape {}", kOp, terms[i], i,
           ToString(shapes[i]));
    }
    if (has_ellipsis) ellipsis_dims = std::max(ellipsis_dims, rank - letters);
  }
  EinsumPlan p;
  p.size.assign(static_cast<size_t>(kLetters + ellipsis_dims), -1);
  std::vector<int> count(p.size.size(), 0);
  for (size_t i = 0; i < parsed.size(); ++i) {
    std::vector<int> dims;
    const int64_t rank = static_cast<int64_t>(shapes[i].size());
    const int64_t letters = static_cast<int64_t>(parsed[i].size()) -
                            (std::count(parsed[i].begin(), parsed[i].end(), -1) > 0 ? 1 : 0);
    for (int label : parsed[i]) {
      if (label >= 0) {
        dims.push_back(label);
        continue;
      }
      const int64_t here = rank - letters;  // this input's ellipsis dims are the last `here` ones
      for (int64_t k = 0; k < here; ++k) dims.push_back(static_cast<int>(kLetters + ellipsis_dims - here + k));
    }
    for (size_t d = 0; d < dims.size(); ++d) {
      const size_t id = static_cast<size_t>(dims[d]);
      const int64_t n = shapes[i][d];
      ++count[id];
      if (p.size[id] < 0 || p.size[id] == n) {
        p.size[id] = n;
      } else if (dims[d] >= kLetters && (p.size[id] == 1 || n == 1)) {
        p.size[id] = std::max(p.size[id], n);  // broadcast within "..."
      } else {
        Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: a label of equation \"{}\" has sizes {} and {} in the inputs", kOp, raw,
             p.size[id], n);
      }
    }
    p.operands.push_back(dims);
  }
  if (arrow != std::string::npos) {
    for (int label : ParseTerm(eq.substr(arrow + 2))) {
      if (label < 0) {
        for (int64_t k = 0; k < ellipsis_dims; ++k) p.output.push_back(static_cast<int>(kLetters + k));
        continue;
      }
      if (count[static_cast<size_t>(label)] == 0) {
        Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: output label of \"{}\" appears in no input", kOp, raw);
      }
      if (std::count(p.output.begin(), p.output.end(), label) > 0) {
        Fail(ACL_ERROR_OP_ATTR_NOT_MATCH, "{}: output of \"{}\" repeats a label", kOp, raw);
      }
      p.output.push_back(label);
    }
  } else {
    for (int64_t k = 0; k < ellipsis_dims; ++k) p.output.push_back(static_cast<int>(kLetters + k));
    // ASCII order: upper case (ids 26..51) before lower case (ids 0..25).
    for (int id = 26; id < kLetters; ++id) {
      if (count[static_cast<size_t>(id)] == 1) p.output.push_back(id);
    }
    for (int id = 0; id < 26; ++id) {
      if (count[static_cast<size_t>(id)] == 1) p.output.push_back(id);
    }
  }
  for (size_t id = 0; id < count.size(); ++id) {
    if (count[id] > 0 && std::count(p.output.begin(), p.output.end(), static_cast<int>(id)) == 0) {
      p.summed.push_back(static_cast<int>(id));
    }
  }
  for (int id : p.output) p.out_shape.push_back(p.size[static_cast<size_t>(id)]);
  return p;
}

std::vector<TensorSpec> EinsumInfer(const std::vector<TensorSpec>& in, const AttrReader& attrs) {
  std::vector<Shape> shapes;
  for (size_t i = 0; i < in.size(); ++i) {
    RequireDType(kOp, "an input", in[i], kNumericTypes);
    if (in[i].dtype != in[0].dtype) {
      Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: input {} is {} but input 0 is {}", kOp, i, Name(in[i].dtype),
           Name(in[0].dtype));
    }
    shapes.push_back(in[i].shape);
  }
  const EinsumPlan p = PlanEinsum(attrs.String("equation"), shapes);
  return {TensorSpec(in[0].dtype, p.out_shape, in[0].format)};
}

void EinsumKernel(const KernelArgs& args) {
  std::vector<Shape> shapes;
  for (const TensorView& v : args.inputs) shapes.push_back(v.shape());
  const EinsumPlan p = PlanEinsum(args.attrs.String("equation"), shapes);
  const size_t inputs = args.inputs.size(), labels = p.size.size();
  // strides[i][label]: how far input i moves per step of the label (summed over repeats, for
  // diagonals; 0 where the input broadcasts it).
  std::vector<std::vector<int64_t>> strides(inputs, std::vector<int64_t>(labels, 0));
  for (size_t i = 0; i < inputs; ++i) {
    int64_t stride = 1;
    for (size_t d = shapes[i].size(); d-- > 0;) {
      if (shapes[i][d] != 1) strides[i][static_cast<size_t>(p.operands[i][d])] += stride;
      stride *= shapes[i][d];
    }
  }
  Shape summed_shape;
  for (int id : p.summed) summed_shape.push_back(p.size[static_cast<size_t>(id)]);
  const int64_t summed_count = NumElements(summed_shape);
  const TensorView& y = args.outputs[0];
  DispatchNumeric(y.dtype(), [&](auto tag) {
    using T = decltype(tag);
    using C = typename ComputeType<T>::type;
    std::vector<const T*> data;
    for (const TensorView& v : args.inputs) data.push_back(v.As<T>());
    T* py = y.As<T>();
    args.parallel.For(y.NumElements(), std::max<int64_t>(1, (1 << 14) / std::max<int64_t>(summed_count, 1)),
                      [&](int64_t begin, int64_t end) {
                        std::vector<int64_t> base(inputs), at(inputs);
                        for (int64_t o = begin; o < end; ++o) {
                          std::fill(base.begin(), base.end(), 0);
                          int64_t rest = o;
                          for (size_t k = p.output.size(); k-- > 0;) {
                            const int64_t n = p.out_shape[k], idx = rest % n;
                            rest /= n;
                            for (size_t i = 0; i < inputs; ++i) base[i] += idx * strides[i][static_cast<size_t>(p.output[k])];
                          }
                          double sum = 0;
                          for (int64_t s = 0; s < summed_count; ++s) {
                            at = base;
                            int64_t r = s;
                            for (size_t k = p.summed.size(); k-- > 0;) {
                              const int64_t n = summed_shape[k], idx = r % n;
                              r /= n;
                              for (size_t i = 0; i < inputs; ++i) at[i] += idx * strides[i][static_cast<size_t>(p.summed[k])];
                            }
                            double product = 1;
                            for (size_t i = 0; i < inputs; ++i) product *= static_cast<double>(static_cast<C>(data[i][at[i]]));
                            sum += product;
                          }
                          py[o] = static_cast<T>(static_cast<C>(sum));
                        }
                      });
  });
}

}  // namespace

void RegisterEinsum(Registry& registry) {
  registry.Add(OpDef{kOp, 1, -1, Describe(kNumericTypes), {{"equation", "string", ""}}, EinsumInfer, EinsumKernel});
}

}  // namespace aclsim::sim
