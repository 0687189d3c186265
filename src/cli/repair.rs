//! `styrdok repair [FILE|-]`: the repaired text of one input on stdout, or with `--changes` the changes as
//! JSON lines, so the repair of a text can be read and checked on its own.

use super::{report_error, Outcome};
use std::io::{Read, Write};
use std::path::PathBuf;
use styrdok::ingest::{ingest, Input};
use styrdok::pipeline::Options;
use styrdok::repair::repair;

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input file (text, or any format `extract` reads); `-` or nothing reads stdin.
    file: Option<PathBuf>,
    /// Print the changes as JSON lines (span, original, replacement, rule, confidence, applied).
    #[arg(long)]
    changes: bool,
}

pub fn execute(args: Args) -> Outcome {
    let opts = Options::default();
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
