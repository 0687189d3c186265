//! Text ingestion, cleaning and detection on arbitrary bytes decoded as text.
#![no_main]

use libfuzzer_sys::fuzz_target;
use styrdok::clean::{clean, CleanOptions};
use styrdok::detect::{detect, DetectOptions};
use styrdok::ingest::{text::ingest_text, Input};

fuzz_target!(|data: &[u8]| {
    let input = Input { path: "fuzz.txt".into(), bytes: data.to_vec() };
    if let Ok(raw) = ingest_text(&input) {
        let doc = detect(clean(raw, &CleanOptions::default()), &DetectOptions::default());
        // Every span must lie on character boundaries of the text it points into.
        for u in &doc.uppdrag {
            assert!(doc.text.get(u.prov.span.start..u.prov.span.end).is_some());
        }
    }
});
