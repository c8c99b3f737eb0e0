// One input, decoded to UTF-8 with its line index: the only form later stages see.
#pragma once

#include <algorithm>
#include <cstddef>
#include <cstdint>
#include <iterator>
#include <string>
#include <string_view>
#include <vector>

#include "base/diagnostic.hpp"
#include "input/mapped_file.hpp"

namespace pm {

// The lines of a text as views, from one offset per line (4 bytes a line, not a 16-byte view).
class LineIndex {
public:
    class iterator {
    public:
        using iterator_category = std::forward_iterator_tag;
        using value_type = std::string_view;
        using difference_type = std::ptrdiff_t;
        using pointer = void;
        using reference = std::string_view;

        iterator(const LineIndex* index, std::size_t i) : m_index(index), m_i(i) {}
        std::string_view operator*() const { return (*m_index)[m_i]; }
        iterator& operator++() {
            ++m_i;
            return *this;
        }
        iterator operator++(int) {
            iterator old = *this;
            ++m_i;
            return old;
        }
        friend bool operator==(const iterator& a, const iterator& b) { return a.m_i == b.m_i; }

    private:
        const LineIndex* m_index;
        std::size_t m_i;
    };

    // Indexes `text`, whose line ends are '\n'; the last line may lack one. The bytes must outlive
    // the index. A large text is indexed on `jobs` threads (the same index).
    void build(std::string_view text, unsigned jobs = 1);

    std::size_t size() const {
        const std::size_t n = m_wide ? m_wide_starts.size() : m_starts.size();
        return n == 0 ? 0 : n - 1;
    }
    bool empty() const { return size() == 0; }
    // Line i (0-based) without its '\n' (and without its stripped prefix, in a copy made by
    // with_prefixes_stripped).
    // Inline: every stage reads lines through it, several times per line.
    std::string_view operator[](std::size_t i) const {
        std::uint64_t start = m_wide ? m_wide_starts[i] : m_starts[i];
        const std::uint64_t next = m_wide ? m_wide_starts[i + 1] : m_starts[i + 1];
        if (!m_skip.empty()) {
            start = std::min<std::uint64_t>(start + m_skip[i], next - 1);
        }
        return std::string_view(m_text + start, static_cast<std::size_t>(next - start - 1));
    }
    // The same lines with the first skip[i] bytes of line i left out (a prefix every line of a
    // paste carries: a CI log's timestamp, a test runner's `# `). skip has one entry per line.
    LineIndex with_prefixes_stripped(std::vector<std::uint16_t> skip) const;
    // Whether line i lost a prefix (in such a copy): where a prefixed run starts or ends, one
    // tool's output starts or ends.
    bool stripped(std::size_t i) const { return !m_skip.empty() && m_skip[i] != 0; }
    // The line (0-based) holding byte `offset` of the text.
    std::size_t line_containing(std::size_t offset) const;
    std::string_view back() const { return (*this)[size() - 1]; }
    iterator begin() const { return {this, 0}; }
    iterator end() const { return {this, size()}; }

private:
    const char* m_text = nullptr;
    // Offset of each line's start, plus one past the end of the text (as if it ended in '\n').
    std::vector<std::uint32_t> m_starts;
    bool m_wide = false;  // the text is 4 GiB or more: offsets are kept in m_wide_starts
    std::vector<std::uint64_t> m_wide_starts;
    std::vector<std::uint16_t> m_skip;  // empty, or bytes left out at the start of each line
};

struct SourceText {
    std::string path;      // as given on the command line, or the path inside a bundle
    std::string encoding;  // detected source encoding: "UTF-8", "UTF-16LE", "GB18030", …
    std::string_view text;  // UTF-8, line ends normalised to '\n': a view of `storage` or `mapping`
    std::string storage;    // the decoded text, when it is not the mapped file itself
    MappedFile mapping;     // a large clean UTF-8 file, mapped read-only instead of copied
    LineIndex lines;       // lines[0] is line 1
    // The lines as a reader should see them: without a prefix a tool put on every line of a paste
    // (regions/line_prefix decides); the same as `lines` when there is none.
    const LineIndex& body_lines() const { return has_bodies ? bodies : lines; }
    LineIndex bodies;
    bool has_bodies = false;
    std::string log_container;  // `--log CONTAINER=PATH`: read whole as that container's log

    SourceText() = default;
    SourceText(const SourceText&) = delete;  // lines point into text
    SourceText& operator=(const SourceText&) = delete;
    SourceText(SourceText&&) = delete;
    SourceText& operator=(SourceText&&) = delete;
};

// Decodes raw bytes (BOM, UTF-8, UTF-16, or what ICU's detector finds), normalises CRLF and lone CR,
// and indexes lines. Invalid bytes become U+FFFD and are reported once per line in `diagnostics`.
// Never throws on bad input.
void load_source_text(SourceText& out, std::string path, std::string_view bytes, std::vector<Diagnostic>& diagnostics);
// The same for bytes the caller gives up (no copy of clean UTF-8).
void load_source_text(SourceText& out, std::string path, std::string&& bytes, std::vector<Diagnostic>& diagnostics,
                      unsigned jobs = 1);

// The same for a mapped file: clean UTF-8 is kept mapped as the text, anything else is decoded into
// storage and the mapping dropped.
void load_source_text(SourceText& out, std::string path, MappedFile&& mapping, std::vector<Diagnostic>& diagnostics,
                      unsigned jobs = 1);

// For tests and tools: a SourceText of UTF-8 text as it is.
void set_source_text(SourceText& out, std::string path, std::string text);

}  // namespace pm
