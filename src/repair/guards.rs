//! What repair must never do, checked on every change whatever rule proposed it: take away a diacritic the
//! text already has ("Delår" is never "Delar": a writer who typed å meant it, and an OCR engine that read
//! one saw it), or touch the letters of a reference ("nr L 228", "EGT nr L 228", "bilaga C"); and the
//! words left as written before any spelling is weighed: a colon ending ("C64:an"), a foreign name ("San
//! Francisco"), a part of a hyphenated word that is a word as written ("skal-skydd"), an inner capital.

use super::candidates::Lexicon;
use super::context::runs_on;
use super::lexicon::{is_diacritic, FREQUENCIES, NAME_KEYS};
use super::tokens::{Token, TokenKind};
use crate::text::fold;

/// Whether `replacement` keeps every å/ä/ö/é of `original`: as many of each, and in a word of the same
/// length, at the same places.
pub fn keeps_diacritics(original: &str, replacement: &str) -> bool {
    let lower = |w: &str| -> Vec<char> { w.chars().flat_map(char::to_lowercase).collect() };
    let (a, b) = (lower(original), lower(replacement));
    if !a.iter().any(|&c| is_diacritic(c) && c != 'é') {
        return true;
    }
    let count = |w: &[char], c: char| w.iter().filter(|&&x| x == c).count();
    let kept = ['å', 'ä', 'ö']
        .iter()
        .all(|&c| count(&b, c) >= count(&a, c));
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

/// Whether a part of a chunk joined with inner hyphens belongs to a word as written: the chunk without
/// its hyphens is a word Hunspell accepts, and no list writes it with a diacritic ("skal-skydd" is
/// "skalskydd", a perimeter guard, not "skäl-skydd"). "ALF-utvarderingen" and "e-halsa" are no words
/// as written, so their parts are repaired.
pub(crate) fn hyphenated_word_as_written(text: &str, t: &Token, lex: &Lexicon) -> bool {
    if !t.joined_by_hyphen {
        return false;
    }
    let Some(chunk) = text.get(t.chunk.start..t.chunk.end) else {
        return false;
    };
    let joined: String = chunk
        .trim_matches(|c: char| !c.is_alphabetic())
        .chars()
        .filter(|&c| c != '-')
        .collect::<String>()
        .to_lowercase();
    if !joined.chars().all(char::is_alphabetic) || joined.chars().any(is_diacritic) {
        return false;
    }
    let key = fold(&joined);
    let respelled = FREQUENCIES.forms(&key).iter().any(|f| **f != *joined)
        || lex
            .corpus
            .is_some_and(|c| c.forms(&key).iter().any(|f| *f != joined));
    !respelled && lex.speller.check(&joined)
}

/// Whether the word is the ending Swedish puts after a colon on an abbreviation or number ("C64:an",
/// "USB:n", "SMS:et"): a suffix, not a word.
pub(crate) fn is_colon_suffix(text: &str, t: &Token) -> bool {
    text.get(..t.span.start)
        .and_then(|before| before.strip_suffix(':'))
        .and_then(|before| before.chars().next_back())
        .is_some_and(char::is_alphanumeric)
}

/// Whether a capitalized word inside a sentence stands in a name with a capitalized neighbour that is no
/// Swedish common word ("San Francisco", "John Draper", "Star Trek", "Paradise Lost"): such a name is
/// foreign, and its words are not Swedish words that lost their diacritics ("Sån", "Dräper", "Står"),
/// unless the word is a Swedish name the dictionary writes with one ("Genomlysningslab Örebro").
pub(crate) fn in_foreign_name(
    text: &str,
    prev: Option<&Token>,
    t: &Token,
    next: Option<&Token>,
    lex: &Lexicon,
) -> bool {
    let capitalized = |w: &Token| {
        w.kind == TokenKind::Word
            && !w.all_caps
            && w.text.chars().next().is_some_and(char::is_uppercase)
    };
    // No Swedish common word: Hunspell rejects it in lowercase (it knows "Francisco" and "John" as
    // names only), and no listed spelling of it carries a diacritic ("Bade" is "Både").
    let foreign = |w: &Token| {
        capitalized(w) && !w.text.chars().any(is_diacritic) && {
            let lower = w.text.to_lowercase();
            !lex.speller.check(&lower)
                && !lex
                    .freq
                    .forms(&fold(&lower))
                    .iter()
                    .any(|f| f.chars().any(is_diacritic))
        }
    };
    // The word as written is itself known (listed or accepted), as the foreign "San", "Lost" and
    // "Draper" are; "Bokforlag" beside "Brombergs" is no word as written and is restored.
    let known_as_written = || {
        let lower = t.text.to_lowercase();
        lex.freq.zipf(&lower) > 0.0 || lex.speller.check_written(t.text, &lower)
    };
    capitalized(t)
        && !NAME_KEYS.contains(&fold(t.text))
        && prev.is_some_and(|p| p.kind == TokenKind::Word && runs_on(text, p, t, 0))
        && (prev.is_some_and(&foreign)
            || next.is_some_and(|n| runs_on(text, t, n, 0) && foreign(n)))
        && known_as_written()
}

/// Whether a letter after the first is a capital.
pub(crate) fn inner_capital(word: &str) -> bool {
    word.chars().skip(1).any(char::is_uppercase)
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
