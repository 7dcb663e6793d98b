//! Lists: one header row of labels (`取組項目 | 指標 | 基準値（R3） | R4目標 | R4実績 …`), one
//! initiative per row below it (rows covered by one merged title cell are one initiative).

use muniplan_ir::{Cell, Table};
use muniplan_normalize::{normalize_text, scan_fiscal_years};

use crate::model::{Indicator, Initiative, Kind, Recognized};
use crate::values::{ValueCtx, cell_observations, kind_of_field, prose, unit_hint};
use crate::vocab::{Field, field_of, label_key, lookup};

/// What a header cell says its column holds.
#[derive(Debug, Clone, Copy, PartialEq)]
enum ColRole {
    /// A labelled field (title, department, indicator …) or an undated value kind (基準値).
    Field(Field),
    /// A dated value column: `令和8年度目標値`, `R4実績`, `基準値（R3）`.
    Dated(i32, Kind),
}

fn header_role(text: &str) -> Option<ColRole> {
    if let Some(field) = field_of(text) {
        return Some(ColRole::Field(field));
    }
    let found = scan_fiscal_years(text);
    let [one] = found.as_slice() else {
        return None;
    };
    let norm = normalize_text(text);
    let rest: String = norm
        .get(..one.start)
        .unwrap_or("")
        .chars()
        .chain(norm.get(one.end..).unwrap_or("").chars())
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】'))
        .collect();
    let kind = lookup(&label_key(&rest)).and_then(kind_of_field)?;
    Some(ColRole::Dated(one.year, kind))
}

fn roles(table: &Table, row: u32) -> Vec<(u32, ColRole)> {
    table
        .row(row)
        .filter_map(|c| header_role(&c.text).map(|r| (c.col, r)))
        .collect()
}

/// A header row: three or more labelled columns, one of them a title or a dated value.
pub(crate) fn is_header_row(table: &Table, row: u32) -> bool {
    let roles = roles(table, row);
    roles.len() >= 3
        && roles
            .iter()
            .any(|(_, r)| matches!(r, ColRole::Field(Field::Title) | ColRole::Dated(..)))
        && roles.iter().any(|(_, r)| {
            matches!(
                r,
                ColRole::Field(Field::Title) | ColRole::Field(Field::Item)
            )
        })
}

/// Read the rows below `header` as initiatives.
pub(crate) fn read(table: &Table, header: u32, out: &mut Recognized) {
    let roles = roles(table, header);
    let col_of = |field: Field| {
        roles
            .iter()
            .find(|(_, r)| *r == ColRole::Field(field))
            .map(|(c, _)| *c)
    };
    // In a list, `項目` next to no title column is the title itself.
    let title_col = col_of(Field::Title).or_else(|| col_of(Field::Item));
    let item_col = col_of(Field::Title).and(col_of(Field::Item));
    let Some(title_col) = title_col else {
        return;
    };
    let mut current_title_cell: Option<(u32, u32)> = None;
    for row in header + 1..table.n_rows {
        let Some(title_cell) = table.cell_covering(row, title_col) else {
            continue;
        };
        if title_cell.is_blank() {
            continue;
        }
        let same_initiative = current_title_cell == Some((title_cell.row, title_cell.col));
        if !same_initiative {
            current_title_cell = Some((title_cell.row, title_cell.col));
            let text_at = |col: Option<u32>| -> Option<String> {
                let cell = table.cell_covering(row, col?)?;
                let text = prose(&cell.text);
                (!text.is_empty()).then_some(text)
            };
            let departments = [Field::Department, Field::RelatedDepartment]
                .iter()
                .filter_map(|f| text_at(col_of(*f)))
                .flat_map(|d| {
                    d.split(['、', ',', '\n'])
                        .map(|s| s.trim().to_string())
                        .filter(|s| !s.is_empty())
                        .collect::<Vec<_>>()
                })
                .collect();
            out.initiatives.push(Initiative {
                id: text_at(col_of(Field::Id)).unwrap_or_default(),
                title: prose(&title_cell.text),
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
        let indicator = col_of(Field::Indicator)
            .and_then(|c| table.cell_covering(row, c))
            .filter(|c| !c.is_blank())
            .map(|c: &Cell| {
                let name = prose(&c.text);
                Indicator {
                    unit: unit_hint(&name),
                    name,
                    location: c.location.clone(),
                }
            });
        if let Some(ind) = &indicator
            && !ini.indicators.iter().any(|i| i.name == ind.name)
        {
            ini.indicators.push(ind.clone());
        }
        for (col, role) in &roles {
            let (fiscal_year, kind) = match role {
                ColRole::Dated(year, kind) => (Some(*year), *kind),
                ColRole::Field(field) => match kind_of_field(*field) {
                    Some(kind) => (None, kind),
                    None => continue,
                },
            };
            let Some(cell) = table.cell_at(row, *col) else {
                continue;
            };
            let ctx = ValueCtx {
                indicator: indicator.as_ref().map(|i| i.name.as_str()),
                unit_hint: indicator.as_ref().and_then(|i| i.unit.as_deref()),
                kind,
                fiscal_year,
                cumulative: false,
            };
            let prev = ini
                .observations
                .iter()
                .rev()
                .find(|o| o.kind == kind && o.indicator.as_deref() == ctx.indicator)
                .cloned();
            let obs = cell_observations(cell, &ctx, prev.as_ref(), &mut out.diagnostics);
            ini.observations.extend(obs);
        }
    }
}
