//! Indicator lists of plans that give no values: a line "Indikatorer" under a goal, then the indicators as
//! bullets (OCR reads the bullets as `*`, `»`, `«`, `•`) or as lines that each start with a capital.

use super::Context;
use crate::model::{collapse_whitespace, Indicator};
use regex::Regex;
use std::sync::LazyLock;

/// A bullet as OCR reads it, with the space after it.
static BULLET: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"^[*»«•·] +").expect("valid regex"));
/// Lines that end a list: the next goal, perspective or uppdrag heading.
static LIST_END: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[*»«•· ]*(Effektm[aå]l|M[aå]l:|M[aå]ls[aä]ttning|Perspektiv|Uppdrag|Nr\.? ?\d)")
        .expect("valid regex")
});

/// Every indicator of every "Indikatorer" list.
pub(crate) fn scan(ctx: &Context) -> Vec<Indicator> {
    let lines = ctx.lines;
    let page_starts: Vec<usize> = ctx.doc.pages.iter().map(|p| p.span.start).collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].text.trim() != "Indikatorer" || lines[i].text.contains('\t') {
            i += 1;
            continue;
        }
        let goal = ctx.goal_before(lines[i].span.start);
        let mut j = i + 1;
        let mut body = Vec::new();
        while j < lines.len() {
            let l = lines[j];
            let on_new_page = j > i + 1 && page_starts.contains(&l.span.start);
            if on_new_page || LIST_END.is_match(l.text.trim_start()) {
                break;
            }
            body.push(l);
            j += 1;
        }
        let bulleted = body.iter().any(|l| BULLET.is_match(l.text.trim()));
        // Items: (first byte, last byte, text pieces).
        let mut items: Vec<(usize, usize, Vec<&str>)> = Vec::new();
        for l in body {
            let t = l.text.trim();
            if t.is_empty() {
                continue;
            }
            let bullet = BULLET.find(t);
            let new_item = match bullet {
                Some(_) => true,
                None => !bulleted && t.starts_with(|c: char| c.is_uppercase()),
            };
            let piece = bullet.map_or(t, |b| &t[b.end()..]);
            let lead = l.text.len() - l.text.trim_start().len();
            let piece_start = l.span.start + lead + bullet.map_or(0, |b| b.end());
            match items.last_mut() {
                Some(item) if !new_item => {
                    item.1 = l.span.end;
                    item.2.push(piece);
                }
                _ => items.push((piece_start, l.span.end, vec![piece])),
            }
        }
        for (start, end, pieces) in items {
            let name = collapse_whitespace(&pieces.join(" "));
            out.push(ctx.named_indicator(&goal, name, start, end));
        }
        i = j.max(i + 1);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bullets_as_ocr_reads_them() {
        for b in ["* Ökad", "» Den", "« Atgarder", "• Fler"] {
            assert!(BULLET.is_match(b), "{b}");
        }
        assert!(!BULLET.is_match("-80 for totalt HME"));
        assert!(LIST_END.is_match(" Effektmal nr 2. Lanets"));
        assert!(LIST_END.is_match("Perspektiv"));
        assert!(!LIST_END.is_match("Goda medicinska resultat"));
    }
}
