//! The batch over a diarium (`styrdok run`): every file of a folder tree through the pipeline into
//! `OUT/documents/<id>.json`, doing only new work, on every core, surviving kills, and reporting what
//! it could not read without stopping for it.
//!
//! A run goes through phases, each a method of [`Run`] called in order by [`Run::execute`]:
//!
//! 1. **walk** ([`walk`]): the regular files of the tree, links not followed.
//! 2. **scan**: each file's SHA-256 — read from the state store ([`state`]) when size, times and
//!    inode are unchanged, otherwise computed in parallel.
//! 3. **plan**: files grouped by content; the shard's share kept ([`Shard`]); each document classed as
//!    unchanged (written before, same path), relocated (written before from another path: only
//!    `source.path` is rewritten), known to fail, or to extract.
//! 4. **extract**: the pipeline on the documents to extract, in parallel under a time budget with
//!    panics caught ([`schedule`]); each document file is written atomically and only then recorded.
//! 5. **remove**: document files whose source is gone (deleted, or changed into other bytes).
//! 6. **dataset**: the point where linking and the dataset files are rebuilt from all current
//!    documents (`OUT/documents` after the removals).
//! 7. **report**: `OUT/run-report.json` ([`report`]), written atomically.
//!
//! Crash safety rests on three rules: every file is written to a temporary name and renamed into
//! place; a document is recorded as done only after its file is in place; and nothing is skipped
//! without checking that its file exists. A run killed at any point leaves complete files only, and
//! the next run redoes exactly what was not recorded. The [`lock`] keeps two runs out of one `OUT`.

pub mod interrupt;
mod job;
pub mod lock;
pub mod progress;
pub mod report;
mod scan;
pub mod schedule;
pub mod state;
pub mod walk;

use crate::corrections::{Corrections, CorrectionsError};
use crate::digest::sha256_hex;
use crate::emit;
use crate::limit::Present;
use crate::model::SCHEMA_VERSION;
use crate::pipeline;
use job::{Job, JobError, Worker};
use lock::{LockError, OutLock};
use progress::{Progress, ProgressMode};
use report::{
    Counts, Failure, RunReport, RunStatus, ShardSpec, SkippedEntry, Timings, Totals, Warning,
};
use schedule::Scheduler;
use state::{Outcome, StateError, StateStore};
use std::collections::{BTreeMap, HashSet};
use std::ops::ControlFlow;
use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::sync::Arc;
use std::time::{Duration, Instant};
use walk::{Found, WalkOptions};

/// Everything a run needs to know.
#[derive(Clone, Debug)]
pub struct BatchOptions {
    pub input: PathBuf,
    pub out: PathBuf,
    /// Documents processed at once.
    pub jobs: usize,
    pub shard: Option<Shard>,
    /// Time budget of one document; past it the document is reported and the run goes on.
    pub doc_timeout: Option<Duration>,
    pub pipeline: pipeline::Options,
    pub progress: ProgressMode,
    /// How often a progress line is written in the log and JSON modes.
    pub progress_interval: Duration,
    /// Write each table as its own CSV file too ([`crate::dataset::DatasetOptions::table_files`]).
    pub table_files: bool,
    /// CSV for a spreadsheet set to Swedish ([`crate::dataset::DatasetOptions::excel`]).
    pub excel: bool,
    /// Write the review pages (`OUT/review/`) when the dataset is rebuilt or they are missing.
    pub review: bool,
    /// How a document's error is written in the report: the library's message, to which the command
    /// line adds the flag of a limit exceeded.
    pub present: Present,
}

impl BatchOptions {
    pub fn new(input: impl Into<PathBuf>, out: impl Into<PathBuf>) -> BatchOptions {
        BatchOptions {
            input: input.into(),
            out: out.into(),
            jobs: std::thread::available_parallelism().map_or(1, |n| n.get()),
            shard: None,
            doc_timeout: Some(Duration::from_secs(600)),
            pipeline: pipeline::Options::default(),
            progress: ProgressMode::Quiet,
            progress_interval: Duration::from_secs(10),
            table_files: false,
            excel: false,
            review: true,
            present: crate::limit::plain,
        }
    }
}

/// Shard `index` of `count` (1-based): the documents whose content hash falls to it. The split depends
/// on the bytes only, so every job of an array computes the same partition without talking to the
/// others, and a renamed file stays in its shard.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Shard {
    pub index: u32,
    pub count: u32,
}

impl Shard {
    /// Whether a document belongs to this shard, from its SHA-256 or its id (both start with the same
    /// 16 hex digits).
    pub fn contains(&self, hash_hex: &str) -> bool {
        let head = hash_hex.get(..16).unwrap_or(hash_hex);
        let value = u64::from_str_radix(head, 16).unwrap_or(0);
        value % u64::from(self.count) == u64::from(self.index - 1)
    }
}

impl FromStr for Shard {
    type Err = String;
    fn from_str(s: &str) -> Result<Shard, String> {
        let bad = || format!("shard must be K/N with 1 <= K <= N (as in 2/8), not {s:?}");
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

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
    Runtime(std::io::Error),
    #[error("corrections: {0}")]
    Corrections(#[from] CorrectionsError),
}

/// The files of an output folder.
#[derive(Clone, Debug)]
pub struct OutLayout {
    pub root: PathBuf,
    pub documents: PathBuf,
    pub state_dir: PathBuf,
    pub store: PathBuf,
    pub report: PathBuf,
}

impl OutLayout {
    pub fn new(out: &Path) -> OutLayout {
        let state_dir = out.join(".state");
        OutLayout {
            root: out.to_path_buf(),
            documents: out.join("documents"),
            store: state_dir.join("store.sqlite"),
            state_dir,
            report: out.join("run-report.json"),
        }
    }
}

/// What decides whether an earlier result can be reused: the program version, the document schema and
/// every stage option.
pub fn fingerprint(opts: &pipeline::Options) -> String {
    let key = format!(
        "styrdok {}; schema {SCHEMA_VERSION}; {opts:?}",
        env!("CARGO_PKG_VERSION")
    );
    sha256_hex(key.as_bytes())[..16].to_string()
}

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
    let (store, store_note) = StateStore::open(&layout.store, &fingerprint(&opts.pipeline))?;
    notes.extend(store_note);
    for note in &notes {
        progress.note(note);
    }
    let scheduler = Scheduler::new(opts.jobs).map_err(BatchError::Runtime)?;
    let mut run = Run {
        opts,
        layout,
        store,
        scheduler,
        progress,
        report: RunReport {
            report_version: report::REPORT_VERSION.to_string(),
            styrdok_version: env!("CARGO_PKG_VERSION").to_string(),
            input: opts.input.to_string_lossy().into_owned(),
            out: opts.out.to_string_lossy().into_owned(),
            shard: opts.shard.map(|s| ShardSpec {
                index: s.index,
                count: s.count,
            }),
            jobs: opts.jobs as u32,
            started_at,
            finished_at: String::new(),
            status: RunStatus::Complete,
            exit_code: 0,
            abort_reason: None,
            notes,
            counts: Counts::default(),
            totals: Totals::default(),
            timings: Timings::default(),
            failures: Vec::new(),
            skipped: Vec::new(),
            signal: None,
            warnings: Vec::new(),
            corrections: Vec::new(),
        },
        corpus: None,
        corrections,
        dataset_built: false,
    };
    let outcome = run.execute();
    if let Some(signal) = interrupt::requested() {
        // Programs still running would write into scratch folders about to go.
        interrupt::end_children();
        let removed = interrupt::remove_scratch();
        run.report.signal = Some(signal);
        run.report.warnings.push(Warning {
            code: "interrupted".into(),
            path: None,
            document: None,
            message: format!(
                "stopped by {}; {removed} OCR scratch folder(s) removed; the next run resumes",
                interrupt::signal_name(signal)
            ),
        });
    } else if let Err(reason) = outcome {
        run.report.abort_reason = Some(reason);
    }
    for w in &run.report.warnings {
        let message = match &w.path {
            Some(path) => format!("{path}: {}", w.message),
            None => w.message.clone(),
        };
        run.progress.warn(&message);
    }
    run.report.conclude();
    run.report.timings.total = started.elapsed().as_secs_f64();
    run.report.finished_at = report::now_rfc3339();
    let report_path = run.layout.report.to_string_lossy().into_owned();
    if let Err(e) = emit::write_atomic(&run.layout.report, run.report.to_json().as_bytes()) {
        run.report.abort_reason = Some(format!("cannot write {report_path}: {e}"));
        run.report.conclude();
    }
    let review_missing = !run.layout.root.join("review").join("index.html").exists();
    if opts.review
        && opts.shard.is_none()
        && run.report.signal.is_none()
        && run.report.abort_reason.is_none()
        && (run.dataset_built || review_missing)
    {
        let review_opts = crate::review::ReviewOptions {
            corrections: run.corrections.clone(),
        };
        match crate::review::write_review(&run.layout.root, &review_opts) {
            Ok(summary) => {
                for (name, reason) in summary.unreadable {
                    run.progress.note(&format!("review: {name}: {reason}"));
                }
            }
            Err(e) => run.progress.note(&format!("review not written: {e}")),
        }
    }
    run.progress.finish(&run.report, &report_path);
    drop(lock);
    Ok(run.report)
}

/// A stored document whose repair depends on the corpus: content hash, path, document id.
type Dependent = (String, PathBuf, String);

/// What one document gives the corpus phase.
#[derive(Default)]
struct Contribution {
    /// Its hash and the counts of its text, when it is correctly written and was not scanned.
    teaches: Option<(String, crate::repair::CorpusModel)>,
    /// Set for a stored document whose repair depends on the corpus.
    dependent: Option<Dependent>,
}

/// Reads one document for the corpus phase: its stored JSON when there is one, else the file itself,
/// read and cleaned. The counting is done here, on the worker; the run only adds the counts up.
fn corpus_contribution(
    documents: &Path,
    prepare_opts: &pipeline::Options,
    sha256: String,
    path: PathBuf,
    stored: Option<String>,
) -> Contribution {
    let mut out = Contribution::default();
    let stored_doc = stored.and_then(|id| {
        emit::read_document(&documents.join(format!("{id}.json")))
            .ok()
            .map(|doc| (doc, id))
    });
    let (doc, stored_id) = match stored_doc {
        Some((doc, id)) => (doc, Some(id)),
        None => match crate::ingest::Input::read(&path, &prepare_opts.ingest)
            .map_err(pipeline::ExtractError::from)
            .and_then(|input| pipeline::prepare(&input, prepare_opts))
        {
            Ok(doc) => (doc, None),
            Err(_) => return out,
        },
    };
    let needs_repair = crate::repair::needs_any(&doc);
    if let Some(id) = stored_id {
        if !doc.ocr_words.is_empty() || needs_repair {
            out.dependent = Some((sha256.clone(), path, id));
        }
    }
    let scanned = !doc.ocr_words.is_empty()
        || doc
            .diagnostics
            .iter()
            .any(|d| d.code == "clean.page_without_text");
    if !scanned && !needs_repair {
        out.teaches = Some((sha256, crate::repair::CorpusModel::of_text(&doc.text)));
    }
    out
}

/// A run in progress: its options, output folder, store, pool, display and report.
struct Run<'a> {
    opts: &'a BatchOptions,
    layout: OutLayout,
    store: StateStore,
    scheduler: Scheduler,
    progress: Progress,
    report: RunReport,
    /// The corpus model learned for this run's repairs, once the corpus phase has run.
    corpus: Option<std::sync::Arc<crate::repair::CorpusModel>>,
    corrections: Option<Corrections>,
    /// Whether this run rebuilt the dataset.
    dataset_built: bool,
}

impl Run<'_> {
    /// The phases in order; `Err` is the reason the run had to stop.
    fn execute(&mut self) -> Result<(), String> {
        let files = self.timed("walk", Self::walk)?;
        let scanned = self.timed("scan", |run| run.scan(files))?;
        let (mut jobs, mut keep, all) = self.timed("plan", |run| run.plan(scanned))?;
        let mut new_fingerprint = None;
        if jobs.iter().any(|j| matches!(j, Job::Extract { .. })) {
            let (fingerprint, dependent) = self.timed("corpus", |run| run.learn_corpus(&all))?;
            // Documents repaired with an older corpus are repaired again with this one, so an
            // incremental run gives what a fresh run over the same diarium gives.
            let previous = std::fs::read_to_string(self.corpus_fingerprint_path()).ok();
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
        let written = self.timed("extract", |run| run.extract(jobs))?;
        let nothing_written = written.is_empty();
        keep.extend(written);
        if let Some(fingerprint) = new_fingerprint {
            // Written only after the documents: a run killed before this point redoes the repairs.
            emit::write_atomic(&self.corpus_fingerprint_path(), fingerprint.as_bytes())
                .map_err(|e| format!("cannot write the corpus fingerprint: {e}"))?;
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
            emit::write_atomic(&stamp, options.as_bytes())
                .map_err(|e| format!("cannot write {}: {e}", stamp.display()))?;
            self.dataset_built = true;
        } else if self.opts.shard.is_none() {
            self.remembered_dataset_warnings();
        }
        Ok(())
    }

    /// The counts the repair stage learns from: every correctly written document of the whole diarium
    /// (all shards), read from its stored document when there is one and otherwise read and cleaned
    /// (text layers only; OCR'd text never teaches). Documents are read in parallel on the worker pool
    /// (a document that fails, panics or runs over its time budget here teaches nothing; extraction
    /// reports it) and counted in content-hash order, so the same diarium gives the same corpus whether
    /// the run is fresh, resumed after a kill, or one shard of many.
    ///
    /// Returns the corpus's fingerprint (the hashes of the documents it learned from) and the stored
    /// documents whose repair depends on it (those that needed repair, or were OCR'd).
    fn learn_corpus(
        &mut self,
        all: &[(String, PathBuf)],
    ) -> Result<(String, Vec<Dependent>), String> {
        let mut items = Vec::with_capacity(all.len());
        for (sha256, path) in all {
            let stored = match self.store.outcome(sha256).map_err(|e| e.to_string())? {
                Some(state::Outcome::Written { id, .. }) => Some(id),
                _ => None,
            };
            items.push((sha256.clone(), path.clone(), stored));
        }
        let documents = self.layout.documents.clone();
        let prepare_opts = {
            let mut o = self.opts.pipeline.clone();
            o.ingest.ocr.enabled = false;
            Arc::new(o)
        };
        let work = move |(sha256, path, stored): (String, PathBuf, Option<String>),
                         _: &schedule::Ticket| {
            corpus_contribution(&documents, &prepare_opts, sha256, path, stored)
        };
        let mut corpus = crate::repair::CorpusModel::default();
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
        Ok((
            digest.iter().map(|b| format!("{b:02x}")).collect(),
            dependent,
        ))
    }

    fn corpus_fingerprint_path(&self) -> PathBuf {
        self.layout.state_dir.join("corpus-fingerprint")
    }

    /// Links and the dataset files, rebuilt from every document now in `OUT/documents` (new, unchanged
    /// and renamed alike; removed ones are gone). A shard writes documents only: `styrdok link` over the
    /// shards' document folders builds the one dataset.
    fn dataset(&mut self) -> Result<(), String> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&self.layout.documents)
            .map_err(|e| format!("cannot list {}: {e}", self.layout.documents.display()))?
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "json"))
            .collect();
        paths.sort();
        let summary = crate::dataset::write_dataset(
            crate::dataset::Documents::Files(&paths),
            &self.layout.root,
            &crate::dataset::DatasetOptions {
                jobs: self.scheduler.jobs(),
                table_files: self.opts.table_files,
                excel: self.opts.excel,
                corrections: self.corrections.clone().map(Arc::new),
                ..Default::default()
            },
        )
        .map_err(|e| format!("cannot write the dataset: {e}"))?;
        let unplaced = serde_json::to_vec(&summary.unplaced).unwrap_or_default();
        emit::write_atomic(&self.layout.state_dir.join("unplaced.json"), &unplaced)
            .map_err(|e| format!("cannot write the state: {e}"))?;
        self.dataset_warnings(summary.unplaced.clone(), summary.corrections.clone());
        // The run wrote these files itself: one it cannot read back is damaged, and the dataset is
        // not complete until the next run has replaced it.
        match summary.unreadable.first() {
            Some((name, reason)) => Err(format!("{name} is not a document: {reason}")),
            None => Ok(()),
        }
    }

    /// Warnings about the dataset: documents the linker could not place, corrections whose target
    /// is gone.
    fn dataset_warnings(
        &mut self,
        unplaced: Vec<(String, String)>,
        corrections: Vec<crate::corrections::Record>,
    ) {
        for (id, path) in unplaced {
            self.report.warnings.push(Warning {
                code: "not_linked".into(),
                path: Some(path),
                document: Some(id),
                message: "no year or not a plan or report: its uppdrag are not linked (a \
                          correction can set year and kind)"
                    .into(),
            });
        }
        for r in &corrections {
            if r.status == crate::corrections::RecordStatus::Unmatched {
                self.report.warnings.push(Warning {
                    code: "correction_unmatched".into(),
                    path: None,
                    document: None,
                    message: format!(
                        "correction {} applies to nothing: {}",
                        r.correction,
                        r.reason.as_deref().unwrap_or("")
                    ),
                });
            }
        }
        self.report.corrections = corrections;
    }

    /// A run that does not rebuild the dataset repeats the warnings of the build that made it.
    fn remembered_dataset_warnings(&mut self) {
        let unplaced: Vec<(String, String)> =
            emit::read_json(&self.layout.state_dir.join("unplaced.json")).unwrap_or_default();
        let corrections: Vec<crate::corrections::Record> =
            std::fs::read_to_string(self.layout.root.join("corrections.jsonl"))
                .unwrap_or_default()
                .lines()
                .filter_map(|l| serde_json::from_str(l).ok())
                .collect();
        self.dataset_warnings(unplaced, corrections);
    }

    fn timed<T>(
        &mut self,
        phase: &str,
        f: impl FnOnce(&mut Self) -> Result<T, String>,
    ) -> Result<T, String> {
        let t = Instant::now();
        let result = f(self);
        *self
            .report
            .timings
            .phases
            .entry(phase.to_string())
            .or_default() += t.elapsed().as_secs_f64();
        if let Some(signal) = interrupt::requested() {
            return Err(format!("interrupted by {}", interrupt::signal_name(signal)));
        }
        result
    }

    fn walk(&mut self) -> Result<Vec<Found>, String> {
        let walked = walk::walk(
            &self.opts.input,
            &WalkOptions {
                exclude: vec![self.opts.out.clone()],
            },
        )
        .map_err(|e| format!("cannot walk {}: {e}", self.opts.input.display()))?;
        self.report.skipped = walked
            .skipped
            .into_iter()
            .map(|s| SkippedEntry {
                path: s.path.to_string_lossy().into_owned(),
                reason: s.reason,
            })
            .collect();
        // The corrections file in the diarium is not a document.
        let corrections = self.opts.input.join(crate::corrections::FILE_NAME);
        let files: Vec<Found> = walked
            .files
            .into_iter()
            .filter(|f| f.path != corrections)
            .collect();
        self.report.counts.files = files.len() as u64;
        Ok(files)
    }

    /// Runs the jobs in parallel; returns the ids written. Each result is recorded in the store after
    /// its file is in place, in transactions of about a second.
    ///
    /// A step that must see the whole corpus before any document is final (learn from the documents,
    /// then correct each) fits as two calls of the scheduler here: prepare all, then finish each.
    fn extract(&mut self, jobs: Vec<Job>) -> Result<HashSet<String>, String> {
        let mut written = HashSet::new();
        if jobs.is_empty() {
            return Ok(written);
        }
        self.progress
            .phase("extract", jobs.len() as u64, "documents");
        let worker = Worker {
            documents: self.layout.documents.clone(),
            present: self.opts.present,
            pipeline: Arc::new({
                let mut pipeline = self.opts.pipeline.clone();
                if let Some(corpus) = &self.corpus {
                    pipeline.repair.corpus = Some(corpus.clone());
                }
                pipeline
            }),
        };
        // Shared with the pool, so a job that panics or times out can still be named in the report.
        let jobs: Vec<Arc<Job>> = jobs.into_iter().map(Arc::new).collect();
        let by_index = jobs.clone();
        let mut abort = None;
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
            move |job: Arc<Job>, ticket: &schedule::Ticket| {
                if let Ok(mut c) = current.lock() {
                    let (Job::Extract { path, .. } | Job::Relocate { path, .. }) = job.as_ref();
                    *c = path.to_string_lossy().into_owned();
                }
                worker.process(&job, ticket)
            },
            |index, result| {
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
                        written.insert(done.id.clone());
                        store.record(
                            &done.sha256,
                            &Outcome::Written {
                                id: done.id,
                                path: done.path,
                                pages: done.pages,
                            },
                        )
                    }
                    Ok(Err(JobError::Output(reason))) => {
                        abort = Some(reason);
                        return ControlFlow::Break(());
                    }
                    Ok(Err(JobError::Document {
                        sha256,
                        path,
                        stage,
                        reason,
                        deterministic,
                    })) => {
                        progress.borrow_mut().item_failed(&path, stage, &reason);
                        let recorded = if deterministic {
                            store.record(
                                &sha256,
                                &Outcome::Failed {
                                    stage: stage.to_string(),
                                    reason: reason.clone(),
                                },
                            )
                        } else {
                            Ok(())
                        };
                        report.failures.push(Failure {
                            path,
                            sha256: Some(sha256),
                            stage: stage.to_string(),
                            reason,
                            cached: false,
                        });
                        recorded
                    }
                    Err(failure) => {
                        let (sha256, path) = match by_index.get(index).map(Arc::as_ref) {
                            Some(
                                Job::Extract { sha256, path } | Job::Relocate { sha256, path, .. },
                            ) => (Some(sha256.clone()), path.to_string_lossy().into_owned()),
                            None => (None, String::new()),
                        };
                        let reason = failure.to_string();
                        progress.borrow_mut().item_failed(&path, "extract", &reason);
                        report.failures.push(Failure {
                            path,
                            sha256,
                            stage: "extract".into(),
                            reason,
                            cached: false,
                        });
                        Ok(())
                    }
                };
                let committed = if last_commit.elapsed() > Duration::from_secs(1) {
                    last_commit = Instant::now();
                    durable_commit(store, documents)
                } else {
                    Ok(())
                };
                if let Err(e) = outcome.map_err(|e| e.to_string()).and(committed) {
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

    /// Removes the document files of this shard that no current source has.
    fn remove_stale(&mut self, keep: &HashSet<String>) -> Result<(), String> {
        let entries = std::fs::read_dir(&self.layout.documents)
            .map_err(|e| format!("cannot list {}: {e}", self.layout.documents.display()))?;
        for entry in entries.filter_map(Result::ok) {
            let path = entry.path();
            let Some(id) = path
                .file_name()
                .and_then(|n| n.to_str())
                .and_then(|n| n.strip_suffix(".json"))
            else {
                continue;
            };
            let ours = self.opts.shard.is_none_or(|s| s.contains(id));
            if ours && !keep.contains(id) {
                std::fs::remove_file(&path)
                    .map_err(|e| format!("cannot remove {}: {e}", path.display()))?;
                self.report.counts.removed += 1;
            }
        }
        sync_dir(&self.layout.documents);
        Ok(())
    }
}

fn remove_temp_files(dir: &Path) {
    let Ok(entries) = std::fs::read_dir(dir) else {
        return;
    };
    for entry in entries.filter_map(Result::ok) {
        if entry.file_name().to_string_lossy().starts_with(".tmp")
            && entry.file_type().is_ok_and(|t| t.is_file())
        {
            let _ = std::fs::remove_file(entry.path());
        }
    }
}

/// Commits the store's records of the documents written since the last commit, after the documents
/// themselves are on disk: the workers write without waiting for the disk, and one sync of the file
/// system here makes the second's documents durable before the store says they are done. After a
/// power loss a document file may be missing or empty, but then its record is missing too, and the
/// next run writes it again.
fn durable_commit(store: &mut StateStore, documents: &Path) -> Result<(), String> {
    emit::sync_folder(documents)
        .map_err(|e| format!("cannot sync {}: {e}", documents.display()))?;
    store.commit().map_err(|e| e.to_string())
}

/// Makes renames and removals in a folder durable (they live in the folder, not in the files).
fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shards_partition_the_hashes() {
        let shards: Vec<Shard> = (1..=3)
            .map(|k| format!("{k}/3").parse().expect("shard"))
            .collect();
        for i in 0..200u32 {
            let h = sha256_hex(&i.to_le_bytes());
            assert_eq!(shards.iter().filter(|s| s.contains(&h)).count(), 1);
        }
        assert!("0/3".parse::<Shard>().is_err());
        assert!("4/3".parse::<Shard>().is_err());
        assert!("x".parse::<Shard>().is_err());
    }

    #[test]
    fn the_fingerprint_follows_the_options() {
        let a = pipeline::Options::default();
        let mut b = a.clone();
        b.ingest.max_input_bytes += 1;
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_ne!(fingerprint(&a), fingerprint(&b));
    }
}
