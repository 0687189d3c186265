//! Small pieces of HTML: escaping (every text that comes from a document passes through [`esc`]) and
//! the page frame with its inline style, so a page needs no other file, no script and no network.

use std::fmt::Write;

/// Text escaped for HTML content and attribute values.
pub fn esc(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
    out
}

/// An optional value, escaped, or an em dash for none.
pub fn or_dash(value: Option<&str>) -> String {
    value.map_or_else(|| "—".to_string(), esc)
}

const STYLE: &str = "
body{font-family:system-ui,sans-serif;margin:1.5em;line-height:1.4;color:#111}
table{border-collapse:collapse;margin:.5em 0}
th,td{border:1px solid #bbb;padding:.2em .45em;vertical-align:top;text-align:left}
th{background:#eee}
mark.changed{background:#c8f0c8}
mark.flagged{background:#ffd27f}
mark.leftover{background:#ffb0b0}
del{color:#a00}
.warning{color:#a40}
.error{color:#c00;font-weight:bold}
.dim{color:#666}
nav a{margin-right:1em}
td.num{text-align:right}
";

/// A whole page: title, a line of navigation and the body.
pub fn page(title: &str, nav: &str, body: &str) -> String {
    let mut out = String::with_capacity(body.len() + 1024);
    let _ = write!(
        out,
        "<!DOCTYPE html>\n<html lang=\"sv\">\n<head>\n<meta charset=\"utf-8\">\n\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\n\
         <title>{}</title>\n<style>{STYLE}</style>\n</head>\n<body>\n<nav>{nav}</nav>\n{body}\n</body>\n</html>\n",
        esc(title)
    );
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markup_in_text_is_escaped() {
        assert_eq!(
            esc("<script>alert('x') & \"y\"</script>"),
            "&lt;script&gt;alert(&#39;x&#39;) &amp; &quot;y&quot;&lt;/script&gt;"
        );
        assert_eq!(or_dash(None), "—");
    }
}
