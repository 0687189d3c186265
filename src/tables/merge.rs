//! Native tables broken over a page: an ingester that builds tables page by page (PDF positions) hands over
//! two tables where the document has one, the second repeating the header. They are joined here, and the
//! join is reported.

use crate::model::{Diagnostic, Table};

fn header_texts(t: &Table) -> Vec<Vec<&str>> {
    t.header
        .iter()
        .map(|r| r.iter().map(|c| c.text.trim()).collect())
        .collect()
}

/// Joins each table into the one before it when it starts on the next page with the same, non-empty header.
pub(crate) fn continued_tables(
    tables: Vec<Table>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Table> {
    let mut out: Vec<Table> = Vec::new();
    for table in tables {
        if let Some(prev) = out.last_mut() {
            let next_page = match (prev.prov.page, table.prov.page) {
                (Some(a), Some(b)) => b == a + 1,
                _ => false,
            };
            let same_header =
                !table.header.is_empty() && header_texts(prev) == header_texts(&table);
            if next_page && same_header {
                diagnostics.push(
                    Diagnostic::info(
                        "tables.continued",
                        format!(
                            "table {:?} goes on on page {} under a repeated header; joined",
                            prev.title.as_deref().unwrap_or(&prev.id),
                            table.prov.page.unwrap_or_default()
                        ),
                    )
                    .with_page(table.prov.page),
                );
                prev.rows.extend(table.rows);
                if !table.prov.span.is_empty() {
                    prev.prov.span.end = prev.prov.span.end.max(table.prov.span.end);
                }
                continue;
            }
        }
        out.push(table);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Cell, Provenance, Span};

    fn t(id: &str, page: u32, header: &[&str], rows: &[&str]) -> Table {
        Table {
            id: id.into(),
            title: None,
            unit: None,
            header: vec![header.iter().map(|h| Cell::text(*h)).collect()],
            rows: rows.iter().map(|r| vec![Cell::text(*r)]).collect(),
            prov: Provenance {
                span: Span::new(page as usize * 10, page as usize * 10 + 5),
                page: Some(page),
                ..Default::default()
            },
        }
    }

    #[test]
    fn a_repeated_header_on_the_next_page_continues_the_table() {
        let mut d = Vec::new();
        let h = ["Belopp i mnkr", "Budget 2026"];
        let out = continued_tables(vec![t("a", 3, &h, &["x"]), t("b", 4, &h, &["y"])], &mut d);
        assert_eq!(out.len(), 1);
        assert_eq!(out[0].rows.len(), 2);
        assert_eq!(out[0].prov.span, Span::new(30, 45));
        assert_eq!(d.len(), 1);
    }

    #[test]
    fn other_headers_or_pages_stay_apart() {
        let mut d = Vec::new();
        let h = ["Belopp i mnkr", "Budget 2026"];
        let out = continued_tables(
            vec![
                t("a", 3, &h, &["x"]),
                t("b", 3, &h, &["y"]),
                t("c", 5, &h, &["z"]),
                t("d", 6, &["Område", "Kommentar"], &["w"]),
            ],
            &mut d,
        );
        assert_eq!(out.len(), 4);
        assert!(d.is_empty());
    }
}
