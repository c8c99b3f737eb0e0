// Where a report goes, written piece by piece so a large report is never held whole.
#pragma once

#include <string>
#include <string_view>

namespace pm {

class OutputSink {
public:
    virtual ~OutputSink() = default;
    // Writes `data`; after a failure further writes are ignored and ok() is false.
    virtual void write(std::string_view data) = 0;
    virtual bool ok() const = 0;
};

// Collects the report in memory (tests, explain-error).
class StringSink : public OutputSink {
public:
    void write(std::string_view data) override { m_text.append(data); }
    bool ok() const override { return true; }
    const std::string& text() const { return m_text; }
    std::string take() { return std::move(m_text); }

private:
    std::string m_text;
};

}  // namespace pm
