// Secret redaction for report text: tokens, passwords, keys and credentials found in input lines.
#include "report/redact.hpp"

#include <array>
#include <memory>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

namespace pm {

namespace {

// A rule: its pattern, its rewrite, and the literal words (case-insensitive RE2) at least one of
// which any match contains. The triggers of all rules run in one RE2::Set pass; a rule runs only
// when its trigger was seen, and text that triggers nothing is never copied.
struct RedactRule {
    const char* trigger;
    const char* pattern;
    const char* rewrite;
};

// Key words whose value is a secret, as the end of a key (`db_password`, `aws_secret_access_key`,
// `X-Api-Key`, `db_pass`, `mysql_pwd`, `gpg_passphrase`). Bare `key` is too common to count, and
// bare `pwd` is the working directory; `*_KEY` is handled by the env-style rule.
#define PM_SECRET_KEYS                                                                          \
    "(?:password|passwd|passphrase|pass|[_.-]pwd|secret|token|api[_-]?key|access[_-]?key|"     \
    "secret[_-]?key|private[_-]?key|client[_-]?secret|credentials?|session[_-]?cookie)"

#define PM_KEY_TRIGGER "(?i)pass|pwd|secret|token|key|credential|cookie"

// A key must not continue a path (`/serviceaccount/token: no such file` is an error, not a
// secret), so the character before it is captured and kept instead of using \b.
#define PM_KEY_START "(?:^|[^/A-Za-z0-9_.-])"

// An unquoted value stops at whitespace and at separators of query strings and lists; a value
// starting with `<` is describe's `<set to the key …>` reference, and one starting with `*` is
// already redacted.
#define PM_PLAIN_VALUE "[^\\s\"'&,;<*][^\\s\"'&,;]*"

// Ordered: whole blocks and structured forms first; the generic key rule runs after them and at
// worst replaces an earlier ***REDACTED*** with itself.
constexpr std::array k_rules = {
    // A private key block (PEM or PGP), to its END line or, when cut off, to the end of the text.
    RedactRule{"(?i)private key", "-----BEGIN ((?:[A-Z0-9]+ )*)PRIVATE KEY( BLOCK)?-----(?s:.*?)"
               "(?:-----END (?:[A-Z0-9]+ )*PRIVATE KEY(?: BLOCK)?-----|\\z)",
               "-----BEGIN \\1PRIVATE KEY\\2-----***REDACTED***-----END \\1PRIVATE KEY\\2-----"},
    // JSON env entries (pod JSON, last-applied-configuration): the name says it is a secret.
    RedactRule{"(?i)\"name\"", "(\"name\"[ \\t]*:[ \\t]*\"[A-Za-z0-9_.-]*(?i:pass|pwd|secret|token|key|"
               "credential|auth|cookie|dsn)[A-Za-z0-9_.-]*\"[ \\t]*,[ \\t]*\"value\"[ \\t]*:[ \\t]*\")"
               "(?:[^\"\\\\]|\\\\.)*(\")",
               "\\1***REDACTED***\\2"},
    // JSON "password": "…" (value may hold escapes).
    RedactRule{PM_KEY_TRIGGER, "(?i)(\"[A-Za-z0-9_.-]*" PM_SECRET_KEYS "\"[ \\t]*:[ \\t]*\")(?:[^\"\\\\]|\\\\.)*(\")",
               "\\1***REDACTED***\\2"},
    // The same inside a quoted string: {\"password\":\"…\"}.
    RedactRule{PM_KEY_TRIGGER, "(?i)(\\\\\"[A-Za-z0-9_.-]*" PM_SECRET_KEYS
               "\\\\\"[ \\t]*:[ \\t]*\\\\\")[^\"\\\\]*(\\\\\")",
               "\\1***REDACTED***\\2"},
    // Authorization header, any scheme.
    RedactRule{"(?i)authorization", "(?i)(\\bauthorization[\"']?[ \\t]*[:=][ \\t]*[\"']?"
               "(?:(?:bearer|basic|token|digest|negotiate)[ \\t]+)?)[^\\s\"',;]+",
               "\\1***REDACTED***"},
    // Cookie headers: every value is a session.
    RedactRule{"(?i)cookie", "(?i)(\\b(?:set-)?cookie[\"']?[ \\t]*:[ \\t]*)[^\\s\"'*][^\\r\\n\"']*",
               "\\1***REDACTED***"},
    // A bare bearer token; 16+ token characters so prose ("bearer of") survives.
    RedactRule{"(?i)bearer", "(?i)(\\bbearer[ \\t]+)[A-Za-z0-9._~+/-]{16,}=*", "\\1***REDACTED***"},
    // HTTP Basic credentials outside a header (curl -v output, a proxy's log).
    RedactRule{"Basic ", "(\\bBasic[ \\t]+)[A-Za-z0-9+/]{8,}={0,2}", "\\1***REDACTED***"},
    // JWT: header.payload.signature, header always base64 of `{"`.
    RedactRule{"eyJ", "\\beyJ[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]{8,}\\.[A-Za-z0-9_-]*", "***REDACTED***"},
    // Credentials in a URL: keep scheme, user and host; the password runs to the last `@` (it may
    // hold one).
    RedactRule{"://", "(\\b[A-Za-z][A-Za-z0-9+.-]*://[^\\s:/@\"'<>]*:)[^\\s/\"'<>]*[^\\s/\"'<>*](@)",
               "\\1***REDACTED***\\2"},
    // A key as the URL's user (Sentry-style DSNs `https://KEY@host/1`): a long token, not a name.
    RedactRule{"://", "(\\b[A-Za-z][A-Za-z0-9+.-]*://)[A-Za-z0-9_-]{16,}(@)", "\\1***REDACTED***\\2"},
    // Signed URLs: Azure SAS `sig=`, S3 presigned `X-Amz-Signature=` / `X-Amz-Credential=` / token.
    RedactRule{"(?i)sig=|x-amz-", "(?i)([?&](?:sig|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\\s\"'<>*]+",
               "\\1***REDACTED***"},
    // Slack incoming-webhook paths.
    RedactRule{"hooks.slack.com", "(hooks\\.slack\\.com/services/)[A-Za-z0-9/_-]+", "\\1***REDACTED***"},
    // "password is X", "the password was X".
    RedactRule{"(?i)pass", "(?i)(\\bpass(?:word|phrase)?[ \\t]+(?:is|was)[ \\t]+)[\"']?[^\\s\"'*.,;][^\\s\"',;]*",
               "\\1***REDACTED***"},
    // Command-line flags with the value as the next word: --password VALUE, --token "VALUE".
    RedactRule{PM_KEY_TRIGGER, "(?i)((?:^|\\s)--?[a-z0-9-]*(?:password|passwd|pass|token|secret|api-key|apikey)"
               "[ \\t]+)(?:\"[^\"\\n]*\"|'[^'\\n]*'|[^\\s\"'*-][^\\s]*)",
               "\\1***REDACTED***"},
    // MySQL's -pVALUE (the password glued to the flag) in a mysql command line.
    RedactRule{"(?i)mysql|mariadb", "(?i)(\\b(?:mysql|mysqldump|mysqladmin|mariadb)\\b[^\\n]*?[ \\t]-p)[^\\s*]+",
               "\\1***REDACTED***"},
    // key=value, key: value, key = "value", --password=value.
    RedactRule{PM_KEY_TRIGGER, "(?i)(" PM_KEY_START "[A-Za-z0-9_.-]*" PM_SECRET_KEYS "[ \\t]*[:=][ \\t]*)"
               "(?:(\")[^\"\\n]*(\")|(')[^'\\n]*(')|" PM_PLAIN_VALUE ")",
               "\\1\\2\\4***REDACTED***\\3\\5"},
    // Env-style upper-case *_KEY names (SSH_KEY=…, STRIPE_API_KEY: …).
    RedactRule{"_KEY", "(" PM_KEY_START "[A-Z][A-Z0-9_]*_KEY[ \\t]*[:=][ \\t]*)" PM_PLAIN_VALUE,
               "\\1***REDACTED***"},
    // Provider token formats that are secret wherever they appear.
    RedactRule{"AKIA|ASIA", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "***REDACTED***"},
    RedactRule{"gh[pousr]_|github_pat_", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", "***REDACTED***"},
    RedactRule{"glpat-", "\\bglpat-[A-Za-z0-9_-]{20,}", "***REDACTED***"},
    RedactRule{"sk-", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", "***REDACTED***"},
    RedactRule{"xox", "\\bxox[baprs]-[A-Za-z0-9-]{10,}", "***REDACTED***"},
    RedactRule{"AIza", "\\bAIza[0-9A-Za-z_-]{35}", "***REDACTED***"},
    RedactRule{"k_live_", "\\b[rs]k_live_[0-9A-Za-z]{16,}", "***REDACTED***"},
};

#undef PM_SECRET_KEYS
#undef PM_KEY_TRIGGER
#undef PM_KEY_START
#undef PM_PLAIN_VALUE

RE2::Options quiet_options() {
    RE2::Options options;
    options.set_log_errors(false);
    options.set_max_mem(32 << 20);
    return options;
}

struct CompiledRules {
    std::vector<std::unique_ptr<const RE2>> regex;  // by rule index; null when it failed to compile
    std::unique_ptr<RE2::Set> triggers;             // pattern i is rule i's trigger
    bool ok = false;
};

// Compiled on first use, so a run that redacts nothing (--no-redact) pays nothing.
const CompiledRules& compiled() {
    static const CompiledRules rules = [] {
        CompiledRules out;
        const RE2::Options options = quiet_options();
        out.triggers = std::make_unique<RE2::Set>(options, RE2::UNANCHORED);
        bool ok = true;
        for (const RedactRule& rule : k_rules) {
            auto regex = std::make_unique<const RE2>(rule.pattern, options);
            // A rule that fails to compile is a programming error caught by the tests; skipping it
            // keeps the report writable.
            out.regex.push_back(regex->ok() ? std::move(regex) : nullptr);
            ok = out.triggers->Add(rule.trigger, nullptr) >= 0 && ok;
        }
        out.ok = ok && out.triggers->Compile();
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

bool equals_upper(std::string_view a, std::string_view upper) {
    if (a.size() != upper.size()) {
        return false;
    }
    for (std::size_t i = 0; i < a.size(); ++i) {
        if (ascii_upper(a[i]) != upper[i]) {
            return false;
        }
    }
    return true;
}

}  // namespace

bool redact_into(std::string_view text, std::string& out) {
    if (text.empty()) {
        return false;
    }
    const CompiledRules& rules = compiled();
    std::vector<int> hits;
    const re2::StringPiece piece(text.data(), text.size());
    if (rules.ok) {
        if (!rules.triggers->Match(piece, &hits)) {
            return false;  // the common case: no rule can match, nothing is copied
        }
    } else {
        for (std::size_t i = 0; i < k_rules.size(); ++i) {
            hits.push_back(static_cast<int>(i));  // a broken trigger set (a programming error): run every rule
        }
    }
    std::vector<bool> run(k_rules.size(), false);
    for (int i : hits) {
        run[static_cast<std::size_t>(i)] = true;
    }
    out.assign(text);
    bool changed = false;
    for (std::size_t i = 0; i < k_rules.size(); ++i) {
        if (run[i] && rules.regex[i] != nullptr) {
            changed = RE2::GlobalReplace(&out, *rules.regex[i], k_rules[i].rewrite) > 0 || changed;
        }
    }
    return changed;
}

std::string redact_secrets(std::string_view text) {
    std::string out;
    return redact_into(text, out) ? out : std::string(text);
}

bool is_secret_env_name(std::string_view name) {
    // Names are short; a bounded naive scan is fine (and names over 256 bytes are not env names).
    const std::string_view bounded = name.substr(0, 256);
    // $PWD and $OLDPWD are directories; MYSQL_PWD is a password.
    if (equals_upper(bounded, "PWD") || equals_upper(bounded, "OLDPWD")) {
        return false;
    }
    for (std::string_view word : {"PASS", "PWD", "SECRET", "TOKEN", "KEY", "CREDENTIAL", "AUTH", "COOKIE", "DSN",
                                  "PRIVATE", "SIGNATURE"}) {
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
