//! Plain and OCR text: detects the encoding instead of assuming it, and splits pages at form feeds.
//!
//! Accepted: UTF-8 with or without BOM, UTF-16 with BOM (and BOM-less UTF-16 recognised by its zero
//! bytes), and Windows-1252 / ISO-8859-1 for bytes that are not valid UTF-8. Line ends are made `\n`;
//! a form feed starts a new page. Text that decodes to control characters is refused as binary.

use super::{source_of, IngestError, Input};
use crate::model::{Diagnostic, Format, RawDocument, RawLine};
use encoding_rs::{Encoding, UTF_16BE, UTF_16LE, UTF_8, WINDOWS_1252};
use unicode_normalization::UnicodeNormalization;

/// Decodes bytes into a `String`, naming the encoding it found.
pub fn decode(bytes: &[u8]) -> Result<(String, &'static str), IngestError> {
    if let Some((enc, bom_len)) = Encoding::for_bom(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(&bytes[bom_len..]);
        if had_errors {
            return Err(IngestError::Invalid(format!(
                "invalid {} after its byte order mark",
                enc.name()
            )));
        }
        return Ok((text.into_owned(), enc.name()));
    }
    if let Some(enc) = bomless_utf16(bytes) {
        let (text, had_errors) = enc.decode_without_bom_handling(bytes);
        if !had_errors {
            return Ok((text.into_owned(), enc.name()));
        }
    }
    if let Ok(text) = std::str::from_utf8(bytes) {
        return Ok((text.to_string(), UTF_8.name()));
    }
    // Not UTF-8: the single-byte encodings of Swedish text are Windows-1252 and its subset ISO-8859-1.
    let (text, _) = WINDOWS_1252.decode_without_bom_handling(bytes);
    Ok((text.into_owned(), WINDOWS_1252.name()))
}

/// UTF-16 without a BOM shows as a zero byte in every other position of ASCII-heavy text.
fn bomless_utf16(bytes: &[u8]) -> Option<&'static Encoding> {
    let sample = &bytes[..bytes.len().min(4096) & !1];
    if sample.len() < 8 {
        return None;
    }
    let pairs = sample.len() / 2;
    let even_zero = sample.iter().step_by(2).filter(|&&b| b == 0).count();
    let odd_zero = sample
        .iter()
        .skip(1)
        .step_by(2)
        .filter(|&&b| b == 0)
        .count();
    if odd_zero * 10 >= pairs * 7 && even_zero * 10 < pairs {
        Some(UTF_16LE)
    } else if even_zero * 10 >= pairs * 7 && odd_zero * 10 < pairs {
        Some(UTF_16BE)
    } else {
        None
    }
}

/// Refuses text that is mostly control characters: it is binary data with a text-like name.
fn check_not_binary(text: &str) -> Result<(), IngestError> {
    let mut total = 0usize;
    let mut control = 0usize;
    for c in text.chars().take(65536) {
        total += 1;
        if c == '\0' || (c.is_control() && !matches!(c, '\n' | '\r' | '\t' | '\x0c')) {
            control += 1;
        }
    }
    if total > 0 && (control * 100 > total || text.contains('\0')) {
        return Err(IngestError::Binary(format!(
            "{control} control characters in the first {total}"
        )));
    }
    Ok(())
}

/// Reads a text file into lines, one page per form-feed-separated part.
pub fn ingest_text(input: &Input) -> Result<RawDocument, IngestError> {
    let (decoded, encoding) = decode(&input.bytes)?;
    check_not_binary(&decoded)?;
    let text: String = decoded
        .replace("\r\n", "\n")
        .replace('\r', "\n")
        .nfc()
        .collect();
    let has_pages = text.contains('\x0c');
    let mut lines = Vec::new();
    let mut page_count = 0;
    for (index, page_text) in text.split('\x0c').enumerate() {
        let page = has_pages.then_some(index as u32 + 1);
        page_count = index as u32 + 1;
        for line in page_text.split('\n') {
            lines.push(RawLine::plain(line.trim_end(), page));
        }
    }
    let mut diagnostics = Vec::new();
    if encoding != UTF_8.name() {
        diagnostics.push(Diagnostic::info(
            "text.encoding",
            format!("decoded as {encoding}"),
        ));
    }
    Ok(RawDocument {
        source: source_of(input, Format::Text),
        lines,
        page_count: has_pages.then_some(page_count),
        tables: vec![],
        furniture: vec![],
        diagnostics,
        needs_ocr: vec![],
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn input(bytes: &[u8]) -> Input {
        Input {
            path: "t.txt".into(),
            bytes: bytes.to_vec(),
        }
    }

    #[test]
    fn decodes_every_encoding_swedish_text_arrives_in() {
        let word = "Hälso- och sjukvårdsnämnden";
        let mut bom8 = vec![0xEF, 0xBB, 0xBF];
        bom8.extend_from_slice(word.as_bytes());
        assert_eq!(decode(&bom8).unwrap().0, word);
        let mut le = vec![0xFF, 0xFE];
        le.extend(word.encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert_eq!(decode(&le).unwrap().0, word);
        let mut be = vec![0xFE, 0xFF];
        be.extend(word.encode_utf16().flat_map(|u| u.to_be_bytes()));
        assert_eq!(decode(&be).unwrap().0, word);
        let bomless: Vec<u8> = word.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        assert_eq!(decode(&bomless).unwrap().0, word);
        let (latin1, _, _) = WINDOWS_1252.encode(word);
        let (text, name) = decode(&latin1).unwrap();
        assert_eq!((text.as_str(), name), (word, "windows-1252"));
    }

    #[test]
    fn crlf_form_feeds_and_nfc() {
        // "a" followed by a combining ring above must come out as the precomposed "å".
        let raw = "Nr 1. Pa\u{030a}\r\nrad tva\x0cSida 2\r\n";
        let doc = ingest_text(&input(raw.as_bytes())).unwrap();
        let texts: Vec<_> = doc
            .lines
            .iter()
            .map(|l| (l.text.as_str(), l.page))
            .collect();
        assert_eq!(
            texts,
            vec![
                ("Nr 1. På", Some(1)),
                ("rad tva", Some(1)),
                ("Sida 2", Some(2)),
                ("", Some(2))
            ]
        );
        assert_eq!(doc.page_count, Some(2));
    }

    #[test]
    fn binary_is_refused() {
        let bytes: Vec<u8> = (0u8..=255).cycle().take(4000).collect();
        assert!(matches!(
            ingest_text(&input(&bytes)),
            Err(IngestError::Binary(_))
        ));
    }
}
