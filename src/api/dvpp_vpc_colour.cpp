// acldvppVpcConvertColorAsync: checked completely at enqueue, then queued as one stream task.
#include <utility>

#include "api/api_guard.h"
#include "dvpp/convert_colour.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

extern "C" {

aclError acldvppVpcConvertColorAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc,
                                     acldvppPicDesc* outputDesc, aclrtStream stream) {
  return ApiCall("acldvppVpcConvertColorAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    aclsim::dvpp::VpcJob job = aclsim::dvpp::PrepareConvertColour(
        *UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"),
        *UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc"), *UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc"),
        target.context().device());
    target.Submit(aclsim::Task{[job = std::move(job)] {
                                 aclsim::dvpp::RunConvertColour(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp vpc convert colour"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
