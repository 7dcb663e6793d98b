//! Table-driven cases: `tests/cases.tsv` rows are `seed | input | expected summary`.
//!
//! Inputs are verbatim seed strings (`\n` stands for a line break inside a cell) or synthetic
//! edge cases (seed column `synthetic`). The summary is a compact, stable rendering of
//! [`Parsed`]. `UPDATE_CASES=1 cargo test -p muniplan-normalize --test cases` rewrites the
//! expected column with the actual output (review the diff before committing).
#![allow(clippy::unwrap_used, clippy::expect_used)]

use muniplan_normalize::{Hints, Parsed, Quantity, Value, parse_value};

fn unescape(s: &str) -> String {
    let mut out = String::new();
    let mut it = s.chars();
    while let Some(c) = it.next() {
        if c == '\\' {
            match it.next() {
                Some('n') => out.push('\n'),
                Some('t') => out.push('\t'),
                Some('\\') => out.push('\\'),
                Some(o) => {
                    out.push('\\');
                    out.push(o);
                }
                None => out.push('\\'),
            }
        } else {
            out.push(c);
        }
    }
    out
}

fn qsum(q: &Quantity) -> String {
    let mut s = q.value.map_or("-".to_owned(), |v| v.to_string());
    if let Some(u) = &q.unit {
        s.push(' ');
        s.push_str(u);
    }
    let mut flag = |cond: bool, text: String| {
        if cond {
            s.push(' ');
            s.push_str(&text);
        }
    };
    flag(
        q.display_unit.is_some(),
        format!("display={}", q.display_unit.clone().unwrap_or_default()),
    );
    flag(
        q.bound.is_some(),
        format!("bound={}", q.bound.map_or("", |b| b.as_str())),
    );
    flag(
        q.direction.is_some(),
        format!("dir={}", q.direction.map_or("", |d| d.as_str())),
    );
    flag(q.cumulative, "cum".into());
    flag(q.approx, "approx".into());
    flag(q.gross, "gross".into());
    flag(q.per_year, "per_year".into());
    flag(q.average, "avg".into());
    flag(
        q.relative_to.is_some(),
        format!(
            "rel={}{}",
            q.relative_to.map_or("", |r| r.as_str()),
            q.relative_to
                .and_then(|r| r.fiscal_year())
                .map(|y| format!(":{y}"))
                .unwrap_or_default()
        ),
    );
    flag(
        q.change_percent.is_some(),
        format!(
            "chg%={}",
            q.change_percent.map(|c| c.to_string()).unwrap_or_default()
        ),
    );
    flag(
        q.change.is_some(),
        format!(
            "change={}",
            q.change.map(|c| c.to_string()).unwrap_or_default()
        ),
    );
    flag(
        q.fiscal_year.is_some(),
        format!("fy={}", q.fiscal_year.unwrap_or_default()),
    );
    flag(
        q.fraction.is_some(),
        q.fraction
            .map(|(a, b)| format!("fraction={a}/{b}"))
            .unwrap_or_default(),
    );
    flag(
        q.share_of_target.is_some(),
        format!(
            "of_target={}%",
            q.share_of_target.map(|v| v.to_string()).unwrap_or_default()
        ),
    );
    s
}

fn opt(y: Option<i32>) -> String {
    y.map_or("?".to_owned(), |y| y.to_string())
}

/// The compact summary compared against the table.
pub fn summary(p: &Parsed) -> String {
    let mut s = match &p.value {
        Value::Quantity(q) => format!("quantity {}", qsum(q)),
        Value::FiscalYear(y) => format!("fy {y}"),
        Value::FiscalYearRange { from, to } => format!("range {}..{}", opt(*from), opt(*to)),
        Value::CalendarDate {
            year,
            month,
            day,
            fiscal_year,
        } => {
            let mut d = format!("date {year:04}");
            if let Some(m) = month {
                d.push_str(&format!("-{m:02}"));
            }
            if let Some(dd) = day {
                d.push_str(&format!("-{dd:02}"));
            }
            if let Some(f) = fiscal_year {
                d.push_str(&format!(" fy={f}"));
            }
            d
        }
        Value::Relative {
            offset,
            fiscal_year,
        } => format!("relative {offset:+} fy={}", opt(*fiscal_year)),
        Value::Missing { pending, reason } => {
            let mut m = "missing".to_owned();
            if *pending {
                m.push_str(" pending");
            }
            if let Some(r) = reason {
                m.push_str(&format!(" reason={r}"));
            }
            m
        }
        Value::SameAsPrevious => "same".to_owned(),
        Value::Months(ms) => format!(
            "months {}",
            ms.iter().map(u32::to_string).collect::<Vec<_>>().join(",")
        ),
        Value::Status(mark) => format!("status {mark}"),
        Value::Text => match p.fiscal_year {
            Some(y) => format!("text {} fy={y}", p.text),
            None => "text".to_owned(),
        },
        Value::Multi(items) => {
            let parts: Vec<String> = items
                .iter()
                .map(|it| {
                    let mut x = String::new();
                    if let Some(r) = &it.role {
                        x.push_str(&format!("<{r}> "));
                    }
                    x.push_str(&summary(&it.parsed));
                    x
                })
                .collect();
            format!("multi[{}]", parts.join(" | "))
        }
    };
    if let Some(m) = &p.marker {
        s.push_str(&format!(" marker={m}"));
    }
    if !p.footnote_refs.is_empty() {
        s.push_str(&format!(" fn={}", p.footnote_refs.join(",")));
    }
    if let Some(l) = &p.label {
        s.push_str(&format!(" label={l}"));
    }
    if let Some(a) = &p.as_of {
        s.push_str(&format!(" as_of={}", a.iso()));
    }
    if p.by {
        s.push_str(" by");
    }
    if let Some(d) = &p.date {
        s.push_str(&format!(" date={}", d.iso()));
    }
    if let Some(a) = &p.annotation {
        s.push_str(&format!(" note={a}"));
    }
    for n in &p.diagnostics {
        s.push_str(&format!(" !{}", n.code));
    }
    s
}

/// Hints are written before the input as `{unit=億円;cum;ref=2024;roles=目標,実績,達成率}`.
fn split_hints(input: &str) -> (Hints, String) {
    let mut hints = Hints::default();
    let Some(rest) = input.strip_prefix('{') else {
        return (hints, input.to_owned());
    };
    let Some((spec, body)) = rest.split_once('}') else {
        return (hints, input.to_owned());
    };
    for part in spec.split(';') {
        match part.split_once('=') {
            Some(("unit", u)) => hints.unit = Some(u.to_owned()),
            Some(("ref", y)) => hints.reference_year = y.parse().ok(),
            Some(("roles", r)) => hints.roles = r.split(',').map(str::to_owned).collect(),
            _ if part == "cum" => hints.cumulative = true,
            _ => panic!("unknown hint {part}"),
        }
    }
    (hints, body.to_owned())
}

#[test]
fn cases_table() {
    let path = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/cases.tsv");
    let table = std::fs::read_to_string(path).unwrap();
    let update = std::env::var_os("UPDATE_CASES").is_some();
    let mut out = String::new();
    let mut failures = Vec::new();
    let mut seeds = std::collections::BTreeMap::<String, usize>::new();
    let mut n = 0;
    for (lineno, line) in table.lines().enumerate() {
        if line.starts_with('#') || line.trim().is_empty() {
            out.push_str(line);
            out.push('\n');
            continue;
        }
        let cols: Vec<&str> = line.split('\t').collect();
        assert_eq!(
            cols.len(),
            3,
            "line {}: want 3 tab-separated columns",
            lineno + 1
        );
        let (hints, input) = split_hints(cols[1]);
        let parsed = parse_value(&unescape(&input), &hints);
        let actual = summary(&parsed);
        if actual != cols[2] {
            failures.push(format!(
                "line {} [{}] {:?}\n   expected: {}\n   actual:   {}",
                lineno + 1,
                cols[0],
                cols[1],
                cols[2],
                actual
            ));
        }
        *seeds.entry(cols[0].to_owned()).or_default() += 1;
        n += 1;
        out.push_str(&format!("{}\t{}\t{}\n", cols[0], cols[1], actual));
    }
    if update {
        std::fs::write(path, out).unwrap();
        return;
    }
    eprintln!("{n} cases: {seeds:?}");
    assert!(
        failures.is_empty(),
        "{} of {n} cases failed:\n{}",
        failures.len(),
        failures.join("\n")
    );
    let from_seeds: usize = seeds
        .iter()
        .filter(|(k, _)| k.as_str() != "synthetic")
        .map(|(_, v)| v)
        .sum();
    assert!(from_seeds >= 300, "only {from_seeds} seed cases");
    for seed in ["000", "001", "002", "003", "004"] {
        assert!(
            seeds.keys().any(|k| k.starts_with(seed)),
            "no case from seed {seed}"
        );
    }
}
