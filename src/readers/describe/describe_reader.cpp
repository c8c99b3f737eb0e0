#include "readers/describe/describe_reader.hpp"

#include <iterator>

#include "readers/describe/describe_parser.hpp"

namespace pm {

void read_describe(ReadContext& context) {
    std::vector<Pod> pods =
        parse_describe(context.text, context.input, context.region.first, context.region.last, context.incident);
    auto& into = context.incident.pods;
    into.insert(into.end(), std::make_move_iterator(pods.begin()), std::make_move_iterator(pods.end()));
}

}  // namespace pm
