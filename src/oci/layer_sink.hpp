// Collects the layers found while unwrapping, cleaned and bounded in number.
#pragma once

#include <cstddef>
#include <deque>
#include <string>
#include <string_view>
#include <vector>

namespace pm::oci {

// Keeps the first and the last k_kept_layers / 2 layers; hostile input (200,000 nested `caused`)
// must not turn into 200,000 strings, and the innermost layers are the ones that matter.
class LayerSink {
public:
    static constexpr std::size_t k_kept_layers = 64;
    // Real layers are a phrase and at most a few paths or a hook's stderr; a megabyte-long one
    // helps no reader and would be copied into every report.
    static constexpr std::size_t k_max_layer_bytes = std::size_t{64} * 1024;

    // Trims blanks, drops brackets left unbalanced at either end, cuts overlong layers (at a UTF-8
    // character boundary), ignores empty layers.
    void add(std::string_view layer);
    // True when layers were dropped or cut.
    bool elided() const { return m_elided > 0 || m_cut; }
    std::vector<std::string> take();

private:
    std::vector<std::string> m_head;
    std::deque<std::string> m_tail;
    std::size_t m_elided = 0;
    bool m_cut = false;
};

// What the unwrapping stages share.
struct UnwrapState {
    LayerSink layers;
    bool truncated = false;
    bool saw_containerd_or_docker = false;
};

}  // namespace pm::oci
