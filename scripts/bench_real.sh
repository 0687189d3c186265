#!/usr/bin/env bash
# Runs styrdok's PDF ingestion and poppler's `pdftotext` side by side on the real third-party PDFs and
# prints, per file, the time of each and the share of pdftotext's words (multiset; body, furniture and
# table cells together) and characters that styrdok keeps. Usage: scripts/bench_real.sh [DIR]
set -euo pipefail
cd "$(dirname "$0")/.."
command -v pdftotext >/dev/null || { echo "pdftotext (poppler-utils) is needed" >&2; exit 2; }
cargo build --release --quiet -p styrdok-eval --example bench_real
target/release/examples/bench_real "${1:-fixtures/real}"
