// How a lone pasted runtime error is recognised (formats.md §4).
#include "readers/runtime_errors/signatures.hpp"

#include <array>

#include "regions/line_shape.hpp"

namespace pm {

namespace {

using T = LineTest;

// a lone runtime error (runc / containerd / CRI-O / Docker); every marker is one signature, capped low, so a log with a few such lines stays a log
constexpr std::array k_oci_message_signatures = {
    Signature{T::shape, {}, has_oci_marker, 5, 2, 1},
};

}  // namespace

std::span<const Signature> oci_message_signatures() {
    return k_oci_message_signatures;
}

}  // namespace pm
