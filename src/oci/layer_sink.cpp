// Layer cleaning (blanks, stray brackets) and the bounded layer list.
#include "oci/layer_sink.hpp"

#include "base/text.hpp"

#include <algorithm>

namespace pm::oci {

namespace {

// Brackets a paste left behind (a `[` of a Go slice print, a `]` of a cut-off list) go when the
// layer has no partner for them; balanced ones (`(via /proc/self/fd/6)`) stay.
std::string_view strip_stray_brackets(std::string_view text, char open, char close)
{
    const auto opens = std::count(text.begin(), text.end(), open);
    const auto closes = std::count(text.begin(), text.end(), close);
    auto surplus = opens - closes;
    while (surplus > 0 && !text.empty() && text.front() == open) {
        text.remove_prefix(1);
        --surplus;
    }
    while (surplus < 0 && !text.empty() && text.back() == close) {
        text.remove_suffix(1);
        ++surplus;
    }
    return trim(text);
}

std::string_view cut_at_character(std::string_view text, std::size_t size)
{
    // Step back over UTF-8 continuation bytes so no character is split.
    std::size_t end = size;
    while (end > 0 && size - end < 3 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) {
        --end;
    }
    return text.substr(0, end);
}

}  // namespace

void LayerSink::add(std::string_view layer)
{
    layer = trim(layer);
    layer = strip_stray_brackets(layer, '[', ']');
    layer = strip_stray_brackets(layer, '(', ')');
    if (layer.empty()) {
        return;
    }
    if (layer.size() > k_max_layer_bytes) {
        layer = cut_at_character(layer, k_max_layer_bytes);
        m_cut = true;
    }
    if (m_head.size() < k_kept_layers / 2) {
        m_head.emplace_back(layer);
        return;
    }
    m_tail.emplace_back(layer);
    if (m_tail.size() > k_kept_layers / 2) {
        m_tail.pop_front();
        ++m_elided;
    }
}

std::vector<std::string> LayerSink::take()
{
    std::vector<std::string> layers = std::move(m_head);
    for (std::string& layer : m_tail) {
        layers.push_back(std::move(layer));
    }
    m_head.clear();
    m_tail.clear();
    return layers;
}

}  // namespace pm::oci
