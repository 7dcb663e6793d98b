//! Validation against the compiled-in JSON Schemas.

use serde_json::Value;

use crate::{OBSERVATION_SCHEMA, PLAN_SCHEMA, REPORT_SCHEMA};

/// A schema failed to compile (a bug in `schemas/`, caught by tests).
#[derive(Debug, thiserror::Error)]
#[error("invalid schema {name}: {message}")]
pub struct SchemaError {
    name: &'static str,
    message: String,
}

/// Both schemas, compiled once.
pub struct Validator {
    plan: jsonschema::Validator,
    observation: jsonschema::Validator,
    report: jsonschema::Validator,
}

impl Validator {
    /// Compile the schemas.
    pub fn new() -> Result<Self, SchemaError> {
        Ok(Validator {
            plan: compile("plan.schema.json", PLAN_SCHEMA)?,
            observation: compile("observation.schema.json", OBSERVATION_SCHEMA)?,
            report: compile("report.schema.json", REPORT_SCHEMA)?,
        })
    }

    /// Problems of a per-document JSON, as `path: message` lines; empty when valid.
    pub fn check_document(&self, doc: &Value) -> Vec<String> {
        errors(&self.plan, doc)
    }

    /// Problems of one observation record; empty when valid.
    pub fn check_observation(&self, rec: &Value) -> Vec<String> {
        errors(&self.observation, rec)
    }

    /// Problems of a `report.json`; empty when valid.
    pub fn check_report(&self, report: &Value) -> Vec<String> {
        errors(&self.report, report)
    }
}

fn compile(name: &'static str, text: &str) -> Result<jsonschema::Validator, SchemaError> {
    let schema: Value = serde_json::from_str(text).map_err(|e| SchemaError {
        name,
        message: e.to_string(),
    })?;
    jsonschema::draft202012::new(&schema).map_err(|e| SchemaError {
        name,
        message: e.to_string(),
    })
}

fn errors(validator: &jsonschema::Validator, instance: &Value) -> Vec<String> {
    validator
        .iter_errors(instance)
        .map(|e| {
            let path = e.instance_path().to_string();
            let path = if path.is_empty() {
                "/".to_string()
            } else {
                path
            };
            format!("{path}: {e}")
        })
        .collect()
}
