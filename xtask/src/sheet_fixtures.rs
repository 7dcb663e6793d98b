//! `cargo xtask` module `sheet_fixtures` (being built).

use std::path::Path;

/// Generate this module's outputs under the project root.
pub fn generate(root: &Path) -> anyhow::Result<()> {
    anyhow::bail!("{}: sheet_fixtures generator not written yet", root.display())
}
