#!/usr/bin/env bash
# Typesets a text with LibreOffice (text -> PDF), renders it with pdftoppm at 300 dpi and reads it back with
# Tesseract's English model, which, lacking å/ä/ö, makes the same kind of errors as old OCR of Swedish
# ("6kad", "nimnden"). Used for the real-OCR evaluations of repair.
#
#   scripts/typeset_and_ocr.sh SOURCE.txt OUT.txt
#
# Needs libreoffice-writer, poppler-utils and tesseract-ocr-eng.
set -euo pipefail
source=${1:?usage: typeset_and_ocr.sh SOURCE.txt OUT.txt}
out=${2:?usage: typeset_and_ocr.sh SOURCE.txt OUT.txt}
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
cp "$source" "$work/text.txt"
soffice --headless --convert-to pdf --outdir "$work" "$work/text.txt" >/dev/null 2>&1
pdftoppm -r 300 -gray -png "$work/text.pdf" "$work/page"
: >"$out"
for img in "$work"/page*.png; do
    tesseract "$img" - -l eng --psm 4 2>/dev/null >>"$out"
done
