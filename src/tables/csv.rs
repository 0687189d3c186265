//! A table as a rectangular grid for CSV: one name per column (the header levels above it joined with
//! " / ", spans expanded so columns stay aligned) and the body rows cell by cell, the text as printed.

use crate::model::{Cell, Table};

/// The cells of a row laid out column by column: a cell spanning several columns fills each of them in
/// a header row (so "Budget 2026" stands over both its sub-columns) and only its first in a body row.
fn expand(row: &[Cell], repeat_spans: bool) -> Vec<String> {
    let mut out = Vec::new();
    for cell in row {
        out.push(cell.text.clone());
        for _ in 1..cell.col_span.max(1) {
            out.push(if repeat_spans {
                cell.text.clone()
            } else {
                String::new()
            });
        }
    }
    out
}

/// Column names and body rows of a table, all rows as wide as the widest.
pub fn grid(table: &Table) -> (Vec<String>, Vec<Vec<String>>) {
    let header: Vec<Vec<String>> = table.header.iter().map(|r| expand(r, true)).collect();
    let mut rows: Vec<Vec<String>> = table.rows.iter().map(|r| expand(r, false)).collect();
    let width = header.iter().chain(&rows).map(Vec::len).max().unwrap_or(0);
    let names = (0..width)
        .map(|c| {
            let mut parts: Vec<String> = Vec::new();
            for level in &header {
                let part =
                    crate::model::collapse_whitespace(level.get(c).map_or("", String::as_str));
                if !part.is_empty() && parts.last() != Some(&part) {
                    parts.push(part);
                }
            }
            parts.join(" / ")
        })
        .collect();
    for row in &mut rows {
        row.resize(width, String::new());
    }
    (names, rows)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    #[test]
    fn two_level_headers_name_each_column_and_spans_align() {
        let mut budget = Cell::text("Budget 2026");
        budget.col_span = 2;
        let mut note = Cell::text("*) En fotnot");
        note.col_span = 3;
        let table = Table {
            id: "t".into(),
            title: None,
            unit: Some("mnkr".into()),
            header: vec![
                vec![Cell::text("Belopp i mnkr"), budget],
                vec![
                    Cell::text(""),
                    Cell::text("Omsättning"),
                    Cell::text("Varav budgetram"),
                ],
            ],
            rows: vec![
                vec![
                    Cell::text("Område psykiatri"),
                    Cell::text("-989,5"),
                    Cell::text("-930,0"),
                ],
                vec![note],
            ],
            prov: Provenance::default(),
        };
        let (names, rows) = grid(&table);
        assert_eq!(
            names,
            [
                "Belopp i mnkr",
                "Budget 2026 / Omsättning",
                "Budget 2026 / Varav budgetram"
            ]
        );
        assert_eq!(rows[0], ["Område psykiatri", "-989,5", "-930,0"]);
        assert_eq!(rows[1], ["*) En fotnot", "", ""]);
    }
}
