//! `styrdok review OUT`: (re)writes the review pages of an output folder, `OUT/review/index.html` and
//! one page per document, from what `run` left there (see `styrdok::review`).

use super::{report_error, Outcome};
use std::path::PathBuf;
use styrdok::corrections::Corrections;
use styrdok::review::{write_review, ReviewOptions};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The output folder of `styrdok run` (it holds documents/ and run-report.json).
    out: PathBuf,
    /// A corrections file to show applied (default: styrdok-corrections.toml in the run's input folder
    /// and in OUT, as `run` reads them).
    #[arg(long, value_name = "FILE")]
    corrections: Option<PathBuf>,
}

pub fn execute(args: Args) -> Outcome {
    let corrections = match &args.corrections {
        Some(path) => Corrections::read(path).map(Some),
        None => {
            // The run's input folder, as its report names it.
            let input =
                styrdok::emit::read_json::<serde_json::Value>(&args.out.join("run-report.json"))
                    .ok()
                    .and_then(|r| r["input"].as_str().map(PathBuf::from))
                    .unwrap_or_else(|| args.out.clone());
            Corrections::find(&input, &args.out)
        }
    };
    let corrections = match corrections {
        Ok(c) => c,
        Err(e) => {
            eprintln!("error: {e}");
            return Outcome::Unusable;
        }
    };
    match write_review(&args.out, &ReviewOptions { corrections }) {
        Ok(summary) => {
            for (name, reason) in &summary.unreadable {
                report_error(std::path::Path::new(name), reason);
            }
            eprintln!(
                "{} document pages and the index written to {}",
                summary.pages,
                args.out.join("review").display()
            );
            if summary.unreadable.is_empty() {
                Outcome::Success
            } else {
                Outcome::SomeFailed
            }
        }
        Err(e) => {
            eprintln!("error: {e}");
            Outcome::Unusable
        }
    }
}
