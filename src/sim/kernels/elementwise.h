// Loops shared by the elementwise operators: unary maps and broadcasting binary maps, split over
// the AI-core threads. Arithmetic happens in ComputeType<T> (float for the 16-bit floats) and is
// rounded once when stored.
#pragma once

#include <array>
#include <cmath>
#include <type_traits>

#include "sim/broadcast.h"
#include "sim/op_def.h"

namespace aclsim::sim {

// Elements per piece of parallel work for cheap elementwise loops.
constexpr int64_t kElementwiseGrain = 1 << 14;

template <typename To, typename From>
inline To CastTo(From v) {
  if constexpr (std::is_same_v<To, bool>) {
    return static_cast<float>(v) != 0.0f;
  } else if constexpr (std::is_same_v<From, bool>) {
    return static_cast<To>(v ? 1 : 0);
  } else {
    return static_cast<To>(v);
  }
}

// out[i] = op(in[i]) for a tensor of In, producing Out.
template <typename In, typename Out, typename Op>
void UnaryMap(const KernelArgs& args, Op op) {
  const In* in = args.inputs[0].As<In>();
  Out* out = args.outputs[0].As<Out>();
  using C = typename ComputeType<In>::type;
  args.parallel.For(args.outputs[0].NumElements(), kElementwiseGrain, [&](int64_t begin, int64_t end) {
    for (int64_t i = begin; i < end; ++i) out[i] = CastTo<Out>(op(static_cast<C>(in[i])));
  });
}

// out = op(x, y) with NumPy broadcasting, for inputs of In producing Out.
template <typename In, typename Out, typename Op>
void BinaryMap(const KernelArgs& args, Op op) {
  const TensorView& x = args.inputs[0];
  const TensorView& y = args.inputs[1];
  const TensorView& z = args.outputs[0];
  const In* px = x.As<In>();
  const In* py = y.As<In>();
  Out* pz = z.As<Out>();
  using C = typename ComputeType<In>::type;
  const int64_t n = z.NumElements();
  if (x.shape() == z.shape() && y.shape() == z.shape()) {
    args.parallel.For(n, kElementwiseGrain, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) pz[i] = CastTo<Out>(op(static_cast<C>(px[i]), static_cast<C>(py[i])));
    });
    return;
  }
  if (x.shape() == z.shape() && y.NumElements() == 1) {
    const C b = static_cast<C>(py[0]);
    args.parallel.For(n, kElementwiseGrain, [&](int64_t begin, int64_t end) {
      for (int64_t i = begin; i < end; ++i) pz[i] = CastTo<Out>(op(static_cast<C>(px[i]), b));
    });
    return;
  }
  const auto sx = BroadcastStrides(x.shape(), z.shape());
  const auto sy = BroadcastStrides(y.shape(), z.shape());
  args.parallel.For(n, kElementwiseGrain, [&](int64_t begin, int64_t end) {
    ForEachBroadcast<2>(z.shape(), {&sx, &sy}, begin, end, [&](int64_t i, const std::array<int64_t, 2>& at) {
      pz[i] = CastTo<Out>(op(static_cast<C>(px[at[0]]), static_cast<C>(py[at[1]])));
    });
  });
}

}  // namespace aclsim::sim
