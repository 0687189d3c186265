//! The dataset's files while they are written: each a stream into a temporary file, the per-table CSV
//! files into a hidden folder, the database in its own temporary file; all put in place together when
//! the last document has been written.

use super::columns::{
    csv_bytes, csv_lines, lineage_member_row, lineage_members_csv, links_csv, links_csv_row,
    uppdrag_csv, uppdrag_csv_row, CsvTable,
};
use super::extra;
use super::index::Entry;
use super::{package, row, sqlite, DatasetError, DatasetSummary, UppdragRow, DATASET_VERSION};
use crate::corrections::Record;
use crate::emit::{sync_folder, AtomicWriter};
use crate::link::{Candidate, GoalLink, Lineage, LineageMember, Link};
use crate::model::Document;
use serde::Serialize;
use std::io::Write;
use std::path::{Path, PathBuf};

/// The dataset's files while they are written.
pub(super) struct Files {
    out: PathBuf,
    links_jsonl: AtomicWriter,
    links_csv: csv::Writer<AtomicWriter>,
    candidates_jsonl: AtomicWriter,
    candidates_csv: csv::Writer<AtomicWriter>,
    goal_links_csv: csv::Writer<AtomicWriter>,
    /// The files of [`extra::document_tables`], in their order.
    extra: Vec<(String, AtomicWriter)>,
    /// `,`, or `;` for a spreadsheet set to Swedish.
    delimiter: u8,
    excel: bool,
    // The rows of these three come ready-made from [`prepare`]: written here as bytes.
    uppdrag_jsonl: AtomicWriter,
    uppdrag_csv: AtomicWriter,
    cells_csv: AtomicWriter,
    package: AtomicWriter,
    /// Resources written to `datapackage.json` so far.
    resources: usize,
    db: sqlite::Db,
    /// Where this build's per-table CSV files go (`.tables-new/`), when it writes them; it replaces
    /// `tables/` as a whole at the end, so the tables of a document that has left the diarium leave the
    /// dataset too. A build without them removes `tables/`.
    tables_new: Option<PathBuf>,
}

/// Folders of the per-table CSV files: the one readers see, and the two used while replacing it.
const TABLES: &str = "tables";
const TABLES_NEW: &str = ".tables-new";
const TABLES_OLD: &str = ".tables-old";

impl Files {
    pub fn create(out: &Path, table_files: bool, excel: bool) -> Result<Files, DatasetError> {
        let delimiter = if excel { b';' } else { b',' };
        // Left by a build that was stopped: never part of the dataset.
        for leftover in [TABLES_NEW, TABLES_OLD] {
            let path = out.join(leftover);
            if_present(std::fs::remove_dir_all(&path))
                .map_err(|source| DatasetError::Io { path, source })?;
        }
        let tables_new = out.join(TABLES_NEW);
        if table_files {
            std::fs::create_dir_all(&tables_new).map_err(|source| DatasetError::Io {
                path: tables_new.clone(),
                source,
            })?;
        }
        let tables_new = table_files.then_some(tables_new);
        let open = |rel: &str| {
            let path = out.join(rel);
            AtomicWriter::create(&path).map_err(|source| DatasetError::Io { path, source })
        };
        let csv = |table: &CsvTable| -> Result<csv::Writer<AtomicWriter>, DatasetError> {
            let mut file = open(&table.path)?;
            if excel {
                file.write_all(BOM).map_err(|source| DatasetError::Io {
                    path: out.join(&table.path),
                    source,
                })?;
            }
            let mut w = csv::WriterBuilder::new()
                .delimiter(delimiter)
                .from_writer(file);
            w.write_record(&table.header)
                .map_err(|source| DatasetError::Csv {
                    path: PathBuf::from(&table.path),
                    source,
                })?;
            Ok(w)
        };
        let raw_csv = |table: &CsvTable| -> Result<AtomicWriter, DatasetError> {
            let mut w = open(&table.path)?;
            if excel {
                w.write_all(BOM).map_err(|source| DatasetError::Io {
                    path: out.join(&table.path),
                    source,
                })?;
            }
            w.write_all(&csv_bytes(&table.path, &table.header, &[], delimiter)?)
                .map_err(|source| DatasetError::Io {
                    path: out.join(&table.path),
                    source,
                })?;
            Ok(w)
        };
        let fixed = [
            uppdrag_csv(),
            links_csv(),
            lineage_members_csv(),
            package::table_cells(),
            extra::candidates_table(),
        ];
        let goal_links = extra::goal_links_table();
        let extra_tables = extra::document_tables();
        let mut extra = Vec::new();
        for t in &extra_tables {
            extra.push((t.path.clone(), raw_csv(t)?));
        }
        let mut files = Files {
            out: out.to_path_buf(),
            links_jsonl: open("links.jsonl")?,
            links_csv: csv(&fixed[1])?,
            candidates_jsonl: open("candidates.jsonl")?,
            candidates_csv: csv(&fixed[4])?,
            goal_links_csv: csv(&goal_links)?,
            extra,
            delimiter,
            excel,
            uppdrag_jsonl: open("uppdrag.jsonl")?,
            uppdrag_csv: raw_csv(&fixed[0])?,
            cells_csv: raw_csv(&fixed[3])?,
            package: open("datapackage.json")?,
            resources: 0,
            db: sqlite::Db::create(&out.join("styrdok.sqlite"))?,
            tables_new,
        };
        let head = package::descriptor_head();
        files
            .package
            .write_all(head.as_bytes())
            .map_err(|e| files.io("datapackage.json", e))?;
        for table in fixed.iter().chain([&goal_links]).chain(&extra_tables) {
            files.resource(table)?;
        }
        for t in &extra_tables[2..] {
            files.db.create_table(&sqlite_name(&t.path), t)?;
        }
        files.db.create_table("candidates", &fixed[4])?;
        files.db.create_table("goal_links", &goal_links)?;
        Ok(files)
    }

    fn io(&self, rel: &str, source: std::io::Error) -> DatasetError {
        DatasetError::Io {
            path: self.out.join(rel),
            source,
        }
    }

    fn resource(&mut self, table: &CsvTable) -> Result<(), DatasetError> {
        self.append_resource(&resource_json(table, self.excel))
    }

    /// Adds one resource (its JSON text) to `datapackage.json`.
    fn append_resource(&mut self, json: &str) -> Result<(), DatasetError> {
        let sep = if self.resources == 0 {
            "    "
        } else {
            ",\n    "
        };
        self.resources += 1;
        write!(self.package, "{sep}{json}").map_err(|e| self.io("datapackage.json", e))
    }

    /// Where the per-table CSV files of this build go, for [`prepare`] to write them from any thread;
    /// `None` when the build writes none.
    pub fn table_folder(&self) -> Option<TableFolder> {
        self.tables_new
            .clone()
            .map(|p| TableFolder::new(p, self.delimiter, self.excel))
    }

    pub fn delimiter(&self) -> u8 {
        self.delimiter
    }

    pub fn link(&mut self, l: &Link) -> Result<(), DatasetError> {
        jsonl_line(&mut self.links_jsonl, l).map_err(|e| self.io("links.jsonl", e))?;
        csv_row(&mut self.links_csv, "links.csv", &links_csv_row(l))?;
        self.db.link(l)
    }

    pub fn candidate(&mut self, c: &Candidate) -> Result<(), DatasetError> {
        jsonl_line(&mut self.candidates_jsonl, c).map_err(|e| self.io("candidates.jsonl", e))?;
        let row = extra::candidate_row(c);
        csv_row(&mut self.candidates_csv, "candidates.csv", &row)?;
        self.db.insert("candidates", &[row])
    }

    pub fn goal_link(&mut self, l: &GoalLink) -> Result<(), DatasetError> {
        let row = extra::goal_link_row(l);
        csv_row(&mut self.goal_links_csv, "goal_links.csv", &row)?;
        self.db.insert("goal_links", &[row])
    }

    /// Writes one document's rows (made by [`prepare`]) everywhere.
    pub fn document(&mut self, doc: &Document, prepared: &Prepared) -> Result<(), DatasetError> {
        for (lineage, link_rank, position, member) in &prepared.members {
            self.db.member(*lineage, *link_rank, *position, member)?;
        }
        self.uppdrag_jsonl
            .write_all(&prepared.uppdrag_jsonl)
            .map_err(|e| self.io("uppdrag.jsonl", e))?;
        self.uppdrag_csv
            .write_all(&prepared.uppdrag_csv)
            .map_err(|e| self.io("uppdrag.csv", e))?;
        self.cells_csv
            .write_all(&prepared.cells_csv)
            .map_err(|e| self.io("table_cells.csv", e))?;
        self.db.document(doc, &prepared.rows)?;
        for (i, bytes) in prepared.extra_csv.iter().enumerate() {
            let Some((rel, w)) = self.extra.get_mut(i) else {
                continue;
            };
            w.write_all(bytes).map_err(|source| DatasetError::Io {
                path: PathBuf::from(rel.as_str()),
                source,
            })?;
        }
        for (t, rows) in extra::document_tables()
            .iter()
            .zip(&prepared.extra_rows)
            .skip(2)
        {
            self.db.insert(&sqlite_name(&t.path), rows)?;
        }
        for json in &prepared.resources {
            self.append_resource(json)?;
        }
        Ok(())
    }

    /// Writes the lineages, closes the data package and puts every file in place.
    pub fn finish(
        mut self,
        lineages: &[Lineage],
        corrections: &[Record],
        summary: &mut DatasetSummary,
    ) -> Result<(), DatasetError> {
        let mut corrections_jsonl = AtomicWriter::create(&self.out.join("corrections.jsonl"))
            .map_err(|e| self.io("corrections.jsonl", e))?;
        for r in corrections {
            jsonl_line(&mut corrections_jsonl, r).map_err(|e| self.io("corrections.jsonl", e))?;
        }
        let mut members_csv = {
            let table = lineage_members_csv();
            let path = self.out.join(&table.path);
            let mut w = AtomicWriter::create(&path).map_err(|source| DatasetError::Io {
                path: path.clone(),
                source,
            })?;
            if self.excel {
                w.write_all(BOM)
                    .map_err(|source| DatasetError::Io { path, source })?;
            }
            let mut w = csv::WriterBuilder::new()
                .delimiter(self.delimiter)
                .from_writer(w);
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
        self.package
            .write_all(package::DESCRIPTOR_TAIL.as_bytes())
            .map_err(|e| self.io("datapackage.json", e))?;
        let Files {
            out,
            links_jsonl,
            links_csv,
            candidates_jsonl,
            candidates_csv,
            goal_links_csv,
            extra,
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
        commit("candidates.jsonl", candidates_jsonl, summary)?;
        commit(
            "candidates.csv",
            inner("candidates.csv", candidates_csv)?,
            summary,
        )?;
        commit(
            "goal_links.csv",
            inner("goal_links.csv", goal_links_csv)?,
            summary,
        )?;
        for (rel, w) in extra {
            commit(&rel, w, summary)?;
        }
        commit("corrections.jsonl", corrections_jsonl, summary)?;
        commit("lineages.json", lineages_json, summary)?;
        commit("uppdrag.jsonl", uppdrag_jsonl, summary)?;
        commit("uppdrag.csv", uppdrag_csv, summary)?;
        commit("links.csv", inner("links.csv", links_csv)?, summary)?;
        commit(
            "lineage_members.csv",
            inner("lineage_members.csv", members_csv)?,
            summary,
        )?;
        commit("table_cells.csv", cells_csv, summary)?;
        commit("datapackage.json", package, summary)?;
        db.finish()?;
        summary.files.push(PathBuf::from("styrdok.sqlite"));
        replace_folder(
            tables_new.as_deref(),
            &out.join(TABLES),
            &out.join(TABLES_OLD),
        )?;
        // One wait for the disk for all the files above (thousands of table files among them).
        sync_folder(&out).map_err(|source| DatasetError::Io {
            path: out.clone(),
            source,
        })?;
        Ok(())
    }
}

/// One document's share of the dataset, made ready on the threads that read the documents so that
/// the thread writing the files in order only copies bytes and fills the database.
pub(super) struct Prepared {
    /// Its uppdrag rows, for the database.
    pub rows: Vec<UppdragRow>,
    /// Lineage memberships for the database: lineage number, the document's link rank, the uppdrag's
    /// position, the member.
    pub members: Vec<(usize, usize, usize, LineageMember)>,
    pub uppdrag_jsonl: Vec<u8>,
    pub uppdrag_csv: Vec<u8>,
    pub cells_csv: Vec<u8>,
    /// Its rows of each of [`extra::document_tables`], as CSV bytes and as fields (for the database).
    pub extra_csv: Vec<Vec<u8>>,
    pub extra_rows: Vec<Vec<Vec<String>>>,
    /// The resource of each of its tables in `datapackage.json`, as JSON text.
    pub resources: Vec<String>,
}

/// Makes one document's rows and writes its per-table CSV files into `folder` (the build's
/// [`Files::table_folder`]). `lineages_of(position)` names the lineages (by number) an uppdrag
/// belongs to, and whether as a shared member.
pub(super) fn prepare(
    folder: Option<&TableFolder>,
    doc: &Document,
    entry: &Entry,
    lineages: &[Lineage],
    lineages_of: &dyn Fn(usize) -> Vec<(usize, bool)>,
    delimiter: u8,
) -> Result<Prepared, DatasetError> {
    let mut rows = Vec::with_capacity(doc.uppdrag.len());
    let mut members = Vec::new();
    for (p, u) in doc.uppdrag.iter().enumerate() {
        let mut ids: Vec<String> = Vec::new();
        for (n, shared) in lineages_of(p) {
            let Some(l) = lineages.get(n) else { continue };
            if !ids.contains(&l.id) {
                ids.push(l.id.clone());
            }
            members.push((n, entry.link_rank, p, LineageMember::of(doc, u, shared)));
        }
        rows.push(row(doc, u, ids));
    }
    let mut uppdrag_jsonl = Vec::new();
    for r in &rows {
        jsonl_line(&mut uppdrag_jsonl, r).map_err(|source| DatasetError::Io {
            path: PathBuf::from("uppdrag.jsonl"),
            source,
        })?;
    }
    let uppdrag_csv = csv_lines("uppdrag.csv", rows.iter().map(uppdrag_csv_row), delimiter)?;
    let cells_csv = csv_lines("table_cells.csv", package::cell_rows(doc), delimiter)?;
    let extra_rows = extra::document_rows(doc);
    let mut extra_csv = Vec::new();
    for (t, rows) in extra::document_tables().iter().zip(&extra_rows) {
        extra_csv.push(csv_lines(&t.path, rows, delimiter)?);
    }
    let mut resources = Vec::new();
    if let Some(folder) = folder {
        for table in &package::tables(doc) {
            let mut bytes = if folder.excel { BOM.to_vec() } else { vec![] };
            bytes.extend(csv_bytes(
                &table.path,
                &table.header,
                &table.rows,
                folder.delimiter,
            )?);
            let name = Path::new(&table.path).file_name().unwrap_or_default();
            folder.write(name, &bytes)?;
            resources.push(resource_json(table, folder.excel));
        }
    }
    Ok(Prepared {
        rows,
        members,
        uppdrag_jsonl,
        uppdrag_csv,
        cells_csv,
        extra_csv,
        extra_rows,
        resources,
    })
}

/// The folder the per-table CSV files of a build go to, written from several threads.
pub(super) struct TableFolder {
    path: PathBuf,
    /// Held while a file is created. Creating files in one folder is serial in the kernel anyway (the
    /// folder is locked), and threads that meet there spin on the lock: measured on ext4 with 160,000
    /// table files, a third of the build's CPU time. Waiting here sleeps instead; the data is written
    /// after the lock is released.
    creating: std::sync::Mutex<()>,
    delimiter: u8,
    excel: bool,
}

impl TableFolder {
    fn new(path: PathBuf, delimiter: u8, excel: bool) -> TableFolder {
        TableFolder {
            path,
            creating: std::sync::Mutex::new(()),
            delimiter,
            excel,
        }
    }

    /// A plain write: the folder is hidden until complete.
    fn write(&self, name: &std::ffi::OsStr, bytes: &[u8]) -> Result<(), DatasetError> {
        let path = self.path.join(name);
        let file = {
            let _creating = self.creating.lock().unwrap_or_else(|e| e.into_inner());
            std::fs::File::create(&path)
        };
        file.and_then(|mut f| f.write_all(bytes))
            .map_err(|source| DatasetError::Io { path, source })
    }
}

/// A table's resource in `datapackage.json`, as JSON text.
fn resource_json(table: &CsvTable, excel: bool) -> String {
    serde_json::to_string(&package::resource(table, excel)).unwrap_or_default()
}

/// The byte-order mark that tells a spreadsheet the file is UTF-8.
const BOM: &[u8] = b"\xEF\xBB\xBF";

/// The database table of a CSV file: its name without `.csv`.
fn sqlite_name(path: &str) -> String {
    path.trim_end_matches(".csv").to_string()
}

/// Puts folder `new` in the place of `target` by way of `old`, or with no `new` only removes `target`
/// (left by a build that wrote per-table files). Between the two renames `target` is briefly missing; a
/// build stopped there leaves `old` and `new`, which the next build removes before it writes the dataset
/// again (the run's `dataset-complete` stamp is not written until then).
fn replace_folder(new: Option<&Path>, target: &Path, old: &Path) -> Result<(), DatasetError> {
    let io = |path: &Path| {
        let path = path.to_path_buf();
        move |source| DatasetError::Io { path, source }
    };
    if_present(std::fs::rename(target, old)).map_err(io(target))?;
    if let Some(new) = new {
        std::fs::rename(new, target).map_err(io(target))?;
    }
    if_present(std::fs::remove_dir_all(old)).map_err(io(old))
}

/// The result of a file operation, with "not found" counting as done: there was nothing to remove.
fn if_present(result: std::io::Result<()>) -> std::io::Result<()> {
    match result {
        Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(()),
        other => other,
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
