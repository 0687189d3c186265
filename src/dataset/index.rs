//! The first reading of the dataset's documents: what linking needs of each (metadata, uppdrag and
//! goals, not text, pages or tables), and which documents repeat another's uppdrag word for word — the same plan
//! registered twice, or as PDF and as DOCX — so that such a copy is linked through the first of them
//! instead of being compared with every other document again.

use super::{ordered, Documents};
use crate::corrections::Corrections;
use crate::link::{council_rank, duplicate_document, kind_rank, placeable};
use crate::model::{Block, Diagnostic, DocKind, Document, Goal, Metadata, Repair, Source, Uppdrag};
use serde::de::IgnoredAny;
use serde::Deserialize;
use sha2::{Digest, Sha256};
use std::collections::{HashMap, HashSet};

/// One document of the dataset, as remembered between the two readings.
pub(super) struct Entry {
    /// Its position in [`Documents`].
    pub source: usize,
    pub id: String,
    /// Index of its class in [`Index::representatives`].
    pub class: usize,
    /// Its place in the linker's order (year, kind, giver before repeater, id), which orders lineage
    /// members.
    pub link_rank: usize,
    /// Whether the linker places it (it has a year and is a plan or report).
    placed: bool,
    year: Option<i32>,
    kind: Option<DocKind>,
    council: u8,
}

impl Entry {
    /// The linker's order: documents it places by year, kind, giver before repeater and id, then the
    /// others by id.
    fn link_order(&self) -> (bool, Option<i32>, Option<u8>, u8, &str) {
        let p = self.placed;
        (
            !p,
            if p { self.year } else { None },
            if p { self.kind.map(kind_rank) } else { None },
            if p { self.council } else { 0 },
            self.id.as_str(),
        )
    }
}

/// The documents of a dataset in the order the dataset lists them, and one representative per class of
/// documents whose uppdrag are the same.
pub(super) struct Index {
    /// In dataset order: year, plan before reports, id.
    pub entries: Vec<Entry>,
    /// The document with the smallest id of each class, with only what linking reads.
    pub representatives: Vec<Document>,
    pub diagnostics: Vec<Diagnostic>,
    /// Documents that could not be read: what they were called and why.
    pub unreadable: Vec<(String, String)>,
}

/// A document file as the first reading parses it: what [`slim`] keeps. The other parts (text, pages,
/// tables …, most of a document's bytes) are skipped by the parser without being built; those a
/// document always has must still be there, so a file the second reading would refuse is refused here.
#[derive(Deserialize)]
#[allow(dead_code)] // the `IgnoredAny` fields are required, never read
pub(super) struct LinkView {
    schema_version: String,
    id: String,
    source: Source,
    metadata: Metadata,
    blocks: Vec<Block>,
    uppdrag: Vec<Uppdrag>,
    goals: Vec<Goal>,
    /// Read so that a correction accepting or rejecting a repair reaches the uppdrag text; dropped
    /// once corrections are applied.
    repairs: Vec<Repair>,
    text: IgnoredAny,
    pages: IgnoredAny,
    furniture: IgnoredAny,
    tables: IgnoredAny,
    diagnostics: IgnoredAny,
}

impl From<LinkView> for Document {
    fn from(v: LinkView) -> Document {
        Document {
            schema_version: v.schema_version,
            id: v.id,
            metadata: v.metadata,
            blocks: v.blocks,
            uppdrag: v.uppdrag,
            goals: v.goals,
            repairs: v.repairs,
            ..Document::new(v.source, String::new())
        }
    }
}

/// A document reduced to what the linker reads: metadata, source, blocks (word rarity), uppdrag and
/// goals, the parts [`LinkView`] keeps; only those are copied.
pub(super) fn slim(doc: &Document) -> Document {
    Document {
        schema_version: doc.schema_version.clone(),
        id: doc.id.clone(),
        metadata: doc.metadata.clone(),
        blocks: doc.blocks.clone(),
        uppdrag: doc.uppdrag.clone(),
        goals: doc.goals.clone(),
        ..Document::new(doc.source.clone(), String::new())
    }
}

/// What makes two documents the same to the linker: year, kind, issuing body, every uppdrag and every
/// goal as stated. A document the linker cannot place (no year) is a class of its own.
fn class_key(doc: &Document) -> [u8; 32] {
    let mut h = Sha256::new();
    if !placeable(doc) {
        h.update(b"alone\0");
        h.update(doc.id.as_bytes());
        return h.finalize().into();
    }
    let m = &doc.metadata;
    let statement = (
        m.year,
        m.kind,
        &m.body,
        &m.organisation,
        doc.uppdrag
            .iter()
            .map(|u| {
                (
                    &u.key,
                    &u.text,
                    &u.comment,
                    &u.status,
                    &u.issuer,
                    &u.recipient,
                    &u.goal,
                )
            })
            .collect::<Vec<_>>(),
        doc.goals
            .iter()
            .map(|g| (&g.key, &g.text))
            .collect::<Vec<_>>(),
    );
    // Plain tuples of strings and numbers always serialize.
    h.update(serde_json::to_vec(&statement).unwrap_or_default());
    h.finalize().into()
}

impl Index {
    /// Reads every document once, on `jobs` threads, and takes them in order.
    pub fn build(docs: &Documents, jobs: usize, corrections: Option<&Corrections>) -> Index {
        let mut entries = Vec::new();
        let mut representatives: Vec<Document> = Vec::new();
        let mut classes: HashMap<[u8; 32], usize> = HashMap::new();
        let mut seen: HashSet<String> = HashSet::new();
        let mut diagnostics = Vec::new();
        let mut unreadable = Vec::new();
        // Parsing and hashing run on the threads; only the slim document comes back.
        let read = |source: usize| {
            docs.get_slim(source, corrections).map(|doc| {
                let key = class_key(&doc);
                (key, doc)
            })
        };
        let _ = ordered::for_each_ordered(docs.len(), jobs, read, |source, read| {
            let (key, doc) = match read {
                Ok(read) => read,
                Err(reason) => {
                    unreadable.push((docs.name(source), reason.to_string()));
                    return Ok::<(), ()>(());
                }
            };
            if !seen.insert(doc.id.clone()) {
                diagnostics.push(duplicate_document(&doc));
                return Ok(());
            }
            let class = *classes.entry(key).or_insert(representatives.len());
            entries.push(Entry {
                source,
                id: doc.id.clone(),
                class,
                link_rank: 0,
                placed: placeable(&doc),
                year: doc.metadata.year,
                kind: doc.metadata.kind,
                council: council_rank(&doc),
            });
            match representatives.get_mut(class) {
                None => representatives.push(doc),
                Some(rep) if doc.id < rep.id => *rep = doc,
                Some(_) => {}
            }
            Ok(())
        });
        let copies = entries.len() - representatives.len();
        if copies > 0 {
            diagnostics.push(Diagnostic::info(
                "link.identical_documents",
                format!(
                    "{copies} documents state the uppdrag of another document word for word; each is \
                     linked to the first of them (same_assignment, method identical)"
                ),
            ));
        }
        let mut order: Vec<usize> = (0..entries.len()).collect();
        order.sort_by(|&a, &b| entries[a].link_order().cmp(&entries[b].link_order()));
        for (rank, i) in order.into_iter().enumerate() {
            entries[i].link_rank = rank;
        }
        entries.sort_by(|a, b| {
            (a.year, a.kind.map(kind_rank).unwrap_or(3), &a.id).cmp(&(
                b.year,
                b.kind.map(kind_rank).unwrap_or(3),
                &b.id,
            ))
        });
        Index {
            entries,
            representatives,
            diagnostics,
            unreadable,
        }
    }

    /// Whether the entry is its class's representative (the document the linker saw).
    pub fn is_representative(&self, e: &Entry) -> bool {
        self.representatives
            .get(e.class)
            .is_some_and(|rep| rep.id == e.id)
    }
}
