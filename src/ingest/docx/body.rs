//! Walks the XML of a Word story (the body, a header, a footer, the notes) in document order.
//!
//! This reads the XML with quick-xml instead of docx-rs's document model because that model loses
//! what real files carry and a reader needs: its run reader drops `w:noBreakHyphen` (a hyphen the
//! reader sees), `w:softHyphen` and `w:lastRenderedPageBreak` (the only page facts in a file Word
//! saved), it keeps no `w:fldSimple` results, and it has no footnotes. Styles and numbering do come
//! from docx-rs (see `styles.rs`).

use super::styles::Styles;
use super::table::{finish_table, CellState, VMerge};
use super::DocxError;
use crate::model::{CellRef, Provenance, Table};
use quick_xml::events::{BytesStart, Event};

/// Which story a part holds; notes and comments are grouped per note, tables are kept only in the body.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Story {
    Body,
    HeaderFooter,
    Notes,
}

/// A paragraph as the reader sees it.
#[derive(Clone, Debug, Default)]
pub struct Para {
    pub text: String,
    pub heading_level: Option<u8>,
    pub index: u32,
    pub page: u32,
    /// Id of the footnote, endnote or comment the paragraph belongs to.
    pub note: Option<String>,
    /// An entry (or the heading) of a table of contents: a TOC field's result, a content control of
    /// the "Table of Contents" gallery, or a paragraph in a TOC style.
    pub toc: bool,
    /// The largest font size (points) of the paragraph's text.
    pub font_size: Option<f32>,
}

/// What a story holds.
#[derive(Debug, Default)]
pub struct StoryOut {
    pub paragraphs: Vec<Para>,
    pub tables: Vec<Table>,
    /// Alt text (description, else title) of each picture, with its page hint.
    pub images: Vec<(String, u32)>,
    pub soft_hyphens: usize,
    pub deletions: usize,
    pub insertions: usize,
    pub text_boxes: usize,
    /// Tables used for layout (their text in one column) whose paragraphs were kept in the body.
    pub layout_tables: usize,
    pub last_page: u32,
}

#[derive(Default)]
struct ParaState {
    text: String,
    style: Option<String>,
    num_id: Option<usize>,
    ilvl: Option<usize>,
    outline: Option<usize>,
    page_break_before: bool,
    section_break: bool,
    index: u32,
    page: u32,
    toc: bool,
    /// Largest size set on a run with text, and whether some text has no size of its own.
    run_size: Option<f32>,
    styled_text: bool,
}

/// An open complex field (`w:fldChar` begin … end).
#[derive(Default)]
struct Field {
    /// Past `separate`: the field's result is showing.
    result: bool,
    /// The field instruction (`w:instrText`), e.g. ` TOC \o "1-3" \h `.
    instr: String,
}

impl Field {
    fn is_toc(&self) -> bool {
        let instr = self.instr.trim_start();
        instr.len() >= 3
            && instr[..3].eq_ignore_ascii_case("toc")
            && instr[3..].chars().next().is_none_or(char::is_whitespace)
    }
}

struct TableState {
    slot: usize,
    rows: Vec<Vec<CellState>>,
    header_flags: Vec<bool>,
    prov: Provenance,
    caption: Option<String>,
    /// The paragraphs of a top-level table's cells, in document order, for when it proves to be a
    /// layout table.
    paras: Vec<Para>,
    nested: bool,
}

struct Walker<'s> {
    story: Story,
    styles: &'s mut Styles,
    out: StoryOut,
    slots: Vec<Option<Table>>,
    tables: Vec<TableState>,
    para: Option<ParaState>,
    /// Element names from the root to the current element (local names).
    stack: Vec<Vec<u8>>,
    /// Depth inside an element whose content is not shown (deleted text, field codes' props, fallbacks).
    skip: usize,
    in_text: bool,
    /// Inside `w:instrText`: its text is the instruction of the innermost field.
    in_instr: bool,
    /// The skipped element is a run's properties, where the run's font size is read.
    in_run_props: bool,
    /// Font size set on the current run.
    run_size: Option<f32>,
    fields: Vec<Field>,
    /// Open content controls (`w:sdt`): `true` for a table of contents.
    sdts: Vec<bool>,
    drawing: usize,
    paragraph_count: u32,
    page: u32,
    /// An explicit break just moved to a new page and no text came since: Word's rendered break that
    /// follows marks the same page turn.
    break_pending: bool,
    note: Option<String>,
    /// For each section in order, whether it starts on a new page (its `w:type` is not continuous).
    section_new_page: Vec<bool>,
    /// Index of the current section.
    section: usize,
}

/// For each `w:sectPr` of a part in document order, whether its section starts on a new page: every
/// break type but `continuous` and `nextColumn` turns the page. Read ahead because a paragraph that
/// ends a section does not say how the next one begins.
fn section_starts(xml: &[u8]) -> Vec<bool> {
    let mut out = Vec::new();
    let mut reader = quick_xml::Reader::from_reader(xml);
    let mut in_sect = 0usize;
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => {
                if e.local_name().as_ref() == b"sectPr" {
                    out.push(true);
                    in_sect += 1;
                } else if in_sect > 0 {
                    in_sect += 1;
                }
            }
            Ok(Event::Empty(e)) => match e.local_name().as_ref() {
                b"sectPr" => out.push(true),
                b"type" if in_sect == 1 => {
                    let turns = !matches!(
                        attr(&e, b"val").as_deref(),
                        Some("continuous" | "nextColumn")
                    );
                    if let Some(last) = out.last_mut() {
                        *last = turns;
                    }
                }
                _ => {}
            },
            Ok(Event::End(_)) => in_sect = in_sect.saturating_sub(1),
            Ok(Event::Eof) | Err(_) => break,
            Ok(_) => {}
        }
    }
    out
}

/// The unescaped value of an attribute, matched by its local name (any namespace prefix).
pub(super) fn attr(e: &BytesStart, key: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.local_name().as_ref() == key)
        .and_then(|a| {
            let raw = String::from_utf8_lossy(&a.value).into_owned();
            quick_xml::escape::unescape(&raw)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn on(e: &BytesStart) -> bool {
    !matches!(attr(e, b"val").as_deref(), Some("false" | "0" | "off"))
}

/// Elements whose whole content is not part of the text a reader sees.
fn skipped(name: &[u8]) -> bool {
    matches!(
        name,
        b"del"
            | b"moveFrom"
            | b"delInstrText"
            | b"sdtPr"
            | b"sdtEndPr"
            | b"txbxContent"
            | b"Fallback"
            | b"pict"
            | b"object"
            | b"rPr"
    ) || name.ends_with(b"Change")
}

impl<'s> Walker<'s> {
    fn parent(&self) -> &[u8] {
        self.stack.last().map(|v| v.as_slice()).unwrap_or(b"")
    }

    fn in_cell(&self) -> bool {
        self.story == Story::Body && !self.tables.is_empty()
    }

    fn visible(&self) -> bool {
        self.fields.iter().all(|f| f.result)
    }

    /// Character data inside the current element: shown text or a field instruction.
    fn chars(&mut self, s: &str) {
        if self.in_instr {
            if let Some(f) = self.fields.last_mut() {
                f.instr.push_str(s);
            }
        } else if self.in_text {
            self.push_text(s);
        }
    }

    fn push_text(&mut self, s: &str) {
        if !self.visible() || s.is_empty() {
            return;
        }
        if let Some(p) = self.para.as_mut() {
            p.text.push_str(s);
            self.break_pending = false;
            if !s.trim().is_empty() {
                match self.run_size {
                    Some(size) => p.run_size = Some(p.run_size.map_or(size, |m| m.max(size))),
                    None => p.styled_text = true,
                }
            }
        }
    }

    fn new_page(&mut self, explicit: bool) {
        if !explicit && self.break_pending {
            self.break_pending = false;
            return;
        }
        self.page += 1;
        self.break_pending = explicit;
        if let Some(p) = self.para.as_mut() {
            if p.text.trim().is_empty() {
                p.page = self.page;
            }
        }
    }

    /// An element opens; an empty element is an open followed by [`Walker::end`].
    fn start(&mut self, e: &BytesStart) {
        let name = e.local_name().as_ref().to_vec();
        if self.skip > 0 {
            self.skip += 1;
            if self.in_run_props && self.skip == 2 && name == b"sz" {
                self.run_size = attr(e, b"val")
                    .and_then(|v| v.parse::<f32>().ok())
                    .map(|hp| hp / 2.0);
            }
            if name == b"docPartGallery"
                && attr(e, b"val").is_some_and(|v| v.eq_ignore_ascii_case("Table of Contents"))
            {
                if let Some(toc) = self.sdts.last_mut() {
                    *toc = true;
                }
            }
            return;
        }
        if skipped(&name) {
            self.in_run_props = name == b"rPr" && self.parent() == b"r";
            match name.as_slice() {
                b"del" | b"moveFrom" if self.parent() != b"rPr" => self.out.deletions += 1,
                b"txbxContent" => self.out.text_boxes += 1,
                _ => {}
            }
            self.skip = 1;
            return;
        }
        if self.drawing > 0 {
            if name == b"docPr" {
                let alt = attr(e, b"descr")
                    .filter(|s| !s.trim().is_empty())
                    .or_else(|| attr(e, b"title"))
                    .unwrap_or_default();
                self.out.images.push((alt, self.page));
            }
            self.drawing += 1;
            self.stack.push(name);
            return;
        }
        let parent = self.parent().to_vec();
        match name.as_slice() {
            b"p" => {
                self.para = Some(ParaState {
                    index: self.paragraph_count,
                    page: self.page,
                    toc: self.fields.iter().any(Field::is_toc),
                    ..Default::default()
                });
                self.paragraph_count += 1;
            }
            b"r" => self.run_size = None,
            b"sdt" => self.sdts.push(false),
            b"instrText" => self.in_instr = true,
            b"pStyle" if parent == b"pPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.style = attr(e, b"val");
                }
            }
            b"numId" if parent == b"numPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.num_id = attr(e, b"val").and_then(|v| v.parse().ok());
                }
            }
            b"ilvl" if parent == b"numPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.ilvl = attr(e, b"val").and_then(|v| v.parse().ok());
                }
            }
            b"outlineLvl" if parent == b"pPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.outline = attr(e, b"val").and_then(|v| v.parse().ok());
                }
            }
            b"pageBreakBefore" if parent == b"pPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.page_break_before = on(e);
                }
            }
            b"sectPr" if parent == b"pPr" => {
                if let Some(p) = self.para.as_mut() {
                    p.section_break = true;
                }
            }
            b"t" if parent == b"r" => self.in_text = true,
            b"tab" if parent == b"r" => self.push_text("\t"),
            b"br" | b"cr" if parent == b"r" => match attr(e, b"type").as_deref() {
                Some("page") => {
                    self.push_line_break();
                    self.new_page(true);
                }
                _ => self.push_line_break(),
            },
            b"noBreakHyphen" => self.push_text("-"),
            b"softHyphen" => self.out.soft_hyphens += 1,
            b"lastRenderedPageBreak" => self.new_page(false),
            b"sym" => {
                let c = attr(e, b"char")
                    .and_then(|h| u32::from_str_radix(&h, 16).ok())
                    .and_then(char::from_u32)
                    .filter(|c| !('\u{F000}'..='\u{F0FF}').contains(c));
                if let Some(c) = c {
                    self.push_text(c.encode_utf8(&mut [0; 4]));
                }
            }
            b"fldChar" => match attr(e, b"fldCharType").as_deref() {
                Some("begin") => self.fields.push(Field::default()),
                Some("separate") => {
                    if let Some(last) = self.fields.last_mut() {
                        last.result = true;
                    }
                }
                Some("end") => {
                    // The paragraph a TOC field ends in is still one of its entries.
                    let toc = self.fields.pop().is_some_and(|f| f.is_toc());
                    if let Some(p) = self.para.as_mut().filter(|_| toc) {
                        p.toc = true;
                    }
                }
                _ => {}
            },
            b"ins" | b"moveTo" => self.out.insertions += 1,
            b"drawing" => {
                self.drawing = 1;
                self.stack.push(name);

                return;
            }
            b"footnote" | b"endnote" | b"comment" => {
                if matches!(
                    attr(e, b"type").as_deref(),
                    Some("separator" | "continuationSeparator" | "continuationNotice")
                ) {
                    self.skip = 1;

                    return;
                }
                let author = attr(e, b"author")
                    .map(|a| format!(" ({a})"))
                    .unwrap_or_default();
                self.note = Some(format!("{}{author}", attr(e, b"id").unwrap_or_default()));
            }
            b"tbl" if self.story == Story::Body => self.start_table(),
            b"tr" if self.story == Story::Body => {
                if let Some(t) = self.tables.last_mut() {
                    t.rows.push(Vec::new());
                    t.header_flags.push(false);
                }
            }
            b"tblHeader" if parent == b"trPr" && self.story == Story::Body => {
                let flag = on(e);
                if let Some(h) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.header_flags.last_mut())
                {
                    *h = flag;
                }
            }
            b"tc" if self.story == Story::Body => {
                if let Some(row) = self.tables.last_mut().and_then(|t| t.rows.last_mut()) {
                    row.push(CellState {
                        paragraphs: Vec::new(),
                        grid_span: 1,
                        vmerge: None,
                    });
                }
            }
            b"gridSpan" | b"vMerge" if parent == b"tcPr" && self.story == Story::Body => {
                let value = attr(e, b"val");
                if let Some(cell) = self
                    .tables
                    .last_mut()
                    .and_then(|t| t.rows.last_mut())
                    .and_then(|r| r.last_mut())
                {
                    if name == b"gridSpan" {
                        cell.grid_span = value.and_then(|v| v.parse().ok()).unwrap_or(1).max(1);
                    } else {
                        cell.vmerge = Some(match value.as_deref() {
                            Some("restart") => VMerge::Restart,
                            _ => VMerge::Continue,
                        });
                    }
                }
            }
            _ => {}
        }
        self.stack.push(name);
    }

    fn push_line_break(&mut self) {
        if self.para.as_ref().is_some_and(|p| !p.text.is_empty()) {
            self.push_text("\n");
        }
    }

    fn end(&mut self) {
        if self.skip > 0 {
            self.skip -= 1;
            if self.skip == 0 {
                self.in_run_props = false;
            }
            return;
        }
        let Some(name) = self.stack.pop() else { return };
        if self.drawing > 0 {
            self.drawing -= 1;
            return;
        }
        match name.as_slice() {
            b"t" => self.in_text = false,
            b"instrText" => {
                self.in_instr = false;
                if self.fields.last().is_some_and(Field::is_toc) {
                    if let Some(p) = self.para.as_mut() {
                        p.toc = true;
                    }
                }
            }
            b"sdt" => {
                self.sdts.pop();
            }
            b"pPr" => {
                let before = self.para.as_ref().is_some_and(|p| p.page_break_before);
                if before && self.paragraph_count > 1 {
                    self.new_page(true);
                }
            }
            b"p" => self.end_paragraph(),
            b"footnote" | b"endnote" | b"comment" => self.note = None,
            b"tbl" if self.story == Story::Body => self.end_table(),
            _ => {}
        }
    }

    fn end_paragraph(&mut self) {
        let Some(p) = self.para.take() else { return };
        let style_num = p
            .style
            .as_deref()
            .and_then(|s| self.styles.style_numbering(s));
        let num = match (p.num_id, style_num) {
            (Some(id), style) => Some((id, p.ilvl.or(style.and_then(|s| s.1)).unwrap_or(0))),
            (None, Some((id, lvl))) => Some((id, p.ilvl.or(lvl).unwrap_or(0))),
            (None, None) => None,
        };
        // numId 0 is Word's way of switching numbering off for a paragraph.
        let label = num
            .filter(|&(id, _)| id != 0)
            .and_then(|(id, lvl)| self.styles.next_label(id, lvl));
        let mut text = label.unwrap_or_default();
        text.push_str(p.text.trim_end_matches('\n'));
        let heading_level = match p.outline {
            Some(o) if o < 9 => Some(o as u8 + 1),
            Some(_) => None,
            None => p
                .style
                .as_deref()
                .and_then(|s| self.styles.heading_level(s)),
        };
        let toc = p.toc
            || self.sdts.iter().any(|&t| t)
            || self.fields.iter().any(Field::is_toc)
            || p.style.as_deref().is_some_and(|s| self.styles.is_toc(s));
        let styled = p
            .styled_text
            .then(|| self.styles.font_size(p.style.as_deref()));
        let font_size = match (p.run_size, styled) {
            (Some(a), Some(b)) => Some(a.max(b)),
            (a, b) => a.or(b),
        };
        let para = Para {
            text,
            heading_level,
            index: p.index,
            page: p.page,
            note: self.note.clone(),
            toc,
            font_size,
        };
        if self.in_cell() {
            let top_level = self.tables.len() == 1;
            if let Some(table) = self.tables.last_mut() {
                if let Some(cell) = table.rows.last_mut().and_then(|r| r.last_mut()) {
                    cell.paragraphs.push(para.text.clone());
                }
                if top_level {
                    table.paras.push(para);
                }
            }
        } else {
            self.out.paragraphs.push(para);
        }
        if p.section_break {
            // How the next section starts is said by that section's properties, the next `sectPr`.
            self.section += 1;
            if self
                .section_new_page
                .get(self.section)
                .copied()
                .unwrap_or(true)
            {
                self.new_page(true);
            }
        }
    }

    fn start_table(&mut self) {
        let slot = self.slots.len();
        self.slots.push(None);
        if let Some(parent) = self.tables.last_mut() {
            parent.nested = true;
        }
        let cell = match self.tables.last() {
            // A nested table points at the cell it sits in.
            Some(parent) => {
                let row = parent.rows.len().saturating_sub(1);
                let col = parent
                    .rows
                    .last()
                    .map(|r| {
                        r.iter()
                            .take(r.len().saturating_sub(1))
                            .map(|c| c.grid_span)
                            .sum()
                    })
                    .unwrap_or(0);
                CellRef {
                    table: parent.slot as u32,
                    row: row as u32,
                    col,
                }
            }
            None => CellRef {
                table: slot as u32,
                row: 0,
                col: 0,
            },
        };
        let caption = self
            .out
            .paragraphs
            .last()
            .map(|p| p.text.trim().to_string())
            .filter(|t| {
                !t.is_empty() && t.chars().count() <= 120 && !t.ends_with(['.', '?', '!', ':'])
            });
        self.tables.push(TableState {
            slot,
            rows: Vec::new(),
            header_flags: Vec::new(),
            prov: Provenance {
                page: Some(self.page),
                paragraph: Some(self.paragraph_count),
                cell: Some(cell),
                ..Default::default()
            },
            caption,
            paras: Vec::new(),
            nested: false,
        });
    }

    fn end_table(&mut self) {
        let Some(state) = self.tables.pop() else {
            return;
        };
        if self.tables.is_empty() && !state.nested && is_layout(&state.rows) {
            // A table that only places text (a title in a box, an address block beside a logo):
            // its paragraphs are body text where they stand, and it is no table.
            self.out.layout_tables += 1;
            self.out.paragraphs.extend(state.paras);
            return;
        }
        let table = finish_table(state.rows, &state.header_flags, state.prov, state.caption);
        if let Some(slot) = self.slots.get_mut(state.slot) {
            *slot = Some(table);
        }
    }
}

/// Walks one story part.
pub fn walk(
    xml: &[u8],
    part: &str,
    story: Story,
    styles: &mut Styles,
) -> Result<StoryOut, DocxError> {
    let mut w = Walker {
        story,
        styles,
        out: StoryOut::default(),
        slots: Vec::new(),
        tables: Vec::new(),
        para: None,
        stack: Vec::new(),
        skip: 0,
        in_text: false,
        in_instr: false,
        in_run_props: false,
        run_size: None,
        fields: Vec::new(),
        sdts: Vec::new(),
        drawing: 0,
        paragraph_count: 0,
        page: 1,
        break_pending: false,
        note: None,
        section_new_page: if story == Story::Body {
            section_starts(xml)
        } else {
            Vec::new()
        },
        section: 0,
    };
    let mut reader = quick_xml::Reader::from_reader(xml);
    let bad = |e: &dyn std::fmt::Display| DocxError::Xml {
        part: part.to_string(),
        message: e.to_string(),
    };
    loop {
        match reader.read_event() {
            Ok(Event::Start(e)) => w.start(&e),
            Ok(Event::Empty(e)) => {
                w.start(&e);
                w.end();
            }
            Ok(Event::End(_)) => w.end(),
            Ok(Event::Text(t)) if (w.in_text || w.in_instr) && w.skip == 0 => {
                let text = t.xml10_content().map_err(|e| bad(&e))?;
                w.chars(&text);
            }
            Ok(Event::CData(t)) if (w.in_text || w.in_instr) && w.skip == 0 => {
                let text = t.decode().map_err(|e| bad(&e))?;
                w.chars(&text);
            }
            Ok(Event::GeneralRef(r)) if (w.in_text || w.in_instr) && w.skip == 0 => {
                let c = if r.is_char_ref() {
                    r.resolve_char_ref().map_err(|e| bad(&e))?.map(String::from)
                } else {
                    let name = r.decode().map_err(|e| bad(&e))?;
                    quick_xml::escape::resolve_predefined_entity(&name).map(String::from)
                };
                if let Some(c) = c {
                    w.chars(&c);
                }
            }
            Ok(Event::Eof) => break,
            Ok(_) => {}
            Err(e) => {
                return Err(DocxError::Xml {
                    part: part.to_string(),
                    message: format!("at byte {}: {e}", reader.error_position()),
                })
            }
        }
    }
    let mut out = w.out;
    out.last_page = w.page;
    // Layout tables left their slots empty: number the tables that remain, and point nested tables
    // at their parent's new number.
    let mut renumber = Vec::with_capacity(w.slots.len());
    let mut next = 0u32;
    for slot in &w.slots {
        renumber.push(next);
        next += u32::from(slot.is_some());
    }
    out.tables = w
        .slots
        .into_iter()
        .flatten()
        .map(|mut t| {
            if let Some(cell) = t.prov.cell.as_mut() {
                cell.table = renumber
                    .get(cell.table as usize)
                    .copied()
                    .unwrap_or(cell.table);
            }
            t
        })
        .collect();
    Ok(out)
}

/// A table whose text all stands in one grid column is a layout table: a box around a title, an
/// address block beside a logo. A table with no text at all is left a table.
fn is_layout(rows: &[Vec<CellState>]) -> bool {
    let mut column = None;
    for row in rows {
        let mut at = 0u32;
        for cell in row {
            if cell.paragraphs.iter().any(|p| !p.trim().is_empty()) {
                match column {
                    None => column = Some(at),
                    Some(c) if c != at => return false,
                    Some(_) => {}
                }
            }
            at = at.saturating_add(cell.grid_span);
        }
    }
    column.is_some()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(inner: &str) -> StoryOut {
        let xml = format!(
            r#"<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body>{inner}</w:body></w:document>"#
        );
        walk(xml.as_bytes(), "t", Story::Body, &mut Styles::default()).expect("walk")
    }

    fn texts(out: &StoryOut) -> Vec<&str> {
        out.paragraphs.iter().map(|p| p.text.as_str()).collect()
    }

    #[test]
    fn runs_hyphens_tabs_breaks_and_tracked_changes() {
        let out = body(
            r#"<w:p><w:r><w:t>Hälso</w:t><w:noBreakHyphen/><w:t xml:space="preserve">och sjuk</w:t><w:softHyphen/><w:t>vård</w:t><w:tab/><w:t>A&amp;B</w:t></w:r>
            <w:del><w:r><w:delText>bort</w:delText></w:r></w:del><w:ins><w:r><w:t> ny</w:t></w:r></w:ins>
            <w:r><w:br/><w:t>rad</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&out), vec!["Hälso-och sjukvård\tA&B ny\nrad"]);
        assert_eq!((out.soft_hyphens, out.deletions, out.insertions), (1, 1, 1));
    }

    #[test]
    fn fields_show_their_result_and_bookmarks_no_text() {
        let out = body(
            r#"<w:p><w:bookmarkStart w:id="0" w:name="_Toc1"/><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> HYPERLINK "x" </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>länk</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r><w:bookmarkEnd w:id="0"/>
            <w:fldSimple w:instr="PAGE"><w:r><w:t>7</w:t></w:r></w:fldSimple><w:hyperlink r:id="rId9" xmlns:r="r"><w:r><w:t> här</w:t></w:r></w:hyperlink>
            <w:sdt><w:sdtPr><w:alias w:val="Titel"/></w:sdtPr><w:sdtContent><w:r><w:t> styrd</w:t></w:r></w:sdtContent></w:sdt></w:p>"#,
        );
        assert_eq!(texts(&out), vec!["länk7 här styrd"]);
    }

    #[test]
    fn page_hints_from_explicit_and_rendered_breaks() {
        let out = body(
            r#"<w:p><w:r><w:t>ett</w:t></w:r><w:r><w:br w:type="page"/></w:r></w:p>
            <w:p><w:r><w:lastRenderedPageBreak/><w:t>två</w:t></w:r></w:p>
            <w:p><w:r><w:t>mitt i</w:t></w:r></w:p><w:p><w:r><w:lastRenderedPageBreak/><w:t>tre</w:t></w:r></w:p>
            <w:p><w:pPr><w:pageBreakBefore/></w:pPr><w:r><w:t>fyra</w:t></w:r></w:p>"#,
        );
        let pages: Vec<u32> = out.paragraphs.iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![1, 2, 2, 3, 4]);
    }

    #[test]
    fn tables_with_spans_and_nesting_stay_out_of_the_lines() {
        let out = body(
            r#"<w:p><w:r><w:t>Tabell 1</w:t></w:r></w:p><w:tbl>
            <w:tr><w:tc><w:tcPr><w:vMerge w:val="restart"/></w:tcPr><w:p><w:r><w:t>Belopp i mnkr</w:t></w:r></w:p></w:tc><w:tc><w:tcPr><w:gridSpan w:val="2"/></w:tcPr><w:p><w:r><w:t>2024</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:tcPr><w:vMerge/></w:tcPr><w:p/></w:tc><w:tc><w:p><w:r><w:t>Utfall</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Budget</w:t></w:r></w:p></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Avgifter</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>227.0</w:t></w:r></w:p></w:tc><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inre</w:t></w:r></w:p></w:tc></w:tr></w:tbl><w:p><w:r><w:t>226.7</w:t></w:r></w:p></w:tc></w:tr>
            </w:tbl><w:p><w:r><w:t>Efter</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&out), vec!["Tabell 1", "Efter"]);
        assert_eq!(out.tables.len(), 2);
        let t = &out.tables[0];
        assert_eq!(t.title.as_deref(), Some("Tabell 1"));
        assert_eq!(t.unit.as_deref(), Some("mnkr"));
        assert_eq!(t.header.len(), 2);
        assert_eq!((t.header[0][0].row_span, t.header[0][1].col_span), (2, 2));
        assert_eq!(t.header[1].len(), 2);
        let row: Vec<&str> = t.rows[0].iter().map(|c| c.text.as_str()).collect();
        assert_eq!(row, vec!["Avgifter", "227.0", "226.7"]);
        let inner = &out.tables[1];
        assert_eq!(inner.rows[0][0].text, "inre");
        assert_eq!(
            inner.prov.cell,
            Some(CellRef {
                table: 0,
                row: 2,
                col: 2
            })
        );
        assert_eq!(out.paragraphs[1].index, 10);
    }

    #[test]
    fn images_give_their_alt_text_and_text_boxes_are_counted() {
        let out = body(
            r#"<w:p><w:r><w:drawing><wp:inline xmlns:wp="wp"><wp:docPr id="1" name="Bild 1" descr="Diagram över utfall"/></wp:inline></w:drawing></w:r>
            <w:r><w:drawing><wps:txbx xmlns:wps="wps"><w:txbxContent><w:p><w:r><w:t>ruta</w:t></w:r></w:p></w:txbxContent></wps:txbx></w:drawing></w:r><w:r><w:t>text</w:t></w:r></w:p>"#,
        );
        assert_eq!(texts(&out), vec!["text"]);
        assert_eq!(out.images, vec![("Diagram över utfall".to_string(), 1)]);
    }

    #[test]
    fn a_table_of_contents_is_marked_whether_field_or_content_control() {
        let entry = |n: &str| {
            format!(
                r#"<w:p><w:r><w:t>{n}</w:t></w:r><w:r><w:tab/></w:r><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGEREF _Toc1 \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>3</w:t></w:r><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>"#
            )
        };
        // A TOC field that begins in the first entry and ends in a paragraph of its own.
        let field = format!(
            r#"<w:p><w:r><w:t>Före</w:t></w:r></w:p><w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText xml:space="preserve"> TOC \o "1-2" \h </w:instrText></w:r><w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>1 Ett</w:t></w:r></w:p>{}<w:p><w:r><w:fldChar w:fldCharType="end"/></w:r></w:p><w:p><w:r><w:t>Efter</w:t></w:r></w:p>"#,
            entry("2 Två")
        );
        let out = body(&field);
        let marked: Vec<(&str, bool)> = out
            .paragraphs
            .iter()
            .filter(|p| !p.text.is_empty())
            .map(|p| (p.text.as_str(), p.toc))
            .collect();
        assert_eq!(
            marked,
            vec![
                ("Före", false),
                ("1 Ett", true),
                ("2 Två\t3", true),
                ("Efter", false)
            ]
        );
        // A content control of the "Table of Contents" gallery, whatever its fields.
        let sdt = format!(
            r#"<w:sdt><w:sdtPr><w:docPartObj><w:docPartGallery w:val="Table of Contents"/></w:docPartObj></w:sdtPr><w:sdtContent><w:p><w:r><w:t>Innehåll</w:t></w:r></w:p>{}</w:sdtContent></w:sdt><w:p><w:r><w:t>Brödtext</w:t></w:r></w:p>"#,
            entry("1 Ett")
        );
        let out = body(&sdt);
        let marked: Vec<bool> = out.paragraphs.iter().map(|p| p.toc).collect();
        assert_eq!(marked, vec![true, true, false]);
        // Other fields are not a table of contents.
        assert!(!Field {
            result: true,
            instr: " TOCX ".into()
        }
        .is_toc());
    }

    #[test]
    fn a_layout_table_gives_its_text_to_the_body_in_order() {
        let out = body(
            r#"<w:p><w:r><w:t>Före</w:t></w:r></w:p>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:rPr><w:b/><w:sz w:val="30"/></w:rPr><w:t>Titel i en ruta</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr>
            <w:tr><w:tc><w:p><w:r><w:t>Undertitel</w:t></w:r></w:p></w:tc><w:tc><w:p/></w:tc></w:tr></w:tbl>
            <w:tbl><w:tr><w:tc><w:p><w:r><w:t>Mål</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>Utfall</w:t></w:r></w:p></w:tc></w:tr></w:tbl>
            <w:tbl><w:tr><w:tc><w:tbl><w:tr><w:tc><w:p><w:r><w:t>inre</w:t></w:r></w:p></w:tc><w:tc><w:p><w:r><w:t>x</w:t></w:r></w:p></w:tc></w:tr></w:tbl></w:tc></w:tr></w:tbl>
            <w:p><w:r><w:t>Efter</w:t></w:r></w:p>"#,
        );
        // Empty cells give empty paragraphs, as empty paragraphs of the body do.
        let shown: Vec<&str> = texts(&out).into_iter().filter(|t| !t.is_empty()).collect();
        assert_eq!(
            shown,
            vec!["Före", "Titel i en ruta", "Undertitel", "Efter"]
        );
        assert_eq!(out.paragraphs[1].font_size, Some(15.0));
        assert_eq!(out.layout_tables, 1);
        // The data table, the table holding a nested table, and the nested one remain, renumbered.
        assert_eq!(out.tables.len(), 3);
        assert_eq!(out.tables[0].rows.len() + out.tables[0].header.len(), 1);
        assert_eq!(out.tables[2].prov.cell.map(|c| c.table), Some(1));
    }

    #[test]
    fn a_continuous_section_break_does_not_turn_the_page() {
        let out = body(
            r#"<w:p><w:pPr><w:sectPr><w:type w:val="nextPage"/></w:sectPr></w:pPr><w:r><w:t>ett</w:t></w:r></w:p>
            <w:p><w:pPr><w:sectPr/></w:pPr><w:r><w:t>fortfarande ett</w:t></w:r></w:p>
            <w:p><w:r><w:t>två</w:t></w:r></w:p>
            <w:sectPr><w:type w:val="continuous"/></w:sectPr>"#,
        );
        // The first break's kind is the second section's (a default, new page); the second break's
        // is the last section's (continuous).
        let pages: Vec<u32> = out.paragraphs.iter().map(|p| p.page).collect();
        assert_eq!(pages, vec![1, 2, 2]);
    }

    #[test]
    fn malformed_xml_is_an_error_naming_the_part() {
        let err = walk(
            b"<w:p><w:r></w:p>",
            "word/document.xml",
            Story::Body,
            &mut Styles::default(),
        )
        .err()
        .map(|e| e.to_string())
        .unwrap_or_default();
        assert!(err.contains("word/document.xml"), "{err}");
    }
}
