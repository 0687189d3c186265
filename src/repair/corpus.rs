//! Adaptation to the corpus: word and word-pair counts learned from the correctly written documents of the
//! same run, so that a 2026 plan teaches the names, compounds and turns of phrase needed to repair a 2006 one.
//!
//! Pairs are stored with the neighbour folded ("(att, starka) → stärka"), because at repair time the
//! neighbour is itself still unrepaired.

use super::lexicon::fold;
use super::tokens::{number_key, tokens, TokenKind};
use crate::model::Document;
use std::collections::HashMap;

/// Counts learned from correctly written text.
#[derive(Clone, Debug, Default)]
pub struct CorpusModel {
    /// Lowercase form → count.
    words: HashMap<String, u32>,
    /// Folded key → forms seen with it.
    by_fold: HashMap<String, Vec<String>>,
    /// Folded previous word → form → count (nested, so that a lookup needs no owned key).
    left: HashMap<String, HashMap<String, u32>>,
    /// Form → folded next word → count.
    right: HashMap<String, HashMap<String, u32>>,
    /// Hyphenated forms as written ("hjärt-kärlsjukdom"), lowercase.
    hyphenated: HashMap<String, u32>,
    total: u64,
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
                    *self.hyphenated.entry(chunk.to_lowercase()).or_default() += 1;
                }
            }
            let key = fold(&form);
            let seen = self.by_fold.entry(key.clone()).or_default();
            if !seen.contains(&form) {
                seen.push(form.clone());
            }
            *self.words.entry(form.clone()).or_default() += 1;
            if let Some(p) = prev.take() {
                *self
                    .left
                    .entry(fold(&p))
                    .or_default()
                    .entry(form.clone())
                    .or_default() += 1;
                *self.right.entry(p).or_default().entry(key).or_default() += 1;
            }
            self.total += 1;
            prev = if token.ends_sentence {
                None
            } else {
                Some(form)
            };
        }
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
}
