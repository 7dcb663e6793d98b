//! Typed Parquet beside the JSONL/CSV outputs: exact `DECIMAL(38, s)` values (s the largest
//! scale present, so 兆円 amounts in 円 and every printed fraction fit), fiscal years as
//! INT16, codes as strings, the source as flat columns. Written with the `parquet` crate's
//! column writer, uncompressed, with a fixed `created_by`: the bytes depend on the rows only.

use std::sync::Arc;

use muniplan_output::{ObservationRecord, SourceRef};
use parquet::basic::{ConvertedType, LogicalType, Repetition, Type as Physical};
use parquet::data_type::{BoolType, ByteArray, ByteArrayType, FixedLenByteArrayType, Int32Type};
use parquet::file::properties::WriterProperties;
use parquet::file::writer::SerializedFileWriter;
use parquet::schema::types::Type;
use serde_json::Value;

/// The type of a column.
#[derive(Clone, Copy)]
pub enum Col {
    /// UTF-8 string.
    Str,
    /// 16-bit integer (fiscal years).
    I16,
    /// 32-bit integer.
    I32,
    /// Boolean.
    Bool,
    /// Exact decimal.
    Dec,
}

/// Columns of `observations.parquet`: the JSONL record's fields, the source flattened.
pub const OBSERVATION_COLUMNS: &[(&str, Col)] = &[
    ("municipality", Col::Str),
    ("municipality_code", Col::Str),
    ("prefecture", Col::Str),
    ("prefecture_code", Col::Str),
    ("document", Col::Str),
    ("initiative_id", Col::Str),
    ("initiative", Col::Str),
    ("indicator", Col::Str),
    ("fiscal_year", Col::I16),
    ("as_of", Col::Str),
    ("date", Col::Str),
    ("by", Col::Bool),
    ("kind", Col::Str),
    ("value", Col::Dec),
    ("unit", Col::Str),
    ("display_unit", Col::Str),
    ("bound", Col::Str),
    ("cumulative", Col::Bool),
    ("direction", Col::Str),
    ("relative_to", Col::Str),
    ("relative_to_year", Col::I16),
    ("change_percent", Col::Dec),
    ("text", Col::Str),
    ("raw", Col::Str),
    ("achieved", Col::Bool),
    ("source_url", Col::Str),
    ("retrieved", Col::Str),
    ("source_page", Col::I32),
    ("source_bbox", Col::Str),
    ("source_sheet", Col::Str),
    ("source_cell", Col::Str),
];

/// Columns a `dataset` row has beyond an observation record's fields.
const DATASET_EXTRA_COLUMNS: &[(&str, Col)] = &[
    ("initiative_key", Col::Str),
    ("report_year", Col::I16),
    ("printed_in", Col::I32),
    ("revised", Col::Bool),
];

/// The columns of `dataset.parquet` for the dataset's fields, in their order: a field an
/// observation record has keeps its type in `observations.parquet` (one table of types for
/// both files); an error names a field neither knows.
pub fn dataset_columns<'a>(fields: &[&'a str]) -> Result<Vec<(&'a str, Col)>, String> {
    fields
        .iter()
        .map(|f| {
            OBSERVATION_COLUMNS
                .iter()
                .chain(DATASET_EXTRA_COLUMNS)
                .find(|(name, _)| name == f)
                .map(|(_, col)| (*f, *col))
                .ok_or_else(|| format!("parquet: no column type for the dataset field {f}"))
        })
        .collect()
}

/// One value of a [`Row`], typed for its column.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    /// Absent (JSON null or a missing field).
    Null,
    /// A string column's text (a value of another JSON type as its JSON text).
    Str(String),
    /// An integer column's value (0 when the JSON value is no integer of 32 bits).
    Int(i32),
    /// A boolean column's value (false when the JSON value is no boolean).
    Bool(bool),
    /// A decimal column's exact digits: (unscaled, scale).
    Dec(i128, u32),
    /// A decimal column's value that does not fit DECIMAL(38), as JSON text: writing the
    /// rows fails naming it.
    BadDec(String),
}

/// One record's values in the order of the columns it was made for.
pub type Row = Vec<Cell>;

/// A record's field, with `source_*` read from its `source` object (a sheet part's `part`
/// goes to `source_cell`, as in the CSV).
fn field<'a>(row: &'a Value, name: &str) -> std::borrow::Cow<'a, Value> {
    use std::borrow::Cow;
    let src = &row["source"];
    match name {
        "source_page" => Cow::Borrowed(&src["page"]),
        "source_sheet" => Cow::Borrowed(&src["sheet"]),
        "source_cell" if src.get("part").is_some() => Cow::Borrowed(&src["part"]),
        "source_cell" => Cow::Borrowed(&src["cell"]),
        "source_bbox" => match src["bbox"].as_array() {
            Some(b) => Cow::Owned(Value::String(
                b.iter().map(Value::to_string).collect::<Vec<_>>().join(" "),
            )),
            None => Cow::Owned(Value::Null),
        },
        _ => Cow::Borrowed(&row[name]),
    }
}

/// A record (a JSON object, as a line of `observations.jsonl` or a dataset row) as a typed
/// row of `columns`.
pub fn row_of_value(row: &Value, columns: &[(&str, Col)]) -> Row {
    columns
        .iter()
        .map(|(name, col)| {
            let v = field(row, name);
            if v.is_null() {
                return Cell::Null;
            }
            match col {
                Col::Str => match v.as_ref() {
                    Value::String(s) => Cell::Str(s.clone()),
                    other => Cell::Str(other.to_string()),
                },
                Col::I16 | Col::I32 => {
                    Cell::Int(v.as_i64().and_then(|n| i32::try_from(n).ok()).unwrap_or(0))
                }
                Col::Bool => Cell::Bool(v.as_bool().unwrap_or(false)),
                Col::Dec => match decimal(&v) {
                    Some((n, s)) => Cell::Dec(n, s),
                    None => Cell::BadDec(v.to_string()),
                },
            }
        })
        .collect()
}

/// Records as typed rows of `observations.parquet`: the rows [`rows_of_jsonl`] reads from their
/// JSON Lines, made from the records' fields directly (a test holds the two equal).
pub fn rows_of_records(records: &[ObservationRecord]) -> Vec<Row> {
    records.iter().map(row_of_record).collect()
}

/// One record as a typed row of [`OBSERVATION_COLUMNS`], field by field as its JSON line
/// reads back through [`row_of_value`].
fn row_of_record(r: &ObservationRecord) -> Row {
    record_cells(r).into_iter().map(|(_, c)| c).collect()
}

/// A record's cells named by their columns, in the order of [`OBSERVATION_COLUMNS`] (a test
/// holds the names and the order).
fn record_cells(r: &ObservationRecord) -> [(&'static str, Cell); 31] {
    let o = &r.observation;
    let text = |s: &str| Cell::Str(s.to_string());
    let opt = |s: Option<&str>| s.map_or(Cell::Null, text);
    let int = |n: Option<i32>| n.map_or(Cell::Null, Cell::Int);
    let dec = |n: Option<&serde_json::Number>| match n {
        None => Cell::Null,
        Some(n) => match decimal_text(&n.to_string()) {
            Some((n, s)) => Cell::Dec(n, s),
            None => Cell::BadDec(n.to_string()),
        },
    };
    let (page, bbox, sheet, cell) = match &o.source {
        SourceRef::Pdf { page, bbox } => (
            Cell::Int(i32::try_from(*page).unwrap_or(0)),
            Cell::Str(
                bbox.iter()
                    .map(|n| n.to_string())
                    .collect::<Vec<_>>()
                    .join(" "),
            ),
            Cell::Null,
            Cell::Null,
        ),
        SourceRef::Sheet { sheet, cell } => (Cell::Null, Cell::Null, text(sheet), text(cell)),
        SourceRef::SheetPart { sheet, part } => (Cell::Null, Cell::Null, text(sheet), text(part)),
    };
    [
        ("municipality", opt(r.municipality.as_deref())),
        ("municipality_code", opt(r.municipality_code.as_deref())),
        ("prefecture", opt(r.prefecture.as_deref())),
        ("prefecture_code", opt(r.prefecture_code.as_deref())),
        ("document", text(&r.document)),
        ("initiative_id", text(&r.initiative_id)),
        ("initiative", text(&r.initiative)),
        ("indicator", opt(o.indicator.as_deref())),
        ("fiscal_year", int(o.fiscal_year)),
        ("as_of", opt(o.as_of.as_deref())),
        ("date", opt(o.date.as_deref())),
        ("by", Cell::Bool(o.by)),
        ("kind", text(o.kind)),
        ("value", dec(o.value.as_ref())),
        ("unit", opt(o.unit.as_deref())),
        ("display_unit", opt(o.display_unit.as_deref())),
        ("bound", opt(o.bound)),
        ("cumulative", Cell::Bool(o.cumulative)),
        ("direction", opt(o.direction)),
        ("relative_to", opt(o.relative_to)),
        ("relative_to_year", int(o.relative_to_year)),
        ("change_percent", dec(o.change_percent.as_ref())),
        ("text", opt(o.text.as_deref())),
        ("raw", text(&o.raw)),
        ("achieved", o.achieved.map_or(Cell::Null, Cell::Bool)),
        ("source_url", opt(r.source_url.as_deref())),
        ("retrieved", opt(r.retrieved.as_deref())),
        ("source_page", page),
        ("source_bbox", bbox),
        ("source_sheet", sheet),
        ("source_cell", cell),
    ]
}

/// A JSON number's exact digits as (unscaled, scale).
fn decimal(v: &Value) -> Option<(i128, u32)> {
    match v {
        Value::Number(n) => decimal_text(&n.to_string()),
        _ => None,
    }
}

/// A JSON number's text as its exact digits (unscaled, scale); `None` for an exponent or
/// more than 38 digits.
fn decimal_text(s: &str) -> Option<(i128, u32)> {
    let (neg, s) = s.strip_prefix('-').map_or((false, s), |r| (true, r));
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    if int.is_empty() && frac.is_empty() {
        return None;
    }
    let digits: String = format!("{int}{frac}");
    if !digits.chars().all(|c| c.is_ascii_digit()) || digits.len() > 38 {
        return None;
    }
    let n: i128 = digits.parse().ok()?;
    Some((if neg { -n } else { n }, frac.len() as u32))
}

/// Rows (JSON objects) as Parquet bytes with the given columns. An error names what could not
/// be written (a number beyond DECIMAL(38) precision).
pub fn write(rows: &[Value], columns: &[(&str, Col)]) -> Result<Vec<u8>, String> {
    let rows: Vec<Row> = rows.iter().map(|r| row_of_value(r, columns)).collect();
    write_rows(&rows, columns)
}

/// Rows per row group: a batch's rows are written a group at a time, so writing holds one
/// group, not the file, in memory.
pub const ROW_GROUP: usize = 4096;

/// The largest scale of each decimal column of `rows` (0 for any other column); an error
/// names a value no DECIMAL(38) holds.
pub fn scales(rows: &[Row], columns: &[(&str, Col)]) -> Result<Vec<u32>, String> {
    columns
        .iter()
        .enumerate()
        .map(|(i, (name, col))| {
            let mut s = 0;
            if matches!(col, Col::Dec) {
                for r in rows {
                    match cell(r, i) {
                        Cell::Dec(_, sc) => s = s.max(*sc),
                        Cell::BadDec(v) => {
                            return Err(format!("{name} {v} does not fit a DECIMAL(38)"));
                        }
                        _ => {}
                    }
                }
            }
            Ok(s)
        })
        .collect()
}

/// Each column's larger scale of `into` and `other`.
pub fn widen(into: &mut Vec<u32>, other: &[u32]) {
    if into.len() < other.len() {
        into.resize(other.len(), 0);
    }
    for (a, b) in into.iter_mut().zip(other) {
        *a = (*a).max(*b);
    }
}

/// Typed rows (of [`row_of_value`] with the same `columns`) as Parquet bytes.
pub fn write_rows(rows: &[Row], columns: &[(&str, Col)]) -> Result<Vec<u8>, String> {
    let scales = scales(rows, columns)?;
    let mut buf = Vec::new();
    let text = |e: std::io::Error| e.to_string();
    let mut w = Writer::new(&mut buf, columns, scales).map_err(text)?;
    for group in rows.chunks(ROW_GROUP) {
        w.group(group).map_err(text)?;
    }
    if rows.is_empty() {
        w.group(&[]).map_err(text)?;
    }
    w.finish().map_err(text)?;
    Ok(buf)
}

/// The bytes the Parquet writer has made and `Writer` has not yet passed on.
#[derive(Clone, Default)]
struct Pending(Arc<std::sync::Mutex<Vec<u8>>>);

impl std::io::Write for Pending {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        self.0
            .lock()
            .map_err(|_| std::io::Error::other("parquet buffer poisoned"))?
            .extend_from_slice(buf);
        Ok(buf.len())
    }

    fn flush(&mut self) -> std::io::Result<()> {
        Ok(())
    }
}

/// A Parquet file written a row group at a time into `out`, with the decimal scales fixed
/// up front (a file has one scale per column): each group's bytes go to `out` as soon as the
/// group is closed.
pub struct Writer<'w> {
    file: SerializedFileWriter<Pending>,
    pending: Pending,
    out: &'w mut dyn std::io::Write,
    columns: Vec<(String, Col)>,
    scales: Vec<u32>,
}

impl<'w> Writer<'w> {
    /// A file of `columns` whose decimal columns have `scales` ([`scales`] over every row
    /// the file will hold, [`widen`]ed).
    pub fn new(
        out: &'w mut dyn std::io::Write,
        columns: &[(&str, Col)],
        scales: Vec<u32>,
    ) -> std::io::Result<Self> {
        let err = parquet_io;
        let mut fields = Vec::new();
        for (i, (name, col)) in columns.iter().enumerate() {
            let sc = scales.get(i).copied().unwrap_or(0);
            let b = match col {
                Col::Str => Type::primitive_type_builder(name, Physical::BYTE_ARRAY)
                    .with_logical_type(Some(LogicalType::String))
                    .with_converted_type(ConvertedType::UTF8),
                Col::I16 => Type::primitive_type_builder(name, Physical::INT32).with_logical_type(
                    Some(LogicalType::Integer {
                        bit_width: 16,
                        is_signed: true,
                    }),
                ),
                Col::I32 => Type::primitive_type_builder(name, Physical::INT32),
                Col::Bool => Type::primitive_type_builder(name, Physical::BOOLEAN),
                Col::Dec => Type::primitive_type_builder(name, Physical::FIXED_LEN_BYTE_ARRAY)
                    .with_length(16)
                    .with_logical_type(Some(LogicalType::Decimal {
                        scale: sc as i32,
                        precision: 38,
                    }))
                    .with_precision(38)
                    .with_scale(sc as i32),
            };
            fields.push(Arc::new(
                b.with_repetition(Repetition::OPTIONAL)
                    .build()
                    .map_err(err)?,
            ));
        }
        let schema = Arc::new(
            Type::group_type_builder("schema")
                .with_fields(fields)
                .build()
                .map_err(err)?,
        );
        let props = Arc::new(
            WriterProperties::builder()
                .set_created_by("muniplan".to_string())
                .build(),
        );
        let pending = Pending::default();
        let file = SerializedFileWriter::new(pending.clone(), schema, props).map_err(err)?;
        Ok(Writer {
            file,
            pending,
            out,
            columns: columns.iter().map(|(n, c)| (n.to_string(), *c)).collect(),
            scales,
        })
    }

    /// Write `rows` as one row group.
    pub fn group(&mut self, rows: &[Row]) -> std::io::Result<()> {
        let err = parquet_io;
        let mut rg = self.file.next_row_group().map_err(err)?;
        let mut idx = 0;
        while let Some(mut col) = rg.next_column().map_err(err)? {
            let Some((name, kind)) = self.columns.get(idx) else {
                return Err(std::io::Error::other(
                    "parquet: more columns than asked for",
                ));
            };
            let i = idx;
            let sc = self.scales.get(i).copied().unwrap_or(0);
            idx += 1;
            let defs: Vec<i16> = rows
                .iter()
                .map(|r| i16::from(*cell(r, i) != Cell::Null))
                .collect();
            let present = rows
                .iter()
                .map(|r| cell(r, i))
                .filter(|c| **c != Cell::Null);
            match kind {
                Col::Str => {
                    let data: Vec<ByteArray> = present
                        .map(|c| match c {
                            Cell::Str(s) => ByteArray::from(s.as_str()),
                            other => ByteArray::from(text_of(other).as_str()),
                        })
                        .collect();
                    col.typed::<ByteArrayType>()
                        .write_batch(&data, Some(&defs), None)
                        .map_err(err)?;
                }
                Col::I16 | Col::I32 => {
                    let data: Vec<i32> = present
                        .map(|c| match c {
                            Cell::Int(n) => *n,
                            _ => 0,
                        })
                        .collect();
                    col.typed::<Int32Type>()
                        .write_batch(&data, Some(&defs), None)
                        .map_err(err)?;
                }
                Col::Bool => {
                    let data: Vec<bool> = present.map(|c| matches!(c, Cell::Bool(true))).collect();
                    col.typed::<BoolType>()
                        .write_batch(&data, Some(&defs), None)
                        .map_err(err)?;
                }
                Col::Dec => {
                    let mut data = Vec::new();
                    for c in present {
                        let (n, s) = match c {
                            Cell::Dec(n, s) => (*n, *s),
                            Cell::BadDec(v) => {
                                return Err(std::io::Error::other(format!(
                                    "{name} {v} does not fit a DECIMAL(38)"
                                )));
                            }
                            _ => (0, 0),
                        };
                        let n = sc
                            .checked_sub(s)
                            .and_then(|d| 10i128.checked_pow(d))
                            .and_then(|m| n.checked_mul(m))
                            .ok_or_else(|| {
                                std::io::Error::other(format!(
                                    "{name} {} does not fit a DECIMAL(38, {sc})",
                                    show(n, s)
                                ))
                            })?;
                        data.push(ByteArray::from(n.to_be_bytes().to_vec()).into());
                    }
                    col.typed::<FixedLenByteArrayType>()
                        .write_batch(&data, Some(&defs), None)
                        .map_err(err)?;
                }
            }
            col.close().map_err(err)?;
        }
        rg.close().map_err(err)?;
        drain(&self.pending, &mut *self.out)
    }

    /// Close the file (its footer) and pass the last bytes on.
    pub fn finish(self) -> std::io::Result<()> {
        let Writer {
            file, pending, out, ..
        } = self;
        file.close().map_err(parquet_io)?;
        drain(&pending, out)
    }
}

/// Pass the bytes the Parquet writer made so far on to `out` (its error as it is: a full disk
/// stays a full disk).
fn drain(pending: &Pending, out: &mut dyn std::io::Write) -> std::io::Result<()> {
    let bytes = std::mem::take(
        &mut *pending
            .0
            .lock()
            .map_err(|_| std::io::Error::other("parquet: buffer poisoned"))?,
    );
    out.write_all(&bytes)
}

/// A Parquet writer's error as an I/O error (an I/O error it wraps keeps its kind).
fn parquet_io(e: parquet::errors::ParquetError) -> std::io::Error {
    match e {
        parquet::errors::ParquetError::External(inner) => {
            match inner.downcast::<std::io::Error>() {
                Ok(io) => *io,
                Err(other) => std::io::Error::other(format!("parquet: {other}")),
            }
        }
        other => std::io::Error::other(format!("parquet: {other}")),
    }
}

/// Row `r`'s cell of column `i`.
fn cell(r: &Row, i: usize) -> &Cell {
    static NULL: Cell = Cell::Null;
    r.get(i).unwrap_or(&NULL)
}

/// A cell as text: what a string column holds for a value of another type.
fn text_of(c: &Cell) -> String {
    match c {
        Cell::Null => "null".to_string(),
        Cell::Str(s) => s.clone(),
        Cell::Int(n) => n.to_string(),
        Cell::Bool(b) => b.to_string(),
        Cell::Dec(n, s) => show(*n, *s),
        Cell::BadDec(v) => v.clone(),
    }
}

/// Exact digits (unscaled, scale) as a decimal number: (-1250, 2) is `-12.50`.
fn show(n: i128, scale: u32) -> String {
    let digits = n.unsigned_abs().to_string();
    let sign = if n < 0 { "-" } else { "" };
    let scale = scale as usize;
    if scale == 0 {
        return format!("{sign}{digits}");
    }
    let digits = format!("{digits:0>width$}", width = scale + 1);
    let (int, frac) = digits.split_at(digits.len() - scale);
    format!("{sign}{int}.{frac}")
}

/// Records as JSON Lines into typed rows of `observations.parquet` (lines that do not parse
/// are skipped: we wrote them).
pub fn rows_of_jsonl(bytes: &[u8]) -> Vec<Row> {
    bytes
        .split(|b| *b == b'\n')
        .filter(|l| !l.is_empty())
        .filter_map(|l| serde_json::from_slice::<Value>(l).ok())
        .map(|v| row_of_value(&v, OBSERVATION_COLUMNS))
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn dataset_fields_have_the_observation_types() {
        let cols = dataset_columns(&["municipality_code", "fiscal_year", "value", "report_year"]);
        let kinds: Vec<String> = cols
            .iter()
            .flatten()
            .map(|(n, c)| format!("{n}:{}", col_name(*c)))
            .collect();
        assert_eq!(
            kinds,
            [
                "municipality_code:str",
                "fiscal_year:i16",
                "value:dec",
                "report_year:i16"
            ]
        );
        assert!(dataset_columns(&["no_such_field"]).is_err());
    }

    fn col_name(c: Col) -> &'static str {
        match c {
            Col::Str => "str",
            Col::I16 => "i16",
            Col::I32 => "i32",
            Col::Bool => "bool",
            Col::Dec => "dec",
        }
    }

    #[test]
    fn decimals_keep_their_digits() {
        let n = |s: &str| serde_json::from_str::<Value>(s).ok();
        assert_eq!(
            n("15600000").as_ref().and_then(decimal),
            Some((15600000, 0))
        );
        assert_eq!(n("-98.65").as_ref().and_then(decimal), Some((-9865, 2)));
        // 3兆円 in 円 with a fraction.
        assert_eq!(
            n("3000000000000.25").as_ref().and_then(decimal),
            Some((300000000000025, 2))
        );
    }

    /// Records of every source kind, with every optional field set and unset, odd numbers
    /// included (a negative fraction, more digits than DECIMAL(38) holds, a page past i32).
    /// Numbers are as the output writes them (a decimal's digits, never an exponent).
    fn records() -> Vec<ObservationRecord> {
        use muniplan_output::ObservationDto;
        let num = |s: &str| serde_json::Number::from_string_unchecked(s.to_string());
        let full = ObservationDto {
            indicator: Some("職員数".into()),
            fiscal_year: Some(2024),
            as_of: Some("2024-03-31".into()),
            date: Some("2024-04".into()),
            by: true,
            kind: "target",
            value: Some(num("-12.50")),
            unit: Some("円".into()),
            display_unit: Some("千円".into()),
            bound: Some("at_least"),
            cumulative: true,
            direction: Some("increase"),
            relative_to: Some("fiscal_year"),
            relative_to_year: Some(2019),
            change_percent: Some(num("3")),
            text: Some("毎年度実施".into()),
            raw: "▲12.5千円".into(),
            achieved: Some(false),
            source: SourceRef::Pdf {
                page: 3,
                bbox: [num("1.5"), num("20"), num("300.25"), num("40")],
            },
            unit_source: Some("cell"),
            unit_source_ref: None,
        };
        let empty = ObservationDto {
            indicator: None,
            fiscal_year: None,
            as_of: None,
            date: None,
            by: false,
            kind: "actual",
            value: None,
            unit: None,
            display_unit: None,
            bound: None,
            cumulative: false,
            direction: None,
            relative_to: None,
            relative_to_year: None,
            change_percent: None,
            text: None,
            raw: String::new(),
            achieved: None,
            source: SourceRef::Sheet {
                sheet: "様式1".into(),
                cell: "B7:C8".into(),
            },
            unit_source: None,
            unit_source_ref: None,
        };
        let mut odd = full.clone();
        odd.value = Some(num(&"9".repeat(39)));
        odd.change_percent = Some(num(&format!("-0.{}1", "0".repeat(38))));
        odd.source = SourceRef::Pdf {
            page: u32::MAX,
            bbox: [num("0"), num("-0.01"), num("1"), num("2")],
        };
        let mut part = empty.clone();
        part.source = SourceRef::SheetPart {
            sheet: "Sheet1".into(),
            part: "header",
        };
        let rec = |observation: ObservationDto, given: bool| ObservationRecord {
            municipality: given.then(|| "能美市".into()),
            municipality_code: given.then(|| "172111".into()),
            document: "doc.pdf".into(),
            initiative_id: "(1)".into(),
            initiative: "窓口業務の効率化".into(),
            observation,
            prefecture: given.then(|| "石川県".into()),
            prefecture_code: given.then(|| "17".into()),
            source_url: given.then(|| "https://example.invalid/a.pdf".into()),
            retrieved: given.then(|| "2026-11-21".into()),
        };
        vec![
            rec(full, true),
            rec(empty, false),
            rec(odd, true),
            rec(part, false),
        ]
    }

    #[test]
    fn rows_made_from_records_are_the_rows_read_from_their_json_lines() {
        let recs = records();
        let made = rows_of_records(&recs);
        assert_eq!(made.len(), 4);
        assert_eq!(
            made,
            rows_of_jsonl(&muniplan_output::observations_jsonl(&recs))
        );
        let names: Vec<&str> = record_cells(&recs[0]).iter().map(|(n, _)| *n).collect();
        let columns: Vec<&str> = OBSERVATION_COLUMNS.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, columns);
        // The odd values: an error when written, not a wrong number.
        assert!(made[2].contains(&Cell::BadDec("9".repeat(39))));
        assert!(write_rows(&made, OBSERVATION_COLUMNS).is_err());
        assert!(write_rows(&made[..2], OBSERVATION_COLUMNS).is_ok());
    }

    #[test]
    fn the_same_rows_give_the_same_bytes() {
        let rows: Vec<Value> = (0..3)
            .map(|i| {
                serde_json::json!({"municipality_code": "012025", "fiscal_year": 2020 + i,
                "value": serde_json::from_str::<Value>(&format!("{i}.5")).ok(),
                "source": {"page": 1, "bbox": [1, 2, 3, 4]}, "cumulative": true})
            })
            .collect();
        let a = write(&rows, OBSERVATION_COLUMNS);
        assert!(a.as_ref().is_ok_and(|b| b.starts_with(b"PAR1")), "{a:?}");
        assert_eq!(a, write(&rows, OBSERVATION_COLUMNS));
    }

    /// More rows than a row group holds are written a group at a time, every row kept, with
    /// the scale of the whole file: a value of scale 2 in the last group widens the first
    /// group's values too.
    #[test]
    #[allow(clippy::expect_used)]
    fn rows_past_a_group_go_to_the_next_group() {
        use parquet::file::reader::{FileReader, SerializedFileReader};
        let recs = records();
        let two = rows_of_records(recs.get(..2).unwrap_or_default());
        let n = ROW_GROUP * 2 + 3;
        let mut rows: Vec<Row> = (0..n)
            .filter_map(|i| two.get(i % 2).cloned())
            .map(|mut r| {
                if let Some(v) = r.get_mut(13) {
                    *v = Cell::Dec(7, 0);
                }
                r
            })
            .collect();
        if let Some(v) = rows.last_mut().and_then(|r| r.get_mut(13)) {
            *v = Cell::Dec(125, 2);
        }
        let bytes = write_rows(&rows, OBSERVATION_COLUMNS).unwrap_or_default();
        let dir = tempfile::tempdir().expect("tempdir");
        let path = dir.path().join("groups.parquet");
        std::fs::write(&path, &bytes).expect("write");
        let file =
            SerializedFileReader::new(std::fs::File::open(&path).expect("open")).expect("parquet");
        let meta = file.metadata();
        assert_eq!(meta.num_row_groups(), 3);
        let counts: Vec<i64> = meta.row_groups().iter().map(|g| g.num_rows()).collect();
        assert_eq!(counts, [ROW_GROUP as i64, ROW_GROUP as i64, 3]);
        let value = meta.file_metadata().schema_descr().column(13);
        assert_eq!((value.name(), value.type_scale()), ("value", 2));
    }
}
