// The mapped large input: the same bytes as a read, and a file truncated under it ends the run with
// a message that names it (and no half-written report), not with a crash.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cstdio>
#include <filesystem>
#include <fstream>
#include <string>

#include "base/exit_cleanup.hpp"
#include "input/input_source.hpp"
#include "input/mapped_file.hpp"
#include "input/source_text.hpp"

namespace fs = std::filesystem;

namespace {

fs::path temp_file(const std::string& name, const std::string& content) {
    const fs::path p = fs::temp_directory_path() / (name + "-" + std::to_string(::getpid()));
    std::ofstream(p, std::ios::binary) << content;
    return p;
}

// Reads `p` as the analyser does, offering a mapping.
struct ReadResult {
    bool ok = false;
    std::string bytes;
    pm::MappedFile mapping;
};

ReadResult read_offering_a_mapping(const fs::path& p) {
    pm::InputSource source;
    source.display_path = source.fs_path = p.string();
    ReadResult out;
    std::string error;
    std::string note;
    out.ok = pm::read_input_bytes(source, out.bytes, error, note, &out.mapping);
    return out;
}

std::string describe_like(std::size_t bytes) {
    std::string text;
    for (int i = 0; text.size() < bytes; ++i) {
        text += "Name:         pod-" + std::to_string(i) + "\nNamespace:    shop\n\n";
    }
    return text;
}

}  // namespace

TEST_SUITE("mapped_file") {
    TEST_CASE("a large input is mapped and reads as the same text a read gives") {
        const std::string content = describe_like(pm::k_map_min_bytes + 12345);
        const fs::path p = temp_file("pm-mapped", content);
        ReadResult r = read_offering_a_mapping(p);
        REQUIRE(r.ok);
        CHECK(r.mapping.mapped());
        CHECK(r.bytes.empty());
        CHECK(r.mapping.bytes() == content);

        pm::SourceText mapped;
        std::vector<pm::Diagnostic> diagnostics;
        pm::load_source_text(mapped, p.string(), std::move(r.mapping), diagnostics);
        pm::SourceText read;
        pm::load_source_text(read, p.string(), std::string(content), diagnostics);
        CHECK(mapped.mapping.mapped());
        CHECK(mapped.storage.empty());
        CHECK(mapped.text == read.text);
        REQUIRE(mapped.lines.size() == read.lines.size());
        CHECK(mapped.lines[mapped.lines.size() - 2] == read.lines[read.lines.size() - 2]);
        CHECK(diagnostics.empty());
        fs::remove(p);
    }

    TEST_CASE("a mapped file that is not clean UTF-8 is decoded into storage, the mapping dropped") {
        std::string content = describe_like(pm::k_map_min_bytes);
        content[5] = '\r';  // a lone CR: line ends must be normalised, so the bytes are not the text
        const fs::path p = temp_file("pm-mapped-cr", content);
        ReadResult r = read_offering_a_mapping(p);
        REQUIRE(r.ok);
        REQUIRE(r.mapping.mapped());
        pm::SourceText text;
        std::vector<pm::Diagnostic> diagnostics;
        pm::load_source_text(text, p.string(), std::move(r.mapping), diagnostics);
        CHECK_FALSE(text.mapping.mapped());
        CHECK(text.text == std::string_view(text.storage));
        CHECK(text.text.find('\r') == std::string_view::npos);
        fs::remove(p);
    }

    TEST_CASE("a small input is read, not mapped") {
        const fs::path p = temp_file("pm-small", describe_like(4096));
        const ReadResult r = read_offering_a_mapping(p);
        REQUIRE(r.ok);
        CHECK_FALSE(r.mapping.mapped());
        CHECK(r.bytes.size() >= 4096);
        fs::remove(p);
    }

    TEST_CASE("a mapped file truncated under the run ends it with a message naming it, and removes the temporary report") {
        const fs::path p = temp_file("pm-shrinks", std::string(3 * 4096, 'x'));
        const fs::path report = temp_file("pm-half-report", "half");
        int err_pipe[2];
        REQUIRE(::pipe(err_pipe) == 0);
        const pid_t child = ::fork();
        REQUIRE(child >= 0);
        if (child == 0) {
            ::dup2(err_pipe[1], STDERR_FILENO);
            const int fd = ::open(p.c_str(), O_RDWR);
            pm::MappedFile mapping;
            if (fd < 0 || !mapping.map(fd, 3 * 4096, "incident/pods.txt")) {
                ::_exit(7);
            }
            pm::set_exit_cleanup_path(report.string());
            if (::ftruncate(fd, 0) != 0) {
                ::_exit(8);
            }
            volatile char c = mapping.bytes()[2 * 4096];  // a page the file no longer has: SIGBUS
            (void)c;
            ::_exit(9);
        }
        ::close(err_pipe[1]);
        std::string said;
        char buf[512];
        for (ssize_t n; (n = ::read(err_pipe[0], buf, sizeof buf)) > 0;) {
            said.append(buf, static_cast<std::size_t>(n));
        }
        ::close(err_pipe[0]);
        int status = 0;
        REQUIRE(::waitpid(child, &status, 0) == child);
        REQUIRE(WIFEXITED(status));
        CHECK(WEXITSTATUS(status) == 1);
        CHECK(said.find("incident/pods.txt shrank while it was being read") != std::string::npos);
        CHECK(said.find("stopped before the report was finished") != std::string::npos);
        CHECK(said.find("run podmortem on the copy") != std::string::npos);
        CHECK_FALSE(fs::exists(report));
        fs::remove(p);
    }
}
