//! PDF ingestion: reads the glyphs of every page with its own content-stream interpreter over lopdf and
//! rebuilds what the page shows — lines in reading order with paragraph breaks, headings from size and
//! weight, running headers and footers marked as furniture, and tables from ruled grids.
//!
//! A bad page gives a diagnostic and the other pages are still read; a file that cannot be opened at
//! all (broken, truncated, password-protected) gives an [`IngestError`]. Decompression is bounded by
//! [`IngestOptions::max_decompressed_bytes`].

mod content;
mod fonts;
mod furniture;
mod layout;
mod lexer;
mod orient;
mod recover;
mod tables;
mod unmapped;

use super::{source_of, IngestError, IngestOptions, Input};
use crate::model::{Diagnostic, Format, Provenance, RawDocument, RawLine, Table};
use content::{Interpreter, PageContent};
use layout::Segment;
use lopdf::{Document, Object, ObjectId, Stream};
use std::collections::{HashMap, HashSet};
use std::io::Read;
use std::panic::{catch_unwind, AssertUnwindSafe};
use tables::PageTable;

/// Why a stream gave no data.
pub(crate) enum StreamError {
    /// Decoding it would pass the decompression limit.
    OverBudget,
    /// The data cannot be decoded.
    Corrupt,
}

/// Decodes a stream within the remaining decompression budget. Flate data is inflated incrementally,
/// so a bomb stops at the limit instead of filling memory.
pub(crate) fn decode_stream(stream: &Stream, budget: &mut u64) -> Result<Vec<u8>, StreamError> {
    let filters = stream.filters().unwrap_or_default();
    let plain_flate = filters == [b"FlateDecode".as_slice()] && !stream.dict.has(b"DecodeParms");
    let data = if filters.is_empty() {
        stream.content.clone()
    } else if plain_flate {
        let mut out = Vec::new();
        let mut reader = flate2::read::ZlibDecoder::new(stream.content.as_slice())
            .take(budget.saturating_add(1));
        if reader.read_to_end(&mut out).is_err() && out.is_empty() {
            return Err(StreamError::Corrupt);
        }
        out
    } else {
        stream
            .decompressed_content()
            .map_err(|_| StreamError::Corrupt)?
    };
    let len = data.len() as u64;
    if len > *budget {
        *budget = 0;
        return Err(StreamError::OverBudget);
    }
    *budget -= len;
    Ok(data)
}

/// What one page gave.
struct PageResult {
    number: u32,
    height: f32,
    segs: Vec<Segment>,
    tables: Vec<PageTable>,
}

enum PageError {
    OverBudget,
}

fn media_box(doc: &Document, page: ObjectId) -> [f32; 4] {
    let mut id = Some(page);
    for _ in 0..32 {
        let Some(dict) = id.and_then(|i| doc.get_dictionary(i).ok()) else {
            break;
        };
        if let Ok(Object::Array(a)) = dict.get(b"MediaBox").and_then(|o| match o {
            Object::Reference(r) => doc.get_object(*r),
            o => Ok(o),
        }) {
            let v: Vec<f32> = a
                .iter()
                .filter_map(|o| match o {
                    Object::Integer(i) => Some(*i as f32),
                    Object::Real(r) => Some(*r),
                    _ => None,
                })
                .collect();
            if v.len() == 4 && v[2] > v[0] && v[3] > v[1] {
                return [v[0], v[1], v[2], v[3]];
            }
        }
        id = dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    [0.0, 0.0, 595.0, 842.0]
}

/// The page's /Rotate (inherited through the page tree), in degrees clockwise.
fn rotation(doc: &Document, page: ObjectId) -> i64 {
    let mut id = Some(page);
    for _ in 0..32 {
        let Some(dict) = id.and_then(|i| doc.get_dictionary(i).ok()) else {
            break;
        };
        if let Ok(Object::Integer(r)) = dict.get(b"Rotate") {
            return *r;
        }
        id = dict.get(b"Parent").and_then(Object::as_reference).ok();
    }
    0
}

/// Reads a page's content: what it draws, and the width and height of the page as displayed.
fn read_page(
    doc: &Document,
    page: ObjectId,
    fonts: &mut HashMap<ObjectId, std::rc::Rc<fonts::Font>>,
    budget: &mut u64,
) -> Result<(PageContent, f32, f32), PageError> {
    let mbox = media_box(doc, page);
    let rotate = rotation(doc, page);
    let mut data = Vec::new();
    let mut corrupt = 0;
    for id in doc.get_page_contents(page) {
        if let Ok(stream) = doc.get_object(id).and_then(Object::as_stream) {
            match decode_stream(stream, budget) {
                Ok(decoded) => {
                    data.extend_from_slice(&decoded);
                    data.push(b'\n');
                }
                Err(StreamError::OverBudget) => return Err(PageError::OverBudget),
                Err(StreamError::Corrupt) => corrupt += 1,
            }
        }
    }
    let resources = match doc.get_page_resources(page) {
        Ok((Some(d), _)) => Some(d),
        Ok((None, ids)) => ids.first().and_then(|id| doc.get_dictionary(*id).ok()),
        Err(_) => None,
    };
    let mut interp = Interpreter::new(doc, mbox, rotate, fonts, budget);
    interp.run(&data, resources, [1.0, 0.0, 0.0, 1.0, 0.0, 0.0]);
    if interp.over_budget {
        return Err(PageError::OverBudget);
    }
    let mut content = interp.finish();
    content.corrupt_streams += corrupt;
    let (w, h) = (mbox[2] - mbox[0], mbox[3] - mbox[1]);
    if rotate.rem_euclid(180) == 90 {
        Ok((content, h, w))
    } else {
        Ok((content, w, h))
    }
}

/// Loads the document; when its cross-reference table cannot be used, or leads to no pages, the objects
/// are indexed again from a scan of the file and a diagnostic says so.
fn open(bytes: &[u8], diagnostics: &mut Vec<Diagnostic>) -> Result<Document, IngestError> {
    let load = |b: &[u8]| {
        catch_unwind(|| Document::load_mem(b))
            .map_err(|_| IngestError::Invalid("PDF structure cannot be read".into()))?
            .map_err(IngestError::Pdf)
    };
    let first = load(bytes);
    if first.as_ref().is_ok_and(|d| !d.get_pages().is_empty()) {
        return first;
    }
    let Some(rebuilt) = catch_unwind(|| recover::rebuild(bytes)).ok().flatten() else {
        return first;
    };
    match load(&rebuilt) {
        Ok(doc) if !doc.get_pages().is_empty() => {
            let why = match &first {
                Err(e) => e.to_string(),
                Ok(_) => "its page tree could not be reached".into(),
            };
            diagnostics.push(Diagnostic::warning(
                "pdf.xref_rebuilt",
                format!("the cross-reference table was unusable ({why}); objects were found by scanning the file"),
            ));
            Ok(doc)
        }
        _ => first,
    }
}

/// Reads a PDF into lines in reading order, with tables, furniture flags and pages that need OCR.
pub fn ingest_pdf(input: &Input, opts: &IngestOptions) -> Result<RawDocument, IngestError> {
    let mut diagnostics = Vec::new();
    let doc = open(&input.bytes, &mut diagnostics)?;
    if doc.is_encrypted() && doc.authenticate_password("").is_err() {
        return Err(IngestError::PasswordProtected);
    }
    let pages = doc.get_pages();
    if pages.len() as u64 > u64::from(opts.max_pages) {
        return Err(IngestError::TooManyPages {
            pages: pages.len() as u64,
            limit: opts.max_pages,
        });
    }
    if pages.is_empty() {
        return Err(IngestError::Invalid(
            "PDF has no readable pages (damaged page tree or cross-reference table)".into(),
        ));
    }
    let mut needs_ocr = Vec::new();
    let mut results = Vec::new();
    let mut fonts = HashMap::new();
    let mut budget = opts.max_decompressed_bytes;
    for (&number, &id) in &pages {
        let read = catch_unwind(AssertUnwindSafe(|| {
            read_page(&doc, id, &mut fonts, &mut budget)
        }));
        let (content, width, height) = match read {
            Ok(Ok(r)) => r,
            Ok(Err(PageError::OverBudget)) => {
                return Err(IngestError::DecompressionLimit {
                    limit: opts.max_decompressed_bytes,
                })
            }
            Err(_) => {
                diagnostics.push(
                    Diagnostic::warning(
                        "pdf.page_unreadable",
                        format!("page {number} could not be read and was left out"),
                    )
                    .with_page(Some(number)),
                );
                continue;
            }
        };
        if content.corrupt_streams > 0 {
            diagnostics.push(
                Diagnostic::warning(
                    "pdf.stream_unreadable",
                    format!(
                        "page {number}: {} content streams could not be decoded; the text they hold is missing",
                        content.corrupt_streams
                    ),
                )
                .with_page(Some(number)),
            );
        }
        let lost = unmapped::text_lost(&content);
        if let Some(d) = unmapped::diagnostic(number, &content, lost) {
            diagnostics.push(d);
        }
        // A scan, or a page whose glyphs could not be mapped: OCR reads what it shows.
        if lost || (content.glyphs.is_empty() && content.images > 0) {
            needs_ocr.push(number);
        }
        if content.glyphs.is_empty() {
            results.push(PageResult {
                number,
                height,
                segs: vec![],
                tables: vec![],
            });
            continue;
        }
        let oriented = orient::orient(content.glyphs, &content.rules, width, height);
        let height = oriented.frame.height;
        let lines = layout::words(&oriented.glyphs);
        let (tables, used) = tables::ruled_tables(&oriented.rules, &lines);
        let mut segs = Vec::new();
        for (line, used) in lines.iter().zip(&used) {
            let free: Vec<&layout::Word> = line
                .iter()
                .zip(used)
                .filter(|(_, u)| !**u)
                .map(|(w, _)| w)
                .collect();
            segs.extend(layout::segments(&free));
        }
        let mut tables = tables;
        let text_columns = layout::text_columns(&segs);
        tables.extend(tables::aligned_tables(&mut segs, &text_columns));
        // Text running another way (a margin note) takes part in neither tables nor columns.
        segs.extend(oriented.other);
        tables.sort_by(|a, b| a.bbox.y0.total_cmp(&b.bbox.y0));
        results.push(PageResult {
            number,
            height,
            segs,
            tables,
        });
    }
    let repeated = furniture::repeated_tables(&mut results);
    let mut furniture = furniture::find(&results);
    furniture.extend(repeated);
    let (lines, tables) = assemble(&results, &furniture);
    Ok(RawDocument {
        source: source_of(input, Format::Pdf),
        lines,
        page_count: Some(pages.len() as u32),
        tables,
        furniture: vec![],
        diagnostics,
        needs_ocr,
    })
}

/// Size classes: the body size (most text) and the heading sizes above it, largest first.
fn size_classes(pages: &[PageResult], furniture: &HashSet<(usize, usize)>) -> (f32, Vec<f32>) {
    let mut weight: HashMap<i32, usize> = HashMap::new();
    for (p, page) in pages.iter().enumerate() {
        for (s, seg) in page.segs.iter().enumerate() {
            if !furniture.contains(&(p, s)) {
                *weight.entry((seg.size * 2.0).round() as i32).or_default() += seg.text.len();
            }
        }
    }
    let body = weight
        .iter()
        .max_by_key(|(k, n)| (**n, -**k))
        .map_or(10.0, |(k, _)| *k as f32 / 2.0);
    let mut bigger: Vec<i32> = weight
        .keys()
        .copied()
        .filter(|&k| k as f32 / 2.0 >= body * 1.12)
        .collect();
    bigger.sort_unstable_by(|a, b| b.cmp(a));
    (body, bigger.into_iter().map(|k| k as f32 / 2.0).collect())
}

fn heading_level(seg: &Segment, body: f32, bigger: &[f32]) -> Option<u8> {
    let text = seg.text.trim();
    if text.chars().count() > 150 || !text.chars().any(char::is_alphabetic) {
        return None;
    }
    let key = (seg.size * 2.0).round() / 2.0;
    if let Some(i) = bigger.iter().position(|&s| (s - key).abs() < 0.3) {
        return Some((i + 1).min(6) as u8);
    }
    (seg.bold && (seg.size - body).abs() < body * 0.12).then(|| (bigger.len() + 1).min(6) as u8)
}

/// Builds the lines of every page in reading order (furniture first and last, flagged) and the tables.
fn assemble(
    pages: &[PageResult],
    furniture: &HashSet<(usize, usize)>,
) -> (Vec<RawLine>, Vec<Table>) {
    let (body, bigger) = size_classes(pages, furniture);
    // Typical distance between baselines inside a paragraph, as a multiple of the size.
    let mut ratios: HashMap<i32, usize> = HashMap::new();
    for page in pages {
        let mut segs: Vec<&Segment> = page.segs.iter().collect();
        segs.sort_by(|a, b| a.baseline.total_cmp(&b.baseline));
        for w in segs.windows(2) {
            let (a, b) = (w[0], w[1]);
            let overlap = a.bbox.x0.max(b.bbox.x0) < a.bbox.x1.min(b.bbox.x1);
            if overlap && (a.size - b.size).abs() < 0.5 {
                let r = (b.baseline - a.baseline) / a.size;
                if (0.9..2.0).contains(&r) {
                    *ratios.entry((r * 20.0).round() as i32).or_default() += 1;
                }
            }
        }
    }
    let pitch = ratios
        .iter()
        .max_by_key(|(k, n)| (**n, -**k))
        .map_or(1.2, |(k, _)| *k as f32 / 20.0);

    let mut lines: Vec<RawLine> = Vec::new();
    let mut tables: Vec<Table> = Vec::new();
    let mut prev: Option<(Segment, Option<u8>)> = None;
    for (p, page) in pages.iter().enumerate() {
        let page_no = Some(page.number);
        let (furn, body_idx): (Vec<usize>, Vec<usize>) =
            (0..page.segs.len()).partition(|&s| furniture.contains(&(p, s)));
        let line_of = |seg: &Segment, heading: Option<u8>, furniture: bool| RawLine {
            text: seg.text.clone(),
            page: page_no,
            bbox: Some(seg.bbox),
            font_size: Some(seg.size),
            bold: seg.bold,
            heading_level: heading,
            furniture,
            ..Default::default()
        };
        let mut top: Vec<usize> = furn
            .iter()
            .copied()
            .filter(|&s| page.segs[s].bbox.y0 < page.height / 2.0)
            .collect();
        top.sort_by(|&a, &b| page.segs[a].baseline.total_cmp(&page.segs[b].baseline));
        for &s in &top {
            lines.push(line_of(&page.segs[s], None, true));
        }
        let body_segs: Vec<Segment> = body_idx.iter().map(|&s| page.segs[s].clone()).collect();
        let mut page_lines: Vec<(usize, RawLine)> = Vec::new();
        for (k, (i, boundary)) in layout::reading_order(&body_segs).into_iter().enumerate() {
            let seg = &body_segs[i];
            let heading = heading_level(seg, body, &bigger);
            let blank = match prev {
                None => false,
                Some((ref a, a_heading)) => {
                    let continuous = k > 0 && !boundary;
                    if heading != a_heading || (a.size - seg.size).abs() > 0.6 {
                        true
                    } else if continuous {
                        let step = seg.baseline - a.baseline;
                        step < 0.0 || step > seg.size * (pitch + 0.35)
                    } else {
                        // Across a page or column break a paragraph goes on unless the line before ended one.
                        crate::text::ends_sentence(&a.text) || a_heading.is_some()
                    }
                }
            };
            if blank && lines.last().is_some_and(|l: &RawLine| !l.text.is_empty()) {
                lines.push(RawLine::plain("", page_no));
            }
            lines.push(line_of(seg, heading, false));
            page_lines.push((lines.len() - 1, line_of(seg, heading, false)));
            prev = Some((seg.clone(), heading));
        }
        for t in &page.tables {
            // The caption: a heading or short unfinished line just above the table.
            let title = page_lines
                .iter()
                .filter(|(_, l)| {
                    l.bbox
                        .is_some_and(|b| b.y1 <= t.bbox.y0 + 1.0 && t.bbox.y0 - b.y1 < 40.0)
                })
                .max_by(|a, b| {
                    let ya = a.1.bbox.map_or(0.0, |b| b.y1);
                    let yb = b.1.bbox.map_or(0.0, |b| b.y1);
                    ya.total_cmp(&yb)
                })
                .map(|(_, l)| l)
                .filter(|l| {
                    let t = l.text.trim_start();
                    l.heading_level.is_some()
                        || (t.chars().count() < 80
                            && !crate::text::ends_sentence(t)
                            && t.starts_with(char::is_alphanumeric))
                })
                .map(|l| l.text.trim().to_string());
            let continues = tables.last().is_some_and(|last: &Table| {
                last.prov.page.is_some_and(|p| p + 1 == page.number)
                    && title.is_none()
                    && last.rows.first().map(Vec::len) == t.rows.first().map(Vec::len)
                    && texts(&last.header) == texts(&t.header)
                    && page_lines
                        .iter()
                        .all(|(_, l)| l.bbox.is_none_or(|b| b.y0 > t.bbox.y0))
            });
            if continues {
                if let Some(last) = tables.last_mut() {
                    let mut rows = t.rows.iter().cloned();
                    // A row broken by the page: its second part starts in lower case.
                    let broken = t
                        .rows
                        .first()
                        .and_then(|r| r.first())
                        .is_some_and(|c| c.text.starts_with(char::is_lowercase));
                    if broken {
                        if let (Some(prev_row), Some(first)) = (last.rows.last_mut(), rows.next()) {
                            for (cell, more) in prev_row.iter_mut().zip(first) {
                                if !more.text.is_empty() {
                                    cell.text =
                                        format!("{} {}", cell.text, more.text).trim().to_string();
                                }
                            }
                        }
                    }
                    last.rows.extend(rows);
                }
                continue;
            }
            tables.push(Table {
                id: String::new(),
                title,
                unit: None,
                header: t.header.clone(),
                rows: t.rows.clone(),
                prov: Provenance {
                    page: Some(page.number),
                    bbox: Some(t.bbox),
                    ..Default::default()
                },
            });
        }
        let mut bottom: Vec<usize> = furn
            .iter()
            .copied()
            .filter(|&s| page.segs[s].bbox.y0 >= page.height / 2.0)
            .collect();
        bottom.sort_by(|&a, &b| page.segs[a].baseline.total_cmp(&page.segs[b].baseline));
        for &s in &bottom {
            lines.push(line_of(&page.segs[s], None, true));
        }
    }
    (lines, tables)
}

fn texts(rows: &[Vec<crate::model::Cell>]) -> Vec<Vec<&str>> {
    rows.iter()
        .map(|r| r.iter().map(|c| c.text.as_str()).collect())
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::io::Write;

    #[test]
    fn a_deflate_bomb_stops_at_the_budget() {
        let mut enc = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        enc.write_all(&vec![b' '; 4 << 20]).unwrap();
        let packed = enc.finish().unwrap();
        let mut dict = lopdf::Dictionary::new();
        dict.set("Filter", Object::Name(b"FlateDecode".to_vec()));
        let stream = Stream::new(dict, packed);
        let mut budget = 100_000;
        assert!(matches!(
            decode_stream(&stream, &mut budget),
            Err(StreamError::OverBudget)
        ));
        let mut budget = 8 << 20;
        assert_eq!(
            decode_stream(&stream, &mut budget).map(|d| d.len()).ok(),
            Some(4 << 20)
        );
        assert_eq!(budget, 4 << 20);
    }
}
