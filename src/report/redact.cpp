// Secret redaction for report text: tokens, passwords, keys and credentials found in input lines.
#include "report/redact.hpp"

#include <array>
#include <memory>
#include <vector>

#include <re2/re2.h>

namespace pm {

namespace {

struct RedactRule {
    const char* pattern;
    const char* rewrite;
};

// Key words whose value is a secret, as the end of a key (`db_password`, `aws_secret_access_key`,
// `X-Api-Key`). Bare `key` is too common to count; `*_KEY` is handled by the env-style rule.
#define PM_SECRET_KEYS                                                                          \
    "(?:password|passwd|pwd|secret|token|api[_-]?key|access[_-]?key|secret[_-]?key|"           \
    "private[_-]?key|client[_-]?secret|credentials?)"

// A key must not continue a path (`/serviceaccount/token: no such file` is an error, not a
// secret), so the character before it is captured and kept instead of using \b.
#define PM_KEY_START "(?:^|[^/A-Za-z0-9_.-])"

// An unquoted value stops at whitespace and at separators of query strings and lists; a value
// starting with `<` is describe's `<set to the key …>` reference, not a secret.
#define PM_PLAIN_VALUE "[^\\s\"'&,;<][^\\s\"'&,;]*"

// Ordered: whole blocks and structured forms first; the generic key rule runs after them and at
// worst replaces an earlier ***REDACTED*** with itself.
constexpr std::array k_rules = {
    // A private key block, to its END line or, when cut off, to the end of the text.
    RedactRule{"-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY-----(?s:.*?)"
               "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----|\\z)",
               "-----BEGIN \\1PRIVATE KEY-----***REDACTED***-----END \\1PRIVATE KEY-----"},
    // JSON env entries (pod JSON, last-applied-configuration): the name says it is a secret.
    RedactRule{"(\"name\"[ \\t]*:[ \\t]*\"[A-Za-z0-9_.-]*(?i:password|passwd|secret|token|key|"
               "credential|auth)[A-Za-z0-9_.-]*\"[ \\t]*,[ \\t]*\"value\"[ \\t]*:[ \\t]*\")"
               "(?:[^\"\\\\]|\\\\.)*(\")",
               "\\1***REDACTED***\\2"},
    // JSON "password": "…" (value may hold escapes).
    RedactRule{"(?i)(\"[A-Za-z0-9_.-]*" PM_SECRET_KEYS "\"[ \\t]*:[ \\t]*\")(?:[^\"\\\\]|\\\\.)*(\")",
               "\\1***REDACTED***\\2"},
    // The same inside a quoted string: {\"password\":\"…\"}.
    RedactRule{"(?i)(\\\\\"[A-Za-z0-9_.-]*" PM_SECRET_KEYS
               "\\\\\"[ \\t]*:[ \\t]*\\\\\")[^\"\\\\]*(\\\\\")",
               "\\1***REDACTED***\\2"},
    // Authorization header, any scheme.
    RedactRule{"(?i)(\\bauthorization[\"']?[ \\t]*[:=][ \\t]*[\"']?"
               "(?:(?:bearer|basic|token|digest|negotiate)[ \\t]+)?)[^\\s\"',;]+",
               "\\1***REDACTED***"},
    // A bare bearer token; 16+ token characters so prose ("bearer of") survives.
    RedactRule{"(?i)(\\bbearer[ \\t]+)[A-Za-z0-9._~+/-]{16,}=*", "\\1***REDACTED***"},
    // JWT: header.payload.signature, header always base64 of `{"`.
    RedactRule{"\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*", "***REDACTED***"},
    // Credentials in a URL: keep scheme, user and host.
    RedactRule{"(\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@\"'<>]*:)[^\\s@/\"'<>]+(@)",
               "\\1***REDACTED***\\2"},
    // key=value, key: value, key = "value", --password=value.
    RedactRule{"(?i)(" PM_KEY_START "[A-Za-z0-9_.-]*" PM_SECRET_KEYS "[ \\t]*[:=][ \\t]*)"
               "(?:(\")[^\"\\n]*(\")|(')[^'\\n]*(')|" PM_PLAIN_VALUE ")",
               "\\1\\2\\4***REDACTED***\\3\\5"},
    // Env-style upper-case *_KEY names (SSH_KEY=…, STRIPE_API_KEY: …).
    RedactRule{"(" PM_KEY_START "[A-Z][A-Z0-9_]*_KEY[ \\t]*[:=][ \\t]*)" PM_PLAIN_VALUE,
               "\\1***REDACTED***"},
    // Provider token formats that are secret wherever they appear.
    RedactRule{"\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "***REDACTED***"},
    RedactRule{"\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", "***REDACTED***"},
    RedactRule{"\\bxox[baprs]-[A-Za-z0-9-]{10,}", "***REDACTED***"},
    RedactRule{"\\bAIza[0-9A-Za-z_-]{35}", "***REDACTED***"},
    RedactRule{"\\b[rs]k_live_[0-9A-Za-z]{16,}", "***REDACTED***"},
};

#undef PM_SECRET_KEYS
#undef PM_KEY_START
#undef PM_PLAIN_VALUE

// Every rule needs one of these words; text without any (most of it) skips the rules in one pass.
constexpr const char* k_trigger =
    "(?i)password|passwd|pwd|secret|token|key|credential|bearer|authorization|eyj|akia|asia|"
    "gh[pousr]_|github_pat_|xox[baprs]-|aiza|[rs]k_live_|://";

struct CompiledRule {
    std::unique_ptr<const RE2> regex;
    const char* rewrite;
};

RE2::Options quiet_options() {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(32 << 20);
    return options;
}

const RE2& trigger() {
    static const RE2 regex(k_trigger, quiet_options());
    return regex;
}

const std::vector<CompiledRule>& compiled_rules() {
    static const std::vector<CompiledRule> rules = [] {
        const RE2::Options options = quiet_options();
        std::vector<CompiledRule> out;
        for (const RedactRule& rule : k_rules) {
            auto regex = std::make_unique<const RE2>(rule.pattern, options);
            // A rule that fails to compile is a programming error caught by the tests; skipping it
            // keeps the report writable.
            if (regex->ok()) {
                out.push_back(CompiledRule{std::move(regex), rule.rewrite});
            }
        }
        return out;
    }();
    return rules;
}

char ascii_upper(char c) {
    return (c >= 'a' && c <= 'z') ? static_cast<char>(c - 'a' + 'A') : c;
}

bool contains_upper(std::string_view haystack, std::string_view needle) {
    if (needle.size() > haystack.size()) {
        return false;
    }
    for (std::size_t i = 0; i + needle.size() <= haystack.size(); ++i) {
        std::size_t j = 0;
        while (j < needle.size() && ascii_upper(haystack[i + j]) == needle[j]) {
            ++j;
        }
        if (j == needle.size()) {
            return true;
        }
    }
    return false;
}

}  // namespace

std::string redact_secrets(std::string_view text) {
    std::string out(text);
    // An invalid trigger regex would be a programming error; then every rule runs.
    if (out.empty() || (trigger().ok() && !RE2::PartialMatch(out, trigger()))) {
        return out;
    }
    for (const CompiledRule& rule : compiled_rules()) {
        RE2::GlobalReplace(&out, *rule.regex, rule.rewrite);
    }
    return out;
}

bool is_secret_env_name(std::string_view name) {
    // Names are short; a bounded naive scan is fine (and names over 256 bytes are not env names).
    const std::string_view bounded = name.substr(0, 256);
    for (std::string_view word : {"PASSWORD", "PASSWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "AUTH"}) {
        if (contains_upper(bounded, word)) {
            return true;
        }
    }
    return false;
}

std::string redact_env_value(std::string_view name, std::string_view value) {
    if (value.starts_with("<set to the key ")) {
        return redact_secrets(value);
    }
    if (is_secret_env_name(name)) {
        return std::string(k_redacted);
    }
    return redact_secrets(value);
}

}  // namespace pm
