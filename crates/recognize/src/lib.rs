//! muniplan's recognizer: initiatives, indicators and yearly values from the layout IR.
//!
//! # Brief overview
//!
//! [`recognize`] takes a [`muniplan_ir::LayoutDoc`] (whatever reader made it: spreadsheet, CSV
//! or PDF tables) and returns a [`Recognized`] document: the [`Plan`] metadata, the
//! [`Initiative`]s with their [`Indicator`]s and [`Observation`]s, and diagnostics.
//!
//! Recognition is driven by labels, not coordinates: one vocabulary ([`vocab`]) maps the words
//! these reports use for the same thing (目標 / 目標値 / 目標数値 …) to a [`vocab::Field`], and
//! [`grid`] gives every cell of a table a role (label with its orientation, year header, unit
//! header, id, value, mark …), built once per table. One reader walks the tables and loose text
//! of the whole document in reading order: initiatives open at headings, title rows, id cells
//! and title labels wherever they stand, or at each title cell of a *column band* (a header over
//! initiative rows, `取組項目 | 指標 | R4目標 | R4実績 …`; a transposed card's `年度 | 目標 | 実績`
//! over its years is a band whose rows go on with the card); and every value cell, whatever
//! direction its labels come from, takes its kind, fiscal year(s), multi-value roles and unit
//! from its header path ([`grid::Grid::path`]).
//!
//! Cell values go through `muniplan-normalize`; a unit printed in the indicator name
//! (`寄附金額（億円）`) is passed to it as a hint, never guessed.
//!
//! This crate does no I/O and never fails: what it cannot interpret becomes a diagnostic with
//! the cell's location, never a guessed value.

mod band;
mod consistency;
pub mod coverage;
pub mod grid;
mod heading;
mod meta;
mod model;
mod reader;
mod restate;
mod values;
pub mod vocab;

pub use meta::{
    LookupError, Municipality, lookup_municipality, municipalities, municipality_by_code,
};
pub use model::{
    Evaluation, Indicator, Initiative, Kind, Observation, Plan, Recognized, UnitSource,
};

use muniplan_ir::{LayoutDoc, Location, Page, Table, TextBlock};

/// Recognize a whole document.
pub fn recognize(doc: &LayoutDoc) -> Recognized {
    let mut out = Recognized::default();
    let mut cards = reader::Reader::default();
    let mut known = grid::TextRoles::default();
    for page in &doc.pages {
        for item in reading_order(page) {
            match item {
                Item::Block(block) => cards.block(&block.text, &block.location, &mut out),
                Item::Table(table) => {
                    let grid = grid::Grid::with_roles(table, &mut known);
                    cards.table(&grid, &mut out);
                }
            }
        }
    }
    cards.flush(&mut out);
    restate::join_continued(&mut out.initiatives);
    let keys: Vec<String> = out.initiatives.iter().map(restate::name_key).collect();
    for (idx, ini) in out.initiatives.iter_mut().enumerate() {
        if ini.id.is_empty() {
            ini.id = (idx + 1).to_string();
        }
        consistency::check(ini, &mut out.diagnostics);
    }
    out.values_seen = values_seen(doc);
    out.plan = meta::plan_metadata(doc, &out);
    for ini in &mut out.initiatives {
        date_undated_values(ini, out.plan.report_year);
    }
    restate::fold(&mut out.initiatives, &keys, &mut out.diagnostics);
    for ini in &mut out.initiatives {
        restate::fold_repeats(ini, &mut out.diagnostics);
    }
    out.coverage = coverage::coverage(doc, &out);
    out
}

/// Values printed without a year in a report that states its year.
///
/// A grade or 達成率 (one 達成状況 column beside R4/R5 columns) judges the report year the
/// document states (`…（令和5年度実績）`) when the initiative has values of that year or no
/// dated values at all; otherwise, or without a report year, the latest year with an actual
/// of its indicator (as the consistency pass reads it). A target or actual printed without a
/// year (厚木市's 令和5年度目標未達成項目 list: `目標 90% 実績 84.4%`) is the report year's, when
/// the initiative has no dated targets or actuals at all. Without a year a tidy record cannot
/// tell which year was meant.
fn date_undated_values(ini: &mut Initiative, report_year: Option<i32>) {
    let dated = |o: &Observation| o.fiscal_year.is_some();
    let report_fits = report_year.filter(|y| {
        let any_dated = ini.observations.iter().any(dated);
        !any_dated || ini.observations.iter().any(|o| o.fiscal_year == Some(*y))
    });
    let yearly_dated = ini
        .observations
        .iter()
        .any(|o| matches!(o.kind, Kind::Target | Kind::Actual) && dated(o));
    let latest_actual = |indicator: &Option<String>| {
        ini.observations
            .iter()
            .filter(|o| o.kind == Kind::Actual && &o.indicator == indicator)
            .filter_map(|o| o.fiscal_year)
            .max()
    };
    let years: Vec<(usize, Option<i32>)> = ini
        .observations
        .iter()
        .enumerate()
        .filter(|(_, o)| o.fiscal_year.is_none())
        .map(|(i, o)| {
            let year = match o.kind {
                Kind::Grade | Kind::AchievementRate => {
                    report_fits.or_else(|| latest_actual(&o.indicator))
                }
                Kind::Target | Kind::Actual if !yearly_dated => report_year,
                _ => None,
            };
            (i, year)
        })
        .collect();
    for (i, year) in years {
        if let Some(o) = ini.observations.get_mut(i) {
            o.fiscal_year = year;
        }
    }
}

/// Table cells whose text the normalizer reads as a number.
fn values_seen(doc: &LayoutDoc) -> usize {
    let hints = muniplan_normalize::Hints::default();
    doc.pages
        .iter()
        .flat_map(|p| &p.tables)
        .flat_map(|t| &t.cells)
        .filter(|c| {
            c.text
                .chars()
                .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
        })
        .filter(|c| {
            matches!(
                muniplan_normalize::parse_value(&c.text, &hints).value,
                muniplan_normalize::Value::Quantity(ref q) if q.value.is_some()
            )
        })
        .count()
}

enum Item<'a> {
    Table(&'a Table),
    Block(&'a TextBlock),
}

/// Tables and loose text of a page from top to bottom (PDF), or in stored order (sheets).
fn reading_order(page: &Page) -> Vec<Item<'_>> {
    let top = |loc: &Location| match loc {
        Location::Pdf { bbox, .. } => bbox[3].max(bbox[1]),
        Location::Sheet { .. } => 0.0,
        // A print header stands above everything on its sheet.
        Location::SheetHeader { .. } => f64::MAX,
    };
    let mut items: Vec<(f64, usize, Item<'_>)> = Vec::new();
    for (idx, table) in page.tables.iter().enumerate() {
        // A table continued onto later pages holds cells of those pages too: only its
        // cells on this page say where it starts.
        let y = table
            .cells
            .iter()
            .filter(|c| match &c.location {
                Location::Pdf { page: p, .. } => *p == page.number,
                _ => true,
            })
            .map(|c| top(&c.location))
            .fold(f64::MIN, f64::max);
        items.push((y, idx, Item::Table(table)));
    }
    for (idx, block) in page.blocks.iter().enumerate() {
        items.push((
            top(&block.location),
            page.tables.len() + idx,
            Item::Block(block),
        ));
    }
    // Higher on the page first; ties keep stored order.
    items.sort_by(|a, b| b.0.total_cmp(&a.0).then(a.1.cmp(&b.1)));
    items.into_iter().map(|(_, _, item)| item).collect()
}
