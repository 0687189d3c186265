//! Measures the linker on the three seed documents against the gold links in
//! `fixtures/link/gold-seeds.tsv`: precision, recall and F1 per relation, and every wrong or missed link.
//!
//! `cargo run --release --example link_eval` (add `--links` to print every link with its evidence).

use std::path::PathBuf;
use std::process::ExitCode;
use styrdok::link::{eval, link, LinkOptions};
use styrdok::pipeline::{extract_path, Options};

const SEEDS: [&str; 3] = [
    "hsn-verksamhetsplan-2024-ocr.txt",
    "hsn-verksamhetsberattelse-2024.txt",
    "hsn-verksamhetsplan-2026.txt",
];

fn main() -> ExitCode {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("fixtures");
    let mut docs = Vec::new();
    for seed in SEEDS {
        match extract_path(&root.join("seeds").join(seed), &Options::default()) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                eprintln!("error: {seed}: {e}");
                return ExitCode::from(1);
            }
        }
    }
    let gold_path = root.join("link").join("gold-seeds.tsv");
    let gold = match std::fs::read_to_string(&gold_path)
        .map_err(|e| e.to_string())
        .and_then(|t| eval::parse_gold(&t).map_err(|e| e.to_string()))
    {
        Ok(g) => g,
        Err(e) => {
            eprintln!("error: {}: {e}", gold_path.display());
            return ExitCode::from(1);
        }
    };
    let linked = link(&docs, &LinkOptions::default());
    if std::env::args().any(|a| a == "--links") {
        for l in &linked.links {
            println!(
                "{:<15} {} {:<8} -> {} {:<8} score {:.3}  {}",
                l.relation.as_str(),
                l.from.year,
                l.from.key,
                l.to.year,
                l.to.key,
                l.score,
                serde_json::to_string(&l.evidence).unwrap_or_default()
            );
        }
        println!();
    }
    // `--candidates`: the best-scoring partners of every 2024 plan uppdrag in the 2026 plan, to see
    // how close the wrong ones come to the threshold.
    if std::env::args().any(|a| a == "--candidates") {
        use styrdok::link::{corpus::Corpus, score};
        let refs: Vec<&styrdok::model::Document> = docs.iter().collect();
        let corpus = Corpus::build(&refs);
        let (a, b) = (&docs[0], &docs[2]);
        for ua in &a.uppdrag {
            let pa = score::Prepared::new(ua, &corpus);
            let mut scored: Vec<(f64, String)> = b
                .uppdrag
                .iter()
                .map(|ub| {
                    let e =
                        score::compare(&pa, &score::Prepared::new(ub, &corpus), ua, ub, &corpus);
                    (
                        0.45 * e.weighted_similarity + 0.35 * e.weighted_overlap + 0.2 * e.dice,
                        format!("{} {:?}", ub.key, e.shared_rare_terms),
                    )
                })
                .collect();
            scored.sort_by(|x, y| y.0.total_cmp(&x.0));
            let top: Vec<String> = scored
                .iter()
                .take(3)
                .map(|(s, k)| format!("{s:.3} {k}"))
                .collect();
            println!("{:<6} {}", ua.key, top.join(" | "));
        }
    }
    let evaluation = eval::evaluate(&docs, &linked.links, &gold);
    print!("{}", eval::report(&evaluation));
    println!(
        "{} links, {} lineages, {} gold links",
        linked.links.len(),
        linked.lineages.len(),
        gold.len()
    );
    ExitCode::SUCCESS
}
