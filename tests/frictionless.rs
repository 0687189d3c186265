//! The data package checked by the Frictionless reference validator (`frictionless validate`, the
//! `frictionless` package from PyPI): every resource of the dataset written from the three seed
//! documents is valid — each field parses as its declared type, enumerated fields hold their values,
//! primary keys are unique and foreign keys resolve — as plain CSV and as CSV for Swedish Excel.
//!
//! Needs `frictionless` (`.ci/run` installs it in a virtual environment and puts it on PATH;
//! `STYRDOK_FRICTIONLESS` may name the program). Without it the test says so and skips, except under CI,
//! where it fails.

mod common;
use common::*;
use std::path::{Path, PathBuf};
use std::process::Command;
use styrdok::dataset::{write_dataset, DatasetOptions};

/// The `frictionless` program, or `None` (with a message) when it is not installed.
fn frictionless() -> Option<PathBuf> {
    let named = std::env::var_os("STYRDOK_FRICTIONLESS").map(PathBuf::from);
    let on_path = || {
        std::env::var_os("PATH").and_then(|paths| {
            std::env::split_paths(&paths)
                .map(|p| p.join("frictionless"))
                .find(|p| p.is_file())
        })
    };
    let found = named.filter(|p| p.is_file()).or_else(on_path);
    if found.is_none() {
        let message = "frictionless is not installed (`.ci/run` installs it; or pip install \
                       frictionless); the data package was not checked by the reference validator";
        assert!(std::env::var_os("CI").is_none(), "{message}");
        eprintln!("SKIPPED: {message}");
    }
    found
}

/// Runs `frictionless validate --json` on a data package; returns the report.
fn validate(program: &Path, package: &Path) -> serde_json::Value {
    let out = Command::new(program)
        .args(["validate", "--json"])
        .arg(package)
        .output()
        .expect("frictionless runs");
    let stdout = String::from_utf8_lossy(&out.stdout);
    serde_json::from_str(&stdout).unwrap_or_else(|e| {
        panic!(
            "frictionless gave no JSON report ({e}): {stdout}\n{}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

/// The errors of a report, one line each: resource, type and message.
fn errors(report: &serde_json::Value) -> Vec<String> {
    let mut out = Vec::new();
    for task in report["tasks"].as_array().into_iter().flatten() {
        for e in task["errors"].as_array().into_iter().flatten() {
            out.push(format!("{}: {}: {}", task["name"], e["type"], e["message"]));
        }
    }
    for e in report["errors"].as_array().into_iter().flatten() {
        out.push(format!("package: {}: {}", e["type"], e["message"]));
    }
    out
}

#[test]
fn the_data_package_passes_the_reference_validator() {
    let Some(program) = frictionless() else {
        return;
    };
    let docs = vec![
        extract(PLAN_2024_OCR),
        extract(REPORT_2024),
        extract(PLAN_2026),
    ];
    for excel in [false, true] {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = DatasetOptions {
            excel,
            ..Default::default()
        };
        write_dataset(&docs, dir.path(), &opts).expect("written");
        let package = dir.path().join("datapackage.json");
        let report = validate(&program, &package);
        let errors = errors(&report);
        assert!(
            report["valid"] == true && errors.is_empty(),
            "excel {excel}: {errors:#?}"
        );
        // Every resource of the package was checked, the goal links and their foreign keys among them.
        let tasks: Vec<&str> = report["tasks"]
            .as_array()
            .expect("tasks")
            .iter()
            .filter_map(|t| t["name"].as_str())
            .collect();
        let declared: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(&package).expect("package"))
                .expect("JSON");
        assert_eq!(
            tasks.len(),
            declared["resources"].as_array().expect("resources").len()
        );
        assert!(tasks.contains(&"goal_links"), "{tasks:?}");
    }
}

/// The validator is not a rubber stamp: a foreign key that names no row, and a number that does not
/// parse, are reported.
#[test]
fn the_reference_validator_finds_a_broken_file() {
    let Some(program) = frictionless() else {
        return;
    };
    let docs = vec![extract(PLAN_2024_OCR), extract(REPORT_2024)];
    let dir = tempfile::tempdir().expect("tempdir");
    write_dataset(&docs, dir.path(), &DatasetOptions::default()).expect("written");
    let links = dir.path().join("goal_links.csv");
    let mut reader = csv::Reader::from_path(&links).expect("goal_links.csv");
    let header = reader.headers().expect("header").clone();
    let mut rows: Vec<csv::StringRecord> = reader.records().map(|r| r.expect("row")).collect();
    assert!(!rows.is_empty(), "no goal links to break");
    // The first row's from_goal names a goal that does not exist, and its score is not a number.
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let mut first: Vec<String> = rows[0].iter().map(String::from).collect();
    first[col("from_goal")] = "g-0000000000000000".into();
    first[col("score")] = "high".into();
    rows[0] = csv::StringRecord::from(first);
    let mut writer = csv::Writer::from_path(&links).expect("rewrite");
    writer.write_record(&header).expect("header");
    for r in &rows {
        writer.write_record(r).expect("row");
    }
    writer.flush().expect("flush");
    let report = validate(&program, &dir.path().join("datapackage.json"));
    let errors = errors(&report);
    assert_eq!(report["valid"], false);
    assert!(
        errors.iter().any(|e| e.contains("foreign-key")),
        "{errors:#?}"
    );
    assert!(
        errors.iter().any(|e| e.contains("type-error")),
        "{errors:#?}"
    );
}
