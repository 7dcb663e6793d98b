//! Tables continued on the next page become one logical table.
//!
//! The bottom-most table of page N (or the logical table it already belongs to) and the
//! top-most table of page N+1 are one table when their frames have the same left and right
//! edges and the column lines of one are a subset of the other's (within the tolerance). The
//! continuation's rows are appended: its cells keep their own page and box; the column grid
//! becomes the union of both parts' column lines. A header band repeated at the top of the
//! continuation (the first k ≤ 3 rows equal, cell by cell, to the first k rows of the table
//! or of a part appended without a repeated header, such as the next sheet's own header, with
//! at least two cells in each such row) is dropped. When the last row of page N had no
//! bottom border and the first row of page N+1 has no top border, that row was cut by the
//! page break: cells with the same column edges are joined with `\n`. A vertically merged
//! cell cut by the page break (a blank merged part ending page N above a part with text and
//! the same column edges starting page N+1) becomes one cell again, spanning both parts; the
//! same text drawn (cut off) under the first part on page N is dropped from page N's blocks.

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

/// Rows `s..s + k` of a table as a closed band (no cell crosses row s + k), rows made
/// relative to `s`.
fn band(t: &PTable, s: usize, k: usize) -> Option<Vec<(usize, &PCell)>> {
    let mut v: Vec<(usize, &PCell)> = t
        .cells
        .iter()
        .filter(|c| c.row >= s && c.row < s + k)
        .map(|c| (c.row - s, c))
        .collect();
    if v.iter().any(|(r, c)| r + c.row_span > k) {
        return None;
    }
    v.sort_by(|a, b| a.0.cmp(&b.0).then(a.1.x0.total_cmp(&b.1.x0)));
    Some(v)
}

/// How many leading rows of `b` repeat a header band of `a`: the band at the top of `a` or
/// at the top of a part appended to it without a repeated header (a new sheet's own header).
fn header_rows(a: &PTable, b: &PTable) -> usize {
    let tol = a.tol.max(b.tol) * 1.5;
    for &s in a.starts.iter().rev() {
        let mut best = 0;
        for k in 1..=3usize
            .min(b.n_rows.saturating_sub(1))
            .min(a.n_rows.saturating_sub(s))
        {
            let (Some(ha), Some(hb)) = (band(a, s, k), band(b, 0, k)) else {
                continue;
            };
            let rows_ok = (0..k).all(|r| ha.iter().filter(|(row, _)| *row == r).count() >= 2);
            let equal = ha.len() == hb.len()
                && ha.iter().zip(&hb).all(|((rx, x), (ry, y))| {
                    rx == ry
                        && x.row_span == y.row_span
                        && same(x.x0, y.x0, tol)
                        && same(x.x1, y.x1, tol)
                        && x.text == y.text
                })
                && ha.iter().any(|(_, c)| !c.text.trim().is_empty());
            if rows_ok && equal {
                best = k;
            }
        }
        if best > 0 {
            return best;
        }
    }
    0
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

/// Append `b` to `a`; returns the text and column edges of vertically merged cells rejoined
/// across the break (their text may also have been drawn, cut off, below the first part).
fn append(a: &mut PTable, b: PTable) -> Vec<(String, f64, f64)> {
    let mut rejoined = Vec::new();
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
        // A vertically merged cell cut by the page break: its top part ends page N blank (the
        // producer drew the text once, on the part that holds the range's centre).
        if !split && c.row == k && !c.text.trim().is_empty() {
            let end = a.n_rows;
            let target = a.cells.iter_mut().find(|t| {
                t.row + t.row_span == end
                    && same(t.x0, c.x0, tol)
                    && same(t.x1, c.x1, tol)
                    && t.text.trim().is_empty()
                    && (t.row_span >= 2 || c.row_span >= 2)
            });
            if let Some(t) = target {
                t.text = std::mem::take(&mut c.text);
                rejoined.push((t.text.clone(), t.x0, t.x1));
                t.row_span += c.row_span;
                t.clipped |= c.clipped;
                continue;
            }
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
    if k == 0 && !split {
        // A part with its own (non-repeated) first rows: its header may repeat later.
        a.starts.push(offset);
    }
    a.n_rows = offset + b.n_rows.saturating_sub(k);
    a.cols = union_cols(&a.cols, &b.cols, tol);
    a.last_cols = b.last_cols;
    a.last_frame = b.last_frame;
    a.bottom_open = b.bottom_open;
    rejoined
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
            let mut stray = Vec::new();
            if let (Some(a), Some(page)) = (
                head.get_mut(tp).and_then(|l| l.tables.get_mut(ti)),
                rest.first_mut(),
            ) && let Some(b) = page.tables.first()
                && continues(a, b)
            {
                let b = page.tables.remove(0);
                let bottom = a.last_frame[1];
                let tol = a.tol * 2.0;
                stray = append(a, b)
                    .into_iter()
                    .map(|(t, x0, x1)| (t, x0, x1, bottom, tol))
                    .collect();
                merged_first = true;
            }
            // The rejoined cell's text drawn (cut off) under the first part is no loose block.
            if let Some(prev) = head.last_mut() {
                for (text, x0, x1, bottom, tol) in stray {
                    prev.blocks.retain(|(t, b)| {
                        let cx = (b[0] + b[2]) / 2.0;
                        !(*t == text && cx >= x0 && cx <= x1 && b[3] <= bottom + tol)
                    });
                }
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
