//! The remove step of a run: the document files of this shard whose source is gone (deleted, or
//! changed into other bytes).

use super::error::RunError;
use super::layout::sync_dir;
use super::Run;
use std::collections::HashSet;

impl Run<'_> {
    /// Removes the document files of this shard that no current source has.
    pub(super) fn remove_stale(&mut self, keep: &HashSet<String>) -> Result<(), RunError> {
        let entries =
            std::fs::read_dir(&self.layout.documents).map_err(|source| RunError::List {
                path: self.layout.documents.clone(),
                source,
            })?;
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
                std::fs::remove_file(&path).map_err(|source| RunError::Remove {
                    path: path.clone(),
                    source,
                })?;
                self.report.counts.removed += 1;
            }
        }
        sync_dir(&self.layout.documents);
        Ok(())
    }
}
