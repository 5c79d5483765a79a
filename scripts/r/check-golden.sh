#!/usr/bin/env bash
# Regenerates the golden datasets and R reference values into a temporary directory and compares
# them with the committed test/golden files. Exits non-zero when anything differs (or R is missing).
# Usage: scripts/r/check-golden.sh   (from any directory)
set -euo pipefail
root="$(cd "$(dirname "$0")/../.." && pwd)"
cd "$root"
command -v Rscript >/dev/null || { echo "check-golden: Rscript not found (apt-get install r-base-core r-cran-survey)" >&2; exit 2; }
Rscript -e 'suppressMessages(library(survey))' >/dev/null 2>&1 || { echo "check-golden: R package 'survey' not installed" >&2; exit 2; }
tmp="$(mktemp -d)"
trap 'rm -rf "$tmp"' EXIT
node --import tsx scripts/make-golden-datasets.ts "$tmp/datasets" >/dev/null
Rscript scripts/r/golden.R "$tmp/datasets" "$tmp" >/dev/null 2>"$tmp/r.log" || { cat "$tmp/r.log" >&2; exit 1; }
Rscript scripts/r/quantiles.R "$tmp" >/dev/null 2>"$tmp/r.log" || { cat "$tmp/r.log" >&2; exit 1; }
rm -f "$tmp/r.log"
if diff -r "$tmp" test/golden; then
  echo "check-golden: test/golden is up to date with scripts/make-golden-datasets.ts, scripts/r/golden.R and scripts/r/quantiles.R"
else
  echo "check-golden: test/golden differs from a fresh run (see diff above)" >&2
  exit 1
fi
