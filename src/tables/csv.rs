//! A table as CSV (RFC 4180, comma-separated, UTF-8): header rows, then body rows, the text of each cell
//! as printed. A cell spanning several columns is followed by empty cells so that columns stay aligned.

use crate::model::{Cell, Table};
use std::io::Write;
use std::path::Path;

/// Writes `table` as CSV to `out`.
pub fn to_writer(table: &Table, out: &mut impl Write) -> std::io::Result<()> {
    for row in table.header.iter().chain(&table.rows) {
        writeln!(out, "{}", line(row))?;
    }
    Ok(())
}

/// Writes `table` as a CSV file at `path`, atomically (a reader never sees half a file).
pub fn write_csv(table: &Table, path: &Path) -> std::io::Result<()> {
    let mut bytes = Vec::new();
    to_writer(table, &mut bytes)?;
    crate::emit::write_atomic(path, &bytes)
}

fn line(row: &[Cell]) -> String {
    let mut fields: Vec<String> = Vec::new();
    for cell in row {
        fields.push(field(&cell.text));
        for _ in 1..cell.col_span.max(1) {
            fields.push(String::new());
        }
    }
    fields.join(",")
}

fn field(text: &str) -> String {
    if text.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", text.replace('"', "\"\""))
    } else {
        text.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;

    #[test]
    fn quoting_and_spans() {
        let mut budget = Cell::text("Budget 2026");
        budget.col_span = 2;
        let table = Table {
            id: "t".into(),
            title: None,
            unit: Some("mnkr".into()),
            header: vec![vec![Cell::text("Belopp i mnkr"), budget, Cell::text("B")]],
            rows: vec![vec![
                Cell::text("Avskrivningar, inventarier"),
                Cell::text("-194,5"),
                Cell::text("säger \"ja\""),
                Cell::text("x"),
            ]],
            prov: Provenance::default(),
        };
        let mut out = Vec::new();
        to_writer(&table, &mut out).unwrap();
        assert_eq!(
            String::from_utf8(out).unwrap(),
            "Belopp i mnkr,Budget 2026,,B\n\"Avskrivningar, inventarier\",\"-194,5\",\"säger \"\"ja\"\"\",x\n"
        );
    }
}
