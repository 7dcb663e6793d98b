//! `fixtures/novel/`: three layouts neither the seeds nor the dev corpus use (issue #11 item 5),
//! each following a common way municipalities publish such reports (fixtures/README.md says
//! which). Content invented for the layout, in the seeds' vocabulary; every value's meaning
//! is stated by hand here from the same rows the generator writes, never from muniplan.
//!
//! - `matrix/`: a grade matrix, initiatives down, fiscal years across, ◎○△× marks, a legend.
//! - `kpi/`: a KPI 進捗管理表 per 施策: the unit in a 単位 column, bare numbers, 達成率.
//! - `opendata/`: a long CSV as on open-data portals, one row per indicator, year and kind.

use std::path::Path;

use anyhow::Context;

use super::expect::{self, Expect, Reading};
use super::export;
use super::grid::{self, Meta, Sheet, Style, t};

/// 取組項目 and its grades for 令和3–5年度 (◎ 目標を上回った, ○ 目標どおり, △ 一部未達成,
/// × 未実施), the No. printed in the first column.
const MATRIX: [(&str, &str, [&str; 3]); 5] = [
    ("1", "窓口業務の民間委託の推進", ["○", "◎", "◎"]),
    ("2", "公共施設の長寿命化と再配置", ["△", "○", "○"]),
    ("3", "電子申請手続きの拡大", ["○", "○", "◎"]),
    ("4", "補助金の見直し", ["×", "△", "○"]),
    ("5", "職員提案制度の活用", ["○", "△", "△"]),
];
const MATRIX_YEARS: [i32; 3] = [2021, 2022, 2023];
const MATRIX_TITLE: &str = "行政改革実施計画 取組評価一覧（令和3年度～令和5年度）";
const LEGEND: &str = "評価：◎ 目標を上回った　○ 目標どおり　△ 一部未達成　× 未実施";

fn matrix() -> (Sheet, Vec<Expect>) {
    let mut sh = Sheet::new("評価一覧", &[6.0, 34.0, 12.0, 12.0, 12.0], true, 10.0);
    sh.span(0, 0, 1, 5, t(MATRIX_TITLE), Style::Title);
    sh.span(1, 0, 1, 5, t(LEGEND), Style::Loose);
    sh.put(2, 0, t("No."), Style::Label);
    sh.put(2, 1, t("取組項目"), Style::Label);
    for (k, y) in MATRIX_YEARS.iter().enumerate() {
        sh.put(
            2,
            2 + k as u16,
            t(&format!("令和{}年度", y - 2018)),
            Style::Head,
        );
    }
    let mut out = Vec::new();
    for (r, (no, title, grades)) in MATRIX.iter().enumerate() {
        let row = 3 + r as u32;
        sh.put(row, 0, t(no), Style::Center);
        sh.put(row, 1, t(title), Style::Text);
        for (k, g) in grades.iter().enumerate() {
            sh.put(row, 2 + k as u16, t(g), Style::Center);
            // A grade per initiative and year; the mark is its text (the legend says what
            // it means, the mark is what is printed).
            out.push(Expect {
                id: (*no).to_owned(),
                indicator: None,
                kind: "grade",
                fiscal_year: Some(MATRIX_YEARS[k]),
                raw: (*g).to_owned(),
                reading: Reading::text(g),
            });
        }
    }
    (sh, out)
}

/// 施策, KPI, 単位, 基準値（R2）, R5目標, R5実績, 達成率 — the unit only in the 単位 column,
/// the values bare numbers (as 総合戦略 KPI 進捗管理表 print them).
const KPI: [[&str; 7]; 4] = [
    [
        "(1) 行政手続きのオンライン化",
        "電子申請手続き可能件数",
        "件",
        "26",
        "300",
        "284",
        "94.7%",
    ],
    [
        "(2) 健全な財政運営",
        "ふるさと納税額",
        "百万円",
        "65",
        "130",
        "140.7",
        "108.2%",
    ],
    [
        "(3) 人材の育成",
        "職員研修の受講者数",
        "人",
        "1,200",
        "1,500",
        "1,390",
        "92.7%",
    ],
    [
        "(4) 働き方改革",
        "年次有給休暇の平均取得日数",
        "日",
        "7.7",
        "10.0",
        "11.0",
        "110.0%",
    ],
];
const KPI_HEADER: [&str; 7] = [
    "施策",
    "KPI",
    "単位",
    "基準値（R2）",
    "R5目標",
    "R5実績",
    "達成率",
];
const KPI_TITLE: &str = "総合戦略 KPI進捗管理表（令和5年度）";

/// A bare number with the unit of its 単位 cell, as a reader takes it: `140.7` 百万円 →
/// 140700000 円 shown in 百万円; `1,200` 人 → 1200 人; `10.0` 日 → 10 日.
fn kpi_reading(raw: &str, unit: &str) -> Reading {
    let value: &'static str = match raw {
        "26" => "26",
        "300" => "300",
        "284" => "284",
        "65" => "65000000",
        "130" => "130000000",
        "140.7" => "140700000",
        "1,200" => "1200",
        "1,500" => "1500",
        "1,390" => "1390",
        "7.7" => "7.7",
        "10.0" => "10",
        "11.0" => "11",
        _ => "unread",
    };
    match unit {
        "百万円" => Reading::number(value, "円").display("百万円"),
        "件" => Reading::number(value, "件"),
        "人" => Reading::number(value, "人"),
        "日" => Reading::number(value, "日"),
        _ => Reading::default(),
    }
}

fn rate_reading(raw: &str) -> Reading {
    let value: &'static str = match raw {
        "94.7%" => "94.7",
        "108.2%" => "108.2",
        "92.7%" => "92.7",
        "110.0%" => "110",
        _ => "unread",
    };
    Reading::number(value, "%")
}

fn kpi() -> (Sheet, Vec<Expect>) {
    let mut sh = Sheet::new(
        "KPI",
        &[26.0, 26.0, 8.0, 12.0, 10.0, 10.0, 10.0],
        true,
        10.0,
    );
    sh.span(0, 0, 1, 7, t(KPI_TITLE), Style::Title);
    for (c, h) in KPI_HEADER.iter().enumerate() {
        sh.put(1, c as u16, t(h), Style::Label);
    }
    let columns: [(&'static str, i32); 4] = [
        ("baseline", 2020),
        ("target", 2023),
        ("actual", 2023),
        ("achievement_rate", 2023),
    ];
    let mut out = Vec::new();
    for (r, row) in KPI.iter().enumerate() {
        let rr = 2 + r as u32;
        for (c, cell) in row.iter().enumerate() {
            let style = if c < 2 { Style::Text } else { Style::Center };
            // Bare numbers stay text cells: the displayed string is the seed-style figure.
            sh.put(rr, c as u16, t(cell), style);
        }
        let id = row[0]
            .split_once(' ')
            .map_or(row[0], |(id, _)| id)
            .to_owned();
        for ((kind, year), raw) in columns.iter().zip(row.iter().skip(3)) {
            out.push(Expect {
                id: id.clone(),
                indicator: Some(row[1].to_owned()),
                kind,
                fiscal_year: Some(*year),
                raw: (*raw).to_owned(),
                reading: if *kind == "achievement_rate" {
                    rate_reading(raw)
                } else {
                    kpi_reading(raw, row[2])
                },
            });
        }
    }
    (sh, out)
}

/// 施策番号, 施策名, 指標名, 年度, 区分, 値, 単位: one row per value, as 自治体オープンデータ
/// portals publish KPI tables (UTF-8 with BOM, CRLF).
const LONG: [[&str; 7]; 8] = [
    [
        "1",
        "窓口サービスの向上",
        "窓口待ち時間",
        "2022",
        "目標値",
        "15",
        "分",
    ],
    [
        "1",
        "窓口サービスの向上",
        "窓口待ち時間",
        "2022",
        "実績値",
        "18",
        "分",
    ],
    [
        "1",
        "窓口サービスの向上",
        "窓口待ち時間",
        "2023",
        "目標値",
        "12",
        "分",
    ],
    [
        "1",
        "窓口サービスの向上",
        "窓口待ち時間",
        "2023",
        "実績値",
        "11",
        "分",
    ],
    [
        "2",
        "市税収納率の向上",
        "市税収納率",
        "2022",
        "目標値",
        "98.5",
        "%",
    ],
    [
        "2",
        "市税収納率の向上",
        "市税収納率",
        "2022",
        "実績値",
        "98.7",
        "%",
    ],
    [
        "2",
        "市税収納率の向上",
        "市税収納率",
        "2023",
        "目標値",
        "98.6",
        "%",
    ],
    [
        "2",
        "市税収納率の向上",
        "市税収納率",
        "2023",
        "実績値",
        "98.4",
        "%",
    ],
];
const LONG_HEADER: [&str; 7] = ["施策番号", "施策名", "指標名", "年度", "区分", "値", "単位"];

fn long_csv() -> (String, Vec<Expect>) {
    let mut csv = String::from("\u{feff}");
    csv.push_str(&LONG_HEADER.join(","));
    csv.push_str("\r\n");
    let mut out = Vec::new();
    for row in &LONG {
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
        let value: &'static str = match row[5] {
            "15" => "15",
            "18" => "18",
            "12" => "12",
            "11" => "11",
            "98.5" => "98.5",
            "98.7" => "98.7",
            "98.6" => "98.6",
            "98.4" => "98.4",
            _ => "unread",
        };
        let unit: &'static str = if row[6] == "分" { "分" } else { "%" };
        out.push(Expect {
            id: row[0].to_owned(),
            indicator: Some(row[2].to_owned()),
            kind: if row[4] == "目標値" {
                "target"
            } else {
                "actual"
            },
            fiscal_year: row[3].parse().ok(),
            raw: row[5].to_owned(),
            reading: Reading::number(value, unit),
        });
    }
    (csv, out)
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// Writes the three novel fixtures and their stated lists; with `tools` None, only the lists
/// (and the CSV, which needs no tool).
pub fn generate(root: &Path, tools: Option<&export::Tools>) -> anyhow::Result<()> {
    let base = root.join("fixtures").join("novel");
    for (name, title, (sheet, list)) in [
        ("matrix", MATRIX_TITLE, matrix()),
        ("kpi", KPI_TITLE, kpi()),
    ] {
        let dir = base.join(name);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let stem = format!("novel_{name}");
        write(
            &dir.join(format!("{stem}.expected.jsonl")),
            expect::jsonl(&list).as_bytes(),
        )?;
        let Some(tools) = tools else { continue };
        let strings = sheet.strings();
        let xlsx = grid::xlsx(
            &[sheet],
            &Meta {
                title,
                author: "muniplan fixtures (novel layout)",
            },
        )?;
        let path = dir.join(format!("{stem}.xlsx"));
        write(&path, &xlsx)?;
        let raw = tools.soffice_pdf(&path)?;
        let f = tools.finish(&raw, &dir.join(format!("{stem}.pdf")), &strings, 150_000)?;
        eprintln!(
            "novel: {stem}: {} values, {} page(s), {} bytes",
            list.len(),
            f.pages,
            f.size
        );
    }
    let dir = base.join("opendata");
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let (csv, list) = long_csv();
    write(&dir.join("novel_opendata.csv"), csv.as_bytes())?;
    write(
        &dir.join("novel_opendata.expected.jsonl"),
        expect::jsonl(&list).as_bytes(),
    )?;
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn every_novel_value_is_read_by_hand() {
        let lists = [matrix().1, kpi().1, long_csv().1];
        assert_eq!(lists.iter().map(Vec::len).collect::<Vec<_>>(), [15, 16, 8]);
        for e in lists.iter().flatten() {
            assert_ne!(e.reading.value, Some("unread"), "{}", e.raw);
            assert!(
                e.reading.value.is_some() || e.reading.text.is_some(),
                "{}",
                e.raw
            );
        }
    }

    #[test]
    fn a_kpi_value_takes_the_unit_of_its_unit_column() {
        let r = kpi_reading("140.7", "百万円");
        assert_eq!(
            (r.value, r.unit, r.display_unit),
            (Some("140700000"), Some("円"), Some("百万円"))
        );
        assert_eq!(kpi_reading("1,200", "人").value, Some("1200"));
    }
}
