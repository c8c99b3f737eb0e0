#!/usr/bin/env python3
"""Black-box tests of the podmortem command line: options, exit codes, atomic output, inputs untouched.
usage: cli_test.py PODMORTEM SOURCE_DIR   (prints 'N passed, N failed')"""
import hashlib, json, os, random, shutil, subprocess, sys, tempfile

BIN, SRC = sys.argv[1], sys.argv[2]
results = []


def run(*args, stdin=None, cwd=None, stdout=None, umask=None):
    pre = (lambda: os.umask(umask)) if umask is not None else None
    if stdout is not None:
        return subprocess.run([BIN, *args], input=stdin, stdout=stdout, stderr=subprocess.PIPE, timeout=60, cwd=cwd,
                              preexec_fn=pre)
    return subprocess.run([BIN, *args], input=stdin, capture_output=True, timeout=60, cwd=cwd, preexec_fn=pre)


def digest(path):
    return hashlib.sha256(open(path, "rb").read()).hexdigest()


def output_target_tests(tmp, describe):
    """-o never destroys evidence: not an input found by the walk or on stdin, not a device node,
    not a link, not a file podmortem did not write; modes follow the umask or the old report."""
    incident = os.path.join(tmp, "o-incident")
    os.makedirs(incident)
    evidence = os.path.join(incident, "describe.txt")
    shutil.copy(describe, evidence)
    before = digest(evidence)
    p = run(incident, "-o", evidence, "--force")
    check("-o naming a file the directory walk found is refused (even with --force)",
          p.returncode == 1 and digest(evidence) == before and b"is also an input" in p.stderr, p.stderr)
    with open(evidence, "rb") as f:
        p = subprocess.run([BIN, "-", "-o", evidence, "--force"], stdin=f, capture_output=True, timeout=60)
    check("`podmortem - -o x < x` is refused", p.returncode == 1 and digest(evidence) == before, p.stderr)
    link = os.path.join(tmp, "o-link.md")
    os.symlink(evidence, link)
    p = run(describe, "-o", link)
    check("-o through a symlink is refused", p.returncode == 1 and digest(evidence) == before and
          os.path.islink(link), p.stderr)
    p = run(describe, "-o", incident)
    check("-o naming a directory is refused, nothing left",
          p.returncode == 1 and sorted(os.listdir(incident)) == ["describe.txt"], p.stderr)
    notes = os.path.join(tmp, "o-notes.txt")
    open(notes, "w").write("my own notes\n")
    p = run(describe, "-o", notes)
    check("-o over a file podmortem did not write is refused without --force",
          p.returncode == 1 and open(notes).read() == "my own notes\n" and b"--force" in p.stderr, p.stderr)
    p = run(describe, "-o", notes, "--force")
    check("--force replaces it", p.returncode == 0 and open(notes).read().startswith("# Post-mortem"), p.stderr)
    report = os.path.join(tmp, "o-report.json")
    p = run("--format", "json", describe, "-o", report, umask=0o077)
    check("a new report follows the umask (077: 0600)", p.returncode == 0 and
          (os.stat(report).st_mode & 0o777) == 0o600, oct(os.stat(report).st_mode))
    os.chmod(report, 0o640)
    p = run("--format", "json", describe, "-o", report, umask=0o022)
    check("a replaced report keeps its mode", p.returncode == 0 and (os.stat(report).st_mode & 0o777) == 0o640,
          oct(os.stat(report).st_mode))
    fresh = os.path.join(tmp, "o-fresh.md")
    p = run(describe, "-o", fresh, umask=0o022)
    check("a new report under umask 022 is 0644", p.returncode == 0 and (os.stat(fresh).st_mode & 0o777) == 0o644)
    if os.path.exists("/dev/null") and os.geteuid() == 0:
        p = run(describe, "-o", "/dev/null")
        import stat as st
        check("-o /dev/null writes in place and leaves the device node",
              p.returncode == 0 and st.S_ISCHR(os.stat("/dev/null").st_mode), p.stderr)
    if os.path.exists("/dev/full"):
        p = run(describe, "-o", "/dev/full")
        check("-o /dev/full: exit 1, the full disk reported", p.returncode == 1 and b"No space left" in p.stderr,
              p.stderr)
        import stat as st
        check("/dev/full is still a device", st.S_ISCHR(os.stat("/dev/full").st_mode))
    check("no temporary file left anywhere", not [f for f in os.listdir(tmp) if ".podmortem-" in f], os.listdir(tmp))


def stream_tests(tmp, describe):
    """Standard output that fails is reported; untrusted names and messages reach stderr escaped."""
    if os.path.exists("/dev/full"):
        for args, what in (([describe], "analysis"), (["--help"], "--help"), (["--check-grammars"], "--check-grammars"),
                           (["explain-error", "exec: \"x\": executable file not found in $PATH"], "explain-error")):
            with open("/dev/full", "wb") as full:
                p = run(*args, stdout=full)
            check(f"{what} > /dev/full: exit 1 with a message", p.returncode == 1 and
                  b"cannot write to standard output" in p.stderr, (p.returncode, p.stderr))
    weird = os.path.join(tmp, "s-weird")
    os.makedirs(weird)
    name = "x\x1b]8;;https:evil\x07click\x1b]8;;\x07\n\u202eevil.txt"
    open(os.path.join(weird, name), "wb").write(b"\x00\x01\x02" * 100)
    p = run(weird)
    err = p.stderr
    check("file names on stderr are escaped", p.returncode == 1 and b"\x1b" not in err and b"\x07" not in err and
          "\u202e".encode() not in err and b"\\x1B" in err, err)
    p = run("explain-error", "-\x1b[31mred")
    check("an unknown-option message is escaped", p.returncode == 1 and b"\x1b" not in p.stderr, p.stderr)
    p = run("explain-error", "--", "-x exec: \"x\": executable file not found in $PATH")
    check("a message that starts with - goes after --", p.returncode == 0 and b"exec-not-found" in p.stdout, p.stderr)
    p = run("explain-error", 'Error: exec: "x\\x1b]8;;http://e\\x07": executable file not found in $PATH '
            'password=hunter2 https://user:s3cr3t@db.example:5432/x')
    out = p.stdout
    check("explain-error's text output escapes decoded control bytes and redacts secrets",
          p.returncode == 0 and b"\x1b" not in out and b"\x07" not in out and b"hunter2" not in out and
          b"s3cr3t" not in out, out)


def redact_before_cut_tests(tmp):
    """Evidence is redacted whole, then cut: a secret past any length cap still never shows."""
    paste = os.path.join(tmp, "c-error.txt")
    open(paste, "w").write(
        "failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create "
        "failed: unable to start container process: error during container init: " + "x" * 400 +
        " pulling https://deploy:Pa55-w0rd-long@registry.example/v2/: no such file or directory: unknown\n")
    for fmt in ("json", "markdown"):
        p = run("--format", fmt, paste)
        check(f"a secret past 300 bytes of a lone error is redacted ({fmt})",
              p.returncode == 0 and b"Pa55-w0rd" not in p.stdout and b"REDACTED" in p.stdout, p.stdout[-400:])


def streamed_kernel_log_tests(tmp):
    """A kernel log over 16 MiB is read in chunks, and gives the kernel events reading it whole gives."""
    one = open(os.path.join(SRC, "samples", "memcg-oom-describe-dmesg", "dmesg.txt"), "rb").read()
    big = os.path.join(tmp, "k-dmesg.txt")
    open(big, "wb").write(one * (17 * 1024 * 1024 // len(one) + 1))
    streamed = run("--format", "json", big)
    whole = run("--format", "json", "-", stdin=open(big, "rb").read())
    if streamed.returncode != 0 or whole.returncode != 0:
        check("a streamed kernel log is read", False, (streamed.stderr, whole.stderr))
        return
    a = json.loads(streamed.stdout)["kernel_events"]
    b = json.loads(whole.stdout)["kernel_events"]
    strip = lambda events: [{k: v for k, v in e.items() if k not in ("source", "citations", "time_from")} for e in events]
    lines = lambda events: [e["source"].rsplit(":", 1)[1] for e in events]
    check("a kernel log over 16 MiB streamed gives the events read whole", len(a) > 1000 and strip(a) == strip(b) and
          lines(a) == lines(b), (len(a), len(b)))


def repeat_cap_tests(tmp):
    """Output grows with distinct evidence, not with repeats: identical errors are counted, not listed."""
    log = os.path.join(tmp, "g-containerd.log")
    line = ('Mar 12 14:32:51 node-1 containerd[812]: time="2024-03-12T14:32:51.%06dZ" level=error msg="StartContainer '
            'failed" error="failed to create containerd task: failed to create shim task: OCI runtime create failed: '
            'runc create failed: unable to start container process: exec: \\"/app\\": stat /app: no such file or '
            'directory: unknown"\n')
    open(log, "w").write("".join(line % i for i in range(20000)))
    p = run("--format", "json", log)
    doc = json.loads(p.stdout) if p.returncode == 0 else {}
    errors = doc.get("runtime_errors", [])
    check("20,000 identical runtime errors: at most 10 listed, the total counted, the cap stated",
          0 < len(errors) <= 10 and errors[0].get("occurrences") == 20000 and len(p.stdout) < 200000 and
          any("counted, not listed" in w["message"] for w in doc.get("warnings", [])),
          (len(errors), len(p.stdout), doc.get("warnings")))


def report_shape_tests(tmp, describe):
    """An input is skipped as a podmortem report only when it has a report's whole shape."""
    d = os.path.join(tmp, "r-incident")
    os.makedirs(d)
    shutil.copy(describe, os.path.join(d, "describe.txt"))
    open(os.path.join(d, "app.log"), "w").write(
        '{"schema": "podmortem/v1", "msg": "a log line that mentions the schema"}\n'
        "panic: runtime error: index out of range [3] with length 3\n")
    p = run("--format", "json", d)
    doc = json.loads(p.stdout) if p.returncode == 0 else {}
    check("a log that mentions the schema in its first bytes is still read",
          any(i["path"].endswith("app.log") for i in doc.get("inputs", [])), p.stdout[:300])
    open(os.path.join(d, "report.json"), "wb").write(p.stdout)
    open(os.path.join(d, "report.md"), "wb").write(run(d).stdout)
    p = run("--format", "json", d)
    doc = json.loads(p.stdout) if p.returncode == 0 else {}
    paths = [i["path"] for i in doc.get("inputs", [])]
    check("real JSON and Markdown reports in the folder are skipped",
          not any(x.endswith(("report.json", "report.md")) for x in paths) and len(paths) == 2, paths)


def log_tests(tmp):
    """--log CONTAINER=PATH names whose log a file is, whatever its name, and is not read twice."""
    case = os.path.join(SRC, "samples", "go-panic-previous-log")
    saved = os.path.join(tmp, "saved.txt")
    shutil.copy(os.path.join(case, "api-previous.log"), saved)
    describe = os.path.join(case, "describe.txt")
    p = run(describe, "--log", f"api={saved}", "--format", "json")
    report = json.loads(p.stdout) if p.returncode == 0 else {}
    logs = report.get("container_logs", [])
    check("--log attributes the file to the container it names",
          len(logs) == 1 and logs[0].get("container") == "api" and "--log" in logs[0].get("attributed_by", ""), logs)
    p = run(describe, saved, "--log", f"api={saved}", "--format", "json")
    report = json.loads(p.stdout) if p.returncode == 0 else {}
    check("a file given as a path and with --log is read once", len(report.get("inputs", [])) == 2,
          report.get("inputs"))
    # The walk lists a folder's files from their directory entries; the --log file is still one of them.
    folder = os.path.join(tmp, "log-folder")
    os.makedirs(folder)
    shutil.copy(describe, os.path.join(folder, "describe.txt"))
    shutil.copy(saved, os.path.join(folder, "saved.txt"))
    p = run(folder, "--log", f"api={os.path.join(folder, 'saved.txt')}", "--format", "json")
    report = json.loads(p.stdout) if p.returncode == 0 else {}
    check("a file the directory walk found and --log names is read once", len(report.get("inputs", [])) == 2,
          report.get("inputs"))
    p = run(describe, "--log", f"apii={saved}", "--format", "json")
    report = json.loads(p.stdout) if p.returncode == 0 else {}
    warned = [w for w in report.get("warnings", []) if "--log names container apii" in w.get("message", "")]
    check("--log naming a container no pod has: a warning that lists the ones there are",
          len(warned) == 1 and "(api)" in warned[0]["message"] and warned[0]["source"] == saved, report.get("warnings"))
    p = run(describe, "--log", f"api={saved}", "--format", "json")
    report = json.loads(p.stdout) if p.returncode == 0 else {}
    check("--log naming a container the pod has: no such warning",
          not any("--log names" in w.get("message", "") for w in report.get("warnings", [])), report.get("warnings"))


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

    for jobs in ("0", "-1", "100000"):
        p = run("-j", jobs, describe)
        check(f"-j {jobs}: exit 1, the range said", p.returncode == 1 and b"from 1 to 256" in p.stderr, p.stderr)
    p = run("-j", "3", describe)
    check("-j 3: runs", p.returncode == 0, p.stderr)

    p = run("--log", "=api-previous.log", describe)
    check("--log without a container: exit 1, the form shown", p.returncode == 1 and b"CONTAINER=PATH" in p.stderr,
          p.stderr)
    with tempfile.TemporaryDirectory() as tmp:
        log_tests(tmp)

    with tempfile.TemporaryDirectory() as tmp:
        p = run(os.path.join(tmp, "missing.txt"))
        check("missing file: exit 1 naming it", p.returncode == 1 and b"missing.txt" in p.stderr, p.stderr)
        p = run(describe, os.path.join(tmp, "dmseg.txt"))
        check("a mistyped path beside a good one: the report is written, the path named on stderr",
              p.returncode == 0 and b"dmseg.txt: no such file or directory (not read" in p.stderr and
              b"# Post-mortem" in p.stdout, p.stderr)
        p = run(describe, "--log", "api=" + os.path.join(tmp, "api-prev.log"))
        check("a mistyped --log path: named on stderr", p.returncode == 0 and b"api-prev.log" in p.stderr, p.stderr)

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
        # The golden JSON is the --pretty layout of the compact default (run from the source root,
        # so paths cite samples/<case>/FILE as the goldens do).
        for case in ("oom-killed", "mixed-notes"):
            golden = open(os.path.join(SRC, "tests", "golden", case + ".json"), "rb").read()
            pretty = run("--format", "json", "--pretty", "samples/" + case, cwd=SRC).stdout
            compact = run("--format", "json", "samples/" + case, cwd=SRC).stdout
            check(f"--pretty gives the golden JSON of {case}", pretty == golden)
            check(f"the default JSON of {case} is one line of the same document",
                  compact.count(b"\n") == 1 and json.loads(compact) == json.loads(golden))

        healthy = os.path.join(tmp, "healthy.txt")
        with open(healthy, "w") as f:
            f.write("Name:         web-0\nNamespace:    shop\nStatus:       Running\nContainers:\n  web:\n"
                    "    Image:          nginx:1.25\n    State:          Running\n"
                    "      Started:      Tue, 27 Aug 2019 10:40:12 +0200\n    Ready:          True\n"
                    "    Restart Count:  0\nEvents:          <none>\n")
        md = run(healthy).stdout.decode()
        doc = json.loads(run("--format", "json", healthy).stdout)
        check("nothing to diagnose: said at the top, findings empty with a warning saying why",
              "**Nothing could be diagnosed.**" in md.split("## Overview")[0] and doc["findings"] == []
              and any("nothing could be diagnosed" in w["message"] for w in doc["warnings"]), md[:300])

        binary = os.path.join(tmp, "core.dump")
        rnd = random.Random(3)
        with open(binary, "wb") as f:
            f.write(bytes(rnd.randrange(256) for _ in range(20000)))
        p = run(binary)
        err = p.stderr.decode()
        check("a binary file: one warning naming it, then exit 1",
              p.returncode == 1 and err.count("core.dump") == 1 and "binary data" in err, err[:400])

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

        output_target_tests(tmp, describe)
        stream_tests(tmp, describe)
        report_shape_tests(tmp, describe)
        redact_before_cut_tests(tmp)
        repeat_cap_tests(tmp)
        streamed_kernel_log_tests(tmp)

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
    subpath = ('failed to create containerd task: failed to create shim task: OCI runtime create failed: runc create '
               'failed: unable to start container process: error during container init: error mounting '
               '"/var/lib/kubelet/pods/3f2a/volume-subpaths/app-config/app/0" to rootfs at "/etc/app/config.yaml": '
               'not a directory: unknown')
    for fmt in ("markdown", "json"):
        p = run("explain-error", "--format", fmt, subpath)
        out = p.stdout.decode()
        check(f"explain-error ({fmt}): no pod, so its steps say POD and NAMESPACE, never a raw placeholder",
              p.returncode == 0 and "kubectl delete pod POD -n NAMESPACE" in out and "{pod}" not in out
              and "{namespace}" not in out, out)
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
