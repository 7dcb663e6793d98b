//! One observation per fact: an initiative printed again elsewhere in the document (a summary
//! list of unmet targets, a continuation page that repeats the title and its rows) restates
//! values of the main table. Its values become one observation each, with the main table's
//! provenance; a restated value that differs from the main table's is a warning.

use muniplan_ir::Diagnostic;
use muniplan_normalize::normalize_text;

use crate::model::{Initiative, Observation};

/// The initiative's name as printed with its id (`I-(1)-ア職員の人材育成`), without spaces:
/// a restatement prints the same name, or a shorter id before it (`(1)-ア職員の人材育成`).
pub(crate) fn name_key(ini: &Initiative) -> String {
    normalize_text(&format!("{}{}", ini.id, ini.title))
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

fn title_key(ini: &Initiative) -> String {
    normalize_text(&ini.title)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect()
}

/// Same indicator: equal names, or one missing, or one name inside the other.
fn same_indicator(a: &Option<String>, b: &Option<String>) -> bool {
    match (a, b) {
        (Some(a), Some(b)) => a == b || a.contains(b.as_str()) || b.contains(a.as_str()),
        _ => true,
    }
}

/// The same slot of a table: indicator, kind, year. A restatement printed without a year
/// (`目標 90% 実績 84.4%` in a list of unmet targets) fills the slot whose value it repeats.
fn same_slot(main: &Observation, again: &Observation) -> bool {
    main.kind == again.kind
        && same_indicator(&main.indicator, &again.indicator)
        && match again.fiscal_year {
            Some(_) => main.fiscal_year == again.fiscal_year,
            None => same_value(main, again),
        }
}

fn same_value(a: &Observation, b: &Observation) -> bool {
    if a.value.is_some() || b.value.is_some() {
        a.value == b.value && a.unit == b.unit
    } else {
        a.text == b.text
    }
}

/// Fold restating initiatives into the one they restate. `keys` are the name keys taken before
/// unnamed initiatives were numbered. An initiative restates another when its name key ends
/// the other's and its title ends with the other's title, the other has more observations, and
/// each of its observations fills a slot the other has. Conflicting values keep the main
/// table's and give a warning.
pub(crate) fn fold(
    initiatives: &mut Vec<Initiative>,
    keys: &[String],
    diagnostics: &mut Vec<Diagnostic>,
) {
    let mut remove = vec![false; initiatives.len()];
    for b in 0..initiatives.len() {
        let Some(bkey) = keys.get(b) else { continue };
        let restated = (0..initiatives.len()).find(|&a| {
            let (Some(ia), Some(ib)) = (initiatives.get(a), initiatives.get(b)) else {
                return false;
            };
            let akey = keys.get(a).map_or("", String::as_str);
            a != b
                && !remove[a]
                && !bkey.is_empty()
                && akey.ends_with(bkey.as_str())
                && bkey.ends_with(title_key(ia).as_str())
                && ia.observations.len() > ib.observations.len()
                && !ib.observations.is_empty()
                && ib
                    .observations
                    .iter()
                    .all(|o| ia.observations.iter().any(|m| same_slot(m, o)))
        });
        let Some(a) = restated else { continue };
        let again = initiatives
            .get(b)
            .map(|i| i.observations.clone())
            .unwrap_or_default();
        let main = initiatives
            .get(a)
            .map(|i| i.observations.as_slice())
            .unwrap_or(&[]);
        for o in &again {
            // The restating cell stays accounted for: where it is and what it printed.
            if main.iter().any(|m| same_slot(m, o) && same_value(m, o)) {
                diagnostics.push(restated_note(o, "restates the main table's value"));
            } else {
                diagnostics.push(Diagnostic::warning(
                    "conflicting-restatement",
                    format!(
                        "{} is restated as {} here, the main table's value is kept",
                        o.kind.as_str(),
                        crate::values::one_line(&o.raw)
                    ),
                    Some(o.location.clone()),
                ));
            }
        }
        remove[b] = true;
    }
    let mut idx = 0;
    initiatives.retain(|_| {
        let keep = !remove.get(idx).copied().unwrap_or(false);
        idx += 1;
        keep
    });
}

/// A card continued on another page or in another block that prints a row again (its 計画
/// row, `毎年度実施` under the same years): the same slot with the same value twice in one
/// initiative is one fact. The later copy goes, with a `restated-value` note at its cell. A
/// number without an indicator name is kept: two unnamed indicators may share a value.
pub(crate) fn fold_repeats(ini: &mut Initiative, diagnostics: &mut Vec<Diagnostic>) {
    let mut kept: Vec<Observation> = Vec::with_capacity(ini.observations.len());
    for o in std::mem::take(&mut ini.observations) {
        let repeat = (o.indicator.is_some() || o.value.is_none())
            && kept.iter().any(|m| {
                m.kind == o.kind
                    && m.fiscal_year == o.fiscal_year
                    && m.indicator == o.indicator
                    && m.location != o.location
                    && same_value(m, &o)
            });
        if repeat {
            diagnostics.push(restated_note(
                &o,
                "repeats a value printed earlier in this initiative",
            ));
        } else {
            kept.push(o);
        }
    }
    ini.observations = kept;
}

/// A card continued on the next page (or in the next table) that prints its heading again: the
/// same title and category right after the card it continues, with the same id or none (a
/// page that repeats the title without the id cell), is that card, not a new initiative. Its rows join the card; a row it repeats is then folded by [`fold_repeats`].
pub(crate) fn join_continued(initiatives: &mut Vec<Initiative>) {
    let mut out: Vec<Initiative> = Vec::with_capacity(initiatives.len());
    for ini in std::mem::take(initiatives) {
        match out.last_mut() {
            Some(prev)
                if !ini.title.is_empty()
                    && (prev.id == ini.id || ini.id.is_empty())
                    && prev.title == ini.title
                    && prev.category_path == ini.category_path =>
            {
                join(prev, ini)
            }
            _ => out.push(ini),
        }
    }
    *initiatives = out;
}

fn join(into: &mut Initiative, more: Initiative) {
    for d in more.departments {
        if !into.departments.contains(&d) {
            into.departments.push(d);
        }
    }
    for (mine, theirs) in [
        (&mut into.description, more.description),
        (&mut into.current_state, more.current_state),
        (&mut into.issues, more.issues),
        (&mut into.final_goal, more.final_goal),
    ] {
        if mine.is_none() {
            *mine = theirs;
        }
    }
    for ind in more.indicators {
        if !into.indicators.iter().any(|i| i.name == ind.name) {
            into.indicators.push(ind);
        }
    }
    into.observations.extend(more.observations);
    if into.evaluation.is_none() {
        into.evaluation = more.evaluation;
    }
}

/// The note at a cell whose value is another observation's: where it is and what it printed.
fn restated_note(o: &Observation, what: &str) -> Diagnostic {
    Diagnostic::info(
        "restated-value",
        format!(
            "{} {} {what}; one observation is kept",
            o.kind.as_str(),
            crate::values::one_line(&o.raw)
        ),
        Some(o.location.clone()),
    )
}
