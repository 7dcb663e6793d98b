//! Lattice reconstruction: ruling segments (stroked rules and thin fills) become grids of
//! cells with explicit row and column spans.
//!
//! Steps: (1) every stroked rule and every filled rectangle thinner than
//! [`crate::LayoutOptions::max_border_thickness`] in one dimension becomes a horizontal or
//! vertical segment (dashed rules count as solid; thicker fills are shading, kept as a cue);
//! (2) segments that touch (within the snap tolerance) form connected components, one per
//! table candidate; (3) in a component, segment positions are clustered into grid lines
//! (parallel lines closer than the double-line distance become one: double borders), each
//! line keeping the union of its segments' extents; (4) a missing outer border (the other
//! direction's lines run past the outermost line) is added as a virtual line and remembered
//! (an open bottom is a row cut by a page break); (5) two neighbouring elementary cells whose
//! shared edge is less than half covered by a line are one merged cell.

use crate::LayoutOptions;
use muniplan_pdf::PageContent;

/// Most elementary cells one lattice may have.
const MAX_GRID_CELLS: usize = 250_000;

/// Tolerances for one page, scaled to its size.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tol {
    /// Snap distance: endpoints this close meet.
    pub snap: f64,
    /// Parallel lines this close are one (double borders, a rule drawn twice).
    pub double: f64,
}

impl Tol {
    pub(crate) fn for_page(size: [f64; 2], opts: &LayoutOptions) -> Tol {
        let side = size[0].min(size[1]);
        let side = if side.is_finite() && side > 0.0 {
            side
        } else {
            595.0
        };
        let snap = (side * opts.snap_fraction).clamp(1.0, 4.0);
        Tol {
            snap,
            double: (snap * 1.5).max(3.0),
        }
    }
}

/// A horizontal (`pos` = y, extent in x) or vertical (`pos` = x, extent in y) segment.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Seg {
    pub horiz: bool,
    pub pos: f64,
    pub a: f64,
    pub b: f64,
}

fn finite4(b: [f64; 4]) -> bool {
    b.iter().all(|v| v.is_finite())
}

fn is_white(c: Option<[f32; 3]>) -> bool {
    c.is_some_and(|c| c.iter().all(|v| *v > 0.97))
}

/// Segments from the page's rules and thin fills; thicker fills are returned as shading.
pub(crate) fn segments(
    page: &PageContent,
    opts: &LayoutOptions,
    tol: Tol,
) -> (Vec<Seg>, Vec<[f64; 4]>) {
    let mut segs = Vec::new();
    let mut shades = Vec::new();
    for r in &page.rules {
        if is_white(r.color) {
            continue;
        }
        let [x0, y0] = r.from;
        let [x1, y1] = r.to;
        if !finite4([x0, y0, x1, y1]) {
            continue;
        }
        let (dx, dy) = ((x1 - x0).abs(), (y1 - y0).abs());
        if dy <= 0.5_f64.max(dx * 0.01) && dx >= tol.snap {
            segs.push(Seg {
                horiz: true,
                pos: (y0 + y1) / 2.0,
                a: x0.min(x1),
                b: x0.max(x1),
            });
        } else if dx <= 0.5_f64.max(dy * 0.01) && dy >= tol.snap {
            segs.push(Seg {
                horiz: false,
                pos: (x0 + x1) / 2.0,
                a: y0.min(y1),
                b: y0.max(y1),
            });
        }
    }
    let thick = opts.max_border_thickness;
    for f in &page.fills {
        let b = f.bbox;
        if !finite4(b) || is_white(f.color) {
            continue;
        }
        let (x0, y0, x1, y1) = (
            b[0].min(b[2]),
            b[1].min(b[3]),
            b[0].max(b[2]),
            b[1].max(b[3]),
        );
        let (w, h) = (x1 - x0, y1 - y0);
        if h <= thick && w > h * 2.0 && w >= tol.snap {
            segs.push(Seg {
                horiz: true,
                pos: (y0 + y1) / 2.0,
                a: x0,
                b: x1,
            });
        } else if w <= thick && h > w * 2.0 && h >= tol.snap {
            segs.push(Seg {
                horiz: false,
                pos: (x0 + x1) / 2.0,
                a: y0,
                b: y1,
            });
        } else if w > thick && h > thick {
            shades.push([x0, y0, x1, y1]);
        }
    }
    (segs, shades)
}

fn find(parent: &mut [usize], mut i: usize) -> usize {
    while let Some(&p) = parent.get(i) {
        if p == i {
            break;
        }
        let gp = parent.get(p).copied().unwrap_or(p);
        if let Some(slot) = parent.get_mut(i) {
            *slot = gp;
        }
        i = p;
    }
    i
}

fn union(parent: &mut [usize], a: usize, b: usize) {
    let (ra, rb) = (find(parent, a), find(parent, b));
    if ra != rb
        && let Some(slot) = parent.get_mut(ra.max(rb))
    {
        *slot = ra.min(rb);
    }
}

/// Connected components of touching segments.
pub(crate) fn components(segs: &[Seg], tol: Tol) -> Vec<Vec<Seg>> {
    let n = segs.len();
    let mut parent: Vec<usize> = (0..n).collect();
    // Sort indices by their lower x for a cheap sweep would be nicer; pages hold at most a
    // few thousand segments, so the quadratic test is fine and simple.
    for i in 0..n {
        for j in (i + 1)..n {
            let (Some(s), Some(t)) = (segs.get(i), segs.get(j)) else {
                continue;
            };
            let touch = if s.horiz == t.horiz {
                (s.pos - t.pos).abs() <= tol.double
                    && s.a <= t.b + tol.snap
                    && t.a <= s.b + tol.snap
            } else {
                // s's position lies within t's extent and vice versa.
                s.pos >= t.a - tol.snap
                    && s.pos <= t.b + tol.snap
                    && t.pos >= s.a - tol.snap
                    && t.pos <= s.b + tol.snap
            };
            if touch {
                union(&mut parent, i, j);
            }
        }
    }
    let mut groups: Vec<(usize, Vec<Seg>)> = Vec::new();
    for (i, s) in segs.iter().enumerate() {
        let r = find(&mut parent, i);
        match groups.iter_mut().find(|(k, _)| *k == r) {
            Some((_, v)) => v.push(*s),
            None => groups.push((r, vec![*s])),
        }
    }
    groups.into_iter().map(|(_, v)| v).collect()
}

/// One grid line: its position and the merged extents its segments cover.
#[derive(Debug, Clone)]
pub(crate) struct Line {
    pub pos: f64,
    pub cover: Vec<(f64, f64)>,
}

impl Line {
    /// Covered length of `[lo, hi]`.
    fn covered(&self, lo: f64, hi: f64) -> f64 {
        self.cover
            .iter()
            .map(|(a, b)| (b.min(hi) - a.max(lo)).max(0.0))
            .sum()
    }
}

fn cluster_lines(mut segs: Vec<Seg>, tol: Tol) -> Vec<Line> {
    segs.sort_by(|a, b| a.pos.total_cmp(&b.pos));
    let mut groups: Vec<Vec<Seg>> = Vec::new();
    for s in segs {
        match groups.last_mut() {
            Some(g) if g.last().is_some_and(|l| s.pos - l.pos <= tol.double) => g.push(s),
            _ => groups.push(vec![s]),
        }
    }
    groups
        .into_iter()
        .filter_map(|g| {
            let total: f64 = g.iter().map(|s| (s.b - s.a).max(0.01)).sum();
            let pos = g.iter().map(|s| s.pos * (s.b - s.a).max(0.01)).sum::<f64>() / total;
            let mut iv: Vec<(f64, f64)> = g.iter().map(|s| (s.a, s.b)).collect();
            iv.sort_by(|a, b| a.0.total_cmp(&b.0));
            let mut cover: Vec<(f64, f64)> = Vec::new();
            for (a, b) in iv {
                match cover.last_mut() {
                    Some(last) if a <= last.1 + tol.snap => last.1 = last.1.max(b),
                    _ => cover.push((a, b)),
                }
            }
            pos.is_finite().then_some(Line { pos, cover })
        })
        .collect()
}

/// A cell of a reconstructed grid, by grid indices (rows counted from the top).
#[derive(Debug, Clone)]
pub(crate) struct GridCell {
    pub row: usize,
    pub col: usize,
    pub row_span: usize,
    pub col_span: usize,
}

/// A reconstructed ruled grid.
#[derive(Debug, Clone)]
pub(crate) struct Lattice {
    /// Column lines, left to right.
    pub xs: Vec<f64>,
    /// Row lines, top to bottom (descending y).
    pub ys: Vec<f64>,
    /// Cells (merged regions), row-major by top-left corner.
    pub cells: Vec<GridCell>,
    /// The top border was missing and was added.
    pub top_open: bool,
    /// The bottom border was missing and was added (a row cut by a page break).
    pub bottom_open: bool,
}

impl Lattice {
    /// Box `[x0, y0, x1, y1]` of a cell.
    pub(crate) fn cell_box(&self, c: &GridCell) -> [f64; 4] {
        let get = |v: &Vec<f64>, i: usize| v.get(i).copied().unwrap_or(0.0);
        [
            get(&self.xs, c.col),
            get(&self.ys, c.row + c.row_span),
            get(&self.xs, c.col + c.col_span),
            get(&self.ys, c.row),
        ]
    }

    /// Frame `[x0, y0, x1, y1]`.
    pub(crate) fn frame(&self) -> [f64; 4] {
        [
            self.xs.first().copied().unwrap_or(0.0),
            self.ys.last().copied().unwrap_or(0.0),
            self.xs.last().copied().unwrap_or(0.0),
            self.ys.first().copied().unwrap_or(0.0),
        ]
    }

    /// Elementary (row, col) holding a point, if inside the frame.
    pub(crate) fn locate(&self, x: f64, y: f64) -> Option<(usize, usize)> {
        // xs ascending, ys descending: binary searches.
        let col = self.xs.partition_point(|v| *v <= x).checked_sub(1)?;
        let row = self.ys.partition_point(|v| *v >= y).checked_sub(1)?;
        (col + 1 < self.xs.len() && row + 1 < self.ys.len()).then_some((row, col))
    }
}

/// Build a lattice from one component, or `None` when it is no grid (a lone rule). A single
/// box is a 1 × 1 lattice: it stays a table only when it continues a table of the previous
/// page, otherwise its text becomes a loose block.
pub(crate) fn build(comp: Vec<Seg>, tol: Tol) -> Option<Lattice> {
    let (hs, vs): (Vec<Seg>, Vec<Seg>) = comp.into_iter().partition(|s| s.horiz);
    if hs.is_empty() || vs.is_empty() {
        return None;
    }
    let mut hl = cluster_lines(hs, tol);
    let mut vl = cluster_lines(vs, tol);
    let fx0 = hl
        .iter()
        .flat_map(|l| l.cover.iter().map(|c| c.0))
        .chain(vl.iter().map(|l| l.pos))
        .fold(f64::INFINITY, f64::min);
    let fx1 = hl
        .iter()
        .flat_map(|l| l.cover.iter().map(|c| c.1))
        .chain(vl.iter().map(|l| l.pos))
        .fold(f64::NEG_INFINITY, f64::max);
    let fy0 = vl
        .iter()
        .flat_map(|l| l.cover.iter().map(|c| c.0))
        .chain(hl.iter().map(|l| l.pos))
        .fold(f64::INFINITY, f64::min);
    let fy1 = vl
        .iter()
        .flat_map(|l| l.cover.iter().map(|c| c.1))
        .chain(hl.iter().map(|l| l.pos))
        .fold(f64::NEG_INFINITY, f64::max);
    if !(fx0.is_finite() && fx1.is_finite() && fy0.is_finite() && fy1.is_finite()) {
        return None;
    }
    // Repair missing outer borders with virtual, fully covering lines.
    let full_x = vec![(fx0, fx1)];
    let full_y = vec![(fy0, fy1)];
    if vl.first().is_some_and(|l| l.pos > fx0 + tol.double) {
        vl.insert(
            0,
            Line {
                pos: fx0,
                cover: full_y.clone(),
            },
        );
    }
    if vl.last().is_some_and(|l| l.pos < fx1 - tol.double) {
        vl.push(Line {
            pos: fx1,
            cover: full_y,
        });
    }
    let mut bottom_open = false;
    let mut top_open = false;
    if hl.first().is_some_and(|l| l.pos > fy0 + tol.double) {
        bottom_open = true;
        hl.insert(
            0,
            Line {
                pos: fy0,
                cover: full_x.clone(),
            },
        );
    }
    if hl.last().is_some_and(|l| l.pos < fy1 - tol.double) {
        top_open = true;
        hl.push(Line {
            pos: fy1,
            cover: full_x,
        });
    }
    hl.reverse(); // top to bottom
    let nr = hl.len().checked_sub(1)?;
    let nc = vl.len().checked_sub(1)?;
    // A grid larger than any printed table (a hatch pattern, a chart's gridlines) is no table.
    if nr == 0 || nc == 0 || nr.saturating_mul(nc) > MAX_GRID_CELLS {
        return None;
    }
    let idx = |r: usize, c: usize| r * nc + c;
    let mut parent: Vec<usize> = (0..nr * nc).collect();
    let present = |line: Option<&Line>, lo: f64, hi: f64| -> bool {
        let Some(line) = line else { return true };
        let len = (hi - lo).abs();
        let (lo, hi) = (lo.min(hi), lo.max(hi));
        line.covered(lo, hi) >= 0.5 * len
    };
    for r in 0..nr {
        let (Some(top), Some(bot)) = (hl.get(r), hl.get(r + 1)) else {
            continue;
        };
        for c in 0..nc {
            let (Some(left), Some(right)) = (vl.get(c), vl.get(c + 1)) else {
                continue;
            };
            // Edge to the right neighbour.
            if c + 1 < nc && !present(Some(right), bot.pos, top.pos) {
                union(&mut parent, idx(r, c), idx(r, c + 1));
            }
            // Edge to the neighbour below.
            if r + 1 < nr && !present(Some(bot), left.pos, right.pos) {
                union(&mut parent, idx(r, c), idx(r + 1, c));
            }
        }
    }
    // Regions → rectangles (a non-rectangular region takes its bounding box; cells already
    // claimed by an earlier region are skipped).
    let mut bounds: Vec<Option<(usize, usize, usize, usize)>> = vec![None; nr * nc];
    for r in 0..nr {
        for c in 0..nc {
            let root = find(&mut parent, idx(r, c));
            if let Some(slot) = bounds.get_mut(root) {
                *slot = Some(match *slot {
                    None => (r, c, r, c),
                    Some((r0, c0, r1, c1)) => (r0.min(r), c0.min(c), r1.max(r), c1.max(c)),
                });
            }
        }
    }
    let mut claimed = vec![false; nr * nc];
    let mut cells = Vec::new();
    for r in 0..nr {
        for c in 0..nc {
            if claimed.get(idx(r, c)).copied().unwrap_or(true) {
                continue;
            }
            let root = find(&mut parent, idx(r, c));
            let Some(Some((r0, c0, r1, c1))) = bounds.get(root).copied() else {
                continue;
            };
            let (r1, c1) = (r1.max(r), c1.max(c));
            let (r0, c0) = (r0.max(r).min(r1), c0.min(c1));
            let c0 = if c0 < c { c } else { c0 };
            let mut cell = GridCell {
                row: r0,
                col: c0,
                row_span: r1 - r0 + 1,
                col_span: c1 - c0 + 1,
            };
            // Shrink around cells already taken.
            let mut cs = 0;
            while cs < cell.col_span && !claimed.get(idx(r0, c0 + cs)).copied().unwrap_or(true) {
                cs += 1;
            }
            cell.col_span = cs.max(1);
            for rr in r0..=r1 {
                for cc in c0..c0 + cell.col_span {
                    if let Some(slot) = claimed.get_mut(idx(rr, cc)) {
                        *slot = true;
                    }
                }
            }
            cells.push(cell);
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Some(Lattice {
        xs: vl.iter().map(|l| l.pos).collect(),
        ys: hl.iter().map(|l| l.pos).collect(),
        cells,
        top_open,
        bottom_open,
    })
}

fn subset_of(a: &[f64], b: &[f64], tol: f64) -> bool {
    a.iter().all(|x| b.iter().any(|y| (x - y).abs() <= tol))
}

/// Two lattices side by side that are one table: the same top and bottom edges, the row
/// lines of one a subset of the other's (rows aligned), and at most `max_gap` between them
/// (an unruled spacer column, or two frames drawn next to each other). A lone box (one
/// cell) is no part of such a pair.
fn side_by_side(a: &Lattice, b: &Lattice, tol: Tol, max_gap: f64) -> bool {
    let (fa, fb) = (a.frame(), b.frame());
    let t = tol.double;
    let gap = fb[0] - fa[2];
    a.cells.len() >= 2
        && b.cells.len() >= 2
        && gap >= -t
        && gap <= max_gap
        && (fa[1] - fb[1]).abs() <= t
        && (fa[3] - fb[3]).abs() <= t
        && (subset_of(&a.ys, &b.ys, t) || subset_of(&b.ys, &a.ys, t))
}

/// One lattice from `a` and `b` (`b` to the right of `a`): the union of their column and row
/// lines, each cell keeping its own lines (so spans grow where the other part has more rows).
/// The gap between them, when there is one, is a column without cells.
fn join(a: Lattice, b: Lattice, tol: Tol) -> Lattice {
    let t = tol.double;
    let mut xs = a.xs.clone();
    for x in &b.xs {
        if !xs.iter().any(|y| (x - y).abs() <= t) {
            xs.push(*x);
        }
    }
    xs.sort_by(f64::total_cmp);
    let mut ys = a.ys.clone();
    for y in &b.ys {
        if !ys.iter().any(|v| (y - v).abs() <= t) {
            ys.push(*y);
        }
    }
    ys.sort_by(|p, q| q.total_cmp(p));
    let mut cells = Vec::new();
    for l in [&a, &b] {
        for c in &l.cells {
            let get = |v: &Vec<f64>, i: usize| v.get(i).copied().unwrap_or(0.0);
            let col = crate::nearest(&xs, get(&l.xs, c.col));
            let col_end = crate::nearest(&xs, get(&l.xs, c.col + c.col_span)).max(col + 1);
            let row = crate::nearest(&ys, get(&l.ys, c.row));
            let row_end = crate::nearest(&ys, get(&l.ys, c.row + c.row_span)).max(row + 1);
            cells.push(GridCell {
                row,
                col,
                row_span: row_end - row,
                col_span: col_end - col,
            });
        }
    }
    cells.sort_by_key(|c| (c.row, c.col));
    Lattice {
        xs,
        ys,
        cells,
        top_open: a.top_open && b.top_open,
        bottom_open: a.bottom_open && b.bottom_open,
    }
}

/// Join lattices standing side by side as one table (see `side_by_side`), left to right,
/// until no pair is left.
pub(crate) fn join_side_by_side(mut lats: Vec<Lattice>, tol: Tol, max_gap: f64) -> Vec<Lattice> {
    lats.sort_by(|a, b| a.frame()[0].total_cmp(&b.frame()[0]));
    let mut i = 0;
    while i < lats.len() {
        // The nearest lattice to the right of `i` that joins it.
        let next = (0..lats.len())
            .filter(|&j| j != i)
            .filter(|&j| match (lats.get(i), lats.get(j)) {
                (Some(a), Some(b)) => side_by_side(a, b, tol, max_gap),
                _ => false,
            })
            .min_by(|&p, &q| {
                let x = |k: usize| lats.get(k).map(|l| l.frame()[0]).unwrap_or(f64::INFINITY);
                x(p).total_cmp(&x(q))
            });
        match next {
            Some(j) => {
                let b = lats.remove(j);
                let k = if j < i { i - 1 } else { i };
                let a = lats.remove(k);
                lats.insert(k, join(a, b, tol));
                i = k;
            }
            None => i += 1,
        }
    }
    lats
}
