//! Adaptation to the corpus: word and word-pair counts learned from the correctly written documents of the
//! same run, so that a 2026 plan teaches the names, compounds and turns of phrase needed to repair a 2006 one.
//!
//! Pairs are stored with the neighbour folded ("(att, starka) → stärka"), because at repair time the
//! neighbour is itself still unrepaired.

use super::lexicon::fold;
use super::tokens::{number_key, tokens, TokenKind};
use crate::model::Document;
use std::collections::HashMap;

/// The model's maps: keys come from input text, so the hasher is fast but seeded per process
/// (foldhash), which keeps a hostile document from forcing collisions.
type Map<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Counts learned from correctly written text.
#[derive(Clone, Debug, Default)]
pub struct CorpusModel {
    /// Lowercase form → count.
    words: Map<String, u32>,
    /// Folded key → forms seen with it, in the order first seen.
    by_fold: Map<String, Vec<String>>,
    /// Folded previous word → form → count (nested, so that a lookup needs no owned key).
    left: Map<String, Map<String, u32>>,
    /// Form → folded next word → count.
    right: Map<String, Map<String, u32>>,
    /// Hyphenated forms as written ("hjärt-kärlsjukdom"), lowercase.
    hyphenated: Map<String, u32>,
    total: u64,
}

/// Adds `n` to the count of `key`, allocating the key only when it is new.
fn bump(map: &mut Map<String, u32>, key: &str, n: u32) {
    match map.get_mut(key) {
        Some(count) => *count = count.saturating_add(n),
        None => {
            map.insert(key.to_string(), n);
        }
    }
}

/// The inner map of `key`, allocating the key only when it is new.
fn inner<'m>(map: &'m mut Map<String, Map<String, u32>>, key: &str) -> &'m mut Map<String, u32> {
    if !map.contains_key(key) {
        map.insert(key.to_string(), Map::default());
    }
    map.get_mut(key).expect("inserted above")
}

/// Adds every count of `from` to `into`, moving keys instead of copying them.
fn add_counts(into: &mut Map<String, u32>, from: Map<String, u32>) {
    if into.is_empty() {
        *into = from;
        return;
    }
    for (key, n) in from {
        let count = into.entry(key).or_default();
        *count = count.saturating_add(n);
    }
}

/// `add_counts` one level down.
fn add_pair_counts(into: &mut Map<String, Map<String, u32>>, from: Map<String, Map<String, u32>>) {
    for (key, counts) in from {
        match into.get_mut(&key) {
            Some(existing) => add_counts(existing, counts),
            None => {
                into.insert(key, counts);
            }
        }
    }
}

impl CorpusModel {
    /// Learns from the given documents; pass only text that needs no repair.
    pub fn learn(docs: &[&Document]) -> CorpusModel {
        let mut model = CorpusModel::default();
        for doc in docs {
            model.add_text(&doc.text);
        }
        model
    }

    /// The counts of one text, as a model of its own (to be `merge`d into a larger one).
    pub fn of_text(text: &str) -> CorpusModel {
        let mut model = CorpusModel::default();
        model.add_text(text);
        model
    }

    /// Adds the counts of one text.
    pub fn add_text(&mut self, text: &str) {
        let mut prev: Option<String> = None;
        for token in tokens(text) {
            if token.kind == TokenKind::Number {
                // Numbers stand as "0" (years as "0000"), so "tre år" teaches that år follows a number.
                prev = (!token.ends_sentence).then(|| number_key(token.text).to_string());
                continue;
            }
            if token.kind != TokenKind::Word {
                prev = None;
                continue;
            }
            let form = token.text.to_lowercase();
            if token.joined_by_hyphen {
                // The whole hyphenated chunk as written, for the dehyphenation rule.
                if let Some(chunk) = text.get(token.chunk.start..token.chunk.end) {
                    bump(&mut self.hyphenated, &chunk.to_lowercase(), 1);
                }
            }
            let key = fold(&form);
            match self.by_fold.get_mut(&key) {
                Some(seen) => {
                    if !seen.contains(&form) {
                        seen.push(form.clone());
                    }
                }
                None => {
                    self.by_fold.insert(key.clone(), vec![form.clone()]);
                }
            }
            bump(&mut self.words, &form, 1);
            if let Some(p) = prev.take() {
                bump(inner(&mut self.left, &fold(&p)), &form, 1);
                bump(inner(&mut self.right, &p), &key, 1);
            }
            self.total += 1;
            prev = if token.ends_sentence {
                None
            } else {
                Some(form)
            };
        }
    }

    /// Adds the counts of `other` (learned from text that comes after this model's). The result is
    /// the model of the two texts read one after the other.
    pub fn merge(&mut self, other: CorpusModel) {
        add_counts(&mut self.words, other.words);
        for (key, forms) in other.by_fold {
            match self.by_fold.get_mut(&key) {
                Some(seen) => {
                    for form in forms {
                        if !seen.contains(&form) {
                            seen.push(form);
                        }
                    }
                }
                None => {
                    self.by_fold.insert(key, forms);
                }
            }
        }
        add_pair_counts(&mut self.left, other.left);
        add_pair_counts(&mut self.right, other.right);
        add_counts(&mut self.hyphenated, other.hyphenated);
        self.total += other.total;
    }

    /// How often the form was seen.
    pub fn count(&self, form: &str) -> u32 {
        self.words.get(form).copied().unwrap_or(0)
    }

    /// Forms seen with this folded key.
    pub fn forms(&self, key: &str) -> &[String] {
        self.by_fold.get(key).map_or(&[], Vec::as_slice)
    }

    /// Count of `form` right after a word folding to `prev_key`.
    pub fn left_count(&self, prev_key: &str, form: &str) -> u32 {
        self.left
            .get(prev_key)
            .and_then(|m| m.get(form))
            .copied()
            .unwrap_or(0)
    }

    /// Count of `form` right before a word folding to `next_key`.
    pub fn right_count(&self, form: &str, next_key: &str) -> u32 {
        self.right
            .get(form)
            .and_then(|m| m.get(next_key))
            .copied()
            .unwrap_or(0)
    }

    /// Whether the hyphenated form was seen written with its hyphen.
    pub fn has_hyphenated(&self, lower: &str) -> bool {
        self.hyphenated.contains_key(lower)
    }

    /// Number of words learned.
    pub fn total(&self) -> u64 {
        self.total
    }

    pub fn is_empty(&self) -> bool {
        self.total == 0
    }

    /// A zipf-like frequency (log10 per billion) of the form in the learned text, 0 when unseen.
    pub fn zipf(&self, form: &str) -> f32 {
        let c = self.count(form);
        if c == 0 || self.total == 0 {
            return 0.0;
        }
        ((f64::from(c) / self.total as f64) * 1e9).log10() as f32
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn learns_words_pairs_and_hyphenated_forms() {
        let mut m = CorpusModel::default();
        m.add_text("Att stärka vården. Hjärt-kärlsjukdom är vanlig; vi ska stärka den.");
        assert_eq!(m.count("stärka"), 2);
        assert_eq!(m.forms("starka"), ["stärka"]);
        assert_eq!(m.left_count("att", "stärka"), 1);
        assert_eq!(m.right_count("stärka", "varden"), 1);
        // No pair across a sentence end.
        assert_eq!(m.left_count("varden", "hjärt"), 0);
        assert!(m.has_hyphenated("hjärt-kärlsjukdom"));
        assert!(m.zipf("stärka") > m.zipf("saknas"));
    }

    #[test]
    fn merging_equals_reading_the_texts_one_after_the_other() {
        let first = "Att stärka vården i Örebro. Hjärt-kärlsjukdom är vanlig.";
        let second =
            "Vi ska stärka samverkan; vården och hjärt-kärlsjukdom, 2026 års plan. Starka skäl.";
        let mut merged = CorpusModel::of_text(first);
        merged.merge(CorpusModel::of_text(second));
        let mut read = CorpusModel::of_text(first);
        read.add_text(second);
        assert_eq!(merged.total(), read.total());
        for form in ["stärka", "vården", "starka", "hjärt", "ska", "års"] {
            assert_eq!(merged.count(form), read.count(form), "{form}");
        }
        assert_eq!(merged.count("stärka"), 2);
        assert_eq!(merged.forms("starka"), ["stärka", "starka"]);
        assert_eq!(merged.forms("starka"), read.forms("starka"));
        assert_eq!(merged.left_count("att", "stärka"), 1);
        assert_eq!(merged.left_count("ska", "stärka"), 1);
        assert_eq!(merged.right_count("stärka", "varden"), 1);
        assert_eq!(merged.left_count("0000", "års"), 1);
        assert_eq!(merged.hyphenated.get("hjärt-kärlsjukdom"), Some(&2));
    }
}
