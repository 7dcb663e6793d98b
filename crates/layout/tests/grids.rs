//! Grid tests on the committed fixtures: PDF-derived grids against the xlsx they were
//! exported from, golden dumps of the Chromium prints, and tables continued across pages.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use std::path::{Path, PathBuf};

use muniplan_ir::{Cell, LayoutDoc, Table};

fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn layout(pdf: &Path) -> LayoutDoc {
    let bytes = std::fs::read(pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let doc = muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default())
        .unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    muniplan_layout::read_document(&doc)
}

fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

/// One grid row as compared: (col, row_span, col_span, text without whitespace, clipped).
type Row = Vec<(u32, u32, u32, String, bool)>;

/// Rows that hold at least one cell (non-blank or merged), in order, with their source row.
fn rows(t: &Table) -> Vec<(u32, Row)> {
    let mut out: Vec<(u32, Row)> = Vec::new();
    for c in &t.cells {
        if c.is_blank() && c.row_span == 1 && c.col_span == 1 {
            continue;
        }
        let entry = (c.col, c.row_span, c.col_span, squash(&c.text), c.clipped);
        match out.last_mut() {
            Some((r, v)) if *r == c.row => v.push(entry),
            _ => out.push((c.row, vec![entry])),
        }
    }
    out
}

/// Does PDF row `p` equal xlsx row `x` with the xlsx shifted left by `off` columns?
fn row_eq(p: &Row, x: &Row, off: u32) -> bool {
    p.len() == x.len()
        && p.iter().zip(x).all(|(a, b)| {
            a.0 + off == b.0 && a.1 == b.1 && a.2 == b.2 && (a.3 == b.3 || (a.4 && !a.3.is_empty()))
        })
}

struct Compared {
    rows: usize,
    cells: usize,
    exact_lines: usize,
    clipped: usize,
}

/// Compare every PDF table (in document order) with the workbook's sheets: each PDF table's
/// rows must be consecutive non-empty rows of the workbook (after a column shift found from
/// its first row); xlsx rows skipped between tables must appear in the PDF's loose blocks.
fn compare(pdf: &Path, xlsx: &Path, whole: bool) -> Compared {
    let doc = layout(pdf);
    let bytes = std::fs::read(xlsx).unwrap();
    let name = xlsx.file_name().unwrap().to_string_lossy().into_owned();
    let book = muniplan_sheet::read(&bytes, &name, &muniplan_sheet::SheetOptions::new()).unwrap();
    // The workbook as one sequence of (sheet, row) entries.
    let mut xrows: Vec<(usize, u32, Row)> = Vec::new();
    let mut xcells: Vec<Vec<&Cell>> = Vec::new();
    for (si, page) in book.pages.iter().enumerate() {
        for t in &page.tables {
            for (r, row) in rows(t) {
                xrows.push((si, r, row));
                xcells.push(t.row(r).collect());
            }
        }
    }
    let blocks: String = doc
        .pages
        .iter()
        .flat_map(|p| p.blocks.iter().map(|b| squash(&b.text)))
        .collect();
    let tables: Vec<&Table> = doc.pages.iter().flat_map(|p| p.tables.iter()).collect();
    assert!(!tables.is_empty(), "{}: no table found", pdf.display());
    let mut at = 0usize;
    let mut out = Compared {
        rows: 0,
        cells: 0,
        exact_lines: 0,
        clipped: 0,
    };
    // Where a row starts in the workbook at or after `from`, and the column shift.
    let find = |row: &Row, from: usize| {
        (from..xrows.len()).find_map(|k| {
            let (_, _, x) = xrows.get(k)?;
            let off = x.first()?.0.checked_sub(row.first()?.0)?;
            row_eq(row, x, off).then_some((k, off))
        })
    };
    // Workbook rows the PDF has no table row for must be loose text in the PDF.
    let skipped_are_blocks = |from: usize, to: usize, what: &str| {
        for (_, _, skipped) in xrows.get(from..to).unwrap_or_default() {
            for cell in skipped {
                assert!(
                    blocks.contains(&cell.3),
                    "{}: workbook text {:?} {what} is neither in a table nor in a block",
                    pdf.display(),
                    cell.3
                );
            }
        }
    };
    let page_of = |t: &Table, row: u32| {
        t.row(row).find_map(|c| match c.location {
            muniplan_ir::Location::Pdf { page, .. } => Some(page),
            _ => None,
        })
    };
    for (ti, t) in tables.iter().enumerate() {
        let prow = rows(t);
        let Some((_, first)) = prow.first() else {
            continue;
        };
        let Some((mut k, mut off)) = find(first, at) else {
            panic!(
                "{}: table {ti}: first row {first:?} not found in the workbook after row {at}",
                pdf.display()
            );
        };
        skipped_are_blocks(at, k, &format!("before table {ti}"));
        let mut prev_page = page_of(t, prow.first().map(|r| r.0).unwrap_or(0));
        for (prow_n, p) in &prow {
            let Some((s, xr, x)) = xrows.get(k) else {
                panic!(
                    "{}: table {ti} row {prow_n}: past the workbook's end",
                    pdf.display()
                );
            };
            let page = page_of(t, *prow_n);
            let (s, xr, x) = if !row_eq(p, x, off) && page != prev_page {
                // A continued table may leave out workbook rows printed as loose text at the
                // bottom of a page (a legend under a sheet's table) and go on with the next
                // sheet when the next sheet's table has the same columns.
                match find(p, k) {
                    Some((k2, off2)) => {
                        skipped_are_blocks(k, k2, &format!("inside table {ti} at a page break"));
                        k = k2;
                        off = off2;
                        let (s, xr, x) = xrows.get(k).unwrap();
                        (s, xr, x)
                    }
                    None => (s, xr, x),
                }
            } else {
                (s, xr, x)
            };
            let _ = s;
            prev_page = page;
            if !row_eq(p, x, off) {
                let diff: Vec<String> = p
                    .iter()
                    .zip(x)
                    .filter(|(a, b)| !row_eq(&vec![(*a).clone()], &vec![(*b).clone()], off))
                    .map(|(a, b)| format!("\n pdf:  {a:?}\n xlsx: {b:?}"))
                    .collect();
                panic!(
                    "{}: table {ti} row {prow_n} differs from workbook row {} ({} vs {} cells):{}",
                    pdf.display(),
                    xr + 1,
                    p.len(),
                    x.len(),
                    diff.concat()
                );
            }
            out.rows += 1;
            out.cells += p.len();
            out.clipped += p.iter().filter(|c| c.4).count();
            // Exact line check where LibreOffice did not re-wrap: the cell's lines joined
            // equal the workbook text exactly.
            let pdf_cells: Vec<&Cell> = t
                .row(*prow_n)
                .filter(|c| !c.is_blank() || c.row_span > 1 || c.col_span > 1)
                .collect();
            if let Some(xc) = xcells.get(k) {
                for (pc, xc) in pdf_cells.iter().zip(xc.iter()) {
                    if pc.text == xc.text || pc.text.replace('\n', "") == xc.text.replace('\n', "")
                    {
                        out.exact_lines += 1;
                    }
                }
            }
            k += 1;
        }
        at = k;
    }
    if whole {
        // The export holds the whole workbook: what follows the last table is loose text.
        for (_, _, rest) in xrows.get(at..).unwrap_or_default() {
            for cell in rest {
                assert!(
                    blocks.contains(&cell.3),
                    "{}: workbook text {:?} after the last table is neither in a table nor in a block",
                    pdf.display(),
                    cell.3
                );
            }
        }
    }
    out
}

/// (PDF, xlsx, the PDF holds the whole workbook).
fn pairs() -> Vec<(PathBuf, PathBuf, bool)> {
    let root = root();
    // The producers' export holds pages 1–2 (cards 1–2) of the 31-card workbook.
    let mut v = vec![(
        root.join("fixtures/pdf/producers/libreoffice-calc-minamialps-jisshikeikaku.pdf"),
        root.join("fixtures/minamialps/minamialps_jisshikeikaku.xlsx"),
        false,
    )];
    // Family fixtures: `<stem>.xlsx` with its LibreOffice export `<stem>.pdf` next to it.
    if let Ok(dirs) = std::fs::read_dir(root.join("fixtures")) {
        let mut dirs: Vec<PathBuf> = dirs.flatten().map(|d| d.path()).collect();
        dirs.sort();
        for d in dirs {
            let Ok(files) = std::fs::read_dir(&d) else {
                continue;
            };
            let mut files: Vec<PathBuf> = files.flatten().map(|f| f.path()).collect();
            files.sort();
            for f in files {
                if f.extension().is_some_and(|e| e == "xlsx") {
                    let pdf = f.with_extension("pdf");
                    if pdf.exists() {
                        v.push((pdf, f, true));
                    }
                }
            }
        }
    }
    v
}

#[test]
fn libreoffice_exports_match_their_xlsx() {
    let pairs = pairs();
    assert!(!pairs.is_empty());
    for (pdf, xlsx, whole) in &pairs {
        let c = compare(pdf, xlsx, *whole);
        eprintln!(
            "{}: {} rows, {} cells equal to the xlsx ({} with identical lines, {} clipped)",
            pdf.strip_prefix(root()).unwrap_or(pdf).display(),
            c.rows,
            c.cells,
            c.exact_lines,
            c.clipped
        );
        assert!(c.rows > 0);
    }
}

/// PDFs printed by Chromium (and LibreOffice exports without a source workbook), checked
/// against a reviewed dump under `tests/golden/`; `UPDATE_EXPECT=1` rewrites the dumps.
fn golden_pdfs() -> Vec<PathBuf> {
    let root = root();
    let mut v = Vec::new();
    let mut add_dir = |dir: PathBuf, keep: &dyn Fn(&str) -> bool| {
        if let Ok(files) = std::fs::read_dir(dir) {
            let mut files: Vec<PathBuf> = files.flatten().map(|f| f.path()).collect();
            files.sort();
            for f in files {
                let name = f.file_name().unwrap().to_string_lossy().into_owned();
                if name.ends_with(".pdf") && keep(&name) {
                    v.push(f);
                }
            }
        }
    };
    add_dir(root.join("fixtures/pdf/producers"), &|n: &str| {
        n.starts_with("chromium-") || n.starts_with("libreoffice-calc-")
    });
    if let Ok(dirs) = std::fs::read_dir(root.join("fixtures")) {
        let mut dirs: Vec<PathBuf> = dirs.flatten().map(|d| d.path()).collect();
        dirs.sort();
        for d in dirs {
            add_dir(d, &|n: &str| n.ends_with(".chromium.pdf"));
        }
    }
    // This crate's own: an unruled table (stream fallback).
    add_dir(
        Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data"),
        &|_: &str| true,
    );
    v
}

#[test]
fn golden_grids() {
    let update = std::env::var_os("UPDATE_EXPECT").is_some();
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/golden");
    let pdfs = golden_pdfs();
    assert!(
        pdfs.len() >= 4,
        "expected the producer fixtures, found {pdfs:?}"
    );
    let mut failures = Vec::new();
    for pdf in pdfs {
        let got = muniplan_layout::dump(&layout(&pdf), false);
        let name = pdf
            .file_name()
            .unwrap()
            .to_string_lossy()
            .replace(".pdf", ".txt");
        let path = dir.join(&name);
        if update {
            std::fs::create_dir_all(&dir).unwrap();
            std::fs::write(&path, &got).unwrap();
            continue;
        }
        match std::fs::read_to_string(&path) {
            Ok(want) if want == got => {}
            Ok(_) => failures.push(format!(
                "{name}: differs (UPDATE_EXPECT=1 to rewrite)\n{got}"
            )),
            Err(_) => failures.push(format!("{name}: no golden file (UPDATE_EXPECT=1 to write)")),
        }
    }
    assert!(failures.is_empty(), "{}", failures.join("\n"));
}

/// Every multi-page fixture whose table runs onto the next page reads as one logical table
/// holding rows from both pages, and no row of it repeats the table's header row.
#[test]
fn multi_page_tables_are_one_logical_table() {
    let root = root();
    let mut pdfs = vec![
        root.join("fixtures/pdf/producers/chromium-ipaex-nomi-items.pdf"),
        root.join("fixtures/pdf/producers/libreoffice-calc-nomi-items.pdf"),
        root.join("fixtures/pdf/producers/libreoffice-calc-minamialps-jisshikeikaku.pdf"),
    ];
    for (pdf, _, _) in pairs() {
        if !pdfs.contains(&pdf) {
            pdfs.push(pdf);
        }
    }
    pdfs.extend(
        golden_pdfs()
            .into_iter()
            .filter(|p| p.to_string_lossy().ends_with(".chromium.pdf")),
    );
    let mut checked = 0;
    for pdf in pdfs {
        let doc = layout(&pdf);
        if doc.pages.len() < 2 {
            continue;
        }
        // Tables holding cells from more than one page.
        let spanning: Vec<&Table> = doc
            .pages
            .iter()
            .flat_map(|p| p.tables.iter())
            .filter(|t| {
                let mut pages: Vec<u32> = t
                    .cells
                    .iter()
                    .filter_map(|c| match c.location {
                        muniplan_ir::Location::Pdf { page, .. } => Some(page),
                        _ => None,
                    })
                    .collect();
                pages.dedup();
                pages.len() > 1
            })
            .collect();
        assert!(
            !spanning.is_empty(),
            "{}: no table continues across pages",
            pdf.display()
        );
        for t in &spanning {
            assert!(t.continues.is_none());
            let header: Vec<String> = t.row(0).map(|c| c.text.clone()).collect();
            if header.len() < 2 {
                continue; // a title row, not a column header
            }
            for r in 1..t.n_rows {
                let row: Vec<String> = t.row(r).map(|c| c.text.clone()).collect();
                assert_ne!(row, header, "{}: header repeated at row {r}", pdf.display());
            }
        }
        checked += 1;
    }
    assert!(checked >= 3);
}

/// The 2-page LibreOffice export of the 南アルプス市 xlsx is ONE table of both cards.
#[test]
fn minamialps_export_is_one_table_of_two_cards() {
    let doc = layout(
        &root().join("fixtures/pdf/producers/libreoffice-calc-minamialps-jisshikeikaku.pdf"),
    );
    let tables: Vec<&Table> = doc.pages.iter().flat_map(|p| p.tables.iter()).collect();
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    assert_eq!((t.n_rows, t.n_cols), (24, 6));
    let labels: Vec<&str> = t
        .cells
        .iter()
        .filter(|c| c.col == 0 && c.text == "目標値")
        .map(|c| c.text.as_str())
        .collect();
    assert_eq!(labels.len(), 2);
}

fn count_cells(doc: &LayoutDoc, text: &str) -> usize {
    doc.pages
        .iter()
        .flat_map(|p| p.tables.iter())
        .flat_map(|t| t.cells.iter())
        .filter(|c| c.text == text)
        .count()
}

/// あま市: three sheets printed on 7 pages with print titles (rows 1–2 repeated on every
/// page): one logical table, each sheet's header band kept once, the repeats dropped.
#[test]
fn amashi_print_titles_are_not_repeated() {
    let pdf = root().join("fixtures/amashi/amashi_kobetsu_torikumi.pdf");
    let doc = layout(&pdf);
    assert!(doc.pages.len() >= 5);
    let tables: Vec<&Table> = doc.pages.iter().flat_map(|p| p.tables.iter()).collect();
    assert_eq!(tables.len(), 1);
    // One header band per sheet (3 sheets), although more pages than sheets were printed.
    assert_eq!(count_cells(&doc, "個別取組項目"), 3);
    assert_eq!(count_cells(&doc, "区分"), 3);
}

/// 厚木市 printed by Chromium: the three-row <thead> repeated on page 2 is dropped.
#[test]
fn atsugi_chromium_thead_is_not_repeated() {
    let pdf = root().join("fixtures/atsugi/atsugi_torikumi_kekka.chromium.pdf");
    let doc = layout(&pdf);
    assert_eq!(doc.pages.len(), 2);
    let tables: Vec<&Table> = doc.pages.iter().flat_map(|p| p.tables.iter()).collect();
    assert_eq!(tables.len(), 1);
    assert_eq!(count_cells(&doc, "分類"), 1);
    assert_eq!(count_cells(&doc, "計画と取組状況"), 1);
}

/// Every PDF fixture that opens without a password lays out: pages as many as the reader's,
/// cells sorted and inside their grid.
#[test]
fn every_fixture_pdf_lays_out() {
    fn walk(dir: &Path, out: &mut Vec<PathBuf>) {
        if let Ok(rd) = std::fs::read_dir(dir) {
            for e in rd.flatten() {
                let p = e.path();
                if p.is_dir() {
                    walk(&p, out);
                } else if p.extension().is_some_and(|x| x == "pdf") {
                    out.push(p);
                }
            }
        }
    }
    let mut pdfs = Vec::new();
    walk(&root().join("fixtures"), &mut pdfs);
    pdfs.sort();
    let mut n = 0;
    for pdf in pdfs {
        let bytes = std::fs::read(&pdf).unwrap();
        let Ok(doc) = muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default()) else {
            continue; // encrypted with a user password, or damaged on purpose
        };
        let laid = muniplan_layout::read_document(&doc);
        assert_eq!(
            laid.pages.len() as u32,
            doc.page_count(),
            "{}",
            pdf.display()
        );
        for t in laid.pages.iter().flat_map(|p| p.tables.iter()) {
            assert!(
                t.cells
                    .windows(2)
                    .all(|w| (w[0].row, w[0].col) < (w[1].row, w[1].col))
            );
            assert!(
                t.cells
                    .iter()
                    .all(|c| c.row + c.row_span <= t.n_rows && c.col + c.col_span <= t.n_cols)
            );
        }
        n += 1;
    }
    assert!(n >= 20, "only {n} fixture PDFs opened");
}

/// A borderless table printed by Chromium is found from text alignment alone; the heading
/// above and the legend below stay loose blocks.
#[test]
fn unruled_table_by_alignment() {
    let doc = layout(
        &Path::new(env!("CARGO_MANIFEST_DIR")).join("tests/data/chromium-unruled-table.pdf"),
    );
    let page = &doc.pages[0];
    assert_eq!(page.tables.len(), 1);
    let t = &page.tables[0];
    assert_eq!((t.n_rows, t.n_cols), (3, 6));
    assert_eq!(t.cell_at(1, 0).unwrap().text, "目標");
    assert_eq!(t.cell_at(2, 3).unwrap().text, "427件");
    let blocks: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
    assert_eq!(blocks.len(), 2);
    assert!(blocks[0].starts_with("No.1【"));
    assert!(blocks[1].starts_with("達成度："));
}

fn pages_fixture(name: &str) -> (LayoutDoc, Vec<muniplan_layout::Decision>) {
    let pdf = root().join(format!("fixtures/pdf/pages/{name}.pdf"));
    let bytes = std::fs::read(&pdf).unwrap_or_else(|e| panic!("{}: {e}", pdf.display()));
    let doc = muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default()).unwrap();
    muniplan_layout::read_document_explained(&doc, &muniplan_layout::LayoutOptions::new())
}

/// The text of every cell of a table as (row, col, row_span, col_span, text).
fn grid_of(t: &Table) -> Vec<(u32, u32, u32, u32, String)> {
    t.cells
        .iter()
        .map(|c| (c.row, c.col, c.row_span, c.col_span, c.text.clone()))
        .collect()
}

fn g(r: u32, c: u32, rs: u32, cs: u32, t: &str) -> (u32, u32, u32, u32, String) {
    (r, c, rs, cs, t.to_string())
}

/// Calc, one card per page in the same frame, each under its own headings: three tables.
#[test]
fn calc_cards_one_per_page_stay_three_tables() {
    let (doc, decisions) = pages_fixture("calc-cards-per-page");
    assert_eq!(doc.pages.len(), 3);
    let expected = [
        (
            "収納課",
            ["96.0%", "96.4%", "96.8%"],
            ["95.9%", "96.5%"],
            "④ 市税の収納率の向上",
        ),
        (
            "収納課",
            ["120件", "130件", "140件"],
            ["118件", "133件"],
            "⑤ 債権回収事務の一元化",
        ),
        (
            "情報政策課",
            ["3業務", "5業務", "8業務"],
            ["2業務", "6業務"],
            "① AI、RPA等の活用",
        ),
    ];
    for (page, (dept, t, a, heading)) in doc.pages.iter().zip(expected) {
        assert_eq!(page.tables.len(), 1, "page {}", page.number);
        let table = &page.tables[0];
        assert_eq!((table.n_rows, table.n_cols), (4, 5));
        assert_eq!(
            grid_of(table),
            vec![
                g(0, 0, 1, 1, "担当課"),
                g(0, 1, 1, 2, dept),
                g(0, 3, 1, 1, "関係課"),
                g(0, 4, 1, 1, "財政課"),
                g(1, 0, 1, 1, "年度"),
                g(1, 1, 1, 1, "令和2年度"),
                g(1, 2, 1, 1, "令和3年度"),
                g(1, 3, 1, 1, "令和4年度"),
                g(1, 4, 1, 1, "備考"),
                g(2, 0, 1, 1, "目標"),
                g(2, 1, 1, 1, t[0]),
                g(2, 2, 1, 1, t[1]),
                g(2, 3, 1, 1, t[2]),
                g(3, 0, 1, 1, "実績"),
                g(3, 1, 1, 1, a[0]),
                g(3, 2, 1, 1, a[1]),
            ]
        );
        let blocks: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert!(blocks.contains(&heading), "{blocks:?}");
    }
    assert_eq!(decisions.len(), 2);
    assert!(decisions.iter().all(|d| !d.continued));
}

/// Writer, one card per page: stacked heading paragraphs stay three lines of one block, and
/// the card whose spacer column has no border is one grid.
#[test]
fn writer_cards_keep_heading_lines_and_one_grid() {
    let (doc, decisions) = pages_fixture("writer-cards-per-page");
    assert_eq!(doc.pages.len(), 3);
    let expected = [
        (
            "4 健全な財政運営\n(1) 歳出の削減と財源の確保\n④ 市税の収納率の向上",
            ["96.0%", "96.4%", "96.8%"],
            ["95.9%", "96.5%"],
        ),
        (
            "4 健全な財政運営\n(1) 歳出の削減と財源の確保\n⑤ 債権回収事務の一元化",
            ["120件", "130件", "140件"],
            ["118件", "133件"],
        ),
        (
            // Writer draws a space between ICT and the Japanese that follows.
            "5 ICT を活用した情報化の推進\n(1) ICT 活用による業務の効率化\n① AI、RPA 等の活用",
            ["3業務", "5業務", "8業務"],
            ["2業務", "6業務"],
        ),
    ];
    for (page, (heading, t, a)) in doc.pages.iter().zip(expected) {
        assert_eq!(page.tables.len(), 1, "page {}", page.number);
        let table = &page.tables[0];
        assert_eq!((table.n_rows, table.n_cols), (3, 6));
        assert_eq!(
            grid_of(table),
            vec![
                g(0, 0, 1, 1, "年度"),
                g(0, 1, 1, 1, "令和2年度"),
                g(0, 2, 1, 1, "令和3年度"),
                g(0, 3, 1, 1, "令和4年度"),
                g(0, 5, 1, 1, "備考"),
                g(1, 0, 1, 1, "目標"),
                g(1, 1, 1, 1, t[0]),
                g(1, 2, 1, 1, t[1]),
                g(1, 3, 1, 1, t[2]),
                g(1, 5, 2, 1, "順調に推移"),
                g(2, 0, 1, 1, "実績"),
                g(2, 1, 1, 1, a[0]),
                g(2, 2, 1, 1, a[1]),
            ]
        );
        let blocks: Vec<&str> = page.blocks.iter().map(|b| b.text.as_str()).collect();
        assert_eq!(blocks.first(), Some(&heading), "{blocks:?}");
    }
    assert_eq!(decisions.len(), 2);
    assert!(decisions.iter().all(|d| !d.continued));
}

/// Calc, one long table over three pages with the header row repeated, a running title and
/// page numbers: one table, the header once, every row in order.
#[test]
fn calc_long_table_over_three_pages_is_one() {
    let (doc, decisions) = pages_fixture("calc-long-table");
    assert_eq!(doc.pages.len(), 3);
    let tables: Vec<&Table> = doc.pages.iter().flat_map(|p| p.tables.iter()).collect();
    assert_eq!(tables.len(), 1);
    let t = tables[0];
    assert_eq!((t.n_rows, t.n_cols), (101, 4));
    assert_eq!(count_cells(&doc, "取組項目"), 1);
    for i in 1..=100u32 {
        let row: Vec<&str> = t
            .cells
            .iter()
            .filter(|c| c.row == i)
            .map(|c| c.text.as_str())
            .collect();
        let want = [
            i.to_string(),
            format!("取組項目{i}"),
            format!("{}件", 10 * i),
            format!("{}件", 10 * i - 1),
        ];
        assert_eq!(row, want.iter().map(String::as_str).collect::<Vec<_>>());
    }
    // Rows of pages 2 and 3 keep their own page.
    let pages: std::collections::BTreeSet<u32> = t
        .cells
        .iter()
        .filter_map(|c| match c.location {
            muniplan_ir::Location::Pdf { page, .. } => Some(page),
            _ => None,
        })
        .collect();
    assert_eq!(pages.into_iter().collect::<Vec<_>>(), vec![1, 2, 3]);
    assert_eq!(decisions.len(), 2);
    assert!(decisions.iter().all(|d| d.continued), "{decisions:?}");
}

/// Calc, columns narrower than their text (`pages/calc-narrow-columns`, content in
/// `xtask/src/pdf_fixtures/pages.rs`): every cell keeps its own visible text — never a
/// neighbour's glued on. Calc draws a cell's text clipped at a filled neighbour only up to
/// the glyph the border cuts (`電子申請の拡充と窓口改革` prints as `電子申請の`), over an
/// empty neighbour whole, and `###` for a number that does not fit.
#[test]
fn calc_narrow_columns_keep_each_cells_own_text() {
    let (doc, _) = pages_fixture("calc-narrow-columns");
    assert_eq!(doc.pages.len(), 1);
    let t = &doc.pages[0].tables[0];
    assert_eq!((t.n_rows, t.n_cols), (8, 6));
    let row = |r: u32| -> Vec<(u32, &str, bool)> {
        t.cells
            .iter()
            .filter(|c| c.row == r)
            .map(|c| (c.col, c.text.as_str(), c.clipped))
            .collect()
    };
    let cells = |texts: [&'static str; 6], clipped: [bool; 6]| -> Vec<(u32, &'static str, bool)> {
        (0u32..)
            .zip(texts.into_iter().zip(clipped))
            .filter(|(_, (t, _))| !t.is_empty())
            .map(|(c, (t, k))| (c, t, k))
            .collect()
    };
    let no = [false; 6];
    assert_eq!(
        row(0),
        cells(["No.", "取組名", "担当課", "指標", "R5", "R6"], no)
    );
    // Japanese clipped at filled neighbours, each cell under its own clip.
    assert_eq!(
        row(1),
        cells(
            [
                "1",
                "電子申請の",
                "デジタル推",
                "電子申請件",
                "1,200",
                "1,500"
            ],
            [false, true, true, true, false, false]
        )
    );
    // Over an empty neighbour: drawn whole, clipped at the next filled cell.
    assert_eq!(
        row(2),
        cells(
            ["2", "窓口予約制の導入につ", "", "予約件数", "300", "450"],
            [false, true, false, false, false, false]
        )
    );
    // Latin words keep their spaces.
    assert_eq!(
        row(3),
        cells(
            ["3", "Online app", "IT Division", "Applicatio", "12", "15"],
            [false, true, true, false, false, false]
        )
    );
    // Right-aligned, overflowing into a filled left neighbour: drawn from the glyph the
    // border cuts.
    assert_eq!(
        row(4),
        cells(
            ["4", "短い", "い担当課名", "件数", "5", "6"],
            [false, false, true, false, false, false]
        )
    );
    // Right-aligned over an empty left neighbour, not cut (drawn without a clip): the cell
    // padding at its right end tells it is column 2's.
    assert_eq!(
        row(5),
        cells(
            ["5", "", "右寄せで空きセルへ", "件数", "7", "8"],
            [false, false, true, false, false, false]
        )
    );
    // Centred, cut on both sides: the middle cell's, whole; the neighbours keep theirs.
    assert_eq!(
        row(6),
        cells(
            ["6", "中央寄せの長い取組名です", "課", "centred", "9", "10"],
            [false, true, false, false, false, false]
        )
    );
    assert_eq!(
        row(7),
        cells(["7", "収納対策", "収納課", "徴収額", "12,345", "###"], no)
    );
}
