//! The JSON Schemas of `schemas/`, compiled into the binary so `styrdok validate` needs no files, and
//! validated with a real JSON Schema 2020-12 validator.

use serde_json::Value;

/// Which contract a JSON value claims to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    Document,
    /// One line of the dataset's `links.jsonl`.
    Link,
    /// One line of the dataset's `candidates.jsonl`: a near miss.
    Candidate,
    /// The dataset's `lineages.json`.
    Lineages,
    /// One line of the dataset's `uppdrag.jsonl`.
    UppdragRow,
    /// The dataset's Frictionless `datapackage.json`.
    DataPackage,
    /// `OUT/run-report.json` of `styrdok run`.
    RunReport,
    /// The corrections file a person writes (`styrdok-corrections.toml`), as data.
    Corrections,
    /// One line of `OUT/corrections.jsonl`: what became of one correction.
    CorrectionsRecord,
}

impl SchemaKind {
    /// Every contract, in the order `styrdok validate --help` lists them.
    pub const ALL: [SchemaKind; 9] = [
        SchemaKind::Document,
        SchemaKind::Link,
        SchemaKind::Candidate,
        SchemaKind::Lineages,
        SchemaKind::UppdragRow,
        SchemaKind::DataPackage,
        SchemaKind::RunReport,
        SchemaKind::Corrections,
        SchemaKind::CorrectionsRecord,
    ];

    pub fn source(self) -> &'static str {
        match self {
            SchemaKind::Document => include_str!("../../schemas/document.schema.json"),
            SchemaKind::Link => include_str!("../../schemas/links.schema.json"),
            SchemaKind::Candidate => include_str!("../../schemas/candidates.schema.json"),
            SchemaKind::Lineages => include_str!("../../schemas/lineages.schema.json"),
            SchemaKind::UppdragRow => include_str!("../../schemas/uppdrag-row.schema.json"),
            SchemaKind::DataPackage => include_str!("../../schemas/datapackage.schema.json"),
            SchemaKind::RunReport => include_str!("../../schemas/run-report.schema.json"),
            SchemaKind::Corrections => include_str!("../../schemas/corrections.schema.json"),
            SchemaKind::CorrectionsRecord => {
                include_str!("../../schemas/corrections-record.schema.json")
            }
        }
    }

    /// The schema's name, as `--schema` takes it: its file name in `schemas/` without
    /// `.schema.json`.
    pub fn name(self) -> &'static str {
        match self {
            SchemaKind::Document => "document",
            SchemaKind::Link => "links",
            SchemaKind::Candidate => "candidates",
            SchemaKind::Lineages => "lineages",
            SchemaKind::UppdragRow => "uppdrag-row",
            SchemaKind::DataPackage => "datapackage",
            SchemaKind::RunReport => "run-report",
            SchemaKind::Corrections => "corrections",
            SchemaKind::CorrectionsRecord => "corrections-record",
        }
    }

    /// The contract of a schema name (see [`SchemaKind::name`]).
    pub fn named(name: &str) -> Option<SchemaKind> {
        SchemaKind::ALL.into_iter().find(|k| k.name() == name)
    }

    /// The contract of a file styrdok writes, by its name: `links.jsonl`, `candidates.jsonl`,
    /// `uppdrag.jsonl`, `corrections.jsonl`, `lineages.json`, `datapackage.json`, `run-report.json`,
    /// a corrections file (`*.toml`) and a document (`documents/<id>.json`). `None` for any other
    /// name: its shape decides ([`SchemaKind::of`]).
    pub fn of_file(path: &std::path::Path) -> Option<SchemaKind> {
        let name = path.file_name()?.to_str()?;
        match name {
            "links.jsonl" => Some(SchemaKind::Link),
            "candidates.jsonl" => Some(SchemaKind::Candidate),
            "uppdrag.jsonl" => Some(SchemaKind::UppdragRow),
            "corrections.jsonl" => Some(SchemaKind::CorrectionsRecord),
            "lineages.json" => Some(SchemaKind::Lineages),
            "datapackage.json" => Some(SchemaKind::DataPackage),
            "run-report.json" => Some(SchemaKind::RunReport),
            _ if name.ends_with(".toml") => Some(SchemaKind::Corrections),
            _ => {
                let stem = name.strip_suffix(".json")?;
                let in_documents = path
                    .parent()
                    .and_then(|p| p.file_name())
                    .is_some_and(|p| p == "documents");
                (in_documents && stem.len() == 16 && stem.bytes().all(|b| b.is_ascii_hexdigit()))
                    .then_some(SchemaKind::Document)
            }
        }
    }

    /// Recognises the contract of a value by its shape.
    pub fn of(value: &Value) -> Option<SchemaKind> {
        let obj = value.as_object()?;
        let has = |k: &str| obj.contains_key(k);
        if has("report_version") && has("failures") {
            Some(SchemaKind::RunReport)
        } else if has("schema_version") && has("uppdrag") {
            Some(SchemaKind::Document)
        } else if has("relation") && has("from") && has("to") && has("threshold") {
            Some(SchemaKind::Candidate)
        } else if has("relation") && has("from") && has("to") {
            Some(SchemaKind::Link)
        } else if has("lineages") {
            Some(SchemaKind::Lineages)
        } else if has("lineage_ids") && has("uppdrag") {
            Some(SchemaKind::UppdragRow)
        } else if has("resources") && has("profile") {
            Some(SchemaKind::DataPackage)
        } else if has("correction") && has("status") {
            Some(SchemaKind::CorrectionsRecord)
        } else {
            None
        }
    }
}

/// Validates a value against a schema, returning every error (path and message), not just the first.
pub fn validate(kind: SchemaKind, value: &Value) -> Result<(), Vec<String>> {
    let schema: Value = serde_json::from_str(kind.source())
        .map_err(|e| vec![format!("schema does not parse: {e}")])?;
    let validator = jsonschema::options()
        .with_draft(jsonschema::Draft::Draft202012)
        .build(&schema)
        .map_err(|e| vec![format!("schema does not compile: {e}")])?;
    let errors: Vec<String> = validator
        .iter_errors(value)
        .map(|e| format!("{}: {}", e.instance_path(), e))
        .collect();
    if errors.is_empty() {
        Ok(())
    } else {
        Err(errors)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_schema_rejects_what_it_should() {
        let bad = serde_json::json!({"schema_version": "1.0", "uppdrag": []});
        let errors = validate(SchemaKind::Document, &bad).unwrap_err();
        assert!(errors.iter().any(|e| e.contains("required")), "{errors:?}");
    }

    #[test]
    fn dataset_shapes_are_recognised_and_their_schemas_compile() {
        let link = serde_json::json!({"relation": "continuation", "from": {}, "to": {}});
        assert_eq!(SchemaKind::of(&link), Some(SchemaKind::Link));
        assert!(validate(SchemaKind::Link, &link).is_err());
        let lineages = serde_json::json!({"dataset_version": "1.0", "lineages": []});
        assert_eq!(SchemaKind::of(&lineages), Some(SchemaKind::Lineages));
        assert_eq!(validate(SchemaKind::Lineages, &lineages), Ok(()));
        let row = serde_json::json!({"lineage_ids": [], "uppdrag": "u-0"});
        assert_eq!(SchemaKind::of(&row), Some(SchemaKind::UppdragRow));
        assert!(validate(SchemaKind::UppdragRow, &row).is_err());
    }

    #[test]
    fn every_schema_compiles_and_has_a_name() {
        for kind in SchemaKind::ALL {
            assert_eq!(SchemaKind::named(kind.name()), Some(kind));
            let errors = validate(kind, &serde_json::json!(42)).unwrap_err();
            assert!(
                !errors[0].contains("compile"),
                "{}: {errors:?}",
                kind.name()
            );
        }
    }

    #[test]
    fn files_are_known_by_their_names() {
        use std::path::Path;
        let of = |p: &str| SchemaKind::of_file(Path::new(p));
        assert_eq!(of("out/links.jsonl"), Some(SchemaKind::Link));
        assert_eq!(of("out/candidates.jsonl"), Some(SchemaKind::Candidate));
        assert_eq!(
            of("out/corrections.jsonl"),
            Some(SchemaKind::CorrectionsRecord)
        );
        assert_eq!(of("out/run-report.json"), Some(SchemaKind::RunReport));
        assert_eq!(
            of("d/styrdok-corrections.toml"),
            Some(SchemaKind::Corrections)
        );
        assert_eq!(
            of("out/documents/0123456789abcdef.json"),
            Some(SchemaKind::Document)
        );
        assert_eq!(of("elsewhere/0123456789abcdef.json"), None);
        assert_eq!(of("notes.json"), None);
    }
}
