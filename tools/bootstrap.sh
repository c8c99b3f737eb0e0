#!/bin/sh
# Installs what a fresh Debian 12 machine lacks (as root), then configures and builds podmortem in build/.
set -eu
cd "$(dirname "$0")/.."

# The packages podmortem builds and tests with; each is Debian 12's own.
packages="g++ cmake make pkg-config libre2-dev libboost-program-options-dev libicu-dev doctest-dev libsimdjson-dev libvectorscan-dev libcmark-gfm-dev libcmark-gfm-extensions-dev python3 python3-jsonschema"
missing=""
for p in $packages; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing="$missing $p"
done
if [ -n "$missing" ]; then
    echo "bootstrap: installing$missing"
    if [ "$(id -u)" != 0 ]; then
        echo "bootstrap: run as root (or install these packages yourself):$missing" >&2
        exit 1
    fi
    export DEBIAN_FRONTEND=noninteractive
    apt-get update -qq
    apt-get install -y -qq --no-install-recommends $missing >/dev/null
fi

# PODMORTEM_CMAKE_FLAGS adds options (CI sets -DPODMORTEM_WERROR=ON).
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo ${PODMORTEM_CMAKE_FLAGS:-} >/dev/null
cmake --build build -j"$(nproc)"
