//! One document's work on a pool thread: extract it (read, pipeline, write) or move it (rewrite only
//! `source.path` of a document already written from other path). Kept apart from the run's
//! bookkeeping so that it owns nothing but what it needs and can run on any thread.

use super::schedule::Ticket;
use crate::digest::sha256_hex;
use crate::emit;
use crate::ingest::Input;
use crate::limit::{Exceeds, Present};
use crate::pipeline::{self, ExtractError};
use sha2::{Digest, Sha256};
use std::io::Read;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

/// What the plan decided for one document.
pub enum Job {
    Extract {
        sha256: String,
        path: PathBuf,
    },
    Relocate {
        sha256: String,
        path: PathBuf,
        id: String,
    },
}

/// What a finished job hands back.
pub struct Done {
    pub sha256: String,
    pub id: String,
    pub path: String,
    pub pages: u64,
    /// Pages recognised by OCR.
    pub ocr_pages: u64,
    pub bytes_read: u64,
    /// Only `source.path` was rewritten; the pipeline did not run.
    pub relocated: bool,
    pub stages: Vec<(&'static str, f64)>,
}

/// Why a job gave no document.
pub enum JobError {
    /// The document failed; the run goes on.
    Document {
        sha256: String,
        path: String,
        stage: &'static str,
        reason: String,
        /// The same bytes through the same pipeline fail the same way: remembered, not retried.
        deterministic: bool,
    },
    /// The output cannot be written: the run stops.
    Output(String),
}

/// The per-document work, run on the pool: owns only what it needs, so it can move to any thread.
pub struct Worker {
    pub documents: PathBuf,
    pub pipeline: Arc<pipeline::Options>,
    /// How an error's message is written for the report ([`BatchOptions::present`](super::BatchOptions::present)).
    pub present: Present,
}

impl Worker {
    pub fn process(&self, job: &Job, ticket: &Ticket) -> Result<Done, JobError> {
        match job {
            Job::Extract { sha256, path } => self.extract(sha256.clone(), path.clone(), ticket),
            Job::Relocate { sha256, path, id } => match self.relocate(sha256, path, id) {
                Ok(done) => Ok(done),
                // A document file that cannot be read back is simply made again.
                Err(_) => self.extract(sha256.clone(), path.clone(), ticket),
            },
        }
    }

    fn extract(&self, sha256: String, path: PathBuf, ticket: &Ticket) -> Result<Done, JobError> {
        let path_str = path.to_string_lossy().into_owned();
        let fail = |stage, reason: String, deterministic| JobError::Document {
            sha256: sha256.clone(),
            path: path_str.clone(),
            stage,
            reason,
            deterministic,
        };
        let t = Instant::now();
        let input = Input::read(&path, &self.pipeline.ingest)
            .map_err(|e| fail("read", (self.present)(e.to_string(), e.exceeded()), false))?;
        if sha256_hex(&input.bytes) != sha256 {
            return Err(fail(
                "read",
                "the file changed during the run; the next run takes the new content".into(),
                false,
            ));
        }
        let bytes_read = input.bytes.len() as u64;
        let read_secs = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let doc = pipeline::extract(&input, &self.pipeline).map_err(|e| {
            fail(
                stage_of(&e),
                (self.present)(e.to_string(), e.exceeded()),
                true,
            )
        })?;
        drop(input);
        let extract_secs = t.elapsed().as_secs_f64();
        if ticket.abandoned() {
            // Reported as over its budget already; a file written now would be unaccounted for.
            return Err(fail("extract", "abandoned".into(), false));
        }
        let t = Instant::now();
        emit::write_document_unsynced(&self.documents, &doc)
            .map_err(|e| JobError::Output(format!("cannot write document {}: {e}", doc.id)))?;
        let ocr_pages = doc
            .ocr_words
            .iter()
            .filter_map(|w| doc.page_at(w.span.start))
            .collect::<std::collections::BTreeSet<u32>>()
            .len() as u64;
        Ok(Done {
            sha256,
            id: doc.id,
            path: path_str,
            pages: doc.pages.len() as u64,
            ocr_pages,
            bytes_read,
            relocated: false,
            stages: vec![
                ("read", read_secs),
                ("extract", extract_secs),
                ("write", t.elapsed().as_secs_f64()),
            ],
        })
    }

    /// A document already written from other path: the same bytes give the same document but for
    /// `source.path`, so only that is changed.
    fn relocate(&self, sha256: &str, path: &Path, id: &str) -> Result<Done, String> {
        let t = Instant::now();
        let file = self.documents.join(format!("{id}.json"));
        let mut doc = emit::read_document(&file).map_err(|e| e.to_string())?;
        if doc.source.sha256 != sha256 {
            return Err("document file belongs to other content".into());
        }
        doc.source.path = path.to_string_lossy().into_owned();
        emit::write_document_unsynced(&self.documents, &doc).map_err(|e| e.to_string())?;
        Ok(Done {
            sha256: sha256.to_string(),
            id: doc.id,
            path: doc.source.path,
            pages: doc.pages.len() as u64,
            ocr_pages: 0,
            bytes_read: 0,
            relocated: true,
            stages: vec![("relocate", t.elapsed().as_secs_f64())],
        })
    }
}

/// The stage a pipeline error belongs to.
fn stage_of(e: &ExtractError) -> &'static str {
    #[allow(unreachable_patterns)]
    match e {
        ExtractError::Ingest(_) => "ingest",
        _ => "extract",
    }
}

/// Streams a file through SHA-256, refusing one over the size limit before reading it.
pub fn hash_file(path: &Path, size: u64, limit: u64) -> Result<String, String> {
    if size > limit {
        return Err(format!(
            "file is {size} bytes, over the input size limit of {limit} bytes (--max-input-bytes)"
        ));
    }
    let mut file = std::fs::File::open(path).map_err(|e| format!("cannot read file: {e}"))?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file
            .read(&mut buf)
            .map_err(|e| format!("cannot read file: {e}"))?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(crate::digest::hex(&hasher.finalize()))
}
