//! The context model learned from data: word and word-pair counts of openly licensed Swedish prose (the
//! Swedish help and documentation packages of Debian, see `data/context/SOURCE.md`), so that the choice
//! between "är" and "år", "vård" and "vard", "stöd" and "stod" hears which spelling such prose writes
//! between the same neighbours, instead of a hand rule written per error.
//!
//! The counts are kept as text in `data/context/sv.tsv` (rebuilt by `scripts/build-context-model.sh`
//! through [`Counts`]); `build.rs` compiles them into an `fst` map embedded in the binary, which is read in
//! place: opening it checks a header and allocates nothing, and only the pages a lookup touches are read.
//! It is opened the first time a word's spelling is chosen in context, so a document that needs no
//! repair never touches it.

use super::language::{identify, Language};
use super::lexicon::{is_diacritic, InputMap};
use super::tokens::{number_key, tokens, TokenKind};
use crate::text::fold;
use fst::Map;
use std::io::{self, Write};
use std::sync::LazyLock;

/// The compiled map: keys `w FORM` (a lowercase form), `f KEY` (a folded word, or a number's stand-in),
/// `l PREV FORM` (a form after a word folding to PREV), `r FORM NEXT` (a form before a word folding to
/// NEXT) and `n` (words counted), each with its count.
static COMPILED: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/context_sv.fst"));

/// The model, opened on first use.
pub(crate) static CONTEXT: LazyLock<ContextModel> = LazyLock::new(ContextModel::embedded);

/// Pseudo-count of the smoothed pointwise mutual information: a pair seen as often as chance predicts
/// scores 0, and a pair neither seen nor expected scores 0 too.
const PSEUDO_COUNT: f64 = 1.0;

/// The most (log10) one neighbour can say for a spelling. A pair seen less often than chance predicts
/// says nothing against it: the counts come from software documentation, where a pair that public-sector
/// prose writes daily may never occur, and on the development texts such evidence against a spelling
/// made more words wrong than right.
const SIDE_CAP: f32 = 2.0;

/// The learned counts, read in place.
pub struct ContextModel {
    map: Option<Map<&'static [u8]>>,
    total: f64,
}

impl ContextModel {
    /// The model compiled into the binary (empty when the map cannot be read, which the tests rule out).
    pub fn embedded() -> ContextModel {
        let map = Map::new(COMPILED).ok();
        let total = map
            .as_ref()
            .and_then(|m| m.get("n"))
            .map_or(0.0, |n| n as f64);
        ContextModel { map, total }
    }

    fn get(&self, key: &str) -> u64 {
        self.map.as_ref().and_then(|m| m.get(key)).unwrap_or(0)
    }

    /// Words counted.
    pub fn total(&self) -> u64 {
        self.total as u64
    }

    /// Entries of the map.
    pub fn len(&self) -> usize {
        self.map.as_ref().map_or(0, Map::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// How often the lowercase form was seen (0 for a form the model does not keep: one without a
    /// diacritic spelling beside it, or rare).
    pub fn count(&self, form: &str) -> u64 {
        self.get(&format!("w {form}"))
    }

    /// How often a word folding to `key` was seen.
    pub fn fold_count(&self, key: &str) -> u64 {
        self.get(&format!("f {key}"))
    }

    /// How often `form` followed a word folding to `prev`.
    pub fn left_count(&self, prev: &str, form: &str) -> u64 {
        self.get(&format!("l {prev} {form}"))
    }

    /// How often `form` preceded a word folding to `next`.
    pub fn right_count(&self, form: &str, next: &str) -> u64 {
        self.get(&format!("r {form} {next}"))
    }

    /// What the neighbours (folded, as [`super::context::Context`] gives them) say for `form`: the
    /// smoothed pointwise mutual information (log10) of the form with each neighbour, how much more
    /// often the pair was seen than the two words' counts predict, each side between 0 and
    /// [`SIDE_CAP`]. Zero when the model knows neither the form nor its neighbours.
    pub fn evidence(&self, prev: Option<&str>, form: &str, next: Option<&str>) -> f32 {
        if self.total == 0.0 {
            return 0.0;
        }
        let form_count = self.count(form) as f64;
        let side = |pair: u64, neighbour: u64| -> f32 {
            let expected = form_count * neighbour as f64 / self.total;
            let pmi = ((pair as f64 + PSEUDO_COUNT) / (expected + PSEUDO_COUNT)).log10() as f32;
            pmi.clamp(0.0, SIDE_CAP)
        };
        let left = prev.map_or(0.0, |p| side(self.left_count(p, form), self.fold_count(p)));
        let right = next.map_or(0.0, |n| side(self.right_count(form, n), self.fold_count(n)));
        left + right
    }
}

/// Counts gathered from prose, written out as the text form `build.rs` compiles.
#[derive(Default)]
pub struct Counts {
    words: InputMap<String, u64>,
    folds: InputMap<String, u64>,
    left: InputMap<(String, String), u64>,
    right: InputMap<(String, String), u64>,
    total: u64,
    /// Blocks read and blocks left out as another language.
    pub blocks: u64,
    pub skipped: u64,
}

/// Whether a block is counted: any block that does not read as another language (an untranslated
/// paragraph of a help page does); a short one (a heading, a table cell) cannot tell and is counted.
fn counted(language: Language) -> bool {
    !matches!(language, Language::Other(_))
}

impl Counts {
    /// Counts one document, block by block (blocks are apart by blank lines; no pair spans two).
    pub fn add_text(&mut self, text: &str) {
        for block in text.split("\n\n") {
            let toks = tokens(block);
            if toks.is_empty() {
                continue;
            }
            self.blocks += 1;
            if !counted(identify(&toks)) {
                self.skipped += 1;
                continue;
            }
            // The previous word's form (None for a number) and folded key, while the sentence goes on.
            let mut prev: Option<(Option<String>, String)> = None;
            for t in &toks {
                let (form, key) = match t.kind {
                    TokenKind::Word => {
                        let form = t.text.to_lowercase();
                        let key = fold(&form);
                        (Some(form), key)
                    }
                    TokenKind::Number => (None, number_key(t.text).to_string()),
                    _ => {
                        prev = None;
                        continue;
                    }
                };
                *self.folds.entry(key.clone()).or_default() += 1;
                if let Some(form) = &form {
                    *self.words.entry(form.clone()).or_default() += 1;
                    self.total += 1;
                }
                if let Some((prev_form, prev_key)) = prev.take() {
                    if let Some(form) = &form {
                        *self.left.entry((prev_key, form.clone())).or_default() += 1;
                    }
                    if let Some(prev_form) = prev_form {
                        *self.right.entry((prev_form, key.clone())).or_default() += 1;
                    }
                }
                prev = (!t.ends_sentence).then_some((form, key));
            }
        }
    }

    /// Writes the counts, pruned: forms and folded keys seen at least `min_word` times, pairs seen at
    /// least `min_pair` times, and of forms only those that compete with another spelling (a form with
    /// å/ä/ö, or one whose letters without them another kept form has), since only those are chosen
    /// between. Sorted lines `w FORM N`, `f KEY N`, `l PREV FORM N`, `r FORM NEXT N`, `n N`, tab-separated.
    pub fn write_tsv(&self, out: &mut impl Write, min_word: u64, min_pair: u64) -> io::Result<()> {
        let mut spellings: InputMap<String, usize> = InputMap::default();
        for (form, n) in &self.words {
            if *n >= min_word {
                *spellings.entry(fold(form)).or_default() += 1;
            }
        }
        let kept = |form: &str| {
            self.words.get(form).is_some_and(|n| *n >= min_word)
                && (form.chars().any(is_diacritic)
                    || spellings.get(&fold(form)).is_some_and(|n| *n > 1))
        };
        let mut lines: Vec<String> = Vec::new();
        lines.push(format!("n\t{}", self.total));
        for (form, n) in &self.words {
            if kept(form) {
                lines.push(format!("w\t{form}\t{n}"));
            }
        }
        for (key, n) in &self.folds {
            if *n >= min_word {
                lines.push(format!("f\t{key}\t{n}"));
            }
        }
        for ((prev, form), n) in &self.left {
            if *n >= min_pair && kept(form) {
                lines.push(format!("l\t{prev}\t{form}\t{n}"));
            }
        }
        for ((form, next), n) in &self.right {
            if *n >= min_pair && kept(form) {
                lines.push(format!("r\t{form}\t{next}\t{n}"));
            }
        }
        lines.sort_unstable();
        for line in lines {
            writeln!(out, "{line}")?;
        }
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_embedded_model_opens_and_knows_common_pairs() {
        let m = ContextModel::embedded();
        assert!(m.total() > 500_000, "{}", m.total());
        assert!(m.count("är") > m.count("år"));
        // "det är" is common, "det år" is not.
        assert!(m.evidence(Some("det"), "är", None) > m.evidence(Some("det"), "år", None));
        // Nothing known, nothing said.
        assert_eq!(m.evidence(Some("qqxq"), "zzyzx", Some("qqxq")), 0.0);
    }

    #[test]
    fn counts_pairs_within_sentences_of_swedish_blocks_only() {
        let mut c = Counts::default();
        c.add_text(
            "Det är bra att stärka vården och det är viktigt.\n\n\
             This is an English paragraph and it is not counted at all, for the record.\n\n\
             Vi ska stärka stödet. Starka skäl finns.",
        );
        assert_eq!(c.skipped, 1);
        assert_eq!(c.words.get("stärka"), Some(&2));
        assert_eq!(c.left.get(&("att".into(), "stärka".into())), Some(&1));
        assert_eq!(c.right.get(&("stärka".into(), "varden".into())), Some(&1));
        // No pair across a sentence end.
        assert_eq!(c.left.get(&("stodet".into(), "starka".into())), None);
        assert_eq!(c.words.get("english"), None);
        let mut out = Vec::new();
        c.write_tsv(&mut out, 1, 1).unwrap();
        let text = String::from_utf8(out).unwrap();
        assert!(text.contains("l\tatt\tstärka\t1\n"), "{text}");
        assert!(text.contains("w\tstarka\t1\n"));
        // A form with no other spelling competes with nothing and is not kept.
        assert!(!text.contains("w\tbra\t"));
        assert!(text.contains("f\tbra\t1\n"));
    }
}
