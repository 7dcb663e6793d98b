//! Japanese eras, fiscal years (年度) and calendar dates.
//!
//! A five-row era table and the 年度 rules of NORMALIZATION.md §4: FY *N* is named after the
//! calendar year of its 1 April, so `令和6年3月` lies in fiscal year 2023.

use crate::text::normalize_text;
use crate::{FiscalYearMatch, Note};

/// One era of the table.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct Era {
    pub name: &'static str,
    pub letter: char,
    /// Western year = offset + era year.
    pub offset: i32,
    /// Last era year (the year in which the era ended), if it ended.
    pub last_year: Option<i32>,
    /// Month in which the last year ended (the era's last month).
    pub last_month: u32,
}

pub(crate) const ERAS: [Era; 5] = [
    Era {
        name: "令和",
        letter: 'R',
        offset: 2018,
        last_year: None,
        last_month: 12,
    },
    Era {
        name: "平成",
        letter: 'H',
        offset: 1988,
        last_year: Some(31),
        last_month: 4,
    },
    Era {
        name: "昭和",
        letter: 'S',
        offset: 1925,
        last_year: Some(64),
        last_month: 1,
    },
    Era {
        name: "大正",
        letter: 'T',
        offset: 1911,
        last_year: Some(15),
        last_month: 12,
    },
    Era {
        name: "明治",
        letter: 'M',
        offset: 1867,
        last_year: Some(45),
        last_month: 7,
    },
];

/// What a year expression denotes.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum YearKind {
    /// `…年度`.
    Fiscal,
    /// An era year without 年/年度 (`R4`, `令和5`): read as a fiscal year (header usage).
    Bare,
    /// `…年` with optional month and day.
    Calendar {
        month: Option<u32>,
        day: Option<u32>,
    },
}

/// A year expression found at some position.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct YearExpr {
    pub era: Option<Era>,
    pub year: i32,
    pub kind: YearKind,
    pub end: usize,
    /// A Western year printed next to the era year that disagrees with it.
    pub conflict: Option<i32>,
    pub notes: Vec<Note>,
}

fn at(chars: &[char], i: usize, word: &str) -> bool {
    crate::number::starts_with_at(chars, i, word)
}

fn skip_space(chars: &[char], i: usize) -> usize {
    if chars.get(i) == Some(&' ') { i + 1 } else { i }
}

fn digits(chars: &[char], i: usize, max: usize) -> Option<(u32, usize)> {
    let mut k = i;
    let mut v: u32 = 0;
    while let Some(d) = chars.get(k).and_then(|c| c.to_digit(10)) {
        if k - i >= max {
            return None;
        }
        v = v.checked_mul(10)?.checked_add(d)?;
        k += 1;
    }
    if k == i { None } else { Some((v, k)) }
}

fn kanji_small_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    let mut k = i;
    let mut total = 0u32;
    let mut digit: Option<u32> = None;
    while let Some(&c) = chars.get(k) {
        let d = match c {
            '一' => 1,
            '二' => 2,
            '三' => 3,
            '四' => 4,
            '五' => 5,
            '六' => 6,
            '七' => 7,
            '八' => 8,
            '九' => 9,
            '十' => {
                total += digit.take().unwrap_or(1) * 10;
                k += 1;
                continue;
            }
            _ => break,
        };
        if digit.is_some() {
            return None;
        }
        digit = Some(d);
        k += 1;
    }
    if k == i {
        return None;
    }
    Some((total + digit.unwrap_or(0), k))
}

/// The era year number at `i`: digits, 元, or a kanji numeral.
fn era_number(chars: &[char], i: usize) -> Option<(u32, usize)> {
    if chars.get(i) == Some(&'元') {
        return Some((1, i + 1));
    }
    digits(chars, i, 3).or_else(|| kanji_small_number(chars, i))
}

fn month_day(chars: &[char], i: usize, year_hint: i32) -> (Option<u32>, Option<u32>, usize) {
    let k = skip_space(chars, i);
    let Some((m, k2)) = digits(chars, k, 2) else {
        return (None, None, i);
    };
    let k3 = skip_space(chars, k2);
    if !(1..=12).contains(&m) || chars.get(k3) != Some(&'月') {
        return (None, None, i);
    }
    let after_month = k3 + 1;
    let k4 = skip_space(chars, after_month);
    if let Some((d, k5)) = digits(chars, k4, 2) {
        let k6 = skip_space(chars, k5);
        if (1..=days_in_month(year_hint, m)).contains(&d) && chars.get(k6) == Some(&'日') {
            let mut end = k6 + 1;
            // A weekday in brackets: `（木）`.
            let w = skip_space(chars, end);
            if chars.get(w) == Some(&'(')
                && chars
                    .get(w + 1)
                    .is_some_and(|c| "月火水木金土日祝".contains(*c))
                && chars.get(w + 2) == Some(&')')
            {
                end = w + 3;
            }
            return (Some(m), Some(d), end);
        }
    }
    (Some(m), None, after_month)
}

fn western_paren(chars: &[char], i: usize) -> Option<(i32, usize)> {
    let k = skip_space(chars, i);
    if chars.get(k) != Some(&'(') {
        return None;
    }
    let (y, k2) = digits(chars, k + 1, 4)?;
    if k2 - (k + 1) != 4 || chars.get(k2) != Some(&')') {
        return None;
    }
    Some((i32::try_from(y).ok()?, k2 + 1))
}

fn era_notes(era: Era, era_year: u32, kind: YearKind, year: i32, notes: &mut Vec<Note>) {
    let Some(last) = era.last_year else {
        return;
    };
    let ey = i32::try_from(era_year).unwrap_or(i32::MAX);
    let after = match kind {
        YearKind::Fiscal | YearKind::Bare => ey > last,
        YearKind::Calendar { month, .. } => {
            ey > last || (ey == last && month.is_some_and(|m| m > era.last_month))
        }
    };
    if after {
        let what = match kind {
            YearKind::Fiscal | YearKind::Bare => "fiscal year",
            YearKind::Calendar { .. } => "year",
        };
        notes.push(Note::new(
            "era-year-after-end",
            format!(
                "{}{} is after the end of the {} era (last year {}); read as {what} {year}",
                era.name, era_year, era.name, last
            ),
        ));
    }
}

/// Finish an era expression once the era and its year number are known.
fn finish_era(
    chars: &[char],
    era: Era,
    era_year: u32,
    mut k: usize,
    letter: bool,
) -> Option<YearExpr> {
    if era_year == 0 {
        return None;
    }
    let year = era.offset.checked_add(i32::try_from(era_year).ok()?)?;
    let k0 = k;
    let mut paren = None;
    k = skip_space(chars, k0);
    if let Some((w, k2)) = western_paren(chars, k0) {
        // `令和５（2023）年度`: the Western year sits between the era year and 年度.
        let k3 = skip_space(chars, k2);
        if at(chars, k3, "年度") {
            paren = Some(w);
            k = k3;
        }
    }
    let mut kind;
    if at(chars, k, "年度") {
        kind = YearKind::Fiscal;
        k += 2;
        if paren.is_none()
            && let Some((w, k2)) = western_paren(chars, k)
        {
            paren = Some(w);
            k = k2;
        }
    } else if chars.get(k) == Some(&'年') {
        let (month, day, end) = month_day(chars, k + 1, year);
        kind = YearKind::Calendar { month, day };
        k = end;
    } else if letter && chars.get(k0) == Some(&'.') {
        // `R2.1.15`, `R7.11月`, `R4.3`.
        let (m, k2) = digits(chars, k0 + 1, 2)?;
        if !(1..=12).contains(&m) {
            return None;
        }
        let mut day = None;
        let mut end = k2;
        if chars.get(k2) == Some(&'.') {
            if let Some((d, k3)) = digits(chars, k2 + 1, 2)
                && (1..=days_in_month(year, m)).contains(&d)
            {
                day = Some(d);
                end = k3;
            }
        } else if chars.get(k2) == Some(&'月') {
            end = k2 + 1;
        }
        if chars
            .get(end)
            .is_some_and(|c| c.is_ascii_alphanumeric() || *c == '.')
        {
            return None;
        }
        kind = YearKind::Calendar {
            month: Some(m),
            day,
        };
        k = end;
    } else {
        // Bare era year: `R4`, `令和5`.
        k = k0;
        if letter && chars.get(k).is_some_and(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
        kind = YearKind::Bare;
    }
    if let YearKind::Calendar { month: None, .. } = kind {
        kind = YearKind::Calendar {
            month: None,
            day: None,
        };
    }
    let mut notes = Vec::new();
    era_notes(era, era_year, kind, year, &mut notes);
    let mut conflict = None;
    if let Some(w) = paren
        && w != year
    {
        conflict = Some(w);
        notes.push(Note::new(
                "era-western-mismatch",
                format!(
                    "{}{} is {year} but the western year printed with it is {w}; candidates {year} and {w}",
                    era.name, era_year
                ),
            ));
    }
    Some(YearExpr {
        era: Some(era),
        year,
        kind,
        end: k,
        conflict,
        notes,
    })
}

/// A year expression starting exactly at `i` (era name, era letter, or 4-digit Western year).
pub(crate) fn year_expr_at(chars: &[char], i: usize) -> Option<YearExpr> {
    let c = *chars.get(i)?;
    // Era names.
    for era in ERAS {
        if at(chars, i, era.name) {
            let k = skip_space(chars, i + 2);
            let (n, k2) = era_number(chars, k)?;
            return finish_era(chars, era, n, k2, false);
        }
    }
    // Era letters (JIS X 0301), not inside a Latin word.
    if matches!(c, 'R' | 'H' | 'S' | 'T') {
        let prev_ok = i
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_none_or(|p| !p.is_ascii_alphanumeric() && *p != '-' && *p != '.');
        if !prev_ok {
            return None;
        }
        let era = ERAS.iter().copied().find(|e| e.letter == c)?;
        let (n, k) = if chars.get(i + 1) == Some(&'元') {
            (1, i + 2)
        } else {
            digits(chars, i + 1, 2)?
        };
        return finish_era(chars, era, n, k, true);
    }
    // Western years.
    if c.is_ascii_digit() {
        let prev_ok = i
            .checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_none_or(|p| !p.is_ascii_digit() && *p != '.' && *p != ',');
        if !prev_ok {
            return None;
        }
        let (y, k) = digits(chars, i, 4)?;
        if k - i != 4 || !(1900..=2199).contains(&y) {
            return None;
        }
        let year = i32::try_from(y).ok()?;
        let k1 = skip_space(chars, k);
        if at(chars, k1, "年度") {
            let mut end = k1 + 2;
            let mut notes = Vec::new();
            let mut conflict = None;
            if let Some((w, k2)) = western_paren(chars, end) {
                end = k2;
                if w != year {
                    conflict = Some(w);
                    notes.push(Note::new(
                        "western-year-mismatch",
                        format!("{year}年度 is followed by a different year {w}; candidates {year} and {w}"),
                    ));
                }
            }
            return Some(YearExpr {
                era: None,
                year,
                kind: YearKind::Fiscal,
                end,
                conflict,
                notes,
            });
        }
        if chars.get(k1) == Some(&'年') {
            let (month, day, end) = month_day(chars, k1 + 1, year);
            return Some(YearExpr {
                era: None,
                year,
                kind: YearKind::Calendar { month, day },
                end,
                conflict: None,
                notes: Vec::new(),
            });
        }
        return None;
    }
    None
}

/// A bare `N年度` continuing a range whose first half named the era (`令和3年度から6年度まで`).
pub(crate) fn continued_year_at(chars: &[char], i: usize, era: Option<Era>) -> Option<YearExpr> {
    if let Some(e) = year_expr_at(chars, i) {
        return Some(e);
    }
    let era = era?;
    let (n, k) = era_number(chars, i)?;
    let k2 = skip_space(chars, k);
    if at(chars, k2, "年度") {
        return finish_era(chars, era, n, k, false);
    }
    // Same-letter continuation without the letter is not used; `R9 ~ R14` names both.
    None
}

/// Range connectors: `~`, `-`, `から`, `－`.
pub(crate) fn connector_at(chars: &[char], i: usize) -> Option<usize> {
    let k = skip_space(chars, i);
    let len = if matches!(chars.get(k), Some('~' | '-' | '–' | '−' | '—' | '―')) {
        1
    } else if at(chars, k, "から") {
        2
    } else {
        return None;
    };
    Some(skip_space(chars, k + len))
}

/// Days in a month of the Gregorian calendar.
pub(crate) fn days_in_month(year: i32, month: u32) -> u32 {
    match month {
        1 | 3 | 5 | 7 | 8 | 10 | 12 => 31,
        4 | 6 | 9 | 11 => 30,
        2 if (year % 4 == 0 && year % 100 != 0) || year % 400 == 0 => 29,
        2 => 28,
        _ => 0,
    }
}

/// Calendar date → fiscal year (months 1–3 belong to the previous fiscal year).
pub(crate) fn fiscal_of(year: i32, month: u32) -> i32 {
    if month <= 3 { year - 1 } else { year }
}

/// Relative fiscal-year words and their offsets.
pub(crate) const RELATIVE: &[(&str, i32)] = &[
    ("前々年度", -2),
    ("前年度", -1),
    ("昨年度", -1),
    ("翌年度", 1),
    ("次年度", 1),
    ("来年度", 1),
    ("翌々年度", 2),
    ("本年度", 0),
    ("今年度", 0),
    ("当年度", 0),
    ("当該年度", 0),
];

/// Every fiscal-year expression found in a (header) string.
///
/// Byte ranges index into `normalize_text(raw)`. Calendar dates (`令和6年3月`) and calendar years
/// (`R7年`) are skipped; bare era years (`R4`, `令和5`) count as fiscal years; a range whose second
/// half omits the era (`令和3年度から6年度まで`) yields both years.
pub fn scan_fiscal_years(raw: &str) -> Vec<FiscalYearMatch> {
    crate::memo::thread_memo!(YEARS: String => Vec<FiscalYearMatch>);
    crate::memo::memoized(
        &YEARS,
        raw,
        |years| raw.len() + std::mem::size_of_val(years.as_slice()),
        || scan_afresh(raw),
    )
}

/// [`scan_fiscal_years`] without the memo.
pub(crate) fn scan_afresh(raw: &str) -> Vec<FiscalYearMatch> {
    let text = normalize_text(raw);
    let mut offsets = Vec::with_capacity(text.len());
    let mut chars = Vec::with_capacity(text.len());
    for (b, c) in text.char_indices() {
        offsets.push(b);
        chars.push(c);
    }
    offsets.push(text.len());
    let byte = |i: usize| offsets.get(i).copied().unwrap_or(text.len());
    let mut out = Vec::new();
    let mut i = 0;
    while i < chars.len() {
        let Some(e) = year_expr_at(&chars, i) else {
            i += 1;
            continue;
        };
        let end = e.end.max(i + 1);
        if matches!(e.kind, YearKind::Fiscal | YearKind::Bare) {
            let mut diagnostics = e.notes.clone();
            if let Some(w) = e.conflict {
                diagnostics.retain(|n| n.code != "era-western-mismatch");
                diagnostics.push(Note::new(
                    "era-western-mismatch",
                    format!(
                        "era reading {} and printed western year {w} disagree; the match reports the era reading",
                        e.year
                    ),
                ));
            }
            out.push(FiscalYearMatch {
                year: e.year,
                start: byte(i),
                end: byte(end),
                diagnostics,
            });
            // A second half that omits the era.
            if let Some(k) = connector_at(&chars, end)
                && year_expr_at(&chars, k).is_none()
                && let Some(e2) = continued_year_at(&chars, k, e.era)
                && matches!(e2.kind, YearKind::Fiscal)
            {
                out.push(FiscalYearMatch {
                    year: e2.year,
                    start: byte(k),
                    end: byte(e2.end),
                    diagnostics: e2.notes.clone(),
                });
                i = e2.end.max(k + 1);
                continue;
            }
        }
        i = end;
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    fn years(s: &str) -> Vec<i32> {
        scan_fiscal_years(s).iter().map(|m| m.year).collect()
    }

    #[test]
    fn scans_headers() {
        assert_eq!(years("R4目標"), vec![2022]);
        assert_eq!(years("令和５（2023）年度"), vec![2023]);
        assert_eq!(years("令和3年度目標値"), vec![2021]);
        assert_eq!(years("令和3年度から6年度まで"), vec![2021, 2024]);
        assert_eq!(years("R4 R5 R6 R7 R8"), vec![2022, 2023, 2024, 2025, 2026]);
        assert_eq!(years("令和6年3月"), Vec::<i32>::new());
        assert_eq!(years("平成32年度"), vec![2020]);
        assert_eq!(scan_fiscal_years("平成32年度")[0].diagnostics.len(), 1);
        let m = &scan_fiscal_years("x令和５（2023）年度")[0];
        assert_eq!((m.start, m.end), (1, "x令和5(2023)年度".len()));
    }
}
