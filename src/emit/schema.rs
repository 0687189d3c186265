//! The JSON Schemas of `schemas/`, compiled into the binary so `styrdok validate` needs no files, and
//! validated with a real JSON Schema 2020-12 validator.

use serde_json::Value;

/// Which contract a JSON value claims to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    Document,
    /// One line of the dataset's `links.jsonl`.
    Link,
    /// The dataset's `lineages.json`.
    Lineages,
    /// One line of the dataset's `uppdrag.jsonl`.
    UppdragRow,
    /// The dataset's Frictionless `datapackage.json`.
    DataPackage,
    /// `OUT/run-report.json` of `styrdok run`.
    RunReport,
}

impl SchemaKind {
    pub fn source(self) -> &'static str {
        match self {
            SchemaKind::Document => include_str!("../../schemas/document.schema.json"),
            SchemaKind::Link => include_str!("../../schemas/links.schema.json"),
            SchemaKind::Lineages => include_str!("../../schemas/lineages.schema.json"),
            SchemaKind::UppdragRow => include_str!("../../schemas/uppdrag-row.schema.json"),
            SchemaKind::DataPackage => include_str!("../../schemas/datapackage.schema.json"),
            SchemaKind::RunReport => include_str!("../../schemas/run-report.schema.json"),
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
        } else if has("relation") && has("from") && has("to") {
            Some(SchemaKind::Link)
        } else if has("lineages") {
            Some(SchemaKind::Lineages)
        } else if has("lineage_ids") && has("uppdrag") {
            Some(SchemaKind::UppdragRow)
        } else if has("resources") && has("profile") {
            Some(SchemaKind::DataPackage)
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
}
