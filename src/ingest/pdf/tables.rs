//! Tables from positions: ruled grids (the borders producers draw around cells) give rows, columns and
//! merged cells; words inside a grid become cell text and leave the body. Bold leading rows are header
//! rows. Without rules, segments aligned in three or more columns over several lines make a table too.

use super::content::Rule;
use super::layout::{Segment, Word};
use crate::model::{BBox, Cell};

/// A table found on a page.
#[derive(Clone, Debug)]
pub struct PageTable {
    pub bbox: BBox,
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
}

/// Union-find over rule indices.
fn find(parent: &mut [usize], mut i: usize) -> usize {
    while parent[i] != i {
        parent[i] = parent[parent[i]];
        i = parent[i];
    }
    i
}

/// Sorted centres of values clustered within `tol`.
fn cluster(mut values: Vec<f32>, tol: f32) -> Vec<f32> {
    values.sort_by(f32::total_cmp);
    let mut out: Vec<(f32, usize)> = Vec::new();
    for v in values {
        match out.last_mut() {
            Some((c, n)) if v - *c / *n as f32 <= tol => {
                *c += v;
                *n += 1;
            }
            _ => out.push((v, 1)),
        }
    }
    out.into_iter().map(|(c, n)| c / n as f32).collect()
}

/// Finds ruled tables and takes their words: returns the tables and, per visual line, which words were
/// used (so that the caller leaves them out of the body).
pub fn ruled_tables(rules: &[Rule], lines: &[Vec<Word>]) -> (Vec<PageTable>, Vec<Vec<bool>>) {
    let mut used: Vec<Vec<bool>> = lines.iter().map(|l| vec![false; l.len()]).collect();
    let rules: Vec<Rule> = rules
        .iter()
        .copied()
        .filter(|r| r.horizontal() || r.vertical())
        .take(20_000)
        .collect();
    let mut parent: Vec<usize> = (0..rules.len()).collect();
    for (i, h) in rules.iter().enumerate().filter(|(_, r)| r.horizontal()) {
        let hy = (h.y0 + h.y1) / 2.0;
        for (j, v) in rules.iter().enumerate().filter(|(_, r)| r.vertical()) {
            let vx = (v.x0 + v.x1) / 2.0;
            if vx >= h.x0 - 2.0 && vx <= h.x1 + 2.0 && hy >= v.y0 - 2.0 && hy <= v.y1 + 2.0 {
                let (a, b) = (find(&mut parent, i), find(&mut parent, j));
                parent[a] = b;
            }
        }
    }
    let mut groups: std::collections::BTreeMap<usize, Vec<usize>> = Default::default();
    for i in 0..rules.len() {
        let root = find(&mut parent, i);
        groups.entry(root).or_default().push(i);
    }
    let mut tables = Vec::new();
    for members in groups.values() {
        let hs: Vec<&Rule> = members
            .iter()
            .map(|&i| &rules[i])
            .filter(|r| r.horizontal())
            .collect();
        let vs: Vec<&Rule> = members
            .iter()
            .map(|&i| &rules[i])
            .filter(|r| r.vertical())
            .collect();
        let xs = cluster(vs.iter().map(|r| (r.x0 + r.x1) / 2.0).collect(), 2.0);
        let ys: Vec<f32> = cluster(hs.iter().map(|r| (r.y0 + r.y1) / 2.0).collect(), 2.0);
        if xs.len() < 3 || ys.len() < 3 {
            continue; // fewer than two columns or two rows: a frame, not a table
        }
        let (ncols, nrows) = (xs.len() - 1, ys.len() - 1);
        let bbox = BBox {
            x0: xs[0],
            y0: ys[0],
            x1: xs[ncols],
            y1: ys[nrows],
        };
        let mut texts: Vec<Vec<String>> = vec![vec![String::new(); ncols]; nrows];
        let mut bold: Vec<Vec<(usize, usize)>> = vec![vec![(0, 0); ncols]; nrows];
        for (li, line) in lines.iter().enumerate() {
            for (wi, w) in line.iter().enumerate() {
                let cx = (w.bbox.x0 + w.bbox.x1) / 2.0;
                let cy = w.baseline - 0.3 * w.size;
                let (Some(c), Some(r)) = (
                    xs.windows(2).position(|p| cx >= p[0] && cx < p[1]),
                    ys.windows(2).position(|p| cy >= p[0] && cy < p[1]),
                ) else {
                    continue;
                };
                used[li][wi] = true;
                let cell = &mut texts[r][c];
                if !cell.is_empty() {
                    cell.push(' ');
                }
                cell.push_str(&w.text);
                let n = w.text.chars().count();
                bold[r][c].1 += n;
                if w.bold {
                    bold[r][c].0 += n;
                }
            }
        }
        // A column boundary that has no rule through a row's middle is a merged cell there.
        let has_rule = |x: f32, y: f32| {
            vs.iter().any(|v| {
                ((v.x0 + v.x1) / 2.0 - x).abs() < 2.0 && v.y0 - 2.0 <= y && y <= v.y1 + 2.0
            })
        };
        let mut rows: Vec<(Vec<Cell>, bool)> = Vec::new();
        for r in 0..nrows {
            let mid = (ys[r] + ys[r + 1]) / 2.0;
            if ys[r + 1] - ys[r] < 3.0 {
                continue;
            }
            let mut cells = Vec::new();
            let mut c = 0;
            let (mut b, mut n) = (0, 0);
            while c < ncols {
                let mut span = 1;
                let mut text = texts[r][c].clone();
                b += bold[r][c].0;
                n += bold[r][c].1;
                while c + span < ncols && !has_rule(xs[c + span], mid) {
                    if !texts[r][c + span].is_empty() {
                        if !text.is_empty() {
                            text.push(' ');
                        }
                        text.push_str(&texts[r][c + span]);
                    }
                    b += bold[r][c + span].0;
                    n += bold[r][c + span].1;
                    span += 1;
                }
                let mut cell = Cell::text(text);
                cell.col_span = span as u32;
                cells.push(cell);
                c += span;
            }
            if cells.iter().all(|c| c.text.is_empty()) {
                continue;
            }
            rows.push((cells, n > 0 && b == n));
        }
        let header_rows = rows
            .iter()
            .take_while(|(_, bold)| *bold)
            .count()
            .min(rows.len().saturating_sub(1));
        let mut rows = rows.into_iter().map(|(cells, _)| cells);
        let mut header: Vec<Vec<Cell>> = rows.by_ref().take(header_rows).collect();
        let rows: Vec<Vec<Cell>> = rows.collect();
        if rows.is_empty() {
            continue;
        }
        let mut bbox = bbox;
        if let Some((open, top)) = open_header(lines, &mut used, &xs, ys[0]) {
            header.insert(0, open);
            bbox.y0 = top;
        }
        tables.push(PageTable { bbox, header, rows });
    }
    tables.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
    (tables, used)
}

/// A header row drawn without a rule above it (Word tables whose top border is off): the lines right
/// above a grid, each close to the one below, whose words all fall inside the grid's width. Lines that
/// are one phrase (a caption, a centred title) are kept only between lines of several separate phrases
/// on two or more columns. Their words become one header row, each cell the column's words top to
/// bottom; returns it and the top of the header.
fn open_header(
    lines: &[Vec<Word>],
    used: &mut [Vec<bool>],
    xs: &[f32],
    grid_top: f32,
) -> Option<(Vec<Cell>, f32)> {
    let (left, right) = (*xs.first()?, *xs.last()?);
    let column = |w: &Word| {
        let cx = (w.bbox.x0 + w.bbox.x1) / 2.0;
        xs.windows(2).position(|p| cx >= p[0] && cx < p[1])
    };
    // Candidate lines from the grid upwards, with whether each has separate phrases on two columns.
    let mut taken: Vec<(usize, bool, f32)> = Vec::new();
    let mut below = grid_top;
    for (li, line) in lines.iter().enumerate().rev() {
        let Some(first) = line.first() else { continue };
        if first.baseline > grid_top + 0.5 * first.size {
            continue;
        }
        let size = line.iter().map(|w| w.size).fold(0.0f32, f32::max);
        let fits = (0..line.len()).all(|wi| !used[li][wi])
            && below - first.baseline <= 1.9 * size
            && line
                .iter()
                .all(|w| w.bbox.x0 >= left - 2.0 && w.bbox.x1 <= right + 2.0);
        if !fits || taken.len() >= 6 {
            break;
        }
        let mut cols: Vec<usize> = line.iter().filter_map(column).collect();
        cols.dedup();
        let phrases = 1 + line
            .windows(2)
            .filter(|p| p[1].bbox.x0 - p[0].bbox.x1 > p[1].size.max(4.0))
            .count();
        let top = line.iter().map(|w| w.bbox.y0).fold(f32::INFINITY, f32::min);
        taken.push((li, phrases >= 2 && cols.len() >= 2, top));
        below = top;
    }
    while taken.last().is_some_and(|t| !t.1) {
        taken.pop();
    }
    let top = taken.last()?.2;
    let mut cells = vec![String::new(); xs.len() - 1];
    for &(li, _, _) in taken.iter().rev() {
        for (wi, w) in lines[li].iter().enumerate() {
            let Some(c) = column(w) else { continue };
            used[li][wi] = true;
            if !cells[c].is_empty() {
                cells[c].push(' ');
            }
            cells[c].push_str(&w.text);
        }
    }
    Some((cells.into_iter().map(Cell::text).collect(), top))
}
/// Tables without rules: consecutive lines that each have three or more segments, whose segments fall
/// into the same columns. Each line is a row; a bold first row, or a first row without digits over rows
/// with digits, is the header. The segments used are removed from `segs`.
pub fn aligned_tables(segs: &mut Vec<Segment>, text_columns: &[f32]) -> Vec<PageTable> {
    // Visual lines: segments sharing a baseline.
    let mut order: Vec<usize> = (0..segs.len()).collect();
    order.sort_by(|&a, &b| segs[a].baseline.total_cmp(&segs[b].baseline));
    let mut lines: Vec<Vec<usize>> = Vec::new();
    for i in order {
        match lines.last_mut() {
            Some(l) if (segs[l[0]].baseline - segs[i].baseline).abs() < 0.3 * segs[i].size => {
                l.push(i)
            }
            _ => lines.push(vec![i]),
        }
    }
    let mut tables = Vec::new();
    let mut taken: Vec<usize> = Vec::new();
    let mut k = 0;
    while k < lines.len() {
        let mut end = k;
        while end < lines.len()
            && lines[end].len() >= 3
            && (end == k
                || segs[lines[end][0]].baseline - segs[lines[end - 1][0]].baseline
                    < 3.0 * segs[lines[end][0]].size)
        {
            end += 1;
        }
        if end - k >= 2 && !inside_paragraph(segs, &lines, k, end) {
            if let Some(t) = aligned_block(segs, &lines[k..end], text_columns) {
                tables.push(t);
                taken.extend(lines[k..end].iter().flatten().copied());
            }
            k = end;
        } else {
            k += 1;
        }
    }
    taken.sort_unstable();
    for i in taken.into_iter().rev() {
        segs.remove(i);
    }
    tables
}

/// Whether lines `k..end` are lines of a justified paragraph whose word gaps happen to be wide: every one
/// spans the same width as a one-piece line right above or below it, at the paragraph's line pitch (the
/// first may be indented).
fn inside_paragraph(segs: &[Segment], lines: &[Vec<usize>], k: usize, end: usize) -> bool {
    let extent = |line: &[usize]| {
        line.iter()
            .map(|&i| {
                (
                    segs[i].bbox.x0,
                    segs[i].bbox.x1,
                    segs[i].baseline,
                    segs[i].size,
                )
            })
            .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1), a.2, a.3.max(b.3)))
    };
    let rows: Vec<(f32, f32, f32, f32)> = lines[k..end].iter().filter_map(|l| extent(l)).collect();
    let (Some(first), Some(last)) = (rows.first(), rows.last()) else {
        return false;
    };
    let neighbours = [
        k.checked_sub(1).map(|i| (&lines[i], first.2)),
        lines.get(end).map(|l| (l, last.2)),
    ];
    neighbours.into_iter().flatten().any(|(line, baseline)| {
        let Some(n) = extent(line).filter(|_| line.len() == 1) else {
            return false;
        };
        let tol = 0.2 * n.3.max(5.0);
        (n.2 - baseline).abs() <= 1.8 * n.3
            && rows.iter().enumerate().all(|(i, r)| {
                // The first line of a paragraph may be indented.
                let indented = i == 0 && r.0 >= n.0 && r.0 - n.0 <= 3.0 * n.3;
                ((r.0 - n.0).abs() <= tol || indented) && (r.1 - n.1).abs() <= tol
            })
    })
}

/// A cell that holds only a number as written: digits with spaces, decimal commas, signs and percent.
fn is_number(text: &str) -> bool {
    text.chars().any(|c| c.is_ascii_digit())
        && text
            .chars()
            .all(|c| c.is_ascii_digit() || " ,.%+-−–\u{a0}".contains(c))
}

/// Whether the block is a table and not justified prose: in a table every column after the first keeps
/// an edge — left, right or centre — across its rows; the stretched gaps of a justified paragraph fall
/// wherever the words end, so its "columns" start and end at different places on each line.
fn columns_align(segs: &[Segment], lines: &[Vec<usize>], cols: &[(f32, f32)]) -> bool {
    let size = lines
        .iter()
        .flatten()
        .map(|&i| segs[i].size)
        .fold(0.0f32, f32::max);
    let tol = (0.3 * size).max(1.5);
    cols.iter().skip(1).all(|col| {
        let cells: Vec<(f32, f32)> = lines
            .iter()
            .filter_map(|line| {
                line.iter()
                    .map(|&i| &segs[i].bbox)
                    .filter(|b| col.0 <= b.x1 + 1.0 && b.x0 <= col.1 + 1.0)
                    .map(|b| (b.x0, b.x1))
                    .reduce(|a, b| (a.0.min(b.0), a.1.max(b.1)))
            })
            .collect();
        let spread = |f: &dyn Fn(&(f32, f32)) -> f32| {
            let v = cells.iter().map(f);
            let (lo, hi) = v.fold((f32::INFINITY, f32::NEG_INFINITY), |(lo, hi), x| {
                (lo.min(x), hi.max(x))
            });
            hi - lo
        };
        cells.len() < 2
            || spread(&|c| c.0) <= tol
            || spread(&|c| c.1) <= tol
            || spread(&|c| (c.0 + c.1) / 2.0) <= tol
    })
}

fn aligned_block(
    segs: &[Segment],
    lines: &[Vec<usize>],
    text_columns: &[f32],
) -> Option<PageTable> {
    // Columns: x ranges merged while segments overlap them.
    let mut cols: Vec<(f32, f32)> = Vec::new();
    for &i in lines.iter().flatten() {
        let (x0, x1) = (segs[i].bbox.x0, segs[i].bbox.x1);
        let hit: Vec<usize> = (0..cols.len())
            .filter(|&c| cols[c].0 <= x1 + 1.0 && x0 <= cols[c].1 + 1.0)
            .collect();
        let mut merged = (x0, x1);
        for &c in hit.iter().rev() {
            merged = (merged.0.min(cols[c].0), merged.1.max(cols[c].1));
            cols.remove(c);
        }
        cols.push(merged);
    }
    cols.sort_by(|a, b| a.0.total_cmp(&b.0));
    if cols.len() < 3 || !columns_align(segs, lines, &cols) {
        return None;
    }
    // Columns that are the page's columns of running text.
    let between_text_columns = cols.windows(2).all(|p| {
        text_columns
            .iter()
            .any(|&m| p[0].1 <= m + 1.0 && m - 1.0 <= p[1].0)
    });
    if !text_columns.is_empty() && between_text_columns {
        return None;
    }
    let mut rows: Vec<(Vec<Cell>, bool, bool)> = Vec::new();
    let mut bbox = segs[lines[0][0]].bbox;
    for line in lines {
        let mut cells = vec![String::new(); cols.len()];
        let mut bold = true;
        let mut digits = false;
        let mut sorted = line.clone();
        sorted.sort_by(|&a, &b| segs[a].bbox.x0.total_cmp(&segs[b].bbox.x0));
        for i in sorted {
            let s = &segs[i];
            bbox = bbox.union(&s.bbox);
            let c = cols
                .iter()
                .position(|c| c.0 <= s.bbox.x1 + 1.0 && s.bbox.x0 <= c.1 + 1.0)?;
            if !cells[c].is_empty() {
                cells[c].push(' ');
            }
            cells[c].push_str(&s.text);
            bold &= s.bold;
            digits |= is_number(&s.text);
        }
        rows.push((cells.into_iter().map(Cell::text).collect(), bold, digits));
    }
    // A bold first row, or a first row without numbers above rows with numbers, is the header.
    let header_rows = usize::from(rows[0].1 || (!rows[0].2 && rows.iter().skip(1).all(|r| r.2)));
    let mut it = rows.into_iter().map(|r| r.0);
    let header: Vec<Vec<Cell>> = it.by_ref().take(header_rows).collect();
    let rows: Vec<Vec<Cell>> = it.collect();
    (!rows.is_empty()).then_some(PageTable { bbox, header, rows })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word(x0: f32, x1: f32, y: f32, text: &str, bold: bool) -> Word {
        Word {
            bbox: BBox {
                x0,
                y0: y - 8.0,
                x1,
                y1: y + 2.0,
            },
            baseline: y,
            size: 9.0,
            text: text.into(),
            bold,
        }
    }

    fn h(y: f32) -> Rule {
        Rule {
            x0: 0.0,
            y0: y,
            x1: 300.0,
            y1: y + 0.5,
        }
    }
    fn v(x: f32, y0: f32, y1: f32) -> Rule {
        Rule {
            x0: x,
            y0,
            x1: x + 0.5,
            y1,
        }
    }

    #[test]
    fn a_ruled_grid_with_a_bold_header_and_a_merged_cell() {
        let rules = vec![
            h(0.0),
            h(20.0),
            h(40.0),
            v(0.0, 0.0, 40.0),
            v(100.0, 0.0, 40.0),
            v(200.0, 20.0, 40.0), // no rule between the last two columns in the header row
            v(300.0, 0.0, 40.0),
        ];
        let lines = vec![
            vec![
                word(5.0, 60.0, 14.0, "Belopp", true),
                word(150.0, 250.0, 14.0, "Budget", true),
            ],
            vec![
                word(5.0, 60.0, 34.0, "Avgifter", false),
                word(150.0, 180.0, 34.0, "235,7", false),
                word(250.0, 280.0, 34.0, "221,7", false),
            ],
            vec![word(5.0, 60.0, 60.0, "Brödtext", false)],
        ];
        let (tables, used) = ruled_tables(&rules, &lines);
        assert_eq!(tables.len(), 1);
        let t = &tables[0];
        assert_eq!(t.header.len(), 1);
        assert_eq!(t.header[0][1].text, "Budget");
        assert_eq!(t.header[0][1].col_span, 2);
        let row: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row, ["Avgifter", "235,7", "221,7"]);
        assert_eq!(used[2], [false]);
    }

    fn seg(x0: f32, x1: f32, y: f32, text: &str) -> Segment {
        Segment {
            bbox: BBox {
                x0,
                y0: y - 8.0,
                x1,
                y1: y + 2.0,
            },
            baseline: y,
            size: 10.0,
            bold: false,
            text: text.into(),
        }
    }

    #[test]
    fn aligned_columns_without_rules() {
        let mut segs = vec![
            seg(70.0, 300.0, 90.0, "Lite brödtext före tabellen."),
            seg(70.0, 120.0, 100.0, "Procent"),
            seg(300.0, 350.0, 100.0, "Budget 2026"),
            seg(400.0, 450.0, 100.0, "Prognos 2025"),
            seg(70.0, 190.0, 115.0, "Lönekostnadsökningstakt"),
            seg(335.0, 350.0, 115.0, "3,4"),
            seg(435.0, 450.0, 115.0, "5,4"),
            seg(70.0, 200.0, 130.0, "Läkemedelskostnadsutveckling"),
            seg(335.0, 350.0, 130.0, "3,1"),
            seg(433.0, 450.0, 130.0, "1,2"),
            seg(
                70.0,
                500.0,
                160.0,
                "Brödtext efter tabellen, över hela bredden.",
            ),
        ];
        let tables = aligned_tables(&mut segs, &[]);
        assert_eq!(tables.len(), 1);
        assert_eq!(tables[0].header[0][1].text, "Budget 2026");
        let row: Vec<&str> = tables[0].rows[1].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row, ["Läkemedelskostnadsutveckling", "3,1", "1,2"]);
        assert_eq!(segs.len(), 2);
    }
}
