//! Turns the cells of a Word table into the table model: grid positions, merged cells, header rows.

use crate::model::{Cell, Provenance, Table};

/// A cell's part in a vertical merge: the first cell of the run, or one covered by it.
#[derive(Clone, Copy, PartialEq)]
pub enum VMerge {
    Restart,
    Continue,
}

/// A cell as read: its paragraphs' text, the grid columns it spans and its vertical merge.
pub struct CellState {
    pub paragraphs: Vec<String>,
    pub grid_span: u32,
    pub vmerge: Option<VMerge>,
}

/// Places cells on the grid, turns `vMerge` runs into row spans and splits header from body rows.
///
/// Like HTML, a cell covered by a span above it is left out of its row.
pub fn finish_table(
    rows: Vec<Vec<CellState>>,
    header_flags: &[bool],
    prov: Provenance,
    caption: Option<String>,
) -> Table {
    // Grid position of every cell.
    let placed: Vec<Vec<(u32, CellState)>> = rows
        .into_iter()
        .map(|row| {
            let mut col = 0u32;
            row.into_iter()
                .map(|c| {
                    let at = col;
                    col = col.saturating_add(c.grid_span);
                    (at, c)
                })
                .collect()
        })
        .collect();
    let width = placed
        .iter()
        .map(|r| r.iter().map(|(_, c)| c.grid_span).sum::<u32>())
        .max()
        .unwrap_or(0);
    let continues = |r: usize, col: u32| {
        placed.get(r).is_some_and(|row| {
            row.iter()
                .any(|(at, c)| *at == col && c.vmerge == Some(VMerge::Continue))
        })
    };
    let mut out_rows: Vec<Vec<Cell>> = Vec::with_capacity(placed.len());
    let mut spans_to: Vec<usize> = Vec::with_capacity(placed.len());
    for (r, row) in placed.iter().enumerate() {
        let mut cells = Vec::new();
        let mut reach = r;
        for (at, c) in row {
            if c.vmerge == Some(VMerge::Continue) && r > 0 {
                continue;
            }
            let mut row_span = 1;
            if c.vmerge == Some(VMerge::Restart) {
                while continues(r + row_span, *at) {
                    row_span += 1;
                }
            }
            reach = reach.max(r + row_span - 1);
            cells.push(Cell {
                text: c.paragraphs.join("\n").trim().to_string(),
                quantity: None,
                col_span: c.grid_span,
                row_span: row_span as u32,
            });
        }
        out_rows.push(cells);
        spans_to.push(reach);
    }
    // Header: the rows marked to repeat as header, else the first row; a first row that is one cell
    // across the whole table is a title, and the column headings under it belong to the header too;
    // a header cell spanning down takes the rows it covers along.
    let mut header_len = header_flags.iter().take_while(|&&h| h).count();
    if header_len == 0 && out_rows.len() > 1 {
        header_len = 1;
    }
    let title = out_rows
        .first()
        .filter(|r| r.len() == 1 && r[0].col_span == width && width > 1)
        .map(|r| r[0].text.clone());
    if title.is_some() && header_len == 1 && out_rows.len() > 2 {
        header_len = 2;
    }
    let mut i = 0;
    while i < header_len && i < spans_to.len() {
        header_len = header_len.max(spans_to[i] + 1);
        i += 1;
    }
    let header_len = header_len.min(out_rows.len());
    let rows = out_rows.split_off(header_len);
    let unit = out_rows.iter().flatten().find_map(|c| unit_of(&c.text));
    Table {
        id: String::new(),
        title: title.or(caption),
        unit,
        header: out_rows,
        rows,
        prov,
    }
}

/// The money unit a header names ("Belopp i mnkr").
fn unit_of(text: &str) -> Option<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .find(|w| matches!(w.to_lowercase().as_str(), "mnkr" | "tkr" | "mdkr" | "kr"))
        .map(|w| w.to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str, grid_span: u32, vmerge: Option<VMerge>) -> CellState {
        CellState {
            paragraphs: vec![text.to_string()],
            grid_span,
            vmerge,
        }
    }

    #[test]
    fn a_full_width_first_row_is_a_title_over_the_column_headings() {
        let rows = vec![
            vec![cell("Driftredovisning", 3, None)],
            vec![
                cell("Belopp i tkr", 1, None),
                cell("2024", 1, None),
                cell("2023", 1, None),
            ],
            vec![
                cell("Resultat", 1, None),
                cell("-462,1", 1, None),
                cell("-1 216,1", 1, None),
            ],
        ];
        let t = finish_table(rows, &[], Provenance::default(), Some("Före".into()));
        assert_eq!(t.title.as_deref(), Some("Driftredovisning"));
        assert_eq!(t.unit.as_deref(), Some("tkr"));
        assert_eq!((t.header.len(), t.rows.len()), (2, 1));
    }

    #[test]
    fn a_continued_merge_without_a_start_is_kept_as_a_cell() {
        let rows = vec![
            vec![cell("a", 1, Some(VMerge::Continue)), cell("b", 1, None)],
            vec![cell("c", 1, None), cell("d", 1, None)],
        ];
        let t = finish_table(rows, &[true], Provenance::default(), None);
        assert_eq!(t.header[0][0].text, "a");
        assert_eq!(t.rows[0].len(), 2);
    }
}
