//! Running headers, footers and page numbers found by position: segments at the top or bottom edge of
//! their page that repeat on many pages (digits masked, so "14(25)" and "16 (75)" match), carry a page
//! counter, or are bare page numbers. The clean stage moves the flagged lines out of the body.

use super::layout::Segment;
use super::PageResult;
use crate::text::page::{mask_digits, page_counter, page_number, repeat_key, repeat_threshold};
use std::collections::{HashMap, HashSet};

/// Tables at the top or bottom edge of their page whose text (digits masked) repeats on many pages — the
/// DATUM / REVISION / DIARIENR grid of a Word page header — are furniture, not tables: each of their rows
/// becomes a segment of its page, and the indices of those segments are returned.
pub(super) fn repeated_tables(pages: &mut [PageResult]) -> Vec<(usize, usize)> {
    let key = |t: &super::tables::PageTable| {
        let text: Vec<&str> = t
            .header
            .iter()
            .chain(&t.rows)
            .flatten()
            .map(|c| c.text.as_str())
            .collect();
        mask_digits(&text.join("|"))
    };
    let mut by_key: HashMap<String, HashSet<usize>> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for t in &page.tables {
            if t.bbox.y1 < page.height * 0.25 || t.bbox.y0 > page.height * 0.8 {
                by_key.entry(key(t)).or_default().insert(p);
            }
        }
    }
    let threshold = repeat_threshold(pages.len());
    let mut out = Vec::new();
    for (p, page) in pages.iter_mut().enumerate() {
        let (moved, kept): (Vec<_>, Vec<_>) = std::mem::take(&mut page.tables)
            .into_iter()
            .partition(|t| by_key.get(&key(t)).is_some_and(|h| h.len() >= threshold));
        page.tables = kept;
        for t in moved {
            let rows: Vec<&Vec<crate::model::Cell>> = t.header.iter().chain(&t.rows).collect();
            let step = (t.bbox.y1 - t.bbox.y0) / rows.len().max(1) as f32;
            for (r, row) in rows.iter().enumerate() {
                let text: Vec<&str> = row
                    .iter()
                    .map(|c| c.text.trim())
                    .filter(|c| !c.is_empty())
                    .collect();
                if text.is_empty() {
                    continue;
                }
                let y0 = t.bbox.y0 + step * r as f32;
                let size = (step * 0.6).clamp(4.0, 14.0);
                page.segs.push(Segment {
                    bbox: crate::model::BBox {
                        y0,
                        y1: y0 + step,
                        ..t.bbox
                    },
                    baseline: y0 + step * 0.75,
                    size,
                    bold: false,
                    text: text.join(" "),
                });
                out.push((p, page.segs.len() - 1));
            }
        }
    }
    out
}

/// Segments at the top or bottom edge of their page that repeat (digits masked) on many pages, carry a
/// page counter such as "14(25)", or are bare page numbers.
pub(super) fn find(pages: &[PageResult]) -> HashSet<(usize, usize)> {
    let mut by_key: HashMap<String, Vec<(usize, usize)>> = HashMap::new();
    let mut out = HashSet::new();
    for (p, page) in pages.iter().enumerate() {
        for (s, seg) in page.segs.iter().enumerate() {
            let edge = seg.bbox.y1 < page.height * 0.1 || seg.bbox.y0 > page.height * 0.9;
            if !edge {
                continue;
            }
            if page_number(&seg.text).is_some() || page_counter(&seg.text).is_some() {
                out.insert((p, s));
            }
            by_key
                .entry(repeat_key(&seg.text))
                .or_default()
                .push((p, s));
        }
    }
    let threshold = repeat_threshold(pages.len());
    for hits in by_key.values() {
        let distinct: HashSet<usize> = hits.iter().map(|h| h.0).collect();
        if distinct.len() >= threshold {
            out.extend(hits.iter().copied());
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::BBox;

    fn seg(y: f32, text: &str) -> Segment {
        Segment {
            bbox: BBox {
                x0: 70.0,
                y0: y - 9.0,
                x1: 300.0,
                y1: y + 2.0,
            },
            baseline: y,
            size: 11.0,
            bold: false,
            text: text.into(),
        }
    }

    #[test]
    fn repeated_page_edges_with_changing_numbers_are_furniture() {
        let pages: Vec<PageResult> = (1..=3)
            .map(|n| PageResult {
                number: n,
                height: 842.0,
                segs: vec![
                    seg(
                        40.0,
                        &format!("Region Örebro län, Årsredovisning {n} ({})", 75),
                    ),
                    seg(400.0, &format!("Brödtext på sidan {n} som inte upprepas.")),
                    seg(410.0, "Samma mening i mitten av varje sida."),
                    seg(820.0, &format!("{n}")),
                ],
                tables: vec![],
            })
            .collect();
        let found = find(&pages);
        for p in 0..3 {
            assert!(found.contains(&(p, 0)));
            assert!(!found.contains(&(p, 1)));
            // Repeated, but in the middle of the page: body text.
            assert!(!found.contains(&(p, 2)));
            assert!(found.contains(&(p, 3)));
        }
    }
}
