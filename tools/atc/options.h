// atc's command line: CANN's `--name=value` options (a bare `--name` means "1").
#pragma once

#include <map>
#include <optional>
#include <string>
#include <vector>

namespace aclsim::atc {

class Options {
 public:
  // Parses argv; throws std::invalid_argument naming the malformed argument.
  Options(int argc, char** argv);

  bool Has(const std::string& name) const { return values_.count(name) != 0; }
  std::optional<std::string> Get(const std::string& name) const;
  // The value of a required option; throws std::invalid_argument naming it.
  std::string Require(const std::string& name) const;
  // Throws std::invalid_argument for any option not in `known`.
  void AllowOnly(const std::vector<std::string>& known, const std::string& mode) const;

 private:
  std::map<std::string, std::string> values_;
};

}  // namespace aclsim::atc
