//! The document text as lines with their byte offsets, and the line classes detection is built from.
//!
//! Patterns are tolerant on purpose: OCR turns "Hälso- och sjukvårdsförvaltningen får i uppdrag" into
//! "Hiilso- och sjukvardsforvaltningen far i uppdrag" and "Effektmål" into "Effektmal", and they must
//! still be recognised.

use crate::model::Span;
use regex::Regex;
use std::sync::LazyLock;

/// A line of the document text.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Splits text into lines, keeping byte offsets.
pub fn split(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for part in text.split('\n') {
        lines.push(Line {
            text: part,
            span: Span::new(start, start + part.len()),
        });
        start += part.len() + 1;
    }
    lines
}

/// An uppdrag line: `Nr 10. Att …`, `Nr. 56.`, `Nr 46 Att`, `HS nr 1.`, `Ber nr 4.`, `Uppdrag: Nr 17.`,
/// `Uppdrag: Nr 3 - 8.`, with an optional leading bullet. Groups: series, number, end of range, text.
pub static UPPDRAG: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:[•·»«*▪–—-][ \t]*)?(?:Uppdrag[ \t]*:[ \t]*)?(?:(HS|Ber)[ \t]+)?[Nn][Rr]\.?[ \t]*(\d{1,3})(?:[ \t]*[-–][ \t]*(\d{1,3}))?[ \t]*[.:]?[ \t]+(\p{Lu}.*)$",
    )
    .expect("valid regex")
});

/// A sub-item `a. Ett förslag …` under a numbered uppdrag.
pub static SUB_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*([a-h])[.)][ \t]*(\S.*)$").expect("valid regex"));

/// A goal line: `Målsättning nr 1: …`, `Effektmål 7: …`, `Effektmal nr 9: …`, `Mål: …`.
/// Groups: label, number, text.
pub static GOAL: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"^[ \t]*(?:[•·»«*][ \t]*)?(M[aå]ls[aä]ttning|Effektm[aå]l|M[aå]l)[ \t]*(?:nr\.?[ \t]*)?(\d{1,2})?[ \t]*[.:][ \t]*(\p{Lu}.*)$",
    )
    .expect("valid regex")
});

/// `Uppdrag givna från regionfullmäktige till hälso- och sjukvårdsnämnd/förvaltning.`
pub static GIVEN_FROM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]*uppdrag\s+givna\s+fr[aå]n\s+(.+?)\s+till\s+([^.:]+)")
        .expect("valid regex")
});

/// `… ger Hälso- och sjukvårdsnämnden följande uppdrag till beredningen för forskning och utbildning:`
pub static GIVES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)\bger\s+(.+?)\s+f[oö]ljande\s+uppdrag\s+till\s+([^.:]+)").expect("valid regex")
});

/// `Uppdrag till Beredningen för psykiatri:`
pub static GIVEN_TO: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]*uppdrag\s+till\s+([^:.]+?)\s*:?\s*$").expect("valid regex")
});

/// `… högspecialiserad vård Uppdrag till Beredningen för psykiatri:` at the end of an uppdrag's text: OCR
/// put the next recipient heading on the uppdrag's last line. Group 1 is the heading, 2 the recipient.
pub static GIVEN_TO_INLINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"\s(Uppdrag\s+till\s+(\p{Lu}[^:.]*?))\s*:\s*$").expect("valid regex")
});

/// `Hälso- och sjukvårdsförvaltningen får i uppdrag:` and its OCR forms (`far`, `fdr`), with an
/// optional trailing parenthesis such as `(Perspektiv Invånare och samhälle)`.
pub static GETS: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(.*)\s+f\S{1,2}r\s+(?:\S+\s+){0,2}i\s+uppdrag\s*:?\s*(?:\([^)]*\))?\s*$")
        .expect("valid regex")
});

/// The start of a follow-up comment in a report.
pub static COMMENT: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*Kommentar[ \t]*:?[ \t]*(.*)$").expect("valid regex"));

/// A section heading such as `Perspektiv: Process` or `Strategi: Digitalisering`.
pub static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:Perspektiv|Strategi|Strategier)\b").expect("valid regex")
});

/// A numbered heading such as `4 Budget` or `3.1 Övergripande målområden/målsättningar`.
pub static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*\d{1,2}(?:\.\d{1,2}){0,3}[ \t]+\p{Lu}[^.]*$").expect("valid regex")
});

/// `Uppdrag 2024`: a heading that opens a list of uppdrag outside any goal.
pub static UPPDRAG_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*Uppdrag(?:[ \t]+\d{4})?[ \t]*$").expect("valid regex"));

pub fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

pub fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

/// A short line that reads as a heading: few words, no digits, no closing punctuation.
pub fn looks_like_heading(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=8).contains(&words)
        && t.len() < 80
        && !ends_sentence(t)
        && !t.chars().any(|c| c.is_ascii_digit())
        && t.chars().next().is_some_and(|c| c.is_uppercase())
}

/// A line that ends the text of an uppdrag, a goal or a comment.
pub fn is_structural(text: &str) -> bool {
    UPPDRAG.is_match(text)
        || GOAL.is_match(text)
        || GIVEN_FROM.is_match(text)
        || GIVEN_TO.is_match(text)
        || GETS.is_match(text)
        || COMMENT.is_match(text)
        || SECTION.is_match(text)
        || NUMBERED_HEADING.is_match(text)
        || UPPDRAG_HEADING.is_match(text)
        || text.starts_with('\t')
        || text.trim_start().starts_with("Styrtal")
        || text.trim() == "Indikatorer"
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn uppdrag_forms_of_the_seeds() {
        for (line, series, number, end, start) in [
            ("Nr 10. Att arbeta med omställning", None, "10", None, "Att"),
            ("Nr. 56. Att göra barnrätts-", None, "56", None, "Att"),
            ("Nr 46 Att verka för att", None, "46", None, "Att"),
            (" Nr 18. Att genomföra en översyn", None, "18", None, "Att"),
            ("HS nr 1. Att intensifiera", Some("HS"), "1", None, "Att"),
            (
                "Ber nr 4. Följa implementering",
                Some("Ber"),
                "4",
                None,
                "Följa",
            ),
            ("Uppdrag: Nr 17. Att fortsätta", None, "17", None, "Att"),
            (
                "Uppdrag: Nr 3 - 8. Att ta fram",
                None,
                "3",
                Some("8"),
                "Att",
            ),
            ("Nr 19. Utifran det rdidande", None, "19", None, "Utifran"),
        ] {
            let cap = UPPDRAG
                .captures(line)
                .unwrap_or_else(|| panic!("no match: {line}"));
            assert_eq!(cap.get(1).map(|m| m.as_str()), series, "{line}");
            assert_eq!(&cap[2], number, "{line}");
            assert_eq!(cap.get(3).map(|m| m.as_str()), end, "{line}");
            assert!(cap[4].starts_with(start), "{line}");
        }
    }

    #[test]
    fn not_uppdrag() {
        for line in [
            "1. Kvalitetsindikatorer sjukvård. Andel av",
            "3 a. Operation (< 90 dagar). (Utfall: 2023) 56 % 65 % 100 %",
            "Målsättning nr 1: Hälso- och sjukvården är god, säker och jämlik.",
            "Uppdraget pågår och kommer att fortsätta under kommande år.",
            "Nr 4 i ordningen",
        ] {
            assert!(!UPPDRAG.is_match(line), "{line}");
        }
    }

    #[test]
    fn goal_forms() {
        for (line, label, number) in [
            (
                "Målsättning nr 1: Hälso- och sjukvården är god",
                "Målsättning",
                Some("1"),
            ),
            (
                "Effektmål 7: Utbildning som bedrivs",
                "Effektmål",
                Some("7"),
            ),
            ("Effektmål 1. Länets invånare", "Effektmål", Some("1")),
            (
                "« Effektmal nr 9: Region Orebro 1&n ar en",
                "Effektmal",
                Some("9"),
            ),
            (
                "Mål: Hälso- och sjukvården är en kunskapsorganisation",
                "Mål",
                None,
            ),
        ] {
            let cap = GOAL
                .captures(line)
                .unwrap_or_else(|| panic!("no match: {line}"));
            assert_eq!(&cap[1], label);
            assert_eq!(cap.get(2).map(|m| m.as_str()), number);
        }
        assert!(!GOAL.is_match("(Mål: Topp av 7)"));
    }

    #[test]
    fn recipients_in_ocr_text() {
        assert!(GETS.is_match(" Hiilso- och sjukvardsforvaltningen far i uppdrag: (Perspektiv Invdnare och samhiille)"));
        assert!(GETS
            .is_match("Hiilso- och sjukvdrdsnimndens beredning for specialiserad fdr i uppdrag"));
        assert!(GETS.is_match("Utöver detta får de även i uppdrag:"));
        assert!(!GETS.is_match("Beredningarna får i uppdrag att följa utvecklingen"));
    }
}
