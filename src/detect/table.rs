//! Uppdrag in tables: a table whose header has a column the profile calls "Uppdrag" and one it calls
//! "Ansvarig" holds one uppdrag per row, its recipient in the second column and, in reports, its
//! follow-up in a "Status" or "Kommentar" column. The table's text is not in the document text, so an
//! uppdrag's provenance is the table's place and the cell (`prov.cell`).

use super::lines::{self, Rules};
use super::status::status_of;
use crate::model::Document;
use crate::model::Span;
use crate::model::{collapse_whitespace, CellRef, Goal, KeyBasis, Provenance, Table, Uppdrag};

/// Columns of an uppdrag table.
struct Columns {
    uppdrag: usize,
    responsible: usize,
    number: Option<usize>,
    follow_up: Vec<usize>,
}

fn header_cells(table: &Table) -> Vec<String> {
    table
        .header
        .last()
        .or(table.rows.first())
        .map(|r| r.iter().map(|c| collapse_whitespace(&c.text)).collect())
        .unwrap_or_default()
}

fn columns(rules: &Rules, table: &Table) -> Option<Columns> {
    let t = &rules.profile.uppdrag_table;
    if t.uppdrag.is_empty() || t.responsible.is_empty() {
        return None;
    }
    let head = header_cells(table);
    let [uppdrag, responsible, number, follow_up] = &rules.table_columns;
    let find =
        |names: &super::profile::PhraseSet| head.iter().position(|h| names.which(h).is_some());
    Some(Columns {
        uppdrag: find(uppdrag)?,
        responsible: find(responsible)?,
        number: find(number),
        follow_up: head
            .iter()
            .enumerate()
            .filter(|(_, h)| follow_up.which(h).is_some())
            .map(|(k, _)| k)
            .collect(),
    })
}

/// Every uppdrag of every uppdrag table. Unnumbered rows get `key_basis` set and a key the caller
/// makes; `goals` gives the goal each table stands under (the last before it).
pub fn scan(doc: &Document, rules: &Rules, goals: &[Goal]) -> Vec<Uppdrag> {
    let mut out = Vec::new();
    for (t, table) in doc.tables.iter().enumerate() {
        let Some(cols) = columns(rules, table) else {
            continue;
        };
        let body_from = usize::from(table.header.is_empty());
        let at = anchor(doc, table);
        // The goal above the table, unless a heading stands between them.
        let goal = goals
            .iter()
            .rev()
            .find(|g| g.prov.span.start <= at)
            .filter(|g| {
                !doc.blocks.iter().any(|b| {
                    b.kind == crate::model::BlockKind::Heading
                        && g.prov.span.start < b.prov.span.start
                        && b.prov.span.start < at
                })
            })
            .map(|g| g.key.clone());
        let first_of_table = out.len();
        for (r, row) in table.rows.iter().enumerate().skip(body_from) {
            let cell = |k: usize| {
                row.get(k)
                    .map(|c| collapse_whitespace(&c.text))
                    .filter(|s| !s.is_empty())
            };
            let Some(text) = cell(cols.uppdrag) else {
                continue;
            };
            let number_cell = cols.number.and_then(cell);
            // A row with text only in the uppdrag column continues the row above: PDF tables can
            // break a cell of several lines into rows.
            if number_cell.is_none()
                && cell(cols.responsible).is_none()
                && out.len() > first_of_table
            {
                if let Some(prev) = out.last_mut() {
                    let joined: &mut Uppdrag = prev;
                    joined.text = format!("{} {text}", joined.text);
                    joined.text_raw = format!("{} {text}", joined.text_raw);
                    let follow: Vec<String> =
                        cols.follow_up.iter().filter_map(|&k| cell(k)).collect();
                    if !follow.is_empty() {
                        let comment = match &joined.comment {
                            Some(c) => format!("{c} {}", follow.join(" ")),
                            None => follow.join(" "),
                        };
                        joined.status = status_of(rules, &comment);
                        joined.comment_raw = Some(comment.clone());
                        joined.comment = Some(comment);
                    }
                    continue;
                }
            }
            let (key, series, number, text, basis) = keyed(rules, number_cell.as_deref(), &text);
            let follow: Vec<String> = cols.follow_up.iter().filter_map(|&k| cell(k)).collect();
            let comment = (!follow.is_empty()).then(|| follow.join(" "));
            let status = comment.as_deref().and_then(|c| status_of(rules, c));
            out.push(Uppdrag {
                id: String::new(),
                key,
                key_basis: basis,
                series,
                number,
                number_end: None,
                sub: None,
                parent: None,
                text: text.clone(),
                text_raw: text,
                issuer: None,
                recipient: cell(cols.responsible),
                goal: goal.clone(),
                page: table.prov.page,
                comment_raw: comment.clone(),
                comment,
                status,
                prov: Provenance {
                    span: Span::new(at, at),
                    cell: Some(CellRef {
                        table: t as u32,
                        row: r as u32,
                        col: cols.uppdrag as u32,
                    }),
                    ..table.prov.clone()
                },
            });
        }
    }
    out
}

/// Where a table stands in the document text: after the last block above it (by position on its page,
/// or for DOCX by paragraph number).
fn anchor(doc: &Document, table: &Table) -> usize {
    let before = |b: &&crate::model::Block| match (table.prov.page, table.prov.bbox, b.prov.bbox) {
        (Some(page), Some(t), Some(bb)) => {
            b.prov.page.is_some_and(|p| p < page) || (b.prov.page == Some(page) && bb.y0 < t.y0)
        }
        _ => match (table.prov.paragraph, b.prov.paragraph) {
            (Some(p), Some(q)) => q < p,
            _ => b.prov.span.end <= table.prov.span.start,
        },
    };
    doc.blocks
        .iter()
        .take_while(|b| before(b))
        .last()
        .map_or(table.prov.span.start, |b| b.prov.span.end)
}

/// Key, series, number, text and key basis of a table row's uppdrag: from the number column, from a
/// number written before the text ("U1 …", "1.3 …"), or unnumbered.
fn keyed(
    rules: &Rules,
    number_cell: Option<&str>,
    text: &str,
) -> (String, String, u32, String, Option<KeyBasis>) {
    if let Some(cap) = rules.uppdrag.captures(text) {
        if let Some(body) = cap.name("text") {
            let (prefix, series) = rules.series_of(&cap["series"]);
            let key = rules.key_of(&prefix, &cap["number"]);
            let number = cap["number"].parse().unwrap_or(0);
            return (key, series, number, body.as_str().to_string(), None);
        }
    }
    let written = number_cell.map(str::to_string).or_else(|| {
        lines::LIST_ITEM
            .captures(text)
            .and_then(|c| c.get(1))
            .map(|m| m.as_str().to_string())
    });
    let body = match lines::LIST_ITEM.captures(text) {
        Some(c) if c.get(1).is_some() && number_cell.is_none() => {
            c.get(2).map_or(text, |m| m.as_str()).to_string()
        }
        _ => text.to_string(),
    };
    match written {
        Some(n) => {
            let n = n.trim().trim_end_matches(['.', ')', ':']).to_string();
            if let Some(cap) = rules.uppdrag.captures(&format!("{n} X")) {
                let (prefix, series) = rules.series_of(&cap["series"]);
                let key = rules.key_of(&prefix, &cap["number"]);
                let number = cap["number"].parse().unwrap_or(0);
                return (key, series, number, body, None);
            }
            let (series, number) = match n.split_once('.') {
                Some((a, b)) => (a.to_string(), b.parse().unwrap_or(0)),
                None => (String::new(), n.parse().unwrap_or(0)),
            };
            (n, series, number, body, None)
        }
        None => (
            String::new(),
            "~".to_string(),
            0,
            body,
            Some(KeyBasis::PositionAndText),
        ),
    }
}
