//! The `muniplan` command line: a thin layer over the pipeline crates.
//!
//! `main` parses flags, dispatches to one module per subcommand, and prints an error once.
//! Exit status: 0 success, 1 finished but some input failed, 2 usage or fatal error, 3 an output
//! could not be written (full disk, read-only OUT), 4 OUT is in use by another run.

mod batch;
mod convert;
mod dataset;
mod inspect;
mod inspect_tables;
mod normalize_cmd;
mod parquet_out;
mod pipeline;
mod review;
mod schema_cmd;
mod sources;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// Turn Japanese municipal administrative-reform plans and progress reports into validated JSON.
#[derive(Parser)]
#[command(name = "muniplan", version, about, long_about = None, after_help = EXIT_STATUSES)]
struct Cli {
    /// More log output on stderr (-v info, -vv debug, -vvv trace).
    #[arg(short, long, action = clap::ArgAction::Count, global = true)]
    verbose: u8,
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert files, folders or @list.txt to JSON: OUT/<stem>.json per document,
    /// OUT/observations.jsonl, OUT/observations.csv and OUT/report.json.
    #[command(after_help = EXIT_STATUSES)]
    Convert(convert::ConvertArgs),
    /// Merge the documents of convert outputs into one longitudinal table per city:
    /// DATASET/dataset.jsonl, dataset.csv, revisions.jsonl and matches.json.
    Dataset(dataset::DatasetArgs),
    /// Show what the reader saw in a file: text lines, rules, tables, with coordinates.
    Inspect(inspect::InspectArgs),
    /// Run the normalizer on text given as arguments (or lines on stdin); JSON out.
    Normalize(normalize_cmd::NormalizeArgs),
    /// Check output files against the JSON Schemas (exit 1 if any is invalid).
    Validate(schema_cmd::ValidateArgs),
    /// Print the JSON Schemas of the output contract.
    Schema(schema_cmd::SchemaArgs),
    /// Write one self-contained HTML page to review a converted batch (OUT/review.html).
    Review(review::ReviewArgs),
}

const EXIT_STATUSES: &str = "\
Exit status:
  0  success
  1  finished, but some input file failed (see report.json)
  2  usage error, or a fatal error before any file was converted
  3  an output could not be written (full disk, read-only or unwritable OUT); the run's
     temporary files are removed, earlier outputs are unchanged
  4  OUT is in use by another muniplan run (its pid is named)";

fn main() -> ExitCode {
    let cli = match Cli::try_parse() {
        Ok(cli) => cli,
        Err(err) => {
            let _ = err.print();
            return if err.use_stderr() {
                ExitCode::from(2)
            } else {
                ExitCode::SUCCESS
            };
        }
    };
    init_logging(cli.verbose);
    let res = match cli.command {
        Command::Convert(args) => convert::run(args),
        Command::Dataset(args) => dataset::run(args),
        Command::Inspect(args) => inspect::run(args),
        Command::Validate(args) => schema_cmd::run_validate(args),
        Command::Schema(args) => schema_cmd::run_schema(args),
        Command::Normalize(args) => normalize_cmd::run(args),
        Command::Review(args) => review::run(args),
    };
    match res {
        Ok(code) => code,
        Err(err) => {
            eprintln!("muniplan: {err:#}");
            match err.downcast_ref::<batch::Fatal>() {
                Some(fatal) => ExitCode::from(fatal.code()),
                None => ExitCode::from(2),
            }
        }
    }
}

fn init_logging(verbose: u8) {
    let level = match verbose {
        0 => "warn",
        1 => "info",
        2 => "debug",
        _ => "trace",
    };
    // lopdf logs every font quirk it works around; our reader reports what matters as
    // diagnostics (unmapped glyphs, damaged streams), so lopdf's own log is shown only at -vvv.
    let lopdf = if verbose >= 3 { "trace" } else { "off" };
    let filter = tracing_subscriber::EnvFilter::try_from_env("MUNIPLAN_LOG")
        .unwrap_or_else(|_| tracing_subscriber::EnvFilter::new(format!("{level},lopdf={lopdf}")));
    let _ = tracing_subscriber::fmt()
        .with_env_filter(filter)
        .with_writer(std::io::stderr)
        .without_time()
        .try_init();
}
