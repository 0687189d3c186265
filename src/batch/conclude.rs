//! The end of a run, whatever stopped it: a signal or an error noted in the report, the warnings
//! shown, the report written, and the review pages when the dataset was rebuilt.

use super::error::RunError;
use super::report::{self, RunReport, Warning};
use super::{interrupt, Run};
use crate::emit;
use std::time::Instant;

impl Run<'_> {
    /// Concludes the report from the steps' `outcome`, writes it and the review pages, and hands it
    /// back.
    pub(super) fn conclude(mut self, outcome: Result<(), RunError>, started: Instant) -> RunReport {
        if let Some(signal) = interrupt::requested() {
            // Programs still running would write into scratch folders about to go.
            interrupt::end_children();
            let removed = interrupt::remove_scratch();
            self.report.signal = Some(signal);
            self.report.warnings.push(Warning {
                code: "interrupted".into(),
                path: None,
                document: None,
                message: format!(
                    "stopped by {}; {removed} OCR scratch folder(s) removed; the next run resumes",
                    interrupt::signal_name(signal)
                ),
            });
        } else if let Err(reason) = outcome {
            self.report.abort_reason = Some(reason.to_string());
        }
        for w in &self.report.warnings {
            let message = match &w.path {
                Some(path) => format!("{path}: {}", w.message),
                None => w.message.clone(),
            };
            self.progress.warn(&message);
        }
        self.report.conclude();
        self.report.timings.total = started.elapsed().as_secs_f64();
        self.report.finished_at = report::now_rfc3339();
        let report_path = self.layout.report.to_string_lossy().into_owned();
        if let Err(e) = emit::write_atomic(&self.layout.report, self.report.to_json().as_bytes()) {
            self.report.abort_reason = Some(format!("cannot write {report_path}: {e}"));
            self.report.conclude();
        }
        let review_missing = !self.layout.root.join("review").join("index.html").exists();
        if self.opts.review
            && self.opts.shard.is_none()
            && self.report.signal.is_none()
            && self.report.abort_reason.is_none()
            && (self.dataset_built || review_missing)
        {
            let review_opts = crate::review::ReviewOptions {
                corrections: self.corrections.clone(),
            };
            match crate::review::write_review(&self.layout.root, &review_opts) {
                Ok(summary) => {
                    for (name, reason) in summary.unreadable {
                        self.progress.note(&format!("review: {name}: {reason}"));
                    }
                }
                Err(e) => self.progress.note(&format!("review not written: {e}")),
            }
        }
        self.progress.finish(&self.report, &report_path);
        self.report
    }
}
