// Exit-code normalisation and the exit-code table in grammars/ (the seed guide's rules and more).
#include <doctest/doctest.h>

#include <cstdint>
#include <optional>
#include <string>

#include "grammar/grammar_loader.hpp"
#include "base/exit_code.hpp"

using namespace pm;

TEST_SUITE("exit_code") {

TEST_CASE("pm::normalise_exit_code") {
    struct Case {
        long long printed;
        long long code;
        std::optional<long long> raw;
    };
    const Case cases[] = {
        {0, 0, std::nullopt},       {1, 1, std::nullopt},    {137, 137, std::nullopt}, {255, 255, std::nullopt},
        {-1, 255, -1},              {-2, 254, -2},           {-255, 1, -255},          {-256, 0, -256},
        {-257, 255, -257},          {256, 0, 256},           {257, 1, 257},            {1000, 232, 1000},
        {-1073741510, 58, -1073741510},  // 0xC000013A, the Windows Ctrl-C exit
        {4294967295LL, 255, 4294967295LL},
        {-9223372036854775807LL - 1, 0, -9223372036854775807LL - 1},
    };
    for (const auto& c : cases) {
        CAPTURE(c.printed);
        auto n = normalise_exit_code(c.printed);
        CHECK(n.code == c.code);
        CHECK(n.raw == c.raw);
    }
}

TEST_CASE("pm::windows_status_bits") {
    struct Case {
        long long printed;
        std::optional<std::uint32_t> bits;
    };
    const Case cases[] = {
        {-1073741819, 0xC0000005U}, {3221225477LL, 0xC0000005U},  // docker/hcsshim print it unsigned
        {-532462766, 0xE0434352U},  {3762504530LL, 0xE0434352U},  {1073807364, 0x40010004U},
        {-1, 0xFFFFFFFFU},          {256, 0x100U},                {4294967295LL, 0xFFFFFFFFU},
        {0, std::nullopt},          {5, std::nullopt},            {255, std::nullopt},  // a Unix exit code
        {-2147483649LL, std::nullopt}, {4294967296LL, std::nullopt},  // wider than 32 bits
        {4294967296LL + 0xC0000005LL, std::nullopt},
    };
    for (const auto& c : cases) {
        CAPTURE(c.printed);
        CHECK(windows_status_bits(c.printed) == c.bits);
    }
}

TEST_CASE("pm::signal_from_exit_code") {
    CHECK(signal_from_exit_code(137) == 9);
    CHECK(signal_from_exit_code(143) == 15);
    CHECK(signal_from_exit_code(129) == 1);
    CHECK(signal_from_exit_code(192) == 64);
    CHECK_FALSE(signal_from_exit_code(128).has_value());
    CHECK_FALSE(signal_from_exit_code(127).has_value());
    CHECK_FALSE(signal_from_exit_code(193).has_value());
    CHECK_FALSE(signal_from_exit_code(255).has_value());
    CHECK_FALSE(signal_from_exit_code(0).has_value());
}

TEST_CASE("exit-code table: label and first reading per code") {
    const Grammar& g = builtin_grammar();
    struct Case {
        long long code;
        const char* label;
        const char* first_cause;
        const char* confidence;
    };
    const Case cases[] = {
        {0, "success", "app-exit-normal", "high"},
        {1, "general error", "app-error", "medium"},
        {2, "misuse / Go panic", "app-error", "medium"},
        {3, "application error", "app-error", "medium"},
        {64, "EX_USAGE", "app-error", "high"},
        {78, "EX_CONFIG", "app-error", "high"},
        {126, "not executable", "permission-denied", "medium"},
        {127, "command not found", "exec-not-found", "medium"},
        {128, "runtime start failure", "oci-start-error", "medium"},
        {130, "SIGINT", "external-kill", "medium"},
        {131, "killed by signal", "external-kill", "medium"},
        {134, "SIGABRT", "abort", "high"},
        {137, "SIGKILL", "external-kill", "low"},
        {139, "SIGSEGV", "segfault", "high"},
        {143, "SIGTERM", "external-kill", "medium"},
        {200, "application error", "app-error", "medium"},
        {255, "exit(-1) / node restart", "app-error", "medium"},
    };
    for (const auto& c : cases) {
        CAPTURE(c.code);
        const ExitRule* rule = g.exit_rule(c.code);
        REQUIRE(rule != nullptr);
        CHECK(rule->label == c.label);
        REQUIRE_FALSE(rule->causes.empty());
        CHECK(rule->causes[0].cause == c.first_cause);
        CHECK(confidence_name(rule->causes[0].confidence) == c.confidence);
    }
    for (int code = 0; code <= 255; ++code) {
        CAPTURE(code);
        CHECK(g.exit_rule(code) != nullptr);
    }
}

TEST_CASE("exit-code table: 137 keeps every SIGKILL reading as an alternative") {
    const ExitRule* rule = builtin_grammar().exit_rule(137);
    REQUIRE(rule != nullptr);
    std::vector<std::string> causes;
    for (const auto& cw : rule->causes) {
        causes.push_back(cw.cause);
        CHECK(cw.confidence != Confidence::high);
    }
    CHECK(causes == std::vector<std::string>{"external-kill", "cgroup-oom", "system-oom", "liveness-probe-kill"});
}

TEST_CASE("signal and NTSTATUS tables") {
    const Grammar& g = builtin_grammar();
    CHECK(g.signal(9)->name == "SIGKILL");
    CHECK(g.signal(15)->name == "SIGTERM");
    CHECK(g.signal(11)->name == "SIGSEGV");
    CHECK(g.signal(6)->name == "SIGABRT");
    CHECK(g.signal(2)->name == "SIGINT");
    auto it = g.ntstatus.find(0xC000013AUL);
    REQUIRE(it != g.ntstatus.end());
    CHECK(it->second.name == "STATUS_CONTROL_C_EXIT");
    CHECK(it->second.causes[0].cause == "external-kill");
    CHECK(g.ntstatus.count(0xC0000005UL) == 1);
}

TEST_CASE("a printed exit value is its NTSTATUS in either sign") {
    const Grammar& g = builtin_grammar();
    struct Case {
        long long printed;
        const char* name;  // "(none)": not a Windows status
        const char* first_cause;
    };
    const Case cases[] = {
        {-1073741819, "STATUS_ACCESS_VIOLATION", "segfault"},
        {3221225477LL, "STATUS_ACCESS_VIOLATION", "segfault"},
        {-1073741510, "STATUS_CONTROL_C_EXIT", "external-kill"},
        {3221225786LL, "STATUS_CONTROL_C_EXIT", "external-kill"},
        {-532462766, "EXCEPTION_COMPLUS", "app-error"},  // .NET's unhandled exception (formats.md §10)
        {3762504530LL, "EXCEPTION_COMPLUS", "app-error"},
        {1073807364, "DBG_TERMINATE_PROCESS", "external-kill"},
        {5, "(none)", ""},
        {139, "(none)", ""},
        {-1, "(none)", ""},
        {4294967296LL + 0xC0000005LL, "(none)", ""},
    };
    for (const auto& c : cases) {
        CAPTURE(c.printed);
        const NtStatusRule* rule = g.windows_status(c.printed);
        CHECK((rule != nullptr ? rule->name : std::string("(none)")) == c.name);
        if (rule != nullptr) {
            REQUIRE_FALSE(rule->causes.empty());
            CHECK(rule->causes[0].cause == c.first_cause);
        }
    }
}

}  // TEST_SUITE
