//! Measuring detection against gold written by reading the documents (`fixtures/general/gold/*.json`):
//! precision and recall of uppdrag, goals and indicators, and how often a found item's key, issuer,
//! recipient, status, target and outcome are right; and linking against gold links that name uppdrag by
//! the start of their text (unnumbered uppdrag have no key a person could write down).

use serde::Deserialize;
use std::collections::BTreeMap;
use styrdok::link::{Link, Relation};
use styrdok::model::{Cell, Document, UppdragStatus};

/// What a reader finds in one document.
#[derive(Clone, Debug, Default, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldDocument {
    pub uppdrag: Vec<GoldUppdrag>,
    pub goals: Vec<GoldGoal>,
    pub indicators: Vec<GoldIndicator>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldUppdrag {
    /// The key as the document numbers it; `None` for an unnumbered uppdrag.
    pub key: Option<String>,
    /// The start of the text.
    pub text: String,
    pub issuer: Option<String>,
    pub recipient: Option<String>,
    pub status: Option<UppdragStatus>,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldGoal {
    pub key: String,
    pub text: String,
}

#[derive(Clone, Debug, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct GoldIndicator {
    pub name: String,
    pub goal: Option<String>,
    pub outcome: Option<String>,
    pub target: Option<String>,
}

/// Found, wanted and both: the counts the linking evaluation keeps per relation.
pub use crate::link::Counts;

/// Right and compared, for an attribute of matched items.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Agreement {
    pub right: usize,
    pub compared: usize,
}

impl Agreement {
    fn note(&mut self, right: bool) {
        self.compared += 1;
        self.right += usize::from(right);
    }
    pub fn share(&self) -> f64 {
        if self.compared == 0 {
            1.0
        } else {
            self.right as f64 / self.compared as f64
        }
    }
}

/// The score of one or more documents.
#[derive(Clone, Debug, Default)]
pub struct Score {
    pub uppdrag: Counts,
    pub goals: Counts,
    pub indicators: Counts,
    /// Attributes of matched items, by name (`key`, `issuer`, `recipient`, `status`, `target`, …).
    pub attributes: BTreeMap<&'static str, Agreement>,
    /// What went wrong, one line each.
    pub errors: Vec<String>,
}

impl Score {
    pub fn add(&mut self, other: &Score) {
        self.uppdrag.add(other.uppdrag);
        self.goals.add(other.goals);
        self.indicators.add(other.indicators);
        for (k, a) in &other.attributes {
            let e = self.attributes.entry(k).or_default();
            e.right += a.right;
            e.compared += a.compared;
        }
        self.errors.extend(other.errors.iter().cloned());
    }
}

/// Letters and digits in lower case, without a leading "att": how texts are compared.
pub fn text_key(text: &str) -> String {
    let folded: String = text
        .chars()
        .filter(|c| c.is_alphanumeric())
        .flat_map(char::to_lowercase)
        .collect();
    folded.strip_prefix("att").unwrap_or(&folded).to_string()
}

/// Whether a found text starts with the gold's text start.
pub fn text_matches(found: &str, gold_start: &str) -> bool {
    let (f, g) = (text_key(found), text_key(gold_start));
    !g.is_empty() && f.starts_with(&g)
}

fn same(found: Option<&str>, gold: Option<&str>) -> bool {
    match (found, gold) {
        (None, None) => true,
        (Some(f), Some(g)) => text_key(f) == text_key(g),
        _ => false,
    }
}

/// Pairs each gold item with the first unpaired found item it matches; returns the pairs and the
/// unpaired found items.
fn pair<F, G>(
    found: &[F],
    gold: &[G],
    matches: impl Fn(&F, &G) -> bool,
) -> (Vec<(usize, usize)>, Vec<usize>, Vec<usize>) {
    let mut used = vec![false; found.len()];
    let mut pairs = Vec::new();
    let mut missed = Vec::new();
    for (g, item) in gold.iter().enumerate() {
        match (0..found.len()).find(|&f| !used[f] && matches(&found[f], item)) {
            Some(f) => {
                used[f] = true;
                pairs.push((f, g));
            }
            None => missed.push(g),
        }
    }
    let extra = (0..found.len()).filter(|&f| !used[f]).collect();
    (pairs, missed, extra)
}

/// Scores one document against its gold; `name` labels the errors.
pub fn score(name: &str, doc: &Document, gold: &GoldDocument) -> Score {
    let mut s = Score::default();
    let (pairs, missed, extra) = pair(&doc.uppdrag, &gold.uppdrag, |u, g| {
        text_matches(&u.text, &g.text)
    });
    s.uppdrag = Counts {
        true_positives: pairs.len(),
        false_positives: extra.len(),
        false_negatives: missed.len(),
    };
    for &m in &missed {
        s.errors
            .push(format!("{name}: missed uppdrag {:?}", gold.uppdrag[m].text));
    }
    for &e in &extra {
        s.errors.push(format!(
            "{name}: false uppdrag {} {:?}",
            doc.uppdrag[e].key, doc.uppdrag[e].text
        ));
    }
    for &(f, g) in &pairs {
        let (u, want) = (&doc.uppdrag[f], &gold.uppdrag[g]);
        let attrs = [
            (
                "key",
                match &want.key {
                    Some(k) => u.key == *k && u.key_basis.is_none(),
                    None => u.key_basis.is_some(),
                },
                format!("{:?}/{:?}", u.key, want.key),
            ),
            (
                "issuer",
                same(u.issuer.as_deref(), want.issuer.as_deref()),
                format!("{:?}/{:?}", u.issuer, want.issuer),
            ),
            (
                "recipient",
                same(u.recipient.as_deref(), want.recipient.as_deref()),
                format!("{:?}/{:?}", u.recipient, want.recipient),
            ),
            (
                "status",
                u.status == want.status,
                format!("{:?}/{:?}", u.status, want.status),
            ),
        ];
        for (attr, right, shown) in attrs {
            s.attributes.entry(attr).or_default().note(right);
            if !right {
                s.errors.push(format!(
                    "{name}: uppdrag {:?}: {attr} found/gold {shown}",
                    want.text
                ));
            }
        }
    }
    let (pairs, missed, extra) = pair(&doc.goals, &gold.goals, |f, g| {
        f.key == g.key && text_matches(&f.text, &g.text)
    });
    s.goals = Counts {
        true_positives: pairs.len(),
        false_positives: extra.len(),
        false_negatives: missed.len(),
    };
    for &m in &missed {
        s.errors
            .push(format!("{name}: missed goal {}", gold.goals[m].key));
    }
    for &e in &extra {
        s.errors.push(format!(
            "{name}: false goal {} {:?}",
            doc.goals[e].key, doc.goals[e].text
        ));
    }
    let (pairs, missed, extra) = pair(&doc.indicators, &gold.indicators, |f, g| {
        text_matches(&f.name, &g.name)
    });
    s.indicators = Counts {
        true_positives: pairs.len(),
        false_positives: extra.len(),
        false_negatives: missed.len(),
    };
    for &m in &missed {
        s.errors.push(format!(
            "{name}: missed indicator {:?}",
            gold.indicators[m].name
        ));
    }
    for &e in &extra {
        s.errors.push(format!(
            "{name}: false indicator {:?}",
            doc.indicators[e].name
        ));
    }
    for &(f, g) in &pairs {
        let (i, want) = (&doc.indicators[f], &gold.indicators[g]);
        let cell = |c: &Option<Cell>| c.as_ref().map(|c| c.text.clone());
        for (attr, found, wanted) in [
            ("indicator goal", i.goal.clone(), want.goal.clone()),
            ("outcome", cell(&i.outcome), want.outcome.clone()),
            ("target", cell(&i.target), want.target.clone()),
        ] {
            let right = same(found.as_deref(), wanted.as_deref());
            s.attributes.entry(attr).or_default().note(right);
            if !right {
                s.errors.push(format!(
                    "{name}: indicator {:?}: {attr} found/gold {found:?}/{wanted:?}",
                    want.name
                ));
            }
        }
    }
    s
}

/// A gold link between uppdrag named by document and text start.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct GoldTextLink {
    pub relation: Relation,
    pub from_document: String,
    pub from_text: String,
    pub to_document: String,
    pub to_text: String,
}

/// Parses a gold link file: tab-separated relation, from document, from text, to document, to text,
/// why; `#` lines are comments. Errors name the line.
pub fn parse_text_links(text: &str) -> Result<Vec<GoldTextLink>, String> {
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.trim().is_empty() || line.starts_with('#') {
            continue;
        }
        let f: Vec<&str> = line.split('\t').map(str::trim).collect();
        if f.len() != 6 {
            return Err(format!(
                "line {}: expected 6 fields, found {}",
                n + 1,
                f.len()
            ));
        }
        let relation = Relation::ALL
            .into_iter()
            .find(|r| r.as_str() == f[0])
            .ok_or_else(|| format!("line {}: unknown relation {:?}", n + 1, f[0]))?;
        out.push(GoldTextLink {
            relation,
            from_document: f[1].into(),
            from_text: f[2].into(),
            to_document: f[3].into(),
            to_text: f[4].into(),
        });
    }
    Ok(out)
}

/// Compares links with gold text links. `names` gives each document's name (by document id) as the gold
/// writes it; only links and gold links for which `keep` says yes (given the `to` document name) count.
pub fn score_links(
    docs: &[Document],
    names: &BTreeMap<String, String>,
    links: &[Link],
    gold: &[GoldTextLink],
    keep: impl Fn(&str) -> bool,
) -> (BTreeMap<Relation, Counts>, Vec<String>) {
    let text_of = |doc: &str, uppdrag: &str| {
        docs.iter()
            .filter(|d| d.id == doc)
            .flat_map(|d| d.uppdrag.iter())
            .find(|u| u.id == uppdrag)
            .map(|u| u.text.clone())
            .unwrap_or_default()
    };
    let name = |id: &str| names.get(id).cloned().unwrap_or_default();
    let mut counts: BTreeMap<Relation, Counts> = BTreeMap::new();
    let mut errors = Vec::new();
    let mut matched = vec![false; gold.len()];
    for l in links {
        let (from, to) = (name(&l.from.document), name(&l.to.document));
        if !keep(&to) {
            continue;
        }
        let (ft, tt) = (
            text_of(&l.from.document, &l.from.uppdrag),
            text_of(&l.to.document, &l.to.uppdrag),
        );
        let hit = gold.iter().position(|g| {
            g.relation == l.relation
                && g.from_document == from
                && g.to_document == to
                && text_matches(&ft, &g.from_text)
                && text_matches(&tt, &g.to_text)
        });
        let c = counts.entry(l.relation).or_default();
        match hit {
            Some(k) if !matched[k] => {
                matched[k] = true;
                c.true_positives += 1;
            }
            _ => {
                c.false_positives += 1;
                errors.push(format!(
                    "wrong {} {from} {:?} -> {to} {:?} ({:.3})",
                    l.relation.as_str(),
                    ft,
                    tt,
                    l.score
                ));
            }
        }
    }
    for (g, m) in gold.iter().zip(&matched) {
        if !m && keep(&g.to_document) {
            counts.entry(g.relation).or_default().false_negatives += 1;
            errors.push(format!(
                "missed {} {} {:?} -> {} {:?}",
                g.relation.as_str(),
                g.from_document,
                g.from_text,
                g.to_document,
                g.to_text
            ));
        }
    }
    (counts, errors)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn texts_compare_by_letters() {
        assert!(text_matches("att följa upp planen.", "Följa upp"));
        assert!(text_matches(
            "Fortsätta minska energianvändnin gen i",
            "Fortsätta minska energianvändningen"
        ));
        assert!(!text_matches("Följa", "Följa upp"));
        assert!(!text_matches("Följa upp", ""));
    }

    #[test]
    fn counts() {
        let c = Counts {
            true_positives: 9,
            false_positives: 1,
            false_negatives: 0,
        };
        assert!((c.precision() - 0.9).abs() < 1e-9);
        assert_eq!(c.recall(), 1.0);
    }
}
