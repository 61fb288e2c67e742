#include "singleop.h"

#include <sys/stat.h>

#include <fstream>
#include <sstream>

#include <fmt/format.h>
#include <nlohmann/json.hpp>

#include "common/error.h"
#include "model/om_format.h"
#include "op/op_compile.h"
#include "op/op_model.h"

namespace aclsim::atc {
namespace {

using nlohmann::json;

json ReadJson(const std::string& path) {
  std::ifstream in(path);
  if (!in) Fail(ACL_ERROR_INVALID_FILE, "cannot open single-op description '{}'", path);
  std::stringstream text;
  text << in.rdbuf();
  try {
    return json::parse(text.str());
  } catch (const json::parse_error& e) {
    Fail(ACL_ERROR_PARSE_FILE, "'{}' is not valid JSON: error at byte {}: {}", path, e.byte, e.what());
  }
}

}  // namespace

size_t CompileSingleOps(const std::string& json_path, const std::string& output_dir, const std::string& soc_version) {
  const json root = ReadJson(json_path);
  if (!root.is_array()) Fail(ACL_ERROR_PARSE_FILE, "'{}' must hold a JSON array of operator descriptions", json_path);
  if (root.empty()) Fail(ACL_ERROR_PARSE_FILE, "'{}' describes no operator", json_path);

  std::vector<OpModel> models;
  for (size_t i = 0; i < root.size(); ++i) {
    const std::string where = fmt::format("{} entry {}", json_path, i);
    OpModel model = ParseCannSingleOp(root[i], where);
    ValidateOpModel(model, fmt::format("{} ({})", where, model.type));
    model.soc_version = soc_version;
    if (model.name.empty()) model.name = DefaultOpModelName(i, model);
    models.push_back(std::move(model));
  }

  struct stat info {};
  if (::stat(output_dir.c_str(), &info) != 0) {
    if (::mkdir(output_dir.c_str(), 0755) != 0) Fail(ACL_ERROR_WRITE_FILE, "cannot create output directory '{}'", output_dir);
  } else if (!S_ISDIR(info.st_mode)) {
    Fail(ACL_ERROR_WRITE_FILE, "--output '{}' exists and is not a directory", output_dir);
  }
  for (const OpModel& model : models) {
    const std::string text = SerializeOpModel(model);
    model::WriteOm(output_dir + "/" + model.name + ".om", model::OmKind::kSingleOp, text, nullptr, 0);
  }
  return models.size();
}

}  // namespace aclsim::atc
