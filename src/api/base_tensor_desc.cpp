// Entry points for aclTensorDesc (acl_base.h).
#include <cstring>

#include "acl/acl_base.h"
#include "api/api_guard.h"
#include "base/format_shape.h"
#include "base/tensor_desc.h"

#pragma GCC diagnostic ignored "-Wdeprecated-declarations"  // some of these are deprecated names

using aclsim::Fail;
using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

aclTensorDesc* Desc(const aclTensorDesc* desc) { return UnwrapHandle<aclTensorDesc>(desc, "desc"); }

std::vector<std::array<int64_t, 2>> CheckedRanges(size_t count, int64_t (*ranges)[2], const char* what) {
  ACLSIM_CHECK_ARG(count == 0 || ranges != nullptr, "{} is null while its count is {}", what, count);
  std::vector<std::array<int64_t, 2>> result;
  for (size_t i = 0; i < count; ++i) {
    const int64_t lo = ranges[i][0], hi = ranges[i][1];
    ACLSIM_CHECK_ARG(lo >= 0 && (hi == -1 || hi >= lo), "{}[{}] is [{}, {}]: expected 0 <= min <= max, "
                     "or max = -1 for no bound", what, i, lo, hi);
    result.push_back({lo, hi});
  }
  return result;
}

}  // namespace

extern "C" {

aclTensorDesc* aclCreateTensorDesc(aclDataType dataType, int numDims, const int64_t* dims, aclFormat format) {
  return ApiCall("aclCreateTensorDesc",
                 [&] { return new aclTensorDesc(aclsim::MakeTensorDesc(dataType, numDims, dims, format)); });
}

void aclDestroyTensorDesc(const aclTensorDesc* desc) {
  ApiCall("aclDestroyTensorDesc", [&] {
    if (desc == nullptr) return;  // like free(NULL)
    aclTensorDesc* object = Desc(desc);
    if (object->array_size != 1) {
      Fail(ACL_ERROR_INVALID_PARAM, "desc belongs to an array of {} descriptors; destroy the array with the "
           "function that created it", object->array_size);
    }
    delete object;
  });
}

aclError aclSetTensorShapeRange(aclTensorDesc* desc, size_t dimsCount, int64_t dimsRange[][ACL_TENSOR_SHAPE_RANGE_NUM]) {
  return ApiCall("aclSetTensorShapeRange", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_ARG(object->unknown_rank || dimsCount == object->dims.size(),
                     "dimsCount is {} but the shape has {} dims", dimsCount, object->dims.size());
    object->shape_range = CheckedRanges(dimsCount, dimsRange, "dimsRange");
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorValueRange(aclTensorDesc* desc, size_t valueCount, int64_t valueRange[][ACL_TENSOR_VALUE_RANGE_NUM]) {
  return ApiCall("aclSetTensorValueRange", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_ARG(valueCount == 0 || valueRange != nullptr, "valueRange is null while valueCount is {}", valueCount);
    std::vector<std::array<int64_t, 2>> ranges;
    for (size_t i = 0; i < valueCount; ++i) {
      ACLSIM_CHECK_ARG(valueRange[i][0] <= valueRange[i][1], "valueRange[{}] is [{}, {}]: min > max", i,
                       valueRange[i][0], valueRange[i][1]);
      ranges.push_back({valueRange[i][0], valueRange[i][1]});
    }
    object->value_range = std::move(ranges);
    return ACL_SUCCESS;
  });
}

aclDataType aclGetTensorDescType(const aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescType", [&] { return Desc(desc)->data_type; });
}

aclFormat aclGetTensorDescFormat(const aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescFormat", [&] { return Desc(desc)->format; });
}

size_t aclGetTensorDescSize(const aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescSize", [&] { return aclsim::ByteSize(*Desc(desc)); });
}

size_t aclGetTensorDescElementCount(const aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescElementCount", [&] { return aclsim::ElementCount(*Desc(desc)); });
}

size_t aclGetTensorDescNumDims(const aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescNumDims", [&]() -> size_t {
    const aclTensorDesc* object = Desc(desc);
    return object->unknown_rank ? static_cast<size_t>(ACL_UNKNOWN_RANK) : object->dims.size();
  });
}

int64_t aclGetTensorDescDim(const aclTensorDesc* desc, size_t index) {
  int64_t dim = -1;  // the deprecated API's documented failure value, also for a bad handle
  ApiCall("aclGetTensorDescDim", [&] {
    const aclTensorDesc* object = Desc(desc);
    if (!object->unknown_rank && index < object->dims.size()) dim = object->dims[index];
  });
  return dim;
}

aclError aclGetTensorDescDimV2(const aclTensorDesc* desc, size_t index, int64_t* dimSize) {
  return ApiCall("aclGetTensorDescDimV2", [&] {
    const aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_NOT_NULL(dimSize);
    ACLSIM_CHECK_ARG(!object->unknown_rank, "the shape's rank is unknown (-2)");
    ACLSIM_CHECK_ARG(index < object->dims.size(), "index {} is out of range: the shape has {} dims", index,
                     object->dims.size());
    *dimSize = object->dims[index];
    return ACL_SUCCESS;
  });
}

aclError aclGetTensorDescDimRange(const aclTensorDesc* desc, size_t index, size_t dimRangeNum, int64_t* dimRange) {
  return ApiCall("aclGetTensorDescDimRange", [&] {
    const aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_NOT_NULL(dimRange);
    ACLSIM_CHECK_ARG(dimRangeNum >= ACL_TENSOR_SHAPE_RANGE_NUM, "dimRangeNum is {}, expected {}", dimRangeNum,
                     ACL_TENSOR_SHAPE_RANGE_NUM);
    if (index < object->shape_range.size()) {
      dimRange[0] = object->shape_range[index][0];
      dimRange[1] = object->shape_range[index][1];
      return ACL_SUCCESS;
    }
    ACLSIM_CHECK_ARG(!object->unknown_rank && index < object->dims.size(),
                     "index {} is out of range: the shape has {} dims", index, object->dims.size());
    // No range set: a static dim is its own range; a dynamic one is unbounded.
    const int64_t dim = object->dims[index];
    dimRange[0] = dim >= 0 ? dim : 0;
    dimRange[1] = dim >= 0 ? dim : -1;
    return ACL_SUCCESS;
  });
}

void aclSetTensorDescName(aclTensorDesc* desc, const char* name) {
  ApiCall("aclSetTensorDescName", [&] { Desc(desc)->name = name == nullptr ? "" : name; });
}

const char* aclGetTensorDescName(aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescName", [&] { return Desc(desc)->name.c_str(); });
}

aclError aclTransTensorDescFormat(const aclTensorDesc* srcDesc, aclFormat dstFormat, aclTensorDesc** dstDesc) {
  return ApiCall("aclTransTensorDescFormat", [&] {
    const aclTensorDesc* source = UnwrapHandle<aclTensorDesc>(srcDesc, "srcDesc");
    ACLSIM_CHECK_NOT_NULL(dstDesc);
    ACLSIM_CHECK_ARG(aclsim::IsKnownFormat(dstFormat) && dstFormat != ACL_FORMAT_UNDEFINED,
                     "dstFormat {} is not an aclFormat", static_cast<int>(dstFormat));
    ACLSIM_CHECK_ARG(!source->unknown_rank, "srcDesc's rank is unknown (-2)");
    auto result = std::make_unique<aclTensorDesc>(*source);
    result->dims = aclsim::ShapeInFormat(source->dims, source->format, dstFormat, source->data_type);
    result->format = dstFormat;
    result->origin_format = source->origin_format.value_or(source->format);
    result->origin_dims = source->origin_dims.value_or(source->dims);
    result->shape_range.clear();  // ranges were per source dim
    result->array_index = 0;
    result->array_size = 1;
    *dstDesc = result.release();
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorStorageFormat(aclTensorDesc* desc, aclFormat format) { return aclSetTensorFormat(desc, format); }

aclError aclSetTensorStorageShape(aclTensorDesc* desc, int numDims, const int64_t* dims) {
  return aclSetTensorShape(desc, numDims, dims);
}

aclError aclSetTensorFormat(aclTensorDesc* desc, aclFormat format) {
  return ApiCall("aclSetTensorFormat", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_ARG(aclsim::IsKnownFormat(format), "format {} is not an aclFormat", static_cast<int>(format));
    object->format = format;
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorShape(aclTensorDesc* desc, int numDims, const int64_t* dims) {
  return ApiCall("aclSetTensorShape", [&] {
    aclTensorDesc* object = Desc(desc);
    std::vector<int64_t> shape = aclsim::CheckedDims(numDims, dims);
    if (shape.size() != object->dims.size()) object->shape_range.clear();  // ranges were per old dim
    object->unknown_rank = shape.size() == 1 && shape[0] == -2;
    object->dims = std::move(shape);
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorOriginFormat(aclTensorDesc* desc, aclFormat format) {
  return ApiCall("aclSetTensorOriginFormat", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_ARG(aclsim::IsKnownFormat(format), "format {} is not an aclFormat", static_cast<int>(format));
    object->origin_format = format;
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorOriginShape(aclTensorDesc* desc, int numDims, const int64_t* dims) {
  return ApiCall("aclSetTensorOriginShape", [&] {
    aclTensorDesc* object = Desc(desc);
    object->origin_dims = aclsim::CheckedDims(numDims, dims);
    return ACL_SUCCESS;
  });
}

aclTensorDesc* aclGetTensorDescByIndex(aclTensorDesc* desc, size_t index) {
  return ApiCall("aclGetTensorDescByIndex", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_ARG(index < object->array_size - object->array_index,
                     "index {} is past the end of the descriptor array ({} left from desc)", index,
                     object->array_size - object->array_index);
    return object + index;
  });
}

void* aclGetTensorDescAddress(const aclTensorDesc* desc) {
  return ApiCall("aclGetTensorDescAddress", [&]() -> void* {
    aclTensorDesc* object = Desc(desc);
    return object->is_const ? object->const_value.data() : nullptr;
  });
}

aclError aclSetTensorDynamicInput(aclTensorDesc* desc, const char* dynamicInputName) {
  return ApiCall("aclSetTensorDynamicInput", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_NOT_NULL(dynamicInputName);
    object->dynamic_input_name = dynamicInputName;
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorConst(aclTensorDesc* desc, void* dataBuffer, size_t length) {
  return ApiCall("aclSetTensorConst", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_NOT_NULL(dataBuffer);
    ACLSIM_CHECK_ARG(length > 0, "length must be > 0");
    const auto* bytes = static_cast<const uint8_t*>(dataBuffer);
    object->const_value.assign(bytes, bytes + length);  // a host copy: the caller may free its buffer
    object->is_const = true;
    return ACL_SUCCESS;
  });
}

aclError aclSetTensorPlaceMent(aclTensorDesc* desc, aclMemType memType) {
  return ApiCall("aclSetTensorPlaceMent", [&] {
    aclTensorDesc* object = Desc(desc);
    ACLSIM_CHECK_ARG(memType == ACL_MEMTYPE_DEVICE || memType == ACL_MEMTYPE_HOST ||
                         memType == ACL_MEMTYPE_HOST_COMPILE_INDEPENDENT,
                     "memType {} is not an aclMemType", static_cast<int>(memType));
    object->placement = memType;
    return ACL_SUCCESS;
  });
}

}  // extern "C"
