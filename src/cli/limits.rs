//! The resource limits every command that reads documents accepts, with the library's defaults.

use std::time::Duration;
use styrdok::ingest::IngestOptions;

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
