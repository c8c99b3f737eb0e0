#include "evidence/keys.hpp"

namespace pm {

std::string_view container_id_hex(std::string_view printed) {
    const std::size_t scheme = printed.find("://");
    return scheme == std::string_view::npos ? printed : printed.substr(scheme + 3);
}

}  // namespace pm
