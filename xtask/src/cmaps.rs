//! `cargo xtask cmaps`: compile Adobe's Japanese CMap resources into compact binary tables.
//!
//! Input: Adobe's CMap files for the Adobe-Japan1 character collection as shipped by Debian's
//! poppler-data (`/usr/share/poppler/cMap/Adobe-Japan1/`, BSD-3 licence by Adobe; override the
//! folder with `MUNIPLAN_CMAP_DIR`). poppler-data's `cidToUnicode/` files (GPL) are never read.
//!
//! Output, under `crates/pdf/data/`:
//! - `aj1-cid2ucs.bin`: CID → Unicode, one little-endian `u32` per CID (0 = unknown), made by
//!   inverting UniJIS-UTF32-H (then -V, UniJIS2004-UTF32-H/V, Adobe-Japan1-UCS2 for CIDs still
//!   missing). When several code points reach one CID, a unified ideograph beats a radical or
//!   compatibility ideograph, then the lowest code point wins.
//! - `cmap-<name>.bin`: code → CID of a predefined CMap as sorted runs of little-endian `u32`
//!   triples `(first code, last code, first CID)`; a code is stored as `len << 24 | value`.
//!   `usecmap` is resolved. Unicode CMaps are stored the same way, keyed by code point.
//! - `ADOBE-CMAP-LICENSE.txt`: Adobe's notice, which must travel with the derived tables.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};

/// Predefined CMaps compiled into the reader (code → CID, for widths and vertical forms).
const CMAPS: &[&str] = &[
    "90ms-RKSJ-H",
    "90ms-RKSJ-V",
    "90msp-RKSJ-H",
    "90msp-RKSJ-V",
    "RKSJ-H",
    "RKSJ-V",
    "EUC-H",
    "EUC-V",
    "H",
    "V",
    "UniJIS-UTF32-H",
    "UniJIS-UTF32-V",
];

/// Generate the tables under `root/crates/pdf/data`.
pub fn generate(root: &Path) -> anyhow::Result<()> {
    let src = std::env::var_os("MUNIPLAN_CMAP_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("/usr/share/poppler/cMap/Adobe-Japan1"));
    if !src.join("UniJIS-UTF32-H").is_file() {
        bail!(
            "{}: Adobe-Japan1 CMaps not found (install Debian's poppler-data)",
            src.display()
        );
    }
    let out = root.join("crates/pdf/data");
    fs::create_dir_all(&out).with_context(|| format!("{}: cannot create", out.display()))?;

    // CID → Unicode.
    let mut cid2ucs: BTreeMap<u32, u32> = BTreeMap::new();
    for name in [
        "UniJIS-UTF32-H",
        "UniJIS-UTF32-V",
        "UniJIS2004-UTF32-H",
        "UniJIS2004-UTF32-V",
    ] {
        let map = load_cmap(&src, name, 0)?;
        let mut local: BTreeMap<u32, u32> = BTreeMap::new();
        for (code, cid) in map {
            let ucs = code & 0x00ff_ffff;
            local
                .entry(cid)
                .and_modify(|cur| {
                    if better(ucs, *cur) {
                        *cur = ucs;
                    }
                })
                .or_insert(ucs);
        }
        for (cid, ucs) in local {
            cid2ucs.entry(cid).or_insert(ucs);
        }
    }
    // Adobe-Japan1-UCS2 is a CID → UCS-2 map (bfchar/bfrange).
    let text = read(&src.join("Adobe-Japan1-UCS2"))?;
    for (cid, ucs) in parse_bf(&text) {
        if ucs != 0xfffd {
            cid2ucs.entry(cid).or_insert(ucs);
        }
    }
    let max_cid = cid2ucs.keys().next_back().copied().unwrap_or(0);
    let mut blob = Vec::with_capacity((max_cid as usize + 1) * 4);
    for cid in 0..=max_cid {
        blob.extend_from_slice(&cid2ucs.get(&cid).copied().unwrap_or(0).to_le_bytes());
    }
    write(&out.join("aj1-cid2ucs.bin"), &blob)?;

    for name in CMAPS {
        let map = load_cmap(&src, name, 0)?;
        let mut runs: Vec<(u32, u32, u32)> = Vec::new();
        for (code, cid) in map {
            if let Some(last) = runs.last_mut()
                && last.1.checked_add(1) == Some(code)
                && last.2 + (last.1 - last.0) + 1 == cid
            {
                last.1 = code;
                continue;
            }
            runs.push((code, code, cid));
        }
        let mut blob = Vec::with_capacity(runs.len() * 12);
        for (a, b, c) in runs {
            blob.extend_from_slice(&a.to_le_bytes());
            blob.extend_from_slice(&b.to_le_bytes());
            blob.extend_from_slice(&c.to_le_bytes());
        }
        write(&out.join(format!("cmap-{name}.bin")), &blob)?;
    }

    // Adobe's notice, taken from the CMap file itself.
    let text = read(&src.join("UniJIS-UTF32-H"))?;
    let mut notice = String::from(
        "The tables in this folder (aj1-cid2ucs.bin, cmap-*.bin) are derived by `cargo xtask cmaps`\n\
         from Adobe's CMap resources for the Adobe-Japan1 character collection\n\
         (as distributed in Debian's poppler-data, cMap/Adobe-Japan1/). Adobe's notice follows.\n\n",
    );
    for line in text.lines() {
        if let Some(rest) = line.strip_prefix("%%Copyright:") {
            let rest = rest.strip_prefix(' ').unwrap_or(rest);
            if rest.starts_with("----") {
                continue;
            }
            notice.push_str(rest.trim_end());
            notice.push('\n');
        }
    }
    write(&out.join("ADOBE-CMAP-LICENSE.txt"), notice.as_bytes())?;
    println!("cmaps: wrote {} (max CID {max_cid})", out.display());
    Ok(())
}

/// True when code point `a` is a better Unicode value for a CID than `b`.
fn better(a: u32, b: u32) -> bool {
    fn rank(u: u32) -> u32 {
        let compat = (0x2e80..=0x2fdf).contains(&u)
            || (0xf900..=0xfaff).contains(&u)
            || (0x2f800..=0x2fa1f).contains(&u)
            || (0xfe30..=0xfe4f).contains(&u)
            || (0xe000..=0xf8ff).contains(&u);
        u32::from(compat)
    }
    (rank(a), a) < (rank(b), b)
}

fn read(path: &Path) -> anyhow::Result<String> {
    let bytes = fs::read(path).with_context(|| format!("{}: cannot read", path.display()))?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    fs::write(path, bytes).with_context(|| format!("{}: cannot write", path.display()))
}

/// Parse a `<hex>` token; returns (value, byte length).
fn hex(tok: &str) -> Option<(u32, u32)> {
    let inner = tok.strip_prefix('<')?.strip_suffix('>')?;
    let v = u32::from_str_radix(inner, 16).ok()?;
    Some((v, (inner.len() / 2) as u32))
}

/// Load a CMap's code → CID map (codes keyed `len << 24 | value`), resolving `usecmap`.
fn load_cmap(dir: &Path, name: &str, depth: u32) -> anyhow::Result<BTreeMap<u32, u32>> {
    if depth > 4 {
        bail!("{name}: usecmap nesting too deep");
    }
    let text = read(&dir.join(name))?;
    let toks: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('%'))
        .flat_map(str::split_whitespace)
        .collect();
    let mut map = BTreeMap::new();
    let mut i = 0;
    while i < toks.len() {
        let t = toks[i];
        if t == "usecmap" && i > 0 {
            let parent = toks[i - 1].trim_start_matches('/');
            map = load_cmap(dir, parent, depth + 1)?;
        } else if t == "begincidrange" {
            i += 1;
            while i + 2 < toks.len() && toks[i] != "endcidrange" {
                if let (Some((lo, len)), Some((hi, _)), Ok(cid)) =
                    (hex(toks[i]), hex(toks[i + 1]), toks[i + 2].parse::<u32>())
                {
                    for (k, code) in (lo..=hi).enumerate() {
                        map.insert(len << 24 | code, cid + k as u32);
                    }
                }
                i += 3;
            }
        } else if t == "begincidchar" {
            i += 1;
            while i + 1 < toks.len() && toks[i] != "endcidchar" {
                if let (Some((code, len)), Ok(cid)) = (hex(toks[i]), toks[i + 1].parse::<u32>()) {
                    map.insert(len << 24 | code, cid);
                }
                i += 2;
            }
        }
        i += 1;
    }
    Ok(map)
}

/// CID → code point pairs of a bfchar/bfrange CMap (single-code-point targets only).
fn parse_bf(text: &str) -> Vec<(u32, u32)> {
    let toks: Vec<&str> = text
        .lines()
        .filter(|l| !l.starts_with('%'))
        .flat_map(str::split_whitespace)
        .collect();
    let mut out = Vec::new();
    let mut i = 0;
    while i < toks.len() {
        if toks[i] == "beginbfchar" {
            i += 1;
            while i + 1 < toks.len() && toks[i] != "endbfchar" {
                if let (Some((cid, _)), Some((u, 2))) = (hex(toks[i]), hex(toks[i + 1])) {
                    out.push((cid, u));
                }
                i += 2;
            }
        } else if toks[i] == "beginbfrange" {
            i += 1;
            while i + 2 < toks.len() && toks[i] != "endbfrange" {
                if let (Some((lo, _)), Some((hi, _)), Some((u, 2))) =
                    (hex(toks[i]), hex(toks[i + 1]), hex(toks[i + 2]))
                {
                    for (k, cid) in (lo..=hi).enumerate() {
                        out.push((cid, u + k as u32));
                    }
                }
                i += 3;
            }
        }
        i += 1;
    }
    out
}
