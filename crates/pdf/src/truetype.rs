//! The one piece of an embedded TrueType program we read: its Unicode `cmap`, inverted to
//! glyph id → Unicode, for CIDFontType2 fonts that carry no ToUnicode map and whose CIDs
//! are not Adobe-Japan1 (pdf.js and MuPDF do the same).

use std::collections::HashMap;

fn u16_at(d: &[u8], o: usize) -> Option<u16> {
    Some(u16::from_be_bytes(
        d.get(o..o.checked_add(2)?)?.try_into().ok()?,
    ))
}

fn u32_at(d: &[u8], o: usize) -> Option<u32> {
    Some(u32::from_be_bytes(
        d.get(o..o.checked_add(4)?)?.try_into().ok()?,
    ))
}

/// Most code points mapped from one font (bounds work on hostile fonts).
const MAX_MAPPINGS: usize = 200_000;

/// Glyph id → Unicode from the font's (3,1), (3,10) or (0,*) cmap subtable.
pub(crate) fn gid_to_unicode(font: &[u8]) -> Option<HashMap<u16, char>> {
    let n_tables = usize::from(u16_at(font, 4)?);
    let mut cmap_off = None;
    for t in 0..n_tables.min(64) {
        let rec = 12 + 16 * t;
        if font.get(rec..rec + 4)? == b"cmap" {
            cmap_off = Some(u32_at(font, rec + 8)? as usize);
        }
    }
    let cmap = cmap_off?;
    let n_sub = usize::from(u16_at(font, cmap + 2)?);
    let mut best: Option<(u8, usize)> = None;
    for e in 0..n_sub.min(64) {
        let rec = cmap + 4 + 8 * e;
        let (pid, eid) = (u16_at(font, rec)?, u16_at(font, rec + 2)?);
        let off = cmap.checked_add(u32_at(font, rec + 4)? as usize)?;
        let rank = match (pid, eid) {
            (3, 10) => 4,
            (3, 1) => 3,
            (0, _) => 2,
            _ => 0,
        };
        if rank > 0 && best.is_none_or(|(r, _)| rank > r) {
            best = Some((rank, off));
        }
    }
    let (_, off) = best?;
    let mut map = HashMap::new();
    let add = |cp: u32, gid: u16, map: &mut HashMap<u16, char>| {
        if gid != 0
            && map.len() < MAX_MAPPINGS
            && let Some(c) = char::from_u32(cp)
        {
            map.entry(gid).or_insert(c);
        }
    };
    match u16_at(font, off)? {
        4 => {
            let segx2 = usize::from(u16_at(font, off + 6)?);
            let ends = off + 14;
            let starts = ends + segx2 + 2;
            let deltas = starts + segx2;
            let ranges = deltas + segx2;
            let mut budget: usize = 1 << 20;
            for s in (0..segx2).step_by(2) {
                let end = u16_at(font, ends + s)?;
                let start = u16_at(font, starts + s)?;
                let delta = u16_at(font, deltas + s)?;
                let ro = u16_at(font, ranges + s)?;
                if start > end {
                    continue;
                }
                for c in start..=end {
                    // Bounded work: a hostile table cannot make this loop long.
                    budget = budget.saturating_sub(1);
                    if c == 0xffff || budget == 0 {
                        break;
                    }
                    let gid = if ro == 0 {
                        c.wrapping_add(delta)
                    } else {
                        let at = (ranges + s)
                            .checked_add(usize::from(ro))?
                            .checked_add(2 * usize::from(c - start))?;
                        match u16_at(font, at) {
                            Some(0) | None => 0,
                            Some(g) => g.wrapping_add(delta),
                        }
                    };
                    add(u32::from(c), gid, &mut map);
                }
            }
        }
        12 => {
            let n = u32_at(font, off + 12)? as usize;
            for g in 0..n.min(MAX_MAPPINGS) {
                let rec = off + 16 + 12 * g;
                let (s, e, gid) = (
                    u32_at(font, rec)?,
                    u32_at(font, rec + 4)?,
                    u32_at(font, rec + 8)?,
                );
                if e < s || e - s > 0x10000 || map.len() >= MAX_MAPPINGS {
                    continue;
                }
                for (k, cp) in (s..=e).enumerate() {
                    let g = gid.saturating_add(k as u32);
                    if let Ok(g) = u16::try_from(g) {
                        add(cp, g, &mut map);
                    }
                }
            }
        }
        _ => return None,
    }
    (!map.is_empty()).then_some(map)
}
