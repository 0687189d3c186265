//! The resource limits every command that reads documents accepts, with the library's defaults, and the
//! one place that maps a [`Limit`] named by a library error to the flag that sets it.

use std::fmt::Display;
use std::time::Duration;
use styrdok::ingest::IngestOptions;
use styrdok::limit::{Exceeds, Limit};

/// The flag that sets a limit.
pub fn flag(limit: Limit) -> &'static str {
    match limit {
        Limit::InputBytes => "--max-input-bytes",
        Limit::Pages => "--max-pages",
        Limit::DecompressedBytes => "--max-decompressed-bytes",
        Limit::ZipEntries => "--zip-max-entries",
        Limit::ZipUncompressedBytes => "--zip-max-uncompressed-bytes",
        Limit::ZipCompressionRatio => "--zip-max-compression-ratio",
        Limit::XmlDepth => "--xml-max-depth",
        Limit::OcrPageTime => "--ocr-page-timeout",
        Limit::DocumentTime => "--doc-timeout",
    }
}

/// A message as the user sees it: when it reports a limit exceeded, the flag that changes the limit
/// follows in parentheses (`… over the limit of 3 (--max-pages)`). Also handed to a run
/// ([`styrdok::batch::BatchOptions::present`]) for the lines of its report.
pub fn present(message: String, limit: Option<Limit>) -> String {
    match limit {
        Some(limit) => format!("{message} ({})", flag(limit)),
        None => message,
    }
}

/// [`present`] for a library error that knows whether it is a limit exceeded.
pub fn describe(error: &(impl Display + Exceeds)) -> String {
    present(error.to_string(), error.exceeded())
}

/// Limits on what one document may cost; each, when exceeded, is an error naming it.
#[derive(clap::Args, Debug, Default)]
pub struct LimitArgs {
    /// Largest input file, in bytes [default: 200 MiB].
    #[arg(long, value_name = "BYTES")]
    max_input_bytes: Option<u64>,
    /// Most pages of a document (PDF, multi-page TIFF) [default: 5000].
    #[arg(long, value_name = "N")]
    max_pages: Option<u32>,
    /// Most bytes a PDF's streams may decompress to [default: 1 GiB].
    #[arg(long, value_name = "BYTES")]
    max_decompressed_bytes: Option<u64>,
    /// Most entries of a DOCX zip [default: 10000].
    #[arg(long, value_name = "N")]
    zip_max_entries: Option<usize>,
    /// Most bytes all entries of a DOCX zip may uncompress to [default: 1 GiB].
    #[arg(long, value_name = "BYTES")]
    zip_max_uncompressed_bytes: Option<u64>,
    /// Largest uncompressed/compressed ratio of a DOCX zip entry of 1 MiB or more [default: 200].
    #[arg(long, value_name = "RATIO")]
    zip_max_compression_ratio: Option<u64>,
    /// Time one scanned page may take to rasterize or recognise, in seconds [default: 180].
    #[arg(long, value_name = "SECS")]
    ocr_page_timeout: Option<f64>,
    /// Time budget of one document in seconds; 0 for none.
    #[arg(long, value_name = "SECS", default_value_t = 600.0)]
    doc_timeout: f64,
    /// Deepest element nesting of an XML part of a DOCX [default: 256].
    #[arg(long, value_name = "N")]
    xml_max_depth: Option<usize>,
    /// Read text layers only: scanned pages are not OCR'd (the document says which pages need it) and
    /// image files are refused.
    #[arg(long)]
    no_ocr: bool,
}

impl LimitArgs {
    /// The time budget of one document (`--doc-timeout`); `None` for 0 or a value that is not a
    /// finite number of seconds.
    pub fn doc_budget(&self) -> Option<Duration> {
        let secs = self.doc_timeout;
        (secs.is_finite() && secs > 0.0).then(|| Duration::from_secs_f64(secs))
    }

    /// Sets the limits given on the command line; the others keep their defaults.
    pub fn apply(&self, opts: &mut IngestOptions) {
        if let Some(v) = self.max_input_bytes {
            opts.max_input_bytes = v;
        }
        if let Some(v) = self.max_pages {
            opts.max_pages = v;
        }
        if let Some(v) = self.max_decompressed_bytes {
            opts.max_decompressed_bytes = v;
        }
        if let Some(v) = self.zip_max_entries {
            opts.zip_max_entries = v;
        }
        if let Some(v) = self.zip_max_uncompressed_bytes {
            opts.zip_max_uncompressed_bytes = v;
        }
        if let Some(v) = self.zip_max_compression_ratio {
            opts.zip_max_compression_ratio = v;
        }
        if let Some(v) = self.ocr_page_timeout.filter(|v| v.is_finite() && *v > 0.0) {
            opts.ocr.page_timeout = Duration::from_secs_f64(v);
        }
        if let Some(v) = self.xml_max_depth {
            opts.xml_max_depth = v;
        }
        if self.no_ocr {
            opts.ocr.enabled = false;
        }
    }
}

/// Why work run under a time budget ([`within_budget`]) gave no result.
#[derive(Debug)]
pub enum Failure<E> {
    /// The work itself failed.
    Failed(E),
    /// The work ran past its budget and was left behind.
    TimedOut(Duration),
    /// The work panicked.
    Panicked,
}

impl<E: Display + Exceeds> Display for Failure<E> {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self {
            Failure::Failed(e) => f.write_str(&describe(e)),
            Failure::TimedOut(budget) => f.write_str(&present(
                format!(
                    "over the time budget of {} s per document",
                    budget.as_secs_f64()
                ),
                Some(Limit::DocumentTime),
            )),
            Failure::Panicked => f.write_str("internal error (panic)"),
        }
    }
}

/// Runs `work` on a thread of its own and waits at most `budget` for it. Work over its budget is
/// reported and left behind: its thread cannot be stopped safely, and ends with the process.
pub fn within_budget<T, E>(
    budget: Option<Duration>,
    work: impl FnOnce() -> Result<T, E> + Send + 'static,
) -> Result<T, Failure<E>>
where
    T: Send + 'static,
    E: Send + 'static,
{
    let (tx, rx) = std::sync::mpsc::channel();
    std::thread::spawn(move || {
        let _ = tx.send(work());
    });
    let received = match budget {
        Some(b) => rx.recv_timeout(b).map_err(|e| match e {
            std::sync::mpsc::RecvTimeoutError::Timeout => Failure::TimedOut(b),
            std::sync::mpsc::RecvTimeoutError::Disconnected => Failure::Panicked,
        }),
        None => rx.recv().map_err(|_| Failure::Panicked),
    };
    received?.map_err(Failure::Failed)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::CommandFactory;

    #[derive(clap::Parser)]
    struct WithLimits {
        #[command(flatten)]
        limits: LimitArgs,
    }

    #[test]
    fn every_limit_maps_to_a_flag_the_commands_take() {
        let command = WithLimits::command();
        for limit in Limit::ALL {
            let long = flag(limit).trim_start_matches("--");
            assert!(
                command.get_arguments().any(|a| a.get_long() == Some(long)),
                "{limit:?}: {long}"
            );
        }
    }

    #[test]
    fn a_limit_message_ends_with_its_flag() {
        assert_eq!(
            present(
                "document has 9 pages, over the limit of 3".into(),
                Some(Limit::Pages)
            ),
            "document has 9 pages, over the limit of 3 (--max-pages)"
        );
        assert_eq!(present("empty file".into(), None), "empty file");
    }
}
