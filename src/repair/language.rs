//! Decides whether a text is Swedish before anything is repaired: French, English or German text "repaired"
//! as Swedish loses its own spelling ("for" → "för", "at" → "åt", "Résolution" → "Resolution"), so a text
//! that is not Swedish is never repaired, only reported.
//!
//! The method is a function-word profile, the classic cue for telling languages apart in short texts: the
//! thirty or so commonest words of each language make up a third to a half of its running text, and few
//! of them are shared. Words are compared folded (å/ä/ö → a/o), so Swedish that lost its diacritics is still
//! recognised ("ar", "pa", "for"). A text with too few function words of any language is `Unknown`.

use super::tokens::{Token, TokenKind};
use crate::text::fold;

/// The languages profiled. Norwegian and Danish share most function words and are one profile here:
/// what matters is that neither is Swedish.
const PROFILES: &[(&str, &[&str])] = &[
    (
        "sv",
        &[
            "och", "att", "som", "det", "den", "med", "av", "till", "ar", "pa", "for", "om",
            "inte", "ett", "har", "kan", "ska", "skall", "de", "vi", "sig", "eller", "fran", "var",
            "vid", "detta", "denna", "dessa", "mot", "efter", "under", "samt", "ocksa", "sina",
            "sin", "vara", "hur", "nar", "dar", "sa", "bli", "blir", "enligt", "inom", "mellan",
            "genom",
        ],
    ),
    (
        "en",
        &[
            "the", "of", "and", "to", "in", "is", "that", "for", "on", "with", "as", "by", "be",
            "this", "are", "was", "it", "at", "from", "or", "which", "an", "not", "have", "has",
            "will", "shall", "would", "their", "been", "were", "its", "these", "any", "such",
        ],
    ),
    (
        "fr",
        &[
            "le", "la", "les", "de", "des", "du", "et", "est", "un", "une", "pour", "que", "qui",
            "dans", "par", "sur", "au", "aux", "ce", "cette", "il", "elle", "sont", "pas", "ou",
            "avec", "son", "ses", "leur", "nous", "vous", "comme", "mais", "ete",
        ],
    ),
    (
        "de",
        &[
            "der", "die", "das", "und", "ist", "nicht", "mit", "von", "zu", "den", "sich", "des",
            "dem", "ein", "eine", "einer", "auf", "fur", "im", "auch", "werden", "wird", "sind",
            "bei", "nach", "oder", "aus", "wie", "durch", "uber", "dass",
        ],
    ),
    (
        "no/da",
        &[
            "og", "er", "ikke", "af", "hvor", "hvis", "jeg", "kun", "ogsa", "skal", "til", "fra",
            "eller", "efter", "etter", "eget", "hvordan", "hva", "hvad", "noen", "nogen", "mange",
            "vaere", "blev", "ble", "mellom", "gjennom", "mod",
        ],
    ),
    (
        "es",
        &[
            "el", "los", "las", "del", "y", "en", "que", "por", "con", "para", "una", "es", "se",
            "su", "sus", "al", "lo", "como", "mas", "pero", "este", "esta",
        ],
    ),
    (
        "nl",
        &[
            "het", "een", "van", "en", "is", "dat", "op", "te", "zijn", "voor", "niet", "met",
            "aan", "ook", "wordt", "worden", "naar", "bij", "uit", "deze", "dit",
        ],
    ),
];

/// What a text was found to be written in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    Swedish,
    /// Another language, by its profile's code ("en", "fr", "de", "no/da", "es", "nl").
    Other(&'static str),
    /// Too few function words to tell (a table, a list of names, a short heading).
    Unknown,
}

/// Function-word hits below which a text is [`Language::Unknown`].
const MIN_HITS: usize = 4;

/// How many times the best profile must outscore the runner-up: closely matched profiles (a text full of
/// names and numbers with a few "in"/"de") say nothing.
const MARGIN: f32 = 1.5;

/// The language of a run of tokens, from its function words.
pub fn identify(toks: &[Token]) -> Language {
    let mut hits = [0usize; PROFILES.len()];
    for t in toks.iter().filter(|t| t.kind == TokenKind::Word) {
        // A lone letter says little ("a", "y", "i" are words in several languages, and a page of
        // rotated text reads as single letters); function words are short.
        let n = t.text.chars().count();
        if !(2..=8).contains(&n) {
            continue;
        }
        let key = fold(&t.text.to_lowercase());
        for (i, (_, words)) in PROFILES.iter().enumerate() {
            if words.contains(&key.as_str()) {
                hits[i] += 1;
            }
        }
    }
    let mut order: Vec<usize> = (0..PROFILES.len()).collect();
    order.sort_by_key(|&i| std::cmp::Reverse(hits[i]));
    let (best, second) = (hits[order[0]], hits[order[1]]);
    if best < MIN_HITS || (best as f32) < MARGIN * second as f32 {
        return Language::Unknown;
    }
    match PROFILES[order[0]].0 {
        "sv" => Language::Swedish,
        code => Language::Other(code),
    }
}

#[cfg(test)]
mod tests {
    use super::super::tokens::tokens;
    use super::*;

    fn of(text: &str) -> Language {
        identify(&tokens(text))
    }

    #[test]
    fn tells_swedish_written_or_stripped_from_other_languages() {
        let sv =
            "Nämnden ska följa arbetet med färdplanen för nära vård som tagits fram i samverkan \
                  med länets kommuner och återrapportera det till nämnden.";
        assert_eq!(of(sv), Language::Swedish);
        let stripped = "Namnden ska folja arbetet med fardplanen for nara vard som tagits fram i \
                        samverkan med lanets kommuner och aterrapportera det till namnden.";
        assert_eq!(of(stripped), Language::Swedish);
        let en = "The Secretary shall publish the notice in the Federal Register, and the rule \
                  will take effect on the date of its publication for all of the states.";
        assert_eq!(of(en), Language::Other("en"));
        let fr = "Le comité a adopté la résolution et les membres du conseil sont présents pour \
                  la séance de démolition de la ville.";
        assert_eq!(of(fr), Language::Other("fr"));
        let no = "Kommunen skal sørge for at tjenestene er tilgjengelige, og det er ikke mulig å \
                  søke om hjelp hvis man ikke bor i kommunen.";
        assert_eq!(of(no), Language::Other("no/da"));
    }

    #[test]
    fn too_few_function_words_say_nothing() {
        assert_eq!(
            of("Budget 2026 Verksamhetsplan Region Örebro län"),
            Language::Unknown
        );
        assert_eq!(of(""), Language::Unknown);
    }
}
