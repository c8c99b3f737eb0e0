// The number of threads never changes a report: every sample, and a describe long enough to be
// parsed in chunks, give the same bytes with one thread and with several.
#include <doctest/doctest.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

#include <unistd.h>

#include "base/parallel.hpp"
#include "grammar/grammar_loader.hpp"
#include "input/path_walk.hpp"
#include "pipeline/analyzer.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"

using namespace pm;
namespace fs = std::filesystem;

namespace {

struct Reports {
    std::string json;
    std::string markdown;
};

Reports reports_with(const std::vector<std::string>& paths, unsigned jobs) {
    std::vector<Diagnostic> walk;
    const std::vector<InputSource> inputs = expand_paths(paths, walk);
    Analysis a = analyse_inputs(builtin_grammar(), inputs, std::move(walk), ReaderRegistry::builtin(), jobs);
    RenderOptions opts = render_options(builtin_grammar(), true);
    opts.jobs = jobs;
    return {render_json(a.incident, a.diagnoses, opts), render_markdown(a.incident, a.diagnoses, opts)};
}

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// A temporary file removed when the test ends.
struct TempFile {
    fs::path path;
    explicit TempFile(const std::string& name, const std::string& text)
        : path(fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()))) {
        std::ofstream(path, std::ios::binary) << text;
    }
    ~TempFile() { fs::remove(path); }
};

}  // namespace

TEST_SUITE("parallel") {

TEST_CASE("pm::ordered_pipeline takes every text once, in index order, whatever the threads") {
    for (const unsigned jobs : {1u, 2u, 4u}) {
        for (const std::size_t n : {std::size_t{0}, std::size_t{1}, std::size_t{7}, std::size_t{300}}) {
            std::vector<std::string> taken;
            ordered_pipeline(
                n, jobs, 3, [](std::size_t i) { return std::to_string(i * i); },
                [&](std::size_t i, std::string&& text) {
                    CHECK(i == taken.size());
                    taken.push_back(std::move(text));
                });
            INFO("jobs " << jobs << ", n " << n);
            REQUIRE(taken.size() == n);
            for (std::size_t i = 0; i < n; ++i) {
                CHECK(taken[i] == std::to_string(i * i));
            }
        }
    }
}

TEST_CASE("pm::ordered_pipeline rethrows a failure of either side after its threads stopped") {
    for (const unsigned jobs : {1u, 2u, 4u}) {
        INFO("jobs " << jobs);
        CHECK_THROWS_AS(ordered_pipeline(
                            100, jobs, 2,
                            [](std::size_t i) {
                                if (i == 37) {
                                    throw std::runtime_error("make failed");
                                }
                                return std::string("x");
                            },
                            [](std::size_t, std::string&&) {}),
                        std::runtime_error);
        std::size_t seen = 0;
        CHECK_THROWS_AS(ordered_pipeline(
                            100, jobs, 2, [](std::size_t) { return std::string("x"); },
                            [&](std::size_t i, std::string&&) {
                                ++seen;
                                if (i == 5) {
                                    throw std::runtime_error("take failed");
                                }
                            }),
                        std::runtime_error);
        CHECK(seen == 6);
    }
}

TEST_CASE("every sample gives the same reports with 1 and 4 threads") {
    std::vector<fs::path> cases;
    for (const auto& entry : fs::directory_iterator(fs::path(PM_SOURCE_DIR) / "samples")) {
        if (entry.is_directory()) {
            cases.push_back(entry.path());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(!cases.empty());
    for (const auto& dir : cases) {
        CAPTURE(dir.filename().string());
        const Reports one = reports_with({dir.string()}, 1);
        const Reports four = reports_with({dir.string()}, 4);
        CHECK(one.json == four.json);
        CHECK(one.markdown == four.markdown);
    }
}

TEST_CASE("a describe of many pods parsed in chunks gives the one-thread report") {
    // Over 16384 lines, so the parallel parser cuts it at record starts; pods of every sample kind.
    const std::string oom = slurp(fs::path(PM_SOURCE_DIR) / "samples/oom-killed/describe.txt");
    const std::string multi = slurp(fs::path(PM_SOURCE_DIR) / "samples/multi-pod/describe-pods-app-worker.txt");
    REQUIRE(!oom.empty());
    REQUIRE(!multi.empty());
    std::string text;
    for (int i = 0; text.size() < (2u << 20); ++i) {
        std::string pod = (i % 2 == 0 ? oom : multi);
        // Distinct names, so captures are not merged into one pod.
        for (std::size_t at = pod.find("Name:"); at != std::string::npos; at = pod.find("Name:", at + 1)) {
            const std::size_t eol = pod.find('\n', at);
            pod.insert(eol, "-" + std::to_string(i));
            at = eol;
        }
        text += pod;
        text += "\n";
    }
    TempFile file("podmortem-parallel-describe.txt", text);
    const Reports one = reports_with({file.path.string()}, 1);
    const Reports three = reports_with({file.path.string()}, 3);
    CHECK(one.json.size() > text.size());
    CHECK(one.json == three.json);
    CHECK(one.markdown == three.markdown);
}

}  // TEST_SUITE
