//! The Swedish word lists embedded in the binary — the Hunspell sv_SE dictionary (LGPL-3) and the wordfreq
//! frequency list (CC BY-SA 4.0), sources and terms in `data/` and `NOTICE` — and the plainest view of
//! them, a set of Hunspell stems, built once per process for every stage that asks.
//!
//! The repair stage builds its own richer views (folded frequencies, the Hunspell speller) from the same
//! data in `repair::lexicon`.

use std::collections::HashSet;
use std::path::Path;
use std::sync::{Arc, LazyLock};

/// The vendored Hunspell affix file (`data/hunspell/sv_SE.aff`).
pub static HUNSPELL_AFF: &str = include_str!("../../data/hunspell/sv_SE.aff");
/// The vendored Hunspell word list (`data/hunspell/sv_SE.dic`): a count line, then `stem/FLAGS` lines.
pub static HUNSPELL_DIC: &str = include_str!("../../data/hunspell/sv_SE.dic");
/// The vendored wordfreq list (`data/wordfreq/sv.tsv`): `form<TAB>zipf×100`, most frequent first.
pub static WORDFREQ: &str = include_str!("../../data/wordfreq/sv.tsv");

/// The stems of a Hunspell dictionary, lowercased. Only stems: an inflected form is not known.
#[derive(Clone, Debug, Default)]
pub struct Stems {
    stems: HashSet<String>,
}

impl Stems {
    /// Reads a Hunspell `.dic` file; `None` when it cannot be read.
    pub fn load(path: &Path) -> Option<Stems> {
        Some(Stems::parse(&std::fs::read_to_string(path).ok()?))
    }

    /// Reads the text of a Hunspell `.dic` file.
    pub fn parse(text: &str) -> Stems {
        let stems = text
            .lines()
            .skip(1)
            .filter_map(|l| l.split('/').next())
            .map(|s| s.trim().to_lowercase())
            .filter(|s| !s.is_empty())
            .collect();
        Stems { stems }
    }

    /// A list of the given words, for tests of the stages that read one.
    pub fn from_words(words: &[&str]) -> Stems {
        Stems {
            stems: words.iter().map(|w| w.to_lowercase()).collect(),
        }
    }

    pub fn is_empty(&self) -> bool {
        self.stems.is_empty()
    }

    /// Whether the word, in any case, is a stem of the list.
    pub fn knows(&self, word: &str) -> bool {
        self.stems.contains(&word.to_lowercase())
    }
}

/// The stems of the embedded Hunspell dictionary, parsed on first use.
pub static HUNSPELL_STEMS: LazyLock<Arc<Stems>> =
    LazyLock::new(|| Arc::new(Stems::parse(HUNSPELL_DIC)));

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_dictionary_knows_common_stems_not_fragments() {
        assert!(HUNSPELL_STEMS.knows("ton") && HUNSPELL_STEMS.knows("Varav"));
        assert!(!HUNSPELL_STEMS.knows("omsättn"));
    }
}
