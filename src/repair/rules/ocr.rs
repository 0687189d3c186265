//! The OCR rules that are not word spellings: a lone `|` read for I or i, a lone 1 read for the preposition
//! i, and a capital Tesseract put on a word's first l or ö inside running text.

use super::super::candidates::Lexicon;
use super::super::context::runs_on;
use super::super::tokens::{Token, TokenKind};
use crate::text::fold;

/// Tesseract's English model reads a word's first "l" as "L" and its first "ö" as "O" ("Länet",
/// "Levnadsvanor", "Över" inside a sentence). In OCR text, such a capital inside running text (the word
/// before it lowercase, not ending a sentence, on the same line or the line just before: a blank line
/// sets a heading apart) is lowered when the word, repaired or as written, is a common word Hunspell
/// accepts in lowercase (so not a name: "Lindesberg", "Lars").
pub(crate) fn ocr_initial_case(
    text: &str,
    prev: Option<&Token>,
    t: &Token,
    decided: Option<(String, f32, &'static str)>,
    lex: &Lexicon,
) -> Option<(String, f32, &'static str)> {
    let word = decided.as_ref().map_or(t.text, |d| d.0.as_str());
    let mut chars = word.chars();
    let Some(first) = chars.next() else {
        return decided;
    };
    let rest = chars.as_str();
    // Across a line break the capital may open a heading or a list item ("Om" after an item that ends
    // without a full stop): it is lowered there only when the word itself was misread ("Over" → "Över").
    let respelled = decided.as_ref().is_some_and(|d| fold(&d.0) != fold(t.text));
    let running = prev.is_some_and(|p| {
        p.text.chars().next().is_some_and(char::is_lowercase)
            && runs_on(text, p, t, usize::from(respelled))
    });
    let misread = matches!(first, 'L' | 'O' | 'Ö') && !rest.chars().any(char::is_uppercase);
    if !(running && misread) {
        return decided;
    }
    let lowered: String = first.to_lowercase().chain(rest.chars()).collect();
    if lex.score(&lowered) < 2.0 || !lex.speller.check(&lowered) {
        return decided;
    }
    let confidence = decided.as_ref().map_or(0.9, |d| d.1);
    Some((lowered, confidence, "ocr"))
}

pub(crate) fn starts_sentence(text: &str, prev: Option<&Token>, t: &Token) -> bool {
    match prev {
        None => true,
        Some(p) => {
            p.ends_sentence
                || text.get(p.span.end..t.span.start).is_none_or(|gap| {
                    gap.contains("\n\n") || gap.chars().any(|c| !c.is_whitespace() && c != ',')
                })
        }
    }
}

pub(crate) fn lower_word(t: Option<&Token>) -> bool {
    t.is_some_and(|t| {
        matches!(t.kind, TokenKind::Word | TokenKind::Ocr)
            && t.text.chars().next().is_some_and(char::is_lowercase)
    })
}

/// A lone `|` before a word: a capital I at the start of a sentence, else the preposition i.
pub(crate) fn pipe(
    text: &str,
    prev: Option<&Token>,
    t: &Token,
    next: Option<&Token>,
) -> Option<(String, f32, &'static str)> {
    if !lower_word(next) {
        return None;
    }
    let replacement = if starts_sentence(text, prev, t) {
        "I"
    } else {
        "i"
    };
    Some((replacement.to_string(), 0.8, "ocr"))
}

/// Words after which a lone 1 is a number, not an OCR'd i.
pub(crate) const NUMBERED: &[&str] = &[
    "nr",
    "sida",
    "kapitel",
    "bilaga",
    "punkt",
    "steg",
    "fas",
    "niva",
    "version",
    "avsnitt",
    "del",
    "klass",
    "typ",
    "grupp",
    "kvartal",
    "tertial",
    "mal",
    "effektmal",
    "uppdrag",
    "den",
    "per",
];

/// Words (folded) before which a lone 1 is a number: dates and units.
pub(crate) const COUNTED: &[&str] = &[
    // References to a place in a statute or a text: "1 kap. 5 §", "1 st.", "1 p.", "1 art.".
    "kap",
    "st",
    "stycket",
    "p",
    "punkten",
    "art",
    "artikel",
    "avd",
    "mom",
    "bil",
    "sid",
    "januari",
    "februari",
    "mars",
    "april",
    "maj",
    "juni",
    "juli",
    "augusti",
    "september",
    "oktober",
    "november",
    "december",
    "procent",
    "kr",
    "kronor",
    "mnkr",
    "tkr",
    "miljon",
    "miljard",
    "ar",
    "manad",
    "vecka",
    "dag",
    "timme",
    "person",
    "patient",
    "av",
];

/// A lone 1 between two lowercase words of a sentence ("ekonomi 1 balans") is the preposition i.
pub(crate) fn lone_one(
    text: &str,
    prev: Option<&Token>,
    t: &Token,
    next: Option<&Token>,
) -> Option<(String, f32, &'static str)> {
    let p = prev?;
    if !lower_word(Some(p)) || !lower_word(next) || starts_sentence(text, prev, t) {
        return None;
    }
    if NUMBERED.contains(&fold(p.text).as_str()) || COUNTED.contains(&fold(next?.text).as_str()) {
        return None;
    }
    let gap_ok = |a: usize, b: usize| {
        text.get(a..b)
            .is_some_and(|g| g.chars().all(char::is_whitespace))
    };
    if !gap_ok(t.span.end, next?.span.start) {
        return None;
    }
    Some(("i".to_string(), 0.75, "ocr"))
}
