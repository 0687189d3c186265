#!/usr/bin/env bash
# Times `styrdok extract` (release build: ingest, clean, detect, JSON) against poppler's `pdftotext` on
# the PDF fixtures, in the same run and alternating, several times each; prints pages per second for
# both and the ratio. Usage: scripts/bench_pdf.sh [RUNS]   (default 10)
set -euo pipefail
cd "$(dirname "$0")/.."
runs=${1:-10}
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is needed" >&2; exit 2; }
cargo build --release --quiet
bin=target/release/styrdok
files=(fixtures/pdf/hsn-verksamhetsplan-2026.pdf
       fixtures/pdf/hsn-verksamhetsplan-2026-gs.pdf
       fixtures/pdf/hsn-verksamhetsplan-2026-cairo.pdf
       fixtures/pdf/hsn-verksamhetsplan-2026-encrypted.pdf)
pages=0
for f in "${files[@]}"; do
  pages=$((pages + $(pdfinfo "$f" | awk '/^Pages:/ {print $2}')))
done

now() { date +%s%N; }
styrdok_times=()
poppler_times=()
for ((r = 0; r < runs; r++)); do
  t0=$(now)
  for f in "${files[@]}"; do "$bin" extract "$f" >/dev/null; done
  t1=$(now)
  for f in "${files[@]}"; do pdftotext "$f" /dev/null; done
  t2=$(now)
  styrdok_times+=($((t1 - t0)))
  poppler_times+=($((t2 - t1)))
done

median() { printf '%s\n' "$@" | sort -n | awk '{a[NR]=$1} END {print (NR % 2) ? a[(NR+1)/2] : (a[NR/2] + a[NR/2+1]) / 2}'; }
s=$(median "${styrdok_times[@]}")
p=$(median "${poppler_times[@]}")
awk -v s="$s" -v p="$p" -v pages="$pages" -v runs="$runs" -v n="${#files[@]}" 'BEGIN {
  printf "%d files, %d pages, %d runs each (median of runs)\n", n, pages, runs
  printf "%-28s %10.1f ms %10.0f pages/s\n", "styrdok extract", s / 1e6, pages / (s / 1e9)
  printf "%-28s %10.1f ms %10.0f pages/s\n", "pdftotext", p / 1e6, pages / (p / 1e9)
  printf "styrdok / pdftotext speed: %.2f (>= 1 means styrdok is at least as fast)\n", p / s
}'
