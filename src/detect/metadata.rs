//! Document metadata read from the text itself (never from the file name): kind, year, title,
//! organisation, body, diarienummer and the number in a series. Matching is done on a folded form (no
//! diacritics, lower case) so OCR text that lost its å/ä/ö is still read; the values returned are taken
//! from the repaired text.
//!
//! The title page is read first: its largest text (when the format gives font sizes) is the title, with
//! the series' masthead ("Statens jordbruksverks författningssamling"), identifiers and part headings
//! ("Förord") left out; its identifier lines give the number ("SFS 1999:175", "Dir." over "2009:71");
//! its dates the year. Names met in running text count last, and only with evidence: an organisation or
//! a nämnd taken from the whole text needs a governing document (a plan or a report) that names it more
//! than once. A value not stated is left null rather than guessed.

use crate::model::{
    collapse_whitespace, Block, BlockKind, DocKind, Document, Furniture, FurnitureKind, Metadata,
    Span,
};
use crate::text::fold;
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

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

/// A document's number in a series: "SFS 1999:175", "Dir. 2009:71", "Ds 1998:10", "SOU 2007:34",
/// the authorities' series "SJVFS 2009:26", "RA-FS 2004:2", "VERVAFS 2007:2AR".
static SERIES_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(&format!(
        r"\b{SERIES} ?((?:19|20)\d\d):\d{{1,4}}[A-Z]{{0,3}}\b"
    ))
    .expect("valid regex")
});
/// A series name standing alone, as when a boxed "Dir." sits on the line above "2009:71".
static SERIES_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(&format!(r"^{SERIES}$")).expect("valid regex"));
/// The series names of [`SERIES_NUMBER`] and [`SERIES_ONLY`]: the government's and the authorities'
/// statute books (…FS).
const SERIES: &str = r"(?:SFS|SOU|Ds|Dir\.|Prop\.|[A-ZÅÄÖ][A-ZÅÄÖ-]{0,8}FS)";
static NUMBER_ONLY: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^((?:19|20)\d\d):\d{1,4}$").expect("valid regex"));
/// A court's case number after its label: "Mål nr … T 170-08".
static CASE_NUMBER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i:\bmål\s+nr)\.?\s*(?:\S+\s+){0,12}?([A-ZÅÄÖ]{1,2} \d{1,5}-\d{2})\b")
        .expect("valid regex")
});
/// Dates as title pages write them: 2016-12-16, "13 augusti 2009", "April 6, 2016".
static DATE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b((?:19|20)\d\d)-(?:0[1-9]|1[0-2])-(?:0[1-9]|[12]\d|3[01])\b|\b\d{1,2}\s+(?:januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december)\s+((?:19|20)\d\d)\b|\b(?:january|february|march|april|may|june|july|august|september|october|november|december)\s+\d{1,2},\s+((?:19|20)\d\d)\b",
    )
    .expect("valid regex")
});
/// The masthead of an authority's statute book: "Finansinspektionens författningssamling".
static STATUTE_BOOK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"(?i)^(.+?)s\s+författningssamling$").expect("valid regex"));

/// Lines that give a numbered uppdrag ("Nr 3. Att …"): only governing documents give them.
static NUMBERED_UPPDRAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^\s*(?:[A-ZÅÄÖ][a-zåäö]{0,3}\s+)?[Nn]r\.?\s*\d+").expect("valid regex")
});
/// Outside governing documents, a name from running text needs at least one mention per this many
/// words (and three in all): "Region Skåne" once in a guide of 13,000 words is an example, not its owner.
const WORDS_PER_MENTION: usize = 2000;

/// Headings that name a part of a document, never its title, numbered ("1 Inledning") or not.
const PART_HEADINGS: &[&str] = &[
    "förord",
    "innehåll",
    "innehållsförteckning",
    "sammanfattning",
    "inledning",
    "bakgrund",
    "bilaga",
    "bilagor",
    "contents",
    "table of contents",
    "preface",
    "summary",
];

/// The number before a section heading: "1 ", "2.1 ", "3. ".
static SECTION_NUMBER: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d{1,2}(?:\.\d{1,2})*\.?\s+").expect("valid regex"));

/// Names of a series or a kind of publication that stand over the title, not in it.
const SERIES_LABELS: &[&str] = &[
    "kommittédirektiv",
    "departementsserien",
    "statens offentliga utredningar",
    "regeringens proposition",
    "svensk författningssamling",
];

/// The pages of the title page: the first page with text, and the page after it when the first holds
/// only a few words (an address block, a logo) before the title.
fn title_pages(doc: &Document) -> Option<(u32, u32)> {
    let first = doc.blocks.iter().find_map(|b| b.prov.page)?;
    let words: usize = doc
        .blocks
        .iter()
        .filter(|b| b.prov.page == Some(first))
        .map(|b| b.text.split_whitespace().count())
        .sum();
    Some((first, if words < 20 { first + 1 } else { first }))
}

fn on_title_page(page: Option<u32>, pages: (u32, u32)) -> bool {
    page.is_some_and(|p| pages.0 <= p && p <= pages.1)
}

/// A line that identifies rather than names: a number in a series, a series name or a number alone,
/// a short code such as "Saknr M 16" or "TOB 6".
fn is_identifier(text: &str) -> bool {
    let words = text.split_whitespace().count();
    (SERIES_NUMBER.is_match(text) && words <= 4)
        || SERIES_ONLY.is_match(text)
        || NUMBER_ONLY.is_match(text)
        || (words <= 3
            && !text.starts_with('(')
            && text.chars().any(|c| c.is_ascii_digit())
            && !has_long_word(text))
}

/// A word of six letters or more: a short line with one ("Verksamhetsplan 2023") names something and
/// is a title candidate; one without ("Nr 12", "Dnr 2016/123") is a number.
fn has_long_word(text: &str) -> bool {
    text.split(|c: char| !c.is_alphabetic())
        .any(|w| w.chars().count() >= 6)
}

/// The size of the body text: the font size that carries the most text.
fn body_size(blocks: &[Block]) -> Option<f32> {
    let mut weight: HashMap<i32, usize> = HashMap::new();
    for b in blocks {
        if let Some(size) = b.font_size {
            *weight.entry((size * 2.0).round() as i32).or_default() += b.text.len();
        }
    }
    weight
        .into_iter()
        .max_by_key(|&(k, n)| (n, -k))
        .map(|(k, _)| k as f32 / 2.0)
}

/// Joins the lines of a title: whitespace collapsed, a word broken at a line end ("myn-" "digheters")
/// joined again unless the next word is a conjunction ("Hälso- och"), trailing ";" "," ":" dropped.
fn join_title(parts: &[String]) -> String {
    let mut out = String::new();
    for part in parts {
        let part = collapse_whitespace(part);
        if part.is_empty() {
            continue;
        }
        let next_word = part.split_whitespace().next().unwrap_or("");
        let broken = out
            .strip_suffix('-')
            .is_some_and(|rest| rest.chars().last().is_some_and(char::is_lowercase))
            && next_word.chars().next().is_some_and(char::is_lowercase)
            && !matches!(next_word, "och" | "eller" | "samt" | "resp." | "till");
        if broken {
            out.pop();
        } else if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&part);
    }
    out.trim_end_matches([';', ',', ':', ' ']).to_string()
}

/// The title page's largest text, the masthead, identifiers and part headings left out, with the
/// organisation a statute book's masthead names. `None` when the format gives no font sizes or
/// nothing on the title page is larger than the body text.
fn title_by_size(doc: &Document, pages: (u32, u32)) -> (Option<String>, Option<String>) {
    let Some(body) = body_size(&doc.blocks) else {
        return (None, None);
    };
    let on_page: Vec<&Block> = doc
        .blocks
        .iter()
        .filter(|b| on_title_page(b.prov.page, pages) && b.font_size.is_some())
        .collect();
    // Runs of blocks of one size: a masthead is often set over two lines.
    let mut groups: Vec<(f32, Vec<&Block>)> = Vec::new();
    for b in on_page {
        let size = b.font_size.unwrap_or(body);
        match groups.last_mut() {
            Some((s, members)) if (*s - size).abs() < 0.3 => members.push(b),
            _ => groups.push((size, vec![b])),
        }
    }
    let header_fields = running_header_fields(doc, pages);
    let mut organisation = None;
    let mut candidates: Vec<(f32, &Block)> = Vec::new();
    for (size, members) in &groups {
        let joined = collapse_whitespace(
            &members
                .iter()
                .map(|b| b.text.as_str())
                .collect::<Vec<_>>()
                .join(" "),
        );
        let folded = joined.to_lowercase();
        if let Some(c) = STATUTE_BOOK.captures(&joined) {
            organisation = organisation.or_else(|| Some(authority_name(&c[1])));
            continue;
        }
        if SERIES_LABELS.contains(&folded.as_str()) || folded.ends_with("författningssamling") {
            continue;
        }
        if header_fields.contains(&folded) {
            continue;
        }
        let mut before: Option<String> = None;
        for b in members {
            let text = collapse_whitespace(&b.text);
            let lower = text.trim_end_matches([':', '.']).to_lowercase();
            // The end of a word broken on the line before ("informa-" "tionsutbyte, VERVAFS 2007:2;")
            // goes on the title, whatever it holds.
            let continues = before.as_deref().is_some_and(|t| t.ends_with('-'))
                && crate::text::starts_lowercase(&text);
            let skip = text.is_empty()
                || b.kind == BlockKind::ListItem
                || (!text.starts_with('(') && !text.chars().any(char::is_alphabetic))
                || text.split_whitespace().count() > 40
                || text.contains("....")
                || text.contains('\t')
                || (is_identifier(&text) && !continues)
                || PART_HEADINGS.contains(&SECTION_NUMBER.replace(&lower, "").as_ref())
                || SERIES_LABELS.contains(&lower.as_str());
            if !skip {
                candidates.push((*size, b));
            }
            before = Some(text);
        }
    }
    let Some(largest) = candidates.iter().map(|(s, _)| *s).reduce(f32::max) else {
        return (None, organisation);
    };
    if largest < body * 1.05 {
        return (None, organisation);
    }
    // From the first block of the largest size on: blocks of that size (or display size) go on the
    // title; smaller text beside it (a box with dates) is passed over; body-size text ends it.
    let Some(start) = candidates
        .iter()
        .position(|(s, _)| (*s - largest).abs() < 0.5)
    else {
        return (None, organisation);
    };
    let same_size = |s: f32| (s - largest).abs() < 0.5 || s >= body * 1.5;
    let axis = centred_axis(
        candidates[start].1,
        candidates[start + 1..]
            .iter()
            .find(|(s, _)| same_size(*s))
            .map(|(_, b)| *b),
    );
    let mut parts = Vec::new();
    for (size, b) in &candidates[start..] {
        // A title set centred ends at a block off its middle (a first section heading of the same
        // size at the left margin, as "Présences" under a centred "PROCÈS-VERBAL").
        let off_axis = axis.is_some_and(|m| {
            b.prov
                .bbox
                .is_some_and(|bb| ((bb.x0 + bb.x1) / 2.0 - m).abs() > AXIS_SLACK)
        });
        if same_size(*size) {
            if off_axis {
                break;
            }
            parts.push(doc.repaired(b.prov.span));
        } else if *size >= body - 0.3 {
            break;
        }
    }
    let title = join_title(&parts);
    // A glyph or two (a drop cap, a rotated page read badly) is no title.
    let letters = title.chars().filter(|c| c.is_alphabetic()).count();
    ((letters >= 3).then_some(title), organisation)
}

/// The middle of a title set centred: the first two blocks of the title share their middle but not
/// their left edge. `None` for a title set flush left, or of one block.
fn centred_axis(first: &Block, second: Option<&Block>) -> Option<f32> {
    let (a, b) = (first.prov.bbox?, second?.prov.bbox?);
    let middle = |b: crate::model::BBox| (b.x0 + b.x1) / 2.0;
    ((middle(a) - middle(b)).abs() <= AXIS_SLACK && (a.x0 - b.x0).abs() > AXIS_SLACK)
        .then(|| middle(a))
}

/// The running headers and footers of a document, in the order found.
fn running_furniture(doc: &Document) -> impl Iterator<Item = &Furniture> {
    doc.furniture.iter().filter(|f| {
        matches!(
            f.kind,
            FurnitureKind::RunningHeader | FurnitureKind::RunningFooter
        )
    })
}

/// How far, in points, the middles of centred lines (or the left edges of flush lines) may stray.
const AXIS_SLACK: f32 = 3.0;

/// The fields of the running headers and footers of the pages after the title page, where a header
/// is cut into fields by " / " or " | " ("Federal Register / Vol. 85, No. 152 / … / Proposed Rules"),
/// lower-cased. Such a field names the publication or its section; printed large on the title page it
/// is a masthead, not the document's title.
fn running_header_fields(doc: &Document, pages: (u32, u32)) -> Vec<String> {
    let mut fields: Vec<String> = running_furniture(doc)
        .filter(|f| f.page.is_some_and(|p| p > pages.1))
        .flat_map(|f| {
            let parts: Vec<String> = f
                .text
                .split(" / ")
                .flat_map(|p| p.split(" | "))
                .map(|p| collapse_whitespace(p).to_lowercase())
                .filter(|p| !p.is_empty())
                .collect();
            if parts.len() >= 2 {
                parts
            } else {
                Vec::new()
            }
        })
        .collect();
    fields.sort();
    fields.dedup();
    fields
}

/// "ARBETSFÖRMEDLINGEN" → "Arbetsförmedlingen"; a name in mixed case is kept.
fn authority_name(genitive_stem: &str) -> String {
    let name = collapse_whitespace(genitive_stem);
    if name.chars().any(char::is_lowercase) {
        return name;
    }
    let lower = name.to_lowercase();
    let mut chars = lower.chars();
    chars
        .next()
        .map(|c| c.to_uppercase().chain(chars).collect())
        .unwrap_or_default()
}

/// The number of the document in its series, from the title page's identifier lines, else from a
/// running header or footer that carries it, else a court's case number on the title page.
fn series_number(doc: &Document, pages: Option<(u32, u32)>) -> Option<String> {
    let page_blocks: Vec<String> = match pages {
        Some(pages) => doc
            .blocks
            .iter()
            .filter(|b| on_title_page(b.prov.page, pages))
            .map(|b| collapse_whitespace(&doc.repaired(b.prov.span)))
            .collect(),
        None => Vec::new(),
    };
    let short = |t: &str| t.split_whitespace().count() <= 6;
    // A line that is the number alone ("VERVAFS 2007:2AR" in its box) before a number inside a short
    // line (a title ending "…, VERVAFS 2007:2;" names the statute it belongs to).
    let alone = |t: &&String| {
        SERIES_NUMBER
            .find(t)
            .is_some_and(|m| m.as_str() == t.trim_end_matches(['.', ';', ',']))
    };
    if let Some(m) = page_blocks
        .iter()
        .filter(alone)
        .chain(page_blocks.iter().filter(|t| short(t)))
        .find_map(|t| SERIES_NUMBER.find(t))
    {
        return Some(m.as_str().to_string());
    }
    // "Dir." in a box, "2009:71" on the line below it.
    if let Some(at) = page_blocks.iter().position(|t| SERIES_ONLY.is_match(t)) {
        if let Some(n) = page_blocks[at + 1..]
            .iter()
            .find(|t| NUMBER_ONLY.is_match(t))
        {
            return Some(format!("{} {n}", page_blocks[at]));
        }
    }
    let running = most_frequent(
        running_furniture(doc)
            .filter(|f| short(&f.text))
            .filter_map(|f| SERIES_NUMBER.find(&f.text).map(|m| m.as_str().to_string())),
    );
    running.or_else(|| {
        page_blocks
            .iter()
            .find_map(|t| CASE_NUMBER.captures(t).map(|c| c[1].to_string()))
    })
}

/// The text of the title page: its blocks and the running headers and footers that stand on it (a
/// DOCX header part has no page and stands on every page).
fn title_page_text(doc: &Document, pages: (u32, u32)) -> String {
    let mut parts: Vec<String> = doc
        .blocks
        .iter()
        .filter(|b| on_title_page(b.prov.page, pages))
        .map(|b| doc.repaired(b.prov.span))
        .collect();
    parts.extend(
        running_furniture(doc)
            .filter(|f| f.page.is_none_or(|p| on_title_page(Some(p), pages)))
            .map(|f| f.text.clone()),
    );
    parts.join("\n")
}

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
    let header = running_furniture(doc).find(|f| kind_of(&fold(&f.text)).is_some())?;
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
    let pages = title_pages(doc);
    let (by_size, masthead_organisation) = match pages {
        Some(pages) => title_by_size(doc, pages),
        None => (None, None),
    };
    let title_page = pages.map(|p| title_page_text(doc, p)).unwrap_or_default();

    let title = by_size
        .clone()
        .or_else(|| block.as_ref().map(|(t, _)| t.clone()))
        .or_else(|| header.as_ref().map(|(t, _)| t.clone()));
    let kind = title
        .as_deref()
        .and_then(|t| kind_of(&fold(t)))
        .or_else(|| kind_of(&fold(prefix(&repaired_all, 4000))))
        .or(Some(DocKind::Other));

    let number = series_number(doc, pages);
    let number_year = number.as_deref().and_then(|n| {
        SERIES_NUMBER
            .captures(n)
            .and_then(|c| c[1].parse::<i32>().ok())
    });
    let year = number_year
        .or_else(|| title.as_deref().and_then(title_year))
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
        })
        .or_else(|| {
            // The title page's date.
            DATE.captures(&title_page).and_then(|c| {
                c.iter()
                    .skip(1)
                    .flatten()
                    .find_map(|m| m.as_str().parse::<i32>().ok())
            })
        });

    // A governing document (a plan, a report, a list of numbered uppdrag) names its organisation and
    // nämnd as its own; in any other document a name met in the text may be an example or a reference,
    // so it needs the title page, or to be named again and again.
    let governing = kind.is_some_and(|k| k != DocKind::Other)
        || NUMBERED_UPPDRAG.find_iter(&repaired_all).nth(1).is_some();
    let words = repaired_all.split_whitespace().count();
    let evident = |count: usize| governing || (count >= 3 && count * WORDS_PER_MENTION >= words);
    let organisation = organisation(&title_page)
        .or(masthead_organisation)
        .or_else(|| {
            let name = organisation(&repaired_all)?;
            let stem = name.trim_end_matches(" län");
            let count = repaired_all.matches(stem).count();
            evident(count).then_some(name)
        });

    let body_in = |text: &str| BODY.captures(text).map(|c| format!("{}en", &c[1]));
    let body = block
        .as_ref()
        .and_then(|(t, _)| body_in(t))
        .or_else(|| {
            header
                .as_ref()
                .and_then(|(_, b)| b.as_deref().and_then(body_in))
        })
        .or_else(|| by_size.as_deref().and_then(body_in))
        .or_else(|| {
            let named: Vec<String> = BODY
                .captures_iter(&repaired_all)
                .map(|c| format!("{}en", &c[1]))
                .collect();
            let best = most_frequent(named.iter().cloned())?;
            let count = named.iter().filter(|n| **n == best).count();
            evident(count).then_some(best)
        });

    let diarienummer = DNR.captures(&repaired_all).map(|c| c[1].replace(' ', ""));

    Metadata {
        kind,
        year,
        title,
        organisation,
        body,
        diarienummer,
        number,
    }
}

/// The year a title names: the latest year in it that is not part of a statute reference
/// ("(1999:175)" names a statute, not the year of the document).
fn title_year(title: &str) -> Option<i32> {
    YEAR.captures_iter(title)
        .filter(|c| {
            let end = c.get(1).map_or(0, |m| m.end());
            !title[end..].starts_with(':')
        })
        .filter_map(|c| c[1].parse::<i32>().ok())
        .max()
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
    fn series_numbers_and_identifier_lines() {
        let found = |t: &str| SERIES_NUMBER.find(t).map(|m| m.as_str().to_string());
        assert_eq!(found("SFS 1999:175").as_deref(), Some("SFS 1999:175"));
        assert_eq!(found("Dir. 2009:71").as_deref(), Some("Dir. 2009:71"));
        assert_eq!(found("RA-FS 2004:2").as_deref(), Some("RA-FS 2004:2"));
        assert_eq!(
            found("VERVAFS 2007:2AR").as_deref(),
            Some("VERVAFS 2007:2AR")
        );
        assert_eq!(found("förordningen (2006:816) om"), None);
        assert!(is_identifier("Saknr M 16"));
        assert!(is_identifier("2009:71"));
        assert!(is_identifier("Dir."));
        assert!(!is_identifier("(1999:175);"));
        assert!(!is_identifier("Rättsinformationsförordning;"));
        assert_eq!(
            CASE_NUMBER
                .captures("Mål nr meddelad i Stockholm den 4 november 2009 T 170-08")
                .map(|c| c[1].to_string())
                .as_deref(),
            Some("T 170-08")
        );
    }

    #[test]
    fn title_lines_join_broken_words_but_keep_hyphens_before_och() {
        let parts = |p: &[&str]| p.iter().map(|s| s.to_string()).collect::<Vec<_>>();
        assert_eq!(
            join_title(&parts(&["om statliga myn-", "digheters arbete;"])),
            "om statliga myndigheters arbete"
        );
        assert_eq!(
            join_title(&parts(&["Hälso-", "och sjukvårdsnämndens plan"])),
            "Hälso- och sjukvårdsnämndens plan"
        );
        assert_eq!(
            join_title(&parts(&["Pröva FST\n- information"])),
            "Pröva FST - information"
        );
    }

    #[test]
    fn a_statute_reference_in_a_title_is_not_its_year() {
        assert_eq!(
            title_year("Förordning om ändring i förordningen (1999:175)"),
            None
        );
        assert_eq!(title_year("Verksamhetsplan 2024–2026"), Some(2026));
    }

    #[test]
    fn authority_names_from_a_statute_book_masthead() {
        let stem = |t: &str| STATUTE_BOOK.captures(t).map(|c| authority_name(&c[1]));
        assert_eq!(
            stem("Statens jordbruksverks författningssamling").as_deref(),
            Some("Statens jordbruksverk")
        );
        assert_eq!(
            stem("ARBETSFÖRMEDLINGENS FÖRFATTNINGSSAMLING").as_deref(),
            Some("Arbetsförmedlingen")
        );
        assert_eq!(stem("Svensk författningssamling"), None);
    }

    #[test]
    fn a_name_met_once_in_a_long_guide_is_no_organisation() {
        let filler = "Bygglov prövas enligt plan- och bygglagen. ".repeat(400);
        let guide =
            format!("Samsynsguiden\n\n{filler}Ett exempel: Region Skåne äger marken.\n{filler}");
        let doc = Document::of_text(&guide);
        let m = detect(&doc);
        assert_eq!((m.organisation, m.body), (None, None));
        // A plan names its own organisation and nämnd.
        let plan = format!(
            "Verksamhetsplan 2026\nHälso- och sjukvårdsnämnden\n\n{filler}Region Örebro län ska …\n"
        );
        let m = detect(&Document::of_text(&plan));
        assert_eq!(m.organisation.as_deref(), Some("Region Örebro län"));
        assert_eq!(m.body.as_deref(), Some("Hälso- och sjukvårdsnämnden"));
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
