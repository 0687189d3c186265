//! The one document model that every stage reads and writes, and that `emit` serializes.
//!
//! Two shapes exist: [`RawDocument`] is what an ingester read (lines with whatever layout facts the format
//! gives), and [`Document`] is the cleaned text with everything found in it. Every offset in a
//! [`Document`] is a byte offset into [`Document::text`], the normalized text, so any uppdrag, goal,
//! repair or block can be traced back to the exact characters it came from.

use serde::{Deserialize, Serialize};

/// Version of the JSON contract in `schemas/document.schema.json`.
pub const SCHEMA_VERSION: &str = "1.0";

/// The input format, detected from content (magic bytes), never from the file name.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Format {
    Text,
    Pdf,
    Docx,
    Image,
}

impl Format {
    pub fn as_str(self) -> &'static str {
        match self {
            Format::Text => "text",
            Format::Pdf => "pdf",
            Format::Docx => "docx",
            Format::Image => "image",
        }
    }
}

/// Where a document came from: enough to find the file again and to know it is unchanged.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Source {
    pub path: String,
    pub sha256: String,
    pub format: Format,
    pub bytes: u64,
}

/// What kind of governing document this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum DocKind {
    /// verksamhetsplan, årsplan, regionplan
    Plan,
    /// verksamhetsberättelse, årsredovisning
    Report,
    /// delårsrapport
    InterimReport,
    Other,
}

impl DocKind {
    /// The name the JSON and the dataset use: `plan`, `report`, `interim_report`, `other`.
    pub fn name(self) -> &'static str {
        match self {
            DocKind::Plan => "plan",
            DocKind::Report => "report",
            DocKind::InterimReport => "interim_report",
            DocKind::Other => "other",
        }
    }
}

/// Facts about the document read from its text; `None` when the text does not state them.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Metadata {
    pub kind: Option<DocKind>,
    /// The year a plan is for, or the year a report covers.
    pub year: Option<i32>,
    pub title: Option<String>,
    pub organisation: Option<String>,
    pub body: Option<String>,
    pub diarienummer: Option<String>,
    /// The document's number in its series as the title page gives it: "SFS 1999:175", "Dir. 2009:71",
    /// "Ds 1998:10", "SJVFS 2009:26", or a court's case number "T 170-08".
    #[serde(default)]
    pub number: Option<String>,
}

/// A half-open byte range `[start, end)` into [`Document::text`].
#[derive(
    Clone, Copy, Debug, Default, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize,
)]
pub struct Span {
    pub start: usize,
    pub end: usize,
}

impl Span {
    pub fn new(start: usize, end: usize) -> Self {
        Span { start, end }
    }
    pub fn contains(&self, other: &Span) -> bool {
        self.start <= other.start && other.end <= self.end
    }
    pub fn is_empty(&self) -> bool {
        self.end <= self.start
    }
}

/// A rectangle on a page, in PDF points, origin at the top-left corner of the page.
#[derive(Clone, Copy, Debug, PartialEq, Serialize, Deserialize)]
pub struct BBox {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl BBox {
    pub fn union(&self, other: &BBox) -> BBox {
        BBox {
            x0: self.x0.min(other.x0),
            y0: self.y0.min(other.y0),
            x1: self.x1.max(other.x1),
            y1: self.y1.max(other.y1),
        }
    }
}

/// A cell of a native table (DOCX `w:tbl`, or a table built from PDF positions).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
pub struct CellRef {
    pub table: u32,
    pub row: u32,
    pub col: u32,
}

/// Where a piece of text came from.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Provenance {
    pub span: Span,
    /// 1-based page number, when the format knows pages.
    pub page: Option<u32>,
    pub bbox: Option<BBox>,
    /// 0-based paragraph index in a DOCX body.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub cell: Option<CellRef>,
}

/// One line as an ingester read it, before cleaning.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct RawLine {
    pub text: String,
    pub page: Option<u32>,
    pub bbox: Option<BBox>,
    pub font_size: Option<f32>,
    pub bold: bool,
    /// Heading level when the format says so (a DOCX heading style, a large bold PDF line).
    pub heading_level: Option<u8>,
    pub paragraph: Option<u32>,
    /// True for a line known to belong to a page header or footer (e.g. a DOCX header part).
    pub furniture: bool,
    /// For OCR'd lines: each recognised word as a byte range of `text` and the recogniser's confidence (0–1).
    pub ocr_words: Vec<(std::ops::Range<usize>, f32)>,
}

impl RawLine {
    pub fn plain(text: impl Into<String>, page: Option<u32>) -> Self {
        RawLine {
            text: text.into(),
            page,
            ..Default::default()
        }
    }
}

/// What an ingester hands to `clean`: the lines in reading order plus what the format told about them.
#[derive(Clone, Debug)]
pub struct RawDocument {
    pub source: Source,
    pub lines: Vec<RawLine>,
    /// Number of pages when the format knows it.
    pub page_count: Option<u32>,
    /// Tables the format gave natively (DOCX tables, PDF tables from positions); their text is not in `lines`.
    pub tables: Vec<Table>,
    pub furniture: Vec<Furniture>,
    pub diagnostics: Vec<Diagnostic>,
    /// Pages (1-based) that need OCR: scanned pages of a PDF without a text layer, and pages whose text
    /// layer is mostly glyphs without Unicode meaning.
    pub needs_ocr: Vec<u32>,
}

/// The kind of a body block.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    Heading,
    Paragraph,
    ListItem,
}

/// A run of body text (a heading, a paragraph, a list item) with its provenance.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Block {
    pub kind: BlockKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub level: Option<u8>,
    pub text: String,
    pub prov: Provenance,
    /// Font size in points of the block's (largest) text, when the format gives it.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub font_size: Option<f32>,
}

/// What a piece of furniture is.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    RunningHeader,
    RunningFooter,
    PageNumber,
    /// `[bookmark: …]` markers of a DOCX-to-text export.
    Bookmark,
    /// An image placeholder, with its alt text when there is one.
    Image,
    /// The list of image file names and their OCR'd text that some DOCX-to-text exports append.
    EmbeddedImageText,
    /// An entry or the heading of a table of contents (a Word TOC field): it repeats the headings.
    TableOfContents,
}

/// Text that belongs to the page, not to the body: kept, but out of the way of detection.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Furniture {
    pub kind: FurnitureKind,
    pub text: String,
    pub page: Option<u32>,
    /// Byte offset in `Document::text` where it was removed.
    pub at: Option<usize>,
}

/// A word recognised by OCR, with the recogniser's confidence; the repair stage treats low ones as suspect.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct OcrWord {
    pub span: Span,
    /// Confidence between 0 and 1.
    pub confidence: f32,
}

/// A page and the part of the text that lies on it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Page {
    pub number: u32,
    pub span: Span,
    /// True when OCR produced the page's text (its lines carry recognised words); left out when false.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub ocr: bool,
}

/// A goal (Målsättning, Effektmål, Mål).
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Goal {
    pub id: String,
    /// Normalized key, e.g. `Målsättning 1`, `Effektmål 9`, `Mål`.
    pub key: String,
    /// The word the document uses: `Målsättning`, `Effektmål`, `Mål`.
    pub label: String,
    pub number: Option<u32>,
    pub text: String,
    pub text_raw: String,
    pub prov: Provenance,
}

/// How far a report says an uppdrag has come.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum UppdragStatus {
    Completed,
    InProgress,
    MultiYear,
    NotStarted,
}

/// How an unnumbered uppdrag's key was made.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum KeyBasis {
    /// From the uppdrag's position among the document's unnumbered uppdrag and a hash of its text.
    PositionAndText,
}

/// A numbered assignment (uppdrag), in a plan or followed up in a report.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Uppdrag {
    /// Stable across runs: derived from the document id and the key.
    pub id: String,
    /// Normalized key: `Nr 10`, `HS nr 1`, `Ber nr 4`, `Nr 3a`, `Nr 3-8`, `Uppdrag 3`, `U1`, `1.3`; for an
    /// unnumbered uppdrag `~` + its position among the document's unnumbered uppdrag + `-` + a hash of
    /// its text (`~3-5f1c2a`), and `key_basis` says so.
    pub key: String,
    /// How the key was made when the document gives no number; absent for numbered uppdrag.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key_basis: Option<KeyBasis>,
    /// `""` for the plain `Nr` series, `HS`, `Ber`.
    pub series: String,
    pub number: u32,
    /// Last number of a range such as `Nr 3 - 8`.
    pub number_end: Option<u32>,
    /// Letter of a sub-item (`a` in `Nr 3a`).
    pub sub: Option<String>,
    /// Key of the numbered uppdrag a sub-item stands under.
    pub parent: Option<String>,
    /// Text after repair, whitespace collapsed.
    pub text: String,
    /// Text as in the source, whitespace collapsed.
    pub text_raw: String,
    pub issuer: Option<String>,
    pub recipient: Option<String>,
    /// Key of the goal the uppdrag stands under.
    pub goal: Option<String>,
    pub page: Option<u32>,
    /// The follow-up comment, in reports.
    pub comment: Option<String>,
    pub comment_raw: Option<String>,
    pub status: Option<UppdragStatus>,
    pub prov: Provenance,
}

/// A number as written in a Swedish document, parsed without guessing.
#[derive(Clone, Debug, Default, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The text as written, e.g. `-6 975,0`, `87 %`, `5 av 8`, `6,3- 6,1 %`.
    pub text: String,
    pub value: Option<f64>,
    /// Both ends of a range such as `77- 80`.
    pub min: Option<f64>,
    pub max: Option<f64>,
    /// The denominator of `5 av 8` or `Plats 6 av 7`.
    pub of: Option<f64>,
    pub unit: Option<String>,
    /// Comparison such as `>` in `> 0 mnkr`.
    pub comparator: Option<String>,
}

/// A table cell: its text and, when it holds a number, the parsed quantity.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Cell {
    pub text: String,
    pub quantity: Option<Quantity>,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub col_span: u32,
    #[serde(default = "one", skip_serializing_if = "is_one")]
    pub row_span: u32,
}

fn one() -> u32 {
    1
}
fn is_one(v: &u32) -> bool {
    *v == 1
}

impl Cell {
    pub fn text(text: impl Into<String>) -> Self {
        Cell {
            text: text.into(),
            quantity: None,
            col_span: 1,
            row_span: 1,
        }
    }
}

/// A table: caption, unit, header rows and body rows.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Table {
    pub id: String,
    pub title: Option<String>,
    pub unit: Option<String>,
    pub header: Vec<Vec<Cell>>,
    pub rows: Vec<Vec<Cell>>,
    pub prov: Provenance,
}

/// An indicator (styrtal) of a goal, with its outcome and targets as the document gives them.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Indicator {
    /// Stable across runs: derived from the document id, the goal and the indicator's number and name.
    pub id: String,
    /// Key of the goal it measures (`Målsättning 1`, `Effektmål 9`).
    pub goal: Option<String>,
    /// Its number in the goal's list, e.g. `3 a`.
    pub number: Option<String>,
    /// The indicator's wording, whitespace collapsed (period notes such as "(Utfall: 2024)" included).
    pub name: String,
    /// The latest known outcome (Utfall), text and parsed quantity.
    pub outcome: Option<Cell>,
    /// The period the outcome is for, from "(Utfall: 2024)".
    pub period: Option<String>,
    /// This year's target (Årets målvärde, Målvärde).
    pub target: Option<Cell>,
    /// The long-term target (Långsiktigt målvärde).
    pub long_term_target: Option<Cell>,
    /// The follow-up comment, in reports.
    pub comment: Option<String>,
    pub prov: Provenance,
}

/// One change the repair stage made (or proposed, when `applied` is false), next to the original.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Repair {
    pub span: Span,
    pub original: String,
    pub replacement: String,
    pub rule: String,
    pub confidence: f32,
    /// False for a change below the confidence threshold: flagged for a person, not made.
    pub applied: bool,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Severity {
    Info,
    Warning,
    Error,
}

/// Something a stage noticed and wants a person to know; collected, never thrown.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Diagnostic {
    pub severity: Severity,
    /// Stable machine-readable code such as `text.encoding` or `clean.running_header`.
    pub code: String,
    pub message: String,
    pub page: Option<u32>,
    pub span: Option<Span>,
}

impl Diagnostic {
    pub fn new(severity: Severity, code: &str, message: impl Into<String>) -> Self {
        Diagnostic {
            severity,
            code: code.to_string(),
            message: message.into(),
            page: None,
            span: None,
        }
    }
    pub fn info(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Info, code, message)
    }
    pub fn warning(code: &str, message: impl Into<String>) -> Self {
        Self::new(Severity::Warning, code, message)
    }
    pub fn with_page(mut self, page: Option<u32>) -> Self {
        self.page = page;
        self
    }
    pub fn with_span(mut self, span: Span) -> Self {
        self.span = Some(span);
        self
    }
}

/// A cleaned document and everything the pipeline found in it.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
pub struct Document {
    pub schema_version: String,
    /// Content id: the first 16 hex digits of the source's SHA-256.
    pub id: String,
    pub source: Source,
    pub metadata: Metadata,
    /// The normalized text; every span in the document points into it.
    pub text: String,
    pub pages: Vec<Page>,
    pub blocks: Vec<Block>,
    pub furniture: Vec<Furniture>,
    pub goals: Vec<Goal>,
    pub uppdrag: Vec<Uppdrag>,
    pub tables: Vec<Table>,
    /// Indicators (styrtal) with outcome and targets.
    #[serde(default)]
    pub indicators: Vec<Indicator>,
    pub repairs: Vec<Repair>,
    /// Words recognised by OCR and their confidences (empty for text that was not OCR'd here).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ocr_words: Vec<OcrWord>,
    pub diagnostics: Vec<Diagnostic>,
}

impl Document {
    /// Whether a selector a person wrote names this document: its id, its source path, or the end of
    /// that path after a `/` (corrections and link rules name documents this way).
    pub fn selected_by(&self, selector: &str) -> bool {
        let path = self.source.path.replace('\\', "/");
        selector == self.id
            || selector == path
            || path.ends_with(&format!("/{}", selector.trim_start_matches("./")))
    }

    /// A document with its source and normalized text and nothing yet found in it; its id is the first
    /// 16 hex digits of the source's SHA-256.
    pub fn new(source: Source, text: String) -> Document {
        Document {
            schema_version: SCHEMA_VERSION.to_string(),
            id: source
                .sha256
                .get(..16)
                .unwrap_or(&source.sha256)
                .to_string(),
            source,
            metadata: Metadata::default(),
            text,
            pages: vec![],
            blocks: vec![],
            furniture: vec![],
            goals: vec![],
            uppdrag: vec![],
            tables: vec![],
            indicators: vec![],
            repairs: vec![],
            ocr_words: vec![],
            diagnostics: vec![],
        }
    }

    /// A plain-text document of `text` with nothing found in it yet, for unit tests of the stages.
    #[cfg(test)]
    pub(crate) fn of_text(text: &str) -> Document {
        let source = Source {
            path: "x.txt".into(),
            sha256: "0".repeat(64),
            format: Format::Text,
            bytes: text.len() as u64,
        };
        Document::new(source, text.into())
    }

    /// The source text of a span (empty when the span is out of range or not on char boundaries).
    pub fn slice(&self, span: Span) -> &str {
        self.text.get(span.start..span.end).unwrap_or("")
    }

    /// The page a byte offset lies on, when pages are known.
    pub fn page_at(&self, offset: usize) -> Option<u32> {
        self.pages
            .iter()
            .find(|p| p.span.start <= offset && offset < p.span.end.max(p.span.start + 1))
            .map(|p| p.number)
    }

    /// The text of a span with every applied repair inside it carried out.
    pub fn repaired(&self, span: Span) -> String {
        let mut out = String::new();
        let mut at = span.start;
        for r in self
            .repairs
            .iter()
            .filter(|r| r.applied && span.contains(&r.span))
        {
            if r.span.start < at {
                continue;
            }
            out.push_str(self.text.get(at..r.span.start).unwrap_or(""));
            out.push_str(&r.replacement);
            at = r.span.end;
        }
        out.push_str(self.text.get(at..span.end).unwrap_or(""));
        out
    }
}

/// Collapses every run of whitespace to one space and trims the ends.
pub fn collapse_whitespace(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// A short, stable id: a prefix and the first 16 hex digits of the SHA-256 of the parts.
pub fn stable_id(prefix: &str, parts: &[&str]) -> String {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for part in parts {
        hasher.update(part.as_bytes());
        hasher.update([0u8]);
    }
    let digest = hasher.finalize();
    format!("{prefix}{}", crate::digest::hex(&digest[..8]))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn doc_with(text: &str, repairs: Vec<Repair>) -> Document {
        Document {
            repairs,
            ..Document::of_text(text)
        }
    }

    #[test]
    fn repaired_applies_only_applied_repairs_inside_the_span() {
        let rep = |s, e, o: &str, r: &str, applied| Repair {
            span: Span::new(s, e),
            original: o.into(),
            replacement: r.into(),
            rule: "t".into(),
            confidence: 0.9,
            applied,
        };
        let doc = doc_with(
            "Halso och namnden",
            vec![
                rep(0, 5, "Halso", "Hälso", true),
                rep(10, 17, "namnden", "nämnden", false),
            ],
        );
        assert_eq!(doc.repaired(Span::new(0, 17)), "Hälso och namnden");
        assert_eq!(doc.repaired(Span::new(6, 17)), "och namnden");
    }

    #[test]
    fn stable_ids_depend_on_every_part() {
        assert_eq!(stable_id("u-", &["a", "b"]), stable_id("u-", &["a", "b"]));
        assert_ne!(stable_id("u-", &["a", "b"]), stable_id("u-", &["ab", ""]));
    }
}
