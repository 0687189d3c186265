//! Choosing a word's spelling: what a word as written can become ([`WordChoice`], worked out once per
//! word and remembered across documents), and the choice among those spellings once its neighbours are
//! heard ([`decide`]), which names the rule that settled it.

use super::candidates::{Candidate, Lexicon};
use super::context::Context;
use super::context_model::CONTEXT;
use super::lexicon::{capitalize, InputMap, INFINITIVES, SPELLER};
use super::rules::cues::context_rules;
use super::tokens::{Token, TokenKind};
use super::{CorpusModel, Needs};
use crate::text::fold;
use std::sync::{Arc, LazyLock, Mutex};

/// Lowest likelihood of a letter guess ([`Lexicon::letter_guess`]) for a word Hunspell accepts as written.
pub(crate) const TWIN_LIKELIHOOD: f32 = 0.7;

/// Weight of the corpus's word-pair counts against the words' own frequencies.
pub(crate) const PAIR_WEIGHT: f32 = 1.0;

/// Weight of the context model's word-pair evidence ([`super::context_model::ContextModel::evidence`])
/// against the words' own frequencies.
pub(crate) const CONTEXT_WEIGHT: f32 = 1.0;

/// Letters below which a spelling is chosen without the context model: between short words ("här" and
/// "har", "är" and "år", "så" and "sa", "råd" and "rad") a word pair of the software documentation the
/// model is counted from says more of that genre than of the choice ("det här kommandot" outnumbers
/// "det har"; a pair cannot see the noun that makes "här" a demonstrative), and on the development
/// texts it made more such words wrong than right; the cues and grammar rules decide them. Four, not
/// five: on the seeds and the public-sector development texts together four letters ("med stöd av",
/// "statligt stöd") made six more words right (public-sector texts +7, seeds −1).
pub(crate) const CONTEXT_MIN_LETTERS: usize = 4;

/// How much likelier (log10) than a known word as OCR read it a confusion must be to replace it.
pub(crate) const STAY_BONUS: f32 = 1.0;

/// Words (folded) after which an infinitive is likely: "att stärka", "ska följa".
pub(crate) const INFINITIVE_MARKERS: &[&str] = &[
    "att", "ska", "skall", "kan", "maste", "bor", "vill", "kunna", "skulle", "borde", "kommer",
];

/// What a word as written can become, before its neighbours are heard: its spellings with their scores,
/// the word itself among them (with the score of staying as it is).
pub(crate) struct WordChoice {
    pub(crate) lower: String,
    pub(crate) key: String,
    pub(crate) cands: Vec<Candidate>,
}

/// Everything a word's [`WordChoice`] depends on: the run's corpus (by [`CorpusModel::id`]), whether the
/// text is OCR text (which changes what the lexicon offers), the word as written, what its block needs,
/// and whether OCR doubted it.
#[derive(Hash, PartialEq, Eq)]
pub(crate) struct ChoiceKey {
    corpus: u64,
    ocr_text: bool,
    word: String,
    diacritics: bool,
    ocr: bool,
    suspect: bool,
}

/// Word choices remembered across the documents a process repairs: a diarium's documents share most of
/// their words, and working a word out costs Hunspell's compound checks (tens to hundreds of
/// microseconds each). Emptied when it holds [`CHOICES_KEPT`].
pub(crate) static CHOICES: LazyLock<Mutex<InputMap<ChoiceKey, Option<Arc<WordChoice>>>>> =
    LazyLock::new(|| Mutex::new(InputMap::default()));
pub(crate) const CHOICES_KEPT: usize = 100_000;

/// Forgets the remembered word choices and Hunspell's answers, so that a benchmark can time a first
/// reading as a fresh process would.
pub fn clear_memos() {
    if let Ok(mut choices) = CHOICES.lock() {
        choices.clear();
    }
    SPELLER.clear_memo();
}

/// The word's choice as this process last worked it out under the same corpus and needs, or worked out
/// now and remembered.
pub(crate) fn remembered_choice(
    lex: &mut Lexicon,
    t: &Token,
    needs: Needs,
    suspect: bool,
) -> Option<Arc<WordChoice>> {
    let key = ChoiceKey {
        corpus: lex.corpus.map_or(0, CorpusModel::id),
        ocr_text: !lex.spelled_variants,
        word: t.text.to_string(),
        diacritics: needs.diacritics,
        ocr: needs.ocr,
        suspect,
    };
    if let Some(known) = CHOICES.lock().ok().and_then(|c| c.get(&key).cloned()) {
        return known;
    }
    let choice = word_choice(lex, t, needs, suspect).map(Arc::new);
    if let Ok(mut choices) = CHOICES.lock() {
        if choices.len() >= CHOICES_KEPT {
            choices.clear();
        }
        choices.insert(key, choice.clone());
    }
    choice
}

/// The spellings a word may take; `None` when nothing but the word itself is possible.
pub(crate) fn word_choice(
    lex: &mut Lexicon,
    t: &Token,
    needs: Needs,
    suspect: bool,
) -> Option<WordChoice> {
    let lower = t.text.to_lowercase();
    let key = fold(&lower);
    let original_score = lex.score(&lower);
    let is_word = t.kind == TokenKind::Word;
    // Hunspell is asked only when the answer matters, and once per word.
    let mut checked: Option<bool> = None;
    let mut original_known = |lex: &Lexicon| {
        is_word
            && (original_score >= 3.0
                || *checked.get_or_insert_with(|| lex.speller.check_written(t.text, &lower)))
    };
    let mut cands: Vec<Candidate> = Vec::new();
    if is_word && (needs.diacritics || !original_known(lex)) {
        cands.extend(lex.known(&key).iter().map(|(form, score)| Candidate {
            form: form.clone(),
            score: *score,
            ocr: false,
            letters: false,
        }));
        // The letters are heard for lowercase words only: a capitalized word no list knows is more
        // often a name ("Datormagazin", "Robocop") than a Swedish word.
        let lowercase = !t.text.chars().any(char::is_uppercase);
        if cands.is_empty() && needs.diacritics && !needs.ocr && lowercase {
            if !original_known(lex) {
                if !lex.split_as_written(&key) {
                    cands.extend(lex.letter_guess(&key, 0.0));
                }
            } else if original_score == 0.0 {
                // An unlisted compound Hunspell accepts as written ("ordinationsmonster"): its letters
                // may still say it lost diacritics, when Hunspell accepts that spelling too and the
                // letters say so firmly (against a spelling Hunspell accepts, a guess needs more).
                cands.extend(
                    lex.letter_guess(&key, TWIN_LIKELIHOOD)
                        .filter(|c| lex.speller.check_written(t.text, &c.form)),
                );
            }
        }
    }
    if needs.ocr {
        // In OCR text a rare word may be a frequent one garbled ("dr" for "är"), and é is rarely Swedish.
        let mut doubtful =
            || original_score < 4.0 || lower.contains('é') || !is_word || !original_known(lex);
        if t.kind == TokenKind::Ocr || suspect || doubtful() {
            let unknown = !original_known(lex);
            for c in lex.ocr_candidates(&lower, unknown) {
                match cands.iter_mut().find(|x| x.form == c.form) {
                    Some(x) if x.score >= c.score => {}
                    Some(x) => *x = c,
                    None => cands.push(c),
                }
            }
        }
    }
    if cands.iter().all(|c| c.form == lower) {
        return None;
    }
    let best_other = cands
        .iter()
        .filter(|c| c.form != lower)
        .map(|c| c.score)
        .fold(f32::MIN, f32::max);
    // The word as written stays a contender: an unknown word (a name, a rare term) keeps a floor score,
    // and in OCR text a known word is trusted over a guess unless the guess is far likelier.
    let hopeless =
        best_other >= original_score.max(2.0) + 2.0 || (original_score == 0.0 && best_other > 2.0);
    let stay = if cands.iter().any(|c| c.letters) {
        // The letters guessed a word no list holds (as written, or in either spelling when Hunspell
        // accepts both): they decide.
        0.0
    } else if needs.diacritics && !needs.ocr && hopeless {
        // A word of stripped text with a spelling a hundred times likelier than it could be itself, or
        // one no list holds beside a listed or compound spelling: whether Hunspell accepts it changes
        // nothing.
        0.0
    } else if original_known(lex) {
        original_score.max(2.0) + if needs.diacritics { 0.0 } else { STAY_BONUS }
    } else if needs.diacritics {
        // A stripped text's unknown word with a listed diacritic spelling is that spelling.
        0.0
    } else {
        1.0
    };
    match cands.iter_mut().find(|c| c.form == lower) {
        Some(c) => c.score = c.score.max(stay),
        None => cands.push(Candidate {
            form: lower.clone(),
            score: stay,
            ocr: false,
            letters: false,
        }),
    }
    Some(WordChoice { lower, key, cands })
}

/// A candidate, its score in context, and what each named rule gave it.
type Scored<'c> = (&'c Candidate, f32, Vec<(&'static str, f32)>);

/// Chooses the spelling of a word among its contenders, hearing its neighbours; `None` keeps it.
pub(crate) fn decide(
    choice: &WordChoice,
    corpus: Option<&CorpusModel>,
    t: &Token,
    ctx: &Context,
) -> Option<(String, f32, &'static str)> {
    let after_marker = ctx
        .prev
        .as_deref()
        .is_some_and(|p| INFINITIVE_MARKERS.contains(&p));
    // The context model speaks only where it can compare: between spellings of five letters or more
    // that it knows, every one (the word as written aside, which a stripped text often spells as no
    // word): its silence on a spelling software documentation never writes ("vården") is no evidence
    // against it ("värden", values, is common there).
    let heard = choice.cands.iter().all(|c| {
        c.form.chars().count() >= CONTEXT_MIN_LETTERS
            && (c.form == choice.lower || CONTEXT.count(&c.form) > 0)
    });
    // Each candidate's score and what its neighbours gave it, by rule id.
    let scored = choice.cands.iter().map(|c| {
        let mut rules = context_rules(ctx, &c.form);
        let mut score = c.score + rules.iter().map(|r| r.1).sum::<f32>();
        if after_marker && INFINITIVES.contains(c.form.as_str()) {
            score += 1.5;
            rules.push(("grammar.infinitive_marker", 1.5));
        }
        let prev = ctx.prev.as_deref();
        let next = ctx.next.as_deref();
        let learned = if heard {
            CONTEXT_WEIGHT * CONTEXT.evidence(prev, &c.form, next)
        } else {
            0.0
        };
        if learned != 0.0 {
            score += learned;
            rules.push(("context.word_pairs", learned));
        }
        if let Some(corpus) = corpus {
            let left = ctx
                .prev
                .as_deref()
                .map_or(0, |p| corpus.left_count(p, &c.form));
            let right = ctx
                .next
                .as_deref()
                .map_or(0, |n| corpus.right_count(&c.form, n));
            let pairs = PAIR_WEIGHT * ((1.0 + left as f32).ln() + (1.0 + right as f32).ln());
            score += pairs;
            rules.push(("corpus.word_pairs", pairs));
        }
        (c, score, rules)
    });
    let scores: Vec<Scored> = scored.collect();
    // A tie keeps the word as written.
    fn keeps<'c>(
        lower: &str,
        a: (&'c Candidate, f32),
        b: (&'c Candidate, f32),
    ) -> (&'c Candidate, f32) {
        if b.1 > a.1 || (b.1 == a.1 && b.0.form == lower) {
            b
        } else {
            a
        }
    }
    let (best, top) = scores
        .iter()
        .map(|s| (s.0, s.1))
        .reduce(|a, b| keeps(&choice.lower, a, b))?;
    if best.form == choice.lower || top <= 0.0 {
        return None;
    }
    let total: f32 = scores.iter().map(|s| 10f32.powf(s.1 - top)).sum();
    let confidence = 1.0 / total;
    // The spelling the words' own scores chose; when the neighbours chose another, the change is named
    // after the rule that did the most for it against that spelling.
    let plain = scores
        .iter()
        .map(|s| (s.0, s.0.score))
        .reduce(|a, b| keeps(&choice.lower, a, b))
        .map(|(c, _)| c);
    let settled_by = plain.filter(|p| p.form != best.form).and_then(|p| {
        let given = |form: &str, id: &str| -> f32 {
            scores
                .iter()
                .filter(|s| s.0.form == form)
                .flat_map(|s| s.2.iter())
                .filter(|r| r.0 == id)
                .map(|r| r.1)
                .sum()
        };
        let ids = scores.iter().flat_map(|s| s.2.iter().map(|r| r.0));
        ids.map(|id| (id, given(&best.form, id) - given(&p.form, id)))
            .filter(|(_, gain)| *gain > 0.0)
            .reduce(|a, b| if b.1 > a.1 { b } else { a })
            .map(|(id, _)| id)
    });
    let rule = if let Some(id) = settled_by {
        id
    } else if best.letters {
        "letters"
    } else if fold(&best.form) == choice.key && !best.ocr {
        "diacritics"
    } else {
        "ocr"
    };
    Some((with_case_of(t.text, &best.form), confidence, rule))
}

/// Gives a lowercase spelling the capital the original started with.
pub(crate) fn with_case_of(original: &str, form: &str) -> String {
    if original.chars().next().is_some_and(char::is_uppercase) {
        capitalize(form)
    } else {
        form.to_string()
    }
}
