//! Number formats of an xls (BIFF8) workbook, which calamine reads but keeps private.
//!
//! A minimal compound-file (CFB) reader finds the `Workbook` stream; one pass over its
//! records collects FORMAT (format codes), XF (cell style → format id), DATEMODE, BOUNDSHEET
//! (sheet names and substream offsets), then each sheet substream's cell records (NUMBER,
//! RK, MULRK, LABELSST, LABEL, BOOLERR, FORMULA) give the style index of every cell. Values
//! still come from calamine; this only says how to display them. Every read is bounds-checked
//! and every chain walk is bounded.

use std::collections::HashMap;

use crate::numfmt;

const OLE2: [u8; 8] = [0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1];
const END_OF_CHAIN: u32 = 0xFFFF_FFFE;

/// What the display of xls cells needs.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    /// Custom format codes by format id.
    pub formats: HashMap<u16, String>,
    /// Format id of each XF record, in order.
    pub xf_formats: Vec<u16>,
    /// Per sheet name: cell (row, col) → XF index.
    pub cells: HashMap<String, HashMap<(u32, u32), u16>>,
    /// The workbook uses the 1904 date system.
    pub date1904: bool,
}

impl Styles {
    /// The format code of an XF index (General when unknown).
    pub fn code_for_xf(&self, xf: u16) -> String {
        let Some(fmt) = self.xf_formats.get(usize::from(xf)) else {
            return "General".to_string();
        };
        if let Some(code) = self.formats.get(fmt) {
            return code.clone();
        }
        numfmt::builtin_code(u32::from(*fmt))
            .unwrap_or("General")
            .to_string()
    }
}

/// Little-endian u16 at `at`, if the bytes are there.
pub(crate) fn u16_at(b: &[u8], at: usize) -> Option<u16> {
    let s = b.get(at..at.checked_add(2)?)?;
    Some(u16::from_le_bytes([*s.first()?, *s.get(1)?]))
}

/// Little-endian u32 at `at`, if the bytes are there.
pub(crate) fn u32_at(b: &[u8], at: usize) -> Option<u32> {
    let s = b.get(at..at.checked_add(4)?)?;
    Some(u32::from_le_bytes([
        *s.first()?,
        *s.get(1)?,
        *s.get(2)?,
        *s.get(3)?,
    ]))
}

struct Cfb<'a> {
    bytes: &'a [u8],
    sector_size: usize,
    fat: Vec<u32>,
}

impl<'a> Cfb<'a> {
    fn open(bytes: &'a [u8]) -> Result<Self, String> {
        if !bytes.starts_with(&OLE2) {
            return Err("not an OLE2 compound file".into());
        }
        let shift = u16_at(bytes, 0x1E).ok_or("short header")?;
        if !(7..=16).contains(&shift) {
            return Err(format!("bad sector shift {shift}"));
        }
        let sector_size = 1usize << shift;
        let n_difat = u32_at(bytes, 0x48).ok_or("short header")?;
        let mut fat_sectors: Vec<u32> = (0..109)
            .filter_map(|i| u32_at(bytes, 0x4C + i * 4))
            .filter(|s| *s < 0xFFFF_FFFA)
            .collect();
        let mut difat = u32_at(bytes, 0x44).ok_or("short header")?;
        let per = sector_size / 4 - 1;
        // A file cannot hold more FAT sectors than sectors: a DIFAT chain that loops on itself
        // would otherwise list the same sectors millions of times (gigabytes of FAT).
        let max_sectors = bytes.len() / sector_size + 1;
        for _ in 0..n_difat.min(1 << 16) {
            if difat >= 0xFFFF_FFFA || fat_sectors.len() > max_sectors {
                break;
            }
            let base = (difat as usize + 1) * sector_size;
            for i in 0..per {
                if let Some(s) = u32_at(bytes, base + i * 4)
                    && s < 0xFFFF_FFFA
                {
                    fat_sectors.push(s);
                }
            }
            difat = u32_at(bytes, base + per * 4).unwrap_or(END_OF_CHAIN);
        }
        fat_sectors.truncate(max_sectors);
        let mut fat = Vec::new();
        for s in fat_sectors {
            let base = (s as usize + 1) * sector_size;
            for i in 0..sector_size / 4 {
                fat.push(u32_at(bytes, base + i * 4).unwrap_or(END_OF_CHAIN));
            }
        }
        Ok(Cfb {
            bytes,
            sector_size,
            fat,
        })
    }

    /// Bytes of a sector chain, at most `limit` bytes.
    fn chain(&self, start: u32, limit: usize) -> Vec<u8> {
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        while s < 0xFFFF_FFFA && out.len() < limit && steps <= self.fat.len() {
            let base = (s as usize + 1) * self.sector_size;
            match self.bytes.get(base..base + self.sector_size) {
                Some(sec) => out.extend_from_slice(sec),
                None => {
                    // A last sector cut short by the file's end.
                    if let Some(sec) = self.bytes.get(base..) {
                        out.extend_from_slice(sec);
                    }
                    break;
                }
            }
            s = self.fat.get(s as usize).copied().unwrap_or(END_OF_CHAIN);
            steps += 1;
        }
        out.truncate(limit);
        out
    }

    /// Directory entries: (name, type, start sector, size).
    fn entries(&self) -> Vec<(String, u8, u32, u64)> {
        let first = u32_at(self.bytes, 0x30).unwrap_or(END_OF_CHAIN);
        let dir = self.chain(first, 1 << 24);
        dir.chunks_exact(128)
            .filter_map(|e| {
                let len = usize::from(u16_at(e, 64)?).min(64);
                let units: Vec<u16> = e
                    .get(..len.saturating_sub(2))?
                    .chunks_exact(2)
                    .map(|c| u16::from_le_bytes([c[0], c[1]]))
                    .collect();
                let name = String::from_utf16_lossy(&units);
                let typ = *e.get(66)?;
                let start = u32_at(e, 116)?;
                let size = u64::from(u32_at(e, 120)?);
                Some((name, typ, start, size))
            })
            .collect()
    }

    /// A stream's bytes by name (regular or mini stream).
    fn stream(&self, name: &str) -> Option<Vec<u8>> {
        let entries = self.entries();
        let (_, _, start, size) = entries
            .iter()
            .find(|(n, t, _, _)| *t == 2 && n.eq_ignore_ascii_case(name))?
            .clone();
        let size = usize::try_from(size).ok()?.min(self.bytes.len());
        let cutoff = u32_at(self.bytes, 0x38).unwrap_or(4096) as usize;
        if size >= cutoff {
            return Some(self.chain(start, size));
        }
        // Mini stream: 64-byte sectors inside the root entry's stream.
        let root = entries.iter().find(|(_, t, _, _)| *t == 5)?;
        let mini_stream = self.chain(root.2, usize::try_from(root.3).ok()?.min(self.bytes.len()));
        let minifat_bytes = self.chain(u32_at(self.bytes, 0x3C)?, 1 << 24);
        let minifat: Vec<u32> = minifat_bytes
            .chunks_exact(4)
            .map(|c| u32::from_le_bytes([c[0], c[1], c[2], c[3]]))
            .collect();
        let mut out = Vec::new();
        let mut s = start;
        let mut steps = 0usize;
        while s < 0xFFFF_FFFA && out.len() < size && steps <= minifat.len() {
            let base = s as usize * 64;
            out.extend_from_slice(mini_stream.get(base..base + 64)?);
            s = minifat.get(s as usize).copied().unwrap_or(END_OF_CHAIN);
            steps += 1;
        }
        out.truncate(size);
        Some(out)
    }
}

/// The sector size of a compound file, when its header says one.
pub(crate) fn sector_size(bytes: &[u8]) -> Option<usize> {
    if !bytes.starts_with(&OLE2) {
        return None;
    }
    let shift = u16_at(bytes, 0x1E)?;
    (7..=16).contains(&shift).then(|| 1usize << shift)
}

/// An OLE2 file that holds an encrypted OOXML package (a password-protected xlsx).
pub(crate) fn is_encrypted_ooxml(bytes: &[u8]) -> bool {
    Cfb::open(bytes)
        .map(|c| {
            c.entries()
                .iter()
                .any(|(n, t, _, _)| *t == 2 && n == "EncryptedPackage")
        })
        .unwrap_or(false)
}

/// Records of a BIFF stream from `at`: (type, data).
fn records(stream: &[u8], at: usize) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = at;
    std::iter::from_fn(move || {
        let typ = u16_at(stream, pos)?;
        let len = usize::from(u16_at(stream, pos + 2)?);
        let data = stream.get(pos + 4..pos + 4 + len)?;
        pos += 4 + len;
        Some((typ, data))
    })
}

/// XLUnicodeString with a 16-bit (`wide_len`) or 8-bit character count at `at`.
fn xl_string(d: &[u8], at: usize, wide_len: bool) -> Option<String> {
    let (cch, mut p) = if wide_len {
        (usize::from(u16_at(d, at)?), at + 2)
    } else {
        (usize::from(*d.get(at)?), at + 1)
    };
    let flags = *d.get(p)?;
    p += 1;
    if flags & 0x08 != 0 {
        p += 2;
    }
    if flags & 0x04 != 0 {
        p += 4;
    }
    if flags & 0x01 != 0 {
        let raw = d.get(p..p + cch * 2).or_else(|| d.get(p..))?;
        let units: Vec<u16> = raw
            .chunks_exact(2)
            .map(|c| u16::from_le_bytes([c[0], c[1]]))
            .collect();
        Some(String::from_utf16_lossy(&units))
    } else {
        let raw = d.get(p..p + cch).or_else(|| d.get(p..))?;
        Some(raw.iter().map(|b| char::from(*b)).collect())
    }
}

/// Read the number-format facts of an xls workbook.
pub(crate) fn read_styles(bytes: &[u8]) -> Result<Styles, String> {
    let cfb = Cfb::open(bytes)?;
    let stream = cfb
        .stream("Workbook")
        .or_else(|| cfb.stream("Book"))
        .ok_or("no Workbook stream")?;
    let mut styles = Styles::default();
    let mut sheets: Vec<(String, usize)> = Vec::new();
    for (typ, d) in records(&stream, 0) {
        match typ {
            0x041E => {
                if let (Some(id), Some(code)) = (u16_at(d, 0), xl_string(d, 2, true)) {
                    styles.formats.insert(id, code);
                }
            }
            0x00E0 => styles.xf_formats.push(u16_at(d, 2).unwrap_or(0)),
            0x0022 => styles.date1904 = u16_at(d, 0) == Some(1),
            0x0085 => {
                if let (Some(pos), Some(name)) = (u32_at(d, 0), xl_string(d, 6, false)) {
                    sheets.push((name, pos as usize));
                }
            }
            0x002F => return Err("workbook is encrypted (FILEPASS)".into()),
            0x000A => break,
            _ => {}
        }
    }
    for (name, pos) in sheets {
        let mut cells = HashMap::new();
        let mut first = true;
        for (typ, d) in records(&stream, pos) {
            if first {
                first = false;
                if typ != 0x0809 {
                    break;
                }
                continue;
            }
            let rc = || Some((u32::from(u16_at(d, 0)?), u32::from(u16_at(d, 2)?)));
            match typ {
                0x0203 | 0x027E | 0x00FD | 0x0204 | 0x0205 | 0x0006 => {
                    if let (Some(key), Some(xf)) = (rc(), u16_at(d, 4)) {
                        cells.insert(key, xf);
                    }
                }
                0x00BD => {
                    // MULRK: row, first column, (xf, rk)*, last column.
                    if let (Some(row), Some(col0)) = (u16_at(d, 0), u16_at(d, 2)) {
                        let n = d.len().saturating_sub(6) / 6;
                        for i in 0..n {
                            if let Some(xf) = u16_at(d, 4 + i * 6) {
                                let col = u32::from(col0).saturating_add(i as u32);
                                cells.insert((u32::from(row), col), xf);
                            }
                        }
                    }
                }
                0x000A => break,
                _ => {}
            }
        }
        styles.cells.insert(name, cells);
    }
    Ok(styles)
}
