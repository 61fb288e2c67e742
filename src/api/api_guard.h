// The begin/end wrapper every entry point runs its body in: one place where core errors become
// aclError codes and recent-error messages, and where a call is traced at debug level.
#pragma once

#include <atomic>
#include <exception>
#include <new>
#include <type_traits>

#include "acl/acl_base.h"
#include "common/error.h"
#include "common/log.h"
#include "common/recent_error.h"

namespace aclsim::api {

// What an entry point returning R gives back when it fails with `code`.
template <typename R>
R FailureValue(aclError code) {
  if constexpr (std::is_void_v<R>) {
    (void)code;
  } else if constexpr (std::is_same_v<R, aclError>) {
    return code;
  } else if constexpr (std::is_pointer_v<R>) {
    return nullptr;
  } else if constexpr (std::is_enum_v<R>) {
    return static_cast<R>(-1);  // the UNDEFINED member of the public enums (ACL_DT_UNDEFINED, ...)
  } else {
    static_assert(std::is_arithmetic_v<R>, "no failure value for this return type");
    return R{0};
  }
}

// Runs `body` as the implementation of `api`. An aclsim::Error becomes its code; anything else
// thrown (which is a bug in aclsim) becomes ACL_ERROR_INTERNAL_ERROR or ACL_ERROR_BAD_ALLOC.
template <typename Body>
auto ApiCall(const char* api, Body&& body) noexcept -> decltype(body()) {
  using R = decltype(body());
  if (Log().should_log(spdlog::level::debug)) Log().debug("call {}", api);
  try {
    return body();
  } catch (const Error& e) {
    RecordError(api, e.code(), e.what(), e.routine());
    return FailureValue<R>(e.code());
  } catch (const std::bad_alloc&) {
    RecordError(api, ACL_ERROR_BAD_ALLOC, "out of host memory");
    return FailureValue<R>(ACL_ERROR_BAD_ALLOC);
  } catch (const std::exception& e) {
    RecordError(api, ACL_ERROR_INTERNAL_ERROR, std::string("internal error: ") + e.what());
    return FailureValue<R>(ACL_ERROR_INTERNAL_ERROR);
  } catch (...) {
    RecordError(api, ACL_ERROR_INTERNAL_ERROR, "internal error: unknown exception");
    return FailureValue<R>(ACL_ERROR_INTERNAL_ERROR);
  }
}

// The body of every function the table marks UNSUPPORTED. Warns once per function.
template <typename R>
R Unsupported(const char* api, std::atomic_flag& warned) noexcept {
  if (!warned.test_and_set()) Log().warn("{} is not supported by aclsim yet", api);
  RecordError(api, ACL_ERROR_FEATURE_UNSUPPORTED,
              "not supported by aclsim yet (see docs/compatibility.md for what is)");
  return FailureValue<R>(ACL_ERROR_FEATURE_UNSUPPORTED);
}

}  // namespace aclsim::api
