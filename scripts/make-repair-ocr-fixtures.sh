#!/usr/bin/env bash
# Builds the real-OCR fixtures of the repair evaluation: passages of the correctly written documents are
# typeset with LibreOffice (text -> PDF), rendered with pdftoppm and read back with Tesseract's English
# model, which, lacking å/ä/ö, makes the same kind of errors as the OCR'd 2024 plan ("6kad", "nimnden").
# Writes fixtures/repair/ocr/<name>.source.txt (what was typeset) and <name>.eng.txt (what Tesseract read).
# Needs: libreoffice-writer, poppler-utils, tesseract-ocr-eng.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/repair/ocr
mkdir -p "$out"
# name, source document, first line, number of words: body passages (prose and uppdrag lists).
passages=(
  "plan2026 fixtures/seeds/hsn-verksamhetsplan-2026.txt 60 1500"
  "report2024 fixtures/seeds/hsn-verksamhetsberattelse-2024.txt 150 1500"
)
for p in "${passages[@]}"; do
  read -r name src first count <<<"$p"
  # Keep lines with words; drop page counters and empty lines so the passage reads as prose.
  sed -n "${first},\$p" "$src" | tr -d '\f' | grep -v '^[[:space:]]*$' \
    | grep -v '[0-9]([0-9]*)' | awk -v max="$count" 'n < max { n += NF; print }' \
    >"$out/$name.source.txt"
  scripts/typeset_and_ocr.sh "$out/$name.source.txt" "$out/$name.eng.txt"
  echo "$name: $(wc -w <"$out/$name.source.txt") words typeset, $(wc -w <"$out/$name.eng.txt") read back"
done
