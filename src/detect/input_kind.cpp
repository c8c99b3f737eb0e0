// Decides what an input is by scoring a bounded sample of its lines against the signature table.
#include "detect/input_kind.hpp"

#include <array>
#include <vector>

#include "detect/kind_signatures.hpp"
#include "detect/line_shape.hpp"

namespace pm {

namespace {

constexpr std::size_t k_max_sample_lines = 400;        // non-empty lines looked at
constexpr std::size_t k_max_sample_bytes = 1 << 20;    // and at most this much text
constexpr std::size_t k_max_lines_walked = 1 << 20;    // empty lines included
constexpr std::size_t k_line_window = 8192;            // bytes of one line looked at
constexpr double k_plain_weight = 0.25;                // container-log, per line no signature knows
constexpr double k_confident = 12;                     // a structured kind this sure beats plain text
constexpr double k_tie = 1.0;

constexpr std::size_t k_kind_count = static_cast<std::size_t>(InputKind::unknown) + 1;

std::size_t index_of(InputKind kind) {
    return static_cast<std::size_t>(kind);
}

// File-name hints, consulted only when content scores tie.
struct NameHint {
    std::string_view part;
    InputKind kind;
};

constexpr std::array<NameHint, 10> k_name_hints = {{
    {"describe", InputKind::describe},
    {"event", InputKind::events},
    {"dmesg", InputKind::kernel_log},
    {"kern", InputKind::kernel_log},
    {"journal", InputKind::kernel_log},
    {"syslog", InputKind::kernel_log},
    {".json", InputKind::pod_json},
    {".yaml", InputKind::pod_yaml},
    {".yml", InputKind::pod_yaml},
    {".log", InputKind::container_log},
}};

std::vector<InputKind> name_hints(const std::string& path) {
    const std::size_t slash = path.rfind('/');
    const std::string_view base = std::string_view(path).substr(slash == std::string::npos ? 0 : slash + 1);
    std::vector<InputKind> hints;
    for (const auto& hint : k_name_hints) {
        if (base.find(hint.part) != std::string_view::npos) {
            hints.push_back(hint.kind);
        }
    }
    return hints;
}

// Counts code points and the ones no text log contains: U+FFFD, and C0/C1 controls other than
// TAB and ESC (colour codes are common in container logs).
struct TextQuality {
    std::size_t chars = 0;
    std::size_t bad = 0;

    void add(std::string_view line) {
        const auto* p = reinterpret_cast<const unsigned char*>(line.data());
        for (std::size_t i = 0; i < line.size(); ++i) {
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
};

struct Scores {
    std::array<double, k_kind_count> score{};
    std::array<int, k_kind_count> anchors{};
    std::size_t sampled = 0;
};

Scores score_sample(const SourceFile& file, TextQuality& quality) {
    const auto signatures = kind_signatures();
    std::vector<int> hits(signatures.size(), 0);
    Scores scores;
    std::string norm;
    std::size_t bytes = 0;
    std::size_t walked = 0;
    for (const std::string_view raw : file.lines) {
        if (scores.sampled >= k_max_sample_lines || bytes >= k_max_sample_bytes || walked >= k_max_lines_walked) {
            break;
        }
        ++walked;
        const std::string_view window = raw.substr(0, k_line_window);
        bytes += window.size() + 1;
        normalise_pasted_line(window, k_line_window, norm);
        if (norm.empty()) {
            continue;
        }
        ++scores.sampled;
        quality.add(window);
        bool known = false;
        for (std::size_t i = 0; i < signatures.size(); ++i) {
            const Signature& sig = signatures[i];
            if (!signature_matches(sig, norm)) {
                continue;
            }
            known = true;
            if (hits[i] >= sig.cap) {
                continue;
            }
            if (hits[i] == 0 && sig.anchor) {
                ++scores.anchors[index_of(sig.kind)];
            }
            ++hits[i];
            scores.score[index_of(sig.kind)] += sig.weight;
        }
        if (!known) {
            scores.score[index_of(InputKind::container_log)] += k_plain_weight;
        }
    }
    return scores;
}

InputKind choose_kind(const Scores& scores, const std::vector<InputKind>& hints) {
    std::array<bool, k_kind_count> eligible{};
    bool structured = false;
    for (std::size_t k = 0; k < index_of(InputKind::container_log); ++k) {
        eligible[k] = scores.anchors[k] >= min_anchors(static_cast<InputKind>(k)) && scores.score[k] > 0;
        structured = structured || (eligible[k] && k != index_of(InputKind::oci_message));
    }
    // oci-message is a *lone* runtime error: inside a describe, an events table or a pod JSON the
    // same text is just a field of that document.
    if (structured) {
        eligible[index_of(InputKind::oci_message)] = false;
    }
    const double plain = scores.score[index_of(InputKind::container_log)];
    std::size_t best = k_kind_count;
    for (std::size_t k = 0; k < index_of(InputKind::container_log); ++k) {
        if (eligible[k] && (best == k_kind_count || scores.score[k] > scores.score[best])) {
            best = k;
        }
    }
    if (best == k_kind_count) {
        return InputKind::container_log;
    }
    // Near-ties go to the kind the file name suggests.
    for (const InputKind hint : hints) {
        const std::size_t h = index_of(hint);
        if (h == best) {
            break;
        }
        if (hint == InputKind::container_log) {
            if (scores.score[best] < k_confident && plain + k_tie >= scores.score[best]) {
                return InputKind::container_log;
            }
            continue;
        }
        if (eligible[h] && scores.score[h] + k_tie >= scores.score[best]) {
            best = h;
            break;
        }
    }
    if (scores.score[best] >= k_confident || scores.score[best] > plain) {
        return static_cast<InputKind>(best);
    }
    return InputKind::container_log;
}

}  // namespace

std::string detect_input_kind(const SourceFile& file) {
    TextQuality quality;
    const Scores scores = score_sample(file, quality);
    if (scores.sampled == 0 || quality.looks_binary()) {
        return std::string(input_kind_name(InputKind::unknown));
    }
    return std::string(input_kind_name(choose_kind(scores, name_hints(file.path))));
}

}  // namespace pm
