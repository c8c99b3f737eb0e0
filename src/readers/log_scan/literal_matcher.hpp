// Finds many literals in one pass over the bytes: the prefilter in front of the crash signatures
// (and, later, of kernel and journal lines). Vectorscan (the portable Hyperscan) compiles every
// literal into one automaton; a scan of a chunk reports each occurrence's end offset and literal.
#pragma once

#include <cstddef>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
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

    // Whether the automaton compiled (compiling it now if it has not been yet).
    bool ok() const { return database() != nullptr; }
    std::size_t size() const { return m_literals.size(); }

    // Per thread: scratch space a scan needs, allocated on the first scan that uses the automaton.
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

    // Calls on_hit(end_offset, literal) for every occurrence, in order of end offset. Texts under
    // k_small_text are searched literal by literal: compiling the automaton costs more than that
    // (a describe's termination messages, read as log tails, must not slow start-up).
    void scan(std::string_view text, Scratch& scratch, const std::function<void(std::size_t, unsigned)>& on_hit) const;
    // Whether `text` holds any literal.
    bool any(std::string_view text, Scratch& scratch) const;

    static constexpr std::size_t k_small_text = std::size_t{64} << 10;

private:
    // The compiled automaton, built once on first need (thread-safe); nullptr if it failed.
    void* database() const;
    // The scratch for this thread's scan, nullptr when the automaton is not there.
    void* scratch_for(Scratch& scratch) const;
    void scan_each(std::string_view text, const std::function<void(std::size_t, unsigned)>& on_hit) const;

    std::vector<std::string> m_literals;
    mutable std::once_flag m_compiled;
    mutable void* m_database = nullptr;
};

}  // namespace pm
