// Exit-code normalisation (0..255) and the signal it encodes; meanings come from grammars/.
#pragma once

#include <cstdint>
#include <optional>

namespace pm {

struct NormalisedExit {
    long long code = 0;                  // 0..255
    std::optional<long long> raw;        // set only when the printed value differed
};

// Negative: 256 - (|code| mod 256) (mod 256 again, so -256 -> 0); larger than 255: code mod 256.
NormalisedExit normalise_exit_code(long long printed);

// 128+N (N in 1..64) -> N; otherwise nullopt. 128 itself is not a signal.
std::optional<int> signal_from_exit_code(long long code);

// The 32-bit pattern of a value outside 0..255 that fits 32 bits signed or unsigned: a Windows exit
// status is printed either way (-1073741819 and 3221225477 are both 0xC0000005).
std::optional<std::uint32_t> windows_status_bits(long long printed);

}  // namespace pm
