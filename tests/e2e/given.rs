//! `convert --municipality` / `--sources`: the city, URL and retrieval date a user gives for
//! documents that do not print them.

use std::fs;
use std::path::Path;

use serde_json::Value;

use crate::common::{convert, fixture};

fn lines(path: &Path) -> Vec<Value> {
    fs::read_to_string(path)
        .unwrap()
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect()
}

fn doc(path: &Path) -> Value {
    serde_json::from_str(&fs::read_to_string(path).unwrap()).unwrap()
}

/// Two inputs that print no city, a CP932 sources file naming one by name and one by code:
/// every observation carries its city, code, prefecture, URL and date; a change of the file
/// converts the input again, and the result is what a fresh run writes.
#[test]
fn a_sources_file_gives_every_observation_its_city() {
    let tmp = tempfile::tempdir().unwrap();
    let src = tmp.path().join("in");
    fs::create_dir_all(&src).unwrap();
    fs::copy(
        fixture("minamialps/minamialps_mokuhyo_cp932.csv"),
        src.join("a.csv"),
    )
    .unwrap();
    fs::copy(
        fixture("other/other_torikumi_ichiran.xlsx"),
        src.join("b.xlsx"),
    )
    .unwrap();
    let list = tmp.path().join("sources.csv");
    let write_list = |b_city: &str| {
        let text = format!(
            "path,municipality,url,retrieved\r\n\
             in/a.csv,南アルプス市,https://example.jp/a.csv,2024-05-31\r\n\
             in/b.xlsx,{b_city},https://example.jp/b.xlsx,2024-06-01\r\n"
        );
        let (bytes, _, _) = encoding_rs::SHIFT_JIS.encode(&text);
        fs::write(&list, &bytes).unwrap();
    };
    write_list("東京都府中市");
    let out = tmp.path().join("out");
    let list_arg = list.to_str().unwrap();
    let run = convert(&[&src], &out, &["--sources", list_arg]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let obs = lines(&out.join("observations.jsonl"));
    assert!(obs.len() > 100, "{}", obs.len());
    for o in &obs {
        let want = match o["document"].as_str() {
            Some("a.csv") => (
                "南アルプス市",
                "192082",
                "山梨県",
                "19",
                "https://example.jp/a.csv",
                "2024-05-31",
            ),
            _ => (
                "府中市",
                "132063",
                "東京都",
                "13",
                "https://example.jp/b.xlsx",
                "2024-06-01",
            ),
        };
        let got = (
            o["municipality"].as_str().unwrap_or(""),
            o["municipality_code"].as_str().unwrap_or(""),
            o["prefecture"].as_str().unwrap_or(""),
            o["prefecture_code"].as_str().unwrap_or(""),
            o["source_url"].as_str().unwrap_or(""),
            o["retrieved"].as_str().unwrap_or(""),
        );
        assert_eq!(got, want);
    }
    let b = doc(&out.join("b.json"));
    assert_eq!(b["plan"]["municipality_from"], "given");
    assert_eq!(b["source"]["url"], "https://example.jp/b.xlsx");
    let csv = fs::read_to_string(out.join("observations.csv")).unwrap();
    assert!(
        csv.lines()
            .next()
            .unwrap()
            .contains("source_cell,prefecture,prefecture_code,source_url,retrieved,unit_source,")
    );
    assert!(csv.contains(",東京都,13,https://example.jp/b.xlsx,2024-06-01,"));

    // The list changes for b: b is converted again, with its new city.
    write_list("342084");
    let run = convert(&[&src], &out, &["--sources", list_arg]);
    assert!(run.status.success());
    let obs = lines(&out.join("observations.jsonl"));
    assert!(
        obs.iter()
            .filter(|o| o["document"] == "b.xlsx")
            .all(|o| o["municipality_code"] == "342084" && o["prefecture"] == "広島県")
    );
    let fresh = tmp.path().join("fresh");
    assert!(
        convert(&[&src], &fresh, &["--sources", list_arg])
            .status
            .success()
    );
    for name in [
        "observations.jsonl",
        "observations.csv",
        "report.json",
        "b.json",
    ] {
        assert_eq!(
            fs::read(out.join(name)).unwrap(),
            fs::read(fresh.join(name)).unwrap(),
            "{name}"
        );
    }
}

/// A city given that disagrees with the one the document prints: the given one is used and
/// the document says so in a warning.
#[test]
fn a_printed_city_that_disagrees_is_a_warning() {
    let tmp = tempfile::tempdir().unwrap();
    let out = tmp.path().join("out");
    let input = fixture("annaka/annaka_jisshikeikaku.xlsx");
    let run = convert(&[&input], &out, &["--municipality", "能美市"]);
    assert!(
        run.status.success(),
        "{}",
        String::from_utf8_lossy(&run.stderr)
    );
    let d = doc(&out.join("annaka_jisshikeikaku.json"));
    assert_eq!(d["plan"]["municipality"], "能美市");
    assert_eq!(d["plan"]["municipality_code"], "172111");
    assert_eq!(d["plan"]["prefecture"], "石川県");
    let warning = d["warnings"]
        .as_array()
        .unwrap()
        .iter()
        .find(|w| w["code"] == "municipality-mismatch")
        .map(|w| w["message"].as_str().unwrap_or("").to_string())
        .unwrap_or_default();
    assert!(
        warning.contains("安中市") && warning.contains("102113") && warning.contains("能美市"),
        "{warning}"
    );
    // The same city as printed: no warning.
    let same = tmp.path().join("same");
    assert!(
        convert(&[&input], &same, &["--municipality", "102113"])
            .status
            .success()
    );
    let d = doc(&same.join("annaka_jisshikeikaku.json"));
    assert!(
        !d["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .any(|w| w["code"] == "municipality-mismatch")
    );
}

/// A wrong code and an ambiguous name are usage errors (exit 2) that say what to give.
#[test]
fn a_wrong_code_or_an_ambiguous_name_fails_clearly() {
    let tmp = tempfile::tempdir().unwrap();
    let input = fixture("other/other_torikumi_ichiran.xlsx");
    for (given, wanted) in [
        ("172112", vec!["`172112`", "172111 石川県能美市"]),
        (
            "府中市",
            vec!["132063 東京都府中市", "342084 広島県府中市", "prefecture"],
        ),
    ] {
        let out = tmp.path().join("out");
        let run = convert(&[&input], &out, &["--municipality", given]);
        assert_eq!(run.status.code(), Some(2), "{given}");
        let err = String::from_utf8_lossy(&run.stderr);
        for w in wanted {
            assert!(err.contains(w), "{given}: {err}");
        }
        assert!(!out.join("observations.jsonl").exists());
    }
}
