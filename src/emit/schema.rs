//! The JSON Schemas of `schemas/`, compiled into the binary so `styrdok validate` needs no files, and
//! validated with a real JSON Schema 2020-12 validator.

use serde_json::Value;

/// Which contract a JSON value claims to follow.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SchemaKind {
    Document,
    /// `OUT/run-report.json` of `styrdok run`.
    RunReport,
}

impl SchemaKind {
    pub fn source(self) -> &'static str {
        match self {
            SchemaKind::Document => include_str!("../../schemas/document.schema.json"),
            SchemaKind::RunReport => include_str!("../../schemas/run-report.schema.json"),
        }
    }

    /// Recognises the contract of a value by its shape.
    pub fn of(value: &Value) -> Option<SchemaKind> {
        let obj = value.as_object()?;
        if obj.contains_key("report_version") && obj.contains_key("failures") {
            return Some(SchemaKind::RunReport);
        }
        (obj.contains_key("schema_version") && obj.contains_key("uppdrag"))
            .then_some(SchemaKind::Document)
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
}
