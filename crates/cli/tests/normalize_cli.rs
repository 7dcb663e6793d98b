//! `muniplan normalize` end to end: the acceptance strings of issue 3, exact JSON out.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::io::Write;
use std::process::{Command, Stdio};

use serde_json::Value;

fn run(args: &[&str], stdin: Option<&str>) -> Vec<Value> {
    let mut cmd = Command::new(env!("CARGO_BIN_EXE_muniplan"));
    cmd.arg("normalize").args(args);
    cmd.stdin(Stdio::piped())
        .stdout(Stdio::piped())
        .stderr(Stdio::piped());
    let mut child = cmd.spawn().unwrap();
    {
        let mut input = child.stdin.take().unwrap();
        if let Some(s) = stdin {
            input.write_all(s.as_bytes()).unwrap();
        }
    }
    let out = child.wait_with_output().unwrap();
    assert!(
        out.status.success(),
        "stderr: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn one(input: &str) -> Value {
    let mut v = run(&[input], None);
    assert_eq!(v.len(), 1);
    v.remove(0)
}

/// The exact JSON text of a number (arbitrary precision keeps it verbatim).
fn num(v: &Value) -> String {
    match v {
        Value::Number(n) => n.to_string(),
        other => panic!("not a number: {other}"),
    }
}

#[test]
fn money_scales() {
    let v = one("15.6百万円");
    assert_eq!(v["kind"], "quantity");
    assert_eq!(num(&v["value"]), "15600000");
    assert_eq!(v["unit"], "円");
    assert_eq!(v["display_unit"], "百万円");
    let v = one("4,263,148千円");
    assert_eq!(num(&v["value"]), "4263148000");
    assert_eq!(v["unit"], "円");
}

#[test]
fn numerals_bounds_directions() {
    let v = one("122万4千枚削減");
    assert_eq!(num(&v["value"]), "1224000");
    assert_eq!(v["unit"], "枚");
    assert_eq!(v["direction"], "decrease");
    assert!(v.get("display_unit").is_none());
    let v = one("275万枚以上削減");
    assert_eq!(num(&v["value"]), "2750000");
    assert_eq!(v["unit"], "枚");
    assert_eq!(v["bound"], "at_least");
    assert_eq!(v["direction"], "decrease");
}

#[test]
fn wrapped_cells() {
    let v = one("90.5%\n以内");
    assert_eq!(num(&v["value"]), "90.5");
    assert_eq!(v["unit"], "%");
    assert_eq!(v["bound"], "at_most");
    let v = one("累計\n250件");
    assert_eq!(num(&v["value"]), "250");
    assert_eq!(v["unit"], "件");
    assert_eq!(v["cumulative"], true);
    // On stdin a literal \n stands for the line break.
    let v = run(&[], Some("90.5%\\n以内\n累計\\n250件\n"));
    assert_eq!(v.len(), 2);
    assert_eq!(v[0]["bound"], "at_most");
    assert_eq!(v[1]["cumulative"], true);
}

#[test]
fn fiscal_years_and_dates() {
    assert_eq!(one("令和５（2023）年度")["fiscal_year"], 2023);
    assert_eq!(one("令和５（2023）年度")["kind"], "fiscal_year");
    assert_eq!(one("令和元年度")["fiscal_year"], 2019);
    assert_eq!(one("平成31年度")["fiscal_year"], 2019);
    assert_eq!(one("R3")["fiscal_year"], 2021);
    let v = one("令和6年3月");
    assert_eq!(v["kind"], "calendar_date");
    assert_eq!(v["date"], "2024-03");
    assert_eq!(v["fiscal_year"], 2023);
    let v = one("令和５（2024）年度");
    assert_eq!(v["kind"], "text");
    assert_eq!(v["diagnostics"][0]["code"], "era-western-mismatch");
}

#[test]
fn placeholders_relative_markers() {
    let v = one("－");
    assert_eq!(v["kind"], "missing");
    let v = one("対前年度比＋５％");
    assert_eq!(v["relative_to"], "previous_year");
    assert_eq!(num(&v["change_percent"]), "5");
    let v = one("②15地区");
    assert_eq!(v["marker"], "②");
    assert_eq!(num(&v["value"]), "15");
    assert_eq!(v["text"], "15地区");
}

#[test]
fn hints_and_stable_fields() {
    let v = run(&["--hint-unit", "億円", "45"], None).remove(0);
    assert_eq!(num(&v["value"]), "4500000000");
    assert_eq!(v["display_unit"], "億円");
    let v = run(&["--hint-cumulative", "3 (4)"], None).remove(0);
    assert_eq!(v["kind"], "multi");
    assert_eq!(v["items"][1]["cumulative"], true);
    assert_eq!(v["items"][1]["role"], "cumulative");
    let v = run(
        &["--hint-roles", "目標,実績,達成率", "90% 84.4% (93.8%)"],
        None,
    )
    .remove(0);
    assert_eq!(v["items"][2]["role"], "達成率");
    assert_eq!(num(&v["items"][2]["value"]), "93.8");
    let v = run(&["--reference-year", "2024", "前年度"], None).remove(0);
    assert_eq!(v["kind"], "relative");
    assert_eq!(v["fiscal_year"], 2023);
    // Always present: input, kind, text, diagnostics.
    let v = one("実施");
    for key in ["input", "kind", "text", "diagnostics"] {
        assert!(v.get(key).is_some(), "missing {key}");
    }
    assert_eq!(v["kind"], "text");
    assert!(v.get("value").is_none());
}
