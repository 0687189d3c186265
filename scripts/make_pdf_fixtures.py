#!/usr/bin/env python3
"""Builds the PDF fixtures in fixtures/pdf/ from the text of the 2026 plan (fixtures/seeds/).

The seed text is what a naive extractor made of the published PDF. This script turns it back into a
real document: the prose becomes paragraphs and headings, the tables (transcribed below by reading the
seed) become real tables with borders, the part "Beredskap och säkerhet" / "Motverka
välfärdsbrottslighet" is set in two columns, and every page carries the running header
"Hälso- och sjukvårdsnämnden, Verksamhetsplan med budget N(M)" with page fields and a footer.
The document is written as flat ODT (FODT) and converted by LibreOffice; the other files are made from
that PDF by Ghostscript, pdftocairo, qpdf, pdftoppm and img2pdf.

Usage: scripts/make_pdf_fixtures.py  (needs soffice, gs, pdftocairo, qpdf, pdftoppm, img2pdf)
"""

import os
import re
import shutil
import subprocess
import sys
import tempfile
from xml.sax.saxutils import escape

ROOT = os.path.dirname(os.path.dirname(os.path.abspath(__file__)))
SEED = os.path.join(ROOT, "fixtures", "seeds", "hsn-verksamhetsplan-2026.txt")
OUT = os.path.join(ROOT, "fixtures", "pdf")
HEADER = "Hälso- och sjukvårdsnämnden, Verksamhetsplan med budget "

STYRTAL_HEAD = ["Styrtal", "Utfall, senast kända värde", "Årets målvärde", "Långsiktigt målvärde"]
BUDGET_HEAD = ["Belopp i mnkr", "Budget 2026", "Prognos 2025", "Budget 2025"]

# The tables of the plan, in document order, as read from the seed text.
TABLES = [
    {"widths": [8.5, 2.5, 2.5, 2.5], "header": [STYRTAL_HEAD], "rows": [
        ["1. Kvalitetsindikatorer sjukvård. Andel av utvalda kvalitetsindikatorer som uppnår en generellt "
         "accepterad kvalitetsnivå. (Utfall: Hösten 2025, cosmicberoende värden osäkra)", "5 av 8", "6 av 8", "7 av 8"],
        ["2. Patientrapporterade resultat cancervård helhetsintryck. (prem: patientrapporterade mått) "
         "(Utfall: 2025)", "87 %", "90 %", "95 %"],
        ["3. Vårdgaranti (exkl medicinsk vald väntan och patientvald väntan). (Utfall: 2023. Införande av "
         "Cosmic innebär osäkra resultat 2024)", "", "", ""],
        ["3 a. Operation (< 90 dagar). (Utfall: 2023)", "56 %", "65 %", "100 %"],
        ["3 b. Barn- och ungdomspsykiatrin, första besök (< 30 dagar). (Utfall: mars-juni 2025)",
         "79 %", "100 %", "100 %"],
        ["3 c. Telefontillgängligheten i primärvård (inom 0 dagar). (Utfall: 2023)", "82 %", "90 %", "95 %"],
    ]},
    {"widths": [8.5, 2.5, 2.5, 2.5], "header": [STYRTAL_HEAD], "rows": [
        ["1. Andel nationella och regionala kriterier som uppfylls av universitetssjukvårdsenheter (USV). "
         "(Utfall: 2024)", "89 %", "95 %", "98 %"],
        ["2. Egenfinansierad forskning per capita, plats av universitetssjukvårdsregioner. (Mål: Topp av 7) "
         "(Utfall: 2023)", "Plats 6 av 7", "Plats 3 av 7", "Plats 3 av 7"],
        ["3. Forskningsintensiv region per capita. (Mål: Plats av 21) (Utfall: 2023)",
         "10 av 21", "9 av 21", "8 av 21"],
    ]},
    {"widths": [8.5, 2.5, 2.5, 2.5], "header": [STYRTAL_HEAD], "rows": [
        ["1. En hög andel av länets invånare är användare av 1177 inloggade tjänster. (Utfall: 2024)",
         "95 %", "95 %", "96 %"],
        ["2. 1177 inloggade e-tjänster, nöjda användare enligt NKI, Nöjd Kund Index. Målsättningen är att "
         "bibehålla och sikta mot en förbättring. (Utfall: 2024)", "71 %", "76 %", "80 %"],
        ["3 a. Betyg vid digitala möten. Målsättningen är att bibehålla befintliga höga betyg. Betyg personal. "
         "(Utfall: 2024)", "3,7", "3,8", "3,9"],
        ["3 b. Betyg vid digitala möten. Målsättningen är att bibehålla befintliga höga betyg. Betyg invånare. "
         "(Utfall: 2024)", "3,9", "3,9", "3,9"],
    ]},
    {"widths": [7.0, 3.0, 2.5, 3.5], "header": [STYRTAL_HEAD], "rows": [
        ["3. Klimatpåverkan från produkter på klimatlistan ska minska med 15 procent. (Utfall: 2024) "
         "(Långsiktigt målvärde beslutas i samband med revidering av Program för hållbar utveckling.)",
         "1,4 ton koldioxidekvivalenter", "-15 %",
         "Beslutas i samband med revidering av Program för hållbar utveckling"],
    ]},
    {"widths": [8.5, 2.5, 2.5, 2.5], "header": [STYRTAL_HEAD], "rows": [
        ["1. Hållbart medarbetarengagemang (HME): Ska ligga på en hög nivå inom intervallet 77–80 för totalt "
         "HME. Strävan är att delindexen motivation, styrning och ledarskap ska ligga på en jämnhög nivå. "
         "(Utfall: 2024)", "75%", "77- 80", "80%"],
        ["2. Systematiskt arbetsmiljöarbete (SAM), bidrar till bra arbetsmiljö och till rimliga förutsättningar. "
         "Andel chefer som svarat på årlig uppföljning av SAM. (Utfall: 2024)", "79%", "90- 100 %", "90-100%"],
        ["3. Sjukfrånvaron ska minska. (Utfall: 2024)", "6,6%", "6,3- 6,1 %", "6,0%"],
    ]},
    {"widths": [8.5, 2.5, 2.5, 2.5], "header": [STYRTAL_HEAD], "rows": [
        ["3. Regionstyrelsens och nämndernas resultat ska vara positiv. (Utfall senast kända värde: Prognos "
         "budgetavvikelse 2025 per delår)", "-200 mnkr", "-360 mnkr", ">0 mnkr"],
    ]},
    # Set without borders, so that only the alignment of its columns makes it a table.
    {"widths": [7.0, 3.0, 3.0, 3.0], "borders": False,
     "header": [["Procent", "Budget 2026", "Prognos 2025", "Budget 2025"]], "rows": [
        ["Lönekostnadsökningstakt", "3,4", "5,4", "3,5"],
        ["Läkemedelskostnadsutveckling", "3,1", "1,2", "-0,7"],
    ]},
    {"widths": [7.0, 3.0, 3.0, 3.0], "header": [BUDGET_HEAD], "rows": [
        ["Verksamhetens intäkter", "", "", ""],
        ["Avgifter", "235,7", "221,7", "228,6"],
        ["Såld vård", "868,0", "843,1", "889,9"],
        ["Övriga intäkter", "2 451,7", "2 448,4", "2 433,5"],
        ["Summa intäkter", "3 555,4", "3 513,2", "3 552,0"],
        ["Verksamhetens kostnader", "", "", ""],
        ["Personalkostnader", "-6 975,0", "-6 662,6", "-6 649,7"],
        ["Köpt vård", "-470,0", "-454,4", "-465,3"],
        ["Hyrpersonal", "-135,7", "-140,0", "-115,7"],
        ["Läkemedel", "-1 317,5", "-1 315,2", "-1 317,5"],
        ["Övriga kostnader", "-2 909,1", "-3 207,6", "-3 059,2"],
        ["Avskrivningar, inventarier", "-194,5", "-180,0", "-189,7"],
        ["Avskrivningar, immateriella tillgångar", "-0,1", "-0,1", "-0,1"],
        ["Summa kostnader", "-12 001,9", "-11 959,9", "-11 797,2"],
        ["Verksamhetens nettokostnader", "-8 446,5", "-8 446,7", "-8 245,2"],
        ["Finansnetto", "-23,4", "-21,3", "-22,8"],
        ["Resultat *)", "-8 469,9", "-8 468,0", "-8 268,0"],
    ]},
    {"widths": [6.0, 2.5, 2.5, 2.5, 2.5],
     "header": [["Belopp i mnkr", ("Budget 2026", 2), ("Prognos 2025", 2)],
                ["", "Omsättning", "Varav budgetram", "Omsättning", "Varav budgetram"]], "rows": [
        ["Område nära vård", "-2 189,6", "-422,9", "-2 122,8", "-413,2"],
        ["Område specialiserad vård", "-8 019,4", "-6 942,0", "-7 717,8", "-6 641,3"],
        ["Område psykiatri", "-989,5", "-930,0", "-930,6", "-873,8"],
        ["Område forskning och utbildning", "-568,9", "-298,8", "-534,3", "-281,8"],
        ["Hälso- och sjukvårdsgemensamt", "-257,9", "123,8", "-475,7", "-57,9"],
        ["Summa", "-12 025,3", "-8 469,9", "-11 781,2", "-8 268,0"],
    ]},
    {"widths": [7.0, 3.0, 3.0, 3.0], "header": [BUDGET_HEAD], "rows": [
        ["Immateriella anläggningstillgångar", "1,0", "0,5", "2,1"],
        ["Byggnadsinvesteringar", "", "", ""],
        ["Medicinteknisk utrustning", "140,0", "150,0", "345,8"],
        ["It-utrustning", "", "", ""],
        ["Övrig utrustning", "40,0", "16,0", "49,4"],
        ["Investeringsbidrag (konto 2322, minusbelopp)", "0,0", "-0,5", "0,0"],
        ["Summa", "181,0", "166,0", "397,3"],
    ]},
    {"widths": [3.0, 5.5, 7.5], "header": [["Verksamhet", "Risk", "Åtgärd"]], "rows": [
        ["HR", "Regionövergripande: Risk att systematiskt arbetsmiljöarbete (SAM) inte är välfungerande i vardagen.",
         "Regionövergripande åtgärd: Varje chef ska fullgöra sina fördelade arbetsmiljöuppgifter och bedriva ett "
         "systematiskt arbetsmiljöarbete genom att undersöka och riskbedöma alla arbetsmiljöförhållanden, sätta in "
         "åtgärder och följa upp att åtgärderna har haft effekt. Varje chef ska årligen följa upp sitt "
         "arbetsmiljöarbete enligt rutin och förbättra där det är nödvändigt. Regionövergripande åtgärd: "
         "Fördelande chef ska minst årligen stämma av hur arbetsmiljöarbetet fungerar och säkerställa att det "
         "finns förutsättningar för arbetsmiljöarbetet för den som tagit emot arbetsmiljöuppgifter."],
        ["Ekonomi", "Risken att utbetalning av leverantörsfakturor avseende köpt vård är felaktiga.",
         "Genomföra stickprovskontroller att granskning av leverantörsfakturor sker utifrån beslutad rutin för "
         "köpt vård från andra regioner och andra leverantörer med stöd av Klassifikationsenheten"],
        ["", "Risken att automatiskt attesterade fakturor blir felaktigt godkända.",
         "Genomföra granskning av automatiskt attesterade fakturor enligt upprättad rutin."],
        ["", "Risken att anteckning på faktura avseende resor och kurs- och konferenser inte är korrekt utifrån "
         "\"Leverantörsfakturor – rutin för behandling\".",
         "Genomföra stickprovskontroller på konto 4611, 4630, 6811-6899 och 7070."],
        ["", "Risken att inköp inte sker via marknadsplats, även om funktionaliteten finns, och att inköp sker "
         "utanför avtal.",
         "Arbeta med kulturförändring av inköpsmönster och säkerställa att inköp sker inom avtal genom "
         "information till chefer och inköpsansvariga."],
        ["", "Risken att investeringar redovisas felaktigt.",
         "Nuvarande rutin ska uppdateras. Genomföra stickprovskontroller att rutinen efterlevs."],
        ["", "Risken att redovisning vid inköp med First Cards inköpskort inte redovisas korrekt enligt riktlinje "
         "och rutin.", "Genomföra stickprovskontroller att rutinen efterlevs."],
        ["Informationssäkerhet", "Risk att verksamheten inte efterlever tillämplig dataskyddslagstiftning (GDPR "
         "och Patientdatalagen).",
         "Säkerställ att det finns ett väl fungerande och systematiskt informationssäkerhetsarbete utifrån "
         "identifierade risker med utsedda resurser. All personal ska dessutom ha god kunskap om relevanta "
         "regelverk för informationssäkerhet och kunna riskbedöma samt informationsklassa information i sitt arbete."],
        ["", "Risk att NIS-direktivet och lag (2018:1174) om informationssäkerhet för samhällsviktiga och digitala "
         "tjänster inte efterlevs.",
         "Säkerställ att informationsklassning, riskanalys samt konsekvensbedömning av IT-stöd genomförs i "
         "enlighet med regionens informationssäkerhetspolicy."],
        ["", "Risk att verksamheten inte beaktar den kommande Cybersäkerhetslagen/NIS2.",
         "Informationsägare/objektägare ska säkerställa att identifierade informationssäkerhetsbrister åtgärdas."],
        ["Kvalitet och utveckling", "Risken att arbetssätt/processer inte utgår och tar hänsyn till intressenters "
         "krav och behov samt skapar förutsägbara resultat.",
         "Respektive verksamhet bör genomföra intressentanalys för att kunna involvera dessa i "
         "förbättringsarbeten/utvecklingsarbeten som en utgångspunkt i verksamhetens utveckling. Genomför "
         "systematisk uppföljning för att utvärdera arbetssätt och processers resultat."],
        ["", "Risk för överanvändning av antibiotika och bestående nivå av vårdrelaterade infektioner (VRI).",
         "Kontinuerlig uppföljning av resultat från Infektionsverktyget och markörbaserad journalgranskning (MJG) "
         "och återkoppling till verksamheterna om hur deras ordinationsmönster avviker från nationella och "
         "regionala rekommendationer. Fr.o.m. 2025 är målet att antalet VRI i RÖL blir <6%. Förskrivning av "
         "antibiotika följs fortlöpande."],
        ["", "Risken att det inte finns robusta reservrutiner för störningar i vårdsystemen.",
         "Genomgång av utbildningar och övningar i samband med de årliga verksamhetsuppföljningarna inom områdena."],
        ["Patientsäkerhet", "Risken att avvikelser inte rapporteras, hanteras inom verksamheten och förs vidare "
         "vid behov.",
         "Risken att avvikelser inte rapporteras beror många gånger på ledarskap och patientsäkerhetskulturen "
         "inom verksamheterna. Patientsäkerhetskulturen utvärderas i områdena genom årliga samtal med ledningen "
         "och genom samtal med anställda. Dessutom utreder vi om HSE-enkäter där 11 frågor ställs till "
         "medarbetare om patientsäkerhet och arbetsmiljö kan utökas."],
        ["", "Risken att medarbetare inte tar upp frågor om levnadsvanor då de saknar faktakunskap som ger en "
         "osäkerhet i rådgivning till patient.",
         "Verksamheter säkerställer att medarbetarna ges möjlighet att delta i olika utbildningsinsatser samt "
         "tydliggöra prioritering utbildningarna emellan. Utifrån det uppmanas medarbetarna att delta i de "
         "framtagna utbildningarna i levnadsvanor."],
        ["Hälsofrämjande", "Risken att inriktningsbeslut om att fortsätta arbeta med basplattan för hälsofrämjande "
         "arbete, som består av digital och fysisk levnadsmottagning, inte resurssätts eller efterlevs. "
         "Utmaningar finns gällande resursersättning utifrån ekonomiskt läge",
         "Avvaktande med fortsatt åtgärd gällande den fysiska mottagningen utifrån det ekonomiska läget."],
        ["Medicinteknisk säkerhet", "Risken att berörda verksamheter inom Hälso- och sjukvården inte efterlever "
         "gällande lagstiftning rörande medicintekniska produkter (MTP).",
         "Regionservice, Medicinsk teknik och Hälso- och sjukvårdsförvaltningen, Utvecklingsenheten anpassar "
         "system och utbildar berörda verksamheter i reviderad riktlinje och handbok medicintekniska produkter (MTP)."],
        ["Forskning och utbildning", "Risken att verksamheten inte kan fullgöra avtalade utbildningsinsatser",
         "Bevaka utbildningsaktiviteten genom årliga universitetssjukvårdsbokslut."],
        ["", "Risken att forskningsverksamheten ej beaktar aktuella lagar och regler för klinisk forskning",
         "Fortsatt utveckla internkontrollfunktioner."],
    ]},
]

# Where each table stands in the seed: (first line starts with, the line after it starts with).
TABLE_SPANS = (
    [("Styrtal Utfall,", "Uppdrag givna från")] * 5
    + [("Styrtal Utfall,", "Långsiktigt målvärde är")]
    + [("Procent Budget 2026", "4.4 Resultatbudget"),
       ("Belopp i mnkr Budget 2026", "*) Resultat budget"),
       ("Belopp i mnkr Budget 2026 Prognos 2025", "4.6 Investeringsbudget"),
       ("Belopp i mnkr Budget 2026", "Budget 2026 redovisas"),
       ("Verksam", None)]
)

UNNUMBERED_HEADINGS = {
    "Målbild för hälso- och sjukvårdens utveckling fram till år 2030": 2,
    "Invånare och patient": 3, "Medarbetare": 3, "Organisation": 3,
    "Beredskap och säkerhet": 2, "Motverka välfärdsbrottslighet": 2,
    "Ekonomiska åtgärder": 3, "Intern styrning": 3, "Intern kontroll": 3,
}
NUMBERED_HEADING = re.compile(r"^(\d)(\.\d)?\s+\w[^.]*$")
GOAL = re.compile(r"^Målsättning nr \d+:")
TWO_COLUMNS = ("Beredskap och säkerhet", "4 Budget")  # from this heading up to (not including) that one


def seed_lines():
    with open(SEED, encoding="utf-8") as f:
        lines = f.read().split("\n")
    return [l for l in lines if not re.match(re.escape(HEADER) + r"\d+\(\d+\)", l.strip())]


def cut_tables(lines):
    """Returns the document as a list of ('text', [lines]) and ('table', n) parts."""
    parts, at = [], 0
    for n, (start, end) in enumerate(TABLE_SPANS):
        s = next(i for i in range(at, len(lines)) if lines[i].strip().startswith(start))
        e = len(lines) if end is None else next(
            i for i in range(s + 1, len(lines)) if lines[i].strip().startswith(end))
        parts.append(("text", lines[at:s]))
        parts.append(("table", n))
        at = e
    parts.append(("text", lines[at:]))
    return parts


def paragraphs(lines):
    """Joins the seed's hard-wrapped lines into paragraphs. A line that starts a page in the seed (a leading
    space) starts a new paragraph when it starts with a capital; bullets and "a)" items start one too."""
    out, cur, prev_raw = [], None, ""

    def flush():
        nonlocal cur
        if cur is not None and cur.strip():
            out.append(re.sub(r"\s+", " ", cur).strip())
        cur = None

    for raw in lines:
        text = raw.strip()
        if not text:
            flush()
            continue
        starts_new = (
            (raw.startswith(" ") and text[0].isupper())
            or text.startswith("•")
            or re.match(r"^[a-e]\) ", text)
            or text in UNNUMBERED_HEADINGS
            or NUMBERED_HEADING.match(text)
        )
        if starts_new:
            flush()
        if cur is None:
            cur = text
        elif prev_raw.endswith("-") and text[0].islower():
            cur += text  # "hjärt-" + "kärlsjukdom": a compound broken at the line end, not two words
        else:
            cur += " " + text
        prev_raw = raw
        if text in UNNUMBERED_HEADINGS or NUMBERED_HEADING.match(text):
            flush()
    flush()
    return out


def p(style, text):
    return f'<text:p text:style-name="{style}">{escape(text)}</text:p>'


def heading(level, text):
    return f'<text:h text:style-name="H{level}" text:outline-level="{level}">{escape(text)}</text:h>'


def table_xml(n, table):
    cols = "".join(f'<table:table-column table:style-name="T{n}C{i}"/>' for i in range(len(table["widths"])))

    cell_style = "Cell" if table.get("borders", True) else "CellPlain"

    def row(cells, style):
        out = []
        for cell in cells:
            text, span = (cell if isinstance(cell, tuple) else (cell, 1))
            attr = f' table:number-columns-spanned="{span}"' if span > 1 else ""
            out.append(f'<table:table-cell table:style-name="{cell_style}" office:value-type="string"{attr}>'
                       f'{p(style, text)}</table:table-cell>')
            out.extend(["<table:covered-table-cell/>"] * (span - 1))
        return "<table:table-row>" + "".join(out) + "</table:table-row>"

    head = "".join(row(r, "TH") for r in table["header"])
    body = "".join(row(r, "TD") for r in table["rows"])
    return (f'<table:table table:name="Tabell{n + 1}" table:style-name="T{n}">{cols}'
            f"<table:table-header-rows>{head}</table:table-header-rows>{body}</table:table>")


def body_xml():
    # A title page, as the published plan has.
    out = [p("Title", "Verksamhetsplan med budget 2026"), p("Subtitle", "Hälso- och sjukvårdsnämnden"),
           p("Subtitle", "Region Örebro län")]
    in_columns = False
    for kind, value in cut_tables(seed_lines()):
        if kind == "table":
            out.append(table_xml(value, TABLES[value]))
            continue
        for para in paragraphs(value):
            if para == TWO_COLUMNS[0]:
                out.append('<text:section text:style-name="TwoColumns" text:name="Tvåspalt">')
                in_columns = True
            if para == TWO_COLUMNS[1] and in_columns:
                out.append("</text:section>")
                in_columns = False
            m = NUMBERED_HEADING.match(para)
            if m and len(para) < 70:
                out.append(heading(1 if m.group(2) is None else 2, para))
            elif para in UNNUMBERED_HEADINGS:
                out.append(heading(UNNUMBERED_HEADINGS[para], para))
            elif GOAL.match(para):
                out.append(p("Goal", para))
            elif para.startswith("•"):
                out.append(p("Bullet", para))
            else:
                out.append(p("Body", para))
    if in_columns:
        out.append("</text:section>")
    return "\n".join(out)


def table_styles():
    out = []
    for n, table in enumerate(TABLES):
        total = sum(table["widths"])
        out.append(f'<style:style style:name="T{n}" style:family="table"><style:table-properties '
                   f'style:width="{total}cm" table:align="left" fo:margin-top="0.1cm" fo:margin-bottom="0.3cm"/>'
                   f'</style:style>')
        for i, w in enumerate(table["widths"]):
            out.append(f'<style:style style:name="T{n}C{i}" style:family="table-column">'
                       f'<style:table-column-properties style:column-width="{w}cm"/></style:style>')
    return "\n".join(out)


def fodt():
    ns = ('xmlns:office="urn:oasis:names:tc:opendocument:xmlns:office:1.0" '
          'xmlns:style="urn:oasis:names:tc:opendocument:xmlns:style:1.0" '
          'xmlns:text="urn:oasis:names:tc:opendocument:xmlns:text:1.0" '
          'xmlns:table="urn:oasis:names:tc:opendocument:xmlns:table:1.0" '
          'xmlns:fo="urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0" '
          'xmlns:svg="urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0"')
    header = (f'<text:p text:style-name="Header">{escape(HEADER)}'
              '<text:page-number text:select-page="current">1</text:page-number>'
              '(<text:page-count>25</text:page-count>)</text:p>')
    return f"""<?xml version="1.0" encoding="UTF-8"?>
<office:document {ns} office:version="1.3" office:mimetype="application/vnd.oasis.opendocument.text">
<office:font-face-decls>
 <style:font-face style:name="Liberation Sans" svg:font-family="'Liberation Sans'" style:font-family-generic="swiss"/>
 <style:font-face style:name="Liberation Serif" svg:font-family="'Liberation Serif'" style:font-family-generic="roman"/>
</office:font-face-decls>
<office:styles>
 <style:default-style style:family="paragraph">
  <style:paragraph-properties fo:hyphenation-ladder-count="no-limit"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:language="sv" fo:country="SE" fo:hyphenate="false"/>
 </style:default-style>
 <style:style style:name="Body" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="0cm" fo:margin-bottom="0.3cm" fo:line-height="135%"/>
 </style:style>
 <style:style style:name="Goal" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:margin-top="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Title" style:family="paragraph">
  <style:paragraph-properties fo:margin-top="6cm" fo:margin-bottom="1cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="26pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="Subtitle" style:family="paragraph">
  <style:paragraph-properties fo:margin-bottom="0.4cm"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="16pt"/>
 </style:style>
 <style:style style:name="Bullet" style:family="paragraph" style:parent-style-name="Body">
  <style:paragraph-properties fo:margin-left="0.6cm" fo:text-indent="-0.4cm" fo:margin-bottom="0.1cm"/>
 </style:style>
 <style:style style:name="H1" style:family="paragraph" style:default-outline-level="1">
  <style:paragraph-properties fo:margin-top="0.5cm" fo:margin-bottom="0.25cm" fo:keep-with-next="always" fo:break-before="page"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="16pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="H2" style:family="paragraph" style:default-outline-level="2">
  <style:paragraph-properties fo:margin-top="0.4cm" fo:margin-bottom="0.2cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="13pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="H3" style:family="paragraph" style:default-outline-level="3">
  <style:paragraph-properties fo:margin-top="0.3cm" fo:margin-bottom="0.15cm" fo:keep-with-next="always"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="11pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="TH" style:family="paragraph">
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt" fo:font-weight="bold"/>
 </style:style>
 <style:style style:name="TD" style:family="paragraph">
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Header" style:family="paragraph">
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="9pt"/>
 </style:style>
 <style:style style:name="Footer" style:family="paragraph">
  <style:paragraph-properties fo:text-align="end"/>
  <style:text-properties style:font-name="Liberation Sans" fo:font-size="8pt"/>
 </style:style>
</office:styles>
<office:automatic-styles>
 <style:page-layout style:name="Page">
  <style:page-layout-properties fo:page-width="21cm" fo:page-height="29.7cm" fo:margin-top="1.2cm"
   fo:margin-bottom="1.2cm" fo:margin-left="2.5cm" fo:margin-right="2.5cm"/>
  <style:header-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-bottom="0.8cm"/></style:header-style>
  <style:footer-style><style:header-footer-properties fo:min-height="0.6cm" fo:margin-top="0.8cm"/></style:footer-style>
 </style:page-layout>
 <style:style style:name="TwoColumns" style:family="section">
  <style:section-properties><style:columns fo:column-count="2" fo:column-gap="1cm"/></style:section-properties>
 </style:style>
 <style:style style:name="CellPlain" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.1cm" fo:border="none"/>
 </style:style>
 <style:style style:name="Cell" style:family="table-cell">
  <style:table-cell-properties fo:padding="0.1cm" fo:border="0.5pt solid #000000"/>
 </style:style>
{table_styles()}
</office:automatic-styles>
<office:master-styles>
 <style:master-page style:name="Standard" style:page-layout-name="Page">
  <style:header>{header}</style:header>
  <style:footer><text:p text:style-name="Footer">Region Örebro län</text:p></style:footer>
 </style:master-page>
</office:master-styles>
<office:body><office:text>
{body_xml()}
</office:text></office:body>
</office:document>
"""


def run(*cmd):
    print("+", " ".join(cmd), file=sys.stderr)
    subprocess.run(cmd, check=True, stdout=subprocess.DEVNULL)


def main():
    os.makedirs(OUT, exist_ok=True)
    name = "hsn-verksamhetsplan-2026"
    with tempfile.TemporaryDirectory() as tmp:
        src = os.path.join(tmp, name + ".fodt")
        with open(src, "w", encoding="utf-8") as f:
            f.write(fodt())
        profile = "file://" + os.path.join(tmp, "profile")
        run("soffice", f"-env:UserInstallation={profile}", "--headless", "--convert-to", "pdf",
            "--outdir", tmp, src)
        main_pdf = os.path.join(OUT, name + ".pdf")
        shutil.copy(os.path.join(tmp, name + ".pdf"), main_pdf)
        # Second producer: Ghostscript rewrites the whole file (new fonts, new content streams).
        run("gs", "-q", "-dNOPAUSE", "-dBATCH", "-dSAFER", "-sDEVICE=pdfwrite",
            "-o", os.path.join(OUT, name + "-gs.pdf"), main_pdf)
        # Third producer: cairo redraws every page.
        run("pdftocairo", "-pdf", main_pdf, os.path.join(OUT, name + "-cairo.pdf"))
        # Encrypted with an empty user password (opens without asking) and an owner password.
        run("qpdf", "--encrypt", "", "agare", "256", "--", main_pdf, os.path.join(OUT, name + "-encrypted.pdf"))
        # Password-protected: needs a user password to open (two pages suffice).
        two = os.path.join(tmp, "two.pdf")
        run("qpdf", "--empty", "--pages", main_pdf, "1-2", "--", two)
        run("qpdf", "--encrypt", "hemligt", "agare", "256", "--", two, os.path.join(OUT, "password-protected.pdf"))
        # A scanned page without text layer between two text pages.
        run("pdftoppm", "-f", "3", "-l", "3", "-r", "70", "-gray", "-png", main_pdf, os.path.join(tmp, "scan"))
        png = next(os.path.join(tmp, f) for f in sorted(os.listdir(tmp)) if f.startswith("scan"))
        scan = os.path.join(tmp, "scan.pdf")
        run("img2pdf", "--pagesize", "A4", "-o", scan, png)
        run("qpdf", "--empty", "--pages", main_pdf, "1", scan, "1", main_pdf, "2", "--",
            os.path.join(OUT, "scanned-page.pdf"))


if __name__ == "__main__":
    main()
