// An RE2 compiled on first use: a run that never meets a rule's kind of text never pays for it.
#pragma once

#include <re2/re2.h>

#include <memory>
#include <mutex>
#include <string>

namespace pm {

class LazyRegex {
public:
    LazyRegex() = default;
    explicit LazyRegex(std::string pattern) : m_pattern(std::move(pattern)) {}
    LazyRegex(LazyRegex&& other) noexcept : m_pattern(std::move(other.m_pattern)) {}
    LazyRegex& operator=(LazyRegex&& other) noexcept {
        m_pattern = std::move(other.m_pattern);
        m_regex.reset();
        return *this;
    }

    // The options every grammar pattern uses: quiet, and `.` never crosses a line.
    static RE2::Options options() {
        RE2::Options o;
        o.set_log_errors(false);
        o.set_never_nl(true);
        return o;
    }

    const std::string& pattern() const { return m_pattern; }

    // Compiles now (once, thread-safe) and returns the regex; check ok() on user-given patterns.
    const RE2& get() const {
        std::call_once(*m_once, [this] { m_regex = std::make_unique<RE2>(m_pattern, options()); });
        return *m_regex;
    }
    const RE2& operator*() const { return get(); }
    const RE2* operator->() const { return &get(); }

private:
    std::string m_pattern;
    std::unique_ptr<std::once_flag> m_once = std::make_unique<std::once_flag>();
    mutable std::unique_ptr<RE2> m_regex;
};

}  // namespace pm
