// Golden reports: each samples/<case>/ analysed whole must give tests/golden/<case>.{md,json} byte for byte.
// PODMORTEM_UPDATE_GOLDEN=1 rewrites them instead (then review the diff before committing).
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <sstream>

#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"
#include "report/timeline.hpp"

using namespace pm;
namespace fs = std::filesystem;

namespace {

std::string slurp(const fs::path& path) {
    std::ifstream in(path, std::ios::binary);
    std::ostringstream s;
    s << in.rdbuf();
    return s.str();
}

// The first line where two texts differ, for a readable failure.
std::string first_difference(const std::string& got, const std::string& want) {
    std::istringstream a(got);
    std::istringstream b(want);
    std::string la;
    std::string lb;
    for (int line = 1;; ++line) {
        bool more_a = static_cast<bool>(std::getline(a, la));
        bool more_b = static_cast<bool>(std::getline(b, lb));
        if (!more_a && !more_b) {
            return "";
        }
        if (la != lb || more_a != more_b) {
            return "line " + std::to_string(line) + "\n  got:  " + (more_a ? la : "<end>") +
                   "\n  want: " + (more_b ? lb : "<end>");
        }
    }
}

// A pretty JSON document with the layout between tokens removed (spaces and newlines outside
// strings), keeping the final newline.
std::string without_layout(const std::string& json) {
    std::string out;
    bool in_string = false;
    bool escaped = false;
    for (char c : json) {
        if (in_string) {
            in_string = escaped || c != '"';
            escaped = !escaped && c == '\\';
        } else if (c == '"') {
            in_string = true;
        } else if (c == ' ' || c == '\n') {
            continue;
        }
        out.push_back(c);
    }
    return out + "\n";
}

// Runs from the source root so reports cite samples/<case>/FILE as a user would see it.
struct InSourceDir {
    fs::path saved = fs::current_path();
    InSourceDir() { fs::current_path(PM_SOURCE_DIR); }
    ~InSourceDir() { fs::current_path(saved); }
};

}  // namespace

TEST_SUITE("golden") {

TEST_CASE("every sample matches its golden Markdown and JSON reports") {
    InSourceDir here;
    std::vector<std::string> cases;
    for (const auto& entry : fs::directory_iterator("samples")) {
        if (entry.is_directory()) {
            cases.push_back(entry.path().filename().string());
        }
    }
    std::sort(cases.begin(), cases.end());
    REQUIRE(cases.size() >= 8);
    bool update = std::getenv("PODMORTEM_UPDATE_GOLDEN") != nullptr;
    for (const auto& name : cases) {
        CAPTURE(name);
        Analysis result = analyse_paths(builtin_grammar(), {"samples/" + name});
        CHECK(result.files_recognised > 0);
        // Golden JSON is pretty-printed, so a change reads as a diff; the compact default must be
        // the same document with the whitespace between tokens taken out.
        RenderOptions opts = render_options(builtin_grammar(), true);
        opts.pretty_json = true;
        RenderOptions compact = opts;
        compact.pretty_json = false;
        const std::string compact_json = render_json(result.incident, result.diagnoses, compact);
        CHECK(compact_json == without_layout(render_json(result.incident, result.diagnoses, opts)));
        CHECK(std::count(compact_json.begin(), compact_json.end(), '\n') == 1);
        const std::pair<std::string, std::string> outputs[] = {
            {".md", render_markdown(result.incident, result.diagnoses, opts)},
            {".json", render_json(result.incident, result.diagnoses, opts)},
        };
        for (const auto& output : outputs) {
            const std::string& ext = output.first;  // not a structured binding: INFO captures it
            const std::string& text = output.second;
            fs::path golden = fs::path("tests/golden") / (name + ext);
            if (update) {
                std::ofstream(golden, std::ios::binary) << text;
                continue;
            }
            REQUIRE_MESSAGE(fs::exists(golden), "missing " << golden << "; run with PODMORTEM_UPDATE_GOLDEN=1");
            std::string want = slurp(golden);
            INFO(golden.string() << " differs at " << first_difference(text, want));
            CHECK(text == want);
        }
    }
}

TEST_CASE("reports are deterministic: the same inputs give the same bytes") {
    InSourceDir here;
    auto a = analyse_paths(builtin_grammar(), {"samples"});
    auto b = analyse_paths(builtin_grammar(), {"samples"});
    RenderOptions opts = render_options(builtin_grammar(), true);
    CHECK(render_markdown(a.incident, a.diagnoses, opts) == render_markdown(b.incident, b.diagnoses, opts));
    CHECK(render_json(a.incident, a.diagnoses, opts) == render_json(b.incident, b.diagnoses, opts));
}

TEST_CASE("the timeline says a container runs again only after it ended, in every sample") {
    InSourceDir here;
    const Analysis all = analyse_paths(builtin_grammar(), {"samples"});
    std::size_t seen = 0;
    for (std::size_t p = 0; p < all.incident.pods.size(); ++p) {
        const Pod& pod = all.incident.pods[p];
        for (const TimelineEntry& e : pod_timeline(all.incident, p)) {
            if (e.kind != TimelineKind::running && e.kind != TimelineKind::running_again) {
                continue;
            }
            const Container& c = pod.containers.at(e.container);
            CAPTURE(std::string(pod.name.value_or("?")));
            CAPTURE(std::string(c.name.value_or("?")));
            const bool ended_before = !c.terminations.empty() || c.restart_count.value_or(0) > 0;
            CHECK((e.kind == TimelineKind::running_again) == ended_before);
            ++seen;
        }
    }
    CHECK(seen >= 5);  // the samples hold both: restarted containers and ones that never stopped
}

}  // TEST_SUITE
