//! `cargo xtask fixtures variants`: each family's content drawn in several presentations by ONE
//! renderer, so that the tests can show recognition holds on layouts the family modules do not
//! draw (issue #11 item 4).
//!
//! **Content as data.** A family's content is its data file (`xtask/families/<family>.json`,
//! [`super::content`]); [`Content::of`] takes the values [`super::expect::stated`] derives from
//! it (per initiative, per indicator, each value's kind, fiscal year, raw text and reading), the
//! same function that gives the family fixture's own expected list; nothing here reads
//! muniplan's output. Cells that state two values at once (one raw text behind two expected
//! values) are left out, since a card cell holds one value.
//!
//! **Presentation as options.** [`Presentation`] is the set of choices one renderer
//! ([`render`]) takes: years across or down (transposed card), vertical one-char-per-line
//! labels, the id in the header's corner cell, the unit in the cell, in a note row or in the
//! label, headings as a table row or as a loose paragraph, one card per page, and the producer
//! (xlsx + its LibreOffice Calc PDF, Chromium's print of the HTML, or LibreOffice Writer's
//! export of the same grid typed as a text document: headings as paragraphs between tables). [`VARIANTS`] lists them:
//! a new variant is one line there.
//!
//! The expected list of a variant is the content's values with the raw text as that variant
//! prints it (a unit moved out of the cell leaves the number): kind, fiscal year, indicator and
//! reading are the family's, whatever the presentation.

use std::path::Path;

use anyhow::Context;

use super::content::Family;
use super::expect::{self, Expect};
use super::export;
use super::grid::{self, Meta, Sheet, Style, t, v};

/// Initiatives per family drawn in the variants (the first ones of the family's document):
/// enough for several cards per page, few enough to keep the committed PDFs small.
pub const INITIATIVES: usize = 3;

/// Where a value's unit is printed.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum UnitAt {
    /// In the value cell, as the seed prints it (`250件`).
    Cell,
    /// In a note row above the card's grid (`（単位：件）`), the cell holding the number.
    NoteRow,
    /// In the kind label (`目標（件）`), the cell holding the number.
    Label,
}

/// Who makes the PDF.
#[derive(Clone, Copy, PartialEq, Eq)]
pub enum Producer {
    /// The xlsx, and LibreOffice Calc's PDF export of it.
    Calc,
    /// Chromium's print of the HTML rendering (PDF only).
    Chromium,
    /// LibreOffice Writer's PDF export of the text-document rendering (flat ODF `.fodt`:
    /// loose rows as paragraphs between Writer tables; PDF only).
    Writer,
}

/// One variant: the families it draws, every option of the renderer, and the producer.
#[derive(Clone, Copy)]
pub struct Presentation {
    pub name: &'static str,
    /// The families drawn in this presentation; empty: every family.
    pub families: &'static [&'static str],
    /// Fiscal years down the rows, kinds (目標/実績/評価) across.
    pub transposed: bool,
    /// Kind labels one character per line (`目\n標`).
    pub vertical: bool,
    /// The initiative id in the grid's corner cell instead of the heading.
    pub id_in_corner: bool,
    pub unit: UnitAt,
    /// Headings as loose paragraphs (no border, a gap before) instead of a table row.
    pub heading_paragraph: bool,
    /// One card per printed page.
    pub page_per_card: bool,
    pub producer: Producer,
}

const BASE: Presentation = Presentation {
    name: "card",
    families: &[],
    transposed: false,
    vertical: false,
    id_in_corner: false,
    unit: UnitAt::Cell,
    heading_paragraph: false,
    page_per_card: false,
    producer: Producer::Calc,
};

/// The variants: one line each (families, presentation options, producer); a line without
/// `families` draws every family.
pub const VARIANTS: &[Presentation] = &[
    BASE,
    Presentation {
        name: "transposed",
        transposed: true,
        ..BASE
    },
    Presentation {
        name: "vertical-labels",
        vertical: true,
        ..BASE
    },
    Presentation {
        name: "corner-id",
        id_in_corner: true,
        ..BASE
    },
    Presentation {
        name: "unit-note",
        unit: UnitAt::NoteRow,
        ..BASE
    },
    Presentation {
        name: "unit-label",
        unit: UnitAt::Label,
        ..BASE
    },
    Presentation {
        name: "paragraph-headings",
        heading_paragraph: true,
        ..BASE
    },
    Presentation {
        name: "page-per-card",
        page_per_card: true,
        heading_paragraph: true,
        ..BASE
    },
    Presentation {
        name: "chromium",
        producer: Producer::Chromium,
        ..BASE
    },
    Presentation {
        name: "writer",
        producer: Producer::Writer,
        ..BASE
    },
    Presentation {
        name: "writer-paragraph-headings",
        heading_paragraph: true,
        producer: Producer::Writer,
        ..BASE
    },
    Presentation {
        name: "writer-page-per-card",
        heading_paragraph: true,
        page_per_card: true,
        producer: Producer::Writer,
        ..BASE
    },
];

/// One initiative's content: its id and its values in the family's order.
pub struct Initiative {
    pub id: String,
    pub values: Vec<Expect>,
}

/// A family's values, grouped by initiative.
pub struct Content {
    pub family: String,
    pub title: String,
    pub author: String,
    pub initiatives: Vec<Initiative>,
}

impl Presentation {
    /// Whether this variant draws `family`.
    pub fn draws(&self, family: &str) -> bool {
        self.families.is_empty() || self.families.contains(&family)
    }
}

impl Content {
    /// The first `count` initiatives of the values a family's content states, grouped.
    pub fn of(f: &Family, count: usize) -> anyhow::Result<Content> {
        Ok(Content::from_values(
            &f.family,
            &f.title,
            &f.author,
            &expect::stated(f)?,
            count,
        ))
    }

    /// The first `count` initiatives of a stated value list, grouped.
    pub fn from_values(
        family: &str,
        title: &str,
        author: &str,
        values: &[Expect],
        count: usize,
    ) -> Content {
        let mut initiatives: Vec<Initiative> = Vec::new();
        for e in values {
            let known = initiatives.len();
            match initiatives.iter_mut().find(|i| i.id == e.id) {
                Some(i) => i.values.push(e.clone()),
                None if known < count => initiatives.push(Initiative {
                    id: e.id.clone(),
                    values: vec![e.clone()],
                }),
                None => {}
            }
        }
        for i in &mut initiatives {
            // One raw text behind two values of one indicator and year is a composite cell
            // (`目標 … / 実績 …`): not a card cell.
            let cells: Vec<_> = i
                .values
                .iter()
                .map(|e| (e.raw.clone(), e.indicator.clone(), e.fiscal_year))
                .collect();
            i.values.retain(|e| {
                let key = (e.raw.clone(), e.indicator.clone(), e.fiscal_year);
                cells.iter().filter(|c| **c == key).count() == 1
            });
            // One value per (indicator, kind, year) slot.
            let mut seen = Vec::new();
            i.values.retain(|e| {
                let key = (e.indicator.clone(), e.kind, e.fiscal_year);
                let new = !seen.contains(&key);
                seen.push(key);
                new
            });
        }
        initiatives.retain(|i| !i.values.is_empty());
        Content {
            family: family.to_owned(),
            title: title.to_owned(),
            author: author.to_owned(),
            initiatives,
        }
    }
}

/// The label a kind is printed under.
fn kind_label(kind: &str) -> &'static str {
    match kind {
        "target" => "目標",
        "actual" => "実績",
        "baseline" => "基準値",
        "final_target" => "最終目標値",
        "plan" => "計画",
        "status" => "取組状況",
        "grade" => "評価",
        "achievement_rate" => "達成率",
        _ => "備考",
    }
}

/// A fiscal year as a Japanese header (`令和4年度`, `平成29年度`).
fn year_label(year: i32) -> String {
    if year >= 2019 {
        format!("令和{}年度", year - 2018)
    } else {
        format!("平成{}年度", year - 1988)
    }
}

/// The id as printed: the id as the contract normalizes it is also a printed form (`No.3`,
/// `(1)`, `1-(3)-②`); a bare number is the document-order number of a family that prints no
/// id, so nothing is printed.
fn printed_id(id: &str) -> Option<&str> {
    (!id.chars().all(|c| c.is_ascii_digit())).then_some(id)
}

/// One indicator's block of an initiative: its kinds in order, its dated and undated values.
struct Group<'a> {
    indicator: Option<&'a str>,
    kinds: Vec<&'static str>,
    values: Vec<&'a Expect>,
    /// The unit moved out of the cells, if every value of the group prints it as a suffix.
    unit: Option<&'static str>,
}

fn groups<'a>(i: &'a Initiative, p: &Presentation) -> Vec<Group<'a>> {
    let mut out: Vec<Group> = Vec::new();
    for e in &i.values {
        let ind = e.indicator.as_deref();
        let g = match out.iter_mut().position(|g| g.indicator == ind) {
            Some(k) => &mut out[k],
            None => {
                out.push(Group {
                    indicator: ind,
                    kinds: Vec::new(),
                    values: Vec::new(),
                    unit: None,
                });
                let last = out.len() - 1;
                &mut out[last]
            }
        };
        if e.fiscal_year.is_some() && !g.kinds.contains(&e.kind) {
            g.kinds.push(e.kind);
        }
        g.values.push(e);
    }
    if p.unit != UnitAt::Cell {
        for g in &mut out {
            g.unit = common_unit(&g.values);
        }
    }
    out
}

/// The unit of a group when every value that has one has the same, and at least one prints it
/// as a suffix after a plain number (`250件`, `38.1%`). Values that print more (`累計\n250件`)
/// keep their unit in the cell, which wins over a note.
fn common_unit(values: &[&Expect]) -> Option<&'static str> {
    let mut units = values
        .iter()
        .filter_map(|e| e.reading.display_unit.or(e.reading.unit));
    let unit = units.next()?;
    let same = units.all(|u| u == unit);
    let some_bare = values.iter().any(|e| bare(&e.raw, unit).is_some());
    (same && some_bare).then_some(unit)
}

/// `raw` without its unit suffix, when what is left is a plain number.
fn bare<'a>(raw: &'a str, unit: &str) -> Option<&'a str> {
    let num = raw.strip_suffix(unit)?;
    let plain = !num.is_empty()
        && num.chars().next().is_some_and(|c| c.is_ascii_digit())
        && num
            .chars()
            .all(|c| c.is_ascii_digit() || c == ',' || c == '.');
    plain.then_some(num)
}

/// A rendered variant: its sheet and the values it prints, with their raw text as printed.
pub struct Rendered {
    pub sheet: Sheet,
    pub expected: Vec<Expect>,
}

/// Draw the content in one presentation.
pub fn render(c: &Content, p: &Presentation) -> Rendered {
    let years: Vec<i32> = {
        let mut y: Vec<i32> = c
            .initiatives
            .iter()
            .flat_map(|i| i.values.iter().filter_map(|e| e.fiscal_year))
            .collect();
        y.sort_unstable();
        y.dedup();
        y
    };
    let max_kinds = c
        .initiatives
        .iter()
        .flat_map(|i| groups(i, p).into_iter().map(|g| g.kinds.len()))
        .max()
        .unwrap_or(1)
        .max(1);
    let across = if p.transposed {
        max_kinds
    } else {
        years.len().max(1)
    };
    let cols = u16::try_from(1 + across).unwrap_or(u16::MAX);
    let mut widths = vec![14.0];
    widths.extend(std::iter::repeat_n(
        if p.transposed { 22.0 } else { 16.0 },
        across,
    ));
    let mut sh = Sheet::new(&c.family, &widths, true, 9.0);
    let mut expected = Vec::new();
    sh.span(0, 0, 1, cols, t(&c.title), Style::Title);
    let mut row = 2;
    for (n, i) in c.initiatives.iter().enumerate() {
        if p.page_per_card && n > 0 {
            sh.breaks.push(row);
        }
        let title = i
            .values
            .iter()
            .find_map(|e| e.indicator.clone())
            .unwrap_or_else(|| "取組".to_owned());
        match printed_id(&i.id) {
            // No printed id: the title under a 取組名 label starts the card.
            None => {
                sh.put(row, 0, t("取組名"), Style::Label);
                sh.span(row, 1, 1, cols - 1, t(&title), Style::Text);
            }
            Some(id) => {
                let heading = if p.id_in_corner {
                    title
                } else {
                    format!("{id}　{title}")
                };
                let style = if p.heading_paragraph {
                    Style::Loose
                } else {
                    Style::Band
                };
                sh.span(row, 0, 1, cols, t(&heading), style);
            }
        }
        row += 1;
        // Rows that belong to the initiative (plan, status, grade without an indicator) come
        // before the first 指標 row, so no indicator governs them.
        let mut gs = groups(i, p);
        gs.sort_by_key(|g| g.indicator.is_some());
        for g in gs {
            row = draw_group(&mut sh, &mut expected, row, &g, i, p, &years, cols);
        }
        row += 1;
    }
    Rendered {
        sheet: sh,
        expected,
    }
}

/// Draws one indicator's block from `row`; returns the next free row.
#[allow(clippy::too_many_arguments)]
fn draw_group(
    sh: &mut Sheet,
    expected: &mut Vec<Expect>,
    mut row: u32,
    g: &Group,
    i: &Initiative,
    p: &Presentation,
    years: &[i32],
    cols: u16,
) -> u32 {
    if let Some(ind) = g.indicator {
        sh.put(row, 0, t("指標"), Style::Label);
        sh.span(row, 1, 1, cols - 1, t(ind), Style::Text);
        row += 1;
    }
    if let (Some(u), UnitAt::NoteRow) = (g.unit, p.unit) {
        sh.span(row, 0, 1, cols, t(&format!("（単位：{u}）")), Style::Loose);
        row += 1;
    }
    // Whether a kind's cells lose the unit: under a note, all that print it plainly; under a
    // unit label, only a kind whose every value does (the label then names it).
    let strips = |kind: &str| match (g.unit, p.unit) {
        (Some(_), UnitAt::NoteRow) => true,
        (Some(u), UnitAt::Label) => g
            .values
            .iter()
            .filter(|e| e.kind == kind)
            .all(|e| bare(&e.raw, u).is_some()),
        _ => false,
    };
    let label = |kind: &str| -> String {
        let mut l = kind_label(kind).to_owned();
        if let (Some(u), UnitAt::Label, true) = (g.unit, p.unit, strips(kind)) {
            l = format!("{l}（{u}）");
        }
        if p.vertical && !p.transposed {
            l = l.chars().map(String::from).collect::<Vec<_>>().join("\n");
        }
        l
    };
    let corner = match (p.id_in_corner, printed_id(&i.id)) {
        (true, Some(id)) => id,
        _ => "年度",
    };
    let mut put_value = |sh: &mut Sheet, row: u32, col: u16, span: u16, e: &Expect| {
        let raw = g
            .unit
            .filter(|_| strips(e.kind))
            .and_then(|u| bare(&e.raw, u))
            .unwrap_or(&e.raw)
            .to_owned();
        let style = if e.reading.text.is_some() {
            Style::Text
        } else {
            Style::Center
        };
        sh.span(row, col, 1, span, v(&raw), style);
        expected.push(Expect { raw, ..e.clone() });
    };
    let dated = |kind: &str, year: i32| {
        g.values
            .iter()
            .find(|e| e.kind == kind && e.fiscal_year == Some(year))
    };
    let group_years: Vec<i32> = years
        .iter()
        .copied()
        .filter(|y| g.values.iter().any(|e| e.fiscal_year == Some(*y)))
        .collect();
    // Undated values (最終目標値 …) above the year header: no year column governs them.
    for e in g.values.iter().filter(|e| e.fiscal_year.is_none()) {
        sh.put(row, 0, t(&label(e.kind)), Style::Label);
        put_value(sh, row, 1, cols - 1, e);
        row += 1;
    }
    if !g.kinds.is_empty() {
        if p.transposed {
            sh.put(row, 0, t(corner), Style::Label);
            for (k, kind) in g.kinds.iter().enumerate() {
                sh.put(row, 1 + k as u16, t(&label(kind)), Style::Label);
            }
            row += 1;
            for y in &group_years {
                sh.put(row, 0, t(&year_label(*y)), Style::Head);
                for (k, kind) in g.kinds.iter().enumerate() {
                    match dated(kind, *y) {
                        Some(e) => put_value(sh, row, 1 + k as u16, 1, e),
                        None => sh.put(row, 1 + k as u16, grid::Value::Blank, Style::Center),
                    }
                }
                row += 1;
            }
        } else {
            sh.put(row, 0, t(corner), Style::Label);
            for (k, y) in years.iter().enumerate() {
                sh.put(row, 1 + k as u16, t(&year_label(*y)), Style::Head);
            }
            row += 1;
            for kind in &g.kinds {
                sh.put(row, 0, t(&label(kind)), Style::Label);
                for (k, y) in years.iter().enumerate() {
                    match dated(kind, *y) {
                        Some(e) => put_value(sh, row, 1 + k as u16, 1, e),
                        None => sh.put(row, 1 + k as u16, grid::Value::Blank, Style::Center),
                    }
                }
                row += 1;
            }
        }
    }
    row
}

/// Writes every variant of every family under `fixtures/variants/<family>/`:
/// `<family>.<variant>.xlsx` + `.pdf` (Calc) or `.pdf` (Chromium), and
/// `<family>.<variant>.expected.jsonl`. With `tools` None, only the expected lists.
/// `VARIANTS_ONLY=writer,chromium` draws only the variants named.
pub fn generate(
    root: &Path,
    families: &[Family],
    tools: Option<&export::Tools>,
) -> anyhow::Result<()> {
    let only = std::env::var("VARIANTS_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || only.split(',').any(|s| s.trim() == name);
    for f in families {
        let content = Content::of(f, INITIATIVES)?;
        let dir = root.join("fixtures").join("variants").join(&f.family);
        std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
        for p in VARIANTS
            .iter()
            .filter(|p| p.draws(&f.family) && run(p.name))
        {
            let r = render(&content, p);
            let stem = format!("{}.{}", f.family, p.name);
            let list = dir.join(format!("{stem}.expected.jsonl"));
            std::fs::write(&list, expect::jsonl(&r.expected))
                .with_context(|| format!("writing {}", list.display()))?;
            let Some(tools) = tools else { continue };
            let strings = r.sheet.strings();
            let sheets = [r.sheet];
            let pdf = dir.join(format!("{stem}.pdf"));
            let raw = match p.producer {
                Producer::Calc => {
                    let xlsx = grid::xlsx(
                        &sheets,
                        &Meta {
                            title: &content.title,
                            author: &content.author,
                        },
                    )?;
                    let path = dir.join(format!("{stem}.xlsx"));
                    std::fs::write(&path, xlsx)
                        .with_context(|| format!("writing {}", path.display()))?;
                    tools.soffice_pdf(&path)?
                }
                Producer::Chromium => {
                    tools.chromium_pdf(&grid::html(&sheets, &content.title), &stem)?
                }
                Producer::Writer => {
                    tools.writer_pdf(&grid::fodt(&sheets, &content.title), &stem)?
                }
            };
            let f = tools.finish(&raw, &pdf, &strings, 150_000)?;
            eprintln!(
                "variants: {stem}: {} values, {} page(s), {} bytes, {} strings poppler misses",
                r.expected.len(),
                f.pages,
                f.size,
                f.missing.len()
            );
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::super::expect::Reading;
    use super::*;

    fn val(id: &str, ind: &str, kind: &'static str, year: Option<i32>, raw: &str) -> Expect {
        Expect {
            id: id.into(),
            indicator: Some(ind.into()),
            kind,
            fiscal_year: year,
            raw: raw.into(),
            reading: Reading::number("1", "件"),
        }
    }

    fn content() -> Content {
        Content {
            family: "test".into(),
            title: "t".into(),
            author: "a".into(),
            initiatives: vec![Initiative {
                id: "1".into(),
                values: vec![
                    val("1", "件数", "target", Some(2022), "1件"),
                    val("1", "件数", "actual", Some(2022), "1件"),
                    val("1", "件数", "final_target", None, "1件"),
                ],
            }],
        }
    }

    #[test]
    fn every_variant_prints_every_value_once_with_its_meaning() {
        let c = content();
        for p in VARIANTS {
            let r = render(&c, p);
            assert_eq!(r.expected.len(), 3, "{}", p.name);
            // The same values whatever order the presentation prints them in.
            let meaning = |e: &Expect| {
                format!(
                    "{} {:?} {:?} {:?}",
                    e.kind, e.fiscal_year, e.indicator, e.reading
                )
            };
            let mut got: Vec<String> = r.expected.iter().map(meaning).collect();
            let mut want: Vec<String> = c.initiatives[0].values.iter().map(meaning).collect();
            got.sort();
            want.sort();
            assert_eq!(got, want, "{}", p.name);
        }
    }

    #[test]
    fn a_unit_moved_out_of_the_cell_leaves_the_number() {
        let c = content();
        let p = VARIANTS.iter().find(|p| p.name == "unit-note").unwrap();
        let r = render(&c, p);
        assert!(r.expected.iter().all(|e| e.raw == "1"));
        assert!(r.sheet.strings().iter().any(|s| s == "（単位：件）"));
        assert_eq!(bare("1,250件", "件"), Some("1,250"));
        assert_eq!(bare("累計\n250件", "件"), None);
    }

    #[test]
    fn composite_cells_and_later_initiatives_are_left_out_of_the_content() {
        let a = val("1", "x", "target", Some(2022), "目標1件/実績1件");
        let b = Expect {
            kind: "actual",
            ..a.clone()
        };
        let values = [
            a,
            b,
            val("1", "x", "baseline", Some(2021), "1件"),
            val("2", "x", "baseline", Some(2021), "2件"),
        ];
        let c = Content::from_values("f", "t", "a", &values, 1);
        assert_eq!(c.initiatives.len(), 1);
        let raws: Vec<&str> = c.initiatives[0]
            .values
            .iter()
            .map(|e| e.raw.as_str())
            .collect();
        assert_eq!(raws, ["1件"]);
        assert_eq!(year_label(2017), "平成29年度");
        assert_eq!(year_label(2022), "令和4年度");
        assert_eq!(printed_id("3"), None);
        assert_eq!(printed_id("No.3"), Some("No.3"));
    }
}
