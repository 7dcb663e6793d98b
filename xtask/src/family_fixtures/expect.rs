//! What each family fixture prints, stated by hand: the truth the recognizer is tested against.
//!
//! A family's content file (`xtask/families/<family>.json`, [`super::content`]) holds its
//! initiatives, their value rows per year column and a hand reading of every printed text,
//! written after reading the seed (the exact decimal in base units, the unit, the bound, 累計
//! …). [`stated`] lists every value that content states as an [`Expect`]: which initiative and
//! indicator it belongs to, its kind and fiscal year (known from where the content puts it, not
//! from reading the sheet back), its raw cell text and its reading. The family fixture's list
//! and every variant's list come from it; none of it comes from muniplan's output. `cargo xtask
//! fixtures expected` writes the lists as `<stem>.expected.jsonl` (and
//! `<stem>.chromium.expected.jsonl` for the Chromium print) next to the fixture;
//! tests/e2e/families.rs compares every fixture's observations with them, both ways.

use std::fmt::Write as _;

use anyhow::{Context, bail};

use super::content::{Family, Initiative, Order, Read, Series};

/// One printed value and what it means.
#[derive(Clone, Debug)]
pub struct Expect {
    /// `initiative_id` as the output contract normalizes it (`(1)`, `No.3`, `1-(3)-②` …).
    pub id: String,
    /// Indicator name, normalized text; None where the value has no indicator (plan rows,
    /// status, grades).
    pub indicator: Option<String>,
    /// `target`, `actual`, `baseline`, `final_target`, `plan`, `status`, `grade`,
    /// `achievement_rate`.
    pub kind: &'static str,
    /// Western year the fiscal year starts in; None when undated.
    pub fiscal_year: Option<i32>,
    /// The cell's text exactly as written into the fixture (line breaks included).
    pub raw: String,
    /// How that text reads.
    pub reading: Reading,
}

/// How one raw value reads, per DESIGN.md's normalization policy. Decimals are strings
/// (`"15600000"`, `"98.6"`): exact, never floats.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Reading {
    pub value: Option<&'static str>,
    pub unit: Option<&'static str>,
    pub display_unit: Option<&'static str>,
    /// `at_most`, `at_least`, `below`, `above`.
    pub bound: Option<&'static str>,
    pub cumulative: bool,
    /// `increase`, `decrease`.
    pub direction: Option<&'static str>,
    /// `previous_year`.
    pub relative_to: Option<&'static str>,
    pub change_percent: Option<&'static str>,
    /// Normalized text for a qualitative value.
    pub text: Option<String>,
}

#[cfg(test)]
impl Reading {
    /// A number in base units with its unit (`"35"`, `"件"`); unit may be empty for none.
    pub fn number(value: &'static str, unit: &'static str) -> Self {
        Self {
            value: Some(value),
            unit: (!unit.is_empty()).then_some(unit),
            ..Self::default()
        }
    }
}

/// Every value a family's content states, in the content's order ([`Family::order`]): the
/// expected list of the family's own fixture, and (with the raw text as a variant prints it)
/// of every variant. Blank cells and placeholders state nothing; a printed text with no hand
/// reading is an error, so nothing is guessed.
pub fn stated(f: &Family) -> anyhow::Result<Vec<Expect>> {
    let mut out = Vec::new();
    for i in f.initiatives.iter().filter(|i| i.omitted.is_none()) {
        out.extend(stated_by(f, i)?);
    }
    Ok(out)
}

/// The values of one initiative (see [`stated`]).
pub fn stated_by(f: &Family, i: &Initiative) -> anyhow::Result<Vec<Expect>> {
    let mut out = Vec::new();
    let cell = |out: &mut Vec<Expect>, s: usize, k: Option<usize>| -> anyhow::Result<()> {
        let Some(series) = i.series.get(s) else {
            return Ok(());
        };
        let (raw, year) = match k {
            None => (series.undated.as_deref().unwrap_or(""), None),
            Some(k) => {
                let Some(y) = f.years.get(k) else {
                    return Ok(());
                };
                (series.at(k), Some(y.fiscal_year))
            }
        };
        if raw.is_empty()
            || f.placeholders.iter().any(|p| p == raw)
            || series.kind == "remark"
            || series.restated
        {
            return Ok(());
        }
        let reads = reads_of(f, series, raw)
            .with_context(|| format!("initiative {}: {raw:?} not read by hand", i.id))?;
        for r in &reads {
            out.push(Expect {
                id: i.id.clone(),
                indicator: r.indicator.clone().or_else(|| series.indicator.clone()),
                kind: kind(r.kind.as_deref().unwrap_or(&series.kind))?,
                fiscal_year: r.fiscal_year.or(year),
                raw: raw.to_owned(),
                reading: r.reading(),
            });
        }
        Ok(())
    };
    let dated = |s: &Series| s.undated.is_none();
    match f.order {
        Order::Series => {
            for (s, series) in i.series.iter().enumerate() {
                if dated(series) {
                    for k in 0..f.years.len() {
                        cell(&mut out, s, Some(k))?;
                    }
                } else {
                    cell(&mut out, s, None)?;
                }
            }
        }
        Order::Year => {
            let mut s = 0;
            while let Some(series) = i.series.get(s) {
                if !dated(series) {
                    cell(&mut out, s, None)?;
                    s += 1;
                    continue;
                }
                let block = i.series[s..]
                    .iter()
                    .take_while(|b| dated(b) && b.indicator == series.indicator)
                    .count();
                for k in 0..f.years.len() {
                    for j in s..s + block {
                        cell(&mut out, j, Some(k))?;
                    }
                }
                s += block;
            }
        }
    }
    Ok(out)
}

/// The hand reading of `raw` in `series`: the entry for this indicator, else the general one.
fn reads_of(f: &Family, series: &Series, raw: &str) -> Option<Vec<Read>> {
    let entry = |under: Option<&str>| {
        f.readings
            .iter()
            .find(|e| e.raw == raw && e.under.as_deref() == under)
    };
    series
        .indicator
        .as_deref()
        .and_then(|ind| entry(Some(ind)))
        .or_else(|| entry(None))
        .map(|e| e.reads.clone())
        .or_else(|| {
            series.as_printed.then(|| {
                vec![Read {
                    text: Some(raw.to_owned()),
                    ..Read::default()
                }]
            })
        })
}

/// A kind of the output contract.
fn kind(s: &str) -> anyhow::Result<&'static str> {
    Ok(match s {
        "target" => "target",
        "actual" => "actual",
        "baseline" => "baseline",
        "final_target" => "final_target",
        "plan" => "plan",
        "status" => "status",
        "grade" => "grade",
        "achievement_rate" => "achievement_rate",
        other => bail!("unknown kind {other:?}"),
    })
}

/// The list as JSON lines, in the model's order, one object per value with the observation
/// contract's field names.
pub fn jsonl(list: &[Expect]) -> String {
    let mut out = String::new();
    for e in list {
        let r = &e.reading;
        let _ = writeln!(
            out,
            "{{\"initiative_id\":{},\"indicator\":{},\"fiscal_year\":{},\"kind\":{},\"value\":{},\"unit\":{},\"display_unit\":{},\"bound\":{},\"cumulative\":{},\"direction\":{},\"relative_to\":{},\"change_percent\":{},\"text\":{},\"raw\":{}}}",
            string(&e.id),
            opt(e.indicator.as_deref()),
            e.fiscal_year
                .map_or_else(|| "null".to_owned(), |y| y.to_string()),
            string(e.kind),
            number(r.value),
            opt(r.unit),
            opt(r.display_unit),
            opt(r.bound),
            r.cumulative,
            opt(r.direction),
            opt(r.relative_to),
            number(r.change_percent),
            opt(r.text.as_deref()),
            string(&e.raw),
        );
    }
    out
}

fn opt(s: Option<&str>) -> String {
    s.map_or_else(|| "null".to_owned(), string)
}

/// A decimal written as a JSON number, exactly as given (checked to be one).
fn number(s: Option<&str>) -> String {
    match s {
        None => "null".to_owned(),
        Some(s) => {
            let digits = s.strip_prefix('-').unwrap_or(s);
            let ok = !digits.is_empty()
                && digits.split('.').count() <= 2
                && digits.split('.').all(|p| !p.is_empty())
                && digits.chars().all(|c| c.is_ascii_digit() || c == '.');
            if ok {
                s.to_owned()
            } else {
                // Not a decimal: written as a string so the comparison fails loudly.
                string(s)
            }
        }
    }
}

/// A JSON string literal.
fn string(s: &str) -> String {
    let mut out = String::with_capacity(s.len() + 2);
    out.push('"');
    for c in s.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            '\n' => out.push_str("\\n"),
            '\r' => out.push_str("\\r"),
            '\t' => out.push_str("\\t"),
            c if (c as u32) < 0x20 => {
                let _ = write!(out, "\\u{:04x}", c as u32);
            }
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn lines_carry_every_contract_field() {
        let e = Expect {
            id: "No.1".into(),
            indicator: Some("電子申請手続き可能件数".into()),
            kind: "target",
            fiscal_year: Some(2022),
            raw: "累計\n250件".into(),
            reading: Reading {
                cumulative: true,
                ..Reading::number("250", "件")
            },
        };
        assert_eq!(
            jsonl(&[e]),
            "{\"initiative_id\":\"No.1\",\"indicator\":\"電子申請手続き可能件数\",\"fiscal_year\":2022,\"kind\":\"target\",\"value\":250,\"unit\":\"件\",\"display_unit\":null,\"bound\":null,\"cumulative\":true,\"direction\":null,\"relative_to\":null,\"change_percent\":null,\"text\":null,\"raw\":\"累計\\n250件\"}\n"
        );
    }

    #[test]
    fn a_value_that_is_not_a_decimal_is_written_as_a_string() {
        assert_eq!(number(Some("15.6")), "15.6");
        assert_eq!(number(Some("-5")), "-5");
        assert_eq!(number(Some("1,000")), "\"1,000\"");
        assert_eq!(number(Some("1.")), "\"1.\"");
    }
}
