//! Layout: glyphs into words, words into visual lines and line segments, and segments into reading order
//! — columns one after the other, a blank line where a paragraph ends.
//!
//! Everything here works on positions only, so it serves any producer: LibreOffice, Word, Ghostscript
//! and cairo place glyphs differently but agree on where they end up.

use super::content::Glyph;
use crate::model::BBox;
use crate::text::ends_sentence;
use unicode_normalization::UnicodeNormalization;

/// A word: glyphs without a gap between them.
#[derive(Clone, Debug)]
pub struct Word {
    pub bbox: BBox,
    pub baseline: f32,
    pub size: f32,
    pub text: String,
    pub bold: bool,
}

/// A piece of a visual line: words close enough to be read together (a column's line, a table cell's
/// line, a header).
#[derive(Clone, Debug)]
pub struct Segment {
    pub bbox: BBox,
    pub baseline: f32,
    pub size: f32,
    pub bold: bool,
    pub text: String,
}

/// Appends text with typographic ligatures expanded; they are glyph choices, not letters.
fn push_expanded(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            'ﬀ' => out.push_str("ff"),
            'ﬁ' => out.push_str("fi"),
            'ﬂ' => out.push_str("fl"),
            'ﬃ' => out.push_str("ffi"),
            'ﬄ' => out.push_str("ffl"),
            'ﬅ' | 'ﬆ' => out.push_str("st"),
            _ => out.push(c),
        }
    }
}

/// Groups glyphs into visual lines (same baseline) of words, top to bottom.
pub fn words(glyphs: &[Glyph]) -> Vec<Vec<Word>> {
    let mut order: Vec<usize> = (0..glyphs.len()).collect();
    order.sort_by(|&a, &b| glyphs[a].y.total_cmp(&glyphs[b].y));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    let mut line_y = f32::NEG_INFINITY;
    for i in order {
        let g = &glyphs[i];
        match lines.last_mut() {
            Some(line) if (g.y - line_y).abs() <= 0.3 * g.size.max(1.0) => line.push(i),
            _ => {
                lines.push(vec![i]);
                line_y = g.y;
            }
        }
    }
    lines
        .into_iter()
        .map(|mut line| {
            line.sort_by(|&a, &b| glyphs[a].x.total_cmp(&glyphs[b].x));
            line_words(glyphs, &line)
        })
        .filter(|w| !w.is_empty())
        .collect()
}

fn line_words(glyphs: &[Glyph], line: &[usize]) -> Vec<Word> {
    let mut words = Vec::new();
    let mut cur: Option<(Word, f32, usize, usize)> = None; // word, right edge, bold glyphs, glyphs
    let mut last: Option<&Glyph> = None;
    for (k, &i) in line.iter().enumerate() {
        let g = &glyphs[i];
        // The same glyph drawn twice at (almost) the same place is fake bold, not two letters.
        if let Some(p) = last {
            if p.text == g.text
                && (p.x - g.x).abs() < 0.1 * g.size
                && (p.y - g.y).abs() < 0.1 * g.size
            {
                continue;
            }
        }
        last = Some(g);
        // A space glyph breaks a word only where it lies in the open: one drawn over the letters of a
        // word (Excel pads cells with spaces that overlap the next cell's digits) is no break.
        let (gw, end) = (g.w.max(0.0), g.x + g.w.max(0.0));
        let blank = g.text.trim().is_empty()
            && !cur
                .as_ref()
                .is_some_and(|(_, right, _, _)| right.min(end) - g.x > 0.25 * gw)
            && !line[k + 1..]
                .iter()
                .map(|&j| &glyphs[j])
                .find(|n| !n.text.trim().is_empty())
                .is_some_and(|n| end - n.x.max(g.x) > 0.25 * gw);
        let gap_breaks = cur
            .as_ref()
            .is_some_and(|(_, right, _, _)| g.x - right > 0.15 * g.size || g.x < right - g.size);
        if blank || gap_breaks {
            if let Some((w, _, bold, n)) = cur.take() {
                words.push(finish(w, bold, n));
            }
            if blank {
                continue;
            }
        } else if g.text.trim().is_empty() {
            continue;
        }
        let right = g.x + g.w.max(0.0);
        match cur.as_mut() {
            Some((w, r, bold, n)) => {
                push_expanded(&mut w.text, &g.text);
                w.bbox.x1 = w.bbox.x1.max(right);
                w.bbox.y0 = w.bbox.y0.min(g.y - 0.8 * g.size);
                w.bbox.y1 = w.bbox.y1.max(g.y + 0.2 * g.size);
                w.size = w.size.max(g.size);
                *r = right;
                *bold += usize::from(g.bold);
                *n += 1;
            }
            None => {
                cur = Some((
                    Word {
                        bbox: BBox {
                            x0: g.x,
                            y0: g.y - 0.8 * g.size,
                            x1: right,
                            y1: g.y + 0.2 * g.size,
                        },
                        baseline: g.y,
                        size: g.size,
                        text: {
                            let mut t = String::with_capacity(16);
                            push_expanded(&mut t, &g.text);
                            t
                        },
                        bold: false,
                    },
                    right,
                    usize::from(g.bold),
                    1,
                ))
            }
        }
    }
    if let Some((w, _, bold, n)) = cur.take() {
        words.push(finish(w, bold, n));
    }
    words
}

fn finish(mut w: Word, bold: usize, n: usize) -> Word {
    w.bold = bold * 2 > n;
    if !unicode_normalization::is_nfc(&w.text) {
        w.text = w.text.nfc().collect();
    }
    w
}

/// Splits a visual line's words into segments where the gap is wider than a word space can be.
pub fn segments(line: &[&Word]) -> Vec<Segment> {
    let mut out: Vec<Segment> = Vec::new();
    let mut bold_chars = 0usize;
    let mut chars = 0usize;
    let mut prev_right = f32::NEG_INFINITY;
    for w in line {
        let n = w.text.chars().count();
        let new = out.is_empty() || w.bbox.x0 - prev_right > 1.0 * w.size.max(4.0);
        if new {
            if let Some(s) = out.last_mut() {
                s.bold = bold_chars * 2 > chars;
            }
            bold_chars = 0;
            chars = 0;
            out.push(Segment {
                bbox: w.bbox,
                baseline: w.baseline,
                size: w.size,
                bold: false,
                text: w.text.clone(),
            });
        } else if let Some(s) = out.last_mut() {
            s.text.push(' ');
            s.text.push_str(&w.text);
            s.bbox = s.bbox.union(&w.bbox);
            s.size = s.size.max(w.size);
        }
        if w.bold {
            bold_chars += n;
        }
        chars += n;
        prev_right = w.bbox.x1;
    }
    if let Some(s) = out.last_mut() {
        s.bold = bold_chars * 2 > chars;
    }
    out
}

/// Puts a page's body segments in reading order. Gutters that many lines respect (see [`gutters`]) cut
/// the page into columns; lines that cross a gutter (headings, full-width paragraphs) end a zone, and
/// inside a zone the columns are read left to right, each top to bottom. Returns the order and, for each
/// position, whether a column or zone boundary lies before it.
pub fn reading_order(segs: &[Segment]) -> Vec<(usize, bool)> {
    let mut by_y: Vec<usize> = (0..segs.len()).collect();
    by_y.sort_by(|&a, &b| {
        segs[a]
            .baseline
            .total_cmp(&segs[b].baseline)
            .then(segs[a].bbox.x0.total_cmp(&segs[b].bbox.x0))
    });
    let cuts: Vec<f32> = gutters(segs).iter().map(|g| (g.0 + g.1) / 2.0).collect();
    if cuts.is_empty() {
        return by_y.into_iter().map(|i| (i, false)).collect();
    }
    // The column of a segment, or None when it crosses a gutter's middle.
    let column = |s: &Segment| {
        let c = cuts.iter().filter(|&&m| s.bbox.x0 >= m - 1.0).count();
        let crosses = cuts
            .iter()
            .any(|&m| s.bbox.x0 < m - 1.0 && s.bbox.x1 > m + 1.0);
        (!crosses).then_some(c)
    };
    let mut out = Vec::with_capacity(segs.len());
    let mut zone: Vec<(usize, usize)> = Vec::new();
    let flush = |zone: &mut Vec<(usize, usize)>, out: &mut Vec<(usize, bool)>| {
        let mut columns: Vec<usize> = zone.iter().map(|z| z.1).collect();
        columns.sort_unstable();
        columns.dedup();
        let several = columns.len() > 1;
        for c in columns {
            for (k, &(i, _)) in zone.iter().filter(|z| z.1 == c).enumerate() {
                out.push((i, k == 0 && several));
            }
        }
        zone.clear();
    };
    for i in by_y {
        match column(&segs[i]) {
            Some(c) => zone.push((i, c)),
            None => {
                flush(&mut zone, &mut out);
                out.push((i, false));
            }
        }
    }
    flush(&mut zone, &mut out);
    out
}

/// Column gutters: x ranges that at least three lines have text on both sides of and that, over the
/// height where they occur, more lines respect than cross; two lines are enough when nothing crosses and
/// the left text runs on from the first line into the second (no sentence end, a lower-case start), as a
/// two-line title beside a reference box does. Non-overlapping, left to right.
pub fn gutters(segs: &[Segment]) -> Vec<(f32, f32)> {
    let mut gaps: Vec<(f32, f32, f32, &str)> = Vec::new();
    for a in segs {
        // The nearest segment to the right on the same baseline.
        let right = segs
            .iter()
            .filter(|b| (b.baseline - a.baseline).abs() < 0.5 * a.size && b.bbox.x0 > a.bbox.x1)
            .min_by(|b, c| b.bbox.x0.total_cmp(&c.bbox.x0));
        if let Some(b) = right {
            if b.bbox.x0 - a.bbox.x1 >= 0.8 * a.size {
                gaps.push((a.bbox.x1, b.bbox.x0, a.baseline, a.text.as_str()));
            }
        }
    }
    let mut found: Vec<(f32, f32, usize)> = Vec::new();
    for &(lo, hi, _, _) in &gaps {
        let mid = (lo + hi) / 2.0;
        let mut hits: Vec<&(f32, f32, f32, &str)> = gaps
            .iter()
            .filter(|(a, b, _, _)| *a <= mid && mid <= *b)
            .collect();
        hits.sort_by(|a, b| a.2.total_cmp(&b.2));
        let runs_on = hits.len() == 2
            && !ends_sentence(hits[0].3)
            && hits[1].3.starts_with(char::is_lowercase);
        if hits.len() < 3 && !runs_on {
            continue;
        }
        let g0 = hits.iter().map(|g| g.0).fold(f32::NEG_INFINITY, f32::max);
        let g1 = hits.iter().map(|g| g.1).fold(f32::INFINITY, f32::min);
        let top = hits.iter().map(|g| g.2).fold(f32::INFINITY, f32::min);
        let bottom = hits.iter().map(|g| g.2).fold(f32::NEG_INFINITY, f32::max);
        let crossing = segs
            .iter()
            .filter(|s| s.baseline >= top && s.baseline <= bottom)
            .filter(|s| s.bbox.x0 < mid - 1.0 && s.bbox.x1 > mid + 1.0)
            .count();
        if g1 > g0 && hits.len() > crossing && (hits.len() >= 3 || crossing == 0) {
            found.push((g0, g1, hits.len()));
        }
    }
    found.sort_by(|a, b| b.2.cmp(&a.2).then(a.0.total_cmp(&b.0)));
    let mut chosen: Vec<(f32, f32)> = Vec::new();
    for (g0, g1, _) in found {
        if chosen.iter().all(|c| g1 < c.0 || g0 > c.1) {
            chosen.push((g0, g1));
        }
    }
    chosen.sort_by(|a, b| a.0.total_cmp(&b.0));
    chosen
}

/// The middles of the gutters between columns of running text: gutters (see [`gutters`]) of a page
/// whose lines, the ones that keep to a column, hold four words or more in the median. Aligned text
/// columns are not a table.
pub fn text_columns(segs: &[Segment]) -> Vec<f32> {
    let cuts: Vec<f32> = gutters(segs).iter().map(|g| (g.0 + g.1) / 2.0).collect();
    if cuts.is_empty() {
        return cuts;
    }
    let mut words: Vec<usize> = segs
        .iter()
        .filter(|s| {
            !cuts
                .iter()
                .any(|&m| s.bbox.x0 < m - 1.0 && s.bbox.x1 > m + 1.0)
        })
        .map(|s| s.text.split_whitespace().count())
        .collect();
    words.sort_unstable();
    let median = words.get(words.len() / 2).copied().unwrap_or(0);
    if median >= 4 {
        cuts
    } else {
        Vec::new()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn seg(x0: f32, x1: f32, y: f32, text: &str) -> Segment {
        Segment {
            bbox: BBox {
                x0,
                y0: y - 9.0,
                x1,
                y1: y + 2.0,
            },
            baseline: y,
            size: 11.0,
            bold: false,
            text: text.into(),
        }
    }

    #[test]
    fn two_columns_read_left_then_right() {
        let segs = vec![
            seg(70.0, 520.0, 100.0, "Rubrik över båda spalterna"),
            seg(70.0, 280.0, 120.0, "vänster 1"),
            seg(310.0, 520.0, 120.0, "höger 1"),
            seg(70.0, 280.0, 135.0, "vänster 2"),
            seg(310.0, 520.0, 135.0, "höger 2"),
            seg(70.0, 280.0, 150.0, "vänster 3"),
            seg(310.0, 520.0, 150.0, "höger 3"),
            seg(70.0, 520.0, 180.0, "Brödtext under spalterna"),
        ];
        let order: Vec<&str> = reading_order(&segs)
            .iter()
            .map(|&(i, _)| segs[i].text.as_str())
            .collect();
        assert_eq!(
            order,
            [
                "Rubrik över båda spalterna",
                "vänster 1",
                "vänster 2",
                "vänster 3",
                "höger 1",
                "höger 2",
                "höger 3",
                "Brödtext under spalterna"
            ]
        );
    }

    #[test]
    fn glyphs_become_words_with_ligatures_expanded_and_nfc() {
        let g = |x: f32, t: &str| Glyph {
            x,
            y: 100.0,
            w: 5.0,
            size: 10.0,
            text: t.into(),
            bold: false,
            dir: 0,
        };
        let glyphs = vec![g(0.0, "e"), g(5.0, "ﬀ"), g(10.0, "a\u{308}"), g(20.0, "x")];
        let lines = words(&glyphs);
        let texts: Vec<&str> = lines[0].iter().map(|w| w.text.as_str()).collect();
        assert_eq!(texts, ["effä", "x"]);
    }
}
