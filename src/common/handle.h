// Typed handles: every object handed to the user as an opaque pointer begins with a per-type
// magic number. Unwrapping checks null and the magic, so a stale, foreign or mistyped handle
// becomes an error with a message, not a dereference of garbage. Destruction clears the magic.
#pragma once

#include <cstdint>

#include "common/error.h"

namespace aclsim {

template <uint32_t Magic>
class TaggedObject {
 public:
  static constexpr uint32_t kMagic = Magic;
  TaggedObject() = default;
  TaggedObject(const TaggedObject&) : magic_(Magic) {}
  TaggedObject& operator=(const TaggedObject&) { return *this; }
  ~TaggedObject() { magic_ = 0; }
  bool HasValidTag() const { return magic_ == Magic; }

 private:
  volatile uint32_t magic_ = Magic;  // volatile: the clearing store in the destructor must stay
};

// Returns `handle` as a T* after checking it; `what` names the argument in the message.
// `code` is the error to report for a handle that is not a live T (most APIs document
// ACL_ERROR_INVALID_PARAM; some runtime APIs document ACL_ERROR_INVALID_RESOURCE_HANDLE).
template <typename T, typename H>
T* UnwrapHandle(H* handle, const char* what, aclError code = ACL_ERROR_INVALID_PARAM) {
  if (handle == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} must not be null", what);
  T* object = reinterpret_cast<T*>(const_cast<std::remove_const_t<H>*>(handle));
  if (!object->HasValidTag()) {
    Fail(code, "{} ({}) is not a live {}: it was destroyed already, or is another kind of handle",
         what, static_cast<const void*>(handle), T::kTypeName);
  }
  return object;
}

}  // namespace aclsim
