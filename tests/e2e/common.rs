//! Helpers shared by the end-to-end tests.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The workspace root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../..")
        .canonicalize()
        .unwrap()
}

/// A fixture path relative to `fixtures/`.
pub fn fixture(rel: &str) -> PathBuf {
    root().join("fixtures").join(rel)
}

/// `../shared` beside the project, when present (it is on developer machines and in CI).
pub fn shared() -> Option<PathBuf> {
    let p = root().join("../shared");
    p.is_dir().then_some(p)
}

/// Run `muniplan` with arguments.
pub fn muniplan(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_muniplan"))
        .args(args)
        .output()
        .expect("muniplan runs")
}

/// Run `muniplan convert INPUTS -o OUT --quiet` and return the output.
pub fn convert(inputs: &[&Path], out: &Path, extra: &[&str]) -> Output {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_muniplan"));
    cmd.arg("convert");
    for i in inputs {
        cmd.arg(i);
    }
    cmd.arg("-o").arg(out).arg("--quiet").args(extra);
    cmd.output().expect("muniplan runs")
}

/// Compare `actual` with the golden file at `path`; with `UPDATE_EXPECT=1`, rewrite it.
pub fn assert_golden(path: &Path, actual: &str) {
    if std::env::var_os("UPDATE_EXPECT").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|_| {
        panic!(
            "missing golden {} (run with UPDATE_EXPECT=1)",
            path.display()
        )
    });
    if expected != actual {
        let first = expected
            .lines()
            .zip(actual.lines())
            .position(|(a, b)| a != b)
            .unwrap_or(expected.lines().count().min(actual.lines().count()));
        panic!(
            "{} differs at line {}:\n expected: {}\n   actual: {}\n(rerun with UPDATE_EXPECT=1 to accept)",
            path.display(),
            first + 1,
            expected.lines().nth(first).unwrap_or("<end>"),
            actual.lines().nth(first).unwrap_or("<end>")
        );
    }
}

/// Read a JSON Lines file.
pub fn read_jsonl(path: &Path) -> Vec<serde_json::Value> {
    std::fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

/// The state folder `convert` keeps in OUT (lock and manifest); not an output.
pub const STATE_DIR: &str = ".muniplan";

/// Names in OUT, sorted, without the state folder.
pub fn out_names(dir: &Path) -> Vec<String> {
    let mut names: Vec<String> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n != STATE_DIR)
        .collect();
    names.sort();
    names
}

/// The per-file lines of a convert run's stderr: without the closing review summary (its
/// `muniplan: review: …` lines and the `muniplan: summary: …` totals).
pub fn file_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| !l.starts_with("muniplan: review: ") && !l.starts_with("muniplan: summary: "))
        .collect()
}
