//! OCR: scanned pages — PDF pages without a text layer and PNG, JPEG or (multi-page) TIFF images — read by
//! the Tesseract program with the Swedish model (`swe`), so scans enter the pipeline as lines with page,
//! position and a confidence for every word.
//!
//! Each page is one `tesseract` process (with `OMP_THREAD_LIMIT=1`, since Tesseract's own threads only
//! fight the page-level parallelism), run on a bounded number of worker threads, each process with a time
//! budget after which it is killed. PDF pages are rasterized by poppler's `pdftoppm` to grayscale PGM
//! (uncompressed: writing PNG took six times as long, 3.3 s against 0.5 s a page in `scripts/bench_ocr.sh`). Everything temporary lives in a
//! private directory that is removed when the document is done.

mod image;
mod process;
mod tsv;

pub use image::{inspect, ImageError, ImageInfo, ImageKind};
pub use process::check_tesseract;
pub use tsv::lines_from_tsv;

use super::{source_of, IngestError, Input};
use crate::limit::{Exceeds, Limit};
use crate::model::{Diagnostic, Format, RawDocument, RawLine};
use std::path::{Path, PathBuf};
use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Mutex;
use std::time::Duration;

/// Time `tesseract --list-langs` may take at least, whatever the page budget.
const CHECK_BUDGET: Duration = Duration::from_secs(30);

/// How scans are recognised.
#[derive(Clone, Debug)]
pub struct OcrOptions {
    /// Off reads only text layers: scanned pages stay listed in `needs_ocr` and images are refused.
    pub enabled: bool,
    /// Tesseract models joined by `+`. `swe` alone: adding `eng` made Tesseract drop the diacritics of
    /// whole lines ("fran regionfullmaktige", "Malbild"), the very damage the wrong model does, and was
    /// slower (`scripts/bench_ocr.sh`); the few English terms in the plans are read fine by `swe`.
    pub languages: String,
    /// Resolution PDF pages are rasterized at; also assumed for images that do not state theirs.
    pub dpi: u32,
    /// Time one page may take in one program (rasterizing, recognising) before it is killed.
    pub page_timeout: Duration,
    /// Pages recognised at once; 0 means one per available core.
    pub jobs: usize,
    pub tesseract: PathBuf,
    pub pdftoppm: PathBuf,
    pub pdfinfo: PathBuf,
}

impl Default for OcrOptions {
    fn default() -> Self {
        OcrOptions {
            enabled: true,
            languages: "swe".into(),
            dpi: 300,
            page_timeout: Duration::from_secs(180),
            jobs: 0,
            tesseract: "tesseract".into(),
            pdftoppm: "pdftoppm".into(),
            pdfinfo: "pdfinfo".into(),
        }
    }
}

impl OcrOptions {
    fn workers(&self, pages: usize) -> usize {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        let wanted = if self.jobs == 0 { cores } else { self.jobs };
        wanted.clamp(1, pages.max(1))
    }
}

/// Why OCR could not run or a page could not be read.
#[derive(Debug, thiserror::Error)]
pub enum OcrError {
    #[error("OCR is not available: {reason}; install the Debian package(s): {packages}")]
    Unavailable { reason: String, packages: String },
    #[error("page {page}: {tool} took more than {seconds} s and was stopped")]
    Timeout {
        page: u32,
        tool: &'static str,
        seconds: f32,
    },
    #[error("page {page}: {tool} failed: {message}")]
    Failed {
        page: u32,
        tool: &'static str,
        message: String,
    },
    /// Reading, writing or starting something failed; `what` says which, the source is the cause.
    #[error("OCR: {what}: {source}")]
    Io {
        what: String,
        #[source]
        source: std::io::Error,
    },
    #[error("{0}")]
    Invalid(String),
}

impl OcrError {
    /// An input or output error while doing `what`.
    pub fn io(what: impl Into<String>) -> impl FnOnce(std::io::Error) -> OcrError {
        let what = what.into();
        move |source| OcrError::Io { what, source }
    }
}

impl Exceeds for OcrError {
    fn exceeded(&self) -> Option<Limit> {
        matches!(self, OcrError::Timeout { .. }).then_some(Limit::OcrPageTime)
    }
}

impl From<OcrError> for IngestError {
    fn from(e: OcrError) -> Self {
        match e {
            OcrError::Unavailable { .. } => IngestError::OcrUnavailable(e),
            other => IngestError::Ocr(other),
        }
    }
}

/// The recognised pages: lines in page order, what went wrong on single pages, and those pages.
#[derive(Debug, Default)]
pub struct OcrOutput {
    pub lines: Vec<RawLine>,
    pub diagnostics: Vec<Diagnostic>,
    /// Pages (1-based) that could not be recognised; their errors are in `diagnostics`.
    pub failed_pages: Vec<u32>,
    /// The first page error, kept so a document with no readable page can fail with it.
    pub first_error: Option<OcrError>,
}

/// One page to recognise: how to get its image, and at what resolution it is.
struct PageJob {
    page: u32,
    source: PageSource,
    dpi: f32,
}

enum PageSource {
    /// Page `page` of the PDF at this path, rasterized first.
    Pdf(PathBuf),
    /// An image file; `Some(i)` selects the 0-based page of a multi-page TIFF.
    Image(PathBuf, Option<usize>),
}

/// Recognises the given 1-based pages of a PDF (those without a text layer).
pub fn ocr_pdf_pages(
    input: &Input,
    pages: &[u32],
    opts: &OcrOptions,
) -> Result<OcrOutput, OcrError> {
    check_tesseract(
        &opts.tesseract,
        &opts.languages,
        opts.page_timeout.max(CHECK_BUDGET),
    )?;
    let scratch = scratch_dir()?;
    let pdf = scratch.path().join("input.pdf");
    std::fs::write(&pdf, &input.bytes).map_err(OcrError::io("cannot write the PDF to scan"))?;
    let jobs = pages
        .iter()
        .map(|&page| PageJob {
            page,
            source: PageSource::Pdf(pdf.clone()),
            dpi: opts.dpi as f32,
        })
        .collect();
    Ok(run_pages(jobs, scratch.path(), opts))
}

/// OCRs the pages a PDF ingester listed in `raw.needs_ocr` and merges their lines in page order, in place
/// of whatever text layer such a page had; pages that fail stay in `needs_ocr` (the clean stage reports
/// them) with the reason in the diagnostics.
pub fn ocr_needed_pages(
    raw: &mut RawDocument,
    input: &Input,
    opts: &OcrOptions,
) -> Result<(), OcrError> {
    if raw.needs_ocr.is_empty() {
        return Ok(());
    }
    let out = ocr_pdf_pages(input, &raw.needs_ocr, opts)?;
    // A page OCR read is taken from OCR alone: the part of its text layer that could be mapped (a page
    // whose fonts mostly have no Unicode meaning) would otherwise be read twice.
    let read: Vec<u32> = raw
        .needs_ocr
        .iter()
        .copied()
        .filter(|p| !out.failed_pages.contains(p))
        .collect();
    let on_read = |page: Option<u32>| page.is_some_and(|p| read.contains(&p));
    raw.lines.retain(|l| !on_read(l.page));
    raw.tables.retain(|t| !on_read(t.prov.page));
    raw.lines = merge_by_page(std::mem::take(&mut raw.lines), out.lines);
    raw.needs_ocr = out.failed_pages;
    raw.diagnostics.extend(out.diagnostics);
    Ok(())
}

/// Puts recognised pages between the text-layer pages they were missing from; both lists are in page order.
fn merge_by_page(lines: Vec<RawLine>, ocr_lines: Vec<RawLine>) -> Vec<RawLine> {
    let mut merged = Vec::with_capacity(lines.len() + ocr_lines.len());
    let mut ocr_lines = ocr_lines.into_iter().peekable();
    for line in lines {
        let page = line.page.unwrap_or(u32::MAX);
        while let Some(l) = ocr_lines.next_if(|l| l.page.unwrap_or(0) < page) {
            merged.push(l);
        }
        merged.push(line);
    }
    merged.extend(ocr_lines);
    merged
}

/// Reads a PDF that is all scans (no page has a text layer): every page is recognised.
pub fn ingest_scanned_pdf(input: &Input, opts: &OcrOptions) -> Result<RawDocument, IngestError> {
    let page_count = pdf_page_count(input, opts)?;
    let pages: Vec<u32> = (1..=page_count).collect();
    let mut out = ocr_pdf_pages(input, &pages, opts)?;
    if out.failed_pages.len() == pages.len() {
        return Err(out.first_error.take().map_or(
            IngestError::Invalid("no page could be recognised".into()),
            Into::into,
        ));
    }
    Ok(RawDocument {
        source: source_of(input, Format::Pdf),
        lines: out.lines,
        page_count: Some(page_count),
        tables: vec![],
        furniture: vec![],
        diagnostics: out.diagnostics,
        needs_ocr: out.failed_pages,
    })
}

/// Reads a PNG, JPEG or TIFF scan: each page of the image is recognised.
pub fn ingest_image(
    input: &Input,
    kind: ImageKind,
    opts: &OcrOptions,
) -> Result<RawDocument, IngestError> {
    let info = inspect(kind, &input.bytes)?;
    check_tesseract(
        &opts.tesseract,
        &opts.languages,
        opts.page_timeout.max(CHECK_BUDGET),
    )?;
    let scratch = scratch_dir()?;
    let file = scratch.path().join(format!("input.{}", kind.extension()));
    std::fs::write(&file, &input.bytes).map_err(OcrError::io("cannot write the image to scan"))?;
    let mut diagnostics = Vec::new();
    let multi = info.page_dpi.len() > 1;
    let jobs = info
        .page_dpi
        .iter()
        .enumerate()
        .map(|(i, dpi)| {
            let page = i as u32 + 1;
            let dpi = dpi.unwrap_or_else(|| {
                diagnostics.push(
                    Diagnostic::info(
                        "ocr.resolution_unknown",
                        format!("the image states no resolution; {} dpi assumed", opts.dpi),
                    )
                    .with_page(Some(page)),
                );
                opts.dpi as f32
            });
            PageJob {
                page,
                source: PageSource::Image(file.clone(), multi.then_some(i)),
                dpi,
            }
        })
        .collect();
    let mut out = run_pages(jobs, scratch.path(), opts);
    if out.failed_pages.len() == info.page_dpi.len() {
        return Err(out.first_error.take().map_or(
            IngestError::Invalid("no page could be recognised".into()),
            Into::into,
        ));
    }
    diagnostics.append(&mut out.diagnostics);
    Ok(RawDocument {
        source: source_of(input, Format::Image),
        lines: out.lines,
        page_count: Some(info.page_dpi.len() as u32),
        tables: vec![],
        furniture: vec![],
        diagnostics,
        needs_ocr: out.failed_pages,
    })
}

/// The start of the names of OCR scratch folders: `styrdok-ocr-<pid>-`, so that an interrupted run can
/// remove its own folders and no other process's.
pub fn scratch_prefix() -> String {
    format!("styrdok-ocr-{}-", std::process::id())
}

fn scratch_dir() -> Result<tempfile::TempDir, OcrError> {
    tempfile::Builder::new()
        .prefix(&scratch_prefix())
        .tempdir()
        .map_err(OcrError::io("cannot make a temporary folder"))
}

/// Asks `pdfinfo` how many pages a PDF has.
fn pdf_page_count(input: &Input, opts: &OcrOptions) -> Result<u32, IngestError> {
    let scratch = scratch_dir()?;
    let pdf = scratch.path().join("input.pdf");
    std::fs::write(&pdf, &input.bytes).map_err(OcrError::io("cannot write the PDF to count"))?;
    let mut cmd = Command::new(&opts.pdfinfo);
    cmd.arg(&pdf);
    let out = process::run(cmd, "pdfinfo", 0, scratch.path(), CHECK_BUDGET)
        .map_err(IngestError::PdfInfo)?;
    String::from_utf8_lossy(&out.stdout)
        .lines()
        .find_map(|l| l.strip_prefix("Pages:"))
        .and_then(|n| n.trim().parse::<u32>().ok())
        .filter(|&n| n > 0)
        .ok_or_else(|| IngestError::Invalid("pdfinfo reports no pages".into()))
}

type PageResult = Result<Vec<RawLine>, OcrError>;

/// Recognises the pages on a bounded pool of threads and puts the results back in page order.
fn run_pages(jobs: Vec<PageJob>, scratch: &Path, opts: &OcrOptions) -> OcrOutput {
    let next = AtomicUsize::new(0);
    let results: Mutex<Vec<Option<PageResult>>> =
        Mutex::new((0..jobs.len()).map(|_| None).collect());
    std::thread::scope(|s| {
        for _ in 0..opts.workers(jobs.len()) {
            s.spawn(|| loop {
                let i = next.fetch_add(1, Ordering::Relaxed);
                let Some(job) = jobs.get(i) else { break };
                let result = ocr_page(job, scratch, opts);
                if let Ok(mut slots) = results.lock() {
                    if let Some(slot) = slots.get_mut(i) {
                        *slot = Some(result);
                    }
                }
            });
        }
    });
    let results = results.into_inner().unwrap_or_else(|p| p.into_inner());
    let mut out = OcrOutput::default();
    for (job, result) in jobs.iter().zip(results) {
        match result {
            Some(Ok(lines)) => out.lines.extend(lines),
            Some(Err(e)) => {
                out.diagnostics.push(
                    Diagnostic::warning("ocr.page_failed", e.to_string()).with_page(Some(job.page)),
                );
                out.failed_pages.push(job.page);
                out.first_error.get_or_insert(e);
            }
            None => out.failed_pages.push(job.page),
        }
    }
    out
}

/// Rasterizes (for a PDF page) and recognises one page.
fn ocr_page(job: &PageJob, scratch: &Path, opts: &OcrOptions) -> Result<Vec<RawLine>, OcrError> {
    let page = job.page;
    let (image, tiff_page, rendered) = match &job.source {
        PageSource::Pdf(pdf) => {
            let base = scratch.join(format!("page-{page}"));
            let mut cmd = Command::new(&opts.pdftoppm);
            cmd.arg("-r")
                .arg(opts.dpi.to_string())
                .arg("-gray")
                .args(["-f", &page.to_string(), "-l", &page.to_string()])
                .arg("-singlefile")
                .arg(pdf)
                .arg(&base);
            process::run(cmd, "pdftoppm", page, scratch, opts.page_timeout)?;
            (base.with_extension("pgm"), None, true)
        }
        PageSource::Image(path, tiff_page) => (path.clone(), *tiff_page, false),
    };
    let out_base = scratch.join(format!("ocr-{page}"));
    let mut cmd = Command::new(&opts.tesseract);
    cmd.env("OMP_THREAD_LIMIT", "1")
        .arg(&image)
        .arg(&out_base)
        .args(["-l", &opts.languages])
        .args(["--dpi", &format!("{}", job.dpi.round() as u32)]);
    if let Some(i) = tiff_page {
        cmd.args(["-c", &format!("tessedit_page_number={i}")]);
    }
    cmd.arg("tsv");
    let result = process::run(cmd, "tesseract", page, scratch, opts.page_timeout);
    if rendered {
        // A 300 dpi page is some 9 MB; drop it now rather than when the whole document is done.
        let _ = std::fs::remove_file(&image);
    }
    result?;
    let tsv_path = out_base.with_extension("tsv");
    let tsv = std::fs::read(&tsv_path).map_err(OcrError::io(format!("page {page}")))?;
    let _ = std::fs::remove_file(&tsv_path);
    Ok(lines_from_tsv(
        &String::from_utf8_lossy(&tsv),
        page,
        job.dpi,
    ))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn recognised_pages_go_between_the_text_pages() {
        let text = vec![
            RawLine::plain("a1", Some(1)),
            RawLine::plain("a3", Some(3)),
            RawLine::plain("b3", Some(3)),
        ];
        let ocr = vec![
            RawLine::plain("o2", Some(2)),
            RawLine::plain("p2", Some(2)),
            RawLine::plain("o4", Some(4)),
        ];
        let order: Vec<String> = merge_by_page(text, ocr)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(order, vec!["a1", "o2", "p2", "a3", "b3", "o4"]);
    }

    #[test]
    fn workers_are_bounded_by_pages_and_at_least_one() {
        let mut o = OcrOptions {
            jobs: 4,
            ..OcrOptions::default()
        };
        assert_eq!(o.workers(2), 2);
        assert_eq!(o.workers(10), 4);
        assert_eq!(o.workers(0), 1);
        o.jobs = 0;
        assert!(o.workers(64) >= 1);
    }

    #[test]
    fn unavailable_becomes_its_own_ingest_error() {
        let e: IngestError = OcrError::Unavailable {
            reason: "x".into(),
            packages: "tesseract-ocr".into(),
        }
        .into();
        assert!(matches!(e, IngestError::OcrUnavailable(_)));
        let e: IngestError = OcrError::Invalid("x".into()).into();
        assert!(matches!(e, IngestError::Ocr(_)));
    }
}
