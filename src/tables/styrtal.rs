//! Styrtal blocks of a plan, flattened by PDF text extraction: a header "Styrtal Utfall, senast kända värde
//! / Årets målvärde / Långsiktigt målvärde", then numbered indicators ("3 a. Operation (< 90 dagar).
//! (Utfall: 2023)") each followed by its three values ("56 % 65 % 100 %"), on the same line or below.

use super::number::{self, split_quantities, tokens};
use super::words::join_lines;
use super::Context;
use crate::model::{collapse_whitespace, stable_id, Cell, Diagnostic, Indicator, Provenance, Span};
use regex::Regex;
use std::sync::LazyLock;

static ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?: [a-z])?)\. +\S").expect("valid regex"));
/// Lines that end a styrtal block: the uppdrag and goals that follow it, a note on the targets.
static BLOCK_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(Uppdrag|Nr\.? ?\d|HS nr|Ber nr|Målsättning|Långsiktigt målvärde är|Styrtal)")
        .expect("valid regex")
});

/// Every indicator of every styrtal block.
pub(crate) fn scan(ctx: &Context, diagnostics: &mut Vec<Diagnostic>) -> Vec<Indicator> {
    let lines = ctx.lines;
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if !lines[i].text.trim_start().starts_with("Styrtal Utfall") {
            i += 1;
            continue;
        }
        let goal = ctx.goal_before(lines[i].span.start);
        let mut j = i + 1;
        // The rest of the header: "senast", "kända värde", "Årets", "målvärde" …
        while j < lines.len() && !ITEM.is_match(lines[j].text.trim()) {
            if j - i > 12 {
                break;
            }
            j += 1;
        }
        let mut items: Vec<(usize, usize)> = Vec::new();
        while j < lines.len() {
            let t = lines[j].text.trim();
            if BLOCK_END.is_match(t) {
                break;
            }
            if ITEM.is_match(t) {
                items.push((j, j));
            }
            if let Some(last) = items.last_mut() {
                if !lines[j].is_blank() {
                    last.1 = j;
                }
            }
            j += 1;
        }
        for (first, last) in items {
            let start = lines[first].span.start;
            let end = lines[last].span.end;
            if let Some(ind) = indicator(ctx, goal.clone(), start, end, diagnostics) {
                out.push(ind);
            }
        }
        i = j.max(i + 1);
    }
    out
}

/// End of the name: the "(Utfall …)" group and any parenthesized groups right after it.
fn name_end(text: &str) -> Option<usize> {
    let mut at = text.find("(Utfall")?;
    loop {
        let close = close_paren(text, at)?;
        let after = close + 1;
        let rest = &text[after..];
        let skipped = rest.len() - rest.trim_start().len();
        if rest.trim_start().starts_with('(') {
            at = after + skipped;
        } else {
            return Some(after);
        }
    }
}

fn close_paren(text: &str, open: usize) -> Option<usize> {
    let mut depth = 0usize;
    for (i, c) in text[open..].char_indices() {
        match c {
            '(' => depth += 1,
            ')' => {
                depth = depth.checked_sub(1)?;
                if depth == 0 {
                    return Some(open + i);
                }
            }
            _ => {}
        }
    }
    None
}

/// "(Utfall: Hösten 2025, …)" → "Hösten 2025"; "(Utfall senast kända värde: Prognos …)" → "Prognos …".
fn period(name: &str) -> Option<String> {
    let at = name.find("(Utfall")?;
    let group = &name[at..=close_paren(name, at)?];
    let inner = group.get(1..group.len() - 1)?;
    let after = &inner[inner.find(':')? + 1..];
    let cut = [", ", ". "]
        .iter()
        .filter_map(|s| after.find(s))
        .min()
        .unwrap_or(after.len());
    let p = collapse_whitespace(&after[..cut]);
    (!p.is_empty()).then_some(p)
}

fn value_cell(text: &str) -> Cell {
    let mut c = Cell::text(collapse_whitespace(text));
    c.quantity = number::quantity(text);
    c
}

/// Reads the three values: three quantities, or two and a worded long-term target ("Beslutas i samband
/// med revidering …").
fn values(text: &str) -> Option<[Cell; 3]> {
    if let Ok(parts) = split_quantities(text, 3) {
        let cells: Vec<Cell> = parts.iter().map(|r| value_cell(&text[r.clone()])).collect();
        return cells.try_into().ok();
    }
    let toks = tokens(text);
    for k in (1..toks.len()).rev() {
        let (head, tail) = text.split_at(toks[k].start);
        if tail.chars().any(|c| c.is_ascii_digit()) {
            continue;
        }
        if let Ok(parts) = split_quantities(head, 2) {
            let a = value_cell(&head[parts[0].clone()]);
            let b = value_cell(&head[parts[1].clone()]);
            return Some([a, b, Cell::text(collapse_whitespace(tail))]);
        }
    }
    None
}

fn indicator(
    ctx: &Context,
    goal: Option<String>,
    start: usize,
    end: usize,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<Indicator> {
    let raw = ctx.doc.text.get(start..end)?;
    let (number, body) = item(raw)?;
    let body_start = raw.len() - body.len();
    let (name_raw, rest) = match name_end(raw) {
        Some(e) => (&raw[body_start..e], &raw[e..]),
        None => (&raw[body_start..], ""),
    };
    let name = collapse_whitespace(name_raw);
    let joined = join_lines(rest.lines(), ctx.lexicon);
    let vals = if joined.is_empty() {
        None
    } else {
        let v = values(&joined);
        if v.is_none() {
            diagnostics.push(
                Diagnostic::warning(
                    "tables.styrtal_values",
                    format!("styrtal {number} {name:?}: values {joined:?} are not three quantities; not read"),
                )
                .with_span(Span::new(start, end))
                .with_page(ctx.doc.page_at(start)),
            );
        }
        v
    };
    Some(numbered(
        ctx,
        goal,
        number,
        name,
        vals.map_or([None, None, None], |v| v.map(Some)),
        ctx.prov(start, end),
    ))
}

/// A numbered styrtal's number ("3 a" of "3 a. Operation …") and the text after it; `None` when nothing
/// but dots follows the number.
pub(super) fn item(text: &str) -> Option<(String, &str)> {
    let number = ITEM.captures(text)?.get(1)?;
    let body = text[number.end()..].trim_start_matches(['.', ' ']);
    (!body.is_empty()).then(|| (collapse_whitespace(number.as_str()), body))
}

/// A numbered styrtal with its outcome, target and long-term target; its id comes from the document, the
/// goal, the number and the name, its period from the name's "(Utfall: …)".
pub(super) fn numbered(
    ctx: &Context,
    goal: Option<String>,
    number: String,
    name: String,
    [outcome, target, long_term_target]: [Option<Cell>; 3],
    prov: Provenance,
) -> Indicator {
    Indicator {
        id: stable_id(
            "i-",
            &[&ctx.doc.id, goal.as_deref().unwrap_or(""), &number, &name],
        ),
        goal,
        number: Some(number),
        period: period(&name),
        name,
        outcome,
        target,
        long_term_target,
        comment: None,
        prov,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_name_ends_after_the_utfall_group_and_what_follows_it() {
        let t = "3. Klimat ska minska. (Utfall: 2024) (Långsiktigt målvärde beslutas (senare).)\n\n1,4 ton";
        let e = name_end(t).unwrap();
        assert!(t[..e].ends_with("(senare).)"));
        assert_eq!(t[e..].trim(), "1,4 ton");
    }

    #[test]
    fn periods() {
        assert_eq!(period("X (Utfall: 2024)").as_deref(), Some("2024"));
        assert_eq!(
            period("X (Utfall: Hösten 2025, cosmicberoende värden osäkra)").as_deref(),
            Some("Hösten 2025")
        );
        assert_eq!(
            period("X (Utfall: 2023. Införande av Cosmic)").as_deref(),
            Some("2023")
        );
        assert_eq!(
            period("X (Utfall senast kända värde: Prognos budgetavvikelse 2025 per delår)")
                .as_deref(),
            Some("Prognos budgetavvikelse 2025 per delår")
        );
        assert_eq!(period("X"), None);
    }

    #[test]
    fn three_values_or_two_and_words() {
        let v = values("5 av 8 6 av 8 7 av 8").unwrap();
        assert_eq!(v[2].quantity.as_ref().and_then(|q| q.of), Some(8.0));
        let v = values("1,4 ton koldioxidekvivalenter -15 % Beslutas i samband med revidering")
            .unwrap();
        assert_eq!(v[0].text, "1,4 ton koldioxidekvivalenter");
        assert_eq!(v[1].quantity.as_ref().and_then(|q| q.value), Some(-15.0));
        assert_eq!(v[2].text, "Beslutas i samband med revidering");
        assert!(v[2].quantity.is_none());
        assert!(values("några ord").is_none());
    }
}
