//! Cuts text into the tokens repair reasons about, and sorts out early what must never change: numbers,
//! codes, e-mail and web addresses, abbreviations with inner dots. OCR'd words keep their stray digits
//! and symbols ("6kad", "f&", "|an") inside the token so that they can be repaired as words.

use crate::model::Span;

/// What a token is, as far as repair cares.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TokenKind {
    /// Letters only.
    Word,
    /// Letters mixed with characters OCR puts in place of letters (6, 4, 1, 0, |, &).
    Ocr,
    /// A lone `|`, which OCR reads for a capital I or a lowercase l.
    Pipe,
    /// Digits only.
    Number,
    /// Letters and digits that look like a code or id ("25RS268", "B12").
    Code,
    /// Part of an e-mail or web address, or an abbreviation with inner dots ("t.ex.").
    Protected,
}

/// One token with where it is and what surrounds it.
#[derive(Clone, Debug, PartialEq)]
pub struct Token<'a> {
    pub span: Span,
    pub text: &'a str,
    pub kind: TokenKind,
    /// The whitespace-delimited chunk the token is part of.
    pub chunk: Span,
    /// Followed by a hyphen that ends the chunk: the first part of a suspended compound ("Hälso- och").
    pub suspended: bool,
    /// Part of a chunk joined with inner hyphens ("ALF-utvärderingen").
    pub joined_by_hyphen: bool,
    /// Followed by `.`, `!`, `?`, `:` or `;`.
    pub ends_sentence: bool,
    /// Every letter a capital, at least two letters.
    pub all_caps: bool,
}

fn is_token_char(c: char) -> bool {
    c.is_alphabetic() || c.is_ascii_digit() || c == '|' || c == '&'
}

fn is_ocr_symbol(c: char) -> bool {
    matches!(c, '0' | '1' | '4' | '6' | '|' | '&')
}

/// The key a number stands as beside words: "0000" for a year (1900–2099), which names a time
/// ("2024 är", "år 2024"), "0" for any other number, which counts ("två år", "3 år").
pub fn number_key(digits: &str) -> &'static str {
    let year = digits.len() == 4 && (digits.starts_with("19") || digits.starts_with("20"));
    if year {
        "0000"
    } else {
        "0"
    }
}

/// All tokens of a text, in order.
pub fn tokens(text: &str) -> Vec<Token<'_>> {
    let mut out = Vec::with_capacity(text.len() / 6);
    // The characters of the current chunk, one buffer for all chunks.
    let mut chars: Vec<(usize, char)> = Vec::new();
    let mut chunk_start = None;
    for (i, c) in text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
    {
        if c.is_whitespace() {
            if let Some(s) = chunk_start.take() {
                chunk_tokens(text, Span::new(s, i), &mut chars, &mut out);
            }
        } else if chunk_start.is_none() {
            chunk_start = Some(i);
        }
    }
    out
}

/// Whether a chunk is, or starts, an e-mail or web address (with a scheme, "www." or a host and a path).
fn is_address(chunk: &str) -> bool {
    chunk.contains('@')
        || chunk.contains("://")
        || chunk
            .get(..4)
            .is_some_and(|p| p.eq_ignore_ascii_case("www."))
        || (chunk.contains('/') && has_host_path(&chunk.to_lowercase()))
}

/// Whether a chunk starts with a host name and a path, a web address written without its scheme
/// ("github.com/region-orebro/plan", "1177.se/vard"): a dotted name whose last label is two to six
/// letters, then a slash.
fn has_host_path(lower: &str) -> bool {
    let start = lower.trim_start_matches(|c: char| !c.is_alphanumeric());
    let Some((host, _path)) = start.split_once('/') else {
        return false;
    };
    let Some((name, tld)) = host.rsplit_once('.') else {
        return false;
    };
    !name.is_empty()
        && name
            .chars()
            .all(|c| c.is_alphanumeric() || c == '.' || c == '-')
        && (2..=6).contains(&tld.chars().count())
        && tld.chars().all(|c| c.is_ascii_lowercase())
}

fn chunk_tokens<'a>(
    text: &'a str,
    chunk: Span,
    chars: &mut Vec<(usize, char)>,
    out: &mut Vec<Token<'a>>,
) {
    let Some(s) = text.get(chunk.start..chunk.end) else {
        return;
    };
    if is_address(s) {
        out.push(Token {
            span: chunk,
            text: s,
            kind: TokenKind::Protected,
            chunk,
            suspended: false,
            joined_by_hyphen: false,
            ends_sentence: false,
            all_caps: false,
        });
        return;
    }
    chars.clear();
    chars.extend(s.char_indices());
    let has_inner_hyphen = chars
        .windows(3)
        .any(|w| w[1].1 == '-' && is_token_char(w[0].1) && is_token_char(w[2].1));
    let mut i = 0;
    while i < chars.len() {
        if !is_token_char(chars[i].1) {
            i += 1;
            continue;
        }
        let start = i;
        while i < chars.len() && is_token_char(chars[i].1) {
            i += 1;
        }
        let (a, b) = (chars[start].0, chars.get(i).map_or(s.len(), |c| c.0));
        let word = &s[a..b];
        let prev = start.checked_sub(1).map(|j| chars[j].1);
        let next = chars.get(i).map(|c| c.1);
        let after_next = chars.get(i + 1).map(|c| c.1);
        let (mut letters, mut digits, mut lowercase) = (0, 0, false);
        for c in word.chars() {
            if c.is_alphabetic() {
                letters += 1;
                lowercase |= c.is_lowercase();
            } else if c.is_ascii_digit() {
                digits += 1;
            }
        }
        let symbols = chars[start..i].len() - letters;
        let abbreviation = prev == Some('.')
            || (next == Some('.') && after_next.is_some_and(char::is_alphanumeric));
        let kind = if word == "|" {
            TokenKind::Pipe
        } else if letters == 0 {
            if digits == symbols {
                TokenKind::Number
            } else {
                TokenKind::Code
            }
        } else if abbreviation {
            TokenKind::Protected
        } else if symbols == 0 {
            TokenKind::Word
        } else if lowercase
            && symbols <= 2
            && word.chars().all(|c| c.is_alphabetic() || is_ocr_symbol(c))
        {
            TokenKind::Ocr
        } else {
            TokenKind::Code
        };
        out.push(Token {
            span: Span::new(chunk.start + a, chunk.start + b),
            text: word,
            kind,
            chunk,
            suspended: next == Some('-') && i + 1 == chars.len(),
            joined_by_hyphen: has_inner_hyphen
                && (next == Some('-') && after_next.is_some_and(is_token_char)
                    || prev == Some('-') && start >= 2 && is_token_char(chars[start - 2].1)),
            ends_sentence: matches!(next, Some('.' | '!' | '?' | ':' | ';')),
            all_caps: letters >= 2 && !lowercase,
        });
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(text: &str) -> Vec<(&str, TokenKind)> {
        tokens(text).into_iter().map(|t| (t.text, t.kind)).collect()
    }

    #[test]
    fn sorts_words_ocr_traces_and_what_must_not_change() {
        use TokenKind::*;
        assert_eq!(
            kinds("6kad f& |an 1 2024 25RS268 t.ex. info@regionorebrolan.se"),
            [
                ("6kad", Ocr),
                ("f&", Ocr),
                ("|an", Ocr),
                ("1", Number),
                ("2024", Number),
                ("25RS268", Code),
                ("t", Protected),
                ("ex", Protected),
                ("info@regionorebrolan.se", Protected),
            ]
        );
        assert_eq!(kinds("| samverkan"), [("|", Pipe), ("samverkan", Word)]);
        // A web address without its scheme keeps its path; a unit after a slash is still a word.
        assert_eq!(
            kinds("(github.com/region-orebro/vardplan) kr/ar"),
            [
                ("(github.com/region-orebro/vardplan)", Protected),
                ("kr", Word),
                ("ar", Word),
            ]
        );
    }

    #[test]
    fn marks_suspended_and_hyphenated_compounds() {
        let t = tokens("Hälso- och sjukvård, ALF-utvärderingen.");
        assert!(t[0].suspended && !t[0].joined_by_hyphen);
        assert!(!t[1].suspended);
        assert!(t[3].joined_by_hyphen && t[3].all_caps);
        assert!(t[4].joined_by_hyphen && t[4].ends_sentence);
        assert_eq!(t[4].span, Span::new(27, 41));
    }
}
