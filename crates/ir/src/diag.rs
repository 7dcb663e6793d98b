//! Diagnostics: data problems found while reading or recognizing, with their location.

use crate::Location;

/// How serious a diagnostic is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub enum Severity {
    /// Informational: something was decided that a user may want to know (e.g. detected encoding).
    Info,
    /// Something was not understood or may be wrong; output was still produced.
    Warning,
    /// Part of the input could not be read (a page, a sheet); the rest was.
    Error,
}

impl Severity {
    /// Lower-case name used in output (`info`, `warning`, `error`).
    pub fn as_str(self) -> &'static str {
        match self {
            Severity::Info => "info",
            Severity::Warning => "warning",
            Severity::Error => "error",
        }
    }
}

/// A data problem with a stable machine-readable code and a human message.
#[derive(Debug, Clone, PartialEq)]
pub struct Diagnostic {
    /// Severity.
    pub severity: Severity,
    /// Stable kebab-case code, e.g. `formula-without-value`, `unit-not-understood`.
    pub code: String,
    /// One-line human message, lower-case start, no trailing period.
    pub message: String,
    /// Where it happened, when known.
    pub location: Option<Location>,
}

impl Diagnostic {
    /// A warning at a location.
    pub fn warning(code: &str, message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity: Severity::Warning,
            code: code.to_string(),
            message: message.into(),
            location,
        }
    }

    /// An informational note at a location.
    pub fn info(code: &str, message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity: Severity::Info,
            code: code.to_string(),
            message: message.into(),
            location,
        }
    }

    /// An error confined to part of the input (a page, a sheet).
    pub fn error(code: &str, message: impl Into<String>, location: Option<Location>) -> Self {
        Diagnostic {
            severity: Severity::Error,
            code: code.to_string(),
            message: message.into(),
            location,
        }
    }
}
