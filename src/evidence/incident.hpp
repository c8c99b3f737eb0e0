// The evidence store between the readers and the report: every input, and the typed facts read from
// them, appended by readers and read by correlation and diagnosis. Owns the texts the facts point into.
#pragma once

#include <cstddef>
#include <memory>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/arena.hpp"
#include "base/diagnostic.hpp"
#include "evidence/records.hpp"
#include "input/source_text.hpp"

namespace pm {

// A run of lines of one input read by one reader.
struct RegionRecord {
    std::string_view kind;    // the contract's input kind of its reader
    std::string_view reader;  // the reader's name in the registry
    std::uint32_t first_line = 0;  // 1-based, inclusive
    std::uint32_t last_line = 0;
};

struct InputRecord {
    std::string path;  // as given on the command line (or inside a bundle)
    std::string_view kind = "unknown";
    std::string_view reader;  // the main region's reader (`node-journal` where the contract's kind is kernel-log)
    std::string encoding = "UTF-8";
    std::uint64_t lines = 0;
    std::vector<RegionRecord> regions;
    bool binary = false;  // not text: read by no reader
    const SourceText* source = nullptr;  // its decoded text, when the incident keeps it
};

// At most this many copies of one runtime error chain are listed; later ones only count.
inline constexpr std::size_t k_max_identical_runtime_errors = 10;

class Incident {
public:
    std::vector<InputRecord> inputs;
    std::vector<Pod> pods;
    std::vector<RuntimeError> runtime_errors;
    std::vector<KernelEvent> kernel_events;
    std::vector<ContainerLog> container_logs;
    std::vector<Diagnostic> diagnostics;

    Incident() = default;
    // A part read on its own (in parallel) whose inputs are numbered from `first_input`, as they
    // will be once absorbed into the whole.
    explicit Incident(InputId first_input) : m_base(first_input) {}
    Incident(const Incident&) = delete;  // facts point into the texts and the arena it owns
    Incident& operator=(const Incident&) = delete;
    Incident(Incident&&) = default;
    Incident& operator=(Incident&&) = default;

    InputId add_input(InputRecord input);
    const InputRecord& input(InputId id) const { return inputs[id - m_base]; }
    InputRecord& input(InputId id) { return inputs[id - m_base]; }

    // Appends what `part` holds - its inputs' records (replacing those already listed under the same
    // ids), texts, facts and warnings - as if it had been read here, in order: runtime errors are
    // listed again under this incident's cap, and what refers to them follows.
    void absorb(Incident&& part);
    // Room for what these parts hold, so absorbing them one by one never regrows the lists (growing
    // at least by half, so reserving before each of many absorbs stays linear).
    void reserve_for(const std::vector<std::unique_ptr<Incident>>& parts);
    // Keeps a decoded text alive for as long as the facts that point into it.
    const SourceText& keep_source(std::unique_ptr<SourceText> text);
    // A derived text (a joined message, an unwrapped layer) that lives as long as the incident.
    Text keep(std::string_view text) { return m_arena.keep(text); }

    // Where a view into a kept input text stands: the input and its line; nullopt for a derived
    // text (a joined message, an unwrapped layer).
    std::optional<Cite> cite_of(Text text) const;

    // "PATH:LINE", or "PATH" for line 0.
    std::string where(Cite at) const;
    const std::string& path_of(InputId input) const { return inputs[input].path; }

    void warn(Cite at, std::string message, std::string help = {});
    void warn_file(std::string file, std::uint32_t line, std::string message, std::string help = {});

    // Lists `error` unless k_max_identical_runtime_errors copies of its chain are listed already;
    // returns its index, or the first copy's when it was only counted (`listed` tells which).
    std::uint32_t list_runtime_error(RuntimeError error, bool* listed = nullptr);
    long long runtime_errors_counted() const { return m_counted; }

private:
    struct RepeatCount {
        std::uint32_t first = 0;
        std::size_t listed = 0;
    };

    InputId m_base = 0;
    std::vector<std::unique_ptr<SourceText>> m_sources;
    StringArena m_arena;
    std::unordered_map<std::string, RepeatCount> m_repeats;
    long long m_counted = 0;
};

}  // namespace pm
