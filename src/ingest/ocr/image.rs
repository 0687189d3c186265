//! Reads the few facts OCR needs from an image file's header without decoding it: how many pages a TIFF
//! holds, and each page's resolution, which turns Tesseract's pixel positions into points on the page.
//!
//! Every read is bounds-checked: a truncated or hostile header yields `None` or an error, never a panic.

/// Most pages a TIFF may claim; a longer IFD chain is taken as corrupt (or a loop).
const MAX_TIFF_PAGES: usize = 10_000;

/// What the header of an image says.
#[derive(Clone, Debug, PartialEq)]
pub struct ImageInfo {
    /// The resolution of each page in dots per inch, when the file states it.
    pub page_dpi: Vec<Option<f32>>,
}

/// Which image format a file is (already sniffed by the caller).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ImageKind {
    Png,
    Jpeg,
    Tiff,
}

impl ImageKind {
    pub fn extension(self) -> &'static str {
        match self {
            ImageKind::Png => "png",
            ImageKind::Jpeg => "jpg",
            ImageKind::Tiff => "tif",
        }
    }
}

/// What is wrong with an image header.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
pub enum ImageError {
    #[error("not a TIFF header")]
    NotTiff,
    #[error("BigTIFF files are not supported")]
    BigTiff,
    #[error("truncated TIFF header")]
    TruncatedHeader,
    #[error("TIFF page directory chain loops or is too long")]
    DirectoryChain,
    #[error("TIFF page directory points outside the file")]
    DirectoryOutside,
    #[error("truncated TIFF page directory")]
    TruncatedDirectory,
    #[error("TIFF has no pages")]
    NoPages,
}

/// Reads page count and resolutions; an error names what is wrong with the header.
pub fn inspect(kind: ImageKind, bytes: &[u8]) -> Result<ImageInfo, ImageError> {
    let page_dpi = match kind {
        ImageKind::Png => vec![png_dpi(bytes)],
        ImageKind::Jpeg => vec![jpeg_dpi(bytes)],
        ImageKind::Tiff => tiff_pages(bytes)?,
    };
    Ok(ImageInfo { page_dpi })
}

fn be_u32(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_be_bytes([s[0], s[1], s[2], s[3]]))
}

fn be_u16(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_be_bytes([s[0], s[1]]))
}

/// PNG keeps resolution in the `pHYs` chunk as pixels per metre.
fn png_dpi(b: &[u8]) -> Option<f32> {
    let mut at = 8usize;
    loop {
        let len = be_u32(b, at)? as usize;
        let kind = b.get(at + 4..at + 8)?;
        let data = at + 8;
        match kind {
            b"pHYs" => {
                let x = be_u32(b, data)?;
                let unit = *b.get(data + 8)?;
                return (unit == 1 && x > 0).then_some(x as f32 * 0.0254);
            }
            b"IDAT" | b"IEND" => return None,
            _ => at = data.checked_add(len)?.checked_add(4)?,
        }
    }
}

/// JPEG keeps resolution in the JFIF APP0 segment (dots per inch or per centimetre).
fn jpeg_dpi(b: &[u8]) -> Option<f32> {
    let mut at = 2usize;
    while *b.get(at)? == 0xFF {
        let marker = *b.get(at + 1)?;
        if marker == 0xDA || marker == 0xD9 {
            return None;
        }
        let len = be_u16(b, at + 2)? as usize;
        let data = at + 4;
        if marker == 0xE0 && b.get(data..data + 5)? == b"JFIF\0" {
            let unit = *b.get(data + 7)?;
            let x = be_u16(b, data + 8)? as f32;
            return match unit {
                1 if x > 0.0 => Some(x),
                2 if x > 0.0 => Some(x * 2.54),
                _ => None,
            };
        }
        at = at.checked_add(2)?.checked_add(len)?;
    }
    None
}

/// Byte-order-aware reads for TIFF.
struct Tiff<'a> {
    b: &'a [u8],
    le: bool,
}

impl Tiff<'_> {
    fn u16(&self, at: usize) -> Option<u16> {
        let s = self.b.get(at..at.checked_add(2)?)?;
        let a = [s[0], s[1]];
        Some(if self.le {
            u16::from_le_bytes(a)
        } else {
            u16::from_be_bytes(a)
        })
    }
    fn u32(&self, at: usize) -> Option<u32> {
        let s = self.b.get(at..at.checked_add(4)?)?;
        let a = [s[0], s[1], s[2], s[3]];
        Some(if self.le {
            u32::from_le_bytes(a)
        } else {
            u32::from_be_bytes(a)
        })
    }
}

/// Walks the IFD chain of a classic TIFF: one IFD per page, each with its own XResolution and unit.
fn tiff_pages(b: &[u8]) -> Result<Vec<Option<f32>>, ImageError> {
    let le = match b.get(..2) {
        Some(b"II") => true,
        Some(b"MM") => false,
        _ => return Err(ImageError::NotTiff),
    };
    let t = Tiff { b, le };
    match t.u16(2) {
        Some(42) => {}
        Some(43) => return Err(ImageError::BigTiff),
        _ => return Err(ImageError::NotTiff),
    }
    let mut pages = Vec::new();
    let mut seen = std::collections::HashSet::new();
    let mut next = t.u32(4).ok_or(ImageError::TruncatedHeader)? as usize;
    while next != 0 {
        if !seen.insert(next) || pages.len() >= MAX_TIFF_PAGES {
            return Err(ImageError::DirectoryChain);
        }
        let count = t.u16(next).ok_or(ImageError::DirectoryOutside)? as usize;
        let mut x_res = None;
        let mut unit = 2u16;
        for i in 0..count {
            let entry = next + 2 + i * 12;
            let (Some(tag), Some(kind)) = (t.u16(entry), t.u16(entry + 2)) else {
                return Err(ImageError::TruncatedDirectory);
            };
            match (tag, kind) {
                // XResolution, a RATIONAL stored at an offset.
                (282, 5) => {
                    let at = t.u32(entry + 8).unwrap_or(0) as usize;
                    if let (Some(num), Some(den)) = (t.u32(at), t.u32(at + 4)) {
                        if den > 0 {
                            x_res = Some(num as f32 / den as f32);
                        }
                    }
                }
                // ResolutionUnit, a SHORT stored in the entry.
                (296, 3) => unit = t.u16(entry + 8).unwrap_or(2),
                _ => {}
            }
        }
        let dpi = x_res.and_then(|x| match unit {
            2 if x > 0.0 => Some(x),
            3 if x > 0.0 => Some(x * 2.54),
            _ => None,
        });
        pages.push(dpi);
        next = t
            .u32(next + 2 + count * 12)
            .ok_or(ImageError::TruncatedDirectory)? as usize;
    }
    if pages.is_empty() {
        return Err(ImageError::NoPages);
    }
    Ok(pages)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn png_with_phys(ppm: u32, unit: u8) -> Vec<u8> {
        let mut b = b"\x89PNG\r\n\x1a\n".to_vec();
        b.extend(13u32.to_be_bytes());
        b.extend(b"IHDR");
        b.extend([0u8; 13 + 4]);
        b.extend(9u32.to_be_bytes());
        b.extend(b"pHYs");
        b.extend(ppm.to_be_bytes());
        b.extend(ppm.to_be_bytes());
        b.push(unit);
        b.extend([0u8; 4]);
        b
    }

    #[test]
    fn png_resolution_from_phys() {
        let dpi = png_dpi(&png_with_phys(11811, 1)).unwrap();
        assert!((dpi - 300.0).abs() < 0.1, "{dpi}");
        assert_eq!(png_dpi(&png_with_phys(11811, 0)), None);
        let full = png_with_phys(11811, 1);
        for cut in 0..full.len() {
            let _ = png_dpi(&full[..cut]);
        }
    }

    #[test]
    fn jpeg_resolution_from_jfif() {
        let mut b = vec![0xFF, 0xD8, 0xFF, 0xE0, 0, 16];
        b.extend(b"JFIF\0");
        b.extend([1, 1, 1, 0, 200, 0, 200, 0, 0]);
        b.extend([0xFF, 0xDA]);
        assert_eq!(jpeg_dpi(&b), Some(200.0));
        b[13] = 2; // dots per centimetre
        assert!((jpeg_dpi(&b).unwrap() - 508.0).abs() < 0.01);
        for cut in 0..b.len() {
            let _ = jpeg_dpi(&b[..cut]);
        }
    }

    /// A little-endian TIFF with `pages` IFDs, each stating `dpi` per inch.
    fn tiff(pages: usize, dpi: u32) -> Vec<u8> {
        let mut b = b"II\x2a\x00".to_vec();
        b.extend(8u32.to_le_bytes());
        for p in 0..pages {
            let ifd = b.len();
            let rational = ifd + 2 + 2 * 12 + 4;
            b.extend(2u16.to_le_bytes());
            b.extend(282u16.to_le_bytes());
            b.extend(5u16.to_le_bytes());
            b.extend(1u32.to_le_bytes());
            b.extend((rational as u32).to_le_bytes());
            b.extend(296u16.to_le_bytes());
            b.extend(3u16.to_le_bytes());
            b.extend(1u32.to_le_bytes());
            b.extend(2u32.to_le_bytes());
            let next = if p + 1 < pages { rational + 8 } else { 0 };
            b.extend((next as u32).to_le_bytes());
            b.extend(dpi.to_le_bytes());
            b.extend(1u32.to_le_bytes());
        }
        b
    }

    #[test]
    fn tiff_pages_and_resolutions() {
        assert_eq!(tiff_pages(&tiff(3, 300)).unwrap(), vec![Some(300.0); 3]);
        let full = tiff(2, 200);
        for cut in 0..full.len() {
            let _ = tiff_pages(&full[..cut]);
        }
    }

    #[test]
    fn a_looping_tiff_is_refused() {
        let mut b = tiff(1, 300);
        // Point the last IFD's next-offset back at the first IFD.
        let next_at = 8 + 2 + 2 * 12;
        b[next_at..next_at + 4].copy_from_slice(&8u32.to_le_bytes());
        assert_eq!(tiff_pages(&b).unwrap_err(), ImageError::DirectoryChain);
    }
}
