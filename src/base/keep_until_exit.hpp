// Large structures a command needs until the process ends are not freed piece by piece: the kernel
// takes the whole address space back at once, faster than a million frees.
#pragma once

#include <memory>

namespace pm {

// Returns the object, alive until exit. Builds with sanitizers (PM_FREE_AT_EXIT) free it at exit,
// so their leak checks still see every other leak.
template <typename T>
T* keep_until_exit(std::unique_ptr<T> object) {
#ifdef PM_FREE_AT_EXIT
    static std::unique_ptr<T> kept;
    kept = std::move(object);
    return kept.get();
#else
    return object.release();
#endif
}

}  // namespace pm
