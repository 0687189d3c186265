//! One document's work on a pool thread, in the two halves of the pipeline: prepare it (read, ingest,
//! clean, kept under `OUT/.state/prepared/`), and finish it (repair, detect, tables from the prepared
//! document, written to `OUT/documents/`) or move it (rewrite only `source.path` of a document already
//! written from another path). Kept apart from the run's bookkeeping so that it owns nothing but what
//! it needs and can run on any thread.

use super::error::RunError;
use super::finish::DocumentFailure;
use super::schedule::Ticket;
use crate::digest::sha256_hex;
use crate::emit;
use crate::ingest::Input;
use crate::limit::{Exceeds, Present};
use crate::model::Document;
use crate::pipeline::{self, ExtractError};
use sha2::{Digest, Sha256};
use std::collections::HashSet;
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

impl Job {
    pub fn sha256(&self) -> &str {
        let (Job::Extract { sha256, .. } | Job::Relocate { sha256, .. }) = self;
        sha256
    }

    pub fn path(&self) -> &Path {
        let (Job::Extract { path, .. } | Job::Relocate { path, .. }) = self;
        path
    }
}

/// The time each step of a job took, by step name.
pub type Stages = Vec<(&'static str, f64)>;

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
    pub stages: Stages,
}

/// What preparing a document hands back: the bytes read and the time each step took.
pub struct Ready {
    pub bytes_read: u64,
    pub stages: Stages,
}

/// Why a job gave no document.
pub enum JobError {
    /// The document failed; the run goes on.
    Document(DocumentFailure),
    /// The output cannot be written: the run stops.
    Output(RunError),
}

/// The documents read and cleaned but not finished yet, under `OUT/.state/prepared/<fingerprint>/`,
/// one `<sha256>.json` each. They outlive a killed run, so that the next one ingests (and OCRs)
/// nothing a second time; a run removes them once their documents are written.
pub struct PreparedStore {
    dir: PathBuf,
}

impl PreparedStore {
    /// The store of the options `fingerprint` under `root`; the folders of other fingerprints (prepared
    /// with other options, never to be finished) are removed.
    pub fn open(root: &Path, fingerprint: &str) -> PreparedStore {
        if let Ok(entries) = std::fs::read_dir(root) {
            for entry in entries.filter_map(Result::ok) {
                if entry.file_name() != fingerprint {
                    let _ = std::fs::remove_dir_all(entry.path());
                }
            }
        }
        let dir = root.join(fingerprint);
        super::layout::remove_temp_files(&dir);
        PreparedStore { dir }
    }

    fn file(&self, sha256: &str) -> PathBuf {
        self.dir.join(format!("{sha256}.json"))
    }

    pub fn contains(&self, sha256: &str) -> bool {
        self.file(sha256).is_file()
    }

    /// The prepared document of `sha256`, when there is a readable one of those bytes.
    pub fn read(&self, sha256: &str) -> Option<Document> {
        emit::read_document(&self.file(sha256))
            .ok()
            .filter(|doc| doc.source.sha256 == sha256)
    }

    /// Keeps a prepared document, complete for every reader and after a kill (a temporary file renamed
    /// into place); one lost to a power failure is simply prepared again.
    pub fn write(&self, doc: &Document) -> Result<(), RunError> {
        let path = self.file(&doc.source.sha256);
        let bytes = serde_json::to_vec(doc).unwrap_or_default();
        let mut w =
            emit::AtomicWriter::create(&path).map_err(|source| RunError::WritePrepared {
                path: path.clone(),
                source,
            })?;
        std::io::Write::write_all(&mut w, &bytes)
            .and_then(|()| w.commit_unsynced())
            .map_err(|source| RunError::WritePrepared { path, source })
    }

    /// Removes every prepared document but those of `pending`.
    pub fn keep_only(&self, pending: &HashSet<String>) {
        let Ok(entries) = std::fs::read_dir(&self.dir) else {
            return;
        };
        for entry in entries.filter_map(Result::ok) {
            let name = entry.file_name();
            let sha256 = name.to_string_lossy();
            let keep = sha256
                .strip_suffix(".json")
                .is_some_and(|s| pending.contains(s));
            if !keep {
                let _ = std::fs::remove_file(entry.path());
            }
        }
        // Folders left empty go too (removing one that is not empty fails, and is meant to).
        let _ = std::fs::remove_dir(&self.dir);
        if let Some(root) = self.dir.parent() {
            let _ = std::fs::remove_dir(root);
        }
    }
}

/// The per-document work, run on the pool: owns only what it needs, so it can move to any thread.
pub struct Worker {
    pub documents: PathBuf,
    pub prepared: Arc<PreparedStore>,
    pub pipeline: Arc<pipeline::Options>,
    /// How an error's message is written for the report ([`BatchOptions::present`](super::BatchOptions::present)).
    pub present: Present,
}

impl Worker {
    /// The first half: reads, ingests and cleans a document and keeps it in the prepared store.
    pub fn prepare(&self, sha256: &str, path: &Path, ticket: &Ticket) -> Result<Ready, JobError> {
        let (doc, bytes_read, stages) = self.read_and_prepare(sha256, path)?;
        if ticket.abandoned() {
            return Err(self.failure(sha256, path, "extract", "abandoned".into(), false));
        }
        self.prepared.write(&doc).map_err(JobError::Output)?;
        Ok(Ready { bytes_read, stages })
    }

    /// The second half for an extract job (from the prepared document, or from the file when there is
    /// none), or a move.
    pub fn process(&self, job: &Job, ticket: &Ticket) -> Result<Done, JobError> {
        match job {
            Job::Extract { sha256, path } => self.finish(sha256.clone(), path, ticket),
            Job::Relocate { sha256, path, id } => match self.relocate(sha256, path, id) {
                Ok(done) => Ok(done),
                // A document file that cannot be read back is simply made again.
                Err(_) => self.finish(sha256.clone(), path, ticket),
            },
        }
    }

    fn failure(
        &self,
        sha256: &str,
        path: &Path,
        stage: &'static str,
        reason: String,
        deterministic: bool,
    ) -> JobError {
        JobError::Document(DocumentFailure {
            sha256: Some(sha256.to_string()),
            path: path.to_string_lossy().into_owned(),
            stage,
            reason,
            deterministic,
        })
    }

    fn read_and_prepare(
        &self,
        sha256: &str,
        path: &Path,
    ) -> Result<(Document, u64, Stages), JobError> {
        let t = Instant::now();
        let input = Input::read(path, &self.pipeline.ingest).map_err(|e| {
            self.failure(
                sha256,
                path,
                "read",
                (self.present)(e.to_string(), e.exceeded()),
                false,
            )
        })?;
        if sha256_hex(&input.bytes) != sha256 {
            return Err(self.failure(
                sha256,
                path,
                "read",
                "the file changed during the run; the next run takes the new content".into(),
                false,
            ));
        }
        let bytes_read = input.bytes.len() as u64;
        let read_secs = t.elapsed().as_secs_f64();
        let t = Instant::now();
        let doc = pipeline::prepare(&input, &self.pipeline).map_err(|e| {
            self.failure(
                sha256,
                path,
                stage_of(&e),
                (self.present)(e.to_string(), e.exceeded()),
                true,
            )
        })?;
        Ok((
            doc,
            bytes_read,
            vec![("read", read_secs), ("prepare", t.elapsed().as_secs_f64())],
        ))
    }

    fn finish(&self, sha256: String, path: &Path, ticket: &Ticket) -> Result<Done, JobError> {
        let t = Instant::now();
        let (doc, bytes_read, mut stages) = match self.prepared.read(&sha256) {
            Some(mut doc) => {
                // Prepared by an earlier run, perhaps from another path of the same bytes.
                doc.source.path = path.to_string_lossy().into_owned();
                (doc, 0, vec![("load", t.elapsed().as_secs_f64())])
            }
            None => self.read_and_prepare(&sha256, path)?,
        };
        let t = Instant::now();
        let doc = pipeline::finish(doc, &self.pipeline);
        stages.push(("finish", t.elapsed().as_secs_f64()));
        if ticket.abandoned() {
            // Reported as over its budget already; a file written now would be unaccounted for.
            return Err(self.failure(&sha256, path, "extract", "abandoned".into(), false));
        }
        let t = Instant::now();
        emit::write_document_unsynced(&self.documents, &doc).map_err(|source| {
            JobError::Output(RunError::WriteDocument {
                id: doc.id.clone(),
                source,
            })
        })?;
        stages.push(("write", t.elapsed().as_secs_f64()));
        let ocr_pages = doc
            .ocr_words
            .iter()
            .filter_map(|w| doc.page_at(w.span.start))
            .collect::<std::collections::BTreeSet<u32>>()
            .len() as u64;
        Ok(Done {
            sha256,
            id: doc.id,
            path: path.to_string_lossy().into_owned(),
            pages: doc.pages.len() as u64,
            ocr_pages,
            bytes_read,
            relocated: false,
            stages,
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

/// Why a file's content hash could not be taken.
#[derive(Debug, thiserror::Error)]
pub enum HashError {
    #[error(
        "file is {size} bytes, over the {} of {limit} bytes",
        HashError::TOO_LARGE
    )]
    TooLarge { size: u64, limit: u64 },
    #[error("cannot read file: {0}")]
    Read(#[source] std::io::Error),
}

impl HashError {
    /// What the reason of a file over the size limit names (the command line names its flag after it).
    pub const TOO_LARGE: &'static str = "input size limit";
}

/// Streams a file through SHA-256, refusing one over the size limit before reading it.
pub fn hash_file(path: &Path, size: u64, limit: u64) -> Result<String, HashError> {
    if size > limit {
        return Err(HashError::TooLarge { size, limit });
    }
    let mut file = std::fs::File::open(path).map_err(HashError::Read)?;
    let mut hasher = Sha256::new();
    let mut buf = vec![0u8; 256 * 1024];
    loop {
        let n = file.read(&mut buf).map_err(HashError::Read)?;
        if n == 0 {
            break;
        }
        hasher.update(&buf[..n]);
    }
    Ok(crate::digest::hex(&hasher.finalize()))
}
