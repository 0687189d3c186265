//! Detect: finds what the document says with pattern rules — its metadata, goals (Målsättning,
//! Effektmål, Mål) and numbered uppdrag with their context and, in reports, their follow-up comments.

mod lines;
mod metadata;
mod status;
mod uppdrag;

use crate::model::Document;

/// Choices for detection.
#[derive(Clone, Debug)]
pub struct DetectOptions {
    /// Read metadata (kind, year, title …) from the text; off keeps what an earlier stage set.
    pub metadata: bool,
}

impl Default for DetectOptions {
    fn default() -> Self {
        DetectOptions { metadata: true }
    }
}

/// Finds metadata, goals and uppdrag in a cleaned (and repaired) document.
pub fn detect(mut doc: Document, opts: &DetectOptions) -> Document {
    if opts.metadata {
        doc.metadata = metadata::detect(&doc);
    }
    let found = uppdrag::scan(&doc);
    doc.goals = found.goals;
    doc.uppdrag = found.uppdrag;
    doc.diagnostics.extend(found.diagnostics);
    doc
}
