//! One answer for one file: `styrdok run` over a diarium, `styrdok extract --corpus` and `styrdok repair
//! --corpus` (given the diarium folder or the run's output) make the same repairs of the OCR'd 2024 plan,
//! and without the corpus the answer differs (so the comparison can fail).

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

fn styrdok(args: &[&str]) -> String {
    let out = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(args)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8_lossy(&out.stdout).into_owned()
}

fn repairs_of(json: &str) -> serde_json::Value {
    let doc: serde_json::Value = serde_json::from_str(json).expect("a document");
    doc["repairs"].clone()
}

#[test]
fn run_extract_and_repair_agree_under_one_corpus() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    let out = dir.path().join("out");
    std::fs::create_dir(&diarium).expect("mkdir");
    for rel in [PLAN_2026, REPORT_2024, PLAN_2024_OCR] {
        let name = Path::new(rel).file_name().expect("name");
        std::fs::copy(fixture(rel), diarium.join(name)).expect("copy");
    }
    let (d, o) = (
        diarium.to_str().expect("utf-8"),
        out.to_str().expect("utf-8"),
    );
    styrdok(&["run", d, "--out", o, "--progress", "quiet"]);
    let plan = diarium.join("hsn-verksamhetsplan-2024-ocr.txt");
    let plan = plan.to_str().expect("utf-8");
    let stored = std::fs::read_dir(out.join("documents"))
        .expect("documents")
        .flatten()
        .map(|e| std::fs::read_to_string(e.path()).expect("reads"))
        .find(|json| json.contains("hsn-verksamhetsplan-2024-ocr.txt"))
        .expect("the plan was written");
    let by_run = repairs_of(&stored);
    assert!(by_run.as_array().is_some_and(|r| r.len() > 300));

    let with_folder = repairs_of(&styrdok(&["extract", plan, "--corpus", d]));
    let with_output = repairs_of(&styrdok(&["extract", plan, "--corpus", o]));
    let changes: Vec<serde_json::Value> = styrdok(&["repair", "--changes", plan, "--corpus", d])
        .lines()
        .map(|l| serde_json::from_str(l).expect("a JSON line"))
        .collect();
    assert_eq!(with_folder, by_run);
    assert_eq!(with_output, by_run);
    assert_eq!(serde_json::Value::Array(changes), by_run);

    // Without the corpus the same file is repaired differently: the comparison above can fail.
    let alone = repairs_of(&styrdok(&["extract", plan]));
    assert_ne!(alone, by_run);
}

#[test]
fn a_corpus_that_is_no_folder_is_an_error() {
    let out = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["repair", "-", "--corpus", "no/such/folder"])
        .output()
        .expect("runs");
    assert!(!out.status.success());
    assert!(String::from_utf8_lossy(&out.stderr).contains("no/such/folder"));
}
