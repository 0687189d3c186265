//! Uppdrag and goals: found line by line with tolerant patterns, their text followed over line breaks,
//! blank lines and removed page headers, and set in context (issuer, recipient, goal, follow-up comment).

use super::lines::{self, looks_like_heading, Rules};
use super::status::status_of;
use super::table;
use crate::model::{
    collapse_whitespace, stable_id, BlockKind, Diagnostic, Document, Format, Goal, KeyBasis,
    Provenance, Span, Uppdrag,
};
use crate::text::{ends_sentence, split_lines, starts_lowercase, Line};
use regex::Regex;
use std::collections::HashMap;
use std::sync::LazyLock;

/// What the scan found.
pub struct Found {
    pub goals: Vec<Goal>,
    pub uppdrag: Vec<Uppdrag>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Who gives and who receives the uppdrag that follow; a goal heading sets the goal.
#[derive(Default)]
struct Context {
    issuer: Option<String>,
    /// True when the issuer was announced for several recipients ("… ger X följande uppdrag till …"),
    /// so that the "Uppdrag till Y:" lines that follow keep it.
    issuer_spans_recipients: bool,
    recipient: Option<String>,
    goal: Option<String>,
}

impl Context {
    /// "Uppdrag till Y:" names no issuer; it keeps one only from a "… ger X följande uppdrag till …"
    /// announcement, not from the "Uppdrag givna från …" of another block.
    fn given_to(&mut self, recipient: String) {
        if !self.issuer_spans_recipients {
            self.issuer = None;
        }
        self.recipient = Some(recipient);
    }
}

fn next_non_blank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].is_blank())
}

/// Where an item's text begins: after its label on line `i` when that line carries text (`text`, matched
/// in the line), else on the next line that is not blank. The line and the byte offset in the document.
fn text_begins(lines: &[Line], i: usize, text: Option<regex::Match>) -> (usize, usize) {
    match text {
        Some(t) => (i, lines[i].span.start + t.start()),
        None => {
            let k = next_non_blank(lines, i + 1).unwrap_or(i);
            (k, lines[k].span.start)
        }
    }
}

/// The last line of a text that starts on line `first`: it runs on over following lines, and over blank
/// lines when a sentence is visibly unfinished, until a structural line or a new sentence-paragraph.
fn extend(rules: &Rules, lines: &[Line], first: usize) -> usize {
    let mut last = first;
    let mut j = first + 1;
    while j < lines.len() {
        let line = lines[j];
        if line.is_blank() {
            match next_non_blank(lines, j) {
                Some(k)
                    if !ends_sentence(lines[last].text)
                        && starts_lowercase(lines[k].text)
                        && !rules.is_structural(lines[k].text)
                        && !lines::SUB_ITEM.is_match(lines[k].text) =>
                {
                    last = k;
                    j = k + 1;
                    continue;
                }
                _ => break,
            }
        }
        if rules.is_structural(line.text)
            || lines::SUB_ITEM.is_match(line.text)
            || (rules.profile.list_items && lines::LIST_ITEM.is_match(line.text))
            || gets_over_two_lines(lines, j)
        {
            break;
        }
        if ends_sentence(lines[last].text) && !starts_lowercase(line.text) {
            break;
        }
        last = j;
        j += 1;
    }
    last
}

/// "… Utöver detta får de även i" / "uppdrag:": a recipient line broken before its last word.
fn gets_over_two_lines(lines: &[Line], j: usize) -> bool {
    lines.get(j + 1).is_some_and(|next| {
        next.text.split_whitespace().count() <= 2
            && lines::GETS.is_match(&format!("{} {}", lines[j].text, next.text))
    })
}

/// The last line of a follow-up comment starting at line `first`: it runs until the next uppdrag, a
/// recipient line, a section or a heading, and in a list of uppdrag until the next item.
fn extend_comment(rules: &Rules, lines: &[Line], first: usize, in_list: bool) -> usize {
    let mut last = first;
    for (j, line) in lines.iter().enumerate().skip(first + 1) {
        if line.is_blank() {
            continue;
        }
        let new_paragraph = lines[j - 1].is_blank();
        if rules.is_structural(line.text)
            || looks_like_heading(line.text)
            || (in_list && lines::LIST_ITEM.is_match(line.text))
            || (in_list && new_paragraph && followed_by_comment(rules, lines, j))
        {
            break;
        }
        last = j;
    }
    last
}

/// Whether the text starting on line `j` is followed by a follow-up comment: in a report's list of
/// uppdrag, an uppdrag without a marker.
fn followed_by_comment(rules: &Rules, lines: &[Line], j: usize) -> bool {
    let last = extend(rules, lines, j);
    next_non_blank(lines, last + 1).is_some_and(|k| rules.comment.is_match(lines[k].text))
}

/// Trims a span to the text inside it, without surrounding whitespace.
fn trimmed(text: &str, span: Span) -> Span {
    let s = text.get(span.start..span.end).unwrap_or("");
    let start = span.start + (s.len() - s.trim_start().len());
    let end = span.end - (s.len() - s.trim_end().len());
    Span::new(start, end.max(start))
}

static BEFORE_VERB: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\s+(?:är|ar|dr|&r|ér)\s").expect("valid regex"));

/// The body named by a "… får i uppdrag:" paragraph; "Utöver detta får de även i uppdrag" refers back to
/// the subject of the sentence before.
fn recipient_of_gets(paragraph: &str) -> Option<String> {
    let sentences: Vec<&str> = paragraph.split(". ").collect();
    let last = sentences.last()?;
    let cap = lines::GETS.captures(last)?;
    let subject = cap[1].trim();
    let lower = subject.to_lowercase();
    let refers_back = lower.ends_with(" de")
        || lower == "de"
        || lower.starts_with("utöver")
        || lower.starts_with("utover");
    if refers_back && sentences.len() >= 2 {
        let previous = sentences[sentences.len() - 2];
        return BEFORE_VERB
            .split(previous)
            .next()
            .map(|s| s.trim().to_string());
    }
    (!subject.is_empty()).then(|| subject.to_string())
}

fn clean_party(text: &str) -> String {
    collapse_whitespace(text)
        .trim_end_matches([':', '.', ',', ' '])
        .to_string()
}

/// Words a sentence can open with that are not its subject: a cue phrase after them ("Om nämnden får
/// i uppdrag att …") states a condition or a report, not an uppdrag.
const NOT_A_SUBJECT: &[&str] = &[
    "om", "när", "då", "eftersom", "innan", "sedan", "att", "som", "därför", "men", "och", "eller",
    "tidigare", "varför", "hur", "vilket", "vilka", "där", "även", "dessutom", "också", "förra",
    "i", "under", "efter", "inför", "till", "för", "med", "enligt", "det", "den", "detta", "denna",
];

/// The uppdrag a sentence with a cue phrase gives: the subject is the recipient, the text runs from
/// the cue's "att" to the end of the sentence. Returns (recipient, span of the text).
fn cue_sentences(rules: &Rules, text: &str, base: usize) -> Vec<(String, Span)> {
    let Some(cue) = &rules.cue else {
        return vec![];
    };
    let mut out = Vec::new();
    for m in cue.find_iter(text) {
        // The sentence starts after the last ". " (or ": ") before the cue.
        let before = &text[..m.start()];
        let sentence_start = before.rfind(['.', ':', '!', '?', ';']).map_or(0, |k| k + 1);
        let subject = before[sentence_start..].trim();
        let words: Vec<&str> = subject.split_whitespace().collect();
        let first_ok = words.first().is_some_and(|w| {
            w.chars().next().is_some_and(char::is_uppercase)
                && !NOT_A_SUBJECT.contains(&w.to_lowercase().as_str())
        });
        if words.is_empty() || words.len() > 8 || !first_ok {
            continue;
        }
        // The sentence ends at ". " before a capital, or at the end of the paragraph.
        let after = &text[m.end()..];
        let mut end = text.len();
        let bytes = after.as_bytes();
        for (k, _) in after.match_indices('.') {
            let next = after[k + 1..].chars().next();
            let next2 = after[k + 1..].trim_start().chars().next();
            if next.is_none()
                || (next.is_some_and(char::is_whitespace) && next2.is_none_or(char::is_uppercase))
            {
                end = m.end() + k + 1;
                break;
            }
            let _ = bytes;
        }
        let matched = m.as_str();
        let start = match matched.rfind(|c: char| c.is_whitespace()) {
            Some(k) if matched[k..].trim().eq_ignore_ascii_case("att") => m.start() + k + 1,
            _ => m.end(),
        };
        if start < end {
            out.push((clean_party(subject), Span::new(base + start, base + end)));
        }
    }
    out
}

/// The paragraph that starts on line `i`, with its last line: the block that starts there, or without
/// blocks the lines up to the next blank line. `None` when no paragraph starts on the line.
fn paragraph_at(doc: &Document, lines: &[Line], i: usize) -> Option<(Span, usize)> {
    let line = lines[i];
    if line.is_blank() {
        return None;
    }
    let first = line.span.start + (line.text.len() - line.text.trim_start().len());
    let last_of = |end: usize| {
        (i..lines.len())
            .take_while(|&k| lines[k].span.start < end)
            .last()
            .unwrap_or(i)
    };
    if !doc.blocks.is_empty() {
        // Blocks are in text order: the first that starts on this line, found by halving.
        let k = doc
            .blocks
            .partition_point(|b| b.prov.span.start < line.span.start);
        let block = doc
            .blocks
            .get(k)
            .filter(|b| b.prov.span.start <= first.max(line.span.start))?;
        if block.kind == BlockKind::Heading {
            return None;
        }
        return Some((block.prov.span, last_of(block.prov.span.end)));
    }
    if i > 0 && !lines[i - 1].is_blank() {
        return None;
    }
    let last = (i..lines.len())
        .take_while(|&k| !lines[k].is_blank())
        .last()
        .unwrap_or(i);
    Some((Span::new(line.span.start, lines[last].span.end), last))
}

/// Whether the line starting at `offset` lies in a heading block.
fn in_heading(doc: &Document, offset: usize) -> bool {
    let k = doc.blocks.partition_point(|b| b.prov.span.start <= offset);
    k.checked_sub(1)
        .and_then(|k| doc.blocks.get(k))
        .is_some_and(|b| b.kind == BlockKind::Heading && offset < b.prov.span.end)
}

/// The short hash of an unnumbered uppdrag's text that, with its position, makes its key.
fn text_hash(text: &str) -> String {
    let id = stable_id("", &[&collapse_whitespace(text).to_lowercase()]);
    id.chars().take(6).collect()
}

/// Scans the document for goals and uppdrag.
pub fn scan(doc: &Document, rules: &Rules) -> Found {
    let lines = split_lines(&doc.text);
    let mut found = Found {
        goals: vec![],
        uppdrag: vec![],
        diagnostics: vec![],
    };
    let mut ctx = Context::default();
    let mut key_count: HashMap<String, usize> = HashMap::new();
    let mut unnumbered = 0usize;
    // Inside a list under an "Uppdrag" heading: its bullets and bare numbers are uppdrag.
    let mut in_list = false;
    // In a list, after a paragraph that announces its items ("… följande uppdrag:"): paragraphs
    // without a marker are items too.
    let mut announced = false;
    // Markers read apart from their items (see below): the number each awaits, if any.
    let mut pending: std::collections::VecDeque<Option<String>> = Default::default();
    let repaired = |span: Span| collapse_whitespace(&doc.repaired(span));
    let raw = |span: Span| collapse_whitespace(doc.slice(span));
    let prov = |span: Span| Provenance {
        span,
        page: doc.page_at(span.start),
        ..Default::default()
    };
    let mut new_uppdrag = |key: String, series: &str, number: u32, span: Span, ctx: &Context| {
        let n = key_count.entry(key.clone()).or_insert(0);
        *n += 1;
        let occurrence = n.to_string();
        let id = if *n == 1 {
            stable_id("u-", &[&doc.id, &key])
        } else {
            stable_id("u-", &[&doc.id, &key, &occurrence])
        };
        Uppdrag {
            id,
            key,
            key_basis: None,
            series: series.to_string(),
            number,
            number_end: None,
            sub: None,
            parent: None,
            text: repaired(span),
            text_raw: raw(span),
            issuer: ctx.issuer.clone(),
            recipient: ctx.recipient.clone(),
            goal: ctx.goal.clone(),
            page: doc.page_at(span.start),
            comment: None,
            comment_raw: None,
            status: None,
            prov: prov(span),
        }
    };
    // An unnumbered uppdrag's key: its position among the document's unnumbered uppdrag and a hash of
    // its text, so it stays the same on every run and differs from its neighbours'.
    let mut unnumbered_key = |text: &str| {
        unnumbered += 1;
        (
            format!("~{unnumbered}-{}", text_hash(text)),
            unnumbered as u32,
        )
    };

    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        let numbered = rules.uppdrag.captures(line.text).filter(|cap| {
            // "Uppdrag 3" alone on its line: the text is the paragraph below it.
            cap.name("text").is_some()
                || next_non_blank(&lines, i + 1).is_some_and(|k| {
                    !rules.is_structural(lines[k].text)
                        && lines[k].text.trim_start().starts_with(char::is_uppercase)
                })
        });
        if let Some(cap) = numbered {
            let (prefix, series) = rules.series_of(&cap["series"]);
            let number: u32 = cap["number"].parse().unwrap_or(0);
            let end_number: Option<u32> = cap.name("end").and_then(|m| m.as_str().parse().ok());
            let base = rules.key_of(&prefix, &number.to_string());
            let key = match end_number {
                Some(end) => format!("{base}-{end}"),
                None => base.clone(),
            };
            let (first, start) = text_begins(&lines, i, cap.name("text"));
            let last = extend(rules, &lines, first);
            let mut span = trimmed(&doc.text, Span::new(start, lines[last].span.end));
            // A recipient heading run into the uppdrag's last line ends the uppdrag and names the
            // recipient of the uppdrag that follow.
            let heading = doc
                .text
                .get(span.start..span.end)
                .and_then(|t| lines::GIVEN_TO_INLINE.captures(t))
                .and_then(|c| Some((c.get(1)?.start(), c.get(2)?.range())));
            let mut next_recipient = None;
            if let Some((at, recipient)) = heading {
                let recipient = Span::new(span.start + recipient.start, span.start + recipient.end);
                next_recipient = Some(clean_party(&collapse_whitespace(&doc.repaired(recipient))));
                span = trimmed(&doc.text, Span::new(span.start, span.start + at));
            }
            let mut parent = new_uppdrag(key.clone(), &series, number, span, &ctx);
            parent.number_end = end_number;
            if let Some(recipient) = next_recipient {
                ctx.given_to(recipient);
            }
            let mut items = vec![parent];
            i = last + 1;

            // Sub-items a., b., c. … directly under a numbered uppdrag.
            let mut expected = b'a';
            while end_number.is_none() {
                let Some(j) = next_non_blank(&lines, i) else {
                    break;
                };
                let Some(sub) = lines::SUB_ITEM.captures(lines[j].text) else {
                    break;
                };
                if sub[1].as_bytes()[0] != expected {
                    break;
                }
                let letter = (expected as char).to_string();
                let last = extend(rules, &lines, j);
                let start = lines[j].span.start + sub.get(2).map_or(0, |m| m.start());
                let span = trimmed(&doc.text, Span::new(start, lines[last].span.end));
                let mut item = new_uppdrag(format!("{base}{letter}"), &series, number, span, &ctx);
                item.sub = Some(letter);
                item.parent = Some(key.clone());
                items.push(item);
                expected += 1;
                i = last + 1;
            }
            i = follow_up(doc, rules, &lines, i, &mut items, false);
            found.uppdrag.extend(items);
            continue;
        }

        let goal = rules.goal.captures(line.text).filter(|cap| {
            cap.name("text").is_some()
                || (cap.name("number").is_some()
                    && next_non_blank(&lines, i + 1).is_some_and(|k| {
                        !rules.is_structural(lines[k].text)
                            && lines[k].text.trim_start().starts_with(char::is_uppercase)
                    }))
        });
        if let Some(cap) = goal {
            let label = rules
                .goal_labels
                .which(&cap["label"])
                .unwrap_or(&cap["label"])
                .to_string();
            let written = cap.name("number").map(|m| m.as_str().to_string());
            let number: Option<u32> = written.as_deref().and_then(|n| n.parse().ok());
            let key = match &written {
                Some(n) => format!("{label} {n}"),
                None => label.clone(),
            };
            let (first, start) = text_begins(&lines, i, cap.name("text"));
            let last = extend(rules, &lines, first);
            let span = trimmed(&doc.text, Span::new(start, lines[last].span.end));
            let text = repaired(span);
            let text_raw = raw(span);
            // A case number is no goal: "Mål: T 170-08".
            let first_line = cap.name("text").map_or(text_raw.as_str(), |m| m.as_str());
            let words = first_line
                .split_whitespace()
                .filter(|w| w.chars().filter(|c| c.is_alphabetic()).count() >= 2)
                .count();
            if words < 2 {
                i += 1;
                continue;
            }
            let seen = found
                .goals
                .iter()
                .any(|g| g.key == key && (written.is_some() || g.text_raw == text_raw));
            if !seen {
                found.goals.push(Goal {
                    id: stable_id("g-", &[&doc.id, &key, &text_raw]),
                    key: key.clone(),
                    label,
                    number,
                    text,
                    text_raw,
                    prov: prov(span),
                });
            }
            ctx.goal = Some(key);
            in_list = false;
            announced = false;
            i = last + 1;
            continue;
        }

        // Bullets and bare numbers in a list under an "Uppdrag" heading.
        if in_list && !line.is_blank() {
            // Markers alone on their lines: PDF text can give a list's bullets or numbers apart from
            // the items' text; as many paragraphs as markers follow are items.
            if lines::MARKER_ONLY.is_match(line.text) {
                let mut k = i;
                let mut markers = Vec::new();
                while k < lines.len()
                    && (lines[k].is_blank() || lines::MARKER_ONLY.is_match(lines[k].text))
                {
                    if let Some(c) = lines::MARKER_ONLY.captures(lines[k].text) {
                        markers.push(c.get(1).map(|m| m.as_str().to_string()));
                    }
                    k += 1;
                }
                pending = markers.into_iter().collect();
                i = k;
                continue;
            }
            let last = extend(rules, &lines, i);
            let whole = Span::new(line.span.start, lines[last].span.end);
            let marked = lines::LIST_ITEM
                .captures(line.text)
                .filter(|_| !in_heading(doc, line.span.start) || ends_sentence(doc.slice(whole)));
            let followed_up = next_non_blank(&lines, last + 1)
                .is_some_and(|k| rules.comment.is_match(lines[k].text));
            let has_cue = rules
                .cue
                .as_ref()
                .is_some_and(|c| c.is_match(doc.slice(whole)));
            let plain = marked.is_none()
                && !ends_sentence_with_colon(doc.slice(whole))
                && (!pending.is_empty() || followed_up || (announced && !has_cue))
                && (!pending.is_empty()
                    || i == 0
                    || lines[i - 1].is_blank()
                    || doc.source.format == Format::Docx)
                && line.text.trim_start().starts_with(char::is_uppercase)
                && !rules.is_structural(line.text)
                && !in_heading(doc, line.span.start);
            if marked.is_some() || plain {
                let (start, written) = match &marked {
                    Some(cap) => (
                        line.span.start + cap.get(2).map_or(0, |m| m.start()),
                        cap.get(1).map(|m| m.as_str().to_string()),
                    ),
                    None => (line.span.start, pending.pop_front().flatten()),
                };
                let span = trimmed(&doc.text, Span::new(start, lines[last].span.end));
                let words = doc.slice(span).split_whitespace().count();
                // A bare number before a few words without a full stop is a numbered heading.
                if written.is_none() || words >= 4 || ends_sentence(doc.slice(span)) {
                    let item = match written {
                        Some(n) => {
                            let (series, number) = match n.split_once('.') {
                                Some((a, b)) => (a, b),
                                None => ("", n.as_str()),
                            };
                            let number = number.parse().unwrap_or(0);
                            new_uppdrag(n.clone(), series, number, span, &ctx)
                        }
                        None => {
                            let (key, number) = unnumbered_key(&raw(span));
                            let mut u = new_uppdrag(key, "~", number, span, &ctx);
                            u.key_basis = Some(KeyBasis::PositionAndText);
                            u
                        }
                    };
                    let mut items = vec![item];
                    i = follow_up(doc, rules, &lines, last + 1, &mut items, true);
                    found.uppdrag.extend(items);
                    continue;
                }
            }
        }
        pending.clear();

        // Context paragraphs: who gives the uppdrag that follow, and to whom.
        let para_last = if doc.source.format == Format::Docx {
            // A DOCX line is a paragraph of its own.
            i
        } else {
            let mut k = i;
            while k + 1 < lines.len()
                && k < i + 3
                && !lines[k + 1].is_blank()
                && !rules.uppdrag.is_match(lines[k + 1].text)
            {
                k += 1;
            }
            k
        };
        let para_span = Span::new(line.span.start, lines[para_last].span.end);
        let paragraph = collapse_whitespace(&doc.repaired(para_span));
        if let Some(cap) = lines::GIVEN_FROM.captures(&paragraph) {
            ctx.issuer = Some(clean_party(&cap[1]));
            ctx.issuer_spans_recipients = false;
            ctx.recipient = Some(clean_party(&cap[2]));
        } else if let Some(cap) = lines::GIVES.captures(&paragraph) {
            ctx.issuer = Some(clean_party(&cap[1]));
            ctx.issuer_spans_recipients = true;
            ctx.recipient = Some(clean_party(&cap[2]));
        } else if let Some(cap) = lines::ANNOUNCES
            .captures(&paragraph)
            .or_else(|| lines::ANNOUNCES.captures(line.text))
        {
            ctx.issuer = Some(clean_party(&cap[1]));
            ctx.issuer_spans_recipients = false;
            ctx.recipient = cap.get(3).or(cap.get(2)).map(|m| clean_party(m.as_str()));
            announced = in_list;
        } else if let Some(cap) = lines::GIVEN_TO.captures(&paragraph) {
            ctx.given_to(clean_party(&cap[1]));
            in_list |= rules.profile.list_items;
            announced = false;
        } else if lines::GETS.is_match(&paragraph) {
            // The whole paragraph: "… får de även i" / "uppdrag:" can break over two lines.
            if let Some(r) = recipient_of_gets(&paragraph) {
                ctx.recipient = Some(clean_party(&r));
            }
        } else if rules.uppdrag_heading.is_match(line.text) {
            ctx.goal = None;
            if rules.profile.list_items {
                // A new list of uppdrag names its own parties.
                ctx.issuer = None;
                ctx.recipient = None;
            }
            in_list = rules.profile.list_items;
            announced = false;
        } else if lines::NUMBERED_HEADING.is_match(line.text)
            || lines::SECTION.is_match(line.text)
            || (looks_like_heading(line.text)
                && i > 0
                && lines[i - 1].is_blank()
                && lines.get(i + 1).is_none_or(|l| l.is_blank()))
        {
            ctx.goal = None;
            in_list = false;
            announced = false;
        } else if let Some((pspan, plast)) = paragraph_at(doc, &lines, i) {
            // An uppdrag stated in a sentence: "Nämnden ges i uppdrag att …".
            let sentences = cue_sentences(rules, doc.slice(pspan), pspan.start);
            if !sentences.is_empty() {
                let mut items = Vec::new();
                for (recipient, span) in sentences {
                    let span = trimmed(&doc.text, span);
                    let (key, number) = unnumbered_key(&raw(span));
                    let mut u = new_uppdrag(key, "~", number, span, &ctx);
                    u.key_basis = Some(KeyBasis::PositionAndText);
                    u.recipient = Some(recipient);
                    items.push(u);
                }
                i = follow_up(doc, rules, &lines, plast + 1, &mut items, in_list);
                found.uppdrag.extend(items);
                continue;
            }
            // A paragraph that is not an item and does not announce items (":") ends a list; one
            // that starts in lower case is a piece of text out of order and does not.
            let text = doc.slice(pspan);
            if in_list && ends_sentence_with_colon(text) {
                announced = true;
            } else if in_list && !starts_lowercase(text) {
                in_list = false;
                announced = false;
            }
        }
        i += 1;
    }

    let tabled = table::scan(doc, rules, &found.goals);
    if !tabled.is_empty() {
        for (n, mut u) in tabled.into_iter().enumerate() {
            if u.key_basis.is_some() {
                let (key, number) = unnumbered_key(&u.text_raw);
                u.key = key;
                u.number = number;
            }
            let count = key_count.entry(u.key.clone()).or_insert(0);
            *count += 1;
            u.id = if *count == 1 {
                stable_id("u-", &[&doc.id, &u.key])
            } else {
                stable_id("u-", &[&doc.id, &u.key, &count.to_string()])
            };
            let _ = n;
            found.uppdrag.push(u);
        }
        found.uppdrag.sort_by_key(|u| u.prov.span.start);
    }

    let mut repeated: Vec<(&String, &usize)> = key_count.iter().filter(|(_, &c)| c > 1).collect();
    repeated.sort();
    for (key, count) in repeated {
        found.diagnostics.push(Diagnostic::warning(
            "detect.duplicate_uppdrag",
            format!("uppdrag {key} occurs {count} times; later occurrences get ids of their own"),
        ));
    }
    found
}

fn ends_sentence_with_colon(text: &str) -> bool {
    text.trim_end().ends_with(':')
}

/// A follow-up comment after the uppdrag just read (in reports): from line `i`, a "Kommentar" or
/// "Status:" line and what follows it. Sets the comment and status of the items that are not
/// sub-items and returns the line after the comment (or `i` when there is none).
fn follow_up(
    doc: &Document,
    rules: &Rules,
    lines: &[Line],
    i: usize,
    items: &mut [Uppdrag],
    in_list: bool,
) -> usize {
    let Some(j) = next_non_blank(lines, i) else {
        return i;
    };
    let Some(c) = rules.comment.captures(lines[j].text) else {
        return i;
    };
    let inline = c.get(1).filter(|m| !m.as_str().trim().is_empty());
    let (first, start) = match inline {
        Some(m) => (j, lines[j].span.start + m.start()),
        None => (
            j + 1,
            lines.get(j + 1).map_or(lines[j].span.end, |l| l.span.start),
        ),
    };
    let last = if first < lines.len() {
        extend_comment(rules, lines, first, in_list)
    } else {
        j
    };
    let end = lines[last.max(j)].span.end;
    let span = trimmed(&doc.text, Span::new(start.min(end), end));
    if span.is_empty() {
        return i;
    }
    let comment = collapse_whitespace(&doc.repaired(span));
    let status = status_of(rules, &comment);
    for item in items.iter_mut().filter(|u| u.sub.is_none()) {
        item.comment = Some(comment.clone());
        item.comment_raw = Some(collapse_whitespace(doc.slice(span)));
        item.status = status;
    }
    last.max(j) + 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Found {
        scan(
            &Document::of_text(text),
            &Rules::new(crate::detect::Profile::orebro()),
        )
    }

    #[test]
    fn a_recipient_heading_run_into_an_uppdrag_line_ends_it_and_names_the_next_recipient() {
        // As Tesseract read the scanned 2026 plan: the heading joined the line of Ber nr 3.
        let found = scan_text(
            "Uppdrag till Beredningen för somatisk specialistsjukvård\n\n\
             Ber nr 3. Följa arbetet med nationell högspecialiserad vård Uppdrag till Beredningen för somatisk\n\
             specialistsjukvård samt högspecialiserad vård, Beredningen för psykiatri och Beredningen för\n\
             nära vård:\n\n\
             Ber nr 4. Följa implementering av Överenskommelsen om hälso- och sjukvård i hemmet.\n",
        );
        let [three, four] = &found.uppdrag[..] else {
            panic!("two uppdrag expected: {:?}", found.uppdrag);
        };
        assert_eq!(
            three.text,
            "Följa arbetet med nationell högspecialiserad vård"
        );
        assert_eq!(
            three.recipient.as_deref(),
            Some("Beredningen för somatisk specialistsjukvård")
        );
        assert_eq!(
            four.recipient.as_deref(),
            Some(
                "Beredningen för somatisk specialistsjukvård samt högspecialiserad vård, \
                 Beredningen för psykiatri och Beredningen för nära vård"
            )
        );
        // A sentence that merely mentions "uppdrag till" is left whole.
        let found = scan_text("Nr 4. Att ge uppdrag till förvaltningen om lokaler.\n");
        assert_eq!(
            found.uppdrag[0].text,
            "Att ge uppdrag till förvaltningen om lokaler."
        );
    }

    #[test]
    fn recipient_refers_back_to_the_previous_sentence() {
        let p = "Hälso- och sjukvårdsnämndens beredningar är fria att styra över sin verksamhetsplanering. Utöver detta får de även i uppdrag:";
        assert_eq!(
            recipient_of_gets(p).as_deref(),
            Some("Hälso- och sjukvårdsnämndens beredningar")
        );
        assert_eq!(
            recipient_of_gets("Hälso- och sjukvårdsförvaltningen får i uppdrag:").as_deref(),
            Some("Hälso- och sjukvårdsförvaltningen")
        );
    }
}
