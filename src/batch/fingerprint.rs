//! The options fingerprint: what decides whether an earlier run's result can be reused — the program
//! version, the document schema and every stage option — as the SHA-256 of a stable serialization.
//!
//! The options are spelt out field by field into a serde view and serialized as JSON. Each options
//! struct is taken apart without `..`, so a field added to any stage's options does not compile until
//! it is placed here: no option can change the output without changing the fingerprint. (A `Debug`
//! string would follow new fields by itself, but its format is no promise and can change with the
//! compiler or a dependency, which would silently redo every document.)

use crate::clean::CleanOptions;
use crate::detect::{DetectOptions, Profile};
use crate::digest::sha256_hex;
use crate::ingest::ocr::OcrOptions;
use crate::ingest::IngestOptions;
use crate::model::SCHEMA_VERSION;
use crate::pipeline;
use crate::repair::{Needs, RepairOptions};
use crate::tables::{TableOptions, WordList};
use serde::Serialize;

/// The reusable part of a run's results is keyed by this: 16 hex digits of SHA-256.
pub fn fingerprint(opts: &pipeline::Options) -> String {
    let key = serde_json::to_string(&Key::of(opts)).unwrap_or_default();
    sha256_hex(key.as_bytes())[..16].to_string()
}

#[derive(Serialize)]
struct Key<'a> {
    styrdok: &'static str,
    schema: &'static str,
    ingest: Ingest<'a>,
    clean: Clean,
    repair: Repair,
    detect: Detect<'a>,
    tables: Tables<'a>,
}

impl Key<'_> {
    fn of(opts: &pipeline::Options) -> Key<'_> {
        let pipeline::Options {
            ingest,
            clean,
            repair,
            detect,
            tables,
        } = opts;
        Key {
            styrdok: env!("CARGO_PKG_VERSION"),
            schema: SCHEMA_VERSION,
            ingest: Ingest::of(ingest),
            clean: Clean::of(clean),
            repair: Repair::of(repair),
            detect: Detect::of(detect),
            tables: Tables::of(tables),
        }
    }
}

#[derive(Serialize)]
struct Ingest<'a> {
    max_input_bytes: u64,
    max_pages: u32,
    max_decompressed_bytes: u64,
    zip_max_entries: usize,
    zip_max_uncompressed_bytes: u64,
    zip_max_compression_ratio: u64,
    xml_max_depth: usize,
    ocr: Ocr<'a>,
}

impl Ingest<'_> {
    fn of(o: &IngestOptions) -> Ingest<'_> {
        let IngestOptions {
            max_input_bytes,
            max_pages,
            max_decompressed_bytes,
            ocr,
            zip_max_entries,
            zip_max_uncompressed_bytes,
            zip_max_compression_ratio,
            xml_max_depth,
        } = o;
        Ingest {
            max_input_bytes: *max_input_bytes,
            max_pages: *max_pages,
            max_decompressed_bytes: *max_decompressed_bytes,
            zip_max_entries: *zip_max_entries,
            zip_max_uncompressed_bytes: *zip_max_uncompressed_bytes,
            zip_max_compression_ratio: *zip_max_compression_ratio,
            xml_max_depth: *xml_max_depth,
            ocr: Ocr::of(ocr),
        }
    }
}

#[derive(Serialize)]
struct Ocr<'a> {
    enabled: bool,
    languages: &'a str,
    dpi: u32,
    page_timeout_ms: u128,
    jobs: usize,
    tesseract: String,
    pdftoppm: String,
    pdfinfo: String,
}

impl Ocr<'_> {
    fn of(o: &OcrOptions) -> Ocr<'_> {
        let OcrOptions {
            enabled,
            languages,
            dpi,
            page_timeout,
            jobs,
            tesseract,
            pdftoppm,
            pdfinfo,
        } = o;
        Ocr {
            enabled: *enabled,
            languages,
            dpi: *dpi,
            page_timeout_ms: page_timeout.as_millis(),
            jobs: *jobs,
            tesseract: tesseract.to_string_lossy().into_owned(),
            pdftoppm: pdftoppm.to_string_lossy().into_owned(),
            pdfinfo: pdfinfo.to_string_lossy().into_owned(),
        }
    }
}

#[derive(Serialize)]
struct Clean {
    remove_furniture: bool,
}

impl Clean {
    fn of(o: &CleanOptions) -> Clean {
        let CleanOptions { remove_furniture } = o;
        Clean {
            remove_furniture: *remove_furniture,
        }
    }
}

#[derive(Serialize)]
struct Repair {
    enabled: bool,
    threshold: f32,
    /// `None`: decided per document.
    needs: Option<(bool, bool)>,
    suspect_below: f32,
    dehyphenate: bool,
}

impl Repair {
    fn of(o: &RepairOptions) -> Repair {
        // The corpus is not part of the key: a run learns its own from the diarium, and what it was
        // learned from is kept beside the state (`corpus-fingerprint`), so that documents repaired
        // with another corpus are repaired again.
        let RepairOptions {
            enabled,
            corpus: _,
            threshold,
            needs,
            suspect_below,
            dehyphenate,
        } = o;
        Repair {
            enabled: *enabled,
            threshold: *threshold,
            needs: needs.map(|Needs { diacritics, ocr }| (diacritics, ocr)),
            suspect_below: *suspect_below,
            dehyphenate: *dehyphenate,
        }
    }
}

#[derive(Serialize)]
struct Detect<'a> {
    metadata: bool,
    /// The profile the rules are compiled from (`Rules::new` is a function of it).
    profile: &'a Profile,
}

impl Detect<'_> {
    fn of(o: &DetectOptions) -> Detect<'_> {
        let DetectOptions { metadata, rules } = o;
        Detect {
            metadata: *metadata,
            profile: &rules.profile,
        }
    }
}

#[derive(Serialize)]
struct Tables<'a> {
    /// `embedded`, `off`, or the path of a word list file.
    dictionary: String,
    check_sums: bool,
    indicator_columns: &'a crate::detect::IndicatorColumns,
}

impl Tables<'_> {
    fn of(o: &TableOptions) -> Tables<'_> {
        let TableOptions {
            dictionary,
            check_sums,
            indicator_columns,
        } = o;
        Tables {
            dictionary: match dictionary {
                WordList::Embedded => "embedded".to_string(),
                WordList::Off => "off".to_string(),
                WordList::File(path) => format!("file:{}", path.to_string_lossy()),
            },
            check_sums: *check_sums,
            indicator_columns,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_fingerprint_follows_the_options() {
        let a = pipeline::Options::default();
        let mut b = a.clone();
        b.ingest.max_input_bytes += 1;
        let mut c = a.clone();
        c.repair.threshold = 0.9;
        assert_eq!(fingerprint(&a), fingerprint(&a.clone()));
        assert_ne!(fingerprint(&a), fingerprint(&b));
        assert_ne!(fingerprint(&a), fingerprint(&c));
        assert_eq!(fingerprint(&a).len(), 16);
    }
}
