//! Emit: the document as JSON that validates against `schemas/`, written so that no reader ever sees a
//! partial file (temporary file, fsync, rename).

pub mod schema;

use crate::model::Document;
use std::io::{BufWriter, Write};
use std::path::{Path, PathBuf};

/// The document as pretty-printed JSON.
pub fn to_json(doc: &Document) -> String {
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Writes bytes to `path` atomically: a temporary file in the same folder, flushed to disk, then renamed
/// over the target. A crash leaves either the old file or the new one, never a torn one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    put_bytes(path, bytes, true)
}

/// [`write_atomic`], with the wait for the disk only when `sync` is set.
fn put_bytes(path: &Path, bytes: &[u8], sync: bool) -> std::io::Result<()> {
    let mut w = AtomicWriter::create(path)?;
    w.write_all(bytes)?;
    w.put(sync)
}

/// A file written as a stream into a temporary file beside its target and renamed over it by
/// [`AtomicWriter::commit`]: a file of any size is written in little memory, and one dropped before its
/// commit (an error, a kill) leaves the old file or none, never a torn one.
pub struct AtomicWriter {
    path: PathBuf,
    out: BufWriter<tempfile::NamedTempFile>,
}

impl AtomicWriter {
    pub fn create(path: &Path) -> std::io::Result<AtomicWriter> {
        let dir = path
            .parent()
            .filter(|p| !p.as_os_str().is_empty())
            .unwrap_or(Path::new("."));
        std::fs::create_dir_all(dir)?;
        let tmp = tempfile::NamedTempFile::new_in(dir)?;
        // Temporary files are created private (0600); outputs are for every reader of the folder.
        #[cfg(unix)]
        {
            use std::os::unix::fs::PermissionsExt;
            tmp.as_file()
                .set_permissions(std::fs::Permissions::from_mode(0o644))?;
        }
        Ok(AtomicWriter {
            path: path.to_path_buf(),
            out: BufWriter::with_capacity(256 * 1024, tmp),
        })
    }

    /// Flushes the file to disk and renames it into place.
    pub fn commit(self) -> std::io::Result<()> {
        self.put(true)
    }

    /// Renames the file into place without waiting for the disk: complete for every reader and after
    /// a killed process, but durable only once the caller syncs the file system ([`sync_folder`]).
    /// For many files written together, one sync instead of one per file.
    pub fn commit_unsynced(self) -> std::io::Result<()> {
        self.put(false)
    }

    fn put(self, sync: bool) -> std::io::Result<()> {
        let tmp = self.out.into_inner().map_err(|e| e.into_error())?;
        if sync {
            tmp.as_file().sync_all()?;
        }
        tmp.persist(&self.path).map_err(|e| e.error)?;
        Ok(())
    }
}

impl Write for AtomicWriter {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.out.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        self.out.flush()
    }
}

/// Waits until everything written to the file system holding `dir` is on disk.
pub fn sync_folder(dir: &Path) -> std::io::Result<()> {
    let folder = std::fs::File::open(dir)?;
    #[cfg(target_os = "linux")]
    {
        use std::os::fd::AsRawFd;
        // SAFETY: syncfs only reads the descriptor, which `folder` keeps open for the call.
        if unsafe { libc::syncfs(folder.as_raw_fd()) } != 0 {
            return Err(std::io::Error::last_os_error());
        }
    }
    #[cfg(not(target_os = "linux"))]
    folder.sync_all()?;
    Ok(())
}

/// Why a document JSON file could not be read back.
#[derive(Debug, thiserror::Error)]
pub enum ReadError {
    #[error("{0}")]
    Io(#[source] std::io::Error),
    #[error("not a styrdok document JSON: {0}")]
    Json(#[source] serde_json::Error),
}

/// Reads a document JSON file written by [`write_document`].
pub fn read_document(path: &Path) -> Result<Document, ReadError> {
    read_json(path)
}

/// Reads a document JSON file into `T`: the whole [`Document`], or a view of the parts a reader needs
/// (serde skips the others without building them). The bytes are checked as UTF-8 while they are
/// parsed, not in a pass of their own.
pub fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> Result<T, ReadError> {
    let bytes = std::fs::read(path).map_err(ReadError::Io)?;
    serde_json::from_slice(&bytes).map_err(ReadError::Json)
}

/// Writes `DIR/<id>.json` for a document, durably, and returns the path.
pub fn write_document(dir: &Path, doc: &Document) -> std::io::Result<std::path::PathBuf> {
    put_document(dir, doc, true)
}

/// Writes `DIR/<id>.json` for a document like [`write_document`], complete for every reader and after a
/// killed process, but durable only once the caller syncs the folder ([`sync_folder`]): a batch syncs
/// once for all the documents it wrote in a second instead of waiting for the disk after each.
pub fn write_document_unsynced(dir: &Path, doc: &Document) -> std::io::Result<std::path::PathBuf> {
    put_document(dir, doc, false)
}

fn put_document(dir: &Path, doc: &Document, sync: bool) -> std::io::Result<std::path::PathBuf> {
    let path = dir.join(format!("{}.json", doc.id));
    put_bytes(&path, to_json(doc).as_bytes(), sync)?;
    Ok(path)
}
