//! A small sheet model shared by the family fixtures: cells with spans, a style and a value
//! (text, or a number with the format that displays the seed's string), written once to an
//! xlsx (rust_xlsxwriter) and once to a ruled HTML page (for Chromium), and listed as strings.

use std::collections::BTreeMap;
use std::fmt::Write as _;

use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

/// The font every cell uses: IPAex Gothic is installed with LibreOffice and Chromium here,
/// so neither substitutes it and the PDFs embed one small TrueType subset.
pub const FONT: &str = "IPAexゴシック";

/// How a cell looks.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Style {
    /// Document title: bold, large, no border.
    Title,
    /// Loose text above or below a grid (headings, legends): no border, left.
    Loose,
    /// A row or column label: bordered, filled, bold, centred.
    Label,
    /// A column header such as a fiscal year: bordered, grey, centred.
    Head,
    /// Body text: bordered, left, wrapped.
    Text,
    /// Body value: bordered, centred, wrapped.
    Center,
    /// A heading inside the grid (an item's title row): bordered, filled, bold, left.
    Band,
}

impl Style {
    fn bordered(self) -> bool {
        !matches!(self, Style::Title | Style::Loose)
    }
}

/// What a cell holds.
#[derive(Debug, Clone)]
pub enum Value {
    /// A string cell (explicit line breaks are `\n`).
    Text(String),
    /// A number with its number format and the text the format displays (the seed's string).
    Number {
        value: f64,
        format: String,
        shown: String,
    },
    /// An empty bordered cell.
    Blank,
}

impl Value {
    /// The displayed text.
    pub fn shown(&self) -> &str {
        match self {
            Value::Text(s) => s,
            Value::Number { shown, .. } => shown,
            Value::Blank => "",
        }
    }
}

/// A string cell.
pub fn t(s: &str) -> Value {
    if s.is_empty() {
        Value::Blank
    } else {
        Value::Text(s.to_string())
    }
}

/// A number cell: `value` displayed as `shown` by `format`.
pub fn n(value: f64, format: &str, shown: &str) -> Value {
    Value::Number {
        value,
        format: format.to_string(),
        shown: shown.to_string(),
    }
}

/// A seed value as a city would keep it: `38.1%` → 0.381 `0.0%`, `407百万円` → 407
/// `#,##0"百万円"`, `1,390人` → 1390 `#,##0"人"`, `8.0日` → 8 `0.0"日"`; anything else (mixed
/// text, line breaks, full-width digits) stays a string.
pub fn v(s: &str) -> Value {
    if s.is_empty() {
        return Value::Blank;
    }
    if s.contains('\n') {
        return t(s);
    }
    if let Some(body) = s.strip_suffix('%')
        && let Some((int, frac)) = split_decimal(body)
    {
        let digits: u64 = format!("{int}{frac}").parse().unwrap_or(0);
        let scale = 10f64.powi(i32::try_from(frac.len()).unwrap_or(0) + 2);
        let format = if frac.is_empty() {
            "0%".to_string()
        } else {
            format!("0.{}%", "0".repeat(frac.len()))
        };
        return n(digits as f64 / scale, &format, s);
    }
    for unit in [
        "百万円",
        "千円",
        "万円",
        "円",
        "件",
        "枚",
        "人",
        "日",
        "回",
        "団体",
        "時間",
        "箇所",
    ] {
        if let Some(body) = s.strip_suffix(unit)
            && let Some((value, format)) = number_format(body)
        {
            return n(value, &format!("{format}\"{unit}\""), s);
        }
    }
    if let Some((value, format)) = number_format(s) {
        return n(value, &format, s);
    }
    t(s)
}

/// `1,390` → (1390, `#,##0`), `15.6` → (15.6, `0.0`), `45` → (45, `0`); None unless ASCII
/// digits, properly grouped, at most one dot.
fn number_format(s: &str) -> Option<(f64, String)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if !frac.bytes().all(|b| b.is_ascii_digit()) || (s.contains('.') && frac.is_empty()) {
        return None;
    }
    let groups: Vec<&str> = int.split(',').collect();
    let first = groups.first()?;
    let ok = !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && (groups.len() == 1 || first.len() <= 3)
        && groups
            .iter()
            .skip(1)
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return None;
    }
    let value: f64 = format!(
        "{}.{}",
        groups.concat(),
        if frac.is_empty() { "0" } else { frac }
    )
    .parse()
    .ok()?;
    let int_code = if groups.len() > 1 { "#,##0" } else { "0" };
    let code = if frac.is_empty() {
        int_code.to_string()
    } else {
        format!("{int_code}.{}", "0".repeat(frac.len()))
    };
    Some((value, code))
}

fn split_decimal(s: &str) -> Option<(&str, &str)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    ok.then_some((int, frac))
}

/// One cell and the rectangle it covers (0-based, spans ≥ 1).
#[derive(Debug, Clone)]
pub struct Cell {
    pub row: u32,
    pub col: u16,
    pub rows: u32,
    pub cols: u16,
    pub value: Value,
    pub style: Style,
}

/// One worksheet (and one HTML page).
#[derive(Debug, Clone)]
pub struct Sheet {
    pub name: String,
    /// Column widths in Excel character units.
    pub widths: Vec<f64>,
    pub landscape: bool,
    /// Font size of body cells, points.
    pub font_size: f64,
    pub cells: Vec<Cell>,
    /// Rows repeated at the top of every printed page (print titles), inclusive.
    pub repeat_rows: Option<(u32, u32)>,
    /// Manual page breaks: a new page starts at each of these rows.
    pub breaks: Vec<u32>,
    /// Header text (Excel `&C…` syntax is added by the writer).
    pub header: Option<String>,
    /// Extra height (points) added to a row: for rows whose text LibreOffice wraps more than
    /// the estimate says.
    pub extra: BTreeMap<u32, f64>,
}

impl Sheet {
    /// An empty sheet with these column widths.
    pub fn new(name: &str, widths: &[f64], landscape: bool, font_size: f64) -> Sheet {
        Sheet {
            name: name.to_string(),
            widths: widths.to_vec(),
            landscape,
            font_size,
            cells: Vec::new(),
            repeat_rows: None,
            breaks: Vec::new(),
            header: None,
            extra: BTreeMap::new(),
        }
    }

    /// Put a one-by-one cell.
    pub fn put(&mut self, row: u32, col: u16, value: Value, style: Style) {
        self.span(row, col, 1, 1, value, style);
    }

    /// Put a cell covering `rows` × `cols`.
    pub fn span(&mut self, row: u32, col: u16, rows: u32, cols: u16, value: Value, style: Style) {
        self.cells.push(Cell {
            row,
            col,
            rows: rows.max(1),
            cols: cols.max(1),
            value,
            style,
        });
    }

    /// One past the last used row.
    pub fn end_row(&self) -> u32 {
        self.cells.iter().map(|c| c.row + c.rows).max().unwrap_or(0)
    }

    fn width_of(&self, col: u16, cols: u16) -> f64 {
        (col..col + cols)
            .map(|c| self.widths.get(usize::from(c)).copied().unwrap_or(8.43))
            .sum()
    }

    fn size_of(&self, style: Style) -> f64 {
        match style {
            Style::Title => self.font_size + 4.0,
            _ => self.font_size,
        }
    }

    /// Row heights in points, from the text of the cells and the column widths: generous,
    /// so that LibreOffice never clips (IPAex full-width glyphs are 1 em; a column unit is
    /// the width of `0` in Calibri 11, 7 px = 5.25 pt).
    pub fn row_heights(&self) -> BTreeMap<u32, f64> {
        let mut heights: BTreeMap<u32, f64> = BTreeMap::new();
        let need = |c: &Cell| -> f64 {
            let size = self.size_of(c.style);
            let avail_pt = (self.width_of(c.col, c.cols) * 5.25 - 6.0).max(size);
            let lines: f64 = c
                .value
                .shown()
                .split('\n')
                .map(|line| {
                    let w: f64 = line
                        .chars()
                        .map(|ch| if ch.is_ascii() { 0.58 } else { 1.0 })
                        .sum::<f64>()
                        * size
                        * 0.9;
                    (w / avail_pt).ceil().max(1.0)
                })
                .sum();
            lines * size * 1.45 + 6.0
        };
        for c in self.cells.iter().filter(|c| c.rows == 1) {
            let h = need(c).max(self.font_size * 1.45 + 8.0);
            let e = heights.entry(c.row).or_insert(0.0);
            *e = e.max(h);
        }
        for c in self.cells.iter().filter(|c| c.rows > 1) {
            let have: f64 = (c.row..c.row + c.rows)
                .map(|r| {
                    heights
                        .get(&r)
                        .copied()
                        .unwrap_or(self.font_size * 1.45 + 8.0)
                })
                .sum();
            let want = need(c);
            if want > have {
                let add = (want - have) / f64::from(c.rows);
                for r in c.row..c.row + c.rows {
                    let e = heights.entry(r).or_insert(self.font_size * 1.45 + 8.0);
                    *e += add;
                }
            }
        }
        for (r, add) in &self.extra {
            if let Some(h) = heights.get_mut(r) {
                *h += add;
            }
        }
        for h in heights.values_mut() {
            *h = (h.ceil()).min(409.0);
        }
        heights
    }

    /// Every displayed string, one line per explicit line-break part, in row order.
    pub fn strings(&self) -> Vec<String> {
        let mut cells: Vec<&Cell> = self.cells.iter().collect();
        cells.sort_by_key(|c| (c.row, c.col));
        cells
            .iter()
            .flat_map(|c| {
                c.value
                    .shown()
                    .split('\n')
                    .map(str::trim)
                    .filter(|p| !p.is_empty())
                    .map(str::to_string)
                    .collect::<Vec<_>>()
            })
            .collect()
    }
}

/// Document properties for a workbook (fixed date: deterministic bytes).
pub struct Meta<'a> {
    pub title: &'a str,
    pub author: &'a str,
}

fn format_for(style: Style, size: f64) -> Format {
    let base = Format::new()
        .set_font_name(FONT)
        .set_font_size(size)
        .set_align(FormatAlign::VerticalCenter);
    let ruled = base.clone().set_border(FormatBorder::Thin).set_text_wrap();
    match style {
        Style::Title => base
            .set_font_size(size + 4.0)
            .set_bold()
            .set_align(FormatAlign::Left),
        Style::Loose => base.set_text_wrap().set_align(FormatAlign::Left),
        Style::Label => ruled
            .set_bold()
            .set_background_color(0xD9E1F2)
            .set_align(FormatAlign::Center),
        Style::Head => ruled
            .set_background_color(0xEDEDED)
            .set_align(FormatAlign::Center),
        Style::Text => ruled.set_align(FormatAlign::Left),
        Style::Center => ruled.set_align(FormatAlign::Center),
        Style::Band => ruled
            .set_bold()
            .set_background_color(0xFCE4D6)
            .set_align(FormatAlign::Left),
    }
}

fn write_sheet(ws: &mut Worksheet, sheet: &Sheet) -> anyhow::Result<()> {
    ws.set_name(&sheet.name)?;
    for (i, w) in sheet.widths.iter().enumerate() {
        ws.set_column_width(u16::try_from(i)?, *w)?;
    }
    for c in &sheet.cells {
        let mut f = format_for(c.style, sheet.font_size);
        if let Value::Number { format, .. } = &c.value {
            f = f.set_num_format(format);
        }
        let last_row = c.row + c.rows - 1;
        let last_col = c.col + c.cols - 1;
        if c.rows > 1 || c.cols > 1 {
            let text = match &c.value {
                Value::Text(s) => s.as_str(),
                _ => "",
            };
            ws.merge_range(c.row, c.col, last_row, last_col, text, &f)?;
        }
        match &c.value {
            Value::Text(s) => {
                if c.rows == 1 && c.cols == 1 {
                    ws.write_string_with_format(c.row, c.col, s, &f)?;
                }
            }
            Value::Number { value, .. } => {
                ws.write_number_with_format(c.row, c.col, *value, &f)?;
            }
            Value::Blank => {
                if c.rows == 1 && c.cols == 1 {
                    ws.write_blank(c.row, c.col, &f)?;
                }
            }
        }
    }
    for (r, h) in sheet.row_heights() {
        ws.set_row_height(r, h)?;
    }
    let last_row = sheet.end_row().saturating_sub(1);
    let last_col = u16::try_from(sheet.widths.len().saturating_sub(1))?;
    ws.set_print_area(0, 0, last_row, last_col)?;
    ws.set_paper_size(9); // A4
    if sheet.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.4, 0.4, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    if let Some((first, last)) = sheet.repeat_rows {
        ws.set_repeat_rows(first, last)?;
    }
    if let Some(h) = &sheet.header {
        ws.set_header(format!("&C&\"{FONT},Regular\"{h}"));
    }
    ws.set_footer(format!("&C&\"{FONT},Regular\"&P / &N"));
    if !sheet.breaks.is_empty() {
        ws.set_page_breaks(&sheet.breaks)?;
    }
    Ok(())
}

/// The sheets as one workbook (fixed creation date).
pub fn xlsx(sheets: &[Sheet], meta: &Meta) -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2025, 12, 1)?.and_hms(9, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title(meta.title)
            .set_author(meta.author)
            .set_company(meta.author)
            .set_creation_datetime(&when),
    );
    for sheet in sheets {
        let ws = wb.add_worksheet();
        write_sheet(ws, sheet)?;
    }
    Ok(wb.save_to_buffer()?)
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The sheets as one HTML page for Chromium: each sheet a ruled `<table>` (print-title rows
/// in `<thead>`, repeated by Chromium on every page), rows holding only loose text written
/// as paragraphs between tables, manual breaks as `break-before: page`; column widths scaled
/// to the A4 printable width (fit to width), IPAex Gothic. Nothing is bold: IPAex has no bold
/// face, and Chromium's synthetic bold is written as Type3 glyph outlines (large files).
pub fn html(sheets: &[Sheet], title: &str) -> String {
    let landscape = sheets.iter().any(|s| s.landscape);
    let (pw, ph) = if landscape { (297, 210) } else { (210, 297) };
    let avail_mm = f64::from(pw - 20);
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>\n\
         @page {{ size: {pw}mm {ph}mm; margin: 10mm; }}\n\
         body {{ font-family: \"IPAexGothic\"; margin: 0; }}\n\
         table {{ border-collapse: collapse; table-layout: fixed; margin: 0 0 3mm 0; }}\n\
         td, th {{ border: 0.75pt solid #000; padding: 0.8mm 1mm; vertical-align: middle; text-align: center; line-height: 1.3; font-weight: normal; }}\n\
         td.l {{ text-align: left; }}\n .lab {{ background: #d9e1f2; }}\n .head {{ background: #ededed; }}\n\
         .band {{ background: #fce4d6; text-align: left; }}\n\
         p.loose {{ margin: 1mm 0; }}\n h1 {{ margin: 0 0 2mm 0; font-weight: normal; }}\n\
         tr {{ break-inside: avoid; }}\n .pb {{ break-before: page; }}\n</style></head>\n<body>\n",
        esc(title)
    );
    for (si, sheet) in sheets.iter().enumerate() {
        let total: f64 = sheet.widths.iter().sum::<f64>() * 1.852;
        let scale = (avail_mm / total).min(1.0);
        let size = sheet.font_size * scale.max(0.6);
        let mut by_row: BTreeMap<u32, Vec<&Cell>> = BTreeMap::new();
        for c in &sheet.cells {
            by_row.entry(c.row).or_default().push(c);
        }
        let mut in_table = false;
        let mut in_head = false;
        let mut first_on_sheet = si > 0;
        let end = sheet.end_row();
        for r in 0..end {
            let cells = by_row.get(&r).cloned().unwrap_or_default();
            let loose = !cells.is_empty() && cells.iter().all(|c| !c.style.bordered());
            let covered = sheet
                .cells
                .iter()
                .any(|c| c.style.bordered() && c.row < r && r < c.row + c.rows);
            let breaks_here = sheet.breaks.contains(&r) || std::mem::take(&mut first_on_sheet);
            if (cells.is_empty() && !covered) || loose {
                if in_table {
                    s.push_str(if in_head {
                        "</thead></table>\n"
                    } else {
                        "</tbody></table>\n"
                    });
                    in_table = false;
                    in_head = false;
                }
                for c in cells {
                    let body: Vec<String> = c.value.shown().split('\n').map(esc).collect();
                    let class = if breaks_here { " pb" } else { "" };
                    if c.style == Style::Title {
                        let _ = writeln!(
                            s,
                            "<h1 class=\"t{class}\" style=\"font-size: {:.1}pt\">{}</h1>",
                            (sheet.font_size + 4.0) * scale.max(0.6),
                            body.join("<br>")
                        );
                    } else {
                        let _ = writeln!(
                            s,
                            "<p class=\"loose{class}\" style=\"font-size: {size:.1}pt\">{}</p>",
                            body.join("<br>")
                        );
                    }
                }
                continue;
            }
            if !in_table {
                let _ = write!(s, "<table style=\"font-size: {size:.1}pt\"><colgroup>");
                for w in &sheet.widths {
                    let _ = write!(s, "<col style=\"width: {:.1}mm\">", w * 1.852 * scale);
                }
                s.push_str("</colgroup>\n");
                in_table = true;
                let head = sheet.repeat_rows.is_some_and(|(a, b)| a <= r && r <= b);
                s.push_str(if head { "<thead>\n" } else { "<tbody>\n" });
                in_head = head;
            }
            let head_row = sheet.repeat_rows.is_some_and(|(a, b)| a <= r && r <= b);
            if in_head && !head_row {
                s.push_str("</thead><tbody>\n");
                in_head = false;
            }
            if breaks_here {
                s.push_str("<tr class=\"pb\">");
            } else {
                s.push_str("<tr>");
            }
            let ncols = u16::try_from(sheet.widths.len()).unwrap_or(u16::MAX);
            for col in 0..ncols {
                let start = cells.iter().find(|c| c.col == col);
                let spanned = sheet.cells.iter().any(|c| {
                    (c.row < r && r < c.row + c.rows && c.col <= col && col < c.col + c.cols)
                        || (c.row == r && c.col < col && col < c.col + c.cols)
                });
                let Some(c) = start else {
                    if !spanned {
                        s.push_str("<td style=\"border: none\"></td>");
                    }
                    continue;
                };
                let mut class = Vec::new();
                match c.style {
                    Style::Label => class.push("lab"),
                    Style::Head => class.push("head"),
                    Style::Band => class.push("band"),
                    Style::Text => class.push("l"),
                    Style::Loose | Style::Title => class.push("l"),
                    Style::Center => {}
                }
                let tag = if in_head { "th" } else { "td" };
                let _ = write!(s, "<{tag}");
                if c.rows > 1 {
                    let _ = write!(s, " rowspan=\"{}\"", c.rows);
                }
                if c.cols > 1 {
                    let _ = write!(s, " colspan=\"{}\"", c.cols);
                }
                if !class.is_empty() {
                    let _ = write!(s, " class=\"{}\"", class.join(" "));
                }
                if !c.style.bordered() {
                    s.push_str(" style=\"border: none\"");
                }
                let body: Vec<String> = c.value.shown().split('\n').map(esc).collect();
                let _ = write!(s, ">{}</{tag}>", body.join("<br>"));
            }
            s.push_str("</tr>\n");
        }
        if in_table {
            s.push_str(if in_head {
                "</thead></table>\n"
            } else {
                "</tbody></table>\n"
            });
        }
    }
    s.push_str("</body></html>\n");
    s
}

/// The ODF namespaces of a flat text document.
const ODF_NS: &str = "xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" office:version=\"1.2\"";

/// A cell's text as Writer paragraph content: explicit breaks as `<text:line-break/>`.
fn odf_text(s: &str) -> String {
    s.split('\n')
        .map(esc)
        .collect::<Vec<_>>()
        .join("<text:line-break/>")
}

/// The sheets as one Writer text document (flat ODF, `.fodt`) as a Word/Writer report is
/// typed: loose rows (title, headings, notes) are paragraphs, each run of ruled rows a Writer
/// table (0.5 pt borders, Writer's default 1 mm cell padding, rows as high as their text and
/// not broken across pages),
/// a blank row an empty paragraph between tables; column widths scaled to the A4 printable
/// width as in [`html`]; print-title rows are the table's repeated header rows; a manual
/// break starts a new page (a table split there continues in a new table). IPAex Gothic.
pub fn fodt(sheets: &[Sheet], title: &str) -> String {
    let landscape = sheets.iter().any(|s| s.landscape);
    let (pw, ph) = if landscape { (297, 210) } else { (210, 297) };
    let avail_mm = f64::from(pw - 20);
    let font = "IPAexGothic";
    let size = sheets.first().map_or(9.0, |s| s.font_size);
    let mut s = format!(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<office:document {ODF_NS} office:mimetype=\"application/vnd.oasis.opendocument.text\">\n\
<office:meta><dc:title xmlns:dc=\"http://purl.org/dc/elements/1.1/\">{}</dc:title></office:meta>\n\
<office:font-face-decls><style:font-face style:name=\"{font}\" svg:font-family=\"{font}\"/></office:font-face-decls>\n\
<office:styles><style:default-style style:family=\"paragraph\"><style:paragraph-properties fo:margin-top=\"0mm\" fo:margin-bottom=\"0mm\"/>\
<style:text-properties style:font-name=\"{font}\" fo:font-size=\"{size}pt\" style:font-name-asian=\"{font}\" style:font-size-asian=\"{size}pt\"/></style:default-style></office:styles>\n\
<office:automatic-styles>\n\
<style:style style:name=\"Ptitle\" style:family=\"paragraph\"><style:paragraph-properties fo:margin-bottom=\"2mm\"/><style:text-properties fo:font-size=\"{t}pt\" style:font-size-asian=\"{t}pt\"/></style:style>\n\
<style:style style:name=\"Pbreak\" style:family=\"paragraph\"><style:paragraph-properties fo:break-before=\"page\"/></style:style>\n\
<style:style style:name=\"Pc\" style:family=\"paragraph\"><style:paragraph-properties fo:text-align=\"center\"/></style:style>\n",
        esc(title),
        t = size + 4.0,
    );
    for (name, fill) in [
        ("plain", None),
        ("lab", Some("#d9e1f2")),
        ("head", Some("#ededed")),
        ("band", Some("#fce4d6")),
    ] {
        let bg = fill.map_or(String::new(), |f| format!(" fo:background-color=\"{f}\""));
        let _ = writeln!(
            s,
            "<style:style style:name=\"C{name}\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.5pt solid #000000\" fo:padding=\"1mm\" style:vertical-align=\"middle\"{bg}/></style:style>"
        );
    }
    // Writer lets a row break across pages by default; a row cut at the page end is the
    // page-boundary question (its own issue), not a presentation: rows are kept whole.
    s.push_str(
        "<style:style style:name=\"Rwhole\" style:family=\"table-row\"><style:table-row-properties fo:keep-together=\"always\"/></style:style>\n",
    );
    s.push_str(
        "<style:style style:name=\"Cnone\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"none\" fo:padding=\"1mm\"/></style:style>\n",
    );
    // Per sheet: a table style (and one breaking before it), and its column styles.
    for (si, sheet) in sheets.iter().enumerate() {
        let total: f64 = sheet.widths.iter().sum::<f64>() * 1.852;
        let scale = (avail_mm / total).min(1.0);
        let width = total * scale;
        for (name, brk) in [("", ""), ("b", " fo:break-before=\"page\"")] {
            let _ = writeln!(
                s,
                "<style:style style:name=\"T{si}{name}\" style:family=\"table\"><style:table-properties style:width=\"{width:.1}mm\" table:align=\"left\" fo:margin-top=\"0mm\" fo:margin-bottom=\"0mm\"{brk}/></style:style>"
            );
        }
        for (ci, w) in sheet.widths.iter().enumerate() {
            let _ = writeln!(
                s,
                "<style:style style:name=\"T{si}.c{ci}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{:.1}mm\"/></style:style>",
                w * 1.852 * scale
            );
        }
    }
    let orient = if landscape { "landscape" } else { "portrait" };
    let _ = write!(
        s,
        "<style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"{pw}mm\" fo:page-height=\"{ph}mm\" style:print-orientation=\"{orient}\" \
fo:margin-top=\"10mm\" fo:margin-bottom=\"10mm\" fo:margin-left=\"10mm\" fo:margin-right=\"10mm\"/></style:page-layout>\n\
</office:automatic-styles>\n<office:master-styles><style:master-page style:name=\"Standard\" style:page-layout-name=\"pm1\"/></office:master-styles>\n\
<office:body><office:text>\n"
    );
    for (si, sheet) in sheets.iter().enumerate() {
        let mut by_row: BTreeMap<u32, Vec<&Cell>> = BTreeMap::new();
        for c in &sheet.cells {
            by_row.entry(c.row).or_default().push(c);
        }
        let ncols = u16::try_from(sheet.widths.len()).unwrap_or(u16::MAX);
        let mut in_table = false;
        let mut in_head = false;
        let mut tables = 0;
        let mut first_on_sheet = si > 0;
        for r in 0..sheet.end_row() {
            let cells = by_row.get(&r).cloned().unwrap_or_default();
            let loose = !cells.is_empty() && cells.iter().all(|c| !c.style.bordered());
            let covered = sheet
                .cells
                .iter()
                .any(|c| c.style.bordered() && c.row < r && r < c.row + c.rows);
            let breaks_here = sheet.breaks.contains(&r) || std::mem::take(&mut first_on_sheet);
            let head_row = sheet.repeat_rows.is_some_and(|(a, b)| a <= r && r <= b);
            if in_table && (breaks_here || (cells.is_empty() && !covered) || loose) {
                s.push_str(if in_head {
                    "</table:table-header-rows></table:table>\n"
                } else {
                    "</table:table>\n"
                });
                in_table = false;
                in_head = false;
            }
            if (cells.is_empty() && !covered) || loose {
                if cells.is_empty() {
                    s.push_str(if breaks_here {
                        "<text:p text:style-name=\"Pbreak\"/>\n"
                    } else {
                        "<text:p/>\n"
                    });
                }
                for c in cells {
                    let style = match (breaks_here, c.style) {
                        (true, _) => " text:style-name=\"Pbreak\"",
                        (false, Style::Title) => " text:style-name=\"Ptitle\"",
                        (false, _) => "",
                    };
                    let _ = writeln!(s, "<text:p{style}>{}</text:p>", odf_text(c.value.shown()));
                }
                continue;
            }
            if !in_table {
                let b = if breaks_here { "b" } else { "" };
                let _ = write!(
                    s,
                    "<table:table table:name=\"S{si}T{tables}\" table:style-name=\"T{si}{b}\">"
                );
                tables += 1;
                for ci in 0..sheet.widths.len() {
                    let _ = write!(s, "<table:table-column table:style-name=\"T{si}.c{ci}\"/>");
                }
                s.push('\n');
                in_table = true;
                if head_row {
                    s.push_str("<table:table-header-rows>\n");
                    in_head = true;
                }
            }
            if in_head && !head_row {
                s.push_str("</table:table-header-rows>\n");
                in_head = false;
            }
            s.push_str("<table:table-row table:style-name=\"Rwhole\">");
            for col in 0..ncols {
                let start = cells.iter().find(|c| c.col == col);
                let spanned = sheet.cells.iter().any(|c| {
                    (c.row < r && r < c.row + c.rows && c.col <= col && col < c.col + c.cols)
                        || (c.row == r && c.col < col && col < c.col + c.cols)
                });
                let Some(c) = start else {
                    s.push_str(if spanned {
                        "<table:covered-table-cell/>"
                    } else {
                        "<table:table-cell table:style-name=\"Cnone\"><text:p/></table:table-cell>"
                    });
                    continue;
                };
                let cell_style = match c.style {
                    Style::Label => "Clab",
                    Style::Head => "Chead",
                    Style::Band => "Cband",
                    Style::Text | Style::Center => "Cplain",
                    Style::Loose | Style::Title => "Cnone",
                };
                let _ = write!(s, "<table:table-cell table:style-name=\"{cell_style}\"");
                if c.rows > 1 {
                    let _ = write!(s, " table:number-rows-spanned=\"{}\"", c.rows);
                }
                if c.cols > 1 {
                    let _ = write!(s, " table:number-columns-spanned=\"{}\"", c.cols);
                }
                let para = match c.style {
                    Style::Label | Style::Head | Style::Center => " text:style-name=\"Pc\"",
                    _ => "",
                };
                let _ = write!(
                    s,
                    " office:value-type=\"string\"><text:p{para}>{}</text:p></table:table-cell>",
                    odf_text(c.value.shown())
                );
            }
            s.push_str("</table:table-row>\n");
        }
        if in_table {
            s.push_str(if in_head {
                "</table:table-header-rows></table:table>\n"
            } else {
                "</table:table>\n"
            });
        }
    }
    s.push_str("</office:text></office:body></office:document>\n");
    s
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    fn number(value: &Value) -> (f64, &str) {
        match value {
            Value::Number { value, format, .. } => (*value, format.as_str()),
            other => panic!("not a number: {other:?}"),
        }
    }

    #[test]
    fn a_writer_document_types_loose_rows_as_paragraphs_between_tables() {
        let mut sh = Sheet::new("s", &[10.0, 10.0], false, 9.0);
        sh.span(0, 0, 1, 2, t("題"), Style::Title);
        sh.span(1, 0, 1, 2, t("No.1　見出し"), Style::Loose);
        sh.span(2, 0, 2, 1, t("目標"), Style::Label);
        sh.put(2, 1, t("1件"), Style::Center);
        sh.put(3, 1, t("累計\n2件"), Style::Center);
        sh.span(5, 0, 1, 2, t("No.2　見出し"), Style::Loose);
        sh.put(6, 0, t("実績"), Style::Label);
        sh.breaks.push(5);
        let doc = fodt(&[sh], "題");
        assert!(doc.contains("<text:p text:style-name=\"Ptitle\">題</text:p>"));
        assert!(doc.contains("<text:p>No.1　見出し</text:p>"));
        assert!(doc.contains("<text:p text:style-name=\"Pbreak\">No.2　見出し</text:p>"));
        assert_eq!(doc.matches("<table:table ").count(), 2);
        assert!(doc.contains("table:number-rows-spanned=\"2\""));
        // The row under the merged label holds a covered cell, then its value.
        assert!(doc.contains("<table:covered-table-cell/><table:table-cell"));
        assert!(doc.contains("累計<text:line-break/>2件"));
        // The blank row between the cards is an empty paragraph.
        assert!(doc.contains("</table:table>\n<text:p/>\n"));
    }

    #[test]
    fn seed_values_become_numbers_with_formats_that_show_them() {
        let pct = v("38.1%");
        let (x, f) = number(&pct);
        assert!((x - 0.381).abs() < 1e-12);
        assert_eq!(f, "0.0%");
        assert_eq!(number(&v("407百万円")), (407.0, "0\"百万円\""));
        assert_eq!(number(&v("116.6百万円")).1, "0.0\"百万円\"");
        assert_eq!(number(&v("1,390人")), (1390.0, "#,##0\"人\""));
        assert_eq!(number(&v("8.0日")), (8.0, "0.0\"日\""));
        assert_eq!(number(&v("14団体")), (14.0, "0\"団体\""));
        assert_eq!(number(&v("0%")), (0.0, "0%"));
    }

    #[test]
    fn mixed_stacked_and_full_width_values_stay_strings() {
        for s in [
            "累計\n250件",
            "90.5%\n以内",
            "５件",
            "年間６回",
            "90.4％",
            "-",
            "165万枚削減",
            "1,39,0件",
            "12.件",
        ] {
            assert!(matches!(v(s), Value::Text(ref t) if t == s), "{s}");
        }
        assert!(matches!(v(""), Value::Blank));
    }

    fn sample() -> Sheet {
        let mut sh = Sheet::new("試験", &[8.0, 10.0, 10.0], false, 9.0);
        sh.span(0, 0, 1, 3, t("タイトル"), Style::Title);
        sh.put(1, 0, t("年度"), Style::Label);
        sh.put(1, 1, t("R4"), Style::Head);
        sh.put(1, 2, t("R5"), Style::Head);
        sh.span(2, 0, 2, 1, t("目標"), Style::Label);
        sh.put(2, 1, t("実施"), Style::Center);
        sh.put(2, 2, t("累計\n250件"), Style::Center);
        sh.put(3, 1, v("38.1%"), Style::Center);
        sh.put(3, 2, v("1,390人"), Style::Center);
        sh.repeat_rows = Some((1, 1));
        sh
    }

    #[test]
    fn the_sheet_reader_shows_every_cell_as_written() {
        let sh = sample();
        let bytes = xlsx(
            std::slice::from_ref(&sh),
            &Meta {
                title: "試験",
                author: "試験",
            },
        )
        .unwrap();
        let doc =
            muniplan_sheet::read(&bytes, "t.xlsx", &muniplan_sheet::SheetOptions::new()).unwrap();
        let texts: Vec<String> = doc
            .pages
            .iter()
            .flat_map(|p| {
                p.tables
                    .iter()
                    .flat_map(|t| t.cells.iter().map(|c| c.text.clone()))
            })
            .chain(
                doc.pages
                    .iter()
                    .flat_map(|p| p.blocks.iter().map(|b| b.text.clone())),
            )
            .collect();
        for want in ["38.1%", "1,390人", "累計\n250件", "目標", "タイトル"] {
            assert!(texts.iter().any(|t| t == want), "{want} not in {texts:?}");
        }
    }

    #[test]
    fn html_keeps_spans_print_titles_and_loose_rows() {
        let html = html(&[sample()], "試験");
        assert!(html.contains("<h1"), "title row is loose text");
        assert!(html.contains("<thead>\n<tr><th class=\"lab\">年度</th>"));
        assert!(html.contains("<td rowspan=\"2\" class=\"lab\">目標</td>"));
        assert!(html.contains(">累計<br>250件<"));
        assert!(html.contains(">38.1%<") && html.contains(">1,390人<"));
        // Row 3 has its first column covered by the rowspan: two cells only.
        let row3 = html.lines().find(|l| l.contains(">38.1%<")).unwrap();
        assert_eq!(row3.matches("<td").count(), 2);
    }

    #[test]
    fn wrapped_text_gets_taller_rows_and_strings_split_on_breaks() {
        let mut sh = Sheet::new("試験", &[10.0], false, 9.0);
        sh.put(0, 0, t("短い"), Style::Text);
        sh.put(1, 0, t(&"長い文章".repeat(20)), Style::Text);
        sh.put(2, 0, t("一\n二\n三"), Style::Text);
        let h = sh.row_heights();
        assert!(h[&1] > 3.0 * h[&0]);
        assert!(h[&2] > 2.0 * h[&0]);
        assert_eq!(sh.strings().iter().filter(|s| s.len() <= 3).count(), 3);
    }
}
