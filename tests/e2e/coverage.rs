//! Coverage accounting and the review summary: a column put out of the vocabulary's reach
//! shows up as unexplained cells, each with its location, and flags its document for review.

use std::fs;

use serde_json::Value;

use crate::common::{convert, root};

fn doc(out: &std::path::Path, stem: &str) -> Value {
    serde_json::from_slice(&fs::read(out.join(format!("{stem}.json"))).unwrap()).unwrap()
}

fn cell_of(v: &Value) -> String {
    format!("{}!{}", v["source"]["sheet"], v["source"]["cell"])
}

#[test]
fn an_unknown_label_leaves_its_column_unexplained_and_flags_the_document() {
    let dir = root().join("tests/coverage");
    let out = tempfile::tempdir().unwrap();
    let res = convert(&[&dir], out.path(), &[]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let stderr = String::from_utf8_lossy(&res.stderr);

    let good = doc(out.path(), "mokuhyo_excerpt");
    let broken = doc(out.path(), "mokuhyo_unknown_label");
    assert_eq!(
        good["coverage"], 1,
        "every digit cell of the intact excerpt is explained"
    );
    assert_eq!(good["unexplained"].as_array().unwrap().len(), 0);

    // The intact excerpt's last-year targets: the cells the renamed header governs.
    let last_year: Vec<(String, String)> = good["initiatives"]
        .as_array()
        .unwrap()
        .iter()
        .flat_map(|i| i["observations"].as_array().unwrap())
        .filter(|o| o["fiscal_year"] == 2030)
        .map(|o| {
            let cell = o["source"]["cell"].as_str().unwrap().to_string();
            (cell, o["raw"].as_str().unwrap().to_string())
        })
        .collect();
    assert_eq!(last_year.len(), 4, "one 令和12年度 target per row");
    let unexplained: Vec<(String, String)> = broken["unexplained"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| {
            assert_eq!(
                u["source"]["sheet"],
                "mokuhyo_unknown_label",
                "{}",
                cell_of(u)
            );
            let cell = u["source"]["cell"].as_str().unwrap().to_string();
            (cell, u["text"].as_str().unwrap().to_string())
        })
        .collect();
    for cell in &last_year {
        assert!(
            unexplained.contains(cell),
            "{cell:?} not unexplained: {unexplained:?}"
        );
    }
    // The renamed header itself holds a year: unexplained too; nothing else is.
    assert!(unexplained.contains(&("J1".to_string(), "令和12年度見込値".to_string())));
    assert_eq!(unexplained.len(), last_year.len() + 1, "{unexplained:?}");
    let numeric = broken["numeric_cells"].as_f64().unwrap();
    let coverage = broken["coverage"].as_f64().unwrap();
    let expected = (numeric - unexplained.len() as f64) / numeric;
    assert!(
        (coverage - expected).abs() < 1e-4,
        "{coverage} vs {expected}"
    );

    // report.json and the summary flag the broken document only, with the reason.
    let report: Value =
        serde_json::from_slice(&fs::read(out.path().join("report.json")).unwrap()).unwrap();
    let files = report["files"].as_array().unwrap();
    for f in files {
        let is_broken = f["file"]
            .as_str()
            .unwrap()
            .ends_with("mokuhyo_unknown_label.csv");
        assert_eq!(f["review"], is_broken, "{f}");
        if is_broken {
            assert_eq!(f["unexplained"], unexplained.len());
            let reason = f["review_reasons"][0].as_str().unwrap();
            assert!(reason.starts_with("coverage "), "{reason}");
        }
    }
    assert_eq!(report["summary"]["review"], 1);
    let review_lines = review_lines(&stderr);
    assert_eq!(review_lines.len(), 1, "{stderr}");
    assert!(
        review_lines[0].contains("mokuhyo_unknown_label.csv: coverage"),
        "{stderr}"
    );
    assert!(
        stderr
            .lines()
            .any(|l| l.starts_with("muniplan: summary: 2 files")),
        "{stderr}"
    );

    // A threshold under the broken document's coverage flags nothing.
    let res = convert(&[&dir], out.path(), &["--review-below", "0.5"]);
    assert!(res.status.success());
    let report: Value =
        serde_json::from_slice(&fs::read(out.path().join("report.json")).unwrap()).unwrap();
    assert_eq!(report["summary"]["review"], 0, "{report}");
    // The rerun reused both documents: their coverage figures came from the manifest.
    let files = report["files"].as_array().unwrap();
    assert!(files.iter().all(|f| f["coverage"].is_number()), "{report}");
}

/// Warnings flag a document only when their code asks for a look (`muniplan_ir::CODES`): a
/// year range that ends before it starts in a value cell is kept as text, so the cell's value is
/// lost (flagged, with code and count); a value stamped
/// with its date (`as-of`) and a dated step kept as text (`not-a-value`) lose nothing (not
/// flagged, though they are warnings in the document).
#[test]
fn warnings_flag_a_document_only_when_their_code_asks_for_a_look() {
    let excerpt = fs::read_to_string(root().join("tests/coverage/mokuhyo_excerpt.csv")).unwrap();
    assert!(excerpt.contains(",98.60%,") && excerpt.contains(",1件,1件,1件,1件,1件"));
    let dir = tempfile::tempdir().unwrap();
    // The first year's 98.60% becomes a reversed year range.
    fs::write(
        dir.path().join("look.csv"),
        excerpt.replacen(",98.60%,", ",令和9年度～令和8年度,", 1),
    )
    .unwrap();
    // Two 1件 targets become warnings that lose nothing: a dated value and a plan step with a
    // number in its words (kept as text; a deadline such as 令和9年12月までに is a value now).
    fs::write(
        dir.path().join("info.csv"),
        excerpt.replacen(
            ",1件,1件,1件,1件,1件",
            ",1件 (R8.4.1現在),第2期計画を策定,1件,1件,1件",
            1,
        ),
    )
    .unwrap();
    let out = tempfile::tempdir().unwrap();
    let res = convert(&[dir.path()], out.path(), &[]);
    let stderr = String::from_utf8_lossy(&res.stderr);
    assert!(res.status.success(), "{stderr}");

    let codes = |stem: &str| -> Vec<(String, String)> {
        doc(out.path(), stem)["warnings"]
            .as_array()
            .unwrap()
            .iter()
            .map(|w| {
                (
                    w["severity"].as_str().unwrap().to_string(),
                    w["code"].as_str().unwrap().to_string(),
                )
            })
            .collect()
    };
    let w = |c: &str| ("warning".to_string(), c.to_string());
    assert_eq!(codes("look"), [w("range-reversed")]);
    let mut info = codes("info");
    info.sort();
    assert_eq!(info, [w("as-of"), w("not-a-value")]);

    let report: Value =
        serde_json::from_slice(&fs::read(out.path().join("report.json")).unwrap()).unwrap();
    for f in report["files"].as_array().unwrap() {
        let file = f["file"].as_str().unwrap();
        assert_eq!(f["coverage"], 1, "{f}");
        if file.ends_with("look.csv") {
            assert_eq!(f["review"], true, "{f}");
            assert_eq!(
                f["review_reasons"],
                serde_json::json!(["1 range-reversed warning"]),
                "{f}"
            );
        } else {
            assert!(file.ends_with("info.csv"), "{file}");
            assert_eq!(f["review"], false, "{f}");
            assert_eq!(f["review_reasons"], serde_json::json!([]), "{f}");
        }
    }
    assert_eq!(report["summary"]["review"], 1, "{report}");
    let review_lines = review_lines(&stderr);
    assert_eq!(review_lines.len(), 1, "{stderr}");
    assert!(
        review_lines[0].ends_with("look.csv: 1 range-reversed warning"),
        "{stderr}"
    );
}

/// The summary's per-document lines (`muniplan: review: FILE: reasons`).
fn review_lines(stderr: &str) -> Vec<&str> {
    stderr
        .lines()
        .filter(|l| l.contains(": review: "))
        .collect()
}
