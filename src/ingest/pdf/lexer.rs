//! A content-stream lexer that hands each operator with its operands to a callback, borrowing from the
//! stream instead of building an object tree: text extraction only needs numbers, names, strings and
//! arrays, and this is the hottest loop of PDF ingestion.

/// An operand of a content-stream operator.
#[derive(Clone, Debug, PartialEq)]
pub enum Operand<'a> {
    Num(f32),
    Name(&'a [u8]),
    Str(Vec<u8>),
    Array(Vec<Operand<'a>>),
    /// Booleans, null, dictionaries: not needed here.
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f32> {
        match self {
            Operand::Num(n) => Some(*n),
            _ => None,
        }
    }
}

fn is_white(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\r' | b'\x0c' | b'\0')
}

fn is_delim(b: u8) -> bool {
    matches!(
        b,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
}

impl<'a> Lexer<'a> {
    fn skip_white(&mut self) {
        while let Some(&b) = self.data.get(self.pos) {
            if is_white(b) {
                self.pos += 1;
            } else if b == b'%' {
                while self
                    .data
                    .get(self.pos)
                    .is_some_and(|&c| c != b'\n' && c != b'\r')
                {
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn word(&mut self) -> &'a [u8] {
        let start = self.pos;
        while self
            .data
            .get(self.pos)
            .is_some_and(|&b| !is_white(b) && !is_delim(b))
        {
            self.pos += 1;
        }
        &self.data[start..self.pos]
    }

    fn literal(&mut self) -> Vec<u8> {
        let mut out = Vec::new();
        let mut depth = 1;
        self.pos += 1;
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            match b {
                b'(' => {
                    depth += 1;
                    out.push(b);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        break;
                    }
                    out.push(b);
                }
                b'\\' => {
                    let Some(&e) = self.data.get(self.pos) else {
                        break;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.data.get(self.pos) {
                                    Some(&d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push(v as u8);
                        }
                        b'\r' => {
                            if self.data.get(self.pos) == Some(&b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        other => out.push(other),
                    }
                }
                _ => out.push(b),
            }
        }
        out
    }

    fn hex(&mut self) -> Vec<u8> {
        self.pos += 1;
        let mut digits = Vec::new();
        while let Some(&b) = self.data.get(self.pos) {
            self.pos += 1;
            if b == b'>' {
                break;
            }
            if let Some(d) = (b as char).to_digit(16) {
                digits.push(d as u8);
            }
        }
        digits
            .chunks(2)
            .map(|p| (p[0] << 4) | p.get(1).copied().unwrap_or(0))
            .collect()
    }

    /// Skips a `<< … >>` dictionary (marked-content properties), strings inside included.
    fn skip_dict(&mut self) {
        let mut depth = 0;
        while self.pos < self.data.len() {
            if self.data[self.pos..].starts_with(b"<<") {
                depth += 1;
                self.pos += 2;
            } else if self.data[self.pos..].starts_with(b">>") {
                depth -= 1;
                self.pos += 2;
                if depth == 0 {
                    return;
                }
            } else if self.data[self.pos] == b'(' {
                self.literal();
            } else {
                self.pos += 1;
            }
        }
    }

    /// One operand, or the operator word when the next token is not an operand.
    fn token(&mut self, depth: u32) -> Option<Result<Operand<'a>, &'a [u8]>> {
        self.skip_white();
        let &b = self.data.get(self.pos)?;
        Some(match b {
            b'/' => {
                self.pos += 1;
                Ok(Operand::Name(self.word()))
            }
            b'(' => Ok(Operand::Str(self.literal())),
            b'<' if self.data.get(self.pos + 1) == Some(&b'<') => {
                self.skip_dict();
                Ok(Operand::Other)
            }
            b'<' => Ok(Operand::Str(self.hex())),
            b'[' => {
                self.pos += 1;
                let mut items = Vec::new();
                loop {
                    self.skip_white();
                    match self.data.get(self.pos) {
                        None => break,
                        Some(b']') => {
                            self.pos += 1;
                            break;
                        }
                        _ => {}
                    }
                    match self.token(depth + 1) {
                        Some(Ok(item)) if depth < 8 => items.push(item),
                        Some(_) => {}
                        None => break,
                    }
                }
                Ok(Operand::Array(items))
            }
            b'+' | b'-' | b'.' | b'0'..=b'9' => {
                let w = self.word();
                let w = if w.is_empty() {
                    self.pos += 1;
                    &self.data[self.pos - 1..self.pos]
                } else {
                    w
                };
                Ok(std::str::from_utf8(w)
                    .ok()
                    .and_then(|s| s.parse::<f32>().ok())
                    .map_or(Operand::Other, Operand::Num))
            }
            b')' | b']' | b'>' | b'{' | b'}' => {
                self.pos += 1;
                Ok(Operand::Other)
            }
            _ => {
                let w = self.word();
                if w.is_empty() {
                    self.pos += 1;
                    return Some(Ok(Operand::Other));
                }
                match w {
                    b"true" | b"false" | b"null" => Ok(Operand::Other),
                    op => Err(op),
                }
            }
        })
    }

    /// Skips inline image data after `ID` up to the `EI` that ends it.
    fn skip_inline_image(&mut self) {
        while self.pos + 2 < self.data.len() {
            let w = &self.data[self.pos..];
            if is_white(w[0]) && w[1..].starts_with(b"EI") && w.get(3).is_none_or(|&c| is_white(c))
            {
                self.pos += 3;
                return;
            }
            self.pos += 1;
        }
        self.pos = self.data.len();
    }
}

/// Calls `f` with each operator and its operands, in order.
pub fn for_each_op<'a>(data: &'a [u8], mut f: impl FnMut(&'a [u8], &[Operand<'a>])) {
    let mut lx = Lexer { data, pos: 0 };
    let mut operands: Vec<Operand<'a>> = Vec::new();
    while let Some(tok) = lx.token(0) {
        match tok {
            Ok(operand) => {
                if operands.len() < 64 {
                    operands.push(operand);
                }
            }
            Err(b"ID") => {
                lx.skip_inline_image();
                operands.clear();
            }
            Err(op) => {
                f(op, &operands);
                operands.clear();
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn operators_strings_arrays_and_inline_images() {
        let data = b"BT /F1 12 Tf 1 0 0 1 72.5 -7 Tm [(Nr \\(1\\)) -250 <00410042>] TJ ET \
            /Span <</ActualText (x)>> BDC EMC BI /W 1 /H 1 ID \x00\xff\x45\x49 EI Q";
        let mut ops = Vec::new();
        for_each_op(data, |op, args| ops.push((op.to_vec(), args.to_vec())));
        let names: Vec<&[u8]> = ops.iter().map(|(o, _)| o.as_slice()).collect();
        assert_eq!(
            names,
            [
                b"BT".as_slice(),
                b"Tf",
                b"Tm",
                b"TJ",
                b"ET",
                b"BDC",
                b"EMC",
                b"BI",
                b"Q"
            ]
        );
        assert_eq!(ops[1].1, [Operand::Name(b"F1"), Operand::Num(12.0)]);
        assert_eq!(ops[2].1[5], Operand::Num(-7.0));
        assert_eq!(
            ops[3].1,
            [Operand::Array(vec![
                Operand::Str(b"Nr (1)".to_vec()),
                Operand::Num(-250.0),
                Operand::Str(vec![0, 0x41, 0, 0x42]),
            ])]
        );
    }
}
