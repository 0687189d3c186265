//! Helpers shared by the integration tests: paths of the bundled fixtures and a one-call extract.
#![allow(dead_code)]

use std::path::PathBuf;
use styrdok::model::{Document, Uppdrag};
use styrdok::pipeline::{extract_path, Options};

pub fn fixture(rel: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("fixtures")
        .join(rel)
}

pub const PLAN_2026: &str = "seeds/hsn-verksamhetsplan-2026.txt";
pub const PLAN_2024_OCR: &str = "seeds/hsn-verksamhetsplan-2024-ocr.txt";
pub const REPORT_2024: &str = "seeds/hsn-verksamhetsberattelse-2024.txt";

/// Copies the fixture folder `rel` (e.g. the bundled diarium) into `dest`, keeping its layout.
pub fn copy_fixture_tree(rel: &str, dest: &std::path::Path) {
    let root = fixture(rel);
    for entry in walkdir::WalkDir::new(&root) {
        let entry = entry.expect("walk");
        let target = dest.join(entry.path().strip_prefix(&root).expect("inside"));
        if entry.file_type().is_dir() {
            std::fs::create_dir_all(&target).expect("mkdir");
        } else {
            std::fs::copy(entry.path(), &target).expect("copy");
        }
    }
}

pub fn extract(rel: &str) -> Document {
    extract_path(&fixture(rel), &Options::default()).unwrap_or_else(|e| panic!("{rel}: {e}"))
}

pub fn uppdrag<'a>(doc: &'a Document, key: &str) -> &'a Uppdrag {
    doc.uppdrag
        .iter()
        .find(|u| u.key == key)
        .unwrap_or_else(|| panic!("no uppdrag {key}"))
}

/// Asserts that the document's uppdrag are exactly `expected` (key, first words of the raw text), in order.
pub fn assert_uppdrag(doc: &Document, expected: &[(&str, &str)]) {
    let keys: Vec<&str> = doc.uppdrag.iter().map(|u| u.key.as_str()).collect();
    let want: Vec<&str> = expected.iter().map(|(k, _)| *k).collect();
    assert_eq!(keys, want, "uppdrag keys of {}", doc.source.path);
    for (u, (key, start)) in doc.uppdrag.iter().zip(expected) {
        assert!(
            u.text_raw.starts_with(start),
            "{key}: text_raw {:?} does not start with {start:?}",
            u.text_raw
        );
    }
}
