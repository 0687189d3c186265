//! The finish step of a run: repair, detect, tables and emit for each document to extract, from its
//! prepared document and with the corpus the learn step found, and the moves of documents written
//! before from another path. Each document file is written atomically and only then recorded.

use super::error::RunError;
use super::job::{Done, Job, JobError, Worker};
use super::progress::Progress;
use super::report::{Failure, RunReport, Warning};
use super::schedule::{JobFailure, Ticket};
use super::state::{Outcome, StateError, StateStore};
use super::{durable_commit, Run};
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One document that gave no result, on its way into the report (and, when the same bytes would fail
/// the same way again, into the store).
pub(super) struct DocumentFailure {
    pub sha256: Option<String>,
    pub path: String,
    pub stage: &'static str,
    pub reason: String,
    pub deterministic: bool,
}

impl DocumentFailure {
    pub(super) fn record(
        self,
        store: &mut StateStore,
        report: &mut RunReport,
        progress: &mut Progress,
    ) -> Result<(), StateError> {
        progress.item_failed(&self.path, self.stage, &self.reason);
        let recorded = match (&self.sha256, self.deterministic) {
            (Some(sha256), true) => store.record(
                sha256,
                &Outcome::Failed {
                    stage: self.stage.to_string(),
                    reason: self.reason.clone(),
                },
            ),
            _ => Ok(()),
        };
        report.failures.push(Failure {
            path: self.path,
            sha256: self.sha256,
            stage: self.stage.to_string(),
            reason: self.reason,
            cached: false,
        });
        recorded
    }
}

/// What the finish step wrote: document ids, and the content hashes they were made from.
#[derive(Default)]
pub(super) struct Written {
    pub ids: HashSet<String>,
    pub sha256s: HashSet<String>,
}

impl Run<'_> {
    /// The worker for this run's documents, with the corpus learned so far.
    pub(super) fn worker(&self) -> Worker {
        Worker {
            documents: self.layout.documents.clone(),
            prepared: self.prepared.clone(),
            present: self.opts.present,
            pipeline: Arc::new({
                let mut pipeline = self.opts.pipeline.clone();
                if let Some(corpus) = &self.corpus {
                    pipeline.repair.corpus = Some(corpus.clone());
                }
                pipeline
            }),
        }
    }

    /// Runs the jobs in parallel. Each result is recorded in the store after its file is in place, in
    /// transactions of about a second.
    pub(super) fn finish(&mut self, jobs: Vec<Job>) -> Result<Written, RunError> {
        let mut written = Written::default();
        if jobs.is_empty() {
            return Ok(written);
        }
        self.progress
            .phase("finish", jobs.len() as u64, "documents");
        let worker = self.worker();
        // Shared with the pool, so a job that panics or times out can still be named in the report.
        let jobs: Vec<Arc<Job>> = jobs.into_iter().map(Arc::new).collect();
        let by_index = jobs.clone();
        let mut abort: Option<RunError> = None;
        let mut last_commit = Instant::now();
        let Run {
            store,
            scheduler,
            progress,
            report,
            opts,
            layout,
            ..
        } = self;
        let documents = &layout.documents;
        let current = progress.current_handle();
        // Both callbacks show progress; they run one at a time on this thread.
        let progress = std::cell::RefCell::new(progress);
        scheduler.run(
            jobs,
            opts.doc_timeout,
            move |job: Arc<Job>, ticket: &Ticket| {
                if let Ok(mut c) = current.lock() {
                    *c = job.path().to_string_lossy().into_owned();
                }
                worker.process(&job, ticket)
            },
            |index, result: Result<Result<Done, JobError>, JobFailure>| {
                let outcome = match result {
                    Ok(Ok(done)) => {
                        if done.relocated {
                            report.counts.relocated += 1;
                        } else {
                            report.counts.extracted += 1;
                            report.totals.pages_extracted += done.pages;
                            report.totals.pages_ocr += done.ocr_pages;
                            if done.ocr_pages > 0 {
                                report.warnings.push(Warning {
                                    code: "ocr".into(),
                                    path: Some(done.path.clone()),
                                    document: Some(done.id.clone()),
                                    message: format!(
                                        "{} page(s) recognised by OCR: check the text in the review",
                                        done.ocr_pages
                                    ),
                                });
                            }
                        }
                        report.totals.pages += done.pages;
                        report.totals.bytes_read += done.bytes_read;
                        for (stage, secs) in &done.stages {
                            *report.timings.stages.entry(stage.to_string()).or_default() += secs;
                        }
                        progress.borrow_mut().item_done(done.pages);
                        written.ids.insert(done.id.clone());
                        written.sha256s.insert(done.sha256.clone());
                        store.record(
                            &done.sha256,
                            &Outcome::Written {
                                id: done.id,
                                path: done.path,
                                pages: done.pages,
                            },
                        )
                    }
                    Ok(Err(JobError::Output(e))) => {
                        abort = Some(e);
                        return ControlFlow::Break(());
                    }
                    Ok(Err(JobError::Document(failure))) => failure.record(store, report, &mut progress.borrow_mut()),
                    Err(failure) => {
                        let job = by_index.get(index).map(Arc::as_ref);
                        DocumentFailure {
                            sha256: job.map(|j| j.sha256().to_string()),
                            path: job
                                .map(|j| j.path().to_string_lossy().into_owned())
                                .unwrap_or_default(),
                            stage: "extract",
                            reason: failure.to_string(),
                            deterministic: false,
                        }
                        .record(store, report, &mut progress.borrow_mut())
                    }
                };
                let committed = if last_commit.elapsed() > Duration::from_secs(1) {
                    last_commit = Instant::now();
                    durable_commit(store, documents)
                } else {
                    Ok(())
                };
                if let Err(e) = outcome.map_err(RunError::from).and(committed) {
                    abort = Some(e);
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            },
            opts.progress_interval,
            || progress.borrow_mut().tick(),
        );
        let committed = durable_commit(&mut self.store, &self.layout.documents);
        if let Some(reason) = abort {
            return Err(reason);
        }
        committed?;
        Ok(written)
    }
}
