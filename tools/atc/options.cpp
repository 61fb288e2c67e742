#include "options.h"

#include <algorithm>
#include <stdexcept>

namespace aclsim::atc {

Options::Options(int argc, char** argv) {
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg.rfind("--", 0) != 0 || arg.size() == 2) {
      throw std::invalid_argument("unexpected argument '" + arg + "': options are written --name=value");
    }
    const size_t eq = arg.find('=');
    const std::string name = arg.substr(2, eq == std::string::npos ? std::string::npos : eq - 2);
    values_[name] = eq == std::string::npos ? "1" : arg.substr(eq + 1);
  }
}

std::optional<std::string> Options::Get(const std::string& name) const {
  auto it = values_.find(name);
  if (it == values_.end()) return std::nullopt;
  return it->second;
}

std::string Options::Require(const std::string& name) const {
  auto value = Get(name);
  if (!value || value->empty()) throw std::invalid_argument("--" + name + " is required");
  return *value;
}

void Options::AllowOnly(const std::vector<std::string>& known, const std::string& mode) const {
  for (const auto& [name, value] : values_) {
    if (std::find(known.begin(), known.end(), name) == known.end()) {
      throw std::invalid_argument("--" + name + " is not an option of " + mode);
    }
  }
}

}  // namespace aclsim::atc
