//! `convert --municipality` and `--sources`: what the user says about each input that the
//! document may not print — its municipality (checked against the compiled-in 総務省 table),
//! where it was published and when it was retrieved.

use std::collections::HashMap;
use std::fs;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use muniplan_output::Given;
use muniplan_recognize::lookup_municipality;

/// The columns of a sources file; `path` and `municipality` are required.
const COLUMNS: &[&str] = &["path", "municipality", "url", "retrieved"];

/// What was given per input: a sources row for the file (or a folder holding it) wins over
/// `--municipality`.
#[derive(Debug, Default)]
pub struct Sources {
    by_path: HashMap<PathBuf, Given>,
    default: Given,
}

impl Sources {
    /// Check `--municipality` and read `--sources`. A name or code the table does not know,
    /// an ambiguous name, a bad date or an unknown column is an error naming the row.
    pub fn load(municipality: Option<&str>, sources: Option<&Path>) -> anyhow::Result<Self> {
        let mut out = Sources::default();
        if let Some(m) = municipality {
            out.default.municipality =
                Some(lookup_municipality(m).with_context(|| "--municipality".to_string())?);
        }
        if let Some(file) = sources {
            let bytes =
                fs::read(file).with_context(|| format!("cannot read {}", file.display()))?;
            let rows = muniplan_sheet::records(&bytes)
                .with_context(|| format!("cannot read {}", file.display()))?;
            let base = file.parent().unwrap_or(Path::new(""));
            out.by_path =
                parse(&rows, base, &out.default).with_context(|| format!("{}", file.display()))?;
        }
        Ok(out)
    }

    /// What was given for this input.
    pub fn for_input(&self, input: &Path) -> Given {
        let path = canonical(input);
        path.ancestors()
            .find_map(|p| self.by_path.get(p))
            .unwrap_or(&self.default)
            .clone()
    }

    /// The part of the options key that stands for what was given for an input: a change
    /// of it changes the input's outputs, so the batch converts it again.
    pub fn key(given: &Given) -> String {
        format!(
            "city={};url={};retrieved={}",
            given.municipality.map(|m| m.code).unwrap_or_default(),
            given.url.as_deref().unwrap_or_default(),
            given.retrieved.as_deref().unwrap_or_default()
        )
    }
}

/// The absolute form of a path (as is when it does not exist).
fn canonical(p: &Path) -> PathBuf {
    fs::canonicalize(p).unwrap_or_else(|_| p.to_path_buf())
}

/// The rows of a sources file, by the canonical path they name (relative paths are relative
/// to the file's folder).
fn parse(
    rows: &[Vec<String>],
    base: &Path,
    default: &Given,
) -> anyhow::Result<HashMap<PathBuf, Given>> {
    let mut rows = rows
        .iter()
        .enumerate()
        .filter(|(_, r)| r.iter().any(|c| !c.trim().is_empty()));
    let Some((_, header)) = rows.next() else {
        bail!("empty: a header row `path,municipality,url,retrieved` is needed");
    };
    let header: Vec<String> = header.iter().map(|h| h.trim().to_lowercase()).collect();
    if let Some(bad) = header.iter().find(|h| !COLUMNS.contains(&h.as_str())) {
        bail!(
            "unknown column `{bad}` (the columns are {})",
            COLUMNS.join(", ")
        );
    }
    let col = |name: &str| header.iter().position(|h| h == name);
    let (Some(path_col), Some(city_col)) = (col("path"), col("municipality")) else {
        bail!("the header must name the columns `path` and `municipality`");
    };
    let (url_col, date_col) = (col("url"), col("retrieved"));
    let mut out = HashMap::new();
    for (i, row) in rows {
        let n = i + 1;
        let cell = |c: Option<usize>| {
            c.and_then(|c| row.get(c))
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
        };
        let Some(path) = cell(Some(path_col)) else {
            bail!("row {n}: no path");
        };
        let municipality = match cell(Some(city_col)) {
            Some(m) => Some(lookup_municipality(&m).with_context(|| format!("row {n}"))?),
            None => default.municipality,
        };
        let retrieved = cell(date_col);
        if let Some(d) = &retrieved
            && !is_iso_date(d)
        {
            bail!("row {n}: retrieved `{d}` is not a date written YYYY-MM-DD");
        }
        let given = Given {
            municipality,
            url: cell(url_col),
            retrieved,
        };
        let at_base = base.join(&path);
        let resolved = if at_base.exists() {
            at_base
        } else {
            PathBuf::from(&path)
        };
        if out.insert(canonical(&resolved), given).is_some() {
            bail!("row {n}: {path} is listed twice");
        }
    }
    Ok(out)
}

/// `2024-05-31`: an ISO 8601 calendar date.
fn is_iso_date(s: &str) -> bool {
    let parts: Vec<&str> = s.split('-').collect();
    let num = |p: &str, len: usize| {
        (p.len() == len && p.chars().all(|c| c.is_ascii_digit()))
            .then(|| p.parse::<u32>().ok())
            .flatten()
    };
    match parts.as_slice() {
        [y, m, d] => {
            num(y, 4).is_some()
                && num(m, 2).is_some_and(|m| (1..=12).contains(&m))
                && num(d, 2).is_some_and(|d| (1..=31).contains(&d))
        }
        _ => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn rows(text: &str) -> Vec<Vec<String>> {
        muniplan_sheet::records(text.as_bytes()).unwrap_or_default()
    }

    fn err(text: &str) -> String {
        match parse(&rows(text), Path::new("/nowhere"), &Given::default()) {
            Ok(m) => panic!("accepted: {m:?}"),
            Err(e) => format!("{e:#}"),
        }
    }

    #[test]
    fn rows_give_city_url_and_date_per_path() {
        let text = "path,municipality,url,retrieved\n\
                    /x/a.pdf,能美市,https://example.jp/a.pdf,2024-05-31\n\
                    /x/b.xlsx,東京都府中市,,\n\
                    /x/c.csv,,,\n";
        let default = Given {
            municipality: lookup_municipality("232378").ok(),
            ..Given::default()
        };
        let map = match parse(&rows(text), Path::new("/nowhere"), &default) {
            Ok(m) => m,
            Err(e) => panic!("{e:#}"),
        };
        let a = map.get(Path::new("/x/a.pdf"));
        assert_eq!(
            a.and_then(|g| g.municipality).map(|m| m.code),
            Some("172111")
        );
        assert_eq!(
            a.and_then(|g| g.url.as_deref()),
            Some("https://example.jp/a.pdf")
        );
        assert_eq!(a.and_then(|g| g.retrieved.as_deref()), Some("2024-05-31"));
        let b = map.get(Path::new("/x/b.xlsx"));
        assert_eq!(
            b.and_then(|g| g.municipality).map(|m| m.code),
            Some("132063")
        );
        assert_eq!(b.and_then(|g| g.url.clone()), None);
        // An empty municipality cell takes --municipality.
        let c = map.get(Path::new("/x/c.csv"));
        assert_eq!(
            c.and_then(|g| g.municipality).map(|m| m.code),
            Some("232378")
        );
    }

    #[test]
    fn a_wrong_code_or_an_ambiguous_name_fails_naming_the_row() {
        let e = err("path,municipality\n/x/a.pdf,172112\n");
        assert!(e.contains("row 2"), "{e}");
        assert!(e.contains("172111 石川県能美市"), "{e}");
        let e = err("path,municipality\n/x/a.pdf,能美市\n/x/b.pdf,府中市\n");
        assert!(e.contains("row 3"), "{e}");
        assert!(
            e.contains("東京都府中市") && e.contains("広島県府中市"),
            "{e}"
        );
        assert!(e.contains("prefecture"), "{e}");
    }

    #[test]
    fn bad_headers_and_dates_are_errors() {
        assert!(err("path,city\n/x/a.pdf,能美市\n").contains("unknown column `city`"));
        assert!(err("url\nhttps://x\n").contains("`path` and `municipality`"));
        assert!(err("path,municipality,retrieved\n/x/a.pdf,能美市,2024/05/31\n").contains("row 2"));
        assert!(err("path,municipality\n/x/a.pdf,能美市\n/x/a.pdf,能美市\n").contains("twice"));
        assert!(is_iso_date("2024-05-31"));
        assert!(!is_iso_date("2024-13-01"));
        assert!(!is_iso_date("24-05-31"));
    }

    #[test]
    fn a_cp932_file_reads() {
        let (bytes, _, _) =
            encoding_rs::SHIFT_JIS.encode("path,municipality\r\n/x/a.pdf,能美市\r\n");
        let rows = muniplan_sheet::records(&bytes).unwrap_or_default();
        let map = parse(&rows, Path::new("/nowhere"), &Given::default()).ok();
        let code = map
            .as_ref()
            .and_then(|m| m.get(Path::new("/x/a.pdf")))
            .and_then(|g| g.municipality)
            .map(|m| m.code);
        assert_eq!(code, Some("172111"));
    }

    #[test]
    fn a_folder_row_covers_the_files_under_it() {
        let tmp = tempfile::tempdir().unwrap_or_else(|e| panic!("{e}"));
        let dir = tmp.path().join("nomi");
        fs::create_dir_all(&dir).unwrap_or_else(|e| panic!("{e}"));
        let file = dir.join("r6.xlsx");
        fs::write(&file, b"x").unwrap_or_else(|e| panic!("{e}"));
        let list = tmp.path().join("sources.csv");
        fs::write(&list, "path,municipality\nnomi,172111\n").unwrap_or_else(|e| panic!("{e}"));
        let s = Sources::load(Some("あま市"), Some(&list)).unwrap_or_else(|e| panic!("{e:#}"));
        assert_eq!(
            s.for_input(&file).municipality.map(|m| m.code),
            Some("172111")
        );
        assert_eq!(
            s.for_input(&tmp.path().join("other.pdf"))
                .municipality
                .map(|m| m.code),
            Some("232378"),
            "unlisted: --municipality"
        );
    }
}
