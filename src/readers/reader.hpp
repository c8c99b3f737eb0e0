// What a reader is: a kind's name, the signatures that recognise it, and the function that reads one
// region of an input into the evidence store. Adding a reader is a folder and a row of registry.cpp.
#pragma once

#include <cstddef>
#include <memory>
#include <mutex>
#include <span>
#include <string_view>
#include <vector>

#include "evidence/incident.hpp"
#include "grammar/grammar.hpp"
#include "input/source_text.hpp"
#include "regions/signature.hpp"
#include "regions/splitter.hpp"

namespace pm {

struct ReadContext {
    const Grammar& grammar;
    const SourceText& text;  // the whole input, kept alive by the incident
    InputId input;
    Region region;           // the lines this reader is given (0-based, inclusive)
    Incident& incident;
    std::string_view kind;   // the reader's contract kind
    bool whole_input = true; // the region is the input's only one
    unsigned jobs = 1;       // threads the reader may use for this region

    Cite cite(std::size_t line_index) const { return {input, static_cast<std::uint32_t>(line_index + 1)}; }
};

struct ReaderSpec {
    std::string_view name;  // unique; also the region's `reader` in the JSON report
    std::string_view kind;  // the contract's Input.kind of what it reads
    KindProfile profile;    // how the region splitter recognises its text
    void (*read)(ReadContext& context);
};

class ReaderRegistry {
public:
    // The readers podmortem ships, in the order detection breaks ties.
    static const ReaderRegistry& builtin();

    void add(const ReaderSpec& reader);

    std::span<const ReaderSpec> readers() const { return m_readers; }
    // The profiles in registry order, for the region splitter.
    std::span<const KindProfile> profiles() const { return m_profiles; }
    const ReaderSpec* find(std::string_view name) const;
    // The profiles' signatures indexed for the splitter: built on first use after the last add()
    // (not once per add: every run registers the built-in readers). Safe from several threads.
    const SignatureIndex& index() const;

private:
    struct LazyIndex {
        std::mutex mutex;
        std::shared_ptr<const SignatureIndex> index;
    };
    std::vector<ReaderSpec> m_readers;
    std::vector<KindProfile> m_profiles;
    std::shared_ptr<LazyIndex> m_index = std::make_shared<LazyIndex>();
};

}  // namespace pm
