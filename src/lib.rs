//! styrdok turns Swedish public-sector governing documents (styrdokument) — plans, reports and interim
//! reports of regions and municipalities — into a clean, linked dataset of their uppdrag, goals and tables.
//!
//! # Steps
//! A document goes through these stages, each a module with one entry function that takes the previous
//! stage's typed output and an options struct:
//!
//! 1. **ingest** — [`ingest::ingest`]: bytes of any supported format (detected from content) into a
//!    [`model::RawDocument`] of lines with page and layout facts.
//! 2. **clean** — [`clean::clean`]: page furniture and export artifacts out of the body, ligatures and
//!    Unicode normalized, the body cut into blocks; gives a [`model::Document`].
//! 3. **repair** — [`repair::repair`]: decides per document and block whether the text lost its å/ä/ö or
//!    carries OCR confusions, restores them from the Swedish Hunspell dictionary, wordfreq frequencies and
//!    the counts of the run's correctly written documents ([`repair::CorpusModel`]), joins words broken at
//!    line ends, and records every change as a [`model::Repair`]; `text` itself is never changed.
//! 4. **detect** — [`detect::detect`]: metadata, goals and uppdrag (with issuer, recipient, goal,
//!    follow-up comment and status) found with pattern rules, each with its provenance.
//! 5. **tables** — [`tables::tables`]: tables (flattened PDF text, tab-cell exports, native tables) and
//!    indicators (styrtal) with Swedish numbers parsed into quantities, and sums checked.
//! 6. **emit** — [`emit::to_json`] and [`emit::write_document`]: JSON that validates against
//!    `schemas/document.schema.json` ([`emit::schema::validate`]), written atomically.
//!
//! 7. **link** — [`link::link`]: the uppdrag of many documents linked across documents and years
//!    (follow-up, continuation, same assignment) and gathered into lineages with stable ids;
//!    [`dataset::write_dataset`] writes them with the uppdrag rows and tables as JSON Lines, CSV, a
//!    Frictionless data package and SQLite.
//!
//! [`pipeline::extract`] runs the steps in order for one input.

pub mod batch;
pub mod clean;
pub mod corrections;
pub mod dataset;
pub mod detect;
pub mod digest;
pub mod emit;
pub mod ingest;
pub mod limit;
pub mod link;
pub mod model;
pub mod pipeline;
pub mod repair;
pub mod review;
pub mod tables;
pub mod text;
