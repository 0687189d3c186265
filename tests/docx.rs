//! DOCX ingestion on real Word files: the 2024 report rebuilt by python-docx and the same document
//! re-saved by LibreOffice (scripts/make_docx_fixtures.py), and bad inputs. Expected uppdrag and
//! table cells were written from the report's text (fixtures/seeds), not from the program's output.

mod common;
use common::*;
use std::io::Write;
use styrdok::ingest::{ingest, IngestError, IngestOptions, Input};
use styrdok::limit::{Exceeds, Limit};
use styrdok::model::{BlockKind, CellRef, Document, FurnitureKind, Table, UppdragStatus};

const PYTHON_DOCX: &str = "docx/hsn-verksamhetsberattelse-2024.docx";
const LIBREOFFICE: &str = "docx/hsn-verksamhetsberattelse-2024-libreoffice.docx";
const BOTH: [&str; 2] = [PYTHON_DOCX, LIBREOFFICE];

fn table<'a>(doc: &'a Document, title: &str) -> &'a Table {
    doc.tables
        .iter()
        .find(|t| t.title.as_deref() == Some(title))
        .unwrap_or_else(|| panic!("{}: no table titled {title:?}", doc.source.path))
}

fn texts(rows: &[Vec<styrdok::model::Cell>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

#[test]
fn both_docx_files_follow_up_nr_1_to_19_like_the_report_text() {
    let seed = extract(REPORT_2024);
    for rel in BOTH {
        let doc = extract(rel);
        let keys: Vec<&str> = doc.uppdrag.iter().map(|u| u.key.as_str()).collect();
        assert_eq!(
            keys,
            vec![
                "Nr 1", "Nr 2", "Nr 3-8", "Nr 9", "Nr 10", "Nr 11", "Nr 12", "Nr 13", "Nr 14",
                "Nr 15", "Nr 16", "Nr 17", "Nr 18", "Nr 19"
            ],
            "{rel}"
        );
        // The numbers of Nr 1, 2 and 9–19 are automatic list numbers ("Uppdrag: Nr %1.") in the file.
        assert!(
            uppdrag(&doc, "Nr 17")
                .text_raw
                .starts_with("Att fortsätta arbetet med omställning till nära vård."),
            "{rel}"
        );
        assert!(uppdrag(&doc, "Nr 17")
            .comment
            .as_deref()
            .unwrap_or("")
            .starts_with("Arbete pågår inom flera områden"));
        assert!(uppdrag(&doc, "Nr 2")
            .comment
            .as_deref()
            .unwrap_or("")
            .contains("· En ny krisstödsbroschyr är framtagen"));
        assert_eq!(uppdrag(&doc, "Nr 9").status, Some(UppdragStatus::MultiYear));
        assert_eq!(
            uppdrag(&doc, "Nr 12").status,
            Some(UppdragStatus::InProgress)
        );
        let range = uppdrag(&doc, "Nr 3-8");
        assert_eq!((range.number, range.number_end), (3, Some(8)));
        for (d, s) in doc.uppdrag.iter().zip(&seed.uppdrag) {
            assert_eq!(d.key, s.key, "{rel}");
            assert_eq!(d.text, s.text, "{rel} {}", d.key);
            assert_eq!(d.comment, s.comment, "{rel} {}", d.key);
            assert_eq!(d.status, s.status, "{rel} {}", d.key);
            assert_eq!(d.recipient, s.recipient, "{rel} {}", d.key);
            // All follow-ups stand in chapter 3, on the page the break before "Väsentliga händelser"
            // began (chapter 3's own heading is not in the report's text) and before "Ekonomi".
            assert_eq!(d.page, Some(3), "{rel} {}", d.key);
            assert!(
                d.prov.paragraph.is_some(),
                "{rel} {}: no paragraph index",
                d.key
            );
        }
        // Paragraph indices follow document order.
        let paragraphs: Vec<u32> = doc
            .uppdrag
            .iter()
            .filter_map(|u| u.prov.paragraph)
            .collect();
        assert!(
            paragraphs.windows(2).all(|w| w[0] < w[1]),
            "{rel}: {paragraphs:?}"
        );
        assert_eq!(doc.metadata.diarienummer.as_deref(), Some("25RS268"));
    }
}

#[test]
fn the_result_table_cell_for_cell_with_merged_header_cells() {
    for rel in BOTH {
        let doc = extract(rel);
        let t = table(&doc, "Resultatrapport hälso- och sjukvårdsnämnden");
        assert_eq!(t.unit.as_deref(), Some("mnkr"));
        assert_eq!(t.header.len(), 2, "{rel}");
        let top: Vec<(&str, u32, u32)> = t.header[0]
            .iter()
            .map(|c| (c.text.as_str(), c.col_span, c.row_span))
            .collect();
        assert_eq!(
            top,
            vec![("Belopp i mnkr", 1, 2), ("Resultatrapport", 5, 1)],
            "{rel}"
        );
        assert_eq!(
            texts(&t.header[1..]),
            vec![vec![
                "Utfall",
                "Budget",
                "Utfall fg år",
                "Budget- avvikelse",
                "Utfalls- avvikelse"
            ]]
        );
        let want: Vec<Vec<&str>> = vec![
            vec!["Avgifter", "227.0", "226.7", "213.2", "0.3", "13.7"],
            vec!["Såld vård", "827.3", "870.6", "818.9", "-43.3", "8.4"],
            vec![
                "Övriga intäkter",
                "2\u{a0}295.8",
                "2\u{a0}401.2",
                "2\u{a0}333.1",
                "-105.4",
                "-37.3",
            ],
            vec![
                "Summa Intäkter",
                "3\u{a0}350.1",
                "3\u{a0}498.5",
                "3\u{a0}365.2",
                "-148.3",
                "-15.1",
            ],
            vec![
                "Personalkostnader",
                "-6 913.5",
                "-6 984.7",
                "-6 679.6",
                "71.1",
                "-234.0",
            ],
            vec!["Köpt vård", "-472.6", "-455.2", "-418.3", "-17.4", "-54.3"],
            vec!["Hyrläkare", "-158.9", "-105.2", "-220.8", "-53.7", "61.9"],
            vec![
                "Läkemedel",
                "-1 299.3",
                "-1 296.1",
                "-1 251.2",
                "-3.2",
                "-48.1",
            ],
            vec![
                "Övriga kostnader",
                "-3 211.0",
                "-2 889.9",
                "-3 053.7",
                "-321.1",
                "-157.3",
            ],
            vec![
                "Avskrivningar,  inventarier",
                "-179.9",
                "-186.1",
                "-169.2",
                "6.2",
                "-10.7",
            ],
            vec![
                "Avskrivningar, immateriella tillgångar",
                "-0.1",
                "-2.1",
                "0.0",
                "2.0",
                "0.0",
            ],
            vec![
                "Summa Kostnader",
                "-12 235.2",
                "-11 919.1",
                "-11 792.7",
                "-316.1",
                "-442.4",
            ],
            vec![
                "Verksamhetens nettokostnad",
                "-8 885.1",
                "-8 420.7",
                "-8 427.5",
                "-464.4",
                "-457.6",
            ],
            vec!["Finansnetto", "-21.3", "-23.7", "-9.8", "2.3", "-11.5"],
            vec![
                "Resultat", "-8 906.4", "-8 444.3", "-8 437.3", "-462.1", "-469.1",
            ],
        ];
        assert_eq!(texts(&t.rows), want, "{rel}");
        // The tables stage parses the cells of the Word table: "-8 906.4" (decimal point, space thousands).
        let result = t
            .rows
            .last()
            .and_then(|r| r.get(1))
            .and_then(|c| c.quantity.as_ref());
        assert_eq!(result.and_then(|q| q.value), Some(-8906.4), "{rel}");
        // The table's text is in the table, not also in the body.
        assert!(!doc.text.contains("Utfalls- avvikelse"), "{rel}");
        assert!(!doc.text.contains("-8 906.4"), "{rel}");
        // Provenance: the table is found by its index, sits on the Ekonomi chapter's page.
        let index = doc
            .tables
            .iter()
            .position(|x| std::ptr::eq(x, t))
            .unwrap_or(usize::MAX);
        assert_eq!(
            t.prov.cell,
            Some(CellRef {
                table: index as u32,
                row: 0,
                col: 0
            })
        );
        let ekonomi = doc
            .blocks
            .iter()
            .find(|b| b.kind == BlockKind::Heading && b.text == "Ekonomi")
            .expect("Ekonomi heading");
        assert_eq!(t.prov.page, ekonomi.prov.page, "{rel}");
        assert!(t.prov.paragraph > ekonomi.prov.paragraph, "{rel}");
    }
}

#[test]
fn the_operating_table_cell_for_cell_with_its_title_row_and_note() {
    for rel in BOTH {
        let doc = extract(rel);
        let t = table(&doc, "Driftredovisning hälso- och sjukvårdsnämnden");
        assert_eq!(t.header.len(), 2, "{rel}");
        assert_eq!(t.header[0].len(), 1);
        assert_eq!(t.header[0][0].col_span, 5, "{rel}");
        assert_eq!(
            texts(&t.header[1..]),
            vec![vec![
                "Belopp i mnkr",
                "Budgetavvikelse 2024",
                "Omsättning *)           2024",
                "Relation (%)",
                "Budgetavvikelse 2023"
            ]]
        );
        let want: Vec<Vec<&str>> =
            vec![
            vec!["Område nära vård", "-38,3", "-2 142,3", "1,8", "-86,8"],
            vec!["Område specialiserad vård", "-82,9", "-7 812,5", "1,1", "-145,6"],
            vec!["Område psykiatri", "6,3", "-952,7", "-0,7", "-32,4"],
            vec!["Område forskning och utbildning", "-5,5", "-521,3", "1,1", "-13,5"],
            vec!["Hälso- och sjukvårdsgemensamt", "-341,7", "-365,8", "93,4", "-937,8"],
            vec!["Resultat", "-462,1", "-11 794,6", "3,9", "-1 216,1"],
            vec!["*) Definition av omsättning är ackumulerade intäkter och ackumulerad budgetram."],
        ];
        assert_eq!(texts(&t.rows), want, "{rel}");
        assert_eq!(t.rows[6][0].col_span, 5, "{rel}");
    }
}

#[test]
fn headings_from_styles_pages_from_breaks_and_furniture_kept_apart() {
    for rel in BOTH {
        let doc = extract(rel);
        let chapters: Vec<(&str, Option<u32>)> = doc
            .blocks
            .iter()
            .filter(|b| {
                b.kind == BlockKind::Heading && b.level == Some(1) && !b.text.contains('\t')
            })
            .map(|b| (b.text.as_str(), b.prov.page))
            .collect();
        // Each chapter starts after an explicit page break; the title page and contents are page 1.
        assert_eq!(
            chapters,
            vec![
                ("Inledning", Some(2)),
                ("Väsentliga händelser", Some(3)),
                ("Ekonomi", Some(4)),
                ("Personalekonomi", Some(5)),
                ("Framtida utmaningar", Some(6))
            ],
            "{rel}"
        );
        let level_of = |text: &str| {
            doc.blocks
                .iter()
                .find(|b| b.text == text)
                .and_then(|b| b.level)
        };
        assert_eq!(level_of("Perspektiv: Process"), Some(2), "{rel}");
        assert_eq!(level_of("Sjukfrånvaro"), Some(2), "{rel}");

        let furniture = |kind| -> Vec<&str> {
            doc.furniture
                .iter()
                .filter(|f| f.kind == kind)
                .map(|f| f.text.as_str())
                .collect()
        };
        assert!(furniture(FurnitureKind::RunningHeader)
            .contains(&"Hälso- och sjukvårdsnämnden, Verksamhetsberättelse helår 2024"));
        assert!(furniture(FurnitureKind::RunningFooter)
            .iter()
            .any(|f| f.starts_with("Sida ")));
        assert!(!doc.text.contains("Sida "), "{rel}");
        // 20 pictures in the report, 11 of them with the alt text "Bild".
        let images = furniture(FurnitureKind::Image);
        assert_eq!(images.len(), 20, "{rel}");
        assert_eq!(images.iter().filter(|t| **t == "Bild").count(), 11, "{rel}");
        // Bookmarks never become text.
        assert!(!doc.text.contains("_Toc"), "{rel}");
        assert!(!doc.text.contains("[bookmark"), "{rel}");
    }
}

fn zip_of(entries: &[(&str, &[u8])]) -> Vec<u8> {
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let deflate = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated);
    for (name, data) in entries {
        w.start_file(*name, deflate).expect("zip entry");
        w.write_all(data).expect("zip write");
    }
    w.finish().expect("zip finish").into_inner()
}

/// The limit an input exceeds, as the error reports it (the command line names its flag).
fn exceeded(bytes: Vec<u8>, opts: &IngestOptions) -> Option<Limit> {
    let input = Input {
        path: "bad.docx".into(),
        bytes,
    };
    ingest(&input, opts).err().and_then(|e| e.exceeded())
}

fn read(bytes: Vec<u8>, opts: &IngestOptions) -> Result<String, String> {
    let input = Input {
        path: "bad.docx".into(),
        bytes,
    };
    match ingest(&input, opts) {
        Ok(doc) => Ok(format!("{} lines", doc.lines.len())),
        Err(e @ IngestError::Docx(_)) => Err(e.to_string()),
        Err(e) => Err(format!("not a DOCX error: {e}")),
    }
}

fn fixture_bytes(rel: &str) -> Vec<u8> {
    std::fs::read(fixture(rel)).expect("fixture")
}

#[test]
fn bad_packages_get_errors_naming_the_problem() {
    let opts = IngestOptions::default();
    let content_types: &[u8] = br#"<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"/>"#;
    let err = read(
        zip_of(&[
            ("[Content_Types].xml", content_types),
            ("word/styles.xml", b"<w:styles/>"),
        ]),
        &opts,
    )
    .expect_err("no document.xml");
    assert!(err.contains("word/document.xml"), "{err}");

    let docx = fixture_bytes(PYTHON_DOCX);
    let err = read(docx[..docx.len() / 2].to_vec(), &opts).expect_err("truncated");
    assert!(err.contains("corrupt zip"), "{err}");
    // Damage the compressed data of the entries but keep the directory: the checksums catch it.
    let mut damaged = docx.clone();
    for b in damaged.iter_mut().skip(2000).take(20000) {
        *b ^= 0x5a;
    }
    let err = read(damaged, &opts).expect_err("damaged");
    assert!(err.contains("corrupt zip"), "{err}");

    let err = read(fixture_bytes("bad/legacy.doc"), &opts).expect_err(".doc");
    assert!(err.contains("legacy Word 97-2003 .doc"), "{err}");
    assert!(
        err.contains("soffice --headless --convert-to docx"),
        "{err}"
    );

    let err = read(fixture_bytes("bad/encrypted.docx"), &opts).expect_err("encrypted");
    assert!(err.contains("password-protected"), "{err}");

    let err = read(
        zip_of(&[
            ("mimetype", b"application/vnd.oasis.opendocument.text"),
            ("content.xml", b"<office:document-content/>"),
        ]),
        &opts,
    )
    .expect_err("odt");
    assert!(
        err.contains("not a DOCX") && err.contains("OpenDocument"),
        "{err}"
    );
    let err = read(
        zip_of(&[
            ("[Content_Types].xml", content_types),
            ("xl/workbook.xml", b"<workbook/>"),
        ]),
        &opts,
    )
    .expect_err("xlsx");
    assert!(err.contains("not a DOCX") && err.contains("Excel"), "{err}");
}

#[test]
fn zip_limits_stop_bombs_and_name_the_limit() {
    let opts = IngestOptions::default();
    let zeros = vec![0u8; 4 * 1024 * 1024];
    let err = read(zip_of(&[("word/document.xml", &zeros)]), &opts).expect_err("bomb");
    assert!(err.contains("zip bomb"), "{err}");
    assert_eq!(
        exceeded(zip_of(&[("word/document.xml", &zeros)]), &opts),
        Some(Limit::ZipCompressionRatio)
    );

    let docx = fixture_bytes(PYTHON_DOCX);
    let small = IngestOptions {
        zip_max_uncompressed_bytes: 100_000,
        ..IngestOptions::default()
    };
    let err = read(docx.clone(), &small).expect_err("total");
    assert!(
        err.contains("uncompress to more than 100000 bytes"),
        "{err}"
    );
    assert_eq!(
        exceeded(docx.clone(), &small),
        Some(Limit::ZipUncompressedBytes)
    );
    let few = IngestOptions {
        zip_max_entries: 5,
        ..IngestOptions::default()
    };
    let err = read(docx.clone(), &few).expect_err("entries");
    assert!(err.contains("over the limit of 5"), "{err}");
    assert_eq!(exceeded(docx.clone(), &few), Some(Limit::ZipEntries));
    // Within the limits the same file reads.
    assert!(read(docx, &opts).is_ok());
}

#[test]
fn what_word_hides_in_a_pandoc_and_python_docx_file() {
    // fixtures/docx/word-features.docx: Markdown written by pandoc, then tracked changes, a content
    // control, a DATE field, hyphens, a comment and a nested table added by python-docx (see the script).
    let input = Input::read(
        &fixture("docx/word-features.docx"),
        &IngestOptions::default(),
    )
    .expect("fixture");
    let raw = ingest(&input, &IngestOptions::default()).expect("ingest");
    let lines: Vec<(&str, Option<u8>, Option<u32>)> = raw
        .lines
        .iter()
        .map(|l| (l.text.as_str(), l.heading_level, l.page))
        .collect();
    assert_eq!(
        lines,
        vec![
            ("Uppföljning", Some(1), Some(1)),
            (
                "Inledande stycke med en fotnot och en länk till regionen.",
                None,
                Some(1)
            ),
            // The style is named "Rubrik 2".
            ("Underrubrik", Some(2), Some(1)),
            ("1.\tFörsta punkten", None, Some(1)),
            ("2.\tAndra punkten", None, Some(1)),
            ("a.\tFörsta underpunkten", None, Some(1)),
            ("b.\tAndra underpunkten", None, Some(1)),
            ("Sista stycket på första sidan.", None, Some(1)),
            // Word's rendered page break starts page 2; "minskar" is a tracked deletion.
            ("Budgeten ökar med 3 mnkr.", None, Some(2)),
            ("Hälso-och sjukvårdsnämnden", None, Some(2)),
            ("DNR: 25RS268", None, Some(2)),
            ("Beslutad 2025-02-14", None, Some(2)),
            ("Kostnaden blev 12 mnkr.", None, Some(2)),
            ("Efter tabellen.", None, Some(2)),
        ]
    );
    assert_eq!(raw.lines[2].paragraph, Some(2));
    assert_eq!(raw.tables.len(), 2);
    assert_eq!(texts(&raw.tables[0].header), vec![vec!["Område", "Utfall"]]);
    assert_eq!(texts(&raw.tables[0].rows), vec![vec!["Nära vård", ""]]);
    assert_eq!(texts(&raw.tables[1].rows), vec![vec!["-38,3", "mnkr"]]);
    assert_eq!(
        raw.tables[1].prov.cell,
        Some(CellRef {
            table: 0,
            row: 1,
            col: 1
        })
    );
    let diagnostic = |code: &str| -> Vec<&str> {
        raw.diagnostics
            .iter()
            .filter(|d| d.code == code)
            .map(|d| d.message.as_str())
            .collect()
    };
    assert!(
        diagnostic("docx.footnote")[0].ends_with("Källa: Region Örebro län, årsredovisning 2024.")
    );
    let comment = diagnostic("docx.comment");
    assert!(
        comment[0].contains("Granskare")
            && comment[0].ends_with("Kontrollera beloppet mot bokslutet.")
    );
    assert_eq!(diagnostic("docx.tracked_deletion").len(), 1);
}

#[test]
fn deeply_nested_tables_neither_crash_nor_hang() {
    let mut xml = String::from(
        r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>"#,
    );
    let depth = 20_000;
    xml.push_str(&"<w:tbl><w:tr><w:tc>".repeat(depth));
    xml.push_str("<w:p><w:r><w:t>djupt</w:t></w:r></w:p>");
    xml.push_str(&"</w:tc></w:tr></w:tbl>".repeat(depth));
    xml.push_str("<w:p><w:r><w:t>efter</w:t></w:r></w:p></w:body></w:document>");
    let rels: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="word/document.xml"/></Relationships>"#;
    let rels_doc: &[u8] = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"/>"#;
    let bytes = zip_of(&[
        ("[Content_Types].xml", b"<Types/>"),
        ("_rels/.rels", rels),
        ("word/_rels/document.xml.rels", rels_doc),
        ("word/document.xml", xml.as_bytes()),
    ]);
    let input = Input {
        path: "deep.docx".into(),
        bytes,
    };
    // By default such nesting is refused, naming the limit …
    let err = ingest(&input, &IngestOptions::default()).expect_err("over the depth limit");
    assert!(
        err.to_string().contains("deep, over the limit of 256"),
        "{err}"
    );
    assert_eq!(err.exceeded(), Some(Limit::XmlDepth));
    // … and with the limit raised the document is read, without docx-rs's recursion.
    let opts = IngestOptions {
        xml_max_depth: 100_000,
        ..Default::default()
    };
    let raw = ingest(&input, &opts).expect("deep document reads");
    let lines: Vec<&str> = raw.lines.iter().map(|l| l.text.as_str()).collect();
    assert_eq!(lines, vec!["efter"]);
    assert_eq!(raw.tables.len(), depth);
    assert!(raw.diagnostics.iter().any(|d| d.code == "docx.model"));
}

#[test]
fn docx_output_validates_against_the_schema() {
    for rel in [PYTHON_DOCX, LIBREOFFICE, "docx/word-features.docx"] {
        let doc = extract(rel);
        let value: serde_json::Value =
            serde_json::from_str(&styrdok::emit::to_json(&doc)).expect("json");
        if let Err(errors) =
            styrdok::emit::schema::validate(styrdok::emit::schema::SchemaKind::Document, &value)
        {
            panic!("{rel}: {errors:?}");
        }
    }
}
