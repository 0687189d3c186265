//! The real third-party PDFs of `fixtures/real/` (Word, Distiller, PDFWriter, Quartz, Prince, iText,
//! Excel, scanners; provenance in `fixtures/real/SOURCES.md`). Expectations were written by reading the
//! pages (`pdftotext -layout`, pages rendered with `pdftoppm`), not from styrdok's output. Words kept are
//! counted against poppler's `pdftotext`, which CI installs (poppler-utils).

mod common;
use common::fixture;
use std::collections::HashMap;
use std::process::Command;
use styrdok::ingest::{ingest, IngestOptions, Input};
use styrdok::model::RawDocument;

const FILES: [&str; 21] = [
    "se01_dir-2009-71_kommittedirektiv.pdf",
    "se02_ds-1998-10_departementsserien.pdf",
    "se03_hd-T170-08_dom.pdf",
    "se04_sjvfs-2009-26_foreskrifter.pdf",
    "se05_fffs-2011-39_foreskrifter.pdf",
    "se06_livsfs-2006-22-bilaga1.pdf",
    "se07_ra-fs-2004-2_scan.pdf",
    "se08_affs-2008-8_quartz.pdf",
    "se09_sfs-1999-175_prince.pdf",
    "se10_sfs-2000-80_distiller-mac.pdf",
    "se11_vervafs-2007-2-allmanna-rad.pdf",
    "se12_bofs-1987-4-tob6.pdf",
    "se13_fst-anvandarhandledning_word2010.pdf",
    "se14_fst-anvandarhandledning.docx",
    "se15_fst-info-verksamhetsansvarig_word2010.pdf",
    "se16_fst-info-verksamhetsansvarig.docx",
    "se17_helsingborg-samsynsguiden-2023.pdf",
    "xx1_fr-proces-verbal-2023-06-20.pdf",
    "xx2_us-federal-register-2col.pdf",
    "xx3_us-ca-warn-report_excel.pdf",
    "xx4_us-cupertino-agenda.pdf",
];

fn read(name: &str) -> RawDocument {
    let mut opts = IngestOptions::default();
    opts.ocr.enabled = false;
    let input = Input::read(&fixture(&format!("real/{name}")), &opts).expect("fixture");
    ingest(&input, &opts).unwrap_or_else(|e| panic!("{name}: {e}"))
}

/// Body, furniture and table-cell text together.
fn all_text(doc: &RawDocument) -> String {
    let mut text: Vec<&str> = doc.lines.iter().map(|l| l.text.as_str()).collect();
    for t in &doc.tables {
        for row in t.header.iter().chain(&t.rows) {
            text.extend(row.iter().map(|c| c.text.as_str()));
        }
    }
    text.join("\n")
}

/// Runs of letters and digits, lower-cased; a word broken by a line-end hyphen is one word, as
/// pdftotext joins it.
fn words(text: &str) -> HashMap<String, usize> {
    let joined = regex::Regex::new(r"(\w)-\s+(\w)")
        .expect("regex")
        .replace_all(text, "$1$2")
        .into_owned();
    let mut out = HashMap::new();
    for w in joined
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_default() += 1;
    }
    out
}

fn body_of_page(doc: &RawDocument, page: u32) -> String {
    doc.lines
        .iter()
        .filter(|l| l.page == Some(page) && !l.furniture)
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

/// Text with all whitespace removed: a sentence found in it came out whole and in order, whatever the
/// line breaks.
fn squeezed(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

#[test]
fn every_real_file_opens() {
    for name in FILES {
        let doc = read(name);
        if name.ends_with(".pdf") {
            assert!(doc.page_count.unwrap_or(0) > 0, "{name}");
        }
    }
    // Padding after %%EOF: the objects are found by scanning the file, and the document says so.
    let se11 = read("se11_vervafs-2007-2-allmanna-rad.pdf");
    assert!(se11
        .diagnostics
        .iter()
        .any(|d| d.code == "pdf.xref_rebuilt"));
    assert_eq!(se11.page_count, Some(6));
}

#[test]
fn born_digital_pdfs_keep_99_percent_of_the_words_pdftotext_finds() {
    for name in FILES {
        // se07 is scanned pages without a text layer; DOCX files are not PDFs.
        if name.starts_with("se07") || name.ends_with(".docx") {
            continue;
        }
        let out = Command::new("pdftotext")
            .arg(fixture(&format!("real/{name}")))
            .arg("-")
            .output()
            .expect("pdftotext (poppler-utils) runs");
        let reference = words(&String::from_utf8_lossy(&out.stdout));
        let found = words(&all_text(&read(name)));
        let total: usize = reference.values().sum();
        let kept: usize = reference
            .iter()
            .map(|(w, n)| (*n).min(found.get(w).copied().unwrap_or(0)))
            .sum();
        let share = kept as f64 / total as f64;
        assert!(
            share >= 0.99,
            "{name}: {kept} of {total} words ({share:.3})"
        );
    }
}

#[test]
fn three_columns_come_out_whole_and_in_order() {
    let doc = read("xx2_us-federal-register-2col.pdf");
    let page1 = squeezed(&body_of_page(&doc, 1));
    for sentence in [
        "SUMMARY: The FAA proposes to supersede Airworthiness Directive (AD) 2018–23–51, which applies to all The Boeing Company Model 737–8 and 737–9 (737 MAX) airplanes.",
        "This section of the FEDERAL REGISTER contains notices to the public of the proposed issuance of rules and regulations.",
    ] {
        assert!(page1.contains(&squeezed(sentence)), "{sentence}");
    }
    // Running text in columns is not a table; the one table is the cost table on page 5.
    assert_eq!(doc.tables.len(), 1);
    assert_eq!(doc.tables[0].prov.page, Some(5));
}

#[test]
fn a_title_beside_a_reference_box_reads_whole() {
    let doc = read("se01_dir-2009-71_kommittedirektiv.pdf");
    let page1 = squeezed(&body_of_page(&doc, 1));
    assert!(page1.contains(&squeezed(
        "Rätt till skolgång m.m. för barn som vistas i landet utan tillstånd"
    )));
}

#[test]
fn justified_prose_is_not_a_table() {
    let doc = read("se02_ds-1998-10_departementsserien.pdf");
    // The only tables are the two cost tables of the appendix, on page 157.
    let pages: Vec<Option<u32>> = doc.tables.iter().map(|t| t.prov.page).collect();
    assert_eq!(pages, [Some(157), Some(157)]);
    let first_row = doc.tables[0]
        .header
        .iter()
        .chain(&doc.tables[0].rows)
        .next()
        .expect("a row");
    assert_eq!(first_row[0].text, "Uppskattade kostnader");
}

#[test]
fn page_header_grids_are_furniture_not_tables() {
    for (name, pages) in [
        ("se13_fst-anvandarhandledning_word2010.pdf", 26),
        ("se15_fst-info-verksamhetsansvarig_word2010.pdf", 6),
    ] {
        let doc = read(name);
        let in_tables = doc.tables.iter().any(|t| {
            t.header
                .iter()
                .chain(&t.rows)
                .flatten()
                .any(|c| c.text.contains("DATUM"))
        });
        assert!(!in_tables, "{name}");
        let with_header: std::collections::HashSet<Option<u32>> = doc
            .lines
            .iter()
            .filter(|l| l.furniture && l.text.contains("DATUM") && l.text.contains("REVISION"))
            .map(|l| l.page)
            .collect();
        assert!(
            with_header.len() * 10 >= pages * 9,
            "{name}: {with_header:?}"
        );
    }
}

#[test]
fn excel_cells_keep_their_dates_whole() {
    let doc = read("xx3_us-ca-warn-report_excel.pdf");
    let first = &doc.tables[0];
    let header: Vec<&str> = first.header[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(&header[..3], ["Notice Date", "Effective", "Received"]);
    let row: Vec<&str> = first.rows[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        &row[..4],
        [
            "06/22/2015",
            "03/25/2016",
            "07/01/2015",
            "Maxim Integrated Product"
        ]
    );
}

#[test]
fn rotated_landscape_pages_read_upright() {
    let doc = read("se06_livsfs-2006-22-bilaga1.pdf");
    let page5 = body_of_page(&doc, 5);
    assert!(page5.lines().any(|l| l
        == "b) Gränsvärdet efter snedstrecket skall tillämpas från och med den 10 januari 2007."));
    let table = doc
        .tables
        .iter()
        .find(|t| t.prov.page == Some(5))
        .expect("page 5 table");
    let header: Vec<&str> = table.header[0].iter().map(|c| c.text.as_str()).collect();
    assert_eq!(header[1], "Abamek- tin (D)");
    let row = table
        .rows
        .iter()
        .find(|r| r[0].text == "2.2 Lökgrönsaker")
        .expect("row 2.2");
    let cells: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
    assert_eq!(
        cells[1..],
        ["0,01*", "0,02*", "0,02*(p)", "0,05*", "0,01*", "0,05*", "0,01*(p)", "0,01*"]
    );
}

#[test]
fn glyphs_without_unicode_meaning_are_counted_per_page() {
    // Page 19 of FFFS 2011:39 sets two formulas in SymbolMT and MT-Extra, Type 1 fonts with a custom
    // encoding and no ToUnicode map (pdftotext gives "¦" for the summation sign). The page says which
    // fonts lost how many glyphs; its prose is kept and it is not sent to OCR.
    let doc = read("se05_fffs-2011-39_foreskrifter.pdf");
    let page19: Vec<_> = doc
        .diagnostics
        .iter()
        .filter(|d| d.code == "pdf.font_without_unicode" && d.page == Some(19))
        .collect();
    assert_eq!(page19.len(), 1, "{page19:?}");
    let message = &page19[0].message;
    assert!(message.starts_with("page 19: 73 of "), "{message}");
    assert!(
        message.contains("ICOIPH+SymbolMT: 72") && message.contains("ICOMFG+MT-Extra: 1"),
        "{message}"
    );
    assert!(!doc.needs_ocr.contains(&19));
    assert!(squeezed(&body_of_page(&doc, 19)).contains(&squeezed("dk = längden av delperiod k")));
    // No other real PDF loses most of a page that way.
    for name in FILES.iter().filter(|n| n.ends_with(".pdf")) {
        let doc = read(name);
        let scanned = name.starts_with("se07") || name.starts_with("se17");
        assert!(
            scanned || doc.needs_ocr.is_empty(),
            "{name}: {:?}",
            doc.needs_ocr
        );
    }
}
