//! Reading Adobe's predefined CMap resources (poppler-data's `cMap/Adobe-Japan1/`, BSD-3) at
//! generation time, to compute the CIDs a conforming reader will find for our codes.
//!
//! Only `begincidrange`/`begincidchar` are read; later definitions override earlier ones, as
//! in PostScript, and a `/Parent usecmap` is loaded first (one level is enough for the
//! vertical CMaps used here).

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Where Debian's poppler-data installs Adobe's Japanese CMaps.
pub const ADOBE_JAPAN1_DIR: &str = "/usr/share/poppler/cMap/Adobe-Japan1";

/// One predefined CMap: code ranges to CIDs, in file order.
pub struct CidCMap {
    name: String,
    /// `(low code, high code, first CID)`, codes as big-endian bytes of equal length.
    entries: Vec<(Vec<u8>, Vec<u8>, u32)>,
}

impl CidCMap {
    /// Loads `name` (e.g. `UniJIS-UTF16-H`) from poppler-data.
    pub fn load(name: &str) -> anyhow::Result<Self> {
        let path = PathBuf::from(ADOBE_JAPAN1_DIR).join(name);
        Self::load_path(name, &path, 0)
    }

    fn load_path(name: &str, path: &Path, depth: u32) -> anyhow::Result<Self> {
        let text = std::fs::read_to_string(path).with_context(|| {
            format!(
                "reading {} (install the Debian package poppler-data)",
                path.display()
            )
        })?;
        let mut entries = Vec::new();
        if let Some(line) = text.lines().find(|l| l.trim_end().ends_with("usecmap")) {
            let parent = line
                .split_whitespace()
                .next()
                .and_then(|t| t.strip_prefix('/'))
                .with_context(|| format!("{name}: bad usecmap line {line}"))?;
            if depth >= 4 {
                bail!("{name}: usecmap chain deeper than 4");
            }
            let dir = path.parent().unwrap_or(Path::new("."));
            let base = Self::load_path(parent, &dir.join(parent), depth + 1)?;
            entries = base.entries;
        }
        let mut section: Option<&str> = None;
        for line in text.lines() {
            let line = line.trim();
            if line.ends_with("begincidrange") {
                section = Some("range");
                continue;
            }
            if line.ends_with("begincidchar") {
                section = Some("char");
                continue;
            }
            if line.starts_with("endcid") {
                section = None;
                continue;
            }
            let Some(kind) = section else { continue };
            let toks: Vec<&str> = line.split_whitespace().collect();
            match (kind, toks.as_slice()) {
                ("range", [lo, hi, cid]) => {
                    entries.push((parse_hex(lo)?, parse_hex(hi)?, cid.parse()?));
                }
                ("char", [code, cid]) => {
                    let c = parse_hex(code)?;
                    entries.push((c.clone(), c, cid.parse()?));
                }
                _ => bail!("{name}: unexpected line in a cid section: {line}"),
            }
        }
        Ok(Self {
            name: name.to_string(),
            entries,
        })
    }

    /// The CID of one complete code, if the CMap maps it.
    pub fn cid(&self, code: &[u8]) -> Option<u32> {
        self.entries.iter().rev().find_map(|(lo, hi, cid)| {
            if lo.len() == code.len() && lo.as_slice() <= code && code <= hi.as_slice() {
                let off = be(code).checked_sub(be(lo))?;
                cid.checked_add(u32::try_from(off).ok()?)
            } else {
                None
            }
        })
    }

    /// The CID of one complete code, or an error naming the code.
    pub fn cid_of(&self, code: &[u8], what: &str) -> anyhow::Result<u32> {
        self.cid(code)
            .with_context(|| format!("{}: no CID for {what} ({code:02X?})", self.name))
    }

    /// Every code mapping to `cid` (effective mapping, after overrides).
    pub fn codes_for(&self, cid: u32) -> Vec<Vec<u8>> {
        let mut out = Vec::new();
        for (lo, hi, first) in &self.entries {
            let span = be(hi).saturating_sub(be(lo));
            let Some(off) = cid.checked_sub(*first) else {
                continue;
            };
            if u64::from(off) > span {
                continue;
            }
            let code_num = be(lo).saturating_add(u64::from(off));
            let bytes = code_num.to_be_bytes();
            let code = bytes[bytes.len().saturating_sub(lo.len())..].to_vec();
            if self.cid(&code) == Some(cid) && !out.contains(&code) {
                out.push(code);
            }
        }
        out
    }
}

fn be(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0u64, |acc, &b| (acc << 8) | u64::from(b))
}

fn parse_hex(tok: &str) -> anyhow::Result<Vec<u8>> {
    let inner = tok
        .strip_prefix('<')
        .and_then(|t| t.strip_suffix('>'))
        .with_context(|| format!("not a hex code: {tok}"))?;
    if inner.len() % 2 != 0 {
        bail!("odd hex code: {tok}");
    }
    (0..inner.len())
        .step_by(2)
        .map(|i| {
            u8::from_str_radix(inner.get(i..i + 2).unwrap_or(""), 16)
                .with_context(|| format!("bad hex code: {tok}"))
        })
        .collect()
}

/// Adobe-Japan1 CIDs of text through `UniJIS-UTF16-H`, checking that each CID maps back to
/// exactly that one character (so a reader inverting the CMap finds the same text).
pub struct Aj1 {
    utf16: CidCMap,
}

impl Aj1 {
    /// Loads `UniJIS-UTF16-H`.
    pub fn load() -> anyhow::Result<Self> {
        Ok(Self {
            utf16: CidCMap::load("UniJIS-UTF16-H")?,
        })
    }

    /// The CID of one character (horizontal forms).
    pub fn cid(&self, ch: char) -> anyhow::Result<u16> {
        let mut buf = [0u16; 2];
        let code: Vec<u8> = ch
            .encode_utf16(&mut buf)
            .iter()
            .flat_map(|u| u.to_be_bytes())
            .collect();
        let cid = self.utf16.cid_of(&code, &format!("{ch:?}"))?;
        u16::try_from(cid).with_context(|| format!("CID {cid} of {ch:?} too large"))
    }

    /// CIDs of a string whose characters must each be the unique preimage of their CID.
    pub fn cids_unique(&self, text: &str) -> anyhow::Result<Vec<u16>> {
        text.chars()
            .map(|ch| {
                let cid = self.cid(ch)?;
                // Kangxi radicals and CJK radical supplements share their ideograph's CID; a
                // reader maps such CIDs to the unified ideograph, so they do not count.
                let back: Vec<Vec<u8>> = self
                    .utf16
                    .codes_for(u32::from(cid))
                    .into_iter()
                    .filter(|code| !matches!(code.as_slice(), [0x2E..=0x2F, _]))
                    .collect();
                if back.len() != 1 {
                    bail!(
                        "{ch:?} → CID {cid}, which codes {back:02X?} map to: pick another character"
                    );
                }
                Ok(cid)
            })
            .collect()
    }
}

/// Width (1/1000 em) this project gives an Adobe-Japan1 CID in its non-embedded fonts: the
/// proportional Latin CIDs 1–95 (ASCII 0x20–0x7E in order) take Helvetica's widths, the other
/// CIDs up to 632 (half-width Latin and kana) 500, all others 1000.
pub fn aj1_width(cid: u32) -> u32 {
    match cid {
        1..=95 => u8::try_from(cid + 31)
            .ok()
            .and_then(super::fontlib::helvetica_width)
            .unwrap_or(500),
        96..=632 => 500,
        _ => 1000,
    }
}
