//! Prints how well the repair stage works on the bundled documents (run with
//! `cargo run --release -p styrdok-eval --example repair_eval`): stripped diacritics restored
//! (leave-one-document-out), Tesseract English-model OCR repaired, and the OCR'd 2024 plan's uppdrag against
//! the 2024 report's wording, each beside the baseline of every word's most frequent spelling.
//! `--text FILE...` runs the stripped-text evaluation on other correctly written Swedish instead,
//! `--ocr SOURCE OCR...` the real-OCR evaluation on other pairs of a text and Tesseract's reading of it;
//! `--held-out` the stripped-text evaluation of the held-out texts of `fixtures/repair/held-out`,
//! `--public-dev` the same of the public-sector development texts of `fixtures/repair/public-dev`.

use std::path::Path;
use std::sync::Arc;
use styrdok::repair::{CorpusModel, RepairOptions};
use styrdok_eval::repair::{self as eval, StrippedScore};

fn main() {
    let root = styrdok_eval::repo_root();
    let docs = eval::seed_documents(root).expect("the seed documents are readable");
    let args: Vec<String> = std::env::args().skip(1).collect();
    // `--ocr SOURCE OCR...`: pairs of a correctly written text and Tesseract's reading of it, scored
    // as the real-OCR evaluation is (word error rate before and after), learning from both seeds.
    if args.first().is_some_and(|a| a == "--ocr") {
        let opts = learning_from_both(&docs);
        println!("== OCR of other documents, word error rate (learning from both seed documents)");
        for pair in args[1..].chunks(2) {
            let [source, ocr] = pair else {
                eprintln!("error: --ocr takes pairs of files: SOURCE OCR");
                return;
            };
            match (
                std::fs::read_to_string(source),
                std::fs::read_to_string(ocr),
            ) {
                (Ok(reference), Ok(read)) => {
                    print_ocr(&file_name(ocr), &eval::ocr_eval(&reference, &read, &opts));
                }
                (Err(e), _) | (_, Err(e)) => eprintln!("error: {source} / {ocr}: {e}"),
            }
        }
        return;
    }
    // `--text FILE...`: the stripped-text evaluation of other correctly written Swedish (UTF-8 text),
    // learning from both seed documents, for a check on text the stage was never tuned on.
    if args.first().is_some_and(|a| a == "--text") {
        let opts = learning_from_both(&docs);
        println!("== stripped text of other documents (learning from both seed documents)");
        for path in &args[1..] {
            match std::fs::read_to_string(path) {
                Ok(text) => {
                    let (s, b) = eval::stripped_eval(&text, &opts);
                    show_errors(&text, &opts);
                    print_stripped(&file_name(path), &s, &b);
                }
                Err(e) => eprintln!("error: {path}: {e}"),
            }
        }
        return;
    }
    // `--held-out`: the stripped-text evaluation of the held-out Swedish public-sector texts
    // (fixtures/repair/held-out, never used to write or tune a rule), standalone and in a diarium with
    // two correct documents.
    if args.first().is_some_and(|a| a == "--held-out") {
        public_set(root, &docs, "held-out");
        return;
    }
    // `--public-dev`: the same evaluation of the public-sector development texts
    // (fixtures/repair/public-dev, whose errors may be read and tuned on).
    if args.first().is_some_and(|a| a == "--public-dev") {
        public_set(root, &docs, "public-dev");
        return;
    }
    println!(
        "== stripped text (diacritics removed, repaired; each document learns only from the other)"
    );
    let mut total = (StrippedScore::default(), StrippedScore::default());
    for (i, (name, doc)) in docs.correct.iter().enumerate() {
        let opts = learning_from_the_others(&docs, i, RepairOptions::default().threshold);
        let (s, b) = eval::stripped_eval(&doc.text, &opts);
        show_errors(&doc.text, &opts);
        print_stripped(name, &s, &b);
        total.0.add(&s);
        total.1.add(&b);
    }
    print_stripped("all", &total.0, &total.1);

    // The same evaluation at other thresholds (`--repair-threshold`): fewer needless changes cost
    // restorations.
    println!("\n== stripped text by repair threshold (both documents)");
    for threshold in [0.5, 0.6, 0.7, 0.8, 0.9, 0.95] {
        let mut score = StrippedScore::default();
        for (i, (_, doc)) in docs.correct.iter().enumerate() {
            let opts = learning_from_the_others(&docs, i, threshold);
            score.add(&eval::stripped_eval(&doc.text, &opts).0);
        }
        println!(
            "threshold {threshold:<4}  diacritic words right {:>7.3} %  other words changed {:>6.3} %",
            100.0 * score.accuracy(),
            100.0 * score.needless_rate()
        );
    }

    println!("\n== real OCR (LibreOffice -> pdftoppm -> tesseract -l eng), word error rate");
    for (name, reference, ocr, learn_from) in eval::ocr_fixtures(root, &docs).expect("OCR fixtures")
    {
        let opts = RepairOptions {
            corpus: Some(Arc::new(CorpusModel::learn(&[learn_from]))),
            ..RepairOptions::default()
        };
        print_ocr(&name, &eval::ocr_eval(&reference, &ocr, &opts));
    }

    println!("\n== the seed: 2024 plan (OCR) uppdrag Nr 1-2, 9-19 vs the 2024 report's wording, character error rate");
    let s = eval::seed_eval(&docs);
    println!(
        "before {:>6.2} %  after {:>6.2} %  baseline {:>6.2} %  ({} uppdrag)",
        100.0 * s.before,
        100.0 * s.after,
        100.0 * s.baseline,
        s.count
    );
    for (key, cer) in &s.per_uppdrag {
        println!("  {key:<6} after {:>6.2} %", 100.0 * cer);
    }
}

/// The evaluation of a set of public-sector texts (`fixtures/repair/SET`): each text stripped and
/// repaired without a corpus, with the seeds' two correct documents as its diarium, and with the two
/// texts of the set after it (in name order, round) as its diarium.
fn public_set(root: &Path, docs: &eval::SeedDocs, set: &str) {
    let dir = root.join("fixtures/repair").join(set);
    let mut files: Vec<_> = std::fs::read_dir(&dir)
        .expect("the set's folder is readable")
        .flatten()
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let texts: Vec<(String, String)> = files
        .iter()
        .map(|p| {
            let name = p
                .file_stem()
                .map_or(String::new(), |n| n.to_string_lossy().into_owned());
            let short = name.split('_').next().unwrap_or(&name).to_string();
            (short, std::fs::read_to_string(p).expect("UTF-8 text"))
        })
        .collect();
    let seeds = learning_from_both(docs);
    let mut totals = vec![(StrippedScore::default(), StrippedScore::default()); 3];
    for (label, k) in [
        ("standalone (no corpus)", 0),
        ("in a diarium with the seeds' two correct documents", 1),
        ("in a diarium with the next two documents of the set", 2),
    ] {
        println!("== {set} stripped text, {label}");
        for (i, (name, text)) in texts.iter().enumerate() {
            let opts = match k {
                0 => RepairOptions::default(),
                1 => seeds.clone(),
                _ => {
                    let n = texts.len();
                    let learn = [&texts[(i + 1) % n].1, &texts[(i + 2) % n].1];
                    let mut corpus = CorpusModel::default();
                    for t in learn {
                        corpus.add_text(t);
                    }
                    RepairOptions {
                        corpus: Some(Arc::new(corpus)),
                        ..RepairOptions::default()
                    }
                }
            };
            let (s, b) = eval::stripped_eval(text, &opts);
            show_errors(text, &opts);
            print_stripped(name, &s, &b);
            totals[k].0.add(&s);
            totals[k].1.add(&b);
        }
        print_stripped("all", &totals[k].0, &totals[k].1);
        println!();
    }
}

/// Repair options whose corpus is learned from every correct document but the `i`-th.
fn learning_from_the_others(docs: &eval::SeedDocs, i: usize, threshold: f32) -> RepairOptions {
    let others: Vec<&_> = docs
        .correct
        .iter()
        .enumerate()
        .filter(|(j, _)| *j != i)
        .map(|(_, d)| &d.1)
        .collect();
    RepairOptions {
        corpus: Some(Arc::new(CorpusModel::learn(&others))),
        threshold,
        ..RepairOptions::default()
    }
}

/// Repair options learning from both seed documents, for text that is neither of them.
fn learning_from_both(docs: &eval::SeedDocs) -> RepairOptions {
    let refs: Vec<&styrdok::model::Document> = docs.correct.iter().map(|(_, d)| d).collect();
    RepairOptions {
        corpus: Some(Arc::new(CorpusModel::learn(&refs))),
        ..RepairOptions::default()
    }
}

fn file_name(path: &str) -> String {
    Path::new(path)
        .file_name()
        .map_or(path.to_string(), |n| n.to_string_lossy().into_owned())
}

fn print_ocr(name: &str, s: &eval::OcrScore) {
    println!(
        "{name:<12} before {:>6.2} %  after {:>6.2} %  (cut {:>5.1} %)  baseline {:>6.2} %",
        100.0 * s.before,
        100.0 * s.after,
        100.0 * s.reduction(),
        100.0 * s.baseline
    );
}

/// With `REPAIR_EVAL_SHOW` set, the words repair got wrong in the stripped text, for whoever tunes it.
fn show_errors(text: &str, opts: &RepairOptions) {
    if std::env::var_os("REPAIR_EVAL_SHOW").is_none() {
        return;
    }
    let fixed = eval::repair_stripped(text, opts);
    let words: Vec<&str> = text.split_whitespace().collect();
    for (i, (o, r)) in words.iter().zip(fixed.split_whitespace()).enumerate() {
        if *o != r {
            let before = words[i.saturating_sub(2)..i].join(" ");
            let after = words[(i + 1).min(words.len())..(i + 3).min(words.len())].join(" ");
            println!("  {o} -> {r}    [{before} _ {after}]");
        }
    }
}

fn print_stripped(name: &str, s: &StrippedScore, b: &StrippedScore) {
    println!(
        "{name:<12} diacritic words right {:>7.3} % ({}/{})  other words changed {:>6.3} % ({}/{})  | baseline {:>7.3} %, {:>6.3} %",
        100.0 * s.accuracy(), s.restored, s.diacritic_words,
        100.0 * s.needless_rate(), s.changed, s.other_words,
        100.0 * b.accuracy(), 100.0 * b.needless_rate()
    );
}
