//! `styrdok repair [FILE|-]`: the repaired text of one input on stdout, or with `--changes` the changes as
//! JSON lines, so the repair of a text can be read and checked on its own.

use super::{report_error, Outcome};
use std::io::{Read, Write};
use std::path::PathBuf;
use styrdok::ingest::{ingest, Input};
use styrdok::pipeline::Options;
use styrdok::repair::{repair, RepairOptions};

/// How much of the text repair may change; shared by every command that reads documents.
#[derive(clap::Args, Debug, Default)]
pub struct RepairArgs {
    /// Repairs less sure than this (0 to 1) are recorded with `applied: false` and not made. Higher keeps
    /// more words as written at the cost of fewer repairs (the README's Repair section measures both)
    /// [default: 0.6].
    #[arg(long, value_name = "0-1", value_parser = parse_share)]
    repair_threshold: Option<f32>,
    /// Leave the text as written: no repair, `text` equals `text_raw`.
    #[arg(long)]
    no_repair: bool,
}

impl RepairArgs {
    /// Sets what was given on the command line; the rest keeps its defaults.
    pub fn apply(&self, opts: &mut RepairOptions) {
        if let Some(threshold) = self.repair_threshold {
            opts.threshold = threshold;
        }
        if self.no_repair {
            opts.enabled = false;
        }
    }
}

/// A number from 0 to 1.
fn parse_share(text: &str) -> Result<f32, String> {
    match text.parse::<f32>() {
        Ok(v) if (0.0..=1.0).contains(&v) => Ok(v),
        _ => Err(format!("{text:?} is not a number from 0 to 1")),
    }
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input file (text, or any format `extract` reads); `-` or nothing reads stdin.
    file: Option<PathBuf>,
    /// Print the changes as JSON lines (span, original, replacement, rule, confidence, applied).
    #[arg(long)]
    changes: bool,
    #[command(flatten)]
    repair: RepairArgs,
}

pub fn execute(args: Args) -> Outcome {
    let mut opts = Options::default();
    args.repair.apply(&mut opts.repair);
    let input = match args.file.as_deref() {
        Some(path) if path.as_os_str() != "-" => match Input::read(path, &opts.ingest) {
            Ok(input) => input,
            Err(e) => {
                report_error(path, &e);
                return Outcome::SomeFailed;
            }
        },
        _ => {
            let mut bytes = Vec::new();
            let limit = opts.ingest.max_input_bytes;
            let read = std::io::stdin()
                .lock()
                .take(limit + 1)
                .read_to_end(&mut bytes);
            if let Err(e) = read {
                report_error(std::path::Path::new("-"), &e);
                return Outcome::SomeFailed;
            }
            if bytes.len() as u64 > limit {
                report_error(std::path::Path::new("-"), &"input larger than the limit");
                return Outcome::SomeFailed;
            }
            Input {
                path: PathBuf::from("-"),
                bytes,
            }
        }
    };
    let raw = match ingest(&input, &opts.ingest) {
        Ok(raw) => raw,
        Err(e) => {
            report_error(&input.path, &e);
            return Outcome::SomeFailed;
        }
    };
    let doc = repair(styrdok::clean::clean(raw, &opts.clean), &opts.repair);
    // What the stage decided not to do (another language, a text too short to tell) is said on stderr.
    for d in doc.diagnostics.iter().filter(|d| {
        matches!(d.code.as_str(), "repair.not_swedish" | "repair.short_text")
    }) {
        eprintln!("note: {}: {}", input.path.display(), d.message);
    }
    let mut stdout = std::io::stdout().lock();
    let written = if args.changes {
        doc.repairs.iter().try_for_each(|r| {
            let line = serde_json::to_string(r).map_err(std::io::Error::other)?;
            writeln!(stdout, "{line}")
        })
    } else {
        let all = styrdok::model::Span::new(0, doc.text.len());
        write!(stdout, "{}", doc.repaired(all))
    };
    match written {
        Ok(()) => Outcome::Success,
        Err(_) => Outcome::Unusable,
    }
}
