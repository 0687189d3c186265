//! Document metadata read from the text itself (never from the file name): kind, year, title,
//! organisation, body and diarienummer. Matching is done on a folded form (no diacritics, lower case)
//! so OCR text that lost its å/ä/ö is still read; the values returned are taken from the repaired text.

use crate::model::{collapse_whitespace, DocKind, Document, FurnitureKind, Metadata, Span};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// Lower case without diacritics, byte-for-byte the same length as the input is not needed: only used for
/// deciding, never for offsets.
fn fold(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'å' | 'ä' | 'Å' | 'Ä' | 'á' | 'à' => 'a',
            'ö' | 'Ö' | 'ó' => 'o',
            'é' | 'É' | 'è' => 'e',
            c => c.to_ascii_lowercase(),
        })
        .collect()
}

fn kind_of(folded: &str) -> Option<DocKind> {
    if folded.contains("delarsrapport") || folded.contains("delarsbokslut") {
        Some(DocKind::InterimReport)
    } else if folded.contains("verksamhetsberattelse")
        || folded.contains("arsredovisning")
        || folded.contains("arsberattelse")
    {
        Some(DocKind::Report)
    } else if folded.contains("verksamhetsplan")
        || folded.contains("arsplan")
        || folded.contains("regionplan")
        || folded.contains("budget")
    {
        Some(DocKind::Plan)
    } else {
        None
    }
}

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("valid regex"));
static BUDGET_YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)\bbudget\s+(19[5-9]\d|20\d\d)\b").expect("valid regex"));
static DNR: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\b(?:dnr|diarienummer|diarienr)\.?\s*:?\s*([0-9]{2,4}\s?[A-ZÅÄÖ]{1,4}\s?[0-9]{1,6}(?:[-/][0-9]+)?)")
        .expect("valid regex")
});
/// "Region Örebro län" (group 2 set) or a region named without "län" ("Region Skåne", "Region Värmland").
static REGION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\bRegion\s+(\p{Lu}\p{Ll}+)(\s+l\S{1,2}ns?\b)?").expect("valid regex")
});
static KOMMUN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(\p{Lu}\p{Ll}+)\s+kommun\b").expect("valid regex"));
static BODY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\b(\p{Lu}\p{Ll}+- och \p{Ll}+n\S{1,2}mnd|\p{Lu}\p{Ll}+n\S{1,2}mnd)(?:en|ens)\b")
        .expect("valid regex")
});

/// The lines of the title block: the first short line near the start that names a kind of document,
/// with the short lines just before it and the lines after it that carry a year or the body.
fn title_block(doc: &Document) -> Option<(String, Span)> {
    let mut lines = Vec::new();
    let mut start = 0;
    for part in doc.text.split('\n').take(60) {
        lines.push((part, Span::new(start, start + part.len())));
        start += part.len() + 1;
    }
    let is_dnr = |t: &str| DNR.is_match(t);
    let at = lines.iter().position(|(t, _)| {
        let t = t.trim();
        t.len() < 80 && !t.contains('\t') && kind_of(&fold(t)).is_some() && !t.ends_with('.')
    })?;
    let mut first = at;
    while first > 0 {
        let prev = lines[first - 1].0.trim();
        if prev.is_empty() || prev.len() >= 80 || is_dnr(prev) || prev.ends_with('.') {
            break;
        }
        first -= 1;
    }
    let mut last = at;
    while let Some((next, _)) = lines.get(last + 1) {
        let f = fold(next.trim());
        let carries = YEAR.is_match(&f)
            || f.contains("namnd")
            || f.starts_with("helar")
            || f.starts_with("delar");
        if next.trim().is_empty() || next.trim().len() >= 80 || !carries || is_dnr(next) {
            break;
        }
        last += 1;
    }
    let span = Span::new(lines[first].1.start, lines[last].1.end);
    Some((collapse_whitespace(&doc.repaired(span)), span))
}

/// A running header such as "Hälso- och sjukvårdsnämnden, Verksamhetsplan med budget 14(25)" split into
/// the body part and the title part.
fn title_from_header(doc: &Document) -> Option<(String, Option<String>)> {
    let header = doc
        .furniture
        .iter()
        .filter(|f| {
            matches!(
                f.kind,
                FurnitureKind::RunningHeader | FurnitureKind::RunningFooter
            )
        })
        .find(|f| kind_of(&fold(&f.text)).is_some())?;
    let text = collapse_whitespace(&header.text);
    let without_counter = Regex::new(r"[\s,]*\d{1,4} ?\(\d{1,4}\)\s*$")
        .ok()?
        .replace(&text, "")
        .into_owned();
    let mut title = None;
    let mut body = None;
    for part in without_counter.split(',').map(str::trim) {
        if kind_of(&fold(part)).is_some() && title.is_none() {
            title = Some(part.to_string());
        } else if BODY.is_match(part) {
            body = Some(part.to_string());
        }
    }
    title.map(|t| (t, body))
}

/// The item seen most often; the first seen wins a tie.
fn most_frequent(items: impl Iterator<Item = String>) -> Option<String> {
    let mut counts: Vec<(String, usize)> = Vec::new();
    for item in items {
        match counts.iter_mut().find(|(k, _)| *k == item) {
            Some((_, c)) => *c += 1,
            None => counts.push((item, 1)),
        }
    }
    let best = counts.iter().map(|(_, c)| *c).max()?;
    counts.into_iter().find(|(_, c)| *c == best).map(|(k, _)| k)
}

/// The organisation the text names: a region named with "län" first (how most regions are named);
/// otherwise the most frequent of regions named without it and municipalities, so that a municipality's
/// plan that mentions its region now and then stays the municipality's.
fn organisation(text: &str) -> Option<String> {
    let mut with_lan = Vec::new();
    let mut others = Vec::new();
    for c in REGION.captures_iter(text) {
        if c.get(2).is_some() {
            with_lan.push(format!("Region {} län", &c[1]));
        } else {
            others.push(format!("Region {}", &c[1]));
        }
    }
    if !with_lan.is_empty() {
        return most_frequent(with_lan.into_iter());
    }
    others.extend(
        KOMMUN
            .captures_iter(text)
            .map(|c| format!("{} kommun", &c[1])),
    );
    most_frequent(others.into_iter())
}

/// At most the first `max` bytes of `text`, cut back to a character boundary.
fn prefix(text: &str, max: usize) -> &str {
    let mut end = max.min(text.len());
    while !text.is_char_boundary(end) {
        end -= 1;
    }
    &text[..end]
}

/// Reads the metadata of a document.
pub fn detect(doc: &Document) -> Metadata {
    let repaired_all = doc.repaired(Span::new(0, doc.text.len()));
    let block = title_block(doc);
    let header = title_from_header(doc);

    let title = block
        .as_ref()
        .map(|(t, _)| t.clone())
        .or_else(|| header.as_ref().map(|(t, _)| t.clone()));
    let kind = title
        .as_deref()
        .and_then(|t| kind_of(&fold(t)))
        .or_else(|| kind_of(&fold(prefix(&repaired_all, 4000))))
        .or(Some(DocKind::Other));

    let year = title
        .as_deref()
        .and_then(|t| {
            YEAR.captures_iter(t)
                .filter_map(|c| c[1].parse::<i32>().ok())
                .max()
        })
        .or_else(|| {
            // Plans without a title line: the year their budget columns are for, the most frequent
            // "Budget YYYY", the later year on a tie.
            let mut counts: HashMap<i32, usize> = HashMap::new();
            for cap in BUDGET_YEAR.captures_iter(&repaired_all) {
                if let Ok(y) = cap[1].parse() {
                    *counts.entry(y).or_insert(0) += 1;
                }
            }
            counts
                .into_iter()
                .max_by_key(|&(y, c)| (c, y))
                .map(|(y, _)| y)
        });

    let organisation = organisation(&repaired_all);

    let body_in = |text: &str| BODY.captures(text).map(|c| format!("{}en", &c[1]));
    let body = block
        .as_ref()
        .and_then(|(t, _)| body_in(t))
        .or_else(|| {
            header
                .as_ref()
                .and_then(|(_, b)| b.as_deref().and_then(body_in))
        })
        .or_else(|| {
            most_frequent(
                BODY.captures_iter(&repaired_all)
                    .map(|c| format!("{}en", &c[1])),
            )
        });

    let diarienummer = DNR.captures(&repaired_all).map(|c| c[1].replace(' ', ""));

    Metadata {
        kind,
        year,
        title,
        organisation,
        body,
        diarienummer,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_reads_ocr_text() {
        assert_eq!(
            kind_of(&fold("Halso- och sjukvardsnamndens verksamhetsplan 2024")),
            Some(DocKind::Plan)
        );
        assert_eq!(
            kind_of(&fold("Verksamhetsberättelse")),
            Some(DocKind::Report)
        );
        assert_eq!(
            kind_of(&fold("Delårsrapport augusti 2025")),
            Some(DocKind::InterimReport)
        );
    }

    #[test]
    fn organisations_with_and_without_lan() {
        assert_eq!(
            organisation("Region Örebro län. Region Örebro läns plan. Örebro kommun.").as_deref(),
            Some("Region Örebro län")
        );
        // Official names without "län".
        assert_eq!(
            organisation("Verksamhetsplan för Region Skåne 2026. Region Skåne ska …").as_deref(),
            Some("Region Skåne")
        );
        assert_eq!(
            organisation("Region Värmland, hälso- och sjukvårdsnämnden").as_deref(),
            Some("Region Värmland")
        );
        // A municipality that mentions its region now and then.
        assert_eq!(
            organisation("Lunds kommun och Region Skåne. Lunds kommun ska … Lunds kommun.")
                .as_deref(),
            Some("Lunds kommun")
        );
        assert_eq!(organisation("Regionfullmäktige beslutar"), None);
    }

    #[test]
    fn prefix_never_cuts_a_character() {
        let text = "å".repeat(3000);
        assert_eq!(prefix(&text, 4001).len(), 4000);
        assert_eq!(prefix("abc", 10), "abc");
    }

    #[test]
    fn diarienummer_forms() {
        assert_eq!(
            DNR.captures("DNR: 25RS268")
                .map(|c| c[1].to_string())
                .as_deref(),
            Some("25RS268")
        );
        assert_eq!(
            DNR.captures("Dnr 24 RS 1234")
                .map(|c| c[1].replace(' ', ""))
                .as_deref(),
            Some("24RS1234")
        );
    }
}
