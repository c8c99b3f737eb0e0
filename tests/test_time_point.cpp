// Tests for parse_kube_time: the absolute times kubectl prints, their sentinels and their paste damage.
#include <doctest/doctest.h>

#include <cstdio>
#include <ctime>
#include <string>

#include "base/time_point.hpp"

namespace {

struct TimeCase {
    const char* name;
    const char* input;
    bool parses;
    const char* rfc3339;  // nullptr: null (the zero time) or unparsable
    pm::TimeSentinel sentinel;
};

constexpr pm::TimeSentinel k_none = pm::TimeSentinel::none;
constexpr pm::TimeSentinel k_zero = pm::TimeSentinel::zero_time;
constexpr pm::TimeSentinel k_epoch = pm::TimeSentinel::unix_epoch;

const TimeCase k_time_cases[] = {
    // RFC1123Z as describe prints Start Time / Started / Finished.
    {"rfc1123z positive offset", "Tue, 27 Aug 2019 10:58:27 +0200", true, "2019-08-27T10:58:27+02:00", k_none},
    {"rfc1123z zero offset kept numeric", "Tue, 27 Aug 2019 08:58:27 +0000", true, "2019-08-27T08:58:27+00:00",
     k_none},
    {"rfc1123z negative offset", "Thu, 09 Jul 2015 14:05:45 -0700", true, "2015-07-09T14:05:45-07:00", k_none},
    {"rfc1123z half-hour offset", "Wed, 28 Aug 2019 02:28:27 +0530", true, "2019-08-28T02:28:27+05:30", k_none},
    {"zero time", "Mon, 01 Jan 0001 00:00:00 +0000", true, nullptr, k_zero},
    {"zero time shifted west prints year 0", "Sun, 31 Dec 0000 16:00:00 -0800", true, nullptr, k_zero},
    {"epoch in +0100", "Thu, 01 Jan 1970 01:00:00 +0100", true, "1970-01-01T01:00:00+01:00", k_epoch},
    {"epoch in UTC", "Thu, 01 Jan 1970 00:00:00 +0000", true, "1970-01-01T00:00:00+00:00", k_epoch},
    {"epoch west of UTC is 31 Dec 1969", "Wed, 31 Dec 1969 16:00:00 -0800", true, "1969-12-31T16:00:00-08:00",
     k_epoch},
    {"one second after the epoch is real", "Thu, 01 Jan 1970 01:00:01 +0100", true, "1970-01-01T01:00:01+01:00",
     k_none},
    // Zone names instead of numeric offsets (RFC1123 proper).
    {"zone UTC", "Tue, 27 Aug 2019 08:58:27 UTC", true, "2019-08-27T08:58:27Z", k_none},
    {"zone GMT", "Tue, 27 Aug 2019 08:58:27 GMT", true, "2019-08-27T08:58:27Z", k_none},
    {"zone CEST keeps wall time without offset", "Tue, 27 Aug 2019 10:58:27 CEST", true, "2019-08-27T10:58:27",
     k_none},
    {"epoch with a zone name", "Thu, 01 Jan 1970 01:00:00 CET", true, "1970-01-01T01:00:00", k_epoch},
    // Paste damage and sloppy copies.
    {"wrong day of week tolerated", "Mon, 27 Aug 2019 10:58:27 +0200", true, "2019-08-27T10:58:27+02:00", k_none},
    {"missing day of week", "27 Aug 2019 10:58:27 +0200", true, "2019-08-27T10:58:27+02:00", k_none},
    {"single-digit day", "Tue, 6 Aug 2019 10:58:27 +0200", true, "2019-08-06T10:58:27+02:00", k_none},
    {"extra spaces from a damaged paste", "  Tue,  27  Aug 2019   10:58:27   +0200 ", true,
     "2019-08-27T10:58:27+02:00", k_none},
    {"lower-case month", "Tue, 27 aug 2019 10:58:27 +0200", true, "2019-08-27T10:58:27+02:00", k_none},
    {"tab before offset", "Tue, 27 Aug 2019 10:58:27\t+0200", true, "2019-08-27T10:58:27+02:00", k_none},
    {"separate trailing text ignored", "Tue, 27 Aug 2019 10:58:27 +0200 (CEST)", true, "2019-08-27T10:58:27+02:00",
     k_none},
    {"offset with colon", "Tue, 27 Aug 2019 10:58:27 +02:00", true, "2019-08-27T10:58:27+02:00", k_none},
    // RFC 3339 passes through, normalised.
    {"rfc3339 Z", "2019-08-27T10:58:27Z", true, "2019-08-27T10:58:27Z", k_none},
    {"rfc3339 fraction and offset", "2019-08-27T10:58:27.123456+02:00", true, "2019-08-27T10:58:27.123456+02:00",
     k_none},
    {"rfc3339 lower-case t and z", "2019-08-27t10:58:27.5z", true, "2019-08-27T10:58:27.5Z", k_none},
    {"rfc3339 compact offset", "2019-08-27T10:58:27+0200", true, "2019-08-27T10:58:27+02:00", k_none},
    {"go time.String form", "2019-08-27 10:58:27.123 +0200 CEST", true, "2019-08-27T10:58:27.123+02:00", k_none},
    {"rfc3339 zero time", "0001-01-01T00:00:00Z", true, nullptr, k_zero},
    {"rfc3339 epoch", "1970-01-01T00:00:00Z", true, "1970-01-01T00:00:00Z", k_epoch},
    // Unparsable.
    {"empty", "", false, nullptr, k_none},
    {"relative age is not a time", "61s", false, nullptr, k_none},
    {"truncated clock", "Tue, 27 Aug 2019 10:58", false, nullptr, k_none},
    {"truncated offset", "Tue, 27 Aug 2019 10:58:27 +020", false, nullptr, k_none},
    {"glued trailing text", "Tue, 27 Aug 2019 10:58:27 +0200abc", false, nullptr, k_none},
    {"glued after rfc3339", "2019-08-27T10:58:27Zjunk", false, nullptr, k_none},
    {"unknown month", "Tue, 27 Foo 2019 10:58:27 +0200", false, nullptr, k_none},
    {"31 February", "Sat, 31 Feb 2019 10:58:27 +0200", false, nullptr, k_none},
    {"29 February in a leap year", "Thu, 29 Feb 2024 10:58:27 +0000", true, "2024-02-29T10:58:27+00:00", k_none},
    {"hour 25", "Tue, 27 Aug 2019 25:58:27 +0200", false, nullptr, k_none},
    {"two-digit year", "Tue, 27 Aug 19 10:58:27 +0200", false, nullptr, k_none},
    {"marker not a time", "<unknown>", false, nullptr, k_none},
};

}  // namespace

TEST_SUITE("time_point") {
    TEST_CASE("TimePoint orders instants across UTC offsets, and only times of one basis") {
        auto at = [](const char* text) { return *pm::parse_kube_time(text)->time; };
        struct OrderCase {
            const char* name;
            pm::TimePoint a;
            pm::TimePoint b;
            std::partial_ordering expected;
        };
        pm::TimePoint uptime{pm::TimeBasis::uptime, 8341, 868335000, 0, 6, false, '+'};
        pm::TimePoint age_5m{pm::TimeBasis::relative_to_capture, 300, 0, 0, 0, false, '+'};
        pm::TimePoint age_61s{pm::TimeBasis::relative_to_capture, 61, 0, 0, 0, false, '+'};
        const OrderCase cases[] = {
            // The same instant printed by two kubectl machines: +0200 and +0000.
            {"same instant, different offsets", at("Tue, 27 Aug 2019 10:58:27 +0200"), at("2019-08-27T08:58:27Z"),
             std::partial_ordering::equivalent},
            // As text "09:00+08:00" sorts after "08:59+00:00", but it is seven hours earlier.
            {"offsets of different length", at("2019-08-27T09:00:00+08:00"), at("2019-08-27T08:59:00-0700"),
             std::partial_ordering::less},
            {"fractions", at("2019-08-27T10:58:27.5Z"), at("2019-08-27T10:58:27.25Z"), std::partial_ordering::greater},
            {"no offset vs offset", at("2019-08-27T10:58:27"), at("2019-08-27T10:58:27Z"),
             std::partial_ordering::unordered},
            {"uptime vs wall clock", uptime, at("2019-08-27T10:58:27Z"), std::partial_ordering::unordered},
            {"older age first", age_5m, age_61s, std::partial_ordering::less},
        };
        for (const OrderCase& c : cases) {
            INFO(std::string(c.name));
            CHECK((pm::compare_times(c.a, c.b) == c.expected));
        }
        CHECK(pm::time_basis_name(uptime.basis) == "uptime");
        CHECK(pm::format_rfc3339(at("2019-08-27T08:58:27-00:00")) == "2019-08-27T08:58:27-00:00");
    }

    TEST_CASE("format_rfc3339 agrees with gmtime and printf over years, offsets and fractions") {
        const std::int32_t offsets[] = {0, 3600, -5 * 3600, 8 * 3600, 5 * 3600 + 45 * 60, -(9 * 3600 + 30 * 60)};
        for (std::int64_t seconds = -86400LL * 365 * 60; seconds < 86400LL * 365 * 120; seconds += 86400LL * 97 + 3671) {
            for (const std::int32_t offset : offsets) {
                for (const std::uint8_t digits : {std::uint8_t{0}, std::uint8_t{3}, std::uint8_t{9}}) {
                    pm::TimePoint t;
                    t.basis = pm::TimeBasis::wall_with_offset;
                    t.seconds = seconds;
                    t.offset_seconds = offset;
                    t.offset_sign = offset < 0 ? '-' : '+';
                    t.nanos = 123456789;
                    t.fraction_digits = digits;
                    const std::time_t local = static_cast<std::time_t>(seconds + offset);
                    std::tm tm {};
                    gmtime_r(&local, &tm);
                    char expected[64];
                    int n = std::snprintf(expected, sizeof expected, "%04d-%02d-%02dT%02d:%02d:%02d", tm.tm_year + 1900,
                                          tm.tm_mon + 1, tm.tm_mday, tm.tm_hour, tm.tm_min, tm.tm_sec);
                    std::string want(expected, static_cast<std::size_t>(n));
                    if (digits > 0) {
                        want += "." + std::string("123456789").substr(0, digits);
                    }
                    const int abs_offset = offset < 0 ? -offset : offset;
                    n = std::snprintf(expected, sizeof expected, "%c%02d:%02d", t.offset_sign, abs_offset / 3600,
                                      abs_offset % 3600 / 60);
                    want += std::string(expected, static_cast<std::size_t>(n));
                    INFO(seconds << " " << offset);
                    CHECK(pm::format_rfc3339(t) == want);
                }
            }
        }
    }

    TEST_CASE("parse_kube_time") {
        for (const TimeCase& c : k_time_cases) {
            INFO(std::string(c.name));
            INFO(std::string(c.input));
            std::optional<pm::KubeTime> parsed = pm::parse_kube_time(c.input);
            REQUIRE(parsed.has_value() == c.parses);
            if (!parsed) {
                continue;
            }
            if (c.rfc3339 == nullptr) {
                CHECK_FALSE(parsed->time.has_value());
            } else {
                REQUIRE(parsed->time.has_value());
                CHECK(pm::format_rfc3339(*parsed->time) == c.rfc3339);
            }
            CHECK(parsed->sentinel == c.sentinel);
        }
    }

    TEST_CASE("parse_kube_time on hostile input") {
        // Must return quickly and without crashing on huge or binary input.
        std::string spaces(1 << 20, ' ');
        CHECK_FALSE(pm::parse_kube_time(spaces).has_value());
        std::string digits(1 << 20, '9');
        CHECK_FALSE(pm::parse_kube_time(digits).has_value());
        std::string long_tail = "Tue, 27 Aug 2019 10:58:27 +0200 " + std::string(1 << 20, 'x');
        std::optional<pm::KubeTime> parsed = pm::parse_kube_time(long_tail);
        REQUIRE(parsed.has_value());
        CHECK(pm::format_rfc3339(*parsed->time) == "2019-08-27T10:58:27+02:00");
        std::string binary = std::string("Tue, \0\xff 27", 9);
        CHECK_FALSE(pm::parse_kube_time(binary).has_value());
    }
}
