#include "base/data_type.h"

#include <cstdio>

namespace aclsim {
namespace {

struct DataTypeFact {
  aclDataType type;
  size_t bits;  // per element; sub-byte types pack several elements in a byte
  const char* name;
};

constexpr DataTypeFact kDataTypes[] = {
    {ACL_FLOAT, 32, "ACL_FLOAT"},       {ACL_FLOAT16, 16, "ACL_FLOAT16"},
    {ACL_INT8, 8, "ACL_INT8"},         {ACL_INT32, 32, "ACL_INT32"},
    {ACL_UINT8, 8, "ACL_UINT8"},       {ACL_INT16, 16, "ACL_INT16"},
    {ACL_UINT16, 16, "ACL_UINT16"},     {ACL_UINT32, 32, "ACL_UINT32"},
    {ACL_INT64, 64, "ACL_INT64"},       {ACL_UINT64, 64, "ACL_UINT64"},
    {ACL_DOUBLE, 64, "ACL_DOUBLE"},     {ACL_BOOL, 8, "ACL_BOOL"},
    {ACL_STRING, 0, "ACL_STRING"},     {ACL_COMPLEX64, 64, "ACL_COMPLEX64"},
    {ACL_COMPLEX128, 128, "ACL_COMPLEX128"}, {ACL_BF16, 16, "ACL_BF16"},
    {ACL_INT4, 4, "ACL_INT4"},         {ACL_UINT1, 1, "ACL_UINT1"},
    {ACL_COMPLEX32, 32, "ACL_COMPLEX32"},
};

const DataTypeFact* Find(aclDataType type) {
  for (const auto& fact : kDataTypes) {
    if (fact.type == type) return &fact;
  }
  return nullptr;
}

}  // namespace

std::optional<size_t> DataTypeSize(aclDataType type) {
  const DataTypeFact* fact = Find(type);
  if (fact == nullptr) return std::nullopt;
  return fact->bits == 0 ? 0 : (fact->bits + 7) / 8;
}

std::optional<size_t> DataTypeBits(aclDataType type) {
  const DataTypeFact* fact = Find(type);
  if (fact == nullptr) return std::nullopt;
  return fact->bits;
}

const char* DataTypeName(aclDataType type) {
  const DataTypeFact* fact = Find(type);
  if (fact != nullptr) return fact->name;
  thread_local char unknown[32];
  std::snprintf(unknown, sizeof unknown, "aclDataType(%d)", static_cast<int>(type));
  return unknown;
}

}  // namespace aclsim
