#!/usr/bin/env python3
"""Writes fixtures/general/: plans and reports of an invented municipality, Älvmora kommun, over three years,
in the ways Swedish municipalities and regions write uppdrag, goals and indicators, and negative documents
that hold none.

Every document is written as DOCX by python-docx (headings, bullet lists, Word tables with a grid) and turned
into PDF by LibreOffice headless. The 2025 plan's uppdrag are an automatic numbered list (numbering.xml), as
Word writes a list the user numbered with the toolbar button: the numbers are not in the text.

Forms used (each year a different mix, so that the development years 2023-2024 and the held-out year 2025
do not share every form): "Uppdrag 1. Att …", "Uppdrag 3:" with the text below, "U1 …", bullets under a
heading "Uppdrag", "X får i uppdrag att …", "Nämnden ges i uppdrag att …", "… uppdras att …", "Uppdrag
till kultur- och fritidsnämnden" over "1.3 …" items, tables with the columns Uppdrag and Ansvarig (and Status
in reports), goals "Strategiskt mål 1:", "Nämndmål 2" with the text below, "Inriktningsmål", "Effektmål",
"Mål 1:", "Målsättning", and indicator tables "Indikator | Utfall | Målvärde | Trend".

The gold (fixtures/general/gold/*.json, fixtures/general/gold-links.tsv) is written by hand from the texts
below, not from the program's output.

Needs: python-docx (pip), soffice (LibreOffice). Run from the repository root:
    python3 scripts/make_general_fixtures.py
"""

import shutil
import subprocess
import tempfile
from pathlib import Path

from docx import Document
from docx.oxml import OxmlElement
from docx.oxml.ns import qn

ROOT = Path(__file__).resolve().parent.parent
OUT = ROOT / "fixtures/general"

BUN = "Barn- och utbildningsnämnden"
KOMMUN = "Älvmora kommun"


def title(kind, year):
    return [("title", f"{kind} {year}"), ("p", BUN), ("p", KOMMUN)]


PLAN_2023 = title("Verksamhetsplan", 2023) + [
    ("h1", "Inledning"),
    ("p", "Verksamhetsplanen beskriver hur nämnden under 2023 ska arbeta mot kommunfullmäktiges mål. "
          "Den bygger på budgeten som fullmäktige beslutade i november 2022."),
    ("h1", "Mål och indikatorer"),
    ("p", "Strategiskt mål 1: Alla barn och elever ska nå kunskapsmålen och lämna grundskolan med godkända betyg."),
    ("table", [["Indikator", "Utfall 2022", "Målvärde 2023", "Trend"],
               ["Andel elever i årskurs 9 som är behöriga till gymnasiet", "84 %", "88 %", "Stigande"],
               ["Genomsnittligt meritvärde i årskurs 9", "221", "228", "Oförändrad"]]),
    ("p", "Strategiskt mål 2: Förskolan och skolan ska vara trygga platser där alla känner sig välkomna."),
    ("table", [["Indikator", "Utfall 2022", "Målvärde 2023", "Trend"],
               ["Andel elever som känner sig trygga i skolan", "86 %", "90 %", "Sjunkande"]]),
    ("h1", "Uppdrag"),
    ("p", "Uppdrag givna från kommunfullmäktige till barn- och utbildningsnämnden:"),
    ("p", "Uppdrag 1. Att utreda behovet av fler förskoleplatser i Norrby och Västra Älvmora."),
    ("p", "Uppdrag 2. Att införa en gemensam modell för elevhälsans arbete i alla grundskolor."),
    ("p", "Uppdrag 3:"),
    ("p", "Genomföra en kartläggning av skolskjutsarnas restider för elever på landsbygden."),
    ("p", "Uppdrag 4. Att minska energianvändningen i skolans lokaler med tio procent till år 2025."),
    ("p", "Uppdrag 5. Att öka andelen behöriga lärare i matematik genom en kompetenssatsning."),
    ("h1", "Ekonomi"),
    ("p", "Nämndens budgetram för 2023 är 812 miljoner kronor. Lokalkostnaderna ökar med 3 procent."),
]

REPORT_2023 = title("Verksamhetsberättelse", 2023) + [
    ("h1", "Sammanfattning"),
    ("p", "Året präglades av fler barn i förskolan och ett ökat behov av stöd i grundskolan."),
    ("h1", "Måluppfyllelse"),
    ("p", "Strategiskt mål 1: Alla barn och elever ska nå kunskapsmålen och lämna grundskolan med godkända betyg."),
    ("table", [["Indikator", "Utfall 2023", "Målvärde 2023", "Trend"],
               ["Andel elever i årskurs 9 som är behöriga till gymnasiet", "86 %", "88 %", "Stigande"],
               ["Genomsnittligt meritvärde i årskurs 9", "224", "228", "Stigande"]]),
    ("p", "Strategiskt mål 2: Förskolan och skolan ska vara trygga platser där alla känner sig välkomna."),
    ("table", [["Indikator", "Utfall 2023", "Målvärde 2023", "Trend"],
               ["Andel elever som känner sig trygga i skolan", "88 %", "90 %", "Stigande"]]),
    ("h1", "Uppföljning av uppdrag"),
    ("p", "Uppdrag 1. Att utreda behovet av fler förskoleplatser i Norrby och Västra Älvmora."),
    ("p", "Status: Uppdraget är genomfört. Utredningen visar att två nya avdelningar behövs i Norrby."),
    ("p", "Uppdrag 2. Att införa en gemensam modell för elevhälsans arbete i alla grundskolor."),
    ("p", "Status: Arbetet pågår. Modellen används på sju av tolv skolor."),
    ("p", "Uppdrag 3:"),
    ("p", "Genomföra en kartläggning av skolskjutsarnas restider för elever på landsbygden."),
    ("p", "Status: Uppdraget är genomfört och redovisades för nämnden i september."),
    ("p", "Uppdrag 4. Att minska energianvändningen i skolans lokaler med tio procent till år 2025."),
    ("p", "Status: Uppdraget är flerårigt. Energianvändningen minskade med fyra procent under året."),
    ("p", "Uppdrag 5. Att öka andelen behöriga lärare i matematik genom en kompetenssatsning."),
    ("p", "Status: Uppdraget har inte påbörjats på grund av vakanser på förvaltningen."),
]

PLAN_2024 = title("Verksamhetsplan", 2024) + [
    ("h1", "Mål"),
    ("p", "Inriktningsmål 1: Alla barn och elever ska utvecklas så långt som möjligt i sitt lärande."),
    ("table", [["Indikator", "Utfall 2023", "Målvärde 2024", "Trend"],
               ["Andel elever i årskurs 9 som är behöriga till gymnasiet", "86 %", "89 %", "Stigande"],
               ["Andel elever i årskurs 6 med lägst betyget E i matematik", "81 %", "85 %", "Oförändrad"]]),
    ("p", "Effektmål 2: Eleverna upplever en trygg skolmiljö utan kränkningar."),
    ("table", [["Indikator", "Utfall 2023", "Målvärde 2024", "Trend"],
               ["Andel elever som känner sig trygga i skolan", "88 %", "92 %", "Stigande"]]),
    ("h1", "Uppdrag"),
    ("p", "Nämnden ger förvaltningen följande uppdrag under 2024:"),
    ("bullet", "Ta fram en plan för utbyggnad av förskoleplatser i Norrby utifrån utredningen från 2023."),
    ("bullet", "Ta fram en plan för digitala verktyg och digital kompetens i grundskolan."),
    ("bullet", "Minska energianvändningen i skolans lokaler genom att byta belysning och styra ventilationen efter behov."),
    ("p", "Förvaltningen får i uppdrag att följa upp den gemensamma elevhälsomodellen i grundskolorna och redovisa resultatet till nämnden."),
    ("p", "Förvaltningen får i uppdrag att ta fram en handlingsplan mot kränkande behandling i skolan."),
    ("h2", "Uppdrag till kultur- och fritidsnämnden"),
    ("p", "U1 Att se över öppettiderna på skolbiblioteken tillsammans med folkbiblioteket."),
    ("p", "U2 Att utveckla lovaktiviteterna för elever i årskurs 4 till 9 under sommaren."),
    ("h1", "Kompetensförsörjning"),
    ("p", "Rektorerna uppdras att fortsätta kompetenssatsningen för lärare i matematik och utvidga den till NO-ämnena."),
    ("p", "Om förvaltningen får i uppdrag att utreda en ny skola i Västra Älvmora kommer den att göra det under 2025."),
]

REPORT_2024 = title("Verksamhetsberättelse", 2024) + [
    ("h1", "Måluppfyllelse"),
    ("p", "Inriktningsmål 1: Alla barn och elever ska utvecklas så långt som möjligt i sitt lärande."),
    ("table", [["Indikator", "Utfall 2024", "Målvärde 2024", "Trend"],
               ["Andel elever i årskurs 9 som är behöriga till gymnasiet", "87 %", "89 %", "Stigande"],
               ["Andel elever i årskurs 6 med lägst betyget E i matematik", "83 %", "85 %", "Stigande"]]),
    ("p", "Effektmål 2: Eleverna upplever en trygg skolmiljö utan kränkningar."),
    ("table", [["Indikator", "Utfall 2024", "Målvärde 2024", "Trend"],
               ["Andel elever som känner sig trygga i skolan", "89 %", "92 %", "Stigande"]]),
    ("h1", "Återrapportering av uppdrag"),
    ("p", "Tabellen visar hur långt nämndens uppdrag för 2024 har kommit."),
    ("table", [["Uppdrag", "Ansvarig", "Status"],
               ["Ta fram en plan för utbyggnad av förskoleplatser i Norrby utifrån utredningen från 2023.",
                "Förvaltningen", "Uppdraget är genomfört. Planen beslutades i oktober."],
               ["Ta fram en plan för digitala verktyg och digital kompetens i grundskolan.",
                "Förvaltningen", "Arbetet pågår och planen väntas bli klar under våren 2025."],
               ["Minska energianvändningen i skolans lokaler genom att byta belysning och styra ventilationen efter behov.",
                "Förvaltningen", "Uppdraget är genomfört på åtta av tolv skolor och fortsätter 2025."],
               ["Följa upp den gemensamma elevhälsomodellen i grundskolorna och redovisa resultatet till nämnden.",
                "Förvaltningen", "Uppdraget är genomfört."],
               ["Ta fram en handlingsplan mot kränkande behandling i skolan.",
                "Förvaltningen", "Uppdraget är genomfört och planen gäller från januari 2025."],
               ["Se över öppettiderna på skolbiblioteken tillsammans med folkbiblioteket.",
                "Kultur- och fritidsnämnden", "Uppdraget har inte påbörjats."],
               ["Utveckla lovaktiviteterna för elever i årskurs 4 till 9 under sommaren.",
                "Kultur- och fritidsnämnden", "Uppdraget är genomfört."],
               ["Fortsätta kompetenssatsningen för lärare i matematik och utvidga den till NO-ämnena.",
                "Rektorerna", "Uppdraget är flerårigt."]]),
]

PLAN_2025 = title("Verksamhetsplan", 2025) + [
    ("h1", "Mål för 2025"),
    ("p", "Mål 1: Alla elever ska nå minst godtagbara kunskaper i alla ämnen."),
    ("table", [["Indikator", "Utfall 2024", "Målvärde 2025", "Trend"],
               ["Andel elever i årskurs 9 som är behöriga till gymnasiet", "87 %", "90 %", "Stigande"],
               ["Andel elever i årskurs 6 med lägst betyget E i matematik", "83 %", "86 %", "Stigande"]]),
    ("p", "Mål 2: Skolan ska vara fri från kränkande behandling."),
    ("table", [["Indikator", "Utfall 2024", "Målvärde 2025", "Trend"],
               ["Andel elever som känner sig trygga i skolan", "89 %", "93 %", "Stigande"]]),
    ("p", "Målsättning 3: Nämnden ska minska sin klimatpåverkan."),
    ("h1", "Uppdrag"),
    ("p", "Nämnden beslutar om följande uppdrag till förvaltningen:"),
    ("num", "Bygga ut förskolan i Norrby med två nya avdelningar enligt planen för förskoleplatser."),
    ("num", "Införa planen för digitala verktyg i grundskolan och utbilda lärarna i den."),
    ("num", "Ta fram en strategi för kompetensförsörjning av behöriga lärare i matematik och NO."),
    ("num", "Fortsätta minska energianvändningen i skolans lokaler med målet tio procent lägre än 2022."),
    ("h2", "Uppdrag till kultur- och fritidsnämnden"),
    ("p", "1.3 Att inrätta gemensamma öppettider för skolbiblioteken och folkbiblioteket i Norrby."),
    ("p", "1.4 Att erbjuda lovaktiviteter för elever i årskurs 4 till 9 under sommar-, höst- och sportlov."),
    ("h1", "Trygghet och studiero"),
    ("p", "Nämnden ges i uppdrag att följa upp handlingsplanen mot kränkande behandling på alla skolor två gånger per år."),
    ("p", "Kommunstyrelsen ges i uppdrag att utreda hur modersmålsundervisningen kan erbjudas på distans."),
]

REPORT_2025 = title("Verksamhetsberättelse", 2025) + [
    ("h1", "Måluppfyllelse"),
    ("p", "Mål 1: Alla elever ska nå minst godtagbara kunskaper i alla ämnen."),
    ("table", [["Indikator", "Utfall 2025", "Målvärde 2025", "Trend"],
               ["Andel elever i årskurs 9 som är behöriga till gymnasiet", "89 %", "90 %", "Stigande"],
               ["Andel elever i årskurs 6 med lägst betyget E i matematik", "84 %", "86 %", "Stigande"]]),
    ("p", "Mål 2: Skolan ska vara fri från kränkande behandling."),
    ("table", [["Indikator", "Utfall 2025", "Målvärde 2025", "Trend"],
               ["Andel elever som känner sig trygga i skolan", "91 %", "93 %", "Stigande"]]),
    ("p", "Målsättning 3: Nämnden ska minska sin klimatpåverkan."),
    ("h1", "Uppdrag"),
    ("table", [["Nr", "Uppdrag", "Ansvarig", "Kommentar"],
               ["1", "Bygga ut förskolan i Norrby med två nya avdelningar enligt planen för förskoleplatser.",
                "Förvaltningen", "Uppdraget är genomfört och avdelningarna öppnade i augusti."],
               ["2", "Införa planen för digitala verktyg i grundskolan och utbilda lärarna i den.",
                "Förvaltningen", "Uppdraget pågår. Hälften av lärarna har gått utbildningen."],
               ["3", "Ta fram en strategi för kompetensförsörjning av behöriga lärare i matematik och NO.",
                "Förvaltningen", "Uppdraget är genomfört."],
               ["4", "Fortsätta minska energianvändningen i skolans lokaler med målet tio procent lägre än 2022.",
                "Förvaltningen", "Uppdraget är flerårigt. Minskningen är nu nio procent."]]),
    ("h2", "Uppdrag till kultur- och fritidsnämnden"),
    ("p", "1.3 Att inrätta gemensamma öppettider för skolbiblioteken och folkbiblioteket i Norrby."),
    ("p", "Kommentar: Uppdraget är genomfört."),
    ("p", "1.4 Att erbjuda lovaktiviteter för elever i årskurs 4 till 9 under sommar-, höst- och sportlov."),
    ("p", "Kommentar: Lovaktiviteter erbjöds under sommar- och höstlovet. Arbetet med sportlovet pågår."),
    ("h1", "Övriga uppdrag"),
    ("bullet", "Följa upp handlingsplanen mot kränkande behandling på alla skolor två gånger per år."),
    ("p", "Status: Uppdraget är genomfört. Uppföljningarna gjordes i mars och oktober."),
    ("bullet", "Utreda hur modersmålsundervisningen kan erbjudas på distans."),
    ("p", "Status: Uppdraget har inte påbörjats."),
]

# Negative documents: numbered and labelled text that is neither an uppdrag nor a goal.
LEGAL = [
    ("title", "Föreskrifter om avgifter i förskola och fritidshem"),
    ("p", "Beslutade av kommunfullmäktige i Älvmora kommun den 12 juni 2024."),
    ("h1", "1 kap. Inledande bestämmelser"),
    ("p", "1 § Dessa föreskrifter gäller avgifter för förskola och fritidshem som kommunen anordnar."),
    ("p", "2 § Med inkomst avses hushållets samlade bruttoinkomst per månad."),
    ("h1", "2 kap. Avgifter"),
    ("p", "1. Avgiften för det första barnet är tre procent av inkomsten, dock högst 1 688 kronor per månad."),
    ("p", "2. Avgiften för det andra barnet är två procent av inkomsten, dock högst 1 125 kronor per månad."),
    ("p", "3. För det tredje barnet är avgiften en procent av inkomsten."),
    ("p", "3 § Nämnden får besluta om nedsättning av avgiften om det finns synnerliga skäl."),
    ("h1", "3 kap. Mål och tillsyn"),
    ("p", "4 § Målet med avgiftssystemet är att avgifterna ska vara lika för alla familjer i kommunen."),
    ("p", "5 § Nämnden ska se till att bestämmelserna följs. Tillsynen får uppdras åt en annan kommun enligt 10 kap. 9 § kommunallagen."),
    ("p", "Nr 1 i kommunens författningssamling 2024."),
]

AGENDA = [
    ("title", "Kallelse och föredragningslista"),
    ("p", "Barn- och utbildningsnämnden sammanträder tisdagen den 14 maj 2024 kl. 13.00 i Stadshuset, sal Älven."),
    ("h1", "Ärenden"),
    ("p", "1. Val av justerare och tid för justering"),
    ("p", "2. Godkännande av dagordningen"),
    ("p", "3. Information från förvaltningschefen"),
    ("p", "4. Uppdrag till förvaltningen om lokalförsörjning – återrapport, Dnr 2024/112"),
    ("p", "5. Delårsrapport per april 2024"),
    ("p", "6. Mål och budget 2025 – yttrande till kommunstyrelsen"),
    ("p", "7. Anmälan av delegationsbeslut"),
    ("p", "§ 45 Uppdrag att utreda skolstrukturen i Västra Älvmora – beslut om remiss"),
    ("p", "8. Övriga frågor"),
    ("p", "Handlingarna finns tillgängliga på kommunens webbplats en vecka före sammanträdet."),
]

COURT = [
    ("title", "Dom"),
    ("p", "Mark- och miljödomstolen, meddelad i Växjö den 3 mars 2016."),
    ("p", "Mål nr P 9239-15"),
    ("p", "Mål: P 9239-15"),
    ("h1", "Parter"),
    ("p", "Klagande: Älvmora kommun, Barn- och utbildningsnämnden."),
    ("p", "Motpart: Länsstyrelsen i Kronobergs län."),
    ("h1", "Saken"),
    ("p", "Bygglov för tillbyggnad av förskola på fastigheten Norrby 3:14 i Älvmora kommun."),
    ("h1", "Domslut"),
    ("p", "1. Mark- och miljödomstolen avslår överklagandet."),
    ("p", "2. Domstolen fastställer länsstyrelsens beslut den 20 november 2015 i mål nr P 9239-15."),
    ("h1", "Domskäl"),
    ("p", "Domstolen har i mål nr P 9239-15 att pröva om tillbyggnaden är förenlig med detaljplanen. "
          "Nämnden har tidigare fått i uppdrag att pröva frågan men har inte gjort det."),
    ("p", "Mål 2 i detaljplanen är inte tillämpligt i detta fall."),
]

DOCUMENTS = {
    "alvmora-bun-verksamhetsplan-2023": PLAN_2023,
    "alvmora-bun-verksamhetsberattelse-2023": REPORT_2023,
    "alvmora-bun-verksamhetsplan-2024": PLAN_2024,
    "alvmora-bun-verksamhetsberattelse-2024": REPORT_2024,
    "alvmora-bun-verksamhetsplan-2025": PLAN_2025,
    "alvmora-bun-verksamhetsberattelse-2025": REPORT_2025,
    "negative-foreskrifter": LEGAL,
    "negative-foredragningslista": AGENDA,
    "negative-dom": COURT,
}


def numbering(doc):
    """A decimal list ("1.", "2." …) in numbering.xml, the way Word numbers a list; returns its numId."""
    part = doc.part.numbering_part.element
    a = OxmlElement("w:abstractNum")
    a.set(qn("w:abstractNumId"), "80")
    lvl = OxmlElement("w:lvl")
    lvl.set(qn("w:ilvl"), "0")
    for tag, val in (("w:start", "1"), ("w:numFmt", "decimal"), ("w:lvlText", "%1."), ("w:lvlJc", "left")):
        e = OxmlElement(tag)
        e.set(qn("w:val"), val)
        lvl.append(e)
    a.append(lvl)
    first_num = part.find(qn("w:num"))
    if first_num is not None:
        first_num.addprevious(a)
    else:
        part.append(a)
    n = OxmlElement("w:num")
    n.set(qn("w:numId"), "80")
    ref = OxmlElement("w:abstractNumId")
    ref.set(qn("w:val"), "80")
    n.append(ref)
    part.append(n)
    return 80


def numbered(paragraph, num_id):
    p_pr = paragraph._p.get_or_add_pPr()
    num_pr = OxmlElement("w:numPr")
    ilvl = OxmlElement("w:ilvl")
    ilvl.set(qn("w:val"), "0")
    nid = OxmlElement("w:numId")
    nid.set(qn("w:val"), str(num_id))
    num_pr.append(ilvl)
    num_pr.append(nid)
    p_pr.append(num_pr)


def build(blocks, path):
    doc = Document()
    num_id = None
    for kind, content in blocks:
        if kind == "title":
            doc.add_heading(content, level=0)
        elif kind == "h1":
            doc.add_heading(content, level=1)
        elif kind == "h2":
            doc.add_heading(content, level=2)
        elif kind == "p":
            doc.add_paragraph(content)
        elif kind == "bullet":
            doc.add_paragraph(content, style="List Bullet")
        elif kind == "num":
            if num_id is None:
                num_id = numbering(doc)
            numbered(doc.add_paragraph(content), num_id)
        elif kind == "table":
            table = doc.add_table(rows=len(content), cols=len(content[0]))
            table.style = "Table Grid"
            for r, row in enumerate(content):
                for c, text in enumerate(row):
                    table.cell(r, c).text = text
            doc.add_paragraph("")
        else:
            raise ValueError(kind)
    doc.save(path)


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
    with tempfile.TemporaryDirectory() as tmp:
        tmp = Path(tmp)
        for name, blocks in DOCUMENTS.items():
            build(blocks, tmp / f"{name}.docx")
        libreoffice(["--convert-to", "pdf", *[f"{n}.docx" for n in DOCUMENTS]], tmp)
        for name in DOCUMENTS:
            for ext in ("docx", "pdf"):
                shutil.copy(tmp / f"{name}.{ext}", OUT / f"{name}.{ext}")
    print(f"wrote {2 * len(DOCUMENTS)} files to {OUT}")


if __name__ == "__main__":
    main()
