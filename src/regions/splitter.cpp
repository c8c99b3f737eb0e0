// Region splitting: hard boundaries (prompts, fences), blank-line blocks, and a scored kind per block.
#include "regions/splitter.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <optional>
#include <string>

#include "base/parallel.hpp"
#include "base/swar.hpp"
#include "base/text.hpp"
#include "regions/line_shape.hpp"
#include "regions/signature_index.hpp"
#include "regions/typed_command.hpp"

namespace pm {

namespace {

constexpr std::size_t k_max_sample_lines = 400;      // non-empty lines of one block looked at
constexpr std::size_t k_max_sample_bytes = 1 << 20;  // and at most this much text
constexpr std::size_t k_line_window = 8192;          // bytes of one line looked at
constexpr std::size_t k_first_telling_lines = 16;    // lines a continuing block may take to say what it is
constexpr double k_plain_weight = 0.25;              // plain text, per line no signature knows
constexpr double k_confident = 12;                   // a kind this sure beats plain text
constexpr double k_tie = 1.0;
constexpr std::size_t k_max_absorbed_lines = 24;     // a foreign block this short inside a document is part of it
constexpr std::size_t k_none = static_cast<std::size_t>(-1);
constexpr std::size_t k_parallel_section_lines = 1 << 16;  // a section this long is split on every thread

// Counts code points and the ones no text contains: U+FFFD, and C0/C1 controls other than TAB and
// ESC (colour codes are common in container logs).
struct TextQuality {
    std::size_t chars = 0;
    std::size_t bad = 0;

    void add(std::string_view line) {
        const auto* p = reinterpret_cast<const unsigned char*>(line.data());
        for (std::size_t i = 0; i < line.size(); ++i) {
            // Eight printable ASCII bytes at a time (the common case): eight characters, none bad.
            while (i + 8 <= line.size() && all_printable_ascii(p + i)) {
                chars += 8;
                i += 8;
            }
            if (i >= line.size()) {
                break;
            }
            const unsigned char c = p[i];
            if ((c & 0xC0) == 0x80) {
                continue;  // continuation byte: counted with its lead
            }
            ++chars;
            if ((c < 0x20 && c != '\t' && c != 0x1B) || c == 0x7F) {
                ++bad;
            } else if (c == 0xEF && i + 2 < line.size() && p[i + 1] == 0xBF && p[i + 2] == 0xBD) {
                ++bad;
            } else if (c == 0xC2 && i + 1 < line.size() && p[i + 1] >= 0x80 && p[i + 1] <= 0x9F) {
                ++bad;
            }
        }
    }

    bool looks_binary() const { return bad * 20 > chars; }  // over 5 %

private:
    static bool all_printable_ascii(const unsigned char* bytes) {
        const std::uint64_t x = swar::load8(bytes);
        return !swar::has_below(x, 0x20) && !swar::has_del_or_high(x);
    }
};

// A fence line of a Markdown code block: ``` or ~~~, with an optional language, alone on its line.
bool is_fence(std::string_view line) {
    std::size_t lead = 0;
    while (lead < line.size() && is_blank(line[lead])) {
        ++lead;
    }
    if (lead == line.size() || (line[lead] != '`' && line[lead] != '~' && line[lead] != '>')) {
        return false;  // the common case, decided at the first byte
    }
    std::string_view t = trim(line);
    while (!t.empty() && t.front() == '>') {  // inside a quote
        t = trim_left(t.substr(1));
    }
    if (t.size() < 3 || (t.substr(0, 3) != "```" && t.substr(0, 3) != "~~~")) {
        return false;
    }
    t.remove_prefix(3);
    while (!t.empty() && (t.front() == '`' || t.front() == '~')) {
        t.remove_prefix(1);
    }
    for (char c : t) {
        const bool word = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '-' ||
                          c == '+' || c == '_';
        if (!word) {
            return false;
        }
    }
    return true;
}

// The bytes of a prompt's user@host:path token, as a table: read at the start of every line.
constexpr std::array<bool, 256> k_word_chars = [] {
    std::array<bool, 256> table{};
    for (int c = 0; c < 256; ++c) {
        table[static_cast<std::size_t>(c)] = (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') ||
                                             c == '_' || c == '-' || c == '.' || c == '@' || c == ':' || c == '~' ||
                                             c == '/' || c == '[' || c == ']' || c == '\\';
    }
    return table;
}();

bool is_word_char(char c) {
    return k_word_chars[static_cast<unsigned char>(c)];
}

bool runs_kubectl(std::string_view typed) {
    return typed.starts_with("kubectl ") || typed.starts_with("oc ");
}

// `cmd > file` or `cmd >> file` sends stdout away; stderr's `2>&1` and `2>/dev/null` leave it on screen.
bool sends_output_away(std::string_view typed) {
    for (std::size_t gt = typed.find('>'); gt != std::string_view::npos; gt = typed.find('>', gt + 1)) {
        const bool of_stderr = gt > 0 && typed[gt - 1] == '2';
        const bool to_a_descriptor = gt + 1 < typed.size() && typed[gt + 1] == '&';
        if (!of_stderr && !to_a_descriptor) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::optional<std::string_view> prompt_command(std::string_view line) {
    std::string_view t = trim_left(line.substr(0, 512));
    while (!t.empty() && t.front() == '>') {
        t = trim_left(t.substr(1));
    }
    if (t.starts_with("PS ")) {
        const std::size_t gt = t.find("> ");
        if (gt == std::string_view::npos) {
            return std::nullopt;
        }
        return trim(t.substr(gt + 2));
    }
    // zsh themes' prompt characters (starship's `❯ `, oh-my-zsh's `➜  ~ `): what follows was typed.
    // Both are U+27xx, E2 9D/9E in UTF-8: the first byte decides for every other line.
    if (!t.empty() && static_cast<unsigned char>(t.front()) == 0xE2) {
        for (const std::string_view mark : {std::string_view("\u276F "), std::string_view("\u279C ")}) {
            if (t.starts_with(mark)) {
                return trim(t.substr(mark.size()));
            }
        }
    }
    // A virtualenv's or conda's `(venv) ` before the prompt proper.
    if (t.starts_with('(')) {
        const std::size_t close = t.find(") ");
        if (close != std::string_view::npos && close < 64) {
            t = trim_left(t.substr(close + 2));
        }
    }
    // An optional user@host:path or [user@host path] token, then the prompt character and a space.
    std::size_t i = 0;
    if (i < t.size() && t[i] == '[') {
        const std::size_t close = t.find(']');
        if (close == std::string_view::npos || close > 80) {
            return std::nullopt;
        }
        i = close + 1;
        // `[10:40:06] user@host:~$ `: a clock in brackets, then the usual user@host:path token
        if (i + 1 < t.size() && t[i] == ' ' && is_word_char(t[i + 1])) {
            std::size_t j = i + 1;
            while (j < t.size() && j < i + 80 && is_word_char(t[j])) {
                ++j;
            }
            if (j < t.size() && (t[j] == '$' || t[j] == '#' || t[j] == '%')) {
                i = j;
            }
        }
    } else {
        const std::size_t limit = std::min<std::size_t>(t.size(), 80);
        while (i < limit && is_word_char(t[i])) {
            ++i;
        }
    }
    if (i > 0 && i + 1 == t.size() && t[i] == '$' && t.substr(0, i).find('@') != std::string_view::npos) {
        return std::string_view();  // `user@host:~$` and nothing typed yet
    }
    if (i < t.size() && (t[i] == '$' || t[i] == '#' || t[i] == '%') && i + 1 < t.size() && t[i + 1] == ' ') {
        // A bare word before `#` is a comment or heading, not a prompt: it needs an @ or a path. Before
        // `$` it is bash's own prompt (`bash-5.1$ `).
        const std::string_view before = t.substr(0, i);
        if (!before.empty() && t[i] == '#' && before.find_first_of("@:~/]") == std::string_view::npos) {
            return std::nullopt;
        }
        return trim(t.substr(i + 2));
    }
    return std::nullopt;
}

namespace {

struct Scores {
    std::vector<double> score;
    std::vector<int> anchors;
    std::size_t sampled = 0;
};

class BlockScorer {
public:
    BlockScorer(std::span<const KindProfile> kinds, const SignatureIndex& index) : m_kinds(kinds), m_index(index) {
        m_hits.assign(index.slots(), 0);
        m_scores.score.assign(kinds.size(), 0);
        m_scores.anchors.assign(kinds.size(), 0);
    }

    // Ready for the next block, keeping the storage.
    void reset() {
        std::fill(m_hits.begin(), m_hits.end(), 0);
        std::fill(m_scores.score.begin(), m_scores.score.end(), 0);
        std::fill(m_scores.anchors.begin(), m_scores.anchors.end(), 0);
        m_scores.sampled = 0;
        m_scores.plain = 0;
    }

    // Scores one normalised line; returns whether any signature knew it.
    bool add(std::string_view norm) {
        ++m_scores.sampled;
        bool known = false;
        for (const SignatureIndex::Entry& e : m_index.matches(norm)) {
            const std::size_t k = e.kind;
            const Signature& sig = m_kinds[k].signatures[e.signature];
            known = true;
            int& hits = m_hits[e.slot];
            if (hits >= sig.cap) {
                continue;
            }
            if (hits == 0) {
                m_scores.anchors[k] += sig.anchor;
            }
            ++hits;
            m_scores.score[k] += sig.weight;
        }
        if (!known) {
            m_scores.plain += k_plain_weight;
        }
        return known;
    }

    const Scores& scores() const { return m_scores; }
    double plain() const { return m_scores.plain; }

    // The winning kind, or npos when no kind is eligible (the block is plain text or prose).
    std::size_t best(std::span<const std::size_t> hints, bool& confident) const {
        const std::size_t n = m_kinds.size();
        std::vector<bool> eligible(n, false);
        bool document = false;
        for (std::size_t k = 0; k < n; ++k) {
            if (m_kinds[k].plain_text) {
                continue;
            }
            eligible[k] = m_scores.anchors[k] >= m_kinds[k].min_anchors && m_scores.score[k] > 0;
            document = document || (eligible[k] && !m_kinds[k].lone_message);
        }
        // A lone runtime error: inside a describe, an events table or a pod JSON the same text is
        // just a field of that document.
        for (std::size_t k = 0; k < n; ++k) {
            if (document && m_kinds[k].lone_message) {
                eligible[k] = false;
            }
        }
        std::size_t best = k_none;
        for (std::size_t k = 0; k < n; ++k) {
            if (eligible[k] && (best == k_none || m_scores.score[k] > m_scores.score[best])) {
                best = k;
            }
        }
        confident = false;
        if (best == k_none) {
            return k_none;
        }
        // Near-ties go to the kind the file name suggests.
        for (const std::size_t h : hints) {
            if (h == best) {
                break;
            }
            if (m_kinds[h].plain_text) {
                if (m_scores.score[best] < k_confident && m_scores.plain + k_tie >= m_scores.score[best]) {
                    return h;
                }
                continue;
            }
            if (eligible[h] && m_scores.score[h] + k_tie >= m_scores.score[best]) {
                best = h;
                break;
            }
        }
        confident = m_scores.score[best] >= k_confident;
        if (confident || m_scores.score[best] > m_scores.plain) {
            return best;
        }
        return k_none;
    }

    // Certain enough to stop sampling: the best kind is confident and no rival is close.
    bool certain() const {
        std::size_t best = k_none;
        double second = 0;
        for (std::size_t k = 0; k < m_kinds.size(); ++k) {
            if (m_kinds[k].plain_text) {
                continue;
            }
            const bool ok = m_scores.anchors[k] >= m_kinds[k].min_anchors;
            if (ok && (best == k_none || m_scores.score[k] > m_scores.score[best])) {
                if (best != k_none) {
                    second = std::max(second, m_scores.score[best]);
                }
                best = k;
            } else {
                second = std::max(second, m_scores.score[k]);
            }
        }
        return best != k_none && m_scores.score[best] >= 2 * k_confident && second * 4 <= m_scores.score[best] &&
               m_scores.plain * 4 <= m_scores.score[best];
    }

private:
    struct ScoresWithPlain : Scores {
        double plain = 0;
    };
    std::span<const KindProfile> m_kinds;
    const SignatureIndex& m_index;
    std::vector<int> m_hits;  // by signature slot
    ScoresWithPlain m_scores;
};

std::vector<std::size_t> name_hints(std::string_view path, std::span<const KindProfile> kinds) {
    const std::size_t slash = path.rfind('/');
    const std::string_view base = path.substr(slash == std::string_view::npos ? 0 : slash + 1);
    std::vector<std::size_t> hints;
    // In the order the hints are listed across kinds, as the table gives them.
    for (std::size_t k = 0; k < kinds.size(); ++k) {
        for (const std::string_view part : kinds[k].name_hints) {
            if (base.find(part) != std::string_view::npos) {
                hints.push_back(k);
                break;
            }
        }
    }
    return hints;
}

struct Block {
    std::size_t first = 0;
    std::size_t last = 0;
    std::size_t kind = k_none;  // k_none: prose
    bool strong = false;        // its kind was scored confidently, not guessed from a hint or its first line
};

class Splitter {
public:
    Splitter(const LineIndex& lines, std::string_view path, std::span<const KindProfile> kinds,
             const SignatureIndex& index, unsigned jobs)
        : m_lines(lines),
          m_kinds(kinds),
          m_index(index),
          m_scorer(kinds, index),
          m_hints(name_hints(path, kinds)),
          m_jobs(jobs) {
        for (std::size_t k = 0; k < kinds.size(); ++k) {
            if (kinds[k].plain_text) {
                m_plain = k;
            }
        }
    }

    RegionSplit run() {
        RegionSplit out;
        std::size_t section_start = 0;
        std::size_t hint = k_none;
        bool in_fence = false;
        const std::size_t n = m_lines.size();
        mark_lines();
        for (std::size_t i = 0; i <= n; ++i) {
            bool prompt = false;
            bool fence = false;
            std::size_t prompt_kind = k_none;
            bool tool_edge = false;  // a run of lines one tool prefixed starts or ends here
            if (i < n) {
                const LineMark mark = m_marks[i];
                prompt = mark.prompt;
                prompt_kind = mark.prompt_kind == LineMark::k_no_kind ? k_none : mark.prompt_kind;
                fence = mark.fence;
                tool_edge = !prompt && !fence && i > 0 && m_lines.stripped(i) != m_lines.stripped(i - 1);
            }
            if (i < n && !prompt && !fence && !tool_edge) {
                continue;
            }
            if (i > section_start) {
                split_section(section_start, i - 1, hint, out);
            }
            section_start = tool_edge ? i : i + 1;
            if (tool_edge) {
                continue;  // the line is content: it opens the next section
            }
            // What a prompt says lasts to the next prompt or to the fence that closes the code block
            // its output is in (```` $ dmesg ```` then the output, or a prompt inside the block).
            if (prompt) {
                hint = prompt_kind;
            } else if (fence) {
                if (in_fence) {
                    hint = k_none;
                }
                in_fence = !in_fence;
            }
        }
        out.binary = m_quality.chars > 0 && m_quality.looks_binary();
        if (out.binary) {
            out.regions.clear();
            return out;
        }
        if (out.regions.empty() && m_has_text && m_plain != k_none) {
            // Nothing any reader knows: the whole text is of the plain kind, as a log is.
            std::size_t first = 0;
            while (first < n && is_blank(m_lines[first])) {
                ++first;
            }
            std::size_t last = n;
            while (last > first && is_blank(m_lines[last - 1])) {
                --last;
            }
            out.regions.push_back({first, last - 1, m_plain});
        }
        return out;
    }

private:
    // What each line is on its own (a prompt and the kind it names, a fence): independent of the
    // lines around it, so a large text has its lines marked on several threads.
    struct LineMark {
        static constexpr std::uint16_t k_no_kind = 0xFFFF;
        std::uint16_t prompt_kind = k_no_kind;
        bool prompt = false;
        bool fence = false;
    };

    void mark_lines() {
        const std::size_t n = m_lines.size();
        m_marks.assign(n, LineMark{});
        constexpr std::size_t k_lines_per_task = 1 << 14;
        const std::size_t tasks = (n + k_lines_per_task - 1) / k_lines_per_task;
        parallel_for(tasks, n >= 4 * k_lines_per_task ? m_jobs : 1, [&](std::size_t task) {
            const std::size_t end = std::min(n, (task + 1) * k_lines_per_task);
            for (std::size_t i = task * k_lines_per_task; i < end; ++i) {
                const std::string_view line = m_lines[i];
                LineMark& mark = m_marks[i];
                const std::size_t kind = line.size() >= 2 ? prompt_hint(line, m_kinds, mark.prompt) : k_none;
                mark.prompt_kind = kind == k_none || kind >= LineMark::k_no_kind ? LineMark::k_no_kind
                                                                                  : static_cast<std::uint16_t>(kind);
                mark.fence = !mark.prompt && is_fence(line);
            }
        });
    }

    const LineIndex& m_lines;
    std::span<const KindProfile> m_kinds;
    const SignatureIndex& m_index;
    BlockScorer m_scorer;
    std::vector<std::size_t> m_hints;
    unsigned m_jobs = 1;
    std::vector<LineMark> m_marks;
    std::size_t m_plain = k_none;
    TextQuality m_quality;
    std::size_t m_quality_bytes = 0;
    bool m_has_text = false;  // some line had text a signature could read
    std::string m_norm;

    std::string_view normalised(std::size_t i) {
        normalise_pasted_line(m_lines[i].substr(0, k_line_window), k_line_window, m_norm);
        if (!m_norm.empty()) {
            note_text(i);
        }
        return m_norm;
    }

    // What looking at line i, which has text, tells of the whole file: that it has text, and (for the
    // first MiB looked at) how much of it is not text.
    void note_text(std::size_t i) {
        m_has_text = true;
        if (m_quality_bytes < k_max_sample_bytes) {
            const std::string_view window = m_lines[i].substr(0, k_line_window);
            m_quality.add(window);
            m_quality_bytes += window.size();
        }
    }

    // A block's first telling line, found ahead on another thread: the first of its first
    // k_first_telling_lines lines with text that some signature knows, and the kinds that know it.
    struct Telling {
        static constexpr std::uint32_t k_no_line = 0xFFFFFFFF;
        std::uint32_t line = k_no_line;
        std::uint64_t kinds = 0;  // bit k: kind k knows the line
        std::uint32_t task = 0;   // the lines with text looked at: m_looked[task][looked_begin, looked_end)
        std::uint32_t looked_begin = 0;
        std::uint32_t looked_end = 0;
    };
    std::vector<std::vector<std::uint32_t>> m_looked;

    // Blank-line blocks of the section [first, last], as (first, last) pairs; a large section's
    // lines are tested for blankness on every thread.
    std::vector<std::pair<std::size_t, std::size_t>> block_spans(std::size_t first, std::size_t last, bool parallel) {
        std::vector<std::uint8_t> blank;
        if (parallel) {
            blank.resize(last - first + 1);
            constexpr std::size_t k_lines_per_task = 1 << 15;
            parallel_for((blank.size() + k_lines_per_task - 1) / k_lines_per_task, m_jobs, [&](std::size_t task) {
                const std::size_t end = std::min(blank.size(), (task + 1) * k_lines_per_task);
                for (std::size_t k = task * k_lines_per_task; k < end; ++k) {
                    blank[k] = is_blank(m_lines[first + k]) ? 1 : 0;
                }
            });
        }
        const auto is_blank_at = [&](std::size_t i) { return parallel ? blank[i - first] != 0 : is_blank(m_lines[i]); };
        std::vector<std::pair<std::size_t, std::size_t>> spans;
        std::size_t i = first;
        while (i <= last) {
            while (i <= last && is_blank_at(i)) {
                ++i;
            }
            if (i > last) {
                break;
            }
            std::size_t end = i;
            while (end + 1 <= last && !is_blank_at(end + 1)) {
                ++end;
            }
            spans.emplace_back(i, end);
            i = end + 1;
        }
        return spans;
    }

    // Each block's telling line, on every thread: pure work (its own scratch, the index's per-thread
    // memory), so the blocks can then be classified in order as cheaply as a table lookup.
    std::vector<Telling> find_telling(const std::vector<std::pair<std::size_t, std::size_t>>& spans) {
        constexpr std::size_t k_blocks_per_task = 1024;
        const std::size_t tasks = (spans.size() + k_blocks_per_task - 1) / k_blocks_per_task;
        std::vector<Telling> telling(spans.size());
        m_looked.assign(tasks, {});
        parallel_for(tasks, m_jobs, [&](std::size_t task) {
            std::string norm;
            std::vector<std::uint32_t>& looked = m_looked[task];
            const std::size_t end = std::min(spans.size(), (task + 1) * k_blocks_per_task);
            for (std::size_t b = task * k_blocks_per_task; b < end; ++b) {
                Telling& t = telling[b];
                t.task = static_cast<std::uint32_t>(task);
                t.looked_begin = static_cast<std::uint32_t>(looked.size());
                std::size_t with_text = 0;
                for (std::size_t i = spans[b].first; i <= spans[b].second && with_text < k_first_telling_lines; ++i) {
                    normalise_pasted_line(m_lines[i].substr(0, k_line_window), k_line_window, norm);
                    if (norm.empty()) {
                        continue;
                    }
                    ++with_text;
                    looked.push_back(static_cast<std::uint32_t>(i));
                    const std::vector<SignatureIndex::Entry>& found = m_index.matches(norm);
                    if (!found.empty()) {
                        t.line = static_cast<std::uint32_t>(i);
                        for (const SignatureIndex::Entry& e : found) {
                            t.kinds |= std::uint64_t{1} << e.kind;
                        }
                        break;
                    }
                }
                t.looked_end = static_cast<std::uint32_t>(looked.size());
            }
        });
        return telling;
    }

    // Blocks of one section, separated by blank lines, each with its kind; then merged into regions.
    void split_section(std::size_t first, std::size_t last, std::size_t hint, RegionSplit& out) {
        // A large section (a describe of thousands of pods) finds its blocks and their telling lines
        // on every thread; the blocks are then classified in order, as they are one thread.
        const bool parallel = m_jobs > 1 && last - first + 1 >= k_parallel_section_lines && m_kinds.size() <= 64;
        const std::vector<std::pair<std::size_t, std::size_t>> spans = block_spans(first, last, parallel);
        const std::vector<Telling> telling = parallel ? find_telling(spans) : std::vector<Telling>();
        std::vector<Block> blocks;
        blocks.reserve(spans.size());
        // The kind a block may go on with is the last one read, past prose between (`Events (trimmed):`).
        std::size_t last_kind = k_none;
        for (std::size_t b = 0; b < spans.size(); ++b) {
            blocks.push_back(classify(spans[b].first, spans[b].second, last_kind, parallel ? &telling[b] : nullptr));
            if (blocks.back().kind != k_none) {
                last_kind = blocks.back().kind;
            }
        }
        merge(blocks, hint, out);
    }

    Block classify(std::size_t first, std::size_t last, std::size_t previous, const Telling* telling) {
        Block block{first, last, k_none, false};
        // A block that goes on with the region before it says so in its first telling line.
        if (previous != k_none && !m_kinds[previous].plain_text && telling != nullptr) {
            const std::vector<std::uint32_t>& looked = m_looked[telling->task];
            for (std::uint32_t k = telling->looked_begin; k < telling->looked_end; ++k) {
                note_text(looked[k]);  // as the look below would have
            }
            if (telling->line != Telling::k_no_line && (telling->kinds >> previous & 1) != 0) {
                block.kind = previous;
                return block;
            }
        } else if (previous != k_none && !m_kinds[previous].plain_text) {
            std::size_t looked = 0;
            for (std::size_t i = first; i <= last && looked < k_first_telling_lines; ++i) {
                const std::string_view norm = normalised(i);
                if (norm.empty()) {
                    continue;
                }
                ++looked;
                if (m_index.kind_matches(previous, norm)) {
                    block.kind = previous;
                    return block;
                }
                if (m_index.any_matches(norm)) {
                    break;  // another kind speaks first: score the block
                }
            }
        }
        BlockScorer& scorer = m_scorer;
        scorer.reset();
        std::size_t bytes = 0;
        for (std::size_t i = first; i <= last; ++i) {
            if (scorer.scores().sampled >= k_max_sample_lines || bytes >= k_max_sample_bytes) {
                break;
            }
            const std::string_view norm = normalised(i);
            bytes += std::min(m_lines[i].size(), k_line_window) + 1;
            if (norm.empty()) {
                continue;
            }
            scorer.add(norm);
            if (scorer.certain()) {
                break;
            }
        }
        bool confident = false;
        block.kind = scorer.best(m_hints, confident);
        block.strong = confident;
        if (block.kind == k_none && scorer.plain() > 0 && m_plain != k_none) {
            block.kind = k_none;  // plain text: prose unless a hint or the whole file says otherwise
        }
        return block;
    }

    void merge(std::vector<Block>& blocks, std::size_t hint, RegionSplit& out) {
        // What a prompt said the output is decides every block it did not recognise as something else.
        for (Block& b : blocks) {
            if (hint != k_none && (b.kind == k_none || (!b.strong && b.kind != hint))) {
                b.kind = hint;
            }
        }
        // A short foreign block between two blocks of one document (a log tail quoted in a termination
        // message, say) belongs to that document, as does prose between them.
        for (std::size_t i = 1; i + 1 < blocks.size(); ++i) {
            const std::size_t around = blocks[i - 1].kind;
            if (around == k_none || blocks[i + 1].kind != around || blocks[i].kind == around ||
                !m_kinds[around].document) {
                continue;
            }
            if (blocks[i].kind == k_none || blocks[i].last - blocks[i].first + 1 <= k_max_absorbed_lines) {
                blocks[i].kind = around;
            }
        }
        for (const Block& b : blocks) {
            if (b.kind == k_none) {
                continue;  // prose between pastes: skipped quietly
            }
            if (!out.regions.empty() && out.regions.back().kind == b.kind && continues(out.regions.back(), b)) {
                out.regions.back().last = b.last;
            } else {
                out.regions.push_back({b.first, b.last, b.kind});
            }
        }
    }

    // Regions of one kind merge across blank lines, prose and code fences (a fence line can be part
    // of a pasted message), not across a prompt: a new command's output is a new paste.
    bool continues(const Region& region, const Block& b) const {
        for (std::size_t i = region.last + 1; i < b.first; ++i) {
            if (m_marks[i].prompt) {
                return false;
            }
        }
        return true;
    }
};

}  // namespace

std::size_t prompt_hint(std::string_view line, std::span<const KindProfile> kinds, bool& is_prompt) {
    is_prompt = false;
    const auto command = prompt_command(line);
    if (!command) {
        return k_none;
    }
    const std::string typed = canonical_command(*command);
    std::size_t best = k_none;
    std::size_t best_length = 0;
    // Output sent to a file (`kubectl describe pod api > describe.txt`) is not what follows the prompt.
    for (std::size_t k = 0; k < kinds.size() && !sends_output_away(typed); ++k) {
        for (const std::string_view pattern : kinds[k].commands) {
            if (pattern.size() > best_length && typed.find(pattern) != std::string::npos) {
                best = k;
                best_length = pattern.size();
            }
        }
    }
    // Only a known command, or a prompt with nothing typed yet, makes a prompt: `# Notes` or `$ cd /tmp`
    // stay text.
    is_prompt = best != k_none || runs_kubectl(typed) || command->starts_with("sudo ") ||
                (command->empty() && line.find('@') != std::string_view::npos);
    return best;
}

bool is_shell_prompt(std::string_view line) {
    const auto command = prompt_command(line);
    return command && (command->empty() || line.find('@') != std::string_view::npos ||
                       runs_kubectl(canonical_command(*command)) || command->starts_with("sudo "));
}

RegionSplit split_regions(const LineIndex& lines, std::string_view path, std::span<const KindProfile> kinds,
                          const SignatureIndex* index, unsigned jobs) {
    if (index == nullptr) {
        const SignatureIndex own(kinds);
        Splitter splitter(lines, path, kinds, own, jobs);
        return splitter.run();
    }
    Splitter splitter(lines, path, kinds, *index, jobs);
    return splitter.run();
}

}  // namespace pm
