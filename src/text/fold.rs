//! Folding: the key two spellings share when they differ only in case and diacritics, so that OCR and
//! ASCII-converted text ("Halso", "sjukvardsnamnd") compares equal to what was written ("Hälso").
//!
//! There are two variants because two questions are asked. Repair and metadata ask "is this the same
//! Swedish word with its å/ä/ö lost?" and fold only the letters such a loss produces ([`Fold::Swedish`]).
//! Linking asks "is this the same text?" across documents typeset anywhere, and folds the diacritics of
//! other Latin letters too ([`Fold::Latin`]).

/// Which letters lose their diacritic.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Fold {
    /// å ä à á â → a, ö ø ó → o, é è ê → e: the letters lost when Swedish text goes through ASCII or OCR.
    Swedish,
    /// The Swedish set and also ã, ò ô õ, ë, ü ú ù, í ì ï: for comparing text that may quote other languages.
    Latin,
}

impl Fold {
    /// One lowercase letter without its diacritic; any other character unchanged.
    pub fn char(self, c: char) -> char {
        match (self, c) {
            (_, 'å' | 'ä' | 'à' | 'á' | 'â') => 'a',
            (_, 'ö' | 'ø' | 'ó') => 'o',
            (_, 'é' | 'è' | 'ê') => 'e',
            (Fold::Latin, 'ã') => 'a',
            (Fold::Latin, 'ò' | 'ô' | 'õ') => 'o',
            (Fold::Latin, 'ë') => 'e',
            (Fold::Latin, 'ü' | 'ú' | 'ù') => 'u',
            (Fold::Latin, 'í' | 'ì' | 'ï') => 'i',
            (_, other) => other,
        }
    }

    /// A word or text lowercased and folded.
    pub fn apply(self, text: &str) -> String {
        // Most words are plain ASCII, whose folding is its lowercase (and a copy, not a char-by-char build).
        if text.is_ascii() {
            return text.to_ascii_lowercase();
        }
        text.chars()
            .flat_map(char::to_lowercase)
            .map(|c| self.char(c))
            .collect()
    }
}

/// The Swedish fold of a word: "Hälso" and "halso" → "halso".
pub fn fold(word: &str) -> String {
    Fold::Swedish.apply(word)
}

/// The Swedish fold of one lowercase letter.
pub fn fold_char(c: char) -> char {
    Fold::Swedish.char(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn swedish_folds_only_what_ascii_conversion_loses() {
        assert_eq!(fold("Hälso"), "halso");
        assert_eq!(fold("ÅTERKOMMA"), "aterkomma");
        assert_eq!(fold("idé"), "ide");
        assert_eq!(fold("Müller"), "müller");
    }

    #[test]
    fn latin_folds_other_diacritics_too() {
        assert_eq!(Fold::Latin.apply("Müller"), "muller");
        assert_eq!(Fold::Latin.apply("Fußnote Hälso"), "fußnote halso");
        assert_eq!(Fold::Latin.char('ï'), 'i');
        assert_eq!(Fold::Swedish.char('ï'), 'ï');
    }
}
