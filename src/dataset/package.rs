//! The tables of the documents as CSV, and the Frictionless Data Package descriptor
//! (`datapackage.json`) that tells tools such as `frictionless validate` or pandas what every CSV column
//! is.

use super::columns::CsvTable;
use super::opt;
use crate::model::{Cell, Document, Table};
use serde_json::{json, Value};

/// The resource entry of one CSV file; `excel`: the file has a byte-order mark and `;` between fields.
pub(super) fn resource(t: &CsvTable, excel: bool) -> Value {
    let name: String = t
        .path
        .trim_end_matches(".csv")
        .chars()
        .map(|c| {
            if c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.') {
                c.to_ascii_lowercase()
            } else {
                '-'
            }
        })
        .collect();
    let fields: Vec<Value> = t
        .header
        .iter()
        .zip(&t.types)
        .map(|(n, ty)| {
            let mut field = json!({"name": n, "type": ty});
            if let Some(d) = super::describe::description(&t.path, n) {
                field["description"] = json!(d);
            }
            if let Some(values) = super::describe::values(&t.path, n) {
                field["constraints"] = json!({"enum": values});
            }
            field
        })
        .collect();
    let mut schema = json!({"fields": fields, "missingValues": [""]});
    if !t.primary_key.is_empty() {
        schema["primaryKey"] = json!(t.primary_key);
    }
    let keys = super::describe::foreign_keys(&t.path);
    if keys.as_array().is_some_and(|k| !k.is_empty()) {
        schema["foreignKeys"] = keys;
    }
    let mut resource = json!({
        "name": name,
        "path": t.path,
        "title": t.title,
        "profile": "tabular-data-resource",
        "format": "csv",
        "mediatype": "text/csv",
        "encoding": "utf-8",
        "schema": schema,
    });
    if excel {
        resource["encoding"] = json!("utf-8-sig");
        resource["dialect"] = json!({"delimiter": ";"});
    }
    resource
}

/// What closes `datapackage.json` after its resources.
pub(super) const DESCRIPTOR_TAIL: &str = "\n  ]\n}\n";

/// `datapackage.json` up to its resources: the resources (one per CSV, and there is a CSV per table) are
/// written after it as they come, then [`DESCRIPTOR_TAIL`].
pub(super) fn descriptor_head() -> String {
    let package = json!({
        "profile": "tabular-data-package",
        "name": "styrdok",
        "title": "Uppdrag, their lineages and the tables of Swedish governing documents",
        "description": "Made by styrdok from plans and reports: one row per uppdrag occurrence with its lineage, the links between uppdrag with their evidence, and the tables of the documents. links.jsonl, lineages.json and uppdrag.jsonl hold the same data as JSON; styrdok.sqlite holds it all as one database.",
        "version": super::DATASET_VERSION,
    });
    let text = serde_json::to_string_pretty(&package).unwrap_or_default();
    let open = text.trim_end().trim_end_matches('}').trim_end();
    format!("{open},\n  \"resources\": [\n")
}

fn cell_row(doc: &Document, t: &Table, part: &str, r: usize, c: usize, cell: &Cell) -> Vec<String> {
    let q = cell.quantity.as_ref();
    vec![
        doc.id.clone(),
        t.id.clone(),
        opt(&t.title),
        opt(&t.unit),
        part.into(),
        r.to_string(),
        c.to_string(),
        cell.text.clone(),
        q.map(|q| opt(&q.value)).unwrap_or_default(),
        q.map(|q| opt(&q.unit)).unwrap_or_default(),
        q.map(|q| opt(&q.min)).unwrap_or_default(),
        q.map(|q| opt(&q.max)).unwrap_or_default(),
        q.map(|q| opt(&q.of)).unwrap_or_default(),
        q.map(|q| opt(&q.comparator)).unwrap_or_default(),
    ]
}

/// `table_cells.csv`: every cell of every table in long form, one row per cell with its parsed
/// quantity. Its rows come from [`cell_rows`], document by document.
pub(super) fn table_cells() -> CsvTable {
    let spec = [
        ("document", "string"),
        ("table", "string"),
        ("title", "string"),
        ("unit", "string"),
        ("part", "string"),
        ("row", "integer"),
        ("col", "integer"),
        ("text", "string"),
        ("value", "number"),
        ("quantity_unit", "string"),
        ("min", "number"),
        ("max", "number"),
        ("of", "number"),
        ("comparator", "string"),
    ];
    CsvTable {
        path: "table_cells.csv".into(),
        title: "Every table cell of the documents, one row per cell".into(),
        header: spec.iter().map(|(n, _)| n.to_string()).collect(),
        types: spec.iter().map(|(_, t)| *t).collect(),
        rows: vec![],
        primary_key: vec![
            "document".into(),
            "table".into(),
            "part".into(),
            "row".into(),
            "col".into(),
        ],
    }
}

/// The `table_cells.csv` rows of one document.
pub(super) fn cell_rows(doc: &Document) -> Vec<Vec<String>> {
    let mut rows = Vec::new();
    for t in &doc.tables {
        for (part, grid) in [("header", &t.header), ("body", &t.rows)] {
            for (r, cells) in grid.iter().enumerate() {
                for (c, cell) in cells.iter().enumerate() {
                    rows.push(cell_row(doc, t, part, r, c, cell));
                }
            }
        }
    }
    rows
}

/// Each table as its own CSV, `tables/<document>-<table>.csv`: one header line naming each column by the
/// header levels above it (blank or repeated names get `col_<n>`), then the body rows.
pub(super) fn tables(doc: &Document) -> Vec<CsvTable> {
    let mut out = Vec::new();
    for t in &doc.tables {
        let (names, rows) = crate::tables::grid(t);
        let mut header: Vec<String> = Vec::new();
        for (c, name) in names.into_iter().enumerate() {
            if name.is_empty() || header.contains(&name) {
                header.push(format!("col_{}", c + 1));
            } else {
                header.push(name);
            }
        }
        let safe: String = format!("{}-{}", doc.id, t.id)
            .chars()
            .map(|c| {
                if c.is_ascii_alphanumeric() || c == '-' || c == '_' {
                    c
                } else {
                    '_'
                }
            })
            .collect();
        out.push(CsvTable {
            path: format!("tables/{safe}.csv"),
            title: t
                .title
                .clone()
                .unwrap_or_else(|| format!("Table {} of {}", t.id, doc.source.path)),
            types: vec!["string"; header.len()],
            header,
            rows,
            primary_key: vec![],
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Source};

    #[test]
    fn blank_or_repeated_column_names_are_numbered_and_rows_padded() {
        let source = Source {
            path: "x.docx".into(),
            sha256: String::new(),
            format: Format::Docx,
            bytes: 0,
        };
        let doc = Document {
            id: "0123456789abcdef".into(),
            tables: vec![Table {
                id: "t1".into(),
                title: Some("Styrtal".into()),
                unit: None,
                header: vec![vec![
                    Cell::text("Styrtal"),
                    Cell::text(""),
                    Cell::text("Styrtal"),
                ]],
                rows: vec![vec![Cell::text("Frisktal"), Cell::text("87 %")]],
                prov: Default::default(),
            }],
            ..Document::new(source, String::new())
        };
        let t = tables(&doc);
        assert_eq!(t.len(), 1);
        assert_eq!(t[0].path, "tables/0123456789abcdef-t1.csv");
        assert_eq!(t[0].header, vec!["Styrtal", "col_2", "col_3"]);
        assert_eq!(
            t[0].rows,
            vec![vec!["Frisktal".to_string(), "87 %".into(), String::new()]]
        );
        assert_eq!(cell_rows(&doc).len(), 5);
    }
}
