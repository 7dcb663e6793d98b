//! `muniplan dataset OUT... -o DATASET`: the documents of one or more `convert` outputs as one
//! longitudinal table, one row per (municipality_code, initiative, indicator, fiscal_year,
//! kind).
//!
//! Documents are grouped by municipality code (a document without one stays a group of its
//! own: it cannot be joined). Within a group they are read in report order (report year, an
//! undated plan edition first; equal years in the order given), and each initiative is
//! matched with one read earlier: same id and normalized title (confidence 1), same
//! normalized title (0.9), same id and a title at least [`SIMILAR`] alike by character
//! bigrams (that likeness). Anything else is a new initiative, never merged by guess. For a
//! key printed by several documents the latest report's value stands; when the values
//! differ, the revision is kept with both values, both documents and both report years.

use std::collections::BTreeMap;
use std::fs;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::{Context, bail};
use serde_json::{Map, Value, json};

use crate::batch::{self, RealFs};

/// Flags of `muniplan dataset`.
#[derive(clap::Args)]
pub struct DatasetArgs {
    /// Output folders of `muniplan convert` (their `<stem>.json` documents are read).
    #[arg(required = true, value_name = "OUT")]
    pub outs: Vec<PathBuf>,
    /// Dataset folder (created if missing): dataset.jsonl, dataset.csv, dataset.parquet,
    /// revisions.jsonl, matches.json.
    #[arg(short, long, value_name = "DATASET")]
    pub output: PathBuf,
}

/// Least bigram likeness of two titles under one id for the initiatives to be matched.
const SIMILAR: f64 = 0.8;

/// One converted document.
struct Doc {
    name: String,
    v: Value,
}

impl Doc {
    fn str(&self, ptr: &str) -> Option<&str> {
        self.v.pointer(ptr).and_then(Value::as_str)
    }
    fn report_year(&self) -> Option<i64> {
        self.v.pointer("/plan/report_year").and_then(Value::as_i64)
    }
}

/// An initiative of the table, made of those of several documents.
struct Canon {
    key: String,
    id: String,
    title: String,
    norm: String,
    members: Vec<Value>,
}

/// Run `muniplan dataset`.
pub fn run(args: DatasetArgs) -> anyhow::Result<ExitCode> {
    let mut docs = Vec::new();
    for out in &args.outs {
        docs.extend(read_docs(out)?);
    }
    if docs.is_empty() {
        bail!("no documents found in {}", display(&args.outs));
    }
    let built = build(&docs);
    fs::create_dir_all(&args.output)
        .with_context(|| format!("cannot create {}", args.output.display()))?;
    let jsonl = |rows: &[Value]| {
        let mut out = Vec::new();
        for r in rows {
            out.extend(serde_json::to_vec(r).unwrap_or_default());
            out.push(b'\n');
        }
        out
    };
    let mut matches = serde_json::to_vec_pretty(&built.matches)?;
    matches.push(b'\n');
    let parquet = crate::parquet_out::dataset_columns(FIELDS)
        .and_then(|cols| crate::parquet_out::write(&built.rows, &cols))
        .map_err(|e| anyhow::anyhow!("dataset.parquet: {e}"))?;
    for (name, bytes) in [
        ("dataset.jsonl", jsonl(&built.rows)),
        ("dataset.csv", csv(&built.rows)),
        ("dataset.parquet", parquet),
        ("revisions.jsonl", jsonl(&built.revisions)),
        ("matches.json", matches),
    ] {
        batch::write_atomic(&RealFs, &args.output.join(name), &bytes)?;
    }
    eprintln!(
        "muniplan: {} documents, {} rows, {} revisions → {}",
        docs.len(),
        built.rows.len(),
        built.revisions.len(),
        args.output.display()
    );
    Ok(ExitCode::SUCCESS)
}

fn display(paths: &[PathBuf]) -> String {
    let v: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    v.join(" ")
}

/// The documents of a convert output, by file name.
fn read_docs(out: &Path) -> anyhow::Result<Vec<Doc>> {
    let mut names: Vec<PathBuf> = fs::read_dir(out)
        .with_context(|| format!("cannot list {}", out.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut docs = Vec::new();
    for path in names {
        let Ok(text) = fs::read_to_string(&path) else {
            continue;
        };
        let Ok(v) = serde_json::from_str::<Value>(&text) else {
            continue;
        };
        // report.json and other files have no plan.
        if v.get("plan").is_none() || v.get("initiatives").is_none() {
            continue;
        }
        let name = v
            .pointer("/source/file")
            .and_then(Value::as_str)
            .unwrap_or_default()
            .to_string();
        docs.push(Doc { name, v });
    }
    Ok(docs)
}

/// What `dataset` writes.
struct Built {
    rows: Vec<Value>,
    revisions: Vec<Value>,
    matches: Value,
}

/// A title for matching: normalized, letters and digits only.
fn norm_title(t: &str) -> String {
    muniplan_normalize::normalize_text(t)
        .chars()
        .filter(|c| c.is_alphanumeric())
        .collect()
}

/// Dice coefficient of character bigrams.
fn likeness(a: &str, b: &str) -> f64 {
    let grams = |s: &str| {
        let c: Vec<char> = s.chars().collect();
        c.windows(2).map(|w| (w[0], w[1])).collect::<Vec<_>>()
    };
    let (ga, mut gb) = (grams(a), grams(b));
    if ga.is_empty() || gb.is_empty() {
        return if a == b { 1.0 } else { 0.0 };
    }
    let total = ga.len() + gb.len();
    let mut shared = 0;
    for g in &ga {
        if let Some(i) = gb.iter().position(|x| x == g) {
            gb.swap_remove(i);
            shared += 1;
        }
    }
    (2 * shared) as f64 / total as f64
}

/// The initiative of `canon` an initiative of a later document is, with how and how sure.
fn match_initiative(
    canon: &[Canon],
    taken: &[bool],
    id: &str,
    norm: &str,
) -> Option<(usize, &'static str, f64)> {
    let free = |i: &usize| !taken[*i];
    let idx = 0..canon.len();
    if let Some(i) = idx
        .clone()
        .filter(free)
        .find(|&i| canon[i].id == id && canon[i].norm == norm)
    {
        return Some((i, "id_and_title", 1.0));
    }
    if let Some(i) = idx.clone().filter(free).find(|&i| canon[i].norm == norm) {
        return Some((i, "title", 0.9));
    }
    idx.filter(free)
        .filter(|&i| canon[i].id == id)
        .map(|i| (i, likeness(&canon[i].norm, norm)))
        .find(|(_, l)| *l >= SIMILAR)
        .map(|(i, l)| (i, "id_and_similar_title", (l * 100.0).round() / 100.0))
}

/// One document's printing of a key.
struct Printed<'a> {
    doc: &'a Doc,
    obs: &'a Value,
}

fn build(docs: &[Doc]) -> Built {
    // Groups by municipality code, in order of first appearance.
    let mut groups: BTreeMap<String, Vec<usize>> = BTreeMap::new();
    for (i, d) in docs.iter().enumerate() {
        let key = match d.str("/plan/municipality_code") {
            Some(code) => code.to_string(),
            None => format!("~document:{}", d.name),
        };
        groups.entry(key).or_default().push(i);
    }
    let mut rows = Vec::new();
    let mut revisions = Vec::new();
    let mut group_reports = Vec::new();
    for (group, mut members) in groups {
        // Report order: undated first, then by year; the order given among equals.
        members.sort_by_key(|&i| (docs[i].report_year().map_or(i64::MIN, |y| y), i));
        let mut canon: Vec<Canon> = Vec::new();
        // (initiative index, indicator, fiscal year, kind) → printings in report order.
        let mut keyed: BTreeMap<(usize, String, Option<i64>, String), Vec<Printed>> =
            BTreeMap::new();
        let mut order: Vec<(usize, String, Option<i64>, String)> = Vec::new();
        for &di in &members {
            let d = &docs[di];
            let inits = d.v["initiatives"].as_array().map_or(&[][..], |a| a);
            let mut taken = vec![false; canon.len()];
            for ini in inits {
                let id = ini["id"].as_str().unwrap_or_default();
                let title = ini["title"].as_str().unwrap_or_default();
                let norm = norm_title(title);
                let member = |how: &str, confidence: f64| {
                    json!({"document": d.name, "report_year": d.report_year(), "id": id,
                           "title": title, "match": how, "confidence": confidence})
                };
                let ci = match match_initiative(&canon, &taken, id, &norm) {
                    Some((ci, how, conf)) => {
                        canon[ci].members.push(member(how, conf));
                        ci
                    }
                    None => {
                        canon.push(Canon {
                            key: format!("{}#{}", d.name, id),
                            id: id.to_string(),
                            title: title.to_string(),
                            norm,
                            members: vec![member("first", 1.0)],
                        });
                        taken.push(false);
                        canon.len() - 1
                    }
                };
                taken[ci] = true;
                for obs in ini["observations"].as_array().map_or(&[][..], |a| a) {
                    let key = (
                        ci,
                        obs["indicator"].as_str().unwrap_or_default().to_string(),
                        obs["fiscal_year"].as_i64(),
                        obs["kind"].as_str().unwrap_or_default().to_string(),
                    );
                    let list = keyed.entry(key.clone()).or_default();
                    if list.is_empty() {
                        order.push(key);
                    }
                    // One printing per document (a summary page restating a value).
                    if !list.iter().any(|p| std::ptr::eq(p.doc, d)) {
                        list.push(Printed { doc: d, obs });
                    }
                }
            }
        }
        for key in &order {
            let Some(list) = keyed.get(key) else { continue };
            let Some(last) = list.last() else { continue };
            let c = &canon[key.0];
            let mut revised = false;
            for pair in list.windows(2) {
                let (a, b) = (&pair[0], &pair[1]);
                if reading(a.obs) != reading(b.obs) {
                    revised = true;
                    revisions.push(json!({
                        "municipality_code": a.doc.str("/plan/municipality_code"),
                        "initiative_key": c.key,
                        "initiative": c.title,
                        "indicator": key.1,
                        "fiscal_year": key.2,
                        "kind": key.3,
                        "previous": printing(a),
                        "current": printing(b),
                    }));
                }
            }
            rows.push(row(last, c, key, list.len(), revised));
        }
        group_reports.push(json!({
            "municipality_code": if group.starts_with('~') { Value::Null } else { json!(group) },
            "documents": members.iter().map(|&i| json!({"document": docs[i].name,
                "report_year": docs[i].report_year()})).collect::<Vec<_>>(),
            "initiatives": canon.iter().map(|c| json!({"initiative_key": c.key,
                "id": c.id, "title": c.title, "members": c.members})).collect::<Vec<_>>(),
        }));
    }
    Built {
        rows,
        revisions,
        matches: json!({ "groups": group_reports }),
    }
}

/// What a printing says: exact value, unit, bound, text.
fn reading(o: &Value) -> (String, String, String, String) {
    let s = |k: &str| match &o[k] {
        Value::Null => String::new(),
        v => v.to_string(),
    };
    (s("value"), s("unit"), s("bound"), s("text"))
}

/// A printing in a revision: the value and where it came from.
fn printing(p: &Printed) -> Value {
    json!({
        "value": p.obs["value"], "unit": p.obs["unit"], "text": p.obs["text"],
        "raw": p.obs["raw"], "document": p.doc.name, "report_year": p.doc.report_year(),
        "source_url": p.doc.v.pointer("/source/url"), "source": p.obs["source"],
    })
}

/// Fields of a dataset row, in order (also the CSV header).
const FIELDS: &[&str] = &[
    "municipality",
    "municipality_code",
    "prefecture",
    "prefecture_code",
    "initiative_key",
    "initiative_id",
    "initiative",
    "indicator",
    "fiscal_year",
    "kind",
    "value",
    "unit",
    "display_unit",
    "bound",
    "cumulative",
    "text",
    "raw",
    "document",
    "report_year",
    "source_url",
    "retrieved",
    "printed_in",
    "revised",
];

fn row(
    p: &Printed,
    c: &Canon,
    key: &(usize, String, Option<i64>, String),
    printed_in: usize,
    revised: bool,
) -> Value {
    let d = &p.doc.v;
    let o = p.obs;
    let vals = [
        d["plan"]["municipality"].clone(),
        d["plan"]["municipality_code"].clone(),
        d["plan"]["prefecture"].clone(),
        d["plan"]["prefecture_code"].clone(),
        json!(c.key),
        json!(c.id),
        json!(c.title),
        o["indicator"].clone(),
        json!(key.2),
        json!(key.3),
        o["value"].clone(),
        o["unit"].clone(),
        o["display_unit"].clone(),
        o["bound"].clone(),
        o["cumulative"].clone(),
        o["text"].clone(),
        o["raw"].clone(),
        json!(p.doc.name),
        json!(p.doc.report_year()),
        d["source"]["url"].clone(),
        d["source"]["retrieved"].clone(),
        json!(printed_in),
        json!(revised),
    ];
    let map: Map<String, Value> = FIELDS.iter().map(|f| f.to_string()).zip(vals).collect();
    Value::Object(map)
}

fn csv(rows: &[Value]) -> Vec<u8> {
    let mut text = String::new();
    muniplan_output::push_row(&mut text, FIELDS.iter().map(|f| f.to_string()));
    for r in rows {
        muniplan_output::push_row(
            &mut text,
            FIELDS.iter().map(|f| match &r[*f] {
                Value::Null => String::new(),
                Value::String(s) => s.clone(),
                v => v.to_string(),
            }),
        );
    }
    text.into_bytes()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A document of 能美市 with one initiative printing one target for 2026.
    fn doc(name: &str, report_year: Option<i64>, value: &str) -> Doc {
        let v: Value = serde_json::from_str(&format!(
            r#"{{"plan": {{"municipality_code": "172111", "report_year": {}}},
                "source": {{"file": "{name}"}},
                "initiatives": [{{"id": "1", "title": "ふるさと納税の推進",
                  "observations": [{{"indicator": "寄附金額", "fiscal_year": 2026,
                    "kind": "target", "value": {value}, "raw": "{value}"}}]}}]}}"#,
            report_year.map_or("null".to_string(), |y| y.to_string())
        ))
        .unwrap_or_default();
        Doc {
            name: name.to_string(),
            v,
        }
    }

    /// Which document's value stands, and the documents of the revisions in order.
    fn outcome(docs: &[Doc]) -> (String, Vec<(String, String)>) {
        let built = build(docs);
        assert_eq!(built.rows.len(), 1);
        let doc = |v: &Value| v["document"].as_str().unwrap_or_default().to_string();
        (
            doc(&built.rows[0]),
            built
                .revisions
                .iter()
                .map(|r| (doc(&r["previous"]), doc(&r["current"])))
                .collect(),
        )
    }

    #[test]
    fn a_dated_report_stands_over_an_undated_one_in_any_order() {
        for docs in [
            vec![doc("plan.json", None, "1"), doc("r6.json", Some(2024), "2")],
            vec![doc("r6.json", Some(2024), "2"), doc("plan.json", None, "1")],
        ] {
            let (stands, revisions) = outcome(&docs);
            assert_eq!(stands, "r6.json");
            assert_eq!(revisions, [("plan.json".into(), "r6.json".into())]);
        }
        // The later year stands whatever the order given.
        for docs in [
            vec![
                doc("r5.json", Some(2023), "1"),
                doc("r6.json", Some(2024), "2"),
            ],
            vec![
                doc("r6.json", Some(2024), "2"),
                doc("r5.json", Some(2023), "1"),
            ],
        ] {
            assert_eq!(outcome(&docs).0, "r6.json");
        }
    }

    #[test]
    fn equal_report_years_stand_in_the_order_given() {
        let a = || doc("a.json", Some(2024), "1");
        let b = || doc("b.json", Some(2024), "2");
        let (stands, revisions) = outcome(&[a(), b()]);
        assert_eq!(stands, "b.json");
        assert_eq!(revisions, [("a.json".into(), "b.json".into())]);
        assert_eq!(outcome(&[b(), a()]).0, "a.json");
        // Same value in both: no revision, the later given is the row's document.
        let (stands, revisions) = outcome(&[a(), doc("c.json", Some(2024), "1")]);
        assert_eq!(stands, "c.json");
        assert!(revisions.is_empty());
        // Deterministic: the same documents give the same rows.
        let once = build(&[a(), b()]).rows;
        assert_eq!(once, build(&[a(), b()]).rows);
    }

    #[test]
    fn titles_match_by_likeness_not_guess() {
        assert_eq!(
            norm_title("きめ細かな 納税相談・滞納処分"),
            "きめ細かな納税相談滞納処分"
        );
        assert!(likeness("ふるさと納税の推進", "ふるさと納税の推進") > 0.99);
        assert!(likeness("ふるさと納税の推進等", "ふるさと納税の推進") >= SIMILAR);
        assert!(
            likeness(
                "民間企業との連携による新たな財源確保",
                "企業版ふるさと納税の推進"
            ) < SIMILAR
        );
        let canon = vec![Canon {
            key: "a#1".into(),
            id: "1".into(),
            title: String::new(),
            norm: "ふるさと納税の推進".into(),
            members: vec![],
        }];
        assert_eq!(
            match_initiative(&canon, &[false], "1", "ふるさと納税の推進").map(|m| m.1),
            Some("id_and_title")
        );
        assert_eq!(
            match_initiative(&canon, &[false], "7", "ふるさと納税の推進").map(|m| m.1),
            Some("title")
        );
        assert_eq!(
            match_initiative(&canon, &[false], "1", "企業版ふるさと納税").map(|m| m.1),
            None,
            "same id, other title: kept apart"
        );
        assert_eq!(
            match_initiative(&canon, &[true], "1", "ふるさと納税の推進").map(|m| m.1),
            None,
            "taken by another initiative of the same document"
        );
    }
}
