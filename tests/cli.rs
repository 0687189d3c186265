//! The command line as a user meets it: exit codes, one-line errors, files written.

mod common;
use common::*;
use std::process::Command;

fn styrdok() -> Command {
    Command::new(env!("CARGO_BIN_EXE_styrdok"))
}

#[test]
fn extract_prints_schema_valid_json() {
    let out = styrdok()
        .arg("extract")
        .arg(fixture(REPORT_2024))
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let value: serde_json::Value = serde_json::from_slice(&out.stdout).expect("json on stdout");
    assert_eq!(value["metadata"]["diarienummer"], "25RS268");
}

#[test]
fn extract_out_writes_one_file_per_input_and_validate_accepts_them() {
    let dir = tempfile::tempdir().expect("tempdir");
    let status = styrdok()
        .args(["extract", "--out"])
        .arg(dir.path())
        .arg(fixture(PLAN_2026))
        .arg(fixture(PLAN_2024_OCR))
        .status()
        .expect("runs");
    assert!(status.success());
    let files: Vec<_> = std::fs::read_dir(dir.path())
        .expect("dir")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(files.len(), 2);
    let out = styrdok()
        .arg("validate")
        .args(&files)
        .output()
        .expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[test]
fn a_bad_document_gives_exit_1_and_one_error_line() {
    let dir = tempfile::tempdir().expect("tempdir");
    let empty = dir.path().join("empty.txt");
    std::fs::write(&empty, b"").expect("write");
    let out = styrdok().arg("extract").arg(&empty).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.starts_with("error: ") && stderr.contains("empty.txt: empty file"),
        "{stderr}"
    );
}

#[test]
fn usage_errors_give_exit_2() {
    let out = styrdok().arg("extract").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
    let out = styrdok().arg("frobnicate").output().expect("runs");
    assert_eq!(out.status.code(), Some(2));
}

#[test]
fn validate_rejects_a_document_that_breaks_the_schema() {
    let dir = tempfile::tempdir().expect("tempdir");
    let path = dir.path().join("bad.json");
    std::fs::write(
        &path,
        r#"{"schema_version": "1.0", "uppdrag": [{"key": "Nr X"}]}"#,
    )
    .expect("write");
    let out = styrdok().arg("validate").arg(&path).output().expect("runs");
    assert_eq!(out.status.code(), Some(1));
}

#[test]
fn run_writes_every_document_and_goes_on_past_a_bad_one() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    std::fs::create_dir_all(&diarium).expect("mkdir");
    std::fs::copy(fixture(PLAN_2026), diarium.join("plan.txt")).expect("copy");
    std::fs::write(diarium.join("broken.txt"), b"").expect("write");
    let out_dir = dir.path().join("out");
    let out = styrdok()
        .arg("run")
        .arg(&diarium)
        .arg("--out")
        .arg(&out_dir)
        .output()
        .expect("runs");
    assert_eq!(
        out.status.code(),
        Some(1),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let written: Vec<_> = std::fs::read_dir(out_dir.join("documents"))
        .expect("documents")
        .collect();
    assert_eq!(written.len(), 1);
}
