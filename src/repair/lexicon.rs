//! The Swedish lexicon the repair stage chooses from: word frequencies (wordfreq, CC BY-SA 4.0) indexed by
//! their diacritic-free "folded" key, and the Hunspell sv_SE dictionary (LGPL-3) for words the frequency
//! list lacks, above all compounds. Both are embedded in the binary and built once per process.

use std::collections::{HashMap, HashSet};
use std::hash::{BuildHasherDefault, Hasher};
use std::sync::{LazyLock, Mutex};

use crate::text::fold;
use crate::text::lexicon::{HUNSPELL_AFF, HUNSPELL_DIC, WORDFREQ};

/// True for the letters whose loss the stage repairs.
pub fn is_diacritic(c: char) -> bool {
    matches!(c, 'å' | 'ä' | 'ö' | 'Å' | 'Ä' | 'Ö' | 'é' | 'É')
}

/// A multiply-rotate hash for the embedded word lists: their keys are fixed data, not input, so the
/// flooding resistance of the standard hasher buys nothing there, and word lookups are repair's
/// innermost loop.
#[derive(Clone, Copy, Default)]
pub struct WordHasher(u64);

impl WordHasher {
    /// One multiply-rotate step: the hash so far with one more value mixed in.
    pub fn step(hash: u64, value: u64) -> u64 {
        const K: u64 = 0x517c_c1b7_2722_0a95;
        (hash.rotate_left(5) ^ value).wrapping_mul(K)
    }
}

impl Hasher for WordHasher {
    fn write(&mut self, bytes: &[u8]) {
        let mut chunks = bytes.chunks_exact(8);
        for c in &mut chunks {
            let mut word = [0u8; 8];
            word.copy_from_slice(c);
            self.0 = Self::step(self.0, u64::from_le_bytes(word));
        }
        for &b in chunks.remainder() {
            self.0 = Self::step(self.0, u64::from(b));
        }
    }

    fn finish(&self) -> u64 {
        self.0
    }
}

/// A map keyed by words of the embedded lists.
pub type WordMap<K, V> = HashMap<K, V, BuildHasherDefault<WordHasher>>;

/// A map keyed by words of the input: the hasher is fast but seeded per process (foldhash), which keeps
/// a hostile document from forcing collisions.
pub type InputMap<K, V> = HashMap<K, V, foldhash::fast::RandomState>;

/// Word frequencies by form and by folded key.
pub struct Frequencies {
    /// Lowercase form → zipf × 100.
    by_form: WordMap<Box<str>, u16>,
    /// Folded key → the forms sharing it, most frequent first, with their frequencies.
    by_fold: WordMap<Box<str>, Listed>,
    /// Every folded key, for testing a word's substrings by their hash ([`KeyHashes`]).
    keys: KeyFilter,
}

/// The forms of one folded key, most frequent first, and their zipf × 100 (as in `by_form`).
#[derive(Default)]
struct Listed {
    forms: Vec<Box<str>>,
    zipf: Vec<u16>,
}

impl Frequencies {
    fn parse(data: &str) -> Frequencies {
        let mut by_form: WordMap<Box<str>, u16> =
            WordMap::with_capacity_and_hasher(320_000, Default::default());
        let mut by_fold: WordMap<Box<str>, Listed> =
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
                .forms
                .push(Box::from(word));
        }
        let mut keys = KeyFilter::with_capacity(by_fold.len());
        for (key, listed) in &mut by_fold {
            keys.insert(KeyHashes::hash(key));
            // A form listed twice keeps the frequency of its last line, as `by_form` does.
            listed.zipf = listed
                .forms
                .iter()
                .map(|f| by_form.get(f).copied().unwrap_or(0))
                .collect();
        }
        Frequencies {
            by_form,
            by_fold,
            keys,
        }
    }

    /// Zipf frequency of a lowercase form (log10 per billion words), 0 when unlisted.
    pub fn zipf(&self, form: &str) -> f32 {
        self.by_form
            .get(form)
            .map_or(0.0, |z| f32::from(*z) / 100.0)
    }

    /// The listed forms whose folded key is `key`, most frequent first.
    pub fn forms(&self, key: &str) -> &[Box<str>] {
        self.by_fold.get(key).map_or(&[], |l| l.forms.as_slice())
    }

    /// The listed forms of `key` with their zipf frequencies, most frequent first.
    pub fn scored_forms(&self, key: &str) -> impl Iterator<Item = (&str, f32)> {
        self.by_fold.get(key).into_iter().flat_map(|l| {
            l.forms
                .iter()
                .zip(&l.zipf)
                .map(|(f, z)| (&**f, f32::from(*z) / 100.0))
        })
    }

    /// False when no folded key has this hash ([`KeyHashes`]), so that no form is listed under it; true
    /// for every listed key and for about one in a hundred others.
    pub fn may_list(&self, key_hash: u64) -> bool {
        self.keys.may_contain(key_hash)
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

/// Hashes of every stretch of a word's characters, from its prefix hashes: the compound search asks
/// about each of a long word's substrings, and this gives each one's hash without reading it again.
pub struct KeyHashes {
    prefix: Vec<u64>,
    pow: Vec<u64>,
}

impl KeyHashes {
    const BASE: u64 = 0x0000_0100_0000_01b3;

    fn step(hash: u64, c: char) -> u64 {
        hash.wrapping_mul(Self::BASE).wrapping_add(u64::from(c) + 1)
    }

    pub fn of(word: &str) -> KeyHashes {
        let (mut prefix, mut pow) = (vec![0u64], vec![1u64]);
        for c in word.chars() {
            let (h, p) = (prefix[prefix.len() - 1], pow[pow.len() - 1]);
            prefix.push(Self::step(h, c));
            pow.push(p.wrapping_mul(Self::BASE));
        }
        KeyHashes { prefix, pow }
    }

    /// The hash of a whole word, equal to `KeyHashes::of(word).range(0, n)` for its n characters.
    pub fn hash(word: &str) -> u64 {
        word.chars().fold(0, Self::step)
    }

    /// The hash of characters `start..end` (not bytes); 0 outside the word.
    pub fn range(&self, start: usize, end: usize) -> u64 {
        match (
            self.prefix.get(start),
            self.prefix.get(end),
            self.pow.get(end.wrapping_sub(start)),
        ) {
            (Some(a), Some(b), Some(p)) if start <= end => b.wrapping_sub(a.wrapping_mul(*p)),
            _ => 0,
        }
    }
}

/// A Bloom filter of key hashes: no false negatives, about 1 % false positives at 14 bits a key.
struct KeyFilter {
    bits: Vec<u64>,
}

impl KeyFilter {
    const PROBES: u64 = 3;

    fn with_capacity(keys: usize) -> KeyFilter {
        let words = (keys * 14 / 64).max(1).next_power_of_two();
        KeyFilter {
            bits: vec![0; words],
        }
    }

    /// Bit positions of a hash, by double hashing of its mixed halves.
    fn probes(&self, hash: u64) -> impl Iterator<Item = usize> {
        let mixed = (hash ^ (hash >> 29)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        let (h1, h2) = (mixed ^ (mixed >> 32), (mixed >> 17) | 1);
        let mask = (self.bits.len() as u64 * 64) - 1;
        (0..Self::PROBES).map(move |k| (h1.wrapping_add(k.wrapping_mul(h2)) & mask) as usize)
    }

    fn insert(&mut self, hash: u64) {
        for bit in self.probes(hash).collect::<Vec<_>>() {
            self.bits[bit / 64] |= 1 << (bit % 64);
        }
    }

    fn may_contain(&self, hash: u64) -> bool {
        self.probes(hash).all(|bit| {
            self.bits
                .get(bit / 64)
                .is_some_and(|w| w & (1 << (bit % 64)) != 0)
        })
    }
}

/// The forms of the embedded frequency list (those with a frequency above zero), without their
/// frequencies or folded keys, compiled by `build.rs` into an `fst` set and read in place: the questions
/// of a correctly written text ("is the joined word of a line-end hyphen a listed word?") load nothing.
static LISTED_FORMS_FST: &[u8] = include_bytes!(concat!(env!("OUT_DIR"), "/listed_forms.fst"));

/// The set of listed forms, opened on first use (empty if it could not be read, which a test rules out).
pub static LISTED_FORMS: LazyLock<ListedForms> =
    LazyLock::new(|| ListedForms(fst::Set::new(LISTED_FORMS_FST).ok()));

/// The frequency list's forms, read in place.
pub struct ListedForms(Option<fst::Set<&'static [u8]>>);

impl ListedForms {
    pub fn contains(&self, form: &str) -> bool {
        self.0.as_ref().is_some_and(|set| set.contains(form))
    }

    pub fn len(&self) -> usize {
        self.0.as_ref().map_or(0, fst::Set::len)
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

/// The embedded frequency list, parsed on first use.
pub static FREQUENCIES: LazyLock<Frequencies> = LazyLock::new(|| Frequencies::parse(WORDFREQ));

/// The Hunspell dictionary with a memo of its answers: a compound check costs tens of microseconds.
pub struct Speller {
    dict: Option<spellbook::Dictionary>,
    memo: Mutex<InputMap<String, bool>>,
}

/// Two compound settings of the vendored `sv_SE.aff` that repair reads differently, for speed: compound
/// parts of at least two letters instead of one (no word of the frequency list, stripped or not, is lost
/// but nonsense such as "xxxx"), and no `CHECKCOMPOUNDREP`, a spell checker's guard that rejects a
/// compound when one of the file's typing-error replacements (none of them a→å/ä or o→ö) turns it into a
/// listed word. Together they take about a quarter of the instructions of a first reading of stripped
/// text; the evaluation's figures and error lists are the same with and without them.
fn repair_aff_settings(aff: &str) -> String {
    aff.lines()
        .map(|line| match line.trim_end() {
            "COMPOUNDMIN 1" => "COMPOUNDMIN 2",
            "CHECKCOMPOUNDREP" => "",
            other => other,
        })
        .collect::<Vec<_>>()
        .join("\n")
}

impl Speller {
    fn load() -> Speller {
        Speller {
            // The vendored files parse; should a future copy not, repair still runs on frequencies alone.
            dict: spellbook::Dictionary::new(&repair_aff_settings(HUNSPELL_AFF), HUNSPELL_DIC).ok(),
            memo: Mutex::new(InputMap::default()),
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
    fn frequencies_group_the_spellings_of_a_key() {
        let f = &*FREQUENCIES;
        assert!(f.len() > 250_000);
        let forms: Vec<&str> = f.forms("for").iter().map(|s| &**s).collect();
        assert_eq!(forms.first(), Some(&"för"));
        assert!(forms.contains(&"for"));
        assert!(f.zipf("är") > f.zipf("år"));
        assert_eq!(f.zipf("namnden"), 0.0);
        let scored: Vec<(&str, f32)> = f.scored_forms("for").collect();
        assert_eq!(scored.len(), f.forms("for").len());
        assert!(scored.iter().all(|(form, z)| *z == f.zipf(form)));
    }

    /// The compiled set holds exactly the forms the frequency list gives a frequency.
    #[test]
    fn the_listed_forms_are_the_frequency_list_s_forms() {
        let f = &*FREQUENCIES;
        let mut listed = 0;
        for line in WORDFREQ.lines() {
            let Some((form, zipf)) = line.split_once('\t') else {
                continue;
            };
            if zipf.trim().parse::<u16>().is_ok_and(|z| z > 0) {
                listed += 1;
                assert!(LISTED_FORMS.contains(form), "{form}");
                assert!(f.zipf(form) > 0.0, "{form}");
            }
        }
        assert!(listed > 250_000);
        assert_eq!(LISTED_FORMS.len(), listed);
        assert!(LISTED_FORMS.contains("sjukvården") && !LISTED_FORMS.contains("sjukvarden"));
    }

    #[test]
    fn substring_hashes_find_every_listed_key() {
        let f = &*FREQUENCIES;
        let word = "sjukvardsnamnden";
        let hashes = KeyHashes::of(word);
        assert_eq!(hashes.range(0, 16), KeyHashes::hash(word));
        assert_eq!(hashes.range(9, 16), KeyHashes::hash("namnden"));
        assert_eq!(hashes.range(4, 8), KeyHashes::hash("vard"));
        assert!(f.may_list(hashes.range(9, 16)) && f.may_list(hashes.range(0, 4)));
        // Every key of the list passes; of strings that are no key, few do.
        let chars: Vec<char> = "qxzjwvkpy".chars().collect();
        let mut passed = 0;
        for a in &chars {
            for b in &chars {
                for c in &chars {
                    let s: String = [*a, *b, *c, 'q'].iter().collect();
                    passed +=
                        usize::from(f.may_list(KeyHashes::hash(&s)) && f.forms(&s).is_empty());
                }
            }
        }
        assert!(passed < 30, "{passed} of 729 non-keys passed the filter");
        assert!(f
            .words()
            .take(20_000)
            .all(|w| f.may_list(KeyHashes::hash(&fold(w)))));
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

    #[test]
    fn compound_settings_are_read_as_repair_wants_them() {
        // Both lines are in the vendored file, so that a newer copy that drops them is noticed.
        assert!(HUNSPELL_AFF.lines().any(|l| l == "COMPOUNDMIN 1"));
        assert!(HUNSPELL_AFF.lines().any(|l| l == "CHECKCOMPOUNDREP"));
        let aff = repair_aff_settings(HUNSPELL_AFF);
        assert!(aff.lines().any(|l| l == "COMPOUNDMIN 2"));
        assert!(!aff
            .lines()
            .any(|l| l.contains("CHECKCOMPOUNDREP") || l == "COMPOUNDMIN 1"));
        // A part of two letters still makes a compound ("en" + "vånings" + "byggnad"); "x" + "x" no more.
        assert!(SPELLER.check("envåningsbyggnad"));
        assert!(!SPELLER.check("xxxx"));
    }
}
