//! Reads Tesseract's TSV output into lines: the words of one recognised line joined by spaces, each word's
//! byte range and confidence kept, and a blank line wherever Tesseract starts a new paragraph or block so
//! the clean stage cuts blocks where the page does.

use crate::model::{BBox, RawLine};
use unicode_normalization::UnicodeNormalization;

/// Column positions in Tesseract's TSV (`level page_num block_num par_num line_num word_num left top width
/// height conf text`).
const LEVEL: usize = 0;
const BLOCK: usize = 2;
const PAR: usize = 3;
const LINE: usize = 4;
const LEFT: usize = 6;
const CONF: usize = 10;
const TEXT: usize = 11;
/// Tesseract's level of a word row.
const WORD_LEVEL: u32 = 5;

/// One word row of the TSV.
#[derive(Debug)]
struct Word {
    block: u32,
    par: u32,
    line: u32,
    bbox: [f32; 4],
    conf: f32,
    text: String,
}

fn parse_word(row: &str) -> Option<Word> {
    let cols: Vec<&str> = row.split('\t').collect();
    if cols.len() <= TEXT || cols[LEVEL].trim().parse::<u32>().ok()? != WORD_LEVEL {
        return None;
    }
    let text: String = cols[TEXT].trim().nfc().collect();
    if text.is_empty() {
        return None;
    }
    let num = |i: usize| cols[i].trim().parse::<f32>().ok();
    let (left, top, width, height) = (num(LEFT)?, num(LEFT + 1)?, num(LEFT + 2)?, num(LEFT + 3)?);
    Some(Word {
        block: cols[BLOCK].trim().parse().ok()?,
        par: cols[PAR].trim().parse().ok()?,
        line: cols[LINE].trim().parse().ok()?,
        bbox: [left, top, left + width, top + height],
        // Tesseract gives 0–100, and -1 for rows that are not words; a word row never has -1, but clamp anyway.
        conf: (num(CONF)? / 100.0).clamp(0.0, 1.0),
        text,
    })
}

/// Turns the TSV of one page into lines. `dpi` is the resolution the image was recognised at; pixel
/// positions become PDF points (1/72 inch) from the top-left corner of the page.
pub fn lines_from_tsv(tsv: &str, page: u32, dpi: f32) -> Vec<RawLine> {
    let scale = if dpi > 0.0 { 72.0 / dpi } else { 1.0 };
    let mut lines: Vec<RawLine> = Vec::new();
    let mut current: Option<(u32, u32, u32)> = None;
    for word in tsv.lines().skip(1).filter_map(parse_word) {
        let key = (word.block, word.par, word.line);
        let bbox = BBox {
            x0: word.bbox[0] * scale,
            y0: word.bbox[1] * scale,
            x1: word.bbox[2] * scale,
            y1: word.bbox[3] * scale,
        };
        if current != Some(key) {
            if let Some((block, par, _)) = current {
                if (block, par) != (word.block, word.par) {
                    lines.push(RawLine::plain("", Some(page)));
                }
            }
            current = Some(key);
            lines.push(RawLine {
                page: Some(page),
                bbox: Some(bbox),
                ..Default::default()
            });
        }
        let Some(line) = lines.last_mut() else {
            continue;
        };
        if !line.text.is_empty() {
            line.text.push(' ');
        }
        let start = line.text.len();
        line.text.push_str(&word.text);
        line.ocr_words.push((start..line.text.len(), word.conf));
        line.bbox = line.bbox.map(|b| b.union(&bbox)).or(Some(bbox));
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    const HEADER: &str =
        "level\tpage_num\tblock_num\tpar_num\tline_num\tword_num\tleft\ttop\twidth\theight\tconf\ttext";

    fn tsv(rows: &[&str]) -> String {
        let mut s = String::from(HEADER);
        for r in rows {
            s.push('\n');
            s.push_str(r);
        }
        s
    }

    #[test]
    fn words_join_into_lines_with_ranges_and_confidences() {
        let t = tsv(&[
            "1\t1\t0\t0\t0\t0\t0\t0\t2480\t3508\t-1\t",
            "4\t1\t1\t1\t1\t0\t300\t600\t700\t50\t-1\t",
            "5\t1\t1\t1\t1\t1\t300\t600\t100\t50\t96.5\tNr",
            "5\t1\t1\t1\t1\t2\t420\t600\t80\t50\t91\t10.",
            "5\t1\t1\t1\t1\t3\t520\t600\t480\t50\t42.25\tomställning",
        ]);
        let lines = lines_from_tsv(&t, 3, 300.0);
        assert_eq!(lines.len(), 1);
        let line = &lines[0];
        assert_eq!(line.text, "Nr 10. omställning");
        assert_eq!(line.page, Some(3));
        let words: Vec<(&str, f32)> = line
            .ocr_words
            .iter()
            .map(|(r, c)| (&line.text[r.clone()], *c))
            .collect();
        assert_eq!(
            words,
            vec![("Nr", 0.965), ("10.", 0.91), ("omställning", 0.4225)]
        );
        // 300 px at 300 dpi is one inch: 72 points.
        let b = line.bbox.unwrap();
        assert_eq!((b.x0, b.y0, b.x1, b.y1), (72.0, 144.0, 240.0, 156.0));
    }

    #[test]
    fn a_new_paragraph_or_block_gets_a_blank_line_a_new_line_does_not() {
        let t = tsv(&[
            "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t90\tett",
            "5\t1\t1\t1\t2\t1\t0\t20\t10\t10\t90\ttvå",
            "5\t1\t1\t2\t1\t1\t0\t40\t10\t10\t90\ttre",
            "5\t1\t2\t1\t1\t1\t0\t60\t10\t10\t90\tfyra",
        ]);
        let texts: Vec<String> = lines_from_tsv(&t, 1, 300.0)
            .into_iter()
            .map(|l| l.text)
            .collect();
        assert_eq!(texts, vec!["ett", "två", "", "tre", "", "fyra"]);
    }

    #[test]
    fn decomposed_letters_are_composed_and_junk_rows_skipped() {
        let t = tsv(&[
            "5\t1\t1\t1\t1\t1\t0\t0\t10\t10\t80\tha\u{0308}lsa",
            "5\t1\t1\t1\t1\t2\t0\t0\t10\t10\t80\t   ",
            "5\t1\t1\t1\t1\tx\t0\t0\t10",
            "not a row",
        ]);
        let lines = lines_from_tsv(&t, 1, 300.0);
        assert_eq!(lines.len(), 1);
        assert_eq!(lines[0].text, "hälsa");
        assert_eq!(lines[0].ocr_words, vec![(0..6, 0.8)]);
    }
}
