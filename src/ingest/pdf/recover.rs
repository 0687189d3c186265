//! Recovery of a PDF whose cross-reference table cannot be used (padding after the last `%%EOF`, offsets
//! that point nowhere, a truncated table): like qpdf and poppler, the file is scanned for `N G obj`
//! headers and a fresh cross-reference section with a trailer is appended, which the ordinary parser then
//! reads. Objects keep their bytes; only the index to them is rebuilt.

use regex::bytes::Regex;
use std::collections::BTreeMap;
use std::fmt::Write;
use std::sync::LazyLock;

static OBJ: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)(?:^|[\r\n\t \x00>])(\d{1,10})[\r\n\t ]+(\d{1,5})[\r\n\t ]+obj\b")
        .expect("valid regex")
});
static TRAILER_REF: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/(Root|Info|Encrypt)[\r\n\t ]*(\d{1,10})[\r\n\t ]+(\d{1,5})[\r\n\t ]+R")
        .expect("valid regex")
});
static TRAILER_ID: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?-u)/ID[\r\n\t ]*\[[\r\n\t ]*<[0-9A-Fa-f\r\n\t ]*>[\r\n\t ]*<[0-9A-Fa-f\r\n\t ]*>[\r\n\t ]*\]")
        .expect("valid regex")
});

/// Most objects a rebuilt table may index; beyond it the file is not worth rebuilding.
const MAX_OBJECTS: usize = 2_000_000;

/// Returns the bytes of the PDF, from its `%PDF-` header on, with a rebuilt cross-reference section and
/// trailer appended, or `None` when no object header or no catalogue reference is found.
pub fn rebuild(bytes: &[u8]) -> Option<Vec<u8>> {
    let start = bytes.windows(5).position(|w| w == b"%PDF-")?;
    let body = &bytes[start..];
    // The last definition of an object number wins, as with incremental updates.
    let mut offsets: BTreeMap<u32, (u64, u16)> = BTreeMap::new();
    for cap in OBJ.captures_iter(body) {
        let (Some(num), Some(gen)) = (cap.get(1), cap.get(2)) else {
            continue;
        };
        let parse = |m: regex::bytes::Match| std::str::from_utf8(m.as_bytes()).ok()?.parse().ok();
        let (Some(n), Some(g)) = (
            parse(num).and_then(|n: u64| u32::try_from(n).ok()),
            parse(gen),
        ) else {
            continue;
        };
        offsets.insert(n, (num.start() as u64, g as u16));
        if offsets.len() > MAX_OBJECTS {
            return None;
        }
    }
    // Trailer entries: the last reference of each kind in the file.
    let mut refs: BTreeMap<&[u8], String> = BTreeMap::new();
    for cap in TRAILER_REF.captures_iter(body) {
        let key = cap.get(1)?.as_bytes();
        let n = std::str::from_utf8(cap.get(2)?.as_bytes()).ok()?;
        let g = std::str::from_utf8(cap.get(3)?.as_bytes()).ok()?;
        refs.insert(key, format!("{n} {g} R"));
    }
    let root = refs.get(b"Root".as_slice())?;
    let mut out = body.to_vec();
    // The appended section starts on a line of its own.
    out.extend_from_slice(b"\n");
    let xref_at = out.len();
    let mut table = String::from("xref\n0 1\n0000000000 65535 f\r\n");
    let ids: Vec<u32> = offsets.keys().copied().filter(|&n| n > 0).collect();
    let mut k = 0;
    while k < ids.len() {
        let mut end = k + 1;
        while end < ids.len() && ids[end] == ids[end - 1] + 1 {
            end += 1;
        }
        let _ = writeln!(table, "{} {}", ids[k], end - k);
        for id in &ids[k..end] {
            let (offset, gen) = offsets[id];
            let _ = write!(table, "{offset:010} {gen:05} n\r\n");
        }
        k = end;
    }
    let size = ids.last().map_or(1, |&n| n + 1);
    let _ = write!(table, "trailer\n<< /Size {size} /Root {root}");
    for key in ["Info", "Encrypt"] {
        if let Some(r) = refs.get(key.as_bytes()) {
            let _ = write!(table, " /{key} {r}");
        }
    }
    if let Some(id) = TRAILER_ID.find_iter(body).last() {
        table.push(' ');
        table.push_str(&String::from_utf8_lossy(id.as_bytes()));
    }
    let _ = write!(table, " >>\nstartxref\n{xref_at}\n%%EOF\n");
    out.extend_from_slice(table.as_bytes());
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_file_with_a_broken_table_is_indexed_again() {
        let pdf = b"%PDF-1.4\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\n2 0 obj\n<< /Type /Pages /Kids [] /Count 0 >>\nendobj\nxref\ngarbage\ntrailer\n<< /Size 3 /Root 1 0 R >>\nstartxref\n99999\n%%EOF\n";
        let fixed = rebuild(pdf).unwrap();
        let doc = lopdf::Document::load_mem(&fixed).unwrap();
        assert_eq!(
            doc.trailer.get(b"Root").unwrap().as_reference().unwrap(),
            (1, 0)
        );
        assert!(doc.get_dictionary((2, 0)).is_ok());
    }
}
