// Writes the report where -o names: a whole file or nothing, and never over what is not a report.
#pragma once

#include <sys/types.h>

#include <optional>
#include <string>
#include <string_view>

#include "base/output_sink.hpp"

namespace pm {

// How the -o target is to be written, decided (by lstat) before any input is read.
struct OutputPlan {
    bool in_place = false;  // a device, FIFO or /dev/stdout: written as is, never renamed over
    bool exists = false;
    dev_t device = 0;       // identity of what the path names now (through links), when it exists
    ino_t inode = 0;
    mode_t keep_mode = 0;   // an existing report keeps its permission bits
};

// A regular file that podmortem wrote (or an empty one, or any with `force`), or nothing, is
// replaced atomically; a character device (a terminal, /dev/null) or a FIFO, also behind
// /dev/stdout, is written in place; a directory, a symbolic link to a file, a block device or a
// file podmortem did not write is refused with `error` set.
std::optional<OutputPlan> plan_output(const std::string& path, bool force, std::string& error);

// The report file as planned, written piece by piece. A replaced file goes through a temporary in
// the same directory (mode from the umask, or the old report's mode) renamed into place by commit();
// on any failure, or without commit(), nothing is left behind.
class OutputFile : public OutputSink {
public:
    OutputFile(std::string path, const OutputPlan& plan) : m_path(std::move(path)), m_plan(plan) {}
    OutputFile(const OutputFile&) = delete;
    OutputFile& operator=(const OutputFile&) = delete;
    ~OutputFile() override;

    // Opens the temporary (or the device); false with `error` set when it cannot.
    bool open(std::string& error);
    void write(std::string_view data) override;
    bool ok() const override { return m_errno == 0 && m_fd >= 0; }
    // Flushes, closes and renames into place; `error` names the path and what to do.
    bool commit(std::string& error);

private:
    void discard();

    std::string m_path;
    OutputPlan m_plan;
    std::string m_temp;
    int m_fd = -1;
    int m_errno = 0;
    bool m_committed = false;
};

}  // namespace pm
