//! Link: the uppdrag of many documents tied together — a plan's uppdrag to the report that followed it
//! up (`follow_up`), to the later plan that carried it on under a new number and new words
//! (`continuation`), and to the same uppdrag stated in another document of the same year
//! (`same_assignment`) — and the links gathered into lineages with ids that do not change when a later
//! year's documents are added.
//!
//! Every link carries the figures it was decided on ([`Evidence`]); see `docs/linking.md` for the
//! method.

mod assign;
pub mod corpus;
pub mod goals;
pub mod lineage;
pub mod normalize;
pub mod reference;
pub mod score;

pub use goals::{GoalEndpoint, GoalLink};
pub use lineage::{Lineage, LineageMember};
pub use score::{Evidence, NumberMatch};

use crate::model::{Diagnostic, DocKind, Document, Uppdrag};
use corpus::Corpus;
use score::{compare, number_match, round, text_levenshtein, Prepared};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap, HashSet};

/// Thresholds and weights of the linker. The defaults were set on the three seed documents.
#[derive(Clone, Debug)]
pub struct LinkOptions {
    /// Lowest score for a link between a plan and the report of the same year.
    pub follow_up_threshold: f64,
    /// Lowest score for a link between uppdrag of two different years.
    pub continuation_threshold: f64,
    /// Lowest score for a link between two documents of the same kind and year.
    pub same_assignment_threshold: f64,
    /// Added to the score when the numbers agree within one year (a plan and its own report).
    pub same_year_number_weight: f64,
    /// Added to the score when the numbers agree across years (numbers are reassigned every year).
    pub cross_year_number_weight: f64,
    /// Share of the weighted cosine in the text score.
    pub cosine_weight: f64,
    /// Share of the weighted overlap coefficient in the text score; the rest is character bigrams (Dice).
    pub overlap_weight: f64,
    /// Lowest score for a link between goals of two different years (goals within a year use the
    /// uppdrag thresholds). A plan restates its goals in fewer and other words than its uppdrag: on the
    /// seeds the true continuations score 0.32–0.89, a pair the text does not tie at most 0.24 (Mål →
    /// Målsättning 1); 2024 Effektmål 8 → 2026 Målsättning 7 (0.24: "digitala", "invånare") is missed.
    pub goal_continuation_threshold: f64,
    /// Links a person forced or forbade (from a corrections file), applied after scoring.
    pub rules: Vec<LinkRule>,
}

/// A link a person forced or forbade. Each end names a document (its id, source path or the end of
/// its path) and an uppdrag key.
#[derive(Clone, Debug, PartialEq)]
pub struct LinkRule {
    /// How the rule is named in records (`link[0]`).
    pub name: String,
    pub from: (String, String),
    pub to: (String, String),
    /// The relation of a forced link (default: follow-up within a year, continuation across years);
    /// for a forbidden one, when given, only links of this relation are removed.
    pub relation: Option<Relation>,
    pub force: bool,
}

impl Default for LinkOptions {
    fn default() -> Self {
        LinkOptions {
            follow_up_threshold: 0.35,
            continuation_threshold: 0.38,
            same_assignment_threshold: 0.45,
            same_year_number_weight: 0.35,
            cross_year_number_weight: 0.05,
            cosine_weight: 0.45,
            overlap_weight: 0.35,
            goal_continuation_threshold: 0.25,
            rules: Vec::new(),
        }
    }
}

/// What a link says about its two uppdrag.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Relation {
    /// A plan's uppdrag → its follow-up in the report (or interim report) of the same year.
    FollowUp,
    /// An earlier year's uppdrag → the later plan's uppdrag that carries it on.
    Continuation,
    /// The same uppdrag stated in two documents of one year (e.g. council plan → board plan).
    SameAssignment,
}

impl Relation {
    pub fn as_str(self) -> &'static str {
        match self {
            Relation::FollowUp => "follow_up",
            Relation::Continuation => "continuation",
            Relation::SameAssignment => "same_assignment",
        }
    }
    pub const ALL: [Relation; 3] = [
        Relation::FollowUp,
        Relation::Continuation,
        Relation::SameAssignment,
    ];
}

/// One end of a link: which uppdrag in which document.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Endpoint {
    pub document: String,
    pub year: i32,
    pub kind: DocKind,
    pub key: String,
    pub uppdrag: String,
}

/// A link between two uppdrag, with its score and the figures it was decided on.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Link {
    pub from: Endpoint,
    pub to: Endpoint,
    pub relation: Relation,
    pub score: f64,
    pub evidence: Evidence,
}

/// How far below its relation's threshold a pair may score and still be listed as a near miss.
pub const NEAR_MISS: f64 = 0.15;

/// A pair that was compared and not linked although it came close: it scored within [`NEAR_MISS`] of
/// the threshold, or above it but lost its partner to a better pair under the one-to-one rule. Listed so
/// that a person can check what was left unlinked, and why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Candidate {
    pub from: Endpoint,
    pub to: Endpoint,
    pub relation: Relation,
    pub score: f64,
    /// The relation's threshold the score was held against.
    pub threshold: f64,
    /// `score - threshold`: negative below the threshold.
    pub margin: f64,
    /// `below_threshold`, or `one_to_one` when it scored above the threshold but one of the two was
    /// linked to a better partner.
    pub reason: String,
    pub evidence: Evidence,
}

/// The result of linking: links, lineages and what the linker noticed.
#[derive(Clone, Debug, Default)]
pub struct Linked {
    pub links: Vec<Link>,
    /// The best unlinked pair of each uppdrag per compared document, when it came near: see [`Candidate`].
    pub candidates: Vec<Candidate>,
    pub lineages: Vec<Lineage>,
    /// The goals of the documents linked as their uppdrag are: see [`goals`].
    pub goal_links: Vec<GoalLink>,
    /// What became of each [`LinkRule`]: the change made, or why its uppdrag were not found.
    pub rule_outcomes: Vec<(String, Result<String, RuleMiss>)>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Why a [`LinkRule`] could not be applied: one of its uppdrag was not found.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum RuleMiss {
    #[error("no linked document {document} (missing, or without year or kind)")]
    NoDocument { document: String },
    #[error("document {document} has no uppdrag {key}")]
    NoUppdrag { document: String, key: String },
}

/// A document the linker can place: it has a year and a kind that takes part in links.
struct Placed<'a> {
    doc: &'a Document,
    year: i32,
    kind: DocKind,
    /// The issuing organisation, folded (`region orebro lan`); `None` when the text does not say.
    organisation: Option<String>,
    prepared: Vec<Prepared>,
    /// The earlier uppdrag each uppdrag names ([`reference::references`]), read once.
    references: Vec<Vec<reference::Reference>>,
}

/// The pairs of placed documents within a year, each with its relation: plan → report
/// (`follow_up`), and documents of the same kind with each other (`same_assignment`).
fn within_year<'p, 'd>(
    placed: &'p [Placed<'d>],
) -> impl Iterator<Item = (&'p Placed<'d>, &'p Placed<'d>, Relation)> {
    placed.iter().enumerate().flat_map(move |(i, a)| {
        placed
            .iter()
            .skip(i + 1)
            .filter(move |b| b.year == a.year && same_organisation(a, b))
            .map(move |b| {
                let relation = if !is_report(a.kind) && is_report(b.kind) {
                    Relation::FollowUp
                } else {
                    Relation::SameAssignment
                };
                (a, b, relation)
            })
    })
}

/// Whether two documents can share uppdrag: not when both name their organisation and the names
/// differ — two regions' plans may word an uppdrag alike ("omställning till nära vård") without it
/// being one assignment. This also keeps linking a diarium of many organisations from comparing every
/// document with every other.
fn same_organisation(a: &Placed, b: &Placed) -> bool {
    match (&a.organisation, &b.organisation) {
        (Some(x), Some(y)) => x == y,
        _ => true,
    }
}

fn organisation_key(doc: &Document) -> Option<String> {
    let name = doc.metadata.organisation.as_deref()?;
    let key = name
        .split_whitespace()
        .map(normalize::fold_word)
        .collect::<Vec<_>>()
        .join(" ");
    (!key.is_empty()).then_some(key)
}

/// Orders kinds within a year: the plan gives the uppdrag, the reports follow them up.
pub(crate) fn kind_rank(kind: DocKind) -> u8 {
    match kind {
        DocKind::Plan => 0,
        DocKind::InterimReport => 1,
        DocKind::Report => 2,
        DocKind::Other => 3,
    }
}

fn is_report(kind: DocKind) -> bool {
    matches!(kind, DocKind::Report | DocKind::InterimReport)
}

/// Links the uppdrag of the documents and gathers them into lineages.
pub fn link(docs: &[Document], opts: &LinkOptions) -> Linked {
    let mut diagnostics = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    let mut usable: Vec<&Document> = Vec::new();
    // Documents that take no part in links still get a lineage for each of their uppdrag.
    let mut unlinked: Vec<&Document> = Vec::new();
    for doc in docs {
        if seen.contains(&doc.id.as_str()) {
            diagnostics.push(duplicate_document(doc));
            continue;
        }
        seen.push(&doc.id);
        if placeable(doc) {
            usable.push(doc);
        } else {
            let (code, why) = match doc.metadata.year {
                None => ("link.no_year", "the text states no year"),
                Some(_) => ("link.kind", "not a plan or report"),
            };
            diagnostics.push(Diagnostic::warning(
                code,
                format!("{}: {why}; its uppdrag are not linked", doc.source.path),
            ));
            unlinked.push(doc);
        }
    }
    // Everything below depends on this order, never on the order the documents were given in.
    usable.sort_by(|a, b| {
        let key = |d: &Document| {
            (
                d.metadata.year,
                d.metadata.kind.map(kind_rank),
                council_rank(d),
                d.id.clone(),
            )
        };
        key(a).cmp(&key(b))
    });
    let corpus = Corpus::build(&usable);
    let mut placed: Vec<Placed> = usable
        .iter()
        .filter_map(|doc| {
            Some(Placed {
                doc,
                year: doc.metadata.year?,
                kind: doc.metadata.kind?,
                organisation: organisation_key(doc),
                prepared: doc
                    .uppdrag
                    .iter()
                    .map(|u| Prepared::new(u, &corpus))
                    .collect(),
                references: doc
                    .uppdrag
                    .iter()
                    .map(|u| reference::references(&u.text))
                    .collect(),
            })
        })
        .collect();
    placed.sort_by(|a, b| {
        (a.year, kind_rank(a.kind), council_rank(a.doc), &a.doc.id).cmp(&(
            b.year,
            kind_rank(b.kind),
            council_rank(b.doc),
            &b.doc.id,
        ))
    });

    let mut links = Vec::new();
    let mut candidates = Vec::new();
    for (a, b, relation) in within_year(&placed) {
        links.extend(match_pair(
            a,
            b,
            relation,
            &corpus,
            opts,
            (&|_| true, &|_| true),
            &mut candidates,
        ));
    }
    links.extend(continuations(&placed, &corpus, opts, &mut candidates));
    let goal_links = goals::link(&placed, &corpus, opts);
    let rule_outcomes: Vec<(String, Result<String, RuleMiss>)> = opts
        .rules
        .iter()
        .map(|rule| {
            (
                rule.name.clone(),
                apply_rule(rule, &placed, &corpus, &mut links),
            )
        })
        .collect();

    let order: HashMap<&str, usize> = placed
        .iter()
        .enumerate()
        .map(|(i, p)| (p.doc.id.as_str(), i))
        .collect();
    let position = |e: &Endpoint| {
        let d = order
            .get(e.document.as_str())
            .copied()
            .unwrap_or(usize::MAX);
        let u = placed
            .get(d)
            .and_then(|p| p.doc.uppdrag.iter().position(|u| u.id == e.uppdrag))
            .unwrap_or(usize::MAX);
        (d, u)
    };
    links.sort_by_key(|l| (position(&l.from), position(&l.to)));

    let docs_in_order: Vec<&Document> = placed.iter().map(|p| p.doc).collect();
    for doc in &docs_in_order {
        for u in doc.uppdrag.iter().filter(|u| u.number_end.is_some()) {
            let covered = links.iter().any(|l| {
                l.evidence.method == "range" && (l.to.uppdrag == u.id || l.from.uppdrag == u.id)
            });
            if !covered
                && placed
                    .iter()
                    .any(|p| p.year == doc.metadata.year.unwrap_or(0) && p.doc.id != doc.id)
            {
                diagnostics.push(Diagnostic::info(
                    "link.range_without_members",
                    format!(
                        "{}: {} covers no uppdrag of another document of its year",
                        doc.source.path, u.key
                    ),
                ));
            }
        }
    }
    let mut all_docs = docs_in_order.clone();
    unlinked.sort_by(|a, b| a.id.cmp(&b.id));
    all_docs.extend(unlinked);
    let lineages = lineage::build(&all_docs, &links);
    candidates.sort_by_key(|c| (position(&c.from), position(&c.to)));
    Linked {
        links,
        candidates,
        lineages,
        goal_links,
        diagnostics,
        rule_outcomes,
    }
}

/// Forces or forbids one link; returns what changed (words for the corrections report), or which of the
/// rule's uppdrag was not found.
fn apply_rule(
    rule: &LinkRule,
    placed: &[Placed],
    corpus: &Corpus,
    links: &mut Vec<Link>,
) -> Result<String, RuleMiss> {
    let find = |(document, key): &(String, String)| -> Result<(&Placed, usize), RuleMiss> {
        let p = placed
            .iter()
            .find(|p| p.doc.selected_by(document))
            .ok_or_else(|| RuleMiss::NoDocument {
                document: document.clone(),
            })?;
        let i = p
            .doc
            .uppdrag
            .iter()
            .position(|u| u.key == *key)
            .ok_or_else(|| RuleMiss::NoUppdrag {
                document: document.clone(),
                key: key.clone(),
            })?;
        Ok((p, i))
    };
    let (a, i) = find(&rule.from)?;
    let (b, j) = find(&rule.to)?;
    let (ua, ub) = (&a.doc.uppdrag[i], &b.doc.uppdrag[j]);
    let between = |l: &Link| {
        ((l.from.uppdrag == ua.id && l.to.uppdrag == ub.id)
            || (l.from.uppdrag == ub.id && l.to.uppdrag == ua.id))
            && rule.relation.is_none_or(|r| r == l.relation)
    };
    if !rule.force {
        let before = links.len();
        links.retain(|l| !between(l));
        let removed = before - links.len();
        return Ok(format!(
            "{} {} ↔ {} {}: {removed} link(s) forbidden",
            a.year, ua.key, b.year, ub.key
        ));
    }
    if links.iter().any(between) {
        return Ok(format!(
            "{} {} → {} {}: already linked",
            a.year, ua.key, b.year, ub.key
        ));
    }
    let relation = rule.relation.unwrap_or(if a.year == b.year {
        if !is_report(a.kind) && is_report(b.kind) {
            Relation::FollowUp
        } else {
            Relation::SameAssignment
        }
    } else {
        Relation::Continuation
    });
    let evidence = decided_evidence(&a.prepared[i], &b.prepared[j], ua, ub, corpus, "correction");
    links.push(Link {
        from: endpoint(a, ua),
        to: endpoint(b, ub),
        relation,
        score: 1.0,
        evidence,
    });
    Ok(format!(
        "{} {} → {} {}: {} link forced",
        a.year,
        ua.key,
        b.year,
        ub.key,
        relation.as_str()
    ))
}

/// Whether the linker places the document: it states its year and is a plan or a report.
pub(crate) fn placeable(doc: &Document) -> bool {
    doc.metadata.year.is_some()
        && matches!(
            doc.metadata.kind,
            Some(DocKind::Plan | DocKind::Report | DocKind::InterimReport)
        )
}

/// The note on a document given twice.
pub(crate) fn duplicate_document(doc: &Document) -> Diagnostic {
    Diagnostic::warning(
        "link.duplicate_document",
        format!(
            "document {} ({}) given twice; linked once",
            doc.id, doc.source.path
        ),
    )
}

/// Puts a document issued by the regional council (fullmäktige, regionstyrelsen) before a board's own
/// document of the same year, so `same_assignment` runs from the giver to the one that repeats it.
pub(crate) fn council_rank(doc: &Document) -> u8 {
    let body = doc.metadata.body.as_deref().unwrap_or("").to_lowercase();
    u8::from(!(body.contains("fullmäktige") || body.contains("regionstyrelsen")))
}

/// Cross-year links. Each later year takes its predecessors from the nearest earlier year first, so a
/// chain 2024 → 2025 → 2026 is not short-cut by a 2024 → 2026 link; an uppdrag that skipped a year
/// can still be found further back. Plans are compared; a year without a plan lends its reports.
fn continuations(
    placed: &[Placed],
    corpus: &Corpus,
    opts: &LinkOptions,
    candidates: &mut Vec<Candidate>,
) -> Vec<Link> {
    let years = years(placed);
    let sides = |year: i32| sides(placed, year);
    // uppdrag id → earliest year it continues into; uppdrag id → latest year it continues from.
    let mut continued_into: HashMap<String, i32> = HashMap::new();
    let mut continued_from: HashMap<String, i32> = HashMap::new();
    let mut out = Vec::new();
    for (yi, &later) in years.iter().enumerate() {
        for &earlier in years[..yi].iter().rev() {
            for b in sides(later) {
                for a in sides(earlier)
                    .into_iter()
                    .filter(|a| same_organisation(a, b))
                {
                    // What the later plan says it carries on, merges or split comes first; the
                    // uppdrag it names are not matched by their words as well.
                    let nearest = years[..yi].last() == Some(&earlier);
                    let mut found = stated(a, b, nearest, corpus);
                    let named_a: HashSet<&str> =
                        found.iter().map(|l| l.from.uppdrag.as_str()).collect();
                    let named_b: HashSet<&str> =
                        found.iter().map(|l| l.to.uppdrag.as_str()).collect();
                    let source_free = |u: &Uppdrag| {
                        continued_into.get(&u.id).is_none_or(|&y| y >= later)
                            && !named_a.contains(u.id.as_str())
                    };
                    let target_free = |u: &Uppdrag| {
                        continued_from.get(&u.id).is_none_or(|&y| y <= earlier)
                            && !named_b.contains(u.id.as_str())
                    };
                    let by_text = match_pair(
                        a,
                        b,
                        Relation::Continuation,
                        corpus,
                        opts,
                        (&source_free, &target_free),
                        candidates,
                    );
                    found.extend(by_text);
                    for l in &found {
                        let into = continued_into
                            .entry(l.from.uppdrag.clone())
                            .or_insert(later);
                        *into = (*into).min(later);
                        let from = continued_from
                            .entry(l.to.uppdrag.clone())
                            .or_insert(earlier);
                        *from = (*from).max(earlier);
                    }
                    out.extend(found);
                }
            }
        }
    }
    out
}

/// The years of the placed documents, in order, each once.
fn years(placed: &[Placed]) -> Vec<i32> {
    let mut years: Vec<i32> = placed.iter().map(|p| p.year).collect();
    years.dedup();
    years
}

/// The documents of a year that take part in cross-year links: its plans, or when it has none, its
/// reports.
fn sides<'p, 'd>(placed: &'p [Placed<'d>], year: i32) -> Vec<&'p Placed<'d>> {
    let of_year: Vec<&Placed> = placed.iter().filter(|p| p.year == year).collect();
    if of_year.iter().any(|p| p.kind == DocKind::Plan) {
        of_year
            .into_iter()
            .filter(|p| p.kind == DocKind::Plan)
            .collect()
    } else {
        of_year
    }
}

/// Continuations the later plan states: each of its uppdrag that names uppdrag of the earlier plan
/// ("ersätter Nr 5 och 6", "tidigare HS nr 2") links to every one it names, so a merge or a split links
/// one uppdrag to several. A reference that gives no year is read as pointing to the nearest earlier
/// year; one that gives a year, to that year only.
fn stated(a: &Placed, b: &Placed, nearest: bool, corpus: &Corpus) -> Vec<Link> {
    let mut out = Vec::new();
    for ((j, ub), references) in b.doc.uppdrag.iter().enumerate().zip(&b.references) {
        for r in references {
            if !r.year.map_or(nearest, |y| y == a.year) {
                continue;
            }
            for key in &r.keys {
                let named = a
                    .doc
                    .uppdrag
                    .iter()
                    .enumerate()
                    .find(|(_, ua)| reference::key_form(&ua.key) == *key);
                let Some((i, ua)) = named else { continue };
                if out
                    .iter()
                    .any(|l: &Link| l.from.uppdrag == ua.id && l.to.uppdrag == ub.id)
                {
                    continue;
                }
                let mut evidence =
                    decided_evidence(&a.prepared[i], &b.prepared[j], ua, ub, corpus, "reference");
                evidence.reference = Some(r.phrase.clone());
                out.push(Link {
                    from: endpoint(a, ua),
                    to: endpoint(b, ub),
                    relation: Relation::Continuation,
                    score: 1.0,
                    evidence,
                });
            }
        }
    }
    out
}

/// The evidence of a pair decided by something other than its score (a stated reference, a range, a
/// correction): every figure [`compare`] gives, the whole-text distance, and the method that decided.
fn decided_evidence(
    pa: &Prepared,
    pb: &Prepared,
    ua: &Uppdrag,
    ub: &Uppdrag,
    corpus: &Corpus,
    method: &str,
) -> Evidence {
    let mut evidence = compare(pa, pb, ua, ub, corpus);
    evidence.method = method.into();
    evidence.levenshtein = text_levenshtein(pa, pb);
    evidence
}

fn endpoint(p: &Placed, u: &Uppdrag) -> Endpoint {
    Endpoint {
        document: p.doc.id.clone(),
        year: p.year,
        kind: p.kind,
        key: u.key.clone(),
        uppdrag: u.id.clone(),
    }
}

/// The two parts of a comparison's score: the text score (cosine, overlap and Dice weighted, not
/// rounded) and what the numbers add. The score of method `text` is `round(text + number)`.
pub fn score_parts(e: &Evidence, relation: Relation, opts: &LinkOptions) -> (f64, f64) {
    let text = opts.cosine_weight * e.weighted_similarity
        + opts.overlap_weight * e.weighted_overlap
        + (1.0 - opts.cosine_weight - opts.overlap_weight) * e.dice;
    let number = match (e.number, relation) {
        (NumberMatch::Same, Relation::Continuation) => opts.cross_year_number_weight,
        (NumberMatch::Same, _) => opts.same_year_number_weight,
        _ => 0.0,
    };
    (text, number)
}

/// The score of a comparison for a relation: text similarity plus what the numbers add.
fn combine(e: &Evidence, relation: Relation, opts: &LinkOptions) -> f64 {
    let (text, number) = score_parts(e, relation, opts);
    round(text + number)
}

/// The lowest score of a link of the relation.
fn threshold(relation: Relation, opts: &LinkOptions) -> f64 {
    match relation {
        Relation::FollowUp => opts.follow_up_threshold,
        Relation::Continuation => opts.continuation_threshold,
        Relation::SameAssignment => opts.same_assignment_threshold,
    }
}

/// Every pair of two sides compared and the pairs chosen one-to-one: see [`score_and_assign`].
struct Scored {
    /// `scores[row][column]`.
    scores: Vec<Vec<f64>>,
    evidence: BTreeMap<(usize, usize), Evidence>,
    /// The (row, column) pairs linked, sorted by row.
    chosen: Vec<(usize, usize)>,
    threshold: f64,
}

/// The matching shared by everything the linker ties together (uppdrag, goals): each of `rows` items of
/// one side compared with each of `cols` of the other by `compare`, scored for the relation
/// ([`score_parts`]), and the pairs chosen one-to-one at or above `threshold` so that together they
/// score highest ([`assign::assign`]).
fn score_and_assign(
    rows: usize,
    cols: usize,
    relation: Relation,
    threshold: f64,
    opts: &LinkOptions,
    compare: impl Fn(usize, usize) -> Evidence,
) -> Scored {
    let mut evidence: BTreeMap<(usize, usize), Evidence> = BTreeMap::new();
    let mut scores = vec![vec![0.0; cols]; rows];
    for (r, row) in scores.iter_mut().enumerate() {
        for (c, score) in row.iter_mut().enumerate() {
            let e = compare(r, c);
            *score = combine(&e, relation, opts);
            evidence.insert((r, c), e);
        }
    }
    let chosen = assign::assign(&scores, threshold);
    Scored {
        scores,
        evidence,
        chosen,
        threshold,
    }
}

/// Which uppdrag of one side may still be linked.
type Free<'f> = &'f dyn Fn(&Uppdrag) -> bool;

/// Links the uppdrag of document `a` to those of document `b`: ranges first (a range takes every
/// uppdrag whose number it covers, sub-items included, when no uppdrag of the other side bears that
/// exact key), then the rest one-to-one by score above the relation's threshold.
fn match_pair(
    a: &Placed,
    b: &Placed,
    relation: Relation,
    corpus: &Corpus,
    opts: &LinkOptions,
    (a_free, b_free): (Free, Free),
    candidates: &mut Vec<Candidate>,
) -> Vec<Link> {
    let mut out = Vec::new();
    let mut a_taken = vec![false; a.doc.uppdrag.len()];
    let mut b_taken = vec![false; b.doc.uppdrag.len()];
    if relation != Relation::Continuation {
        let has_key = |doc: &Document, key: &str| doc.uppdrag.iter().any(|u| u.key == key);
        for (j, ub) in b.doc.uppdrag.iter().enumerate() {
            for (i, ua) in a.doc.uppdrag.iter().enumerate() {
                let (range, member, range_doc) = match (ua.number_end, ub.number_end) {
                    (None, Some(_)) => (ub, ua, b.doc),
                    (Some(_), None) => (ua, ub, a.doc),
                    _ => continue,
                };
                if number_match(member, range) != NumberMatch::InRange
                    || has_key(range_doc, &member.key)
                {
                    continue;
                }
                let evidence =
                    decided_evidence(&a.prepared[i], &b.prepared[j], ua, ub, corpus, "range");
                out.push(Link {
                    from: endpoint(a, ua),
                    to: endpoint(b, ub),
                    relation,
                    score: round(
                        combine(&evidence, relation, opts).max(opts.same_year_number_weight),
                    ),
                    evidence,
                });
                a_taken[i] = true;
                b_taken[j] = true;
            }
        }
    }
    let rows: Vec<usize> = (0..a.doc.uppdrag.len())
        .filter(|&i| !a_taken[i] && a_free(&a.doc.uppdrag[i]))
        .collect();
    let cols: Vec<usize> = (0..b.doc.uppdrag.len())
        .filter(|&j| !b_taken[j] && b_free(&b.doc.uppdrag[j]))
        .collect();
    let Scored {
        scores,
        mut evidence,
        chosen,
        threshold,
    } = score_and_assign(
        rows.len(),
        cols.len(),
        relation,
        threshold(relation, opts),
        opts,
        |r, c| {
            let (i, j) = (rows[r], cols[c]);
            let (ua, ub) = (&a.doc.uppdrag[i], &b.doc.uppdrag[j]);
            compare(&a.prepared[i], &b.prepared[j], ua, ub, corpus)
        },
    );
    // Each row's best pair that was not chosen, when it came near the threshold.
    for (r, row) in scores.iter().enumerate() {
        let best = row
            .iter()
            .enumerate()
            .filter(|&(c, &s)| s >= threshold - NEAR_MISS && !chosen.contains(&(r, c)))
            .max_by(|x, y| x.1.total_cmp(y.1).then(y.0.cmp(&x.0)));
        let Some((c, &score)) = best else { continue };
        let (i, j) = (rows[r], cols[c]);
        let Some(mut e) = evidence.get(&(r, c)).cloned() else {
            continue;
        };
        e.levenshtein = text_levenshtein(&a.prepared[i], &b.prepared[j]);
        candidates.push(Candidate {
            from: endpoint(a, &a.doc.uppdrag[i]),
            to: endpoint(b, &b.doc.uppdrag[j]),
            relation,
            score,
            threshold,
            margin: round(score - threshold),
            reason: if score >= threshold {
                "one_to_one"
            } else {
                "below_threshold"
            }
            .into(),
            evidence: e,
        });
    }
    for (r, c) in chosen {
        let (i, j) = (rows[r], cols[c]);
        if let Some(mut e) = evidence.remove(&(r, c)) {
            e.levenshtein = text_levenshtein(&a.prepared[i], &b.prepared[j]);
            out.push(Link {
                from: endpoint(a, &a.doc.uppdrag[i]),
                to: endpoint(b, &b.doc.uppdrag[j]),
                relation,
                score: scores[r][c],
                evidence: e,
            });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::ingest::Input;
    use crate::pipeline::{extract, Options};

    fn plan(text: &str, path: &str) -> Document {
        let input = Input {
            path: path.into(),
            bytes: text.as_bytes().to_vec(),
        };
        extract(&input, &Options::default()).expect("extracts")
    }

    #[test]
    fn documents_of_different_organisations_are_not_linked() {
        let seed = include_str!("../../fixtures/seeds/hsn-verksamhetsplan-2026.txt");
        let orebro = plan(seed, "orebro.txt");
        let again = plan(&format!("{seed}\n"), "orebro-igen.txt");
        let jonkoping = plan(
            &seed.replace("Region Örebro län", "Region Jönköpings län"),
            "jonkoping.txt",
        );
        assert_eq!(
            organisation_key(&jonkoping).as_deref(),
            Some("region jonkopings lan")
        );
        let linked = link(&[orebro.clone(), jonkoping], &LinkOptions::default());
        assert!(linked.links.is_empty(), "{:?}", linked.links.first());
        // The same plan of the same region, given twice, is linked uppdrag by uppdrag.
        let linked = link(&[orebro.clone(), again], &LinkOptions::default());
        assert_eq!(linked.links.len(), orebro.uppdrag.len());
    }
}
