//! The walk, scan and plan steps of a run: the files of the tree, which content each file has (from the store when its stat is
//! unchanged, hashed in parallel otherwise), and what each document of this shard needs — nothing,
//! a new path, or the pipeline.

use super::error::RunError;
use super::job::{hash_file, Job};
use super::report::Failure;
use super::report::SkippedEntry;
use super::schedule::Ticket;
use super::state::{KnownFile, Outcome};
use super::walk::{self, FileStat, Found, WalkOptions};
use super::Run;
use std::collections::HashSet;
use std::ops::ControlFlow;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, Instant};

/// One file's content hash, as scanned.
pub(super) struct Scanned {
    path: PathBuf,
    sha256: String,
}

/// What the plan phase decides: the jobs, the ids of documents kept as they are, and every document of
/// the diarium (content hash, path), whatever the shard.
pub(super) type Plan = (Vec<Job>, HashSet<String>, Vec<(String, PathBuf)>);

impl Run<'_> {
    /// The regular files of the tree, links not followed, but for the corrections file.
    pub(super) fn walk(&mut self) -> Result<Vec<Found>, RunError> {
        let walked = walk::walk(
            &self.opts.input,
            &WalkOptions {
                exclude: vec![self.opts.out.clone()],
            },
        )
        .map_err(|source| RunError::Walk {
            path: self.opts.input.clone(),
            source,
        })?;
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

    /// The content hash of every file: remembered when the file's stat is unchanged, read otherwise.
    pub(super) fn scan(&mut self, files: Vec<Found>) -> Result<Vec<Scanned>, RunError> {
        let mut scanned = Vec::with_capacity(files.len());
        let mut to_hash = Vec::new();
        for f in files {
            self.store.mark_seen(&f.path)?;
            match self.store.known_file(&f.path)? {
                Some(k) if k.stat == f.stat => scanned.push(Scanned {
                    path: f.path,
                    sha256: k.sha256,
                }),
                _ => to_hash.push(f),
            }
        }
        self.store.forget_unseen()?;
        if to_hash.is_empty() {
            self.store.commit()?;
            return Ok(scanned);
        }
        let limit = self.opts.pipeline.ingest.max_input_bytes;
        let scan_started = std::time::SystemTime::now();
        self.progress.phase("hash", to_hash.len() as u64, "files");
        // The document budget is for the pipeline's work; reading a file gets at least a minute, so a
        // tight --doc-timeout does not fail files on their way in, while a hung mount still cannot
        // stall the run.
        let read_budget = self
            .opts
            .doc_timeout
            .map(|d| d.max(Duration::from_secs(60)));
        let mut failed = Vec::new();
        let mut store_error = None;
        let mut hash_secs = 0.0;
        let mut bytes = 0;
        // Shared with the pool, so a file whose read panics or hangs can still be named.
        let to_hash: Vec<Arc<Found>> = to_hash.into_iter().map(Arc::new).collect();
        let by_index = to_hash.clone();
        let store = &mut self.store;
        // Both callbacks show progress; they run one at a time on this thread.
        let progress = std::cell::RefCell::new(&mut self.progress);
        self.scheduler.run(
            to_hash,
            read_budget,
            move |f: Arc<Found>, _: &Ticket| {
                let t = Instant::now();
                let result = hash_file(&f.path, f.stat.size, limit);
                (f, result, t.elapsed().as_secs_f64())
            },
            |index, result| {
                let (path, reason) = match result {
                    Ok((f, Ok(sha256), secs)) => {
                        hash_secs += secs;
                        bytes += f.stat.size;
                        progress.borrow_mut().item_done(0);
                        if settled(&f.stat, scan_started) {
                            let known = KnownFile {
                                stat: f.stat,
                                sha256: sha256.clone(),
                            };
                            if let Err(e) = store.remember_file(&f.path, &known) {
                                store_error = Some(e);
                                return ControlFlow::Break(());
                            }
                        }
                        scanned.push(Scanned {
                            path: f.path.clone(),
                            sha256,
                        });
                        return ControlFlow::Continue(());
                    }
                    Ok((f, Err(reason), _)) => {
                        (f.path.to_string_lossy().into_owned(), reason.to_string())
                    }
                    Err(failure) => (
                        by_index
                            .get(index)
                            .map(|f| f.path.to_string_lossy().into_owned())
                            .unwrap_or_default(),
                        failure.to_string(),
                    ),
                };
                progress.borrow_mut().item_failed(&path, "read", &reason);
                failed.push(Failure {
                    path,
                    sha256: None,
                    stage: "read".into(),
                    reason,
                    cached: false,
                });
                ControlFlow::Continue(())
            },
            self.opts.progress_interval,
            || progress.borrow_mut().tick(),
        );
        if let Some(e) = store_error {
            return Err(e.into());
        }
        drop(by_index);
        self.store.commit()?;
        *self.report.timings.stages.entry("hash".into()).or_default() += hash_secs;
        self.report.totals.bytes_read += bytes;
        self.report.failures.extend(failed);
        scanned.sort_by(|a, b| a.path.cmp(&b.path));
        Ok(scanned)
    }

    /// Groups files by content and decides, per document of this shard, what to do. Returns the jobs
    /// and the ids of the documents that stay as they are.
    pub(super) fn plan(&mut self, mut scanned: Vec<Scanned>) -> Result<Plan, RunError> {
        // Sorted by content, then path: each run of equal hashes is one document, its first path
        // the one it is written from.
        scanned.sort_unstable_by(|a, b| (&a.sha256, &a.path).cmp(&(&b.sha256, &b.path)));
        let (mut jobs, mut keep) = (Vec::new(), HashSet::new());
        // Every document of the diarium, whatever the shard: the corpus the repair stage learns from.
        let mut all = Vec::new();
        let mut files = scanned.into_iter().peekable();
        while let Some(Scanned { path, sha256 }) = files.next() {
            all.push((sha256.clone(), path.clone()));
            let counts = &mut self.report.counts;
            counts.documents += 1;
            while files.next_if(|next| next.sha256 == sha256).is_some() {
                counts.duplicates += 1;
            }
            if let Some(shard) = self.opts.shard {
                if !shard.contains(&sha256) {
                    counts.other_shards += 1;
                    continue;
                }
            }
            let path_str = path.to_string_lossy().into_owned();
            let outcome = self.store.outcome(&sha256)?;
            match outcome {
                Some(Outcome::Written {
                    id,
                    path: written_from,
                    pages,
                }) if self.layout.documents.join(format!("{id}.json")).is_file() => {
                    if written_from == path_str {
                        self.report.counts.unchanged += 1;
                        self.report.totals.pages += pages;
                        keep.insert(id);
                    } else {
                        jobs.push(Job::Relocate { sha256, path, id });
                    }
                }
                Some(Outcome::Failed { stage, reason }) => self.report.failures.push(Failure {
                    path: path_str,
                    sha256: Some(sha256),
                    stage,
                    reason,
                    cached: true,
                }),
                _ => jobs.push(Job::Extract { sha256, path }),
            }
        }
        Ok((jobs, keep, all))
    }
}

/// Whether a file's stat can vouch for its content next time. A file modified in the last two seconds
/// could change again within the same timestamp tick, unseen; it is hashed again next run instead.
fn settled(stat: &FileStat, now: std::time::SystemTime) -> bool {
    let now_ns = now
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos() as i64);
    now_ns - stat.mtime_ns.max(stat.ctime_ns) > 2_000_000_000
}
