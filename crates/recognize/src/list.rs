//! Lists: a header (one or more rows of labels) over one initiative per row; rows covered by one
//! merged title cell are one initiative.
//!
//! The header says which columns hold the initiative's fields (title, id, department …) and
//! which hold values; each value's kind, year, multi-value roles and row unit are its header
//! path in the grid ([`Grid::path`]): `計画と取組状況` › `令和3年度` › `取組状況` is a 2021
//! status, `目標と実績` › `令和3年度` a 2021 value whose row says which (`目標` / `実績`), `R4目標`
//! a 2022 target, `目標 / 実績（達成率）` multi-value cells with those roles, a `値` column the
//! kind and year its row's `区分` and `年度` cells state. Only a stacked header whose rows name
//! alternating rows of a group (`目標` over `実績（達成率）`) is read here, from the group's rows.

use muniplan_ir::{Cell, Location};

use crate::grid::{Grid, HeaderCell, Role, role_of_text};
use crate::model::UnitSource;
use crate::model::{Indicator, Initiative, Kind, Recognized};
use crate::values::{
    UnitHint, ValueCtx, cell_observations, kind_of_field, one_line_name, prose, unit_hint,
};
use crate::vocab::{Field, label_key, lookup};

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
enum ColRole {
    /// A labelled field that is no value (title, department, indicator …).
    Field(Field),
    /// A column of values (under a kind, a dated kind, a kind list, a year or `値`): each
    /// value's kind, year and multi-value roles are its header path in the grid
    /// ([`Grid::path`]), wherever the labels stand (over the column, a `区分` or `年度` cell in
    /// its row). The kind the column's own header names, if any (a `達成` under `達成状況` is
    /// its grade, not a row label).
    Value(Option<Field>),
    /// Header rows that each name one row of a row group: `目標` over `実績（達成率）` says the
    /// first row of each indicator holds its target, the second its actual (and rate).
    Stacked(Vec<RowKind>),
}

/// The value one header row of a stacked header gives the rows of a group it names.
#[derive(Debug, Clone, PartialEq)]
struct RowKind {
    kind: Kind,
    year: Option<i32>,
    /// Multi-value roles (`実績（達成率）`), empty for one value.
    roles: Vec<String>,
}

/// The kind a kind list's values take first (`目標 / 実績` → target).
fn first_kind(roles: &[String]) -> Kind {
    roles
        .first()
        .and_then(|r| lookup(&label_key(r)))
        .and_then(kind_of_field)
        .unwrap_or(Kind::Target)
}

/// A header row: three or more labelled columns, one of them naming the initiative (a title,
/// an item or an id column), or two with a dated value column.
pub(crate) fn is_header_row(g: &Grid<'_>, row: u32) -> bool {
    let table = g.table;
    let cells: Vec<&HeaderCell> = g.row(row).filter_map(|c| c.header()).collect();
    let names = cells.iter().any(|h| {
        matches!(
            h,
            HeaderCell::Field(Field::Title)
                | HeaderCell::Field(Field::Item)
                | HeaderCell::Field(Field::Id)
        )
    });
    let valued = cells.iter().any(|h| {
        matches!(
            h,
            HeaderCell::Dated(..) | HeaderCell::Roles(..) | HeaderCell::Value
        )
            || matches!(h, HeaderCell::Field(f) if kind_of_field(*f).is_some() || *f == Field::Indicator)
    });
    // Bare year headers head a list (a matrix of marks per initiative and year) only when no
    // row below is labelled: a card's year row stands over labelled rows (計画, 目標数値).
    let years = cells.iter().any(|h| matches!(h, HeaderCell::Year(_)));
    let unlabelled_below = || {
        (row + 1..table.n_rows)
            .flat_map(|r| g.row(r))
            .all(|c| c.field.is_none())
    };
    names && cells.len() >= 3 && (valued || (years && unlabelled_below()))
}

/// Rows below `first` that continue the header: every cell starting there is a header cell.
fn header_depth(g: &Grid<'_>, first: u32) -> u32 {
    let mut depth = 1;
    while first + depth < g.table.n_rows {
        let cells: Vec<_> = g
            .row(first + depth)
            .filter(|c| !c.cell.is_blank())
            .collect();
        if cells.is_empty() || !cells.iter().all(|c| c.header().is_some()) {
            break;
        }
        depth += 1;
    }
    depth
}

fn column_roles(g: &Grid<'_>, first: u32, depth: u32) -> Vec<(u32, ColRole)> {
    let table = g.table;
    let mut out: Vec<(u32, ColRole)> = Vec::new();
    let mut last_stack: Vec<(u32, u32)> = Vec::new();
    for col in 0..table.n_cols {
        let mut stack: Vec<&Cell> = Vec::new();
        for row in first..first + depth {
            if let Some(cell) = g.covering(row, col)
                && !stack.iter().any(|c| c.row == cell.row && c.col == cell.col)
            {
                stack.push(cell);
            }
        }
        let ids: Vec<(u32, u32)> = stack.iter().map(|c| (c.row, c.col)).collect();
        if ids.is_empty() || ids == last_stack {
            continue;
        }
        last_stack = ids;
        // One value role per header row: the rows of each group take them in order.
        let per_row: Vec<RowKind> = stack
            .iter()
            .filter(|c| c.row_span.max(1) == 1)
            .filter_map(|c| {
                let one = |kind, year| RowKind {
                    kind,
                    year,
                    roles: Vec::new(),
                };
                if let Some(words) = crate::grid::kind_words(&c.text) {
                    return Some(RowKind {
                        kind: first_kind(&words),
                        year: None,
                        roles: words,
                    });
                }
                match g.header(c)? {
                    HeaderCell::Field(f) => kind_of_field(f).map(|k| one(k, None)),
                    HeaderCell::Roles(r) => Some(RowKind {
                        kind: first_kind(&r),
                        year: None,
                        roles: r,
                    }),
                    HeaderCell::Dated(y, f) => kind_of_field(f).map(|k| one(k, Some(y))),
                    _ => None,
                }
            })
            .collect();
        if per_row.len() >= 2 && per_row.len() == stack.len() {
            out.push((col, ColRole::Stacked(per_row)));
            continue;
        }
        // A column of values when its header names a kind (or several) or a year, unless
        // a field that is no value names it (`担当課` under a year); else that field's column.
        let parts: Vec<HeaderCell> = stack.iter().filter_map(|c| g.header(c)).collect();
        let kind_field = parts.iter().rev().find_map(|p| match p {
            HeaderCell::Field(f) | HeaderCell::Dated(_, f) => kind_of_field(*f).map(|_| *f),
            _ => None,
        });
        let roles = parts.iter().any(|p| matches!(p, HeaderCell::Roles(_)));
        let other = parts.iter().find_map(|p| match p {
            HeaderCell::Field(f) if kind_of_field(*f).is_none() => Some(*f),
            _ => None,
        });
        let dated = parts.iter().any(|p| matches!(p, HeaderCell::Year(_)));
        let role = match (roles || kind_field.is_some(), other) {
            (true, _) => ColRole::Value(kind_field),
            (false, Some(f)) => ColRole::Field(f),
            (false, None) if dated || parts.contains(&HeaderCell::Value) => ColRole::Value(None),
            _ => continue,
        };
        out.push((col, role));
    }
    out
}

/// A unit named over a column: the unit, whether a header (`目標値（千円）`) or a note
/// (`（単位：千円）`) names it, and the cell.
struct ColumnUnit<'t> {
    col: u32,
    unit: String,
    source: UnitSource,
    cell: &'t Cell,
}

/// Units named by the header cells over each column (`目標値（千円）`, a `（単位：千円）` row in
/// the header block): the hint for that column's bare numbers when its indicator names none.
fn column_units<'t>(g: &Grid<'t>, first: u32, depth: u32) -> Vec<ColumnUnit<'t>> {
    (0..g.table.n_cols)
        .filter_map(|col| {
            (first..first + depth)
                .rev()
                .filter_map(|row| g.covering(row, col))
                .find_map(|cell| {
                    let (unit, source) = crate::values::strip_unit(&cell.text)
                        .map(|(_, u)| (u, UnitSource::Header))
                        .or_else(|| {
                            crate::values::unit_note(&cell.text).map(|u| (u, UnitSource::Note))
                        })?;
                    Some(ColumnUnit {
                        col,
                        unit,
                        source,
                        cell,
                    })
                })
        })
        .collect()
}

/// Department names in one cell, separated by spaces, commas or line breaks
/// (`企画政策課 行政経営課 財政課`).
pub(crate) fn split_departments(raw: &str) -> Vec<String> {
    raw.split(['、', ',', '，', '\n', ' ', '　'])
        .map(prose)
        .filter(|s| !s.is_empty())
        .collect()
}

/// `(1)-ア 職員の人材育成` → (`(1)-ア`, `職員の人材育成`); an id alone stays an id.
pub(crate) fn split_id_title(text: &str) -> (Option<String>, Option<String>) {
    let text = text.trim().replace('　', " ");
    let text = text.as_str();
    let is_id_char = |c: char| {
        !c.is_alphabetic() || c.is_ascii() || ('ア'..='ン').contains(&c) || ('Ⅰ'..='Ⅻ').contains(&c)
    };
    match text.split_once(' ') {
        Some((id, title)) if id.chars().all(is_id_char) && !title.trim().is_empty() => {
            (Some(id.to_string()), Some(title.trim().to_string()))
        }
        _ if text.chars().all(is_id_char) => (Some(text.to_string()), None),
        _ => (None, Some(text.to_string())),
    }
}

/// Read the rows below the header at `first` as initiatives. `note` is a unit note printed
/// before the table (a `（単位：千円）` text line above it): with the table's own note rows it
/// is the unit of the bare numbers no indicator, `単位` cell or column header gives one.
pub(crate) fn read(
    g: &Grid<'_>,
    first: u32,
    note: Option<&(String, Location)>,
    out: &mut Recognized,
) {
    let table = g.table;
    let depth = header_depth(g, first);
    let roles = column_roles(g, first, depth);
    let units = column_units(g, first, depth);
    let notes = g.unit_notes();
    // The grid's header paths, for values whose kind, year or unit stand in their row (a
    // `区分`, `年度` or `単位` column) or nowhere (marks under year headers).
    let unit_column = (first..first + depth)
        .flat_map(|r| g.row(r))
        .any(|c| matches!(c.role, Role::UnitHeader { .. }));
    let col_of = |field: Field| {
        roles
            .iter()
            .find(|(_, r)| *r == ColRole::Field(field))
            .map(|(c, _)| *c)
    };
    let title_col = col_of(Field::Title)
        .or_else(|| col_of(Field::Item))
        .or_else(|| col_of(Field::Id));
    let item_col = col_of(Field::Title).and(col_of(Field::Item));
    let id_col = col_of(Field::Id).filter(|c| Some(*c) != title_col);
    let Some(title_col) = title_col else {
        return;
    };
    let mut current_title_cell: Option<(u32, u32)> = None;
    for row in first + depth..table.n_rows {
        let Some(title_cell) = g.covering(row, title_col) else {
            continue;
        };
        // A header repeated further down (a new page of the same list) is not an initiative.
        if title_cell.is_blank() || title_cell.row < first + depth || g.field(title_cell).is_some()
        {
            continue;
        }
        // A row holding one cell that runs across the table is a section heading
        // (`(3) 重点目標3 …`), not an initiative.
        if g.row_cells(row).filter(|c| !c.is_blank()).count() == 1
            && title_cell.row == row
            && title_cell.col_span * 2 > table.n_cols
        {
            continue;
        }
        // A long table repeats its initiative's key on every row (`1 | 窓口サービスの向上 | …`
        // once per year and kind): the same id and title as the row above are the same
        // initiative.
        let key_of = |r: u32| {
            [Some(title_col), id_col]
                .map(|c| c.and_then(|c| g.covering(r, c)).map(|c| label_key(&c.text)))
        };
        let same_initiative = current_title_cell == Some((title_cell.row, title_cell.col))
            || (current_title_cell.is_some()
                && row > first + depth
                && title_cell.row == row
                && key_of(row) == key_of(row - 1));
        if !same_initiative {
            current_title_cell = Some((title_cell.row, title_cell.col));
            let raw_at = |col: Option<u32>| g.covering(row, col?).map(|c| c.text.as_str());
            let text_at = |col: Option<u32>| -> Option<String> {
                let text = prose(raw_at(col)?);
                (!text.is_empty()).then_some(text)
            };
            let departments = [Field::Department, Field::RelatedDepartment]
                .iter()
                .filter_map(|f| raw_at(col_of(*f)))
                .flat_map(split_departments)
                .collect();
            let (mut id, mut title) = (text_at(id_col), one_line_name(&title_cell.text));
            // A numbered title with no id column (`(1) 行政手続きのオンライン化`): the number is
            // its id.
            if id_col.is_none()
                && Some(title_col) != col_of(Field::Id)
                && let Some(Role::Heading { id: i, title: t }) =
                    Some(role_of_text(&title_cell.text))
                && split_id_title(&title_cell.text).0.is_some()
            {
                id = Some(i);
                title = one_line_name(&t);
            }
            if Some(title_col) == col_of(Field::Id) {
                let (i, t) = split_id_title(&title_cell.text);
                id = i.map(|i| prose(&i));
                title = t.map(|t| one_line_name(&t)).unwrap_or_default();
            }
            // An id wrapped in a narrow cell (`Ⅲ-` / `(1)-ア`) is one token: no spaces.
            let id: String = id
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            out.initiatives.push(Initiative {
                id,
                title,
                category_path: [col_of(Field::Policy), item_col]
                    .into_iter()
                    .filter_map(text_at)
                    .collect(),
                departments,
                description: text_at(col_of(Field::Description)),
                current_state: text_at(col_of(Field::CurrentState))
                    .or_else(|| text_at(col_of(Field::StateAndIssues))),
                issues: text_at(col_of(Field::Issues)),
                final_goal: text_at(col_of(Field::FinalGoal)),
                indicators: Vec::new(),
                observations: Vec::new(),
                evaluation: None,
                location: title_cell.location.clone(),
            });
        }
        let Some(ini) = out.initiatives.last_mut() else {
            continue;
        };
        // The rows of this row's indicator cell: a value cell spanning more rows (a 達成率 /
        // 達成 printed once across all of an item's indicators) belongs to the item.
        let indicator_rows = col_of(Field::Indicator)
            .and_then(|c| g.covering(row, c))
            .filter(|c| !c.is_blank())
            .map(|c| (c.row, c.row.saturating_add(c.row_span)));
        let indicator = col_of(Field::Indicator)
            .and_then(|c| table.cell_at(row, c))
            .filter(|c| !c.is_blank())
            .map(|c: &Cell| {
                let name = one_line_name(&c.text);
                Indicator {
                    unit: unit_hint(&name),
                    name,
                    location: c.location.clone(),
                }
            })
            .or_else(|| ini.indicators.last().cloned().filter(|_| same_initiative));
        if let Some(ind) = &indicator
            && !ini.indicators.iter().any(|i| i.name == ind.name)
        {
            ini.indicators.push(ind.clone());
        }
        // A kind word standing alone in a value column (`目標` / `実績` rows under 目標と実績)
        // labels its row (the grid's path reads it), and is not a value.
        let mut label_cols = Vec::new();
        for (col, role) in &roles {
            // 達成 in a 達成状況 column is a grade, not a row label.
            if matches!(
                role,
                ColRole::Value(Some(Field::Grade | Field::AchievementRate))
            ) {
                continue;
            }
            if let Some(cell) = table.cell_at(row, *col)
                && g.field(cell).and_then(kind_of_field).is_some_and(|k| {
                    matches!(k, Kind::Target | Kind::Actual | Kind::Plan | Kind::Status)
                })
            {
                label_cols.push(*col);
            }
        }
        for (col, role) in &roles {
            if label_cols.contains(col) {
                continue;
            }
            let path = g.path(row, *col);
            let (fiscal_year, kind, roles): (Option<i32>, Kind, &[String]) = match role {
                ColRole::Field(_) => continue,
                ColRole::Value(_) => match path.field.and_then(kind_of_field) {
                    Some(kind) => (path.year, kind, path.roles.as_slice()),
                    None => continue,
                },
                // A stacked header's role for this row: its place in the row group (the rows
                // of the indicator cell, else of the title cell).
                ColRole::Stacked(per_row) => {
                    let top = indicator_rows.map_or(title_cell.row, |(top, _)| top);
                    match per_row.get(row.saturating_sub(top) as usize) {
                        Some(r) => (r.year, r.kind, r.roles.as_slice()),
                        None => continue,
                    }
                }
            };
            // A cell merged across several dated columns (`実施` over R5–R7) states its value
            // for each year it spans.
            let Some(cell) = table.cell_at(row, *col).or_else(|| {
                g.covering(row, *col)
                    .filter(|c| c.row == row && c.col < *col && fiscal_year.is_some())
            }) else {
                continue;
            };
            // The unit a `単位` column states for this row.
            let row_unit = path
                .unit
                .clone()
                .filter(|_| unit_column)
                .filter(|(_, c)| c.row <= row && row < c.row + c.row_span.max(1));
            // A plan or progress text is about the initiative, not about the indicator of
            // the row it starts in (厚木市's 計画 / 取組状況 span all the item's indicator rows).
            // A value cell spanning more rows than the row's indicator cell (厚木市's 達成率 / 達成
            // across the four indicators of Ⅲ-(2)-イ) grades the initiative, not that indicator.
            let within = indicator_rows.is_none_or(|(top, bottom)| {
                cell.row >= top && cell.row.saturating_add(cell.row_span) <= bottom
            });
            let indicator = indicator
                .as_ref()
                .filter(|_| within && !matches!(kind, Kind::Plan | Kind::Status));
            let ctx = ValueCtx {
                indicator: indicator.map(|i| i.name.as_str()),
                unit_hint: indicator
                    .and_then(UnitHint::of_indicator)
                    .or_else(|| {
                        row_unit.as_ref().map(|(unit, cell)| UnitHint {
                            unit,
                            source: UnitSource::Header,
                            location: &cell.location,
                        })
                    })
                    .or_else(|| {
                        units.iter().find(|u| u.col == *col).map(|u| UnitHint {
                            unit: &u.unit,
                            source: u.source,
                            location: &u.cell.location,
                        })
                    })
                    .or_else(|| {
                        // The nearest note above the row, else the one before the table.
                        notes
                            .iter()
                            .rev()
                            .find(|(c, _)| c.cell.row + c.cell.row_span.max(1) <= row)
                            .map(|(c, unit)| (*unit, &c.cell.location))
                            .or(note.map(|(unit, location)| (unit.as_str(), location)))
                            .map(|(unit, location)| UnitHint {
                                unit,
                                source: UnitSource::Note,
                                location,
                            })
                    }),
                kind,
                fiscal_year,
                cumulative: indicator.is_some_and(|i| crate::values::names_cumulative(&i.name)),
                roles,
            };
            let prev = crate::values::previous(&ini.observations, &ctx);
            let obs = cell_observations(cell, &ctx, prev.as_ref(), &mut out.diagnostics);
            if kind == Kind::Grade
                && let Some(o) = obs.last()
            {
                ini.evaluation = Some(crate::model::Evaluation {
                    grade: o.text.clone(),
                    raw: o.raw.clone(),
                    location: o.location.clone(),
                });
            }
            ini.observations.extend(obs);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ids() {
        assert_eq!(
            split_id_title("(1)-ア 職員の人材育成"),
            (Some("(1)-ア".into()), Some("職員の人材育成".into()))
        );
        assert_eq!(split_id_title("I-(1)-ア"), (Some("I-(1)-ア".into()), None));
    }
}
