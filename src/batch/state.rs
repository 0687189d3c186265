//! The state store in `OUT/.state/store.sqlite`: what earlier runs already did, so a run does only new
//! work.
//!
//! Why SQLite and not a manifest file: results arrive one document at a time from parallel workers,
//! and each must become durable without rewriting a 10,000-entry manifest each time (quadratic) or
//! inventing a journal format with its own torn-tail rules. SQLite in WAL mode gives atomic, cheap
//! small transactions that survive `kill -9` at any instruction, and indexed lookups. The store is only
//! a cache of work done: the document files are the truth, so a store that is lost or unreadable is
//! rebuilt empty and the run simply does more work.
//!
//! Two tables, read by point lookups. `files` remembers each path's size, times and inode with its SHA-256, so an unchanged
//! file is not even read again. `documents` remembers, per content hash and pipeline fingerprint
//! (version and options), the outcome: written under which id and from which path, or the failure
//! that the same bytes with the same pipeline will fail with again.

use super::walk::FileStat;
use rusqlite::{params, Connection, OptionalExtension};
use std::path::{Path, PathBuf};

#[derive(Debug, thiserror::Error)]
pub enum StateError {
    #[error("state store {path}: {source}")]
    Sqlite {
        path: PathBuf,
        source: rusqlite::Error,
    },
    #[error("state store {path} is damaged: {detail}")]
    Corrupt { path: PathBuf, detail: String },
}

/// What the store knows of a path.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct KnownFile {
    pub stat: FileStat,
    pub sha256: String,
}

/// The recorded outcome of one content hash under the current fingerprint.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Outcome {
    Written {
        id: String,
        path: String,
        pages: u64,
    },
    Failed {
        stage: String,
        reason: String,
    },
}

pub struct StateStore {
    conn: Connection,
    path: PathBuf,
    fingerprint: String,
    in_transaction: bool,
}

const SCHEMA: &str = "
    CREATE TABLE IF NOT EXISTS files (
        path TEXT PRIMARY KEY, size INTEGER NOT NULL, mtime_ns INTEGER NOT NULL,
        ctime_ns INTEGER NOT NULL, inode INTEGER NOT NULL, sha256 TEXT NOT NULL);
    CREATE TABLE IF NOT EXISTS documents (
        sha256 TEXT NOT NULL, fingerprint TEXT NOT NULL, status TEXT NOT NULL,
        id TEXT, path TEXT, pages INTEGER, stage TEXT, reason TEXT,
        PRIMARY KEY (sha256, fingerprint));";

impl StateStore {
    /// Opens (or creates) the store; an unreadable store is moved aside and started afresh, and the
    /// returned note says so.
    pub fn open(
        path: &Path,
        fingerprint: &str,
    ) -> Result<(StateStore, Option<String>), StateError> {
        match Self::try_open(path, fingerprint) {
            Ok(store) => Ok((store, None)),
            Err(first) => {
                for suffix in ["", "-wal", "-shm"] {
                    let mut p = path.as_os_str().to_owned();
                    p.push(suffix);
                    let _ = std::fs::remove_file(PathBuf::from(p));
                }
                let store = Self::try_open(path, fingerprint)?;
                Ok((
                    store,
                    Some(format!(
                        "state store was unreadable ({first}); started afresh"
                    )),
                ))
            }
        }
    }

    fn try_open(path: &Path, fingerprint: &str) -> Result<StateStore, StateError> {
        let err = |source| StateError::Sqlite {
            path: path.to_path_buf(),
            source,
        };
        let conn = Connection::open(path).map_err(err)?;
        // WAL with synchronous=NORMAL: a committed transaction survives a process crash; after a power
        // loss the newest ones may be lost, which only means redoing documents (their files are
        // checked before anything is skipped).
        conn.pragma_update(None, "journal_mode", "WAL")
            .map_err(err)?;
        conn.pragma_update(None, "synchronous", "NORMAL")
            .map_err(err)?;
        conn.busy_timeout(std::time::Duration::from_secs(5))
            .map_err(err)?;
        conn.execute_batch(SCHEMA).map_err(err)?;
        // A fixed, small page cache: lookups touch a few pages each, and the OS caches the file.
        conn.pragma_update(None, "cache_size", -1024).map_err(err)?;
        // The table of paths seen in a run goes to a temporary file, not to memory.
        conn.pragma_update(None, "temp_store", "FILE")
            .map_err(err)?;
        conn.execute_batch("CREATE TEMP TABLE IF NOT EXISTS seen (path TEXT PRIMARY KEY)")
            .map_err(err)?;
        let check: String = conn
            .query_row("PRAGMA quick_check", [], |r| r.get(0))
            .map_err(err)?;
        if check != "ok" {
            return Err(StateError::Corrupt {
                path: path.to_path_buf(),
                detail: check,
            });
        }
        Ok(StateStore {
            conn,
            path: path.to_path_buf(),
            fingerprint: fingerprint.to_string(),
            in_transaction: false,
        })
    }

    fn err(&self, source: rusqlite::Error) -> StateError {
        StateError::Sqlite {
            path: self.path.clone(),
            source,
        }
    }

    /// What the store knows of a path. Looked up one at a time rather than loaded whole, so a run's
    /// memory does not grow with the size of the diarium (SQLite's page cache is bounded).
    pub fn known_file(&self, path: &Path) -> Result<Option<KnownFile>, StateError> {
        self.conn
            .prepare_cached(
                "SELECT size, mtime_ns, ctime_ns, inode, sha256 FROM files WHERE path = ?1",
            )
            .and_then(|mut stmt| {
                stmt.query_row([path.to_string_lossy()], |r| {
                    Ok(KnownFile {
                        stat: FileStat {
                            size: r.get::<_, i64>(0)? as u64,
                            mtime_ns: r.get(1)?,
                            ctime_ns: r.get(2)?,
                            inode: r.get::<_, i64>(3)? as u64,
                        },
                        sha256: r.get(4)?,
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// The outcome recorded for a content hash under the current fingerprint.
    pub fn outcome(&self, sha256: &str) -> Result<Option<Outcome>, StateError> {
        self.conn
            .prepare_cached(
                "SELECT status, id, path, pages, stage, reason FROM documents
                 WHERE sha256 = ?1 AND fingerprint = ?2",
            )
            .and_then(|mut stmt| {
                stmt.query_row([sha256, &self.fingerprint], |r| {
                    let status: String = r.get(0)?;
                    Ok(if status == "written" {
                        Outcome::Written {
                            id: r.get::<_, Option<String>>(1)?.unwrap_or_default(),
                            path: r.get::<_, Option<String>>(2)?.unwrap_or_default(),
                            pages: r.get::<_, Option<i64>>(3)?.unwrap_or(0) as u64,
                        }
                    } else {
                        Outcome::Failed {
                            stage: r.get::<_, Option<String>>(4)?.unwrap_or_default(),
                            reason: r.get::<_, Option<String>>(5)?.unwrap_or_default(),
                        }
                    })
                })
                .optional()
            })
            .map_err(|e| self.err(e))
    }

    /// Notes that a path is still in the tree; [`StateStore::forget_unseen`] then drops the others.
    pub fn mark_seen(&mut self, path: &Path) -> Result<(), StateError> {
        self.begin()?;
        self.conn
            .prepare_cached("INSERT OR IGNORE INTO temp.seen (path) VALUES (?1)")
            .and_then(|mut s| s.execute([path.to_string_lossy()]))
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Forgets the files not marked seen in this run (deleted or moved away).
    pub fn forget_unseen(&mut self) -> Result<(), StateError> {
        self.begin()?;
        self.conn
            .execute_batch(
                "DELETE FROM files WHERE path NOT IN (SELECT path FROM temp.seen);
                 DELETE FROM temp.seen;",
            )
            .map_err(|e| self.err(e))
    }

    /// Starts grouping writes into one transaction (many small commits would each cost a sync).
    pub fn begin(&mut self) -> Result<(), StateError> {
        if !self.in_transaction {
            self.conn
                .execute_batch("BEGIN IMMEDIATE")
                .map_err(|e| self.err(e))?;
            self.in_transaction = true;
        }
        Ok(())
    }

    /// Makes the writes so far durable.
    pub fn commit(&mut self) -> Result<(), StateError> {
        if self.in_transaction {
            self.conn.execute_batch("COMMIT").map_err(|e| self.err(e))?;
            self.in_transaction = false;
        }
        Ok(())
    }

    pub fn remember_file(&mut self, path: &Path, known: &KnownFile) -> Result<(), StateError> {
        self.begin()?;
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO files (path, size, mtime_ns, ctime_ns, inode, sha256)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    path.to_string_lossy(),
                    known.stat.size as i64,
                    known.stat.mtime_ns,
                    known.stat.ctime_ns,
                    known.stat.inode as i64,
                    known.sha256
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    pub fn record(&mut self, sha256: &str, outcome: &Outcome) -> Result<(), StateError> {
        self.begin()?;
        let (status, id, path, pages, stage, reason) = match outcome {
            Outcome::Written { id, path, pages } => (
                "written",
                Some(id.as_str()),
                Some(path.as_str()),
                Some(*pages as i64),
                None,
                None,
            ),
            Outcome::Failed { stage, reason } => (
                "failed",
                None,
                None,
                None,
                Some(stage.as_str()),
                Some(reason.as_str()),
            ),
        };
        self.conn
            .prepare_cached(
                "INSERT OR REPLACE INTO documents
                 (sha256, fingerprint, status, id, path, pages, stage, reason)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8)",
            )
            .and_then(|mut s| {
                s.execute(params![
                    sha256,
                    self.fingerprint,
                    status,
                    id,
                    path,
                    pages,
                    stage,
                    reason
                ])
            })
            .map_err(|e| self.err(e))?;
        Ok(())
    }

    /// Drops what older pipeline versions recorded: those outcomes can never be used again.
    pub fn forget_other_fingerprints(&mut self) -> Result<(), StateError> {
        self.begin()?;
        self.conn
            .execute(
                "DELETE FROM documents WHERE fingerprint <> ?1",
                [&self.fingerprint],
            )
            .map_err(|e| self.err(e))?;
        Ok(())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn stat(size: u64) -> FileStat {
        FileStat {
            size,
            mtime_ns: 1,
            ctime_ns: 2,
            inode: 3,
        }
    }

    #[test]
    fn remembers_across_reopen_only_what_was_committed() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("store.sqlite");
        {
            let (mut store, note) = StateStore::open(&db, "v1").expect("open");
            assert!(note.is_none());
            let known = KnownFile {
                stat: stat(10),
                sha256: "ab".into(),
            };
            store
                .remember_file(Path::new("d/a.txt"), &known)
                .expect("file");
            let written = Outcome::Written {
                id: "ab".into(),
                path: "d/a.txt".into(),
                pages: 4,
            };
            store.record("ab", &written).expect("record");
            store.commit().expect("commit");
            store
                .record(
                    "cd",
                    &Outcome::Failed {
                        stage: "ingest".into(),
                        reason: "empty file".into(),
                    },
                )
                .expect("record");
            // Dropped without commit: as if killed.
        }
        let (store, _) = StateStore::open(&db, "v1").expect("reopen");
        let known = store.known_file(Path::new("d/a.txt")).expect("lookup");
        assert_eq!(known.expect("known").stat, stat(10));
        assert!(matches!(
            store.outcome("ab").expect("lookup"),
            Some(Outcome::Written { pages: 4, .. })
        ));
        assert_eq!(store.outcome("cd").expect("lookup"), None);
        drop(store);
        let (other, _) = StateStore::open(&db, "v2").expect("reopen");
        assert_eq!(other.outcome("ab").expect("lookup"), None);
    }

    #[test]
    fn files_not_seen_in_a_run_are_forgotten() {
        let dir = tempfile::tempdir().expect("tempdir");
        let (mut store, _) = StateStore::open(&dir.path().join("s.sqlite"), "v1").expect("open");
        for name in ["kvar.txt", "borta.txt"] {
            let known = KnownFile {
                stat: stat(1),
                sha256: name.into(),
            };
            store.remember_file(Path::new(name), &known).expect("file");
        }
        store.mark_seen(Path::new("kvar.txt")).expect("seen");
        store.forget_unseen().expect("forget");
        store.commit().expect("commit");
        assert!(store
            .known_file(Path::new("kvar.txt"))
            .expect("lookup")
            .is_some());
        assert_eq!(
            store.known_file(Path::new("borta.txt")).expect("lookup"),
            None
        );
    }

    #[test]
    fn an_unreadable_store_is_started_afresh() {
        let dir = tempfile::tempdir().expect("tempdir");
        let db = dir.path().join("store.sqlite");
        std::fs::write(&db, vec![0x42u8; 8192]).expect("garbage");
        let (store, note) = StateStore::open(&db, "v1").expect("open");
        assert!(note.expect("a note").contains("started afresh"));
        assert_eq!(store.known_file(Path::new("a")).expect("lookup"), None);
    }
}
