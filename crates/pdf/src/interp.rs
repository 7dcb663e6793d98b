//! The content-stream interpreter: graphics and text state, glyph boxes, rules and fills.

use std::collections::HashMap;
use std::sync::Arc;

use lopdf::{Dictionary, Document, Object, ObjectId};
use muniplan_ir::{Diagnostic, Location};

use crate::font::{self, Font, deref, dict, get, num};
use crate::lexer::{Lexer, Operand};
use crate::{FillRect, Glyph, Limits, Rule};

/// A 2-D affine matrix `[a b c d e f]` in PDF's row-vector convention.
pub(crate) type Matrix = [f64; 6];

pub(crate) const IDENTITY: Matrix = [1.0, 0.0, 0.0, 1.0, 0.0, 0.0];

/// `m1 × m2`: apply `m1`, then `m2`.
pub(crate) fn mul(m1: &Matrix, m2: &Matrix) -> Matrix {
    [
        m1[0] * m2[0] + m1[1] * m2[2],
        m1[0] * m2[1] + m1[1] * m2[3],
        m1[2] * m2[0] + m1[3] * m2[2],
        m1[2] * m2[1] + m1[3] * m2[3],
        m1[4] * m2[0] + m1[5] * m2[2] + m2[4],
        m1[4] * m2[1] + m1[5] * m2[3] + m2[5],
    ]
}

pub(crate) fn apply(m: &Matrix, x: f64, y: f64) -> [f64; 2] {
    [m[0] * x + m[2] * y + m[4], m[1] * x + m[3] * y + m[5]]
}

fn finite(m: &Matrix) -> bool {
    m.iter().all(|v| v.is_finite() && v.abs() < 1e9)
}

#[derive(Debug, Clone)]
struct GState {
    ctm: Matrix,
    fill: Option<[f32; 3]>,
    stroke: Option<[f32; 3]>,
    line_width: f64,
    dash: Vec<f64>,
    font: Option<Arc<Font>>,
    font_name: String,
    size: f64,
    tc: f64,
    tw: f64,
    th: f64,
    tl: f64,
    rise: f64,
    render: i64,
    /// Axis-aligned clip rectangle (page space), when the clip is a rectangle.
    clip: Option<[f64; 4]>,
    /// 1 + its index in `Output::clip_rects` (0: no clip).
    clip_id: u32,
}

#[derive(Debug, Clone, Default)]
struct SubPath {
    pts: Vec<[f64; 2]>,
    /// `straight[i]`: the segment from `pts[i]` to `pts[i+1]` is a line.
    straight: Vec<bool>,
    closed: bool,
}

/// Per-document font cache shared by all pages.
pub(crate) type FontCache = std::sync::Mutex<HashMap<ObjectId, Arc<Font>>>;

/// The output of interpreting one page.
#[derive(Debug, Default)]
pub(crate) struct Output {
    pub glyphs: Vec<Glyph>,
    /// Parallel to `glyphs`: the glyph reaches outside the rectangular clip.
    pub clipped: Vec<bool>,
    /// Parallel to `glyphs`: the rectangular clip in force when the glyph was shown, as
    /// 1 + its index in `clip_rects` (0: none).
    pub clip_ids: Vec<u32>,
    /// The rectangular clips set on the page, in order.
    pub clip_rects: Vec<[f64; 4]>,
    pub rules: Vec<Rule>,
    pub fills: Vec<FillRect>,
    pub n_images: usize,
    pub diagnostics: Vec<Diagnostic>,
}

pub(crate) struct Interp<'d> {
    doc: &'d Document,
    fonts: &'d FontCache,
    limits: &'d Limits,
    page: u32,
    page_box: [f64; 4],
    pub out: Output,
    ops: usize,
    stopped: bool,
    tm: Matrix,
    tlm: Matrix,
    path: Vec<SubPath>,
    marked: Vec<Option<(String, usize)>>,
    pending_clip: bool,
    local_fonts: HashMap<usize, Arc<Font>>,
    decoded: &'d std::sync::atomic::AtomicUsize,
    damage_reported: bool,
}

const MAX_Q: usize = 256;

impl<'d> Interp<'d> {
    pub fn new(
        doc: &'d Document,
        fonts: &'d FontCache,
        limits: &'d Limits,
        decoded: &'d std::sync::atomic::AtomicUsize,
        page: u32,
        page_box: [f64; 4],
    ) -> Self {
        Interp {
            doc,
            fonts,
            limits,
            page,
            page_box,
            out: Output::default(),
            ops: 0,
            stopped: false,
            tm: IDENTITY,
            tlm: IDENTITY,
            path: Vec::new(),
            marked: Vec::new(),
            pending_clip: false,
            local_fonts: HashMap::new(),
            decoded,
            damage_reported: false,
        }
    }

    fn loc(&self) -> Option<Location> {
        Some(Location::Pdf {
            page: self.page,
            bbox: self.page_box,
        })
    }

    pub fn diag_warning(&mut self, code: &str, msg: String) {
        let loc = self.loc();
        self.out
            .diagnostics
            .push(Diagnostic::warning(code, msg, loc));
    }

    fn diag_error(&mut self, code: &str, msg: String) {
        let loc = self.loc();
        self.out.diagnostics.push(Diagnostic::error(code, msg, loc));
    }

    /// Account decoded bytes against the per-file budget; false when exhausted.
    pub fn charge(&mut self, n: usize) -> bool {
        use std::sync::atomic::Ordering;
        let total = self
            .decoded
            .fetch_add(n, Ordering::Relaxed)
            .saturating_add(n);
        if total > self.limits.max_file_decoded_bytes {
            if !self.stopped {
                self.diag_error(
                    "pdf-limit-exceeded",
                    format!(
                        "page {}: decoded data of the file exceeds the limit of {} bytes",
                        self.page, self.limits.max_file_decoded_bytes
                    ),
                );
            }
            self.stopped = true;
            return false;
        }
        true
    }

    /// Run the page's content with the initial CTM.
    pub fn run_page(&mut self, content: &[u8], resources: Option<&'d Dictionary>, ctm: Matrix) {
        let gs = GState {
            ctm,
            fill: Some([0.0; 3]),
            stroke: Some([0.0; 3]),
            line_width: 1.0,
            dash: Vec::new(),
            font: None,
            font_name: String::new(),
            size: 0.0,
            tc: 0.0,
            tw: 0.0,
            th: 1.0,
            tl: 0.0,
            rise: 0.0,
            render: 0,
            clip: None,
            clip_id: 0,
        };
        self.run(content, resources, gs, 0, "page content");
        // Close unbalanced ActualText spans.
        while !self.marked.is_empty() {
            self.end_marked();
        }
    }

    fn font_for(&mut self, resources: Option<&'d Dictionary>, name: &[u8]) -> Option<Arc<Font>> {
        let doc = self.doc;
        let fdict = resources
            .and_then(|r| get(doc, r, b"Font"))
            .and_then(|o| dict(doc, o))?;
        let raw = fdict.get(name).ok()?;
        let limit = self.limits.max_stream_bytes;
        match raw {
            Object::Reference(id) => {
                if let Ok(cache) = self.fonts.lock()
                    && let Some(f) = cache.get(id)
                {
                    return Some(f.clone());
                }
                let d = dict(doc, raw)?;
                let f = Arc::new(Font::load(doc, d, limit));
                if let Ok(mut cache) = self.fonts.lock() {
                    cache.insert(*id, f.clone());
                }
                Some(f)
            }
            Object::Dictionary(d) => {
                let key = d as *const Dictionary as usize;
                if let Some(f) = self.local_fonts.get(&key) {
                    return Some(f.clone());
                }
                let f = Arc::new(Font::load(doc, d, limit));
                self.local_fonts.insert(key, f.clone());
                Some(f)
            }
            _ => None,
        }
    }

    fn run(
        &mut self,
        content: &[u8],
        resources: Option<&'d Dictionary>,
        mut gs: GState,
        depth: usize,
        what: &str,
    ) {
        let mut stack: Vec<GState> = Vec::new();
        let mut lx = Lexer::new(content);
        let mut args: Vec<Operand> = Vec::new();
        let mut in_text = false;
        while let Some(op) = lx.next_op(&mut args) {
            if self.stopped {
                return;
            }
            self.ops += 1;
            if self.ops > self.limits.max_ops_per_page {
                self.diag_error(
                    "pdf-limit-exceeded",
                    format!(
                        "page {}: more than {} content operators; the rest of the page was skipped",
                        self.page, self.limits.max_ops_per_page
                    ),
                );
                self.stopped = true;
                return;
            }
            let n = |i: usize| args.get(i).and_then(Operand::num).unwrap_or(0.0);
            let nums = || -> Vec<f64> { args.iter().filter_map(Operand::num).collect() };
            match op {
                b"q" if stack.len() < MAX_Q => stack.push(gs.clone()),
                b"q" => {}
                b"Q" => {
                    if let Some(s) = stack.pop() {
                        gs = s;
                    }
                }
                b"cm" => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    let c = mul(&m, &gs.ctm);
                    if finite(&c) {
                        gs.ctm = c;
                    }
                }
                b"w" => gs.line_width = n(0).abs(),
                b"d" => {
                    gs.dash = match args.first() {
                        Some(Operand::Array(a)) => {
                            a.iter().filter_map(Operand::num).take(16).collect()
                        }
                        _ => Vec::new(),
                    }
                }
                b"gs" => self.ext_gstate(resources, &args, &mut gs),
                // Colour.
                b"g" => gs.fill = Some(gray(n(0))),
                b"G" => gs.stroke = Some(gray(n(0))),
                b"rg" => gs.fill = Some(rgb(n(0), n(1), n(2))),
                b"RG" => gs.stroke = Some(rgb(n(0), n(1), n(2))),
                b"k" => gs.fill = Some(cmyk(n(0), n(1), n(2), n(3))),
                b"K" => gs.stroke = Some(cmyk(n(0), n(1), n(2), n(3))),
                b"cs" => gs.fill = cs_default(&args),
                b"CS" => gs.stroke = cs_default(&args),
                b"sc" | b"scn" => gs.fill = comps(&nums(), &args),
                b"SC" | b"SCN" => gs.stroke = comps(&nums(), &args),
                // Path construction.
                b"m" => {
                    let p = apply(&gs.ctm, n(0), n(1));
                    self.path.push(SubPath {
                        pts: vec![p],
                        straight: Vec::new(),
                        closed: false,
                    });
                }
                b"l" => self.line_to(apply(&gs.ctm, n(0), n(1)), true),
                b"c" => self.line_to(apply(&gs.ctm, n(4), n(5)), false),
                b"v" | b"y" => self.line_to(apply(&gs.ctm, n(2), n(3)), false),
                b"h" => {
                    if let Some(sp) = self.path.last_mut() {
                        sp.closed = true;
                    }
                }
                b"re" => {
                    let (x, y, w, h) = (n(0), n(1), n(2), n(3));
                    let pts = vec![
                        apply(&gs.ctm, x, y),
                        apply(&gs.ctm, x + w, y),
                        apply(&gs.ctm, x + w, y + h),
                        apply(&gs.ctm, x, y + h),
                    ];
                    self.path.push(SubPath {
                        pts,
                        straight: vec![true; 3],
                        closed: true,
                    });
                }
                // Clipping: applies at the next painting operator.
                b"W" | b"W*" => self.pending_clip = true,
                // Path painting.
                b"S" | b"s" | b"f" | b"F" | b"f*" | b"B" | b"B*" | b"b" | b"b*" | b"n" => {
                    if std::mem::take(&mut self.pending_clip) {
                        self.apply_clip(&mut gs);
                    }
                    match op {
                        b"S" => self.paint(&gs, true, false, false),
                        b"s" => self.paint(&gs, true, false, true),
                        b"f" | b"F" | b"f*" => self.paint(&gs, false, true, false),
                        b"B" | b"B*" => self.paint(&gs, true, true, false),
                        b"b" | b"b*" => self.paint(&gs, true, true, true),
                        _ => self.path.clear(),
                    }
                }
                // Text objects and state.
                b"BT" => {
                    in_text = true;
                    self.tm = IDENTITY;
                    self.tlm = IDENTITY;
                }
                b"ET" => in_text = false,
                b"Tc" => gs.tc = n(0),
                b"Tw" => gs.tw = n(0),
                b"Tz" => gs.th = n(0) / 100.0,
                b"TL" => gs.tl = n(0),
                b"Ts" => gs.rise = n(0),
                b"Tr" => gs.render = n(0) as i64,
                b"Tf" => {
                    if let Some(Operand::Name(name)) = args.first() {
                        gs.font = self.font_for(resources, name);
                        gs.font_name = String::from_utf8_lossy(name).into_owned();
                        if gs.font.is_none() {
                            self.diag_warning(
                                "pdf-font-missing",
                                format!(
                                    "page {}: font /{} is not in the resources; its text is skipped",
                                    self.page, gs.font_name
                                ),
                            );
                        }
                    }
                    gs.size = n(1);
                }
                b"Td" => self.td(n(0), n(1)),
                b"TD" => {
                    gs.tl = -n(1);
                    self.td(n(0), n(1));
                }
                b"Tm" => {
                    let m = [n(0), n(1), n(2), n(3), n(4), n(5)];
                    if finite(&m) {
                        self.tm = m;
                        self.tlm = m;
                    }
                }
                b"T*" => self.td(0.0, -gs.tl),
                b"Tj" => {
                    if let Some(Operand::Str(s)) = args.first() {
                        self.show(&gs, s);
                    }
                }
                b"'" => {
                    self.td(0.0, -gs.tl);
                    if let Some(Operand::Str(s)) = args.first() {
                        self.show(&gs, s);
                    }
                }
                b"\"" => {
                    gs.tw = n(0);
                    gs.tc = n(1);
                    self.td(0.0, -gs.tl);
                    if let Some(Operand::Str(s)) = args.get(2) {
                        self.show(&gs, s);
                    }
                }
                b"TJ" => {
                    if let Some(Operand::Array(items)) = args.first() {
                        for it in items {
                            match it {
                                Operand::Str(s) => self.show(&gs, s),
                                Operand::Num(v) => self.adjust(&gs, *v),
                                _ => {}
                            }
                        }
                    }
                }
                // Marked content (ActualText).
                b"BMC" => self.marked.push(None),
                b"BDC" => {
                    let text = self.actual_text(resources, args.get(1));
                    let start = self.out.glyphs.len();
                    self.marked.push(text.map(|t| (t, start)));
                }
                b"EMC" => self.end_marked(),
                // XObjects and images.
                b"Do" => {
                    if let Some(Operand::Name(name)) = args.first() {
                        self.xobject(resources, name, &gs, depth);
                    }
                }
                b"BI" => self.out.n_images += 1,
                _ => {}
            }
        }
        if in_text && depth == 0 && !self.stopped && lx.n_errors == 0 {
            // A page that ends inside BT…ET was most likely cut off (truncated stream).
            self.diag_warning(
                "pdf-content-damaged",
                format!(
                    "page {}: {what} ends inside a text object (BT without ET); the stream may be truncated",
                    self.page
                ),
            );
        }
        if lx.n_errors > 0 && !self.damage_reported {
            self.damage_reported = true;
            let (at, cause) = lx.errors.first().copied().unwrap_or((0, "bad token"));
            self.diag_warning(
                "pdf-content-damaged",
                format!(
                    "page {}: {what} is damaged at byte {at} ({cause}, {} problem(s)); text near it may be missing",
                    self.page, lx.n_errors
                ),
            );
        }
    }

    fn ext_gstate(&mut self, resources: Option<&'d Dictionary>, args: &[Operand], gs: &mut GState) {
        let doc = self.doc;
        let Some(Operand::Name(name)) = args.first() else {
            return;
        };
        let Some(eg) = resources
            .and_then(|r| get(doc, r, b"ExtGState"))
            .and_then(|o| dict(doc, o))
            .and_then(|d| get(doc, d, name))
            .and_then(|o| dict(doc, o))
        else {
            return;
        };
        if let Some(lw) = get(doc, eg, b"LW").and_then(num) {
            gs.line_width = lw.abs();
        }
        if let Some(Object::Array(a)) = get(doc, eg, b"D")
            && let Some(Object::Array(d)) = a.first().map(|o| deref(doc, o))
        {
            gs.dash = d
                .iter()
                .filter_map(|o| num(deref(doc, o)))
                .take(16)
                .collect();
        }
    }

    fn actual_text(
        &self,
        resources: Option<&'d Dictionary>,
        props: Option<&Operand>,
    ) -> Option<String> {
        let doc = self.doc;
        match props? {
            Operand::Dict(items) => items.iter().find_map(|(k, v)| match (*k, v) {
                (b"ActualText", Operand::Str(s)) => Some(
                    lopdf::decode_text_string(&Object::String(
                        s.clone(),
                        lopdf::StringFormat::Literal,
                    ))
                    .unwrap_or_else(|_| String::from_utf8_lossy(s).into_owned()),
                ),
                _ => None,
            }),
            Operand::Name(n) => {
                let d = resources
                    .and_then(|r| get(doc, r, b"Properties"))
                    .and_then(|o| dict(doc, o))
                    .and_then(|d| get(doc, d, n))
                    .and_then(|o| dict(doc, o))?;
                let o = get(doc, d, b"ActualText")?;
                lopdf::decode_text_string(o).ok()
            }
            _ => None,
        }
    }

    fn end_marked(&mut self) {
        let Some(Some((text, start))) = self.marked.pop() else {
            return;
        };
        let covered = self.out.glyphs.get(start..).unwrap_or(&[]);
        let Some(first) = covered.first() else { return };
        let mut bbox = first.bbox;
        for g in covered {
            bbox[0] = bbox[0].min(g.bbox[0]);
            bbox[1] = bbox[1].min(g.bbox[1]);
            bbox[2] = bbox[2].max(g.bbox[2]);
            bbox[3] = bbox[3].max(g.bbox[3]);
        }
        let g = Glyph {
            text,
            bbox,
            font: first.font.clone(),
            size: first.size,
            vertical: first.vertical,
            invisible: covered.iter().all(|g| g.invisible),
            unmapped: false,
            actual_text: true,
        };
        let clipped = self
            .out
            .clipped
            .get(start..)
            .unwrap_or(&[])
            .iter()
            .any(|c| *c);
        let clip = self.out.clip_ids.get(start).copied().unwrap_or(0);
        self.out.glyphs.truncate(start);
        self.out.clipped.truncate(start);
        self.out.clip_ids.truncate(start);
        self.out.glyphs.push(g);
        self.out.clipped.push(clipped);
        self.out.clip_ids.push(clip);
    }

    fn xobject(
        &mut self,
        resources: Option<&'d Dictionary>,
        name: &[u8],
        gs: &GState,
        depth: usize,
    ) {
        let doc = self.doc;
        let Some(obj) = resources
            .and_then(|r| get(doc, r, b"XObject"))
            .and_then(|o| dict(doc, o))
            .and_then(|d| get(doc, d, name))
        else {
            return;
        };
        let Object::Stream(stream) = obj else { return };
        let subtype = get(doc, &stream.dict, b"Subtype").and_then(font::name);
        match subtype.as_deref() {
            Some("Image") => self.out.n_images += 1,
            Some("Form") => {
                if depth + 1 > self.limits.max_depth {
                    self.diag_warning(
                        "pdf-limit-exceeded",
                        format!(
                            "page {}: form XObjects nested deeper than {}; /{} skipped",
                            self.page,
                            self.limits.max_depth,
                            String::from_utf8_lossy(name)
                        ),
                    );
                    return;
                }
                let data = match stream.get_plain_content_with_limit(self.limits.max_stream_bytes) {
                    Ok(d) => d,
                    Err(e) => {
                        self.diag_warning(
                            "pdf-stream-broken",
                            format!(
                                "page {}: form XObject /{} cannot be decoded: {e}",
                                self.page,
                                String::from_utf8_lossy(name)
                            ),
                        );
                        return;
                    }
                };
                if !self.charge(data.len()) {
                    return;
                }
                let mut g2 = gs.clone();
                if let Some(Object::Array(m)) = get(doc, &stream.dict, b"Matrix") {
                    let v: Vec<f64> = m.iter().filter_map(|o| num(deref(doc, o))).collect();
                    if let [a, b, c, d, e, f] = v.as_slice() {
                        let c2 = mul(&[*a, *b, *c, *d, *e, *f], &g2.ctm);
                        if finite(&c2) {
                            g2.ctm = c2;
                        }
                    }
                }
                let res = get(doc, &stream.dict, b"Resources")
                    .and_then(|o| dict(doc, o))
                    .or(resources);
                let saved_tm = (self.tm, self.tlm);
                let saved_path = std::mem::take(&mut self.path);
                let what = format!("form XObject /{}", String::from_utf8_lossy(name));
                self.run(&data, res, g2, depth + 1, &what);
                (self.tm, self.tlm) = saved_tm;
                self.path = saved_path;
            }
            _ => {}
        }
    }

    fn td(&mut self, tx: f64, ty: f64) {
        let m = mul(&[1.0, 0.0, 0.0, 1.0, tx, ty], &self.tlm);
        if finite(&m) {
            self.tlm = m;
            self.tm = m;
        }
    }

    fn adjust(&mut self, gs: &GState, v: f64) {
        let vertical = gs.font.as_ref().is_some_and(|f| f.vertical);
        let d = -v / 1000.0 * gs.size;
        let m = if vertical {
            [1.0, 0.0, 0.0, 1.0, 0.0, d]
        } else {
            [1.0, 0.0, 0.0, 1.0, d * gs.th, 0.0]
        };
        let t = mul(&m, &self.tm);
        if finite(&t) {
            self.tm = t;
        }
    }

    fn show(&mut self, gs: &GState, s: &[u8]) {
        let Some(font) = gs.font.clone() else { return };
        if self.out.glyphs.len() >= self.limits.max_glyphs_per_page {
            if !self.stopped {
                self.diag_error(
                    "pdf-limit-exceeded",
                    format!(
                        "page {}: more than {} glyphs; the rest of the page was skipped",
                        self.page, self.limits.max_glyphs_per_page
                    ),
                );
            }
            self.stopped = true;
            return;
        }
        let fs = gs.size;
        let vertical = font.vertical;
        for d in font.decode(s) {
            let base = mul(&self.tm, &gs.ctm);
            let (x0, x1, y0, y1, m) = if vertical {
                let m = mul(&[fs, 0.0, 0.0, fs, 0.0, 0.0], &base);
                (
                    -d.vx,
                    d.w0 - d.vx,
                    font.descent - d.vy,
                    font.ascent - d.vy,
                    m,
                )
            } else {
                let m = mul(&[fs * gs.th, 0.0, 0.0, fs, 0.0, gs.rise], &base);
                (0.0, d.w0, font.descent, font.ascent, m)
            };
            let corners = [
                apply(&m, x0, y0),
                apply(&m, x1, y0),
                apply(&m, x1, y1),
                apply(&m, x0, y1),
            ];
            let mut bbox = [f64::MAX, f64::MAX, f64::MIN, f64::MIN];
            for p in corners {
                bbox[0] = bbox[0].min(p[0]);
                bbox[1] = bbox[1].min(p[1]);
                bbox[2] = bbox[2].max(p[0]);
                bbox[3] = bbox[3].max(p[1]);
            }
            let size = (base[2] * base[2] + base[3] * base[3]).sqrt() * fs.abs();
            let unmapped = d.text.is_none();
            if bbox.iter().all(|v| v.is_finite()) {
                self.out.clipped.push(gs.clip.is_some_and(|c| {
                    bbox[0] < c[0] - 0.5
                        || bbox[1] < c[1] - 0.5
                        || bbox[2] > c[2] + 0.5
                        || bbox[3] > c[3] + 0.5
                }));
                self.out.clip_ids.push(gs.clip_id);
                self.out.glyphs.push(Glyph {
                    text: d.text.unwrap_or_else(|| "\u{fffd}".to_string()),
                    bbox,
                    font: font.name.clone(),
                    size,
                    vertical,
                    invisible: gs.render == 3 || gs.render == 7,

                    unmapped,
                    actual_text: false,
                });
            }
            let spacing = gs.tc + if d.is_space_code { gs.tw } else { 0.0 };
            let adv = if vertical {
                [1.0, 0.0, 0.0, 1.0, 0.0, d.w1y * fs - spacing]
            } else {
                [1.0, 0.0, 0.0, 1.0, (d.w0 * fs + spacing) * gs.th, 0.0]
            };
            let t = mul(&adv, &self.tm);
            if finite(&t) {
                self.tm = t;
            }
        }
    }

    /// Intersect the clip with the current path when it is one axis-aligned rectangle; any
    /// other clip shape leaves the rectangle clip as it was (unknown, not guessed).
    fn apply_clip(&mut self, gs: &mut GState) {
        if let [sp] = self.path.as_slice()
            && let Some(r) = axis_rect(sp)
        {
            let clip = match gs.clip {
                Some(c) => [
                    c[0].max(r[0]),
                    c[1].max(r[1]),
                    c[2].min(r[2]),
                    c[3].min(r[3]),
                ],
                None => r,
            };
            if gs.clip != Some(clip) {
                self.out.clip_rects.push(clip);
                gs.clip_id = u32::try_from(self.out.clip_rects.len()).unwrap_or(u32::MAX);
            }
            gs.clip = Some(clip);
        }
    }

    fn line_to(&mut self, p: [f64; 2], straight: bool) {
        match self.path.last_mut() {
            Some(sp) if !sp.closed => {
                sp.pts.push(p);
                sp.straight.push(straight);
            }
            _ => {
                // No current point (or after h): start a new subpath at p.
                let start = self
                    .path
                    .last()
                    .and_then(|sp| sp.pts.first().copied())
                    .unwrap_or(p);
                self.path.push(SubPath {
                    pts: vec![start, p],
                    straight: vec![straight],
                    closed: false,
                });
            }
        }
    }

    fn paint(&mut self, gs: &GState, stroke: bool, fill: bool, close: bool) {
        let path = std::mem::take(&mut self.path);
        let max = self.limits.max_glyphs_per_page;
        let scale = (gs.ctm[0] * gs.ctm[3] - gs.ctm[1] * gs.ctm[2]).abs().sqrt();
        for sp in &path {
            if fill && let Some(r) = axis_rect(sp) {
                if self.out.fills.len() < max {
                    self.out.fills.push(FillRect {
                        bbox: r,
                        color: gs.fill,
                    });
                }
                if !stroke {
                    continue;
                }
            }
            if !stroke {
                continue;
            }
            let mut segs: Vec<([f64; 2], [f64; 2])> = Vec::new();
            for (i, w) in sp.pts.windows(2).enumerate() {
                if sp.straight.get(i).copied().unwrap_or(false)
                    && let [a, b] = w
                {
                    segs.push((*a, *b));
                }
            }
            if (sp.closed || close)
                && let (Some(a), Some(b)) = (sp.pts.last(), sp.pts.first())
                && sp.pts.len() > 2
                && a != b
            {
                segs.push((*a, *b));
            }
            for (a, b) in segs {
                if self.out.rules.len() < max {
                    self.out.rules.push(Rule {
                        from: a,
                        to: b,
                        width: gs.line_width * scale,
                        color: gs.stroke,
                        dash: gs.dash.clone(),
                    });
                }
            }
        }
    }
}

/// The bounding box of a subpath that is an axis-aligned rectangle.
fn axis_rect(sp: &SubPath) -> Option<[f64; 4]> {
    let mut pts = sp.pts.clone();
    if pts.len() == 5 && pts.first() == pts.last() {
        pts.pop();
    }
    if pts.len() != 4 || !sp.straight.iter().all(|s| *s) {
        return None;
    }
    let eps = 0.01;
    for i in 0..4 {
        let (a, b) = (pts.get(i)?, pts.get((i + 1) % 4)?);
        if (a[0] - b[0]).abs() > eps && (a[1] - b[1]).abs() > eps {
            return None;
        }
    }
    let xs = pts.iter().map(|p| p[0]);
    let ys = pts.iter().map(|p| p[1]);
    Some([
        xs.clone().fold(f64::MAX, f64::min),
        ys.clone().fold(f64::MAX, f64::min),
        xs.fold(f64::MIN, f64::max),
        ys.fold(f64::MIN, f64::max),
    ])
}

fn clamp01(v: f64) -> f32 {
    v.clamp(0.0, 1.0) as f32
}

fn gray(v: f64) -> [f32; 3] {
    let g = clamp01(v);
    [g, g, g]
}

fn rgb(r: f64, g: f64, b: f64) -> [f32; 3] {
    [clamp01(r), clamp01(g), clamp01(b)]
}

fn cmyk(c: f64, m: f64, y: f64, k: f64) -> [f32; 3] {
    let k = k.clamp(0.0, 1.0);
    [
        clamp01((1.0 - c) * (1.0 - k)),
        clamp01((1.0 - m) * (1.0 - k)),
        clamp01((1.0 - y) * (1.0 - k)),
    ]
}

fn cs_default(args: &[Operand]) -> Option<[f32; 3]> {
    match args.first() {
        Some(Operand::Name(b"Pattern")) => None,
        _ => Some([0.0; 3]),
    }
}

fn comps(v: &[f64], args: &[Operand]) -> Option<[f32; 3]> {
    if args.iter().any(|a| matches!(a, Operand::Name(_))) {
        return None;
    }
    match v {
        [g] => Some(gray(*g)),
        [r, g, b] => Some(rgb(*r, *g, *b)),
        [c, m, y, k] => Some(cmyk(*c, *m, *y, *k)),
        _ => None,
    }
}
