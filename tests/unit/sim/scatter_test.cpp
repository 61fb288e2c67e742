// ScatterElements and TensorScatterUpdate (ONNX ScatterND) against naive references: every axis,
// every reduction, negative and duplicate indices, every data type, empty updates, large inputs
// split over threads, and the shape functions' errors.
#include <algorithm>

#include "tests/unit/sim/value_test_util.h"

namespace aclsim::sim {
namespace {

using testing::CodeOf;
using testing::HostTensor;
using testing::IndexOf;
using testing::Offset;
using testing::RunOp;

const Parallel& Threads() {
  static const Parallel parallel(4);
  return parallel;
}

double Combine(const std::string& reduction, double old, double update) {
  if (reduction == "add") return old + update;
  if (reduction == "mul") return old * update;
  if (reduction == "max") return std::max(old, update);
  if (reduction == "min") return std::min(old, update);
  return update;
}

// Indices in [-dim, dim) for dim `dim` (negative ones count from the end).
HostTensor RandomIndices(DType type, const Shape& shape, int64_t dim, uint32_t seed) {
  HostTensor t(type, shape);
  t.FillRandom(seed, static_cast<double>(-dim), static_cast<double>(dim - 1));
  return t;
}

void CheckScatterElements(DType dtype, const Shape& data_shape, const Shape& idx_shape, int64_t axis,
                          const std::string& reduction) {
  HostTensor data = testing::Random(dtype, data_shape, 1);
  HostTensor updates = testing::Random(dtype, idx_shape, 2);
  const int64_t a = axis < 0 ? axis + static_cast<int64_t>(data_shape.size()) : axis;
  HostTensor indices = RandomIndices(DType::kInt64, idx_shape, data_shape[static_cast<size_t>(a)], 3);
  auto out = RunOp("ScatterElements", {&data, &indices, &updates}, {{"axis", axis}, {"reduction", reduction}}, Threads());
  std::vector<double> want = data.Values();
  for (int64_t i = 0; i < updates.size(); ++i) {
    auto index = IndexOf(idx_shape, i);
    int64_t k = static_cast<int64_t>(indices.Get(i));
    if (k < 0) k += data_shape[static_cast<size_t>(a)];
    index[static_cast<size_t>(a)] = k;
    double& slot = want[static_cast<size_t>(Offset(data_shape, index))];
    slot = testing::RoundTo(dtype, Combine(reduction, slot, updates.Get(i)));
  }
  ASSERT_EQ(out[0].spec().shape, data_shape);
  for (int64_t i = 0; i < out[0].size(); ++i) {
    if (IsFloating(dtype)) {
      ASSERT_NEAR(out[0].Get(i), want[static_cast<size_t>(i)], testing::Tolerance(dtype, want[static_cast<size_t>(i)]));
    } else {
      ASSERT_EQ(out[0].Get(i), want[static_cast<size_t>(i)]) << Name(dtype) << " " << reduction << " at " << i;
    }
  }
}

TEST(ScatterElements, MatchesTheReferenceForEveryAxisAndReduction) {
  for (const char* reduction : {"none", "add", "mul", "max", "min"}) {
    for (int64_t axis : {0, 1, 2, -1}) {
      CheckScatterElements(DType::kFloat32, {4, 5, 6}, {3, 5, 4}, axis, reduction);
      CheckScatterElements(DType::kInt32, {4, 5, 6}, {2, 2, 2}, axis, reduction);
    }
  }
}

TEST(ScatterElements, EveryDataTypeAndLargeInputs) {
  for (DType t : testing::kEveryType) CheckScatterElements(t, {3, 4}, {3, 2}, 1, "none");
  CheckScatterElements(DType::kFloat16, {300, 200}, {300, 150}, 0, "add");
  CheckScatterElements(DType::kFloat64, {7}, {7}, 0, "none");
}

TEST(ScatterElements, EmptyUpdatesLeaveTheDataAndDuplicatesApplyInOrder) {
  CheckScatterElements(DType::kFloat32, {3, 4}, {0, 4}, 0, "add");
  HostTensor data(DType::kFloat32, {1, 5});
  HostTensor indices = testing::Ints(DType::kInt64, {1, 2}, {1, 1});
  HostTensor updates(DType::kFloat32, {1, 2});
  updates.Set(0, 1.1);
  updates.Set(1, 2.1);
  auto out = RunOp("ScatterElements", {&data, &indices, &updates}, {{"axis", int64_t{1}}});
  EXPECT_NEAR(out[0].Get(1), 2.1, 1e-6);  // the last of the two
  auto added = RunOp("ScatterElements", {&data, &indices, &updates}, {{"axis", int64_t{1}}, {"reduction", std::string("add")}});
  EXPECT_NEAR(added[0].Get(1), 3.2, 1e-6);
}

TEST(ScatterElements, ErrorsNameTheOperator) {
  HostTensor data(DType::kFloat32, {3, 4});
  HostTensor bad = testing::Ints(DType::kInt64, {1, 1}, {4});
  HostTensor updates(DType::kFloat32, {1, 1});
  EXPECT_EQ(CodeOf([&] { RunOp("ScatterElements", {&data, &bad, &updates}, {{"axis", int64_t{1}}}); }),
            ACL_ERROR_INVALID_PARAM);
  HostTensor wrong(DType::kFloat32, {1, 2});
  HostTensor ok = testing::Ints(DType::kInt64, {1, 1}, {0});
  EXPECT_EQ(CodeOf([&] { RunOp("ScatterElements", {&data, &ok, &wrong}); }), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { RunOp("ScatterElements", {&data, &ok, &updates}, {{"reduction", std::string("sub")}}); }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  EXPECT_EQ(CodeOf([&] { RunOp("ScatterElements", {&data, &ok, &updates}, {{"axis", int64_t{2}}}); }),
            ACL_ERROR_OP_ATTR_NOT_MATCH);
  try {
    RunOp("ScatterElements", {&data, &ok, &wrong});
  } catch (const Error& e) {
    EXPECT_NE(std::string(e.what()).find("ScatterElements"), std::string::npos) << e.what();
  }
}

// ---- TensorScatterUpdate ------------------------------------------------------------------------

void CheckScatterNd(DType dtype, const Shape& data_shape, const Shape& idx_shape, const std::string& reduction,
                    bool unique = false) {
  HostTensor data = testing::Random(dtype, data_shape, 1);
  const size_t depth = static_cast<size_t>(idx_shape.back());
  HostTensor indices(DType::kInt32, idx_shape);
  const int64_t rows = NumElements(idx_shape) / static_cast<int64_t>(depth);
  for (int64_t r = 0; r < rows; ++r) {
    for (size_t k = 0; k < depth; ++k) {
      const int64_t dim = data_shape[k];
      const int64_t v = unique ? (k + 1 == depth ? r % dim : 0) : (r * 7 + static_cast<int64_t>(k) * 3) % (2 * dim) - dim;
      indices.Set(r * static_cast<int64_t>(depth) + static_cast<int64_t>(k), static_cast<double>(v));
    }
  }
  Shape upd_shape(idx_shape.begin(), idx_shape.end() - 1);
  upd_shape.insert(upd_shape.end(), data_shape.begin() + static_cast<std::ptrdiff_t>(depth), data_shape.end());
  HostTensor updates = testing::Random(dtype, upd_shape, 2);
  auto out = RunOp("TensorScatterUpdate", {&data, &indices, &updates}, {{"reduction", reduction}}, Threads());
  std::vector<double> want = data.Values();
  int64_t inner = 1;
  for (size_t d = depth; d < data_shape.size(); ++d) inner *= data_shape[d];
  for (int64_t r = 0; r < rows; ++r) {
    int64_t at = 0;
    for (size_t k = 0; k < depth; ++k) {
      int64_t v = static_cast<int64_t>(indices.Get(r * static_cast<int64_t>(depth) + static_cast<int64_t>(k)));
      if (v < 0) v += data_shape[k];
      at = at * data_shape[k] + v;
    }
    for (int64_t j = 0; j < inner; ++j) {
      double& slot = want[static_cast<size_t>(at * inner + j)];
      slot = testing::RoundTo(dtype, Combine(reduction, slot, updates.Get(r * inner + j)));
    }
  }
  for (int64_t i = 0; i < out[0].size(); ++i) {
    ASSERT_NEAR(out[0].Get(i), want[static_cast<size_t>(i)], testing::Tolerance(dtype, want[static_cast<size_t>(i)]))
        << Name(dtype) << " " << reduction << " at " << i;
  }
}

TEST(TensorScatterUpdate, MatchesTheReferenceForEveryDepthAndReduction) {
  for (const char* reduction : {"none", "add", "mul", "max", "min"}) {
    CheckScatterNd(DType::kFloat32, {4, 5, 6}, {3, 1}, reduction);
    CheckScatterNd(DType::kInt64, {4, 5, 6}, {2, 2, 2}, reduction);
    CheckScatterNd(DType::kFloat64, {4, 5, 6}, {5, 3}, reduction);
  }
}

TEST(TensorScatterUpdate, EveryDataTypeLargeAndEmpty) {
  for (DType t : testing::kEveryType) CheckScatterNd(t, {6, 3}, {4, 1}, "none", true);
  CheckScatterNd(DType::kFloat16, {8, 20000}, {5, 1}, "add");
  CheckScatterNd(DType::kFloat32, {4, 5}, {0, 2}, "none");
  CheckScatterNd(DType::kFloat32, {4, 0}, {2, 1}, "none");
}

TEST(TensorScatterUpdate, ShapeErrors) {
  auto code = [](const std::vector<TensorSpec>& in) { return CodeOf([&] { Kernels().Infer("TensorScatterUpdate", in, {}); }); };
  EXPECT_EQ(code({{DType::kFloat32, {4, 5}}, {DType::kInt32, {2, 3}}, {DType::kFloat32, {2}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({{DType::kFloat32, {4, 5}}, {DType::kInt32, {2, 1}}, {DType::kFloat32, {2, 4}}}), ACL_ERROR_OP_INPUT_NOT_MATCH);
  EXPECT_EQ(code({{DType::kFloat32, {4, 5}}, {DType::kFloat32, {2, 1}}, {DType::kFloat32, {2, 5}}}), ACL_ERROR_UNSUPPORTED_DATA_TYPE);
  EXPECT_EQ(code({{DType::kFloat32, {4, 5}}, {DType::kInt32, {2, 1}}, {DType::kFloat32, {2, 5}}}), ACL_SUCCESS);
}

}  // namespace
}  // namespace aclsim::sim
