#!/usr/bin/env python3
"""Rebuilds the DOCX fixtures from the seed text of the 2024 report.

The seed (fixtures/seeds/hsn-verksamhetsberattelse-2024.txt) is a plain-text export of the report's DOCX. This
script turns it back into a real Word document with python-docx, so the DOCX ingester is tested on what Word
files contain instead of on a text export:

* headings: the lines listed in the table of contents (and marked by a _Toc bookmark) get Heading styles, with the style ids a Swedish Word
  writes (``Rubrik1`` …); an explicit page break stands before every chapter;
* ``[bookmark: …]`` markers become real bookmarks, ``[image: alt]`` markers real inline pictures with alt text;
* the uppdrag follow-ups "Uppdrag: Nr 17. …" are an automatic numbered list whose level text is
  "Uppdrag: Nr %1." (the range "Nr 3 - 8" stays typed, and the list restarts at 9 after it), the "·" lists an
  automatic bullet list;
* every run of tab-prefixed lines (the export's table cells, one blank line between rows) becomes a Word
  table; "Resultatrapport" and "Driftredovisning" get merged header cells (gridSpan and vMerge);
* a running header, and a footer with a PAGE field.

The trailing list of image file names and their OCR'd text is an artifact of the export, not part of the
report, and is left out. A second copy is re-saved by LibreOffice headless (different XML for the same
document). A third, small file, word-features.docx, is written by pandoc from Markdown and finished by
python-docx with what Word users produce and pandoc does not write: tracked changes, a content control, a
DATE field, soft and non-breaking hyphens, a comment, a nested table, a rendered page break and a localized
heading style name ("Rubrik 2"). For the error tests it writes fixtures/bad/encrypted.docx, a password-protected DOCX
(msoffcrypto-tool, password "styrdok"); the legacy .doc there comes from scripts/make_bad_fixtures.sh.

Needs: python-docx, msoffcrypto-tool (pip), soffice (LibreOffice), pandoc. Run from the repository root:
    python3 scripts/make_docx_fixtures.py
"""

import re
import shutil
import struct
import subprocess
import sys
import tempfile
import zlib
from pathlib import Path

from docx import Document
from docx.enum.text import WD_BREAK
from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.shared import Pt

ROOT = Path(__file__).resolve().parent.parent
SEED = ROOT / "fixtures/seeds/hsn-verksamhetsberattelse-2024.txt"
OUT = ROOT / "fixtures/docx"
BAD = ROOT / "fixtures/bad"
NAME = "hsn-verksamhetsberattelse-2024"

TOC_LINE = re.compile(r"^(\d+(?:\.\d+)*)\t(.+?)\t\d+$")
MARKER = re.compile(r"\[(bookmark|image): ([^\]]*)\]")
UPPDRAG = re.compile(r"^Uppdrag: Nr (\d+)\. (.*)$")
BULLET = re.compile(r"^· (.*)$")
# Caption line above a table that becomes its merged title row.
TITLED_TABLES = {
    "Resultatrapport": "vmerge",
    "Driftredovisning hälso- och sjukvårdsnämnden": "title",
}


def tiny_png():
    """A 4x4 grey PNG, written by hand so the script needs no imaging library."""
    raw = b"".join(b"\x00" + b"\x80" * 4 for _ in range(4))

    def chunk(kind, data):
        body = kind + data
        return struct.pack(">I", len(data)) + body + struct.pack(">I", zlib.crc32(body))

    return (
        b"\x89PNG\r\n\x1a\n"
        + chunk(b"IHDR", struct.pack(">IIBBBBB", 4, 4, 8, 0, 0, 0, 0))
        + chunk(b"IDAT", zlib.compress(raw))
        + chunk(b"IEND", b"")
    )


def body_lines(text):
    lines = text.split("\n")
    # The export appends the embedded images' file names and OCR'd text after the last paragraph.
    for i, line in enumerate(lines):
        if re.fullmatch(r"image\d+\.(png|jpe?g|emf)", line.strip()):
            lines = lines[:i]
            break
    while lines and not lines[-1].strip():
        lines.pop()
    return lines


class Builder:
    def __init__(self, png_path):
        self.doc = Document()
        self.png = str(png_path)
        self.bookmark_id = 0
        self.pending_break = False
        self.numbering_ids = self._numbering()
        # Swedish Word writes localized style ids ("Rubrik1") under the built-in names ("heading 1").
        for level in (1, 2, 3):
            self.doc.styles[f"Heading {level}"].style_id = f"Rubrik{level}"
        self.doc.styles["Normal"].font.size = Pt(11)
        section = self.doc.sections[0]
        section.header.paragraphs[0].text = (
            "Hälso- och sjukvårdsnämnden, Verksamhetsberättelse helår 2024"
        )
        footer = section.footer.paragraphs[0]
        footer.add_run("Sida ")
        self._field(footer, "PAGE", "1")

    def _numbering(self):
        numbering = self.doc.part.numbering_part.element

        def abstract(abstract_id, fmt, text, suffix):
            a = OxmlElement("w:abstractNum")
            a.set(qn("w:abstractNumId"), str(abstract_id))
            lvl = OxmlElement("w:lvl")
            lvl.set(qn("w:ilvl"), "0")
            for tag, val in (
                ("w:start", "1"),
                ("w:numFmt", fmt),
                ("w:suff", suffix),
                ("w:lvlText", text),
                ("w:lvlJc", "left"),
            ):
                e = OxmlElement(tag)
                e.set(qn("w:val"), val)
                lvl.append(e)
            a.append(lvl)
            # abstractNum elements must precede num elements.
            first_num = numbering.find(qn("w:num"))
            if first_num is not None:
                first_num.addprevious(a)
            else:
                numbering.append(a)

        def num(num_id, abstract_id, start=None):
            n = OxmlElement("w:num")
            n.set(qn("w:numId"), str(num_id))
            a = OxmlElement("w:abstractNumId")
            a.set(qn("w:val"), str(abstract_id))
            n.append(a)
            if start is not None:
                o = OxmlElement("w:lvlOverride")
                o.set(qn("w:ilvl"), "0")
                s = OxmlElement("w:startOverride")
                s.set(qn("w:val"), str(start))
                o.append(s)
                n.append(o)
            numbering.append(n)

        abstract(90, "decimal", "Uppdrag: Nr %1.", "space")
        abstract(91, "bullet", "·", "space")
        num(90, 90)
        num(91, 90, start=9)
        num(92, 91)
        return {"uppdrag": 90, "uppdrag_from_9": 91, "bullet": 92}

    def _field(self, paragraph, instr, result):
        def fld(kind):
            r = paragraph.add_run()
            e = OxmlElement("w:fldChar")
            e.set(qn("w:fldCharType"), kind)
            r._r.append(e)

        fld("begin")
        r = paragraph.add_run()
        t = OxmlElement("w:instrText")
        t.set(qn("xml:space"), "preserve")
        t.text = f" {instr} "
        r._r.append(t)
        fld("separate")
        paragraph.add_run(result)
        fld("end")

    def _numbered(self, paragraph, num_id):
        p_pr = paragraph._p.get_or_add_pPr()
        num_pr = OxmlElement("w:numPr")
        ilvl = OxmlElement("w:ilvl")
        ilvl.set(qn("w:val"), "0")
        nid = OxmlElement("w:numId")
        nid.set(qn("w:val"), str(num_id))
        num_pr.append(ilvl)
        num_pr.append(nid)
        p_pr.append(num_pr)

    def _bookmark(self, paragraph, name):
        start = OxmlElement("w:bookmarkStart")
        start.set(qn("w:id"), str(self.bookmark_id))
        start.set(qn("w:name"), name)
        end = OxmlElement("w:bookmarkEnd")
        end.set(qn("w:id"), str(self.bookmark_id))
        self.bookmark_id += 1
        paragraph._p.append(start)
        return end

    def _image(self, paragraph, alt):
        run = paragraph.add_run()
        run.add_picture(self.png, width=Pt(12))
        doc_pr = run._r.find(".//" + qn("wp:docPr"))
        doc_pr.set("descr", alt)

    def paragraph(self, text, style=None, p=None):
        """Adds a paragraph (or fills `p`), turning the export's markers into bookmarks and pictures."""
        if p is None:
            p = self.doc.add_paragraph(style=style)
        if self.pending_break:
            p.add_run().add_break(WD_BREAK.PAGE)
            self.pending_break = False
        ends = []
        pos = 0
        for m in MARKER.finditer(text):
            if m.start() > pos:
                p.add_run(text[pos : m.start()])
            if m.group(1) == "bookmark":
                ends.append(self._bookmark(p, m.group(2)))
            else:
                self._image(p, m.group(2))
            pos = m.end()
        if pos < len(text):
            p.add_run(text[pos:])
        for end in ends:
            p._p.append(end)
        return p

    def table(self, rows, caption=None):
        width = max(len(r) for r in rows)
        head = 1
        layout = TITLED_TABLES.get(caption) if caption else None
        if layout == "title":
            rows = [[caption]] + rows
            head = 2
        elif layout == "vmerge":
            # "Belopp i mnkr" spans both header rows; the caption spans the five figure columns.
            first = rows[0]
            rows = [[first[0], caption]] + [[""] + first[1:]] + rows[1:]
            head = 2
        t = self.doc.add_table(rows=len(rows), cols=width)
        t.style = "Table Grid"
        for r, row in enumerate(rows):
            cells = t.rows[r].cells
            for c, value in enumerate(row):
                self.paragraph(value, p=cells[c].paragraphs[0])
            if len(row) < width:
                # A short row is one cell running to the table's right edge.
                cells[len(row) - 1].merge(cells[width - 1])
            if r < head:
                tr_pr = t.rows[r]._tr.get_or_add_trPr()
                tr_pr.append(OxmlElement("w:tblHeader"))
        if layout == "vmerge":
            t.cell(0, 0).merge(t.cell(1, 0))
            t.cell(0, 0).text = rows[0][0]
        return t


def build(seed_text, out_path, png_path):
    b = Builder(png_path)
    lines = body_lines(seed_text)
    toc = {}
    for line in lines:
        m = TOC_LINE.match(line)
        if m:
            toc[m.group(2).strip()] = m.group(1).count(".") + 1
    i = 0
    restart_from_9 = False
    while i < len(lines):
        line = lines[i]
        if line.startswith("\t") and not TOC_LINE.match(line):
            # A table: tab-prefixed cells, rows separated by blank lines.
            j = i
            while j < len(lines) and (lines[j].startswith("\t") or not lines[j].strip()):
                j += 1
            while j > i and not lines[j - 1].strip():
                j -= 1
            rows, row = [], []
            for cell_line in lines[i:j]:
                if cell_line.strip() or cell_line.startswith("\t"):
                    row.append(cell_line[1:].strip() if cell_line.startswith("\t") else "")
                elif row:
                    rows.append(row)
                    row = []
            if row:
                rows.append(row)
            if len(rows) >= 2 and max(len(r) for r in rows) >= 2:
                caption = None
                prev = b.doc.paragraphs[-1] if b.doc.paragraphs else None
                if prev is not None and prev.text in TITLED_TABLES and not prev._p.xpath(".//w:drawing"):
                    caption = prev.text
                    prev._p.getparent().remove(prev._p)
                b.table(rows, caption)
                i = j
                continue
        plain = MARKER.sub("", line).strip()
        if TOC_LINE.match(line):
            b.paragraph(line)
        elif plain in toc and "[bookmark: _Toc" in line:
            level = toc[plain]
            if level == 1:
                b.pending_break = True
            b.paragraph(line, style=f"Heading {level}")
        elif m := UPPDRAG.match(MARKER.sub("", line)):
            number = int(m.group(1))
            p = b.paragraph(line.replace(f"Uppdrag: Nr {number}. ", "", 1))
            if number >= 9:
                restart_from_9 = True
            b._numbered(p, b.numbering_ids["uppdrag_from_9" if restart_from_9 else "uppdrag"])
        elif m := BULLET.match(line):
            p = b.paragraph(m.group(1))
            b._numbered(p, b.numbering_ids["bullet"])
        else:
            b.paragraph(line)
        i += 1
    b.doc.core_properties.title = "Verksamhetsberättelse Hälso- och sjukvårdsnämnden helår 2024"
    b.doc.core_properties.author = "Region Örebro län"
    b.doc.save(out_path)

FEATURES_MD = """# Uppföljning

Inledande stycke med en fotnot[^1] och en [länk till regionen](https://www.regionorebrolan.se).

## Underrubrik

1. Första punkten
2. Andra punkten

    a. Första underpunkten
    b. Andra underpunkten

Sista stycket på första sidan.

[^1]: Källa: Region Örebro län, årsredovisning 2024.
"""

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"


def xml_paragraph(inner):
    from docx.oxml import parse_xml

    return parse_xml(f'<w:p xmlns:w="{W}">{inner}</w:p>')


def build_features(out_path, tmp):
    md = tmp / "features.md"
    md.write_text(FEATURES_MD, encoding="utf-8")
    base = tmp / "features-pandoc.docx"
    subprocess.run(["pandoc", str(md), "-o", str(base)], check=True)
    doc = Document(str(base))
    # A Swedish style name for the second heading level.
    for style in doc.styles:
        if style.style_id == "Heading2":
            style.name = "Rubrik 2"
    body = doc.element.body
    sect = body[-1]
    date = "2025-01-10T10:00:00Z"
    for inner in (
        # Tracked changes: "minskar" deleted, "ökar" inserted.
        '<w:r><w:lastRenderedPageBreak/><w:t xml:space="preserve">Budgeten </w:t></w:r>'
        f'<w:del w:id="901" w:author="Handläggare" w:date="{date}"><w:r><w:delText>minskar</w:delText></w:r></w:del>'
        f'<w:ins w:id="902" w:author="Handläggare" w:date="{date}"><w:r><w:t>ökar</w:t></w:r></w:ins>'
        '<w:r><w:t xml:space="preserve"> med 3 mnkr.</w:t></w:r>',
        # Non-breaking and soft hyphens.
        '<w:r><w:t>Hälso</w:t><w:noBreakHyphen/><w:t xml:space="preserve">och sjukvårds</w:t><w:softHyphen/>'
        '<w:t>nämnden</w:t></w:r>',
        # A content control and a bookmark.
        '<w:r><w:t xml:space="preserve">DNR: </w:t></w:r><w:bookmarkStart w:id="903" w:name="_Hlk1"/>'
        '<w:sdt><w:sdtPr><w:alias w:val="Diarienummer"/><w:tag w:val="dnr"/></w:sdtPr>'
        '<w:sdtContent><w:r><w:t>25RS268</w:t></w:r></w:sdtContent></w:sdt><w:bookmarkEnd w:id="903"/>',
        # A DATE field showing its last result.
        '<w:r><w:t xml:space="preserve">Beslutad </w:t></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r>'
        '<w:r><w:instrText xml:space="preserve"> DATE \\@ "yyyy-MM-dd" </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2025-02-14</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r>',
    ):
        sect.addprevious(xml_paragraph(inner))
    commented = doc.add_paragraph()
    run = commented.add_run("Kostnaden blev 12 mnkr.")
    doc.add_comment(run, text="Kontrollera beloppet mot bokslutet.", author="Granskare", initials="G")
    outer = doc.add_table(rows=2, cols=2)
    outer.cell(0, 0).text = "Område"
    outer.cell(0, 1).text = "Utfall"
    outer.cell(1, 0).text = "Nära vård"
    inner = outer.cell(1, 1).add_table(rows=1, cols=2)
    inner.cell(0, 0).text = "-38,3"
    inner.cell(0, 1).text = "mnkr"
    doc.add_paragraph("Efter tabellen.")
    doc.save(out_path)


def libreoffice(args, cwd):
    with tempfile.TemporaryDirectory() as profile:
        subprocess.run(
            ["soffice", f"-env:UserInstallation=file://{profile}", "--headless", *args],
            cwd=cwd,
            check=True,
            stdout=subprocess.DEVNULL,
        )


def main():
    OUT.mkdir(parents=True, exist_ok=True)
    BAD.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        png = tmp / "bild.png"
        png.write_bytes(tiny_png())
        docx_path = OUT / f"{NAME}.docx"
        build(SEED.read_text(encoding="utf-8"), docx_path, png)

        # LibreOffice writes the same document with its own XML.
        lo_dir = tmp / "lo"
        lo_dir.mkdir()
        libreoffice(["--convert-to", "docx:MS Word 2007 XML", "--outdir", str(lo_dir), str(docx_path)], tmp)
        shutil.copy(lo_dir / f"{NAME}.docx", OUT / f"{NAME}-libreoffice.docx")

        build_features(OUT / "word-features.docx", tmp)

        # A short document for the password-protected copy.
        small = Document()
        small.add_paragraph("Uppdrag: Nr 1. Att se över möjligheterna.")
        small_path = tmp / "small.docx"
        small.save(small_path)

        # A password-protected DOCX: an OLE file holding the encrypted package.
        subprocess.run(
            ["msoffcrypto-tool", "-e", "-p", "styrdok", str(small_path), str(BAD / "encrypted.docx")],
            check=True,
        )
    print(f"wrote {OUT}/{NAME}.docx, {OUT}/{NAME}-libreoffice.docx, {OUT}/word-features.docx, {BAD}/encrypted.docx")


if __name__ == "__main__":
    sys.exit(main())
