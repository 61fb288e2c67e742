// Helpers for kernel tests: tensors that own their storage, filled with reproducible values,
// run through the registry exactly as the op and model paths do, and read back as doubles for
// comparison with a naive reference.
#pragma once

#include <cstdint>
#include <random>
#include <string>
#include <vector>

#include <gtest/gtest.h>

#include "sim/registry.h"

namespace aclsim::sim::testing {

class HostTensor {
 public:
  HostTensor(DType dtype, Shape shape) : spec_{dtype, std::move(shape), Format::kND} {
    bytes_.resize(static_cast<size_t>(NumElements(spec_.shape)) * SizeOf(dtype));
  }
  const TensorSpec& spec() const { return spec_; }
  TensorView view() { return TensorView{spec_, bytes_.data()}; }
  int64_t size() const { return NumElements(spec_.shape); }

  // Element i as a double (bool as 0/1).
  double Get(int64_t i) const {
    return DispatchAll(spec_.dtype, [&](auto tag) {
      using T = decltype(tag);
      const T v = reinterpret_cast<const T*>(bytes_.data())[i];
      if constexpr (std::is_same_v<T, bool>) return v ? 1.0 : 0.0;
      else return static_cast<double>(static_cast<typename ComputeType<T>::type>(v));
    });
  }
  void Set(int64_t i, double value) {
    DispatchAll(spec_.dtype, [&](auto tag) {
      using T = decltype(tag);
      if constexpr (std::is_same_v<T, bool>) reinterpret_cast<T*>(bytes_.data())[i] = value != 0.0;
      else reinterpret_cast<T*>(bytes_.data())[i] = static_cast<T>(static_cast<typename ComputeType<T>::type>(value));
    });
  }
  std::vector<double> Values() const {
    std::vector<double> out(static_cast<size_t>(size()));
    for (int64_t i = 0; i < size(); ++i) out[static_cast<size_t>(i)] = Get(i);
    return out;
  }
  // Reproducible values in [lo, hi] (integers for integer types); the value stored is exactly
  // representable in the tensor's type, so references compute from what the kernel sees.
  void FillRandom(uint32_t seed, double lo, double hi) {
    std::mt19937 rng(seed);
    std::uniform_real_distribution<double> dist(lo, hi);
    for (int64_t i = 0; i < size(); ++i) {
      double v = dist(rng);
      if (!IsFloating(spec_.dtype)) v = std::round(v);
      Set(i, v);
    }
  }

 private:
  TensorSpec spec_;
  std::vector<unsigned char> bytes_;
};

// Infers the outputs of `op` for `inputs`, allocates them, runs the kernel, and returns them.
inline std::vector<HostTensor> RunOp(const std::string& op, std::vector<HostTensor*> inputs, const Attrs& attrs = {},
                                     const Parallel& parallel = Parallel::Inline()) {
  std::vector<TensorSpec> specs;
  std::vector<TensorView> views;
  for (HostTensor* t : inputs) {
    specs.push_back(t->spec());
    views.push_back(t->view());
  }
  std::vector<HostTensor> outputs;
  for (const TensorSpec& s : Kernels().Infer(op, specs, attrs)) outputs.emplace_back(s.dtype, s.shape);
  std::vector<TensorView> out_views;
  for (HostTensor& t : outputs) out_views.push_back(t.view());
  Kernels().Run(op, views, out_views, attrs, parallel);
  return outputs;
}

// Tolerance for comparing a kernel's result in `dtype` with a double reference.
inline double Tolerance(DType dtype, double reference) {
  const double magnitude = std::max(1.0, std::abs(reference));
  switch (dtype) {
    case DType::kFloat16: return 1e-3 * magnitude;
    case DType::kBFloat16: return 8e-3 * magnitude;
    case DType::kFloat32: return 1e-5 * magnitude;
    case DType::kFloat64: return 1e-12 * magnitude;
    default: return 0.0;
  }
}

// The value `reference` takes once stored in `dtype` (rounded like the kernel's single rounding).
inline double RoundTo(DType dtype, double reference) {
  HostTensor t(dtype, {1});
  t.Set(0, reference);
  return t.Get(0);
}

}  // namespace aclsim::sim::testing
