//! `styrdok link DOC.json... --out DIR`: links the uppdrag of extracted documents across documents and
//! years and writes the researchers' dataset (links, lineages, uppdrag rows, CSV, data package, SQLite).

use super::{report_error, Outcome};
use std::path::PathBuf;
use styrdok::dataset::write_dataset;
use styrdok::link::LinkOptions;
use styrdok::model::Document;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Document JSON files written by `extract` or `run`; a folder stands for the *.json files in it.
    #[arg(required = true)]
    docs: Vec<PathBuf>,
    /// Output folder of the dataset.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
}

/// The JSON files named by the arguments: files as given, folders as their `*.json` files in name order.
fn inputs(args: &[PathBuf]) -> Vec<PathBuf> {
    let mut out = Vec::new();
    for arg in args {
        if arg.is_dir() {
            let mut files: Vec<PathBuf> = std::fs::read_dir(arg)
                .into_iter()
                .flatten()
                .filter_map(Result::ok)
                .map(|e| e.path())
                .filter(|p| p.is_file() && p.extension().is_some_and(|x| x == "json"))
                .collect();
            files.sort();
            out.extend(files);
        } else {
            out.push(arg.clone());
        }
    }
    out
}

fn read(path: &PathBuf) -> Result<Document, String> {
    let text = std::fs::read_to_string(path).map_err(|e| e.to_string())?;
    serde_json::from_str(&text).map_err(|e| format!("not a styrdok document JSON: {e}"))
}

pub fn execute(args: Args) -> Outcome {
    let mut docs = Vec::new();
    let mut failed = 0usize;
    for path in inputs(&args.docs) {
        match read(&path) {
            Ok(doc) => docs.push(doc),
            Err(e) => {
                report_error(&path, &e);
                failed += 1;
            }
        }
    }
    match write_dataset(&docs, &args.out, &LinkOptions::default()) {
        Ok(summary) => {
            for d in &summary.diagnostics {
                eprintln!("{}: {}", d.code, d.message);
            }
            eprintln!(
                "{} documents, {} uppdrag, {} links, {} lineages written to {}",
                summary.documents,
                summary.uppdrag,
                summary.links,
                summary.lineages,
                args.out.display()
            );
        }
        Err(e) => {
            report_error(&args.out, &e);
            return Outcome::Unusable;
        }
    }
    if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    }
}
