//! Cues: neighbours that settle the true ambiguities of stripped Swedish ("föregående år", "kvinnor och
//! män", "för våra invånare"), and the units and demonstratives whose place in a phrase says which twin
//! they are.

use super::super::context::Context;
use super::grammar::{grammar_penalties, is_definite_noun_key};

/// Neighbours that settle the true ambiguities of stripped Swedish: (form, words before it, words after it),
/// all folded. "föregående år", "kvinnor män", "för våra invånare", "val av".
pub(crate) const CUES: &[(&str, &[&str], &[&str])] = &[
    (
        "år",
        &[
            "0",
            "foregaende",
            "kommande",
            "flera",
            "manga",
            "tidigare",
            "varje",
            "samma",
            "nasta",
            "nagra",
            "forra",
            "senaste",
            "hela",
            "per",
            "tva",
            "tre",
            "fyra",
            "fem",
            "sex",
            "sju",
            "atta",
            "nio",
            "tio",
            "innevarande",
            "varannat",
            "fa",
            "ett",
            "fg",
            "i",
            "under",
        ],
        &["0000"],
    ),
    (
        "är",
        &[
            "det", "som", "vi", "du", "han", "hon", "vad", "hur", "inte", "0000",
        ],
        &["det", "att"],
    ),
    ("män", &["kvinnor", "och"], &["och"]),
    (
        "våra",
        &[
            "for", "av", "i", "med", "till", "fran", "pa", "over", "alla", "hos", "mot",
        ],
        &[],
    ),
    (
        "vår",
        &[
            "for", "av", "med", "till", "fran", "pa", "over", "hos", "mot",
        ],
        &[],
    ),
    (
        "val",
        &["gora", "fria", "ditt", "sitt", "mitt", "ratt"],
        &["av", "mellan"],
    ),
    // The adjective: "har låg anslutning", "den låga kostnadsutvecklingen", "för låga".
    (
        "låg",
        &["har", "mycket", "relativt", "alltfor", "fortsatt", "sa"],
        &[],
    ),
    (
        "låga",
        &[
            "den", "de", "mycket", "relativt", "alltfor", "fortsatt", "sa", "for",
        ],
        &[],
    ),
    // Gender agreement: "en rad" (common gender), "ett råd" (neuter).
    ("rad", &["en"], &[]),
    ("råd", &["ett"], &[]),
    (
        "vård",
        &[
            "nara",
            "jamlik",
            "god",
            "specialiserad",
            "hogspecialiserad",
            "psykiatrisk",
            "somatisk",
            "sluten",
            "oppen",
            "akut",
            "planerad",
            "vid",
            "av",
            "till",
            "inom",
            "ratt",
        ],
        &["och", "i", "for", "pa", "inom"],
    ),
    (
        "läget",
        &[
            "ekonomiska",
            "aktuella",
            "nuvarande",
            "radande",
            "nulaget",
            "sakerhetspolitiska",
        ],
        &[],
    ),
    (
        "fortsatta",
        &[
            "det", "den", "de", "ett", "en", "vart", "sitt", "sin", "sina",
        ],
        &[],
    ),
];

/// The bonus (log10 units) a spelling gets from a neighbour that settles its ambiguity: more than the
/// word-pair counts of a small corpus can give its twin from the other side ("det fortsatta arbetet"
/// against the many "fortsätta arbetet").
pub(crate) const CUE_BONUS: f32 = 3.0;

/// Units written after a slash ("kr/mån", "i snitt/mån", "kr/m²/år"): "per man" and "per är" are not
/// written with one.
pub(crate) const AFTER_SLASH: &[&str] = &["mån", "år"];

/// The id of a cue of [`CUES`], by the form it favours.
fn cue_id(form: &str) -> &'static str {
    match form {
        "år" => "cue.år_after_count",
        "är" => "cue.är_after_subject",
        "män" => "cue.kvinnor_och_män",
        "våra" | "vår" => "cue.possessive_after_preposition",
        "val" => "cue.val_choice",
        "låg" | "låga" => "cue.låg_adjective",
        "rad" | "råd" => "cue.gender_agreement",
        "vård" => "cue.vård_collocation",
        "läget" => "cue.läget_situation",
        "fortsatta" => "cue.fortsatta_participle",
        _ => "cue",
    }
}

/// What the neighbours say for a spelling: each cue's bonus and each grammar rule's penalty, by rule id
/// (the ids a change settled by them carries in its `rule`).
pub(crate) fn context_rules(ctx: &Context, form: &str) -> Vec<(&'static str, f32)> {
    let prev = ctx.prev.as_deref();
    let next = ctx.next.as_deref();
    let hit = |list: &[&str], key: Option<&str>| key.is_some_and(|k| list.contains(&k));
    let mut out = Vec::new();
    for _ in CUES
        .iter()
        .filter(|(f, before, after)| *f == form && (hit(before, prev) || hit(after, next)))
    {
        out.push((cue_id(form), CUE_BONUS));
    }
    if ctx.after_slash && AFTER_SLASH.contains(&form) {
        out.push(("grammar.unit_after_slash", CUE_BONUS));
    } else if ctx.per_and && form == "år" {
        out.push(("grammar.per_unit_och_år", CUE_BONUS));
    }
    // "den här boken", "det här viset", "de här frågorna": a demonstrative before a noun's definite
    // form, where "det har" is followed by a supine ("det har ökat", "det har lett").
    if form == "här"
        && prev.is_some_and(|p| matches!(p, "den" | "det" | "de" | "sadana"))
        && next.is_some_and(is_definite_noun_key)
    {
        out.push(("grammar.demonstrative_här", CUE_BONUS));
    }
    // "i vår tid", "i vårt samhälle", but "i vart fall", "i var sin".
    if matches!(form, "vår" | "vårt" | "våra")
        && prev == Some("i")
        && next
            .is_some_and(|n| !matches!(n, "fall" | "sin" | "sitt" | "sina" | "och" | "en" | "ett"))
    {
        out.push(("grammar.i_vår", CUE_BONUS));
    }
    grammar_penalties(ctx, form, &mut out);
    out
}
