// Benchmark: the whole pipeline on generated describe files of growing size. Prints figures; asserts nothing.
// Each stage is quoted as ns/byte and as a ratio to a baseline measured in the same run (counting the
// lines of the same bytes with memchr), and each size against the smallest (linear time keeps it near 1).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "analyzer.hpp"
#include "grammar/grammar_loader.hpp"
#include "input/source_file.hpp"
#include "parse/describe_parser.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"

namespace {

const char* k_pod =
    "Name:             api-7d9f8b6c5d-%06d\n"
    "Namespace:        prod\n"
    "Node:             worker-3/10.0.1.23\n"
    "Start Time:       Tue, 27 Aug 2019 10:40:12 +0200\n"
    "Status:           Running\n"
    "Containers:\n"
    "  api:\n"
    "    Container ID:   containerd://4f1c0e9a7b2d5e6f8a9b0c1d2e3f4a5b6c7d8e9f0a1b2c3d4e5f6a7b8c9d0e1f\n"
    "    Image:          registry.example/api:1.4.2\n"
    "    State:          Running\n"
    "      Started:      Tue, 27 Aug 2019 10:58:31 +0200\n"
    "    Last State:     Terminated\n"
    "      Reason:       OOMKilled\n"
    "      Exit Code:    137\n"
    "      Started:      Tue, 27 Aug 2019 10:51:02 +0200\n"
    "      Finished:     Tue, 27 Aug 2019 10:58:27 +0200\n"
    "    Ready:          True\n"
    "    Restart Count:  3\n"
    "    Limits:\n"
    "      memory:  256Mi\n"
    "    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3\n"
    "    Environment:  <none>\n"
    "QoS Class:                   Burstable\n"
    "Events:\n"
    "  Type     Reason     Age                  From               Message\n"
    "  ----     ------     ----                 ----               -------\n"
    "  Normal   Scheduled  12m                  default-scheduler  Successfully assigned prod/api to worker-3\n"
    "  Warning  BackOff    61s (x9 over 7m40s)  kubelet            Back-off restarting failed container api in pod api\n"
    "\n\n";

template <typename F>
double seconds_of(F&& f) {
    auto start = std::chrono::steady_clock::now();
    f();
    return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

}  // namespace

int main() {
    const pm::Grammar& g = pm::builtin_grammar();
    std::printf("%8s %9s | %-14s %9s %8s | %-14s %9s %8s | %-14s %9s %8s\n", "pods", "MB", "decode", "ns/B",
                "x base", "parse", "ns/B", "x base", "analyse+json", "ns/B", "x base");
    double first_total = 0;
    for (int pods : {1000, 5000, 20000}) {
        std::string text;
        std::vector<char> pod(std::strlen(k_pod) + 16);
        for (int i = 0; i < pods; ++i) {
            // Distinct names: captures of one pod would be merged into one record.
            int n = std::snprintf(pod.data(), pod.size(), k_pod, i);
            text.append(pod.data(), static_cast<size_t>(n));
        }
        double bytes = static_cast<double>(text.size());
        size_t lines = 0;
        double base = seconds_of([&] {
            for (const char* p = text.data(); (p = static_cast<const char*>(std::memchr(p, '\n', text.data() + text.size() - p)));
                 ++p) {
                ++lines;
            }
        });
        std::vector<pm::Warning> warnings;
        auto file = std::make_unique<pm::SourceFile>();
        double decode = seconds_of([&] { pm::load_source_text(*file, "bench.txt", text, warnings); });
        std::vector<pm::Pod> parsed;
        double parse = seconds_of([&] { parsed = pm::parse_describe(*file, warnings); });
        std::string json;
        double total = seconds_of([&] {
            pm::Report report;
            pm::read_input(g, *file, report);
            pm::finish_report(g, report);
            json = pm::render_json(report, pm::RenderOptions{});
        });
        if (first_total == 0) {
            first_total = total / bytes;
        }
        auto ns = [&](double s) { return s * 1e9 / bytes; };
        std::printf("%8d %9.1f | %-14s %9.2f %8.1f | %-14s %9.2f %8.1f | %-14s %9.2f %8.1f   (%zu lines, %zu pods, "
                    "scaling x%.2f)\n",
                    pods, bytes / 1e6, "", ns(decode), decode / base, "", ns(parse), parse / base, "", ns(total),
                    total / base, lines, parsed.size(), (total / bytes) / first_total);
    }
    return 0;
}
