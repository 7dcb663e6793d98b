//! Content-stream lexer: operands and operators, with damage reported (not silently dropped).

/// One operand of a content-stream operator.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Operand<'a> {
    /// Integer or real.
    Num(f64),
    /// Name without the slash.
    Name(&'a [u8]),
    /// Decoded string bytes.
    Str(Vec<u8>),
    /// Array.
    Array(Vec<Operand<'a>>),
    /// Inline dictionary (marked content properties, inline image parameters).
    Dict(Vec<(&'a [u8], Operand<'a>)>),
    /// true/false/null and anything else that is not an operator.
    Other,
}

impl Operand<'_> {
    pub fn num(&self) -> Option<f64> {
        match self {
            Operand::Num(v) => Some(*v),
            _ => None,
        }
    }
}

/// The lexer over one content stream.
pub(crate) struct Lexer<'a> {
    data: &'a [u8],
    pos: usize,
    /// Damage found: (byte offset, cause). Only the first few are kept.
    pub errors: Vec<(usize, &'static str)>,
    /// Number of damage events (all of them).
    pub n_errors: usize,
}

const MAX_NEST: usize = 32;
const MAX_OPERANDS: usize = 4096;

fn is_ws(c: u8) -> bool {
    matches!(c, b' ' | b'\t' | b'\r' | b'\n' | 0x0c | 0)
}

fn is_delim(c: u8) -> bool {
    matches!(
        c,
        b'(' | b')' | b'<' | b'>' | b'[' | b']' | b'{' | b'}' | b'/' | b'%'
    )
}

fn hexval(c: u8) -> Option<u8> {
    match c {
        b'0'..=b'9' => Some(c - b'0'),
        b'a'..=b'f' => Some(c - b'a' + 10),
        b'A'..=b'F' => Some(c - b'A' + 10),
        _ => None,
    }
}

enum Tok<'a> {
    Operand(Operand<'a>),
    Op(&'a [u8]),
    ArrayEnd,
    DictEnd,
}

impl<'a> Lexer<'a> {
    pub fn new(data: &'a [u8]) -> Self {
        Lexer {
            data,
            pos: 0,
            errors: Vec::new(),
            n_errors: 0,
        }
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.data.get(i).copied()
    }

    fn damage(&mut self, cause: &'static str) {
        self.n_errors += 1;
        if self.errors.len() < 4 {
            self.errors.push((self.pos, cause));
        }
    }

    fn skip_ws(&mut self) {
        while let Some(c) = self.at(self.pos) {
            if is_ws(c) {
                self.pos += 1;
            } else if c == b'%' {
                while let Some(c) = self.at(self.pos) {
                    if c == b'\n' || c == b'\r' {
                        break;
                    }
                    self.pos += 1;
                }
            } else {
                break;
            }
        }
    }

    fn regular(&mut self) -> &'a [u8] {
        let st = self.pos;
        while let Some(c) = self.at(self.pos) {
            if is_ws(c) || is_delim(c) {
                break;
            }
            self.pos += 1;
        }
        self.data.get(st..self.pos).unwrap_or(&[])
    }

    fn literal_string(&mut self) -> Vec<u8> {
        // at '('
        self.pos += 1;
        let mut out = Vec::new();
        let mut depth = 1u32;
        loop {
            let Some(c) = self.at(self.pos) else {
                self.damage("unterminated string");
                return out;
            };
            self.pos += 1;
            match c {
                b'(' => {
                    depth += 1;
                    out.push(c);
                }
                b')' => {
                    depth -= 1;
                    if depth == 0 {
                        return out;
                    }
                    out.push(c);
                }
                b'\\' => {
                    let Some(e) = self.at(self.pos) else {
                        continue;
                    };
                    self.pos += 1;
                    match e {
                        b'n' => out.push(b'\n'),
                        b'r' => out.push(b'\r'),
                        b't' => out.push(b'\t'),
                        b'b' => out.push(8),
                        b'f' => out.push(12),
                        b'\r' => {
                            if self.at(self.pos) == Some(b'\n') {
                                self.pos += 1;
                            }
                        }
                        b'\n' => {}
                        b'0'..=b'7' => {
                            let mut v = u32::from(e - b'0');
                            for _ in 0..2 {
                                match self.at(self.pos) {
                                    Some(d @ b'0'..=b'7') => {
                                        v = v * 8 + u32::from(d - b'0');
                                        self.pos += 1;
                                    }
                                    _ => break,
                                }
                            }
                            out.push((v & 0xff) as u8);
                        }
                        other => out.push(other),
                    }
                }
                _ => out.push(c),
            }
        }
    }

    fn hex_string(&mut self) -> Vec<u8> {
        // at '<'
        self.pos += 1;
        let mut out = Vec::new();
        let mut hi: Option<u8> = None;
        loop {
            let Some(c) = self.at(self.pos) else {
                self.damage("unterminated hex string");
                break;
            };
            self.pos += 1;
            if c == b'>' {
                break;
            }
            if let Some(v) = hexval(c) {
                match hi.take() {
                    Some(h) => out.push(h << 4 | v),
                    None => hi = Some(v),
                }
            } else if !is_ws(c) {
                self.damage("bad hex string");
                break;
            }
        }
        if let Some(h) = hi {
            out.push(h << 4);
        }
        out
    }

    fn number(word: &[u8]) -> Option<f64> {
        if word.is_empty() {
            return None;
        }
        let first = word[0];
        if !(first.is_ascii_digit() || matches!(first, b'+' | b'-' | b'.')) {
            return None;
        }
        // Fast path for plain numbers; tolerate "--5" and "5-" forms loosely.
        let s = std::str::from_utf8(word).ok()?;
        if let Ok(v) = s.parse::<f64>() {
            return v.is_finite().then_some(v);
        }
        let t = s
            .trim_start_matches(['-', '+'])
            .trim_end_matches(['-', '+']);
        let neg = s.starts_with('-');
        t.parse::<f64>()
            .ok()
            .filter(|v| v.is_finite())
            .map(|v| if neg { -v } else { v })
    }

    fn token(&mut self, depth: usize) -> Option<Tok<'a>> {
        loop {
            self.skip_ws();
            let c = self.at(self.pos)?;
            match c {
                b'(' => return Some(Tok::Operand(Operand::Str(self.literal_string()))),
                b'<' | b'[' if depth >= MAX_NEST => {
                    // Refuse to nest deeper (a hostile `[[[[…` would exhaust the stack).
                    self.damage("arrays or dictionaries nested too deep");
                    self.pos += 1;
                    continue;
                }
                b'<' if self.at(self.pos + 1) == Some(b'<') => {
                    self.pos += 2;
                    return Some(Tok::Operand(self.dict(depth + 1)));
                }
                b'<' => return Some(Tok::Operand(Operand::Str(self.hex_string()))),
                b'>' if self.at(self.pos + 1) == Some(b'>') => {
                    self.pos += 2;
                    return Some(Tok::DictEnd);
                }
                b'[' => {
                    self.pos += 1;
                    return Some(Tok::Operand(self.array(depth + 1)));
                }
                b']' => {
                    self.pos += 1;
                    return Some(Tok::ArrayEnd);
                }
                b'/' => {
                    self.pos += 1;
                    let name = self.regular();
                    return Some(Tok::Operand(Operand::Name(name)));
                }
                b')' | b'>' | b'{' | b'}' => {
                    self.damage("unexpected delimiter");
                    self.pos += 1;
                    continue;
                }
                _ => {
                    let word = self.regular();
                    if word.is_empty() {
                        self.pos += 1;
                        continue;
                    }
                    if let Some(v) = Self::number(word) {
                        return Some(Tok::Operand(Operand::Num(v)));
                    }
                    return Some(match word {
                        b"true" | b"false" | b"null" => Tok::Operand(Operand::Other),
                        _ => Tok::Op(word),
                    });
                }
            }
        }
    }

    fn array(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        if depth > MAX_NEST {
            self.damage("arrays nested too deep");
        }
        loop {
            match self.token(depth) {
                None => {
                    self.damage("unterminated array");
                    break;
                }
                Some(Tok::ArrayEnd) => break,
                Some(Tok::Operand(o)) => {
                    if items.len() < MAX_OPERANDS && depth <= MAX_NEST {
                        items.push(o);
                    }
                }
                Some(Tok::Op(_)) => {
                    // An operator inside an array: the stream is damaged.
                    self.damage("operator inside array");
                }
                Some(Tok::DictEnd) => self.damage("unexpected >>"),
            }
        }
        Operand::Array(items)
    }

    fn dict(&mut self, depth: usize) -> Operand<'a> {
        let mut items = Vec::new();
        let mut key: Option<&'a [u8]> = None;
        loop {
            match self.token(depth) {
                None => {
                    self.damage("unterminated dictionary");
                    break;
                }
                Some(Tok::DictEnd) => break,
                Some(Tok::Operand(Operand::Name(n))) if key.is_none() => key = Some(n),
                Some(Tok::Operand(o)) => {
                    if let Some(k) = key.take()
                        && items.len() < MAX_OPERANDS
                        && depth <= MAX_NEST
                    {
                        items.push((k, o));
                    }
                }
                Some(Tok::Op(_)) | Some(Tok::ArrayEnd) => self.damage("bad dictionary"),
            }
        }
        Operand::Dict(items)
    }

    /// Skip inline image data after `ID` up to `EI`.
    fn skip_inline_image(&mut self) {
        // One white-space byte follows ID.
        self.pos += 1;
        let d = self.data;
        let mut i = self.pos;
        while i + 1 < d.len() {
            if d.get(i) == Some(&b'E')
                && d.get(i + 1) == Some(&b'I')
                && (i == 0 || d.get(i - 1).is_some_and(|c| is_ws(*c)))
                && d.get(i + 2).is_none_or(|c| is_ws(*c) || is_delim(*c))
            {
                self.pos = i + 2;
                return;
            }
            i += 1;
        }
        self.damage("inline image without EI");
        self.pos = d.len();
    }

    /// Next operator with its operands (`args` is cleared and refilled). `None` at the end.
    pub fn next_op(&mut self, args: &mut Vec<Operand<'a>>) -> Option<&'a [u8]> {
        args.clear();
        loop {
            match self.token(0) {
                None => {
                    if !args.is_empty() {
                        self.damage("operands without operator at end of stream");
                    }
                    return None;
                }
                Some(Tok::Operand(o)) => {
                    if args.len() < MAX_OPERANDS {
                        args.push(o);
                    }
                }
                Some(Tok::Op(op)) => {
                    if op == b"BI" {
                        // Inline image: parameters up to ID, then binary data up to EI.
                        loop {
                            match self.token(1) {
                                None => {
                                    self.damage("unterminated inline image");
                                    return Some(op);
                                }
                                Some(Tok::Op(b"ID")) => {
                                    self.skip_inline_image();
                                    return Some(op);
                                }
                                _ => {}
                            }
                        }
                    }
                    return Some(op);
                }
                Some(Tok::ArrayEnd) => self.damage("unexpected ]"),
                Some(Tok::DictEnd) => self.damage("unexpected >>"),
            }
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn lexes_ops() {
        let src = b"BT /F1 12 Tf [(A\\(b) -20 <3042>] TJ ET BI /W 1 ID \x00\xff EI Q";
        let mut lx = Lexer::new(src);
        let mut args = Vec::new();
        let mut ops = Vec::new();
        while let Some(op) = lx.next_op(&mut args) {
            ops.push((op.to_vec(), args.len()));
            if op == b"TJ" {
                assert_eq!(
                    args[0],
                    Operand::Array(vec![
                        Operand::Str(b"A(b".to_vec()),
                        Operand::Num(-20.0),
                        Operand::Str(vec![0x30, 0x42])
                    ])
                );
            }
        }
        let names: Vec<&[u8]> = ops.iter().map(|(o, _)| o.as_slice()).collect();
        assert_eq!(names, vec![&b"BT"[..], b"Tf", b"TJ", b"ET", b"BI", b"Q"]);
        assert_eq!(lx.n_errors, 0);
    }

    #[test]
    fn reports_damage() {
        let mut lx = Lexer::new(b"BT (abc");
        let mut args = Vec::new();
        while lx.next_op(&mut args).is_some() {}
        assert!(lx.n_errors > 0);
    }
}
