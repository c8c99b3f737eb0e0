// fuzz_report: an evidence store and its diagnoses built from the bytes, rendered both ways. The
// JSON must parse with the contract's keys; the Markdown must have exactly the block structure of
// the same report whose untrusted text had every printable ASCII character replaced by `x` (so no
// text can open a heading, a list, a table cell, a code block, a link or raw HTML), and none of
// the inline nodes untrusted text must never create.
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
            n += byte() * 64;
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

std::unique_ptr<Built> build(std::string_view data, bool make_inert) {
    auto out = std::make_unique<Built>();
    Incident& incident = out->incident;
    ByteReader in(data);
    auto text = [&]() -> Text {
        const std::string_view raw = in.text();
        return incident.keep(make_inert ? inert(raw) : std::string(raw));
    };
    auto opt = [&]() -> OptText {
        if (!in.flag()) {
            return std::nullopt;
        }
        return text();
    };
    auto opt_int = [&]() -> OptInt {
        if (!in.flag()) {
            return std::nullopt;
        }
        return static_cast<long long>(in.byte()) - 8;
    };
    auto opt_time = [&]() -> OptTime {
        if (!in.flag()) {
            return std::nullopt;
        }
        TimePoint t;
        t.basis = static_cast<TimeBasis>(in.below(4));
        t.seconds = static_cast<std::int64_t>(in.byte()) << (in.below(5) * 8);
        t.offset_seconds = (static_cast<int>(in.byte()) - 128) * 900;
        t.fraction_digits = static_cast<std::uint8_t>(in.below(10));
        t.nanos = in.byte() * 1000000u;
        t.utc_designator = in.flag();
        return t;
    };
    const unsigned inputs = 1 + in.below(3);
    for (unsigned i = 0; i < inputs; ++i) {
        InputRecord record;
        record.path = std::string(make_inert ? inert(in.text()) : std::string(in.text()));
        record.lines = in.byte() * 4;
        record.kind = contract_input_kinds()[in.below(static_cast<unsigned>(contract_input_kinds().size()))];
        incident.add_input(std::move(record));
    }
    auto cite = [&]() -> Cite { return {in.below(inputs + 1) == inputs ? k_no_input : in.below(inputs), in.byte()}; };
    auto quote = [&]() -> Quote { return {cite(), text()}; };
    const unsigned pods = in.below(4);
    for (unsigned p = 0; p < pods; ++p) {
        Pod pod;
        pod.namespace_ = opt();
        pod.name = opt();
        pod.node = opt();
        pod.status = opt();
        pod.reason = opt();
        pod.message = opt();
        pod.at = cite();
        const unsigned containers = in.below(4);
        for (unsigned c = 0; c < containers; ++c) {
            Container container;
            container.name = opt();
            container.type = static_cast<ContainerType>(in.below(3));
            container.image = opt();
            container.restart_count = opt_int();
            container.at = cite();
            const unsigned terminations = in.below(4);
            for (unsigned t = 0; t < terminations; ++t) {
                Termination term;
                term.reason = opt();
                term.exit_code = opt_int();
                term.signal = opt_int();
                term.signal_name = opt();
                term.started = opt_time();
                term.finished = opt_time();
                term.message = opt();
                term.at = cite();
                term.never_started = in.flag();
                container.terminations.push_back(term);
            }
            if (!container.terminations.empty() && in.flag()) {
                container.last_termination = in.below(static_cast<unsigned>(container.terminations.size()));
            }
            container.state.status = static_cast<StateStatus>(in.below(4));
            container.state.reason = opt();
            container.state.message = opt();
            if (container.state.status == StateStatus::terminated && !container.terminations.empty() && in.flag()) {
                container.state.termination = in.below(static_cast<unsigned>(container.terminations.size()));
            }
            const unsigned env = in.below(3);
            for (unsigned e = 0; e < env; ++e) {
                container.environment.emplace_back(text(), text());
            }
            pod.containers.push_back(std::move(container));
        }
        const unsigned events = in.below(4);
        for (unsigned e = 0; e < events; ++e) {
            Event event;
            event.type = opt();
            event.reason = opt();
            event.from = opt();
            event.object = opt();
            event.message = text();
            event.count = opt_int();
            event.age = opt();
            event.at = cite();
            event.row_text = text();
            pod.events.push_back(event);
        }
        incident.pods.push_back(std::move(pod));
    }
    const unsigned errors = in.below(3);
    for (unsigned e = 0; e < errors; ++e) {
        RuntimeError error;
        error.at = cite();
        error.message = text();
        const unsigned layers = in.below(4);
        for (unsigned l = 0; l < layers; ++l) {
            error.chain.push_back(text());
        }
        error.innermost = text();
        error.cause = contract_causes()[in.below(static_cast<unsigned>(contract_causes().size()))];
        error.explanation = text();
        error.truncated = in.flag();
        incident.runtime_errors.push_back(error);
    }
    const unsigned kernel = in.below(3);
    for (unsigned k = 0; k < kernel; ++k) {
        KernelEvent event;
        event.kind = in.flag() ? "oom-kill" : "segfault";
        event.at = cite();
        event.time = opt_time();
        event.process = opt();
        event.pid = opt_int();
        event.cgroup = opt();
        incident.kernel_events.push_back(event);
    }
    const unsigned warnings = in.below(3);
    for (unsigned w = 0; w < warnings; ++w) {
        const Text message = text();
        incident.warn(cite(), std::string(message), std::string(text()));
    }
    // One finding for some of the containers, and perhaps one about no pod.
    Diagnoses& d = out->diagnoses;
    d.by_container.resize(incident.pods.size());
    for (std::uint32_t p = 0; p < incident.pods.size(); ++p) {
        d.by_container[p].assign(incident.pods[p].containers.size(), k_none_index);
        for (std::uint32_t c = 0; c < incident.pods[p].containers.size(); ++c) {
            if (!in.flag()) {
                continue;
            }
            Finding f;
            f.subject = Subject{p, c, std::nullopt};
            f.cause = contract_causes()[in.below(static_cast<unsigned>(contract_causes().size()))];
            f.confidence = static_cast<Confidence>(1 + in.below(3));
            f.summary = std::string(text());
            const unsigned evidence = in.below(4);
            for (unsigned e = 0; e < evidence; ++e) {
                f.evidence.push_back(quote());
            }
            const unsigned steps = in.below(3);
            for (unsigned s = 0; s < steps; ++s) {
                f.remediation.push_back(text());
            }
            const unsigned alternatives = in.below(3);
            for (unsigned a = 0; a < alternatives; ++a) {
                f.alternatives.push_back(
                    {contract_causes()[in.below(static_cast<unsigned>(contract_causes().size()))],
                     static_cast<Confidence>(1 + in.below(3)), std::string(text())});
            }
            if (in.flag()) {
                f.exit_code_explanation = std::string(text());
            }
            d.by_container[p][c] = static_cast<std::uint32_t>(d.findings.size());
            d.findings.push_back(std::move(f));
        }
    }
    if (!d.findings.empty()) {
        d.headline = in.below(static_cast<unsigned>(d.findings.size()));
    }
    return out;
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
    if (markdown_shape(render_markdown(real->incident, real->diagnoses, opts)) !=
        markdown_shape(render_markdown(plain->incident, plain->diagnoses, opts))) {
        fail(k_target, "untrusted text changed the Markdown's structure");
    }
}

}  // namespace pm::fuzz
