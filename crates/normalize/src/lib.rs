//! muniplan-normalize: Japanese text, fiscal years and quantities, exactly and without guessing.
//!
//! Municipal administrative-reform plans print their values in many shapes: full-width digits,
//! half-width katakana, era years (`令和５（2023）年度`, `R4`, `平成31年度`), money in scaled units
//! (`15.6百万円`), numbers that wrap across lines inside a cell (`275万枚以\n上削減`), bounds and
//! directions (`以上`, `削減`), placeholders (`－`, `未定`) and several values in one cell
//! (`時間外20人 年休取得13.0日`). This crate turns one such string into a structured value and
//! says what it did. It is the policy of `NORMALIZATION.md` (§4–§7) written as code.
//!
//! # Brief overview
//!
//! * [`normalize_text`] — the text policy on a whole string: HTML stripped, wrapped lines joined
//!   the Japanese way, widths folded with an explicit map (never blanket NFKC), spacing fixed.
//!   Markers (`①`) and footnote marks (`²`) are kept in the text.
//! * [`parse_value`] — one cell to a [`Parsed`]: a [`Value`] (quantity, fiscal year, range,
//!   calendar date, relative year, missing, same-as-previous, text or several items), the leading
//!   marker, footnote references, a label, and [`Note`] diagnostics.
//! * [`scan_fiscal_years`] — every fiscal-year expression in a header string, with byte ranges
//!   into the normalized text.
//! * [`Hints`] — context from a header or row label (a unit such as `億円`, a 累計 flag, the
//!   column's fiscal year, the roles of a multi-value cell).
//!
//! Values are exact [`Decimal`]s in the base unit (`千円` → `円` × 1000), trailing fractional
//! zeros removed; `f64` is never used.
//!
//! # Diagnostics
//!
//! [`Note::code`] is one of: `not-a-value` (digits that are not a recognised value; kept as
//! text; not raised for prose: a sentence with `。` or a text over 60 characters), `era-western-mismatch` / `western-year-mismatch` (an era year and a printed Western
//! year disagree; both candidates are named), `year-not-chosen` (the cell is left as text
//! because of such a disagreement), `era-year-after-end` (平成32年度 and the like, read anyway),
//! `range-duration-mismatch`, `range-reversed`, `roles-count-mismatch` (hint roles not
//! assigned), `overflow`, `as-of` (a `(R2.1.15現在)` annotation next to a value; the date is in
//! [`Parsed::as_of`]).
//!
//! # What it deliberately does not do
//!
//! * No I/O, no global mutable state, no serialization (the CLI and the output crate render JSON).
//! * It never invents a unit: a bare number stays unitless unless the caller passes
//!   [`Hints::unit`]. It never picks silently between disagreeing readings (`令和５（2024）年度`):
//!   it reports both in a [`Note`].
//! * It does not correct source typos (`关心`, `持つて`): they are evidence.
//! * It does not resolve `→` (same as previous) to the previous cell: that needs the row, which
//!   the recognizer has.

mod era;
mod memo;
mod number;
mod tables;
mod text;
mod value;

pub use era::scan_fiscal_years;
pub use memo::{MEMO_BYTES, Memo, memoized};
pub use rust_decimal::Decimal;
pub use text::normalize_text;
pub use value::{PLAN_WORDS, parse_value, text_direction};

/// Context passed by the caller (recognizer) from a header, row label or column.
#[derive(Debug, Clone, Default, PartialEq, Eq, Hash)]
pub struct Hints {
    /// A unit printed in a header / indicator name, e.g. "億円", "千円", "%", "件". Applied only to a bare number.
    pub unit: Option<String>,
    /// The row/column header says 累計: `3 (4)` = in-year 3 and cumulative 4.
    pub cumulative: bool,
    /// Fiscal year of the column, for relative words (前年度 → reference-1).
    pub reference_year: Option<i32>,
    /// Header roles for multi-value cells, in order, e.g. ["目標", "実績", "達成率"] for `90% 84.4% (93.8%)`.
    pub roles: Vec<String>,
}

/// One fiscal-year expression found by [`scan_fiscal_years`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FiscalYearMatch {
    /// The fiscal year (the calendar year of its 1 April).
    pub year: i32,
    /// Byte offset of the start of the expression in `normalize_text(raw)`.
    pub start: usize,
    /// Byte offset one past the end of the expression in `normalize_text(raw)`.
    pub end: usize,
    /// Warnings about this expression (平成32年度, era and Western year disagreeing, …).
    pub diagnostics: Vec<Note>,
}

/// The result of [`parse_value`] on one cell or value string.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Parsed {
    /// `normalize_text(raw)` with the leading marker and footnote marks removed.
    pub text: String,
    /// What the string says.
    pub value: Value,
    /// Leading list marker (`①`…`⑳`), detached before any folding.
    pub marker: Option<String>,
    /// Footnote references (`¹`, `²`, `^①`), detached before any folding.
    pub footnote_refs: Vec<String>,
    /// A label printed before the value: `参加者` in `参加者　18人`.
    pub label: Option<String>,
    /// A fiscal year printed before a plan word: `R4実施` is 実施 in FY2022 (`text` is then
    /// `実施`). Quantities carry theirs in [`Quantity::fiscal_year`].
    pub fiscal_year: Option<i32>,
    /// The date the value is stamped with: `（令和5年4月1日現在）`, `(R6.3月現在)`, `R5.4.1時点`.
    pub as_of: Option<AsOf>,
    /// A deadline: `令和9年度までに`, `令和8年3月までに` (the value is due by its year or date).
    pub by: bool,
    /// A calendar date printed before the words of a text value: `令和2年12月までに…確定` is
    /// due by 2020-12 (with [`Parsed::by`]); its fiscal year is in [`Parsed::fiscal_year`].
    /// A whole-cell date is [`Value::CalendarDate`] instead.
    pub date: Option<AsOf>,
    /// A bracketed annotation kept as text beside the value: `休止中含む` in
    /// `215施設（休止中含む）`, `第2版` in `令和3年10月（第2版）`.
    pub annotation: Option<String>,
    /// What was noticed or could not be understood.
    pub diagnostics: Vec<Note>,
}

/// A calendar date: the date a value is stamped with (`…現在`, `…時点`) or the date a text
/// value is due by; a day, a month or a year.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct AsOf {
    /// Calendar year.
    pub year: i32,
    /// Month 1–12.
    pub month: Option<u32>,
    /// Day of month (only with a month).
    pub day: Option<u32>,
}

impl AsOf {
    /// ISO 8601: `2023-04-01`, `2024-03` or `2024`.
    pub fn iso(&self) -> String {
        match (self.month, self.day) {
            (Some(m), Some(d)) => format!("{:04}-{m:02}-{d:02}", self.year),
            (Some(m), None) => format!("{:04}-{m:02}", self.year),
            _ => format!("{:04}", self.year),
        }
    }

    /// The fiscal year (April start) holding the date; `None` for a year alone.
    pub fn fiscal_year(&self) -> Option<i32> {
        self.month.map(|m| era::fiscal_of(self.year, m))
    }
}

/// A diagnostic: a kebab-case code and a lower-case message without trailing period.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Note {
    /// Stable kebab-case code, e.g. `era-year-mismatch`.
    pub code: &'static str,
    /// Human-readable explanation, lower-case, no trailing period.
    pub message: String,
}

/// What a cell says.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Value {
    /// A number with unit and qualifiers.
    Quantity(Quantity),
    /// A fiscal year (`令和5年度`, `R4`, `2023年度`).
    FiscalYear(i32),
    /// A span of fiscal years (`令和3年度から6年度まで`); an open end is `None`.
    FiscalYearRange {
        /// First fiscal year.
        from: Option<i32>,
        /// Last fiscal year (inclusive).
        to: Option<i32>,
    },
    /// A calendar date (`令和6年3月`), with the fiscal year it falls in when the month is known.
    CalendarDate {
        /// Calendar year.
        year: i32,
        /// Month 1–12.
        month: Option<u32>,
        /// Day of month.
        day: Option<u32>,
        /// Fiscal year containing the date (months 1–3 belong to year − 1).
        fiscal_year: Option<i32>,
    },
    /// A relative fiscal year (`前年度` = −1, `翌年度` = +1), resolved when a reference year is given.
    Relative {
        /// Offset in years from the reference year.
        offset: i32,
        /// The resolved fiscal year.
        fiscal_year: Option<i32>,
    },
    /// A placeholder (`－`, `—`, `未定`, `集計中`, `該当なし`).
    Missing {
        /// The value is expected later (`未定`, `集計中`).
        pending: bool,
        /// Why it is missing, when the cell says so.
        reason: Option<String>,
    },
    /// Months without a year: `9月`, `4月～6月` (every month of the span), `（5月、8月、11月）`.
    Months(Vec<u32>),
    /// `→` alone (or `—————→`): the same as the previous column.
    SameAsPrevious,
    /// A status mark (`○`, `×`, `△`), not a value.
    Status(String),
    /// Not a value: see [`Parsed::text`].
    Text,
    /// Several values in one cell.
    Multi(Vec<Item>),
}

/// One value of a multi-value cell.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    /// Label printed before the value (`時間外` in `時間外20人`).
    pub label: Option<String>,
    /// Role from [`Hints::roles`] or from the cell's shape (`in_year`, `cumulative`, `from`, `to`).
    pub role: Option<String>,
    /// The item itself.
    pub parsed: Parsed,
}

/// A number with its unit and qualifiers.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Quantity {
    /// Exact, in base unit, normalized (no trailing zeros); `None` for a purely relative target.
    pub value: Option<Decimal>,
    /// Base unit: "円", "%", "件", "人", "ポイント" … (never invented; from text or [`Hints::unit`]).
    pub unit: Option<String>,
    /// Printed unit when scaled: 千円 万円 百万円 億円 (→ 円), 割 (→ %).
    pub display_unit: Option<String>,
    /// 以内 以下 (at most), 以上 (at least), 未満 (below), 超 を超える (above).
    pub bound: Option<Bound>,
    /// 累計 (or a cumulative hint).
    pub cumulative: bool,
    /// 削減 減 減少 (decrease) / 増加 増 上昇 (increase).
    pub direction: Option<Direction>,
    /// 約 程度.
    pub approx: bool,
    /// 延べ.
    pub gross: bool,
    /// `PreviousYear` for 対前年度比 / 前年度比 / 前年比 and a bare `3%増加`; a named year for
    /// `令和2年度に比べ…` / `令和2年度比`.
    pub relative_to: Option<RelativeTo>,
    /// Signed change in percent: 対前年度比＋５％ → 5, 前年度比5%減 → −5.
    pub change_percent: Option<Decimal>,
    /// 年間 / `/年`: a per-year figure.
    pub per_year: bool,
    /// 平均: an average.
    pub average: bool,
    /// A signed change printed in parentheses after the value: `45(+1)` → 1.
    pub change: Option<Decimal>,
    /// A fiscal year printed with the value: `（R3）26件`, `令和元年度54.3%`.
    pub fiscal_year: Option<i32>,
    /// The fraction a rate is computed from: `91.7%（22/24）` → (22, 24).
    pub fraction: Option<(Decimal, Decimal)>,
    /// The value's share of its target, in percent: `1,120件（目標の7割）` → 70.
    pub share_of_target: Option<Decimal>,
    /// The unit was not printed with the number but taken from [`Hints::unit`].
    pub unit_from_hint: bool,
}

/// A bound on a target value.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Bound {
    /// 以内, 以下.
    AtMost,
    /// 以上.
    AtLeast,
    /// 未満.
    Below,
    /// 超, を超える.
    Above,
}

impl Bound {
    /// Stable snake-case name: `at_most`, `at_least`, `below`, `above`.
    pub fn as_str(self) -> &'static str {
        match self {
            Bound::AtMost => "at_most",
            Bound::AtLeast => "at_least",
            Bound::Below => "below",
            Bound::Above => "above",
        }
    }
}

/// Direction of a change target.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Direction {
    /// 増加, 増, 上昇.
    Increase,
    /// 削減, 減, 減少.
    Decrease,
}

impl Direction {
    /// Stable snake-case name: `increase`, `decrease`.
    pub fn as_str(self) -> &'static str {
        match self {
            Direction::Increase => "increase",
            Direction::Decrease => "decrease",
        }
    }
}

/// What a relative target is relative to.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum RelativeTo {
    /// 対前年度比, 前年度比, 前年比.
    PreviousYear,
    /// A named fiscal year: `令和2年度に比べ`, `令和2年度比`.
    FiscalYear(i32),
}

impl RelativeTo {
    /// Stable snake-case name: `previous_year`, `fiscal_year`.
    pub fn as_str(self) -> &'static str {
        match self {
            RelativeTo::PreviousYear => "previous_year",
            RelativeTo::FiscalYear(_) => "fiscal_year",
        }
    }

    /// The base's fiscal year when the text names one.
    pub fn fiscal_year(self) -> Option<i32> {
        match self {
            RelativeTo::PreviousYear => None,
            RelativeTo::FiscalYear(y) => Some(y),
        }
    }
}

impl Value {
    /// The date of a [`Value::CalendarDate`].
    pub fn calendar_date(&self) -> Option<AsOf> {
        match *self {
            Value::CalendarDate {
                year, month, day, ..
            } => Some(AsOf { year, month, day }),
            _ => None,
        }
    }

    /// Stable snake-case kind: `quantity`, `fiscal_year`, `fiscal_year_range`, `calendar_date`,
    /// `relative`, `missing`, `same_as_previous`, `status`, `text`, `multi`.
    pub fn kind(&self) -> &'static str {
        match self {
            Value::Quantity(_) => "quantity",
            Value::FiscalYear(_) => "fiscal_year",
            Value::FiscalYearRange { .. } => "fiscal_year_range",
            Value::CalendarDate { .. } => "calendar_date",
            Value::Months(_) => "months",
            Value::Relative { .. } => "relative",
            Value::Missing { .. } => "missing",
            Value::SameAsPrevious => "same_as_previous",
            Value::Status(_) => "status",
            Value::Text => "text",
            Value::Multi(_) => "multi",
        }
    }
}

impl Note {
    pub(crate) fn new(code: &'static str, message: impl Into<String>) -> Note {
        Note {
            code,
            message: message.into(),
        }
    }
}
