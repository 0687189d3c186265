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
