#!/usr/bin/env bash
# Documents per second for `styrdok extract` (release build) on the DOCX fixtures, side by side with
# `pandoc -t plain` on the same files, in one run. Each tool is started once per document, as a user
# would run it; the figure includes process start-up for both.
#
# Usage: scripts/bench_docx.sh [ROUNDS]   (default 20 rounds over every fixture)
set -euo pipefail
cd "$(dirname "$0")/.."

rounds="${1:-20}"
files=(fixtures/docx/*.docx)
cargo build --release --quiet
bin=target/release/styrdok
command -v pandoc >/dev/null || { echo "pandoc not found" >&2; exit 2; }

# Runs "$@ FILE" for every fixture, $rounds times; prints documents per second.
rate() {
  local start end n=0
  start=$(date +%s.%N)
  for _ in $(seq "$rounds"); do
    for f in "${files[@]}"; do
      "$@" "$f" >/dev/null
      n=$((n + 1))
    done
  done
  end=$(date +%s.%N)
  awk -v n="$n" -v s="$start" -v e="$end" 'BEGIN { printf "%d docs in %.2f s: %.1f docs/s\n", n, e - s, n / (e - s) }'
}

echo "DOCX fixtures: ${#files[@]} files ($(du -ch "${files[@]}" | tail -1 | cut -f1)), $rounds rounds each"
printf '%-28s %s\n' "styrdok extract (release)" "$(rate "$bin" extract)"
printf '%-28s %s\n' "pandoc -t plain" "$(rate pandoc -t plain)"
