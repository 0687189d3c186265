//! Review: a run's results as static HTML pages a person can read offline, with no server and no
//! script — an index of the documents and one page per document showing what was read, what was
//! repaired and why, what was linked and what nearly was. Written by every `styrdok run` into
//! `OUT/review/` and by `styrdok review OUT`; see `docs/review.md`.

mod html;
mod index;
mod page;

use crate::corrections::Corrections;
use crate::emit;
use crate::link::{Candidate, Link};
use serde::Serialize;
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// How the review is made.
#[derive(Clone, Debug, Default)]
pub struct ReviewOptions {
    /// Corrections to show applied (as the dataset applies them); `None` for the documents as stored.
    pub corrections: Option<Corrections>,
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct ReviewSummary {
    /// Document pages written.
    pub pages: usize,
    /// Document files that could not be read: file and reason.
    pub unreadable: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum ReviewError {
    #[error("{0}: no documents folder (is this the output folder of `styrdok run`?)")]
    NoDocuments(PathBuf),
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
}

/// The links and near misses of the dataset, by document.
#[derive(Default)]
pub struct Linkage {
    links: Vec<Link>,
    candidates: Vec<Candidate>,
    links_by_doc: HashMap<String, Vec<usize>>,
    candidates_by_doc: HashMap<String, Vec<usize>>,
}

impl Linkage {
    /// Reads `links.jsonl` and `candidates.jsonl` of an output folder; a missing file is no links, a
    /// line that cannot be read is skipped.
    pub fn read(out: &Path) -> Linkage {
        fn lines<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
            std::fs::read_to_string(path)
                .unwrap_or_default()
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        }
        let links: Vec<Link> = lines(&out.join("links.jsonl"));
        let candidates: Vec<Candidate> = lines(&out.join("candidates.jsonl"));
        let mut linkage = Linkage::default();
        for (i, l) in links.iter().enumerate() {
            for d in [&l.from.document, &l.to.document] {
                linkage.links_by_doc.entry(d.clone()).or_default().push(i);
            }
        }
        for (i, c) in candidates.iter().enumerate() {
            for d in [&c.from.document, &c.to.document] {
                linkage
                    .candidates_by_doc
                    .entry(d.clone())
                    .or_default()
                    .push(i);
            }
        }
        linkage.links = links;
        linkage.candidates = candidates;
        linkage
    }

    pub fn links_of(&self, doc: &str) -> Vec<&Link> {
        let mut v: Vec<usize> = self.links_by_doc.get(doc).cloned().unwrap_or_default();
        v.dedup();
        v.iter().filter_map(|&i| self.links.get(i)).collect()
    }

    pub fn candidates_of(&self, doc: &str) -> Vec<&Candidate> {
        let mut v: Vec<usize> = self.candidates_by_doc.get(doc).cloned().unwrap_or_default();
        v.dedup();
        v.iter().filter_map(|&i| self.candidates.get(i)).collect()
    }
}

/// Writes `OUT/review/index.html` and `OUT/review/<document id>.html` for every document in
/// `OUT/documents/`, from the documents, `links.jsonl`, `candidates.jsonl` and `run-report.json`.
/// Pages of documents no longer there are removed.
pub fn write_review(out: &Path, opts: &ReviewOptions) -> Result<ReviewSummary, ReviewError> {
    let documents = out.join("documents");
    let entries =
        std::fs::read_dir(&documents).map_err(|_| ReviewError::NoDocuments(out.to_path_buf()))?;
    let mut paths: Vec<PathBuf> = entries
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    paths.sort();
    let folder = out.join("review");
    std::fs::create_dir_all(&folder).map_err(|source| ReviewError::Io {
        path: folder.clone(),
        source,
    })?;
    let linkage = Linkage::read(out);
    let report: Option<serde_json::Value> = emit::read_json(&out.join("run-report.json")).ok();
    let mut summary = ReviewSummary::default();
    let mut rows = Vec::new();
    for path in &paths {
        let mut doc = match emit::read_document(path) {
            Ok(doc) => doc,
            Err(reason) => {
                summary
                    .unreadable
                    .push((path.display().to_string(), reason.to_string()));
                continue;
            }
        };
        let applied: Vec<String> = match &opts.corrections {
            Some(c) => c
                .apply(&mut doc)
                .into_iter()
                .map(|a| a.describe())
                .collect(),
            None => vec![],
        };
        let body = page::body(&doc, &linkage, &applied);
        let title = format!(
            "{} — styrdok review",
            doc.metadata.title.as_deref().unwrap_or(&doc.source.path)
        );
        let nav = "<a href=\"index.html\">← all documents</a> <a href=\"#uppdrag\">uppdrag</a> \
                   <a href=\"#goals\">goals</a> <a href=\"#repairs\">repairs</a> <a href=\"#tables\">tables</a> \
                   <a href=\"#links\">links</a> <a href=\"#candidates\">near misses</a> <a href=\"#diagnostics\">diagnostics</a>";
        write(
            &folder,
            &format!("{}.html", doc.id),
            &html::page(&title, nav, &body),
        )?;
        summary.pages += 1;
        rows.push(index::Row::of(
            &doc,
            linkage.links_of(&doc.id).len(),
            linkage.candidates_of(&doc.id).len(),
            applied.len(),
        ));
    }
    let body = index::body(&rows, report.as_ref(), &summary.unreadable);
    write(
        &folder,
        "index.html",
        &html::page("styrdok review", "", &body),
    )?;
    // Pages of documents that have left the output.
    let keep: std::collections::HashSet<String> =
        rows.iter().map(|r| format!("{}.html", r.id)).collect();
    if let Ok(entries) = std::fs::read_dir(&folder) {
        for e in entries.filter_map(Result::ok) {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".html") && name != "index.html" && !keep.contains(&name) {
                let _ = std::fs::remove_file(e.path());
            }
        }
    }
    Ok(summary)
}

fn write(folder: &Path, name: &str, text: &str) -> Result<(), ReviewError> {
    let path = folder.join(name);
    emit::write_atomic(&path, text.as_bytes())
        .and_then(|()| crate::dataset::readable(&path))
        .map_err(|source| ReviewError::Io { path, source })
}

/// Units written straight after a number (`5st`, `12kr`): not damage.
const UNITS: [&str; 12] = [
    "st", "kr", "tkr", "mkr", "mnkr", "km", "kg", "mg", "ml", "min", "tim", "mån",
];

/// Byte ranges of the words of `text` that still look damaged: letters mixed with digits or a bar
/// (`6kad`, `l|an`, `h4lso`), the traces OCR leaves and repair did not undo. Numbers with a unit
/// attached (`5st`, `12kr`) and codes in capitals (`25RS268`, `B2`) are not counted.
pub fn leftover_words(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let check = |s: usize, e: usize, out: &mut Vec<(usize, usize)>| {
        let word = &text[s..e];
        let letters = word.chars().filter(|c| c.is_alphabetic()).count();
        let odd = word
            .chars()
            .filter(|c| c.is_ascii_digit() || *c == '|')
            .count();
        let lower = word.chars().filter(|c| c.is_lowercase()).count();
        let unit = word
            .strip_prefix(|c: char| c.is_ascii_digit())
            .map(|rest| rest.trim_start_matches(|c: char| c.is_ascii_digit()))
            .is_some_and(|rest| UNITS.contains(&rest));
        if letters >= 2 && odd >= 1 && lower >= 2 && !unit {
            out.push((s, e));
        }
    };
    for (i, c) in text.char_indices() {
        let part = c.is_alphanumeric() || c == '|';
        match (part, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                check(s, i, &mut out);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        check(s, text.len(), &mut out);
    }
    out
}

/// A serde enum as its snake_case name.
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn leftover_words_are_letters_mixed_with_digits_or_bars() {
        let text = "Att 6ka andelen i l|anet, 2024 och 5st samt 25RS268 och h4lso";
        let words: Vec<&str> = leftover_words(text)
            .into_iter()
            .map(|(s, e)| &text[s..e])
            .collect();
        assert_eq!(words, ["6ka", "l|anet", "h4lso"]);
    }
}
