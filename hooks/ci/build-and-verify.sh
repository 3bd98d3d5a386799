#!/usr/bin/env bash
# Example CI job for a content repository: build the gated site, sign the manifest, deploy, then
# prove the live copy is exactly what was approved. Configure through the environment:
#   SANSHEN_INTRODUCTION  <commit>:<SHA256:fingerprint>, given out of band (design §4.6)
#   SANSHEN_SIGN_KEY      path to the deploy ed25519 private key (a CI secret)
#   SANSHEN_VERIFY_KEY    the matching public key
#   DEPLOY_DIR            where the web server serves from
#   SITE_URL              the public base URL, for the post-deploy check
set -euo pipefail
sanshen=${SANSHEN:-sanshen}
"$sanshen" build --repo . --out public --manifest provenance.json \
  --sign-key "$SANSHEN_SIGN_KEY" --fail-on-refused || status=$?
case ${status:-0} in
  0) ;;
  1) echo "有未发布页面，见上文原因 (some pages were refused; the approved site is still deployed)" ;;
  *) exit "$status" ;;
esac
rsync -a --delete public/ "$DEPLOY_DIR/"
"$sanshen" verify --manifest provenance.json --key "$SANSHEN_VERIFY_KEY" "$DEPLOY_DIR"
"$sanshen" verify --manifest provenance.json --key "$SANSHEN_VERIFY_KEY" --base-url "$SITE_URL"
