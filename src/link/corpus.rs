//! What the linker learns from the documents themselves: how rare each word is (inverse document
//! frequency over every block and uppdrag of the corpus) and which abbreviations stand for which phrases.
//!
//! Rare words are what tells two assignments apart — "Karlskoga", "glasögonbidrag", "SPOT" — while
//! "arbetet" or "vård" occur everywhere. Abbreviations are learned, not listed: "SPOT" from
//! "specialpsykiatriska omvårdnadsteam (SPOT)", "USÖ" from the capitalized phrase "Universitetssjukhuset
//! Örebro" whose words and compound parts carry its letters.

use super::normalize::{fold_word, is_acronym, tokens, words};
use crate::model::Document;
use std::collections::{BTreeMap, BTreeSet, HashMap};

/// An abbreviation and the phrase it stands for, as learned from the corpus.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Abbreviation {
    /// As written, e.g. `USÖ`.
    pub short: String,
    /// As written, e.g. `Universitetssjukhuset Örebro`.
    pub long: String,
    /// Folded form of `short` (`uso`), the key texts are matched on.
    pub key: String,
    /// How the pair was found: `parenthesis` or `initials`.
    pub source: &'static str,
}

/// Word rarity and abbreviations learned from a set of documents.
#[derive(Clone, Debug, Default)]
pub struct Corpus {
    idf: HashMap<String, f64>,
    /// Weight of a word never seen in the corpus: as rare as a word seen once.
    unseen: f64,
    /// Folded abbreviation → what it stands for.
    pub abbreviations: BTreeMap<String, Abbreviation>,
}

impl Corpus {
    /// Counts every block and uppdrag of every document as one unit of text.
    pub fn build(docs: &[&Document]) -> Corpus {
        let mut units: Vec<&str> = Vec::new();
        for doc in docs {
            units.extend(doc.blocks.iter().map(|b| b.text.as_str()));
            units.extend(doc.uppdrag.iter().map(|u| u.text.as_str()));
        }
        Corpus::from_units(&units)
    }

    /// Learns from units of text directly (each a paragraph, a list item or an uppdrag).
    pub fn from_units(units: &[&str]) -> Corpus {
        let mut df: HashMap<String, usize> = HashMap::new();
        for unit in units {
            let set: BTreeSet<String> = tokens(unit).into_iter().map(|t| t.key).collect();
            for key in set {
                *df.entry(key).or_default() += 1;
            }
        }
        let n = units.len().max(1) as f64;
        let idf = df
            .into_iter()
            .map(|(k, d)| (k, ((n + 1.0) / (d as f64 + 0.5)).ln().max(0.0)))
            .collect();
        Corpus {
            idf,
            unseen: ((n + 1.0) / 1.5).ln(),
            abbreviations: learn_abbreviations(units),
        }
    }

    /// The weight of a token key: high for rare words, near zero for words in almost every unit.
    pub fn idf(&self, key: &str) -> f64 {
        self.idf.get(key).copied().unwrap_or(self.unseen)
    }
}

/// Finds abbreviations and their expansions in the units of text.
fn learn_abbreviations(units: &[&str]) -> BTreeMap<String, Abbreviation> {
    // folded acronym → its most frequent spelling ("USÖ" over the OCR's "USO"), ties to the greatest.
    let mut spellings: BTreeMap<String, BTreeMap<String, usize>> = BTreeMap::new();
    for unit in units {
        for w in words(unit) {
            if is_acronym(w) {
                *spellings
                    .entry(fold_word(w))
                    .or_default()
                    .entry(w.to_string())
                    .or_default() += 1;
            }
        }
    }
    let acronyms: BTreeMap<String, String> = spellings
        .into_iter()
        .filter_map(|(k, forms)| {
            let best = forms
                .into_iter()
                .max_by(|a, b| a.1.cmp(&b.1).then(a.0.cmp(&b.0)))?;
            Some((k, best.0))
        })
        .collect();
    // (acronym key) → (phrase as written → (count, found by parenthesis))
    let mut found: BTreeMap<String, BTreeMap<String, (usize, bool)>> = BTreeMap::new();
    for unit in units {
        let ws = words(unit);
        for (i, w) in ws.iter().enumerate() {
            // "phrase (ACR)": the words just before the acronym, when it is written in parentheses.
            if is_acronym(w) && unit.contains(&format!("({w})")) {
                let key = fold_word(w);
                let n = key.chars().count();
                for len in 1..=n.min(i) {
                    let phrase = &ws[i - len..i];
                    if spells(&key, phrase) {
                        let e = found
                            .entry(key.clone())
                            .or_default()
                            .entry(phrase.join(" "))
                            .or_default();
                        e.0 += 1;
                        e.1 = true;
                        break;
                    }
                }
            }
            // A capitalized phrase whose words carry the letters of a known acronym, in order.
            if !w.chars().next().is_some_and(char::is_uppercase) || is_acronym(w) {
                continue;
            }
            for key in acronyms.keys() {
                let n = key.chars().count();
                for len in 1..=n.min(ws.len() - i) {
                    let phrase = &ws[i..i + len];
                    // One word spelling an acronym is too weak a sign ("AB" in "Arbetet").
                    if len < 2 {
                        continue;
                    }
                    let capitalized = phrase.iter().all(|p| {
                        p.chars().next().is_some_and(char::is_uppercase) && !is_acronym(p)
                    });
                    if capitalized && spells(key, phrase) {
                        let e = found
                            .entry(key.clone())
                            .or_default()
                            .entry(phrase.join(" "))
                            .or_default();
                        e.0 += 1;
                    }
                }
            }
        }
    }
    let mut out = BTreeMap::new();
    for (key, phrases) in found {
        // A phrase given in parentheses is a definition; otherwise the most frequent, then the longest.
        let best = phrases.iter().max_by(|a, b| {
            (a.1 .1, a.1 .0, a.0.len())
                .cmp(&(b.1 .1, b.1 .0, b.0.len()))
                .then_with(|| b.0.cmp(a.0))
        });
        if let (Some((long, (_, paren))), Some(short)) = (best, acronyms.get(&key)) {
            out.insert(
                key.clone(),
                Abbreviation {
                    short: short.clone(),
                    long: long.clone(),
                    key,
                    source: if *paren { "parenthesis" } else { "initials" },
                },
            );
        }
    }
    out
}

/// True when the words of `phrase` carry the letters of `acronym` (folded) in order: every word starts
/// with a letter of it, and the remaining letters start compound parts inside the words
/// ("Universitets|sjukhuset" carries the S of USÖ). Every word must be used, every letter matched.
fn spells(acronym: &str, phrase: &[&str]) -> bool {
    let letters: Vec<char> = acronym.chars().collect();
    let folded: Vec<Vec<char>> = phrase
        .iter()
        .map(|w| fold_word(w).chars().collect())
        .collect();
    if folded.len() > letters.len() || folded.iter().any(|w| w.len() < 2) {
        return false;
    }
    // Backtracking over which letters each word carries: each word takes its first letter plus any
    // number of following letters found later in the word, in order.
    fn fit(letters: &[char], words: &[Vec<char>]) -> bool {
        match (letters.split_first(), words.split_first()) {
            (None, None) => true,
            (Some((first, rest)), Some((word, more))) => {
                if word.first() != Some(first) {
                    return false;
                }
                // The word carries its first letter and k more; those must occur in order inside
                // the word, not at its very end (a compound part has letters after it).
                (0..=rest.len()).any(|k| in_order(&rest[..k], &word[1..]) && fit(&rest[k..], more))
            }
            _ => false,
        }
    }
    fn in_order(needles: &[char], hay: &[char]) -> bool {
        let mut at = 0;
        for n in needles {
            match hay
                .get(at..hay.len().saturating_sub(2))
                .and_then(|h| h.iter().position(|c| c == n))
            {
                Some(p) => at += p + 1,
                None => return false,
            }
        }
        true
    }
    fit(&letters, &folded)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn spelled_by_words_and_compound_parts() {
        assert!(spells("uso", &["Universitetssjukhuset", "Örebro"]));
        assert!(spells("spot", &["specialpsykiatriska", "omvårdnadsteam"]));
        assert!(spells(
            "smo",
            &["samordnat", "medicinskt", "omhändertagande"]
        ));
        assert!(!spells("uso", &["Universitetssjukhuset"]));
        assert!(!spells("spot", &["samverkan", "omvårdnad"]));
    }

    #[test]
    fn learns_from_parentheses_and_capitalized_phrases() {
        let units = [
            "Att fortsätta implementeringen av specialpsykiatriska omvårdnadsteam (SPOT) i område",
            "ingrepp på Universitetssjukhuset Örebro.",
            "bassängverksamheten på USÖ ska upphöra",
            "verksamheten på Universitetssjukhuset Örebro var uppe",
        ];
        let abbr = learn_abbreviations(&units);
        assert_eq!(abbr["spot"].long, "specialpsykiatriska omvårdnadsteam");
        assert_eq!(abbr["spot"].source, "parenthesis");
        assert_eq!(abbr["uso"].long, "Universitetssjukhuset Örebro");
        assert_eq!(abbr["uso"].short, "USÖ");
    }

    #[test]
    fn rare_words_weigh_more() {
        let corpus = Corpus::from_units(&[
            "arbetet med vård",
            "arbetet i Karlskoga",
            "arbetet med vård",
        ]);
        assert!(corpus.idf("karlskoga") > corpus.idf("arbet"));
        assert!(corpus.idf("glasogonbidrag") >= corpus.idf("karlskoga"));
    }
}
