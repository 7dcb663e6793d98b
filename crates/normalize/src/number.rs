//! Numbers and units: Arabic and kanji numerals with 万/千/億, money scales, counters.
//!
//! Everything is exact: mantissas go through `Decimal::from_str`, scales are powers of ten
//! applied with checked multiplication, and nothing passes through `f64`.

use rust_decimal::Decimal;

/// A unit printed after a number.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct UnitMatch {
    /// Base unit (`円`, `%`, `件`).
    pub base: &'static str,
    /// Printed unit when it is a scale of the base (`百万円`, `割`).
    pub display: Option<&'static str>,
    /// Power of ten from display to base.
    pub exp: u32,
    /// Number of chars matched.
    pub len: usize,
}

/// Money scales and ratio units: (printed, base, power of ten).
pub(crate) const SCALED: &[(&str, &str, u32)] = &[
    ("百万円", "円", 6),
    ("千万円", "円", 7),
    ("十億円", "円", 9),
    ("千円", "円", 3),
    ("万円", "円", 4),
    ("億円", "円", 8),
    ("兆円", "円", 12),
    ("割", "%", 1),
];

/// Counters and units that stand for themselves, longest first where prefixes collide.
pub(crate) const UNITS: &[&str] = &[
    "ポイント",
    "パーセント",
    "グループ",
    "アカウント",
    "サイト",
    "ページ",
    "チーム",
    "コース",
    "手続き",
    "か所",
    "ヶ所",
    "カ所",
    "ケ所",
    "ヵ所",
    "箇所",
    "箇月間",
    "か月間",
    "ヶ月間",
    "カ月間",
    "ケ月間",
    "ヵ月間",
    "箇月",
    "か月",
    "ヶ月",
    "カ月",
    "ケ月",
    "ヵ月",
    "ヶ国",
    "か国",
    "自治会",
    "自治体",
    "団体",
    "施設",
    "事業所",
    "事業",
    "手続",
    "様式",
    "文字",
    "業務",
    "項目",
    "地区",
    "世帯",
    "店舗",
    "講座",
    "種類",
    "路線",
    "事例",
    "機関",
    "人日",
    "人分",
    "日間",
    "時間",
    "週間",
    "年間",
    "か年",
    "箇年",
    "kWh",
    "km",
    "pt",
    "fm",
    "円",
    "%",
    "件",
    "人",
    "名",
    "日",
    // Minutes (窓口待ち時間 15分).
    "分",
    "回",
    "枚",
    "社",
    "者",
    "棟",
    "床",
    "歳",
    "課",
    "校",
    "園",
    "台",
    "本",
    "冊",
    "個",
    "戸",
    "店",
    "倍",
    "基",
    "通",
    "点",
    "組",
    "週",
    "㎡",
    "m",
    "t",
];

/// Qualifier words that may follow a number and its unit.
pub(crate) const SUFFIX_WORDS: &[&str] = &[
    "以上",
    "以内",
    "以下",
    "未満",
    "を超える",
    "超え",
    "超",
    "程度",
    "前後",
    "削減",
    "減少",
    "減",
    "増加",
    "増",
    "上昇",
    "累計",
    "年度",
];

pub(crate) fn starts_with_at(chars: &[char], i: usize, word: &str) -> bool {
    let mut k = i;
    word.chars().all(|w| {
        let ok = chars.get(k) == Some(&w);
        k += 1;
        ok
    })
}

/// First characters of every entry of [`SCALED`] and [`UNITS`], sorted (a cheap gate).
const UNIT_FIRST: &[char] = &[
    '%', 'f', 'k', 'm', 'p', 't', 'か', 'ア', 'カ', 'グ', 'ケ', 'コ', 'サ', 'チ', 'パ', 'ペ', 'ポ',
    'ヵ', 'ヶ', '㎡', '万', '世', '事', '人', '件', '個', '倍', '億', '兆', '円', '冊', '分', '割',
    '十', '千', '台', '名', '回', '団', '園', '地', '基', '年', '床', '店', '戸', '手', '文', '施',
    '日', '時', '本', '枚', '校', '棟', '業', '様', '機', '歳', '点', '百', '社', '種', '箇', '組',
    '者', '自', '課', '講', '路', '通', '週', '項',
];

/// The unit (scaled first, then counters) starting at `chars[i]`.
pub(crate) fn unit_at(chars: &[char], i: usize) -> Option<UnitMatch> {
    let first = *chars.get(i)?;
    if UNIT_FIRST.binary_search(&first).is_err() {
        return None;
    }
    for &(printed, base, exp) in SCALED {
        if starts_with_at(chars, i, printed) {
            return Some(UnitMatch {
                base,
                display: Some(printed),
                exp,
                len: printed.chars().count(),
            });
        }
    }
    for &u in UNITS {
        if starts_with_at(chars, i, u) {
            let len = u.chars().count();
            // An ASCII unit must not run into a longer word (`m` of `menu`).
            if u.is_ascii() && chars.get(i + len).is_some_and(|c| c.is_ascii_alphabetic()) {
                continue;
            }
            let base = match u {
                "パーセント" => "%",
                "pt" => "ポイント",
                _ => u,
            };
            return Some(UnitMatch {
                base,
                display: None,
                exp: 0,
                len,
            });
        }
    }
    None
}

/// Does a wrapped line start with a unit or suffix that cannot stand alone (`円`, `以内`)?
pub(crate) fn starts_with_join_suffix(line: &str) -> bool {
    let chars: Vec<char> = line.chars().take(8).collect();
    if unit_at(&chars, 0).is_some() {
        return true;
    }
    if ["百万", "千", "万", "億"]
        .iter()
        .any(|w| line.starts_with(w))
        && unit_at(&chars, 1).or_else(|| unit_at(&chars, 2)).is_some()
    {
        return true;
    }
    if line.starts_with("上削減") || line.starts_with("上の削減") {
        return true;
    }
    SUFFIX_WORDS.iter().any(|w| line.starts_with(w))
}

fn is_boundary(chars: &[char], i: usize) -> bool {
    match chars.get(i) {
        None => true,
        Some(&c) => {
            c == ' '
                || c == '('
                || c == ')'
                || c == '/'
                || c == '、'
                || c == '。'
                || c == '~'
                || c == '→'
                || c.is_ascii_digit()
                || SUFFIX_WORDS.iter().any(|w| starts_with_at(chars, i, w))
                || starts_with_at(chars, i, "の削減")
                || starts_with_at(chars, i, "の増加")
        }
    }
}

/// Does `rest` start with a unit token that belongs to a preceding number (`千円`, `万枚`, `件`)?
pub(crate) fn starts_with_unit_token(rest: &str) -> bool {
    let chars: Vec<char> = rest.chars().take(10).collect();
    let mut i = 0;
    if matches!(chars.first(), Some('万' | '千' | '億')) && unit_at(&chars, 0).is_none() {
        i = 1;
    }
    match unit_at(&chars, i) {
        Some(u) => {
            is_boundary(&chars, i + u.len)
                || matches!(chars.get(i + u.len), Some(c) if !crate::text::is_cjk(*c))
        }
        None => false,
    }
}

/// Byte length of a unit at the end of `token`, if it ends with one.
pub(crate) fn unit_end_len(token: &str) -> Option<usize> {
    let chars: Vec<char> = token.chars().collect();
    let n = chars.len();
    for start in n.saturating_sub(6)..n {
        if let Some(u) = unit_at(&chars, start)
            && start + u.len == n
        {
            return Some(chars[start..].iter().map(|c| c.len_utf8()).sum());
        }
    }
    None
}

/// A parsed numeral.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Num {
    pub value: Decimal,
    pub end: usize,
    /// 万/千/億 were used inside the numeral (`122万4千`): no money scale may follow.
    pub multiplied: bool,
}

fn pow10(exp: u32) -> Decimal {
    Decimal::from_i128_with_scale(10i128.pow(exp.min(27)), 0)
}

fn kanji_digit(c: char) -> Option<u32> {
    Some(match c {
        '〇' | '零' => 0,
        '一' => 1,
        '二' => 2,
        '三' => 3,
        '四' => 4,
        '五' => 5,
        '六' => 6,
        '七' => 7,
        '八' => 8,
        '九' => 9,
        _ => return None,
    })
}

fn small_mult(c: char) -> Option<u32> {
    match c {
        '十' => Some(1),
        '百' => Some(2),
        '千' => Some(3),
        _ => None,
    }
}

fn big_mult(c: char) -> Option<u32> {
    match c {
        '万' => Some(4),
        '億' => Some(8),
        '兆' => Some(12),
        _ => None,
    }
}

/// An Arabic mantissa at `i`: digits with optional thousands commas and a decimal part.
fn mantissa(chars: &[char], i: usize) -> Option<(Decimal, usize)> {
    // Exact: digits accumulate in an integer, the decimal point sets the scale.
    let mut acc: i128 = 0;
    let mut n_digits = 0u32;
    let mut scale = 0u32;
    let mut k = i;
    let mut push = |d: u32, acc: &mut i128| -> Option<()> {
        n_digits += 1;
        if n_digits > 28 {
            return None;
        }
        *acc = acc.checked_mul(10)?.checked_add(i128::from(d))?;
        Some(())
    };
    let mut int_digits = 0usize;
    while let Some(&c) = chars.get(k) {
        if let Some(d) = c.to_digit(10).filter(|_| c.is_ascii_digit()) {
            push(d, &mut acc)?;
            int_digits += 1;
            k += 1;
        } else if c == ','
            && int_digits > 0
            && (0..3).all(|d| chars.get(k + 1 + d).is_some_and(|x| x.is_ascii_digit()))
            && !chars.get(k + 4).is_some_and(|x| x.is_ascii_digit())
        {
            k += 1;
        } else {
            break;
        }
    }
    if int_digits == 0 {
        return None;
    }
    if chars.get(k) == Some(&'.') && chars.get(k + 1).is_some_and(|c| c.is_ascii_digit()) {
        k += 1;
        while let Some(&c) = chars.get(k) {
            if !c.is_ascii_digit() {
                break;
            }
            push(c.to_digit(10)?, &mut acc)?;
            scale += 1;
            k += 1;
        }
    }
    let d = Decimal::try_from_i128_with_scale(acc, scale).ok()?;
    Some((d, k))
}

fn money_scale_at(chars: &[char], i: usize) -> bool {
    SCALED
        .iter()
        .any(|&(p, _, _)| p.ends_with('円') && starts_with_at(chars, i, p))
}

/// An Arabic numeral with 万/千/億 groups at `i` (`122万4千`, `4,263,148`, `15.6`).
pub(crate) fn arabic(chars: &[char], i: usize) -> Option<Num> {
    let (first, mut k) = mantissa(chars, i)?;
    let mut total = Decimal::ZERO;
    let mut section = Decimal::ZERO;
    let mut current = Some(first);
    let mut multiplied = false;
    let mut last_big: u32 = u32::MAX;
    // `211 万枚`: a space between the mantissa and its multiplier.
    if chars.get(k) == Some(&' ')
        && matches!(chars.get(k + 1), Some('万' | '千' | '億'))
        && !money_scale_at(chars, k + 1)
    {
        k += 1;
    }
    while let Some(m) = current.take() {
        // A money scale right after the mantissa is a unit, not a numeral (`15.6百万円`).
        if !multiplied && money_scale_at(chars, k) {
            section = section.checked_add(m)?;
            break;
        }
        match chars.get(k).copied() {
            Some('千') if !money_scale_at(chars, k) || multiplied => {
                section = section.checked_add(m.checked_mul(pow10(3))?)?;
                multiplied = true;
                k += 1;
            }
            Some(c) if big_mult(c).is_some() && (multiplied || !money_scale_at(chars, k)) => {
                let exp = big_mult(c).unwrap_or(0);
                if exp >= last_big {
                    return None;
                }
                last_big = exp;
                let group = section.checked_add(m)?;
                total = total.checked_add(group.checked_mul(pow10(exp))?)?;
                section = Decimal::ZERO;
                multiplied = true;
                k += 1;
            }
            _ => {
                section = section.checked_add(m)?;
                break;
            }
        }
        // After 千 a big multiplier may follow directly (`1億2千万`).
        if let Some(exp) = chars.get(k).copied().and_then(big_mult)
            && section != Decimal::ZERO
            && exp < last_big
            && !(exp == 4 && chars.get(k + 1) == Some(&'円') && !multiplied)
        {
            last_big = exp;
            total = total.checked_add(section.checked_mul(pow10(exp))?)?;
            section = Decimal::ZERO;
            k += 1;
        }
        if let Some((next, nk)) = mantissa(chars, k) {
            current = Some(next);
            k = nk;
        }
    }
    let value = total.checked_add(section)?;
    Some(Num {
        value: value.normalize(),
        end: k,
        multiplied,
    })
}

/// A kanji numeral at `i` (`三千万`, `百二十二万四千`); 万/億 are always numerals here.
pub(crate) fn kanji(chars: &[char], i: usize) -> Option<Num> {
    let first = *chars.get(i)?;
    if kanji_digit(first).is_none() && small_mult(first).is_none() {
        return None;
    }
    let mut total: u128 = 0;
    let mut section: u128 = 0;
    let mut digit: Option<u128> = None;
    let mut k = i;
    while let Some(&c) = chars.get(k) {
        if let Some(d) = kanji_digit(c) {
            digit = Some(
                digit
                    .unwrap_or(0)
                    .checked_mul(10)?
                    .checked_add(u128::from(d))?,
            );
        } else if let Some(e) = small_mult(c) {
            let d = digit.take().unwrap_or(1);
            section = section.checked_add(d.checked_mul(10u128.pow(e))?)?;
        } else if let Some(e) = big_mult(c) {
            let d = digit.take().unwrap_or(0);
            let group = section.checked_add(d)?;
            if group == 0 {
                return None;
            }
            total = total.checked_add(group.checked_mul(10u128.pow(e))?)?;
            section = 0;
        } else {
            break;
        }
        k += 1;
    }
    // A kanji numeral needs a digit: `百万円` alone is a unit, `十分` a word.
    if !chars
        .get(i..k)
        .is_some_and(|s| s.iter().any(|&c| kanji_digit(c).is_some()))
    {
        return None;
    }
    let value = total
        .checked_add(section)?
        .checked_add(digit.unwrap_or(0))?;
    let value = i128::try_from(value).ok()?;
    if value > 10i128.pow(27) {
        return None;
    }
    Some(Num {
        value: Decimal::from_i128_with_scale(value, 0),
        end: k,
        multiplied: true,
    })
}

/// Scale `value` by `10^exp`, exactly.
pub(crate) fn scale(value: Decimal, exp: u32) -> Option<Decimal> {
    if exp == 0 {
        return Some(value);
    }
    value.checked_mul(pow10(exp)).map(|d| d.normalize())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn chars(s: &str) -> Vec<char> {
        s.chars().collect()
    }

    #[test]
    fn numerals() {
        let c = chars("122万4千枚");
        let n = arabic(&c, 0).unwrap();
        assert_eq!(n.value.to_string(), "1224000");
        assert_eq!(n.end, 6);
        let c = chars("15.6百万円");
        let n = arabic(&c, 0).unwrap();
        assert_eq!(n.value.to_string(), "15.6");
        assert_eq!(n.end, 4);
        let c = chars("4,263,148千円");
        assert_eq!(arabic(&c, 0).unwrap().value.to_string(), "4263148");
        let c = chars("1億2千万円");
        assert_eq!(arabic(&c, 0).unwrap().value.to_string(), "120000000");
        let c = chars("三千万円");
        let n = kanji(&c, 0).unwrap();
        assert_eq!(n.value.to_string(), "30000000");
        assert_eq!(n.end, 3);
        let c = chars("百二十二万四千");
        assert_eq!(kanji(&c, 0).unwrap().value.to_string(), "1224000");
    }
}
