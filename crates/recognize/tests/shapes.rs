//! Recognition of each seed layout family's shape on small hand-built grids.
//!
//! A grid is written row by row: `<` merges a cell into the one on its left, `^` into the one
//! above, `""` is an empty cell. Strings are copied from the seeds named in each test.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, only, table};
use muniplan_recognize::{Initiative, Kind, Observation, recognize};

fn obs(ini: &Initiative, kind: Kind) -> Vec<&Observation> {
    ini.observations.iter().filter(|o| o.kind == kind).collect()
}

/// (fiscal year, value as string or text) for compact assertions.
fn summary(list: &[&Observation]) -> Vec<(Option<i32>, String)> {
    list.iter()
        .map(|o| {
            let v = match (&o.value, &o.text) {
                (Some(v), _) => format!(
                    "{v}{}{}",
                    o.unit.as_deref().unwrap_or(""),
                    if o.cumulative { " 累計" } else { "" }
                ),
                (None, Some(t)) => t.clone(),
                (None, None) => "?".into(),
            };
            (o.fiscal_year, v)
        })
        .collect()
}

/// 能美市 (seed 001): heading with id, category and department; year grid R4–R8 with a
/// two-row 目標 (plan text over the number); the 取組内容/指標等/基準値等/目標値等 block whose
/// labels stand above their values.
#[test]
fn nomi_item() {
    let t = table(&[
        &[
            "No.1【①行政手続きのオンライン化】電子申請手続きの拡大（デジタル推進課）",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
        &["年度", "R4", "R5", "R6", "R7", "R8"],
        &["目標", "実施", "実施", "実施", "実施", "実施"],
        &[
            "^",
            "累計\n250件",
            "累計\n300件",
            "累計\n350件",
            "累計\n440件",
            "累計\n450件",
        ],
        &["実績", "累計\n171件", "累計\n284件", "累計\n427件", "", ""],
        &["取組内容", "<", "指標等", "<", "基準値等", "目標値等"],
        &[
            "各種申請手続き等\nの電子化を図るこ\nとにより、公共\nサービスの利便性\n向上を図る",
            "<",
            "電子申請手続\nき可能件数",
            "<",
            "（R3）\n26件",
            "累計\n450件",
        ],
    ]);
    let rec = recognize(&doc(vec![t]));
    let ini = only(&rec);
    assert_eq!(ini.id, "No.1");
    assert_eq!(ini.title, "電子申請手続きの拡大");
    assert_eq!(ini.category_path, ["①行政手続きのオンライン化"]);
    assert_eq!(ini.departments, ["デジタル推進課"]);
    assert_eq!(
        ini.description.as_deref(),
        Some("各種申請手続き等の電子化を図ることにより、公共サービスの利便性向上を図る")
    );
    assert_eq!(ini.indicators.len(), 1);
    assert_eq!(ini.indicators[0].name, "電子申請手続き可能件数");
    // The first row of the two-row 目標 is the schedule (plan), the second the targets.
    let plans = summary(&obs(ini, Kind::Plan));
    assert_eq!(plans.len(), 5);
    assert!(plans.contains(&(Some(2022), "実施".into())));
    assert!(obs(ini, Kind::Plan).iter().all(|o| o.indicator.is_none()));
    let targets = summary(&obs(ini, Kind::Target));
    assert_eq!(targets.len(), 5);
    assert!(targets.contains(&(Some(2022), "250件 累計".into())));
    assert!(targets.contains(&(Some(2026), "450件 累計".into())));
    assert_eq!(
        summary(&obs(ini, Kind::Actual)),
        [
            (Some(2022), "171件 累計".into()),
            (Some(2023), "284件 累計".into()),
            (Some(2024), "427件 累計".into())
        ]
    );
    assert_eq!(
        summary(&obs(ini, Kind::Baseline)),
        [(Some(2021), "26件".into())]
    );
    assert_eq!(
        summary(&obs(ini, Kind::FinalTarget)),
        [(None, "450件 累計".into())]
    );
    // The card's one indicator is printed below the grid; it names every value of the card
    // but the plan, which is about the initiative.
    assert!(
        ini.observations
            .iter()
            .filter(|o| o.kind != Kind::Plan)
            .all(|o| o.indicator.as_deref() == Some("電子申請手続き可能件数"))
    );
}

/// 安中市 (seed 003): the card's title is a heading under two category headings; 現状の数値
/// and 目標の数値 stand above their values; 年次計画 with 年度 / 進捗状況 / 年度目標 / 数値.
#[test]
fn annaka_card() {
    let t = table(&[
        &["1 市民ニーズの把握と「総働」", "<", "<", "<", "<", "<", "<"],
        &[
            "(1) 市民にとってわかりやすい形での情報の提供",
            "<",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
        &["① 情報提供手段の拡大", "<", "<", "<", "<", "<", "<"],
        &["担当課", "情報戦略課", "<", "関係課", "", "<", "<"],
        &[
            "現状と課題",
            "・広報あんなか、市HP(ホームページ)などで行政情報を提供している。",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
        &[
            "取組内容",
            "・行政情報をわかりやすく発信するため、HP編集に関しての職員研修を実施する。",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
        &[
            "目標の状態",
            "・HP、広報、おしらせ版を有効に使い、行政情報を適切に提供する。",
            "<",
            "現状の数値",
            "<",
            "<",
            "<",
        ],
        &[
            "^",
            "^",
            "^",
            "HPアクセス数 456,456件 (R2.1.15現在)",
            "<",
            "<",
            "<",
        ],
        &["^", "^", "^", "目標の数値", "<", "<", "<"],
        &["^", "^", "^", "HPアクセス数 510,000件", "<", "<", "<"],
        &[
            "年次計画",
            "年度",
            "令和2年度",
            "令和3年度",
            "令和4年度",
            "令和5年度",
            "令和6年度",
        ],
        &["^", "進捗状況", "実施", "実施", "実施", "実施", "実施"],
        &[
            "^",
            "年度目標",
            "HPを充実し、アクセス数を増やす。",
            "HPを充実し、アクセス数を増やす。",
            "HPを充実し、アクセス数を増やす。",
            "HPを充実し、アクセス数を増やす。",
            "HPを充実し、アクセス数を増やす。",
        ],
        &[
            "^",
            "数値",
            "HPアクセス数 470,000件",
            "HPアクセス数 480,000件",
            "HPアクセス数 490,000件",
            "HPアクセス数 500,000件",
            "HPアクセス数 510,000件",
        ],
    ]);
    let rec = recognize(&doc(vec![t]));
    let ini = only(&rec);
    assert_eq!(ini.title, "情報提供手段の拡大");
    assert_eq!(ini.id, "1-(1)-①");
    assert_eq!(
        ini.category_path,
        [
            "市民ニーズの把握と「総働」",
            "市民にとってわかりやすい形での情報の提供"
        ]
    );
    assert_eq!(ini.departments, ["情報戦略課"]);
    assert!(
        ini.current_state
            .as_deref()
            .unwrap()
            .starts_with("・広報あんなか")
    );
    assert_eq!(summary(&obs(ini, Kind::Status)).len(), 5);
    let numeric: Vec<_> = obs(ini, Kind::Target)
        .into_iter()
        .filter(|o| o.value.is_some())
        .collect();
    assert_eq!(
        summary(&numeric),
        [
            (Some(2020), "470000件".into()),
            (Some(2021), "480000件".into()),
            (Some(2022), "490000件".into()),
            (Some(2023), "500000件".into()),
            (Some(2024), "510000件".into())
        ]
    );
    assert_eq!(
        summary(&obs(ini, Kind::FinalTarget)),
        [(None, "510000件".into())]
    );
    assert_eq!(obs(ini, Kind::Baseline).len(), 1);
}

/// A list layout that is none of the five seed families (issue 6): one header row, one
/// initiative per row, dated columns `R4目標`, a baseline dated in its header `基準値（R3）`.
#[test]
fn generic_list() {
    let t = table(&[
        &[
            "取組項目",
            "指標",
            "基準値（R3）",
            "R4目標",
            "R4実績",
            "R5目標",
            "R5実績",
            "達成状況",
        ],
        &[
            "電子申請手続きの拡大",
            "電子申請手続き可能件数",
            "26件",
            "累計250件",
            "累計171件",
            "累計300件",
            "累計284件",
            "×",
        ],
        &[
            "マイナンバーカードの交付及び利用促進",
            "マイナンバーカードの交付枚数",
            "17,926枚",
            "累計40,000枚",
            "累計35,603枚",
            "累計44,000枚",
            "累計41,298枚",
            "×",
        ],
    ]);
    let rec = recognize(&doc(vec![t]));
    assert_eq!(rec.initiatives.len(), 2);
    let ini = &rec.initiatives[1];
    assert_eq!(ini.title, "マイナンバーカードの交付及び利用促進");
    assert_eq!(
        summary(&obs(ini, Kind::Baseline)),
        [(Some(2021), "17926枚".into())]
    );
    assert_eq!(
        summary(&obs(ini, Kind::Target)),
        [
            (Some(2022), "40000枚 累計".into()),
            (Some(2023), "44000枚 累計".into())
        ]
    );
    assert_eq!(
        summary(&obs(ini, Kind::Actual)),
        [
            (Some(2022), "35603枚 累計".into()),
            (Some(2023), "41298枚 累計".into())
        ]
    );
    // The undated 達成状況 judges the latest year with an actual (R5).
    assert_eq!(summary(&obs(ini, Kind::Grade)), [(Some(2023), "×".into())]);
    assert_eq!(rec.plan.report_year, None, "R4実績 is a column header");
}

/// 厚木市 (seed 004): the wide achievement table with a three-row header; per-year plan and
/// status sub-columns; per-year cells holding `目標 … / 実績 …`; 達成率 and 達成 ○/×; the
/// initiative spans several rows (one per numbered plan line).
#[test]
fn atsugi_achievement_table() {
    let t = table(&[
        &[
            "分類",
            "計画名",
            "担当課",
            "取組内容",
            "計画と取組状況",
            "<",
            "<",
            "<",
            "<",
            "<",
            "成果指標",
            "目標と実績",
            "<",
            "<",
            "達成率",
            "達成",
            "未達成の理由",
        ],
        &[
            "^",
            "^",
            "^",
            "^",
            "令和3年度",
            "<",
            "令和4年度",
            "<",
            "令和5年度",
            "<",
            "^",
            "令和3年度",
            "令和4年度",
            "令和5年度",
            "^",
            "^",
            "^",
        ],
        &[
            "^",
            "^",
            "^",
            "^",
            "計画",
            "取組状況",
            "計画",
            "取組状況",
            "計画",
            "取組状況",
            "^",
            "^",
            "^",
            "^",
            "^",
            "^",
            "^",
        ],
        &[
            "II-(1)-ウ",
            "予算編成における効果の明確化",
            "企画政策課 行政経営課 財政課",
            "①根拠やデータに基づく政策立案の手法を政策検討会に取り入れる。 ②統計の利活用に関する職員研修を実施する。",
            "①政策検討会への導入",
            "①政策検討会に導入した。",
            "①政策検討会での活用",
            "①政策検討会で活用した。",
            "①政策検討会での活用",
            "①政策検討会で活用した。",
            "統計の利活用に関する職員研修の参加者数",
            "目標 20人\n実績 82人",
            "目標 20人\n実績 35人",
            "目標 20人\n実績 41人",
            "205.0%",
            "○",
            "",
        ],
        &[
            "^",
            "^",
            "^",
            "^",
            "②職員研修の実施",
            "②職員研修を実施した。",
            "②職員研修の実施",
            "②職員研修を実施した。",
            "②職員研修の実施",
            "②職員研修を実施した。",
            "",
            "",
            "",
            "",
            "",
            "",
            "",
        ],
    ]);
    let rec = recognize(&doc(vec![t]));
    let ini = only(&rec);
    assert_eq!(ini.id, "II-(1)-ウ");
    assert_eq!(ini.title, "予算編成における効果の明確化");
    assert_eq!(ini.departments, ["企画政策課", "行政経営課", "財政課"]);
    assert_eq!(ini.indicators.len(), 1);
    let plans = summary(&obs(ini, Kind::Plan));
    assert_eq!(plans.len(), 6, "{plans:?}");
    assert!(plans.contains(&(Some(2021), "①政策検討会への導入".into())));
    assert!(plans.contains(&(Some(2023), "②職員研修の実施".into())));
    assert_eq!(summary(&obs(ini, Kind::Status)).len(), 6);
    assert_eq!(
        summary(&obs(ini, Kind::Target)),
        [
            (Some(2021), "20人".into()),
            (Some(2022), "20人".into()),
            (Some(2023), "20人".into())
        ]
    );
    assert_eq!(
        summary(&obs(ini, Kind::Actual)),
        [
            (Some(2021), "82人".into()),
            (Some(2022), "35人".into()),
            (Some(2023), "41人".into())
        ]
    );
    assert_eq!(
        summary(&obs(ini, Kind::AchievementRate)),
        [(Some(2023), "205%".into())],
        "the undated 達成率 judges the latest actual's year"
    );
    assert_eq!(summary(&obs(ini, Kind::Grade)), [(Some(2023), "○".into())]);
    assert_eq!(
        ini.evaluation.as_ref().and_then(|e| e.grade.as_deref()),
        Some("○")
    );
    // 82, 35 and 41 people against a target of 20: achieved every year; the printed 205.0% and
    // ○ agree with 41 / 20 in the latest year, so no warning.
    assert!(
        obs(ini, Kind::Actual)
            .iter()
            .all(|o| o.achieved == Some(true))
    );
    assert!(rec.diagnostics.is_empty(), "{:#?}", rec.diagnostics);
    assert!(
        obs(ini, Kind::Target)
            .iter()
            .all(|o| o.indicator.as_deref() == Some("統計の利活用に関する職員研修の参加者数"))
    );
}

/// 厚木市 (seed 004): the 未達成項目 list; 分類 holds id and title, the header
/// `目標 / 実績（達成率）` gives the roles of `90% 84.4% (93.8%)`.
#[test]
fn atsugi_unachieved_list() {
    let t = table(&[
        &["分類", "指標名", "目標\n実績（達成率）"],
        &[
            "(1)-ア 職員の人材育成",
            "職員アンケート 「職務遂行能力が向上していると感じている」と回答した割合",
            "90% 84.4% (93.8%)",
        ],
        &["^", "研修講師養成講座への派遣職員数", "3人 1人 (33.3%)"],
    ]);
    let rec = recognize(&doc(vec![t]));
    let ini = only(&rec);
    assert_eq!(ini.id, "(1)-ア");
    assert_eq!(ini.title, "職員の人材育成");
    assert_eq!(ini.indicators.len(), 2);
    assert_eq!(
        summary(&obs(ini, Kind::Target)),
        [(None, "90%".into()), (None, "3人".into())]
    );
    assert_eq!(
        summary(&obs(ini, Kind::Actual)),
        [(None, "84.4%".into()), (None, "1人".into())]
    );
    assert_eq!(
        summary(&obs(ini, Kind::AchievementRate)),
        [(None, "93.8%".into()), (None, "33.3%".into())]
    );
    let second = obs(ini, Kind::Actual)[1];
    assert_eq!(
        second.indicator.as_deref(),
        Some("研修講師養成講座への派遣職員数")
    );
}

/// The consistency pass: a printed verdict that disagrees with the numbers is a warning; lower is
/// better for 以内 targets.
#[test]
fn printed_verdicts_are_checked() {
    let t = table(&[
        &["取組項目", "指標", "R5目標", "R5実績", "達成率", "達成"],
        &[
            "時間外勤務の削減",
            "時間外勤務時間",
            "550時間以内",
            "600時間",
            "",
            "○",
        ],
        &["研修の充実", "研修参加者数", "20人", "41人", "150.0%", "○"],
    ]);
    let rec = recognize(&doc(vec![t]));
    assert_eq!(rec.initiatives.len(), 2);
    assert_eq!(
        obs(&rec.initiatives[0], Kind::Actual)[0].achieved,
        Some(false)
    );
    assert_eq!(
        obs(&rec.initiatives[1], Kind::Actual)[0].achieved,
        Some(true)
    );
    let codes: Vec<&str> = rec.diagnostics.iter().map(|d| d.code.as_str()).collect();
    assert_eq!(
        codes,
        ["grade-disagrees", "achievement-rate-disagrees"],
        "{:#?}",
        rec.diagnostics
    );
}

/// Lower is better where the indicator's targets fall from its baseline year by year (能美市's
/// 未収債権額: 434 → 407 → 380百万円): 426 against 380 is not achieved, and the document's
/// 未達成 agrees. Rising targets keep higher is better; 累計 targets rise by nature.
#[test]
fn falling_targets_mean_lower_is_better() {
    let t = table(&[
        &[
            "取組項目",
            "指標",
            "基準値（R3）",
            "R4目標",
            "R4実績",
            "R5目標",
            "R5実績",
            "達成状況",
        ],
        &[
            "債権管理の一元化",
            "未収債権額",
            "434百万円",
            "407百万円",
            "398百万円",
            "380百万円",
            "426百万円",
            "未達成",
        ],
        &[
            "電子申請手続きの拡大",
            "電子申請手続き可能件数",
            "26件",
            "250件",
            "171件",
            "300件",
            "284件",
            "未達成",
        ],
        &[
            "事務の見直し",
            "見直し件数",
            "5件",
            "5件",
            "4件",
            "5件",
            "6件",
            "達成",
        ],
    ]);
    let rec = recognize(&doc(vec![t]));
    let achieved = |i: usize| -> Vec<Option<bool>> {
        obs(&rec.initiatives[i], Kind::Actual)
            .iter()
            .map(|o| o.achieved)
            .collect()
    };
    assert_eq!(
        achieved(0),
        [Some(true), Some(false)],
        "398 ≤ 407, 426 > 380"
    );
    assert_eq!(achieved(1), [Some(false), Some(false)]);
    assert_eq!(
        achieved(2),
        [Some(false), Some(true)],
        "flat targets: higher is better"
    );
    assert!(rec.diagnostics.is_empty(), "{:#?}", rec.diagnostics);
}

/// 厚木市 (seed 004) prints in-year and cumulative counts together under a (累計) indicator:
/// `3 (4)` is 3 this year and 4 in total.
#[test]
fn cumulative_pairs_under_a_cumulative_indicator() {
    let t = table(&[
        &["取組項目", "指標", "R4実績", "R5実績"],
        &["公共施設の再編", "再編した施設数（累計）", "3 (4)", "2 (6)"],
    ]);
    let rec = recognize(&doc(vec![t]));
    let ini = only(&rec);
    let actuals: Vec<(Option<i32>, String, bool)> = obs(ini, Kind::Actual)
        .iter()
        .map(|o| (o.fiscal_year, o.value.unwrap().to_string(), o.cumulative))
        .collect();
    assert_eq!(
        actuals,
        [
            (Some(2022), "3".into(), false),
            (Some(2022), "4".into(), true),
            (Some(2023), "2".into(), false),
            (Some(2023), "6".into(), true)
        ]
    );
}

/// A grade word that is also a vocabulary word (`達成` in a 達成状況 column) is a grade.
#[test]
fn grade_words_in_a_grade_column() {
    let t = table(&[
        &["取組項目", "指標", "R5目標", "R5実績", "達成状況"],
        &[
            "ＡＩ・ＲＰＡ等先端技術の積極的活用",
            "業務件数",
            "6件",
            "6件",
            "達成",
        ],
        &[
            "電子申請手続きの拡大",
            "電子申請手続き可能件数",
            "300件",
            "284件",
            "未達成",
        ],
    ]);
    let rec = recognize(&doc(vec![t]));
    let grades: Vec<_> = rec
        .initiatives
        .iter()
        .map(|i| summary(&obs(i, Kind::Grade)))
        .collect();
    assert_eq!(
        grades,
        [
            vec![(Some(2023), "達成".to_string())],
            vec![(Some(2023), "未達成".to_string())]
        ]
    );
}
