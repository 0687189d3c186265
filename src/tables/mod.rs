//! Tables: finds the tables and indicators (styrtal) of a document and reads their numbers — tables
//! flattened into lines by PDF text extraction, tab-prefixed cells of DOCX text exports, and native tables
//! that an ingester built — and checks that sums add up, reporting what does not.

mod check;
mod csv;
mod flat;
mod lists;
mod merge;
mod native;
pub mod number;
mod styrtal;
mod tabbed;
mod words;

pub use csv::grid;
pub use words::{LazyLexicon, WordList};

use crate::detect::{IndicatorColumns, Profile};
use crate::model::{stable_id, Diagnostic, Document, Indicator, Provenance, Span, Table};
use crate::text::{split_lines, Line};
use regex::Regex;
use std::sync::LazyLock;

/// Choices for table and indicator extraction.
#[derive(Clone, Debug)]
pub struct TableOptions {
    /// Word list used to mend words broken inside narrow cells.
    pub dictionary: WordList,
    /// Check that rows add up to their "Summa"/"Totalt" row.
    pub check_sums: bool,
    /// Header words of indicator tables (from the detection profile).
    pub indicator_columns: IndicatorColumns,
}

impl Default for TableOptions {
    fn default() -> Self {
        TableOptions {
            dictionary: WordList::Embedded,
            check_sums: true,
            indicator_columns: Profile::general().indicator_table,
        }
    }
}

/// Finds tables and indicators in a detected document, parses the numbers of every cell (also of tables
/// an ingester gave natively, joining those continued on the next page) and reports sums that do not add
/// up.
pub fn tables(mut doc: Document, opts: &TableOptions) -> Document {
    let lexicon = LazyLexicon::new(opts.dictionary.clone());
    let mut diagnostics = Vec::new();
    doc.tables = merge::continued_tables(std::mem::take(&mut doc.tables), &mut diagnostics);
    for table in &mut doc.tables {
        parse_cells(table, &mut diagnostics);
    }
    let lines = split_lines(&doc.text);
    let ctx = Context {
        doc: &doc,
        lines: &lines,
        lexicon: &lexicon,
    };
    let mut found = flat::scan(&ctx, &mut diagnostics);
    let (tab_tables, mut indicators) = tabbed::scan(&ctx, &mut diagnostics);
    found.extend(tab_tables);
    indicators.extend(styrtal::scan(&ctx, &mut diagnostics));
    indicators.extend(lists::scan(&ctx));
    indicators.extend(native::scan(&ctx, &opts.indicator_columns));
    found.sort_by_key(|t| t.prov.span.start);
    indicators.sort_by_key(|i| i.prov.span.start);
    for (n, table) in found.iter_mut().enumerate() {
        table.id = crate::model::stable_id("t-", &[&doc.id, "text", &n.to_string()]);
    }
    doc.tables.extend(found);
    if opts.check_sums {
        for table in &doc.tables {
            diagnostics.extend(check::sums(table));
        }
    }
    doc.indicators = indicators;
    doc.diagnostics.extend(diagnostics);
    doc
}

/// What the scanners share: the document, its lines and the word list.
pub(crate) struct Context<'a> {
    pub doc: &'a Document,
    pub lines: &'a [Line<'a>],
    pub lexicon: &'a LazyLexicon,
}

impl Context<'_> {
    /// Provenance of a byte range of the text.
    pub fn prov(&self, start: usize, end: usize) -> Provenance {
        Provenance {
            span: Span::new(start, end),
            page: self.doc.page_at(start),
            ..Default::default()
        }
    }

    /// An indicator known only by its name (the OCR'd slides' lists, a report's indicator rows whose
    /// values were pictures): no number, outcome or targets.
    pub fn named_indicator(
        &self,
        goal: &Option<String>,
        name: String,
        start: usize,
        end: usize,
    ) -> Indicator {
        Indicator {
            id: stable_id(
                "i-",
                &[&self.doc.id, goal.as_deref().unwrap_or(""), "", &name],
            ),
            goal: goal.clone(),
            number: None,
            name,
            outcome: None,
            period: None,
            target: None,
            long_term_target: None,
            comment: None,
            prov: self.prov(start, end),
        }
    }

    /// The key of the goal whose heading comes last before `offset` (`Målsättning 6`, `Effektmål 9`, `Mål`).
    pub fn goal_before(&self, offset: usize) -> Option<String> {
        let text = self.doc.text.get(..offset)?;
        let heading = GOAL_HEADING
            .captures_iter(text)
            .last()
            .and_then(|c| Some((c.get(0)?.start(), goal_key(&c)?)));
        // A goal detection found with a label of the profile ("Strategiskt mål 1") that stands later.
        let detected = self
            .doc
            .goals
            .iter()
            .rev()
            .find(|g| g.prov.span.start < offset)
            .map(|g| (g.prov.span.start, g.key.clone()));
        match (heading, detected) {
            (Some(h), Some(d)) if d.0 > h.0 + 40 => Some(d.1),
            (Some(h), _) => Some(h.1),
            (None, d) => d.map(|d| d.1),
        }
    }

    /// The keys of the goal headings after `offset`, in order.
    pub fn goals_after(&self, offset: usize) -> Vec<String> {
        let text = self.doc.text.get(offset..).unwrap_or("");
        GOAL_HEADING
            .captures_iter(text)
            .filter_map(|cap| goal_key(&cap))
            .collect()
    }
}

/// The key a goal heading stands for: its label, normalized, and its number.
fn goal_key(cap: &regex::Captures) -> Option<String> {
    let label = cap.get(1)?.as_str().to_lowercase();
    let label = if label.starts_with("effekt") {
        "Effektmål"
    } else if label.contains('s') {
        "Målsättning"
    } else {
        "Mål"
    };
    Some(match cap.get(2) {
        Some(n) => format!("{label} {}", n.as_str()),
        None => label.to_string(),
    })
}

/// Goal headings as the three seeds write them, also without å/ä (OCR): "Målsättning nr 6:", "Effektmål 1.",
/// "Effektmal nr 9:", "Mål:".
static GOAL_HEADING: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?m)^[ \t«»*•·]*(Effektm[aå]l|M[aå]ls[aä]ttning|M[aå]l)(?:\s+nr)?\s*(\d+)?\s*[.:]")
        .expect("valid regex")
});

/// Fills in the quantity of every body cell right of the label column that holds a number.
fn parse_cells(table: &mut Table, diagnostics: &mut Vec<Diagnostic>) {
    let title = table.title.clone().unwrap_or_default();
    for row in &mut table.rows {
        for cell in row.iter_mut().skip(1) {
            if cell.quantity.is_some() {
                continue;
            }
            match number::parse_quantity(&cell.text) {
                number::Parsed::Quantity(q) => cell.quantity = Some(q),
                number::Parsed::NotNumber => {}
                number::Parsed::Ambiguous(why) => diagnostics.push(
                    Diagnostic::warning(
                        "tables.ambiguous_number",
                        format!("table {title:?}: {why}; left without a value"),
                    )
                    .with_span(table.prov.span)
                    .with_page(table.prov.page),
                ),
            }
        }
    }
}

/// The unit a table's caption or stub names ("Belopp i mnkr", "(mnkr)", "Procent", "i timmar").
pub(crate) fn unit_of(text: &str) -> Option<String> {
    static UNIT: LazyLock<Regex> = LazyLock::new(|| {
        Regex::new(r"(?i)\b(mnkr|mdkr|tkr|procent|timmar)\b|%").expect("valid regex")
    });
    UNIT.find(text).map(|m| m.as_str().to_lowercase())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn document(text: &str) -> Document {
        Document {
            id: "0123456789abcdef".into(),
            ..Document::of_text(text)
        }
    }

    #[test]
    fn scrambled_table_text_never_panics() {
        // Pieces of the seeds' tables, shuffled by a fixed generator into many odd documents.
        let pieces = [
            "Belopp i mnkr Budget 2026 Prognos 2025 Budget 2025",
            "Avgifter 235,7 221,7 228,6",
            "\tBelopp i mnkr",
            "\t-6 975,0",
            "\t",
            "",
            " ",
            "Styrtal Utfall,",
            "3 a. Operation (< 90 dagar). (Utfall: 2023) 56 % 65 %",
            "(Utfall: (",
            ")",
            "Indikatorer",
            "* Ökad",
            "Summa 1,0",
            "−",
            "Plats  av",
            "*) not",
            "Omsättn",
            "ing",
            "budget-",
            "\tStatus",
            "\tÅtgärd",
            "\tKommentar",
            "4.5 Driftbudget",
            "Effektmål 9:",
            "1 2 3 4 5 6 7 8 9",
            "æøå ∑ 😀 1,",
        ];
        let mut seed: u64 = 0x5eed;
        for _ in 0..300 {
            let mut text = String::new();
            for _ in 0..40 {
                seed = seed
                    .wrapping_mul(6364136223846793005)
                    .wrapping_add(1442695040888963407);
                text.push_str(pieces[(seed >> 33) as usize % pieces.len()]);
                text.push('\n');
            }
            let doc = tables(document(&text), &TableOptions::default());
            for t in &doc.tables {
                assert!(t.prov.span.end <= doc.text.len());
            }
            for i in &doc.indicators {
                assert!(doc.text.get(i.prov.span.start..i.prov.span.end).is_some());
            }
        }
    }

    #[test]
    fn units_come_from_the_stub() {
        assert_eq!(unit_of("Belopp i mnkr").as_deref(), Some("mnkr"));
        assert_eq!(unit_of("(mnkr)").as_deref(), Some("mnkr"));
        assert_eq!(unit_of("Procent").as_deref(), Some("procent"));
        assert_eq!(
            unit_of("Investeringar brutto, mnkr").as_deref(),
            Some("mnkr")
        );
        assert_eq!(unit_of("Yrkesgrupp"), None);
    }
}
