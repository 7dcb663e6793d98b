//! CSV/TSV: encoding detection (UTF-8, UTF-8 with BOM, UTF-16 with BOM, CP932) and an
//! RFC 4180 parser (quoted fields with embedded delimiters, quotes and newlines).

use encoding_rs::{SHIFT_JIS, UTF_16BE, UTF_16LE};
use muniplan_ir::Diagnostic;

use crate::grid::RawCell;
use crate::{BookData, SheetData, SheetError, SheetFormat, SheetOptions};

/// Decoded text and the encoding's name as recorded in the output.
pub(crate) fn decode(bytes: &[u8]) -> Result<(String, &'static str), SheetError> {
    if let Some(rest) = bytes.strip_prefix(b"\xEF\xBB\xBF") {
        return match std::str::from_utf8(rest) {
            Ok(s) => Ok((s.to_string(), "utf-8-bom")),
            Err(e) => Err(SheetError::NotText(format!(
                "utf-8 byte order mark but invalid utf-8 at byte {}",
                e.valid_up_to() + 3
            ))),
        };
    }
    for (bom, enc, name) in [
        (&b"\xFF\xFE"[..], UTF_16LE, "utf-16le"),
        (&b"\xFE\xFF"[..], UTF_16BE, "utf-16be"),
    ] {
        if let Some(rest) = bytes.strip_prefix(bom) {
            return match enc.decode_without_bom_handling_and_without_replacement(rest) {
                Some(s) => Ok((s.into_owned(), name)),
                None => Err(SheetError::NotText(format!(
                    "invalid {name} after its byte order mark"
                ))),
            };
        }
    }
    if bytes.contains(&0) {
        return Err(SheetError::NotText(
            "binary data: contains NUL bytes".to_string(),
        ));
    }
    if let Ok(s) = std::str::from_utf8(bytes) {
        return Ok((s.to_string(), "utf-8"));
    }
    match SHIFT_JIS.decode_without_bom_handling_and_without_replacement(bytes) {
        Some(s) => Ok((s.into_owned(), "cp932")),
        None => Err(SheetError::NotText(
            "neither valid utf-8 nor valid shift_jis/cp932 byte sequences".to_string(),
        )),
    }
}

/// Choose the delimiter: tab for TSV, comma for CSV, unless the first line clearly uses the
/// other one (a `.csv` exported with tabs or semicolons).
fn sniff(text: &str, format: SheetFormat) -> char {
    let first = first_record_line(text);
    let count = |c: char| first.matches(c).count();
    let (commas, tabs, semis) = (count(','), count('\t'), count(';'));
    match format {
        SheetFormat::Tsv if tabs == 0 && commas > 0 => ',',
        SheetFormat::Tsv => '\t',
        _ if commas == 0 && tabs > 0 => '\t',
        _ if commas == 0 && semis > 0 => ';',
        _ => ',',
    }
}

/// The first line outside quotes (good enough for sniffing).
fn first_record_line(text: &str) -> &str {
    let mut in_quote = false;
    for (i, c) in text.char_indices() {
        match c {
            '"' => in_quote = !in_quote,
            '\n' | '\r' if !in_quote => return text.get(..i).unwrap_or(text),
            _ => {}
        }
    }
    text
}

/// Parse RFC 4180 records. Returns the records and whether a quote was left open.
fn parse(text: &str, delim: char) -> (Vec<Vec<String>>, bool) {
    let mut rows: Vec<Vec<String>> = Vec::new();
    let mut row: Vec<String> = Vec::new();
    let mut field = String::new();
    let mut chars = text.chars().peekable();
    let mut in_quote = false;
    let mut field_started = false;
    while let Some(c) = chars.next() {
        if in_quote {
            if c == '"' {
                if chars.peek() == Some(&'"') {
                    field.push('"');
                    chars.next();
                } else {
                    in_quote = false;
                }
            } else if c == '\r' {
                // A newline inside a quoted field: keep it as `\n`.
                if chars.peek() == Some(&'\n') {
                    chars.next();
                }
                field.push('\n');
            } else {
                field.push(c);
            }
            continue;
        }
        if c == '"' && !field_started {
            in_quote = true;
            field_started = true;
        } else if c == delim {
            row.push(std::mem::take(&mut field));
            field_started = false;
        } else if c == '\r' || c == '\n' {
            if c == '\r' && chars.peek() == Some(&'\n') {
                chars.next();
            }
            row.push(std::mem::take(&mut field));
            rows.push(std::mem::take(&mut row));
            field_started = false;
        } else {
            field.push(c);
            field_started = true;
        }
    }
    if field_started || !field.is_empty() || !row.is_empty() {
        row.push(field);
        rows.push(row);
    }
    (rows, in_quote)
}

/// A delimited text file's records (encoding detected as for a CSV input: UTF-8, UTF-8 with
/// BOM, UTF-16 with BOM, CP932; delimiter sniffed), for small side files such as the list of
/// sources `convert --sources` reads. An unclosed quote is an error here: a list must be whole.
pub fn records(bytes: &[u8]) -> Result<Vec<Vec<String>>, SheetError> {
    let (text, _) = decode(bytes)?;
    let (rows, open_quote) = parse(&text, sniff(&text, SheetFormat::Csv));
    if open_quote {
        return Err(SheetError::NotText(
            "a quoted field is not closed before the end of the file".to_string(),
        ));
    }
    Ok(rows)
}

/// Read a CSV/TSV file as one sheet named after the file stem.
pub(crate) fn read(
    bytes: &[u8],
    file_name: &str,
    format: SheetFormat,
    opts: &SheetOptions,
) -> Result<BookData, SheetError> {
    let (text, encoding) = decode(bytes)?;
    let name = std::path::Path::new(file_name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "csv".to_string());
    let delim = sniff(&text, format);
    let (rows, open_quote) = parse(&text, delim);
    let mut data = SheetData {
        name: name.clone(),
        cells: Vec::new(),
        merges: Vec::new(),
        diagnostics: Vec::new(),
    };
    let expected = match format {
        SheetFormat::Tsv => '\t',
        _ => ',',
    };
    if delim != expected {
        data.diagnostics.push(Diagnostic::info(
            "delimiter-sniffed",
            format!(
                "delimiter {delim:?} used instead of {expected:?} (sniffed from the first line)"
            ),
            None,
        ));
    }
    if open_quote {
        data.diagnostics.push(Diagnostic::warning(
            "csv-unterminated-quote",
            "a quoted field is not closed before the end of the file; read to the end",
            None,
        ));
    }
    let mut count: u64 = 0;
    for (r, row) in rows.into_iter().enumerate() {
        let Ok(r) = u32::try_from(r) else { break };
        for (c, field) in row.into_iter().enumerate() {
            let Ok(c) = u32::try_from(c) else { break };
            if field.is_empty() {
                continue;
            }
            count = count.saturating_add(1);
            if count > opts.max_cells {
                continue;
            }
            data.cells.push(RawCell {
                row: r,
                col: c,
                text: field,
            });
        }
    }
    if count > opts.max_cells {
        return Err(SheetError::TooManyCells {
            sheet: name,
            cells: count,
            limit: opts.max_cells,
        });
    }
    Ok(BookData {
        producer: None,
        title: None,
        encoding: Some(encoding.to_string()),
        sheets: vec![(name, Ok(data))],
        diagnostics: Vec::new(),
    })
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn rfc4180_quotes_and_newlines() {
        let (rows, open) = parse("a,\"b,1\",\"x\"\"y\"\r\n\"multi\r\nline\",2\n", ',');
        assert!(!open);
        assert_eq!(rows.len(), 2);
        assert_eq!(rows[0], vec!["a", "b,1", "x\"y"]);
        assert_eq!(rows[1], vec!["multi\nline", "2"]);
    }

    #[test]
    fn encodings() {
        assert_eq!(decode("基本方針".as_bytes()).unwrap().1, "utf-8");
        let mut bom = b"\xEF\xBB\xBF".to_vec();
        bom.extend_from_slice("項目".as_bytes());
        assert_eq!(decode(&bom).unwrap(), ("項目".to_string(), "utf-8-bom"));
        let (sjis, _, _) = SHIFT_JIS.encode("主管課,98.60%");
        assert_eq!(
            decode(&sjis).unwrap(),
            ("主管課,98.60%".to_string(), "cp932")
        );
        assert!(decode(b"\xFF\xFF\xFF\x81").is_err());
    }
}
