//! `muniplan dataset`: two reports of one plan into one longitudinal table.

use std::fs;
use std::path::{Path, PathBuf};

use serde_json::Value;

use crate::common::{convert, fixture, muniplan};

fn lines(path: &std::path::Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

const OLD_TARGET: &str = "98.65%";
const NEW_TARGET: &str = "98.90%";
const OLD_TITLE: &str = "民間企業との連携による新たな財源確保";
const NEW_TITLE: &str = "企業版ふるさと納税による寄附の獲得";

/// A fixture (`a/plan_r7.csv`) and a variant of it with one target changed and one initiative
/// renamed (`b/plan_r8.csv`), each converted for 南アルプス市: the two OUT folders. Neither
/// prints a report year.
fn two_reports(tmp: &Path) -> (PathBuf, PathBuf) {
    let original = fs::read(fixture("minamialps/minamialps_mokuhyo_cp932.csv")).unwrap();
    let (text, _, _) = encoding_rs::SHIFT_JIS.decode(&original);
    assert_eq!(text.matches(OLD_TARGET).count(), 1);
    assert_eq!(text.matches(OLD_TITLE).count(), 1);
    let variant = text
        .replace(OLD_TARGET, NEW_TARGET)
        .replace(OLD_TITLE, NEW_TITLE);
    let (variant, _, _) = encoding_rs::SHIFT_JIS.encode(&variant);
    let (a, b) = (tmp.join("a"), tmp.join("b"));
    fs::create_dir_all(&a).unwrap();
    fs::create_dir_all(&b).unwrap();
    fs::write(a.join("plan_r7.csv"), &original).unwrap();
    fs::write(b.join("plan_r8.csv"), &variant[..]).unwrap();
    let (out_a, out_b) = (tmp.join("out_a"), tmp.join("out_b"));
    for (input, out) in [(&a, &out_a), (&b, &out_b)] {
        let run = convert(&[input], out, &["--municipality", "南アルプス市"]);
        assert!(
            run.status.success(),
            "{}",
            String::from_utf8_lossy(&run.stderr)
        );
    }
    (out_a, out_b)
}

/// `muniplan dataset OUTS -o DS`, which must succeed.
fn dataset(outs: &[&Path], ds: &Path) {
    let mut args = vec!["dataset".to_string()];
    args.extend(outs.iter().map(|o| o.display().to_string()));
    args.extend(["-o".to_string(), ds.display().to_string()]);
    let args: Vec<&str> = args.iter().map(String::as_str).collect();
    let run = muniplan(&args);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
}

/// A fixture and a later variant of it with one target changed and one initiative
/// renamed: one row per key, the changed target a revision with both documents (the later
/// value standing), the renamed initiative kept apart.
#[test]
fn two_reports_of_one_plan_make_one_table() {
    let tmp = tempfile::tempdir().unwrap();
    let (out_a, out_b) = two_reports(tmp.path());
    let (old_target, new_target, old_title, new_title) =
        (OLD_TARGET, NEW_TARGET, OLD_TITLE, NEW_TITLE);
    let ds = tmp.path().join("ds");
    dataset(&[&out_a, &out_b], &ds);
    let rows = lines(&ds.join("dataset.jsonl"));
    let obs_a = lines(&out_a.join("observations.jsonl"));
    // One row per key.
    let mut keys: Vec<String> = rows
        .iter()
        .map(|r| {
            format!(
                "{}|{}|{}|{}|{}",
                r["municipality_code"],
                r["initiative_key"],
                r["indicator"],
                r["fiscal_year"],
                r["kind"]
            )
        })
        .collect();
    let n = keys.len();
    keys.sort();
    keys.dedup();
    assert_eq!(keys.len(), n, "a key twice");
    // The renamed initiative is apart: its rows come from b only, and the old one's from a
    // only; every other row is printed in both.
    let renamed: Vec<&Value> = rows
        .iter()
        .filter(|r| r["initiative"] == new_title)
        .collect();
    let old: Vec<&Value> = rows
        .iter()
        .filter(|r| r["initiative"] == old_title)
        .collect();
    assert!(!renamed.is_empty() && !old.is_empty());
    assert!(
        renamed
            .iter()
            .all(|r| r["printed_in"] == 1 && r["document"] == "plan_r8.csv")
    );
    assert!(
        old.iter()
            .all(|r| r["printed_in"] == 1 && r["document"] == "plan_r7.csv")
    );
    assert_eq!(
        rows.len(),
        obs_a.len() + renamed.len(),
        "every other row is one key of both documents"
    );
    assert!(
        rows.iter()
            .filter(|r| r["initiative"] != new_title && r["initiative"] != old_title)
            .all(|r| r["printed_in"] == 2)
    );
    // One revision, with both values and both documents; the later value stands.
    let revisions = lines(&ds.join("revisions.jsonl"));
    assert_eq!(revisions.len(), 1, "{revisions:?}");
    let r = &revisions[0];
    assert_eq!(r["fiscal_year"], 2027);
    assert_eq!(r["kind"], "target");
    assert_eq!(r["previous"]["raw"], old_target);
    assert_eq!(r["previous"]["document"], "plan_r7.csv");
    assert_eq!(r["current"]["raw"], new_target);
    assert_eq!(r["current"]["document"], "plan_r8.csv");
    let row = rows
        .iter()
        .find(|x| x["revised"] == true)
        .expect("the revised row");
    assert_eq!(row["value"].to_string(), "98.9");
    assert_eq!(row["municipality_code"], "192082");
    // The match report: the renamed initiative is a first of its own.
    let matches: Value =
        serde_json::from_str(&fs::read_to_string(ds.join("matches.json")).unwrap()).unwrap();
    let inits = matches["groups"][0]["initiatives"].as_array().unwrap();
    let apart = inits.iter().find(|i| i["title"] == new_title).unwrap();
    assert_eq!(apart["members"].as_array().unwrap().len(), 1);
    let merged = inits
        .iter()
        .filter(|i| i["members"].as_array().unwrap().len() == 2);
    assert!(merged.clone().count() >= 20);
    assert!(
        merged
            .flat_map(|i| i["members"].as_array().unwrap())
            .all(|m| m["confidence"].as_f64().is_some_and(|c| c >= 0.8))
    );
    let csv = fs::read_to_string(ds.join("dataset.csv")).unwrap();
    assert_eq!(csv.lines().count(), rows.len() + 1);
    let parquet = fs::read(ds.join("dataset.parquet")).unwrap();
    assert!(parquet.starts_with(b"PAR1") && parquet.ends_with(b"PAR1"));
}

/// Report order when neither document prints a report year: the order given stands (OUT
/// arguments in order; within one OUT, documents by file name), so the document given last
/// wins; the same arguments give the same bytes. (A dated report after an undated one and
/// equal years: `dataset.rs` unit tests.)
#[test]
fn undated_reports_stand_in_the_order_given_and_deterministically() {
    let tmp = tempfile::tempdir().unwrap();
    let (out_a, out_b) = two_reports(tmp.path());
    let revised = |ds: &Path| -> (Value, Value) {
        let rows = lines(&ds.join("dataset.jsonl"));
        let row = rows
            .into_iter()
            .find(|x| x["revised"] == true)
            .expect("the revised row");
        let revisions = lines(&ds.join("revisions.jsonl"));
        assert_eq!(revisions.len(), 1, "{revisions:?}");
        (row, revisions[0].clone())
    };
    // b given first, a last: a's value stands, b's is the previous printing.
    let ds = tmp.path().join("ds_ba");
    dataset(&[&out_b, &out_a], &ds);
    let (row, rev) = revised(&ds);
    assert_eq!(row["raw"], OLD_TARGET);
    assert_eq!(row["document"], "plan_r7.csv");
    assert_eq!(row["report_year"], Value::Null);
    assert_eq!(rev["previous"]["document"], "plan_r8.csv");
    assert_eq!(rev["current"]["document"], "plan_r7.csv");
    // a then b: b's value stands.
    let ds_ab = tmp.path().join("ds_ab");
    dataset(&[&out_a, &out_b], &ds_ab);
    let (row, _) = revised(&ds_ab);
    assert_eq!(row["raw"], NEW_TARGET);
    // Again with the same arguments: the same bytes in every file.
    let again = tmp.path().join("ds_ba_again");
    dataset(&[&out_b, &out_a], &again);
    for name in [
        "dataset.jsonl",
        "dataset.csv",
        "dataset.parquet",
        "revisions.jsonl",
        "matches.json",
    ] {
        assert_eq!(
            fs::read(ds.join(name)).unwrap(),
            fs::read(again.join(name)).unwrap(),
            "{name}"
        );
    }
}
