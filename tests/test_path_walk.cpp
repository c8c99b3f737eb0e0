// Tests for expand_paths and read_input_bytes on a real temporary tree with FIFOs and bad symlinks.
#include <doctest/doctest.h>

#include <fcntl.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cstring>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "input/input_source.hpp"
#include "input/path_walk.hpp"

namespace {

// A scratch tree under /tmp, removed when the test ends.
class TempTree {
public:
    TempTree() {
        char tmpl[] = "/tmp/pm_path_walk_XXXXXX";
        const char* dir = mkdtemp(tmpl);
        REQUIRE(dir != nullptr);
        m_root = dir;
    }
    ~TempTree() {
        std::error_code ec;
        std::filesystem::remove_all(m_root, ec);  // does not follow the symlinks inside
    }
    TempTree(const TempTree&) = delete;
    TempTree& operator=(const TempTree&) = delete;

    const std::string& root() const { return m_root; }
    std::string at(const std::string& rel) const { return m_root + "/" + rel; }

    void file(const std::string& rel, const std::string& content) const {
        std::ofstream out(at(rel), std::ios::binary);
        out << content;
        REQUIRE(out.good());
    }
    void dir(const std::string& rel) const { REQUIRE(mkdir(at(rel).c_str(), 0755) == 0); }
    void link(const std::string& target, const std::string& rel) const {
        REQUIRE(symlink(target.c_str(), at(rel).c_str()) == 0);
    }
    void fifo(const std::string& rel) const { REQUIRE(mkfifo(at(rel).c_str(), 0644) == 0); }
    // A bound unix socket leaves a socket inode behind.
    void socket_file(const std::string& rel) const {
        const int fd = ::socket(AF_UNIX, SOCK_STREAM, 0);
        REQUIRE(fd >= 0);
        sockaddr_un addr{};
        addr.sun_family = AF_UNIX;
        const std::string path = at(rel);
        REQUIRE(path.size() < sizeof(addr.sun_path));
        std::memcpy(addr.sun_path, path.c_str(), path.size() + 1);
        REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&addr), sizeof(addr)) == 0);
        close(fd);
    }

private:
    std::string m_root;
};

// Opening a FIFO with no writer blocks forever; should the code under test ever do it, SIGALRM
// ends the run with a failure instead of hanging the suite.
class HangGuard {
public:
    HangGuard() { alarm(30); }
    ~HangGuard() { alarm(0); }
    HangGuard(const HangGuard&) = delete;
    HangGuard& operator=(const HangGuard&) = delete;
};

// samples/ ── B.txt, a/{inner/describe.txt, z.log}, a.txt, b.txt, c/up -> .., dangling -> missing,
//             fifo (FIFO), link_to_file -> b.txt, loop -> ., self1 <-> self2, sock (socket)
void build_tree(const TempTree& t) {
    t.dir("samples");
    t.file("samples/B.txt", "upper case sorts first\n");
    t.dir("samples/a");
    t.dir("samples/a/inner");
    t.file("samples/a/inner/describe.txt", "Name:         api\n");
    t.file("samples/a/z.log", "panic: boom\n");
    t.file("samples/a.txt", "a\n");
    t.file("samples/b.txt", "b\n");
    t.dir("samples/c");
    t.link("..", "samples/c/up");
    t.link("missing", "samples/dangling");
    t.fifo("samples/fifo");
    t.link("b.txt", "samples/link_to_file");
    t.link(".", "samples/loop");
    t.link("self2", "samples/self1");
    t.link("self1", "samples/self2");
    t.socket_file("samples/sock");
}

struct Expected {
    std::string source;
    std::string message_start;
};

struct WalkCase {
    const char* name;
    std::vector<std::string> args;  // "{R}" is replaced by the temp root
    std::vector<std::string> display;
    std::vector<Expected> warnings;
};

std::string expand_root(const std::string& s, const std::string& root) {
    const std::size_t pos = s.find("{R}");
    return pos == std::string::npos ? s : s.substr(0, pos) + root + s.substr(pos + 3);
}

const std::vector<std::string> k_samples_order = {
    "{R}/samples/B.txt",  "{R}/samples/a/inner/describe.txt", "{R}/samples/a/z.log",
    "{R}/samples/a.txt",  "{R}/samples/b.txt",                "{R}/samples/link_to_file",
};

const std::vector<Expected> k_samples_warnings = {
    {"{R}/samples/c/up", "symbolic link loop"},
    {"{R}/samples/dangling", "dangling symbolic link"},
    {"{R}/samples/fifo", "is a FIFO (named pipe), not a regular file; skipped"},
    {"{R}/samples/loop", "symbolic link loop"},
    {"{R}/samples/self1", "symbolic link loop; skipped"},
    {"{R}/samples/self2", "symbolic link loop; skipped"},
    {"{R}/samples/sock", "is a socket"},
};

std::vector<WalkCase> walk_cases() {
    return {
        {"directory walked in byte order", {"{R}/samples"}, k_samples_order, k_samples_warnings},
        {"trailing slash gives no double slash", {"{R}/samples/"}, k_samples_order, k_samples_warnings},
        {"two trailing slashes", {"{R}/samples//a//"}, {"{R}/samples//a/inner/describe.txt", "{R}/samples//a/z.log"}, {}},
        {"arguments keep their order, stdin included",
         {"{R}/samples/b.txt", "-", "{R}/samples/a"},
         {"{R}/samples/b.txt", "-", "{R}/samples/a/inner/describe.txt", "{R}/samples/a/z.log"}, {}},
        {"missing argument", {"{R}/nope.txt", "{R}/samples/a.txt"}, {"{R}/samples/a.txt"},
         {{"{R}/nope.txt", "no such file or directory"}}},
        {"FIFO argument is skipped, never opened", {"{R}/samples/fifo"}, {}, {{"{R}/samples/fifo", "is a FIFO"}}},
        {"dangling link argument", {"{R}/samples/dangling"}, {}, {{"{R}/samples/dangling", "dangling symbolic link"}}},
        {"link to a file argument is followed", {"{R}/samples/link_to_file"}, {"{R}/samples/link_to_file"}, {}},
        {"link to a directory argument is walked", {"{R}/samples/c/up/a/inner"},
         {"{R}/samples/c/up/a/inner/describe.txt"}, {}},
        {"empty argument", {""}, {}, {{"", "empty path argument"}}},
    };
}

}  // namespace

TEST_SUITE("path_walk") {

TEST_CASE("expand_paths") {
    const HangGuard guard;
    TempTree tree;
    build_tree(tree);
    for (const WalkCase& c : walk_cases()) {
        INFO("case: " << std::string(c.name));
        std::vector<std::string> args;
        for (const auto& a : c.args) {
            args.push_back(expand_root(a, tree.root()));
        }
        std::vector<pm::Diagnostic> warnings;
        const std::vector<pm::InputSource> files = pm::expand_paths(args, warnings);
        std::vector<std::string> display;
        for (const auto& f : files) {
            display.push_back(f.display_path);
            CHECK((f.fs_path == f.display_path));  // relative arguments stay relative, absolute stay absolute
        }
        std::vector<std::string> expected;
        for (const auto& d : c.display) {
            expected.push_back(expand_root(d, tree.root()));
        }
        CHECK(display == expected);
        REQUIRE(warnings.size() == c.warnings.size());
        for (std::size_t i = 0; i < warnings.size(); ++i) {
            CAPTURE(warnings[i].message);
            CHECK(pm::diagnostic_where(warnings[i]) == expand_root(c.warnings[i].source, tree.root()));
            CHECK(warnings[i].message.rfind(c.warnings[i].message_start, 0) == 0);
        }
    }
}

TEST_CASE("expand_paths relative argument") {
    TempTree tree;
    build_tree(tree);
    char old_cwd[4096];
    REQUIRE(getcwd(old_cwd, sizeof(old_cwd)) != nullptr);
    REQUIRE(chdir(tree.root().c_str()) == 0);
    std::vector<pm::Diagnostic> warnings;
    const auto files = pm::expand_paths({"samples/a/", "./samples/b.txt"}, warnings);
    REQUIRE(chdir(old_cwd) == 0);
    REQUIRE(files.size() == 3);
    CHECK(files[0].display_path == "samples/a/inner/describe.txt");
    CHECK(files[1].display_path == "samples/a/z.log");
    CHECK(files[2].display_path == "./samples/b.txt");
    CHECK(warnings.empty());
}

TEST_CASE("read_input_bytes") {
    const HangGuard guard;
    TempTree tree;
    build_tree(tree);
    const std::string binary("Exit Code:\t137\r\n\0\xFF", 18);
    tree.file("bin.txt", binary);
    tree.file("empty.txt", "");

    struct ReadCase {
        const char* name;
        std::string path;
        bool ok;
        std::string bytes;
        std::string error_start;
    };
    const std::vector<ReadCase> cases = {
        {"regular file, bytes unchanged", tree.at("bin.txt"), true, binary, ""},
        {"empty file", tree.at("empty.txt"), true, "", ""},
        // The error is a sentence without the path: the warning that carries it names the path once.
        {"missing file", tree.at("gone.txt"), false, "", "cannot open: No such file or directory"},
        {"directory", tree.at("samples"), false, "", "not a regular file"},
        {"FIFO is refused without blocking", tree.at("samples/fifo"), false, "", "not a regular file"},
    };
    for (const ReadCase& c : cases) {
        INFO("case: " << std::string(c.name));
        std::string bytes = "stale";
        std::string error;
        std::string note;
        const bool ok = pm::read_input_bytes({pm::InputOrigin::file, c.path, c.path, 0, 0, {}, 0}, bytes, error, note);
        CHECK(note.empty());
        CHECK(ok == c.ok);
        CHECK(bytes == c.bytes);
        CAPTURE(error);
        CHECK(error.rfind(c.error_start, 0) == 0);
        CHECK(error.empty() == c.ok);
    }
}

// A regular file is read in one read of its size and a byte: every size around the page and the
// chunk sizes comes back whole, with no note that it grew.
TEST_CASE("read_input_bytes reads files of every size whole") {
    TempTree tree;
    for (const std::size_t size : {1u, 7u, 4095u, 4096u, 4097u, 65535u, 65536u, 65537u, 1u << 20}) {
        INFO("size " << size);
        std::string content(size, '\0');
        for (std::size_t i = 0; i < size; ++i) {
            content[i] = static_cast<char>('a' + (i * 7919 + size) % 26);
        }
        const std::string name = "f" + std::to_string(size);
        tree.file(name, content);
        std::string bytes;
        std::string error;
        std::string note;
        CHECK(pm::read_input_bytes({pm::InputOrigin::file, name, tree.at(name), 0, 0, {}, 0}, bytes, error, note));
        CHECK(bytes == content);
        CHECK(note.empty());
        CHECK(error.empty());
    }
}

TEST_CASE("read_input_bytes from stdin") {
    TempTree tree;
    const std::string content = "LAST SEEN   TYPE      REASON   OBJECT   MESSAGE\r\n";
    tree.file("stdin.txt", content);
    const int saved = dup(STDIN_FILENO);
    REQUIRE(saved >= 0);
    const int fd = open(tree.at("stdin.txt").c_str(), O_RDONLY);
    REQUIRE(fd >= 0);
    REQUIRE(dup2(fd, STDIN_FILENO) == STDIN_FILENO);
    close(fd);
    std::string bytes;
    std::string error;
    std::string note;
    const bool ok = pm::read_input_bytes(pm::InputSource::standard_input(), bytes, error, note);
    REQUIRE(dup2(saved, STDIN_FILENO) == STDIN_FILENO);
    close(saved);
    CHECK(ok);
    CHECK(bytes == content);
    CHECK(error.empty());
}

TEST_CASE("input of unknown size is read up to the cap, with a note") {
    const HangGuard guard;
    // /proc/self/pagemap reports size 0 and would yield data for ever: read up to the cap.
    const int proc = open("/proc/self/pagemap", O_RDONLY | O_CLOEXEC);
    REQUIRE(proc >= 0);
    std::string bytes;
    std::string error;
    std::string note;
    CHECK(pm::read_descriptor(proc, 4096, bytes, error, note));
    close(proc);
    CHECK(bytes.size() == 4096);
    CHECK(note.find("unknown size cut at 4096 bytes") != std::string::npos);

    int fds[2];
    REQUIRE(pipe(fds) == 0);
    const std::string content(100, 'x');
    REQUIRE(write(fds[1], content.data(), content.size()) == 100);
    close(fds[1]);
    bytes.clear();
    note.clear();
    CHECK(pm::read_descriptor(fds[0], 10, bytes, error, note));
    CHECK(bytes == std::string(10, 'x'));
    CHECK(!note.empty());
    close(fds[0]);

    REQUIRE(pipe(fds) == 0);
    REQUIRE(write(fds[1], content.data(), content.size()) == 100);
    close(fds[1]);
    bytes.clear();
    note.clear();
    CHECK(pm::read_descriptor(fds[0], 100, bytes, error, note));
    CHECK(bytes == content);
    CHECK(note.empty());  // exactly at the cap, nothing left: nothing was cut
    close(fds[0]);
}

}  // TEST_SUITE
