//! Measures PDF ingestion on real documents from other producers against poppler's `pdftotext`, in one
//! run and side by side: time of each, and the share of pdftotext's words (as a multiset) that styrdok
//! keeps in its body lines, furniture lines and table cells together. OCR is off, so a scanned page
//! counts as lost unless it has a text layer.
//!
//! `cargo run --release -p styrdok-eval --example bench_real -- [DIR]` (default `fixtures/real`);
//! `scripts/bench_real.sh` runs it.

use std::collections::HashMap;
use std::process::Command;
use std::time::Instant;
use styrdok::ingest::{ingest, IngestOptions, Input};

/// Words as runs of letters and digits, so that punctuation and spacing choices do not count. A word
/// broken by a hyphen at a line end counts as one word, as pdftotext joins it: `Abamek- tin` is
/// `abamektin` on both sides.
fn words(text: &str) -> HashMap<String, usize> {
    static BROKEN: std::sync::LazyLock<regex::Regex> =
        std::sync::LazyLock::new(|| regex::Regex::new(r"(\w)-\s+(\w)").expect("valid regex"));
    let text = BROKEN.replace_all(text, "$1$2");
    let mut out = HashMap::new();
    for w in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
    {
        *out.entry(w.to_lowercase()).or_default() += 1;
    }
    out
}

/// Letters and digits, for the share of characters kept whatever the word breaks.
fn chars(text: &str) -> HashMap<String, usize> {
    let mut out = HashMap::new();
    for c in text.chars().filter(|c| c.is_alphanumeric()) {
        *out.entry(c.to_lowercase().collect()).or_default() += 1;
    }
    out
}

/// Words of `reference` found in `found`, counted with multiplicity.
fn kept(reference: &HashMap<String, usize>, found: &HashMap<String, usize>) -> usize {
    reference
        .iter()
        .map(|(w, n)| (*n).min(found.get(w).copied().unwrap_or(0)))
        .sum()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let dir = std::env::args()
        .nth(1)
        .unwrap_or_else(|| "fixtures/real".into());
    let mut files: Vec<_> = std::fs::read_dir(&dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
        .collect();
    files.sort();
    let mut opts = IngestOptions::default();
    opts.ocr.enabled = false;
    println!(
        "{:<44} {:>5} {:>9} {:>9} {:>8} {:>8} {:>7} {:>7} {:>6}",
        "file", "pages", "styrdok", "pdftotext", "pt words", "kept", "words %", "chars %", "tables"
    );
    let (mut total_s, mut total_p, mut total_ref, mut total_kept) = (0.0, 0.0, 0, 0);
    for path in files {
        let name = path.file_name().unwrap_or_default().to_string_lossy();
        let input = Input::read(&path, &opts)?;
        let t0 = Instant::now();
        let raw = ingest(&input, &opts);
        let s = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let out = Command::new("pdftotext").arg(&path).arg("-").output()?;
        let p = t1.elapsed().as_secs_f64();
        let reference = words(&String::from_utf8_lossy(&out.stdout));
        let n_ref: usize = reference.values().sum();
        let ref_chars = chars(&String::from_utf8_lossy(&out.stdout));
        let (pages, found, found_chars, tables) = match &raw {
            Ok(raw) => {
                let mut text: String = raw
                    .lines
                    .iter()
                    .map(|l| l.text.as_str())
                    .collect::<Vec<_>>()
                    .join("\n");
                for t in &raw.tables {
                    for row in t.header.iter().chain(&t.rows) {
                        for cell in row {
                            text.push('\n');
                            text.push_str(&cell.text);
                        }
                    }
                }
                (
                    raw.page_count.unwrap_or(0),
                    words(&text),
                    chars(&text),
                    raw.tables.len().to_string(),
                )
            }
            Err(e) => {
                eprintln!("{name}: {e}");
                (0, HashMap::new(), HashMap::new(), "error".into())
            }
        };
        let k = kept(&reference, &found);
        let ck = kept(&ref_chars, &found_chars);
        let cn: usize = ref_chars.values().sum();
        total_s += s;
        total_p += p;
        total_ref += n_ref;
        total_kept += k;
        println!(
            "{:<44} {:>5} {:>7.0}ms {:>7.0}ms {:>8} {:>8} {:>6.1}% {:>6.1}% {:>6}",
            name,
            pages,
            s * 1e3,
            p * 1e3,
            n_ref,
            k,
            100.0 * k as f64 / n_ref.max(1) as f64,
            100.0 * ck as f64 / cn.max(1) as f64,
            tables
        );
    }
    println!(
        "{:<44} {:>5} {:>7.0}ms {:>7.0}ms {:>8} {:>8} {:>6.1}%",
        "all",
        "",
        total_s * 1e3,
        total_p * 1e3,
        total_ref,
        total_kept,
        100.0 * total_kept as f64 / total_ref.max(1) as f64
    );
    Ok(())
}
