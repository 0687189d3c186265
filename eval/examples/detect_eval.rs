//! Measures detection and linking beyond the seeds' board: precision and recall of uppdrag, goals and
//! indicators per profile on the invented municipality's plans and reports (`fixtures/general/`, DOCX and
//! PDF), split into the development years 2023-2024 and the held-out year 2025; false uppdrag and goals on
//! the negative documents and on `fixtures/real/`; the seeds under each profile; and linking F1 on the
//! invented years, with thresholds chosen on the development links and reported on the held-out ones,
//! next to the seed figures.
//!
//! `cargo run --release -p styrdok-eval --example detect_eval` (add `--errors` to list every miss and wrong
//! attribute).

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use styrdok::detect::{DetectOptions, Profile};
use styrdok::link::{link, LinkOptions, Relation};
use styrdok::model::Document;
use styrdok::pipeline::{extract_path, Options};
use styrdok_eval::detect::{self as eval, Counts, GoldDocument, Score};

const YEARS: [i32; 3] = [2023, 2024, 2025];
const NEGATIVES: [&str; 3] = [
    "negative-foreskrifter",
    "negative-foredragningslista",
    "negative-dom",
];
const SEEDS: [&str; 3] = [
    "hsn-verksamhetsplan-2024-ocr.txt",
    "hsn-verksamhetsberattelse-2024.txt",
    "hsn-verksamhetsplan-2026.txt",
];

fn options(profile: &Profile) -> Options {
    let mut opts = Options {
        detect: DetectOptions::with_profile(profile.clone()),
        ..Options::default()
    };
    opts.tables.indicator_columns = profile.indicator_table.clone();
    opts
}

fn extract(path: &Path, opts: &Options) -> Result<Document, String> {
    extract_path(path, opts).map_err(|e| format!("{}: {e}", path.display()))
}

fn stems(year: i32) -> [String; 2] {
    [
        format!("alvmora-bun-verksamhetsplan-{year}"),
        format!("alvmora-bun-verksamhetsberattelse-{year}"),
    ]
}

fn gold(root: &Path, stem: &str) -> Result<GoldDocument, String> {
    let path = root.join("gold").join(format!("{stem}.json"));
    let text = std::fs::read_to_string(&path).map_err(|e| format!("{}: {e}", path.display()))?;
    serde_json::from_str(&text).map_err(|e| format!("{}: {e}", path.display()))
}

fn row(label: &str, c: &Counts) {
    println!(
        "  {label:<12} {:>4} {:>4} {:>4}   P {:.3}  R {:.3}  F1 {:.3}",
        c.true_positives,
        c.false_positives,
        c.false_negatives,
        c.precision(),
        c.recall(),
        c.f1()
    );
}

fn print_score(title: &str, s: &Score) {
    println!(" {title}                 tp   fp   fn");
    row("uppdrag", &s.uppdrag);
    row("goals", &s.goals);
    row("indicators", &s.indicators);
    let attrs: Vec<String> = s
        .attributes
        .iter()
        .map(|(k, a)| format!("{k} {}/{}", a.right, a.compared))
        .collect();
    println!("  attributes of matched items: {}", attrs.join(", "));
}

fn run() -> Result<(), String> {
    let show_errors = std::env::args().any(|a| a == "--errors");
    let fixtures = styrdok_eval::fixtures();
    let general_dir = fixtures.join("general");
    let profiles = [Profile::general(), Profile::orebro()];

    println!("== Detection on fixtures/general (DOCX and PDF of each document)");
    let mut docs_general: BTreeMap<(String, &str), Document> = BTreeMap::new();
    for profile in &profiles {
        let opts = options(profile);
        let mut parts = [
            ("development 2023-2024", Score::default()),
            ("held-out 2025", Score::default()),
        ];
        for year in YEARS {
            for stem in stems(year) {
                let want = gold(&general_dir, &stem)?;
                for ext in ["docx", "pdf"] {
                    let doc = extract(&general_dir.join(format!("{stem}.{ext}")), &opts)?;
                    let s = eval::score(&format!("{stem}.{ext}"), &doc, &want);
                    parts[usize::from(year == 2025)].1.add(&s);
                    if profile.name == "general" {
                        docs_general.insert((stem.clone(), ext), doc);
                    }
                }
            }
        }
        println!("profile {}", profile.name);
        for (title, s) in &parts {
            print_score(title, s);
            if show_errors {
                for e in &s.errors {
                    println!("    {e}");
                }
            }
        }
    }

    println!();
    println!("== Negatives: uppdrag and goals found where there are none");
    let mut real: Vec<PathBuf> = std::fs::read_dir(fixtures.join("real"))
        .map_err(|e| e.to_string())?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "pdf" || x == "docx"))
        .collect();
    real.sort();
    for profile in &profiles {
        let opts = options(profile);
        let (mut uppdrag, mut goals, mut files) = (0, 0, 0);
        for stem in NEGATIVES {
            for ext in ["docx", "pdf"] {
                let doc = extract(&general_dir.join(format!("{stem}.{ext}")), &opts)?;
                uppdrag += doc.uppdrag.len();
                goals += doc.goals.len();
                files += 1;
            }
        }
        let (mut real_uppdrag, mut real_goals, mut real_files, mut unreadable) = (0, 0, 0, 0);
        for path in &real {
            // A file the reader rejects (a broken cross-reference table) has nothing to detect.
            let Ok(doc) = extract(path, &opts) else {
                unreadable += 1;
                continue;
            };
            real_uppdrag += doc.uppdrag.len();
            real_goals += doc.goals.len();
            real_files += 1;
            if show_errors {
                for u in &doc.uppdrag {
                    println!("    {}: uppdrag {} {:?}", path.display(), u.key, u.text);
                }
                for g in &doc.goals {
                    println!("    {}: goal {} {:?}", path.display(), g.key, g.text);
                }
            }
        }
        println!(
            "profile {:<18} negatives ({files} files): {uppdrag} uppdrag, {goals} goals; fixtures/real ({real_files} files read, {unreadable} unreadable): {real_uppdrag} uppdrag, {real_goals} goals",
            profile.name
        );
    }

    println!();
    println!("== Seeds under each profile (uppdrag, goals, indicators)");
    let mut seed_docs = Vec::new();
    for profile in &profiles {
        let opts = options(profile);
        let mut cells = Vec::new();
        let mut docs = Vec::new();
        for seed in SEEDS {
            let doc = extract(&fixtures.join("seeds").join(seed), &opts)?;
            cells.push(format!(
                "{seed}: {}/{}/{}",
                doc.uppdrag.len(),
                doc.goals.len(),
                doc.indicators.len()
            ));
            docs.push(doc);
        }
        println!("profile {:<18} {}", profile.name, cells.join("  "));
        seed_docs.push(docs);
    }
    let same = seed_docs[0]
        .iter()
        .zip(&seed_docs[1])
        .all(|(a, b)| a.uppdrag == b.uppdrag && a.goals == b.goals && a.indicators == b.indicators);
    println!("general and region-orebro-hsn give identical uppdrag, goals and indicators on the seeds: {same}");

    println!();
    println!("== Linking on the invented years (profile general); development = links into 2023-2024, held-out = into 2025");
    let gold_links = eval::parse_text_links(
        &std::fs::read_to_string(general_dir.join("gold-links.tsv")).map_err(|e| e.to_string())?,
    )?;
    let is_dev = |to: &str| !to.ends_with("2025");
    let is_held_out = |to: &str| to.ends_with("2025");
    let thresholds: Vec<f64> = (0..=8).map(|k| 0.25 + 0.05 * k as f64).collect();
    let mut chosen_docx = None;
    for ext in ["docx", "pdf"] {
        let docs: Vec<Document> = docs_general
            .iter()
            .filter(|((_, e), _)| *e == ext)
            .map(|(_, d)| d.clone())
            .collect();
        let names: BTreeMap<String, String> = docs_general
            .iter()
            .filter(|((_, e), _)| *e == ext)
            .map(|((stem, _), d)| (d.id.clone(), stem.clone()))
            .collect();
        let measure = |opts: &LinkOptions, keep: &dyn Fn(&str) -> bool| {
            let linked = link(&docs, opts);
            eval::score_links(&docs, &names, &linked.links, &gold_links, keep)
        };
        let defaults = LinkOptions::default();
        // Thresholds chosen on the development links: the best F1 of each relation, the default on a tie.
        let mut chosen = defaults.clone();
        for relation in [Relation::FollowUp, Relation::Continuation] {
            let mut best: Option<(f64, f64)> = None;
            for &t in &thresholds {
                let mut o = defaults.clone();
                match relation {
                    Relation::FollowUp => o.follow_up_threshold = t,
                    _ => o.continuation_threshold = t,
                }
                let f1 = measure(&o, &is_dev)
                    .0
                    .get(&relation)
                    .copied()
                    .unwrap_or_default()
                    .f1();
                let default_t = match relation {
                    Relation::FollowUp => defaults.follow_up_threshold,
                    _ => defaults.continuation_threshold,
                };
                let better = match best {
                    None => true,
                    Some((bf, bt)) => {
                        f1 > bf + 1e-9
                            || ((f1 - bf).abs() < 1e-9
                                && (t - default_t).abs() < (bt - default_t).abs())
                    }
                };
                if better {
                    best = Some((f1, t));
                }
            }
            if let Some((_, t)) = best {
                match relation {
                    Relation::FollowUp => chosen.follow_up_threshold = t,
                    _ => chosen.continuation_threshold = t,
                }
            }
        }
        println!(
            "{ext}: thresholds default follow_up {:.2} continuation {:.2}; chosen on development {:.2} / {:.2}",
            defaults.follow_up_threshold,
            defaults.continuation_threshold,
            chosen.follow_up_threshold,
            chosen.continuation_threshold
        );
        if ext == "docx" {
            chosen_docx = Some(chosen.clone());
        }
        for (label, opts) in [("default", &defaults), ("chosen", &chosen)] {
            for (part, keep) in [
                ("development", &is_dev as &dyn Fn(&str) -> bool),
                ("held-out", &is_held_out),
            ] {
                let (counts, errors) = measure(opts, keep);
                let mut all = Counts::default();
                let cells: Vec<String> = [Relation::FollowUp, Relation::Continuation]
                    .iter()
                    .map(|r| {
                        let c = counts.get(r).copied().unwrap_or_default();
                        all.add(c);
                        format!(
                            "{} {}/{}/{} F1 {:.3}",
                            r.as_str(),
                            c.true_positives,
                            c.false_positives,
                            c.false_negatives,
                            c.f1()
                        )
                    })
                    .collect();
                let wrong_other: usize = counts
                    .iter()
                    .filter(|(r, _)| !matches!(r, Relation::FollowUp | Relation::Continuation))
                    .map(|(_, c)| c.false_positives)
                    .sum();
                println!(
                    "  {label:<8} {part:<12} {}  (tp/fp/fn)  all F1 {:.3}{}",
                    cells.join("  "),
                    all.f1(),
                    if wrong_other > 0 {
                        format!("  + {wrong_other} links of other relations")
                    } else {
                        String::new()
                    }
                );
                if show_errors && label == "chosen" {
                    for e in errors {
                        println!("    {e}");
                    }
                }
            }
        }
    }

    println!();
    println!("== Seed linking (fixtures/link/gold-seeds.tsv, default thresholds, profile general)");
    let seed_gold = styrdok_eval::link::parse_gold(
        &std::fs::read_to_string(fixtures.join("link").join("gold-seeds.tsv"))
            .map_err(|e| e.to_string())?,
    )
    .map_err(|e| e.to_string())?;
    let linked = link(&seed_docs[0], &LinkOptions::default());
    let evaluation = styrdok_eval::link::evaluate(&seed_docs[0], &linked.links, &seed_gold);
    print!("{}", styrdok_eval::link::report(&evaluation));
    if let Some(chosen) = chosen_docx {
        println!(
            "the same seeds with the thresholds chosen on the invented development years ({:.2} / {:.2}):",
            chosen.follow_up_threshold, chosen.continuation_threshold
        );
        let linked = link(&seed_docs[0], &chosen);
        let evaluation = styrdok_eval::link::evaluate(&seed_docs[0], &linked.links, &seed_gold);
        print!("{}", styrdok_eval::link::report(&evaluation));
    }
    Ok(())
}

fn main() -> ExitCode {
    match run() {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {e}");
            ExitCode::from(1)
        }
    }
}
