// Finds many literals in one pass over the bytes: the prefilter in front of the crash signatures
// (and, later, of kernel and journal lines). Vectorscan (the portable Hyperscan) compiles every
// literal into one automaton; a scan of a chunk reports each occurrence's end offset and literal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace pm {

class LiteralMatcher {
public:
    explicit LiteralMatcher(const std::vector<std::string>& literals);
    ~LiteralMatcher();
    LiteralMatcher(const LiteralMatcher&) = delete;
    LiteralMatcher& operator=(const LiteralMatcher&) = delete;

    bool ok() const { return m_database != nullptr; }
    std::size_t size() const { return m_literals.size(); }

    // Per thread: scratch space a scan needs.
    class Scratch {
    public:
        explicit Scratch(const LiteralMatcher& matcher);
        ~Scratch();
        Scratch(const Scratch&) = delete;
        Scratch& operator=(const Scratch&) = delete;

    private:
        friend class LiteralMatcher;
        void* m_scratch = nullptr;
    };

    // Calls on_hit(end_offset, literal) for every occurrence, in order of end offset. A matcher that
    // failed to compile falls back to a search per literal (slow, never wrong).
    void scan(std::string_view text, Scratch& scratch, const std::function<void(std::size_t, unsigned)>& on_hit) const;
    // Whether `text` holds any literal.
    bool any(std::string_view text, Scratch& scratch) const;

private:
    std::vector<std::string> m_literals;
    void* m_database = nullptr;
};

}  // namespace pm
