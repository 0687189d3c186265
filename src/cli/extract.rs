//! `styrdok extract FILE...`: one document JSON on stdout, or `DIR/<id>.json` per input with `--out`.

use super::{report_error, Outcome};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::mpsc::RecvTimeoutError;
use std::sync::Arc;
use std::time::Duration;
use styrdok::batch::schedule::JobFailure;
use styrdok::emit;
use styrdok::model::Document;
use styrdok::pipeline::{extract_path, Options};

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

/// Extracts one file on a thread of its own and waits at most `budget` for it. A document over its
/// budget is reported and left behind: its thread cannot be stopped safely, and ends with the process.
fn extract_within(
    file: &Path,
    opts: &Arc<Options>,
    budget: Option<Duration>,
) -> Result<Document, String> {
    let (tx, rx) = std::sync::mpsc::channel();
    let (file_owned, opts) = (file.to_path_buf(), Arc::clone(opts));
    std::thread::spawn(move || {
        let _ = tx.send(extract_path(&file_owned, &opts).map_err(|e| e.to_string()));
    });
    let received = match budget {
        Some(b) => rx.recv_timeout(b).map_err(|e| match e {
            RecvTimeoutError::Timeout => JobFailure::TimedOut(b).to_string(),
            RecvTimeoutError::Disconnected => "internal error (panic)".to_string(),
        }),
        None => rx.recv().map_err(|_| "internal error (panic)".to_string()),
    };
    received?
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
