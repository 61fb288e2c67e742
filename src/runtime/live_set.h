// A set of the live objects of one kind, so that a handle can be checked before it is used even
// when the runtime released the object behind the caller's back (aclrtResetDevice releases the
// device's streams, events and contexts). Guarded by its own mutex; lookups are O(1).
#pragma once

#include <mutex>
#include <unordered_set>
#include <vector>

#include "common/error.h"

namespace aclsim {

template <typename T>
class LiveSet {
 public:
  void Add(T* object) {
    std::lock_guard<std::mutex> lock(mutex_);
    objects_.insert(object);
  }
  void Remove(T* object) {
    std::lock_guard<std::mutex> lock(mutex_);
    objects_.erase(object);
  }
  bool Contains(const void* object) const {
    std::lock_guard<std::mutex> lock(mutex_);
    return objects_.count(static_cast<T*>(const_cast<void*>(object))) != 0;
  }
  // The object behind `handle`; throws Error(`code`) naming `what` when it is not live.
  T* Get(const void* handle, const char* what, aclError code) const {
    if (handle == nullptr) Fail(ACL_ERROR_INVALID_PARAM, "invalid argument: {} must not be null", what);
    if (!Contains(handle)) {
      Fail(code, "{} ({}) is not a live {}: it was destroyed, released by a device reset, or is another kind of "
           "handle", what, handle, T::kTypeName);
    }
    return static_cast<T*>(const_cast<void*>(handle));
  }
  size_t Size() const {
    std::lock_guard<std::mutex> lock(mutex_);
    return objects_.size();
  }

 private:
  mutable std::mutex mutex_;
  std::unordered_set<T*> objects_;
};

}  // namespace aclsim
