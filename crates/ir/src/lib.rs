//! muniplan's shared model: the layout IR every reader produces and every later stage reads.
//!
//! # Brief overview
//!
//! - [`Location`]: where a string came from — a PDF page and box (user space, origin
//!   bottom-left, points) or a sheet and A1 reference (`B3`, merged `B3:F3`).
//! - [`Diagnostic`]: a data problem found by any stage, with its location. Diagnostics travel
//!   with the output; they are not errors.
//! - [`LayoutDoc`]: one input file as pages (or sheets) holding [`Table`]s of [`Cell`]s and
//!   loose [`TextBlock`]s. Readers (spreadsheet, PDF+layout) produce it; the recognizer reads it.
//!
//! This crate does no I/O, knows no file format and no serialization format: it is plain data.

mod codes;
mod diag;
mod layout;
mod location;

pub use codes::{CODES, Code, Review, needs_review};
pub use diag::{Diagnostic, Severity};
pub use layout::{Cell, Format, LayoutDoc, Page, SourceInfo, Table, TextBlock};
pub use location::{Location, a1, col_name};
