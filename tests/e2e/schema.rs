//! Every output validates against `schemas/`; a broken one does not.

use std::fs;

use muniplan_output::Validator;
use serde_json::{Value, json};

use crate::common::{convert, muniplan, root};

#[test]
fn every_output_of_the_fixture_set_validates() {
    let out = tempfile::tempdir().unwrap();
    let res = convert(&[&root().join("fixtures")], out.path(), &[]);
    assert!(
        res.status.success(),
        "the main job on fixtures must convert everything: {}",
        String::from_utf8_lossy(&res.stderr)
    );
    let validator = Validator::new().unwrap();
    let mut n_docs = 0;
    let mut n_obs = 0;
    for entry in fs::read_dir(out.path()).unwrap() {
        let path = entry.unwrap().path();
        let name = path.file_name().unwrap().to_string_lossy().into_owned();
        if name == "observations.jsonl" {
            for line in fs::read_to_string(&path).unwrap().lines() {
                let v: Value = serde_json::from_str(line).unwrap();
                let errs = validator.check_observation(&v);
                assert!(errs.is_empty(), "{line}\n{errs:#?}");
                n_obs += 1;
            }
        } else if name == "report.json" {
            let v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
            let errs = validator.check_report(&v);
            assert!(errs.is_empty(), "report.json\n{errs:#?}");
        } else if name.ends_with(".json") {
            let v: Value = serde_json::from_slice(&fs::read(&path).unwrap()).unwrap();
            let errs = validator.check_document(&v);
            assert!(errs.is_empty(), "{name}\n{errs:#?}");
            n_docs += 1;
        }
    }
    assert!(
        n_docs >= 2 && n_obs >= 155,
        "{n_docs} documents, {n_obs} observations"
    );
}

fn valid_observation() -> Value {
    json!({
        "municipality": "南アルプス市", "municipality_code": "192082", "document": "a.xlsx",
        "initiative_id": "1", "initiative": "きめ細かな納税相談", "indicator": "市税収納率",
        "fiscal_year": 2026, "as_of": null, "date": null, "by": false, "kind": "target", "value": 98.6, "unit": "%",
        "display_unit": null, "bound": null, "cumulative": false, "direction": null,
        "relative_to": null, "relative_to_year": null, "change_percent": null, "text": null, "raw": "98.60%", "achieved": null,
        "source": {"sheet": "実施計画", "cell": "B14"},
        "prefecture": "山梨県", "prefecture_code": "19",
        "source_url": "https://example.jp/plan.xlsx", "retrieved": "2024-05-31",
        "unit_source": "cell", "unit_source_ref": null
    })
}

#[test]
fn broken_records_fail_validation() {
    let validator = Validator::new().unwrap();
    assert_eq!(
        validator.check_observation(&valid_observation()),
        Vec::<String>::new()
    );
    for (as_of, rel, year) in [
        ("2020-01-15", "fiscal_year", json!(2020)),
        ("2024-03", "previous_year", json!(null)),
        ("2024", "previous_year", json!(null)),
    ] {
        let mut v = valid_observation();
        v["as_of"] = json!(as_of);
        v["relative_to"] = json!(rel);
        v["relative_to_year"] = year;
        assert_eq!(
            validator.check_observation(&v),
            Vec::<String>::new(),
            "{as_of}"
        );
    }
    // Schema 1.3: a deadline with its calendar date, and a date alone.
    for (date, by) in [("2026-03", true), ("2021-10", false), ("2020-12-01", true)] {
        let mut v = valid_observation();
        v["date"] = json!(date);
        v["by"] = json!(by);
        assert_eq!(
            validator.check_observation(&v),
            Vec::<String>::new(),
            "{date}"
        );
    }
    type Breakage = Box<dyn Fn(&mut Value)>;
    let breakages: Vec<(&str, Breakage)> = vec![
        (
            "value as a string",
            Box::new(|v| v["value"] = json!("98.6")),
        ),
        ("unknown kind", Box::new(|v| v["kind"] = json!("goal"))),
        (
            "missing raw",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("raw");
            }),
        ),
        (
            "bad cell ref",
            Box::new(|v| v["source"] = json!({"sheet": "s", "cell": "b14"})),
        ),
        (
            "bbox of 3",
            Box::new(|v| v["source"] = json!({"page": 1, "bbox": [1, 2, 3]})),
        ),
        (
            "5-digit code",
            Box::new(|v| v["municipality_code"] = json!("19208")),
        ),
        ("extra key", Box::new(|v| v["comment"] = json!("x"))),
        (
            "3-digit prefecture code",
            Box::new(|v| v["prefecture_code"] = json!("019")),
        ),
        (
            "retrieved not a date",
            Box::new(|v| v["retrieved"] = json!("2024/05/31")),
        ),
        (
            "missing source_url",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("source_url");
            }),
        ),
        (
            "unknown unit source",
            Box::new(|v| v["unit_source"] = json!("footnote")),
        ),
        (
            "missing unit source",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("unit_source");
            }),
        ),
        (
            "bad unit source ref",
            Box::new(|v| v["unit_source_ref"] = json!({"sheet": "s"})),
        ),
        ("as_of not ISO", Box::new(|v| v["as_of"] = json!("R2.1.15"))),
        (
            "as_of month 13",
            Box::new(|v| v["as_of"] = json!("2020-13")),
        ),
        (
            "missing as_of",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("as_of");
            }),
        ),
        (
            "date not ISO",
            Box::new(|v| v["date"] = json!("令和8年3月")),
        ),
        ("date month 0", Box::new(|v| v["date"] = json!("2026-00"))),
        (
            "missing date",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("date");
            }),
        ),
        ("by as a string", Box::new(|v| v["by"] = json!("true"))),
        ("by null", Box::new(|v| v["by"] = json!(null))),
        (
            "missing by",
            Box::new(|v| {
                v.as_object_mut().unwrap().remove("by");
            }),
        ),
        (
            "unknown relative_to",
            Box::new(|v| v["relative_to"] = json!("last_year")),
        ),
    ];
    for (what, breakage) in breakages {
        let mut v = valid_observation();
        breakage(&mut v);
        assert!(
            !validator.check_observation(&v).is_empty(),
            "{what} passed validation"
        );
    }
}

#[test]
fn validate_command_fails_on_a_broken_document() {
    let out = tempfile::tempdir().unwrap();
    let xlsx = root().join("fixtures/minamialps/minamialps_jisshikeikaku.xlsx");
    let res = convert(&[&xlsx], out.path(), &[]);
    assert!(res.status.success());
    let good = out.path().join("minamialps_jisshikeikaku.json");
    let report = out.path().join("report.json");
    let jsonl = out.path().join("observations.jsonl");
    let res = muniplan(&[
        "validate",
        good.to_str().unwrap(),
        report.to_str().unwrap(),
        jsonl.to_str().unwrap(),
    ]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stdout)
    );

    // A 1.2 record (no `date`, no `by`) is not a 1.3 one.
    let text = fs::read_to_string(&jsonl).unwrap();
    let mut rec: Value = serde_json::from_str(text.lines().next().unwrap()).unwrap();
    let obj = rec.as_object_mut().unwrap();
    obj.remove("date");
    obj.remove("by");
    let old = out.path().join("old.jsonl");
    fs::write(&old, serde_json::to_vec(&rec).unwrap()).unwrap();
    let res = muniplan(&["validate", old.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(
        stdout.contains("\"date\" is a required property")
            && stdout.contains("\"by\" is a required property"),
        "{stdout}"
    );

    let mut doc: Value = serde_json::from_slice(&fs::read(&good).unwrap()).unwrap();
    doc["schema_version"] = json!("0.9");
    doc["initiatives"][0]["observations"][0]["fiscal_year"] = json!("令和8年度");
    let bad = out.path().join("broken.json");
    fs::write(&bad, serde_json::to_vec(&doc).unwrap()).unwrap();
    let res = muniplan(&["validate", bad.to_str().unwrap()]);
    assert_eq!(res.status.code(), Some(1));
    let stdout = String::from_utf8_lossy(&res.stdout);
    assert!(stdout.contains("/schema_version"), "{stdout}");
    assert!(
        stdout.contains("/initiatives/0/observations/0/fiscal_year"),
        "{stdout}"
    );
}

#[test]
fn schema_command_prints_the_committed_schemas() {
    for which in ["plan", "observation", "report"] {
        let res = muniplan(&["schema", which]);
        assert!(res.status.success());
        let printed: Value = serde_json::from_slice(&res.stdout).unwrap();
        let file: Value = serde_json::from_slice(
            &fs::read(root().join(format!("schemas/{which}.schema.json"))).unwrap(),
        )
        .unwrap();
        assert_eq!(printed, file);
        assert_eq!(
            printed["$schema"],
            "https://json-schema.org/draft/2020-12/schema"
        );
    }
}

/// A table of numbers in no layout the recognizer knows: report.json says `empty` with the
/// reason (valid against the report schema), stderr says so; a file with no numbers at all
/// stays `ok`.
#[test]
fn values_seen_without_observations_are_reported_empty() {
    let dir = tempfile::tempdir().unwrap();
    let numbers = dir.path().join("numbers.csv");
    fs::write(&numbers, "列A,列B,列C\n12,34,56\n78,90,12\n").unwrap();
    let words = dir.path().join("words.csv");
    fs::write(&words, "メモ\nなし\n").unwrap();
    let out = tempfile::tempdir().unwrap();
    let res = convert(&[&numbers, &words], out.path(), &[]);
    assert!(res.status.success());
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(
        stderr.contains("numbers.csv: empty: 6 table cells hold numbers"),
        "{stderr}"
    );
    assert!(!stderr.contains("words.csv: empty"), "{stderr}");
    // Both need a look (no observations), and the summary says so.
    assert!(
        stderr.contains("review: ") && stderr.contains("words.csv: no observations"),
        "{stderr}"
    );
    let report: Value =
        serde_json::from_slice(&fs::read(out.path().join("report.json")).unwrap()).unwrap();
    assert!(Validator::new().unwrap().check_report(&report).is_empty());
    let status = |file: &str| {
        report["files"]
            .as_array()
            .unwrap()
            .iter()
            .find(|f| f["file"].as_str().unwrap().ends_with(file))
            .cloned()
            .unwrap()
    };
    assert_eq!(status("numbers.csv")["status"], "empty");
    assert!(status("numbers.csv")["reason"].is_string());
    assert_eq!(status("words.csv")["status"], "ok");
    assert_eq!(status("words.csv")["reason"], Value::Null);
    assert_eq!(report["summary"]["empty"], 1);
}
