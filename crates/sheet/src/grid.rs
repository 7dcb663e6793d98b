//! Sparse cells plus merged ranges → one IR [`Table`] per sheet.

use muniplan_ir::{Cell, Location, Table, a1};

/// A cell's display text at an absolute 0-based position.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct RawCell {
    pub row: u32,
    pub col: u32,
    pub text: String,
}

/// A merged range, inclusive corners, 0-based.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
pub(crate) struct Merge {
    pub r0: u32,
    pub c0: u32,
    pub r1: u32,
    pub c1: u32,
}

impl Merge {
    fn contains(&self, r: u32, c: u32) -> bool {
        r >= self.r0 && r <= self.r1 && c >= self.c0 && c <= self.c1
    }
}

/// The table of one sheet and the number of values hidden under merged ranges (Excel keeps
/// only the top-left value of a merge visible).
pub(crate) struct Built {
    pub table: Option<Table>,
    pub hidden_under_merges: usize,
}

/// Build the sheet table: cells sorted by (row, col), non-empty cells plus every merged range
/// (one cell with spans, `B3:F3` location), extent from A1.
pub(crate) fn build_table(sheet: &str, mut cells: Vec<RawCell>, merges: &[Merge]) -> Built {
    let mut merges: Vec<Merge> = merges
        .iter()
        .copied()
        .filter(|m| m.r1 >= m.r0 && m.c1 >= m.c0 && (m.r1 > m.r0 || m.c1 > m.c0))
        .collect();
    merges.sort();
    merges.dedup();
    cells.sort_by_key(|c| (c.row, c.col));

    let mut out: Vec<Cell> = Vec::with_capacity(cells.len() + merges.len());
    let mut hidden = 0usize;
    // Sweep over rows: merges whose row range covers the current row.
    let mut next_merge = 0usize;
    let mut active: Vec<Merge> = Vec::new();
    let mut used_tops: Vec<bool> = vec![false; merges.len()];
    for cell in cells {
        while let Some(m) = merges.get(next_merge) {
            if m.r0 > cell.row {
                break;
            }
            active.push(*m);
            next_merge += 1;
        }
        active.retain(|m| m.r1 >= cell.row);
        match active.iter().find(|m| m.contains(cell.row, cell.col)) {
            Some(m) if m.r0 == cell.row && m.c0 == cell.col => {
                if let Ok(i) = merges.binary_search(m)
                    && let Some(u) = used_tops.get_mut(i)
                {
                    *u = true;
                }
                out.push(span_cell(sheet, *m, cell.text));
            }
            Some(_) => {
                if !cell.text.is_empty() {
                    hidden += 1;
                }
            }
            None => {
                if !cell.text.is_empty() {
                    out.push(Cell {
                        row: cell.row,
                        col: cell.col,
                        row_span: 1,
                        col_span: 1,
                        location: Location::Sheet {
                            sheet: sheet.to_string(),
                            cell: a1(cell.row, cell.col, 1, 1),
                        },
                        text: cell.text,
                        clipped: false,
                    });
                }
            }
        }
    }
    // Merged ranges whose top-left cell holds nothing still appear, empty.
    for (m, used) in merges.iter().zip(used_tops) {
        if !used {
            out.push(span_cell(sheet, *m, String::new()));
        }
    }
    out.sort_by_key(|c| (c.row, c.col));
    out.dedup_by_key(|c| (c.row, c.col));
    if out.is_empty() {
        return Built {
            table: None,
            hidden_under_merges: hidden,
        };
    }
    let n_rows = out
        .iter()
        .map(|c| c.row.saturating_add(c.row_span))
        .max()
        .unwrap_or(0);
    let n_cols = out
        .iter()
        .map(|c| c.col.saturating_add(c.col_span))
        .max()
        .unwrap_or(0);
    Built {
        table: Some(Table {
            n_rows,
            n_cols,
            cells: out,
            continues: None,
        }),
        hidden_under_merges: hidden,
    }
}

fn span_cell(sheet: &str, m: Merge, text: String) -> Cell {
    let row_span = (m.r1 - m.r0).saturating_add(1);
    let col_span = (m.c1 - m.c0).saturating_add(1);
    Cell {
        row: m.r0,
        col: m.c0,
        row_span,
        col_span,
        location: Location::Sheet {
            sheet: sheet.to_string(),
            cell: a1(m.r0, m.c0, row_span, col_span),
        },
        text,
        clipped: false,
    }
}

/// `\r\n` and lone `\r` inside a cell become `\n`.
pub(crate) fn normalize_newlines(s: &str) -> String {
    if s.contains('\r') {
        s.replace("\r\n", "\n").replace('\r', "\n")
    } else {
        s.to_string()
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn merges_become_spans_and_hide_covered_values() {
        let cells = vec![
            RawCell {
                row: 2,
                col: 1,
                text: "項目".into(),
            },
            RawCell {
                row: 2,
                col: 3,
                text: "hidden".into(),
            },
            RawCell {
                row: 0,
                col: 0,
                text: "a".into(),
            },
        ];
        let merges = [
            Merge {
                r0: 2,
                c0: 1,
                r1: 2,
                c1: 5,
            },
            Merge {
                r0: 4,
                c0: 0,
                r1: 5,
                c1: 0,
            },
        ];
        let b = build_table("S", cells, &merges);
        let t = b.table.unwrap();
        assert_eq!(b.hidden_under_merges, 1);
        assert_eq!(t.n_rows, 6);
        assert_eq!(t.n_cols, 6);
        assert_eq!(t.cells.len(), 3);
        let m = t.cell_at(2, 1).unwrap();
        assert_eq!((m.row_span, m.col_span), (1, 5));
        assert_eq!(
            m.location,
            Location::Sheet {
                sheet: "S".into(),
                cell: "B3:F3".into()
            }
        );
        let e = t.cell_at(4, 0).unwrap();
        assert_eq!(e.text, "");
        assert_eq!(e.row_span, 2);
    }
}
