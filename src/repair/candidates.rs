//! Candidate spellings for a damaged word and how likely each is on its own: the diacritic variants that
//! share its folded key, the OCR confusions (a weighted table of what Tesseract writes for å/ä/ö), and
//! compounds split on their parts and checked whole by Hunspell.

use super::corpus::CorpusModel;
use super::letters::LETTERS;
use super::lexicon::{is_diacritic, Frequencies, InputMap, KeyHashes, Speller, LISTED_FORMS};
use crate::text::{fold, fold_char};
use std::cell::RefCell;
use std::rc::Rc;
use std::sync::LazyLock;

/// What OCR writes in place of a letter: the characters as written, the letter they stand for (folded:
/// `a` stands for å/ä, `o` for ö), whether that letter must carry a diacritic, and a cost (log10 units of
/// likelihood given up). The costs follow how often each confusion appears in Tesseract's English-model
/// reading of Swedish text (`fixtures/repair/ocr/`): 6 for ö and é for å/ä/ö are common and cheap; d, i
/// and g stand for a vowel with diacritic often, but are ordinary letters far more often, so they cost more.
pub const CONFUSIONS: &[(&str, char, bool, f32)] = &[
    ("6", 'o', true, 0.3),
    ("0", 'o', true, 1.0),
    ("4", 'a', true, 0.6),
    ("1", 'i', false, 0.5),
    ("1", 'l', false, 0.7),
    ("|", 'l', false, 0.5),
    ("|", 'i', false, 0.7),
    ("&", 'a', true, 0.5),
    ("éa", 'a', true, 0.5),
    ("é", 'o', true, 0.5),
    ("é", 'a', true, 0.6),
    ("ii", 'a', true, 0.5),
    ("ea", 'a', true, 1.0),
    ("i", 'a', true, 1.0),
    ("d", 'a', true, 1.2),
    ("d", 'o', true, 1.2),
    ("g", 'o', true, 1.5),
    ("ad", 'a', true, 1.5),
    ("di", 'a', true, 1.5),
    // ö read as two characters (34 times in the fixtures' OCR: "fo6rutsattningar", "infdérdes",
    // "b6érjade", "avgoOrande"); cheap where they cannot be Swedish letters, dear where they can ("od").
    ("oé", 'o', true, 0.4),
    ("dé", 'o', true, 0.4),
    ("6é", 'o', true, 0.3),
    ("é6", 'o', true, 0.3),
    ("d6", 'o', true, 0.4),
    ("o6", 'o', true, 0.3),
    ("oo", 'o', true, 1.0),
    ("od", 'o', true, 1.5),
];

/// Cost of a candidate that leaves a plain vowel where OCR's confusion says a diacritic was.
const PLAIN_WHERE_DIACRITIC: f32 = 1.0;

/// Score given to a compound Hunspell accepts but the frequency list lacks: that of a rare word.
const COMPOUND_SCORE: f32 = 2.5;
/// Score of a compound of strong parts that Hunspell does not accept: below any word it accepts.
const UNCHECKED_SCORE: f32 = 1.5;
/// The zipf frequency each part of such a compound must reach on average.
const STRONG_PART: f32 = 3.5;
/// Below this frequency a listed spelling must also pass Hunspell (or the corpus): the web text behind the
/// list holds stripped spellings such as "fran".
const TRUSTED_ZIPF: f32 = 3.0;
const MAX_VARIANTS: usize = 200;
/// How far (log10) below its key's likeliest spelling a rare spelling may be and still be considered.
const RARE_GAP: f32 = 2.0;
/// How many of a word's OCR variants (cheapest first) may have their rare spellings checked by Hunspell.
const CHECKED_VARIANTS: usize = 8;
/// How many splits of a key, likeliest first, Hunspell is asked about: of the word's own key, and of
/// each OCR variant of it (a miss costs tens of microseconds).
const KEY_TRIES: usize = 4;
const VARIANT_TRIES: usize = 2;
/// How many of a word's OCR variants (cheapest first) may be tried as compounds.
const COMPOUND_VARIANTS: usize = 6;
/// How much likelier (log10) the parts of a diacritic spelling must be than the plain ones to respell a
/// compound Hunspell accepts as written.
const RESPELL_MARGIN: f32 = 0.25;
/// How many diacritic variants of an unlisted key (fewest changes first) Hunspell is asked about.
const SPELLED_TRIES: usize = 8;
/// The highest score a compound part can have (zipf).
const PART_CAP: f32 = 5.0;

/// One way to spell a compound part: a listed form, maybe with the linking -s, and its score.
#[derive(Clone, Copy)]
struct PartForm<'a> {
    form: &'a str,
    link: bool,
    score: f32,
    /// Polynomial hash of the spelling and the power that shifts a hash past it: the hash of a
    /// joined spelling is `hash(a) * pow(b) + hash(b)`.
    hash: u64,
    pow: u64,
}

impl<'a> PartForm<'a> {
    fn new(form: &'a str, link: bool, score: f32) -> Self {
        const BASE: u64 = 0x0100_0000_01b3;
        let (mut hash, mut pow) = (0u64, 1u64);
        let bytes = form.bytes().chain(link.then_some(b's'));
        for b in bytes {
            hash = hash.wrapping_mul(BASE).wrapping_add(u64::from(b) + 1);
            pow = pow.wrapping_mul(BASE);
        }
        PartForm {
            form,
            link,
            score,
            hash,
            pow,
        }
    }
}

/// One spelling of a key as a compound: its parts' score, and whether every part is a common word of
/// three letters or more.
struct Split<'a> {
    form: String,
    parts: Vec<Part<'a>>,
    score: f32,
    strong: bool,
}

/// A step of the compound search: the spelling of one part and the split of the key before it.
#[derive(Clone, Copy, Default)]
struct Step<'a> {
    score: f32,
    /// Hash of the spelling so far.
    sig: u64,
    parts: usize,
    form: &'a str,
    link: bool,
    /// (end of the key before this part, index in that end's beam).
    back: Option<(usize, usize)>,
}

/// One part of a split: its spelling, whether the linking -s follows it, and how many characters of the
/// key it covers.
struct Part<'a> {
    form: &'a str,
    link: bool,
    len: usize,
}

/// The parts of a split, first to last.
fn parts<'a>(beams: &[Vec<Step<'a>>], last: &Step<'a>) -> Vec<Part<'a>> {
    let mut parts: Vec<Part> = Vec::new();
    let (mut step, mut end) = (Some(last), beams.len() - 1);
    while let Some(s) = step {
        step = s.back.and_then(|(j, k)| {
            parts.push(Part {
                form: s.form,
                link: s.link,
                len: end - j,
            });
            end = j;
            beams.get(j).and_then(|b| b.get(k))
        });
    }
    parts.reverse();
    parts
}

/// A possible spelling (lowercase) and its score: log10 likelihood, less the cost of the confusions used.
#[derive(Clone, Debug, PartialEq)]
pub struct Candidate {
    pub form: String,
    pub score: f32,
    /// Reached through the OCR confusion table, not by diacritics alone.
    pub ocr: bool,
    /// Guessed from the letters around each a and o ([`LETTERS`]): a word no list knows.
    pub letters: bool,
}

/// The lexical resources of one repair run, with memos of the expensive answers.
pub struct Lexicon<'a> {
    /// Lazily parsed: a text that never asks for a word's frequency or spelling (a correctly written
    /// document without line-end hyphens) does not pay for loading them.
    pub freq: &'a LazyLock<Frequencies>,
    pub speller: &'a LazyLock<Speller>,
    pub corpus: Option<&'a CorpusModel>,
    known: InputMap<String, Vec<(String, f32)>>,
    /// Folded key → its compound spelling, for OCR variants.
    compounds: InputMap<String, Option<String>>,
    /// Folded key → its splits ([`Lexicon::splits`]), asked for by several rules about the same word.
    splits: RefCell<InputMap<String, Rc<[Split<'a>]>>>,
    /// Whether [`Lexicon::known`] may try every diacritic variant of an unlisted key: worth it in
    /// stripped text, where such a key is a word that lost its diacritics, not in OCR text, where it is
    /// mostly a garbled one.
    pub spelled_variants: bool,
}

impl<'a> Lexicon<'a> {
    pub fn new(
        freq: &'a LazyLock<Frequencies>,
        speller: &'a LazyLock<Speller>,
        corpus: Option<&'a CorpusModel>,
    ) -> Self {
        Lexicon {
            freq,
            speller,
            corpus,
            known: InputMap::default(),
            compounds: InputMap::default(),
            splits: RefCell::new(InputMap::default()),
            spelled_variants: true,
        }
    }

    /// How likely a lowercase form is on its own (zipf), from the frequency list and the corpus.
    pub fn score(&self, form: &str) -> f32 {
        let corpus = self.corpus.map_or(0.0, |c| c.zipf(form) - 0.5);
        self.freq.zipf(form).max(corpus)
    }

    /// Whether a lowercase form is listed (its [`Self::score`] is above 0). Without a corpus the answer
    /// comes from [`LISTED_FORMS`], so that a correctly written text's line-end joins do not load the
    /// whole frequency list.
    pub fn is_listed(&self, form: &str) -> bool {
        if self.corpus.is_some() {
            self.score(form) > 0.0
        } else {
            LISTED_FORMS.contains(form)
        }
    }

    fn corpus_count(&self, form: &str) -> u32 {
        self.corpus.map_or(0, |c| c.count(form))
    }

    /// Real spellings whose folded key is `key`, with their scores, best first; a compound, or failing
    /// that a diacritic variant Hunspell accepts, when nothing is listed.
    pub fn known(&mut self, key: &str) -> &[(String, f32)] {
        if !self.known.contains_key(key) {
            let found = self.lookup(key);
            self.known.insert(key.to_string(), found);
        }
        self.known.get(key).map_or(&[], Vec::as_slice)
    }

    fn lookup(&self, key: &str) -> Vec<(String, f32)> {
        let mut out = self.listed(key, true);
        if !out.is_empty() {
            return out;
        }
        // A key Hunspell accepts as written is a word already ("medarbetarskapet"), unless it is a
        // stripped compound whose diacritic parts are clearly likelier.
        if self.speller.check(key) {
            if self.spelled_variants {
                out.extend(
                    self.respelled_compound(key)
                        .map(|form| (form, COMPOUND_SCORE)),
                );
            }
        } else {
            let split = self.compound_split(key, KEY_TRIES);
            let guess = match split {
                Some((form, true)) => Some((form, COMPOUND_SCORE)),
                unchecked => self
                    .spelled_variants
                    .then(|| self.spelled_variant(key))
                    .flatten()
                    .map(|form| (form, COMPOUND_SCORE))
                    .or_else(|| {
                        let (form, _) = unchecked?;
                        (form != key).then_some((form, UNCHECKED_SCORE))
                    }),
            };
            out.extend(guess);
        }
        out
    }

    /// The listed spellings of a key (frequency list and corpus), best first; rare ones only when
    /// Hunspell accepts them, and only when `check` allows asking it (a check of nonsense can be slow).
    fn listed(&self, key: &str, check: bool) -> Vec<(String, f32)> {
        let mut out: Vec<(String, f32)> = Vec::new();
        let corpus_forms = self.corpus.map_or(&[][..], |c| c.forms(key));
        let listed = self.freq.forms(key).iter().take(6).map(|f| &**f);
        let forms = || {
            listed
                .clone()
                .chain(corpus_forms.iter().map(String::as_str))
        };
        let top = forms().map(|f| self.score(f)).fold(0.0, f32::max);
        for form in forms() {
            if out.iter().any(|(f, _)| f == form) {
                continue;
            }
            let score = self.score(form);
            // A rare spelling far behind its key's common one cannot win ("öch" beside "och"), so
            // Hunspell need not be asked about it.
            let mut score = score;
            if score < TRUSTED_ZIPF && self.corpus_count(form) == 0 {
                if score < top - RARE_GAP || !check {
                    continue;
                }
                if self.speller.check_any_case(form) {
                    // A rare form Hunspell accepts is at least as likely as a compound it accepts.
                    score = score.max(COMPOUND_SCORE);
                } else if form.chars().any(is_diacritic) {
                    // Stripping takes diacritics away and never adds one: a listed spelling that has
                    // one is no stripped spelling, and is kept as Hunspell's compound rules miss many
                    // a word ("ägandeskap"); at least as likely as a compound of strong parts.
                    score = score.max(UNCHECKED_SCORE);
                } else {
                    continue;
                }
            }
            out.push((form.to_string(), score));
        }
        out.sort_by(|a, b| b.1.total_cmp(&a.1));
        out
    }

    /// The last resort for a word of stripped text that no list, corpus or dictionary knows in any
    /// spelling (a truncated table word "ersattn", a compound Hunspell rejects): the spelling the letters
    /// around its a and o suggest, scored so that against the word as written (score 0) its confidence
    /// is the guess's likelihood; `None` below `min_likelihood`.
    pub fn letter_guess(&self, key: &str, min_likelihood: f32) -> Option<Candidate> {
        if !self.spelled_variants {
            return None;
        }
        let (form, likelihood) = LETTERS.guess(key).filter(|g| g.1 >= min_likelihood)?;
        Some(Candidate {
            form,
            score: (likelihood / (1.0 - likelihood).max(1e-3)).log10(),
            ocr: false,
            letters: true,
        })
    }

    /// Whether the likeliest split of a key into listed parts reads it as written ("regions" + "kontor",
    /// "visa" + "korts" + "nummer"): such a compound has lost nothing, whatever its letters say.
    pub fn split_as_written(&self, key: &str) -> bool {
        self.splits(key).first().is_some_and(|s| s.form == key)
    }

    /// Splits a folded key into listed parts, gives each part its likeliest spelling, and returns the
    /// first joined spelling Hunspell accepts among the `tries` likeliest (`true`), or else the likeliest
    /// when its parts are strong (`false`).
    pub fn compound_split(&self, key: &str, tries: usize) -> Option<(String, bool)> {
        let splits = self.splits(key);
        if let Some(split) = splits
            .iter()
            .take(tries)
            .find(|s| self.speller.check(&s.form))
        {
            return Some((split.form.clone(), true));
        }
        // Hunspell's compound rules miss many a compound of plain parts ("sårbedömning", "vårdnära"):
        // the likeliest split whose parts are all common words of three letters or more is still offered,
        // unless a likelier split leaves the word as written.
        for split in splits.iter() {
            if split.form == key {
                return None;
            }
            if split.strong {
                return Some((split.form.clone(), false));
            }
        }
        None
    }

    /// A diacritic spelling of a stripped compound that Hunspell accepts as written too: "operationsfloden"
    /// (rivers) is "operationsflöden" in a run whose correctly written documents write "flöden" and never
    /// "floden". Offered only when its parts beat the plain ones by [`RESPELL_MARGIN`], Hunspell accepts
    /// it, and the run's corpus attests each respelled part and not its plain form: word frequencies alone
    /// cannot tell "medarbetarskapet" from "medarbetarskåpet".
    pub fn respelled_compound(&self, key: &str) -> Option<String> {
        let corpus = self.corpus?;
        let splits = self.splits(key);
        let best = splits.first().filter(|s| s.form != key)?;
        let plain = splits.iter().find(|s| s.form == key)?;
        let attested = best.parts.iter().all(|Part { form, .. }| {
            !form.chars().any(is_diacritic)
                || (corpus.count(form) > 0 && corpus.count(&fold(form)) == 0)
        });
        (attested && best.score >= plain.score + RESPELL_MARGIN && self.speller.check(&best.form))
            .then(|| best.form.clone())
    }

    /// The likeliest spellings of a folded key as a compound of two to four listed parts, best first
    /// (worked out once per key).
    fn splits(&self, key: &str) -> Rc<[Split<'a>]> {
        if let Some(known) = self.splits.borrow().get(key) {
            return Rc::clone(known);
        }
        let found: Rc<[Split<'a>]> = self.search_splits(key).into();
        self.splits
            .borrow_mut()
            .insert(key.to_string(), Rc::clone(&found));
        found
    }

    fn search_splits(&self, key: &str) -> Vec<Split<'a>> {
        // Byte offsets of the characters, so that parts are slices of the key, not new strings.
        let at: Vec<usize> = key
            .char_indices()
            .map(|(i, _)| i)
            .chain(std::iter::once(key.len()))
            .collect();
        let n = at.len() - 1;
        if !(6..=40).contains(&n) || !key.chars().all(char::is_alphabetic) {
            return Vec::new();
        }
        const BEAM: usize = 8;
        let hashes = KeyHashes::of(key);
        // beams[i]: the best splits of key[..i], each a step (a part's spelling) back to the split it
        // extends; spellings are joined only for the splits that survive.
        let mut beams: Vec<Vec<Step>> = vec![Vec::new(); n + 1];
        beams[0].push(Step::default());
        let mut forms: Vec<PartForm> = Vec::new();
        for i in 2..=n {
            let mut here: Vec<Step> = Vec::new();
            for j in 0..=i - 2 {
                if beams[j].is_empty() || (i == n && i - j < 3) {
                    continue;
                }
                let Some(part) = key.get(at[j]..at[i]) else {
                    continue;
                };
                self.part_forms(part, hashes.range(j, i), hashes.range(j, i - 1), &mut forms);
                for pf in &forms {
                    // Every part costs, short ones more: compounds of many little words are rarely
                    // what a long word is.
                    let short = if i - j < 4 { 2.0 } else { 0.0 };
                    for (k, prev) in beams[j].iter().enumerate() {
                        if prev.parts < 4 {
                            here.push(Step {
                                score: prev.score + pf.score - 4.0 - short,
                                sig: prev.sig.wrapping_mul(pf.pow).wrapping_add(pf.hash),
                                parts: prev.parts + 1,
                                form: pf.form,
                                link: pf.link,
                                back: Some((j, k)),
                            });
                        }
                    }
                }
            }
            // Only the best few can make the beam; sorting all would be wasted.
            if here.len() > 4 * BEAM {
                here.select_nth_unstable_by(4 * BEAM, |a, b| b.score.total_cmp(&a.score));
                here.truncate(4 * BEAM);
            }
            here.sort_by(|a, b| b.score.total_cmp(&a.score));
            // The same spelling reached by several splits counts once, with its best score (spellings
            // are told apart by their hash, so that none has to be written out).
            let mut seen: Vec<u64> = Vec::new();
            here.retain(|h| {
                let new = seen.len() < BEAM && !seen.contains(&h.sig);
                if new {
                    seen.push(h.sig);
                }
                new
            });
            beams[i] = here;
        }
        beams[n]
            .iter()
            .filter(|s| s.parts >= 2)
            .map(|s| {
                let parts = parts(&beams, s);
                let mut form = String::new();
                for part in &parts {
                    form.push_str(part.form);
                    if part.link {
                        form.push('s');
                    }
                }
                let shortest = parts.iter().map(|p| p.len).min().unwrap_or(0);
                Split {
                    form,
                    score: s.score,
                    strong: s.score >= s.parts as f32 * (STRONG_PART - 4.0) && shortest >= 3,
                    parts,
                }
            })
            .collect()
    }

    /// The first joined spelling of a key's split that Hunspell accepts, among the `tries` likeliest.
    pub fn compound(&self, key: &str, tries: usize) -> Option<String> {
        self.compound_split(key, tries)
            .and_then(|(form, accepted)| accepted.then_some(form))
    }

    /// The first diacritic variant of a short key that Hunspell accepts, fewest changes first: the last
    /// resort for words neither listed nor split into listed parts ("aterkopplats" → "återkopplats").
    fn spelled_variant(&self, key: &str) -> Option<String> {
        let chars: Vec<char> = key.chars().collect();
        let slots: Vec<usize> = (0..chars.len())
            .filter(|&i| matches!(chars[i], 'a' | 'o'))
            .collect();
        if chars.len() < 6 || chars.len() > 24 || slots.is_empty() || slots.len() > 3 {
            return None;
        }
        let options = |c: char| -> &'static [char] {
            if c == 'a' {
                &['a', 'å', 'ä']
            } else {
                &['o', 'ö']
            }
        };
        // Every combination, as a number in mixed radix over the slots.
        let total: usize = slots.iter().map(|&i| options(chars[i]).len()).product();
        let mut variants: Vec<(usize, String)> = (1..total)
            .map(|mut code| {
                let mut v = chars.clone();
                let mut changes = 0;
                for &i in &slots {
                    let opts = options(chars[i]);
                    let pick = opts[code % opts.len()];
                    code /= opts.len();
                    changes += usize::from(pick != chars[i]);
                    v[i] = pick;
                }
                (changes, v.into_iter().collect())
            })
            .collect();
        variants.sort();
        variants
            .into_iter()
            .map(|(_, v)| v)
            .take(SPELLED_TRIES)
            .find(|v| self.speller.check(v))
    }

    /// Likeliest spellings of a compound part, with their scores, into `out`. A part is scored as a word
    /// of the run's documents would be (the corpus knows "flöden" where the list prefers "floden"), no
    /// higher than [`PART_CAP`] (the little words "de", "in", "ta" are frequent, not likely parts), and a
    /// spelling far behind its key's likeliest ("omradet" beside "området") is not one. `hash` and
    /// `stem_hash` are the [`KeyHashes`] of the part and of the part less its last character: the list
    /// is not searched for a part whose hash no key has, as most substrings of a word are no word.
    fn part_forms(&self, part: &str, hash: u64, stem_hash: u64, out: &mut Vec<PartForm<'a>>) {
        out.clear();
        let freq: &'a Frequencies = self.freq;
        let corpus_forms =
            |key: &str| -> &'a [String] { self.corpus.map_or(&[], |c| c.forms(key)) };
        let push = |out: &mut Vec<PartForm<'a>>, key: &str, link: bool| {
            // A listed form's score is its frequency unless the corpus has seen it too (the corpus
            // lists every form it has seen under the form's key).
            let seen = corpus_forms(key);
            let mut scored = [("", 0.0f32); 2];
            let mut n = 0;
            for (f, zipf) in freq.scored_forms(key).take(2) {
                let score = if seen.iter().any(|s| s == f) {
                    self.score(f)
                } else {
                    zipf
                };
                scored[n] = (f, score.min(PART_CAP));
                n += 1;
            }
            let scored = &scored[..n];
            let top = scored.iter().map(|f| f.1).fold(0.0, f32::max);
            for &(f, score) in scored {
                let score = if link { score - 0.5 } else { score };
                if score >= if link { 2.5 } else { 2.0 } && score >= top - RARE_GAP {
                    out.push(PartForm::new(f, link, score));
                }
            }
        };
        if freq.may_list(hash) {
            push(out, part, false);
        }
        // A part with the linking -s of Swedish compounds ("sårbarhet" + "s" + "analys"), also when
        // the part is listed as a word: "produktions", a rare genitive, is the common "produktion" + "s"
        // in "produktionstal" (the two spell the same and count once, with the better score).
        if let Some(stem) = part.strip_suffix('s') {
            if freq.may_list(stem_hash) {
                push(out, stem, true);
            }
        }
        for f in corpus_forms(part) {
            if !out.iter().any(|o| !o.link && o.form == f.as_str()) {
                out.push(PartForm::new(f, false, self.score(f).min(PART_CAP)));
            }
        }
    }

    /// Spellings reachable from an OCR'd lowercase word through the confusion table (one or two
    /// confusions), scored less their cost. Listed spellings are looked up (a hash lookup each); when
    /// none is found for an unknown word, or only weak ones, its cheapest variants are tried as
    /// compounds, each try costing Hunspell checks.
    pub fn ocr_candidates(&mut self, lower: &str, unknown: bool) -> Vec<Candidate> {
        // A word the lexicon knows is tried with one confusion only: two confusions that turn a word
        // into another word are rare, and trying every pair is what made OCR text slow.
        let variants = ocr_variants(lower, if unknown { 2 } else { 1 });
        let mut out: Vec<Candidate> = Vec::new();
        for (i, v) in variants.iter().enumerate() {
            // Rare spellings are checked with Hunspell for the cheapest variants only.
            for (form, score) in self.listed(&v.key, i < CHECKED_VARIANTS) {
                push_variant(&mut out, v, form, score);
            }
        }
        // Only weak listed spellings (a rare word through a costly confusion): a compound may be likelier.
        if unknown && out.iter().all(|c| c.score < COMPOUND_SCORE - 1.0) {
            for v in variants.iter().take(COMPOUND_VARIANTS) {
                let found = match self.compounds.get(&v.key) {
                    Some(found) => found.clone(),
                    None => {
                        let found = self.compound(&v.key, VARIANT_TRIES);
                        self.compounds.insert(v.key.clone(), found.clone());
                        found
                    }
                };
                if let Some(form) = found {
                    push_variant(&mut out, v, form, COMPOUND_SCORE);
                }
            }
        }
        out
    }
}

/// Adds a spelling reached through an OCR variant, scored less the variant's cost, keeping the best score
/// of a spelling reached twice.
fn push_variant(out: &mut Vec<Candidate>, v: &Variant, form: String, score: f32) {
    let chars: Vec<char> = form.chars().collect();
    let plain = if chars.len() == v.diacritic.len() {
        v.diacritic
            .iter()
            .zip(&chars)
            .filter(|(needs, c)| **needs && !is_diacritic(**c))
            .count()
    } else {
        0
    };
    let score = score - v.cost - PLAIN_WHERE_DIACRITIC * plain as f32;
    match out.iter_mut().find(|c| c.form == form) {
        Some(c) if c.score >= score => {}
        Some(c) => c.score = score,
        None => out.push(Candidate {
            form,
            score,
            ocr: true,
            letters: false,
        }),
    }
}

/// A spelling OCR may have garbled into the word: its folded key, which of its letters the confusions
/// say carried a diacritic, and the cost of the confusions.
#[derive(Clone, Debug, PartialEq)]
pub struct Variant {
    pub key: String,
    pub diacritic: Vec<bool>,
    pub cost: f32,
}

/// The word after one confusion, or two when `depth` is 2; only variants made of letters.
pub fn ocr_variants(lower: &str, depth: usize) -> Vec<Variant> {
    // Each char with "was put here by a confusion" and "must carry a diacritic".
    type Chars = Vec<(char, bool, bool)>;
    let start: Chars = lower.chars().map(|c| (c, false, false)).collect();
    let mut best: InputMap<String, (Chars, f32)> = InputMap::default();
    let mut frontier: Vec<(Chars, f32)> = vec![(start, 0.0)];
    for _ in 0..depth {
        let mut next = Vec::new();
        for (word, cost) in &frontier {
            for at in 0..word.len() {
                for (from, to, dia, c) in CONFUSIONS {
                    let len = from.chars().count();
                    let Some(slice) = word.get(at..at + len) else {
                        continue;
                    };
                    if slice.iter().any(|x| x.1) || !slice.iter().map(|x| x.0).eq(from.chars()) {
                        continue;
                    }
                    let mut v: Chars = word[..at].to_vec();
                    v.push((*to, true, *dia));
                    v.extend_from_slice(&word[at + len..]);
                    let total = cost + c;
                    let text: String = v.iter().map(|x| x.0).collect();
                    if best.get(&text).is_none_or(|b| total < b.1) && best.len() < MAX_VARIANTS {
                        best.insert(text, (v.clone(), total));
                        next.push((v, total));
                    }
                }
            }
        }
        frontier = next;
    }
    let mut out: Vec<Variant> = best
        .into_values()
        .filter(|(v, _)| v.iter().all(|x| x.0.is_alphabetic()))
        .map(|(v, cost)| Variant {
            key: v.iter().map(|x| fold_char(x.0)).collect(),
            diacritic: v.iter().map(|x| x.2).collect(),
            cost,
        })
        .collect();
    out.sort_by(|a, b| a.cost.total_cmp(&b.cost).then_with(|| a.key.cmp(&b.key)));
    out
}

#[cfg(test)]
mod tests {
    use super::super::lexicon::{FREQUENCIES, SPELLER};
    use super::*;

    fn best(lex: &mut Lexicon, word: &str) -> Option<String> {
        let mut c = lex.ocr_candidates(word, true);
        c.sort_by(|a, b| b.score.total_cmp(&a.score));
        c.first().map(|c| c.form.clone())
    }

    #[test]
    fn diacritic_variants_share_a_key_and_noise_spellings_are_dropped() {
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        let forms: Vec<String> = lex.known("fran").iter().map(|f| f.0.clone()).collect();
        assert_eq!(forms.first().map(String::as_str), Some("från"));
        // "forvaltningen" is listed (stripped web text) but neither frequent nor Swedish.
        let forms: Vec<String> = lex
            .known("forvaltningen")
            .iter()
            .map(|f| f.0.clone())
            .collect();
        assert_eq!(forms, ["förvaltningen"]);
        assert_eq!(lex.known("namnden")[0].0, "nämnden");
    }

    #[test]
    fn compounds_are_split_on_listed_parts_and_checked_by_hunspell() {
        let lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        assert_eq!(
            lex.compound("sjukvardsforvaltningen", 4).as_deref(),
            Some("sjukvårdsförvaltningen")
        );
        assert_eq!(lex.compound("xqzvbnmkl", 4), None);
    }

    #[test]
    fn a_compound_of_strong_parts_is_offered_when_hunspell_rejects_it() {
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        assert!(!SPELLER.check("vårdnära"));
        let forms: Vec<(String, f32)> = lex.known("vardnara").to_vec();
        assert_eq!(forms, [("vårdnära".to_string(), UNCHECKED_SCORE)]);
    }

    #[test]
    fn a_compound_hunspell_accepts_as_written_is_respelled_only_on_the_corpus_word() {
        assert!(SPELLER.check("operationsfloden"));
        let corpus =
            CorpusModel::of_text("Flöden i vården. Nya flöden och bättre flöden för patienten.");
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, Some(&corpus));
        assert_eq!(lex.known("operationsfloden")[0].0, "operationsflöden");
        // Without a corpus that writes "flöden", the river stays.
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        assert!(lex.known("operationsfloden").is_empty());
        // Frequencies alone prefer "skåpet" (a cupboard) to "skapet": never respelled without the corpus.
        let corpus = CorpusModel::of_text("Medarbetarna och ledarskapet.");
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, Some(&corpus));
        assert!(lex.known("medarbetarskapet").is_empty());
    }

    #[test]
    fn a_split_of_strong_parts_is_not_taken_over_a_likelier_plain_one() {
        let lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        // "informations|klass|ås" has strong parts, but "information|s|klassas" reads the word as written.
        assert_eq!(lex.compound_split("informationsklassas", 4), None);
        // Parts of three letters count as strong when common: "del" + "året", which Hunspell rejects.
        assert!(!SPELLER.check("delåret"));
        assert_eq!(
            lex.compound_split("delaret", 4),
            Some(("delåret".to_string(), false))
        );
    }

    #[test]
    fn ocr_confusions_lead_back_to_the_word() {
        let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
        assert_eq!(best(&mut lex, "6kad").as_deref(), Some("ökad"));
        assert_eq!(best(&mut lex, "dterkomma").as_deref(), Some("återkomma"));
        assert_eq!(best(&mut lex, "hiilso").as_deref(), Some("hälso"));
        assert_eq!(best(&mut lex, "nimnden").as_deref(), Some("nämnden"));
        assert_eq!(best(&mut lex, "|an").as_deref(), Some("län"));
        assert_eq!(
            best(&mut lex, "mgjligheterna").as_deref(),
            Some("möjligheterna")
        );
    }
}
