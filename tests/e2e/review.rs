//! `muniplan review` in a real browser: headless Chromium when installed (skips otherwise).
//!
//! The page loads without script or console errors, draws one outline per observation with a
//! PDF source, and a click on an observation's row selects its box (a scripted click through
//! the page's `#click=ID` hook, then `--dump-dom`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{convert, fixture, muniplan, root};

fn chromium() -> Option<PathBuf> {
    ["chromium", "chromium-browser", "google-chrome"]
        .iter()
        .find_map(|name| {
            std::env::var_os("PATH")?
                .to_str()?
                .split(':')
                .map(|d| Path::new(d).join(name))
                .find(|p| p.is_file())
        })
}

/// The DOM after load (and after the scripted click named in the URL's fragment).
fn dump_dom(chromium: &Path, url: &str) -> String {
    let profile = tempfile::tempdir().unwrap();
    let out = Command::new(chromium)
        .args([
            "--headless",
            "--no-sandbox",
            "--disable-gpu",
            "--disable-quic",
            "--no-first-run",
            "--disable-background-networking",
            "--disable-component-update",
            "--disable-sync",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    String::from_utf8_lossy(&out.stdout).into_owned()
}

/// Observations with a PDF source in the batch's documents.
fn pdf_observations(out: &Path) -> usize {
    let report: Value =
        serde_json::from_slice(&fs::read(out.join("report.json")).unwrap()).unwrap();
    report["files"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|f| f["output"].as_str())
        .map(|name| {
            let doc: Value = serde_json::from_slice(&fs::read(out.join(name)).unwrap()).unwrap();
            doc["initiatives"]
                .as_array()
                .unwrap()
                .iter()
                .flat_map(|i| i["observations"].as_array().unwrap())
                .filter(|o| o["source"]["page"].is_u64())
                .count()
        })
        .sum()
}

#[test]
fn review_page_in_headless_chromium() {
    let Some(chromium) = chromium() else {
        eprintln!("skipped: no chromium on PATH (install Debian's chromium to run this test)");
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let pdf = fixture("minamialps/minamialps_excerpt.pdf");
    let broken = root().join("tests/coverage/mokuhyo_unknown_label.csv");
    let res = convert(&[&pdf, &broken], out.path(), &[]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let html = out.path().join("review.html");
    let res = muniplan(&[
        "review",
        out.path().to_str().unwrap(),
        "-o",
        html.to_str().unwrap(),
    ]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    let page = fs::read_to_string(&html).unwrap();
    assert!(
        !page.contains("<script src") && !page.contains("<link "),
        "self-contained"
    );

    let n_pdf = pdf_observations(out.path());
    assert!(n_pdf > 0);
    // The PDF document is the second (the flagged CSV comes first): its rows are d1o*.
    let dom = dump_dom(&chromium, &format!("file://{}#click=d1o0", html.display()));
    assert!(
        dom.contains("data-load-ms="),
        "the page did not load:\n{}",
        &dom[..dom.len().min(500)]
    );
    assert!(
        !dom.contains("data-errors="),
        "script or console errors on the page"
    );
    let outlined =
        dom.matches("<rect class=\"ob\"").count() + dom.matches("<rect class=\"ob sel\"").count();
    assert_eq!(
        outlined, n_pdf,
        "one outline per observation with a PDF source"
    );
    // The click selected the row and its box.
    let row = dom
        .split("<tr ")
        .find(|t| t.starts_with("id=\"d1o0\""))
        .expect("row d1o0");
    assert!(
        row.contains("class=\"sel\""),
        "clicked row not selected: {row}"
    );
    let key = row
        .split("data-k=\"")
        .nth(1)
        .and_then(|r| r.split('"').next())
        .unwrap();
    assert!(
        dom.contains(&format!("<rect class=\"ob sel\" data-k=\"{key}\"")),
        "the row's box is not selected"
    );
    // The broken CSV's unexplained cells are coloured in its grid.
    assert!(dom.contains("class=\"a-unexplained\""));
}
