#include "correlate/kill_clock.hpp"

#include <cstdlib>
#include <optional>
#include <string>

#include "readers/kernel_log/envelope.hpp"

namespace pm {

namespace {

// The readings kill_at tries: the kernel's instant against the end's; a clock without offset against
// the end in UTC or in its own offset; the same for a yearless stamp, counted from its year's start
// (which depends on the year only by whether it is a leap year: two readings each).
enum Reading : std::uint8_t { instant, local, year_instant, year_local, leap_instant, leap_local };

bool leap(int y) {
    return (y % 4 == 0 && y % 100 != 0) || y % 400 == 0;
}

// Seconds of Jan 1 00:00:00 of `year`, on the clock yearless_in_year reads stamps with.
std::optional<std::int64_t> year_start(int year) {
    const auto t = yearless_in_year("Jan 01 00:00:00", year);
    return t ? std::optional(t->seconds) : std::nullopt;
}

}  // namespace

void KillClock::add(std::uint64_t scope, Slot slot, const TimePoint& finished) {
    if (finished.basis != TimeBasis::wall_with_offset) {
        return;
    }
    const std::int64_t wall = finished.seconds + finished.offset_seconds;
    m_buckets[Key{finished.seconds, scope, instant}].push_back(slot);
    m_buckets[Key{wall, scope, local}].push_back(slot);
    // kill_at takes the year as the end prints it (in its own offset).
    const int year = std::atoi(format_rfc3339(finished).substr(0, 4).c_str());
    if (const auto start = year_start(year)) {
        const bool l = leap(year);
        m_buckets[Key{finished.seconds - *start, scope, l ? leap_instant : year_instant}].push_back(slot);
        m_buckets[Key{wall - *start, scope, l ? leap_local : year_local}].push_back(slot);
    }
}

std::size_t KillClock::probes_of(const KernelEvent& e, Probe (&out)[4]) {
    std::size_t n = 0;
    if (e.time) {
        out[n++] = {e.time->seconds, instant};
        if (e.time->basis == TimeBasis::wall_no_offset) {
            out[n++] = {e.time->seconds, local};
        } else if (e.time->basis != TimeBasis::wall_with_offset) {
            n = 0;  // an uptime or an age is no clock time
        }
        return n;
    }
    if (!e.yearless_time) {
        return 0;
    }
    // 2000 and 2001 stand for every leap and common year: a stamp's place in its year is the same.
    for (const int year : {2001, 2000}) {
        const auto t = yearless_in_year(*e.yearless_time, year);
        const auto start = year_start(year);
        if (t && start) {
            const bool l = leap(year);
            out[n++] = {t->seconds - *start, l ? leap_instant : year_instant};
            out[n++] = {t->seconds - *start, l ? leap_local : year_local};
        }
    }
    return n;
}

}  // namespace pm
