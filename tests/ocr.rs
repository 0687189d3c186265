//! OCR with the real Tesseract on the scan fixtures (made by `scripts/make_scan_fixtures.sh` from two pages
//! of the 2026 plan): the image-only PDF must give the uppdrag and the words of its text-layer twin, and
//! the page images in each format must be read with positions on the page.

mod common;
use common::*;
use std::process::Command;
use std::time::Duration;
use styrdok::clean::{clean, CleanOptions};
use styrdok::detect::{detect, DetectOptions};
use styrdok::ingest::ocr::{ingest_scanned_pdf, OcrError, OcrOptions};
use styrdok::ingest::{IngestError, IngestOptions, Input};
use styrdok::model::{Document, RawDocument};
use styrdok::pipeline::{extract, extract_path, Options};
use styrdok_eval::error_rate::error_rate;

const TEXT_PDF: &str = "scans/uppdrag-2026-text.pdf";
const SCAN_PDF: &str = "scans/uppdrag-2026-scan.pdf";
const PAGE1_PNG: &str = "scans/uppdrag-2026-p1.png";
const PAGE2_JPG: &str = "scans/uppdrag-2026-p2.jpg";
const SCAN_TIF: &str = "scans/uppdrag-2026-scan.tif";

/// The uppdrag on the two pages, in order, as read from the plan (page 1 ends inside Ber nr 4's section).
const KEYS: [&str; 16] = [
    "Nr 10", "Nr 11", "Nr 12", "Nr 13", "Nr 14", "Nr 15", "Nr 16", "Nr 17", "Nr 18", "HS nr 1",
    "HS nr 2", "Ber nr 1", "Ber nr 2", "Ber nr 3", "Ber nr 4", "Ber nr 5",
];

fn input(rel: &str) -> Input {
    Input::read(&fixture(rel), &IngestOptions::default()).expect("fixture readable")
}

/// The text layer as poppler reads it; `-raw` keeps a hyphen at a line end where it is printed.
fn text_layer(rel: &str, args: &[&str]) -> String {
    let out = Command::new("pdftotext")
        .args(args)
        .arg(fixture(rel))
        .arg("-")
        .output()
        .expect("pdftotext (poppler-utils) runs");
    assert!(out.status.success());
    String::from_utf8(out.stdout).expect("UTF-8")
}

fn words(text: &str) -> Vec<&str> {
    text.split_whitespace().collect()
}

fn raw_text(raw: &RawDocument) -> String {
    raw.lines
        .iter()
        .map(|l| l.text.as_str())
        .collect::<Vec<_>>()
        .join("\n")
}

fn keys(doc: &Document) -> Vec<&str> {
    doc.uppdrag.iter().map(|u| u.key.as_str()).collect()
}

/// Every OCR word is a whole word of the text with a confidence in 0–1.
fn assert_ocr_words(doc: &Document) {
    assert!(doc.ocr_words.len() > 100, "{} words", doc.ocr_words.len());
    for w in &doc.ocr_words {
        let word = doc.slice(w.span);
        assert!(
            !word.is_empty() && !word.contains(char::is_whitespace),
            "{word:?}"
        );
        assert!((0.0..=1.0).contains(&w.confidence), "{}", w.confidence);
    }
}

#[test]
fn the_image_only_pdf_reads_like_its_text_layer() {
    let raw = ingest_scanned_pdf(&input(SCAN_PDF), &OcrOptions::default()).expect("OCR runs");
    assert_eq!(raw.page_count, Some(2));
    assert!(raw.needs_ocr.is_empty(), "failed pages {:?}", raw.needs_ocr);

    // Words: at most 2 % word error rate against the text layer of the same pages.
    let reference_text = text_layer(TEXT_PDF, &["-raw"]);
    let reference = words(&reference_text);
    let ocr_text = raw_text(&raw);
    let wer = error_rate(&reference, &words(&ocr_text));
    assert!(reference.len() > 350, "{} reference words", reference.len());
    println!(
        "word error rate {:.2} % over {} words",
        wer * 100.0,
        reference.len()
    );
    assert!(wer <= 0.02, "word error rate {:.2} %", wer * 100.0);

    // Uppdrag: the same keys, with nearly the same text, as the text layer run through the pipeline.
    let scanned = detect(
        clean(raw, &CleanOptions::default()),
        &DetectOptions::default(),
    );
    let text_input = Input {
        path: "uppdrag-2026-text.txt".into(),
        bytes: reference_text.into_bytes(),
    };
    let layered = extract(&text_input, &Options::default()).expect("text layer extracts");
    assert_eq!(keys(&layered), KEYS);
    assert_eq!(keys(&scanned), KEYS);
    for (s, l) in scanned.uppdrag.iter().zip(&layered.uppdrag) {
        // Nearly equal: at most one word in ten differs, and one in any case (a dash read as another dash).
        let reference = words(&l.text_raw);
        let errors = error_rate(&reference, &words(&s.text_raw)) * reference.len() as f64;
        assert!(
            errors.round() as usize <= (reference.len() / 10).max(1),
            "{}: {:?} vs {:?}",
            s.key,
            s.text_raw,
            l.text_raw
        );
    }
    assert_eq!(uppdrag(&scanned, "Ber nr 5").page, Some(2));
    assert_ocr_words(&scanned);
}

/// Positions are points from the top-left corner of the page, like those of the text layer.
fn assert_positions_match_the_text_layer(doc: &Document) {
    // Where poppler puts the first word of "Nr 10." on page 1 of the text-layer PDF.
    let bbox = text_layer(TEXT_PDF, &["-bbox", "-f", "1", "-l", "1"]);
    let row = bbox
        .lines()
        .zip(bbox.lines().skip(1))
        .find(|(a, b)| a.ends_with(">Nr</word>") && b.ends_with(">10.</word>"))
        .map(|(a, _)| a)
        .expect("Nr 10. in the text layer");
    let attr = |name: &str| -> f32 {
        let at = row.find(&format!("{name}=\"")).expect("attribute") + name.len() + 2;
        row[at..].split('"').next().unwrap().parse().unwrap()
    };
    let nr10 = doc
        .blocks
        .iter()
        .find(|b| b.text.starts_with("Nr 10."))
        .expect("a block for Nr 10");
    let b = nr10.prov.bbox.expect("OCR lines have boxes");
    assert_eq!(nr10.prov.page, Some(1));
    // Tesseract boxes the ink, poppler the font's em box: a few points apart, not a scale apart.
    assert!((b.x0 - attr("xMin")).abs() < 3.0, "{b:?} vs {row}");
    assert!((b.y0 - attr("yMin")).abs() < 6.0, "{b:?} vs {row}");
    assert!(b.x1 <= 595.3 && b.y1 <= 841.9, "{b:?} off an A4 page");
}

#[test]
fn png_jpeg_and_multipage_tiff_are_recognised() {
    let png = extract_path(&fixture(PAGE1_PNG), &Options::default()).expect("PNG is read");
    assert_eq!(png.source.format, styrdok::model::Format::Image);
    assert_eq!(keys(&png), KEYS[..15]);
    assert_ocr_words(&png);
    assert_positions_match_the_text_layer(&png);

    let jpg = extract_path(&fixture(PAGE2_JPG), &Options::default()).expect("JPEG is read");
    assert!(jpg
        .text
        .starts_with("Ber nr 5. Följa arbetet med omställningen till Nära vård"));
    assert!(jpg
        .text
        .contains("Målsättning nr 6: Forskning och utbildning av hög kvalitet"));
    assert!(jpg
        .diagnostics
        .iter()
        .all(|d| d.code != "ocr.resolution_unknown"));

    let tif = extract_path(&fixture(SCAN_TIF), &Options::default()).expect("TIFF is read");
    assert_eq!(keys(&tif), KEYS);
    let pages: Vec<u32> = tif.pages.iter().map(|p| p.number).collect();
    assert_eq!(pages, vec![1, 2]);
    assert_eq!(uppdrag(&tif, "Nr 10").page, Some(1));
    assert_eq!(uppdrag(&tif, "Ber nr 5").page, Some(2));
}

#[test]
fn a_missing_model_or_program_names_the_debian_packages() {
    let mut opts = Options::default();
    opts.ingest.ocr.languages = "swe+xyz".into();
    let err = extract_path(&fixture(PAGE1_PNG), &opts).expect_err("no xyz model");
    let text = err.to_string();
    assert!(
        matches!(
            err,
            styrdok::pipeline::ExtractError::Ingest(IngestError::OcrUnavailable(_))
        ),
        "{text}"
    );
    assert!(
        text.contains("xyz") && text.contains("tesseract-ocr-xyz"),
        "{text}"
    );

    let opts = OcrOptions {
        tesseract: "/nonexistent/bin/tesseract".into(),
        ..OcrOptions::default()
    };
    let err = ingest_scanned_pdf(&input(SCAN_PDF), &opts).expect_err("no tesseract");
    let text = err.to_string();
    assert!(matches!(err, IngestError::OcrUnavailable(_)), "{text}");
    assert!(text.contains("tesseract-ocr tesseract-ocr-swe"), "{text}");
}

#[test]
fn a_page_over_its_time_budget_is_stopped_with_a_clear_error() {
    let opts = OcrOptions {
        page_timeout: Duration::from_millis(100),
        ..OcrOptions::default()
    };
    let err = ingest_scanned_pdf(&input(SCAN_PDF), &opts).expect_err("too little time");
    assert!(err.to_string().contains("took more than"), "{err}");
}

#[test]
fn a_broken_image_is_an_error_not_a_panic() {
    let mut bytes = std::fs::read(fixture(PAGE1_PNG)).expect("fixture");
    bytes.truncate(2000);
    let broken = Input {
        path: "broken.png".into(),
        bytes,
    };
    let err = extract(&broken, &Options::default()).expect_err("truncated PNG");
    assert!(
        matches!(
            err,
            styrdok::pipeline::ExtractError::Ingest(IngestError::Ocr(OcrError::Failed { .. }))
        ),
        "{err}"
    );
}
