//! Acronyms of stripped text ("USO" for "USÖ"), which no lexicon lists: restored only as the run's
//! correctly written documents write them.

use super::super::lexicon::is_diacritic;
use super::super::tokens::Token;
use super::super::CorpusModel;
use crate::text::fold;

/// Times the corpus must write an acronym with its diacritic before a stripped one is restored.
pub(crate) const ACRONYM_MIN_SEEN: u32 = 2;

/// Letters from which a word in capitals is taken for a word set in capitals ("SAMHALLE") rather than
/// an acronym ("USO").
pub(crate) const CAPITALIZED_WORD_LETTERS: usize = 5;

/// An acronym in stripped text ("USO", "KVA") is left alone by the lexicons, which do not list it; it is
/// restored when the run's correctly written documents write it with a diacritic ("USÖ", "KVÅ"), one way
/// only, at least [`ACRONYM_MIN_SEEN`] times in capitals (the verb "få" does not make "FA-skatt"
/// "FÅ-skatt"; a word of [`CAPITALIZED_WORD_LETTERS`] letters or more in capitals, "SAMHALLE", is restored
/// as the corpus writes the word in any case), and never as it stands here. Confidence n/(n+1) for n
/// occurrences.
pub(crate) fn acronym(corpus: &CorpusModel, t: &Token) -> Option<(String, f32, &'static str)> {
    let lower = t.text.to_lowercase();
    if corpus.count(&lower) > 0 || lower.chars().any(is_diacritic) {
        return None;
    }
    let [form] = corpus.forms(&fold(&lower)) else {
        return None;
    };
    // A longer word in capitals is a word set in capitals ("SAMHALLE" in a heading), restored as the
    // corpus writes the word; a short one is an acronym, restored only as the corpus writes an acronym.
    let n = if lower.chars().count() >= CAPITALIZED_WORD_LETTERS {
        corpus.count(form)
    } else {
        corpus.capitals_count(form)
    };
    if n < ACRONYM_MIN_SEEN {
        return None;
    }
    Some((
        form.to_uppercase(),
        n as f32 / (n as f32 + 1.0),
        "corpus_acronym",
    ))
}
