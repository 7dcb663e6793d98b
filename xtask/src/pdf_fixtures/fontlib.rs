//! Font objects for the hand-built fixtures: non-embedded Adobe-Japan1 CID fonts (Type0),
//! a ToUnicode CMap writer, Helvetica with explicit widths, and width bookkeeping.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use anyhow::bail;

use super::cmap::{Aj1, aj1_width};
use super::writer::{PdfWriter, hex, utf16be};

/// How a `/W` array is written.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum WForm {
    /// `c [w1 w2 ...]` runs.
    Array,
    /// `c_first c_last w` ranges.
    Range,
}

/// A `/W` array for the given (CID, width) pairs; widths equal to `/DW 1000` are omitted.
pub fn w_array(widths: &BTreeMap<u32, u32>, form: WForm) -> String {
    let items: Vec<(u32, u32)> = widths
        .iter()
        .filter(|(_, w)| **w != 1000)
        .map(|(c, w)| (*c, *w))
        .collect();
    let mut out = String::from("[");
    let mut i = 0;
    while i < items.len() {
        let (start, w0) = items[i];
        let mut j = i + 1;
        while j < items.len()
            && items[j].0 == items[j - 1].0 + 1
            && (form == WForm::Array || items[j].1 == w0)
        {
            j += 1;
        }
        let last = items[j - 1].0;
        if !out.ends_with('[') {
            out.push(' ');
        }
        match form {
            WForm::Array => {
                let ws: Vec<String> = items[i..j].iter().map(|(_, w)| w.to_string()).collect();
                let _ = write!(out, "{start} [{}]", ws.join(" "));
            }
            WForm::Range => {
                let _ = write!(out, "{start} {last} {w0}");
            }
        }
        i = j;
    }
    out.push(']');
    out
}

/// Statistics of a written ToUnicode CMap (the fixture asserts the forms it promises).
#[derive(Default, Debug)]
pub struct ToUnicodeStats {
    /// `bfchar` entries.
    pub bfchar: usize,
    /// `bfchar` entries whose destination has more than one UTF-16 unit.
    pub bfchar_multi_unit: usize,
    /// `bfrange` entries of the form `<lo> <hi> <dst>`.
    pub bfrange_plain: usize,
    /// `bfrange` entries of the form `<lo> <hi> [<d1> <d2> ...]`.
    pub bfrange_array: usize,
}

/// A ToUnicode CMap for codes of `code_len` bytes: runs of consecutive codes become bfrange
/// (plain when the destinations are consecutive single BMP units in one 256-block, array form
/// otherwise); single codes and multi-unit destinations become bfchar.
pub fn to_unicode_cmap(map: &BTreeMap<u32, String>, code_len: usize) -> (Vec<u8>, ToUnicodeStats) {
    let code_hex = |c: u32| -> String {
        let b = c.to_be_bytes();
        hex(&b[4usize.saturating_sub(code_len)..])
    };
    let single_unit = |s: &str| -> Option<u16> {
        let v: Vec<u16> = s.encode_utf16().collect();
        if v.len() == 1 {
            v.first().copied()
        } else {
            None
        }
    };
    let items: Vec<(u32, &String)> = map.iter().map(|(c, s)| (*c, s)).collect();
    let mut chars: Vec<String> = Vec::new();
    let mut ranges: Vec<String> = Vec::new();
    let mut stats = ToUnicodeStats::default();
    let mut i = 0;
    while i < items.len() {
        let (c0, s0) = items[i];
        let mut j = i + 1;
        if single_unit(s0).is_some() {
            while j < items.len()
                && items[j].0 == items[j - 1].0 + 1
                && items[j].0 >> 8 == c0 >> 8
                && single_unit(items[j].1).is_some()
            {
                j += 1;
            }
        }
        if j - i == 1 {
            let units = s0.encode_utf16().count();
            chars.push(format!("{} {}", code_hex(c0), hex(&utf16be(s0))));
            stats.bfchar += 1;
            if units > 1 {
                stats.bfchar_multi_unit += 1;
            }
        } else {
            let run = &items[i..j];
            let dsts: Vec<u16> = run.iter().filter_map(|(_, s)| single_unit(s)).collect();
            let consecutive = dsts.windows(2).all(|w| w[1] == w[0].wrapping_add(1))
                && dsts.first().map(|d| d >> 8) == dsts.last().map(|d| d >> 8);
            let last = run[run.len() - 1].0;
            if consecutive {
                ranges.push(format!(
                    "{} {} {}",
                    code_hex(c0),
                    code_hex(last),
                    hex(&utf16be(s0))
                ));
                stats.bfrange_plain += 1;
            } else {
                let arr: Vec<String> = run.iter().map(|(_, s)| hex(&utf16be(s))).collect();
                ranges.push(format!(
                    "{} {} [{}]",
                    code_hex(c0),
                    code_hex(last),
                    arr.join(" ")
                ));
                stats.bfrange_array += 1;
            }
        }
        i = j;
    }
    let (lo, hi) = if code_len == 1 {
        ("<00>", "<FF>")
    } else {
        ("<0000>", "<FFFF>")
    };
    let mut s = String::from(
        "/CIDInit /ProcSet findresource begin\n12 dict begin\nbegincmap\n\
         /CIDSystemInfo << /Registry (Adobe) /Ordering (UCS) /Supplement 0 >> def\n\
         /CMapName /Adobe-Identity-UCS def\n/CMapType 2 def\n",
    );
    let _ = writeln!(s, "1 begincodespacerange\n{lo} {hi}\nendcodespacerange");
    for block in chars.chunks(100) {
        let _ = writeln!(
            s,
            "{} beginbfchar\n{}\nendbfchar",
            block.len(),
            block.join("\n")
        );
    }
    for block in ranges.chunks(100) {
        let _ = writeln!(
            s,
            "{} beginbfrange\n{}\nendbfrange",
            block.len(),
            block.join("\n")
        );
    }
    s.push_str("endcmap\nCMapName currentdict /CMap defineresource pop\nend\nend");
    (s.into_bytes(), stats)
}

/// A non-embedded Adobe-Japan1 CIDFontType0 wrapped in a Type0 font.
pub struct Type0Spec<'a> {
    /// CIDFont name, e.g. `Ryumin-Light`.
    pub base: &'a str,
    /// `/Encoding` value, e.g. `/Identity-H` or `12 0 R`.
    pub encoding: &'a str,
    /// Name appended to the Type0 BaseFont (`Ryumin-Light-UniJIS-UCS2-H`).
    pub encoding_name: &'a str,
    /// Widths by CID.
    pub widths: BTreeMap<u32, u32>,
    /// How `/W` is written.
    pub w_form: WForm,
    /// Extra CIDFont entries (e.g. `/DW2 [880 -1000] /W2 [...]`).
    pub cid_extra: String,
    /// ToUnicode CMap stream, if any.
    pub to_unicode: Option<u32>,
}

/// Writes a Type0 font with its CIDFont and descriptor; returns the Type0 object number.
pub fn add_type0(w: &mut PdfWriter, spec: &Type0Spec<'_>) -> u32 {
    let supplement = if spec.widths.keys().any(|c| *c > 23057) {
        7
    } else {
        6
    };
    let fd = w.add(format!(
        "<< /Type /FontDescriptor /FontName /{} /Flags 4 /FontBBox [-170 -331 1024 903] \
         /ItalicAngle 0 /Ascent 880 /Descent -120 /CapHeight 740 /StemV 80 >>",
        spec.base
    ));
    let cid = w.add(format!(
        "<< /Type /Font /Subtype /CIDFontType0 /BaseFont /{} /CIDSystemInfo << /Registry (Adobe) \
         /Ordering (Japan1) /Supplement {supplement} >> /FontDescriptor {fd} 0 R /DW 1000 /W {}{}{} >>",
        spec.base,
        w_array(&spec.widths, spec.w_form),
        if spec.cid_extra.is_empty() { "" } else { " " },
        spec.cid_extra
    ));
    let tu = spec
        .to_unicode
        .map(|id| format!(" /ToUnicode {id} 0 R"))
        .unwrap_or_default();
    w.add(format!(
        "<< /Type /Font /Subtype /Type0 /BaseFont /{}-{} /Encoding {} /DescendantFonts [{cid} 0 R]{tu} >>",
        spec.base, spec.encoding_name, spec.encoding
    ))
}

/// Text shown in an Identity-H/V font whose codes are Adobe-Japan1 CIDs and whose ToUnicode
/// CMap says what each CID means. Collects the CIDs used so the font can be written after
/// the content.
#[derive(Default)]
pub struct Aj1Text {
    /// CID → Unicode text (what ToUnicode will say).
    pub to_unicode: BTreeMap<u32, String>,
}

impl Aj1Text {
    /// CIDs of `text` (registering each character for ToUnicode).
    pub fn cids(&mut self, aj1: &Aj1, text: &str) -> anyhow::Result<Vec<u16>> {
        text.chars()
            .map(|ch| {
                let cid = aj1.cid(ch)?;
                self.to_unicode
                    .entry(u32::from(cid))
                    .or_insert_with(|| ch.to_string());
                Ok(cid)
            })
            .collect()
    }

    /// Registers a CID whose ToUnicode text is chosen by the fixture (gaiji, ligatures).
    pub fn custom(&mut self, cid: u16, text: &str) -> anyhow::Result<()> {
        if let Some(old) = self.to_unicode.insert(u32::from(cid), text.to_string())
            && old != text
        {
            bail!("CID {cid} registered twice with different text");
        }
        Ok(())
    }

    /// Widths of every registered CID.
    pub fn widths(&self) -> BTreeMap<u32, u32> {
        self.to_unicode
            .keys()
            .map(|c| (*c, aj1_width(*c)))
            .collect()
    }

    /// Writes the ToUnicode stream and the Type0 font (Identity-H or -V); returns the font.
    pub fn write_font(
        &self,
        w: &mut PdfWriter,
        base: &str,
        vertical: bool,
        cid_extra: String,
    ) -> (u32, ToUnicodeStats) {
        let (cmap, stats) = to_unicode_cmap(&self.to_unicode, 2);
        let tu = w.add_stream("", &cmap);
        let enc = if vertical { "Identity-V" } else { "Identity-H" };
        let spec = Type0Spec {
            base,
            encoding: &format!("/{enc}"),
            encoding_name: enc,
            widths: self.widths(),
            w_form: WForm::Array,
            cid_extra,
            to_unicode: Some(tu),
        };
        (add_type0(w, &spec), stats)
    }
}

/// Advance of CIDs in text space units (1/1000 em) with this project's widths.
pub fn aj1_advance(cids: &[u16]) -> u32 {
    cids.iter().map(|c| aj1_width(u32::from(*c))).sum()
}

/// Helvetica widths (AFM values) for the WinAnsi codes this project uses.
pub fn helvetica_width(code: u8) -> Option<u32> {
    let w = match code {
        b' ' | b'!' | b',' | b'.' | b'/' | b':' | b';' | b'[' | b'\\' | b']' => 278,
        b'"' => 355,
        b'#' | b'$' | b'0'..=b'9' | b'?' | b'_' => 556,
        b'%' => 889,
        b'&' => 667,
        b'\'' => 191,
        b'(' | b')' | b'-' | b'`' => 333,
        b'*' => 389,
        b'+' | b'<' | b'=' | b'>' | b'~' => 584,
        b'@' => 1015,
        b'A' | b'B' | b'E' | b'K' | b'P' | b'S' | b'V' | b'X' | b'Y' => 667,
        b'C' | b'D' | b'H' | b'N' | b'R' | b'U' => 722,
        b'F' | b'T' | b'Z' => 611,
        b'G' | b'O' | b'Q' => 778,
        b'I' => 278,
        b'J' => 500,
        b'L' => 556,
        b'M' => 833,
        b'W' => 944,
        b'^' => 469,
        b'a' | b'b' | b'd' | b'e' | b'g' | b'h' | b'n' | b'o' | b'p' | b'q' | b'u' => 556,
        b'c' | b'k' | b's' | b'v' | b'x' | b'y' | b'z' => 500,
        b'f' | b't' => 278,
        b'i' | b'j' | b'l' => 222,
        b'm' => 833,
        b'r' => 333,
        b'w' => 722,
        b'{' | b'}' => 334,
        b'|' => 260,
        0xD7 => 584, // multiply
        0x95 => 350, // bullet
        _ => return None,
    };
    Some(w)
}

/// Writes Helvetica (standard 14, not embedded) with `/Widths` for codes 32..=126 plus the
/// given extra (code, width) pairs and an optional `/Encoding` value; returns the font.
pub fn add_helvetica(w: &mut PdfWriter, encoding: &str, extra: &[(u8, u32)]) -> u32 {
    let first = extra.iter().map(|(c, _)| *c).min().unwrap_or(32).min(32);
    let last = extra.iter().map(|(c, _)| *c).max().unwrap_or(126).max(126);
    let widths: Vec<String> = (first..=last)
        .map(|c| {
            extra
                .iter()
                .find(|(e, _)| *e == c)
                .map(|(_, w)| *w)
                .or_else(|| helvetica_width(c))
                .unwrap_or(0)
                .to_string()
        })
        .collect();
    w.add(format!(
        "<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding {encoding} \
         /FirstChar {first} /LastChar {last} /Widths [{}] >>",
        widths.join(" ")
    ))
}

/// Advance of WinAnsi bytes in Helvetica (1/1000 em).
pub fn helvetica_advance(bytes: &[u8]) -> anyhow::Result<u32> {
    bytes
        .iter()
        .map(|b| {
            helvetica_width(*b)
                .ok_or_else(|| anyhow::anyhow!("no Helvetica width for byte {b:#04x}"))
        })
        .sum()
}
