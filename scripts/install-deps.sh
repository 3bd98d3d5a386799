#!/usr/bin/env bash
# Installs everything sanshen needs to build and test on Debian 12. Idempotent: it only calls apt
# when a package is missing, so repeated runs (CI, README commands) cost a dpkg query.
set -euo pipefail
packages=(
  build-essential cmake pkg-config git openssh-client ca-certificates python3
  libmd4c-dev libmd4c-html0-dev libgit2-dev libhyperscan-dev libicu-dev
  libkainjow-mustache-dev catch2 libssl-dev nlohmann-json3-dev libcli11-dev
  libtomlplusplus-dev libyaml-dev ccache libcurl4-openssl-dev nginx
  ripgrep
  librnp-dev gnupg libzip-dev libpugixml-dev libpoppler-cpp-dev libsodium-dev libmimalloc-dev nettle-dev
  chromium
)
# Node.js and npm run tests/browser; a machine that has them from elsewhere keeps its own.
if ! command -v node >/dev/null || ! command -v npm >/dev/null; then packages+=(nodejs npm); fi
missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done
if ((${#missing[@]})); then
  sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  export DEBIAN_FRONTEND=noninteractive
  $sudo apt-get update -qq
  $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi
