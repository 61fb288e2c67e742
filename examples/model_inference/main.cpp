// model_inference: the usual AscendCL inference program. Load an offline model converted by atc,
// allocate device buffers for its inputs and outputs from the model description, copy an input
// file to the device, execute, copy the outputs back and print them. Given an expected-output
// file, also checks the result and exits non-zero when it differs.
//   model_inference <model.om> <input.bin> [expected_output.bin]
#include <cmath>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

#include "acl/acl.h"

#define CHECK_ACL(call)                                                                   \
  do {                                                                                    \
    aclError ret_ = (call);                                                               \
    if (ret_ != ACL_SUCCESS) {                                                            \
      const char* msg_ = aclGetRecentErrMsg();                                            \
      std::fprintf(stderr, "%s failed: %d (%s)\n", #call, ret_, msg_ ? msg_ : "no message"); \
      return 1;                                                                           \
    }                                                                                     \
  } while (0)

static std::vector<char> ReadFile(const char* path) {
  std::ifstream in(path, std::ios::binary);
  return std::vector<char>(std::istreambuf_iterator<char>(in), {});
}

int main(int argc, char** argv) {
  if (argc < 3) {
    std::fprintf(stderr, "usage: %s <model.om> <input.bin> [expected_output.bin]\n", argv[0]);
    return 2;
  }
  const std::vector<char> input = ReadFile(argv[2]);

  CHECK_ACL(aclInit(nullptr));
  CHECK_ACL(aclrtSetDevice(0));
  uint32_t model_id = 0;
  CHECK_ACL(aclmdlLoadFromFile(argv[1], &model_id));
  aclmdlDesc* desc = aclmdlCreateDesc();
  CHECK_ACL(aclmdlGetDesc(desc, model_id));

  // One input: the file's bytes must fill it exactly.
  const size_t input_size = aclmdlGetInputSizeByIndex(desc, 0);
  if (aclmdlGetNumInputs(desc) != 1 || input.size() != input_size) {
    std::fprintf(stderr, "the model takes one input of %zu bytes; %s holds %zu\n", input_size, argv[2], input.size());
    return 1;
  }
  void* input_device = nullptr;
  CHECK_ACL(aclrtMalloc(&input_device, input_size, ACL_MEM_MALLOC_HUGE_FIRST));
  CHECK_ACL(aclrtMemcpy(input_device, input_size, input.data(), input_size, ACL_MEMCPY_HOST_TO_DEVICE));
  aclmdlDataset* inputs = aclmdlCreateDataset();
  CHECK_ACL(aclmdlAddDatasetBuffer(inputs, aclCreateDataBuffer(input_device, input_size)));

  aclmdlDataset* outputs = aclmdlCreateDataset();
  for (size_t i = 0; i < aclmdlGetNumOutputs(desc); ++i) {
    const size_t size = aclmdlGetOutputSizeByIndex(desc, i);
    void* output_device = nullptr;
    CHECK_ACL(aclrtMalloc(&output_device, size, ACL_MEM_MALLOC_HUGE_FIRST));
    CHECK_ACL(aclmdlAddDatasetBuffer(outputs, aclCreateDataBuffer(output_device, size)));
  }

  CHECK_ACL(aclmdlExecute(model_id, inputs, outputs));

  // The first output as float32 values; the largest is the predicted class.
  aclDataBuffer* first = aclmdlGetDatasetBuffer(outputs, 0);
  std::vector<float> result(aclGetDataBufferSizeV2(first) / sizeof(float));
  CHECK_ACL(aclrtMemcpy(result.data(), result.size() * sizeof(float), aclGetDataBufferAddr(first),
                        result.size() * sizeof(float), ACL_MEMCPY_DEVICE_TO_HOST));
  size_t best = 0;
  for (size_t i = 0; i < result.size(); ++i) {
    std::printf("output[%zu] = %.6f\n", i, result[i]);
    if (result[i] > result[best]) best = i;
  }
  std::printf("%s: class %zu (%.4f)\n", aclmdlGetOutputNameByIndex(desc, 0), best, result[best]);

  int status = 0;
  if (argc > 3) {
    const std::vector<char> expected_bytes = ReadFile(argv[3]);
    const auto* expected = reinterpret_cast<const float*>(expected_bytes.data());
    if (expected_bytes.size() != result.size() * sizeof(float)) {
      std::fprintf(stderr, "%s holds %zu bytes, the output %zu\n", argv[3], expected_bytes.size(), result.size() * sizeof(float));
      status = 1;
    } else {
      for (size_t i = 0; i < result.size(); ++i) {
        if (std::fabs(result[i] - expected[i]) > 1e-5f + 1e-4f * std::fabs(expected[i])) {
          std::fprintf(stderr, "output[%zu] is %.6f, expected %.6f\n", i, result[i], expected[i]);
          status = 1;
        }
      }
      std::printf("%s\n", status == 0 ? "matches the expected output" : "DIFFERS from the expected output");
    }
  }

  for (aclmdlDataset* dataset : {inputs, outputs}) {
    for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(dataset); ++i) {
      aclDataBuffer* buffer = aclmdlGetDatasetBuffer(dataset, i);
      aclrtFree(aclGetDataBufferAddr(buffer));
      aclDestroyDataBuffer(buffer);
    }
    aclmdlDestroyDataset(dataset);
  }
  aclmdlDestroyDesc(desc);
  CHECK_ACL(aclmdlUnload(model_id));
  CHECK_ACL(aclrtResetDevice(0));
  CHECK_ACL(aclFinalize());
  return status;
}
