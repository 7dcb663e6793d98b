//! Batches that survive interruption, full disks, busy OUTs and reruns (issue 16): the real
//! binary, killed, stopped, run twice, and run over a small tmpfs and a read-only bind mount
//! (in a private mount namespace, when the machine allows one).

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};

use crate::common::{STATE_DIR, fixture};
use crate::convert::snapshot;

const BIN: &str = env!("CARGO_BIN_EXE_muniplan");
const A: &str = "minamialps/minamialps_jisshikeikaku.xlsx";
const B: &str = "atsugi/atsugi_torikumi_kekka.xlsx";
const C: &str = "minamialps/minamialps_mokuhyo_cp932.csv";

/// `n` inputs in `dir`: copies of three fixtures in turn, under names of their own.
fn inputs(dir: &Path, n: usize) -> PathBuf {
    let src = dir.join("in");
    fs::create_dir_all(&src).unwrap();
    for i in 0..n {
        let (rel, ext) = [(A, "xlsx"), (B, "xlsx"), (C, "csv")][i % 3];
        fs::copy(fixture(rel), src.join(format!("doc{i:04}.{ext}"))).unwrap();
    }
    src
}

fn run(input: &Path, out: &Path, extra: &[&str]) -> std::process::Output {
    Command::new(BIN)
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .arg("--quiet")
        .args(extra)
        .output()
        .unwrap()
}

fn spawn(input: &Path, out: &Path) -> Child {
    Command::new(BIN)
        .arg("convert")
        .arg(input)
        .arg("-o")
        .arg(out)
        .args(["--quiet", "--jobs", "1"])
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// Manifest entries (finished documents) in OUT.
fn entries(out: &Path) -> usize {
    fs::read_dir(out.join(STATE_DIR).join("docs"))
        .map(|rd| {
            rd.flatten()
                .filter(|e| {
                    let n = e.file_name().to_string_lossy().into_owned();
                    n.ends_with(".json") && !n.starts_with('.')
                })
                .count()
        })
        .unwrap_or(0)
}

/// Every temporary file or batch folder anywhere under `dir`.
fn temporaries(dir: &Path) -> Vec<PathBuf> {
    let mut found = Vec::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        let Ok(rd) = fs::read_dir(&d) else { continue };
        for e in rd.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            if name.ends_with(".tmp") || name.starts_with(".muniplan-batch") {
                found.push(e.path());
            }
            if e.path().is_dir() {
                stack.push(e.path());
            }
        }
    }
    found
}

/// Every file under `dir` (state folder included) with its bytes.
fn tree(dir: &Path) -> BTreeMap<String, Vec<u8>> {
    let mut files = BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in fs::read_dir(&d).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                stack.push(p);
            } else {
                let rel = p.strip_prefix(dir).unwrap().display().to_string();
                files.insert(rel, fs::read(&p).unwrap());
            }
        }
    }
    files
}

/// The "N converted now, M unchanged and reused" figures of a run with -v.
fn counts(stderr: &[u8]) -> (usize, usize) {
    let text = String::from_utf8_lossy(stderr);
    let line = text
        .lines()
        .find(|l| l.contains("converted now"))
        .unwrap_or_else(|| panic!("no summary line in {text}"));
    let num = |word: &str| -> usize {
        let head = line.split(word).next().unwrap();
        head.rsplit(|c: char| !c.is_ascii_digit())
            .find(|s| !s.is_empty())
            .unwrap()
            .parse()
            .unwrap()
    };
    (num(" converted now"), num(" unchanged and reused"))
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: other files"
    );
    for (name, bytes) in a {
        assert!(bytes == &b[name], "{what}: {name} differs");
    }
}

#[test]
fn killed_batch_resumes_to_the_same_bytes() {
    let dir = tempfile::tempdir().unwrap();
    let n = 60;
    let src = inputs(dir.path(), n);
    let whole = dir.path().join("whole");
    assert_eq!(run(&src, &whole, &[]).status.code(), Some(0));
    let want = snapshot(&whole);
    // The documents and observations.jsonl/.csv/.parquet and report.json.
    assert_eq!(want.len(), n + 4);
    // Kill points: before anything is written, and after 1, 9 and 31 whole documents.
    for kill_after in [0, 1, 9, 31] {
        let out = dir.path().join(format!("killed{kill_after}"));
        let mut child = spawn(&src, &out);
        loop {
            if child.try_wait().unwrap().is_some() || entries(&out) >= kill_after {
                break;
            }
            std::thread::sleep(std::time::Duration::from_millis(2));
        }
        let _ = child.kill();
        child.wait().unwrap();
        let finished = entries(&out);
        assert!(
            finished < n,
            "kill after {kill_after}: the run ended before the kill"
        );
        // A run that no longer exists left a temporary file and a batch folder of an older
        // version: the next run removes them (it holds the lock, so they cannot be live).
        fs::create_dir_all(out.join(".muniplan-batch.4000000")).unwrap();
        fs::write(out.join(".report.json.4000000.tmp"), b"torn").unwrap();
        let rerun = run(&src, &out, &["-v"]);
        assert_eq!(rerun.status.code(), Some(0), "kill after {kill_after}");
        let (now, reused) = counts(&rerun.stderr);
        assert_eq!(
            (now, reused),
            (n - finished, finished),
            "kill after {kill_after}: documents finished before the kill are not converted again"
        );
        assert_same(&want, &snapshot(&out), &format!("kill after {kill_after}"));
        assert_eq!(temporaries(&out), Vec::<PathBuf>::new());
    }
}

#[test]
fn rerun_reuses_unchanged_inputs_and_reconverts_a_changed_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = inputs(dir.path(), 12);
    let out = dir.path().join("out");
    assert_eq!(run(&src, &out, &[]).status.code(), Some(0));
    let first = snapshot(&out);
    let again = run(&src, &out, &["-v"]);
    assert_eq!(counts(&again.stderr), (0, 12));
    assert_same(&first, &snapshot(&out), "rerun");

    // A new mtime, the same bytes: the sha256 says unchanged.
    let touched = src.join("doc0004.xlsx");
    let f = fs::File::options().write(true).open(&touched).unwrap();
    f.set_modified(std::time::SystemTime::now() + std::time::Duration::from_secs(5))
        .unwrap();
    drop(f);
    assert_eq!(counts(&run(&src, &out, &["-v"]).stderr), (0, 12));

    // Other bytes in one input, one input gone, one new: exactly those convert, and OUT is
    // what a run into an empty folder writes.
    fs::copy(fixture(A), &touched).unwrap();
    fs::remove_file(src.join("doc0007.xlsx")).unwrap();
    fs::copy(fixture(C), src.join("doc0100.csv")).unwrap();
    // And a new input sharing doc0001.xlsx's stem: both are named by their file names now.
    fs::copy(fixture(C), src.join("doc0001.csv")).unwrap();
    let inc = run(&src, &out, &["-v"]);
    assert_eq!(inc.status.code(), Some(0));
    assert_eq!(counts(&inc.stderr), (4, 9));
    let full = dir.path().join("full");
    assert_eq!(run(&src, &full, &[]).status.code(), Some(0));
    assert_same(&snapshot(&full), &snapshot(&out), "incremental vs full");
    assert!(!out.join("doc0007.json").exists());
    assert!(!out.join("doc0001.json").exists());
    assert!(out.join("doc0001.xlsx.json").exists());

    // Output-affecting options or --force: everything again.
    assert_eq!(
        counts(&run(&src, &out, &["-v", "--max-pages", "7"]).stderr),
        (13, 0)
    );
    assert_eq!(counts(&run(&src, &out, &["-v", "--force"]).stderr), (13, 0));
    assert_same(&snapshot(&full), &snapshot(&out), "forced vs full");

    // An input that converted before and fails now loses its document, as in a full run.
    fs::write(src.join("doc0003.xlsx"), b"not a workbook").unwrap();
    let failing = run(&src, &out, &["-v"]);
    assert_eq!(failing.status.code(), Some(1));
    assert_eq!(counts(&failing.stderr), (0, 12));
    assert!(!out.join("doc0003.json").exists());
    let full2 = dir.path().join("full2");
    assert_eq!(run(&src, &full2, &[]).status.code(), Some(1));
    assert_same(
        &snapshot(&full2),
        &snapshot(&out),
        "a failing input vs full",
    );
}

/// An unchanged rerun leaves the batch files as they are (not rewritten: same modification
/// time); one edited or deleted since is written again, as a full run writes it.
#[test]
fn unchanged_rerun_keeps_the_batch_files_and_mends_an_edited_one() {
    let dir = tempfile::tempdir().unwrap();
    let src = inputs(dir.path(), 4);
    let out = dir.path().join("out");
    assert_eq!(run(&src, &out, &[]).status.code(), Some(0));
    let first = snapshot(&out);
    let mtime = |name: &str| fs::metadata(out.join(name)).unwrap().modified().unwrap();
    let names = ["observations.jsonl", "observations.csv", "report.json"];
    let before: Vec<_> = names.iter().map(|n| mtime(n)).collect();
    std::thread::sleep(std::time::Duration::from_millis(20));
    assert_eq!(counts(&run(&src, &out, &["-v"]).stderr), (0, 4));
    let after: Vec<_> = names.iter().map(|n| mtime(n)).collect();
    assert_eq!(before, after, "an unchanged rerun rewrote a batch file");
    assert_same(&first, &snapshot(&out), "unchanged rerun");

    fs::write(out.join("observations.csv"), b"edited\n").unwrap();
    fs::remove_file(out.join("observations.jsonl")).unwrap();
    assert_eq!(counts(&run(&src, &out, &["-v"]).stderr), (0, 4));
    assert_same(&first, &snapshot(&out), "rerun after an edit");
}

#[test]
fn second_run_into_a_busy_out_fails_at_once_naming_the_holder() {
    let dir = tempfile::tempdir().unwrap();
    let src = inputs(dir.path(), 90);
    let out = dir.path().join("out");
    let mut holder = spawn(&src, &out);
    // Once the holder has finished a document it holds the lock; stopped, it keeps it for as
    // long as the second run needs (no timing involved).
    while entries(&out) < 1 && holder.try_wait().unwrap().is_none() {
        std::thread::sleep(std::time::Duration::from_millis(2));
    }
    assert!(
        holder.try_wait().unwrap().is_none(),
        "the holder ended before it could be stopped"
    );
    let pid = holder.id().to_string();
    assert!(
        Command::new("kill")
            .args(["-STOP", &pid])
            .status()
            .unwrap()
            .success()
    );
    // `kill` returns once the signal is sent; a thread running on the other core may still
    // write until it is scheduled out. Snapshot OUT only once every thread is stopped.
    while !all_threads_stopped(&pid) {
        std::thread::sleep(std::time::Duration::from_millis(1));
    }
    let before = tree(&out);
    let second = run(&src, &out, &[]);
    let _ = Command::new("kill").args(["-CONT", &pid]).status();
    let stderr = String::from_utf8_lossy(&second.stderr).into_owned();
    assert_eq!(second.status.code(), Some(4), "{stderr}");
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(
        stderr.contains(&format!("in use by another muniplan run (pid {pid})")),
        "{stderr}"
    );
    assert!(before == tree(&out), "the refused run changed OUT");
    assert_eq!(holder.wait().unwrap().code(), Some(0));
}

/// Every thread of process `pid` is in the stopped state (`T` in /proc/PID/task/*/stat), or
/// the process is gone.
fn all_threads_stopped(pid: &str) -> bool {
    let Ok(tasks) = std::fs::read_dir(format!("/proc/{pid}/task")) else {
        return true;
    };
    tasks.flatten().all(|t| {
        std::fs::read_to_string(t.path().join("stat")).map_or(true, |stat| {
            // The state follows the command name, which is in parentheses.
            stat.rsplit_once(')')
                .and_then(|(_, rest)| rest.split_whitespace().next())
                .is_some_and(|state| state == "T" || state == "t")
        })
    })
}

/// Run `script` as root in a private mount namespace (mounts vanish with it), or say why not.
fn in_mount_namespace(script: &str, vars: &[(&str, &Path)]) -> Option<std::process::Output> {
    let probe = Command::new("unshare")
        .args(["--mount", "--propagation", "private", "true"])
        .output();
    if !probe.is_ok_and(|o| o.status.success()) {
        eprintln!("SKIPPED: no private mount namespace here (unshare --mount needs root)");
        return None;
    }
    let mut cmd = Command::new("unshare");
    cmd.args(["--mount", "--propagation", "private", "sh", "-c", script]);
    for (k, v) in vars {
        cmd.env(k, v);
    }
    cmd.env("BIN", BIN);
    Some(cmd.output().unwrap())
}

/// The run said one line, naming a path in `out` and `cause`, and ended with status 3 (the
/// mount scripts echo `status N` after it).
fn assert_one_write_error(stderr: &[u8], out: &Path, cause: &str) {
    let stderr = String::from_utf8_lossy(stderr);
    let lines: Vec<&str> = stderr.lines().collect();
    assert_eq!(lines.len(), 2, "{stderr}");
    assert!(
        lines[0].contains("cannot write") && lines[0].contains(cause),
        "{stderr}"
    );
    assert!(lines[0].contains(&out.display().to_string()), "{stderr}");
    assert_eq!(lines[1], "status 3", "{stderr}");
}

#[test]
fn full_disk_keeps_earlier_outputs_and_leaves_no_temporaries() {
    let dir = tempfile::tempdir().unwrap();
    let src = inputs(dir.path(), 40);
    // The earlier run: 3 documents.
    let prev_in = dir.path().join("prev_in");
    fs::create_dir_all(&prev_in).unwrap();
    for i in 0..3 {
        let name = format!("doc{i:04}.{}", if i == 2 { "csv" } else { "xlsx" });
        fs::copy(src.join(&name), prev_in.join(&name)).unwrap();
    }
    let prev = dir.path().join("prev");
    assert_eq!(run(&prev_in, &prev, &[]).status.code(), Some(0));
    let prev_size: u64 = tree(&prev).values().map(|b| b.len() as u64).sum();
    let (out, seen) = (dir.path().join("out"), dir.path().join("seen"));
    fs::create_dir_all(&out).unwrap();
    fs::create_dir_all(&seen).unwrap();
    let size = format!("{}k", prev_size / 1024 + 256);
    let script = r#"set -e
mount -t tmpfs -o size=$SIZE tmpfs "$OUT"
cp -a "$PREV"/. "$OUT"/
set +e
"$BIN" convert "$SRC" -o "$OUT" --quiet
echo "status $?" >&2
cp -a "$OUT"/. "$SEEN"/"#;
    let size_path = PathBuf::from(&size);
    let Some(res) = in_mount_namespace(
        script,
        &[
            ("SIZE", &size_path),
            ("OUT", &out),
            ("PREV", &prev),
            ("SRC", &src),
            ("SEEN", &seen),
        ],
    ) else {
        return;
    };
    assert_one_write_error(&res.stderr, &out, "disk full");
    assert_eq!(temporaries(&seen), Vec::<PathBuf>::new());
    // The tidy files and the earlier documents are those of the earlier run.
    let (before, after) = (snapshot(&prev), snapshot(&seen));
    for (name, bytes) in &before {
        assert!(after.get(name) == Some(bytes), "{name} changed");
    }
    // With room again, the next run finishes what was left, as a run into an empty folder.
    let again = run(&src, &seen, &[]);
    assert_eq!(again.status.code(), Some(0));
    let full = dir.path().join("full");
    run(&src, &full, &[]);
    assert_same(&snapshot(&full), &snapshot(&seen), "after the full disk");
}

#[test]
fn read_only_out_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let src = inputs(dir.path(), 6);
    let out = dir.path().join("out");
    let few = dir.path().join("few");
    fs::create_dir_all(&few).unwrap();
    fs::copy(src.join("doc0000.xlsx"), few.join("doc0000.xlsx")).unwrap();
    assert_eq!(run(&few, &out, &[]).status.code(), Some(0));
    let before = tree(&out);
    let script = r#"set -e
mount --bind "$OUT" "$OUT"
mount -o remount,ro,bind "$OUT"
set +e
"$BIN" convert "$SRC" -o "$OUT" --quiet
echo "status $?" >&2"#;
    let Some(res) = in_mount_namespace(script, &[("OUT", &out), ("SRC", &src)]) else {
        return;
    };
    assert_one_write_error(&res.stderr, &out, "read-only file system");
    assert!(before == tree(&out), "the read-only OUT changed");
}

#[test]
fn inspect_json_with_every_view_or_a_usage_error() {
    let pdf = fixture("minamialps/minamialps_excerpt.pdf");
    for view in ["--words", "--glyphs", "--rules", "--lines"] {
        let o = Command::new(BIN)
            .arg("inspect")
            .arg(&pdf)
            .args([view, "--json", "--page", "1"])
            .output()
            .unwrap();
        assert_eq!(o.status.code(), Some(0), "{view}");
        let v: serde_json::Value = serde_json::from_slice(&o.stdout)
            .unwrap_or_else(|e| panic!("{view} --json is not JSON: {e}"));
        assert!(v.is_object() || v.is_array(), "{view}");
    }
    let o = Command::new(BIN)
        .arg("inspect")
        .arg(&pdf)
        .args(["--tables", "--json"])
        .output()
        .unwrap();
    assert_eq!(o.status.code(), Some(2));
    assert!(o.stdout.is_empty());
    assert!(String::from_utf8_lossy(&o.stderr).contains("cannot be used with"));
}

#[test]
fn help_documents_the_exit_statuses() {
    for args in [&["--help"][..], &["convert", "--help"]] {
        let o = Command::new(BIN).args(args).output().unwrap();
        let text = String::from_utf8_lossy(&o.stdout);
        for line in [
            "Exit status:",
            "  3  an output could not be written",
            "  4  OUT is in use",
        ] {
            assert!(text.contains(line), "{line} missing from {args:?}:\n{text}");
        }
    }
}

/// `observations.parquet` of a run is made from the rows the workers made in memory for the
/// documents they converted, and from the JSONL chunks for documents reused from an earlier
/// run: both give the same bytes (PDF boxes, sheet cells, exact decimals, change percents).
#[test]
fn parquet_from_this_runs_rows_equals_parquet_from_the_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    fs::create_dir_all(&src).unwrap();
    for rel in [
        "amashi/amashi_kobetsu_torikumi.pdf",
        "nomi/nomi_jisshikeikaku.pdf",
        B,
        C,
    ] {
        let p = fixture(rel);
        fs::copy(&p, src.join(p.file_name().unwrap())).unwrap();
    }
    let out = dir.path().join("out");
    assert_eq!(run(&src, &out, &[]).status.code(), Some(0));
    let made = fs::read(out.join("observations.parquet")).unwrap();
    assert!(made.starts_with(b"PAR1") && made.len() > 1000);
    // Every document reused: the file is written again from the chunks alone.
    fs::remove_file(out.join("observations.parquet")).unwrap();
    assert_eq!(counts(&run(&src, &out, &["-v"]).stderr), (0, 4));
    let read_back = fs::read(out.join("observations.parquet")).unwrap();
    assert!(
        made == read_back,
        "parquet from memory and from the chunks differ"
    );
}

/// A batch with more rows than the run keeps in memory for `observations.parquet` (2,048) and
/// than one row group holds (4,096): the rows past the limit are read back from their chunks,
/// and the file is the same bytes as one written from the chunks alone.
#[test]
fn parquet_past_the_rows_held_in_memory_equals_parquet_from_the_chunks() {
    let dir = tempfile::tempdir().unwrap();
    let src = dir.path().join("in");
    fs::create_dir_all(&src).unwrap();
    // 184 observations each: 30 copies hold 5,520 rows.
    for i in 0..30 {
        fs::copy(fixture(A), src.join(format!("copy{i:02}.xlsx"))).unwrap();
    }
    let out = dir.path().join("out");
    assert_eq!(run(&src, &out, &[]).status.code(), Some(0));
    let made = fs::read(out.join("observations.parquet")).unwrap();
    assert!(made.starts_with(b"PAR1") && made.ends_with(b"PAR1"));
    fs::remove_file(out.join("observations.parquet")).unwrap();
    assert_eq!(counts(&run(&src, &out, &["-v"]).stderr), (0, 30));
    let read_back = fs::read(out.join("observations.parquet")).unwrap();
    assert!(made == read_back, "parquet past the held rows differs");
}
