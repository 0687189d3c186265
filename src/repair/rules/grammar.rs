//! Grammar that tells twins apart where word counts cannot: a determiner stands before its noun, a modal
//! takes an infinitive, a statement does not open with a finite verb, and the word classes (infinitives,
//! supines, definite forms) these rules recognise from a folded word's form.

use super::super::context::Context;
use super::super::lexicon::{ADJECTIVE_A_KEYS, INFINITIVES, INFINITIVE_KEYS};

/// Whether a folded word has the form of a noun's definite form: -en, -et or -na, four letters or more,
/// and not an adverb ("troligen", "även"), a supine in -ett ("lett", "skett") or a pronoun ("ingen").
pub(crate) fn is_definite_noun_key(key: &str) -> bool {
    key.chars().count() >= 4
        && (key.ends_with("en") && !key.ends_with("igen")
            || key.ends_with("et") && !key.ends_with("ett")
            || key.ends_with("na"))
        && !matches!(key, "ingen" | "aven" | "sedan" | "bland" | "kanske")
        && !NOT_AFTER_DETERMINER.contains(&key)
}

/// Whether a folded word has the form of a singular noun's definite genitive: "resursens", "regionens",
/// "årets" (not -nas, which passive infinitives share: "finnas", "kännas").
pub(crate) fn is_definite_genitive_key(key: &str) -> bool {
    (key.ends_with("ens") || key.ends_with("ets"))
        && key.strip_suffix('s').is_some_and(is_definite_noun_key)
}

/// Words (folded) that never follow a determiner: prepositions, conjunctions, verbs of the clause.
pub(crate) const NOT_AFTER_DETERMINER: &[&str] = &[
    "pa", "i", "av", "och", "att", "som", "for", "med", "till", "om", "fran", "ar", "var", "ska",
    "kan", "inte", "det", "den", "eller", "men", "vid", "under", "efter", "hos", "mot", "utan",
    "har", "blir", "bli",
];

/// Grammar that tells twins apart where word counts cannot: each rule that applies pushes its id and the
/// log10 units it takes from the spelling `form` onto `out`:
/// - a determiner ("våra", "vårt", "inga") stands before the noun it determines: not at the end of a
///   sentence, nor before a preposition, conjunction or verb ("tas till vara på", "ska risken ingå i");
/// - a statement does not open with a finite verb ("Här behöver vi", not "Har behöver vi"; "År 2024")
///   unless its subject follows ("Har man råd", a conditional clause);
/// - a modal ("bör", "får") is followed by an infinitive, active or passive ("bör ansöka", "bör ha",
///   "bör undvikas", not "bor ansöka"), and "vänligen" by an imperative;
/// - the infinitive "vara" follows neither a finite copula nor an infinitive that takes no other
///   ("De är våra", "anpassa våra tjänster");
/// - a finite "har" is not followed by another finite verb unless it closes a clause ("Även här är");
/// - the adverb "väl" does not follow an adjective's -a form, which stands before its noun ("kliniska val"),
///   and the verb "ingå" does not precede one ("att inga statliga institutioner");
/// - "här" is followed neither by a subject pronoun ("Har man råd", an inverted clause) nor by a supine
///   ("de har funnit", "de har passerat"), and does not follow one ("vi har");
/// - an infinitive does not follow a definite genitive ("resursens starka koppling").
pub(crate) fn grammar_penalties(ctx: &Context, form: &str, out: &mut Vec<(&'static str, f32)>) {
    let prev = ctx.prev.as_deref();
    let next = ctx.next.as_deref();
    if matches!(form, "våra" | "vårt" | "inga") {
        let dangling = ctx.ends_sentence || next.is_some_and(|n| NOT_AFTER_DETERMINER.contains(&n));
        if dangling {
            out.push(("grammar.determiner_before_noun", -3.0));
        }
    }
    // Unless a subject follows: "Har man råd …" opens a conditional clause, "Är du …" a question.
    if ctx.opens_statement
        && matches!(form, "har" | "är")
        && !next.is_some_and(|n| PRONOUNS.contains(&n))
    {
        out.push(("grammar.statement_opening_verb", -3.0));
    }
    if matches!(form, "bor" | "far") && next.is_some_and(is_infinitive_key) {
        out.push(("grammar.modal_infinitive", -2.0));
    }
    // "bor" (lives) says where: "bor i", "bor kvar", "där de bor."; "bör" takes anything.
    if form == "bor" && next.is_some_and(|n| !LOCATIVES.contains(&n)) {
        out.push(("grammar.bor_says_where", -1.5));
    }
    // A statement opens with an imperative ("Begär kopia"), not with a present tense that differs
    // from it ("Begår kopia", "Når"), unless its subject follows ("Går det att …") or it is a modal
    // ("Får inte vara", "Får ha").
    if ctx.opens_statement
        && form
            .strip_suffix('r')
            .is_some_and(|stem| INFINITIVES.contains(stem))
        && !next.is_some_and(|n| SUBJECTS.contains(&n) || n == "inte" || is_infinitive_key(n))
    {
        out.push(("grammar.opening_imperative", -3.0));
    }
    // "vänligen" asks for something: an imperative follows, not a number, a preposition or a finite
    // verb ("vanligen 2-6 månader", "vanligen med påslag"), and not a long word that is no infinitive
    // ("vanligen mineralull"; a short one may be an imperative: "vänligen fyll i", "ring").
    if form == "vänligen"
        && next.is_none_or(|n| {
            n.starts_with('0')
                || NOT_AFTER_DETERMINER.contains(&n)
                || !is_infinitive_key(n) && n.chars().count() > 5
        })
    {
        out.push(("grammar.vänligen_imperative", -2.0));
    }
    if form == "vara"
        && prev.is_some_and(|p| {
            matches!(p, "ar" | "var" | "blir")
                || (INFINITIVE_KEYS.contains(p) && !TAKES_INFINITIVE.contains(&p))
        })
    {
        out.push(("grammar.vara_after_copula", -3.0));
    }
    if form == "väl" && prev.is_some_and(|p| ADJECTIVE_A_KEYS.contains(p)) {
        out.push(("grammar.väl_after_adjective", -3.0));
    }
    if form == "ingå" && next.is_some_and(|n| ADJECTIVE_A_KEYS.contains(n)) {
        out.push(("grammar.ingå_before_adjective", -3.0));
    }
    if form == "här" && next.is_some_and(|n| PRONOUNS.contains(&n) || is_supine(n)) {
        out.push(("grammar.här_before_pronoun_or_supine", -3.0));
    }
    // A personal subject is followed by its verb ("resurserna vi har är", "man har"), not by "här".
    if form == "här" && prev.is_some_and(|p| PRONOUNS.contains(&p)) {
        out.push(("grammar.här_after_subject", -3.0));
    }
    // A noun's definite genitive stands before what it governs, never before an infinitive:
    // "resursens starka koppling", not "resursens stärka" ("vara" is also a noun: "årets vara").
    if form != "vara" && INFINITIVES.contains(form) && prev.is_some_and(is_definite_genitive_key) {
        out.push(("grammar.genitive_before_infinitive", -3.0));
    }
    if form == "har"
        && next.is_some_and(|n| FINITE_VERBS.contains(&n))
        && !prev.is_some_and(|p| SUBJECTS.contains(&p))
    {
        out.push(("grammar.har_before_finite_verb", -2.0));
    }
}

/// What follows "bor" (lives), folded: where, with whom, for how long.
pub(crate) const LOCATIVES: &[&str] = &[
    "i",
    "pa",
    "hos",
    "kvar",
    "ensam",
    "ensamma",
    "tillsammans",
    "nara",
    "har",
    "dar",
    "med",
    "utanfor",
    "inom",
    "vid",
    "inne",
    "ute",
    "hemma",
    "runt",
    "kring",
    "mellan",
    "bland",
    "och",
    "eller",
    "som",
    "men",
    "utomlands",
    "centralt",
    "sjalv",
    "sjalva",
    "fortfarande",
    "numera",
    "nu",
    "idag",
    "permanent",
    "tillfalligt",
];

/// Short and irregular infinitives (folded) the dictionary's flags do not mark as verbs: "bör ha",
/// "får bli", "bör göra".
pub(crate) const IRREGULAR_INFINITIVES: &[&str] = &[
    "ha", "bli", "ge", "se", "ta", "dra", "gora", "vara", "veta", "finna", "kunna", "vilja", "sta",
    "ligga", "sitta", "lata",
];

/// Whether a folded word reads as an infinitive, active or passive ("ansoka", "ha", "dokumenteras",
/// "undvikas", "finnas"): after a modal, a word in -as is a passive or deponent infinitive, hardly a
/// genitive.
pub(crate) fn is_infinitive_key(key: &str) -> bool {
    INFINITIVE_KEYS.contains(key)
        || IRREGULAR_INFINITIVES.contains(&key)
        || key.ends_with("as") && key.chars().count() >= 5
}

/// Infinitives (folded) that take another infinitive: "kunna vara", "fortsätta vara".
pub(crate) const TAKES_INFINITIVE: &[&str] = &[
    "kunna",
    "vilja",
    "behova",
    "fa",
    "ma",
    "skola",
    "bora",
    "komma",
    "verka",
    "tyckas",
    "anses",
    "fortsatta",
    "sluta",
    "borja",
    "lata",
    "vaga",
    "hinna",
    "tankas",
];

/// Finite verbs (folded) that a finite "har" is not directly followed by, unless it ends a relative or
/// subordinate clause ("resurserna vi har är"): "här är", not "har är".
pub(crate) const FINITE_VERBS: &[&str] =
    &["ar", "har", "var", "ska", "kan", "maste", "blir", "kommer"];

/// Subject pronouns (folded) that follow a verb in an inverted clause: "Har man", "Har du".
pub(crate) const PRONOUNS: &[&str] = &["man", "jag", "du", "han", "hon", "vi", "ni"];

/// Whether a folded word has the form of a supine ("funnit", "passerat", "luskat"): -it, or -at after
/// a consonant, in a word of five letters or more (so that "stat" and "prat" are not).
pub(crate) fn is_supine(key: &str) -> bool {
    let n = key.chars().count();
    n >= 5
        && (key.ends_with("it")
            || key.strip_suffix("at").is_some_and(|stem| {
                stem.chars()
                    .next_back()
                    .is_some_and(|c| !"aeiouy".contains(c))
            }))
}

/// Subjects (folded) after which "har" is the verb of a clause that may end there.
pub(crate) const SUBJECTS: &[&str] = &[
    "jag", "du", "han", "hon", "vi", "ni", "de", "man", "det", "den", "som",
];
