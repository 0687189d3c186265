//! The command line as a user meets it: exit codes, one-line errors, files written.

mod common;
use common::*;
use std::process::{Command, Output};

fn styrdok() -> Command {
    Command::new(env!("CARGO_BIN_EXE_styrdok"))
}

/// Runs the command and checks that it succeeded, showing its stderr when it did not.
fn succeeds(command: &mut Command) -> Output {
    let out = command.output().expect("runs");
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    out
}

#[test]
fn extract_prints_schema_valid_json() {
    let out = succeeds(styrdok().arg("extract").arg(fixture(REPORT_2024)));
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
    succeeds(styrdok().arg("validate").args(&files));
}

/// `--jobs 1` (for a runner that starts several processes) writes what the default, one thread per
/// core, writes; no jobs at all is a usage error.
#[test]
fn extract_jobs_changes_how_many_documents_are_read_at_once_not_what_is_written() {
    let written = |jobs: &[&str]| {
        let dir = tempfile::tempdir().expect("tempdir");
        succeeds(
            styrdok()
                .args(["extract", "--out"])
                .arg(dir.path())
                .args(jobs)
                .arg(fixture(PLAN_2026))
                .arg(fixture(REPORT_2024))
                .arg(fixture(PLAN_2024_OCR)),
        );
        let mut files: Vec<(String, String)> = std::fs::read_dir(dir.path())
            .expect("dir")
            .map(|e| {
                let path = e.expect("entry").path();
                let name = path
                    .file_name()
                    .expect("name")
                    .to_string_lossy()
                    .into_owned();
                (name, std::fs::read_to_string(&path).expect("utf-8 json"))
            })
            .collect();
        files.sort();
        files
    };
    let one = written(&["--jobs", "1"]);
    assert_eq!(one.len(), 3);
    assert_eq!(one, written(&[]));
    let out = styrdok()
        .args(["extract", "--jobs", "0", "--out", "x"])
        .arg(fixture(PLAN_2026))
        .output()
        .expect("runs");
    assert_eq!(out.status.code(), Some(2));
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

/// `repair --changes` on the 2024 plan (OCR) as (original, replacement, confidence, applied).
fn changes(extra: &[&str]) -> Vec<(String, String, f64, bool)> {
    let out = succeeds(
        styrdok()
            .args(["repair", "--changes"])
            .args(extra)
            .arg(fixture(PLAN_2024_OCR)),
    );
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .map(|line| {
            let r: serde_json::Value = serde_json::from_str(line).expect("a JSON line");
            (
                r["original"].as_str().unwrap_or_default().to_string(),
                r["replacement"].as_str().unwrap_or_default().to_string(),
                r["confidence"].as_f64().unwrap_or(-1.0),
                r["applied"].as_bool().unwrap_or(false),
            )
        })
        .collect()
}

#[test]
fn the_repair_threshold_decides_which_changes_are_made_and_no_repair_keeps_the_text() {
    let default = changes(&[]);
    let strict = changes(&["--repair-threshold", "0.95"]);
    // The same changes are found; only what is applied differs, and by confidence alone.
    assert_eq!(default.len(), strict.len());
    assert!(default.len() > 300);
    for ((o, r, c, applied), (_, _, _, strict_applied)) in default.iter().zip(&strict) {
        assert_eq!(*applied, *c >= 0.6, "{o} -> {r} at {c}");
        assert_eq!(*strict_applied, *c >= 0.95, "{o} -> {r} at {c}");
    }
    let made = |list: &[(String, String, f64, bool)]| list.iter().filter(|c| c.3).count();
    assert!(made(&strict) < made(&default) && made(&strict) > 0);

    let text = std::fs::read_to_string(fixture(PLAN_2024_OCR)).expect("fixture");
    let kept = succeeds(
        styrdok()
            .args(["repair", "--no-repair"])
            .arg(fixture(PLAN_2024_OCR)),
    );
    // Cleaning still normalizes (page furniture, line ends); the words are the fixture's own.
    let words = |t: &str| t.split_whitespace().map(str::to_string).collect::<Vec<_>>();
    let printed = String::from_utf8_lossy(&kept.stdout).to_string();
    assert!(printed.contains("Hiilso- och sjukvdrdsnimndens"));
    assert!(words(&printed).iter().all(|w| text.contains(w.as_str())));

    let bad = styrdok()
        .args(["repair", "--repair-threshold", "1.5", "-"])
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    assert!(String::from_utf8_lossy(&bad.stderr).contains("not a number from 0 to 1"));
}

#[test]
fn repair_takes_the_limit_flags_of_extract_and_run() {
    // Over the size limit: the file is refused before it is read, naming the flag to change …
    let out = styrdok()
        .args(["repair", "--max-input-bytes", "1000"])
        .arg(fixture(PLAN_2026))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(out.stdout.is_empty());
    assert!(
        stderr.starts_with("error: ")
            && stderr.contains("over the input size limit of 1000 bytes (--max-input-bytes)"),
        "{stderr}"
    );
    // … the same for standard input …
    let mut child = styrdok()
        .args(["repair", "--max-input-bytes", "10", "-"])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .stderr(std::process::Stdio::piped())
        .spawn()
        .expect("runs");
    {
        use std::io::Write;
        let mut stdin = child.stdin.take().expect("stdin");
        let _ = stdin.write_all("Nr 1. Att utreda vården i länet.".as_bytes());
    }
    let piped = child.wait_with_output().expect("waits");
    let stderr = String::from_utf8_lossy(&piped.stderr);
    assert_eq!(piped.status.code(), Some(1), "{stderr}");
    assert!(stderr.contains("(--max-input-bytes)"), "{stderr}");
    // … a time budget no document can keep names its flag …
    let out = styrdok()
        .args(["repair", "--doc-timeout", "0.000001"])
        .arg(fixture(PLAN_2026))
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("time budget") && stderr.contains("(--doc-timeout)"),
        "{stderr}"
    );
    // … and with the limits met the text is repaired as before.
    let out = succeeds(
        styrdok()
            .args([
                "repair",
                "--max-input-bytes",
                "10000000",
                "--max-pages",
                "10",
            ])
            .arg(fixture(PLAN_2026)),
    );
    assert!(!out.stdout.is_empty());
}

/// `validate` knows every kind of file styrdok writes by its name: a whole output folder of `run` (with
/// a corrections file) is checked file by file against the right schema; `--schema` overrides the name,
/// an unknown schema is a usage error, and a broken file is named.
#[test]
fn validate_checks_every_file_a_run_writes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    std::fs::create_dir_all(&diarium).expect("mkdir");
    for seed in [PLAN_2024_OCR, REPORT_2024] {
        let name = std::path::Path::new(seed).file_name().expect("name");
        std::fs::copy(fixture(seed), diarium.join(name)).expect("copy");
    }
    let corrections =
        "version = 1\n\n[[repair]]\ndocument = \"hsn-verksamhetsplan-2024-ocr.txt\"\n\
                       original = \"6ka\"\ndecision = \"reject\"\n";
    std::fs::write(diarium.join("styrdok-corrections.toml"), corrections).expect("write");
    let out = dir.path().join("out");
    succeeds(
        styrdok()
            .args(["run", "--quiet"])
            .arg(&diarium)
            .arg("--out")
            .arg(&out),
    );
    let checked = succeeds(
        styrdok()
            .arg("validate")
            .arg(&out)
            .arg(diarium.join("styrdok-corrections.toml")),
    );
    let stdout = String::from_utf8_lossy(&checked.stdout);
    for (file, schema) in [
        ("run-report.json", "run-report"),
        ("datapackage.json", "datapackage"),
        ("lineages.json", "lineages"),
        ("links.jsonl", "links"),
        ("candidates.jsonl", "candidates"),
        ("uppdrag.jsonl", "uppdrag-row"),
        ("corrections.jsonl", "corrections-record"),
        ("styrdok-corrections.toml", "corrections"),
    ] {
        assert!(
            stdout
                .lines()
                .any(|l| l.contains(file) && l.ends_with(&format!(": valid ({schema})"))),
            "{file} not checked as {schema}: {stdout}"
        );
    }
    let documents = stdout.lines().filter(|l| l.ends_with("valid (document)"));
    assert_eq!(documents.count(), 2, "{stdout}");

    // --schema overrides what the name says: links are no uppdrag rows.
    let wrong = styrdok()
        .args(["validate", "--schema", "uppdrag-row"])
        .arg(out.join("links.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(wrong.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&wrong.stderr);
    assert!(
        stderr.contains("links.jsonl: line 1:") && stderr.contains("uppdrag-row schema errors"),
        "{stderr}"
    );
    let unknown = styrdok()
        .args(["validate", "--schema", "nothing"])
        .arg(out.join("links.jsonl"))
        .output()
        .expect("runs");
    assert_eq!(unknown.status.code(), Some(2));

    // A document whose year became text is named, with the path of the error.
    let document = std::fs::read_dir(out.join("documents"))
        .expect("documents")
        .map(|e| e.expect("entry").path())
        .next()
        .expect("a document");
    let mut value: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&document).expect("read")).expect("JSON");
    value["metadata"]["year"] = serde_json::json!("tjugotjugofyra");
    std::fs::write(&document, value.to_string()).expect("write");
    let broken = styrdok().arg("validate").arg(&out).output().expect("runs");
    assert_eq!(broken.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&broken.stderr);
    assert!(
        stderr.contains(&*document.display().to_string()) && stderr.contains("/metadata/year"),
        "{stderr}"
    );
}
