//! Ingest: turns the bytes of an input file into a [`RawDocument`], whatever its format.
//!
//! The format is detected from the content (magic bytes), never from the file name, so a PDF named
//! `.txt` or a DOCX named `.pdf` is read for what it is. Each format has its own module; this one only
//! sniffs and dispatches.

pub mod docx;
pub mod ocr;
pub mod pdf;
pub mod text;

use crate::digest::sha256_hex;
use crate::limit::{Exceeds, Limit};
use crate::model::{Format, RawDocument, Source};
use std::path::{Path, PathBuf};

/// Limits and choices for ingestion.
#[derive(Clone, Debug)]
pub struct IngestOptions {
    /// Largest input accepted, in bytes.
    pub max_input_bytes: u64,
    /// Most pages a document may have (PDF pages, TIFF pages); default 5 000.
    pub max_pages: u32,
    /// Most bytes that decompressing a PDF's streams may produce (a bound against decompression bombs).
    pub max_decompressed_bytes: u64,
    /// How scanned pages and images are recognised.
    pub ocr: ocr::OcrOptions,
    /// Most entries a zip container (DOCX) may have; default 10 000 (Word files have a few dozen).
    pub zip_max_entries: usize,
    /// Most bytes all entries of a zip container may uncompress to together; default 1 GiB.
    pub zip_max_uncompressed_bytes: u64,
    /// Largest ratio of uncompressed to compressed size for one zip entry of 1 MiB or more; default
    /// 200 (XML compresses 5–30 times, a zip bomb a thousand times).
    pub zip_max_compression_ratio: u64,
    /// Deepest element nesting an XML part (DOCX) may have; default 256 (Word documents, nested
    /// tables included, stay under 60).
    pub xml_max_depth: usize,
}

impl Default for IngestOptions {
    fn default() -> Self {
        IngestOptions {
            max_input_bytes: 200 * 1024 * 1024,
            max_pages: 5_000,
            max_decompressed_bytes: 1024 * 1024 * 1024,
            ocr: ocr::OcrOptions::default(),
            zip_max_entries: 10_000,
            zip_max_uncompressed_bytes: 1024 * 1024 * 1024,
            zip_max_compression_ratio: 200,
            xml_max_depth: 256,
        }
    }
}

/// One input file: its path (as given, for provenance) and its bytes.
#[derive(Clone, Debug)]
pub struct Input {
    pub path: PathBuf,
    pub bytes: Vec<u8>,
}

impl Input {
    /// Reads a file, refusing anything larger than the limit before reading it.
    pub fn read(path: &Path, opts: &IngestOptions) -> Result<Input, IngestError> {
        let meta = std::fs::metadata(path).map_err(IngestError::Io)?;
        if !meta.is_file() {
            return Err(IngestError::NotAFile);
        }
        if meta.len() > opts.max_input_bytes {
            return Err(IngestError::TooLarge {
                bytes: meta.len(),
                limit: opts.max_input_bytes,
            });
        }
        let bytes = std::fs::read(path).map_err(IngestError::Io)?;
        Ok(Input {
            path: path.to_path_buf(),
            bytes,
        })
    }
}

/// Why an input could not be read at all.
#[derive(Debug, thiserror::Error)]
pub enum IngestError {
    /// The file could not be read; the operating system's error is the source.
    #[error("cannot read file: {0}")]
    Io(#[source] std::io::Error),
    #[error("cannot read file: not a regular file")]
    NotAFile,
    #[error("file is {bytes} bytes, over the input size limit of {limit} bytes")]
    TooLarge { bytes: u64, limit: u64 },
    #[error("document has {pages} pages, over the limit of {limit}")]
    TooManyPages { pages: u64, limit: u32 },
    #[error("empty file")]
    Empty,
    #[error("binary data, not text ({0})")]
    Binary(String),
    #[error("{format} input is recognised but not supported yet")]
    Unsupported { format: &'static str },
    /// The content is not what its format says (a damaged or mislabelled file): the message says what.
    #[error("{0}")]
    Invalid(String),
    /// A PDF that lopdf cannot open.
    #[error("PDF cannot be opened: {0}")]
    Pdf(#[source] lopdf::Error),
    /// A PDF that `pdfinfo` cannot read (counting the pages of a scan).
    #[error("not a readable PDF: {0}")]
    PdfInfo(#[source] ocr::OcrError),
    /// An image whose header cannot be read.
    #[error(transparent)]
    Image(#[from] ocr::ImageError),
    #[error("PDF is password-protected (only an empty user password can be used)")]
    PasswordProtected,
    #[error("decompressed streams exceed the limit of {limit} bytes")]
    DecompressionLimit { limit: u64 },
    /// Tesseract or a language model is not installed: the document is skipped, not broken.
    #[error(transparent)]
    OcrUnavailable(ocr::OcrError),
    #[error(transparent)]
    Ocr(ocr::OcrError),
    #[error(transparent)]
    Docx(#[from] docx::DocxError),
}

impl Exceeds for IngestError {
    fn exceeded(&self) -> Option<Limit> {
        match self {
            IngestError::TooLarge { .. } => Some(Limit::InputBytes),
            IngestError::TooManyPages { .. } => Some(Limit::Pages),
            IngestError::DecompressionLimit { .. } => Some(Limit::DecompressedBytes),
            IngestError::Docx(e) => e.exceeded(),
            IngestError::Ocr(e) | IngestError::OcrUnavailable(e) => e.exceeded(),
            _ => None,
        }
    }
}

/// What the first bytes of a file say it is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Sniffed {
    Pdf,
    /// A zip container (DOCX, ODT, XLSX …); the ingester checks which.
    Zip,
    /// An OLE compound file: a legacy `.doc` or an encrypted (password-protected) OOXML file.
    Ole,
    Png,
    Jpeg,
    Tiff,
    Text,
}

/// Detects the format from magic bytes.
pub fn sniff(bytes: &[u8]) -> Sniffed {
    let head = &bytes[..bytes.len().min(1024)];
    if head.windows(5).any(|w| w == b"%PDF-") {
        Sniffed::Pdf
    } else if bytes.starts_with(b"PK\x03\x04") || bytes.starts_with(b"PK\x05\x06") {
        Sniffed::Zip
    } else if bytes.starts_with(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1]) {
        Sniffed::Ole
    } else if bytes.starts_with(b"\x89PNG\r\n\x1a\n") {
        Sniffed::Png
    } else if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
        Sniffed::Jpeg
    } else if bytes.starts_with(b"II*\0") || bytes.starts_with(b"MM\0*") {
        Sniffed::Tiff
    } else {
        Sniffed::Text
    }
}

/// The source record of an input: path, hash, format and size.
pub fn source_of(input: &Input, format: Format) -> Source {
    Source {
        path: input.path.to_string_lossy().into_owned(),
        sha256: sha256_hex(&input.bytes),
        format,
        bytes: input.bytes.len() as u64,
    }
}

/// Binary data that is none of the formats styrdok reads: when its name claims one, say that the content
/// does not match, so the person knows the file is damaged or mislabelled rather than "not text".
fn name_the_mismatch(input: &Input, error: IngestError) -> IngestError {
    let IngestError::Binary(detail) = &error else {
        return error;
    };
    let claimed = input
        .path
        .extension()
        .and_then(|e| e.to_str())
        .map(str::to_ascii_lowercase);
    let expected = match claimed.as_deref() {
        Some("pdf") => "a PDF (no %PDF- header)",
        Some("docx") | Some("odt") | Some("xlsx") => "a zip package (no PK header)",
        Some("doc") => "an OLE compound file",
        Some("png") | Some("jpg") | Some("jpeg") | Some("tif") | Some("tiff") => {
            "an image of that type"
        }
        _ => return error,
    };
    IngestError::Invalid(format!(
        "unrecognised content: named .{} but not {expected}; binary data ({detail})",
        claimed.unwrap_or_default()
    ))
}

/// Reads a PDF's text layer, then recognises the pages that have none (scans) with OCR. A PDF that is all
/// scans fails when OCR cannot run; one with some text keeps it and reports the pages it could not read.
fn ingest_pdf_with_ocr(input: &Input, opts: &IngestOptions) -> Result<RawDocument, IngestError> {
    let mut raw = pdf::ingest_pdf(input, opts)?;
    if raw.needs_ocr.is_empty() || !opts.ocr.enabled {
        return Ok(raw);
    }
    let all_scanned = raw.lines.iter().all(|l| l.text.trim().is_empty());
    match ocr::ocr_needed_pages(&mut raw, input, &opts.ocr) {
        Ok(()) => Ok(raw),
        Err(e) if all_scanned => Err(e.into()),
        Err(e) => {
            raw.diagnostics.push(crate::model::Diagnostic::warning(
                "ingest.ocr_unavailable",
                format!("pages without a text layer were not recognised: {e}"),
            ));
            Ok(raw)
        }
    }
}

/// Reads an input of any supported format into lines.
pub fn ingest(input: &Input, opts: &IngestOptions) -> Result<RawDocument, IngestError> {
    if input.bytes.is_empty() {
        return Err(IngestError::Empty);
    }
    if input.bytes.len() as u64 > opts.max_input_bytes {
        return Err(IngestError::TooLarge {
            bytes: input.bytes.len() as u64,
            limit: opts.max_input_bytes,
        });
    }
    match sniff(&input.bytes) {
        Sniffed::Text => text::ingest_text(input).map_err(|e| name_the_mismatch(input, e)),
        Sniffed::Pdf => ingest_pdf_with_ocr(input, opts),
        Sniffed::Zip | Sniffed::Ole => docx::ingest_docx(input, opts),
        Sniffed::Png | Sniffed::Jpeg | Sniffed::Tiff if !opts.ocr.enabled => {
            Err(IngestError::Unsupported {
                format: "image (OCR is off)",
            })
        }
        Sniffed::Png => ocr::ingest_image(input, ocr::ImageKind::Png, &opts.ocr),
        Sniffed::Jpeg => ocr::ingest_image(input, ocr::ImageKind::Jpeg, &opts.ocr),
        Sniffed::Tiff => ocr::ingest_image(input, ocr::ImageKind::Tiff, &opts.ocr),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniffs_by_content_not_name() {
        assert_eq!(sniff(b"%PDF-1.7\n"), Sniffed::Pdf);
        assert_eq!(sniff(b"PK\x03\x04rest"), Sniffed::Zip);
        assert_eq!(
            sniff(&[0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1, 0]),
            Sniffed::Ole
        );
        assert_eq!(sniff(b"\x89PNG\r\n\x1a\n...."), Sniffed::Png);
        assert_eq!(sniff("Nr 1. Att".as_bytes()), Sniffed::Text);
    }

    #[test]
    fn empty_input_is_an_error() {
        let input = Input {
            path: "e.txt".into(),
            bytes: vec![],
        };
        assert!(matches!(
            ingest(&input, &IngestOptions::default()),
            Err(IngestError::Empty)
        ));
    }
}
