//! Guesses the diacritics of a word that no list, corpus or dictionary knows (a truncated table word such
//! as "ersattn", a compound Hunspell rejects such as "valfardsbrottlighet") from the letters around each
//! a and o, as Swedish words spell them: "rönt", "hjälp" and "sättn" are how those letters go, "ront" and
//! "hjalp" are not. Learned once per process from the frequency list's words, one count per word.

use super::lexicon::{WordHasher, WordMap, FREQUENCIES};
use crate::text::fold_char;
use std::sync::LazyLock;

/// Letters of context on each side, widest first; a narrower window is used where the wider one was seen
/// too rarely.
const WIDTHS: [usize; 3] = [3, 2, 1];
/// Words a context must have been seen in before its counts decide.
const MIN_SEEN: u32 = 4;
/// Lowest share of its context's words a diacritic spelling must hold for a letter to take it.
const MIN_SHARE: f32 = 0.6;

/// Counts of the spellings a folded letter takes in one context: `[a, å, ä]` or `[o, ö, -]`.
type Counts = [u16; 3];

/// Spellings of the folded letters the model decides.
fn options(c: char) -> Option<&'static [char]> {
    match c {
        'a' => Some(&['a', 'å', 'ä']),
        'o' => Some(&['o', 'ö']),
        _ => None,
    }
}

pub struct LetterModel {
    counts: WordMap<u64, Counts>,
}

/// The model learned from the embedded frequency list, built on first use.
pub static LETTERS: LazyLock<LetterModel> = LazyLock::new(|| {
    // The list's words give about 200,000 contexts: room for them all, so the map never grows.
    let mut model = LetterModel {
        counts: WordMap::with_capacity_and_hasher(1 << 18, Default::default()),
    };
    let (mut chars, mut folded) = (Vec::new(), Vec::new());
    for word in FREQUENCIES.words() {
        model.learn(word, &mut chars, &mut folded);
    }
    model
});

/// The hash of one context: window width, the letter, and the folded letters around it ('^' and '$' pad
/// the word's ends), one multiply-rotate step a letter.
fn context_key(folded: &[char], at: usize, width: usize) -> u64 {
    let mut h = WordHasher::step(0, width as u64 + 1);
    for k in 0..=2 * width {
        let i = at as isize - width as isize + k as isize;
        let c = if i < 0 {
            '^'
        } else {
            folded.get(i as usize).copied().unwrap_or('$')
        };
        h = WordHasher::step(h, u64::from(u32::from(c)));
    }
    h
}

impl LetterModel {
    /// Counts the spellings of one word's a and o letters; `chars` and `folded` are buffers the
    /// caller keeps from word to word.
    fn learn(&mut self, word: &str, chars: &mut Vec<char>, folded: &mut Vec<char>) {
        if !word.chars().all(char::is_alphabetic) {
            return;
        }
        chars.clear();
        chars.extend(word.chars());
        folded.clear();
        folded.extend(chars.iter().map(|&c| fold_char(c)));
        for (at, &f) in folded.iter().enumerate() {
            let Some(opts) = options(f) else { continue };
            let Some(pick) = opts.iter().position(|&o| o == chars[at]) else {
                continue;
            };
            for width in WIDTHS {
                let counts = self
                    .counts
                    .entry(context_key(folded, at, width))
                    .or_default();
                counts[pick] = counts[pick].saturating_add(1);
            }
        }
    }

    /// The likeliest spelling of a folded key's a and o letters, and the likelihood of its least
    /// likely change (a letter's share of its spelling among the words with the same letters around it).
    /// A letter changes only when a diacritic spelling holds at least [`MIN_SHARE`] of its context;
    /// `None` when no letter changes.
    pub fn guess(&self, key: &str) -> Option<(String, f32)> {
        let folded: Vec<char> = key.chars().collect();
        let mut out = folded.clone();
        let mut likelihood = 1.0f32;
        for (at, &f) in folded.iter().enumerate() {
            let Some(opts) = options(f) else { continue };
            // A letter in no context seen often enough keeps its plain spelling.
            let Some(counts) = WIDTHS.iter().find_map(|&width| {
                let c = self.counts.get(&context_key(&folded, at, width))?;
                (c.iter().map(|&n| u32::from(n)).sum::<u32>() >= MIN_SEEN).then_some(*c)
            }) else {
                continue;
            };
            // One more unseen word of every spelling: a context seen four times is not certain.
            let total = counts.iter().map(|&n| f32::from(n)).sum::<f32>() + opts.len() as f32;
            let Some((best, share)) = (1..opts.len())
                .map(|i| (i, f32::from(counts[i]) / total))
                .max_by(|a, b| a.1.total_cmp(&b.1))
            else {
                continue;
            };
            if share >= MIN_SHARE {
                out[at] = opts[best];
                likelihood = likelihood.min(share);
            }
        }
        let form: String = out.into_iter().collect();
        (form != key).then_some((form, likelihood))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn common_letter_contexts_restore_words_no_list_holds() {
        // Truncated table words and an unlisted compound, each written in the documents of the seeds.
        for (stripped, expected) in [
            ("omsattn", "omsättn"),
            ("rontgenssk", "röntgenssk"),
            ("valfardsbrottlighet", "välfärdsbrottlighet"),
        ] {
            assert_eq!(
                LETTERS.guess(stripped).map(|g| g.0).as_deref(),
                Some(expected),
                "{stripped}"
            );
        }
    }

    #[test]
    fn plain_letters_stay_where_words_keep_them() {
        for word in ["laparaskopistapel", "organisationsplan", "kostnadsanalys"] {
            assert_eq!(LETTERS.guess(word).map(|g| g.0), None, "{word}");
        }
    }
}
