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

use std::path::Path;

use anyhow::Context;

use super::content::{self, Family};
use super::expect;
use super::export;
use super::grid::{self, Meta, Sheet, Style, t};

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
const LAYOUTS: [Layout; 3] = [
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
        assert_eq!(counts, [15, 16, 8]);
    }
}
