//! Measuring the linker against gold links written by reading the documents: precision, recall and F1
//! per relation, and the links it got wrong, so a change of method can be judged by figures.
//!
//! Gold files are tab-separated: `relation`, `from file`, `from key`, `to file`, `to key`, `why`. Files
//! are named by the base name of the document's source path, so the gold does not depend on ids. Lines
//! starting with `#` and blank lines are comments.

use std::collections::{BTreeMap, BTreeSet, HashMap};
use styrdok::link::{Link, Relation};
use styrdok::model::Document;

/// One link a person decided should exist.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldLink {
    pub relation: Relation,
    pub from_file: String,
    pub from_key: String,
    pub to_file: String,
    pub to_key: String,
    pub why: String,
}

#[derive(Debug, thiserror::Error, PartialEq, Eq)]
pub enum GoldError {
    #[error("line {line}: expected 6 tab-separated fields, found {found}")]
    Fields { line: usize, found: usize },
    #[error("line {line}: unknown relation {relation:?}")]
    Relation { line: usize, relation: String },
}

/// Parses a gold file.
pub fn parse_gold(text: &str) -> Result<Vec<GoldLink>, GoldError> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        let line_no = n + 1;
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 6 {
            return Err(GoldError::Fields {
                line: line_no,
                found: f.len(),
            });
        }
        let relation = Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == f[0])
            .ok_or_else(|| GoldError::Relation {
                line: line_no,
                relation: f[0].to_string(),
            })?;
        out.push(GoldLink {
            relation,
            from_file: f[1].into(),
            from_key: f[2].into(),
            to_file: f[3].into(),
            to_key: f[4].into(),
            why: f[5].into(),
        });
    }
    Ok(out)
}

/// Counts for one relation.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Counts {
    pub true_positives: usize,
    pub false_positives: usize,
    pub false_negatives: usize,
}

impl Counts {
    /// Precision; 1 when nothing was predicted (no wrong link was made).
    pub fn precision(&self) -> f64 {
        let predicted = self.true_positives + self.false_positives;
        if predicted == 0 {
            1.0
        } else {
            self.true_positives as f64 / predicted as f64
        }
    }
    /// Recall; 1 when the gold has no link of this relation.
    pub fn recall(&self) -> f64 {
        let gold = self.true_positives + self.false_negatives;
        if gold == 0 {
            1.0
        } else {
            self.true_positives as f64 / gold as f64
        }
    }
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Adds another set of counts (another document, another relation) to these.
    pub fn add(&mut self, other: Counts) {
        self.true_positives += other.true_positives;
        self.false_positives += other.false_positives;
        self.false_negatives += other.false_negatives;
    }
}

/// The linker's result measured against the gold.
#[derive(Clone, Debug, Default)]
pub struct Evaluation {
    pub per_relation: BTreeMap<Relation, Counts>,
    pub overall: Counts,
    /// Links made that the gold does not have, as `relation from-file from-key -> to-file to-key`.
    pub false_positives: Vec<String>,
    /// Gold links not made.
    pub false_negatives: Vec<String>,
}

type Key = (Relation, String, String, String, String);

fn describe(k: &Key) -> String {
    format!("{} {} {} -> {} {}", k.0.as_str(), k.1, k.2, k.3, k.4)
}

fn file_name(path: &str) -> String {
    path.rsplit(['/', '\\']).next().unwrap_or(path).to_string()
}

/// Compares the links to the gold, naming documents by the base name of their source path.
pub fn evaluate(docs: &[Document], links: &[Link], gold: &[GoldLink]) -> Evaluation {
    let names: HashMap<&str, String> = docs
        .iter()
        .map(|d| (d.id.as_str(), file_name(&d.source.path)))
        .collect();
    let name = |id: &str| names.get(id).cloned().unwrap_or_else(|| id.to_string());
    let made: BTreeSet<Key> = links
        .iter()
        .map(|l| {
            (
                l.relation,
                name(&l.from.document),
                l.from.key.clone(),
                name(&l.to.document),
                l.to.key.clone(),
            )
        })
        .collect();
    let wanted: BTreeSet<Key> = gold
        .iter()
        .map(|g| {
            (
                g.relation,
                g.from_file.clone(),
                g.from_key.clone(),
                g.to_file.clone(),
                g.to_key.clone(),
            )
        })
        .collect();
    let mut eval = Evaluation::default();
    for r in Relation::ALL {
        eval.per_relation.insert(r, Counts::default());
    }
    for k in made.union(&wanted) {
        let c = eval.per_relation.entry(k.0).or_default();
        match (made.contains(k), wanted.contains(k)) {
            (true, true) => c.true_positives += 1,
            (true, false) => {
                c.false_positives += 1;
                eval.false_positives.push(describe(k));
            }
            _ => {
                c.false_negatives += 1;
                eval.false_negatives.push(describe(k));
            }
        }
    }
    for c in eval.per_relation.values() {
        eval.overall.true_positives += c.true_positives;
        eval.overall.false_positives += c.false_positives;
        eval.overall.false_negatives += c.false_negatives;
    }
    eval
}

/// The evaluation as a small table for people.
pub fn report(eval: &Evaluation) -> String {
    let mut out = format!(
        "{:<16} {:>4} {:>4} {:>4} {:>9} {:>6} {:>6}\n",
        "relation", "tp", "fp", "fn", "precision", "recall", "f1"
    );
    let row = |name: &str, c: &Counts| {
        format!(
            "{:<16} {:>4} {:>4} {:>4} {:>9.3} {:>6.3} {:>6.3}\n",
            name,
            c.true_positives,
            c.false_positives,
            c.false_negatives,
            c.precision(),
            c.recall(),
            c.f1()
        )
    };
    for (r, c) in &eval.per_relation {
        out.push_str(&row(r.as_str(), c));
    }
    out.push_str(&row("all", &eval.overall));
    for fp in &eval.false_positives {
        out.push_str(&format!("false positive: {fp}\n"));
    }
    for fn_ in &eval.false_negatives {
        out.push_str(&format!("missed: {fn_}\n"));
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn gold_lines_parse_and_bad_ones_are_named() {
        let gold =
            parse_gold("# comment\n\nfollow_up\ta.txt\tNr 1\tb.txt\tNr 1\tsame words\n").unwrap();
        assert_eq!(gold.len(), 1);
        assert_eq!(gold[0].relation, Relation::FollowUp);
        assert_eq!(
            parse_gold("follow_up\ta\tb\n"),
            Err(GoldError::Fields { line: 1, found: 3 })
        );
        assert!(matches!(
            parse_gold("merge\ta\tb\tc\td\te\n"),
            Err(GoldError::Relation { line: 1, .. })
        ));
    }

    #[test]
    fn scores_follow_the_definitions() {
        let c = Counts {
            true_positives: 8,
            false_positives: 2,
            false_negatives: 0,
        };
        assert!((c.precision() - 0.8).abs() < 1e-9);
        assert!((c.recall() - 1.0).abs() < 1e-9);
        assert!((c.f1() - 16.0 / 18.0).abs() < 1e-9);
        assert_eq!(Counts::default().f1(), 1.0);
    }
}
