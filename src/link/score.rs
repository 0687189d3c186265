//! How alike two uppdrag are, as figures a person can check: a rarity-weighted token-set similarity
//! (soft: OCR-damaged words still match their clean form), character-level string measures, the words
//! the two share ranked by rarity, the abbreviations that bridged them, and whether the numbers agree.

use super::corpus::Corpus;
use super::normalize::{folded_text, tokens, Token};
use crate::model::Uppdrag;
use serde::{Deserialize, Serialize};

/// Two word keys this alike (normalized Levenshtein) count as the same word: one OCR slip in a
/// five-letter stem ("nimnd"/"namnd") still matches, two do not.
const SOFT_MATCH: f64 = 0.8;

/// How the numbers of two uppdrag relate.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum NumberMatch {
    /// Same series, number and sub-item letter.
    Same,
    /// The number lies inside the other's range (`Nr 7c` inside `Nr 3-8`).
    InRange,
    Different,
}

/// Why two uppdrag were linked: every figure the score was made from.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Evidence {
    /// `text` (scored and assigned one-to-one), `range` (a report's range taking each of its members),
    /// `reference` (the later uppdrag names the earlier one: see [`reference`](super::reference)) or
    /// `identical` (a document repeating another's uppdrag word for word).
    pub method: String,
    /// Cosine of the rarity-weighted (IDF) token sets, with soft word matching; 0–1.
    pub weighted_similarity: f64,
    /// Rarity-weighted overlap coefficient: the weight of the shared words over the weight of the
    /// shorter text's words; 1 when one text's words all occur in the other. Unlike the cosine it does
    /// not fall when a later plan says the same thing in more words.
    pub weighted_overlap: f64,
    /// Plain Jaccard of the token sets; 0–1.
    pub token_jaccard: f64,
    /// Sørensen–Dice over character bigrams of the folded texts; 0–1.
    pub dice: f64,
    /// Normalized Levenshtein similarity of the folded texts; 0–1.
    pub levenshtein: f64,
    pub number: NumberMatch,
    /// The shared words, rarest first, as written in the `from` text (at most eight).
    pub shared_rare_terms: Vec<String>,
    /// Abbreviations that matched a phrase on the other side, e.g. `USÖ = Universitetssjukhuset Örebro`.
    pub abbreviations: Vec<String>,
    /// For method `reference`: the words of the later uppdrag that name the earlier one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub reference: Option<String>,
}

/// An uppdrag made ready for comparison: its tokens, with learned abbreviations expanded both ways.
#[derive(Clone, Debug)]
pub struct Prepared {
    pub tokens: Vec<Token>,
    pub folded: String,
    /// Keys of abbreviations this text uses in either form.
    pub abbreviations: Vec<String>,
}

impl Prepared {
    pub fn new(u: &Uppdrag, corpus: &Corpus) -> Prepared {
        Prepared::of_text(&u.text, corpus)
    }

    /// Any text made ready for comparison (a goal's, an uppdrag's).
    pub fn of_text(text: &str, corpus: &Corpus) -> Prepared {
        let mut toks = tokens(text);
        let keys: Vec<String> = toks.iter().map(|t| t.key.clone()).collect();
        let mut abbreviations = Vec::new();
        for (key, abbr) in &corpus.abbreviations {
            let long = tokens(&abbr.long);
            let has_short = keys.iter().any(|k| k == key);
            let has_long = !long.is_empty() && long.iter().all(|l| keys.contains(&l.key));
            if has_short && !has_long {
                toks.extend(long.into_iter().map(|t| Token {
                    surface: abbr.short.clone(),
                    key: t.key,
                }));
            } else if has_long && !has_short {
                toks.push(Token {
                    surface: abbr.long.clone(),
                    key: key.clone(),
                });
            }
            if has_short || has_long {
                abbreviations.push(key.clone());
            }
        }
        Prepared {
            tokens: toks,
            folded: folded_text(text),
            abbreviations,
        }
    }
}

/// Compares two prepared uppdrag.
pub fn compare(
    a: &Prepared,
    b: &Prepared,
    ua: &Uppdrag,
    ub: &Uppdrag,
    corpus: &Corpus,
) -> Evidence {
    Evidence {
        number: number_match(ua, ub),
        ..compare_text(a, b, corpus)
    }
}

/// Compares two prepared texts by their words and characters alone: every figure of [`Evidence`]
/// but the numbers, which the caller knows how to compare (`number` is `Different`).
pub fn compare_text(a: &Prepared, b: &Prepared, corpus: &Corpus) -> Evidence {
    let ka = dedup(&a.tokens);
    let kb = dedup(&b.tokens);
    // Greedy one-to-one alignment of words, best pairs first, so each word counts once.
    let mut pairs: Vec<(f64, usize, usize)> = Vec::new();
    for (i, ta) in ka.iter().enumerate() {
        for (j, tb) in kb.iter().enumerate() {
            let s = word_similarity(&ta.key, &tb.key);
            if s >= SOFT_MATCH {
                pairs.push((s, i, j));
            }
        }
    }
    pairs.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let (mut used_a, mut used_b) = (vec![false; ka.len()], vec![false; kb.len()]);
    let mut dot = 0.0;
    let mut shared_weight = 0.0;
    let mut shared: Vec<(f64, String)> = Vec::new();
    let mut exact = 0usize;
    for (s, i, j) in pairs {
        if used_a[i] || used_b[j] {
            continue;
        }
        used_a[i] = true;
        used_b[j] = true;
        let (wa, wb) = (corpus.idf(&ka[i].key), corpus.idf(&kb[j].key));
        dot += wa * wb * s;
        shared_weight += wa.min(wb) * s;
        if s >= 1.0 {
            exact += 1;
        }
        if !shared.iter().any(|(_, w)| *w == ka[i].surface) {
            shared.push((wa.min(wb), ka[i].surface.clone()));
        }
    }
    let norm = |ts: &[&Token]| {
        ts.iter()
            .map(|t| corpus.idf(&t.key).powi(2))
            .sum::<f64>()
            .sqrt()
    };
    let denominator = norm(&ka) * norm(&kb);
    let weighted = if denominator > 0.0 {
        (dot / denominator).min(1.0)
    } else {
        0.0
    };
    let total = |ts: &[&Token]| ts.iter().map(|t| corpus.idf(&t.key)).sum::<f64>();
    let smaller = total(&ka).min(total(&kb));
    let overlap = if smaller > 0.0 {
        (shared_weight / smaller).min(1.0)
    } else {
        0.0
    };
    let union = ka.len() + kb.len() - exact;
    let jaccard = if union > 0 {
        exact as f64 / union as f64
    } else {
        0.0
    };
    shared.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
    let abbreviations = a
        .abbreviations
        .iter()
        .filter(|k| b.abbreviations.contains(k))
        .filter_map(|k| corpus.abbreviations.get(k))
        .map(|abbr| format!("{} = {}", abbr.short, abbr.long))
        .collect();
    Evidence {
        method: "text".into(),
        weighted_similarity: round(weighted),
        weighted_overlap: round(overlap),
        token_jaccard: round(jaccard),
        dice: round(strsim::sorensen_dice(&a.folded, &b.folded)),
        // Costly on whole texts and not part of the score: filled in only for links that are kept
        // (`text_levenshtein`).
        levenshtein: 0.0,
        number: NumberMatch::Different,
        shared_rare_terms: shared.into_iter().take(8).map(|(_, w)| w).collect(),
        abbreviations,
        reference: None,
    }
}

/// The normalized Levenshtein similarity of two whole folded texts, for the evidence of a kept link.
pub fn text_levenshtein(a: &Prepared, b: &Prepared) -> f64 {
    round(strsim::normalized_levenshtein(&a.folded, &b.folded))
}

/// The tokens with duplicate keys removed, first occurrence kept.
fn dedup(tokens: &[Token]) -> Vec<&Token> {
    let mut out: Vec<&Token> = Vec::new();
    for t in tokens {
        if !out.iter().any(|o| o.key == t.key) {
            out.push(t);
        }
    }
    out
}

/// 1 for equal keys; the normalized Levenshtein similarity for longer words (OCR slips); 0 for short
/// words that differ, which are too easily confused ("vard"/"varg").
fn word_similarity(a: &str, b: &str) -> f64 {
    if a == b {
        return 1.0;
    }
    if a.chars().next() != b.chars().next() {
        return 0.0;
    }
    let (la, lb) = (a.chars().count(), b.chars().count());
    if la < 5 || lb < 5 {
        return if one_vowel_slip(a, b) {
            SOFT_MATCH
        } else {
            0.0
        };
    }
    // The distance is at least the difference in length: words too different in length cannot reach a
    // soft match, so the quadratic distance is not computed for them (their similarity counts as 0).
    if 1.0 - (la.abs_diff(lb) as f64 / la.max(lb) as f64) < SOFT_MATCH {
        return 0.0;
    }
    strsim::normalized_levenshtein(a, b)
}

/// True for two words of four letters or more that differ in one place only, where OCR put one vowel
/// (or a "d", its usual misreading of "å"/"ä"/"ö") for another: "nira"/"nara", "vdrd"/"vard".
fn one_vowel_slip(a: &str, b: &str) -> bool {
    const SLIPPY: &str = "aeiouyd";
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    if a.len() != b.len() || a.len() < 4 {
        return false;
    }
    let diffs: Vec<(char, char)> = a
        .iter()
        .zip(&b)
        .filter(|(x, y)| x != y)
        .map(|(x, y)| (*x, *y))
        .collect();
    matches!(diffs.as_slice(), [(x, y)] if SLIPPY.contains(*x) && SLIPPY.contains(*y))
}

/// How the numbers of two uppdrag relate (series must agree for anything but `Different`).
pub fn number_match(a: &Uppdrag, b: &Uppdrag) -> NumberMatch {
    // An unnumbered uppdrag's key is its position, not a number the writer gave.
    if a.series != b.series || a.key_basis.is_some() || b.key_basis.is_some() {
        return NumberMatch::Different;
    }
    let in_range = |u: &Uppdrag, range: &Uppdrag| {
        range
            .number_end
            .is_some_and(|end| range.number <= u.number && u.number <= end)
    };
    if a.number == b.number && a.number_end == b.number_end && a.sub == b.sub {
        NumberMatch::Same
    } else if in_range(a, b) || in_range(b, a) {
        NumberMatch::InRange
    } else {
        NumberMatch::Different
    }
}

/// Four decimals: enough to rank, stable to print.
pub fn round(x: f64) -> f64 {
    (x * 10_000.0).round() / 10_000.0
}

#[cfg(test)]
mod tests {
    use super::*;

    fn uppdrag(key: &str, number: u32, text: &str) -> Uppdrag {
        Uppdrag {
            id: format!("u-{key}"),
            key: key.into(),
            key_basis: None,
            series: String::new(),
            number,
            number_end: None,
            sub: None,
            parent: None,
            text: text.into(),
            text_raw: text.into(),
            issuer: None,
            recipient: None,
            goal: None,
            page: None,
            comment: None,
            comment_raw: None,
            status: None,
            prov: Default::default(),
        }
    }

    #[test]
    fn ocr_damaged_text_matches_its_clean_form() {
        let corpus = Corpus::from_units(&["arbetet med vård", "arbetet i Karlskoga", "annat"]);
        let a = uppdrag(
            "Nr 7c",
            7,
            "Enplan for att 6ka elektiva ingrepp pa Karlskoga och Lindesbergs lasarett",
        );
        let b = uppdrag(
            "Nr 11",
            11,
            "Att arbeta för att öka andelen elektiva ingrepp på Karlskoga och Lindesberg lasarett.",
        );
        let c = uppdrag("Nr 17", 17, "Att vidareutveckla sprututbyte i länet.");
        let (pa, pb, pc) = (
            Prepared::new(&a, &corpus),
            Prepared::new(&b, &corpus),
            Prepared::new(&c, &corpus),
        );
        let ab = compare(&pa, &pb, &a, &b, &corpus);
        let ac = compare(&pa, &pc, &a, &c, &corpus);
        assert!(ab.weighted_similarity > 0.6, "{ab:?}");
        assert!(ac.weighted_similarity < 0.1, "{ac:?}");
        assert!(
            ab.shared_rare_terms.contains(&"Karlskoga".to_string()),
            "{ab:?}"
        );
        // "6ka" is "öka": a one-letter OCR slip still matches.
        assert!(ab.shared_rare_terms.contains(&"6ka".to_string()), "{ab:?}");
        assert!(one_vowel_slip("nira", "nara") && !one_vowel_slip("nira", "nord"));
        assert_eq!(ab.number, NumberMatch::Different);
    }

    #[test]
    fn numbers_compare_by_series_number_sub_and_range() {
        let mut range = uppdrag("Nr 3-8", 3, "x");
        range.number_end = Some(8);
        let mut sub = uppdrag("Nr 7c", 7, "x");
        sub.sub = Some("c".into());
        assert_eq!(number_match(&sub, &range), NumberMatch::InRange);
        assert_eq!(
            number_match(&uppdrag("Nr 3", 3, "x"), &uppdrag("Nr 3", 3, "y")),
            NumberMatch::Same
        );
        let mut hs = uppdrag("HS nr 3", 3, "x");
        hs.series = "HS".into();
        assert_eq!(
            number_match(&hs, &uppdrag("Nr 3", 3, "y")),
            NumberMatch::Different
        );
        assert_eq!(
            number_match(&sub, &uppdrag("Nr 7", 7, "y")),
            NumberMatch::Different
        );
    }
}
