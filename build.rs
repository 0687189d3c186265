//! Compiles the context model's counts (`data/context/sv.tsv`, text that can be read and diffed) into the
//! `fst` map that `src/repair/context_model.rs` embeds and reads in place.

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    let source = "data/context/sv.tsv";
    println!("cargo:rerun-if-changed={source}");
    println!("cargo:rerun-if-changed=build.rs");
    // Without the counts (while scripts/build-context-model.sh makes them anew) the map is empty and
    // the model says nothing.
    let text = fs::read_to_string(source).unwrap_or_else(|_| {
        println!("cargo:warning={source} is missing: the repair's context model is empty");
        String::new()
    });
    // Key: the line's fields but the last, joined by spaces ("l att stärka"); value: the last field.
    let mut entries: Vec<(String, u64)> = text
        .lines()
        .filter(|line| !line.is_empty())
        .map(|line| {
            let (key, count) = line.rsplit_once('\t').expect("a count ends each line");
            let count = count.parse().expect("a count is a number");
            (key.replace('\t', " "), count)
        })
        .collect();
    entries.sort_unstable_by(|a, b| a.0.as_bytes().cmp(b.0.as_bytes()));
    entries.dedup_by(|a, b| a.0 == b.0);
    let out = Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).join("context_sv.fst");
    let map = fst::Map::from_iter(entries).expect("sorted, distinct keys");
    fs::write(out, map.as_fst().as_bytes()).expect("OUT_DIR is writable");
}
