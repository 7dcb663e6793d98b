//! The normalizer on arbitrary UTF-8: normalize_text, parse_value (with and without hints),
//! scan_fiscal_years; the first line of the input is the cell, the rest picks hints.
#![no_main]
use muniplan_normalize::{Hints, normalize_text, parse_value, scan_fiscal_years};

libfuzzer_sys::fuzz_target!(|data: &[u8]| {
    let Ok(s) = std::str::from_utf8(data) else {
        return;
    };
    let (cell, rest) = s.split_once('\t').unwrap_or((s, ""));
    let n = normalize_text(cell);
    // Idempotence is documented for normalize_text.
    let _ = normalize_text(&n);
    let _ = parse_value(cell, &Hints::default());
    let mut hints = Hints::default();
    let mut parts = rest.split('\t');
    if let Some(u) = parts.next().filter(|u| !u.is_empty()) {
        hints.unit = Some(u.to_string());
    }
    hints.cumulative = rest.contains('累');
    hints.reference_year = parts.next().and_then(|y| y.trim().parse().ok());
    hints.roles = parts.map(str::to_string).take(4).collect();
    let _ = parse_value(cell, &hints);
    let _ = scan_fiscal_years(cell);
});
