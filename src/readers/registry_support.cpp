#include "readers/reader.hpp"

namespace pm {

void ReaderRegistry::add(const ReaderSpec& reader) {
    m_readers.push_back(reader);
    m_profiles.push_back(reader.profile);
    m_profiles.back().name = reader.name;
    m_index = std::make_shared<LazyIndex>();  // a copy of this registry keeps the index it had
}

const SignatureIndex& ReaderRegistry::index() const {
    const std::lock_guard<std::mutex> lock(m_index->mutex);
    if (!m_index->index) {
        m_index->index = std::make_shared<const SignatureIndex>(m_profiles);
    }
    return *m_index->index;
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
