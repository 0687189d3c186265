//! `styrdok repair [FILE|-]`: the repaired text of one input on stdout, or with `--changes` the changes as
//! JSON lines, so the repair of a text can be read and checked on its own. `--corpus PATH` (here and in
//! `extract`) learns from the same correctly written documents `styrdok run` learns from, so that the
//! three commands give one answer for one file.

use super::limits::{describe, present, within_budget, LimitArgs};
use super::{report_error, Outcome};
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::Arc;
use styrdok::ingest::{ingest, IngestError, Input};
use styrdok::limit::Limit;
use styrdok::model::Document;
use styrdok::pipeline::Options;
use styrdok::repair::{repair, CorpusModel, RepairOptions};

/// How much of the text repair may change; shared by every command that reads documents.
#[derive(clap::Args, Debug, Default)]
pub struct RepairArgs {
    /// Repairs less sure than this (0 to 1) are recorded with `applied: false` and not made. Higher keeps
    /// more words as written at the cost of fewer repairs (docs/repair.md measures both)
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

/// The documents repair learns from, for the commands that read one document at a time.
#[derive(clap::Args, Debug, Default)]
pub struct CorpusArgs {
    /// Learn from the correctly written documents of PATH, as `styrdok run` does: a run's output folder
    /// (its stored documents) or a folder of documents (read as a run reads them). With the folder a
    /// run read, the repair is the one that run wrote.
    #[arg(long, value_name = "PATH")]
    corpus: Option<PathBuf>,
}

impl CorpusArgs {
    /// Loads the corpus into `opts` when one was given; `Err` says why it could not be read.
    pub fn apply(&self, opts: &mut Options) -> Result<(), CorpusError> {
        if let Some(path) = &self.corpus {
            opts.repair.corpus = Some(Arc::new(load_corpus(path, opts)?));
        }
        Ok(())
    }
}

/// Why the documents of `--corpus` could not be read.
#[derive(Debug, thiserror::Error)]
pub enum CorpusError {
    #[error("cannot read {path}: {source}")]
    List {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot walk {path}: {source}")]
    Walk {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("{path} is no folder (a run's output or a folder of documents)")]
    NotAFolder { path: PathBuf },
}

/// The corpus model `styrdok run` learns for a diarium: every distinct document (by content), in the
/// order of its SHA-256, teaches when it was not scanned and needs no repair. A run's output folder
/// (`documents/` beside `.state/`) gives its stored documents; any other folder is walked as a run walks
/// its input, each file read and cleaned without OCR.
pub fn load_corpus(path: &Path, opts: &Options) -> Result<CorpusModel, CorpusError> {
    let documents = path.join("documents");
    let mut docs: Vec<(String, Document)> = Vec::new();
    if documents.is_dir() && path.join(".state").is_dir() {
        let entries = std::fs::read_dir(&documents).map_err(|source| CorpusError::List {
            path: documents.clone(),
            source,
        })?;
        for entry in entries.flatten() {
            let file = entry.path();
            if file.extension().is_some_and(|x| x == "json") {
                if let Ok(doc) = styrdok::emit::read_document(&file) {
                    docs.push((doc.source.sha256.clone(), doc));
                }
            }
        }
    } else if path.is_dir() {
        let walked = styrdok::batch::walk::walk(path, &Default::default()).map_err(|source| {
            CorpusError::Walk {
                path: path.to_path_buf(),
                source,
            }
        })?;
        let mut prepare = opts.clone();
        prepare.ingest.ocr.enabled = false;
        prepare.repair.corpus = None;
        for found in walked.files {
            let Ok(input) = Input::read(&found.path, &prepare.ingest) else {
                continue;
            };
            if let Ok(doc) = styrdok::pipeline::prepare(&input, &prepare) {
                docs.push((doc.source.sha256.clone(), doc));
            }
        }
    } else {
        return Err(CorpusError::NotAFolder {
            path: path.to_path_buf(),
        });
    }
    // One document per content, in content order, as a run counts them.
    docs.sort_by(|a, b| a.0.cmp(&b.0));
    docs.dedup_by(|a, b| a.0 == b.0);
    let mut corpus = CorpusModel::default();
    for (_, doc) in &docs {
        if let (_, Some(counts)) = styrdok::repair::corpus_contribution(doc) {
            corpus.merge(counts);
        }
    }
    Ok(corpus)
}

#[derive(clap::Args, Debug)]
pub struct Args {
    /// Input file (text, or any format `extract` reads); `-` or nothing reads stdin.
    file: Option<PathBuf>,
    /// Print the changes as JSON lines (span, original, replacement, rule, confidence, applied).
    #[arg(long)]
    changes: bool,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    repair: RepairArgs,
    #[command(flatten)]
    corpus: CorpusArgs,
}

pub fn execute(args: Args) -> Outcome {
    let mut opts = Options::default();
    args.limits.apply(&mut opts.ingest);
    args.repair.apply(&mut opts.repair);
    if let Err(e) = args.corpus.apply(&mut opts) {
        eprintln!("error: {e}");
        return Outcome::Unusable;
    }
    let input = match args.file.as_deref() {
        Some(path) if path.as_os_str() != "-" => match Input::read(path, &opts.ingest) {
            Ok(input) => input,
            Err(e) => {
                report_error(path, &describe(&e));
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
                let message = present(
                    format!("input is more than {limit} bytes, over the input size limit"),
                    Some(Limit::InputBytes),
                );
                report_error(std::path::Path::new("-"), &message);
                return Outcome::SomeFailed;
            }
            Input {
                path: PathBuf::from("-"),
                bytes,
            }
        }
    };
    // Ingest, clean and repair under the document's time budget, as `extract` and `run` do.
    let path = input.path.clone();
    let doc = match within_budget(args.limits.doc_budget(), move || {
        let raw = ingest(&input, &opts.ingest)?;
        Ok::<_, IngestError>(repair(
            styrdok::clean::clean(raw, &opts.clean),
            &opts.repair,
        ))
    }) {
        Ok(doc) => doc,
        Err(e) => {
            report_error(&path, &e);
            return Outcome::SomeFailed;
        }
    };
    // What the stage decided not to do (another language, a text too short to tell) is said on stderr.
    for d in doc
        .diagnostics
        .iter()
        .filter(|d| matches!(d.code.as_str(), "repair.not_swedish" | "repair.short_text"))
    {
        eprintln!("note: {}: {}", path.display(), d.message);
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
