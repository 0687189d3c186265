//! `styrdok validate FILE.json...`: checks JSON files against the schemas in `schemas/`.

use super::{report_error, Outcome};
use std::path::PathBuf;
use styrdok::emit::schema::{validate, SchemaKind};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// JSON files to check.
    #[arg(required = true)]
    files: Vec<PathBuf>,
}

pub fn execute(args: Args) -> Outcome {
    let mut outcome = Outcome::Success;
    for file in &args.files {
        // JSON Lines (the dataset's links.jsonl, uppdrag.jsonl): every line is checked on its own.
        if file.extension().is_some_and(|x| x == "jsonl") {
            if !validate_lines(file) {
                outcome = Outcome::SomeFailed;
            }
            continue;
        }
        let value = std::fs::read_to_string(file)
            .map_err(|e| e.to_string())
            .and_then(|s| {
                serde_json::from_str::<serde_json::Value>(&s).map_err(|e| format!("not JSON: {e}"))
            });
        let value = match value {
            Ok(v) => v,
            Err(e) => {
                report_error(file, &e);
                outcome = Outcome::SomeFailed;
                continue;
            }
        };
        let Some(kind) = SchemaKind::of(&value) else {
            report_error(
                file,
                &"not a styrdok document (no schema matches its shape)",
            );
            outcome = Outcome::SomeFailed;
            continue;
        };
        match validate(kind, &value) {
            Ok(()) => println!("{}: valid", file.display()),
            Err(errors) => {
                report_error(
                    file,
                    &format!("{} schema errors; first: {}", errors.len(), errors[0]),
                );
                outcome = Outcome::SomeFailed;
            }
        }
    }
    outcome
}

/// Validates every line of a JSON Lines file; reports the first bad line.
fn validate_lines(file: &std::path::Path) -> bool {
    let text = match std::fs::read_to_string(file) {
        Ok(t) => t,
        Err(e) => {
            report_error(file, &e);
            return false;
        }
    };
    for (n, line) in text
        .lines()
        .enumerate()
        .filter(|(_, l)| !l.trim().is_empty())
    {
        let checked = serde_json::from_str::<serde_json::Value>(line)
            .map_err(|e| format!("not JSON: {e}"))
            .and_then(|v| {
                let kind = SchemaKind::of(&v).ok_or("no schema matches its shape".to_string())?;
                validate(kind, &v).map_err(|errors| {
                    format!("{} schema errors; first: {}", errors.len(), errors[0])
                })
            });
        if let Err(e) = checked {
            report_error(file, &format!("line {}: {e}", n + 1));
            return false;
        }
    }
    println!("{}: valid", file.display());
    true
}
