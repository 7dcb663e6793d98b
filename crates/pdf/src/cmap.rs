//! CMaps: our own parser for ToUnicode and embedded encoding CMaps, and the predefined
//! Japanese CMaps compiled into the binary.

use std::collections::BTreeMap;

/// One code space range: codes of `len` bytes between `lo` and `hi` byte by byte.
#[derive(Debug, Clone)]
pub(crate) struct CodeSpace {
    pub len: u8,
    pub lo: [u8; 4],
    pub hi: [u8; 4],
}

impl CodeSpace {
    fn matches(&self, bytes: &[u8]) -> bool {
        let n = usize::from(self.len);
        if bytes.len() < n {
            return false;
        }
        (0..n).all(|i| {
            let b = bytes.get(i).copied().unwrap_or(0);
            let lo = self.lo.get(i).copied().unwrap_or(0);
            let hi = self.hi.get(i).copied().unwrap_or(0xff);
            b >= lo && b <= hi
        })
    }
}

/// Split a byte string into codes following code space ranges (longest match wins is not
/// needed: ranges of different lengths are disjoint by their first byte in valid CMaps; we
/// try shortest first, which is what PDF readers do for e.g. Shift_JIS one-byte ranges).
pub(crate) fn split_codes(spaces: &[CodeSpace], default_len: u8, bytes: &[u8]) -> Vec<(u32, u8)> {
    let mut out = Vec::with_capacity(bytes.len());
    let mut i = 0;
    while i < bytes.len() {
        let rest = bytes.get(i..).unwrap_or(&[]);
        let mut len = 0u8;
        // `spaces` is sorted shortest first by `parse`.
        for s in spaces {
            if s.matches(rest) {
                len = s.len;
                break;
            }
        }
        if len == 0 {
            // No range matches: take as many bytes as the shortest range whose first byte
            // fits, else the default length (the PDF spec's fallback).
            len = spaces
                .iter()
                .filter(|s| rest.first().is_some_and(|b| *b >= s.lo[0] && *b <= s.hi[0]))
                .map(|s| s.len)
                .min()
                .unwrap_or(default_len)
                .max(1);
        }
        let n = usize::from(len).min(rest.len());
        let mut code = 0u32;
        for b in rest.iter().take(n) {
            code = (code << 8) | u32::from(*b);
        }
        out.push((code, len));
        i += n.max(1);
    }
    out
}

/// A parsed CMap: code space, code → Unicode (ToUnicode) and code → CID (encoding CMap).
#[derive(Debug, Clone, Default)]
pub(crate) struct CMap {
    pub spaces: Vec<CodeSpace>,
    /// (len, code) → Unicode text.
    pub uni_chars: BTreeMap<(u8, u32), String>,
    /// Ranges (len, lo, hi) → first Unicode text (last UTF-16 unit incremented).
    pub uni_ranges: Vec<(u8, u32, u32, Vec<u16>)>,
    /// (len, code) → CID.
    pub cid_chars: BTreeMap<(u8, u32), u32>,
    /// Ranges (len, lo, hi, first CID).
    pub cid_ranges: Vec<(u8, u32, u32, u32)>,
    /// Writing mode (1 = vertical).
    pub wmode: u8,
    /// Name given by `usecmap`, resolved by the caller.
    pub usecmap: Option<String>,
}

impl CMap {
    /// Unicode text of a code (ToUnicode use).
    pub fn unicode(&self, code: u32, len: u8) -> Option<String> {
        if let Some(s) = self.uni_chars.get(&(len, code)) {
            return Some(s.clone());
        }
        // Later ranges win, like later definitions in the file.
        // Ranges are sorted by (len, lo); look at the last few starting at or before `code`
        // (later definitions of overlapping ranges are rare and kept in file order there).
        let end = self
            .uni_ranges
            .partition_point(|r| (r.0, r.1) <= (len, code));
        for (l, lo, hi, first) in self
            .uni_ranges
            .get(window(self.uni_ranges.len(), end)..end)
            .unwrap_or(&[])
            .iter()
            .rev()
        {
            if *l == len && code >= *lo && code <= *hi {
                let mut units = first.clone();
                let off = code - lo;
                if let Some(last) = units.last_mut() {
                    let v = u32::from(*last).saturating_add(off);
                    if v > 0xffff {
                        // Overflowing ranges (cidfont_cmap_overflow.pdf): carry into a
                        // supplementary code point when the base is a BMP value.
                        let base = char::decode_utf16(first.iter().copied())
                            .next()
                            .and_then(Result::ok)
                            .map(u32::from)?;
                        let cp = base.checked_add(off)?;
                        return char::from_u32(cp).map(String::from);
                    }
                    *last = v as u16;
                }
                return Some(decode_utf16(&units));
            }
        }
        None
    }

    /// CID of a code (encoding CMap use).
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        if let Some(c) = self.cid_chars.get(&(len, code)) {
            return Some(*c);
        }
        let end = self
            .cid_ranges
            .partition_point(|r| (r.0, r.1) <= (len, code));
        for (l, lo, hi, first) in self
            .cid_ranges
            .get(window(self.cid_ranges.len(), end)..end)
            .unwrap_or(&[])
            .iter()
            .rev()
        {
            if *l == len && code >= *lo && code <= *hi {
                return first.checked_add(code - lo);
            }
        }
        None
    }

    /// True when the CMap holds no mapping at all.
    pub fn is_empty(&self) -> bool {
        self.uni_chars.is_empty()
            && self.uni_ranges.is_empty()
            && self.cid_chars.is_empty()
            && self.cid_ranges.is_empty()
    }
}

/// First range index to examine: every range that starts before the code for ordinary
/// maps (up to 1024 ranges, so an early wide range still counts), only the last 8 for huge
/// ones (bounds the work a hostile map can cause).
fn window(n: usize, end: usize) -> usize {
    if n <= 1024 { 0 } else { end.saturating_sub(8) }
}

fn decode_utf16(units: &[u16]) -> String {
    char::decode_utf16(units.iter().copied())
        .map(|r| r.unwrap_or('\u{fffd}'))
        .collect()
}

#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Hex(Vec<u8>),
    Int(i64),
    Name(String),
    Word(String),
    Str(Vec<u8>),
    ArrOpen,
    ArrClose,
}

fn tokenize(data: &[u8]) -> Vec<Tok> {
    let mut out = Vec::new();
    let mut i = 0;
    let n = data.len();
    let at = |i: usize| data.get(i).copied().unwrap_or(0);
    while i < n {
        let c = at(i);
        match c {
            b'%' => {
                while i < n && at(i) != b'\n' && at(i) != b'\r' {
                    i += 1;
                }
            }
            b'<' if at(i + 1) == b'<' => i += 2,
            b'>' if at(i + 1) == b'>' => i += 2,
            b'<' => {
                i += 1;
                let mut hex = Vec::new();
                while i < n && at(i) != b'>' {
                    if at(i).is_ascii_hexdigit() {
                        hex.push(at(i));
                    }
                    i += 1;
                }
                i += 1;
                if hex.len() % 2 == 1 {
                    hex.push(b'0');
                }
                let bytes = hex
                    .chunks(2)
                    .map(|p| {
                        let s = std::str::from_utf8(p).unwrap_or("00");
                        u8::from_str_radix(s, 16).unwrap_or(0)
                    })
                    .collect();
                out.push(Tok::Hex(bytes));
            }
            b'[' => {
                out.push(Tok::ArrOpen);
                i += 1;
            }
            b']' => {
                out.push(Tok::ArrClose);
                i += 1;
            }
            b'(' => {
                i += 1;
                let mut depth = 1;
                let mut s = Vec::new();
                while i < n {
                    let ch = at(i);
                    if ch == b'\\' {
                        s.push(at(i + 1));
                        i += 2;
                        continue;
                    }
                    if ch == b'(' {
                        depth += 1;
                    } else if ch == b')' {
                        depth -= 1;
                        if depth == 0 {
                            i += 1;
                            break;
                        }
                    }
                    s.push(ch);
                    i += 1;
                }
                out.push(Tok::Str(s));
            }
            b'/' => {
                i += 1;
                let st = i;
                while i < n && !is_delim(at(i)) {
                    i += 1;
                }
                out.push(Tok::Name(
                    String::from_utf8_lossy(data.get(st..i).unwrap_or(&[])).into_owned(),
                ));
            }
            c if c.is_ascii_whitespace() || c == 0 => i += 1,
            b'{' | b'}' | b')' | b'>' => i += 1,
            _ => {
                let st = i;
                while i < n && !is_delim(at(i)) {
                    i += 1;
                }
                if i == st {
                    i += 1;
                    continue;
                }
                let w = String::from_utf8_lossy(data.get(st..i).unwrap_or(&[])).into_owned();
                match w.parse::<i64>() {
                    Ok(v) => out.push(Tok::Int(v)),
                    Err(_) => out.push(Tok::Word(w)),
                }
            }
        }
    }
    out
}

fn is_delim(c: u8) -> bool {
    c.is_ascii_whitespace()
        || matches!(
            c,
            b'/' | b'[' | b']' | b'<' | b'>' | b'(' | b')' | b'{' | b'}' | b'%' | 0
        )
}

fn code_of(bytes: &[u8]) -> (u32, u8) {
    let mut v = 0u32;
    for b in bytes.iter().take(4) {
        v = (v << 8) | u32::from(*b);
    }
    (v, bytes.len().min(4) as u8)
}

fn units_of(bytes: &[u8]) -> Vec<u16> {
    if bytes.len() == 1 {
        return vec![u16::from(bytes[0])];
    }
    bytes
        .chunks(2)
        .map(|p| {
            let hi = u16::from(p.first().copied().unwrap_or(0));
            let lo = u16::from(p.get(1).copied().unwrap_or(0));
            (hi << 8) | lo
        })
        .collect()
}

/// Parse a CMap stream (ToUnicode or encoding CMap). Never fails: what cannot be read is
/// skipped (`begincidrange` inside a ToUnicode map is read as code → code point).
pub(crate) fn parse(data: &[u8], max_entries: usize) -> CMap {
    let toks = tokenize(data);
    let mut cm = CMap::default();
    let mut i = 0;
    let mut entries = 0usize;
    let get = |i: usize| toks.get(i);
    while i < toks.len() {
        match get(i) {
            Some(Tok::Word(w)) if w == "begincodespacerange" => {
                i += 1;
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (get(i), get(i + 1)) {
                    let len = lo.len().clamp(1, 4) as u8;
                    let mut l = [0u8; 4];
                    let mut h = [0xffu8; 4];
                    for (k, b) in lo.iter().take(4).enumerate() {
                        l[k] = *b;
                    }
                    for (k, b) in hi.iter().take(4).enumerate() {
                        h[k] = *b;
                    }
                    if cm.spaces.len() < 256 {
                        cm.spaces.push(CodeSpace { len, lo: l, hi: h });
                    }
                    i += 2;
                }
            }
            Some(Tok::Word(w)) if w == "beginbfchar" => {
                i += 1;
                while let (Some(Tok::Hex(src)), Some(dst)) = (get(i), get(i + 1)) {
                    let (code, len) = code_of(src);
                    let text = match dst {
                        Tok::Hex(d) => decode_utf16(&units_of(d)),
                        Tok::Name(n) => crate::glyphs::name_to_unicode(n).unwrap_or_default(),
                        Tok::Int(v) => u32::try_from(*v)
                            .ok()
                            .and_then(char::from_u32)
                            .map(String::from)
                            .unwrap_or_default(),
                        _ => String::new(),
                    };
                    if entries < max_entries {
                        cm.uni_chars.insert((len, code), text);
                        entries += 1;
                    }
                    i += 2;
                }
            }
            Some(Tok::Word(w)) if w == "beginbfrange" => {
                i += 1;
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi))) = (get(i), get(i + 1)) {
                    let (lo, len) = code_of(lo);
                    let (hi, _) = code_of(hi);
                    match get(i + 2) {
                        Some(Tok::Hex(d)) => {
                            if entries < max_entries && hi >= lo {
                                cm.uni_ranges.push((len, lo, hi, units_of(d)));
                                entries += 1;
                            }
                            i += 3;
                        }
                        Some(Tok::ArrOpen) => {
                            i += 3;
                            let mut code = lo;
                            while let Some(Tok::Hex(d)) = get(i) {
                                if code <= hi && entries < max_entries {
                                    cm.uni_chars.insert((len, code), decode_utf16(&units_of(d)));
                                    entries += 1;
                                }
                                code = code.saturating_add(1);
                                i += 1;
                            }
                            if let Some(Tok::ArrClose) = get(i) {
                                i += 1;
                            }
                        }
                        _ => {
                            i += 2;
                            break;
                        }
                    }
                }
            }
            Some(Tok::Word(w)) if w == "begincidchar" => {
                i += 1;
                while let (Some(Tok::Hex(src)), Some(Tok::Int(cid))) = (get(i), get(i + 1)) {
                    let (code, len) = code_of(src);
                    if let Ok(cid) = u32::try_from(*cid)
                        && entries < max_entries
                    {
                        cm.cid_chars.insert((len, code), cid);
                        entries += 1;
                    }
                    i += 2;
                }
            }
            Some(Tok::Word(w)) if w == "begincidrange" => {
                i += 1;
                while let (Some(Tok::Hex(lo)), Some(Tok::Hex(hi)), Some(Tok::Int(cid))) =
                    (get(i), get(i + 1), get(i + 2))
                {
                    let (lo, len) = code_of(lo);
                    let (hi, _) = code_of(hi);
                    if let Ok(cid) = u32::try_from(*cid)
                        && hi >= lo
                        && entries < max_entries
                    {
                        cm.cid_ranges.push((len, lo, hi, cid));
                        entries += 1;
                    }
                    i += 3;
                }
            }
            Some(Tok::Name(n)) if n == "WMode" => {
                if let Some(Tok::Int(v)) = get(i + 1) {
                    cm.wmode = u8::from(*v == 1);
                }
                i += 2;
            }
            Some(Tok::Word(w)) if w == "usecmap" => {
                if let Some(Tok::Name(n)) = i.checked_sub(1).and_then(get) {
                    cm.usecmap = Some(n.clone());
                }
                i += 1;
            }
            _ => i += 1,
        }
    }
    cm.spaces.sort_by_key(|s| s.len);
    // Stable sorts keep file order among equal starts (a later definition wins).
    cm.uni_ranges.sort_by_key(|r| (r.0, r.1));
    cm.cid_ranges.sort_by_key(|r| (r.0, r.1));
    cm
}

impl CMap {
    /// A ToUnicode map that used `cidrange`/`cidchar` (invalid, seen in the wild): read its
    /// CID values as code points.
    pub fn cid_as_unicode(&self, code: u32, len: u8) -> Option<String> {
        self.cid(code, len)
            .and_then(char::from_u32)
            .map(String::from)
    }
}

/// A predefined Japanese CMap known by name.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Predefined {
    /// 90ms-RKSJ, 90msp-RKSJ, RKSJ: Shift_JIS bytes.
    ShiftJis(&'static [u8]),
    /// EUC-H/V: EUC-JP bytes.
    Euc(&'static [u8]),
    /// H/V: JIS X 0208 two-byte codes.
    Jis(&'static [u8]),
    /// UniJIS-UCS2-H/V: UCS-2 big-endian.
    Ucs2,
    /// UniJIS-UTF16-H/V: UTF-16 big-endian.
    Utf16,
    /// Identity-H/V: two-byte CIDs.
    Identity,
}

/// A predefined CMap: how to read it, and whether it is vertical.
#[derive(Debug, Clone, Copy)]
pub(crate) struct PredefinedCMap {
    pub kind: Predefined,
    pub vertical: bool,
}

static CMAP_90MS_H: &[u8] = include_bytes!("../data/cmap-90ms-RKSJ-H.bin");
static CMAP_90MS_V: &[u8] = include_bytes!("../data/cmap-90ms-RKSJ-V.bin");
static CMAP_90MSP_H: &[u8] = include_bytes!("../data/cmap-90msp-RKSJ-H.bin");
static CMAP_90MSP_V: &[u8] = include_bytes!("../data/cmap-90msp-RKSJ-V.bin");
static CMAP_RKSJ_H: &[u8] = include_bytes!("../data/cmap-RKSJ-H.bin");
static CMAP_RKSJ_V: &[u8] = include_bytes!("../data/cmap-RKSJ-V.bin");
static CMAP_EUC_H: &[u8] = include_bytes!("../data/cmap-EUC-H.bin");
static CMAP_EUC_V: &[u8] = include_bytes!("../data/cmap-EUC-V.bin");
static CMAP_H: &[u8] = include_bytes!("../data/cmap-H.bin");
static CMAP_V: &[u8] = include_bytes!("../data/cmap-V.bin");
static CMAP_UNI_H: &[u8] = include_bytes!("../data/cmap-UniJIS-UTF32-H.bin");
static CMAP_UNI_V: &[u8] = include_bytes!("../data/cmap-UniJIS-UTF32-V.bin");
static AJ1_CID2UCS: &[u8] = include_bytes!("../data/aj1-cid2ucs.bin");

/// Look up a predefined CMap by its PDF name.
pub(crate) fn predefined(name: &str) -> Option<PredefinedCMap> {
    let vertical = name == "V" || name.ends_with("-V");
    let kind = match name {
        "90ms-RKSJ-H" => Predefined::ShiftJis(CMAP_90MS_H),
        "90ms-RKSJ-V" => Predefined::ShiftJis(CMAP_90MS_V),
        "90msp-RKSJ-H" => Predefined::ShiftJis(CMAP_90MSP_H),
        "90msp-RKSJ-V" => Predefined::ShiftJis(CMAP_90MSP_V),
        "RKSJ-H" | "78-RKSJ-H" | "83pv-RKSJ-H" | "90pv-RKSJ-H" | "Add-RKSJ-H" | "Ext-RKSJ-H"
        | "78ms-RKSJ-H" => Predefined::ShiftJis(CMAP_RKSJ_H),
        "RKSJ-V" | "78-RKSJ-V" | "90pv-RKSJ-V" | "Add-RKSJ-V" | "Ext-RKSJ-V" | "78ms-RKSJ-V" => {
            Predefined::ShiftJis(CMAP_RKSJ_V)
        }
        "EUC-H" | "78-EUC-H" => Predefined::Euc(CMAP_EUC_H),
        "EUC-V" | "78-EUC-V" => Predefined::Euc(CMAP_EUC_V),
        "H" | "78-H" | "Add-H" | "Ext-H" | "NWP-H" => Predefined::Jis(CMAP_H),
        "V" | "78-V" | "Add-V" | "Ext-V" | "NWP-V" => Predefined::Jis(CMAP_V),
        "UniJIS-UCS2-H" | "UniJIS-UCS2-HW-H" | "UniJIS-UCS2-V" | "UniJIS-UCS2-HW-V" => {
            Predefined::Ucs2
        }
        "UniJIS-UTF16-H" | "UniJIS-UTF16-V" | "UniJIS2004-UTF16-H" | "UniJIS2004-UTF16-V" => {
            Predefined::Utf16
        }
        "Identity-H" | "Identity-V" => Predefined::Identity,
        _ => return None,
    };
    Some(PredefinedCMap { kind, vertical })
}

/// Look up `len << 24 | code` in a run table of `(first, last, cid)` triples.
fn run_lookup(table: &[u8], key: u32) -> Option<u32> {
    let n = table.len() / 12;
    let rec = |i: usize| -> Option<(u32, u32, u32)> {
        let b = table.get(i * 12..i * 12 + 12)?;
        let r = |o: usize| -> Option<u32> {
            Some(u32::from_le_bytes(b.get(o..o + 4)?.try_into().ok()?))
        };
        Some((r(0)?, r(4)?, r(8)?))
    };
    // Binary search for the last run whose first code <= key.
    let (mut lo, mut hi) = (0usize, n);
    while lo < hi {
        let mid = lo + (hi - lo) / 2;
        match rec(mid) {
            Some((first, _, _)) if first <= key => lo = mid + 1,
            _ => hi = mid,
        }
    }
    let (first, last, cid) = rec(lo.checked_sub(1)?)?;
    (key >= first && key <= last).then(|| cid.saturating_add(key - first))
}

impl PredefinedCMap {
    /// Code space of this CMap.
    pub fn split(&self, bytes: &[u8]) -> Vec<(u32, u8)> {
        let mut out = Vec::with_capacity(bytes.len());
        let mut i = 0;
        while i < bytes.len() {
            let b0 = bytes.get(i).copied().unwrap_or(0);
            let len: usize = match self.kind {
                Predefined::ShiftJis(_) => {
                    if (0x81..=0x9f).contains(&b0) || (0xe0..=0xfc).contains(&b0) {
                        2
                    } else {
                        1
                    }
                }
                Predefined::Euc(_) => {
                    if b0 == 0x8e || (0xa1..=0xfe).contains(&b0) {
                        2
                    } else {
                        1
                    }
                }
                Predefined::Jis(_) | Predefined::Ucs2 | Predefined::Identity => 2,
                Predefined::Utf16 => {
                    if (0xd8..=0xdb).contains(&b0) {
                        4
                    } else {
                        2
                    }
                }
            };
            let n = len.min(bytes.len() - i);
            let mut code = 0u32;
            for b in bytes.iter().skip(i).take(n) {
                code = (code << 8) | u32::from(*b);
            }
            out.push((code, n as u8));
            i += n.max(1);
        }
        out
    }

    /// The Unicode text of a code, decoded from the encoding itself (not via CIDs).
    pub fn text(&self, code: u32, len: u8) -> Option<String> {
        let bytes: Vec<u8> = (0..len)
            .rev()
            .map(|k| ((code >> (8 * u32::from(k))) & 0xff) as u8)
            .collect();
        let decode = |enc: &'static encoding_rs::Encoding, b: &[u8]| -> Option<String> {
            let (s, had_errors) = enc.decode_without_bom_handling(b);
            (!had_errors).then(|| s.into_owned())
        };
        match self.kind {
            Predefined::ShiftJis(_) => decode(encoding_rs::SHIFT_JIS, &bytes),
            Predefined::Euc(_) => decode(encoding_rs::EUC_JP, &bytes),
            Predefined::Jis(_) => {
                let e: Vec<u8> = bytes.iter().map(|b| b | 0x80).collect();
                decode(encoding_rs::EUC_JP, &e)
            }
            Predefined::Ucs2 => char::from_u32(code).map(String::from),
            Predefined::Utf16 => {
                let units = units_of(&bytes);
                let s = decode_utf16(&units);
                (!s.contains('\u{fffd}')).then_some(s)
            }
            Predefined::Identity => None,
        }
    }

    /// The CID of a code.
    pub fn cid(&self, code: u32, len: u8) -> Option<u32> {
        let key = (u32::from(len) << 24) | (code & 0x00ff_ffff);
        match self.kind {
            Predefined::ShiftJis(t) | Predefined::Euc(t) | Predefined::Jis(t) => run_lookup(t, key),
            Predefined::Ucs2 | Predefined::Utf16 => {
                let cp = match self.text(code, len)?.chars().next() {
                    Some(c) => u32::from(c),
                    None => return None,
                };
                let t = if self.vertical {
                    CMAP_UNI_V
                } else {
                    CMAP_UNI_H
                };
                run_lookup(t, (4 << 24) | cp)
            }
            Predefined::Identity => Some(code),
        }
    }
}

/// Unicode of an Adobe-Japan1 CID, from the compiled-in table.
pub(crate) fn aj1_unicode(cid: u32) -> Option<char> {
    let i = usize::try_from(cid).ok()?.checked_mul(4)?;
    let b = AJ1_CID2UCS.get(i..i + 4)?;
    let v = u32::from_le_bytes(b.try_into().ok()?);
    if v == 0 { None } else { char::from_u32(v) }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn tounicode_forms() {
        let src = b"/CIDInit /ProcSet findresource begin 12 dict begin begincmap
1 begincodespacerange <0000> <FFFF> endcodespacerange
3 beginbfchar <0001> <3042> <0002> <D842DFB7> <0003> <00660066> endbfchar
2 beginbfrange <0010> <0012> <0041> <0020> <0021> [<3044> <3046>] endbfrange
endcmap";
        let cm = parse(src, 1000);
        assert_eq!(cm.unicode(1, 2).as_deref(), Some("あ"));
        assert_eq!(cm.unicode(2, 2).as_deref(), Some("𠮷"));
        assert_eq!(cm.unicode(3, 2).as_deref(), Some("ff"));
        assert_eq!(cm.unicode(0x11, 2).as_deref(), Some("B"));
        assert_eq!(cm.unicode(0x21, 2).as_deref(), Some("う"));
        assert_eq!(cm.unicode(0x22, 2), None);
        assert_eq!(
            split_codes(&cm.spaces, 1, &[0, 1, 0, 2]),
            vec![(1, 2), (2, 2)]
        );
    }

    #[test]
    fn predefined_maps() {
        let rksj = predefined("90ms-RKSJ-H").unwrap();
        let codes = rksj.split(&[0x41, 0x82, 0xa0]);
        assert_eq!(codes, vec![(0x41, 1), (0x82a0, 2)]);
        assert_eq!(rksj.text(0x82a0, 2).as_deref(), Some("あ"));
        assert_eq!(rksj.cid(0x41, 1), Some(231 + 0x21));
        assert_eq!(rksj.cid(0x82a0, 2), Some(843));
        let ucs = predefined("UniJIS-UCS2-H").unwrap();
        assert_eq!(ucs.cid(0x3042, 2), Some(843));
        assert_eq!(aj1_unicode(843), Some('あ'));
        assert_eq!(aj1_unicode(34), Some('A'));
        let jis = predefined("H").unwrap();
        assert_eq!(jis.text(0x2422, 2).as_deref(), Some("あ"));
    }
}
