// What a container's logs say about its end: the last fatal signature (a panic, an uncaught
// exception, a refused configuration) with its trace, or a log that ends without an error where
// something outside killed the process.
#pragma once

#include "diagnose/reading.hpp"

namespace pm {

void weigh_container_logs(const Grammar& g, const Incident& incident, std::uint32_t pod, std::uint32_t container,
                          const Container& c, Reading& r);

}  // namespace pm
