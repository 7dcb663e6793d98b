//! Project tasks. `cargo xtask fixtures` regenerates `fixtures/` from the seed documents.

fn main() -> anyhow::Result<()> {
    anyhow::bail!("usage: cargo xtask fixtures")
}
