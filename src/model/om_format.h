// aclsim's .om container: a versioned header, a section table with checksums, a JSON graph
// section and a 64-byte aligned weights section. Defined once here for atc (writer) and the
// library (reader); docs/om-format.md is its specification.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace aclsim::model {

enum class OmKind : uint32_t { kSingleOp = 1, kModel = 2 };

// Format 2 checksums sections with XXH3-64; format 1 (CRC-32) files are still read.
constexpr uint16_t kOmVersionMajor = 2;
constexpr uint16_t kOmVersionMinor = 0;
constexpr size_t kOmAlignment = 64;

// A parsed container. Views point into the caller's buffer (no copy), which must outlive them.
struct OmView {
  OmKind kind;
  uint16_t version_major;
  uint16_t version_minor;
  std::string_view graph_json;
  const uint8_t* weights;
  size_t weights_size;
};

// The bytes of a container holding `graph_json` and `weights`.
std::vector<uint8_t> SerializeOm(OmKind kind, std::string_view graph_json, const void* weights, size_t weights_size);

// Writes the container to `path` atomically (a temporary file renamed into place), so a failure
// never leaves a partial file. Throws Error(ACL_ERROR_WRITE_FILE) naming the path.
void WriteOm(const std::string& path, OmKind kind, std::string_view graph_json, const void* weights,
             size_t weights_size);

// Checks and parses `size` bytes. `what` names the source in messages. Throws
// Error(ACL_ERROR_PARSE_MODEL) saying which check failed: not an aclsim container (with a special
// message for a Huawei-compiled .om), truncated, a newer format version, a bad section table, or a
// checksum mismatch.
OmView ParseOm(const void* data, size_t size, const std::string& what);

// A read-only mapping of a whole file (no copy of the weights). Throws
// Error(ACL_ERROR_READ_MODEL_FAILURE) when the file cannot be opened or mapped.
class MappedFile {
 public:
  explicit MappedFile(const std::string& path);
  ~MappedFile();
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  const uint8_t* data() const { return data_; }
  size_t size() const { return size_; }

 private:
  const uint8_t* data_ = nullptr;
  size_t size_ = 0;
};

}  // namespace aclsim::model
