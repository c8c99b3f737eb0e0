// The damage property test: every kind of paste damage seen in real tickets, applied by a
// transform to every clean describe sample and to the describe texts of the tests, must read back
// to the records of the clean text, field by field, for every field the transform does not destroy
// (each transform lists what it destroys).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "describe_samples.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"

using namespace pm;
namespace fs = std::filesystem;

namespace {

// What a transform destroys (those fields are not compared).
enum Destroys : unsigned {
    keeps_all = 0,
    messages = 1U << 0,       // multi-line texts: state messages, pod message
    events = 1U << 1,         // the Events table
    container_ids = 1U << 2,  // Container ID, Ready (a shortened block drops them)
    whitespace = 1U << 3,     // runs of blanks inside values (messages compared with blanks collapsed)
    tail = 1U << 4,           // everything after a cut
};

struct Damage {
    const char* name;
    unsigned destroys;
    std::function<std::string(const std::string&, std::size_t seed)> apply;
};

std::vector<std::string> split_lines(const std::string& text) {
    std::vector<std::string> lines;
    std::istringstream in(text);
    for (std::string line; std::getline(in, line);) {
        lines.push_back(line);
    }
    return lines;
}

std::string join(const std::vector<std::string>& lines, const char* end = "\n") {
    std::string out;
    for (const auto& l : lines) {
        out += l;
        out += end;
    }
    return out;
}

std::string each_line(const std::string& text, const std::function<std::string(const std::string&)>& f) {
    std::vector<std::string> lines = split_lines(text);
    for (auto& l : lines) {
        l = f(l);
    }
    return join(lines);
}

std::string trim_left(const std::string& s) {
    const std::size_t p = s.find_first_not_of(" \t");
    return p == std::string::npos ? std::string() : s.substr(p);
}

bool is_key_line(const std::string& trimmed) {
    const std::size_t colon = trimmed.find(':');
    if (colon == std::string::npos || colon == 0 || colon > 40) {
        return false;
    }
    for (std::size_t i = 0; i < colon; ++i) {
        const char c = trimmed[i];
        if (!((c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || c == ' ' || c == '-')) {
            return false;
        }
    }
    return trimmed[0] >= 'A' && trimmed[0] <= 'Z' && (colon + 1 == trimmed.size() || trimmed[colon + 1] == ' ' ||
                                                      trimmed[colon + 1] == '\t');
}

// `Key:      value` -> `Key: value`, indentation kept.
std::string single_space_key(const std::string& line) {
    const std::string body = trim_left(line);
    if (!is_key_line(body)) {
        return line;
    }
    const std::size_t colon = body.find(':');
    const std::size_t value = body.find_first_not_of(" \t", colon + 1);
    const std::string indent = line.substr(0, line.size() - body.size());
    return value == std::string::npos ? indent + body.substr(0, colon + 1)
                                      : indent + body.substr(0, colon + 1) + " " + body.substr(value);
}

// Every newline and run of blanks becomes one space.
std::string collapse(const std::string& text) {
    std::string out;
    bool blank = false;
    for (char c : text) {
        if (c == '\n' || c == ' ' || c == '\t' || c == '\r') {
            blank = !out.empty();
            continue;
        }
        if (blank) {
            out += ' ';
            blank = false;
        }
        out += c;
    }
    return out + "\n";
}

// Some line breaks lost: a key-value line takes the next line (a field at an indentation of two or
// more) glued on with that line's own indentation; every third chance.
std::string glue_keys(const std::string& text, std::size_t seed) {
    std::vector<std::string> lines = split_lines(text);
    std::vector<std::string> out;
    std::size_t chance = seed;
    for (std::size_t i = 0; i < lines.size(); ++i) {
        const std::string body = trim_left(lines[i]);
        if (i + 1 < lines.size() && is_key_line(body) && body.back() != ':') {
            const std::string next = trim_left(lines[i + 1]);
            const std::size_t next_indent = lines[i + 1].size() - next.size();
            const bool known = next.starts_with("Last State:") || next.starts_with("Started:") ||
                               next.starts_with("Finished:") || next.starts_with("Image ID:") ||
                               next.starts_with("Restart Count:") || next.starts_with("Ready:");
            if (known && next_indent >= 2 && ++chance % 3 == 0) {
                out.push_back(lines[i] + lines[i + 1]);
                ++i;
                continue;
            }
        }
        out.push_back(lines[i]);
    }
    return join(out);
}

std::vector<Damage> damages() {
    return {
        {"flattened indentation", messages | whitespace,
         [](const std::string& t, std::size_t) { return each_line(t, trim_left); }},
        {"collapsed onto one line", messages | events | whitespace,
         [](const std::string& t, std::size_t) { return collapse(t); }},
        {"single-space keys", whitespace,
         [](const std::string& t, std::size_t) { return each_line(t, single_space_key); }},
        {"Markdown bullets", messages | events | whitespace,
         [](const std::string& t, std::size_t) {
             return each_line(t, [](const std::string& l) {
                 const std::string b = trim_left(l);
                 return b.empty() ? b : (b.size() % 2 == 0 ? "- " : "* ") + b + (b.size() % 3 == 0 ? "  " : "");
             });
         }},
        {"> quotes", keeps_all, [](const std::string& t, std::size_t) {
             return each_line(t, [](const std::string& l) { return l.empty() ? std::string(">") : "> " + l; });
         }},
        {"bats # prefixes", keeps_all, [](const std::string& t, std::size_t) {
             return "1..2\nok 1 deploys\nnot ok 2 pod becomes ready\n" +
                    each_line(t, [](const std::string& l) { return "# " + l; }) + "ok 3 cleanup\n";
         }},
        {"CI timestamp prefixes", keeps_all, [](const std::string& t, std::size_t) {
             return each_line(t, [](const std::string& l) { return "2024-05-14T07:45:16.1234567Z " + l; });
         }},
        {"CI step prefixes", keeps_all, [](const std::string& t, std::size_t) {
             return each_line(t, [](const std::string& l) { return "[describe-pods] " + l; });
         }},
        {"CRLF", keeps_all, [](const std::string& t, std::size_t) { return join(split_lines(t), "\r\n"); }},
        {"fence glued to the first and last lines", keeps_all, [](const std::string& t, std::size_t) {
             std::string out = "Here is the describe:\n\n```" + t;
             while (!out.empty() && out.back() == '\n') {
                 out.pop_back();
             }
             return out + "```\n\nAny idea?\n";
         }},
        {"glued keys", keeps_all, [](const std::string& t, std::size_t seed) { return glue_keys(t, seed); }},
        {"shortened container blocks", container_ids, [](const std::string& t, std::size_t) {
             std::vector<std::string> kept;
             for (const std::string& l : split_lines(t)) {
                 const std::string b = trim_left(l);
                 if (!b.starts_with("Container ID:") && !b.starts_with("Image ID:") && !b.starts_with("Ready:") &&
                     !b.starts_with("Host Port:") && !b.starts_with("Port:")) {
                     kept.push_back(l);
                 }
             }
             return join(kept);
         }},
        {"truncated at a line", tail, [](const std::string& t, std::size_t seed) {
             std::vector<std::string> lines = split_lines(t);
             const std::size_t cut = lines.size() / 3 + seed % std::max<std::size_t>(1, lines.size() / 2);
             lines.resize(std::min(lines.size(), cut));
             return join(lines);
         }},
    };
}

std::string collapse_blanks(std::string_view text) {
    std::string out;
    bool blank = false;
    for (char c : text) {
        if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
            blank = !out.empty();
            continue;
        }
        if (blank) {
            out += ' ';
            blank = false;
        }
        out += c;
    }
    return out;
}

std::string opt(const OptText& t) {
    return t ? std::string(*t) : "-";
}

std::string opt(const OptInt& v) {
    return v ? std::to_string(*v) : "-";
}

std::string opt(const OptTime& t) {
    return t ? format_rfc3339(*t) + "/" + std::to_string(t->seconds) : "-";
}

// The records read from `text`, one "where: field=value" line each, leaving out what `destroys`
// names; with `before_line`, only containers whose whole block ended before that line.
// The last line a container's record cites.
std::uint32_t block_end_of(const Container& k) {
    std::uint32_t block_end = k.at.line;
    for (const Termination& t : k.terminations) {
        for (const Quote& q : t.cites) {
            block_end = std::max(block_end, q.at.line);
        }
    }
    if (k.restart_cite) {
        block_end = std::max(block_end, k.restart_cite->at.line);
    }
    return block_end;
}

// A cut text: which containers are whole is judged on the clean text (`whole`), since a cut one
// loses the very lines that would show where its block ends.
std::vector<std::string> fingerprint(const std::string& text, unsigned destroys, std::size_t before_line = 0,
                                     std::set<std::string>* whole = nullptr, bool judge = false) {
    Analysis a;
    auto source = std::make_unique<SourceText>();
    load_source_text(*source, "damaged.txt", text, a.incident.diagnostics);
    read_source(builtin_grammar(), std::move(source), a);
    std::vector<std::string> out;
    auto message = [&](const OptText& m) {
        if (destroys & messages) {
            return std::string("(destroyed)");
        }
        return (destroys & whitespace) && m ? collapse_blanks(*m) : opt(m);
    };
    for (std::size_t p = 0; p < a.incident.pods.size(); ++p) {
        const Pod& pod = a.incident.pods[p];
        const std::string where = "pod " + opt(pod.namespace_) + "/" + opt(pod.name);
        if (before_line == 0 || pod.at.line < before_line) {
            out.push_back(where + ": node=" + opt(pod.node) + " status=" + opt(pod.status));
        }
        for (std::size_t c = 0; c < pod.containers.size(); ++c) {
            const Container& k = pod.containers[c];
            const std::uint32_t block_end = block_end_of(k);
            const std::string in = where + " container " + opt(k.name) + ": ";
            // A container is whole only if its block ended well before the cut.
            if (before_line != 0) {
                if (judge && block_end + 8 < before_line) {
                    whole->insert(in);
                }
                if (whole == nullptr || whole->count(in) == 0) {
                    continue;
                }
            }
            out.push_back(in + "type=" + std::string(container_type_name(k.type)) + " image=" + opt(k.image) +
                          " restarts=" + opt(k.restart_count));
            if (!(destroys & container_ids)) {
                out.push_back(in + "id=" + opt(k.container_id) + " ready=" + (k.ready ? (*k.ready ? "true" : "false") : "-"));
            }
            out.push_back(in + "state=" + std::string(state_status_name(k.state.status)) + " reason=" + opt(k.state.reason) +
                          " message=" + message(k.state.message) + " started=" + opt(k.state.started));
            for (std::size_t t = 0; t < k.terminations.size(); ++t) {
                const Termination& r = k.terminations[t];
                out.push_back(in + "termination " + std::to_string(t) + ": reason=" + opt(r.reason) +
                              " exit=" + opt(r.exit_code) + " signal=" + opt(r.signal) + " started=" + opt(r.started) +
                              " finished=" + opt(r.finished) + " message=" + message(r.message));
            }
            out.push_back(in + "last=" + std::to_string(k.last_termination) +
                          " current=" + std::to_string(k.state.termination));
        }
        if (!(destroys & (events | tail))) {
            for (const Event& e : pod.events) {
                out.push_back(where + " event: " + opt(e.type) + " " + opt(e.reason) + " count=" + opt(e.count) +
                              " message=" + ((destroys & whitespace) ? collapse_blanks(e.message) : std::string(e.message)));
            }
        }
    }
    return out;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

struct Clean {
    std::string name;
    std::string text;  // decoded to UTF-8
};

// Every sample file that is one clean describe (it opens with `Name:` and `Namespace:`), decoded,
// and the describe texts of the unit tests.
std::vector<Clean> clean_describes() {
    std::vector<Clean> out;
    std::vector<fs::path> files;
    for (const auto& e : fs::recursive_directory_iterator(fs::path(PM_SOURCE_DIR) / "samples")) {
        if (e.is_regular_file()) {
            files.push_back(e.path());
        }
    }
    std::sort(files.begin(), files.end());
    for (const fs::path& f : files) {
        SourceText decoded;
        std::vector<Diagnostic> ignored;
        load_source_text(decoded, f.string(), slurp(f), ignored);
        if (decoded.lines.size() > 1 && decoded.lines[0].starts_with("Name:") &&
            decoded.lines[1].starts_with("Namespace:")) {
            out.push_back({f.parent_path().filename().string() + "/" + f.filename().string(), std::string(decoded.text)});
        }
    }
    out.push_back({"tests: current kubectl, OOM", std::string(test::k_current_oom)});
    out.push_back({"tests: kubectl 1.7", std::string(test::k_kubectl_17)});
    out.push_back({"tests: init, app and ephemeral containers", std::string(test::k_init_app_ephemeral)});
    return out;
}

}  // namespace

TEST_SUITE("paste_damage") {

TEST_CASE("every damage class reads back to the clean records, on every clean describe") {
    const std::vector<Clean> cleans = clean_describes();
    REQUIRE(cleans.size() >= 10);
    std::size_t compared = 0;
    for (const Clean& clean : cleans) {
        for (const Damage& damage : damages()) {
            CAPTURE(clean.name);
            CAPTURE(std::string(damage.name));
            const std::size_t seed = std::hash<std::string>{}(clean.name);
            const std::string damaged = damage.apply(clean.text, seed);
            std::size_t cut = 0;
            if (damage.destroys & tail) {
                cut = static_cast<std::size_t>(std::count(damaged.begin(), damaged.end(), '\n'));
            }
            std::set<std::string> whole;
            const std::vector<std::string> want = fingerprint(clean.text, damage.destroys, cut, &whole, true);
            const std::vector<std::string> got = fingerprint(damaged, damage.destroys, cut, &whole);
            REQUIRE(!want.empty());
            // The first difference, for a readable failure.
            std::string first;
            for (std::size_t i = 0; i < std::max(want.size(), got.size()) && first.empty(); ++i) {
                const std::string w = i < want.size() ? want[i] : "(nothing)";
                const std::string g = i < got.size() ? got[i] : "(nothing)";
                if (w != g) {
                    first = "want: " + w + "\n  got:  " + g;
                }
            }
            INFO(first);
            CHECK(got == want);
            ++compared;
        }
    }
    CHECK(compared == cleans.size() * damages().size());
}

}  // TEST_SUITE
