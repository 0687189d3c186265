//! Text as lines that know where they stand: detection and tables read the document line by line but
//! report byte offsets into the whole text.

use crate::model::Span;

/// A line of a text (without its `\n`) and its byte range in that text.
#[derive(Clone, Copy, Debug)]
pub struct Line<'a> {
    pub text: &'a str,
    pub span: Span,
}

impl Line<'_> {
    pub fn is_blank(&self) -> bool {
        self.text.trim().is_empty()
    }
}

/// Splits text at `\n` into lines with their byte offsets; a text ending in `\n` ends in an empty line.
pub fn split_lines(text: &str) -> Vec<Line<'_>> {
    let mut lines = Vec::new();
    let mut start = 0;
    for part in text.split('\n') {
        lines.push(Line {
            text: part,
            span: Span::new(start, start + part.len()),
        });
        start += part.len() + 1;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn lines_know_their_offsets() {
        let text = "Mål 1\n\nNr 10. Att öka\n";
        let lines = split_lines(text);
        assert_eq!(lines.len(), 4);
        for line in &lines {
            assert_eq!(&text[line.span.start..line.span.end], line.text);
        }
        assert_eq!(lines[2].text, "Nr 10. Att öka");
        assert!(lines[1].is_blank() && lines[3].is_blank());
    }
}
