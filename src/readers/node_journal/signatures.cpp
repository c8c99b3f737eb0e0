// How node journals are recognised (formats.md §7.1): journald envelopes of kubelet and runtime lines.
#include "readers/node_journal/signatures.hpp"

#include <array>

#include "readers/node_journal/journal_line.hpp"

namespace pm {

namespace {

using T = LineTest;

bool is_kubelet_line(std::string_view line) {
    std::optional<JournalLine> j = parse_journal_line(line);
    return j && (j->ident == "kubelet" || j->ident == "kubenswrapper" || j->ident == "k3s") && klog_body(j->message);
}

bool is_runtime_line(std::string_view line) {
    std::optional<JournalLine> j = parse_journal_line(line);
    return j && (j->ident == "containerd" || j->ident == "crio" || j->ident == "dockerd") &&
           j->message.starts_with("time=\"");
}

// conmon's syslog line for a CRI-O container: `conmon[PID]: conmon <cid20> <ninfo>: …`.
bool is_conmon_line(std::string_view line) {
    std::optional<JournalLine> j = parse_journal_line(line);
    return j && j->ident == "conmon" && j->message.starts_with("conmon ");
}

constexpr std::array k_node_journal_signatures = {
    Signature{T::shape, {}, is_kubelet_line, 4, 100, 1},
    Signature{T::shape, {}, is_runtime_line, 4, 100, 1},
    Signature{T::shape, {}, is_conmon_line, 4, 100, 1},
    Signature{T::prefix, "-- Logs begin at ", nullptr, 3, 1, 0},
    Signature{T::prefix, "-- Journal begins at ", nullptr, 3, 1, 0},
    Signature{T::prefix, "\xE2\x97\x8F kubelet.service", nullptr, 6, 2, 1},
};

}  // namespace

std::span<const Signature> node_journal_signatures() {
    return k_node_journal_signatures;
}

}  // namespace pm
