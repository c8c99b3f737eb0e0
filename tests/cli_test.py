#!/usr/bin/env python3
"""Black-box tests of the podmortem command line: options, exit codes, atomic output, inputs untouched.
usage: cli_test.py PODMORTEM SOURCE_DIR   (prints 'N passed, N failed')"""
import hashlib, json, os, shutil, subprocess, sys, tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
results = []


def run(*args, stdin=None, cwd=None):
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=60, cwd=cwd)


def check(name, cond, detail=""):
    results.append((name, bool(cond)))
    if not cond:
        print(f"FAIL {name}: {detail}")


def tree_digest(path):
    h = hashlib.sha256()
    for root, dirs, files in sorted(os.walk(path)):
        dirs.sort()
        for f in sorted(files):
            p = os.path.join(root, f)
            h.update(p.encode())
            h.update(open(p, "rb").read())
            h.update(str(os.stat(p).st_mtime_ns).encode())
    return h.hexdigest()


def main():
    samples = os.path.join(SRC, "samples")
    describe = None
    for root, _, files in sorted(os.walk(samples)):
        for f in sorted(files):
            describe = describe or os.path.join(root, f)

    p = run("--help")
    out = p.stdout.decode()
    check("--help exits 0", p.returncode == 0, p.returncode)
    for word in ("--format", "--output", "--grammars", "--check-grammars", "--no-redact", "explain-error",
                 "Exit codes", "Examples"):
        check(f"--help mentions {word}", word in out)

    p = run("--version")
    check("--version prints podmortem X.Y.Z", p.returncode == 0 and p.stdout.decode().startswith("podmortem 0."))

    p = run()
    check("no input: exit 1 with a reason", p.returncode == 1 and b"no input" in p.stderr, p.stderr)

    p = run("--format", "yaml", describe)
    check("bad --format: exit 1", p.returncode == 1 and b"--format" in p.stderr, p.stderr)

    p = run("--bogus")
    check("unknown option: exit 1", p.returncode == 1 and b"--help" in p.stderr, p.stderr)

    with tempfile.TemporaryDirectory() as tmp:
        p = run(os.path.join(tmp, "missing.txt"))
        check("missing file: exit 1 naming it", p.returncode == 1 and b"missing.txt" in p.stderr, p.stderr)

        before = tree_digest(samples)
        out_md = os.path.join(tmp, "report.md")
        p = run("-o", out_md, samples)
        check("-o writes the report", p.returncode == 0 and os.path.getsize(out_md) > 0, p.stderr)
        check("-o leaves no temporary file", sorted(os.listdir(tmp)) == ["report.md"], os.listdir(tmp))
        check("inputs are unchanged", tree_digest(samples) == before)

        p = run("-o", os.path.join(tmp, "no-such-dir", "r.md"), describe)
        check("-o into a missing directory: exit 1, nothing left",
              p.returncode == 1 and b"no-such-dir" in p.stderr and sorted(os.listdir(tmp)) == ["report.md"], p.stderr)

        incident = os.path.join(tmp, "incident")
        os.makedirs(incident)
        shutil.copy(describe, os.path.join(incident, "describe.txt"))
        first = run("-o", os.path.join(incident, "report.md"), incident)
        again = run("--format", "json", incident)
        doc = json.loads(again.stdout) if again.returncode == 0 else {}
        check("a report written into the incident folder is not read back as evidence",
              first.returncode == 0 and [i["path"] for i in doc.get("inputs", [])] == [incident + "/describe.txt"]
              and any("podmortem report" in w["message"] for w in doc.get("warnings", [])), again.stderr)

        copy = os.path.join(tmp, "describe.txt")
        shutil.copy(describe, copy)
        digest = hashlib.sha256(open(copy, "rb").read()).hexdigest()
        p = run("-o", copy, copy)
        check("-o naming an input is refused", p.returncode == 1 and
              hashlib.sha256(open(copy, "rb").read()).hexdigest() == digest, p.stderr)

        p = run("--format", "json", "-", stdin=open(describe, "rb").read())
        doc = json.loads(p.stdout) if p.returncode == 0 else {}
        check("- reads stdin", p.returncode == 0 and doc.get("inputs", [{}])[0].get("path") == "-", p.stderr)

        a = run("--format", "json", samples).stdout
        b = run("--format", "json", samples).stdout
        check("same inputs, same bytes", a == b and len(a) > 100)

        bad = os.path.join(tmp, "grammars")
        shutil.copytree(os.path.join(SRC, "grammars"), bad)
        p = run("--check-grammars", "--grammars", bad)
        check("--check-grammars on a copy of the shipped grammars: exit 0", p.returncode == 0, p.stderr)
        with open(os.path.join(bad, "runtime-errors.rules"), "a") as f:
            f.write("\nruntime broken\n  pattern = (?<x>oops\n  cause = exec-not-found\n  explain = x\n"
                    "  example = exec: \"x\": executable file not found in $PATH\n")
        p = run("--check-grammars", "--grammars", bad)
        err = p.stderr.decode()
        check("--check-grammars refuses a broken rule: exit 2", p.returncode == 2, p.returncode)
        check("the problem names FILE:LINE", "runtime-errors.rules:" in err and "not a valid RE2 pattern" in err, err)
        p = run("--grammars", bad, describe)
        check("analysis with broken --grammars: exit 2", p.returncode == 2, p.returncode)

        p = run("--check-grammars", "--grammars", os.path.join(tmp, "nowhere"))
        check("--grammars on a missing folder: exit 2", p.returncode == 2 and b"nowhere" in p.stderr, p.stderr)

    msg = ('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create '
           'failed: unable to start container process: exec: "/bin/migrate": stat /bin/migrate: no such file or '
           'directory: unknown')
    p = run("explain-error", msg)
    out = p.stdout.decode()
    check("explain-error from the argument", p.returncode == 0 and "exec-not-found" in out and
          'Innermost cause: exec: "/bin/migrate": stat /bin/migrate: no such file or directory' in out, out)
    p = run("explain-error", "--format", "json", msg)
    doc = json.loads(p.stdout) if p.returncode == 0 else {}
    check("explain-error --format json gives the contract's RuntimeError fields",
          doc.get("cause") == "exec-not-found" and doc.get("chain", [None])[-1] == doc.get("innermost")
          and doc.get("remediation"), p.stdout)
    p = run("explain-error", stdin=msg.encode())
    check("explain-error from stdin", p.returncode == 0 and "exec-not-found" in p.stdout.decode(), p.stderr)
    p = run("explain-error", msg.replace('"', '\\"'))
    check("explain-error on a value copied out of kubectl get -o json (one JSON layer)",
          p.returncode == 0 and "exec-not-found" in p.stdout.decode() and
          'Innermost cause: exec: "/bin/migrate": stat' in p.stdout.decode(), p.stdout)
    p = run("explain-error", "the service is healthy")
    check("explain-error on plain text does not invent a runtime cause",
          p.returncode == 0 and "Cause: unknown" in p.stdout.decode(), p.stdout)
    p = run("explain-error", stdin=b"")
    check("explain-error with nothing: exit 1", p.returncode == 1 and p.stderr, p.stderr)

    passed = sum(ok for _, ok in results)
    print(f"{passed} passed, {len(results) - passed} failed")
    return 0 if passed == len(results) else 1


if __name__ == "__main__":
    sys.exit(main())
