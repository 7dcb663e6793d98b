//! The reader: initiatives, their fields and their values from the grids of a whole document.
//!
//! Rows are read in two ways, both over the same grid:
//! - *label rows*: a label and the cells it governs (`目標値 | 98.60% | 98.65% …`, several pairs
//!   per row, a label glued to its value `基本方針1 財源確保…`, a label spanning several rows,
//!   labels above their values `取組内容 | 指標等 | 基準値等 | 目標値等`);
//! - *column bands* ([`crate::band`]): a header over initiative rows, each title cell opening an
//!   initiative, or a transposed card's `年度 | 目標 | 実績` over its years.
//!
//! Either way a value's kind, fiscal year(s) and unit are its header path ([`Grid::path`]); the
//! reader adds what only the document's order says: which initiative it belongs to (headings
//! that open or name a card — `No.1【…】title（課）`, `（20） title`, `① title` under `1 …` /
//! `(1) …`, in a table row or as loose text —, title rows, id cells), which indicator (a
//! `指標 | name` block, row labels, an indicator column) and unit notes printed before it.
//! The reader lives for the whole document, so a card continues across tables and pages.

use muniplan_ir::{Cell, Diagnostic, Location};
use muniplan_normalize::scan_fiscal_years;

use crate::band::{Band, ColRole, Rows as BandRows};
use crate::grid::{CellRole, Grid, Orientation, Role, is_row_label};
use crate::heading::{Heading, parse_headings};
use crate::model::{Evaluation, Indicator, Initiative, Kind, Observation, Recognized, UnitSource};
use crate::values::{
    UnitHint, ValueCtx, cell_observations, kind_of_field, one_line_name, previous, prose, unit_hint,
};
use crate::vocab::{Field, split_prefixed};

/// A label and the value cells that belong to it.
struct Labelled<'a> {
    field: Field,
    label: &'a Cell,
    /// Value glued to the label in the same cell (`基本方針1 財源確保…`).
    inline: Option<String>,
    values: Vec<&'a Cell>,
    /// Row labels between the label and the year columns that name the indicator of these
    /// values (`市民税` › `未申告調査`), outermost first, with the first one's cell.
    row_path: Option<(String, &'a Cell)>,
    /// The label states a year (`基準値（平成29年度）`, `R3実績`): it heads no transposed card.
    dated: bool,
}

/// A value cell and what its header path says of it.
struct Value<'a, 't> {
    cell: &'t Cell,
    kind: Kind,
    fiscal_year: Option<i32>,
    /// The kinds of a multi-value cell, in order (empty for one value).
    roles: &'a [String],
    /// The unit its path states, and the cell stating it.
    unit: Option<&'a (String, &'t Cell)>,
    /// A unit note printed before its table.
    note: Option<&'a (String, Location)>,
}

/// A block of column headers: where data starts, the id/title/department columns.
struct ColumnHeader {
    next_row: u32,
    columns: Vec<(u32, u32, Field)>,
}

/// A label with no value beside it, waiting for its value in the row below.
struct Pending<'a> {
    first_col: u32,
    last_col: u32,
    field: Field,
    label: &'a Cell,
}

#[derive(Default)]
struct Card {
    policy: Option<String>,
    item: Option<String>,
    title: Option<(String, Location)>,
    id: Option<String>,
    departments: Vec<String>,
    current_state: Option<String>,
    issues: Option<String>,
    description: Option<String>,
    final_goal: Option<String>,
    indicators: Vec<Indicator>,
    observations: Vec<Observation>,
    evaluation: Option<Evaluation>,
    first: Option<Location>,
    /// Set by a `No.N【category】…` heading.
    heading_category: Option<String>,
    /// When the card's first indicator was named in a row of its own (`指標 | name`, a block
    /// header): the number of observations taken before it. Rows above a block header are
    /// the initiative's, not its indicator's.
    block_indicator_at: Option<usize>,
    /// Rows are inside the block a `指標 | name` row heads: from that row to the next row about
    /// the initiative (a plan or progress row closes it, 取組状況 / 達成度 under the blocks).
    in_block: bool,
    /// A title row seen before the card opened (a name spanning the table's width, no id):
    /// the card's title unless a label names it.
    row_title: Option<TitleRow>,
    /// A unit note in the card (`（単位：百万円）` in a row or text line of its own): the unit of
    /// its bare numbers, passed to the normalizer as a hint.
    unit_note: Option<(String, Location)>,
}

impl Card {
    fn is_empty(&self) -> bool {
        self.first.is_none()
    }

    /// Add an indicator the card does not name yet.
    fn add_indicator(&mut self, ind: &Indicator) {
        if !self.indicators.iter().any(|i| i.name == ind.name) {
            self.indicators.push(ind.clone());
        }
    }
}

/// An indicator by its name, printed at `location`, with the unit its name states.
fn named(name: String, location: &Location) -> Indicator {
    Indicator {
        unit: unit_hint(&name),
        name,
        location: location.clone(),
    }
}

/// A title row: a heading without a number, spanning the table.
struct TitleRow {
    title: String,
    category: Option<String>,
    department: Option<String>,
    location: Location,
}

/// A numbered heading seen and not yet used as a card's title.
#[derive(Clone)]
struct HeadingEntry {
    level: u8,
    id: String,
    text: String,
    location: Location,
    used: bool,
}

/// Reads cards across all tables and loose text of a document.
#[derive(Default)]
pub(crate) struct Reader {
    card: Card,
    last_policy: Option<String>,
    last_item: Option<String>,
    headings: Vec<HeadingEntry>,
    /// A dated label standing alone in its row (`【令和6年度の取組状況】`): the prose of the
    /// next row is that year's progress (or plan).
    dated_label: Option<(i32, Kind)>,
    /// A unit note seen before any card opened: it belongs to the next card.
    pending_unit_note: Option<(String, Location)>,
    /// A title row not yet used: it goes with the next card that opens.
    pending_title: Option<TitleRow>,
    /// Under a column band: the title cell (row, col) of the initiative its rows go on with.
    band_title: Option<(u32, u32)>,
    /// The unit notes of the table being read ([`Grid::unit_notes`]): the row below each, the
    /// unit, the note's location.
    table_notes: Vec<(u32, String, Location)>,
}

impl Reader {
    /// Loose text (a PDF text block): a heading, or nothing.
    pub(crate) fn block(&mut self, text: &str, location: &Location, out: &mut Recognized) {
        if let Some(unit) = crate::values::unit_note(text) {
            self.note_unit(unit, location);
        } else {
            for h in parse_headings(text) {
                self.heading(h, location, out);
            }
        }
    }

    /// A unit note: the current card's, or the next card's when none is open.
    fn note_unit(&mut self, unit: String, location: &Location) {
        let note = Some((unit, location.clone()));
        if self.card.is_empty() {
            self.pending_unit_note = note;
        } else {
            self.card.unit_note = note;
        }
    }

    /// Every row of a table.
    pub(crate) fn table(&mut self, g: &Grid<'_>, out: &mut Recognized) {
        let table = g.table;
        self.table_notes = g
            .unit_notes()
            .into_iter()
            .map(|(c, unit)| {
                let below = c.cell.row + c.cell.row_span.max(1);
                (below, unit.to_string(), c.cell.location.clone())
            })
            .collect();
        let mut columns: Vec<(u32, u32, Field)> = Vec::new();
        let mut pending: Vec<Pending<'_>> = Vec::new();
        let mut band: Option<Band> = None;
        let mut next = 0;
        for row in 0..table.n_rows {
            if row < next {
                continue;
            }
            // A header over initiative rows (`取組項目 | 指標 | R4目標 | R4実績 …`), at the top or
            // repeated further down, starts a column band: the card before it ends.
            if crate::band::is_header_row(g, row) {
                self.flush(out);
                self.pending_title = None;
                let note = self.pending_unit_note.take();
                if let Some(b) = Band::new(g, row, note) {
                    next = b.data;
                    band = Some(b);
                    self.band_title = None;
                    columns.clear();
                    pending.clear();
                    continue;
                }
            }
            if let Some(b) = &band
                && self.band_row(g, b, row, out)
            {
                continue;
            }
            // A column header, at the top or repeated further down (after a page break, or a
            // new sheet's pages joined into one table), sets the columns from here on.
            if let Some(header) = self.column_header(g, row) {
                next = header.next_row;
                columns = header.columns;
                pending.clear();
                continue;
            }
            let all: Vec<&Cell> = g.row_cells(row).filter(|c| !c.is_blank()).collect();
            // A label inside a header column (a vertical 取組内容 under 個別取組項目) governs
            // the cells right of it in that column: they are its values, not the column's.
            let label_cols: Vec<u32> = all
                .iter()
                .filter(|c| g.field(c).is_some())
                .map(|c| c.col)
                .collect();
            // Cells under a header column (個別取組項目, 担当課) hold that field, unless they are
            // labels themselves or the value of a label just above.
            let mut cells = Vec::new();
            for cell in all {
                let column = columns.iter().find(|(first, last, _)| {
                    cell.col >= *first && cell.col + cell.col_span.max(1) - 1 <= *last
                });
                let under_pending = pending.iter().any(|p| {
                    cell.col >= p.first_col && cell.col + cell.col_span.max(1) - 1 <= p.last_col
                });
                match column {
                    Some((first, _, field))
                        if g.field(cell).is_none()
                            && !under_pending
                            && !label_cols.iter().any(|lc| *lc >= *first && *lc < cell.col) =>
                    {
                        self.header_column_value(g, *field, cell, out);
                    }
                    _ => cells.push(cell),
                }
            }
            // A cell under a label of the row above that had no value beside it is that
            // label's value, wherever it stands in its own row (能美市 prints 取組内容 / 指標等 /
            // 基準値等 / 目標値等 over their values, to the right of the year grid).
            let mut taken_below = Vec::new();
            // A 年度 row's year cells are column headers, never the value of a label above
            // whose own value cell was empty (安中市's blank 目標の数値 over 令和4年度).
            let year_row = cells.iter().any(|c| g.field(c) == Some(Field::Year));
            let cells: Vec<&Cell> = cells
                .into_iter()
                .filter(|cell| {
                    if year_row || g.field(cell).is_some() {
                        return true;
                    }
                    match pending.iter().find(|p| {
                        cell.col >= p.first_col && cell.col + cell.col_span.max(1) - 1 <= p.last_col
                    }) {
                        Some(p) => {
                            taken_below.push(Labelled {
                                field: p.field,
                                label: p.label,
                                inline: None,
                                values: vec![*cell],
                                row_path: None,
                                dated: false,
                            });
                            false
                        }
                        None => true,
                    }
                })
                .collect();
            let mut runs = labelled_runs(g, &cells);
            // A row of labels, one of them 年度 (or the card's id in that corner), over rows
            // that start with a year: the card is transposed (years down the rows, value kinds
            // across).
            let corner_id = runs
                .first()
                .filter(|r| r.field == Field::Id && r.values.is_empty())
                .and_then(|r| r.inline.clone().map(|id| (id, r.label)));
            let across = runs
                .get(usize::from(corner_id.is_some())..)
                .unwrap_or_default();
            if !across.is_empty()
                && (runs.len() >= 2)
                && across.iter().all(|r| {
                    r.inline.is_none()
                        && !r.dated
                        && r.values.iter().all(|c| g.of(c).is_some_and(is_row_label))
                })
                && let Some(year_label) = corner_id.as_ref().map(|(_, cell)| *cell).or_else(|| {
                    across
                        .iter()
                        .find(|r| r.field == Field::Year)
                        .map(|r| r.label)
                })
                && across.iter().any(|r| kind_of_field(r.field).is_some())
                && crate::band::row_year(g, row + 1, year_label.col).is_some()
            {
                // A band whose rows go on with the card: each row one year of it.
                band = Some(Band::down_years(
                    g,
                    row,
                    year_label.col,
                    self.pending_unit_note.clone(),
                ));
                if let Some((id, cell)) = corner_id {
                    self.take(
                        g,
                        Labelled {
                            field: Field::Id,
                            label: cell,
                            inline: Some(id),
                            values: Vec::new(),
                            row_path: None,
                            dated: false,
                        },
                        out,
                    );
                }
                pending.clear();
                continue;
            }
            // Cells not taken by any label.
            let first_label_col = runs.first().map_or(u32::MAX, |r| r.label.col);
            let rest: Vec<&Cell> = cells
                .iter()
                .copied()
                .filter(|c| c.col < first_label_col)
                .collect();
            let dated_label = self.dated_label.take();
            if runs.is_empty() && !taken_below.is_empty() && !rest.is_empty() {
                // Cells beside values taken from the labels above (a schedule row under a
                // 年度 label spanning two rows: `年度 | R4 | R5 …` over `| 実施 | 実施 …`).
                if let Some(label) = spanning_label(g, row, &rest) {
                    runs.push(spanned_run(label, rest.clone()));
                }
            } else if runs.is_empty() && !rest.is_empty() {
                if let Some(label) = spanning_label(g, row, &rest) {
                    runs.push(spanned_run(label, rest.clone()));
                } else if rest.len() == 1
                    && let Some((year, kind, body)) = dated_bracket(&rest[0].text)
                {
                    // `【令和6年度の取組状況】・…`: the year's progress (or plan) in prose; the
                    // label alone in its row names the prose of the next row.
                    if body.is_empty() {
                        self.dated_label = Some((year, kind));
                    } else {
                        self.dated_prose(year, kind, body, rest[0]);
                    }
                } else if rest.len() == 1
                    && let Some((year, kind)) = dated_label
                    && g.field(rest[0]).is_none()
                    && !prose(&rest[0].text).is_empty()
                {
                    self.dated_prose(year, kind, prose(&rest[0].text), rest[0]);
                } else if rest.len() == 1
                    && let Some(Role::UnitNote(unit)) = g.of(rest[0]).map(|c| &c.role)
                {
                    // The grid's unit note, as a list reads it (`Grid::unit_notes`).
                    self.note_unit(unit.clone(), &rest[0].location);
                } else if rest.len() == 1
                    && let headings = parse_headings(&rest[0].text)
                    && !headings.is_empty()
                {
                    for h in headings {
                        self.heading(h, &rest[0].location, out);
                    }
                } else if bare_year_row(g, &rest) {
                    // Column headers of the rows below: their values' paths read them.
                } else if let [cell] = rest.as_slice()
                    && let Some(title) = title_row(g, cell)
                {
                    // A title row ends the card before it and names the next one.
                    self.flush(out);
                    self.pending_title = Some(title);
                }
            }
            pending = runs
                .iter()
                .filter(|r| r.values.is_empty() && r.inline.is_none())
                .map(|r| Pending {
                    first_col: r.label.col,
                    last_col: r.label.col + r.label.col_span.max(1) - 1,
                    field: r.field,
                    label: r.label,
                })
                .collect();
            for mut run in taken_below.into_iter().chain(runs) {
                self.span_indicator(g, row, &mut run);
                self.take(g, run, out);
            }
        }
        // A band's last initiative ends with its table.
        if band
            .as_ref()
            .is_some_and(|b| matches!(b.rows, BandRows::Initiatives { .. }))
        {
            self.flush(out);
        }
    }

    /// A row under a column band: its title cell opens an initiative (rows covered by one
    /// merged title cell, or repeating the row above's id and title, go on with it), the cells
    /// under field columns fill it, and each cell under a value column is a value whose kind,
    /// year, roles and unit are its header path. False when the row is none of the band's: no
    /// title cell of its own (a blank one, a repeated header) or one cell running across the
    /// table (a section heading): the caller reads it as any other row.
    fn band_row(&mut self, g: &Grid<'_>, band: &Band, row: u32, out: &mut Recognized) -> bool {
        let table = g.table;
        let (title_col, item_col, id_col) = match band.rows {
            BandRows::Initiatives {
                title_col,
                item_col,
                id_col,
            } => (title_col, item_col, id_col),
            // A band of the card's years down the rows: a row is one year of the card.
            BandRows::Years { year_col } => {
                let Some(year_cell) = crate::band::row_year(g, row, year_col) else {
                    return false;
                };
                self.open(&year_cell.location);
                self.band_values(g, band, row, row, true, out);
                return true;
            }
        };
        let Some(title_cell) = g.covering(row, title_col) else {
            return false;
        };
        if title_cell.is_blank() || title_cell.row < band.data || g.field(title_cell).is_some() {
            return false;
        }
        if g.row_cells(row).filter(|c| !c.is_blank()).count() == 1
            && title_cell.row == row
            && title_cell.col_span * 2 > table.n_cols
        {
            return false;
        }
        let col_of = |field: Field| band.col_of(field);
        // A long table repeats its initiative's key on every row (`1 | 窓口サービスの向上 | …`
        // once per year and kind): the same id and title as the row above are the same
        // initiative.
        let key_of = |r: u32| {
            [Some(title_col), id_col].map(|c| {
                c.and_then(|c| g.covering(r, c))
                    .map(|c| crate::vocab::label_key(&c.text))
            })
        };
        let here = (title_cell.row, title_cell.col);
        let same_initiative = self.band_title == Some(here)
            || (self.band_title.is_some()
                && row > band.data
                && title_cell.row == row
                && key_of(row) == key_of(row - 1));
        if !same_initiative {
            self.band_title = Some(here);
            self.flush(out);
            let raw_at = |col: Option<u32>| g.covering(row, col?).map(|c| c.text.as_str());
            let text_at = |col: Option<u32>| -> Option<String> {
                let text = prose(raw_at(col)?);
                (!text.is_empty()).then_some(text)
            };
            let (mut id, mut title) = (text_at(id_col), one_line_name(&title_cell.text));
            let title_is_id = Some(title_col) == col_of(Field::Id);
            // A numbered title with no id column (`(1) 行政手続きのオンライン化`): the number is
            // its id.
            if id_col.is_none()
                && !title_is_id
                && let Some(Role::Heading { id: i, title: t }) =
                    g.of(title_cell).map(|c| c.role.clone())
                && crate::band::split_id_title(&title_cell.text).0.is_some()
            {
                id = Some(i);
                title = one_line_name(&t);
            }
            if title_is_id {
                let (i, t) = crate::band::split_id_title(&title_cell.text);
                id = i.map(|i| prose(&i));
                title = t.map(|t| one_line_name(&t)).unwrap_or_default();
            }
            // An id wrapped in a narrow cell (`Ⅲ-` / `(1)-ア`) is one token: no spaces.
            let id: String = id
                .unwrap_or_default()
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            let card = &mut self.card;
            card.first = Some(title_cell.location.clone());
            card.id = Some(id);
            card.title = Some((title, title_cell.location.clone()));
            card.policy = text_at(col_of(Field::Policy));
            card.item = text_at(item_col);
            card.departments = [Field::Department, Field::RelatedDepartment]
                .iter()
                .filter_map(|f| raw_at(col_of(*f)))
                .flat_map(crate::band::split_departments)
                .collect();
            card.description = text_at(col_of(Field::Description));
            card.current_state = text_at(col_of(Field::CurrentState))
                .or_else(|| text_at(col_of(Field::StateAndIssues)));
            card.issues = text_at(col_of(Field::Issues));
            card.final_goal = text_at(col_of(Field::FinalGoal));
        }
        self.band_values(g, band, row, title_cell.row, same_initiative, out);
        true
    }

    /// The values of one band row: the indicator its indicator column names (else the card's,
    /// when the row goes on with it), and a value under each value column, read through its
    /// header path (a stacked header by the row's place in its group, which starts at `top`
    /// unless an indicator cell spans the group).
    fn band_values(
        &mut self,
        g: &Grid<'_>,
        band: &Band,
        row: u32,
        top: u32,
        same_initiative: bool,
        out: &mut Recognized,
    ) {
        let table = g.table;
        let col_of = |field: Field| band.col_of(field);
        // The rows of this row's indicator cell: a value cell spanning more rows (a 達成率 /
        // 達成 printed once across all of an item's indicators) belongs to the item.
        let indicator_rows = col_of(Field::Indicator)
            .and_then(|c| g.covering(row, c))
            .filter(|c| !c.is_blank())
            .map(|c| (c.row, c.row.saturating_add(c.row_span)));
        let indicator = col_of(Field::Indicator)
            .and_then(|c| table.cell_at(row, c))
            .filter(|c| !c.is_blank())
            .map(|c: &Cell| named(one_line_name(&c.text), &c.location))
            .or_else(|| {
                self.card
                    .indicators
                    .last()
                    .cloned()
                    .filter(|_| same_initiative)
            });
        if let Some(ind) = &indicator {
            self.card.add_indicator(ind);
        }
        // A kind word standing alone in a value column (`目標` / `実績` rows under 目標と実績)
        // labels its row (the grid's path reads it), and is not a value.
        let mut label_cols = Vec::new();
        for (col, role) in &band.roles {
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
        for (col, role) in &band.roles {
            if label_cols.contains(col) || matches!(role, ColRole::Field(_)) {
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
                    let top = indicator_rows.map_or(top, |(top, _)| top);
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
            let at = Value {
                cell,
                kind,
                fiscal_year,
                roles,
                unit: path.unit.as_ref(),
                note: band.note.as_ref(),
            };
            self.value(at, indicator, out);
        }
    }

    /// A year's progress or plan in prose, about the current card.
    fn dated_prose(&mut self, year: i32, kind: Kind, body: String, cell: &Cell) {
        if self.card.first.is_none() {
            return;
        }
        self.card.observations.push(Observation {
            fiscal_year: Some(year),
            text: Some(body),
            ..Observation::at(kind, &cell.text, &cell.location)
        });
    }

    /// A kind label spanning N rows over a card of N indicators gives its k-th row to the
    /// k-th indicator (あま市's 取組結果 over the rows that answer the 目標項目 above, in their
    /// order), unless the row names its own (row labels, on the values' paths).
    fn span_indicator<'a>(&self, g: &Grid<'a>, row: u32, run: &mut Labelled<'a>) {
        let span = run.label.row_span.max(1);
        if kind_of_field(run.field).is_none()
            || run.inline.is_some()
            || span < 2
            || run.field == Field::Grade
            || self.card.indicators.len() != span as usize
            || run
                .values
                .iter()
                .any(|c| g.path(c.row, c.col).indicator.is_some())
            || !run
                .values
                .iter()
                .any(|c| g.path(c.row, c.col).year.is_some())
        {
            return;
        }
        if let Some(ind) = self
            .card
            .indicators
            .get(row.saturating_sub(run.label.row) as usize)
        {
            run.row_path = Some((ind.name.clone(), run.label));
        }
    }

    /// A block of column headers starting at row `start` (`個別取組項目 | 担当課 | 区分 |
    /// 令和５（2023）年度 …`): the first data row, and the columns that hold an initiative's id,
    /// title or department. Nothing when the table has no such block (it names no initiative
    /// column, or heads fewer than two year columns).
    fn column_header(&self, g: &Grid<'_>, start: u32) -> Option<ColumnHeader> {
        let table = g.table;
        let mut columns: Vec<(u32, u32, Field)> = Vec::new();
        let mut years = 0;
        let mut first_row = start;
        for row in start..table.n_rows.min(start + 4) {
            // A header over initiative rows starts a column band of its own.
            if crate::band::is_header_row(g, row) {
                return None;
            }
            let cells: Vec<&Cell> = g.row_cells(row).filter(|c| !c.is_blank()).collect();
            if cells.is_empty() {
                break;
            }
            let header_like = cells
                .iter()
                .all(|c| g.field(c).is_some() || g.year_of(c).is_some());
            if !header_like {
                break;
            }
            years += cells
                .iter()
                .filter(|c| g.field(c).is_none() && g.year_of(c).is_some())
                .count();
            for c in &cells {
                let field = g.field(c);
                if let Some(
                    f @ (Field::Title | Field::Id | Field::Department | Field::RelatedDepartment),
                ) = field
                {
                    let (first, last) = (c.col, c.col + c.col_span.max(1) - 1);
                    columns.retain(|(a, b, _)| *b < first || *a > last);
                    columns.push((first, last, f));
                }
            }
            first_row = row + 1;
        }
        let names = columns
            .iter()
            .any(|(_, _, f)| matches!(f, Field::Title | Field::Id));
        if years < 2 || !names {
            return None;
        }
        Some(ColumnHeader {
            next_row: first_row,
            columns,
        })
    }

    /// A cell under a header column: an id (`（1）`) or a title opens a card.
    fn header_column_value(
        &mut self,
        g: &Grid<'_>,
        field: Field,
        cell: &Cell,
        out: &mut Recognized,
    ) {
        let text = one_line_name(&cell.text);
        let field = match field {
            Field::Title | Field::Id => match crate::band::split_id_title(&cell.text) {
                (Some(_), None) => Field::Id,
                _ => Field::Title,
            },
            f => f,
        };
        self.take(
            g,
            Labelled {
                field,
                label: cell,
                inline: Some(text),
                values: Vec::new(),
                row_path: None,
                dated: false,
            },
            out,
        );
    }

    fn heading(&mut self, h: Heading, location: &Location, out: &mut Recognized) {
        match h {
            Heading::Initiative {
                id,
                category,
                title,
                department,
            } => {
                self.flush(out);
                self.pending_title = None;
                self.card.first = Some(location.clone());
                self.card.id = Some(id);
                self.card.title = Some((title, location.clone()));
                self.card.heading_category = category;
                self.card.departments.extend(department);
            }
            Heading::Numbered { level, id, text } => {
                if !self.card.is_empty() {
                    self.flush(out);
                }
                // A heading after a title row supersedes it (the row was a section title).
                self.pending_title = None;
                self.headings.retain(|e| e.level < level);
                self.headings.push(HeadingEntry {
                    level,
                    id,
                    text,
                    location: location.clone(),
                    used: false,
                });
            }
        }
    }

    /// Open a card at `location` unless one is open; a title row waiting goes with it (it
    /// names the card if an id cell gives the card its id, see [`Self::flush`]).
    fn open(&mut self, location: &Location) {
        if self.card.first.is_none() {
            self.card.first = Some(location.clone());
            self.card.row_title = self.pending_title.take();
        }
    }

    fn take(&mut self, g: &Grid<'_>, run: Labelled<'_>, out: &mut Recognized) {
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
            // A category or title label heading its column (`項目 | 単位 | 2023年度 …`) names
            // nothing in its own row: it opens no card (a value below it is taken as its own).
            Field::Policy | Field::Item | Field::Title | Field::Id
                if run.values.is_empty()
                    && run.inline.is_none()
                    && g.of(run.label)
                        .is_some_and(|l| l.role.orientation() == Some(Orientation::Down)) => {}
            Field::Policy | Field::Item | Field::Title | Field::Id => {
                let value = text();
                // The same id again (printed in the corner of each block's year header)
                // continues the card it names.
                let same_id = run.field == Field::Id && value.is_some() && value == self.card.id;
                if !same_id && self.starts_new_card(run.field) {
                    self.flush(out);
                }
                self.open(&run.label.location);
                match run.field {
                    Field::Policy => self.card.policy = value,
                    Field::Item => self.card.item = value,
                    Field::Id => self.card.id = value,
                    _ => {
                        let loc = run
                            .values
                            .first()
                            .map_or_else(|| run.label.location.clone(), |c| c.location.clone());
                        self.card.title = value.map(|v| (one_line_name(&v), loc));
                    }
                }
            }
            _ => {
                // The first label of a card that has no category or title label of its own
                // (its title is a heading) starts the card.
                self.open(&run.label.location);
                let value = text();
                self.take_field(g, run, value, out);
            }
        }
    }

    fn take_field(
        &mut self,
        g: &Grid<'_>,
        run: Labelled<'_>,
        text: Option<String>,
        out: &mut Recognized,
    ) {
        match run.field {
            Field::Department | Field::RelatedDepartment => {
                let raw: Vec<&str> = match &run.inline {
                    Some(inline) => vec![inline.as_str()],
                    None => run.values.iter().map(|c| c.text.as_str()).collect(),
                };
                for dept in raw.into_iter().flat_map(crate::band::split_departments) {
                    if !self.card.departments.contains(&dept) {
                        self.card.departments.push(dept);
                    }
                }
            }
            Field::CurrentState | Field::StateAndIssues => self.card.current_state = text,
            Field::Issues => self.card.issues = text,
            Field::Description => self.card.description = text,
            Field::FinalGoal => self.card.final_goal = text,
            Field::RelatedPlans | Field::Section | Field::Contact => {}
            Field::Indicator => {
                // Label and name side by side in one row: the indicator heads the block below.
                let block_header = run.inline.is_none()
                    && run.values.iter().all(|c| c.row == run.label.row)
                    && !run.values.is_empty();
                if block_header && self.card.indicators.is_empty() {
                    self.card.block_indicator_at = Some(self.card.observations.len());
                }
                self.card.in_block = block_header;
                if let Some(name) = text.map(|t| one_line_name(&t)) {
                    let at = run.values.first().map_or(run.label, |c| *c);
                    self.card.indicators.push(named(name, &at.location));
                }
            }
            Field::Policy | Field::Item | Field::Title | Field::Id => {}
            Field::Target
            | Field::Actual
            | Field::Plan
            | Field::Status
            | Field::Baseline
            | Field::FinalTarget
            | Field::Grade
            | Field::AchievementRate
            // A 年度 row's years are column headers (their paths name no kind); a schedule
            // row under a 年度 label spanning two rows is the plan its path says.
            | Field::Year => {
                let indicator = run
                    .row_path
                    .as_ref()
                    .map(|(name, cell)| named(name.clone(), &cell.location));
                if let Some(ind) = &indicator {
                    self.card.add_indicator(ind);
                }
                self.values(g, &run.values, indicator, out);
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

    /// The values of a run: each cell's kind and fiscal year are its header path in the grid
    /// ([`Grid::path`]), whichever way its labels stand; a value merged across several year
    /// columns is each year's. The run (the label the row reads it under) gives the indicator
    /// context: a row label path, or the card's indicator.
    fn values(
        &mut self,
        g: &Grid<'_>,
        cells: &[&Cell],
        row_indicator: Option<Indicator>,
        out: &mut Recognized,
    ) {
        for cell in cells {
            // A row label names the indicator of the values right of it, a unit cell their
            // unit, a year header (a year governing other cells) dates them: they state nothing. A year standing as a value
            // (`令和9年度までに` under a target label) is one.
            if g.of(cell).is_some_and(|c| {
                matches!(c.role, Role::IndicatorName(_) | Role::Unit(_))
                    || c.role.is_header()
                    || matches!(
                        c.role,
                        Role::Year {
                            orientation: Some(_),
                            ..
                        }
                    )
            }) {
                continue;
            }
            let path = g.path(cell.row, cell.col);
            let Some(kind) = path.field.and_then(kind_of_field) else {
                continue;
            };
            // The indicator the row names (row labels on its path), else the run's.
            let row_indicator = path
                .indicator
                .as_ref()
                .map(|(name, cell)| named(name.clone(), &cell.location))
                .or_else(|| row_indicator.clone());
            if let Some(ind) = &row_indicator {
                self.card.add_indicator(ind);
            }
            // Plans, progress and grades are about the initiative, not one of its indicators,
            // unless the row names the indicator (a grade beside a year's target and actual) or
            // stands in the block an indicator heads (`指標 | name` above its 目標 / 実績 / 評価).
            if matches!(kind, Kind::Plan | Kind::Status) {
                self.card.in_block = false;
            }
            let in_block = self.card.in_block;
            let indicator = match kind {
                Kind::Plan | Kind::Status => None,
                Kind::Grade => row_indicator
                    .clone()
                    .or_else(|| self.card.indicators.last().filter(|_| in_block).cloned()),
                _ => row_indicator
                    .clone()
                    .or_else(|| self.card.indicators.last().cloned()),
            };
            let years: Vec<Option<i32>> = if path.years.is_empty() {
                vec![path.year]
            } else {
                path.years.iter().copied().map(Some).collect()
            };
            for fiscal_year in years {
                let at = Value {
                    cell,
                    kind,
                    fiscal_year,
                    roles: &[],
                    unit: path.unit.as_ref(),
                    note: None,
                };
                self.value(at, indicator.as_ref(), out);
            }
        }
    }

    /// One value cell: its observations under the context its path and reader give it. Its
    /// unit, when its indicator names none: the unit its path states (a `単位` cell of its row,
    /// a label naming one), else the nearest unit note above it in the table, the card's note,
    /// a note printed before the card or table.
    fn value(&mut self, at: Value<'_, '_>, indicator: Option<&Indicator>, out: &mut Recognized) {
        let Value {
            cell,
            kind,
            fiscal_year,
            roles,
            unit,
            note,
        } = at;
        let table_note = self
            .table_notes
            .iter()
            .rev()
            .find(|(below, _, _)| *below <= cell.row)
            .map(|(_, unit, location)| (unit.as_str(), location));
        let note = table_note.or_else(|| {
            self.card
                .unit_note
                .as_ref()
                .or(self.pending_unit_note.as_ref())
                .or(note)
                .map(|(unit, location)| (unit.as_str(), location))
        });
        let ctx = ValueCtx {
            indicator: indicator.map(|i| i.name.as_str()),
            unit_hint: indicator
                .and_then(UnitHint::of_indicator)
                .or(unit.map(|(unit, cell)| UnitHint {
                    unit,
                    source: UnitSource::Header,
                    location: &cell.location,
                }))
                .or(note.map(|(unit, location)| UnitHint {
                    unit,
                    source: UnitSource::Note,
                    location,
                })),
            kind,
            fiscal_year,
            cumulative: indicator.is_some_and(|i| crate::values::names_cumulative(&i.name)),
            roles,
        };
        let prev = previous(&self.card.observations, &ctx);
        let mut obs = cell_observations(cell, &ctx, prev.as_ref(), &mut out.diagnostics);
        date_by_bracket(&mut obs, cell, kind, fiscal_year);
        if kind == Kind::Grade
            && let Some(o) = obs.last()
        {
            self.card.evaluation = Some(Evaluation {
                grade: o.text.clone(),
                raw: o.raw.clone(),
                location: o.location.clone(),
            });
        }
        self.card.observations.extend(obs);
    }

    /// Close the current card and add it to `out` when it has a title (from a label or a
    /// heading).
    pub(crate) fn flush(&mut self, out: &mut Recognized) {
        let mut card = std::mem::take(&mut self.card);
        // A title row names a card that an id cell numbers, or prints a heading's category or
        // department (`【②歳入確保】使用料の見直し（財政課）`); over a card with neither title
        // nor id it was a document or section title.
        if card.title.is_none()
            && let Some(t) = card.row_title.take()
            && (card.id.is_some() || t.category.is_some() || t.department.is_some())
        {
            card.title = Some((t.title, t.location));
            card.heading_category = card.heading_category.or(t.category);
            card.departments.extend(t.department);
        }
        let Some(first) = card.first.clone() else {
            return;
        };
        // The card that opened after a unit note has used it.
        self.pending_unit_note = None;
        // A numbered heading not yet used names a card that has no title label: the deepest
        // one is the title, the ones above it the category path.
        let heading_title = if card.title.is_none() {
            let idx = self.headings.iter().rposition(|h| !h.used && h.level >= 2);
            if let Some(h) = idx.and_then(|i| self.headings.get_mut(i)) {
                h.used = true;
            }
            idx
        } else {
            None
        };
        let heading_path: Vec<&HeadingEntry> = match heading_title {
            Some(idx) => self.headings.iter().take(idx).collect(),
            None => self.headings.iter().filter(|h| !h.used).collect(),
        };
        let (title, title_loc, heading_id) = match (card.title, heading_title) {
            (Some((t, loc)), _) => (t, loc, None),
            (None, Some(idx)) => match self.headings.get(idx) {
                Some(h) => {
                    let id = self
                        .headings
                        .iter()
                        .take(idx + 1)
                        .map(|h| h.id.as_str())
                        .collect::<Vec<_>>()
                        .join("-");
                    (h.text.clone(), h.location.clone(), Some(id))
                }
                None => return,
            },
            (None, None) => {
                if !card.observations.is_empty() {
                    out.diagnostics.push(Diagnostic::warning(
                        "values-without-initiative",
                        format!(
                            "{} values follow no initiative title or heading; they were dropped",
                            card.observations.len()
                        ),
                        Some(first),
                    ));
                }
                return;
            }
        };
        let policy = card.policy.clone().or_else(|| {
            if card.item.is_none() {
                self.last_policy.clone()
            } else {
                None
            }
        });
        // The values of a card with one indicator belong to it, even when the indicator is
        // printed below the yearly grid (能美市).
        let mut observations = card.observations;
        // Yearly rows (目標, 実績, 達成率) above a block header are the initiative's; a baseline or
        // final goal printed before it still states the indicator's start or end (南アルプス市's
        // 期間内の最終目標, a dated 基準値 above the 指標 row).
        let above_block = card.block_indicator_at.unwrap_or(0);
        if let [only] = card.indicators.as_slice() {
            for (_, o) in observations.iter_mut().enumerate().filter(|(idx, o)| {
                (*idx >= above_block
                    || !matches!(o.kind, Kind::Target | Kind::Actual | Kind::AchievementRate))
                    && o.indicator.is_none()
                    && !matches!(o.kind, Kind::Plan | Kind::Status | Kind::Grade)
            }) {
                o.indicator = Some(only.name.clone());
                // A bare number printed before its indicator (a dated baseline above the
                // `指標` row) takes the unit the indicator's name states.
                if let Some(hint) = UnitHint::of_indicator(only) {
                    crate::values::apply_unit_hint(o, hint);
                }
            }
        }
        let item = if card.policy.is_some() {
            card.item.clone()
        } else {
            card.item.clone().or_else(|| self.last_item.clone())
        };
        self.last_policy = policy.clone();
        self.last_item = item.clone();
        let mut category_path: Vec<String> = policy.into_iter().chain(item).collect();
        // A `No.N【category】` heading names its own category; numbered document sections
        // (`Ⅱ 具体的な取組項目…`) around it are not part of it.
        if category_path.is_empty() && card.heading_category.is_none() {
            category_path = heading_path.iter().map(|h| h.text.clone()).collect();
        }
        category_path.extend(card.heading_category);
        out.initiatives.push(Initiative {
            id: card.id.or(heading_id).unwrap_or_default(),
            title,
            category_path,
            departments: card.departments,
            description: card.description,
            current_state: card.current_state,
            issues: card.issues,
            final_goal: card.final_goal,
            indicators: card.indicators,
            observations,
            evaluation: card.evaluation,
            location: title_loc,
        });
    }
}

/// Split a row into label → values runs. Cells before the first label are not values of anything.
fn labelled_runs<'a>(g: &Grid<'a>, cells: &[&'a Cell]) -> Vec<Labelled<'a>> {
    let mut runs: Vec<Labelled<'a>> = Vec::new();
    for (idx, cell) in cells.iter().enumerate() {
        // A word the grid reads as a value though the vocabulary names it (`達成` after a
        // 進捗状況 or 評価 label in its row, under a 達成状況 header) is no label.
        let value_word = g.of(cell).is_some_and(|c| {
            c.field.is_some() && matches!(c.role, Role::Mark(_) | Role::Prose | Role::Value)
        });
        let run = |field, inline, dated| Labelled {
            field,
            label: cell,
            inline,
            values: Vec::new(),
            row_path: None,
            dated,
        };
        let cr = g.of(cell);
        if let Some(field) = g.field(cell).filter(|_| !value_word) {
            runs.push(run(field, None, false));
        } else if let Some(id) = cr.and_then(lone_id) {
            // An item number standing alone in a cell (`（６）`, `1-(1)-①` in the corner of a
            // card's header row) is the card's id, wherever it stands. In the corner of a row
            // of fiscal years it is also that row's label: the years are the card's columns.
            runs.push(run(Field::Id, Some(id), false));
            let rest = cells.get(idx + 1..).unwrap_or_default();
            if bare_year_row(g, rest) && rest.iter().all(|c| g.year_of(c).is_some()) {
                let mut years = run(Field::Year, None, false);
                years.values = rest.to_vec();
                runs.push(years);
                break;
            }
        } else if let Some(field) = cr.and_then(dated_label) {
            runs.push(run(field, None, true));
        } else if idx == 0
            && let Some((field, _number, rest)) = split_prefixed(&cell.text)
        {
            runs.push(run(field, Some(rest), false));
        } else if let Some(run) = runs.last_mut() {
            // A label heading its column (`項目 | 単位 | 2023年度 …`) has no values beside it:
            // the header cells after it head columns of their own.
            let column_headers = g
                .of(run.label)
                .is_some_and(|l| l.role.orientation() == Some(Orientation::Down))
                && cr.is_some_and(|c| {
                    c.role.is_header()
                        || matches!(
                            c.role,
                            Role::Year {
                                orientation: Some(Orientation::Down),
                                ..
                            }
                        )
                });
            if !column_headers {
                run.values.push(cell);
            }
        }
    }
    runs
}

/// An item number standing alone in a cell that the grid reads as an initiative id in its
/// context (no kind label governs it).
fn lone_id(cell: &CellRole<'_>) -> Option<String> {
    match &cell.role {
        Role::Id(_) => cell.lone_id().map(str::to_string),
        _ => None,
    }
}

/// A label with the year it is about (`基準値（平成29年度）`, `R3実績`): a value field and one
/// fiscal year, nothing else.
fn dated_label(cell: &CellRole<'_>) -> Option<Field> {
    let (_, key) = cell.dated()?;
    crate::vocab::lookup(key).filter(|f| kind_of_field(*f).is_some())
}

/// The run of a label spanning down into this row (a 年度 label over two rows governs the
/// schedule row in its second row: the grid's path makes it the plan).
fn spanned_run<'a>(label: (Field, &'a Cell), values: Vec<&'a Cell>) -> Labelled<'a> {
    let (field, cell) = label;
    Labelled {
        field,
        label: cell,
        inline: None,
        values,
        row_path: None,
        dated: false,
    }
}

/// A label cell from an earlier row spanning down into this one, left of its first cell.
fn spanning_label<'a>(g: &Grid<'a>, row: u32, cells: &[&Cell]) -> Option<(Field, &'a Cell)> {
    let first_col = cells.first()?.col;
    (0..first_col).rev().find_map(|col| {
        let cr = g.at(row, col)?;
        if cr.cell.row >= row {
            return None;
        }
        cr.field.map(|f| (f, cr.cell))
    })
}

/// A dated heading opening a plan or progress cell (`【令和6年度の取組状況】` in the 令和6年度
/// column) labels the text after it: it dates the text, and is no part of it. A heading of
/// another year or kind stays text.
fn date_by_bracket(obs: &mut [Observation], cell: &Cell, kind: Kind, fiscal_year: Option<i32>) {
    if let Some((year, bracket_kind, body)) = dated_bracket(&cell.text)
        && bracket_kind == kind
        && fiscal_year.is_none_or(|y| y == year)
        && !body.is_empty()
    {
        for o in obs {
            o.fiscal_year = Some(year);
            o.text = Some(body.clone());
        }
    }
}

/// A cell that opens with a dated label in brackets: `【令和6年度の取組状況】` (status) or
/// `【令和7年度の取組内容】` (plan), and the prose after it.
fn dated_bracket(raw: &str) -> Option<(i32, Kind, String)> {
    let text = raw.trim_start();
    let inner_end = text.find('】')?;
    // A narrow cell wraps the heading itself (`【令和6年度の取\n組状況】`).
    let inner: String = text
        .strip_prefix('【')?
        .get(..inner_end - '【'.len_utf8())?
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let years = scan_fiscal_years(&inner);
    let [year] = years.as_slice() else {
        return None;
    };
    let kind = if inner.contains("取組状況") || inner.contains("取組結果") || inner.contains("実績")
    {
        Kind::Status
    } else if inner.contains("取組内容") || inner.contains("計画") {
        Kind::Plan
    } else {
        return None;
    };
    let body = prose(text.get(inner_end + '】'.len_utf8()..)?);
    Some((year.year, kind, body))
}

/// Words a yearly schedule row is made of (`実施`, `検討・実施`, `毎年度実施`).
pub(crate) fn is_schedule_word(text: &str) -> bool {
    let t = text.trim().trim_start_matches("毎年度");
    !t.is_empty()
        && t.split('・')
            .all(|w| muniplan_normalize::PLAN_WORDS.contains(&w.trim()))
}

/// A title row: one cell spanning every column of the table that names something (a short
/// text, no label of the vocabulary, no value, no sentence, no parenthesised note). Text only: the caller has ruled
/// out headings, unit notes and dated labels.
fn title_row(g: &Grid<'_>, cell: &Cell) -> Option<TitleRow> {
    let table = g.table;
    if table.n_cols < 2 || cell.col != 0 || cell.col_span.max(1) < table.n_cols {
        return None;
    }
    let name = one_line_name(&cell.text);
    let parsed = muniplan_normalize::parse_value(&cell.text, &muniplan_normalize::Hints::default());
    let named = !name.is_empty()
        && name.chars().count() <= 60
        && cell.text.trim().lines().count() <= 2
        && !name.ends_with('。')
        // A parenthesised note (`（市民サービス課）`) names no card.
        && !name.starts_with(['(', '（'])
        && matches!(parsed.value, muniplan_normalize::Value::Text)
        && g.field(cell).is_none()
        && !is_schedule_word(&name);
    if !named {
        return None;
    }
    let (title, category, department) = crate::heading::unnumbered(&name)?;
    Some(TitleRow {
        title,
        category,
        department,
        location: cell.location.clone(),
    })
}

/// A row of fiscal years with no label (`令和５（2023）年度 | 令和６（2024）年度 …`): two or more
/// cells stating one year each, at least half of its cells.
fn bare_year_row(g: &Grid<'_>, cells: &[&Cell]) -> bool {
    let years = cells.iter().filter(|c| g.year_of(c).is_some()).count();
    years >= 2 && years * 2 >= cells.len()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dated_brackets() {
        assert_eq!(
            dated_bracket("【令和6年度の取組状況】\n・定型的な窓口業務を開始した。"),
            Some((
                2024,
                Kind::Status,
                "・定型的な窓口業務を開始した。".to_string()
            ))
        );
        assert_eq!(
            dated_bracket("【令和7年度の取組内容】\n・引き続き実施する。").map(|d| (d.0, d.1)),
            Some((2025, Kind::Plan))
        );
        assert_eq!(dated_bracket("【①行政手続きのオンライン化】"), None);
        assert_eq!(
            dated_bracket("【令和6年度の取\n組状況】\n・受付を開始した。"),
            Some((2024, Kind::Status, "・受付を開始した。".to_string()))
        );
        assert_eq!(
            dated_bracket("【令和6年度の取組状況】"),
            Some((2024, Kind::Status, String::new()))
        );
    }
}
