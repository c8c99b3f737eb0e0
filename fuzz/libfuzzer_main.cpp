// libFuzzer's entry point for one target, chosen at build time (PM_FUZZ_ENTRY, e.g. readers).
#include <cstddef>
#include <cstdint>

#include "entries.hpp"

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
    pm::fuzz::PM_FUZZ_ENTRY({reinterpret_cast<const char*>(data), size});
    return 0;
}
