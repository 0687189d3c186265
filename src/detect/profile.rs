//! Profiles: the words an organisation writes its uppdrag, goals, indicators and follow-ups with, kept as
//! data (`profiles/*.json`) instead of regular expressions in code, so a new region or municipality is a
//! file, not a code change. [`Profile::general`] (general Swedish) is the default; [`Profile::orebro`]
//! holds the words detection knew before profiles existed, those of Region Örebro läns hälso- och
//! sjukvårdsnämnd (the seeds' tests and link figures are the same under both).
//!
//! A phrase is plain text: a space matches any run of whitespace, `*` any run of non-space characters,
//! and å, ä, ö also match the letters OCR and ASCII exports put in their place ("far i uppdrag",
//! "Effektmal"). The grammar around the words (who gives an uppdrag to whom, how a text runs on over
//! lines) stays in code: it is Swedish, not one organisation's.

use regex::Regex;
use serde::{Deserialize, Serialize};
use std::path::Path;

/// A profile as written in its file.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Profile {
    /// Short name, printed by evaluations.
    pub name: String,
    #[serde(default)]
    pub description: String,
    /// Prefixes that stand before an uppdrag's number: `Nr`, `HS nr`, `Uppdrag`, `U`.
    pub series: Vec<Series>,
    /// Phrases that make a sentence an uppdrag: "får i uppdrag att", "ges i uppdrag att", "uppdras att".
    #[serde(default)]
    pub cues: Vec<String>,
    /// Headings that open a list of uppdrag: "Uppdrag", "Nämndens uppdrag". Bullets and bare numbers
    /// ("1.", "1.3") under such a heading are uppdrag; with no headings only series-numbered lines are.
    #[serde(default)]
    pub uppdrag_headings: Vec<String>,
    /// Whether bullets and bare numbers under those headings are uppdrag (off: the headings only end
    /// the goal above them).
    #[serde(default)]
    pub list_items: bool,
    /// Labels of goals: "Mål", "Strategiskt mål", "Effektmål" …; a longer label is tried first.
    pub goal_labels: Vec<String>,
    /// Column headers of tables that hold uppdrag.
    #[serde(default)]
    pub uppdrag_table: UppdragTable,
    /// Column headers of indicator tables.
    #[serde(default)]
    pub indicator_table: IndicatorColumns,
    /// Labels that open a follow-up comment in a report: "Kommentar", "Status".
    pub comment_labels: Vec<String>,
    /// What a follow-up says about how far an uppdrag has come.
    pub status: StatusPhrases,
}

/// An uppdrag series: the prefix as written and the series name kept in the output.
#[derive(Clone, Debug, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct Series {
    /// As written before the number, e.g. `HS nr`; matched with a capital or small first letter of
    /// "nr", and an optional dot after it.
    pub prefix: String,
    /// The series in the output (`HS`); the key is the prefix and the number (`HS nr 1`), or, for a
    /// prefix of one or two capitals, both joined (`U1`).
    #[serde(default)]
    pub series: String,
}

/// Columns of a table of uppdrag.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct UppdragTable {
    /// The column with the uppdrag's text.
    pub uppdrag: Vec<String>,
    /// The column naming who carries it out (the recipient).
    pub responsible: Vec<String>,
    /// A column with the uppdrag's number.
    #[serde(default)]
    pub number: Vec<String>,
    /// Columns with a report's follow-up.
    #[serde(default)]
    pub follow_up: Vec<String>,
}

/// Columns of a table of indicators.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct IndicatorColumns {
    /// The column naming the indicator: "Indikator", "Styrtal", "Nyckeltal".
    pub name: Vec<String>,
    /// The target: "Målvärde".
    pub target: Vec<String>,
    /// The outcome: "Utfall".
    pub outcome: Vec<String>,
    /// The direction: "Trend" (read as a comment).
    #[serde(default)]
    pub trend: Vec<String>,
}

/// Phrases per status, tried in this order: multi-year, not started, in progress, completed.
#[derive(Clone, Debug, Default, Deserialize, Serialize, PartialEq)]
#[serde(deny_unknown_fields)]
pub struct StatusPhrases {
    pub multi_year: Vec<String>,
    pub not_started: Vec<String>,
    pub in_progress: Vec<String>,
    pub completed: Vec<String>,
}

/// A profile file that cannot be used.
#[derive(Debug, thiserror::Error)]
pub enum ProfileError {
    #[error("cannot read profile {path}: {source}")]
    Read {
        path: String,
        source: std::io::Error,
    },
    #[error("profile {name}: {source}")]
    Parse {
        name: String,
        source: serde_json::Error,
    },
    #[error("profile {name}: {what}")]
    Invalid { name: String, what: String },
}

const GENERAL: &str = include_str!("../../profiles/general.json");
const OREBRO: &str = include_str!("../../profiles/region-orebro-hsn.json");

impl Profile {
    /// General Swedish: the default.
    pub fn general() -> Profile {
        Profile::from_json("profiles/general.json", GENERAL).expect("the embedded profile is valid")
    }

    /// Region Örebro län's hälso- och sjukvårdsnämnd: the seed documents' conventions only.
    pub fn orebro() -> Profile {
        Profile::from_json("profiles/region-orebro-hsn.json", OREBRO)
            .expect("the embedded profile is valid")
    }

    /// The profiles shipped with the program, by name.
    pub fn builtin(name: &str) -> Option<Profile> {
        match name {
            "general" => Some(Profile::general()),
            "region-orebro-hsn" => Some(Profile::orebro()),
            _ => None,
        }
    }

    /// Reads a profile: a built-in name or a JSON file.
    pub fn load(name_or_path: &str) -> Result<Profile, ProfileError> {
        if let Some(p) = Profile::builtin(name_or_path) {
            return Ok(p);
        }
        let path = Path::new(name_or_path);
        let text = std::fs::read_to_string(path).map_err(|source| ProfileError::Read {
            path: path.display().to_string(),
            source,
        })?;
        Profile::from_json(&path.display().to_string(), &text)
    }

    /// Parses and checks a profile given as JSON text; `name` is used in errors.
    pub fn from_json(name: &str, text: &str) -> Result<Profile, ProfileError> {
        let profile: Profile =
            serde_json::from_str(text).map_err(|source| ProfileError::Parse {
                name: name.to_string(),
                source,
            })?;
        let invalid = |what: &str| ProfileError::Invalid {
            name: name.to_string(),
            what: what.to_string(),
        };
        if profile.series.iter().any(|s| s.prefix.trim().is_empty()) {
            return Err(invalid("a series has an empty prefix"));
        }
        if profile.goal_labels.iter().any(|l| l.trim().is_empty()) {
            return Err(invalid("an empty goal label"));
        }
        let phrases = profile
            .cues
            .iter()
            .chain(&profile.uppdrag_headings)
            .chain(&profile.comment_labels)
            .chain(&profile.status.multi_year)
            .chain(&profile.status.not_started)
            .chain(&profile.status.in_progress)
            .chain(&profile.status.completed);
        if phrases.clone().any(|p| p.trim().is_empty()) {
            return Err(invalid("an empty phrase"));
        }
        Ok(profile)
    }
}

/// One letter of a phrase as a pattern: å, ä and ö also match what OCR and ASCII exports write for them.
fn letter(c: char, out: &mut String) {
    match c {
        'å' => out.push_str("(?:å|ä|a|d|é|&)"),
        'ä' => out.push_str("(?:ä|å|a|ii|i|é|&|4|d)"),
        'ö' => out.push_str("(?:ö|o|6|é|oé|d)"),
        'Å' | 'Ä' => out.push_str("(?:Å|Ä|A)"),
        'Ö' => out.push_str("(?:Ö|O)"),
        '*' => out.push_str(r"\S*"),
        c => out.push_str(&regex::escape(&c.to_string())),
    }
}

/// A phrase as a pattern (no anchors, no flags): words separated by any whitespace.
pub fn phrase_pattern(phrase: &str) -> String {
    let mut out = String::new();
    for (i, word) in phrase.split_whitespace().enumerate() {
        if i > 0 {
            out.push_str(r"\s+");
        }
        for c in word.chars() {
            letter(c, &mut out);
        }
    }
    out
}

/// Several phrases as one alternation, longest first, so "Strategiskt mål" wins over "Mål".
pub fn alternation(phrases: &[String]) -> String {
    let mut sorted: Vec<&String> = phrases.iter().collect();
    sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
    let parts: Vec<String> = sorted.iter().map(|p| phrase_pattern(p)).collect();
    if parts.is_empty() {
        // Matches nothing.
        r"[^\s\S]".to_string()
    } else {
        parts.join("|")
    }
}

/// A case-insensitive pattern that finds any of the phrases between word boundaries.
pub fn phrases_regex(phrases: &[String]) -> Regex {
    Regex::new(&format!(r"(?i)\b(?:{})\b", alternation(phrases))).expect("escaped phrases")
}

/// Phrases compiled to match a whole text, longest first: to tell which phrase a text is.
#[derive(Clone, Debug)]
pub struct PhraseSet(Vec<(String, Regex)>);

impl PhraseSet {
    pub fn new(phrases: &[String]) -> PhraseSet {
        let mut sorted: Vec<&String> = phrases.iter().collect();
        sorted.sort_by_key(|p| std::cmp::Reverse(p.len()));
        PhraseSet(
            sorted
                .into_iter()
                .map(|p| {
                    let r = Regex::new(&format!("^(?:{})$", phrase_pattern(p)))
                        .expect("escaped phrase");
                    (p.clone(), r)
                })
                .collect(),
        )
    }

    /// The phrase a text is, ignoring surrounding whitespace: "Effektmal" → "Effektmål".
    pub fn which(&self, text: &str) -> Option<&str> {
        let t = text.trim();
        self.0
            .iter()
            .find(|(_, r)| r.is_match(t))
            .map(|(p, _)| p.as_str())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shipped_profiles_parse() {
        assert_eq!(Profile::general().name, "general");
        assert_eq!(Profile::orebro().name, "region-orebro-hsn");
    }

    #[test]
    fn phrases_tolerate_lost_diacritics() {
        let r = phrases_regex(&["får i uppdrag att".to_string()]);
        assert!(r.is_match("Nämnden far i uppdrag att utreda"));
        assert!(r.is_match("Nämnden får  i\nuppdrag att"));
        assert!(!r.is_match("Nämnden fick i uppdrag att"));
        let labels = PhraseSet::new(&["Mål".to_string(), "Strategiskt mål".to_string()]);
        assert_eq!(labels.which("Strategiskt mal"), Some("Strategiskt mål"));
        assert_eq!(labels.which("Mal"), Some("Mål"));
        assert_eq!(labels.which("Malet"), None);
    }

    #[test]
    fn a_bad_profile_is_an_error_not_a_panic() {
        assert!(Profile::from_json("x", "{").is_err());
        assert!(Profile::from_json("x", r#"{"name": "x"}"#).is_err());
        let empty = r#"{"name":"x","series":[{"prefix":" "}],"goal_labels":[],"comment_labels":[],
            "status":{"multi_year":[],"not_started":[],"in_progress":[],"completed":[]}}"#;
        assert!(matches!(
            Profile::from_json("x", empty),
            Err(ProfileError::Invalid { .. })
        ));
        assert!(Profile::load("/no/such/profile.json").is_err());
    }
}
