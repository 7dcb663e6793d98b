//! 厚木市 (seed 004): 第7次厚木市行政改革大綱 令和5年度の取組状況 (行政改革調査委員会 資料).
//!
//! Two sheets:
//! - `取組結果`: the wide landscape achievement table of 重点目標 Ⅲ (five 取組), three header
//!   rows repeated on every printed page (分類 | 計画名 | 担当課 | 取組内容 | 計画と取組状況 over
//!   令和3–5年度 × 計画/取組状況 | 成果指標 | 目標と実績 over 令和3–5年度 | 達成率 | 達成 |
//!   未達成の理由 | 今後の対応策); each 成果指標 takes a 目標 row and a 実績 row; the item
//!   cells span all its rows; 達成率/達成 per indicator or once for the item, as the seed has
//!   them. A manual page break before the fourth 取組 (the third in the Chromium print) makes
//!   the table continue on a second page under its repeated header rows. The extraction glued and shifted cells (a plan missing, a status in the plan's
//!   place); they are put back where the table means them, and a cell the seed does not
//!   print stays empty.
//! - `未達成項目`: the 令和5年度目標未達成項目 list, one table per 重点目標: 分類 (spanning its
//!   rows) | 指標名 | `目標` over `実績（達成率）` cells (`90%` / `84.4% (93.8%)`), with
//!   未達成の理由 / 今後の対応策 rows. As in the seed, 重点目標1's table breaks to a new page
//!   before (1)-ウ, its header row repeated as print title.

use super::Doc;
use super::expect::{Expect, Reading};
use super::grid::{Sheet, Style, t, v};

struct Indicator {
    name: &'static str,
    target: [&'static str; 3],
    actual: [&'static str; 3],
    /// 達成率, 達成, 未達成の理由, 今後の対応策 (when printed per indicator).
    result: Option<[&'static str; 4]>,
}

struct Item {
    id: &'static str,
    name: &'static str,
    dept: &'static str,
    content: &'static str,
    /// 令和3年度 計画, 取組状況, 令和4年度 計画, 取組状況, 令和5年度 計画, 取組状況.
    plans: [&'static str; 6],
    indicators: Vec<Indicator>,
    /// 達成率, 達成, 未達成の理由, 今後の対応策 printed once for the whole item.
    result: Option<[&'static str; 4]>,
}

fn items() -> Vec<Item> {
    vec![
        Item {
            id: "Ⅲ-(1)-ア",
            name: "市民協働によるまちづくりの推進",
            dept: "市民協働推進課",
            content: "①市民活動団体と市が共通する地域課題を解決するため、市民協働提案事業を実施するとともに、取組を周知することにより、市民協働の推進を図る。\n②あつぎ市民ふれあい都市宣言を普及・啓発することにより、人と人との「ふれあい」や「つながり」を共有する。",
            plans: [
                "①市民協働提案事業の実施・広報あつぎ等での取組の周知\n②各地区における啓発活動の実施",
                "①市民協働提案事業については、事業を広報あつぎやホームページで公開した。\n②あつぎ市民ふれあい都市宣言については、啓発物品としてウェットティッシュを作成し、各地区市民センターや本庁舎1階等の窓口に配架すると共に、市ホームページやデジタルサイネージ等に画像を掲載し、啓発を行った。",
                "①市民協働提案事業の実施・広報あつぎ等での取組の周知\n②各地区における啓発活動の実施",
                "①市民協働提案事業については、事業を広報あつぎやホームページで公開した。\n②あつぎ市民ふれあい都市宣言については、啓発物品としてウェットティッシュを作成し、各地区市民センターや本庁舎1階、シティプラザ等の窓口に配架した。",
                "①市民協働提案事業の実施・広報あつぎ等での取組の周知\n②各地区における啓発活動の実施",
                "",
            ],
            indicators: vec![
                Indicator {
                    name: "市民協働提案事業の実施件数",
                    target: ["6件", "6件", "6件"],
                    actual: ["5件", "5件", "3件"],
                    result: Some([
                        "50.0%",
                        "×",
                        "市民活動団体からの提案件数が減少したため。",
                        "市民協働提案事業の提案受付期間を約1箇月間から約2箇月間に延長する。(令和6年度事業(令和5年度募集)から実施済み。)",
                    ]),
                },
                Indicator {
                    name: "市民アンケート「自治会やボランティア等との協働により、よりよいまちづくりが進んでいると思う」と回答した市民の割合",
                    target: ["41.9%", "42.9%", "43.9%"],
                    actual: ["46.4%", "42.3%", "未定"],
                    result: Some(["未", "未", "", ""]),
                },
            ],
            result: None,
        },
        Item {
            id: "Ⅲ-(2)-ア",
            name: "地域コミュニティ団体等の活動支援",
            dept: "市民協働推進課",
            content: "①自治会や地域コミュニティ活動の充実及び活性化を図るために、必要な支援や人材育成を行う。\n②地域の特性をいかし、活力ある地域づくりを目指す15地区地域づくり推進委員会を支援する。\n③市民活動団体が行う公益的な活動に対し、補助金を交付することにより、市民活動団体の活動を支援する。\n④ボランティアセンターの運営管理、活動拠点の整備、市民活動補償制度等を実施することにより、市民活動団体の活動支援や担い手の育成等に取り組む。",
            plans: [
                "①自治会連絡協議会の活動支援\n②地域づくり推進事業補助金の交付・市内15地区の地域づくり推進委員会を地区市民自治推進組織として認定・補助金の見直し及び地域づくり推進事業補助金交付要綱の改正\n③市民活動推進補助金の交付\n④市民活動拠点の充実及び運営・市民活動の担い手の人材育成講座等の開催",
                "①自治会連絡協議会に対し、補助金を交付した。\n②15地区の地域づくり推進委員会に対し、補助金を交付した。\n③市民活動推進補助金の交付\n④市民活動拠点の充実及び運営・市民活動の担い手の人材育成講座等の開催",
                "①自治会連絡協議会の活動支援\n②地域づくり推進事業補助金の交付\n③市民活動推進補助金の交付\n④市民活動拠点の充実及び運営・市民活動の担い手の人材育成講座等の開催",
                "①自治会連絡協議会に対し、補助金を交付した。\n②15地区の地域づくり推進委員会に対し、補助金を交付した。\n③市民活動推進補助金の交付\n④市民活動拠点の充実及び運営・市民活動の担い手の人材育成講座等の開催",
                "①自治会連絡協議会の活動支援\n②地域づくり推進事業補助金の交付\n③市民活動推進補助金の交付\n④市民活動拠点の充実及び運営・市民活動の担い手の人材育成講座等の開催",
                "①自治会連絡協議会に対し、補助金を交付した。\n②15地区の地域づくり推進委員会に対し、補助金を交付した。\n③市民活動推進補助金の交付\n④市民活動拠点の充実及び運営・市民活動の担い手の人材育成講座等の開催",
            ],
            indicators: vec![Indicator {
                name: "市民アンケート「自治会やボランティア・NPO等の活動に参加している」と回答した市民の割合",
                target: ["35.3%", "36.3%", "37.3%"],
                actual: ["38.5%", "41.8%", "未定"],
                result: Some(["未", "未", "", ""]),
            }],
            result: None,
        },
        Item {
            id: "Ⅲ-(2)-イ",
            name: "民間活力の活用",
            dept: "行政経営課",
            content: "①委託化等導入に関するガイドラインに基づくアクションプランを策定し、アクションプランに基づいた取組を進める。\n②PPP/PFI手法導入の優先的検討に関する要綱に基づき、PPP/PFI手法を用いた公共施設の整備等、優先的検討を行う。",
            plans: [
                "①委託化等導入に関するガイドラインの見直し・アクションプランの検討、策定\n②PPP/PFI手法導入の優先的検討に関する要綱の対象となる案件について庁内組織での検討",
                "①ガイドライン及びアクションプランの見直しを行った。\n②PFI事業者と締結した特定事業契約に基づき、学校給食センター及びふれあいプラザの建設工事等を実施した。また文化会館改修事業について実施・決定する「特定事業の選定」を行った。",
                "①アクションプランに基づく取組\n②PPP/PFI手法導入の優先的検討に関する要綱の対象となる案件について庁内組織での検討",
                "①ガイドラインの見直し及び令和5年度から7年度までのアクションプランを策定した。\n②文化会館改修事業について、民間資金等の活用による公共施設等の整備等の促進に関する法律に基づき、PFI事業者との特定事業契約を締結した。また、PFI事業者に基づき、北部学校給食センターの供用開始及びふれあいプラザの建設工事等を行った。",
                "①アクションプランに基づく取組\n②PPP/PFI手法導入の優先的検討に関する要綱の対象となる案件について庁内組織での検討",
                "",
            ],
            indicators: vec![
                Indicator {
                    name: "アクションプラン策定・取組の進捗状況",
                    target: [
                        "アクションプラン策定",
                        "アクションプランに基づく取組",
                        "アクションプランに基づく取組",
                    ],
                    actual: [
                        "アクションプラン見直し",
                        "アクションプラン策定",
                        "アクションプランに基づく取組の実施",
                    ],
                    result: None,
                },
                Indicator {
                    name: "PF事業(仮称)厚木市学校給食センター整備運営事業の進捗状況",
                    target: ["建設工事", "建設工事", "供用開始"],
                    actual: ["建設工事", "建設工事", "供用開始"],
                    result: None,
                },
                Indicator {
                    name: "PF事業 厚木市ふれあいプラザ再整備事業の進捗状況",
                    target: ["設計解体工事", "建設工事", "供用開始"],
                    actual: ["設計解体工事", "建設工事", "供用開始"],
                    result: None,
                },
                Indicator {
                    name: "厚木市文化会館改修事業の進捗状況",
                    target: ["PFI事業実施方針公表", "事業者選定", "設計改修工事"],
                    actual: ["PFI事業実施方針公表", "事業者選定", "設計改修工事"],
                    result: None,
                },
            ],
            result: Some(["100.0%", "○", "", ""]),
        },
        Item {
            id: "Ⅲ-(3)-ア",
            name: "負担の公平性の確保",
            dept: "行政経営課\n施設使用料関係課",
            content: "①受益者負担見直しに関する基本方針に基づき、受益者負担の見直しを行う。\n②受益者負担の観点による施設使用料の減免制度の見直しを行う。",
            plans: [
                "①基本方針の見直し、方針に基づく使用料見直しの検討・見直し方針の作成\n②施設使用料減免の現状把握・減免規定見直しの検討",
                "①見直し方針を策定し、受益者負担の見直しを行った。\n②使用料の見直しとともに、減免規程の見直しを行った。",
                "",
                "①令和3年度に見直しを行った結果、コロナ禍の状況に鑑み、使用料改定を行わないこととしたため、改定に向けた手続きについては実施しなかった。\n②令和6年度の見直しに向け、検討を行った。",
                "①改定後の使用料\n②検討結果に基づく運用",
                "",
            ],
            indicators: vec![Indicator {
                name: "使用料見直し検討の進捗状況",
                target: ["見直し案作成", "使用料改定に向けた手続き", "改定後の使用料"],
                actual: ["見直し案作成", "見送り", "改定なし"],
                result: None,
            }],
            result: Some(["100.0%", "○", "", ""]),
        },
        Item {
            id: "Ⅲ-(3)-イ",
            name: "補助金等の見直し",
            dept: "行政経営課\n財政課",
            content: "①補助金、助成金について、必要性や効果の検証を行い、課題を整理したうえで必要な見直しを行う。\n②「補助金の交付に関する基準」、「補助金及び交付金に関する調書」の見直しを行う。",
            plans: [
                "①補助金、助成金の必要性・効果の検証、課題の整理・見直し方針案の検討\n②「補助金の交付に関する基準」、「補助金及び交付金に関する調書」の見直し後の基準、調書による予算編成",
                "①外郭団体への補助金の必要性、補助対象経費等の見直しを検討した。引き続き、検討を継続する。\n②補助金、助成金の見直し内容を整理した上で、基準や調書等の見直しを実施する。",
                "",
                "①外郭団体への補助金を見直した中で、人件費等において市に準じない経費について補助対象経費から除外した。また、外郭団体への補助金の必要性、補助対象経費等の見直しを検討した。\n②補助金、助成金の見直し内容を整理した上で、基準や調書等の見直しを実施する。",
                "①R6年度予算に反映",
                "②令和6年度予算編成において反映した。",
            ],
            indicators: vec![
                Indicator {
                    name: "補助金、助成金見直しの進捗状況",
                    target: [
                        "見直し方針案の検討",
                        "見直し方針の作成",
                        "令和6年度予算に反映",
                    ],
                    actual: ["検討", "一部実施", "-"],
                    result: None,
                },
                Indicator {
                    name: "補助金の交付に関する基準等見直しの進捗状況",
                    target: ["基準、調書の見直し", "", ""],
                    actual: ["検討", "", ""],
                    result: None,
                },
            ],
            result: Some(["100.0%", "○", "", ""]),
        },
    ]
}

fn achievement_sheet(count: usize, break_before: usize) -> Sheet {
    use Style::*;
    let widths = [
        7.0, 9.0, 9.0, 22.0, 16.0, 18.0, 16.0, 18.0, 16.0, 18.0, 16.0, 4.5, 10.0, 10.0, 10.0, 7.0,
        5.0, 16.0, 16.0,
    ];
    let mut sh = Sheet::new("取組結果", &widths, true, 9.0);
    sh.span(
        0,
        0,
        1,
        19,
        t("Ⅲ 市民協働により公共サービスを向上させる"),
        Title,
    );
    let h = 1;
    for (col, label) in [
        (0u16, "分類"),
        (1, "計画名"),
        (2, "担当課"),
        (3, "取組内容"),
    ] {
        sh.span(h, col, 3, 1, t(label), Label);
    }
    sh.span(h, 4, 1, 6, t("計画と取組状況"), Label);
    sh.span(h, 10, 3, 1, t("成果指標"), Label);
    sh.span(h, 11, 1, 4, t("目標と実績"), Label);
    for (col, label) in [
        (15u16, "達成率"),
        (16, "達成"),
        (17, "未達成の理由"),
        (18, "今後の対応策"),
    ] {
        sh.span(h, col, 3, 1, t(label), Label);
    }
    for (i, y) in ["令和3年度", "令和4年度", "令和5年度"].iter().enumerate() {
        let i = i as u16;
        sh.span(h + 1, 4 + 2 * i, 1, 2, t(y), Head);
        sh.put(h + 2, 4 + 2 * i, t("計画"), Head);
        sh.put(h + 2, 5 + 2 * i, t("取組状況"), Head);
        sh.span(h + 1, 12 + i, 2, 1, t(y), Head);
    }
    sh.span(h + 1, 11, 2, 1, t(""), Head);
    sh.repeat_rows = Some((0, 3));
    // The seed's 資料1 is headed by its section title, as the other families' sheets are.
    sh.header = Some("資料1　第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）".to_string());
    let mut row = 4;
    for (k, it) in items().into_iter().take(count).enumerate() {
        if k == break_before {
            sh.breaks.push(row);
        }
        let n = 2 * it.indicators.len() as u32;
        sh.span(row, 0, n, 1, t(it.id), Center);
        sh.span(row, 1, n, 1, t(it.name), Text);
        sh.span(row, 2, n, 1, t(it.dept), Center);
        sh.span(row, 3, n, 1, t(it.content), Text);
        for (i, p) in it.plans.iter().enumerate() {
            sh.span(row, 4 + i as u16, n, 1, t(p), Text);
        }
        for (k, ind) in it.indicators.iter().enumerate() {
            let r = row + 2 * k as u32;
            sh.span(r, 10, 2, 1, t(ind.name), Text);
            sh.put(r, 11, t("目標"), Label);
            sh.put(r + 1, 11, t("実績"), Label);
            for y in 0..3 {
                sh.put(r, 12 + y as u16, v(ind.target[y]), Center);
                sh.put(r + 1, 12 + y as u16, v(ind.actual[y]), Center);
            }
            if let Some(res) = ind.result {
                write_result(&mut sh, r, 2, res);
            }
        }
        if let Some(res) = it.result {
            write_result(&mut sh, row, n, res);
        }
        row += n;
    }
    sh
}

fn write_result(sh: &mut Sheet, row: u32, rows: u32, res: [&str; 4]) {
    sh.span(row, 15, rows, 1, v(res[0]), Style::Center);
    sh.span(row, 16, rows, 1, t(res[1]), Style::Center);
    sh.span(row, 17, rows, 1, t(res[2]), Style::Text);
    sh.span(row, 18, rows, 1, t(res[3]), Style::Text);
}

/// A row of the 未達成項目 list.
enum Entry {
    /// 指標名 and the `目標` / `実績（達成率）` cell.
    Indicator(&'static str, &'static str),
    /// 未達成の理由 or 今後の対応策 and its text.
    Note(&'static str, &'static str),
}

use Entry::{Indicator as I, Note as N};

const TAISAKU: &str = "今後の対応策";
const RIYU: &str = "未達成の理由";

/// A 分類 and its rows.
type Group = (&'static str, Vec<Entry>);

/// A 重点目標 heading and its groups.
type Section = (&'static str, Vec<Group>);

fn list_sections() -> Vec<Section> {
    vec![
        (
            "(1) 重点目標1 強くしなやかな組織をつくる",
            vec![
                (
                    "(1)-ア 職員の人材育成",
                    vec![
                        I(
                            "職員アンケート 「職務遂行能力が向上していると感じている」と回答した割合",
                            "90%\n84.4% (93.8%)",
                        ),
                        N(
                            TAISAKU,
                            "回答の理由欄を分析し、効果的な人材育成のための参考とする。",
                        ),
                        I("研修講師養成講座への派遣職員数", "3人\n1人 (33.3%)"),
                        N(
                            RIYU,
                            "市町村アカデミー主催の研修講師養成講座（地方自治制度）が廃止になるとともに、接遇講師養成講座への派遣対象者がいなかったため。",
                        ),
                        N(
                            TAISAKU,
                            "引き続き同様の研修講座を探すとともに、職員講師を依頼する課等に対して汎用性の高い研修講師養成講座の受講を働きかける。",
                        ),
                    ],
                ),
                (
                    "(1)-イ 職員のモラールとモチベーションの向上",
                    vec![
                        I(
                            "職員アンケート 「やりがいを感じている」と回答した割合",
                            "90%\n82.5% (91.7%)",
                        ),
                        N(
                            TAISAKU,
                            "回答の理由欄を分析し、職員のやりがいを向上させるための参考とする。",
                        ),
                        I(
                            "人事評価制度に関するアンケート 「評価結果を部下（被評価者）の育成に活用している」と回答した割合",
                            "100%\n98.0% (98.0%)",
                        ),
                        N(
                            RIYU,
                            "評価者を対象とした研修において、評価の結果を人材育成に活用するよう周知しているが、理解が十分に深まっていない。",
                        ),
                        N(
                            TAISAKU,
                            "アンケート結果の活用していない理由を踏まえ、継続して評価者へ研修を実施し周知及び共通理解を図る。",
                        ),
                    ],
                ),
                (
                    "(1)-ウ 技術職員の更なる専門性向上",
                    vec![
                        I(
                            "職員アンケート 「研修が充実している」と回答した割合",
                            "90%\n69.8% (77.6%)",
                        ),
                        N(
                            TAISAKU,
                            "回答の理由欄を分析し、効果的な研修を実施するための参考とする。",
                        ),
                        I("資格取得に対する助成の件数", "4件\n0件 (0%)"),
                        N(RIYU, "資格取得の希望がなかったため。"),
                        N(TAISAKU, "職員に対して、積極的に周知を図る。"),
                    ],
                ),
                (
                    "(2)-ア 持続可能な組織体制・執行体制の構築",
                    vec![
                        I(
                            "職員アンケート 「やりがいを感じている」と回答した割合",
                            "90%\n82.5% (91.7%)",
                        ),
                        N(
                            TAISAKU,
                            "回答の理由欄を分析し、職員のやりがいを向上させるための参考とする。",
                        ),
                        I(
                            "職員アンケート 「柔軟な人材活用が図られている」と回答した割合",
                            "70%\n46.2% (66.6%)",
                        ),
                        N(
                            TAISAKU,
                            "回答の理由欄を分析し、柔軟な人材活用を図るための参考とする。",
                        ),
                    ],
                ),
                (
                    "(2)-イ 技術職員の確保",
                    vec![
                        I(
                            "技術職員を必要とする職場への技術職員の人事配置率",
                            "100%\n77.7% (77.7%)",
                        ),
                        N(
                            RIYU,
                            "計画的な採用及び適正配置に努めているが、実数と要望に基づく人員と乖離がある。その中で、組織全体における技術職員の適正配置を検討したが、全ての要望どおりに配置することはできなかった。",
                        ),
                        N(
                            TAISAKU,
                            "継続して計画的な採用に努めるとともに、配置要望調査を実施し、技術の継承に向けた適正配置に努める。",
                        ),
                    ],
                ),
                (
                    "(3)-ア 生産性の向上",
                    vec![
                        I(
                            "職員アンケート 「ワーク・ライフ・バランスが向上していると感じている」と回答する職員の割合",
                            "80%\n64.3% (80.4%)",
                        ),
                        N(
                            TAISAKU,
                            "回答の理由欄を分析し、ワーク・ライフ・バランス向上のための参考とする。",
                        ),
                    ],
                ),
            ],
        ),
        (
            "(2) 重点目標2 強い財政基盤を確立する",
            vec![
                (
                    "(1)-ア 歳出の抑制",
                    vec![
                        I(
                            "見直し実施対象課における時間外勤務時間の削減率",
                            "前年度比 5%減\n時間外の削減はなし",
                        ),
                        N(RIYU, "他市とのベンチマーキングが実施できなかったため。"),
                        N(
                            TAISAKU,
                            "他市とのベンチマーキングに限らずBPRに取り組むため、第2期実施計画において業務量調査の実施を位置付けるとともに、業務のデジタル化等を推進する中で業務執行の見直しを図っていく。また、職員の経営意識の醸成を図り、継続して歳出の抑制に取り組んでいく。",
                        ),
                    ],
                ),
                (
                    "(2)-ア 財源の確保",
                    vec![
                        I(
                            "都市構造再編集中支援事業費要望額に対する内示率",
                            "100%\n95.0% (95.0%)",
                        ),
                        N(
                            RIYU,
                            "全国的に国に対する補助金要望額が高まっているため、100%の内示率は難しいと言われている。一方、県内他市と比較すると高い内示率を維持している。",
                        ),
                        N(
                            TAISAKU,
                            "計画に基づいて補助金申請を行うとともに、要望活動を通じ、国に事業の必要性をPRしていく。また、国の補正予算による追加配分等の情報収集を積極的に行う。",
                        ),
                    ],
                ),
                (
                    "(2)-イ 持続的な財政基盤の構築",
                    vec![
                        I("設備投資額", "260,000千円\n243,439千円 (93.6%)"),
                        N(
                            RIYU,
                            "設備投資促進事業補助金の申請数は昨年度の2倍であり、補助金交付額も予算上限に達する見込みである。コロナ禍の停滞から回復していることがうかがえるが、資材価格の高騰などの影響を受けて申請企業の設備投資総額は目標値に至らなかった。",
                        ),
                        N(
                            TAISAKU,
                            "設備投資の件数はコロナ禍前の水準に戻ってきているので、制度についての周知を引き続き徹底していく。",
                        ),
                    ],
                ),
                (
                    "(2)-ウ 債権の確実な収納",
                    vec![
                        I(
                            "市税、国民健康保険料、後期高齢者医療保険料、介護保険料、保育料、市営住宅使用料、学校給食費の現年分収納率",
                            "100%\n94.2% (94.2%)",
                        ),
                        N(RIYU, "100%には至らないが、高い収納率を維持している。"),
                        N(
                            TAISAKU,
                            "引き続き、生活状況の聴取や早期の財産調査を行うことで、納付資力を判断し、財源確保につなげていく。",
                        ),
                    ],
                ),
                (
                    "(3)-イ 市有財産の有効活用",
                    vec![
                        I(
                            "入札による貸付けと決定した案件（施設）に対する切り替えた案件（施設）の割合",
                            "50%\n0% (0%)",
                        ),
                        N(
                            RIYU,
                            "各施設により自動販売機の設置に関する状況等が異なることから、現行の行政財産目的外使用許可で設置している自動販売機を切り替える形での貸付け予定箇所は指定せず、市役所本庁舎において新たに入札による貸付けを1件実施した。また、原則入札による貸付けとする要綱を施行し、各課等へ周知した。",
                        ),
                        N(
                            TAISAKU,
                            "要綱に基づき、各施設の状況に合わせ、各施設所管課において行政財産目的外使用許可から入札による貸付けへの切替えを検討、対応する。",
                        ),
                    ],
                ),
            ],
        ),
        (
            "(3) 重点目標3 市民協働により公共サービスを向上させる",
            vec![(
                "(1)-ア 市民協働によるまちづくりの推進",
                vec![
                    I("市民協働提案事業の実施件数", "6件\n3件 (50.0%)"),
                    N(RIYU, "市民活動団体からの提案件数が減少したため。"),
                    N(
                        TAISAKU,
                        "市民協働提案事業の提案受付期間を約1箇月間から約2箇月間に延長する。（令和6年度事業（令和5年度募集）から実施済み。）",
                    ),
                ],
            )],
        ),
    ]
}

/// The sections the list sheet prints: 重点目標1 and 3 only: 重点目標2's reasons add enough
/// distinct kanji to the embedded font subset to push the PDF over its size budget.
fn printed_sections() -> Vec<Section> {
    list_sections()
        .into_iter()
        .enumerate()
        .filter(|(i, _)| *i != 1)
        .map(|(_, s)| s)
        .collect()
}

/// The seed's list starts a new page (repeating its header) before this 分類.
const PAGE_BEFORE: &str = "(1)-ウ 技術職員の更なる専門性向上";

fn list_sheet() -> Sheet {
    use Style::*;
    let widths = [16.0, 11.0, 44.0, 18.0];
    let mut sh = Sheet::new("未達成項目", &widths, false, 9.0);
    sh.span(
        0,
        0,
        1,
        4,
        t("3 令和5年度目標未達成項目（令和6年3月現在）"),
        Title,
    );
    let mut row = 1;
    for (k, (heading, groups)) in printed_sections().into_iter().enumerate() {
        if k > 0 {
            row += 1;
        }
        sh.span(row, 0, 1, 4, t(heading), Loose);
        row += 1;
        sh.put(row, 0, t("分類"), Label);
        sh.span(row, 1, 1, 2, t("指標名"), Label);
        sh.put(row, 3, t("目標\n実績（達成率）"), Label);
        if k == 0 {
            sh.repeat_rows = Some((row, row));
        }
        row += 1;
        for (class, entries) in groups {
            if k == 0 && class == PAGE_BEFORE {
                sh.breaks.push(row);
            }
            sh.span(row, 0, entries.len() as u32, 1, t(class), Text);
            for e in entries {
                match e {
                    Entry::Indicator(name, value) => {
                        sh.span(row, 1, 1, 2, t(name), Text);
                        sh.put(row, 3, t(value), Center);
                    }
                    Entry::Note(label, text) => {
                        sh.put(row, 1, t(label), Center);
                        sh.put(row, 2, t(text), Text);
                        sh.put(row, 3, t(""), Center);
                    }
                }
                row += 1;
            }
        }
    }
    sh
}

/// 取組 in the Chromium print (its font subset is about three times LibreOffice's).
const CHROMIUM_ITEMS: usize = 3;

/// The 厚木市 fixture document: both sheets in the xlsx and its LibreOffice export, the
/// achievement table's first three 取組 in the Chromium print.
pub fn doc() -> Doc {
    Doc {
        dir: "atsugi",
        stem: "atsugi_torikumi_kekka",
        title: "第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）",
        author: "厚木市",
        sheets: vec![achievement_sheet(usize::MAX, 3), list_sheet()],
        seed: "004_254d333cb187ca33.txt",
        own: vec![],
        chromium: Some(vec![achievement_sheet(CHROMIUM_ITEMS, 2)]),
        expected: [achievement_expected(usize::MAX), list_expected()].concat(),
        chromium_expected: achievement_expected(CHROMIUM_ITEMS),
    }
}

// ---------------------------------------------------------------------------------------------
// What the fixture prints, stated by hand (see expect.rs).
//
// Fiscal years: the achievement table's year columns are 令和3年度 … 令和5年度 (2021 … 2023).
// Its 達成率 and 達成 columns have no year header; they grade the report year, 令和5年度
// (the sheet header and the seed's title say 令和5年度の取組状況, the committee met on
// 令和6年3月14日, which lies in FY2023; and the one 達成率 that is not 100% is 50.0% = R5's
// 3件 of 6件). The 未達成項目 list is titled `3 令和5年度目標未達成項目（令和6年3月現在）`:
// its `目標` / `実績（達成率）` cells are 令和5年度's, FY2023.
// ---------------------------------------------------------------------------------------------

/// The achievement table's year columns, 令和3年度 … 令和5年度.
const YEARS: [i32; 3] = [2021, 2022, 2023];

/// 令和5年度: the report year (see above).
const REPORT_YEAR: i32 = 2023;

/// The id as the output contract normalizes it: the roman numeral of the 重点目標 folded to
/// ASCII (NORMALIZATION.md §7 step 6: `Ⅰ…Ⅻ` → ASCII); the rest (`-(1)-ア`) is printed in
/// ASCII and katakana already. The list's ids (`(1)-ア`) are printed in 分類 as they are.
fn normalized_id(printed: &str) -> String {
    printed
        .replace('Ⅰ', "I")
        .replace('Ⅱ', "II")
        .replace('Ⅲ', "III")
}

/// Indicator names, normalized text. Only the names with a space between two Japanese
/// characters (a full-width bracket counts as one) or full-width brackets change: the space
/// goes (NORMALIZATION.md §7 step 5), `（）` become `()` (step 6). Every other printed name is
/// already normalized (checked by the test below).
fn indicator_name(printed: &str) -> String {
    match printed {
        "PF事業 厚木市ふれあいプラザ再整備事業の進捗状況" => {
            "PF事業厚木市ふれあいプラザ再整備事業の進捗状況"
        }
        "職員アンケート 「職務遂行能力が向上していると感じている」と回答した割合" => {
            "職員アンケート「職務遂行能力が向上していると感じている」と回答した割合"
        }
        "職員アンケート 「やりがいを感じている」と回答した割合" => {
            "職員アンケート「やりがいを感じている」と回答した割合"
        }
        "人事評価制度に関するアンケート 「評価結果を部下（被評価者）の育成に活用している」と回答した割合" => {
            "人事評価制度に関するアンケート「評価結果を部下(被評価者)の育成に活用している」と回答した割合"
        }
        "職員アンケート 「研修が充実している」と回答した割合" => {
            "職員アンケート「研修が充実している」と回答した割合"
        }
        "職員アンケート 「柔軟な人材活用が図られている」と回答した割合" => {
            "職員アンケート「柔軟な人材活用が図られている」と回答した割合"
        }
        "職員アンケート 「ワーク・ライフ・バランスが向上していると感じている」と回答する職員の割合" => {
            "職員アンケート「ワーク・ライフ・バランスが向上していると感じている」と回答する職員の割合"
        }
        other => other,
    }
    .to_owned()
}

/// A 目標/実績/達成率/達成 cell of the achievement table read by hand: `Some(None)` for a
/// placeholder that states no value, `None` for a cell not read here (the test below checks
/// there is none).
fn cell_reading(raw: &str) -> Option<Option<Reading>> {
    let n = Reading::number;
    let r = match raw {
        // Empty, `-` (Ⅲ-(3)-イ R5 実績), 未定 (survey not yet done) and 未 in 達成率 and 達成
        // (not yet graded, because the R5 実績 is 未定): placeholders and pending marks, no
        // value (DESIGN.md; issue #13: `未`, `未定`, `集計中` are no value).
        "" | "-" | "未定" | "未" => return Some(None),
        "6件" => n("6", "件"),
        "5件" => n("5", "件"),
        "3件" => n("3", "件"),
        "41.9%" => n("41.9", "%"),
        "42.9%" => n("42.9", "%"),
        "43.9%" => n("43.9", "%"),
        "46.4%" => n("46.4", "%"),
        "42.3%" => n("42.3", "%"),
        "35.3%" => n("35.3", "%"),
        "36.3%" => n("36.3", "%"),
        "37.3%" => n("37.3", "%"),
        "38.5%" => n("38.5", "%"),
        "41.8%" => n("41.8", "%"),
        // 達成率: trailing fractional zeros dropped.
        "50.0%" => n("50", "%"),
        "100.0%" => n("100", "%"),
        // 達成: status marks, kept as printed.
        "○" => Reading::text("○"),
        "×" => Reading::text("×"),
        // Qualitative targets and actuals: the printed text, nothing in it to fold.
        "アクションプラン策定" => Reading::text("アクションプラン策定"),
        "アクションプランに基づく取組" => {
            Reading::text("アクションプランに基づく取組")
        }
        "アクションプラン見直し" => Reading::text("アクションプラン見直し"),
        "アクションプランに基づく取組の実施" => {
            Reading::text("アクションプランに基づく取組の実施")
        }
        "建設工事" => Reading::text("建設工事"),
        "供用開始" => Reading::text("供用開始"),
        "設計解体工事" => Reading::text("設計解体工事"),
        "PFI事業実施方針公表" => Reading::text("PFI事業実施方針公表"),
        "事業者選定" => Reading::text("事業者選定"),
        "設計改修工事" => Reading::text("設計改修工事"),
        "見直し案作成" => Reading::text("見直し案作成"),
        "使用料改定に向けた手続き" => Reading::text("使用料改定に向けた手続き"),
        "改定後の使用料" => Reading::text("改定後の使用料"),
        "見送り" => Reading::text("見送り"),
        // An actual outcome (no revision was made), not a placeholder like 該当なし.
        "改定なし" => Reading::text("改定なし"),
        "見直し方針案の検討" => Reading::text("見直し方針案の検討"),
        "見直し方針の作成" => Reading::text("見直し方針の作成"),
        // A text target naming a budget year; not a date and not a value.
        "令和6年度予算に反映" => Reading::text("令和6年度予算に反映"),
        "検討" => Reading::text("検討"),
        "一部実施" => Reading::text("一部実施"),
        "基準、調書の見直し" => Reading::text("基準、調書の見直し"),
        _ => return None,
    };
    Some(Some(r))
}

/// A 計画 or 取組状況 text: its normalized text is the printed one. Read by hand: these cells
/// hold no full-width ASCII, no ideographic or ASCII spaces, no half-width kana, and each line
/// break comes before a `①…` bullet, which keeps it (NORMALIZATION.md §7 step 3; checked by
/// the test below). Empty cells state nothing.
fn prose(raw: &str) -> Option<Reading> {
    (!raw.is_empty()).then(|| Reading::text(raw))
}

/// A reading, or a text that cannot match any observation when the raw was not read by hand
/// (the test below makes sure there is none).
fn read_cell(raw: &str) -> Option<Reading> {
    cell_reading(raw).unwrap_or_else(|| Some(Reading::text(&format!("NOT READ BY HAND: {raw}"))))
}

fn push(
    out: &mut Vec<Expect>,
    id: &str,
    indicator: Option<&str>,
    kind: &'static str,
    fiscal_year: i32,
    raw: &str,
    reading: Option<Reading>,
) {
    if let Some(reading) = reading {
        out.push(Expect {
            id: normalized_id(id),
            indicator: indicator.map(indicator_name),
            kind,
            fiscal_year: Some(fiscal_year),
            raw: raw.to_owned(),
            reading,
        });
    }
}

/// 達成率 and 達成 of one result block (per indicator, or for the whole item with no
/// indicator); the reason and action texts are not observations.
fn push_result(out: &mut Vec<Expect>, id: &str, indicator: Option<&str>, res: [&str; 4]) {
    let [rate, grade, _, _] = res;
    push(
        out,
        id,
        indicator,
        "achievement_rate",
        REPORT_YEAR,
        rate,
        read_cell(rate),
    );
    push(
        out,
        id,
        indicator,
        "grade",
        REPORT_YEAR,
        grade,
        read_cell(grade),
    );
}

/// Every value the achievement table of the first `count` items prints.
fn achievement_expected(count: usize) -> Vec<Expect> {
    let mut out = Vec::new();
    for it in items().into_iter().take(count) {
        // The 計画/取組状況 cells span all the item's rows and describe the item's work, left
        // of the 成果指標 column: they belong to no indicator (expect.rs: plan rows and status
        // have none), also where the item has a single indicator.
        for (i, text) in it.plans.iter().enumerate() {
            let kind = if i % 2 == 0 { "plan" } else { "status" };
            push(&mut out, it.id, None, kind, YEARS[i / 2], text, prose(text));
        }
        for ind in &it.indicators {
            for (y, year) in YEARS.iter().enumerate() {
                let (target, actual) = (ind.target[y], ind.actual[y]);
                let name = Some(ind.name);
                push(
                    &mut out,
                    it.id,
                    name,
                    "target",
                    *year,
                    target,
                    read_cell(target),
                );
                push(
                    &mut out,
                    it.id,
                    name,
                    "actual",
                    *year,
                    actual,
                    read_cell(actual),
                );
            }
            if let Some(res) = ind.result {
                push_result(&mut out, it.id, Some(ind.name), res);
            }
        }
        // A 達成率/達成 printed once across all the item's rows grades the item as a whole
        // (no indicator) when it has several indicators; with one indicator those rows are that
        // indicator's (the sheet cannot tell the two apart, and the rate is that indicator's).
        if let Some(res) = it.result {
            let only = match it.indicators.as_slice() {
                [one] => Some(one.name),
                _ => None,
            };
            push_result(&mut out, it.id, only, res);
        }
    }
    out
}

/// A `目標` / `実績（達成率）` cell of the list read by hand: target, actual, achievement rate.
fn list_reading(raw: &str) -> Option<[Reading; 3]> {
    let n = Reading::number;
    let pct = |t, a, r| [n(t, "%"), n(a, "%"), n(r, "%")];
    Some(match raw {
        "90%\n84.4% (93.8%)" => pct("90", "84.4", "93.8"),
        "3人\n1人 (33.3%)" => [n("3", "人"), n("1", "人"), n("33.3", "%")],
        "90%\n82.5% (91.7%)" => pct("90", "82.5", "91.7"),
        "100%\n98.0% (98.0%)" => pct("100", "98", "98"),
        "90%\n69.8% (77.6%)" => pct("90", "69.8", "77.6"),
        // 0件 and 0% are values, not placeholders.
        "4件\n0件 (0%)" => [n("4", "件"), n("0", "件"), n("0", "%")],
        "70%\n46.2% (66.6%)" => pct("70", "46.2", "66.6"),
        "100%\n77.7% (77.7%)" => pct("100", "77.7", "77.7"),
        "80%\n64.3% (80.4%)" => pct("80", "64.3", "80.4"),
        "6件\n3件 (50.0%)" => [n("6", "件"), n("3", "件"), n("50", "%")],
        _ => return None,
    })
}

/// Every value the 未達成項目 list prints: each `目標` / `実績（達成率）` cell is three
/// observations of 令和5年度 (see above) with the whole cell as raw.
fn list_expected() -> Vec<Expect> {
    // The list restates some rows of the main table (`(1)-ア` is the main table's `Ⅲ-(1)-ア`):
    // one fact is one observation, the main table's, so those rows add nothing here.
    let main = items();
    let restates = |id: &str, name: &str| {
        main.iter()
            .any(|it| it.id.ends_with(id) && it.indicators.iter().any(|ind| ind.name == name))
    };
    let mut out = Vec::new();
    for (_, groups) in printed_sections() {
        for (class, entries) in groups {
            // 分類 prints `(1)-ア 職員の人材育成`: the id is the part before the space.
            let id = class.split(' ').next().unwrap_or(class);
            for e in entries {
                let Entry::Indicator(name, raw) = e else {
                    continue;
                };
                if restates(id, name) {
                    continue;
                }
                let readings = list_reading(raw).unwrap_or_else(|| {
                    let r = Reading::text(&format!("NOT READ BY HAND: {raw}"));
                    [r.clone(), r.clone(), r]
                });
                for (kind, reading) in ["target", "actual", "achievement_rate"]
                    .into_iter()
                    .zip(readings)
                {
                    push(
                        &mut out,
                        id,
                        Some(name),
                        kind,
                        REPORT_YEAR,
                        raw,
                        Some(reading),
                    );
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// Characters the text policy would change, or that make a line break go.
    fn foldable(c: char) -> bool {
        matches!(c as u32, 0xFF01..=0xFF5E | 0x3000 | 0xFF61..=0xFF9F | 0x2160..=0x217F)
            || c == ' '
            || c == '\t'
    }

    #[test]
    fn every_printed_cell_is_read_by_hand() {
        for it in items() {
            for ind in &it.indicators {
                for raw in ind.target.iter().chain(&ind.actual) {
                    assert!(cell_reading(raw).is_some(), "{raw}");
                }
                for res in ind.result.iter().chain(&it.result) {
                    assert!(cell_reading(res[0]).is_some(), "{}", res[0]);
                    assert!(cell_reading(res[1]).is_some(), "{}", res[1]);
                }
            }
        }
        for (_, groups) in printed_sections() {
            for (_, entries) in groups {
                for e in entries {
                    if let Entry::Indicator(_, raw) = e {
                        assert!(list_reading(raw).is_some(), "{raw}");
                    }
                }
            }
        }
    }

    #[test]
    fn plan_and_status_texts_need_no_folding() {
        for it in items() {
            for p in it.plans {
                assert!(!p.chars().any(foldable), "{p}");
                for line in p.split('\n').skip(1) {
                    assert!(line.starts_with(|c| ('①'..='⑳').contains(&c)), "{p}");
                }
            }
        }
    }

    #[test]
    fn indicator_names_left_as_printed_need_no_folding() {
        let names = items()
            .into_iter()
            .flat_map(|it| it.indicators.into_iter().map(|i| i.name))
            .chain(printed_sections().into_iter().flat_map(|(_, groups)| {
                groups.into_iter().flat_map(|(_, entries)| {
                    entries.into_iter().filter_map(|e| match e {
                        Entry::Indicator(name, _) => Some(name),
                        Entry::Note(..) => None,
                    })
                })
            }));
        for name in names {
            let normalized = indicator_name(name);
            assert!(!normalized.chars().any(foldable), "{normalized}");
        }
    }

    #[test]
    fn the_chromium_print_states_the_first_three_items() {
        let ids: std::collections::BTreeSet<String> = achievement_expected(CHROMIUM_ITEMS)
            .into_iter()
            .map(|e| e.id)
            .collect();
        assert_eq!(
            ids.into_iter().collect::<Vec<_>>(),
            ["III-(1)-ア", "III-(2)-ア", "III-(2)-イ"]
        );
    }
}
