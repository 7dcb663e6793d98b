//! The label vocabulary: every word these reports use for a field, in one place.
//!
//! A sixth city's report should need at most a new word here, never new code. Words are
//! matched on normalized text with all whitespace removed and a trailing colon dropped.

use std::cell::RefCell;

use muniplan_normalize::{Memo, memoized, normalize_text, scan_fiscal_years};

/// What a labelled cell (or column header) holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Field {
    /// Top category (基本方針, 柱).
    Policy,
    /// Second category (項目, 取組項目 when a title column exists).
    Item,
    /// Initiative title (主な取組み, 個別取組項目, 取組名 …).
    Title,
    /// Printed initiative id (No., 番号).
    Id,
    /// Responsible department (担当課, 主管課, 所管課, 担当).
    Department,
    /// Related departments (関係課).
    RelatedDepartment,
    /// Current state (現状).
    CurrentState,
    /// Issues (課題).
    Issues,
    /// Current state and issues in one (現状と課題).
    StateAndIssues,
    /// Description (取組内容, 取組み内容).
    Description,
    /// Final goal text (期間内の最終目標, 目標の状態).
    FinalGoal,
    /// Related plans (関係計画等).
    RelatedPlans,
    /// A contact person or line (担当者, 連絡先): a label whose value no output keeps, so
    /// that a pair row's next value is not read as the label before it.
    Contact,
    /// The row or column of fiscal years (年度).
    Year,
    /// Indicator name (数値の定義, 指標, 目標項目, 成果指標).
    Indicator,
    /// Yearly target (目標値, 目標, 目標数値, 年度目標, 数値, 計画値).
    Target,
    /// Yearly actual (実績値, 実績, 取組結果).
    Actual,
    /// Yearly plan text (計画).
    Plan,
    /// Yearly progress (進捗状況, 取組状況).
    Status,
    /// Baseline (基準値, 基準値等, 現状の数値, 現状値).
    Baseline,
    /// Final target value (目標の数値, 目標値等, 最終目標値).
    FinalTarget,
    /// Grade (達成度, 達成, 評価).
    Grade,
    /// Achievement rate (達成率).
    AchievementRate,
    /// A column of row labels (区分): its cells say what each row holds.
    Section,
}

/// (word, field). Longer words first where one is a prefix of another does not matter: matching
/// is exact on the whole label.
const WORDS: &[(&str, Field)] = &[
    ("基本方針", Field::Policy),
    ("柱", Field::Policy),
    ("大綱の柱", Field::Policy),
    // 厚木市 prints the initiative's id in 分類 (`I-(1)-ア`, `(1)-ア 職員の人材育成`).
    ("分類", Field::Id),
    ("項目", Field::Item),
    ("主な取組み", Field::Title),
    ("主な取組", Field::Title),
    ("個別取組項目", Field::Title),
    ("取組項目", Field::Title),
    ("取組名", Field::Title),
    ("取組み名", Field::Title),
    ("計画名", Field::Title),
    ("実施項目", Field::Title),
    // 総合戦略 KPI tables and open-data lists name the initiative a 施策.
    ("施策", Field::Title),
    ("施策名", Field::Title),
    ("施策番号", Field::Id),
    ("取組番号", Field::Id),
    ("No.", Field::Id),
    ("No", Field::Id),
    ("番号", Field::Id),
    ("担当課", Field::Department),
    ("主管課", Field::Department),
    ("所管課", Field::Department),
    ("担当", Field::Department),
    ("担当部署", Field::Department),
    ("関係課", Field::RelatedDepartment),
    ("現状", Field::CurrentState),
    ("課題", Field::Issues),
    ("現状と課題", Field::StateAndIssues),
    ("取組内容", Field::Description),
    ("取組み内容", Field::Description),
    ("取り組み内容", Field::Description),
    // The plan period's final target (issue 6 lists it beside 目標値等 and 目標の数値): an
    // observation, undated, of the card's indicator, even when it is a sentence.
    ("期間内の最終目標", Field::FinalTarget),
    ("目標の状態", Field::FinalGoal),
    ("関係計画等", Field::RelatedPlans),
    ("担当者", Field::Contact),
    ("担当者名", Field::Contact),
    ("連絡先", Field::Contact),
    ("年度", Field::Year),
    ("計画期間", Field::Year),
    ("区分", Field::Section),
    ("数値の定義", Field::Indicator),
    ("指標", Field::Indicator),
    ("指標等", Field::Indicator),
    ("目標項目", Field::Indicator),
    ("成果指標", Field::Indicator),
    ("指標名", Field::Indicator),
    ("KPI", Field::Indicator),
    ("目標値", Field::Target),
    ("目標", Field::Target),
    ("目標数値", Field::Target),
    ("年度目標", Field::Target),
    ("数値", Field::Target),
    ("計画値", Field::Target),
    // Composite headers over per-year cells whose values carry their own kind label
    // (`目標 20人` / `実績 82人`, `計画` / `取組状況` sub-columns): the first kind is the default.
    ("目標と実績", Field::Target),
    ("目標・実績", Field::Target),
    ("計画と取組状況", Field::Plan),
    ("実績値", Field::Actual),
    ("実績", Field::Actual),
    ("取組結果", Field::Actual),
    ("計画", Field::Plan),
    ("進捗状況", Field::Status),
    ("取組状況", Field::Status),
    ("基準値", Field::Baseline),
    ("基準値等", Field::Baseline),
    ("現状の数値", Field::Baseline),
    ("現状値", Field::Baseline),
    ("目標の数値", Field::FinalTarget),
    ("目標値等", Field::FinalTarget),
    ("最終目標値", Field::FinalTarget),
    ("達成度", Field::Grade),
    ("達成", Field::Grade),
    ("達成状況", Field::Grade),
    ("評価", Field::Grade),
    ("達成率", Field::AchievementRate),
];

/// Headers that name two kinds at once; the values below say which they are.
const COMPOSITE: &[&str] = &["目標と実績", "目標・実績", "計画と取組状況"];

/// A composite header (`目標と実績`).
pub fn is_composite(raw: &str) -> bool {
    COMPOSITE.contains(&label_key(raw).as_str())
}

/// Fields whose label may be glued to its value in one cell (`基本方針1 財源確保…`).
const PREFIX_FIELDS: &[Field] = &[Field::Policy, Field::Item];

/// The key a label is matched on: normalized, whitespace removed, trailing colon dropped.
pub fn label_key(raw: &str) -> String {
    // The recognizer asks for the key and field of one cell many times over (23,621 calls of
    // field_of over the dev corpus): both are pure, so each is worked out once per thread.
    thread_local!(static KEYS: RefCell<Memo<String, String>> = RefCell::default());
    memoized(&KEYS, raw, |k| raw.len() + k.len(), || key_afresh(raw))
}

/// [`label_key`] without the memo.
fn key_afresh(raw: &str) -> String {
    let text = normalize_text(raw);
    let mut key: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    while key.ends_with(':') || key.ends_with('：') {
        key.pop();
    }
    key
}

/// The field a whole cell names, if it is a label.
pub fn field_of(raw: &str) -> Option<Field> {
    thread_local!(static FIELDS: RefCell<Memo<String, Option<Field>>> = RefCell::default());
    memoized(&FIELDS, raw, |_| raw.len(), || field_afresh(raw))
}

/// [`field_of`] without the memo.
fn field_afresh(raw: &str) -> Option<Field> {
    let key = label_key(raw);
    if let Some(field) = lookup(&key) {
        return Some(field);
    }
    // `担当課（とりまとめ）`: a label with a parenthesized note.
    // A year in parentheses (`基準値（R3）`) is not a note: the header is dated.
    if let Some(open) = key.rfind('(').filter(|_| key.ends_with(')'))
        && key
            .get(open..)
            .is_some_and(|note| scan_fiscal_years(note).is_empty())
        && let Some(field) = key.get(..open).and_then(lookup)
    {
        return Some(field);
    }
    // `基本方針1`: a numbered category label.
    let stem = key.trim_end_matches(|c: char| c.is_ascii_digit());
    if stem.len() < key.len() {
        return lookup(stem).filter(|f| PREFIX_FIELDS.contains(f));
    }
    None
}

/// A cell that states one fiscal year, with or without a label (`基準値（平成29年度）`, `R4実績`,
/// `令和5年度`): the year and the label key of the rest, brackets dropped (empty for a year
/// alone).
pub fn dated_key(raw: &str) -> Option<(i32, String)> {
    let norm = normalize_text(raw);
    let found = scan_fiscal_years(raw);
    let [one] = found.as_slice() else {
        return None;
    };
    let rest: String = norm
        .get(..one.start)
        .unwrap_or("")
        .chars()
        .chain(norm.get(one.end..).unwrap_or("").chars())
        .filter(|c| !matches!(c, '(' | ')' | '（' | '）' | '[' | ']' | '【' | '】'))
        .collect();
    Some((one.year, label_key(&rest)))
}

/// Exact lookup of a label key.
pub fn lookup(key: &str) -> Option<Field> {
    WORDS.iter().find(|(w, _)| *w == key).map(|(_, f)| *f)
}

/// A cell that starts with a label glued to its value: `基本方針1 財源確保…` →
/// (Policy, "1", "財源確保…"). The number after the label is returned separately.
pub fn split_prefixed(raw: &str) -> Option<(Field, String, String)> {
    let text = normalize_text(raw);
    let text = text.trim();
    for (word, field) in WORDS {
        if !PREFIX_FIELDS.contains(field) {
            continue;
        }
        let Some(rest) = text.strip_prefix(word) else {
            continue;
        };
        let number: String = rest.chars().take_while(|c| c.is_ascii_digit()).collect();
        let rest = rest[number.len()..].trim_start_matches([' ', ':', '：', '　']);
        if rest.is_empty() || rest.len() == text.len() {
            continue;
        }
        return Some((*field, number, rest.trim().to_string()));
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn labels() {
        assert_eq!(field_of("目標値"), Some(Field::Target));
        assert_eq!(field_of(" 実績値 "), Some(Field::Actual));
        assert_eq!(field_of("主管課"), Some(Field::Department));
        assert_eq!(field_of("年　度"), Some(Field::Year));
        assert_eq!(field_of("寄附金額（億円）"), None);
        assert_eq!(
            split_prefixed("基本方針1 財源確保と歳出改革"),
            Some((Field::Policy, "1".into(), "財源確保と歳出改革".into()))
        );
        assert_eq!(split_prefixed("基本方針"), None);
        assert_eq!(field_of("基本方針1"), Some(Field::Policy));
        assert_eq!(field_of("目標値1"), None);
        assert_eq!(field_of("担当課\n（とりまとめ）"), Some(Field::Department));
        assert_eq!(field_of("取組\n状況"), Some(Field::Status));
    }

    /// The memoized key and field are those worked out afresh, on every call.
    #[test]
    fn remembered_keys_and_fields_are_fresh_ones() {
        let cells = [
            "目標値",
            " 実績値 ",
            "年　度",
            "担当課\n（とりまとめ）",
            "基準値（R3）",
            "基本方針1",
            "寄附金額（億円）",
            "目標：",
            "",
        ];
        for _ in 0..2 {
            for c in cells {
                assert_eq!(label_key(c), key_afresh(c), "{c:?}");
                assert_eq!(field_of(c), field_afresh(c), "{c:?}");
            }
        }
    }
}
