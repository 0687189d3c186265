//! Subcommands of `styrdok`, one module each; this module only parses and dispatches.

mod detect;
mod extract;
mod limits;
mod link;
mod repair;
mod review;
mod run;
mod validate;

use clap::{Parser, Subcommand};
use std::process::ExitCode;

/// Turns Swedish governing documents (styrdokument) into a clean, linked dataset.
#[derive(Parser, Debug)]
#[command(name = "styrdok", version, about)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand, Debug)]
enum Command {
    /// Extract documents: print the document JSON, or write DIR/<id>.json with --out.
    Extract(extract::Args),
    /// Link the uppdrag of extracted documents and write the dataset (links, lineages, CSV, SQLite).
    Link(link::Args),
    /// Print the repaired text of one input (å/ä/ö restored, OCR confusions undone), or the changes.
    Repair(repair::Args),
    /// Write the review pages (static HTML) of an output folder of `run`.
    Review(review::Args),
    /// Run the pipeline over every supported file under a folder (a diarium).
    Run(run::Args),
    /// Check the files styrdok writes (or an output folder of them) against the schemas in schemas/.
    Validate(validate::Args),
}

/// How a command ended: the process exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    /// Everything was processed.
    Success,
    /// At least one document could not be processed; the rest were.
    SomeFailed,
    /// The command itself could not proceed (bad arguments, unwritable output).
    Unusable,
    /// A signal stopped the command: 128 + the signal.
    Interrupted(u8),
}

impl From<Outcome> for ExitCode {
    fn from(outcome: Outcome) -> ExitCode {
        match outcome {
            Outcome::Success => ExitCode::SUCCESS,
            Outcome::SomeFailed => ExitCode::from(1),
            Outcome::Unusable => ExitCode::from(2),
            Outcome::Interrupted(code) => ExitCode::from(code),
        }
    }
}

/// Prints the one-line error for a file.
pub fn report_error(file: &std::path::Path, reason: &dyn std::fmt::Display) {
    eprintln!("error: {}: {reason}", file.display());
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Extract(args) => extract::execute(args),
        Command::Link(args) => link::execute(args),
        Command::Repair(args) => repair::execute(args),
        Command::Review(args) => review::execute(args),
        Command::Run(args) => run::execute(args),
        Command::Validate(args) => validate::execute(args),
    };
    outcome.into()
}
