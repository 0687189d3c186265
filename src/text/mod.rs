//! The language layer every stage shares: how Swedish words are folded for comparison, text cut into
//! lines with their offsets, sentence edges, page counters, and the embedded word lists, each defined once.
//!
//! Stages depend on this layer and on [`crate::model`], not on each other: a helper two stages need lives
//! here rather than in the first stage that happened to write it.

pub mod fold;
pub mod lexicon;
pub mod lines;
pub mod page;

pub use fold::{fold, fold_char, Fold};
pub use lines::{split_lines, Line};

/// Whether a line ends a sentence (or a heading-like clause): its last visible character is one of
/// `. ! ? : ;`.
pub fn ends_sentence(text: &str) -> bool {
    text.trim_end().ends_with(['.', '!', '?', ':', ';'])
}

/// Whether a line's first visible character is a lowercase letter, as a line that continues a sentence.
pub fn starts_lowercase(text: &str) -> bool {
    text.trim_start()
        .chars()
        .next()
        .is_some_and(|c| c.is_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sentence_edges() {
        assert!(ends_sentence("Så beslutades det. "));
        assert!(ends_sentence("Uppdrag:"));
        assert!(!ends_sentence("Hälso- och"));
        assert!(starts_lowercase("  och sjukvård"));
        assert!(starts_lowercase("ökad tillgänglighet"));
        assert!(!starts_lowercase("Öppen vård"));
        assert!(!starts_lowercase("12 procent"));
    }
}
