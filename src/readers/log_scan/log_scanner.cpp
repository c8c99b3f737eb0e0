#include "readers/log_scan/log_scanner.hpp"

#include <algorithm>
#include <cstring>
#include <mutex>

#include "readers/log_scan/log_line.hpp"
#include "regions/splitter.hpp"

namespace pm {

namespace {

constexpr std::size_t k_max_partial_bytes = 1 << 16;  // a CRI line joined from P records is cut here
constexpr std::size_t k_max_last_line = 4096;
constexpr std::size_t k_sniff_lines = 20;

std::size_t count_newlines(const char* begin, const char* end) {
    std::size_t n = 0;
    while (begin < end) {
        const void* nl = std::memchr(begin, '\n', static_cast<std::size_t>(end - begin));
        if (nl == nullptr) {
            break;
        }
        ++n;
        begin = static_cast<const char*>(nl) + 1;
    }
    return n;
}

bool blank(std::string_view s) {
    return s.find_first_not_of(" \t\r") == std::string_view::npos;
}

// An envelope or prefix on the first lines: every line must then be read, to route and join it.
bool needs_per_line(std::string_view text) {
    std::size_t pos = 0;
    for (std::size_t n = 0; n < k_sniff_lines && pos < text.size(); ++n) {
        const std::size_t end = std::min(text.find('\n', pos), text.size());
        const std::string_view line = text.substr(pos, end - pos);
        if (line.starts_with("[pod/") || line.starts_with("{\"log\":")) {
            return true;
        }
        const std::size_t space = line.find(' ');
        if (space >= 19 && space < 40 && line.size() > space + 8 && line[4] == '-' && line[10] == 'T' &&
            (line.substr(space + 1, 7) == "stdout " || line.substr(space + 1, 7) == "stderr ")) {
            return true;
        }
        pos = end + 1;
    }
    return false;
}

// {detail}: the trace line the rule's `detail` names (Python's final exception line, the message
// under a Rust 1.73+ panic), else nothing; the sentence stays whole either way.
std::string fill_detail(std::string text, const CrashRule& rule, std::string_view block) {
    const std::string key = "{detail}";
    const std::size_t at = text.find(key);
    if (at == std::string::npos) {
        return text;
    }
    std::string_view found;
    if (rule.detail) {
        std::size_t start = block.find('\n');
        while (start != std::string_view::npos && (found.empty() || !rule.detail_first)) {
            const std::size_t end = block.find('\n', start + 1);
            const std::string_view line = block.substr(start + 1, end == std::string_view::npos ? end : end - start - 1);
            re2::StringPiece group;
            if (RE2::PartialMatch(re2::StringPiece(line.data(), line.size()), rule.detail->get(), &group) &&
                group.data() != nullptr) {
                found = std::string_view(group.data(), group.size());
            }
            start = end;
        }
    }
    text.replace(at, key.size(), found.empty() ? "" : ": " + std::string(found.substr(0, 512)));
    return text;
}

std::string fill_what(const std::string& text, std::string_view what) {
    std::string out = text;
    const std::string key = "{what}";
    for (std::size_t at = out.find(key); at != std::string::npos; at = out.find(key, at + what.size())) {
        // A message that ends its own sentence does not get a second full stop from the rule's text.
        const bool stop_follows = at + key.size() < out.size() && out[at + key.size()] == '.';
        out.replace(at, key.size(), stop_follows && what.ends_with('.') ? what.substr(0, what.size() - 1) : what);
    }
    return out;
}

}  // namespace

CrashScanner::CrashScanner(const Grammar& g)
    : m_grammar(g),
      m_literals([&] {
          std::vector<std::string> out;
          for (const CrashRule& rule : g.crash_rules) {
              out.insert(out.end(), rule.literals.begin(), rule.literals.end());
          }
          return out;
      }()),
      m_matcher(m_literals) {
    m_rules_of.resize(m_literals.size());
    std::size_t literal = 0;
    for (std::size_t r = 0; r < g.crash_rules.size(); ++r) {
        for (std::size_t k = 0; k < g.crash_rules[r].literals.size(); ++k) {
            m_rules_of[literal++].push_back(static_cast<std::uint16_t>(r));
        }
    }
}

const CrashScanner& CrashScanner::of(const Grammar& g) {
    static std::mutex lock;
    static std::map<const Grammar*, std::unique_ptr<CrashScanner>> built;
    const std::lock_guard<std::mutex> guard(lock);
    auto& slot = built[&g];
    if (!slot) {
        slot = std::make_unique<CrashScanner>(g);
    }
    return *slot;
}

LogScanner::LogScanner(const CrashScanner& scanner, Incident& incident, InputId input, std::uint32_t first_line)
    : m_scanner(scanner),
      m_scratch(scanner.matcher()),
      m_incident(incident),
      m_input(input),
      m_first_line(first_line),
      m_line(first_line) {}

void LogScanner::attribute(const OptText& namespace_, const OptText& pod, const OptText& pod_uid, const OptText& container,
                           Text how) {
    m_ns = namespace_;
    m_pod = pod;
    m_uid = pod_uid;
    m_container = container;
    m_how = how;
}

LogScanner::Stream& LogScanner::stream_for(std::string_view pod, std::string_view container) {
    std::string key(pod);
    key += '/';
    key += container;
    auto it = m_streams.find(key);
    if (it == m_streams.end()) {
        it = m_streams.emplace(key, Stream{}).first;
        it->second.pod = std::string(pod);
        it->second.container = std::string(container);
    }
    return it->second;
}

void LogScanner::note_last(Stream& stream, std::string_view text, std::uint32_t number,
                           const std::optional<TimePoint>& time) {
    if (blank(text)) {
        return;
    }
    stream.last_text.assign(text.substr(0, k_max_last_line));
    stream.last_line = number;
    stream.last_time = time;
}

void LogScanner::close_open(Stream& stream) {
    if (!stream.open) {
        return;
    }
    if (stream.kept.size() == k_log_signatures_kept) {
        stream.kept.erase(stream.kept.begin());  // the last ones decide; older ones were context
    }
    stream.kept.push_back(std::move(*stream.open));
    stream.open.reset();
    ++stream.seen;
}

void LogScanner::try_signatures(Stream& stream, std::string_view text, std::uint32_t number,
                                const std::optional<TimePoint>& time) {
    std::vector<std::uint16_t> rules;
    m_scanner.matcher().scan(text, m_scratch, [&](std::size_t, unsigned literal) {
        const auto& of = m_scanner.rules_of(literal);
        rules.insert(rules.end(), of.begin(), of.end());
    });
    if (rules.empty()) {
        return;
    }
    std::sort(rules.begin(), rules.end());
    rules.erase(std::unique(rules.begin(), rules.end()), rules.end());
    const auto& crash_rules = m_scanner.grammar().crash_rules;
    for (const std::uint16_t r : rules) {
        const RE2& pattern = crash_rules[r].pattern.get();
        if (!pattern.ok()) {
            continue;
        }
        const int groups = pattern.NumberOfCapturingGroups();
        std::vector<re2::StringPiece> parts(static_cast<std::size_t>(groups) + 1);
        if (!pattern.Match(re2::StringPiece(text.data(), text.size()), 0, text.size(), RE2::UNANCHORED, parts.data(),
                           groups + 1)) {
            continue;
        }
        Draft draft;
        draft.rule = r;
        const auto& named = pattern.NamedCapturingGroups();
        if (auto it = named.find("what"); it != named.end() && parts[static_cast<std::size_t>(it->second)].data() != nullptr) {
            draft.what.assign(parts[static_cast<std::size_t>(it->second)].data(), parts[static_cast<std::size_t>(it->second)].size());
        } else {
            draft.what.assign(parts[0].data(), parts[0].size());
        }
        draft.what = draft.what.substr(0, 512);
        draft.block.assign(text.substr(0, k_log_block_bytes));
        draft.first_line = number;
        draft.last_line = number;
        draft.time = time;
        close_open(stream);
        stream.open = std::move(draft);
        if (!crash_rules[r].trace) {
            close_open(stream);
        }
        return;  // the first rule in grammar order names the line
    }
}

void LogScanner::process_line(std::string_view raw, std::uint32_t number, bool hit) {
    LogLine line = clean_log_line(raw, m_storage);
    Stream& stream = stream_for(line.pod, line.container);
    std::string_view text = line.text;
    if (m_per_line) {
        ++stream.lines;
    }
    // A CRI line cut into P records is read once it is whole.
    if (line.partial) {
        if (stream.partial.empty()) {
            stream.partial_line = number;
        }
        stream.partial.append(text.substr(0, k_max_partial_bytes - std::min(k_max_partial_bytes, stream.partial.size())));
        return;
    }
    std::string joined;
    if (!stream.partial.empty()) {
        joined = std::move(stream.partial);
        joined.append(text.substr(0, k_max_partial_bytes - std::min(k_max_partial_bytes, joined.size())));
        stream.partial.clear();
        text = joined;
        number = stream.partial_line;
    }
    if (is_kubectl_line(text) || is_shell_prompt(text)) {
        if (const std::string_view named = defaulted_container(text); !named.empty() && m_defaulted.empty()) {
            m_defaulted.assign(named);
        }
        return;  // kubectl's words, not the application's
    }
    if (stream.open) {
        const CrashRule& rule = m_scanner.grammar().crash_rules[stream.open->rule];
        const bool continues = rule.trace && rule.trace->get().ok() && stream.open->lines < k_log_block_lines &&
                               RE2::PartialMatch(re2::StringPiece(text.data(), text.size()), rule.trace->get());
        if (continues) {
            Draft& open = *stream.open;
            if (open.block.size() < k_log_block_bytes) {
                open.block += '\n';
                open.block.append(text.substr(0, k_log_block_bytes - open.block.size()));
            }
            open.last_line = number;
            ++open.lines;
            note_last(stream, text, number, line.time);
            return;
        }
        close_open(stream);
    }
    if (hit || m_per_line) {
        try_signatures(stream, text, number, line.time);
    }
    note_last(stream, text, number, line.time);
}

void LogScanner::feed(std::string_view text, bool line_goes_on) {
    if (!m_decided) {
        m_per_line = needs_per_line(text);
        m_decided = true;
    }
    const char* const begin = text.data();
    const char* const end = begin + text.size();
    if (m_per_line) {
        const char* p = begin;
        while (p < end) {
            const char* nl = static_cast<const char*>(std::memchr(p, '\n', static_cast<std::size_t>(end - p)));
            const char* line_end = nl != nullptr ? nl : end;
            const bool piece = nl == nullptr && line_goes_on;
            process_line(std::string_view(p, static_cast<std::size_t>(line_end - p)), piece ? m_line : m_line++, false);
            p = nl != nullptr ? nl + 1 : end;
        }
        return;
    }
    // Only the lines a literal is in, and those after a signature while its trace goes on, are read.
    Stream& plain = stream_for("", "");
    std::vector<std::size_t> hit_ends;
    m_scanner.matcher().scan(text, m_scratch, [&](std::size_t at, unsigned) { hit_ends.push_back(at); });
    const char* pos = begin;  // the start of the first line not yet accounted for
    auto line_at = [&](const char* start) {
        const char* nl = static_cast<const char*>(std::memchr(start, '\n', static_cast<std::size_t>(end - start)));
        return nl != nullptr ? nl : end;
    };
    // Reads lines from `pos` while a trace is open.
    auto follow_trace = [&](const char* limit) {
        while (plain.open && pos < limit && pos < end) {
            const char* line_end = line_at(pos);
            process_line(std::string_view(pos, static_cast<std::size_t>(line_end - pos)), m_line++, false);
            pos = line_end < end ? line_end + 1 : end;
        }
    };
    for (const std::size_t hit : hit_ends) {
        const char* hit_end = begin + hit;
        if (hit_end <= pos) {
            continue;  // on a line already read
        }
        // The start of the hit's line.
        const char* start = hit_end - 1;
        while (start > pos && start[-1] != '\n') {
            --start;
        }
        follow_trace(start);
        if (start < pos) {
            continue;  // the trace took that line
        }
        m_line += static_cast<std::uint32_t>(count_newlines(pos, start));
        const char* line_end = line_at(start);
        process_line(std::string_view(start, static_cast<std::size_t>(line_end - start)), m_line++, true);
        pos = line_end < end ? line_end + 1 : end;
    }
    follow_trace(end);
    // The chunk's last line with text is the log's last line so far; kubectl's lines and typed
    // placeholders after it (`<empty>`, `...`) are stepped over, a few at most.
    const char* last_end = end;
    for (int tries = 0; tries < 16; ++tries) {
        while (last_end > pos && (last_end[-1] == '\n' || last_end[-1] == '\r' || last_end[-1] == ' ')) {
            --last_end;
        }
        if (last_end <= pos) {
            break;
        }
        const char* last_start = last_end;
        while (last_start > pos && last_start[-1] != '\n') {
            --last_start;
        }
        std::string storage;
        const LogLine last = clean_log_line(std::string_view(last_start, static_cast<std::size_t>(last_end - last_start)), storage);
        if (!last.text.empty() && !is_kubectl_line(last.text) && !is_shell_prompt(last.text)) {
            note_last(plain, last.text, m_line + static_cast<std::uint32_t>(count_newlines(pos, last_start)), last.time);
            break;
        }
        last_end = last_start;
    }
    const std::size_t rest = count_newlines(pos, end);
    m_line += static_cast<std::uint32_t>(rest);
    // A chunk's bytes after its last '\n' are the log's final line (only the last chunk has them),
    // unless the line goes on in the next piece.
    if (!line_goes_on && end > begin && end[-1] != '\n' && pos < end) {
        const char* after = end;
        while (after > pos && after[-1] != '\n') {
            --after;
        }
        if (after < end) {
            ++m_line;
        }
    }
}

std::vector<ContainerLog> LogScanner::finish() {
    std::vector<ContainerLog> out;
    for (auto& [key, stream] : m_streams) {
        if (!stream.partial.empty()) {
            const std::string rest = std::move(stream.partial);
            stream.partial.clear();
            try_signatures(stream, rest, stream.partial_line, std::nullopt);
        }
        close_open(stream);
        if (stream.last_text.empty() && stream.kept.empty()) {
            continue;  // nothing the application said
        }
        ContainerLog log;
        log.at = Cite{m_input, m_first_line > 1 ? m_first_line : 0};
        log.lines = m_per_line ? stream.lines : m_line - m_first_line;
        if (!stream.container.empty()) {
            log.container = m_incident.keep(stream.container);
            log.pod = m_incident.keep(stream.pod);
            log.namespace_ = m_ns;
            log.attributed_by = "its --prefix";
        } else if (m_container) {
            log.namespace_ = m_ns;
            log.pod = m_pod;
            log.pod_uid = m_uid;
            log.container = m_container;
            log.attributed_by = m_how;
        } else {
            log.namespace_ = m_ns;
            log.pod = m_pod;
            log.pod_uid = m_uid;
            if (!m_defaulted.empty()) {
                log.container = m_incident.keep(m_defaulted);
                log.attributed_by = "kubectl's `Defaulted container` line";
            } else if (m_pod || m_uid) {
                log.attributed_by = m_how;  // the pod is known, its container not yet
            }
        }
        if (!stream.last_text.empty()) {
            log.last_line = Quote{{m_input, stream.last_line}, m_incident.keep(stream.last_text)};
            log.last_time = stream.last_time;
        }
        log.signatures_seen = stream.seen;
        for (const Draft& d : stream.kept) {
            const CrashRule& rule = m_scanner.grammar().crash_rules[d.rule];
            LogSignature s;
            s.rule = rule.id;
            s.cause = rule.cause;
            s.what = m_incident.keep(d.what);
            s.explain = m_incident.keep(fill_detail(fill_what(rule.explain, d.what), rule, d.block));
            s.fatal = rule.fatal;
            s.at = {m_input, d.first_line};
            s.last_line = d.last_line;
            s.block = m_incident.keep(d.block);
            s.time = d.time;
            log.signatures.push_back(s);
        }
        out.push_back(std::move(log));
    }
    return out;
}

}  // namespace pm
