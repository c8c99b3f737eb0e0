// Tests for the describe Events table parser and the column machinery under it, on real kubectl output.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "input/source_text.hpp"
#include "readers/events/column_table.hpp"
#include "readers/events/events_table.hpp"

namespace {

constexpr long long k_null = -1;

// SourceText as load_source_text would leave it: text plus one view per '\n'-separated line.
void fill(pm::SourceText& file, std::string text) {
    pm::set_source_text(file, "describe.txt", std::move(text));
}

// An incident whose one input is describe.txt, for citations and warnings.
struct Store {
    pm::Incident incident;
    pm::InputId id = 0;
    Store() {
        pm::InputRecord record;
        record.path = "describe.txt";
        id = incident.add_input(std::move(record));
    }
};

// Every line transformed the same way, as a paste does it.
template <typename F>
std::string map_lines(const std::string& text, F f) {
    std::string out;
    size_t start = 0;
    while (start < text.size()) {
        size_t nl = text.find('\n', start);
        size_t end = nl == std::string::npos ? text.size() : nl;
        out += f(text.substr(start, end - start));
        out += '\n';
        start = end + 1;
    }
    return out;
}

std::string flatten(const std::string& text) {
    return map_lines(text, [](std::string line) { return line.substr(std::min(line.find_first_not_of(' '), line.size())); });
}

std::string collapse(const std::string& text) {
    return map_lines(text, [](std::string line) {
        std::string out;
        for (char c : line) {
            if (!(c == ' ' && !out.empty() && out.back() == ' ')) {
                out.push_back(c);
            }
        }
        return out;
    });
}

std::string prefix(const std::string& text, const std::string& pre) {
    return map_lines(text, [&](std::string line) { return pre + line; });
}

std::string tabs_to_single_spaces(const std::string& text) {
    std::string out = text;
    for (char& c : out) {
        if (c == '\t') {
            c = ' ';
        }
    }
    return out;
}

struct ExpectedEvent {
    const char* type;
    const char* reason;
    const char* age;
    long long count;
    const char* from;
    const char* object;
    std::string message;
    const char* source;
    const char* first_seen = nullptr;
    const char* last_seen = nullptr;
};

struct TableCase {
    std::string name;
    std::string text;  // the lines after "Events:" are parsed; first = the line after it
    std::vector<ExpectedEvent> events;
    std::vector<std::string> warnings = {};  // "SOURCE: MESSAGE"
};

void check_opt(const pm::OptText& actual, const char* expected, const char* field) {
    INFO(field);
    if (expected == nullptr) {
        CHECK_FALSE(actual.has_value());
    } else {
        REQUIRE(actual.has_value());
        CHECK(*actual == expected);
    }
}

void check_opt(const pm::OptTime& actual, const char* expected, const char* field) {
    INFO(field);
    if (expected == nullptr) {
        CHECK_FALSE(actual.has_value());
    } else {
        REQUIRE(actual.has_value());
        CHECK(pm::format_rfc3339(*actual) == expected);
    }
}

// §1.5, verbatim (with the lines above Events: so that line numbers are real).
const std::string k_current =
    "Tolerations:                 node.kubernetes.io/not-ready:NoExecute op=Exists for 300s\n"
    "                             node.kubernetes.io/unreachable:NoExecute op=Exists for 300s\n"
    "Events:\n"
    "  Type     Reason     Age                  From               Message\n"
    "  ----     ------     ----                 ----               -------\n"
    "  Normal   Scheduled  12m                  default-scheduler  Successfully assigned prod/api-7d9f8b6c5d-x2kqp to worker-3\n"
    "  Normal   Pulled     4m3s (x4 over 12m)   kubelet            Container image \"registry.example/api:1.4.2\" already present on machine\n"
    "  Warning  BackOff    61s (x9 over 7m40s)  kubelet            Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)\n";

const std::string k_backoff_message =
    "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)";

std::vector<ExpectedEvent> current_events() {
    return {
        {"Normal", "Scheduled", "12m", k_null, "default-scheduler", nullptr,
         "Successfully assigned prod/api-7d9f8b6c5d-x2kqp to worker-3", "describe.txt:6"},
        {"Normal", "Pulled", "4m3s", 4, "kubelet", nullptr,
         "Container image \"registry.example/api:1.4.2\" already present on machine", "describe.txt:7"},
        {"Warning", "BackOff", "61s", 9, "kubelet", nullptr, k_backoff_message, "describe.txt:8"},
    };
}

// §2.1 pre-1.8 example, as given (spaces).
const std::string k_pre18 =
    "Events:\n"
    "  FirstSeen  LastSeen  Count  From               SubObjectPath         Type      Reason     Message\n"
    "  ---------  --------  -----  ----               -------------         --------  ------     -------\n"
    "  10m        10m       1      default-scheduler                        Normal    Scheduled  Successfully assigned web-1 to node-a\n"
    "  8m         2m        5      kubelet, node-a    spec.containers{web}  Warning   BackOff    Back-off restarting failed container\n";

std::vector<ExpectedEvent> pre18_events() {
    return {
        {"Normal", "Scheduled", "10m", 1, "default-scheduler", nullptr, "Successfully assigned web-1 to node-a",
         "describe.txt:4"},
        {"Warning", "BackOff", "2m", 5, "kubelet", "spec.containers{web}", "Back-off restarting failed container",
         "describe.txt:5"},
    };
}

// ≤1.6: TAB padding (tabwriter padchar '\t', padding 1), Go struct From, "SubobjectPath".
const std::string k_tabbed =
    "Events:\n"
    "  FirstSeen\tLastSeen\tCount\tFrom\t\t\tSubobjectPath\t\tType\t\tReason\t\tMessage\n"
    "  ---------\t--------\t-----\t----\t\t\t-------------\t\t--------\t------\t\t-------\n"
    "  1m\t\t1m\t\t1\t{default-scheduler }\t\t\t\tNormal\t\tScheduled\tSuccessfully assigned web-1 to node-a\n"
    "  1m\t\t1m\t\t1\t{kubelet node-a}\tspec.containers{web}\tNormal\t\tPulling\t\tpulling image \"nginx\"\n"
    "  58s\t\t12s\t\t4\t{kubelet node-a}\tspec.containers{web}\tWarning\t\tBackOff\t\tBack-off restarting failed docker container\n";

std::vector<ExpectedEvent> tabbed_events() {
    return {
        {"Normal", "Scheduled", "1m", 1, "default-scheduler", nullptr, "Successfully assigned web-1 to node-a",
         "describe.txt:4"},
        {"Normal", "Pulling", "1m", 1, "kubelet", "spec.containers{web}", "pulling image \"nginx\"", "describe.txt:5"},
        {"Warning", "BackOff", "12s", 4, "kubelet", "spec.containers{web}",
         "Back-off restarting failed docker container", "describe.txt:6"},
    };
}

// Kubernetes 1.0: absolute times, no Type column, box-drawing rule, lower-case reasons, the pause container.
const std::string k_v10 =
    "Events:\n"
    "  FirstSeen\t\t\t\tLastSeen\t\t\tCount\tFrom\t\t\tSubobjectPath\t\t\t\tReason\t\tMessage\n"
    "  \xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
    "\t\t\t\t\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\t\t\t"
    "\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\t\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80"
    "\t\t\t\xE2\x94\x80\xE2\x94\x80\xE2\x94\x80\t\t\t\t\xE2\x94\x80\xE2\x94\x80\t\t\xE2\x94\x80\xE2\x94\x80\n"
    "  Thu, 09 Jul 2015 14:05:45 -0700\tThu, 09 Jul 2015 14:05:45 -0700\t1\t{scheduler }\t\t\t\t\t\t\tscheduled\t"
    "Successfully assigned nginx to node-a\n"
    "  Thu, 09 Jul 2015 14:05:47 -0700\tThu, 09 Jul 2015 14:06:12 -0700\t3\t{kubelet node-a}\timplicitly required "
    "container POD\tpulled\t\tPod container image \"gcr.io/google_containers/pause:0.8.0\" already present on machine\n";

std::vector<ExpectedEvent> v10_events() {
    return {
        {nullptr, "scheduled", nullptr, 1, "scheduler", nullptr, "Successfully assigned nginx to node-a",
         "describe.txt:4", "2015-07-09T14:05:45-07:00", "2015-07-09T14:05:45-07:00"},
        {nullptr, "pulled", nullptr, 3, "kubelet", "implicitly required container POD",
         "Pod container image \"gcr.io/google_containers/pause:0.8.0\" already present on machine", "describe.txt:5",
         "2015-07-09T14:05:47-07:00", "2015-07-09T14:06:12-07:00"},
    };
}

// 1.8–1.19: current columns, From "component, host".
const std::string k_v1x =
    "Events:\n"
    "  Type     Reason                 Age                From               Message\n"
    "  ----     ------                 ----               ----               -------\n"
    "  Normal   Scheduled              3m                 default-scheduler  Successfully assigned default/web-1 to node-a\n"
    "  Normal   SuccessfulMountVolume  3m                 kubelet, node-a    MountVolume.SetUp succeeded for volume \"default-token-x7k2p\"\n"
    "  Normal   Pulled                 1m (x4 over 3m)    kubelet, node-a    Container image \"busybox\" already present on machine\n"
    "  Warning  BackOff                10s (x10 over 2m)  kubelet, node-a    Back-off restarting failed container\n";

std::vector<ExpectedEvent> v1x_events() {
    return {
        {"Normal", "Scheduled", "3m", k_null, "default-scheduler", nullptr,
         "Successfully assigned default/web-1 to node-a", "describe.txt:4"},
        {"Normal", "SuccessfulMountVolume", "3m", k_null, "kubelet", nullptr,
         "MountVolume.SetUp succeeded for volume \"default-token-x7k2p\"", "describe.txt:5"},
        {"Normal", "Pulled", "1m", 4, "kubelet", nullptr, "Container image \"busybox\" already present on machine",
         "describe.txt:6"},
        {"Warning", "BackOff", "10s", 10, "kubelet", nullptr, "Back-off restarting failed container",
         "describe.txt:7"},
    };
}

// 1.35+: the field path prefixes the message.
const std::string k_v135 =
    "Events:\n"
    "  Type     Reason     Age                 From               Message\n"
    "  ----     ------     ----                ----               -------\n"
    "  Normal   Scheduled  2m                  default-scheduler  Successfully assigned prod/api-7d9f8b6c5d-x2kqp to worker-3\n"
    "  Normal   Pulled     50s (x3 over 2m)    kubelet            spec.containers{api}: Container image \"registry.example/api:1.4.2\" already present on machine and can be accessed by the pod\n"
    "  Warning  BackOff    12s (x5 over 100s)  kubelet            spec.containers{api}: " + k_backoff_message + "\n";

std::vector<ExpectedEvent> v135_events() {
    return {
        {"Normal", "Scheduled", "2m", k_null, "default-scheduler", nullptr,
         "Successfully assigned prod/api-7d9f8b6c5d-x2kqp to worker-3", "describe.txt:4"},
        {"Normal", "Pulled", "50s", 3, "kubelet", "spec.containers{api}",
         "Container image \"registry.example/api:1.4.2\" already present on machine and can be accessed by the pod",
         "describe.txt:5"},
        {"Warning", "BackOff", "12s", 5, "kubelet", "spec.containers{api}", k_backoff_message, "describe.txt:6"},
    };
}

// An exec probe's output with a newline: the continuation sits at column 0 and starts a new column block.
const std::string k_multiline =
    "Events:\n"
    "  Type     Reason     Age                From               Message\n"
    "  ----     ------     ----               ----               -------\n"
    "  Normal   Scheduled  5m                 default-scheduler  Successfully assigned prod/worker-5c6d7-abcde to worker-2\n"
    "  Warning  Unhealthy  40s (x3 over 60s)  kubelet            Liveness probe failed: + exec /check.sh\n"
    "check failed: dial tcp 127.0.0.1:9000: connect: connection refused\n"
    "  Normal   Killing  40s               kubelet  Container worker failed liveness probe, will be restarted\n"
    "  Warning  BackOff  3s (x2 over 20s)  kubelet  Back-off restarting failed container worker in pod worker-5c6d7-abcde_prod(0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f)\n";

std::vector<ExpectedEvent> multiline_events() {
    return {
        {"Normal", "Scheduled", "5m", k_null, "default-scheduler", nullptr,
         "Successfully assigned prod/worker-5c6d7-abcde to worker-2", "describe.txt:4"},
        {"Warning", "Unhealthy", "40s", 3, "kubelet", nullptr,
         "Liveness probe failed: + exec /check.sh\ncheck failed: dial tcp 127.0.0.1:9000: connect: connection refused",
         "describe.txt:5"},
        {"Normal", "Killing", "40s", k_null, "kubelet", nullptr,
         "Container worker failed liveness probe, will be restarted", "describe.txt:7"},
        {"Warning", "BackOff", "3s", 2, "kubelet", nullptr,
         "Back-off restarting failed container worker in pod worker-5c6d7-abcde_prod(0c1d2e3f-4a5b-6c7d-8e9f-0a1b2c3d4e5f)",
         "describe.txt:8"},
    };
}

const std::string k_markers =
    "Events:\n"
    "  Type     Reason            Age        From               Message\n"
    "  ----     ------            ----       ----               -------\n"
    "  Warning  FailedScheduling  <unknown>  default-scheduler  0/3 nodes are available: 3 Insufficient memory.\n"
    "  Normal   Pulled            <invalid>  kubelet            Successfully pulled image \"busybox:1.36\" in 1.2s (1.2s including waiting)\n";

// An event written without a source: the From cell is only padding.
const std::string k_no_from =
    "Events:\n"
    "  Type     Reason       Age   From     Message\n"
    "  ----     ------       ----  ----     -------\n"
    "  Normal   Pulled       5m    kubelet  Container image \"busybox\" already present on machine\n"
    "  Warning  FailedMount  2m             MountVolume.SetUp failed for volume \"config\" : configmap \"app-config\" not found\n";

std::vector<ExpectedEvent> no_from_events() {
    return {
        {"Normal", "Pulled", "5m", k_null, "kubelet", nullptr, "Container image \"busybox\" already present on machine",
         "describe.txt:4"},
        {"Warning", "FailedMount", "2m", k_null, nullptr, nullptr,
         "MountVolume.SetUp failed for volume \"config\" : configmap \"app-config\" not found", "describe.txt:5"},
    };
}

std::string bad_rows(int n) {
    std::string text = "Events:\n  Type     Reason   Age  From     Message\n  ----     ------   ---  ----     -------\n";
    text += "  Normal   Pulled   5m   kubelet  Container image \"busybox\" already present on machine\n";
    for (int i = 0; i < n; ++i) {
        text += "  Warning  %!v(MISSING)\n";
    }
    return text;
}

std::vector<TableCase> table_cases() {
    std::string cut_message = k_current.substr(0, k_current.size() - k_backoff_message.size() + 21);
    std::string cut_interval = k_current.substr(0, k_current.find("61s (x9") + 9) + "\n";
    std::vector<ExpectedEvent> cut_message_events = current_events();
    cut_message_events[2].message = "Back-off restarting fa";
    std::vector<ExpectedEvent> cut_interval_events = current_events();
    cut_interval_events[2] = {"Warning", "BackOff", "61s", 9, nullptr, nullptr, "", "describe.txt:8"};

    std::vector<ExpectedEvent> unknown_rows = {
        {"Normal", "Pulled", "5m", k_null, "kubelet", nullptr, "Container image \"busybox\" already present on machine",
         "describe.txt:4"}};
    std::vector<std::string> three_warnings;
    std::vector<std::string> capped_warnings;
    for (int i = 0; i < 25; ++i) {
        std::string w = "describe.txt:" + std::to_string(5 + i) +
                        ": event row not understood: expected TYPE REASON AGE FROM MESSAGE";
        if (i < 3) {
            three_warnings.push_back(w);
        }
        if (i < 20) {
            capped_warnings.push_back(w);
        }
    }
    capped_warnings.push_back("describe.txt:25: 5 more event rows not understood");

    return {
        {"§1.5 current layout verbatim", k_current, current_events()},
        {"§1.5 flattened (indentation lost)", flatten(k_current), current_events()},
        {"§1.5 whitespace collapsed", collapse(k_current), current_events()},
        {"§1.5 flattened and collapsed", collapse(flatten(k_current)), current_events()},
        {"§1.5 Markdown quoted", prefix(k_current, "> "), current_events()},
        {"§1.5 Markdown quoted and collapsed", collapse(prefix(k_current, "> ")), current_events()},
        {"§1.5 code block indented by 4", prefix(k_current, "    "), current_events()},
        {"§1.5 list bullets", prefix(k_current, "- "), current_events()},
        {"§1.5 last row cut mid-message", cut_message, cut_message_events},
        {"§1.5 last row cut mid-interval", cut_interval, cut_interval_events},
        {"§2.1 pre-1.8 layout with empty SubObjectPath", k_pre18, pre18_events()},
        {"§2.1 pre-1.8 layout collapsed", collapse(k_pre18), pre18_events()},
        {"≤1.6 tab padding, {kubelet node-a}", k_tabbed, tabbed_events()},
        {"≤1.6 tabs turned into single spaces", tabs_to_single_spaces(k_tabbed), tabbed_events()},
        {"≤1.6 tab padding, quoted", prefix(k_tabbed, "> "), tabbed_events()},
        {"1.0 absolute times, no Type column", k_v10, v10_events()},
        {"1.0 tabs turned into single spaces", tabs_to_single_spaces(k_v10), v10_events()},
        {"1.8-1.19 From kubelet, node-a", k_v1x, v1x_events()},
        {"1.8-1.19 collapsed", collapse(k_v1x), v1x_events()},
        {"1.35 field-path prefix", k_v135, v135_events()},
        {"1.35 flattened", flatten(k_v135), v135_events()},
        {"multi-line message", k_multiline, multiline_events()},
        {"multi-line message, code indented", prefix(k_multiline, "    "), multiline_events()},
        {"multi-line message, quoted", prefix(k_multiline, "> "), multiline_events()},
        {"multi-line message, collapsed", collapse(k_multiline), multiline_events()},
        {"empty From cell", k_no_from, no_from_events()},
        {"empty From cell, collapsed", collapse(k_no_from), no_from_events()},
        {"<unknown> and <invalid> ages",
         k_markers,
         {{"Warning", "FailedScheduling", "<unknown>", k_null, "default-scheduler", nullptr,
           "0/3 nodes are available: 3 Insufficient memory.", "describe.txt:4"},
          {"Normal", "Pulled", "<invalid>", k_null, "kubelet", nullptr,
           "Successfully pulled image \"busybox:1.36\" in 1.2s (1.2s including waiting)", "describe.txt:5"}}},
        {"header lost, rows only",
         "Events:\n"
         "  Warning  BackOff    61s (x9 over 7m40s)  kubelet            " + k_backoff_message + "\n",
         {{"Warning", "BackOff", "61s", 9, "kubelet", nullptr, k_backoff_message, "describe.txt:2"}}},
        {"rows not understood", bad_rows(3), unknown_rows, three_warnings},
        {"warnings capped at 20", bad_rows(25), unknown_rows, capped_warnings},
        {"trailing blank lines and a second record",
         k_current + "\n\nsome unrelated text\n",
         current_events(),
         {"describe.txt:11: event row not understood: expected TYPE REASON AGE FROM MESSAGE"}},
    };
}

void check_event(const pm::Incident& incident, const pm::Event& actual, const ExpectedEvent& expected) {
    check_opt(actual.type, expected.type, "type");
    check_opt(actual.reason, expected.reason, "reason");
    check_opt(actual.age, expected.age, "age");
    check_opt(actual.from, expected.from, "from");
    check_opt(actual.object, expected.object, "object");
    check_opt(actual.first_seen, expected.first_seen, "first_seen");
    check_opt(actual.last_seen, expected.last_seen, "last_seen");
    if (expected.count == k_null) {
        CHECK_FALSE(actual.count.has_value());
    } else {
        REQUIRE(actual.count.has_value());
        CHECK(*actual.count == expected.count);
    }
    CHECK(actual.message == expected.message);
    CHECK(incident.where(actual.at) == expected.source);
    CHECK(actual.runtime_error == pm::k_none_index);
}

size_t events_line_end(const pm::SourceText& file) {
    for (size_t i = 0; i < file.lines.size(); ++i) {
        if (file.lines[i].find("Events:") != std::string_view::npos) {
            return i + 1;
        }
    }
    return 0;
}

}  // namespace

TEST_SUITE("events_table") {
    TEST_CASE("parse_event_table") {
        for (const TableCase& c : table_cases()) {
            INFO(c.name);
            pm::SourceText file;
            fill(file, c.text);
            Store store;
            std::vector<pm::Event> events =
                pm::parse_event_table(file, store.id, events_line_end(file), file.lines.size(), store.incident);
            REQUIRE(events.size() == c.events.size());
            for (size_t i = 0; i < events.size(); ++i) {
                INFO("event " << i);
                check_event(store.incident, events[i], c.events[i]);
            }
            std::vector<std::string> rendered;
            for (const pm::Diagnostic& w : store.incident.diagnostics) {
                rendered.push_back(pm::diagnostic_where(w) + ": " + w.message);
            }
            CHECK(rendered == c.warnings);
        }
    }

    TEST_CASE("parse_event_table on empty and out-of-range input") {
        pm::SourceText file;
        fill(file, k_current);
        Store store;
        CHECK(pm::parse_event_table(file, store.id, 3, 3, store.incident).empty());
        CHECK(pm::parse_event_table(file, store.id, 5, 2, store.incident).empty());
        CHECK(pm::parse_event_table(file, store.id, 100, 200, store.incident).empty());
        pm::SourceText blank;
        fill(blank, "Events:\n\n   \n");
        CHECK(pm::parse_event_table(blank, store.id, 1, blank.lines.size(), store.incident).empty());
        pm::SourceText none;  // `Events:\t<none>` broken over two lines
        fill(none, "Events:\n  <none>\n");
        CHECK(pm::parse_event_table(none, store.id, 1, none.lines.size(), store.incident).empty());
        CHECK(store.incident.diagnostics.empty());
        // end past the last line is clamped, not read.
        CHECK(pm::parse_event_table(file, store.id, 3, 1000, store.incident).size() == 3);
    }

    TEST_CASE("parse_event_table on 200,000 rows") {
        // 200,000 rows of 260 characters, aligned and whitespace-collapsed (timings: bench/bench_parsers).
        for (bool collapsed : {false, true}) {
            INFO("collapsed " << collapsed);
            std::string row = collapsed ? "  Warning BackOff 61s (x9 over 7m40s) kubelet "
                                        : "  Warning  BackOff    61s (x9 over 7m40s)  kubelet            ";
            row += k_backoff_message;
            row.append(260 - std::min<size_t>(row.size(), 260), 'x');
            std::string text = "Events:\n  Type     Reason     Age                  From               Message\n"
                               "  ----     ------     ----                 ----               -------\n";
            text.reserve(text.size() + 200000 * (row.size() + 1));
            for (int i = 0; i < 200000; ++i) {
                text += row;
                text += '\n';
            }
            pm::SourceText file;
            fill(file, std::move(text));
            Store store;
            std::vector<pm::Event> events =
                pm::parse_event_table(file, store.id, 1, file.lines.size(), store.incident);
            CHECK(events.size() == 200000);
            CHECK(store.incident.diagnostics.empty());
            CHECK(store.incident.where(events.back().at) == "describe.txt:200003");
        }
    }

    TEST_CASE("parse_event_table on hostile input") {
        std::string huge_line(20 * 1024 * 1024, 'a');
        std::string text = "Events:\n  Type  Reason  Age  From  Message\n" + huge_line + "\n";
        text += std::string(200000, '>') + " Normal Pulled 5s kubelet ok\n";
        text += std::string(1 << 20, '\t') + "\n";
        text += std::string(20000, ' ') + "Warning  BackOff  5s  kubelet  " + std::string(1 << 20, '\\') + "\n";
        pm::SourceText file;
        fill(file, std::move(text));
        Store store;
        std::vector<pm::Event> events = pm::parse_event_table(file, store.id, 1, file.lines.size(), store.incident);
        const auto& warnings = store.incident.diagnostics;
        REQUIRE(events.size() == 1);  // the deep-indented row; the long line and the quote run are not rows
        CHECK(*events[0].reason == "BackOff");
        CHECK(events[0].message.size() == (1u << 20));
        CHECK(warnings.size() == 2);  // the tab line is blank once its tabs are spaces
    }

    TEST_CASE("split_row on kubectl get events tables") {
        struct RowCase {
            const char* name;
            const char* header;
            const char* row;
            std::vector<const char*> cells;
            pm::SplitMethod method;
        };
        const RowCase cases[] = {
            {"§2.2 1.14+ aligned", "LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE",
             "3m12s       Warning   Unhealthy   pod/web-6f9c8d7b5-x2kqp     Liveness probe failed: HTTP probe failed with statuscode: 503",
             {"3m12s", "Warning", "Unhealthy", "pod/web-6f9c8d7b5-x2kqp",
              "Liveness probe failed: HTTP probe failed with statuscode: 503"},
             pm::SplitMethod::offsets},
            {"§2.2 1.14+ node event", "LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE",
             "41m         Warning   SystemOOM   node/worker-3               System OOM encountered, victim process: java, pid: 20117",
             {"41m", "Warning", "SystemOOM", "node/worker-3",
              "System OOM encountered, victim process: java, pid: 20117"},
             pm::SplitMethod::offsets},
            {"§2.2 1.14+ collapsed", "LAST SEEN TYPE REASON OBJECT MESSAGE",
             "2m52s Normal Killing pod/web-6f9c8d7b5-x2kqp Container web failed liveness probe, will be restarted",
             {"2m52s", "Normal", "Killing", "pod/web-6f9c8d7b5-x2kqp",
              "Container web failed liveness probe, will be restarted"},
             pm::SplitMethod::tokens},
            {"§2.2 kubectl events interval", "LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE",
             "61s (x9 over 7m40s)   Warning   BackOff   Pod/api-7d9f8b6c5d-x2kqp   Back-off restarting failed container api",
             {"61s (x9 over 7m40s)", "Warning", "BackOff", "Pod/api-7d9f8b6c5d-x2kqp",
              "Back-off restarting failed container api"},
             pm::SplitMethod::wide_gaps},
            {"§2.2 ≤1.11 wide",
             "LASTSEEN   FIRSTSEEN   COUNT     NAME          KIND      SUBOBJECT                TYPE      REASON    SOURCE                   MESSAGE",
             "13m        13m         1         nginx-3392-x  Pod       spec.containers{nginx}   Normal    Pulling   {kubelet minion-kcbf}    pulling image \"nginx\"",
             {"13m", "13m", "1", "nginx-3392-x", "Pod", "spec.containers{nginx}", "Normal", "Pulling",
              "{kubelet minion-kcbf}", "pulling image \"nginx\""},
             pm::SplitMethod::offsets},
        };
        for (const RowCase& c : cases) {
            INFO(c.name);
            std::optional<pm::ColumnHeader> header = pm::parse_column_header(c.header, pm::event_column_names());
            REQUIRE(header.has_value());
            REQUIRE(header->columns.size() == c.cells.size());
            std::vector<pm::ColumnRule> rules = pm::event_column_rules(*header);
            pm::RowCells cells;
            REQUIRE(pm::split_row(c.row, *header, rules, header->columns.size(), cells));
            CHECK(cells.method == c.method);
            REQUIRE(cells.cells.size() == c.cells.size());
            for (size_t i = 0; i < c.cells.size(); ++i) {
                INFO("cell " << i);
                CHECK(cells.cells[i] == c.cells[i]);
            }
        }
    }

    TEST_CASE("parse_column_header") {
        std::optional<pm::ColumnHeader> header = pm::parse_column_header(
            "LAST SEEN   TYPE      REASON      OBJECT                      MESSAGE", pm::event_column_names());
        REQUIRE(header.has_value());
        REQUIRE(header->columns.size() == 5);
        CHECK(header->columns[0].name == "LAST SEEN");
        CHECK(header->columns[0].id == static_cast<int>(pm::EventColumn::last_seen));
        CHECK(header->columns[1].start == 12);
        CHECK(header->columns[3].id == static_cast<int>(pm::EventColumn::object));
        CHECK(header->columns[4].start == 62);
        // Unknown first word, a single known name, and prose are not headers.
        CHECK_FALSE(pm::parse_column_header("Events:  Type Reason", pm::event_column_names()).has_value());
        CHECK_FALSE(pm::parse_column_header("Reason only", pm::event_column_names()).has_value());
        CHECK_FALSE(pm::parse_column_header(std::string(1 << 20, '\t'), pm::event_column_names()).has_value());
        std::string many;
        for (int i = 0; i < 100; ++i) {
            many += "Type ";
        }
        CHECK_FALSE(pm::parse_column_header(many, pm::event_column_names()).has_value());
    }

    TEST_CASE("parse_event_interval and event_component") {
        struct IntervalCase {
            const char* cell;
            const char* age;
            long long count;
        };
        const IntervalCase intervals[] = {
            {"61s (x9 over 7m40s)", "61s", 9}, {"12m", "12m", k_null}, {"<unknown>", "<unknown>", k_null},
            {"3s (x2 over <unknown>)", "3s", 2}, {"4m3s (x4 ov", "4m3s", 4},
        };
        for (const IntervalCase& c : intervals) {
            INFO(c.cell);
            pm::EventInterval interval = pm::parse_event_interval(c.cell);
            check_opt(interval.age, c.age, "age");
            CHECK(interval.count.value_or(k_null) == c.count);
        }
        struct ComponentCase {
            const char* cell;
            const char* component;
        };
        const ComponentCase components[] = {
            {"kubelet", "kubelet"}, {"kubelet, node-a", "kubelet"}, {"{kubelet node-a}", "kubelet"},
            {"{default-scheduler }", "default-scheduler"}, {"taint-eviction-controller", "taint-eviction-controller"},
            {"{ }", nullptr}, {"", nullptr},
        };
        for (const ComponentCase& c : components) {
            INFO(c.cell);
            check_opt(pm::event_component(c.cell), c.component, "component");
        }
    }
    TEST_CASE("parse_event_table stops at the closing fence of a Markdown paste") {
        pm::SourceText file;
        fill(file, "> Events:\n"
                   ">   Type     Reason   Age                 From     Message\n"
                   ">   ----     ------   ----                ----     -------\n"
                   ">   Warning  BackOff  61s (x9 over 7m40s)  kubelet  Back-off restarting failed container\n"
                   "```\n"
                   "What we checked so far: the node looked fine.\n");
        Store store;
        std::vector<pm::Event> events = pm::parse_event_table(file, store.id, 1, file.lines.size(), store.incident);
        const auto& warnings = store.incident.diagnostics;
        REQUIRE(events.size() == 1);
        CHECK(events[0].message == "Back-off restarting failed container");
        CHECK(warnings.empty());
    }
}
