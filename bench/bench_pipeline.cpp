// Benchmark: the whole pipeline on generated describe files of growing size. Prints figures; asserts nothing.
// Each stage is quoted as ns/byte and as a ratio to a baseline measured in the same run (counting the
// lines of the same bytes with memchr), and each size against the smallest (linear time keeps it near 1).
#include <chrono>
#include <cstdio>
#include <cstring>
#include <memory>
#include <string>
#include <vector>

#include "correlate/correlate.hpp"
#include "diagnose/diagnose.hpp"
#include "grammar/grammar_loader.hpp"
#include "input/source_text.hpp"
#include "pipeline/analyzer.hpp"
#include "regions/splitter.hpp"
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

// A sink that only counts, so rendering is timed without the cost of keeping the text.
class CountingSink : public pm::OutputSink {
public:
    void write(std::string_view data) override { m_bytes += data.size(); }
    bool ok() const override { return true; }
    std::size_t bytes() const { return m_bytes; }

private:
    std::size_t m_bytes = 0;
};

std::string read_file(const char* path) {
    std::FILE* f = std::fopen(path, "rb");
    std::string out;
    if (f == nullptr) {
        return out;
    }
    char buffer[1 << 16];
    std::size_t n = 0;
    while ((n = std::fread(buffer, 1, sizeof buffer, f)) > 0) {
        out.append(buffer, n);
    }
    std::fclose(f);
    return out;
}

// bench_pipeline [FILE]: the generated describes of growing size, or FILE alone.
int main(int argc, char** argv) {
    const pm::Grammar& g = pm::builtin_grammar();
    const std::string given = argc > 1 ? read_file(argv[1]) : std::string();
    std::printf("Each stage in ns per input byte, and as a multiple of counting the lines with memchr (same run).\n");
    std::printf("%7s %7s | %13s | %13s | %13s | %13s | %13s | %13s | %9s\n", "pods", "MB", "decode", "regions",
                "read", "correlate", "diagnose", "json", "total x1st");
    double first_total = 0;
    for (int pods : {1000, 5000, 20000}) {
        std::string text = given;
        std::vector<char> pod(std::strlen(k_pod) + 16);
        for (int i = 0; given.empty() && i < pods; ++i) {
            // Distinct names: captures of one pod would be merged into one record.
            int n = std::snprintf(pod.data(), pod.size(), k_pod, i);
            text.append(pod.data(), static_cast<size_t>(n));
        }
        const double bytes = static_cast<double>(text.size());
        size_t lines = 0;
        const double base = seconds_of([&] {
            const char* end = text.data() + text.size();
            for (const char* p = text.data(); p < end; ++p) {
                p = static_cast<const char*>(std::memchr(p, '\n', static_cast<size_t>(end - p)));
                if (p == nullptr) {
                    break;
                }
                ++lines;
            }
        });
        pm::Analysis analysis;
        auto file = std::make_unique<pm::SourceText>();
        const double decode = seconds_of([&] { pm::load_source_text(*file, "bench.txt", text, analysis.incident.diagnostics); });
        const double regions = seconds_of([&] {
            pm::split_regions(file->lines, file->path, pm::ReaderRegistry::builtin().profiles());
        });
        const double read = seconds_of([&] { pm::read_source(g, std::move(file), analysis); }) - regions;
        const double correlate = seconds_of([&] { pm::correlate(g, analysis.incident); });
        const double diagnose = seconds_of([&] { analysis.diagnoses = pm::diagnose(g, analysis.incident); });
        CountingSink sink;
        const double json = seconds_of([&] {
            pm::render_json(analysis.incident, analysis.diagnoses, pm::render_options(g, true), sink);
        });
        CountingSink md_sink;
        const double markdown = seconds_of([&] {
            pm::render_markdown(analysis.incident, analysis.diagnoses, pm::render_options(g, true), md_sink);
        });
        const double total = decode + regions + read + correlate + diagnose + json;
        if (first_total == 0) {
            first_total = total / bytes;
        }
        auto cell = [&](double s) {
            static char buffer[8][32];
            static int next = 0;
            char* out = buffer[next++ % 8];
            std::snprintf(out, 32, "%5.2f (x%5.1f)", s * 1e9 / bytes, s / base);
            return out;
        };
        std::printf("%7d %7.1f | %13s | %13s | %13s | %13s | %13s | %13s | %9.2f   (%zu lines, %zu pods, %.1f MB JSON)\n",
                    pods, bytes / 1e6, cell(decode), cell(regions), cell(read), cell(correlate), cell(diagnose),
                    cell(json), (total / bytes) / first_total, lines, analysis.incident.pods.size(),
                    static_cast<double>(sink.bytes()) / 1e6);
        // The writers per byte they write (the Markdown target is 5 ns per output byte).
        std::printf("%15s   writers: JSON %.2f ns per output byte, Markdown %.2f ns per output byte (%.1f MB)\n", "",
                    json * 1e9 / static_cast<double>(sink.bytes()), markdown * 1e9 / static_cast<double>(md_sink.bytes()),
                    static_cast<double>(md_sink.bytes()) / 1e6);
        if (!given.empty()) {
            break;
        }
    }
    return 0;
}
