//! Fonts: what a PDF font's codes mean (ToUnicode map first, then the font's encoding), how wide each
//! glyph is, and whether the font is bold — the three things text extraction needs from a font.
//!
//! A code that neither the ToUnicode map nor the encoding explains is reported as unmapped, never turned
//! into U+FFFD: the caller counts them and names the page in a diagnostic.

use lopdf::{Dictionary, Document, Object};
use std::collections::HashMap;
use std::rc::Rc;
use unicode_normalization::UnicodeNormalization;

/// A font as the content interpreter needs it.
#[derive(Debug, Default)]
pub struct Font {
    pub name: String,
    /// Type0 (composite) fonts use two-byte codes.
    pub two_byte: bool,
    pub bold: bool,
    to_unicode: HashMap<u32, Rc<str>>,
    /// For simple fonts: the character of each code from /Encoding (base encoding plus Differences).
    simple: Vec<Option<Rc<str>>>,
    widths: HashMap<u32, f32>,
    default_width: f32,
    /// Glyph space to text space (1/1000 except for Type3 fonts).
    scale: f32,
}

impl Font {
    /// Splits a string operand into codes.
    pub fn codes<'a>(&'a self, bytes: &'a [u8]) -> impl Iterator<Item = u32> + 'a {
        let step = if self.two_byte { 2 } else { 1 };
        bytes
            .chunks(step)
            .map(|c| c.iter().fold(0u32, |acc, &b| (acc << 8) | u32::from(b)))
    }

    /// The text of a code, or `None` when the font does not say.
    pub fn text(&self, code: u32) -> Option<Rc<str>> {
        if let Some(t) = self.to_unicode.get(&code) {
            return Some(t.clone());
        }
        if !self.two_byte {
            return self.simple.get(code as usize).cloned().flatten();
        }
        None
    }

    /// A font the resources name but do not hold: every glyph shown with it is unmapped.
    pub fn missing(resource: &[u8]) -> Font {
        Font {
            name: format!(
                "/{} (not in the page's resources)",
                String::from_utf8_lossy(resource)
            ),
            scale: 0.001,
            ..Default::default()
        }
    }

    /// How much larger the glyphs are than the font size says: 1 except for a Type3 font whose
    /// /FontMatrix is not the usual 1/1000.
    pub fn size_scale(&self) -> f32 {
        self.scale * 1000.0
    }

    /// Advance of a code in text space units per unit of font size.
    pub fn width(&self, code: u32) -> f32 {
        self.widths
            .get(&code)
            .copied()
            .unwrap_or(self.default_width)
            * self.scale
    }

    /// Reads a font dictionary.
    pub fn load(doc: &Document, dict: &Dictionary) -> Font {
        let name = dict
            .get(b"BaseFont")
            .and_then(Object::as_name)
            .map(|n| String::from_utf8_lossy(n).into_owned())
            .unwrap_or_default();
        let subtype = dict
            .get(b"Subtype")
            .and_then(Object::as_name)
            .unwrap_or(b"");
        let mut font = Font {
            name: name.clone(),
            two_byte: subtype == b"Type0",
            scale: 0.001,
            default_width: 0.0,
            ..Default::default()
        };
        if subtype == b"Type3" {
            if let Some(m) =
                deref(doc, dict.get(b"FontMatrix").ok()).and_then(|o| o.as_array().ok())
            {
                font.scale = m
                    .first()
                    .and_then(num)
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .unwrap_or(0.001);
            }
        }
        if let Some(Ok(stream)) = deref(doc, dict.get(b"ToUnicode").ok()).map(Object::as_stream) {
            if let Ok(content) = stream.decompressed_content() {
                font.to_unicode = shared(parse_cmap(&content));
            } else {
                font.to_unicode = shared(parse_cmap(&stream.content));
            }
        }
        let mut descriptor = None;
        if font.two_byte {
            let descendant = deref(doc, dict.get(b"DescendantFonts").ok())
                .and_then(|o| o.as_array().ok())
                .and_then(|a| deref(doc, a.first()))
                .and_then(|o| o.as_dict().ok());
            if let Some(d) = descendant {
                font.default_width = d.get(b"DW").ok().and_then(num).unwrap_or(1000.0);
                if let Some(w) = deref(doc, d.get(b"W").ok()).and_then(|o| o.as_array().ok()) {
                    read_cid_widths(doc, w, &mut font.widths);
                }
                descriptor =
                    deref(doc, d.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
            }
        } else {
            font.simple = simple_encoding(doc, dict);
            // Without /Widths (the standard 14 fonts may omit them) an average advance keeps glyphs
            // apart, so that words are not read as overprinted letters.
            if !dict.has(b"Widths") {
                font.default_width = 500.0;
            }
            let first = dict.get(b"FirstChar").ok().and_then(num).unwrap_or(0.0) as u32;
            if let Some(w) = deref(doc, dict.get(b"Widths").ok()).and_then(|o| o.as_array().ok()) {
                for (i, w) in w.iter().enumerate() {
                    if let Some(w) = deref(doc, Some(w)).and_then(num) {
                        font.widths.insert(first.saturating_add(i as u32), w);
                    }
                }
            }
            descriptor =
                deref(doc, dict.get(b"FontDescriptor").ok()).and_then(|o| o.as_dict().ok());
            if let Some(w) = descriptor
                .and_then(|d| d.get(b"MissingWidth").ok())
                .and_then(num)
            {
                font.default_width = w;
            }
        }
        let lower = name.to_ascii_lowercase();
        font.bold = ["bold", "black", "heavy", "semibold", "demi"]
            .iter()
            .any(|w| lower.contains(w))
            || descriptor.is_some_and(|d| {
                d.get(b"FontWeight").ok().and_then(num).unwrap_or(0.0) >= 600.0
                    || (d.get(b"Flags").ok().and_then(num).unwrap_or(0.0) as u32) & (1 << 18) != 0
            });
        font
    }
}

/// Shares each code's text, so that placing a glyph does not allocate.
fn shared(map: HashMap<u32, String>) -> HashMap<u32, Rc<str>> {
    map.into_iter().map(|(k, v)| (k, Rc::from(v))).collect()
}

fn num(o: &Object) -> Option<f32> {
    match o {
        Object::Integer(i) => Some(*i as f32),
        Object::Real(r) => Some(*r),
        _ => None,
    }
}

fn deref<'a>(doc: &'a Document, o: Option<&'a Object>) -> Option<&'a Object> {
    match o? {
        Object::Reference(id) => doc.get_object(*id).ok(),
        other => Some(other),
    }
}

/// The /W array of a CID font: `c [w1 w2 …]` or `c_first c_last w`.
fn read_cid_widths(doc: &Document, w: &[Object], out: &mut HashMap<u32, f32>) {
    let mut i = 0;
    while i < w.len() {
        let Some(first) = num(&w[i]) else { break };
        let first = first as u32;
        match w.get(i + 1).and_then(|o| deref(doc, Some(o))) {
            Some(Object::Array(list)) => {
                for (k, v) in list.iter().enumerate() {
                    if let Some(v) = num(v) {
                        out.insert(first.saturating_add(k as u32), v);
                    }
                }
                i += 2;
            }
            Some(o) => {
                let (Some(last), Some(v)) = (num(o), w.get(i + 2).and_then(num)) else {
                    break;
                };
                // A hostile range must not allocate without bound.
                for c in first..=(last as u32).min(first.saturating_add(65535)) {
                    out.insert(c, v);
                }
                i += 3;
            }
            None => break,
        }
    }
}

/// The characters of a simple font's codes: its base encoding with the Differences applied.
fn simple_encoding(doc: &Document, dict: &Dictionary) -> Vec<Option<Rc<str>>> {
    let enc = deref(doc, dict.get(b"Encoding").ok());
    let (base, diffs) = match enc {
        Some(Object::Name(n)) => (n.as_slice(), None),
        Some(Object::Dictionary(d)) => (
            d.get(b"BaseEncoding")
                .and_then(Object::as_name)
                .unwrap_or(b"StandardEncoding"),
            deref(doc, d.get(b"Differences").ok()).and_then(|o| o.as_array().ok()),
        ),
        _ => (b"StandardEncoding".as_slice(), None),
    };
    let codec = match base {
        b"MacRomanEncoding" => encoding_rs::MACINTOSH,
        _ => encoding_rs::WINDOWS_1252,
    };
    let mut table: Vec<Option<char>> = (0u8..=255)
        .map(|b| {
            if b < 32 {
                return None;
            }
            let byte = [b];
            let (s, _, bad) = codec.decode(&byte);
            if bad {
                None
            } else {
                s.chars().next()
            }
        })
        .collect();
    if let Some(diffs) = diffs {
        let mut code = 0usize;
        for o in diffs {
            match o {
                Object::Integer(i) => code = (*i).clamp(0, 255) as usize,
                Object::Name(n) => {
                    if code < 256 {
                        table[code] = glyph_char(&String::from_utf8_lossy(n));
                    }
                    code += 1;
                }
                _ => {}
            }
        }
    }
    table
        .into_iter()
        .map(|c| c.map(|c| Rc::from(c.to_string())))
        .collect()
}

/// The character of a glyph name: `uniXXXX`, `uXXXXX`, single letters and digits, Latin letters with
/// accents (`adieresis`, `aring`) and common punctuation. Unknown names (`g123`) give `None`.
fn glyph_char(name: &str) -> Option<char> {
    let name = name.split('.').next().unwrap_or(name);
    if let Some(hex) = name.strip_prefix("uni").or_else(|| name.strip_prefix('u')) {
        if (4..=6).contains(&hex.len()) {
            if let Some(c) = u32::from_str_radix(hex, 16).ok().and_then(char::from_u32) {
                return Some(c);
            }
        }
    }
    let mut chars = name.chars();
    if let (Some(c), None) = (chars.next(), chars.next()) {
        return Some(c);
    }
    let named = [
        ("space", ' '),
        ("period", '.'),
        ("comma", ','),
        ("colon", ':'),
        ("semicolon", ';'),
        ("hyphen", '-'),
        ("endash", '–'),
        ("emdash", '—'),
        ("parenleft", '('),
        ("parenright", ')'),
        ("bracketleft", '['),
        ("bracketright", ']'),
        ("slash", '/'),
        ("percent", '%'),
        ("ampersand", '&'),
        ("quotesingle", '\''),
        ("quotedbl", '"'),
        ("quoteright", '’'),
        ("quoteleft", '‘'),
        ("quotedblleft", '“'),
        ("quotedblright", '”'),
        ("exclam", '!'),
        ("question", '?'),
        ("bullet", '•'),
        ("asterisk", '*'),
        ("plus", '+'),
        ("equal", '='),
        ("less", '<'),
        ("greater", '>'),
        ("zero", '0'),
        ("one", '1'),
        ("two", '2'),
        ("three", '3'),
        ("four", '4'),
        ("five", '5'),
        ("six", '6'),
        ("seven", '7'),
        ("eight", '8'),
        ("nine", '9'),
        ("section", '§'),
        ("at", '@'),
        ("underscore", '_'),
        ("numbersign", '#'),
        ("dollar", '$'),
        ("germandbls", 'ß'),
        ("ae", 'æ'),
        ("AE", 'Æ'),
        ("oslash", 'ø'),
        ("Oslash", 'Ø'),
        ("fi", 'ﬁ'),
        ("fl", 'ﬂ'),
        ("ff", 'ﬀ'),
        ("ffi", 'ﬃ'),
        ("ffl", 'ﬄ'),
        ("minus", '−'),
        ("degree", '°'),
        ("Euro", '€'),
    ];
    if let Some((_, c)) = named.iter().find(|(n, _)| *n == name) {
        return Some(*c);
    }
    let accents = [
        ("dieresis", '\u{308}'),
        ("acute", '\u{301}'),
        ("grave", '\u{300}'),
        ("circumflex", '\u{302}'),
        ("ring", '\u{30a}'),
        ("tilde", '\u{303}'),
        ("cedilla", '\u{327}'),
        ("caron", '\u{30c}'),
    ];
    for (suffix, mark) in accents {
        if let Some(base) = name.strip_suffix(suffix) {
            let mut b = base.chars();
            if let (Some(c), None) = (b.next(), b.next()) {
                return format!("{c}{mark}").nfc().next();
            }
        }
    }
    None
}

/// Parses a ToUnicode CMap: `bfchar` pairs and `bfrange` entries. Targets that decode to U+FFFD or to
/// nothing are left out, so that such codes count as unmapped.
pub fn parse_cmap(data: &[u8]) -> HashMap<u32, String> {
    let tokens = tokenize(data);
    let mut map = HashMap::new();
    let mut i = 0;
    let mut mode = "";
    while i < tokens.len() {
        match &tokens[i] {
            Tok::Word(w) if w == "beginbfchar" => mode = "char",
            Tok::Word(w) if w == "beginbfrange" => mode = "range",
            Tok::Word(w) if w.starts_with("end") => mode = "",
            Tok::Hex(src) if mode == "char" => {
                if let Some(Tok::Hex(dst)) = tokens.get(i + 1) {
                    insert(&mut map, code_of(src), utf16(dst));
                    i += 1;
                }
            }
            Tok::Hex(lo) if mode == "range" => {
                let (lo, hi) = match tokens.get(i + 1) {
                    Some(Tok::Hex(hi)) => (code_of(lo), code_of(hi)),
                    _ => break,
                };
                let hi = hi.min(lo.saturating_add(65535));
                match tokens.get(i + 2) {
                    Some(Tok::Hex(dst)) => {
                        let base = utf16_units(dst);
                        for (k, code) in (lo..=hi.max(lo)).enumerate() {
                            let mut units = base.clone();
                            if let Some(last) = units.last_mut() {
                                *last = last.wrapping_add(k as u16);
                            }
                            insert(&mut map, code, String::from_utf16_lossy(&units));
                        }
                        i += 2;
                    }
                    Some(Tok::Open) => {
                        let mut k = 0;
                        let mut j = i + 3;
                        while let Some(Tok::Hex(dst)) = tokens.get(j) {
                            insert(&mut map, lo.wrapping_add(k), utf16(dst));
                            k += 1;
                            j += 1;
                        }
                        i = j;
                    }
                    _ => break,
                }
            }
            _ => {}
        }
        i += 1;
    }
    map
}

fn insert(map: &mut HashMap<u32, String>, code: u32, text: String) {
    if !text.is_empty() && !text.contains('\u{FFFD}') && !text.chars().all(|c| c == '\0') {
        map.insert(code, text);
    }
}

fn code_of(hex: &[u8]) -> u32 {
    hex.iter()
        .take(4)
        .fold(0u32, |acc, &b| (acc << 8) | u32::from(b))
}

fn utf16_units(bytes: &[u8]) -> Vec<u16> {
    bytes
        .chunks(2)
        .map(|c| (u16::from(c[0]) << 8) | u16::from(*c.get(1).unwrap_or(&0)))
        .collect()
}

fn utf16(bytes: &[u8]) -> String {
    String::from_utf16_lossy(&utf16_units(bytes))
}

enum Tok {
    Hex(Vec<u8>),
    Word(String),
    Open,
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < data.len() {
        let b = data[i];
        if b == b'<' && data.get(i + 1) != Some(&b'<') {
            let end = data[i..]
                .iter()
                .position(|&c| c == b'>')
                .map_or(data.len(), |p| i + p);
            let digits: Vec<u8> = data[i + 1..end]
                .iter()
                .filter_map(|&c| (c as char).to_digit(16).map(|d| d as u8))
                .collect();
            let bytes = digits
                .chunks(2)
                .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
                .collect();
            out.push(Tok::Hex(bytes));
            i = end + 1;
        } else if b == b'[' {
            out.push(Tok::Open);
            i += 1;
        } else if b.is_ascii_alphabetic() {
            let end = data[i..]
                .iter()
                .position(|c| !c.is_ascii_alphanumeric())
                .map_or(data.len(), |p| i + p);
            out.push(Tok::Word(
                String::from_utf8_lossy(&data[i..end]).into_owned(),
            ));
            i = end;
        } else if b == b'%' {
            i = data[i..]
                .iter()
                .position(|&c| c == b'\n')
                .map_or(data.len(), |p| i + p);
        } else {
            i += 1;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cmap_chars_ranges_and_arrays() {
        let cmap = b"1 begincodespacerange <0000> <FFFF> endcodespacerange
            2 beginbfchar <0003> <0020> <0011> <00E4> endbfchar
            2 beginbfrange <0020> <0022> <0061> <0030> <0031> [<FB01> <FFFD>] endbfrange";
        let map = parse_cmap(cmap);
        assert_eq!(map.get(&0x11).map(String::as_str), Some("ä"));
        assert_eq!(map.get(&0x22).map(String::as_str), Some("c"));
        assert_eq!(map.get(&0x30).map(String::as_str), Some("ﬁ"));
        // A target of U+FFFD is no mapping at all.
        assert_eq!(map.get(&0x31), None);
    }

    #[test]
    fn glyph_names() {
        assert_eq!(glyph_char("adieresis"), Some('ä'));
        assert_eq!(glyph_char("Aring"), Some('Å'));
        assert_eq!(glyph_char("uni00F6"), Some('ö'));
        assert_eq!(glyph_char("endash"), Some('–'));
        assert_eq!(glyph_char("g123"), None);
    }
}
