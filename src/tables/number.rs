//! Swedish numbers as written in tables and styrtal ("2 451,7", "−6 975,0", "87 %", "5 av 8", "77- 80",
//! "> 0 mnkr"), parsed into a [`Quantity`] without guessing: what could be read two ways is reported, not read.

use crate::model::Quantity;

/// What a piece of text turned out to be.
#[derive(Clone, Debug, PartialEq)]
pub enum Parsed {
    Quantity(Quantity),
    /// Not a number (a label, a comment, an empty cell).
    NotNumber,
    /// Looks like a number but could be read in more than one way; the reason says how.
    Ambiguous(String),
}

/// Units accepted after a number. Longer forms first so that `mnkr` is not read as `m` + text.
const UNITS: &[&str] = &[
    "%",
    "procent",
    "procentenheter",
    "mnkr",
    "mdkr",
    "tkr",
    "kr",
    "kronor",
    "miljoner kronor",
    "dagar",
    "timmar",
    "st",
    "stycken",
    "år",
    "ton",
];

/// Parses a whole text as one quantity. Whitespace runs (also no-break spaces and line breaks) count as
/// one space; `−` (U+2212) and `–` are minus signs in front of a number and range dashes between two.
pub fn parse_quantity(text: &str) -> Parsed {
    let norm = normalize(text);
    if norm.is_empty() || !norm.chars().any(|c| c.is_ascii_digit()) {
        return Parsed::NotNumber;
    }
    let mut q = Quantity {
        text: collapse(text),
        ..Default::default()
    };
    let mut rest = norm.as_str();
    let mut place = false;
    if let Some(r) = strip_word(rest, "plats") {
        place = true;
        rest = r;
    }
    for cmp in [">=", "<=", "≥", "≤", ">", "<"] {
        if let Some(r) = rest.strip_prefix(cmp) {
            q.comparator = Some(cmp.to_string());
            rest = r.trim_start();
            break;
        }
    }
    let (first, r) = match number(rest) {
        Ok(Some(x)) => x,
        Ok(None) => return Parsed::NotNumber,
        Err(why) => return Parsed::Ambiguous(why),
    };
    rest = r;
    q.value = Some(first);
    // A range: "77- 80", "6,3- 6,1 %", "90-100%": the dash follows the first number directly (in
    // "-8 469,9 -8 468,0" it starts the next one). The second number carries no sign of its own.
    let after_dash = rest.strip_prefix('-');
    if let Some(after) = after_dash {
        let after = after.trim_start();
        if after.starts_with(|c: char| c.is_ascii_digit()) {
            match number(after) {
                Ok(Some((second, r))) => {
                    q.value = None;
                    q.min = Some(first.min(second));
                    q.max = Some(first.max(second));
                    rest = r;
                }
                Ok(None) => return Parsed::NotNumber,
                Err(why) => return Parsed::Ambiguous(why),
            }
        }
    }
    if let Some(r) = strip_word(rest.trim_start(), "av") {
        match number(r) {
            Ok(Some((of, r))) if q.min.is_none() => {
                q.of = Some(of);
                rest = r;
            }
            Ok(_) => return Parsed::NotNumber,
            Err(why) => return Parsed::Ambiguous(why),
        }
    }
    let tail = rest.trim();
    if !tail.is_empty() {
        match unit(tail) {
            Some(u) => q.unit = Some(u),
            None => return Parsed::NotNumber,
        }
    }
    if place {
        if q.of.is_none() || q.unit.is_some() {
            return Parsed::NotNumber;
        }
        q.unit = Some("plats".into());
    }
    Parsed::Quantity(q)
}

/// Convenience: the quantity when the text is one, `None` otherwise (ambiguous included).
pub fn quantity(text: &str) -> Option<Quantity> {
    match parse_quantity(text) {
        Parsed::Quantity(q) => Some(q),
        _ => None,
    }
}

/// Whitespace collapsed, as the text of a quantity is kept.
fn collapse(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

/// Collapsed whitespace and one kind of minus sign; the `%` glued to a number is split off.
fn normalize(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let chars: Vec<char> = text.chars().collect();
    for (i, &c) in chars.iter().enumerate() {
        let c = match c {
            '\u{2212}' | '\u{2013}' => '-',
            c if c.is_whitespace() => ' ',
            c => c,
        };
        if c == ' ' && (out.is_empty() || out.ends_with(' ')) {
            continue;
        }
        if c == '%' && i > 0 && chars[i - 1].is_ascii_digit() {
            out.push(' ');
        }
        out.push(c);
    }
    out.trim_end().to_string()
}

/// `text` without a leading (case-insensitive) word and the spaces after it.
fn strip_word<'a>(text: &'a str, word: &str) -> Option<&'a str> {
    let head = text.get(..word.len())?;
    let rest = &text[word.len()..];
    if head.eq_ignore_ascii_case(word) && rest.starts_with(' ') {
        Some(rest.trim_start())
    } else {
        None
    }
}

fn unit(tail: &str) -> Option<String> {
    let lower = tail.to_lowercase();
    if UNITS.contains(&lower.as_str()) {
        return Some(tail.to_string());
    }
    // A unit of measure named by its words ("ton koldioxidekvivalenter"): a known unit word first, then words.
    let mut words = lower.split(' ');
    let first = words.next()?;
    let rest_are_words = words.all(|w| !w.is_empty() && w.chars().all(char::is_alphabetic));
    if first == "ton" && rest_are_words {
        return Some(tail.to_string());
    }
    None
}

/// Reads one number at the start of `text`: sign, digits with space-separated thousands groups, and a
/// decimal part after `,` or `.`. Returns the value and the rest.
fn number(text: &str) -> Result<Option<(f64, &str)>, String> {
    let bytes = text.as_bytes();
    let mut i = 0;
    let negative = bytes.first() == Some(&b'-');
    if negative {
        i += 1;
    }
    let digits = |from: usize| {
        let mut j = from;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        j
    };
    let start = i;
    let mut end = digits(i);
    if end == start {
        return Ok(None);
    }
    let mut int = text[start..end].to_string();
    let lead_len = end - start;
    let mut grouped = false;
    // Thousands groups: "2 451" but not "1 2026" (a group has exactly three digits).
    while bytes.get(end) == Some(&b' ') && lead_len <= 3 {
        let g_end = digits(end + 1);
        let after = bytes.get(g_end).copied();
        let group_ok = g_end - (end + 1) == 3 && !matches!(after, Some(b'0'..=b'9'));
        if !group_ok || int.starts_with('0') {
            break;
        }
        int.push_str(&text[end + 1..g_end]);
        end = g_end;
        grouped = true;
    }
    let mut frac = String::new();
    if let Some(&sep) = bytes.get(end) {
        if sep == b',' || sep == b'.' {
            let f_end = digits(end + 1);
            if f_end > end + 1 {
                frac = text[end + 1..f_end].to_string();
                let int_digits = int.len();
                if f_end - (end + 1) == 3 && !grouped && int_digits <= 3 && int != "0" {
                    return Err(format!(
                        "{:?} can be a decimal number or a number with a thousands separator",
                        &text[..f_end]
                    ));
                }
                end = f_end;
            }
        }
    }
    // A number glued to letters ("3a", "2024b") is not a quantity.
    if let Some(c) = text[end..].chars().next() {
        if c.is_alphanumeric() {
            return Ok(None);
        }
    }
    let literal = if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    };
    let value: f64 = match literal.parse() {
        Ok(v) => v,
        Err(_) => return Ok(None),
    };
    Ok(Some((if negative { -value } else { value }, &text[end..])))
}

/// Splits a run of whitespace-separated words into exactly `n` consecutive quantities, every way that
/// works. Returns the byte ranges of the parts in `text`, or an error when there is no way or more than one.
pub fn split_quantities(text: &str, n: usize) -> Result<Vec<std::ops::Range<usize>>, SplitError> {
    Splitter::new(text).split_from(0, n)
}

/// Why a run of words could not be split into quantities.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SplitError {
    None,
    Ambiguous,
}

/// Byte ranges of the whitespace-separated words of `text`.
pub fn tokens(text: &str) -> Vec<std::ops::Range<usize>> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                out.push(s..i);
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        out.push(s..text.len());
    }
    out
}

/// A quantity spans at most six words ("Plats 6 av 7", "1 234 567,8 mnkr").
const MAX_WORDS: usize = 6;

/// Cuts the words of one text into quantities, remembering what it has worked out, so that asking for
/// every suffix of a line (as a row's label/values split does) stays linear in the words.
pub struct Splitter<'a> {
    text: &'a str,
    tokens: Vec<std::ops::Range<usize>>,
    valid: std::collections::HashMap<(usize, usize), bool>,
    /// (first word, parts) → up to two ways, each a list of byte ranges.
    ways: std::collections::HashMap<(usize, usize), Vec<Vec<std::ops::Range<usize>>>>,
}

impl<'a> Splitter<'a> {
    pub fn new(text: &'a str) -> Self {
        Splitter {
            text,
            tokens: tokens(text),
            valid: Default::default(),
            ways: Default::default(),
        }
    }

    pub fn tokens(&self) -> &[std::ops::Range<usize>] {
        &self.tokens
    }

    /// Splits the words from word `from` to the end into exactly `n` quantities.
    pub fn split_from(
        &mut self,
        from: usize,
        n: usize,
    ) -> Result<Vec<std::ops::Range<usize>>, SplitError> {
        let mut ways = self.ways(from, n);
        match ways.len() {
            0 => Err(SplitError::None),
            1 => Ok(ways.pop().unwrap_or_default()),
            _ => Err(SplitError::Ambiguous),
        }
    }

    fn is_quantity(&mut self, from: usize, to: usize) -> bool {
        if let Some(&v) = self.valid.get(&(from, to)) {
            return v;
        }
        let range = self.tokens[from].start..self.tokens[to - 1].end;
        let v = matches!(parse_quantity(&self.text[range]), Parsed::Quantity(_));
        self.valid.insert((from, to), v);
        v
    }

    /// At most two ways to cut words `from..` into `n` quantities.
    fn ways(&mut self, from: usize, n: usize) -> Vec<Vec<std::ops::Range<usize>>> {
        let len = self.tokens.len();
        if n == 0 {
            return if from == len { vec![vec![]] } else { vec![] };
        }
        if let Some(w) = self.ways.get(&(from, n)) {
            return w.clone();
        }
        let mut out = Vec::new();
        for to in (from + 1)..=len.min(from + MAX_WORDS) {
            if len - to < n - 1 {
                break;
            }
            if !self.is_quantity(from, to) {
                continue;
            }
            let range = self.tokens[from].start..self.tokens[to - 1].end;
            for mut rest in self.ways(to, n - 1) {
                rest.insert(0, range.clone());
                out.push(rest);
                if out.len() >= 2 {
                    break;
                }
            }
            if out.len() >= 2 {
                break;
            }
        }
        self.ways.insert((from, n), out.clone());
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn q(text: &str) -> Quantity {
        match parse_quantity(text) {
            Parsed::Quantity(q) => q,
            other => panic!("{text:?}: {other:?}"),
        }
    }

    #[test]
    fn thousands_with_space_and_no_break_space() {
        assert_eq!(q("2 451,7").value, Some(2451.7));
        assert_eq!(q("2\u{a0}451,7").value, Some(2451.7));
        assert_eq!(q("2\u{202f}451,7").value, Some(2451.7));
        assert_eq!(q("321 594").value, Some(321594.0));
        assert_eq!(q("1 234 567").value, Some(1234567.0));
        assert_eq!(q("2 451,7").text, "2 451,7");
    }

    #[test]
    fn minus_signs() {
        assert_eq!(q("-6 975,0").value, Some(-6975.0));
        assert_eq!(q("\u{2212}6 975,0").value, Some(-6975.0));
        assert_eq!(q("–0,1").value, Some(-0.1));
        assert_eq!(q("-45596").value, Some(-45596.0));
        assert_eq!(q("-15 %").value, Some(-15.0));
        assert_eq!(q("-15 %").unit.as_deref(), Some("%"));
    }

    #[test]
    fn decimal_point_and_comma() {
        assert_eq!(q("227.0").value, Some(227.0));
        assert_eq!(q("2 295.8").value, Some(2295.8));
        assert_eq!(q("-12 235.2").value, Some(-12235.2));
        assert_eq!(q("19,00").value, Some(19.0));
        assert_eq!(q("0,0").value, Some(0.0));
        assert_eq!(q("0,125").value, Some(0.125));
        assert_eq!(q("3,7").value, Some(3.7));
    }

    #[test]
    fn three_digits_after_a_single_separator_are_ambiguous() {
        assert!(matches!(parse_quantity("1,234"), Parsed::Ambiguous(_)));
        assert!(matches!(parse_quantity("2.500"), Parsed::Ambiguous(_)));
        assert!(matches!(
            parse_quantity("-12.500 mnkr"),
            Parsed::Ambiguous(_)
        ));
        // With space thousands groups the separator can only be the decimal one.
        assert_eq!(q("1 234,500").value, Some(1234.5));
    }

    #[test]
    fn percent_in_all_spellings() {
        assert_eq!(q("87 %").value, Some(87.0));
        assert_eq!(q("87 %").unit.as_deref(), Some("%"));
        assert_eq!(q("6,6%").value, Some(6.6));
        assert_eq!(q("6,6%").unit.as_deref(), Some("%"));
        assert_eq!(q("6,6%").text, "6,6%");
        assert_eq!(q("15 procent").unit.as_deref(), Some("procent"));
    }

    #[test]
    fn x_of_y_and_places() {
        let a = q("5 av 8");
        assert_eq!((a.value, a.of, a.unit), (Some(5.0), Some(8.0), None));
        let p = q("Plats 6 av 7");
        assert_eq!((p.value, p.of), (Some(6.0), Some(7.0)));
        assert_eq!(p.unit.as_deref(), Some("plats"));
        assert_eq!(q("Plats  3 av 7").text, "Plats 3 av 7");
        assert_eq!(q("10 av 21").of, Some(21.0));
        assert_eq!(parse_quantity("Plats 6"), Parsed::NotNumber);
    }

    #[test]
    fn ranges() {
        let r = q("77- 80");
        assert_eq!((r.value, r.min, r.max), (None, Some(77.0), Some(80.0)));
        let r = q("6,3- 6,1 %");
        assert_eq!((r.min, r.max), (Some(6.1), Some(6.3)));
        assert_eq!(r.unit.as_deref(), Some("%"));
        let r = q("90-100%");
        assert_eq!(
            (r.min, r.max, r.unit.as_deref()),
            (Some(90.0), Some(100.0), Some("%"))
        );
        let r = q("90- 100 %");
        assert_eq!((r.min, r.max), (Some(90.0), Some(100.0)));
        let r = q("77–80");
        assert_eq!((r.min, r.max), (Some(77.0), Some(80.0)));
    }

    #[test]
    fn comparators_and_units() {
        for text in ["> 0 mnkr", ">0 mnkr"] {
            let c = q(text);
            assert_eq!(c.comparator.as_deref(), Some(">"));
            assert_eq!(c.value, Some(0.0));
            assert_eq!(c.unit.as_deref(), Some("mnkr"));
        }
        assert_eq!(q("< 90 dagar").unit.as_deref(), Some("dagar"));
        assert_eq!(q("-200 mnkr").value, Some(-200.0));
        let t = q("1,4 ton koldioxidekvivalenter");
        assert_eq!(t.value, Some(1.4));
        assert_eq!(t.unit.as_deref(), Some("ton koldioxidekvivalenter"));
    }

    #[test]
    fn text_is_not_a_number() {
        for text in [
            "",
            "Avgifter",
            "Utfall 2024",
            "2024: Kvinnor 47,5%",
            "3a",
            "Beslutas i samband med revidering",
            "Avtal tecknat.",
            "kvartal 1 2026.",
            "[image: ]",
        ] {
            assert_eq!(parse_quantity(text), Parsed::NotNumber, "{text:?}");
        }
    }

    #[test]
    fn years_and_plain_integers() {
        assert_eq!(q("2024").value, Some(2024.0));
        assert_eq!(q("4616").value, Some(4616.0));
        assert_eq!(q("-100").value, Some(-100.0));
    }

    #[test]
    fn splitting_runs_into_columns() {
        let text = "2 451,7 2 448,4 2 433,5";
        let parts = split_quantities(text, 3).unwrap();
        let got: Vec<&str> = parts.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["2 451,7", "2 448,4", "2 433,5"]);
        let text = "Plats 6 av 7 Plats  3 av 7 Plats  3 av 7";
        let parts = split_quantities(text, 3).unwrap();
        assert_eq!(&text[parts[1].clone()], "Plats  3 av 7");
        let text = "79% 90- 100 % 90-100%";
        let parts = split_quantities(text, 3).unwrap();
        let got: Vec<&str> = parts.iter().map(|r| &text[r.clone()]).collect();
        assert_eq!(got, ["79%", "90- 100 %", "90-100%"]);
        let text = "-200 mnkr -360 mnkr >0 mnkr";
        assert_eq!(split_quantities(text, 3).unwrap().len(), 3);
    }

    #[test]
    fn long_runs_of_numbers_split_quickly() {
        let text = vec!["1,0"; 400].join(" ");
        let started = std::time::Instant::now();
        assert_eq!(split_quantities(&text, 400).map(|p| p.len()), Ok(400));
        assert_eq!(split_quantities(&text, 399), Err(SplitError::None));
        // Exponential search would not finish; memoized it is a few milliseconds even unoptimized.
        assert!(started.elapsed() < std::time::Duration::from_secs(5));
    }

    #[test]
    fn splitting_that_could_go_two_ways_is_refused() {
        assert_eq!(split_quantities("5 600 700", 2), Err(SplitError::Ambiguous));
        assert_eq!(split_quantities("1,0 2,0", 3), Err(SplitError::None));
    }
}
