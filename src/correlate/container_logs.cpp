#include "correlate/container_logs.hpp"

#include <string>

#include "readers/log_scan/log_scanner.hpp"

namespace pm {

namespace {

bool same(const OptText& a, const OptText& b) {
    return !a || !b || *a == *b;
}

// The containers a log's names fit.
std::vector<std::pair<std::uint32_t, std::uint32_t>> fitting(const Incident& incident, const ContainerLog& log) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> out;
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        const Pod& pod = incident.pods[p];
        if (!same(log.pod, pod.name) || !same(log.namespace_, pod.namespace_) || !same(log.pod_uid, pod.uid)) {
            continue;
        }
        for (std::uint32_t c = 0; c < pod.containers.size(); ++c) {
            if (log.container && pod.containers[c].name == log.container) {
                out.emplace_back(p, c);
            }
        }
    }
    return out;
}

// With no container name to go by: among the pods the log's names fit (all, when it names none), the
// one container that terminated, else the one container there is.
std::optional<std::pair<std::uint32_t, std::uint32_t>> only_candidate(const Incident& incident, const ContainerLog& log,
                                                                      Text& how) {
    std::vector<std::pair<std::uint32_t, std::uint32_t>> terminated;
    std::vector<std::pair<std::uint32_t, std::uint32_t>> all;
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        const Pod& pod = incident.pods[p];
        if (pod.lone_error != k_none_index || !same(log.pod, pod.name) || !same(log.namespace_, pod.namespace_) ||
            !same(log.pod_uid, pod.uid)) {
            continue;
        }
        for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
            all.emplace_back(p, c);
            if (incident.pods[p].containers[c].latest() != nullptr) {
                terminated.emplace_back(p, c);
            }
        }
    }
    if (terminated.size() == 1) {
        how = "the only container in the inputs that terminated";
        return terminated.front();
    }
    if (all.size() == 1) {
        how = "the only container in the inputs";
        return all.front();
    }
    return std::nullopt;
}

// The first few container names the pods have, for a message: "api, worker, …".
std::string container_names(const Incident& incident) {
    constexpr std::size_t k_listed = 5;
    std::string out;
    std::size_t listed = 0;
    for (const Pod& pod : incident.pods) {
        for (const Container& c : pod.containers) {
            if (!c.name) {
                continue;
            }
            if (listed == k_listed) {
                return out + ", \u2026";
            }
            out += (listed++ == 0 ? "" : ", ") + std::string(*c.name);
        }
    }
    return listed == 0 ? std::string("none named") : out;
}

}  // namespace

void attach_container_logs(const Grammar& g, Incident& incident) {
    const bool no_pods_read = incident.pods.empty();
    for (ContainerLog& log : incident.container_logs) {
        if (log.from_message) {
            continue;
        }
        const auto fits = fitting(incident, log);
        if (!fits.empty()) {
            log.pod_index = fits.front().first;
            log.container_index = fits.front().second;
            continue;
        }
        if (!log.container) {
            Text how;
            if (const auto only = only_candidate(incident, log, how)) {
                log.pod_index = only->first;
                log.container_index = only->second;
                log.attributed_by = how;
                continue;
            }
            // Nothing else was saved of its pod (a `kubectl logs -p` pasted alone): a crash the log
            // records still makes a record, so it is diagnosed; a log that names no pod among pods
            // that are there stays unattributed rather than guessed.
            const bool names_a_pod = log.pod || log.pod_uid;
            if (log.signatures.empty() || (!names_a_pod && !no_pods_read)) {
                continue;
            }
        }
        // A log of a container no other input describes (a node's CRI file, a bundle's log): its
        // names make the record, so what it says is not lost.
        if (log.attributed_by.starts_with("named with --log") && !incident.pods.empty()) {
            // The user named the container: a name no pod has is more likely a typo than a stranger.
            incident.warn(log.at,
                          "--log names container " + std::string(*log.container) +
                              ", which no pod in the inputs has (" + container_names(incident) +
                              "); its log is reported as a container of its own",
                          "check the name against the describe's Containers: section");
        }
        Pod pod;
        pod.namespace_ = log.namespace_;
        pod.name = log.pod;
        pod.uid = log.pod_uid;
        pod.at = log.at;
        Container named;
        named.name = log.container;
        named.at = log.at;
        pod.containers.push_back(std::move(named));
        log.pod_index = static_cast<std::uint32_t>(incident.pods.size());
        log.container_index = 0;
        incident.pods.push_back(std::move(pod));
    }
    // A termination message that holds the log's tail (FallbackToLogsOnError) is read the same way.
    const CrashScanner& scanner = CrashScanner::of(g);
    std::vector<ContainerLog> tails;
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
            for (const Termination& t : incident.pods[p].containers[c].terminations) {
                if (!t.message || t.message->empty() || t.runtime_error != k_none_index) {
                    continue;
                }
                const Cite at = t.message_at.known() ? t.message_at : t.at;
                LogScanner tail(scanner, incident, at.input, at.line == 0 ? 1 : at.line);
                tail.feed(*t.message);
                for (ContainerLog& log : tail.finish()) {
                    if (log.signatures.empty()) {
                        continue;  // a message with no signature says nothing a log would
                    }
                    log.at = at;
                    log.from_message = true;
                    log.attributed_by = "its termination message";
                    log.pod_index = p;
                    log.container_index = c;
                    tails.push_back(std::move(log));
                }
            }
        }
    }
    for (ContainerLog& log : tails) {
        incident.container_logs.push_back(std::move(log));
    }
}

}  // namespace pm
