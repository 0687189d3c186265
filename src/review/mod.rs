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

/// The links and near misses of the dataset, by document, and the goal links by goal.
#[derive(Default)]
pub struct Linkage {
    links: Indexed<Link>,
    candidates: Indexed<Candidate>,
    goal_links: Indexed<GoalLinkRow>,
}

/// Items, each found by the key of either of its two ends (a document id, a goal id).
struct Indexed<T> {
    items: Vec<T>,
    by_key: HashMap<String, Vec<usize>>,
}

impl<T> Default for Indexed<T> {
    fn default() -> Self {
        Indexed {
            items: Vec::new(),
            by_key: HashMap::new(),
        }
    }
}

impl<T> Indexed<T> {
    fn new(items: Vec<T>, ends: impl Fn(&T) -> [&str; 2]) -> Indexed<T> {
        let mut by_key: HashMap<String, Vec<usize>> = HashMap::new();
        for (i, item) in items.iter().enumerate() {
            for key in ends(item) {
                by_key.entry(key.to_string()).or_default().push(i);
            }
        }
        Indexed { items, by_key }
    }

    /// The items with `key` at either end, each once.
    fn of(&self, key: &str) -> Vec<&T> {
        let mut v: Vec<usize> = self.by_key.get(key).cloned().unwrap_or_default();
        v.dedup();
        v.iter().filter_map(|&i| self.items.get(i)).collect()
    }
}

/// A row of `goal_links.csv`, as far as a review page shows it.
#[derive(Clone, Debug, serde::Deserialize)]
pub struct GoalLinkRow {
    pub relation: String,
    pub from_document: String,
    pub from_year: i32,
    pub from_kind: String,
    pub from_key: String,
    pub from_goal: String,
    pub to_document: String,
    pub to_year: i32,
    pub to_kind: String,
    pub to_key: String,
    pub to_goal: String,
    pub score: f64,
}

/// The rows of `goal_links.csv` (written with `,`, or with `;` and a byte-order mark for Excel); a
/// missing file is no rows, a row that cannot be read is skipped.
fn goal_link_rows(path: &Path) -> Vec<GoalLinkRow> {
    let Ok(text) = std::fs::read_to_string(path) else {
        return Vec::new();
    };
    let text = text.strip_prefix('\u{feff}').unwrap_or(&text);
    let header = text.lines().next().unwrap_or("");
    let delimiter = if header.contains(';') && !header.contains(',') {
        b';'
    } else {
        b','
    };
    csv::ReaderBuilder::new()
        .delimiter(delimiter)
        .from_reader(text.as_bytes())
        .deserialize()
        .filter_map(Result::ok)
        .collect()
}

impl Linkage {
    /// Reads `links.jsonl`, `candidates.jsonl` and `goal_links.csv` of an output folder; a missing file
    /// is no links, a line that cannot be read is skipped.
    pub fn read(out: &Path) -> Linkage {
        fn lines<T: serde::de::DeserializeOwned>(path: &Path) -> Vec<T> {
            std::fs::read_to_string(path)
                .unwrap_or_default()
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect()
        }
        Linkage {
            links: Indexed::new(lines(&out.join("links.jsonl")), |l: &Link| {
                [&l.from.document, &l.to.document]
            }),
            candidates: Indexed::new(lines(&out.join("candidates.jsonl")), |c: &Candidate| {
                [&c.from.document, &c.to.document]
            }),
            goal_links: Indexed::new(
                goal_link_rows(&out.join("goal_links.csv")),
                |l: &GoalLinkRow| [&l.from_goal, &l.to_goal],
            ),
        }
    }

    /// The goal links of a goal (by its id), at either end.
    pub fn goal_links_of(&self, goal: &str) -> Vec<&GoalLinkRow> {
        self.goal_links.of(goal)
    }

    pub fn links_of(&self, doc: &str) -> Vec<&Link> {
        self.links.of(doc)
    }

    pub fn candidates_of(&self, doc: &str) -> Vec<&Candidate> {
        self.candidates.of(doc)
    }
}

/// Writes `OUT/review/index.html` and `OUT/review/<document id>.html` for every document in
/// `OUT/documents/`, from the documents, `links.jsonl`, `candidates.jsonl`, `goal_links.csv` and
/// `run-report.json`.
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

    /// Goal links are read from the CSV as written for Excel (`;`, byte-order mark) as well as plain.
    #[test]
    fn goal_links_are_read_with_either_delimiter() {
        let dir = tempfile::tempdir().expect("tempdir");
        let header = "relation,from_document,from_year,from_kind,from_key,from_goal,to_document,\
                      to_year,to_kind,to_key,to_goal,score,method";
        let row = "follow_up,d1,2024,plan,Effektmål 1,g-1,d2,2024,report,Effektmål 1,g-2,1.35,text";
        let plain = format!("{header}\n{row}\nnot,a,row\n");
        let excel = format!("\u{feff}{}", plain.replace(',', ";"));
        for text in [plain, excel] {
            std::fs::write(dir.path().join("goal_links.csv"), text).expect("write");
            let linkage = Linkage::read(dir.path());
            let links = linkage.goal_links_of("g-2");
            assert_eq!(links.len(), 1);
            assert_eq!(
                (
                    links[0].from_key.as_str(),
                    links[0].from_year,
                    links[0].score
                ),
                ("Effektmål 1", 2024, 1.35)
            );
            assert!(linkage.goal_links_of("g-3").is_empty());
        }
    }

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
