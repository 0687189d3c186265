//! `styrdok extract FILE...`: one document JSON on stdout, or `DIR/<id>.json` per input with `--out`.

use super::{report_error, Outcome};
use std::io::Write;
use std::path::PathBuf;
use styrdok::emit;
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
}

pub fn execute(args: Args) -> Outcome {
    if args.out.is_none() && args.files.len() > 1 {
        eprintln!("error: several inputs need --out DIR (stdout takes one document)");
        return Outcome::Unusable;
    }
    let mut opts = Options::default();
    args.limits.apply(&mut opts.ingest);
    let mut outcome = Outcome::Success;
    for file in &args.files {
        let doc = match extract_path(file, &opts) {
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
