//! Coverage accounting: what became of every table cell that holds digits.
//!
//! Every table cell ends in one [`Account`]: an observation's value (the cell is an
//! observation's provenance), a label or header of the vocabulary, a year header, a heading
//! or initiative title / id, an indicator name, prose, a note, a placeholder the normalizer
//! reads as missing or pending — or [`Account::Unexplained`]: a cell holding digits that is
//! none of these. A document's coverage is the share of its digit-holding cells that are
//! explained. The accounts are decided here from what the recognizer produced (locations of
//! observations, indicators, initiatives) and from the vocabulary, the heading parser and the
//! normalizer; a digit cell is never explained merely by looking like a label: the whole cell
//! must be a label (`R4目標`, `基準値（平成29年度）`), a year, a heading, …

use std::collections::{HashMap, HashSet};

use muniplan_ir::{Cell, LayoutDoc, Location};
use muniplan_normalize::{Hints, Value, normalize_text, parse_value};

use crate::Recognized;
use crate::heading::parse_heading;
use crate::vocab;

/// What a table cell is, for the coverage account.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Account {
    /// The cell is the source of an observation (or of the initiative's evaluation).
    Observation,
    /// A field label or column header of the vocabulary, maybe dated (`R4目標`).
    Label,
    /// A fiscal year or span of years standing alone (`令和5年度`, `R4`).
    YearHeader,
    /// A heading, initiative title or id.
    Heading,
    /// An indicator name.
    Indicator,
    /// Running text (a sentence, a description).
    Prose,
    /// A note (`※…`, `（単位：千円）`).
    Note,
    /// A placeholder the normalizer reads as missing or pending (`－`, `未定`).
    Placeholder,
    /// A cell with digits that is none of the above.
    Unexplained,
    /// A cell without digits that no other account claims (it does not count for coverage).
    Other,
}

impl Account {
    /// Name used in output and on the review page.
    pub fn as_str(self) -> &'static str {
        match self {
            Account::Observation => "observation",
            Account::Label => "label",
            Account::YearHeader => "year",
            Account::Heading => "heading",
            Account::Indicator => "indicator",
            Account::Prose => "prose",
            Account::Note => "note",
            Account::Placeholder => "placeholder",
            Account::Unexplained => "unexplained",
            Account::Other => "other",
        }
    }
}

/// One table cell and its account.
#[derive(Debug, Clone, PartialEq)]
pub struct CellAccount {
    /// Where the cell is.
    pub location: Location,
    /// Its exact text.
    pub text: String,
    /// Whether it holds a digit (it counts for coverage).
    pub numeric: bool,
    /// What it is.
    pub account: Account,
}

/// A document's coverage.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Coverage {
    /// Table cells holding digits.
    pub numeric_cells: usize,
    /// Of those, cells with an account other than [`Account::Unexplained`].
    pub explained: usize,
    /// The unexplained cells: location and exact text, in document order.
    pub unexplained: Vec<(Location, String)>,
}

impl Coverage {
    /// Explained ÷ numeric cells; 1 when there are no numeric cells (nothing was missed).
    pub fn ratio(&self) -> f64 {
        if self.numeric_cells == 0 {
            1.0
        } else {
            self.explained as f64 / self.numeric_cells as f64
        }
    }
}

/// The coverage of a recognized document.
pub fn coverage(doc: &LayoutDoc, rec: &Recognized) -> Coverage {
    let mut cov = Coverage::default();
    for c in cell_accounts(doc, rec) {
        if !c.numeric {
            continue;
        }
        cov.numeric_cells += 1;
        if c.account == Account::Unexplained {
            cov.unexplained.push((c.location, c.text));
        } else {
            cov.explained += 1;
        }
    }
    cov
}

/// A location as a hash key: a PDF box by its coordinates' bits (equal boxes are the same
/// cell), a sheet cell by sheet and reference. Cheaper than formatting the location.
#[derive(Debug, PartialEq, Eq, Hash)]
enum LocKey<'a> {
    Pdf(u32, [u64; 4]),
    Sheet(&'a str, &'a str),
    SheetHeader(&'a str),
}

impl<'a> LocKey<'a> {
    fn of(l: &'a Location) -> Self {
        match l {
            Location::Pdf { page, bbox } => LocKey::Pdf(*page, bbox.map(f64::to_bits)),
            Location::Sheet { sheet, cell } => LocKey::Sheet(sheet, cell),
            Location::SheetHeader { sheet } => LocKey::SheetHeader(sheet),
        }
    }
}

/// Every table cell of the document with its account, in document order. A table continued
/// across pages is listed once (its cells keep their own pages).
pub fn cell_accounts(doc: &LayoutDoc, rec: &Recognized) -> Vec<CellAccount> {
    let key = LocKey::of;
    let mut observed: HashSet<LocKey> = HashSet::new();
    let mut headings: HashSet<LocKey> = HashSet::new();
    let mut indicators: HashSet<LocKey> = HashSet::new();
    // An id printed in a cell of its own (`（６）`, `I-(1)-ア`) is the id the recognizer gave
    // its initiative; a number that merely looks like one is not.
    let mut ids: HashSet<String> = HashSet::new();
    // The plan's title printed in a cell (`第5次…実施計画`) is a title, as found by `meta`.
    ids.extend(rec.plan.title.iter().map(|t| vocab::label_key(t)));
    for ini in &rec.initiatives {
        headings.insert(key(&ini.location));
        ids.insert(vocab::label_key(&ini.id));
        observed.extend(ini.observations.iter().map(|o| key(&o.location)));
        indicators.extend(ini.indicators.iter().map(|i| key(&i.location)));
        if let Some(ev) = &ini.evaluation {
            observed.insert(key(&ev.location));
        }
    }
    // A cell restating a value of the main table (a summary list, a repeated row) is that
    // observation's too: the restate fold names it in a note or, when it disagrees, a warning.
    for d in &rec.diagnostics {
        if matches!(
            d.code.as_str(),
            "restated-value" | "conflicting-restatement"
        ) && let Some(l) = &d.location
        {
            observed.insert(key(l));
        }
    }
    let mut seen: HashSet<LocKey> = HashSet::new();
    let mut texts = TextAccounts::default();
    let mut out = Vec::new();
    for table in doc.pages.iter().flat_map(|p| &p.tables) {
        let first = out.len();
        accounts_of_table(
            table,
            &Pointed {
                observed: &observed,
                indicators: &indicators,
                headings: &headings,
                ids: &ids,
            },
            &mut texts,
            &mut seen,
            &mut out,
        );
        explain_by_grid(table, out.get_mut(first..).unwrap_or_default());
    }
    out
}

/// Digit cells nothing else explains, read in their table's grid: a year under `年度` dates
/// its row, a number under `No.` is an id.
fn explain_by_grid(table: &muniplan_ir::Table, accounts: &mut [CellAccount]) {
    if !accounts.iter().any(|a| a.account == Account::Unexplained) {
        return;
    }
    let grid = crate::grid::Grid::new(table);
    for a in accounts
        .iter_mut()
        .filter(|a| a.account == Account::Unexplained)
    {
        let Some(cr) = grid.cells.iter().find(|c| c.cell.location == a.location) else {
            continue;
        };
        a.account = match cr.role {
            crate::grid::Role::Year { .. } => Account::YearHeader,
            crate::grid::Role::Id(_) => Account::Heading,
            _ => continue,
        };
    }
}

/// The accounts of one table's cells, from what the recognizer produced and their text.
/// The cells the recognized items point at, by location, and the initiative ids and plan
/// title by label key.
struct Pointed<'p, 'l> {
    observed: &'p HashSet<LocKey<'l>>,
    indicators: &'p HashSet<LocKey<'l>>,
    headings: &'p HashSet<LocKey<'l>>,
    ids: &'p HashSet<String>,
}

/// What a text says on its own, read once per distinct text of a document: whether it is an
/// id or the plan title, else its account.
#[derive(Default)]
struct TextAccounts {
    seen: HashMap<String, (bool, Account)>,
}

impl TextAccounts {
    fn of(&mut self, cell: &Cell, ids: &HashSet<String>) -> (bool, Account) {
        if let Some(known) = self.seen.get(&cell.text) {
            return *known;
        }
        let read = (
            ids.contains(&vocab::label_key(&cell.text)),
            account_of_text(cell),
        );
        self.seen.insert(cell.text.clone(), read);
        read
    }
}

fn accounts_of_table<'a>(
    table: &'a muniplan_ir::Table,
    pointed: &Pointed<'_, '_>,
    texts: &mut TextAccounts,
    seen: &mut HashSet<LocKey<'a>>,
    out: &mut Vec<CellAccount>,
) {
    let key = LocKey::of;
    for cell in &table.cells {
        if cell.is_blank() || !seen.insert(key(&cell.location)) {
            continue;
        }
        let k = key(&cell.location);
        let account = if pointed.observed.contains(&k) {
            Account::Observation
        } else if pointed.indicators.contains(&k) {
            Account::Indicator
        } else {
            match texts.of(cell, pointed.ids) {
                (true, _) => Account::Heading,
                _ if pointed.headings.contains(&k) => Account::Heading,
                (false, account) => account,
            }
        };
        let numeric = has_digit(&cell.text);
        out.push(CellAccount {
            location: cell.location.clone(),
            text: cell.text.clone(),
            numeric,
            account: if account == Account::Other && numeric {
                Account::Unexplained
            } else {
                account
            },
        });
    }
}

fn has_digit(text: &str) -> bool {
    text.chars()
        .any(|ch| ch.is_ascii_digit() || ('０'..='９').contains(&ch))
}

/// The account of a cell no recognized item points at, from its text alone.
fn account_of_text(cell: &Cell) -> Account {
    let text = normalize_text(&cell.text);
    let text = text.trim();
    if text.starts_with('※') || text.starts_with('*') || is_unit_note(text) {
        return Account::Note;
    }
    if vocab::field_of(text).is_some() {
        return Account::Label;
    }
    if let Some((_, rest)) = vocab::dated_key(text) {
        if rest.is_empty() {
            return Account::YearHeader;
        }
        // `令和6年度の取組状況`: a year, the particle の, a label.
        let label = rest.strip_prefix('の').unwrap_or(&rest);
        if vocab::field_of(label).is_some() {
            return Account::Label;
        }
    }
    match parse_value(text, &Hints::default()).value {
        Value::FiscalYear(_) | Value::FiscalYearRange { .. } => return Account::YearHeader,
        Value::Missing { .. } => return Account::Placeholder,
        _ => {}
    }
    // `基本方針1 財源確保…`: a numbered category label glued to its name.
    if parse_heading(text).is_some()
        || vocab::split_prefixed(text).is_some_and(|(_, number, _)| !number.is_empty())
    {
        return Account::Heading;
    }
    if is_prose(text) {
        return Account::Prose;
    }
    Account::Other
}

/// `（単位：千円）`, `単位:百万円`: a unit note.
fn is_unit_note(text: &str) -> bool {
    let inner = text.trim_matches(|c| matches!(c, '(' | ')' | '（' | '）' | '[' | ']'));
    inner.starts_with("単位") && inner.chars().count() <= 12
}

/// Running text: a sentence (ends in `。`, or holds a `、` and is long), where digits are a
/// small part of the characters. A short cell with a number is never prose.
fn is_prose(text: &str) -> bool {
    let chars: Vec<char> = text.chars().filter(|c| !c.is_whitespace()).collect();
    let digits = chars.iter().filter(|c| c.is_ascii_digit()).count();
    let words = chars
        .iter()
        .filter(|c| !c.is_ascii_digit() && !c.is_ascii_punctuation())
        .count();
    let sentence = text.contains('。') || (text.contains('、') && chars.len() >= 20);
    sentence && words >= 12 && digits * 5 <= words
}

#[cfg(test)]
mod tests {
    use super::*;

    fn cell(text: &str) -> Cell {
        Cell {
            row: 0,
            col: 0,
            row_span: 1,
            col_span: 1,
            text: text.to_string(),
            location: Location::Sheet {
                sheet: "s".into(),
                cell: "A1".into(),
            },
            clipped: false,
        }
    }

    #[test]
    fn accounts_from_text() {
        let cases = [
            ("R4目標", Account::Label),
            ("基準値（平成29年度）", Account::Label),
            ("【令和6年度の取組状況】", Account::Label),
            ("令和5年度", Account::YearHeader),
            ("（単位：千円）", Account::Note),
            ("※1 令和5年度末の数値", Account::Note),
            ("－", Account::Placeholder),
            ("未定", Account::Placeholder),
            ("基本方針1 財源確保と歳出改革", Account::Heading),
            (
                "令和5年度は窓口の受付時間を見直し、手続に要する時間を平均で2割短縮した。",
                Account::Prose,
            ),
            // Numbers that only sit near a label, or look like one, are not explained.
            ("目標 20人", Account::Other),
            ("令和12年度見込値", Account::Other),
            ("98.80%", Account::Other),
            ("項目別3件", Account::Other),
        ];
        for (text, want) in cases {
            assert_eq!(account_of_text(&cell(text)), want, "{text}");
        }
    }

    #[test]
    fn coverage_counts_digit_cells_only() {
        let table = muniplan_ir::Table {
            n_rows: 1,
            n_cols: 3,
            cells: vec![
                Cell {
                    col: 0,
                    ..cell("目標値")
                },
                Cell {
                    col: 1,
                    location: Location::Sheet {
                        sheet: "s".into(),
                        cell: "B1".into(),
                    },
                    ..cell("20人")
                },
                Cell {
                    col: 2,
                    location: Location::Sheet {
                        sheet: "s".into(),
                        cell: "C1".into(),
                    },
                    ..cell("令和5年度")
                },
            ],
            continues: None,
        };
        let doc = LayoutDoc {
            pages: vec![muniplan_ir::Page {
                number: 1,
                tables: vec![table],
                ..Default::default()
            }],
            ..Default::default()
        };
        let cov = coverage(&doc, &Recognized::default());
        assert_eq!(cov.numeric_cells, 2);
        assert_eq!(cov.explained, 1);
        assert_eq!(cov.unexplained.len(), 1);
        assert_eq!(cov.unexplained.first().map(|u| u.1.as_str()), Some("20人"));
        assert!((cov.ratio() - 0.5).abs() < 1e-9);
    }
}
