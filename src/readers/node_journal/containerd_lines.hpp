// containerd's CRI lines in a node journal (formats.md §7.4): sandboxes and containers by ID, their
// OOM and exit events, and the stops kubelet asked for, as the records describe would give.
#pragma once

#include <cstddef>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "readers/reader.hpp"

namespace pm {

class ContainerdLines {
public:
    explicit ContainerdLines(ReadContext& context) : m_context(context) {}

    // One containerd message (the journal envelope removed) at 0-based line `line`; true when read.
    bool feed(std::size_t line, std::string_view message);
    // The pods seen, with a termination per exit of a container that was not stopped on request.
    void finish();

private:
    struct Sandbox {
        std::size_t pod = 0;  // index into m_pods
    };
    struct Instance {
        std::size_t pod = 0;
        Text name;
        long long attempt = 0;
        bool oom = false;      // TaskOOM came for it
        bool stopped = false;  // kubelet asked the runtime to stop it (StopContainer)
        OptTime started;
        std::vector<Quote> cites;
    };

    void on_exit(std::size_t line, std::string_view cid, std::string_view message);
    Container& container_of(const Instance& instance);

    ReadContext& m_context;
    std::vector<Pod> m_pods;
    std::unordered_map<std::string, Sandbox> m_sandboxes;
    std::unordered_map<std::string, Instance> m_instances;
};

}  // namespace pm
