//! `styrdok link DOC.json... --out DIR`: links the uppdrag of extracted documents across documents and
//! years and writes the researchers' dataset (links, lineages, uppdrag rows, CSV, data package, SQLite).

use super::{report_error, Outcome};
use std::path::{Path, PathBuf};
use styrdok::dataset::{write_dataset, DatasetOptions, Documents};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Document JSON files written by `extract` or `run`; a folder stands for the *.json files in it.
    #[arg(required = true)]
    docs: Vec<PathBuf>,
    /// Output folder of the dataset.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    /// Also write each table as its own CSV file, DIR/tables/<document>-<table>.csv (every cell is in
    /// table_cells.csv and styrdok.sqlite either way).
    #[arg(long)]
    table_files: bool,
    /// Write the CSV files for a spreadsheet set to Swedish: a byte-order mark and ';' between fields.
    #[arg(long)]
    excel: bool,
    /// Apply a corrections file (see docs/review.md).
    #[arg(long, value_name = "FILE")]
    corrections: Option<PathBuf>,
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

pub fn execute(args: Args) -> Outcome {
    let files = inputs(&args.docs);
    let corrections = match args
        .corrections
        .as_deref()
        .map(styrdok::corrections::Corrections::read)
        .transpose()
    {
        Ok(c) => c.map(std::sync::Arc::new),
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unusable;
        }
    };
    let mut failed = 0usize;
    match write_dataset(
        Documents::Files(&files),
        &args.out,
        &DatasetOptions {
            table_files: args.table_files,
            excel: args.excel,
            corrections,
            ..Default::default()
        },
    ) {
        Ok(summary) => {
            for (name, reason) in &summary.unreadable {
                report_error(Path::new(name), reason);
                failed += 1;
            }
            for d in &summary.diagnostics {
                eprintln!("{}: {}", d.code, d.message);
            }
            for r in &summary.corrections {
                if let Some(reason) = &r.reason {
                    eprintln!(
                        "warning: correction {} applies to nothing: {reason}",
                        r.correction
                    );
                }
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
