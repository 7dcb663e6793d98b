//! The hand-built font-path fixtures (`fixtures/pdf/fonts/`): one small file per path that
//! no producer on this machine writes, each with the exact text a correct reader must give.

use std::collections::BTreeMap;
use std::fmt::Write as _;
use std::path::Path;

use anyhow::{Context, bail};

use super::cmap::{Aj1, CidCMap, aj1_width};
use super::fontlib::{
    Aj1Text, Type0Spec, WForm, add_helvetica, add_type0, aj1_advance, helvetica_advance,
    to_unicode_cmap,
};
use super::writer::{OnePage, PdfWriter, hex, literal, num, two_byte, utf16be};

/// One generated fixture: file stem, PDF bytes, expected lines.
pub struct Fixture {
    /// File stem (`unijis-ucs2-h` → `unijis-ucs2-h.pdf`).
    pub name: &'static str,
    /// The PDF file.
    pub pdf: Vec<u8>,
    /// The text a correct reader gives, one entry per visual line, top to bottom.
    pub lines: Vec<String>,
}

/// Builds every font fixture.
pub fn build_all() -> anyhow::Result<Vec<Fixture>> {
    let aj1 = Aj1::load()?;
    let mut all = PREDEFINED
        .iter()
        .map(predefined)
        .collect::<anyhow::Result<Vec<_>>>()?;
    all.extend([
        identity_h_no_tounicode(&aj1)?,
        identity_v_vertical(&aj1, true)?,
        identity_v_vertical(&aj1, false)?,
        type3()?,
        actual_text(&aj1)?,
        simple_winansi_differences()?,
        mixed_latin_japanese(&aj1)?,
        tj_kerning(&aj1)?,
        tc_tw_tz(&aj1)?,
        td_tstar(&aj1)?,
        rotate_90(&aj1)?,
        cropbox_offset(&aj1)?,
        content_order(&aj1)?,
        embedded_cmap(&aj1)?,
        form_xobject(&aj1)?,
        rise_render_mode(&aj1)?,
    ]);
    Ok(all)
}

/// Writes every font fixture and its `.expected.txt` into `dir`.
pub fn write_all(dir: &Path) -> anyhow::Result<Vec<Fixture>> {
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let all = build_all()?;
    for f in &all {
        let pdf = dir.join(format!("{}.pdf", f.name));
        std::fs::write(&pdf, &f.pdf).with_context(|| format!("writing {}", pdf.display()))?;
        let txt = dir.join(format!("{}.expected.txt", f.name));
        std::fs::write(&txt, expected_text(&f.lines))
            .with_context(|| format!("writing {}", txt.display()))?;
    }
    Ok(all)
}

/// A one-page fixture: the page (`media_box`, extra page entries, `/Resources` body) draws
/// `content`; `lines` is the text a correct reader gives.
fn one_page(
    name: &'static str,
    lines: Vec<String>,
    w: PdfWriter,
    media_box: [f64; 4],
    page_extra: &str,
    resources: &str,
    content: &str,
) -> anyhow::Result<Fixture> {
    let pdf = OnePage {
        media_box,
        page_extra,
        resources,
        content: content.as_bytes(),
    }
    .finish(w)?;
    Ok(Fixture { name, pdf, lines })
}

/// Helvetica (WinAnsi) and the Adobe-Japan1 font of `t` as GothicBBB-Medium, in that order:
/// the pair most fixtures draw with (`/F1` Latin, `/F2` Japanese).
fn helvetica_and_gothic(w: &mut PdfWriter, t: &Aj1Text) -> (u32, u32) {
    let f1 = add_helvetica(w, "/WinAnsiEncoding", &[]);
    let (f2, _) = t.write_font(w, "GothicBBB-Medium", false, String::new());
    (f1, f2)
}

/// The `.expected.txt` content: one line per visual line, each ending in `\n`.
pub fn expected_text(lines: &[String]) -> String {
    lines.iter().map(|l| format!("{l}\n")).collect()
}

fn lines(v: &[&str]) -> Vec<String> {
    v.iter().map(|s| (*s).to_string()).collect()
}

/// Page size around horizontal lines: margins 20 pt, `leading` between baselines.
fn page_for(widest: f64, n_lines: usize, leading: f64) -> [f64; 4] {
    let w = (widest + 40.0).ceil();
    let h = (n_lines as f64 * leading + 40.0).ceil();
    [0.0, 0.0, w, h]
}

// ---------------------------------------------------------------------------------------
// a), b) non-embedded CIDFontType0 with predefined CMaps (no ToUnicode)

/// How a predefined-CMap fixture turns one character into its code bytes.
#[derive(Clone, Copy)]
enum CodeScheme {
    /// UCS-2 big-endian (BMP only).
    Ucs2,
    /// UTF-16 big-endian (surrogate pairs are one 4-byte code).
    Utf16,
    /// Shift_JIS / CP932 through encoding_rs (1-byte ASCII, 2-byte JIS).
    ShiftJis,
    /// EUC-JP through encoding_rs.
    EucJp,
}

impl CodeScheme {
    fn code(self, ch: char) -> anyhow::Result<Vec<u8>> {
        let s = ch.to_string();
        match self {
            CodeScheme::Ucs2 => {
                let u = u16::try_from(u32::from(ch)).context("UCS-2 holds only the BMP")?;
                Ok(u.to_be_bytes().to_vec())
            }
            CodeScheme::Utf16 => Ok(utf16be(&s)),
            CodeScheme::ShiftJis | CodeScheme::EucJp => {
                let enc = if matches!(self, CodeScheme::ShiftJis) {
                    encoding_rs::SHIFT_JIS
                } else {
                    encoding_rs::EUC_JP
                };
                let (bytes, _, unmappable) = enc.encode(&s);
                if unmappable {
                    bail!("{ch:?} is not encodable in {}", enc.name());
                }
                Ok(bytes.into_owned())
            }
        }
    }
}

/// A fixture whose only font is a non-embedded Type0 with a predefined CMap.
struct Predefined {
    name: &'static str,
    cmap: &'static str,
    scheme: CodeScheme,
    base: &'static str,
    w_form: WForm,
    /// Literal strings (as older producers wrote Shift_JIS) instead of hex.
    literal: bool,
    /// Vertical columns (a `-V` CMap), read right to left.
    vertical: bool,
    text: &'static [&'static str],
}

fn predefined(p: &Predefined) -> anyhow::Result<Fixture> {
    let text = lines(p.text);
    let cmap = CidCMap::load(p.cmap)?;
    let size = if p.vertical { 16.0 } else { 14.0 };
    let leading = 22.0;
    let mut widths = BTreeMap::new();
    let mut w2 = Vec::new();
    let mut encoded = Vec::new();
    let mut longest = 0.0f64;
    for line in &text {
        let mut bytes = Vec::new();
        let mut adv = 0u32;
        for ch in line.chars() {
            let code = p.scheme.code(ch)?;
            let cid = cmap.cid_of(&code, &format!("{ch:?}"))?;
            let wid = aj1_width(cid);
            widths.insert(cid, wid);
            if p.vertical && wid != 1000 {
                w2.push(format!("{cid} [-800 {} 800]", wid / 2));
                adv += 800;
            } else {
                adv += if p.vertical { 1000 } else { wid };
            }
            bytes.extend_from_slice(&code);
        }
        longest = longest.max(f64::from(adv) * size / 1000.0);
        encoded.push(bytes);
    }
    let show = |b: &[u8]| if p.literal { literal(b) } else { hex(b) };
    let (media, content) = if p.vertical {
        let col_gap = 26.0;
        let width = 40.0 + col_gap * text.len() as f64;
        let height = (longest + 40.0).ceil();
        let mut c = format!("BT\n/F1 {} Tf\n", num(size));
        for (i, bytes) in encoded.iter().enumerate() {
            let x = width - 20.0 - size / 2.0 - col_gap * i as f64;
            let _ = writeln!(
                c,
                "1 0 0 1 {} {} Tm\n{} Tj",
                num(x),
                num(height - 20.0),
                show(bytes)
            );
        }
        c.push_str("ET\n");
        ([0.0, 0.0, width, height], c)
    } else {
        let media = page_for(longest, text.len(), leading);
        let mut c = format!(
            "BT\n/F1 {} Tf\n{} TL\n20 {} Td\n",
            num(size),
            num(leading),
            num(media[3] - 20.0 - size)
        );
        for (i, bytes) in encoded.iter().enumerate() {
            if i > 0 {
                c.push_str("T*\n");
            }
            let _ = writeln!(c, "{} Tj", show(bytes));
        }
        c.push_str("ET\n");
        (media, c)
    };
    w2.sort();
    w2.dedup();
    let cid_extra = if p.vertical {
        format!("/DW2 [880 -1000] /W2 [{}]", w2.join(" "))
    } else {
        String::new()
    };
    let mut w = PdfWriter::new();
    let font = add_type0(
        &mut w,
        &Type0Spec {
            base: p.base,
            encoding: &format!("/{}", p.cmap),
            encoding_name: p.cmap,
            widths,
            w_form: p.w_form,
            cid_extra,
            to_unicode: None,
        },
    );
    one_page(
        p.name,
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

const PREDEFINED: [Predefined; 6] = [
    Predefined {
        name: "unijis-ucs2-h",
        cmap: "UniJIS-UCS2-H",
        scheme: CodeScheme::Ucs2,
        base: "HeiseiKakuGo-W5",
        w_form: WForm::Range,
        literal: false,
        vertical: false,
        text: &["令和５（2023）年度", "電子申請手続きの拡大", "累計250件"],
    },
    Predefined {
        name: "unijis-ucs2-v",
        cmap: "UniJIS-UCS2-V",
        scheme: CodeScheme::Ucs2,
        base: "HeiseiMin-W3",
        w_form: WForm::Array,
        literal: false,
        vertical: true,
        text: &["第5次南アルプス市", "行政改革実施計画（案）"],
    },
    Predefined {
        name: "unijis-utf16-h",
        cmap: "UniJIS-UTF16-H",
        scheme: CodeScheme::Utf16,
        base: "KozMinPr6N-Regular",
        w_form: WForm::Array,
        literal: false,
        vertical: false,
        text: &["担当：𠮷田（納税課）", "令和５（2023）年度"],
    },
    Predefined {
        name: "90ms-rksj-h",
        cmap: "90ms-RKSJ-H",
        scheme: CodeScheme::ShiftJis,
        base: "Ryumin-Light",
        w_form: WForm::Array,
        literal: true,
        vertical: false,
        text: &[
            "No.1【①行政手続きのオンライン化】",
            "累計250件",
            "（R3）26件",
        ],
    },
    Predefined {
        name: "90msp-rksj-h",
        cmap: "90msp-RKSJ-H",
        scheme: CodeScheme::ShiftJis,
        base: "GothicBBB-Medium",
        w_form: WForm::Array,
        literal: true,
        vertical: false,
        text: &["ペイジー(Pay-easy)による即時登録", "98.60%"],
    },
    Predefined {
        name: "euc-h",
        cmap: "EUC-H",
        scheme: CodeScheme::EucJp,
        base: "Ryumin-Light",
        w_form: WForm::Array,
        literal: false,
        vertical: false,
        text: &["電子申請手続きの拡大", "累計250件"],
    },
];

// ---------------------------------------------------------------------------------------
// c) Identity-H without ToUnicode: codes are Adobe-Japan1 CIDs

fn identity_h_no_tounicode(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&[
        "電子申請手続き可能件数",
        "（R3）26件",
        "累計450件",
        "マイナンバーカードの交付枚数",
    ]);
    let size = 12.0;
    let leading = 20.0;
    let mut widths = BTreeMap::new();
    let mut encoded = Vec::new();
    let mut widest = 0.0f64;
    for line in &text {
        let cids = aj1.cids_unique(line)?;
        for c in &cids {
            widths.insert(u32::from(*c), aj1_width(u32::from(*c)));
        }
        widest = widest.max(f64::from(aj1_advance(&cids)) * size / 1000.0);
        encoded.push(cids);
    }
    let media = page_for(widest, text.len(), leading);
    let mut content = String::from("BT\n");
    for (i, cids) in encoded.iter().enumerate() {
        let y = media[3] - 20.0 - size - leading * i as f64;
        let _ = writeln!(
            content,
            "/F1 {} Tf\n1 0 0 1 20 {} Tm\n{} Tj",
            num(size),
            num(y),
            hex(&two_byte(cids))
        );
    }
    content.push_str("ET\n");
    let mut w = PdfWriter::new();
    let font = add_type0(
        &mut w,
        &Type0Spec {
            base: "Ryumin-Light",
            encoding: "/Identity-H",
            encoding_name: "Identity-H",
            widths,
            w_form: WForm::Array,
            cid_extra: String::new(),
            to_unicode: None,
        },
    );
    one_page(
        "identity-h-no-tounicode",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

// ---------------------------------------------------------------------------------------
// d) Identity-V vertical text, two columns read right to left

/// With ToUnicode (`identity-v-vertical`) or without (`identity-v-no-tounicode`: the codes
/// are Adobe-Japan1 CIDs each mapping back to exactly one character).
fn identity_v_vertical(aj1: &Aj1, to_unicode: bool) -> anyhow::Result<Fixture> {
    // Column 1 (right) first; half-width '5' gets its own vertical metrics through /W2.
    let text = lines(&["第5次南アルプス市", "行政改革実施計画"]);
    let size = 16.0;
    let col_gap = 26.0;
    let mut t = Aj1Text::default();
    let mut cols = Vec::new();
    let mut tallest = 0u32;
    let mut w2 = Vec::new();
    for col in &text {
        let cids = t.cids(aj1, col)?;
        if !to_unicode {
            aj1.cids_unique(col)?;
        }
        let mut h = 0u32;
        for c in &cids {
            let wid = aj1_width(u32::from(*c));
            if wid != 1000 {
                // Upright half-width glyph in a shorter cell: advance 0.8 em down, baseline
                // 0.8 em below the top, origin at its horizontal centre.
                w2.push(format!("{c} [-800 {} 800]", wid / 2));
                h += 800;
            } else {
                h += 1000;
            }
        }
        tallest = tallest.max(h);
        cols.push(cids);
    }
    w2.sort();
    w2.dedup();
    let width = 40.0 + col_gap * text.len() as f64;
    let height = (f64::from(tallest) * size / 1000.0 + 40.0).ceil();
    let media = [0.0, 0.0, width, height];
    let mut content = format!("BT\n/F1 {} Tf\n", num(size));
    for (i, cids) in cols.iter().enumerate() {
        let x = width - 20.0 - size / 2.0 - col_gap * i as f64;
        let _ = writeln!(
            content,
            "1 0 0 1 {} {} Tm\n{} Tj",
            num(x),
            num(height - 20.0),
            hex(&two_byte(cids))
        );
    }
    content.push_str("ET\n");
    let mut w = PdfWriter::new();
    let vertical_metrics = format!("/DW2 [880 -1000] /W2 [{}]", w2.join(" "));
    let font = if to_unicode {
        t.write_font(&mut w, "Ryumin-Light", true, vertical_metrics)
            .0
    } else {
        add_type0(
            &mut w,
            &Type0Spec {
                base: "Ryumin-Light",
                encoding: "/Identity-V",
                encoding_name: "Identity-V",
                widths: t.widths(),
                w_form: WForm::Array,
                cid_extra: vertical_metrics,
                to_unicode: None,
            },
        )
    };
    one_page(
        if to_unicode {
            "identity-v-vertical"
        } else {
            "identity-v-no-tounicode"
        },
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

// ---------------------------------------------------------------------------------------
// e) Type3 font: FontMatrix 0.01, /Differences with meaningless names, ToUnicode

fn type3() -> anyhow::Result<Fixture> {
    let text = lines(&["累計250件", "R4 R5 R6"]);
    let size = 14.0;
    let leading = 22.0;
    // Codes from 1 in order of first use; the space keeps code 32 (so Tw would apply).
    let mut codes: BTreeMap<char, u8> = BTreeMap::new();
    let mut order: Vec<char> = Vec::new();
    let mut next = 1u8;
    for ch in text.iter().flat_map(|l| l.chars()) {
        if codes.contains_key(&ch) {
            continue;
        }
        let code = if ch == ' ' { 32 } else { next };
        if ch != ' ' {
            next += 1;
        }
        codes.insert(ch, code);
        order.push(ch);
    }
    // Glyph space: 100 units per em (FontMatrix 0.01).
    let width_of = |ch: char| -> u32 { if ch.is_ascii() { 50 } else { 100 } };
    let mut w = PdfWriter::new();
    let mut procs = Vec::new();
    let mut diffs = Vec::new();
    let mut to_uni = BTreeMap::new();
    let last = codes.values().copied().max().unwrap_or(1);
    let mut widths = vec![0u32; usize::from(last)];
    for ch in &order {
        let code = codes.get(ch).copied().unwrap_or(0);
        let name = if *ch == ' ' {
            "space".to_string()
        } else {
            format!("g{code}")
        };
        let wid = width_of(*ch);
        let body = if *ch == ' ' {
            format!("{wid} 0 0 0 0 0 d1\n")
        } else {
            // A hollow box, its inner size varying with the code so glyphs differ.
            let inset = 8 + u32::from(code % 5) * 4;
            format!(
                "{wid} 0 0 -10 {wid} 90 d1\n{} -5 {} 90 re {} {} {} {} re f*\n",
                wid / 10,
                wid * 8 / 10,
                wid / 10 + inset / 2,
                inset - 5,
                (wid * 8 / 10).saturating_sub(inset),
                90u32.saturating_sub(2 * inset)
            )
        };
        let id = w.add_stream("", body.as_bytes());
        procs.push(format!("/{name} {id} 0 R"));
        diffs.push(format!("{code} /{name}"));
        to_uni.insert(u32::from(code), ch.to_string());
        if let Some(slot) = widths.get_mut(usize::from(code) - 1) {
            *slot = wid;
        }
    }
    let (cmap, _) = to_unicode_cmap(&to_uni, 1);
    let tu = w.add_stream("", &cmap);
    let font = w.add(format!(
        "<< /Type /Font /Subtype /Type3 /FontBBox [0 -10 100 90] /FontMatrix [0.01 0 0 0.01 0 0] \
         /CharProcs << {} >> /Encoding << /Type /Encoding /Differences [{}] >> /FirstChar 1 \
         /LastChar {last} /Widths [{}] /Resources << >> /ToUnicode {tu} 0 R >>",
        procs.join(" "),
        diffs.join(" "),
        widths
            .iter()
            .map(u32::to_string)
            .collect::<Vec<_>>()
            .join(" ")
    ));
    let mut widest = 0.0f64;
    let mut content = format!("BT\n/F1 {} Tf\n", num(size));
    let top = 20.0 + leading * text.len() as f64;
    for (i, line) in text.iter().enumerate() {
        let bytes: Vec<u8> = line
            .chars()
            .map(|c| codes.get(&c).copied().unwrap_or(0))
            .collect();
        let adv: u32 = line.chars().map(width_of).sum();
        widest = widest.max(f64::from(adv) * size / 100.0);
        let _ = writeln!(
            content,
            "1 0 0 1 20 {} Tm\n{} Tj",
            num(top - size - leading * i as f64),
            hex(&bytes)
        );
    }
    content.push_str("ET\n");
    let media = page_for(widest, text.len(), leading);
    one_page(
        "type3",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

// ---------------------------------------------------------------------------------------
// f) ActualText spans replacing the glyphs they cover

fn actual_text(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let expected = lines(&["令和８年度", "累計250件"]);
    let size = 14.0;
    let leading = 22.0;
    let mut t = Aj1Text::default();
    // Line 1: the era ligature glyph ㋿ (U+32FF) stands for 令和.
    let reiwa = aj1.cid('㋿')?;
    t.custom(reiwa, "㋿")?;
    let rest1 = t.cids(aj1, "８年度")?;
    // Line 2: 累 and 計 drawn with glyphs whose ToUnicode points into the private use area
    // (gaiji), the real text given by ActualText as a literal UTF-16BE string with a BOM.
    let rui = aj1.cid('累')?;
    let kei = aj1.cid('計')?;
    t.custom(rui, "\u{E000}")?;
    t.custom(kei, "\u{E001}")?;
    let rest2 = t.cids(aj1, "250件")?;
    let mut bom_reiwa = vec![0xFE, 0xFF];
    bom_reiwa.extend(utf16be("令和"));
    let mut bom_ruikei = vec![0xFE, 0xFF];
    bom_ruikei.extend(utf16be("累計"));
    let adv1 = 1000 + aj1_advance(&rest1);
    let adv2 = 2000 + aj1_advance(&rest2);
    let widest = f64::from(adv1.max(adv2)) * size / 1000.0;
    let media = page_for(widest, 2, leading);
    let content = format!(
        "BT\n/F1 {s} Tf\n20 {y} Td\n/Span << /ActualText {a1} >> BDC\n{g1} Tj\nEMC\n{r1} Tj\n\
         0 {l} Td\n/Span << /ActualText {a2} >> BDC\n{g2} Tj\nEMC\n{r2} Tj\nET\n",
        s = num(size),
        y = num(media[3] - 20.0 - size),
        a1 = hex(&bom_reiwa),
        g1 = hex(&two_byte(&[reiwa])),
        r1 = hex(&two_byte(&rest1)),
        l = num(-leading),
        a2 = literal(&bom_ruikei),
        g2 = hex(&two_byte(&[rui, kei])),
        r2 = hex(&two_byte(&rest2)),
    );
    let mut w = PdfWriter::new();
    let (font, _) = t.write_font(&mut w, "KozMinPr6N-Regular", false, String::new());
    one_page(
        "actualtext",
        expected,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

// ---------------------------------------------------------------------------------------
// g) Latin simple font, mixed lines and text-state operators

fn winansi(s: &str) -> anyhow::Result<Vec<u8>> {
    s.chars()
        .map(|c| match c {
            ' '..='~' => u8::try_from(u32::from(c)).context("ascii"),
            _ => bail!("{c:?} is not in this fixture's WinAnsi subset"),
        })
        .collect()
}

fn simple_winansi_differences() -> anyhow::Result<Fixture> {
    let text = lines(&["R4 R5 R6 R7 R8", "Pay-easy 98.41%", "• AI × RPA"]);
    let size = 12.0;
    let leading = 18.0;
    // Differences: code 1 → multiply (undefined in WinAnsi), code 128 → bullet (Euro in
    // WinAnsi, so a reader ignoring /Differences prints €).
    let encode = |s: &str| -> anyhow::Result<Vec<u8>> {
        s.chars()
            .map(|c| match c {
                '×' => Ok(1u8),
                '•' => Ok(128u8),
                _ => winansi(&c.to_string())?.first().copied().context("empty"),
            })
            .collect()
    };
    let mut w = PdfWriter::new();
    let font = add_helvetica(
        &mut w,
        "<< /Type /Encoding /BaseEncoding /WinAnsiEncoding /Differences [1 /multiply 128 /bullet] >>",
        &[(1, 584), (128, 350)],
    );
    let mut widest = 0.0f64;
    let mut body = String::new();
    for (i, line) in text.iter().enumerate() {
        let bytes = encode(line)?;
        let adv: u32 = bytes
            .iter()
            .map(|b| match b {
                1 => 584,
                128 => 350,
                _ => super::fontlib::helvetica_width(*b).unwrap_or(0),
            })
            .sum();
        widest = widest.max(f64::from(adv) * size / 1000.0);
        if i > 0 {
            body.push_str("T*\n");
        }
        let _ = writeln!(body, "{} Tj", literal(&bytes));
    }
    let media = page_for(widest, text.len(), leading);
    let content = format!(
        "BT\n/F1 {} Tf\n{} TL\n20 {} Td\n{body}ET\n",
        num(size),
        num(leading),
        num(media[3] - 20.0 - size)
    );
    one_page(
        "simple-winansi-differences",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

/// A run of text in one of the two fonts of the mixed fixtures.
enum Run<'a> {
    /// Helvetica, WinAnsi.
    Latin(&'a str),
    /// Identity-H Type0 with ToUnicode.
    Cjk(&'a str),
}

/// Encodes runs as `Tf`/`Tj` pairs and returns (operators, advance in points).
fn runs_ops(
    aj1: &Aj1,
    t: &mut Aj1Text,
    runs: &[Run<'_>],
    size: f64,
) -> anyhow::Result<(String, f64)> {
    let mut ops = String::new();
    let mut adv = 0.0;
    for r in runs {
        match r {
            Run::Latin(s) => {
                let b = winansi(s)?;
                adv += f64::from(helvetica_advance(&b)?) * size / 1000.0;
                let _ = writeln!(ops, "/F1 {} Tf {} Tj", num(size), literal(&b));
            }
            Run::Cjk(s) => {
                let c = t.cids(aj1, s)?;
                adv += f64::from(aj1_advance(&c)) * size / 1000.0;
                let _ = writeln!(ops, "/F2 {} Tf {} Tj", num(size), hex(&two_byte(&c)));
            }
        }
    }
    Ok((ops, adv))
}

fn mixed_latin_japanese(aj1: &Aj1) -> anyhow::Result<Fixture> {
    // 持 (CID 2251) next to 時 (2252) gives the ToUnicode an array-form bfrange.
    let spec: [&[Run<'_>]; 4] = [
        &[
            Run::Latin("No.1"),
            Run::Cjk("【①行政手続きのオンライン化】"),
        ],
        &[
            Run::Cjk("ペイジー"),
            Run::Latin("(Pay-easy)"),
            Run::Cjk("による即時登録"),
        ],
        &[Run::Cjk("持続可能な財政運営")],
        &[Run::Cjk("担当：𠮷田（納税課）")],
    ];
    let size = 12.0;
    let leading = 20.0;
    let mut t = Aj1Text::default();
    let mut text = Vec::new();
    let mut body = String::new();
    let mut widest = 0.0f64;
    for (i, runs) in spec.iter().enumerate() {
        let (ops, adv) = runs_ops(aj1, &mut t, runs, size)?;
        widest = widest.max(adv);
        if i > 0 {
            let _ = writeln!(body, "0 {} Td", num(-leading));
        }
        body.push_str(&ops);
        text.push(
            runs.iter()
                .map(|r| match r {
                    Run::Latin(s) | Run::Cjk(s) => *s,
                })
                .collect::<String>(),
        );
    }
    let media = page_for(widest, text.len(), leading);
    let content = format!("BT\n20 {} Td\n{body}ET\n", num(media[3] - 20.0 - size));
    let mut w = PdfWriter::new();
    let f1 = add_helvetica(&mut w, "/WinAnsiEncoding", &[]);
    let (f2, stats) = t.write_font(&mut w, "GothicBBB-Medium", false, String::new());
    if stats.bfrange_array == 0 || stats.bfrange_plain == 0 || stats.bfchar_multi_unit == 0 {
        bail!("mixed-latin-japanese: ToUnicode lacks a promised form: {stats:?}");
    }
    one_page(
        "mixed-latin-japanese",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"),
        &content,
    )
}

fn tj_kerning(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&["電子申請手続きの拡大", "R4 R5 R6 R7 R8", "Pay-easy"]);
    let size = 12.0;
    let leading = 20.0;
    let mut t = Aj1Text::default();
    // Line 1: small Word-style adjustments between Japanese glyphs (at most 0.12 em).
    let adjust = [60i32, -40, 120, 0, -90, 30, -120, 80, -10];
    let cids = t.cids(aj1, &text[0])?;
    let mut tj1 = String::from("[");
    let mut adv1 = 0i64;
    for (i, c) in cids.iter().enumerate() {
        tj1.push_str(&hex(&two_byte(&[*c])));
        adv1 += i64::from(aj1_width(u32::from(*c)));
        if let Some(a) = adjust.get(i).filter(|_| i + 1 < cids.len()) {
            let _ = write!(tj1, " {a} ");
            adv1 -= i64::from(*a);
        }
    }
    tj1.push(']');
    // Line 2: Latin words separated by a 0.5 em TJ gap and no space character.
    let words: Vec<&str> = text[1].split(' ').collect();
    let tj2 = format!(
        "[{}]",
        words
            .iter()
            .map(|w| literal(w.as_bytes()))
            .collect::<Vec<_>>()
            .join(" -500 ")
    );
    let adv2: u32 = words
        .iter()
        .map(|w| helvetica_advance(w.as_bytes()))
        .sum::<anyhow::Result<u32>>()?
        + 500 * u32::try_from(words.len().saturating_sub(1))?;
    // Line 3: pair kerning inside one word (tightening), no space.
    let tj3 = "[(P) 30 (a) 15 (y) (-) 20 (easy)]";
    let widest = f64::from(u32::try_from(adv1.max(0))?.max(adv2)) * size / 1000.0;
    let media = page_for(widest, 3, leading);
    let content = format!(
        "BT\n20 {y} Td\n/F2 {s} Tf\n{tj1} TJ\n0 {l} Td\n/F1 {s} Tf\n{tj2} TJ\n0 {l} Td\n{tj3} TJ\nET\n",
        y = num(media[3] - 20.0 - size),
        s = num(size),
        l = num(-leading)
    );
    let mut w = PdfWriter::new();
    let (f1, f2) = helvetica_and_gothic(&mut w, &t);
    one_page(
        "tj-kerning",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"),
        &content,
    )
}

fn tc_tw_tz(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&[
        "電子申請手続きの拡大",
        "Pay-easy R4 R5",
        "令和５（2023）年度",
        "NPO OJT",
    ]);
    let size = 12.0;
    let leading = 20.0;
    let mut t = Aj1Text::default();
    let c1 = t.cids(aj1, &text[0])?;
    let c3 = t.cids(aj1, &text[2])?;
    let l2 = winansi(&text[1])?;
    let l4 = winansi(&text[3])?;
    // Advances (points): Tc 3 on line 1, Tw 6 on line 2's spaces, Tz 50 / 150.
    let n1 = c1.len() as f64;
    let a1 = f64::from(aj1_advance(&c1)) * size / 1000.0 + 3.0 * n1;
    let spaces2 = l2.iter().filter(|b| **b == b' ').count() as f64;
    let a2 = f64::from(helvetica_advance(&l2)?) * size / 1000.0 + 6.0 * spaces2;
    let a3 = f64::from(aj1_advance(&c3)) * size / 1000.0 * 0.5;
    let a4 = f64::from(helvetica_advance(&l4)?) * size / 1000.0 * 1.5;
    let widest = a1.max(a2).max(a3).max(a4);
    let media = page_for(widest, 4, leading);
    let content = format!(
        "BT\n20 {y} Td\n/F2 {s} Tf\n3 Tc\n{t1} Tj\n0 {l} Td\n/F1 {s} Tf\n0 Tc\n6 Tw\n{t2} Tj\n\
         0 {l} Td\n/F2 {s} Tf\n0 Tw\n50 Tz\n{t3} Tj\n0 {l} Td\n/F1 {s} Tf\n150 Tz\n{t4} Tj\nET\n",
        y = num(media[3] - 20.0 - size),
        s = num(size),
        l = num(-leading),
        t1 = hex(&two_byte(&c1)),
        t2 = literal(&l2),
        t3 = hex(&two_byte(&c3)),
        t4 = literal(&l4),
    );
    let mut w = PdfWriter::new();
    let (f1, f2) = helvetica_and_gothic(&mut w, &t);
    one_page(
        "tc-tw-tz",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"),
        &content,
    )
}

fn td_tstar(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&[
        "【令和6年度の取組状況】",
        "・交付体制の強化",
        "・申請受付等の推進",
        "・利便性の向上",
        "【令和7年度の取組内容】",
    ]);
    let size = 12.0;
    let mut t = Aj1Text::default();
    let enc: Vec<Vec<u16>> = text
        .iter()
        .map(|l| t.cids(aj1, l))
        .collect::<anyhow::Result<_>>()?;
    let widest = enc
        .iter()
        .map(|c| f64::from(aj1_advance(c)) * size / 1000.0 + c.len() as f64)
        .fold(0.0, f64::max);
    // Baselines: Td; TD -18 (sets TL 18); T*; TL 24 then '; " (aw 0, ac 1).
    let height = 20.0 + size + 18.0 + 18.0 + 24.0 + 24.0 + 20.0;
    let media = [0.0, 0.0, (widest + 40.0).ceil(), height.ceil()];
    let h = |i: usize| hex(&two_byte(&enc[i]));
    let content = format!(
        "BT\n/F2 {s} Tf\n20 {y} Td\n{a} Tj\n0 -18 TD\n{b} Tj\nT*\n{c} Tj\n24 TL\n{d} '\n0 1 {e} \"\nET\n",
        s = num(size),
        y = num(height - 20.0 - size),
        a = h(0),
        b = h(1),
        c = h(2),
        d = h(3),
        e = h(4),
    );
    let mut w = PdfWriter::new();
    let (f2, _) = t.write_font(&mut w, "GothicBBB-Medium", false, String::new());
    one_page(
        "td-tstar",
        text,
        w,
        media,
        "",
        &format!("/Font << /F2 {f2} 0 R >>"),
        &content,
    )
}

fn rotate_90(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&[
        "第5次南アルプス市行政改革実施計画",
        "令和8年度から令和12年度までの5年間とする。",
    ]);
    let size = 12.0;
    let mut t = Aj1Text::default();
    // Portrait MediaBox 200 × 400 shown rotated 90° clockwise: a 400 × 200 landscape view.
    // Display point (X, Y) is user point (200 − Y, X); text runs up the page in user space.
    let (mw, mh) = (200.0, 400.0);
    let mut content = format!("BT\n/F2 {} Tf\n", num(size));
    for (i, line) in text.iter().enumerate() {
        let c = t.cids(aj1, line)?;
        if f64::from(aj1_advance(&c)) * size / 1000.0 > mh - 40.0 {
            bail!("rotate-90: line too long");
        }
        let (dx, dy) = (20.0, mw - 20.0 - size - 24.0 * i as f64);
        let _ = writeln!(
            content,
            "0 1 -1 0 {} {} Tm\n{} Tj",
            num(mw - dy),
            num(dx),
            hex(&two_byte(&c))
        );
    }
    content.push_str("ET\n");
    let mut w = PdfWriter::new();
    let (f2, _) = t.write_font(&mut w, "GothicBBB-Medium", false, String::new());
    one_page(
        "rotate-90",
        text,
        w,
        [0.0, 0.0, mw, mh],
        "/Rotate 90",
        &format!("/Font << /F2 {f2} 0 R >>"),
        &content,
    )
}

fn cropbox_offset(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&["主管課", "納税課", "目標値", "98.60%"]);
    let size = 12.0;
    let mut t = Aj1Text::default();
    // CropBox [50 120 350 280] inside MediaBox [0 0 400 400]: the first baseline is at user
    // (70, 250), i.e. (20, 130) relative to the crop box's lower-left corner.
    let mut content = String::from("BT\n");
    for (i, line) in text.iter().enumerate() {
        let y = 250.0 - 24.0 * i as f64;
        if line.is_ascii() {
            let _ = writeln!(
                content,
                "/F1 {} Tf\n1 0 0 1 70 {} Tm\n{} Tj",
                num(size),
                num(y),
                literal(&winansi(line)?)
            );
        } else {
            let c = t.cids(aj1, line)?;
            let _ = writeln!(
                content,
                "/F2 {} Tf\n1 0 0 1 70 {} Tm\n{} Tj",
                num(size),
                num(y),
                hex(&two_byte(&c))
            );
        }
    }
    content.push_str("ET\n");
    let mut w = PdfWriter::new();
    let (f1, f2) = helvetica_and_gothic(&mut w, &t);
    one_page(
        "cropbox-offset",
        text,
        w,
        [0.0, 0.0, 400.0, 400.0],
        "/CropBox [50 120 350 280]",
        &format!("/Font << /F1 {f1} 0 R /F2 {f2} 0 R >>"),
        &content,
    )
}

fn content_order(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&["取組内容", "電子申請手続き可能件数", "（R3）26件"]);
    let size = 12.0;
    let leading = 20.0;
    let mut t = Aj1Text::default();
    let left = t.cids(aj1, "取組")?;
    let right = t.cids(aj1, "内容")?;
    let l2 = t.cids(aj1, &text[1])?;
    let l3 = t.cids(aj1, &text[2])?;
    let widest = f64::from(aj1_advance(&l2)) * size / 1000.0;
    let media = page_for(widest, 3, leading);
    let y = |i: f64| num(media[3] - 20.0 - size - leading * i);
    let right_x = 20.0 + f64::from(aj1_advance(&left)) * size / 1000.0;
    // Drawn bottom line first, then the right half of line 1, line 2, the left half of line 1.
    let content = format!(
        "BT\n/F2 {s} Tf\n1 0 0 1 20 {y3} Tm\n{c3} Tj\n1 0 0 1 {rx} {y1} Tm\n{cr} Tj\n\
         1 0 0 1 20 {y2} Tm\n{c2} Tj\n1 0 0 1 20 {y1} Tm\n{cl} Tj\nET\n",
        s = num(size),
        y1 = y(0.0),
        y2 = y(1.0),
        y3 = y(2.0),
        rx = num(right_x),
        c3 = hex(&two_byte(&l3)),
        cr = hex(&two_byte(&right)),
        c2 = hex(&two_byte(&l2)),
        cl = hex(&two_byte(&left)),
    );
    let mut w = PdfWriter::new();
    let (f2, _) = t.write_font(&mut w, "GothicBBB-Medium", false, String::new());
    one_page(
        "content-order",
        text,
        w,
        media,
        "",
        &format!("/Font << /F2 {f2} 0 R >>"),
        &content,
    )
}

fn embedded_cmap(aj1: &Aj1) -> anyhow::Result<Fixture> {
    // A Type0 font whose /Encoding is an embedded CMap stream (1-byte codes → CIDs), no
    // ToUnicode: the reader goes code → CID (this CMap) → Unicode (Adobe-Japan1).
    let text = lines(&["取組内容", "累計250件"]);
    let size = 14.0;
    let leading = 22.0;
    let mut code_of: BTreeMap<char, u8> = BTreeMap::new();
    let mut cidchars = Vec::new();
    let mut widths = BTreeMap::new();
    let mut next = 1u8;
    let mut encoded = Vec::new();
    let mut widest = 0.0f64;
    for line in &text {
        let cids = aj1.cids_unique(line)?;
        let mut bytes = Vec::new();
        for (ch, cid) in line.chars().zip(&cids) {
            widths.insert(u32::from(*cid), aj1_width(u32::from(*cid)));
            let code = if ch.is_ascii_digit() {
                u8::try_from(u32::from(ch))?
            } else if let Some(c) = code_of.get(&ch) {
                *c
            } else {
                let c = next;
                next += 1;
                code_of.insert(ch, c);
                cidchars.push(format!("{} {cid}", hex(&[c])));
                c
            };
            bytes.push(code);
        }
        widest = widest.max(f64::from(aj1_advance(&cids)) * size / 1000.0);
        encoded.push(bytes);
    }
    let zero = aj1.cid('0')?;
    let cmap = format!(
        "%!PS-Adobe-3.0 Resource-CMap\n/CIDInit /ProcSet findresource begin\n12 dict begin\n\
         begincmap\n/CIDSystemInfo << /Registry (Adobe) /Ordering (Japan1) /Supplement 6 >> def\n\
         /CMapName /Muniplan-Fixture-H def\n/CMapType 1 def\n/WMode 0 def\n\
         1 begincodespacerange\n<00> <FF>\nendcodespacerange\n\
         {} begincidchar\n{}\nendcidchar\n1 begincidrange\n<30> <39> {zero}\nendcidrange\n\
         endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend",
        cidchars.len(),
        cidchars.join("\n")
    );
    let media = page_for(widest, text.len(), leading);
    let mut content = format!(
        "BT\n/F1 {} Tf\n20 {} Td\n",
        num(size),
        num(media[3] - 20.0 - size)
    );
    for (i, b) in encoded.iter().enumerate() {
        if i > 0 {
            let _ = writeln!(content, "0 {} Td", num(-leading));
        }
        let _ = writeln!(content, "{} Tj", hex(b));
    }
    content.push_str("ET\n");
    let mut w = PdfWriter::new();
    let cm = w.add_stream(
        "/Type /CMap /CMapName /Muniplan-Fixture-H /CIDSystemInfo << /Registry (Adobe) \
         /Ordering (Japan1) /Supplement 6 >> /WMode 0",
        cmap.as_bytes(),
    );
    let font = add_type0(
        &mut w,
        &Type0Spec {
            base: "Ryumin-Light",
            encoding: &format!("{cm} 0 R"),
            encoding_name: "Muniplan-Fixture-H",
            widths,
            w_form: WForm::Array,
            cid_extra: String::new(),
            to_unicode: None,
        },
    );
    one_page(
        "embedded-cmap",
        text,
        w,
        media,
        "",
        &format!("/Font << /F1 {font} 0 R >>"),
        &content,
    )
}

fn form_xobject(aj1: &Aj1) -> anyhow::Result<Fixture> {
    let text = lines(&["基本方針1", "財源確保と歳出改革", "財源確保と歳出改革"]);
    let size = 12.0;
    let mut t = Aj1Text::default();
    let c1 = t.cids(aj1, &text[0])?;
    let c2 = t.cids(aj1, &text[1])?;
    let widest = f64::from(aj1_advance(&c2)) * size / 1000.0 + 10.0;
    let media = page_for(widest, 3, 22.0);
    let top = media[3] - 20.0 - size;
    let mut w = PdfWriter::new();
    let (f2, _) = t.write_font(&mut w, "GothicBBB-Medium", false, String::new());
    // The form draws at its origin; its /Matrix shifts it 10 pt right; its own resources
    // name the font /FX (the page's resources do not have /FX).
    let form_content = format!(
        "BT\n/FX {} Tf\n0 0 Td\n{} Tj\nET\n",
        num(size),
        hex(&two_byte(&c2))
    );
    let form = w.add_stream(
        &format!(
            "/Type /XObject /Subtype /Form /BBox [0 -5 {} 20] /Matrix [1 0 0 1 10 0] \
             /Resources << /Font << /FX {f2} 0 R >> >>",
            num(widest)
        ),
        form_content.as_bytes(),
    );
    // Line 2: the form at full size; line 3: the same form scaled to 75 %.
    let content = format!(
        "BT\n/F2 {s} Tf\n1 0 0 1 20 {y1} Tm\n{a} Tj\nET\nq 1 0 0 1 10 {y2} cm /Fm1 Do Q\n\
         q 0.75 0 0 0.75 12.5 {y3} cm /Fm1 Do Q\n",
        s = num(size),
        y1 = num(top),
        y2 = num(top - 22.0),
        y3 = num(top - 44.0),
        a = hex(&two_byte(&c1)),
    );
    one_page(
        "form-xobject",
        text,
        w,
        media,
        "",
        &format!("/Font << /F2 {f2} 0 R >> /XObject << /Fm1 {form} 0 R >>"),
        &content,
    )
}

fn rise_render_mode(aj1: &Aj1) -> anyhow::Result<Fixture> {
    // Line 1: a reference mark raised by `Ts 4` at 7 pt inside a 12 pt line (same line).
    // Line 2: drawn with render mode 3 (invisible, as an OCR text layer): still text.
    // Line 3: visible again (mode 0) after the invisible line.
    let text = lines(&[
        "市行政改革大綱の５つの基本方針※に",
        "※５つの基本方針",
        "毎年度実施と計画を",
    ]);
    let size = 12.0;
    let leading = 20.0;
    let mut t = Aj1Text::default();
    let before = t.cids(aj1, "市行政改革大綱の５つの基本方針")?;
    let mark = t.cids(aj1, "※")?;
    let after = t.cids(aj1, "に")?;
    let l2 = t.cids(aj1, &text[1])?;
    let l3 = t.cids(aj1, &text[2])?;
    let adv1 = f64::from(aj1_advance(&before) + aj1_advance(&after)) * size / 1000.0
        + f64::from(aj1_advance(&mark)) * 7.0 / 1000.0;
    let media = page_for(adv1, 3, leading);
    let content = format!(
        "BT\n20 {y} Td\n/F2 {s} Tf\n{b} Tj\n/F2 7 Tf\n4 Ts\n{m} Tj\n/F2 {s} Tf\n0 Ts\n{a} Tj\n\
         ET\nBT\n20 {y2} Td\n/F2 {s} Tf\n3 Tr\n{l2} Tj\n0 Tr\n0 {l} Td\n{l3} Tj\nET\n",
        y = num(media[3] - 20.0 - size),
        y2 = num(media[3] - 20.0 - size - leading),
        s = num(size),
        l = num(-leading),
        b = hex(&two_byte(&before)),
        m = hex(&two_byte(&mark)),
        a = hex(&two_byte(&after)),
        l2 = hex(&two_byte(&l2)),
        l3 = hex(&two_byte(&l3)),
    );
    let mut w = PdfWriter::new();
    let (f2, _) = t.write_font(&mut w, "GothicBBB-Medium", false, String::new());
    one_page(
        "rise-render-mode",
        text,
        w,
        media,
        "",
        &format!("/Font << /F2 {f2} 0 R >>"),
        &content,
    )
}

#[cfg(test)]
mod reproduce {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    /// The generator gives the committed font fixtures byte for byte (needs Debian's
    /// poppler-data CMaps, a generator-only tool: skipped without them).
    #[test]
    fn font_fixtures_are_reproduced_byte_for_byte() {
        if !std::path::Path::new(super::super::cmap::ADOBE_JAPAN1_DIR).is_dir() {
            eprintln!("skipped: poppler-data's Adobe-Japan1 CMaps are not installed");
            return;
        }
        let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../fixtures/pdf/fonts");
        let all = super::build_all().unwrap();
        assert!(all.len() > 20);
        for f in all {
            let want = std::fs::read(dir.join(format!("{}.pdf", f.name))).unwrap();
            assert!(
                want == f.pdf,
                "{}: bytes differ from the committed fixture",
                f.name
            );
            let txt =
                std::fs::read_to_string(dir.join(format!("{}.expected.txt", f.name))).unwrap();
            assert_eq!(txt, super::expected_text(&f.lines), "{}", f.name);
        }
    }
}
