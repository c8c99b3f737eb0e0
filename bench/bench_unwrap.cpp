// Prints unwrap_runtime_error timings for 1-10 MB messages of several shapes, to show linear time.
#include "oci/unwrap.hpp"

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <functional>
#include <string>
#include <vector>

namespace {

constexpr std::size_t k_megabyte = 1 << 20;
constexpr int k_repeats = 3;

std::string repeat_to(std::string_view unit, std::size_t size)
{
    std::string text;
    text.reserve(size + unit.size());
    while (text.size() < size) {
        text += unit;
    }
    return text;
}

// runc 1.1 through containerd, with a huge innermost message full of `: ` split candidates.
std::string flat_chain(std::size_t size)
{
    return "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
           "failed: unable to start container process: exec: \"/bin/app\": stat "
        + repeat_to("/srv/app/data:ro: ", size) + ": no such file or directory: unknown";
}

// runc <= rc90 nesting as deep as the size allows (a depth d costs 2^d backslashes per quote),
// each layer padded with text.
std::string nested_valid(std::size_t size)
{
    int depth = 1;
    while ((std::size_t{1} << (depth + 2)) < size / 4) {
        ++depth;
    }
    const std::size_t padding = size / (2 * static_cast<std::size_t>(depth));
    std::string message = "exec: \"/bin/app\": " + repeat_to("permission denied ", padding);
    for (int i = 0; i < depth; ++i) {
        message = "process_linux.go:449: container init " + repeat_to("x", padding / 4) + " caused "
            + pm::go_quote(message);
    }
    return "OCI runtime create failed: " + message + ": unknown";
}

// Damaged nesting: `caused \"` repeated with one backslash each, the hostile-check shape.
std::string nested_storm(std::size_t size)
{
    return "OCI runtime create failed: " + repeat_to("container init caused \\\"", size) + "x";
}

std::string backslash_storm(std::size_t size)
{
    return "OCI runtime create failed: container init caused \"" + std::string(size, '\\') + "\"";
}

double seconds_for(const std::string& message, std::size_t& layers)
{
    double best = 1e9;
    for (int i = 0; i < k_repeats; ++i) {
        const auto start = std::chrono::steady_clock::now();
        const pm::UnwrappedError result = pm::unwrap_runtime_error(message);
        const std::chrono::duration<double> elapsed = std::chrono::steady_clock::now() - start;
        best = std::min(best, elapsed.count());
        layers = result.layers.size();
    }
    return best;
}

}  // namespace

int main()
{
    struct Shape {
        const char* name;
        std::function<std::string(std::size_t)> make;
    };
    const std::vector<Shape> shapes{
        {"flat chain", flat_chain},
        {"nested valid", nested_valid},
        {"nested storm", nested_storm},
        {"backslash storm", backslash_storm},
    };
    const std::vector<std::size_t> sizes{1, 2, 5, 10};
    std::printf("%-16s %6s %10s %9s %8s %7s\n", "shape", "MB", "bytes", "ms", "ns/byte", "layers");
    for (const Shape& shape : shapes) {
        double first_ns_per_byte = 0;
        double last_ns_per_byte = 0;
        for (std::size_t megabytes : sizes) {
            const std::string message = shape.make(megabytes * k_megabyte);
            std::size_t layers = 0;
            const double seconds = seconds_for(message, layers);
            const double ns_per_byte = seconds * 1e9 / static_cast<double>(message.size());
            if (megabytes == sizes.front()) {
                first_ns_per_byte = ns_per_byte;
            }
            last_ns_per_byte = ns_per_byte;
            std::printf("%-16s %6zu %10zu %9.2f %8.2f %7zu\n", shape.name, megabytes, message.size(), seconds * 1e3,
                        ns_per_byte, layers);
        }
        std::printf("%-16s ns/byte ratio 10 MB / 1 MB: %.2f\n\n", shape.name, last_ns_per_byte / first_ns_per_byte);
    }
    return 0;
}
