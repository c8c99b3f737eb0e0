// CRI-O and conmon lines in a node journal (formats.md §7.5): containers by ID with their
// `ns/pod/container` description, conmon's OOM and non-zero exits, and the stops kubelet asked for.
#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "readers/reader.hpp"

namespace pm {

class CrioLines {
public:
    explicit CrioLines(ReadContext& context) : m_context(context) {}

    // One crio or conmon message (the journal envelope removed) at 0-based line `line`; true when read.
    bool feed(std::size_t line, std::string_view ident, std::string_view message);
    // The pods with a container that died on its own (not on a stop request).
    void finish();

private:
    struct Instance {
        std::size_t pod = 0;  // index into m_pods
        Text name;
        std::string id;
        bool oom = false;      // conmon saw the cgroup's OOM event
        bool stopped = false;  // kubelet asked CRI-O to stop it
        Cite created;              // its `Created container` line
        std::vector<Quote> cites;  // the lines that tell how it ended (OOM)
    };

    bool feed_crio(std::size_t line, std::string_view msg);
    bool feed_conmon(std::size_t line, std::string_view message);
    Instance* by_prefix(std::string_view prefix);
    void on_exit(Instance& in, long long status, Quote cite);

    ReadContext& m_context;
    std::vector<Pod> m_pods;
    std::unordered_map<std::string, std::size_t> m_pod_index;      // "ns/pod" -> m_pods
    std::unordered_map<std::string, Instance> m_instances;         // full ID -> instance
    std::unordered_map<std::string, std::string> m_by_prefix;      // conmon's 20-character ID -> full ID
};

}  // namespace pm
