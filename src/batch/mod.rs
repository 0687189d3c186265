//! The batch over a diarium (`styrdok run`): every file of a folder tree through the pipeline into
//! `OUT/documents/<id>.json`, doing only new work, on every core, surviving kills, and reporting what
//! it could not read without stopping for it.
//!
//! A run goes through steps, each a method of [`Run`] in a module of its own, called in order by
//! [`Run::execute`]:
//!
//! 1. **walk** ([`walk`], `scan.rs`): the regular files of the tree, links not followed.
//! 2. **scan** (`scan.rs`): each file's SHA-256 — read from the state store ([`state`]) when size,
//!    times and inode are unchanged, otherwise computed in parallel.
//! 3. **plan** (`scan.rs`): files grouped by content; the shard's share kept ([`Shard`]); each document
//!    classed as unchanged (written before, same path), relocated (written before from another path:
//!    only `source.path` is rewritten), known to fail, or to extract.
//! 4. **prepare** (`prepare.rs`): each document to extract read, ingested (OCR'd if scanned) and
//!    cleaned once, and kept under `OUT/.state/prepared/` ([`job`]), so a killed run's successor
//!    picks it up.
//! 5. **corpus** (`corpus.rs`): the repair corpus learned from the correctly written documents of the
//!    whole diarium — stored, prepared, or (other shards) read here without OCR.
//! 6. **finish** (`finish.rs`): repair, detect, tables and emit from each prepared document, in
//!    parallel under a time budget with panics caught ([`schedule`]); each document file is written
//!    atomically and only then recorded.
//! 7. **remove** (`remove.rs`): document files whose source is gone (deleted, or changed into other
//!    bytes).
//! 8. **dataset** (`dataset.rs`): linking and the dataset files rebuilt from all current documents.
//! 9. **report**: `OUT/run-report.json` ([`report`]), written atomically.
//!
//! Crash safety rests on three rules: every file is written to a temporary name and renamed into
//! place; a document is recorded as done only after its file is in place; and nothing is skipped
//! without checking that its file exists. A run killed at any point leaves complete files only, and
//! the next run redoes exactly what was not recorded. The [`lock`] keeps two runs out of one `OUT`.

mod conclude;
mod corpus;
mod dataset;
mod error;
mod fingerprint;
mod finish;
pub mod interrupt;
mod job;
mod layout;
pub mod lock;
mod options;
mod prepare;
pub mod progress;
mod remove;
pub mod report;
mod scan;
pub mod schedule;
pub mod state;
pub mod walk;

pub use error::{BatchError, RunError};
pub use fingerprint::fingerprint;
pub use job::HashError;
pub use layout::OutLayout;
pub use options::{BatchOptions, Shard, ShardError};

use crate::corrections::Corrections;
use crate::emit;
use crate::repair::CorpusModel;
use job::{Job, PreparedStore};
use layout::remove_temp_files;
use lock::OutLock;
use progress::Progress;
use report::{RunReport, Warning};
use schedule::Scheduler;
use state::{StateError, StateStore};
use std::collections::HashSet;
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

/// Runs the batch. `Err` means the run could not start (exit 2, nothing written); otherwise the
/// report says how it went (its `exit_code` is the process exit status) and has been written to
/// `OUT/run-report.json`.
pub fn run(opts: &BatchOptions) -> Result<RunReport, BatchError> {
    let started = Instant::now();
    let started_at = report::now_rfc3339();
    if !opts.input.is_dir() {
        return Err(BatchError::NotAFolder(opts.input.clone()));
    }
    let layout = OutLayout::new(&opts.out);
    std::fs::create_dir_all(&layout.documents).map_err(|source| BatchError::Output {
        path: layout.documents.clone(),
        source,
    })?;
    let lock = OutLock::acquire(&opts.out, &layout.state_dir)?;
    let corrections = Corrections::find(&opts.input, &opts.out)?;
    let mut progress = Progress::new(opts.progress, opts.progress_interval);
    let mut notes = Vec::new();
    if let Some(pid) = lock.recovered_from {
        notes.push(format!(
            "a previous run (pid {pid}) ended without finishing; its work is completed now"
        ));
    }
    // Temporary files of a killed run: never complete, never referenced.
    for dir in [&layout.root, &layout.documents] {
        remove_temp_files(dir);
    }
    let fingerprint = fingerprint(&opts.pipeline);
    let (store, store_note) = StateStore::open(&layout.store, &fingerprint)?;
    let prepared = Arc::new(PreparedStore::open(&layout.prepared, &fingerprint));
    notes.extend(store_note);
    for note in &notes {
        progress.note(note);
    }
    let scheduler = Scheduler::new(opts.jobs).map_err(BatchError::Runtime)?;
    let mut run = Run {
        opts,
        layout,
        store,
        prepared,
        scheduler,
        progress,
        report: RunReport::started(opts, started_at, notes),
        corpus: None,
        corrections,
        dataset_built: false,
    };
    let outcome = run.execute();
    let report = run.conclude(outcome, started);
    drop(lock);
    Ok(report)
}

/// A run in progress: its options, output folder, store, pool, display and report.
struct Run<'a> {
    opts: &'a BatchOptions,
    layout: OutLayout,
    store: StateStore,
    /// Documents prepared and not yet finished.
    prepared: Arc<PreparedStore>,
    scheduler: Scheduler,
    progress: Progress,
    report: RunReport,
    /// The corpus model learned for this run's repairs, once the corpus step has run.
    corpus: Option<Arc<CorpusModel>>,
    corrections: Option<Corrections>,
    /// Whether this run rebuilt the dataset.
    dataset_built: bool,
}

impl Run<'_> {
    /// The steps in order; `Err` is the reason the run had to stop.
    fn execute(&mut self) -> Result<(), RunError> {
        let files = self.timed("walk", Self::walk)?;
        let scanned = self.timed("scan", |run| run.scan(files))?;
        let (mut jobs, mut keep, all) = self.timed("plan", |run| run.plan(scanned))?;
        let mut new_fingerprint = None;
        if jobs.iter().any(|j| matches!(j, Job::Extract { .. })) {
            let failed = self.timed("prepare", |run| run.prepare(&jobs))?;
            jobs.retain(|j| !matches!(j, Job::Extract { sha256, .. } if failed.contains(sha256)));
            let (fingerprint, dependent) =
                self.timed("corpus", |run| run.learn_corpus(&all, &failed))?;
            // Documents repaired with an older corpus are repaired again with this one, so an
            // incremental run gives what a fresh run over the same diarium gives.
            let previous = std::fs::read_to_string(self.layout.corpus_fingerprint()).ok();
            if previous.is_some_and(|p| p.trim() != fingerprint) {
                for (sha256, path, id) in dependent {
                    if keep.remove(&id) {
                        self.report.counts.unchanged =
                            self.report.counts.unchanged.saturating_sub(1);
                        self.report.warnings.push(Warning {
                            code: "re_extracted".into(),
                            path: Some(path.to_string_lossy().into_owned()),
                            document: Some(id.clone()),
                            message: "extracted again: the repair corpus changed with the diarium"
                                .into(),
                        });
                        jobs.push(Job::Extract { sha256, path });
                    }
                }
            }
            new_fingerprint = Some(fingerprint);
        }
        let pending: HashSet<String> = jobs
            .iter()
            .filter(|j| matches!(j, Job::Extract { .. }))
            .map(|j| j.sha256().to_string())
            .collect();
        let written = self.timed("finish", |run| run.finish(jobs))?;
        // What is written and recorded needs no prepared document any more; one whose finish failed
        // (a panic, the time budget) keeps it for the next run.
        self.prepared.keep_only(
            &pending
                .difference(&written.sha256s)
                .cloned()
                .collect::<HashSet<_>>(),
        );
        let nothing_written = written.ids.is_empty();
        keep.extend(written.ids);
        if let Some(fingerprint) = new_fingerprint {
            // Written only after the documents: a run killed before this point redoes the repairs.
            let path = self.layout.corpus_fingerprint();
            emit::write_atomic(&path, fingerprint.as_bytes())
                .map_err(|source| RunError::WriteState { path, source })?;
        }
        self.timed("remove", |run| run.remove_stale(&keep))?;
        // The dataset is a function of the documents and of its own options: rebuilt when any
        // document was written, moved or removed, when the options changed, or when the last build did
        // not finish (its stamp, which holds the options, is removed before a build and written after).
        let stamp = self.layout.state_dir.join("dataset-complete");
        let options = format!(
            "table_files={}\nexcel={}\ncorrections={}\n",
            self.opts.table_files,
            self.opts.excel,
            self.corrections
                .as_ref()
                .map_or("none", |c| c.digest.as_str())
        );
        let stale = std::fs::read_to_string(&stamp).map_or(true, |built| built != options);
        let documents_changed = !nothing_written || self.report.counts.removed > 0 || stale;
        if self.opts.shard.is_none() && documents_changed {
            let _ = std::fs::remove_file(&stamp);
            self.timed("dataset", Self::dataset)?;
            emit::write_atomic(&stamp, options.as_bytes()).map_err(|source| {
                RunError::WriteState {
                    path: stamp,
                    source,
                }
            })?;
            self.dataset_built = true;
        } else if self.opts.shard.is_none() {
            self.remembered_dataset_warnings();
        }
        Ok(())
    }

    fn timed<T>(
        &mut self,
        phase: &str,
        f: impl FnOnce(&mut Self) -> Result<T, RunError>,
    ) -> Result<T, RunError> {
        let t = Instant::now();
        let result = f(self);
        *self
            .report
            .timings
            .phases
            .entry(phase.to_string())
            .or_default() += t.elapsed().as_secs_f64();
        if let Some(signal) = interrupt::requested() {
            return Err(RunError::Interrupted(interrupt::signal_name(signal)));
        }
        result
    }
}

/// Commits the store's records of the documents written since the last commit, after the documents
/// themselves are on disk: the workers write without waiting for the disk, and one sync of the file
/// system here makes the second's documents durable before the store says they are done. After a
/// power loss a document file may be missing or empty, but then its record is missing too, and the
/// next run writes it again.
fn durable_commit(store: &mut StateStore, documents: &Path) -> Result<(), RunError> {
    emit::sync_folder(documents).map_err(|source| RunError::Sync {
        path: documents.to_path_buf(),
        source,
    })?;
    store.commit().map_err(|e: StateError| e.into())
}
