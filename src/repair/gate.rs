//! The OCR gate: OCR repair ("1" → "i", "6kad" → "ökad", a capital "L" lowered) is right for text an OCR
//! engine read and wrong for a text layer a word processor or typesetter wrote, where "1 kap. 5 §" and
//! "nr L 228" are what the author wrote. A text layer is trusted as written: OCR repair opens only for
//! pages this program read by OCR (the document's OCR words lie on them) and for plain text and images,
//! whose origin the file does not tell (plain text may be an OCR engine's output, as the seeds' slides
//! are). Whatever the text looks like, a PDF or DOCX text layer never opens it.

use crate::model::{Document, Format, Span};

/// Where a document's text may be OCR text.
pub struct OcrGate {
    /// The whole text may be OCR text.
    whole: bool,
    /// Otherwise, the spans that may (pages with OCR'd words, or the words' own spans where the format
    /// has no pages), in text order.
    spans: Vec<Span>,
}

impl OcrGate {
    pub fn of(doc: &Document) -> OcrGate {
        if matches!(doc.source.format, Format::Text | Format::Image) {
            return OcrGate {
                whole: true,
                spans: Vec::new(),
            };
        }
        let mut spans: Vec<Span> = if doc.pages.is_empty() {
            doc.ocr_words.iter().map(|w| w.span).collect()
        } else {
            doc.pages
                .iter()
                .filter(|p| {
                    doc.ocr_words
                        .iter()
                        .any(|w| p.span.start <= w.span.start && w.span.start < p.span.end)
                })
                .map(|p| p.span)
                .collect()
        };
        spans.sort();
        // Every page with text was read by OCR: the whole document is OCR text.
        let whole = !doc.ocr_words.is_empty()
            && !doc.pages.is_empty()
            && doc
                .pages
                .iter()
                .filter(|p| !p.span.is_empty())
                .all(|p| spans.contains(&p.span));
        OcrGate { whole, spans }
    }

    /// Whether the whole text may be OCR text.
    pub fn whole(&self) -> bool {
        self.whole
    }

    /// Whether the text of `span` may be OCR text.
    pub fn allows(&self, span: Span) -> bool {
        self.whole
            || self
                .spans
                .iter()
                .any(|s| s.start < span.end.max(span.start + 1) && span.start < s.end)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::model::{OcrWord, Page};

    #[test]
    fn a_text_layer_never_opens_the_gate_and_ocr_pages_do() {
        let mut doc = Document::of_text("1 kap. 5 § nr L 228\nSida tva 6kad");
        doc.source.format = Format::Pdf;
        doc.pages = vec![
            Page {
                number: 1,
                span: Span::new(0, 19),
                ocr: false,
            },
            Page {
                number: 2,
                span: Span::new(20, 33),
                ocr: false,
            },
        ];
        let gate = OcrGate::of(&doc);
        assert!(!gate.whole() && !gate.allows(Span::new(0, 19)) && !gate.allows(Span::new(20, 33)));
        doc.ocr_words.push(OcrWord {
            span: Span::new(29, 33),
            confidence: 0.4,
        });
        let gate = OcrGate::of(&doc);
        assert!(!gate.whole() && !gate.allows(Span::new(0, 19)) && gate.allows(Span::new(20, 33)));
        doc.source.format = Format::Text;
        assert!(OcrGate::of(&doc).whole());
    }
}
