//! Tables continued on the next page become one logical table.
//!
//! The bottom-most table of page N (or the logical table it already belongs to) and the
//! top-most table of page N+1 are one table when their frames have the same left and right
//! edges and the column lines of one are a subset of the other's (within the tolerance). The
//! continuation's rows are appended: its cells keep their own page and box; the column grid
//! becomes the union of both parts' column lines. A header band repeated at the top of the
//! continuation (the first k ≤ 3 rows equal, cell by cell, to the first k rows of the table,
//! with at least two cells in each such row) is dropped. When the last row of page N had no
//! bottom border and the first row of page N+1 has no top border, that row was cut by the
//! page break: cells with the same column edges are joined with `\n`.

use crate::{PCell, PTable, PageLayout};

fn same(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn subset(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.iter().all(|x| b.iter().any(|y| same(*x, *y, tol)))
}

fn continues(a: &PTable, b: &PTable) -> bool {
    let tol = a.tol.max(b.tol) * 1.5;
    same(a.last_frame[0], b.last_frame[0], tol)
        && same(a.last_frame[2], b.last_frame[2], tol)
        && (subset(&a.last_cols, &b.cols, tol) || subset(&b.cols, &a.last_cols, tol))
}

/// Rows `0..k` of a table form a closed band (no cell crosses row k).
fn band(t: &PTable, k: usize) -> Option<Vec<&PCell>> {
    let mut v: Vec<&PCell> = t.cells.iter().filter(|c| c.row < k).collect();
    if v.iter().any(|c| c.row + c.row_span > k) {
        return None;
    }
    v.sort_by(|a, b| a.row.cmp(&b.row).then(a.x0.total_cmp(&b.x0)));
    Some(v)
}

fn header_rows(a: &PTable, b: &PTable) -> usize {
    let tol = a.tol.max(b.tol) * 1.5;
    let mut best = 0;
    for k in 1..=3usize.min(b.n_rows.saturating_sub(1)).min(a.n_rows) {
        let (Some(ha), Some(hb)) = (band(a, k), band(b, k)) else {
            continue;
        };
        let rows_ok = (0..k).all(|r| ha.iter().filter(|c| c.row == r).count() >= 2);
        let equal = ha.len() == hb.len()
            && ha.iter().zip(&hb).all(|(x, y)| {
                x.row == y.row
                    && x.row_span == y.row_span
                    && same(x.x0, y.x0, tol)
                    && same(x.x1, y.x1, tol)
                    && x.text == y.text
            })
            && ha.iter().any(|c| !c.text.trim().is_empty());
        if rows_ok && equal {
            best = k;
        }
    }
    best
}

fn union_cols(a: &[f64], b: &[f64], tol: f64) -> Vec<f64> {
    let mut out: Vec<f64> = a.to_vec();
    for x in b {
        if !out.iter().any(|y| same(*x, *y, tol)) {
            out.push(*x);
        }
    }
    out.sort_by(f64::total_cmp);
    out
}

/// Append `b` to `a`.
fn append(a: &mut PTable, b: PTable) {
    let tol = a.tol.max(b.tol) * 1.5;
    let k = header_rows(a, &b);
    let split = k == 0 && a.bottom_open && b.top_open && a.n_rows > 0;
    let last = a.n_rows.saturating_sub(1);
    let offset = if split { last } else { a.n_rows };
    let mut added = Vec::new();
    for mut c in b.cells {
        if c.row < k {
            continue;
        }
        c.row = c.row - k + offset;
        if split && c.row == last && c.row_span == 1 {
            let target = a.cells.iter_mut().find(|t| {
                t.row <= last
                    && t.row + t.row_span > last
                    && same(t.x0, c.x0, tol)
                    && same(t.x1, c.x1, tol)
            });
            if let Some(t) = target {
                if !c.text.is_empty() {
                    if !t.text.is_empty() {
                        t.text.push('\n');
                    }
                    t.text.push_str(&c.text);
                }
                t.clipped |= c.clipped;
                continue;
            }
        }
        added.push(c);
    }
    a.cells.extend(added);
    a.n_rows = offset + b.n_rows.saturating_sub(k);
    a.cols = union_cols(&a.cols, &b.cols, tol);
    a.last_cols = b.last_cols;
    a.last_frame = b.last_frame;
    a.bottom_open = b.bottom_open;
}

/// Merge continued tables across the pages of a document, in place.
pub(crate) fn merge(pages: &mut [PageLayout]) {
    // (page index, table index) of the logical table the previous page ends with.
    let mut tail: Option<(usize, usize)> = None;
    for p in 0..pages.len() {
        let mut merged_first = false;
        if let Some((tp, ti)) = tail
            && tp < p
        {
            let (head, rest) = pages.split_at_mut(p);
            if let (Some(a), Some(page)) = (
                head.get_mut(tp).and_then(|l| l.tables.get_mut(ti)),
                rest.first_mut(),
            ) && let Some(b) = page.tables.first()
                && continues(a, b)
            {
                let b = page.tables.remove(0);
                append(a, b);
                merged_first = true;
            }
        }
        let n = pages.get(p).map(|l| l.tables.len()).unwrap_or(0);
        tail = if n > 0 {
            Some((p, n - 1))
        } else if merged_first {
            // The page held only the continuation: the logical table goes on.
            tail
        } else {
            None
        };
    }
}
