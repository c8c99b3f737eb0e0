#include "readers/reader.hpp"

namespace pm {

void ReaderRegistry::add(const ReaderSpec& reader) {
    m_readers.push_back(reader);
    m_profiles.push_back(reader.profile);
    m_profiles.back().name = reader.name;
    m_index = std::make_shared<const SignatureIndex>(m_profiles);
}

const ReaderSpec* ReaderRegistry::find(std::string_view name) const {
    for (const auto& reader : m_readers) {
        if (reader.name == name) {
            return &reader;
        }
    }
    return nullptr;
}

}  // namespace pm
