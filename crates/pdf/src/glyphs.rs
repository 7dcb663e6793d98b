//! Glyph names and the standard simple-font encodings.
//!
//! The Adobe Glyph List and the four standard encodings are taken from lopdf's public
//! `Encoding` API (its tables are complete; only its font-level logic is unsuitable), and
//! `uniXXXX` / `uXXXX[XX]` names and ligature/suffix forms are resolved here.

use std::sync::OnceLock;

use lopdf::{Dictionary, Document, Encoding, Object};

/// Unicode text of a glyph name, or `None` when the name means nothing (e.g. `g123`).
pub(crate) fn name_to_unicode(name: &str) -> Option<String> {
    if name.is_empty() || name == ".notdef" {
        return None;
    }
    // Drop a suffix: `a.sc`, `one.oldstyle`.
    let base = name.split('.').next().unwrap_or(name);
    if base.is_empty() {
        return None;
    }
    // Ligatures: `f_f_i`.
    if base.contains('_') {
        let parts: Option<String> = base.split('_').map(one_name).collect();
        return parts;
    }
    one_name(base)
}

fn one_name(name: &str) -> Option<String> {
    if let Some(hex) = name.strip_prefix("uni")
        && hex.len() >= 4
        && hex.len() % 4 == 0
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        let units: Vec<u16> = hex
            .as_bytes()
            .chunks(4)
            .filter_map(|c| u16::from_str_radix(std::str::from_utf8(c).ok()?, 16).ok())
            .collect();
        let s: String = char::decode_utf16(units).filter_map(Result::ok).collect();
        return (!s.is_empty()).then_some(s);
    }
    if let Some(hex) = name.strip_prefix('u')
        && (4..=6).contains(&hex.len())
        && hex.bytes().all(|b| b.is_ascii_hexdigit())
    {
        return u32::from_str_radix(hex, 16)
            .ok()
            .and_then(char::from_u32)
            .map(String::from);
    }
    agl(name.as_bytes()).map(String::from)
}

/// Adobe Glyph List lookup through lopdf (a one-entry /Differences array).
fn agl(name: &[u8]) -> Option<char> {
    let doc = Document::new();
    let mut enc = Dictionary::new();
    enc.set(
        "Differences",
        Object::Array(vec![Object::Integer(65), Object::Name(name.to_vec())]),
    );
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Dictionary(enc));
    let encoding = font.get_font_encoding(&doc).ok()?;
    match encoding {
        Encoding::Differences(_) => {
            let s = encoding.bytes_to_string(&[65]).ok()?;
            s.chars().next()
        }
        _ => None,
    }
}

/// A 256-entry code → Unicode table.
pub(crate) type Table = [Option<char>; 256];

fn build_table(name: &str) -> Table {
    let mut t: Table = [None; 256];
    let doc = Document::new();
    let mut font = Dictionary::new();
    font.set("Type", Object::Name(b"Font".to_vec()));
    font.set("Encoding", Object::Name(name.as_bytes().to_vec()));
    if let Ok(enc) = font.get_font_encoding(&doc) {
        for (b, slot) in t.iter_mut().enumerate() {
            if let Ok(s) = enc.bytes_to_string(&[b as u8]) {
                *slot = s.chars().next().filter(|c| *c != '\u{fffd}' && *c != '\0');
            }
        }
    }
    t
}

/// The standard encoding named `name` (`StandardEncoding`, `WinAnsiEncoding`,
/// `MacRomanEncoding`, `MacExpertEncoding`); StandardEncoding for anything else.
pub(crate) fn base_table(name: &str) -> &'static Table {
    static STD: OnceLock<Table> = OnceLock::new();
    static WIN: OnceLock<Table> = OnceLock::new();
    static MAC: OnceLock<Table> = OnceLock::new();
    static EXP: OnceLock<Table> = OnceLock::new();
    match name {
        "WinAnsiEncoding" => WIN.get_or_init(|| build_table("WinAnsiEncoding")),
        "MacRomanEncoding" => MAC.get_or_init(|| build_table("MacRomanEncoding")),
        "MacExpertEncoding" => EXP.get_or_init(|| build_table("MacExpertEncoding")),
        _ => STD.get_or_init(|| build_table("StandardEncoding")),
    }
}

/// Map Kangxi radicals and CJK radicals supplement to unified ideographs.
pub(crate) fn unify_radical(c: char) -> char {
    let u = u32::from(c);
    if (0x2f00..=0x2fd5).contains(&u) {
        use unicode_normalization::UnicodeNormalization;
        let mut it = std::iter::once(c).nfkc();
        if let (Some(d), None) = (it.next(), it.next()) {
            return d;
        }
    }
    if (0x2e80..=0x2ef3).contains(&u) {
        let m = match u {
            0x2e8c | 0x2e8d => '小',
            0x2e8e => '兀',
            0x2e8f => '尣',
            0x2e90 => '尢',
            0x2e92 => '巳',
            0x2e94 => '彑',
            0x2e95 => '彐',
            0x2e97 => '忄',
            0x2e98 => '扌',
            0x2e99 => '攵',
            0x2e9b => '旡',
            0x2e9f => '母',
            0x2ea0 => '民',
            0x2ea4 => '爫',
            0x2ea6 => '丬',
            0x2eaa => '疋',
            0x2eab => '罒',
            0x2eac => '示',
            0x2ead => '礻',
            0x2eb2 => '罒',
            0x2eb9 => '耂',
            0x2ebc => '肉',
            0x2ebe..=0x2ec0 => '艹',
            0x2ec4 => '西',
            0x2ec6 => '角',
            0x2ec8 => '言',
            0x2ecc..=0x2ece => '辶',
            0x2ed6 => '阝',
            0x2ed7 => '雨',
            0x2edd => '食',
            0x2edf => '飠',
            0x2ee4 => '鬼',
            0x2eeb => '斉',
            0x2eed => '歯',
            0x2eef => '竜',
            0x2ef2 => '亀',
            0x2ef3 => '龟',
            _ => c,
        };
        return m;
    }
    c
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn names() {
        assert_eq!(name_to_unicode("A").as_deref(), Some("A"));
        assert_eq!(name_to_unicode("uni3042").as_deref(), Some("あ"));
        assert_eq!(name_to_unicode("u20BB7").as_deref(), Some("𠮷"));
        assert_eq!(name_to_unicode("f_i").as_deref(), Some("fi"));
        assert_eq!(name_to_unicode("period.sc").as_deref(), Some("."));
        assert_eq!(name_to_unicode("g123"), None);
        assert_eq!(base_table("WinAnsiEncoding")[0x41], Some('A'));
        assert_eq!(base_table("StandardEncoding")[0x27], Some('\u{2019}'));
        assert_eq!(unify_radical('\u{2f00}'), '一');
    }
}
