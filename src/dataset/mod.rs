//! Dataset: what researchers download — every uppdrag occurrence with its lineage, the links with their
//! evidence, the tables, as JSON Lines, CSV described by a Frictionless data package, and one SQLite
//! database in which a single query answers "what became of uppdrag X". Every file is written
//! atomically, so a reader never sees half a dataset file.

mod package;
mod sqlite;

use crate::emit::write_atomic;
use crate::link::{link, Lineage, Link, LinkOptions, Linked};
use crate::model::{Diagnostic, DocKind, Document, Uppdrag, UppdragStatus};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::path::{Path, PathBuf};

/// Version of the dataset files' contract (`schemas/links.schema.json`, `lineages.schema.json`,
/// `uppdrag-row.schema.json`).
pub const DATASET_VERSION: &str = "1.0";

/// What was written.
#[derive(Clone, Debug, Default)]
pub struct DatasetSummary {
    pub documents: usize,
    pub uppdrag: usize,
    pub links: usize,
    pub lineages: usize,
    pub tables: usize,
    /// Every file written, relative to the output folder.
    pub files: Vec<PathBuf>,
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

/// Orders documents as the dataset lists them: by year, then plan before reports, then id.
fn sorted(docs: &[Document]) -> Vec<&Document> {
    let mut out: Vec<&Document> = docs.iter().collect();
    let rank = |k: Option<DocKind>| match k {
        Some(DocKind::Plan) => 0,
        Some(DocKind::InterimReport) => 1,
        Some(DocKind::Report) => 2,
        _ => 3,
    };
    out.sort_by(|a, b| {
        (a.metadata.year, rank(a.metadata.kind), &a.id).cmp(&(
            b.metadata.year,
            rank(b.metadata.kind),
            &b.id,
        ))
    });
    out.dedup_by(|a, b| a.id == b.id);
    out
}

/// The rows of `uppdrag.jsonl`: one per uppdrag occurrence, documents in dataset order.
pub fn uppdrag_rows(docs: &[&Document], lineages: &[Lineage]) -> Vec<UppdragRow> {
    let mut of: HashMap<(&str, &str), Vec<String>> = HashMap::new();
    for l in lineages {
        for m in &l.members {
            of.entry((m.document.as_str(), m.uppdrag.as_str()))
                .or_default()
                .push(l.id.clone());
        }
    }
    let mut rows = Vec::new();
    for doc in docs {
        for u in &doc.uppdrag {
            let mut ids = of
                .get(&(doc.id.as_str(), u.id.as_str()))
                .cloned()
                .unwrap_or_default();
            ids.dedup();
            rows.push(row(doc, u, ids));
        }
    }
    rows
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

/// One JSON value per line.
fn jsonl<T: Serialize>(items: &[T]) -> String {
    let mut out = String::new();
    for item in items {
        // Plain structs with string keys always serialize.
        out.push_str(&serde_json::to_string(item).unwrap_or_default());
        out.push('\n');
    }
    out
}

/// Writes one file of the dataset atomically and records it.
fn put(
    out: &Path,
    rel: &str,
    bytes: &[u8],
    summary: &mut DatasetSummary,
) -> Result<(), DatasetError> {
    let path = out.join(rel);
    write_atomic(&path, bytes)
        .and_then(|()| readable(&path))
        .map_err(|source| DatasetError::Io {
            path: path.clone(),
            source,
        })?;
    summary.files.push(PathBuf::from(rel));
    Ok(())
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

/// Links the documents and writes the dataset into `out`: `links.jsonl`, `lineages.json`,
/// `uppdrag.jsonl`, `uppdrag.csv`, `links.csv`, `lineage_members.csv`, `table_cells.csv`, one CSV per
/// table under `tables/`, `datapackage.json` and `styrdok.sqlite`.
pub fn write_dataset(
    docs: &[Document],
    out: &Path,
    opts: &LinkOptions,
) -> Result<DatasetSummary, DatasetError> {
    let linked = link(docs, opts);
    write_linked(docs, &linked, out)
}

/// Writes the dataset of documents already linked.
pub fn write_linked(
    docs: &[Document],
    linked: &Linked,
    out: &Path,
) -> Result<DatasetSummary, DatasetError> {
    std::fs::create_dir_all(out).map_err(|source| DatasetError::Io {
        path: out.to_path_buf(),
        source,
    })?;
    let docs = sorted(docs);
    let rows = uppdrag_rows(&docs, &linked.lineages);
    let mut summary = DatasetSummary {
        documents: docs.len(),
        uppdrag: rows.len(),
        links: linked.links.len(),
        lineages: linked.lineages.len(),
        diagnostics: linked.diagnostics.clone(),
        ..Default::default()
    };
    put(
        out,
        "links.jsonl",
        jsonl(&linked.links).as_bytes(),
        &mut summary,
    )?;
    let lineages = LineagesFile {
        dataset_version: DATASET_VERSION.into(),
        lineages: linked.lineages.clone(),
    };
    let json = serde_json::to_string_pretty(&lineages).unwrap_or_default();
    put(out, "lineages.json", json.as_bytes(), &mut summary)?;
    put(out, "uppdrag.jsonl", jsonl(&rows).as_bytes(), &mut summary)?;

    let mut resources = Vec::new();
    for table in csv_tables(&docs, &rows, &linked.links, &linked.lineages) {
        let bytes = csv_bytes(&table.path, &table.header, &table.rows)?;
        put(out, &table.path, &bytes, &mut summary)?;
        if table.path.starts_with("tables/") {
            summary.tables += 1;
        }
        resources.push(package::resource(&table));
    }
    let descriptor = package::descriptor(resources);
    put(out, "datapackage.json", descriptor.as_bytes(), &mut summary)?;
    sqlite::write(&out.join("styrdok.sqlite"), &docs, &rows, linked)?;
    summary.files.push(PathBuf::from("styrdok.sqlite"));
    Ok(summary)
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

/// Every CSV file of the dataset: uppdrag, links, lineage members, table cells, and each table.
fn csv_tables(
    docs: &[&Document],
    rows: &[UppdragRow],
    links: &[Link],
    lineages: &[Lineage],
) -> Vec<CsvTable> {
    let mut out = Vec::new();
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
    out.push(CsvTable {
        path: "uppdrag.csv".into(),
        title: "One row per uppdrag occurrence, with its lineage".into(),
        header,
        types,
        rows: rows
            .iter()
            .map(|r| {
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
            })
            .collect(),
        primary_key: vec!["document".into(), "uppdrag".into()],
    });
    out.push(links_csv(links));
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
    out.push(CsvTable {
        path: "lineage_members.csv".into(),
        title: "The members of each lineage, ordered by year".into(),
        header,
        types,
        rows: lineages
            .iter()
            .flat_map(|l| {
                l.members.iter().enumerate().map(|(i, m)| {
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
                })
            })
            .collect(),
        primary_key: vec!["lineage_id".into(), "position".into()],
    });
    out.push(package::table_cells(docs));
    out.extend(package::tables(docs));
    out
}

fn links_csv(links: &[Link]) -> CsvTable {
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
        rows: links
            .iter()
            .map(|l| {
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
            })
            .collect(),
        primary_key: vec![],
    }
}
