#include "readers/kernel_log/envelope.hpp"

#include <array>
#include <string>

namespace pm {

namespace {

// `YEAR-MM-DDTclock` read as a time: the date parts a ctime, syslog or journal stamp spreads out.
std::optional<TimePoint> wall_time_of(std::string_view year, int month, std::string_view day, std::string_view clock) {
    std::string iso(year);
    iso += '-';
    iso += static_cast<char>('0' + month / 10);
    iso += static_cast<char>('0' + month % 10);
    iso += '-';
    iso += day.size() == 1 ? "0" : "";
    iso += day;
    iso += 'T';
    iso += clock;
    const auto parsed = parse_kube_time(iso);
    return parsed && parsed->time ? parsed->time : std::nullopt;
}

bool is_digit(char c) {
    return c >= '0' && c <= '9';
}

bool is_blank(char c) {
    return c == ' ' || c == '\t';
}

std::string_view skip_blanks(std::string_view s) {
    std::size_t i = 0;
    while (i < s.size() && is_blank(s[i])) {
        ++i;
    }
    return s.substr(i);
}

// The first blank-separated token of `s` and what follows its one separating blank.
std::string_view take_token(std::string_view& s) {
    const std::size_t end = s.find(' ');
    const std::string_view token = s.substr(0, end);
    s = end == std::string_view::npos ? std::string_view{} : s.substr(end + 1);
    return token;
}

// "[ 1234.567890" content: seconds since boot; nullopt unless it is digits, one dot, digits.
std::optional<double> read_uptime(std::string_view inside) {
    inside = skip_blanks(inside);
    const std::size_t dot = inside.find('.');
    if (dot == 0 || dot == std::string_view::npos || dot > 10 || dot + 1 >= inside.size()) {
        return std::nullopt;
    }
    double value = 0;
    for (std::size_t i = 0; i < dot; ++i) {
        if (!is_digit(inside[i])) {
            return std::nullopt;
        }
        value = value * 10 + (inside[i] - '0');
    }
    double scale = 0.1;
    for (std::size_t i = dot + 1; i < inside.size(); ++i) {
        if (!is_digit(inside[i]) || i > dot + 9) {
            return std::nullopt;
        }
        value += (inside[i] - '0') * scale;
        scale /= 10;
    }
    return value;
}

// An ISO stamp as dmesg, journalctl and syslog print it (`,` or `.` before the fraction, `+0100`,
// `+01:00` or `Z`), read through the RFC 3339 parser once normalised.
std::optional<TimePoint> read_iso(std::string_view stamp) {
    if (stamp.size() < 19 || stamp.size() > 40 || stamp[4] != '-' || stamp[10] != 'T') {
        return std::nullopt;
    }
    std::string normal;
    normal.reserve(stamp.size() + 1);
    const std::size_t sign = stamp.find_first_of("+-", 19);
    // util-linux <= 2.31 and journalctl print the offset as %z (`+0100`)
    const bool bare_offset = sign != std::string_view::npos && stamp.size() == sign + 5 && stamp.find(':', sign) == std::string_view::npos;
    for (std::size_t i = 0; i < stamp.size(); ++i) {
        if (bare_offset && i == sign + 3) {
            normal.push_back(':');
        }
        normal.push_back(stamp[i] == ',' ? '.' : stamp[i]);
    }
    const auto parsed = parse_kube_time(normal);
    return parsed && parsed->time ? parsed->time : std::nullopt;
}

constexpr std::array<std::string_view, 12> k_months = {"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                                       "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};

int month_number(std::string_view word) {
    for (std::size_t i = 0; i < k_months.size(); ++i) {
        if (word == k_months[i]) {
            return static_cast<int>(i) + 1;
        }
    }
    return 0;
}

// `Tue Aug 27 10:58:27 2019` (dmesg -T in the C locale); nullopt for a localized or other form.
std::optional<TimePoint> read_ctime(std::string_view inside) {
    std::string_view rest = inside;
    take_token(rest);  // the weekday
    const int month = month_number(take_token(rest));
    rest = skip_blanks(rest);
    const std::string_view day = take_token(rest);
    const std::string_view clock = take_token(rest);
    const std::string_view year = rest;
    if (month == 0 || day.empty() || day.size() > 2 || clock.size() != 8 || year.size() != 4) {
        return std::nullopt;
    }
    return wall_time_of(year, month, day, clock);
}

// After a syslog or journal stamp: `HOST IDENT: message`. The kernel's words, or nullopt when another
// program wrote the line (`ident` then names it: `earlyoom[812]:`, and `rest` holds its words).
std::optional<std::string_view> kernel_after_host(std::string_view& rest, std::string_view& ident, std::string_view& host) {
    host = take_token(rest);
    ident = take_token(rest);
    if (ident != "kernel:") {
        return std::nullopt;
    }
    return rest;
}

// Another program's line, kept with its name: a userspace OOM killer's is evidence too.
KernelLine program_line(std::string_view ident, std::string_view message) {
    KernelLine line;
    line.ident = ident;
    line.message = message;
    line.stamped = true;
    return line;
}

// A printk stamp kept inside a syslog message: `[ 8341.868335] msg`.
void take_inner_uptime(KernelLine& line) {
    std::string_view m = line.message;
    if (!m.starts_with('[')) {
        return;
    }
    const std::size_t close = m.find(']');
    if (close == std::string_view::npos || close > 20) {
        return;
    }
    if (const auto up = read_uptime(m.substr(1, close - 1))) {
        line.uptime_s = up;
        line.message = m.substr(close + 1 < m.size() && m[close + 1] == ' ' ? close + 2 : close + 1);
    }
}

KernelLine kernel_message(std::string_view message, bool stamped) {
    KernelLine line;
    line.kind = KernelLineKind::message;
    line.message = message;
    line.stamped = stamped;
    return line;
}

KernelLine other_line() {
    return KernelLine{};
}

// `Aug 27 10:58:27[.123456] HOST IDENT: msg` (journalctl short/short-precise, RFC 3164 syslog).
std::optional<KernelLine> month_stamped(std::string_view s) {
    if (s.size() < 16 || month_number(s.substr(0, 3)) == 0 || s[3] != ' ') {
        return std::nullopt;
    }
    std::string_view rest = s.substr(4);
    rest = skip_blanks(rest);  // RFC 3164 pads the day with a space
    const std::string_view day = take_token(rest);
    const std::string_view clock = take_token(rest);
    if (day.empty() || day.size() > 2 || !is_digit(day[0]) || clock.size() < 8 || clock[2] != ':' || clock[5] != ':') {
        return std::nullopt;
    }
    std::string_view ident;
    std::string_view host;
    const auto message = kernel_after_host(rest, ident, host);
    KernelLine line = message ? kernel_message(*message, true) : program_line(ident, rest);
    line.host = host;
    line.yearless = s.substr(0, static_cast<std::size_t>(clock.data() + clock.size() - s.data()));
    if (!message) {
        return line;
    }
    take_inner_uptime(line);
    return line;
}

// `2019-08-27T10:58:27,123456+02:00 msg` (dmesg --time-format iso) or `2019-08-27T10:58:27+0200
// HOST kernel: msg` (journalctl short-iso, rsyslog).
std::optional<KernelLine> iso_stamped(std::string_view s) {
    if (s.size() < 20 || !is_digit(s[0]) || s[4] != '-' || s[10] != 'T') {
        return std::nullopt;
    }
    std::string_view rest = s;
    const std::string_view stamp = take_token(rest);
    const auto wall = read_iso(stamp);
    if (!wall) {
        return std::nullopt;
    }
    KernelLine line;
    if (stamp.find(',') != std::string_view::npos) {
        line = kernel_message(rest, true);  // only dmesg writes the comma
    } else {
        std::string_view ident;
        std::string_view host;
        const auto message = kernel_after_host(rest, ident, host);
        line = message ? kernel_message(*message, true) : program_line(ident, rest);
        line.host = host;
        if (message) {
            take_inner_uptime(line);
        }
    }
    line.wall = wall;
    return line;
}

// `<4>1 2024-11-19T14:23:06.412922+01:00 HOST APP PROCID MSGID SD MSG` (RFC 5424).
KernelLine rfc5424(std::string_view rest) {
    const std::string_view stamp = take_token(rest);
    const std::string_view host = take_token(rest);
    const std::string_view app = take_token(rest);
    take_token(rest);  // procid
    take_token(rest);  // msgid
    if (app != "kernel") {
        KernelLine line = program_line(app, rest.starts_with("- ") ? rest.substr(2) : rest);
        line.wall = read_iso(stamp);
        line.host = host == "-" ? std::string_view{} : host;  // RFC 5424's nil value
        return line;
    }
    if (rest.starts_with('[')) {
        const std::size_t close = rest.find("] ");  // structured data
        rest = close == std::string_view::npos ? std::string_view{} : rest.substr(close + 2);
    } else {
        take_token(rest);  // "-": no structured data
    }
    KernelLine line = kernel_message(rest, true);
    line.wall = read_iso(stamp);
    line.host = host == "-" ? std::string_view{} : host;  // RFC 5424's nil value
    take_inner_uptime(line);
    return line;
}

bool is_word(std::string_view s) {
    if (s.empty() || s.size() > 8) {
        return false;
    }
    for (const char c : s) {
        if (!(c >= 'a' && c <= 'z')) {
            return false;
        }
    }
    return true;
}

// `FACILITY :LEVEL : ` (dmesg -x, padded) or `FACILITY: LEVEL: ` (talosctl): the length of the
// prefix and whether the facility is the kernel's; 0 when `s` has no such prefix.
std::size_t facility_prefix(std::string_view s, bool& kern) {
    std::size_t i = 0;
    const auto word = [&]() {
        const std::size_t start = i;
        while (i < s.size() && s[i] >= 'a' && s[i] <= 'z') {
            ++i;
        }
        return s.substr(start, i - start);
    };
    const auto colon = [&]() {
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        if (i >= s.size() || s[i] != ':') {
            return false;
        }
        ++i;
        while (i < s.size() && s[i] == ' ') {
            ++i;
        }
        return true;
    };
    const std::string_view facility = word();
    if (!is_word(facility) || !colon()) {
        return 0;
    }
    const std::string_view level = word();
    if (!is_word(level) || !colon()) {
        return 0;
    }
    static constexpr std::array<std::string_view, 8> levels = {"emerg", "alert", "crit", "err",
                                                               "warn",  "warning", "notice", "info"};
    bool known = level == "debug";
    for (const std::string_view l : levels) {
        known = known || level == l;
    }
    if (!known) {
        return 0;
    }
    kern = facility == "kern";
    return i;
}

KernelLine bracketed(std::string_view s) {
    const std::size_t close = s.find(']');
    if (close == std::string_view::npos || close > 40) {
        return kernel_message(s, false);
    }
    const std::string_view inside = s.substr(1, close - 1);
    std::string_view rest = s.substr(close + 1);
    KernelLine line;
    if (const auto up = read_uptime(inside)) {
        // `[T123]`/`[ C1]`: the printk caller id (CONFIG_PRINTK_CALLER)
        if (rest.starts_with('[')) {
            const std::size_t end = rest.find(']');
            const std::string_view id = end == std::string_view::npos ? std::string_view{} : skip_blanks(rest.substr(1, end - 1));
            if (id.size() >= 2 && (id[0] == 'T' || id[0] == 'C') && is_digit(id[1])) {
                rest = rest.substr(end + 1);
            }
        }
        rest = rest.starts_with(' ') ? rest.substr(1) : rest;
        // journalctl -o short-monotonic: `[ 1234.567890] HOST kernel: msg`
        std::string_view probe = rest;
        const std::string_view host = take_token(probe);
        const std::string_view ident = take_token(probe);
        std::string_view named;
        if (ident == "kernel:") {
            rest = probe;
            named = host;
        } else if (ident.size() > 3 && ident.ends_with("]:") && ident.find('[') != std::string_view::npos) {
            return other_line();  // another unit's line in the same journal
        }
        line = kernel_message(rest, true);
        line.uptime_s = up;
        line.host = named;
        return line;
    }
    if (inside.size() >= 20 && inside.size() <= 40 && is_digit(inside[0]) && inside[4] == '-') {
        line = kernel_message(rest.starts_with(": ") ? rest.substr(2) : rest, true);  // talosctl's RFC 3339
        line.wall = read_iso(inside);
        return line;
    }
    const bool delta = inside.starts_with('<') || skip_blanks(inside).starts_with('+');  // dmesg -d / -e
    const bool ctime = inside.size() >= 16 && inside.find(':') != std::string_view::npos &&
                       inside.size() >= 4 && is_digit(inside.back());  // dmesg -T, any locale
    if (!delta && !ctime) {
        return kernel_message(s, false);
    }
    line = kernel_message(rest.starts_with(' ') ? rest.substr(1) : rest, true);
    if (ctime) {
        line.wall = read_ctime(inside);
    }
    return line;
}

}  // namespace

std::optional<TimePoint> yearless_in_year(std::string_view stamp, int year) {
    if (year < 1970 || year > 9999 || stamp.size() < 8) {
        return std::nullopt;
    }
    std::string_view rest = stamp;
    const int month = month_number(take_token(rest));
    rest = skip_blanks(rest);
    const std::string_view day = take_token(rest);
    const std::string_view clock = rest.substr(0, rest.find(' '));
    if (month == 0 || day.empty() || day.size() > 2 || clock.size() < 8) {
        return std::nullopt;
    }
    return wall_time_of(std::to_string(year), month, day, clock);
}

KernelLine strip_kernel_envelope(std::string_view raw) {
    std::string_view s = raw;
    if (s.ends_with('\r')) {
        s.remove_suffix(1);
    }
    // A paste quoted as Markdown (`> `, nested `> > `).
    while (s.starts_with('>')) {
        s = s.substr(s.size() > 1 && s[1] == ' ' ? 2 : 1);
    }
    if (s.find_first_not_of(" \t") == std::string_view::npos) {
        return other_line();
    }
    if (s.starts_with("-- ")) {
        if (s.starts_with("-- Reboot --")) {
            KernelLine line;
            line.kind = KernelLineKind::reboot;
            line.stamped = true;
            return line;
        }
        if (s.ends_with(" --")) {
            return other_line();  // journalctl's `-- Logs begin at …` / `-- No entries --`
        }
    }
    if (is_blank(s[0])) {
        KernelLine line;
        line.kind = KernelLineKind::continuation;
        line.message = skip_blanks(s);
        return line;
    }
    // talosctl's node prefix: `172.20.0.2: kern: warning: …`
    bool kern = false;
    std::size_t prefix = facility_prefix(s, kern);
    if (prefix == 0) {
        const std::size_t node = s.find(": ");
        if (node != std::string_view::npos && node < 64 && s.substr(0, node).find(' ') == std::string_view::npos) {
            const std::size_t after = facility_prefix(s.substr(node + 2), kern);
            prefix = after == 0 ? 0 : node + 2 + after;
        }
    }
    if (prefix != 0) {
        if (!kern) {
            return other_line();  // userspace writes to /dev/kmsg (systemd, …)
        }
        s = s.substr(prefix);
    }
    // `<N>`: a printk level, or an RFC 5424/3164 priority.
    if (s.size() > 2 && s[0] == '<' && is_digit(s[1])) {
        const std::size_t close = s.find('>');
        if (close != std::string_view::npos && close <= 4) {
            s = s.substr(close + 1);
            if (s.starts_with("1 ")) {
                return rfc5424(s.substr(2));
            }
        }
    }
    if (s.empty()) {
        return other_line();
    }
    if (s[0] == '[') {
        return bracketed(s);
    }
    if (auto line = iso_stamped(s)) {
        return *line;
    }
    if (auto line = month_stamped(s)) {
        return *line;
    }
    return kernel_message(s, false);
}

}  // namespace pm
