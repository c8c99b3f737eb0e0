#include "grammar/rules_file.hpp"

namespace pm {

namespace {

std::string_view trim(std::string_view s) {
    while (!s.empty() && (s.front() == ' ' || s.front() == '\t' || s.front() == '\r')) {
        s.remove_prefix(1);
    }
    while (!s.empty() && (s.back() == ' ' || s.back() == '\t' || s.back() == '\r')) {
        s.remove_suffix(1);
    }
    return s;
}

bool is_key_char(char c) {
    return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

}  // namespace

std::string RuleBlock::where() const {
    return file + ":" + std::to_string(line);
}

std::string RuleBlock::where(const RuleEntry& entry) const {
    return file + ":" + std::to_string(entry.line);
}

std::vector<RuleBlock> parse_rules_file(const std::string& file, std::string_view text,
                                        std::vector<GrammarProblem>& problems) {
    std::vector<RuleBlock> blocks;
    int line_no = 0;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t end = text.find('\n', pos);
        if (end == std::string_view::npos) {
            end = text.size();
        }
        std::string_view line = text.substr(pos, end - pos);
        pos = end + 1;
        ++line_no;
        std::string_view body = trim(line);
        if (body.empty() || body.front() == '#') {
            continue;
        }
        // "FILE:LINE", made only for a problem: every run parses the built-in rules.
        const auto here = [&] { return file + ":" + std::to_string(line_no); };
        bool indented = line.front() == ' ' || line.front() == '\t';
        if (!indented) {
            size_t space = body.find_first_of(" \t");
            if (space == std::string_view::npos) {
                problems.push_back({here(), "a rule starts with `TYPE ID` (e.g. `runtime subpath-enoent`); found only `" +
                                              std::string(body) + "`"});
                continue;
            }
            RuleBlock block;
            block.file = file;
            block.line = line_no;
            block.type = std::string(body.substr(0, space));
            block.id = std::string(trim(body.substr(space + 1)));
            blocks.push_back(std::move(block));
            continue;
        }
        if (blocks.empty()) {
            problems.push_back({here(), "`key = value` line outside any rule; start a rule with `TYPE ID` at column 0"});
            continue;
        }
        size_t eq = body.find('=');
        if (eq == std::string_view::npos) {
            problems.push_back({here(), "expected `key = value`, found `" + std::string(body) + "`"});
            continue;
        }
        std::string_view key = trim(body.substr(0, eq));
        bool key_ok = !key.empty();
        for (char c : key) {
            key_ok = key_ok && is_key_char(c);
        }
        if (!key_ok) {
            problems.push_back({here(), "invalid key `" + std::string(key) +
                                          "`: keys are lower-case words such as `pattern` or `example`"});
            continue;
        }
        blocks.back().entries.push_back({std::string(key), std::string(trim(body.substr(eq + 1))), line_no});
    }
    return blocks;
}

}  // namespace pm
