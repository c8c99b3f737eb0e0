// fuzz_report: an evidence store and its diagnoses built from the bytes, rendered both ways. The
// JSON must parse with the contract's keys; the Markdown must have exactly the block structure of
// the same report whose untrusted text had every printable ASCII character replaced by `x` (so no
// text can open a heading, a list, a table cell, a code block, a link or raw HTML), and none of
// the inline nodes untrusted text must never create.
#include <cstdlib>
#include <fstream>
#include <memory>
#include <string>

#include "entries.hpp"
#include "report/json_writer.hpp"
#include "report/markdown_writer.hpp"
#include "report/render_options.hpp"
#include "grammar/grammar_loader.hpp"
#include "pipeline/analyzer.hpp"
#include "report_checks.hpp"

namespace pm::fuzz {

namespace {

constexpr std::string_view k_target = "report";

// Reads the fuzzer's bytes as a little program of choices and strings; past the end, zeros.
class ByteReader {
public:
    explicit ByteReader(std::string_view data) : m_data(data) {}
    unsigned byte() {
        if (m_pos >= m_data.size()) {
            return 0;
        }
        return static_cast<unsigned char>(m_data[m_pos++]);
    }
    unsigned below(unsigned n) { return n == 0 ? 0 : byte() % n; }
    bool flag() { return (byte() & 1) != 0; }
    // A length byte (long strings: a second one), then that many bytes.
    std::string_view text() {
        std::size_t n = byte();
        if (n == 255) {
            n += std::size_t{byte()} * 64;
        }
        n = std::min(n, m_data.size() - std::min(m_pos, m_data.size()));
        const std::string_view out = m_data.substr(std::min(m_pos, m_data.size()), n);
        m_pos += n;
        return out;
    }

private:
    std::string_view m_data;
    std::size_t m_pos = 0;
};

// Untrusted text as written, or inert: printable ASCII other than the space becomes `x`, so the
// length in code points, the line breaks and the blanks stay.
std::string inert(std::string_view text) {
    std::string out(text);
    for (char& c : out) {
        if (c > ' ' && c < 0x7F) {
            c = 'x';
        }
    }
    return out;
}

struct Built {
    Incident incident;
    Diagnoses diagnoses;
};

// Builds an incident and its diagnoses from the reader's choices; with `inert`, every untrusted
// text made inert (the same choices otherwise, so the two reports differ only in their text).
class Builder {
public:
    Builder(std::string_view data, bool make_inert) : m_in(data), m_inert(make_inert) {}

    std::unique_ptr<Built> build() {
        m_out = std::make_unique<Built>();
        inputs();
        const unsigned pods = m_in.below(4);
        for (unsigned p = 0; p < pods; ++p) {
            incident().pods.push_back(pod());
        }
        runtime_errors();
        kernel_events();
        const unsigned warnings = m_in.below(3);
        for (unsigned w = 0; w < warnings; ++w) {
            const Text message = text();
            incident().warn(cite(), std::string(message), std::string(text()));
        }
        findings();
        return std::move(m_out);
    }

private:
    Incident& incident() { return m_out->incident; }

    Text text() {
        const std::string_view raw = m_in.text();
        return incident().keep(m_inert ? inert(raw) : std::string(raw));
    }
    OptText opt() {
        if (!m_in.flag()) {
            return std::nullopt;
        }
        return text();
    }
    OptInt opt_int() {
        if (!m_in.flag()) {
            return std::nullopt;
        }
        return static_cast<long long>(m_in.byte()) - 8;
    }
    OptTime opt_time() {
        if (!m_in.flag()) {
            return std::nullopt;
        }
        TimePoint t;
        t.basis = static_cast<TimeBasis>(m_in.below(4));
        t.seconds = static_cast<std::int64_t>(m_in.byte()) << (m_in.below(5) * 8);
        t.offset_seconds = (static_cast<int>(m_in.byte()) - 128) * 900;
        t.fraction_digits = static_cast<std::uint8_t>(m_in.below(10));
        t.nanos = static_cast<std::uint32_t>(m_in.byte()) * 1000000U;
        t.utc_designator = m_in.flag();
        return t;
    }
    Cite cite() {
        const InputId input = m_in.below(m_inputs + 1) == m_inputs ? k_no_input : m_in.below(m_inputs);
        return {input, m_in.byte()};
    }
    Text cause() { return contract_causes()[m_in.below(static_cast<unsigned>(contract_causes().size()))]; }
    Confidence confidence() { return static_cast<Confidence>(1 + m_in.below(3)); }

    void inputs() {
        m_inputs = 1 + m_in.below(3);
        for (unsigned i = 0; i < m_inputs; ++i) {
            InputRecord record;
            record.path = m_inert ? inert(m_in.text()) : std::string(m_in.text());
            record.lines = std::uint64_t{m_in.byte()} * 4;
            record.kind = contract_input_kinds()[m_in.below(static_cast<unsigned>(contract_input_kinds().size()))];
            incident().add_input(std::move(record));
        }
    }

    Termination termination() {
        Termination t;
        t.reason = opt();
        t.exit_code = opt_int();
        t.signal = opt_int();
        t.signal_name = opt();
        t.started = opt_time();
        t.finished = opt_time();
        t.message = opt();
        t.at = cite();
        t.never_started = m_in.flag();
        return t;
    }

    Container container() {
        Container c;
        c.name = opt();
        c.type = static_cast<ContainerType>(m_in.below(3));
        c.image = opt();
        c.restart_count = opt_int();
        c.at = cite();
        const unsigned terminations = m_in.below(4);
        for (unsigned t = 0; t < terminations; ++t) {
            c.terminations.push_back(termination());
        }
        const auto count = static_cast<unsigned>(c.terminations.size());
        if (count > 0 && m_in.flag()) {
            c.last_termination = m_in.below(count);
        }
        c.state.status = static_cast<StateStatus>(m_in.below(4));
        c.state.reason = opt();
        c.state.message = opt();
        if (c.state.status == StateStatus::terminated && count > 0 && m_in.flag()) {
            c.state.termination = m_in.below(count);
        }
        const unsigned env = m_in.below(3);
        for (unsigned e = 0; e < env; ++e) {
            const Text name = text();
            c.environment.emplace_back(name, text());
        }
        return c;
    }

    Event event() {
        Event e;
        e.type = opt();
        e.reason = opt();
        e.from = opt();
        e.object = opt();
        e.message = text();
        e.count = opt_int();
        e.age = opt();
        e.at = cite();
        e.row_text = text();
        return e;
    }

    Pod pod() {
        Pod pod;
        pod.namespace_ = opt();
        pod.name = opt();
        pod.node = opt();
        pod.status = opt();
        pod.reason = opt();
        pod.message = opt();
        pod.at = cite();
        const unsigned containers = m_in.below(4);
        for (unsigned c = 0; c < containers; ++c) {
            pod.containers.push_back(container());
        }
        const unsigned events = m_in.below(4);
        for (unsigned e = 0; e < events; ++e) {
            pod.events.push_back(event());
        }
        return pod;
    }

    void runtime_errors() {
        const unsigned errors = m_in.below(3);
        for (unsigned e = 0; e < errors; ++e) {
            RuntimeError error;
            error.at = cite();
            error.message = text();
            const unsigned layers = m_in.below(4);
            for (unsigned l = 0; l < layers; ++l) {
                error.chain.push_back(text());
            }
            error.innermost = text();
            error.cause = cause();
            error.explanation = text();
            error.truncated = m_in.flag();
            incident().runtime_errors.push_back(error);
        }
    }

    void kernel_events() {
        const unsigned kernel = m_in.below(3);
        for (unsigned k = 0; k < kernel; ++k) {
            KernelEvent event;
            event.kind = m_in.flag() ? "oom-kill" : "segfault";
            event.at = cite();
            event.time = opt_time();
            event.process = opt();
            event.pid = opt_int();
            event.cgroup = opt();
            incident().kernel_events.push_back(event);
        }
    }

    Finding finding(std::uint32_t pod, std::uint32_t container) {
        Finding f;
        f.subject = Subject{pod, container, std::nullopt};
        f.cause = cause();
        f.confidence = confidence();
        f.summary = std::string(text());
        const unsigned evidence = m_in.below(4);
        for (unsigned e = 0; e < evidence; ++e) {
            const Cite at = cite();
            f.evidence.push_back({at, text()});
        }
        const unsigned steps = m_in.below(3);
        for (unsigned s = 0; s < steps; ++s) {
            f.remediation.emplace_back(text());
        }
        const unsigned alternatives = m_in.below(3);
        for (unsigned a = 0; a < alternatives; ++a) {
            const Text why = cause();
            const Confidence how = confidence();
            f.alternatives.push_back({why, how, std::string(text())});
        }
        if (m_in.flag()) {
            f.exit_code_explanation = std::string(text());
        }
        return f;
    }

    // A finding for some of the containers.
    void findings() {
        Diagnoses& d = m_out->diagnoses;
        const auto& pods = incident().pods;
        d.by_container.resize(pods.size());
        for (std::uint32_t p = 0; p < pods.size(); ++p) {
            d.by_container[p].assign(pods[p].containers.size(), k_none_index);
            for (std::uint32_t c = 0; c < pods[p].containers.size(); ++c) {
                if (m_in.flag()) {
                    d.by_container[p][c] = static_cast<std::uint32_t>(d.findings.size());
                    d.findings.push_back(finding(p, c));
                }
            }
        }
        if (!d.findings.empty()) {
            d.headline = m_in.below(static_cast<unsigned>(d.findings.size()));
        }
    }

    ByteReader m_in;
    bool m_inert;
    unsigned m_inputs = 1;
    std::unique_ptr<Built> m_out;
};

std::unique_ptr<Built> build(std::string_view data, bool make_inert) {
    return Builder(data, make_inert).build();
}

}  // namespace

void report(std::string_view data) {
    const std::unique_ptr<Built> real = build(data, false);
    RenderOptions opts = render_options(builtin_grammar(), true);
    opts.pretty_json = (data.size() & 1) != 0;
    check_json_report(k_target, render_json(real->incident, real->diagnoses, opts));
    if (markdown_has_live_nodes(render_markdown(real->incident, real->diagnoses, opts))) {
        fail(k_target, "the Markdown report has raw HTML, a link or an image");
    }
    // Unredacted for the comparison: a redacted secret may take its line breaks with it.
    opts.redact = false;
    check_json_report(k_target, render_json(real->incident, real->diagnoses, opts));
    const std::unique_ptr<Built> plain = build(data, true);
    const std::string real_md = render_markdown(real->incident, real->diagnoses, opts);
    const std::string plain_md = render_markdown(plain->incident, plain->diagnoses, opts);
    if (markdown_shape(real_md) != markdown_shape(plain_md)) {
        // PM_FUZZ_DUMP=DIR keeps both reports for a look at a reproducer (DIR/real.md, DIR/inert.md).
        if (const char* dir = std::getenv("PM_FUZZ_DUMP")) {
            std::ofstream(std::string(dir) + "/real.md", std::ios::binary) << real_md;
            std::ofstream(std::string(dir) + "/inert.md", std::ios::binary) << plain_md;
            std::ofstream(std::string(dir) + "/real.json", std::ios::binary)
                << render_json(real->incident, real->diagnoses, opts);
        }
        fail(k_target, "untrusted text changed the Markdown's structure");
    }
}

}  // namespace pm::fuzz
