//! Tables that PDF text extraction flattened into lines: a header line of a stub and year columns
//! ("Belopp i mnkr Budget 2026 Prognos 2025 Budget 2025"), then rows of a label and a run of numbers
//! ("Övriga intäkter 2 451,7 2 448,4 2 433,5"), section labels, labels wrapped over two lines, a second
//! header level in broken words, and the header repeated where the table crosses a page.

use super::number::{self, SplitError, Splitter};
use super::words::join_lines;
use super::{unit_of, Context};
use crate::model::{collapse_whitespace, Cell, Diagnostic, Table};
use crate::text::Line;
use regex::Regex;
use std::sync::LazyLock;

/// "Belopp i mnkr Budget 2026 Prognos 2025 Budget 2025": a short stub, then two or more "Name YYYY".
static HEADER: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^(\S.{0,40}?) ((?:[A-ZÅÄÖ][a-zåäö]+ (?:19|20)\d\d ?){2,})$").expect("valid regex")
});
static COLUMN: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"[A-ZÅÄÖ][a-zåäö]+ (?:19|20)\d\d").expect("valid regex"));
/// A numbered section heading ("4.5 Driftbudget hälso- och sjukvård").
static HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^\d+(?:\.\d+)*\.? +[A-ZÅÄÖ]").expect("valid regex"));

/// A row split into its label and the byte ranges (in the line) of its values.
struct Split {
    label_end: usize,
    values: Vec<std::ops::Range<usize>>,
}

/// Splits a line into a label and exactly `n` quantities; `Err(true)` when that could be done two ways.
fn split_row(text: &str, n: usize) -> Result<Split, bool> {
    let mut splitter = Splitter::new(text);
    let toks = splitter.tokens().to_vec();
    let mut found: Vec<(usize, Vec<std::ops::Range<usize>>)> = Vec::new();
    let mut ambiguous = false;
    for k in 1..toks.len() {
        // A label does not end in a bare number: "Övriga intäkter 2" + "451,7 …" is not a row, and neither
        // is "Område nära vård -2 189,6 -422,9" + two more numbers.
        if number::quantity(&text[toks[k - 1].clone()]).is_some() {
            continue;
        }
        match splitter.split_from(k, n) {
            Ok(parts) => found.push((k, parts)),
            Err(SplitError::Ambiguous) => ambiguous = true,
            Err(SplitError::None) => {}
        }
    }
    match found.len() {
        1 if !ambiguous => {
            let (k, values) = found.remove(0);
            Ok(Split {
                label_end: toks[k - 1].end,
                values,
            })
        }
        0 if !ambiguous => Err(false),
        _ => Err(true),
    }
}

fn next_non_blank(lines: &[Line], from: usize) -> Option<usize> {
    (from..lines.len()).find(|&k| !lines[k].is_blank())
}

/// A line that can stand as a section label inside a table ("Verksamhetens intäkter", "It-utrustning").
fn is_section_label(text: &str) -> bool {
    let t = text.trim();
    let words = t.split_whitespace().count();
    (1..=6).contains(&words)
        && t.starts_with(|c: char| c.is_uppercase())
        && !t.ends_with(['.', ':'])
        && !t.starts_with("*)")
        && !HEADING.is_match(t)
        && !HEADER.is_match(t)
}

/// Every flattened table of the document.
pub(crate) fn scan(ctx: &Context, diagnostics: &mut Vec<Diagnostic>) -> Vec<Table> {
    let lines = ctx.lines;
    let mut out = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let text = lines[i].text.trim();
        match HEADER.captures(text) {
            Some(cap) if !text.contains('\t') => {
                let stub = cap.get(1).map_or("", |m| m.as_str()).trim().to_string();
                let columns: Vec<String> = cap
                    .get(2)
                    .map(|m| COLUMN.find_iter(m.as_str()).map(|c| c.as_str().to_string()))
                    .into_iter()
                    .flatten()
                    .collect();
                let (table, next) = read_table(ctx, i, stub, columns, diagnostics);
                if let Some(table) = table {
                    out.push(table);
                }
                i = next.max(i + 1);
            }
            _ => i += 1,
        }
    }
    out
}

/// Reads the table whose header line is line `h`; returns it (when it has rows) and the line after it.
fn read_table(
    ctx: &Context,
    h: usize,
    stub: String,
    columns: Vec<String>,
    diagnostics: &mut Vec<Diagnostic>,
) -> (Option<Table>, usize) {
    let lines = ctx.lines;
    let header_text = lines[h].text.trim();
    let mut ncols = columns.len();
    let mut pending: Vec<usize> = Vec::new();
    let mut sub_header: Option<Vec<Cell>> = None;
    let mut rows: Vec<Vec<Cell>> = Vec::new();
    let mut end = lines[h].span.end;
    let mut j = h + 1;
    let row_cells = |label: String, line: &str, split: &Split| -> Vec<Cell> {
        let mut cells = vec![Cell::text(label)];
        for r in &split.values {
            let mut c = Cell::text(collapse_whitespace(&line[r.clone()]));
            c.quantity = number::quantity(&line[r.clone()]);
            cells.push(c);
        }
        cells
    };
    let empty_row = |label: String, n: usize| -> Vec<Cell> {
        let mut cells = vec![Cell::text(label)];
        cells.extend((0..n).map(|_| Cell::text("")));
        cells
    };
    while j < lines.len() {
        let line = lines[j];
        let text = line.text.trim();
        if line.is_blank() {
            j += 1;
            continue;
        }
        if text == header_text {
            diagnostics.push(
                Diagnostic::info(
                    "tables.repeated_header",
                    format!("the header {text:?} repeats inside the table (a page break); read as one table"),
                )
                .with_span(crate::model::Span::new(line.span.start, line.span.end))
                .with_page(ctx.doc.page_at(line.span.start)),
            );
            j += 1;
            continue;
        }
        if HEADING.is_match(text) || HEADER.is_match(text) {
            break;
        }
        // Before the first row the number of columns may still grow with a second header level.
        let widths: Vec<usize> = if rows.is_empty() && sub_header.is_none() {
            (1..=3).map(|k| k * columns.len()).collect()
        } else {
            vec![ncols]
        };
        let mut matched = None;
        let mut ambiguous = None;
        for &n in &widths {
            match split_row(text, n) {
                Ok(split) => {
                    matched = Some((n, split));
                    break;
                }
                Err(true) => ambiguous = Some(n),
                Err(false) => {}
            }
        }
        if let (None, Some(n)) = (&matched, ambiguous) {
            diagnostics.push(
                Diagnostic::warning(
                    "tables.ambiguous_row",
                    format!("{text:?} splits into {n} numbers in more than one way; not read"),
                )
                .with_span(crate::model::Span::new(line.span.start, line.span.end)),
            );
        }
        if let Some((n, split)) = matched {
            if rows.is_empty() && sub_header.is_none() {
                if n > columns.len() {
                    let frags = pending.iter().map(|&k| lines[k].text);
                    sub_header = Some(sub_header_cells(
                        &join_lines(frags, ctx.lexicon),
                        n,
                        diagnostics,
                    ));
                } else {
                    for &k in &pending {
                        rows.push(empty_row(collapse_whitespace(lines[k].text), n));
                    }
                }
                pending.clear();
                ncols = n;
            }
            let label = collapse_whitespace(&text[..split.label_end]);
            rows.push(row_cells(label, text, &split));
            end = line.span.end;
            j += 1;
            continue;
        }
        if rows.is_empty() && sub_header.is_none() {
            if pending.len() > 24 {
                break;
            }
            pending.push(j);
            j += 1;
            continue;
        }
        // A label wrapped over two lines: the next line (no blank between) ends with the numbers.
        if let Some(next) = lines.get(j + 1).filter(|l| !l.is_blank()) {
            let joined = format!("{} {}", text, next.text.trim());
            if let Ok(split) = split_row(&joined, ncols) {
                let label = collapse_whitespace(&joined[..split.label_end]);
                rows.push(row_cells(label, &joined, &split));
                end = next.span.end;
                j += 2;
                continue;
            }
        }
        if text.starts_with("*)") {
            let mut k = j;
            let mut note = Vec::new();
            while k < lines.len() && !lines[k].is_blank() {
                note.push(lines[k].text);
                k += 1;
            }
            let mut cell = Cell::text(collapse_whitespace(&note.join(" ")));
            cell.col_span = ncols as u32 + 1;
            rows.push(vec![cell]);
            end = lines[k - 1].span.end;
            j = k;
            break;
        }
        // A section label counts when the table goes on after it.
        let goes_on = next_non_blank(lines, j + 1).is_some_and(|k| {
            let t = lines[k].text.trim();
            split_row(t, ncols).is_ok() || (is_section_label(t) && k + 1 < lines.len())
        });
        if is_section_label(text) && goes_on {
            rows.push(empty_row(collapse_whitespace(text), ncols));
            j += 1;
            continue;
        }
        break;
    }
    if !rows
        .iter()
        .any(|r| r.len() > 1 && r.iter().any(|c| c.quantity.is_some()))
    {
        return (None, j);
    }
    let start_line = title_line(lines, h);
    let title = start_line.map(|k| collapse_whitespace(lines[k].text));
    let first = start_line.map_or(lines[h], |k| lines[k]);
    let start = first.span.start + (first.text.len() - first.text.trim_start().len());
    let group = if sub_header.is_some() {
        (ncols / columns.len()) as u32
    } else {
        1
    };
    let mut top = vec![Cell::text(stub.clone())];
    for c in &columns {
        let mut cell = Cell::text(c.clone());
        cell.col_span = group;
        top.push(cell);
    }
    let mut header = vec![top];
    header.extend(sub_header);
    (
        Some(Table {
            id: String::new(),
            title,
            unit: unit_of(&stub),
            header,
            rows,
            prov: ctx.prov(start, end),
        }),
        j,
    )
}

/// The caption above a header line: a numbered heading or a short line without a full stop.
fn title_line(lines: &[Line], h: usize) -> Option<usize> {
    let k = (0..h).rev().find(|&k| !lines[k].is_blank())?;
    let t = lines[k].text.trim();
    (h - k <= 2 && (HEADING.is_match(t) || (t.len() <= 80 && !t.ends_with(['.', ':']))))
        .then_some(k)
}

/// Cuts the second header level ("Omsättning Varav budgetram Omsättning Varav budgetram") into `n` cells,
/// a new cell at each capitalized word; when that does not give `n`, one cell over all columns.
fn sub_header_cells(text: &str, n: usize, diagnostics: &mut Vec<Diagnostic>) -> Vec<Cell> {
    let mut cells: Vec<String> = Vec::new();
    for word in text.split_whitespace() {
        match cells.last_mut() {
            Some(last) if !word.starts_with(|c: char| c.is_uppercase()) => {
                last.push(' ');
                last.push_str(word);
            }
            _ => cells.push(word.to_string()),
        }
    }
    let mut row = vec![Cell::text("")];
    if cells.len() == n {
        row.extend(cells.into_iter().map(Cell::text));
    } else {
        diagnostics.push(Diagnostic::warning(
            "tables.sub_header",
            format!("second header level {text:?} does not split into {n} columns; kept whole"),
        ));
        let mut cell = Cell::text(text);
        cell.col_span = n as u32;
        row.push(cell);
    }
    row
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_lines_have_a_stub_and_year_columns() {
        let cap = HEADER
            .captures("Belopp i mnkr Budget 2026 Prognos 2025 Budget 2025")
            .unwrap();
        assert_eq!(&cap[1], "Belopp i mnkr");
        assert!(HEADER.is_match("Procent Budget 2026 Prognos 2025 Budget 2025"));
        assert!(!HEADER.is_match("Avgifter 235,7 221,7 228,6"));
        assert!(!HEADER.is_match("Budget 2026 redovisas exklusive kommande tilläggsbudget"));
    }

    #[test]
    fn a_row_is_a_label_and_exactly_n_numbers() {
        let t = "Övriga intäkter 2 451,7 2 448,4 2 433,5";
        let s = split_row(t, 3).unwrap();
        assert_eq!(&t[..s.label_end], "Övriga intäkter");
        assert_eq!(&t[s.values[0].clone()], "2 451,7");
        let t = "Investeringsbidrag (konto 2322, minusbelopp) 0,0 -0,5 0,0";
        let s = split_row(t, 3).unwrap();
        assert_eq!(
            &t[..s.label_end],
            "Investeringsbidrag (konto 2322, minusbelopp)"
        );
        assert!(split_row("Budget 2026 redovisas exklusive kvartal 1 2026.", 3).is_err());
        assert!(split_row("Verksamhetens intäkter", 3).is_err());
    }

    #[test]
    fn a_second_header_level_splits_at_capitals() {
        let mut d = Vec::new();
        let row = sub_header_cells(
            "Omsättning Varav budgetram Omsättning Varav budgetram",
            4,
            &mut d,
        );
        let texts: Vec<&str> = row.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(
            texts,
            [
                "",
                "Omsättning",
                "Varav budgetram",
                "Omsättning",
                "Varav budgetram"
            ]
        );
        assert!(d.is_empty());
        let row = sub_header_cells("Omsättning Varav", 4, &mut d);
        assert_eq!(row[1].col_span, 4);
        assert_eq!(d.len(), 1);
    }
}
