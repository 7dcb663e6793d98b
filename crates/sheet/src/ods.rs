//! OpenDocument spreadsheets: our own streaming parser of `content.xml`.
//!
//! calamine reads ods values but neither merged ranges nor the displayed text. The ods file
//! stores both: `<text:p>` paragraphs hold what the writing application displayed (number
//! format applied), and `table:number-columns-spanned` / `number-rows-spanned` mark merges.
//! Repeated rows and columns (`number-rows-repeated="1048000"`) are counted, never expanded
//! unless they hold text.

use muniplan_ir::{Diagnostic, Location, a1};
use quick_xml::escape::resolve_predefined_entity;
use quick_xml::events::{BytesStart, Event};
use quick_xml::{Reader, XmlVersion};

use crate::grid::{Merge, RawCell, normalize_newlines};
use crate::numfmt;
use crate::{BookData, SheetData, SheetError, SheetOptions, zipx};

const FMT: &str = "ods";
/// `content.xml` may inflate to at most this many bytes.
const MAX_XML: u64 = 1 << 30;
/// Cells one row may expand to (an xlsx row has at most 16,384 columns).
const MAX_ROW_CELLS: usize = 65_536;

fn corrupt(detail: impl Into<String>) -> SheetError {
    SheetError::Corrupt {
        format: "ods",
        detail: detail.into(),
    }
}

/// Read an ods workbook.
pub(crate) fn read(bytes: &[u8], opts: &SheetOptions) -> Result<BookData, SheetError> {
    let mut zip = zipx::open(bytes).map_err(|e| corrupt(crate::xlsx::zip_detail(&e)))?;
    let manifest = zipx::read_entry(&mut zip, "META-INF/manifest.xml", 1 << 22)
        .map_err(corrupt)?
        .unwrap_or_default();
    if String::from_utf8_lossy(&manifest).contains("encryption-data") {
        return Err(SheetError::Encrypted(FMT));
    }
    let meta = zipx::read_entry(&mut zip, "meta.xml", 1 << 22)
        .ok()
        .flatten()
        .map(|m| String::from_utf8_lossy(&m).into_owned());
    let producer = meta.as_deref().and_then(|m| tag_text(m, "meta:generator"));
    let title = meta.as_deref().and_then(|m| tag_text(m, "dc:title"));
    let xml = zipx::read_entry(&mut zip, "content.xml", MAX_XML)
        .map_err(corrupt)?
        .ok_or_else(|| corrupt("no content.xml"))?;
    let sheets = parse_content(&xml, opts)?;
    Ok(BookData {
        producer,
        title,
        encoding: None,
        sheets,
        diagnostics: Vec::new(),
    })
}

fn tag_text(xml: &str, tag: &str) -> Option<String> {
    let open = format!("<{tag}>");
    let close = format!("</{tag}>");
    let start = xml.find(&open)? + open.len();
    let len = xml.get(start..)?.find(&close)?;
    let s = xml.get(start..start + len)?.trim().replace("&amp;", "&");
    (!s.is_empty()).then_some(s)
}

/// Attributes of a `table:table-cell` that matter here.
#[derive(Default)]
struct CellAttrs {
    repeat: u32,
    col_span: u32,
    row_span: u32,
    value_type: Option<String>,
    value: Option<String>,
    bool_value: Option<String>,
    date_value: Option<String>,
    time_value: Option<String>,
    formula: bool,
    error: bool,
}

fn attr_u32(e: &BytesStart<'_>, name: &str) -> Option<u32> {
    attr(e, name).and_then(|v| v.trim().parse().ok())
}

fn attr(e: &BytesStart<'_>, name: &str) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        })
}

fn cell_attrs(e: &BytesStart<'_>) -> CellAttrs {
    let mut c = CellAttrs {
        repeat: 1,
        col_span: 1,
        row_span: 1,
        ..CellAttrs::default()
    };
    for a in e.attributes().flatten() {
        let val = || {
            a.normalized_value(XmlVersion::Implicit1_0)
                .ok()
                .map(|v| v.into_owned())
        };
        match a.key.as_ref() {
            "table:number-columns-repeated" => {
                c.repeat = val().and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
            }
            "table:number-columns-spanned" => {
                c.col_span = val().and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
            }
            "table:number-rows-spanned" => {
                c.row_span = val().and_then(|v| v.parse().ok()).unwrap_or(1).max(1)
            }
            "office:value-type" => c.value_type = val(),
            "office:value" => c.value = val(),
            "office:boolean-value" => c.bool_value = val(),
            "office:date-value" => c.date_value = val(),
            "office:time-value" => c.time_value = val(),
            "table:formula" => c.formula = true,
            "calcext:value-type" => c.error = val().as_deref() == Some("error"),
            _ => {}
        }
    }
    c
}

/// Text for a cell that has a value but no `<text:p>` (some writers omit it).
fn fallback_text(c: &CellAttrs) -> Option<String> {
    match c.value_type.as_deref()? {
        "float" | "currency" => c
            .value
            .as_deref()
            .and_then(|v| v.parse::<f64>().ok())
            .map(numfmt::general),
        "percentage" => c
            .value
            .as_deref()
            .and_then(|v| v.parse::<f64>().ok())
            .map(|v| format!("{}%", numfmt::general(v * 100.0))),
        "boolean" => c
            .bool_value
            .as_deref()
            .map(|b| if b == "true" { "TRUE" } else { "FALSE" }.to_string()),
        "date" => c.date_value.clone(),
        "time" => c.time_value.clone(),
        _ => None,
    }
}

/// A sheet's name and what reading it gave.
type SheetResult = (String, Result<SheetData, SheetError>);

struct Sheet {
    data: SheetData,
    row: u32,
    count: u64,
    over: bool,
}

struct Row {
    repeat: u32,
    col: u32,
    /// (col, text, col_span, row_span)
    cells: Vec<(u32, String, u32, u32)>,
    /// Repeated cells beyond what a row can hold (hostile files), counted for the limit.
    overflow: u64,
}

struct CellState {
    attrs: CellAttrs,
    paragraphs: Vec<String>,
    current: Option<String>,
    /// Depth inside content that is not displayed text (annotations, ruby readings).
    hidden: u32,
}

fn parse_content(xml: &[u8], opts: &SheetOptions) -> Result<Vec<SheetResult>, SheetError> {
    let mut reader = Reader::from_reader(xml);
    let mut buf = Vec::new();
    let mut out = Vec::new();
    let mut sheet: Option<Sheet> = None;
    let mut row: Option<Row> = None;
    let mut cell: Option<CellState> = None;
    // Depth inside a covered cell or a nested table: content ignored.
    let mut skip: u32 = 0;
    loop {
        buf.clear();
        let ev = reader
            .read_event_into(&mut buf)
            .map_err(|e| corrupt(format!("content.xml: {e}")))?;
        let (start, empty) = match &ev {
            Event::Start(_) => (true, false),
            Event::Empty(_) => (true, true),
            _ => (false, false),
        };
        if skip > 0 {
            match &ev {
                Event::Start(_) => skip += 1,
                Event::End(_) => skip -= 1,
                Event::Eof => break,
                _ => {}
            }
            continue;
        }
        match ev {
            Event::Start(ref e) | Event::Empty(ref e) if start => {
                let qname = e.name();
                let name: &str = qname.as_ref();
                match name {
                    "table:table" if cell.is_some() => {
                        if !empty {
                            skip = 1;
                        }
                    }
                    "table:table" => {
                        let n = attr(e, "table:name")
                            .unwrap_or_else(|| format!("Sheet{}", out.len() + 1));
                        let s = Sheet {
                            data: SheetData {
                                name: n,
                                cells: Vec::new(),
                                merges: Vec::new(),
                                diagnostics: Vec::new(),
                            },
                            row: 0,
                            count: 0,
                            over: false,
                        };
                        if empty {
                            out.push((s.data.name.clone(), Ok(s.data)));
                        } else {
                            sheet = Some(s);
                        }
                    }
                    "table:table-row" if sheet.is_some() && cell.is_none() => {
                        let repeat = attr_u32(e, "table:number-rows-repeated")
                            .unwrap_or(1)
                            .max(1);
                        if empty {
                            if let Some(s) = sheet.as_mut() {
                                s.row = s.row.saturating_add(repeat);
                            }
                        } else {
                            row = Some(Row {
                                repeat,
                                col: 0,
                                cells: Vec::new(),
                                overflow: 0,
                            });
                        }
                    }
                    "table:covered-table-cell" if row.is_some() && cell.is_none() => {
                        let repeat = attr_u32(e, "table:number-columns-repeated")
                            .unwrap_or(1)
                            .max(1);
                        if let Some(r) = row.as_mut() {
                            r.col = r.col.saturating_add(repeat);
                        }
                        if !empty {
                            skip = 1;
                        }
                    }
                    "table:table-cell" if row.is_some() && cell.is_none() => {
                        let attrs = cell_attrs(e);
                        let state = CellState {
                            attrs,
                            paragraphs: Vec::new(),
                            current: None,
                            hidden: 0,
                        };
                        if empty {
                            finish_cell(state, row.as_mut(), sheet.as_mut());
                        } else {
                            cell = Some(state);
                        }
                    }
                    _ => {
                        if let Some(c) = cell.as_mut() {
                            match name {
                                // Comments, ruby readings and notes are not displayed
                                // cell text; neither is anything inside them.
                                "office:annotation" | "text:ruby-text" | "text:note" if !empty => {
                                    c.hidden += 1;
                                }
                                _ if c.hidden > 0 && !empty => c.hidden += 1,
                                _ if c.hidden > 0 => {}
                                "office:annotation" | "text:ruby-text" | "text:note" => {}
                                "text:p" | "text:h" => {
                                    if empty {
                                        c.paragraphs.push(String::new());
                                    } else {
                                        c.current = Some(String::new());
                                    }
                                }
                                "text:s" => {
                                    let n = attr_u32(e, "text:c").unwrap_or(1).clamp(1, 1000);
                                    if let Some(p) = c.current.as_mut() {
                                        p.extend(std::iter::repeat_n(' ', n as usize));
                                    }
                                }
                                "text:tab" => {
                                    if let Some(p) = c.current.as_mut() {
                                        p.push('\t');
                                    }
                                }
                                "text:line-break" => {
                                    if let Some(p) = c.current.as_mut() {
                                        p.push('\n');
                                    }
                                }
                                _ => {}
                            }
                        }
                    }
                }
            }
            Event::Text(t) => {
                if let Some(c) = cell.as_mut()
                    && c.hidden == 0
                    && let Some(p) = c.current.as_mut()
                {
                    p.push_str(&t.xml10_content());
                }
            }
            Event::GeneralRef(r) => {
                if let Some(c) = cell.as_mut()
                    && c.hidden == 0
                    && let Some(p) = c.current.as_mut()
                {
                    if let Ok(Some(ch)) = r.resolve_char_ref() {
                        p.push(ch);
                    } else if let Some(s) = resolve_predefined_entity(&r.xml10_content()) {
                        p.push_str(s);
                    }
                }
            }
            Event::CData(t) => {
                if let Some(c) = cell.as_mut()
                    && c.hidden == 0
                    && let Some(p) = c.current.as_mut()
                {
                    p.push_str(t.as_ref());
                }
            }
            Event::End(ref e) => match e.name().as_ref() {
                "table:table-cell" if cell.is_some() => {
                    if let Some(c) = cell.take() {
                        finish_cell(c, row.as_mut(), sheet.as_mut());
                    }
                }
                "table:table-row" if cell.is_none() => {
                    if let (Some(r), Some(s)) = (row.take(), sheet.as_mut()) {
                        finish_row(r, s, opts);
                    }
                }
                "table:table" if cell.is_none() => {
                    if let Some(s) = sheet.take() {
                        let name = s.data.name.clone();
                        if s.over {
                            out.push((
                                name.clone(),
                                Err(SheetError::TooManyCells {
                                    sheet: name,
                                    cells: s.count,
                                    limit: opts.max_cells,
                                }),
                            ));
                        } else {
                            out.push((name, Ok(s.data)));
                        }
                    }
                }
                name => {
                    if let Some(c) = cell.as_mut() {
                        if c.hidden > 0 {
                            c.hidden -= 1;
                        } else if matches!(name, "text:p" | "text:h")
                            && let Some(p) = c.current.take()
                        {
                            c.paragraphs.push(p);
                        }
                    }
                }
            },
            Event::Eof => break,
            _ => {}
        }
    }
    if sheet.is_some() {
        return Err(corrupt("content.xml ends inside a table"));
    }
    Ok(out)
}

fn loc(sheet: &str, row: u32, col: u32) -> Location {
    Location::Sheet {
        sheet: sheet.to_string(),
        cell: a1(row, col, 1, 1),
    }
}

fn finish_cell(c: CellState, row: Option<&mut Row>, sheet: Option<&mut Sheet>) {
    let (Some(row), Some(sheet)) = (row, sheet) else {
        return;
    };
    let mut text = normalize_newlines(&c.paragraphs.join("\n"));
    if text.is_empty()
        && let Some(t) = fallback_text(&c.attrs)
    {
        text = t;
    }
    let col = row.col;
    let r = sheet.row;
    if c.attrs.formula && text.is_empty() && c.attrs.value.is_none() {
        sheet.data.diagnostics.push(Diagnostic::warning(
            "formula-without-value",
            "formula cell has no cached value (the document was not recalculated); shown as empty",
            Some(loc(&sheet.data.name, r, col)),
        ));
    }
    if c.attrs.error {
        sheet.data.diagnostics.push(Diagnostic::warning(
            "cell-error-value",
            format!("cell shows the error value {text}"),
            Some(loc(&sheet.data.name, r, col)),
        ));
    }
    let spans = c.attrs.col_span > 1 || c.attrs.row_span > 1;
    if !text.is_empty() || spans {
        // A repeated cell repeats its content; a row holds at most MAX_ROW_CELLS of them.
        for i in 0..c.attrs.repeat {
            if row.cells.len() >= MAX_ROW_CELLS {
                row.overflow = row.overflow.saturating_add(u64::from(c.attrs.repeat - i));
                break;
            }
            row.cells.push((
                col.saturating_add(i),
                text.clone(),
                c.attrs.col_span,
                c.attrs.row_span,
            ));
        }
    }
    row.col = row.col.saturating_add(c.attrs.repeat);
}

fn finish_row(r: Row, s: &mut Sheet, opts: &SheetOptions) {
    if !r.cells.is_empty() || r.overflow > 0 {
        let n = (r.cells.len() as u64)
            .saturating_add(r.overflow)
            .saturating_mul(u64::from(r.repeat));
        s.count = s.count.saturating_add(n);
        if s.count > opts.max_cells {
            s.over = true;
        } else {
            for k in 0..r.repeat {
                let row = s.row.saturating_add(k);
                for (col, text, cs, rs) in &r.cells {
                    if *cs > 1 || *rs > 1 {
                        s.data.merges.push(Merge {
                            r0: row,
                            c0: *col,
                            r1: row.saturating_add(rs - 1),
                            c1: col.saturating_add(cs - 1),
                        });
                    }
                    if !text.is_empty() {
                        s.data.cells.push(RawCell {
                            row,
                            col: *col,
                            text: text.clone(),
                        });
                    }
                }
            }
        }
    }
    s.row = s.row.saturating_add(r.repeat);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    const CONTENT: &str = r#"<?xml version="1.0" encoding="UTF-8"?>
<office:document-content xmlns:office="o" xmlns:table="t" xmlns:text="x"><office:body><office:spreadsheet>
<table:table table:name="S &amp; T">
<table:table-row>
<table:table-cell office:value-type="string"><text:p>南<text:ruby><text:ruby-base>市</text:ruby-base><text:ruby-text>し</text:ruby-text></text:ruby>役所<office:annotation><text:p>メモ</text:p></office:annotation></text:p></table:table-cell>
<table:table-cell table:number-columns-repeated="3" office:value-type="string"><text:p>→</text:p></table:table-cell>
<table:covered-table-cell><text:p>hidden</text:p></table:covered-table-cell>
<table:table-cell office:value-type="float" office:value="0.1"/>
</table:table-row>
<table:table-row table:number-rows-repeated="2"><table:table-cell><text:p>a<text:s text:c="2"/>b<text:line-break/>c &lt; d</text:p></table:table-cell></table:table-row>
<table:table-row table:number-rows-repeated="1000000"><table:table-cell table:number-columns-repeated="16384"/></table:table-row>
<table:table-row><table:table-cell table:formula="of:=A1"/></table:table-row>
</table:table>
</office:spreadsheet></office:body></office:document-content>"#;

    #[test]
    fn text_runs_repeats_and_hidden_content() {
        let sheets = parse_content(CONTENT.as_bytes(), &SheetOptions::new()).unwrap();
        assert_eq!(sheets.len(), 1);
        let (name, data) = &sheets[0];
        assert_eq!(name, "S & T");
        let data = data.as_ref().unwrap();
        let texts: Vec<(u32, u32, &str)> = data
            .cells
            .iter()
            .map(|c| (c.row, c.col, c.text.as_str()))
            .collect();
        assert_eq!(
            texts,
            [
                (0, 0, "南市役所"),
                (0, 1, "→"),
                (0, 2, "→"),
                (0, 3, "→"),
                (0, 5, "0.1"),
                (1, 0, "a  b\nc < d"),
                (2, 0, "a  b\nc < d"),
            ]
        );
        // The formula without a value sits after the 1,000,000 repeated empty rows.
        assert_eq!(data.diagnostics.len(), 1);
        assert_eq!(
            data.diagnostics[0].location,
            Some(Location::Sheet {
                sheet: "S & T".into(),
                cell: "A1000004".into()
            })
        );
    }

    #[test]
    fn repeated_rows_count_against_the_limit() {
        let xml = CONTENT.replace(
            r#"table:number-rows-repeated="2""#,
            r#"table:number-rows-repeated="900000000""#,
        );
        let sheets = parse_content(xml.as_bytes(), &SheetOptions::new()).unwrap();
        let err = sheets[0].1.as_ref().err().unwrap();
        assert_eq!(
            err.to_string(),
            "sheet S & T has 900000005 cells, over the limit of 2000000"
        );
    }
}
