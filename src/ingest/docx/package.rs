//! Opens the DOCX zip with bounds, and names what an input is when it is not a DOCX.
//!
//! A zip is decompressed entry by entry through a bounded reader, so a zip bomb (a small file that
//! expands to gigabytes, or a header that lies about sizes) stops at the limit instead of exhausting
//! memory. Every entry is read this way, including media, so that docx-rs, which reads the same
//! archive afterwards, only ever sees entries already proven to stay inside the limits.

use super::DocxError;
use crate::ingest::IngestOptions;
use std::collections::BTreeMap;
use std::io::{Cursor, Read};

/// Entries smaller than this are never refused for their compression ratio: a short run of repeated
/// XML compresses extremely well and is harmless.
pub const RATIO_EXEMPT_BYTES: u64 = 1024 * 1024;

/// The XML parts of an opened DOCX package, by name (media are checked, not kept).
pub struct Package {
    pub parts: BTreeMap<String, Vec<u8>>,
}

impl Package {
    pub fn part(&self, name: &str) -> Option<&[u8]> {
        self.parts.get(name).map(|v| v.as_slice())
    }

    /// Reads every entry within the limits of `opts`, keeping the XML parts.
    pub fn read(bytes: &[u8], opts: &IngestOptions) -> Result<Package, DocxError> {
        let mut archive =
            zip::ZipArchive::new(Cursor::new(bytes)).map_err(DocxError::CorruptZip)?;
        if archive.len() > opts.zip_max_entries {
            return Err(DocxError::TooManyEntries {
                count: archive.len(),
                limit: opts.zip_max_entries,
            });
        }
        let mut parts = BTreeMap::new();
        let mut total: u64 = 0;
        for i in 0..archive.len() {
            let mut entry = archive
                .by_index(i)
                .map_err(|source| DocxError::CorruptEntry { index: i, source })?;
            if entry.is_dir() {
                continue;
            }
            let name = entry.name().to_string();
            let compressed = entry.compressed_size().max(1);
            let remaining = opts.zip_max_uncompressed_bytes.saturating_sub(total);
            let by_ratio = compressed
                .saturating_mul(opts.zip_max_compression_ratio)
                .max(RATIO_EXEMPT_BYTES);
            let cap = remaining.min(by_ratio);
            let keep = name.ends_with(".xml") || name.ends_with(".rels");
            let mut sink = Vec::new();
            let read = if keep {
                (&mut entry)
                    .take(cap + 1)
                    .read_to_end(&mut sink)
                    .map(|n| n as u64)
            } else {
                std::io::copy(&mut (&mut entry).take(cap + 1), &mut std::io::sink())
            }
            .map_err(|source| DocxError::UnreadableEntry {
                entry: name.clone(),
                source,
            })?;
            if read > cap {
                return Err(if cap == remaining {
                    DocxError::TooLargeUncompressed {
                        limit: opts.zip_max_uncompressed_bytes,
                    }
                } else {
                    DocxError::CompressionRatio {
                        entry: name,
                        limit: opts.zip_max_compression_ratio,
                    }
                });
            }
            total += read;
            if keep {
                parts.insert(name, sink);
            }
        }
        Ok(Package { parts })
    }

    /// The main document part named by the package relationships, `word/document.xml` by default.
    pub fn main_document(&self) -> Result<String, DocxError> {
        let named = self
            .part("_rels/.rels")
            .and_then(office_document_target)
            .filter(|t| self.parts.contains_key(t));
        if let Some(target) = named {
            return Ok(target);
        }
        if self.parts.contains_key("word/document.xml") {
            return Ok("word/document.xml".into());
        }
        Err(self.why_not_docx())
    }

    /// Names the kind of zip when the main document is missing.
    fn why_not_docx(&self) -> DocxError {
        let has = |name: &str| self.parts.contains_key(name);
        if has("content.xml") || has("META-INF/manifest.xml") {
            DocxError::NotDocx("an OpenDocument file (ODT/ODS); save it as DOCX first".into())
        } else if has("xl/workbook.xml") {
            DocxError::NotDocx("an Excel workbook (XLSX)".into())
        } else if has("ppt/presentation.xml") {
            DocxError::NotDocx("a PowerPoint presentation (PPTX)".into())
        } else if has("[Content_Types].xml") {
            DocxError::MissingDocument
        } else {
            DocxError::NotDocx(
                "a zip archive without [Content_Types].xml or word/document.xml".into(),
            )
        }
    }
}

/// The target of the officeDocument relationship in `_rels/.rels`, as a part name.
fn office_document_target(rels: &[u8]) -> Option<String> {
    let mut reader = quick_xml::Reader::from_reader(rels);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(e)) | Ok(quick_xml::events::Event::Empty(e))
                if e.local_name().as_ref() == b"Relationship" =>
            {
                let attr = |key: &[u8]| super::body::attr(&e, key);
                if attr(b"Type").is_some_and(|t| t.ends_with("/officeDocument")) {
                    return attr(b"Target").map(|t| t.trim_start_matches('/').to_string());
                }
            }
            Ok(quick_xml::events::Event::Eof) | Err(_) => return None,
            _ => {}
        }
    }
}

/// The deepest element nesting of an XML part (0 for a part that does not parse). docx-rs reads
/// nested tables and content controls by recursion, so a hostile part nested deep enough would
/// overflow the stack; the caller keeps such parts away from it.
pub fn max_depth(xml: &[u8]) -> usize {
    let mut reader = quick_xml::Reader::from_reader(xml);
    let (mut depth, mut max) = (0usize, 0usize);
    loop {
        match reader.read_event() {
            Ok(quick_xml::events::Event::Start(_)) => {
                depth += 1;
                max = max.max(depth);
            }
            Ok(quick_xml::events::Event::End(_)) => depth = depth.saturating_sub(1),
            Ok(quick_xml::events::Event::Eof) | Err(_) => return max,
            _ => {}
        }
    }
}

/// Tells what an OLE compound file holds. Stream names sit in the directory as UTF-16LE, so finding
/// the name is enough to tell an encrypted OOXML package from a Word 97–2003 document.
pub fn classify_ole(bytes: &[u8]) -> DocxError {
    let has = |name: &str| {
        let needle: Vec<u8> = name.encode_utf16().flat_map(|u| u.to_le_bytes()).collect();
        bytes.windows(needle.len()).any(|w| w == needle.as_slice())
    };
    if has("EncryptedPackage") || has("EncryptionInfo") {
        DocxError::Encrypted
    } else if has("WordDocument") {
        DocxError::LegacyDoc
    } else {
        DocxError::NotDocx("an OLE compound file that is not a Word document".into())
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn office_document_target_reads_the_package_relationship() {
        let rels = br#"<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="/word/document2.xml"/></Relationships>"#;
        assert_eq!(
            office_document_target(rels).as_deref(),
            Some("word/document2.xml")
        );
    }

    #[test]
    fn depth_of_nested_elements() {
        assert_eq!(max_depth(b"<a><b><c/></b><b></b></a>"), 2);
    }

    #[test]
    fn ole_names_are_read_as_utf16() {
        let mut bytes = vec![0u8; 16];
        bytes.extend("WordDocument".encode_utf16().flat_map(|u| u.to_le_bytes()));
        assert!(matches!(classify_ole(&bytes), DocxError::LegacyDoc));
        assert!(matches!(classify_ole(&[0u8; 64]), DocxError::NotDocx(_)));
    }
}
