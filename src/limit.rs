//! The resource limits a document is read under, named, so that an error can say which one was exceeded
//! without knowing how a user sets it: the command line maps each to its flag (`src/cli/limits.rs`).

use std::fmt;

/// One resource limit of reading a document (the fields of
/// [`IngestOptions`](crate::ingest::IngestOptions), and the time budget of a run or an extract).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash)]
pub enum Limit {
    /// Size of an input file in bytes.
    InputBytes,
    /// Pages of a document (PDF pages, TIFF pages).
    Pages,
    /// Bytes all of a PDF's streams may decompress to.
    DecompressedBytes,
    /// Entries of a zip container (DOCX).
    ZipEntries,
    /// Bytes all entries of a zip container may uncompress to.
    ZipUncompressedBytes,
    /// Ratio of uncompressed to compressed size of one large zip entry.
    ZipCompressionRatio,
    /// Element nesting of an XML part (DOCX).
    XmlDepth,
    /// Time one scanned page may take to rasterize or recognise.
    OcrPageTime,
    /// Time one document may take.
    DocumentTime,
}

impl Limit {
    /// Every limit, in the order the documentation lists them.
    pub const ALL: [Limit; 9] = [
        Limit::InputBytes,
        Limit::Pages,
        Limit::DecompressedBytes,
        Limit::ZipEntries,
        Limit::ZipUncompressedBytes,
        Limit::ZipCompressionRatio,
        Limit::OcrPageTime,
        Limit::DocumentTime,
        Limit::XmlDepth,
    ];

    /// What the limit bounds, in words.
    pub fn describe(self) -> &'static str {
        match self {
            Limit::InputBytes => "size of an input file",
            Limit::Pages => "pages of a document",
            Limit::DecompressedBytes => "bytes a PDF's streams may decompress to",
            Limit::ZipEntries => "entries of a zip package",
            Limit::ZipUncompressedBytes => "bytes a zip package may uncompress to",
            Limit::ZipCompressionRatio => "compression ratio of a zip entry",
            Limit::XmlDepth => "element nesting of an XML part",
            Limit::OcrPageTime => "time one scanned page may take",
            Limit::DocumentTime => "time one document may take",
        }
    }
}

impl fmt::Display for Limit {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.describe())
    }
}

/// An error that may be a limit exceeded: the command line adds how to change that limit to the message.
pub trait Exceeds {
    /// The limit this error reports as exceeded, if it is one.
    fn exceeded(&self) -> Option<Limit>;
}

/// How a message for a person says which limit to change: the library's messages name the limit in
/// words; a front end passes a function that adds its own way of setting it (the command line: a flag).
pub type Present = fn(message: String, limit: Option<Limit>) -> String;

/// The message as the library writes it, with nothing added.
pub fn plain(message: String, _limit: Option<Limit>) -> String {
    message
}
