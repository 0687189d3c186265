//! `OUT/run-report.json`: what a run did, for the person or the monitoring that reads it the next
//! morning — every file it could not process and why, counts, timings per stage and totals. Its
//! contract is `schemas/run-report.schema.json`.

use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// Version of the contract in `schemas/run-report.schema.json`.
pub const REPORT_VERSION: &str = "1.0";

/// How the run ended; decides the exit status.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Every document was processed (exit 0).
    Complete,
    /// Some documents failed; the others were written (exit 1).
    SomeFailed,
    /// The run itself could not go on (exit 2).
    Aborted,
    /// A signal (Ctrl-C, SIGTERM) stopped the run; exit 128 + the signal, 130 or 143. What was recorded
    /// stays; the next run resumes.
    Interrupted,
}

impl RunStatus {
    pub fn exit_code(self) -> u8 {
        match self {
            RunStatus::Complete => 0,
            RunStatus::SomeFailed => 1,
            RunStatus::Aborted => 2,
            RunStatus::Interrupted => 130,
        }
    }
}

/// A document that could not be processed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Failure {
    pub path: String,
    /// The SHA-256 of the file, when it could be read.
    pub sha256: Option<String>,
    /// Where it failed: `read`, `ingest`, `extract`, `write`.
    pub stage: String,
    pub reason: String,
    /// True when this outcome was recorded by an earlier run for the same bytes and pipeline, and not
    /// tried again (it would fail the same way).
    pub cached: bool,
}

/// Something about the run's documents a person should know although nothing failed.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Warning {
    /// `not_linked` (no year, or not a plan or report), `re_extracted` (the repair corpus changed),
    /// `ocr` (pages recognised by OCR), `correction_unmatched`, `interrupted`.
    pub code: String,
    /// The source file it concerns, when it concerns one.
    pub path: Option<String>,
    /// The document id, when it concerns one.
    pub document: Option<String>,
    pub message: String,
}

/// A name in the tree that was not read at all (links, unreadable entries).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct SkippedEntry {
    pub path: String,
    pub reason: String,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Counts {
    /// Regular files found in the tree.
    pub files: u64,
    /// Distinct contents among them (files with equal bytes are one document).
    pub documents: u64,
    /// Files whose bytes equal another file's (the document keeps the first path in sort order).
    pub duplicates: u64,
    /// Documents left to other shards.
    pub other_shards: u64,
    /// Documents run through the pipeline in this run.
    pub extracted: u64,
    /// Documents already written by an earlier run, left as they were.
    pub unchanged: u64,
    /// Documents already written whose file was moved or renamed: only the path was updated.
    pub relocated: u64,
    pub failed: u64,
    /// Document files removed because their source is gone or changed.
    pub removed: u64,
    pub skipped: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Totals {
    /// Pages of all documents of this run's share (written now or before).
    pub pages: u64,
    /// Bytes read from the tree in this run.
    pub bytes_read: u64,
    /// Pages of the documents extracted in this run.
    pub pages_extracted: u64,
    /// Pages recognised by OCR in this run.
    #[serde(default)]
    pub pages_ocr: u64,
}

#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Timings {
    /// Wall-clock seconds of each phase of the run, in order: walk, scan, extract, remove, …
    pub phases: BTreeMap<String, f64>,
    /// Seconds spent in each per-document stage, summed over documents and workers.
    pub stages: BTreeMap<String, f64>,
    pub total: f64,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct ShardSpec {
    /// 1-based.
    pub index: u32,
    pub count: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct RunReport {
    pub report_version: String,
    pub styrdok_version: String,
    pub input: String,
    pub out: String,
    pub shard: Option<ShardSpec>,
    pub jobs: u32,
    pub started_at: String,
    pub finished_at: String,
    pub status: RunStatus,
    pub exit_code: u8,
    /// Why the run stopped, when `status` is `aborted`.
    pub abort_reason: Option<String>,
    /// Things the run noticed and dealt with (a stale lock taken over, a state store started afresh).
    pub notes: Vec<String>,
    pub counts: Counts,
    pub totals: Totals,
    pub timings: Timings,
    pub failures: Vec<Failure>,
    pub skipped: Vec<SkippedEntry>,
    /// The signal that stopped the run (2 SIGINT, 15 SIGTERM), when status is `interrupted`.
    #[serde(default)]
    pub signal: Option<i32>,
    #[serde(default)]
    pub warnings: Vec<Warning>,
    /// What became of each correction of the corrections file (as in `corrections.jsonl`).
    #[serde(default)]
    pub corrections: Vec<crate::corrections::Record>,
}

impl RunReport {
    pub fn to_json(&self) -> String {
        // Plain structs with string keys: serialization cannot fail.
        serde_json::to_string_pretty(self).unwrap_or_default()
    }

    /// Sets `status` and `exit_code` from what happened.
    pub fn conclude(&mut self) {
        self.failures.sort_by(|a, b| a.path.cmp(&b.path));
        self.counts.failed = self.failures.len() as u64;
        self.counts.skipped = self.skipped.len() as u64;
        self.status = if self.signal.is_some() {
            RunStatus::Interrupted
        } else if self.abort_reason.is_some() {
            RunStatus::Aborted
        } else if self.counts.failed > 0 {
            RunStatus::SomeFailed
        } else {
            RunStatus::Complete
        };
        self.exit_code = match (self.status, self.signal) {
            (RunStatus::Interrupted, Some(signal)) => (128 + signal.clamp(1, 127)) as u8,
            (status, _) => status.exit_code(),
        };
    }

    /// The report of a run that starts now: its options, no results yet.
    pub fn started(
        opts: &super::BatchOptions,
        started_at: String,
        notes: Vec<String>,
    ) -> RunReport {
        RunReport {
            report_version: REPORT_VERSION.to_string(),
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
        }
    }
}

/// The current time as RFC 3339 UTC with milliseconds.
pub fn now_rfc3339() -> String {
    humantime::format_rfc3339_millis(std::time::SystemTime::now()).to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn status_follows_failures_and_abort() {
        let mut r = RunReport {
            report_version: REPORT_VERSION.into(),
            styrdok_version: "0".into(),
            input: "d".into(),
            out: "o".into(),
            shard: None,
            jobs: 1,
            started_at: now_rfc3339(),
            finished_at: now_rfc3339(),
            status: RunStatus::Complete,
            exit_code: 0,
            abort_reason: None,
            notes: vec![],
            counts: Counts::default(),
            totals: Totals::default(),
            timings: Timings::default(),
            failures: vec![],
            skipped: vec![],
            signal: None,
            warnings: vec![],
            corrections: vec![],
        };
        r.conclude();
        assert_eq!((r.status, r.exit_code), (RunStatus::Complete, 0));
        r.failures.push(Failure {
            path: "x".into(),
            sha256: None,
            stage: "read".into(),
            reason: "gone".into(),
            cached: false,
        });
        r.conclude();
        assert_eq!(
            (r.status, r.exit_code, r.counts.failed),
            (RunStatus::SomeFailed, 1, 1)
        );
        r.abort_reason = Some("disk full".into());
        r.conclude();
        assert_eq!((r.status, r.exit_code), (RunStatus::Aborted, 2));
        r.signal = Some(15);
        r.conclude();
        assert_eq!((r.status, r.exit_code), (RunStatus::Interrupted, 143));
    }
}
