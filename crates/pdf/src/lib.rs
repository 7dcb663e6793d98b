//! muniplan-pdf: the PDF reader — exact Unicode text with glyph boxes, rules and fills.
//!
//! Japanese PDFs store text in many ways: LibreOffice writes one-byte subset fonts with a
//! ToUnicode map, Chromium writes Type0/Identity-H or Type3 fonts, Microsoft Office writes
//! CIDFontType2 fonts, and older or non-embedded fonts use predefined CMaps (Shift_JIS,
//! EUC-JP, JIS, UCS-2) or have no ToUnicode at all. This crate reads all of them on top of
//! lopdf (which parses, repairs and decrypts the file) with its own font layer: a ToUnicode
//! CMap parser, the predefined Japanese CMaps, and the Adobe-Japan1 CID → Unicode table
//! compiled into the binary (derived by `cargo xtask cmaps` from Adobe's BSD-3 CMap files;
//! see `data/ADOBE-CMAP-LICENSE.txt`). A glyph that cannot be mapped is kept as U+FFFD with
//! `unmapped` set and counted in the page's [`TextQuality`]; it is never dropped or printed
//! as `(cid:N)`.
//!
//! # Brief overview
//!
//! - [`open`] with [`PdfOptions`] (password, [`Limits`]) gives a [`PdfDocument`] or a
//!   [`PdfError`] (not a PDF, needs a password, wrong password, damaged, limit exceeded).
//! - [`PdfDocument::page`] interprets one page into a [`PageContent`]: every [`Glyph`] with
//!   its Unicode text and box, stroked [`Rule`]s, filled rectangles ([`FillRect`]; Excel's
//!   borders are thin filled rectangles), the glyphs cut off by a rectangular clip
//!   (`clipped_glyphs`) and the clip rectangle each glyph was shown under (`glyph_clips`),
//!   the image count, a [`TextQuality`] figure and
//!   [`muniplan_ir::Diagnostic`]s naming the page (`pdf-content-damaged`,
//!   `pdf-stream-broken`, `pdf-unmapped-glyphs`, `pdf-no-text-layer`, `pdf-limit-exceeded`,
//!   …). It never panics and never fails: damage becomes diagnostics. Fonts are loaded once
//!   per document; a [`PdfDocument`] is `Send + Sync`, so pages can be read in parallel.
//! - [`PdfDocument::info`] gives producer, creator and encryption method.
//! - [`lines`] / [`words`] group glyphs by geometry (not content-stream order) into
//!   [`TextLine`]s and [`Word`]s, CJK-aware: a space is never put between two Japanese
//!   characters unless they are at least one em apart (separate table cells); between
//!   Japanese and Latin/digits, and between Latin glyphs, a word gap must exceed the line's
//!   typical gap (character spacing, justification) by 0.2 em, so touching runs such as
//!   `累計250件` never get a space while `ABC あいうえお 123` set with gaps does. Space
//!   glyphs always separate words. Vertical text (WMode 1, and glyphs placed one below the
//!   other in stream order) reads top to bottom, columns right to left, tiers top to bottom.
//!
//! Coordinates are PDF user space in points with the origin at the bottom-left of the page
//! as displayed: the CropBox origin is moved to (0, 0) and /Rotate is applied, so
//! `PageContent::size` is the displayed size and every box is `[x0, y0, x1, y1]`.
//!
//! This crate deliberately does not find tables, reading order of blocks, or meaning; it does
//! not render glyph outlines (boxes come from font metrics), run OCR, or execute Type3 glyph
//! procedures; it does not use any data file at run time. Of embedded font programs
//! it reads only a TrueType `cmap` (for CIDFontType2 fonts without ToUnicode whose CIDs are
//! not Adobe-Japan1); a CFF font without ToUnicode outside Adobe-Japan1, or a simple font
//! with meaningless glyph names, gives U+FFFD, counted in the page quality.
//!
//! Robustness: the content lexer, CMap parser and interpreter are written to not panic on
//! any input (bounded nesting, checked arithmetic, no unchecked indexing); as defence in
//! depth, [`PdfDocument::page`] also runs under `catch_unwind` and turns a panic into a
//! `pdf-internal-error` diagnostic (the tests assert it never fires).

mod cmap;
mod font;
mod glyphs;
mod interp;
mod lexer;
mod repair;
mod text;
mod truetype;

use std::sync::Arc;
use std::sync::atomic::AtomicUsize;

use lopdf::{Document, LoadOptions, Object, ObjectId};
use muniplan_ir::{Diagnostic, Location};

pub use text::{TextLine, Word, lines, words};

/// Bounds that protect a batch from one hostile or broken file.
#[derive(Debug, Clone, PartialEq)]
pub struct Limits {
    /// Largest decoded size of one stream (content, font map, form), and of one page's
    /// content streams together. Default 64 MiB.
    pub max_stream_bytes: usize,
    /// Total decoded bytes of content streams per document. Default 512 MiB.
    pub max_file_decoded_bytes: usize,
    /// Nesting depth of Form XObjects. Default 12.
    pub max_depth: usize,
    /// Pages read; later pages are reported, not read. Default 5000.
    pub max_pages: u32,
    /// Content operators interpreted per page (forms included). Default 5 000 000.
    pub max_ops_per_page: usize,
    /// Glyphs, rules and fills kept per page (each). Default 500 000.
    pub max_glyphs_per_page: usize,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_stream_bytes: 64 << 20,
            max_file_decoded_bytes: 512 << 20,
            max_depth: 12,
            max_pages: 5000,
            max_ops_per_page: 5_000_000,
            max_glyphs_per_page: 500_000,
        }
    }
}

/// Options for [`open`].
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PdfOptions {
    /// User or owner password for encrypted files. Files with an empty user password open
    /// without one.
    pub password: Option<String>,
    /// Resource bounds.
    pub limits: Limits,
}

/// Why a file could not be opened.
#[derive(Debug, thiserror::Error, PartialEq)]
pub enum PdfError {
    /// The bytes are not a PDF at all.
    #[error("not a pdf: {0}")]
    NotPdf(String),
    /// The file is encrypted with a user password and none was given.
    #[error("encrypted pdf needs a password ({method}); pass --password")]
    Encrypted {
        /// Encryption method, e.g. `AES-256`.
        method: String,
    },
    /// The given password opens neither as user nor owner password.
    #[error("wrong password for encrypted pdf ({method})")]
    WrongPassword {
        /// Encryption method.
        method: String,
    },
    /// The file is a PDF but could not be parsed.
    #[error("damaged pdf: {0}")]
    Damaged(String),
    /// A configured limit was hit while opening.
    #[error("limit exceeded: {0}")]
    LimitExceeded(String),
}

/// Facts about the document.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct DocInfo {
    /// /Producer of the Info dictionary.
    pub producer: Option<String>,
    /// /Creator of the Info dictionary.
    pub creator: Option<String>,
    /// /Title of the Info dictionary.
    pub title: Option<String>,
    /// Encryption method when the file was encrypted (`RC4-40`, `RC4-128`, `AES-128`,
    /// `AES-256`).
    pub encryption: Option<String>,
    /// PDF version from the header.
    pub version: String,
}

/// One glyph as shown on the page.
#[derive(Debug, Clone, PartialEq)]
pub struct Glyph {
    /// Unicode text (usually one character; more for ligatures and ActualText; U+FFFD when
    /// unmapped).
    pub text: String,
    /// `[x0, y0, x1, y1]`, page space (origin bottom-left, after CropBox/Rotate), from font
    /// metrics (advance width × ascent/descent).
    pub bbox: [f64; 4],
    /// Font name (/BaseFont).
    pub font: String,
    /// Effective font size in points (text matrix and CTM applied).
    pub size: f64,
    /// Written in vertical mode (WMode 1).
    pub vertical: bool,
    /// Render mode 3 (invisible, e.g. an OCR layer).
    pub invisible: bool,
    /// No Unicode mapping was found; `text` is U+FFFD.
    pub unmapped: bool,
    /// The text comes from an /ActualText span that replaced the glyphs it covered.
    pub actual_text: bool,
}

/// A stroked straight segment.
#[derive(Debug, Clone, PartialEq)]
pub struct Rule {
    /// Start point (page space).
    pub from: [f64; 2],
    /// End point (page space).
    pub to: [f64; 2],
    /// Line width in points (CTM applied).
    pub width: f64,
    /// Stroke colour as RGB 0..1 (`None` for patterns).
    pub color: Option<[f32; 3]>,
    /// Dash array (empty = solid).
    pub dash: Vec<f64>,
}

/// A filled axis-aligned rectangle (cell shading, or a border drawn as a thin fill).
#[derive(Debug, Clone, PartialEq)]
pub struct FillRect {
    /// `[x0, y0, x1, y1]` page space.
    pub bbox: [f64; 4],
    /// Fill colour as RGB 0..1 (`None` for patterns).
    pub color: Option<[f32; 3]>,
}

/// How trustworthy a page's text is.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct TextQuality {
    /// Glyphs on the page.
    pub glyphs: usize,
    /// Glyphs without a Unicode mapping (shown as U+FFFD).
    pub unmapped: usize,
    /// Glyphs whose mapping itself is U+FFFD.
    pub replacement: usize,
    /// Glyphs mapped to private-use code points.
    pub private_use: usize,
}

impl TextQuality {
    /// Share of good glyphs, 0..1 (1 for a page without glyphs).
    pub fn score(&self) -> f64 {
        if self.glyphs == 0 {
            return 1.0;
        }
        let bad = self.unmapped + self.replacement + self.private_use;
        1.0 - bad.min(self.glyphs) as f64 / self.glyphs as f64
    }
}

/// Everything read from one page.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct PageContent {
    /// 1-based page number.
    pub number: u32,
    /// Displayed size `[width, height]` in points (CropBox, Rotate applied).
    pub size: [f64; 2],
    /// Glyphs in content-stream order.
    pub glyphs: Vec<Glyph>,
    /// Stroked segments.
    pub rules: Vec<Rule>,
    /// Filled rectangles.
    pub fills: Vec<FillRect>,
    /// Indices into `glyphs` of glyphs whose box reaches outside the rectangular clip in
    /// force (text cut off by a cell border, e.g. LibreOffice's overflowing cells), ascending.
    pub clipped_glyphs: Vec<usize>,
    /// Parallel to `glyphs`: the axis-aligned clip each glyph was shown under, as 1 + its
    /// index in `clip_rects` (0: no clip, or one that is not a rectangle); see
    /// [`PageContent::clip_of`]. A producer that clips each cell's text to the cell
    /// (LibreOffice, Excel) draws the cells under different clips, so two touching glyphs
    /// under different clips are two cells' texts. May be empty (pages built by hand): then
    /// no clip is known for any glyph.
    pub glyph_clips: Vec<u32>,
    /// The rectangular clips set on the page (page space), in the order they were set.
    pub clip_rects: Vec<[f64; 4]>,
    /// Images drawn (XObjects and inline).
    pub n_images: usize,
    /// Problems found on this page.
    pub diagnostics: Vec<Diagnostic>,
    /// Text quality figure.
    pub quality: TextQuality,
}

impl PageContent {
    /// The clip rectangle glyph `i` was shown under (`None`: no clip, or none known).
    pub fn clip_of(&self, i: usize) -> Option<[f64; 4]> {
        let id = *self.glyph_clips.get(i)?;
        self.clip_rects
            .get(usize::try_from(id).ok()?.checked_sub(1)?)
            .copied()
    }
}

/// An opened PDF document.
pub struct PdfDocument {
    doc: Document,
    pages: Vec<ObjectId>,
    info: DocInfo,
    limits: Limits,
    fonts: interp::FontCache,
    decoded: AtomicUsize,
    diagnostics: Vec<Diagnostic>,
}

impl std::fmt::Debug for PdfDocument {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("PdfDocument")
            .field("pages", &self.pages.len())
            .field("info", &self.info)
            .finish()
    }
}

fn encryption_method(bytes: &[u8], version: i64, key_len: Option<usize>) -> String {
    let has = |needle: &[u8]| bytes.windows(needle.len()).any(|w| w == needle);
    match version {
        1 => "RC4-40".into(),
        2 | 3 => format!(
            "RC4-{}",
            key_len.map_or(128, |k| if k <= 16 { k * 8 } else { k })
        ),
        4 => {
            if has(b"AESV2") {
                "AES-128".into()
            } else {
                "RC4-128".into()
            }
        }
        5 | 6 => "AES-256".into(),
        _ => format!("security handler V{version}"),
    }
}

/// The encryption method named by the raw bytes (used when lopdf refuses the file).
fn method_from_bytes(b: &[u8]) -> String {
    let has = |needle: &[u8]| b.windows(needle.len()).any(|w| w == needle);
    if has(b"/AESV3") {
        "AES-256".into()
    } else if has(b"/AESV2") {
        "AES-128".into()
    } else if has(b"/V 1") || has(b"/V1") {
        "RC4-40".into()
    } else {
        "RC4-128".into()
    }
}

fn encrypt_version(doc: &Document) -> i64 {
    doc.get_encrypted()
        .ok()
        .and_then(|d| d.get(b"V").ok())
        .and_then(|o| o.as_i64().ok())
        .unwrap_or(0)
}

fn info_string(doc: &Document, key: &[u8]) -> Option<String> {
    let info = doc.trailer.get(b"Info").ok()?;
    let d = font::dict(doc, info)?;
    let o = font::get(doc, d, key)?;
    let s = lopdf::decode_text_string(o).ok()?;
    let s = s.trim_matches('\0').trim().to_string();
    (!s.is_empty()).then_some(s)
}

/// Open a PDF from its bytes.
pub fn open(bytes: &[u8], opts: &PdfOptions) -> Result<PdfDocument, PdfError> {
    if bytes.is_empty() {
        return Err(PdfError::NotPdf("empty file".into()));
    }
    let head = bytes.get(..bytes.len().min(1024)).unwrap_or(&[]);
    let Some(start) = head.windows(5).position(|w| w == b"%PDF-") else {
        return Err(PdfError::NotPdf("no %PDF- header".into()));
    };
    let body = bytes.get(start..).unwrap_or(&[]);
    let repaired = repair::indirect_encrypt(body);
    let body: &[u8] = repaired.as_deref().unwrap_or(body);
    let load = |password: Option<String>, force_reconstruct: bool| {
        Document::load_mem_with_options(
            body,
            LoadOptions {
                password,
                max_decompressed_size: Some(opts.limits.max_stream_bytes),
                force_reconstruct,
                ..Default::default()
            },
        )
    };
    // A file whose cross-reference data cannot be read (e.g. truncated) gets a second
    // chance: lopdf rebuilds the table by scanning for objects.
    let loaded = load(opts.password.clone(), false).or_else(|e| {
        let msg = e.to_string();
        if matches!(e, lopdf::Error::InvalidPassword)
            || msg.contains("password")
            || msg.contains("limit")
        {
            Err(e)
        } else {
            load(opts.password.clone(), true).map_err(|_| e)
        }
    });
    let doc = match loaded {
        Ok(d) => d,
        Err(e) => {
            let msg = e.to_string();
            if matches!(e, lopdf::Error::InvalidPassword) || msg.contains("password") {
                let method = method_from_bytes(body);
                return Err(match opts.password {
                    Some(_) => PdfError::WrongPassword { method },
                    None => PdfError::Encrypted { method },
                });
            }
            if msg.contains("limit") {
                return Err(PdfError::LimitExceeded(first_line(&msg)));
            }
            return Err(PdfError::Damaged(first_line(&msg)));
        }
    };
    let mut doc = doc;
    let mut method = None;
    if doc.is_encrypted() {
        // Still encrypted after loading: the empty user password did not open it.
        let m = encryption_method(body, encrypt_version(&doc), None);
        match &opts.password {
            None => return Err(PdfError::Encrypted { method: m }),
            Some(p) => {
                if doc.decrypt(p).is_err() && doc.is_encrypted() {
                    return Err(PdfError::WrongPassword { method: m });
                }
            }
        }
        method = Some(m);
    }
    if method.is_none()
        && let Some(st) = &doc.encryption_state
    {
        method = Some(encryption_method(body, st.version(), st.key_length()));
    }
    let version = doc.version.clone();
    let pages: Vec<ObjectId> = doc.get_pages().into_values().collect();
    let mut diagnostics = Vec::new();
    if pages.is_empty() {
        diagnostics.push(Diagnostic::error(
            "pdf-no-pages",
            "the document has no pages (damaged page tree?)",
            None,
        ));
    }
    if pages.len() > opts.limits.max_pages as usize {
        diagnostics.push(Diagnostic::warning(
            "pdf-limit-exceeded",
            format!(
                "the document has {} pages; only the first {} are read",
                pages.len(),
                opts.limits.max_pages
            ),
            None,
        ));
    }
    let info = DocInfo {
        producer: info_string(&doc, b"Producer"),
        creator: info_string(&doc, b"Creator"),
        title: info_string(&doc, b"Title"),
        encryption: method,
        version,
    };
    Ok(PdfDocument {
        doc,
        pages,
        info,
        limits: opts.limits.clone(),
        fonts: std::sync::Mutex::new(Default::default()),
        decoded: AtomicUsize::new(0),
        diagnostics,
    })
}

fn first_line(s: &str) -> String {
    s.lines().next().unwrap_or("").trim().to_lowercase()
}

/// The page dictionary attribute `key`, inherited through /Parent.
fn inherited<'a>(doc: &'a Document, page: &'a lopdf::Dictionary, key: &[u8]) -> Option<&'a Object> {
    let mut d = page;
    for _ in 0..32 {
        if let Some(o) = font::get(doc, d, key) {
            return Some(o);
        }
        d = font::get(doc, d, b"Parent").and_then(|p| font::dict(doc, p))?;
    }
    None
}

fn rect(doc: &Document, o: Option<&Object>) -> Option<[f64; 4]> {
    let Object::Array(a) = o? else { return None };
    let v: Vec<f64> = a
        .iter()
        .filter_map(|x| font::num(font::deref(doc, x)))
        .collect();
    match v.as_slice() {
        [a, b, c, d] => {
            let r = [a.min(*c), b.min(*d), a.max(*c), b.max(*d)];
            (r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0).then_some(r)
        }
        _ => None,
    }
}

impl PdfDocument {
    /// Number of pages.
    pub fn page_count(&self) -> u32 {
        u32::try_from(self.pages.len()).unwrap_or(u32::MAX)
    }

    /// Producer, creator, encryption.
    pub fn info(&self) -> &DocInfo {
        &self.info
    }

    /// Document-level diagnostics (no pages, page limit).
    pub fn diagnostics(&self) -> &[Diagnostic] {
        &self.diagnostics
    }

    /// Read page `number` (1-based). Never fails: a missing or broken page gives a
    /// `PageContent` whose diagnostics say why.
    pub fn page(&self, number: u32) -> PageContent {
        let guarded =
            std::panic::catch_unwind(std::panic::AssertUnwindSafe(|| self.page_inner(number)));
        match guarded {
            Ok(p) => p,
            Err(_) => PageContent {
                number,
                diagnostics: vec![Diagnostic::error(
                    "pdf-internal-error",
                    format!("page {number}: internal error while reading the page (please report)"),
                    None,
                )],
                ..Default::default()
            },
        }
    }

    fn page_inner(&self, number: u32) -> PageContent {
        let mut pc = PageContent {
            number,
            ..Default::default()
        };
        let Some(id) = number
            .checked_sub(1)
            .and_then(|i| self.pages.get(i as usize))
            .copied()
        else {
            pc.diagnostics.push(Diagnostic::error(
                "pdf-page-missing",
                format!("page {number} does not exist ({} pages)", self.pages.len()),
                None,
            ));
            return pc;
        };
        if number > self.limits.max_pages {
            pc.diagnostics.push(Diagnostic::warning(
                "pdf-limit-exceeded",
                format!(
                    "page {number}: beyond the page limit of {}",
                    self.limits.max_pages
                ),
                None,
            ));
            return pc;
        }
        let doc = &self.doc;
        let Ok(page) = doc.get_dictionary(id) else {
            pc.diagnostics.push(Diagnostic::error(
                "pdf-page-damaged",
                format!(
                    "page {number}: page object {} {} cannot be read",
                    id.0, id.1
                ),
                None,
            ));
            return pc;
        };
        let media =
            rect(doc, inherited(doc, page, b"MediaBox")).unwrap_or([0.0, 0.0, 612.0, 792.0]);
        let crop = rect(doc, inherited(doc, page, b"CropBox"))
            .map(|c| {
                // Intersect with the MediaBox.
                let r = [
                    c[0].max(media[0]),
                    c[1].max(media[1]),
                    c[2].min(media[2]),
                    c[3].min(media[3]),
                ];
                if r[2] - r[0] > 1.0 && r[3] - r[1] > 1.0 {
                    r
                } else {
                    media
                }
            })
            .unwrap_or(media);
        let rotate = inherited(doc, page, b"Rotate")
            .and_then(font::num)
            .map(|r| ((r as i64 % 360) + 360) % 360)
            .unwrap_or(0);
        let (w, h) = (crop[2] - crop[0], crop[3] - crop[1]);
        let (cx, cy) = (crop[0], crop[1]);
        let (ctm, size) = match rotate {
            90 => ([0.0, -1.0, 1.0, 0.0, -cy, cx + w], [h, w]),
            180 => ([-1.0, 0.0, 0.0, -1.0, cx + w, cy + h], [w, h]),
            270 => ([0.0, 1.0, -1.0, 0.0, cy + h, -cx], [h, w]),
            _ => ([1.0, 0.0, 0.0, 1.0, -cx, -cy], [w, h]),
        };
        pc.size = size;
        let page_box = [0.0, 0.0, size[0], size[1]];
        let loc = Some(Location::Pdf {
            page: number,
            bbox: page_box,
        });

        // Content streams.
        let mut content = Vec::new();
        let streams: Vec<&Object> = match page.get(b"Contents") {
            Ok(Object::Array(a)) => a.iter().collect(),
            Ok(o) => match font::deref(doc, o) {
                Object::Array(a) => a.iter().collect(),
                _ => vec![o],
            },
            Err(_) => Vec::new(),
        };
        let mut interp = interp::Interp::new(
            doc,
            &self.fonts,
            &self.limits,
            &self.decoded,
            number,
            page_box,
        );
        let mut within_budget = true;
        for (k, s) in streams.iter().enumerate() {
            match font::deref(doc, s) {
                Object::Stream(st) => {
                    match st.get_plain_content_with_limit(self.limits.max_stream_bytes) {
                        Ok(b) => {
                            // Charge each stream as it is decoded, so a page made of many
                            // large streams stops at the per-file budget, not after it.
                            if !interp.charge(b.len()) {
                                within_budget = false;
                                break;
                            }
                            if content.len().saturating_add(b.len()) > self.limits.max_stream_bytes
                            {
                                pc.diagnostics.push(Diagnostic::error(
                                    "pdf-limit-exceeded",
                                    format!(
                                        "page {number}: content streams together exceed the limit of {} bytes; the rest of the page was skipped",
                                        self.limits.max_stream_bytes
                                    ),
                                    loc.clone(),
                                ));
                                break;
                            }
                            if b.is_empty() && !st.content.is_empty() {
                                pc.diagnostics.push(Diagnostic::warning(
                                    "pdf-stream-broken",
                                    format!(
                                        "page {number}: content stream {} of {} decodes to nothing (broken compressed data); its text is missing",
                                        k + 1,
                                        streams.len()
                                    ),
                                    loc.clone(),
                                ));
                            }
                            content.extend_from_slice(&b);
                            content.push(b'\n');
                        }
                        Err(lopdf::Error::Decompress(
                            lopdf::DecompressError::MemoryLimitExceeded { limit },
                        )) => pc.diagnostics.push(Diagnostic::error(
                            "pdf-limit-exceeded",
                            format!(
                                "page {number}: content stream {} of {} decodes to more than {limit} bytes; skipped",
                                k + 1,
                                streams.len()
                            ),
                            loc.clone(),
                        )),
                        Err(e) => pc.diagnostics.push(Diagnostic::warning(
                            "pdf-stream-broken",
                            format!(
                                "page {number}: content stream {} of {} cannot be decoded ({}); its text is missing",
                                k + 1,
                                streams.len(),
                                first_line(&e.to_string())
                            ),
                            loc.clone(),
                        )),
                    }
                }
                Object::Null => pc.diagnostics.push(Diagnostic::warning(
                    "pdf-stream-broken",
                    format!(
                        "page {number}: content stream {} of {} is missing",
                        k + 1,
                        streams.len()
                    ),
                    loc.clone(),
                )),
                _ => {}
            }
        }
        if within_budget {
            let resources = inherited(doc, page, b"Resources").and_then(|o| font::dict(doc, o));
            interp.run_page(&content, resources, ctm);
        }
        let out = std::mem::take(&mut interp.out);
        pc.diagnostics.extend(out.diagnostics);
        pc.clipped_glyphs = out
            .clipped
            .iter()
            .enumerate()
            .filter_map(|(i, c)| c.then_some(i))
            .collect();
        pc.glyph_clips = out.clip_ids;
        pc.clip_rects = out.clip_rects;
        pc.glyphs = out.glyphs;
        pc.rules = out.rules;
        pc.fills = out.fills;
        pc.n_images = out.n_images;

        // Quality.
        let mut q = TextQuality::default();
        for g in &pc.glyphs {
            if g.text.trim().is_empty() && !g.unmapped {
                continue;
            }
            q.glyphs += 1;
            if g.unmapped {
                q.unmapped += 1;
            } else if g.text.contains('\u{fffd}') {
                q.replacement += 1;
            } else if g.text.chars().any(is_private_use) {
                q.private_use += 1;
            }
        }
        pc.quality = q;
        let bad = q.unmapped + q.replacement + q.private_use;
        if bad > 0 {
            pc.diagnostics.push(Diagnostic::warning(
                "pdf-unmapped-glyphs",
                format!(
                    "page {number}: {bad} of {} glyphs have no usable Unicode mapping ({} unmapped, shown as U+FFFD; {} U+FFFD; {} private use)",
                    q.glyphs, q.unmapped, q.replacement, q.private_use
                ),
                loc.clone(),
            ));
        }
        let visible = pc.glyphs.iter().filter(|g| !g.invisible).count();
        if visible == 0 && pc.n_images > 0 {
            pc.diagnostics.push(Diagnostic::warning(
                "pdf-no-text-layer",
                format!(
                    "page {number}: no text layer (scanned?); {} image(s) and no text",
                    pc.n_images
                ),
                loc,
            ));
        }
        pc
    }

    /// Fonts loaded so far (for `inspect`): names.
    pub fn loaded_fonts(&self) -> Vec<String> {
        let mut v: Vec<String> = self
            .fonts
            .lock()
            .map(|c| {
                c.values()
                    .map(|f: &Arc<font::Font>| f.name.clone())
                    .collect()
            })
            .unwrap_or_default();
        v.sort();
        v.dedup();
        v
    }
}

fn is_private_use(c: char) -> bool {
    let u = u32::from(c);
    (0xe000..=0xf8ff).contains(&u) || (0xf0000..=0x10ffff).contains(&u)
}

#[cfg(test)]
mod robustness {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    /// Deterministic random byte strings, biased towards PDF syntax characters.
    fn inputs(n: usize) -> Vec<Vec<u8>> {
        let alphabet =
            b"()<>[]{}/%\\ \n0123456789.-+BTETfjJmlcreSfnqQWd'\"beginbfcharrangecodespaceusecmap";
        let mut seed: u64 = 0x2545_f491_4f6c_dd1d;
        let mut next = move || {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed
        };
        (0..n)
            .map(|_| {
                let len = (next() % 400) as usize;
                (0..len)
                    .map(|_| {
                        let r = next();
                        if r % 3 == 0 {
                            (r >> 8) as u8
                        } else {
                            alphabet[((r >> 8) % alphabet.len() as u64) as usize]
                        }
                    })
                    .collect()
            })
            .collect()
    }

    #[test]
    fn parsers_never_panic_on_random_input() {
        for data in inputs(800) {
            let mut lx = crate::lexer::Lexer::new(&data);
            let mut args = Vec::new();
            while lx.next_op(&mut args).is_some() {}
            let cm = crate::cmap::parse(&data, 10_000);
            for code in 0..64u32 {
                let _ = cm.unicode(code, 1);
                let _ = cm.unicode(code, 2);
                let _ = cm.cid(code, 2);
            }
            let _ = crate::cmap::split_codes(&cm.spaces, 2, &data);
            let _ = crate::truetype::gid_to_unicode(&data);
            let _ = crate::repair::indirect_encrypt(&data);
            for name in [
                "90ms-RKSJ-H",
                "EUC-V",
                "H",
                "UniJIS-UCS2-H",
                "UniJIS-UTF16-V",
            ] {
                if let Some(p) = crate::cmap::predefined(name) {
                    for (c, l) in p.split(&data) {
                        let _ = (p.text(c, l), p.cid(c, l));
                    }
                }
            }
        }
    }
}
