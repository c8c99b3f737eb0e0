// Containers a SIGKILL ended, filed by the second of their end in each way a kernel time can be read
// against it (an instant; a clock without offset read as UTC or in the describe's offset; a stamp
// without a year read in the end's year), so a kill finds the few it could be without a scan.
#pragma once

#include <cstdint>
#include <functional>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/time_point.hpp"
#include "correlate/container_id_index.hpp"
#include "evidence/records.hpp"

namespace pm {

class KillClock {
public:
    // Files `slot` under `scope` (a group the caller names: a pod, a node, all pods). `finished` must be
    // a wall time with an offset; others cannot be matched and are not filed.
    void add(std::uint64_t scope, Slot slot, const TimePoint& finished);

    // Calls `visit(slot)` for every container of `scope` whose end is within `slack` seconds of `e`'s
    // time in some reading (a slot may come twice, once per reading), until `visit` returns `stop`; in
    // the order filed within one second and reading, so `next_second` skips the later ones.
    enum class Next { more, next_second, stop };
    template <typename Visit>
    void visit(std::uint64_t scope, const KernelEvent& e, long long slack, Visit&& v) const {
        Probe probes[4];
        const std::size_t n = probes_of(e, probes);
        for (std::size_t i = 0; i < n; ++i) {
            for (long long s = probes[i].second - slack; s <= probes[i].second + slack; ++s) {
                const auto found = m_buckets.find(Key{s, scope, probes[i].reading});
                if (found == m_buckets.end()) {
                    continue;
                }
                for (const Slot& slot : found->second) {
                    const Next next = v(slot);
                    if (next == Next::stop) {
                        return;
                    }
                    if (next == Next::next_second) {
                        break;
                    }
                }
            }
        }
    }

private:
    struct Key {
        std::int64_t second;
        std::uint64_t scope;
        std::uint8_t reading;
        bool operator==(const Key&) const = default;
    };
    struct KeyHash {
        std::size_t operator()(const Key& k) const {
            return std::hash<std::uint64_t>()(static_cast<std::uint64_t>(k.second) * 0x9E3779B97F4A7C15ULL ^
                                              k.scope * 0xC2B2AE3D27D4EB4FULL ^ k.reading);
        }
    };
    struct Probe {
        std::int64_t second;
        std::uint8_t reading;
    };
    static std::size_t probes_of(const KernelEvent& e, Probe (&out)[4]);

    std::unordered_map<Key, std::vector<Slot>, KeyHash> m_buckets;
};

}  // namespace pm
