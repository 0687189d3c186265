//! DOCX ingestion on arbitrary bytes (seeded with the DOCX fixtures and the broken packages).
#![no_main]

use libfuzzer_sys::fuzz_target;
use styrdok::ingest::{docx::ingest_docx, IngestOptions, Input};

fuzz_target!(|data: &[u8]| {
    let input = Input { path: "fuzz.docx".into(), bytes: data.to_vec() };
    let _ = ingest_docx(&input, &IngestOptions::default());
});
