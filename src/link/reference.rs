//! Explicit references: a later plan's uppdrag that names the earlier uppdrag it carries on ("tidigare
//! Nr 12"), merges ("ersätter Nr 5 och 6") or was split from ("utbrutet ur HS nr 2"). What the text
//! states outranks what the words suggest, and it is the one case where an uppdrag may link to several
//! uppdrag of one document.

use regex::Regex;
use std::sync::LazyLock;

/// One reference found in an uppdrag's text.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Reference {
    /// The keys named, normalized by [`key_form`] (`nr5`, `hsnr2`, `nr7c`).
    pub keys: Vec<String>,
    /// The year of the plan referred to, when the text says it.
    pub year: Option<i32>,
    /// The words the reference was read from, as written.
    pub phrase: String,
}

/// Words that say an uppdrag stands in an earlier one's place, takes it up, or came out of it.
static CUE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(
        r"(?i)\b(?:tidigare|ersätter|ersatte|ersätts|ersatt|sammanför|slår samman|slagits samman|sammanslag\w*|fortsättning på|fortsätter|delats upp|delas upp|delat från|bryts ut ur|bröts ut ur|utbrutet ur|utbrutna ur|ingick i|omfattar)\b",
    )
    .expect("valid regex")
});

/// A key as written after a cue: an optional series, "nr", the number and an optional sub-item letter;
/// or, after a first key, a bare number continuing the list ("Nr 5 och 6").
static KEY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^(?:\s*(?:,|och|samt|resp\.?|respektive))*\s*(?:((?:hs|ber)\s+)?(nr)\.?\s*)?(\d{1,3})(?:\s?([a-h]))?\b")
        .expect("valid regex")
});

static YEAR: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\b(19[5-9]\d|20\d\d)\b").expect("valid regex"));

/// Folds a key for comparison: lowercase, without spaces and dots (`HS nr 2` → `hsnr2`, `Nr 7 c` → `nr7c`).
pub fn key_form(key: &str) -> String {
    key.chars()
        .filter(|c| !c.is_whitespace() && *c != '.')
        .flat_map(char::to_lowercase)
        .collect()
}

/// The references an uppdrag's text makes to other uppdrag.
pub fn references(text: &str) -> Vec<Reference> {
    let mut out = Vec::new();
    for cue in CUE.find_iter(text) {
        // The rest of the clause: up to a full stop that ends a sentence, or 120 bytes.
        let rest = &text[cue.end()..];
        let mut end = clause_end(rest, CLAUSE_MAX).min(CLAUSE_MAX);
        while !rest.is_char_boundary(end) {
            end -= 1;
        }
        let clause = &rest[..end];
        // The list of keys starts at the first "nr" of the clause.
        let Some(start) = find_nr(clause) else {
            continue;
        };
        let mut keys = Vec::new();
        let mut series = String::new();
        let mut at = start;
        while let Some(c) = clause.get(at..).and_then(|s| KEY.captures(s)) {
            if c.get(2).is_some() {
                series = c.get(1).map_or(String::new(), |m| key_form(m.as_str()));
            } else if keys.is_empty() {
                break;
            }
            let sub = c
                .get(4)
                .map_or(String::new(), |m| m.as_str().to_lowercase());
            keys.push(format!("{series}nr{}{sub}", &c[3]));
            at += c.get(0).map_or(0, |m| m.end());
        }
        if keys.is_empty() {
            continue;
        }
        let year = YEAR.captures(clause).and_then(|c| c[1].parse::<i32>().ok());
        out.push(Reference {
            keys,
            year,
            phrase: text
                .get(cue.start()..cue.end() + end)
                .unwrap_or_default()
                .trim()
                .to_string(),
        });
    }
    out
}

/// How far after a cue its keys are looked for, in bytes.
const CLAUSE_MAX: usize = 120;

/// Where the clause ends: a full stop followed by a space and a capital letter or the end, a semicolon,
/// or a closing parenthesis. "nr." inside the clause does not end it. The scan stops at `max` bytes.
fn clause_end(s: &str, max: usize) -> usize {
    let ends_with = |i: usize, word: &str| {
        s.get(i.saturating_sub(word.len())..i)
            .is_some_and(|t| t.eq_ignore_ascii_case(word))
    };
    for (i, ch) in s.char_indices() {
        if i >= max {
            return i;
        }
        match ch {
            ';' | ')' => return i,
            '.' => {
                if ends_with(i, "nr") || ends_with(i, "resp") {
                    continue;
                }
                let next = s[i + 1..].trim_start().chars().next();
                if next.is_none_or(|c| c.is_uppercase()) {
                    return i;
                }
            }
            _ => {}
        }
    }
    s.len()
}

/// The byte offset of the first key of the clause: a series word or "nr" followed by a number.
fn find_nr(clause: &str) -> Option<usize> {
    static FIRST: LazyLock<Regex> =
        LazyLock::new(|| Regex::new(r"(?i)\b(?:(?:hs|ber)\s+)?nr\.?\s*\d").expect("valid regex"));
    FIRST.find(clause).map(|m| m.start())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<Vec<String>> {
        references(text).into_iter().map(|r| r.keys).collect()
    }

    #[test]
    fn reads_merges_splits_and_earlier_numbers() {
        assert_eq!(
            keys("Att samordna arbetet. Uppdraget ersätter Nr 5 och 6 i 2024 års plan."),
            [["nr5", "nr6"]]
        );
        let r = &references("Uppdraget ersätter Nr 5 och 6 i 2024 års plan.")[0];
        assert_eq!(r.year, Some(2024));
        assert_eq!(r.phrase, "ersätter Nr 5 och 6 i 2024 års plan");
        assert_eq!(keys("Att följa arbetet (tidigare HS nr 2)."), [["hsnr2"]]);
        assert_eq!(
            keys("Att öka andelen ingrepp, utbrutet ur Nr 7 c, samt Nr 8."),
            [["nr7c", "nr8"]]
        );
        assert_eq!(
            keys("Uppdragen Ber nr 3, 4 och 5 har slagits samman."),
            Vec::<Vec<String>>::new()
        );
        assert_eq!(
            keys("Uppdraget har slagits samman med Ber nr 3 och Ber nr 4"),
            [["bernr3", "bernr4"]]
        );
    }

    #[test]
    fn ordinary_wording_is_no_reference() {
        // "fortsätta" without a number, numbers that are not uppdrag keys.
        assert!(references("Att fortsätta arbetet med omställning till nära vård").is_empty());
        assert!(references("Att tidigare upptäcka 5 av 10 fall.").is_empty());
        assert!(references("Ersätter 2 tjänster med nr-lösning").is_empty());
    }

    #[test]
    fn key_forms() {
        assert_eq!(key_form("HS nr 2"), "hsnr2");
        assert_eq!(key_form("Nr 7 c"), "nr7c");
        assert_eq!(key_form("Nr 7c"), "nr7c");
        assert_eq!(key_form("Ber nr. 4"), "bernr4");
    }
}
