//! Detect: finds what the document says with pattern rules — its metadata, goals (Målsättning,
//! Effektmål, Strategiskt mål …) and uppdrag (numbered, in lists, in sentences, in tables) with their
//! context and, in reports, their follow-up comments. The words come from a [`Profile`].

mod lines;
mod metadata;
mod profile;
pub mod status;
mod table;
mod uppdrag;

pub use lines::Rules;
pub use profile::{IndicatorColumns, Profile, ProfileError, Series, StatusPhrases, UppdragTable};

use crate::model::{BBox, Block, Document, Span};
use std::sync::{Arc, LazyLock};

/// Choices for detection.
#[derive(Clone, Debug)]
pub struct DetectOptions {
    /// Read metadata (kind, year, title …) from the text; off keeps what an earlier stage set.
    pub metadata: bool,
    /// The compiled profile: the words uppdrag, goals and follow-ups are written with.
    pub rules: Arc<Rules>,
}

impl DetectOptions {
    /// Options that detect with `profile`.
    pub fn with_profile(profile: Profile) -> DetectOptions {
        DetectOptions {
            metadata: true,
            rules: Arc::new(Rules::new(profile)),
        }
    }
}

/// The general profile, compiled once per process.
static GENERAL: LazyLock<Arc<Rules>> = LazyLock::new(|| Arc::new(Rules::new(Profile::general())));

/// The compiled rules of the default (general) profile.
pub(crate) fn default_rules() -> &'static Rules {
    &GENERAL
}

impl Default for DetectOptions {
    fn default() -> Self {
        DetectOptions {
            metadata: true,
            rules: Arc::clone(&GENERAL),
        }
    }
}

/// Finds metadata, goals and uppdrag in a cleaned (and repaired) document.
pub fn detect(mut doc: Document, opts: &DetectOptions) -> Document {
    if opts.metadata {
        doc.metadata = metadata::detect(&doc);
    }
    let found = uppdrag::scan(&doc, &opts.rules);
    doc.goals = found.goals;
    doc.uppdrag = found.uppdrag;
    doc.diagnostics.extend(found.diagnostics);
    for i in 0..doc.uppdrag.len() {
        let (span, page) = (doc.uppdrag[i].prov.span, doc.uppdrag[i].prov.page);
        doc.uppdrag[i].prov.bbox = bbox_of(&doc.blocks, span, page);
        doc.uppdrag[i].prov.paragraph = paragraph_of(&doc.blocks, span);
    }
    for i in 0..doc.goals.len() {
        let prov = &doc.goals[i].prov;
        doc.goals[i].prov.bbox = bbox_of(&doc.blocks, prov.span, prov.page);
    }
    doc
}

/// The DOCX paragraph a span starts in.
fn paragraph_of(blocks: &[Block], span: Span) -> Option<u32> {
    blocks
        .iter()
        .find(|b| {
            b.prov.span.start <= span.start
                && span.start < b.prov.span.end.max(b.prov.span.start + 1)
        })
        .and_then(|b| b.prov.paragraph)
}

/// The box around the blocks a span lies in, on the page where it starts (formats with positions only).
/// A text that runs onto the next page keeps the box of its first page.
fn bbox_of(blocks: &[Block], span: Span, page: Option<u32>) -> Option<BBox> {
    blocks
        .iter()
        .filter(|b| {
            b.prov.span.start < span.end && span.start < b.prov.span.end && b.prov.page == page
        })
        .filter_map(|b| b.prov.bbox)
        .reduce(|a, b| a.union(&b))
}
