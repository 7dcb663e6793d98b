//! The recognized document: plain data, converted to the output contract by `muniplan-output`.

use muniplan_ir::{Diagnostic, Location};
use muniplan_normalize::{Bound, Decimal, Direction, RelativeTo};

/// What a document says about itself.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Plan {
    /// Municipality name as printed (南アルプス市).
    pub municipality: Option<String>,
    /// 6-digit 全国地方公共団体コード with check digit.
    pub municipality_code: Option<String>,
    /// Plan title (第5次南アルプス市行政改革実施計画).
    pub title: Option<String>,
    /// Plan period in fiscal years, first and last.
    pub period: Option<(i32, i32)>,
    /// Fiscal year the report covers, when it says so.
    pub report_year: Option<i32>,
}

/// A recognized document.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Recognized {
    /// Document metadata.
    pub plan: Plan,
    /// Initiatives in document order.
    pub initiatives: Vec<Initiative>,
    /// What was not understood, with locations.
    pub diagnostics: Vec<Diagnostic>,
    /// Table cells that hold a number (a value or not): a document with such cells and no
    /// observation is reported as `empty`, never silently as converted.
    pub values_seen: usize,
    /// What became of the table cells that hold digits (see [`crate::coverage`]).
    pub coverage: crate::coverage::Coverage,
}

/// One initiative (取組): a card, a list row, an item sheet.
#[derive(Debug, Clone, PartialEq)]
pub struct Initiative {
    /// Id as printed (normalized); empty until numbered by position when none is printed.
    pub id: String,
    /// Title (normalized).
    pub title: String,
    /// Category path, outermost first (基本方針 › 項目).
    pub category_path: Vec<String>,
    /// Responsible departments (担当課 / 主管課), then related ones (関係課).
    pub departments: Vec<String>,
    /// 取組内容.
    pub description: Option<String>,
    /// 現状.
    pub current_state: Option<String>,
    /// 課題.
    pub issues: Option<String>,
    /// 期間内の最終目標 and similar.
    pub final_goal: Option<String>,
    /// Indicators in order of appearance.
    pub indicators: Vec<Indicator>,
    /// Yearly and other values.
    pub observations: Vec<Observation>,
    /// The document's own evaluation (達成度), when printed.
    pub evaluation: Option<Evaluation>,
    /// Where the initiative starts (its title cell).
    pub location: Location,
}

/// An indicator (指標 / 数値の定義 / 目標項目 / 成果指標).
#[derive(Debug, Clone, PartialEq)]
pub struct Indicator {
    /// Name (normalized).
    pub name: String,
    /// Unit printed in the name (`億円` in `寄附金額（億円）`).
    pub unit: Option<String>,
    /// Where the name is.
    pub location: Location,
}

/// The document's own evaluation of an initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct Evaluation {
    /// Grade as printed and normalized (A, B, ○ …).
    pub grade: Option<String>,
    /// Exact source text.
    pub raw: String,
    /// Where it is.
    pub location: Location,
}

/// What a value is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Kind {
    /// A yearly target (目標値).
    Target,
    /// A yearly result (実績値).
    Actual,
    /// A starting value (基準値, 現状の数値).
    Baseline,
    /// The target for the end of the plan (目標の数値, 目標値等).
    FinalTarget,
    /// Yearly schedule text (計画: 実施 / 検討).
    Plan,
    /// Yearly progress (進捗状況: 実施 / 達成).
    Status,
    /// A grade (A/B/C, ○/×).
    Grade,
    /// An achievement rate printed by the document (達成率).
    AchievementRate,
}

impl Kind {
    /// Name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Target => "target",
            Kind::Actual => "actual",
            Kind::Baseline => "baseline",
            Kind::FinalTarget => "final_target",
            Kind::Plan => "plan",
            Kind::Status => "status",
            Kind::Grade => "grade",
            Kind::AchievementRate => "achievement_rate",
        }
    }
}

/// Where an observation's unit was printed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum UnitSource {
    /// In the value's own cell (`1,234件`).
    Cell,
    /// In the name of the value's indicator (`寄附金額（億円）`).
    Indicator,
    /// In a unit note of the card or table (`（単位：千円）` in a row or text line of its own).
    Note,
    /// In a header over the value's column or beside its row (`R5目標（千円）`).
    Header,
}

impl UnitSource {
    /// Name used in output.
    pub fn as_str(self) -> &'static str {
        match self {
            UnitSource::Cell => "cell",
            UnitSource::Indicator => "indicator",
            UnitSource::Note => "note",
            UnitSource::Header => "header",
        }
    }
}

/// One printed value of an initiative.
#[derive(Debug, Clone, PartialEq)]
pub struct Observation {
    /// Indicator name, when the value belongs to one.
    pub indicator: Option<String>,
    /// Fiscal year (start year), when dated.
    pub fiscal_year: Option<i32>,
    /// The date the value is stamped with (`456,456件 (R2.1.15現在)` → 2020-01-15), ISO 8601
    /// date, year-month or year.
    pub as_of: Option<String>,
    /// The calendar date the value states (`令和3年10月` → 2021-10, `令和2年12月までに…` →
    /// 2020-12), ISO 8601 date, year-month or year; its fiscal year is `fiscal_year`.
    pub date: Option<String>,
    /// The value is a deadline: due by its fiscal year or date (`令和9年度までに`).
    pub by: bool,
    /// What the value is.
    pub kind: Kind,
    /// Exact value in base units; `None` for text.
    pub value: Option<Decimal>,
    /// Base unit.
    pub unit: Option<String>,
    /// Printed unit when scaled.
    pub display_unit: Option<String>,
    /// Where the unit came from, when there is one.
    pub unit_source: Option<UnitSource>,
    /// Where the unit was printed when not in the value's own cell (the indicator name, the
    /// note or the header).
    pub unit_location: Option<Location>,
    /// 以内 / 以上 …
    pub bound: Option<Bound>,
    /// 累計.
    pub cumulative: bool,
    /// 削減 / 増加.
    pub direction: Option<Direction>,
    /// Relative targets (対前年度比).
    pub relative_to: Option<RelativeTo>,
    /// Signed change for relative targets.
    pub change_percent: Option<Decimal>,
    /// Normalized text when not numeric.
    pub text: Option<String>,
    /// Exact source text of the cell.
    pub raw: String,
    /// For an actual: whether it meets its target in the indicator's direction; `None` when
    /// there is no comparable target (or for other kinds).
    pub achieved: Option<bool>,
    /// Where the cell is.
    pub location: Location,
}

impl Observation {
    /// A `kind` value read from the cell `raw` at `location`, with nothing else known yet: no
    /// indicator, year, value, unit or text.
    pub fn at(kind: Kind, raw: &str, location: &Location) -> Self {
        Observation {
            indicator: None,
            fiscal_year: None,
            as_of: None,
            date: None,
            by: false,
            kind,
            value: None,
            unit: None,
            display_unit: None,
            unit_source: None,
            unit_location: None,
            bound: None,
            cumulative: false,
            direction: None,
            relative_to: None,
            change_percent: None,
            text: None,
            raw: raw.to_string(),
            achieved: None,
            location: location.clone(),
        }
    }
}
