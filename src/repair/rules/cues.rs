//! Cues: neighbours that settle the true ambiguities of stripped Swedish ("föregående år", "kvinnor och
//! män", "för våra invånare"), and the units and demonstratives whose place in a phrase says which twin
//! they are.

use super::super::context::Context;
use super::grammar::{grammar_penalty, is_definite_noun_key};

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

/// What the neighbours say for a spelling: a cue's bonus less what grammar rules out.
pub(crate) fn cue_bonus(ctx: &Context, form: &str) -> f32 {
    let prev = ctx.prev.as_deref();
    let next = ctx.next.as_deref();
    let hit = |list: &[&str], key: Option<&str>| key.is_some_and(|k| list.contains(&k));
    let unit = ctx.after_slash && AFTER_SLASH.contains(&form) || ctx.per_and && form == "år";
    // "den här boken", "det här viset", "de här frågorna": a demonstrative before a noun's definite
    // form, where "det har" is followed by a supine ("det har ökat", "det har lett").
    let demonstrative = form == "här"
        && prev.is_some_and(|p| matches!(p, "den" | "det" | "de" | "sadana"))
        && next.is_some_and(is_definite_noun_key);
    // "i vår tid", "i vårt samhälle", but "i vart fall", "i var sin".
    let in_ours = matches!(form, "vår" | "vårt" | "våra")
        && prev == Some("i")
        && next
            .is_some_and(|n| !matches!(n, "fall" | "sin" | "sitt" | "sina" | "och" | "en" | "ett"));
    let cues = CUES
        .iter()
        .filter(|(f, before, after)| *f == form && (hit(before, prev) || hit(after, next)))
        .count()
        + usize::from(unit)
        + usize::from(demonstrative || in_ours);
    cues as f32 * CUE_BONUS - grammar_penalty(ctx, form)
}
