// TimePoint, its ordering and RFC 3339 form, and the time formats kubectl prints (RFC1123Z, RFC 3339, zone names).
#include "base/time_point.hpp"

#include <array>
#include <charconv>
#include <cstddef>

#include "base/text.hpp"

namespace pm {

namespace {

constexpr long k_max_offset_hours = 23;
constexpr long k_max_zone_slack_s = 14L * 3600;  // widest real UTC offset: what "near the epoch" means without one

enum class OffsetKind { none, utc, numeric };

struct TimeFields {
    long year = 0;
    long month = 0;
    long day = 0;
    long hour = 0;
    long minute = 0;
    long second = 0;
    std::string_view fraction;  // digits after '.', as printed
    OffsetKind offset_kind = OffsetKind::none;
    long offset_s = 0;  // signed seconds east of UTC
    char offset_sign = '+';
};

// A tiny cursor: every read advances or fails, so no loop can stall.
class Cursor {
public:
    explicit Cursor(std::string_view text) : m_text(text) {}

    bool at_end() const { return m_pos >= m_text.size(); }
    char peek(size_t ahead = 0) const { return m_pos + ahead < m_text.size() ? m_text[m_pos + ahead] : '\0'; }
    void advance(size_t n = 1) { m_pos = m_pos + n < m_text.size() ? m_pos + n : m_text.size(); }
    size_t pos() const { return m_pos; }
    std::string_view rest() const { return m_text.substr(m_pos); }

    size_t skip_spaces() {
        size_t start = m_pos;
        while (!at_end() && (peek() == ' ' || peek() == '\t')) {
            ++m_pos;
        }
        return m_pos - start;
    }

    // `min..max` decimal digits, not followed by another digit unless `glued` (as in "+0200"); false (and no
    // advance) otherwise.
    bool digits(size_t min, size_t max, long& out, bool glued = false) {
        size_t n = 0;
        long value = 0;
        while (n < max && is_digit(peek(n))) {
            value = value * 10 + (peek(n) - '0');
            ++n;
        }
        if (n < min || (!glued && is_digit(peek(n)))) {
            return false;
        }
        advance(n);
        out = value;
        return true;
    }

    std::string_view word() {
        size_t n = 0;
        while (is_alpha(peek(n))) {
            ++n;
        }
        std::string_view w = m_text.substr(m_pos, n);
        advance(n);
        return w;
    }

    bool eat(char c) {
        if (peek() == c && !at_end()) {
            advance();
            return true;
        }
        return false;
    }

    static bool is_digit(char c) { return c >= '0' && c <= '9'; }
    static bool is_alpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }

private:
    std::string_view m_text;
    size_t m_pos = 0;
};

// "Aug", "aug", "August" -> 8; 0 when not a month name.
long month_from_name(std::string_view word) {
    static constexpr std::array<std::string_view, 12> k_months = {
        "january", "february", "march", "april", "may", "june",
        "july", "august", "september", "october", "november", "december"};
    if (word.size() < 3) {
        return 0;
    }
    for (size_t i = 0; i < k_months.size(); ++i) {
        if (iequals(word, k_months[i]) || iequals(word, k_months[i].substr(0, 3))) {
            return static_cast<long>(i) + 1;
        }
    }
    // "Sept" is the one four-letter abbreviation people write.
    return iequals(word, "sept") ? 9 : 0;
}

bool is_leap(long year) {
    return (year % 4 == 0 && year % 100 != 0) || year % 400 == 0;
}

long days_in_month(long year, long month) {
    static constexpr std::array<long, 12> k_days = {31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31};
    if (month == 2 && is_leap(year)) {
        return 29;
    }
    return k_days[static_cast<size_t>(month - 1)];
}

bool fields_valid(const TimeFields& f) {
    return f.month >= 1 && f.month <= 12 && f.day >= 1 && f.day <= days_in_month(f.year, f.month) && f.hour <= 23 &&
           f.minute <= 59 && f.second <= 60;
}

// "HH:MM:SS" with an optional ".fraction"; the hour may have lost its leading zero.
bool read_clock(Cursor& cur, TimeFields& f) {
    if (!cur.digits(1, 2, f.hour) || !cur.eat(':') || !cur.digits(2, 2, f.minute) || !cur.eat(':') ||
        !cur.digits(2, 2, f.second)) {
        return false;
    }
    if (cur.peek() == '.' || cur.peek() == ',') {
        size_t n = 0;
        std::string_view rest = cur.rest();
        while (Cursor::is_digit(cur.peek(n + 1))) {
            ++n;
        }
        if (n == 0) {
            return false;
        }
        f.fraction = rest.substr(1, n);
        cur.advance(n + 1);
    }
    return true;
}

// "+0200", "+02:00", "-07", "Z", "UTC", "GMT", other zone names (no offset). False on a malformed numeric offset.
bool read_zone(Cursor& cur, TimeFields& f) {
    char c = cur.peek();
    if ((c == '+' || c == '-') && Cursor::is_digit(cur.peek(1))) {
        cur.advance();
        long hours = 0;
        long minutes = 0;
        if (!cur.digits(2, 2, hours, true)) {
            return false;
        }
        if (cur.peek() == ':' && Cursor::is_digit(cur.peek(1))) {
            cur.advance();
            if (!cur.digits(2, 2, minutes)) {
                return false;
            }
        } else if (Cursor::is_digit(cur.peek())) {
            if (!cur.digits(2, 2, minutes)) {
                return false;
            }
        }
        if (hours > k_max_offset_hours || minutes > 59) {
            return false;
        }
        f.offset_kind = OffsetKind::numeric;
        f.offset_sign = c;
        f.offset_s = (hours * 3600 + minutes * 60) * (c == '-' ? -1 : 1);
        return true;
    }
    if (Cursor::is_alpha(c)) {
        Cursor probe = cur;
        std::string_view name = probe.word();
        if (iequals(name, "Z") || iequals(name, "UTC") || iequals(name, "GMT") || iequals(name, "UT")) {
            cur = probe;
            f.offset_kind = OffsetKind::utc;
        }
        // Any other word (CEST, PDT, trailing prose): the wall time stands, the offset is unknown.
    }
    return true;
}

// Whatever follows a complete time must be separated from it, or the text was not a time.
bool clearly_separate(const Cursor& cur) {
    return cur.at_end() || cur.peek() == ' ' || cur.peek() == '\t' || cur.peek() == '(';
}

// The clock, an optional zone (Go's time.String() puts a space before the offset; RFC 3339 glues it
// on), then the end of the time: shared by both date forms.
bool read_clock_and_zone(Cursor& cur, TimeFields& f) {
    if (!read_clock(cur, f)) {
        return false;
    }
    Cursor probe = cur;
    probe.skip_spaces();
    if (!read_zone(probe, f)) {
        return false;
    }
    if (f.offset_kind != OffsetKind::none) {
        cur = probe;
    }
    return clearly_separate(cur);
}

bool parse_rfc3339(std::string_view text, TimeFields& f) {
    Cursor cur(text);
    if (!cur.digits(4, 4, f.year) || !cur.eat('-') || !cur.digits(2, 2, f.month) || !cur.eat('-') ||
        !cur.digits(2, 2, f.day)) {
        return false;
    }
    if (cur.peek() == 'T' || cur.peek() == 't' || cur.peek() == ' ') {
        cur.advance();
    } else {
        return false;
    }
    return read_clock_and_zone(cur, f);
}

bool parse_rfc1123(std::string_view text, TimeFields& f) {
    Cursor cur(text);
    if (Cursor::is_alpha(cur.peek())) {
        // The day of the week carries no information and is sometimes wrong or mistyped: skip any word.
        cur.word();
        cur.eat(',');
        cur.skip_spaces();
    }
    if (!cur.digits(1, 2, f.day) || cur.skip_spaces() == 0) {
        return false;
    }
    f.month = month_from_name(cur.word());
    if (f.month == 0 || cur.skip_spaces() == 0 || !cur.digits(4, 4, f.year) || cur.skip_spaces() == 0) {
        return false;
    }
    return read_clock_and_zone(cur, f);
}

void append_padded(std::string& out, long long value, int width) {
    char digits[24];
    const auto count = static_cast<int>(std::to_chars(digits, digits + sizeof digits, value).ptr - digits);
    if (count < width) {
        out.append(static_cast<std::size_t>(width - count), '0');
    }
    out.append(digits, static_cast<std::size_t>(count));
}

// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's days_from_civil).
long long days_from_civil(long long y, long long m, long long d) {
    y -= m <= 2 ? 1 : 0;
    const long long era = (y >= 0 ? y : y - 399) / 400;
    const long long yoe = y - era * 400;
    const long long doy = (153 * (m + (m > 2 ? -3 : 9)) + 2) / 5 + d - 1;
    const long long doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    return era * 146097 + doe - 719468;
}

struct Civil {
    long long year, month, day, hour, minute, second;
};

Civil civil_from_seconds(long long s) {
    long long days = s / 86400;
    long long rem = s % 86400;
    if (rem < 0) {
        rem += 86400;
        --days;
    }
    days += 719468;
    const long long era = (days >= 0 ? days : days - 146096) / 146097;
    const long long doe = days - era * 146097;
    const long long yoe = (doe - doe / 1460 + doe / 36524 - doe / 146096) / 365;
    const long long doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    const long long mp = (5 * doy + 2) / 153;
    const long long d = doy - (153 * mp + 2) / 5 + 1;
    const long long m = mp + (mp < 10 ? 3 : -9);
    return {yoe + era * 400 + (m <= 2 ? 1 : 0), m, d, rem / 3600, (rem % 3600) / 60, rem % 60};
}

TimePoint time_point_of(const TimeFields& f) {
    TimePoint t;
    const long long local = days_from_civil(f.year, f.month, f.day) * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
    t.basis = f.offset_kind == OffsetKind::none ? TimeBasis::wall_no_offset : TimeBasis::wall_with_offset;
    t.offset_seconds = static_cast<std::int32_t>(f.offset_s);
    t.offset_sign = f.offset_sign;
    t.utc_designator = f.offset_kind == OffsetKind::utc;
    t.seconds = local - (t.basis == TimeBasis::wall_with_offset ? f.offset_s : 0);
    // At most nanoseconds are kept; a longer fraction (no Kubernetes tool prints one) is cut.
    const std::string_view digits = f.fraction.substr(0, 9);
    t.fraction_digits = static_cast<std::uint8_t>(digits.size());
    std::uint32_t nanos = 0;
    for (std::size_t i = 0; i < 9; ++i) {
        nanos = nanos * 10 + (i < digits.size() ? static_cast<std::uint32_t>(digits[i] - '0') : 0);
    }
    t.nanos = nanos;
    return t;
}

bool fraction_is_zero(std::string_view fraction) {
    for (char c : fraction) {
        if (c != '0') {
            return false;
        }
    }
    return true;
}

// CRI's StartedAt=0 shows as the epoch in whatever offset kubectl's machine had: 1969-12-31 or 1970-01-01.
bool is_unix_epoch(const TimeFields& f) {
    long day_index = 0;
    if (f.year == 1970 && f.month == 1 && f.day == 1) {
        day_index = 0;
    } else if (f.year == 1969 && f.month == 12 && f.day == 31) {
        day_index = -1;
    } else {
        return false;
    }
    long local_s = day_index * 86400 + f.hour * 3600 + f.minute * 60 + f.second;
    if (f.offset_kind == OffsetKind::none) {
        return local_s >= -k_max_zone_slack_s && local_s <= k_max_zone_slack_s;
    }
    return local_s - f.offset_s == 0 && fraction_is_zero(f.fraction);
}

}  // namespace

std::optional<KubeTime> parse_kube_time(std::string_view text) {
    text = trim(text);
    TimeFields f;
    bool ok = parse_rfc3339(text, f);
    if (!ok) {
        f = TimeFields{};
        ok = parse_rfc1123(text, f);
    }
    if (!ok || f.year < 0) {
        return std::nullopt;
    }
    KubeTime parsed;
    // Go's zero time is 0001-01-01 UTC; shifted into a western zone it prints as year 0.
    if (f.year <= 1) {
        if (f.month < 1 || f.month > 12 || f.day < 1 || f.day > 31 || f.hour > 23 || f.minute > 59 || f.second > 60) {
            return std::nullopt;
        }
        parsed.sentinel = TimeSentinel::zero_time;
        return parsed;
    }
    if (!fields_valid(f)) {
        return std::nullopt;
    }
    parsed.time = time_point_of(f);
    if (is_unix_epoch(f)) {
        parsed.sentinel = TimeSentinel::unix_epoch;
    }
    return parsed;
}

std::string_view time_basis_name(TimeBasis basis) {
    switch (basis) {
    case TimeBasis::wall_with_offset:
        return "wall-clock-with-offset";
    case TimeBasis::wall_no_offset:
        return "wall-clock-no-offset";
    case TimeBasis::uptime:
        return "uptime";
    case TimeBasis::relative_to_capture:
        return "relative-to-capture";
    }
    return "uptime";
}

std::partial_ordering compare_times(const TimePoint& a, const TimePoint& b) {
    if (a.basis != b.basis) {
        return std::partial_ordering::unordered;
    }
    if (a.basis == TimeBasis::relative_to_capture) {
        // An age counts back from the capture: the larger age is the earlier moment.
        if (a.seconds != b.seconds) {
            return b.seconds <=> a.seconds;
        }
        return b.nanos <=> a.nanos;
    }
    if (a.seconds != b.seconds) {
        return a.seconds <=> b.seconds;
    }
    return a.nanos <=> b.nanos;
}

std::string format_rfc3339(const TimePoint& t) {
    std::string out;
    append_rfc3339(out, t);
    return out;
}

void append_rfc3339(std::string& out, const TimePoint& t) {
    const Civil c = civil_from_seconds(t.local_seconds());
    // Written into a buffer, two digits at a time: a report formats every time it cites.
    char buffer[48];
    char* p = buffer;
    const auto two = [&p](long long v) {
        *p++ = static_cast<char>('0' + v / 10);
        *p++ = static_cast<char>('0' + v % 10);
    };
    if (c.year >= 0 && c.year <= 9999) {
        two(c.year / 100);
        two(c.year % 100);
    } else {
        append_padded(out, c.year, 4);  // outside four digits: as to_chars writes it
    }
    *p++ = '-';
    two(c.month);
    *p++ = '-';
    two(c.day);
    *p++ = 'T';
    two(c.hour);
    *p++ = ':';
    two(c.minute);
    *p++ = ':';
    two(c.second);
    if (t.fraction_digits > 0) {
        char nine[9];
        long long n = t.nanos;
        for (int i = 8; i >= 0; --i) {
            nine[i] = static_cast<char>('0' + n % 10);
            n /= 10;
        }
        *p++ = '.';
        for (int i = 0; i < t.fraction_digits && i < 9; ++i) {
            *p++ = nine[i];
        }
    }
    if (t.basis == TimeBasis::wall_with_offset) {
        if (t.utc_designator) {
            *p++ = 'Z';
        } else {
            const long long abs_s = t.offset_seconds < 0 ? -static_cast<long long>(t.offset_seconds) : t.offset_seconds;
            *p++ = t.offset_sign;
            two(abs_s / 3600 % 100);
            *p++ = ':';
            two((abs_s % 3600) / 60);
        }
    }
    out.append(buffer, static_cast<std::size_t>(p - buffer));
}

}  // namespace pm
