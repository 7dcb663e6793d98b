//! `muniplan schema` and `muniplan validate`: the output contract, printed and checked.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use muniplan_output::{OBSERVATION_SCHEMA, PLAN_SCHEMA, REPORT_SCHEMA, Validator};
use serde_json::Value;

/// Flags of `muniplan schema`.
#[derive(clap::Args)]
pub struct SchemaArgs {
    /// Which schema to print; both (plan first) when omitted.
    #[arg(value_enum)]
    pub which: Option<Which>,
}

/// The schemas.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum Which {
    /// Per-document `<stem>.json` (schemas/plan.schema.json).
    Plan,
    /// One observation record (schemas/observation.schema.json).
    Observation,
    /// The batch report `report.json` (schemas/report.schema.json).
    Report,
}

/// Run `muniplan schema`.
pub fn run_schema(args: SchemaArgs) -> anyhow::Result<ExitCode> {
    match args.which {
        Some(Which::Plan) => print!("{PLAN_SCHEMA}"),
        Some(Which::Observation) => print!("{OBSERVATION_SCHEMA}"),
        Some(Which::Report) => print!("{REPORT_SCHEMA}"),
        None => print!("{PLAN_SCHEMA}{OBSERVATION_SCHEMA}"),
    }
    Ok(ExitCode::SUCCESS)
}

/// Flags of `muniplan validate`.
#[derive(clap::Args)]
pub struct ValidateArgs {
    /// Output files: per-document `.json`, `observations.jsonl` (each line is a record),
    /// `report.json` (the batch report; known by its name or its `files` and `summary` keys).
    #[arg(required = true)]
    pub files: Vec<PathBuf>,
}

/// Run `muniplan validate`: one line per problem, exit 1 when any file is invalid.
pub fn run_validate(args: ValidateArgs) -> anyhow::Result<ExitCode> {
    let validator = Validator::new().context("schemas do not compile")?;
    let mut bad = 0usize;
    for path in &args.files {
        let name = path.display();
        let text = match std::fs::read_to_string(path) {
            Ok(t) => t,
            Err(e) => {
                eprintln!("{name}: cannot read: {e}");
                bad += 1;
                continue;
            }
        };
        let is_jsonl = path.extension().is_some_and(|e| e == "jsonl");
        let mut problems = Vec::new();
        if is_jsonl {
            for (idx, line) in text
                .lines()
                .enumerate()
                .filter(|(_, l)| !l.trim().is_empty())
            {
                match serde_json::from_str::<Value>(line) {
                    Ok(v) => problems.extend(
                        validator
                            .check_observation(&v)
                            .into_iter()
                            .map(|p| format!("line {}: {p}", idx + 1)),
                    ),
                    Err(e) => problems.push(format!("line {}: not JSON: {e}", idx + 1)),
                }
            }
        } else {
            match serde_json::from_str::<Value>(&text) {
                Ok(v) if is_report(path, &v) => problems.extend(validator.check_report(&v)),
                Ok(v) => problems.extend(validator.check_document(&v)),
                Err(e) => problems.push(format!("not JSON: {e}")),
            }
        }
        if problems.is_empty() {
            println!("{name}: valid");
        } else {
            bad += 1;
            for p in problems {
                println!("{name}: {p}");
            }
        }
    }
    Ok(if bad > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// `convert`'s batch report: named `report.json`, or holding its `files` and `summary` keys.
fn is_report(path: &std::path::Path, v: &Value) -> bool {
    path.file_name().is_some_and(|n| n == "report.json")
        || (v.get("files").is_some() && v.get("summary").is_some() && v.get("plan").is_none())
}
