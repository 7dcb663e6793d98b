//! あま市 (seed 000): 第３次あま市行政改革大綱 個別取組項目 (令和５（2023）年度の進捗).
//!
//! One sheet per 基本方針 (基本方針1: items （1）–（4）; 基本方針２: item （5）), A4
//! landscape. Two header rows are the print titles, repeated on every page: 基本方針N |
//! 担当課（とりまとめ） | 区分 | 計画期間, then 個別取組項目 | 令和５（2023）年度 … 令和９（2027）年度.
//! Each item starts a new page (manual break), so a sheet's grid runs over several pages
//! under its repeated header. An item: （N） spanning the item | title, 取組内容 (label and
//! text), 関係課 (label and value) | 担当課 spanning the item | the 区分 rows 計画 (five
//! years), then per target 目標項目 (name across the years) / 目標数値 (five values) / 取組結果
//! (令和５ only), then 取組状況 and 達成度 (A/B/C) in the 令和５ column; the 達成度 legend is
//! loose text under the grid. Full-width digits (`年間６回`, `５件`, `対前年度比＋10％`) and
//! half-width katakana (`【各SNSﾌｫﾛﾜｰ数】`, `ｺﾐｭﾆﾃｨ`) are kept as the seed has them, as
//! strings; half-width counts (`35件`) are numbers formatted `0"件"`.

use super::Doc;
use super::expect::{Expect, Reading};
use super::grid::{Sheet, Style, t, v};

struct Target {
    name: &'static str,
    values: [&'static str; 5],
    result: &'static str,
}

struct Item {
    no: &'static str,
    title: &'static str,
    dept: &'static str,
    related: &'static str,
    content: &'static str,
    plan: [&'static str; 5],
    targets: Vec<Target>,
    status: &'static str,
    grade: &'static str,
}

/// The year columns (E–I) as printed, with the fiscal year each one is (令和５ = 2023).
const YEARS: [(&str, i32); 5] = [
    ("令和５（2023）年度", 2023),
    ("令和６（2024）年度", 2024),
    ("令和７（2025）年度", 2025),
    ("令和８（2026）年度", 2026),
    ("令和９（2027）年度", 2027),
];

const MAINEN: [&str; 5] = ["毎年度実施"; 5];
const LEGEND: &str = "達成度：　A.順調に進んだ　　B.概ね順調に進んだ　　C.あまり順調に進まなかった";

fn policy1() -> Vec<Item> {
    vec![
        Item {
            no: "（1）",
            title: "市民活動の情報提供",
            dept: "企画政策課",
            related: "関係各課",
            content: "　市民活動団体についての情報を収集・発信し、協働の推進を図る。\n　紙媒体である市民活動センターニュースレターの定期発行、電子媒体であるSNSによる情報発信、対面による情報交換機会の提供を実施することで市民協働、市民活動の推進を図る。",
            plan: MAINEN,
            targets: vec![
                Target {
                    name: "SNSフォロワー数",
                    values: ["対前年度比＋10％"; 5],
                    result: "対前年度比＋47％",
                },
                Target {
                    name: "ニュースレター発行回数",
                    values: ["年間６回"; 5],
                    result: "年間６回",
                },
                Target {
                    name: "交流会の参加人数",
                    values: ["対前年度比＋５％"; 5],
                    result: "対前年度比＋34％",
                },
            ],
            status: "ニュースレターの定期発行に加え、SNSによる発信に努めた。\n【各SNSﾌｫﾛﾜｰ数】\nLine　165(+37)\nfacebook　681(+49)\nInstagram　538(+266)\n【交流会参加者数】\nｺﾐｭﾆﾃｨ　45(+1)\n登録団体　34(+8)\nその他　24(+24)",
            grade: "A",
        },
        Item {
            no: "（2）",
            title: "企業・大学との連携事業の推進",
            dept: "企画政策課",
            related: "関係各課",
            content: "　包括連携協定をはじめ、現在締結している協定に基づく取組状況を検証し、成果の拡大を図る。\n　市民サービスの向上をはじめとする行政課題への対応のため、新たな連携協定締結等により企業や大学等との連携の取組みを拡充する。",
            plan: MAINEN,
            targets: vec![Target {
                name: "連携協定に基づく取組件数",
                values: ["５件", "35件", "37件", "39件", "41件"],
                result: "32件",
            }],
            status: "7課32件の取組が実施されていることが把握できた。\n（講演会の講師、イベント事業への出展、スポーツ観戦事業、行政サービス案内、アンケート実施等）",
            grade: "A",
        },
        Item {
            no: "（3）",
            title: "市民の声やニーズの的確な把握",
            dept: "人事秘書課",
            related: "関係各課",
            content: "　多様化する市民ニーズに応えていくため、市民の声を広く積極的に聴いていく。\n　具体的には、誰もが投函できる「まちづくり提案箱」により広く意見を募り、「市長と語ろうあまの未来」及び「ふれあいミーティング」にて市民の意見を市長が直接聴くことができる機会を作る。",
            plan: MAINEN,
            targets: vec![
                Target {
                    name: "「市長と語ろうあまの未来」の実施",
                    values: ["年間２回"; 5],
                    result: "年間２回",
                },
                Target {
                    name: "「ふれあいミーティング」の実施",
                    values: ["年間５回"; 5],
                    result: "年間６回",
                },
            ],
            status: "「市長と語ろうあまの未来」では、市長が4小学校・2中学校を訪問し、児童・生徒の市政に対する質問に答えるとともに、市の現在・未来について意見交換を行った。「ふれあいミーティング」には、２日間で計８６名が参加、市政や地域の課題への取組みに関して、市民と様々な意見を交わすことができた。",
            grade: "A",
        },
        Item {
            no: "（4）",
            title: "ＩＣＴを活用した自治会運営の促進",
            dept: "総務課",
            related: "情報推進課",
            content: "　今後、担い手の減少が懸念される町内会において、スマートフォンやパソコンなどで使用できるアプリケーションツールの導入を検討する。",
            plan: [
                "・先進自治体の調査",
                "・導入検討\n・調査に基づく施策検討",
                "導入予定",
                "",
                "",
            ],
            targets: vec![Target {
                name: "",
                values: [""; 5],
                result: "",
            }],
            status: "他自治体の取組事例を調査するとともに、区長に対し実施したアンケート調査において、ICT化に対する考えを確認した。",
            grade: "A",
        },
    ]
}

fn policy2() -> Vec<Item> {
    vec![Item {
        no: "（5）",
        title: "予算編成における節減・スクラップの促進",
        dept: "財政課",
        related: "関係各課",
        content: "　事務事業評価の結果を踏まえつつ、予算編成において、事務事業の見直しを行った要求課へインセンティブを付与することで、関係課の創意工夫による経費削減効果の促進を図る。",
        plan: MAINEN,
        targets: vec![Target {
            name: "",
            values: [""; 5],
            result: "",
        }],
        status: "　予算編成において、要求額の抑制に向けて積極的な事務事業の見直しを推奨した。\n　関係課からの事務事業の見直し提案により、約三千万円程度の経費を削減し、内容に応じたインセンティブを付与した。",
        grade: "B",
    }]
}

fn policy5() -> Vec<Item> {
    vec![
        Item {
            no: "（34）",
            title: "職員研修の推進",
            dept: "人事秘書課",
            related: "",
            content: "　市民の行政ニーズや職員のキャリア等に応じて職務遂行に必要な知識や技術を習得する。",
            plan: MAINEN,
            targets: vec![Target {
                name: "",
                values: [""; 5],
                result: "",
            }],
            status: "職務遂行に必要な知識や技術を習得するため、様々な研修メニューを用意し、職員の積極的な受講を促している。",
            grade: "A",
        },
        Item {
            no: "（35）",
            title: "働きやすい環境の整備とテレワーク環境の活用",
            dept: "人事秘書課",
            related: "情報推進課\n関係各課",
            content: "　業務効率化や能力を発揮できる職場環境づくりを実施し、時間外勤務の縮減やテレワーク環境の活用等、働き方改革に取り組む。",
            plan: MAINEN,
            targets: vec![
                Target {
                    name: "第二次女性職員の活躍の推進に関する特定事業主計画（令和３年度～令和７年度）における職員の月間平均超過勤務時間",
                    values: ["１２時間以下"; 5],
                    result: "１４．３時間",
                },
                Target {
                    name: "第二次女性職員の活躍の推進に関する特定事業主計画（令和３年度～令和７年度）における職員の年次有給休暇の年間平均取得日数",
                    values: ["　１２日以上"; 5],
                    result: "１０．６日",
                },
            ],
            status: "コロナ禍において、各種給付金などの関連事務が発生し、時間外の縮減には至らなかった。\nまたテレワークの活用も基礎自治体であるため、窓口業務で住民対応が必要な部署が多く、利用できる環境を醸成出来ていない。",
            grade: "C",
        },
    ]
}

fn write_item(sh: &mut Sheet, it: &Item, top: u32) -> u32 {
    use Style::*;
    let n = 3 + 3 * it.targets.len() as u32;
    sh.span(top, 0, n, 1, t(it.no), Center);
    sh.put(top, 1, t(it.title), Text);
    sh.put(top + 1, 1, t("取組内容"), Label);
    sh.span(top + 2, 1, n - 4, 1, t(it.content), Text);
    sh.put(top + n - 2, 1, t("関係課"), Label);
    sh.put(top + n - 1, 1, t(it.related), Center);
    sh.span(top, 2, n, 1, t(it.dept), Center);
    sh.put(top, 3, t("計画"), Label);
    for (i, p) in it.plan.iter().enumerate() {
        sh.put(top, 4 + i as u16, t(p), Center);
    }
    let mut r = top + 1;
    for tg in &it.targets {
        sh.put(r, 3, t("目標項目"), Label);
        sh.span(r, 4, 1, 5, t(tg.name), Center);
        sh.put(r + 1, 3, t("目標数値"), Label);
        for (i, val) in tg.values.iter().enumerate() {
            sh.put(r + 1, 4 + i as u16, v(val), Center);
        }
        sh.put(r + 2, 3, t("取組結果"), Label);
        sh.put(r + 2, 4, v(tg.result), Center);
        for col in 5..9 {
            sh.put(r + 2, col, t(""), Center);
        }
        r += 3;
    }
    sh.put(r, 3, t("取組\n状況"), Label);
    sh.put(r, 4, t(it.status), Text);
    sh.put(r + 1, 3, t("達成度"), Label);
    sh.put(r + 1, 4, t(it.grade), Center);
    for col in 5..9 {
        sh.put(r, col, t(""), Center);
        sh.put(r + 1, col, t(""), Center);
    }
    top + n
}

fn policy_sheet(name: &str, label: &str, items: &[Item]) -> Sheet {
    use Style::*;
    let widths = [7.0, 30.0, 11.0, 8.0, 17.0, 17.0, 17.0, 17.0, 17.0];
    let mut sh = Sheet::new(name, &widths, true, 9.0);
    sh.span(0, 0, 1, 2, t(label), Label);
    sh.span(0, 2, 2, 1, t("担当課\n（とりまとめ）"), Label);
    sh.span(0, 3, 2, 1, t("区分"), Label);
    sh.span(0, 4, 1, 5, t("計画期間"), Label);
    sh.span(1, 0, 1, 2, t("個別取組項目"), Label);
    for (i, (y, _)) in YEARS.iter().enumerate() {
        sh.put(1, 4 + i as u16, t(y), Head);
    }
    sh.repeat_rows = Some((0, 1));
    sh.header = Some("第３次あま市行政改革大綱　個別取組項目".to_string());
    let mut row = 2;
    for (k, it) in items.iter().enumerate() {
        if k > 0 {
            sh.breaks.push(row);
        }
        row = write_item(&mut sh, it, row);
    }
    sh.span(row, 0, 1, 9, t(LEGEND), Loose);
    sh
}

/// The あま市 fixture document.
pub fn doc() -> Doc {
    let sheets = [
        ("基本方針1", policy1()),
        ("基本方針２", policy2()),
        ("基本方針５", policy5()),
    ];
    let expected = sheets
        .iter()
        .flat_map(|(_, items)| items.iter().flat_map(stated))
        .collect();
    Doc {
        dir: "amashi",
        stem: "amashi_kobetsu_torikumi",
        title: "第３次あま市行政改革大綱 個別取組項目",
        author: "あま市",
        sheets: sheets
            .iter()
            .map(|(name, items)| policy_sheet(name, name, items))
            .collect(),
        seed: "000_4c76c1aafd70e08d.txt",
        own: vec![],
        chromium: None,
        expected,
        chromium_expected: Vec::new(),
    }
}

/// Every value an item prints, from where the model puts it: the 計画 row (plan, one per
/// year column), each 目標項目's 目標数値 row (target, one per year column) and 取組結果 cell
/// (actual, 令和５ column), the 取組状況 text (status) and the 達成度 letter (grade), both in
/// the 令和５ column. The 目標項目 name row is the indicator, not a value; blank cells state
/// nothing.
fn stated(it: &Item) -> Vec<Expect> {
    let id = id(it.no);
    let first = YEARS[0].1;
    let mut out = Vec::new();
    let mut push = |indicator: Option<String>, kind, year, raw: &str, reading| {
        out.push(Expect {
            id: id.to_owned(),
            indicator,
            kind,
            fiscal_year: Some(year),
            raw: raw.to_owned(),
            reading,
        });
    };
    for (p, (_, year)) in it.plan.iter().zip(YEARS) {
        if let Some(r) = reading(p) {
            push(None, "plan", year, p, r);
        }
    }
    for tg in &it.targets {
        let name = indicator(tg.name);
        for (val, (_, year)) in tg.values.iter().zip(YEARS) {
            if let Some(r) = reading(val) {
                push(name.clone(), "target", year, val, r);
            }
        }
        if let Some(r) = reading(tg.result) {
            push(name.clone(), "actual", first, tg.result, r);
        }
    }
    push(
        None,
        "status",
        first,
        it.status,
        Reading::text(status_text(it.no)),
    );
    if let Some(r) = reading(it.grade) {
        push(None, "grade", first, it.grade, r);
    }
    out
}

/// The printed item number, full-width parentheses and digits made half-width.
fn id(no: &str) -> &'static str {
    match no {
        "（1）" => "(1)",
        "（2）" => "(2)",
        "（3）" => "(3)",
        "（4）" => "(4)",
        "（5）" => "(5)",
        "（34）" => "(34)",
        "（35）" => "(35)",
        _ => "unread id",
    }
}

/// The 目標項目 name as normalized text (None for the items without one). Only (35)'s two
/// names hold full-width characters: （）３７ become ASCII and the range mark ～ becomes `~`.
fn indicator(name: &str) -> Option<String> {
    let read = match name {
        "" => return None,
        "第二次女性職員の活躍の推進に関する特定事業主計画（令和３年度～令和７年度）における職員の月間平均超過勤務時間" => {
            "第二次女性職員の活躍の推進に関する特定事業主計画(令和3年度~令和7年度)における職員の月間平均超過勤務時間"
        }
        "第二次女性職員の活躍の推進に関する特定事業主計画（令和３年度～令和７年度）における職員の年次有給休暇の年間平均取得日数" => {
            "第二次女性職員の活躍の推進に関する特定事業主計画(令和3年度~令和7年度)における職員の年次有給休暇の年間平均取得日数"
        }
        // Already in normal form (ASCII SNS; 「」 are Japanese punctuation, kept).
        other => other,
    };
    Some(read.to_owned())
}

/// Each plan, target, actual and grade cell read by hand after seed 000. None for a blank
/// cell. 対前年度比＋N％ is a change relative to the previous year (no value, no unit; the
/// ＋ is a sign, not the word 増加, so no direction); 年間N回 is N 回 (the contract has no
/// per-year field); 以下 is at_most, 以上 at_least; the leading ideographic space of
/// `　１２日以上` is layout for the reading but part of the raw text, in the xlsx and in the
/// PDF alike (LibreOffice draws it as a glyph whose ToUnicode entry is U+3000).
fn reading(raw: &str) -> Option<Reading> {
    Some(match raw {
        "" => return None,
        "毎年度実施" | "・先進自治体の調査" | "導入予定" | "A" | "B" | "C" => {
            Reading::text(raw)
        }
        // Two bullet lines: one year's plan, the line break before a bullet kept.
        "・導入検討\n・調査に基づく施策検討" => {
            Reading::text("・導入検討\n・調査に基づく施策検討")
        }
        "対前年度比＋10％" => Reading::default().relative("10"),
        "対前年度比＋47％" => Reading::default().relative("47"),
        "対前年度比＋５％" => Reading::default().relative("5"),
        "対前年度比＋34％" => Reading::default().relative("34"),
        "年間２回" => Reading::number("2", "回"),
        "年間５回" => Reading::number("5", "回"),
        "年間６回" => Reading::number("6", "回"),
        "５件" => Reading::number("5", "件"),
        "32件" => Reading::number("32", "件"),
        "35件" => Reading::number("35", "件"),
        "37件" => Reading::number("37", "件"),
        "39件" => Reading::number("39", "件"),
        "41件" => Reading::number("41", "件"),
        "１２時間以下" => Reading::number("12", "時間").bound("at_most"),
        "１４．３時間" => Reading::number("14.3", "時間"),
        "　１２日以上" => Reading::number("12", "日").bound("at_least"),
        "１０．６日" => Reading::number("10.6", "日"),
        _ => Reading::text("unread value"),
    })
}

/// The 取組状況 texts as normalized text: full-width ASCII made half-width (（）→(),
/// ２→2, ８６→86), half-width katakana made full-width (ﾌｫﾛﾜｰ → フォロワー, ｺﾐｭﾆﾃｨ →
/// コミュニティ), the ideographic space between a label and its count a plain space, the
/// indent at a line's start dropped. Line breaks are joined per NORMALIZATION.md §7 step 3
/// (DESIGN.md "Layout": lines inside one cell are joined Japanese-aware): nothing where
/// either side is Japanese (`努めた。` + `【各SNS…`, `45(+1)` + `登録団体`), one space
/// between two ASCII sides (`165(+37)` + `facebook`; the rule names letters and digits,
/// `)` before a letter is read the same way). Judgement call: these breaks are the author's
/// own (Alt+Enter in the cell), not wraps, and a researcher loses the one-count-per-line
/// structure of (1); but the contract does not tell them apart, the PDF cannot, and xlsx and
/// PDF must give the same observations. None of these lines starts with a bullet.
fn status_text(no: &str) -> &'static str {
    match no {
        "（1）" => {
            "ニュースレターの定期発行に加え、SNSによる発信に努めた。【各SNSフォロワー数】Line 165(+37) facebook 681(+49) Instagram 538(+266)【交流会参加者数】コミュニティ 45(+1)登録団体 34(+8)その他 24(+24)"
        }
        "（2）" => {
            "7課32件の取組が実施されていることが把握できた。(講演会の講師、イベント事業への出展、スポーツ観戦事業、行政サービス案内、アンケート実施等)"
        }
        "（3）" => {
            "「市長と語ろうあまの未来」では、市長が4小学校・2中学校を訪問し、児童・生徒の市政に対する質問に答えるとともに、市の現在・未来について意見交換を行った。「ふれあいミーティング」には、2日間で計86名が参加、市政や地域の課題への取組みに関して、市民と様々な意見を交わすことができた。"
        }
        "（4）" => {
            "他自治体の取組事例を調査するとともに、区長に対し実施したアンケート調査において、ICT化に対する考えを確認した。"
        }
        "（5）" => {
            "予算編成において、要求額の抑制に向けて積極的な事務事業の見直しを推奨した。関係課からの事務事業の見直し提案により、約三千万円程度の経費を削減し、内容に応じたインセンティブを付与した。"
        }
        "（34）" => {
            "職務遂行に必要な知識や技術を習得するため、様々な研修メニューを用意し、職員の積極的な受講を促している。"
        }
        "（35）" => {
            "コロナ禍において、各種給付金などの関連事務が発生し、時間外の縮減には至らなかった。またテレワークの活用も基礎自治体であるため、窓口業務で住民対応が必要な部署が多く、利用できる環境を醸成出来ていない。"
        }
        _ => "unread status",
    }
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    /// Every cell of the model has a hand reading (none fell through to the `unread` arm).
    #[test]
    fn every_value_is_read_by_hand() {
        let list = doc().expected;
        assert!(!list.is_empty());
        for e in &list {
            assert!(!e.id.starts_with("unread"), "{e:?}");
            let text = e.reading.text.as_deref().unwrap_or("");
            assert!(!text.starts_with("unread"), "{e:?}");
        }
    }
}
