//! Corrections: what a person has decided about the results — a scan's year, a document's kind or
//! organisation, a repair accepted or rejected, an uppdrag's text or key, a link forced or forbidden —
//! kept in a TOML file beside the diarium or the output, so that a re-extraction does not lose it. The
//! documents on disk stay as extracted; every build of the dataset and the review applies the file
//! again, records each correction it applied, and names every correction whose target it no longer
//! finds instead of dropping it. The format is in `schemas/corrections.schema.json` and
//! `docs/review.md`.

use crate::link::{Relation, RuleMiss};
use crate::model::{DocKind, Document};
use serde::{Deserialize, Serialize};
use std::path::{Path, PathBuf};

/// The file's name, in the diarium's top folder or in the output folder.
pub const FILE_NAME: &str = "styrdok-corrections.toml";

/// Version of the file's contract (`schemas/corrections.schema.json`).
pub const CORRECTIONS_VERSION: u32 = 1;

/// The corrections file as written by a person.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct CorrectionsFile {
    /// Format version; 1.
    #[serde(default = "version")]
    pub version: u32,
    #[serde(default)]
    pub document: Vec<DocumentFix>,
    #[serde(default)]
    pub repair: Vec<RepairFix>,
    #[serde(default)]
    pub uppdrag: Vec<UppdragFix>,
    #[serde(default)]
    pub link: Vec<LinkFix>,
}

fn version() -> u32 {
    CORRECTIONS_VERSION
}

/// Sets facts of a document the text does not state, or states wrongly.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocumentFix {
    /// The document: its id, its source path, or the end of its source path (`2026/plan.pdf`).
    pub document: String,
    pub year: Option<i32>,
    pub kind: Option<DocKind>,
    pub organisation: Option<String>,
    /// Why; carried into the record, never interpreted.
    pub note: Option<String>,
}

/// Accept or reject a repair.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Decision {
    /// Make the change (also a flagged one, below the threshold).
    Accept,
    /// Keep the word as written.
    Reject,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RepairFix {
    pub document: String,
    /// The word as written.
    pub original: String,
    /// The repair's replacement; when given, only a repair proposing it matches.
    pub replacement: Option<String>,
    /// The byte offset of the word in the document's text; when given, only that occurrence matches,
    /// otherwise every repair of the word does.
    pub at: Option<usize>,
    pub decision: Decision,
    pub note: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct UppdragFix {
    pub document: String,
    /// The uppdrag's key as detected (`Nr 7c`, `HS nr 1`).
    pub key: String,
    /// The right text (the text as written, `text_raw`, is kept).
    pub text: Option<String>,
    /// The right key.
    pub new_key: Option<String>,
    pub note: Option<String>,
}

/// One end of a link correction.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkEnd {
    pub document: String,
    pub key: String,
}

/// Force or forbid a link.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum LinkAction {
    Force,
    Forbid,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct LinkFix {
    pub from: LinkEnd,
    pub to: LinkEnd,
    /// For `force`: the relation of the link made; for `forbid`: when given, only a link of this
    /// relation is removed.
    pub relation: Option<Relation>,
    pub action: LinkAction,
    pub note: Option<String>,
}

#[derive(Debug, thiserror::Error)]
pub enum CorrectionsError {
    #[error("cannot read {path}: {source}")]
    Read {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path}: not UTF-8")]
    NotUtf8 {
        path: PathBuf,
        source: std::string::FromUtf8Error,
    },
    #[error("{path}: {}", .source.to_string().trim())]
    Parse {
        path: PathBuf,
        source: toml::de::Error,
    },
    #[error(
        "{path}: version {version} is not known (this styrdok reads version {})",
        CORRECTIONS_VERSION
    )]
    Version { path: PathBuf, version: u32 },
}

/// Loaded corrections, with the file they came from.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Corrections {
    pub file: CorrectionsFile,
    /// Where they were read from (for messages).
    pub path: Option<PathBuf>,
    /// SHA-256 of the file's bytes: a changed file rebuilds the dataset.
    pub digest: String,
}

/// A correction applied to a document.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Applied {
    /// `document[0]`, `repair[3]`, `uppdrag[1]`, `link[0]`: the entry of the file, counted from 0.
    pub correction: String,
    pub document: String,
    /// What was changed, e.g. `year: none → 2026`.
    pub change: String,
}

impl Applied {
    pub fn describe(&self) -> String {
        format!("{}: {}", self.correction, self.change)
    }
}

/// What became of one correction in a build: `applied` with the changes, or `unmatched` with why.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Record {
    pub correction: String,
    pub status: RecordStatus,
    /// The documents it applied to.
    pub documents: Vec<String>,
    pub changes: Vec<String>,
    /// For `unmatched`: what was not found.
    pub reason: Option<String>,
    pub note: Option<String>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RecordStatus {
    Applied,
    Unmatched,
}

impl Corrections {
    /// Reads a corrections file; a file that does not parse is an error naming the line.
    pub fn read(path: &Path) -> Result<Corrections, CorrectionsError> {
        let bytes = std::fs::read(path).map_err(|source| CorrectionsError::Read {
            path: path.to_path_buf(),
            source,
        })?;
        let text =
            String::from_utf8(bytes.clone()).map_err(|source| CorrectionsError::NotUtf8 {
                path: path.to_path_buf(),
                source,
            })?;
        let file: CorrectionsFile =
            toml::from_str(&text).map_err(|source| CorrectionsError::Parse {
                path: path.to_path_buf(),
                source,
            })?;
        if file.version != CORRECTIONS_VERSION {
            return Err(CorrectionsError::Version {
                path: path.to_path_buf(),
                version: file.version,
            });
        }
        Ok(Corrections {
            file,
            path: Some(path.to_path_buf()),
            digest: crate::digest::sha256_hex(&bytes),
        })
    }

    /// The corrections of a run: `DIR/styrdok-corrections.toml` and `OUT/styrdok-corrections.toml`,
    /// those of both when both exist (the diarium's first). `None` when there is neither.
    pub fn find(input: &Path, out: &Path) -> Result<Option<Corrections>, CorrectionsError> {
        let mut found: Option<Corrections> = None;
        for path in [input.join(FILE_NAME), out.join(FILE_NAME)] {
            if !path.is_file() {
                continue;
            }
            let c = Corrections::read(&path)?;
            found = Some(match found {
                None => c,
                Some(mut first) => {
                    first.file.document.extend(c.file.document);
                    first.file.repair.extend(c.file.repair);
                    first.file.uppdrag.extend(c.file.uppdrag);
                    first.file.link.extend(c.file.link);
                    first.digest = format!("{}+{}", first.digest, c.digest);
                    first
                }
            });
        }
        Ok(found)
    }

    pub fn is_empty(&self) -> bool {
        let f = &self.file;
        f.document.is_empty() && f.repair.is_empty() && f.uppdrag.is_empty() && f.link.is_empty()
    }

    /// Applies the document, repair and uppdrag corrections that select this document, and returns
    /// what each changed. A correction whose target is not in the document (a repair no longer
    /// proposed, an uppdrag key no longer found) applies nothing here; [`Tracker`] reports it.
    pub fn apply(&self, doc: &mut Document) -> Vec<Applied> {
        let mut out = Vec::new();
        let id = doc.id.clone();
        let mut push = |correction: String, change: String| {
            out.push(Applied {
                correction,
                document: id.clone(),
                change,
            })
        };
        for (n, fix) in self.file.document.iter().enumerate() {
            if !doc.selected_by(&fix.document) {
                continue;
            }
            let m = &mut doc.metadata;
            let mut changes = Vec::new();
            if let Some(year) = fix.year {
                changes.push(format!("year: {} → {year}", show(&m.year)));
                m.year = Some(year);
            }
            if let Some(kind) = fix.kind {
                changes.push(format!(
                    "kind: {} → {}",
                    m.kind.map_or("", DocKind::name),
                    kind.name()
                ));
                m.kind = Some(kind);
            }
            if let Some(org) = &fix.organisation {
                changes.push(format!("organisation: {} → {org}", show(&m.organisation)));
                m.organisation = Some(org.clone());
            }
            push(format!("document[{n}]"), changes.join("; "));
        }
        for (n, fix) in self.file.repair.iter().enumerate() {
            if !doc.selected_by(&fix.document) {
                continue;
            }
            for change in apply_repair(doc, fix) {
                push(format!("repair[{n}]"), change);
            }
        }
        for (n, fix) in self.file.uppdrag.iter().enumerate() {
            if !doc.selected_by(&fix.document) {
                continue;
            }
            let Some(u) = doc.uppdrag.iter_mut().find(|u| u.key == fix.key) else {
                continue;
            };
            let mut changes = Vec::new();
            if let Some(text) = &fix.text {
                changes.push(format!("{} text: “{}” → “{text}”", u.key, u.text));
                u.text = text.clone();
            }
            if let Some(key) = &fix.new_key {
                changes.push(format!("key: {} → {key}", u.key));
                u.key = key.clone();
            }
            push(format!("uppdrag[{n}]"), changes.join("; "));
        }
        out
    }

    /// The link corrections, for the linker.
    pub fn link_rules(&self) -> Vec<crate::link::LinkRule> {
        self.file
            .link
            .iter()
            .enumerate()
            .map(|(n, fix)| crate::link::LinkRule {
                name: format!("link[{n}]"),
                from: (fix.from.document.clone(), fix.from.key.clone()),
                to: (fix.to.document.clone(), fix.to.key.clone()),
                relation: fix.relation,
                force: fix.action == LinkAction::Force,
            })
            .collect()
    }

    /// Every correction's name, note and what it targets, in file order.
    fn entries(&self) -> Vec<(String, Option<String>, String)> {
        let f = &self.file;
        let mut out = Vec::new();
        for (n, x) in f.document.iter().enumerate() {
            out.push((
                format!("document[{n}]"),
                x.note.clone(),
                format!("document {}", x.document),
            ));
        }
        for (n, x) in f.repair.iter().enumerate() {
            out.push((
                format!("repair[{n}]"),
                x.note.clone(),
                format!(
                    "a repair of “{}”{} in document {}",
                    x.original,
                    x.at.map(|a| format!(" at {a}")).unwrap_or_default(),
                    x.document
                ),
            ));
        }
        for (n, x) in f.uppdrag.iter().enumerate() {
            out.push((
                format!("uppdrag[{n}]"),
                x.note.clone(),
                format!("uppdrag {} in document {}", x.key, x.document),
            ));
        }
        for (n, x) in f.link.iter().enumerate() {
            out.push((
                format!("link[{n}]"),
                x.note.clone(),
                format!(
                    "uppdrag {} of document {} and {} of document {}",
                    x.from.key, x.from.document, x.to.key, x.to.document
                ),
            ));
        }
        out
    }
}

/// Collects, over a build, what each correction did; [`Tracker::records`] then lists every
/// correction, the unmatched ones with what was not found.
#[derive(Debug, Default)]
pub struct Tracker {
    applied: Vec<Applied>,
    /// Link rules the linker could not apply: name and reason.
    link_failures: Vec<(String, String)>,
}

impl Tracker {
    pub fn add(&mut self, applied: Vec<Applied>) {
        self.applied.extend(applied);
    }

    pub fn link_outcomes(&mut self, outcomes: &[(String, Result<String, RuleMiss>)]) {
        for (name, outcome) in outcomes {
            match outcome {
                Ok(change) => self.applied.push(Applied {
                    correction: name.clone(),
                    document: String::new(),
                    change: change.clone(),
                }),
                Err(miss) => self.link_failures.push((name.clone(), miss.to_string())),
            }
        }
    }

    pub fn records(&self, corrections: &Corrections) -> Vec<Record> {
        corrections
            .entries()
            .into_iter()
            .map(|(name, note, target)| {
                let mine: Vec<&Applied> = self
                    .applied
                    .iter()
                    .filter(|a| a.correction == name)
                    .collect();
                let mut documents: Vec<String> = mine
                    .iter()
                    .filter(|a| !a.document.is_empty())
                    .map(|a| a.document.clone())
                    .collect();
                documents.dedup();
                let failure = self
                    .link_failures
                    .iter()
                    .find(|(n, _)| *n == name)
                    .map(|(_, r)| r.clone());
                let unmatched = mine.is_empty();
                Record {
                    correction: name,
                    status: if unmatched {
                        RecordStatus::Unmatched
                    } else {
                        RecordStatus::Applied
                    },
                    documents,
                    changes: mine.iter().map(|a| a.change.clone()).collect(),
                    reason: unmatched
                        .then(|| failure.unwrap_or_else(|| format!("no longer finds {target}"))),
                    note,
                }
            })
            .collect()
    }
}

fn show<T: ToString>(v: &Option<T>) -> String {
    v.as_ref()
        .map_or_else(|| "none".to_string(), ToString::to_string)
}

/// Accepts or rejects the matching repairs, and carries the change into the text of the uppdrag and
/// goals that hold them.
fn apply_repair(doc: &mut Document, fix: &RepairFix) -> Vec<String> {
    let accept = fix.decision == Decision::Accept;
    let mut changes = Vec::new();
    let mut moved = Vec::new();
    for r in doc.repairs.iter_mut() {
        let matches = r.original == fix.original
            && fix.replacement.as_ref().is_none_or(|x| *x == r.replacement)
            && fix.at.is_none_or(|a| a == r.span.start);
        if !matches {
            continue;
        }
        let verb = if accept { "accepted" } else { "rejected" };
        changes.push(format!(
            "“{}” → “{}” at {} {verb}{}",
            r.original,
            r.replacement,
            r.span.start,
            if r.applied == accept {
                " (as the run decided)"
            } else {
                ""
            }
        ));
        if r.applied != accept {
            r.applied = accept;
            let (from, to) = if accept {
                (r.original.clone(), r.replacement.clone())
            } else {
                (r.replacement.clone(), r.original.clone())
            };
            moved.push((r.span, from, to));
        }
    }
    for (span, from, to) in moved {
        for u in doc
            .uppdrag
            .iter_mut()
            .filter(|u| u.prov.span.contains(&span))
        {
            replace_word(&mut u.text, &from, &to);
        }
        for g in doc.goals.iter_mut().filter(|g| g.prov.span.contains(&span)) {
            replace_word(&mut g.text, &from, &to);
        }
    }
    changes
}

/// Replaces the first occurrence of `from` as a whole word.
fn replace_word(text: &mut String, from: &str, to: &str) {
    if from.is_empty() {
        return;
    }
    let mut search = 0;
    while let Some(found) = text.get(search..).and_then(|t| t.find(from)) {
        let start = search + found;
        let end = start + from.len();
        let before = text[..start].chars().next_back();
        let after = text[end..].chars().next();
        if !before.is_some_and(char::is_alphanumeric) && !after.is_some_and(char::is_alphanumeric) {
            text.replace_range(start..end, to);
            return;
        }
        search = end;
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn whole_words_are_replaced() {
        let mut t = "Halso och Halsoval".to_string();
        replace_word(&mut t, "Halsoval", "Hälsoval");
        assert_eq!(t, "Halso och Hälsoval");
        replace_word(&mut t, "Halso", "Hälso");
        assert_eq!(t, "Hälso och Hälsoval");
    }

    #[test]
    fn a_file_with_an_unknown_field_is_refused() {
        let bad = "[[document]]\ndocument = \"x\"\nyeer = 2026\n";
        assert!(toml::from_str::<CorrectionsFile>(bad).is_err());
        let good = "[[document]]\ndocument = \"x\"\nyear = 2026\nkind = \"plan\"\n";
        let f: CorrectionsFile = toml::from_str(good).expect("parses");
        assert_eq!(f.document[0].kind, Some(DocKind::Plan));
    }
}
