//! `muniplan convert`: a batch of files to per-document JSON, observations JSONL/CSV and a report.
//!
//! Files run in parallel; each file's outcome is independent (one bad file is reported and the
//! rest convert). Every output is written atomically (temporary file, then rename), so a
//! reader of OUT never sees a partial file. Results are collected in input order, so the
//! output bytes do not depend on the thread count. Each file has a time limit
//! (`--timeout-secs`) and the readers' resource limits (`--max-*` flags); see [`convert_one`].

use std::collections::HashMap;
use std::fs;
use std::io::IsTerminal;
use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::sync::{Arc, mpsc};
use std::time::{Duration, Instant};

use anyhow::{Context, bail};
use muniplan_ir::LayoutDoc;
use muniplan_output::{CsvEncoding, ObservationRecord};
use rayon::prelude::*;
use serde::Serialize;

use crate::pipeline;

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

/// One line of report.json.
#[derive(Serialize)]
struct FileReport {
    file: String,
    output: Option<String>,
    status: &'static str,
    format: Option<&'static str>,
    encoding: Option<String>,
    initiatives: usize,
    observations: usize,
    warnings: usize,
    error: Option<String>,
    /// Why the status is `empty`.
    reason: Option<String>,
}

#[derive(Serialize)]
struct Report {
    schema_version: &'static str,
    files: Vec<FileReport>,
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
}

struct Converted {
    layout_format: Option<&'static str>,
    encoding: Option<String>,
    json: Vec<u8>,
    records: Vec<ObservationRecord>,
    /// Observation records, counted before they were written to the batch chunks and dropped.
    n_records: usize,
    /// Characters of those records that the CSV encoding could not represent.
    n_unmappable: usize,
    n_initiatives: usize,
    n_warnings: usize,
    /// Table cells holding numbers that the reader saw.
    n_values_seen: usize,
}

/// Run `muniplan convert`.
pub fn run(args: ConvertArgs) -> anyhow::Result<ExitCode> {
    let started = Instant::now();
    // Panics are caught per file (ours, as a last line of defence, and a parser's inside the
    // sheet reader) and reported as that file's one-line error; the default hook would add a
    // second, unasked-for line on stderr. The message stays visible with -vv.
    std::panic::set_hook(Box::new(|info| tracing::debug!("caught panic: {info}")));
    let inputs = collect_inputs(&args.inputs)?;
    if inputs.is_empty() {
        bail!("no input files found in {}", args.inputs.join(" "));
    }
    fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create output folder {}", args.output.display()))?;
    let names = output_names(&inputs);
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(args.jobs.unwrap_or(0))
        .build()
        .context("cannot start worker threads")?;
    let progress = progress_bar(inputs.len() as u64, args.quiet);
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
    let out = &args.output;
    // Each file's observation records go to a chunk of their own as soon as the file is done,
    // and are dropped: a batch holds only the files in flight, however many it has. The
    // chunks are joined in input order at the end, so the bytes do not depend on the threads.
    let chunks = out.join(format!(".muniplan-batch.{}", std::process::id()));
    fs::create_dir_all(&chunks).with_context(|| format!("cannot create {}", chunks.display()))?;
    let results: Vec<Result<Converted, String>> = pool.install(|| {
        inputs
            .par_iter()
            .zip(names.par_iter())
            .enumerate()
            .map(|(idx, (path, name))| {
                let res = convert_one(path, name, &args.output, &opts, timeout).and_then(|c| {
                    write_chunks(&chunks, idx, c, csv_encoding).inspect_err(|_| {
                        let _ = fs::remove_file(out.join(name));
                    })
                });
                if let Some(pb) = &progress {
                    pb.inc(1);
                }
                res
            })
            .collect()
    });
    if let Some(pb) = &progress {
        pb.finish_and_clear();
    }

    let mut files = Vec::new();
    let mut failed = 0;
    let mut empty = 0;
    let mut unmappable = 0;
    let mut done: Vec<usize> = Vec::new();
    for (idx, ((path, name), res)) in inputs.iter().zip(&names).zip(&results).enumerate() {
        let file = path.display().to_string();
        match res {
            Ok(c) => {
                done.push(idx);
                unmappable += c.n_unmappable;
                // Values were seen and none became an observation: say so, never plain ok.
                let reason = (c.n_records == 0 && c.n_values_seen > 0).then(|| {
                    format!(
                        "{} table cells hold numbers but no observation was recognized",
                        c.n_values_seen
                    )
                });
                if let Some(reason) = &reason {
                    empty += 1;
                    eprintln!("muniplan: {file}: empty: {reason}");
                }
                files.push(FileReport {
                    file,
                    output: Some(name.clone()),
                    status: if reason.is_some() { "empty" } else { "ok" },
                    format: c.layout_format,
                    encoding: c.encoding.clone(),
                    initiatives: c.n_initiatives,
                    observations: c.n_records,
                    warnings: c.n_warnings,
                    error: None,
                    reason,
                });
            }
            Err(cause) => {
                failed += 1;
                eprintln!("muniplan: {file}: {cause}");
                files.push(FileReport {
                    file,
                    output: None,
                    status: "failed",
                    format: None,
                    encoding: None,
                    initiatives: 0,
                    observations: 0,
                    warnings: 0,
                    error: Some(cause.clone()),
                    reason: None,
                });
            }
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
    };
    join_chunks(
        &chunks,
        &done,
        "jsonl",
        &[],
        &out.join("observations.jsonl"),
    )?;
    join_chunks(
        &chunks,
        &done,
        "csv",
        &muniplan_output::csv_header(csv_encoding),
        &out.join("observations.csv"),
    )?;
    let _ = fs::remove_dir_all(&chunks);
    if unmappable > 0 {
        eprintln!(
            "muniplan: observations.csv: {unmappable} characters have no CP932 form and were written as `?` (use --csv-encoding utf-8-bom to keep them)"
        );
    }
    let report = Report {
        schema_version: muniplan_output::SCHEMA_VERSION,
        files,
        summary,
    };
    let mut report_json = serde_json::to_vec_pretty(&report)?;
    report_json.push(b'\n');
    write_atomic(&out.join("report.json"), &report_json)?;
    tracing::info!(
        "converted {} of {} files in {:.2?}",
        report.summary.converted,
        report.summary.files,
        started.elapsed()
    );
    if !args.quiet && std::io::stderr().is_terminal() {
        eprintln!(
            "muniplan: {} converted, {} failed, {} observations → {}",
            report.summary.converted,
            report.summary.failed,
            report.summary.observations,
            out.display()
        );
    }
    Ok(if failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
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
    out_name: &str,
    out_dir: &Path,
    opts: &Arc<pipeline::Options>,
    timeout: Option<Duration>,
) -> Result<Converted, String> {
    let (tx, rx) = mpsc::channel();
    let worker_path = path.to_path_buf();
    let worker_opts = Arc::clone(opts);
    let handle = std::thread::Builder::new()
        .name("muniplan-file".to_string())
        .stack_size(WORKER_STACK)
        .spawn(move || {
            // The receiver may be gone (timed out): nothing to do then.
            let _ = tx.send(convert_guarded(&worker_path, &worker_opts));
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
    let mut converted = received??;
    // The worker has sent its result and is ending; joining only reclaims the thread.
    let _ = handle.join();
    write_atomic(&out_dir.join(out_name), &converted.json)
        .map_err(|e| format!("cannot write output: {e:#}"))?;
    // The document is on disk: a batch of thousands of files must not hold them all in memory.
    converted.json = Vec::new();
    Ok(converted)
}

/// Read and recognize one file, with a panic turned into a one-line error.
fn convert_guarded(path: &Path, opts: &pipeline::Options) -> Result<Converted, String> {
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
        let (doc, records) = muniplan_output::build(&file_name, &sha, &layout, &rec);
        Ok::<_, String>(Converted {
            layout_format: layout.source.format.map(|f| f.as_str()),
            encoding: layout.source.encoding.clone(),
            json: muniplan_output::document_json(&doc),
            n_initiatives: doc.initiatives.len(),
            n_warnings: doc.warnings.len(),
            n_values_seen: rec.values_seen,
            n_records: 0,
            n_unmappable: 0,
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

/// Write one file's observation records as its JSONL and CSV chunks, then drop them.
fn write_chunks(
    chunks: &Path,
    idx: usize,
    mut c: Converted,
    encoding: CsvEncoding,
) -> Result<Converted, String> {
    let jsonl = muniplan_output::observations_jsonl(&c.records);
    let (csv, unmappable) = muniplan_output::csv_rows(&c.records, encoding);
    fs::write(chunks.join(format!("{idx}.jsonl")), jsonl)
        .and_then(|()| fs::write(chunks.join(format!("{idx}.csv")), csv))
        .map_err(|e| format!("cannot write output: {e}"))?;
    c.n_records = c.records.len();
    c.n_unmappable = unmappable;
    c.records = Vec::new();
    Ok(c)
}

/// Join the chunks of the converted files, in input order, behind `head`, into `dest` (through
/// a temporary file and a rename, like every output).
fn join_chunks(
    chunks: &Path,
    done: &[usize],
    ext: &str,
    head: &[u8],
    dest: &Path,
) -> anyhow::Result<()> {
    use std::io::Write;
    let dir = dest.parent().unwrap_or(Path::new("."));
    let name = dest
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    let write = || -> std::io::Result<()> {
        let mut w = std::io::BufWriter::new(fs::File::create(&tmp)?);
        w.write_all(head)?;
        for idx in done {
            let mut chunk = fs::File::open(chunks.join(format!("{idx}.{ext}")))?;
            std::io::copy(&mut chunk, &mut w)?;
        }
        w.flush()
    };
    write().with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, dest).with_context(|| {
        let _ = fs::remove_file(&tmp);
        format!("cannot move {} into place", dest.display())
    })
}

/// Write `bytes` to `path` through a temporary file in the same folder and a rename.
fn write_atomic(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let tmp = dir.join(format!(".{name}.{}.tmp", std::process::id()));
    fs::write(&tmp, bytes).with_context(|| format!("cannot write {}", tmp.display()))?;
    fs::rename(&tmp, path).with_context(|| {
        let _ = fs::remove_file(&tmp);
        format!("cannot move {} into place", path.display())
    })?;
    Ok(())
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
