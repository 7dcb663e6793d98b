//! `observations.csv`: the tidy records for spreadsheet users, in UTF-8, UTF-8 with BOM, or CP932.

use crate::dto::{ObservationRecord, SourceRef};

/// Encoding of `observations.csv`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CsvEncoding {
    /// UTF-8 without BOM (the default).
    Utf8,
    /// UTF-8 with a BOM, which Excel needs to detect UTF-8.
    Utf8Bom,
    /// CP932 (Shift_JIS as Japanese Excel writes it). Characters CP932 cannot hold become `?`
    /// and are counted.
    Cp932,
}

const HEADER: &[&str] = &[
    "municipality",
    "municipality_code",
    "document",
    "initiative_id",
    "initiative",
    "indicator",
    "fiscal_year",
    "as_of",
    "kind",
    "value",
    "unit",
    "display_unit",
    "bound",
    "cumulative",
    "direction",
    "relative_to",
    "relative_to_year",
    "change_percent",
    "text",
    "raw",
    "achieved",
    "source_page",
    "source_bbox",
    "source_sheet",
    "source_cell",
    "prefecture",
    "prefecture_code",
    "source_url",
    "retrieved",
    "unit_source",
    "unit_source_page",
    "unit_source_bbox",
    "unit_source_sheet",
    "unit_source_cell",
    "date",
    "by",
];

/// The CSV bytes, and how many characters the encoding could not represent.
pub fn observations_csv<'a>(
    records: impl IntoIterator<Item = &'a ObservationRecord>,
    encoding: CsvEncoding,
) -> (Vec<u8>, usize) {
    let mut out = csv_header(encoding);
    let (rows, unmappable) = csv_rows(records, encoding);
    out.extend_from_slice(&rows);
    (out, unmappable)
}

/// The start of `observations.csv`: the BOM when asked for, and the header row.
pub fn csv_header(encoding: CsvEncoding) -> Vec<u8> {
    let mut text = String::new();
    push_row(&mut text, HEADER.iter().map(|s| s.to_string()));
    let mut out = match encoding {
        CsvEncoding::Utf8Bom => vec![0xEF, 0xBB, 0xBF],
        _ => Vec::new(),
    };
    // The header is ASCII: the same bytes in every encoding.
    out.extend_from_slice(text.as_bytes());
    out
}

/// Rows for some records, without header or BOM (a batch writes them file by file), and how
/// many characters the encoding could not represent.
pub fn csv_rows<'a>(
    records: impl IntoIterator<Item = &'a ObservationRecord>,
    encoding: CsvEncoding,
) -> (Vec<u8>, usize) {
    let mut text = String::new();
    for r in records {
        let o = &r.observation;
        let [page, bbox, sheet, cell] = source_columns(&o.source);
        let [unit_page, unit_bbox, unit_sheet, unit_cell] = match &o.unit_source_ref {
            Some(r) => source_columns(r),
            None => Default::default(),
        };
        let opt = |s: &Option<String>| s.clone().unwrap_or_default();
        push_row(
            &mut text,
            [
                opt(&r.municipality),
                opt(&r.municipality_code),
                r.document.clone(),
                r.initiative_id.clone(),
                r.initiative.clone(),
                opt(&o.indicator),
                o.fiscal_year.map(|y| y.to_string()).unwrap_or_default(),
                opt(&o.as_of),
                o.kind.to_string(),
                o.value.as_ref().map(|v| v.to_string()).unwrap_or_default(),
                opt(&o.unit),
                opt(&o.display_unit),
                o.bound.unwrap_or_default().to_string(),
                o.cumulative.to_string(),
                o.direction.unwrap_or_default().to_string(),
                o.relative_to.unwrap_or_default().to_string(),
                o.relative_to_year
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                o.change_percent
                    .as_ref()
                    .map(|v| v.to_string())
                    .unwrap_or_default(),
                opt(&o.text),
                o.raw.clone(),
                o.achieved.map(|a| a.to_string()).unwrap_or_default(),
                page,
                bbox,
                sheet,
                cell,
                opt(&r.prefecture),
                opt(&r.prefecture_code),
                opt(&r.source_url),
                opt(&r.retrieved),
                o.unit_source.unwrap_or_default().to_string(),
                unit_page,
                unit_bbox,
                unit_sheet,
                unit_cell,
                opt(&o.date),
                o.by.to_string(),
            ]
            .into_iter(),
        );
    }
    match encoding {
        CsvEncoding::Utf8 | CsvEncoding::Utf8Bom => (text.into_bytes(), 0),
        CsvEncoding::Cp932 => encode_cp932(&text),
    }
}

/// RFC 4180: fields with a comma, quote or line break are quoted, quotes doubled; CRLF rows.
pub fn push_row(out: &mut String, fields: impl Iterator<Item = String>) {
    for (idx, field) in fields.enumerate() {
        if idx > 0 {
            out.push(',');
        }
        if field.contains([',', '"', '\n', '\r']) {
            out.push('"');
            out.push_str(&field.replace('"', "\"\""));
            out.push('"');
        } else {
            out.push_str(&field);
        }
    }
    out.push_str("\r\n");
}

/// Encode as CP932 (encoding_rs's Shift_JIS is the WHATWG one, i.e. Windows-31J/CP932).
/// encoding_rs would write unmappable characters as HTML entities: replace them with `?`.
fn encode_cp932(text: &str) -> (Vec<u8>, usize) {
    let enc = encoding_rs::SHIFT_JIS;
    let (bytes, _, had_errors) = enc.encode(text);
    if !had_errors {
        return (bytes.into_owned(), 0);
    }
    let mut out = Vec::with_capacity(text.len());
    let mut unmappable = 0;
    let mut buf = [0u8; 4];
    for ch in text.chars() {
        let (b, _, err) = enc.encode(ch.encode_utf8(&mut buf));
        if err {
            unmappable += 1;
            out.push(b'?');
        } else {
            out.extend_from_slice(&b);
        }
    }
    (out, unmappable)
}

/// A source's columns: page, bbox, sheet, cell (empty where they do not apply).
fn source_columns(source: &SourceRef) -> [String; 4] {
    match source {
        SourceRef::Pdf { page, bbox } => [
            page.to_string(),
            bbox.iter()
                .map(|n| n.to_string())
                .collect::<Vec<_>>()
                .join(" "),
            String::new(),
            String::new(),
        ],
        SourceRef::Sheet { sheet, cell } => {
            [String::new(), String::new(), sheet.clone(), cell.clone()]
        }
        SourceRef::SheetPart { sheet, part } => [
            String::new(),
            String::new(),
            sheet.clone(),
            part.to_string(),
        ],
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn cp932_replaces_unmappable() {
        let (bytes, bad) = encode_cp932("南アルプス市 𠮷");
        assert_eq!(bad, 1);
        let (back, _, _) = encoding_rs::SHIFT_JIS.decode(&bytes);
        assert_eq!(back, "南アルプス市 ?");
    }

    #[test]
    fn quoting() {
        let mut s = String::new();
        push_row(
            &mut s,
            [
                "a,b".to_string(),
                "x\"y".into(),
                "累計\n250件".into(),
                "plain".into(),
            ]
            .into_iter(),
        );
        assert_eq!(s, "\"a,b\",\"x\"\"y\",\"累計\n250件\",plain\r\n");
    }
}
