#!/usr/bin/env bash
# Browser tests of the default theme (issue 6, design §7). Builds the example site twice with the
# given binary (the two builds must be byte-identical), then runs run.mjs in headless Chromium.
# Installs what it needs: Debian packages through scripts/install-deps.sh, npm packages with
# `npm ci` from the committed package-lock.json when node_modules is missing.
# Usage: tests/browser/run.sh BUILD/sanshen [--screenshots DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
src=$(cd "$here/../.." && pwd)
binary=$1
shift
bash "$src/scripts/install-deps.sh"
if [ ! -d "$here/node_modules" ]; then
  (cd "$here" && npm ci --no-audit --no-fund --loglevel=error)
fi

tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$src/scripts/make-example-repo.sh" "$tmp/repo" >/dev/null
introduction=$(cat "$tmp/repo/.git/sanshen-introduction")
for n in 1 2; do
  SOURCE_DATE_EPOCH=1767225600 "$binary" build --repo "$tmp/repo" --introduction "$introduction" \
    --out "$tmp/public$n" --manifest "$tmp/provenance$n.json" >/dev/null
done
diff -r "$tmp/public1" "$tmp/public2"
cmp "$tmp/provenance1.json" "$tmp/provenance2.json"
echo "two builds of the example site are byte-identical"

node "$here/run.mjs" --site "$tmp/public1" "$@"
