//! Measures the linker on the three seed documents against the gold links in
//! `fixtures/link/gold-seeds.tsv`: precision, recall and F1 per relation, and every wrong or missed link.
//!
//! `cargo run --release -p styrdok-eval --example link_eval` (add `--links` to print every link with its
//! evidence, `--near` for the 2024 → 2026 plan pairs scoring near the continuation threshold, `--candidates`
//! for each 2024 uppdrag's best three partners, `--pair "Nr 12" "Ber nr 5"` for one pair's words and
//! weights).

use std::process::ExitCode;
use styrdok::link::{link, LinkOptions};
use styrdok::pipeline::{extract_path, Options};
use styrdok_eval::link as eval;

const SEEDS: [&str; 3] = [
    "hsn-verksamhetsplan-2024-ocr.txt",
    "hsn-verksamhetsberattelse-2024.txt",
    "hsn-verksamhetsplan-2026.txt",
];

fn main() -> ExitCode {
    let root = styrdok_eval::fixtures();
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
                    let opts = LinkOptions::default();
                    (
                        opts.cosine_weight * e.weighted_similarity
                            + opts.overlap_weight * e.weighted_overlap
                            + (1.0 - opts.cosine_weight - opts.overlap_weight) * e.dice,
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
    // `--pair FROM TO`: every word of the 2024 plan's FROM and the 2026 plan's TO with its weight, and
    // the figures of their comparison.
    let args: Vec<String> = std::env::args().collect();
    if let Some(at) = args.iter().position(|a| a == "--pair") {
        use styrdok::link::{corpus::Corpus, score};
        let refs: Vec<&styrdok::model::Document> = docs.iter().collect();
        let corpus = Corpus::build(&refs);
        let find = |d: &styrdok::model::Document, k: Option<&String>| {
            d.uppdrag.iter().find(|u| Some(&u.key) == k).cloned()
        };
        if let (Some(ua), Some(ub)) = (
            find(&docs[0], args.get(at + 1)),
            find(&docs[2], args.get(at + 2)),
        ) {
            let (pa, pb) = (
                score::Prepared::new(&ua, &corpus),
                score::Prepared::new(&ub, &corpus),
            );
            for (u, p) in [(&ua, &pa), (&ub, &pb)] {
                println!("{}: {}", u.key, u.text);
                let words: Vec<String> = p
                    .tokens
                    .iter()
                    .map(|t| format!("{}={:.2}", t.key, corpus.idf(&t.key)))
                    .collect();
                println!("  {}", words.join(" "));
            }
            let e = score::compare(&pa, &pb, &ua, &ub, &corpus);
            println!("{}", serde_json::to_string(&e).unwrap_or_default());
        }
    }
    // `--near`: every 2024 plan → 2026 plan pair scoring within 0.15 of the continuation threshold,
    // marked `gold` when the gold has it and `linked` when the linker made it, to see the margins.
    if args.iter().any(|a| a == "--near") {
        use styrdok::link::{corpus::Corpus, score, Relation};
        let opts = LinkOptions::default();
        let refs: Vec<&styrdok::model::Document> = docs.iter().collect();
        let corpus = Corpus::build(&refs);
        let (a, b) = (&docs[0], &docs[2]);
        let prepared: Vec<_> = b
            .uppdrag
            .iter()
            .map(|u| score::Prepared::new(u, &corpus))
            .collect();
        let mut near = Vec::new();
        for ua in &a.uppdrag {
            let pa = score::Prepared::new(ua, &corpus);
            for (ub, pb) in b.uppdrag.iter().zip(&prepared) {
                let e = score::compare(&pa, pb, ua, ub, &corpus);
                let number = if e.number == score::NumberMatch::Same {
                    opts.cross_year_number_weight
                } else {
                    0.0
                };
                let s = opts.cosine_weight * e.weighted_similarity
                    + opts.overlap_weight * e.weighted_overlap
                    + (1.0 - opts.cosine_weight - opts.overlap_weight) * e.dice
                    + number;
                if s >= opts.continuation_threshold - 0.15 {
                    let is_gold = gold.iter().any(|g| {
                        g.relation == Relation::Continuation
                            && g.from_key == ua.key
                            && g.to_key == ub.key
                    });
                    let made = linked.links.iter().any(|l| {
                        l.relation == Relation::Continuation
                            && l.from.key == ua.key
                            && l.to.key == ub.key
                    });
                    near.push((
                        s,
                        ua.key.clone(),
                        ub.key.clone(),
                        is_gold,
                        made,
                        e.shared_rare_terms,
                    ));
                }
            }
        }
        near.sort_by(|x, y| y.0.total_cmp(&x.0));
        println!("continuation threshold {:.3}", opts.continuation_threshold);
        for (s, from, to, is_gold, made, shared) in near {
            println!(
                "{s:.3} {from:<6} -> {to:<8} {:<4} {:<6} {shared:?}",
                if is_gold { "gold" } else { "" },
                if made { "linked" } else { "" }
            );
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
