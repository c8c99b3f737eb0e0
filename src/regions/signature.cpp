#include "regions/signature.hpp"

namespace pm {

bool signature_matches(const Signature& sig, std::string_view line) {
    switch (sig.test) {
    case LineTest::equals:
        return line == sig.text;
    case LineTest::prefix:
        return line.substr(0, sig.text.size()) == sig.text;
    case LineTest::contains:
        return line.find(sig.text) != std::string_view::npos;
    case LineTest::shape:
        return sig.shape(line);
    }
    return false;
}

}  // namespace pm
