#include "base/exit_code.hpp"

namespace pm {

NormalisedExit normalise_exit_code(long long printed) {
    NormalisedExit out;
    if (printed < 0) {
        // unsigned negation: -LLONG_MIN must not overflow
        unsigned long long magnitude = 0ULL - static_cast<unsigned long long>(printed);
        out.code = static_cast<long long>((256 - magnitude % 256) % 256);
    } else {
        out.code = printed % 256;
    }
    if (out.code != printed) {
        out.raw = printed;
    }
    return out;
}

std::optional<int> signal_from_exit_code(long long code) {
    if (code > 128 && code <= 128 + 64) {
        return static_cast<int>(code - 128);
    }
    return std::nullopt;
}

std::optional<std::uint32_t> windows_status_bits(long long printed) {
    if ((printed >= 0 && printed <= 255) || printed < -2147483648LL || printed > 4294967295LL) {
        return std::nullopt;
    }
    return static_cast<std::uint32_t>(static_cast<unsigned long long>(printed));  // modulo 2^32 either sign
}

}  // namespace pm
