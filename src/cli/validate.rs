//! `styrdok validate FILE...`: checks the files styrdok writes (and the corrections file a person
//! writes) against the schemas in `schemas/`.

use super::{report_error, Outcome};
use std::path::{Path, PathBuf};
use styrdok::emit::schema::{validate, SchemaKind};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Files to check: a document (`documents/<id>.json`), `links.jsonl`, `candidates.jsonl`,
    /// `uppdrag.jsonl`, `corrections.jsonl`, `lineages.json`, `datapackage.json`, `run-report.json`, a
    /// corrections file (`.toml`), or an output folder (every one of those in it). A `.jsonl` file is
    /// checked line by line.
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// The schema to check against, instead of the one the file's name (or else its shape) gives.
    #[arg(long, value_parser = schema_name)]
    schema: Option<SchemaKind>,
}

fn schema_name(name: &str) -> Result<SchemaKind, String> {
    SchemaKind::named(name).ok_or_else(|| {
        let names: Vec<&str> = SchemaKind::ALL.iter().map(|k| k.name()).collect();
        format!("no schema {name}; one of: {}", names.join(", "))
    })
}

/// The files of an output folder that have a schema, in a fixed order.
fn files_in(folder: &Path) -> Vec<PathBuf> {
    let mut out: Vec<PathBuf> = [
        "run-report.json",
        "datapackage.json",
        "lineages.json",
        "links.jsonl",
        "candidates.jsonl",
        "uppdrag.jsonl",
        "corrections.jsonl",
        "styrdok-corrections.toml",
    ]
    .iter()
    .map(|f| folder.join(f))
    .filter(|p| p.is_file())
    .collect();
    let mut documents: Vec<PathBuf> = std::fs::read_dir(folder.join("documents"))
        .into_iter()
        .flatten()
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| SchemaKind::of_file(p) == Some(SchemaKind::Document))
        .collect();
    documents.sort();
    out.extend(documents);
    out
}

pub fn execute(args: Args) -> Outcome {
    let mut outcome = Outcome::Success;
    for given in &args.files {
        let files = if given.is_dir() {
            let files = files_in(given);
            if files.is_empty() {
                report_error(given, &"no file styrdok writes is in this folder");
                outcome = Outcome::SomeFailed;
            }
            files
        } else {
            vec![given.clone()]
        };
        for file in &files {
            let kind = args.schema.or_else(|| SchemaKind::of_file(file));
            if !check(file, kind) {
                outcome = Outcome::SomeFailed;
            }
        }
    }
    outcome
}

/// Checks one file against `kind`, or the schema its shape gives; prints `FILE: valid (SCHEMA)` or
/// reports the first error.
fn check(file: &Path, kind: Option<SchemaKind>) -> bool {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            report_error(file, &e);
            return false;
        }
    };
    // JSON Lines (links.jsonl, uppdrag.jsonl, …): every line is checked on its own.
    let lines = file.extension().is_some_and(|x| x == "jsonl");
    let is_toml =
        kind == Some(SchemaKind::Corrections) || file.extension().is_some_and(|x| x == "toml");
    let values: Vec<(Option<usize>, &str)> = if lines {
        text.lines()
            .enumerate()
            .filter(|(_, l)| !l.trim().is_empty())
            .map(|(n, l)| (Some(n + 1), l))
            .collect()
    } else {
        vec![(None, text.as_str())]
    };
    let mut used = kind;
    for (line, value) in values {
        let parsed = if is_toml {
            toml::from_str::<serde_json::Value>(value).map_err(|e| format!("not TOML: {e}"))
        } else {
            serde_json::from_str::<serde_json::Value>(value).map_err(|e| format!("not JSON: {e}"))
        };
        let checked = parsed.and_then(|v| {
            let kind = kind
                .or_else(|| SchemaKind::of(&v))
                .ok_or("not a file styrdok writes (no schema matches its name or shape)")?;
            used = Some(kind);
            validate(kind, &v).map_err(|errors| {
                format!(
                    "{} {} schema errors; first: {}",
                    errors.len(),
                    kind.name(),
                    errors[0]
                )
            })
        });
        if let Err(e) = checked {
            match line {
                Some(n) => report_error(file, &format!("line {n}: {e}")),
                None => report_error(file, &e),
            }
            return false;
        }
    }
    match used {
        Some(kind) => println!("{}: valid ({})", file.display(), kind.name()),
        None => println!("{}: valid (empty)", file.display()),
    }
    true
}
