//! Emit: the document as JSON that validates against `schemas/`, written so that no reader ever sees a
//! partial file (temporary file, fsync, rename).

pub mod schema;

use crate::model::Document;
use std::io::Write;
use std::path::Path;

/// The document as pretty-printed JSON.
pub fn to_json(doc: &Document) -> String {
    // Serializing plain structs with string keys cannot fail.
    serde_json::to_string_pretty(doc).unwrap_or_else(|e| format!("{{\"error\": \"{e}\"}}"))
}

/// Writes bytes to `path` atomically: a temporary file in the same folder, flushed to disk, then renamed
/// over the target. A crash leaves either the old file or the new one, never a torn one.
pub fn write_atomic(path: &Path, bytes: &[u8]) -> std::io::Result<()> {
    let dir = path
        .parent()
        .filter(|p| !p.as_os_str().is_empty())
        .unwrap_or(Path::new("."));
    std::fs::create_dir_all(dir)?;
    let mut tmp = tempfile::NamedTempFile::new_in(dir)?;
    tmp.write_all(bytes)?;
    // Temporary files are created private (0600); outputs are for every reader of the folder.
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        tmp.as_file()
            .set_permissions(std::fs::Permissions::from_mode(0o644))?;
    }
    tmp.as_file().sync_all()?;
    tmp.persist(path).map_err(|e| e.error)?;
    Ok(())
}

/// Writes `DIR/<id>.json` for a document and returns the path.
pub fn write_document(dir: &Path, doc: &Document) -> std::io::Result<std::path::PathBuf> {
    let path = dir.join(format!("{}.json", doc.id));
    write_atomic(&path, to_json(doc).as_bytes())?;
    Ok(path)
}
