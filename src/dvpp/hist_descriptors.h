// The LUT map and histogram descriptors of acl_dvpp.h (acldvppLutMap, acldvppHist): three
// dimensions of 256 entries each, one per colour component (Y/R, U/G, V/B).
#pragma once

#include <array>
#include <cstdint>
#include <memory>

#include "dvpp/descriptors.h"

namespace aclsim::dvpp {

constexpr uint32_t kLutDims = 3, kHistDims = 3, kLevels = 256;

// What a histogram task writes: kept alive by the queued task even if the descriptor is
// destroyed before the stream runs it.
struct HistState {
  std::array<std::array<uint32_t, kLevels>, kHistDims> bins{};
  uint32_t ret_code = 0;
};

}  // namespace aclsim::dvpp

struct acldvppLutMap : aclsim::TaggedObject<0x444C7574u /* 'DLut' */> {
  static constexpr const char* kTypeName = "acldvppLutMap";
  // The caller writes the table through acldvppGetLutMapData; it starts as the identity.
  mutable std::array<std::array<uint8_t, aclsim::dvpp::kLevels>, aclsim::dvpp::kLutDims> map{};
  acldvppLutMap() {
    for (auto& dim : map)
      for (uint32_t i = 0; i < dim.size(); ++i) dim[i] = static_cast<uint8_t>(i);
  }
};

struct acldvppHist : aclsim::TaggedObject<0x44486973u /* 'DHis' */> {
  static constexpr const char* kTypeName = "acldvppHist";
  std::shared_ptr<aclsim::dvpp::HistState> state = std::make_shared<aclsim::dvpp::HistState>();
};
