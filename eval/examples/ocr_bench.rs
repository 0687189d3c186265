//! Measures OCR of an image-only PDF: pages per second with a given number of parallel pages and models,
//! and the word error rate against the text layer of the PDF the scan was made from.
//!
//! `cargo run --release -p styrdok-eval --example ocr_bench -- SCAN.pdf TEXT.pdf LANGS JOBS...` (JOBS 0 =
//! every core); `scripts/bench_ocr.sh` builds the inputs and runs it.

use std::process::Command;
use std::time::Instant;
use styrdok::ingest::ocr::{ingest_scanned_pdf, OcrOptions};
use styrdok::ingest::{IngestOptions, Input};
use styrdok_eval::error_rate::error_rate;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [scan, text, langs, jobs @ ..] = args.as_slice() else {
        return Err("usage: ocr_bench SCAN.pdf TEXT.pdf LANGS JOBS...".into());
    };
    let input = Input::read(scan.as_ref(), &IngestOptions::default())?;
    let reference = Command::new("pdftotext")
        .args(["-raw", text, "-"])
        .output()?;
    let reference = String::from_utf8(reference.stdout)?;
    let reference: Vec<&str> = reference.split_whitespace().collect();
    for jobs in jobs {
        let opts = OcrOptions {
            languages: langs.clone(),
            jobs: jobs.parse()?,
            ..OcrOptions::default()
        };
        let started = Instant::now();
        let raw = ingest_scanned_pdf(&input, &opts)?;
        let seconds = started.elapsed().as_secs_f64();
        let pages = raw.page_count.unwrap_or(0);
        let text: Vec<&str> = raw
            .lines
            .iter()
            .flat_map(|l| l.text.split_whitespace())
            .collect();
        let wer = error_rate(&reference, &text);
        let workers = if opts.jobs == 0 {
            std::thread::available_parallelism().map_or(1, |n| n.get())
        } else {
            opts.jobs
        };
        println!(
            "styrdok  langs={langs:<8} parallel pages={workers}  {pages} pages in {seconds:6.1} s = {:5.2} pages/s  WER {:.2} % of {} words",
            pages as f64 / seconds,
            wer * 100.0,
            reference.len()
        );
    }
    Ok(())
}
