//! Lines and words by geometry, CJK-aware.
//!
//! Rules: glyphs are grouped into horizontal lines by vertical overlap with the band of the
//! line's first glyph, and read left to right; vertical-mode glyphs, and horizontal glyphs
//! placed one below the other in stream order (官報-style vertical setting, narrow
//! spreadsheet columns), are grouped into columns read top to bottom, columns right to left,
//! tiers (split at page-wide gutters) top to bottom. Inside a line a word ends at a space
//! glyph or at a gap: between two Japanese characters (CJK, kana, full-width forms) only a
//! gap of at least one em counts (a cell boundary), so no space is ever put inside Japanese
//! text; for any other pair the gap must exceed the line's typical gap by 0.2 em (character
//! spacing and justification do not split words); two touching Latin runs on clearly
//! different baselines are separate words. A glyph drawn twice at (almost) the same place
//! (fake bold) is kept once.

use crate::PageContent;

/// A word: glyphs without a gap between them.
#[derive(Debug, Clone, PartialEq)]
pub struct Word {
    /// Text of the glyphs in reading order.
    pub text: String,
    /// Union of the glyph boxes.
    pub bbox: [f64; 4],
    /// Indices into `PageContent::glyphs`.
    pub glyphs: Vec<usize>,
    /// Read top to bottom.
    pub vertical: bool,
}

/// A visual line (or a vertical column) of words.
#[derive(Debug, Clone, PartialEq)]
pub struct TextLine {
    /// Words joined by one space.
    pub text: String,
    /// Union of the word boxes.
    pub bbox: [f64; 4],
    /// Words in reading order.
    pub words: Vec<Word>,
    /// A vertical column.
    pub vertical: bool,
}

/// True for characters after or before which no space is inferred (Japanese, CJK,
/// full-width forms).
pub fn is_cjk(c: char) -> bool {
    let u = u32::from(c);
    matches!(u,
        0x2E80..=0x2FDF | 0x3000..=0x30FF | 0x3190..=0x33FF | 0x3400..=0x4DBF |
        0x4E00..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF |
        0x20000..=0x3FFFF)
}

/// A separator glyph: white space other than the ideographic space U+3000, which is kept
/// as text (it is part of how Japanese headings are set, e.g. `主　管　課`).
fn is_blank(t: &str) -> bool {
    t.chars().all(|c| c.is_whitespace() && c != '\u{3000}')
}

fn union(a: [f64; 4], b: [f64; 4]) -> [f64; 4] {
    [
        a[0].min(b[0]),
        a[1].min(b[1]),
        a[2].max(b[2]),
        a[3].max(b[3]),
    ]
}

struct G<'a> {
    i: usize,
    text: &'a str,
    b: [f64; 4],
    size: f64,
}

fn size_of(g: &crate::Glyph) -> f64 {
    let s = if g.vertical {
        g.bbox[2] - g.bbox[0]
    } else {
        g.bbox[3] - g.bbox[1]
    };
    let s = s.max(g.size * 0.5);
    if s.is_finite() && s > 0.1 { s } else { 1.0 }
}

/// Group a page's glyphs into lines (and vertical columns) of words.
pub fn lines(page: &PageContent) -> Vec<TextLine> {
    let stacked = stacked_runs(&page.glyphs);
    let mut horiz: Vec<G> = Vec::new();
    let mut vert: Vec<G> = Vec::new();
    for (i, g) in page.glyphs.iter().enumerate() {
        let item = G {
            i,
            text: &g.text,
            b: g.bbox,
            size: size_of(g),
        };
        if g.vertical || stacked.get(i).copied().unwrap_or(false) {
            vert.push(item);
        } else {
            horiz.push(item);
        }
    }
    // Horizontal lines: greedy by vertical overlap, top to bottom.
    horiz.sort_by(|a, b| b.b[3].total_cmp(&a.b[3]).then(a.b[0].total_cmp(&b.b[0])));
    let mut hl: Vec<(Vec<G>, f64, f64)> = Vec::new();
    for g in horiz {
        let h = g.b[3] - g.b[1];
        let mut placed = None;
        for (k, (_, y0, y1)) in hl.iter().enumerate().rev().take(12) {
            let ov = g.b[3].min(*y1) - g.b[1].max(*y0);
            let minh = h.min(y1 - y0).max(0.01);
            if ov >= 0.5 * minh {
                placed = Some(k);
                break;
            }
        }
        match placed.and_then(|k| hl.get_mut(k)) {
            // The band stays that of the line's first glyph, so a label centred on a
            // two-line cell does not pull both lines together.
            Some((v, _, _)) => v.push(g),
            None => {
                let (y0, y1) = (g.b[1], g.b[3]);
                hl.push((vec![g], y0, y1));
            }
        }
    }
    let kept: Vec<Vec<G>> = hl.into_iter().map(|(v, _, _)| v).collect();
    let mut out: Vec<TextLine> = Vec::new();
    for mut v in kept {
        v.sort_by(|a, b| a.b[0].total_cmp(&b.b[0]));
        if let Some(l) = build(v, false, &page.glyphs) {
            out.push(l);
        }
    }
    out.sort_by(|a, b| {
        b.bbox[3]
            .total_cmp(&a.bbox[3])
            .then(a.bbox[0].total_cmp(&b.bbox[0]))
    });
    // Vertical columns: right to left.
    let gut = gutters(&vert);
    let vcols = columns(vert, &gut);
    let mut vlines: Vec<TextLine> = vcols
        .into_iter()
        .filter_map(|c| build(c, true, &page.glyphs))
        .collect();
    // Tiers (bands between gutters) top to bottom, columns right to left inside a tier.
    let tier = |l: &TextLine| {
        gut.iter()
            .filter(|y| **y > (l.bbox[1] + l.bbox[3]) / 2.0)
            .count()
    };
    vlines.sort_by(|a, b| tier(a).cmp(&tier(b)).then(b.bbox[2].total_cmp(&a.bbox[2])));
    out.extend(vlines);
    out
}

/// Horizontal gutters between tiers of vertical text: y values (mid-gap) where no vertical
/// glyph of the page is, across all columns, for at least half a glyph size.
fn gutters(gs: &[G<'_>]) -> Vec<f64> {
    let mut iv: Vec<(f64, f64)> = gs
        .iter()
        .filter(|g| !is_blank(g.text))
        .map(|g| (g.b[1], g.b[3]))
        .collect();
    if iv.len() < 2 {
        return Vec::new();
    }
    let mut sizes: Vec<f64> = gs.iter().map(|g| g.size).collect();
    sizes.sort_by(f64::total_cmp);
    let median = sizes.get(sizes.len() / 2).copied().unwrap_or(10.0);
    iv.sort_by(|a, b| b.1.total_cmp(&a.1));
    let mut out = Vec::new();
    let mut low = iv.first().map_or(0.0, |i| i.0);
    for (y0, y1) in iv.into_iter().skip(1) {
        if y1 < low - 0.5 * median {
            out.push((y1 + low) / 2.0);
        }
        low = low.min(y0);
    }
    out
}

/// Horizontal-mode glyphs placed one below the other in stream order (vertical text set
/// glyph by glyph, e.g. 官報 or a narrow spreadsheet column): they read top to bottom.
fn stacked_runs(glyphs: &[crate::Glyph]) -> Vec<bool> {
    let mut out = vec![false; glyphs.len()];
    let mut prev: Option<usize> = None;
    for (i, g) in glyphs.iter().enumerate() {
        if is_blank(&g.text) {
            continue;
        }
        if let Some(j) = prev
            && let Some(p) = glyphs.get(j)
        {
            let size = size_of(p).max(size_of(g));
            let w = (p.bbox[2] - p.bbox[0]).min(g.bbox[2] - g.bbox[0]).max(0.01);
            let xov = p.bbox[2].min(g.bbox[2]) - p.bbox[0].max(g.bbox[0]);
            let gap = p.bbox[1] - g.bbox[3];
            // A vertical-mode glyph (punctuation from a -V font) between horizontal ones
            // only joins when it sits in the same column.
            let same_column = p.vertical == g.vertical
                || ((p.bbox[0] + p.bbox[2]) - (g.bbox[0] + g.bbox[2])).abs() < 0.4 * size;
            if same_column && xov >= 0.5 * w && gap > -0.3 * size && gap < 0.8 * size {
                if let Some(s) = out.get_mut(j) {
                    *s = true;
                }
                if let Some(s) = out.get_mut(i) {
                    *s = true;
                }
            }
        }
        prev = Some(i);
    }
    out
}

/// Group glyphs into columns by horizontal overlap; each column sorted top to bottom and
/// split where the vertical gap is large.
fn columns<'a>(mut gs: Vec<G<'a>>, gutters: &[f64]) -> Vec<Vec<G<'a>>> {
    gs.sort_by(|a, b| b.b[2].total_cmp(&a.b[2]).then(b.b[3].total_cmp(&a.b[3])));
    let mut cols: Vec<(Vec<G>, f64, f64)> = Vec::new();
    for g in gs {
        let w = g.b[2] - g.b[0];
        let mut placed = None;
        for (k, (_, x0, x1)) in cols.iter().enumerate().rev().take(12) {
            let ov = g.b[2].min(*x1) - g.b[0].max(*x0);
            if ov >= 0.5 * w.min(x1 - x0).max(0.01) {
                placed = Some(k);
                break;
            }
        }
        match placed.and_then(|k| cols.get_mut(k)) {
            Some((v, _, _)) => v.push(g),
            None => {
                let (x0, x1) = (g.b[0], g.b[2]);
                cols.push((vec![g], x0, x1));
            }
        }
    }
    let mut out = Vec::new();
    for (mut v, _, _) in cols {
        v.sort_by(|a, b| b.b[3].total_cmp(&a.b[3]));
        // Split where the gap is more than 1.5 glyph sizes (two separate runs).
        let mut cur: Vec<G> = Vec::new();
        for g in v {
            if let Some(last) = cur.last()
                && (last.b[1] - g.b[3] > 1.2 * last.size.max(g.size)
                    || gutters.iter().any(|y| *y < last.b[1] && *y > g.b[3]))
            {
                out.push(std::mem::take(&mut cur));
            }
            cur.push(g);
        }
        if !cur.is_empty() {
            out.push(cur);
        }
    }
    out
}

fn build(v: Vec<G<'_>>, vertical: bool, glyphs: &[crate::Glyph]) -> Option<TextLine> {
    let _ = glyphs;
    // Pass 1: drop fake-bold duplicates, note explicit spaces.
    let mut items: Vec<(&G, bool)> = Vec::new();
    let mut pending_space = false;
    for g in &v {
        if is_blank(g.text) {
            pending_space = true;
            continue;
        }
        if let Some((p, _)) = items.last()
            && p.text == g.text
            && (p.b[0] - g.b[0]).abs() < 0.2 * p.size
            && (p.b[1] - g.b[1]).abs() < 0.2 * p.size
        {
            continue;
        }
        items.push((g, pending_space));
        pending_space = false;
    }
    let gap = |p: &G, g: &G| {
        if vertical {
            p.b[1] - g.b[3]
        } else {
            g.b[0] - p.b[2]
        }
    };
    // The line's typical gap (character spacing, justification), as a share of the size.
    let mut rel: Vec<f64> = items
        .windows(2)
        .filter_map(|w| match w {
            [(p, _), (g, _)] => Some(gap(p, g) / p.size.max(g.size)),
            _ => None,
        })
        .collect();
    rel.sort_by(f64::total_cmp);
    let typical = rel
        .get(rel.len() / 2)
        .copied()
        .unwrap_or(0.0)
        .clamp(0.0, 0.5);
    // Pass 2: words.
    let mut words: Vec<Word> = Vec::new();
    let mut cur: Option<Word> = None;
    let mut prev: Option<&G> = None;
    for (g, space_before) in items {
        let gap_break = match prev {
            None => false,
            Some(p) => {
                let size = p.size.max(g.size);
                let a = p.text.chars().last().is_some_and(is_cjk);
                let b = g.text.chars().next().is_some_and(is_cjk);
                let th = if a && b { 1.0 } else { typical + 0.2 };
                // Two Latin runs that touch but sit on clearly different baselines
                // (more than a superscript's rise) are separate words.
                let shifted = !vertical && !a && !b && (p.b[1] - g.b[1]).abs() > 0.45 * size;
                gap(p, g) > th * size || shifted
            }
        };
        if (gap_break || space_before)
            && let Some(w) = cur.take()
        {
            words.push(w);
        }
        match &mut cur {
            Some(w) => {
                w.text.push_str(g.text);
                w.bbox = union(w.bbox, g.b);
                w.glyphs.push(g.i);
            }
            None => {
                cur = Some(Word {
                    text: g.text.to_string(),
                    bbox: g.b,
                    glyphs: vec![g.i],
                    vertical,
                })
            }
        }
        prev = Some(g);
    }
    if let Some(w) = cur {
        words.push(w);
    }
    let first = words.first()?;
    let mut bbox = first.bbox;
    for w in &words {
        bbox = union(bbox, w.bbox);
    }
    let text = words
        .iter()
        .map(|w| w.text.as_str())
        .collect::<Vec<_>>()
        .join(" ");
    Some(TextLine {
        text,
        bbox,
        words,
        vertical,
    })
}

/// All words of a page in reading order (the words of [`lines`]).
pub fn words(page: &PageContent) -> Vec<Word> {
    lines(page).into_iter().flat_map(|l| l.words).collect()
}
