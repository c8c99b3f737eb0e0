// Exit-code normalisation (0..255) and the signal it encodes; meanings come from grammars/.
#pragma once

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

}  // namespace pm
