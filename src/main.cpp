// podmortem: explain why Kubernetes containers died, from saved files alone. Thin main over the core library.
#include <malloc.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <iostream>
#include <string>

#include "base/exit_cleanup.hpp"
#include "cli/commands.hpp"
#include "cli/options.hpp"

namespace {

// podmortem allocates millions of small records and frees them only at exit: growing the heap in
// 64 MiB steps, never trimming it and serving buffers under 32 MiB from it (not from fresh mmaps)
// spares the kernel most page-table work. 10,000 small describes: 10% less wall time (README).
void tune_allocator() {
    mallopt(M_TOP_PAD, 64 << 20);
    mallopt(M_TRIM_THRESHOLD, 1 << 30);
    mallopt(M_MMAP_THRESHOLD, 32 << 20);
}

int run(int argc, char** argv) {
    auto parsed = pm::parse_options(argc, argv);
    if (!parsed.options) {
        std::cerr << "podmortem: " << parsed.error << "\n";
        return 1;
    }
    const pm::Options& o = *parsed.options;
    if (o.command == "help") {
        std::cout << pm::help_text();
        return 0;
    }
    if (o.command == "version") {
        std::cout << "podmortem " << PM_VERSION << "\n";
        return 0;
    }
    if (o.command == "check-grammars") {
        return pm::run_check_grammars(o, std::cout, std::cerr);
    }
    if (o.command == "explain-error") {
        return pm::run_explain_error(o, std::cin, std::cout, std::cerr);
    }
    return pm::run_analyse(o, std::cout, std::cerr);
}

}  // namespace

int main(int argc, char** argv) {
    tune_allocator();
    pm::cleanup_on_termination_signals();  // Ctrl-C during `-o` leaves no temporary report behind
    std::ios::sync_with_stdio(false);
    try {
        int status = run(argc, argv);
        // A report, help or answer that did not reach standard output (a full disk, a closed pipe)
        // is a failure, and the user must hear of it.
        std::cout.flush();
        // Closed here, not at exit: a reader sees the end of the report before the kernel has torn
        // down this process's memory, and a close that fails (NFS, a full disk) is a failed write too.
        if (std::cout && ::close(STDOUT_FILENO) != 0 && errno != EBADF) {
            std::cout.setstate(std::ios::badbit);
        }
        if (!std::cout) {
            const int err = errno;
            std::cerr << "podmortem: cannot write to standard output"
                      << (err != 0 ? std::string(": ") + std::strerror(err) : std::string()) << "\n";
            return 1;
        }
        return status;
    } catch (const std::bad_alloc&) {
        std::cerr << "podmortem: out of memory; try fewer or smaller inputs at once\n";
    } catch (const std::exception& e) {
        std::cerr << "podmortem: internal error: " << e.what() << " (please report it with the input)\n";
    }
    return 1;
}
