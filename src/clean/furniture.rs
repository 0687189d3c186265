//! Page furniture: running headers and footers and page numbers, found by their "N(M)" page counter
//! or by repeating at the top or bottom of many pages (with the page number allowed to change).

use crate::model::RawLine;
use crate::text::page::{page_counter, page_number, repeat_key, repeat_threshold};
use std::collections::HashMap;

/// What a line of furniture is, and the page number it names.
#[derive(Clone, Debug, PartialEq)]
pub enum Found {
    /// A header or footer with a page counter; the number is the page it names.
    Counter { page: u32 },
    /// A line repeated at the top or bottom of many pages.
    Repeated,
    /// A bare page number.
    PageNumber { page: u32 },
}

/// Finds the furniture lines of a document: returns, for each line index that is furniture, what it is.
/// `pages` lists for each page the indices of its lines, in order; it is empty when pages are unknown.
pub fn find(lines: &[RawLine], pages: &[Vec<usize>]) -> HashMap<usize, Found> {
    let mut found = HashMap::new();
    for (i, line) in lines.iter().enumerate() {
        if let Some(page) = page_counter(&line.text) {
            found.insert(i, Found::Counter { page });
        }
    }
    if pages.len() >= 2 {
        find_repeated(lines, pages, &mut found);
    }
    found
}

/// The first and last two non-empty lines of each page are candidates; a candidate whose text (digits
/// masked) recurs on at least two pages and at least 40 % of them is furniture.
fn find_repeated(lines: &[RawLine], pages: &[Vec<usize>], found: &mut HashMap<usize, Found>) {
    let mut candidates: HashMap<String, Vec<usize>> = HashMap::new();
    for page in pages {
        let non_empty: Vec<usize> = page
            .iter()
            .copied()
            .filter(|&i| !lines[i].text.trim().is_empty())
            .collect();
        let n = non_empty.len();
        let mut edge: Vec<usize> = non_empty.iter().take(2).copied().collect();
        edge.extend(non_empty.iter().skip(n.saturating_sub(2)).copied());
        edge.sort_unstable();
        edge.dedup();
        for i in edge {
            let text = lines[i].text.trim();
            if let Some(page) = page_number(text) {
                found.entry(i).or_insert(Found::PageNumber { page });
                continue;
            }
            candidates.entry(repeat_key(text)).or_default().push(i);
        }
    }
    let threshold = repeat_threshold(pages.len());
    for indices in candidates.values() {
        let pages_hit: std::collections::HashSet<_> =
            indices.iter().map(|&i| lines[i].page).collect();
        if pages_hit.len() >= threshold {
            for &i in indices {
                found.entry(i).or_insert(Found::Repeated);
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn repeated_page_edges_are_furniture_body_is_not() {
        let mut lines = Vec::new();
        let mut pages = Vec::new();
        for p in 1..=4u32 {
            let start = lines.len();
            lines.push(RawLine::plain("Region Örebro län", Some(p)));
            let word = ["alfa", "beta", "gamma", "delta"][p as usize - 1];
            lines.push(RawLine::plain(
                format!("Body text {word} that differs."),
                Some(p),
            ));
            lines.push(RawLine::plain(format!("{p}"), Some(p)));
            pages.push((start..lines.len()).collect());
        }
        let found = find(&lines, &pages);
        assert_eq!(found.get(&0), Some(&Found::Repeated));
        assert_eq!(found.get(&2), Some(&Found::PageNumber { page: 1 }));
        assert_eq!(found.get(&1), None);
    }
}
