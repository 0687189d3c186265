//! Counts the words and word pairs of prose for the repair's context model, tokenized as repair tokenizes
//! (`src/repair/context_model.rs`); `scripts/build-context-model.sh` runs it on the prose it extracts from
//! Debian's Swedish documentation packages.
//!
//!   cargo run --release -p styrdok-eval --example context_counts -- OUT.tsv MIN_WORD MIN_PAIR DIR

use std::fs;
use std::io::BufWriter;
use styrdok::repair::context_model::Counts;

fn main() -> std::io::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [out, min_word, min_pair, dir] = args.as_slice() else {
        eprintln!("usage: context_counts OUT.tsv MIN_WORD MIN_PAIR DIR");
        std::process::exit(2);
    };
    let (min_word, min_pair) = (
        min_word.parse().expect("MIN_WORD is a number"),
        min_pair.parse().expect("MIN_PAIR is a number"),
    );
    // The folder's text files, in name order.
    let mut files: Vec<_> = fs::read_dir(dir)?
        .filter_map(Result::ok)
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|x| x == "txt"))
        .collect();
    files.sort();
    let mut counts = Counts::default();
    for file in &files {
        counts.add_text(&fs::read_to_string(file)?);
    }
    eprintln!(
        "{} files, {} blocks ({} left out as another language)",
        files.len(),
        counts.blocks,
        counts.skipped
    );
    counts.write_tsv(
        &mut BufWriter::new(fs::File::create(out)?),
        min_word,
        min_pair,
    )
}
