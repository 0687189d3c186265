#!/usr/bin/env bash
# Builds the OCR fixtures in fixtures/scans/ from the 2026 plan's seed text: the pages with uppdrag Nr 10–18,
# HS nr 1–2 and Ber nr 1–5 are typeset by LibreOffice (text-layer PDF), rendered to page images by poppler,
# and the images assembled into an image-only PDF by img2pdf, the way a scanner's PDF has no text layer.
# Needs: libreoffice-writer, poppler-utils, img2pdf, ghostscript.
set -euo pipefail
cd "$(dirname "$0")/.."

seed=fixtures/seeds/hsn-verksamhetsplan-2026.txt
out=fixtures/scans
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
mkdir -p "$out"

# The excerpt: from the heading of the council's uppdrag to the end of the paragraph after Ber nr 5.
first=$(grep -n '^ *Uppdrag givna från regionfullmäktige' "$seed" | head -1 | cut -d: -f1)
last=$(grep -n '^Målsättning nr 6:' "$seed" | head -1 | cut -d: -f1)
last=$((last + 6))
sed -n "${first},${last}p" "$seed" >"$work/excerpt.txt"

# One HTML paragraph per blank-line-separated block; the seed's hard line breaks inside a block are joined.
{
  printf '<!DOCTYPE html>\n<html lang="sv"><head><meta charset="utf-8"><title>Uppdrag 2026</title>\n'
  printf '<style>body{font-family:"Liberation Serif";font-size:13pt} p{margin:0 0 10pt 0}</style></head><body>\n'
  awk 'BEGIN{p=""}
       function flush(){ if (p!="") { gsub(/&/,"\\&amp;",p); gsub(/</,"\\&lt;",p); print "<p>" p "</p>"; p="" } }
       /^[[:space:]]*$/ {flush(); next}
       { sub(/^[[:space:]]+/,""); sub(/[[:space:]]+$/,""); p = (p=="" ? $0 : p " " $0) }
       END{flush()}' "$work/excerpt.txt"
  printf '</body></html>\n'
} >"$work/uppdrag-2026.html"

# Text-layer PDF, typeset by LibreOffice Writer (its own profile dir so a running instance does not interfere).
soffice --headless -env:UserInstallation=file://"$work/profile" --infilter="HTML (StarWriter)" \
  --convert-to pdf:writer_pdf_Export --outdir "$work" "$work/uppdrag-2026.html" >/dev/null 2>&1
cp "$work/uppdrag-2026.pdf" "$out/uppdrag-2026-text.pdf"

# Page images as a scanner would give them: 8-bit grayscale, 300 dpi (Ghostscript's pnggray: poppler's
# pdftoppm writes RGB PNGs even when asked for gray). img2pdf embeds them losslessly, one image per page.
gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=pnggray -r300 -o "$work/page-%02d.png" "$out/uppdrag-2026-text.pdf"
img2pdf --output "$out/uppdrag-2026-scan.pdf" "$work"/page-*.png

# Single page images in the other formats scans arrive in: the first page as PNG, the second as JPEG at 200 dpi.
cp "$work/page-01.png" "$out/uppdrag-2026-p1.png"
gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=jpeggray -dJPEGQ=75 -r200 -dFirstPage=2 -dLastPage=2 \
  -o "$out/uppdrag-2026-p2.jpg" "$out/uppdrag-2026-text.pdf"
# A multi-page, bilevel (CCITT G4) TIFF, the usual shape of an archive scan.
gs -q -dSAFER -dBATCH -dNOPAUSE -sDEVICE=tiffg4 -r300 -o "$out/uppdrag-2026-scan.tif" "$out/uppdrag-2026-text.pdf"

ls -l "$out"
