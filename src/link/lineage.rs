//! Lineages: the uppdrag that links tie together, one cluster per assignment followed through the years.
//!
//! A lineage's id comes from its earliest member's uppdrag id, which is itself derived from that
//! document's content and the key. Adding a later year's documents only adds members, so existing ids
//! stay; the same inputs always give the same ids. A report's range ("Nr 3-8") follows up several
//! uppdrag at once: it is a shared member of each of their lineages rather than a bridge merging them.

use super::{Endpoint, Link};
use crate::model::{DocKind, Document};
use serde::{Deserialize, Serialize};
use std::collections::{BTreeMap, HashMap};

/// One uppdrag occurrence in a lineage.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct LineageMember {
    pub document: String,
    /// The source path of the document, as recorded in it.
    pub source: String,
    /// `None` for a document whose text states no year (it is not linked).
    pub year: Option<i32>,
    pub kind: DocKind,
    pub key: String,
    pub uppdrag: String,
    /// True for a range follow-up (`Nr 3-8`) that belongs to the lineages of all its members.
    pub shared: bool,
}

impl LineageMember {
    /// The occurrence of `u` in `doc`.
    pub fn of(doc: &Document, u: &crate::model::Uppdrag, shared: bool) -> LineageMember {
        LineageMember {
            document: doc.id.clone(),
            source: doc.source.path.clone(),
            year: doc.metadata.year,
            kind: doc.metadata.kind.unwrap_or(DocKind::Other),
            key: u.key.clone(),
            uppdrag: u.id.clone(),
            shared,
        }
    }
}

/// A cluster of linked uppdrag occurrences, ordered by year.
#[derive(Clone, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct Lineage {
    pub id: String,
    pub members: Vec<LineageMember>,
}

/// Union–find over uppdrag occurrences.
struct Sets(Vec<usize>);

impl Sets {
    fn find(&mut self, mut x: usize) -> usize {
        while self.0[x] != x {
            self.0[x] = self.0[self.0[x]];
            x = self.0[x];
        }
        x
    }
    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        // The smaller index (the earlier occurrence) stays the root.
        if ra < rb {
            self.0[rb] = ra;
        } else {
            self.0[ra] = rb;
        }
    }
}

/// Builds the lineages of `docs` (in order: year, kind, document) from `links`. Every uppdrag of the
/// documents is in at least one lineage; one that links to nothing is a lineage of its own.
pub fn build(docs: &[&Document], links: &[Link]) -> Vec<Lineage> {
    // Occurrences in document order, then text order: index order is the order of the lineage.
    let mut nodes: Vec<(&Document, usize)> = Vec::new();
    let mut index: HashMap<(&str, &str), usize> = HashMap::new();
    for doc in docs {
        for (i, u) in doc.uppdrag.iter().enumerate() {
            index
                .entry((doc.id.as_str(), u.id.as_str()))
                .or_insert(nodes.len());
            nodes.push((doc, i));
        }
    }
    let node = |e: &Endpoint| {
        index
            .get(&(e.document.as_str(), e.uppdrag.as_str()))
            .copied()
    };
    let is_range = |n: usize| {
        let (doc, i) = nodes[n];
        doc.uppdrag.get(i).is_some_and(|u| u.number_end.is_some())
    };
    let mut sets = Sets((0..nodes.len()).collect());
    // range node → member nodes it follows up
    let mut shared: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for l in links {
        let (Some(a), Some(b)) = (node(&l.from), node(&l.to)) else {
            continue;
        };
        if l.evidence.method == "range" {
            let (range, member) = if is_range(b) { (b, a) } else { (a, b) };
            shared.entry(range).or_default().push(member);
        } else {
            sets.union(a, b);
        }
    }
    let mut groups: BTreeMap<usize, Vec<usize>> = BTreeMap::new();
    for n in 0..nodes.len() {
        if !shared.contains_key(&n) {
            let root = sets.find(n);
            groups.entry(root).or_default().push(n);
        }
    }
    for (&range, members) in &shared {
        let mut roots: Vec<usize> = members.iter().map(|&m| sets.find(m)).collect();
        roots.sort_unstable();
        roots.dedup();
        for root in roots {
            groups.entry(root).or_default().push(range);
        }
    }
    let member = |n: usize| {
        let (doc, i) = nodes[n];
        LineageMember::of(doc, &doc.uppdrag[i], shared.contains_key(&n))
    };
    groups
        .into_values()
        .map(|mut ns| {
            ns.sort_unstable();
            ns.dedup();
            let members: Vec<LineageMember> = ns.into_iter().map(member).collect();
            // The earliest member that is not shared names the lineage (a range alone names its own).
            let first = members
                .iter()
                .find(|m| !m.shared)
                .or(members.first())
                .map(|m| m.uppdrag.clone())
                .unwrap_or_default();
            Lineage {
                id: crate::model::stable_id("l-", &[&first]),
                members,
            }
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_earliest_occurrence_stays_the_root() {
        let mut sets = Sets((0..5).collect());
        sets.union(3, 4);
        sets.union(4, 1);
        assert_eq!(sets.find(3), 1);
        assert_eq!(sets.find(4), 1);
        assert_eq!(sets.find(2), 2);
    }

    #[test]
    fn no_documents_give_no_lineages() {
        assert!(build(&[], &[]).is_empty());
    }
}
