//! `fixtures/novel/`: layouts neither the seeds nor the dev corpus use (issue #11 item 5), each
//! following a common way municipalities publish such reports (fixtures/README.md says which).
//! Content invented for the layout, in the seeds' vocabulary.
//!
//! **Content as data**, as for the families: each layout's content is a file
//! `xtask/families/novel/<layout>.json` in the families' format ([`super::content`]); its
//! expected list is [`expect::stated`] of it (every value's meaning and reading stated by hand
//! in the file, never from muniplan). The functions here only draw the layout:
//!
//! - `matrix`: a grade matrix, initiatives down, fiscal years across, ◎○△× marks, a legend.
//! - `kpi`: a KPI 進捗管理表 per 施策: the unit in a 単位 column, bare numbers, 達成率.
//! - `opendata`: a long CSV as on open-data portals (UTF-8 with BOM), one row per indicator,
//!   year and kind.
//! - `opendata_cp932`: an open-data CSV in Shift_JIS (CP932, CRLF), one row per indicator and
//!   year with 目標値/実績値 columns, western years in 年度 and counter words (`窓口`, `団体`)
//!   in 単位; and the same table as the portal's xlsx (+ its Calc PDF).
//! - `target_actual_list`: a list `No. | 指標名 | 区分 | 令和3年度…`, No. and 指標名 merged
//!   over a 目標 and an 実績 row, every value in the 千円 of a `（単位：千円）` note above the
//!   table's right end.
//! - `pair_card`: cards whose first row holds two label/value pairs (`取組番号 | 3 | 取組名 |
//!   …`), western `2023年度` years, the unit in the row labels (`目標（百万円）`), an 評価 row.

use std::path::Path;

use anyhow::{Context, bail};

use super::content::{self, Family};
use super::expect;
use super::export;
use super::grid::{self, Meta, Sheet, Style, t, v};

/// Draws a layout's sheet from its content.
type DrawSheet = fn(&Family) -> anyhow::Result<Sheet>;
/// Writes a layout's CSV bytes from its content.
type WriteCsv = fn(&Family) -> anyhow::Result<Vec<u8>>;

/// How a layout is published: a sheet (xlsx + its Calc PDF), a CSV, or both.
struct Layout {
    name: &'static str,
    sheet: Option<DrawSheet>,
    csv: Option<WriteCsv>,
}

/// The novel layouts, in generation order.
const LAYOUTS: [Layout; 6] = [
    Layout {
        name: "matrix",
        sheet: Some(matrix),
        csv: None,
    },
    Layout {
        name: "kpi",
        sheet: Some(kpi),
        csv: None,
    },
    Layout {
        name: "opendata",
        sheet: None,
        csv: Some(long_csv),
    },
    Layout {
        name: "opendata_cp932",
        sheet: Some(portal_sheet),
        csv: Some(portal_csv),
    },
    Layout {
        name: "target_actual_list",
        sheet: Some(target_actual_list),
        csv: None,
    },
    Layout {
        name: "pair_card",
        sheet: Some(pair_card),
        csv: None,
    },
];

/// The one-line text `key` of an initiative.
fn text<'a>(i: &'a content::Initiative, key: &str) -> anyhow::Result<&'a str> {
    i.text(key)
}

/// The row label of a series (its printed label, else the kind).
fn label(s: &content::Series) -> &str {
    s.label.as_deref().unwrap_or(&s.kind)
}

/// `No. | 取組項目 | <years>`, one mark per cell, the legend above.
fn matrix(f: &Family) -> anyhow::Result<Sheet> {
    let cols = u16::try_from(2 + f.years.len())?;
    let mut widths = vec![6.0, 34.0];
    widths.extend(std::iter::repeat_n(12.0, f.years.len()));
    let mut sh = Sheet::new("評価一覧", &widths, true, 10.0);
    sh.span(0, 0, 1, cols, t(&f.title), Style::Title);
    for (k, note) in f.notes.iter().enumerate() {
        sh.span(1 + u32::try_from(k)?, 0, 1, cols, t(note), Style::Loose);
    }
    let head = 1 + u32::try_from(f.notes.len())?;
    sh.put(head, 0, t("No."), Style::Label);
    sh.put(head, 1, t("取組項目"), Style::Label);
    for (k, y) in f.years.iter().enumerate() {
        sh.put(head, 2 + u16::try_from(k)?, t(&y.label), Style::Head);
    }
    for (r, i) in f.initiatives.iter().enumerate() {
        let row = head + 1 + u32::try_from(r)?;
        sh.put(row, 0, t(&i.id), Style::Center);
        sh.put(row, 1, t(text(i, "取組項目")?), Style::Text);
        let series = i.series.first().context("a matrix row without marks")?;
        for k in 0..f.years.len() {
            sh.put(row, 2 + u16::try_from(k)?, t(series.at(k)), Style::Center);
        }
    }
    Ok(sh)
}

/// `施策 | KPI | 単位 | <one column per series>`: each series prints its one non-empty cell.
fn kpi(f: &Family) -> anyhow::Result<Sheet> {
    let first = f.initiatives.first().context("no 施策")?;
    let mut header = vec!["施策", "KPI", "単位"];
    header.extend(first.series.iter().map(label));
    let mut widths = vec![26.0, 26.0, 8.0, 12.0];
    widths.extend(std::iter::repeat_n(10.0, header.len().saturating_sub(4)));
    let cols = u16::try_from(header.len())?;
    let mut sh = Sheet::new("KPI", &widths, true, 10.0);
    sh.span(0, 0, 1, cols, t(&f.title), Style::Title);
    for (c, h) in header.iter().enumerate() {
        sh.put(1, u16::try_from(c)?, t(h), Style::Label);
    }
    for (r, i) in f.initiatives.iter().enumerate() {
        let row = 2 + u32::try_from(r)?;
        let indicator = i
            .series
            .first()
            .and_then(|s| s.printed_name())
            .context("a KPI without a name")?;
        sh.put(
            row,
            0,
            t(&format!("{} {}", i.id, text(i, "施策")?)),
            Style::Text,
        );
        sh.put(row, 1, t(indicator), Style::Text);
        sh.put(row, 2, t(text(i, "単位")?), Style::Center);
        for (c, s) in i.series.iter().enumerate() {
            let cell = (0..f.years.len())
                .map(|k| s.at(k))
                .find(|c| !c.is_empty())
                .unwrap_or("");
            // Bare numbers stay text cells: the displayed string is the report's figure.
            sh.put(row, 3 + u16::try_from(c)?, t(cell), Style::Center);
        }
    }
    Ok(sh)
}

/// The rows of a long table: per initiative, per year, per series, one row of
/// `施策番号, 施策名, 指標名, 年度, 区分, 値, 単位`.
fn long_csv(f: &Family) -> anyhow::Result<Vec<u8>> {
    let mut csv = String::from("\u{feff}");
    csv.push_str("施策番号,施策名,指標名,年度,区分,値,単位\r\n");
    for i in &f.initiatives {
        for (k, y) in f.years.iter().enumerate() {
            for s in &i.series {
                let row = [
                    i.id.as_str(),
                    text(i, "施策名")?,
                    s.printed_name().context("a row without an indicator")?,
                    &y.label,
                    label(s),
                    s.at(k),
                    text(i, "単位")?,
                ];
                csv.push_str(&row.join(","));
                csv.push_str("\r\n");
            }
        }
    }
    Ok(csv.into_bytes())
}

/// The portal's table: per initiative and year one row of
/// `年度, 取組番号, 取組名, 指標名, <one column per series>, 単位`.
fn portal_rows(f: &Family) -> anyhow::Result<Vec<Vec<String>>> {
    let first = f.initiatives.first().context("no 取組")?;
    let mut header: Vec<String> = ["年度", "取組番号", "取組名", "指標名"]
        .map(String::from)
        .to_vec();
    header.extend(first.series.iter().map(|s| label(s).to_owned()));
    header.push("単位".to_owned());
    let mut rows = vec![header];
    for i in &f.initiatives {
        for (k, y) in f.years.iter().enumerate() {
            let indicator = i
                .series
                .first()
                .and_then(|s| s.printed_name())
                .context("a row without an indicator")?;
            let mut row = vec![
                y.label.clone(),
                i.id.clone(),
                text(i, "取組名")?.to_owned(),
                indicator.to_owned(),
            ];
            row.extend(i.series.iter().map(|s| s.at(k).to_owned()));
            row.push(text(i, "単位")?.to_owned());
            rows.push(row);
        }
    }
    Ok(rows)
}

/// The portal's CSV: Shift_JIS (CP932, as Excel writes it), CRLF, no quoting needed.
fn portal_csv(f: &Family) -> anyhow::Result<Vec<u8>> {
    let mut csv = String::new();
    for row in portal_rows(f)? {
        if row.iter().any(|c| c.contains([',', '"', '\n'])) {
            bail!("a cell that needs quoting: {row:?}");
        }
        csv.push_str(&row.join(","));
        csv.push_str("\r\n");
    }
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&csv);
    if unmappable {
        bail!("a character CP932 cannot write");
    }
    Ok(bytes.into_owned())
}

/// The portal's xlsx: the same table, numbers as numbers.
fn portal_sheet(f: &Family) -> anyhow::Result<Sheet> {
    let rows = portal_rows(f)?;
    let mut sh = Sheet::new("指標", &[8.0, 9.0, 22.0, 24.0, 9.0, 9.0, 8.0], false, 10.0);
    for (r, row) in rows.iter().enumerate() {
        let r = u32::try_from(r)?;
        for (c, cell) in row.iter().enumerate() {
            let c = u16::try_from(c)?;
            if r == 0 {
                sh.put(r, c, t(cell), Style::Label);
            } else if matches!(c, 2 | 3) {
                sh.put(r, c, t(cell), Style::Text);
            } else if c == 6 {
                sh.put(r, c, t(cell), Style::Center);
            } else {
                sh.put(r, c, v(cell), Style::Center);
            }
        }
    }
    sh.repeat_rows = Some((0, 0));
    Ok(sh)
}

/// `No. | 指標名 | 区分 | <years>`, No. and 指標名 merged down over the initiative's rows (one
/// per series: 目標, 実績), the family's notes above the table's right end.
fn target_actual_list(f: &Family) -> anyhow::Result<Sheet> {
    let years = u16::try_from(f.years.len())?;
    let cols = 3 + years;
    let mut widths = vec![6.0, 34.0, 8.0];
    widths.extend(std::iter::repeat_n(14.0, f.years.len()));
    let mut sh = Sheet::new("財政効果", &widths, false, 10.0);
    sh.span(0, 0, 1, cols, t(&f.title), Style::Title);
    let mut row = 1;
    for note in &f.notes {
        sh.put(row, cols - 1, t(note), Style::Loose);
        row += 1;
    }
    for (c, h) in ["No.", "指標名", "区分"].iter().enumerate() {
        sh.put(row, u16::try_from(c)?, t(h), Style::Label);
    }
    for (k, y) in f.years.iter().enumerate() {
        sh.put(row, 3 + u16::try_from(k)?, t(&y.label), Style::Head);
    }
    sh.repeat_rows = Some((row, row));
    row += 1;
    for i in &f.initiatives {
        let n = u32::try_from(i.series.len())?;
        let indicator = i
            .series
            .first()
            .and_then(|s| s.printed_name())
            .context("a row without an indicator")?;
        sh.span(row, 0, n, 1, t(&i.id), Style::Center);
        sh.span(row, 1, n, 1, t(indicator), Style::Text);
        for s in &i.series {
            sh.put(row, 2, t(label(s)), Style::Label);
            for k in 0..f.years.len() {
                sh.put(row, 3 + u16::try_from(k)?, v(s.at(k)), Style::Center);
            }
            row += 1;
        }
    }
    Ok(sh)
}

/// Cards: `取組番号 | <id> | 取組名 | <name>`, `所管課`, `取組内容`, a 年度 row, one row per
/// series under its printed label; a blank row between cards.
fn pair_card(f: &Family) -> anyhow::Result<Sheet> {
    let years = u16::try_from(f.years.len())?;
    if years < 3 {
        bail!("a pair card needs three value columns for its first row");
    }
    let cols = 1 + years;
    let mut widths = vec![16.0, 16.0, 16.0];
    widths.extend(std::iter::repeat_n(28.0, f.years.len() - 2));
    let mut sh = Sheet::new("取組シート", &widths, false, 10.0);
    sh.span(0, 0, 1, cols, t(&f.title), Style::Title);
    let mut row = 2;
    for i in &f.initiatives {
        sh.put(row, 0, t("取組番号"), Style::Label);
        sh.put(row, 1, t(&i.id), Style::Center);
        sh.put(row, 2, t("取組名"), Style::Label);
        sh.span(row, 3, 1, cols - 3, t(text(i, "取組名")?), Style::Text);
        row += 1;
        for key in ["所管課", "取組内容"] {
            sh.put(row, 0, t(key), Style::Label);
            sh.span(row, 1, 1, cols - 1, t(text(i, key)?), Style::Text);
            row += 1;
        }
        sh.put(row, 0, t("年度"), Style::Label);
        for (k, y) in f.years.iter().enumerate() {
            sh.put(row, 1 + u16::try_from(k)?, t(&y.label), Style::Head);
        }
        row += 1;
        for s in &i.series {
            sh.put(row, 0, t(label(s)), Style::Label);
            for k in 0..f.years.len() {
                let cell = if s.as_printed { t(s.at(k)) } else { v(s.at(k)) };
                sh.put(row, 1 + u16::try_from(k)?, cell, Style::Center);
            }
            row += 1;
        }
        row += 1;
    }
    Ok(sh)
}

fn write(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    std::fs::write(path, bytes).with_context(|| format!("writing {}", path.display()))
}

/// Writes every novel fixture and its stated list; with `tools` None, only the lists (and the
/// CSVs, which need no tool).
pub fn generate(root: &Path, tools: Option<&export::Tools>) -> anyhow::Result<()> {
    let base = root.join("fixtures").join("novel");
    for layout in &LAYOUTS {
        let f = content::load_novel(root, layout.name)?;
        let list = expect::stated(&f)?;
        let dir = base.join(layout.name);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        let stem = format!("novel_{}", layout.name);
        write(
            &dir.join(format!("{stem}.expected.jsonl")),
            expect::jsonl(&list).as_bytes(),
        )?;
        if let Some(csv) = layout.csv {
            write(&dir.join(format!("{stem}.csv")), &csv(&f)?)?;
        }
        let (Some(tools), Some(draw)) = (tools, layout.sheet) else {
            continue;
        };
        let sheet = draw(&f)?;
        let strings = sheet.strings();
        let xlsx = grid::xlsx(
            &[sheet],
            &Meta {
                title: &f.title,
                author: &f.author,
            },
        )?;
        let path = dir.join(format!("{stem}.xlsx"));
        write(&path, &xlsx)?;
        let raw = tools.soffice_pdf(&path)?;
        let out = tools.finish(&raw, &dir.join(format!("{stem}.pdf")), &strings, 150_000)?;
        eprintln!(
            "novel: {stem}: {} values, {} page(s), {} bytes, {} strings poppler misses",
            list.len(),
            out.pages,
            out.size,
            out.missing.len()
        );
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn load(name: &str) -> Family {
        content::load_novel(&content::root(), name).unwrap()
    }

    /// The committed lists and CSVs are what the content files state and the layouts draw.
    #[test]
    fn committed_lists_and_csvs_are_the_content_files() {
        let root = content::root();
        let mut counts = Vec::new();
        for layout in &LAYOUTS {
            let f = load(layout.name);
            let dir = root.join("fixtures").join("novel").join(layout.name);
            let stem = format!("novel_{}", layout.name);
            let list = expect::stated(&f).unwrap();
            let want = std::fs::read_to_string(dir.join(format!("{stem}.expected.jsonl")));
            assert!(
                want.unwrap() == expect::jsonl(&list),
                "{stem}.expected.jsonl is stale"
            );
            if let Some(csv) = layout.csv {
                let want = std::fs::read(dir.join(format!("{stem}.csv"))).unwrap();
                assert!(want == csv(&f).unwrap(), "{stem}.csv is stale");
            }
            if let Some(draw) = layout.sheet {
                assert!(!draw(&f).unwrap().strings().is_empty());
            }
            counts.push(list.len());
        }
        assert_eq!(counts, [15, 16, 8, 12, 18, 21]);
    }

    #[test]
    fn the_portal_csv_is_cp932_with_crlf_and_western_years() {
        let bytes = portal_csv(&load("opendata_cp932")).unwrap();
        let (text, _, bad) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert!(!bad);
        assert!(std::str::from_utf8(&bytes).is_err(), "not UTF-8");
        assert!(text.starts_with("年度,取組番号,"));
        assert!(text.contains("\r\n2022,1,"));
        assert!(text.contains(",窓口\r\n") && text.contains(",団体\r\n"));
        assert_eq!(text.matches("\r\n").count(), text.lines().count());
    }

    #[test]
    fn the_list_note_stands_above_the_table_right_end_and_merges_span_two_rows() {
        let sh = target_actual_list(&load("target_actual_list")).unwrap();
        let last = u16::try_from(sh.widths.len() - 1).unwrap();
        assert!(
            sh.cells
                .iter()
                .any(|c| c.row == 1 && c.col == last && c.value.shown() == "（単位：千円）")
        );
        let merged = sh.cells.iter().filter(|c| c.rows == 2).count();
        assert_eq!(merged, 2 * 3);
    }

    #[test]
    fn a_pair_card_starts_with_two_label_value_pairs() {
        let sh = pair_card(&load("pair_card")).unwrap();
        let first: Vec<&str> = sh
            .cells
            .iter()
            .filter(|c| c.row == 2)
            .map(|c| c.value.shown())
            .collect();
        assert_eq!(first, ["取組番号", "3", "取組名", "ふるさと納税の推進"]);
    }
}
