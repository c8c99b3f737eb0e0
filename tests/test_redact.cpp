// Secret redaction: secrets in real log/describe/event lines are replaced, look-alikes survive.
#include <doctest/doctest.h>

#include <string>
#include <vector>

#include "report/redact.hpp"

using namespace pm;

namespace {

struct RedactCase {
    const char* name;
    std::string input;
    std::string expected;
};

const std::string k_jwt =
    "eyJhbGciOiJSUzI1NiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJlcm5ldGVzL3NlcnZpY2VhY2NvdW50In0.c2lnbmF0dXJlXzEyMw";
const std::string k_container_id = "5fb8e8a8f0f1a3b2c4d5e6f708192a3b4c5d6e7f8091a2b3c4d5e6f708192a3b";

}  // namespace

TEST_SUITE("redact") {

TEST_CASE("pm::redact_secrets") {
    const RedactCase cases[] = {
        // Secrets.
        {"authorization bearer header", "I0827 10:58:27 request.go:1 Authorization: Bearer " + k_jwt,
         "I0827 10:58:27 request.go:1 Authorization: Bearer ***REDACTED***"},
        {"authorization basic, quoted curl header", "curl -H \"Authorization: Basic YWRtaW46czNjcjN0\" http://10.1.2.3:8080/",
         "curl -H \"Authorization: Basic ***REDACTED***\" http://10.1.2.3:8080/"},
        {"bare bearer token", "retrying with Bearer abcdefghijklmnop0123456789 after 401",
         "retrying with Bearer ***REDACTED*** after 401"},
        {"bare jwt", "token=" + k_jwt + " rejected", "token=***REDACTED*** rejected"},
        {"jwt in prose", "service account jwt " + k_jwt + " expired", "service account jwt ***REDACTED*** expired"},
        {"password key=value", "connecting to postgres host=db user=app password=hunter2 sslmode=disable",
         "connecting to postgres host=db user=app password=***REDACTED*** sslmode=disable"},
        {"yaml key: value", "  password: hunter2", "  password: ***REDACTED***"},
        {"quoted value keeps quotes", "db_password: \"s3cr3t with spaces\" next", "db_password: \"***REDACTED***\" next"},
        {"json password with escapes", "{\"user\":\"app\",\"password\":\"hu\\\"nter2\",\"db\":\"x\"}",
         "{\"user\":\"app\",\"password\":\"***REDACTED***\",\"db\":\"x\"}"},
        {"escaped json inside logrus msg", "level=error msg=\"bad config {\\\"api_key\\\":\\\"abc123\\\"}\"",
         "level=error msg=\"bad config {\\\"api_key\\\":\\\"***REDACTED***\\\"}\""},
        {"env-style names", "env: DB_PASSWORD=abc GITHUB_TOKEN=def STRIPE_SECRET=ghi SSH_KEY=jkl LOG_LEVEL=debug",
         "env: DB_PASSWORD=***REDACTED*** GITHUB_TOKEN=***REDACTED*** STRIPE_SECRET=***REDACTED*** "
         "SSH_KEY=***REDACTED*** LOG_LEVEL=debug"},
        {"cli flags", "exec /app --client-secret=xyz --passwd=p1 --verbose",
         "exec /app --client-secret=***REDACTED*** --passwd=***REDACTED*** --verbose"},
        {"api key header", "X-Api-Key: 0123456789abcdef sent", "X-Api-Key: ***REDACTED*** sent"},
        {"query string token", "GET /v1/hook?access_token=abc123&page=2 401",
         "GET /v1/hook?access_token=***REDACTED***&page=2 401"},
        {"aws access key id", "NoCredentialProviders for AKIAIOSFODNN7EXAMPLE", "NoCredentialProviders for ***REDACTED***"},
        {"aws secret access key", "aws_secret_access_key = wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY",
         "aws_secret_access_key = ***REDACTED***"},
        {"github token", "git clone https://ghp_0123456789abcdefghijABCDEFGHIJklmnopqr@github.com/o/r",
         "git clone https://***REDACTED***@github.com/o/r"},
        {"slack token", "posting with xoxb-123456789012-abcdefghijklmnop", "posting with ***REDACTED***"},
        {"url credentials", "dial redis://default:s3cr3t@redis-master:6379/0 failed",
         "dial redis://default:***REDACTED***@redis-master:6379/0 failed"},
        {"private key block across lines",
         "Message:  -----BEGIN RSA PRIVATE KEY-----\nMIIEpAIBAAKCAQEA7\nQ2x9\n-----END RSA PRIVATE KEY-----\ndone",
         "Message:  -----BEGIN RSA PRIVATE KEY-----***REDACTED***-----END RSA PRIVATE KEY-----\ndone"},
        {"private key block cut off", "-----BEGIN OPENSSH PRIVATE KEY-----\nb3BlbnNzaC1rZXktdjEAAAAA",
         "-----BEGIN OPENSSH PRIVATE KEY-----***REDACTED***-----END OPENSSH PRIVATE KEY-----"},
        {"json env entry by name",
         "kubectl.kubernetes.io/last-applied-configuration: {\"env\":[{\"name\":\"DB_TOKEN\",\"value\":\"abc\"},"
         "{\"name\":\"LOG\",\"value\":\"x\"}]}",
         "kubectl.kubernetes.io/last-applied-configuration: {\"env\":[{\"name\":\"DB_TOKEN\",\"value\":\"***REDACTED***\"},"
         "{\"name\":\"LOG\",\"value\":\"x\"}]}"},
        // The gaps a review found (issue: trust, defect 5).
        {"sentry-style dsn", "SENTRY_DSN=https://e3f9c2ab44e541b2a8d1e1c2f0b7a1d9@o12345.ingest.sentry.io/67890",
         "SENTRY_DSN=https://***REDACTED***@o12345.ingest.sentry.io/67890"},
        {"basic credentials outside a header", "> proxy-authorization attempt with Basic YWRtaW46czNjcjN0UGFzcw== refused",
         "> proxy-authorization attempt with Basic ***REDACTED*** refused"},
        {"gitlab token", "git clone https://oauth2:glpat-AbCdEf0123456789xYzW@gitlab.example/g/r.git",
         "git clone https://oauth2:***REDACTED***@gitlab.example/g/r.git"},
        {"bare gitlab token", "using glpat-AbCdEf0123456789xYzW for the registry", "using ***REDACTED*** for the registry"},
        {"openai project key", "openai.AuthenticationError: Incorrect API key provided: sk-proj-AbC123dEf456GhI789jKl0MnO",
         "openai.AuthenticationError: Incorrect API key provided: ***REDACTED***"},
        {"slack webhook path", "POST https://hooks.slack.com/services/T0123ABCD/B0456EFGH/abcDEF123ghiJKL456mno 404",
         "POST https://hooks.slack.com/services/***REDACTED*** 404"},
        {"--password VALUE", "exec /opt/app/bin/migrate --user admin --password hunter2 --host db",
         "exec /opt/app/bin/migrate --user admin --password ***REDACTED*** --host db"},
        {"mysql -pVALUE", "sh -c mysql -h db -uroot -pS3cretRoot orders < /init.sql",
         "sh -c mysql -h db -uroot -p***REDACTED*** orders < /init.sql"},
        {"json pass key", "{\"user\":\"app\",\"pass\":\"hunter2\"}", "{\"user\":\"app\",\"pass\":\"***REDACTED***\"}"},
        {"cookie header", "GET /cart HTTP/1.1 Cookie: session=8f14e45fceea167a5a36dedd4bea2543; theme=dark",
         "GET /cart HTTP/1.1 Cookie: ***REDACTED***"},
        {"pgp private key block",
         "-----BEGIN PGP PRIVATE KEY BLOCK-----\nlQOYBF0\n=abcd\n-----END PGP PRIVATE KEY BLOCK-----\nok",
         "-----BEGIN PGP PRIVATE KEY BLOCK-----***REDACTED***-----END PGP PRIVATE KEY BLOCK-----\nok"},
        {"azure sas signature", "GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=AbC%2Bdef%3D 403",
         "GET https://acct.blob.core.windows.net/c/b?sv=2022-11-02&sp=r&sig=***REDACTED*** 403"},
        {"s3 presigned url", "GET /bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=0a1b2c3d4e5f6a7b8c9d 403",
         "GET /bucket/k?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Signature=***REDACTED*** 403"},
        {"url password containing @", "dial amqp://guest:p@ss@rabbit:5672/ failed",
         "dial amqp://guest:***REDACTED***@rabbit:5672/ failed"},
        {"password is X", "hint: the admin password is Sup3rS3cret, change it", "hint: the admin password is ***REDACTED***, change it"},
        {"env names with pass, pwd, passphrase, cookie",
         "env DB_PASS=a1 MYSQL_PWD=b2 GPG_PASSPHRASE=c3 SESSION_COOKIE=d4 PWD=/app",
         "env DB_PASS=***REDACTED*** MYSQL_PWD=***REDACTED*** GPG_PASSPHRASE=***REDACTED*** "
         "SESSION_COOKIE=***REDACTED*** PWD=/app"},
        {"odbc connection string in a go panic",
         "panic: db open failed: Server=tcp:sql.example.net,1433;Database=app;Uid=sa;Pwd=OdbcPw123!;Encrypt=yes",
         "panic: db open failed: Server=tcp:sql.example.net,1433;Database=app;Uid=sa;Pwd=***REDACTED***;Encrypt=yes"},
        {"ado.net connection string, upper case and spaced", "Server=sql;Database=app;User Id=sa;PWD = ConnPwdValue;",
         "Server=sql;Database=app;User Id=sa;PWD = ***REDACTED***;"},
        {"odbc braced password", "DRIVER={ODBC Driver 18 for SQL Server};UID=sa;PWD={p;w}}rd};Encrypt=yes",
         "DRIVER={ODBC Driver 18 for SQL Server};UID=sa;PWD=***REDACTED***;Encrypt=yes"},
        {"bare pwd= in a log line", "INFO passwd=PasswdValue1 pwd=PwdValue2 ok",
         "INFO passwd=***REDACTED*** pwd=***REDACTED*** ok"},
        {"bare sas signature", "uploading with sas token sig=AbCdEf%2BGhIjKlMnOp%3D&se=2024-06-30",
         "uploading with sas token sig=***REDACTED***&se=2024-06-30"},
        {"sas signature leading a line", "sig=AbCdEf0123456789GhIjKl%2F%3D",
         "sig=***REDACTED***"},
        {"crlf paste keeps line ends", "password=hunter2\r\nnext", "password=***REDACTED***\r\nnext"},
        // Look-alikes that must survive.
        {"shell working directory", "+ PWD=/home/app OLDPWD=/ HOME=/root ./start.sh",
         "+ PWD=/home/app OLDPWD=/ HOME=/root ./start.sh"},
        {"working directory under home", "env: PWD=~/work", "env: PWD=~/work"},
        {"audit abend signal", "audit: type=1701 audit(1717668000.123:42): pid=4242 comm=\"java\" sig=11 res=1",
         "audit: type=1701 audit(1717668000.123:42): pid=4242 comm=\"java\" sig=11 res=1"},
        {"killing event", "Killing container with id containerd://" + k_container_id + ":Need to kill Pod",
         "Killing container with id containerd://" + k_container_id + ":Need to kill Pod"},
        {"image digest", "Image ID:       registry.example/api@sha256:" + k_container_id,
         "Image ID:       registry.example/api@sha256:" + k_container_id},
        {"backoff with pod uid",
         "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)",
         "Back-off restarting failed container api in pod api-7d9f8b6c5d-x2kqp_prod(5b2c4f0e-1d2a-4c7e-9a51-0f3e2d1c9b77)"},
        {"service account token path",
         "open /var/run/secrets/kubernetes.io/serviceaccount/token: no such file or directory",
         "open /var/run/secrets/kubernetes.io/serviceaccount/token: no such file or directory"},
        {"projected volume field", "    TokenExpirationSeconds:  3607", "    TokenExpirationSeconds:  3607"},
        {"probe spec", "    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3",
         "    Liveness:     http-get http://:8080/healthz delay=10s timeout=1s period=10s #success=1 #failure=3"},
        {"secret volume event", "MountVolume.SetUp failed for volume \"db-creds\" : secret \"db-creds\" not found",
         "MountVolume.SetUp failed for volume \"db-creds\" : secret \"db-creds\" not found"},
        {"config error names a key", "Error: couldn't find key password in Secret prod/db-creds",
         "Error: couldn't find key password in Secret prod/db-creds"},
        {"describe env reference", "      DB_PASSWORD:  <set to the key 'password' in secret 'db-creds'>  Optional: false",
         "      DB_PASSWORD:  <set to the key 'password' in secret 'db-creds'>  Optional: false"},
        {"short bearer word", "Bearer token authentication failed", "Bearer token authentication failed"},
        {"basic auth in prose", "falling back to basic auth for the registry", "falling back to basic auth for the registry"},
        {"ssh url user", "cloning ssh://git@github.com/org/repo.git", "cloning ssh://git@github.com/org/repo.git"},
        {"a password policy sentence", "the password policy requires 12 characters",
         "the password policy requires 12 characters"},
        {"oom kill line", "[ 8123.402117] Memory cgroup out of memory: Killed process 4242 (java) total-vm:2097152kB",
         "[ 8123.402117] Memory cgroup out of memory: Killed process 4242 (java) total-vm:2097152kB"},
        {"mount name", "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)",
         "      /var/run/secrets/kubernetes.io/serviceaccount from kube-api-access-8xk2p (ro)"},
        {"empty", "", ""},
    };
    for (const RedactCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(redact_secrets(c.input) == c.expected);
        // Idempotent: redacting a report twice changes nothing more.
        CHECK(redact_secrets(c.expected) == c.expected);
    }
}

TEST_CASE("pm::redact_secrets on values a terminal wrapped") {
    // Describes copied from an 80-column terminal: a long value continues at column 0 on the next
    // line, and the report joins it back. The secret goes whole; breaks outside it stay.
    const RedactCase cases[] = {
        {"bearer token split by the wrap (termination message)",
         "401 from upstream: curl -H \"Authorization: Bearer eyJhbGciOiJSUzI1\nNiIsImtpZCI6IjEyMyJ9.eyJpc3MiOiJrdWJl"
         "cm5ldGVzIn0.c2lnbmF0dXJlc2lnbmF0dXJl\" https://api",
         "401 from upstream: curl -H \"Authorization: Bearer ***REDACTED***\" https://api"},
        {"jwt split inside its payload (env value)",
         "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxM\njM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
         "***REDACTED***"},
        {"slack webhook path split",
         "https://hooks.slack.com/services/T00000000/B000000\n00/XXXXXXXXXXXXXXXXXXXXXXXX",
         "https://hooks.slack.com/services/***REDACTED***"},
        {"key word split by the wrap", "connecting with db_pass\nword=correct-horse-battery-staple ok",
         "connecting with db_pass\nword=***REDACTED*** ok"},
        {"break between key and value kept", "Authorization:\nBearer " + k_jwt,
         "Authorization:\nBearer ***REDACTED***"},
        {"private key block over many lines", "key: -----BEGIN RSA PRIVATE KEY-----\nMIIEow\nIBAAK\n-----END RSA PRIVATE KEY-----",
         "key: -----BEGIN RSA PRIVATE KEY-----***REDACTED***-----END RSA PRIVATE KEY-----"},
        {"a line's start still starts a key", "open /var/run/secrets\ntoken=abc123 next",
         "open /var/run/secrets\ntoken=***REDACTED*** next"},
        {"breaks around a secret stay", "level=error\npassword=hunter2 rejected\n  at main.go:12",
         "level=error\npassword=***REDACTED*** rejected\n  at main.go:12"},
        {"multi-line text without secrets", "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n",
         "panic: boom\n\ngoroutine 1 [running]:\nmain.main()\n"},
    };
    for (const RedactCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(redact_secrets(c.input) == c.expected);
        CHECK(redact_secrets(c.expected) == c.expected);
    }
    // The env path (a name that says nothing) redacts the joined value too.
    CHECK(redact_env_value("JWT", cases[1].input) == "***REDACTED***");
}

TEST_CASE("pm::is_secret_env_name") {
    struct NameCase {
        const char* name;
        bool secret;
    };
    const NameCase cases[] = {
        {"DB_PASSWORD", true}, {"db_passwd", true},     {"CLIENT_SECRET", true}, {"GITHUB_TOKEN", true},
        {"AWS_ACCESS_KEY_ID", true}, {"Credentials_File", true}, {"BASIC_AUTH", true}, {"LOG_LEVEL", false},
        {"JAVA_OPTS", false},  {"PORT", false},         {"", false},
        {"DB_PASS", true},     {"MYSQL_PWD", true},     {"GPG_PASSPHRASE", true}, {"SESSION_COOKIE", true},
        {"SENTRY_DSN", true},  {"PWD", false},          {"OLDPWD", false},      {"HOSTNAME", false},
    };
    for (const NameCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(is_secret_env_name(c.name) == c.secret);
    }
}

TEST_CASE("pm::redact_env_value") {
    struct EnvCase {
        const char* name;
        const char* value;
        const char* expected;
    };
    const EnvCase cases[] = {
        {"DB_PASSWORD", "hunter2", "***REDACTED***"},
        {"DB_PASSWORD", "<set to the key 'password' in secret 'db-creds'>  Optional: false",
         "<set to the key 'password' in secret 'db-creds'>  Optional: false"},
        {"JAVA_OPTS", "-Xmx512m -Djavax.net.ssl.trustStorePassword=changeit",
         "-Xmx512m -Djavax.net.ssl.trustStorePassword=***REDACTED***"},
        {"DATABASE_URL", "postgres://app:hunter2@db:5432/app", "postgres://app:***REDACTED***@db:5432/app"},
        {"LOG_LEVEL", "debug", "debug"},
    };
    for (const EnvCase& c : cases) {
        INFO("case: " << std::string(c.name));
        INFO("value: " << std::string(c.value));
        CHECK(redact_env_value(c.name, c.value) == c.expected);
    }
}

TEST_CASE("pm::redact_secrets hostile sizes") {
    // Linear time on inputs the hostile checks feed: long runs that almost match every rule.
    struct SizeCase {
        const char* name;
        std::string input;
        std::size_t expected_size;
    };
    const std::size_t n = 1 << 18;
    std::string keys;
    for (std::size_t i = 0; i < n / 8; ++i) {
        keys += "pass=x& ";
    }
    std::string lines;
    std::string broken;
    for (std::size_t i = 0; i < n / 8; ++i) {
        lines += "pass=x&\n";
        broken += "a\n";
    }
    const SizeCase cases[] = {
        {"one long word", std::string(2 * n, 'a'), 2 * n},
        {"backslashes", std::string(2 * n, '\\'), 2 * n},
        {"unterminated key block", "-----BEGIN PRIVATE KEY-----" + std::string(n, 'A'),
         std::string("-----BEGIN PRIVATE KEY-----***REDACTED***-----END PRIVATE KEY-----").size()},
        {"many short secrets", keys, (n / 8) * std::string("pass=***REDACTED***& ").size()},
        {"many short secrets on lines", lines, (n / 8) * std::string("pass=***REDACTED***&\n").size()},
        {"only line breaks", std::string(2 * n, '\n'), 2 * n},
        {"a secret broken at every byte", "token=" + broken, std::string("token=***REDACTED***\n").size()},
    };
    for (const SizeCase& c : cases) {
        INFO("case: " << std::string(c.name));
        CHECK(redact_secrets(c.input).size() == c.expected_size);
    }
}

}  // TEST_SUITE

TEST_SUITE("redact") {

TEST_CASE("the trigger screen lets through every text a rule redacts") {
    CHECK(redaction_screen_active());
    // Every secret of the cases above must survive the quick screen in front of the RE2 pass: a word
    // cut from the screen would leak. redact_secrets changing the text proves the screen let it pass.
    const char* secrets[] = {
        "Authorization: Bearer abcdefghijklmnopqrstuvwxyz", "password=hunter2", "PASSWD: x1", "db_pass=abc",
        "MYSQL_PWD=abc", "api-key: 1234567890abcdef", "SESSION_COOKIE=abc", "Cookie: session=1",
        "https://e3f9c2ab44e541b2a8d1e1c2f0b7a1d9@o1.ingest.sentry.io/1", "redis://u:p@h", "Basic YWRtaW46czNjcjN0",
        "eyJhbGciOiJSUzI1NiJ9.eyJpc3MiOiJrdWJlIn0.c2ln", "?sig=AbC", "&X-Amz-Signature=0a1b", "AKIAIOSFODNN7EXAMPLE",
        "ghp_0123456789abcdefghijABCDEFGHIJklmnopqr", "glpat-AbCdEf0123456789xYzW", "sk-proj-AbC123dEf456GhI789jKl0MnO",
        "xoxb-123456789012-abcdefghijklmnop", "AIzaSyA0123456789abcdefghijklmnopqrstuv", "sk_live_0123456789abcdef",
        "hooks.slack.com/services/T0/B0/x", "the password is Sup3rS3cret", "mysql -uroot -pS3cret",
        "-----BEGIN PRIVATE KEY-----\nMIIE", "STRIPE_API_KEY=sk", "Uid=sa;Pwd=x1", "sig=AbCdEf0123456789GhIj", "{\"name\":\"DB_TOKEN\",\"value\":\"abc\"}"};
    for (const char* secret : secrets) {
        INFO("text: " << std::string(secret));
        CHECK(redact_secrets(secret) != secret);
    }
}

}  // TEST_SUITE

TEST_SUITE("redact") {

TEST_CASE("the per-thread memo of clean texts answers as the screen does, past its table and arena") {
    // Clean texts, secrets, and near-twins of both, several passes over more text than the memo
    // holds (its arena is 1 MiB, its table 8192 entries): every answer must equal redact_into's.
    std::vector<std::string> texts;
    for (int i = 0; i < 12000; ++i) {
        const std::string n = std::to_string(i);
        texts.push_back("Reason:       Error (pod demo-" + n + ")");
        texts.push_back(std::string(100 + i % 300, 'a') + n);  // long ones fill the arena
        if (i % 97 == 0) {
            texts.push_back("password=hunter" + n);
            texts.push_back("passwore=hunter" + n);  // one byte off: clean
        }
    }
    UnchangedTexts& memo = UnchangedTexts::for_this_thread();
    std::size_t redacted = 0;
    for (int pass = 0; pass < 3; ++pass) {
        for (const std::string& text : texts) {
            std::string direct;
            std::string via_memo;
            const bool changed = redact_into(text, direct);
            REQUIRE(memo.redact_into(text, via_memo) == changed);
            if (changed) {
                CHECK(via_memo == direct);
                ++redacted;
            }
        }
    }
    CHECK(redacted == 3 * ((12000 + 96) / 97));
}

}  // TEST_SUITE
