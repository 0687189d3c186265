//! Uppdrag and goals: found line by line with tolerant patterns, their text followed over line breaks,
//! blank lines and removed page headers, and set in context (issuer, recipient, goal, follow-up comment).

use super::lines::{
    self, ends_sentence, is_structural, looks_like_heading, starts_lowercase, Line,
};
use super::status::status_of;
use crate::model::{
    collapse_whitespace, stable_id, Diagnostic, Document, Goal, Provenance, Span, Uppdrag,
};
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

/// The last line of a text that starts on line `first`: it runs on over following lines, and over blank
/// lines when a sentence is visibly unfinished, until a structural line or a new sentence-paragraph.
fn extend(lines: &[Line], first: usize) -> usize {
    let mut last = first;
    let mut j = first + 1;
    while j < lines.len() {
        let line = lines[j];
        if line.is_blank() {
            match next_non_blank(lines, j) {
                Some(k)
                    if !ends_sentence(lines[last].text)
                        && starts_lowercase(lines[k].text)
                        && !is_structural(lines[k].text)
                        && !lines::SUB_ITEM.is_match(lines[k].text) =>
                {
                    last = k;
                    j = k + 1;
                    continue;
                }
                _ => break,
            }
        }
        if is_structural(line.text)
            || lines::SUB_ITEM.is_match(line.text)
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
/// recipient line, a section or a heading.
fn extend_comment(lines: &[Line], first: usize) -> usize {
    let mut last = first;
    for (j, line) in lines.iter().enumerate().skip(first + 1) {
        if line.is_blank() {
            continue;
        }
        if is_structural(line.text) || looks_like_heading(line.text) {
            break;
        }
        last = j;
    }
    last
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

/// Scans the document for goals and uppdrag.
pub fn scan(doc: &Document) -> Found {
    let lines = lines::split(&doc.text);
    let mut found = Found {
        goals: vec![],
        uppdrag: vec![],
        diagnostics: vec![],
    };
    let mut ctx = Context::default();
    let mut key_count: HashMap<String, usize> = HashMap::new();
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

    let mut i = 0;
    while i < lines.len() {
        let line = lines[i];
        if let Some(cap) = lines::UPPDRAG.captures(line.text) {
            let series = cap.get(1).map_or("", |m| m.as_str());
            let number: u32 = cap[2].parse().unwrap_or(0);
            let end_number: Option<u32> = cap.get(3).and_then(|m| m.as_str().parse().ok());
            let prefix = if series.is_empty() {
                "Nr".to_string()
            } else {
                format!("{series} nr")
            };
            let key = match end_number {
                Some(end) => format!("{prefix} {number}-{end}"),
                None => format!("{prefix} {number}"),
            };
            let last = extend(&lines, i);
            let start = line.span.start + cap.get(4).map_or(0, |m| m.start());
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
            let mut parent = new_uppdrag(key.clone(), series, number, span, &ctx);
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
                let last = extend(&lines, j);
                let start = lines[j].span.start + sub.get(2).map_or(0, |m| m.start());
                let span = trimmed(&doc.text, Span::new(start, lines[last].span.end));
                let mut item = new_uppdrag(
                    format!("{prefix} {number}{letter}"),
                    series,
                    number,
                    span,
                    &ctx,
                );
                item.sub = Some(letter);
                item.parent = Some(key.clone());
                items.push(item);
                expected += 1;
                i = last + 1;
            }

            // A follow-up comment, in reports.
            if let Some(j) = next_non_blank(&lines, i) {
                if let Some(c) = lines::COMMENT.captures(lines[j].text) {
                    let inline = c.get(1).filter(|m| !m.as_str().trim().is_empty());
                    let (first, start) = match inline {
                        Some(m) => (j, lines[j].span.start + m.start()),
                        None => (
                            j + 1,
                            lines.get(j + 1).map_or(lines[j].span.end, |l| l.span.start),
                        ),
                    };
                    let last = if first < lines.len() {
                        extend_comment(&lines, first)
                    } else {
                        j
                    };
                    let end = lines[last.max(j)].span.end;
                    let span = trimmed(&doc.text, Span::new(start.min(end), end));
                    if !span.is_empty() {
                        let comment = repaired(span);
                        let status = status_of(&comment);
                        for item in items.iter_mut().filter(|u| u.sub.is_none()) {
                            item.comment = Some(comment.clone());
                            item.comment_raw = Some(raw(span));
                            item.status = status;
                        }
                        i = last.max(j) + 1;
                    }
                }
            }
            found.uppdrag.extend(items);
            continue;
        }

        if let Some(cap) = lines::GOAL.captures(line.text) {
            let label = normalize_goal_label(&cap[1]);
            let number: Option<u32> = cap.get(2).and_then(|m| m.as_str().parse().ok());
            let key = match number {
                Some(n) => format!("{label} {n}"),
                None => label.to_string(),
            };
            let last = extend(&lines, i);
            let start = line.span.start + cap.get(3).map_or(0, |m| m.start());
            let span = trimmed(&doc.text, Span::new(start, lines[last].span.end));
            let text = repaired(span);
            let text_raw = raw(span);
            let seen = found
                .goals
                .iter()
                .any(|g| g.key == key && (number.is_some() || g.text_raw == text_raw));
            if !seen {
                found.goals.push(Goal {
                    id: stable_id("g-", &[&doc.id, &key, &text_raw]),
                    key: key.clone(),
                    label: label.to_string(),
                    number,
                    text,
                    text_raw,
                    prov: prov(span),
                });
            }
            ctx.goal = Some(key);
            i = last + 1;
            continue;
        }

        // Context paragraphs: who gives the uppdrag that follow, and to whom.
        let para_last = {
            let mut k = i;
            while k + 1 < lines.len()
                && k < i + 3
                && !lines[k + 1].is_blank()
                && !lines::UPPDRAG.is_match(lines[k + 1].text)
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
        } else if let Some(cap) = lines::GIVEN_TO.captures(&paragraph) {
            ctx.given_to(clean_party(&cap[1]));
        } else if lines::GETS.is_match(&paragraph) {
            // The whole paragraph: "… får de även i" / "uppdrag:" can break over two lines.
            if let Some(r) = recipient_of_gets(&paragraph) {
                ctx.recipient = Some(clean_party(&r));
            }
        } else if lines::UPPDRAG_HEADING.is_match(line.text)
            || lines::NUMBERED_HEADING.is_match(line.text)
            || lines::SECTION.is_match(line.text)
            || (looks_like_heading(line.text)
                && i > 0
                && lines[i - 1].is_blank()
                && lines.get(i + 1).is_none_or(|l| l.is_blank()))
        {
            ctx.goal = None;
        }
        i += 1;
    }

    for (key, count) in key_count.iter().filter(|(_, &c)| c > 1) {
        found.diagnostics.push(Diagnostic::warning(
            "detect.duplicate_uppdrag",
            format!("uppdrag {key} occurs {count} times; later occurrences get ids of their own"),
        ));
    }
    found
}

fn normalize_goal_label(label: &str) -> &'static str {
    let lower = label.to_lowercase();
    if lower.starts_with("effekt") {
        "Effektmål"
    } else if lower.starts_with("mals") || lower.starts_with("måls") {
        "Målsättning"
    } else {
        "Mål"
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn scan_text(text: &str) -> Found {
        scan(&Document::of_text(text))
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
