//! The dataset as one SQLite database (`styrdok.sqlite`): documents, uppdrag, goals, links, lineages
//! and table cells, joined by ids, so that one query follows an uppdrag through the years. Built in a
//! temporary file next to the target and renamed over it when complete.

use super::{name, DatasetError, UppdragRow};
use crate::link::Linked;
use crate::model::Document;
use rusqlite::{params, Connection};
use std::path::Path;

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

/// Builds the database at `path`, atomically.
pub(super) fn write(
    path: &Path,
    docs: &[&Document],
    rows: &[UppdragRow],
    linked: &Linked,
) -> Result<(), DatasetError> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    let io = |source| DatasetError::Io {
        path: path.to_path_buf(),
        source,
    };
    let tmp = tempfile::Builder::new()
        .prefix(".styrdok-")
        .suffix(".sqlite")
        .tempfile_in(dir)
        .map_err(io)?;
    {
        let mut conn = Connection::open(tmp.path())?;
        fill(&mut conn, docs, rows, linked)?;
        conn.close().map_err(|(_, e)| e)?;
    }
    tmp.as_file().sync_all().map_err(io)?;
    tmp.persist(path).map_err(|e| io(e.error))?;
    super::readable(path).map_err(io)
}

fn fill(
    conn: &mut Connection,
    docs: &[&Document],
    rows: &[UppdragRow],
    linked: &Linked,
) -> Result<(), rusqlite::Error> {
    conn.execute_batch(SCHEMA)?;
    let tx = conn.transaction()?;
    {
        let mut ins =
            tx.prepare("INSERT INTO documents VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10)")?;
        for d in docs {
            let m = &d.metadata;
            ins.execute(params![
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
        }
        let mut ins = tx.prepare(
            "INSERT INTO uppdrag VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14,?15,?16,?17,?18,?19)",
        )?;
        let mut position = 0usize;
        let mut last_doc = "";
        for r in rows {
            if r.document != last_doc {
                position = 0;
                last_doc = &r.document;
            }
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
            position += 1;
        }
        let mut ins = tx.prepare("INSERT INTO goals VALUES (?1,?2,?3,?4,?5,?6,?7)")?;
        for d in docs {
            for g in &d.goals {
                ins.execute(params![
                    g.id, d.id, g.key, g.label, g.number, g.text, g.text_raw
                ])?;
            }
        }
        let mut ins = tx.prepare("INSERT INTO links VALUES (?1,?2,?3,?4,?5,?6,?7,?8)")?;
        for l in &linked.links {
            ins.execute(params![
                l.from.uppdrag,
                l.to.uppdrag,
                l.relation.as_str(),
                l.score,
                l.from.document,
                l.to.document,
                l.evidence.method,
                serde_json::to_string(&l.evidence).unwrap_or_default()
            ])?;
        }
        let mut lin = tx.prepare("INSERT INTO lineages VALUES (?1,?2,?3,?4)")?;
        let mut mem = tx.prepare("INSERT INTO lineage_members VALUES (?1,?2,?3,?4,?5)")?;
        for l in &linked.lineages {
            lin.execute(params![
                l.id,
                l.members.iter().map(|m| m.year).min(),
                l.members.iter().map(|m| m.year).max(),
                l.members.len() as i64
            ])?;
            for (i, m) in l.members.iter().enumerate() {
                mem.execute(params![l.id, i as i64, m.uppdrag, m.document, m.shared])?;
            }
        }
        let mut ins = tx.prepare(
            "INSERT INTO table_cells VALUES (?1,?2,?3,?4,?5,?6,?7,?8,?9,?10,?11,?12,?13,?14)",
        )?;
        for d in docs {
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
        }
    }
    tx.commit()
}
