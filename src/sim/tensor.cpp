#include "sim/tensor.h"

#include <fmt/format.h>
#include <fmt/ranges.h>

namespace aclsim::sim {

TensorSpec AbsentInput() { return TensorSpec(DType::kUndefined, Shape{0}); }

int64_t NumElements(const Shape& shape) {
  int64_t count = 1;
  for (int64_t d : shape) count *= d;
  return count;
}

int64_t TensorView::NumElements() const { return sim::NumElements(spec.shape); }

std::optional<std::vector<int64_t>> KnownInts(const TensorSpec& spec) {
  if (!spec.value || !IsInteger(spec.dtype)) return std::nullopt;
  const int64_t count = NumElements(spec.shape);
  if (spec.value->size() < static_cast<size_t>(count) * SizeOf(spec.dtype)) return std::nullopt;
  std::vector<int64_t> ints(static_cast<size_t>(count));
  DispatchAll(spec.dtype, [&](auto tag) {
    using T = decltype(tag);
    const T* data = reinterpret_cast<const T*>(spec.value->data());
    for (int64_t i = 0; i < count; ++i) ints[static_cast<size_t>(i)] = static_cast<int64_t>(data[i]);
  });
  return ints;
}

std::string ToString(const Shape& shape) { return fmt::format("[{}]", fmt::join(shape, ", ")); }

std::string ToString(const TensorSpec& spec) { return fmt::format("{}{}", Name(spec.dtype), ToString(spec.shape)); }

}  // namespace aclsim::sim
