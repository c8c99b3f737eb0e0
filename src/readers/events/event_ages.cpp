// HumanDuration / ShortHumanDuration read back into seconds.
#include "readers/events/event_ages.hpp"

namespace pm {

namespace {

constexpr long long k_max_age_seconds = 1000LL * 365 * 86400;  // beyond any event TTL: not an age

long long unit_seconds(char unit) {
    switch (unit) {
        case 's': return 1;
        case 'm': return 60;
        case 'h': return 3600;
        case 'd': return 86400;
        case 'y': return 365LL * 86400;
        default: return 0;
    }
}

}  // namespace

std::optional<long long> event_age_seconds(std::string_view age) {
    if (age == "<invalid>") {
        return 0;
    }
    if (age.empty()) {
        return std::nullopt;
    }
    long long total = 0;
    size_t i = 0;
    while (i < age.size()) {
        long long value = 0;
        size_t digits = 0;
        while (i < age.size() && age[i] >= '0' && age[i] <= '9' && digits < 10) {
            value = value * 10 + (age[i] - '0');
            ++i;
            ++digits;
        }
        if (digits == 0 || i >= age.size() || unit_seconds(age[i]) == 0) {
            return std::nullopt;
        }
        total += value * unit_seconds(age[i]);
        if (total > k_max_age_seconds) {
            return std::nullopt;
        }
        ++i;
    }
    return total;
}

}  // namespace pm
