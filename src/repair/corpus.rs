//! Adaptation to the corpus: word and word-pair counts learned from the correctly written documents of the
//! same run, so that a 2026 plan teaches the names, compounds and turns of phrase needed to repair a 2006 one.
//!
//! Pairs are stored with the neighbour folded ("(att, starka) → stärka"), because at repair time the
//! neighbour is itself still unrepaired.

use super::lexicon::InputMap as Map;
use super::tokens::{number_key, tokens, Token, TokenKind};
use crate::model::Document;
use crate::text::fold;
use std::sync::atomic::{AtomicU64, Ordering};
use std::sync::OnceLock;

/// A string the model has seen: a lowercase word form, a folded key, or a number's stand-in ("0").
/// Pairs are counted by these ids, so counting a word pair hashes two integers, not two strings.
#[derive(Clone, Copy, Debug)]
struct Seen {
    id: u32,
    /// How often it occurred as a word form (0 for a string seen only as a folded key or a number).
    count: u32,
    /// The id of its folded key.
    fold: u32,
}

/// Counts learned from correctly written text.
#[derive(Debug, Default)]
pub struct CorpusModel {
    seen: Map<String, Seen>,
    /// Folded key → forms seen with it, in the order first seen.
    by_fold: Map<String, Vec<String>>,
    /// (folded previous word, form) → count.
    left: Map<(u32, u32), u32>,
    /// (form, folded next word) → count.
    right: Map<(u32, u32), u32>,
    /// Hyphenated forms as written ("hjärt-kärlsjukdom"), lowercase.
    hyphenated: Map<String, u32>,
    /// Words written in capitals ("USÖ", "KVÅ"), lowercase, with how often: an acronym is restored
    /// only as the corpus writes an acronym, not as it writes a common word ("FA" is not "få").
    capitals: Map<String, u32>,
    total: u64,
    /// A number no other model of this process has had, assigned on first use and dropped by every
    /// change, so that what was worked out with one model is never taken for another's ([`Self::id`]).
    id: OnceLock<u64>,
}

/// The next model id; 0 stands for no model.
static NEXT_ID: AtomicU64 = AtomicU64::new(1);

/// A copy has the same counts, and so the same id (until one of the two changes).
impl Clone for CorpusModel {
    fn clone(&self) -> Self {
        CorpusModel {
            seen: self.seen.clone(),
            by_fold: self.by_fold.clone(),
            left: self.left.clone(),
            right: self.right.clone(),
            hyphenated: self.hyphenated.clone(),
            capitals: self.capitals.clone(),
            total: self.total,
            id: OnceLock::from(self.id()),
        }
    }
}

fn bump<K: std::hash::Hash + Eq>(map: &mut Map<K, u32>, key: K, n: u32) {
    let count = map.entry(key).or_default();
    *count = count.saturating_add(n);
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

    /// The counts of a text already cut into its tokens, as a model of its own (to be `merge`d into a
    /// larger one).
    pub(crate) fn of_tokens(text: &str, toks: &[Token]) -> CorpusModel {
        let mut model = CorpusModel::default();
        model.add_tokens(text, toks);
        model
    }

    /// The counts of one text, as a model of its own (to be `merge`d into a larger one).
    pub fn of_text(text: &str) -> CorpusModel {
        let mut model = CorpusModel::default();
        model.add_text(text);
        model
    }

    /// The entry of `s`, added (with its folded key) when new.
    fn intern(&mut self, s: &str) -> Seen {
        if let Some(seen) = self.seen.get(s) {
            return *seen;
        }
        let key = fold(s);
        let fold_id = if key == s {
            None
        } else {
            Some(self.intern(&key).id)
        };
        let id = u32::try_from(self.seen.len()).unwrap_or(u32::MAX);
        let seen = Seen {
            id,
            count: 0,
            fold: fold_id.unwrap_or(id),
        };
        self.seen.insert(s.to_string(), seen);
        seen
    }

    /// Adds the counts of one text; a text that reads as another language than Swedish teaches nothing
    /// (an English "for" is no Swedish "for").
    pub fn add_text(&mut self, text: &str) {
        self.add_tokens(text, &tokens(text));
    }

    /// [`CorpusModel::add_text`] for a text already cut into its tokens.
    fn add_tokens(&mut self, text: &str, toks: &[Token]) {
        if matches!(super::language::identify(toks), super::Language::Other(_)) {
            return;
        }
        self.id = OnceLock::new();
        // The previous word (or number) and its folded key, while the sentence goes on.
        let mut prev: Option<Seen> = None;
        for token in toks {
            if token.kind == TokenKind::Number {
                // Numbers stand as "0" (years as "0000"), so "tre år" teaches that år follows a number.
                prev = (!token.ends_sentence).then(|| self.intern(number_key(token.text)));
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
                    bump(&mut self.hyphenated, chunk.to_lowercase(), 1);
                }
            }
            if token.all_caps {
                bump(&mut self.capitals, form.clone(), 1);
            }
            let seen = self.intern(&form);
            if seen.count == 0 {
                self.first_as_form(&form);
            }
            if let Some(entry) = self.seen.get_mut(&form) {
                entry.count = entry.count.saturating_add(1);
            }
            if let Some(p) = prev.take() {
                bump(&mut self.left, (p.fold, seen.id), 1);
                bump(&mut self.right, (p.id, seen.fold), 1);
            }
            self.total += 1;
            prev = (!token.ends_sentence).then_some(seen);
        }
    }

    /// Lists a form under its folded key the first time it occurs as a word.
    fn first_as_form(&mut self, form: &str) {
        let key = fold(form);
        let forms = self.by_fold.entry(key).or_default();
        if !forms.iter().any(|f| f == form) {
            forms.push(form.to_string());
        }
    }

    /// Adds the counts of `other` (learned from text that comes after this model's). The result is
    /// the model of the two texts read one after the other.
    pub fn merge(&mut self, other: CorpusModel) {
        self.id = OnceLock::new();
        // other's id → this model's id for the same string.
        let mut ids = vec![0u32; other.seen.len()];
        for (s, theirs) in &other.seen {
            let ours = self.intern(s);
            if let Some(slot) = ids.get_mut(theirs.id as usize) {
                *slot = ours.id;
            }
            if let Some(entry) = self.seen.get_mut(s) {
                entry.count = entry.count.saturating_add(theirs.count);
            }
        }
        let id = |theirs: u32| ids.get(theirs as usize).copied().unwrap_or(u32::MAX);
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
        for ((a, b), n) in other.left {
            bump(&mut self.left, (id(a), id(b)), n);
        }
        for ((a, b), n) in other.right {
            bump(&mut self.right, (id(a), id(b)), n);
        }
        for (form, n) in other.hyphenated {
            bump(&mut self.hyphenated, form, n);
        }
        for (form, n) in other.capitals {
            bump(&mut self.capitals, form, n);
        }
        self.total += other.total;
    }

    /// Tells this model's counts from any other's in this process: equal ids, equal counts (a clone
    /// keeps the id until one of the two changes).
    pub fn id(&self) -> u64 {
        *self
            .id
            .get_or_init(|| NEXT_ID.fetch_add(1, Ordering::Relaxed))
    }

    /// How often the form was seen.
    pub fn count(&self, form: &str) -> u32 {
        self.seen.get(form).map_or(0, |s| s.count)
    }

    /// How often the form was seen written in capitals.
    pub fn capitals_count(&self, form: &str) -> u32 {
        self.capitals.get(form).copied().unwrap_or(0)
    }

    /// Forms seen with this folded key.
    pub fn forms(&self, key: &str) -> &[String] {
        self.by_fold.get(key).map_or(&[], Vec::as_slice)
    }

    /// Count of `form` right after a word folding to `prev_key`.
    pub fn left_count(&self, prev_key: &str, form: &str) -> u32 {
        self.pair(&self.left, prev_key, form)
    }

    /// Count of `form` right before a word folding to `next_key`.
    pub fn right_count(&self, form: &str, next_key: &str) -> u32 {
        self.pair(&self.right, form, next_key)
    }

    fn pair(&self, pairs: &Map<(u32, u32), u32>, a: &str, b: &str) -> u32 {
        match (self.seen.get(a), self.seen.get(b)) {
            (Some(a), Some(b)) => pairs.get(&(a.id, b.id)).copied().unwrap_or(0),
            _ => 0,
        }
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
        // A number stands for its kind, not for a word.
        assert_eq!(merged.count("0000"), 0);
        assert_eq!(merged.forms("0000"), [] as [&str; 0]);
    }
}
