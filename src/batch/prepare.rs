//! The prepare step of a run: each new document of this shard read, ingested (OCR'd where it is a
//! scan) and cleaned once, and kept under `OUT/.state/prepared/` for the learn and finish steps. A
//! document prepared by a killed run is not prepared again.

use super::error::RunError;
use super::finish::DocumentFailure;
use super::job::{Job, JobError, Ready};
use super::schedule::{JobFailure, Ticket};
use super::Run;
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;

impl Run<'_> {
    /// Prepares the documents of the extract jobs that have no prepared document yet; returns the
    /// content hashes of those that failed (reported and, when they would fail again, recorded).
    pub(super) fn prepare(&mut self, jobs: &[Job]) -> Result<HashSet<String>, RunError> {
        let mut failed = HashSet::new();
        let todo: Vec<Arc<(String, PathBuf)>> = jobs
            .iter()
            .filter_map(|job| match job {
                Job::Extract { sha256, path } if !self.prepared.contains(sha256) => {
                    Some(Arc::new((sha256.clone(), path.clone())))
                }
                _ => None,
            })
            .collect();
        if todo.is_empty() {
            return Ok(failed);
        }
        self.progress
            .phase("prepare", todo.len() as u64, "documents");
        let worker = self.worker();
        let by_index = todo.clone();
        let mut abort = None;
        let Run {
            store,
            scheduler,
            progress,
            report,
            opts,
            ..
        } = self;
        let current = progress.current_handle();
        let progress = std::cell::RefCell::new(progress);
        scheduler.run(
            todo,
            opts.doc_timeout,
            move |item: Arc<(String, PathBuf)>, ticket: &Ticket| {
                if let Ok(mut c) = current.lock() {
                    *c = item.1.to_string_lossy().into_owned();
                }
                worker.prepare(&item.0, &item.1, ticket)
            },
            |index, result: Result<Result<Ready, JobError>, JobFailure>| {
                let failure = match result {
                    Ok(Ok(ready)) => {
                        report.totals.bytes_read += ready.bytes_read;
                        for (stage, secs) in &ready.stages {
                            *report.timings.stages.entry(stage.to_string()).or_default() += secs;
                        }
                        progress.borrow_mut().item_done(0);
                        return ControlFlow::Continue(());
                    }
                    Ok(Err(JobError::Output(e))) => {
                        abort = Some(e);
                        return ControlFlow::Break(());
                    }
                    Ok(Err(JobError::Document(failure))) => failure,
                    Err(failure) => {
                        let item = by_index.get(index);
                        DocumentFailure {
                            sha256: item.map(|i| i.0.clone()),
                            path: item
                                .map(|i| i.1.to_string_lossy().into_owned())
                                .unwrap_or_default(),
                            stage: "extract",
                            reason: failure.to_string(),
                            deterministic: false,
                        }
                    }
                };
                if let Some(sha256) = &failure.sha256 {
                    failed.insert(sha256.clone());
                }
                if let Err(e) = failure.record(store, report, &mut progress.borrow_mut()) {
                    abort = Some(e.into());
                    return ControlFlow::Break(());
                }
                ControlFlow::Continue(())
            },
            opts.progress_interval,
            || progress.borrow_mut().tick(),
        );
        // Failures only: nothing here waits for the disk.
        let committed = self.store.commit();
        if let Some(e) = abort {
            return Err(e);
        }
        committed?;
        Ok(failed)
    }
}
