//! muniplan's output contract: what users build on.
//!
//! # Brief overview
//!
//! - [`build`] turns a recognized document ([`muniplan_recognize::Recognized`]) plus the
//!   reader's [`muniplan_ir::LayoutDoc`] facts into a [`PlanDocument`] (`<stem>.json`) and its
//!   [`ObservationRecord`]s (lines of `observations.jsonl`, rows of `observations.csv`).
//! - [`document_json`], [`observations_jsonl`], [`observations_csv`] write them as bytes:
//!   deterministic, no timestamps, no absolute paths.
//! - [`PLAN_SCHEMA`] and [`OBSERVATION_SCHEMA`] are the JSON Schemas of `schemas/`, compiled in;
//!   [`Validator`] checks instances against them.
//!
//! Only this crate knows the serialized shape: the DTOs here mirror `schemas/*.json` field by
//! field, and the pipeline types are converted by hand, so a schema change is a visible diff.
//! Values are exact decimals written as JSON numbers without passing through `f64`.

mod csv;
mod dto;
mod validate;

pub use csv::{CsvEncoding, csv_header, csv_rows, observations_csv, push_row};
pub use dto::{
    EvaluationDto, Given, IndicatorDto, InitiativeDto, ObservationDto, ObservationRecord,
    PeriodDto, PlanDocument, PlanDto, SourceDto, SourceRef, UnexplainedDto, WarningDto, build,
    build_with, ratio,
};
pub use validate::{SchemaError, Validator};

/// Version of the output contract written in every document.
/// 1.2 (additive): `coverage`, `numeric_cells` and `unexplained` per document; `coverage`,
/// `unexplained`, `review` and `review_reasons` per file of report.json; the city given by
/// `--municipality`/`--sources` (prefecture, prefecture_code, source_url, retrieved); where an observation's unit came from
/// (`unit_source`, `unit_source_ref`).
/// 1.3 (additive): per observation `date` (the calendar date a value states, ISO 8601; its
/// fiscal year derived, April start) and `by` (the value is a deadline, due by its fiscal year or
/// date); CSV columns `date`, `by` appended at the end.
pub const SCHEMA_VERSION: &str = "1.3";

/// JSON Schema (draft 2020-12) of a per-document `<stem>.json`.
pub const PLAN_SCHEMA: &str = include_str!("../../../schemas/plan.schema.json");

/// JSON Schema (draft 2020-12) of one observation record.
pub const OBSERVATION_SCHEMA: &str = include_str!("../../../schemas/observation.schema.json");

/// JSON Schema (draft 2020-12) of `report.json`, the batch report of `muniplan convert`.
pub const REPORT_SCHEMA: &str = include_str!("../../../schemas/report.schema.json");

/// A document as pretty JSON bytes, ending in a newline.
pub fn document_json(doc: &PlanDocument) -> Vec<u8> {
    let mut out = serde_json::to_vec_pretty(doc).unwrap_or_default();
    out.push(b'\n');
    out
}

/// Observation records as JSON Lines.
pub fn observations_jsonl<'a>(records: impl IntoIterator<Item = &'a ObservationRecord>) -> Vec<u8> {
    let mut out = Vec::new();
    for rec in records {
        if let Ok(line) = serde_json::to_vec(rec) {
            out.extend_from_slice(&line);
            out.push(b'\n');
        }
    }
    out
}
