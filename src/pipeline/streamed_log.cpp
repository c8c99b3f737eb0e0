#include "pipeline/streamed_log.hpp"

#include <fcntl.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <cstring>
#include <memory>

#include "readers/container_log/log_owner.hpp"
#include "readers/kernel_log/kernel_log_reader.hpp"
#include "readers/log_scan/log_scanner.hpp"
#include "regions/splitter.hpp"

namespace pm {

namespace {

constexpr std::size_t k_sniff_bytes = std::size_t{64} << 10;
constexpr std::size_t k_chunk_bytes = 4u << 20;
constexpr std::size_t k_max_carry = 1u << 20;  // a line longer than this is read in pieces

// Reads up to `want` bytes at the file's current offset (retrying short reads and EINTR).
std::size_t read_some(int fd, char* into, std::size_t want) {
    std::size_t got = 0;
    while (got < want) {
        const ssize_t n = read(fd, into + got, want - got);
        if (n < 0 && errno == EINTR) {
            continue;
        }
        if (n <= 0) {
            break;
        }
        got += static_cast<std::size_t>(n);
    }
    return got;
}

// Reads the file from its current offset up to `size` bytes in chunks of whole lines, handing each to
// `feed` (a line longer than the carry goes in pieces, flagged; the last line may lack its '\n');
// returns the bytes read. One buffer for the whole file: the carried partial line, then the next chunk.
template <typename Feed>
std::uint64_t read_in_chunks(int fd, std::uint64_t size, Feed&& feed) {
    std::unique_ptr<char[]> buffer(new char[k_chunk_bytes + k_max_carry]);
    std::size_t carry = 0;
    std::uint64_t read_total = 0;
    for (;;) {
        const std::size_t want = static_cast<std::size_t>(
            std::min<std::uint64_t>(k_chunk_bytes, size > read_total ? size - read_total : 0));
        const std::size_t got = want == 0 ? 0 : read_some(fd, buffer.get() + carry, want);
        read_total += got;
        const std::size_t filled = carry + got;
        if (got == 0) {
            if (carry > 0) {
                feed(std::string_view(buffer.get(), carry), false);  // the last line, without its '\n'
            }
            break;
        }
        const char* data = buffer.get();
        const void* last = memrchr(data, '\n', filled);
        std::size_t whole = last == nullptr ? 0 : static_cast<std::size_t>(static_cast<const char*>(last) - data) + 1;
        bool piece = false;
        if (whole == 0 && filled >= k_max_carry) {
            whole = filled;  // a line longer than the carry is read in pieces: memory stays bounded
            piece = true;
        }
        feed(std::string_view(data, whole), piece);
        carry = filled - whole;
        std::memmove(buffer.get(), data + whole, carry);
    }
    return read_total;
}

OptText kept(Incident& incident, const std::optional<std::string>& value) {
    return value ? OptText(incident.keep(*value)) : std::nullopt;
}

}  // namespace

StreamKind stream_kind(const InputSource& input, std::uint64_t size, const ReaderRegistry& readers) {
    if (input.origin != InputOrigin::file || size < k_stream_threshold) {
        return StreamKind::none;
    }
    const int fd = open(input.fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        return StreamKind::none;
    }
    std::string head(k_sniff_bytes, '\0');
    head.resize(read_some(fd, head.data(), head.size()));
    close(fd);
    // UTF-8 with no BOM and no NUL: other encodings are decoded whole.
    if (head.find('\0') != std::string::npos || head.starts_with("\xEF\xBB\xBF") || head.starts_with("\xFF\xFE") ||
        head.starts_with("\xFE\xFF")) {
        return StreamKind::none;
    }
    const std::size_t last_newline = head.rfind('\n');
    if (last_newline == std::string::npos) {
        return StreamKind::none;
    }
    head.resize(last_newline + 1);
    SourceText sample;
    set_source_text(sample, input.display_path, std::move(head));
    const RegionSplit split = split_regions(sample.lines, sample.path, readers.profiles(), &readers.index());
    if (split.binary || split.regions.empty()) {
        return StreamKind::none;
    }
    const auto all = [&](auto&& is) {
        return std::all_of(split.regions.begin(), split.regions.end(),
                           [&](const Region& region) { return is(readers.readers()[region.kind]); });
    };
    if (all([](const ReaderSpec& r) { return r.profile.plain_text; })) {
        return StreamKind::container_log;
    }
    if (all([](const ReaderSpec& r) { return r.name == "kernel-log"; })) {
        return StreamKind::kernel_log;
    }
    return StreamKind::none;  // a describe, events, a mixed paste …: read whole, by its own readers
}

namespace {

// Reads the file in chunks into `reader` (a LogScanner, a KernelLogStream) and records the input;
// false when it cannot be opened (said in a warning).
template <typename Reader>
bool stream_into(const InputSource& input, InputId id, Incident& part, std::string_view kind, Reader& reader) {
    InputRecord& record = part.input(id);
    record.kind = kind;
    record.encoding = "UTF-8";
    const int fd = open(input.fs_path.c_str(), O_RDONLY | O_CLOEXEC | O_NONBLOCK);
    if (fd < 0) {
        part.warn({id, 0}, std::string("cannot open: ") + std::strerror(errno));
        return false;
    }
    struct stat st {};
    const std::uint64_t size = fstat(fd, &st) == 0 ? static_cast<std::uint64_t>(st.st_size) : 0;
    const std::uint64_t read_total =
        read_in_chunks(fd, size, [&](std::string_view lines, bool piece) { reader.feed(lines, piece); });
    close(fd);
    record.lines = reader.lines_read();
    if (size > read_total) {
        part.warn({id, 0}, "the file shrank while it was read; read " + std::to_string(read_total) + " bytes");
    }
    return true;
}

}  // namespace

void stream_container_log(const Grammar& g, const InputSource& input, InputId id, Incident& part) {
    LogScanner scanner(CrashScanner::of(g), part, id, 1);
    const LogOwner owner = log_owner_of(input.display_path, input.log_container);
    if (owner.container || owner.pod || owner.pod_uid) {
        scanner.attribute(kept(part, owner.namespace_), kept(part, owner.pod), kept(part, owner.pod_uid),
                          kept(part, owner.container), part.keep(owner.how));
    }
    if (!stream_into(input, id, part, "container-log", scanner)) {
        return;
    }
    for (ContainerLog& log : scanner.finish()) {
        part.container_logs.push_back(std::move(log));
    }
}

void stream_kernel_log(const Grammar& g, const InputSource& input, InputId id, Incident& part) {
    KernelLogStream stream(g, part, id);
    if (stream_into(input, id, part, "kernel-log", stream)) {
        stream.finish();
    }
}

}  // namespace pm
