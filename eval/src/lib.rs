//! How well styrdok works, measured outside the library so that the library's imports only go down the
//! pipeline: repair against stripped and OCR'd text ([`repair`]), detection against gold written by
//! reading the documents ([`detect`]), linking against gold links ([`link`]), with one definition of the
//! error rates they share ([`error_rate`]). The programs in `eval/examples/` print the figures
//! (`cargo run --release -p styrdok-eval --example repair_eval`, `detect_eval`, `link_eval`) and the
//! tests of the main crate assert their floors.

pub mod detect;
pub mod error_rate;
pub mod link;
pub mod repair;

use std::path::{Path, PathBuf};

/// The repository's root, where `fixtures/` and `data/` are: the parent of this crate's folder.
pub fn repo_root() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .parent()
        .expect("the evaluation crate lies in a folder of the repository")
}

/// The repository's `fixtures/` folder.
pub fn fixtures() -> PathBuf {
    repo_root().join("fixtures")
}
