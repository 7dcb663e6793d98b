//! The consistency pass: each actual is compared with its target in the indicator's direction
//! (以内 / 以下 / 未満 or 削減 mean lower is better, and so do targets that fall year by year
//! from the baseline: 未収債権額 434 → 407 → 380百万円), and where the document prints its own
//! 達成率 or ○/×, a disagreement becomes a warning.

use muniplan_ir::Diagnostic;
use muniplan_normalize::{Bound, Decimal, Direction};

use crate::model::{Initiative, Kind, Observation};

/// Whether the indicator's own targets say lower is better: its dated targets (not 累計),
/// after its baseline when one is printed, never rise and fall at least once.
fn targets_fall(ini: &Initiative, like: &Observation) -> bool {
    if like.cumulative {
        return false;
    }
    let same = |o: &&Observation| {
        o.indicator == like.indicator && o.unit == like.unit && !o.cumulative && o.value.is_some()
    };
    let mut dated: Vec<(i32, Decimal)> = ini
        .observations
        .iter()
        .filter(same)
        .filter(|o| o.kind == Kind::Target)
        .filter_map(|o| Some((o.fiscal_year?, o.value?)))
        .collect();
    dated.sort_by_key(|(y, _)| *y);
    let baseline = ini
        .observations
        .iter()
        .filter(same)
        .find(|o| o.kind == Kind::Baseline)
        .and_then(|o| o.value);
    let series: Vec<Decimal> = baseline
        .into_iter()
        .chain(dated.into_iter().map(|(_, v)| v))
        .collect();
    series.len() >= 2
        && series.windows(2).all(|w| matches!(w, [a, b] if b <= a))
        && series.windows(2).any(|w| matches!(w, [a, b] if b < a))
}

/// Set `achieved` on every actual that has a comparable target, and warn where the document's
/// own verdict disagrees.
pub(crate) fn check(ini: &mut Initiative, diagnostics: &mut Vec<Diagnostic>) {
    let n = ini.observations.len();
    for idx in 0..n {
        let Some(actual) = ini.observations.get(idx) else {
            continue;
        };
        if actual.kind != Kind::Actual || actual.value.is_none() {
            continue;
        }
        let target = ini.observations.iter().find(|t| {
            t.kind == Kind::Target
                && t.value.is_some()
                && t.fiscal_year == actual.fiscal_year
                && t.indicator == actual.indicator
                && t.unit == actual.unit
                && t.cumulative == actual.cumulative
        });
        let Some(target) = target else {
            continue;
        };
        let (Some(a), Some(t)) = (actual.value, target.value) else {
            continue;
        };
        let lower_is_better = matches!(target.bound, Some(Bound::AtMost | Bound::Below))
            || target.direction == Some(Direction::Decrease)
            || targets_fall(ini, target);
        let achieved = match (lower_is_better, target.bound) {
            (true, Some(Bound::Below)) => a < t,
            (true, _) => a <= t,
            (false, Some(Bound::Above)) => a > t,
            (false, _) => a >= t,
        };
        let rate = (!t.is_zero()).then(|| a * Decimal::ONE_HUNDRED / t);
        // An undated 達成率 or ○/× (one column for the whole row) speaks of the latest year
        // reported for the indicator.
        let latest = ini
            .observations
            .iter()
            .filter(|o| o.kind == Kind::Actual && o.indicator == actual.indicator)
            .filter_map(|o| o.fiscal_year)
            .max();
        let printed: Vec<Observation> = ini
            .observations
            .iter()
            .filter(|o| {
                matches!(o.kind, Kind::Grade | Kind::AchievementRate)
                    && o.indicator == actual.indicator
                    && (o.fiscal_year == actual.fiscal_year
                        || (o.fiscal_year.is_none() && actual.fiscal_year == latest))
            })
            .cloned()
            .collect();
        for p in &printed {
            match p.kind {
                Kind::Grade => {
                    let says = match p.text.as_deref() {
                        Some("○" | "◯" | "達成") => Some(true),
                        Some("×" | "未達成") => Some(false),
                        _ => None,
                    };
                    if let Some(says) = says
                        && says != achieved
                    {
                        diagnostics.push(Diagnostic::warning(
                            "grade-disagrees",
                            format!(
                                "the document marks {} but actual {} against target {} is {}",
                                p.raw.trim(),
                                a.normalize(),
                                t.normalize(),
                                if achieved { "achieved" } else { "not achieved" }
                            ),
                            Some(p.location.clone()),
                        ));
                    }
                }
                Kind::AchievementRate => {
                    // Printed rates are rounded to one decimal; lower-is-better indicators
                    // print their own definitions, so only higher-is-better ones are checked.
                    if let (Some(printed), Some(rate), false) = (p.value, rate, lower_is_better)
                        && (printed - rate).abs() > Decimal::new(15, 2)
                    {
                        diagnostics.push(Diagnostic::warning(
                            "achievement-rate-disagrees",
                            format!(
                                "the document prints {}% but actual {} / target {} is {}%",
                                printed.normalize(),
                                a.normalize(),
                                t.normalize(),
                                rate.round_dp(1).normalize()
                            ),
                            Some(p.location.clone()),
                        ));
                    }
                }
                _ => {}
            }
        }
        if let Some(o) = ini.observations.get_mut(idx) {
            o.achieved = Some(achieved);
        }
    }
}
