#!/usr/bin/env bash
# Builds fixtures/bad/: the broken, hostile and mislabelled files a diarium really holds, each named after
# what is wrong with it. Real producers make the base files (LibreOffice for PDF/DOCX/DOC, qpdf for
# encryption); the damage is then done by hand, byte for byte, so each file is reproducible.
# Needs: libreoffice-writer-nogui, qpdf, python3.
set -euo pipefail
cd "$(dirname "$0")/.."
out=fixtures/bad
mkdir -p "$out"
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

# A small, real document to damage.
cat > "$work/base.txt" <<'TXT'
Hälso- och sjukvårdsnämnden, Verksamhetsplan 2025

Uppdrag givna från regionfullmäktige till hälso- och sjukvårdsnämnden.

Nr 1. Att fortsätta arbetet med omställning till nära vård.
TXT
soffice --headless --convert-to pdf --outdir "$work" "$work/base.txt" >/dev/null 2>&1
soffice --headless --convert-to docx --outdir "$work" "$work/base.txt" >/dev/null 2>&1
soffice --headless --convert-to doc --outdir "$work" "$work/base.txt" >/dev/null 2>&1

# Empty files of each type.
: > "$out/empty.pdf"
: > "$out/empty.docx"
: > "$out/empty.txt"

# Truncated PDFs: cut in the middle of the body, and just before the trailer.
size=$(stat -c %s "$work/base.pdf")
head -c $((size / 2)) "$work/base.pdf" > "$out/truncated-half.pdf"
head -c $((size - 40)) "$work/base.pdf" > "$out/truncated-trailer.pdf"

# A broken cross-reference table: every xref offset overwritten with garbage of the same length.
python3 - "$work/base.pdf" "$out/broken-xref.pdf" <<'PY'
import re, sys
data = open(sys.argv[1], "rb").read()
start = data.rindex(b"\nxref")
end = data.index(b"trailer", start)
section = re.sub(rb"\d{10} \d{5} n", b"9999999999 00000 n", data[start:end])
open(sys.argv[2], "wb").write(data[:start] + section + data[end:])
PY

# Encrypted PDFs: one that opens with the empty user password, one that needs a password.
qpdf --encrypt "" owner-secret 256 -- "$work/base.pdf" "$out/encrypted-empty-user-password.pdf"
qpdf --encrypt user-secret owner-secret 256 -- "$work/base.pdf" "$out/encrypted-with-password.pdf"

# Garbage with a .pdf extension, and a PDF that is really a DOCX.
python3 -c "import random,sys; random.seed(7); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(4096)))" > "$out/garbage.pdf"
cp "$work/base.docx" "$out/really-a-docx.pdf"

# A zip bomb named .docx: a valid-looking package whose document.xml inflates to 256 MiB (ratio about 1000:1).
python3 - "$out/zip-bomb.docx" <<'PY'
import sys, zipfile, zlib
path = sys.argv[1]
with zipfile.ZipFile(path, "w", compression=zipfile.ZIP_DEFLATED, compresslevel=9) as z:
    z.writestr("[Content_Types].xml", '<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>')
    with z.open("word/document.xml", "w", force_zip64=True) as f:
        chunk = b"<" + b"w" * (1 << 20)
        for _ in range(256):
            f.write(chunk)
PY

# A DOCX whose document.xml nests content controls 20,000 deep (a recursive reader's stack overflow; under 1 MiB, so the ratio limit does not catch it first).
python3 - "$work/base.docx" "$out/deeply-nested.docx" <<'PY'
import sys, zipfile
depth = 20_000
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        data = src.read(item.filename)
        if item.filename == "word/document.xml":
            start = data.index(b"<w:body>") + len(b"<w:body>")
            nest = b"<w:sdt><w:sdtContent>" * depth + b"</w:sdtContent></w:sdt>" * depth
            data = data[:start] + nest + data[start:]
        dst.writestr(item, data)
PY

# A DOCX without word/document.xml.
python3 - "$work/base.docx" "$out/docx-without-document-xml.docx" <<'PY'
import sys, zipfile
with zipfile.ZipFile(sys.argv[1]) as src, zipfile.ZipFile(sys.argv[2], "w", zipfile.ZIP_DEFLATED) as dst:
    for item in src.infolist():
        if item.filename != "word/document.xml":
            dst.writestr(item, src.read(item.filename))
PY

# A corrupt zip: a real DOCX with its central directory cut off.
dsize=$(stat -c %s "$work/base.docx")
head -c $((dsize - 200)) "$work/base.docx" > "$out/corrupt-zip.docx"

# A legacy Word 97-2003 document.
cp "$work/base.doc" "$out/legacy.doc"

# Text in UTF-16 with a BOM (readable), and binary data named .txt.
python3 -c "import sys; sys.stdout.buffer.write(open(sys.argv[1], encoding='utf-8').read().encode('utf-16'))" "$work/base.txt" > "$out/utf16-bom.txt"
python3 -c "import random,sys; random.seed(11); sys.stdout.buffer.write(bytes(random.randrange(256) for _ in range(8192)))" > "$out/binary.txt"

ls -l "$out"
