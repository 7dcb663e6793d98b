//! Fonts: from a font dictionary to codes, Unicode text, widths and writing mode.

use lopdf::{Dictionary, Document, Object};

use crate::cmap::{self, CMap, PredefinedCMap};
use crate::glyphs;

/// What kind of font program a font dictionary describes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum FontKind {
    /// Type1, MMType1, TrueType: one byte per code.
    Simple,
    /// Type3: glyphs are content streams; widths in glyph space through /FontMatrix.
    Type3,
    /// Type0 with a CIDFont descendant.
    Cid,
}

/// How a Type0 font splits strings into codes and codes into CIDs.
#[derive(Debug, Clone)]
enum CidEncoding {
    Predefined(PredefinedCMap),
    Embedded(Box<CMap>, Option<PredefinedCMap>),
}

#[derive(Debug, Clone)]
enum ToUnicode {
    None,
    Map(Box<CMap>),
    /// `/ToUnicode /Identity-H`: codes are UCS-2.
    Identity,
}

/// One decoded code of a shown string.
#[derive(Debug, Clone)]
pub(crate) struct Decoded {
    /// Unicode text, `None` when the code cannot be mapped.
    pub text: Option<String>,
    /// Horizontal advance in text-space units per unit font size.
    pub w0: f64,
    /// Vertical advance (negative, downwards) per unit font size (vertical fonts).
    pub w1y: f64,
    /// Vertical origin (vx, vy) per unit font size (vertical fonts).
    pub vx: f64,
    /// See `vx`.
    pub vy: f64,
    /// Single-byte code 32: word spacing applies.
    pub is_space_code: bool,
}

/// A loaded font.
#[derive(Debug, Clone)]
pub(crate) struct Font {
    pub name: String,
    pub kind: FontKind,
    to_unicode: ToUnicode,
    simple: Vec<Option<char>>,
    simple_names: Vec<Option<String>>,
    cid_enc: Option<CidEncoding>,
    japan1: bool,
    widths: Vec<f64>,
    first_char: i64,
    missing_width: f64,
    std_widths: Option<&'static [u16; 95]>,
    cid_widths: Vec<(u32, u32, f64)>,
    dw: f64,
    w2: Vec<(u32, u32, f64, f64, f64)>,
    dw2: (f64, f64),
    pub vertical: bool,
    /// Glyph units → text space (0.001 except Type3).
    unit: f64,
    /// Ascent and descent per unit font size.
    pub ascent: f64,
    pub descent: f64,
    /// Glyph id → Unicode from an embedded TrueType cmap (CIDFontType2 without ToUnicode).
    gid_unicode: Option<std::collections::HashMap<u16, char>>,
    /// CIDToGIDMap stream (CID → glyph id); identity when absent.
    cid_to_gid: Option<Vec<u8>>,
}

pub(crate) fn deref<'a>(doc: &'a Document, obj: &'a Object) -> &'a Object {
    let mut o = obj;
    for _ in 0..8 {
        match o {
            Object::Reference(id) => match doc.get_object(*id) {
                Ok(x) => o = x,
                Err(_) => return &Object::Null,
            },
            _ => return o,
        }
    }
    &Object::Null
}

pub(crate) fn get<'a>(doc: &'a Document, d: &'a Dictionary, key: &[u8]) -> Option<&'a Object> {
    d.get(key)
        .ok()
        .map(|o| deref(doc, o))
        .filter(|o| !o.is_null())
}

pub(crate) fn num(o: &Object) -> Option<f64> {
    match o {
        Object::Integer(v) => Some(*v as f64),
        Object::Real(v) => Some(f64::from(*v)).filter(|v| v.is_finite()),
        _ => None,
    }
}

pub(crate) fn name(o: &Object) -> Option<String> {
    match o {
        Object::Name(n) => Some(String::from_utf8_lossy(n).into_owned()),
        _ => None,
    }
}

pub(crate) fn dict<'a>(doc: &'a Document, o: &'a Object) -> Option<&'a Dictionary> {
    match deref(doc, o) {
        Object::Dictionary(d) => Some(d),
        Object::Stream(s) => Some(&s.dict),
        _ => None,
    }
}

fn stream_bytes(doc: &Document, o: &Object, limit: usize) -> Option<Vec<u8>> {
    match deref(doc, o) {
        Object::Stream(s) => s.get_plain_content_with_limit(limit).ok(),
        _ => None,
    }
}

fn num_array(doc: &Document, o: Option<&Object>) -> Vec<f64> {
    match o.map(|o| deref(doc, o)) {
        Some(Object::Array(a)) => a
            .iter()
            .map(|x| num(deref(doc, x)).unwrap_or(0.0))
            .collect(),
        _ => Vec::new(),
    }
}

impl Font {
    /// Load a font from its dictionary. Never fails: missing parts fall back to defaults.
    pub fn load(doc: &Document, d: &Dictionary, limit: usize) -> Font {
        let subtype = get(doc, d, b"Subtype").and_then(name).unwrap_or_default();
        let base = get(doc, d, b"BaseFont").and_then(name).unwrap_or_default();
        let to_unicode = match get(doc, d, b"ToUnicode") {
            Some(Object::Name(n)) if n.starts_with(b"Identity") => ToUnicode::Identity,
            Some(o) => match stream_bytes(doc, o, limit) {
                Some(b) => {
                    let cm = cmap::parse(&b, 200_000);
                    if cm.is_empty() {
                        ToUnicode::None
                    } else {
                        ToUnicode::Map(Box::new(cm))
                    }
                }
                None => ToUnicode::None,
            },
            None => ToUnicode::None,
        };
        let mut f = Font {
            name: base.clone(),
            kind: FontKind::Simple,
            to_unicode,
            simple: Vec::new(),
            simple_names: Vec::new(),
            cid_enc: None,
            japan1: false,
            widths: Vec::new(),
            first_char: 0,
            missing_width: 0.0,
            std_widths: None,
            cid_widths: Vec::new(),
            dw: 1000.0,
            w2: Vec::new(),
            dw2: (880.0, -1000.0),
            vertical: false,
            unit: 0.001,
            ascent: 0.88,
            descent: -0.12,
            gid_unicode: None,
            cid_to_gid: None,
        };
        if subtype == "Type0" {
            f.kind = FontKind::Cid;
            f.load_cid(doc, d, limit);
        } else {
            if subtype == "Type3" {
                f.kind = FontKind::Type3;
                let fm = num_array(doc, get(doc, d, b"FontMatrix"));
                if fm.len() == 6 && fm[0].abs() > 1e-9 {
                    f.unit = fm[0].abs();
                    let bb = num_array(doc, get(doc, d, b"FontBBox"));
                    let sy = fm[3].abs();
                    if bb.len() == 4 && bb[3] > bb[1] && sy > 0.0 {
                        let (a, de) = (bb[3] * sy, bb[1] * sy);
                        if a > 0.3 && a < 2.0 && de > -1.0 && de <= 0.0 {
                            f.ascent = a;
                            f.descent = de;
                        }
                    }
                }
            }
            f.load_simple(doc, d, &subtype, &base);
        }
        f
    }

    fn descriptor_metrics(&mut self, doc: &Document, fd: Option<&Dictionary>) {
        let Some(fd) = fd else { return };
        let a = get(doc, fd, b"Ascent").and_then(num);
        let de = get(doc, fd, b"Descent").and_then(num);
        if let (Some(a), Some(de)) = (a, de)
            && a > 300.0
            && a < 2000.0
            && de <= 0.0
            && de > -1000.0
            && self.kind != FontKind::Type3
        {
            self.ascent = a / 1000.0;
            self.descent = de / 1000.0;
        }
        if let Some(mw) = get(doc, fd, b"MissingWidth").and_then(num) {
            self.missing_width = mw;
        }
    }

    fn load_simple(&mut self, doc: &Document, d: &Dictionary, subtype: &str, base: &str) {
        let fd = get(doc, d, b"FontDescriptor").and_then(|o| dict(doc, o));
        if self.kind != FontKind::Type3 {
            self.ascent = 0.8;
            self.descent = -0.2;
        }
        self.descriptor_metrics(doc, fd);
        let flags = fd
            .and_then(|fd| get(doc, fd, b"Flags"))
            .and_then(num)
            .unwrap_or(0.0) as i64;
        let symbolic = flags & 4 != 0 && flags & 32 == 0;
        // Base encoding.
        let enc = get(doc, d, b"Encoding");
        let mut base_name = match enc {
            Some(Object::Name(n)) => String::from_utf8_lossy(n).into_owned(),
            Some(o) => dict(doc, o)
                .and_then(|e| get(doc, e, b"BaseEncoding"))
                .and_then(name)
                .unwrap_or_default(),
            None => String::new(),
        };
        if base_name.is_empty() {
            base_name = if subtype == "TrueType" && !symbolic {
                "WinAnsiEncoding".into()
            } else {
                "StandardEncoding".into()
            };
        }
        let std_font = is_symbol_font(base);
        let table = glyphs::base_table(&base_name);
        self.simple = if std_font && enc.is_none() {
            // Symbol / ZapfDingbats builtin encodings: leave to ToUnicode, else ASCII.
            (0..256u32)
                .map(|c| char::from_u32(c).filter(|c| !c.is_control()))
                .collect()
        } else {
            table.to_vec()
        };
        self.simple_names = vec![None; 256];
        if let Some(e) = enc.and_then(|o| dict(doc, o))
            && let Some(Object::Array(diffs)) = get(doc, e, b"Differences")
        {
            let mut code: i64 = 0;
            for item in diffs {
                match deref(doc, item) {
                    Object::Integer(c) => code = *c,
                    Object::Name(n) => {
                        if let Ok(i) = usize::try_from(code)
                            && i < 256
                        {
                            let nm = String::from_utf8_lossy(n).into_owned();
                            let s = glyphs::name_to_unicode(&nm);
                            if let Some(slot) = self.simple.get_mut(i) {
                                *slot = None;
                            }
                            if let Some(slot) = self.simple_names.get_mut(i) {
                                *slot = Some(s.unwrap_or_default());
                            }
                        }
                        code = code.saturating_add(1);
                    }
                    _ => {}
                }
            }
        }
        self.first_char = get(doc, d, b"FirstChar").and_then(num).unwrap_or(0.0) as i64;
        self.widths = num_array(doc, get(doc, d, b"Widths"));
        if self.widths.is_empty() {
            self.std_widths = std_widths(base);
            if self.missing_width == 0.0 {
                self.missing_width = if base.contains("Courier") {
                    600.0
                } else {
                    500.0
                };
            }
        }
    }

    fn load_cid(&mut self, doc: &Document, d: &Dictionary, limit: usize) {
        // Encoding.
        match get(doc, d, b"Encoding") {
            Some(Object::Name(n)) => {
                let n = String::from_utf8_lossy(n).into_owned();
                let pre = cmap::predefined(&n).unwrap_or(PredefinedCMap {
                    kind: cmap::Predefined::Identity,
                    vertical: n.ends_with("-V"),
                });
                self.vertical = pre.vertical;
                self.japan1 = !matches!(pre.kind, cmap::Predefined::Identity);
                self.cid_enc = Some(CidEncoding::Predefined(pre));
            }
            Some(o) => {
                let cm = stream_bytes(doc, o, limit)
                    .map(|b| cmap::parse(&b, 200_000))
                    .unwrap_or_default();
                let mut wmode = cm.wmode;
                if let Some(sd) = dict(doc, o)
                    && let Some(w) = get(doc, sd, b"WMode").and_then(num)
                {
                    wmode = u8::from(w == 1.0);
                }
                let parent = cm
                    .usecmap
                    .as_deref()
                    .and_then(cmap::predefined)
                    .or_else(|| {
                        dict(doc, o)
                            .and_then(|sd| get(doc, sd, b"UseCMap"))
                            .and_then(name)
                            .and_then(|n| cmap::predefined(&n))
                    });
                self.vertical = wmode == 1 || parent.is_some_and(|p| p.vertical);
                self.cid_enc = Some(CidEncoding::Embedded(Box::new(cm), parent));
            }
            None => {
                self.cid_enc = Some(CidEncoding::Predefined(PredefinedCMap {
                    kind: cmap::Predefined::Identity,
                    vertical: false,
                }))
            }
        }
        let desc = match get(doc, d, b"DescendantFonts") {
            Some(Object::Array(a)) => a.first().and_then(|o| dict(doc, o)),
            Some(o) => dict(doc, o),
            None => None,
        };
        let Some(desc) = desc else { return };
        if let Some(info) = get(doc, desc, b"CIDSystemInfo").and_then(|o| dict(doc, o)) {
            let ordering = match get(doc, info, b"Ordering") {
                Some(Object::String(s, _)) => String::from_utf8_lossy(s).into_owned(),
                Some(o) => name(o).unwrap_or_default(),
                None => String::new(),
            };
            if ordering.contains("Japan1") {
                self.japan1 = true;
            }
        }
        let fd = get(doc, desc, b"FontDescriptor").and_then(|o| dict(doc, o));
        self.descriptor_metrics(doc, fd);
        let desc_subtype = get(doc, desc, b"Subtype")
            .and_then(name)
            .unwrap_or_default();
        if matches!(self.to_unicode, ToUnicode::None)
            && !self.japan1
            && desc_subtype == "CIDFontType2"
            && let Some(ff) = fd.and_then(|fd| get(doc, fd, b"FontFile2"))
            && let Some(prog) = stream_bytes(doc, ff, limit)
        {
            self.gid_unicode = crate::truetype::gid_to_unicode(&prog);
            if let Some(m) = get(doc, desc, b"CIDToGIDMap")
                && !matches!(m, Object::Name(_))
            {
                self.cid_to_gid = stream_bytes(doc, m, limit);
            }
        }
        if let Some(dw) = get(doc, desc, b"DW").and_then(num) {
            self.dw = dw;
        }
        if let Some(Object::Array(w)) = get(doc, desc, b"W") {
            let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
            let mut i = 0;
            while i < items.len() && self.cid_widths.len() < 100_000 {
                let Some(c0) = items.get(i).and_then(|o| num(o)) else {
                    i += 1;
                    continue;
                };
                match items.get(i + 1) {
                    Some(Object::Array(ws)) => {
                        for (k, wv) in ws.iter().enumerate() {
                            if let Some(wv) = num(deref(doc, wv)) {
                                let c = (c0 as u32).saturating_add(k as u32);
                                self.cid_widths.push((c, c, wv));
                            }
                        }
                        i += 2;
                    }
                    Some(o) => {
                        if let (Some(c1), Some(wv)) =
                            (num(o), items.get(i + 2).and_then(|o| num(o)))
                        {
                            self.cid_widths.push((c0 as u32, c1 as u32, wv));
                        }
                        i += 3;
                    }
                    None => break,
                }
            }
            self.cid_widths.sort_by_key(|r| r.0);
        }
        let dw2 = num_array(doc, get(doc, desc, b"DW2"));
        if let [vy, w1] = dw2.as_slice() {
            self.dw2 = (*vy, *w1);
        }
        if let Some(Object::Array(w)) = get(doc, desc, b"W2") {
            let items: Vec<&Object> = w.iter().map(|o| deref(doc, o)).collect();
            let mut i = 0;
            while i < items.len() && self.w2.len() < 100_000 {
                let Some(c0) = items.get(i).and_then(|o| num(o)) else {
                    i += 1;
                    continue;
                };
                match items.get(i + 1) {
                    Some(Object::Array(ws)) => {
                        let v: Vec<f64> = ws.iter().filter_map(|o| num(deref(doc, o))).collect();
                        for (k, t) in v.chunks(3).enumerate() {
                            if let [w1, vx, vy] = t {
                                let c = (c0 as u32).saturating_add(k as u32);
                                self.w2.push((c, c, *w1, *vx, *vy));
                            }
                        }
                        i += 2;
                    }
                    Some(o) => {
                        let rest: Vec<f64> = items
                            .iter()
                            .skip(i + 2)
                            .take(3)
                            .filter_map(|o| num(o))
                            .collect();
                        if let (Some(c1), [w1, vx, vy]) = (num(o), rest.as_slice()) {
                            self.w2.push((c0 as u32, c1 as u32, *w1, *vx, *vy));
                        }
                        i += 5;
                    }
                    None => break,
                }
            }
            self.w2.sort_by_key(|r| r.0);
        }
    }

    fn cid_width(&self, cid: u32) -> f64 {
        let idx = self.cid_widths.partition_point(|r| r.0 <= cid);
        if let Some(r) = idx.checked_sub(1).and_then(|i| self.cid_widths.get(i))
            && cid <= r.1
        {
            return r.2;
        }
        self.dw
    }

    fn vmetrics(&self, cid: u32, w0: f64) -> (f64, f64, f64) {
        let idx = self.w2.partition_point(|r| r.0 <= cid);
        if let Some(r) = idx.checked_sub(1).and_then(|i| self.w2.get(i))
            && cid <= r.1
        {
            return (r.2, r.3, r.4);
        }
        (self.dw2.1, w0 / 2.0, self.dw2.0)
    }

    /// Text through the embedded TrueType cmap (CID → glyph id → Unicode).
    fn gid_text(&self, cid: u32) -> Option<String> {
        let map = self.gid_unicode.as_ref()?;
        let gid = match &self.cid_to_gid {
            Some(t) => {
                let i = usize::try_from(cid).ok()?.checked_mul(2)?;
                let b = t.get(i..i + 2)?;
                u16::from_be_bytes([*b.first()?, *b.get(1)?])
            }
            None => u16::try_from(cid).ok()?,
        };
        clean(map.get(&gid).map(|c| c.to_string()))
    }

    fn to_unicode(&self, code: u32, len: u8) -> Option<String> {
        match &self.to_unicode {
            ToUnicode::None => None,
            ToUnicode::Identity => char::from_u32(code).map(String::from),
            ToUnicode::Map(m) => m
                .unicode(code, len)
                .or_else(|| m.cid_as_unicode(code, len))
                .or_else(|| {
                    // Some maps use a different code length than the font (1-byte codes
                    // written as <00XX>).
                    if len == 1 { m.unicode(code, 2) } else { None }
                }),
        }
    }

    /// Decode a shown string into codes with text and metrics.
    pub fn decode(&self, bytes: &[u8]) -> Vec<Decoded> {
        match self.kind {
            FontKind::Simple | FontKind::Type3 => bytes
                .iter()
                .map(|b| {
                    let code = u32::from(*b);
                    let i = usize::from(*b);
                    let text = clean(self.to_unicode(code, 1)).or_else(|| {
                        clean(match self.simple_names.get(i) {
                            Some(Some(s)) => (!s.is_empty()).then(|| s.clone()),
                            _ => self.simple.get(i).copied().flatten().map(String::from),
                        })
                    });
                    let w = i64::from(*b)
                        .checked_sub(self.first_char)
                        .and_then(|k| usize::try_from(k).ok())
                        .and_then(|k| self.widths.get(k))
                        .copied()
                        .or_else(|| {
                            let sw = self.std_widths?;
                            let k = usize::from(b.checked_sub(32)?);
                            sw.get(k).map(|v| f64::from(*v))
                        })
                        .unwrap_or(self.missing_width);
                    Decoded {
                        text,
                        w0: w * self.unit,
                        w1y: -1.0,
                        vx: 0.0,
                        vy: 0.0,
                        is_space_code: *b == 32,
                    }
                })
                .collect(),
            FontKind::Cid => {
                let codes = match &self.cid_enc {
                    Some(CidEncoding::Predefined(p)) => p.split(bytes),
                    Some(CidEncoding::Embedded(cm, parent)) => {
                        if cm.spaces.is_empty() {
                            match parent {
                                Some(p) => p.split(bytes),
                                None => cmap::split_codes(&[], 2, bytes),
                            }
                        } else {
                            cmap::split_codes(&cm.spaces, 2, bytes)
                        }
                    }
                    None => cmap::split_codes(&[], 2, bytes),
                };
                codes
                    .into_iter()
                    .map(|(code, len)| {
                        let (cid, pre_text) = match &self.cid_enc {
                            Some(CidEncoding::Predefined(p)) => {
                                (p.cid(code, len), p.text(code, len))
                            }
                            Some(CidEncoding::Embedded(cm, parent)) => {
                                let cid = cm
                                    .cid(code, len)
                                    .or_else(|| parent.and_then(|p| p.cid(code, len)));
                                (cid, parent.and_then(|p| p.text(code, len)))
                            }
                            None => (Some(code), None),
                        };
                        let cid = cid.unwrap_or(0);
                        let text = clean(self.to_unicode(code, len))
                            .or_else(|| clean(pre_text))
                            .or_else(|| {
                                if self.japan1 {
                                    clean(cmap::aj1_unicode(cid).map(String::from))
                                } else {
                                    None
                                }
                            })
                            .or_else(|| self.gid_text(cid));
                        let w = self.cid_width(cid);
                        let (w1y, vx, vy) = self.vmetrics(cid, w);
                        Decoded {
                            text,
                            w0: w * self.unit,
                            w1y: w1y * self.unit,
                            vx: vx * self.unit,
                            vy: vy * self.unit,
                            is_space_code: len == 1 && code == 32,
                        }
                    })
                    .collect()
            }
        }
    }
}

/// Drop mappings that carry no text (empty, NUL, other controls); unify radicals.
fn clean(text: Option<String>) -> Option<String> {
    let t = text?;
    if t.is_empty() || t.chars().all(|c| c.is_control() && c != '\t') {
        return None;
    }
    Some(t.chars().map(glyphs::unify_radical).collect())
}

fn is_symbol_font(base: &str) -> bool {
    let b = base.rsplit('+').next().unwrap_or(base);
    b.starts_with("Symbol") || b.starts_with("ZapfDingbats")
}

#[rustfmt::skip]
static HELVETICA: [u16; 95] = [
    278,278,355,556,556,889,667,191,333,333,389,584,278,333,278,278,
    556,556,556,556,556,556,556,556,556,556,278,278,584,584,584,556,
    1015,667,667,722,722,667,611,778,722,278,500,667,556,833,722,778,
    667,778,722,667,611,722,667,944,667,667,611,278,278,278,469,556,
    333,556,556,500,556,556,278,556,556,222,222,500,222,833,556,556,
    556,556,333,500,278,556,500,722,500,500,500,334,260,334,584,
];

#[rustfmt::skip]
static TIMES: [u16; 95] = [
    250,333,408,500,500,833,778,333,333,333,500,564,250,333,250,278,
    500,500,500,500,500,500,500,500,500,500,278,278,564,564,564,444,
    921,722,667,667,722,611,556,722,722,333,389,722,611,889,722,722,
    556,722,667,556,611,722,722,944,722,722,611,333,278,333,469,500,
    333,444,500,444,500,444,333,500,500,278,278,500,278,778,500,500,
    500,500,333,389,278,500,500,722,500,500,444,480,200,480,541,
];

#[rustfmt::skip]
static COURIER: [u16; 95] = [600; 95];

fn std_widths(base: &str) -> Option<&'static [u16; 95]> {
    let b = base.rsplit('+').next().unwrap_or(base);
    if b.starts_with("Helvetica") || b.starts_with("Arial") {
        Some(&HELVETICA)
    } else if b.starts_with("Times") {
        Some(&TIMES)
    } else if b.starts_with("Courier") {
        Some(&COURIER)
    } else {
        None
    }
}
