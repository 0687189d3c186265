//! Text normalization for comparing uppdrag: the same words must compare equal whether they come from a
//! clean PDF text, a repaired OCR text or an OCR text that lost its å/ä/ö ("namnden", "6ka", "nimnden").
//!
//! Every text becomes a list of [`Token`]s: the word as written (for evidence a person can read) and a
//! folded, lightly stemmed form used for comparison.

use crate::text::Fold;
use unicode_normalization::UnicodeNormalization;

/// A word of an uppdrag text: as written and folded for comparison.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Token {
    /// The word as it stands in the text (case kept, punctuation trimmed).
    pub surface: String,
    /// Lowercase, diacritics folded (å/ä→a, ö→o, é→e), OCR digit confusions undone, suffix stripped.
    pub key: String,
}

/// Words that say nothing about which assignment a text is: function words and the verbs every uppdrag
/// starts with. Compared in folded form. The particles of particle verbs ("ta fram", "tagits fram", "se
/// över") go too: the verb says what is done, and "fram" or "över" alone tied unrelated texts.
const STOPWORDS: &[&str] = &[
    "att", "och", "i", "for", "med", "till", "av", "pa", "som", "det", "den", "de", "en", "ett",
    "inom", "om", "samt", "under", "ska", "skall", "kan", "vid", "fran", "dess", "sin", "sina",
    "eller", "har", "ar", "hur", "var", "vara", "sa", "mellan", "efter", "utifran", "bland",
    "annat", "dar", "detta", "dessa", "nu", "aven", "also", "nr", "fram", "over",
];

/// Stems of verbs that say how the work goes, not which work: "fortsätta" (any form) opens many
/// uppdrag of a later plan and tied unrelated ones ("fortsätta arbetet med …") across years.
const ASPECT_STEMS: &[&str] = &["fortsatt"];

/// Folds a word: lowercase, diacritics off, and the digits OCR puts for letters inside words ("6ka" for
/// "öka", "f6lja" for "följa") turned back into letters.
pub fn fold_word(word: &str) -> String {
    let nfc: String = word.nfc().collect();
    let has_letter = nfc.chars().any(char::is_alphabetic);
    nfc.chars()
        .flat_map(char::to_lowercase)
        .map(|c| Fold::Latin.char(c))
        .map(|c| match c {
            // Only inside a word that has letters: "6" alone is a number.
            '6' if has_letter => 'o',
            '0' if has_letter => 'o',
            '1' if has_letter => 'i',
            c => c,
        })
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Suffixes of Swedish inflection, longest first: "omställningen" and "omställning", "arbetet" and
/// "arbeta", "lasarett" and "lasaretts" compare equal after they are stripped.
const SUFFIXES: &[&str] = &[
    "arnas", "ernas", "ornas", "heten", "arna", "erna", "orna", "ande", "ende", "aste", "are",
    "het", "en", "ar", "er", "or", "et", "as", "es", "na", "a", "e", "s",
];

/// Strips one inflectional suffix, keeping a stem of at least four letters.
pub fn stem(folded: &str) -> String {
    let chars = folded.chars().count();
    for suffix in SUFFIXES {
        if folded.ends_with(suffix) && chars >= suffix.len() + 4 {
            return folded[..folded.len() - suffix.len()].to_string();
        }
    }
    folded.to_string()
}

/// True for a folded word that is a function word.
pub fn is_stopword(folded: &str) -> bool {
    STOPWORDS.contains(&folded) || ASPECT_STEMS.contains(&stem(folded).as_str())
}

/// Splits a text into words, keeping hyphenated compounds ("hälso-och") apart and dropping punctuation.
pub fn words(text: &str) -> Vec<&str> {
    text.split(|c: char| c.is_whitespace() || matches!(c, '-' | '–' | '—' | '/' | ','))
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
        .collect()
}

/// The comparable tokens of an uppdrag text: the leading "Att" and function words dropped, the rest
/// folded and stemmed. Order is kept; duplicates are kept (callers make sets).
pub fn tokens(text: &str) -> Vec<Token> {
    let mut out = Vec::new();
    for (i, word) in words(text).into_iter().enumerate() {
        let folded = fold_word(word);
        if folded.is_empty() || (i == 0 && folded == "att") || is_stopword(&folded) {
            continue;
        }
        // A lone digit-free letter left by OCR ("v'", "|") carries nothing.
        if folded.chars().count() < 2 && !folded.chars().all(|c| c.is_ascii_digit()) {
            continue;
        }
        out.push(Token {
            surface: word.to_string(),
            key: stem(&folded),
        });
    }
    out
}

/// The whole text folded into one comparable string (for character-level measures), without the leading
/// "Att" and with whitespace collapsed.
pub fn folded_text(text: &str) -> String {
    let ws = words(text);
    let start = usize::from(ws.first().is_some_and(|w| fold_word(w) == "att"));
    ws[start.min(ws.len())..]
        .iter()
        .map(|w| fold_word(w))
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ")
}

/// True when a word looks like an abbreviation: two to six capitals, no lowercase ("USÖ", "SPOT").
pub fn is_acronym(word: &str) -> bool {
    let n = word.chars().count();
    (2..=6).contains(&n) && word.chars().all(|c| c.is_uppercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn keys(text: &str) -> Vec<String> {
        tokens(text).into_iter().map(|t| t.key).collect()
    }

    #[test]
    fn clean_and_ocr_text_fold_to_the_same_keys() {
        assert_eq!(
            keys("Att fortsätta arbetet med omställning till Nära vård"),
            keys("Att fortsatta arbetet med omstallning till Nara vard"),
        );
        assert_eq!(fold_word("6ka"), fold_word("öka"));
        assert_eq!(fold_word("f6lja"), "folja");
        assert_eq!(fold_word("2024"), "2024");
    }

    #[test]
    fn inflections_share_a_stem() {
        assert_eq!(
            stem(&fold_word("omställningen")),
            stem(&fold_word("omställning"))
        );
        assert_eq!(
            stem(&fold_word("Lindesbergs")),
            stem(&fold_word("Lindesberg"))
        );
        assert_eq!(stem("arbetet"), stem("arbeta"));
        // Short words are left alone rather than cut to nothing.
        assert_eq!(stem("vard"), "vard");
    }

    #[test]
    fn leading_att_and_function_words_are_dropped() {
        assert_eq!(keys("Att öka andelen elektiva ingrepp på USÖ")[0], "oka");
        assert!(!keys("arbeta för en ekonomi i balans").contains(&"i".to_string()));
        assert_eq!(folded_text("Att öka  andelen"), "oka andelen");
    }

    #[test]
    fn particles_and_the_verb_of_going_on_name_no_assignment() {
        // "tagits fram", "se över" and "fortsätta" tied unrelated uppdrag of two years; the words that say
        // what is done or what it is about remain.
        assert_eq!(
            keys("Att fortsätta arbetet med en kompetensförsörjningsplan som tagits fram"),
            ["arbet", "kompetensforsorjningsplan", "tagit"]
        );
        assert_eq!(keys("se över möjligheterna")[..1], ["se".to_string()]);
        assert_eq!(
            keys("Att fortsatta arbetet, fortsätter och fortsatt"),
            ["arbet"]
        );
    }

    #[test]
    fn acronyms_are_capitals_only() {
        assert!(is_acronym("USÖ") && is_acronym("SPOT"));
        assert!(!is_acronym("Nr") && !is_acronym("A") && !is_acronym("1177"));
    }
}
