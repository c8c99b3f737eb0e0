#include "readers/log_scan/literal_matcher.hpp"

#include <algorithm>

#include <hs/hs.h>

namespace pm {

LiteralMatcher::LiteralMatcher(const std::vector<std::string>& literals) : m_literals(literals) {}

void* LiteralMatcher::database() const {
    std::call_once(m_compiled, [this] {
        std::vector<const char*> patterns;
        std::vector<std::size_t> lengths;
        std::vector<unsigned> flags;
        std::vector<unsigned> ids;
        for (unsigned i = 0; i < m_literals.size(); ++i) {
            if (m_literals[i].empty()) {
                continue;
            }
            patterns.push_back(m_literals[i].data());
            lengths.push_back(m_literals[i].size());
            flags.push_back(0);
            ids.push_back(i);
        }
        if (patterns.empty()) {
            return;
        }
        hs_database_t* db = nullptr;
        hs_compile_error_t* error = nullptr;
        if (hs_compile_lit_multi(patterns.data(), flags.data(), ids.data(), lengths.data(),
                                 static_cast<unsigned>(patterns.size()), HS_MODE_BLOCK, nullptr, &db,
                                 &error) != HS_SUCCESS) {
            hs_free_compile_error(error);
            return;
        }
        m_database = db;
    });
    return m_database;
}

LiteralMatcher::~LiteralMatcher() {
    hs_free_database(static_cast<hs_database_t*>(m_database));
}

LiteralMatcher::Scratch::Scratch(const LiteralMatcher& /*matcher*/) {}

LiteralMatcher::Scratch::~Scratch() {
    hs_free_scratch(static_cast<hs_scratch_t*>(m_scratch));
}

void* LiteralMatcher::scratch_for(Scratch& scratch) const {
    void* db = database();
    if (db != nullptr && scratch.m_scratch == nullptr) {
        hs_scratch_t* made = nullptr;
        if (hs_alloc_scratch(static_cast<hs_database_t*>(db), &made) == HS_SUCCESS) {
            scratch.m_scratch = made;
        }
    }
    return db == nullptr ? nullptr : scratch.m_scratch;
}

namespace {

struct Callback {
    const std::function<void(std::size_t, unsigned)>* on_hit;
};

int on_match(unsigned id, unsigned long long /*from*/, unsigned long long to, unsigned /*flags*/, void* context) {
    const auto* cb = static_cast<Callback*>(context);
    (*cb->on_hit)(static_cast<std::size_t>(to), id);
    return 0;
}

}  // namespace

// Every literal searched on its own, hits merged into end-offset order: small texts, and the
// fallback when the automaton did not compile (slow, never wrong).
void LiteralMatcher::scan_each(std::string_view text, const std::function<void(std::size_t, unsigned)>& on_hit) const {
    std::vector<std::pair<std::size_t, unsigned>> hits;
    for (unsigned i = 0; i < m_literals.size(); ++i) {
        const std::string& literal = m_literals[i];
        if (literal.empty()) {
            continue;
        }
        for (std::size_t at = text.find(literal); at != std::string_view::npos; at = text.find(literal, at + 1)) {
            hits.emplace_back(at + literal.size(), i);
        }
    }
    std::sort(hits.begin(), hits.end());
    for (const auto& [end, id] : hits) {
        on_hit(end, id);
    }
}

void LiteralMatcher::scan(std::string_view text, Scratch& scratch,
                          const std::function<void(std::size_t, unsigned)>& on_hit) const {
    if (text.size() >= k_small_text && text.size() < 0xFFFFFFFFu) {
        if (void* space = scratch_for(scratch)) {
            Callback cb{&on_hit};
            hs_scan(static_cast<hs_database_t*>(m_database), text.data(), static_cast<unsigned>(text.size()), 0,
                    static_cast<hs_scratch_t*>(space), on_match, &cb);
            return;
        }
    }
    scan_each(text, on_hit);
}

bool LiteralMatcher::any(std::string_view text, Scratch& scratch) const {
    if (text.size() >= k_small_text && text.size() < 0xFFFFFFFFu) {
        if (void* space = scratch_for(scratch)) {
            bool found = false;
            auto stop = [](unsigned, unsigned long long, unsigned long long, unsigned, void* context) -> int {
                *static_cast<bool*>(context) = true;
                return 1;  // stop at the first
            };
            hs_scan(static_cast<hs_database_t*>(m_database), text.data(), static_cast<unsigned>(text.size()), 0,
                    static_cast<hs_scratch_t*>(space), stop, &found);
            return found;
        }
    }
    for (const std::string& literal : m_literals) {
        if (!literal.empty() && text.find(literal) != std::string_view::npos) {
            return true;
        }
    }
    return false;
}

}  // namespace pm
