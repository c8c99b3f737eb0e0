// Both times must be instants (or both offset-less wall times): compare_times says when they are not.
#include "diagnose/kill_delay.hpp"

namespace pm {

namespace {

constexpr long long k_max_delay_s = 3600;  // a later end belongs to another run

bool is_clock(const TimePoint& t) {
    return t.basis == TimeBasis::wall_with_offset || t.basis == TimeBasis::wall_no_offset;
}

}  // namespace

std::optional<long long> seconds_from_kill_to_end(const Event& kill, const Termination& t) {
    const OptTime& when = kill.last_seen ? kill.last_seen : kill.first_seen;
    if (!when || !t.finished || !is_clock(*when) || !is_clock(*t.finished) ||
        compare_times(*when, *t.finished) == std::partial_ordering::unordered) {
        return std::nullopt;
    }
    const long long seconds = t.finished->seconds - when->seconds;
    if (seconds < 0 || seconds > k_max_delay_s) {
        return std::nullopt;
    }
    return seconds;
}

std::string kill_delay_sentence(long long seconds, const Termination& t) {
    std::string text = "The container ended " + std::to_string(seconds) + " s after kubelet's Killing";
    const long long code = t.exit_code.value_or(-1);
    if (code == 137) {
        text += ": it did not stop on SIGTERM, so the runtime sent SIGKILL when the grace period ran out.";
    } else if (code == 143) {
        text += ": the SIGTERM itself ended it (no handler).";
    } else if (code == 0) {
        text += ": it shut down cleanly on SIGTERM.";
    } else {
        text += ".";
    }
    return text;
}

}  // namespace pm
