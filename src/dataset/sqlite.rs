//! The dataset as one SQLite database (`styrdok.sqlite`): documents, uppdrag, goals, links, lineages
//! and table cells, joined by ids, so that one query follows an uppdrag through the years. Filled one
//! document at a time in a temporary file next to the target and renamed over it when complete; the
//! lineage members wait in a scratch table until every document has been read, then leave it in
//! lineage order.

use super::{name, DatasetError, UppdragRow};
use crate::link::{Lineage, LineageMember, Link};
use crate::model::{DocKind, Document};
use rusqlite::{params, Connection};
use std::path::{Path, PathBuf};
use tempfile::NamedTempFile;

const SCHEMA: &str = "
CREATE TABLE documents (
  id TEXT PRIMARY KEY, source_path TEXT NOT NULL, sha256 TEXT NOT NULL, format TEXT NOT NULL,
  kind TEXT, year INTEGER, title TEXT, organisation TEXT, body TEXT, diarienummer TEXT);
CREATE TABLE uppdrag (
  id TEXT NOT NULL, document_id TEXT NOT NULL REFERENCES documents(id), position INTEGER NOT NULL,
  key TEXT NOT NULL, series TEXT NOT NULL, number INTEGER NOT NULL, number_end INTEGER, sub TEXT,
  parent TEXT, text TEXT NOT NULL, text_raw TEXT NOT NULL, issuer TEXT, recipient TEXT, goal TEXT,
  page INTEGER, status TEXT, comment TEXT, comment_raw TEXT, lineage_id TEXT,
  PRIMARY KEY (document_id, position));
CREATE INDEX uppdrag_id ON uppdrag(id);
CREATE TABLE goals (
  id TEXT NOT NULL, document_id TEXT NOT NULL REFERENCES documents(id), key TEXT NOT NULL,
  label TEXT NOT NULL, number INTEGER, text TEXT NOT NULL, text_raw TEXT NOT NULL);
CREATE TABLE links (
  from_uppdrag TEXT NOT NULL, to_uppdrag TEXT NOT NULL, relation TEXT NOT NULL, score REAL NOT NULL,
  from_document TEXT NOT NULL, to_document TEXT NOT NULL, method TEXT NOT NULL, evidence TEXT NOT NULL);
CREATE INDEX links_from ON links(from_uppdrag);
CREATE INDEX links_to ON links(to_uppdrag);
CREATE TABLE lineages (
  id TEXT PRIMARY KEY, first_year INTEGER, last_year INTEGER, members INTEGER NOT NULL);
CREATE TABLE lineage_members (
  lineage_id TEXT NOT NULL REFERENCES lineages(id), position INTEGER NOT NULL,
  uppdrag_id TEXT NOT NULL, document_id TEXT NOT NULL, shared INTEGER NOT NULL,
  PRIMARY KEY (lineage_id, position));
CREATE INDEX lineage_members_uppdrag ON lineage_members(uppdrag_id);
CREATE TABLE table_cells (
  document_id TEXT NOT NULL REFERENCES documents(id), table_id TEXT NOT NULL, title TEXT, unit TEXT,
  part TEXT NOT NULL, row INTEGER NOT NULL, col INTEGER NOT NULL, text TEXT NOT NULL, value REAL,
  quantity_unit TEXT, min REAL, max REAL, of REAL, comparator TEXT);
";

/// Lineage members wait here until every document has been read. A temporary table lives in SQLite's
/// own temporary file, not in the dataset's: the database never holds its pages, so it needs no
/// rewriting (VACUUM) to be compact when it is renamed into place.
const SCRATCH: &str = "
CREATE TEMP TABLE scratch_members (
  lineage INTEGER NOT NULL, link_rank INTEGER NOT NULL, position INTEGER NOT NULL,
  uppdrag_id TEXT NOT NULL, document_id TEXT NOT NULL, source TEXT NOT NULL, year INTEGER,
  kind TEXT NOT NULL, key TEXT NOT NULL, shared INTEGER NOT NULL);
CREATE INDEX temp.scratch_order ON scratch_members(lineage, link_rank, position);
";

/// The database being built.
pub(super) struct Db {
    conn: Connection,
    tmp: NamedTempFile,
    path: PathBuf,
    /// The column types of the tables made by [`Db::create_table`].
    types: std::collections::HashMap<String, Vec<&'static str>>,
}

impl Db {
    /// Starts the database that will replace `path`.
    pub fn create(path: &Path) -> Result<Db, DatasetError> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        let tmp = tempfile::Builder::new()
            .prefix(".styrdok-")
            .suffix(".sqlite")
            .tempfile_in(dir)
            .map_err(|source| io(path, source))?;
        let conn = Connection::open(tmp.path())?;
        // A scratch file until renamed: durability comes from the final fsync, not from a journal.
        // The page cache (64 MiB, a fixed bound) keeps the indexes being filled in memory instead of
        // reading their pages back from the file.
        conn.execute_batch(
            "PRAGMA journal_mode = OFF; PRAGMA synchronous = OFF; PRAGMA cache_size = -65536;",
        )?;
        conn.execute_batch(SCHEMA)?;
        conn.execute_batch(SCRATCH)?;
        conn.execute_batch("BEGIN")?;
        Ok(Db {
            conn,
            tmp,
            path: path.to_path_buf(),
            types: Default::default(),
        })
    }

    pub fn link(&self, l: &Link) -> Result<(), DatasetError> {
        self.conn
            .prepare_cached("INSERT INTO links VALUES (?1,?2,?3,?4,?5,?6,?7,?8)")?
            .execute(params![
                l.from.uppdrag,
                l.to.uppdrag,
                l.relation.as_str(),
                l.score,
                l.from.document,
                l.to.document,
                l.evidence.method,
                serde_json::to_string(&l.evidence).unwrap_or_default()
            ])?;
        Ok(())
    }

    /// A table with the columns of a CSV file (`integer` → INTEGER, `number` → REAL, `boolean` →
    /// INTEGER 0/1, `string` → TEXT).
    pub fn create_table(
        &mut self,
        name: &str,
        t: &super::columns::CsvTable,
    ) -> Result<(), DatasetError> {
        self.types.insert(name.to_string(), t.types.clone());
        let columns: Vec<String> = t
            .header
            .iter()
            .zip(&t.types)
            .map(|(n, ty)| {
                let sql = match *ty {
                    "integer" | "boolean" => "INTEGER",
                    "number" => "REAL",
                    _ => "TEXT",
                };
                format!("\"{n}\" {sql}")
            })
            .collect();
        self.conn.execute_batch(&format!(
            "CREATE TABLE \"{name}\" ({});",
            columns.join(", ")
        ))?;
        Ok(())
    }

    /// Rows of CSV fields into a table made by [`Db::create_table`]: an empty field is NULL, numbers
    /// and booleans are stored as such.
    pub fn insert(&self, name: &str, rows: &[Vec<String>]) -> Result<(), DatasetError> {
        let Some(first) = rows.first() else {
            return Ok(());
        };
        let marks: Vec<String> = (1..=first.len()).map(|i| format!("?{i}")).collect();
        let mut ins = self.conn.prepare_cached(&format!(
            "INSERT INTO \"{name}\" VALUES ({})",
            marks.join(",")
        ))?;
        let types = self.types.get(name).cloned().unwrap_or_default();
        for row in rows {
            let values: Vec<rusqlite::types::Value> = row
                .iter()
                .enumerate()
                .map(|(i, f)| {
                    use rusqlite::types::Value;
                    let ty = types.get(i).copied().unwrap_or("string");
                    match ty {
                        _ if f.is_empty() && ty != "string" => Value::Null,
                        "boolean" => Value::Integer(i64::from(f == "true")),
                        "integer" => f.parse().map_or(Value::Null, Value::Integer),
                        "number" => f.parse().map_or(Value::Null, Value::Real),
                        _ if f.is_empty() => Value::Null,
                        _ => Value::Text(f.clone()),
                    }
                })
                .collect();
            ins.execute(rusqlite::params_from_iter(values))?;
        }
        Ok(())
    }

    /// One document: its row, its uppdrag rows (in text order), goals and table cells.
    pub fn document(&self, d: &Document, rows: &[UppdragRow]) -> Result<(), DatasetError> {
        let m = &d.metadata;
        self.conn
            .prepare_cached("INSERT INTO documents VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")?
            .execute(params![
                d.id,
                d.source.path,
                d.source.sha256,
                d.source.format.as_str(),
                m.kind.map(|k| name(&k)),
                m.year,
                m.title,
                m.organisation,
                m.body,
                m.diarienummer
            ])?;
        let mut ins = self.conn.prepare_cached(
            "INSERT INTO uppdrag VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)",
        )?;
        for (position, r) in rows.iter().enumerate() {
            ins.execute(params![
                r.uppdrag,
                r.document,
                position as i64,
                r.key,
                r.series,
                r.number,
                r.number_end,
                r.sub,
                r.parent,
                r.text,
                r.text_raw,
                r.issuer,
                r.recipient,
                r.goal,
                r.page,
                r.status.map(|s| name(&s)),
                r.comment,
                r.comment_raw,
                r.lineage_id
            ])?;
        }
        let mut ins = self
            .conn
            .prepare_cached("INSERT INTO goals VALUES (?1,?2,?3,?4,?5,?6,?7)")?;
        for g in &d.goals {
            ins.execute(params![
                g.id, d.id, g.key, g.label, g.number, g.text, g.text_raw
            ])?;
        }
        let mut ins = self.conn.prepare_cached(
            "INSERT INTO table_cells VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
        )?;
        for t in &d.tables {
            for (part, grid) in [("header", &t.header), ("body", &t.rows)] {
                for (r, cells) in grid.iter().enumerate() {
                    for (c, cell) in cells.iter().enumerate() {
                        let q = cell.quantity.as_ref();
                        ins.execute(params![
                            d.id,
                            t.id,
                            t.title,
                            t.unit,
                            part,
                            r as i64,
                            c as i64,
                            cell.text,
                            q.and_then(|q| q.value),
                            q.and_then(|q| q.unit.clone()),
                            q.and_then(|q| q.min),
                            q.and_then(|q| q.max),
                            q.and_then(|q| q.of),
                            q.and_then(|q| q.comparator.clone())
                        ])?;
                    }
                }
            }
        }
        Ok(())
    }

    /// Notes that an uppdrag occurrence belongs to lineage number `lineage`; `link_rank` and
    /// `position` order the members.
    pub fn member(
        &self,
        lineage: usize,
        link_rank: usize,
        position: usize,
        m: &LineageMember,
    ) -> Result<(), DatasetError> {
        self.conn
            .prepare_cached("INSERT INTO scratch_members VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")?
            .execute(params![
                lineage as i64,
                link_rank as i64,
                position as i64,
                m.uppdrag,
                m.document,
                m.source,
                m.year,
                name(&m.kind),
                m.key,
                m.shared
            ])?;
        Ok(())
    }

    /// The members of lineage number `lineage`, in order, and its row in `lineages` and
    /// `lineage_members`.
    pub fn lineage(&self, lineage: usize, id: &str) -> Result<Lineage, DatasetError> {
        let mut q = self.conn.prepare_cached(
            "SELECT uppdrag_id, document_id, source, year, kind, key, shared FROM scratch_members
             WHERE lineage = ?1 ORDER BY link_rank, position",
        )?;
        let members = q
            .query_map(params![lineage as i64], |r| {
                let kind: String = r.get(4)?;
                Ok(LineageMember {
                    uppdrag: r.get(0)?,
                    document: r.get(1)?,
                    source: r.get(2)?,
                    year: r.get(3)?,
                    kind: serde_json::from_value(serde_json::Value::String(kind))
                        .unwrap_or(DocKind::Other),
                    key: r.get(5)?,
                    shared: r.get(6)?,
                })
            })?
            .collect::<Result<Vec<_>, _>>()?;
        let years = || members.iter().filter_map(|m| m.year);
        self.conn
            .prepare_cached("INSERT INTO lineages VALUES (?1,?2,?3,?4)")?
            .execute(params![
                id,
                years().min(),
                years().max(),
                members.len() as i64
            ])?;
        let mut ins = self
            .conn
            .prepare_cached("INSERT INTO lineage_members VALUES (?1,?2,?3,?4,?5)")?;
        for (i, m) in members.iter().enumerate() {
            ins.execute(params![id, i as i64, m.uppdrag, m.document, m.shared])?;
        }
        Ok(Lineage {
            id: id.to_string(),
            members,
        })
    }

    /// Commits and renames the database into place (the scratch table goes with the connection).
    pub fn finish(self) -> Result<(), DatasetError> {
        self.conn.execute_batch("COMMIT")?;
        self.conn.close().map_err(|(_, e)| e)?;
        let path = self.path;
        self.tmp
            .as_file()
            .sync_all()
            .map_err(|source| io(&path, source))?;
        self.tmp.persist(&path).map_err(|e| io(&path, e.error))?;
        super::readable(&path).map_err(|source| io(&path, source))
    }
}

fn io(path: &Path, source: std::io::Error) -> DatasetError {
    DatasetError::Io {
        path: path.to_path_buf(),
        source,
    }
}
