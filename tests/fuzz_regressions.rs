//! Inputs the fuzzers found crashing, kept so the crash never comes back: each must give a document or a
//! clean error, never a panic.

use styrdok::ingest::Input;
use styrdok::pipeline::{extract, Options};

#[test]
fn every_fuzz_finding_extracts_or_errs_cleanly() {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("fixtures/fuzz");
    let mut count = 0;
    for entry in std::fs::read_dir(&dir).expect("fixtures/fuzz") {
        let path = entry.expect("entry").path();
        if path.extension().is_some_and(|e| e == "md") {
            continue;
        }
        let input = Input {
            path: path.clone(),
            bytes: std::fs::read(&path).expect("read"),
        };
        let result = std::panic::catch_unwind(|| extract(&input, &Options::default()).map(|_| ()));
        assert!(result.is_ok(), "{} panicked", path.display());
        count += 1;
    }
    assert!(count > 0, "no regression inputs found");
}
