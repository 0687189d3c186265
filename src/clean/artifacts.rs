//! Export artifacts of DOCX-to-text converters: `[bookmark: …]` and `[image: …]` markers, and the list of
//! image file names with their OCR'd text that some exporters append after the body.

use crate::model::{Furniture, FurnitureKind, RawLine};
use regex::Regex;
use std::sync::LazyLock;

static BOOKMARK: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[bookmark: ?([^\]]*)\]").expect("valid regex"));
static IMAGE: LazyLock<Regex> =
    LazyLock::new(|| Regex::new(r"\[image: ?([^\]]*)\]").expect("valid regex"));
static IMAGE_FILE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^image\d+\.(png|jpe?g|gif|emf|wmf|bmp|tiff?|svg)$").expect("valid regex")
});

/// Removes inline markers from one line, returning the cleaned text and the furniture it held.
/// A line that held only image markers comes back as `None`: it was never body text.
pub fn strip_markers(line: &RawLine) -> (Option<String>, Vec<Furniture>) {
    let mut furniture = Vec::new();
    if !line.text.contains('[') {
        return (Some(line.text.clone()), furniture);
    }
    for cap in BOOKMARK.captures_iter(&line.text) {
        furniture.push(Furniture {
            kind: FurnitureKind::Bookmark,
            text: cap[1].to_string(),
            page: line.page,
            at: None,
        });
    }
    let had_image = IMAGE.is_match(&line.text);
    for cap in IMAGE.captures_iter(&line.text) {
        furniture.push(Furniture {
            kind: FurnitureKind::Image,
            text: cap[1].to_string(),
            page: line.page,
            at: None,
        });
    }
    let without = BOOKMARK.replace_all(&line.text, "");
    let without = IMAGE.replace_all(&without, "").into_owned();
    if had_image && without.trim().is_empty() {
        return (None, furniture);
    }
    (Some(without), furniture)
}

/// Index of the first line of a trailing block of image file names (and the text OCR'd from those
/// images), when the document ends with one: at least three file-name lines, the first of them
/// followed only by more of the same kind of material until the end.
pub fn trailing_image_block(lines: &[RawLine]) -> Option<usize> {
    let names: Vec<usize> = lines
        .iter()
        .enumerate()
        .filter(|(_, l)| IMAGE_FILE.is_match(l.text.trim()))
        .map(|(i, _)| i)
        .collect();
    if names.len() < 3 {
        return None;
    }
    // Take the earliest name from which at least three names follow and the names are at least a tenth
    // of the non-empty lines to the end: OCR'd chart text is short, body text is not interleaved.
    names.iter().copied().find(|&start| {
        let rest = &lines[start..];
        let non_empty = rest.iter().filter(|l| !l.text.trim().is_empty()).count();
        let count = names.iter().filter(|&&i| i >= start).count();
        count >= 3 && count * 10 >= non_empty
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bookmarks_go_and_the_heading_stays() {
        let line = RawLine::plain("[bookmark: _Toc1][bookmark: _Toc2]Inledning", None);
        let (text, furniture) = strip_markers(&line);
        assert_eq!(text.as_deref(), Some("Inledning"));
        assert_eq!(furniture.len(), 2);
        assert_eq!(furniture[0].text, "_Toc1");
    }

    #[test]
    fn image_only_lines_vanish_with_their_alt_text_kept() {
        let (text, furniture) = strip_markers(&RawLine::plain("[image: Bild]= helt", None));
        assert_eq!(text.as_deref(), Some("= helt"));
        assert_eq!(furniture[0].kind, FurnitureKind::Image);
        let (text, furniture) = strip_markers(&RawLine::plain("[image: ] [image: ] ", None));
        assert_eq!(text, None);
        assert_eq!(furniture.len(), 2);
    }

    #[test]
    fn finds_the_trailing_image_list() {
        let lines: Vec<RawLine> = [
            "Body text.",
            "Footer 2(2)",
            "image5.png",
            "image6.png",
            "-200,0",
            "image7.jpeg",
            "Chart",
        ]
        .iter()
        .map(|t| RawLine::plain(*t, None))
        .collect();
        assert_eq!(trailing_image_block(&lines), Some(2));
        assert_eq!(trailing_image_block(&lines[..3]), None);
    }
}
