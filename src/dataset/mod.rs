//! Dataset: what researchers download — every uppdrag occurrence with its lineage, the links with their
//! evidence, the tables, as JSON Lines, CSV described by a Frictionless data package, and one SQLite
//! database in which a single query answers "what became of uppdrag X". Every file is written
//! atomically, so a reader never sees half a dataset file.
//!
//! The documents are read twice, one at a time: first for what linking needs (metadata and uppdrag;
//! a document that repeats another's uppdrag word for word is linked through it, not compared again),
//! then to write their rows. Memory thus holds the distinct documents' uppdrag, not every document of
//! the diarium with its text and tables.

mod columns;
mod describe;
mod extra;
mod files;
mod index;
mod ordered;
mod package;
mod sqlite;

use crate::corrections::{Corrections, Record, Tracker};
use crate::link::Relation;
use crate::link::{
    link, Endpoint, Evidence, GoalEndpoint, GoalLink, Lineage, Link, LinkOptions, NumberMatch,
};
use crate::model::{Diagnostic, DocKind, Document, Goal, Uppdrag, UppdragStatus};
use files::{Files, Prepared};
use index::Index;
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// Version of the dataset files' contract (`schemas/links.schema.json`, `lineages.schema.json`,
/// `uppdrag-row.schema.json`).
pub const DATASET_VERSION: &str = "1.0";

/// How the dataset is made.
#[derive(Clone, Debug)]
pub struct DatasetOptions {
    pub link: LinkOptions,
    /// Threads that read documents (their order in the files does not depend on it); default: the
    /// number of cores.
    pub jobs: usize,
    /// Also write each table as its own CSV file, `tables/<document>-<table>.csv`, listed in
    /// `datapackage.json`. Off by default: every cell is in `table_cells.csv` and the database, and a
    /// diarium of 10,000 documents can have 160,000 tables, whose files are created one at a time (the
    /// kernel locks the folder) and took 40 % of the time of the dataset over 1,000 documents.
    pub table_files: bool,
    /// Corrections applied to every document as it is read, and to the links.
    pub corrections: Option<Arc<Corrections>>,
    /// CSV files for a spreadsheet set to Swedish: a byte-order mark and `;` between fields (decimal
    /// numbers keep their point). Off: plain RFC 4180 CSV with `,`, as the data package describes.
    pub excel: bool,
}

impl Default for DatasetOptions {
    fn default() -> Self {
        DatasetOptions {
            link: LinkOptions::default(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            table_files: false,
            corrections: None,
            excel: false,
        }
    }
}

/// The documents a dataset is made of.
#[derive(Clone, Copy)]
pub enum Documents<'a> {
    /// Documents in memory.
    Loaded(&'a [Document]),
    /// Document JSON files (as written by `extract` and `run`), read one at a time when needed.
    Files(&'a [PathBuf]),
}

impl<'a> From<&'a [Document]> for Documents<'a> {
    fn from(docs: &'a [Document]) -> Self {
        Documents::Loaded(docs)
    }
}

impl<'a> From<&'a Vec<Document>> for Documents<'a> {
    fn from(docs: &'a Vec<Document>) -> Self {
        Documents::Loaded(docs)
    }
}

impl<'a> Documents<'a> {
    fn len(&self) -> usize {
        match self {
            Documents::Loaded(d) => d.len(),
            Documents::Files(f) => f.len(),
        }
    }

    /// What to call document `i` in a message.
    fn name(&self, i: usize) -> String {
        match self {
            Documents::Loaded(d) => d.get(i).map(|d| d.source.path.clone()),
            Documents::Files(f) => f.get(i).map(|p| p.display().to_string()),
        }
        .unwrap_or_default()
    }

    /// Document `i` with only what linking reads (see [`index::slim`]); a file is parsed that far only.
    /// Corrections are applied to it, and its repairs then dropped.
    fn get_slim(
        &self,
        i: usize,
        corrections: Option<&Corrections>,
    ) -> Result<Document, Unreadable> {
        let mut doc = match *self {
            Documents::Loaded(d) => d
                .get(i)
                .map(|d| {
                    let mut slim = index::slim(d);
                    if corrections.is_some() {
                        slim.repairs = d.repairs.clone();
                    }
                    slim
                })
                .ok_or(Unreadable::Missing)?,
            Documents::Files(f) => {
                let path = f.get(i).ok_or(Unreadable::Missing)?;
                crate::emit::read_json::<index::LinkView>(path).map(Document::from)?
            }
        };
        if let Some(c) = corrections {
            c.apply(&mut doc);
        }
        doc.repairs = Vec::new();
        Ok(doc)
    }

    fn get(&self, i: usize) -> Result<Cow<'a, Document>, Unreadable> {
        match *self {
            Documents::Loaded(d) => d.get(i).map(Cow::Borrowed).ok_or(Unreadable::Missing),
            Documents::Files(f) => {
                let path = f.get(i).ok_or(Unreadable::Missing)?;
                Ok(crate::emit::read_document(path).map(Cow::Owned)?)
            }
        }
    }
}

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct DatasetSummary {
    pub documents: usize,
    pub uppdrag: usize,
    pub links: usize,
    pub lineages: usize,
    pub tables: usize,
    /// The dataset's files, relative to the output folder (the per-table CSV files under `tables/`
    /// are counted in `tables`, not listed).
    pub files: Vec<PathBuf>,
    /// Documents given but not readable: what they were called and why.
    pub unreadable: Vec<(String, String)>,
    /// What the linker noticed.
    pub diagnostics: Vec<Diagnostic>,
    /// Links between goals written to `goal_links.csv`.
    pub goal_links: usize,
    /// Near misses written to `candidates.jsonl`.
    pub candidates: usize,
    /// What became of each correction (also in `corrections.jsonl`).
    pub corrections: Vec<Record>,
    /// Documents the linker could not place (no year, or not a plan or report): id and source path.
    pub unplaced: Vec<(String, String)>,
}

#[derive(Debug, thiserror::Error)]
pub enum DatasetError {
    #[error("cannot write {path}: {source}")]
    Io {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot build the SQLite database: {0}")]
    Sqlite(#[from] rusqlite::Error),
    #[error("cannot write CSV {path}: {source}")]
    Csv { path: PathBuf, source: csv::Error },
    #[error("cannot read {name} again: {source}")]
    Reread {
        name: String,
        #[source]
        source: Unreadable,
    },
    #[error("cannot read {name} again: it changed while the dataset was written (now {now})")]
    Changed { name: String, now: String },
}

/// Why a document given to the dataset could not be had.
#[derive(Debug, thiserror::Error)]
pub enum Unreadable {
    /// An index past the documents given (a bug, not a file).
    #[error("no such document")]
    Missing,
    #[error(transparent)]
    Read(#[from] crate::emit::ReadError),
}

/// One uppdrag occurrence, as in `uppdrag.jsonl` and `uppdrag.csv`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct UppdragRow {
    /// The occurrence's lineage (for a range follow-up that belongs to several: the first of them).
    pub lineage_id: String,
    /// Every lineage the occurrence belongs to (more than one only for a range such as `Nr 3-8`).
    pub lineage_ids: Vec<String>,
    pub year: Option<i32>,
    pub document: String,
    pub source: String,
    pub kind: Option<DocKind>,
    pub uppdrag: String,
    pub key: String,
    pub series: String,
    pub number: u32,
    pub number_end: Option<u32>,
    pub sub: Option<String>,
    pub parent: Option<String>,
    pub text: String,
    pub text_raw: String,
    pub issuer: Option<String>,
    pub recipient: Option<String>,
    pub goal: Option<String>,
    pub page: Option<u32>,
    pub status: Option<UppdragStatus>,
    pub comment: Option<String>,
    pub comment_raw: Option<String>,
}

/// `lineages.json`.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct LineagesFile {
    pub dataset_version: String,
    pub lineages: Vec<Lineage>,
}

fn row(doc: &Document, u: &Uppdrag, lineage_ids: Vec<String>) -> UppdragRow {
    UppdragRow {
        lineage_id: lineage_ids.first().cloned().unwrap_or_default(),
        lineage_ids,
        year: doc.metadata.year,
        document: doc.id.clone(),
        source: doc.source.path.clone(),
        kind: doc.metadata.kind,
        uppdrag: u.id.clone(),
        key: u.key.clone(),
        series: u.series.clone(),
        number: u.number,
        number_end: u.number_end,
        sub: u.sub.clone(),
        parent: u.parent.clone(),
        text: u.text.clone(),
        text_raw: u.text_raw.clone(),
        issuer: u.issuer.clone(),
        recipient: u.recipient.clone(),
        goal: u.goal.clone(),
        page: u.page,
        status: u.status,
        comment: u.comment.clone(),
        comment_raw: u.comment_raw.clone(),
    }
}

/// Links the documents and writes the dataset into `out`: `links.jsonl`, `lineages.json`,
/// `uppdrag.jsonl`, `uppdrag.csv`, `links.csv`, `lineage_members.csv`, `table_cells.csv`, with
/// [`DatasetOptions::table_files`] one CSV per table under `tables/`, `datapackage.json` and
/// `styrdok.sqlite`. A document that cannot be read is left out and named in
/// [`DatasetSummary::unreadable`].
pub fn write_dataset<'a>(
    docs: impl Into<Documents<'a>>,
    out: &Path,
    opts: &DatasetOptions,
) -> Result<DatasetSummary, DatasetError> {
    let docs = docs.into();
    std::fs::create_dir_all(out).map_err(|source| DatasetError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let corrections = opts.corrections.as_deref();
    let index = Index::build(&docs, opts.jobs, corrections);
    let link_opts = LinkOptions {
        rules: corrections.map(Corrections::link_rules).unwrap_or_default(),
        ..opts.link.clone()
    };
    let linked = link(&index.representatives, &link_opts);
    let mut tracker = Tracker::default();
    tracker.link_outcomes(&linked.rule_outcomes);
    let mut summary = DatasetSummary {
        documents: index.entries.len(),
        lineages: linked.lineages.len(),
        unreadable: index.unreadable.clone(),
        diagnostics: index.diagnostics.clone(),
        ..Default::default()
    };
    summary
        .diagnostics
        .extend(linked.diagnostics.iter().cloned());
    let membership = membership(&index, &linked.lineages);
    let mut files = Files::create(out, opts.table_files, opts.excel)?;
    for l in &linked.links {
        files.link(l)?;
        summary.links += 1;
    }
    for c in &linked.candidates {
        files.candidate(c)?;
        summary.candidates += 1;
    }
    for l in &linked.goal_links {
        files.goal_link(l)?;
        summary.goal_links += 1;
    }
    let entries = &index.entries;
    let tables_folder = files.table_folder();
    let delimiter = files.delimiter();
    let tables_folder = tables_folder.as_ref();
    let lineages = &linked.lineages;
    let membership = &membership;
    // Reading a document, making its rows and writing its table files run on `jobs` threads; the
    // rows are written here, in order.
    let read = |i: usize| -> Result<
        (
            Cow<'a, Document>,
            Prepared,
            Vec<crate::corrections::Applied>,
        ),
        DatasetError,
    > {
        let entry = entries.get(i).ok_or_else(|| DatasetError::Reread {
            name: format!("document {i}"),
            source: Unreadable::Missing,
        })?;
        let mut doc = docs
            .get(entry.source)
            .map_err(|source| DatasetError::Reread {
                name: docs.name(entry.source),
                source,
            })?;
        let applied = match corrections {
            Some(c) => c.apply(doc.to_mut()),
            None => Vec::new(),
        };
        if doc.id != entry.id {
            return Err(DatasetError::Changed {
                name: docs.name(entry.source),
                now: doc.id.clone(),
            });
        }
        let lineages_of = |position: usize| -> Vec<(usize, bool)> {
            membership
                .get(&(entry.class, position))
                .cloned()
                .unwrap_or_default()
        };
        let prepared = files::prepare(
            tables_folder,
            &doc,
            entry,
            lineages,
            &lineages_of,
            delimiter,
        )?;
        Ok((doc, prepared, applied))
    };
    ordered::for_each_ordered(entries.len(), opts.jobs, read, |i, prepared| {
        let (doc, prepared, applied) = prepared?;
        let Some(entry) = entries.get(i) else {
            return Ok::<(), DatasetError>(());
        };
        tracker.add(applied);
        if !crate::link::placeable(&doc) {
            summary
                .unplaced
                .push((doc.id.clone(), doc.source.path.clone()));
        }
        let rep = index.representatives.get(entry.class);
        if let Some(rep) = rep.filter(|_| !index.is_representative(entry)) {
            for (a, b) in rep.uppdrag.iter().zip(&doc.uppdrag) {
                if let Some(l) = identical(rep, a, &doc, b) {
                    files.link(&l)?;
                    summary.links += 1;
                }
            }
            for (a, b) in rep.goals.iter().zip(&doc.goals) {
                if let Some(l) = identical_goal(rep, a, &doc, b) {
                    files.goal_link(&l)?;
                    summary.goal_links += 1;
                }
            }
        }
        summary.uppdrag += doc.uppdrag.len();
        summary.tables += prepared.resources.len();
        files.document(&doc, &prepared)?;
        Ok(())
    })?;
    if let Some(c) = corrections {
        summary.corrections = tracker.records(c);
    }
    let records = std::mem::take(&mut summary.corrections);
    files.finish(&linked.lineages, &records, &mut summary)?;
    summary.corrections = records;
    Ok(summary)
}

/// For each class and uppdrag position: the lineages (by index) the uppdrag belongs to, and whether
/// as a shared member (a range follow-up).
fn membership(index: &Index, lineages: &[Lineage]) -> HashMap<(usize, usize), Vec<(usize, bool)>> {
    let class_of: HashMap<&str, usize> = index
        .representatives
        .iter()
        .enumerate()
        .map(|(i, d)| (d.id.as_str(), i))
        .collect();
    let mut out: HashMap<(usize, usize), Vec<(usize, bool)>> = HashMap::new();
    for (n, l) in lineages.iter().enumerate() {
        for m in &l.members {
            let Some(&class) = class_of.get(m.document.as_str()) else {
                continue;
            };
            let position = index.representatives[class]
                .uppdrag
                .iter()
                .position(|u| u.id == m.uppdrag);
            if let Some(p) = position {
                let ids = out.entry((class, p)).or_default();
                if !ids.iter().any(|&(x, _)| x == n) {
                    ids.push((n, m.shared));
                }
            }
        }
    }
    out
}

/// The link from an uppdrag of a class's first document to the same uppdrag in a document that
/// repeats it word for word.
fn identical(rep: &Document, a: &Uppdrag, doc: &Document, b: &Uppdrag) -> Option<Link> {
    let end = |d: &Document, u: &Uppdrag| -> Option<Endpoint> {
        Some(Endpoint {
            document: d.id.clone(),
            year: d.metadata.year?,
            kind: d.metadata.kind?,
            key: u.key.clone(),
            uppdrag: u.id.clone(),
        })
    };
    Some(Link {
        from: end(rep, a)?,
        to: end(doc, b)?,
        relation: Relation::SameAssignment,
        score: 1.0,
        evidence: identical_evidence(),
    })
}

/// The link from a goal of a class's first document to the same goal in a document that repeats it.
fn identical_goal(rep: &Document, a: &Goal, doc: &Document, b: &Goal) -> Option<GoalLink> {
    let end = |d: &Document, g: &Goal| -> Option<GoalEndpoint> {
        Some(GoalEndpoint {
            document: d.id.clone(),
            year: d.metadata.year?,
            kind: d.metadata.kind?,
            key: g.key.clone(),
            goal: g.id.clone(),
        })
    };
    Some(GoalLink {
        from: end(rep, a)?,
        to: end(doc, b)?,
        relation: Relation::SameAssignment,
        score: 1.0,
        evidence: identical_evidence(),
    })
}

/// The evidence of a link between two texts that are the same word for word.
fn identical_evidence() -> Evidence {
    Evidence {
        method: "identical".into(),
        weighted_similarity: 1.0,
        weighted_overlap: 1.0,
        token_jaccard: 1.0,
        dice: 1.0,
        levenshtein: 1.0,
        number: NumberMatch::Same,
        shared_rare_terms: vec![],
        abbreviations: vec![],
        reference: None,
    }
}

/// Opens a written file for reading by everyone: temporary files are created private, but a dataset is
/// made to be shared.
pub(crate) fn readable(path: &Path) -> std::io::Result<()> {
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        std::fs::set_permissions(path, std::fs::Permissions::from_mode(0o644))?;
    }
    #[cfg(not(unix))]
    let _ = path;
    Ok(())
}

fn opt<T: ToString>(v: &Option<T>) -> String {
    v.as_ref().map(ToString::to_string).unwrap_or_default()
}

/// A serde enum as its snake_case name.
fn name<T: Serialize>(v: &T) -> String {
    match serde_json::to_value(v) {
        Ok(serde_json::Value::String(s)) => s,
        _ => String::new(),
    }
}
