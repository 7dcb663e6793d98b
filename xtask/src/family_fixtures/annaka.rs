//! 安中市 (seed 003): 第3次安中市行政改革大綱 実施計画 (令和2年度～令和6年度).
//!
//! One sheet, six cards, each under its three loose heading lines (`1 市民ニーズの把握と
//! 「総働」`, `(1) …`, `① …`). A card: 担当課 | value | 関係課 | value; 現状と課題; 取組内容;
//! 目標の状態 (two rows) beside 現状の数値 / 目標の数値; 年次計画 (spanning four rows) with
//! 年度 令和2年度…令和6年度, 進捗状況, 年度目標 (one merged value when the seed has one for
//! all years), 数値. No manual page breaks: LibreOffice breaks between rows, so a card runs
//! from one page onto the next. The seed's `<p>`/`<ul …>` extractor leftovers are dropped;
//! paragraphs and `・` bullets become line breaks.

use super::Doc;
use super::expect::{Expect, Reading};
use super::grid::{Sheet, Style, t, v};

struct Card {
    headings: [&'static str; 3],
    dept: &'static str,
    related: &'static str,
    issue: &'static str,
    content: &'static str,
    goal_state: &'static str,
    now_value: &'static str,
    goal_value: &'static str,
    progress: [&'static str; 5],
    /// One string for all five years (merged), or five.
    year_goals: YearGoals,
    numbers: [&'static str; 5],
}

enum YearGoals {
    Merged(&'static str),
    Each([&'static str; 5]),
}

const JISSHI: [&str; 5] = ["実施", "実施", "実施", "実施", "実施"];

fn cards() -> Vec<Card> {
    vec![
        Card {
            headings: [
                "1 市民ニーズの把握と「総働」",
                "(1) 市民にとってわかりやすい形での情報の提供",
                "① 情報提供手段の拡大",
            ],
            dept: "情報戦略課",
            related: "",
            issue: "・広報あんなか、市HP(ホームページ)などで行政情報を提供している。\n・各課でHP作成・編集が可能であるが、課により対応に差があり、HPを有効に活用できていない。\n・HPを閲覧できる環境にない人や見ない世代もあり、市民の年齢構成に合った情報の伝え方の検討が必要である。",
            content: "・行政情報をわかりやすく発信するため、HP編集に関しての職員研修を実施する。\n・SNSは、ツイッターとインスタグラムを活用しリアルタイムな情報を提供する。\n・広報、おしらせ版は、わかりやすい情報を提供するため充実を図る。",
            goal_state: "・HP、広報、おしらせ版を有効に使い、行政情報を適切に提供する。",
            now_value: "HPアクセス数\n456,456件\n(R2.1.15現在)",
            goal_value: "HPアクセス数\n510,000件",
            progress: JISSHI,
            year_goals: YearGoals::Each(["HPを充実し、アクセス数を増やす。"; 5]),
            numbers: [
                "HPアクセス数\n470,000件",
                "HPアクセス数\n480,000件",
                "HPアクセス数\n490,000件",
                "HPアクセス数\n500,000件",
                "HPアクセス数\n510,000件",
            ],
        },
        Card {
            headings: [
                "1 市民ニーズの把握と「総働」",
                "(1) 市民にとってわかりやすい形での情報の提供",
                "② 市民との行政課題の共有",
            ],
            dept: "情報戦略課",
            related: "",
            issue: "・市民と行政が「総働」により共にまちづくりを進めるためには、その前提条件として、市の現状や課題について認識を共有する必要がある。",
            content: "・市民が必要としている情報、市民に伝えたい課題を多様な手段により発信する。\n・課題を提示する際には、数値データ等を用いて分かりやすく伝える。一方的なお知らせではなく、市民の市政への参加を促すような情報提供に努める。\n・市民が関心を持っている施策等の把握に努め、広報等で特集する。\n・新聞やテレビなどのメディアを有効に活用し、広報活動を行う。",
            goal_state: "・市の現状や課題を市民に分かりやすく情報として提供することで、市民にさらに市政に关心を持つてもらう。\n・市の現状や課題を市民と共有することで、「総働」によるまちづくりを推進する。",
            now_value: "",
            goal_value: "",
            progress: JISSHI,
            year_goals: YearGoals::Merged(
                "・広報における行政課題の特集記事の充実\n・数値データを重視した分かりやすい広報\n・メディアの有効活用",
            ),
            numbers: [""; 5],
        },
        Card {
            headings: [
                "1 市民ニーズの把握と「総動」",
                "(3) 市民の意見をしっかり受け止められる行政をめざして",
                "② 審議会等への市民公募・女性参加率の向上",
            ],
            dept: "地域創造課",
            related: "全課",
            issue: "・委員の充て職により、公募委員・女性委員が市政に参加しにくい状況にある。",
            content: "・審議会等委員への公募状況及び女性委員の登用状況を調査し、あらゆる分野での市民参加と女性の積極的な参画の推進を図るための啓発を行う。",
            goal_state: "・市民の市政への参加により、住民の目線に立った行政運営を構築する。\n・女性が政策・方針の意志決定の場へ参画することにより、多様な価値観が反映された行政運営を構築する。",
            now_value: "女性参加率\n29.2%",
            goal_value: "女性参加率\n36.0%",
            progress: JISSHI,
            year_goals: YearGoals::Each(
                ["・審議会等の状況調査\n・公募委員の導入、女性委員の登用についての啓発"; 5],
            ),
            numbers: [
                "女性参加率\n31.0%",
                "女性参加率\n32.0%",
                "女性参加率\n33.0%",
                "女性参加率\n35.0%",
                "女性参加率\n36.0%",
            ],
        },
        Card {
            headings: [
                "1 市民ニーズの把握と「総働」",
                "(4) 市民のやりがいと市民力を引き出す仕組みづくり",
                "③ 道路アダプト（里親）の制度の推進",
            ],
            dept: "土木課",
            related: "",
            issue: "行政と市民との協働を実現する事業の一つであるが、人口減少が加速する中で、登録団体の構成員減少による解散・消滅が増えてきている。また、新規の登録についても減少傾向にあり、今後の団体数の増加は難しく、活動の継続が困難となる団体がさらに増加していくと予想される。",
            content: "登録団体には活動を継続するようお願いし、新規団体募集についても強化・継続する。また、補助制度の充実を図り、団体数の減少に歯止めをかける。",
            goal_state: "道路アダプト（里親）制度の維持",
            now_value: "15団体\n(321人)",
            goal_value: "16団体\n(320人)",
            progress: JISSHI,
            year_goals: YearGoals::Each([
                "里親となる登録団体の減少を最小限に抑える。",
                "里親となる登録団体数を維持する。",
                "里親となる登録団体数を維持する。",
                "里親となる登録団体数を維持する。",
                "里親となる登録団体数を維持する。",
            ]),
            numbers: ["14団体", "16団体", "16団体", "16団体", "16団体"],
        },
        Card {
            headings: [
                "2 職員の資質向上と人事制度",
                "(4) 人事制度の見直しと働き方改革",
                "① 能力と実績に基づく人事評価制度の確立",
            ],
            dept: "職員課",
            related: "全課",
            issue: "評価基準や平等性の周知、職員のやる気を損なわない、人材育成と併せて働きがいの醸成のための制度であることの理解が求められる。\n特に業績評価においては、所属や担当業務で差が開かぬよう目標設定時のレベルの均一化と評価者の評価レベルの均衡が必要とされる。",
            content: "人事評価研修（評価者研修）を実施し、公正な評価を行うことで、納得性を高める。\n目標設定の高レベルの調整や評価について、部局間調整を検討する。\n目的や仕組みを正しく理解し、制度への認識不足について払拭する。",
            goal_state: "発揮した能力及び実績を把握し、時代の要請に応えられる職員を育成。",
            now_value: "成績反映0%",
            goal_value: "",
            progress: ["実施", "実施", "達成", "達成", "達成"],
            year_goals: YearGoals::Each([
                "・評価制度の見直し\n・業績、能力評価の実施\n・評価結果の活用",
                "・業績、能力評価の実施\n・評価結果の活用",
                "・業績、能力評価の実施\n・評価結果の活用",
                "・業績、能力評価の実施\n・評価結果の活用",
                "・業績、能力評価の実施\n・評価結果の活用",
            ]),
            numbers: [""; 5],
        },
        Card {
            headings: [
                "4 健全な財政運営",
                "(1) 歳出の削減と財源の確保",
                "④ 市税の収納率の向上",
            ],
            dept: "収納課",
            related: "債権を扱う各課・秘書政策課・財政課・行政課等",
            issue: "市税は市の一般財源の根幹をなすものであり、収納課においては税負担の公平性及び財源の確保に向け、チームワークを駆使しながら、組織一丸となって“大多数の納期内納税者”を代弁するといった気概・使命感を共有した中での滞納整理業務を進めている。\n・収納率に関しては、現年度分は順調に推移しているが、滞納繰越分については、ここ数年での数値を意識した取組により改善はされてきたものの、県及び全国平均に比べて低い現状を認識し、この解消に向けての取組と、さらなるステップアップが求められている。",
            content: "・引き続き、3ヵ年及び年間行動計画・徴収対策基本方針等における、組織としてのビジョンを提示した中で、それらに基づいた事務推進を行うとともに、今まで以上に、ある程度の項目において明確に数値目標を設定したうえで、その成果についても“見える化”をはかりながら、組織内で共有しての運営に努めることとしたい。また、引き続き、徹底した進行管理及び検証を行うこととしたい。\n・各徴税吏員がバラバラに漠然と業務を行うことのないように、引き続き、“組織としての平準化”を保ちながら、令和2年度からは、積極的に新たな取組を実施し収納率向上に努めたい。",
            goal_state: "・現在でも収納率、収納額等の数値目標を設定した中での取組を行っている。\n・一般税の収納率（現年度分+滞納繰越分）を目標としての取組を行う。\n・滞納整理全般の進捗状況・成熟度やメンバー等を考慮し、徴収対策基本方針及び年間の行動計画を作成し、具体的な取組内容を定める。\n・収納率は、平成30年度が95.45%、令和元年度が95.80%の見込み。令和6年度における目標収納率を97.50%として設定する。",
            now_value: "収納率：95.45%",
            goal_value: "収納率：97.50%",
            progress: JISSHI,
            year_goals: YearGoals::Each(["・徴収対策基本方針\n・年間行動計画"; 5]),
            numbers: [
                "収納率：96.00%",
                "収納率：96.40%",
                "収納率：96.80%",
                "収納率：97.20%",
                "収納率：97.50%",
            ],
        },
    ]
}

fn write_card(sh: &mut Sheet, c: &Card, top: u32) -> u32 {
    use Style::*;
    let mut r = top;
    for h in c.headings {
        sh.span(r, 0, 1, 7, t(h), Loose);
        r += 1;
    }
    sh.put(r, 0, t("担当課"), Label);
    sh.span(r, 1, 1, 2, t(c.dept), Text);
    sh.put(r, 3, t("関係課"), Label);
    sh.span(r, 4, 1, 3, t(c.related), Text);
    r += 1;
    for (label, text) in [("現状と課題", c.issue), ("取組内容", c.content)] {
        sh.put(r, 0, t(label), Label);
        sh.span(r, 1, 1, 6, t(text), Text);
        r += 1;
    }
    sh.span(r, 0, 2, 1, t("目標の状態"), Label);
    sh.span(r, 1, 2, 3, t(c.goal_state), Text);
    sh.put(r, 4, t("現状の数値"), Label);
    sh.span(r, 5, 1, 2, v(c.now_value), Center);
    sh.put(r + 1, 4, t("目標の数値"), Label);
    sh.span(r + 1, 5, 1, 2, v(c.goal_value), Center);
    r += 2;
    sh.span(r, 0, 4, 1, t("年次計画"), Label);
    sh.put(r, 1, t("年度"), Label);
    sh.put(r + 1, 1, t("進捗状況"), Label);
    sh.put(r + 2, 1, t("年度目標"), Label);
    sh.put(r + 3, 1, t("数値"), Label);
    let years = [
        "令和2年度",
        "令和3年度",
        "令和4年度",
        "令和5年度",
        "令和6年度",
    ];
    for i in 0..5 {
        let col = 2 + i as u16;
        sh.put(r, col, t(years[i]), Head);
        sh.put(r + 1, col, t(c.progress[i]), Center);
        if let YearGoals::Each(goals) = &c.year_goals {
            sh.put(r + 2, col, t(goals[i]), Text);
        }
        sh.put(r + 3, col, v(c.numbers[i]), Center);
    }
    if let YearGoals::Merged(goal) = &c.year_goals {
        sh.span(r + 2, 2, 1, 5, t(goal), Text);
    }
    r + 4
}

/// The 安中市 fixture document.
pub fn doc() -> Doc {
    let widths = [11.0, 10.0, 14.0, 14.0, 14.0, 14.0, 14.0];
    let mut sh = Sheet::new("実施計画", &widths, false, 9.0);
    sh.span(
        0,
        0,
        1,
        7,
        t("第3次 安中市行政改革大綱 実施計画"),
        Style::Title,
    );
    sh.header = Some("第3次安中市行政改革大綱 実施計画".to_string());
    let mut row = 2;
    for c in cards() {
        row = write_card(&mut sh, &c, row) + 1;
    }
    Doc {
        dir: "annaka",
        stem: "annaka_jisshikeikaku",
        title: "第3次安中市行政改革大綱 実施計画",
        author: "安中市",
        sheets: vec![sh],
        seed: "003_958463c6e2069eab.txt",
        own: vec![],
        chromium: None,
        expected: expected(&cards()),
        chromium_expected: Vec::new(),
    }
}

/// The columns of 年次計画: 令和2年度 … 令和6年度 = FY2020 … FY2024.
const FIRST_YEAR: i32 = 2020;

/// The initiative id composed from the card's heading numbers: `1 …`, `(1) …`, `① …` →
/// `1-(1)-①` (each heading's leading number, as printed; the model writes them half-width).
fn card_id(c: &Card) -> String {
    c.headings
        .iter()
        .map(|h| h.split_whitespace().next().unwrap_or_default())
        .collect::<Vec<_>>()
        .join("-")
}

/// One value a cell holds, read by hand: the indicator its label names (`HPアクセス数`,
/// `収納率：` …; None where the cell prints only the value), its reading, and the fiscal year
/// of a date printed in the cell itself (`(R2.1.15現在)`).
struct Read {
    indicator: Option<&'static str>,
    reading: Reading,
    dated: Option<i32>,
}

fn val(indicator: Option<&'static str>, reading: Reading) -> Read {
    Read {
        indicator,
        reading,
        dated: None,
    }
}

/// Every non-empty value cell of the six cards, read by hand against seed 003. A raw string
/// not in this table reads as `NOT READ BY HAND` so the comparison fails loudly.
fn read(raw: &str) -> Vec<Read> {
    let hp = Some("HPアクセス数");
    let women = Some("女性参加率");
    let rate = Some("収納率");
    match raw {
        // ① 情報提供手段の拡大. `R2.1.15` is a date, 2020-01-15, in FY2019 (令和元年度).
        "HPアクセス数\n456,456件\n(R2.1.15現在)" => vec![Read {
            indicator: hp,
            reading: Reading::number("456456", "件"),
            dated: Some(2019),
        }],
        "HPアクセス数\n470,000件" => vec![val(hp, Reading::number("470000", "件"))],
        "HPアクセス数\n480,000件" => vec![val(hp, Reading::number("480000", "件"))],
        "HPアクセス数\n490,000件" => vec![val(hp, Reading::number("490000", "件"))],
        "HPアクセス数\n500,000件" => vec![val(hp, Reading::number("500000", "件"))],
        "HPアクセス数\n510,000件" => vec![val(hp, Reading::number("510000", "件"))],
        "HPを充実し、アクセス数を増やす。" => {
            vec![val(None, Reading::text("HPを充実し、アクセス数を増やす。"))]
        }
        // ② 市民との行政課題の共有: one 年度目標 merged over the five years.
        "・広報における行政課題の特集記事の充実\n・数値データを重視した分かりやすい広報\n・メディアの有効活用" =>
        {
            vec![val(
                None,
                Reading::text(
                    "・広報における行政課題の特集記事の充実\n・数値データを重視した分かりやすい広報\n・メディアの有効活用",
                ),
            )]
        }
        // ② 審議会等への市民公募・女性参加率の向上.
        "女性参加率\n29.2%" => vec![val(women, Reading::number("29.2", "%"))],
        "女性参加率\n31.0%" => vec![val(women, Reading::number("31", "%"))],
        "女性参加率\n32.0%" => vec![val(women, Reading::number("32", "%"))],
        "女性参加率\n33.0%" => vec![val(women, Reading::number("33", "%"))],
        "女性参加率\n35.0%" => vec![val(women, Reading::number("35", "%"))],
        "女性参加率\n36.0%" => vec![val(women, Reading::number("36", "%"))],
        "・審議会等の状況調査\n・公募委員の導入、女性委員の登用についての啓発" =>
        {
            vec![val(
                None,
                Reading::text(
                    "・審議会等の状況調査\n・公募委員の導入、女性委員の登用についての啓発",
                ),
            )]
        }
        // ③ 道路アダプト（里親）の制度の推進: registered groups with their members in
        // parentheses, two values with no printed name each.
        "15団体\n(321人)" => vec![
            val(None, Reading::number("15", "団体")),
            val(None, Reading::number("321", "人")),
        ],
        "16団体\n(320人)" => vec![
            val(None, Reading::number("16", "団体")),
            val(None, Reading::number("320", "人")),
        ],
        "14団体" => vec![val(None, Reading::number("14", "団体"))],
        "16団体" => vec![val(None, Reading::number("16", "団体"))],
        "里親となる登録団体の減少を最小限に抑える。" => vec![val(
            None,
            Reading::text("里親となる登録団体の減少を最小限に抑える。"),
        )],
        "里親となる登録団体数を維持する。" => {
            vec![val(None, Reading::text("里親となる登録団体数を維持する。"))]
        }
        // ① 能力と実績に基づく人事評価制度の確立: `成績反映0%` is the label 成績反映 and 0%.
        "成績反映0%" => vec![val(Some("成績反映"), Reading::number("0", "%"))],
        "・評価制度の見直し\n・業績、能力評価の実施\n・評価結果の活用" =>
        {
            vec![val(
                None,
                Reading::text("・評価制度の見直し\n・業績、能力評価の実施\n・評価結果の活用"),
            )]
        }
        "・業績、能力評価の実施\n・評価結果の活用" => vec![val(
            None,
            Reading::text("・業績、能力評価の実施\n・評価結果の活用"),
        )],
        // ④ 市税の収納率の向上: `収納率：` labels the value (full-width colon).
        "収納率：95.45%" => vec![val(rate, Reading::number("95.45", "%"))],
        "収納率：96.00%" => vec![val(rate, Reading::number("96", "%"))],
        "収納率：96.40%" => vec![val(rate, Reading::number("96.4", "%"))],
        "収納率：96.80%" => vec![val(rate, Reading::number("96.8", "%"))],
        "収納率：97.20%" => vec![val(rate, Reading::number("97.2", "%"))],
        "収納率：97.50%" => vec![val(rate, Reading::number("97.5", "%"))],
        "・徴収対策基本方針\n・年間行動計画" => {
            vec![val(
                None,
                Reading::text("・徴収対策基本方針\n・年間行動計画"),
            )]
        }
        // 進捗状況.
        "実施" => vec![val(None, Reading::text("実施"))],
        "達成" => vec![val(None, Reading::text("達成"))],
        _ => vec![val(None, Reading::text("NOT READ BY HAND"))],
    }
}

/// Every value the cards print, in card order: 現状の数値 (baseline, undated unless the cell
/// dates itself), 目標の数値 (final target: the plan's end, 令和6年度, is not printed beside
/// it, so undated), then per year 進捗状況 (status), 年度目標 (a target stated in words; a
/// merged one holds for each of the five years) and 数値 (the numeric target).
fn expected(cards: &[Card]) -> Vec<Expect> {
    let mut out = Vec::new();
    for c in cards {
        let id = card_id(c);
        let mut push = |kind: &'static str, year: Option<i32>, raw: &str| {
            if raw.is_empty() {
                return;
            }
            for r in read(raw) {
                out.push(Expect {
                    id: id.clone(),
                    indicator: r.indicator.map(str::to_owned),
                    kind,
                    fiscal_year: r.dated.or(year),
                    raw: raw.to_owned(),
                    reading: r.reading,
                });
            }
        };
        push("baseline", None, c.now_value);
        push("final_target", None, c.goal_value);
        for (i, year) in (FIRST_YEAR..FIRST_YEAR + 5).enumerate() {
            let goal = match &c.year_goals {
                YearGoals::Merged(goal) => *goal,
                YearGoals::Each(goals) => goals.get(i).copied().unwrap_or_default(),
            };
            push(
                "status",
                Some(year),
                c.progress.get(i).copied().unwrap_or_default(),
            );
            push("target", Some(year), goal);
            push(
                "target",
                Some(year),
                c.numbers.get(i).copied().unwrap_or_default(),
            );
        }
    }
    out
}
