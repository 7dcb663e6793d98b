//! Column bands: a header of one or more rows (`取組項目 | 指標 | R4目標 | R4実績 …`) over
//! initiative rows, one initiative per title cell (rows covered by one merged title cell, or
//! repeating the same id and title, are one initiative); or a transposed card's `年度 | 目標 |
//! 実績 | 評価` over rows that each start with a year.
//!
//! The header says which columns hold the initiative's fields (title, id, department …) and
//! which hold values; the reader ([`crate::reader`]) reads each value through its header path in
//! the grid ([`Grid::path`]): `計画と取組状況` › `令和3年度` › `取組状況` is a 2021 status, `目標と実績`
//! › `令和3年度` a 2021 value whose row says which (`目標` / `実績`), `R4目標` a 2022 target, `目標 /
//! 実績（達成率）` multi-value cells with those roles, a `値` column the kind and year its row's
//! `区分` and `年度` cells state. Only a stacked header whose rows name alternating rows of a
//! group (`目標` over `実績（達成率）`) is read by the row's place in its group ([`ColRole::Stacked`]).

use muniplan_ir::{Cell, Location};

use crate::grid::{Grid, HeaderCell};
use crate::model::Kind;
use crate::values::{kind_of_field, prose};
use crate::vocab::{Field, label_key, lookup};

/// What a column holds.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum ColRole {
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
pub(crate) struct RowKind {
    pub(crate) kind: Kind,
    pub(crate) year: Option<i32>,
    /// Multi-value roles (`実績（達成率）`), empty for one value.
    pub(crate) roles: Vec<String>,
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

/// The fiscal year a row starts with in the 年度 column (`平成30年度`, `令和元年度`): a cell
/// that states one year and little else.
pub(crate) fn row_year<'t>(g: &Grid<'t>, row: u32, col: u32) -> Option<&'t Cell> {
    let cr = g.at(row, col).filter(|c| c.cell.row == row)?;
    cr.year()
        .filter(|_| cr.cell.text.trim().chars().count() <= 12)
        .map(|_| cr.cell)
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

/// A column band: a header of one or more rows over initiative rows (or a transposed card's
/// years), with what each column holds.
pub(crate) struct Band {
    /// The first row below the header.
    pub(crate) data: u32,
    /// What each column holds.
    pub(crate) roles: Vec<(u32, ColRole)>,
    /// A unit note printed before the table (a `（単位：千円）` text line above it).
    pub(crate) note: Option<(String, Location)>,
    /// What its rows are.
    pub(crate) rows: Rows,
}

/// The rows of a band.
pub(crate) enum Rows {
    /// One initiative per title cell.
    Initiatives {
        /// The column naming each row's initiative (a title, else an item, else an id column).
        title_col: u32,
        /// An item column beside a title column: the initiative's category.
        item_col: Option<u32>,
        /// An id column apart from the title column.
        id_col: Option<u32>,
    },
    /// One year of the card each, stated in `year_col`: the rows go on with the card.
    Years {
        /// The column stating each row's fiscal year.
        year_col: u32,
    },
}

impl Band {
    /// The band whose header starts at `first` (a [header row](is_header_row)); `None` when no
    /// column names the initiative.
    pub(crate) fn new(g: &Grid<'_>, first: u32, note: Option<(String, Location)>) -> Option<Self> {
        let depth = header_depth(g, first);
        let roles = column_roles(g, first, depth);
        let col_of = |field: Field| col_of(&roles, field);
        let title_col = col_of(Field::Title)
            .or_else(|| col_of(Field::Item))
            .or_else(|| col_of(Field::Id))?;
        let item_col = col_of(Field::Title).and(col_of(Field::Item));
        let id_col = col_of(Field::Id).filter(|c| *c != title_col);
        Some(Band {
            data: first + depth,
            note,
            rows: Rows::Initiatives {
                title_col,
                item_col,
                id_col,
            },
            roles,
        })
    }

    /// A band of one card's fiscal years down the rows under the header row `first`
    /// (`年度 | 目標 | 実績 | 評価`, or the card's id in that corner): each row below that
    /// starts with a year in `year_col` is that year's values, one under each kind label.
    pub(crate) fn down_years(
        g: &Grid<'_>,
        first: u32,
        year_col: u32,
        note: Option<(String, Location)>,
    ) -> Self {
        let roles = column_roles(g, first, 1);
        Band {
            data: first + 1,
            roles,
            note,
            rows: Rows::Years { year_col },
        }
    }

    /// The column holding `field` (title, department, indicator …).
    pub(crate) fn col_of(&self, field: Field) -> Option<u32> {
        col_of(&self.roles, field)
    }
}

fn col_of(roles: &[(u32, ColRole)], field: Field) -> Option<u32> {
    roles
        .iter()
        .find(|(_, r)| *r == ColRole::Field(field))
        .map(|(c, _)| *c)
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
