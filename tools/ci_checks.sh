#!/bin/sh
# The checks CI runs after the README's test command: the whole tree built with clang 14 under
# ASan+UBSan with -Werror (tests, benchmarks and fuzz targets), the unit tests under the sanitizers,
# every fuzz target for FUZZ_SECONDS (default 60) on its corpus, and clang-tidy on the files the
# last commit changed. Installs clang-14 and its runtime when missing (as root).
set -eu
cd "$(dirname "$0")/.."
packages="clang-14 libclang-rt-14-dev clang-tidy-14"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    [ "$(id -u)" = 0 ] || { echo "ci_checks: run as root (or install:$missing)" >&2; exit 1; }
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

step() { echo "== $* ($(date -u +%H:%M:%S))"; }

step "clang 14, ASan+UBSan, -Werror: tests, benchmarks, fuzz targets"
CXX=clang++-14 cmake -S . -B build-clang -DCMAKE_BUILD_TYPE=RelWithDebInfo -DPODMORTEM_FUZZ=ON -DPODMORTEM_WERROR=ON >/dev/null
cmake --build build-clang -j"$(nproc)"

step "unit and CLI tests under the sanitizers"
ctest --test-dir build-clang --output-on-failure

step "fuzzing, ${FUZZ_SECONDS:-60} s a target"
fuzz/run.sh build-clang "${FUZZ_SECONDS:-60}"

step "clang-tidy on the files the last commit changed"
if git rev-parse -q --verify HEAD~1 >/dev/null; then
    changed=$(git diff --name-only --diff-filter=d HEAD~1 -- '*.cpp' | grep -v '^fuzz/libfuzzer_main.cpp$' || true)
else  # a shallow clone: every file
    changed=$(git ls-files '*.cpp' | grep -v '^fuzz/libfuzzer_main.cpp$')
fi
if [ -n "$changed" ]; then
    # shellcheck disable=SC2086
    clang-tidy-14 -p build --quiet $changed
else
    echo "no C++ file changed"
fi
step "done"
