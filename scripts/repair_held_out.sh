#!/usr/bin/env bash
# The stripped-text evaluation of repair on Swedish prose it was not tuned on (see docs/repair.md for which
# rules these texts have since shaped): the book "Copyright finns
# inte" (Linus Walleij, public domain; Debian package cfi-sv), a different genre from the plans and reports,
# cut into three parts of 120-200 KB after its HTML is turned into text, stripped of diacritics and, for two
# passages, typeset and read back by Tesseract. Learns from the two seed documents.
#
#   scripts/repair_held_out.sh            (installs cfi-sv with apt-get when it is missing; needs python3)
set -euo pipefail
root=$(cd "$(dirname "$0")/.." && pwd)
book=/usr/share/doc/cfi-sv/cfi.html
if [ ! -f "$book" ]; then
    sudo_cmd=""
    [ "$(id -u)" -ne 0 ] && sudo_cmd="sudo"
    DEBIAN_FRONTEND=noninteractive $sudo_cmd apt-get install -y -qq cfi-sv >/dev/null
fi
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
python3 - "$book" "$work" <<'PY'
import html, re, sys
raw = open(sys.argv[1], 'rb').read()
try:
    text = raw.decode('utf-8')
except UnicodeDecodeError:
    text = raw.decode('latin-1')
text = re.sub(r'(?is)<(script|style).*?</\1>', '', text)
text = re.sub(r'(?i)<br\s*/?>|</p>|</h\d>|</li>|</div>', '\n', text)
text = html.unescape(re.sub(r'<[^>]+>', '', text))
text = re.sub(r'\n\s*\n+', '\n\n', re.sub(r'[ \t]+', ' ', text))
for name, (start, end) in {'part1': (30000, 150000), 'part2': (300000, 450000), 'part3': (450000, 650000)}.items():
    open(f'{sys.argv[2]}/cfi-{name}.txt', 'w').write(text[start:end])
PY
# A text nearer the genre: the Swedish questions and answers on building permits, contracts and
# consumer law of the PyPI package zaragoza-construction-faq 1.2.1 (Zaragoza AB, CC BY 4.0), one
# paragraph per question and per answer. Skipped when pip cannot fetch it.
faq=()
if python3 -m pip download --quiet --no-deps zaragoza-construction-faq==1.2.1 -d "$work/faq" >/dev/null 2>&1; then
    python3 - "$work" <<'PY'
import glob, json, sys, zipfile
wheel = zipfile.ZipFile(glob.glob(f'{sys.argv[1]}/faq/*.whl')[0])
rows = [json.loads(l) for l in wheel.read('zaragoza_construction_faq/data/faq.jsonl').decode().splitlines() if l.strip()]
open(f'{sys.argv[1]}/faq-sv.txt', 'w').write('\n'.join(f"{r['q']}\n{r['a']}\n" for r in rows))
PY
    faq=("$work/faq-sv.txt")
fi
cd "$root"
cargo run --release --quiet -p styrdok-eval --example repair_eval -- --text "${faq[@]}" "$work"/cfi-part1.txt "$work"/cfi-part2.txt "$work"/cfi-part3.txt

# Speed on the same parts, read one after the other after the seeds, as a batch reads a diarium.
cargo run --release --quiet -p styrdok-eval --example repair_bench -- "$work"/cfi-part1.txt "$work"/cfi-part2.txt "$work"/cfi-part3.txt

# Real OCR of the same book: the first 1,500 words of parts 2 and 3 typeset and read back with Tesseract's
# English model (scripts/typeset_and_ocr.sh, as for the seeds' fixtures; skipped without LibreOffice,
# pdftoppm and Tesseract).
if command -v soffice >/dev/null && command -v pdftoppm >/dev/null && command -v tesseract >/dev/null; then
    pairs=()
    for p in 2 3; do
        tr -d '\f' <"$work/cfi-part$p.txt" | grep -v '^[[:space:]]*$' |
            awk 'n < 1500 { n += NF; print }' >"$work/cfi$p.source.txt"
        scripts/typeset_and_ocr.sh "$work/cfi$p.source.txt" "$work/cfi$p.eng.txt"
        pairs+=("$work/cfi$p.source.txt" "$work/cfi$p.eng.txt")
    done
    cargo run --release --quiet -p styrdok-eval --example repair_eval -- --ocr "${pairs[@]}"
fi
