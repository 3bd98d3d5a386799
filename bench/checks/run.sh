#!/usr/bin/env bash
# Builds and runs the content-check benchmark against the library of a finished build.
#   bench/checks/run.sh [corpus MB, default 256] [build dir, default build]
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
mb="${1:-256}"
build="${2:-$root/build}"
out="$build/bench_checks"
# shellcheck disable=SC2046
g++ -std=c++20 -O2 -g -I"$root" "$root/bench/checks/bench_checks.cc" "$build/libsanshen_core.a" \
  $(pkg-config --libs libhs icu-uc icu-i18n libzip pugixml poppler-cpp tomlplusplus yaml-0.1 \
    libgit2 md4c-html libcurl librnp openssl) -o "$out"
"$out" "$mb"
