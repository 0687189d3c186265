//! Page furniture by its words: page counters ("… Verksamhetsplan med budget 14(25)"), bare page numbers
//! ("Sida 3 av 12") and the key under which a header repeats from page to page. The PDF reader finds
//! furniture by position and the clean stage by line; both read the lines the same way through here.

use regex::Regex;
use std::sync::LazyLock;

/// "Hälso- och sjukvårdsnämnden, Verksamhetsplan med budget 14(25)", "… Verksamhetsberättelse\t2(2)",
/// "… 16 (75)": a title followed by a page counter.
static PAGE_COUNTER_LINE: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"^\s*(\S.{4,}?)[\s,]+(\d{1,4}) ?\((\d{1,4})\)\s*$").expect("valid regex")
});
static PAGE_NUMBER_ONLY: LazyLock<Regex> = LazyLock::new(|| {
    Regex::new(r"(?i)^\s*(?:sid(?:a|an)?\s*)?(\d{1,4})(?:\s*(?:\(|av|/)\s*\d{1,4}\)?)?\s*$")
        .expect("valid regex")
});
static DIGITS: LazyLock<Regex> = LazyLock::new(|| Regex::new(r"\d+").expect("valid regex"));

/// A line that carries its own page counter, such as "… Verksamhetsplan med budget 14(25)": the page
/// number it names.
pub fn page_counter(text: &str) -> Option<u32> {
    let cap = PAGE_COUNTER_LINE.captures(text)?;
    let page: u32 = cap[2].parse().ok()?;
    let total: u32 = cap[3].parse().ok()?;
    let title = &cap[1];
    // A title has letters; a table row of numbers such as "12 3(4)" is not a header.
    let letters = title.chars().filter(|c| c.is_alphabetic()).count();
    let ends_in_word = title
        .trim_end()
        .chars()
        .last()
        .is_some_and(|c| c.is_alphabetic());
    (page >= 1 && page <= total && letters >= 5 && ends_in_word && text.len() < 160).then_some(page)
}

/// A line that is nothing but a page number: "3", "Sida 3", "3 av 12", "3/12", "3 (12)".
pub fn page_number(text: &str) -> Option<u32> {
    PAGE_NUMBER_ONLY.captures(text)?[1].parse().ok()
}

/// The key under which a running header or footer repeats: trimmed, lowercased, every number masked
/// as `#` (the page number changes from page to page, the header does not).
pub fn repeat_key(text: &str) -> String {
    mask_digits(text.trim())
}

/// Lowercased with every number masked as `#`.
pub fn mask_digits(text: &str) -> String {
    DIGITS.replace_all(text, "#").to_lowercase()
}

/// On how many of `pages` pages an edge line must recur to be furniture: two, and at least 40 %.
pub fn repeat_threshold(pages: usize) -> usize {
    2.max((pages * 2).div_ceil(5))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_counters_in_headers() {
        assert_eq!(
            page_counter("Hälso- och sjukvårdsnämnden, Verksamhetsplan med budget 14(25) "),
            Some(14)
        );
        assert_eq!(
            page_counter("Hälso- och sjukvårdsnämnden Verksamhetsberättelse\t2(2)"),
            Some(2)
        );
        assert_eq!(
            page_counter("Region Örebro län, Årsredovisning 16 (75)"),
            Some(16)
        );
        assert_eq!(page_counter("Summa 12 3(4)"), None);
        assert_eq!(page_counter("Nämnden beslutade 3(4) gånger"), None);
    }

    #[test]
    fn bare_page_numbers() {
        assert_eq!(page_number(" 7 "), Some(7));
        assert_eq!(page_number("Sida 3 av 12"), Some(3));
        assert_eq!(page_number("3/12"), Some(3));
        assert_eq!(page_number("Nr 3"), None);
    }

    #[test]
    fn repeated_headers_share_a_key_across_pages() {
        assert_eq!(
            repeat_key(" Region Örebro län 14 "),
            repeat_key("Region Örebro län 15")
        );
        assert_eq!(repeat_threshold(2), 2);
        assert_eq!(repeat_threshold(10), 4);
    }
}
