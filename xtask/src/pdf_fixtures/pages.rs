//! Page-structure fixtures (`fixtures/pdf/pages/`): how tables begin and end across pages,
//! rendered by LibreOffice Calc and Writer from flat ODF files written here.
//!
//! - `calc-cards-per-page`: three plan cards, one per page (a row break before each), every
//!   card in the same frame under its own three stacked heading lines (unruled cells); a
//!   page-number footer. Three tables, never one.
//! - `writer-cards-per-page`: the same in Writer: three stacked heading paragraphs (no
//!   spacing: the lines stand about 0.1 pt apart) above each card table, a page break before
//!   each heading; each card's spacer column is printed without any border, so the card is
//!   drawn as two frames side by side with aligned rows; a page-number footer.
//! - `calc-long-table`: one table of 100 rows running over three pages, its header row
//!   repeated on every page (print titles), the document title in the page header and a page
//!   number in the footer. One table.
//! - `calc-narrow-columns`: Calc with columns narrower than their text: left-aligned text
//!   overflowing into filled neighbours (Calc clips it at the border and draws each cell
//!   under its own clip) and into an empty one (drawn whole across it), Japanese and Latin;
//!   right-aligned text overflowing to the left into a filled and into an empty neighbour;
//!   centred text overflowing on both sides; a formatted number too wide for its column
//!   (Calc prints `###`). One table whose every cell keeps its own text.
//!
//! The expected grids are stated in `crates/layout/tests/grids.rs` from the content below.
//! Dates and ids are normalized as for the producer fixtures (`producers::finish`).

use std::fmt::Write as _;
use std::path::Path;

use anyhow::Context;

use super::producers::{fix_dates, path_str};
use super::tools::{require, require_file, run_qpdf, soffice_convert};

/// One card: its three heading lines, the department, the targets and the actuals per year.
type Card = (
    [&'static str; 3],
    &'static str,
    [&'static str; 3],
    [&'static str; 3],
);

/// The card headings (three levels) and the card's values, one card per initiative.
const CARDS: [Card; 3] = [
    (
        [
            "4 健全な財政運営",
            "(1) 歳出の削減と財源の確保",
            "④ 市税の収納率の向上",
        ],
        "収納課",
        ["96.0%", "96.4%", "96.8%"],
        ["95.9%", "96.5%", ""],
    ),
    (
        [
            "4 健全な財政運営",
            "(1) 歳出の削減と財源の確保",
            "⑤ 債権回収事務の一元化",
        ],
        "収納課",
        ["120件", "130件", "140件"],
        ["118件", "133件", ""],
    ),
    (
        [
            "5 ICTを活用した情報化の推進",
            "(1) ICT活用による業務の効率化",
            "① AI、RPA等の活用",
        ],
        "情報政策課",
        ["3業務", "5業務", "8業務"],
        ["2業務", "6業務", ""],
    ),
];

/// Years of the cards' columns.
const YEARS: [&str; 3] = ["令和2年度", "令和3年度", "令和4年度"];

/// Rows of the long table (plus its header row).
const LONG_ROWS: usize = 100;

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
}

const NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.2\"";

fn fonts(font: &str) -> String {
    format!(
        "<office:font-face-decls><style:font-face style:name=\"{font}\" svg:font-family=\"{font}\"/></office:font-face-decls>\n"
    )
}

/// A Calc page layout with an optional header text and a page-number footer.
fn calc_master(header: Option<&str>) -> String {
    let mut s = String::from(
        "<style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"210mm\" fo:page-height=\"297mm\" \
style:print-orientation=\"portrait\" fo:margin-top=\"10mm\" fo:margin-bottom=\"10mm\" fo:margin-left=\"15mm\" fo:margin-right=\"15mm\"/>\
<style:header-style><style:header-footer-properties fo:min-height=\"5mm\" fo:margin-bottom=\"2mm\"/></style:header-style>\
<style:footer-style><style:header-footer-properties fo:min-height=\"5mm\" fo:margin-top=\"2mm\"/></style:footer-style></style:page-layout>\n</office:automatic-styles>\n\
<office:master-styles><style:master-page style:name=\"Fixture\" style:page-layout-name=\"pm1\">",
    );
    match header {
        Some(h) => {
            let _ = write!(
                s,
                "<style:header><style:region-center><text:p>{}</text:p></style:region-center></style:header>",
                esc(h)
            );
        }
        None => s.push_str("<style:header style:display=\"false\"/>"),
    }
    s.push_str(
        "<style:footer><style:region-center><text:p>- <text:page-number text:select-page=\"current\">1</text:page-number> -</text:p></style:region-center></style:footer>\
</style:master-page></office:master-styles>\n",
    );
    s
}

fn calc_head(font: &str, cols_mm: &[f64], header: Option<&str>) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document {NS} office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">\n"
    );
    s.push_str(&fonts(font));
    let _ = writeln!(
        s,
        "<office:styles><style:default-style style:family=\"table-cell\"><style:text-properties style:font-name=\"{font}\" fo:font-size=\"10pt\" \
style:font-name-asian=\"{font}\" style:font-size-asian=\"10pt\"/></style:default-style></office:styles>\n<office:automatic-styles>"
    );
    for (i, w) in cols_mm.iter().enumerate() {
        let _ = writeln!(
            s,
            "<style:style style:name=\"co{i}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{w}mm\"/></style:style>"
        );
    }
    s.push_str(
        "<style:style style:name=\"ro1\" style:family=\"table-row\"><style:table-row-properties style:row-height=\"7mm\" style:use-optimal-row-height=\"false\"/></style:style>\n\
<style:style style:name=\"ro2\" style:family=\"table-row\"><style:table-row-properties style:row-height=\"7mm\" style:use-optimal-row-height=\"false\" fo:break-before=\"page\"/></style:style>\n\
<style:style style:name=\"ta1\" style:family=\"table\" style:master-page-name=\"Fixture\"><style:table-properties table:display=\"true\"/></style:style>\n\
<style:style style:name=\"ce1\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.75pt solid #000000\" style:vertical-align=\"middle\" fo:padding=\"1mm\"/></style:style>\n\
<style:style style:name=\"ce0\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"none\"/></style:style>\n",
    );
    s.push_str(&calc_master(header));
    s.push_str("<office:body><office:spreadsheet>\n");
    s
}

/// A Calc row: (text, columns spanned, ruled) per cell.
fn calc_row(s: &mut String, style: &str, cells: &[(&str, usize, bool)]) {
    let _ = write!(s, "<table:table-row table:style-name=\"{style}\">");
    for (text, span, ruled) in cells {
        let ce = if *ruled { "ce1" } else { "ce0" };
        let _ = write!(s, "<table:table-cell table:style-name=\"{ce}\"");
        if *span > 1 {
            let _ = write!(s, " table:number-columns-spanned=\"{span}\"");
        }
        if text.is_empty() {
            s.push_str("/>");
        } else {
            let _ = write!(
                s,
                " office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                esc(text)
            );
        }
        for _ in 1..*span {
            let _ = write!(s, "<table:covered-table-cell table:style-name=\"{ce}\"/>");
        }
    }
    s.push_str("</table:table-row>\n");
}

/// Calc: one card per page under its headings.
fn calc_cards(font: &str) -> String {
    let mut s = calc_head(font, &[25.0, 35.0, 35.0, 35.0, 30.0], None);
    s.push_str("<table:table table:name=\"cards\" table:style-name=\"ta1\">");
    for i in 0..5 {
        let _ = write!(s, "<table:table-column table:style-name=\"co{i}\"/>");
    }
    s.push('\n');
    for (k, (heads, dept, targets, actuals)) in CARDS.iter().enumerate() {
        for (j, h) in heads.iter().enumerate() {
            let style = if j == 0 && k > 0 { "ro2" } else { "ro1" };
            calc_row(&mut s, style, &[(h, 5, false)]);
        }
        calc_row(&mut s, "ro1", &[("", 5, false)]);
        calc_row(
            &mut s,
            "ro1",
            &[
                ("担当課", 1, true),
                (dept, 2, true),
                ("関係課", 1, true),
                ("財政課", 1, true),
            ],
        );
        let mut years = vec![("年度", 1, true)];
        years.extend(YEARS.iter().map(|y| (*y, 1, true)));
        years.push(("備考", 1, true));
        calc_row(&mut s, "ro1", &years);
        let mut t = vec![("目標", 1, true)];
        t.extend(targets.iter().map(|v| (*v, 1, true)));
        t.push(("", 1, true));
        calc_row(&mut s, "ro1", &t);
        let mut a = vec![("実績", 1, true)];
        a.extend(actuals.iter().map(|v| (*v, 1, true)));
        a.push(("", 1, true));
        calc_row(&mut s, "ro1", &a);
    }
    s.push_str("</table:table>\n</office:spreadsheet></office:body></office:document>\n");
    s
}

/// Calc: one long table over three pages, its header row repeated (print titles).
fn calc_long(font: &str) -> String {
    let mut s = calc_head(font, &[20.0, 80.0, 35.0, 35.0], Some("行政改革 取組一覧"));
    s.push_str("<table:table table:name=\"long\" table:style-name=\"ta1\">");
    for i in 0..4 {
        let _ = write!(s, "<table:table-column table:style-name=\"co{i}\"/>");
    }
    s.push_str("\n<table:table-header-rows>");
    calc_row(
        &mut s,
        "ro1",
        &[
            ("No.", 1, true),
            ("取組項目", 1, true),
            ("目標", 1, true),
            ("実績", 1, true),
        ],
    );
    s.push_str("</table:table-header-rows>\n");
    for i in 1..=LONG_ROWS {
        let no = i.to_string();
        let item = format!("取組項目{i}");
        let target = format!("{}件", 10 * i);
        let actual = format!("{}件", 10 * i - 1);
        calc_row(
            &mut s,
            "ro1",
            &[
                (&no, 1, true),
                (&item, 1, true),
                (&target, 1, true),
                (&actual, 1, true),
            ],
        );
    }
    s.push_str("</table:table>\n</office:spreadsheet></office:body></office:document>\n");
    s
}

/// Calc: columns narrower than their text (see the module docs). Each cell is (text, style):
/// `l` left (the default for text), `r` right-aligned, `c` centred, `n` a number in `#,##0`
/// (right-aligned by Calc); an empty text is an empty cell. Every cell is ruled.
const NARROW_ROWS: [[(&str, char); 6]; 8] = [
    [
        ("No.", 'l'),
        ("取組名", 'l'),
        ("担当課", 'l'),
        ("指標", 'l'),
        ("R5", 'l'),
        ("R6", 'l'),
    ],
    [
        ("1", 'l'),
        ("電子申請の拡充と窓口改革", 'l'),
        ("デジタル推進課", 'l'),
        ("電子申請件数", 'l'),
        ("1,200", 'r'),
        ("1500", 'n'),
    ],
    [
        ("2", 'l'),
        ("窓口予約制の導入について", 'l'),
        ("", 'l'),
        ("予約件数", 'l'),
        ("300", 'r'),
        ("450", 'n'),
    ],
    [
        ("3", 'l'),
        ("Online application", 'l'),
        ("IT Division", 'l'),
        ("Applications", 'l'),
        ("12", 'r'),
        ("15", 'n'),
    ],
    [
        ("4", 'l'),
        ("短い", 'l'),
        ("右寄せの長い担当課名", 'r'),
        ("件数", 'l'),
        ("5", 'r'),
        ("6", 'n'),
    ],
    [
        ("5", 'l'),
        ("", 'l'),
        ("右寄せで空きセルへ", 'r'),
        ("件数", 'l'),
        ("7", 'r'),
        ("8", 'n'),
    ],
    [
        ("6", 'l'),
        ("中央寄せの長い取組名です", 'c'),
        ("課", 'l'),
        ("centred", 'l'),
        ("9", 'r'),
        ("10", 'n'),
    ],
    [
        ("7", 'l'),
        ("収納対策", 'l'),
        ("収納課", 'l'),
        ("徴収額", 'l'),
        ("12,345", 'r'),
        ("1234567890", 'n'),
    ],
];

/// Calc: the narrow-columns sheet, 18 mm columns.
fn calc_narrow(font: &str) -> String {
    let mut s = calc_head(font, &[18.0; 6], None);
    // Alignment and number styles of the sheet's cells (`calc_head` left the automatic
    // styles open up to the master page: insert before it).
    let styles = "<number:number-style style:name=\"N1\"><number:number number:decimal-places=\"0\" number:min-integer-digits=\"1\" number:grouping=\"true\"/></number:number-style>\n\
<style:style style:name=\"cer\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.75pt solid #000000\" style:vertical-align=\"middle\" fo:padding=\"1mm\" style:text-align-source=\"fix\"/><style:paragraph-properties fo:text-align=\"end\"/></style:style>\n\
<style:style style:name=\"cec\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.75pt solid #000000\" style:vertical-align=\"middle\" fo:padding=\"1mm\" style:text-align-source=\"fix\"/><style:paragraph-properties fo:text-align=\"center\"/></style:style>\n\
<style:style style:name=\"cen\" style:family=\"table-cell\" style:data-style-name=\"N1\"><style:table-cell-properties fo:border=\"0.75pt solid #000000\" style:vertical-align=\"middle\" fo:padding=\"1mm\"/></style:style>\n";
    if let Some(at) = s.find("<style:page-layout ") {
        s.insert_str(at, styles);
    }
    s = s.replacen(
        "<office:document ",
        "<office:document xmlns:number=\"urn:oasis:names:tc:opendocument:xmlns:datastyle:1.0\" ",
        1,
    );
    s.push_str("<table:table table:name=\"narrow\" table:style-name=\"ta1\">");
    for i in 0..6 {
        let _ = write!(s, "<table:table-column table:style-name=\"co{i}\"/>");
    }
    s.push('\n');
    for row in NARROW_ROWS {
        s.push_str("<table:table-row table:style-name=\"ro1\">");
        for (text, style) in row {
            let ce = match style {
                'r' => "cer",
                'c' => "cec",
                'n' => "cen",
                _ => "ce1",
            };
            let _ = write!(s, "<table:table-cell table:style-name=\"{ce}\"");
            if text.is_empty() {
                s.push_str("/>");
            } else if style == 'n' {
                let _ = write!(
                    s,
                    " office:value-type=\"float\" office:value=\"{text}\"><text:p>{text}</text:p></table:table-cell>"
                );
            } else {
                let _ = write!(
                    s,
                    " office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
                    esc(text)
                );
            }
        }
        s.push_str("</table:table-row>\n");
    }
    s.push_str("</table:table>\n</office:spreadsheet></office:body></office:document>\n");
    s
}

/// Writer: one card per page under three stacked heading paragraphs; the card's spacer
/// column (between the year columns and 備考) has no border at all.
fn writer_cards(font: &str) -> String {
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document {NS} office:mimetype=\"application/vnd.oasis.opendocument.text\">\n"
    );
    s.push_str(&fonts(font));
    let _ = writeln!(
        s,
        "<office:styles><style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:margin-top=\"0mm\" fo:margin-bottom=\"0mm\" fo:line-height=\"100%\"/>\
<style:text-properties style:font-name=\"{font}\" fo:font-size=\"10.5pt\" style:font-name-asian=\"{font}\" style:font-size-asian=\"10.5pt\"/></style:default-style></office:styles>\n<office:automatic-styles>"
    );
    s.push_str(
        "<style:style style:name=\"Pbreak\" style:family=\"paragraph\"><style:paragraph-properties fo:break-before=\"page\"/></style:style>\n\
<style:style style:name=\"Tcard\" style:family=\"table\"><style:table-properties style:width=\"170mm\" table:align=\"left\"/></style:style>\n",
    );
    for (i, w) in [25.0, 30.0, 30.0, 30.0, 10.0, 45.0].iter().enumerate() {
        let _ = writeln!(
            s,
            "<style:style style:name=\"Tcard.c{i}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{w}mm\"/></style:style>"
        );
    }
    s.push_str(
        "<style:style style:name=\"Tcard.r\" style:family=\"table-row\"><style:table-row-properties style:min-row-height=\"7mm\"/></style:style>\n\
<style:style style:name=\"Tcard.ruled\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.5pt solid #000000\" fo:padding=\"1mm\"/></style:style>\n\
<style:style style:name=\"Tcard.spacer\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"none\" fo:padding=\"0mm\"/></style:style>\n\
<style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"210mm\" fo:page-height=\"297mm\" \
fo:margin-top=\"15mm\" fo:margin-bottom=\"15mm\" fo:margin-left=\"15mm\" fo:margin-right=\"15mm\"/><style:footer-style/></style:page-layout>\n\
</office:automatic-styles>\n<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\">\
<style:footer><text:p>- <text:page-number text:select-page=\"current\">1</text:page-number> -</text:p></style:footer></style:master-page></office:master-styles>\n\
<office:body><office:text>\n",
    );
    let cell = |s: &mut String, text: &str, style: &str, rows: usize| {
        let _ = write!(s, "<table:table-cell table:style-name=\"Tcard.{style}\"");
        if rows > 1 {
            let _ = write!(s, " table:number-rows-spanned=\"{rows}\"");
        }
        let _ = write!(
            s,
            " office:value-type=\"string\"><text:p>{}</text:p></table:table-cell>",
            esc(text)
        );
    };
    for (k, (heads, _dept, targets, actuals)) in CARDS.iter().enumerate() {
        for (j, h) in heads.iter().enumerate() {
            if j == 0 && k > 0 {
                let _ = writeln!(s, "<text:p text:style-name=\"Pbreak\">{}</text:p>", esc(h));
            } else {
                let _ = writeln!(s, "<text:p>{}</text:p>", esc(h));
            }
        }
        s.push_str("<text:p/>\n<table:table table:name=\"card");
        let _ = write!(s, "{k}\" table:style-name=\"Tcard\">");
        for i in 0..6 {
            let _ = write!(s, "<table:table-column table:style-name=\"Tcard.c{i}\"/>");
        }
        s.push('\n');
        let rows: [(&str, Vec<&str>); 3] = [
            ("年度", YEARS.to_vec()),
            ("目標", targets.to_vec()),
            ("実績", actuals.to_vec()),
        ];
        for (r, (label, values)) in rows.iter().enumerate() {
            s.push_str("<table:table-row table:style-name=\"Tcard.r\">");
            cell(&mut s, label, "ruled", 1);
            for v in values {
                cell(&mut s, v, "ruled", 1);
            }
            s.push_str(
                "<table:table-cell table:style-name=\"Tcard.spacer\"><text:p/></table:table-cell>",
            );
            match r {
                0 => cell(&mut s, "備考", "ruled", 1),
                1 => cell(&mut s, "順調に推移", "ruled", 2),
                _ => s.push_str("<table:covered-table-cell/>"),
            }
            s.push_str("</table:table-row>\n");
        }
        s.push_str("</table:table>\n");
    }
    s.push_str("</office:text></office:body></office:document>\n");
    s
}

/// Writes the page-structure fixtures into `dir`; returns how many PDFs were written.
pub fn generate(dir: &Path) -> anyhow::Result<usize> {
    let soffice = require("soffice", "libreoffice-calc libreoffice-writer")?;
    let qpdf = require("qpdf", "qpdf")?;
    require_file(
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "fonts-ipaexfont-gothic",
    )?;
    let work = std::env::temp_dir().join("muniplan-page-fixtures");
    if work.exists() {
        std::fs::remove_dir_all(&work).with_context(|| format!("clearing {}", work.display()))?;
    }
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;
    let jobs = [
        ("calc-cards-per-page", "fods", calc_cards("IPAexGothic")),
        ("calc-long-table", "fods", calc_long("IPAexGothic")),
        ("calc-narrow-columns", "fods", calc_narrow("IPAexGothic")),
        ("writer-cards-per-page", "fodt", writer_cards("IPAexMincho")),
    ];
    let mut n = 0;
    for (name, ext, source) in jobs {
        let input = work.join(format!("{name}.{ext}"));
        std::fs::write(&input, source).with_context(|| format!("writing {}", input.display()))?;
        let raw = soffice_convert(&soffice, &work, &input, None)?;
        let mut bytes =
            std::fs::read(&raw).with_context(|| format!("reading {}", raw.display()))?;
        fix_dates(&mut bytes);
        let dated = raw.with_extension("dated.pdf");
        std::fs::write(&dated, &bytes).with_context(|| format!("writing {}", dated.display()))?;
        let out = dir.join(format!("{name}.pdf"));
        run_qpdf(
            &qpdf,
            &["--deterministic-id", path_str(&dated)?, path_str(&out)?],
        )?;
        eprintln!("pdf fixtures: {}", out.display());
        n += 1;
    }
    Ok(n)
}
