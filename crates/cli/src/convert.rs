//! `muniplan convert`: a batch of files to per-document JSON, observations JSONL/CSV and a report.
//!
//! Files run in parallel; each file's outcome is independent (one bad file is reported and the
//! rest convert). Every output is written atomically (temporary file, then rename), so a
//! reader of OUT never sees a partial file. Results are collected in input order, so the
//! output bytes do not depend on the thread count. Each file has a time limit
//! (`--timeout-secs`) and the readers' resource limits (`--max-*` flags); see [`convert_one`].
//!
//! A rerun is incremental: OUT keeps a manifest (see [`crate::batch`]) and only new or changed
//! inputs are converted; the tidy files and report.json are rebuilt from the kept per-input
//! chunks, byte for byte what a run into an empty OUT writes. One run per OUT (a lock); the
//! first output error (full disk, read-only OUT) ends the run with exit status 3, its
//! temporary files removed and the documents finished so far whole and kept for the next run.

use std::collections::HashMap;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use muniplan_ir::LayoutDoc;
use muniplan_output::{CsvEncoding, Given, ObservationRecord};
use rayon::prelude::*;
use serde::Serialize;

use crate::parquet_out;
use crate::pipeline;
use crate::sources::Sources;

/// Flags of `muniplan convert`.
#[derive(clap::Args)]
pub struct ConvertArgs {
    /// Input files, folders (searched recursively for pdf, xlsx, xlsm, xlsb, xls, ods, csv and
    /// tsv files), or @list.txt (one path per line).
    #[arg(required = true, value_name = "INPUT")]
    pub inputs: Vec<String>,
    /// Output folder (created if missing).
    #[arg(short, long, value_name = "OUT")]
    pub output: PathBuf,
    /// Files converted in parallel (default: one per core).
    #[arg(short, long, value_name = "N")]
    pub jobs: Option<usize>,
    /// Encoding of observations.csv: Excel opens utf-8-bom and cp932 directly.
    #[arg(long, value_enum, default_value_t = CsvEnc::Utf8)]
    pub csv_encoding: CsvEnc,
    /// Password for encrypted PDFs (files with an empty user password open without it).
    #[arg(long)]
    pub password: Option<String>,
    /// Seconds one file may take; a slower file is reported as failed ("timed out after N s")
    /// and the batch goes on. 0 = no limit.
    #[arg(long, value_name = "SECS", default_value_t = 120)]
    pub timeout_secs: u64,
    /// PDF pages read per file; later pages are reported as not read.
    #[arg(long, value_name = "N", default_value_t = muniplan_pdf::Limits::default().max_pages)]
    pub max_pages: u32,
    /// Largest decoded size of one PDF stream (content, font map, form), in MiB.
    #[arg(long, value_name = "MIB", default_value_t = muniplan_pdf::Limits::default().max_stream_bytes >> 20)]
    pub max_stream_mb: usize,
    /// Decoded PDF content bytes per file, in MiB.
    #[arg(long, value_name = "MIB", default_value_t = muniplan_pdf::Limits::default().max_file_decoded_bytes >> 20)]
    pub max_file_mb: usize,
    /// Deepest nesting of PDF Form XObjects.
    #[arg(long, value_name = "N", default_value_t = muniplan_pdf::Limits::default().max_depth)]
    pub max_depth: usize,
    /// Most cells one sheet may hold (xlsx, xls, ods, csv); a bigger sheet fails the file.
    #[arg(long, value_name = "N", default_value_t = muniplan_sheet::SheetOptions::new().max_cells)]
    pub max_cells: u64,
    /// Largest size one part of a zipped workbook (xlsx, xlsb, ods) may inflate to.
    #[arg(long, value_name = "MIB", default_value_t = muniplan_sheet::SheetOptions::new().max_inflate_bytes >> 20)]
    pub max_inflate_mb: u64,
    /// No progress bar.
    #[arg(short, long)]
    pub quiet: bool,
    /// Convert every input again, even those OUT already holds unchanged (by default a rerun
    /// converts only inputs that are new or changed, or were converted by another muniplan
    /// version or with other output-affecting options, and reuses the rest).
    #[arg(long)]
    pub force: bool,
    /// A document whose coverage (table cells holding digits that were explained ÷ all such
    /// cells) is under this share is flagged for review in the closing summary and report.json.
    #[arg(long, value_name = "SHARE", default_value_t = 0.9)]
    pub review_below: f64,
    /// The municipality of the inputs, by name (能美市, 東京都府中市) or 6-digit code (172111),
    /// checked against the compiled-in 総務省 table; a city the document prints that
    /// disagrees becomes a `municipality-mismatch` warning.
    #[arg(long, value_name = "NAME|CODE")]
    pub municipality: Option<String>,
    /// A CSV (UTF-8 or CP932) with the columns path, municipality (name or code), url and
    /// retrieved (YYYY-MM-DD) per input file or folder (relative paths from the CSV's folder);
    /// a row wins over --municipality.
    #[arg(long, value_name = "CSV")]
    pub sources: Option<PathBuf>,
}

/// `--csv-encoding` values.
#[derive(Clone, Copy, clap::ValueEnum)]
pub enum CsvEnc {
    /// UTF-8 without BOM.
    #[value(name = "utf-8")]
    Utf8,
    /// UTF-8 with BOM.
    #[value(name = "utf-8-bom")]
    Utf8Bom,
    /// CP932 (Shift_JIS).
    #[value(name = "cp932")]
    Cp932,
}

/// Extensions picked up when walking a folder.
const EXTENSIONS: &[&str] = &["pdf", "xlsx", "xlsm", "xlsb", "xls", "ods", "csv", "tsv"];

use crate::batch::{self, Entry, Fatal, FileReport, OutFs};

#[derive(Serialize)]
struct Report<'a> {
    schema_version: &'static str,
    files: &'a [FileReport],
    summary: Summary,
}

#[derive(Serialize)]
struct Summary {
    files: usize,
    converted: usize,
    failed: usize,
    empty: usize,
    initiatives: usize,
    observations: usize,
    warnings: usize,
    review: usize,
}

struct Converted {
    layout_format: Option<&'static str>,
    encoding: Option<String>,
    sha256: String,
    json: Vec<u8>,
    records: Vec<ObservationRecord>,
    n_initiatives: usize,
    n_warnings: usize,
    /// Table cells holding numbers that the reader saw.
    n_values_seen: usize,
    /// Diagnostics that flag the document for review, counted by `severity code`.
    look: std::collections::BTreeMap<String, usize>,
    /// The document's coverage, rounded as written.
    coverage: serde_json::Number,
    /// Its unexplained cells.
    n_unexplained: usize,
}

/// A document's part of `observations.parquet`, made on its worker: its records as typed rows
/// while the batch holds fewer than [`PARQUET_ROWS_HELD`], else only their decimal scales (the
/// rows are read back from its JSONL chunk at the end).
enum Part {
    Rows(Vec<parquet_out::Row>),
    Scales(Vec<u32>),
}

/// What became of one input in this run.
enum Outcome {
    /// Converted now or reused from an earlier run; its entry is in the manifest. A document
    /// converted now comes with its Parquet part.
    Done(Box<Entry>, Option<Part>),
    /// The input could not be converted (a one-line cause).
    Failed(String),
    /// Not attempted: the run is ending on an output error.
    Skipped,
}

/// Run `muniplan convert`.
pub fn run(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    run_with(args, &batch::RealFs)
}

/// Run `muniplan convert`, writing every output through `fsys`.
pub(crate) fn run_with(args: ConvertArgs, fsys: &dyn OutFs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // Panics are caught per file (ours, as a last line of defence, and a parser's inside the
    // sheet reader) and reported as that file's one-line error; the default hook would add a
    // second, unasked-for line on stderr. The message stays visible with -vv.
    std::panic::set_hook(Box::new(|info| tracing::debug!("caught panic: {info}")));
    let sources = Sources::load(args.municipality.as_deref(), args.sources.as_deref())?;
    let inputs = collect_inputs(&args.inputs)?;
    if inputs.is_empty() {
        bail!("no input files found in {}", args.inputs.join(" "));
    }
    let out = &args.output;
    let docs = batch::docs_dir(out);
    fs::create_dir_all(&docs).map_err(|e| Fatal::write(&docs, e))?;
    // One run per OUT; from here on every temporary file in OUT is a dead run's or ours.
    let _lock = batch::lock(out)?;
    batch::remove_temporaries(out);
    let res = convert_batch(&args, &inputs, &sources, fsys, started);
    if res.is_err() {
        batch::remove_temporaries(out);
    }
    res
}

fn convert_batch(
    args: &ConvertArgs,
    inputs: &[PathBuf],
    sources: &Sources,
    fsys: &dyn OutFs,
    started: Instant,
) -> anyhow::Result<ExitCode> {
    let out = &args.output;
    let names = output_names(inputs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let opts = Arc::new(pipeline::Options {
        password: args.password.clone(),
        pdf_limits: muniplan_pdf::Limits {
            max_pages: args.max_pages,
            max_stream_bytes: args.max_stream_mb.saturating_mul(1 << 20),
            max_file_decoded_bytes: args.max_file_mb.saturating_mul(1 << 20),
            max_depth: args.max_depth,
            ..muniplan_pdf::Limits::default()
        },
        sheet: muniplan_sheet::SheetOptions {
            max_cells: args.max_cells,
            max_inflate_bytes: args.max_inflate_mb.saturating_mul(1 << 20),
        },
    });
    let timeout = (args.timeout_secs > 0).then(|| Duration::from_secs(args.timeout_secs));
    let csv_encoding = match args.csv_encoding {
        CsvEnc::Utf8 => CsvEncoding::Utf8,
        CsvEnc::Utf8Bom => CsvEncoding::Utf8Bom,
        CsvEnc::Cp932 => CsvEncoding::Cp932,
    };
    let base_options = options_key(args, csv_encoding);
    // What was given per input is part of its options: a change of it converts it again.
    let given: Vec<Given> = inputs.iter().map(|p| sources.for_input(p)).collect();
    let options: Vec<String> = given
        .iter()
        .map(|g| format!("{base_options};{}", Sources::key(g)))
        .collect();
    let version = &build_id();
    let keys: Vec<String> = inputs
        .iter()
        .map(|p| batch::key_of(&p.display().to_string()))
        .collect();

    // Inputs whose outputs OUT already holds (same bytes, version, options and name) are reused.
    // Checked in parallel: each check stats the input and reads its entry.
    let mut reused: Vec<Option<Entry>> = if args.force {
        inputs.iter().map(|_| None).collect()
    } else {
        pool.install(|| {
            inputs
                .par_iter()
                .zip(names.par_iter())
                .zip(keys.par_iter())
                .zip(options.par_iter())
                .map(|(((path, name), key), options)| {
                    reusable(out, path, name, key, version, options, fsys)
                })
                .collect()
        })
    };
    let n_reused = reused.iter().filter(|e| e.is_some()).count();
    let todo = inputs.len() - n_reused;

    // A document whose name no input has now goes (its input is gone, or now shares its stem
    // with another input and is named after its whole file name); so do entries of inputs
    // that are gone.
    let current: std::collections::HashSet<&str> = keys.iter().map(String::as_str).collect();
    let current_names: std::collections::HashSet<&str> = names.iter().map(String::as_str).collect();
    // A reused entry names this run's document for this run's input: nothing to remove, and
    // no need to read it a second time.
    let reused_keys: std::collections::HashSet<&str> = keys
        .iter()
        .zip(&reused)
        .filter(|(_, e)| e.is_some())
        .map(|(k, _)| k.as_str())
        .collect();
    for key in batch::entry_keys(out) {
        if reused_keys.contains(key.as_str()) {
            continue;
        }
        if let Some(old) = batch::load_entry(out, &key)
            && let Some(name) = &old.report.output
            && !current_names.contains(name.as_str())
            && is_plain_name(name)
        {
            let _ = fs::remove_file(out.join(name));
        }
        if !current.contains(key.as_str()) {
            batch::remove_entry(out, &key);
        }
    }

    let progress = progress_bar(todo as u64, args.quiet);
    // The first output error stops the batch: files not started yet are skipped.
    let abort: std::sync::Mutex<Option<Fatal>> = std::sync::Mutex::new(None);
    let aborted = std::sync::atomic::AtomicBool::new(false);
    // Parquet rows kept in memory until the end of the batch (the rest are read back from
    // their JSONL chunks then), so a large batch's memory stays bounded.
    let held_rows = std::sync::atomic::AtomicUsize::new(0);
    // The largest inputs start first and the workers take the next input as they come free
    // (longest-first scheduling by size on disk): a large file started last would run on
    // alone at the end of the batch while the other workers idle.
    let mut order: Vec<usize> = (0..inputs.len()).collect();
    let sizes: Vec<u64> = inputs
        .iter()
        .map(|p| fs::metadata(p).map_or(0, |m| m.len()))
        .collect();
    order.sort_by_key(|&i| std::cmp::Reverse(sizes.get(i).copied().unwrap_or(0)));
    let jobs: Vec<(usize, Option<Entry>)> = order
        .into_iter()
        .map(|i| (i, reused.get_mut(i).and_then(Option::take)))
        .collect();
    let finished: Vec<(usize, Outcome)> = pool.install(|| {
        jobs.into_iter()
            .par_bridge()
            .filter_map(|(i, reused)| {
                Some((
                    i,
                    inputs.get(i)?,
                    names.get(i)?,
                    keys.get(i)?,
                    reused,
                    options.get(i)?,
                    given.get(i)?,
                ))
            })
            .map(|(i, path, name, key, reused, options, given)| {
                if let Some(e) = reused {
                    return (i, Outcome::Done(Box::new(e), None));
                }
                if aborted.load(std::sync::atomic::Ordering::Relaxed) {
                    return (i, Outcome::Skipped);
                }
                let stamp = batch::stamp(path);
                let res = convert_one(path, &opts, given, timeout);
                let outcome = match res {
                    Err(cause) => Outcome::Failed(cause),
                    Ok(c) => match store(
                        out,
                        fsys,
                        path,
                        name,
                        key,
                        stamp,
                        version,
                        options,
                        c,
                        csv_encoding,
                    ) {
                        Ok((e, rows)) => {
                            let n = rows.len();
                            let held = held_rows.fetch_add(n, std::sync::atomic::Ordering::Relaxed);
                            let part = if held + n <= PARQUET_ROWS_HELD {
                                Some(Part::Rows(rows))
                            } else {
                                held_rows.fetch_sub(n, std::sync::atomic::Ordering::Relaxed);
                                // A value no DECIMAL(38) holds: the end of the batch reads the
                                // rows back and reports it.
                                parquet_out::scales(&rows, parquet_out::OBSERVATION_COLUMNS)
                                    .ok()
                                    .map(Part::Scales)
                            };
                            Outcome::Done(Box::new(e), part)
                        }
                        Err(fatal) => {
                            aborted.store(true, std::sync::atomic::Ordering::Relaxed);
                            if let Ok(mut slot) = abort.lock()
                                && slot.is_none()
                            {
                                *slot = Some(fatal);
                            }
                            Outcome::Skipped
                        }
                    },
                };
                if let Some(pb) = &progress {
                    pb.inc(1);
                }
                (i, outcome)
            })
            .collect()
    });
    // Back in input order.
    let mut outcomes: Vec<Outcome> = inputs.iter().map(|_| Outcome::Skipped).collect();
    for (i, outcome) in finished {
        if let Some(slot) = outcomes.get_mut(i) {
            *slot = outcome;
        }
    }
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }
    if let Some(fatal) = abort.into_inner().ok().flatten() {
        return Err(fatal.into());
    }

    let mut files = Vec::with_capacity(inputs.len());
    let mut failed = 0;
    let mut empty = 0;
    let mut unmappable = 0;
    let mut done: Vec<&str> = Vec::new();
    let mut made_rows: Vec<Option<Part>> = Vec::new();
    // What the tidy files are made of: each document's key and the bytes, version and options
    // its chunks came from, in order (see `tidy_stamp`).
    let mut made_of = String::new();
    for ((path, key), outcome) in inputs.iter().zip(&keys).zip(outcomes.iter_mut()) {
        let file = path.display().to_string();
        match outcome {
            Outcome::Done(e, rows) => {
                done.push(key);
                made_rows.push(rows.take());
                made_of.push_str(&format!("{key} {} {} {}\n", e.sha256, e.version, e.options));
                unmappable += e.unmappable;
                let mut report = e.report.clone();
                report.review_reasons = review(&report, &e.look, args.review_below);
                report.review = !report.review_reasons.is_empty();
                files.push(report);
                if e.report.status == "empty" {
                    empty += 1;
                    if let Some(reason) = &e.report.reason {
                        eprintln!("muniplan: {file}: empty: {reason}");
                    }
                }
            }
            Outcome::Failed(cause) => {
                failed += 1;
                eprintln!("muniplan: {file}: {cause}");
                files.push(FileReport {
                    file,
                    output: None,
                    status: "failed".to_string(),
                    format: None,
                    encoding: None,
                    initiatives: 0,
                    observations: 0,
                    warnings: 0,
                    error: Some(cause.clone()),
                    reason: None,
                    coverage: None,
                    unexplained: 0,
                    review: true,
                    review_reasons: vec!["failed".to_string()],
                });
            }
            Outcome::Skipped => {}
        }
    }
    let summary = Summary {
        files: files.len(),
        converted: files.len() - failed,
        failed,
        empty,
        initiatives: files.iter().map(|f| f.initiatives).sum(),
        observations: files.iter().map(|f| f.observations).sum(),
        warnings: files.iter().map(|f| f.warnings).sum(),
        review: files.iter().filter(|f| f.review).count(),
    };
    let docs = batch::docs_dir(out);
    let report = Report {
        schema_version: muniplan_output::SCHEMA_VERSION,
        files: &files,
        summary,
    };
    let mut report_json = serde_json::to_vec_pretty(&report)?;
    report_json.push(b'\n');
    // Nothing converted and the three batch files are those the last run wrote for exactly
    // these documents: they stay as they are (a nightly rerun does not copy every chunk again).
    made_of.push_str(&pipeline::sha256_hex(&report_json));
    let tidy_id = pipeline::sha256_hex(made_of.as_bytes());
    let stamp_path = docs.with_file_name("tidy");
    if todo == 0 && fs::read_to_string(&stamp_path).ok() == tidy_stamp(out, &tidy_id) {
        return finish(args, &report, todo, failed, n_reused, unmappable, started);
    }
    // The stamp goes before any of the three is replaced: a run killed between the renames
    // leaves none, so the next run writes all three again.
    let _ = fs::remove_file(&stamp_path);
    // The three batch files are staged, then put in place together: a write error leaves the
    // earlier run's three (no observations of this run under that run's report).
    let staged = [
        join_chunks(
            fsys,
            &docs,
            &done,
            "jsonl",
            &[],
            &out.join("observations.jsonl"),
        )?,
        join_chunks(
            fsys,
            &docs,
            &done,
            "csv",
            &muniplan_output::csv_header(csv_encoding),
            &out.join("observations.csv"),
        )?,
        batch::stage(fsys, &out.join("report.json"), &mut |w| {
            w.write_all(&report_json)
        })?,
        stage_parquet(
            fsys,
            &docs,
            &done,
            made_rows,
            &out.join("observations.parquet"),
        )?,
    ];
    for file in staged {
        file.commit()?;
    }
    // A failed input has no document, as in a run into an empty OUT: its earlier one goes now
    // that report.json says it failed (not before, so a run ending on an output error leaves
    // the earlier outputs as they were).
    for ((key, name), outcome) in keys.iter().zip(&names).zip(&outcomes) {
        if matches!(outcome, Outcome::Failed(_)) {
            batch::remove_entry(out, key);
            if is_plain_name(name) {
                let _ = fs::remove_file(out.join(name));
            }
        }
    }
    // Not being able to record the stamp only costs a rewrite next time.
    if let Some(stamp) = tidy_stamp(out, &tidy_id) {
        let _ = batch::write_atomic(fsys, &stamp_path, stamp.as_bytes());
    }
    finish(args, &report, todo, failed, n_reused, unmappable, started)
}

/// The record of the batch files as they stand: what they were made of (`tidy_id`) and the
/// size of each, so that a file edited or replaced since is written again.
fn tidy_stamp(out: &Path, tidy_id: &str) -> Option<String> {
    let mut stamp = tidy_id.to_string();
    for name in [
        "observations.jsonl",
        "observations.csv",
        "report.json",
        "observations.parquet",
    ] {
        let len = fs::metadata(out.join(name)).ok()?.len();
        stamp.push_str(&format!(" {len}"));
    }
    stamp.push('\n');
    Some(stamp)
}

/// The run's closing lines and exit status.
fn finish(
    args: &ConvertArgs,
    report: &Report<'_>,
    todo: usize,
    failed: usize,
    n_reused: usize,
    unmappable: usize,
    started: Instant,
) -> anyhow::Result<ExitCode> {
    if unmappable > 0 {
        eprintln!(
            "muniplan: observations.csv: {unmappable} characters have no CP932 form and were written as `?` (use --csv-encoding utf-8-bom to keep them)"
        );
    }
    tracing::info!(
        "{} files: {} converted now, {} unchanged and reused, {} failed, in {:.2?}",
        report.summary.files,
        todo - failed,
        n_reused,
        failed,
        started.elapsed()
    );
    print_review(report, args.review_below);
    if !args.quiet && std::io::stderr().is_terminal() {
        eprintln!(
            "muniplan: {} converted ({n_reused} of them unchanged since the last run), {} failed, {} observations → {}",
            report.summary.converted,
            report.summary.failed,
            report.summary.observations,
            args.output.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

/// Why a converted document needs a look: no observations, coverage under `below`, or
/// diagnostics whose code asks for a look ([`muniplan_ir::CODES`]), one reason per code with its
/// count. Empty when it does not.
fn review(
    r: &FileReport,
    look: &std::collections::BTreeMap<String, usize>,
    below: f64,
) -> Vec<String> {
    let mut reasons = Vec::new();
    if r.observations == 0 {
        reasons.push("no observations".to_string());
    }
    if let Some(c) = r.coverage.as_ref().and_then(serde_json::Number::as_f64)
        && c < below
    {
        reasons.push(format!(
            "coverage {c} under {below} ({} table cells with digits unexplained)",
            r.unexplained
        ));
    }
    for (what, n) in look {
        let (severity, code) = what.split_once(' ').unwrap_or(("warning", what));
        let plural = if *n == 1 { "" } else { "s" };
        reasons.push(format!("{n} {code} {severity}{plural}"));
    }
    reasons
}

/// The document's diagnostics that flag it for review, counted by `severity code`.
fn look_of(warnings: &[muniplan_output::WarningDto]) -> std::collections::BTreeMap<String, usize> {
    use muniplan_ir::Severity;
    let mut look = std::collections::BTreeMap::new();
    for w in warnings {
        let severity = match w.severity {
            "error" => Severity::Error,
            "warning" => Severity::Warning,
            _ => Severity::Info,
        };
        if muniplan_ir::needs_review(severity, &w.code) {
            *look
                .entry(format!("{} {}", w.severity, w.code))
                .or_insert(0) += 1;
        }
    }
    look
}

/// The closing summary on stderr, also when piped: one line per converted document needing
/// review with its reasons, then the totals.
fn print_review(report: &Report<'_>, below: f64) {
    // A failed file already has its line (naming the cause); the totals count it.
    for f in report
        .files
        .iter()
        .filter(|f| f.review && f.status != "failed")
    {
        eprintln!(
            "muniplan: review: {}: {}",
            f.file,
            f.review_reasons.join("; ")
        );
    }
    let s = &report.summary;
    let covered: Vec<f64> = report
        .files
        .iter()
        .filter_map(|f| f.coverage.as_ref().and_then(serde_json::Number::as_f64))
        .collect();
    let lowest = covered.iter().copied().fold(f64::INFINITY, f64::min);
    let lowest = if covered.is_empty() {
        "n/a".to_string()
    } else {
        format!("{lowest}")
    };
    eprintln!(
        "muniplan: summary: {} files, {} converted, {} failed, {} empty, {} observations, {} need review (coverage under {below}, no observations, diagnostics to look at, or failed), lowest coverage {lowest}",
        s.files, s.converted, s.failed, s.empty, s.observations, s.review
    );
}

/// An output name that stays inside OUT (manifest entries are read back from disk).
fn is_plain_name(name: &str) -> bool {
    !name.is_empty() && !name.contains('/') && !name.contains('\\') && name != "." && name != ".."
}

/// The muniplan version that converts, as recorded in the manifest: the package version and
/// the size and mtime of the executable, so that a rebuilt binary of the same version (a
/// development build, a patched install) converts everything again rather than trusting
/// documents an older build wrote. Copying the binary costs one full run, never a stale one.
fn build_id() -> String {
    let exe = std::env::current_exe()
        .ok()
        .and_then(|p| batch::stamp(&p))
        .map(|(size, mtime)| format!(" (build {size}-{mtime})"))
        .unwrap_or_default();
    format!("{}{exe}", env!("CARGO_PKG_VERSION"))
}

/// The options that change the output bytes. Not `--jobs`, `--timeout-secs` or `--quiet`
/// (a timed-out file fails, and failures are always retried), nor `--password`: every password
/// that opens a PDF gives the same document, one that does not fails it (and is retried), and
/// OUT keeps no trace of it.
fn options_key(args: &ConvertArgs, csv: CsvEncoding) -> String {
    batch::options_key(&[
        ("csv", format!("{csv:?}")),
        ("max_pages", args.max_pages.to_string()),
        ("max_stream_mb", args.max_stream_mb.to_string()),
        ("max_file_mb", args.max_file_mb.to_string()),
        ("max_depth", args.max_depth.to_string()),
        ("max_cells", args.max_cells.to_string()),
        ("max_inflate_mb", args.max_inflate_mb.to_string()),
    ])
}

/// The manifest entry of an input whose outputs OUT holds and can reuse: same version,
/// options and output name, the document and chunks present, and the same bytes (size and
/// mtime first; when only the mtime moved, the sha256 decides). A touched but unchanged file
/// gets its entry's mtime updated.
fn reusable(
    out: &Path,
    path: &Path,
    name: &str,
    key: &str,
    version: &str,
    options: &str,
    fsys: &dyn OutFs,
) -> Option<Entry> {
    let mut e = batch::load_entry(out, key)?;
    if e.version != version
        || e.options != options
        || e.path != path.display().to_string()
        || e.report.output.as_deref() != Some(name)
    {
        return None;
    }
    let docs = batch::docs_dir(out);
    let present = out.join(name).is_file()
        && docs.join(format!("{key}.jsonl")).is_file()
        && docs.join(format!("{key}.csv")).is_file();
    if !present {
        return None;
    }
    let (size, mtime) = batch::stamp(path)?;
    if size != e.size {
        return None;
    }
    if mtime != e.mtime_ns {
        let bytes = fs::read(path).ok()?;
        if pipeline::sha256_hex(&bytes) != e.sha256 {
            return None;
        }
        e.mtime_ns = mtime;
        // Not being able to record the new mtime only costs a hash next time.
        if let Ok(json) = serde_json::to_vec(&e) {
            let _ = batch::write_atomic(fsys, &docs.join(format!("{key}.json")), &json);
        }
    }
    Some(e)
}

/// Write a converted input's document, its chunks and, last, its manifest entry.
#[allow(clippy::too_many_arguments)]
fn store(
    out: &Path,
    fsys: &dyn OutFs,
    path: &Path,
    name: &str,
    key: &str,
    stamp: Option<(u64, u64)>,
    version: &str,
    options: &str,
    c: Converted,
    encoding: CsvEncoding,
) -> Result<(Entry, Vec<parquet_out::Row>), Fatal> {
    let docs = batch::docs_dir(out);
    // The entry goes first so that from here until the new one is written OUT holds no entry
    // that could vouch for a half-replaced document.
    batch::remove_entry(out, key);
    batch::write_atomic(fsys, &out.join(name), &c.json)?;
    let jsonl = muniplan_output::observations_jsonl(&c.records);
    let (csv, unmappable) = muniplan_output::csv_rows(&c.records, encoding);
    batch::write_atomic(fsys, &docs.join(format!("{key}.jsonl")), &jsonl)?;
    batch::write_atomic(fsys, &docs.join(format!("{key}.csv")), &csv)?;
    let (size, mtime_ns) = stamp.unwrap_or((0, 0));
    // Values were seen and none became an observation: say so, never plain ok.
    let reason = (c.records.is_empty() && c.n_values_seen > 0).then(|| {
        format!(
            "{} table cells hold numbers but no observation was recognized",
            c.n_values_seen
        )
    });
    let entry = Entry {
        path: path.display().to_string(),
        size,
        mtime_ns,
        sha256: c.sha256,
        version: version.to_string(),
        options: options.to_string(),
        unmappable,
        look: c.look,
        report: FileReport {
            file: path.display().to_string(),
            output: Some(name.to_string()),
            status: if reason.is_some() { "empty" } else { "ok" }.to_string(),
            format: c.layout_format.map(str::to_string),
            encoding: c.encoding,
            initiatives: c.n_initiatives,
            observations: c.records.len(),
            warnings: c.n_warnings,
            error: None,
            reason,
            coverage: Some(c.coverage),
            unexplained: c.n_unexplained,
            review: false,
            review_reasons: Vec::new(),
        },
    };
    let json = serde_json::to_vec(&entry).map_err(|e| Fatal::write(&docs, e.into()))?;
    batch::write_atomic(fsys, &docs.join(format!("{key}.json")), &json)?;
    // The batch's Parquet rows, made here on the worker rather than by reading the chunk back
    // at the end of the batch.
    Ok((entry, parquet_out::rows_of_records(&c.records)))
}

/// Stack of a file's worker thread: deep but bounded recursion in a reader must not overflow
/// (only the pages actually touched are committed).
const WORKER_STACK: usize = 256 << 20;

/// Read, recognize and write one file. The error is a one-line cause (the caller names the file).
///
/// The reading runs on a thread of its own and the caller waits at most `timeout` for it. Rust
/// threads cannot be killed, so a file that times out is reported as failed and its thread is
/// left running (detached) until it ends by itself or the process exits at the end of the
/// batch; it never writes anything, because the output is written here, by the waiting side,
/// only for a result that arrived in time. The readers' limits (decoded bytes, pages, cells,
/// nesting) bound what such a thread can still consume.
fn convert_one(
    path: &Path,
    opts: &Arc<pipeline::Options>,
    given: &Given,
    timeout: Option<Duration>,
) -> Result<Converted, String> {
    let (tx, rx) = mpsc::channel();
    let worker_path = path.to_path_buf();
    let worker_opts = Arc::clone(opts);
    let worker_given = given.clone();
    let handle = std::thread::Builder::new()
        .name("muniplan-file".to_string())
        .stack_size(WORKER_STACK)
        .spawn(move || {
            // The receiver may be gone (timed out): nothing to do then.
            let _ = tx.send(convert_guarded(&worker_path, &worker_opts, &worker_given));
        })
        .map_err(|e| format!("cannot start a worker thread: {e}"))?;
    let received = match timeout {
        Some(t) => rx.recv_timeout(t).map_err(|e| match e {
            mpsc::RecvTimeoutError::Timeout => format!("timed out after {} s", t.as_secs()),
            mpsc::RecvTimeoutError::Disconnected => {
                "internal error (a bug, please report it): the worker ended without a result"
                    .to_string()
            }
        }),
        None => rx.recv().map_err(|_| {
            "internal error (a bug, please report it): the worker ended without a result"
                .to_string()
        }),
    };
    let converted = received??;
    // The worker has sent its result and is ending; joining only reclaims the thread.
    let _ = handle.join();
    Ok(converted)
}

/// Read and recognize one file, with a panic turned into a one-line error.
fn convert_guarded(
    path: &Path,
    opts: &pipeline::Options,
    given: &Given,
) -> Result<Converted, String> {
    // Defence in depth: a panic is a bug, but it must not take the batch down with it.
    let res = std::panic::catch_unwind(|| {
        let bytes = fs::read(path).map_err(|e| format!("cannot read: {}", io_cause(&e)))?;
        let file_name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let layout: LayoutDoc = pipeline::read(&bytes, &file_name, opts)?;
        let rec = muniplan_recognize::recognize(&layout);
        let sha = pipeline::sha256_hex(&bytes);
        let (doc, records) = muniplan_output::build_with(&file_name, &sha, &layout, &rec, given);
        Ok::<_, String>(Converted {
            layout_format: layout.source.format.map(|f| f.as_str()),
            encoding: layout.source.encoding.clone(),
            json: muniplan_output::document_json(&doc),
            n_initiatives: doc.initiatives.len(),
            n_warnings: doc.warnings.len(),
            sha256: sha,
            n_values_seen: rec.values_seen,
            look: look_of(&doc.warnings),
            coverage: doc.coverage.clone(),
            n_unexplained: doc.unexplained.len(),
            records,
        })
    });
    match res {
        Ok(r) => r,
        Err(panic) => {
            let msg = panic
                .downcast_ref::<&str>()
                .map(|s| s.to_string())
                .or_else(|| panic.downcast_ref::<String>().cloned())
                .unwrap_or_default();
            Err(format!("internal error (a bug, please report it): {msg}"))
        }
    }
}

fn io_cause(e: &std::io::Error) -> String {
    match e.kind() {
        std::io::ErrorKind::NotFound => "no such file".to_string(),
        std::io::ErrorKind::PermissionDenied => "permission denied".to_string(),
        std::io::ErrorKind::IsADirectory => "is a folder".to_string(),
        _ => e.to_string(),
    }
}

/// Join the chunks of the converted files, in input order, behind `head`, into `dest`'s
/// temporary file.
fn join_chunks(
    fsys: &dyn OutFs,
    docs: &Path,
    done: &[&str],
    ext: &str,
    head: &[u8],
    dest: &Path,
) -> Result<batch::Staged, Fatal> {
    batch::stage(fsys, dest, &mut |w| {
        w.write_all(head)?;
        // One read and one write per chunk: `io::copy` into the `dyn Write` went by 8 KiB
        // buffers, two system calls for each.
        for key in done {
            let chunk = fs::read(docs.join(format!("{key}.{ext}")))?;
            w.write_all(&chunk)?;
        }
        Ok(())
    })
}

/// The most Parquet rows a batch keeps in memory from its workers until the end; a file whose
/// rows would pass it has them read back from its JSONL chunk instead (the 2× peak-memory bar
/// of BENCHMARKS.md: 1,000 files against 10).
const PARQUET_ROWS_HELD: usize = 2048;

/// `observations.parquet` from the converted files' rows, in input order, into `dest`'s
/// temporary file, a row group at a time: the rows of a document converted in this run as it
/// made them while the batch held them, the others (reused documents, rows past
/// [`PARQUET_ROWS_HELD`]) read from their JSONL chunks (the chunks are the batch's record
/// across runs; the two give the same rows). The decimal scales are the file's, so a first pass
/// finds them (carried from the workers; a reused document's read from its chunk, so read
/// twice, one file at a time).
fn stage_parquet(
    fsys: &dyn OutFs,
    docs: &Path,
    done: &[&str],
    made: Vec<Option<Part>>,
    dest: &Path,
) -> Result<batch::Staged, Fatal> {
    let columns = parquet_out::OBSERVATION_COLUMNS;
    let fail = |e: String| Fatal::write(dest, std::io::Error::other(e));
    let read_back = |key: &str| -> Result<Vec<parquet_out::Row>, Fatal> {
        let path = docs.join(format!("{key}.jsonl"));
        let jsonl = fs::read(&path).map_err(|e| Fatal::write(&path, e))?;
        Ok(parquet_out::rows_of_jsonl(&jsonl))
    };
    let mut scales = Vec::new();
    for (i, key) in done.iter().enumerate() {
        let file_scales = match made.get(i) {
            Some(Some(Part::Rows(rows))) => parquet_out::scales(rows, columns),
            Some(Some(Part::Scales(scales))) => Ok(scales.clone()),
            _ => parquet_out::scales(&read_back(key)?, columns),
        };
        parquet_out::widen(&mut scales, &file_scales.map_err(fail)?);
    }
    let mut made = made.into_iter();
    batch::stage(fsys, dest, &mut |w| {
        let mut writer = parquet_out::Writer::new(w, columns, scales.clone())?;
        let mut group: Vec<parquet_out::Row> = Vec::new();
        let mut groups = 0;
        for key in done {
            let mut rows = match made.next() {
                Some(Some(Part::Rows(rows))) => rows,
                _ => read_back(key).map_err(|e| std::io::Error::other(e.to_string()))?,
            };
            group.append(&mut rows);
            while group.len() >= parquet_out::ROW_GROUP {
                let rest = group.split_off(parquet_out::ROW_GROUP);
                writer.group(&group)?;
                groups += 1;
                group = rest;
            }
        }
        if !group.is_empty() || groups == 0 {
            writer.group(&group)?;
        }
        writer.finish()
    })
}

/// Expand the command line into a sorted-by-appearance, de-duplicated list of files.
fn collect_inputs(args: &[String]) -> anyhow::Result<Vec<PathBuf>> {
    let mut out = Vec::new();
    for arg in args {
        if let Some(list) = arg.strip_prefix('@') {
            let text = fs::read_to_string(list)
                .with_context(|| format!("cannot read input list {list}"))?;
            for line in text.lines() {
                let line = line.trim();
                if line.is_empty() || line.starts_with('#') {
                    continue;
                }
                push_input(Path::new(line), &mut out)?;
            }
        } else {
            push_input(Path::new(arg), &mut out)?;
        }
    }
    let mut seen = std::collections::HashSet::new();
    out.retain(|p| seen.insert(p.clone()));
    Ok(out)
}

fn push_input(path: &Path, out: &mut Vec<PathBuf>) -> anyhow::Result<()> {
    if path.is_dir() {
        walk(path, out, 0).with_context(|| format!("cannot list folder {}", path.display()))
    } else {
        // Named files are always attempted, whatever their extension; a missing one is
        // reported as a failed file, not a usage error, so the batch still runs.
        out.push(path.to_path_buf());
        Ok(())
    }
}

fn walk(dir: &Path, out: &mut Vec<PathBuf>, depth: usize) -> std::io::Result<()> {
    if depth > 64 {
        return Ok(());
    }
    let mut entries: Vec<PathBuf> = fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| {
            !p.file_name()
                .is_some_and(|n| n.to_string_lossy().starts_with('.'))
        })
        .collect();
    entries.sort();
    for path in entries {
        if path.is_dir() {
            walk(&path, out, depth + 1)?;
        } else if path
            .extension()
            .map(|e| e.to_string_lossy().to_ascii_lowercase())
            .is_some_and(|e| EXTENSIONS.contains(&e.as_str()))
        {
            out.push(path);
        }
    }
    Ok(())
}

/// `<stem>.json` per input; inputs sharing a stem get `<file name>.json`, and any name still
/// shared gets `-2`, `-3` … in input order.
fn output_names(inputs: &[PathBuf]) -> Vec<String> {
    let stem = |p: &PathBuf| {
        p.file_stem()
            .map(|s| s.to_string_lossy().into_owned())
            .unwrap_or_else(|| "input".to_string())
    };
    let mut stem_count: HashMap<String, usize> = HashMap::new();
    for p in inputs {
        *stem_count.entry(stem(p)).or_default() += 1;
    }
    let mut used: HashMap<String, usize> = HashMap::new();
    inputs
        .iter()
        .map(|p| {
            let s = stem(p);
            let base = if stem_count.get(&s).copied().unwrap_or(0) > 1 {
                p.file_name()
                    .map(|n| n.to_string_lossy().into_owned())
                    .unwrap_or(s)
            } else {
                s
            };
            let n = used.entry(base.clone()).or_default();
            *n += 1;
            if *n == 1 {
                format!("{base}.json")
            } else {
                format!("{base}-{n}.json")
            }
        })
        .collect()
}

fn progress_bar(len: u64, quiet: bool) -> Option<indicatif::ProgressBar> {
    if quiet || !std::io::stderr().is_terminal() {
        return None;
    }
    let pb = indicatif::ProgressBar::new(len);
    if let Ok(style) = indicatif::ProgressStyle::with_template(
        "{spinner} [{elapsed_precise}] {bar:40} {pos}/{len} files",
    ) {
        pb.set_style(style);
    }
    Some(pb)
}

#[cfg(test)]
mod tests {
    use super::*;
    use clap::Parser;
    use std::sync::atomic::{AtomicUsize, Ordering};

    #[derive(Parser)]
    struct Cli {
        #[command(flatten)]
        args: ConvertArgs,
    }

    fn args(inputs: &Path, out: &Path) -> ConvertArgs {
        let cli = Cli::try_parse_from([
            "convert".as_ref(),
            inputs.as_os_str(),
            "-o".as_ref(),
            out.as_os_str(),
            "--quiet".as_ref(),
        ]);
        match cli {
            Ok(c) => c.args,
            Err(e) => panic!("{e}"),
        }
    }

    /// A disk that fills up: every file created after the first `room` ones fails with
    /// ENOSPC once a few bytes are written (so a temporary file exists when it fails).
    struct FullDisk {
        room: usize,
        created: AtomicUsize,
    }

    struct Failing<W>(W, usize);

    impl<W: std::io::Write> std::io::Write for Failing<W> {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            if self.1 + buf.len() > 8 {
                return Err(std::io::Error::from_raw_os_error(28));
            }
            self.1 += buf.len();
            self.0.write(buf)
        }
        fn flush(&mut self) -> std::io::Result<()> {
            self.0.flush()
        }
    }

    impl OutFs for FullDisk {
        fn create(&self, path: &Path) -> std::io::Result<Box<dyn std::io::Write + '_>> {
            let file = fs::File::create(path)?;
            if self.created.fetch_add(1, Ordering::SeqCst) < self.room {
                Ok(Box::new(file))
            } else {
                Ok(Box::new(Failing(file, 0)))
            }
        }
    }

    /// `run_with`, with the default panic hook back afterwards (the run silences panics,
    /// which would hide this test's own assertion messages).
    fn go(args: ConvertArgs, fsys: &dyn OutFs) -> anyhow::Result<ExitCode> {
        let res = run_with(args, fsys);
        let _ = std::panic::take_hook();
        res
    }

    fn outputs(dir: &Path) -> Vec<(String, Vec<u8>)> {
        let mut v: Vec<(String, Vec<u8>)> = fs::read_dir(dir)
            .into_iter()
            .flatten()
            .flatten()
            .filter(|e| e.path().is_file())
            .map(|e| {
                let bytes = fs::read(e.path()).unwrap_or_default();
                (e.file_name().to_string_lossy().into_owned(), bytes)
            })
            .collect();
        v.sort();
        v
    }

    fn temporaries(dir: &Path) -> Vec<String> {
        let mut found = Vec::new();
        for d in [
            dir.to_path_buf(),
            dir.join(".muniplan"),
            dir.join(".muniplan/docs"),
        ] {
            for e in fs::read_dir(d).into_iter().flatten().flatten() {
                let n = e.file_name().to_string_lossy().into_owned();
                if n.ends_with(".tmp") {
                    found.push(n);
                }
            }
        }
        found
    }

    /// A write error at any point of a run (document, chunk, entry, tidy file, report) ends it
    /// with a write error naming a path in OUT, leaves the earlier run's tidy files and
    /// documents as they were and no temporary file; the next run completes, as a run into
    /// an empty folder.
    #[test]
    fn injected_full_disk_at_every_write() {
        let root = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../fixtures");
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let src = tmp.path().join("in");
        fs::create_dir_all(&src).unwrap_or_else(|e| panic!("{e}"));
        for (i, rel) in [
            "minamialps/minamialps_mokuhyo_cp932.csv",
            "atsugi/atsugi_torikumi_kekka.xlsx",
            "other/other_torikumi_ichiran.xlsx",
        ]
        .iter()
        .enumerate()
        {
            let name = format!("d{i}.{}", rel.rsplit('.').next().unwrap_or("x"));
            fs::copy(root.join(rel), src.join(name)).unwrap_or_else(|e| panic!("{e}"));
        }
        let fresh = tmp.path().join("fresh");
        assert!(go(args(&src, &fresh), &batch::RealFs).is_ok());
        // 3 inputs × (document, 2 chunks, entry) + 2 tidy files + report + parquet = 16 writes.
        for room in 0..16 {
            let out = tmp.path().join(format!("out{room}"));
            let old = src.join("d1.xlsx");
            let only_old = tmp.path().join(format!("old{room}"));
            fs::create_dir_all(&only_old).unwrap_or_else(|e| panic!("{e}"));
            fs::copy(&old, only_old.join("d1.xlsx")).unwrap_or_else(|e| panic!("{e}"));
            assert!(go(args(&only_old, &out), &batch::RealFs).is_ok());
            let before = outputs(&out);
            let disk = FullDisk {
                room,
                created: AtomicUsize::new(0),
            };
            let err = match go(args(&src, &out), &disk) {
                Ok(_) => panic!("room for {room} files: the run did not fail"),
                Err(e) => e,
            };
            match err.downcast_ref::<Fatal>() {
                Some(f @ Fatal::Write { path, cause }) => {
                    assert_eq!(f.code(), batch::EXIT_WRITE);
                    assert!(path.starts_with(&out), "{}", path.display());
                    assert_eq!(cause.kind(), std::io::ErrorKind::StorageFull);
                }
                other => panic!("room {room}: {other:?}"),
            }
            assert_eq!(temporaries(&out), Vec::<String>::new(), "room {room}");
            let after = outputs(&out);
            for name in [
                "observations.jsonl",
                "observations.csv",
                "report.json",
                "observations.parquet",
                "d1.json",
            ] {
                let b = before.iter().find(|(n, _)| n == name);
                let a = after.iter().find(|(n, _)| n == name);
                if name == "d1.json" {
                    // Replaced only by a whole new document (here the same bytes).
                    assert_eq!(a.map(|x| &x.1), b.map(|x| &x.1), "room {room}: {name}");
                } else {
                    assert!(a == b, "room {room}: {name} changed");
                }
            }
            assert!(go(args(&src, &out), &batch::RealFs).is_ok());
            assert_eq!(outputs(&out), outputs(&fresh), "room {room}: resumed run");
        }
    }

    #[test]
    fn output_names_disambiguate() {
        let inputs: Vec<PathBuf> = ["a/x.xlsx", "a/x.csv", "b/x.csv", "a/y.pdf"]
            .iter()
            .map(PathBuf::from)
            .collect();
        assert_eq!(
            output_names(&inputs),
            ["x.xlsx.json", "x.csv.json", "x.csv-2.json", "y.json"]
        );
    }
}
