//! `muniplan normalize`: the normalizer on its own, one JSON object per input (JSONL).
//!
//! Field names follow the observation contract where they overlap (`value`, `unit`,
//! `display_unit`, `bound`, `cumulative`, `direction`, `relative_to`, `change_percent`, `text`,
//! `fiscal_year`, `as_of`, `relative_to_year`, `by`, `date`). `input`, `kind`, `text` and `diagnostics` are always present; the other fields
//! only when set. Values are exact JSON numbers (serde_json with arbitrary precision).

use std::io::{BufRead, Write};
use std::process::ExitCode;

use muniplan_normalize::{Decimal, Hints, Item, Parsed, Quantity, Value, parse_value};
use serde_json::{Map, Number, Value as Json};

/// Flags of `muniplan normalize`.
#[derive(clap::Args)]
pub struct NormalizeArgs {
    /// Texts to normalize; lines on stdin when none are given (a literal `\n` in a stdin line
    /// stands for a line break inside the cell).
    pub texts: Vec<String>,
    /// Unit printed in the header, applied to bare numbers only (e.g. 億円, 千円, %, 件).
    #[arg(long)]
    pub hint_unit: Option<String>,
    /// The header says 累計: `3 (4)` is in-year 3 and cumulative 4.
    #[arg(long)]
    pub hint_cumulative: bool,
    /// Fiscal year of the column, for relative words (前年度, 翌年度).
    #[arg(long)]
    pub reference_year: Option<i32>,
    /// Roles of a multi-value cell, comma-separated (e.g. 目標,実績,達成率).
    #[arg(long, value_delimiter = ',')]
    pub hint_roles: Vec<String>,
}

/// Run `muniplan normalize`.
pub fn run(args: NormalizeArgs) -> anyhow::Result<ExitCode> {
    let hints = Hints {
        unit: args.hint_unit.clone(),
        cumulative: args.hint_cumulative,
        reference_year: args.reference_year,
        roles: args
            .hint_roles
            .iter()
            .map(|r| r.trim().to_owned())
            .filter(|r| !r.is_empty())
            .collect(),
    };
    let stdout = std::io::stdout();
    let mut out = std::io::BufWriter::new(stdout.lock());
    if args.texts.is_empty() {
        let stdin = std::io::stdin();
        for line in stdin.lock().lines() {
            let line = line?;
            let input = line.replace("\\n", "\n");
            write_one(&mut out, &input, &hints)?;
        }
    } else {
        for input in &args.texts {
            write_one(&mut out, input, &hints)?;
        }
    }
    out.flush()?;
    Ok(ExitCode::SUCCESS)
}

fn write_one(out: &mut impl Write, input: &str, hints: &Hints) -> anyhow::Result<()> {
    let parsed = parse_value(input, hints);
    let mut obj = Map::new();
    obj.insert("input".into(), Json::String(input.to_owned()));
    render(&parsed, &mut obj);
    serde_json::to_writer(&mut *out, &Json::Object(obj))?;
    out.write_all(b"\n")?;
    Ok(())
}

/// Render a decimal as an exact JSON number.
fn number(d: Decimal) -> Json {
    match serde_json::from_str::<Number>(&d.normalize().to_string()) {
        Ok(n) => Json::Number(n),
        Err(_) => Json::String(d.to_string()),
    }
}

fn put_str(obj: &mut Map<String, Json>, key: &str, v: Option<&str>) {
    if let Some(v) = v {
        obj.insert(key.into(), Json::String(v.to_owned()));
    }
}

fn put_true(obj: &mut Map<String, Json>, key: &str, v: bool) {
    if v {
        obj.insert(key.into(), Json::Bool(true));
    }
}

fn render(p: &Parsed, obj: &mut Map<String, Json>) {
    obj.insert("kind".into(), Json::String(p.value.kind().to_owned()));
    obj.insert("text".into(), Json::String(p.text.clone()));
    match &p.value {
        Value::Quantity(q) => render_quantity(q, obj),
        Value::FiscalYear(y) => {
            obj.insert("fiscal_year".into(), Json::from(*y));
        }
        Value::FiscalYearRange { from, to } => {
            if let Some(f) = from {
                obj.insert("from".into(), Json::from(*f));
            }
            if let Some(t) = to {
                obj.insert("to".into(), Json::from(*t));
            }
        }
        Value::CalendarDate {
            year,
            month,
            day,
            fiscal_year,
        } => {
            let date = match (month, day) {
                (Some(m), Some(d)) => format!("{year:04}-{m:02}-{d:02}"),
                (Some(m), None) => format!("{year:04}-{m:02}"),
                _ => format!("{year:04}"),
            };
            obj.insert("date".into(), Json::String(date));
            if let Some(f) = fiscal_year {
                obj.insert("fiscal_year".into(), Json::from(*f));
            }
        }
        Value::Relative {
            offset,
            fiscal_year,
        } => {
            obj.insert("offset".into(), Json::from(*offset));
            if let Some(f) = fiscal_year {
                obj.insert("fiscal_year".into(), Json::from(*f));
            }
        }
        Value::Missing { pending, reason } => {
            put_true(obj, "pending", *pending);
            put_str(obj, "reason", reason.as_deref());
        }
        Value::Status(mark) => put_str(obj, "mark", Some(mark)),
        Value::SameAsPrevious => {}
        Value::Months(months) => {
            obj.insert(
                "months".into(),
                Json::Array(months.iter().map(|m| Json::from(*m)).collect()),
            );
        }
        Value::Text => {
            put_str(obj, "date", p.date.map(|d| d.iso()).as_deref());
            if let Some(f) = p.fiscal_year {
                obj.insert("fiscal_year".into(), Json::from(f));
            }
        }
        Value::Multi(items) => {
            let arr: Vec<Json> = items.iter().map(render_item).collect();
            obj.insert("items".into(), Json::Array(arr));
        }
    }
    put_str(obj, "marker", p.marker.as_deref());
    if !p.footnote_refs.is_empty() {
        obj.insert(
            "footnote_refs".into(),
            Json::Array(p.footnote_refs.iter().cloned().map(Json::String).collect()),
        );
    }
    put_str(obj, "label", p.label.as_deref());
    put_str(obj, "as_of", p.as_of.map(|a| a.iso()).as_deref());
    put_true(obj, "by", p.by);
    put_str(obj, "annotation", p.annotation.as_deref());
    let diags: Vec<Json> = p
        .diagnostics
        .iter()
        .map(|n| {
            let mut d = Map::new();
            d.insert("code".into(), Json::String(n.code.to_owned()));
            d.insert("message".into(), Json::String(n.message.clone()));
            Json::Object(d)
        })
        .collect();
    obj.insert("diagnostics".into(), Json::Array(diags));
}

fn render_item(it: &Item) -> Json {
    let mut obj = Map::new();
    put_str(&mut obj, "role", it.role.as_deref());
    render(&it.parsed, &mut obj);
    if it.label.is_some() && it.parsed.label.is_none() {
        put_str(&mut obj, "label", it.label.as_deref());
    }
    Json::Object(obj)
}

fn render_quantity(q: &Quantity, obj: &mut Map<String, Json>) {
    if let Some(v) = q.value {
        obj.insert("value".into(), number(v));
    }
    put_str(obj, "unit", q.unit.as_deref());
    put_str(obj, "display_unit", q.display_unit.as_deref());
    put_str(obj, "bound", q.bound.map(|b| b.as_str()));
    put_true(obj, "cumulative", q.cumulative);
    put_str(obj, "direction", q.direction.map(|d| d.as_str()));
    put_str(obj, "relative_to", q.relative_to.map(|r| r.as_str()));
    if let Some(y) = q.relative_to.and_then(|r| r.fiscal_year()) {
        obj.insert("relative_to_year".into(), Json::from(y));
    }
    if let Some(c) = q.change_percent {
        obj.insert("change_percent".into(), number(c));
    }
    put_true(obj, "approx", q.approx);
    put_true(obj, "gross", q.gross);
    put_true(obj, "per_year", q.per_year);
    put_true(obj, "average", q.average);
    if let Some(c) = q.change {
        obj.insert("change".into(), number(c));
    }
    if let Some(y) = q.fiscal_year {
        obj.insert("fiscal_year".into(), Json::from(y));
    }
    if let Some((a, b)) = q.fraction {
        obj.insert("fraction".into(), Json::Array(vec![number(a), number(b)]));
    }
    if let Some(s) = q.share_of_target {
        obj.insert("share_of_target_percent".into(), number(s));
    }
}
