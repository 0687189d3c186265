//! Repair: restores the å/ä/ö that ASCII conversion or OCR took from Swedish text ("Halso" → "Hälso",
//! "6kad" → "ökad", "nimnden" → "nämnden") and joins words broken at line ends, recording every change as a
//! [`Repair`] next to the original; [`Document::text`] itself is never changed.
//!
//! What a text needs is decided from the text (per document, then per block): restoration when its letters
//! carry almost no å/ä/ö, confusion repair when it shows OCR traces, nothing when it is correctly written.

mod assess;
mod candidates;
mod choice;
mod context;
pub mod context_model;
pub mod corpus;
mod dehyphenate;
mod gate;
mod guards;
pub mod language;
pub mod letters;
pub mod lexicon;
mod rules;
pub mod tokens;

pub use assess::{assess, Needs};
pub use choice::clear_memos;
pub use corpus::CorpusModel;
pub use language::Language;

use crate::model::{Diagnostic, Document, Repair, Span};
use crate::text::fold;
use candidates::Lexicon;
use choice::{decide, remembered_choice, WordChoice};
use context::context;
use guards::{hyphenated_word_as_written, in_foreign_name, inner_capital, is_colon_suffix};
use lexicon::{is_diacritic, InputMap, FREQUENCIES, SPELLER};
use rules::acronym::acronym;
use rules::ocr::{lone_one, ocr_initial_case, pipe};
use std::sync::Arc;
use tokens::{tokens, Token, TokenKind};

/// Choices for repair.
#[derive(Clone, Debug)]
pub struct RepairOptions {
    /// Off leaves every document as it is.
    pub enabled: bool,
    /// Counts learned from correctly written documents of the same run ([`CorpusModel::learn`]).
    pub corpus: Option<Arc<CorpusModel>>,
    /// Changes less sure than this are recorded with `applied: false` (flagged, not made).
    pub threshold: f32,
    /// What to repair, instead of deciding it from the text.
    pub needs: Option<Needs>,
    /// OCR words below this confidence are suspect even when they are words.
    pub suspect_below: f32,
    /// Join words broken at line ends.
    pub dehyphenate: bool,
}

impl Default for RepairOptions {
    fn default() -> Self {
        RepairOptions {
            enabled: true,
            corpus: None,
            threshold: 0.6,
            needs: None,
            suspect_below: 0.6,
            dehyphenate: true,
        }
    }
}

/// Repairs a cleaned document: fills `repairs` and says in `diagnostics` what the text was found to need.
///
/// The order is the order of harm avoided: the language first (text that is not Swedish is reported and
/// left alone, per document and per block), then the source (a text layer that no OCR made never gets OCR
/// repair, [`gate`]), then what the text itself shows ([`assess`]).
pub fn repair(mut doc: Document, opts: &RepairOptions) -> Document {
    if !opts.enabled {
        return doc;
    }
    // One tokenization serves the document's assessment and its repair.
    let toks = tokens(&doc.text);
    let plan = plan(&doc, &toks, opts);
    if let Some(code) = plan.foreign {
        doc.diagnostics.push(Diagnostic::info(
            "repair.not_swedish",
            format!("the text reads as {code}, not Swedish: left as written, nothing repaired"),
        ));
        return doc;
    }
    let suspects: Vec<Span> = doc
        .ocr_words
        .iter()
        .filter(|w| w.confidence < opts.suspect_below)
        .map(|w| w.span)
        .collect();
    let found = repair_regions(&doc.text, &toks, plan.needs, &plan.regions, &suspects, opts);
    let applied = found.iter().filter(|r| r.applied).count();
    let leftovers = found.iter().filter(|r| r.rule == LEFTOVER).count();
    doc.diagnostics.extend(plan.notes);
    doc.diagnostics.push(Diagnostic::info(
        "repair.assessed",
        format!(
            "text needs diacritic restoration: {}, OCR repair: {}; {applied} changes made, {} flagged, \
             {leftovers} unknown words left as written (flagged as {LEFTOVER})",
            plan.needs.diacritics,
            plan.needs.ocr,
            found.len() - applied - leftovers
        ),
    ));
    doc.repairs.extend(found);
    doc.repairs.sort_by_key(|r| (r.span.start, r.span.end));
    doc
}

/// What the stage will do with a document, decided before any word is looked at.
struct Plan {
    /// Set when the whole text reads as another language (its profile's code): nothing is repaired.
    foreign: Option<&'static str>,
    /// What the document as a whole needs (OCR repair only where the source allows it).
    needs: Needs,
    /// What each block needs; a block in another language needs nothing.
    regions: Vec<Region>,
    /// What a person should know about the decision (a block left alone for its language, a short text).
    notes: Vec<Diagnostic>,
}

fn plan(doc: &Document, toks: &[Token], opts: &RepairOptions) -> Plan {
    let mut notes = Vec::new();
    if let Language::Other(code) = language::identify(toks) {
        return Plan {
            foreign: Some(code),
            needs: Needs::default(),
            regions: Vec::new(),
            notes,
        };
    }
    let ocr_source = gate::OcrGate::of(doc);
    let mut needs = opts
        .needs
        .unwrap_or_else(|| assess::assess_tokens(&doc.text, toks));
    if opts.needs.is_none() && !needs.any() {
        let (short, note) = short_text_needs(&doc.text, toks);
        needs.diacritics |= short;
        notes.extend(note);
    }
    // Blocks are assessed with what the whole text shows, then gated one by one: the OCR'd pages of a
    // PDF that is partly a text layer keep their OCR repair.
    let mut regions = block_regions(doc, toks, needs, opts.needs.is_some());
    needs.ocr &= ocr_source.whole();
    let mut foreign_blocks = 0;
    for r in &mut regions {
        r.needs.ocr &= ocr_source.allows(r.span);
        if !r.swedish {
            foreign_blocks += 1;
        }
    }
    if foreign_blocks > 0 {
        notes.push(Diagnostic::info(
            "repair.not_swedish",
            format!(
                "{foreign_blocks} blocks read as another language than Swedish: left as written"
            ),
        ));
    }
    Plan {
        foreign: None,
        needs,
        regions,
        notes,
    }
}

/// A short text (under [`assess::MIN_LETTERS`] letters, too few for the share of å/ä/ö to say anything)
/// without any å/ä/ö is restored when one of its words is no word as written and has a listed spelling
/// with a diacritic ("Halsovard"); when a word could take one but is also a word as written ("for"), the
/// text is left as written and a note says so. Only a short text without diacritics loads the lexicon.
fn short_text_needs(text: &str, toks: &[Token]) -> (bool, Option<Diagnostic>) {
    let letters = text.chars().filter(|c| c.is_alphabetic()).count();
    if letters == 0 || letters >= assess::MIN_LETTERS || text.chars().any(is_diacritic) {
        return (false, None);
    }
    let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, None);
    let mut ambiguous = false;
    for t in toks
        .iter()
        .filter(|t| t.kind == TokenKind::Word && !t.all_caps)
    {
        let lower = t.text.to_lowercase();
        let key = fold(&lower);
        let respelled = lex
            .known(&key)
            .iter()
            .any(|(form, _)| form.chars().any(is_diacritic));
        if !respelled {
            continue;
        }
        if lex.score(&lower) == 0.0 && !lex.speller.check_written(t.text, &lower) {
            return (true, None);
        }
        ambiguous = true;
    }
    let note = ambiguous.then(|| {
        Diagnostic::warning(
            "repair.short_text",
            format!(
                "{letters} letters are too few to tell whether the text lost its å/ä/ö, and every word \
                 is a word as written: left as written"
            ),
        )
    });
    (false, note)
}

/// Repairs a bare text as one block: what the evaluation uses. Paragraphs (separated by a blank line)
/// in another language than Swedish are left alone, and so is the whole text when it reads as one.
pub fn repair_text(text: &str, opts: &RepairOptions) -> Vec<Repair> {
    let toks = tokens(text);
    if matches!(language::identify(&toks), Language::Other(_)) {
        return Vec::new();
    }
    let mut needs = opts
        .needs
        .unwrap_or_else(|| assess::assess_tokens(text, &toks));
    if opts.needs.is_none() && !needs.any() {
        needs.diacritics |= short_text_needs(text, &toks).0;
    }
    let regions = paragraph_regions(text, &toks, needs);
    repair_regions(text, &toks, needs, &regions, &[], opts)
}

/// The paragraphs of a bare text in another language than Swedish, as regions that need nothing.
fn paragraph_regions(text: &str, toks: &[Token], needs: Needs) -> Vec<Region> {
    let mut regions = Vec::new();
    let mut start = 0;
    for part in text.split("\n\n") {
        let span = Span::new(start, start + part.len());
        start = span.end + 2;
        let first = toks.partition_point(|t| t.span.start < span.start);
        let end = first + toks[first..].partition_point(|t| t.span.end <= span.end);
        if matches!(language::identify(&toks[first..end]), Language::Other(_)) {
            regions.push(Region {
                span,
                needs: Needs::default(),
                swedish: false,
            });
        } else {
            regions.push(Region {
                span,
                needs,
                swedish: true,
            });
        }
    }
    regions
}

/// The text with the applied repairs carried out.
pub fn apply(text: &str, repairs: &[Repair]) -> String {
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for r in repairs.iter().filter(|r| r.applied) {
        if r.span.start < at {
            continue;
        }
        out.push_str(text.get(at..r.span.start).unwrap_or(""));
        out.push_str(&r.replacement);
        at = r.span.end;
    }
    out.push_str(text.get(at..).unwrap_or(""));
    out
}

/// A block of the document, what it needs, and whether it is Swedish (a block in another language is
/// left alone, line-end joins included).
#[derive(Clone, Copy, Debug)]
struct Region {
    span: Span,
    needs: Needs,
    swedish: bool,
}

fn region_at(regions: &[Region], offset: usize) -> Option<&Region> {
    let i = regions.partition_point(|r| r.span.start <= offset);
    i.checked_sub(1)
        .and_then(|i| regions.get(i))
        .filter(|r| offset < r.span.end)
}

fn needs_at(regions: &[Region], default: Needs, offset: usize) -> Needs {
    region_at(regions, offset).map_or(default, |r| r.needs)
}

fn repair_regions(
    text: &str,
    toks: &[Token],
    doc_needs: Needs,
    regions: &[Region],
    suspects: &[Span],
    opts: &RepairOptions,
) -> Vec<Repair> {
    // A correctly written text (only dehyphenated) is judged from the embedded lexicon and its own words,
    // not the run's corpus: its output then does not depend on which other documents a run has read, so
    // a nightly run that leaves it alone writes what a fresh run would.
    let correct = !doc_needs.any() && regions.iter().all(|r| !r.needs.any());
    let corpus = opts.corpus.as_deref().filter(|_| !correct);
    let mut lex = Lexicon::new(&FREQUENCIES, &SPELLER, corpus);
    lex.spelled_variants = !doc_needs.ocr;
    let mut out = if opts.dehyphenate {
        let mut joins =
            dehyphenate::find(text, toks, &mut lex, |o| needs_at(regions, doc_needs, o));
        joins.retain(|r| region_at(regions, r.span.start).is_none_or(|g| g.swedish));
        spell_joins(
            text,
            toks,
            joins,
            &mut lex,
            |o| needs_at(regions, doc_needs, o),
            opts,
        )
    } else {
        Vec::new()
    };
    let joined: Vec<Span> = out.iter().map(|r| r.span).collect();
    let mut leftovers = Vec::new();
    // A document repeats its words: what a word as written can become is worked out once per run.
    let mut choices: InputMap<(&str, bool, bool, bool), Option<Arc<WordChoice>>> =
        InputMap::default();
    let (mut j, mut s) = (0, 0);
    for (i, t) in toks.iter().enumerate() {
        while j < joined.len() && joined[j].end <= t.span.start {
            j += 1;
        }
        if joined.get(j).is_some_and(|s| s.contains(&t.span)) {
            continue;
        }
        let needs = needs_at(regions, doc_needs, t.span.start);
        if !needs.any() {
            continue;
        }
        let prev = i.checked_sub(1).and_then(|p| toks.get(p));
        let next = toks.get(i + 1);
        // Set for a word whose spellings were weighed: one left as written is checked for a leftover.
        let mut weighed = false;
        let change = match t.kind {
            // A capital inside a word marks an acronym or a name ("FaR", "usÖ"), left as written,
            // except in OCR text, where it is as often a misread letter ("meLlan").
            TokenKind::Word | TokenKind::Ocr
                if !t.all_caps && (needs.ocr || !inner_capital(t.text)) =>
            {
                while s < suspects.len() && suspects[s].end <= t.span.start {
                    s += 1;
                }
                let suspect = suspects
                    .get(s)
                    .is_some_and(|x| x.start < t.span.end && t.span.start < x.end);
                if is_colon_suffix(text, t)
                    || !needs.ocr && in_foreign_name(text, prev, t, next, &lex)
                    || !needs.ocr && hyphenated_word_as_written(text, t, &lex)
                {
                    continue;
                }
                weighed = true;
                let choice = choices
                    .entry((t.text, needs.diacritics, needs.ocr, suspect))
                    .or_insert_with(|| remembered_choice(&mut lex, t, needs, suspect));
                let decided = choice.as_ref().and_then(|choice| {
                    let mut ctx = context(text, &toks[..i], t, next);
                    // The neighbour before is judged as repaired ("Nira vard" → "nära" before "vard").
                    if let (Some(p), Some(last)) = (prev, out.last()) {
                        if last.span == p.span && ctx.prev.is_some() {
                            ctx.prev = Some(fold(&last.replacement));
                        }
                    }
                    decide(choice, lex.corpus, t, &ctx)
                });
                if needs.ocr {
                    ocr_initial_case(text, prev, t, decided, &lex)
                } else {
                    decided
                }
            }
            TokenKind::Word if t.all_caps && needs.diacritics => {
                lex.corpus.and_then(|c| acronym(c, t))
            }
            TokenKind::Pipe if needs.ocr => pipe(text, prev, t, next),
            TokenKind::Number if needs.ocr && t.text == "1" => lone_one(text, prev, t, next),
            _ => None,
        };
        // Whatever proposed it, a change that takes away a diacritic the text has, or touches a
        // designation ("nr L 228"), is not made.
        let change = change.filter(|(replacement, _, _)| {
            guards::keeps_diacritics(t.text, replacement)
                && !(guards::is_designation(t) && t.kind == TokenKind::Word)
        });
        if let Some((replacement, confidence, rule)) = change {
            out.push(Repair {
                span: t.span,
                original: t.text.to_string(),
                replacement,
                rule: rule.to_string(),
                confidence,
                applied: confidence >= opts.threshold,
            });
        } else if weighed && is_leftover(&lex, t) {
            leftovers.push(Repair {
                span: t.span,
                original: t.text.to_string(),
                replacement: t.text.to_string(),
                rule: LEFTOVER.to_string(),
                confidence: 0.0,
                applied: false,
            });
        }
    }
    out.extend(leftovers);
    out.sort_by_key(|r| (r.span.start, r.span.end));
    out
}

/// Words joined across a line end, spelt as any other word where the text needs repair: a word broken in
/// a stripped or OCR'd text ("forsak-\nringsforetaget") is as stripped as the rest, and its halves are no
/// words to choose a spelling for. The join and the spelling become one change, named after the spelling's
/// rule, with both confidences multiplied; a spelling below the threshold is flagged beside the join
/// (first, so that a person who accepts it replaces the join).
fn spell_joins(
    text: &str,
    toks: &[Token],
    joins: Vec<Repair>,
    lex: &mut Lexicon,
    needs_at: impl Fn(usize) -> Needs,
    opts: &RepairOptions,
) -> Vec<Repair> {
    let mut out = Vec::with_capacity(joins.len());
    for join in joins {
        let needs = needs_at(join.span.start);
        let i = toks.partition_point(|t| t.span.start < join.span.start);
        let (Some(last), true) = (toks.get(i + 1), needs.any()) else {
            out.push(join);
            continue;
        };
        let word = Token {
            span: join.span,
            text: &join.replacement,
            kind: TokenKind::Word,
            chunk: join.span,
            suspended: false,
            joined_by_hyphen: false,
            ends_sentence: last.ends_sentence,
            all_caps: false,
        };
        let spelt = remembered_choice(lex, &word, needs, false).and_then(|choice| {
            let ctx = context(text, &toks[..i], &word, toks.get(i + 2));
            decide(&choice, lex.corpus, &word, &ctx)
        });
        let Some((replacement, confidence, rule)) = spelt
            .filter(|(replacement, _, _)| guards::keeps_diacritics(&join.replacement, replacement))
        else {
            out.push(join);
            continue;
        };
        let confidence = confidence * join.confidence;
        let spelt = Repair {
            replacement,
            rule: rule.to_string(),
            confidence,
            applied: confidence >= opts.threshold,
            ..join.clone()
        };
        let applied = spelt.applied;
        out.push(spelt);
        if !applied {
            out.push(join);
        }
    }
    out
}

/// The rule of a word that needed repair and was neither accepted by the lexicon nor repaired ("nédra",
/// "Arsredovisning"): flagged for a person, with `applied: false` and the word itself as replacement.
pub const LEFTOVER: &str = "leftover";

/// Whether a word left as written in text that needs repair is unknown: OCR traces inside it, or no list
/// or corpus has it and Hunspell rejects it. Lone letters are left out ("a", "L": abbreviations).
fn is_leftover(lex: &Lexicon, t: &Token) -> bool {
    if t.text.chars().count() < 2 {
        return false;
    }
    if t.kind == TokenKind::Ocr {
        return true;
    }
    let lower = t.text.to_lowercase();
    lex.score(&lower) == 0.0 && !lex.speller.check_written(t.text, &lower)
}

/// What each block of the document needs, in text order.
fn block_regions(doc: &Document, toks: &[Token], doc_needs: Needs, forced: bool) -> Vec<Region> {
    let mut regions: Vec<Region> = doc
        .blocks
        .iter()
        .map(|b| b.prov.span)
        .filter(|s| !s.is_empty())
        .map(|span| {
            // The block's own tokens: blocks are set apart by line breaks, so no token crosses one.
            let first = toks.partition_point(|t| t.span.start < span.start);
            let end = first + toks[first..].partition_point(|t| t.span.end <= span.end);
            let block = &toks[first..end];
            let swedish = !matches!(language::identify(block), Language::Other(_));
            let needs = if swedish {
                assess::block_needs(doc.slice(span), block, doc_needs, forced)
            } else {
                Needs::default()
            };
            Region {
                span,
                needs,
                swedish,
            }
        })
        .collect();
    regions.sort_by_key(|r| r.span.start);
    regions
}

/// Whether the stage would look for anything to repair in the document, in the whole or in one of
/// its blocks (a long block without diacritics in a correctly written document), as [`repair`] decides
/// it with the default options. A document for which this is false gets no diacritic or OCR repair
/// whatever the corpus (a word broken at a line end may still be joined), and may teach the corpus.
pub fn needs_any(doc: &Document) -> bool {
    needs_any_in(doc, &tokens(&doc.text))
}

/// [`needs_any`] of a document whose text is already cut into its tokens.
fn needs_any_in(doc: &Document, toks: &[Token]) -> bool {
    let plan = plan(doc, toks, &RepairOptions::default());
    plan.foreign.is_none() && (plan.needs.any() || plan.regions.iter().any(|r| r.needs.any()))
}

/// What a document is to the corpus model of a run; see [`corpus_role`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct CorpusRole {
    /// It may teach the corpus: see [`teaches`].
    pub teaches: bool,
    /// Its repair depends on the corpus: it was OCR'd, or it needs repair somewhere. A document for
    /// which this is false is repaired the same whatever the corpus.
    pub depends: bool,
}

/// Whether a document may teach the corpus model and whether its repair depends on it, decided
/// together so the text is assessed once.
pub fn corpus_role(doc: &Document) -> CorpusRole {
    role_in(doc, &tokens(&doc.text))
}

/// A document's role for the corpus and, when it teaches, the counts of its text: the text is cut
/// into tokens once for both.
pub fn corpus_contribution(doc: &Document) -> (CorpusRole, Option<CorpusModel>) {
    let toks = tokens(&doc.text);
    let role = role_in(doc, &toks);
    let counts = role
        .teaches
        .then(|| CorpusModel::of_tokens(&doc.text, &toks));
    (role, counts)
}

/// [`corpus_role`] of a document whose text is already cut into its tokens.
fn role_in(doc: &Document, toks: &[Token]) -> CorpusRole {
    let ocr = !doc.ocr_words.is_empty();
    let needs = needs_any_in(doc, toks);
    let without_text = doc
        .diagnostics
        .iter()
        .any(|d| d.code == crate::clean::PAGE_WITHOUT_TEXT);
    CorpusRole {
        teaches: !ocr && !without_text && !needs,
        depends: ocr || needs,
    }
}

/// Whether a document may teach the corpus model: it is correctly written ([`needs_any`] is false)
/// and all of its text comes from a text layer — no page was recognised by OCR, and none was left
/// without text ([`crate::clean::PAGE_WITHOUT_TEXT`]), since a scan's words say nothing of how the
/// diarium spells. Takes a document as cleaned (before repair) or as stored.
pub fn teaches(doc: &Document) -> bool {
    corpus_role(doc).teaches
}

#[cfg(test)]
mod tests {
    use super::*;

    fn fixed(text: &str) -> String {
        apply(text, &repair_text(text, &RepairOptions::default()))
    }

    #[test]
    fn restores_stripped_diacritics_in_prose() {
        let text =
            "Halso- och sjukvardsnamnden ska aterkomma till namnden med en plan for arbetet \
                    med att starka den nara varden i Region Orebro lan under aret.";
        assert_eq!(
            fixed(text),
            "Hälso- och sjukvårdsnämnden ska återkomma till nämnden med en plan för arbetet \
             med att stärka den nära vården i Region Örebro län under året."
        );
    }

    /// Neighbours settle twins the word counts get wrong: a unit after a slash is "mån", not "man";
    /// after an adjective's -a form comes a noun ("val"), not the adverb "väl"; elsewhere the counts
    /// decide ("man ska", "väl fungerande").
    #[test]
    fn slash_units_and_adjectives_settle_twins() {
        let text = "Antal overbelaggningar i snitt/man under aret, i snitt/ man/ 100 vardplatser. \
                    Kloka kliniska val leder till att man ska ha en val fungerande verksamhet.";
        assert_eq!(
            fixed(text),
            "Antal överbeläggningar i snitt/mån under året, i snitt/ mån/ 100 vårdplatser. \
             Kloka kliniska val leder till att man ska ha en väl fungerande verksamhet."
        );
    }

    /// A modal before a short or passive infinitive, a unit after a slash and a symbol, and "vanligen"
    /// where no imperative follows; a web address written without its scheme stays as written.
    #[test]
    fn modals_units_and_addresses() {
        let text = "Taket bor ha god lutning och fukt bor undvikas. Avgiften ar 40 kr/m²/ar, \
                    vanligen med ett paslag (vanligen 2-6 manader). Las mer pa \
                    github.com/region/orebro-planen om hur arbetet gar till.";
        assert_eq!(
            fixed(text),
            "Taket bör ha god lutning och fukt bör undvikas. Avgiften är 40 kr/m²/år, \
             vanligen med ett påslag (vanligen 2-6 månader). Läs mer på \
             github.com/region/orebro-planen om hur arbetet går till."
        );
    }

    /// "här" after a demonstrative before a definite noun, "vår" after "i" before a noun; "det har"
    /// before a supine and "i vart fall" stay.
    #[test]
    fn demonstratives_and_possessives() {
        let text = "Den har boken handlar om det har viset att arbeta. I var tid ar det viktigt, \
                    och det har okat i vart fall sedan forra aret. De har fragorna ar viktiga.";
        assert_eq!(
            fixed(text),
            "Den här boken handlar om det här viset att arbeta. I vår tid är det viktigt, \
             och det har ökat i vart fall sedan förra året. De här frågorna är viktiga."
        );
    }

    /// A personal subject takes the verb "har", not "här"; a definite genitive is followed by an
    /// adjective, not an infinitive; a compound's first part may be a word with the linking -s even
    /// where the list knows its -s form as a word ("lågvärdes" + "vård").
    #[test]
    fn subjects_genitives_and_linking_s() {
        let text = "Resurserna vi har ar begransade, och regionens starka ekonomi gor att namnden \
                    kan starka arbetet och fasa ut lagvardesvard under aret.";
        assert_eq!(
            fixed(text),
            "Resurserna vi har är begränsade, och regionens starka ekonomi gör att nämnden \
             kan stärka arbetet och fasa ut lågvärdesvård under året."
        );
    }

    /// A part of a hyphenated word that is a word as written stays ("skal-skydd"), a hyphenated compound
    /// that is none is repaired ("e-halsa"); "rätt val" is a choice.
    #[test]
    fn hyphenated_words_and_choices() {
        let text = "Arbetet med skal-skydd och e-halsa ar viktigt for att namnden ska gora ratt \
                    val under aret och folja upp malen.";
        assert_eq!(
            fixed(text),
            "Arbetet med skal-skydd och e-hälsa är viktigt för att nämnden ska göra rätt val \
             under året och följa upp målen."
        );
    }

    /// A number after "§" refers and says nothing of "år"; "per person och år" counts years; "bor" says
    /// where; a statement opens with an imperative, not a present tense that differs from it.
    #[test]
    fn references_coordinated_units_and_imperatives() {
        let text = "Enligt § 6 ar garantitiden tio ar. Avdraget ar 50 000 kr per person och ar. \
                    Du bor darfor halla koll pa taket. Begar alltid en kopia av avtalet. \
                    Far inte vara hogre an huset.";
        assert_eq!(
            fixed(text),
            "Enligt § 6 är garantitiden tio år. Avdraget är 50 000 kr per person och år. \
             Du bör därför hålla koll på taket. Begär alltid en kopia av avtalet. \
             Får inte vara högre än huset."
        );
    }

    /// "har" before a subject (an inverted clause) or a supine, and "inga" before an adjective, stay as
    /// they are, even when the run's documents often write "de här" and "att ingå".
    #[test]
    fn inverted_clauses_supines_and_adjectives_keep_har_and_inga() {
        let corpus = CorpusModel::of_text(
            "De här frågorna är viktiga. De här besluten gäller. Vi ser att ingå avtal är svårt. \
             Det är bra att ingå i nätverket. Det finns inga hinder och inga planer. Vi har det \
             och de har det.",
        );
        let opts = RepairOptions {
            corpus: Some(Arc::new(corpus)),
            ..RepairOptions::default()
        };
        let text = "Har man rad med det sa ar det bra. De har passerat flera larm, och det \
                    visar att inga statliga verk kan ga fran arbetet utan att vi marker det.";
        assert_eq!(
            apply(text, &repair_text(text, &opts)),
            "Har man råd med det så är det bra. De har passerat flera larm, och det \
             visar att inga statliga verk kan gå från arbetet utan att vi märker det."
        );
    }

    /// Word choices are remembered across documents, but only under the corpus and needs they were
    /// worked out with: a word respelled because one run's corpus writes "flöden" stays as written in
    /// a run whose corpus does not, and a corpus that changes is a new one.
    #[test]
    fn remembered_word_choices_follow_the_corpus() {
        let text = "Vi ser over operationsfloden i regionen.";
        let flows = CorpusModel::of_text("Flöden i vården. Nya flöden och bättre flöden.");
        let plain = CorpusModel::of_text("Floden rinner genom staden.");
        let with = |corpus: &CorpusModel| RepairOptions {
            corpus: Some(Arc::new(corpus.clone())),
            needs: Some(Needs {
                diacritics: true,
                ocr: false,
            }),
            ..RepairOptions::default()
        };
        for _ in 0..2 {
            assert_eq!(
                apply(text, &repair_text(text, &with(&flows))),
                "Vi ser över operationsflöden i regionen."
            );
            assert_eq!(
                apply(text, &repair_text(text, &with(&plain))),
                "Vi ser över operationsfloden i regionen."
            );
        }
        let mut changed = flows.clone();
        assert_eq!(changed.id(), flows.id());
        changed.add_text("Floden.");
        assert_ne!(changed.id(), flows.id());
    }

    /// A correctly written text is dehyphenated without the run's corpus: whatever other documents a
    /// run has read (here one that writes "digi-tala" with its hyphen), it comes out the same.
    #[test]
    fn a_correct_text_is_dehyphenated_the_same_whatever_the_corpus() {
        let text = "Hälso- och sjukvårdsnämnden följer arbetet med de digi-\ntala vårdmötena, som \
                    ökar i hela länet och når fler patienter än förra året.";
        let with = |corpus: Option<&str>| {
            let opts = RepairOptions {
                corpus: corpus.map(|c| Arc::new(CorpusModel::of_text(c))),
                ..RepairOptions::default()
            };
            apply(text, &repair_text(text, &opts))
        };
        let alone = with(None);
        assert!(alone.contains("de digitala vårdmötena"), "{alone}");
        assert_eq!(
            with(Some(
                "Vi erbjuder digi-tala möten och fler digi-tala tjänster."
            )),
            alone
        );
    }

    /// A word broken at a line end in stripped text is joined and spelt whole: its halves ("forsak-",
    /// "ringsforetaget") are no words to restore, and the joined form, which the stripped text itself
    /// writes elsewhere, is no evidence that it lost nothing.
    #[test]
    fn a_stripped_word_broken_at_a_line_end_is_joined_and_restored() {
        let text =
            "Forsakringsforetaget ska varje ar lamna information till forsak-\nringstagaren \
                    om hur kapitalet har forvaltats. Forsakringstagaren far den under aret.";
        let repairs = repair_text(text, &RepairOptions::default());
        assert_eq!(
            apply(text, &repairs),
            "Försäkringsföretaget ska varje år lämna information till försäkringstagaren \
             om hur kapitalet har förvaltats. Försäkringstagaren får den under året."
        );
        let joined: Vec<_> = repairs
            .iter()
            .filter(|r| r.original == "forsak-\nringstagaren")
            .collect();
        assert!(
            matches!(joined[..], [r] if r.applied && r.replacement == "försäkringstagaren"),
            "{joined:?}"
        );
    }

    /// A foreign name's words and the ending after a colon are not Swedish words that lost their
    /// diacritics; a Swedish name beside a foreign word is restored all the same.
    #[test]
    fn foreign_names_and_colon_endings_stay_as_written() {
        let text = "Han flyttade till San Francisco och skrev om Paradise Lost pa sin C64:an. \
                    Resultatet fran Genomlysningslab Orebro var bra for var verksamhet i aret.";
        assert_eq!(
            fixed(text),
            "Han flyttade till San Francisco och skrev om Paradise Lost på sin C64:an. \
             Resultatet från Genomlysningslab Örebro var bra för vår verksamhet i året."
        );
    }

    /// A correctly written document needs nothing, unless one long block of it lost its diacritics.
    #[test]
    fn a_document_needs_repair_when_one_block_does() {
        let correct = "Hälso- och sjukvårdsnämnden ska följa arbetet med färdplanen för nära vård som \
                       tagits fram i samverkan med länets kommuner och återrapportera det till nämnden. ";
        let stripped = "Halso- och sjukvardsnamnden ska folja arbetet med fardplanen for nara vard som \
                        tagits fram i samverkan med lanets kommuner och aterrapportera det till namnden. ";
        let with_blocks = |parts: &[&str]| {
            let mut doc = Document::of_text(&parts.concat());
            let mut start = 0;
            for part in parts {
                let span = Span::new(start, start + part.len());
                start = span.end;
                doc.blocks.push(crate::model::Block {
                    kind: crate::model::BlockKind::Paragraph,
                    level: None,
                    text: part.to_string(),
                    prov: crate::model::Provenance {
                        span,
                        ..Default::default()
                    },
                    font_size: None,
                });
            }
            doc
        };
        let long_correct = correct.repeat(3);
        let long_stripped = stripped.repeat(3);
        assert!(!needs_any(&with_blocks(&[long_correct.as_str(); 4])));
        let mixed = with_blocks(&[&long_correct, &long_correct, &long_correct, &long_stripped]);
        assert!(
            !assess(&mixed.text).any(),
            "the document as a whole reads as correct"
        );
        assert!(needs_any(&mixed));
    }

    /// "USÖ" and "KVÅ" are in no lexicon: stripped, they come back only when the corpus writes them.
    #[test]
    fn acronyms_come_back_as_the_corpus_writes_them() {
        let text = "Halso- och sjukvardsnamnden ska aterkomma till namnden med en plan. Operationerna pa USO \
                    och insatserna med KVA-koder ska oka. Beslutet om SMO ar fattat.";
        assert_eq!(
            fixed(text),
            "Hälso- och sjukvårdsnämnden ska återkomma till nämnden med en plan. Operationerna på USO \
             och insatserna med KVA-koder ska öka. Beslutet om SMO är fattat."
        );
        let corpus = CorpusModel::of_text(
            "Vården på USÖ växer. USÖ och lasaretten delar på arbetet. Insatser med KVÅ-koder \
             registreras; KVÅ-kodningen följs upp. KVÅ gäller alla. Beslut om SMO tas i år.",
        );
        let opts = RepairOptions {
            corpus: Some(Arc::new(corpus)),
            ..RepairOptions::default()
        };
        assert_eq!(
            apply(text, &repair_text(text, &opts)),
            "Hälso- och sjukvårdsnämnden ska återkomma till nämnden med en plan. Operationerna på USÖ \
             och insatserna med KVÅ-koder ska öka. Beslutet om SMO är fattat."
        );
        // A common word of the corpus is no acronym's spelling: "få" in lowercase leaves "FA" alone.
        let corpus = CorpusModel::of_text("Alla ska få vård. Vi får se, och få fler att få hjälp.");
        let opts = RepairOptions {
            corpus: Some(Arc::new(corpus)),
            ..RepairOptions::default()
        };
        let text =
            "Foretaget har FA-skatt, ar registrerat for moms och har haft FA sedan forra aret. \
                    Det ska lamna uppgifter till myndigheten och folja reglerna.";
        assert_eq!(
            apply(text, &repair_text(text, &opts)),
            "Företaget har FA-skatt, är registrerat för moms och har haft FA sedan förra året. \
             Det ska lämna uppgifter till myndigheten och följa reglerna."
        );
    }

    #[test]
    fn undoes_ocr_confusions() {
        let text = "Sakerhetspolitiskt lage med krig och 6kad kriminalitet. Att dterkomma till nimnden \
                    om arbetet som sker 1 samverkan med Region Orebro |an och Hiilso- och sjukvarden.";
        assert_eq!(
            fixed(text),
            "Säkerhetspolitiskt läge med krig och ökad kriminalitet. Att återkomma till nämnden \
             om arbetet som sker i samverkan med Region Örebro län och Hälso- och sjukvården."
        );
    }

    /// A capital OCR put on a word's first "l" or "ö" inside a running line is lowered; a name and a
    /// word opening a sentence keep theirs.
    #[test]
    fn ocr_capitals_inside_a_line_are_lowered() {
        let text = "Vi ska arbeta med Levnadsvanor och Lépande uppfoljning i Lanet. Lindesbergs \
                    lasarett far 6kade resurser Over tid 1 samverkan med Lars och nimnden.";
        assert_eq!(
            fixed(text),
            "Vi ska arbeta med levnadsvanor och löpande uppföljning i länet. Lindesbergs \
             lasarett får ökade resurser över tid i samverkan med Lars och nämnden."
        );
    }

    /// Tesseract's English model reads ö as two characters too (lines from the OCR fixtures).
    #[test]
    fn undoes_two_character_readings_of_ö() {
        let text = "Cosmic infdérdes under hdésten och b6érjade anvandas, vilket m6jliggdér \
                    uppfoéljning av st6éd i varden 1 hela lanet.";
        assert_eq!(
            fixed(text),
            "Cosmic infördes under hösten och började användas, vilket möjliggör \
             uppföljning av stöd i vården i hela länet."
        );
    }

    #[test]
    fn leaves_correct_text_numbers_codes_and_addresses_alone() {
        let text =
            "Hälso- och sjukvårdsnämnden beslutade den 12 mars 2024 (dnr 25RS268) att uppdra åt \
                    förvaltningen att återkomma med en plan. Frågor: info@regionorebrolan.se, \
                    www.regionorebrolan.se. Vården ska vara nära och jämlik för alla.";
        assert!(repair_text(text, &RepairOptions::default()).is_empty());
    }

    #[test]
    fn acronyms_with_inner_capitals_stay_as_written() {
        let text =
            "Metoden FaR (fysisk aktivitet pa recept) anvands i varden for att starka halsan \
                    hos patienter med okad risk.";
        let out = fixed(text);
        assert!(
            out.starts_with("Metoden FaR (fysisk aktivitet på recept)"),
            "{out}"
        );
    }

    #[test]
    fn low_confidence_changes_are_flagged_not_made() {
        let opts = RepairOptions {
            threshold: 1.1,
            ..RepairOptions::default()
        };
        let text =
            "Namnden ska folja arbetet med fardplanen for nara vard och aterkomma under aret \
                    med en redovisning av hur omstallningen gar i lanets kommuner.";
        let found = repair_text(text, &opts);
        assert!(!found.is_empty());
        assert!(found.iter().all(|r| !r.applied));
        assert_eq!(apply(text, &found), text);
    }
}
