// acldvppVpcPyrDownAsync: checked completely at enqueue, then queued as one stream task.
#include <utility>

#include "api/api_guard.h"
#include "dvpp/pyramid.h"
#include "runtime/context.h"
#include "runtime/current_context.h"
#include "runtime/stream.h"

using aclsim::UnwrapHandle;
using aclsim::api::ApiCall;

extern "C" {

aclError acldvppVpcPyrDownAsync(acldvppChannelDesc* channelDesc, acldvppPicDesc* inputDesc, acldvppPicDesc* outputDesc,
                                void* reserve, aclrtStream stream) {
  return ApiCall("acldvppVpcPyrDownAsync", [&] {
    aclsim::Stream& target = aclsim::ResolveStream(stream);
    aclsim::dvpp::PyrDownJob job = aclsim::dvpp::PreparePyrDown(
        *UnwrapHandle<acldvppChannelDesc>(channelDesc, "channelDesc"),
        *UnwrapHandle<acldvppPicDesc>(inputDesc, "inputDesc"), *UnwrapHandle<acldvppPicDesc>(outputDesc, "outputDesc"),
        reserve, target.context().device());
    target.Submit(aclsim::Task{[job = std::move(job)] {
                                 aclsim::dvpp::RunPyrDown(job);
                                 return ACL_SUCCESS;
                               },
                               "dvpp vpc pyramid down"});
    return ACL_SUCCESS;
  });
}

}  // extern "C"
