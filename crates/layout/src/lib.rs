//! muniplan's layout stage: the PDF reader's glyphs and rules become the layout IR.
//!
//! Every seed report is a ruled table, and the spreadsheet reader already turns workbooks
//! into grids of cells with explicit spans. This crate gives a PDF page the same shape: the
//! ruled grid drawn on the page becomes a [`muniplan_ir::Table`] whose rows, columns, spans
//! and cell text are those of the sheet the PDF was printed from, so one label-driven
//! recognizer reads both. Text outside tables becomes [`muniplan_ir::TextBlock`]s.
//!
//! # Brief overview
//!
//! - [`read_document`] / [`read_document_with`] ([`LayoutOptions`]), or [`read_pages`] on
//!   pages already read ([`read_page`] for one page, without cross-page merging; the
//!   `_explained` variants also return the continuation decisions): an opened
//!   [`muniplan_pdf::PdfDocument`] → [`muniplan_ir::LayoutDoc`], one page per PDF page, each
//!   with its tables (reading order, top to bottom) and loose text blocks (reading order).
//! - Lattice (module `lattice`): stroked rules and thin filled rectangles (Excel and
//!   LibreOffice often draw borders as fills; a fill thicker than
//!   [`LayoutOptions::max_border_thickness`] in both directions is shading) become segments;
//!   touching segments form a table; positions are snapped with tolerances scaled to the page
//!   (parallel lines closer than the double-line distance are one: double and dashed borders);
//!   a missing outer border is added; a grid edge less than half drawn means the two cells on
//!   either side are one merged cell, so spans are explicit.
//! - Text (module `text`): glyphs go to the cell holding the centre of their visible part
//!   (inside the clip they were shown under, `PageContent::glyph_clips`); text overflowing a
//!   cell sideways stays with its run's cell — the cell it started in, or for a run cut off at
//!   its start by its clip (aligned right or centred), or spilling uncut over an empty left
//!   neighbour with the page's cell padding at its right end and not at its left (aligned
//!   right), the cell it ends in — and its clipped, invisible part with it, while a run never
//!   continues across a change of clip, so a neighbour's own text drawn under its own clip
//!   stays in the neighbour. A cell is flagged
//!   `clipped` when one of its glyphs lies past its border or the reader reports it cut off by
//!   the clip in force (`PageContent::clipped_glyphs`). Inside a cell the glyphs are grouped
//!   into visual lines by geometry (horizontal bands read left to right, with the reader's
//!   CJK-aware spacing rule: no space between Japanese characters or Japanese and digits,
//!   Latin word gaps scaled to the font size; single glyphs stacked in a narrow column stay
//!   separate lines),
//!   and `Cell::text` is those lines joined with `\n` (never joined into one line here: the
//!   normalizer does that, Japanese-aware); a line the producer wrapped at a drawn space keeps
//!   that one trailing space. Content-stream order never decides reading order, so Excel's
//!   scrambled streams read right. Loose text uses the reader's [`muniplan_pdf::lines`],
//!   grouped into blocks whose visual lines stay lines (`\n` in `TextBlock::text`): heading
//!   lines stacked 0.1 pt apart are read one by one downstream.
//! - Side by side: ruled frames at the same height whose rows align (the row lines of one a
//!   subset of the other's) with at most a narrow gap between them (an unruled spacer column,
//!   two frames drawn next to each other) are one grid; the gap is a column without cells.
//! - Continuation (module `continued`): when the bottom-most table of page N and the top-most
//!   table of page N+1 have the same frame and column positions, and nothing but running
//!   material stands between them (text repeated on other pages — a document title, a legend
//!   — or a page number drawn at the same place on other pages; found by repetition and
//!   position, never by words), the second is appended to the first as more rows of ONE
//!   logical table; a heading or paragraph printed once between them ends the table (cards
//!   printed one per page in one frame stay separate tables). Every decision is kept with its
//!   reason ([`Decision`], [`read_document_explained`]; `muniplan inspect --tables` prints
//!   them). When continued: a header row repeated at the top of the
//!   continuation is dropped (also a later sheet's own header band), a row cut by the page
//!   break (no bottom border on page N, no top border on page N+1) is joined cell by cell
//!   with `\n`, a vertically merged cell cut by the break is one cell again. The merged table
//!   lives on the first page; every continued cell keeps its own page and box in its
//!   `Location`.
//!   `Table::continues` is therefore never set: the recognizer always sees one table.
//! - [`dump`]: a plain-text listing of tables and blocks (`muniplan inspect --tables`).
//! - Stream fallback (module `stream`): on a page region without rules, three or more
//!   consecutive lines whose words line up in the same two or more columns (short cells, not
//!   prose) become a table.
//!
//! What it deliberately does not do: read text from images (no OCR), interpret cell content,
//! normalize text, or detect tables drawn only by background shading without any border.
//! Known limits: wrapped lines a producer let overflow a cell *downwards* (clipped at the
//! bottom border) land in the cell below; centred text spilling uncut over empty neighbours
//! stays with the cell where it starts, and so does right-aligned text on a page where fewer
//! than three runs show a common cell padding; a producer that draws only the visible glyphs
//! of clipped text (LibreOffice) leaves the rest unrecoverable; tables nested in a cell are flattened into the
//! outer grid; a page with more than [`MAX_SEGMENTS`] ruling segments gets no ruled tables
//! (a `too-many-rules` warning). A header band is only recognized as repeated when each of
//! its rows has two or more cells, so a repeated full-width title row is kept as data.

mod continued;
mod dump;
mod lattice;
mod stream;
#[cfg(test)]
mod tests;
mod text;

pub use continued::Decision;
pub use dump::dump;

use muniplan_ir::{
    Cell, Diagnostic, Format, LayoutDoc, Location, Page, SourceInfo, Table, TextBlock,
};
use muniplan_pdf::{PageContent, PdfDocument};

/// Tuning knobs of the layout stage; [`LayoutOptions::new`] gives the documented defaults.
#[derive(Debug, Clone, PartialEq)]
pub struct LayoutOptions {
    /// Snap tolerance as a fraction of the page's shorter side (clamped to 1–4 pt).
    /// Default 0.004 (2.4 pt on A4).
    pub snap_fraction: f64,
    /// A filled rectangle at most this thick (pt) in one direction is a border line; thicker
    /// in both directions it is cell shading. Default 2.5.
    pub max_border_thickness: f64,
    /// Merge tables continued on the next page into one logical table. Default true.
    pub merge_continued: bool,
    /// Find unruled tables from text alignment. Default true.
    pub stream_tables: bool,
}

impl LayoutOptions {
    /// The documented defaults.
    pub fn new() -> Self {
        LayoutOptions {
            snap_fraction: 0.004,
            max_border_thickness: 2.5,
            merge_continued: true,
            stream_tables: true,
        }
    }
}

impl Default for LayoutOptions {
    fn default() -> Self {
        Self::new()
    }
}

/// A cell while pages are being laid out: column edges kept as positions so tables from two
/// pages can be put on one column grid.
#[derive(Debug, Clone)]
pub(crate) struct PCell {
    pub row: usize,
    pub row_span: usize,
    /// Left and right grid line positions.
    pub x0: f64,
    pub x1: f64,
    pub text: String,
    pub bbox: [f64; 4],
    pub page: u32,
    pub clipped: bool,
}

/// A table while pages are being laid out.
#[derive(Debug, Clone)]
pub(crate) struct PTable {
    /// Column line positions (union over continued parts), left to right.
    pub cols: Vec<f64>,
    pub n_rows: usize,
    pub cells: Vec<PCell>,
    /// Column lines and frame of the last part (the one a continuation must match).
    pub last_cols: Vec<f64>,
    pub last_frame: [f64; 4],
    pub top_open: bool,
    pub bottom_open: bool,
    /// Snap tolerance of the page it was found on.
    pub tol: f64,
    /// Rows where a part begins whose leading rows may be repeated as a header later (row 0,
    /// and each continuation appended without dropping a repeated header).
    pub starts: Vec<usize>,
}

/// One page laid out, before continued tables are merged.
#[derive(Debug, Clone, Default)]
pub(crate) struct PageLayout {
    pub tables: Vec<PTable>,
    pub blocks: Vec<(String, [f64; 4])>,
    pub diagnostics: Vec<Diagnostic>,
}

/// Most ruling segments one page may hold for lattice detection (the pairing is quadratic);
/// a page with more is read as loose text and stream tables, with a warning.
pub const MAX_SEGMENTS: usize = 8_000;

/// Widest gap between two ruled frames side by side (as a fraction of the page's shorter
/// side, 36 pt on A4) that still makes them one table when their top and bottom edges meet
/// and their rows align: a spacer column printed without borders.
const SIDE_BY_SIDE_GAP: f64 = 0.06;

/// Lay out every page of a document with the default options.
pub fn read_document(pdf: &PdfDocument) -> LayoutDoc {
    read_document_with(pdf, &LayoutOptions::new())
}

/// Lay out every page of a document.
pub fn read_document_with(pdf: &PdfDocument, opts: &LayoutOptions) -> LayoutDoc {
    read_document_explained(pdf, opts).0
}

/// Lay out every page of a document, with the continuation decisions taken between pages
/// (one per page that ends with a table and has a next page; `muniplan inspect --tables`
/// prints them).
pub fn read_document_explained(
    pdf: &PdfDocument,
    opts: &LayoutOptions,
) -> (LayoutDoc, Vec<Decision>) {
    let info = pdf.info();
    let mut doc = LayoutDoc {
        source: SourceInfo {
            format: Some(Format::Pdf),
            producer: info.producer.clone().or_else(|| info.creator.clone()),
            title: info.title.clone(),
            encoding: None,
            pages: Some(pdf.page_count()),
            sheets: Vec::new(),
        },
        pages: Vec::new(),
        diagnostics: pdf.diagnostics().to_vec(),
    };
    let mut contents = Vec::new();
    for number in 1..=pdf.page_count() {
        let content = pdf.page(number);
        doc.diagnostics.extend(content.diagnostics.iter().cloned());
        contents.push(content);
    }
    let (pages, diagnostics, decisions) = read_pages_explained(&contents, opts);
    doc.pages = pages;
    doc.diagnostics.extend(diagnostics);
    (doc, decisions)
}

/// Lay out pages already read (in document order): tables continued from one page to the
/// next are merged (see the crate docs). [`read_document_with`] is this after reading.
/// Returns the pages and the layout stage's own diagnostics (e.g. `too-many-rules`).
pub fn read_pages(contents: &[PageContent], opts: &LayoutOptions) -> (Vec<Page>, Vec<Diagnostic>) {
    let (pages, diagnostics, _) = read_pages_explained(contents, opts);
    (pages, diagnostics)
}

/// [`read_pages`] with the continuation decisions taken between pages.
pub fn read_pages_explained(
    contents: &[PageContent],
    opts: &LayoutOptions,
) -> (Vec<Page>, Vec<Diagnostic>, Vec<Decision>) {
    let mut layouts: Vec<PageLayout> = contents.iter().map(|c| layout_page(c, opts)).collect();
    let mut decisions = Vec::new();
    if opts.merge_continued {
        let numbers: Vec<u32> = contents.iter().map(|c| c.number).collect();
        decisions = continued::merge(&mut layouts, &numbers);
    }
    let mut diagnostics = Vec::new();
    let pages = contents
        .iter()
        .zip(layouts)
        .map(|(content, mut layout)| {
            diagnostics.append(&mut layout.diagnostics);
            boxes_to_blocks(&mut layout);
            to_page(content, layout)
        })
        .collect();
    (pages, diagnostics, decisions)
}

fn to_page(content: &PageContent, layout: PageLayout) -> Page {
    Page {
        number: content.number,
        name: None,
        size: Some(content.size),
        tables: layout.tables.into_iter().map(to_table).collect(),
        blocks: layout
            .blocks
            .into_iter()
            .map(|(text, bbox)| TextBlock {
                text,
                location: Location::Pdf {
                    page: content.number,
                    bbox,
                },
            })
            .collect(),
    }
}

/// Tables and text blocks of one page (no cross-page merging), in the IR's shape; the
/// layout stage's diagnostics for the page are dropped (use [`read_pages`] to get them).
pub fn read_page(content: &PageContent, opts: &LayoutOptions) -> Page {
    let mut layout = layout_page(content, opts);
    boxes_to_blocks(&mut layout);
    to_page(content, layout)
}

/// A lone framed box (a 1 × 1 grid) that continued nothing is a text block, not a table.
fn boxes_to_blocks(layout: &mut PageLayout) {
    let (boxes, tables): (Vec<PTable>, Vec<PTable>) = std::mem::take(&mut layout.tables)
        .into_iter()
        .partition(|t| t.n_rows == 1 && t.cols.len() == 2);
    layout.tables = tables;
    if boxes.is_empty() {
        return;
    }
    for b in boxes {
        let text: Vec<&str> = b
            .cells
            .iter()
            .map(|c| c.text.as_str())
            .filter(|t| !t.trim().is_empty())
            .collect();
        if !text.is_empty() {
            layout.blocks.push((text.join("\n"), b.last_frame));
        }
    }
    layout
        .blocks
        .sort_by(|a, b| b.1[3].total_cmp(&a.1[3]).then(a.1[0].total_cmp(&b.1[0])));
}

/// Index of the line position nearest to `x`.
pub(crate) fn nearest(cols: &[f64], x: f64) -> usize {
    let mut best = 0;
    let mut dist = f64::INFINITY;
    for (i, c) in cols.iter().enumerate() {
        let d = (c - x).abs();
        if d < dist {
            dist = d;
            best = i;
        }
    }
    best
}

fn to_u32(v: usize) -> u32 {
    u32::try_from(v).unwrap_or(u32::MAX)
}

fn to_table(t: PTable) -> Table {
    let n_cols = t.cols.len().saturating_sub(1);
    let mut cells: Vec<Cell> = t
        .cells
        .into_iter()
        .filter_map(|c| {
            let col = nearest(&t.cols, c.x0).min(n_cols.saturating_sub(1));
            let end = nearest(&t.cols, c.x1).max(col + 1);
            let col_span = end - col;
            if c.text.trim().is_empty() && c.row_span <= 1 && col_span <= 1 {
                return None;
            }
            Some(Cell {
                row: to_u32(c.row),
                col: to_u32(col),
                row_span: to_u32(c.row_span.max(1)),
                col_span: to_u32(col_span.max(1)),
                text: c.text,
                location: Location::Pdf {
                    page: c.page,
                    bbox: c.bbox,
                },
                clipped: c.clipped,
            })
        })
        .collect();
    cells.sort_by_key(|c| (c.row, c.col));
    cells.dedup_by_key(|c| (c.row, c.col));
    Table {
        n_rows: to_u32(t.n_rows),
        n_cols: to_u32(n_cols),
        cells,
        continues: None,
    }
}

/// A table top as a height step of `tol` (a total order: tops closer than the step usually
/// share a step, so tables side by side sort left to right).
fn height_key(y: f64, tol: f64) -> i64 {
    let step = if tol.is_finite() && tol > 0.0 {
        tol
    } else {
        1.0
    };
    let k = (y / step).round();
    if k.is_finite() { k as i64 } else { 0 }
}

/// Lay out one page: lattices, cell text, stream tables, loose blocks.
pub(crate) fn layout_page(page: &PageContent, opts: &LayoutOptions) -> PageLayout {
    let tol = lattice::Tol::for_page(page.size, opts);
    let (segs, _shades) = lattice::segments(page, opts, tol);
    let mut diagnostics = Vec::new();
    let lats: Vec<lattice::Lattice> = if segs.len() > MAX_SEGMENTS {
        diagnostics.push(Diagnostic::warning(
            "too-many-rules",
            format!(
                "page {} draws {} ruling segments (more than {MAX_SEGMENTS}): ruled tables not reconstructed",
                page.number,
                segs.len()
            ),
            Some(Location::Pdf {
                page: page.number,
                bbox: [0.0, 0.0, page.size[0], page.size[1]],
            }),
        ));
        Vec::new()
    } else {
        lattice::components(&segs, tol)
            .into_iter()
            .filter_map(|c| lattice::build(c, tol))
            .collect()
    };
    // Frames side by side with aligned rows (an unruled spacer column) are one table.
    let max_gap = page.size[0].min(page.size[1]).abs() * SIDE_BY_SIDE_GAP;
    let mut lats = lattice::join_side_by_side(lats, tol, max_gap);
    // Reading order: top to bottom, then left to right (tops within the snap distance are
    // one height: tables side by side read left first).
    lats.sort_by(|a, b| {
        let (fa, fb) = (a.frame(), b.frame());
        height_key(fb[3], tol.double)
            .cmp(&height_key(fa[3], tol.double))
            .then(fa[0].total_cmp(&fb[0]))
    });
    // Elementary cell → cell index, per lattice.
    let owners: Vec<Vec<usize>> = lats
        .iter()
        .map(|l| {
            let nc = l.xs.len().saturating_sub(1);
            let nr = l.ys.len().saturating_sub(1);
            let mut own = vec![usize::MAX; nr * nc];
            for (k, c) in l.cells.iter().enumerate() {
                for r in c.row..c.row + c.row_span {
                    for cc in c.col..c.col + c.col_span {
                        if let Some(slot) = own.get_mut(r * nc + cc) {
                            *slot = k;
                        }
                    }
                }
            }
            own
        })
        .collect();
    let locate = |x: f64, y: f64| -> Option<(usize, usize)> {
        lats.iter().enumerate().find_map(|(li, l)| {
            let (r, c) = l.locate(x, y)?;
            let nc = l.xs.len().saturating_sub(1);
            let k = *owners.get(li)?.get(r * nc + c)?;
            (k != usize::MAX).then_some((li, k))
        })
    };
    // Where each glyph is seen: its centre, or for one the reader found reaching outside its
    // clip the centre of the part inside (the whole box when nothing of it shows).
    let mut at: Vec<Option<(usize, usize)>> = page
        .glyphs
        .iter()
        .map(|g| {
            let (x, y) = text::centre(g.bbox);
            locate(x, y)
        })
        .collect();
    for &i in &page.clipped_glyphs {
        if let (Some(g), Some(slot)) = (page.glyphs.get(i), at.get_mut(i))
            && let Some(seen) = text::shown(g, page.clip_of(i))
        {
            let (x, y) = text::centre(seen);
            *slot = locate(x, y);
        }
    }
    let cell_of = |i: usize| at.get(i).copied().flatten();
    let (mut anchors, crossed) = text::run_anchors(page, |i, j| cell_of(i) != cell_of(j));
    if crossed {
        let box_of = |(li, k): (usize, usize)| {
            let l = lats.get(li)?;
            Some(l.cell_box(l.cells.get(k)?))
        };
        text::right_aligned_spills(&page.glyphs, &mut anchors, cell_of, box_of);
    }
    let mut per_cell: Vec<Vec<Vec<&muniplan_pdf::Glyph>>> = lats
        .iter()
        .map(|l| vec![Vec::new(); l.cells.len()])
        .collect();
    let mut clipped: Vec<Vec<bool>> = lats.iter().map(|l| vec![false; l.cells.len()]).collect();
    let mut loose = Vec::new();
    for (i, g) in page.glyphs.iter().enumerate() {
        let a = anchors.get(i).copied().unwrap_or(i);
        match cell_of(a) {
            Some((li, k)) => {
                // Clipped: cut off by the clip in force (the reader says so), or drawn past the
                // cell's border.
                if !g.text.trim().is_empty()
                    && (page.clipped_glyphs.binary_search(&i).is_ok()
                        || cell_of(i) != Some((li, k)))
                    && let Some(flag) = clipped.get_mut(li).and_then(|v| v.get_mut(k))
                {
                    *flag = true;
                }
                if let Some(v) = per_cell.get_mut(li).and_then(|v| v.get_mut(k)) {
                    v.push(g);
                }
            }
            None => loose.push(text::light(g)),
        }
    }
    let mut tables = Vec::new();
    for (li, l) in lats.iter().enumerate() {
        let mut cells = Vec::new();
        let mut glyph_sets = per_cell.get_mut(li).map(std::mem::take).unwrap_or_default();
        for (k, c) in l.cells.iter().enumerate() {
            let bbox = l.cell_box(c);
            let glyphs = glyph_sets
                .get_mut(k)
                .map(std::mem::take)
                .unwrap_or_default();
            cells.push(PCell {
                row: c.row,
                row_span: c.row_span,
                x0: bbox[0],
                x1: bbox[2],
                text: text::cell_text(&glyphs),
                bbox,
                page: page.number,
                clipped: clipped
                    .get(li)
                    .and_then(|v| v.get(k))
                    .copied()
                    .unwrap_or(false),
            });
        }
        tables.push(PTable {
            cols: l.xs.clone(),
            n_rows: l.ys.len().saturating_sub(1),
            cells,
            last_cols: l.xs.clone(),
            last_frame: l.frame(),
            top_open: l.top_open,
            bottom_open: l.bottom_open,
            tol: tol.double,
            starts: vec![0],
        });
    }
    let lines = text::lines_of(loose);
    let (stream_tables, rest) = if opts.stream_tables {
        stream::find(lines, page.number, tol.double)
    } else {
        (Vec::new(), lines)
    };
    tables.extend(stream_tables);
    tables.sort_by(|a, b| {
        height_key(b.last_frame[3], tol.double)
            .cmp(&height_key(a.last_frame[3], tol.double))
            .then(a.last_frame[0].total_cmp(&b.last_frame[0]))
    });
    PageLayout {
        tables,
        blocks: text::blocks(rest),
        diagnostics,
    }
}
