//! Dataset: what researchers download — every uppdrag occurrence with its lineage, the links with their
//! evidence, the tables, as JSON Lines, CSV described by a Frictionless data package, and one SQLite
//! database in which a single query answers "what became of uppdrag X". Every file is written
//! atomically, so a reader never sees half a dataset file.
//!
//! The documents are read twice, one at a time: first for what linking needs (metadata and uppdrag;
//! a document that repeats another's uppdrag word for word is linked through it, not compared again),
//! then to write their rows. Memory thus holds the distinct documents' uppdrag, not every document of
//! the diarium with its text and tables.

mod index;
mod ordered;
mod package;
mod sqlite;

use crate::emit::{sync_folder, AtomicWriter};
use crate::link::Relation;
use crate::link::{
    link, Endpoint, Evidence, Lineage, LineageMember, Link, LinkOptions, NumberMatch,
};
use crate::model::{Diagnostic, DocKind, Document, Uppdrag, UppdragStatus};
use index::{Entry, Index};
use serde::{Deserialize, Serialize};
use std::borrow::Cow;
use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};

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
}

impl Default for DatasetOptions {
    fn default() -> Self {
        DatasetOptions {
            link: LinkOptions::default(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
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

    fn get(&self, i: usize) -> Result<Cow<'a, Document>, String> {
        match *self {
            Documents::Loaded(d) => d
                .get(i)
                .map(Cow::Borrowed)
                .ok_or_else(|| "no such document".into()),
            Documents::Files(f) => {
                let path = f.get(i).ok_or("no such document")?;
                let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
                serde_json::from_str(&text)
                    .map(Cow::Owned)
                    .map_err(|e| format!("not a styrdok document JSON: {e}"))
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
    #[error("cannot read {name} again: {reason}")]
    Reread { name: String, reason: String },
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
/// `uppdrag.jsonl`, `uppdrag.csv`, `links.csv`, `lineage_members.csv`, `table_cells.csv`, one CSV per
/// table under `tables/`, `datapackage.json` and `styrdok.sqlite`. A document that cannot be read is
/// left out and named in [`DatasetSummary::unreadable`].
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
    let index = Index::build(&docs, opts.jobs);
    let linked = link(&index.representatives, &opts.link);
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
    let mut files = Files::create(out)?;
    for l in &linked.links {
        files.link(l)?;
        summary.links += 1;
    }
    let entries = &index.entries;
    let read = |i: usize| entries.get(i).map(|e| docs.get(e.source));
    ordered::for_each_ordered(entries.len(), opts.jobs, read, |i, doc| {
        let Some(entry) = entries.get(i) else {
            return Ok(());
        };
        let doc = doc
            .unwrap_or_else(|| Err("no such document".into()))
            .map_err(|reason| DatasetError::Reread {
                name: docs.name(entry.source),
                reason,
            })?;
        if doc.id != entry.id {
            return Err(DatasetError::Reread {
                name: docs.name(entry.source),
                reason: format!("it changed while the dataset was written (now {})", doc.id),
            });
        }
        let rep = index.representatives.get(entry.class);
        if let Some(rep) = rep.filter(|_| !index.is_representative(entry)) {
            for (a, b) in rep.uppdrag.iter().zip(&doc.uppdrag) {
                if let Some(l) = identical(rep, a, &doc, b) {
                    files.link(&l)?;
                    summary.links += 1;
                }
            }
        }
        let lineages_of = |position: usize| -> Vec<(usize, bool)> {
            membership
                .get(&(entry.class, position))
                .cloned()
                .unwrap_or_default()
        };
        summary.uppdrag += doc.uppdrag.len();
        summary.tables += files.document(&doc, entry, &linked.lineages, &lineages_of)?;
        Ok(())
    })?;
    files.finish(&linked.lineages, &mut summary)?;
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
        evidence: Evidence {
            method: "identical".into(),
            weighted_similarity: 1.0,
            weighted_overlap: 1.0,
            token_jaccard: 1.0,
            dice: 1.0,
            levenshtein: 1.0,
            number: NumberMatch::Same,
            shared_rare_terms: vec![],
            abbreviations: vec![],
        },
    })
}

/// The dataset's files while they are written.
struct Files {
    out: PathBuf,
    links_jsonl: AtomicWriter,
    links_csv: csv::Writer<AtomicWriter>,
    uppdrag_jsonl: AtomicWriter,
    uppdrag_csv: csv::Writer<AtomicWriter>,
    cells_csv: csv::Writer<AtomicWriter>,
    package: AtomicWriter,
    /// Resources written to `datapackage.json` so far.
    resources: usize,
    db: sqlite::Db,
    /// Where this build's per-table CSV files go (`.tables-new/`); it replaces `tables/` as a whole at
    /// the end, so the tables of a document that has left the diarium leave the dataset too.
    tables_new: PathBuf,
}

/// Folders of the per-table CSV files: the one readers see, and the two used while replacing it.
const TABLES: &str = "tables";
const TABLES_NEW: &str = ".tables-new";
const TABLES_OLD: &str = ".tables-old";

impl Files {
    fn create(out: &Path) -> Result<Files, DatasetError> {
        // Left by a build that was stopped: never part of the dataset.
        for leftover in [TABLES_NEW, TABLES_OLD] {
            let path = out.join(leftover);
            match std::fs::remove_dir_all(&path) {
                Err(e) if e.kind() != std::io::ErrorKind::NotFound => {
                    return Err(DatasetError::Io { path, source: e })
                }
                _ => {}
            }
        }
        let tables_new = out.join(TABLES_NEW);
        std::fs::create_dir_all(&tables_new).map_err(|source| DatasetError::Io {
            path: tables_new.clone(),
            source,
        })?;
        let open = |rel: &str| {
            let path = out.join(rel);
            AtomicWriter::create(&path).map_err(|source| DatasetError::Io { path, source })
        };
        let csv = |table: &CsvTable| -> Result<csv::Writer<AtomicWriter>, DatasetError> {
            let mut w = csv::Writer::from_writer(open(&table.path)?);
            w.write_record(&table.header)
                .map_err(|source| DatasetError::Csv {
                    path: PathBuf::from(&table.path),
                    source,
                })?;
            Ok(w)
        };
        let fixed = [
            uppdrag_csv(),
            links_csv(),
            lineage_members_csv(),
            package::table_cells(),
        ];
        let mut files = Files {
            out: out.to_path_buf(),
            links_jsonl: open("links.jsonl")?,
            links_csv: csv(&fixed[1])?,
            uppdrag_jsonl: open("uppdrag.jsonl")?,
            uppdrag_csv: csv(&fixed[0])?,
            cells_csv: csv(&fixed[3])?,
            package: open("datapackage.json")?,
            resources: 0,
            db: sqlite::Db::create(&out.join("styrdok.sqlite"))?,
            tables_new,
        };
        let (head, _) = package::descriptor_frame();
        files
            .package
            .write_all(head.as_bytes())
            .map_err(|e| files.io("datapackage.json", e))?;
        for table in &fixed {
            files.resource(table)?;
        }
        Ok(files)
    }

    fn io(&self, rel: &str, source: std::io::Error) -> DatasetError {
        DatasetError::Io {
            path: self.out.join(rel),
            source,
        }
    }

    fn resource(&mut self, table: &CsvTable) -> Result<(), DatasetError> {
        let sep = if self.resources == 0 {
            "    "
        } else {
            ",\n    "
        };
        let json = serde_json::to_string(&package::resource(table)).unwrap_or_default();
        self.resources += 1;
        write!(self.package, "{sep}{json}").map_err(|e| self.io("datapackage.json", e))
    }

    fn link(&mut self, l: &Link) -> Result<(), DatasetError> {
        jsonl_line(&mut self.links_jsonl, l).map_err(|e| self.io("links.jsonl", e))?;
        csv_row(&mut self.links_csv, "links.csv", &links_csv_row(l))?;
        self.db.link(l)
    }

    /// Writes one document's rows everywhere; returns how many tables it had.
    fn document(
        &mut self,
        doc: &Document,
        entry: &Entry,
        lineages: &[Lineage],
        lineages_of: &dyn Fn(usize) -> Vec<(usize, bool)>,
    ) -> Result<usize, DatasetError> {
        let mut rows = Vec::with_capacity(doc.uppdrag.len());
        for (p, u) in doc.uppdrag.iter().enumerate() {
            let mut ids: Vec<String> = Vec::new();
            for (n, shared) in lineages_of(p) {
                let Some(l) = lineages.get(n) else { continue };
                if !ids.contains(&l.id) {
                    ids.push(l.id.clone());
                }
                let member = LineageMember::of(doc, u, shared);
                self.db.member(n, entry.link_rank, p, &member)?;
            }
            rows.push(row(doc, u, ids));
        }
        for r in &rows {
            jsonl_line(&mut self.uppdrag_jsonl, r).map_err(|e| self.io("uppdrag.jsonl", e))?;
            csv_row(&mut self.uppdrag_csv, "uppdrag.csv", &uppdrag_csv_row(r))?;
        }
        for r in package::cell_rows(doc) {
            csv_row(&mut self.cells_csv, "table_cells.csv", &r)?;
        }
        self.db.document(doc, &rows)?;
        let tables = package::tables(doc);
        for table in &tables {
            let bytes = csv_bytes(&table.path, &table.header, &table.rows)?;
            // A plain write: the folder is hidden until complete.
            let name = Path::new(&table.path).file_name().unwrap_or_default();
            let path = self.tables_new.join(name);
            std::fs::write(&path, &bytes).map_err(|source| DatasetError::Io { path, source })?;
            self.resource(table)?;
        }
        Ok(tables.len())
    }

    /// Writes the lineages, closes the data package and puts every file in place.
    fn finish(
        mut self,
        lineages: &[Lineage],
        summary: &mut DatasetSummary,
    ) -> Result<(), DatasetError> {
        let mut members_csv = {
            let table = lineage_members_csv();
            let path = self.out.join(&table.path);
            let w =
                AtomicWriter::create(&path).map_err(|source| DatasetError::Io { path, source })?;
            let mut w = csv::Writer::from_writer(w);
            w.write_record(&table.header)
                .map_err(|source| DatasetError::Csv {
                    path: PathBuf::from(&table.path),
                    source,
                })?;
            w
        };
        let mut lineages_json = AtomicWriter::create(&self.out.join("lineages.json"))
            .map_err(|e| self.io("lineages.json", e))?;
        let head = format!("{{\n  \"dataset_version\": \"{DATASET_VERSION}\",\n  \"lineages\": [");
        lineages_json
            .write_all(head.as_bytes())
            .map_err(|e| self.io("lineages.json", e))?;
        for (n, l) in lineages.iter().enumerate() {
            let full = self.db.lineage(n, &l.id)?;
            for (i, m) in full.members.iter().enumerate() {
                csv_row(
                    &mut members_csv,
                    "lineage_members.csv",
                    &lineage_member_row(&full, i, m),
                )?;
            }
            let sep = if n == 0 { "\n    " } else { ",\n    " };
            let json = serde_json::to_string(&full).unwrap_or_default();
            write!(lineages_json, "{sep}{json}").map_err(|e| self.io("lineages.json", e))?;
        }
        lineages_json
            .write_all(b"\n  ]\n}\n")
            .map_err(|e| self.io("lineages.json", e))?;
        let (_, tail) = package::descriptor_frame();
        self.package
            .write_all(tail.as_bytes())
            .map_err(|e| self.io("datapackage.json", e))?;
        let Files {
            out,
            links_jsonl,
            links_csv,
            uppdrag_jsonl,
            uppdrag_csv,
            cells_csv,
            package,
            db,
            tables_new,
            ..
        } = self;
        let commit = |rel: &str, w: AtomicWriter, summary: &mut DatasetSummary| {
            w.commit_unsynced().map_err(|source| DatasetError::Io {
                path: out.join(rel),
                source,
            })?;
            summary.files.push(PathBuf::from(rel));
            Ok::<(), DatasetError>(())
        };
        let inner = |rel: &str, w: csv::Writer<AtomicWriter>| {
            w.into_inner().map_err(|e| DatasetError::Io {
                path: out.join(rel),
                source: e.into_error(),
            })
        };
        commit("links.jsonl", links_jsonl, summary)?;
        commit("lineages.json", lineages_json, summary)?;
        commit("uppdrag.jsonl", uppdrag_jsonl, summary)?;
        commit("uppdrag.csv", inner("uppdrag.csv", uppdrag_csv)?, summary)?;
        commit("links.csv", inner("links.csv", links_csv)?, summary)?;
        commit(
            "lineage_members.csv",
            inner("lineage_members.csv", members_csv)?,
            summary,
        )?;
        commit(
            "table_cells.csv",
            inner("table_cells.csv", cells_csv)?,
            summary,
        )?;
        commit("datapackage.json", package, summary)?;
        db.finish()?;
        summary.files.push(PathBuf::from("styrdok.sqlite"));
        replace_folder(&tables_new, &out.join(TABLES), &out.join(TABLES_OLD))?;
        // One wait for the disk for all the files above (thousands of table files among them).
        sync_folder(&out).map_err(|source| DatasetError::Io {
            path: out.clone(),
            source,
        })?;
        Ok(())
    }
}

/// Puts folder `new` in the place of `target`, by way of `old`. Between the two renames `target` is
/// briefly missing; a build stopped there leaves `old` and `new`, which the next build removes before it
/// writes the dataset again (the run's `dataset-complete` stamp is not written until then).
fn replace_folder(new: &Path, target: &Path, old: &Path) -> Result<(), DatasetError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DatasetError::Io { path, source }
    };
    match std::fs::rename(target, old) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => return Err(io(target)(e)),
        _ => {}
    }
    std::fs::rename(new, target).map_err(io(target))?;
    match std::fs::remove_dir_all(old) {
        Err(e) if e.kind() != std::io::ErrorKind::NotFound => Err(io(old)(e)),
        _ => Ok(()),
    }
}

/// One JSON value and a newline.
fn jsonl_line<T: Serialize>(w: &mut impl Write, item: &T) -> std::io::Result<()> {
    // Plain structs with string keys always serialize.
    serde_json::to_writer(&mut *w, item).map_err(std::io::Error::other)?;
    w.write_all(b"\n")
}

fn csv_row(
    w: &mut csv::Writer<AtomicWriter>,
    rel: &str,
    fields: &[String],
) -> Result<(), DatasetError> {
    w.write_record(fields).map_err(|source| DatasetError::Csv {
        path: PathBuf::from(rel),
        source,
    })
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

/// CSV text from a header and rows of fields.
fn csv_bytes(rel: &str, header: &[String], rows: &[Vec<String>]) -> Result<Vec<u8>, DatasetError> {
    let err = |source| DatasetError::Csv {
        path: PathBuf::from(rel),
        source,
    };
    let mut w = csv::Writer::from_writer(Vec::new());
    w.write_record(header).map_err(err)?;
    for r in rows {
        w.write_record(r).map_err(err)?;
    }
    w.into_inner().map_err(|e| DatasetError::Csv {
        path: PathBuf::from(rel),
        source: e.into_error().into(),
    })
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

/// A CSV file of the dataset, with what the data package says about its columns.
pub(crate) struct CsvTable {
    pub path: String,
    pub title: String,
    pub header: Vec<String>,
    /// Frictionless type of each column (`string`, `integer`, `number`, `boolean`).
    pub types: Vec<&'static str>,
    pub rows: Vec<Vec<String>>,
    pub primary_key: Vec<String>,
}

fn columns(spec: &[(&str, &'static str)]) -> (Vec<String>, Vec<&'static str>) {
    (
        spec.iter().map(|(n, _)| n.to_string()).collect(),
        spec.iter().map(|(_, t)| *t).collect(),
    )
}

/// `uppdrag.csv`: one row per uppdrag occurrence, from [`uppdrag_csv_row`].
fn uppdrag_csv() -> CsvTable {
    let (header, types) = columns(&[
        ("lineage_id", "string"),
        ("lineage_ids", "string"),
        ("year", "integer"),
        ("document", "string"),
        ("source", "string"),
        ("kind", "string"),
        ("uppdrag", "string"),
        ("key", "string"),
        ("series", "string"),
        ("number", "integer"),
        ("number_end", "integer"),
        ("sub", "string"),
        ("parent", "string"),
        ("text", "string"),
        ("text_raw", "string"),
        ("issuer", "string"),
        ("recipient", "string"),
        ("goal", "string"),
        ("page", "integer"),
        ("status", "string"),
        ("comment", "string"),
        ("comment_raw", "string"),
    ]);
    CsvTable {
        path: "uppdrag.csv".into(),
        title: "One row per uppdrag occurrence, with its lineage".into(),
        header,
        types,
        rows: vec![],
        primary_key: vec!["document".into(), "uppdrag".into()],
    }
}

fn uppdrag_csv_row(r: &UppdragRow) -> Vec<String> {
    vec![
        r.lineage_id.clone(),
        r.lineage_ids.join(";"),
        opt(&r.year),
        r.document.clone(),
        r.source.clone(),
        r.kind.map(|k| name(&k)).unwrap_or_default(),
        r.uppdrag.clone(),
        r.key.clone(),
        r.series.clone(),
        r.number.to_string(),
        opt(&r.number_end),
        opt(&r.sub),
        opt(&r.parent),
        r.text.clone(),
        r.text_raw.clone(),
        opt(&r.issuer),
        opt(&r.recipient),
        opt(&r.goal),
        opt(&r.page),
        r.status.map(|s| name(&s)).unwrap_or_default(),
        opt(&r.comment),
        opt(&r.comment_raw),
    ]
}

/// `lineage_members.csv`: the members of each lineage, ordered by year.
fn lineage_members_csv() -> CsvTable {
    let (header, types) = columns(&[
        ("lineage_id", "string"),
        ("position", "integer"),
        ("year", "integer"),
        ("document", "string"),
        ("kind", "string"),
        ("key", "string"),
        ("uppdrag", "string"),
        ("shared", "boolean"),
    ]);
    CsvTable {
        path: "lineage_members.csv".into(),
        title: "The members of each lineage, ordered by year".into(),
        header,
        types,
        rows: vec![],
        primary_key: vec!["lineage_id".into(), "position".into()],
    }
}

fn lineage_member_row(l: &Lineage, i: usize, m: &LineageMember) -> Vec<String> {
    vec![
        l.id.clone(),
        i.to_string(),
        opt(&m.year),
        m.document.clone(),
        name(&m.kind),
        m.key.clone(),
        m.uppdrag.clone(),
        m.shared.to_string(),
    ]
}

/// `links.csv`: the links with their evidence, from [`links_csv_row`].
fn links_csv() -> CsvTable {
    let (header, types) = columns(&[
        ("relation", "string"),
        ("from_document", "string"),
        ("from_year", "integer"),
        ("from_kind", "string"),
        ("from_key", "string"),
        ("from_uppdrag", "string"),
        ("to_document", "string"),
        ("to_year", "integer"),
        ("to_kind", "string"),
        ("to_key", "string"),
        ("to_uppdrag", "string"),
        ("score", "number"),
        ("method", "string"),
        ("weighted_similarity", "number"),
        ("token_jaccard", "number"),
        ("dice", "number"),
        ("levenshtein", "number"),
        ("number", "string"),
        ("shared_rare_terms", "string"),
        ("abbreviations", "string"),
    ]);
    CsvTable {
        path: "links.csv".into(),
        title: "Links between uppdrag, with the evidence they were decided on".into(),
        header,
        types,
        rows: vec![],
        primary_key: vec![],
    }
}

fn links_csv_row(l: &Link) -> Vec<String> {
    let e = &l.evidence;
    vec![
        l.relation.as_str().into(),
        l.from.document.clone(),
        l.from.year.to_string(),
        name(&l.from.kind),
        l.from.key.clone(),
        l.from.uppdrag.clone(),
        l.to.document.clone(),
        l.to.year.to_string(),
        name(&l.to.kind),
        l.to.key.clone(),
        l.to.uppdrag.clone(),
        l.score.to_string(),
        e.method.clone(),
        e.weighted_similarity.to_string(),
        e.token_jaccard.to_string(),
        e.dice.to_string(),
        e.levenshtein.to_string(),
        name(&e.number),
        e.shared_rare_terms.join(";"),
        e.abbreviations.join(";"),
    ]
}
