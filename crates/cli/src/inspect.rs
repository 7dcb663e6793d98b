//! `muniplan inspect`: what the reader saw (owned by the PDF reader work; see issue 4).

use std::path::PathBuf;
use std::process::ExitCode;

/// Flags of `muniplan inspect`.
#[derive(clap::Args)]
pub struct InspectArgs {
    /// The file to inspect.
    pub file: PathBuf,
}

/// Run `muniplan inspect`.
pub fn run(args: InspectArgs) -> anyhow::Result<ExitCode> {
    anyhow::bail!("{}: inspect is not available in this build yet", args.file.display())
}
