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
//!
//! Frames alone do not make a continuation: cards printed one per page share one frame. The
//! parts are joined only when nothing but running material stands between them — the text
//! below the first part on its page and the text above the second part on the next page.
//! Running material is found by repetition, not by words: a text block printed with the same
//! text on another page (a repeated document title or header, a legend printed under every
//! part), or drawn at the same place on another page with the same text up to its digits
//! when it holds few letters (a page number `- 3 -`, `3/7`); above the continuation, also a
//! title printed before the table repeated with a short addition (`表2 …（続き）`). Text
//! printed once — a heading, a
//! paragraph — between the parts ends the table; so cards printed one per page, each under
//! its own heading, stay separate tables although their frames match. Every decision is
//! recorded with its reason ([`Decision`]).

use crate::{PCell, PTable, PageLayout};

/// Why the table ending one page was, or was not, continued by the first table of the next.
#[derive(Debug, Clone, PartialEq)]
pub struct Decision {
    /// The page the first part ends on.
    pub from_page: u32,
    /// The next page.
    pub to_page: u32,
    /// The two parts became one table.
    pub continued: bool,
    /// One line saying why.
    pub reason: String,
}

fn same(a: f64, b: f64, tol: f64) -> bool {
    (a - b).abs() <= tol
}

fn subset(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.iter().all(|x| b.iter().any(|y| same(*x, *y, tol)))
}

/// Why `b` cannot continue `a` by its frame and columns, or `None` when it can.
fn frame_mismatch(a: &PTable, b: &PTable) -> Option<String> {
    let tol = a.tol.max(b.tol) * 1.5;
    if !(same(a.last_frame[0], b.last_frame[0], tol) && same(a.last_frame[2], b.last_frame[2], tol))
    {
        return Some(format!(
            "frames differ (left/right edges {:.0}-{:.0} vs {:.0}-{:.0})",
            a.last_frame[0], a.last_frame[2], b.last_frame[0], b.last_frame[2]
        ));
    }
    if !(subset(&a.last_cols, &b.cols, tol) || subset(&b.cols, &a.last_cols, tol)) {
        return Some(format!(
            "column lines differ ({} vs {} columns, neither a subset of the other)",
            a.last_cols.len().saturating_sub(1),
            b.cols.len().saturating_sub(1)
        ));
    }
    None
}

/// Text with its ASCII and full-width digits replaced by `#`, and how many letters
/// (alphabetic characters other than digits) it holds.
fn digit_shape(t: &str) -> (String, usize) {
    let mut letters = 0;
    let shape = t
        .chars()
        .filter(|c| !c.is_whitespace())
        .map(|c| {
            if c.is_ascii_digit() || ('０'..='９').contains(&c) {
                '#'
            } else {
                if c.is_alphabetic() {
                    letters += 1;
                }
                c
            }
        })
        .collect();
    (shape, letters)
}

/// Most letters a block whose digits change from page to page may hold and still be running
/// material (`- 3 -`, `3/7`, `Page 3`, `3ページ`); more is a numbered heading.
const MAX_NUMBER_LETTERS: usize = 4;

/// For each page, which of its loose text blocks are running material: the same text printed
/// on another page, or drawn at the same place on another page (same vertical extent, and the
/// same left, right or centre) with the same text up to its digits when it holds few letters.
pub(crate) fn running_blocks(pages: &[PageLayout]) -> Vec<Vec<bool>> {
    use std::collections::HashMap;
    // Pages each text is printed on, and where each few-letter digit shape is drawn.
    let mut printed: HashMap<&str, (usize, bool)> = HashMap::new();
    let mut shaped: HashMap<String, Vec<(usize, [f64; 4])>> = HashMap::new();
    for (pi, page) in pages.iter().enumerate() {
        for (text, bbox) in &page.blocks {
            let e = printed.entry(text.as_str()).or_insert((pi, false));
            e.1 |= e.0 != pi;
            let (shape, letters) = digit_shape(text);
            if letters <= MAX_NUMBER_LETTERS {
                shaped.entry(shape).or_default().push((pi, *bbox));
            }
        }
    }
    let placed = |a: [f64; 4], b: [f64; 4], tol: f64| {
        same(a[1], b[1], tol)
            && same(a[3], b[3], tol)
            && (same(a[0], b[0], tol)
                || same(a[2], b[2], tol)
                || same((a[0] + a[2]) / 2.0, (b[0] + b[2]) / 2.0, tol))
    };
    pages
        .iter()
        .enumerate()
        .map(|(pi, page)| {
            let tol = page.tables.first().map(|t| t.tol).unwrap_or(2.4).max(1.0) * 1.5;
            page.blocks
                .iter()
                .map(|(text, bbox)| {
                    printed.get(text.as_str()).is_some_and(|e| e.1)
                        || shaped.get(&digit_shape(text).0).is_some_and(|v| {
                            v.iter()
                                .any(|(qi, b2)| *qi != pi && placed(*bbox, *b2, tol))
                        })
                })
                .collect()
        })
        .collect()
}

/// Short quote of a block's text for a decision line.
fn quote(t: &str) -> String {
    let one: String = t.replace('\n', " / ");
    let mut q: String = one.chars().take(30).collect();
    if one.chars().count() > 30 {
        q.push('…');
    }
    format!("'{q}'")
}

/// Text standing between the end of `a` (its last part on page `prev`) and the start of `b`
/// on page `next`: `Err` with a reason when any of it is not running material, else `Ok` with
/// the running material skipped (quoted, for the decision line).
/// Does `text` repeat one of `earlier` with a short addition (a table's title printed again
/// above its continuation with a suffix such as a parenthesised note)? The repeated part must
/// hold at least [`MIN_REPEATED_TITLE`] characters and the addition at most
/// [`MAX_TITLE_ADDITION`] characters and no more than the repeated part.
fn repeats_title(text: &str, earlier: &[(String, [f64; 4])]) -> bool {
    let squash = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let t = squash(text);
    let n = t.chars().count();
    earlier.iter().any(|(e, _)| {
        let e = squash(e);
        let m = e.chars().count();
        m >= MIN_REPEATED_TITLE && n > m && n - m <= MAX_TITLE_ADDITION.min(m) && t.contains(&e)
    })
}

/// Fewest characters of a title repeated above a continuation (see [`repeats_title`]).
const MIN_REPEATED_TITLE: usize = 4;
/// Most characters added to a title repeated above a continuation (see [`repeats_title`]).
const MAX_TITLE_ADDITION: usize = 12;

fn between(
    a: &PTable,
    b: &PTable,
    prev: (&[(String, [f64; 4])], &[bool]),
    next: (&[(String, [f64; 4])], &[bool]),
    earlier: &[(String, [f64; 4])],
) -> Result<Vec<String>, String> {
    let tol = a.tol.max(b.tol) * 1.5;
    let bottom = a.last_frame[1];
    let top = b.last_frame[3];
    // Text of the continuation's first rows drawn (cut off) under the first part is the cut
    // merged cell's, not text between (see `append`).
    let head_text = |t: &str| b.cells.iter().any(|c| c.row < 3 && c.text == t);
    let mut skipped = Vec::new();
    let below = prev
        .0
        .iter()
        .zip(prev.1)
        .filter(|((t, bb), _)| bb[3] <= bottom + tol && !head_text(t));
    let above = next
        .0
        .iter()
        .zip(next.1)
        .filter(|((_, bb), _)| bb[1] >= top - tol);
    for (side, list) in [
        ("below the table", below.collect::<Vec<_>>()),
        ("above the next", above.collect()),
    ] {
        for ((t, _), running) in list {
            if *running {
                skipped.push(quote(t));
            } else if side == "above the next" && repeats_title(t, earlier) {
                skipped.push(format!("{} (a title repeated)", quote(t)));
            } else {
                return Err(format!("text {side}: {}", quote(t)));
            }
        }
    }
    Ok(skipped)
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
fn append(a: &mut PTable, b: PTable) -> (Vec<(String, f64, f64)>, usize) {
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
    (rejoined, k)
}

/// Merge continued tables across the pages of a document, in place; `numbers` are the pages'
/// numbers. Returns one decision per pair of consecutive pages where the first ends with a
/// table.
pub(crate) fn merge(pages: &mut [PageLayout], numbers: &[u32]) -> Vec<Decision> {
    let running = running_blocks(pages);
    let mut decisions = Vec::new();
    let number = |i: usize| {
        numbers
            .get(i)
            .copied()
            .unwrap_or_else(|| u32::try_from(i + 1).unwrap_or(u32::MAX))
    };
    // (page index, table index) of the logical table the previous page ends with.
    let mut tail: Option<(usize, usize)> = None;
    for p in 0..pages.len() {
        let mut merged_first = false;
        if let Some((tp, ti)) = tail
            && tp < p
        {
            let (head, rest) = pages.split_at_mut(p);
            let mut stray = Vec::new();
            let mut decide = |continued: bool, reason: String| {
                decisions.push(Decision {
                    from_page: number(p - 1),
                    to_page: number(p),
                    continued,
                    reason,
                })
            };
            let none: &[bool] = &[];
            let prev_running = running.get(p - 1).map(Vec::as_slice).unwrap_or(none);
            let next_running = running.get(p).map(Vec::as_slice).unwrap_or(none);
            // The page the last part lies on (the previous page; `tail` may point further back
            // when that page held only the continuation).
            let prev_blocks = head.last().map(|l| l.blocks.clone()).unwrap_or_default();
            // Text on the page where the logical table begins and on the previous page: a
            // title printed there may be repeated, with an addition, above the continuation.
            let mut earlier = head.get(tp).map(|l| l.blocks.clone()).unwrap_or_default();
            if tp + 1 < p {
                earlier.extend(prev_blocks.iter().cloned());
            }
            if let (Some(a), Some(page)) = (
                head.get_mut(tp).and_then(|l| l.tables.get_mut(ti)),
                rest.first_mut(),
            ) {
                match page.tables.first() {
                    None => decide(false, "no table on the next page".to_string()),
                    Some(b) => {
                        let verdict = match frame_mismatch(a, b) {
                            Some(why) => Err(why),
                            None => between(
                                a,
                                b,
                                (&prev_blocks, prev_running),
                                (&page.blocks, next_running),
                                &earlier,
                            ),
                        };
                        match verdict {
                            Err(why) => decide(false, why),
                            Ok(skipped) => {
                                let b = page.tables.remove(0);
                                let bottom = a.last_frame[1];
                                let tol = a.tol * 2.0;
                                let (rejoined, k) = append(a, b);
                                stray = rejoined
                                    .into_iter()
                                    .map(|(t, x0, x1)| (t, x0, x1, bottom, tol))
                                    .collect();
                                merged_first = true;
                                let mut why =
                                    "same frame and column lines; nothing between".to_string();
                                if !skipped.is_empty() {
                                    why = format!(
                                        "same frame and column lines; only running material between ({})",
                                        skipped.join(", ")
                                    );
                                }
                                if k > 0 {
                                    why.push_str(&format!("; {k} repeated header row(s) dropped"));
                                }
                                decide(true, why);
                            }
                        }
                    }
                }
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
    decisions
}
