//! Speed of the repair stage in MB of text per second on one core (run with
//! `cargo run --release -p styrdok-eval --example repair_bench`), on stripped text, on Tesseract OCR text and
//! on correctly written text. Each text is repaired as a fresh process would (Hunspell memo emptied: "first")
//! and again with the memo filled by the first pass ("again"), beside two references timed in the same run:
//! the baseline of the same code (every word's most frequent spelling, no context) and the `hunspell -l`
//! command (listing misspelt words with the same sv_SE dictionary) when it is installed.
//! `REPAIR_BENCH_ONLY=word` times only the texts whose name holds the word (for profiling), and
//! `REPAIR_BENCH_FIRST=1` runs only each text's first reading, so that an instruction count of it is
//! repeatable whatever else the machine runs: `REPAIR_BENCH_FIRST=1 REPAIR_BENCH_ONLY="report2024 stripped"
//! valgrind --tool=callgrind --toggle-collect='*repair_text*' target/release/examples/repair_bench` (the
//! count includes the short warm-up repair that builds the lazy tables before any timing, a few hundred
//! thousand instructions).
//!
//! `repair_bench FILE...` also times a batch's sustained reading: the two stripped seed documents and then
//! each FILE (correctly written Swedish, stripped of its diacritics) repaired one after the other in one
//! process, the memo emptied once before the first, as `styrdok run` reads a diarium whose documents
//! share much of their vocabulary (`scripts/repair_held_out.sh` passes it three parts of a book).

use std::io::Write;
use std::path::Path;
use std::process::{Command, Stdio};
use std::sync::Arc;
use std::time::Instant;
use styrdok::repair::{lexicon, repair_text, CorpusModel, RepairOptions};
use styrdok_eval::repair::{self as eval, strip_diacritics};

/// The allocator of the `styrdok` binary, so that the figures are the binary's (the system allocator
/// takes about 17 % more instructions for the same first reading of stripped text).
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    let root = styrdok_eval::repo_root();
    let t = Instant::now();
    let words = lexicon::FREQUENCIES.len();
    let loaded = lexicon::SPELLER.is_loaded();
    let _ = (
        lexicon::INFINITIVE_KEYS.len(),
        lexicon::HYPHENATED_PARTS.len(),
        lexicon::ADJECTIVE_A_KEYS.len(),
        lexicon::NAME_KEYS.len(),
        styrdok::repair::letters::LETTERS.guess("a"),
    );
    // Whatever else is built on first use, before the first reading is timed.
    let warm_up =
        "Halso- och sjukvardsnamnden ska starka vara verksamheter och folja upp malen for aret.";
    let _ = repair_text(warm_up, &RepairOptions::default());
    println!(
        "lexicon: {words} words, Hunspell sv_SE ({loaded}) and the letter model loaded in {:.0} ms",
        t.elapsed().as_secs_f64() * 1000.0
    );
    let docs = eval::seed_documents(root).expect("seeds");
    let fixtures = eval::ocr_fixtures(root, &docs).expect("OCR fixtures");
    // Each text is repaired with the corpus of the other correct document, as the evaluation does.
    let other = |i: usize| Arc::new(CorpusModel::learn(&[&docs.correct[1 - i].1]));
    let mut inputs: Vec<(String, String, Option<Arc<CorpusModel>>)> = Vec::new();
    for (i, (n, d)) in docs.correct.iter().enumerate() {
        inputs.push((
            format!("{n} stripped"),
            strip_diacritics(&d.text),
            Some(other(i)),
        ));
    }
    for (i, (name, _, ocr, _)) in fixtures.iter().enumerate() {
        inputs.push((format!("{name} OCR eng"), ocr.clone(), Some(other(i))));
    }
    let plan2026 = Arc::new(CorpusModel::learn(&[&docs.correct[0].1]));
    inputs.push((
        "plan2024 OCR".into(),
        docs.ocr_plan.text.clone(),
        Some(plan2026),
    ));
    for (i, (n, d)) in docs.correct.iter().enumerate() {
        inputs.push((format!("{n} correct"), d.text.clone(), Some(other(i))));
    }
    let files: Vec<String> = std::env::args().skip(1).collect();
    let mut sequence: Vec<(String, String, Option<Arc<CorpusModel>>)> =
        inputs.iter().take(2).cloned().collect();
    let both = Arc::new(CorpusModel::learn(&[
        &docs.correct[0].1,
        &docs.correct[1].1,
    ]));
    for file in &files {
        let text = std::fs::read_to_string(file).unwrap_or_else(|e| panic!("{file}: {e}"));
        let name = Path::new(file)
            .file_stem()
            .map_or(file.clone(), |n| n.to_string_lossy().into_owned());
        sequence.push((name, strip_diacritics(&text), Some(both.clone())));
    }
    let only = std::env::var("REPAIR_BENCH_ONLY").ok();
    let first_only = std::env::var_os("REPAIR_BENCH_FIRST").is_some();
    println!(
        "{:<20} {:>7} {:>8} {:>11} {:>11} {:>13} {:>13}",
        "text", "KB", "changes", "first MB/s", "again MB/s", "baseline MB/s", "hunspell -l"
    );
    for (name, text, corpus) in &inputs {
        if only.as_ref().is_some_and(|o| !name.contains(o.as_str())) {
            continue;
        }
        let opts = RepairOptions {
            corpus: corpus.clone(),
            ..RepairOptions::default()
        };
        styrdok::repair::clear_memos();
        let t = Instant::now();
        let changes = repair_text(text, &opts).len();
        let first = mb_per_s(text, t.elapsed().as_secs_f64());
        if first_only {
            println!(
                "{name:<20} {:>7.1} {changes:>8} {first:>11.2}",
                text.len() as f64 / 1e3
            );
            continue;
        }
        let again = timed(text, || repair_text(text, &opts).len());
        let base = timed(text, || eval::baseline(text).len());
        println!(
            "{name:<20} {:>7.1} {changes:>8} {first:>11.2} {again:>11.2} {base:>13.2} {:>13}",
            text.len() as f64 / 1e3,
            hunspell_speed(root, text).map_or("-".to_string(), |s| format!("{s:.2}"))
        );
    }
    if !files.is_empty() {
        sustained(&sequence);
    }
}

/// Repairs the texts one after the other with the memo emptied once, and prints each one's speed and the
/// whole sequence's.
fn sustained(texts: &[(String, String, Option<Arc<CorpusModel>>)]) {
    println!("\nin sequence, memo emptied once (as a batch reads a diarium):");
    styrdok::repair::clear_memos();
    let (mut bytes, mut secs) = (0usize, 0f64);
    for (name, text, corpus) in texts {
        let opts = RepairOptions {
            corpus: corpus.clone(),
            ..RepairOptions::default()
        };
        let t = Instant::now();
        let changes = repair_text(text, &opts).len();
        let took = t.elapsed().as_secs_f64();
        bytes += text.len();
        secs += took;
        println!(
            "{name:<20} {:>7.1} {changes:>8} {:>11.2}",
            text.len() as f64 / 1e3,
            mb_per_s(text, took)
        );
    }
    println!(
        "{:<20} {:>7.1} {:>8} {:>11.2}",
        "all",
        bytes as f64 / 1e3,
        "",
        bytes as f64 / 1e6 / secs
    );
}

fn mb_per_s(text: &str, secs: f64) -> f64 {
    text.len() as f64 / 1e6 / secs
}

/// MB/s of `run` over the text, repeated until at least half a second has passed.
fn timed(text: &str, mut run: impl FnMut() -> usize) -> f64 {
    let (mut rounds, mut sink) = (0u32, 0usize);
    let t = Instant::now();
    while rounds < 1 || t.elapsed().as_secs_f64() < 0.5 {
        sink = sink.wrapping_add(run());
        rounds += 1;
    }
    std::hint::black_box(sink);
    mb_per_s(text, t.elapsed().as_secs_f64() / f64::from(rounds))
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
    Some(mb_per_s(text, t.elapsed().as_secs_f64()))
}
