#include "model/om_format.h"

#include <unistd.h>

#include <cstdio>
#include <cstring>
#include <fstream>
#include <string>

#include <gtest/gtest.h>
#include <zlib.h>

#include "common/error.h"

namespace aclsim::model {
namespace {

std::vector<uint8_t> Sample() {
  const std::string graph = R"({"op":"Add"})";
  std::vector<uint8_t> weights(100);
  for (size_t i = 0; i < weights.size(); ++i) weights[i] = static_cast<uint8_t>(i);
  return SerializeOm(OmKind::kModel, graph, weights.data(), weights.size());
}

aclError ParseError(const std::vector<uint8_t>& bytes, std::string* message = nullptr) {
  try {
    ParseOm(bytes.data(), bytes.size(), "test.om");
  } catch (const Error& e) {
    if (message) *message = e.what();
    return e.code();
  }
  return ACL_SUCCESS;
}

// Format 1 files (CRC-32 section checksums), as atc wrote them before format 2, still load.
TEST(OmFormat, AFormatOneFileWithCrc32ChecksumsStillParses) {
  auto bytes = Sample();
  auto put32 = [&](size_t at, uint32_t v) { std::memcpy(bytes.data() + at, &v, 4); };
  bytes[8] = 1;  // major version
  bytes[9] = 0;
  for (size_t entry = 64; entry < 64 + 2 * 32; entry += 32) {
    uint64_t offset = 0, size = 0;
    std::memcpy(&offset, bytes.data() + entry + 8, 8);
    std::memcpy(&size, bytes.data() + entry + 16, 8);
    put32(entry + 24, static_cast<uint32_t>(crc32(0, bytes.data() + offset, static_cast<uInt>(size))));
    put32(entry + 28, 0);
  }
  put32(28, 0);
  put32(28, static_cast<uint32_t>(crc32(0, bytes.data(), 64 + 2 * 32)));
  const OmView view = ParseOm(bytes.data(), bytes.size(), "old.om");
  EXPECT_EQ(view.version_major, 1);
  EXPECT_EQ(view.weights_size, 100u);
  bytes[bytes.size() - 1] ^= 1;  // and their checksums are still checked
  std::string message;
  EXPECT_EQ(ParseError(bytes, &message), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(message.find("checksum of section 1"), std::string::npos) << message;
}

TEST(OmFormat, RoundTripKeepsKindGraphAndWeights) {
  const auto bytes = Sample();
  const OmView view = ParseOm(bytes.data(), bytes.size(), "test.om");
  EXPECT_EQ(view.kind, OmKind::kModel);
  EXPECT_EQ(view.version_major, kOmVersionMajor);
  EXPECT_EQ(view.graph_json, R"({"op":"Add"})");
  ASSERT_EQ(view.weights_size, 100u);
  EXPECT_EQ(view.weights[99], 99);
}

TEST(OmFormat, WeightsAre64ByteAligned) {
  const auto bytes = Sample();
  const OmView view = ParseOm(bytes.data(), bytes.size(), "test.om");
  EXPECT_EQ((view.weights - bytes.data()) % 64, 0);
}

TEST(OmFormat, EmptyWeightsAreAllowed) {
  const auto bytes = SerializeOm(OmKind::kSingleOp, "{}", nullptr, 0);
  const OmView view = ParseOm(bytes.data(), bytes.size(), "test.om");
  EXPECT_EQ(view.kind, OmKind::kSingleOp);
  EXPECT_EQ(view.weights_size, 0u);
}

TEST(OmFormat, HuaweiCompiledOmIsNamedAsSuch) {
  std::vector<uint8_t> bytes(256, 0);
  std::memcpy(bytes.data(), "IMOD", 4);
  std::string message;
  EXPECT_EQ(ParseError(bytes, &message), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(message.find("Huawei"), std::string::npos) << message;
}

TEST(OmFormat, ForeignFileIsRejected) {
  std::vector<uint8_t> bytes(256, 'x');
  std::string message;
  EXPECT_EQ(ParseError(bytes, &message), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(message.find("magic"), std::string::npos) << message;
}

TEST(OmFormat, EveryTruncationIsRejected) {
  const auto bytes = Sample();
  for (size_t keep = 0; keep < bytes.size(); ++keep) {
    std::vector<uint8_t> cut(bytes.begin(), bytes.begin() + static_cast<long>(keep));
    ASSERT_EQ(ParseError(cut), ACL_ERROR_PARSE_MODEL) << "kept " << keep << " bytes";
  }
}

TEST(OmFormat, EveryFlippedByteIsDetected) {
  const auto bytes = Sample();
  for (size_t at = 0; at < bytes.size(); ++at) {
    auto corrupted = bytes;
    corrupted[at] ^= 0x5A;
    // Padding bytes between sections are not covered by a checksum; everything else is.
    std::string message;
    const aclError code = ParseError(corrupted, &message);
    if (code == ACL_SUCCESS) {
      const OmView view = ParseOm(corrupted.data(), corrupted.size(), "t");
      EXPECT_EQ(view.graph_json, R"({"op":"Add"})") << "byte " << at;
    } else {
      EXPECT_EQ(code, ACL_ERROR_PARSE_MODEL) << "byte " << at;
    }
  }
}

TEST(OmFormat, NewerMajorVersionIsRejectedWithAMessage) {
  auto bytes = Sample();
  bytes[8] = static_cast<uint8_t>(kOmVersionMajor + 1);
  std::string message;
  EXPECT_EQ(ParseError(bytes, &message), ACL_ERROR_PARSE_MODEL);
  EXPECT_NE(message.find("newer"), std::string::npos) << message;
}

TEST(OmFormat, WriteThenMapReadsTheSameBytes) {
  char dir[] = "/tmp/aclsim_om_XXXXXX";
  ASSERT_NE(mkdtemp(dir), nullptr);
  const std::string path = std::string(dir) + "/m.om";
  WriteOm(path, OmKind::kModel, "{\"x\":1}", "abc", 3);
  {
    MappedFile file(path);
    const OmView view = ParseOm(file.data(), file.size(), path);
    EXPECT_EQ(view.graph_json, "{\"x\":1}");
    EXPECT_EQ(std::string(reinterpret_cast<const char*>(view.weights), view.weights_size), "abc");
  }
  std::remove(path.c_str());
  rmdir(dir);
}

TEST(OmFormat, MappingAMissingFileIsAReadFailure) {
  try {
    MappedFile file("/nonexistent/aclsim.om");
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_READ_MODEL_FAILURE);
    EXPECT_NE(std::string(e.what()).find("/nonexistent/aclsim.om"), std::string::npos);
  }
}

TEST(OmFormat, WritingIntoAMissingDirectoryFailsWithoutLeavingAFile) {
  try {
    WriteOm("/nonexistent-dir/x.om", OmKind::kModel, "{}", nullptr, 0);
    FAIL();
  } catch (const Error& e) {
    EXPECT_EQ(e.code(), ACL_ERROR_WRITE_FILE);
  }
}

}  // namespace
}  // namespace aclsim::model
