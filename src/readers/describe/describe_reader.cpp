#include "readers/describe/describe_reader.hpp"

#include <iterator>
#include <memory>

#include "base/parallel.hpp"
#include "base/text.hpp"
#include "readers/describe/describe_keys.hpp"
#include "readers/describe/describe_parser.hpp"

namespace pm {

namespace {

// A region this long is read in chunks of about this many lines, cut at pod records: the repaired
// lines of one chunk at a time stay small, and chunks are read on several threads.
constexpr std::size_t k_chunk_lines = 16384;

bool starts_key(std::string_view body, std::string_view key) {
    return body.size() > key.size() && body.starts_with(key) && is_blank_char(body[key.size()]);
}

// Where a record starts: `Name:` at column 0 after a blank line, `Namespace:` the next line with
// text (formats.md §1.1: records are separated by blank lines and always open so).
bool is_record_start(const LineIndex& lines, const PasteProfile& profile, std::size_t i, std::size_t last) {
    if (i == 0 || !is_blank(repaired_body(lines[i - 1], profile)) || !starts_key(repaired_body(lines[i], profile), "Name:")) {
        return false;
    }
    for (std::size_t j = i + 1; j <= last; ++j) {
        const std::string_view body = repaired_body(lines[j], profile);
        if (!is_blank(body)) {
            return starts_key(body, "Namespace:");
        }
    }
    return false;
}

// Chunk boundaries: the first record start after each k_chunk_lines mark.
std::vector<std::size_t> chunk_starts(const LineIndex& lines, const PasteProfile& profile, std::size_t first,
                                      std::size_t last) {
    std::vector<std::size_t> starts{first};
    for (std::size_t i = first + k_chunk_lines; i <= last; ++i) {
        if (is_record_start(lines, profile, i, last)) {
            starts.push_back(i);
            i += k_chunk_lines - 1;
        }
    }
    return starts;
}

}  // namespace

void read_describe(ReadContext& context) {
    const Region& region = context.region;
    auto& into = context.incident.pods;
    if (region.last - region.first + 1 <= 2 * k_chunk_lines) {
        std::vector<Pod> pods =
            parse_describe(context.text, context.input, region.first, region.last, context.incident);
        into.insert(into.end(), std::make_move_iterator(pods.begin()), std::make_move_iterator(pods.end()));
        return;
    }
    // One paste profile for the whole region, so every chunk undoes the same damage.
    const PasteProfile profile = detect_paste_profile(context.text.body_lines(), region.first, region.last, context.jobs);
    const std::vector<std::size_t> starts = chunk_starts(context.text.body_lines(), profile, region.first, region.last);
    std::vector<std::unique_ptr<Incident>> parts(starts.size());
    parallel_for(starts.size(), context.jobs, [&](std::size_t k) {
        const std::size_t last = k + 1 < starts.size() ? starts[k + 1] - 1 : region.last;
        parts[k] = std::make_unique<Incident>(context.input);
        Incident& part = *parts[k];
        part.add_input(context.incident.input(context.input));
        part.pods = parse_describe(context.text, context.input, starts[k], last, profile, part);
    });
    context.incident.reserve_for(parts);
    for (auto& part : parts) {
        part->inputs.clear();  // the record is the incident's own; the part held a copy for citations
        context.incident.absorb(std::move(*part));
    }
}

}  // namespace pm
