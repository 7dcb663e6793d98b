//! Property tests: no input panics; normalization is idempotent; quantities re-parse to themselves.
#![allow(clippy::unwrap_used, clippy::expect_used)]

use muniplan_normalize::{Hints, Value, normalize_text, parse_value, scan_fiscal_years};
use proptest::prelude::*;

/// Characters that matter here: ASCII, full-width forms, half-width kana, CJK, kana, radicals,
/// circled numbers, dashes, tildes, arrows, superscripts, spaces and line breaks.
fn interesting_char() -> impl Strategy<Value = char> {
    prop_oneof![
        3 => prop::char::range(' ', '~'),
        2 => prop::sample::select(
            "0123456789,.%万千億百円件人枚年度月日令和平成昭和大正元累計以上内下未満超約延べ削減増加対前比▲△→—―－ー～〜~ \u{3000}\n①②⑳¹²^<>/p()（）：".chars().collect::<Vec<_>>()
        ),
        1 => prop::char::range('\u{FF01}', '\u{FF9F}'),
        1 => prop::char::range('\u{3000}', '\u{30FF}'),
        1 => prop::char::range('\u{4E00}', '\u{4FFF}'),
        1 => prop::char::range('\u{2E80}', '\u{2FDF}'),
        1 => prop::char::range('\u{2010}', '\u{2215}'),
        1 => any::<char>(),
    ]
}

fn interesting_string() -> impl Strategy<Value = String> {
    prop::collection::vec(interesting_char(), 0..40).prop_map(|v| v.into_iter().collect())
}

/// A canonical rendering of a quantity that the parser must read back to the same value.
fn render(q: &muniplan_normalize::Quantity) -> Option<String> {
    let v = q.value?;
    let mut s = String::new();
    if q.cumulative {
        s.push_str("累計");
    }
    if q.approx {
        s.push('約');
    }
    s.push_str(&v.to_string());
    if let Some(u) = &q.unit {
        s.push_str(u);
    }
    if let Some(b) = q.bound {
        s.push_str(match b.as_str() {
            "at_most" => "以内",
            "at_least" => "以上",
            "below" => "未満",
            _ => "超",
        });
    }
    if let Some(d) = q.direction {
        s.push_str(if d.as_str() == "decrease" {
            "削減"
        } else {
            "増加"
        });
    }
    Some(s)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: std::env::var("PROPTEST_CASES").ok().and_then(|v| v.parse().ok()).unwrap_or(3000), ..ProptestConfig::default() })]

    #[test]
    fn never_panics(s in interesting_string(), unit in prop::option::of(prop::sample::select(vec!["億円", "千円", "%", "件", "割", "x"])), cum: bool) {
        let hints = Hints { unit: unit.map(str::to_owned), cumulative: cum, reference_year: Some(2024), roles: vec!["目標".into(), "実績".into()] };
        let _ = parse_value(&s, &hints);
        let _ = scan_fiscal_years(&s);
    }

    #[test]
    fn never_panics_any_unicode(s in any::<String>()) {
        let _ = parse_value(&s, &Hints::default());
        let _ = scan_fiscal_years(&s);
    }

    #[test]
    fn normalize_text_is_idempotent(s in interesting_string()) {
        let once = normalize_text(&s);
        prop_assert_eq!(normalize_text(&once), once);
    }

    #[test]
    fn scan_ranges_are_char_boundaries(s in interesting_string()) {
        let text = normalize_text(&s);
        for m in scan_fiscal_years(&s) {
            prop_assert!(m.start < m.end && m.end <= text.len());
            prop_assert!(text.is_char_boundary(m.start) && text.is_char_boundary(m.end));
        }
    }

    #[test]
    fn quantities_reparse(s in interesting_string()) {
        if let Value::Quantity(q) = parse_value(&s, &Hints::default()).value
            && let Some(canon) = render(&q)
        {
            match parse_value(&canon, &Hints::default()).value {
                Value::Quantity(q2) => {
                    prop_assert_eq!(q2.value, q.value, "{}", canon);
                    prop_assert_eq!(&q2.unit, &q.unit, "{}", canon);
                    prop_assert_eq!(q2.bound, q.bound, "{}", canon);
                    prop_assert_eq!(q2.direction, q.direction, "{}", canon);
                    prop_assert_eq!(q2.cumulative, q.cumulative, "{}", canon);
                }
                other => prop_assert!(false, "{} re-parsed as {:?}", canon, other),
            }
        }
    }

    #[test]
    fn generated_quantities_roundtrip(
        int in 0u64..10_000_000,
        frac in prop::option::of(0u32..1000),
        unit in prop::sample::select(vec!["件", "人", "%", "枚", "時間", "日", "円", "ポイント", "団体"]),
        bound in prop::sample::select(vec!["", "以上", "以内", "以下", "未満"]),
    ) {
        let num = match frac { Some(f) => format!("{int}.{f:03}"), None => int.to_string() };
        let s = format!("{num}{unit}{bound}");
        match parse_value(&s, &Hints::default()).value {
            Value::Quantity(q) => {
                let expect: muniplan_normalize::Decimal = num.parse().unwrap();
                prop_assert_eq!(q.value, Some(expect.normalize()));
                prop_assert_eq!(q.unit.as_deref(), Some(unit));
                prop_assert_eq!(q.bound.is_some(), !bound.is_empty());
            }
            other => prop_assert!(false, "{} parsed as {:?}", s, other),
        }
    }
}

/// What a parse says, without the wording of reasons and labels: kind plus every value, unit,
/// year and date, flattened over items.
fn essence(v: &Value) -> Vec<String> {
    match v {
        Value::Quantity(q) => vec![format!(
            "q {:?} {:?} {:?} {:?} {:?} {} {:?}",
            q.value, q.unit, q.display_unit, q.bound, q.direction, q.cumulative, q.change_percent
        )],
        Value::Multi(items) => items
            .iter()
            .flat_map(|it| essence(&it.parsed.value))
            .collect(),
        Value::Missing { pending, .. } => vec![format!("missing {pending}")],
        other => vec![format!("{other:?}")],
    }
}

const CELLS: &str = include_str!("../benches/cells.txt");

/// Every seed cell: parsing the canonical text gives the same values as parsing the raw cell.
#[test]
fn seed_cells_reparse_from_canonical_text() {
    let hints = Hints::default();
    let mut bad = Vec::new();
    let mut n = 0;
    for cell in CELLS.lines().filter(|l| !l.is_empty()) {
        let p = parse_value(cell, &hints);
        n += 1;
        let again = parse_value(&p.text, &hints);
        if essence(&again.value) != essence(&p.value) {
            bad.push(format!("{cell:?}: {:?} vs {:?}", p.value, again.value));
        }
        assert_eq!(normalize_text(&p.text), p.text, "{cell:?}");
    }
    assert!(n > 7000);
    assert!(bad.is_empty(), "{} of {n}:\n{}", bad.len(), bad.join("\n"));
}

proptest! {
    #[test]
    fn reparse_from_canonical_text(s in interesting_string()) {
        let p = parse_value(&s, &Hints::default());
        // A marker alone leaves no text; an empty cell is a placeholder, not the marker's text.
        if !p.text.is_empty() {
            let again = parse_value(&p.text, &Hints::default());
            prop_assert_eq!(essence(&again.value), essence(&p.value), "{:?} -> {:?}", s, p.text);
        }
    }
}
