#include <cstdio>
#include <cstdlib>

#include "entries.hpp"

namespace pm::fuzz {

void fail(std::string_view target, std::string_view what) {
    std::fprintf(stderr, "fuzz_%.*s: invariant broken: %.*s\n", static_cast<int>(target.size()), target.data(),
                 static_cast<int>(what.size()), what.data());
    std::abort();
}

}  // namespace pm::fuzz
