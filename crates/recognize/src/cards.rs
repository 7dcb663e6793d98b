//! Cards: labels down the rows (`基本方針`, `主な取組み`, `年度`, `目標値` …), one initiative per
//! run of labelled rows, fiscal years from the `年度` row.

use muniplan_ir::{Cell, Diagnostic, Table};
use muniplan_normalize::scan_fiscal_years;

use crate::model::{Indicator, Initiative, Kind, Observation, Recognized};
use crate::values::{ValueCtx, cell_observations, kind_of_field, prose, unit_hint};
use crate::vocab::{Field, field_of, split_prefixed};

/// A run of value cells after one label in a row.
struct Labelled<'a> {
    field: Field,
    label: &'a Cell,
    /// Value glued to the label in the same cell (`基本方針1 財源確保…`).
    inline: Option<String>,
    values: Vec<&'a Cell>,
}

/// Fiscal year columns from a year row: (first col, last col, year).
type YearCols = Vec<(u32, u32, i32)>;

#[derive(Default)]
struct Card {
    policy: Option<String>,
    item: Option<String>,
    title: Option<(String, Option<muniplan_ir::Location>)>,
    id: Option<String>,
    departments: Vec<String>,
    current_state: Option<String>,
    issues: Option<String>,
    description: Option<String>,
    final_goal: Option<String>,
    indicators: Vec<Indicator>,
    observations: Vec<Observation>,
    first: Option<muniplan_ir::Location>,
}

struct Reader<'o> {
    out: &'o mut Recognized,
    card: Card,
    last_policy: Option<String>,
    last_item: Option<String>,
    years: YearCols,
}

/// Read every card of a table into `out`.
pub(crate) fn read(table: &Table, out: &mut Recognized) {
    let mut reader = Reader {
        out,
        card: Card::default(),
        last_policy: None,
        last_item: None,
        years: Vec::new(),
    };
    for row in 0..table.n_rows {
        let cells: Vec<&Cell> = table.row(row).filter(|c| !c.is_blank()).collect();
        if cells.is_empty() {
            continue;
        }
        let runs = labelled_runs(&cells);
        if runs.is_empty() {
            if let Some(years) = bare_year_row(&cells) {
                reader.years = years;
            }
            continue;
        }
        for run in runs {
            reader.take(run);
        }
    }
    reader.flush();
}

/// Split a row into label → values runs. Cells before the first label are not values of anything.
fn labelled_runs<'a>(cells: &[&'a Cell]) -> Vec<Labelled<'a>> {
    let mut runs: Vec<Labelled<'a>> = Vec::new();
    for (idx, cell) in cells.iter().enumerate() {
        if let Some(field) = field_of(&cell.text) {
            runs.push(Labelled {
                field,
                label: cell,
                inline: None,
                values: Vec::new(),
            });
        } else if idx == 0
            && let Some((field, _number, rest)) = split_prefixed(&cell.text)
        {
            runs.push(Labelled {
                field,
                label: cell,
                inline: Some(rest),
                values: Vec::new(),
            });
        } else if let Some(run) = runs.last_mut() {
            run.values.push(cell);
        }
    }
    runs
}

/// A row of fiscal years with no label (`令和５（2023）年度 | 令和６（2024）年度 …`).
fn bare_year_row(cells: &[&Cell]) -> Option<YearCols> {
    let years = year_cols(cells);
    (years.len() >= 2 && years.len() * 2 >= cells.len()).then_some(years)
}

fn year_cols(cells: &[&Cell]) -> YearCols {
    cells
        .iter()
        .filter_map(|c| {
            let found = scan_fiscal_years(&c.text);
            match found.as_slice() {
                [one] => Some((c.col, c.col + c.col_span.max(1) - 1, one.year)),
                _ => None,
            }
        })
        .collect()
}

impl Reader<'_> {
    fn take(&mut self, run: Labelled<'_>) {
        let text = || -> Option<String> {
            let joined = match &run.inline {
                Some(inline) => inline.clone(),
                None => run
                    .values
                    .iter()
                    .map(|c| prose(&c.text))
                    .filter(|t| !t.is_empty())
                    .collect::<Vec<_>>()
                    .join("\n"),
            };
            (!joined.is_empty()).then_some(joined)
        };
        match run.field {
            Field::Policy | Field::Item | Field::Title | Field::Id => {
                if self.starts_new_card(run.field) {
                    self.flush();
                }
                if self.card.first.is_none() {
                    self.card.first = Some(run.label.location.clone());
                }
                let value = text();
                match run.field {
                    Field::Policy => self.card.policy = value,
                    Field::Item => self.card.item = value,
                    Field::Id => self.card.id = value,
                    _ => {
                        let loc = run.values.first().map(|c| c.location.clone());
                        self.card.title = value.map(|v| (v, loc));
                    }
                }
            }
            Field::Department | Field::RelatedDepartment => {
                if let Some(v) = text() {
                    for dept in v.split(['、', ',', '\n']) {
                        let dept = dept.trim();
                        if !dept.is_empty() && !self.card.departments.iter().any(|d| d == dept) {
                            self.card.departments.push(dept.to_string());
                        }
                    }
                }
            }
            Field::CurrentState => self.card.current_state = text(),
            Field::Issues => self.card.issues = text(),
            Field::StateAndIssues => self.card.current_state = text(),
            Field::Description => self.card.description = text(),
            Field::FinalGoal => self.card.final_goal = text(),
            Field::RelatedPlans => {}
            Field::Year => {
                let years = year_cols(&run.values);
                if !years.is_empty() {
                    self.years = years;
                }
            }
            Field::Indicator => {
                if let Some(name) = text() {
                    let location = run
                        .values
                        .first()
                        .map_or_else(|| run.label.location.clone(), |c| c.location.clone());
                    self.card.indicators.push(Indicator {
                        unit: unit_hint(&name),
                        name,
                        location,
                    });
                }
            }
            Field::Target
            | Field::Actual
            | Field::Plan
            | Field::Status
            | Field::Baseline
            | Field::FinalTarget
            | Field::Grade
            | Field::AchievementRate => {
                if let Some(kind) = kind_of_field(run.field) {
                    self.values(kind, &run.values);
                }
            }
        }
    }

    /// A category or title label opens a new card when the current one already has that level
    /// or a deeper one.
    fn starts_new_card(&self, field: Field) -> bool {
        let c = &self.card;
        let has_title = c.title.is_some() || c.id.is_some() || !c.observations.is_empty();
        match field {
            Field::Policy => c.policy.is_some() || c.item.is_some() || has_title,
            Field::Item => c.item.is_some() || has_title,
            Field::Title => c.title.is_some() || !c.observations.is_empty(),
            Field::Id => c.id.is_some() || !c.observations.is_empty(),
            _ => false,
        }
    }

    fn values(&mut self, kind: Kind, cells: &[&Cell]) {
        let indicator = self.card.indicators.last().cloned();
        for cell in cells {
            let fiscal_year = self
                .years
                .iter()
                .find(|(first, last, _)| {
                    cell.col <= *last && cell.col + cell.col_span.max(1) > *first
                })
                .map(|(_, _, y)| *y);
            let ctx = ValueCtx {
                indicator: indicator.as_ref().map(|i| i.name.as_str()),
                unit_hint: indicator.as_ref().and_then(|i| i.unit.as_deref()),
                kind,
                fiscal_year,
                cumulative: false,
            };
            let prev = self
                .card
                .observations
                .iter()
                .rev()
                .find(|o| o.kind == kind && o.indicator.as_deref() == ctx.indicator)
                .cloned();
            let obs = cell_observations(cell, &ctx, prev.as_ref(), &mut self.out.diagnostics);
            self.card.observations.extend(obs);
        }
    }

    fn flush(&mut self) {
        let card = std::mem::take(&mut self.card);
        let Some(first) = card.first.clone() else {
            return;
        };
        let policy = card.policy.clone().or_else(|| self.last_policy.clone());
        let item = if card.policy.is_some() {
            card.item.clone()
        } else {
            card.item.clone().or_else(|| self.last_item.clone())
        };
        self.last_policy = policy.clone();
        self.last_item = item.clone();
        let Some((title, title_loc)) = card.title else {
            if !card.observations.is_empty() {
                self.out.diagnostics.push(Diagnostic::warning(
                    "values-without-initiative",
                    format!(
                        "{} values follow no initiative title; they were dropped",
                        card.observations.len()
                    ),
                    Some(first),
                ));
            }
            return;
        };
        self.out.initiatives.push(Initiative {
            id: card.id.unwrap_or_default(),
            title,
            category_path: policy.into_iter().chain(item).collect(),
            departments: card.departments,
            description: card.description,
            current_state: card.current_state,
            issues: card.issues,
            final_goal: card.final_goal,
            indicators: card.indicators,
            observations: card.observations,
            evaluation: None,
            location: title_loc.unwrap_or(first),
        });
    }
}
