//! Compiles data kept as text (which can be read and diffed) into the `fst` maps the binary embeds and
//! reads in place: the context model's counts (`data/context/sv.tsv`, read by
//! `src/repair/context_model.rs`) and the set of the frequency list's forms (`data/wordfreq/sv.tsv`, read by
//! `src/repair/lexicon.rs` for the line-end joins of correctly written text).

use std::env;
use std::fs;
use std::path::Path;

fn main() {
    context_model();
    listed_forms();
}

fn out_dir() -> std::path::PathBuf {
    Path::new(&env::var("OUT_DIR").expect("cargo sets OUT_DIR")).to_path_buf()
}

/// The forms of the frequency list with a frequency above zero, as an `fst` set.
fn listed_forms() {
    let source = "data/wordfreq/sv.tsv";
    println!("cargo:rerun-if-changed={source}");
    let text = fs::read_to_string(source).expect("the frequency list is part of the source");
    let mut forms: Vec<&str> = text
        .lines()
        .filter_map(|line| line.split_once('\t'))
        .filter(|(_, zipf)| zipf.trim().parse::<u16>().is_ok_and(|z| z > 0))
        .map(|(word, _)| word)
        .collect();
    forms.sort_unstable_by(|a, b| a.as_bytes().cmp(b.as_bytes()));
    forms.dedup();
    let set = fst::Set::from_iter(forms).expect("sorted, distinct forms");
    fs::write(out_dir().join("listed_forms.fst"), set.as_fst().as_bytes())
        .expect("OUT_DIR is writable");
}

fn context_model() {
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
    let out = out_dir().join("context_sv.fst");
    let map = fst::Map::from_iter(entries).expect("sorted, distinct keys");
    fs::write(out, map.as_fst().as_bytes()).expect("OUT_DIR is writable");
}
