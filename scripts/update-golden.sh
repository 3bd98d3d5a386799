#!/usr/bin/env bash
# Regenerates tests/golden/example-site/ from content-example/ after an intended change to the
# theme, the renderer or the example. Review the diff before committing it.
set -euo pipefail
cd "$(dirname "$0")/.."
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
scripts/make-example-repo.sh "$tmp/repo" >/dev/null
SOURCE_DATE_EPOCH=1767225600 build/sanshen build --repo "$tmp/repo" \
  --introduction "$(cat "$tmp/repo/.git/sanshen-introduction")" \
  --out "$tmp/public" --manifest "$tmp/provenance.json" >/dev/null
rm -rf tests/golden/example-site
mkdir -p tests/golden
cp -r "$tmp/public" tests/golden/example-site
echo "tests/golden/example-site updated"
