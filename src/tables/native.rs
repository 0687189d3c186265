//! Indicators from the styrtal tables an ingester built natively (PDF table detection): a header "Styrtal |
//! Utfall, senast kända värde | Årets målvärde | Långsiktigt målvärde" over numbered indicators, each with
//! its three values. The table's text is not part of the document text, so a row's goal is the goal heading
//! before the table, and the next goal heading each time the numbering starts again ("1." after "3.").

use super::styrtal::{item, numbered};
use super::Context;
use crate::model::{collapse_whitespace, Document, Indicator, Provenance, Span, Table};

/// The indicators of every native styrtal table of the document.
pub(crate) fn scan(ctx: &Context) -> Vec<Indicator> {
    ctx.doc
        .tables
        .iter()
        .filter(|t| is_styrtal(t))
        .flat_map(|t| indicators(ctx, t))
        .collect()
}

fn is_styrtal(table: &Table) -> bool {
    let head: Vec<&str> = table
        .header
        .first()
        .map(|r| r.iter().map(|c| c.text.trim()).collect())
        .unwrap_or_default();
    head.len() >= 4 && head[0] == "Styrtal" && head[1].starts_with("Utfall")
}

/// Where the table stands in the document text: the end of the last block before the first block below
/// the table's top edge (on its page or a later one), blocks taken in reading order.
fn anchor(doc: &Document, table: &Table) -> usize {
    let (Some(page), Some(bbox)) = (table.prov.page, table.prov.bbox) else {
        return table.prov.span.start;
    };
    let below = |prov: &Provenance| match (prov.page, prov.bbox) {
        (Some(p), _) if p > page => true,
        (Some(p), Some(b)) => p == page && b.y0 > bbox.y0,
        _ => false,
    };
    doc.blocks
        .iter()
        .take_while(|b| !below(&b.prov))
        .last()
        .map_or(0, |b| b.prov.span.end)
}

/// "3 a" → (3, Some('a')): the order of numbers in a styrtal list.
fn rank(number: &str) -> (u32, Option<char>) {
    let mut parts = number.split(' ');
    let n = parts.next().and_then(|n| n.parse().ok()).unwrap_or(0);
    (n, parts.next().and_then(|l| l.chars().next()))
}

fn indicators(ctx: &Context, table: &Table) -> Vec<Indicator> {
    let at = anchor(ctx.doc, table);
    let mut goal = ctx.goal_before(at);
    let mut later_goals = ctx.goals_after(at).into_iter();
    let mut last: Option<(u32, Option<char>)> = None;
    let prov = Provenance {
        span: Span::new(at, at),
        ..table.prov.clone()
    };
    let mut out = Vec::new();
    for row in &table.rows {
        let Some((number, body)) = row.first().and_then(|c| item(c.text.trim())) else {
            continue;
        };
        let name = collapse_whitespace(body);
        let here = rank(&number);
        // The numbering starts again: the rows that follow measure the next goal.
        if last.is_some_and(|l| here <= l) {
            if let Some(next) = later_goals.next() {
                goal = Some(next);
            }
        }
        last = Some(here);
        let value = |i: usize| row.get(i).filter(|c| !c.text.trim().is_empty()).cloned();
        out.push(numbered(
            ctx,
            goal.clone(),
            number,
            name,
            [value(1), value(2), value(3)],
            prov.clone(),
        ));
    }
    out
}
