//! The researchers' dataset written from the three seed documents: every file present and valid against
//! its schema, the data package describing every CSV, and the SQLite query of docs/dataset.md answering
//! "what became of uppdrag X".

mod common;
use common::*;
use std::process::Command;
use styrdok::dataset::{write_dataset, DatasetOptions, Documents};
use styrdok::emit::schema::{validate, SchemaKind};

/// The query of docs/dataset.md: every occurrence in the lineages of one uppdrag, in order.
const WHAT_BECAME_OF: &str = "
SELECT d.year, d.kind, u.key
FROM uppdrag AS x
JOIN documents AS dx ON dx.id = x.document_id
JOIN lineage_members AS mx ON mx.uppdrag_id = x.id
JOIN lineage_members AS m ON m.lineage_id = mx.lineage_id
JOIN uppdrag AS u ON u.id = m.uppdrag_id
JOIN documents AS d ON d.id = u.document_id
WHERE dx.year = ?1 AND dx.kind = ?2 AND x.key = ?3
ORDER BY m.lineage_id, m.position";

fn what_became_of(
    db: &rusqlite::Connection,
    year: i32,
    kind: &str,
    key: &str,
) -> Vec<(i32, String, String)> {
    let mut q = db.prepare(WHAT_BECAME_OF).expect("query compiles");
    q.query_map(rusqlite::params![year, kind, key], |r| {
        Ok((r.get(0)?, r.get(1)?, r.get(2)?))
    })
    .expect("query runs")
    .collect::<Result<_, _>>()
    .expect("rows")
}

#[test]
fn the_dataset_is_complete_valid_and_answers_the_question() {
    let docs = vec![
        extract(PLAN_2024_OCR),
        extract(REPORT_2024),
        extract(PLAN_2026),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = write_dataset(&docs, dir.path(), &DatasetOptions::default()).expect("written");
    let total: usize = docs.iter().map(|d| d.uppdrag.len()).sum();
    assert_eq!(summary.uppdrag, total);
    for file in [
        "links.jsonl",
        "lineages.json",
        "uppdrag.jsonl",
        "uppdrag.csv",
        "links.csv",
        "lineage_members.csv",
        "table_cells.csv",
        "datapackage.json",
        "styrdok.sqlite",
    ] {
        assert!(dir.path().join(file).is_file(), "{file} missing");
    }
    // No temporary file is left behind.
    assert!(std::fs::read_dir(dir.path()).expect("dir").all(|e| !e
        .expect("entry")
        .file_name()
        .to_string_lossy()
        .starts_with('.')));

    let read = |f: &str| std::fs::read_to_string(dir.path().join(f)).expect("readable");
    let links = read("links.jsonl");
    assert_eq!(links.lines().count(), summary.links);
    for line in links.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        assert_eq!(SchemaKind::of(&v), Some(SchemaKind::Link));
        validate(SchemaKind::Link, &v).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let rows = read("uppdrag.jsonl");
    assert_eq!(rows.lines().count(), total);
    for line in rows.lines() {
        let v: serde_json::Value = serde_json::from_str(line).expect("JSON line");
        validate(SchemaKind::UppdragRow, &v).unwrap_or_else(|e| panic!("{e:?}"));
    }
    let lineages: serde_json::Value = serde_json::from_str(&read("lineages.json")).expect("JSON");
    validate(SchemaKind::Lineages, &lineages).unwrap_or_else(|e| panic!("{e:?}"));

    // The data package names every CSV file, with the columns the file has, in order.
    let package: serde_json::Value = serde_json::from_str(&read("datapackage.json")).expect("JSON");
    assert_eq!(SchemaKind::of(&package), Some(SchemaKind::DataPackage));
    validate(SchemaKind::DataPackage, &package).unwrap_or_else(|e| panic!("{e:?}"));
    let resources = package["resources"].as_array().expect("resources");
    assert!(resources.len() >= 4);
    for r in resources {
        let path = r["path"].as_str().expect("path");
        let mut csv = csv::Reader::from_path(dir.path().join(path)).expect("csv");
        let header: Vec<String> = csv
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        let fields = declared_fields(r);
        assert_eq!(header, fields, "{path}");
        let n = csv.records().count();
        if path == "uppdrag.csv" {
            assert_eq!(n, total);
        }
    }

    // What became of the 2024 plan's Nr 7c, and of its Nr 17 (read from the documents).
    let db = rusqlite::Connection::open(dir.path().join("styrdok.sqlite")).expect("opens");
    let row = |y: i32, k: &str, key: &str| (y, k.to_string(), key.to_string());
    assert_eq!(
        what_became_of(&db, 2024, "plan", "Nr 7c"),
        vec![
            row(2024, "plan", "Nr 7c"),
            row(2024, "report", "Nr 3-8"),
            row(2026, "plan", "Nr 11")
        ]
    );
    assert_eq!(
        what_became_of(&db, 2024, "plan", "Nr 17"),
        vec![
            row(2024, "plan", "Nr 17"),
            row(2024, "report", "Nr 17"),
            row(2026, "plan", "Nr 10")
        ]
    );
    let tables: i64 = db
        .query_row(
            "SELECT count(*) FROM sqlite_master WHERE type = 'table' AND name IN
             ('documents','uppdrag','goals','links','lineages','lineage_members','table_cells')",
            [],
            |r| r.get(0),
        )
        .expect("count");
    assert_eq!(tables, 7);
}

#[test]
fn an_unwritable_output_is_an_error_not_a_panic() {
    let dir = tempfile::tempdir().expect("tempdir");
    let file = dir.path().join("taken");
    std::fs::write(&file, b"x").expect("write");
    let err = write_dataset(Documents::Loaded(&[]), &file, &DatasetOptions::default())
        .expect_err("a file is not a folder");
    assert!(err.to_string().contains("taken"), "{err}");
}

#[test]
fn the_link_command_writes_the_dataset_and_names_a_bad_input() {
    let dir = tempfile::tempdir().expect("tempdir");
    let docs = dir.path().join("docs");
    let status = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .args(["extract", "--out"])
        .arg(&docs)
        .arg(fixture(PLAN_2024_OCR))
        .arg(fixture(REPORT_2024))
        .status()
        .expect("runs");
    assert!(status.success());
    let bad = dir.path().join("bad.json");
    std::fs::write(&bad, b"{\"not\": \"a document\"}").expect("write");
    let out = dir.path().join("dataset");
    let run = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .arg("link")
        .arg(&docs)
        .arg(&bad)
        .arg("--out")
        .arg(&out)
        .output()
        .expect("runs");
    assert_eq!(run.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&run.stderr);
    assert!(
        stderr.contains("error: ") && stderr.contains("bad.json"),
        "{stderr}"
    );
    let v = Command::new(env!("CARGO_BIN_EXE_styrdok"))
        .arg("validate")
        .arg(out.join("links.jsonl"))
        .arg(out.join("uppdrag.jsonl"))
        .arg(out.join("lineages.json"))
        .arg(out.join("datapackage.json"))
        .output()
        .expect("runs");
    assert!(v.status.success(), "{}", String::from_utf8_lossy(&v.stderr));
}

/// A plan registered twice (other bytes, same words) is not compared with everything again: each of its
/// uppdrag is linked to the first copy's (method `identical`) and joins that uppdrag's lineage, whose id
/// does not change.
#[test]
fn a_document_repeated_word_for_word_joins_the_lineages_of_the_first() {
    let plan = extract(PLAN_2026);
    let bytes = std::fs::read(fixture(PLAN_2026)).expect("fixture");
    let copy = styrdok::pipeline::extract(
        &styrdok::ingest::Input {
            path: "diarium/kopia/verksamhetsplan-2026.txt".into(),
            bytes: [bytes.as_slice(), b"\n\n"].concat(),
        },
        &styrdok::pipeline::Options::default(),
    )
    .expect("extracts");
    assert_ne!(copy.id, plan.id);
    assert_eq!(copy.uppdrag.len(), plan.uppdrag.len());
    let base = vec![extract(PLAN_2024_OCR), extract(REPORT_2024), plan.clone()];
    let with_copy = [base.clone(), vec![copy.clone()]].concat();

    let lineages_of = |docs: &Vec<styrdok::model::Document>| {
        let dir = tempfile::tempdir().expect("tempdir");
        let summary = write_dataset(docs, dir.path(), &DatasetOptions::default()).expect("written");
        let text = std::fs::read_to_string(dir.path().join("lineages.json")).expect("lineages");
        let file: styrdok::dataset::LineagesFile = serde_json::from_str(&text).expect("JSON");
        let links = std::fs::read_to_string(dir.path().join("links.jsonl")).expect("links");
        (summary, file.lineages, links)
    };
    let (before, old, _) = lineages_of(&base);
    let (after, new, links) = lineages_of(&with_copy);

    assert_eq!(after.lineages, before.lineages);
    assert_eq!(after.links, before.links + plan.uppdrag.len());
    let identical: Vec<serde_json::Value> = links
        .lines()
        .map(|l| serde_json::from_str(l).expect("JSON"))
        .filter(|l: &serde_json::Value| l["evidence"]["method"] == "identical")
        .collect();
    assert_eq!(identical.len(), plan.uppdrag.len());
    for (old, new) in old.iter().zip(&new) {
        assert_eq!(old.id, new.id);
        // The lineage is the old one with the copy's occurrence of each of the plan's uppdrag added.
        let added: Vec<_> = new
            .members
            .iter()
            .filter(|m| m.document == copy.id)
            .collect();
        let originals: Vec<_> = old
            .members
            .iter()
            .filter(|m| m.document == plan.id)
            .collect();
        assert_eq!(added.len(), originals.len(), "lineage {}", new.id);
        for (a, o) in added.iter().zip(&originals) {
            assert_eq!(a.key, o.key);
        }
        let rest: Vec<_> = new
            .members
            .iter()
            .filter(|m| m.document != copy.id)
            .collect();
        assert_eq!(rest, old.members.iter().collect::<Vec<_>>());
    }
}

/// The documents are read on several threads but written in one order: the files do not depend on the
/// number of threads.
#[test]
fn the_dataset_is_the_same_whatever_the_number_of_threads() {
    let docs = vec![
        extract(PLAN_2024_OCR),
        extract(REPORT_2024),
        extract(PLAN_2026),
    ];
    let written = |jobs: usize| {
        let dir = tempfile::tempdir().expect("tempdir");
        let opts = DatasetOptions {
            jobs,
            ..Default::default()
        };
        write_dataset(&docs, dir.path(), &opts).expect("written");
        let mut files = std::collections::BTreeMap::new();
        for rel in [
            "links.jsonl",
            "lineages.json",
            "uppdrag.jsonl",
            "uppdrag.csv",
            "table_cells.csv",
            "datapackage.json",
        ] {
            files.insert(rel, std::fs::read(dir.path().join(rel)).expect(rel));
        }
        files
    };
    let one = written(1);
    assert!(written(3) == one, "3 threads wrote other files than 1");
}

/// The `sql` blocks of docs/dataset.md, in order.
fn documented_queries() -> Vec<String> {
    let text = include_str!("../docs/dataset.md");
    text.split("```sql")
        .skip(1)
        .filter_map(|block| block.split("```").next())
        .map(str::to_string)
        .collect()
}

fn rows(db: &rusqlite::Connection, sql: &str) -> Vec<Vec<rusqlite::types::Value>> {
    let mut q = db.prepare(sql).unwrap_or_else(|e| panic!("{e}: {sql}"));
    let n = q.column_count();
    q.query_map([], |r| (0..n).map(|i| r.get(i)).collect())
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("rows")
}

fn text(v: &rusqlite::types::Value) -> String {
    match v {
        rusqlite::types::Value::Text(s) => s.clone(),
        rusqlite::types::Value::Integer(i) => i.to_string(),
        rusqlite::types::Value::Real(x) => x.to_string(),
        _ => String::new(),
    }
}

/// The column names a data package resource declares, in order.
fn declared_fields(resource: &serde_json::Value) -> Vec<String> {
    resource["schema"]["fields"]
        .as_array()
        .expect("fields")
        .iter()
        .map(|f| f["name"].as_str().expect("name").to_string())
        .collect()
}

fn real(v: &rusqlite::types::Value) -> f64 {
    match v {
        rusqlite::types::Value::Real(x) => *x,
        rusqlite::types::Value::Integer(i) => *i as f64,
        _ => f64::NAN,
    }
}

/// The questions of docs/dataset.md, answered by its own queries on the seeds and checked against
/// what the documents (and the gold links written by reading them) say.
#[test]
fn the_documented_questions_are_answered_by_their_queries() {
    let docs = vec![
        extract(PLAN_2024_OCR),
        extract(REPORT_2024),
        extract(PLAN_2026),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    write_dataset(&docs, dir.path(), &DatasetOptions::default()).expect("written");
    let db = rusqlite::Connection::open(dir.path().join("styrdok.sqlite")).expect("opens");
    let queries = documented_queries();
    assert_eq!(queries.len(), 6, "six questions");

    // 1. Nr 7c: followed up in the report's range, continued as 2026 Nr 11.
    let answer: Vec<String> = rows(&db, &queries[0])
        .iter()
        .map(|r| format!("{} {} {}", text(&r[0]), text(&r[1]), text(&r[2])))
        .collect();
    assert_eq!(
        answer,
        ["2024 plan Nr 7c", "2024 report Nr 3-8", "2026 plan Nr 11"]
    );

    // 2. The range comment's sub-items are done, in the comment's words.
    let done = rows(&db, &queries[1]);
    for item in ["Nr 3b", "Nr 4b", "Nr 5a", "Nr 7d"] {
        let row = done
            .iter()
            .find(|r| text(&r[0]) == item)
            .unwrap_or_else(|| panic!("{item} not reported done"));
        assert_eq!(text(&row[2]), "är presenterade och beslutade");
        assert_eq!(text(&row[3]), "range_comment");
    }
    // Every status of the report carries the words it was read from, found in its comment.
    let evidence = rows(
        &db,
        "SELECT s.evidence, u.comment FROM statuses AS s JOIN uppdrag AS u ON u.id = s.uppdrag
         WHERE s.source = 'comment'",
    );
    assert!(!evidence.is_empty());
    for r in &evidence {
        assert!(
            !text(&r[0]).is_empty() && text(&r[1]).contains(&text(&r[0])),
            "{r:?}"
        );
    }

    // 3. Not carried on: what the gold gives no continuation, and Nr 12, the documented miss.
    let gold = std::fs::read_to_string(fixture("link/gold-seeds.tsv")).expect("gold");
    let continued: Vec<&str> = gold
        .lines()
        .filter(|l| l.starts_with("continuation\thsn-verksamhetsplan-2024-ocr.txt"))
        .filter_map(|l| l.split('\t').nth(2))
        .collect();
    let plan_2024 = &docs[0];
    let expected: Vec<&str> = plan_2024
        .uppdrag
        .iter()
        .map(|u| u.key.as_str())
        .filter(|k| !continued.contains(k) || *k == "Nr 12")
        .collect();
    let answer: Vec<String> = rows(&db, &queries[2]).iter().map(|r| text(&r[0])).collect();
    assert_eq!(answer, expected);

    // 4. Near misses: within 0.15 of the threshold or lost under one-to-one, margin as stated, none
    // of them a link.
    let near = rows(&db, &queries[3]);
    assert!(!near.is_empty());
    let links: Vec<(String, String)> = rows(
        &db,
        "SELECT f.key, t.key FROM links AS l JOIN uppdrag AS f ON f.id = l.from_uppdrag
         JOIN uppdrag AS t ON t.id = l.to_uppdrag WHERE l.relation = 'continuation'",
    )
    .iter()
    .map(|r| (text(&r[0]), text(&r[1])))
    .collect();
    for r in &near {
        let (score, threshold, margin) = (real(&r[4]), real(&r[5]), real(&r[6]));
        assert!((score - threshold - margin).abs() < 1e-3, "{r:?}");
        assert!(margin >= -0.15 - 1e-9, "{r:?}");
        assert_eq!(text(&r[7]) == "one_to_one", margin >= 0.0, "{r:?}");
        assert!(
            !links.contains(&(text(&r[1]), text(&r[3]))),
            "a link listed as a near miss: {r:?}"
        );
    }

    // 5. Every text link's score rebuilt from its figures.
    let scores = rows(&db, &queries[4]);
    assert!(scores.len() >= 10, "{} text links", scores.len());
    for r in &scores {
        assert!((real(&r[1]) - real(&r[2])).abs() <= 1.5e-4, "{r:?}");
    }
    // And from links.csv alone.
    let mut csv = csv::Reader::from_path(dir.path().join("links.csv")).expect("links.csv");
    let header = csv.headers().expect("header").clone();
    let col = |name: &str| header.iter().position(|h| h == name).expect(name);
    let (score, text_score, number_weight, method) = (
        col("score"),
        col("text_score"),
        col("number_weight"),
        col("method"),
    );
    for record in csv.records() {
        let record = record.expect("row");
        if &record[method] != "text" {
            continue;
        }
        let num = |i: usize| record[i].parse::<f64>().expect("number");
        let rebuilt = ((num(text_score) + num(number_weight)) * 10_000.0).round() / 10_000.0;
        assert_eq!(rebuilt, num(score), "{record:?}");
    }

    // 6. The 2024 plan's goals: followed up one by one, four carried on into the 2026 plan (checked
    // in full by `goals_are_followed_as_their_words_say`).
    let goals: Vec<(String, String, String)> = rows(&db, &queries[5])
        .iter()
        .map(|r| (text(&r[0]), text(&r[1]), text(&r[4])))
        .collect();
    let of = |relation: &str| goals.iter().filter(|g| g.1 == relation).count();
    assert_eq!(of("follow_up"), 8, "{goals:#?}");
    assert_eq!(of("continuation"), 4, "{goals:#?}");
}

/// The goals of the three seeds, linked as reading them links them. The 2024 plan states Effektmål 1, 2,
/// 6–10 and the unnumbered Mål "Hälso- och sjukvården är en kunskapsorganisation som ständigt
/// utvecklas"; the 2024 report follows up each of them under the same key and words. The 2026 plan has
/// Målsättning 1 and 6–10: nr 7 "Digitala lösningar för en enklare vardag" is 2024's Effektmål 8
/// ("tillgång till bra digitala tjänster"), nr 9 "En långsiktig och stark kompetensförsörjning" is
/// Effektmål 9 ("… bidrar till en hållbar kompetensförsörjning"), nr 10 "En långsiktig stark och hållbar
/// ekonomi med finansiell god hushållning" is Effektmål 10 word for word but "samt uppnår en
/// verksamhetsmässig"; nr 8 "Ansvarsfulla verksamheter med höga ambitioner för hållbar utveckling" is
/// new. Nr 1 "Hälso- och sjukvården är god, säker och jämlik" joins Effektmål 1 (its text speaks of "målet
/// – en god, jämlik och jämställd hälsa") and 2 (högkvalitativ och tillgänglig hälso- och sjukvård); nr 6
/// "Forskning och utbildning av hög kvalitet" joins Effektmål 6 (forskning) and 7 (utbildning): one
/// link each, to either. The kunskapsorganisation goal is not in the 2026 plan. Effektmål 8 → Målsättning
/// 7 is the one the linker misses (0.24, below the goal threshold: they share only "digitala" and
/// "invånare"; docs/dataset.md says so).
#[test]
fn goals_are_followed_as_their_words_say() {
    let docs = vec![
        extract(PLAN_2024_OCR),
        extract(REPORT_2024),
        extract(PLAN_2026),
    ];
    let dir = tempfile::tempdir().expect("tempdir");
    let summary = write_dataset(&docs, dir.path(), &DatasetOptions::default()).expect("written");
    let db = rusqlite::Connection::open(dir.path().join("styrdok.sqlite")).expect("opens");
    let links = |relation: &str, to_year: i32, to_kind: &str| -> Vec<(String, String)> {
        let mut q = db
            .prepare(
                "SELECT l.from_key, l.to_key FROM goal_links AS l
                 JOIN documents AS fd ON fd.id = l.from_document
                 JOIN documents AS td ON td.id = l.to_document
                 WHERE fd.year = 2024 AND fd.kind = 'plan' AND l.relation = ?1
                   AND td.year = ?2 AND td.kind = ?3
                 ORDER BY l.from_key",
            )
            .expect("query");
        q.query_map(rusqlite::params![relation, to_year, to_kind], |r| {
            Ok((r.get(0)?, r.get(1)?))
        })
        .expect("runs")
        .collect::<Result<_, _>>()
        .expect("rows")
    };
    let pair = |a: &str, b: &str| (a.to_string(), b.to_string());
    let mut followed = links("follow_up", 2024, "report");
    followed.sort();
    let mut same: Vec<(String, String)> = ["1", "2", "6", "7", "8", "9", "10"]
        .iter()
        .map(|n| pair(&format!("Effektmål {n}"), &format!("Effektmål {n}")))
        .chain([pair("Mål", "Mål")])
        .collect();
    same.sort();
    assert_eq!(followed, same);

    let carried = links("continuation", 2026, "plan");
    for expected in [
        pair("Effektmål 9", "Målsättning 9"),
        pair("Effektmål 10", "Målsättning 10"),
    ] {
        assert!(
            carried.contains(&expected),
            "{expected:?} missing: {carried:?}"
        );
    }
    let into = |to: &str| -> Vec<&str> {
        carried
            .iter()
            .filter(|(_, t)| t == to)
            .map(|(f, _)| f.as_str())
            .collect()
    };
    assert!(
        matches!(into("Målsättning 1")[..], ["Effektmål 1" | "Effektmål 2"]),
        "{carried:?}"
    );
    assert!(
        matches!(into("Målsättning 6")[..], ["Effektmål 6" | "Effektmål 7"]),
        "{carried:?}"
    );
    assert!(into("Målsättning 8").is_empty(), "{carried:?}");
    // The documented miss: no link into Målsättning 7 rather than a wrong one.
    assert!(into("Målsättning 7").is_empty(), "{carried:?}");
    assert_eq!(carried.len(), 4, "{carried:?}");
    assert!(carried.iter().all(|(f, _)| f != "Mål"), "{carried:?}");
    // The report's goals are not carried on themselves: the 2026 plan takes its goals from the plan.
    assert!(links("continuation", 2026, "report").is_empty());
    assert_eq!(summary.goal_links, 8 + 4);

    // goal_links.csv holds the same links, and the package describes it with foreign keys to goals.
    let csv_rows = csv::Reader::from_path(dir.path().join("goal_links.csv"))
        .expect("goal_links.csv")
        .records()
        .count();
    assert_eq!(csv_rows, summary.goal_links);
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("datapackage.json")).expect("package"),
    )
    .expect("JSON");
    let resource = package["resources"]
        .as_array()
        .expect("resources")
        .iter()
        .find(|r| r["path"] == "goal_links.csv")
        .expect("goal_links.csv described");
    let keys = resource["schema"]["foreignKeys"].as_array().expect("keys");
    assert_eq!(keys.len(), 2);
    for k in keys {
        assert_eq!(k["reference"]["resource"], "goals");
        assert_eq!(
            k["reference"]["fields"],
            serde_json::json!(["document", "goal"])
        );
    }
}

/// With `--excel` every CSV starts with a byte-order mark and uses ';', and the data package says so.
#[test]
fn excel_csv_has_a_bom_and_semicolons() {
    let docs = vec![extract(REPORT_2024), extract(PLAN_2024_OCR)];
    let dir = tempfile::tempdir().expect("tempdir");
    let opts = DatasetOptions {
        excel: true,
        ..Default::default()
    };
    write_dataset(&docs, dir.path(), &opts).expect("written");
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("datapackage.json")).expect("package"),
    )
    .expect("JSON");
    validate(SchemaKind::DataPackage, &package).unwrap_or_else(|e| panic!("{e:?}"));
    for r in package["resources"].as_array().expect("resources") {
        assert_eq!(r["encoding"], "utf-8-sig");
        assert_eq!(r["dialect"]["delimiter"], ";");
        let path = r["path"].as_str().expect("path");
        let bytes = std::fs::read(dir.path().join(path)).expect("csv");
        assert!(bytes.starts_with(b"\xEF\xBB\xBF"), "{path}");
        let mut reader = csv::ReaderBuilder::new()
            .delimiter(b';')
            .from_reader(&bytes[3..]);
        let header: Vec<String> = reader
            .headers()
            .expect("header")
            .iter()
            .map(String::from)
            .collect();
        let fields = declared_fields(r);
        assert_eq!(header, fields, "{path}");
        for record in reader.records() {
            assert_eq!(record.expect("row").len(), fields.len(), "{path}");
        }
    }
    // Å/ä/ö survive: the repaired 2024 plan's text is in uppdrag.csv as UTF-8.
    let uppdrag = std::fs::read_to_string(dir.path().join("uppdrag.csv")).expect("read");
    assert!(uppdrag.contains("färdplan"));
}

/// Every column of the fixed files is described, and the package's foreign keys name real columns.
#[test]
fn the_data_package_describes_every_column() {
    let docs = vec![extract(REPORT_2024)];
    let dir = tempfile::tempdir().expect("tempdir");
    write_dataset(&docs, dir.path(), &DatasetOptions::default()).expect("written");
    let package: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join("datapackage.json")).expect("package"),
    )
    .expect("JSON");
    let resources = package["resources"].as_array().expect("resources");
    let names: Vec<&str> = resources
        .iter()
        .filter_map(|r| r["name"].as_str())
        .collect();
    for r in resources {
        let fields = r["schema"]["fields"].as_array().expect("fields");
        let columns: Vec<&str> = fields.iter().filter_map(|f| f["name"].as_str()).collect();
        for f in fields {
            let d = f["description"].as_str().unwrap_or("");
            assert!(
                d.len() > 10,
                "{} {} has no description",
                r["path"],
                f["name"]
            );
        }
        for fk in r["schema"]["foreignKeys"].as_array().into_iter().flatten() {
            let target = fk["reference"]["resource"].as_str().expect("resource");
            assert!(names.contains(&target), "{target}");
            for c in fk["fields"]
                .as_array()
                .map_or_else(|| vec![fk["fields"].clone()], Clone::clone)
            {
                assert!(columns.contains(&c.as_str().expect("column")), "{c}");
            }
        }
    }
    let status = resources
        .iter()
        .find(|r| r["path"] == "statuses.csv")
        .expect("statuses.csv");
    assert_eq!(
        status["schema"]["fields"][4]["constraints"]["enum"],
        serde_json::json!(["completed", "in_progress", "multi_year", "not_started"])
    );
}
