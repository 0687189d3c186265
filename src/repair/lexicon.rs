//! The Swedish lexicon the repair stage chooses from: word frequencies (wordfreq, CC BY-SA 4.0) indexed by
//! their diacritic-free "folded" key, and the Hunspell sv_SE dictionary (LGPL-3) for words the frequency
//! list lacks, above all compounds. Both are embedded in the binary and built once per process.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{LazyLock, Mutex};

static WORDFREQ: &str = include_str!("../../data/wordfreq/sv.tsv");
static HUNSPELL_AFF: &str = include_str!("../../data/hunspell/sv_SE.aff");
/// The vendored Swedish Hunspell word list (`data/hunspell/`), shared with the tables stage.
pub static HUNSPELL_DIC: &str = include_str!("../../data/hunspell/sv_SE.dic");

/// The key two spellings share when they differ only in å/ä/ö/é and case: "Hälso" and "halso" → "halso".
pub fn fold(word: &str) -> String {
    word.chars()
        .flat_map(char::to_lowercase)
        .map(fold_char)
        .collect()
}

/// One lowercase letter without its diacritic (only the ones Swedish loses in ASCII conversion).
pub fn fold_char(c: char) -> char {
    match c {
        'å' | 'ä' | 'à' | 'á' | 'â' => 'a',
        'ö' | 'ø' | 'ó' => 'o',
        'é' | 'è' | 'ê' => 'e',
        other => other,
    }
}

/// True for the letters whose loss the stage repairs.
pub fn is_diacritic(c: char) -> bool {
    matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö' | 'é' | 'É')
}

/// A multiply-rotate hash for the embedded word lists: their keys are fixed data, not input, so the
/// flooding resistance of the standard hasher buys nothing there, and word lookups are repair's
/// innermost loop.
#[derive(Clone, Copy, Default)]
pub struct WordHasher(u64);

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = (self.0.rotate_left(5) ^ u64::from_le_bytes(word)).wrapping_mul(K);
        }
        for &b in chunks.remainder() {
            self.0 = (self.0.rotate_left(5) ^ u64::from(b)).wrapping_mul(K);
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by words of the embedded lists.
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// Word frequencies by form and by folded key.
pub struct Frequencies {
    /// Lowercase form → zipf × 100.
    by_form: WordMap<Box<str>, u16>,
    /// Folded key → the forms sharing it, most frequent first.
    by_fold: WordMap<Box<str>, Vec<Box<str>>>,
}

impl Frequencies {
    fn parse(data: &str) -> Frequencies {
        let mut by_form: WordMap<Box<str>, u16> =
            WordMap::with_capacity_and_hasher(320_000, Default::default());
        let mut by_fold: WordMap<Box<str>, Vec<Box<str>>> =
            WordMap::with_capacity_and_hasher(300_000, Default::default());
        for line in data.lines() {
            let Some((word, zipf)) = line.split_once('\t') else {
                continue;
            };
            let Ok(zipf) = zipf.trim().parse::<u16>() else {
                continue;
            };
            // The list is sorted by frequency, so forms are pushed most frequent first.
            by_form.insert(Box::from(word), zipf);
            by_fold
                .entry(fold(word).into_boxed_str())
                .or_default()
                .push(Box::from(word));
        }
        Frequencies { by_form, by_fold }
    }

    /// Zipf frequency of a lowercase form (log10 per billion words), 0 when unlisted.
    pub fn zipf(&self, form: &str) -> f32 {
        self.by_form
            .get(form)
            .map_or(0.0, |z| f32::from(*z) / 100.0)
    }

    /// The listed forms whose folded key is `key`, most frequent first.
    pub fn forms(&self, key: &str) -> &[Box<str>] {
        self.by_fold.get(key).map_or(&[], Vec::as_slice)
    }

    pub fn len(&self) -> usize {
        self.by_form.len()
    }

    /// Every listed form, in no particular order.
    pub fn words(&self) -> impl Iterator<Item = &str> {
        self.by_form.keys().map(|w| &**w)
    }

    pub fn is_empty(&self) -> bool {
        self.by_form.is_empty()
    }
}

/// The embedded frequency list, parsed on first use.
pub static FREQUENCIES: LazyLock<Frequencies> = LazyLock::new(|| Frequencies::parse(WORDFREQ));

/// The Hunspell dictionary with a memo of its answers: a compound check costs tens of microseconds.
pub struct Speller {
    dict: Option<spellbook::Dictionary>,
    memo: Mutex<HashMap<String, bool>>,
}

impl Speller {
    fn load() -> Speller {
        Speller {
            // The vendored files parse; should a future copy not, repair still runs on frequencies alone.
            dict: spellbook::Dictionary::new(HUNSPELL_AFF, HUNSPELL_DIC).ok(),
            memo: Mutex::new(HashMap::new()),
        }
    }

    /// Whether Hunspell accepts the word as written (case matters as in Hunspell: "örebro" needs a capital).
    pub fn check(&self, word: &str) -> bool {
        let Some(dict) = &self.dict else {
            return false;
        };
        if let Ok(memo) = self.memo.lock() {
            if let Some(known) = memo.get(word) {
                return *known;
            }
        }
        let ok = dict.check(word);
        if let Ok(mut memo) = self.memo.lock() {
            if memo.len() > 1_000_000 {
                memo.clear();
            }
            memo.insert(word.to_string(), ok);
        }
        ok
    }

    /// Whether a lowercase word is Swedish in any casing Hunspell knows (common word or name).
    pub fn check_any_case(&self, lower: &str) -> bool {
        self.check(lower) || self.check(&capitalize(lower))
    }

    /// Whether a word is Swedish as written or in lowercase: a name must carry its capital.
    pub fn check_written(&self, written: &str, lower: &str) -> bool {
        self.check(lower)
            || (written.chars().next().is_some_and(char::is_uppercase)
                && self.check(&capitalize(lower)))
    }

    pub fn is_loaded(&self) -> bool {
        self.dict.is_some()
    }

    /// Forgets the memo, so that a benchmark can time a first reading as a fresh process would.
    pub fn clear_memo(&self) {
        if let Ok(mut memo) = self.memo.lock() {
            memo.clear();
        }
    }
}

/// The embedded Hunspell dictionary, parsed on first use.
pub static SPELLER: LazyLock<Speller> = LazyLock::new(Speller::load);

/// Infinitives of the Hunspell dictionary: stems ending in -a that conjugate like verbs (flag K: -a → -er,
/// -te, -de; or the first conjugation's m and P together: -r, -de, -t, as "arbeta", "stötta") and in -å
/// with the flag of "gå" (M: -r, -tt), so that "att starka" can be told to be "att stärka", "ska inga" to
/// be "ska ingå" and "stötta vara verksamheter" to be "stötta våra".
pub static INFINITIVES: LazyLock<HashSet<Box<str>>> = LazyLock::new(|| {
    HUNSPELL_DIC
        .lines()
        .filter_map(|line| line.split_once('/'))
        .filter(|(stem, flags)| {
            stem.ends_with('a')
                && (flags.contains('K') || flags.contains('m') && flags.contains('P'))
                || stem.ends_with('å') && flags.contains('M')
        })
        .map(|(stem, _)| Box::from(stem))
        .collect()
});

/// The folded keys of the infinitives, for judging a word by its unrepaired neighbour ("bor ansoka").
pub static INFINITIVE_KEYS: LazyLock<HashSet<String>> =
    LazyLock::new(|| INFINITIVES.iter().map(|f| fold(f)).collect());

/// The -a forms of the dictionary's adjectives (flag O: -t, -a), folded: "kliniska", "administrativa",
/// "kloka". Such a form stands before its noun, so "kliniska val" is a choice, not "kliniska väl".
pub static ADJECTIVE_A_KEYS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    HUNSPELL_DIC
        .lines()
        .filter_map(|line| line.split_once('/'))
        .filter(|(stem, flags)| {
            flags.contains('O')
                && stem.chars().count() >= 3
                && !stem.ends_with(['a', 'e'])
                && stem.chars().all(char::is_lowercase)
        })
        .map(|(stem, _)| fold(stem) + "a")
        .collect()
});

/// Folded keys of the dictionary's names that carry a diacritic ("orebro" for "Örebro", "vasteras"):
/// a capitalized word next to a foreign one may still be one of them.
pub static NAME_KEYS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    HUNSPELL_DIC
        .lines()
        .map(|line| line.split('/').next().unwrap_or(""))
        .filter(|stem| stem.chars().next().is_some_and(char::is_uppercase))
        .filter(|stem| stem.chars().any(is_diacritic))
        .map(fold)
        .collect()
});

/// First parts that the dictionary writes with a hyphen ("hjärt-" of "hjärt-kärlsjukdom"), lowercase:
/// a line-end hyphen after one of them is the word's own.
pub static HYPHENATED_PARTS: LazyLock<HashSet<String>> = LazyLock::new(|| {
    HUNSPELL_DIC
        .lines()
        .map(|line| line.split('/').next().unwrap_or(""))
        .filter_map(|stem| {
            stem.find('-')
                .filter(|&i| i > 0 && i + 1 < stem.len())
                .map(|i| &stem[..i])
        })
        .map(str::to_lowercase)
        .collect()
});

/// "örebro" → "Örebro".
pub fn capitalize(word: &str) -> String {
    let mut chars = word.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_drops_only_the_swedish_diacritics_and_case() {
        assert_eq!(fold("Hälso"), "halso");
        assert_eq!(fold("ÅTERKOMMA"), "aterkomma");
        assert_eq!(fold("idé"), "ide");
        assert_eq!(fold("Müller"), "müller");
    }

    #[test]
    fn frequencies_group_the_spellings_of_a_key() {
        let f = &*FREQUENCIES;
        assert!(f.len() > 250_000);
        let forms: Vec<&str> = f.forms("for").iter().map(|s| &**s).collect();
        assert_eq!(forms.first(), Some(&"för"));
        assert!(forms.contains(&"for"));
        assert!(f.zipf("är") > f.zipf("år"));
        assert_eq!(f.zipf("namnden"), 0.0);
    }

    #[test]
    fn hunspell_accepts_swedish_compounds_and_rejects_stripped_words() {
        let s = &*SPELLER;
        assert!(s.is_loaded());
        assert!(s.check("kompetensförsörjningsplan"));
        assert!(s.check("sjukvårdsnämndens"));
        assert!(!s.check("sjukvardsnamndens"));
        assert!(s.check_any_case("örebro"));
        assert!(INFINITIVES.contains("stärka") && !INFINITIVES.contains("starka"));
        assert!(
            ADJECTIVE_A_KEYS.contains("kliniska") && ADJECTIVE_A_KEYS.contains("administrativa")
        );
        assert!(!ADJECTIVE_A_KEYS.contains("arbeta") && !ADJECTIVE_A_KEYS.contains("ska"));
    }
}
