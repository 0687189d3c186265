//! Heading levels and list numbers from the styles and numbering definitions that docx-rs reads.
//!
//! A heading is known by its style, not by its look: the built-in name ("heading 1"), a localized name
//! or id ("Rubrik 1", "Rubrik1" in a Swedish Word), an outline level on the style or on one it is based
//! on. List numbers are not in the text of a DOCX at all; they are computed here, the way Word shows
//! them, so that "Nr %1." typed as an automatic list reads "Nr 1." like it does on screen.

use docx_rs::{Docx, LevelSuffixType};
use serde::Serialize;
use std::collections::{HashMap, HashSet};

/// Deepest `basedOn` chain followed; real documents use a handful, a cycle must not loop.
const MAX_STYLE_DEPTH: usize = 16;

/// Style names (lower case, without the number) that mean "heading" in Word's UI languages.
const HEADING_WORDS: &[&str] = &[
    "heading",
    "rubrik",
    "överskrift",
    "overskrift",
    "überschrift",
    "titre",
    "otsikko",
    "kop",
];

#[derive(Clone, Debug, Default)]
struct StyleInfo {
    name: String,
    based_on: Option<String>,
    outline: Option<usize>,
    /// The list (`numId`) and the level (`ilvl`) the style sets; a style may set either alone and
    /// inherit the other through `basedOn` (a "heading 2" that sets only `ilvl` 1 on heading 1's list).
    num_id: Option<usize>,
    ilvl: Option<usize>,
    /// Font size in points from the style's run properties (`w:sz` is in half-points).
    size: Option<f32>,
}

#[derive(Clone, Debug)]
struct LevelDef {
    start: u32,
    format: String,
    text: String,
    suffix: &'static str,
}

/// A list instance (`w:num`): its abstract numbering, start overrides and whole-level overrides.
type NumDef = (usize, HashMap<usize, u32>, HashMap<usize, LevelDef>);

/// Styles and numbering of one document, with the list counters as they run through it.
#[derive(Debug, Default)]
pub struct Styles {
    styles: HashMap<String, StyleInfo>,
    abstracts: HashMap<usize, HashMap<usize, LevelDef>>,
    nums: HashMap<usize, NumDef>,
    counters: HashMap<usize, [Option<u32>; 9]>,
    started: HashSet<usize>,
    /// Font size in points of text without a size of its own or of its style (the document defaults).
    default_size: Option<f32>,
}

/// docx-rs keeps some values (style name, basedOn, start, level text) in private fields and exposes
/// them only through `Serialize`; this reads them back that way.
fn ser_string<T: Serialize>(value: &T) -> Option<String> {
    match serde_json::to_value(value).ok()? {
        serde_json::Value::String(s) => Some(s),
        _ => None,
    }
}

fn ser_u32<T: Serialize>(value: &T) -> Option<u32> {
    serde_json::to_value(value)
        .ok()?
        .as_u64()
        .and_then(|v| u32::try_from(v).ok())
}

/// A `w:sz` value (half-points) in points.
pub(super) fn half_points<T: Serialize>(sz: &T) -> Option<f32> {
    ser_u32(sz).map(|hp| hp as f32 / 2.0)
}

fn level_def(level: &docx_rs::Level) -> LevelDef {
    LevelDef {
        start: ser_u32(&level.start).unwrap_or(1),
        format: level.format.val.clone(),
        text: ser_string(&level.text).unwrap_or_default(),
        suffix: match level.suffix {
            LevelSuffixType::Tab => "\t",
            LevelSuffixType::Space => " ",
            LevelSuffixType::Nothing => "",
        },
    }
}

/// The level a heading style name or id stands for: "heading 2", "Rubrik 2", "Rubrik2" → 2.
pub fn heading_from_name(name: &str) -> Option<u8> {
    let lower = name.trim().to_lowercase();
    let digits_at = lower.find(|c: char| c.is_ascii_digit())?;
    let (word, number) = lower.split_at(digits_at);
    let level: u8 = number.trim().parse().ok()?;
    (HEADING_WORDS.contains(&word.trim()) && (1..=9).contains(&level)).then_some(level)
}

impl Styles {
    /// Reads styles and numbering from docx-rs's model of the package.
    pub fn from_model(docx: &Docx) -> Styles {
        let mut out = Styles::default();
        for style in &docx.styles.styles {
            let ppr = &style.paragraph_property;
            let numbering = ppr.numbering_property.as_ref();
            out.styles.insert(
                style.style_id.clone(),
                StyleInfo {
                    name: ser_string(&style.name).unwrap_or_default(),
                    based_on: style.based_on.as_ref().and_then(ser_string),
                    outline: ppr.outline_lvl.as_ref().map(|o| o.v),
                    num_id: numbering.and_then(|n| n.id.as_ref()).map(|id| id.id),
                    ilvl: numbering.and_then(|n| n.level.as_ref()).map(|l| l.val),
                    size: style.run_property.sz.as_ref().and_then(half_points),
                },
            );
        }
        out.default_size = serde_json::to_value(&docx.styles.doc_defaults)
            .ok()
            .and_then(|v| {
                v.pointer("/runPropertyDefault/runProperty/sz")
                    .and_then(|v| v.as_u64())
            })
            .map(|hp| hp as f32 / 2.0);
        for abs in &docx.numberings.abstract_nums {
            let levels = abs.levels.iter().map(|l| (l.level, level_def(l))).collect();
            out.abstracts.insert(abs.id, levels);
        }
        for num in &docx.numberings.numberings {
            let mut starts = HashMap::new();
            let mut levels = HashMap::new();
            for o in &num.level_overrides {
                if let Some(s) = o.override_start.and_then(|s| u32::try_from(s).ok()) {
                    starts.insert(o.level, s);
                }
                if let Some(l) = &o.override_level {
                    levels.insert(o.level, level_def(l));
                }
            }
            out.nums
                .insert(num.id, (num.abstract_num_id, starts, levels));
        }
        out
    }

    /// The styles of a chain, from the style itself up its `basedOn` ancestors.
    fn chain<'a>(&'a self, style_id: &'a str) -> Vec<(&'a str, &'a StyleInfo)> {
        let mut out = Vec::new();
        let mut id = Some(style_id);
        while let Some(current) = id {
            if out.len() >= MAX_STYLE_DEPTH {
                break;
            }
            let Some(info) = self.styles.get(current) else {
                break;
            };
            out.push((current, info));
            id = info.based_on.as_deref();
        }
        out
    }

    /// Heading level of a paragraph style, from its name, its id or its outline level.
    pub fn heading_level(&self, style_id: &str) -> Option<u8> {
        let chain = self.chain(style_id);
        if chain.is_empty() {
            // A style id without a definition still says what it is ("Rubrik1").
            return heading_from_name(style_id);
        }
        for (id, info) in chain {
            if let Some(level) = heading_from_name(&info.name).or_else(|| heading_from_name(id)) {
                return Some(level);
            }
            if let Some(outline) = info.outline {
                // Outline level 9 is "body text".
                return (outline < 9).then(|| outline as u8 + 1);
            }
        }
        None
    }

    /// The numbering a style gives its paragraphs (numId, level). The list and the level are looked
    /// up each on its own along the `basedOn` chain, the nearest style that sets it winning, as Word
    /// does: a style that sets only the level keeps the list of the style it is based on.
    pub fn style_numbering(&self, style_id: &str) -> Option<(usize, Option<usize>)> {
        let chain = self.chain(style_id);
        let num_id = chain.iter().find_map(|(_, s)| s.num_id)?;
        let ilvl = chain.iter().find_map(|(_, s)| s.ilvl);
        Some((num_id, ilvl))
    }

    /// True for the styles of a table of contents: Word's built-in "toc 1" … "toc 9" and "TOC Heading"
    /// (whatever the style id is in the document's language), or a style based on one of them.
    pub fn is_toc(&self, style_id: &str) -> bool {
        self.chain(style_id).iter().any(|(_, s)| {
            let name = s.name.trim().to_lowercase();
            name == "toc heading"
                || name
                    .strip_prefix("toc ")
                    .is_some_and(|n| n.len() == 1 && n.chars().all(|c| c.is_ascii_digit()))
        })
    }

    /// Font size in points of a paragraph style's text: its own, a style it is based on, else the
    /// document default, else Word's default of 10 pt.
    pub fn font_size(&self, style_id: Option<&str>) -> f32 {
        style_id
            .and_then(|id| self.chain(id).into_iter().find_map(|(_, s)| s.size))
            .or(self.default_size)
            .unwrap_or(10.0)
    }

    /// The list label of the next paragraph in list `num_id` at `ilvl`, with its suffix, as Word shows
    /// it; advances the counters. `None` when the list does not exist or shows no label.
    pub fn next_label(&mut self, num_id: usize, ilvl: usize) -> Option<String> {
        let ilvl = ilvl.min(8);
        let (abstract_id, starts, overrides) = self.nums.get(&num_id)?.clone();
        let levels = self.abstracts.get(&abstract_id)?;
        let level_of = |l: usize| overrides.get(&l).or_else(|| levels.get(&l));
        let def = level_of(ilvl)?.clone();
        // Lists that share an abstract numbering share their counters (Word continues them); a list
        // with a start override restarts the first time it is used.
        let counters = self.counters.entry(abstract_id).or_insert([None; 9]);
        if self.started.insert(num_id) {
            for (&l, &start) in &starts {
                if let Some(c) = counters.get_mut(l) {
                    *c = Some(start.saturating_sub(1));
                }
            }
        }
        let value = match counters[ilvl] {
            Some(v) => v.saturating_add(1),
            None => starts.get(&ilvl).copied().unwrap_or(def.start),
        };
        counters[ilvl] = Some(value);
        for deeper in counters.iter_mut().skip(ilvl + 1) {
            *deeper = None;
        }
        let counters = *counters;
        let mut label = String::new();
        let mut chars = def.text.chars().peekable();
        while let Some(c) = chars.next() {
            match (c, chars.peek().and_then(|d| d.to_digit(10))) {
                ('%', Some(d)) if (1..=9).contains(&d) => {
                    chars.next();
                    let l = d as usize - 1;
                    let n = counters[l]
                        .or_else(|| level_of(l).map(|x| x.start))
                        .unwrap_or(1);
                    let fmt = level_of(l).map(|x| x.format.as_str()).unwrap_or("decimal");
                    label.push_str(&format_number(n, fmt));
                }
                _ => label.push(bullet_char(c)),
            }
        }
        if def.format == "none" || label.is_empty() {
            return None;
        }
        Some(format!("{label}{}", def.suffix))
    }
}

/// Bullets set in the Symbol or Wingdings fonts sit in the private use area; show the glyph they draw.
fn bullet_char(c: char) -> char {
    match c as u32 {
        0xF0B7 => '•',
        0xF0A7 => '▪',
        0xF0D8 => '➢',
        0xF0FC => '✓',
        0xF000..=0xF0FF => '•',
        _ => c,
    }
}

/// A counter in a numbering format; formats not listed are shown as decimal.
fn format_number(n: u32, format: &str) -> String {
    match format {
        "lowerLetter" => letters(n).to_lowercase(),
        "upperLetter" => letters(n),
        "lowerRoman" => roman(n).to_lowercase(),
        "upperRoman" => roman(n),
        "decimalZero" => format!("{n:02}"),
        "bullet" | "none" => String::new(),
        _ => n.to_string(),
    }
}

/// Word's letter numbering: a … z, then aa … zz, bbb …
fn letters(n: u32) -> String {
    if n == 0 {
        return String::new();
    }
    let letter = char::from(b'A' + ((n - 1) % 26) as u8);
    std::iter::repeat_n(letter, ((n - 1) / 26 + 1) as usize).collect()
}

fn roman(mut n: u32) -> String {
    const TABLE: &[(u32, &str)] = &[
        (1000, "M"),
        (900, "CM"),
        (500, "D"),
        (400, "CD"),
        (100, "C"),
        (90, "XC"),
        (50, "L"),
        (40, "XL"),
        (10, "X"),
        (9, "IX"),
        (5, "V"),
        (4, "IV"),
        (1, "I"),
    ];
    let mut out = String::new();
    for &(value, digits) in TABLE {
        while n >= value {
            out.push_str(digits);
            n -= value;
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use docx_rs::{AbstractNumbering, Level, LevelText, NumberFormat, Numbering, Start};

    #[test]
    fn heading_names_in_several_languages() {
        assert_eq!(heading_from_name("heading 1"), Some(1));
        assert_eq!(heading_from_name("Rubrik 2"), Some(2));
        assert_eq!(heading_from_name("Rubrik3"), Some(3));
        assert_eq!(heading_from_name("Überschrift 4"), Some(4));
        assert_eq!(heading_from_name("toc 1"), None);
        assert_eq!(heading_from_name("Normal"), None);
    }

    #[test]
    fn number_formats() {
        assert_eq!(format_number(1, "lowerLetter"), "a");
        assert_eq!(format_number(28, "lowerLetter"), "bb");
        assert_eq!(format_number(14, "upperRoman"), "XIV");
        assert_eq!(format_number(7, "decimalZero"), "07");
    }

    fn level(ilvl: usize, fmt: &str, text: &str) -> Level {
        Level::new(
            ilvl,
            Start::new(1),
            NumberFormat::new(fmt),
            LevelText::new(text),
            docx_rs::LevelJc::new("left"),
        )
    }

    #[test]
    fn labels_follow_word_counters_and_overrides() {
        let docx = Docx::new()
            .add_abstract_numbering(
                AbstractNumbering::new(1)
                    .add_level(level(0, "decimal", "Nr %1."))
                    .add_level(level(1, "lowerLetter", "%2.")),
            )
            .add_numbering(Numbering::new(5, 1))
            .add_numbering(
                Numbering::new(6, 1).add_override(docx_rs::LevelOverride::new(0).start(9)),
            );
        let mut styles = Styles::from_model(&docx);
        assert_eq!(styles.next_label(5, 0).as_deref(), Some("Nr 1.\t"));
        assert_eq!(styles.next_label(5, 1).as_deref(), Some("a.\t"));
        assert_eq!(styles.next_label(5, 1).as_deref(), Some("b.\t"));
        assert_eq!(styles.next_label(5, 0).as_deref(), Some("Nr 2.\t"));
        assert_eq!(styles.next_label(5, 1).as_deref(), Some("a.\t"));
        // Another list on the same definition restarts where its override says, then continues.
        assert_eq!(styles.next_label(6, 0).as_deref(), Some("Nr 9.\t"));
        assert_eq!(styles.next_label(5, 0).as_deref(), Some("Nr 10.\t"));
        assert_eq!(styles.next_label(99, 0), None);
    }

    #[test]
    fn a_heading_style_that_sets_only_its_level_keeps_the_list_it_is_based_on() {
        use docx_rs::{IndentLevel, NumberingId, NumberingProperty, Style, StyleType};
        let with_num = |mut style: Style, num: NumberingProperty| {
            style.paragraph_property.numbering_property = Some(num);
            style
        };
        let h1 = with_num(
            Style::new("Rubrik1", StyleType::Paragraph).name("heading 1"),
            NumberingProperty::new().id(NumberingId::new(4)),
        );
        let mut level_only = NumberingProperty::new();
        level_only.level = Some(IndentLevel::new(1));
        let h2 = with_num(
            Style::new("Rubrik2", StyleType::Paragraph)
                .name("heading 2")
                .based_on("Rubrik1"),
            level_only,
        );
        // A style that switches numbering off (numId 0) for itself.
        let h4 = with_num(
            Style::new("Rubrik4", StyleType::Paragraph)
                .name("heading 4")
                .based_on("Rubrik2"),
            NumberingProperty::new().add_num(NumberingId::new(0), IndentLevel::new(0)),
        );
        let toc2 = Style::new("Innehll2", StyleType::Paragraph)
            .name("toc 2")
            .based_on("Normal");
        let docx = Docx::new()
            .add_style(h1)
            .add_style(h2)
            .add_style(h4)
            .add_style(toc2)
            .add_abstract_numbering(
                AbstractNumbering::new(1)
                    .add_level(level(0, "decimal", "%1"))
                    .add_level(level(1, "decimal", "%1.%2")),
            )
            .add_numbering(Numbering::new(4, 1));
        let mut styles = Styles::from_model(&docx);
        assert_eq!(styles.style_numbering("Rubrik2"), Some((4, Some(1))));
        assert_eq!(styles.style_numbering("Rubrik4"), Some((0, Some(0))));
        assert_eq!(styles.next_label(4, 0).as_deref(), Some("1\t"));
        assert_eq!(styles.next_label(4, 0).as_deref(), Some("2\t"));
        assert_eq!(styles.next_label(4, 1).as_deref(), Some("2.1\t"));
        assert!(styles.is_toc("Innehll2"));
        assert!(!styles.is_toc("Rubrik2"));
    }
}
