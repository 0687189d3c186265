//! `styrdok run DIR --out OUT`: the batch over a diarium (see `styrdok::batch`); this module only turns
//! arguments into options and the report into an exit status.

use super::{report_error, Outcome};
use std::path::PathBuf;
use std::time::Duration;
use styrdok::batch::lock::LockError;
use styrdok::batch::report::RunReport;
use styrdok::batch::schedule::OVER_BUDGET;
use styrdok::batch::{self, progress::ProgressMode, BatchError, BatchOptions, HashError, Shard};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to process (a diarium).
    dir: PathBuf,
    /// Output folder: documents/, run-report.json and the state of earlier runs.
    #[arg(long, value_name = "OUT")]
    out: PathBuf,
    /// Documents processed at once (default: the number of cores).
    #[arg(long, short = 'j', value_name = "N", value_parser = clap::value_parser!(u32).range(1..))]
    jobs: Option<u32>,
    /// Process only shard K of N (1-based), chosen by content hash; see docs/batch.md.
    #[arg(long, value_name = "K/N")]
    shard: Option<Shard>,
    /// How progress is shown on stderr.
    #[arg(long, value_enum, default_value_t = ProgressMode::Auto)]
    progress: ProgressMode,
    /// Seconds between progress lines in the log and json modes.
    #[arg(long, value_name = "SECS", default_value_t = 10.0)]
    progress_interval: f64,
    /// Show nothing but an error that stops the run (the report has the rest).
    #[arg(long, short = 'q')]
    quiet: bool,
    /// Also write each table as its own CSV file, OUT/tables/<document>-<table>.csv (every cell is in
    /// table_cells.csv and styrdok.sqlite either way).
    #[arg(long)]
    table_files: bool,
    /// Write the CSV files for a spreadsheet set to Swedish: a byte-order mark and ';' between fields.
    #[arg(long)]
    excel: bool,
    /// Do not write the review pages (OUT/review/).
    #[arg(long)]
    no_review: bool,
    #[command(flatten)]
    limits: super::limits::LimitArgs,
    #[command(flatten)]
    repair: super::repair::RepairArgs,
    #[command(flatten)]
    detect: super::detect::DetectArgs,
}

pub fn execute(args: Args) -> Outcome {
    let mut opts = BatchOptions::new(&args.dir, &args.out);
    if let Some(jobs) = args.jobs {
        opts.jobs = jobs as usize;
    }
    opts.shard = args.shard;
    opts.table_files = args.table_files;
    opts.excel = args.excel;
    opts.review = !args.no_review;
    // Ctrl-C and SIGTERM stop the run cleanly (report written as interrupted) instead of killing it.
    batch::interrupt::install();
    opts.progress = if args.quiet {
        ProgressMode::Quiet
    } else {
        args.progress
    };
    // An interval too large to be a Duration (inf) is as good as none: keep the default.
    if let Ok(interval) = Duration::try_from_secs_f64(args.progress_interval.max(0.1)) {
        opts.progress_interval = interval;
    }
    opts.doc_timeout = args.limits.doc_budget();
    opts.present = super::limits::present;
    args.limits.apply(&mut opts.pipeline.ingest);
    args.repair.apply(&mut opts.pipeline.repair);
    if let Err(e) = args.detect.apply(&mut opts.pipeline) {
        eprintln!("error: {e}");
        return Outcome::Unusable;
    }
    match batch::run(&opts) {
        Ok(report) => {
            // Hints are plain lines: none among the JSON lines of `--progress json`.
            if !args.quiet && !matches!(args.progress, ProgressMode::Json) {
                print_hints(&report);
            }
            exit_status(&report, &args.out)
        }
        Err(e) => {
            match &e {
                BatchError::NotAFolder(dir) => report_error(dir, &"not a folder"),
                BatchError::Lock(LockError::Held { .. }) => {
                    eprintln!("error: {e}");
                    eprintln!("hint: give another --out to run beside it");
                }
                _ => eprintln!("error: {e}"),
            }
            Outcome::Unusable
        }
    }
}

/// The flags that set the limits some documents ran into (the report names the limits only).
fn print_hints(report: &RunReport) {
    let hit = |phrase: &str| report.failures.iter().any(|f| f.reason.contains(phrase));
    if hit(OVER_BUDGET) {
        eprintln!("hint: --doc-timeout SECS gives each document more time");
    }
    if hit(HashError::TOO_LARGE) {
        eprintln!("hint: --max-input-bytes N reads larger files");
    }
}

fn exit_status(report: &RunReport, out: &std::path::Path) -> Outcome {
    match report.exit_code {
        0 => Outcome::Success,
        1 => Outcome::SomeFailed,
        code if code > 128 => Outcome::Interrupted(code),
        _ => {
            if let Some(reason) = &report.abort_reason {
                report_error(out, reason);
            }
            Outcome::Unusable
        }
    }
}
