//! Measures how well repair works, on real text, so that the figures can be printed
//! (`eval/examples/repair_eval.rs`) and their floors asserted by the tests: stripped diacritics restored,
//! Tesseract's English-model OCR of Swedish undone, and the OCR'd 2024 plan's uppdrag against the 2024
//! report's wording. Beside each figure stands the simple baseline: every word's most frequent form.

use crate::error_rate::{edit_distance, ratio, word_error_rate};
use std::path::Path;
use std::sync::Arc;
use styrdok::clean::clean;
use styrdok::detect::{detect, DetectOptions};
use styrdok::ingest::{ingest, IngestError, Input};
use styrdok::model::{Document, Repair, Span};
use styrdok::pipeline::Options;
use styrdok::repair::lexicon::{capitalize, is_diacritic, FREQUENCIES};
use styrdok::repair::tokens::{tokens, TokenKind};
use styrdok::repair::{apply, repair, repair_text, CorpusModel, RepairOptions};
use styrdok::text::fold;

/// Removes å/ä/ö/é the way an ASCII conversion does.
pub fn strip_diacritics(text: &str) -> String {
    text.chars()
        .map(|c| match c {
            'å' | 'ä' => 'a',
            'Å' | 'Ä' => 'A',
            'ö' => 'o',
            'Ö' => 'O',
            'é' => 'e',
            'É' => 'E',
            other => other,
        })
        .collect()
}

/// The baseline: every word replaced by the most frequent listed spelling of its folded key, no context,
/// no OCR table, no compounds.
pub fn baseline(text: &str) -> Vec<Repair> {
    tokens(text)
        .into_iter()
        .filter(|t| t.kind == TokenKind::Word && !t.all_caps)
        .filter_map(|t| {
            let lower = t.text.to_lowercase();
            let best = FREQUENCIES.forms(&fold(&lower)).first()?.to_string();
            if best == lower {
                return None;
            }
            let replacement = if t.text.chars().next().is_some_and(char::is_uppercase) {
                capitalize(&best)
            } else {
                best
            };
            Some(Repair {
                span: Span::new(t.span.start, t.span.end),
                original: t.text.to_string(),
                replacement,
                rule: "baseline".into(),
                confidence: 1.0,
                applied: true,
            })
        })
        .collect()
}

/// Accuracy on stripped text, counted over whitespace-separated words.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct StrippedScore {
    /// Words that carried å/ä/ö/é in the original.
    pub diacritic_words: usize,
    /// Of those, restored exactly.
    pub restored: usize,
    /// Words without diacritics in the original.
    pub other_words: usize,
    /// Of those, changed (a needless change).
    pub changed: usize,
}

impl StrippedScore {
    pub fn accuracy(&self) -> f64 {
        ratio(self.restored, self.diacritic_words)
    }
    pub fn needless_rate(&self) -> f64 {
        ratio(self.changed, self.other_words)
    }
    pub fn add(&mut self, other: &StrippedScore) {
        self.diacritic_words += other.diacritic_words;
        self.restored += other.restored;
        self.other_words += other.other_words;
        self.changed += other.changed;
    }
}

/// Compares a repaired stripped text with the original, word by word.
pub fn score_stripped(original: &str, repaired: &str) -> StrippedScore {
    let mut s = StrippedScore::default();
    let (a, b): (Vec<&str>, Vec<&str>) = (
        original.split_whitespace().collect(),
        repaired.split_whitespace().collect(),
    );
    // Dehyphenation would merge words; the caller turns it off, and a length mismatch scores nothing.
    if a.len() != b.len() {
        return s;
    }
    for (o, r) in a.iter().zip(&b) {
        if !o.chars().any(char::is_alphabetic) {
            continue;
        }
        if o.chars().any(is_diacritic) {
            s.diacritic_words += 1;
            s.restored += usize::from(o == r);
        } else {
            s.other_words += 1;
            s.changed += usize::from(o != r);
        }
    }
    s
}

/// The stripped form of `original`, repaired with `opts` as `styrdok repair` would (line-end joins
/// included, so a word broken at a line end is repaired whole); each join is then written back across
/// its line break, so the words stay aligned with the original's for scoring.
pub fn repair_stripped(original: &str, opts: &RepairOptions) -> String {
    let stripped = strip_diacritics(original);
    let repairs: Vec<Repair> = repair_text(&stripped, opts)
        .into_iter()
        .map(|r| keep_line_break(&stripped, r))
        .collect();
    apply(&stripped, &repairs)
}

/// A change that joins a word broken at a line end ("forsak-\nringar" → "försäkringar"), written back
/// across the break as it stood ("försäk-\nringar"); any other change as it is.
fn keep_line_break(text: &str, mut r: Repair) -> Repair {
    let Some(original) = text.get(r.span.start..r.span.end) else {
        return r;
    };
    let Some(hyphen) = original.find("-\n").or_else(|| original.find("- ")) else {
        return r;
    };
    if !original[hyphen..].contains('\n') {
        return r;
    }
    let (head, gap) = (&original[..hyphen], &original[hyphen..]);
    let gap_len = gap.len()
        - gap
            .trim_start_matches(|c: char| c == '-' || c.is_whitespace())
            .len();
    let head_chars = head.chars().count();
    let first: String = r.replacement.chars().take(head_chars).collect();
    let rest: String = r.replacement.chars().skip(head_chars).collect();
    r.replacement = format!("{first}{}{rest}", &gap[..gap_len]);
    r
}

/// Repairs the stripped form of `original` with `opts` and scores it; also the baseline's score.
pub fn stripped_eval(original: &str, opts: &RepairOptions) -> (StrippedScore, StrippedScore) {
    let stripped = strip_diacritics(original);
    let repaired = repair_stripped(original, opts);
    let base = apply(&stripped, &baseline(&stripped));
    (
        score_stripped(original, &repaired),
        score_stripped(original, &base),
    )
}

/// Word error rates of an OCR'd text: as read, after repair, after the baseline.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct OcrScore {
    pub before: f64,
    pub after: f64,
    pub baseline: f64,
}

impl OcrScore {
    /// Share of the errors repair removed.
    pub fn reduction(&self) -> f64 {
        if self.before == 0.0 {
            0.0
        } else {
            1.0 - self.after / self.before
        }
    }
}

/// Repairs an OCR reading of `reference` and scores it.
pub fn ocr_eval(reference: &str, ocr: &str, opts: &RepairOptions) -> OcrScore {
    let repaired = apply(ocr, &repair_text(ocr, opts));
    let base = apply(ocr, &baseline(ocr));
    OcrScore {
        before: word_error_rate(reference, ocr),
        after: word_error_rate(reference, &repaired),
        baseline: word_error_rate(reference, &base),
    }
}

/// The bundled seed documents, ingested and cleaned (not yet repaired).
pub struct SeedDocs {
    /// The correctly written ones: the 2026 plan and the 2024 report.
    pub correct: Vec<(String, Document)>,
    /// The OCR'd 2024 plan.
    pub ocr_plan: Document,
}

/// Relative paths of the seeds under the repository root.
pub const PLAN_2026: &str = "fixtures/seeds/hsn-verksamhetsplan-2026.txt";
pub const REPORT_2024: &str = "fixtures/seeds/hsn-verksamhetsberattelse-2024.txt";
pub const PLAN_2024_OCR: &str = "fixtures/seeds/hsn-verksamhetsplan-2024-ocr.txt";

/// Why a file the evaluation reads could not be read.
#[derive(Debug, thiserror::Error)]
pub enum SeedError {
    #[error("{file}: {source}")]
    Ingest {
        file: String,
        #[source]
        source: IngestError,
    },
    #[error("{file}: {source}")]
    Read {
        file: String,
        #[source]
        source: std::io::Error,
    },
}

fn cleaned(root: &Path, rel: &str) -> Result<Document, SeedError> {
    let opts = Options::default();
    let failed = |source| SeedError::Ingest {
        file: rel.to_string(),
        source,
    };
    let input = Input::read(&root.join(rel), &opts.ingest).map_err(failed)?;
    let raw = ingest(&input, &opts.ingest).map_err(failed)?;
    Ok(clean(raw, &opts.clean))
}

/// Reads the three seeds.
pub fn seed_documents(root: &Path) -> Result<SeedDocs, SeedError> {
    Ok(SeedDocs {
        correct: vec![
            ("plan2026".to_string(), cleaned(root, PLAN_2026)?),
            ("report2024".to_string(), cleaned(root, REPORT_2024)?),
        ],
        ocr_plan: cleaned(root, PLAN_2024_OCR)?,
    })
}

/// The real-OCR fixtures: (name, text typeset, Tesseract's reading, the other document to learn from).
pub fn ocr_fixtures<'a>(
    root: &Path,
    docs: &'a SeedDocs,
) -> Result<Vec<(String, String, String, &'a Document)>, SeedError> {
    let dir = root.join("fixtures/repair/ocr");
    let read = |f: &str| {
        std::fs::read_to_string(dir.join(f)).map_err(|source| SeedError::Read {
            file: f.to_string(),
            source,
        })
    };
    let mut out = Vec::new();
    for (i, (name, _)) in docs.correct.iter().enumerate() {
        let Some((_, other)) = docs.correct.get(1 - i.min(1)) else {
            continue;
        };
        out.push((
            name.clone(),
            read(&format!("{name}.source.txt"))?,
            read(&format!("{name}.eng.txt"))?,
            other,
        ));
    }
    Ok(out)
}

/// Character error rates of the OCR'd plan's uppdrag against the report's wording.
#[derive(Clone, Debug, Default)]
pub struct SeedScore {
    pub before: f64,
    pub after: f64,
    pub baseline: f64,
    pub count: usize,
    pub per_uppdrag: Vec<(String, f64)>,
}

/// The uppdrag of the 2024 plan that the 2024 report quotes: Nr 1–2 and 9–19.
pub fn seed_keys() -> Vec<String> {
    [1, 2]
        .into_iter()
        .chain(9..=19)
        .map(|n| format!("Nr {n}"))
        .collect()
}

/// Repairs the OCR'd 2024 plan (learning only from the 2026 plan, not from the report it is compared
/// with) and compares its uppdrag Nr 1–2 and 9–19 with the report's wording, character by character.
pub fn seed_eval(docs: &SeedDocs) -> SeedScore {
    let detect_opts = DetectOptions::default();
    let learn: Vec<&Document> = docs
        .correct
        .iter()
        .filter(|(n, _)| n == "plan2026")
        .map(|(_, d)| d)
        .collect();
    let opts = RepairOptions {
        corpus: Some(Arc::new(CorpusModel::learn(&learn))),
        ..RepairOptions::default()
    };
    let repaired = detect(repair(docs.ocr_plan.clone(), &opts), &detect_opts);
    let mut base = docs.ocr_plan.clone();
    base.repairs = baseline(&base.text);
    let base = detect(base, &detect_opts);
    let Some((_, report)) = docs.correct.iter().find(|(n, _)| n == "report2024") else {
        return SeedScore::default();
    };
    let report = detect(report.clone(), &detect_opts);
    let text_of = |doc: &Document, key: &str, raw: bool| {
        doc.uppdrag.iter().find(|u| u.key == key).map(|u| {
            if raw {
                u.text_raw.clone()
            } else {
                u.text.clone()
            }
        })
    };
    let mut score = SeedScore::default();
    let (mut len, mut before, mut after, mut basel) = (0usize, 0usize, 0usize, 0usize);
    for key in seed_keys() {
        let (Some(reference), Some(raw), Some(fixed), Some(b)) = (
            text_of(&report, &key, false),
            text_of(&repaired, &key, true),
            text_of(&repaired, &key, false),
            text_of(&base, &key, false),
        ) else {
            continue;
        };
        let r: Vec<char> = reference.chars().collect();
        let dist = |h: &str| edit_distance(&r, &h.chars().collect::<Vec<_>>());
        len += r.len();
        before += dist(&raw);
        let d = dist(&fixed);
        after += d;
        basel += dist(&b);
        score.per_uppdrag.push((key, ratio(d, r.len())));
        score.count += 1;
    }
    score.before = ratio(before, len);
    score.after = ratio(after, len);
    score.baseline = ratio(basel, len);
    score
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stripped_scores_count_restored_and_needless_changes() {
        let s = score_stripped(
            "Hälso- och sjukvården i länet",
            "Hälso- och sjukvarden i lanet",
        );
        assert_eq!((s.diacritic_words, s.restored), (3, 1));
        assert_eq!((s.other_words, s.changed), (2, 0));
        assert_eq!(strip_diacritics("Örebro län, idé"), "Orebro lan, ide");
    }
}
