// Secret redaction for report text: tokens, passwords, keys and credentials found in input lines.
#include "report/redact.hpp"

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <memory>
#include <mutex>
#include <utility>
#include <vector>

#include <re2/re2.h>
#include <re2/set.h>

#include "base/text.hpp"
#include "report/line_breaks.hpp"

namespace pm {

namespace {

// A rule: its pattern, its rewrite, and the literal words (case-insensitive RE2) at least one of
// which any match contains. The triggers of all rules run in one RE2::Set pass; a rule runs only
// when its trigger was seen, and text that triggers nothing is never copied.
struct RedactRule {
    const char* trigger;
    const char* pattern;
    const char* rewrite;
    const char* needs = "";  // bytes every match contains: a text lacking one cannot match
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
               "\\1***REDACTED***\\2", "@"},
    // A key as the URL's user (Sentry-style DSNs `https://KEY@host/1`): a long token, not a name.
    RedactRule{"://", "(\\b[A-Za-z][A-Za-z0-9+.-]*://)[A-Za-z0-9_-]{16,}(@)", "\\1***REDACTED***\\2", "@"},
    // Signed URLs: Azure SAS `sig=`, S3 presigned `X-Amz-Signature=` / `X-Amz-Credential=` / token.
    RedactRule{"(?i)sig=|x-amz-", "(?i)([?&](?:sig|x-amz-signature|x-amz-credential|x-amz-security-token)=)[^&\\s\"'<>*]+",
               "\\1***REDACTED***"},
    // A SAS signature on its own (`sig=` leading a token pasted without its URL): a long value, so
    // audit's `sig=11` stays.
    RedactRule{"(?i)sig=", "(?i)((?:^|[^A-Za-z0-9_.&?-])sig=)[A-Za-z0-9%+/=_-]{16,}", "\\1***REDACTED***"},
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
    // ODBC/ADO.NET `Pwd=` (SQL Server connection strings), braced (`}}` is a `}`) or to the `;`; a value starting
    // with `/` or `~` is the shell's $PWD, a directory.
    RedactRule{"(?i)pwd", "(?i)(" PM_KEY_START "pwd[ \\t]*=[ \\t]*)(?:\\{(?:[^}\\n]|\\}\\})*\\}|[^\\s\"';<*/~{][^\\s\"';]*)",
               "\\1***REDACTED***"},
    // Env-style upper-case *_KEY names (SSH_KEY=…, STRIPE_API_KEY: …).
    RedactRule{"_KEY", "(" PM_KEY_START "[A-Z][A-Z0-9_]*_KEY[ \\t]*[:=][ \\t]*)" PM_PLAIN_VALUE,
               "\\1***REDACTED***"},
    // Provider token formats that are secret wherever they appear.
    RedactRule{"AKIA|ASIA", "\\b(?:AKIA|ASIA)[0-9A-Z]{16}\\b", "***REDACTED***"},
    RedactRule{"ghp_|gho_|ghu_|ghs_|ghr_|github_pat_", "\\b(?:gh[pousr]_[A-Za-z0-9]{36,}|github_pat_[A-Za-z0-9_]{22,})", "***REDACTED***"},
    RedactRule{"glpat-", "\\bglpat-[A-Za-z0-9_-]{20,}", "***REDACTED***"},
    RedactRule{"sk-", "\\bsk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,}", "***REDACTED***"},
    RedactRule{"xox", "\\bxox[baprs]-[A-Za-z0-9-]{10,}", "***REDACTED***"},
    RedactRule{"AIza", "\\bAIza[0-9A-Za-z_-]{35}", "***REDACTED***"},
    RedactRule{"k_live_", "\\b[rs]k_live_[0-9A-Za-z]{16,}", "***REDACTED***"},
};

// One bit per rule, for the screen's candidate sets.
using RuleMask = std::uint32_t;
static_assert(k_rules.size() <= 32, "RuleMask holds one bit per rule");

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

// A quick screen before the RE2::Set pass: the first three letters (case folded) of every trigger
// word, as a bigram table (one flag per pair of bytes, read at every position) in front of a hashed
// trigram table holding which rules' triggers start so. Text in which no such trigram occurs cannot
// contain a trigger, and most report values (names, times, IDs) pass it at a table lookup or two
// per byte; the rules it leaves are narrowed by the bytes they need.
class TriggerScreen {
public:
    TriggerScreen() {
        for (int c = 0; c < 256; ++c) {
            m_fold[static_cast<std::size_t>(c)] = static_cast<unsigned char>(ascii_lower(static_cast<char>(c)));
        }
    }

    // False when a trigger word is too short or starts with a pattern character: then every text
    // goes to RE2.
    bool add_trigger(std::string_view trigger, std::size_t rule) {
        if (trigger.starts_with("(?i)")) {
            trigger.remove_prefix(4);
        }
        std::size_t start = 0;
        while (start <= trigger.size()) {
            const std::size_t bar = std::min(trigger.find('|', start), trigger.size());
            const std::string_view word = trigger.substr(start, bar - start);
            std::size_t literal = 0;
            while (literal < word.size() && literal < 3 && std::string_view("[]().*+?{}^$\\").find(word[literal]) ==
                                                               std::string_view::npos) {
                ++literal;
            }
            if (literal < 3) {
                return false;
            }
            // The whole literal head of the word (up to a pattern character) is checked where its
            // trigram occurs, so `SIGKILL` does not pass for `sig=`.
            std::size_t head = literal;
            while (head < word.size() && std::string_view("[]().*+?{}^$\\|").find(word[head]) == std::string_view::npos) {
                ++head;
            }
            const auto* w = reinterpret_cast<const unsigned char*>(word.data());
            // The bigram table is indexed by raw bytes, so every case variant of the pair is set.
            for (const unsigned char a : {w[0], fold_upper(w[0])}) {
                for (const unsigned char b : {w[1], fold_upper(w[1])}) {
                    set_bigram(static_cast<std::size_t>(m_fold[a]) << 8 | m_fold[b]);
                    set_bigram(static_cast<std::size_t>(a) << 8 | b);
                }
            }
            const std::size_t bucket = trigram(w[0], w[1], w[2]);
            m_trigrams[bucket] |= RuleMask{1} << rule;
            if (m_words.size() >= 255) {
                return false;  // m_first holds word indices in a byte
            }
            add_word(word.substr(0, head), bucket, RuleMask{1} << rule);
            start = bar + 1;
        }
        return true;
    }

    // The rules whose trigger may occur in `text` (a superset; 0 when none can): a trigram hit
    // counts only when the word's whole literal head follows, compared case-folded.
    RuleMask candidates(std::string_view text) const {
        const auto* t = reinterpret_cast<const unsigned char*>(text.data());
        RuleMask mask = 0;
        for (std::size_t i = 0; i + 2 < text.size(); ++i) {
            if (!has_bigram(static_cast<std::size_t>(t[i]) << 8 | t[i + 1])) {
                continue;
            }
            const std::size_t bucket = trigram(t[i], t[i + 1], t[i + 2]);
            if ((m_trigrams[bucket] & ~mask) == 0) {
                continue;
            }
            for (std::size_t w = m_first[bucket]; w < m_words.size() && m_words[w].bucket == bucket; ++w) {
                if ((mask & m_words[w].rule) != m_words[w].rule && folded_at(text, i, m_words[w].head)) {
                    mask |= m_words[w].rule;
                }
            }
        }
        return mask;
    }

private:
    static unsigned char fold_upper(unsigned char c) {
        return c >= 'a' && c <= 'z' ? static_cast<unsigned char>(c - 'a' + 'A') : c;
    }
    // 12 bits: with about 40 words few trigrams share a bucket, and the tables stay in L1.
    static constexpr unsigned k_trigram_bits = 12;
    std::size_t trigram(unsigned char a, unsigned char b, unsigned char c) const {
        return ((m_fold[a] * 0x9E3779B1u) ^ (m_fold[b] * 0x85EBCA77u) ^ (m_fold[c] * 0xC2B2AE3Du)) >>
               (32 - k_trigram_bits);
    }

    struct Word {
        std::string head;    // the trigger word's literal start, as written
        std::size_t bucket;  // its first three bytes' trigram
        RuleMask rule;       // every rule whose trigger has this word
    };

    // Words are kept sorted by bucket, one entry per case-folded head, so a trigram hit reads
    // only its own bucket's words.
    void add_word(std::string_view head, std::size_t bucket, RuleMask rule) {
        for (Word& word : m_words) {
            if (word.head.size() == head.size() && folded_at(head, 0, word.head)) {
                word.rule |= rule;
                return;
            }
        }
        const auto at = std::upper_bound(m_words.begin(), m_words.end(), bucket,
                                         [](std::size_t b, const Word& w) { return b < w.bucket; });
        m_words.insert(at, Word{std::string(head), bucket, rule});
        m_first.fill(static_cast<std::uint8_t>(0));
        for (std::size_t w = m_words.size(); w-- > 0;) {
            m_first[m_words[w].bucket] = static_cast<std::uint8_t>(w);
        }
    }

    bool folded_at(std::string_view text, std::size_t at, std::string_view head) const {
        if (text.size() - at < head.size()) {
            return false;
        }
        for (std::size_t k = 0; k < head.size(); ++k) {
            if (m_fold[static_cast<unsigned char>(text[at + k])] != m_fold[static_cast<unsigned char>(head[k])]) {
                return false;
            }
        }
        return true;
    }

    std::vector<Word> m_words;
    std::array<unsigned char, 256> m_fold{};
    // One bit per raw byte pair: 8 KiB, so the table read at every byte stays in the L1 cache.
    std::array<std::uint64_t, (1u << 16) / 64> m_bigrams{};
    void set_bigram(std::size_t pair) { m_bigrams[pair >> 6] |= std::uint64_t{1} << (pair & 63); }
    bool has_bigram(std::size_t pair) const { return (m_bigrams[pair >> 6] >> (pair & 63) & 1) != 0; }
    std::array<RuleMask, std::size_t{1} << k_trigram_bits> m_trigrams{};
    std::array<std::uint8_t, std::size_t{1} << k_trigram_bits> m_first{};  // first word of each bucket
};

// Drops from `mask` the rules needing a byte `text` lacks.
RuleMask with_needed_bytes(RuleMask mask, std::string_view text) {
    if (mask == 0) {
        return 0;  // the common case: nothing to narrow
    }
    for (std::size_t i = 0; i < k_rules.size(); ++i) {
        if ((mask >> i & 1) == 0) {
            continue;
        }
        for (const char* need = k_rules[i].needs; *need != '\0'; ++need) {
            if (text.find(*need) == std::string_view::npos) {
                mask &= ~(RuleMask{1} << i);
                break;
            }
        }
    }
    return mask;
}

// The screen is built at once (it is cheap); the trigger set on the first text the screen lets
// through, and each rule's regex the first time its trigger is seen: a report with no secret-like
// word compiles no regex at all.
struct CompiledRules {
    TriggerScreen screen;
    bool screen_ok = true;
};

const CompiledRules& compiled() {
    static const CompiledRules rules = [] {
        CompiledRules out;
        for (std::size_t i = 0; i < k_rules.size(); ++i) {
            out.screen_ok = out.screen.add_trigger(k_rules[i].trigger, i) && out.screen_ok;
        }
        return out;
    }();
    return rules;
}

struct TriggerSet {
    std::unique_ptr<RE2::Set> set;  // pattern i is rule i's trigger
    bool ok = false;
};

const TriggerSet& trigger_set() {
    static const TriggerSet triggers = [] {
        TriggerSet out;
        out.set = std::make_unique<RE2::Set>(quiet_options(), RE2::UNANCHORED);
        bool ok = true;
        for (const RedactRule& rule : k_rules) {
            ok = out.set->Add(rule.trigger, nullptr) >= 0 && ok;
        }
        out.ok = ok && out.set->Compile();
        return out;
    }();
    return triggers;
}

// Rule i's regex, compiled on first use; null when it does not compile (a programming error the
// tests catch; skipping it keeps the report writable).
const RE2* rule_regex(std::size_t i) {
    static std::array<std::once_flag, k_rules.size()> once;
    static std::array<std::unique_ptr<const RE2>, k_rules.size()> regex;
    std::call_once(once[i], [i] {
        auto compiled_rule = std::make_unique<const RE2>(k_rules[i].pattern, quiet_options());
        if (compiled_rule->ok()) {
            regex[i] = std::move(compiled_rule);
        }
    });
    return regex[i].get();
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

bool redaction_screen_active() {
    return compiled().screen_ok;
}

namespace {

// The rules whose trigger `text` holds: the quick screen, then the RE2::Set pass (0: none).
RuleMask rules_to_run(std::string_view text) {
    const CompiledRules& rules = compiled();
    if (rules.screen_ok && with_needed_bytes(rules.screen.candidates(text), text) == 0) {
        return 0;
    }
    const TriggerSet& triggers = trigger_set();
    if (!triggers.ok) {
        return ~RuleMask{0};  // a broken trigger set (a programming error): run every rule
    }
    std::vector<int> hits;
    if (!triggers.set->Match(re2::StringPiece(text.data(), text.size()), &hits)) {
        return 0;  // the common case: no rule can match, nothing is copied
    }
    RuleMask run = 0;
    for (int i : hits) {
        run |= RuleMask{1} << i;
    }
    return run;
}

// One text as it is, line breaks and all.
bool redact_as_written(std::string_view text, std::string& out) {
    const RuleMask run = rules_to_run(text);
    if (run == 0) {
        return false;
    }
    out.assign(text);
    bool changed = false;
    for (std::size_t i = 0; i < k_rules.size(); ++i) {
        if ((run >> i & 1) == 0) {
            continue;
        }
        if (const RE2* regex = rule_regex(i)) {
            changed = RE2::GlobalReplace(&out, *regex, k_rules[i].rewrite) > 0 || changed;
        }
    }
    return changed;
}

// The text with its line breaks taken out, as a terminal-wrapped value reads once joined; breaks
// outside a secret are put back. A text without a trigger here has none as written either.
bool redact_unbroken(std::string_view text, std::string& out, bool& any_trigger) {
    const RuleMask run = rules_to_run(without_breaks(text));
    any_trigger = run != 0;
    if (run == 0) {
        return false;
    }
    Unbroken unbroken = take_out_breaks(text);
    bool changed = false;
    for (std::size_t i = 0; i < k_rules.size(); ++i) {
        if ((run >> i & 1) == 0) {
            continue;
        }
        if (const RE2* regex = rule_regex(i)) {
            changed = replace_keeping_breaks(unbroken, *regex, k_rules[i].rewrite) > 0 || changed;
        }
    }
    if (changed) {
        out = put_back_breaks(unbroken);
    }
    return changed;
}

}  // namespace

bool redact_into(std::string_view text, std::string& out) {
    if (text.empty()) {
        return false;
    }
    if (std::memchr(text.data(), '\n', text.size()) == nullptr) {
        return redact_as_written(text, out);
    }
    // A value a terminal wrapped continues on the next line: redacted joined first, so a token split
    // by the wrap goes whole; then as written, where a line's start still begins a key.
    std::string joined;
    bool any_trigger = false;
    const bool changed = redact_unbroken(text, joined, any_trigger);
    if (!any_trigger) {
        return false;
    }
    const std::string_view first = changed ? std::string_view(joined) : text;
    if (redact_as_written(first, out)) {
        return true;
    }
    if (changed) {
        out = std::move(joined);
    }
    return changed;
}

UnchangedTexts& UnchangedTexts::for_this_thread() {
    thread_local UnchangedTexts texts;
    return texts;
}

bool UnchangedTexts::seen(std::string_view text, std::uint64_t hash) const {
    if (m_slots.empty()) {
        return false;
    }
    const Slot& slot = m_slots[hash & (k_slots - 1)];
    return slot.hash == hash && slot.size == text.size() &&
           std::memcmp(m_arena.data() + slot.offset, text.data(), text.size()) == 0;
}

void UnchangedTexts::remember(std::string_view text, std::uint64_t hash) {
    if (m_slots.empty()) {
        m_slots.resize(k_slots);
        m_arena.reserve(k_arena_bytes);
    }
    if (m_arena.size() + text.size() > k_arena_bytes) {
        std::fill(m_slots.begin(), m_slots.end(), Slot{});  // full: forget all, start again
        m_arena.clear();
    }
    m_slots[hash & (k_slots - 1)] = {hash, static_cast<std::uint32_t>(m_arena.size()),
                                     static_cast<std::uint32_t>(text.size())};
    m_arena.append(text);
}

bool UnchangedTexts::redact_into(std::string_view text, std::string& out) {
    if (text.empty()) {
        return false;  // nothing to hide (and an empty view's data() may be null, which memcmp must not see)
    }
    if (text.size() > k_max_text) {
        return pm::redact_into(text, out);
    }
    const std::uint64_t hash = hash_bytes(text) | 1;  // never 0, the empty slot's mark
    if (seen(text, hash)) {
        return false;
    }
    if (pm::redact_into(text, out)) {
        return true;
    }
    remember(text, hash);
    return false;
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
