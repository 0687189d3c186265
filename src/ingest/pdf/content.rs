//! The content-stream interpreter: runs a page's drawing operators far enough to know where every glyph
//! lands (text and graphics state, form XObjects) and where straight rules are drawn (table borders).
//!
//! Coordinates are turned into page space with the origin at the top-left corner, in points, which is
//! what [`crate::model::BBox`] uses.

use super::fonts::Font;
use super::lexer::{for_each_op, Operand};
use lopdf::{Dictionary, Document, Object, ObjectId};
use std::collections::{BTreeMap, HashMap};
use std::rc::Rc;

/// One glyph placed on the page.
#[derive(Clone, Debug)]
pub struct Glyph {
    /// Left edge and baseline, page space (top-left origin).
    pub x: f32,
    pub y: f32,
    /// Advance width on the page.
    pub w: f32,
    /// Effective font size on the page.
    pub size: f32,
    pub text: Rc<str>,
    pub bold: bool,
    /// Writing direction on the displayed page in quarter turns clockwise: 0 left to right, 1 top to
    /// bottom, 2 upside down, 3 bottom to top.
    pub dir: u8,
}

/// A straight horizontal or vertical rule (a stroked line or a thin filled rectangle).
#[derive(Clone, Copy, Debug)]
pub struct Rule {
    pub x0: f32,
    pub y0: f32,
    pub x1: f32,
    pub y1: f32,
}

impl Rule {
    pub fn horizontal(&self) -> bool {
        (self.y1 - self.y0) <= 2.5 && (self.x1 - self.x0) > 2.5
    }
    pub fn vertical(&self) -> bool {
        (self.x1 - self.x0) <= 2.5 && (self.y1 - self.y0) > 2.5
    }
}

/// What a page draws.
#[derive(Debug, Default)]
pub struct PageContent {
    pub glyphs: Vec<Glyph>,
    pub rules: Vec<Rule>,
    /// Glyph counts per font that had no Unicode meaning.
    pub unmapped: BTreeMap<String, usize>,
    /// Every glyph shown, mapped or not (the measure of how much of a page [`Self::unmapped`] is).
    pub drawn: usize,
    pub images: usize,
    /// Content streams (of the page or its forms) that could not be decoded.
    pub corrupt_streams: usize,
}

type Matrix = [f32; 6];
const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

fn mul(a: &Matrix, b: &Matrix) -> Matrix {
    [
        a[0] * b[0] + a[1] * b[2],
        a[0] * b[1] + a[1] * b[3],
        a[2] * b[0] + a[3] * b[2],
        a[2] * b[1] + a[3] * b[3],
        a[4] * b[0] + a[5] * b[2] + b[4],
        a[4] * b[1] + a[5] * b[3] + b[5],
    ]
}

fn apply(m: &Matrix, x: f32, y: f32) -> (f32, f32) {
    (m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5])
}

#[derive(Clone)]
struct State {
    ctm: Matrix,
    font: Option<Rc<Font>>,
    size: f32,
    char_spacing: f32,
    word_spacing: f32,
    hscale: f32,
    leading: f32,
    rise: f32,
}

/// Runs content streams; fonts are cached per font object so each is read once per document.
pub struct Interpreter<'a> {
    doc: &'a Document,
    /// User space to the displayed page (page rotation applied, y down, origin top-left).
    page: Matrix,
    fonts: &'a mut HashMap<ObjectId, Rc<Font>>,
    /// Budget of decompressed bytes left; streams beyond it are not decoded.
    pub budget: &'a mut u64,
    pub over_budget: bool,
    out: PageContent,
    depth: u32,
}

impl<'a> Interpreter<'a> {
    /// An interpreter for a page with this media box and /Rotate (degrees clockwise, a multiple of 90).
    pub fn new(
        doc: &'a Document,
        media_box: [f32; 4],
        rotate: i64,
        fonts: &'a mut HashMap<ObjectId, Rc<Font>>,
        budget: &'a mut u64,
    ) -> Self {
        Interpreter {
            doc,
            page: page_matrix(media_box, rotate),
            fonts,
            budget,
            over_budget: false,
            out: PageContent::default(),
            depth: 0,
        }
    }

    pub fn finish(self) -> PageContent {
        self.out
    }

    fn to_page(&self, x: f32, y: f32) -> (f32, f32) {
        apply(&self.page, x, y)
    }

    /// Interprets a content stream with its resources under a starting matrix.
    pub fn run(&mut self, content: &[u8], resources: Option<&Dictionary>, ctm: Matrix) {
        let mut state = State {
            ctm,
            font: None,
            size: 0.0,
            char_spacing: 0.0,
            word_spacing: 0.0,
            hscale: 1.0,
            leading: 0.0,
            rise: 0.0,
        };
        let mut stack: Vec<State> = Vec::new();
        let mut tm = IDENTITY;
        let mut tlm = IDENTITY;
        let mut path: Vec<Rule> = Vec::new();
        let mut cursor = (0.0f32, 0.0f32);
        for_each_op(content, |op, args| {
            let n = |i: usize| args.get(i).and_then(Operand::num).unwrap_or(0.0);
            let name = |i: usize| match args.get(i) {
                Some(Operand::Name(n)) => Some(*n),
                _ => None,
            };
            match op {
                b"q" if stack.len() < 64 => stack.push(state.clone()),
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        state = s;
                    }
                }
                b"cm" => state.ctm = mul(&[n(0), n(1), n(2), n(3), n(4), n(5)], &state.ctm),
                b"BT" => {
                    tm = IDENTITY;
                    tlm = IDENTITY;
                }
                b"Tf" => {
                    state.size = n(1);
                    // A font that cannot be found still draws its glyphs: they count as unmapped.
                    state.font = name(0).map(|name| {
                        self.font(resources, name)
                            .unwrap_or_else(|| Rc::new(Font::missing(name)))
                    });
                }
                b"Tc" => state.char_spacing = n(0),
                b"Tw" => state.word_spacing = n(0),
                b"Tz" => state.hscale = n(0) / 100.0,
                b"TL" => state.leading = n(0),
                b"Ts" => state.rise = n(0),
                b"Td" | b"TD" => {
                    if op == b"TD" {
                        state.leading = -n(1);
                    }
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, n(0), n(1)], &tlm);
                    tm = tlm;
                }
                b"Tm" => {
                    tlm = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    tm = tlm;
                }
                b"T*" => {
                    tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                    tm = tlm;
                }
                b"Tj" | b"'" | b"\"" => {
                    if op != b"Tj" {
                        if op == b"\"" {
                            state.word_spacing = n(0);
                            state.char_spacing = n(1);
                        }
                        tlm = mul(&[1.0, 0.0, 0.0, 1.0, 0.0, -state.leading], &tlm);
                        tm = tlm;
                    }
                    if let Some(Operand::Str(bytes)) = args.last() {
                        self.show(&state, &mut tm, bytes);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = args.first() {
                        for item in items {
                            match item {
                                Operand::Str(bytes) => self.show(&state, &mut tm, bytes),
                                other => {
                                    let adj = other.num().unwrap_or(0.0);
                                    let tx = -adj / 1000.0 * state.size * state.hscale;
                                    tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], &tm);
                                }
                            }
                        }
                    }
                }
                b"m" => cursor = (n(0), n(1)),
                b"l" => {
                    let (x0, y0) = apply(&state.ctm, cursor.0, cursor.1);
                    let (x1, y1) = apply(&state.ctm, n(0), n(1));
                    path.push(self.rule(x0, y0, x1, y1));
                    cursor = (n(0), n(1));
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let (x0, y0) = apply(&state.ctm, x, y);
                    let (x1, y1) = apply(&state.ctm, x + w, y + h);
                    let r = self.rule(x0, y0, x1, y1);
                    if r.horizontal() || r.vertical() {
                        path.push(r);
                    } else if (r.x1 - r.x0) > 2.5 && (r.y1 - r.y0) > 2.5 {
                        // A stroked box: its four edges.
                        path.push(Rule { y1: r.y0, ..r });
                        path.push(Rule { y0: r.y1, ..r });
                        path.push(Rule { x1: r.x0, ..r });
                        path.push(Rule { x0: r.x1, ..r });
                    }
                }
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" => {
                    self.out
                        .rules
                        .extend(path.drain(..).filter(|r| r.horizontal() || r.vertical()));
                }
                b"n" => path.clear(),
                b"Do" => {
                    if let Some(name) = name(0) {
                        self.xobject(resources, name, &state);
                    }
                }
                b"BI" => self.out.images += 1,
                _ => {}
            }
        });
    }

    fn rule(&self, x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
        let (ax, ay) = self.to_page(x0, y0);
        let (bx, by) = self.to_page(x1, y1);
        Rule {
            x0: ax.min(bx),
            y0: ay.min(by),
            x1: ax.max(bx),
            y1: ay.max(by),
        }
    }

    fn show(&mut self, state: &State, tm: &mut Matrix, bytes: &[u8]) {
        let Some(font) = state.font.clone() else {
            return;
        };
        for code in font.codes(bytes) {
            self.out.drawn += 1;
            let trm = mul(
                &[
                    state.size * state.hscale,
                    0.0,
                    0.0,
                    state.size,
                    0.0,
                    state.rise,
                ],
                &mul(tm, &state.ctm),
            );
            let w0 = font.width(code);
            let mut tx = w0 * state.size + state.char_spacing;
            if !font.two_byte && code == 32 {
                tx += state.word_spacing;
            }
            tx *= state.hscale;
            let shown = mul(&trm, &self.page);
            let (x, y) = (shown[4], shown[5]);
            let size = (trm[2] * trm[2] + trm[3] * trm[3]).sqrt() * font.size_scale();
            let dir = direction(shown[0], shown[1]);
            let m = mul(tm, &state.ctm);
            let w = tx * (m[0] * m[0] + m[1] * m[1]).sqrt();
            match font.text(code) {
                Some(text) => {
                    if size > 0.5 && x.is_finite() && y.is_finite() {
                        self.out.glyphs.push(Glyph {
                            x,
                            y,
                            w,
                            size,
                            text,
                            bold: font.bold,
                            dir,
                        });
                    }
                }
                None => *self.out.unmapped.entry(font.name.clone()).or_default() += 1,
            }
            *tm = mul(&[1.0, 0.0, 0.0, 1.0, tx, 0.0], tm);
        }
    }

    fn font(&mut self, resources: Option<&Dictionary>, name: &[u8]) -> Option<Rc<Font>> {
        let fonts = resources?.get(b"Font").ok()?;
        let fonts = match fonts {
            Object::Reference(id) => self.doc.get_dictionary(*id).ok()?,
            Object::Dictionary(d) => d,
            _ => return None,
        };
        let load = |dict: &Dictionary| {
            let mut font = Font::load(self.doc, dict);
            if font.name.is_empty() {
                // Type3 fonts often have no /BaseFont: the resource name identifies them.
                font.name = format!("/{}", String::from_utf8_lossy(name));
            }
            Rc::new(font)
        };
        let id = match fonts.get(name).ok()? {
            Object::Reference(id) => *id,
            // A font written inline in the resources: not shared, so not cached.
            Object::Dictionary(dict) => return Some(load(dict)),
            _ => return None,
        };
        if let Some(f) = self.fonts.get(&id) {
            return Some(f.clone());
        }
        let dict = self.doc.get_dictionary(id).ok()?;
        let font = load(dict);
        self.fonts.insert(id, font.clone());
        Some(font)
    }

    fn xobject(&mut self, resources: Option<&Dictionary>, name: &[u8], state: &State) {
        let doc = self.doc;
        let Some(xobjects) = resources.and_then(|r| r.get(b"XObject").ok()) else {
            return;
        };
        let xobjects = match xobjects {
            Object::Reference(id) => match doc.get_dictionary(*id) {
                Ok(d) => d,
                Err(_) => return,
            },
            Object::Dictionary(d) => d,
            _ => return,
        };
        let Some(stream) = xobjects
            .get(name)
            .ok()
            .and_then(|o| o.as_reference().ok())
            .and_then(|id| doc.get_object(id).ok())
            .and_then(|o| o.as_stream().ok())
        else {
            return;
        };
        match stream.dict.get(b"Subtype").and_then(Object::as_name) {
            Ok(b"Image") => self.out.images += 1,
            Ok(b"Form") if self.depth < 8 => {
                let data = match super::decode_stream(stream, self.budget) {
                    Ok(data) => data,
                    Err(super::StreamError::OverBudget) => {
                        self.over_budget = true;
                        return;
                    }
                    Err(super::StreamError::Corrupt) => {
                        self.out.corrupt_streams += 1;
                        return;
                    }
                };
                let matrix = stream
                    .dict
                    .get(b"Matrix")
                    .and_then(Object::as_array)
                    .ok()
                    .filter(|a| a.len() == 6)
                    .map(|a| {
                        let v: Vec<f32> = a.iter().map(|o| num(o).unwrap_or(0.0)).collect();
                        [v[0], v[1], v[2], v[3], v[4], v[5]]
                    })
                    .unwrap_or(IDENTITY);
                let res = match stream.dict.get(b"Resources") {
                    Ok(Object::Reference(id)) => doc.get_dictionary(*id).ok(),
                    Ok(Object::Dictionary(d)) => Some(d),
                    _ => resources,
                };
                self.depth += 1;
                self.run(&data, res, mul(&matrix, &state.ctm));
                self.depth -= 1;
            }
            _ => {}
        }
    }
}

/// User space to the displayed page: the media box's lower-left corner moved to the origin, the page
/// turned by /Rotate (clockwise), y pointing down from the top-left corner.
pub fn page_matrix(media_box: [f32; 4], rotate: i64) -> Matrix {
    let [x0, y0, x1, y1] = media_box;
    let (w, h) = (x1 - x0, y1 - y0);
    let shift = [1.0, 0.0, 0.0, 1.0, -x0, -y0];
    let turn = match rotate.rem_euclid(360) {
        90 => [0.0, 1.0, 1.0, 0.0, 0.0, 0.0],
        180 => [-1.0, 0.0, 0.0, 1.0, w, 0.0],
        270 => [0.0, -1.0, -1.0, 0.0, h, w],
        _ => [1.0, 0.0, 0.0, -1.0, 0.0, h],
    };
    mul(&shift, &turn)
}

/// The quarter turn nearest to a baseline direction on the displayed page (y down).
fn direction(dx: f32, dy: f32) -> u8 {
    if dx.abs() >= dy.abs() {
        if dx >= 0.0 {
            0
        } else {
            2
        }
    } else if dy > 0.0 {
        1
    } else {
        3
    }
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}
