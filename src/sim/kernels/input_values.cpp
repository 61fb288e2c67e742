#include "sim/kernels/input_values.h"

#include "common/error.h"
#include "sim/kernels/infer_helpers.h"

namespace aclsim::sim {

std::vector<double> ConstDoubles(const char* op, const char* what, const TensorSpec& spec) {
  const int64_t count = NumElements(spec.shape);
  if (!spec.value || spec.value->size() < static_cast<size_t>(count) * SizeOf(spec.dtype)) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH,
         "{}: the value of {} must be known before execution (a constant, or a host "
         "input), because the output shape depends on it",
         op, what);
  }
  std::vector<double> values(static_cast<size_t>(count));
  DispatchAll(spec.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* data = reinterpret_cast<const T*>(spec.value->data());
    for (int64_t i = 0; i < count; ++i) {
      if constexpr (std::is_same_v<T, bool>)
        values[static_cast<size_t>(i)] = data[i] ? 1.0 : 0.0;
      else
        values[static_cast<size_t>(i)] = static_cast<double>(static_cast<typename ComputeType<T>::type>(data[i]));
    }
  });
  return values;
}

int64_t ConstScalarInt(const char* op, const char* what, const TensorSpec& spec) {
  const std::vector<int64_t> values = ConstInts(op, what, spec);
  if (values.size() != 1) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} must hold one value, has shape {}", op, what, ToString(spec.shape));
  }
  return values[0];
}

int64_t NormalizeInputAxis(const char* op, const char* what, int64_t axis, int64_t rank) {
  if (axis < -rank || axis >= rank) {
    Fail(ACL_ERROR_OP_INPUT_NOT_MATCH, "{}: {} = {} is out of range for rank {}", op, what, axis, rank);
  }
  return axis < 0 ? axis + rank : axis;
}

std::vector<int64_t> ReadInts(const TensorView& view) {
  const int64_t count = view.NumElements();
  std::vector<int64_t> values(static_cast<size_t>(count));
  DispatchAll(view.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T* data = view.As<T>();
    for (int64_t i = 0; i < count; ++i) {
      if constexpr (std::is_same_v<T, bool>)
        values[static_cast<size_t>(i)] = data[i] ? 1 : 0;
      else
        values[static_cast<size_t>(i)] = static_cast<int64_t>(static_cast<typename ComputeType<T>::type>(data[i]));
    }
  });
  return values;
}

double ReadDouble(const TensorView& view, int64_t i) {
  return DispatchAll(view.dtype(), [&](auto tag) {
    using T = decltype(tag);
    const T v = view.As<T>()[i];
    if constexpr (std::is_same_v<T, bool>)
      return v ? 1.0 : 0.0;
    else
      return static_cast<double>(static_cast<typename ComputeType<T>::type>(v));
  });
}

}  // namespace aclsim::sim
