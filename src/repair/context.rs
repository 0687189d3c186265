//! What a word's neighbours are, as the context rules read them: the folded words before and after it in
//! the same sentence (a number as "0", a year as "0000", a reference number as "§"), whether it ends or
//! opens a statement, follows a slash or "per … och".

use super::tokens::{self, Token, TokenKind};
use crate::text::fold;

/// Whether `b` follows `a` in the same sentence with only spaces between them and at most `line_breaks`
/// line breaks (a blank line sets a heading apart).
pub(crate) fn runs_on(text: &str, a: &Token, b: &Token, line_breaks: usize) -> bool {
    !a.ends_sentence
        && text.get(a.span.end..b.span.start).is_some_and(|gap| {
            !gap.is_empty()
                && gap.chars().all(|c| c == ' ' || c == '\n')
                && gap.matches('\n').count() <= line_breaks
        })
}

/// Folded keys of the neighbouring words, when they are in the same sentence ("0" stands for a number,
/// "0000" for a year).
pub(crate) struct Context {
    pub(crate) prev: Option<String>,
    pub(crate) next: Option<String>,
    /// The word is followed by `.`, `!`, `?`, `:` or `;`.
    pub(crate) ends_sentence: bool,
    /// The word starts a sentence that is not a question.
    pub(crate) opens_statement: bool,
    /// The word follows another across a slash ("snitt/mån", "kr/ mån", "kr/m²/år").
    pub(crate) after_slash: bool,
    /// The word follows "per" and a noun coordinated with "och": "per person och år".
    pub(crate) per_and: bool,
}

/// How far (characters) a sentence is followed to see whether it is a question.
pub(crate) const SENTENCE_REACH: usize = 400;

pub(crate) fn neighbour_key(t: &Token) -> Option<String> {
    match t.kind {
        TokenKind::Word | TokenKind::Ocr => Some(fold(t.text)),
        TokenKind::Number => Some(tokens::number_key(t.text).to_string()),
        _ => None,
    }
}

/// Words (folded) after which a number refers to a place in a text or a rule, not a count:
/// "avsnitt 5 är", "p. 21 är", "kap. 4 är".
pub(crate) const REFERENCE_WORDS: &[&str] = &[
    "avsnitt", "kap", "kapitel", "p", "punkt", "bilaga", "nr", "sid", "sidan", "paragraf",
    "artikel", "tabell", "figur", "bild", "steg", "fas",
];

/// Whether a number refers rather than counts: after "§" or a number and a colon ("§ 6", "AFS 1999:3",
/// not "garanti: 10 år"), after a code in capitals ("AB 04", "ABS 18") or a word that names a place in
/// a text ("avsnitt 5"). Such a number says nothing of a following "år".
pub(crate) fn is_reference(text: &str, before: Option<&Token>, number: &Token) -> bool {
    let head = text.get(..number.span.start).unwrap_or("");
    head.trim_end().ends_with('§')
        || head.ends_with(':') && head.chars().nth_back(1).is_some_and(|c| c.is_ascii_digit())
        || before.is_some_and(|b| {
            text.get(b.span.end..number.span.start)
                .is_some_and(|gap| gap.chars().all(|c| c.is_whitespace() || c == '.'))
                && (b.all_caps || REFERENCE_WORDS.contains(&fold(b.text).as_str()))
        })
}

/// The context of `t`, whose text is preceded by the tokens `before`.
pub(crate) fn context(text: &str, before: &[Token], t: &Token, next: Option<&Token>) -> Context {
    let close = |a: &Token, b: &Token| {
        !a.ends_sentence
            && text.get(a.span.end..b.span.start).is_some_and(|gap| {
                gap.chars()
                    .all(|c| c.is_whitespace() || c == ',' || c == '-')
            })
    };
    let back = |n: usize| before.len().checked_sub(n).and_then(|i| before.get(i));
    let (prev, second, third) = (back(1), back(2), back(3));
    let prev_key = prev.filter(|p| close(p, t)).and_then(|p| {
        if p.kind == TokenKind::Number && is_reference(text, second, p) {
            Some("§".to_string())
        } else {
            neighbour_key(p)
        }
    });
    let per_and = prev_key.as_deref() == Some("och")
        && matches!((prev, second, third), (Some(p), Some(s), Some(th))
            if close(s, p) && close(th, s) && fold(th.text) == "per");
    Context {
        per_and,
        prev: prev_key,
        next: next.filter(|n| close(t, n)).and_then(neighbour_key),
        ends_sentence: t.ends_sentence,
        after_slash: prev.is_some_and(|p| {
            text.get(p.span.end..t.span.start)
                .is_some_and(|gap| gap.trim().ends_with('/'))
        }),
        opens_statement: t.text.chars().next().is_some_and(char::is_uppercase)
            && prev.is_none_or(|p| p.ends_sentence)
            // A sentence is looked at for a few hundred characters at most, so that a text without
            // full stops cannot make every word scan to its end.
            && text.get(t.span.end..).is_none_or(|rest| {
                rest.chars()
                    .take(SENTENCE_REACH)
                    .find(|c| matches!(c, '.' | '!' | '?'))
                    != Some('?')
            }),
    }
}
