//! The state `convert` keeps in `OUT/.muniplan/`: the lock that makes one run per OUT, the
//! manifest of converted inputs that makes reruns incremental, and the clean-up of what a
//! killed run left behind. Every file content goes through [`OutFs`], so a test can make any
//! write fail (a full disk) without a full disk.
//!
//! Layout of `OUT/.muniplan/`:
//! - `lock`: held (advisory, `flock`) by the run writing into OUT; holds its pid.
//! - `docs/<key>.json`: one manifest entry per converted input (`key` is a hash of the input
//!   path as given): path, size, mtime, sha256, muniplan version, the output-affecting options,
//!   the output name and the input's line of report.json. Written last, after the document and
//!   its chunks, so an entry exists only for a whole document.
//! - `docs/<key>.jsonl`, `docs/<key>.csv`: the input's observation rows, joined in input order
//!   into observations.jsonl and observations.csv by every run.
//!
//! Temporary files are named `.<name>.<pid>.tmp` beside their target. While a run holds the
//! lock no other run can be writing into OUT, so every such file (and every `.muniplan-batch.*`
//! folder of older versions) it finds is a leftover of a run that no longer exists.

use std::fmt;
use std::fs;
use std::io::{self, Write};
use std::path::{Path, PathBuf};

use serde::{Deserialize, Serialize};

/// Exit status of a run that could not write its outputs (full disk, read-only OUT, …).
pub const EXIT_WRITE: u8 = 3;
/// Exit status of a run refused because another run holds OUT.
pub const EXIT_BUSY: u8 = 4;

/// The state folder inside OUT.
pub const STATE_DIR: &str = ".muniplan";

/// Where file contents are written. [`RealFs`] writes files; tests inject failures.
pub trait OutFs: Sync {
    /// Create (truncate) `path` for writing.
    fn create(&self, path: &Path) -> io::Result<Box<dyn Write + '_>>;
}

/// The file system.
pub struct RealFs;

impl OutFs for RealFs {
    fn create(&self, path: &Path) -> io::Result<Box<dyn Write + '_>> {
        Ok(Box::new(io::BufWriter::new(fs::File::create(path)?)))
    }
}

/// A run-ending error with an exit status of its own.
#[derive(Debug)]
pub enum Fatal {
    /// An output could not be written.
    Write { path: PathBuf, cause: io::Error },
    /// Another run holds OUT.
    Busy { out: PathBuf, pid: Option<u32> },
}

impl Fatal {
    pub fn write(path: &Path, cause: io::Error) -> Self {
        Fatal::Write {
            path: path.to_path_buf(),
            cause,
        }
    }

    /// The exit status.
    pub fn code(&self) -> u8 {
        match self {
            Fatal::Write { .. } => EXIT_WRITE,
            Fatal::Busy { .. } => EXIT_BUSY,
        }
    }
}

/// The cause of a write error in words, with the OS's text.
pub fn write_cause(e: &io::Error) -> String {
    let what = match e.kind() {
        io::ErrorKind::StorageFull => "disk full",
        io::ErrorKind::ReadOnlyFilesystem => "read-only file system",
        io::ErrorKind::PermissionDenied => "permission denied",
        io::ErrorKind::QuotaExceeded => "disk quota exceeded",
        _ => return e.to_string(),
    };
    match e.raw_os_error() {
        Some(n) => format!("{what} (os error {n})"),
        None => what.to_string(),
    }
}

impl fmt::Display for Fatal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Fatal::Write { path, cause } => write!(
                f,
                "cannot write {}: {}; nothing of this run was left half-written, earlier outputs are unchanged",
                path.display(),
                write_cause(cause)
            ),
            Fatal::Busy { out, pid } => write!(
                f,
                "{} is in use by another muniplan run ({}); wait for it to end or use another output folder",
                out.display(),
                match pid {
                    Some(p) => format!("pid {p}"),
                    None => "pid unknown".to_string(),
                }
            ),
        }
    }
}

impl std::error::Error for Fatal {}

/// The lock on OUT, held until dropped (or the process ends, however it ends).
pub struct Lock {
    _file: fs::File,
}

/// Take the lock of `out` (whose state folder exists), or fail at once naming the holder.
pub fn lock(out: &Path) -> Result<Lock, Fatal> {
    let path = out.join(STATE_DIR).join("lock");
    let mut file = fs::OpenOptions::new()
        .read(true)
        .write(true)
        .create(true)
        .truncate(false)
        .open(&path)
        .map_err(|e| Fatal::write(&path, e))?;
    match file.try_lock() {
        Ok(()) => {}
        Err(fs::TryLockError::WouldBlock) => {
            let mut text = String::new();
            let _ = io::Read::read_to_string(&mut file, &mut text);
            return Err(Fatal::Busy {
                out: out.to_path_buf(),
                pid: text.trim().parse().ok(),
            });
        }
        Err(fs::TryLockError::Error(e)) => return Err(Fatal::write(&path, e)),
    }
    // Ours now: record the pid for a run that finds OUT busy.
    file.set_len(0)
        .and_then(|()| {
            use io::Seek;
            file.seek(io::SeekFrom::Start(0))?;
            write!(file, "{}", std::process::id())
        })
        .map_err(|e| Fatal::write(&path, e))?;
    Ok(Lock { _file: file })
}

/// Is `name` a temporary file of some run: `.<name>.<digits>.tmp`?
fn is_temp_name(name: &str) -> bool {
    let Some(rest) = name.strip_suffix(".tmp") else {
        return false;
    };
    let Some((head, pid)) = rest.rsplit_once('.') else {
        return false;
    };
    name.starts_with('.')
        && head.len() > 1
        && !pid.is_empty()
        && pid.bytes().all(|b| b.is_ascii_digit())
}

/// Remove every temporary file (and old batch folder) in OUT and its state folders. Call only
/// while holding the lock: then none of them belongs to a live run other than this one.
pub fn remove_temporaries(out: &Path) {
    for dir in [
        out.to_path_buf(),
        out.join(STATE_DIR),
        out.join(STATE_DIR).join("docs"),
    ] {
        let Ok(entries) = fs::read_dir(&dir) else {
            continue;
        };
        for e in entries.flatten() {
            let name = e.file_name().to_string_lossy().into_owned();
            let path = e.path();
            if name.starts_with(".muniplan-batch.") && dir == out && path.is_dir() {
                let _ = fs::remove_dir_all(&path);
            } else if is_temp_name(&name) && !path.is_dir() {
                let _ = fs::remove_file(&path);
            }
        }
    }
}

/// The temporary name of `path`.
fn temp_of(path: &Path) -> PathBuf {
    let dir = path.parent().unwrap_or(Path::new("."));
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    dir.join(format!(".{name}.{}.tmp", std::process::id()))
}

/// A file written to its temporary name, put in place by [`Staged::commit`] (removed if
/// dropped uncommitted). Staging several files before committing any keeps them consistent
/// when a write fails: a rename needs no space.
pub struct Staged {
    tmp: PathBuf,
    dest: PathBuf,
    committed: bool,
}

impl Staged {
    /// Rename the temporary file into place.
    pub fn commit(mut self) -> Result<(), Fatal> {
        fs::rename(&self.tmp, &self.dest).map_err(|e| Fatal::write(&self.dest, e))?;
        self.committed = true;
        Ok(())
    }
}

impl Drop for Staged {
    fn drop(&mut self) {
        if !self.committed {
            let _ = fs::remove_file(&self.tmp);
        }
    }
}

/// Write `path`'s content to its temporary file. On failure the temporary file is removed and
/// the error names the path written.
pub fn stage(
    fsys: &dyn OutFs,
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<Staged, Fatal> {
    let staged = Staged {
        tmp: temp_of(path),
        dest: path.to_path_buf(),
        committed: false,
    };
    let res = (|| {
        let mut w = fsys.create(&staged.tmp)?;
        fill(&mut *w)?;
        w.flush()
    })();
    match res {
        Ok(()) => Ok(staged),
        Err(e) => Err(Fatal::write(path, e)),
    }
}

/// Write `path` through a temporary file and a rename: a reader (or a killed run) never sees a
/// torn file.
pub fn write_with(
    fsys: &dyn OutFs,
    path: &Path,
    fill: &mut dyn FnMut(&mut dyn Write) -> io::Result<()>,
) -> Result<(), Fatal> {
    stage(fsys, path, fill)?.commit()
}

/// [`write_with`] for bytes in memory.
pub fn write_atomic(fsys: &dyn OutFs, path: &Path, bytes: &[u8]) -> Result<(), Fatal> {
    write_with(fsys, path, &mut |w| w.write_all(bytes))
}

/// One input's line of report.json.
#[derive(Serialize, Deserialize, Clone, PartialEq, Debug)]
pub struct FileReport {
    pub file: String,
    pub output: Option<String>,
    pub status: String,
    pub format: Option<String>,
    pub encoding: Option<String>,
    pub initiatives: usize,
    pub observations: usize,
    pub warnings: usize,
    pub error: Option<String>,
    /// Why the status is `empty`.
    pub reason: Option<String>,
    /// Explained ÷ table cells holding digits (schema 1.2); `None` when the file failed.
    #[serde(default)]
    pub coverage: Option<serde_json::Number>,
    /// Table cells holding digits that no account explains.
    #[serde(default)]
    pub unexplained: usize,
    /// Needs a look (decided for each run from the figures above: see `convert::review`).
    #[serde(default)]
    pub review: bool,
    /// Why it needs a look.
    #[serde(default)]
    pub review_reasons: Vec<String>,
}

/// What OUT holds for one converted input.
#[derive(Serialize, Deserialize, Clone, Debug)]
pub struct Entry {
    pub path: String,
    pub size: u64,
    pub mtime_ns: u64,
    pub sha256: String,
    pub version: String,
    /// [`options_key`] of the run that converted it.
    pub options: String,
    /// Characters of its CSV rows without a form in the CSV encoding.
    pub unmappable: usize,
    /// Its diagnostics that flag it for review ([`muniplan_ir::needs_review`]), as counts by
    /// `severity code` (e.g. `warning conflicting-restatement`).
    #[serde(default)]
    pub look: std::collections::BTreeMap<String, usize>,
    pub report: FileReport,
}

/// Size and modification time of a file, as recorded in an [`Entry`].
pub fn stamp(path: &Path) -> Option<(u64, u64)> {
    let md = fs::metadata(path).ok()?;
    let mtime = md
        .modified()
        .ok()
        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
        .map(|d| u64::try_from(d.as_nanos()).unwrap_or(u64::MAX))
        .unwrap_or(0);
    Some((md.len(), mtime))
}

/// The manifest key of an input path (as given on the command line or found in a folder).
pub fn key_of(path: &str) -> String {
    let hex = crate::pipeline::sha256_hex(path.as_bytes());
    hex[..20].to_string()
}

/// The folder of manifest entries and chunks.
pub fn docs_dir(out: &Path) -> PathBuf {
    out.join(STATE_DIR).join("docs")
}

/// The entry of `key`, if a readable one exists.
pub fn load_entry(out: &Path, key: &str) -> Option<Entry> {
    let bytes = fs::read(docs_dir(out).join(format!("{key}.json"))).ok()?;
    serde_json::from_slice(&bytes).ok()
}

/// Keys of every entry in the manifest.
pub fn entry_keys(out: &Path) -> Vec<String> {
    let Ok(rd) = fs::read_dir(docs_dir(out)) else {
        return Vec::new();
    };
    let mut keys: Vec<String> = rd
        .flatten()
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            name.strip_suffix(".json").map(str::to_string)
        })
        .filter(|k| !k.starts_with('.'))
        .collect();
    keys.sort();
    keys
}

/// Remove an entry and its chunks (the entry first: without it the chunks are unused).
pub fn remove_entry(out: &Path, key: &str) {
    let dir = docs_dir(out);
    for ext in ["json", "jsonl", "csv"] {
        let _ = fs::remove_file(dir.join(format!("{key}.{ext}")));
    }
}

/// The options that change output bytes, as one string.
pub fn options_key(parts: &[(&str, String)]) -> String {
    let text: Vec<String> = parts.iter().map(|(k, v)| format!("{k}={v}")).collect();
    text.join(";")
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn temp_names() {
        assert!(is_temp_name(".report.json.123.tmp"));
        assert!(is_temp_name(".a.1.tmp"));
        assert!(!is_temp_name("report.json"));
        assert!(!is_temp_name("x.123.tmp"));
        assert!(!is_temp_name(".x.12a.tmp"));
        assert!(!is_temp_name("..tmp"));
    }

    #[test]
    fn second_lock_names_the_holder() {
        let dir = tempfile::tempdir().unwrap();
        fs::create_dir_all(dir.path().join(STATE_DIR)).unwrap();
        let held = lock(dir.path()).unwrap();
        match lock(dir.path()) {
            Err(Fatal::Busy { pid, .. }) => assert_eq!(pid, Some(std::process::id())),
            other => panic!("expected busy, got {:?}", other.err()),
        }
        drop(held);
        assert!(lock(dir.path()).is_ok());
    }
}
