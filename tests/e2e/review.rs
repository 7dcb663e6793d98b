//! `muniplan review` in a real browser: headless Chromium when installed (skips otherwise).
//!
//! On a fixture PDF with a broken CSV, on the whole fixtures' output and on the dev corpus's
//! output (when `../shared/dev-corpus` is present): the page loads without script or console
//! errors, draws one outline per observation with a PDF source, and a click on an
//! observation's row selects its box (a scripted click through the page's `#click=ID` hook,
//! then `--dump-dom`).

use std::fs;
use std::path::{Path, PathBuf};
use std::process::Command;

use serde_json::Value;

use crate::common::{convert, fixture, muniplan, root, shared};

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

/// The DOM after load (and after the scripted click named in the URL's fragment), and the
/// page's console messages as Chromium logs them (`…:CONSOLE…` lines on its stderr).
fn dump_dom(chromium: &Path, url: &str) -> (String, Vec<String>) {
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
            "--enable-logging=stderr",
            "--v=0",
        ])
        .arg(format!("--user-data-dir={}", profile.path().display()))
        .arg("--dump-dom")
        .arg(url)
        .output()
        .expect("chromium runs");
    let console = String::from_utf8_lossy(&out.stderr)
        .lines()
        .filter(|l| l.contains(":CONSOLE"))
        .map(str::to_string)
        .collect();
    (String::from_utf8_lossy(&out.stdout).into_owned(), console)
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

/// `muniplan review OUT`, opened in Chromium with a scripted click on the first observation
/// row that has a box: the page is self-contained, loads without script or console errors,
/// outlines one box per observation with a PDF source, and the click selects the row and its
/// box. Returns the DOM after the click.
fn check_review(chromium: &Path, out: &Path) -> String {
    let html = out.join("review.html");
    let res = muniplan(&[
        "review",
        out.to_str().unwrap(),
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
    let n_pdf = pdf_observations(out);
    assert!(n_pdf > 0, "the batch has observations with a PDF source");

    // The first outlined box's row, from the page as written.
    let rows: Vec<(&str, &str)> = page
        .split("<tr id=\"")
        .skip(1)
        .filter_map(|t| {
            let (id, rest) = t.split_once('"')?;
            let key = rest.strip_prefix(" data-k=\"")?.split('"').next()?;
            Some((id, key))
        })
        .collect();
    let (row_id, key) = page
        .split("<rect class=\"ob\" data-k=\"")
        .skip(1)
        .filter_map(|t| t.split('"').next())
        .find_map(|k| rows.iter().find(|(_, rk)| *rk == k).copied())
        .expect("an outlined box with its row");

    let (dom, console) = dump_dom(
        chromium,
        &format!("file://{}#click={row_id}", html.display()),
    );
    assert!(
        dom.contains("data-load-ms="),
        "the page did not load:\n{}",
        &dom[..dom.len().min(500)]
    );
    assert!(
        !dom.contains("data-errors="),
        "script or console errors on the page"
    );
    assert!(console.is_empty(), "console messages: {console:?}");
    let outlined =
        dom.matches("<rect class=\"ob\"").count() + dom.matches("<rect class=\"ob sel\"").count();
    assert_eq!(
        outlined, n_pdf,
        "one outline per observation with a PDF source"
    );
    // The click selected the row and its box.
    let row = dom
        .split("<tr ")
        .find(|t| t.starts_with(&format!("id=\"{row_id}\"")))
        .expect("the clicked row");
    assert!(
        row.contains("class=\"sel\""),
        "clicked row not selected: {row}"
    );
    assert!(
        dom.contains(&format!("<rect class=\"ob sel\" data-k=\"{key}\"")),
        "the row's box is not selected"
    );
    dom
}

fn chromium_or_skip() -> Option<PathBuf> {
    let found = chromium();
    if found.is_none() {
        eprintln!("skipped: no chromium on PATH (install Debian's chromium to run this test)");
    }
    found
}

#[test]
fn review_page_in_headless_chromium() {
    let Some(chromium) = chromium_or_skip() else {
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
    let dom = check_review(&chromium, out.path());
    // The broken CSV's unexplained cells are coloured in its grid.
    assert!(dom.contains("class=\"a-unexplained\""));
}

/// The whole fixtures' output (every family, its variants and the novel layouts).
#[test]
fn review_page_of_the_fixtures_output() {
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let res = convert(&[&root().join("fixtures")], out.path(), &[]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    check_review(&chromium, out.path());
}

/// The dev corpus's output, when `../shared/dev-corpus` is present.
#[test]
fn review_page_of_the_dev_corpus_output() {
    let Some(inputs) = shared()
        .map(|s| s.join("dev-corpus/inputs"))
        .filter(|p| p.is_dir())
    else {
        eprintln!("skipped: no ../shared/dev-corpus");
        return;
    };
    let Some(chromium) = chromium_or_skip() else {
        return;
    };
    let out = tempfile::tempdir().unwrap();
    let res = convert(&[&inputs], out.path(), &[]);
    assert!(
        res.status.success(),
        "{}",
        String::from_utf8_lossy(&res.stderr)
    );
    check_review(&chromium, out.path());
}
