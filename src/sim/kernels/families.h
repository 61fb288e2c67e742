// The operator families of the simulated device, one Register function per file of kernels/.
// RegisterAllKernels calls each; a new family is added here and in src/CMakeLists.txt.
#pragma once

namespace aclsim::sim {

class Registry;

void RegisterElementwiseBinary(Registry& registry);  // elementwise_binary.cpp

inline void RegisterAllKernels(Registry& registry) {
  RegisterElementwiseBinary(registry);
}

}  // namespace aclsim::sim
