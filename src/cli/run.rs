//! `styrdok run DIR --out OUT`: every supported file under DIR through the pipeline, into
//! `OUT/documents/<id>.json`. A document that fails is reported and the run goes on.

use super::{report_error, Outcome};
use std::path::PathBuf;
use styrdok::emit;
use styrdok::ingest::Input;
use styrdok::pipeline::{finish, prepare, Options};
use styrdok::repair::{assess, CorpusModel};

#[derive(clap::Args, Debug)]
pub struct Args {
    /// The folder to process (a diarium).
    dir: PathBuf,
    /// Output folder.
    #[arg(long, value_name = "OUT")]
    out: PathBuf,
}

pub fn execute(args: Args) -> Outcome {
    if !args.dir.is_dir() {
        report_error(&args.dir, &"not a folder");
        return Outcome::Unusable;
    }
    let documents = args.out.join("documents");
    if let Err(e) = std::fs::create_dir_all(&documents) {
        report_error(&documents, &format!("cannot create output folder: {e}"));
        return Outcome::Unusable;
    }
    let mut opts = Options::default();
    let mut files: Vec<PathBuf> = walkdir::WalkDir::new(&args.dir)
        .follow_links(false)
        .into_iter()
        .filter_map(Result::ok)
        .filter(|e| e.file_type().is_file())
        .filter(|e| !e.file_name().to_string_lossy().starts_with('.'))
        .map(|e| e.into_path())
        .collect();
    files.sort();
    let (mut ok, mut failed) = (0usize, 0usize);
    // Two passes: read and clean everything, learn the corpus model from the documents that need no
    // repair, then repair and detect with it.
    let prepared: Vec<_> = files
        .iter()
        .map(|f| {
            Input::read(f, &opts.ingest)
                .map_err(Into::into)
                .and_then(|i| prepare(&i, &opts))
        })
        .collect();
    let correct: Vec<_> = prepared
        .iter()
        .filter_map(|p| p.as_ref().ok())
        .filter(|d| !assess(&d.text).any())
        .collect();
    opts.repair.corpus = Some(std::sync::Arc::new(CorpusModel::learn(&correct)));
    for (file, doc) in files.iter().zip(prepared) {
        match doc.map(|d| finish(d, &opts)) {
            Ok(doc) => match emit::write_document(&documents, &doc) {
                Ok(_) => ok += 1,
                Err(e) => {
                    report_error(&documents, &format!("cannot write output: {e}"));
                    return Outcome::Unusable;
                }
            },
            Err(e) => {
                report_error(file, &e);
                failed += 1;
            }
        }
    }
    eprintln!(
        "{ok} documents written to {}, {failed} failed",
        documents.display()
    );
    if failed > 0 {
        Outcome::SomeFailed
    } else {
        Outcome::Success
    }
}
