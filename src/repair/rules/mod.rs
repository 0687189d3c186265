//! The hand rules of repair, each in the file of its kind, each named by the id that a change it settled
//! carries in the audit trail (`rule` of a [`crate::model::Repair`]): cues of neighbouring words, grammar,
//! OCR readings that are not spellings, and acronyms learned from the corpus.

pub mod acronym;
pub mod cues;
pub mod grammar;
pub mod ocr;
