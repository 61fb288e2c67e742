// Helpers shared by the tests of operators that move and index elements: tensors of known
// values, and running or inferring an operator whose value inputs (shape, perm, paddings, ...)
// reach the shape function as constants do.
#pragma once

#include <map>
#include <memory>
#include <set>
#include <string>
#include <vector>

#include "tests/unit/sim/kernel_test_util.h"

namespace aclsim::sim::testing {

inline const std::vector<DType> kEveryType = {
    DType::kFloat16, DType::kBFloat16, DType::kFloat32, DType::kFloat64, DType::kInt8,   DType::kUInt8, DType::kInt16,
    DType::kUInt16,  DType::kInt32,    DType::kUInt32,  DType::kInt64,   DType::kUInt64, DType::kBool};

// A tensor of reproducible values that every type holds exactly after rounding (0/1 for bool).
inline HostTensor Random(DType dtype, Shape shape, uint32_t seed = 7) {
  HostTensor t(dtype, std::move(shape));
  if (dtype == DType::kBool)
    t.FillRandom(seed, 0, 1);
  else if (dtype == DType::kUInt8 || dtype == DType::kUInt16 || dtype == DType::kUInt32 || dtype == DType::kUInt64)
    t.FillRandom(seed, 0, 100);
  else
    t.FillRandom(seed, -100, 100);
  return t;
}

// 0, 1, 2, ... (for integer parameter tensors and readable layouts).
inline HostTensor Iota(DType dtype, Shape shape) {
  HostTensor t(dtype, std::move(shape));
  for (int64_t i = 0; i < t.size(); ++i) t.Set(i, static_cast<double>(i));
  return t;
}

inline HostTensor Ints(DType dtype, Shape shape, const std::vector<int64_t>& values) {
  HostTensor t(dtype, std::move(shape));
  for (size_t i = 0; i < values.size(); ++i) t.Set(static_cast<int64_t>(i), static_cast<double>(values[i]));
  return t;
}
inline HostTensor Vec(const std::vector<int64_t>& values, DType dtype = DType::kInt32) {
  return Ints(dtype, {static_cast<int64_t>(values.size())}, values);
}
inline HostTensor Scalar(double value, DType dtype = DType::kInt32) {
  HostTensor t(dtype, {});
  t.Set(0, value);
  return t;
}

// Like testing::RunOp, but the inputs whose indices are in `known` carry their values to the
// shape function (as constants and host inputs do), and `formats` sets inputs' formats. A null
// input is an optional input left out (AbsentInput()).
inline std::vector<HostTensor> Exec(const std::string& op, std::vector<HostTensor*> inputs,
                                              const std::set<size_t>& known, const Attrs& attrs = {},
                                              const Parallel& parallel = Parallel::Inline(),
                                              const std::map<size_t, Format>& formats = {}) {
  std::vector<TensorSpec> specs;
  std::vector<TensorView> views;
  for (size_t i = 0; i < inputs.size(); ++i) {
    if (!inputs[i]) {  // an optional input left out
      specs.push_back(AbsentInput());
      views.push_back(TensorView{AbsentInput(), nullptr});
      continue;
    }
    TensorView v = inputs[i]->view();
    if (known.count(i)) {
      const auto* bytes = static_cast<const unsigned char*>(v.data);
      v.spec.value = std::make_shared<std::vector<unsigned char>>(bytes, bytes + v.ByteSize());
    }
    if (formats.count(i)) v.spec.format = formats.at(i);
    specs.push_back(v.spec);
    views.push_back(v);
  }
  std::vector<HostTensor> outputs;
  for (const TensorSpec& s : Kernels().Infer(op, specs, attrs)) outputs.emplace_back(s.dtype, s.shape);
  std::vector<TensorView> out_views;
  for (HostTensor& t : outputs) out_views.push_back(t.view());
  Kernels().Run(op, views, out_views, attrs, parallel);
  return outputs;
}

// The specs the shape function gives, with the same conventions as Run.
inline std::vector<TensorSpec> Infer(const std::string& op, std::vector<HostTensor*> inputs,
                                               const std::set<size_t>& known, const Attrs& attrs = {},
                                               const std::map<size_t, Format>& formats = {}) {
  std::vector<TensorSpec> specs;
  for (size_t i = 0; i < inputs.size(); ++i) {
    TensorView v = inputs[i]->view();
    if (known.count(i)) {
      const auto* bytes = static_cast<const unsigned char*>(v.data);
      v.spec.value = std::make_shared<std::vector<unsigned char>>(bytes, bytes + v.ByteSize());
    }
    if (formats.count(i)) v.spec.format = formats.at(i);
    specs.push_back(v.spec);
  }
  return Kernels().Infer(op, specs, attrs);
}

// The error code `fn` throws, or ACL_SUCCESS.
template <typename Fn>
inline aclError CodeOf(Fn&& fn) {
  try {
    fn();
  } catch (const Error& e) {
    return e.code();
  }
  return ACL_SUCCESS;
}

// Element i of a dense tensor of `shape` at multi-index `index`.
inline int64_t Offset(const Shape& shape, const std::vector<int64_t>& index) {
  int64_t at = 0;
  for (size_t d = 0; d < shape.size(); ++d) at = at * shape[d] + index[d];
  return at;
}
// The multi-index of element i of a dense tensor of `shape`.
inline std::vector<int64_t> IndexOf(const Shape& shape, int64_t i) {
  std::vector<int64_t> index(shape.size());
  for (size_t d = shape.size(); d-- > 0;) {
    index[d] = i % shape[d];
    i /= shape[d];
  }
  return index;
}

}  // namespace aclsim::sim::testing
