// Growth benchmark: every hostile input shape at N, 2N, 4N and 8N, through the whole pipeline (decode,
// regions, readers, correlation, diagnosis, both reports). Prints each size's time and the growth per
// doubling of the input's bytes (time ratio over byte ratio, times 2; a shape whose bytes grow faster
// than N, as deep indentation does, is judged per byte too): linear work stays near 2, and the
// figure to watch is the largest (bar: 2.2). Asserts nothing: timings are figures, not tests.
// usage: bench_growth [SHAPE...]
#include <dirent.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstring>
#include <filesystem>
#include <fstream>
#include <functional>
#include <memory>
#include <random>
#include <string>
#include <vector>

#include "grammar/grammar_loader.hpp"
#include "input/path_walk.hpp"
#include "pipeline/analyzer.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"

namespace {

namespace fs = std::filesystem;

// Counts what a writer produces without keeping it.
class CountingSink : public pm::OutputSink {
public:
    void write(std::string_view data) override { bytes += data.size(); }
    bool ok() const override { return true; }
    std::size_t bytes = 0;
};

double seconds_of(const std::function<void()>& f) {
    double best = 1e300;
    for (int run = 0; run < 3; ++run) {  // the fastest of three: noise only ever adds time
        const auto start = std::chrono::steady_clock::now();
        f();
        best = std::min(best, std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count());
    }
    return best;
}

void analyse_text(const std::string& text) {
    const pm::Grammar& g = pm::builtin_grammar();
    pm::Analysis analysis;
    auto source = std::make_unique<pm::SourceText>();
    pm::load_source_text(*source, "growth.txt", text, analysis.incident.diagnostics);
    pm::read_source(g, std::move(source), analysis);
    pm::finish_analysis(g, analysis);
    const pm::RenderOptions opts = pm::render_options(g, true);
    CountingSink json;
    CountingSink markdown;
    pm::render_json(analysis.incident, analysis.diagnoses, opts, json);
    pm::render_markdown(analysis.incident, analysis.diagnoses, opts, markdown);
}

std::string repeat(std::string_view unit, std::size_t times) {
    std::string out;
    out.reserve(unit.size() * times);
    for (std::size_t i = 0; i < times; ++i) {
        out.append(unit);
    }
    return out;
}

const char* k_describe =
    "Name:         api-0\nNamespace:    prod\nStatus:       Running\nContainers:\n  api:\n"
    "    State:          Waiting\n      Reason:       CrashLoopBackOff\n    Last State:     Terminated\n"
    "      Reason:       Error\n      Exit Code:    1\n    Restart Count:  3\n\n";

// N describes whose container ended Error/137, then N memcg OOM kills, each naming one by its
// container ID; the IDs share their first 12 characters (as zero-padded test IDs do), and so does the pod UID.
std::string pods_and_kills(std::size_t n) {
    std::string pods;
    std::string kills;
    char id[65];
    for (std::size_t i = 0; i < n; ++i) {
        std::snprintf(id, sizeof id, "%064zx", i);
        char finished[16];
        std::snprintf(finished, sizeof finished, "09:%02zu:%02zu", (i / 60) % 60, i % 60);
        pods += "Name:             pod-" + std::to_string(i) +
                "\nNamespace:        prod\nNode:             worker-1/10.0.0.11\nStatus:           Running\n"
                "Containers:\n  app:\n    Container ID:   containerd://" + id +
                "\n    State:          Running\n      Started:      Mon, 03 Jun 2024 09:10:05 +0000\n"
                "    Last State:     Terminated\n      Reason:       Error\n      Exit Code:    137\n"
                "      Started:      Mon, 03 Jun 2024 08:00:06 +0000\n      Finished:     Mon, 03 Jun 2024 " +
                finished + " +0000\n    Restart Count:  1\n\n";
        const std::string at = "[" + std::to_string(1000 + i) + ".000000] ";
        const std::string cgroup = "/kubepods/burstable/pod0b7c5a2e-1d2a-4c7e-9a51-0f3e2d1c9b77/" + std::string(id);
        const std::string pid = std::to_string(100 + i);
        kills += at;
        kills += "oom-kill:constraint=CONSTRAINT_MEMCG,nodemask=(null),cpuset=x,mems_allowed=0,oom_memcg=";
        kills += cgroup;
        kills += ",task_memcg=";
        kills += cgroup;
        kills += ",task=python3,pid=";
        kills += pid;
        kills += ",uid=1000\n";
        kills += at;
        kills += "Memory cgroup out of memory: Killed process ";
        kills += pid;
        kills += " (python3) total-vm:3829364kB, anon-rss:498100kB, file-rss:22592kB, shmem-rss:0kB, UID:1000\n";
    }
    return pods + kills;
}

struct Shape {
    const char* name;
    const char* what;   // at 8N
    std::size_t base;   // N, in the shape's unit
    std::function<std::string(std::size_t)> make;
    bool files = false;  // make() is unused: N files in a folder
};

std::vector<Shape> shapes() {
    return {
        {"long-line", "one 20 MB line", 20'000'000 / 8, [](std::size_t n) { return "Name: " + std::string(n, 'a') + "\n"; }},
        {"backslashes", "8 MB of backslashes in a runtime error", 8'000'000 / 8,
         [](std::size_t n) { return "Error: failed to create containerd task: \"" + std::string(n, '\\') + "\"\n"; }},
        {"nested-quotes", "200,000 nested caused \" quotes", 200'000 / 8,
         [](std::size_t n) {
             return "OCI runtime create failed: " + repeat("caused \\\"", n) + "exec: \"x\"" + repeat("\\\"", n) + "\n";
         }},
        {"repeated-errors", "1,000,000 identical runtime-error log lines", 1'000'000 / 8,
         [](std::size_t n) {
             return repeat("E1201 kubelet.go:1 \"Error syncing pod\" err=\"failed to start container: OCI runtime "
                           "create failed: exec: \\\"/app\\\": permission denied\"\n", n);
         }},
        {"repeated-pods", "100,000 describes of one pod", 100'000 / 8, [](std::size_t n) { return repeat(k_describe, n); }},
        {"indentation", "20,000 indentation levels (200 MB)", 20'000 / 8,
         [](std::size_t n) {
             std::string out = "Name: deep\nContainers:\n";
             for (std::size_t i = 0; i < n; ++i) {
                 out.append(i + 2, ' ');
                 out += "Reason: x\n";
             }
             return out;
         }},
        {"nul-bytes", "8 MB of NULs between describe lines", 8'000'000 / 8,
         [](std::size_t n) { return std::string(k_describe) + std::string(n, '\0') + k_describe; }},
        {"invalid-utf8", "8 MB of bytes that are not UTF-8, in lines", 8'000'000 / 8,
         [](std::size_t n) {
             std::string out;
             std::mt19937 rnd(7);
             for (std::size_t i = 0; i < n; ++i) {
                 out.push_back(i % 80 == 79 ? '\n' : static_cast<char>(0x80 + rnd() % 0x7F));
             }
             return out;
         }},
        {"binary", "8 MB of random bytes", 8'000'000 / 8,
         [](std::size_t n) {
             std::string out(n, '\0');
             std::mt19937 rnd(11);
             for (char& c : out) {
                 c = static_cast<char>(rnd());
             }
             return out;
         }},
        {"pods-oom-kills", "16,000 killed pods and their 16,000 OOM kills", 16'000 / 8,
         [](std::size_t n) { return pods_and_kills(n); }},
        {"many-files", "100,000 files in one folder", 100'000 / 8, nullptr, true},
    };
}

double time_files(std::size_t n) {
    const fs::path dir = fs::temp_directory_path() / ("podmortem-growth-" + std::to_string(::getpid()));
    fs::create_directories(dir);
    for (std::size_t i = 0; i < n; ++i) {
        char name[32];
        std::snprintf(name, sizeof name, "pod-%07zu.txt", i);
        std::ofstream(dir / name) << "Name: api-" << i << "\nNamespace: prod\nStatus: Failed\n";
    }
    const double t = seconds_of([&] {
        std::vector<pm::Diagnostic> walk;
        const auto inputs = pm::expand_paths({dir.string()}, walk);
        const pm::Grammar& g = pm::builtin_grammar();
        pm::Analysis a = pm::analyse_inputs(g, inputs, std::move(walk), pm::ReaderRegistry::builtin(), 1);
        CountingSink json;
        pm::render_json(a.incident, a.diagnoses, pm::render_options(g, true), json);
    });
    fs::remove_all(dir);
    return t;
}

}  // namespace

int main(int argc, char** argv) {
    std::vector<std::string> wanted(argv + 1, argv + argc);
    std::printf("%-16s %-46s %10s %10s %10s %10s  %s\n", "shape", "largest input (8N)", "N", "2N", "4N", "8N",
                "growth per doubling of bytes (max; linear = 2, bar 2.2)");
    double worst = 0;
    for (const Shape& shape : shapes()) {
        if (!wanted.empty() && std::find(wanted.begin(), wanted.end(), shape.name) == wanted.end()) {
            continue;
        }
        double times[4];
        double bytes[4];
        for (int k = 0; k < 4; ++k) {
            const std::size_t n = shape.base << k;
            if (shape.files) {
                times[k] = time_files(n);
                bytes[k] = static_cast<double>(n);  // files of one size: their count is the input's size
            } else {
                const std::string text = shape.make(n);
                bytes[k] = static_cast<double>(text.size());
                times[k] = seconds_of([&] { analyse_text(text); });
            }
        }
        double growth = 0;
        for (int k = 1; k < 4; ++k) {
            growth = std::max(growth, 2 * (times[k] / std::max(times[k - 1], 1e-6)) / (bytes[k] / bytes[k - 1]));
        }
        worst = std::max(worst, growth);
        std::printf("%-16s %-46s %8.1fms %8.1fms %8.1fms %8.1fms  %.2f%s\n", shape.name, shape.what, times[0] * 1e3,
                    times[1] * 1e3, times[2] * 1e3, times[3] * 1e3, growth, growth > 2.2 ? "  OVER" : "");
    }
    std::printf("largest growth per doubling: %.2f\n", worst);
    return 0;
}
