#include "evidence/records.hpp"

namespace pm {

const Termination* Container::latest() const {
    if (const Termination* t = current_termination()) {
        return t;
    }
    if (const Termination* t = last()) {
        return t;
    }
    return terminations.empty() ? nullptr : &terminations.back();
}

OptText Container::limit(Text resource) const {
    for (const auto& [limit_name, quantity] : limits) {
        if (limit_name == resource) {
            return quantity;
        }
    }
    return std::nullopt;
}

const LogSignature* ContainerLog::decisive() const {
    for (auto it = signatures.rbegin(); it != signatures.rend(); ++it) {
        if (it->fatal) {
            return &*it;
        }
    }
    return signatures.empty() ? nullptr : &signatures.back();
}

}  // namespace pm
