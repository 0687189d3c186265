//! The line classes detection is built from (uppdrag headings, list items, the "får i uppdrag" cue) over the document text cut into lines by [`crate::text::split_lines`].
//!
//! Patterns are tolerant on purpose: OCR turns "Hälso- och sjukvårdsförvaltningen får i uppdrag" into
//! "Hiilso- och sjukvardsforvaltningen far i uppdrag" and "Effektmål" into "Effektmal", and they must
//! still be recognised.

use super::profile::{alternation, phrase_pattern, phrases_regex, PhraseSet, Profile};
use crate::model::{collapse_whitespace, UppdragStatus};
use crate::text::ends_sentence;
use regex::Regex;
use std::sync::LazyLock;

/// A sub-item `a. Ett förslag …` under a numbered uppdrag.
pub static SUB_ITEM: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^[ \t]*([a-h])[.)][ \t]*(\S.*)$").expect("valid regex"));

/// A list item under an uppdrag heading: a bullet, a bare number (`1.`, `1.3`, `2)`) or nothing but text
/// after a bullet. Groups: number (absent for a bullet), text.
pub static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:[•·▪◦*–—-]|(\d{1,2}(?:\.\d{1,2})?)(?:[.):]|[ \t]))[ \t]*(\p{Lu}.*)$")
        .expect("valid regex")
});

/// A list marker alone on its line: a bullet (also the Symbol font's private-use bullet) or a number.
/// Group 1: the number.
pub static MARKER_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:[•·▪◦*–\u{f0b7}\u{f0a7}-]|(\d{1,2}(?:\.\d{1,2})?)[.)])[ \t]*$")
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

/// `Nämnden ger förvaltningen följande uppdrag under 2024:`, `Nämnden beslutar om följande uppdrag till
/// förvaltningen:`. Groups: issuer, recipient after "ger", recipient after "till".
pub static ANNOUNCES: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^[ \t]*(\p{Lu}[^.:]*?)\s+(?:ger|lämnar|beslutar\s+om)\s+(?:(\S[^.:]*?)\s+)?f[oö]ljande\s+uppdrag(?:\s+till\s+([^.:]+?))?(?:\s+(?:under|för)\s+\d{4})?\s*:\s*$")
        .expect("valid regex")
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

/// A section heading such as `Perspektiv: Process` or `Strategi: Digitalisering`.
pub static SECTION: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*(?:Perspektiv|Strategi|Strategier)\b").expect("valid regex")
});

/// A numbered heading such as `4 Budget` or `3.1 Övergripande målområden/målsättningar`.
pub static NUMBERED_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^[ \t]*\d{1,2}(?:\.\d{1,2}){0,3}[ \t]+\p{Lu}[^.]*$").expect("valid regex")
});

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

/// The patterns of one profile, compiled once.
#[derive(Clone, Debug)]
pub struct Rules {
    pub profile: Profile,
    /// A numbered uppdrag line: `Nr 10. Att …`, `Nr. 56.`, `HS nr 1.`, `Uppdrag: Nr 17.`, `Nr 3 - 8.`,
    /// `Uppdrag 3: …`, `U1 …`, with an optional leading bullet. Groups: `series` (the prefix as
    /// written), `number`, `end` (of a range), `text` (absent when the text is on the next line).
    pub uppdrag: Regex,
    /// A goal line: `Målsättning nr 1: …`, `Effektmål 7: …`, `Strategiskt mål 2. …`, `Mål: …`, or a goal
    /// heading with its text below. Groups: `label`, `number`, `text`.
    pub goal: Regex,
    /// The start of a follow-up comment: `Kommentar`, `Status: …`. Group 1: text on the same line.
    pub comment: Regex,
    /// A heading that opens a list of uppdrag: `Uppdrag`, `Uppdrag 2024`, `Nämndens uppdrag`.
    pub uppdrag_heading: Regex,
    /// A phrase that makes a sentence an uppdrag: `får i uppdrag att`.
    pub cue: Option<Regex>,
    /// The goal labels, to name the label a goal line matched.
    pub goal_labels: PhraseSet,
    /// Headers of an uppdrag table's columns: uppdrag, responsible, number, follow-up.
    pub table_columns: [PhraseSet; 4],
    pub(super) status: [(UppdragStatus, Regex); 4],
}

impl Rules {
    /// Compiles the patterns of a profile. Every phrase is escaped, so this cannot fail.
    pub fn new(profile: Profile) -> Rules {
        let series = alternation_of_series(&profile);
        let uppdrag = format!(
            r"^[ \t]*(?:[•·»«*▪–—-][ \t]*)?(?:Uppdrag[ \t]*:[ \t]*)?(?P<series>{series})\.?[ \t]*(?P<number>\d{{1,3}})(?:[ \t]*[-–][ \t]*(?P<end>\d{{1,3}}))?(?:[ \t]*[.:]?[ \t]+(?P<text>\p{{Lu}}.*)|[ \t]*[.:]?[ \t]*$)"
        );
        let goal = format!(
            r"^[ \t]*(?:[•·»«*][ \t]*)?(?P<label>{})[ \t]*(?:nr\.?[ \t]*)?(?P<number>\d{{1,2}}(?:\.\d{{1,2}})?)?(?:[ \t]*[.:–][ \t]*(?P<text>\p{{Lu}}.*)|[ \t]*$)",
            alternation(&profile.goal_labels)
        );
        let comment = format!(
            r"^[ \t]*(?:{})[ \t]*(?::[ \t]*(.*))?$",
            alternation(&profile.comment_labels)
        );
        let heading = format!(
            r"^[ \t]*(?:{})(?:[ \t]+\d{{4}})?[ \t]*:?[ \t]*$",
            alternation(&profile.uppdrag_headings)
        );
        let cue = (!profile.cues.is_empty()).then(|| phrases_regex(&profile.cues));
        let s = &profile.status;
        let status = [
            (UppdragStatus::MultiYear, phrases_regex(&s.multi_year)),
            (UppdragStatus::NotStarted, phrases_regex(&s.not_started)),
            (UppdragStatus::InProgress, phrases_regex(&s.in_progress)),
            (UppdragStatus::Completed, phrases_regex(&s.completed)),
        ];
        let t = &profile.uppdrag_table;
        Rules {
            goal_labels: PhraseSet::new(&profile.goal_labels),
            table_columns: [
                PhraseSet::new(&t.uppdrag),
                PhraseSet::new(&t.responsible),
                PhraseSet::new(&t.number),
                PhraseSet::new(&t.follow_up),
            ],
            uppdrag: Regex::new(&uppdrag).expect("escaped series"),
            goal: Regex::new(&goal).expect("escaped labels"),
            comment: Regex::new(&comment).expect("escaped labels"),
            uppdrag_heading: Regex::new(&heading).expect("escaped headings"),
            cue,
            status,
            profile,
        }
    }

    /// The key prefix and the series of a prefix as written (`hs Nr` → `HS nr`, `HS`).
    pub fn series_of(&self, written: &str) -> (String, String) {
        let folded = collapse_whitespace(written).to_lowercase();
        for s in &self.profile.series {
            if collapse_whitespace(&s.prefix).to_lowercase() == folded {
                return (s.prefix.clone(), s.series.clone());
            }
        }
        (written.to_string(), String::new())
    }

    /// A numbered uppdrag's key: `Nr 10`, `HS nr 1`, `Uppdrag 3`, `U1` (a prefix of one or two capitals
    /// is joined to its number).
    pub fn key_of(&self, prefix: &str, number: &str) -> String {
        let joined = prefix.len() <= 2 && prefix.chars().all(|c| c.is_ascii_uppercase());
        if joined {
            format!("{prefix}{number}")
        } else {
            format!("{prefix} {number}")
        }
    }

    /// A line that ends the text of an uppdrag, a goal or a comment.
    pub fn is_structural(&self, text: &str) -> bool {
        self.uppdrag.is_match(text)
            || self.goal.is_match(text)
            || GIVEN_FROM.is_match(text)
            || GIVEN_TO.is_match(text)
            || GETS.is_match(text)
            || self.comment.is_match(text)
            || SECTION.is_match(text)
            || NUMBERED_HEADING.is_match(text)
            || self.uppdrag_heading.is_match(text)
            || text.starts_with('\t')
            || text.trim_start().starts_with("Styrtal")
            || text.trim() == "Indikatorer"
    }
}

/// The series prefixes as one alternation; "nr" is matched with either case of its first letter.
fn alternation_of_series(profile: &Profile) -> String {
    let mut prefixes: Vec<&str> = profile.series.iter().map(|s| s.prefix.as_str()).collect();
    prefixes.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let parts: Vec<String> = prefixes
        .iter()
        .map(|p| {
            p.split_whitespace()
                .map(|w| {
                    if w.eq_ignore_ascii_case("nr") {
                        "[Nn][Rr]".to_string()
                    } else {
                        phrase_pattern(w)
                    }
                })
                .collect::<Vec<_>>()
                .join(r"[ \t]+")
        })
        .collect();
    if parts.is_empty() {
        r"[^\s\S]".to_string()
    } else {
        parts.join("|")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn orebro() -> Rules {
        Rules::new(Profile::orebro())
    }

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
            let r = orebro();
            let cap = r
                .uppdrag
                .captures(line)
                .unwrap_or_else(|| panic!("no match: {line}"));
            let prefix = r.series_of(&cap["series"]).1;
            assert_eq!(
                Some(prefix.as_str()).filter(|s| !s.is_empty()),
                series,
                "{line}"
            );
            assert_eq!(&cap["number"], number, "{line}");
            assert_eq!(cap.name("end").map(|m| m.as_str()), end, "{line}");
            assert!(cap["text"].starts_with(start), "{line}");
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
            assert!(!orebro().uppdrag.is_match(line), "{line}");
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
            let cap = orebro()
                .goal
                .captures(line)
                .unwrap_or_else(|| panic!("no match: {line}"));
            assert_eq!(&cap["label"], label);
            assert_eq!(cap.name("number").map(|m| m.as_str()), number);
        }
        assert!(!orebro().goal.is_match("(Mål: Topp av 7)"));
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
