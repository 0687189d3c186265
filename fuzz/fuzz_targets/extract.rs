//! The whole `extract` (ingest → detect) on arbitrary bytes: whatever the format the content claims to be.
//! OCR is left out: it runs another program, whose own robustness is not under test here.
#![no_main]

use libfuzzer_sys::fuzz_target;
use styrdok::ingest::Input;
use styrdok::pipeline::{extract, Options};

fuzz_target!(|data: &[u8]| {
    let input = Input { path: "fuzz".into(), bytes: data.to_vec() };
    let mut opts = Options::default();
    opts.ingest.ocr.enabled = false;
    let _ = extract(&input, &opts);
});
