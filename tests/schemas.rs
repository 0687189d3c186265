//! The JSON Schemas of `schemas/` document themselves: every property of every schema says what it
//! holds, so a researcher reading `document.schema.json` or `run-report.schema.json` needs no other
//! page to know what a field means.

use serde_json::Value;

/// Every property (at any depth, in `properties` and `$defs`) without a non-empty `description`, as
/// a JSON pointer.
fn undescribed(node: &Value, at: &str, out: &mut Vec<String>) {
    match node {
        Value::Object(map) => {
            if let Some(Value::Object(props)) = map.get("properties") {
                for (name, p) in props {
                    let described = p
                        .get("description")
                        .and_then(Value::as_str)
                        .is_some_and(|d| d.trim().len() > 3);
                    if !described {
                        out.push(format!("{at}/properties/{name}"));
                    }
                }
            }
            for (k, v) in map {
                undescribed(v, &format!("{at}/{k}"), out);
            }
        }
        Value::Array(items) => {
            for (i, v) in items.iter().enumerate() {
                undescribed(v, &format!("{at}/{i}"), out);
            }
        }
        _ => {}
    }
}

#[test]
fn every_property_of_every_schema_has_a_description() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("schemas");
    let mut schemas: Vec<_> = std::fs::read_dir(&dir)
        .expect("schemas/")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    schemas.sort();
    assert!(schemas.len() >= 9, "{schemas:?}");
    let mut missing = Vec::new();
    for path in &schemas {
        let schema: Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("readable")).expect("JSON");
        let name = path.file_name().expect("name").to_string_lossy();
        assert!(
            schema["description"]
                .as_str()
                .is_some_and(|d| !d.is_empty()),
            "{name} says nothing about itself"
        );
        let mut here = Vec::new();
        undescribed(&schema, "", &mut here);
        missing.extend(here.into_iter().map(|p| format!("{name}#{p}")));
    }
    assert!(
        missing.is_empty(),
        "properties without a description: {missing:#?}"
    );
}

/// The checker finds what it should: a property without a description is reported, at any depth.
#[test]
fn a_property_without_a_description_is_found() {
    let schema = serde_json::json!({
        "properties": {
            "a": { "type": "string", "description": "An a." },
            "b": { "type": "object", "description": "A b.", "properties": { "c": { "type": "integer" } } }
        },
        "$defs": { "d": { "properties": { "e": { "description": "" } } } }
    });
    let mut missing = Vec::new();
    undescribed(&schema, "", &mut missing);
    missing.sort();
    assert_eq!(
        missing,
        ["/$defs/d/properties/e", "/properties/b/properties/c"]
    );
}
