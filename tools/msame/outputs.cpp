#include "outputs.h"

#include <sys/stat.h>
#include <sys/time.h>

#include <cerrno>
#include <cstring>
#include <ctime>
#include <fstream>

#include "console.h"

namespace msame {
namespace {

// Bytes of output `index` after the last execution: its current dims (the gear's, for a dynamic
// model) times its element size, never more than its buffer.
size_t CurrentBytes(const Model& model, size_t index, size_t buffer_size, std::vector<int64_t>* dims) {
  aclmdlIODims current{};
  if (aclmdlGetCurOutputDims(model.desc(), index, &current) != ACL_SUCCESS) {
    dims->clear();
    return buffer_size;
  }
  dims->assign(current.dims, current.dims + current.dimCount);
  size_t elements = 1;
  for (int64_t d : *dims) {
    if (d < 0) return buffer_size;
    elements *= static_cast<size_t>(d);
  }
  const size_t bytes = elements * aclDataTypeSize(model.outputs()[index].type);
  return bytes == 0 || bytes > buffer_size ? buffer_size : bytes;
}

float Bf16ToFloat(uint16_t bits) {
  const uint32_t wide = static_cast<uint32_t>(bits) << 16;
  float value = 0;
  std::memcpy(&value, &wide, sizeof(value));
  return value;
}

template <typename T>
T Load(const char* data, size_t i) {
  T value{};
  std::memcpy(&value, data + i * sizeof(T), sizeof(T));
  return value;
}

// One value as text: floats as C++ streams print them by default (%g), integers in decimal
// (int8/uint8 too, which msame prints as characters).
std::string Value(aclDataType type, const char* data, size_t i) {
  switch (type) {
    case ACL_FLOAT: return fmt::format("{:g}", Load<float>(data, i));
    case ACL_FLOAT16: return fmt::format("{:g}", aclFloat16ToFloat(Load<aclFloat16>(data, i)));
    case ACL_BF16: return fmt::format("{:g}", Bf16ToFloat(Load<uint16_t>(data, i)));
    case ACL_DOUBLE: return fmt::format("{:g}", Load<double>(data, i));
    case ACL_INT8: return std::to_string(Load<int8_t>(data, i));
    case ACL_UINT8: return std::to_string(Load<uint8_t>(data, i));
    case ACL_INT16: return std::to_string(Load<int16_t>(data, i));
    case ACL_UINT16: return std::to_string(Load<uint16_t>(data, i));
    case ACL_INT32: return std::to_string(Load<int32_t>(data, i));
    case ACL_UINT32: return std::to_string(Load<uint32_t>(data, i));
    case ACL_INT64: return std::to_string(Load<int64_t>(data, i));
    case ACL_UINT64: return std::to_string(Load<uint64_t>(data, i));
    case ACL_BOOL: return std::to_string(Load<uint8_t>(data, i) != 0 ? 1 : 0);
    default: return "";
  }
}

// The text of an output: each value followed by a space, a line break after each innermost row
// (when the output has two dims or more), as msame writes TXT files.
std::string AsText(aclDataType type, const std::vector<char>& bytes, const std::vector<int64_t>& dims) {
  const size_t element = aclDataTypeSize(type);
  const char zeros[8] = {};
  if (element == 0 || Value(type, zeros, 0).empty()) {
    Fail("cannot write data type {} as TXT: use --outfmt BIN", static_cast<int>(type));
  }
  const size_t row = dims.size() >= 2 && dims.back() > 0 ? static_cast<size_t>(dims.back()) : 0;
  std::string text;
  const size_t count = bytes.size() / element;
  for (size_t i = 0; i < count; ++i) {
    text += Value(type, bytes.data(), i);
    text += ' ';
    if (row != 0 && (i + 1) % row == 0) text += '\n';
  }
  return text;
}

void MakeFolders(const std::string& path) {
  for (size_t slash = path.find('/', 1);; slash = path.find('/', slash + 1)) {
    const std::string prefix = path.substr(0, slash);
    if (!prefix.empty() && ::mkdir(prefix.c_str(), 0775) != 0 && errno != EEXIST) {
      Fail("cannot create output folder {}: {}", prefix, std::strerror(errno));
    }
    if (slash == std::string::npos) break;
  }
  struct stat st {};
  if (::stat(path.c_str(), &st) != 0 || !S_ISDIR(st.st_mode)) Fail("output {} is not a folder", path);
}

}  // namespace

OutputSet::OutputSet(const Model& model, const std::vector<size_t>& sizes) : model_(model) {
  const size_t count = model.outputs().size();
  if (!sizes.empty() && sizes.size() != count) {
    Fail("om has {} output, but outputSize parametet give {}", count, sizes.size());
  }
  dataset_ = aclmdlCreateDataset();
  if (dataset_ == nullptr) Fail("can't create dataset, create output failed");
  for (size_t i = 0; i < count; ++i) {
    const size_t size = sizes.empty() ? model.outputs()[i].size : sizes[i];
    void* buffer = nullptr;
    CheckAcl(aclrtMalloc(&buffer, size == 0 ? 1 : size, ACL_MEM_MALLOC_HUGE_FIRST),
             fmt::format("can't malloc buffer, size is {}, create output failed", size));
    buffers_.push_back(buffer);
    sizes_.push_back(size);
    aclDataBuffer* data = aclCreateDataBuffer(buffer, size);
    if (data == nullptr) Fail("can't create data buffer, create output failed");
    if (aclmdlAddDatasetBuffer(dataset_, data) != ACL_SUCCESS) {
      aclDestroyDataBuffer(data);
      CheckAcl(ACL_ERROR_INVALID_PARAM, "can't add data buffer, create output failed");
    }
  }
  Info("create model output success");
}

OutputSet::~OutputSet() {
  if (dataset_ != nullptr) {
    for (size_t i = 0; i < aclmdlGetDatasetNumBuffers(dataset_); ++i) aclDestroyDataBuffer(aclmdlGetDatasetBuffer(dataset_, i));
    aclmdlDestroyDataset(dataset_);
  }
  for (void* buffer : buffers_) aclrtFree(buffer);
}

void OutputSet::Write(const std::string& folder, const std::string& name, OutFormat format) const {
  for (size_t i = 0; i < buffers_.size(); ++i) {
    std::vector<int64_t> dims;
    const size_t bytes = CurrentBytes(model_, i, sizes_[i], &dims);
    std::vector<char> host(bytes);
    if (bytes != 0) {
      CheckAcl(aclrtMemcpy(host.data(), bytes, buffers_[i], bytes, ACL_MEMCPY_DEVICE_TO_HOST), "aclrtMemcpy failed");
    }
    const std::string path =
        fmt::format("{}/{}_output_{}.{}", folder, name, i, format == OutFormat::kTxt ? "txt" : "bin");
    std::ofstream out(path, std::ios::binary | std::ios::trunc);
    if (!out) Fail("cannot write {}: {}", path, std::strerror(errno));
    if (format == OutFormat::kTxt) {
      const std::string text = AsText(model_.outputs()[i].type, host, dims);
      out.write(text.data(), static_cast<std::streamsize>(text.size()));
    } else {
      out.write(host.data(), static_cast<std::streamsize>(host.size()));
    }
    if (!out.flush()) Fail("cannot write {}: {}", path, std::strerror(errno));
  }
  Info("output data success");
}

std::string TimeStamp() {
  timeval now{};
  ::gettimeofday(&now, nullptr);
  tm local{};
  ::localtime_r(&now.tv_sec, &local);
  return fmt::format("{}{}{}_{}_{}_{}_{}", local.tm_year + 1900, local.tm_mon + 1, local.tm_mday, local.tm_hour,
                     local.tm_min, local.tm_sec, static_cast<long>(now.tv_usec));
}

std::string MakeRunFolder(const std::string& output) {
  MakeFolders(output);
  const std::string folder = output + "/" + TimeStamp();
  if (::mkdir(folder.c_str(), 0775) != 0) Fail("cannot create output folder {}: {}", folder, std::strerror(errno));
  return folder;
}

}  // namespace msame
