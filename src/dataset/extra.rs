//! The dataset's tables beyond uppdrag, links and cells: the documents, their goals and the links
//! between goals, every repair, the indicators (styrtal), the statuses with the words they were read
//! from (sub-items of a range included), and the near-miss candidate links. Each is a CSV file described in the data package and
//! a table of the same name and columns in `styrdok.sqlite`, filled from the same rows.

use super::columns::CsvTable;
use super::{name, opt};
use crate::link::{Candidate, GoalLink};
use crate::model::{Cell, Document, UppdragStatus};
use regex::Regex;
use std::sync::LazyLock;

fn table(path: &str, title: &str, spec: &[(&str, &'static str)], key: &[&str]) -> CsvTable {
    CsvTable {
        path: path.into(),
        title: title.into(),
        header: spec.iter().map(|(n, _)| n.to_string()).collect(),
        types: spec.iter().map(|(_, t)| *t).collect(),
        rows: vec![],
        primary_key: key.iter().map(|k| k.to_string()).collect(),
    }
}

/// The per-document tables, in the order they are written.
pub(super) fn document_tables() -> Vec<CsvTable> {
    vec![
        table(
            "documents.csv",
            "One row per document",
            &[
                ("document", "string"),
                ("source", "string"),
                ("sha256", "string"),
                ("format", "string"),
                ("bytes", "integer"),
                ("pages", "integer"),
                ("kind", "string"),
                ("year", "integer"),
                ("title", "string"),
                ("organisation", "string"),
                ("body", "string"),
                ("diarienummer", "string"),
                ("linked", "boolean"),
                ("uppdrag", "integer"),
                ("goals", "integer"),
                ("repairs_applied", "integer"),
                ("repairs_flagged", "integer"),
                ("ocr_words", "integer"),
            ],
            &["document"],
        ),
        table(
            "goals.csv",
            "The goals (målsättningar, effektmål) of each document",
            &[
                ("document", "string"),
                ("goal", "string"),
                ("key", "string"),
                ("label", "string"),
                ("number", "integer"),
                ("page", "integer"),
                ("text", "string"),
                ("text_raw", "string"),
                ("uppdrag", "integer"),
            ],
            &["document", "goal"],
        ),
        table(
            "repairs.csv",
            "Every change the repair stage made or proposed, next to the text as written",
            &[
                ("document", "string"),
                ("start", "integer"),
                ("end", "integer"),
                ("page", "integer"),
                ("original", "string"),
                ("replacement", "string"),
                ("rule", "string"),
                ("confidence", "number"),
                ("applied", "boolean"),
            ],
            &["document", "start"],
        ),
        table(
            "indicators.csv",
            "The indicators (styrtal) of the goals, with outcome and targets",
            &[
                ("document", "string"),
                ("indicator", "string"),
                ("goal", "string"),
                ("number", "string"),
                ("name", "string"),
                ("outcome", "string"),
                ("outcome_value", "number"),
                ("period", "string"),
                ("target", "string"),
                ("target_value", "number"),
                ("long_term_target", "string"),
                ("long_term_target_value", "number"),
                ("unit", "string"),
                ("comment", "string"),
                ("page", "integer"),
            ],
            &["document", "indicator"],
        ),
        table(
            "statuses.csv",
            "The status a report states for an uppdrag, and for the sub-items a range's comment names, with the words it was read from",
            &[
                ("document", "string"),
                ("uppdrag", "string"),
                ("key", "string"),
                ("item", "string"),
                ("status", "string"),
                ("evidence", "string"),
                ("source", "string"),
            ],
            &["document", "uppdrag", "item"],
        ),
    ]
}

/// The rows of each of [`document_tables`] for one document, in the same order.
pub(super) fn document_rows(doc: &Document) -> Vec<Vec<Vec<String>>> {
    let made = doc.repairs.iter().filter(|r| r.applied).count();
    let m = &doc.metadata;
    let documents = vec![vec![
        doc.id.clone(),
        doc.source.path.clone(),
        doc.source.sha256.clone(),
        doc.source.format.as_str().into(),
        doc.source.bytes.to_string(),
        doc.pages.len().to_string(),
        m.kind.map(|k| name(&k)).unwrap_or_default(),
        opt(&m.year),
        opt(&m.title),
        opt(&m.organisation),
        opt(&m.body),
        opt(&m.diarienummer),
        crate::link::placeable(doc).to_string(),
        doc.uppdrag.len().to_string(),
        doc.goals.len().to_string(),
        made.to_string(),
        (doc.repairs.len() - made).to_string(),
        doc.ocr_words.len().to_string(),
    ]];
    let goals = doc
        .goals
        .iter()
        .map(|g| {
            vec![
                doc.id.clone(),
                g.id.clone(),
                g.key.clone(),
                g.label.clone(),
                opt(&g.number),
                opt(&g.prov.page),
                g.text.clone(),
                g.text_raw.clone(),
                doc.uppdrag
                    .iter()
                    .filter(|u| u.goal.as_deref() == Some(g.key.as_str()))
                    .count()
                    .to_string(),
            ]
        })
        .collect();
    // One row per position: a repair proposed twice at one place keeps its first.
    let mut starts = std::collections::HashSet::new();
    let repairs = doc
        .repairs
        .iter()
        .filter(|r| starts.insert(r.span.start))
        .map(|r| {
            vec![
                doc.id.clone(),
                r.span.start.to_string(),
                r.span.end.to_string(),
                opt(&doc.page_at(r.span.start)),
                r.original.clone(),
                r.replacement.clone(),
                r.rule.clone(),
                format!("{:.3}", r.confidence),
                r.applied.to_string(),
            ]
        })
        .collect();
    let text = |c: &Option<Cell>| c.as_ref().map(|c| c.text.clone()).unwrap_or_default();
    let value = |c: &Option<Cell>| {
        c.as_ref()
            .and_then(|c| c.quantity.as_ref())
            .map(|q| opt(&q.value))
            .unwrap_or_default()
    };
    let mut ids = std::collections::HashSet::new();
    let indicators = doc
        .indicators
        .iter()
        .filter(|i| ids.insert(i.id.clone()))
        .map(|i| {
            let unit = [&i.outcome, &i.target, &i.long_term_target]
                .into_iter()
                .find_map(|c| c.as_ref().and_then(|c| c.quantity.as_ref()?.unit.clone()))
                .unwrap_or_default();
            vec![
                doc.id.clone(),
                i.id.clone(),
                opt(&i.goal),
                opt(&i.number),
                i.name.clone(),
                text(&i.outcome),
                value(&i.outcome),
                opt(&i.period),
                text(&i.target),
                value(&i.target),
                text(&i.long_term_target),
                value(&i.long_term_target),
                unit,
                opt(&i.comment),
                opt(&i.prov.page),
            ]
        })
        .collect();
    vec![documents, goals, repairs, indicators, statuses(doc)]
}

/// Sub-items named in a range's comment: `3b`, `7 d`.
static SUB_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\d{1,3}) ?([a-h])\b").expect("valid regex"));
/// Words saying that what a sentence names was presented or decided: done, for an uppdrag to bring
/// something for decision ("är presenterade och beslutade").
static DECIDED: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(är|har\s+(blivit|varit)?)\s*(presenterade?\s+och\s+)?(beslutade?|beslutats|fastställ[dt]a?|antagna?)\b")
        .expect("valid regex")
});
static PARENTHESES: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\([^()]*\)").expect("valid regex"));

/// The statuses of a document: each uppdrag's, with the words of its comment it was read from, and
/// for a range (`Nr 3-8`) each sub-item its comment names in a sentence that states a status ("3b,
/// 4b, 5a och 7 d är presenterade och beslutade").
fn statuses(doc: &Document) -> Vec<Vec<String>> {
    let mut out = Vec::new();
    for u in &doc.uppdrag {
        let Some(comment) = &u.comment else { continue };
        if let Some(status) = u.status {
            let evidence = crate::detect::status::status_evidence(comment)
                .filter(|(s, _)| *s == status)
                .map(|(_, phrase)| phrase)
                .unwrap_or_default();
            out.push(vec![
                doc.id.clone(),
                u.id.clone(),
                u.key.clone(),
                u.key.clone(),
                name(&status),
                evidence,
                "comment".into(),
            ]);
        }
        let Some(end) = u.number_end else { continue };
        let mut seen = std::collections::HashSet::new();
        for sentence in comment.split_inclusive(['.', '!', '?']) {
            // Explanations in parentheses may hold numbers and letters of their own.
            let plain = PARENTHESES.replace_all(sentence, " ");
            let stated = crate::detect::status::status_evidence(&plain).or_else(|| {
                DECIDED
                    .find(&plain)
                    .map(|m| (UppdragStatus::Completed, m.as_str().to_string()))
            });
            let Some((status, evidence)) = stated else {
                continue;
            };
            for c in SUB_ITEM.captures_iter(&plain) {
                let (Some(n), Some(letter)) = (c.get(1), c.get(2)) else {
                    continue;
                };
                let Ok(number) = n.as_str().parse::<u32>() else {
                    continue;
                };
                if number < u.number || number > end {
                    continue;
                }
                let item = format!(
                    "{}{number}{}",
                    if u.series.is_empty() {
                        "Nr ".to_string()
                    } else {
                        format!("{} nr ", u.series)
                    },
                    letter.as_str()
                );
                if !seen.insert(item.clone()) {
                    continue;
                }
                out.push(vec![
                    doc.id.clone(),
                    u.id.clone(),
                    u.key.clone(),
                    item,
                    name(&status),
                    crate::model::collapse_whitespace(&evidence),
                    "range_comment".into(),
                ]);
            }
        }
    }
    out
}

/// `candidates.csv`: the near misses, flattened like `links.csv`.
pub(super) fn candidates_table() -> CsvTable {
    let mut t = super::columns::links_csv();
    t.path = "candidates.csv".into();
    t.title = "Pairs of uppdrag compared and not linked that came near the threshold".into();
    for (n, ty) in [
        ("threshold", "number"),
        ("margin", "number"),
        ("reason", "string"),
    ] {
        t.header.push(n.into());
        t.types.push(ty);
    }
    t
}

pub(super) fn candidate_row(c: &Candidate) -> Vec<String> {
    let as_link = crate::link::Link {
        from: c.from.clone(),
        to: c.to.clone(),
        relation: c.relation,
        score: c.score,
        evidence: c.evidence.clone(),
    };
    let mut row = super::columns::links_csv_row(&as_link);
    row.extend([
        c.threshold.to_string(),
        c.margin.to_string(),
        c.reason.clone(),
    ]);
    row
}

/// `goal_links.csv`: the links between goals, flattened like `links.csv` with a goal at each end.
pub(super) fn goal_links_table() -> CsvTable {
    let mut t = super::columns::links_csv();
    t.path = "goal_links.csv".into();
    t.title = "Links between goals (målsättningar, effektmål): plan to report, year to year".into();
    for h in &mut t.header {
        if let Some(side) = h.strip_suffix("_uppdrag") {
            *h = format!("{side}_goal");
        }
    }
    t
}

pub(super) fn goal_link_row(l: &GoalLink) -> Vec<String> {
    let end = |e: &crate::link::GoalEndpoint| crate::link::Endpoint {
        document: e.document.clone(),
        year: e.year,
        kind: e.kind,
        key: e.key.clone(),
        uppdrag: e.goal.clone(),
    };
    super::columns::links_csv_row(&crate::link::Link {
        from: end(&l.from),
        to: end(&l.to),
        relation: l.relation,
        score: l.score,
        evidence: l.evidence.clone(),
    })
}
