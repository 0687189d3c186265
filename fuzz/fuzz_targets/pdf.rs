//! PDF ingestion on arbitrary bytes (seeded with the PDF fixtures); OCR is left out, it runs other programs.
#![no_main]

use libfuzzer_sys::fuzz_target;
use styrdok::ingest::{pdf::ingest_pdf, IngestOptions, Input};

fuzz_target!(|data: &[u8]| {
    let input = Input { path: "fuzz.pdf".into(), bytes: data.to_vec() };
    let opts = IngestOptions { max_decompressed_bytes: 64 * 1024 * 1024, ..Default::default() };
    let _ = ingest_pdf(&input, &opts);
});
