#!/usr/bin/env bash
# OCR benchmark: pages per second with one and with every core, and the word error rate against the text
# layer, for the first PAGES pages (default 6) of the 2026 plan typeset from its seed text. Printed side by
# side with plain Tesseract reading the same pages in one process with its own threads, and with the time
# poppler needs to rasterize a page to PGM (what styrdok uses) and to PNG.
# Needs: libreoffice-writer, poppler-utils, ghostscript, img2pdf, tesseract-ocr(-swe,-eng).
set -euo pipefail
cd "$(dirname "$0")/.."
pages=${PAGES:-6}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# The whole plan as one HTML paragraph per blank-line-separated block, typeset by LibreOffice.
{
  printf '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Plan 2026</title>\n'
  printf '<style>body{font-family:"Liberation Serif";font-size:12pt} p{margin:0 0 8pt 0}</style></head><body>\n'
  awk 'function flush(){ if (p!="") { gsub(/&/,"\\&amp;",p); gsub(/</,"\\&lt;",p); print "<p>" p "</p>"; p="" } }
       /^[[:space:]]*$/ {flush(); next}
       { sub(/^[[:space:]]+/,""); sub(/[[:space:]]+$/,""); p = (p=="" ? $0 : p " " $0) }
       END{flush()}' fixtures/seeds/hsn-verksamhetsplan-2026.txt
  printf '</body></html>\n'
} >"$work/plan.html"
soffice --headless -env:UserInstallation=file://"$work/profile" --infilter="HTML (StarWriter)" \
  --convert-to pdf:writer_pdf_Export --outdir "$work" "$work/plan.html" >/dev/null 2>&1
qpdf --empty --pages "$work/plan.pdf" "1-$pages" -- "$work/text.pdf"
gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pnggray -r300 -o "$work/page-%03d.png" "$work/text.pdf"
img2pdf --output "$work/scan.pdf" "$work"/page-*.png
gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffgray -sCompression=lzw -r300 -o "$work/scan.tif" "$work/text.pdf"

cores=$(nproc)
echo "== $pages pages, 300 dpi, $cores cores, load average $(cut -d' ' -f1-3 /proc/loadavg)"
echo "-- rasterizing one page of the image-only PDF (poppler pdftoppm, 300 dpi gray)"
for fmt in pgm png; do
  flag=""; [ "$fmt" = png ] && flag="-png"
  start=$(date +%s.%N)
  for p in $(seq 1 "$pages"); do pdftoppm -r 300 -gray $flag -f "$p" -l "$p" -singlefile "$work/scan.pdf" "$work/r"; done
  end=$(date +%s.%N)
  awk -v s="$start" -v e="$end" -v n="$pages" -v f="$fmt" 'BEGIN{printf "pdftoppm %s: %.2f s per page\n", f, (e-s)/n}'
done

cargo build --release --quiet -p styrdok-eval --example ocr_bench
echo "-- styrdok (one tesseract process per page, OMP_THREAD_LIMIT=1, pages in parallel)"
# CPU seconds (ours and the children's) beside the wall clock: on a shared machine the load average says
# how far the wall clock, and with it the gain from parallel pages, can be trusted.
bench() { /usr/bin/time -f "         cpu %U s user + %S s sys" target/release/examples/ocr_bench "$work/scan.pdf" "$work/text.pdf" "$@"; }
bench swe 1
bench swe 0
bench swe+eng 0

echo "-- reference: tesseract on the multi-page TIFF in one process, its own threads"
start=$(date +%s.%N)
/usr/bin/time -f "         cpu %U s user + %S s sys" tesseract "$work/scan.tif" "$work/ref" -l swe txt 2>&1 | grep cpu
end=$(date +%s.%N)
awk -v s="$start" -v e="$end" -v n="$pages" 'BEGIN{printf "tesseract langs=swe     one process        %d pages in %6.1f s = %5.2f pages/s\n", n, e-s, n/(e-s)}'
