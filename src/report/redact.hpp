// Secret redaction for report text: tokens, passwords, keys and credentials found in input lines.
#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace pm {

inline constexpr std::string_view k_redacted = "***REDACTED***";

// Replaces secret values in `text` with ***REDACTED***, keeping key names and structure:
// `Authorization: Bearer …`, bare `Bearer <token>`, JWTs, password/passwd/pwd/secret/token/
// api_key/apikey/access_key/client_secret/credentials in `k=v`, `k: v`, JSON `"k": "v"` (also
// backslash-escaped JSON) forms, env-style `*_KEY=`, JSON env `{"name": "*_TOKEN", "value": …}`,
// AWS key ids, GitHub/GitLab/Slack/Google/Stripe/OpenAI tokens, PEM and PGP private key blocks (to
// the END line or the end of the text), passwords in `scheme://user:pass@host` (even with an `@`),
// keys as the URL user, `Basic` credentials, `Cookie:` headers, SAS `sig=` (in a URL, or alone when
// long) and `X-Amz-Signature=`, connection strings' `Pwd=` (not a `/` path: that is $PWD),
// Slack webhook paths, `--password VALUE`, mysql `-pVALUE`, and "password is X". Linear time (RE2); ordinary words,
// hex container IDs, `sha256:` digests and UIDs pass through unchanged.
// A multi-line text is also read with its line breaks taken out, so a secret a terminal wrapped onto
// the next line is replaced whole (the breaks inside it go with it; the others stay).
std::string redact_secrets(std::string_view text);

// The same without a copy when nothing is secret: returns false when `text` needs no change (`out`
// may have served as scratch), else true with the redacted text in `out`.
bool redact_into(std::string_view text, std::string& out);

// Texts redact_into left alone, remembered so that a writer screens each distinct text once: a
// report repeats the same lines, explanations and remedies for every pod. One per thread
// (for_this_thread), kept across the batches that thread writes; the rules never change, so a text
// once clean stays clean. A fixed table of recent texts: no allocation per text, bounded memory.
class UnchangedTexts {
public:
    // redact_into(text, out), skipping texts seen unchanged before.
    bool redact_into(std::string_view text, std::string& out);
    static UnchangedTexts& for_this_thread();

private:
    struct Slot {
        std::uint64_t hash = 0;  // 0: empty
        std::uint32_t offset = 0;
        std::uint32_t size = 0;
    };
    bool seen(std::string_view text, std::uint64_t hash) const;
    void remember(std::string_view text, std::uint64_t hash);

    static constexpr std::size_t k_max_text = 512;
    static constexpr std::size_t k_slots = std::size_t{1} << 13;      // direct-mapped by hash
    static constexpr std::size_t k_arena_bytes = std::size_t{1} << 20;  // the texts' bytes; full: start over
    std::vector<Slot> m_slots;
    std::string m_arena;
};

// True when every rule's trigger feeds the quick screen in front of RE2 (tests keep it so).
bool redaction_screen_active();

// True when an environment variable name looks like it holds a secret
// (PASS, PWD but not $PWD/$OLDPWD, SECRET, TOKEN, KEY, CREDENTIAL, AUTH, COOKIE, DSN, PRIVATE,
// SIGNATURE; any case).
bool is_secret_env_name(std::string_view name);

// The value to print for an environment entry: ***REDACTED*** when the name looks secret (a
// describe `<set to the key …>` reference is kept, it names no secret), else redact_secrets(value).
std::string redact_env_value(std::string_view name, std::string_view value);

}  // namespace pm
