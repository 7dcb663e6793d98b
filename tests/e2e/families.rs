//! The five seed layout families (and one layout that is none of them): every fixture converts,
//! xlsx and PDF of the same document agree, golden observations, hand-checked values.
//!
//! Values checked by hand against the seed texts in `../shared/seeds` are asserted one by one
//! below; the golden files hold everything else and change only by review
//! (`UPDATE_EXPECT=1`).

use std::collections::BTreeMap;
use std::fs;
use std::path::PathBuf;
use std::sync::OnceLock;

use serde_json::Value;

use crate::common::{assert_golden, convert, read_jsonl, root};

const FAMILIES: &[&str] = &["amashi", "annaka", "atsugi", "minamialps", "nomi", "other"];

/// The family fixtures converted once for all tests here.
fn converted() -> &'static (PathBuf, Vec<Value>) {
    static OUT: OnceLock<(PathBuf, Vec<Value>)> = OnceLock::new();
    OUT.get_or_init(|| {
        let out = PathBuf::from(env!("CARGO_TARGET_TMPDIR")).join("families-out");
        let _ = fs::remove_dir_all(&out);
        let inputs: Vec<PathBuf> = FAMILIES
            .iter()
            .map(|f| root().join("fixtures").join(f))
            .collect();
        let refs: Vec<&std::path::Path> = inputs.iter().map(|p| p.as_path()).collect();
        let res = convert(&refs, &out, &[]);
        assert!(
            res.status.success(),
            "{}",
            String::from_utf8_lossy(&res.stderr)
        );
        let obs = read_jsonl(&out.join("observations.jsonl"));
        (out, obs)
    })
}

fn doc(name: &str) -> Value {
    let (out, _) = converted();
    // Same stem for xlsx and pdf: the output is named after the whole file name; otherwise
    // after the stem.
    let mut path = out.join(format!("{name}.json"));
    if !path.is_file()
        && let Some((stem, _)) = name.rsplit_once('.')
    {
        path = out.join(format!("{stem}.json"));
    }
    serde_json::from_slice(&fs::read(&path).unwrap_or_else(|_| panic!("{}", path.display())))
        .unwrap()
}

fn of(document: &str) -> Vec<&'static Value> {
    converted()
        .1
        .iter()
        .filter(|o| o["document"] == document)
        .collect()
}

#[test]
fn municipality_and_code_of_every_city() {
    for (file, city, code) in [
        ("amashi_kobetsu_torikumi.xlsx", "あま市", "232378"),
        ("amashi_kobetsu_torikumi.pdf", "あま市", "232378"),
        ("nomi_jisshikeikaku.xlsx", "能美市", "172111"),
        ("nomi_jisshikeikaku.pdf", "能美市", "172111"),
        ("minamialps_excerpt.xlsx", "南アルプス市", "192082"),
        ("minamialps_excerpt.pdf", "南アルプス市", "192082"),
        ("annaka_jisshikeikaku.xlsx", "安中市", "102113"),
        ("annaka_jisshikeikaku.pdf", "安中市", "102113"),
        ("atsugi_torikumi_kekka.xlsx", "厚木市", "142123"),
        ("atsugi_torikumi_kekka.pdf", "厚木市", "142123"),
        // The Chromium prints carry no printed title; the PDF's own /Title names the city.
        ("nomi_jisshikeikaku.chromium.pdf", "能美市", "172111"),
        ("atsugi_torikumi_kekka.chromium.pdf", "厚木市", "142123"),
    ] {
        let d = doc(file);
        assert_eq!(d["plan"]["municipality"], city, "{file}");
        assert_eq!(d["plan"]["municipality_code"], code, "{file}");
    }
}

/// An observation without its provenance: what xlsx and PDF must agree on. Line breaks inside a
/// text value are presentation (a PDF cannot tell a wrapped line that starts with `・` from a
/// bullet), so they are not compared.
fn content(o: &Value) -> String {
    let mut o = o.clone();
    let m = o.as_object_mut().unwrap();
    m.remove("source");
    // Where a hint's unit was printed is a location too: a sheet cell or a PDF box.
    m.remove("unit_source_ref");
    m.remove("raw");
    m.remove("document");
    if let Some(Value::String(t)) = m.get_mut("text") {
        *t = t.replace('\n', "");
    }
    o.to_string()
}

#[test]
fn xlsx_and_pdf_give_the_same_observations() {
    for stem in [
        "amashi/amashi_kobetsu_torikumi",
        "annaka/annaka_jisshikeikaku",
        "atsugi/atsugi_torikumi_kekka",
        "minamialps/minamialps_excerpt",
        "nomi/nomi_jisshikeikaku",
        "nomi/nomi_jisshikeikaku_no11-16",
        "other/other_torikumi_ichiran",
    ] {
        let name = stem.rsplit('/').next().unwrap();
        let count = |ext: &str| -> BTreeMap<String, usize> {
            of(&format!("{name}.{ext}"))
                .iter()
                .fold(BTreeMap::new(), |mut m, o| {
                    *m.entry(content(o)).or_default() += 1;
                    m
                })
        };
        let (xlsx, pdf) = (count("xlsx"), count("pdf"));
        assert!(!xlsx.is_empty(), "{stem}: no observations");
        let only_xlsx: Vec<_> = xlsx
            .keys()
            .filter(|k| xlsx.get(*k) != pdf.get(*k))
            .collect();
        let only_pdf: Vec<_> = pdf.keys().filter(|k| xlsx.get(*k) != pdf.get(*k)).collect();
        assert!(
            only_xlsx.is_empty() && only_pdf.is_empty(),
            "{stem}: xlsx and PDF differ\n xlsx only: {only_xlsx:#?}\n pdf only: {only_pdf:#?}"
        );
    }
}

#[test]
fn golden_observations_of_every_family_fixture() {
    let (out, obs) = converted();
    let report: Value =
        serde_json::from_slice(&fs::read(out.join("report.json")).unwrap()).unwrap();
    for f in report["files"].as_array().unwrap() {
        let file = PathBuf::from(f["file"].as_str().unwrap());
        let name = file.file_name().unwrap().to_string_lossy().into_owned();
        let family_dir = file
            .parent()
            .unwrap()
            .file_name()
            .unwrap()
            .to_string_lossy()
            .into_owned();
        let lines: String = obs
            .iter()
            .filter(|o| o["document"] == name.as_str())
            .map(|o| format!("{o}\n"))
            .collect();
        assert_golden(
            &root()
                .join("fixtures")
                .join(&family_dir)
                .join("golden")
                .join(format!("{name}.observations.jsonl")),
            &lines,
        );
    }
}

fn find<'a>(document: &str, initiative: &str, kind: &str, year: Option<i64>) -> Vec<&'a Value> {
    of(document)
        .into_iter()
        .filter(|o| {
            o["initiative"].as_str().unwrap().contains(initiative)
                && o["kind"] == kind
                && o["fiscal_year"].as_i64() == year
        })
        .collect()
}

/// Values read by hand from the seeds, one family at a time, in both the xlsx and the PDF.
#[test]
fn hand_checked_values_from_the_seeds() {
    for ext in ["xlsx", "pdf"] {
        // 能美市 (seed 001): No.1 電子申請手続きの拡大: R6 実績 累計427件, 基準値 （R3）26件,
        // 目標値等 累計450件; No.3's 15.6百万円 style money in 百万円.
        let d = format!("nomi_jisshikeikaku.{ext}");
        let a = find(&d, "電子申請手続きの拡大", "actual", Some(2024));
        assert_eq!(a.len(), 1, "{d}");
        assert_eq!(a[0]["value"].to_string(), "427");
        assert_eq!(a[0]["unit"], "件");
        assert_eq!(a[0]["cumulative"], true);
        assert_eq!(a[0]["achieved"], true, "427 of a cumulative 350");
        let b = find(&d, "電子申請手続きの拡大", "baseline", Some(2021));
        assert_eq!(b[0]["value"].to_string(), "26");
        let f = find(&d, "電子申請手続きの拡大", "final_target", None);
        assert_eq!(f[0]["value"].to_string(), "450");
        let money: Vec<_> = of(&d)
            .into_iter()
            .filter(|o| o["display_unit"] == "百万円")
            .collect();
        assert!(!money.is_empty(), "{d}: no 百万円 value");
        assert!(money.iter().all(|o| o["unit"] == "円"));
        let bounded: Vec<_> = of(&d)
            .into_iter()
            .filter(|o| o["bound"] == "at_most")
            .collect();
        assert!(!bounded.is_empty(), "{d}: no 以内 value");

        // あま市 (seed 000): （2）企業・大学との連携事業の推進: 目標数値 ５件 35件 37件 39件 41件,
        // 取組結果 (令和５年度) 32件, 達成度 A.
        let d = format!("amashi_kobetsu_torikumi.{ext}");
        let t: Vec<String> = (2023..=2027)
            .map(|y| find(&d, "企業・大学との連携", "target", Some(y))[0]["value"].to_string())
            .collect();
        assert_eq!(t, ["5", "35", "37", "39", "41"], "{d}");
        let a = find(&d, "企業・大学との連携", "actual", Some(2023));
        assert_eq!(a[0]["value"].to_string(), "32");
        assert_eq!(a[0]["achieved"], true);
        let g = find(&d, "企業・大学との連携", "grade", Some(2023));
        assert_eq!(g[0]["text"], "A");
        // （1）: 対前年度比＋10％ is a relative target.
        let r = find(&d, "市民活動の情報提供", "target", Some(2024));
        assert!(
            r.iter()
                .any(|o| o["relative_to"] == "previous_year" && o["change_percent"] == 10)
        );

        // 安中市 (seed 003): ① 情報提供手段の拡大: 数値 HPアクセス数 470,000件 (令和2年度) …
        let d = format!("annaka_jisshikeikaku.{ext}");
        let t = find(&d, "情報提供手段の拡大", "target", Some(2020));
        assert!(
            t.iter().any(|o| o["value"] == 470_000 && o["unit"] == "件"),
            "{d}: {t:?}"
        );
        assert_eq!(
            doc(&d)["initiatives"][0]["id"],
            "1-(1)-①",
            "{d}: ids are the heading numbers"
        );

        // 厚木市 (seed 004): 未達成項目 (1)-ア 職員の人材育成: 目標 90% 実績 84.4% (93.8%).
        let d = format!("atsugi_torikumi_kekka.{ext}");
        let in_list = |kind: &str| -> Vec<String> {
            of(&d)
                .into_iter()
                .filter(|o| o["initiative_id"] == "(1)-ア" && o["kind"] == kind)
                .map(|o| o["value"].to_string())
                .collect()
        };
        assert!(in_list("target").contains(&"90".to_string()), "{d}");
        assert!(in_list("actual").contains(&"84.4".to_string()), "{d}");
        assert!(
            in_list("achievement_rate").contains(&"93.8".to_string()),
            "{d}"
        );

        // The synthetic list: baseline dated by its header 基準値（R3）.
        let d = format!("other_torikumi_ichiran.{ext}");
        let b: Vec<_> = of(&d)
            .into_iter()
            .filter(|o| o["kind"] == "baseline")
            .collect();
        assert!(
            !b.is_empty() && b.iter().all(|o| o["fiscal_year"] == 2021),
            "{d}"
        );
    }
}

/// Independent of the recognizer's labels: every cell line the fixture generator wrote
/// (`<name>.strings.txt`) that the normalizer reads as a value (a quantity, several values, a
/// status mark) is part of some observation of that document (its raw text, or its
/// indicator's name). Nothing printed is left behind.
#[test]
fn every_printed_value_is_observed() {
    use muniplan_normalize::{Hints, Value, normalize_text, parse_value};
    let squash = |s: &str| -> String { normalize_text(s).split_whitespace().collect() };
    let mut checked = 0;
    for family in FAMILIES {
        let dir = root().join("fixtures").join(family);
        for entry in fs::read_dir(&dir).unwrap() {
            let path = entry.unwrap().path();
            let name = path.file_name().unwrap().to_string_lossy().into_owned();
            let Some(stem) = name.strip_suffix(".strings.txt") else {
                continue;
            };
            let docs: Vec<String> = if stem.ends_with(".chromium") {
                vec![format!("{stem}.pdf")]
            } else {
                vec![format!("{stem}.xlsx"), format!("{stem}.pdf")]
            };
            let strings = fs::read_to_string(&path).unwrap();
            let values: Vec<&str> = strings
                .lines()
                .filter(|l| {
                    !l.trim().is_empty()
                        && matches!(
                            parse_value(l, &Hints::default()).value,
                            Value::Quantity(_) | Value::Multi(_) | Value::Status(_)
                        )
                })
                .collect();
            for doc in docs {
                // A value printed again (a summary list restating the main table) is one
                // observation, the main table's; the restating cell is named by a
                // `restated-value` note with its text and location.
                let restated: Vec<String> = self::doc(&doc)["warnings"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .filter(|w| w["code"] == "restated-value" && w["source"].is_object())
                    .filter_map(|w| w["message"].as_str().map(squash))
                    .collect();
                let hay: Vec<String> = of(&doc)
                    .iter()
                    .flat_map(|o| [o["raw"].as_str(), o["indicator"].as_str()])
                    .flatten()
                    .map(squash)
                    .chain(restated)
                    .collect();
                assert!(!hay.is_empty(), "{doc}: no observations");
                let missing: Vec<&&str> = values
                    .iter()
                    .filter(|v| !hay.iter().any(|h| h.contains(&squash(v))))
                    .collect();
                assert!(
                    missing.is_empty(),
                    "{doc}: printed but not observed: {missing:?}"
                );
                checked += values.len();
            }
        }
    }
    assert!(checked > 700, "only {checked} values checked");
}

/// The fields an `.expected.jsonl` line states; for a PDF, line breaks in `raw` and `text` are
/// left out (a PDF's lines are where the producer wrapped them, not where the cell had them).
pub(crate) fn stated(o: &Value, fields: &[String], pdf: bool) -> String {
    let mut m = serde_json::Map::new();
    for f in fields {
        let mut v = o.get(f).cloned().unwrap_or(Value::Null);
        if let (true, "raw" | "text", Value::String(s)) = (pdf, f.as_str(), &v) {
            // A wrapped line's leading U+3000 indent draws no glyph in a PDF.
            v = Value::String(
                s.split('\n')
                    .map(|l| l.trim_start_matches('\u{3000}'))
                    .collect(),
            );
        }
        m.insert(f.clone(), v);
    }
    Value::Object(m).to_string()
}

/// The truth for every family fixture, stated independently of muniplan: the generator's model
/// of each seed says which initiative, indicator, kind and fiscal year every printed value has,
/// and its family module reads each value by hand (value, unit, bound, 累計 …; see
/// xtask/src/family_fixtures/expect.rs). Every observation must be stated there and every
/// stated value observed, in the xlsx, its LibreOffice PDF and the Chromium print alike.
#[test]
fn every_value_is_what_the_fixture_states_by_hand() {
    let mut checked = 0;
    let mut failures = Vec::new();
    for family in FAMILIES {
        let dir = root().join("fixtures").join(family);
        let mut names: Vec<String> = fs::read_dir(&dir)
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
            .collect();
        names.sort();
        for name in names {
            let (stem, ext) = match name.rsplit_once('.') {
                Some((s, e @ ("xlsx" | "pdf" | "csv"))) => (s, e),
                _ => continue,
            };
            // The full 南アルプス市 plan (sheet fixtures) is checked cell by cell against seed 002
            // in convert.rs.
            if stem.starts_with("minamialps_jisshikeikaku")
                || stem.starts_with("minamialps_mokuhyo")
            {
                continue;
            }
            let path = dir.join(format!("{stem}.expected.jsonl"));
            let Ok(text) = fs::read_to_string(&path) else {
                failures.push(format!("{name}: no {}", path.display()));
                continue;
            };
            let expected: Vec<Value> = text
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect();
            let fields: Vec<String> = expected[0].as_object().unwrap().keys().cloned().collect();
            let pdf = ext == "pdf";
            let count = |vals: &mut dyn Iterator<Item = &Value>| -> BTreeMap<String, usize> {
                vals.fold(BTreeMap::new(), |mut m, o| {
                    *m.entry(stated(o, &fields, pdf)).or_default() += 1;
                    m
                })
            };
            let want = count(&mut expected.iter());
            let got = count(&mut of(&name).into_iter());
            let missing: Vec<_> = want
                .iter()
                .filter(|(k, n)| got.get(*k).unwrap_or(&0) < n)
                .map(|(k, _)| k)
                .collect();
            let extra: Vec<_> = got
                .iter()
                .filter(|(k, n)| want.get(*k).unwrap_or(&0) < n)
                .map(|(k, _)| k)
                .collect();
            if !missing.is_empty() || !extra.is_empty() {
                failures.push(format!(
                    "{name}: {} of {} stated values not observed, {} observations not stated\n stated, not observed: {missing:#?}\n observed, not stated: {extra:#?}",
                    missing.len(),
                    expected.len(),
                    extra.len()
                ));
            }
            checked += expected.len();
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
    assert!(checked > 1000, "only {checked} stated values checked");
}
