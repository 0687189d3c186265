//! DOCX: reads a Word document's own structure — headings, list numbers, native tables, headers and
//! footers — instead of a text export of it.
//!
//! The package is opened with bounds (`package.rs`); styles, numbering and comments come from
//! docx-rs's model (`read_docx`); the stories themselves are walked with quick-xml (`body.rs` says
//! why). What is not body text stays out of the lines: headers and footers become
//! [`Furniture`] (running header / footer), pictures become furniture of kind `Image` with their alt
//! text, and footnotes, endnotes and comments become info diagnostics (`docx.footnote`,
//! `docx.endnote`, `docx.comment`) carrying their text, so they are kept but never read as body.
//! A table of contents (a TOC field, a "Table of Contents" content control, the TOC styles) becomes
//! furniture of kind `TableOfContents`; a table that only lays text out (all its text in one column)
//! gives its paragraphs to the body in reading order instead of becoming a table.

mod body;
mod package;
mod styles;
mod table;

use super::{source_of, IngestError, IngestOptions, Input, Sniffed};
use crate::limit::{Exceeds, Limit};
use crate::model::{Diagnostic, Format, Furniture, FurnitureKind, RawDocument, RawLine, Severity};
use body::Story;
use package::Package;
use styles::Styles;

/// Why a DOCX (or something sent to the DOCX reader) could not be read.
#[derive(Debug, thiserror::Error)]
pub enum DocxError {
    #[error("corrupt zip archive: {0}")]
    CorruptZip(#[source] zip::result::ZipError),
    #[error("corrupt zip archive: entry {index}: {source}")]
    CorruptEntry {
        index: usize,
        #[source]
        source: zip::result::ZipError,
    },
    #[error("corrupt zip archive: {entry}: {source}")]
    UnreadableEntry {
        entry: String,
        #[source]
        source: std::io::Error,
    },
    #[error("not a DOCX: {0}")]
    NotDocx(String),
    #[error("DOCX package without its main document part word/document.xml")]
    MissingDocument,
    #[error("zip has {count} entries, over the limit of {limit}")]
    TooManyEntries { count: usize, limit: usize },
    #[error("zip entries uncompress to more than {limit} bytes")]
    TooLargeUncompressed { limit: u64 },
    #[error("zip entry {entry} expands more than {limit} times its compressed size, a zip bomb?")]
    CompressionRatio { entry: String, limit: u64 },
    #[error("{part} nests elements {depth} deep, over the limit of {limit}")]
    TooDeep {
        part: String,
        depth: usize,
        limit: usize,
    },
    #[error(
        "password-protected (encrypted) Office file: open it with the password and save it \
         without one, then try again"
    )]
    Encrypted,
    #[error(
        "legacy Word 97-2003 .doc file; convert it to DOCX first, for example with \
         `soffice --headless --convert-to docx FILE.doc`"
    )]
    LegacyDoc,
    #[error("malformed XML in {part}: {message}")]
    Xml { part: String, message: String },
}

impl Exceeds for DocxError {
    fn exceeded(&self) -> Option<Limit> {
        match self {
            DocxError::TooManyEntries { .. } => Some(Limit::ZipEntries),
            DocxError::TooLargeUncompressed { .. } => Some(Limit::ZipUncompressedBytes),
            DocxError::CompressionRatio { .. } => Some(Limit::ZipCompressionRatio),
            DocxError::TooDeep { .. } => Some(Limit::XmlDepth),
            _ => None,
        }
    }
}

/// Reads a DOCX into lines (one per body paragraph), native tables and furniture.
pub fn ingest_docx(input: &Input, opts: &IngestOptions) -> Result<RawDocument, IngestError> {
    if super::sniff(&input.bytes) == Sniffed::Ole {
        return Err(package::classify_ole(&input.bytes).into());
    }
    let pkg = Package::read(&input.bytes, opts)?;
    for (part, xml) in &pkg.parts {
        let depth = package::max_depth(xml);
        if depth > opts.xml_max_depth {
            return Err(DocxError::TooDeep {
                part: part.clone(),
                depth,
                limit: opts.xml_max_depth,
            }
            .into());
        }
    }
    let main = pkg.main_document()?;
    let mut diagnostics = Vec::new();
    let model = read_model(&input.bytes, &pkg, &mut diagnostics);
    let mut styles = model.as_ref().map(Styles::from_model).unwrap_or_default();

    let xml = pkg.part(&main).ok_or(DocxError::MissingDocument)?;
    let out = body::walk(xml, &main, Story::Body, &mut styles)?;
    let mut out = out;
    mark_toc_heading(&mut out.paragraphs);
    let (toc, body): (Vec<&body::Para>, Vec<&body::Para>) =
        out.paragraphs.iter().partition(|p| p.toc);
    let lines: Vec<RawLine> = body
        .iter()
        .map(|p| RawLine {
            text: p.text.clone(),
            page: Some(p.page),
            font_size: p.font_size,
            heading_level: p.heading_level,
            paragraph: Some(p.index),
            ..Default::default()
        })
        .collect();
    let mut furniture: Vec<Furniture> = out
        .images
        .iter()
        .map(|(alt, page)| Furniture {
            kind: FurnitureKind::Image,
            text: alt.clone(),
            page: Some(*page),
            at: None,
        })
        .collect();
    // The table of contents repeats the headings with page numbers: kept, but not as body text.
    let toc_entries: Vec<&body::Para> = toc
        .into_iter()
        .filter(|p| !p.text.trim().is_empty())
        .collect();
    if !toc_entries.is_empty() {
        diagnostics.push(Diagnostic::info(
            "docx.toc",
            format!(
                "{} table-of-contents paragraphs kept as furniture, not body text",
                toc_entries.len()
            ),
        ));
    }
    furniture.extend(toc_entries.into_iter().map(|p| Furniture {
        kind: FurnitureKind::TableOfContents,
        text: p.text.trim().to_string(),
        page: Some(p.page),
        at: None,
    }));
    count_note(
        &mut diagnostics,
        out.layout_tables,
        "docx.layout_table",
        "layout tables (text in one column) read as body paragraphs, not as tables",
    );
    count_note(
        &mut diagnostics,
        out.soft_hyphens,
        "docx.soft_hyphen",
        "soft hyphens dropped",
    );
    count_note(
        &mut diagnostics,
        out.deletions,
        "docx.tracked_deletion",
        "tracked deletions left out (the text as it reads with changes accepted)",
    );
    count_note(
        &mut diagnostics,
        out.insertions,
        "docx.tracked_insertion",
        "tracked insertions kept",
    );
    if out.text_boxes > 0 {
        diagnostics.push(Diagnostic::warning(
            "docx.text_box",
            format!("{} text boxes not read", out.text_boxes),
        ));
    }

    // Headers and footers, by the part names Word and LibreOffice give them.
    for (name, xml) in &pkg.parts {
        let kind = if is_numbered_part(name, "word/header") {
            FurnitureKind::RunningHeader
        } else if is_numbered_part(name, "word/footer") {
            FurnitureKind::RunningFooter
        } else {
            continue;
        };
        let story = body::walk(xml, name, Story::HeaderFooter, &mut styles)?;
        for p in story.paragraphs {
            let text = p.text.trim().to_string();
            let known = furniture.iter().any(|f| f.kind == kind && f.text == text);
            if !text.is_empty() && !known {
                furniture.push(Furniture {
                    kind,
                    text,
                    page: None,
                    at: None,
                });
            }
        }
    }
    for (part, code, what) in [
        ("word/footnotes.xml", "docx.footnote", "footnote"),
        ("word/endnotes.xml", "docx.endnote", "endnote"),
    ] {
        if let Some(xml) = pkg.part(part) {
            let notes = body::walk(xml, part, Story::Notes, &mut styles)?;
            for (id, text) in group_notes(&notes.paragraphs) {
                diagnostics.push(Diagnostic::info(code, format!("{what} {id}: {text}")));
            }
        }
    }
    if let Some(docx) = &model {
        for c in docx.comments.inner() {
            let text = comment_text(c);
            diagnostics.push(Diagnostic::info(
                "docx.comment",
                format!("comment {} ({}): {}", c.id, c.author, text),
            ));
        }
    }

    Ok(RawDocument {
        source: source_of(input, Format::Docx),
        lines,
        page_count: None,
        tables: out.tables,
        furniture,
        diagnostics,
        needs_ocr: vec![],
    })
}

/// Deepest XML nesting handed to docx-rs, which reads nested elements by recursion: a part nested
/// deeper would risk its stack even when the XML depth limit (`IngestOptions::xml_max_depth`) is raised above this.
const MAX_MODEL_DEPTH: usize = 256;

/// Reads docx-rs's model for styles, numbering and comments. The package is already known to be
/// within the limits. docx-rs indexes attributes without checking them in places, so a malformed
/// part could panic inside it; that is caught and reported, and the text is still read (without
/// heading levels and list numbers).
fn read_model(
    bytes: &[u8],
    pkg: &Package,
    diagnostics: &mut Vec<Diagnostic>,
) -> Option<docx_rs::Docx> {
    let too_deep = pkg
        .parts
        .iter()
        .find(|(_, xml)| package::max_depth(xml) > MAX_MODEL_DEPTH);
    if let Some((name, _)) = too_deep {
        diagnostics.push(Diagnostic::new(
            Severity::Warning,
            "docx.model",
            format!(
                "{name} nests elements more than {MAX_MODEL_DEPTH} deep; styles, numbering and \
                 comments not read, headings and list numbers are missing"
            ),
        ));
        return None;
    }
    let options = docx_rs::ReadDocxOptions::default().with_image_previews(false);
    let result = std::panic::catch_unwind(|| docx_rs::read_docx_with_options(bytes, options));
    let problem = match result {
        Ok(Ok(docx)) => return Some(docx),
        Ok(Err(e)) => e.to_string(),
        Err(_) => "the reader failed on a malformed part".to_string(),
    };
    diagnostics.push(Diagnostic::new(
        Severity::Warning,
        "docx.model",
        format!("styles, numbering and comments not read ({problem}); headings and list numbers are missing"),
    ));
    None
}

/// What the heading over a table of contents says, in Word's UI languages.
const TOC_HEADINGS: &[&str] = &[
    "innehåll",
    "innehållsförteckning",
    "contents",
    "table of contents",
    "inhalt",
    "inhaltsverzeichnis",
    "sommaire",
    "table des matières",
    "sisällys",
    "indhold",
    "innhold",
];

/// A heading typed by hand just above a table of contents ("Innehåll" in a bold run rather than in the
/// "TOC Heading" style) belongs to it.
fn mark_toc_heading(paragraphs: &mut [body::Para]) {
    let Some(first) = paragraphs.iter().position(|p| p.toc) else {
        return;
    };
    let above = paragraphs[..first]
        .iter()
        .rposition(|p| !p.text.trim().is_empty());
    if let Some(i) = above {
        let text = paragraphs[i]
            .text
            .trim()
            .trim_end_matches(':')
            .to_lowercase();
        if TOC_HEADINGS.contains(&text.as_str()) {
            paragraphs[i].toc = true;
        }
    }
}

fn count_note(diagnostics: &mut Vec<Diagnostic>, n: usize, code: &str, what: &str) {
    if n > 0 {
        diagnostics.push(Diagnostic::info(code, format!("{n} {what}")));
    }
}

/// `word/header1.xml`, `word/header.xml`, but not `word/headerX.xml.rels` or other parts.
fn is_numbered_part(name: &str, prefix: &str) -> bool {
    name.strip_prefix(prefix)
        .and_then(|rest| rest.strip_suffix(".xml"))
        .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit()))
}

/// Joins the paragraphs of each note into one text, in order.
fn group_notes(paragraphs: &[body::Para]) -> Vec<(String, String)> {
    let mut out: Vec<(String, String)> = Vec::new();
    for p in paragraphs {
        let id = p.note.clone().unwrap_or_default();
        let text = p.text.trim();
        match out.last_mut() {
            Some((last, joined)) if *last == id => {
                if !text.is_empty() {
                    joined.push(' ');
                    joined.push_str(text);
                }
            }
            _ => out.push((id, text.to_string())),
        }
    }
    out.retain(|(_, t)| !t.is_empty());
    out
}

fn comment_text(comment: &docx_rs::Comment) -> String {
    use docx_rs::{CommentChild, ParagraphChild, RunChild};
    let mut parts = Vec::new();
    for child in &comment.children {
        let CommentChild::Paragraph(p) = child else {
            continue;
        };
        let mut text = String::new();
        for pc in &p.children {
            let runs: Vec<&docx_rs::Run> = match pc {
                ParagraphChild::Run(r) => vec![r.as_ref()],
                ParagraphChild::Insert(i) => i
                    .children
                    .iter()
                    .filter_map(|c| match c {
                        docx_rs::InsertChild::Run(r) => Some(r.as_ref()),
                        _ => None,
                    })
                    .collect(),
                _ => vec![],
            };
            for run in runs {
                for rc in &run.children {
                    match rc {
                        RunChild::Text(t) => text.push_str(&t.text),
                        RunChild::Tab(_) => text.push('\t'),
                        _ => {}
                    }
                }
            }
        }
        parts.push(text);
    }
    parts.join(" ").trim().to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn header_and_footer_parts_are_told_from_their_rels() {
        assert!(is_numbered_part("word/header1.xml", "word/header"));
        assert!(is_numbered_part("word/footer.xml", "word/footer"));
        assert!(!is_numbered_part(
            "word/_rels/header1.xml.rels",
            "word/header"
        ));
        assert!(!is_numbered_part("word/headerx.xml", "word/header"));
    }

    #[test]
    fn notes_are_grouped_by_id() {
        let p = |note: &str, text: &str| body::Para {
            text: text.into(),
            note: Some(note.into()),
            ..Default::default()
        };
        let grouped = group_notes(&[
            p("1", "Källa:"),
            p("1", "SCB."),
            p("2", ""),
            p("3", "Se bilaga."),
        ]);
        assert_eq!(
            grouped,
            vec![
                ("1".to_string(), "Källa: SCB.".to_string()),
                ("3".to_string(), "Se bilaga.".to_string())
            ]
        );
    }
}
