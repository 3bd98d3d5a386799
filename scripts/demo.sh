#!/usr/bin/env bash
# Installs dependencies, builds sanshen, turns content-example/ into a signed git repository and
# builds its site. Usage: bash scripts/demo.sh [work-dir]   (default: ./example-repo and ./public)
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
cmake -S . -B build -DCMAKE_BUILD_TYPE=RelWithDebInfo -DBUILD_TESTING=OFF >/dev/null
cmake --build build -j"$(nproc)" --target sanshen
repo=${1:-example-repo}
rm -rf "$repo"
scripts/make-example-repo.sh "$repo"
intro=$(cat "$repo/.git/sanshen-introduction")
build/sanshen build --repo "$repo" --introduction "$intro" --out public --manifest provenance.json
echo
echo "站点 (site): $(pwd)/public/index.html"
echo "清单 (manifest): $(pwd)/provenance.json"
