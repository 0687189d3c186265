//! The learn step of a run, between prepare and finish: the corpus model the repair stage learns from
//! every correctly written document of the whole diarium (all shards), and the stored documents whose
//! repair depends on it.
//!
//! Each document is taken as far along as the run already has it — its stored document, else its
//! prepared one — and only a document this run has neither of (one of another shard, or one that
//! failed to prepare before) is read and cleaned here, without OCR (OCR'd text never teaches).
//! Documents are read in parallel on the worker pool (a document that fails, panics or runs over its
//! time budget here teaches nothing) and counted in content-hash order, so the same diarium gives the
//! same corpus whether the run is fresh, resumed after a kill, or one shard of many.

use super::error::RunError;
use super::job::PreparedStore;
use super::schedule::Ticket;
use super::state::Outcome;
use super::Run;
use crate::emit;
use crate::model::Document;
use crate::pipeline;
use crate::repair::{corpus_contribution, CorpusModel};
use std::collections::{BTreeMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::sync::Arc;

/// A stored document whose repair depends on the corpus: content hash, path, document id.
pub(super) type Dependent = (String, PathBuf, String);

/// Where the learn step finds a document.
enum Source {
    /// Written by an earlier run: `OUT/documents/<id>.json`.
    Stored(String),
    /// Prepared by this run or a killed one.
    Prepared,
    /// Neither: read and cleaned here.
    File,
    /// It failed to prepare in this run: it teaches nothing.
    Failed,
}

/// What one document gives the learn step.
#[derive(Default)]
struct Contribution {
    /// Its hash and the counts of its text, when it teaches.
    teaches: Option<(String, CorpusModel)>,
    /// Set for a stored document whose repair depends on the corpus.
    dependent: Option<Dependent>,
}

/// What the learn step needs to read documents on any thread.
struct Reader {
    documents: PathBuf,
    prepared: Arc<PreparedStore>,
    /// The run's options with OCR off, for documents read here.
    without_ocr: pipeline::Options,
}

impl Reader {
    /// Reads one document and decides what it gives; the counting is done here, on the worker, and
    /// the run only adds the counts up.
    fn contribution(&self, sha256: String, path: PathBuf, source: Source) -> Contribution {
        let mut out = Contribution::default();
        let (doc, stored_id): (Option<Document>, Option<String>) = match source {
            Source::Stored(id) => {
                match emit::read_document(&self.documents.join(format!("{id}.json"))) {
                    Ok(doc) => (Some(doc), Some(id)),
                    Err(_) => (self.read_file(&path), None),
                }
            }
            Source::Prepared => match self.prepared.read(&sha256) {
                Some(doc) => (Some(doc), None),
                None => (self.read_file(&path), None),
            },
            Source::File => (self.read_file(&path), None),
            Source::Failed => (None, None),
        };
        let Some(doc) = doc else {
            return out;
        };
        let (role, counts) = corpus_contribution(&doc);
        if let Some(id) = stored_id {
            if role.depends {
                out.dependent = Some((sha256.clone(), path, id));
            }
        }
        out.teaches = counts.map(|counts| (sha256, counts));
        out
    }

    fn read_file(&self, path: &Path) -> Option<Document> {
        crate::ingest::Input::read(path, &self.without_ocr.ingest)
            .map_err(pipeline::ExtractError::from)
            .and_then(|input| pipeline::prepare(&input, &self.without_ocr))
            .ok()
    }
}

impl Run<'_> {
    /// Learns the corpus from every document of the diarium (`all`: content hash and path) and sets
    /// it for the finish step. `failed` are the documents that could not be prepared in this run.
    ///
    /// Returns the corpus's fingerprint (the hashes of the documents it learned from) and the stored
    /// documents whose repair depends on it.
    pub(super) fn learn_corpus(
        &mut self,
        all: &[(String, PathBuf)],
        failed: &HashSet<String>,
    ) -> Result<(String, Vec<Dependent>), RunError> {
        let mut items = Vec::with_capacity(all.len());
        for (sha256, path) in all {
            let source = match self.store.outcome(sha256)? {
                Some(Outcome::Written { id, .. }) => Source::Stored(id),
                _ if failed.contains(sha256) => Source::Failed,
                _ if self.prepared.contains(sha256) => Source::Prepared,
                _ => Source::File,
            };
            items.push((sha256.clone(), path.clone(), source));
        }
        let reader = Reader {
            documents: self.layout.documents.clone(),
            prepared: self.prepared.clone(),
            without_ocr: {
                let mut o = self.opts.pipeline.clone();
                o.ingest.ocr.enabled = false;
                o
            },
        };
        let work = move |(sha256, path, source): (String, PathBuf, Source), _: &Ticket| {
            reader.contribution(sha256, path, source)
        };
        let mut corpus = CorpusModel::default();
        let mut contributors = sha2::Sha256::default();
        let mut dependent = Vec::new();
        // Results arrive in completion order; they are counted in item order.
        let mut waiting: BTreeMap<usize, Contribution> = BTreeMap::new();
        let mut next = 0usize;
        self.progress
            .phase("corpus", items.len() as u64, "documents");
        let Run {
            scheduler,
            progress,
            opts,
            ..
        } = self;
        let progress = std::cell::RefCell::new(progress);
        scheduler.run(
            items,
            opts.doc_timeout,
            work,
            |index, result| {
                progress.borrow_mut().item_done(0);
                waiting.insert(index, result.unwrap_or_default());
                while let Some(c) = waiting.remove(&next) {
                    next += 1;
                    if let Some(d) = c.dependent {
                        dependent.push(d);
                    }
                    if let Some((sha256, counts)) = c.teaches {
                        corpus.merge(counts);
                        sha2::Digest::update(&mut contributors, sha256.as_bytes());
                    }
                }
                ControlFlow::Continue(())
            },
            opts.progress_interval,
            || progress.borrow_mut().tick(),
        );
        self.corpus = Some(Arc::new(corpus));
        let digest = sha2::Digest::finalize(contributors);
        Ok((crate::digest::hex(&digest), dependent))
    }
}
