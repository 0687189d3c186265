//! Why a run could not start ([`BatchError`]) and why a started run had to stop ([`RunError`], which
//! becomes the report's `abort_reason`). One document's failure is neither: it is a line in the report.
//! The messages speak of files and folders, not of command-line flags; the command line adds those.

use super::lock::LockError;
use super::state::StateError;
use crate::corrections::CorrectionsError;
use crate::dataset::DatasetError;
use std::path::PathBuf;

/// Why a run could not start; once it has started, problems end up in the report instead.
#[derive(Debug, thiserror::Error)]
pub enum BatchError {
    #[error("{0}: not a folder")]
    NotAFolder(PathBuf),
    #[error("cannot create output folder {path}: {source}")]
    Output {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Lock(#[from] LockError),
    #[error(transparent)]
    State(#[from] StateError),
    #[error("cannot start the worker pool: {0}")]
    Runtime(#[source] std::io::Error),
    #[error("corrections: {0}")]
    Corrections(#[from] CorrectionsError),
}

/// Why a started run stopped before its end; the documents written so far stay and are recorded.
#[derive(Debug, thiserror::Error)]
pub enum RunError {
    #[error("interrupted by {0}")]
    Interrupted(&'static str),
    #[error("cannot walk {path}: {source}")]
    Walk {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error(transparent)]
    Store(#[from] StateError),
    #[error("cannot list {path}: {source}")]
    List {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot remove {path}: {source}")]
    Remove {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot sync {path}: {source}")]
    Sync {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write document {id}: {source}")]
    WriteDocument { id: String, source: std::io::Error },
    #[error("cannot write the prepared document {path}: {source}")]
    WritePrepared {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write {path}: {source}")]
    WriteState {
        path: PathBuf,
        source: std::io::Error,
    },
    #[error("cannot write the dataset: {0}")]
    Dataset(#[source] DatasetError),
    /// A document file the run wrote itself cannot be read back: the dataset is not complete until
    /// the next run has replaced it.
    #[error("{name} is not a document: {reason}")]
    Damaged { name: String, reason: String },
}
