//! A tiny PDF file writer: numbered objects, uncompressed streams, a classic xref table.
//!
//! The hand-built fixtures are written byte by byte so that every font dictionary, CMap and
//! content stream is exactly what the fixture documents, readable in a text editor, and
//! byte-stable between runs (no dates, no random file identifiers).

use std::fmt::Write as _;

use anyhow::{Context, bail};

/// Objects of one PDF file under construction, numbered from 1.
#[derive(Default)]
pub struct PdfWriter {
    objects: Vec<Option<Vec<u8>>>,
}

impl PdfWriter {
    /// An empty file.
    pub fn new() -> Self {
        Self::default()
    }

    /// Reserves an object number whose body is given later with [`PdfWriter::set`].
    pub fn reserve(&mut self) -> u32 {
        self.objects.push(None);
        u32::try_from(self.objects.len()).unwrap_or(u32::MAX)
    }

    /// Sets the body (without `obj`/`endobj`) of a reserved object.
    pub fn set(&mut self, id: u32, body: impl Into<Vec<u8>>) {
        if let Some(slot) = usize::try_from(id)
            .ok()
            .and_then(|i| i.checked_sub(1))
            .and_then(|i| self.objects.get_mut(i))
        {
            *slot = Some(body.into());
        }
    }

    /// Adds an object and returns its number.
    pub fn add(&mut self, body: impl Into<Vec<u8>>) -> u32 {
        let id = self.reserve();
        self.set(id, body);
        id
    }

    /// Adds an uncompressed stream; `dict` holds the dictionary entries other than /Length.
    pub fn add_stream(&mut self, dict: &str, data: &[u8]) -> u32 {
        let mut body = format!("<< /Length {}", data.len()).into_bytes();
        if !dict.is_empty() {
            body.push(b' ');
            body.extend_from_slice(dict.as_bytes());
        }
        body.extend_from_slice(b" >>\nstream\n");
        body.extend_from_slice(data);
        body.extend_from_slice(b"\nendstream");
        self.add(body)
    }

    /// Serializes the file with `root` as the document catalog.
    pub fn finish(self, root: u32) -> anyhow::Result<Vec<u8>> {
        let mut out: Vec<u8> = b"%PDF-1.7\n%\xE2\xE3\xCF\xD3\n".to_vec();
        let mut offsets = Vec::with_capacity(self.objects.len());
        for (i, obj) in self.objects.iter().enumerate() {
            let Some(body) = obj else {
                bail!("object {} was reserved but never set", i + 1);
            };
            offsets.push(out.len());
            out.extend_from_slice(format!("{} 0 obj\n", i + 1).as_bytes());
            out.extend_from_slice(body);
            out.extend_from_slice(b"\nendobj\n");
        }
        let xref_at = out.len();
        let mut xref = format!("xref\n0 {}\n0000000000 65535 f \n", offsets.len() + 1);
        for off in &offsets {
            writeln!(xref, "{off:010} 00000 n ").context("formatting the xref table")?;
        }
        write!(
            xref,
            "trailer\n<< /Size {} /Root {root} 0 R >>\nstartxref\n{xref_at}\n%%EOF\n",
            offsets.len() + 1
        )
        .context("formatting the trailer")?;
        out.extend_from_slice(xref.as_bytes());
        Ok(out)
    }
}

/// A one-page document: catalog, page tree and page around the given content.
pub struct OnePage<'a> {
    /// `/MediaBox` as `[x0 y0 x1 y1]`.
    pub media_box: [f64; 4],
    /// Extra page dictionary entries (e.g. `/Rotate 90 /CropBox [...]`).
    pub page_extra: &'a str,
    /// The `/Resources` dictionary body, e.g. `/Font << /F1 5 0 R >>`.
    pub resources: &'a str,
    /// The page content stream.
    pub content: &'a [u8],
}

impl OnePage<'_> {
    /// Writes the page objects into `w` and returns the finished file.
    pub fn finish(&self, mut w: PdfWriter) -> anyhow::Result<Vec<u8>> {
        let content = w.add_stream("", self.content);
        let pages = w.reserve();
        let [x0, y0, x1, y1] = self.media_box;
        let page = w.add(format!(
            "<< /Type /Page /Parent {pages} 0 R /MediaBox [{} {} {} {}]{}{} /Resources << {} >> /Contents {content} 0 R >>",
            num(x0),
            num(y0),
            num(x1),
            num(y1),
            if self.page_extra.is_empty() { "" } else { " " },
            self.page_extra,
            self.resources
        ));
        w.set(
            pages,
            format!("<< /Type /Pages /Kids [{page} 0 R] /Count 1 >>"),
        );
        let root = w.add(format!("<< /Type /Catalog /Pages {pages} 0 R >>"));
        w.finish(root)
    }
}

/// A number as PDF writes it: integers without a decimal point, others with at most 3 decimals.
pub fn num(v: f64) -> String {
    let r = (v * 1000.0).round() / 1000.0;
    if r.fract() == 0.0 {
        format!("{r:.0}")
    } else {
        let s = format!("{r:.3}");
        s.trim_end_matches('0').to_string()
    }
}

/// Bytes as a PDF hex string `<...>` (upper case).
pub fn hex(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() * 2 + 2);
    s.push('<');
    for b in bytes {
        let _ = write!(s, "{b:02X}");
    }
    s.push('>');
    s
}

/// Bytes as a PDF literal string `(...)`, escaping delimiters and non-ASCII bytes in octal.
pub fn literal(bytes: &[u8]) -> String {
    let mut s = String::with_capacity(bytes.len() + 2);
    s.push('(');
    for &b in bytes {
        match b {
            b'(' | b')' | b'\\' => {
                s.push('\\');
                s.push(char::from(b));
            }
            0x20..=0x7e => s.push(char::from(b)),
            _ => {
                let _ = write!(s, "\\{b:03o}");
            }
        }
    }
    s.push(')');
    s
}

/// 2-byte big-endian codes (CIDs under Identity-H/V) as raw bytes.
pub fn two_byte(codes: &[u16]) -> Vec<u8> {
    codes.iter().flat_map(|c| c.to_be_bytes()).collect()
}

/// UTF-16BE bytes of `s`, without a byte order mark.
pub fn utf16be(s: &str) -> Vec<u8> {
    s.encode_utf16().flat_map(u16::to_be_bytes).collect()
}
