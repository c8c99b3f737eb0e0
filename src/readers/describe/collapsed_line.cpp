// Splitting of whitespace-collapsed describe text on the known key vocabulary.
#include "readers/describe/collapsed_line.hpp"

#include <cstring>

#include "readers/describe/describe_keys.hpp"

namespace pm {

namespace {

constexpr size_t k_min_keys = 3;

// After `Events:` the text is the events table; only `Name: TOKEN Namespace:` starts something new.
bool starts_next_pod(std::string_view text, size_t pos, const KeyMatch& match) {
    if (match.info->id != DescribeKey::name) {
        return false;
    }
    size_t p = pos + match.length;
    while (p < text.size() && is_blank_char(text[p])) {
        ++p;
    }
    while (p < text.size() && !is_blank_char(text[p])) {
        ++p;
    }
    while (p < text.size() && is_blank_char(text[p])) {
        ++p;
    }
    KeyMatch next = match_describe_key_at(text, p);
    return next.info != nullptr && next.info->id == DescribeKey::namespace_;
}

// ≤1.6 prints these sentences instead of an empty block; they end the field before them.
size_t sentence_at(std::string_view text, size_t pos) {
    for (std::string_view sentence : {std::string_view("No volumes."), std::string_view("No events.")}) {
        if (text.compare(pos, sentence.size(), sentence) == 0) {
            return sentence.size();
        }
    }
    return 0;
}

bool names_a_child(DescribeKey next) {
    return next == DescribeKey::container_id || next == DescribeKey::image || next == DescribeKey::volume_type;
}

}  // namespace

// At least `wanted` colons followed by a blank or the end: a cheap (memchr) filter that spares
// ordinary lines the word-by-word key search.
bool has_key_colons(std::string_view text, size_t wanted) {
    size_t found = 0;
    const char* p = text.data();
    const char* end = text.data() + text.size();
    while (p < end) {
        const void* hit = std::memchr(p, ':', static_cast<size_t>(end - p));
        if (hit == nullptr) {
            return false;
        }
        p = static_cast<const char*>(hit) + 1;
        if ((p == end || is_blank_char(*p)) && ++found >= wanted) {
            return true;
        }
    }
    return false;
}

std::vector<std::string_view> split_collapsed_line(std::string_view text) {
    if (!has_key_colons(text, k_min_keys)) {
        return {};  // most lines: decided by memchr, before any key lookup
    }
    KeyMatch first = match_describe_key_at(text, 0);
    if (first.info == nullptr || first.info->id == DescribeKey::message) {
        return {};
    }
    struct Cut {
        size_t pos;
        size_t key_length;
        DescribeKey id;
    };
    std::vector<Cut> cuts{{0, first.length, first.info->id}};
    bool in_events = first.info->id == DescribeKey::events;
    bool in_volumes = first.info->id == DescribeKey::volumes;
    for (size_t p = first.length; p < text.size(); ++p) {
        if (is_blank_char(text[p]) || !is_blank_char(text[p - 1])) {
            continue;
        }
        if (size_t length = sentence_at(text, p); length > 0 && !in_events) {
            cuts.push_back({p, length, DescribeKey::pod_scalar});
            p += length - 1;
            continue;
        }
        KeyMatch match = match_describe_key_at(text, p);
        if (match.info == nullptr) {
            continue;
        }
        if (in_events && !starts_next_pod(text, p, match)) {
            continue;
        }
        // `Optional:` or `Path:` inside an env value is no volume field until `Volumes:` began.
        if (match.info->scopes == k_scope_volume && !in_volumes) {
            continue;
        }
        in_events = match.info->id == DescribeKey::events;
        in_volumes = in_volumes || match.info->id == DescribeKey::volumes;
        cuts.push_back({p, match.length, match.info->id});
        p += match.length - 1;
    }
    if (cuts.size() < k_min_keys) {
        return {};
    }
    std::vector<std::string_view> pieces;
    pieces.reserve(cuts.size() + 4);
    for (size_t k = 0; k < cuts.size(); ++k) {
        size_t end = k + 1 < cuts.size() ? cuts[k + 1].pos : text.size();
        std::string_view piece = rtrim_view(text.substr(cuts[k].pos, end - cuts[k].pos));
        if (k + 1 < cuts.size() && names_a_child(cuts[k + 1].id)) {
            // `Containers: api:` or `… (ro) worker:` before `Image:`: the last word is a name line.
            size_t space = piece.find_last_of(" \t");
            if (space != std::string_view::npos && space >= cuts[k].key_length && piece.back() == ':') {
                pieces.push_back(rtrim_view(piece.substr(0, space)));
                pieces.push_back(piece.substr(space + 1));
                continue;
            }
        }
        pieces.push_back(piece);
    }
    return pieces;
}

}  // namespace pm
