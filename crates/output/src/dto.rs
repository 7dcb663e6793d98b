//! The serialized shapes, field for field as in `schemas/`.

use muniplan_ir::{LayoutDoc, Location};
use muniplan_normalize::Decimal;
use muniplan_recognize::{Initiative, Municipality, Observation, Recognized, municipality_by_code};
use serde::Serialize;
use serde_json::Number;

use crate::SCHEMA_VERSION;

/// `<stem>.json`: one converted document.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDocument {
    /// Always [`SCHEMA_VERSION`].
    pub schema_version: &'static str,
    /// The input file.
    pub source: SourceDto,
    /// Document metadata.
    pub plan: PlanDto,
    /// Initiatives in document order.
    pub initiatives: Vec<InitiativeDto>,
    /// Diagnostics of every stage, with locations.
    pub warnings: Vec<WarningDto>,
    /// Table cells holding digits that are explained ÷ those cells, rounded to 0.0001.
    pub coverage: Number,
    /// Table cells holding digits.
    pub numeric_cells: usize,
    /// Table cells holding digits that no account explains.
    pub unexplained: Vec<UnexplainedDto>,
}

/// A table cell holding digits that no account explains.
#[derive(Debug, Clone, Serialize)]
pub struct UnexplainedDto {
    /// Exact cell text.
    pub text: String,
    /// Where the cell is.
    pub source: SourceRef,
}

/// The input file.
#[derive(Debug, Clone, Serialize)]
pub struct SourceDto {
    /// File name (no directories).
    pub file: String,
    /// SHA-256 of the file's bytes, lower-case hex.
    pub sha256: String,
    /// Detected format.
    pub format: &'static str,
    /// Page count (PDF).
    pub pages: Option<u32>,
    /// Sheet names.
    pub sheets: Vec<String>,
    /// PDF producer or workbook application.
    pub producer: Option<String>,
    /// Detected text encoding (CSV/TSV).
    pub encoding: Option<String>,
    /// Where the file was published, as given (`convert --sources`).
    pub url: Option<String>,
    /// The date it was retrieved (ISO 8601), as given.
    pub retrieved: Option<String>,
}

/// Plan metadata.
#[derive(Debug, Clone, Serialize)]
pub struct PlanDto {
    /// Municipality name.
    pub municipality: Option<String>,
    /// 6-digit code.
    pub municipality_code: Option<String>,
    /// Prefecture of the municipality.
    pub prefecture: Option<String>,
    /// The prefecture's 2-digit code (JIS X 0401).
    pub prefecture_code: Option<String>,
    /// Where the municipality comes from: `document` (printed in it) or `given` (by the
    /// user, `convert --municipality` / `--sources`).
    pub municipality_from: Option<&'static str>,
    /// Title.
    pub title: Option<String>,
    /// Period in fiscal years.
    pub period: Option<PeriodDto>,
    /// Report year.
    pub report_year: Option<i32>,
}

/// A fiscal-year period.
#[derive(Debug, Clone, Serialize)]
pub struct PeriodDto {
    /// First fiscal year.
    pub from: i32,
    /// Last fiscal year.
    pub to: i32,
}

/// One initiative.
#[derive(Debug, Clone, Serialize)]
pub struct InitiativeDto {
    /// Id as printed, or position.
    pub id: String,
    /// Title.
    pub title: String,
    /// Category path.
    pub category_path: Vec<String>,
    /// Departments.
    pub departments: Vec<String>,
    /// 取組内容.
    pub description: Option<String>,
    /// 現状.
    pub current_state: Option<String>,
    /// 課題.
    pub issues: Option<String>,
    /// Final goal text.
    pub final_goal: Option<String>,
    /// Indicators.
    pub indicators: Vec<IndicatorDto>,
    /// Values.
    pub observations: Vec<ObservationDto>,
    /// The document's own evaluation.
    pub evaluation: Option<EvaluationDto>,
    /// Where the initiative's title is.
    pub source: SourceRef,
}

/// An indicator.
#[derive(Debug, Clone, Serialize)]
pub struct IndicatorDto {
    /// Name.
    pub name: String,
    /// Unit printed in the name.
    pub unit: Option<String>,
    /// Where the name is.
    pub source: SourceRef,
}

/// The document's own evaluation.
#[derive(Debug, Clone, Serialize)]
pub struct EvaluationDto {
    /// Grade.
    pub grade: Option<String>,
    /// Exact text.
    pub raw: String,
    /// Where it is.
    pub source: SourceRef,
}

/// A value inside a document: the observation record without the document-level keys.
#[derive(Debug, Clone, Serialize)]
pub struct ObservationDto {
    /// Indicator name.
    pub indicator: Option<String>,
    /// Fiscal year.
    pub fiscal_year: Option<i32>,
    /// The date the value is stamped with (ISO 8601 date, year-month or year).
    pub as_of: Option<String>,
    /// The calendar date the value states (ISO 8601 date, year-month or year); since 1.3.
    pub date: Option<String>,
    /// The value is a deadline, due by its fiscal year or date; since 1.3.
    pub by: bool,
    /// Kind.
    pub kind: &'static str,
    /// Exact value.
    pub value: Option<Number>,
    /// Base unit.
    pub unit: Option<String>,
    /// Printed unit when scaled.
    pub display_unit: Option<String>,
    /// Bound.
    pub bound: Option<&'static str>,
    /// 累計.
    pub cumulative: bool,
    /// Direction.
    pub direction: Option<&'static str>,
    /// Relative to.
    pub relative_to: Option<&'static str>,
    /// The base's fiscal year when `relative_to` is `fiscal_year`.
    pub relative_to_year: Option<i32>,
    /// Signed change for relative targets.
    pub change_percent: Option<Number>,
    /// Text value.
    pub text: Option<String>,
    /// Exact source text.
    pub raw: String,
    /// For an actual: meets its target in the indicator's direction; null when not comparable.
    pub achieved: Option<bool>,
    /// Where the cell is.
    pub source: SourceRef,
    /// Where the unit was printed: `cell`, `indicator`, `note` or `header`; null without a unit.
    pub unit_source: Option<&'static str>,
    /// Where the unit was printed when not in the value's cell.
    pub unit_source_ref: Option<SourceRef>,
}

/// One tidy observation record: a line of `observations.jsonl`.
#[derive(Debug, Clone, Serialize)]
pub struct ObservationRecord {
    /// Municipality name.
    pub municipality: Option<String>,
    /// 6-digit code.
    pub municipality_code: Option<String>,
    /// Input file name.
    pub document: String,
    /// Initiative id.
    pub initiative_id: String,
    /// Initiative title.
    pub initiative: String,
    /// The value and its provenance.
    #[serde(flatten)]
    pub observation: ObservationDto,
    /// Prefecture of the municipality.
    pub prefecture: Option<String>,
    /// The prefecture's 2-digit code (JIS X 0401).
    pub prefecture_code: Option<String>,
    /// Where the document was published, as given.
    pub source_url: Option<String>,
    /// The date the document was retrieved, as given.
    pub retrieved: Option<String>,
}

/// A diagnostic.
#[derive(Debug, Clone, Serialize)]
pub struct WarningDto {
    /// `info`, `warning` or `error`.
    pub severity: &'static str,
    /// Stable kebab-case code.
    pub code: String,
    /// Human message.
    pub message: String,
    /// Where, when known.
    pub source: Option<SourceRef>,
}

/// Where a value was read.
#[derive(Debug, Clone, Serialize)]
#[serde(untagged)]
pub enum SourceRef {
    /// A PDF page and box.
    Pdf {
        /// 1-based page.
        page: u32,
        /// `[x0, y0, x1, y1]`, points, rounded to 0.01.
        bbox: [Number; 4],
    },
    /// A sheet cell or merged range.
    Sheet {
        /// Sheet name.
        sheet: String,
        /// A1 reference.
        cell: String,
    },
    /// A part of a sheet that is no cell (its print header).
    SheetPart {
        /// Sheet name.
        sheet: String,
        /// `header`.
        part: &'static str,
    },
}

impl From<&Location> for SourceRef {
    fn from(loc: &Location) -> Self {
        match loc {
            Location::Pdf { page, bbox } => SourceRef::Pdf {
                page: *page,
                bbox: bbox.map(coord),
            },
            Location::Sheet { sheet, cell } => SourceRef::Sheet {
                sheet: sheet.clone(),
                cell: cell.clone(),
            },
            Location::SheetHeader { sheet } => SourceRef::SheetPart {
                sheet: sheet.clone(),
                part: "header",
            },
        }
    }
}

/// A coordinate rounded to 0.01 pt, printed without float noise.
fn coord(v: f64) -> Number {
    let v = if v.is_finite() { v } else { 0.0 };
    let hundredths = (v * 100.0).round() as i64;
    let d = Decimal::new(hundredths, 2).normalize();
    decimal(d)
}

/// A share in [0, 1] rounded to 0.0001, printed without float noise.
pub fn ratio(v: f64) -> Number {
    let v = if v.is_finite() {
        v.clamp(0.0, 1.0)
    } else {
        0.0
    };
    decimal(Decimal::new((v * 10_000.0).round() as i64, 4))
}

fn decimal(d: Decimal) -> Number {
    Number::from_string_unchecked(d.normalize().to_string())
}

/// What the user says about a document that it may not print: its municipality, where it
/// was published and when it was retrieved.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Given {
    /// The municipality (from the compiled-in table).
    pub municipality: Option<&'static Municipality>,
    /// Source URL.
    pub url: Option<String>,
    /// Retrieval date, ISO 8601.
    pub retrieved: Option<String>,
}

/// Build the document and its observation records.
pub fn build(
    file_name: &str,
    sha256: &str,
    layout: &LayoutDoc,
    rec: &Recognized,
) -> (PlanDocument, Vec<ObservationRecord>) {
    build_with(file_name, sha256, layout, rec, &Given::default())
}

/// The municipality of a document: the given one wins; one the document prints that
/// disagrees with it becomes a warning.
fn municipality(rec: &Recognized, given: &Given) -> (PlanDto, Option<WarningDto>) {
    let printed = rec.plan.municipality.as_deref();
    let printed_code = rec.plan.municipality_code.as_deref();
    let plan = |name: Option<String>, code: Option<String>, from| {
        let row = code.as_deref().and_then(municipality_by_code);
        PlanDto {
            municipality: name,
            municipality_code: code,
            prefecture: row.map(|m| m.prefecture.to_string()),
            prefecture_code: row.map(|m| m.prefecture_code().to_string()),
            municipality_from: from,
            title: rec.plan.title.clone(),
            period: rec.plan.period.map(|(from, to)| PeriodDto { from, to }),
            report_year: rec.plan.report_year,
        }
    };
    let Some(m) = given.municipality else {
        return (
            plan(
                printed.map(str::to_string),
                printed_code.map(str::to_string),
                printed.map(|_| "document"),
            ),
            None,
        );
    };
    let name = if m.name.is_empty() {
        m.prefecture
    } else {
        m.name
    };
    let disagrees = match (printed, printed_code) {
        (_, Some(code)) => code != m.code,
        (Some(p), None) => p != name,
        (None, None) => false,
    };
    let warning = disagrees.then(|| WarningDto {
        severity: "warning",
        code: "municipality-mismatch".to_string(),
        message: format!(
            "the document names {}{} but {} {} was given; the given one is used",
            printed.unwrap_or_default(),
            printed_code.map(|c| format!(" ({c})")).unwrap_or_default(),
            m.full_name(),
            m.code
        ),
        source: None,
    });
    (
        plan(
            Some(name.to_string()),
            Some(m.code.to_string()),
            Some("given"),
        ),
        warning,
    )
}

/// Build the document and its observation records, with what the user says about it.
pub fn build_with(
    file_name: &str,
    sha256: &str,
    layout: &LayoutDoc,
    rec: &Recognized,
    given: &Given,
) -> (PlanDocument, Vec<ObservationRecord>) {
    let src = &layout.source;
    let source = SourceDto {
        file: file_name.to_string(),
        sha256: sha256.to_string(),
        format: src.format.map_or("pdf", |f| f.as_str()),
        pages: src.pages,
        sheets: src.sheets.clone(),
        producer: src.producer.clone(),
        encoding: src.encoding.clone(),
        url: given.url.clone(),
        retrieved: given.retrieved.clone(),
    };
    let (plan, mismatch) = municipality(rec, given);
    let initiatives: Vec<InitiativeDto> = rec.initiatives.iter().map(initiative).collect();
    let warnings = mismatch
        .into_iter()
        .chain(
            layout
                .diagnostics
                .iter()
                .chain(&rec.diagnostics)
                .map(|d| WarningDto {
                    severity: d.severity.as_str(),
                    code: d.code.clone(),
                    message: d.message.clone(),
                    source: d.location.as_ref().map(SourceRef::from),
                }),
        )
        .collect();
    let records = initiatives
        .iter()
        .flat_map(|ini| {
            ini.observations.iter().map(|o| ObservationRecord {
                municipality: plan.municipality.clone(),
                municipality_code: plan.municipality_code.clone(),
                document: file_name.to_string(),
                initiative_id: ini.id.clone(),
                initiative: ini.title.clone(),
                observation: o.clone(),
                prefecture: plan.prefecture.clone(),
                prefecture_code: plan.prefecture_code.clone(),
                source_url: source.url.clone(),
                retrieved: source.retrieved.clone(),
            })
        })
        .collect();
    let doc = PlanDocument {
        schema_version: SCHEMA_VERSION,
        source,
        plan,
        initiatives,
        warnings,
        coverage: ratio(rec.coverage.ratio()),
        numeric_cells: rec.coverage.numeric_cells,
        unexplained: rec
            .coverage
            .unexplained
            .iter()
            .map(|(loc, text)| UnexplainedDto {
                text: text.clone(),
                source: SourceRef::from(loc),
            })
            .collect(),
    };
    (doc, records)
}

fn initiative(ini: &Initiative) -> InitiativeDto {
    InitiativeDto {
        id: ini.id.clone(),
        title: ini.title.clone(),
        category_path: ini.category_path.clone(),
        departments: ini.departments.clone(),
        description: ini.description.clone(),
        current_state: ini.current_state.clone(),
        issues: ini.issues.clone(),
        final_goal: ini.final_goal.clone(),
        indicators: ini
            .indicators
            .iter()
            .map(|i| IndicatorDto {
                name: i.name.clone(),
                unit: i.unit.clone(),
                source: SourceRef::from(&i.location),
            })
            .collect(),
        observations: ini.observations.iter().map(observation).collect(),
        evaluation: ini.evaluation.as_ref().map(|e| EvaluationDto {
            grade: e.grade.clone(),
            raw: e.raw.clone(),
            source: SourceRef::from(&e.location),
        }),
        source: SourceRef::from(&ini.location),
    }
}

fn observation(o: &Observation) -> ObservationDto {
    ObservationDto {
        indicator: o.indicator.clone(),
        fiscal_year: o.fiscal_year,
        as_of: o.as_of.clone(),
        date: o.date.clone(),
        by: o.by,
        kind: o.kind.as_str(),
        value: o.value.map(decimal),
        unit: o.unit.clone(),
        display_unit: o.display_unit.clone(),
        bound: o.bound.map(|b| b.as_str()),
        cumulative: o.cumulative,
        direction: o.direction.map(|d| d.as_str()),
        relative_to: o.relative_to.map(|r| r.as_str()),
        relative_to_year: o.relative_to.and_then(|r| r.fiscal_year()),
        change_percent: o.change_percent.map(decimal),
        text: o.text.clone(),
        raw: o.raw.clone(),
        achieved: o.achieved,
        source: SourceRef::from(&o.location),
        unit_source: o.unit_source.map(|s| s.as_str()),
        unit_source_ref: o.unit_location.as_ref().map(SourceRef::from),
    }
}
