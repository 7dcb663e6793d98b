//! `tests/bad-inputs/`: every hostile or broken file through ONE `convert` batch, next to good
//! files. The expected one-line errors are read from the table in `tests/bad-inputs/README.md`
//! (one source of truth), so a new corpus file needs only a README row.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::time::{Duration, Instant};

use serde_json::Value;

use crate::common::{convert, fixture, out_names, root};

/// Good files converted in the same batch.
const GOOD: &[&str] = &[
    "minamialps/minamialps_jisshikeikaku.xlsx",
    "pdf/producers/libreoffice-calc-nomi-items.pdf",
];

/// The per-file time limit given to the batch; every bad file must fail well before it.
const TIMEOUT_SECS: u64 = 60;

fn corpus() -> PathBuf {
    root().join("tests/bad-inputs")
}

/// What the README says a corpus file does.
#[derive(Debug)]
enum Expect {
    /// Fails with an error containing this text.
    Fails(String),
    /// Converts; its document carries a warning containing this text (`None`: no warning).
    Converts(Option<String>),
}

/// `file name → expectation` from the README tables: rows `| \`name\` | what | \`text\` |`
/// under a header `| file | what it is | expected error |` or `… | expected warning |`.
fn expected() -> BTreeMap<String, Expect> {
    let readme = fs::read_to_string(corpus().join("README.md")).unwrap();
    let mut out = BTreeMap::new();
    let mut fails = true;
    for line in readme.lines() {
        let cells: Vec<&str> = line.split('|').map(str::trim).collect();
        if cells.len() < 4 {
            continue;
        }
        let last = cells[cells.len() - 2];
        if cells[1] == "file" {
            fails = last == "expected error";
            continue;
        }
        if !cells[1].starts_with('`') {
            continue;
        }
        let name = cells[1].trim_matches('`').to_string();
        let text = last.trim_matches('`').to_string();
        assert!(!text.is_empty(), "README row for {name} has no expectation");
        let e = if fails {
            Expect::Fails(text)
        } else {
            Expect::Converts((text != "-").then_some(text))
        };
        assert!(out.insert(name.clone(), e).is_none(), "{name} listed twice");
    }
    out
}

/// Every corpus file (not the README or the generator).
fn corpus_files() -> Vec<String> {
    let mut names: Vec<String> = fs::read_dir(corpus())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != "README.md" && n != "make.py" && !n.starts_with('.'))
        .collect();
    names.sort();
    names
}

#[test]
fn readme_lists_every_corpus_file_and_files_are_small() {
    let expected = expected();
    let files = corpus_files();
    assert_eq!(
        files,
        expected.keys().cloned().collect::<Vec<_>>(),
        "tests/bad-inputs/README.md table and folder differ"
    );
    for f in &files {
        let len = fs::metadata(corpus().join(f)).unwrap().len();
        assert!(
            len <= 200 * 1024,
            "{f} is {len} bytes (keep corpus files ≤ 200 KB)"
        );
    }
}

#[test]
fn all_bad_inputs_in_one_batch_next_to_good_files() {
    let expected = expected();
    let bad: Vec<PathBuf> = corpus_files().iter().map(|n| corpus().join(n)).collect();
    let failing: Vec<&PathBuf> = bad
        .iter()
        .filter(|b| {
            let name = b.file_name().unwrap().to_string_lossy();
            matches!(expected.get(name.as_ref()), Some(Expect::Fails(_)))
        })
        .collect();
    assert!(bad.len() >= 15, "corpus has {} files", bad.len());
    let goods: Vec<PathBuf> = GOOD.iter().map(|g| fixture(g)).collect();

    // Each good file alone, for the byte comparison.
    let mut alone: BTreeMap<String, Vec<u8>> = BTreeMap::new();
    for g in &goods {
        let out = tempfile::tempdir().unwrap();
        let res = convert(&[g], out.path(), &[]);
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
        let name = format!("{}.json", g.file_stem().unwrap().to_string_lossy());
        alone.insert(name.clone(), fs::read(out.path().join(&name)).unwrap());
    }

    // One batch: good files first and last, bad ones in between.
    let out = tempfile::tempdir().unwrap();
    let mut inputs: Vec<&Path> = vec![goods[0].as_path()];
    inputs.extend(bad.iter().map(PathBuf::as_path));
    inputs.extend(goods[1..].iter().map(PathBuf::as_path));
    let timeout = TIMEOUT_SECS.to_string();
    let started = Instant::now();
    let res = convert(&inputs, out.path(), &["--timeout-secs", &timeout]);
    let elapsed = started.elapsed();
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert_eq!(res.status.code(), Some(1), "stderr:\n{stderr}");
    assert!(
        elapsed < Duration::from_secs(TIMEOUT_SECS),
        "batch took {elapsed:?} (limit per file {TIMEOUT_SECS} s)"
    );
    assert!(
        !stderr.contains("internal error") && !stderr.contains("panicked"),
        "a panic was caught (a bug):\n{stderr}"
    );

    // Exactly one stderr line per failing file, naming it, and nothing else.
    let lines: Vec<&str> = crate::common::file_lines(&stderr);
    assert_eq!(
        lines.len(),
        failing.len(),
        "one line per failing file:\n{stderr}"
    );
    for b in &failing {
        let shown = b.display().to_string();
        let n = lines
            .iter()
            .filter(|l| l.contains(&format!("{shown}:")))
            .count();
        assert_eq!(n, 1, "{shown} named {n} times on stderr:\n{stderr}");
    }

    // report.json: the bad files failed with their expected error, the good ones converted.
    let report: Value =
        serde_json::from_slice(&fs::read(out.path().join("report.json")).unwrap()).unwrap();
    let files = report["files"].as_array().unwrap();
    assert_eq!(files.len(), bad.len() + goods.len());
    let mut mismatches = Vec::new();
    let mut converted_bad = Vec::new();
    for f in files {
        let path = f["file"].as_str().unwrap();
        let name = Path::new(path).file_name().unwrap().to_string_lossy();
        let err = f["error"].as_str().unwrap_or("");
        assert!(!err.contains("timed out"), "{name}: {err}");
        match expected.get(name.as_ref()) {
            Some(Expect::Fails(want)) => {
                if f["status"] != "failed" || !err.contains(want.as_str()) || err.contains('\n') {
                    mismatches.push(format!(
                        "{name}: status {} error {err:?}, expected {want:?}",
                        f["status"]
                    ));
                }
            }
            Some(Expect::Converts(want)) => {
                let output = f["output"].as_str().unwrap_or("");
                if f["status"] != "ok" {
                    mismatches.push(format!("{name}: {f}, expected to convert"));
                    continue;
                }
                converted_bad.push(output.to_string());
                let doc: Value =
                    serde_json::from_slice(&fs::read(out.path().join(output)).unwrap()).unwrap();
                let warnings = doc["warnings"].as_array().unwrap();
                let found = match want {
                    Some(w) => warnings
                        .iter()
                        .any(|d| d["message"].as_str().unwrap_or("").contains(w.as_str())),
                    None => warnings.is_empty(),
                };
                if !found {
                    mismatches.push(format!("{name}: warnings {warnings:?}, expected {want:?}"));
                }
            }
            None => assert_eq!(f["status"], "ok", "{f}"),
        }
    }
    assert!(mismatches.is_empty(), "{}", mismatches.join("\n"));
    assert_eq!(
        report["summary"]["failed"].as_u64(),
        Some(failing.len() as u64)
    );

    // OUT holds the good documents (same bytes as alone), those of the bad files that convert,
    // and the batch files: no partial documents for failing files and no temporaries.
    let names = out_names(out.path());
    let mut want: Vec<String> = alone.keys().cloned().chain(converted_bad).collect();
    want.extend(
        [
            "observations.csv",
            "observations.jsonl",
            "observations.parquet",
            "report.json",
        ]
        .map(String::from),
    );
    want.sort();
    assert_eq!(names, want);
    for (name, bytes) in &alone {
        assert!(
            &fs::read(out.path().join(name)).unwrap() == bytes,
            "{name} differs between the batch and a conversion alone"
        );
    }
}

/// The encrypted corpus file opens with its password (the error above is only the missing one).
#[test]
fn encrypted_corpus_file_opens_with_its_password() {
    let out = tempfile::tempdir().unwrap();
    let input = corpus().join("encrypted-user-password.pdf");
    let res = convert(&[&input], out.path(), &["--password", "muniplan"]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    assert!(out.path().join("encrypted-user-password.json").is_file());
}

/// `--max-cells`: a sheet over the limit fails the file with a clear error, the rest convert.
#[test]
fn max_cells_flag_fails_a_big_sheet() {
    let out = tempfile::tempdir().unwrap();
    let csv = fixture("minamialps/minamialps_mokuhyo_cp932.csv");
    let xlsx = fixture("minamialps/minamialps_jisshikeikaku.xlsx");
    let res = convert(&[&csv], out.path(), &["--max-cells", "100"]);
    assert_eq!(res.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(stderr.contains("over the limit of 100"), "{stderr}");
    let res = convert(&[&xlsx], out.path(), &["--max-cells", "100000"]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
}

/// `--max-stream-mb`: a lower stream limit stops a smaller bomb; the error names the limit.
#[test]
fn max_stream_flag_is_applied() {
    let out = tempfile::tempdir().unwrap();
    let input = corpus().join("flate-bomb-file.pdf");
    let res = convert(&[&input], out.path(), &["--max-stream-mb", "1"]);
    assert_eq!(res.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(
        stderr.contains(
            "flate-bomb-file.pdf: nothing could be read: page 1: content stream 1 of 12 decodes to more than 1048576 bytes"
        ),
        "{stderr}"
    );
}

/// `--timeout-secs`: a file that never finishes reading (a FIFO with no writer) is reported as
/// timed out and the batch goes on with the next file.
#[cfg(unix)]
#[test]
fn a_file_that_hangs_times_out_and_the_batch_goes_on() {
    let dir = tempfile::tempdir().unwrap();
    let fifo = dir.path().join("hangs.csv");
    let made = std::process::Command::new("mkfifo")
        .arg(&fifo)
        .status()
        .unwrap();
    assert!(made.success());
    let good = fixture("minamialps/minamialps_mokuhyo_cp932.csv");
    let out = tempfile::tempdir().unwrap();
    let started = Instant::now();
    let res = convert(
        &[&fifo, &good],
        out.path(),
        &["--timeout-secs", "1", "--jobs", "1"],
    );
    assert!(started.elapsed() < Duration::from_secs(30));
    assert_eq!(res.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert_eq!(crate::common::file_lines(&stderr).len(), 1, "{stderr}");
    assert!(
        stderr.contains("hangs.csv: timed out after 1 s"),
        "{stderr}"
    );
    assert!(out.path().join("minamialps_mokuhyo_cp932.json").is_file());
    assert!(!out.path().join("hangs.json").exists());
}
