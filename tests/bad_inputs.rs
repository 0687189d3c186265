//! Every broken, hostile or mislabelled file of `fixtures/bad/` through `styrdok extract`: exit status 1 and
//! one `error:` line that names the problem, or, for the files that are readable after all, a document.

mod common;
use common::fixture;
use std::process::Command;

fn extract(path: &std::path::Path) -> (Option<i32>, String, String) {
    let out = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .arg("extract")
        .arg(path)
        .output()
        .expect("runs");
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn each_bad_file_gets_one_line_naming_its_problem() {
    for (name, problem) in [
        ("empty.pdf", "empty file"),
        ("empty.docx", "empty file"),
        ("empty.txt", "empty file"),
        ("truncated-half.pdf", "PDF cannot be opened"),
        ("encrypted-with-password.pdf", "password-protected"),
        ("garbage.pdf", "named .pdf but not a PDF"),
        ("zip-bomb.docx", "--zip-max-compression-ratio"),
        ("deeply-nested.docx", "--xml-max-depth"),
        (
            "docx-without-document-xml.docx",
            "without its main document part word/document.xml",
        ),
        ("corrupt-zip.docx", "corrupt zip"),
        ("encrypted.docx", "password-protected"),
        ("legacy.doc", "convert-to docx"),
        ("binary.txt", "binary data"),
    ] {
        let path = fixture(&format!("bad/{name}"));
        let (code, stdout, stderr) = extract(&path);
        assert_eq!(code, Some(1), "{name}: {stderr}");
        assert!(stdout.is_empty(), "{name}: something on stdout");
        assert_eq!(stderr.lines().count(), 1, "{name}: {stderr}");
        assert!(
            stderr.starts_with("error: ") && stderr.contains(problem),
            "{name}: {stderr}"
        );
    }
}

#[test]
fn readable_files_among_the_bad_ones_are_read() {
    // An encrypted PDF with an empty user password opens; a DOCX named .pdf is read as the DOCX it is;
    // UTF-16 text with a BOM is decoded; a PDF whose trailer is cut off or whose cross-reference table
    // points nowhere is read from its objects, as poppler reads it, with a diagnostic saying so.
    for (name, format, key) in [
        ("truncated-trailer.pdf", "pdf", "Nr 1"),
        ("broken-xref.pdf", "pdf", "Nr 1"),
        ("encrypted-empty-user-password.pdf", "pdf", "Nr 1"),
        ("really-a-docx.pdf", "docx", "Nr 1"),
        ("utf16-bom.txt", "text", "Nr 1"),
    ] {
        let (code, stdout, stderr) = extract(&fixture(&format!("bad/{name}")));
        assert_eq!(code, Some(0), "{name}: {stderr}");
        let doc: serde_json::Value = serde_json::from_str(&stdout).expect("json");
        assert_eq!(doc["source"]["format"], format, "{name}");
        assert_eq!(doc["uppdrag"][0]["key"], key, "{name}");
        let rebuilt = doc["diagnostics"]
            .as_array()
            .is_some_and(|d| d.iter().any(|d| d["code"] == "pdf.xref_rebuilt"));
        assert_eq!(
            rebuilt,
            name.ends_with("-xref.pdf") || name.starts_with("truncated"),
            "{name}"
        );
    }
}

#[test]
fn a_file_without_read_permission_is_an_error_not_a_crash() {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::tempdir().expect("tempdir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755))
        .expect("chmod dir");
    let path = dir.path().join("locked.txt");
    std::fs::write(&path, "Nr 1. Att läsa.").expect("write");
    std::fs::set_permissions(&path, std::fs::Permissions::from_mode(0o000)).expect("chmod");
    // Root reads anything, so as root the command runs as the unprivileged user `nobody` (setpriv, from
    // util-linux); as any other user it runs as that user.
    let mut command = if std::fs::read(&path).is_ok() {
        let mut c = Command::new("setpriv");
        c.args([
            "--reuid=65534",
            "--regid=65534",
            "--clear-groups",
            env!("CARGO_BIN_EXE_styrdok"),
        ]);
        c
    } else {
        Command::new(env!("CARGO_BIN_EXE_styrdok"))
    };
    let out = command.arg("extract").arg(&path).output().expect("runs");
    let stderr = String::from_utf8_lossy(&out.stderr);
    assert_eq!(out.status.code(), Some(1), "{stderr}");
    assert!(
        stderr.contains("cannot read file") && stderr.contains("ermission denied"),
        "{stderr}"
    );
}

#[test]
fn exceeding_a_limit_is_an_error_naming_it() {
    for (flag, value, file, named) in [
        (
            "--max-pages",
            "3",
            "pdf/hsn-verksamhetsplan-2026.pdf",
            "--max-pages",
        ),
        (
            "--max-input-bytes",
            "1000",
            "seeds/hsn-verksamhetsplan-2026.txt",
            "--max-input-bytes",
        ),
        (
            "--max-decompressed-bytes",
            "20000",
            "pdf/hsn-verksamhetsplan-2026.pdf",
            "--max-decompressed-bytes",
        ),
        (
            "--zip-max-entries",
            "3",
            "docx/hsn-verksamhetsberattelse-2024.docx",
            "--zip-max-entries",
        ),
        (
            "--doc-timeout",
            "0.001",
            "pdf/hsn-verksamhetsplan-2026.pdf",
            "--doc-timeout",
        ),
        (
            "--xml-max-depth",
            "5",
            "docx/hsn-verksamhetsberattelse-2024.docx",
            "--xml-max-depth",
        ),
    ] {
        let out = Command::new(env!("CARGO_BIN_EXE_styrdok"))
            .args(["extract", flag, value])
            .arg(fixture(file))
            .output()
            .expect("runs");
        let stderr = String::from_utf8_lossy(&out.stderr);
        assert_eq!(out.status.code(), Some(1), "{flag}: {stderr}");
        assert!(
            stderr.lines().count() == 1 && stderr.contains(named),
            "{flag}: {stderr}"
        );
    }
}

#[test]
fn a_run_over_bad_files_mixed_with_good_ones_writes_every_good_document_and_reports_every_bad_one()
{
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    std::fs::create_dir_all(diarium.join("inkommet")).expect("mkdir");
    let good = [
        "seeds/hsn-verksamhetsplan-2024-ocr.txt",
        "pdf/hsn-verksamhetsplan-2026.pdf",
        "docx/hsn-verksamhetsberattelse-2024.docx",
        "bad/encrypted-empty-user-password.pdf",
        "bad/really-a-docx.pdf",
        "bad/utf16-bom.txt",
        "bad/truncated-trailer.pdf",
        "bad/broken-xref.pdf",
    ];
    let bad = [
        "empty.pdf",
        "truncated-half.pdf",
        "encrypted-with-password.pdf",
        "garbage.pdf",
        "zip-bomb.docx",
        "docx-without-document-xml.docx",
        "corrupt-zip.docx",
        "encrypted.docx",
        "legacy.doc",
        "binary.txt",
    ];
    for (n, rel) in good.iter().enumerate() {
        let name = format!("{n}-{}", rel.rsplit('/').next().unwrap_or(rel));
        std::fs::copy(fixture(rel), diarium.join(name)).expect("copy good");
    }
    for name in bad {
        std::fs::copy(
            fixture(&format!("bad/{name}")),
            diarium.join("inkommet").join(name),
        )
        .expect("copy bad");
    }
    let out = dir.path().join("out");
    let result = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["run", "--progress", "log"])
        .arg(&diarium)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    let stderr = String::from_utf8_lossy(&result.stderr);
    assert_eq!(result.status.code(), Some(1), "{stderr}");
    // Every good document is written completely: it parses and validates.
    let written: Vec<std::path::PathBuf> = std::fs::read_dir(out.join("documents"))
        .expect("documents")
        .map(|e| e.expect("entry").path())
        .collect();
    assert_eq!(written.len(), good.len(), "{written:?}");
    for path in &written {
        let value: serde_json::Value =
            serde_json::from_str(&std::fs::read_to_string(path).expect("read"))
                .expect("complete JSON");
        assert!(styrdok::emit::schema::validate(
            styrdok::emit::schema::SchemaKind::Document,
            &value
        )
        .is_ok());
    }
    // Every bad one is in the report, with a reason.
    let report: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.join("run-report.json")).expect("report"),
    )
    .expect("json");
    let failures = report["failures"].as_array().expect("failures");
    for name in bad {
        let entry = failures
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)));
        let entry = entry.unwrap_or_else(|| panic!("{name} not in the report: {failures:?}"));
        assert!(!entry["reason"].as_str().unwrap_or("").is_empty(), "{name}");
    }
    assert_eq!(failures.len(), bad.len(), "{failures:?}");
}
