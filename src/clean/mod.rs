//! Clean: turns an ingester's lines into the document's normalized text, with page furniture and export
//! artifacts moved out of the body (kept as furniture, never thrown away) and the body cut into blocks.
//!
//! What changes here is layout, not wording: markers, headers, footers and page numbers leave the body;
//! ligatures are expanded and the text is put in Unicode NFC. Wording is the repair stage's business.

mod artifacts;
mod furniture;

use crate::model::{
    stable_id, Block, BlockKind, Diagnostic, Document, Furniture, FurnitureKind, OcrWord, Page,
    Provenance, RawDocument, RawLine, Span,
};
use crate::text::{ends_sentence, starts_lowercase};
use furniture::Found;
use regex::Regex;
use std::sync::LazyLock;
use unicode_normalization::UnicodeNormalization;

/// The diagnostic code of a page that has no text layer and was not recognised by OCR: its text is
/// missing from the document (the repair corpus, for one, does not learn from such a document).
pub const PAGE_WITHOUT_TEXT: &str = "clean.page_without_text";

/// Choices for cleaning.
#[derive(Clone, Debug)]
pub struct CleanOptions {
    /// Move running headers, footers and page numbers out of the body.
    pub remove_furniture: bool,
}

impl Default for CleanOptions {
    fn default() -> Self {
        CleanOptions {
            remove_furniture: true,
        }
    }
}

static NUMBERED_HEADING: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"^(\d{1,2}(?:\.\d{1,2}){0,3})\s+\p{Lu}").expect("valid regex"));
static LIST_ITEM: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(?:[•·»«*▪◦‣–—-]|v'|v’|[a-h][.)]|\d{1,2}[.)])\s").expect("valid regex")
});

/// Expands typographic ligatures, drops soft hyphens and writes hyphen variants as the plain hyphen;
/// they are glyph choices, not letters. A hyphen variant matters: "Hälso‑ och sjukvård" with a
/// non-breaking hyphen (what a word processor exports for one) would not read as the suspended
/// compound. A minus sign right after a letter ("Hälso− och", from a font encoding that has no hyphen)
/// is a hyphen too; before a number it stays a minus.
fn expand_ligatures(text: &str) -> (String, usize) {
    let mut count = 0;
    let mut out = String::with_capacity(text.len());
    let mut after_letter = false;
    for c in text.chars() {
        let was_after_letter = std::mem::replace(&mut after_letter, c.is_alphabetic());
        let expanded = match c {
            '\u{2010}' | '\u{2011}' => "-",
            '\u{2212}' if was_after_letter => "-",
            'ﬀ' => "ff",
            'ﬁ' => "fi",
            'ﬂ' => "fl",
            'ﬃ' => "ffi",
            'ﬄ' => "ffl",
            'ﬅ' | 'ﬆ' => "st",
            '\u{00AD}' => "",
            _ => {
                out.push(c);
                continue;
            }
        };
        count += 1;
        out.push_str(expanded);
    }
    (out, count)
}

/// Cleans a raw document into a [`Document`] with text, pages, blocks and furniture.
pub fn clean(raw: RawDocument, opts: &CleanOptions) -> Document {
    let RawDocument {
        source,
        mut lines,
        page_count: _,
        tables,
        furniture: mut kept_furniture,
        mut diagnostics,
        needs_ocr,
    } = raw;
    for page in needs_ocr {
        diagnostics.push(
            Diagnostic::warning(
                PAGE_WITHOUT_TEXT,
                format!("page {page} has no usable text layer and was not OCR'd"),
            )
            .with_page(Some(page)),
        );
    }

    // 1. The trailing image list of DOCX-to-text exports.
    if let Some(start) = artifacts::trailing_image_block(&lines) {
        let tail: Vec<String> = lines[start..].iter().map(|l| l.text.clone()).collect();
        kept_furniture.push(Furniture {
            kind: FurnitureKind::EmbeddedImageText,
            text: tail.join("\n"),
            page: lines[start].page,
            at: None,
        });
        diagnostics.push(Diagnostic::info(
            "clean.embedded_image_text",
            format!(
                "{} trailing lines of image names and OCR'd image text moved to furniture",
                tail.len()
            ),
        ));
        lines.truncate(start);
    }

    // 2. Inline markers.
    let mut body: Vec<RawLine> = Vec::with_capacity(lines.len());
    let mut marker_count = 0;
    for line in lines {
        let (text, found) = artifacts::strip_markers(&line);
        marker_count += found.len();
        kept_furniture.extend(found);
        if let Some(text) = text {
            body.push(RawLine { text, ..line });
        }
    }
    if marker_count > 0 {
        diagnostics.push(Diagnostic::info(
            "clean.export_markers",
            format!("{marker_count} [bookmark]/[image] markers removed from the body"),
        ));
    }

    // 3. Furniture: lines flagged by the ingester, page counters, repeated page edges.
    let mut pages: Vec<Vec<usize>> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        if let Some(p) = line.page {
            let p = p as usize;
            if pages.len() < p {
                pages.resize(p, Vec::new());
            }
            pages[p - 1].push(i);
        }
    }
    let mut found = if opts.remove_furniture {
        furniture::find(&body, &pages)
    } else {
        Default::default()
    };
    for (i, line) in body.iter().enumerate() {
        if line.furniture {
            found.entry(i).or_insert(Found::Repeated);
        }
    }
    let mut is_furniture = vec![false; body.len()];
    for &i in found.keys() {
        is_furniture[i] = true;
    }
    // A page break inside a sentence leaves blank lines around the removed header; drop them so the
    // sentence reads on ("… för att lyckas / rekrytera samt …").
    let mut drop_blank = vec![false; body.len()];
    let mut i = 0;
    while i < body.len() {
        if !is_furniture[i] {
            i += 1;
            continue;
        }
        let mut a = i;
        while a > 0 && (is_furniture[a - 1] || body[a - 1].text.trim().is_empty()) {
            a -= 1;
        }
        let mut b = i;
        while b + 1 < body.len() && (is_furniture[b + 1] || body[b + 1].text.trim().is_empty()) {
            b += 1;
        }
        let before = a.checked_sub(1).map(|k| body[k].text.as_str());
        let after = body.get(b + 1).map(|l| l.text.as_str());
        if let (Some(before), Some(after)) = (before, after) {
            if !ends_sentence(before) && starts_lowercase(after) {
                for flag in &mut drop_blank[a..=b] {
                    *flag = true;
                }
            }
        }
        i = b + 1;
    }

    // 4. Build the text, pages and furniture records.
    let mut text = String::new();
    let mut line_spans: Vec<Option<Span>> = vec![None; body.len()];
    let mut ligatures = 0;
    let mut ocr_words = Vec::new();
    for (i, line) in body.iter().enumerate() {
        if is_furniture[i] {
            let kind = match found.get(&i) {
                Some(Found::PageNumber { .. }) => FurnitureKind::PageNumber,
                _ if line.bbox.is_some_and(|b| b.y0 > 400.0) => FurnitureKind::RunningFooter,
                _ => FurnitureKind::RunningHeader,
            };
            let page = match found.get(&i) {
                Some(Found::Counter { page }) | Some(Found::PageNumber { page }) => {
                    line.page.or(Some(*page))
                }
                _ => line.page,
            };
            kept_furniture.push(Furniture {
                kind,
                text: line.text.trim().to_string(),
                page,
                at: Some(text.len()),
            });
            continue;
        }
        if drop_blank[i] {
            continue;
        }
        if !text.is_empty() {
            text.push('\n');
        }
        let start = text.len();
        if line.ocr_words.is_empty() {
            let (expanded, n) = expand_ligatures(&line.text);
            ligatures += n;
            text.extend(expanded.nfc());
        } else {
            // OCR output is already NFC and ligature-free; keep it byte for byte so word offsets hold.
            text.push_str(&line.text);
            for (range, confidence) in &line.ocr_words {
                let span = Span::new(start + range.start, start + range.end);
                ocr_words.push(OcrWord {
                    span,
                    confidence: *confidence,
                });
            }
        }
        line_spans[i] = Some(Span::new(start, text.len()));
    }
    if ligatures > 0 {
        diagnostics.push(Diagnostic::info(
            "clean.ligatures",
            format!("{ligatures} ligatures, soft hyphens or hyphen variants normalized"),
        ));
    }
    let header_count = found.len();
    if header_count > 0 {
        diagnostics.push(Diagnostic::info(
            "clean.furniture",
            format!(
                "{header_count} running header, footer or page number lines moved to furniture"
            ),
        ));
    }

    let mut page_spans: Vec<Page> = Vec::new();
    for (i, line) in body.iter().enumerate() {
        let (Some(page), Some(span)) = (line.page, line_spans[i]) else {
            continue;
        };
        let ocr = !line.ocr_words.is_empty();
        match page_spans.last_mut() {
            Some(last) if last.number == page => {
                last.span.end = span.end;
                last.ocr |= ocr;
            }
            _ => page_spans.push(Page {
                number: page,
                span,
                ocr,
            }),
        }
    }

    let blocks = build_blocks(&body, &line_spans, &text);
    let id = source
        .sha256
        .get(..16)
        .unwrap_or(&source.sha256)
        .to_string();
    let mut tables = tables;
    for (n, table) in tables.iter_mut().enumerate() {
        if table.id.is_empty() {
            table.id = stable_id("t-", &[&id, &n.to_string()]);
        }
    }
    Document {
        pages: page_spans,
        blocks,
        furniture: kept_furniture,
        tables,
        ocr_words,
        diagnostics,
        ..Document::new(source, text)
    }
}

/// Cuts the body into blocks: a heading or list item is a block of its own; other consecutive lines form
/// a paragraph until a blank line, a heading or a list item.
fn build_blocks(body: &[RawLine], spans: &[Option<Span>], text: &str) -> Vec<Block> {
    let mut blocks: Vec<Block> = Vec::new();
    let mut open: Option<Block> = None;
    let close = |open: &mut Option<Block>, blocks: &mut Vec<Block>| {
        if let Some(mut block) = open.take() {
            block.text = text
                .get(block.prov.span.start..block.prov.span.end)
                .unwrap_or("")
                .to_string();
            blocks.push(block);
        }
    };
    for (line, span) in body.iter().zip(spans) {
        let Some(span) = *span else { continue };
        let trimmed = line.text.trim();
        if trimmed.is_empty() {
            close(&mut open, &mut blocks);
            continue;
        }
        let heading_level = line.heading_level.or_else(|| {
            let cap = NUMBERED_HEADING.captures(trimmed)?;
            (trimmed.len() < 90 && !ends_sentence(trimmed)).then(|| cap[1].split('.').count() as u8)
        });
        let kind = if heading_level.is_some() {
            BlockKind::Heading
        } else if LIST_ITEM.is_match(&line.text) {
            BlockKind::ListItem
        } else {
            BlockKind::Paragraph
        };
        let prov = Provenance {
            span,
            page: line.page,
            bbox: line.bbox,
            paragraph: line.paragraph,
            cell: None,
        };
        match (&mut open, kind) {
            // Lines of one paragraph join; a DOCX says where paragraphs end, so its paragraphs never join.
            (Some(block), BlockKind::Paragraph)
                if block.kind != BlockKind::Heading && block.prov.paragraph == line.paragraph =>
            {
                block.prov.span.end = span.end;
                block.prov.bbox = match (block.prov.bbox, line.bbox) {
                    (Some(a), Some(b)) => Some(a.union(&b)),
                    (a, b) => a.or(b),
                };
                block.font_size = match (block.font_size, line.font_size) {
                    (Some(a), Some(b)) => Some(a.max(b)),
                    (a, b) => a.or(b),
                };
            }
            _ => {
                close(&mut open, &mut blocks);
                open = Some(Block {
                    kind,
                    level: heading_level,
                    text: String::new(),
                    prov,
                    font_size: line.font_size,
                });
            }
        }
    }
    close(&mut open, &mut blocks);
    blocks
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{Format, Source};

    fn raw(lines: &[&str]) -> RawDocument {
        RawDocument {
            source: Source {
                path: "t".into(),
                sha256: "0123456789abcdef0123".into(),
                format: Format::Text,
                bytes: 0,
            },
            lines: lines.iter().map(|l| RawLine::plain(*l, None)).collect(),
            page_count: None,
            tables: vec![],
            furniture: vec![],
            diagnostics: vec![],
            needs_ocr: vec![],
        }
    }

    #[test]
    fn a_header_inside_a_sentence_leaves_the_sentence_whole() {
        let doc = clean(
            raw(&[
                "behöver förvaltningen rikta ett särskilt fokus för att lyckas",
                "",
                "",
                "Hälso- och sjukvårdsnämnden, Verksamhetsplan med budget 14(25) ",
                "",
                "rekrytera samt utbilda.",
            ]),
            &CleanOptions::default(),
        );
        assert_eq!(doc.text, "behöver förvaltningen rikta ett särskilt fokus för att lyckas\nrekrytera samt utbilda.");
        assert_eq!(doc.furniture.len(), 1);
        assert_eq!(doc.furniture[0].page, Some(14));
        assert_eq!(doc.blocks.len(), 1);
    }

    #[test]
    fn a_header_between_paragraphs_keeps_them_apart() {
        let doc = clean(
            raw(&[
                "Slut.",
                "",
                "Rubrik, Verksamhetsplan 2(9)",
                "",
                "Ny mening.",
            ]),
            &CleanOptions::default(),
        );
        assert_eq!(doc.text, "Slut.\n\n\nNy mening.");
        assert_eq!(doc.blocks.len(), 2);
    }

    #[test]
    fn blocks_headings_lists_paragraphs() {
        let doc = clean(
            raw(&[
                "3.1 Övergripande målområden",
                "Nämnderna ska konkretisera",
                "ansvaret.",
                "• Samarbete – Vi lyfter",
            ]),
            &CleanOptions::default(),
        );
        let kinds: Vec<_> = doc.blocks.iter().map(|b| (b.kind, b.level)).collect();
        assert_eq!(
            kinds,
            vec![
                (BlockKind::Heading, Some(2)),
                (BlockKind::Paragraph, None),
                (BlockKind::ListItem, None)
            ]
        );
        assert_eq!(doc.blocks[1].text, "Nämnderna ska konkretisera\nansvaret.");
    }

    #[test]
    fn hyphen_variants_become_hyphens_but_a_minus_before_a_number_stays() {
        let (text, n) = expand_ligatures(
            "Hälso\u{2011} och sjukvård, e\u{2010}tjänst, Hälso\u{2212} och \u{2212}6 975",
        );
        assert_eq!(
            text,
            "Hälso- och sjukvård, e-tjänst, Hälso- och \u{2212}6 975"
        );
        assert_eq!(n, 3);
    }

    #[test]
    fn ligatures_expand() {
        assert_eq!(
            expand_ligatures("eﬀektiv ﬁnansiell").0,
            "effektiv finansiell"
        );
    }
}
