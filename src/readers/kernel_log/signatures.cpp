// How kernel logs are recognised: envelopes (formats.md §3.1), then the messages that matter even without one (§3.2).
#include "readers/kernel_log/signatures.hpp"

#include <array>

#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

// dmesg, journalctl -k, syslog
constexpr std::array k_kernel_log_signatures = {
    Signature{T::shape, {}, is_dmesg_uptime_stamp, 3, 200, 1},
    Signature{T::shape, {}, is_dmesg_ctime_stamp, 3, 200, 1},
    Signature{T::shape, {}, is_dmesg_reltime_stamp, 2, 200, 1},
    Signature{T::shape, {}, is_dmesg_iso_stamp, 3, 200, 1},
    Signature{T::shape, {}, is_journal_kernel_line, 4, 200, 1},
    Signature{T::prefix, "kern :", nullptr, 3, 200, 1},
    Signature{T::contains, " invoked oom-killer: ", nullptr, 3, 10, 1},
    Signature{T::contains, "oom-kill:constraint=", nullptr, 3, 10, 1},
    Signature{T::contains, "Out of memory: Kill", nullptr, 3, 10, 1},
    Signature{T::contains, "out of memory: Kill", nullptr, 3, 10, 1},
    Signature{T::contains, "Killed process ", nullptr, 2, 10, 1},
    Signature{T::contains, "oom_reaper: reaped process", nullptr, 3, 10, 1},
    Signature{T::contains, "]: segfault at ", nullptr, 3, 10, 1},
    Signature{T::contains, " blocked for more than ", nullptr, 2, 10, 1},
};

}  // namespace

std::span<const Signature> kernel_log_signatures() {
    return k_kernel_log_signatures;
}

}  // namespace pm
