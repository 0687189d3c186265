//! Showing a run as it goes: bars for a person at a terminal, periodic plain lines or JSON lines for
//! cron and log collectors, or nothing. Everything goes to stderr; stdout stays free for pipes.

use super::report::RunReport;
use indicatif::{MultiProgress, ProgressBar, ProgressDrawTarget, ProgressStyle};
use std::io::{IsTerminal, Write};
use std::time::{Duration, Instant};

/// How progress is shown.
#[derive(Clone, Copy, Debug, PartialEq, Eq, clap::ValueEnum)]
pub enum ProgressMode {
    /// Bars when stderr is a terminal, plain log lines otherwise.
    Auto,
    Bars,
    /// A plain line every interval, and one per failed document.
    Log,
    /// One JSON object per line, for log collectors.
    Json,
    /// Nothing but the error that stops a run.
    Quiet,
}

/// Counts of the current phase.
#[derive(Debug)]
struct Phase {
    name: String,
    unit: String,
    total: u64,
    done: u64,
    failed: u64,
    pages: u64,
    started: Instant,
}

impl Phase {
    fn rates(&self) -> (f64, f64, Option<f64>) {
        let secs = self.started.elapsed().as_secs_f64().max(1e-3);
        let per_doc = self.done as f64 / secs;
        let eta = (per_doc > 0.0).then(|| (self.total.saturating_sub(self.done)) as f64 / per_doc);
        (per_doc, self.pages as f64 / secs, eta)
    }
}

pub struct Progress {
    mode: ProgressMode,
    interval: Duration,
    last_line: Instant,
    phase: Option<Phase>,
    bars: Option<(MultiProgress, ProgressBar, Option<ProgressBar>)>,
    /// The file a worker took up last, set by the workers and shown on the bar and in log lines.
    current: std::sync::Arc<std::sync::Mutex<String>>,
}

impl Progress {
    pub fn new(mode: ProgressMode, interval: Duration) -> Progress {
        let mode = match mode {
            ProgressMode::Auto if std::io::stderr().is_terminal() => ProgressMode::Bars,
            ProgressMode::Auto => ProgressMode::Log,
            m => m,
        };
        Progress {
            mode,
            interval,
            last_line: Instant::now(),
            phase: None,
            bars: None,
            current: Default::default(),
        }
    }

    /// Where the workers say which file they are on.
    pub fn current_handle(&self) -> std::sync::Arc<std::sync::Mutex<String>> {
        self.current.clone()
    }

    fn current(&self) -> String {
        self.current.lock().map(|c| c.clone()).unwrap_or_default()
    }

    /// Something a person should know although nothing failed (a document not linked, pages OCR'd).
    pub fn warn(&mut self, message: &str) {
        match self.mode {
            ProgressMode::Json => self.json(&serde_json::json!({
                "event": "warning", "message": message,
            })),
            ProgressMode::Quiet => {}
            _ => match &self.bars {
                Some((multi, _, _)) => {
                    let _ = multi.println(format!("warning: {message}"));
                }
                None => eprintln!("warning: {message}"),
            },
        }
    }

    pub fn mode(&self) -> ProgressMode {
        self.mode
    }

    /// Starts a phase of `total` items (files to hash, documents to extract).
    /// `unit` names the items ("files", "documents"); a pages counter is shown for documents.
    pub fn phase(&mut self, name: &str, total: u64, unit: &str) {
        self.finish_bars(true);
        self.phase = Some(Phase {
            name: name.to_string(),
            unit: unit.to_string(),
            total,
            done: 0,
            failed: 0,
            pages: 0,
            started: Instant::now(),
        });
        match self.mode {
            ProgressMode::Bars if total > 0 => {
                let multi = MultiProgress::with_draw_target(ProgressDrawTarget::stderr());
                let items = multi.add(ProgressBar::new(total));
                items.set_style(style(&format!(
                    "{{prefix:>8}} [{{bar:30}}] {{human_pos}}/{{human_len}} {unit}  {{rate}}  eta {{eta}}  {{wide_msg}}"
                )));
                items.set_prefix(name.to_string());
                items.enable_steady_tick(Duration::from_millis(200));
                // Pages are known only once a document is extracted: a counter with its rate.
                let pages = (unit == "documents").then(|| {
                    let pages = multi.add(ProgressBar::no_length());
                    pages.set_style(style("{prefix:>8} {human_pos} pages  {rate}"));
                    pages
                });
                self.bars = Some((multi, items, pages));
            }
            ProgressMode::Json => self.json(&serde_json::json!({
                "event": "phase", "phase": name, "total": total,
            })),
            _ => {}
        }
    }

    pub fn item_done(&mut self, pages: u64) {
        if let Some(p) = &mut self.phase {
            p.done += 1;
            p.pages += pages;
        }
        if let Some((_, items, page_bar)) = &self.bars {
            items.set_message(self.current());
            items.inc(1);
            if let Some(bar) = page_bar {
                bar.inc(pages);
            }
        }
        self.maybe_line();
    }

    pub fn item_failed(&mut self, path: &str, stage: &str, reason: &str) {
        if let Some(p) = &mut self.phase {
            p.done += 1;
            p.failed += 1;
        }
        match self.mode {
            ProgressMode::Bars => match &self.bars {
                Some((multi, docs, _)) => {
                    docs.inc(1);
                    let _ = multi.println(format!("error: {path}: {stage}: {reason}"));
                }
                None => eprintln!("error: {path}: {stage}: {reason}"),
            },
            ProgressMode::Log => eprintln!("error: {path}: {stage}: {reason}"),
            ProgressMode::Json => self.json(&serde_json::json!({
                "event": "failed", "path": path, "stage": stage, "reason": reason,
            })),
            _ => {}
        }
        self.maybe_line();
    }

    /// Something worth a line of its own (a stale lock taken over, a store started afresh).
    pub fn note(&mut self, message: &str) {
        match self.mode {
            ProgressMode::Json => self.json(&serde_json::json!({
                "event": "note", "message": message,
            })),
            ProgressMode::Quiet => {}
            _ => match &self.bars {
                Some((multi, _, _)) => {
                    let _ = multi.println(format!("note: {message}"));
                }
                None => eprintln!("note: {message}"),
            },
        }
    }

    /// Called periodically by the scheduler: a line when one is due, so a stuck run still shows life.
    pub fn tick(&mut self) {
        if let Some((_, items, _)) = &self.bars {
            items.set_message(self.current());
        }
        self.maybe_line();
    }

    fn maybe_line(&mut self) {
        if !matches!(self.mode, ProgressMode::Log | ProgressMode::Json)
            || self.last_line.elapsed() < self.interval
        {
            return;
        }
        self.last_line = Instant::now();
        self.progress_line();
    }

    fn progress_line(&mut self) {
        let current = self.current();
        let Some(p) = &self.phase else { return };
        let (docs_s, pages_s, eta) = p.rates();
        match self.mode {
            ProgressMode::Json => {
                let v = serde_json::json!({
                    "event": "progress", "phase": p.name, "done": p.done, "total": p.total,
                    "failed": p.failed, "pages": p.pages,
                    "documents_per_s": round2(docs_s), "pages_per_s": round2(pages_s),
                    "eta_s": eta.map(round2), "current": current,
                });
                self.json(&v);
            }
            _ => {
                let pct = if p.total > 0 {
                    100.0 * p.done as f64 / p.total as f64
                } else {
                    100.0
                };
                let eta = eta
                    .map(|s| humantime::format_duration(Duration::from_secs(s.ceil() as u64)))
                    .map(|d| format!(", eta {d}"))
                    .unwrap_or_default();
                let on = if current.is_empty() || p.done >= p.total {
                    String::new()
                } else {
                    format!(", on {current}")
                };
                eprintln!(
                    "{}: {}/{} {} ({pct:.1} %), {} failed, {} pages, {docs_s:.1} {}/s, {pages_s:.1} pages/s{eta}{on}",
                    p.name, p.done, p.total, p.unit, p.failed, p.pages, p.unit
                );
            }
        }
    }

    /// Ends the display: bars finish when every document was processed and are abandoned otherwise,
    /// and one closing summary is given.
    pub fn finish(&mut self, report: &RunReport, report_path: &str) {
        let success = report.exit_code == 0;
        self.finish_bars(success);
        let c = &report.counts;
        match self.mode {
            ProgressMode::Json => self.json(&serde_json::json!({
                "event": "finished", "status": report.status, "exit_code": report.exit_code,
                "counts": c, "totals": report.totals, "seconds": round2(report.timings.total),
                "report": report_path,
            })),
            ProgressMode::Quiet => {}
            _ => {
                if matches!(self.mode, ProgressMode::Log) {
                    self.progress_line();
                }
                eprintln!(
                    "{} documents: {} extracted, {} unchanged, {} relocated, {} failed, {} removed; {} pages; {:.2} s; report: {report_path}",
                    c.documents - c.other_shards,
                    c.extracted,
                    c.unchanged,
                    c.relocated,
                    c.failed,
                    c.removed,
                    report.totals.pages,
                    report.timings.total
                );
            }
        }
    }

    fn finish_bars(&mut self, success: bool) {
        if let Some((_, items, pages)) = self.bars.take() {
            for bar in std::iter::once(items).chain(pages) {
                if success {
                    bar.finish();
                } else {
                    bar.abandon();
                }
            }
        }
    }

    fn json(&self, value: &serde_json::Value) {
        let mut err = std::io::stderr().lock();
        let _ = writeln!(err, "{value}");
    }
}

impl Drop for Progress {
    fn drop(&mut self) {
        // A run that ends by an early return leaves its bars abandoned, not finished.
        self.finish_bars(false);
    }
}

fn style(template: &str) -> ProgressStyle {
    ProgressStyle::with_template(template)
        .unwrap_or_else(|_| ProgressStyle::default_bar())
        .with_key(
            "rate",
            |state: &indicatif::ProgressState, w: &mut dyn std::fmt::Write| {
                let _ = write!(w, "{:.1}/s", state.per_sec());
            },
        )
        .progress_chars("=> ")
}

fn round2(x: f64) -> f64 {
    (x * 100.0).round() / 100.0
}
