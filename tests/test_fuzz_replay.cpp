// Every fuzz target's seed corpus and every crash reproducer it ever found run through the target's
// body here, under whatever compiler and sanitizers build the tests: a bug the fuzzer found once
// stays fixed (fuzz/README.md says how a reproducer joins tests/data/fuzz-regressions/).
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "entries.hpp"
#include "report_checks.hpp"

namespace fs = std::filesystem;

namespace {

using Entry = void (*)(std::string_view);

std::vector<fs::path> files_in(const fs::path& dir) {
    std::vector<fs::path> out;
    if (fs::is_directory(dir)) {
        for (const auto& e : fs::directory_iterator(dir)) {
            if (e.is_regular_file()) {
                out.push_back(e.path());
            }
        }
    }
    std::sort(out.begin(), out.end());
    return out;
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// Runs `entry` over fuzz/corpus/NAME and tests/data/fuzz-regressions/NAME; returns how many ran.
std::size_t replay(const char* name, Entry entry) {
    const fs::path root = PM_SOURCE_DIR;
    std::size_t ran = 0;
    for (const fs::path& dir : {root / "fuzz/corpus" / name, root / "tests/data/fuzz-regressions" / name}) {
        for (const fs::path& file : files_in(dir)) {
            INFO(file.string());
            entry(slurp(file));
            ++ran;
        }
    }
    return ran;
}

}  // namespace

TEST_SUITE("fuzz_replay") {

TEST_CASE("every fuzz target's corpus and reproducers run clean") {
    const struct {
        const char* name;
        Entry entry;
        std::size_t at_least;  // the seed corpus fuzz/make_corpus.py writes
    } targets[] = {
        {"readers", pm::fuzz::readers, 20}, {"decode", pm::fuzz::decode, 10}, {"unwrap", pm::fuzz::unwrap, 20},
        {"grammar", pm::fuzz::grammar, 5},  {"report", pm::fuzz::report, 5},
    };
    for (const auto& t : targets) {
        CAPTURE(std::string(t.name));
        CHECK(replay(t.name, t.entry) >= t.at_least);
    }
}

TEST_CASE("the Markdown checks see what untrusted text could do") {
    if (!pm::fuzz::have_markdown_parser()) {
        MESSAGE("built without cmark-gfm: the fuzz targets check no Markdown structure");
        return;
    }
    using pm::fuzz::markdown_has_live_nodes;
    using pm::fuzz::markdown_shape;
    CHECK(markdown_shape("# T\n\ntext `code` here\n") == markdown_shape("# T\n\nxxxx `xxxx` xxxx\n"));
    CHECK(markdown_shape("# T\n\na\n# b\n") != markdown_shape("# T\n\na\nx b\n"));
    CHECK(markdown_shape("| a | b |\n|---|---|\n| 1\\|2 |\n") != markdown_shape("| a | b |\n|---|---|\n| 1|2 |\n"));
    CHECK(markdown_shape("- a *b*\n") != markdown_shape("- a xbx\n"));
    CHECK(markdown_has_live_nodes("a <b>bold</b>\n"));
    CHECK(markdown_has_live_nodes("see [x](http://e.example)\n"));
    CHECK(markdown_has_live_nodes("see www.example.com today\n"));
    CHECK_FALSE(markdown_has_live_nodes("a \\<b\\> `<b>` www\n"));
    CHECK_FALSE(markdown_has_live_nodes("<details>\n<summary>14 lines</summary>\n\n```\nx\n```\n\n</details>\n"));
    CHECK(markdown_has_live_nodes("<details>\n<summary><b>x</b></summary>\n\n</details>\n"));
}

}  // TEST_SUITE
