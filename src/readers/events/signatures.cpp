// How event listings are recognised (formats.md §2.2).
#include "readers/events/signatures.hpp"

#include <array>

#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

// kubectl get events / kubectl events
constexpr std::array k_events_signatures = {
    Signature{T::shape, {}, is_events_header, 10, 4, 1},
    Signature{T::shape, {}, is_events_row, 3, 100, 0},
};

}  // namespace

std::span<const Signature> events_signatures() {
    return k_events_signatures;
}

}  // namespace pm
