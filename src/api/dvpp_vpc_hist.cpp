// Histograms and LUT maps (acl_dvpp.h): acldvppLutMap and acldvppHist with their accessors,
// acldvppVpcCalcHistAsync and acldvppVpcEqualizeHistAsync (checked at enqueue, run on the stream).
#include <utility>

#include "api/api_guard.h"
#include "dvpp/histogram.h"
#include "dvpp/vpc_checks.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;
namespace dvpp = aclsim::dvpp;

extern "C" {

// ---- acldvppLutMap
acldvppLutMap* acldvppCreateLutMap() {
  return ApiCall("acldvppCreateLutMap", [] {
    dvpp::RequireVpcExtras("acldvppCreateLutMap");
    return new acldvppLutMap();
  });
}
aclError acldvppDestroyLutMap(acldvppLutMap* lutMap) {
  return ApiCall("acldvppDestroyLutMap", [&] {
    delete UnwrapHandle<acldvppLutMap>(lutMap, "lutMap");
    return ACL_SUCCESS;
  });
}
uint32_t acldvppGetLutMapDims(const acldvppLutMap* lutMap) {
  return ApiCall("acldvppGetLutMapDims", [&] {
    UnwrapHandle<acldvppLutMap>(lutMap, "lutMap");
    return dvpp::kLutDims;
  });
}
aclError acldvppGetLutMapData(const acldvppLutMap* lutMap, uint32_t dim, uint8_t** data, uint32_t* len) {
  return ApiCall("acldvppGetLutMapData", [&] {
    const acldvppLutMap* map = UnwrapHandle<acldvppLutMap>(lutMap, "lutMap");
    ACLSIM_CHECK_ARG(dim < dvpp::kLutDims, "dim {} must be below {} (acldvppGetLutMapDims)", dim, dvpp::kLutDims);
    ACLSIM_CHECK_NOT_NULL(data);
    ACLSIM_CHECK_NOT_NULL(len);
    *data = map->map[dim].data();
    *len = dvpp::kLevels;
    return ACL_SUCCESS;
  });
}

// ---- acldvppHist
acldvppHist* acldvppCreateHist() {
  return ApiCall("acldvppCreateHist", [] {
    dvpp::RequireVpcExtras("acldvppCreateHist");
    return new acldvppHist();
  });
}
aclError acldvppDestroyHist(acldvppHist* hist) {
  return ApiCall("acldvppDestroyHist", [&] {
    delete UnwrapHandle<acldvppHist>(hist, "hist");
    return ACL_SUCCESS;
  });
}
uint32_t acldvppGetHistDims(acldvppHist* hist) {
  return ApiCall("acldvppGetHistDims", [&] {
    UnwrapHandle<acldvppHist>(hist, "hist");
    return dvpp::kHistDims;
  });
}
aclError acldvppGetHistData(acldvppHist* hist, uint32_t dim, uint32_t** data, uint16_t* len) {
  return ApiCall("acldvppGetHistData", [&] {
    acldvppHist* h = UnwrapHandle<acldvppHist>(hist, "hist");
    ACLSIM_CHECK_ARG(dim < dvpp::kHistDims, "dim {} must be below {} (acldvppGetHistDims)", dim, dvpp::kHistDims);
    ACLSIM_CHECK_NOT_NULL(data);
    ACLSIM_CHECK_NOT_NULL(len);
    *data = h->state->bins[dim].data();
    *len = static_cast<uint16_t>(dvpp::kLevels);
    return ACL_SUCCESS;
  });
}
uint32_t acldvppGetHistRetCode(acldvppHist* hist) {
  return ApiCall("acldvppGetHistRetCode", [&] { return UnwrapHandle<acldvppHist>(hist, "hist")->state->ret_code; });
}
aclError acldvppClearHist(acldvppHist* hist) {
  return ApiCall("acldvppClearHist", [&] {
    acldvppHist* h = UnwrapHandle<acldvppHist>(hist, "hist");
    for (auto& bins : h->state->bins) bins.fill(0);
    h->state->ret_code = 0;
    return ACL_SUCCESS;
  });
}

// ---- operations
aclError acldvppVpcCalcHistAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* srcPicDesc, acldvppHist* hist,
                                 void* reserve, aclrtStream stream) {
  return ApiCall("acldvppVpcCalcHistAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    dvpp::CalcHistJob job = dvpp::PrepareCalcHist(*UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"),
                                                  *UnwrapHandle<acldvppPicDesc>(srcPicDesc, "srcPicDesc"),
                                                  *UnwrapHandle<acldvppHist>(hist, "hist"), reserve,
                                                  target.context().device());
    target.Submit(aclsim::Task{[job = std::move(job)] {
                                 dvpp::RunCalcHist(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp vpc calc hist"});
    return ACL_SUCCESS;
  });
}

aclError acldvppVpcEqualizeHistAsync(const acldvppChannelDesc* channelDesc, const acldvppPicDesc* inputDesc,
                                     acldvppPicDesc* outputDesc, const acldvppLutMap* lutMap, aclrtStream stream) {
  return ApiCall("acldvppVpcEqualizeHistAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    dvpp::EqualizeHistJob job = dvpp::PrepareEqualizeHist(
        *UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"),
        *UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc"), *UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc"),
        *UnwrapHandle<acldvppLutMap>(lutMap, "lutMap"), target.context().device());
    target.Submit(aclsim::Task{[job = std::move(job)] {
                                 dvpp::RunEqualizeHist(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp vpc equalize hist"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
