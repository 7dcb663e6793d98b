//! The text policy (NORMALIZATION.md §7): HTML stripping, explicit width folding, Japanese-aware
//! joining of wrapped lines, and spacing repair.
//!
//! Order: HTML → fold → join lines → spacing. Folding comes before joining so that the joining
//! and spacing rules see one spelling of every character, which makes [`normalize_text`]
//! idempotent.

use std::borrow::Cow;

use crate::memo;

use crate::number::{starts_with_join_suffix, starts_with_unit_token, unit_end_len};
use crate::tables::{KANGXI, RADICAL_SUPPLEMENT};

/// The text policy of NORMALIZATION.md §7 on a whole string.
///
/// HTML tags are removed (block tags become line breaks), widths are folded with an explicit
/// map (full-width ASCII → ASCII, U+3000 → space, half-width katakana → full-width with voiced
/// marks composed, `Ⅰ…Ⅻ` → ASCII, every tilde and wave dash → `~`, Kangxi and supplementary
/// radicals → unified ideographs), wrapped lines are joined the Japanese way, and spacing
/// artefacts (`令和 6 年 3 月`, `I C T`, `安 中 市`) are removed. Markers (`①`), footnote marks
/// (`²`), `—`, `―`, `ー`, `→`, `“”` and source typos are kept as printed.
pub fn normalize_text(raw: &str) -> String {
    memo::thread_memo!(NORMALIZED: String => String);
    memo::memoized(
        &NORMALIZED,
        raw,
        |n| raw.len() + n.len(),
        || apply_spacing(&prepare(raw)),
    )
}

/// HTML stripped, folded, lines joined, whitespace runs collapsed; spacing artefacts untouched.
pub(crate) fn prepare(raw: &str) -> String {
    memo::thread_memo!(PREPARED: String => String);
    memo::memoized(
        &PREPARED,
        raw,
        |p| raw.len() + p.len(),
        || prepare_text(raw),
    )
}

/// [`prepare`] without the memo.
fn prepare_text(raw: &str) -> String {
    let raw = glue_wide_breaks(raw);
    let mut s = fold(&strip_html(&raw));
    // Folding can complete a tag (`<a＞`) and decoding can reveal one (`&lt;p&gt;`): repeat
    // until nothing changes, so that the result is a fixed point. Each round shortens `s`.
    let mut rounds = 0;
    while (s.contains('<') || s.contains('&')) && rounds < 64 {
        let next = fold(&strip_html(&s));
        if next == s {
            break;
        }
        s = next;
        rounds += 1;
    }
    join_lines(s)
}

/// A line break between a full-width digit or letter and another wide character (full-width
/// alphanumeric or CJK) is a producer's wrap inside a word (`計８\n６名`), never a space. Decided
/// here, on the printed widths: after folding, `８` is `8` and the join would read two numbers.
fn glue_wide_breaks(raw: &str) -> std::borrow::Cow<'_, str> {
    let fw_alnum =
        |c: char| matches!(c as u32, 0xFF10..=0xFF19 | 0xFF21..=0xFF3A | 0xFF41..=0xFF5A);
    let wide = |c: char| fw_alnum(c) || (is_cjk(c) && !is_bullet(c));
    if !raw.contains('\n') || !raw.chars().any(fw_alnum) {
        return std::borrow::Cow::Borrowed(raw);
    }
    let chars: Vec<char> = raw.chars().collect();
    let mut out = String::with_capacity(raw.len());
    for (i, &c) in chars.iter().enumerate() {
        if c == '\n'
            && let (Some(&p), Some(&n)) = (
                i.checked_sub(1).and_then(|j| chars.get(j)),
                chars.get(i + 1),
            )
            && wide(p)
            && wide(n)
            && (fw_alnum(p) || fw_alnum(n))
        {
            continue;
        }
        out.push(c);
    }
    std::borrow::Cow::Owned(out)
}

// ---------------------------------------------------------------------------------------------
// HTML

const BLOCK_TAGS: &[&str] = &[
    "p", "br", "li", "td", "th", "tr", "div", "ul", "ol", "table", "tbody", "thead", "h1", "h2",
    "h3", "h4", "h5", "h6", "dd", "dt", "dl", "hr",
];

/// Does `raw` contain an HTML item separator (a block tag)?
pub(crate) fn html_parts(raw: &str) -> Option<Vec<String>> {
    if !raw.contains('<') {
        return None;
    }
    let stripped = strip_html_with(raw, '\u{1F}');
    if !stripped.contains('\u{1F}') {
        return None;
    }
    let parts: Vec<String> = stripped
        .split('\u{1F}')
        .map(str::trim)
        .filter(|p| !p.is_empty())
        .map(str::to_owned)
        .collect();
    Some(parts)
}

fn strip_html(raw: &str) -> Cow<'_, str> {
    if !raw.bytes().any(|b| b == b'<' || b == b'&') {
        return Cow::Borrowed(raw);
    }
    Cow::Owned(strip_html_with(raw, '\n'))
}

fn strip_html_with(raw: &str, block_sep: char) -> String {
    let mut out = String::with_capacity(raw.len());
    let mut rest = raw;
    while let Some(pos) = rest.find(['<', '&']) {
        out.push_str(&rest[..pos]);
        let tail = &rest[pos..];
        if tail.starts_with('<') {
            if let Some((name, len)) = html_tag(tail) {
                if BLOCK_TAGS.contains(&name.as_str()) {
                    out.push(block_sep);
                }
                rest = &tail[len..];
                continue;
            }
            out.push('<');
            rest = tail.get(1..).unwrap_or("");
        } else {
            if let Some((decoded, len)) = html_entity(tail) {
                out.push(decoded);
                rest = &tail[len..];
                continue;
            }
            out.push('&');
            rest = tail.get(1..).unwrap_or("");
        }
    }
    out.push_str(rest);
    out
}

/// A tag at the start of `s` (which starts with `<`): its lower-case name and byte length.
fn html_tag(s: &str) -> Option<(String, usize)> {
    let body = s.get(1..)?;
    let body_trim = body.strip_prefix('/').unwrap_or(body);
    let first = body_trim.chars().next()?;
    if !(first.is_ascii_alphabetic() || first == '!') {
        return None;
    }
    let close = body.find('>')?;
    let inner = &body[..close];
    if inner.contains('<') || close > 2000 {
        return None;
    }
    let name: String = body_trim
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect();
    if first != '!' && name.is_empty() {
        return None;
    }
    Some((name, close + 2))
}

fn html_entity(s: &str) -> Option<(char, usize)> {
    let semi = s.get(..12.min(s.len()))?.find(';').or_else(|| {
        // `s` may be cut inside a multi-byte char above; fall back to a char scan.
        s.char_indices()
            .take(12)
            .find(|&(_, c)| c == ';')
            .map(|(i, _)| i)
    })?;
    let name = s.get(1..semi)?;
    let c = match name {
        "nbsp" => ' ',
        "amp" => '&',
        "lt" => '<',
        "gt" => '>',
        "quot" => '"',
        "apos" => '\'',
        _ => {
            let num = name.strip_prefix('#')?;
            let code = if let Some(hex) = num.strip_prefix(['x', 'X']) {
                u32::from_str_radix(hex, 16).ok()?
            } else {
                num.parse::<u32>().ok()?
            };
            char::from_u32(code)?
        }
    };
    Some((c, semi + 1))
}

// ---------------------------------------------------------------------------------------------
// Width folding

const HALF_KANA: &str = "ヲァィゥェォャュョッーアイウエオカキクケコサシスセソタチツテトナニヌネノハヒフヘホマミムメモヤユヨラリルレロワン";

const ROMAN: [&str; 12] = [
    "I", "II", "III", "IV", "V", "VI", "VII", "VIII", "IX", "X", "XI", "XII",
];
const ROMAN_LOWER: [&str; 12] = [
    "i", "ii", "iii", "iv", "v", "vi", "vii", "viii", "ix", "x", "xi", "xii",
];

fn half_kana(c: char) -> Option<char> {
    let idx = (c as u32).checked_sub(0xFF66)? as usize;
    HALF_KANA.chars().nth(idx)
}

/// The voiced (dakuten) form of a kana, if it has one.
pub(crate) fn voiced(c: char) -> Option<char> {
    let u = c as u32;
    let (kata, base) = if (0x30A0..=0x30FF).contains(&u) {
        (true, u)
    } else if (0x3040..=0x309F).contains(&u) {
        (false, u + 0x60)
    } else {
        return None;
    };
    let v = match base {
        0x30AB..=0x30C1 if base % 2 == 1 => base + 1,
        0x30C4 | 0x30C6 | 0x30C8 => base + 1,
        0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB => base + 1,
        0x30A6 => 0x30F4,
        0x30FD => 0x30FE,
        0x30EF..=0x30F2 if kata => base + 8,
        _ => return None,
    };
    char::from_u32(if kata { v } else { v - 0x60 })
}

/// The semi-voiced (handakuten) form of a kana, if it has one.
pub(crate) fn semi_voiced(c: char) -> Option<char> {
    let u = c as u32;
    match u {
        0x30CF | 0x30D2 | 0x30D5 | 0x30D8 | 0x30DB | 0x306F | 0x3072 | 0x3075 | 0x3078 | 0x307B => {
            char::from_u32(u + 2)
        }
        _ => None,
    }
}

fn is_dash_like(c: char) -> bool {
    matches!(
        c,
        '\u{2010}' | '\u{2011}' | '\u{2012}' | '\u{2013}' | '\u{2212}' | '\u{FE63}'
    )
}

/// Characters the fold deletes: zero-width spaces and joiners, the BOM, the soft hyphen.
fn is_invisible(c: char) -> bool {
    matches!(
        c,
        '\u{200B}' | '\u{200C}' | '\u{200D}' | '\u{2060}' | '\u{FEFF}' | '\u{00AD}'
    )
}

fn folds_to_ascii_alnum(c: char) -> bool {
    c.is_ascii_alphanumeric()
        || ('\u{2160}'..='\u{217B}').contains(&c)
        || ('\u{FF10}'..='\u{FF19}').contains(&c)
        || ('\u{FF21}'..='\u{FF3A}').contains(&c)
        || ('\u{FF41}'..='\u{FF5A}').contains(&c)
}

fn folds_to_digit(c: char) -> bool {
    c.is_ascii_digit() || ('\u{FF10}'..='\u{FF19}').contains(&c)
}

/// Could `fold` change this character (or its neighbour)? Everything else is copied as is.
fn needs_fold(c: char) -> bool {
    matches!(c as u32,
        0x09..=0x0D
        | 0x85
        | 0xA0
        | 0xAD
        | 0x2DC
        | 0x2000..=0x206F
        | 0x2160..=0x217B
        | 0x2212
        | 0x223C
        | 0x2E80..=0x2FDF
        | 0x3000
        | 0x301C
        | 0x3030
        | 0x3099..=0x309A
        | 0x3231..=0x32FF
        | 0x337B..=0x337E
        | 0xFE4B
        | 0xFE63
        | 0xFEFF
        | 0xFF01..=0xFFEF)
}

/// Fold one string with the explicit map of §7.6.
pub(crate) fn fold(s: &str) -> String {
    match s.char_indices().find(|&(_, c)| needs_fold(c)) {
        None => s.to_owned(),
        Some((i, _)) => {
            let mut out = String::with_capacity(s.len());
            out.push_str(&s[..i]);
            fold_into(&s[i..], &mut out);
            out
        }
    }
}

fn fold_into(s: &str, out: &mut String) {
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        let u = c as u32;
        match c {
            '\u{FF01}'..='\u{FF5E}' => {
                if let Some(a) = char::from_u32(u - 0xFEE0) {
                    out.push(a);
                }
            }
            '\u{3000}'
            | '\u{00A0}'
            | '\u{2000}'..='\u{200A}'
            | '\u{202F}'
            | '\u{205F}'
            | '\t'
            | '\u{0B}'
            | '\u{0C}' => out.push(' '),
            c if is_invisible(c) => {}
            '\r' => {
                if it.peek() != Some(&'\n') {
                    out.push('\n');
                }
            }
            '\u{2028}' | '\u{2029}' | '\u{85}' => out.push('\n'),
            '\u{FF61}' => out.push('。'),
            '\u{FF62}' => out.push('「'),
            '\u{FF63}' => out.push('」'),
            '\u{FF64}' => out.push('、'),
            '\u{FF65}' => out.push('・'),
            '\u{FF66}'..='\u{FF9D}' => {
                let k = half_kana(c).unwrap_or(c);
                match it.peek() {
                    Some('\u{FF9E}') => {
                        if let Some(v) = voiced(k) {
                            it.next();
                            out.push(v);
                        } else {
                            out.push(k);
                        }
                    }
                    Some('\u{FF9F}') => {
                        if let Some(v) = semi_voiced(k) {
                            it.next();
                            out.push(v);
                        } else {
                            out.push(k);
                        }
                    }
                    _ => out.push(k),
                }
            }
            '\u{FF9E}' => out.push('\u{309B}'),
            '\u{FF9F}' => out.push('\u{309C}'),
            '\u{3099}' | '\u{309A}' => {
                let composed = out.chars().last().and_then(|prev| {
                    if c == '\u{3099}' {
                        voiced(prev)
                    } else {
                        semi_voiced(prev)
                    }
                });
                match composed {
                    Some(v) => {
                        out.pop();
                        out.push(v);
                    }
                    None => out.push(c),
                }
            }
            '\u{FFE0}' => out.push('¢'),
            '\u{FFE1}' => out.push('£'),
            '\u{FFE5}' => out.push('¥'),
            '\u{2160}'..='\u{216B}' => {
                out.push_str(ROMAN.get((u - 0x2160) as usize).copied().unwrap_or(""));
            }
            '\u{2170}'..='\u{217B}' => {
                out.push_str(
                    ROMAN_LOWER
                        .get((u - 0x2170) as usize)
                        .copied()
                        .unwrap_or(""),
                );
            }
            '\u{301C}' | '\u{223C}' | '\u{3030}' | '\u{2053}' | '\u{FE4B}' | '\u{02DC}' => {
                out.push('~')
            }
            c if is_dash_like(c) => {
                let prev_alnum = out
                    .chars()
                    .last()
                    .is_some_and(|p| p.is_ascii_alphanumeric());
                // The next character that stays: an invisible one between is dropped below, so
                // deciding on it would make the fold depend on text that is gone (not idempotent).
                let next = it.clone().find(|&n| !is_invisible(n));
                let next_alnum = next.is_some_and(folds_to_ascii_alnum);
                let next_digit = next.is_some_and(folds_to_digit);
                if (prev_alnum && next_alnum) || next_digit {
                    out.push('-');
                } else {
                    out.push(c);
                }
            }
            '\u{2F00}'..='\u{2FD5}' => {
                out.push(KANGXI.get((u - 0x2F00) as usize).copied().unwrap_or(c));
            }
            '\u{2E80}'..='\u{2EFF}' => {
                let mapped = RADICAL_SUPPLEMENT
                    .binary_search_by_key(&c, |&(r, _)| r)
                    .ok()
                    .and_then(|i| RADICAL_SUPPLEMENT.get(i))
                    .map_or(c, |&(_, ideo)| ideo);
                out.push(mapped);
            }
            '㈱' => out.push_str("(株)"),
            '㈲' => out.push_str("(有)"),
            '㈹' => out.push_str("(代)"),
            '㍻' => out.push_str("平成"),
            '㍼' => out.push_str("昭和"),
            '㍽' => out.push_str("大正"),
            '㍾' => out.push_str("明治"),
            '\u{32FF}' => out.push_str("令和"),
            _ => out.push(c),
        }
    }
}

// ---------------------------------------------------------------------------------------------
// Character classes

/// CJK for the joining and spacing rules: ideographs, kana, CJK punctuation, full-width forms.
pub(crate) fn is_cjk(c: char) -> bool {
    matches!(c as u32,
        0x2E80..=0x2FFF
        | 0x3001..=0x303F
        | 0x3040..=0x3098
        | 0x309B..=0x30FF
        | 0x3100..=0x31FF
        | 0x3200..=0x32FF
        | 0x3400..=0x4DBF
        | 0x4E00..=0x9FFF
        | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F
        | 0xFF00..=0xFFEF
        | 0x20000..=0x3FFFF)
}

/// Bullets that start a new line inside a cell (the newline before them is kept).
pub(crate) fn is_bullet(c: char) -> bool {
    matches!(
        c,
        '・' | '◆'
            | '◇'
            | '■'
            | '□'
            | '●'
            | '○'
            | '◎'
            | '※'
            | '★'
            | '☆'
            | '▶'
            | '►'
            | '•'
    ) || is_circled_number(c)
}

/// `①`…`⑳` and `㉑`…`㊿`.
pub(crate) fn is_circled_number(c: char) -> bool {
    matches!(c as u32, 0x2460..=0x2473 | 0x3251..=0x325F | 0x32B1..=0x32BF)
}

fn is_ws(c: char) -> bool {
    c == ' ' || (c != '\n' && c.is_whitespace())
}

// ---------------------------------------------------------------------------------------------
// Line joining

/// Is `line` (already folded) trimmed, with single plain spaces only?
///
/// After folding, the only whitespace left besides `' '` and `'\n'` is ASCII control
/// whitespace and U+1680, so a byte scan decides.
fn ws_clean(line: &str) -> bool {
    let b = line.as_bytes();
    if b.first() == Some(&b' ') || b.last() == Some(&b' ') {
        return false;
    }
    let mut prev_space = false;
    for &x in b {
        match x {
            b' ' if prev_space => return false,
            b' ' => prev_space = true,
            0x09 | 0x0B | 0x0C | 0x0D | 0x1C..=0x1F => return false,
            0xE1 => return !line.contains('\u{1680}') && ws_clean_slow(line),
            _ => prev_space = false,
        }
    }
    true
}

fn ws_clean_slow(line: &str) -> bool {
    let mut prev_space = true;
    for c in line.chars() {
        if c == ' ' {
            if prev_space {
                return false;
            }
            prev_space = true;
        } else if is_ws(c) {
            return false;
        } else {
            prev_space = false;
        }
    }
    !prev_space || line.is_empty()
}

fn collapse_ws(line: &str) -> String {
    if ws_clean(line) {
        return line.to_owned();
    }
    let mut out = String::with_capacity(line.len());
    let mut pending_space = false;
    for c in line.chars() {
        if is_ws(c) {
            pending_space = !out.is_empty();
        } else {
            if pending_space {
                out.push(' ');
                pending_space = false;
            }
            out.push(c);
        }
    }
    out
}

/// Join wrapped lines (§7.3) and collapse whitespace runs to one space.
pub(crate) fn join_lines(s: String) -> String {
    if !s.contains('\n') {
        if ws_clean(&s) {
            return s;
        }
        return collapse_ws(&s);
    }
    let mut out = String::with_capacity(s.len());
    let mut blank = false;
    let mut first = true;
    for raw_line in s.split('\n') {
        let line = collapse_ws(raw_line);
        if line.is_empty() {
            if !first {
                blank = true;
            }
            continue;
        }
        if first {
            out.push_str(&line);
            first = false;
            continue;
        }
        let prev = out.chars().last();
        let next = line.chars().next();
        let suffix = starts_with_join_suffix(&line);
        let sep = if blank {
            if suffix { "" } else { "\n\n" }
        } else if next.is_some_and(is_bullet) {
            "\n"
        } else if prev.is_some_and(is_cjk) || next.is_some_and(is_cjk) || suffix {
            ""
        } else {
            " "
        };
        out.push_str(sep);
        out.push_str(&line);
        blank = false;
    }
    out
}

// ---------------------------------------------------------------------------------------------
// Spacing

/// Apply the spacing rules of §7.5 to each line of an already prepared string.
pub(crate) fn apply_spacing(s: &str) -> String {
    if !s.contains(' ') {
        return s.to_owned();
    }
    let mut out = String::with_capacity(s.len());
    for (i, line) in s.split('\n').enumerate() {
        if i > 0 {
            out.push('\n');
        }
        space_line(line, &mut out);
    }
    out
}

fn is_num_char(c: char) -> bool {
    c.is_ascii_digit() || c == ',' || c == '.'
}

/// CJK for spacing: a bracket counts when the character inside it is CJK.
fn cjk_at(chars: &[char], i: usize, looking_right: bool) -> bool {
    let Some(&c) = chars.get(i) else {
        return false;
    };
    if is_cjk(c) {
        return true;
    }
    if looking_right && c == '(' {
        return chars.get(i + 1).is_some_and(|&n| is_cjk(n));
    }
    if !looking_right && c == ')' {
        return i
            .checked_sub(1)
            .and_then(|j| chars.get(j))
            .is_some_and(|&p| is_cjk(p));
    }
    false
}

/// Does the token that ends just before `end` end with number + unit (`20人`, `13.0日`)?
fn token_ends_with_quantity(chars: &[char], end: usize) -> bool {
    let start = chars[..end]
        .iter()
        .rposition(|&c| c == ' ')
        .map_or(0, |p| p + 1);
    if !chars[start..end].iter().any(|c| c.is_ascii_digit()) {
        return false;
    }
    let token: String = chars[start..end].iter().collect();
    let Some(ulen) = unit_end_len(&token) else {
        return false;
    };
    let head = &token[..token.len() - ulen];
    head.chars()
        .last()
        .is_some_and(|c| c.is_ascii_digit() || matches!(c, '万' | '千' | '億'))
}

/// Is the token that ends just before `end` a bare number (digits, commas, dots)?
fn token_is_number(chars: &[char], end: usize) -> bool {
    let start = chars[..end]
        .iter()
        .rposition(|&c| c == ' ')
        .map_or(0, |p| p + 1);
    start < end
        && chars[start..end].iter().all(|&c| is_num_char(c))
        && chars[start..end].iter().any(|c| c.is_ascii_digit())
}

/// Does the left neighbour end a counter unit (`件`, `人`…), which separates values, not prose?
fn ends_counter(chars: &[char], end: usize) -> bool {
    let start = end.saturating_sub(6);
    let tail: String = chars[start..end].iter().collect();
    match unit_end_len(&tail) {
        Some(_) => !matches!(chars.get(end.wrapping_sub(1)), Some('年' | '月')),
        None => false,
    }
}

/// Is the token just before or just after the space at `p` made only of `ー`?
fn dash_token_at(chars: &[char], p: usize) -> bool {
    let after = chars[p + 1..]
        .iter()
        .take_while(|&&c| c != ' ')
        .all(|&c| c == 'ー');
    let before = chars[..p]
        .iter()
        .rev()
        .take_while(|&&c| c != ' ')
        .all(|&c| c == 'ー');
    after || before
}

fn space_line(line: &str, out: &mut String) {
    let chars: Vec<char> = line.chars().collect();
    let n = chars.len();
    let mut remove = vec![false; n];

    // Letter-spaced runs of single capital letters: `I C T`, `P D C A`.
    let mut i = 0;
    while i < n {
        let single = |j: usize| {
            chars.get(j).is_some_and(|c| c.is_ascii_uppercase())
                && j.checked_sub(1)
                    .and_then(|p| chars.get(p))
                    .is_none_or(|p| !p.is_ascii_alphanumeric() && !matches!(p, '<' | '/' | '&'))
                && chars
                    .get(j + 1)
                    .is_none_or(|nx| !nx.is_ascii_alphanumeric())
        };
        if single(i) {
            let mut j = i;
            let mut count = 1;
            while chars.get(j + 1) == Some(&' ') && single(j + 2) {
                j += 2;
                count += 1;
            }
            if count >= 3 {
                let mut k = i + 1;
                while k < j {
                    remove[k] = true;
                    k += 2;
                }
            }
            i = j + 1;
        } else {
            i += 1;
        }
    }

    for p in 0..n {
        if chars[p] != ' ' || remove[p] || p == 0 || p + 1 >= n {
            continue;
        }
        let a = chars[p - 1];
        let b = chars[p + 1];
        // Between two CJK characters, unless the left token is a value (`20人 年休…`) or one
        // side is a placeholder made of long-vowel marks (`実績 ー`).
        if cjk_at(&chars, p - 1, false) && cjk_at(&chars, p + 1, true) {
            if !token_ends_with_quantity(&chars, p) && !dash_token_at(&chars, p) {
                remove[p] = true;
            }
            continue;
        }
        // Before a digit run flanked by CJK: `令和 6 年`, `第 7 次`.
        if b.is_ascii_digit() && cjk_at(&chars, p - 1, false) && !ends_counter(&chars, p) {
            let mut q = p + 1;
            while q < n && is_num_char(chars[q]) {
                q += 1;
            }
            let r = if chars.get(q) == Some(&' ') { q + 1 } else { q };
            if cjk_at(&chars, r, true) {
                remove[p] = true;
                if r != q {
                    remove[q] = true;
                }
            }
            continue;
        }
        // After a digit run flanked by CJK: `6 年` where the left side had no space.
        if a.is_ascii_digit() && cjk_at(&chars, p + 1, true) {
            let mut q = p;
            while q > 0 && is_num_char(chars[q - 1]) {
                q -= 1;
            }
            // Only before a date-like counter: `令和6 年`, `第7 次` (not `基本方針1 協働`).
            let dateish = matches!(
                b,
                '年' | '月'
                    | '日'
                    | '次'
                    | '期'
                    | '号'
                    | '番'
                    | '丁'
                    | '回'
                    | '階'
                    | '条'
                    | '章'
                    | '節'
            );
            if dateish && q > 0 && cjk_at(&chars, q - 1, false) && !ends_counter(&chars, q) {
                remove[p] = true;
                continue;
            }
            // A bare number followed by its unit: `14,215 千円`, `211 万枚`.
            let rest: String = chars[p + 1..].iter().collect();
            if token_is_number(&chars, p) && starts_with_unit_token(&rest) {
                remove[p] = true;
            }
        }
    }
    for (c, r) in chars.iter().zip(remove.iter()) {
        if !r {
            out.push(*c);
        }
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn folds_widths_and_kana() {
        assert_eq!(normalize_text("令和５（2023）年度"), "令和5(2023)年度");
        assert_eq!(normalize_text("ｺﾐｭﾆﾃｨ　45(+1)"), "コミュニティ 45(+1)");
        assert_eq!(normalize_text("ｶﾞｲﾄﾞﾌﾞｯｸ ﾊﾟﾝ"), "ガイドブックパン");
        assert_eq!(normalize_text("ＡＩ－ＯＣＲ"), "AI-OCR");
        assert_eq!(
            normalize_text("令和2年度〜令和6年度"),
            "令和2年度~令和6年度"
        );
        assert_eq!(normalize_text("⼀⼈"), "一人");
        assert_eq!(normalize_text("⻘"), "青");
        assert_eq!(normalize_text("Ⅲ"), "III");
    }

    #[test]
    fn joins_and_spaces() {
        assert_eq!(normalize_text("116.6百万\n円"), "116.6百万円");
        assert_eq!(normalize_text("94.8\n\n百万円"), "94.8百万円");
        assert_eq!(normalize_text("90.5%\n以内"), "90.5%以内");
        assert_eq!(normalize_text("令和 6 年 3 月"), "令和6年3月");
        assert_eq!(normalize_text("I C T"), "ICT");
        assert_eq!(normalize_text("安 中 市"), "安中市");
        assert_eq!(
            normalize_text("時間外20人 年休取得13.0日"),
            "時間外20人 年休取得13.0日"
        );
        assert_eq!(
            normalize_text("3 外部研修やOJT の活用"),
            "3 外部研修やOJT の活用"
        );
        assert_eq!(normalize_text("14,215 千円"), "14,215千円");
        assert_eq!(normalize_text("<p>実施</p>"), "実施");
    }

    /// A remembered result is the one worked out afresh, however often and in whatever order
    /// texts come (also texts that differ only where folding makes them equal).
    #[test]
    fn the_memo_gives_what_the_functions_give() {
        let texts = [
            "令和５（2023）年度",
            "令和5(2023)年度",
            "116.6百万\n円",
            "計８\n６名",
            "<p>実施</p>",
            "&lt;p&gt;実施",
            "安 中 市",
            "",
            " ",
        ];
        for round in 0..3 {
            for t in texts.iter().rev().skip(round) {
                assert_eq!(normalize_text(t), apply_spacing(&prepare_text(t)), "{t:?}");
                assert_eq!(prepare(t), prepare_text(t), "{t:?}");
            }
        }
    }
}
