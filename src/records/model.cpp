#include "records/model.hpp"

namespace pm {

std::string cite(const std::string& path, int line) {
    if (line <= 0) {
        return path;
    }
    return path + ":" + std::to_string(line);
}

}  // namespace pm
