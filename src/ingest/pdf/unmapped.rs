//! Glyphs drawn without Unicode meaning: how many a page lost and in which fonts, said in one diagnostic
//! per page, and whether the page lost so much of its text that OCR must read it instead.

use super::content::PageContent;
use crate::model::Diagnostic;

/// Whether a page lost its text: at least half of the glyphs it draws, and at least
/// [`LOST_GLYPHS_FOR_OCR`], have no Unicode meaning. A few symbols of a formula or a bullet font leave the
/// page readable; a cover set in a Type3 font, or in fonts without a ToUnicode map or a usable encoding,
/// does not, and OCR reads it instead.
pub(super) fn text_lost(content: &PageContent) -> bool {
    let lost: usize = content.unmapped.values().sum();
    lost >= LOST_GLYPHS_FOR_OCR && lost * 2 >= content.drawn
}

/// Fewest unmapped glyphs that make a page's text count as lost (a logo or a row of bullets is not).
const LOST_GLYPHS_FOR_OCR: usize = 10;

/// One diagnostic for a page with glyphs that could not be mapped to text: how many, of how many drawn,
/// and in which fonts; whether the page goes to OCR.
pub(super) fn diagnostic(number: u32, content: &PageContent, lost: bool) -> Option<Diagnostic> {
    let count: usize = content.unmapped.values().sum();
    if count == 0 {
        return None;
    }
    let fonts: Vec<String> = content
        .unmapped
        .iter()
        .map(|(font, n)| format!("{font}: {n}"))
        .collect();
    let outcome = if lost {
        "most of the page's text is missing, so the page is listed for OCR"
    } else {
        "the rest of the page's text is kept"
    };
    Some(
        Diagnostic::warning(
            "pdf.font_without_unicode",
            format!(
                "page {number}: {count} of {} glyphs drawn have no usable ToUnicode map or encoding and were left out (fonts {}); {outcome}",
                content.drawn,
                fonts.join(", ")
            ),
        )
        .with_page(Some(number)),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn page(drawn: usize, lost: &[(&str, usize)]) -> PageContent {
        PageContent {
            drawn,
            unmapped: lost.iter().map(|(f, n)| (f.to_string(), *n)).collect(),
            ..Default::default()
        }
    }

    #[test]
    fn a_few_symbols_leave_the_page_readable_a_lost_cover_goes_to_ocr() {
        let formula = page(800, &[("SymbolMT", 72), ("MT-Extra", 1)]);
        assert!(!text_lost(&formula));
        let d = diagnostic(19, &formula, false).expect("reported");
        assert_eq!(d.page, Some(19));
        assert!(d.message.starts_with("page 19: 73 of 800 glyphs drawn"));
        assert!(d.message.contains("MT-Extra: 1, SymbolMT: 72"));
        let cover = page(65, &[("/R7", 65)]);
        assert!(text_lost(&cover));
        assert!(diagnostic(1, &cover, true).unwrap().message.contains("OCR"));
        // Two bullets of a dingbat font on an otherwise empty page are no lost text.
        assert!(!text_lost(&page(2, &[("ZapfDingbats", 2)])));
        assert!(diagnostic(3, &page(40, &[]), false).is_none());
    }
}
