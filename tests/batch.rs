//! `styrdok run` as the nightly batch: kills at random points, broken files, concurrent runs,
//! incremental re-runs (unchanged, renamed, deleted, changed files) and shards, always through the real
//! binary on copies of the bundled diarium.

mod common;
use common::*;
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};
use std::time::{Duration, Instant};
use styrdok::emit::schema::{validate, SchemaKind};

fn styrdok() -> Command {
    Command::new(env!("CARGO_BIN_EXE_styrdok"))
}

/// The bundled diarium's files, relative to `fixtures/diarium`.
/// The files of a fixture folder, relative to it, sorted.
fn files_under(folder: &str) -> Vec<PathBuf> {
    let root = fixture(folder);
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&root)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .map(|e| e.path().strip_prefix(&root).expect("inside").to_path_buf())
        .collect();
    files.sort();
    files
}

/// The text seeds the test diaria are made of: quick to extract, so kills land at many points of a run
/// (the folder's provenance note is not one of them).
fn diarium_files() -> Vec<PathBuf> {
    files_under("seeds")
        .into_iter()
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect()
}

/// A diarium of `copies` rounds of the seed documents; every copy after the first gets a line of
/// its own appended (text files only), so each file has distinct bytes.
fn make_diarium(root: &Path, copies: usize) {
    let source = fixture("seeds");
    for round in 0..copies {
        for rel in diarium_files() {
            let mut bytes = std::fs::read(source.join(&rel)).expect("read fixture");
            let is_text = rel.extension().is_some_and(|e| e == "txt");
            if round > 0 && !is_text {
                continue;
            }
            if round > 0 {
                bytes.extend_from_slice(format!("\nDiarieanteckning kopia {round}.\n").as_bytes());
            }
            let dest = root.join(format!("kopia-{round:03}")).join(&rel);
            std::fs::create_dir_all(dest.parent().expect("parent")).expect("mkdir");
            std::fs::write(dest, bytes).expect("write");
        }
    }
}

fn run(diarium: &Path, out: &Path, extra: &[&str]) -> Output {
    let mut cmd = styrdok();
    cmd.arg("run").arg(diarium).arg("--out").arg(out);
    if !extra.contains(&"--progress") {
        cmd.args(["--progress", "log"]);
    }
    cmd.args(extra).output().expect("styrdok runs")
}

fn stderr(out: &Output) -> String {
    String::from_utf8_lossy(&out.stderr).into_owned()
}

/// The document files of an output folder, by name.
fn documents(out: &Path) -> BTreeMap<String, Vec<u8>> {
    std::fs::read_dir(out.join("documents"))
        .expect("documents folder")
        .map(|e| e.expect("entry").path())
        .map(|p| {
            let name = p.file_name().expect("name").to_string_lossy().into_owned();
            (name, std::fs::read(&p).expect("read"))
        })
        .collect()
}

/// The run report, after checking it against its schema.
/// The names of the per-table CSV files of a dataset, sorted.
fn table_files(out: &Path) -> Vec<std::ffi::OsString> {
    let mut names: Vec<_> = std::fs::read_dir(out.join("tables"))
        .expect("tables")
        .map(|e| e.expect("entry").file_name())
        .collect();
    names.sort();
    names
}

fn report(out: &Path) -> serde_json::Value {
    let text = std::fs::read_to_string(out.join("run-report.json")).expect("run-report.json");
    let value: serde_json::Value = serde_json::from_str(&text).expect("report is JSON");
    assert_eq!(SchemaKind::of(&value), Some(SchemaKind::RunReport));
    if let Err(errors) = validate(SchemaKind::RunReport, &value) {
        panic!("run-report.json breaks its schema: {errors:?}");
    }
    value
}

fn count(report: &serde_json::Value, name: &str) -> u64 {
    report["counts"][name].as_u64().expect("count")
}

/// A small deterministic generator for the kill times (xorshift), seeded from the clock and printed,
/// so a failing case can be replayed.
struct Rng(u64);
impl Rng {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

#[test]
fn killed_at_random_points_a_rerun_gives_the_outputs_of_a_clean_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 12);
    let clean_out = dir.path().join("clean");
    let t = Instant::now();
    let clean = run(&diarium, &clean_out, &["--jobs", "2", "--table-files"]);
    let clean_time = t.elapsed();
    assert_eq!(clean.status.code(), Some(0), "{}", stderr(&clean));
    let expected = documents(&clean_out);
    assert_eq!(expected.len(), diarium_files().len() * 12);

    let seed = std::env::var("STYRDOK_KILL_SEED")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| {
            std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .expect("clock")
                .as_nanos() as u64
                | 1
        });
    eprintln!("kill seed {seed} (set STYRDOK_KILL_SEED to replay); clean run {clean_time:?}");
    let mut rng = Rng(seed);
    let out = dir.path().join("killed");
    let mut killed_pids = Vec::new();
    for _ in 0..5 {
        let mut child = styrdok()
            .arg("run")
            .arg(&diarium)
            .arg("--out")
            .arg(&out)
            .args(["--jobs", "2", "--quiet", "--table-files"])
            .stderr(Stdio::null())
            .spawn()
            .expect("spawn");
        let delay = rng.below(clean_time.as_millis() as u64 + 1);
        std::thread::sleep(Duration::from_millis(delay));
        killed_pids.push(child.id());
        // SIGKILL: no destructor, no flush, no chance to clean up.
        let _ = child.kill();
        let _ = child.wait();
        // Whatever the moment, every document file in place is complete JSON for its name.
        if out.join("documents").is_dir() {
            for (name, bytes) in documents(&out) {
                if name.starts_with(".tmp") {
                    continue; // a temporary file, never a document; the next run removes it
                }
                let doc: serde_json::Value = serde_json::from_slice(&bytes)
                    .unwrap_or_else(|e| panic!("{name} is torn after a kill: {e}"));
                assert_eq!(format!("{}.json", doc["id"].as_str().expect("id")), name);
            }
        }
    }
    let rerun = run(&diarium, &out, &["--jobs", "2", "--table-files"]);
    assert_eq!(rerun.status.code(), Some(0), "{}", stderr(&rerun));
    assert_eq!(
        documents(&out),
        expected,
        "outputs differ from a clean run (seed {seed})"
    );
    // The linked dataset is rebuilt from the documents, so it matches the clean run's too.
    for file in [
        "links.jsonl",
        "lineages.json",
        "uppdrag.jsonl",
        "uppdrag.csv",
    ] {
        let got = std::fs::read(out.join(file)).expect(file);
        let want = std::fs::read(clean_out.join(file)).expect(file);
        assert!(got == want, "{file} differs from a clean run (seed {seed})");
    }
    assert_eq!(table_files(&out), table_files(&clean_out), "seed {seed}");
    for leftover in [".tables-new", ".tables-old"] {
        assert!(
            !out.join(leftover).exists(),
            "{leftover} left (seed {seed})"
        );
    }
    let r = report(&out);
    assert_eq!(count(&r, "extracted") + count(&r, "unchanged"), 36);
    assert_eq!(count(&r, "failed"), 0);
    // A later run finds nothing to do.
    let again = run(&diarium, &out, &["--jobs", "2", "--table-files"]);
    assert_eq!(again.status.code(), Some(0), "{}", stderr(&again));
    assert_eq!(count(&report(&out), "extracted"), 0);
}

#[test]
fn broken_files_are_reported_and_the_good_documents_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 1);
    let bad = diarium.join("inkommet");
    std::fs::create_dir_all(&bad).expect("mkdir");
    std::fs::write(bad.join("tom.txt"), b"").expect("write");
    std::fs::write(bad.join("bild.txt"), b"\x89PNG\r\n\x1a\n\0\0\0\rIHDR").expect("write");
    std::fs::write(
        bad.join("binar.dat"),
        [0u8, 159, 146, 150, 0, 0, 7, 1, 0, 0],
    )
    .expect("write");
    let big: Vec<u8> = "Nr 1. Att utreda.\n".repeat(40_000).into_bytes();
    std::fs::write(bad.join("stor.txt"), &big).expect("write");
    let outside = dir.path().join("utanfor.txt");
    std::fs::write(&outside, "Nr 1. Att inte läsas.").expect("write");
    std::os::unix::fs::symlink(&outside, diarium.join("lank.txt")).expect("symlink");

    let out = dir.path().join("out");
    let result = run(&diarium, &out, &["--max-input-bytes", "500000"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    assert_eq!(documents(&out).len(), diarium_files().len());

    let r = report(&out);
    assert_eq!(r["status"], "some_failed");
    assert_eq!(r["exit_code"], 1);
    let failures = r["failures"].as_array().expect("failures");
    let by_name = |name: &str| {
        failures
            .iter()
            .find(|f| f["path"].as_str().is_some_and(|p| p.ends_with(name)))
            .unwrap_or_else(|| panic!("{name} not in the report: {failures:?}"))
    };
    let empty = by_name("tom.txt");
    assert_eq!(empty["stage"], "ingest");
    assert!(empty["reason"].as_str().expect("reason").contains("empty"));
    // The hash is that of the bytes (here: of nothing).
    assert_eq!(
        empty["sha256"],
        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855"
    );
    assert_eq!(by_name("bild.txt")["stage"], "ingest");
    assert_eq!(by_name("binar.dat")["stage"], "ingest");
    let big = by_name("stor.txt");
    assert_eq!(big["stage"], "read");
    assert!(big["reason"].as_str().expect("reason").contains("limit"));
    assert_eq!(failures.len(), 4);
    assert_eq!(count(&r, "failed"), 4);
    let skipped = r["skipped"].as_array().expect("skipped");
    assert!(skipped.iter().any(
        |s| s["path"].as_str().is_some_and(|p| p.ends_with("lank.txt"))
            && s["reason"]
                .as_str()
                .is_some_and(|r| r.contains("out of the tree"))
    ));
    // Nothing of the link target leaked into the output.
    for bytes in documents(&out).values() {
        assert!(!String::from_utf8_lossy(bytes).contains("inte läsas"));
    }
    // One error line per failed file, naming it.
    let err = stderr(&result);
    for name in ["tom.txt", "bild.txt", "binar.dat", "stor.txt"] {
        assert!(
            err.lines()
                .any(|l| l.starts_with("error: ") && l.contains(name)),
            "{err}"
        );
    }
}

#[test]
fn a_document_over_its_time_budget_is_reported_and_not_written() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    std::fs::create_dir_all(&diarium).expect("mkdir");
    // One large document (every fixture text, three times over: some 600 kB) and a one-microsecond
    // budget: no build on any machine reads, cleans and detects that in time.
    let mut big = Vec::new();
    for _ in 0..3 {
        for rel in diarium_files() {
            big.extend(std::fs::read(fixture("seeds").join(rel)).expect("read"));
        }
    }
    std::fs::write(diarium.join("stor.txt"), big).expect("write");
    let out = dir.path().join("out");
    let result = run(&diarium, &out, &["--doc-timeout", "0.000001"]);
    assert_eq!(result.status.code(), Some(1), "{}", stderr(&result));
    let r = report(&out);
    let failures = r["failures"].as_array().expect("failures");
    assert_eq!(failures.len(), 1);
    assert_eq!(failures[0]["stage"], "extract");
    assert!(failures[0]["reason"]
        .as_str()
        .is_some_and(|r| r.contains("time budget")));
    // The abandoned worker wrote nothing (it sees its ticket abandoned; the run does not wait for it).
    assert!(documents(&out).is_empty());
}

#[test]
fn two_concurrent_runs_on_one_out_cannot_both_proceed() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 15);
    let out = dir.path().join("out");
    let mut first = styrdok()
        .arg("run")
        .arg(&diarium)
        .arg("--out")
        .arg(&out)
        .args(["--jobs", "1", "--quiet"])
        .spawn()
        .expect("spawn");
    let lock = out.join(".state/lock");
    let waited = Instant::now();
    while !std::fs::read_to_string(&lock).is_ok_and(|s| s.contains("pid")) {
        assert!(waited.elapsed() < Duration::from_secs(30), "no lock taken");
        std::thread::sleep(Duration::from_millis(5));
    }
    let second = run(&diarium, &out, &[]);
    let first_still_running = first.try_wait().expect("try_wait").is_none();
    assert_eq!(second.status.code(), Some(2), "{}", stderr(&second));
    let msg = stderr(&second);
    assert!(
        msg.contains("another styrdok run") && msg.contains(&format!("pid {}", first.id())),
        "{msg}"
    );
    assert!(
        first_still_running,
        "the first run ended before the second was refused"
    );
    assert_eq!(first.wait().expect("wait").code(), Some(0));
    // The refused run wrote nothing: the report is the first run's.
    let r = report(&out);
    assert_eq!(count(&r, "extracted"), 45);
    // With the first run over, the lock is free again.
    let third = run(&diarium, &out, &[]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
}

#[test]
fn a_stale_lock_of_a_killed_run_is_recovered() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 1);
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join(".state")).expect("mkdir");
    let mut gone = Command::new("true").spawn().expect("spawn");
    let pid = gone.id();
    gone.wait().expect("wait");
    std::fs::write(
        out.join(".state/lock"),
        format!("pid {pid}\nstarted then\n"),
    )
    .expect("write");
    let result = run(&diarium, &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let r = report(&out);
    let notes = r["notes"].as_array().expect("notes");
    assert!(
        notes.iter().any(|n| n
            .as_str()
            .is_some_and(|n| n.contains(&format!("pid {pid}")))),
        "{notes:?}"
    );
}

#[test]
fn reruns_do_only_new_work_and_follow_renames_deletions_and_changes() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 2);
    let n = diarium_files().len() * 2;
    let out = dir.path().join("out");
    let first = run(&diarium, &out, &["--table-files"]);
    assert_eq!(first.status.code(), Some(0), "{}", stderr(&first));
    assert_eq!(count(&report(&out), "extracted"), n as u64);
    let before = documents(&out);
    let mtimes = |out: &Path| -> Vec<std::time::SystemTime> {
        std::fs::read_dir(out.join("documents"))
            .expect("dir")
            .map(|e| {
                e.expect("entry")
                    .metadata()
                    .expect("meta")
                    .modified()
                    .expect("mtime")
            })
            .collect()
    };
    let mtimes_before = mtimes(&out);

    // Nothing changed: nothing extracted, nothing rewritten.
    let second = run(&diarium, &out, &["--table-files"]);
    assert_eq!(second.status.code(), Some(0), "{}", stderr(&second));
    let r = report(&out);
    assert_eq!(
        (count(&r, "extracted"), count(&r, "unchanged")),
        (0, n as u64)
    );
    assert_eq!(documents(&out), before);
    assert_eq!(mtimes(&out), mtimes_before);

    // A renamed (moved) file is recognised by its content: not extracted, only its path updated,
    // exactly as a clean run on the new tree would write it.
    let first_file = diarium.join("kopia-001").join(&diarium_files()[0]);
    let moved = diarium.join("flyttad.txt");
    std::fs::rename(&first_file, &moved).expect("rename");
    let third = run(&diarium, &out, &["--table-files"]);
    assert_eq!(third.status.code(), Some(0), "{}", stderr(&third));
    let r = report(&out);
    assert_eq!(
        (
            count(&r, "extracted"),
            count(&r, "relocated"),
            count(&r, "removed")
        ),
        (0, 1, 0)
    );
    let clean_out = dir.path().join("clean");
    assert_eq!(
        run(&diarium, &clean_out, &["--table-files"]).status.code(),
        Some(0)
    );
    assert_eq!(documents(&out), documents(&clean_out));
    let moved_doc: serde_json::Value = serde_json::from_slice(
        documents(&out)
            .values()
            .find(|b| String::from_utf8_lossy(b).contains("flyttad.txt"))
            .expect("a document for the moved file"),
    )
    .expect("json");
    assert_eq!(
        moved_doc["source"]["path"],
        moved.to_string_lossy().as_ref()
    );

    // A deleted file leaves the output; a copy with equal bytes adds no document.
    std::fs::remove_file(&moved).expect("remove");
    std::fs::copy(
        diarium.join("kopia-000").join(&diarium_files()[1]),
        diarium.join("dubblett.txt"),
    )
    .expect("copy");
    let fourth = run(&diarium, &out, &["--table-files"]);
    assert_eq!(fourth.status.code(), Some(0), "{}", stderr(&fourth));
    let r = report(&out);
    assert_eq!(
        (
            count(&r, "extracted"),
            count(&r, "removed"),
            count(&r, "duplicates")
        ),
        (0, 1, 1)
    );
    assert_eq!(documents(&out).len(), n - 1);

    // A changed file: its old document goes, its new one comes.
    let changed = diarium.join("kopia-000").join(&diarium_files()[2]);
    let mut bytes = std::fs::read(&changed).expect("read");
    bytes.extend_from_slice(b"\nTillagd rad.\n");
    std::fs::write(&changed, bytes).expect("write");
    let fifth = run(&diarium, &out, &["--table-files"]);
    assert_eq!(fifth.status.code(), Some(0), "{}", stderr(&fifth));
    let r = report(&out);
    // The changed file is the 2026 plan, a correctly written document the repair stage learns from: with
    // the corpus changed, the two copies of the OCR'd 2024 plan are repaired again as well.
    assert_eq!(
        diarium_files()[2].to_string_lossy(),
        "hsn-verksamhetsplan-2026.txt"
    );
    assert_eq!((count(&r, "extracted"), count(&r, "removed")), (1 + 2, 1));
    let clean_out = dir.path().join("clean-2");
    assert_eq!(
        run(&diarium, &clean_out, &["--table-files"]).status.code(),
        Some(0)
    );
    assert_eq!(documents(&out), documents(&clean_out));
    // So is the dataset: the old document's tables left with it.
    assert!(!table_files(&out).is_empty());
    assert_eq!(table_files(&out), table_files(&clean_out));
    for file in [
        "uppdrag.jsonl",
        "lineages.json",
        "links.jsonl",
        "datapackage.json",
    ] {
        let read = |out: &Path| std::fs::read(out.join(file)).expect("dataset file");
        assert!(
            read(&out) == read(&clean_out),
            "{file} differs from a clean run's"
        );
    }
}

/// Per-table CSV files are written on request only; asking for them, or no longer asking, rebuilds the
/// dataset although no document changed, and the data package lists exactly the files there are.
#[test]
fn table_files_come_and_go_with_the_option() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 1);
    let out = dir.path().join("out");
    let listed = |out: &Path| -> Vec<String> {
        let text = std::fs::read_to_string(out.join("datapackage.json")).expect("datapackage.json");
        let package: serde_json::Value = serde_json::from_str(&text).expect("JSON");
        let mut paths: Vec<String> = package["resources"]
            .as_array()
            .expect("resources")
            .iter()
            .filter_map(|r| r["path"].as_str())
            .filter(|p| p.starts_with("tables/"))
            .map(String::from)
            .collect();
        paths.sort();
        paths
    };

    let plain = run(&diarium, &out, &[]);
    assert_eq!(plain.status.code(), Some(0), "{}", stderr(&plain));
    assert!(!out.join("tables").exists());
    assert!(listed(&out).is_empty());
    let cells = std::fs::read(out.join("table_cells.csv")).expect("table_cells.csv");

    let with = run(&diarium, &out, &["--table-files"]);
    assert_eq!(with.status.code(), Some(0), "{}", stderr(&with));
    assert_eq!(count(&report(&out), "extracted"), 0);
    let files: Vec<String> = table_files(&out)
        .iter()
        .map(|n| format!("tables/{}", n.to_string_lossy()))
        .collect();
    // The 2026 plan alone has four tables.
    assert!(files.len() >= 4, "{files:?}");
    assert_eq!(listed(&out), files);
    assert_eq!(
        std::fs::read(out.join("table_cells.csv")).expect("cells"),
        cells
    );

    let without = run(&diarium, &out, &[]);
    assert_eq!(without.status.code(), Some(0), "{}", stderr(&without));
    assert!(!out.join("tables").exists());
    assert!(!out.join(".tables-old").exists());
    assert!(listed(&out).is_empty());
}

#[test]
fn sharded_runs_and_a_link_give_the_dataset_of_one_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 4);
    let whole = dir.path().join("whole");
    assert_eq!(run(&diarium, &whole, &[]).status.code(), Some(0));
    let mut union = BTreeMap::new();
    let mut other_shards = 0;
    let mut shard_documents: Vec<PathBuf> = Vec::new();
    for k in 1..=3 {
        let out = dir.path().join(format!("shard-{k}"));
        let result = run(&diarium, &out, &["--shard", &format!("{k}/3")]);
        assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
        let r = report(&out);
        assert_eq!(r["shard"]["index"], k);
        other_shards += count(&r, "other_shards");
        for (name, bytes) in documents(&out) {
            shard_documents.push(out.join("documents").join(&name));
            assert!(
                union.insert(name, bytes).is_none(),
                "a document in two shards"
            );
        }
    }
    assert_eq!(union, documents(&whole));
    assert_eq!(other_shards, 2 * union.len() as u64);
    // `styrdok link` over the shards' documents builds the dataset of the unsharded run.
    let linked = dir.path().join("linked");
    let result = styrdok()
        .arg("link")
        .args(&shard_documents)
        .arg("--out")
        .arg(&linked)
        .output()
        .expect("styrdok link runs");
    assert!(result.status.success(), "{}", stderr(&result));
    for file in [
        "links.jsonl",
        "lineages.json",
        "uppdrag.jsonl",
        "uppdrag.csv",
        "lineage_members.csv",
        "table_cells.csv",
        "datapackage.json",
    ] {
        let read = |out: &Path| std::fs::read(out.join(file)).expect(file);
        assert!(!read(&whole).is_empty(), "{file} is empty");
        assert!(read(&linked) == read(&whole), "{file} differs");
    }
    let bad = run(&diarium, &whole, &["--shard", "4/3"]);
    assert_eq!(bad.status.code(), Some(2));
}

#[test]
fn progress_as_json_lines_is_machine_readable() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 1);
    std::fs::write(diarium.join("tom.txt"), b"").expect("write");
    let out = dir.path().join("out");
    let result = run(
        &diarium,
        &out,
        &["--progress", "json", "--progress-interval", "0.1"],
    );
    assert_eq!(result.status.code(), Some(1));
    let events: Vec<serde_json::Value> = stderr(&result)
        .lines()
        .map(|l| serde_json::from_str(l).unwrap_or_else(|e| panic!("not JSON: {l}: {e}")))
        .collect();
    let kinds: Vec<&str> = events.iter().filter_map(|e| e["event"].as_str()).collect();
    assert!(kinds.contains(&"phase"), "{kinds:?}");
    assert!(kinds.contains(&"failed"), "{kinds:?}");
    assert_eq!(kinds.last(), Some(&"finished"));
    let last = events.last().expect("events");
    assert_eq!(last["exit_code"], 1);
    assert_eq!(last["counts"]["extracted"], diarium_files().len());
    // --quiet says nothing at all; the failures are in the report.
    let quiet = run(&diarium, &dir.path().join("q"), &["--quiet"]);
    assert_eq!(quiet.status.code(), Some(1));
    assert!(stderr(&quiet).is_empty(), "{}", stderr(&quiet));
}

#[test]
fn the_readme_command_runs_on_the_bundled_diarium() {
    let dir = tempfile::tempdir().expect("tempdir");
    let out = dir.path().join("out");
    let result = run(&fixture("diarium"), &out, &[]);
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    assert_eq!(documents(&out).len(), files_under("diarium").len());
    // The run links what it extracted: the dataset is there and the 2024 plan's Nr 17 is followed up.
    let links = std::fs::read_to_string(out.join("links.jsonl")).expect("links.jsonl");
    assert!(links
        .lines()
        .any(|l| l.contains("\"relation\":\"follow_up\"") && l.contains("\"key\":\"Nr 17\"")));
    assert!(out.join("styrdok.sqlite").is_file() && out.join("datapackage.json").is_file());
    assert_eq!(count(&report(&out), "failed"), 0);
}

/// A program that writes its arguments as a line into `log`, then runs the real `program` with them:
/// the real Tesseract and poppler run, and the test can count how often.
fn logging_wrapper(dir: &Path, program: &str, log: &Path) -> PathBuf {
    use std::os::unix::fs::PermissionsExt;
    let real = String::from_utf8(
        Command::new("sh")
            .args(["-c", &format!("command -v {program}")])
            .output()
            .expect("sh runs")
            .stdout,
    )
    .expect("UTF-8");
    let script = dir.join(program);
    std::fs::write(
        &script,
        format!(
            "#!/bin/sh\necho \"$*\" >> '{}'\nexec '{}' \"$@\"\n",
            log.display(),
            real.trim()
        ),
    )
    .expect("write");
    std::fs::set_permissions(&script, std::fs::Permissions::from_mode(0o755)).expect("chmod");
    script
}

/// The calls in a wrapper's log that rasterize or recognise a page (not the check of the models).
fn page_calls(log: &Path) -> usize {
    std::fs::read_to_string(log)
        .unwrap_or_default()
        .lines()
        .filter(|l| !l.contains("--list-langs") && !l.contains("--version"))
        .count()
}

#[test]
fn a_scanned_document_is_recognised_once_even_across_a_killed_run() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    std::fs::create_dir_all(&diarium).expect("mkdir");
    let scan = std::fs::read(fixture("scans/uppdrag-2026-scan.pdf")).expect("read");
    std::fs::write(diarium.join("skannad.pdf"), &scan).expect("write");
    for rel in diarium_files().into_iter().take(2) {
        let name = rel.file_name().expect("name");
        std::fs::copy(fixture("seeds").join(&rel), diarium.join(name)).expect("copy");
    }
    let tools = dir.path().join("tools");
    std::fs::create_dir_all(&tools).expect("mkdir");
    let (tesseract_log, pdftoppm_log) = (
        dir.path().join("tesseract.log"),
        dir.path().join("pdftoppm.log"),
    );
    let out = dir.path().join("out");
    let mut opts = styrdok::batch::BatchOptions::new(&diarium, &out);
    opts.pipeline.ingest.ocr.tesseract = logging_wrapper(&tools, "tesseract", &tesseract_log);
    opts.pipeline.ingest.ocr.pdftoppm = logging_wrapper(&tools, "pdftoppm", &pdftoppm_log);
    opts.review = false;

    // The scan's document file cannot be written (a folder stands in its place): the run stops after
    // preparing every document, as a killed one would.
    let id = &styrdok::digest::sha256_hex(&scan)[..16];
    let blocker = out.join("documents").join(format!("{id}.json"));
    std::fs::create_dir_all(&blocker).expect("mkdir");
    let first = styrdok::batch::run(&opts).expect("run starts");
    assert!(first.abort_reason.is_some(), "{:?}", first.abort_reason);
    let (recognised, rasterized) = (page_calls(&tesseract_log), page_calls(&pdftoppm_log));
    // Two pages, each rasterized and recognised once.
    assert_eq!((recognised, rasterized), (2, 2));

    std::fs::remove_dir(&blocker).expect("rmdir");
    let second = styrdok::batch::run(&opts).expect("run starts");
    assert_eq!(second.exit_code, 0, "{:?}", second.abort_reason);
    assert!(out.join("documents").join(format!("{id}.json")).is_file());
    // The second run finished the prepared scan: nothing was rasterized or recognised again.
    assert_eq!(page_calls(&tesseract_log), recognised);
    assert_eq!(page_calls(&pdftoppm_log), rasterized);
    // And nothing prepared is left once every document is written.
    let prepared = out.join(".state").join("prepared");
    let left: Vec<_> = walk_files(&prepared);
    assert!(left.is_empty(), "{left:?}");
}

fn walk_files(dir: &Path) -> Vec<PathBuf> {
    let mut files = Vec::new();
    for entry in std::fs::read_dir(dir).into_iter().flatten().flatten() {
        let path = entry.path();
        if path.is_dir() {
            files.extend(walk_files(&path));
        } else {
            files.push(path);
        }
    }
    files
}

/// The file a run is on is named while it runs: in the `current` field of the JSON progress lines of
/// the prepare and finish steps.
#[test]
fn progress_lines_name_the_file_being_read() {
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 2);
    let out = dir.path().join("out");
    let result = run(
        &diarium,
        &out,
        &[
            "--progress",
            "json",
            "--progress-interval",
            "0.1",
            "--jobs",
            "1",
        ],
    );
    assert_eq!(result.status.code(), Some(0), "{}", stderr(&result));
    let names: Vec<String> = diarium_files()
        .iter()
        .map(|p| p.file_name().expect("name").to_string_lossy().into_owned())
        .collect();
    let current: Vec<String> = stderr(&result)
        .lines()
        .filter_map(|l| serde_json::from_str::<serde_json::Value>(l).ok())
        .filter(|e| e["event"] == "progress" && (e["phase"] == "prepare" || e["phase"] == "finish"))
        .filter_map(|e| e["current"].as_str().map(String::from))
        .collect();
    assert!(
        !current.is_empty(),
        "no progress line while reading the documents"
    );
    for c in &current {
        assert!(
            c.contains("kopia-") && names.iter().any(|n| c.ends_with(n.as_str())),
            "not a file of the diarium: {c}"
        );
    }
}

/// The progress bar at a terminal names the file it is on: a run under a pseudo-terminal (`script`)
/// draws bars, and the file names are on them.
#[test]
fn the_progress_bar_names_the_file_being_read() {
    if Command::new("script").arg("--version").output().is_err() {
        eprintln!(
            "SKIPPED: script (util-linux) is not installed; no pseudo-terminal to draw bars on"
        );
        return;
    }
    let dir = tempfile::tempdir().expect("tempdir");
    let diarium = dir.path().join("diarium");
    make_diarium(&diarium, 1);
    let out = dir.path().join("out");
    // A wide terminal, so the bar has room for the whole path.
    let command = format!(
        "stty cols 400 rows 40; exec '{}' run '{}' --out '{}' --progress bars --jobs 1",
        env!("CARGO_BIN_EXE_styrdok"),
        diarium.display(),
        out.display()
    );
    let result = Command::new("script")
        .args(["--quiet", "--return", "--command", &command, "/dev/null"])
        .stdin(Stdio::null())
        .output()
        .expect("script runs");
    let screen = String::from_utf8_lossy(&result.stdout);
    assert_eq!(result.status.code(), Some(0), "{screen}");
    // Bars were drawn (not log lines), and they name the documents being read.
    assert!(
        screen.contains("extract") && screen.contains('['),
        "{screen}"
    );
    assert!(
        !screen.contains("documents/s"),
        "log lines, not bars: {screen}"
    );
    let named = diarium_files()
        .iter()
        .filter(|p| screen.contains(&*p.file_name().expect("name").to_string_lossy()))
        .count();
    assert!(named >= 1, "no file named on the bars: {screen}");
}
