//! Text by geometry: glyphs to cells, glyphs to visual lines, loose lines to blocks.
//!
//! A glyph belongs to the cell where it is seen: the cell holding the centre of the part of
//! its box inside the clip it was shown under (`PageContent::glyph_clips`; the whole box
//! without a clip, or when nothing of it shows). One exception, for text a producer let
//! overflow a cell: glyphs drawn by one text-showing run (consecutive in the content stream,
//! same baseline, touching, under the same clip) stay with the cell of the run's anchor, and
//! the cell is flagged clipped. The anchor is the run's first glyph that shows; when the run
//! begins cut off at the left of its clip (text aligned right or centred that overflowed to
//! the left), its last glyph that shows. So the invisible, clipped part of a run stays with
//! the run (a producer that draws the whole string and lets the clip cut it gives the cell
//! its full text), and text over an empty neighbour drawn without a cut stays with the cell
//! it started in, unless it is aligned right (`right_aligned_spills`: the page's cell
//! padding at its right end, not at its left): then with the cell where it ends. A run is
//! cut where the clip changes (equal rectangles set again are one clip; producers clip each
//! cell's text to that cell: a touching glyph under another clip is the next cell's own
//! text, even where LibreOffice draws it inside the box of the glyph the border cut), where
//! the gap between two glyphs exceeds the font size, or where it crosses a cell border with
//! any visible gap, so the next cell's own text is never pulled back.
//! Inside a cell, glyphs are grouped into visual lines by the PDF reader's
//! [`muniplan_pdf::lines`] (CJK-aware word gaps); lines are joined with `\n`, never with
//! each other. Content-stream order only matters for the run rule, never for reading order.

use muniplan_pdf::{Glyph, PageContent, TextLine};

/// Centre of a box.
pub(crate) fn centre(b: [f64; 4]) -> (f64, f64) {
    ((b[0] + b[2]) / 2.0, (b[1] + b[3]) / 2.0)
}

fn glyph_size(g: &Glyph) -> f64 {
    let h = if g.vertical {
        g.bbox[2] - g.bbox[0]
    } else {
        g.bbox[3] - g.bbox[1]
    };
    let s = h.max(g.size * 0.5);
    if s.is_finite() && s > 0.1 { s } else { 1.0 }
}

/// The part of a glyph's box inside the clip it was shown under (the whole box without a
/// clip); `None` when nothing of it is inside: drawn, but cut away entirely.
pub(crate) fn shown(g: &Glyph, clip: Option<[f64; 4]>) -> Option<[f64; 4]> {
    let Some(c) = clip else {
        return Some(g.bbox);
    };
    let b = [
        g.bbox[0].max(c[0]),
        g.bbox[1].max(c[1]),
        g.bbox[2].min(c[2]),
        g.bbox[3].min(c[3]),
    ];
    (b[2] > b[0] && b[3] > b[1]).then_some(b)
}

/// Two glyphs shown under different clips (`a` ≠ `b`) were shown under the same rectangle
/// after all: equal within the reader's half-point tolerance (a producer may set a cell's
/// clip again).
fn same_clip(page: &PageContent, a: u32, b: u32) -> bool {
    let rect = |id: u32| {
        let k = usize::try_from(id).ok()?.checked_sub(1)?;
        page.clip_rects.get(k)
    };
    match (rect(a), rect(b)) {
        (Some(a), Some(b)) => a.iter().zip(b.iter()).all(|(x, y)| (x - y).abs() <= 0.5),
        _ => false,
    }
}

/// For each glyph, the index of its run's anchor (see the module docs): the glyph whose cell
/// the run belongs to (the page's glyphs with the clips they were shown under);
/// `crosses(i, j)` tells whether glyphs `i` and `j` lie in different cells. Also tells
/// whether any run crosses a cell border.
pub(crate) fn run_anchors(
    page: &PageContent,
    crosses: impl Fn(usize, usize) -> bool,
) -> (Vec<usize>, bool) {
    let glyphs = &page.glyphs;
    let mut anchors = Vec::with_capacity(glyphs.len());
    let mut crossed = false;
    let mut run = Run::default();
    let mut prev: Option<(&Glyph, u32)> = None;
    for (i, g) in glyphs.iter().enumerate() {
        let id = page.glyph_clips.get(i).copied().unwrap_or(0);
        let mut cont = false;
        if let Some((p, pid)) = prev
            && !p.vertical
            && !g.vertical
            && (pid == id || same_clip(page, pid, id))
        {
            let size = glyph_size(p).max(glyph_size(g));
            let ov = p.bbox[3].min(g.bbox[3]) - p.bbox[1].max(g.bbox[1]);
            let minh = (p.bbox[3] - p.bbox[1]).min(g.bbox[3] - g.bbox[1]).max(0.01);
            let gap = g.bbox[0] - p.bbox[2];
            let same_line = ov >= 0.5 * minh;
            let forward = g.bbox[0] >= p.bbox[0] - 0.01;
            if same_line && forward && gap <= size {
                let across = crosses(i.saturating_sub(1), i);
                cont = !across || gap <= 0.05 * size;
                crossed |= across && cont;
            }
        }
        if !cont {
            run.anchor(&mut anchors);
            // Cut off at its start: its first glyph reaches left of its clip.
            let cut_at_start =
                !g.vertical && id != 0 && page.clip_of(i).is_some_and(|c| g.bbox[0] < c[0] - 0.5);
            run = Run {
                cut_at_start,
                ..Run::default()
            };
        }
        anchors.push(i);
        // Only the first glyph that shows is needed, or every one for a run cut at its start
        // (its last): the text is looked at no more than that.
        if (run.first_shown.is_none() || run.cut_at_start) && !g.text.trim().is_empty() {
            run.first_inked.get_or_insert(i);
            if id == 0 || shown(g, page.clip_of(i)).is_some() {
                run.first_shown.get_or_insert(i);
                run.last_shown = Some(i);
            }
        }
        prev = Some((g, id));
    }
    run.anchor(&mut anchors);
    (anchors, crossed)
}

/// One run while [`run_anchors`] reads it: its first glyph with visible text, its first and
/// last such glyph that shows (not cut away entirely by its clip), and whether its first
/// glyph is cut off at the left of its clip.
#[derive(Default)]
struct Run {
    first_inked: Option<usize>,
    first_shown: Option<usize>,
    last_shown: Option<usize>,
    cut_at_start: bool,
}

impl Run {
    /// Anchor the run (the glyphs from its first inked one to the end of `anchors`): its
    /// first glyph that shows, or its last when the run begins cut off at the left of its
    /// clip (text aligned right or centred that overflowed its cell to the left); a glyph cut
    /// away entirely is the anchor only when no glyph of the run shows. Glyphs before the
    /// first inked one keep their own cell.
    fn anchor(&self, anchors: &mut [usize]) {
        let Some(first) = self.first_inked else {
            return;
        };
        let shown = if self.cut_at_start {
            self.last_shown
        } else {
            self.first_shown
        };
        let anchor = shown.unwrap_or(first);
        for slot in anchors.get_mut(first..).unwrap_or(&mut []) {
            *slot = anchor;
        }
    }
}

/// Runs of text aligned right that spilled uncut over an empty neighbour to the left belong
/// to the cell where they end. A run's side is read from the cell padding: the page's
/// padding is the most common gap between a run's first glyph and the left border of its
/// cell (left-aligned text, at least three runs); a run crossing a cell border whose left
/// gap is not that padding (by more than 1 pt) while its right gap in the cell where it ends
/// is, is re-anchored at its last glyph with visible text. Left-aligned text keeps the
/// padding at its left, so it is never moved; centred text (neither) stays where it starts.
pub(crate) fn right_aligned_spills<C, B>(
    glyphs: &[Glyph],
    anchors: &mut [usize],
    cell_of: C,
    box_of: B,
) where
    C: Fn(usize) -> Option<(usize, usize)>,
    B: Fn((usize, usize)) -> Option<[f64; 4]>,
{
    // Cheap test first: a run whose last glyph lies in another cell than its anchor's.
    let spills = anchor_runs(anchors).any(|(first, end)| {
        let a = anchors.get(first).copied().unwrap_or(first);
        end > first + 1 && cell_of(end - 1) != cell_of(a) && cell_of(first) == cell_of(a)
    });
    if !spills {
        return;
    }
    // The candidates: runs that start in their anchor's cell, with that cell.
    let all: Vec<(usize, usize, (usize, usize))> = anchor_runs(anchors)
        .filter_map(|(first, end)| {
            let cell = cell_of(anchors.get(first).copied().unwrap_or(first))?;
            (cell_of(first) == Some(cell) && glyphs.get(first).is_some_and(|g| !g.vertical))
                .then_some((first, end, cell))
        })
        .collect();
    let gap = |g: &Glyph, cell: (usize, usize)| box_of(cell).map(|b| g.bbox[0] - b[0]);
    // The padding: the most common left gap (quarter points) of runs starting in their cell,
    // among gaps of at most half the font size (a padding is a few points; right-aligned
    // numbers of one width would repeat a wider gap).
    let mut gaps: Vec<i64> = all
        .iter()
        .filter_map(|(first, _, cell)| {
            let g = glyphs.get(*first)?;
            let v = gap(g, *cell)?;
            (v.is_finite() && v >= -0.5 && v <= 0.5 * glyph_size(g))
                .then(|| (v * 4.0).round() as i64)
        })
        .collect();
    gaps.sort_unstable();
    let mut best: Option<(i64, usize)> = None;
    for chunk in gaps.chunk_by(|a, b| a == b) {
        if let Some(&k) = chunk.first()
            && best.is_none_or(|(_, n)| chunk.len() > n)
        {
            best = Some((k, chunk.len()));
        }
    }
    let Some((pad, count)) = best else { return };
    if count < 3 {
        return;
    }
    let pad = pad as f64 / 4.0;
    for (first, end, cell) in all {
        let Some(last) = (first..end)
            .rev()
            .find(|i| glyphs.get(*i).is_some_and(|g| !g.text.trim().is_empty()))
        else {
            continue;
        };
        let Some(last_cell) = cell_of(last) else {
            continue;
        };
        if last_cell == cell || last_cell.0 != cell.0 {
            continue;
        }
        let (Some(a), Some(z), Some(zb)) = (glyphs.get(first), glyphs.get(last), box_of(last_cell))
        else {
            continue;
        };
        let Some(left) = gap(a, cell) else { continue };
        let right = zb[2] - z.bbox[2];
        if (left - pad).abs() > 1.0 && (right - pad).abs() <= 1.0 {
            for slot in anchors.get_mut(first..end).unwrap_or(&mut []) {
                *slot = last;
            }
        }
    }
}

/// The runs of `anchors` as (first, end) index ranges of glyphs sharing one anchor.
fn anchor_runs(anchors: &[usize]) -> impl Iterator<Item = (usize, usize)> + '_ {
    let mut i = 0;
    std::iter::from_fn(move || {
        let first = i;
        let a = *anchors.get(first)?;
        i += 1;
        while anchors.get(i) == Some(&a) {
            i += 1;
        }
        Some((first, i))
    })
}

/// A copy of a glyph for line grouping (the font name is not needed there).
pub(crate) fn light(g: &Glyph) -> Glyph {
    let mut c = g.clone();
    c.font = String::new();
    c
}

/// Visual lines of a subset of glyphs.
pub(crate) fn lines_of(glyphs: Vec<Glyph>) -> Vec<TextLine> {
    let page = PageContent {
        glyphs,
        ..PageContent::default()
    };
    muniplan_pdf::lines(&page)
}

/// True for characters next to which no space is inferred (Japanese, CJK, full-width
/// forms, circled numbers) — the reader's rule.
fn is_cjk(c: char) -> bool {
    let u = u32::from(c);
    matches!(u,
        0x2460..=0x24FF | 0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3190..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF |
        0x20000..=0x3FFFF)
}

/// One visual line of a cell being built: its glyphs and vertical band.
struct Band<'a> {
    glyphs: Vec<&'a Glyph>,
    y0: f64,
    y1: f64,
}

/// Text of a cell: its glyphs grouped into visual lines (horizontal bands by vertical
/// overlap, read left to right; vertical-mode glyphs as columns read top to bottom, right to
/// left), lines joined with `\n`. Inside a line a space is put only where the gap between
/// two Latin glyphs exceeds 0.2 × the font size, or 1 × the font size when a Japanese
/// character is on either side; a glyph drawn twice at the same place (fake bold) counts
/// once. Content-stream order plays no part. Single glyphs stacked one per line stay lines:
/// a cell is never read as vertical text unless its glyphs are vertical-mode.
pub(crate) fn cell_text(glyphs: &[&Glyph]) -> String {
    let (vert, mut horiz): (Vec<&Glyph>, Vec<&Glyph>) = glyphs
        .iter()
        .copied()
        .filter(|g| g.bbox.iter().all(|v| v.is_finite()))
        .partition(|g| g.vertical);
    horiz.sort_by(|a, b| {
        let (ca, cb) = ((a.bbox[1] + a.bbox[3]) / 2.0, (b.bbox[1] + b.bbox[3]) / 2.0);
        cb.total_cmp(&ca).then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    let mut bands: Vec<Band> = Vec::new();
    for g in horiz {
        let h = (g.bbox[3] - g.bbox[1]).max(0.01);
        let blank = g.text.trim().is_empty();
        let found = bands.iter_mut().rev().take(4).find(|b| {
            let ov = g.bbox[3].min(b.y1) - g.bbox[1].max(b.y0);
            ov >= 0.5 * h.min(b.y1 - b.y0).max(0.01)
        });
        match found {
            Some(b) => {
                if !blank {
                    b.y0 = b.y0.min(g.bbox[1]);
                    b.y1 = b.y1.max(g.bbox[3]);
                }
                b.glyphs.push(g);
            }
            None => bands.push(Band {
                glyphs: vec![g],
                y0: g.bbox[1],
                y1: g.bbox[3],
            }),
        }
    }
    bands.sort_by(|a, b| (b.y0 + b.y1).total_cmp(&(a.y0 + a.y1)));
    let mut lines: Vec<String> = bands
        .into_iter()
        .map(|mut b| {
            b.glyphs.sort_by(|x, y| x.bbox[0].total_cmp(&y.bbox[0]));
            join_run(&b.glyphs, false)
        })
        .collect();
    // Vertical-mode glyphs: columns right to left, each read top to bottom.
    if !vert.is_empty() {
        let mut cols: Vec<Vec<&Glyph>> = Vec::new();
        let mut vert = vert;
        vert.sort_by(|a, b| b.bbox[0].total_cmp(&a.bbox[0]));
        for g in vert {
            let w = (g.bbox[2] - g.bbox[0]).max(0.01);
            match cols.last_mut() {
                Some(c)
                    if c.last().is_some_and(|l| {
                        g.bbox[2].min(l.bbox[2]) - g.bbox[0].max(l.bbox[0]) >= 0.5 * w
                    }) =>
                {
                    c.push(g)
                }
                _ => cols.push(vec![g]),
            }
        }
        for mut c in cols {
            c.sort_by(|a, b| b.bbox[3].total_cmp(&a.bbox[3]));
            lines.push(join_run(&c, true));
        }
    }
    // A line the producer wrapped at a space keeps that (drawn) space at its end (U+3000 as
    // U+3000, other blanks as one ASCII space), so a later join can tell 「現年度分 99.42%」
    // from 「現年度分99.42%」; the cell's end is trimmed.
    let mut out = String::new();
    for l in lines {
        // A drawn U+3000 at the line's start stays (see `join_run`).
        let t = l.trim_start_matches(|c: char| c.is_whitespace() && c != '\u{3000}');
        if t.trim_end().is_empty() {
            continue;
        }
        if !out.is_empty() {
            out.push('\n');
        }
        let body = t.trim_end();
        out.push_str(body);
        // The wrap's space as drawn: an ideographic space stays one (`facebook　` / `681`).
        if let Some(sp) = t[body.len()..].chars().next() {
            out.push(if sp == '\u{3000}' { sp } else { ' ' });
        }
    }
    out.truncate(out.trim_end().len());
    out
}

/// Glyphs of one line in reading order → text, with inferred spaces (see [`cell_text`]).
fn join_run(glyphs: &[&Glyph], vertical: bool) -> String {
    let mut out = String::new();
    let mut prev: Option<&Glyph> = None;
    for g in glyphs {
        if let Some(p) = prev {
            let size = glyph_size(p).max(glyph_size(g));
            // Fake bold: the same glyph again at (almost) the same place.
            if p.text == g.text
                && (p.bbox[0] - g.bbox[0]).abs() < 0.2 * size
                && (p.bbox[1] - g.bbox[1]).abs() < 0.2 * size
            {
                continue;
            }
            let gap = if vertical {
                p.bbox[1] - g.bbox[3]
            } else {
                g.bbox[0] - p.bbox[2]
            };
            let last = out.chars().next_back();
            let next = g.text.chars().next();
            let cjk = last.is_some_and(is_cjk) || next.is_some_and(is_cjk);
            let limit = if cjk { 1.0 } else { 0.2 } * size;
            let spaced =
                last.is_some_and(char::is_whitespace) || next.is_some_and(char::is_whitespace);
            if gap > limit && !spaced {
                out.push(' ');
            }
        }
        if g.text.trim().is_empty() {
            // A drawn space is kept as drawn (U+3000 stays U+3000), ASCII runs collapsed.
            let sp = if g.text.is_empty() {
                " "
            } else {
                g.text.as_str()
            };
            let repeated = sp == " " && out.ends_with(' ');
            // An ideographic space drawn at a line's start (a full-width indent, `　１２日以上`)
            // is text the producer wrote; other leading blanks are layout.
            if (!out.is_empty() || sp == "\u{3000}") && !repeated {
                out.push_str(sp);
            }
        } else {
            out.push_str(&g.text);
        }
        prev = Some(g);
    }
    out
}

/// Loose lines grouped into blocks: a line joins the block above it when the gap is small
/// and they overlap horizontally.
pub(crate) fn blocks(mut lines: Vec<TextLine>) -> Vec<(String, [f64; 4])> {
    lines.retain(|l| !l.text.trim().is_empty());
    lines.sort_by(|a, b| {
        b.bbox[3]
            .total_cmp(&a.bbox[3])
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    let mut out: Vec<(String, [f64; 4], f64)> = Vec::new();
    for l in lines {
        let h = (l.bbox[3] - l.bbox[1]).max(0.1);
        let joined = out.iter_mut().rev().take(3).find(|(_, b, lh)| {
            let gap = b[1] - l.bbox[3];
            let xov = b[2].min(l.bbox[2]) - b[0].max(l.bbox[0]);
            let similar = (h / lh).clamp(0.0, 10.0);
            gap >= -0.3 * h
                && gap <= 0.7 * h.max(*lh)
                && xov > 0.0
                && (0.7..=1.43).contains(&similar)
        });
        match joined {
            Some((t, b, _)) => {
                t.push('\n');
                t.push_str(l.text.trim());
                *b = [
                    b[0].min(l.bbox[0]),
                    b[1].min(l.bbox[1]),
                    b[2].max(l.bbox[2]),
                    b[3].max(l.bbox[3]),
                ];
            }
            None => out.push((l.text.trim().to_string(), l.bbox, h)),
        }
    }
    out.into_iter().map(|(t, b, _)| (t, b)).collect()
}
