//! Corrections that survive: a corrections file in the diarium sets the scan's year and kind, rejects a
//! repair, corrects an uppdrag's text, forces the one continuation the linker misses on the seeds and
//! forbids one it makes; every run applies it, a re-extracted document gets it again, the documents on
//! disk stay as extracted, and a correction whose target is gone is reported, not dropped.

mod common;
use common::*;
use std::path::Path;
use std::process::Command;

const CORRECTIONS: &str = r#"
version = 1

[[document]]
document = "2026/hsn-verksamhetsplan-2026-uppdrag-skannad.pdf"
year = 2026
kind = "plan"
note = "Utdrag ur verksamhetsplanen 2026 (diariet)"

[[repair]]
document = "hsn-verksamhetsplan-2024-ocr.txt"
original = "6ka"
decision = "reject"

[[uppdrag]]
document = "2024/hsn-verksamhetsberattelse-2024.docx"
key = "Nr 9"
text = "Att följa implementeringen av färdplanerna i beredningarna."

[[uppdrag]]
document = "hsn-verksamhetsplan-2024-ocr.txt"
key = "Nr 99"
text = "Finns inte."

[[link]]
from = { document = "hsn-verksamhetsplan-2024-ocr.txt", key = "Nr 12" }
to = { document = "2026/hsn-verksamhetsplan-2026.pdf", key = "Ber nr 5" }
action = "force"
note = "färdplanen för nära vård följs upp av beredningen"

[[link]]
from = { document = "hsn-verksamhetsplan-2024-ocr.txt", key = "Nr 7c" }
to = { document = "2026/hsn-verksamhetsplan-2026.pdf", key = "Nr 11" }
action = "forbid"
"#;

fn copy_diarium(root: &Path) {
    copy_fixture_tree("diarium", root);
}

fn run(input: &Path, out: &Path) -> std::process::Output {
    let output = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["run", "--progress", "log"])
        .arg(input)
        .arg("--out")
        .arg(out)
        .output()
        .expect("styrdok runs");
    assert_eq!(
        output.status.code(),
        Some(0),
        "{}",
        String::from_utf8_lossy(&output.stderr)
    );
    output
}

fn lines(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .expect("read")
        .lines()
        .map(|l| serde_json::from_str(l).expect("json line"))
        .collect()
}

/// The uppdrag rows of documents whose source ends with `source`.
fn rows<'a>(rows: &'a [serde_json::Value], source: &str) -> Vec<&'a serde_json::Value> {
    rows.iter()
        .filter(|r| r["source"].as_str().is_some_and(|s| s.ends_with(source)))
        .collect()
}

/// The link from the 2024 plan's uppdrag `from` to the 2026 plan's (the PDF's) uppdrag `to`.
fn link_between(out: &Path, from: &str, to: &str) -> Option<serde_json::Value> {
    let uppdrag = lines(&out.join("uppdrag.jsonl"));
    let id = |source: &str| {
        rows(&uppdrag, source)
            .first()
            .and_then(|r| r["document"].as_str())
            .map(str::to_string)
            .expect("document")
    };
    let (plan_2024, plan_2026) = (
        id("hsn-verksamhetsplan-2024-ocr.txt"),
        id("2026/hsn-verksamhetsplan-2026.pdf"),
    );
    lines(&out.join("links.jsonl")).into_iter().find(|l| {
        l["from"]["document"] == plan_2024.as_str()
            && l["from"]["key"] == from
            && l["to"]["document"] == plan_2026.as_str()
            && l["to"]["key"] == to
    })
}

#[test]
fn corrections_are_applied_on_every_run_and_reported_when_they_no_longer_match() {
    let dir = tempfile::tempdir().expect("tmp");
    let (input, out) = (dir.path().join("diarium"), dir.path().join("out"));
    copy_diarium(&input);
    const SCAN: &str = "2026/hsn-verksamhetsplan-2026-uppdrag-skannad.pdf";

    // Without corrections: the scan has no year and is not linked; the linker makes 2024 Nr 7c →
    // 2026 Nr 11 and misses 2024 Nr 12 → 2026 Ber nr 5 (docs/linking.md).
    let output = run(&input, &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        stderr.contains("warning: ") && stderr.contains(SCAN),
        "{stderr}"
    );
    assert!(link_between(&out, "Nr 7c", "Nr 11").is_some());
    assert!(link_between(&out, "Nr 12", "Ber nr 5").is_none());
    let uppdrag = lines(&out.join("uppdrag.jsonl"));
    assert!(rows(&uppdrag, SCAN).iter().all(|r| r["year"].is_null()));

    std::fs::write(input.join("styrdok-corrections.toml"), CORRECTIONS).expect("write");
    let output = run(&input, &out);
    let stderr = String::from_utf8_lossy(&output.stderr);
    let check = |out: &Path, stderr: &str| {
        // The corrections file is not read as a document.
        assert_eq!(
            std::fs::read_dir(out.join("documents"))
                .expect("docs")
                .count(),
            4
        );
        let uppdrag = lines(&out.join("uppdrag.jsonl"));
        let scan = rows(&uppdrag, SCAN);
        assert!(!scan.is_empty());
        assert!(scan
            .iter()
            .all(|r| r["year"] == 2026 && r["kind"] == "plan"));
        // Placed now, the scan's uppdrag are linked to the same uppdrag of the full 2026 plan.
        let links = lines(&out.join("links.jsonl"));
        let scan_id = scan[0]["document"].as_str().expect("id");
        assert!(links
            .iter()
            .any(|l| l["from"]["document"] == scan_id || l["to"]["document"] == scan_id));
        // The rejected repair: "6ka" stays as written in Nr 7c.
        let plan_2024 = rows(&uppdrag, "hsn-verksamhetsplan-2024-ocr.txt");
        let nr_7c = plan_2024
            .iter()
            .find(|r| r["key"] == "Nr 7c")
            .expect("Nr 7c");
        assert!(
            nr_7c["text"]
                .as_str()
                .expect("text")
                .contains("att 6ka elektiva"),
            "{nr_7c}"
        );
        // The corrected text, the text as written kept.
        let report = rows(&uppdrag, "hsn-verksamhetsberattelse-2024.docx");
        let nr_9 = report.iter().find(|r| r["key"] == "Nr 9").expect("Nr 9");
        assert_eq!(
            nr_9["text"],
            "Att följa implementeringen av färdplanerna i beredningarna."
        );
        assert!(nr_9["text_raw"]
            .as_str()
            .expect("raw")
            .starts_with("Att följa implementeringen av de färdplaner"));
        // Forced and forbidden links.
        let forced = link_between(out, "Nr 12", "Ber nr 5").expect("forced link");
        assert_eq!(forced["evidence"]["method"], "correction");
        assert_eq!(forced["relation"], "continuation");
        assert!(link_between(out, "Nr 7c", "Nr 11").is_none());
        // Every correction recorded; the one whose uppdrag does not exist reported.
        let records = lines(&out.join("corrections.jsonl"));
        let status: Vec<(&str, &str)> = records
            .iter()
            .map(|r| {
                (
                    r["correction"].as_str().unwrap_or(""),
                    r["status"].as_str().unwrap_or(""),
                )
            })
            .collect();
        assert_eq!(
            status,
            [
                ("document[0]", "applied"),
                ("repair[0]", "applied"),
                ("uppdrag[0]", "applied"),
                ("uppdrag[1]", "unmatched"),
                ("link[0]", "applied"),
                ("link[1]", "applied"),
            ]
        );
        let schema: serde_json::Value =
            serde_json::from_str(include_str!("../schemas/corrections-record.schema.json"))
                .expect("schema");
        assert!(records.iter().all(|r| jsonschema::is_valid(&schema, r)));
        let report: serde_json::Value =
            styrdok::emit::read_json(&out.join("run-report.json")).expect("report");
        let warnings = report["warnings"].as_array().expect("warnings");
        assert!(warnings.iter().any(|w| w["code"] == "correction_unmatched"
            && w["message"].as_str().unwrap_or("").contains("Nr 99")));
        assert!(
            !warnings.iter().any(|w| w["code"] == "not_linked"),
            "{warnings:?}"
        );
        assert!(
            stderr.contains("correction uppdrag[1] applies to nothing"),
            "{stderr}"
        );
        // The review shows the corrections on the document's page.
        let page = std::fs::read_to_string(out.join("review").join(format!("{scan_id}.html")))
            .expect("page");
        assert!(page.contains("Corrections applied") && page.contains("year: none → 2026"));
        // The documents on disk stay as extracted.
        let doc =
            styrdok::emit::read_document(&out.join("documents").join(format!("{scan_id}.json")))
                .expect("doc");
        assert_eq!(doc.metadata.year, None);
        scan_id.to_string()
    };
    let scan_id = check(&out, &stderr);

    // A run with nothing changed keeps them; so does one that extracts the scan again.
    let output = run(&input, &out);
    check(&out, &String::from_utf8_lossy(&output.stderr));
    std::fs::remove_file(out.join("documents").join(format!("{scan_id}.json"))).expect("remove");
    let output = run(&input, &out);
    let report: serde_json::Value =
        styrdok::emit::read_json(&out.join("run-report.json")).expect("report");
    assert_eq!(report["counts"]["extracted"], 1);
    check(&out, &String::from_utf8_lossy(&output.stderr));

    // A file that does not parse stops the run with a message naming it.
    std::fs::write(
        input.join("styrdok-corrections.toml"),
        "[[document]]\nyeer = 2026\n",
    )
    .expect("write");
    let bad = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["run", "--quiet"])
        .arg(&input)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(bad.status.code(), Some(2));
    let stderr = String::from_utf8_lossy(&bad.stderr);
    assert!(
        stderr.contains("styrdok-corrections.toml") && stderr.contains("yeer"),
        "{stderr}"
    );
}
