#!/usr/bin/env python3
"""How much of a piped run's time is the report's delivery, not podmortem's work.

usage: bench/delivery_floor.py BIN TARGET [TARGET...] [--runs N] [--patterns FILE]

For each TARGET (a file or a folder) it times, interleaved, each read the way a script reads a
child's output (subprocess.run with stdout=PIPE, which reads 32 KiB at a time and joins the pieces):
  podmortem --format json TARGET      the whole run, as a caller sees it
  cat REPORT                          the same report, already written: the cost of delivering it
  podmortem ... > /dev/null           the run with no reader on the other end
  rg -c -F -f LITERALS TARGET         the baseline: every byte scanned for crash literals
                                      (--patterns FILE: `rg -c -f FILE`, regular expressions, as
                                      the acceptance checks run it, so the ratios are theirs)
and prints medians and their ratios to rg. The delivery floor is what any program printing the same
bytes pays before doing any work; the rest is podmortem's own."""
import argparse
import os
import statistics
import subprocess
import sys
import tempfile
import time

# Crash signatures a reader of logs would count: the baseline only needs rg to scan every byte.
LITERALS = ["panic:", "fatal error:", "OOMKilled", "Exception in thread", "Traceback", "Segmentation fault",
            "core dumped", "SIGSEGV", "out of memory", "exec format error", "permission denied",
            "no such file or directory", "connection refused", "CrashLoopBackOff", "Back-off restarting"]


def timed(cmd, stdout=subprocess.PIPE):
    t0 = time.perf_counter()
    subprocess.run(cmd, stdout=stdout, stderr=subprocess.DEVNULL, timeout=900, check=False)
    return time.perf_counter() - t0


def timed_to_null(cmd):
    with open(os.devnull, "wb") as null:
        return timed(cmd, stdout=null)


def main():
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("binary")
    ap.add_argument("targets", nargs="+")
    ap.add_argument("--runs", type=int, default=7)
    ap.add_argument("--patterns", help="rg's patterns, one regular expression a line (default: built-in literals)")
    a = ap.parse_args()
    with tempfile.TemporaryDirectory(prefix="podmortem-floor-") as tmp:
        literals = os.path.join(tmp, "literals.txt")
        with open(literals, "w") as f:
            f.write("\n".join(LITERALS) + "\n")
        rg_cmd = ["rg", "--no-config", "-c"] + (["-f", a.patterns] if a.patterns else ["-F", "-f", literals])
        for target in a.targets:
            report = os.path.join(tmp, "report.json")
            with open(report, "wb") as f:
                subprocess.run([a.binary, "--format", "json", target], stdout=f, stderr=subprocess.DEVNULL,
                               timeout=900, check=False)
            runs = {
                "podmortem, piped": lambda: timed([a.binary, "--format", "json", target]),
                "cat of its report, piped": lambda: timed(["cat", report]),
                "podmortem, to /dev/null": lambda: timed_to_null([a.binary, "--format", "json", target]),
                "rg -c (baseline)": lambda: timed(rg_cmd + [target]),
            }
            times = {name: [] for name in runs}
            for r in range(a.runs + 1):  # the first round warms the page cache and is dropped
                for name, run in runs.items():
                    t = run()
                    if r > 0:
                        times[name].append(t)
            med = {name: statistics.median(ts) for name, ts in times.items()}
            rg = med["rg -c (baseline)"]
            size = os.path.getsize(report)
            print(f"{target}: report {size / 1e6:.1f} MB, {a.runs} interleaved runs")
            for name, t in med.items():
                print(f"  {name:26s} {t * 1000:8.1f} ms  {t / rg:5.2f}x rg")
            own = med["podmortem, piped"] - med["cat of its report, piped"]
            print(f"  podmortem's own share     {own * 1000:8.1f} ms  {own / rg:5.2f}x rg (piped run less the delivery floor)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
