//! Unit tests on synthetic pages: borders as fills, dashed and double rules, missing outer
//! borders, spans, scrambled content order, clipped overflow, continued tables.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use crate::{LayoutOptions, read_page};
use muniplan_ir::Page;
use muniplan_pdf::{FillRect, Glyph, PageContent, Rule};

const SIZE: f64 = 10.0;

/// A real glyph from a fixture, as the template for synthetic ones (so the tests build
/// whatever fields the reader's `Glyph` grows).
fn template() -> Glyph {
    static T: std::sync::OnceLock<Glyph> = std::sync::OnceLock::new();
    T.get_or_init(|| {
        let path = concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../fixtures/pdf/producers/libreoffice-calc-minamialps-card.pdf"
        );
        let bytes = std::fs::read(path).unwrap();
        let doc = muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default()).unwrap();
        let mut g = doc.page(1).glyphs.swap_remove(0);
        g.vertical = false;
        g.invisible = false;
        g.unmapped = false;
        g.actual_text = false;
        g
    })
    .clone()
}

fn glyph(text: &str, x: f64, y: f64) -> Glyph {
    let w = if text.is_ascii() { SIZE * 0.5 } else { SIZE };
    Glyph {
        text: text.to_string(),
        bbox: [x, y - 2.0, x + w, y + 8.0],
        font: "F".to_string(),
        size: SIZE,
        ..template()
    }
}

/// Glyphs of a string drawn left to right from (x, baseline y).
fn text(s: &str, x: f64, y: f64) -> Vec<Glyph> {
    let mut out = Vec::new();
    let mut x = x;
    for c in s.chars() {
        let g = glyph(&c.to_string(), x, y);
        x = g.bbox[2];
        out.push(g);
    }
    out
}

fn rule(x0: f64, y0: f64, x1: f64, y1: f64) -> Rule {
    Rule {
        from: [x0, y0],
        to: [x1, y1],
        width: 0.5,
        color: Some([0.0, 0.0, 0.0]),
        dash: Vec::new(),
    }
}

fn page(rules: Vec<Rule>, fills: Vec<FillRect>, glyphs: Vec<Glyph>) -> PageContent {
    PageContent {
        number: 1,
        size: [595.0, 842.0],
        glyphs,
        rules,
        fills,
        ..PageContent::default()
    }
}

/// A full grid of rules: columns at `xs`, rows at `ys` (top to bottom).
fn grid(xs: &[f64], ys: &[f64]) -> Vec<Rule> {
    let (x0, x1) = (xs[0], xs[xs.len() - 1]);
    let (y0, y1) = (ys[ys.len() - 1], ys[0]);
    let mut v: Vec<Rule> = ys.iter().map(|y| rule(x0, *y, x1, *y)).collect();
    v.extend(xs.iter().map(|x| rule(*x, y0, *x, y1)));
    v
}

fn cells(p: &Page) -> Vec<(u32, u32, u32, u32, String)> {
    p.tables[0]
        .cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.clone()))
        .collect()
}

#[test]
fn ruled_grid_with_merged_cell_and_scrambled_order() {
    // 3 columns × 2 rows; the top row's last two cells are merged (no rule between them).
    let xs = [100.0, 200.0, 300.0, 400.0];
    let mut rules = vec![
        rule(100.0, 700.0, 400.0, 700.0),
        rule(100.0, 680.0, 400.0, 680.0),
        rule(100.0, 660.0, 400.0, 660.0),
    ];
    rules.push(rule(xs[0], 660.0, xs[0], 700.0));
    rules.push(rule(xs[1], 660.0, xs[1], 700.0));
    rules.push(rule(xs[2], 660.0, xs[2], 680.0)); // only in the lower row
    rules.push(rule(xs[3], 660.0, xs[3], 700.0));
    // Content order scrambled: second line of the merged cell first, then the label.
    let mut glyphs = text("2025", 210.0, 684.0);
    glyphs.extend(text("年度", 105.0, 686.0));
    glyphs.extend(text("A", 105.0, 666.0));
    glyphs.extend(text("B", 205.0, 666.0));
    glyphs.extend(text("C", 305.0, 666.0));
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    assert_eq!(p.tables.len(), 1);
    assert_eq!((p.tables[0].n_rows, p.tables[0].n_cols), (2, 3));
    assert_eq!(
        cells(&p),
        vec![
            (0, 0, 1, 1, "年度".to_string()),
            (0, 1, 1, 2, "2025".to_string()),
            (1, 0, 1, 1, "A".to_string()),
            (1, 1, 1, 1, "B".to_string()),
            (1, 2, 1, 1, "C".to_string()),
        ]
    );
}

#[test]
fn borders_as_thin_fills_and_shading_ignored() {
    let mut fills = Vec::new();
    let fill = |b: [f64; 4]| FillRect {
        bbox: b,
        color: Some([0.0, 0.0, 0.0]),
    };
    for y in [700.0, 680.0, 660.0] {
        fills.push(fill([100.0, y - 0.4, 300.0, y + 0.4]));
    }
    for x in [100.0, 200.0, 300.0] {
        fills.push(fill([x - 0.4, 660.0, x + 0.4, 700.0]));
    }
    // Shading of the header row: thick in both directions, not a border.
    fills.push(FillRect {
        bbox: [100.0, 680.0, 300.0, 700.0],
        color: Some([0.8, 0.8, 0.9]),
    });
    let mut glyphs = text("項目", 105.0, 686.0);
    glyphs.extend(text("値", 205.0, 686.0));
    glyphs.extend(text("累計", 105.0, 672.0));
    glyphs.extend(text("250件", 105.0, 662.0));
    let p = read_page(&page(Vec::new(), fills, glyphs), &LayoutOptions::new());
    assert_eq!((p.tables[0].n_rows, p.tables[0].n_cols), (2, 2));
    // Stacked values stay on their own lines, no space inserted between Japanese and digits.
    assert_eq!(p.tables[0].cell_at(1, 0).unwrap().text, "累計\n250件");
}

#[test]
fn double_and_dashed_rules_are_one_line() {
    let mut rules = grid(&[100.0, 200.0, 300.0], &[700.0, 680.0, 660.0]);
    // A double bottom border 1.5 pt below the last line, and a dashed middle rule.
    rules.push(rule(100.0, 658.5, 300.0, 658.5));
    rules[1].dash = vec![2.0, 2.0];
    let glyphs = text("X", 105.0, 686.0);
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    assert_eq!((p.tables[0].n_rows, p.tables[0].n_cols), (2, 2));
}

#[test]
fn missing_outer_borders_are_repaired() {
    // Horizontal rules run from 100 to 300, vertical rule only in the middle (open sides).
    let rules = vec![
        rule(100.0, 700.0, 300.0, 700.0),
        rule(100.0, 680.0, 300.0, 680.0),
        rule(100.0, 660.0, 300.0, 660.0),
        rule(200.0, 660.0, 200.0, 700.0),
    ];
    let mut glyphs = text("左", 105.0, 686.0);
    glyphs.extend(text("右", 205.0, 666.0));
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    assert_eq!((p.tables[0].n_rows, p.tables[0].n_cols), (2, 2));
    assert_eq!(p.tables[0].cell_at(1, 1).unwrap().text, "右");
}

#[test]
fn overflow_clipped_at_the_border_stays_with_its_cell() {
    let rules = grid(&[100.0, 150.0, 300.0], &[700.0, 680.0]);
    // 「長い文字列です」 starts in the first cell and runs past x = 150 without a gap.
    let mut glyphs = text("長い文字列です", 102.0, 686.0);
    glyphs.extend(text("次", 160.0, 686.0));
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    let t = &p.tables[0];
    let first = t.cell_at(0, 0).unwrap();
    assert_eq!(first.text, "長い文字列です");
    assert!(first.clipped);
    let second = t.cell_at(0, 1).unwrap();
    assert_eq!(second.text, "次");
    assert!(!second.clipped);
}

/// Glyphs of several strings, each drawn under its clip (`None`: no clip), in this order;
/// the reader's `clipped_glyphs` flags the glyphs reaching outside their clip.
fn clipped_page(rules: Vec<Rule>, runs: Vec<(Vec<Glyph>, Option<[f64; 4]>)>) -> PageContent {
    let mut glyphs = Vec::new();
    let mut ids = Vec::new();
    let mut rects = Vec::new();
    for (gs, clip) in runs {
        let id = match clip {
            Some(r) => {
                rects.push(r);
                rects.len() as u32
            }
            None => 0,
        };
        ids.extend(std::iter::repeat_n(id, gs.len()));
        glyphs.extend(gs);
    }
    let mut p = page(rules, Vec::new(), glyphs);
    p.glyph_clips = ids;
    p.clip_rects = rects;
    p.clipped_glyphs = (0..p.glyphs.len())
        .filter(|i| {
            p.clip_of(*i).is_some_and(|c| {
                let b = p.glyphs[*i].bbox;
                b[0] < c[0] - 0.5 || b[2] > c[2] + 0.5
            })
        })
        .collect();
    p
}

/// The texts of row 0, column by column.
fn row0(p: &Page) -> Vec<(u32, String, bool)> {
    p.tables[0]
        .cells
        .iter()
        .filter(|c| c.row == 0)
        .map(|c| (c.col, c.text.clone(), c.clipped))
        .collect()
}

#[test]
fn text_clipped_at_a_filled_neighbour_leaves_the_neighbours_text_alone() {
    // LibreOffice: each cell's text under its own clip (the cell's column), drawn only up to
    // the glyph the border cuts; the next cell's text starts inside that cut glyph's box.
    let rules = grid(&[100.0, 150.0, 200.0, 250.0, 300.0], &[700.0, 680.0]);
    let col = |x0: f64, x1: f64| Some([x0, 600.0, x1, 720.0]);
    let runs = vec![
        (text("電子申請の拡", 102.0, 686.0), col(100.0, 150.0)),
        (text("デジタル推進", 151.0, 686.0), col(150.0, 200.0)),
        (text("電子申請件数", 201.0, 686.0), col(200.0, 250.0)),
        (text("1,200", 251.0, 686.0), None),
    ];
    let p = read_page(&clipped_page(rules, runs), &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "電子申請の拡".to_string(), true),
            (1, "デジタル推進".to_string(), true),
            (2, "電子申請件数".to_string(), true),
            (3, "1,200".to_string(), false),
        ]
    );
}

#[test]
fn latin_text_clipped_at_a_filled_neighbour_keeps_its_words() {
    let rules = grid(&[100.0, 150.0, 200.0], &[700.0, 680.0]);
    let col = |x0: f64, x1: f64| Some([x0, 600.0, x1, 720.0]);
    // "Online app" ends in a `p` cut at x = 150; "IT Division" starts inside that `p`, its
    // `I` itself cut at its left by its own clip.
    let mut online = text("Online", 102.0, 686.0);
    online.extend(text("app", 137.0, 686.0));
    let runs = vec![
        (online, col(100.0, 150.0)),
        (text("IT", 146.0, 686.0), col(150.0, 200.0)),
        (text("Division", 162.0, 686.0), col(150.0, 200.0)),
    ];
    let p = read_page(&clipped_page(rules, runs), &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "Online app".to_string(), true),
            (1, "IT Division".to_string(), true),
        ]
    );
}

#[test]
fn text_drawn_whole_and_cut_by_its_clip_stays_whole_with_its_cell() {
    // Excel style: the whole string drawn under the cell's clip, its tail invisible over the
    // neighbour, whose own text is drawn under the neighbour's clip.
    let rules = grid(&[100.0, 150.0, 300.0], &[700.0, 680.0]);
    let runs = vec![
        (
            text("次の文字", 152.0, 686.0),
            Some([150.0, 600.0, 300.0, 720.0]),
        ),
        (
            text("長い文字列です", 102.0, 686.0),
            Some([100.0, 600.0, 150.0, 720.0]),
        ),
    ];
    let p = read_page(&clipped_page(rules, runs), &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "長い文字列です".to_string(), true),
            (1, "次の文字".to_string(), false),
        ]
    );
}

#[test]
fn a_clip_set_again_to_the_same_rectangle_does_not_cut_the_run() {
    // One cell's string drawn in two pieces, the cell's clip set again before the second
    // (equal rectangle, a new clip for the reader); the second piece lies wholly past the
    // border, invisible. It stays with the run; the neighbour keeps its own text.
    let rules = grid(&[100.0, 150.0, 300.0], &[700.0, 680.0]);
    let own = Some([100.0, 600.0, 150.0, 720.0]);
    let runs = vec![
        (text("長い文字列", 102.0, 686.0), own),
        (text("です", 152.0, 686.0), own),
        (text("次", 175.0, 686.0), Some([150.0, 600.0, 300.0, 720.0])),
    ];
    let p = clipped_page(rules, runs);
    assert_ne!(p.glyph_clips[0], p.glyph_clips[5]);
    let p = read_page(&p, &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "長い文字列です".to_string(), true),
            (1, "次".to_string(), false),
        ]
    );
}

/// Rows 1..=3 of left-aligned labels at padding 2 in a 4-column grid (x = 100, 150, 200,
/// 250, 300), so the page's padding is known, and row 0 for the run under test.
fn padded_page(row0_runs: Vec<Vec<Glyph>>) -> PageContent {
    let rules = grid(
        &[100.0, 150.0, 200.0, 250.0, 300.0],
        &[700.0, 680.0, 660.0, 640.0, 620.0],
    );
    let mut glyphs: Vec<Glyph> = row0_runs.into_iter().flatten().collect();
    for (r, label) in ["一", "二", "三"].iter().enumerate() {
        glyphs.extend(text(label, 102.0, 666.0 - 20.0 * r as f64));
    }
    page(rules, Vec::new(), glyphs)
}

#[test]
fn right_aligned_text_spilling_over_an_empty_neighbour_belongs_where_it_ends() {
    // Row 0: "5" in column 0; column 1 empty; a right-aligned string of column 2 ending at
    // its right padding (x = 248) and starting inside column 1, not at its padding.
    let p = padded_page(vec![
        text("5", 102.0, 686.0),
        text("右寄せで空きセルへ", 158.0, 686.0),
    ]);
    let p = read_page(&p, &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "5".to_string(), false),
            (2, "右寄せで空きセルへ".to_string(), true),
        ]
    );
}

#[test]
fn left_aligned_text_ending_at_a_neighbours_padding_stays_where_it_starts() {
    // Starts at column 1's padding and happens to end at column 2's right padding too.
    let p = padded_page(vec![text("左寄せで長い取組名A", 152.0, 686.0)]);
    assert_eq!(p.glyphs[9].bbox[2], 247.0);
    let p = read_page(&p, &LayoutOptions::new());
    assert_eq!(row0(&p), vec![(1, "左寄せで長い取組名A".to_string(), true)]);
}

#[test]
fn without_a_known_padding_spilled_text_stays_where_it_starts() {
    // Fewer than three runs on the page start at a common padding: nothing is moved.
    let rules = grid(&[100.0, 150.0, 200.0, 250.0], &[700.0, 680.0]);
    let mut glyphs = text("5", 102.0, 686.0);
    glyphs.extend(text("右寄せで空きセルへ", 158.0, 686.0));
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "5".to_string(), false),
            (1, "右寄せで空きセルへ".to_string(), true),
        ]
    );
}

#[test]
fn text_cut_at_its_start_belongs_where_it_ends() {
    // Right-aligned text overflowing to the left: drawn from before its clip's left edge (the
    // start invisible), its clip the cell it belongs to plus the empty cell it spills into.
    let rules = grid(&[100.0, 150.0, 200.0, 250.0], &[700.0, 680.0]);
    let runs = vec![
        (text("5", 102.0, 686.0), None),
        (
            text("右寄せの長い担当課名", 145.0, 686.0),
            Some([150.0, 600.0, 250.0, 720.0]),
        ),
    ];
    let p = read_page(&clipped_page(rules, runs), &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "5".to_string(), false),
            (2, "右寄せの長い担当課名".to_string(), true),
        ]
    );
}

#[test]
fn centred_text_cut_on_both_sides_belongs_to_its_clip() {
    // Centred text wider than its cell, both neighbours filled: drawn from inside the left
    // neighbour to inside the right one under the middle cell's clip.
    let rules = grid(&[100.0, 150.0, 200.0, 250.0], &[700.0, 680.0]);
    let runs = vec![
        (text("6", 102.0, 686.0), None),
        (
            text("中央寄せの長い取組名です", 115.0, 686.0),
            Some([150.0, 600.0, 200.0, 720.0]),
        ),
        (text("課", 202.0, 686.0), None),
    ];
    let p = read_page(&clipped_page(rules, runs), &LayoutOptions::new());
    assert_eq!(
        row0(&p),
        vec![
            (0, "6".to_string(), false),
            (1, "中央寄せの長い取組名です".to_string(), true),
            (2, "課".to_string(), false),
        ]
    );
}

#[test]
fn a_glyph_cut_away_entirely_is_never_an_anchor_nor_placed_by_itself() {
    // The run's first glyph lies wholly left of its clip: the run belongs to its visible
    // part's cell, and the invisible glyph goes with it.
    let rules = grid(&[100.0, 150.0, 200.0], &[700.0, 680.0]);
    let runs = vec![(
        text("隠見える", 138.0, 686.0),
        Some([150.0, 600.0, 200.0, 720.0]),
    )];
    let p = read_page(&clipped_page(rules, runs), &LayoutOptions::new());
    assert_eq!(row0(&p), vec![(1, "隠見える".to_string(), true)]);
}

#[test]
fn latin_words_keep_their_spaces() {
    let rules = grid(&[100.0, 300.0], &[700.0, 680.0, 660.0]);
    let mut glyphs = text("AI RPA", 105.0, 686.0);
    glyphs.extend(text("x", 105.0, 666.0));
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    assert_eq!(p.tables[0].cell_at(0, 0).unwrap().text, "AI RPA");
}

/// A line wrapped after a drawn space keeps that space at its end as drawn: an ideographic
/// space (Chromium wraps `facebook　681` there) stays U+3000, an ASCII one stays ASCII.
#[test]
fn a_wrap_keeps_the_space_it_was_drawn_with() {
    for (sp, want) in [
        ("\u{3000}", "facebook\u{3000}\n681"),
        (" ", "facebook \n681"),
    ] {
        let rules = grid(&[100.0, 300.0], &[700.0, 660.0, 640.0]);
        let mut glyphs = text(&format!("facebook{sp}"), 105.0, 686.0);
        glyphs.extend(text("681", 105.0, 672.0));
        glyphs.extend(text("x", 105.0, 646.0));
        let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
        assert_eq!(p.tables[0].cell_at(0, 0).unwrap().text, want);
    }
}

#[test]
fn loose_text_becomes_blocks_in_reading_order() {
    let rules = grid(&[100.0, 200.0, 300.0], &[500.0, 480.0, 460.0]);
    let mut glyphs = text("見出し", 100.0, 600.0);
    glyphs.extend(text("凡例", 100.0, 400.0));
    glyphs.extend(text("表", 105.0, 486.0));
    let p = read_page(&page(rules, Vec::new(), glyphs), &LayoutOptions::new());
    let blocks: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(blocks, vec!["見出し", "凡例"]);
}

#[test]
fn aligned_unruled_text_is_a_stream_table() {
    let mut glyphs = Vec::new();
    for (i, (a, b)) in [("年度", "目標"), ("R4", "250件"), ("R5", "300件")]
        .iter()
        .enumerate()
    {
        let y = 700.0 - 14.0 * i as f64;
        glyphs.extend(text(a, 100.0, y));
        glyphs.extend(text(b, 200.0, y));
    }
    let p = read_page(&page(Vec::new(), Vec::new(), glyphs), &LayoutOptions::new());
    assert_eq!(p.tables.len(), 1);
    assert_eq!(
        cells(&p),
        vec![
            (0, 0, 1, 1, "年度".to_string()),
            (0, 1, 1, 1, "目標".to_string()),
            (1, 0, 1, 1, "R4".to_string()),
            (1, 1, 1, 1, "250件".to_string()),
            (2, 0, 1, 1, "R5".to_string()),
            (2, 1, 1, 1, "300件".to_string()),
        ]
    );
}

mod continued {
    use super::*;
    use crate::{PageLayout, continued::merge, layout_page, to_table};

    fn lay(p: PageContent) -> PageLayout {
        layout_page(&p, &LayoutOptions::new())
    }

    #[test]
    fn repeated_header_is_dropped() {
        let xs = [100.0, 200.0, 300.0];
        let mut g1 = text("年度", 105.0, 686.0);
        g1.extend(text("目標", 205.0, 686.0));
        g1.extend(text("R4", 105.0, 666.0));
        g1.extend(text("1", 205.0, 666.0));
        let mut g2 = text("年度", 105.0, 786.0);
        g2.extend(text("目標", 205.0, 786.0));
        g2.extend(text("R5", 105.0, 766.0));
        g2.extend(text("2", 205.0, 766.0));
        let mut p2 = page(grid(&xs, &[800.0, 780.0, 760.0]), Vec::new(), g2);
        p2.number = 2;
        let mut pages = vec![
            lay(page(grid(&xs, &[700.0, 680.0, 660.0]), Vec::new(), g1)),
            lay(p2),
        ];
        merge(&mut pages, &[]);
        assert!(pages[1].tables.is_empty());
        let t = to_table(pages[0].tables[0].clone());
        assert_eq!(t.n_rows, 3);
        let texts: Vec<&str> = t.cells.iter().map(|c| c.text.as_str()).collect();
        assert_eq!(texts, vec!["年度", "目標", "R4", "1", "R5", "2"]);
        let last = t.cell_at(2, 0).unwrap();
        assert!(matches!(
            last.location,
            muniplan_ir::Location::Pdf { page: 2, .. }
        ));
    }

    #[test]
    fn row_cut_by_the_page_break_is_joined() {
        let xs = [100.0, 200.0, 300.0];
        // Page 1: header row and a row without a bottom border (vertical rules run on).
        let mut r1 = vec![
            rule(100.0, 700.0, 300.0, 700.0),
            rule(100.0, 680.0, 300.0, 680.0),
        ];
        r1.extend(xs.iter().map(|x| rule(*x, 640.0, *x, 700.0)));
        let mut g1 = text("項目", 105.0, 686.0);
        g1.extend(text("内容", 205.0, 686.0));
        g1.extend(text("前半", 105.0, 666.0));
        g1.extend(text("一行目", 205.0, 666.0));
        // Page 2: the rest of that row without a top border, then one more row.
        let mut r2 = vec![
            rule(100.0, 780.0, 300.0, 780.0),
            rule(100.0, 760.0, 300.0, 760.0),
        ];
        r2.extend(xs.iter().map(|x| rule(*x, 760.0, *x, 800.0)));
        let mut g2 = text("二行目", 205.0, 786.0);
        g2.extend(text("次", 105.0, 766.0));
        let mut p2 = page(r2, Vec::new(), g2);
        p2.number = 2;
        let mut pages = vec![lay(page(r1, Vec::new(), g1)), lay(p2)];
        merge(&mut pages, &[]);
        let t = to_table(pages[0].tables[0].clone());
        assert_eq!(t.n_rows, 3);
        assert_eq!(t.cell_at(1, 1).unwrap().text, "一行目\n二行目");
        assert_eq!(t.cell_at(2, 0).unwrap().text, "次");
    }

    /// A card page: heading lines above the card, the card's grid (the same frame on every
    /// page), a page number at the bottom; `extra` glyphs on top.
    fn card_page(number: u32, headings: &[&str], rows: &[(&str, &str)]) -> PageContent {
        let xs = [100.0, 200.0, 300.0];
        let mut ys = vec![700.0];
        let mut g = Vec::new();
        for (i, h) in headings.iter().enumerate() {
            g.extend(text(h, 100.0, 760.0 - 20.0 * i as f64));
        }
        for (i, (a, b)) in rows.iter().enumerate() {
            let top = 700.0 - 20.0 * i as f64;
            ys.push(top - 20.0);
            g.extend(text(a, 105.0, top - 14.0));
            g.extend(text(b, 205.0, top - 14.0));
        }
        g.extend(text(&format!("- {number} -"), 290.0, 30.0));
        let mut p = page(grid(&xs, &ys), Vec::new(), g);
        p.number = number;
        p
    }

    #[test]
    fn a_heading_between_same_frames_ends_the_table() {
        // One card per page, every card in the same frame, each under its own heading (the
        // first heading line repeats: both cards belong to the same chapter).
        let contents = vec![
            card_page(
                1,
                &["1 財政", "① 収納率の向上"],
                &[("指標", "収納率"), ("目標", "97%")],
            ),
            card_page(
                2,
                &["1 財政", "② 債権の回収"],
                &[("指標", "回収額"), ("目標", "10件")],
            ),
        ];
        let (pages, _, decisions) = crate::read_pages_explained(&contents, &LayoutOptions::new());
        assert_eq!(pages[0].tables.len(), 1);
        assert_eq!(pages[1].tables.len(), 1);
        assert_eq!(pages[0].tables[0].n_rows, 2);
        assert_eq!(decisions.len(), 1);
        assert!(!decisions[0].continued);
        assert!(
            decisions[0].reason.contains("② 債権の回収"),
            "{}",
            decisions[0].reason
        );
    }

    #[test]
    fn page_numbers_titles_and_repeated_headers_continue_over_three_pages() {
        // A long table over three pages: the same document title above it on every page, a
        // page number below it, the header row repeated at the top of each part.
        let title = "行政改革実施計画";
        let contents = vec![
            card_page(1, &[title], &[("年度", "目標"), ("R2", "1"), ("R3", "2")]),
            card_page(2, &[title], &[("年度", "目標"), ("R4", "3"), ("R5", "4")]),
            card_page(3, &[title], &[("年度", "目標"), ("R6", "5")]),
        ];
        let (pages, _, decisions) = crate::read_pages_explained(&contents, &LayoutOptions::new());
        assert_eq!(pages[0].tables.len(), 1);
        assert!(pages[1].tables.is_empty() && pages[2].tables.is_empty());
        let t = &pages[0].tables[0];
        assert_eq!(t.n_rows, 6);
        let col0: Vec<&str> = t
            .cells
            .iter()
            .filter(|c| c.col == 0)
            .map(|c| c.text.as_str())
            .collect();
        assert_eq!(col0, vec!["年度", "R2", "R3", "R4", "R5", "R6"]);
        assert_eq!(decisions.len(), 2);
        for d in &decisions {
            assert!(d.continued, "{}", d.reason);
            assert!(d.reason.contains("1 repeated header row"), "{}", d.reason);
        }
    }

    #[test]
    fn text_printed_once_is_no_running_material() {
        // The same page number shape but a one-off note under the first part: ended.
        let mut first = card_page(1, &["表1"], &[("年度", "目標"), ("R2", "1")]);
        first.glyphs.extend(text("注：見込み値", 100.0, 640.0));
        let contents = vec![first, card_page(2, &[], &[("年度", "目標"), ("R3", "2")])];
        let (pages, _, decisions) = crate::read_pages_explained(&contents, &LayoutOptions::new());
        assert_eq!(pages[1].tables.len(), 1);
        assert!(
            decisions[0].reason.contains("注：見込み値"),
            "{}",
            decisions[0].reason
        );
        // Without the note the same pages are one table.
        let contents = vec![
            card_page(1, &["表1"], &[("年度", "目標"), ("R2", "1")]),
            card_page(2, &[], &[("年度", "目標"), ("R3", "2")]),
        ];
        let (pages, _, decisions) = crate::read_pages_explained(&contents, &LayoutOptions::new());
        assert!(pages[1].tables.is_empty());
        assert!(decisions[0].continued, "{}", decisions[0].reason);
    }

    #[test]
    fn a_title_repeated_with_an_addition_continues() {
        let run = |second: &str| {
            let contents = vec![
                card_page(1, &["表2 取組の一覧"], &[("年度", "目標"), ("R2", "1")]),
                card_page(2, &[second], &[("年度", "目標"), ("R3", "2")]),
            ];
            crate::read_pages_explained(&contents, &LayoutOptions::new()).2
        };
        let d = run("表2 取組の一覧（続き）");
        assert!(d[0].continued, "{}", d[0].reason);
        assert!(d[0].reason.contains("a title repeated"), "{}", d[0].reason);
        // Another title, or the same title buried in a long sentence, ends the table.
        assert!(!run("表3 財政指標の一覧")[0].continued);
        assert!(!run("表2 取組の一覧に掲げた各取組のうち令和3年度に見直したもの")[0].continued);
    }

    #[test]
    fn different_columns_are_not_merged() {
        let mut p2 = page(
            grid(&[50.0, 120.0, 400.0], &[800.0, 780.0, 760.0]),
            Vec::new(),
            text("別", 55.0, 786.0),
        );
        p2.number = 2;
        let mut pages = vec![
            lay(page(
                grid(&[100.0, 200.0, 300.0], &[700.0, 680.0, 660.0]),
                Vec::new(),
                text("表", 105.0, 686.0),
            )),
            lay(p2),
        ];
        merge(&mut pages, &[]);
        assert_eq!(pages[1].tables.len(), 1);
    }
}

#[test]
fn too_many_rules_is_a_warning_not_a_stall() {
    let rules: Vec<Rule> = (0..(crate::MAX_SEGMENTS + 1))
        .map(|i| {
            let y = 10.0 + (i % 800) as f64;
            let x = 10.0 + (i / 800) as f64 * 40.0;
            rule(x, y, x + 30.0, y)
        })
        .collect();
    let l = crate::layout_page(
        &page(rules, Vec::new(), text("字", 5.0, 5.0)),
        &LayoutOptions::new(),
    );
    assert!(l.tables.is_empty());
    assert_eq!(l.diagnostics.len(), 1);
    assert_eq!(l.diagnostics[0].code, "too-many-rules");
}

#[test]
fn glyphs_the_reader_saw_clipped_flag_their_cell() {
    let rules = grid(&[100.0, 200.0, 300.0], &[700.0, 680.0]);
    let mut glyphs = text("切れ", 105.0, 686.0);
    glyphs.extend(text("全部", 205.0, 686.0));
    let mut p = page(rules, Vec::new(), glyphs);
    p.clipped_glyphs = vec![1];
    let p = read_page(&p, &LayoutOptions::new());
    let t = &p.tables[0];
    assert!(t.cell_at(0, 0).unwrap().clipped);
    assert!(!t.cell_at(0, 1).unwrap().clipped);
}

/// Random rules, fills and glyphs (NaN, huge, negative, degenerate included) never panic and
/// always give sorted, in-range cells.
#[test]
fn random_pages_never_panic() {
    let mut seed: u64 = 0x9E37_79B9_7F4A_7C15;
    let mut next = move || {
        seed ^= seed << 13;
        seed ^= seed >> 7;
        seed ^= seed << 17;
        seed
    };
    let coord = |next: &mut dyn FnMut() -> u64| -> f64 {
        match next() % 23 {
            0 => f64::NAN,
            1 => f64::INFINITY,
            2 => -1e9,
            3 => 1e12,
            _ => (next() % 6000) as f64 / 10.0,
        }
    };
    for round in 0..300 {
        let mut rules = Vec::new();
        let mut fills = Vec::new();
        let mut glyphs = Vec::new();
        let n = (next() % 60) as usize;
        for _ in 0..n {
            let (a, b, c) = (coord(&mut next), coord(&mut next), coord(&mut next));
            match next() % 3 {
                0 => rules.push(rule(a, b, c, b)),
                1 => rules.push(rule(a, b, a, c)),
                _ => fills.push(FillRect {
                    bbox: [a, b, a + (next() % 30) as f64 / 10.0, c],
                    color: None,
                }),
            }
        }
        for _ in 0..(next() % 80) {
            let mut g = glyph(
                if next() % 2 == 0 { "字" } else { "a" },
                coord(&mut next),
                coord(&mut next),
            );
            g.vertical = next() % 7 == 0;
            glyphs.push(g);
        }
        let mut p = page(rules, fills, glyphs);
        p.number = round + 1;
        let contents = vec![p.clone(), p];
        let (pages, _) = crate::read_pages(&contents, &LayoutOptions::new());
        for pg in pages {
            for t in pg.tables {
                let keys: Vec<(u32, u32)> = t.cells.iter().map(|c| (c.row, c.col)).collect();
                let mut sorted = keys.clone();
                sorted.sort();
                sorted.dedup();
                assert_eq!(keys, sorted);
                for c in &t.cells {
                    assert!(c.row + c.row_span <= t.n_rows, "{c:?} in {} rows", t.n_rows);
                    assert!(c.col + c.col_span <= t.n_cols, "{c:?} in {} cols", t.n_cols);
                }
            }
        }
    }
}

#[test]
fn two_columns_of_prose_are_not_a_stream_table() {
    let mut glyphs = Vec::new();
    for i in 0..4 {
        let y = 700.0 - 14.0 * i as f64;
        glyphs.extend(text(
            "市民活動団体と市が共通する地域課題を解決するため",
            50.0,
            y,
        ));
        glyphs.extend(text(
            "市民協働推進課が事業を広報し取組を周知した結果",
            600.0,
            y,
        ));
    }
    let mut p = page(Vec::new(), Vec::new(), glyphs);
    p.size = [1200.0, 842.0];
    let p = read_page(&p, &LayoutOptions::new());
    assert!(p.tables.is_empty());
}

#[test]
fn stacked_heading_lines_stay_lines() {
    // Writer prints set stacked heading lines 0.1 pt apart (glyph boxes 10 pt high).
    let mut g = text("4 健全な財政運営", 40.0, 790.0);
    g.extend(text("(1) 歳出の削減と財源の確保", 40.0, 779.9));
    g.extend(text("④ 市税の収納率の向上", 40.0, 769.8));
    let p = read_page(&page(Vec::new(), Vec::new(), g), &LayoutOptions::new());
    let texts: Vec<&str> = p.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(
        texts,
        vec!["4 健全な財政運営\n(1) 歳出の削減と財源の確保\n④ 市税の収納率の向上"]
    );
}

#[test]
fn frames_side_by_side_with_aligned_rows_are_one_table() {
    // A card whose spacer column (250–262) is printed without any border: the left frame
    // has two rows, the right one three on the same lines plus one more.
    let mut rules = grid(&[50.0, 150.0, 250.0], &[700.0, 680.0, 640.0]);
    rules.extend(grid(&[262.0, 320.0, 380.0], &[700.0, 680.0, 660.0, 640.0]));
    let mut g = text("指標", 55.0, 686.0);
    g.extend(text("基準", 155.0, 686.0));
    g.extend(text("年度", 265.0, 686.0));
    g.extend(text("R6", 325.0, 686.0));
    g.extend(text("件数", 55.0, 656.0));
    g.extend(text("目標", 265.0, 666.0));
    g.extend(text("実績", 265.0, 646.0));
    let p = read_page(&page(rules, Vec::new(), g), &LayoutOptions::new());
    assert_eq!(p.tables.len(), 1);
    let t = &p.tables[0];
    assert_eq!((t.n_rows, t.n_cols), (3, 5));
    let c = t.cell_at(1, 0).unwrap();
    assert_eq!((c.text.as_str(), c.row_span), ("件数", 2));
    assert_eq!(t.cell_at(2, 3).unwrap().text, "実績");
    assert_eq!(t.cell_at(0, 3).unwrap().text, "年度");

    // Rows that do not line up (the right frame ends higher): two tables, read left first
    // although the right one's top is drawn a fraction of a point higher.
    let mut rules = grid(&[50.0, 150.0, 250.0], &[700.0, 680.0, 640.0]);
    rules.extend(grid(&[262.0, 320.0, 380.0], &[700.4, 680.0, 660.0]));
    let mut g = text("指標", 55.0, 686.0);
    g.extend(text("年度", 265.0, 686.0));
    let p = read_page(&page(rules, Vec::new(), g), &LayoutOptions::new());
    assert_eq!(p.tables.len(), 2);
    assert_eq!(p.tables[0].cell_at(0, 0).unwrap().text, "指標");
    assert_eq!(p.tables[1].cell_at(0, 0).unwrap().text, "年度");
}

#[test]
fn one_frame_over_an_unruled_spacer_column_is_one_table() {
    // The frame's top and bottom run over the spacer column (250–262), which has no rules of
    // its own: the inner row lines stop at its edges.
    let mut rules = vec![
        rule(50.0, 700.0, 380.0, 700.0),
        rule(50.0, 640.0, 380.0, 640.0),
    ];
    rules.push(rule(50.0, 680.0, 250.0, 680.0));
    rules.push(rule(262.0, 680.0, 380.0, 680.0));
    rules.push(rule(262.0, 660.0, 380.0, 660.0));
    for x in [50.0, 150.0, 250.0, 262.0, 320.0, 380.0] {
        rules.push(rule(x, 640.0, x, 700.0));
    }
    let mut g = text("指標", 55.0, 686.0);
    g.extend(text("件数", 55.0, 656.0));
    g.extend(text("年度", 265.0, 686.0));
    g.extend(text("目標", 265.0, 666.0));
    g.extend(text("実績", 265.0, 646.0));
    let p = read_page(&page(rules, Vec::new(), g), &LayoutOptions::new());
    assert_eq!(p.tables.len(), 1);
    let t = &p.tables[0];
    assert_eq!((t.n_rows, t.n_cols), (3, 5));
    let c = t.cell_at(1, 0).unwrap();
    assert_eq!((c.text.as_str(), c.row_span), ("件数", 2));
    assert_eq!(t.cell_at(2, 3).unwrap().text, "実績");
}
