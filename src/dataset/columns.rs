//! The columns of the dataset's fixed CSV files (`uppdrag.csv`, `links.csv`, `lineage_members.csv`), as
//! the data package describes them, and the row of each.

use super::{name, opt, DatasetError, UppdragRow};
use crate::link::{Lineage, LineageMember, Link};
use std::path::PathBuf;

/// CSV text from a header and rows of fields.
pub(super) fn csv_bytes(
    rel: &str,
    header: &[String],
    rows: &[Vec<String>],
    delimiter: u8,
) -> Result<Vec<u8>, DatasetError> {
    csv_lines(
        rel,
        std::iter::once(header).chain(rows.iter().map(Vec::as_slice)),
        delimiter,
    )
}

/// CSV records, as bytes (a header is a record like the others).
pub(super) fn csv_lines<R>(
    rel: &str,
    records: impl IntoIterator<Item = R>,
    delimiter: u8,
) -> Result<Vec<u8>, DatasetError>
where
    R: IntoIterator,
    R::Item: AsRef<[u8]>,
{
    let err = |source| DatasetError::Csv {
        path: PathBuf::from(rel),
        source,
    };
    let mut w = csv::WriterBuilder::new()
        .has_headers(false)
        .delimiter(delimiter)
        .from_writer(Vec::new());
    for r in records {
        w.write_record(r).map_err(err)?;
    }
    w.into_inner().map_err(|e| DatasetError::Csv {
        path: PathBuf::from(rel),
        source: e.into_error().into(),
    })
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

pub(super) fn columns(spec: &[(&str, &'static str)]) -> (Vec<String>, Vec<&'static str>) {
    (
        spec.iter().map(|(n, _)| n.to_string()).collect(),
        spec.iter().map(|(_, t)| *t).collect(),
    )
}

/// `uppdrag.csv`: one row per uppdrag occurrence, from [`uppdrag_csv_row`].
pub(super) fn uppdrag_csv() -> CsvTable {
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

pub(super) fn uppdrag_csv_row(r: &UppdragRow) -> Vec<String> {
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
pub(super) fn lineage_members_csv() -> CsvTable {
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

pub(super) fn lineage_member_row(l: &Lineage, i: usize, m: &LineageMember) -> Vec<String> {
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
pub(super) fn links_csv() -> CsvTable {
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
        ("weighted_overlap", "number"),
        ("token_jaccard", "number"),
        ("dice", "number"),
        ("levenshtein", "number"),
        ("number", "string"),
        ("shared_rare_terms", "string"),
        ("abbreviations", "string"),
        ("text_score", "number"),
        ("number_weight", "number"),
        ("reference", "string"),
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

pub(super) fn links_csv_row(l: &Link) -> Vec<String> {
    let e = &l.evidence;
    let (text_score, number_weight) = crate::link::score_parts(e, l.relation, &Default::default());
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
        e.weighted_overlap.to_string(),
        e.token_jaccard.to_string(),
        e.dice.to_string(),
        e.levenshtein.to_string(),
        name(&e.number),
        e.shared_rare_terms.join(";"),
        e.abbreviations.join(";"),
        text_score.to_string(),
        number_weight.to_string(),
        opt(&e.reference),
    ]
}
