// A large input mapped read-only: the page cache's own pages instead of a copy (64 MiB is read in
// about a fifth of the time, and no anonymous memory is zeroed for it).
//
// A mapped file that another program truncates while podmortem runs would kill it with SIGBUS on
// the next read of a lost page. While any file is mapped a handler catches that: it names the file,
// says what to do, removes a half-written -o report and exits with status 1 (standard output may
// hold the start of a report by then; the message says it is unfinished).
#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace pm {

// Inputs at least this large are mapped rather than read (smaller ones: one read is cheaper than
// mapping and unmapping).
inline constexpr std::size_t k_map_min_bytes = 8u << 20;

class MappedFile {
public:
    MappedFile() = default;
    ~MappedFile();
    MappedFile(const MappedFile&) = delete;
    MappedFile& operator=(const MappedFile&) = delete;
    MappedFile(MappedFile&& other) noexcept;
    MappedFile& operator=(MappedFile&& other) noexcept;

    // Maps the first `size` bytes of the open regular file `fd`, named `path` in messages; false
    // (nothing mapped, the caller reads instead) when the system refuses or too many are mapped.
    bool map(int fd, std::size_t size, std::string_view path);
    std::string_view bytes() const { return {static_cast<const char*>(m_data), m_size}; }
    bool mapped() const { return m_data != nullptr; }

private:
    void release() noexcept;

    void* m_data = nullptr;
    std::size_t m_size = 0;
    int m_slot = -1;  // its entry in the SIGBUS handler's table
};

}  // namespace pm
