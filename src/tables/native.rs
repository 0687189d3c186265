//! Indicators from the styrtal tables an ingester built natively (PDF table detection): a header "Styrtal |
//! Utfall, senast kända värde | Årets målvärde | Långsiktigt målvärde" over numbered indicators, each with
//! its three values. The table's text is not part of the document text, so a row's goal is the goal heading
//! before the table, and the next goal heading each time the numbering starts again ("1." after "3.").
//! Tables whose header names the profile's indicator columns ("Indikator | Utfall 2024 | Målvärde 2025 |
//! Trend") give one indicator per row.

use super::styrtal::{item, numbered};
use super::Context;
use crate::detect::IndicatorColumns;
use crate::model::{collapse_whitespace, Document, Indicator, Provenance, Span, Table};

/// The indicators of every native styrtal table of the document, and of every table whose header
/// names an indicator column and an outcome or target column (`columns`, from the profile).
pub(crate) fn scan(ctx: &Context, columns: &IndicatorColumns) -> Vec<Indicator> {
    let mut out = Vec::new();
    for table in &ctx.doc.tables {
        if is_styrtal(table) {
            out.extend(indicators(ctx, table));
        } else if let Some(cols) = indicator_columns(table, columns) {
            out.extend(named_columns(ctx, table, &cols));
        }
    }
    out
}

/// Where the columns of an indicator table are: name, outcome, target, trend.
struct Columns {
    name: usize,
    outcome: Option<usize>,
    target: Option<usize>,
    trend: Option<usize>,
    /// The year of the outcome column's header ("Utfall 2024").
    period: Option<String>,
}

/// The column whose header is one of `names`, alone or followed by more words ("Utfall 2024").
fn column(head: &[String], names: &[String]) -> Option<usize> {
    head.iter().position(|h| {
        let h = h.to_lowercase();
        names.iter().any(|n| {
            let n = n.to_lowercase();
            h == n || h.strip_prefix(&n).is_some_and(|rest| rest.starts_with(' '))
        })
    })
}

fn indicator_columns(table: &Table, names: &IndicatorColumns) -> Option<Columns> {
    let head: Vec<String> = table
        .header
        .last()
        .or(table.rows.first())?
        .iter()
        .map(|c| collapse_whitespace(&c.text))
        .collect();
    let name = column(&head, &names.name)?;
    let outcome = column(&head, &names.outcome);
    let target = column(&head, &names.target);
    if outcome.is_none() && target.is_none() {
        return None;
    }
    let period = outcome.and_then(|k| {
        head[k]
            .split_whitespace()
            .find(|w| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit()))
            .map(str::to_string)
    });
    Some(Columns {
        name,
        outcome,
        target,
        trend: column(&head, &names.trend),
        period,
    })
}

/// One indicator per body row of a table with named columns; the goal is the goal heading above it.
fn named_columns(ctx: &Context, table: &Table, cols: &Columns) -> Vec<Indicator> {
    let at = anchor(ctx.doc, table);
    let goal = ctx.goal_before(at);
    let prov = Provenance {
        span: Span::new(at, at),
        ..table.prov.clone()
    };
    let skip = usize::from(table.header.is_empty());
    let mut out = Vec::new();
    for row in table.rows.iter().skip(skip) {
        let cell = |k: Option<usize>| {
            k.and_then(|k| row.get(k))
                .filter(|c| !c.text.trim().is_empty())
                .cloned()
        };
        let Some(name) = cell(Some(cols.name)).map(|c| collapse_whitespace(&c.text)) else {
            continue;
        };
        let mut ind = ctx.named_indicator(&goal, name, at, at);
        ind.prov = prov.clone();
        ind.outcome = cell(cols.outcome);
        ind.target = cell(cols.target);
        ind.period = cols.period.clone();
        ind.comment = cell(cols.trend).map(|c| format!("Trend: {}", collapse_whitespace(&c.text)));
        out.push(ind);
    }
    out
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
/// the table's top edge (on its page or a later one), blocks taken in reading order; for a DOCX table
/// the end of the last paragraph before it.
fn anchor(doc: &Document, table: &Table) -> usize {
    let (Some(page), Some(bbox)) = (table.prov.page, table.prov.bbox) else {
        // A DOCX table stands before the body paragraph its `paragraph` names.
        return match table.prov.paragraph {
            Some(p) => doc
                .blocks
                .iter()
                .take_while(|b| b.prov.paragraph.is_none_or(|q| q < p))
                .last()
                .map_or(0, |b| b.prov.span.end),
            None => table.prov.span.start,
        };
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
