//! A family's content as data: `xtask/families/<family>.json`, what the report states (its
//! initiatives, their texts, their value rows per fiscal year, and how each printed value
//! reads), not how it is drawn. The family module draws its seed's own layout from it; the
//! variants renderer draws the same content in other presentations; [`super::expect::stated`]
//! derives the expected list of every one of them from it.
//!
//! Format: JSON (serde_json is already a workspace dependency, so the generator adds none; a
//! reviewer reads and edits it with any editor, and `jq` queries it). Keys keep their order
//! (serde_json's `preserve_order`), so a card's labelled texts stay in the order printed.
//! Strings are verbatim as the report prints them (line breaks `\n`, full-width digits,
//! leading U+3000 kept); readings are stated by hand, once per distinct printed text.

use std::path::Path;

use anyhow::{Context, bail};
use serde::{Deserialize, Serialize};

use super::expect::Reading;

/// One family's content.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Family {
    /// The folder under `fixtures/` (and the file name `<family>.json`).
    pub family: String,
    pub title: String,
    pub author: String,
    /// The seed file every printed string is checked against (empty for a novel layout,
    /// whose content is invented for the layout).
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub seed: String,
    /// The plan's year columns as printed, with the fiscal year each one is.
    pub years: Vec<Year>,
    /// How the stated values are listed: `series` (each row's values in turn) or `year`
    /// (consecutive dated rows of one indicator year by year across the rows; undated rows in
    /// place).
    pub order: Order,
    /// Loose lines the report prints beside its tables and that state no value (a legend
    /// saying what the marks mean, a `（単位：千円）` note): the layout places them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub notes: Vec<String>,
    /// Printed texts that state no value (`-`, `－`, `—`): nothing is expected from them.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub placeholders: Vec<String>,
    pub initiatives: Vec<Initiative>,
    /// How each printed value text reads, stated by hand.
    pub readings: Vec<ReadingEntry>,
}

impl Family {
    /// The same content with initiatives `skip + 1` … `skip + count` only (a fixture that
    /// prints some of them).
    pub fn part(&self, skip: usize, count: usize) -> Family {
        self.part_where(skip, count, |_| true)
    }

    /// [`Family::part`] of the initiatives that `keep`.
    pub fn part_where(
        &self,
        skip: usize,
        count: usize,
        keep: impl Fn(&Initiative) -> bool,
    ) -> Family {
        Family {
            initiatives: self
                .initiatives
                .iter()
                .filter(|i| keep(i))
                .skip(skip)
                .take(count)
                .cloned()
                .collect(),
            ..self.clone()
        }
    }
}

/// A year column.
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Year {
    pub label: String,
    pub fiscal_year: i32,
}

/// The listing order of the stated values (see [`Family::order`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum Order {
    Series,
    Year,
}

/// One initiative (取組, card, item).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct Initiative {
    /// `initiative_id` as the output contract normalizes it; a bare number is the document-order
    /// number of a family that prints no id.
    pub id: String,
    /// The id as printed, where that differs from `id` (`（1）` for `(1)`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed_id: Option<String>,
    /// Headings above the initiative, outermost first, as printed.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub headings: Vec<String>,
    /// Why the fixture leaves this initiative out, when it does (it is still the report's).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub omitted: Option<String>,
    /// Labelled texts that state no value (担当課, 取組内容, 現状と課題 …), in printed order.
    pub texts: serde_json::Map<String, serde_json::Value>,
    /// The value rows.
    pub series: Vec<Series>,
}

impl Initiative {
    /// The labelled text `key` (an error names the missing label).
    pub fn text(&self, key: &str) -> anyhow::Result<&str> {
        self.texts
            .get(key)
            .and_then(serde_json::Value::as_str)
            .with_context(|| format!("initiative {}: no text {key:?}", self.id))
    }
}

/// One value row: a kind, the indicator it measures, and its printed values.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Series {
    /// A kind of the output contract, or `remark`: a printed text that is no observation
    /// (未達成の理由, 今後の対応策).
    pub kind: String,
    /// The row's label as printed, where it says more than the kind (`年度目標`, `数値`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The indicator's name as normalized text; None for rows of the initiative itself.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The indicator's name as printed, when it differs from the normalized one.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub printed: Option<String>,
    /// One printed text per year column ("" for a blank cell; missing trailing columns are
    /// blank).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub years: Option<Vec<String>>,
    /// One printed text stated for every year column at once (a cell merged across them).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub all_years: Option<String>,
    /// One undated printed text.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub undated: Option<String>,
    /// Its texts read as printed (nothing in them to normalize), so they need no reading entry.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub as_printed: bool,
    /// The row restates values the report states elsewhere (one fact, one observation: the
    /// other one): drawn, not expected.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub restated: bool,
}

impl Series {
    /// The printed name of the indicator.
    pub fn printed_name(&self) -> Option<&str> {
        self.printed.as_deref().or(self.indicator.as_deref())
    }

    /// The printed text in year column `k` ("" when blank).
    pub fn at(&self, k: usize) -> &str {
        match (&self.years, &self.all_years) {
            (Some(cells), _) => cells.get(k).map_or("", String::as_str),
            (None, Some(all)) => all,
            (None, None) => "",
        }
    }
}

/// How one printed text reads: one or more values (a cell may state two, `15団体\n(321人)`).
#[derive(Debug, Clone, Serialize, Deserialize)]
pub struct ReadingEntry {
    pub raw: String,
    /// Why it reads so, where that is not plain.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    /// Only under this indicator (the same text reads otherwise elsewhere).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub under: Option<String>,
    pub reads: Vec<Read>,
}

/// One value of a printed text.
#[derive(Debug, Clone, Default, Serialize, Deserialize)]
pub struct Read {
    /// The kind of this value, over the row's (a `目標` over `実績（達成率）` cell states three).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<String>,
    /// The indicator the text itself names (`HPアクセス数\n470,000件`), over the row's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub indicator: Option<String>,
    /// The fiscal year a date printed in the text itself falls in, over the column's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub fiscal_year: Option<i32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub value: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub display_unit: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bound: Option<String>,
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub cumulative: bool,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub direction: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub relative_to: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub change_percent: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub text: Option<String>,
}

impl Read {
    /// The [`Reading`] this states.
    pub fn reading(&self) -> Reading {
        Reading {
            value: self.value.as_deref().map(intern),
            unit: self.unit.as_deref().map(intern),
            display_unit: self.display_unit.as_deref().map(intern),
            bound: self.bound.as_deref().map(intern),
            cumulative: self.cumulative,
            direction: self.direction.as_deref().map(intern),
            relative_to: self.relative_to.as_deref().map(intern),
            change_percent: self.change_percent.as_deref().map(intern),
            text: self.text.clone(),
        }
    }
}

/// A string from the data file kept for the generator's run (the readings' fields are
/// `&'static str`, as the hand-written lists of the other fixtures state them).
fn intern(s: &str) -> &'static str {
    Box::leak(s.to_owned().into_boxed_str())
}

/// The directory of the data files.
pub fn dir(root: &Path) -> std::path::PathBuf {
    root.join("xtask").join("families")
}

/// The directory of the novel layouts' content files (`xtask/families/novel/`; their fixtures
/// go to `fixtures/novel/<layout>/`).
pub fn novel_dir(root: &Path) -> std::path::PathBuf {
    dir(root).join("novel")
}

/// Reads `xtask/families/<family>.json`.
pub fn load(root: &Path, family: &str) -> anyhow::Result<Family> {
    load_from(&dir(root), family)
}

/// Reads `xtask/families/novel/<layout>.json`.
pub fn load_novel(root: &Path, layout: &str) -> anyhow::Result<Family> {
    load_from(&novel_dir(root), layout)
}

/// Reads `<dir>/<family>.json` and checks it.
fn load_from(dir: &Path, family: &str) -> anyhow::Result<Family> {
    let path = dir.join(format!("{family}.json"));
    let text =
        std::fs::read_to_string(&path).with_context(|| format!("reading {}", path.display()))?;
    let f: Family =
        serde_json::from_str(&text).with_context(|| format!("parsing {}", path.display()))?;
    if f.family != family {
        bail!(
            "{}: family {:?}, expected {family:?}",
            path.display(),
            f.family
        );
    }
    check(&f).with_context(|| format!("checking {}", path.display()))?;
    Ok(f)
}

/// The kinds a row may have: the output contract's, and `remark`.
pub const KINDS: [&str; 9] = [
    "target",
    "actual",
    "baseline",
    "final_target",
    "plan",
    "status",
    "grade",
    "achievement_rate",
    "remark",
];

/// Every row states its texts one way (per year column, for all years, or undated), has no
/// more columns than the family has years, and a known kind.
fn check(f: &Family) -> anyhow::Result<()> {
    for i in &f.initiatives {
        for s in &i.series {
            let ways = [
                s.years.is_some(),
                s.all_years.is_some(),
                s.undated.is_some(),
            ];
            if ways.iter().filter(|w| **w).count() != 1 {
                bail!(
                    "initiative {}: a {} row needs exactly one of years, all_years, undated",
                    i.id,
                    s.kind
                );
            }
            if s.years.as_ref().is_some_and(|y| y.len() > f.years.len()) {
                bail!(
                    "initiative {}: a {} row has more columns than years",
                    i.id,
                    s.kind
                );
            }
            if !KINDS.contains(&s.kind.as_str()) {
                bail!("initiative {}: unknown kind {:?}", i.id, s.kind);
            }
        }
    }
    Ok(())
}

/// The data file's text: JSON, two-space indent, an array or object on one line when it fits
/// in 100 columns (so a reading or a year column is one line), final newline.
#[cfg(test)]
pub fn to_json(f: &Family) -> String {
    let v = serde_json::to_value(f).unwrap_or_default();
    let mut s = String::new();
    write_value(&mut s, &v, 0);
    s.push('\n');
    s
}

#[cfg(test)]
fn write_value(out: &mut String, v: &serde_json::Value, indent: usize) {
    use serde_json::Value;
    let one_line = compact(v);
    if indent + one_line.chars().count() <= 100 || !matches!(v, Value::Array(_) | Value::Object(_))
    {
        out.push_str(&one_line);
        return;
    }
    let pad = " ".repeat(indent + 2);
    match v {
        Value::Array(items) => {
            out.push_str("[\n");
            for (k, item) in items.iter().enumerate() {
                out.push_str(&pad);
                write_value(out, item, indent + 2);
                out.push_str(if k + 1 < items.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push(']');
        }
        Value::Object(map) => {
            out.push_str("{\n");
            for (k, (key, item)) in map.iter().enumerate() {
                out.push_str(&pad);
                out.push_str(&compact(&Value::String(key.clone())));
                out.push_str(": ");
                write_value(out, item, indent + 2);
                out.push_str(if k + 1 < map.len() { ",\n" } else { "\n" });
            }
            out.push_str(&" ".repeat(indent));
            out.push('}');
        }
        _ => {}
    }
}

/// One line, `, ` and `: ` between items.
#[cfg(test)]
fn compact(v: &serde_json::Value) -> String {
    use serde_json::Value;
    match v {
        Value::Array(items) => format!(
            "[{}]",
            items.iter().map(compact).collect::<Vec<_>>().join(", ")
        ),
        Value::Object(map) => format!(
            "{{{}}}",
            map.iter()
                .map(|(k, v)| format!("{}: {}", compact(&Value::String(k.clone())), compact(v)))
                .collect::<Vec<_>>()
                .join(", ")
        ),
        other => other.to_string(),
    }
}

/// The project root (for tests).
#[cfg(test)]
pub fn root() -> std::path::PathBuf {
    let dir = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR"));
    dir.parent().map(std::path::PathBuf::from).unwrap_or(dir)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// The data files (`*.json`) in `dir`, by name.
    fn names_in(dir: &Path) -> Vec<String> {
        let mut names: Vec<String> = std::fs::read_dir(dir)
            .unwrap()
            .filter_map(|e| {
                let name = e.unwrap().file_name().into_string().unwrap();
                name.strip_suffix(".json").map(str::to_owned)
            })
            .collect();
        names.sort();
        names
    }

    /// Every content file, families and novel layouts: (directory, name, content).
    fn all() -> Vec<(std::path::PathBuf, String, Family)> {
        let root = root();
        let mut out = Vec::new();
        for d in [dir(&root), novel_dir(&root)] {
            for name in names_in(&d) {
                let f = load_from(&d, &name).unwrap();
                out.push((d.clone(), name, f));
            }
        }
        out
    }

    /// Every data file parses, states values that all have a hand reading, and is written in
    /// the canonical layout (so a diff shows only what changed; `FORMAT_FAMILIES=1` rewrites
    /// the files in it after a hand edit).
    #[test]
    fn every_family_file_loads_reads_and_is_canonical() {
        let mut files = 0;
        for (dir, name, f) in all() {
            let path = dir.join(format!("{name}.json"));
            let list = super::super::expect::stated(&f).unwrap();
            assert!(!list.is_empty(), "{name}");
            let text = std::fs::read_to_string(&path).unwrap();
            if std::env::var_os("FORMAT_FAMILIES").is_some() {
                // Through a temporary file, so a test reading it meanwhile sees a whole file.
                let tmp = path.with_extension("json.tmp");
                std::fs::write(&tmp, to_json(&f)).unwrap();
                std::fs::rename(&tmp, &path).unwrap();
            } else {
                assert!(
                    text == to_json(&f),
                    "{name}.json is not in canonical form: FORMAT_FAMILIES=1 cargo test -p xtask content rewrites it"
                );
            }
            files += 1;
        }
        assert_eq!(files, 6 + 6);
    }

    /// A reading no printed text uses is a typo or a leftover: the editor meant another text.
    #[test]
    fn every_reading_is_used() {
        for (_, name, f) in all() {
            let printed: Vec<&str> = f
                .initiatives
                .iter()
                .filter(|i| i.omitted.is_none())
                .flat_map(|i| &i.series)
                .filter(|s| s.kind != "remark" && !s.restated)
                .flat_map(|s| {
                    let years = s.years.iter().flatten().map(String::as_str);
                    years
                        .chain(s.all_years.as_deref())
                        .chain(s.undated.as_deref())
                })
                .collect();
            for e in &f.readings {
                assert!(
                    printed.contains(&e.raw.as_str()),
                    "{name}: {:?} unused",
                    e.raw
                );
            }
        }
    }

    #[test]
    fn a_row_states_its_texts_one_way() {
        let mut f = load(&root(), "minamialps").unwrap();
        assert!(check(&f).is_ok());
        if let Some(s) = f.initiatives[0].series.first_mut() {
            s.undated = Some("1件".into());
        }
        assert!(check(&f).is_err());
    }

    #[test]
    fn a_text_without_a_hand_reading_is_an_error() {
        let mut f = load(&root(), "minamialps").unwrap();
        f.readings.retain(|e| e.raw != "98.60%");
        let err = super::super::expect::stated(&f).unwrap_err();
        assert!(format!("{err:#}").contains("not read by hand"), "{err:#}");
    }
}
