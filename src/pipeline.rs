//! The stages in order for one input: what `styrdok extract` and `styrdok run` call.

use crate::clean::{clean, CleanOptions};
use crate::detect::{detect, DetectOptions};
use crate::ingest::{ingest, IngestError, IngestOptions, Input};
use crate::limit::{Exceeds, Limit};
use crate::model::Document;
use crate::repair::{repair, RepairOptions};
use crate::tables::{tables, TableOptions};
use std::path::Path;

/// Options of every stage.
#[derive(Clone, Debug, Default)]
pub struct Options {
    pub ingest: IngestOptions,
    pub clean: CleanOptions,
    pub repair: RepairOptions,
    pub detect: DetectOptions,
    pub tables: TableOptions,
}

/// Why a document could not be processed.
#[derive(Debug, thiserror::Error)]
pub enum ExtractError {
    #[error(transparent)]
    Ingest(#[from] IngestError),
}

impl Exceeds for ExtractError {
    fn exceeded(&self) -> Option<Limit> {
        match self {
            ExtractError::Ingest(e) => e.exceeded(),
        }
    }
}

/// Runs ingest → clean → repair → detect → tables on one input.
pub fn extract(input: &Input, opts: &Options) -> Result<Document, ExtractError> {
    Ok(finish(prepare(input, opts)?, opts))
}

/// The first half: ingest → clean. A run reads every document this far, learns the corpus model from
/// the correctly written ones, then calls [`finish`].
pub fn prepare(input: &Input, opts: &Options) -> Result<Document, ExtractError> {
    let raw = ingest(input, &opts.ingest)?;
    Ok(clean(raw, &opts.clean))
}

/// The second half: repair → detect → tables.
pub fn finish(doc: Document, opts: &Options) -> Document {
    tables(
        detect(repair(doc, &opts.repair), &opts.detect),
        &opts.tables,
    )
}

/// Reads a file and runs [`extract`] on it.
pub fn extract_path(path: &Path, opts: &Options) -> Result<Document, ExtractError> {
    let input = Input::read(path, &opts.ingest)?;
    extract(&input, opts)
}
