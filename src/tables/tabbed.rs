//! Tables of DOCX-to-text exports: every cell is a line that starts with a tab, rows are separated by a
//! blank line, and a cell's further paragraphs follow as lines without a tab. The report's
//! "Indikatorer / Utfall / Målvärde" tables become indicators instead of tables.

use super::{number, unit_of, Context};
use crate::model::{collapse_whitespace, Cell, Diagnostic, Indicator, Table};
use crate::text::Line;

/// A cell as read: its text (lines joined by `\n`) and where it ends.
struct RawCell {
    text: String,
}

struct RawTable {
    /// Line index of the first cell line.
    first: usize,
    end: usize,
    rows: Vec<Vec<RawCell>>,
    /// Blank lines before each row. The cleaned text has lost the tab of an empty cell, so a blank line
    /// is either the row break or an empty cell; the counts let [`rebuild`] tell them apart.
    gaps: Vec<usize>,
}

/// The text of a cell line without its leading spaces and tabs, `None` for a line that is not a cell.
fn cell_text<'a>(line: &Line<'a>) -> Option<&'a str> {
    let t = line.text.trim_start_matches(' ');
    t.starts_with('\t')
        .then(|| t.trim_start_matches(['\t', ' ']).trim_end())
}

/// Reads the run of cell lines that starts at line `first`.
fn read(lines: &[Line], first: usize) -> (RawTable, usize) {
    let mut rows: Vec<Vec<RawCell>> = Vec::new();
    let mut gaps: Vec<usize> = Vec::new();
    let mut row: Option<Vec<RawCell>> = None;
    let mut end = lines[first].span.end;
    let mut j = first;
    let blank = |l: &Line| l.text.trim_matches(' ').is_empty();
    // Blank lines right under the line above the table: empty cells at the start of its first row.
    let mut gap = (0..first).rev().take_while(|&k| blank(&lines[k])).count();
    if gap > 2 || gap == first {
        gap = 0;
    }
    while j < lines.len() {
        let line = lines[j];
        if blank(&line) {
            if let Some(r) = row.take() {
                rows.push(r);
            }
            // The table goes on only if the next non-blank line is a cell.
            match (j..lines.len()).find(|&k| !blank(&lines[k])) {
                Some(k) if cell_text(&lines[k]).is_some() => {
                    gap = k - j;
                    j = k;
                    continue;
                }
                _ => break,
            }
        }
        match (cell_text(&line), row.as_mut()) {
            (Some(t), Some(r)) => r.push(RawCell { text: t.into() }),
            (Some(t), None) => {
                row = Some(vec![RawCell { text: t.into() }]);
                gaps.push(gap);
                gap = 0;
            }
            (None, Some(r)) => {
                if let Some(c) = r.last_mut() {
                    c.text.push('\n');
                    c.text.push_str(line.text.trim());
                }
            }
            (None, None) => break,
        }
        end = line.span.end;
        j += 1;
    }
    if let Some(r) = row.take() {
        rows.push(r);
    }
    (
        RawTable {
            first,
            end,
            rows,
            gaps,
        },
        j,
    )
}

/// Every tab-cell table and every report indicator of the document.
pub(crate) fn scan(
    ctx: &Context,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Vec<Table>, Vec<Indicator>) {
    let lines = ctx.lines;
    let (mut tables, mut indicators) = (Vec::new(), Vec::new());
    let mut i = 0;
    while i < lines.len() {
        if cell_text(&lines[i]).is_none() {
            i += 1;
            continue;
        }
        let (raw, next) = read(lines, i);
        i = next.max(i + 1);
        if is_indicator_table(&raw) {
            indicators.extend(report_indicators(ctx, &raw));
        } else if let Some(t) = to_table(ctx, raw, diagnostics) {
            tables.push(t);
        }
    }
    (tables, indicators)
}

fn is_indicator_table(raw: &RawTable) -> bool {
    let head: Vec<&str> = raw
        .rows
        .first()
        .map(|r| {
            r.iter()
                .map(|c| c.text.as_str())
                .filter(|t| !t.is_empty())
                .collect()
        })
        .unwrap_or_default();
    head.first() == Some(&"Indikatorer") && head.contains(&"Utfall")
}

/// The rows under "Indikatorer / Utfall / Målvärde": each cell names an indicator, a "Kommentar" cell
/// follows up the one before it. The values were pictures in the source, so none are read.
fn report_indicators(ctx: &Context, raw: &RawTable) -> Vec<Indicator> {
    let lines = ctx.lines;
    let goal = ctx.goal_before(lines[raw.first].span.start);
    let start = lines[raw.first].span.start;
    let mut out: Vec<Indicator> = Vec::new();
    for cell in raw.rows.iter().skip(1).flatten() {
        let text = cell.text.trim();
        if text.is_empty() {
            continue;
        }
        if let Some(comment) = text.strip_prefix("Kommentar") {
            if let Some(last) = out.last_mut() {
                let comment = collapse_whitespace(comment.trim_start_matches([':', ' ']));
                last.comment = (!comment.is_empty()).then_some(comment);
            }
            continue;
        }
        let name = collapse_whitespace(text);
        let at = ctx.doc.text[start..raw.end]
            .find(text.lines().next().unwrap_or(text))
            .map_or(start, |o| start + o);
        let end = at + text.lines().next().unwrap_or("").len();
        out.push(ctx.named_indicator(&goal, name, at, end));
    }
    out
}

/// The follow-up tables of the internal control plan: "Status / Åtgärd" over actions, each followed by a
/// "Kommentar" cell. The status was a picture, so it stays empty; the comment gets a column of its own.
fn follow_up_rows(raw: &RawTable) -> Option<(Vec<Cell>, Vec<Vec<Cell>>)> {
    let mut cells = raw.rows.iter().flatten().map(|c| c.text.trim());
    if cells.next()? != "Status" || cells.next()? != "Åtgärd" {
        return None;
    }
    let header = ["Status", "Åtgärd", "Kommentar"].map(Cell::text).to_vec();
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    for text in cells.filter(|t| !t.is_empty()) {
        match (text.strip_prefix("Kommentar"), rows.last_mut()) {
            (Some(comment), Some(row)) if row[2].text.is_empty() => {
                row[2] = Cell::text(collapse_whitespace(comment.trim_start_matches(':')));
            }
            _ => rows.push(vec![
                Cell::text(""),
                Cell::text(collapse_whitespace(text)),
                Cell::text(""),
            ]),
        }
    }
    Some((header, rows))
}

fn is_number(cell: Option<&Cell>) -> bool {
    cell.is_some_and(|c| number::quantity(&c.text).is_some())
}

/// Puts the empty cells back that the blank lines stood for. The width is the widest row (the first row
/// counted with the empty cells above it). A row that starts with a number continues the row before when
/// the blank lines between fill it exactly ("Antal läkarbesök", three empty cells, "-100"); a row without a
/// label gets its leading empty cells back when they make it exactly as wide as the table.
fn rebuild(rows: Vec<Vec<Cell>>, gaps: &[usize]) -> Vec<Vec<Cell>> {
    let lead = gaps.first().copied().unwrap_or(0);
    let width = rows
        .iter()
        .enumerate()
        .map(|(i, r)| r.len() + if i == 0 { lead } else { 0 })
        .max()
        .unwrap_or(0);
    let empties = |n: usize| (0..n).map(|_| Cell::text("")).collect::<Vec<_>>();
    let mut out: Vec<Vec<Cell>> = Vec::new();
    for (i, row) in rows.into_iter().enumerate() {
        let gap = gaps.get(i).copied().unwrap_or(1);
        let labelless = is_number(row.first()) || !row.iter().any(|c| is_number(Some(c)));
        if let Some(prev) = out.last_mut().filter(|_| i > 0 && is_number(row.first())) {
            if prev.len() < width && prev.len() + gap + row.len() == width {
                prev.extend(empties(gap));
                prev.extend(row);
                continue;
            }
        }
        let missing = if i == 0 { gap } else { gap.saturating_sub(1) };
        // A row of words gets back one empty stub cell at most ("", "Kvinnor", "Män", …); more blank lines
        // before it are more likely the empty cells that end the row above.
        let plausible = is_number(row.first()) || i == 0 || missing == 1;
        if missing > 0 && labelless && plausible && row.len() + missing == width {
            let mut full = empties(missing);
            full.extend(row);
            out.push(full);
        } else {
            out.push(row);
        }
    }
    out
}

/// Header rows, body rows and footnotes of a tab-cell table; `None` for runs that are no table.
fn to_table(ctx: &Context, raw: RawTable, diagnostics: &mut Vec<Diagnostic>) -> Option<Table> {
    let lines = ctx.lines;
    let cell = |c: &RawCell| Cell::text(collapse_whitespace(&c.text));
    let follow_up = follow_up_rows(&raw);
    let mut rows: Vec<Vec<Cell>> = match &follow_up {
        Some((header, rows)) => std::iter::once(header.clone())
            .chain(rows.clone())
            .collect(),
        None => rebuild(
            raw.rows
                .iter()
                .map(|r| r.iter().map(cell).collect::<Vec<_>>())
                .collect(),
            &raw.gaps,
        ),
    };
    rows.retain(|r| r.iter().any(|c| !c.text.is_empty()));
    let width = rows.iter().map(Vec::len).max().unwrap_or(0);
    if width < 2 || rows.len() < 2 {
        return None;
    }
    let mut title = None;
    let mut start = lines[raw.first].span.start;
    // The caption of the table: the line right above its first cell (and its leading empty cells).
    let lead = raw.gaps.first().copied().unwrap_or(0);
    if let Some(k) = raw.first.checked_sub(1 + lead) {
        let above = lines[k].text.trim();
        if !above.is_empty() && above.chars().count() <= 250 && cell_text(&lines[k]).is_none() {
            title = Some(collapse_whitespace(above));
            start = lines[k].span.start;
        }
    }
    // A first row of one cell over a wider table is its caption.
    if rows[0].len() == 1 {
        let caption = rows.remove(0);
        title = caption.into_iter().next().map(|c| c.text);
    }
    let mut header = vec![rows.remove(0)];
    // More header rows: words only, and either without a stub ("", "Kvinnor", …) or wider than the first
    // header row ("i timmar", "Kvinnor", … under "Extratid", "Utfall jan - dec 2024", …).
    while let Some(r) = rows.first().filter(|_| follow_up.is_none()) {
        let words_only = r.iter().all(|c| number::quantity(&c.text).is_none());
        let sub = r.first().is_some_and(|c| c.text.is_empty()) || r.len() > header[0].len();
        if !(words_only && sub && r.len() > 1) {
            break;
        }
        header.push(rows.remove(0));
    }
    // Spanning top cells: "Antal årsarbetare per 31 dec 2024" stands over "Kvinnor Män Totalt".
    if header.len() > 1 && header[0].len() > 1 && header[0].len() < width {
        let span = (width - 1) / (header[0].len() - 1);
        if span * (header[0].len() - 1) == width - 1 {
            for c in header[0].iter_mut().skip(1) {
                c.col_span = span as u32;
            }
        }
    }
    // A one-cell row at the end that reads as a footnote or definition spans the table; other rows get
    // the empty cells that end them back, so that every row is as wide as the table.
    let note = |t: &str| t.starts_with("*)") || t.starts_with("Definition") || t.len() > 80;
    let last = rows.len().saturating_sub(1);
    for (i, r) in rows.iter_mut().enumerate() {
        if r.len() == 1 && i == last && note(&r[0].text) {
            r[0].col_span = width as u32;
        } else if r.len() < width && r.len() > 1 || r.len() == 1 && !note(&r[0].text) {
            r.resize_with(width, || Cell::text(""));
        }
    }
    let unit = header
        .iter()
        .filter_map(|r| r.first())
        .find_map(|c| unit_of(&c.text));
    let mut table = Table {
        id: String::new(),
        title,
        unit,
        header,
        rows,
        prov: ctx.prov(start, raw.end),
    };
    super::parse_cells(&mut table, diagnostics);
    Some(table)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::text::split_lines as lines;

    #[test]
    fn rows_are_separated_by_blank_lines_and_cells_continue_without_tab() {
        let text = "Title\n\tA\n\tB\n\n\tx\n\t1,0\n\n\ty\nmore\n\t2,0\n\nAfter";
        let ls = lines(text);
        let (raw, _) = read(&ls, 1);
        assert_eq!(raw.rows.len(), 3);
        assert_eq!(raw.rows[2][0].text, "y\nmore");
        assert_eq!(&text[raw.end - 4..raw.end], "\t2,0");
    }

    fn texts(rows: &[Vec<Cell>]) -> Vec<Vec<&str>> {
        rows.iter()
            .map(|r| r.iter().map(|c| c.text.as_str()).collect())
            .collect()
    }

    #[test]
    fn empty_cells_come_back_from_the_blank_lines() {
        // "Läkarbesök": a header with an empty first cell, a row with three empty cells inside.
        let text = "Läkarbesök\n\n\tUtfall 2024\n\tUtfall 2023\n\tFörändring\n\tRelation (%)\n\n\tAntal\n\n\n\n\t-100\n\n\nText";
        let ls = lines(text);
        let (raw, _) = read(&ls, 2);
        let rows = rebuild(
            raw.rows
                .iter()
                .map(|r| r.iter().map(|c| Cell::text(c.text.clone())).collect())
                .collect(),
            &raw.gaps,
        );
        assert_eq!(
            texts(&rows),
            [
                vec![
                    "",
                    "Utfall 2024",
                    "Utfall 2023",
                    "Förändring",
                    "Relation (%)"
                ],
                vec!["Antal", "", "", "", "-100"]
            ]
        );
    }

    #[test]
    fn a_second_header_level_gets_its_empty_first_cell() {
        let text = "T\n\tGrupp\n\t2024\n\n\n\tK\n\tM\n\n\tA\n\t1,0\n\t2,0\n\n\n\t3,0\n\t4,0\n\nEnd";
        let ls = lines(text);
        let (raw, _) = read(&ls, 1);
        let rows = rebuild(
            raw.rows
                .iter()
                .map(|r| r.iter().map(|c| Cell::text(c.text.clone())).collect())
                .collect(),
            &raw.gaps,
        );
        assert_eq!(
            texts(&rows),
            [
                vec!["Grupp", "2024"],
                vec!["", "K", "M"],
                vec!["A", "1,0", "2,0"],
                vec!["", "3,0", "4,0"]
            ]
        );
    }

    #[test]
    fn two_blank_lines_end_a_table_only_before_text() {
        let text = "\tA\n\tB\n\n\n\tc\n\td\n\n\nText";
        let ls = lines(text);
        let (raw, _) = read(&ls, 0);
        assert_eq!(raw.rows.len(), 2);
    }
}
