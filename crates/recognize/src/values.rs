//! Cell text → observations, through the normalizer.

use muniplan_ir::{Cell, Diagnostic, Location};
use muniplan_normalize::{Hints, Parsed, Value, normalize_text, parse_value, text_direction};

use crate::model::{Indicator, Kind, Observation, UnitSource};
use crate::vocab::{Field, label_key, lookup};

/// What the recognizer knows about a value cell from its row and column.
#[derive(Clone, Copy)]
pub(crate) struct ValueCtx<'a> {
    /// Indicator the value belongs to.
    pub indicator: Option<&'a str>,
    /// Unit printed in the indicator name, a note or a header, passed as a hint.
    pub unit_hint: Option<UnitHint<'a>>,
    /// What the row/column says the value is.
    pub kind: Kind,
    /// Fiscal year of the column.
    pub fiscal_year: Option<i32>,
    /// The row/column header says 累計.
    pub cumulative: bool,
    /// Roles of a multi-value header (`目標 / 実績（達成率）`), in order.
    pub roles: &'a [String],
}

/// A unit stated outside the value cell, and where.
#[derive(Clone, Copy)]
pub(crate) struct UnitHint<'a> {
    /// The unit as printed (`千円`, `%`).
    pub unit: &'a str,
    /// What kind of text stated it.
    pub source: UnitSource,
    /// Where it is printed.
    pub location: &'a Location,
}

impl<'a> UnitHint<'a> {
    /// The unit an indicator's name states (`寄附金額（億円）`).
    pub(crate) fn of_indicator(indicator: &'a Indicator) -> Option<Self> {
        Some(UnitHint {
            unit: indicator.unit.as_deref()?,
            source: UnitSource::Indicator,
            location: &indicator.location,
        })
    }
}

/// An indicator or header that says its values are cumulative (`（累計）`, `累計件数`).
pub(crate) fn names_cumulative(name: &str) -> bool {
    name.contains("累計")
}

/// The unit printed in parentheses at the end of an indicator name or header:
/// `寄附金額（億円）` → `億円`, `割合(%)` → `%`, `（単位：千円）` → `千円`. Only text the normalizer
/// reads as a unit counts, so `(法人単位)` or `(市税のみ)` give nothing.
pub(crate) fn unit_hint(name: &str) -> Option<String> {
    unit_hint_of_normalized(&normalize_text(name))
}

/// [`unit_hint`] of a text already normalized (`normalize_text`).
pub(crate) fn unit_hint_of_normalized(text: &str) -> Option<String> {
    let text = text.trim_end();
    let inner = text.strip_suffix(')')?;
    let open = inner.rfind('(')?;
    let content = inner.get(open + 1..)?.trim();
    let content = content
        .strip_prefix("単位:")
        .or_else(|| content.strip_prefix("単位"))
        .unwrap_or(content)
        .trim();
    if content.is_empty() || content.chars().count() > 6 {
        return None;
    }
    let probe = parse_value(&format!("1{content}"), &Hints::default());
    match probe.value {
        Value::Quantity(q) if q.unit.is_some() && q.value.is_some() => Some(content.to_string()),
        _ => None,
    }
}

/// A bare number read without a unit hint, read again with the unit `hint` states.
pub(crate) fn apply_unit_hint(o: &mut Observation, hint: UnitHint<'_>) {
    if o.value.is_none() || o.unit.is_some() {
        return;
    }
    let hints = Hints {
        unit: Some(hint.unit.to_string()),
        reference_year: o.fiscal_year,
        ..Hints::default()
    };
    if let Value::Quantity(q) = parse_value(&o.raw, &hints).value
        && q.value.is_some()
        && q.unit.is_some()
    {
        o.value = q.value;
        o.unit = q.unit;
        o.display_unit = q.display_unit;
        o.unit_source = Some(hint.source);
        o.unit_location = Some(hint.location.clone());
    }
}

/// A header naming the unit of its column (`R5目標（千円）`, `実績(%)`), already normalized
/// (`normalize_text`): the header without the unit, and the unit.
pub(crate) fn strip_unit_of_normalized(norm: &str) -> Option<(String, String)> {
    let unit = unit_hint_of_normalized(norm)?;
    let open = norm.trim_end().rfind('(')?;
    let rest = norm.get(..open)?.trim().to_string();
    (!rest.is_empty()).then_some((rest, unit))
}

/// A unit note standing on its own (`（単位：百万円）`, `単位：千円`, `(単位 件)`): the unit
/// it states, when the normalizer reads it as one.
pub(crate) fn unit_note(text: &str) -> Option<String> {
    unit_note_of_normalized(&normalize_text(text))
}

/// [`unit_note`] of a text already normalized (`normalize_text`).
pub(crate) fn unit_note_of_normalized(norm: &str) -> Option<String> {
    let norm = norm.trim();
    let inner = norm
        .strip_prefix('(')
        .and_then(|t| t.strip_suffix(')'))
        .unwrap_or(norm)
        .trim();
    if !inner.starts_with("単位") {
        return None;
    }
    unit_hint(&format!("({inner})"))
}

/// Observations printed in one cell. `prev` is the same indicator's value of the same kind in
/// the previous column, for `→` (same as previous).
pub(crate) fn cell_observations(
    cell: &Cell,
    ctx: &ValueCtx<'_>,
    prev: Option<&Observation>,
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Observation> {
    if cell.is_blank() {
        return Vec::new();
    }
    let hints = Hints {
        unit: ctx.unit_hint.map(|h| h.unit.to_string()),
        cumulative: ctx.cumulative,
        reference_year: ctx.fiscal_year,
        roles: ctx.roles.to_vec(),
    };
    let parsed = parse_value(&cell.text, &hints);
    let mut out = Vec::new();
    from_parsed(
        &parsed,
        cell,
        ctx,
        ctx.indicator,
        ctx.kind,
        prev,
        &mut out,
        diagnostics,
    );
    out
}

#[allow(clippy::too_many_arguments)]
fn from_parsed(
    parsed: &Parsed,
    cell: &Cell,
    ctx: &ValueCtx<'_>,
    indicator: Option<&str>,
    kind: Kind,
    prev: Option<&Observation>,
    out: &mut Vec<Observation>,
    diagnostics: &mut Vec<Diagnostic>,
) {
    for note in &parsed.diagnostics {
        diagnostics.push(Diagnostic::warning(
            note.code,
            format!("{}: {}", one_line(&cell.text), note.message),
            Some(cell.location.clone()),
        ));
    }
    let base = Observation {
        indicator: indicator.map(str::to_string),
        fiscal_year: ctx.fiscal_year,
        as_of: parsed.as_of.map(|a| a.iso()),
        date: parsed.date.map(|d| d.iso()),
        by: parsed.by,
        cumulative: ctx.cumulative,
        ..Observation::at(kind, &cell.text, &cell.location)
    };
    // A value labelled with a kind word (`目標 20人`, `実績 82人`) is of that kind; the label
    // is not part of the indicator's name.
    let label_kind = parsed.label.as_deref().and_then(kind_of_role);
    let (kind, label) = match label_kind {
        Some(k) => (k, None),
        None => (kind, parsed.label.as_deref()),
    };
    let base = Observation { kind, ..base };
    match &parsed.value {
        // A purely relative target (`前年比3%増加`) has no value, so no unit either: the change
        // is in `change_percent`.
        Value::Quantity(q) => out.push(Observation {
            value: q.value,
            unit: q.value.and(q.unit.clone()),
            display_unit: q.value.and(q.display_unit.clone()),
            unit_source: unit_source(q, ctx).map(|(s, _)| s),
            unit_location: unit_source(q, ctx).and_then(|(_, l)| l.cloned()),
            bound: q.bound,
            // 累計 in the indicator or header (passed to the normalizer as a hint too)
            // qualifies its quantities, not a rate judging them (達成率 127.3% of a
            // cumulative count is no running total).
            cumulative: (q.cumulative || ctx.cumulative) && kind != Kind::AchievementRate,
            direction: q.direction,
            relative_to: q.relative_to,
            change_percent: q.change_percent,
            // A year printed in the value itself (`（R3）26件`) wins over the column's.
            fiscal_year: q.fiscal_year.or(ctx.fiscal_year),
            indicator: labelled_indicator(indicator, label),
            ..base
        }),
        Value::Missing { .. } => {}
        Value::SameAsPrevious => match prev {
            Some(p) => out.push(Observation {
                raw: cell.text.clone(),
                location: cell.location.clone(),
                fiscal_year: ctx.fiscal_year,
                ..p.clone()
            }),
            None => diagnostics.push(Diagnostic::warning(
                "same-as-previous-without-previous",
                format!(
                    "{} means \"same as the previous year\" but there is no previous value",
                    one_line(&cell.text)
                ),
                Some(cell.location.clone()),
            )),
        },
        Value::Multi(items) => {
            for item in items {
                let role_kind = item.role.as_deref().and_then(kind_of_role);
                let label_kind = item.label.as_deref().and_then(kind_of_role);
                let item_kind = role_kind.or(label_kind).unwrap_or(kind);
                let name = if label_kind.is_some() {
                    indicator.map(str::to_string)
                } else {
                    labelled_indicator(indicator, item.label.as_deref())
                };
                // `3 (4)` under a 累計 header: the first number is the year's own.
                let item_ctx = ValueCtx {
                    cumulative: ctx.cumulative && item.role.as_deref() != Some("in_year"),
                    ..*ctx
                };
                from_parsed(
                    &item.parsed,
                    cell,
                    &item_ctx,
                    name.as_deref(),
                    item_kind,
                    None,
                    out,
                    diagnostics,
                );
            }
        }
        Value::Status(mark) => out.push(Observation {
            text: Some(mark.clone()),
            cumulative: false,
            ..base
        }),
        Value::Text
        | Value::FiscalYear(_)
        | Value::FiscalYearRange { .. }
        | Value::CalendarDate { .. }
        | Value::Months(_)
        | Value::Relative { .. } => {
            if !parsed.text.is_empty() {
                // A list marker (`①`) numbers a plan line: it stays part of the text.
                let text = match &parsed.marker {
                    Some(m) => format!("{m}{}", parsed.text),
                    None => parsed.text.clone(),
                };
                // `…確定する時期 3月`: the label names what the words state.
                let indicator = match label {
                    Some(_) => labelled_indicator(base.indicator.as_deref(), label),
                    None => base.indicator.clone(),
                };
                // A calendar date keeps its date, and its fiscal year (April start) dates it,
                // as a printed fiscal year does (`令和9年度までに`).
                let date = parsed.value.calendar_date();
                let printed_year = match parsed.value {
                    Value::FiscalYear(y) => Some(y),
                    _ => date.and_then(|d| d.fiscal_year()),
                };
                out.push(Observation {
                    indicator,
                    // `R4実施`: the year printed with the word dates it.
                    fiscal_year: parsed.fiscal_year.or(printed_year).or(base.fiscal_year),
                    date: date.map(|d| d.iso()).or(base.date.clone()),
                    direction: text_direction(&text),
                    text: Some(text),
                    cumulative: false,
                    ..base
                });
            }
        }
    }
}

/// Where a read quantity's unit came from: the cell, or the hint the context passed (with its
/// location).
fn unit_source<'a>(
    q: &muniplan_normalize::Quantity,
    ctx: &ValueCtx<'a>,
) -> Option<(UnitSource, Option<&'a Location>)> {
    if q.value.is_none() || q.unit.is_none() {
        return None;
    }
    match ctx.unit_hint {
        Some(h) if q.unit_from_hint => Some((h.source, Some(h.location))),
        _ => Some((UnitSource::Cell, None)),
    }
}

/// A labelled value (`参加者 18人`) inside an indicator's cell names a sub-indicator.
fn labelled_indicator(indicator: Option<&str>, label: Option<&str>) -> Option<String> {
    match (indicator, label) {
        (Some(i), Some(l)) if i.contains(l) => Some(i.to_string()),
        (Some(i), Some(l)) => Some(format!("{i} {l}")),
        (None, Some(l)) => Some(l.to_string()),
        (Some(i), None) => Some(i.to_string()),
        (None, None) => None,
    }
}

/// The kind a header role word names (目標 → target, 実績 → actual, 達成率 → achievement_rate).
pub(crate) fn kind_of_role(role: &str) -> Option<Kind> {
    lookup(&label_key(role)).and_then(kind_of_field)
}

/// The observation kind of a value field.
pub(crate) fn kind_of_field(field: Field) -> Option<Kind> {
    Some(match field {
        Field::Target => Kind::Target,
        Field::Actual => Kind::Actual,
        Field::Plan => Kind::Plan,
        Field::Status => Kind::Status,
        Field::Baseline => Kind::Baseline,
        Field::FinalTarget => Kind::FinalTarget,
        Field::Grade => Kind::Grade,
        Field::AchievementRate => Kind::AchievementRate,
        _ => return None,
    })
}

/// A cell's text on one line, for messages.
pub(crate) fn one_line(text: &str) -> String {
    let flat: String = text
        .chars()
        .map(|c| if c == '\n' { ' ' } else { c })
        .collect();
    let mut short: String = flat.chars().take(40).collect();
    if flat.chars().count() > 40 {
        short.push('…');
    }
    format!("`{short}`")
}

/// Normalized prose of a cell (descriptions keep meaningful line breaks, such as bullets).
pub(crate) fn prose(cell_text: &str) -> String {
    normalize_text(cell_text).trim().to_string()
}

/// A name on one line (titles, indicators): a line break left by the normalizer (before a
/// `・`, which in a wrapped name is a separator, not a bullet) is dropped between Japanese
/// characters and becomes a space between Latin ones.
pub(crate) fn one_line_name(cell_text: &str) -> String {
    let text = prose(cell_text);
    let mut out = String::with_capacity(text.len());
    let mut chars = text.chars().peekable();
    let mut prev: Option<char> = None;
    while let Some(c) = chars.next() {
        if c == '\n' {
            let next = chars.peek().copied();
            let latin = |x: Option<char>| x.is_some_and(|x| x.is_ascii_alphanumeric());
            if latin(prev) && latin(next) {
                out.push(' ');
            }
            continue;
        }
        out.push(c);
        prev = Some(c);
    }
    out
}

/// The latest observation of the same kind and indicator: what `→` continues.
pub(crate) fn previous(observations: &[Observation], ctx: &ValueCtx<'_>) -> Option<Observation> {
    observations
        .iter()
        .rev()
        .find(|o| o.kind == ctx.kind && o.indicator.as_deref() == ctx.indicator)
        .cloned()
}

#[cfg(test)]
mod tests {
    use super::unit_note;

    #[test]
    fn unit_notes() {
        assert_eq!(unit_note("（単位：百万円）").as_deref(), Some("百万円"));
        assert_eq!(unit_note("単位：千円").as_deref(), Some("千円"));
        assert_eq!(unit_note(" (単位 件) ").as_deref(), Some("件"));
        assert_eq!(unit_note("（百万円）"), None);
        assert_eq!(unit_note("単位：法人単位の件数の合計値"), None);
        assert_eq!(unit_note("市民税（単位：千円）"), None);
    }
}
