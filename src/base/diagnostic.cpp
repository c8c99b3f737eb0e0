#include "base/diagnostic.hpp"

namespace pm {

std::string diagnostic_where(const Diagnostic& d) {
    if (d.line == 0) {
        return d.file;
    }
    return d.file + ":" + std::to_string(d.line);
}

}  // namespace pm
