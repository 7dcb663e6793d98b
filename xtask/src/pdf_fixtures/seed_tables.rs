//! Seed content for the producer fixtures, as ruled tables: three 能美市 items (seed 001) in
//! their `No.N【category】title（課）` + R4…R8 grid, and one 南アルプス市 card (seed 002).
//! The strings are copied from the seeds (wrapped lines of the extraction joined).

/// One table cell; `\n` in the text is an explicit line break (separate paragraphs).
pub struct Cell {
    /// Cell text.
    pub text: String,
    /// Columns spanned (≥ 1).
    pub span: usize,
    /// Header-like cell (shaded).
    pub head: bool,
    /// Left-aligned long text (else centred).
    pub left: bool,
}

/// A ruled table: column widths in millimetres and rows of cells.
pub struct Table {
    /// Fixture name part (`nomi-items`, `minamialps-card`).
    pub name: &'static str,
    /// Page title (HTML `<title>`, sheet name).
    pub title: &'static str,
    /// Column widths (mm).
    pub cols_mm: Vec<f64>,
    /// Page size (mm), portrait.
    pub page_mm: (f64, f64),
    /// Rows; the spans of each row add up to the number of columns.
    pub rows: Vec<Vec<Cell>>,
}

impl Table {
    /// Every non-empty cell string, explicit line breaks giving one entry per part.
    pub fn strings(&self) -> Vec<String> {
        self.rows
            .iter()
            .flatten()
            .flat_map(|c| c.text.split('\n'))
            .filter(|s| !s.is_empty())
            .map(str::to_string)
            .collect()
    }
}

fn c(text: &str) -> Cell {
    Cell {
        text: text.to_string(),
        span: 1,
        head: false,
        left: false,
    }
}

fn h(text: &str) -> Cell {
    Cell {
        head: true,
        ..c(text)
    }
}

fn wide(text: &str, span: usize) -> Cell {
    Cell {
        span,
        left: true,
        ..c(text)
    }
}

fn head_wide(text: &str, span: usize) -> Cell {
    Cell {
        span,
        head: true,
        ..c(text)
    }
}

struct NomiItem {
    title: &'static str,
    plan: [&'static str; 5],
    target: [&'static str; 5],
    actual: [&'static str; 5],
    content: &'static str,
    indicator: &'static str,
    base: &'static str,
    goal: &'static str,
    status: &'static str,
}

const NOMI: [NomiItem; 3] = [
    NomiItem {
        title: "No.1【①行政手続きのオンライン化】電子申請手続きの拡大（デジタル推進課）",
        plan: ["実施", "実施", "実施", "実施", "実施"],
        target: [
            "累計\n250件",
            "累計\n300件",
            "累計\n350件",
            "累計\n440件",
            "累計\n450件",
        ],
        actual: ["累計\n171件", "累計\n284件", "累計\n427件", "", ""],
        content: "各種申請手続き等の電子化を図ることにより、公共サービスの利便性向上を図る",
        indicator: "電子申請手続き可能件数",
        base: "（R3）\n26件",
        goal: "累計\n450件",
        status: "【令和6年度の取組状況】\n・電子申請対応可能となった手続きについて電子申請システムにおいて順次受付を開始し、延べ427件の電子申請手続きを開始した。",
    },
    NomiItem {
        title: "No.2【①行政手続きのオンライン化】マイナンバーカードの交付及び利用促進（市民サービス課）",
        plan: ["実施", "実施", "実施", "実施", "実施"],
        target: [
            "累計\n40,000枚",
            "累計\n44,000枚",
            "累計\n46,000枚",
            "累計\n48,000枚",
            "累計\n49,000枚",
        ],
        actual: ["累計\n35,603枚", "累計\n41,298枚", "累計\n45,872枚", "", ""],
        content: "コンビニ交付サービス体制を構築したことにより、利用の促進を積極的に進める。更なるマイナンバーカードの取得を促し、マイナンバーカードを活用して行える電子申請サービスなど、カードの利便性をアピールする",
        indicator: "マイナンバーカードの交付枚数",
        base: "（R3）\n17,926枚",
        goal: "累計\n49,000枚",
        status: "【令和6年度の取組状況】\n・交付体制の強化…休日交付窓口開設：5回/年、延長窓口対応：101回/年\n・申請受付等の推進…本庁舎休日窓口開設（5回/年）により申請、申請サポートを実施",
    },
    NomiItem {
        title: "No.3【①ICT活用による業務効率化】ＡＩ・ＲＰＡ等先端技術の積極的活用（デジタル推進課）",
        plan: ["実施", "実施", "実施", "実施", "実施"],
        target: [
            "累計\n4件",
            "累計\n6件",
            "累計\n7件",
            "累計\n8件",
            "累計\n10件",
        ],
        actual: ["累計\n5件", "累計\n6件", "累計\n7件", "", ""],
        content: "定型的に繰り返し行う業務にＲＰＡを活用して自動化することにより、職員によるミスを防止するとともに、業務の効率化を図る",
        indicator: "ＡＩ・ＲＰＡ等先端技術を活用した業務件数",
        base: "（R3）\n3件",
        goal: "累計\n10件",
        status: "【令和6年度の取組状況】\nＲＰＡ（定型業務自動化）\nペーパレス化の実績を確認するパソコンの印刷ログ集計について自動化を行った。",
    },
];

/// The first `n` (at most 3) 能美市 items (seed 001) in one table; three run onto a second
/// A5 page.
pub fn nomi_items(n: usize) -> Table {
    let mut rows = Vec::new();
    for item in NOMI.iter().take(n) {
        rows.push(vec![head_wide(item.title, 6)]);
        let mut years = vec![h("年度")];
        years.extend(["R4", "R5", "R6", "R7", "R8"].map(h));
        rows.push(years);
        let mut plan = vec![h("")];
        plan.extend(item.plan.map(c));
        rows.push(plan);
        let mut target = vec![h("目標")];
        target.extend(item.target.map(c));
        rows.push(target);
        let mut actual = vec![h("実績")];
        actual.extend(item.actual.map(c));
        rows.push(actual);
        rows.push(vec![
            head_wide("取組内容", 3),
            h("指標等"),
            h("基準値等"),
            h("目標値等"),
        ]);
        rows.push(vec![
            wide(item.content, 3),
            c(item.indicator),
            c(item.base),
            c(item.goal),
        ]);
        rows.push(vec![wide(item.status, 6)]);
    }
    Table {
        name: "nomi-items",
        title: "能美市行政経営プログラム2022▶2026 実施計画書",
        cols_mm: vec![18.0, 22.0, 22.0, 22.0, 22.0, 22.0],
        page_mm: (148.0, 210.0),
        rows,
    }
}

/// The first 南アルプス市 card (seed 002, 納税課); `short` leaves out the four long-text rows
/// (現状/課題, 取組み内容, 期間内の最終目標) to keep a Type3 (Noto CJK) print small.
pub fn minamialps_card(short: bool) -> Table {
    let years = [
        "令和8年度",
        "令和9年度",
        "令和10年度",
        "令和11年度",
        "令和12年度",
    ];
    let targets = ["98.60%", "98.65%", "98.70%", "98.75%", "98.80%"];
    let mut year_row = vec![h("年度")];
    year_row.extend(years.map(h));
    let mut target_row = vec![h("目標値")];
    target_row.extend(targets.map(c));
    let mut actual_row = vec![h("実績値")];
    actual_row.extend(["", "", "", "", ""].map(c));
    let mut rows = vec![
        vec![
            h("基本方針1"),
            wide("財源確保と歳出改革による強靱な財政基盤の構築", 5),
        ],
        vec![
            h("項目"),
            wide("①税収確保のための収納率向上と未利用財産の活用", 5),
        ],
        vec![
            h("主な取組み"),
            wide("きめ細かな納税相談・滞納処分の適正な執行", 5),
        ],
        vec![h("主管課"), wide("納税課", 5)],
        vec![
            h("現状"),
            wide(
                "徴収率は全体として一定水準を維持しているが、高額困難案件などの影響により収納率が低下している。納付困難者には猶予制度等を活用した相談対応を行い、法令に基づく滞納処分(差押え等)も実施している。徴収業務は限られた職員で対応しており、業務負担が高い。令和6年度市税収納率 98.41%(現年度分 99.42%、過年度分 24.87%)",
                2,
            ),
            h("課題"),
            wide(
                "徴収率向上のため、滞納処分の対象選定や優先順位付けの最適化が必要である。また、専門知識を持つ人材の不足や困難事案への長期対応など人的課題も抱えている。さらに、口座振替や電子納付の周知による納期内納付の促進、広報や啓発による納税意識の向上も求められている。",
                2,
            ),
        ],
        vec![
            h("取組み内容"),
            wide(
                "納付困難者とのきめ細やかな納税相談を充実させるとともに、法令に基づく適正な滞納処分を実施し、市税収納率の向上を図る。",
                5,
            ),
        ],
        vec![
            h("期間内の最終目標"),
            wide(
                "市税の現年度収納率99%以上を維持し、過年度分を含む市税徴収率の目標値を達成する。",
                5,
            ),
        ],
        year_row,
        vec![h("数値の定義"), wide("市税収納率(現年度分+過年度分)", 5)],
        target_row,
        actual_row,
    ];
    if short {
        rows.drain(4..7);
    }
    Table {
        name: if short {
            "minamialps-card-short"
        } else {
            "minamialps-card"
        },
        title: "第5次南アルプス市行政改革実施計画",
        cols_mm: vec![30.0, 32.0, 32.0, 32.0, 32.0, 32.0],
        page_mm: (210.0, 297.0),
        rows,
    }
}
