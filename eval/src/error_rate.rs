//! Edit-distance error rates, defined once for the repair evaluation, the OCR benchmark and the OCR
//! tests: a word error rate here and another there would give two figures for the same reading.

use styrdok::model::collapse_whitespace;

/// Levenshtein distance between two sequences.
pub fn edit_distance<T: PartialEq>(a: &[T], b: &[T]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    let mut cur = vec![0; b.len() + 1];
    for (i, x) in a.iter().enumerate() {
        cur[0] = i + 1;
        for (j, y) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(x != y);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        std::mem::swap(&mut prev, &mut cur);
    }
    prev[b.len()]
}

/// `a / b`, and 0 when `b` is 0.
pub fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        a as f64 / b as f64
    }
}

/// Edits from `reference` to `hypothesis` per item of the reference (0 for an empty reference).
pub fn error_rate<T: PartialEq>(reference: &[T], hypothesis: &[T]) -> f64 {
    ratio(edit_distance(reference, hypothesis), reference.len())
}

/// Words for an error rate: split on whitespace, outer punctuation dropped.
pub fn words(text: &str) -> Vec<String> {
    text.split_whitespace()
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_string())
        .filter(|w| !w.is_empty())
        .collect()
}

/// Word error rate of `hypothesis` against `reference`, over [`words`].
pub fn word_error_rate(reference: &str, hypothesis: &str) -> f64 {
    error_rate(&words(reference), &words(hypothesis))
}

/// Character error rate of `hypothesis` against `reference`, whitespace collapsed.
pub fn char_error_rate(reference: &str, hypothesis: &str) -> f64 {
    let r: Vec<char> = collapse_whitespace(reference).chars().collect();
    let h: Vec<char> = collapse_whitespace(hypothesis).chars().collect();
    error_rate(&r, &h)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn error_rates_count_edits() {
        assert_eq!(edit_distance(&[1, 2, 3], &[1, 3]), 1);
        assert!((word_error_rate("att följa upp", "att folja upp") - 1.0 / 3.0).abs() < 1e-9);
        assert_eq!(char_error_rate("ökad", "ökad"), 0.0);
        assert!((char_error_rate("ökad", "6kad") - 0.25).abs() < 1e-9);
    }
}
