// Tests for undoing paste damage on describe text: profiles, logical lines, collapsed lines.
#include <doctest/doctest.h>

#include <algorithm>
#include <cstdint>
#include <filesystem>
#include <fstream>
#include <string>
#include <vector>

#include "describe_samples.hpp"
#include "readers/describe/collapsed_line.hpp"
#include "readers/describe/describe_keys.hpp"
#include "readers/describe/glued_keys.hpp"
#include "readers/describe/line_screen.hpp"
#include "readers/describe/paste_repair.hpp"

namespace pm {

namespace {

std::string prefix_lines(std::string_view text, std::string_view prefix) {
    std::string out;
    size_t pos = 0;
    while (pos < text.size()) {
        size_t nl = text.find('\n', pos);
        size_t end = nl == std::string_view::npos ? text.size() : nl;
        out += prefix;
        out += text.substr(pos, end - pos);
        out += '\n';
        pos = end + 1;
    }
    return out;
}

// "LINE|INDENT|TEXT" plus "|piece" for pieces of a collapsed line (and "|last" on the last one).
std::vector<std::string> show_lines(const std::vector<PasteLine>& lines) {
    std::vector<std::string> out;
    for (const PasteLine& line : lines) {
        std::string row = std::to_string(line.line) + "|" + std::to_string(line.indent) + "|" + std::string(line.text);
        if (line.piece) {
            row += line.last_piece ? "|piece|last" : "|piece";
        }
        out.push_back(row);
    }
    return out;
}

}  // namespace

TEST_SUITE("paste_repair") {

struct ProfileCase {
    std::string name;
    std::string text;
    bool quoted;
    bool quote_eats_space;
    bool bulleted;
    int base_indent;
};

std::vector<ProfileCase> profile_cases() {
    const std::string clean(test::k_current_oom);
    return {
        {"clean current output", clean, false, false, false, 0},
        {"Markdown quote `> `", prefix_lines(clean, "> "), true, true, false, 0},
        {"quote `>` without a space", prefix_lines(clean, ">"), true, false, false, 0},
        {"nested quote `> > `", prefix_lines(clean, "> > "), true, true, false, 0},
        {"`- ` bullets", prefix_lines(clean, "- "), false, false, true, 0},
        {"quoted bullets", prefix_lines(clean, "> - "), true, true, true, 0},
        {"4-space Markdown code block", prefix_lines(clean, "    "), false, false, false, 4},
        {"seed fragment: only the first line indented", std::string(test::k_seed_last_state), false, false, false, 0},
        {"a `> ` line inside a message is no quoting",
         std::string(test::k_excerpt_multiline).insert(std::string(test::k_excerpt_multiline).find("goroutine"),
                                                      "> quoted log line\n"),
         false, false, false, 0},
        {"empty file", "", false, false, false, 0},
    };
}

void check_profile(const ProfileCase& c, const PasteProfile& profile) {
    CHECK(profile.quoted == c.quoted);
    if (c.quoted) {
        CHECK(profile.quote_eats_space == c.quote_eats_space);
    }
    CHECK(profile.bulleted == c.bulleted);
    CHECK(profile.base_indent == c.base_indent);
}

TEST_CASE("detect_paste_profile") {
    for (const ProfileCase& c : profile_cases()) {
        INFO(c.name);
        SourceText file;
        test::load_text(file, "describe.txt", c.text);
        check_profile(c, detect_paste_profile(file.lines, 0, file.lines.empty() ? 0 : file.lines.size() - 1));
    }
}

// A region of hundreds of thousands of lines is counted in slices on several threads: every case,
// repeated past that size, decides the same on three threads as on one.
TEST_CASE("detect_paste_profile decides the same on several threads") {
    for (const ProfileCase& c : profile_cases()) {
        INFO(c.name);
        const auto lines = static_cast<std::size_t>(std::count(c.text.begin(), c.text.end(), '\n'));
        std::string text;
        for (std::size_t have = 0; lines > 0 && have < 300000; have += lines) {
            text += c.text;
        }
        SourceText file;
        test::load_text(file, "describe.txt", text);
        const std::size_t last = file.lines.empty() ? 0 : file.lines.size() - 1;
        check_profile(c, detect_paste_profile(file.lines, 0, last, 1));
        check_profile(c, detect_paste_profile(file.lines, 0, last, 3));
    }
    // Whether most lines are quoted is decided by the slices' sum: a quoted majority that only the
    // later slices hold is still a majority, and a minority is not one.
    const std::string clean(test::k_current_oom);
    const std::string quoted = prefix_lines(clean, "> ");
    const auto block_lines = static_cast<std::size_t>(std::count(clean.begin(), clean.end(), '\n'));
    const auto repeat = [&](const std::string& block, std::size_t lines) {
        std::string out;
        for (std::size_t have = 0; have < lines; have += block_lines) {
            out += block;
        }
        return out;
    };
    struct Mix {
        std::size_t clean_lines;
        std::size_t quoted_lines;
        bool expected;
    };
    for (const Mix& mix : {Mix{140000, 170000, true}, Mix{170000, 140000, false}}) {
        const std::size_t clean_lines = mix.clean_lines;
        const std::size_t quoted_lines = mix.quoted_lines;
        const bool expected = mix.expected;
        CAPTURE(clean_lines);
        SourceText file;
        test::load_text(file, "describe.txt", repeat(clean, clean_lines) + repeat(quoted, quoted_lines));
        CHECK(detect_paste_profile(file.lines, 0, file.lines.size() - 1, 3).quoted == expected);
        CHECK(detect_paste_profile(file.lines, 0, file.lines.size() - 1, 1).quoted == expected);
    }
}

TEST_CASE("repair_paste") {
    struct Case {
        std::string name;
        std::string text;
        std::vector<std::string> expected;
    };
    const Case cases[] = {
        {"clean lines keep indentation and line numbers",
         "Name:         demo\n  app:\n    State:  Running\n\n",
         {"0|0|Name:         demo", "1|2|app:", "2|4|State:  Running", "3|0|"}},
        {"CR of a CRLF paste is trimmed", "Name:  demo\r\n    Image:  nginx\r\n",
         {"0|0|Name:  demo", "1|4|Image:  nginx"}},
        {"fence glued to the first line, closing fence alone",
         "```Name:  demo\nNamespace:  shop\n```\n",
         {"0|0|Name:  demo", "1|0|Namespace:  shop", "2|0|"}},
        {"fence with an info string, closing fence glued to the last line",
         "```text\nName:  demo\nEvents:  <none>```\n",
         {"0|0|", "1|0|Name:  demo", "2|0|Events:  <none>"}},
        {"nested quotes keep the indentation after the marker",
         "> > Name:  demo\n> >   app:\n> >     Image:  nginx\n",
         {"0|0|Name:  demo", "1|2|app:", "2|4|Image:  nginx"}},
        {"4-space code block shifted back",
         "    Name:  demo\n      app:\n    goroutine 1 [running]:\n",
         {"0|0|Name:  demo", "1|2|app:", "2|0|goroutine 1 [running]:"}},
        {"pre-1.8 TAB continuation sits at the value column",
         "Labels:\t\tapp=api\n\t\tpod-template-hash=5c7b9\n",
         {"0|0|Labels:\t\tapp=api", "1|16|pod-template-hash=5c7b9"}},
        {"collapsed line becomes one piece per field",
         "Name: demo Namespace: shop Containers: app: Container ID: docker://5fb8 Image: nginx\n",
         {"0|0|Name: demo|piece", "0|0|Namespace: shop|piece", "0|0|Containers:|piece", "0|0|app:|piece",
          "0|0|Container ID: docker://5fb8|piece", "0|0|Image: nginx|piece|last"}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        SourceText file;
        test::load_text(file, "describe.txt", c.text);
        std::vector<PasteLine> lines = repair_paste(file, 0, file.lines.empty() ? 0 : file.lines.size() - 1, detect_paste_profile(file.lines, 0, file.lines.empty() ? 0 : file.lines.size() - 1));
        CHECK(show_lines(lines) == c.expected);
    }
}

TEST_CASE("repaired_body") {
    struct Case {
        std::string name;
        PasteProfile profile;
        const char* line;
        const char* expected;
    };
    const Case cases[] = {
        {"TAB cell padding of a message line is kept", {}, "                    /app/main.go:12 +0x1d",
         "                    /app/main.go:12 +0x1d"},
        {"trailing blanks trimmed", {}, "main.main()   \t", "main.main()"},
        {"quote marker and its space removed", {true, true, false, 0}, "> goroutine 1 [running]:",
         "goroutine 1 [running]:"},
        {"base offset of a code block removed, padding kept", {false, false, false, 4},
         "                        /app/main.go:12 +0x1d", "                    /app/main.go:12 +0x1d"},
        {"bullet removed", {false, false, true, 0}, "- goroutine 1 [running]:", "goroutine 1 [running]:"},
        {"closing fence alone is blank", {}, "```", ""},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        CHECK(repaired_body(c.line, c.profile) == c.expected);
    }
}

TEST_CASE("repair_paste hostile lines") {
    struct Case {
        std::string name;
        std::string text;
        size_t expected_lines;
        int expected_indent;
    };
    const Case cases[] = {
        {"200,000 nested quote markers", std::string(200000, '>') + " Name:  demo\n", 1, 0},
        {"20 MB single line", "Last State: Terminated " + std::string(20u << 20, 'x'), 1, 0},
        {"a million spaces of indentation", std::string(1u << 20, ' ') + "k: v\n", 1, 1 << 20},
        {"a million TABs of indentation", std::string(1u << 20, '\t') + "k: v\n", 1, 8 << 20},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        SourceText file;
        test::load_text(file, "hostile.txt", c.text);
        std::vector<PasteLine> lines = repair_paste(file, 0, file.lines.empty() ? 0 : file.lines.size() - 1, detect_paste_profile(file.lines, 0, file.lines.empty() ? 0 : file.lines.size() - 1));
        REQUIRE(lines.size() == c.expected_lines);
        CHECK(lines[0].indent == c.expected_indent);
    }
}

TEST_CASE("split_collapsed_line") {
    struct Case {
        std::string name;
        const char* text;
        std::vector<std::string_view> expected;
    };
    const Case cases[] = {
        {"pod header", "Name: demo Namespace: shop Priority: 0", {"Name: demo", "Namespace: shop", "Priority: 0"}},
        {"container name after the section key",
         "Containers: api: Container ID: containerd://4f1c Image: registry.example/api:1.4.2",
         {"Containers:", "api:", "Container ID: containerd://4f1c", "Image: registry.example/api:1.4.2"}},
        {"container name glued to the previous field",
         "Mounts: /etc/x from cfg (ro) worker: Image: busybox:1.36 Ready: True",
         {"Mounts: /etc/x from cfg (ro)", "worker:", "Image: busybox:1.36", "Ready: True"}},
        {"volume name and volume fields",
         "Volumes: config: Type: ConfigMap (a volume populated by a ConfigMap) Name: cfg Optional: false "
         "QoS Class: BestEffort",
         {"Volumes:", "config:", "Type: ConfigMap (a volume populated by a ConfigMap)", "Name: cfg", "Optional: false",
          "QoS Class: BestEffort"}},
        {"`Optional:` in an env value before `Volumes:` is not cut",
         "Environment: DB: <set to the key 'p' in secret 's'> Optional: false Mounts: <none> Conditions:",
         {"Environment: DB: <set to the key 'p' in secret 's'> Optional: false", "Mounts: <none>", "Conditions:"}},
        {"the events table stays whole up to the next pod",
         "Events: Type Reason Age From Message ---- Normal Started 1m kubelet Started: x Name: p2 Namespace: n2 "
         "Status: Running",
         {"Events: Type Reason Age From Message ---- Normal Started 1m kubelet Started: x", "Name: p2",
          "Namespace: n2", "Status: Running"}},
        {"pre-1.7 sentences end a field", "QoS Class: Burstable No events. Name: b Namespace: c",
         {"QoS Class: Burstable", "No events.", "Name: b", "Namespace: c"}},
        {"a message is never cut", "Message: Reason: x Exit Code: 2 Started: y", {}},
        {"a note after a value is one field", "Exit Code:    137   <- this is the OOM", {}},
        {"two fields are not enough", "Ready: True Restart Count: 1", {}},
        {"an unknown first key", "DB_PASSWORD: x Image: y Ready: True State: Running", {}},
        {"colons without blanks are no keys", "Liveness: http-get http://:8080/healthz Image:x State:y", {}},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        CHECK(split_collapsed_line(c.text) == c.expected);
    }
}

TEST_CASE("split_glued_keys") {
    struct GluedCase {
        const char* name;
        std::string text;
        int indent;
        int base;
        std::vector<std::pair<std::string, int>> pieces;  // {} when nothing is glued
    };
    const GluedCase cases[] = {
        {"state reason, then Last State", "Reason:       CrashLoopBackOff    Last State:     Terminated", 6, 0,
         {{"Reason:       CrashLoopBackOff", 6}, {"Last State:     Terminated", 4}}},
        {"exit code, then Started", "Exit Code:    1      Started:      Tue, 12 Mar 2024 10:19:16 +0900", 6, 0,
         {{"Exit Code:    1", 6}, {"Started:      Tue, 12 Mar 2024 10:19:16 +0900", 6}}},
        {"image, then Image ID", "Image:         quay.io/x/router:0.19.2    Image ID:      quay.io/x/router@sha256:0f", 4, 0,
         {{"Image:         quay.io/x/router:0.19.2", 4}, {"Image ID:      quay.io/x/router@sha256:0f", 4}}},
        {"a block key glued", "Restart Count:  4    Limits:", 4, 0, {{"Restart Count:  4", 4}, {"Limits:", 4}}},
        {"two glued on one line", "Reason:       Error      Exit Code:    1      Started:      x", 6, 0,
         {{"Reason:       Error", 6}, {"Exit Code:    1", 6}, {"Started:      x", 6}}},
        {"the next environment variable", "GOMEMLIMIT:     900MiB      KAFKA_BROKERS:  kafka-0:9092", 6, 0,
         {{"GOMEMLIMIT:     900MiB", 6}, {"KAFKA_BROKERS:  kafka-0:9092", 6}}},
        {"a sibling under a Markdown code block's shift", "A:  1      B:  2", 2, 4, {{"A:  1", 2}, {"B:  2", 6}}},
        {"describe's own Optional after a secret reference",
         "LEDGER_DSN:  <set to the key 'dsn' in secret 'ledger-readonly'>  Optional: false", 2, 4, {}},
        {"alignment after the key is no glue", "State:          Waiting", 4, 0, {}},
        {"a message's text is free", "Message:  tried  Reason: x", 6, 0, {}},
        {"an event row is not a field line", "Warning  BackOff  61s  kubelet  Back-off", 2, 0, {}},
        {"single blanks never cut", "Reason: Error Exit Code: 1", 6, 0, {}},
    };
    for (const GluedCase& c : cases) {
        INFO("case: " << std::string(c.name));
        const std::vector<pm::GluedPiece> got = pm::split_glued_keys(c.text, c.indent, c.base);
        REQUIRE(got.size() == c.pieces.size());
        for (std::size_t k = 0; k < got.size(); ++k) {
            CHECK(std::string(got[k].text) == c.pieces[k].first);
            CHECK(got[k].indent == c.pieces[k].second);
        }
    }
}

// The screen in front of the two cutters, held to plain definitions: three colons or more; a colon,
// then, past the blanks after the first one, a TAB, a CR or two spaces side by side. Every length up
// to five blocks, with the telling bytes on and around the 16-byte block edges.
TEST_CASE("screen_line says what a byte-by-byte reading says") {
    const auto reference = [](std::string_view text) {
        LineScreen want;
        want.may_be_collapsed = std::count(text.begin(), text.end(), ':') >= 3;
        const std::size_t colon = text.find(':');
        if (colon != std::string_view::npos) {
            std::size_t p = colon + 1;
            while (p < text.size() && is_blank_char(text[p])) {
                ++p;
            }
            for (std::size_t i = p; i < text.size(); ++i) {
                if (text[i] == '\t' || text[i] == '\r' || (text[i] == ' ' && i + 1 < text.size() && text[i + 1] == ' ')) {
                    want.may_be_glued = true;
                }
            }
        }
        return want;
    };
    struct Case {
        const char* name;
        std::string text;
        bool collapsed;
        bool glued;
    };
    const std::vector<Case> cases = {
        {"a plain field", "Reason:       Error", false, false},
        {"glue after the value", "Reason:       CrashLoopBackOff    Last State:     Terminated", false, true},
        {"no colon", "just  some   words", false, false},
        {"alignment only", "Command:    ", false, false},
        {"a TAB in the value", "Image:  nginx\tlatest", false, true},
        {"a CR at the end", "Ready:  True\r", false, true},
        {"three colons, no glue", "Image ID:  docker-pullable://nginx@sha256:abc", true, false},
        {"the first colon is byte 15", std::string(15, 'k') + ":  v  w", false, true},
        {"the first colon is byte 16", std::string(16, 'k') + ":  v  w", false, true},
        {"the alignment spans a block edge", "Key:" + std::string(20, ' ') + "value", false, false},
        {"a pair across the block edge", "Key: " + std::string(10, 'v') + "  w", false, true},
        {"a pair at bytes 15 and 16", "K: " + std::string(12, 'v') + "  w", false, true},
        {"one space at byte 15, text at 16", "K: " + std::string(12, 'v') + " w x", false, false},
        {"empty", "", false, false},
    };
    for (const Case& c : cases) {
        INFO(c.name);
        const LineScreen got = screen_line(c.text);
        CHECK(got.may_be_collapsed == c.collapsed);
        CHECK(got.may_be_glued == c.glued);
    }
    // Every string of every length to 80 over the bytes that matter, pseudo-randomly, against the reference.
    const std::string alphabet = "ab: \t\r:  ";
    std::uint64_t state = 12345;
    for (int n = 0; n < 20000; ++n) {
        state = state * 6364136223846793005ULL + 1442695040888963407ULL;
        const std::size_t length = (state >> 33) % 81;
        std::string text;
        for (std::size_t i = 0; i < length; ++i) {
            state = state * 6364136223846793005ULL + 1442695040888963407ULL;
            text.push_back(alphabet[(state >> 33) % alphabet.size()]);
        }
        CAPTURE(text);
        const LineScreen got = screen_line(text);
        const LineScreen want = reference(text);
        CHECK(got.may_be_collapsed == want.may_be_collapsed);
        CHECK(got.may_be_glued == want.may_be_glued);
    }
}

// Whatever the screen passes over, the cutters would not have cut: every line of every sample.
TEST_CASE("screen_line never hides a cut from the cutters") {
    namespace fs = std::filesystem;
    std::size_t lines = 0;
    std::size_t screened_out = 0;
    for (const auto& entry : fs::recursive_directory_iterator(fs::path(PM_SOURCE_DIR) / "samples")) {
        if (!entry.is_regular_file()) {
            continue;
        }
        std::ifstream in(entry.path(), std::ios::binary);
        std::string line;
        while (std::getline(in, line)) {
            const std::string_view text = trim_view(line);
            const LineScreen screen = screen_line(text);
            ++lines;
            if (!screen.may_be_collapsed) {
                CHECK(split_collapsed_line(text).empty());
            }
            if (!screen.may_be_glued) {
                for (const int indent : {0, 2, 4, 6}) {
                    CHECK(split_glued_keys(text, indent, 0).empty());
                    CHECK(split_glued_keys(text, indent, 2).empty());
                }
            }
            screened_out += !screen.may_be_collapsed && !screen.may_be_glued ? 1 : 0;
        }
    }
    CHECK(lines > 5000);
    CHECK(screened_out * 2 > lines);  // most lines are let through unlooked-at
}

}  // TEST_SUITE

}  // namespace pm
