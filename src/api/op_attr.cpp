// Entry points for aclopAttr (acl_op.h): creation and every typed setter.
#include <functional>

#include "acl/acl_op.h"
#include "api/api_guard.h"
#include "op/op_attr.h"

using aclsim::sim::AttrValue;
using aclsim::sim::DType;
using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

namespace {

// Validates the handle and name, then stores `value` under the name.
aclError SetAttr(const char* api, aclopAttr* attr, const char* attrName, const std::function<AttrValue()>& make) {
  return ApiCall(api, [&] {
    aclopAttr* object = UnwrapHandle<aclopAttr>(attr, "attr");
    ACLSIM_CHECK_NOT_NULL(attrName);
    ACLSIM_CHECK_ARG(*attrName != '\0', "attrName must not be empty");
    AttrValue value = make();  // may throw on a bad list: then nothing is stored
    object->values[attrName] = std::move(value);
    return ACL_SUCCESS;
  });
}

template <typename T, typename U = T>
std::vector<T> CheckedList(int count, const U* values, const char* what) {
  ACLSIM_CHECK_ARG(count >= 0, "{} count is {}, expected >= 0", what, count);
  ACLSIM_CHECK_ARG(count == 0 || values != nullptr, "{} is null while its count is {}", what, count);
  return std::vector<T>(values, values + count);
}

// A data-type attribute must name a type the simulated device computes with.
DType CheckedDataType(aclDataType type, const char* what) {
  ACLSIM_CHECK_ARG(aclsim::sim::IsKnown(static_cast<int32_t>(type)), "{} {} is not a data type the simulator supports",
                   what, static_cast<int>(type));
  return static_cast<DType>(type);
}

}  // namespace

extern "C" {

aclopAttr* aclopCreateAttr() {
  return ApiCall("aclopCreateAttr", [] { return new aclopAttr(); });
}

void aclopDestroyAttr(const aclopAttr* attr) {
  ApiCall("aclopDestroyAttr", [&] {
    if (attr != nullptr) delete UnwrapHandle<aclopAttr>(attr, "attr");
  });
}

aclError aclopSetAttrBool(aclopAttr* attr, const char* attrName, uint8_t attrValue) {
  return SetAttr("aclopSetAttrBool", attr, attrName, [&] { return AttrValue(attrValue != 0); });
}

aclError aclopSetAttrInt(aclopAttr* attr, const char* attrName, int64_t attrValue) {
  return SetAttr("aclopSetAttrInt", attr, attrName, [&] { return AttrValue(attrValue); });
}

aclError aclopSetAttrFloat(aclopAttr* attr, const char* attrName, float attrValue) {
  return SetAttr("aclopSetAttrFloat", attr, attrName, [&] { return AttrValue(attrValue); });
}

aclError aclopSetAttrString(aclopAttr* attr, const char* attrName, const char* attrValue) {
  return SetAttr("aclopSetAttrString", attr, attrName, [&] {
    ACLSIM_CHECK_NOT_NULL(attrValue);
    return AttrValue(std::string(attrValue));
  });
}

aclError aclopSetAttrDataType(aclopAttr* attr, const char* attrName, aclDataType attrValue) {
  return SetAttr("aclopSetAttrDataType", attr, attrName, [&] { return AttrValue(CheckedDataType(attrValue, "attrValue")); });
}

aclError aclopSetAttrListDataType(aclopAttr* attr, const char* attrName, int numValues, const aclDataType values[]) {
  return SetAttr("aclopSetAttrListDataType", attr, attrName, [&] {
    std::vector<DType> list;
    for (aclDataType type : CheckedList<aclDataType>(numValues, values, "values")) {
      list.push_back(CheckedDataType(type, "values[i]"));
    }
    return AttrValue(std::move(list));
  });
}

aclError aclopSetAttrListBool(aclopAttr* attr, const char* attrName, int numValues, const uint8_t* values) {
  return SetAttr("aclopSetAttrListBool", attr, attrName, [&] {
    auto bytes = CheckedList<uint8_t>(numValues, values, "values");
    return AttrValue(std::vector<bool>(bytes.begin(), bytes.end()));
  });
}

aclError aclopSetAttrListInt(aclopAttr* attr, const char* attrName, int numValues, const int64_t* values) {
  return SetAttr("aclopSetAttrListInt", attr, attrName,
                 [&] { return AttrValue(CheckedList<int64_t>(numValues, values, "values")); });
}

aclError aclopSetAttrListFloat(aclopAttr* attr, const char* attrName, int numValues, const float* values) {
  return SetAttr("aclopSetAttrListFloat", attr, attrName,
                 [&] { return AttrValue(CheckedList<float>(numValues, values, "values")); });
}

aclError aclopSetAttrListString(aclopAttr* attr, const char* attrName, int numValues, const char** values) {
  return SetAttr("aclopSetAttrListString", attr, attrName, [&] {
    auto pointers = CheckedList<const char*>(numValues, values, "values");
    std::vector<std::string> strings;
    for (size_t i = 0; i < pointers.size(); ++i) {
      ACLSIM_CHECK_ARG(pointers[i] != nullptr, "values[{}] must not be null", i);
      strings.emplace_back(pointers[i]);
    }
    return AttrValue(std::move(strings));
  });
}

aclError aclopSetAttrListListInt(aclopAttr* attr, const char* attrName, int numLists, const int* numValues,
                                 const int64_t* const values[]) {
  return SetAttr("aclopSetAttrListListInt", attr, attrName, [&] {
    auto counts = CheckedList<int>(numLists, numValues, "numValues");
    ACLSIM_CHECK_ARG(numLists == 0 || values != nullptr, "values is null while numLists is {}", numLists);
    std::vector<std::vector<int64_t>> lists;
    for (int i = 0; i < numLists; ++i) lists.push_back(CheckedList<int64_t>(counts[i], values[i], "values[i]"));
    return AttrValue(std::move(lists));
  });
}

}  // extern "C"
