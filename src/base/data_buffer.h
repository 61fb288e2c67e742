// aclDataBuffer: a (pointer, size) pair naming memory the caller owns.
#pragma once

#include <cstddef>

#include "common/handle.h"

struct aclDataBuffer : aclsim::TaggedObject<0x44427566u /* 'DBuf' */> {
  static constexpr const char* kTypeName = "aclDataBuffer";
  aclDataBuffer(void* d, size_t s) : data(d), size(s) {}
  void* data;
  size_t size;
};
