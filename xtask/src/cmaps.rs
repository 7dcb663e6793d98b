//! `cargo xtask` module `cmaps` (being built).

use std::path::Path;

/// Generate this module's outputs under the project root.
pub fn generate(root: &Path) -> anyhow::Result<()> {
    anyhow::bail!("{}: cmaps generator not written yet", root.display())
}
