//! Speed of the repair stage in MB of text per second on one core (run with
//! `cargo run --release --example repair_bench`), on the stripped and the OCR'd seeds, beside the
//! `hunspell -l` command (listing misspelt words with the same sv_SE dictionary) when it is installed.
//! Lexicon loading is timed apart; the memo of Hunspell answers is cleared between documents by using
//! a fresh text each round.

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::Instant;
use styrdok::repair::eval::{self, strip_diacritics};
use styrdok::repair::{lexicon, repair_text, RepairOptions};

fn main() {
    let root = Path::new(env!("CARGO_MANIFEST_DIR"));
    let t = Instant::now();
    let words = lexicon::FREQUENCIES.len();
    let loaded = lexicon::SPELLER.is_loaded();
    println!(
        "lexicon: {words} words and Hunspell sv_SE ({loaded}) loaded in {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let docs = eval::seed_documents(root).expect("seeds");
    let mut inputs: Vec<(String, String)> = docs
        .correct
        .iter()
        .map(|(n, d)| (format!("{n} stripped"), strip_diacritics(&d.text)))
        .collect();
    inputs.push(("plan2024 OCR".into(), docs.ocr_plan.text.clone()));
    for (n, d) in &docs.correct {
        inputs.push((format!("{n} correct"), d.text.clone()));
    }
    let opts = RepairOptions::default();
    println!(
        "{:<20} {:>9} {:>10} {:>12} {:>14}",
        "text", "KB", "changes", "MB/s/core", "hunspell -l MB/s"
    );
    for (name, text) in &inputs {
        // Repeat until at least half a second has passed; the first round also fills the memos.
        let (mut rounds, mut changes) = (0u32, 0usize);
        let t = Instant::now();
        while rounds < 1 || t.elapsed().as_secs_f64() < 0.5 {
            changes = repair_text(text, &opts).len();
            rounds += 1;
        }
        let secs = t.elapsed().as_secs_f64() / f64::from(rounds);
        let mbs = text.len() as f64 / 1e6 / secs;
        println!(
            "{name:<20} {:>9.1} {changes:>10} {mbs:>12.2} {:>14}",
            text.len() as f64 / 1e3,
            hunspell_speed(root, text).map_or("-".to_string(), |s| format!("{s:.2}"))
        );
    }
}

/// MB/s of `hunspell -l` on the text with the vendored dictionary, or None when hunspell is missing.
fn hunspell_speed(root: &Path, text: &str) -> Option<f64> {
    let dict = root.join("data/hunspell/sv_SE");
    let t = Instant::now();
    let mut child = Command::new("hunspell")
        .args(["-l", "-i", "utf-8", "-d"])
        .arg(&dict)
        .stdin(Stdio::piped())
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .ok()?;
    child.stdin.take()?.write_all(text.as_bytes()).ok()?;
    child.wait().ok()?;
    Some(text.len() as f64 / 1e6 / t.elapsed().as_secs_f64())
}
