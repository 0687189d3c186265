//! Decides what a text needs before anything is changed: Swedish prose has roughly 2–4 % of its letters
//! with diacritics, so a long text with almost none lost them; stray digits and bars inside words are the
//! traces OCR leaves. Correctly written text needs nothing and is left alone.

use super::tokens::{tokens, Token, TokenKind};

/// What a text needs.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct Needs {
    /// Restore å/ä/ö/é lost by ASCII conversion or OCR.
    pub diacritics: bool,
    /// Undo OCR confusions (6 → ö, ii → ä, | → l …).
    pub ocr: bool,
}

impl Needs {
    pub fn any(&self) -> bool {
        self.diacritics || self.ocr
    }
}

/// Letters of the text, how many carry å/ä/ö, OCR traces, words, and Swedish function words.
#[derive(Debug, Default)]
struct Counts {
    letters: usize,
    diacritics: usize,
    traces: usize,
    words: usize,
    swedish: usize,
}

/// Share of letters with å/ä/ö below which a text is taken to have lost them.
const STRIPPED_RATIO: f64 = 0.008;
/// Fewer letters than this say too little about a text.
pub(super) const MIN_LETTERS: usize = 80;

fn count(text: &str, toks: &[Token]) -> Counts {
    let mut c = Counts::default();
    for ch in text.chars() {
        if ch.is_alphabetic() {
            c.letters += 1;
            if matches!(ch, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö') {
                c.diacritics += 1;
            }
        }
    }
    for (i, t) in toks.iter().enumerate() {
        match t.kind {
            TokenKind::Ocr | TokenKind::Pipe => c.traces += 1,
            TokenKind::Number if t.text == "1" => {
                let lower = |j: Option<usize>| {
                    j.and_then(|j| toks.get(j)).is_some_and(|w| {
                        w.kind == TokenKind::Word && w.text.chars().all(char::is_lowercase)
                    })
                };
                if lower(i.checked_sub(1)) && lower(Some(i + 1)) {
                    c.traces += 1;
                }
            }
            TokenKind::Word => {
                c.words += 1;
                if matches!(
                    t.text,
                    "och" | "att" | "som" | "med" | "det" | "den" | "av" | "till"
                ) {
                    c.swedish += 1;
                }
            }
            _ => {}
        }
    }
    c
}

/// What a whole text needs.
pub fn assess(text: &str) -> Needs {
    assess_tokens(text, &tokens(text))
}

/// What a whole text needs, from its tokens ([`tokens`]) when the caller has them already.
pub fn assess_tokens(text: &str, toks: &[Token]) -> Needs {
    let c = count(text, toks);
    Needs {
        diacritics: c.letters >= MIN_LETTERS
            && (c.diacritics as f64) < STRIPPED_RATIO * c.letters as f64,
        ocr: c.traces >= 2 && c.traces * 1000 >= c.words * 3,
    }
}

/// What one block needs, given what its document needs: a block of a stripped document that plainly
/// kept its diacritics is left alone, and a long Swedish block without any in a correct document is
/// repaired. `forced` keeps the document's answer. `toks` are the block's tokens ([`tokens`]).
pub fn block_needs(text: &str, toks: &[Token], doc: Needs, forced: bool) -> Needs {
    if forced {
        return doc;
    }
    let c = count(text, toks);
    let ratio = if c.letters == 0 {
        0.0
    } else {
        c.diacritics as f64 / c.letters as f64
    };
    let diacritics = if doc.diacritics {
        !(c.letters >= 200 && ratio >= 0.015)
    } else {
        c.letters >= 300 && ratio < 0.003 && c.swedish * 100 >= c.words * 8
    };
    Needs {
        diacritics,
        ocr: doc.ocr || (c.letters >= 300 && c.traces >= 3 && c.traces * 1000 >= c.words * 5),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const CORRECT: &str = "Hälso- och sjukvårdsnämnden ska följa arbetet med färdplanen för nära vård \
        som tagits fram i samverkan med länets kommuner och återrapportera det till nämnden. Arbetet \
        med att stärka den nära vården fortsätter under året, och det pågår ett arbete för att minska \
        köerna inom de opererande specialiteterna.";

    #[test]
    fn correct_text_needs_nothing() {
        assert_eq!(assess(CORRECT), Needs::default());
    }

    #[test]
    fn stripped_text_needs_diacritics_and_ocr_text_needs_both() {
        let stripped: String = CORRECT
            .chars()
            .map(|c| match c {
                'å' | 'ä' => 'a',
                'ö' => 'o',
                other => other,
            })
            .collect();
        assert_eq!(
            assess(&stripped),
            Needs {
                diacritics: true,
                ocr: false
            }
        );
        let ocr = stripped
            .replace("folja", "f6lja")
            .replace("i samverkan", "1 samverkan");
        assert!(assess(&ocr).ocr);
    }

    #[test]
    fn english_blocks_of_a_correct_document_stay_alone() {
        let english = "The region works with the municipalities to improve primary care for all \
            residents, and the board follows the work through regular reports on waiting times, \
            patient safety, staffing and the economy of the hospitals in the county over the year.";
        assert!(!block_needs(english, &tokens(english), Needs::default(), false).diacritics);
    }
}
