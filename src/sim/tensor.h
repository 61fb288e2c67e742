// What a kernel sees of a tensor: its type and shape (TensorSpec), plus where its elements are
// (TensorView). Elements are dense and row-major; the format says how the dims are to be read.
#pragma once

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

#include "sim/dtype.h"

namespace aclsim::sim {

using Shape = std::vector<int64_t>;

// Layouts, numerically equal to aclFormat's.
enum class Format : int32_t {
  kUndefined = -1,
  kNCHW = 0,
  kNHWC = 1,
  kND = 2,
  kNC1HWC0 = 3,
  kFractalZ = 4,
  kHWCN = 16,
  kNDHWC = 27,
  kFractalNZ = 29,
  kNCDHW = 30,
};

struct TensorSpec {
  TensorSpec() = default;
  TensorSpec(DType d, Shape s, Format f = Format::kND) : dtype(d), shape(std::move(s)), format(f) {}

  DType dtype = DType::kFloat32;
  Shape shape;
  Format format = Format::kND;
  // The tensor's bytes, when known before execution (a constant in a model, a const or host
  // input of a single operator). Shape functions of operators whose output shape depends on an
  // input's value (Reshape's shape, Transpose's perm, ...) read it through ConstInts().
  std::shared_ptr<const std::vector<unsigned char>> value;
};

// An optional input left out before inputs that are given (a trailing one is simply not passed):
// data type kUndefined, shape [0], no data. Kernels with such inputs check IsAbsent first.
TensorSpec AbsentInput();
inline bool IsAbsent(const TensorSpec& spec) { return spec.dtype == DType::kUndefined; }

// The integers of a known value (any integer dtype), or nullopt when the value is not known.
std::optional<std::vector<int64_t>> KnownInts(const TensorSpec& spec);

struct TensorView {
  TensorSpec spec;
  void* data = nullptr;

  DType dtype() const { return spec.dtype; }
  const Shape& shape() const { return spec.shape; }
  int64_t rank() const { return static_cast<int64_t>(spec.shape.size()); }
  int64_t dim(int64_t i) const { return spec.shape[static_cast<size_t>(i)]; }
  int64_t NumElements() const;
  size_t ByteSize() const { return IsAbsent(spec) ? 0 : static_cast<size_t>(NumElements()) * SizeOf(spec.dtype); }
  template <typename T> T* As() const { return static_cast<T*>(data); }
};

int64_t NumElements(const Shape& shape);
std::string ToString(const Shape& shape);  // "[2, 3, 4]"
std::string ToString(const TensorSpec& spec);  // "float16[2, 3, 4]"

}  // namespace aclsim::sim
