//! End-to-end tests: the `muniplan` binary on the committed fixtures.
//!
//! - `convert`: the main job on fixtures, golden observations, bad files in a batch, determinism.
//! - `schema`: every output validates against `schemas/`; a broken document does not.
//! - `variants`: presentation variants and novel layouts against their stated lists.
//!
//! Golden files are rewritten with `UPDATE_EXPECT=1 cargo test --test e2e`.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod bad_inputs;
mod batch;
mod common;
mod convert;
mod coverage;
mod dataset;
mod families;
mod given;
mod review;
mod schema;
mod variants;
