//! SIGTERM and Ctrl-C (SIGINT) sent to a real `styrdok run` while Tesseract reads scanned pages: the
//! run stops, its OCR scratch folders are gone, the report says `interrupted` with 143 or 130, and the
//! next run finishes the work to the same documents an uninterrupted run writes.

mod common;
use common::*;
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// Four scanned plans (the bundled scan with a comment appended, so each has bytes of its own) and
/// the text seeds.
fn diarium(root: &Path) {
    std::fs::create_dir_all(root).expect("mkdir");
    let scan = std::fs::read(fixture(
        "diarium/2026/hsn-verksamhetsplan-2026-uppdrag-skannad.pdf",
    ))
    .expect("scan");
    for n in 0..4 {
        let mut bytes = scan.clone();
        bytes.extend_from_slice(format!("\n% copy {n}\n").as_bytes());
        std::fs::write(root.join(format!("skannad-{n}.pdf")), bytes).expect("write");
    }
    for seed in [PLAN_2026, REPORT_2024] {
        let name = Path::new(seed).file_name().expect("name");
        std::fs::copy(fixture(seed), root.join(name)).expect("copy");
    }
}

fn scratch_folders(tmp: &Path) -> Vec<String> {
    std::fs::read_dir(tmp)
        .expect("tmp")
        .filter_map(Result::ok)
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .filter(|n| n.starts_with("styrdok-ocr-"))
        .collect()
}

/// Starts a run, waits until Tesseract's scratch folder exists, sends `signal`; returns the exit code
/// and stderr.
fn interrupted_run(input: &Path, out: &Path, tmp: &Path, signal: i32) -> (Option<i32>, String) {
    let child = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args([
            "run",
            "--jobs",
            "1",
            "--progress",
            "log",
            "--progress-interval",
            "0.2",
        ])
        .arg(input)
        .arg("--out")
        .arg(out)
        .env("TMPDIR", tmp)
        .stderr(Stdio::piped())
        .spawn()
        .expect("styrdok starts");
    let started = Instant::now();
    while scratch_folders(tmp).is_empty() {
        assert!(
            started.elapsed() < Duration::from_secs(120),
            "no OCR scratch folder appeared"
        );
        std::thread::sleep(Duration::from_millis(20));
    }
    // Let the page images be written.
    std::thread::sleep(Duration::from_millis(300));
    let pid = child.id() as i32;
    // SAFETY: signalling the child this test started.
    assert_eq!(unsafe { libc::kill(pid, signal) }, 0);
    let output = child.wait_with_output().expect("waits");
    (
        output.status.code(),
        String::from_utf8_lossy(&output.stderr).into_owned(),
    )
}

fn report(out: &Path) -> serde_json::Value {
    styrdok::emit::read_json(&out.join("run-report.json")).expect("report")
}

#[test]
fn a_signal_stops_the_run_cleanly_and_the_next_run_resumes() {
    let dir = tempfile::tempdir().expect("tmp");
    let (input, out, tmp) = (
        dir.path().join("diarium"),
        dir.path().join("out"),
        dir.path().join("tmp"),
    );
    diarium(&input);
    std::fs::create_dir_all(&tmp).expect("tmp");

    let (code, stderr) = interrupted_run(&input, &out, &tmp, libc::SIGTERM);
    assert_eq!(code, Some(143), "{stderr}");
    assert!(
        scratch_folders(&tmp).is_empty(),
        "{:?}",
        scratch_folders(&tmp)
    );
    let r = report(&out);
    assert_eq!(r["status"], "interrupted");
    assert_eq!(r["exit_code"], 143);
    assert_eq!(r["signal"], 15);
    assert!(stderr.contains("warning: stopped by SIGTERM"), "{stderr}");
    assert!(
        stderr.contains(", on ") && stderr.contains("skannad-"),
        "the progress line names the file it is on: {stderr}"
    );
    let schema: serde_json::Value =
        serde_json::from_str(include_str!("../schemas/run-report.schema.json")).expect("schema");
    assert!(
        jsonschema::is_valid(&schema, &r),
        "the interrupted report fits its schema"
    );
    let first = r["counts"]["extracted"].as_u64().expect("count");
    assert!(first < 6, "stopped before the end: {first} extracted");

    let (code, stderr) = interrupted_run(&input, &out, &tmp, libc::SIGINT);
    assert_eq!(code, Some(130), "{stderr}");
    assert!(scratch_folders(&tmp).is_empty());
    assert_eq!(report(&out)["status"], "interrupted");

    let done = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["run", "--quiet"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .env("TMPDIR", &tmp)
        .status()
        .expect("styrdok runs");
    assert_eq!(done.code(), Some(0));
    let r = report(&out);
    assert_eq!(r["status"], "complete");
    // Every document is written once the work is resumed, and the scans were OCR'd.
    let written = std::fs::read_dir(out.join("documents"))
        .expect("documents")
        .count();
    assert_eq!(written, 6);
    assert!(out.join("review/index.html").is_file());
    assert!(scratch_folders(&tmp).is_empty());
}
