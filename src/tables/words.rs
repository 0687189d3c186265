//! Text of narrow table cells put back together: a PDF column a few words wide breaks words in the middle
//! ("Omsättn" / "ing", "koldioxidekv" / "ivalenter", "budget-" / "ram"), and the cleaned text no longer shows
//! whether a line ended inside a word. The Swedish Hunspell word list decides: a break between two
//! fragments that are neither of them words is taken to be inside a word.

use crate::text::lexicon::{Stems, HUNSPELL_STEMS};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::{Arc, LazyLock, Mutex, OnceLock};

/// Which word list judges broken words.
#[derive(Clone, Debug, Default, PartialEq)]
pub enum WordList {
    /// The Swedish Hunspell list built into the binary (the one the repair stage uses).
    #[default]
    Embedded,
    /// A Hunspell `.dic` file.
    File(PathBuf),
    /// None: every break stays a space.
    Off,
}

/// A word list read only when a broken word has to be judged (most documents never need it), and then once
/// per path and process.
#[derive(Debug, Default)]
pub struct LazyLexicon {
    list: WordList,
    cell: OnceLock<Arc<Stems>>,
}

impl LazyLexicon {
    pub fn new(list: WordList) -> Self {
        LazyLexicon {
            list,
            cell: OnceLock::new(),
        }
    }

    #[cfg(test)]
    pub fn ready(lexicon: Stems) -> Self {
        let lazy = LazyLexicon::default();
        let _ = lazy.cell.set(Arc::new(lexicon));
        lazy
    }

    pub fn get(&self) -> &Stems {
        self.cell.get_or_init(|| match &self.list {
            WordList::Embedded => HUNSPELL_STEMS.clone(),
            WordList::File(path) => cached(path),
            WordList::Off => Arc::new(Stems::default()),
        })
    }
}

fn cached(path: &Path) -> Arc<Stems> {
    static CACHE: LazyLock<Mutex<HashMap<PathBuf, Arc<Stems>>>> = LazyLock::new(Default::default);
    let mut cache = match CACHE.lock() {
        Ok(guard) => guard,
        Err(poisoned) => poisoned.into_inner(),
    };
    cache
        .entry(path.to_path_buf())
        .or_insert_with(|| Arc::new(Stems::load(path).unwrap_or_default()))
        .clone()
}

/// Words after a line-end hyphen that show a suspended compound ("hälso- och"), where the hyphen stays.
const CONJUNCTIONS: &[&str] = &["och", "eller", "samt", "respektive", "till", "som"];

/// Joins the lines of one narrow cell into one line of text.
pub fn join_lines<'a>(lines: impl IntoIterator<Item = &'a str>, lexicon: &LazyLexicon) -> String {
    let mut out = String::new();
    for line in lines {
        let line = line.split_whitespace().collect::<Vec<_>>().join(" ");
        if line.is_empty() {
            continue;
        }
        if out.is_empty() {
            out = line;
            continue;
        }
        let last = out.rsplit(' ').next().unwrap_or("").to_string();
        let first = line.split(' ').next().unwrap_or("");
        let continues = first.chars().next().is_some_and(char::is_lowercase);
        if continues && last.len() > 1 && last.ends_with('-') && !CONJUNCTIONS.contains(&first) {
            let stem_ends_in_letter = last[..last.len() - 1]
                .chars()
                .last()
                .is_some_and(char::is_alphabetic);
            if stem_ends_in_letter {
                out.pop();
                out.push_str(&line);
                continue;
            }
        }
        let inside_word = continues && last.chars().all(char::is_alphabetic) && {
            let lexicon = lexicon.get();
            !lexicon.is_empty()
                && !lexicon.knows(&last)
                && !lexicon.knows(first.trim_end_matches(|c: char| !c.is_alphabetic()))
        };
        if !inside_word {
            out.push(' ');
        }
        out.push_str(&line);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn lex() -> LazyLexicon {
        LazyLexicon::ready(Stems::from_words(&[
            "ton", "varav", "i", "med", "av", "hållbar", "samband", "ram", "budget",
        ]))
    }

    #[test]
    fn a_word_broken_inside_is_joined() {
        assert_eq!(join_lines(["Omsättn", "ing"], &lex()), "Omsättning");
        assert_eq!(
            join_lines(["1,4 ton", "koldioxidekv", "ivalenter"], &lex()),
            "1,4 ton koldioxidekvivalenter"
        );
    }

    #[test]
    fn a_hyphen_at_line_end_joins_unless_a_conjunction_follows() {
        assert_eq!(
            join_lines(["Varav", "budget-", "", "ram"], &lex()),
            "Varav budgetram"
        );
        assert_eq!(
            join_lines(["hälso-", "och sjukvård"], &lex()),
            "hälso- och sjukvård"
        );
        assert_eq!(join_lines(["77-", "80"], &lex()), "77- 80");
    }

    #[test]
    fn known_words_and_capitals_keep_their_space() {
        assert_eq!(
            join_lines(
                [
                    "Beslutas i",
                    "samband med",
                    "revidering av",
                    "Program för",
                    "hållbar",
                    "utveckling"
                ],
                &lex()
            ),
            "Beslutas i samband med revidering av Program för hållbar utveckling"
        );
    }

    #[test]
    fn without_a_dictionary_every_break_is_a_space() {
        assert_eq!(
            join_lines(["Omsättn", "ing"], &LazyLexicon::new(WordList::Off)),
            "Omsättn ing"
        );
    }

    #[test]
    fn the_embedded_dictionary_knows_common_words() {
        let lazy = LazyLexicon::new(WordList::Embedded);
        assert_eq!(join_lines(["Omsättn", "ing"], &lazy), "Omsättning");
    }
}
