//! What a run is asked to do: the folders, the parallelism, the shard, the budgets and every stage's
//! options, kept apart from the run itself so the command line can build them without a run.

use super::progress::ProgressMode;
use crate::limit::Present;
use crate::pipeline;
use std::path::PathBuf;
use std::str::FromStr;
use std::time::Duration;

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

/// A shard that is not `K/N` with `1 <= K <= N`.
#[derive(Debug, thiserror::Error)]
#[error("shard must be K/N with 1 <= K <= N (as in 2/8), not {0:?}")]
pub struct ShardError(String);

impl FromStr for Shard {
    type Err = ShardError;
    fn from_str(s: &str) -> Result<Shard, ShardError> {
        let bad = || ShardError(s.to_string());
        let (k, n) = s.split_once('/').ok_or_else(bad)?;
        let index: u32 = k.trim().parse().map_err(|_| bad())?;
        let count: u32 = n.trim().parse().map_err(|_| bad())?;
        if index == 0 || count == 0 || index > count {
            return Err(bad());
        }
        Ok(Shard { index, count })
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::digest::sha256_hex;

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
}
