//! Consistency of a table's numbers: the rows above a "Summa"/"Totalt" row (back to the previous sum or
//! section label) add up to it, within what rounding each printed value allows. A difference is reported,
//! never corrected.

use crate::model::{Cell, Diagnostic, Table};

/// Decimals as printed ("2 451,7" has one).
fn decimals(text: &str) -> usize {
    text.rfind([',', '.'])
        .map(|i| {
            text[i + 1..]
                .chars()
                .take_while(char::is_ascii_digit)
                .count()
        })
        .unwrap_or(0)
}

fn is_sum_label(label: &str) -> bool {
    let l = label.to_lowercase();
    l.starts_with("summa") || l.starts_with("totalt")
}

/// A column whose values do not add up by nature: shares, percentages, relations.
fn is_ratio_column(table: &Table, col: usize) -> bool {
    for row in &table.header {
        let mut at = 0usize;
        for cell in row {
            let span = cell.col_span.max(1) as usize;
            if (at..at + span).contains(&col) {
                let t = cell.text.to_lowercase();
                if t.contains('%') || t.contains("relation") || t.contains("procent") {
                    return true;
                }
            }
            at += span;
        }
    }
    table.rows.iter().any(|r| {
        r.get(col)
            .and_then(|c| c.quantity.as_ref())
            .is_some_and(|q| q.unit.as_deref() == Some("%"))
    })
}

fn value(cell: Option<&Cell>) -> Option<(f64, usize)> {
    let cell = cell?;
    let q = cell.quantity.as_ref()?;
    Some((q.value?, decimals(&q.text)))
}

/// The terms above a sum in one column, each with its printed decimals; an empty cell counts as zero.
fn terms(rows: &[Vec<Cell>], col: usize) -> Option<Vec<(f64, usize)>> {
    let vals: Vec<(f64, usize)> = rows
        .iter()
        .filter(|t| t.iter().skip(1).any(|c| c.quantity.is_some()))
        .map(|t| value(t.get(col)).unwrap_or((0.0, 0)))
        .collect();
    (!vals.is_empty()).then_some(vals)
}

fn adds_up(vals: &[(f64, usize)], total: f64, total_dec: usize) -> bool {
    let sum: f64 = vals.iter().map(|v| v.0).sum();
    let tolerance: f64 = vals
        .iter()
        .map(|v| v.1)
        .chain(std::iter::once(total_dec))
        .map(|d| 0.5 * 10f64.powi(-(d as i32)))
        .sum::<f64>()
        + 1e-9;
    (sum - total).abs() <= tolerance
}

/// Diagnostics for every sum row that does not match its terms. The terms run back to the previous
/// section label ("Verksamhetens kostnader") or, since a label-only row can also be an item without
/// values ("Byggnadsinvesteringar"), to the previous sum row; either reading that adds up is accepted.
pub(crate) fn sums(table: &Table) -> Vec<Diagnostic> {
    let mut out = Vec::new();
    let width = table.rows.iter().map(Vec::len).max().unwrap_or(0);
    let (mut since_label, mut since_sum) = (0, 0);
    for (r, row) in table.rows.iter().enumerate() {
        let label = row.first().map_or("", |c| c.text.as_str());
        let numeric = row.iter().skip(1).any(|c| c.quantity.is_some());
        if !numeric {
            since_label = r + 1;
            continue;
        }
        if !is_sum_label(label) {
            continue;
        }
        for col in 1..width {
            if is_ratio_column(table, col) {
                continue;
            }
            let Some((total, total_dec)) = value(row.get(col)) else {
                continue;
            };
            let readings: Vec<Vec<(f64, usize)>> = [since_label, since_sum]
                .iter()
                .filter_map(|&from| terms(&table.rows[from.min(r)..r], col))
                .collect();
            if readings.is_empty() || readings.iter().any(|v| adds_up(v, total, total_dec)) {
                continue;
            }
            let sum: f64 = readings[0].iter().map(|v| v.0).sum();
            let column = table
                .header
                .last()
                .and_then(|h| h.get(col))
                .map_or(String::new(), |c| format!(" ({})", c.text));
            out.push(
                Diagnostic::warning(
                    "tables.sum_mismatch",
                    format!(
                        "table {:?}, row {label:?}, column {col}{column}: the {} rows above add up to {sum:.2}, the table says {total}",
                        table.title.as_deref().unwrap_or(""),
                        readings[0].len()
                    ),
                )
                .with_span(table.prov.span)
                .with_page(table.prov.page),
            );
        }
        since_label = r + 1;
        since_sum = r + 1;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::Provenance;
    use crate::tables::number::quantity;

    fn row(label: &str, values: &[&str]) -> Vec<Cell> {
        let mut r = vec![Cell::text(label)];
        for v in values {
            let mut c = Cell::text(*v);
            c.quantity = quantity(v);
            r.push(c);
        }
        r
    }

    fn table(rows: Vec<Vec<Cell>>) -> Table {
        Table {
            id: "t".into(),
            title: Some("T".into()),
            unit: None,
            header: vec![vec![Cell::text("Belopp i mnkr"), Cell::text("Budget 2026")]],
            rows,
            prov: Provenance::default(),
        }
    }

    #[test]
    fn sums_within_rounding_pass() {
        let t = table(vec![
            row("Verksamhetens intäkter", &[""]),
            row("Avgifter", &["235,7"]),
            row("Såld vård", &["868,0"]),
            row("Övriga intäkter", &["2 451,7"]),
            row("Summa intäkter", &["3 555,4"]),
            row("Personal", &["-1,04"]),
            row("Övrigt", &["-1,04"]),
            row("Summa kostnader", &["-2,1"]),
        ]);
        assert!(sums(&t).is_empty(), "{:?}", sums(&t));
    }

    #[test]
    fn a_sum_that_does_not_add_up_is_reported() {
        let t = table(vec![
            row("Avgifter", &["235,7"]),
            row("Såld vård", &["868,0"]),
            row("Summa intäkter", &["1 104,7"]),
        ]);
        let d = sums(&t);
        assert_eq!(d.len(), 1);
        assert_eq!(d[0].code, "tables.sum_mismatch");
        assert!(d[0].message.contains("1103.70"), "{}", d[0].message);
    }

    #[test]
    fn percentage_columns_are_not_summed() {
        let mut t = table(vec![row("A", &["1,0"]), row("Summa", &["5,0"])]);
        t.header[0][1] = Cell::text("Relation (%)");
        assert!(sums(&t).is_empty());
    }
}
