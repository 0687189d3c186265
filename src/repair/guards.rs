//! What repair must never do, checked on every change whatever rule proposed it: take away a diacritic the
//! text already has ("Delår" is never "Delar": a writer who typed å meant it, and an OCR engine that read
//! one saw it), or touch the letters of a reference ("nr L 228", "EGT nr L 228", "bilaga C").

use super::lexicon::is_diacritic;
use super::tokens::Token;

/// Whether `replacement` keeps every å/ä/ö/é of `original`: as many of each, and in a word of the same
/// length, at the same places.
pub fn keeps_diacritics(original: &str, replacement: &str) -> bool {
    let lower = |w: &str| -> Vec<char> { w.chars().flat_map(char::to_lowercase).collect() };
    let (a, b) = (lower(original), lower(replacement));
    if !a.iter().any(|&c| is_diacritic(c) && c != 'é') {
        return true;
    }
    let count = |w: &[char], c: char| w.iter().filter(|&&x| x == c).count();
    let kept = ['å', 'ä', 'ö'].iter().all(|&c| count(&b, c) >= count(&a, c));
    kept && (a.len() != b.len()
        || a.iter()
            .zip(&b)
            .all(|(x, y)| !matches!(x, 'å' | 'ä' | 'ö') || x == y))
}

/// Whether a word is a letter of a reference: a lone capital ("nr L 228", "bilaga C", "L-huset"), which
/// in running text is a designation, never a word that lost its diacritic.
pub fn is_designation(t: &Token) -> bool {
    let mut chars = t.text.chars();
    chars.next().is_some_and(char::is_uppercase) && chars.next().is_none()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_diacritic_is_never_taken_away() {
        assert!(!keeps_diacritics("Delår", "Delar"));
        assert!(!keeps_diacritics("när", "nar"));
        assert!(!keeps_diacritics("sköta", "skåta"));
        assert!(keeps_diacritics("Halso", "Hälso"));
        assert!(keeps_diacritics("uppfoéljning", "uppföljning"));
        assert!(keeps_diacritics("läget", "läget"));
    }
}
