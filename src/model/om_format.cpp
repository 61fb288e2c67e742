#include "model/om_format.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>
#include <xxhash.h>
#include <zlib.h>

#include <cstdio>
#include <cstring>
#include <fstream>

#include "common/error.h"

namespace aclsim::model {
namespace {

constexpr char kMagic[8] = {'A', 'C', 'L', 'S', 'I', 'M', 'O', 'M'};
constexpr size_t kHeaderSize = 64;
constexpr size_t kSectionEntrySize = 32;
constexpr uint32_t kGraphSection = 1;
constexpr uint32_t kWeightsSection = 2;
constexpr size_t kMaxSections = 16;

// Header field offsets (all little-endian).
constexpr size_t kVersionMajorAt = 8, kVersionMinorAt = 10, kKindAt = 12, kFileSizeAt = 16, kSectionCountAt = 24,
                 kHeaderCrcAt = 28;
// Section entry field offsets. The checksum is XXH3-64 in format 2 (8 bytes), CRC-32 in format 1
// (4 bytes, then 4 reserved).
constexpr size_t kTypeAt = 0, kOffsetAt = 8, kSizeAt = 16, kChecksumAt = 24;

template <typename T>
void Put(std::vector<uint8_t>& out, size_t at, T value) {
  std::memcpy(out.data() + at, &value, sizeof value);  // the simulator runs on little-endian hosts
}

template <typename T>
T Get(const uint8_t* in, size_t at) {
  T value;
  std::memcpy(&value, in + at, sizeof value);
  return value;
}

// A fuzzing build (tests/fuzz) accepts any checksum, so mutated inputs reach the parsers behind it.
#ifdef FUZZING_BUILD_MODE_UNSAFE_FOR_PRODUCTION
constexpr bool kSkipChecksums = true;
#else
constexpr bool kSkipChecksums = false;
#endif

uint32_t Crc(const uint8_t* data, size_t size) {
  uLong crc = crc32(0L, Z_NULL, 0);
  while (size > 0) {  // zlib takes uInt lengths
    const uInt chunk = static_cast<uInt>(std::min<size_t>(size, 1u << 30));
    crc = crc32(crc, data, chunk);
    data += chunk;
    size -= chunk;
  }
  return static_cast<uint32_t>(crc);
}

// A section's checksum as its format version stores it. Format 2 uses XXH3 (tens of GB/s) so that
// checking a model of 100 MB of weights costs milliseconds, where zlib's CRC-32 took ~70 ms.
uint64_t SectionChecksum(uint16_t major, const uint8_t* data, size_t size) {
  return major >= 2 ? XXH3_64bits(data, size) : Crc(data, size);
}

uint64_t StoredChecksum(uint16_t major, const uint8_t* entry) {
  return major >= 2 ? Get<uint64_t>(entry, kChecksumAt) : Get<uint32_t>(entry, kChecksumAt);
}

size_t AlignUp(size_t n) { return (n + kOmAlignment - 1) / kOmAlignment * kOmAlignment; }

// The header's checksum covers the header (with the checksum field as zero) and the section table.
uint32_t HeaderCrc(const uint8_t* data, size_t table_end) {
  std::vector<uint8_t> copy(data, data + table_end);
  std::memset(copy.data() + kHeaderCrcAt, 0, 4);
  return Crc(copy.data(), copy.size());
}

[[noreturn]] void Bad(const std::string& what, const std::string& why) {
  Fail(ACL_ERROR_PARSE_MODEL, "{} is not a valid aclsim model file: {}", what, why);
}

}  // namespace

std::vector<uint8_t> SerializeOm(OmKind kind, std::string_view graph_json, const void* weights, size_t weights_size) {
  const size_t table_end = kHeaderSize + 2 * kSectionEntrySize;
  const size_t graph_at = AlignUp(table_end);
  const size_t weights_at = AlignUp(graph_at + graph_json.size());
  const size_t total = weights_at + weights_size;
  std::vector<uint8_t> out(total, 0);
  std::memcpy(out.data(), kMagic, sizeof kMagic);
  Put<uint16_t>(out, kVersionMajorAt, kOmVersionMajor);
  Put<uint16_t>(out, kVersionMinorAt, kOmVersionMinor);
  Put<uint32_t>(out, kKindAt, static_cast<uint32_t>(kind));
  Put<uint64_t>(out, kFileSizeAt, total);
  Put<uint32_t>(out, kSectionCountAt, 2);
  std::memcpy(out.data() + graph_at, graph_json.data(), graph_json.size());
  if (weights_size > 0) std::memcpy(out.data() + weights_at, weights, weights_size);
  const struct {
    uint32_t type;
    size_t offset, size;
  } sections[] = {{kGraphSection, graph_at, graph_json.size()}, {kWeightsSection, weights_at, weights_size}};
  for (size_t i = 0; i < 2; ++i) {
    const size_t entry = kHeaderSize + i * kSectionEntrySize;
    Put<uint32_t>(out, entry + kTypeAt, sections[i].type);
    Put<uint64_t>(out, entry + kOffsetAt, sections[i].offset);
    Put<uint64_t>(out, entry + kSizeAt, sections[i].size);
    Put<uint64_t>(out, entry + kChecksumAt, SectionChecksum(kOmVersionMajor, out.data() + sections[i].offset, sections[i].size));
  }
  Put<uint32_t>(out, kHeaderCrcAt, HeaderCrc(out.data(), table_end));
  return out;
}

void WriteOm(const std::string& path, OmKind kind, std::string_view graph_json, const void* weights,
             size_t weights_size) {
  const std::vector<uint8_t> bytes = SerializeOm(kind, graph_json, weights, weights_size);
  const std::string temporary = path + ".partial";
  {
    std::ofstream out(temporary, std::ios::binary | std::ios::trunc);
    if (!out) Fail(ACL_ERROR_WRITE_FILE, "cannot create '{}'", temporary);
    out.write(reinterpret_cast<const char*>(bytes.data()), static_cast<std::streamsize>(bytes.size()));
    out.close();
    if (!out) {
      std::remove(temporary.c_str());
      Fail(ACL_ERROR_WRITE_FILE, "cannot write '{}' (disk full?)", temporary);
    }
  }
  if (std::rename(temporary.c_str(), path.c_str()) != 0) {
    std::remove(temporary.c_str());
    Fail(ACL_ERROR_WRITE_FILE, "cannot move '{}' into place as '{}': {}", temporary, path, std::strerror(errno));
  }
}

OmView ParseOm(const void* data, size_t size, const std::string& what) {
  const auto* bytes = static_cast<const uint8_t*>(data);
  if (bytes == nullptr || size < 8) Bad(what, "it is shorter than a header (" + std::to_string(size) + " bytes)");
  if (std::memcmp(bytes, kMagic, sizeof kMagic) != 0) {
    if (std::memcmp(bytes, "IMOD", 4) == 0) {
      Bad(what, "it is an .om compiled by Huawei's ATC for Ascend hardware; aclsim runs models converted by its "
                "own atc (convert the original ONNX model with aclsim's atc)");
    }
    Bad(what, "it does not start with the aclsim magic \"ACLSIMOM\"");
  }
  if (size < kHeaderSize) Bad(what, "it is truncated inside the header");
  const uint16_t major = Get<uint16_t>(bytes, kVersionMajorAt), minor = Get<uint16_t>(bytes, kVersionMinorAt);
  if (major == 0 || major > kOmVersionMajor) {
    Bad(what, "it has format version " + std::to_string(major) + "." + std::to_string(minor) +
                  ", newer than this library reads (" + std::to_string(kOmVersionMajor) + ".x); update aclsim");
  }
  const uint64_t declared_size = Get<uint64_t>(bytes, kFileSizeAt);
  if (declared_size != size) {
    Bad(what, "it is " + std::to_string(size) + " bytes but its header says " + std::to_string(declared_size) +
                  (size < declared_size ? " (truncated)" : " (trailing data)"));
  }
  const uint32_t kind = Get<uint32_t>(bytes, kKindAt);
  if (kind != static_cast<uint32_t>(OmKind::kSingleOp) && kind != static_cast<uint32_t>(OmKind::kModel)) {
    Bad(what, "its kind field is " + std::to_string(kind));
  }
  const uint32_t count = Get<uint32_t>(bytes, kSectionCountAt);
  if (count == 0 || count > kMaxSections) Bad(what, "its section count is " + std::to_string(count));
  const size_t table_end = kHeaderSize + count * kSectionEntrySize;
  if (table_end > size) Bad(what, "it is truncated inside the section table");
  if (!kSkipChecksums && HeaderCrc(bytes, table_end) != Get<uint32_t>(bytes, kHeaderCrcAt)) {
    Bad(what, "the header checksum does not match");
  }

  OmView view{static_cast<OmKind>(kind), major, minor, {}, nullptr, 0};
  bool has_graph = false;
  for (uint32_t i = 0; i < count; ++i) {
    const uint8_t* entry = bytes + kHeaderSize + i * kSectionEntrySize;
    const uint32_t type = Get<uint32_t>(entry, kTypeAt);
    const uint64_t offset = Get<uint64_t>(entry, kOffsetAt), length = Get<uint64_t>(entry, kSizeAt);
    if (offset < table_end || offset > size || length > size - offset) {
      Bad(what, "section " + std::to_string(i) + " lies outside the file");
    }
    if (!kSkipChecksums && SectionChecksum(major, bytes + offset, length) != StoredChecksum(major, entry)) {
      Bad(what, "the checksum of section " + std::to_string(i) + " does not match (the file is corrupted)");
    }
    if (type == kGraphSection) {
      view.graph_json = std::string_view(reinterpret_cast<const char*>(bytes + offset), length);
      has_graph = true;
    } else if (type == kWeightsSection) {
      if (offset % kOmAlignment != 0) Bad(what, "the weights section is not 64-byte aligned");
      view.weights = bytes + offset;
      view.weights_size = length;
    }  // other section types: written by a newer minor version, skipped
  }
  if (!has_graph) Bad(what, "it has no graph section");
  return view;
}

MappedFile::MappedFile(const std::string& path) {
  const int fd = ::open(path.c_str(), O_RDONLY | O_CLOEXEC);
  if (fd < 0) Fail(ACL_ERROR_READ_MODEL_FAILURE, "cannot open model file '{}': {}", path, std::strerror(errno));
  struct stat info {};
  if (::fstat(fd, &info) != 0 || !S_ISREG(info.st_mode)) {
    ::close(fd);
    Fail(ACL_ERROR_READ_MODEL_FAILURE, "'{}' is not a regular file", path);
  }
  size_ = static_cast<size_t>(info.st_size);
  if (size_ > 0) {
    // MAP_POPULATE: the checksums read every page anyway; mapping them in one go beats a fault per page.
    void* mapped = ::mmap(nullptr, size_, PROT_READ, MAP_PRIVATE | MAP_POPULATE, fd, 0);
    if (mapped == MAP_FAILED) {
      ::close(fd);
      Fail(ACL_ERROR_READ_MODEL_FAILURE, "cannot map '{}': {}", path, std::strerror(errno));
    }
    data_ = static_cast<const uint8_t*>(mapped);
  }
  ::close(fd);  // the mapping stays valid
}

MappedFile::~MappedFile() {
  if (data_ != nullptr) ::munmap(const_cast<uint8_t*>(data_), size_);
}

}  // namespace aclsim::model
