//! Label → value relations beyond "right of" and "below", on grids made for these tests (not
//! copied from a seed or the dev corpus): row labels nested between a kind label and the year
//! columns, transposed cards, dated labels, unit notes, a schedule row under a two-row 年度
//! label, a dated label alone in its row, stacked list headers.
//!
//! A grid is written row by row: `<` merges a cell into the one on its left, `^` into the one
//! above, `""` is an empty cell.

#![allow(clippy::unwrap_used, clippy::expect_used)]

mod common;

use common::{doc, only, table};
use muniplan_recognize::{Initiative, Kind, Recognized, recognize};

fn recognized(rows: &[&[&str]]) -> Recognized {
    recognize(&doc(vec![table(rows)]))
}

/// (indicator, fiscal year, kind, value+unit or text) of every observation, sorted.
fn facts(ini: &Initiative) -> Vec<(String, Option<i32>, Kind, String)> {
    let mut out: Vec<_> = ini
        .observations
        .iter()
        .map(|o| {
            let v = common::shown(o);
            (
                o.indicator.clone().unwrap_or_default(),
                o.fiscal_year,
                o.kind,
                v,
            )
        })
        .collect();
    out.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    out
}

fn fact(ind: &str, year: Option<i32>, kind: Kind, v: &str) -> (String, Option<i32>, Kind, String) {
    (ind.to_string(), year, kind, v.to_string())
}

/// A vertical kind label spanning the rows of several indicators, each named by a group label
/// merged down over item labels, between the kind label and the year columns.
#[test]
fn nested_row_labels_name_the_indicator() {
    let rec = recognized(&[
        &["（3）収納対策の強化", "<", "<", "<", "<", "<"],
        &["年度", "<", "<", "令和6年度", "令和7年度", "令和8年度"],
        &[
            "目\n標",
            "国保税",
            "口座振替件数",
            "1,200件",
            "1,300件",
            "1,400件",
        ],
        &["^", "^", "滞納整理件数", "300件", "320件", "340件"],
        &["^", "介護保険料", "督促件数", "50件", "45件", "40件"],
        &["実\n績", "国保税", "口座振替件数", "1,150件", "", ""],
        &["^", "^", "滞納整理件数", "310件", "", ""],
        &["^", "介護保険料", "督促件数", "52件", "", ""],
    ]);
    let ini = only(&rec);
    assert_eq!(ini.title, "収納対策の強化");
    let names: Vec<&str> = ini.indicators.iter().map(|i| i.name.as_str()).collect();
    assert_eq!(
        names,
        [
            "国保税 口座振替件数",
            "国保税 滞納整理件数",
            "介護保険料 督促件数"
        ]
    );
    let f = facts(ini);
    assert_eq!(f.len(), 12, "{f:#?}");
    for want in [
        fact("国保税 口座振替件数", Some(2024), Kind::Target, "1200件"),
        fact("国保税 滞納整理件数", Some(2026), Kind::Target, "340件"),
        fact("介護保険料 督促件数", Some(2025), Kind::Target, "45件"),
        fact("国保税 口座振替件数", Some(2024), Kind::Actual, "1150件"),
        fact("国保税 滞納整理件数", Some(2024), Kind::Actual, "310件"),
        fact("介護保険料 督促件数", Some(2024), Kind::Actual, "52件"),
    ] {
        assert!(f.contains(&want), "{want:?} not in {f:#?}");
    }
}

/// Years down the rows, 目標 / 実績 / 評価 across; a baseline dated in its label; the unit in
/// the indicator name; a compound item number in the heading.
#[test]
fn transposed_card() {
    let rec = recognized(&[
        &["取組 2-1　窓口サービスの向上", "<", "<", "<"],
        &["指標", "証明書コンビニ交付率（％）", "<", "<"],
        &["基準値（令和4年度）", "12.5", "<", "<"],
        &["年度", "目標", "実績", "評価"],
        &["令和5年度", "15.0", "14.2", "×"],
        &["令和6年度", "18.0", "19.1", "○"],
        &["令和7年度", "21.0", "", ""],
    ]);
    let ini = only(&rec);
    assert_eq!(ini.id, "2-1");
    assert_eq!(ini.title, "窓口サービスの向上");
    let ind = "証明書コンビニ交付率(%)";
    let f = facts(ini);
    let mut want = vec![
        fact(ind, Some(2022), Kind::Baseline, "12.5%"),
        fact(ind, Some(2023), Kind::Target, "15%"),
        fact(ind, Some(2023), Kind::Actual, "14.2%"),
        fact(ind, Some(2023), Kind::Grade, "×"),
        fact(ind, Some(2024), Kind::Target, "18%"),
        fact(ind, Some(2024), Kind::Actual, "19.1%"),
        fact(ind, Some(2024), Kind::Grade, "○"),
        fact(ind, Some(2025), Kind::Target, "21%"),
    ];
    want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(f, want);
}

/// A unit note row, a schedule row under a 年度 label spanning two rows, and a dated label
/// alone in its row naming the prose of the next.
#[test]
fn unit_note_schedule_row_and_dated_label_row() {
    let rec = recognized(&[
        &[
            "No.4【②歳入確保】使用料の見直し（財政課）",
            "<",
            "<",
            "<",
            "<",
            "<",
        ],
        &["（単位：千円）", "<", "<", "<", "<", "<"],
        &["指標等", "目標値等", "年度", "R5", "R6", "R7"],
        &["使用料収入額", "12,000", "^", "実施", "実施", "検討"],
        &["^", "^", "目標", "10,000", "11,000", "12,000"],
        &["^", "^", "実績", "10,500", "", ""],
        &["", "", "【令和5年度の取組状況】", "<", "<", "<"],
        &["", "", "・料金表を改定した。", "<", "<", "<"],
    ]);
    let ini = only(&rec);
    assert_eq!(ini.id, "No.4");
    let f = facts(ini);
    let ind = "使用料収入額";
    for want in [
        fact("", Some(2023), Kind::Plan, "実施"),
        fact("", Some(2025), Kind::Plan, "検討"),
        fact(ind, Some(2023), Kind::Target, "10000000円"),
        fact(ind, Some(2025), Kind::Target, "12000000円"),
        fact(ind, Some(2023), Kind::Actual, "10500000円"),
        fact(ind, None, Kind::FinalTarget, "12000000円"),
        fact("", Some(2023), Kind::Status, "・料金表を改定した。"),
    ] {
        assert!(f.contains(&want), "{want:?} not in {f:#?}");
    }
    assert_eq!(f.len(), 9, "{f:#?}");
}

/// An id alone in the corner of the row above the column header; a vertical 取組内容 label
/// inside the title column governs the prose beside it (it is no new initiative).
#[test]
fn corner_id_and_a_label_inside_the_title_column() {
    let rec = recognized(&[
        &["基本方針１", "<", "", "", "", "（12）"],
        &[
            "個別取組項目",
            "<",
            "担当課",
            "区分",
            "令和6年度",
            "令和7年度",
        ],
        &["窓口の改善", "<", "市民課", "計画", "実施", "実施"],
        &[
            "取\n組\n内\n容",
            "窓口の待ち時間を\n短縮する。",
            "",
            "目標",
            "10分",
            "8分",
        ],
    ]);
    let ini = only(&rec);
    assert_eq!(ini.id, "(12)");
    assert_eq!(ini.title, "窓口の改善");
    assert_eq!(
        ini.description.as_deref(),
        Some("窓口の待ち時間を短縮する。")
    );
    let f = facts(ini);
    for want in [
        fact("", Some(2024), Kind::Plan, "実施"),
        fact("", Some(2025), Kind::Target, "8分"),
    ] {
        assert!(f.contains(&want), "{want:?} not in {f:#?}");
    }
}

/// A list whose value headers name their unit (`R5目標（千円）`): bare numbers in those columns
/// take it; an indicator naming its own unit wins.
#[test]
fn list_headers_naming_the_unit() {
    let rec = recognized(&[
        &["取組項目", "指標", "R5目標（千円）", "R5実績（千円）"],
        &["使用料の見直し", "使用料収入額", "12,000", "12,500"],
        &["広告収入の確保", "広告件数（件）", "30", "28"],
    ]);
    assert_eq!(rec.initiatives.len(), 2, "{:#?}", rec.initiatives);
    let f = facts(&rec.initiatives[0]);
    assert_eq!(
        f,
        vec![
            fact("使用料収入額", Some(2023), Kind::Actual, "12500000円"),
            fact("使用料収入額", Some(2023), Kind::Target, "12000000円"),
        ]
    );
    let f = facts(&rec.initiatives[1]);
    assert_eq!(
        f,
        vec![
            fact("広告件数(件)", Some(2023), Kind::Actual, "28件"),
            fact("広告件数(件)", Some(2023), Kind::Target, "30件"),
        ]
    );
}

/// 累計 in an indicator name qualifies its counts, not the 達成率 that judges them.
#[test]
fn a_rate_of_a_cumulative_indicator_is_no_running_total() {
    let rec = recognized(&[
        &["取組項目", "指標", "R5目標", "R5実績", "達成率"],
        &[
            "企業誘致の推進",
            "企業立地件数（累計）",
            "11件",
            "14件",
            "127.3%",
        ],
    ]);
    let ini = only(&rec);
    let flags: Vec<(Kind, bool)> = ini
        .observations
        .iter()
        .map(|o| (o.kind, o.cumulative))
        .collect();
    assert_eq!(
        flags,
        [
            (Kind::Target, true),
            (Kind::Actual, true),
            (Kind::AchievementRate, false)
        ],
        "{:#?}",
        ini.observations
    );
}

/// Card boundaries from title rows and id cells wherever they stand: a title row (a name
/// spanning the table, no number) names the card the next id cell opens; the id printed in
/// the corner of each block's year header continues its card, another id starts the next.
/// The first title row, followed by another title row, was the document's and names nothing.
#[test]
fn title_rows_and_corner_ids_bound_cards() {
    let rec = recognized(&[
        &["行政改革推進計画 取組一覧", "<", "<", "<"],
        &["公共施設の適正配置", "<", "<", "<"],
        &["指標", "施設数", "<", "<"],
        &["Ⅱ-1", "R5", "R6", "R7"],
        &["目標", "40施設", "38施設", "36施設"],
        &["指標", "延床面積（㎡）", "<", "<"],
        &["Ⅱ-1", "R5", "R6", "R7"],
        &["実績", "120,000", "118,500", ""],
        &["使用料の見直し", "<", "<", "<"],
        &["Ⅱ-2", "R5", "R6", "R7"],
        &["計画", "検討", "実施", "実施"],
    ]);
    let titles: Vec<(&str, &str)> = rec
        .initiatives
        .iter()
        .map(|i| (i.id.as_str(), i.title.as_str()))
        .collect();
    assert_eq!(
        titles,
        [("II-1", "公共施設の適正配置"), ("II-2", "使用料の見直し")]
    );
    let f = facts(&rec.initiatives[0]);
    assert_eq!(f.len(), 5, "{f:#?}");
    for want in [
        fact("施設数", Some(2025), Kind::Target, "36施設"),
        fact("延床面積(㎡)", Some(2024), Kind::Actual, "118500㎡"),
    ] {
        assert!(f.contains(&want), "{want:?} not in {f:#?}");
    }
    let f = facts(&rec.initiatives[1]);
    assert_eq!(f.len(), 3, "{f:#?}");
    assert!(
        f.contains(&fact("", Some(2023), Kind::Plan, "検討")),
        "{f:#?}"
    );
}

/// A kind label that names the unit of its row (`目標（件）` before bare numbers) or, in a
/// transposed card, of its column (`実績（人）` over the years' numbers); a label without a
/// unit leaves its numbers bare.
#[test]
fn a_kind_label_names_the_unit_of_its_row_or_column() {
    let rec = recognized(&[
        &["(3) 窓口の電子化", "<", "<"],
        &["指標", "電子申請件数", "<"],
        &["年度", "R5", "R6"],
        &["目標（件）", "1,200", "1,500"],
        &["実績", "1,100", ""],
    ]);
    let f = facts(only(&rec));
    assert!(
        f.contains(&fact("電子申請件数", Some(2024), Kind::Target, "1500件")),
        "{f:#?}"
    );
    assert!(
        f.contains(&fact("電子申請件数", Some(2023), Kind::Actual, "1100")),
        "{f:#?}"
    );
    let units: Vec<Option<&str>> = only(&rec)
        .observations
        .iter()
        .filter(|o| o.kind == Kind::Target)
        .map(|o| o.unit_source.map(|s| s.as_str()))
        .collect();
    assert_eq!(units, [Some("header"), Some("header")]);

    let rec = recognized(&[
        &["(4) 研修の充実", "<", "<"],
        &["指標", "研修受講者数", "<"],
        &["年度", "目標", "実績（人）"],
        &["令和5年度", "300人", "284"],
        &["令和6年度", "320人", "301"],
    ]);
    let f = facts(only(&rec));
    assert_eq!(f.len(), 4, "{f:#?}");
    assert!(
        f.contains(&fact("研修受講者数", Some(2024), Kind::Actual, "301人")),
        "{f:#?}"
    );
}

/// A `指標 | name` row heads the block below it: rows above it (yearly target texts, an
/// achievement rate of the initiative) are not its values, a 評価 row inside the block grades
/// it (`達成` there is the grade, not a label) while a grade after a progress row grades the
/// initiative, and an undated final target merged across
/// the year columns is one value, not one per year.
#[test]
fn an_indicator_row_heads_the_block_below_it() {
    let rec = recognized(&[
        &["(5)　公共施設の見直し", "<", "<"],
        &["年度", "令和5年度", "令和6年度"],
        &["目標", "計画を策定する", "計画に沿って実施"],
        &["達成率", "80%", ""],
        &["指標", "延床面積削減率（％）", "<"],
        &["最終目標値", "10", "<"],
        &["年度", "令和5年度", "令和6年度"],
        &["目標", "3", "5"],
        &["実績", "2.5", ""],
        &["評価", "達成", ""],
        &["取組状況", "順調に進んだ", ""],
        &["達成度", "A", ""],
    ]);
    let f = facts(only(&rec));
    let ind = "延床面積削減率(%)";
    let mut want = vec![
        fact("", Some(2023), Kind::Target, "計画を策定する"),
        fact("", Some(2024), Kind::Target, "計画に沿って実施"),
        fact("", Some(2023), Kind::AchievementRate, "80%"),
        fact(ind, None, Kind::FinalTarget, "10%"),
        fact(ind, Some(2023), Kind::Target, "3%"),
        fact(ind, Some(2024), Kind::Target, "5%"),
        fact(ind, Some(2023), Kind::Actual, "2.5%"),
        fact(ind, Some(2023), Kind::Grade, "達成"),
        // A progress row closes the block: the grade under it is the initiative's.
        fact("", Some(2023), Kind::Status, "順調に進んだ"),
        fact("", Some(2023), Kind::Grade, "A"),
    ];
    want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(f, want);
}

/// A dated heading opening a progress cell (`【令和5年度の取組状況】`, wrapped by a narrow
/// column) labels the text after it, in the year column it names; a heading naming another
/// year than its column is kept as text.
#[test]
fn a_dated_heading_inside_a_progress_cell_labels_its_text() {
    let rec = recognized(&[
        &["(7) 窓口の統合", "<", "<"],
        &["年度", "令和5年度", "令和6年度"],
        &[
            "取組状況",
            "【令和5年度の取\n組状況】\n・窓口を統合した。",
            "【令和5年度の取組状況】\n・準備した。",
        ],
    ]);
    let f = facts(only(&rec));
    assert_eq!(
        f,
        [
            fact("", Some(2023), Kind::Status, "・窓口を統合した。"),
            fact(
                "",
                Some(2024),
                Kind::Status,
                "【令和5年度の取組状況】\n・準備した。"
            ),
        ]
    );
}

/// The id in the corner of a transposed card's label row (`(2) | 目標 | 実績`) numbers the card
/// and stands where 年度 would: the rows below are its years.
#[test]
fn corner_id_of_a_transposed_card() {
    let rec = recognized(&[
        &["窓口の待ち時間短縮", "<", "<"],
        &["指標", "電子申請件数（件）", "<"],
        &["(2)", "目標", "実績"],
        &["令和5年度", "15", "16"],
        &["令和6年度", "12", ""],
    ]);
    let ini = only(&rec);
    assert_eq!(
        (ini.id.as_str(), ini.title.as_str()),
        ("(2)", "窓口の待ち時間短縮")
    );
    let ind = "電子申請件数(件)";
    let mut want = vec![
        fact(ind, Some(2023), Kind::Target, "15件"),
        fact(ind, Some(2023), Kind::Actual, "16件"),
        fact(ind, Some(2024), Kind::Target, "12件"),
    ];
    want.sort_by(|a, b| format!("{a:?}").cmp(&format!("{b:?}")));
    assert_eq!(facts(ini), want);
}
