#!/bin/sh
# Runs every fuzz target for SECONDS each (default 60) on a copy of its seed corpus, with the formats'
# dictionary; the repository's corpus is never modified. A crash, leak, timeout or broken invariant
# stops the run with the reproducer's path: copy it into tests/data/fuzz-regressions/<target>/ and fix.
# usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]   (BUILD_DIR configured with -DPODMORTEM_FUZZ=ON)
set -eu
here="$(cd "$(dirname "$0")" && pwd)"
build="${1:?usage: fuzz/run.sh BUILD_DIR [SECONDS] [TARGET...]}"
seconds="${2:-60}"
shift $(( $# >= 2 ? 2 : 1 ))
targets="${*:-readers decode unwrap grammar report}"
work="$(mktemp -d "${TMPDIR:-/tmp}/podmortem-fuzz.XXXXXX")"
trap 'rm -rf "$work"' EXIT
status=0
for t in $targets; do
    bin="$build/fuzz/fuzz_$t"
    [ -x "$bin" ] || { echo "fuzz: $bin not built (configure with -DPODMORTEM_FUZZ=ON)" >&2; exit 2; }
    mkdir -p "$work/$t" "$work/artifacts"
    cp "$here/corpus/$t/"* "$work/$t/" 2>/dev/null || true
    if [ -d "$here/../tests/data/fuzz-regressions/$t" ]; then
        cp "$here/../tests/data/fuzz-regressions/$t/"* "$work/$t/" 2>/dev/null || true
    fi
    start=$(date +%s)
    if "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 -max_len=65536 \
            -dict="$here/podmortem.dict" -artifact_prefix="$work/artifacts/$t-" -print_final_stats=1 \
            "$work/$t" >"$work/$t.log" 2>&1; then
        runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$work/$t.log")
        echo "fuzz_$t: clean, ${runs:-?} runs in $(( $(date +%s) - start )) s"
    else
        status=1
        echo "fuzz_$t: FAILED; the log's end:" >&2
        tail -40 "$work/$t.log" >&2
        mkdir -p "$build/fuzz-artifacts"
        cp "$work/artifacts/"* "$build/fuzz-artifacts/" 2>/dev/null || true
        echo "fuzz_$t: reproducers copied to $build/fuzz-artifacts/" >&2
    fi
done
exit $status
