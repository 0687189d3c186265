//! `styrdok extract FILE...`: one document JSON on stdout, or `DIR/<id>.json` per input with `--out`.

use super::limits::{within_budget, Failure};
use super::{report_error, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Duration;
use styrdok::emit;
use styrdok::model::Document;
use styrdok::pipeline::{extract_path, ExtractError, Options};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input files (text, PDF, DOCX …; the format is read from the content).
    #[arg(required = true)]
    files: Vec<PathBuf>,
    /// Write DIR/<id>.json for each input instead of printing.
    #[arg(long, value_name = "DIR")]
    out: Option<PathBuf>,
    #[command(flatten)]
    limits: super::limits::LimitArgs,
    #[command(flatten)]
    repair: super::repair::RepairArgs,
    #[command(flatten)]
    corpus: super::repair::CorpusArgs,
    #[command(flatten)]
    detect: super::detect::DetectArgs,
}

/// Extracts one file on a thread of its own and waits at most `budget` for it.
fn extract_within(
    file: &Path,
    opts: &Arc<Options>,
    budget: Option<Duration>,
) -> Result<Document, Failure<ExtractError>> {
    let (file, opts) = (file.to_path_buf(), Arc::clone(opts));
    within_budget(budget, move || extract_path(&file, &opts))
}

pub fn execute(args: Args) -> Outcome {
    if args.out.is_none() && args.files.len() > 1 {
        eprintln!("error: several inputs need --out DIR (stdout takes one document)");
        return Outcome::Unusable;
    }
    let mut opts = Options::default();
    args.limits.apply(&mut opts.ingest);
    args.repair.apply(&mut opts.repair);
    if let Err(e) = args.detect.apply(&mut opts) {
        eprintln!("error: {e}");
        return Outcome::Unusable;
    }
    if let Err(e) = args.corpus.apply(&mut opts) {
        eprintln!("error: {e}");
        return Outcome::Unusable;
    }
    let opts = Arc::new(opts);
    let budget = args.limits.doc_budget();
    let mut outcome = Outcome::Success;
    for file in &args.files {
        let doc = match extract_within(file, &opts, budget) {
            Ok(doc) => doc,
            Err(e) => {
                report_error(file, &e);
                outcome = Outcome::SomeFailed;
                continue;
            }
        };
        match &args.out {
            Some(dir) => {
                if let Err(e) = emit::write_document(dir, &doc) {
                    report_error(dir, &format!("cannot write output: {e}"));
                    return Outcome::Unusable;
                }
            }
            None => {
                let mut stdout = std::io::stdout().lock();
                if writeln!(stdout, "{}", emit::to_json(&doc)).is_err() {
                    return Outcome::Unusable;
                }
            }
        }
    }
    outcome
}
