// Citations and the capped warning sink of one describe parse.
#include "readers/describe/describe_context.hpp"

#include "readers/describe/describe_values.hpp"

namespace pm {

namespace {

constexpr size_t k_max_warnings = 50;
// Each kept item (a label, an arg, a container, …) costs 64 bytes to 2 KB while its input line may
// be 4 bytes; the budget keeps a hostile 200 MB file from becoming gigabytes. 20,000 real pods use
// about a tenth of it.
constexpr size_t k_max_items_per_file = 2000000;

}  // namespace

StateDraft* DescribeContext::open_state() {
    if (!container || list != ContainerList::state) {
        return nullptr;
    }
    auto& slot = state_is_last ? container->last : container->current;
    return slot ? &*slot : nullptr;
}

void DescribeContext::warn(const PasteLine& line, const std::string& message) {
    warn_at(where(line), message);
}

void DescribeContext::warn_at(Cite at, const std::string& message) {
    if (m_warned >= k_max_warnings) {
        ++m_suppressed;
        return;
    }
    ++m_warned;
    incident.warn(at, message);
}

bool DescribeContext::has_room(size_t size) {
    if (size < k_max_list_items && m_kept_items < k_max_items_per_file) {
        ++m_kept_items;
        return true;
    }
    ++dropped_items;
    return false;
}

void DescribeContext::finish_warnings() {
    if (dropped_items > 0) {
        incident.warn({input, 0}, std::to_string(dropped_items) + " list entries beyond " +
                                      std::to_string(k_max_list_items) + " per list or " +
                                      std::to_string(k_max_items_per_file) +
                                      " per file (args, mounts, labels, containers, …) were not kept");
    }
    if (m_suppressed > 0) {
        incident.warn({input, 0}, std::to_string(m_suppressed) +
                                      " more describe lines were not understood (warnings stop after " +
                                      std::to_string(k_max_warnings) + " per file)");
    }
}

}  // namespace pm
