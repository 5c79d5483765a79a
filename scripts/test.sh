#!/usr/bin/env bash
# The README's test command: install what the tests need on a Debian machine, then run npm test.
set -euo pipefail
cd "$(dirname "$0")/.."
export DEBIAN_FRONTEND=noninteractive

# Debian packages the tests use: chromium for browser tests, sqlite3 as the import baseline,
# R + survey + haven as the statistical reference, PSPP and LibreOffice to open our exports,
# poppler-utils for PDF pages, Noto fonts for Vietnamese text.
packages=(chromium sqlite3 r-base-core r-cran-survey r-cran-haven fonts-noto-core pspp poppler-utils libreoffice-calc-nogui)
missing=()
for p in "${packages[@]}"; do dpkg -s "$p" >/dev/null 2>&1 || missing+=("$p"); done
if ((${#missing[@]})); then
  sudo=()
  [ "$(id -u)" = 0 ] || sudo=(sudo)
  echo "Installing Debian packages: ${missing[*]}"
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
fi

# Dependencies exactly as locked; skipped when node_modules was installed from this lock file.
lock_hash=$(sha256sum package-lock.json | cut -d' ' -f1)
if [ "$(cat node_modules/.sipas-lock-hash 2>/dev/null)" != "$lock_hash" ]; then
  npm ci --no-audit --no-fund
  echo "$lock_hash" > node_modules/.sipas-lock-hash
fi

# The R golden files must be exactly what the committed R script produces.
bash scripts/r/check-golden.sh

status=0
npm test || status=$?
if [ -f test-output/vitest.json ]; then
  node -e "const r = require('./test-output/vitest.json'); console.log(r.numPassedTests + ' passed, ' + r.numFailedTests + ' failed');"
fi
exit $status
