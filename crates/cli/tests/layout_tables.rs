//! `muniplan inspect --tables [--svg OUT.svg]` on the producer fixtures.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};
use std::process::Command;

fn fixture(rel: &str) -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("../../fixtures")
        .join(rel)
}

fn muniplan(args: &[&str]) -> std::process::Output {
    Command::new(env!("CARGO_BIN_EXE_muniplan"))
        .args(args)
        .output()
        .expect("muniplan runs")
}

#[test]
fn inspect_tables_lists_one_logical_table_with_spans() {
    let pdf = fixture("pdf/producers/chromium-ipaex-nomi-items.pdf");
    let out = muniplan(&["inspect", pdf.to_str().unwrap(), "--tables"]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let text = String::from_utf8(out.stdout).unwrap();
    assert!(
        text.contains("== page 1 table 1: 24 rows x 6 cols"),
        "{text}"
    );
    assert!(
        !text.contains("== page 2 table"),
        "continued table listed twice:\n{text}"
    );
    assert!(
        text.contains(" span 1x6 p1 [")
            && text.contains(
                ": No.1【①行政手続きのオンライン化】電子申請手続きの拡大（デジタル推進課）"
            ),
        "{text}"
    );
    // A continued cell shows the page it is drawn on.
    assert!(text.contains("r19 c1 p2 ["), "{text}");
    assert!(text.contains(": 累計\\n4件"), "{text}");
}

#[test]
fn inspect_tables_svg_outlines_every_cell() {
    let pdf = fixture("pdf/producers/libreoffice-calc-minamialps-card.pdf");
    let dir = tempfile::tempdir().unwrap();
    let svg = dir.path().join("t.svg");
    let out = muniplan(&[
        "inspect",
        pdf.to_str().unwrap(),
        "--tables",
        "--svg",
        svg.to_str().unwrap(),
    ]);
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let s = std::fs::read_to_string(&svg).unwrap();
    assert!(s.starts_with("<svg"));
    // 11 × 6 grid: one outlined rect per cell (merged ranges once), labelled r,c.
    let stdout = String::from_utf8(out.stdout).unwrap();
    let n_cells = stdout.lines().filter(|l| l.starts_with("  r")).count();
    assert!(n_cells > 30, "{stdout}");
    let outlined = s.matches(r##"stroke="#d62728" stroke-width="1""##).count();
    assert!(
        outlined >= n_cells,
        "{outlined} outlines for {n_cells} cells"
    );
    assert!(s.contains(">0,1 1x5</text>"));
}

#[test]
fn inspect_tables_says_why_each_table_continued_or_ended() {
    let run = |rel: &str, page: Option<&str>| {
        let pdf = fixture(rel);
        let mut args = vec!["inspect", pdf.to_str().unwrap(), "--tables"];
        if let Some(p) = page {
            args.extend(["--page", p]);
        }
        let out = muniplan(&args);
        assert!(
            out.status.success(),
            "{}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap()
    };
    // The lines under the decisions heading.
    let decisions_of = |text: &str| -> Vec<String> {
        text.lines()
            .skip_while(|l| *l != "== continuation decisions")
            .skip(1)
            .map(str::to_string)
            .collect()
    };
    let text = run("pdf/pages/calc-cards-per-page.pdf", None);
    let decisions = decisions_of(&text);
    assert_eq!(
        decisions,
        vec![
            "  page 1 -> 2: ended: text above the next: '⑤ 債権回収事務の一元化'",
            "  page 2 -> 3: ended: text above the next: '5 ICTを活用した情報化の推進'",
        ],
        "{text}"
    );
    let text = run("pdf/pages/calc-long-table.pdf", Some("3"));
    let decisions = decisions_of(&text);
    assert_eq!(
        decisions,
        vec![
            "  page 2 -> 3: continued: same frame and column lines; only running material between ('- 2 -', '行政改革 取組一覧'); 1 repeated header row(s) dropped",
        ],
        "{text}"
    );
}
