//! Joins a word broken at a line end ("be-\naktas" → "beaktas"), but only when the joined form is a Swedish
//! word (lexicon, Hunspell, corpus or the document's own vocabulary) and the hyphen is not the written
//! form: "hälso-\noch sjukvård", "ALF-\nutvärderingen" and "hjärt-\nkärlsjukdom" keep theirs.

use super::candidates::Lexicon;
use super::lexicon::HYPHENATED_PARTS;
use super::tokens::{Token, TokenKind};
use super::Needs;
use crate::model::{Repair, Span};
use crate::text::fold;
use std::collections::HashSet;

/// Words after a line-end hyphen that make it the hyphen of a suspended compound.
const CONJUNCTIONS: &[&str] = &["och", "eller", "respektive", "samt", "till", "som"];

/// The dehyphenation repairs of a text (each spans both halves, so the joined word is repaired whole).
pub fn find(
    text: &str,
    toks: &[Token],
    lex: &mut Lexicon,
    needs_at: impl Fn(usize) -> Needs,
) -> Vec<Repair> {
    let breaks: Vec<usize> = (0..toks.len().saturating_sub(1))
        .filter(|&i| is_break(text, &toks[i], &toks[i + 1]))
        .collect();
    if breaks.is_empty() {
        return Vec::new();
    }
    // The document's own words, and the hyphenated forms it writes on one line.
    let mut vocabulary: HashSet<String> = HashSet::new();
    let mut hyphenated: HashSet<String> = HashSet::new();
    for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
        vocabulary.insert(t.text.to_lowercase());
        if t.joined_by_hyphen {
            if let Some(chunk) = text.get(t.chunk.start..t.chunk.end) {
                let chunk = chunk.trim_matches(|c: char| !c.is_alphanumeric());
                hyphenated.insert(chunk.to_lowercase());
            }
        }
    }
    let mut out = Vec::new();
    for i in breaks {
        let (a, b) = (&toks[i], &toks[i + 1]);
        let joined = format!("{}{}", a.text, b.text).to_lowercase();
        let written = format!("{}-{}", a.text, b.text).to_lowercase();
        let seen_joined = vocabulary.contains(&joined) || lex.is_listed(&joined);
        let kept_hyphen = hyphenated.contains(&written)
            || HYPHENATED_PARTS.contains(&a.text.to_lowercase())
            || lex.corpus.is_some_and(|c| c.has_hyphenated(&written))
            || (!seen_joined && lex.speller.check(&written));
        if kept_hyphen {
            continue;
        }
        let known = vocabulary.contains(&joined)
            || lex.is_listed(&joined)
            || lex.speller.check_any_case(&joined);
        let form = if known {
            Some(joined.clone())
        } else if needs_at(a.span.start).diacritics {
            lex.known(&fold(&joined)).first().map(|(f, _)| f.clone())
        } else {
            None
        };
        let Some(form) = form else {
            continue;
        };
        let span = Span::new(a.span.start, b.span.end);
        let original = text.get(span.start..span.end).unwrap_or("").to_string();
        let replacement = if a.text.chars().next().is_some_and(char::is_uppercase) {
            super::lexicon::capitalize(&form)
        } else {
            form
        };
        out.push(Repair {
            span,
            original,
            replacement,
            rule: "dehyphenate".to_string(),
            confidence: if known { 0.95 } else { 0.8 },
            applied: true,
        });
    }
    out
}

/// A word, a hyphen ending its line, and a lowercase word starting the next line.
fn is_break(text: &str, a: &Token, b: &Token) -> bool {
    if !a.suspended || a.kind != TokenKind::Word || b.kind != TokenKind::Word || a.all_caps {
        return false;
    }
    if !b.text.chars().next().is_some_and(char::is_lowercase) {
        return false;
    }
    if CONJUNCTIONS.contains(&b.text) {
        return false;
    }
    text.get(a.span.end..b.span.start).is_some_and(|gap| {
        let rest = gap.strip_prefix('-').unwrap_or("");
        rest.chars().all(char::is_whitespace) && rest.matches('\n').count() == 1
    })
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{FREQUENCIES, SPELLER};
    use super::super::tokens::tokens;
    use super::*;

    fn joins(text: &str) -> Vec<String> {
        let toks = tokens(text);
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        find(text, &toks, &mut lex, |_| Needs::default())
            .into_iter()
            .map(|r| r.replacement)
            .collect()
    }

    #[test]
    fn joins_a_word_broken_at_a_line_end() {
        assert_eq!(joins("Det ska be-\naktas i planen."), ["beaktas"]);
        assert_eq!(
            joins("kompetens-\nförsörjningen"),
            ["kompetensförsörjningen"]
        );
    }

    #[test]
    fn keeps_real_hyphens() {
        assert!(joins("hälso-\noch sjukvård").is_empty());
        assert!(joins("den nu färdiga ALF-\nutvärderingen").is_empty());
        assert!(joins("hjärt-kärlsjukdom och hjärt-\nkärlsjukdom").is_empty());
        assert!(joins("som hjärt-\nkärlsjukdom").is_empty());
        assert!(joins("1177-\ndirekt").is_empty());
        assert!(joins("xqz-\nvbnm").is_empty());
    }
}
