//! Where a run keeps what it writes in `OUT`: the documents, the state of earlier runs, the prepared
//! documents between the two halves of the pipeline, and the report; and the small file-system chores
//! that keep the folder complete after a kill.

use std::path::{Path, PathBuf};

/// The files of an output folder.
#[derive(Clone, Debug)]
pub struct OutLayout {
    pub root: PathBuf,
    pub documents: PathBuf,
    pub state_dir: PathBuf,
    pub store: PathBuf,
    pub report: PathBuf,
    /// Documents read and cleaned but not yet finished, one folder per options fingerprint
    /// (`.state/prepared/<fingerprint>/<sha256>.json`).
    pub prepared: PathBuf,
}

impl OutLayout {
    pub fn new(out: &Path) -> OutLayout {
        let state_dir = out.join(".state");
        OutLayout {
            root: out.to_path_buf(),
            documents: out.join("documents"),
            store: state_dir.join("store.sqlite"),
            prepared: state_dir.join("prepared"),
            state_dir,
            report: out.join("run-report.json"),
        }
    }

    /// The file recording which documents the repair corpus was last learned from.
    pub fn corpus_fingerprint(&self) -> PathBuf {
        self.state_dir.join("corpus-fingerprint")
    }
}

/// Removes the temporary files a killed run left in `dir`: never complete, never referenced.
pub fn remove_temp_files(dir: &Path) {
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

/// Makes renames and removals in a folder durable (they live in the folder, not in the files).
pub fn sync_dir(dir: &Path) {
    if let Ok(d) = std::fs::File::open(dir) {
        let _ = d.sync_all();
    }
}
