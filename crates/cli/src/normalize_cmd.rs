//! `muniplan normalize`: the normalizer on its own (owned by the normalizer work; see issue 3).

use std::process::ExitCode;

/// Flags of `muniplan normalize`.
#[derive(clap::Args)]
pub struct NormalizeArgs {
    /// Texts to normalize; lines on stdin when none are given.
    pub texts: Vec<String>,
}

/// Run `muniplan normalize`.
pub fn run(args: NormalizeArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("normalize is not available in this build yet ({} inputs)", args.texts.len())
}
