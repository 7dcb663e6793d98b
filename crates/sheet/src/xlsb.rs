//! Number formats and merged ranges of an xlsb (BIFF12) workbook, which calamine does not
//! expose: one bounds-checked pass over `styles.bin` (BrtFmt, BrtXF in the cell-XF block),
//! `workbook.bin` (BrtBundleSh → relationship id), the relationships, and each sheet's
//! records (BrtRowHdr, cell records with their style index, BrtMergeCell).

use std::collections::HashMap;

use crate::biff::{u16_at, u32_at};
use crate::grid::Merge;
use crate::{numfmt, zipx};

/// What the display of xlsb cells needs.
#[derive(Debug, Default)]
pub(crate) struct Styles {
    /// Custom format codes by format id.
    pub formats: HashMap<u16, String>,
    /// Format id of each cell XF, in order.
    pub xf_formats: Vec<u16>,
    /// Per sheet name: cell styles and merged ranges.
    pub sheets: HashMap<String, SheetStyles>,
}

/// One sheet's cell (row, col) → XF index map, and its merged ranges.
pub(crate) type SheetStyles = (HashMap<(u32, u32), u32>, Vec<Merge>);

impl Styles {
    /// The format code of an XF index (General when unknown).
    pub fn code_for_xf(&self, xf: u32) -> String {
        let Some(fmt) = usize::try_from(xf)
            .ok()
            .and_then(|i| self.xf_formats.get(i))
        else {
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

/// BIFF12 records: (type, data). Stops at the first malformed record.
fn records(b: &[u8]) -> impl Iterator<Item = (u16, &[u8])> {
    let mut pos = 0usize;
    std::iter::from_fn(move || {
        let b0 = *b.get(pos)?;
        pos += 1;
        let mut typ = u16::from(b0 & 0x7F);
        if b0 & 0x80 != 0 {
            let b1 = *b.get(pos)?;
            pos += 1;
            typ |= u16::from(b1 & 0x7F) << 7;
        }
        let mut len = 0usize;
        for i in 0..4 {
            let x = *b.get(pos)?;
            pos += 1;
            len |= usize::from(x & 0x7F) << (7 * i);
            if x & 0x80 == 0 {
                break;
            }
        }
        let data = b.get(pos..pos.checked_add(len)?)?;
        pos += len;
        Some((typ, data))
    })
}

/// XLWideString at `at`: u32 character count, UTF-16LE; None for the null string.
fn wide(b: &[u8], at: usize) -> Option<(String, usize)> {
    let n = u32_at(b, at)?;
    if n == u32::MAX {
        return None;
    }
    let n = usize::try_from(n).ok()?;
    let raw = b.get(at + 4..at + 4 + n.checked_mul(2)?)?;
    let units: Vec<u16> = raw
        .chunks_exact(2)
        .map(|c| u16::from_le_bytes([c[0], c[1]]))
        .collect();
    Some((String::from_utf16_lossy(&units), at + 4 + n * 2))
}

/// Relationship id → target, from a `.rels` part.
fn relationships(xml: &str) -> HashMap<String, String> {
    let mut out = HashMap::new();
    for piece in xml.split("<Relationship ").skip(1) {
        let attr = |name: &str| {
            let key = format!("{name}=\"");
            let start = piece.find(&key)? + key.len();
            let len = piece.get(start..)?.find('"')?;
            piece.get(start..start + len).map(str::to_string)
        };
        if let (Some(id), Some(target)) = (attr("Id"), attr("Target")) {
            out.insert(id, target);
        }
    }
    out
}

/// Read the number formats and merged ranges of an xlsb workbook.
pub(crate) fn read_styles(bytes: &[u8]) -> Result<Styles, String> {
    const LIMIT: u64 = 1 << 30;
    let mut zip = zipx::open(bytes)?;
    let mut styles = Styles::default();
    if let Some(st) = zipx::read_entry(&mut zip, "xl/styles.bin", LIMIT)? {
        let mut in_cell_xfs = false;
        for (typ, d) in records(&st) {
            match typ {
                0x002C => {
                    if let (Some(id), Some((code, _))) = (u16_at(d, 0), wide(d, 2)) {
                        styles.formats.insert(id, code);
                    }
                }
                0x0269 => in_cell_xfs = true,
                0x026A => in_cell_xfs = false,
                0x002F if in_cell_xfs => styles.xf_formats.push(u16_at(d, 2).unwrap_or(0)),
                _ => {}
            }
        }
    }
    let rels = zipx::read_entry(&mut zip, "xl/_rels/workbook.bin.rels", LIMIT)?
        .map(|r| relationships(&String::from_utf8_lossy(&r)))
        .unwrap_or_default();
    let wb = zipx::read_entry(&mut zip, "xl/workbook.bin", LIMIT)?.ok_or("no xl/workbook.bin")?;
    let mut sheets: Vec<(String, String)> = Vec::new();
    for (typ, d) in records(&wb) {
        if typ == 0x009C
            && let Some((rel, next)) = wide(d, 8)
            && let Some((name, _)) = wide(d, next)
            && let Some(target) = rels.get(&rel)
        {
            let path = match target.strip_prefix('/') {
                Some(abs) => abs.to_string(),
                None => format!("xl/{target}"),
            };
            sheets.push((name, path));
        }
    }
    for (name, path) in sheets {
        let Some(sheet) = zipx::read_entry(&mut zip, &path, LIMIT)? else {
            continue;
        };
        let mut cells = HashMap::new();
        let mut merges = Vec::new();
        let mut row = 0u32;
        for (typ, d) in records(&sheet) {
            match typ {
                0x0000 => row = u32_at(d, 0).unwrap_or(row),
                0x0001..=0x000B => {
                    if let (Some(col), Some(style)) = (u32_at(d, 0), u32_at(d, 4)) {
                        cells.insert((row, col), style & 0x00FF_FFFF);
                    }
                }
                0x00B0 => {
                    if let (Some(r0), Some(r1), Some(c0), Some(c1)) =
                        (u32_at(d, 0), u32_at(d, 4), u32_at(d, 8), u32_at(d, 12))
                    {
                        merges.push(Merge { r0, c0, r1, c1 });
                    }
                }
                _ => {}
            }
        }
        styles.sheets.insert(name, (cells, merges));
    }
    Ok(styles)
}
