//! `styrdok extract FILE...`: one document JSON on stdout, or `DIR/<id>.json` per input with `--out`.

use super::limits::{describe, present};
use super::{report_error, Outcome};
use std::collections::BTreeMap;
use std::io::Write;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::Duration;
use styrdok::batch::schedule::{JobFailure, Scheduler, Ticket};
use styrdok::emit;
use styrdok::limit::Limit;
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
    /// Documents read at once with --out (default: the number of cores; 1 under `xargs -P` or any
    /// other runner that starts several processes).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    #[command(flatten)]
    limits: super::limits::LimitArgs,
    #[command(flatten)]
    repair: super::repair::RepairArgs,
    #[command(flatten)]
    corpus: super::repair::CorpusArgs,
    #[command(flatten)]
    detect: super::detect::DetectArgs,
}

/// A document's failure as the person sees it: a document over its time budget names the flag that
/// sets it.
fn failure_reason(failure: &JobFailure) -> String {
    match failure {
        JobFailure::TimedOut(_) => present(failure.to_string(), Some(Limit::DocumentTime)),
        JobFailure::Panicked(_) => failure.to_string(),
    }
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
    // The scheduler `styrdok run` uses: documents in parallel, each under its time budget, a panic
    // the failure of its document alone. A document over its budget is reported and left behind: its
    // thread cannot be stopped safely, and ends with the process.
    let jobs = match (&args.out, args.jobs) {
        (None, _) => 1,
        (Some(_), Some(jobs)) => jobs as usize,
        (Some(_), None) => std::thread::available_parallelism().map_or(1, |n| n.get()),
    };
    let scheduler = match Scheduler::new(jobs) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("error: cannot start the worker pool: {e}");
            return Outcome::Unusable;
        }
    };
    let mut outcome = Outcome::Success;
    // Results arrive as documents finish; they are written and reported in the order given.
    let mut waiting: BTreeMap<usize, Result<Document, String>> = BTreeMap::new();
    let mut next = 0usize;
    let files = args.files.clone();
    scheduler.run(
        args.files.clone(),
        budget,
        move |file: PathBuf, _: &Ticket| extract_path(&file, &opts).map_err(|e| describe(&e)),
        |index, result| {
            waiting.insert(
                index,
                result.unwrap_or_else(|failure| Err(failure_reason(&failure))),
            );
            while let Some(result) = waiting.remove(&next) {
                let file = &files[next];
                next += 1;
                let doc = match result {
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
                            outcome = Outcome::Unusable;
                            return ControlFlow::Break(());
                        }
                    }
                    None => {
                        let mut stdout = std::io::stdout().lock();
                        if writeln!(stdout, "{}", emit::to_json(&doc)).is_err() {
                            outcome = Outcome::Unusable;
                            return ControlFlow::Break(());
                        }
                    }
                }
            }
            ControlFlow::Continue(())
        },
        Duration::from_secs(3600),
        || {},
    );
    outcome
}
