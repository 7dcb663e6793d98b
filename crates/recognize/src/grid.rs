//! The cell-role grid: what every cell of a table is, before anything is read from it.
//!
//! [`Grid::new`] gives each cell of a [`Table`] one [`Role`], computed from the vocabulary
//! ([`crate::vocab`]), the heading parser and the normalizer, in two passes:
//!
//! 1. **On its own text** ([`role_of_text`]): a field label (`目標値`, `R5実績`, `基準値（R2）`,
//!    `目標値（千円）`), a year header (`令和5年度`), a unit note (`（単位：千円）`), a unit
//!    header (`単位`), a value header (`値`), a heading (`(1) 窓口業務の…`), a number, a mark
//!    (`○`), a pending mark (`未定`, `－`), a legend (`評価：◎ 目標を上回った ○ …`), prose.
//! 2. **In its grid**: each label and year header gets the [`Orientation`] it governs in (its
//!    row to the right, or its column below; the labels of a row of label/value pairs,
//!    `取組番号 | 3 | 取組名 | …`, each to the right: [`Grid::is_pair_row`]; year headers side
//!    by side govern down, one under another across, as their run does), and a cell
//!    governed by a label whose field says what its cells are takes that role: a number under
//!    `No.` is an [`Role::Id`] (so is an item number alone in a cell, `（６）` / `1-(1)-①`,
//!    that no kind label right over it or right before it governs: a card's corner id, not a
//!    count), a `2022` under `年度` a [`Role::Year`] of its row, any word under `単位` (`分`,
//!    `窓口`) a [`Role::Unit`] of its row, a name under `指標` an [`Role::IndicatorName`]; a
//!    `達成` under `達成状況` is a value, not a label. Before both, a word that is a label and
//!    a progress word at once (`達成`) after a 進捗状況 / 計画 / 評価 label in its row is that
//!    label's value (`Grid::value_words`): it makes no header row and governs nothing.
//!
//! The grid holds roles only, never observations: the header-path resolver reads values from
//! it. `inspect` and coverage can show it as it is.

use std::cell::OnceCell;
use std::collections::HashMap;
use std::rc::Rc;

use muniplan_ir::{Cell, Table};
use muniplan_normalize::{Hints, Value, normalize_text, parse_value, scan_fiscal_years};

use crate::heading::{Heading, heading_of_normalized};
use crate::values::{one_line_name, strip_unit_of_normalized, unit_hint, unit_note_of_normalized};
use crate::vocab::{Field, dated_key, field_of, is_composite, label_key, lookup};

/// Which cells a label or year header governs.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Orientation {
    /// The cells to its right, in the rows it spans (a row label).
    Across,
    /// The cells below it, in the columns it spans (a column header).
    Down,
}

/// A field label: a cell naming what the cells it governs hold.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Label {
    /// The field it names (目標値 → Target, 担当課 → Department).
    pub field: Field,
    /// The fiscal year it states (`R5目標`, `基準値（R2）`).
    pub year: Option<i32>,
    /// The unit it states for its values (`目標値（千円）`).
    pub unit: Option<String>,
    /// It names two kinds at once (`目標と実績`): a row label below says which.
    pub composite: bool,
    /// Which cells it governs; `None` when neither its row nor its column holds anything it
    /// could govern.
    pub orientation: Option<Orientation>,
}

/// What one cell of a table is.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Role {
    /// No text.
    Empty,
    /// A field label.
    Label(Label),
    /// Several kind words in one header (`目標\n実績（達成率）`): the values below are
    /// multi-value cells with these roles, in order.
    KindList {
        /// The words, as matched (`目標`, `実績`, `達成率`).
        roles: Vec<String>,
        /// Which cells it governs.
        orientation: Option<Orientation>,
    },
    /// A fiscal year: a year header (`令和5年度` over a column) or the year of a row (a
    /// `2022` under `年度`).
    Year {
        /// The fiscal year (start year).
        year: i32,
        /// Which cells it dates.
        orientation: Option<Orientation>,
    },
    /// A header naming the unit of each row or column it governs (`単位`).
    UnitHeader {
        /// Which cells it governs.
        orientation: Option<Orientation>,
    },
    /// A header over the values of a long table whose kind and year stand elsewhere in the
    /// row (`値`).
    ValueHeader {
        /// Which cells it governs.
        orientation: Option<Orientation>,
    },
    /// A unit note standing on its own (`（単位：千円）`): the unit of the table's bare numbers.
    UnitNote(String),
    /// The unit of its row or column, under a unit header (`分` under `単位`).
    Unit(String),
    /// An initiative id (`1` under `No.`), normalized.
    Id(String),
    /// A heading naming an initiative or a group (`(1) 行政手続きのオンライン化`).
    Heading {
        /// The number as printed (`(1)`, `No.3`, `1-2`).
        id: String,
        /// The text after it.
        title: String,
    },
    /// An indicator's name (a cell under `指標` / `KPI`), on one line.
    IndicatorName(String),
    /// A value the normalizer reads as a number (or several, or `→`).
    Value,
    /// A status or grade mark (`○`, `◎`, `△`, `×`).
    Mark(String),
    /// A placeholder or a value still to come (`－`, `未定`, `集計中`).
    Pending,
    /// A line explaining marks (`評価：◎ 目標を上回った ○ 目標どおり …`).
    Legend,
    /// Any other text.
    Prose,
}

impl Role {
    /// A cell that says what other cells are (a label, a year header, a unit or value header).
    pub fn is_header(&self) -> bool {
        matches!(
            self,
            Role::Label(_)
                | Role::KindList { .. }
                | Role::UnitHeader { .. }
                | Role::ValueHeader { .. }
        )
    }

    /// Which cells a header role governs.
    pub fn orientation(&self) -> Option<Orientation> {
        match self {
            Role::Label(l) => l.orientation,
            Role::KindList { orientation, .. }
            | Role::Year { orientation, .. }
            | Role::UnitHeader { orientation }
            | Role::ValueHeader { orientation } => *orientation,
            _ => None,
        }
    }

    fn set_orientation(&mut self, o: Option<Orientation>) {
        match self {
            Role::Label(l) => l.orientation = o,
            Role::KindList { orientation, .. }
            | Role::Year { orientation, .. }
            | Role::UnitHeader { orientation }
            | Role::ValueHeader { orientation } => *orientation = o,
            _ => {}
        }
    }

    /// A cell a label can govern: what stands in a value's place.
    fn is_content(&self) -> bool {
        matches!(
            self,
            Role::Value
                | Role::Mark(_)
                | Role::Pending
                | Role::Year { .. }
                | Role::Unit(_)
                | Role::Id(_)
                | Role::Heading { .. }
                | Role::IndicatorName(_)
                | Role::Prose
        )
    }
}

/// One cell and its role.
#[derive(Debug, Clone, PartialEq)]
pub struct CellRole<'t> {
    /// The cell.
    pub cell: &'t Cell,
    /// What it is.
    pub role: Role,
    /// The field its whole text names as a label ([`crate::vocab::field_of`]), before the grid
    /// governs it (a `達成` under `達成状況` keeps `Grade` here, its role is a mark).
    pub field: Option<Field>,
    /// What else its text says on its own, each computed once per text, when first asked.
    facts: Rc<Facts>,
}

/// Readings of a text that only some cells are asked for: computed at most once per text of a
/// document (the readers ask about a cell many times, once per row or block that looks at it,
/// and the same label stands in every card).
#[derive(Debug, Default, PartialEq)]
struct Facts {
    /// The one fiscal year it states ([`scan_fiscal_years`] finds exactly one).
    year: OnceCell<Option<i32>>,
    /// A dated label's year and key ([`dated_key`]).
    dated: OnceCell<Option<(i32, String)>>,
    /// An item number standing alone ([`crate::heading::lone_id`]).
    lone_id: OnceCell<Option<String>>,
    /// What it says as a column header ([`HeaderCell::of`]).
    header: Option<HeaderCell>,
    /// It is a schedule (`実施`, `検討・実施`, `毎年度実施`).
    schedule: OnceCell<bool>,
}

/// What one header cell says on its own, as a band's header reads it ([`HeaderCell::of`]: its
/// role on its own text, before any header governs it).
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum HeaderCell {
    /// A field label (`取組項目`, `目標値`, `目標値（千円）`).
    Field(Field),
    /// A fiscal year alone (`令和3年度`).
    Year(i32),
    /// A dated label (`R4目標`, `基準値（R3）`).
    Dated(i32, Field),
    /// Several kind words (`目標 / 実績（達成率）`).
    Roles(Vec<String>),
    /// `値`: values whose kind and year stand in their row.
    Value,
}

impl HeaderCell {
    /// What a text says as a column header, from its role on its own and the field its whole
    /// text names: a field label, a dated label (`R4目標`, `基準値（R3）`, `R5目標（千円）`), a
    /// year alone, a kind list, a `値` header; nothing else heads a column of a band.
    pub(crate) fn of(role: &Role, field: Option<Field>) -> Option<HeaderCell> {
        if let Some(field) = field {
            return Some(HeaderCell::Field(field));
        }
        match role {
            Role::Label(Label {
                field,
                year: Some(year),
                ..
            }) => Some(HeaderCell::Dated(*year, *field)),
            Role::Label(Label { field, .. }) => Some(HeaderCell::Field(*field)),
            Role::Year { year, .. } => Some(HeaderCell::Year(*year)),
            Role::KindList { roles, .. } => Some(HeaderCell::Roles(roles.clone())),
            Role::ValueHeader { .. } => Some(HeaderCell::Value),
            _ => None,
        }
    }
}

impl CellRole<'_> {
    /// The one fiscal year its text states (`令和5年度`, `基準値（平成29年度）`), if exactly one.
    pub fn year(&self) -> Option<i32> {
        *self.facts.year.get_or_init(|| one_year(&self.cell.text))
    }

    /// Its text as a dated label: the year and the label key of the rest (empty for a year
    /// alone), see [`dated_key`].
    pub fn dated(&self) -> Option<&(i32, String)> {
        self.facts
            .dated
            .get_or_init(|| dated_key(&self.cell.text))
            .as_ref()
    }

    /// What the cell's text says as a column header ([`HeaderCell::of`] its role on its own).
    pub(crate) fn header(&self) -> Option<&HeaderCell> {
        self.facts.header.as_ref()
    }

    /// Its text is a schedule: plan words only (`実施`, `検討・実施`, `毎年度実施`).
    pub fn is_schedule(&self) -> bool {
        *self
            .facts
            .schedule
            .get_or_init(|| crate::reader::is_schedule_word(&crate::values::prose(&self.cell.text)))
    }

    /// An item number standing alone in the cell (`（６）`, `1-(1)-①`), normalized.
    pub fn lone_id(&self) -> Option<&str> {
        self.facts
            .lone_id
            .get_or_init(|| crate::heading::lone_id(&self.cell.text))
            .as_deref()
    }
}

/// A table with a role for every cell, and an index of which cell covers each position.
#[derive(Debug, Clone)]
pub struct Grid<'t> {
    /// The table.
    pub table: &'t Table,
    /// Its cells in the table's order, each with its role.
    pub cells: Vec<CellRole<'t>>,
    /// For each (row, col) of the table, row-major: 1 + the index of the cell covering it, or
    /// 0.
    cover: Vec<u32>,
    /// For each row, the indices of the cells whose top row it is, in the table's order.
    rows: Vec<Vec<u32>>,
}

/// Marks the normalizer reads as a status, for legends.
const MARKS: &[char] = &['○', '◯', '〇', '◎', '×', '✕', '✖', '△'];

/// Header words naming the unit of each row or column (`単位`).
const UNIT_HEADERS: &[&str] = &["単位"];

/// Header words over the values of a long table (`値`).
const VALUE_HEADERS: &[&str] = &["値"];

/// The role a cell's text gives it on its own, before its grid is looked at.
pub fn role_of_text(raw: &str) -> Role {
    role_with_field(raw, field_of(raw), &OnceCell::new())
}

/// [`role_of_text`], given what [`field_of`] says of the same text. The text is normalized
/// once here for every reading that starts from the normalized text.
/// `dated` holds [`dated_key`] of `raw` once computed.
fn role_with_field(
    raw: &str,
    field: Option<Field>,
    dated: &OnceCell<Option<(i32, String)>>,
) -> Role {
    if raw.trim().is_empty() {
        return Role::Empty;
    }
    let norm = normalize_text(raw);
    if let Some(unit) = unit_note_of_normalized(&norm) {
        return Role::UnitNote(unit);
    }
    if let Some(label) = label_of(raw, &norm, field, dated) {
        return Role::Label(label);
    }
    // The label key is the normalized text without spaces: it can be a header word only
    // when the normalized text holds every character of one.
    let header_word = |w: &&str| w.chars().all(|c| norm.contains(c));
    if UNIT_HEADERS.iter().chain(VALUE_HEADERS).any(header_word) {
        let key = label_key(raw);
        if UNIT_HEADERS.contains(&key.as_str()) {
            return Role::UnitHeader { orientation: None };
        }
        if VALUE_HEADERS.contains(&key.as_str()) {
            return Role::ValueHeader { orientation: None };
        }
    }
    if let Some(roles) = kind_words(raw) {
        return Role::KindList {
            roles,
            orientation: None,
        };
    }
    if is_legend(&norm) {
        return Role::Legend;
    }
    let parsed = parse_value(raw, &Hints::default());
    match parsed.value {
        // A deadline (`令和9年度までに`) is a value, not a year header.
        Value::FiscalYear(_) if parsed.by => return Role::Value,
        Value::FiscalYear(year) => {
            return Role::Year {
                year,
                orientation: None,
            };
        }
        Value::Quantity(ref q) if q.value.is_some() => return Role::Value,
        Value::Multi(_) | Value::SameAsPrevious => return Role::Value,
        Value::Status(ref s) => return Role::Mark(s.clone()),
        Value::Missing { .. } => return Role::Pending,
        _ => {}
    }
    if let Some(h) = heading_of_normalized(&norm) {
        let (id, title) = match h {
            Heading::Initiative { id, title, .. } => (id, title),
            Heading::Numbered { id, text, .. } => (id, text),
        };
        return Role::Heading { id, title };
    }
    Role::Prose
}

/// A label, maybe dated (`R5目標`, `基準値（R2）`) or naming its unit (`目標値（千円）`);
/// `norm` is `raw` normalized, `field` what [`field_of`] says of `raw`.
fn label_of(
    raw: &str,
    norm: &str,
    field: Option<Field>,
    dated: &OnceCell<Option<(i32, String)>>,
) -> Option<Label> {
    let label = |field: Field, year: Option<i32>, key: &str| Label {
        field,
        year,
        unit: None,
        composite: is_composite(key),
        orientation: None,
    };
    // `目標値（千円）`: the unit first, as `field_of` reads a parenthesized note as no part of
    // the label.
    if let Some((rest, unit)) = strip_unit_of_normalized(norm)
        && let Some(l) = label_of(
            &rest,
            &normalize_text(&rest),
            field_of(&rest),
            &OnceCell::new(),
        )
    {
        return Some(Label {
            unit: Some(unit),
            ..l
        });
    }
    if let Some(field) = field {
        return Some(label(field, None, raw));
    }
    let (year, key) = dated.get_or_init(|| dated_key(raw)).as_ref()?;
    lookup(key).map(|f| label(f, Some(*year), key))
}

/// `目標\n実績（達成率）`: two or more kind words and nothing else.
pub(crate) fn kind_words(text: &str) -> Option<Vec<String>> {
    const SEPARATORS: [char; 10] = ['\n', ' ', '　', '(', ')', '（', '）', '/', '／', '・'];
    // A token gives a word only when it is not empty: fewer than two tokens, no list.
    text.split(SEPARATORS).filter(|t| !t.is_empty()).nth(1)?;
    let mut tokens: Vec<String> = Vec::new();
    for key in text.split(SEPARATORS).map(label_key) {
        if key.is_empty() {
            continue;
        }
        // The first word that names no kind ends it.
        lookup(&key).and_then(crate::values::kind_of_field)?;
        tokens.push(key);
    }
    (tokens.len() >= 2).then_some(tokens)
}

/// A legend: two or more marks, each followed by words (`◎ 目標を上回った ○ 目標どおり`);
/// `text` is normalized.
fn is_legend(text: &str) -> bool {
    if text.chars().filter(|c| MARKS.contains(c)).nth(1).is_none() {
        return false;
    }
    let chars: Vec<char> = text.chars().collect();
    let explained = chars
        .iter()
        .enumerate()
        .filter(|(i, c)| MARKS.contains(c) && followed_by_words(&chars, i + 1))
        .count();
    explained >= 2
}

fn followed_by_words(chars: &[char], from: usize) -> bool {
    chars
        .iter()
        .skip(from)
        .skip_while(|c| c.is_whitespace() || matches!(c, ':' | '：' | '='))
        .take_while(|c| !MARKS.contains(c))
        .filter(|c| c.is_alphabetic())
        .count()
        >= 2
}

/// The roles cell texts give on their own, remembered across the tables of one document: a
/// label, year header or mark printed in every card is read once.
#[derive(Debug, Default)]
pub struct TextRoles {
    seen: HashMap<String, (Role, Option<Field>, Rc<Facts>)>,
}

impl TextRoles {
    /// The role `text` gives on its own ([`role_of_text`]), the field it names
    /// ([`field_of`]), and its other readings, shared by every cell with this text.
    fn of(&mut self, text: &str) -> (Role, Option<Field>, Rc<Facts>) {
        if let Some((role, field, facts)) = self.seen.get(text) {
            return (role.clone(), *field, Rc::clone(facts));
        }
        let field = field_of(text);
        let dated = OnceCell::new();
        let role = role_with_field(text, field, &dated);
        let facts = Rc::new(Facts {
            header: HeaderCell::of(&role, field),
            dated,
            ..Facts::default()
        });
        self.seen
            .insert(text.to_string(), (role.clone(), field, Rc::clone(&facts)));
        (role, field, facts)
    }
}

impl<'t> Grid<'t> {
    /// The roles of every cell of `table`.
    pub fn new(table: &'t Table) -> Self {
        Self::with_roles(table, &mut TextRoles::default())
    }

    /// The roles of every cell of `table`, reading each text through `known` (one per
    /// document).
    pub fn with_roles(table: &'t Table, known: &mut TextRoles) -> Self {
        let (n_rows, n_cols) = (table.n_rows as usize, table.n_cols as usize);
        let mut cover = vec![0u32; n_rows * n_cols];
        let mut rows: Vec<Vec<u32>> = vec![Vec::new(); n_rows];
        for (idx, cell) in table.cells.iter().enumerate() {
            let Ok(id) = u32::try_from(idx + 1) else {
                break;
            };
            if let Some(r) = rows.get_mut(cell.row as usize) {
                r.push(id - 1);
            }
            let (top, left) = (cell.row as usize, cell.col as usize);
            let bottom = (top + cell.row_span.max(1) as usize).min(n_rows);
            let right = (left + cell.col_span.max(1) as usize).min(n_cols);
            for y in top..bottom {
                for x in left..right {
                    // The first cell covering a position wins, as `Table::cell_covering`.
                    if let Some(slot) = cover.get_mut(y * n_cols + x)
                        && *slot == 0
                    {
                        *slot = id;
                    }
                }
            }
        }
        let mut grid = Grid {
            table,
            cells: table
                .cells
                .iter()
                .map(|cell| {
                    let (role, field, facts) = known.of(&cell.text);
                    CellRole {
                        cell,
                        role,
                        field,
                        facts,
                    }
                })
                .collect(),
            cover,
            rows,
        };
        grid.value_words();
        grid.orient();
        grid.govern();
        grid.name_rows();
        grid
    }

    /// Row labels name the indicator: the cells between a kind label governing across and
    /// the first value of its row dated by its path (a year header over it, a dated label)
    /// that name rather than state (`目標数値 | 市民税 | 未申告調査 | 200件 …`, `市民税` merged
    /// down over two indicators) become [`Role::IndicatorName`]s, outermost first; the path of
    /// each value of the row joins them ([`Path::indicator`]).
    fn name_rows(&mut self) {
        let mut names: Vec<usize> = Vec::new();
        for cr in &self.cells {
            let Role::Label(l) = &cr.role else {
                continue;
            };
            if l.orientation != Some(Orientation::Across)
                || crate::values::kind_of_field(l.field).is_none()
            {
                continue;
            }
            let c = cr.cell;
            let end = c.col + c.col_span.max(1);
            for row in c.row..c.row + c.row_span.max(1) {
                // The cells right of the label up to the next header, each once.
                let mut run: Vec<(usize, &CellRole<'t>)> = Vec::new();
                for x in end..self.table.n_cols {
                    let Some(slot) = self.slot(row, x) else {
                        continue;
                    };
                    let Some(other) = self.cells.get(slot) else {
                        continue;
                    };
                    if other.role.is_header() {
                        break;
                    }
                    if run.last().is_none_or(|(i, _)| *i != slot) {
                        run.push((slot, other));
                    }
                }
                let Some(first_dated) = run.iter().position(|(_, v)| {
                    !v.cell.is_blank() && self.path(row, v.cell.col.max(end)).year.is_some()
                }) else {
                    continue;
                };
                for (i, v) in run.iter().take(first_dated) {
                    if v.cell.col >= end && is_row_label(v) && !names.contains(i) {
                        names.push(*i);
                    }
                }
            }
        }
        for i in names {
            if let Some(cr) = self.cells.get_mut(i) {
                cr.role = Role::IndicatorName(one_line_name(&cr.cell.text));
            }
        }
    }

    /// The index of the cell covering (row, col).
    fn slot(&self, row: u32, col: u32) -> Option<usize> {
        if row >= self.table.n_rows || col >= self.table.n_cols {
            return None;
        }
        let id = *self
            .cover
            .get(row as usize * self.table.n_cols as usize + col as usize)?;
        (id as usize).checked_sub(1)
    }

    /// A word that is both a label and a progress word (`達成`: a grade column's header in
    /// one report, a year's progress in another) standing after a 進捗状況 / 計画 / 評価 label
    /// in its row is that label's value, before any header governs: the row is no header row,
    /// the label governs across, and the word governs nothing below it.
    fn value_words(&mut self) {
        for ids in &self.rows {
            let mut last: Option<Field> = None;
            for &i in ids {
                let Some(cr) = self.cells.get_mut(i as usize) else {
                    continue;
                };
                let Role::Label(l) = &cr.role else {
                    continue;
                };
                if matches!(last, Some(Field::Status | Field::Plan | Field::Grade))
                    && cr.is_schedule()
                {
                    cr.role = mark_or_prose(&cr.cell.text);
                } else {
                    last = Some(l.field);
                }
            }
        }
    }

    /// The cell covering (row, col), with its role.
    pub fn at(&self, row: u32, col: u32) -> Option<&CellRole<'t>> {
        self.cells.get(self.slot(row, col)?)
    }

    /// The cell covering (row, col), through spans.
    pub fn covering(&self, row: u32, col: u32) -> Option<&'t Cell> {
        self.at(row, col).map(|c| c.cell)
    }

    /// The cells whose top row is `row`, left to right.
    pub fn row(&self, row: u32) -> impl Iterator<Item = &CellRole<'t>> {
        self.rows
            .get(row as usize)
            .into_iter()
            .flatten()
            .filter_map(|&i| self.cells.get(i as usize))
    }

    /// The cells whose top row is `row`, left to right (the table's cells).
    pub fn row_cells(&self, row: u32) -> impl Iterator<Item = &'t Cell> + '_ {
        self.row(row).map(|c| c.cell)
    }

    /// A cell of this grid's table with its role.
    pub fn of(&self, cell: &Cell) -> Option<&CellRole<'t>> {
        self.at(cell.row, cell.col)
            .filter(|c| std::ptr::eq(c.cell, cell))
            // A cell whose corner another cell covers too (a reader's overlap).
            .or_else(|| self.cells.iter().find(|c| std::ptr::eq(c.cell, cell)))
    }

    /// What a cell says as a column header (cached).
    pub(crate) fn header(&self, cell: &Cell) -> Option<HeaderCell> {
        match self.of(cell) {
            Some(c) => c.header().cloned(),
            None => HeaderCell::of(&role_of_text(&cell.text), field_of(&cell.text)),
        }
    }

    /// The field a cell's whole text names as a label (cached [`field_of`]).
    pub fn field(&self, cell: &Cell) -> Option<Field> {
        match self.of(cell) {
            Some(c) => c.field,
            None => field_of(&cell.text),
        }
    }

    /// The one fiscal year a cell's text states (cached).
    pub fn year_of(&self, cell: &Cell) -> Option<i32> {
        match self.of(cell) {
            Some(c) => c.year(),
            None => one_year(&cell.text),
        }
    }

    /// Unit notes standing in the table (`（単位：千円）` in a row of its own or above the
    /// table's right end), top to bottom: each is the unit of the bare numbers in the rows
    /// below it, up to the next note.
    pub fn unit_notes(&self) -> Vec<(&CellRole<'t>, &str)> {
        let mut notes: Vec<(&CellRole<'t>, &str)> = self
            .cells
            .iter()
            .filter_map(|c| match &c.role {
                Role::UnitNote(unit) => Some((c, unit.as_str())),
                _ => None,
            })
            .collect();
        notes.sort_by_key(|(c, _)| (c.cell.row + c.cell.row_span.max(1), c.cell.col));
        notes
    }

    /// Rows holding two or more header cells (labels, unit or value headers, kind lists) that
    /// are no [pair rows](Self::is_pair_row): their headers and year headers govern the cells
    /// below.
    pub fn header_rows(&self) -> Vec<u32> {
        (0..self.table.n_rows)
            .filter(|&row| {
                self.row(row).filter(|c| c.role.is_header()).count() >= 2 && !self.is_pair_row(row)
            })
            .collect()
    }

    /// A row of label/value pairs (`取組番号 | 3 | 取組名 | ふるさと納税の推進`, `所管課 | 財政課
    /// | 関係課 | 企画課`): two or more labels, each with a content cell right beside it, in a
    /// card (the column of its first label goes on with a label below, or the table ends).
    /// Each label governs the cells right of it up to the next label, not the rows below.
    pub fn is_pair_row(&self, row: u32) -> bool {
        let mut labels = 0;
        let mut first_col = None;
        for c in self.row(row) {
            if !c.role.is_header() {
                continue;
            }
            let beside = self.at(row, c.cell.col + c.cell.col_span.max(1));
            if !beside.is_some_and(|b| b.cell.row == row && b.role.is_content()) {
                return false;
            }
            labels += 1;
            first_col.get_or_insert(c.cell.col);
        }
        let Some(col) = first_col.filter(|_| labels >= 2) else {
            return false;
        };
        let below = self
            .row(row)
            .find(|c| c.cell.col == col)
            .map_or(row + 1, |c| row + c.cell.row_span.max(1));
        below >= self.table.n_rows || self.at(below, col).is_some_and(|c| c.role.is_header())
    }

    /// Content cells right of `cr` in its rows, and below it in its columns, each counted up
    /// to the first header cell on the way.
    fn governed_counts(&self, cr: &CellRole<'_>) -> (usize, usize) {
        let c = cr.cell;
        // A year header's row or column of other years ends what it governs, as a label does.
        let is_year = matches!(cr.role, Role::Year { .. });
        let stops = |r: &Role| r.is_header() || (is_year && matches!(r, Role::Year { .. }));
        let count = |coords: &mut dyn Iterator<Item = (u32, u32)>| {
            let mut seen: Vec<(u32, u32)> = Vec::new();
            let mut n = 0;
            for (row, col) in coords {
                let Some(other) = self.at(row, col) else {
                    continue;
                };
                let id = (other.cell.row, other.cell.col);
                if seen.contains(&id) || id == (c.row, c.col) {
                    continue;
                }
                seen.push(id);
                if stops(&other.role) {
                    break;
                }
                n += usize::from(other.role.is_content());
            }
            n
        };
        let right: usize = (c.row..c.row + c.row_span.max(1))
            .map(|row| count(&mut (c.col + c.col_span.max(1)..self.table.n_cols).map(|x| (row, x))))
            .sum();
        let down: usize = (c.col..c.col + c.col_span.max(1))
            .map(|col| count(&mut (c.row + c.row_span.max(1)..self.table.n_rows).map(|y| (y, col))))
            .sum();
        (right, down)
    }

    /// Give each header and year header its orientation: a header row's cells govern down;
    /// any other governs where the content is (right first, as a card's row label does).
    fn orient(&mut self) {
        let header_rows = self.header_rows();
        let pair_rows: Vec<u32> = (0..self.table.n_rows)
            .filter(|&row| self.is_pair_row(row))
            .collect();
        let orientations: Vec<Option<Option<Orientation>>> = self
            .cells
            .iter()
            .map(|cr| {
                if !cr.role.is_header() && !matches!(cr.role, Role::Year { .. }) {
                    return None;
                }
                let (right, down) = self.governed_counts(cr);
                // A row label: its value starts right beside it (`目標数値 | 市民税 | 200件 …`,
                // a label spanning the rows of its values), in a header row too when it governs
                // more to its right than below.
                let row_label = right > 0 && self.beside_content(cr);
                if header_rows.contains(&cr.cell.row) && !(row_label && right > down) {
                    return Some(Some(Orientation::Down));
                }
                if cr.role.is_header() && pair_rows.contains(&cr.cell.row) {
                    return Some(Some(Orientation::Across));
                }
                // Years side by side are a year row, years one under another a year column:
                // each governs as its run does, whatever stands past the run's end.
                if let Some(o) = self.year_run(cr) {
                    return Some(Some(o));
                }
                Some(
                    if (right > 0 && right >= down) || row_label || self.beside_its_value(cr) {
                        Some(Orientation::Across)
                    } else if down > 0 || self.over_header(cr) {
                        Some(Orientation::Down)
                    } else {
                        None
                    },
                )
            })
            .collect();
        for (cr, o) in self.cells.iter_mut().zip(orientations) {
            if let Some(o) = o {
                cr.role.set_orientation(o);
            }
        }
    }

    /// The orientation a year header takes from the years beside it: a year with a year
    /// right before or after it in its row governs down (a year row: `令和2年度 | 令和3年度 |
    /// 令和4年度 | 備考`, the last one too); with a year right over or under it in its column,
    /// across (a transposed card's years down the rows, the last one too). `None` for a year
    /// standing alone, or with years both ways.
    fn year_run(&self, cr: &CellRole<'_>) -> Option<Orientation> {
        if !matches!(cr.role, Role::Year { .. }) {
            return None;
        }
        let c = cr.cell;
        let (end_col, end_row) = (c.col + c.col_span.max(1), c.row + c.row_span.max(1));
        let year_at = |row: Option<u32>, col: Option<u32>, same: &dyn Fn(&Cell) -> bool| {
            let (Some(row), Some(col)) = (row, col) else {
                return false;
            };
            self.at(row, col)
                .is_some_and(|o| matches!(o.role, Role::Year { .. }) && same(o.cell))
        };
        let same_row = |o: &Cell| o.row == c.row;
        let same_col = |o: &Cell| o.col == c.col;
        let in_row = year_at(Some(c.row), c.col.checked_sub(1), &same_row)
            || year_at(Some(c.row), Some(end_col), &same_row);
        let in_col = year_at(c.row.checked_sub(1), Some(c.col), &same_col)
            || year_at(Some(end_row), Some(c.col), &same_col);
        match (in_row, in_col) {
            (true, false) => Some(Orientation::Down),
            (false, true) => Some(Orientation::Across),
            _ => None,
        }
    }

    /// A label outside a header row with its value right beside it (`指標 | 電子申請件数`,
    /// the name spanning the rest of the row): a card's row label, whatever stands below.
    fn beside_its_value(&self, cr: &CellRole<'_>) -> bool {
        let c = cr.cell;
        matches!(cr.role, Role::Label(_))
            && self
                .at(c.row, c.col + c.col_span.max(1))
                .is_some_and(|next| {
                    next.cell.row == c.row
                        && matches!(next.role, Role::Prose | Role::Value | Role::Pending)
                        && next.cell.col + next.cell.col_span.max(1) >= self.table.n_cols
                })
    }

    /// A label with content right beside it in its first row (text or a value, not a year
    /// header: a list's header row has headers and years side by side).
    fn beside_content(&self, cr: &CellRole<'_>) -> bool {
        let c = cr.cell;
        matches!(cr.role, Role::Label(_))
            && self
                .at(c.row, c.col + c.col_span.max(1))
                .is_some_and(|next| {
                    next.cell.row == c.row
                        && matches!(
                            next.role,
                            Role::Prose | Role::Value | Role::Pending | Role::Mark(_)
                        )
                })
    }

    /// A year header standing on headers (`令和3年度` over `計画 | 取組状況`, a stacked column
    /// header): it governs down, through the headers below it.
    fn over_header(&self, cr: &CellRole<'_>) -> bool {
        let c = cr.cell;
        matches!(cr.role, Role::Year { .. })
            && self
                .at(c.row + c.row_span.max(1), c.col)
                .is_some_and(|below| below.role.is_header())
    }

    /// The header governing (row, col) from above (the nearest `Down` header over it) and from
    /// the left (the nearest `Across` header before it).
    pub fn governing(&self, row: u32, col: u32) -> (Option<&CellRole<'t>>, Option<&CellRole<'t>>) {
        let above = (0..row).rev().find_map(|y| {
            self.at(y, col)
                .filter(|c| c.cell.row + c.cell.row_span.max(1) <= row)
                .filter(|c| c.role.orientation() == Some(Orientation::Down))
        });
        let left = (0..col).rev().find_map(|x| {
            self.at(row, x)
                .filter(|c| c.cell.col + c.cell.col_span.max(1) <= col)
                .filter(|c| c.role.orientation() == Some(Orientation::Across))
        });
        (above, left)
    }

    /// Content cells take the role their governing header's field gives them.
    ///
    /// A label in a header row stays a header: the row of labels that opens the next card
    /// (`年度 | 基準値 | 目標 | 実績 | 評価`) is no grade value under the card above's `評価` or `達成率`.
    fn govern(&mut self) {
        let header_rows = self.header_rows();
        let new_roles: Vec<Option<Role>> = self
            .cells
            .iter()
            .map(|cr| {
                let label = matches!(cr.role, Role::Label(_));
                if !cr.role.is_content() && !label || label && header_rows.contains(&cr.cell.row) {
                    return None;
                }
                let (above, left) = self.governing(cr.cell.row, cr.cell.col);
                let headers = [above, left].into_iter().flatten();
                headers
                    .clone()
                    .find_map(|h| governed_role(&h.role, cr))
                    .or_else(|| {
                        // An item number alone in a cell (`（６）`, `1-(1)-①`) numbers an initiative
                        // wherever it stands (a card's corner cell), unless a kind label right
                        // over it or right before it governs it: then it is that label's value
                        // (a count `(1)`).
                        let c = cr.cell;
                        let kind_governed = headers.clone().any(|h| {
                            let next = h.cell.row + h.cell.row_span.max(1) == c.row
                                || h.cell.col + h.cell.col_span.max(1) == c.col;
                            next && matches!(&h.role, Role::Label(l)
                            if crate::values::kind_of_field(l.field).is_some())
                        });
                        let bare = matches!(cr.role, Role::Value | Role::Prose | Role::Pending);
                        (bare && !kind_governed)
                            .then(|| cr.lone_id().map(|id| Role::Id(id.to_string())))
                            .flatten()
                    })
            })
            .collect();
        for (cr, role) in self.cells.iter_mut().zip(new_roles) {
            if let Some(role) = role {
                cr.role = role;
            }
        }
    }
}

/// What the headers governing one value cell say about it: its header path, resolved.
///
/// A value takes its kind from the nearest label over its column that names one, unless that
/// label is composite (`目標と実績`) or absent, or the value fills the rest of its row right
/// beside its row label (`最終目標値 | 累計450件`): then from a label of its row (a card's row
/// label, a long table's `区分` cell). Its year from a dated label or year header over its
/// column or left of it in its row, else from a year cell of its row (a `年度` column). Its
/// unit from the unit cell of its row (a `単位` column), else the label over its column
/// (`目標値（千円）`). Its indicator from an indicator name in its row. A mark with no kind on
/// its path is the document's evaluation of the row: a grade.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Path<'t> {
    /// The value field (Target, Actual, Grade …).
    pub field: Option<Field>,
    /// The fiscal year.
    pub year: Option<i32>,
    /// Every year a value merged across several year columns spans, in column order (its
    /// first is `year`): the value is each year's (`実施` across 令和5–8年度). Empty for a value
    /// of one year, and for a final target or baseline merged across the years (of none).
    pub years: Vec<i32>,
    /// The unit and the cell stating it.
    pub unit: Option<(String, &'t Cell)>,
    /// The indicator name and its cell.
    pub indicator: Option<(String, &'t Cell)>,
    /// The kinds of a multi-value cell, in order, when a kind list governs it (`目標 /
    /// 実績（達成率）`); empty for one value.
    pub roles: Vec<String>,
}

impl<'t> Grid<'t> {
    /// Headers over (row, col) that govern down, nearest first.
    ///
    /// Headers stacked over the value form one band: content (or a blank cell) between two
    /// headers of the column (a label over its own value, `目標の数値` over `HPアクセス数 …`, above a year
    /// header row) ends the band, and the headers above it govern only their own values.
    fn headers_above(&self, row: u32, col: u32) -> Vec<&CellRole<'t>> {
        let mut out: Vec<&CellRole<'t>> = Vec::new();
        for y in (0..row).rev() {
            let Some(c) = self.at(y, col) else {
                continue;
            };
            if c.cell.row + c.cell.row_span.max(1) > row
                || out.iter().any(|o| std::ptr::eq(o.cell, c.cell))
            {
                continue;
            }
            if c.role.orientation() == Some(Orientation::Down) {
                if self.off_a_year_group(c, out.last().copied()) {
                    break;
                }
                out.push(c);
            } else if !out.is_empty() && (c.role.is_content() || c.role == Role::Empty) {
                // A blank cell is a value slot too (`目標の数値` over its empty value).
                break;
            }
        }
        out
    }

    /// A kind label right over a run of year headers that goes on past it on either side
    /// (`目標の数値` over one of five year columns, a card label whose value slot stands
    /// elsewhere): no header of the year group, which a stacked header spans whole
    /// (`目標と実績` over its three years, beside the plan's years).
    fn off_a_year_group(&self, label: &CellRole<'_>, below: Option<&CellRole<'_>>) -> bool {
        let c = label.cell;
        let Some(year) = below.filter(|b| {
            matches!(b.role, Role::Year { .. }) && b.cell.row == c.row + c.row_span.max(1)
        }) else {
            return false;
        };
        let kind = matches!(&label.role, Role::Label(l)
            if crate::values::kind_of_field(l.field).is_some());
        // The year row runs on past the label's columns, on either side (a year header
        // merged wider than the label is still under it).
        let (first, end) = (c.col, c.col + c.col_span.max(1));
        let beside = first.checked_sub(1).into_iter().chain([end]);
        kind && beside.into_iter().any(|x| {
            self.at(year.cell.row, x).is_some_and(|y| {
                let (y0, y1) = (y.cell.col, y.cell.col + y.cell.col_span.max(1));
                matches!(y.role, Role::Year { .. }) && (y1 <= first || y0 >= end)
            })
        })
    }

    /// Headers left of (row, col) that govern across, nearest first.
    fn headers_left(&self, row: u32, col: u32) -> Vec<&CellRole<'t>> {
        let mut out: Vec<&CellRole<'t>> = Vec::new();
        for x in (0..col).rev() {
            if let Some(c) = self.at(row, x)
                && c.cell.col + c.cell.col_span.max(1) <= col
                && c.role.orientation() == Some(Orientation::Across)
                && !out.iter().any(|o| std::ptr::eq(o.cell, c.cell))
            {
                out.push(c);
            }
        }
        out
    }

    /// The header path of the value cell at (row, col).
    pub fn path(&self, row: u32, col: u32) -> Path<'t> {
        let above = self.headers_above(row, col);
        // A row label governs a value only in its own rows: a grade merged over a target row
        // and an actual row is neither's.
        let bottom = self
            .at(row, col)
            .map_or(row + 1, |v| v.cell.row + v.cell.row_span.max(1));
        let spans_value = |c: &CellRole<'_>| c.cell.row + c.cell.row_span.max(1) >= bottom;
        let mut left = self.headers_left(row, col);
        left.retain(|c| spans_value(c));
        // The cells covering the row (through spans), left to right.
        let mut row_cells: Vec<&CellRole<'t>> = Vec::new();
        for x in 0..self.table.n_cols {
            if let Some(c) = self.at(row, x)
                && !row_cells
                    .last()
                    .is_some_and(|l| std::ptr::eq(l.cell, c.cell))
            {
                row_cells.push(c);
            }
        }
        let kind_label = |c: &&CellRole<'t>| match &c.role {
            Role::Label(l) if crate::values::kind_of_field(l.field).is_some() => Some(l.clone()),
            _ => None,
        };
        // A kind list over the column names the kinds of each value, in order.
        let roles = above
            .iter()
            .find_map(|c| match &c.role {
                Role::KindList { roles, .. } => Some(roles.clone()),
                _ => None,
            })
            .unwrap_or_default();
        // A value filling the rest of its row right beside its row label (`最終目標値 | 累計
        // 450件` across the card) is that label's: no column header above gives it its kind.
        let whole_row = col.checked_sub(1).is_some_and(|x| {
            self.at(row, col).is_some_and(|v| {
                v.cell.col == col && v.cell.col + v.cell.col_span.max(1) >= self.table.n_cols
            }) && self.at(row, x).is_some_and(|l| {
                matches!(l.role, Role::Label(_))
                    && l.role.orientation() == Some(Orientation::Across)
                    && left.iter().any(|h| std::ptr::eq(h.cell, l.cell))
            })
        });
        let col_label = above.iter().find_map(kind_label).filter(|_| !whole_row);
        // A row label left of the value, else a kind word anywhere in its row that no header
        // row holds (a long table's `区分` cell, wherever that column stands).
        let row_label = left.iter().find_map(kind_label).or_else(|| {
            row_cells
                .iter()
                .filter(|c| {
                    c.cell.col != col
                        && c.role.orientation() != Some(Orientation::Down)
                        && spans_value(c)
                })
                .find_map(kind_label)
        });
        let field = match (&col_label, &row_label) {
            _ if !roles.is_empty() => roles.first().and_then(|r| lookup(r)),
            (Some(c), Some(r)) if c.composite => Some(r.field),
            (Some(c), _) => Some(c.field),
            (None, Some(r)) => Some(r.field),
            (None, None) => match self.at(row, col).map(|c| &c.role) {
                Some(Role::Mark(_)) => Some(Field::Grade),
                _ => None,
            },
        };
        let year_of = |c: &&CellRole<'t>| match &c.role {
            Role::Label(l) => l.year,
            Role::Year { year, .. } => Some(*year),
            _ => None,
        };
        let year = above
            .iter()
            .chain(left.iter())
            .find_map(year_of)
            .or_else(|| {
                row_cells.iter().find_map(|c| match &c.role {
                    Role::Year {
                        year,
                        orientation: Some(Orientation::Across),
                    } => Some(*year),
                    _ => None,
                })
            });
        // A schedule in a year's column (`実施 | 実施 | 検討` under the years) is that year's
        // plan, in a row no kind label names or in the first row of a target label spanning
        // two or more rows (its second row holds the numeric targets).
        let target_first_row = left.iter().any(|c| {
            matches!(&c.role, Role::Label(l) if l.field == Field::Target)
                && c.cell.row == row
                && c.cell.row_span > 1
        });
        let field = match field {
            None | Some(Field::Target)
                if year.is_some()
                    && (field.is_none() || target_first_row)
                    && self
                        .at(row, col)
                        .is_some_and(|c| !matches!(c.role, Role::Mark(_)) && c.is_schedule()) =>
            {
                Some(Field::Plan)
            }
            f => f,
        };
        // A final target or baseline merged across several year columns is of none of them
        // (`最終目標値 | 510,000件` across the grid): its year is only one a label states.
        let across_years = self.at(row, col).is_some_and(|v| {
            let last = v.cell.col + v.cell.col_span.max(1) - 1;
            last > col && self.headers_above(row, last).iter().find_map(year_of) != year
        });
        let of_none = across_years && matches!(field, Some(Field::FinalTarget | Field::Baseline));
        let year = if of_none {
            left.iter().chain(above.iter()).find_map(|c| match &c.role {
                Role::Label(l) => l.year,
                _ => None,
            })
        } else {
            year
        };
        // A value merged across year columns is each year's: the years over the columns it
        // spans, each once.
        let mut years = Vec::new();
        if across_years
            && !of_none
            && let (Some(first), Some(v)) = (year, self.at(row, col))
        {
            years.push(first);
            for x in col + 1..v.cell.col + v.cell.col_span.max(1) {
                if let Some(y) = self.headers_above(row, x).iter().find_map(year_of)
                    && !years.contains(&y)
                {
                    years.push(y);
                }
            }
        }
        let unit = row_cells
            .iter()
            .find_map(|c| match &c.role {
                Role::Unit(u) => Some((u.clone(), c.cell)),
                _ => None,
            })
            .or_else(|| {
                above.iter().chain(left.iter()).find_map(|c| match &c.role {
                    Role::Label(Label { unit: Some(u), .. }) => Some((u.clone(), c.cell)),
                    _ => None,
                })
            });
        // Every indicator name in the row, outermost first (`市民税` › `未申告調査`), joined.
        let mut names = row_cells.iter().filter_map(|c| match &c.role {
            Role::IndicatorName(n) if !n.is_empty() => Some((n.as_str(), c.cell)),
            _ => None,
        });
        let indicator = names.next().map(|(first, cell)| {
            let mut name = first.to_string();
            for (n, _) in names {
                name.push(' ');
                name.push_str(n);
            }
            (name, cell)
        });
        Path {
            field,
            year,
            years,
            unit,
            indicator,
            roles,
        }
    }
}

/// A cell that names a row rather than stating a value: prose the normalizer reads as no
/// value (not a number, placeholder, pending mark or status), with no digits, not a label of
/// the vocabulary nor a schedule word.
pub(crate) fn is_row_label(cr: &CellRole<'_>) -> bool {
    matches!(cr.role, Role::Prose | Role::IndicatorName(_))
        && cr.field.is_none()
        && !cr
            .cell
            .text
            .chars()
            .any(|c| c.is_ascii_digit() || ('０'..='９').contains(&c))
        && !cr.is_schedule()
}

/// What a cell is under (or beside) a header whose field says what its cells hold.
fn governed_role(header: &Role, cr: &CellRole<'_>) -> Option<Role> {
    let text = &cr.cell.text;
    let is_label = matches!(cr.role, Role::Label(_));
    match header {
        Role::Label(l) => match l.field {
            // A year under a 年度 column dates its row; one beside a 年度 row label dates its
            // column. A year header keeps the orientation its grid gave it.
            Field::Year if !is_label && !matches!(cr.role, Role::Year { .. }) => year_of_cell(cr)
                .map(|year| Role::Year {
                    year,
                    orientation: Some(match l.orientation {
                        Some(Orientation::Across) => Orientation::Down,
                        _ => Orientation::Across,
                    }),
                }),
            Field::Id if !is_label => {
                let id: String = normalize_text(text)
                    .chars()
                    .filter(|c| !c.is_whitespace())
                    .collect();
                (!matches!(cr.role, Role::Heading { .. })).then_some(Role::Id(id))
            }
            // A year header under `指標` (a later card's year row) stays a year.
            Field::Indicator if !is_label && !matches!(cr.role, Role::Year { .. }) => {
                Some(Role::IndicatorName(one_line_name(text)))
            }
            // `達成` under `達成状況` is a grade, not a label.
            Field::Grade | Field::AchievementRate if is_label => Some(mark_or_prose(text)),
            // `達成` beside `進捗状況` (in its row, under a year) is that year's status: no
            // grade label governing the cells below it.
            Field::Status if matches!(&cr.role, Role::Label(g) if g.field == Field::Grade) => {
                Some(mark_or_prose(text))
            }
            _ => None,
        },
        Role::UnitHeader { .. } if !is_label => unit_cell(text, &cr.role).map(Role::Unit),
        _ => None,
    }
}

/// Unit cells: the unit a cell under a `単位` header states for its row. A unit the normalizer
/// knows (`千円`, `%`) as it reads it; any other word standing alone (a counter: `窓口`,
/// `団体`, `校`) is the unit as printed, since the header says that is what the cell is.
/// Numbers, marks, placeholders, headings and sentences are no unit.
fn unit_cell(text: &str, own: &Role) -> Option<String> {
    /// The longest counter word taken as printed, in characters.
    const MAX_WORD: usize = 8;
    let norm = normalize_text(text);
    let unit = norm.trim();
    if let Some(u) = unit_hint(&format!("({unit})")) {
        return Some(u);
    }
    let word = matches!(own, Role::Prose)
        && unit.chars().count() <= MAX_WORD
        && !unit
            .chars()
            .any(|c| c.is_whitespace() || c.is_ascii_digit() || "。、,.:：()（）".contains(c));
    word.then(|| unit.to_string())
}

/// The one fiscal year a text states, if exactly one ([`scan_fiscal_years`]).
fn one_year(text: &str) -> Option<i32> {
    match scan_fiscal_years(text).as_slice() {
        [one] => Some(one.year),
        _ => None,
    }
}

/// A grade word read as a value where the grid says it is one: the status mark it states, or
/// prose.
fn mark_or_prose(text: &str) -> Role {
    match parse_value(text, &Hints::default()).value {
        Value::Status(s) => Role::Mark(s),
        _ => Role::Prose,
    }
}

/// The fiscal year a cell under `年度` states: `令和5年度`, `R5` (the cell's cached
/// [`CellRole::year`]), or a bare Western year.
fn year_of_cell(cr: &CellRole<'_>) -> Option<i32> {
    if let Some(year) = cr.year() {
        return Some(year);
    }
    let norm = normalize_text(&cr.cell.text);
    let digits = norm.trim();
    (digits.len() == 4 && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| digits.parse::<i32>().ok())
        .flatten()
        .filter(|y| (1950..=2100).contains(y))
}

#[cfg(test)]
#[allow(clippy::unwrap_used, clippy::panic)]
mod tests {
    use super::*;
    use muniplan_ir::Location;

    /// A table from rows of cell texts, written as in the integration tests' `common::table`:
    /// `<` merges a cell into the one on its left, `^` into the one above; `""` is an empty
    /// cell (kept, with empty text).
    fn table(rows: &[&[&str]]) -> Table {
        let mut cells = Vec::new();
        for (r, row) in rows.iter().enumerate() {
            for (c, text) in row.iter().enumerate() {
                if matches!(*text, "<" | "^") {
                    continue;
                }
                let col_span = 1 + row[c + 1..].iter().take_while(|t| **t == "<").count();
                let row_span = 1 + rows[r + 1..]
                    .iter()
                    .take_while(|x| x.get(c) == Some(&"^"))
                    .count();
                let (row, col) = (r as u32, c as u32);
                let (row_span, col_span) = (row_span as u32, col_span as u32);
                cells.push(Cell {
                    row,
                    col,
                    row_span,
                    col_span,
                    text: (*text).to_string(),
                    location: Location::Sheet {
                        sheet: "s".into(),
                        cell: muniplan_ir::a1(row, col, row_span, col_span),
                    },
                    clipped: false,
                });
            }
        }
        Table {
            n_rows: rows.len() as u32,
            n_cols: rows.iter().map(|r| r.len()).max().unwrap_or(0) as u32,
            cells,
            continues: None,
        }
    }

    fn role<'a>(g: &'a Grid<'_>, row: u32, col: u32) -> &'a Role {
        g.at(row, col).map(|c| &c.role).unwrap_or(&Role::Empty)
    }

    #[test]
    fn roles_of_text() {
        assert!(matches!(
            role_of_text("R5目標"),
            Role::Label(Label {
                field: Field::Target,
                year: Some(2023),
                ..
            })
        ));
        assert!(matches!(
            role_of_text("基準値（R2）"),
            Role::Label(Label {
                field: Field::Baseline,
                year: Some(2020),
                ..
            })
        ));
        match role_of_text("目標値（千円）") {
            Role::Label(l) => {
                assert_eq!((l.field, l.unit.as_deref()), (Field::Target, Some("千円")))
            }
            other => panic!("{other:?}"),
        }
        assert_eq!(
            role_of_text("令和5年度"),
            Role::Year {
                year: 2023,
                orientation: None
            }
        );
        assert_eq!(
            role_of_text("（単位：千円）"),
            Role::UnitNote("千円".into())
        );
        assert_eq!(
            role_of_text("単 位"),
            Role::UnitHeader { orientation: None }
        );
        assert_eq!(role_of_text("値"), Role::ValueHeader { orientation: None });
        assert_eq!(role_of_text("1,234件"), Role::Value);
        assert_eq!(role_of_text("◎"), Role::Mark("◎".into()));
        assert_eq!(role_of_text("集計中"), Role::Pending);
        assert_eq!(role_of_text("－"), Role::Pending);
        assert_eq!(
            role_of_text("評価：◎ 目標を上回った　○ 目標どおり　△ 一部未達成"),
            Role::Legend
        );
        assert_eq!(
            role_of_text("(1) 行政手続きのオンライン化"),
            Role::Heading {
                id: "(1)".into(),
                title: "行政手続きのオンライン化".into()
            }
        );
        assert_eq!(role_of_text("窓口の混雑を解消する"), Role::Prose);
        assert_eq!(role_of_text(" "), Role::Empty);
        assert!(matches!(
            role_of_text("目標\n実績（達成率）"),
            Role::KindList { .. }
        ));
    }

    #[test]
    fn header_cells() {
        let header_cell = |text: &str| HeaderCell::of(&role_of_text(text), field_of(text));
        assert_eq!(
            header_cell("R5目標（千円）"),
            Some(HeaderCell::Dated(2023, Field::Target))
        );
        assert_eq!(header_cell("値"), Some(HeaderCell::Value));
        assert_eq!(
            header_cell("目標値"),
            Some(HeaderCell::Field(Field::Target))
        );
        assert_eq!(
            header_cell("R4目標"),
            Some(HeaderCell::Dated(2022, Field::Target))
        );
        assert_eq!(
            header_cell("基準値（R3）"),
            Some(HeaderCell::Dated(2021, Field::Baseline))
        );
        assert_eq!(header_cell("令和3年度"), Some(HeaderCell::Year(2021)));
        assert_eq!(
            header_cell("目標\n実績（達成率）"),
            Some(HeaderCell::Roles(vec![
                "目標".into(),
                "実績".into(),
                "達成率".into()
            ]))
        );
        assert_eq!(header_cell("未達成の理由"), None);
    }

    /// The position index: a merged cell covers every position of its span; rows list the
    /// cells starting in them; a label's field and a year header's year are read once per
    /// text and are the same through the index and through the cell.
    #[test]
    fn index_through_spans() {
        // `目標値` spans rows 1–2.
        let t = table(&[
            &["年度", "令和4年度", "令和5年度"],
            &["目標値", "100件", "120件"],
            &["^", "90件", "130件"],
        ]);
        let mut known = TextRoles::default();
        let g = Grid::with_roles(&t, &mut known);
        assert_eq!(g.covering(2, 0).map(|c| c.text.as_str()), Some("目標値"));
        assert_eq!(g.row(2).count(), 2);
        assert_eq!(g.row(1).count(), 3);
        assert!(g.at(3, 0).is_none() && g.at(0, 3).is_none());
        let label = g.covering(2, 0).unwrap();
        assert_eq!(g.field(label), Some(Field::Target));
        assert_eq!(g.of(label).map(|c| c.cell.row), Some(1));
        let year = g.covering(0, 2).unwrap();
        assert_eq!(g.year_of(year), Some(2023));
        // A second table with the same texts reads them from what the first one read.
        let g2 = Grid::with_roles(&t, &mut known);
        assert_eq!(
            g2.cells.iter().map(|c| &c.role).collect::<Vec<_>>(),
            g.cells.iter().map(|c| &c.role).collect::<Vec<_>>()
        );
        assert_eq!(role(&g, 2, 1), &Role::Value);
    }

    /// A year header standing on kind headers (`令和3年度` over `計画 | 取組状況`) governs down
    /// through them: each value takes the kind below the year and the year above the kind.
    /// A kind list over a column gives its values' roles in order.
    #[test]
    fn year_over_kinds_and_kind_lists() {
        // Merges: 取組項目 and the kind list down rows 0–2, the composite over four columns,
        // each year over two.
        let t = table(&[
            &[
                "取組項目",
                "計画と取組状況",
                "<",
                "<",
                "<",
                "目標\n実績（達成率）",
            ],
            &["^", "令和3年度", "<", "令和4年度", "<", "^"],
            &["^", "計画", "取組状況", "計画", "取組状況", "^"],
            &[
                "窓口の改善",
                "検討",
                "検討した",
                "実施",
                "実施した",
                "90% 84.4%(93.8%)",
            ],
        ]);
        let g = Grid::new(&t);
        assert_eq!(role(&g, 1, 3).orientation(), Some(Orientation::Down));
        let p = g.path(3, 2);
        assert_eq!((p.field, p.year), (Some(Field::Status), Some(2021)));
        let p = g.path(3, 3);
        assert_eq!((p.field, p.year), (Some(Field::Plan), Some(2022)));
        let p = g.path(3, 5);
        assert_eq!(p.field, Some(Field::Target));
        assert_eq!(p.roles, vec!["目標", "実績", "達成率"]);
        // Without a kind list the value has one role.
        assert!(g.path(3, 1).roles.is_empty());
    }

    /// An item number alone in a cell is an id wherever it stands (a transposed card's corner,
    /// under a `指標 | name` row whose label governs across), but a count right beside or
    /// right under a kind label.
    #[test]
    fn lone_ids_in_context() {
        // The indicator's name spans the rest of its row.
        let t = table(&[
            &["指標", "電子申請件数（件）", "<"],
            &["(2)", "目標", "実績"],
            &["令和5年度", "15", "16"],
            &["目標値", "(1)", ""],
        ]);
        let g = Grid::new(&t);
        assert_eq!(role(&g, 0, 0).orientation(), Some(Orientation::Across));
        assert_eq!(role(&g, 1, 0), &Role::Id("(2)".into()));
        assert_ne!(role(&g, 3, 1), &Role::Id("(1)".into()));
        let t = table(&[&["目標"], &["(1)"]]);
        let g = Grid::new(&t);
        assert_ne!(role(&g, 1, 0), &Role::Id("(1)".into()));
    }

    /// Two row labels in one row (a vertical 取組内容 beside its text, a 目標値 beside its
    /// indicator and values) govern across although the row holds two headers; a schedule
    /// under the years in a row no kind label names is those years' plan.
    #[test]
    fn row_labels_in_a_row_of_two_headers() {
        let t = table(&[
            &["区分", "", "", "", "令和4年度", "令和5年度"],
            &[
                "取組内容",
                "窓口の改善",
                "目標値",
                "市民税",
                "100件",
                "120件",
            ],
            &["", "", "実績値", "市民税", "90件", "130件"],
            &["", "", "", "", "実施", "検討"],
        ]);
        let g = Grid::new(&t);
        assert_eq!(role(&g, 1, 2).orientation(), Some(Orientation::Across));
        let p = g.path(1, 5);
        assert_eq!((p.field, p.year), (Some(Field::Target), Some(2023)));
        let p = g.path(2, 4);
        assert_eq!((p.field, p.year), (Some(Field::Actual), Some(2022)));
        let p = g.path(3, 5);
        assert_eq!((p.field, p.year), (Some(Field::Plan), Some(2023)));
    }

    /// A label over its own value (`現状の数値` over `1,000件`) governs no value below a
    /// later header band; a final target merged across the year columns is of no year.
    #[test]
    fn header_bands_and_merged_final_targets() {
        let t = table(&[
            &["現状の数値", "", ""],
            &["1,000件", "", ""],
            &["年度", "令和5年度", "令和6年度"],
            &["目標値", "100件", "120件"],
            &["最終目標値", "500件", "<"],
        ]);
        let g = Grid::new(&t);
        let p = g.path(3, 1);
        assert_eq!((p.field, p.year), (Some(Field::Target), Some(2023)));
        let p = g.path(4, 1);
        assert_eq!((p.field, p.year), (Some(Field::FinalTarget), None));
    }

    /// A label over its own blank value cell, above a year header row, governs nothing below
    /// the years.
    #[test]
    fn a_blank_value_slot_ends_a_band() {
        let t = table(&[
            &["", "目標の数値"],
            &["", ""],
            &["年度", "令和5年度"],
            &["進捗状況", "実施"],
        ]);
        let g = Grid::new(&t);
        let p = g.path(3, 1);
        assert_eq!((p.field, p.year), (Some(Field::Status), Some(2023)));
    }

    /// A card: labels down the first column govern across; years in the 年度 row too.
    #[test]
    fn card_labels_govern_across() {
        let t = table(&[
            &["年度", "令和4年度", "令和5年度"],
            &["目標値", "100件", "120件"],
            &["実績値", "90件", "130件"],
        ]);
        let g = Grid::new(&t);
        assert_eq!(role(&g, 1, 0).orientation(), Some(Orientation::Across));
        assert_eq!(role(&g, 2, 0).orientation(), Some(Orientation::Across));
        assert_eq!(role(&g, 1, 2), &Role::Value);
        assert_eq!(role(&g, 0, 2).orientation(), Some(Orientation::Down));
        let (above, left) = g.governing(2, 2);
        assert!(matches!(
            above.map(|c| &c.role),
            Some(Role::Year { year: 2023, .. })
        ));
        assert!(matches!(
            left.map(|c| &c.role),
            Some(Role::Label(Label {
                field: Field::Actual,
                ..
            }))
        ));
    }

    /// Bare Western years beside a 年度 row label date their columns.
    #[test]
    fn bare_years_in_a_year_row() {
        let t = table(&[&["年度", "2022", "2023"], &["実績値", "90件", "130件"]]);
        let g = Grid::new(&t);
        assert_eq!(
            role(&g, 0, 2),
            &Role::Year {
                year: 2023,
                orientation: Some(Orientation::Down)
            }
        );
        let (above, _) = g.governing(1, 2);
        assert!(matches!(
            above.map(|c| &c.role),
            Some(Role::Year { year: 2023, .. })
        ));
    }

    /// A long table: a header row governs down; cells under 年度, 単位, No. and 指標 take
    /// their roles from it; kind words under 区分 are row labels governing across.
    #[test]
    fn long_table_columns_give_row_roles() {
        let t = table(&[
            &["No.", "指標名", "年度", "区分", "値", "単位"],
            &["1", "窓口待ち時間", "2022", "目標値", "15", "件"],
            &["1", "窓口待ち時間", "2022", "実績値", "18", "件"],
        ]);
        let g = Grid::new(&t);
        for col in 0..6 {
            assert_eq!(
                role(&g, 0, col).orientation(),
                Some(Orientation::Down),
                "{col}"
            );
        }
        assert_eq!(role(&g, 1, 0), &Role::Id("1".into()));
        assert_eq!(role(&g, 1, 1), &Role::IndicatorName("窓口待ち時間".into()));
        assert_eq!(
            role(&g, 2, 2),
            &Role::Year {
                year: 2022,
                orientation: Some(Orientation::Across)
            }
        );
        assert_eq!(role(&g, 2, 5), &Role::Unit("件".into()));
        assert_eq!(role(&g, 2, 4), &Role::Value);
        assert!(matches!(
            role(&g, 2, 3),
            Role::Label(Label {
                field: Field::Actual,
                orientation: Some(Orientation::Across),
                ..
            })
        ));
    }

    /// The path of a value in a long table: kind from the 区分 cell, year from the 年度
    /// cell, unit from the 単位 cell, whichever side of the value they stand.
    #[test]
    fn long_table_paths() {
        for rows in [
            [
                ["指標名", "年度", "区分", "値", "単位"],
                ["待ち時間", "2022", "実績値", "18", "分"],
            ],
            [
                ["単位", "値", "区分", "指標名", "年度"],
                ["分", "18", "実績値", "待ち時間", "2022"],
            ],
        ] {
            let rows: Vec<&[&str]> = rows.iter().map(|r| r.as_slice()).collect();
            let t = table(&rows);
            let g = Grid::new(&t);
            let col = (0..5)
                .find(|&c| t.cell_at(1, c).unwrap().text == "18")
                .unwrap();
            let p = g.path(1, col);
            assert_eq!(p.field, Some(Field::Actual), "{rows:?}");
            assert_eq!(p.year, Some(2022), "{rows:?}");
            assert_eq!(p.unit.map(|u| u.0).as_deref(), Some("分"), "{rows:?}");
            assert_eq!(p.indicator.map(|u| u.0).as_deref(), Some("待ち時間"));
        }
    }

    /// A matrix of marks under year headers: grades of each year; transposed, the same.
    #[test]
    fn mark_matrix_paths() {
        let t = table(&[
            &["No.", "取組項目", "令和3年度", "令和4年度"],
            &["1", "窓口の改善", "○", "◎"],
        ]);
        let g = Grid::new(&t);
        let p = g.path(1, 3);
        assert_eq!((p.field, p.year), (Some(Field::Grade), Some(2022)));
        let t = table(&[
            &["No.", "1", "2"],
            &["取組項目", "窓口の改善", "補助金の見直し"],
            &["令和3年度", "○", "△"],
            &["令和4年度", "◎", "×"],
        ]);
        let g = Grid::new(&t);
        let p = g.path(3, 2);
        assert_eq!((p.field, p.year), (Some(Field::Grade), Some(2022)));
    }

    /// A composite column header leaves the kind to the row label.
    #[test]
    fn composite_header_defers_to_row_label() {
        let t = table(&[
            &["取組名", "区分", "R4目標と実績"],
            &["窓口の改善", "実績", "18件"],
        ]);
        let g = Grid::new(&t);
        let p = g.path(1, 2);
        assert_eq!((p.field, p.year), (Some(Field::Actual), Some(2022)));
    }

    /// A transposed matrix: years down the first column govern across; marks are marks; a
    /// 達成 under 達成状況 is a value.
    #[test]
    fn transposed_and_marks() {
        let t = table(&[
            &["No.", "1", "2"],
            &["令和3年度", "○", "△"],
            &["令和4年度", "◎", "×"],
        ]);
        let g = Grid::new(&t);
        assert_eq!(role(&g, 0, 0).orientation(), Some(Orientation::Across));
        assert_eq!(role(&g, 0, 2), &Role::Id("2".into()));
        assert_eq!(role(&g, 2, 0).orientation(), Some(Orientation::Across));
        assert_eq!(role(&g, 2, 1), &Role::Mark("◎".into()));
        let t = table(&[&["取組名", "達成状況"], &["窓口の改善", "達成"]]);
        let g = Grid::new(&t);
        assert_eq!(role(&g, 1, 1), &Role::Prose);
    }
}
