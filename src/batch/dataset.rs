//! The dataset step of a run: links and the dataset files rebuilt from all current documents
//! (`OUT/documents` after the removals), and the warnings about them — also repeated by a run that has
//! nothing to rebuild, from what the last build left.

use super::error::RunError;
use super::report::Warning;
use super::Run;
use crate::emit;
use std::path::PathBuf;
use std::sync::Arc;

impl Run<'_> {
    /// Links and the dataset files, rebuilt from every document now in `OUT/documents` (new, unchanged
    /// and renamed alike; removed ones are gone). A shard writes documents only: `styrdok link` over the
    /// shards' document folders builds the one dataset.
    pub(super) fn dataset(&mut self) -> Result<(), RunError> {
        let mut paths: Vec<PathBuf> = std::fs::read_dir(&self.layout.documents)
            .map_err(|source| RunError::List {
                path: self.layout.documents.clone(),
                source,
            })?
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
        .map_err(RunError::Dataset)?;
        let unplaced = serde_json::to_vec(&summary.unplaced).unwrap_or_default();
        let unplaced_path = self.layout.state_dir.join("unplaced.json");
        emit::write_atomic(&unplaced_path, &unplaced).map_err(|source| RunError::WriteState {
            path: unplaced_path,
            source,
        })?;
        self.dataset_warnings(summary.unplaced.clone(), summary.corrections.clone());
        // The run wrote these files itself: one it cannot read back is damaged, and the dataset is
        // not complete until the next run has replaced it.
        match summary.unreadable.first() {
            Some((name, reason)) => Err(RunError::Damaged {
                name: name.clone(),
                reason: reason.clone(),
            }),
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
    pub(super) fn remembered_dataset_warnings(&mut self) {
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
}
