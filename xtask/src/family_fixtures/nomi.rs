//! 能美市 (seed 001): 能美市行政経営プログラム2022▶2026 実施計画書, 令和6年度の取組状況.
//!
//! One sheet, all 16 items stacked in one ruled grid, two items per printed page (manual
//! breaks), so the grid runs over eight pages. Each item: a band row with the heading
//! `No.N【category】title（課）` merged across the grid (for No.5 and No.12 the department is on
//! a second line, as the seed has it apart from the title); the header row 年度 | R4…R8 |
//! 取組内容 | 指標等 | 基準値等 | 目標値等; 目標 over two rows (the plan row 実施/検討/継続 and the
//! target row); 実績; then 【令和6年度の取組状況】 and 【令和7年度の取組内容】 merged across.
//! Lines the extraction wrapped are joined; explicit stacked values (`累計` over `250件`,
//! `90.5%` over `以内`, `（R3）` over `26件`) keep their line break and stay strings; plain
//! values are numbers with a format (`38.1%` = 0.381 `0.0%`, `407百万円` = 407
//! `0"百万円"`, `8.0日` = 8 `0.0"日"`).

use super::Doc;
use super::expect::{Expect, Reading};
use super::grid::{Sheet, Style, t, v};

/// One item (取組項目) as the seed prints it.
struct Item {
    heading: &'static str,
    plan: [&'static str; 5],
    target: [&'static str; 5],
    actual: [&'static str; 5],
    status: &'static str,
    next: &'static str,
    content: &'static str,
    indicator: &'static str,
    baseline: &'static str,
    goal: &'static str,
}

const JISSHI: [&str; 5] = ["実施", "実施", "実施", "実施", "実施"];
const KEIZOKU: [&str; 5] = ["継続", "継続", "継続", "継続", "継続"];

fn items() -> Vec<Item> {
    vec![
        Item {
            heading: "No.1【①行政手続きのオンライン化】電子申請手続きの拡大（デジタル推進課）",
            plan: JISSHI,
            target: [
                "累計\n250件",
                "累計\n300件",
                "累計\n350件",
                "累計\n440件",
                "累計\n450件",
            ],
            actual: ["累計\n171件", "累計\n284件", "累計\n427件", "", ""],
            status: "【令和6年度の取組状況】\n・電子申請対応可能となった手続きについて電子申請システムにおいて順次受付を開始し、延べ427件の電子申請手続きを開始した。",
            next: "【令和7年度の取組内容】\n・電子申請受付が可能なものや、見直しにより電子で受付可能になる業務については順次受付を開始できるよう運用のフォローを行っていく。また、電子決裁サービスが可能な手続きを増やすなど、住民サービスの利便性向上に努めていく。",
            content: "各種申請手続き等の電子化を図ることにより、公共サービスの利便性向上を図る",
            indicator: "電子申請手続き可能件数",
            baseline: "（R3）\n26件",
            goal: "累計\n450件",
        },
        Item {
            heading: "No.2【①行政手続きのオンライン化】マイナンバーカードの交付及び利用促進（市民サービス課）",
            plan: JISSHI,
            target: [
                "累計\n40,000枚",
                "累計\n44,000枚",
                "累計\n46,000枚",
                "累計\n48,000枚",
                "累計\n49,000枚",
            ],
            actual: ["累計\n35,603枚", "累計\n41,298枚", "累計\n45,872枚", "", ""],
            status: "【令和6年度の取組状況】\n・交付体制の強化…休日交付窓口開設：5回/年、延長窓口対応：101回/年\n・申請受付等の推進…本庁舎休日窓口開設（5回/年）により申請、申請サポートを実施\n・利便性の向上…コンビニ交付サービスの推進や、オンライン申請の普及促進を図った",
            next: "【令和7年度の取組内容】\n・交付体制の強化…休日交付窓口の開設や延長窓口時の交付を行う\n・申請受付等の推進…本庁舎での休日申請、申請サポートを実施する\n・利便性の向上…コンビニ交付サービスの推進や、オンライン申請の普及促進を図る",
            content: "コンビニ交付サービス体制を構築したことにより、利用の促進を積極的に進める。更なるマイナンバーカードの取得を促し、マイナンバーカードを活用して行える電子申請サービスなど、カードの利便性をアピールする",
            indicator: "マイナンバーカードの交付枚数",
            baseline: "（R3）\n17,926枚",
            goal: "累計\n49,000枚",
        },
        Item {
            heading: "No.3【①ICT活用による業務効率化】ＡＩ・ＲＰＡ等先端技術の積極的活用（デジタル推進課）",
            plan: JISSHI,
            target: [
                "累計\n4件",
                "累計\n6件",
                "累計\n7件",
                "累計\n8件",
                "累計\n10件",
            ],
            actual: ["累計\n5件", "累計\n6件", "累計\n7件", "", ""],
            status: "【令和6年度の取組状況】\nＲＰＡ（定型業務自動化）\nペーパレス化の実績を確認するパソコンの印刷ログ集計について自動化を行った。",
            next: "【令和7年度の取組内容】\n・ＩＣＴに関する研修やスキルアップに資する機会を広く用意し、ＡＩ・ＲＰＡの業務への導入を図る。",
            content: "定型的に繰り返し行う業務にＲＰＡを活用して自動化することにより、職員によるミスを防止するとともに、業務の効率化を図る",
            indicator: "ＡＩ・ＲＰＡ等先端技術を活用した業務件数",
            baseline: "（R3）\n3件",
            goal: "累計\n10件",
        },
        Item {
            heading: "No.4【①ICT活用による業務効率化】行政事務のペーパーレス化による事務の効率化（行財政改革推進室）",
            plan: ["検討", "実施", "実施", "実施", "実施"],
            target: [
                "-",
                "165万枚削減",
                "220万枚削減",
                "275万枚以上削減",
                "275万枚以上削減",
            ],
            actual: ["-", "122万4千枚削減", "211万枚削減", "", ""],
            status: "【令和6年度の取組状況】\n・紙を中心に行われている市役所内部の行政事務について、ペーパーレス化の実現に向けた取り組み（７箇条）をもとに、印刷習慣の見直しを行い紙の削減につなげるための取組計画の推進をはじめ、紙簿冊の削減、ペーパーレス会議の徹底を図った結果、211万枚が削減された。",
            next: "【令和7年度の取組内容】\n・「ペーパーレス化の実現に向けた取り組み（７箇条）」に基づき、職員の印刷習慣の見直しを図るため、取組計画を作成しペーパーレス化を推進する。\n・文書管理の見直しによる紙簿冊の削減やＤＸを活用したペーパーレス会議を徹底し、ペーパーレス化を推進する。",
            content: "ペーパーレス化の実現に向けた取組方針を作成し、ICTの活用や事務の運用を改め、職員の事務の効率化が図られるよう、行政事務におけるペーパーレス化の推進を図る",
            indicator: "複合機から出力する紙の印刷枚数の削減枚数",
            baseline: "（R4）\n印刷枚数\n550万枚",
            goal: "275万枚以上削減",
        },
        Item {
            heading: "No.5【①アウトソーシング（民間委託）の推進】定型的な窓口業務に係るアウトソーシングによるサービス向上\n（市民サービス課）",
            plan: ["検討・実施", "継続", "継続", "継続", "継続"],
            target: ["", "", "", "", ""],
            actual: ["実施", "実施", "実施", "", ""],
            status: "【令和6年度の取組状況】\n・定型的な窓口業務を開始しアウトソーシングを実施した。\n　（平日2名）\n・郵便局による行政証明書等の受付業務(13業務)を実施した。",
            next: "【令和7年度の取組内容】\n・引き続き定型的な窓口業務のアウトソーシングを実施し、業務効率化、質の高い行政サービスの提供を目指す。\n・引き続き郵便局行政証明書受付業務を行うとともに、利用拡大に向け市民へサービスの周知をさらに強化する。",
            content: "定型的な窓口業務を外部委託することで、市民サービスの向上・業務の効率化とより質の高い行政サービスの提供を図る\n窓口受付機能を持つ拠点を増やし、市民の利便性の向上を図るとともに、各サービスセンターの混雑緩和につなげる",
            indicator: "窓口業務のアウトソーシング実施",
            baseline: "－",
            goal: "R4実施",
        },
        Item {
            heading: "No.6【①税収の確保】債権管理の一元化（税務債権課）",
            plan: KEIZOKU,
            target: [
                "407百万円",
                "380百万円",
                "380百万円",
                "326百万円",
                "300百万円",
            ],
            actual: ["398百万円", "426百万円", "372百万円", "", ""],
            status: "【令和6年度の取組状況】\n・債権管理職員の研修を実施し、徴収における知識の向上や相談対応力の向上を図った。\n・税・強制徴収公債権の徴収一元化を実施し、徴収体制の運用を強化した。",
            next: "【令和7年度の取組内容】\n・債権管理職員の研修を実施する。\n・税・強制徴収公債権の徴収一元化を実施する。\n・非強制徴収公債権・私債権の一元管理協議を実施する。",
            content: "複合的滞納者（複数の税や料金を滞納している者）に対する徴収体制を見直し、税・料金の一元管理を実施することで、適正な債権管理（債権放棄を含む）により未収債権の縮減を図る",
            indicator: "未収債権額",
            baseline: "（R3）\n434百万円",
            goal: "300百万円",
        },
        Item {
            heading: "No.7【①税収の確保】収納率の向上（税務債権課）",
            plan: KEIZOKU,
            target: ["38.1%", "38.6%", "26.0%", "28.0%", "30.0%"],
            actual: ["25.3%", "23.4%", "38.1%", "", ""],
            status: "【令和6年度の取組状況】\n・滞納整理機構への派遣継続による徴収技術の向上を図った。\n・徴収専門員の指導のもと徴収困難案件について対応した。\n・可処分資産の公売を実施した。",
            next: "【令和7年度の取組内容】\n・滞納整理機構への派遣継続による徴収技術の向上を図る。\n・徴収専門員の指導のもと徴収困難案件について対応する。\n・可処分資産の公売を実施する。",
            content: "滞納整理指導員の採用、滞納整理機構などへの職員派遣による徴収職員の技術向上、保険年金課（国民健康保険税主管課）や福祉課（生活保護主管課）等との連携強化、差押・公売等の積極的実施、コールセンターによる初期・少額滞納者への電話催告の実施",
            indicator: "過年度収納率",
            baseline: "（R3）\n37.7%",
            goal: "30.0%",
        },
        Item {
            heading: "No.8【②税外収入の確保】市の未利用財産の積極的な売払（管財課）",
            plan: JISSHI,
            target: [
                "15.6\n百万円",
                "累計\n94.8\n百万円",
                "累計\n107.2\n百万円",
                "累計\n129.9\n百万円",
                "累計\n245百万円",
            ],
            actual: [
                "23.8\n百万円",
                "累計\n103.8\n百万円",
                "累計\n115.3\n百万円",
                "",
                "",
            ],
            status: "【令和6年度の取組状況】\n・未利用財産を市ＨＰや広報等を活用し広く周知した。\n・中町地内、湯谷町地内の売払を実施した。",
            next: "【令和7年度の取組内容】\n・未利用財産を市ＨＰや広報等を活用し広く周知する。\n・市場性が高く、利活用の効果が期待できる未利用財産について、優先的かつ計画的に売り払いを実施する。",
            content: "未利用財産を積極的に売却または賃貸し、財源の確保に努める",
            indicator: "未利用財産の売払額",
            baseline: "－",
            goal: "累計\n245百万円",
        },
        Item {
            heading: "No.9【②税外収入の確保】ふるさと納税の推進（市長室）",
            plan: JISSHI,
            target: [
                "85百万円",
                "130百万円",
                "142百万円",
                "154百万円",
                "165百万円",
            ],
            actual: ["116.6百万円", "140.7百万円", "250百万円", "", ""],
            status: "【令和6年度の取組状況】\n・納税する方の利便性向上のため、ポータルサイトの拡充を行ったほか、オンラインワンストップ特例申請サービスを開始した。\n・より多くの方にふるさと納税を行っていただけるよう戦略的な広告PRや返礼品の拡充を実施した。",
            next: "【令和7年度の取組内容】\n・返礼品を拡充するほか、納税する方の利便性向上のため、ポータルサイト追加を図る。\n・より多くの方にふるさと納税を行っていただけるよう、戦略的な広告PRや市応援大使のシナモロールを活用した返礼品の拡充を実施する。",
            content: "ふるさと納税返礼品の見直しを行い、品目を拡充していくとともに、サイトの登録を増やすなど工夫を凝らすことで、市外の方々に能美市の魅力を届け、関係人口や交流人口を増やすとともに、安定した財源の確保と地域経済の活性化を目指す",
            indicator: "ふるさと納税額",
            baseline: "(R3)\n65百万円",
            goal: "165百万円",
        },
        Item {
            heading: "No.10【③歳出の抑制】経常的な費用の抑制（財政課）",
            plan: JISSHI,
            target: [
                "90.5%\n以内",
                "90.6%\n以内",
                "90.7%\n以内",
                "90.8%\n以内",
                "90.9%\n以内",
            ],
            actual: ["88.4%", "90.4%", "93.7%", "", ""],
            status: "【令和6年度の取組状況】\n・厳しい財政状況を庁内で共有するため、予算編成方針通知に合わせて予算説明会を実施し経常的な費用の抑制に向け全庁に周知を行った。",
            next: "【令和7年度の取組内容】\n・厳しい財政状況を庁内で共有するため、予算編成方針通知に合わせて予算説明会を実施し、経常的な費用の抑制を図る。",
            content: "公共施設等のアセットマネジメントや、災害等の危機管理への対応など、多様化する住民ニーズに応えながら柔軟な財政運営を行うため、経常的な費用の抑制や、一般財源の確保を図り、令和2年度類似団体の平均経常収支比率91.3％を上回るよう努める",
            indicator: "経常収支比率",
            baseline: "(R2)\n90.4％",
            goal: "91％以内",
        },
        Item {
            heading: "No.11【③歳出の抑制】起債借入額の抑制及び平準化（財政課）",
            plan: JISSHI,
            target: [
                "5.6%\n以内",
                "5.6%\n以内",
                "5.6%\n以内",
                "5.8%\n以内",
                "6.0%\n以内",
            ],
            actual: ["3.7%", "3.6%", "3.8%", "", ""],
            status: "【令和6年度の取組状況】\n・起債の計画的な発行や起債の借入の平準化、交付税算入の多い起債を優先的を行った。",
            next: "【令和7年度の取組内容】\n・起債発行を計画的に行い、起債の借入の抑制や平準化、交付税算入率の高い起債を優先的に発行し、R2実績の5.6％以内を維持する",
            content: "公共施設の維持管理等による将来的な起債の借入増大も見据え、起債の借入抑制や平準化を図り、柔軟で持続可能な財政運営を実現し、令和2年度実質公債費比率の全国平均である5.7％を参考に令和8年度に6％以内に収まるよう努め、目標値11％維持の達成を図る",
            indicator: "実質公債費比率",
            baseline: "(R2)\n5.6％",
            goal: "11％以内",
        },
        Item {
            heading: "No.12【③歳出の抑制】定型的な窓口業務に係るアウトソーシングによる人件費等の削減\n（市民サービス課）",
            plan: ["検討・実施", "継続", "継続", "継続", "継続"],
            target: [
                "1.9百万円",
                "累計\n6.2百万円",
                "累計\n12.3\n百万円",
                "累計\n14百万円",
                "累計\n16百万円",
            ],
            actual: ["1.9百万円", "累計\n6.2百万円", "累計\n12.3\n百万円", "", ""],
            status: "【令和6年度の取組状況】\n・定型的な窓口業務についてアウトソーシングを実施した。\n　（平日2名）\n・郵便局による行政証明書等の受付業務(13業務)を実施した。",
            next: "【令和7年度の取組内容】\n・引き続き定型的な窓口業務のアウトソーシングを実施し業務効率化を目指す。\n・引き続き郵便局へ行政証明書受付業務を委託し業務効率化を目指す。\n・人件費の削減を実施する。",
            content: "定型的な窓口業務を外部委託することで人件費の削減につなげる",
            indicator: "定型的な窓口業務を外部委託することで人件費の削減",
            baseline: "－",
            goal: "累計\n16百万円",
        },
        Item {
            heading: "No.13【①人財育成】職員研修の充実（総務課）",
            plan: JISSHI,
            target: ["60.0%", "80.0%", "80.0%", "80.0%", "80.0%"],
            actual: ["80.0%", "83.1%", "87.5%", "", ""],
            status: "【令和6年度の取組状況】\n・質の高い公共サービスの提供に向け、職員エンゲージメント、ハラスメント等の研修を実施した。",
            next: "【令和7年度の取組内容】\n・各業務に生かされる内容の研修情報を職員に周知し、多くの職員が学びの機会を得られるよう受講の呼びかけを行い、積極的な研修の受講につなげる。\n・研修後のアンケート結果を基に、次年度以降の研修計画を都度見直し、効果的な研修の機会提供を行うことで、職員のモチベーションを引き上げて、機動的な職場となるよう努めていく。",
            content: "多くの職員が研修の機会を得られるよう、各種研修の情報を提供、受講を呼び掛けるとともに、受講を促進する雰囲気をつくることで、研修で得たノウハウが業務に生かされたという実感につなげる",
            indicator: "アンケート「業務に生かされているか」に対する回答「とても生かされている」「ある程度生かされている」の率",
            baseline: "－",
            goal: "80.0%",
        },
        Item {
            heading: "No.14【①ワークライフバランスの推進】年次有給休暇取得の促進（総務課）",
            plan: JISSHI,
            target: ["8.0日", "10.0日", "10.0日", "12.0日", "12.0日"],
            actual: ["10.0日", "11.0日", "11.6日", "", ""],
            status: "【令和6年度の取組状況】\n・計画年休やリフレッシュ休暇の取得を呼び掛け、職員の意識浸透を図り、休暇取得日数の向上に務めた。",
            next: "【令和7年度の取組内容】\n・引き続き、計画年休やリフレッシュ休暇取得の啓発に取り組み、定期的に職員の休暇取得日数を把握し、取得の少ない職員に所属長から取得を促していく。\n・常に業務の適切な管理や見直しを行うことで、職員が働きがいを持ち、それぞれの能力を発揮できる職場環境づくりを進めることで、年次有給休暇日数を維持し、ワークライフバランスを推進する。",
            content: "計画的に年休を取得する意識やリフレッシュのために取得する意識の浸透を図り、年休取得率を向上させる",
            indicator: "年次有給休暇取得率（平均取得日数）",
            baseline: "（R3)\n7.7日",
            goal: "12.0日",
        },
        Item {
            heading: "No.15【①ワークライフバランスの推進】男性の育児休業取得促進（総務課）",
            plan: JISSHI,
            target: ["20.0%", "23.0%", "85.0%", "85.0%", "85.0%"],
            actual: ["20.0%", "50.0%", "80.0%", "", ""],
            status: "【令和6年度の取組状況】\n・育児休業の制度について周知し、制度利用を促すとともに、対象職員や所属長への啓発により取得しやすい環境作りに努めた。",
            next: "【令和7年度の取組内容】\n・男性育児休業制度について、職員への制度の周知を通し、休業取得に向けた環境を整備する。\n・対象職員が男性育児休業を取得しやすいよう、庁内において利用への理解促進を図る。",
            content: "育児休業取得の対象となる男性職員の把握と制度の周知に加え、所属長や周囲の職員への啓発により、男性も育児休業を取得しやすい職場環境をつくることで、職員の職業生活と家庭生活の両立を目指す",
            indicator: "男性の育児休業取得率（年間取得５日間以上）",
            baseline: "（R3)\n0％",
            goal: "85.0%",
        },
        Item {
            heading: "No.16【②女性が活躍できる環境整備】行政職における女性管理職の登用を推進（総務課）",
            plan: JISSHI,
            target: ["31.0%", "35.0%", "35.0%", "35.0%", "35.0%"],
            actual: ["35.0%", "33.3%", "29.3%", "", ""],
            status: "【令和6年度の取組状況】\n・出産・育児との両立を支援する制度の周知や働きやすい職場環境づくりに努めるとともに、意欲ある女性職員の管理職への登用を進めるため、職員の意識改善に努めた。",
            next: "【令和7年度の取組内容】\n・仕事と出産・育児の両立を支援する制度や、ロールモデル（模範）となる女性管理職像について周知し、有能で意欲ある女性管理職の登用を進める。",
            content: "仕事と出産・育児の両立や、働きやすい環境づくりのもと、職員の適正配置を保ちながら、有能で意欲ある女性職員のさらなる登用を目指す",
            indicator: "行政職における女性管理職の割合",
            baseline: "（R3）\n30.2%",
            goal: "35.0%",
        },
    ]
}

/// Items in the first document (of 16): ten keep its PDF within the size budget (every
/// distinct kanji adds to the embedded font subset); the other six are a second document.
const ITEMS: usize = 10;

/// Items in the Chromium print (its font subset is about three times LibreOffice's).
const CHROMIUM_ITEMS: usize = 4;

/// Rows one item takes.
const ITEM_ROWS: u32 = 7;

fn write_item(sh: &mut Sheet, it: &Item, top: u32) {
    use Style::*;
    sh.span(top, 0, 1, 10, t(it.heading), Band);
    let h = top + 1;
    sh.put(h, 0, t("年度"), Label);
    for (i, y) in ["R4", "R5", "R6", "R7", "R8"].iter().enumerate() {
        sh.put(h, 1 + i as u16, t(y), Head);
    }
    for (i, l) in ["取組内容", "指標等", "基準値等", "目標値等"]
        .iter()
        .enumerate()
    {
        sh.put(h, 6 + i as u16, t(l), Label);
    }
    let g = top + 2;
    sh.span(g, 0, 2, 1, t("目標"), Label);
    for i in 0..5 {
        let col = 1 + i as u16;
        sh.put(g, col, t(it.plan[i]), Center);
        sh.put(g + 1, col, v(it.target[i]), Center);
        sh.put(g + 2, col, v(it.actual[i]), Center);
    }
    sh.put(g + 2, 0, t("実績"), Label);
    sh.span(g, 6, 3, 1, t(it.content), Text);
    sh.span(g, 7, 3, 1, t(it.indicator), Text);
    sh.span(g, 8, 3, 1, v(it.baseline), Center);
    sh.span(g, 9, 3, 1, v(it.goal), Center);
    sh.span(top + 5, 0, 1, 10, t(it.status), Text);
    sh.span(top + 6, 0, 1, 10, t(it.next), Text);
}

/// The sheet with items `skip + 1` … `skip + count`.
fn sheet(skip: usize, count: usize) -> Sheet {
    let widths = [7.0, 10.0, 10.0, 10.0, 10.0, 10.0, 21.0, 12.0, 10.0, 10.0];
    let mut sh = Sheet::new("実施計画", &widths, false, 9.0);
    sh.span(
        0,
        0,
        1,
        10,
        t("Ⅱ　具体的な取組項目及び令和６年度の取組状況"),
        Style::Title,
    );
    sh.repeat_rows = Some((0, 0));
    sh.header = Some("能美市行政経営プログラム2022 ▶ 2026実施計画書".to_string());
    let first = 2;
    for (k, it) in items().iter().skip(skip).take(count).enumerate() {
        let top = first + ITEM_ROWS * k as u32;
        if k > 0 && k % 2 == 0 {
            sh.breaks.push(top);
        }
        write_item(&mut sh, it, top);
    }
    sh
}

/// The 能美市 fixture document: ten items in the xlsx and its LibreOffice export, the first
/// four (two pages) in the Chromium print.
pub fn doc() -> Doc {
    Doc {
        dir: "nomi",
        stem: "nomi_jisshikeikaku",
        title: "能美市行政経営プログラム2022▶2026 実施計画書",
        author: "能美市",
        sheets: vec![sheet(0, ITEMS)],
        seed: "001_cde6d70d41f1791f.txt",
        own: vec![],
        chromium: Some(vec![sheet(0, CHROMIUM_ITEMS)]),
        expected: expected(0, ITEMS),
        chromium_expected: expected(0, CHROMIUM_ITEMS),
    }
}

/// The remaining items No.11–No.16 as a second workbook and LibreOffice export (three pages),
/// so that every item of the seed is in some fixture.
pub fn doc_rest() -> Doc {
    Doc {
        dir: "nomi",
        stem: "nomi_jisshikeikaku_no11-16",
        title: "能美市行政経営プログラム2022▶2026 実施計画書",
        author: "能美市",
        sheets: vec![sheet(ITEMS, usize::MAX)],
        seed: "001_cde6d70d41f1791f.txt",
        own: vec![],
        chromium: None,
        expected: expected(ITEMS, usize::MAX),
        chromium_expected: Vec::new(),
    }
}

/// Every value items `skip + 1` … `skip + count` print, where the model puts it: the plan row
/// (計画: 実施/検討/継続), the target and actual rows under R4…R8 (R4 = FY2022), 基準値等
/// (baseline, dated by the year printed in it), 目標値等 (final target, undated unless it
/// prints a year), and the two dated texts below the grid (【令和6年度の取組状況】 = the
/// FY2024 status, 【令和7年度の取組内容】 = the FY2025 plan). Placeholders (`-`, `－`) and
/// empty cells print no value.
fn expected(skip: usize, count: usize) -> Vec<Expect> {
    let mut out = Vec::new();
    for it in items().iter().skip(skip).take(count) {
        let id = item_id(it.heading);
        // The model's indicator names have no line breaks (the seed's wraps are joined); the
        // only normalization they need is full-width ASCII → half-width (`ＡＩ・ＲＰＡ` → `AI・RPA`,
        // `（年間取得５日間以上）` → `(年間取得5日間以上)`).
        let indicator = fold(it.indicator);
        let mut push =
            |indicator: Option<&str>, kind: &'static str, year: Option<i32>, raw: &str| {
                if raw.is_empty() || is_placeholder(raw) {
                    return;
                }
                let (printed_year, reading) = read(raw);
                out.push(Expect {
                    id: id.clone(),
                    indicator: indicator.map(str::to_owned),
                    kind,
                    fiscal_year: printed_year.or(year),
                    raw: raw.to_owned(),
                    reading,
                });
            };
        for (i, fy) in (2022..=2026).enumerate() {
            push(None, "plan", Some(fy), it.plan[i]);
        }
        for (i, fy) in (2022..=2026).enumerate() {
            push(Some(&indicator), "target", Some(fy), it.target[i]);
        }
        for (i, fy) in (2022..=2026).enumerate() {
            push(Some(&indicator), "actual", Some(fy), it.actual[i]);
        }
        push(Some(&indicator), "baseline", None, it.baseline);
        push(Some(&indicator), "final_target", None, it.goal);
        for raw in [it.status, it.next] {
            let (year, kind, text) = dated_text(raw);
            out.push(Expect {
                id: id.clone(),
                indicator: None,
                kind,
                fiscal_year: Some(year),
                raw: raw.to_owned(),
                reading: Reading::text(&text),
            });
        }
    }
    out
}

/// `No.1【…】…` → `No.1` (the printed id is ASCII already).
fn item_id(heading: &str) -> String {
    heading
        .split_once('【')
        .map_or(heading, |(id, _)| id)
        .to_owned()
}

/// `-`, `－`: nothing printed there.
fn is_placeholder(raw: &str) -> bool {
    matches!(raw, "-" | "－")
}

/// Full-width ASCII → half-width, U+3000 → space; everything else (`・`, `「」`, `…`, `【】`,
/// kana, kanji) as printed.
fn fold(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '\u{3000}' => ' ',
            '\u{FF01}'..='\u{FF5E}' => char::from_u32(c as u32 - 0xFEE0).unwrap_or(c),
            c => c,
        })
        .collect()
}

/// The dated texts under each grid, read by hand: the bracket names the year and what the text
/// is; the body is the text, its lines joined where the cell wrapped a sentence (between CJK
/// characters, so nothing goes in between; a continuation line's leading U+3000 indent goes
/// too) and kept where a new `・` bullet starts, then folded.
fn dated_text(raw: &str) -> (i32, &'static str, String) {
    let (year, kind, body) = if let Some(b) = raw.strip_prefix("【令和6年度の取組状況】\n")
    {
        (2024, "status", b)
    } else if let Some(b) = raw.strip_prefix("【令和7年度の取組内容】\n") {
        (2025, "plan", b)
    } else {
        (0, "unread", raw)
    };
    let mut text = String::new();
    for (i, line) in body.lines().enumerate() {
        if i > 0 && line.starts_with('・') {
            text.push('\n');
        }
        text.push_str(line.trim_start_matches('\u{3000}'));
    }
    (year, kind, fold(&text))
}

/// Each value cell's text read by hand from the seed: the year printed in the value itself
/// (基準値等 `（R3）26件` = FY2021), and the reading. Unknown text reads as an unread marker so
/// the comparison fails loudly.
fn read(raw: &str) -> (Option<i32>, Reading) {
    let num = Reading::number;
    let yen = |v: &'static str| Reading::number(v, "円").display("百万円");
    let r = match raw {
        // Plan row and No.5's 実績 row: schedule and progress words.
        "実施" => Reading::text("実施"),
        "検討" => Reading::text("検討"),
        "継続" => Reading::text("継続"),
        "検討・実施" => Reading::text("検討・実施"),
        // No.1 電子申請手続き可能件数.
        "累計\n250件" => num("250", "件").cumulative(),
        "累計\n300件" => num("300", "件").cumulative(),
        "累計\n350件" => num("350", "件").cumulative(),
        "累計\n440件" => num("440", "件").cumulative(),
        "累計\n450件" => num("450", "件").cumulative(),
        "累計\n171件" => num("171", "件").cumulative(),
        "累計\n284件" => num("284", "件").cumulative(),
        "累計\n427件" => num("427", "件").cumulative(),
        "（R3）\n26件" => return (Some(2021), num("26", "件")),
        // No.2 マイナンバーカードの交付枚数.
        "累計\n40,000枚" => num("40000", "枚").cumulative(),
        "累計\n44,000枚" => num("44000", "枚").cumulative(),
        "累計\n46,000枚" => num("46000", "枚").cumulative(),
        "累計\n48,000枚" => num("48000", "枚").cumulative(),
        "累計\n49,000枚" => num("49000", "枚").cumulative(),
        "累計\n35,603枚" => num("35603", "枚").cumulative(),
        "累計\n41,298枚" => num("41298", "枚").cumulative(),
        "累計\n45,872枚" => num("45872", "枚").cumulative(),
        "（R3）\n17,926枚" => return (Some(2021), num("17926", "枚")),
        // No.3 ＡＩ・ＲＰＡ等先端技術を活用した業務件数.
        "累計\n4件" => num("4", "件").cumulative(),
        "累計\n5件" => num("5", "件").cumulative(),
        "累計\n6件" => num("6", "件").cumulative(),
        "累計\n7件" => num("7", "件").cumulative(),
        "累計\n8件" => num("8", "件").cumulative(),
        "累計\n10件" => num("10", "件").cumulative(),
        "（R3）\n3件" => return (Some(2021), num("3", "件")),
        // No.4 紙の印刷枚数の削減枚数: 万 is a numeral (no display unit), 削減 a direction.
        "165万枚削減" => num("1650000", "枚").direction("decrease"),
        "220万枚削減" => num("2200000", "枚").direction("decrease"),
        "275万枚以上削減" => num("2750000", "枚").bound("at_least").direction("decrease"),
        "122万4千枚削減" => num("1224000", "枚").direction("decrease"),
        "211万枚削減" => num("2110000", "枚").direction("decrease"),
        // The baseline is the R4 print count itself, labelled 印刷枚数 (a part of the
        // indicator's own name, so it names no sub-indicator).
        "（R4）\n印刷枚数\n550万枚" => return (Some(2022), num("5500000", "枚")),
        // No.5: the final target is "implemented in R4": a dated text.
        "R4実施" => return (Some(2022), Reading::text("実施")),
        // No.6 未収債権額, No.9 ふるさと納税額 (百万円 → 円).
        "407百万円" => yen("407000000"),
        "380百万円" => yen("380000000"),
        "326百万円" => yen("326000000"),
        "300百万円" => yen("300000000"),
        "398百万円" => yen("398000000"),
        "426百万円" => yen("426000000"),
        "372百万円" => yen("372000000"),
        "（R3）\n434百万円" => return (Some(2021), yen("434000000")),
        "85百万円" => yen("85000000"),
        "130百万円" => yen("130000000"),
        "142百万円" => yen("142000000"),
        "154百万円" => yen("154000000"),
        "165百万円" => yen("165000000"),
        "116.6百万円" => yen("116600000"),
        "140.7百万円" => yen("140700000"),
        "250百万円" => yen("250000000"),
        "(R3)\n65百万円" => return (Some(2021), yen("65000000")),
        // No.8 未利用財産の売払額: R4 is the year's own amount, R5 on 累計.
        "15.6\n百万円" => yen("15600000"),
        "累計\n94.8\n百万円" => yen("94800000").cumulative(),
        "累計\n107.2\n百万円" => yen("107200000").cumulative(),
        "累計\n129.9\n百万円" => yen("129900000").cumulative(),
        "累計\n245百万円" => yen("245000000").cumulative(),
        "23.8\n百万円" => yen("23800000"),
        "累計\n103.8\n百万円" => yen("103800000").cumulative(),
        "累計\n115.3\n百万円" => yen("115300000").cumulative(),
        // No.12 人件費の削減 (the amount saved; the values carry no 削減 of their own).
        "1.9百万円" => yen("1900000"),
        "累計\n6.2百万円" => yen("6200000").cumulative(),
        "累計\n12.3\n百万円" => yen("12300000").cumulative(),
        "累計\n14百万円" => yen("14000000").cumulative(),
        "累計\n16百万円" => yen("16000000").cumulative(),
        // Percentages (No.7, No.10, No.11, No.13, No.15, No.16): trailing zeros dropped.
        "38.1%" => num("38.1", "%"),
        "38.6%" => num("38.6", "%"),
        "26.0%" => num("26", "%"),
        "28.0%" => num("28", "%"),
        "30.0%" => num("30", "%"),
        "25.3%" => num("25.3", "%"),
        "23.4%" => num("23.4", "%"),
        "（R3）\n37.7%" => return (Some(2021), num("37.7", "%")),
        "90.5%\n以内" => num("90.5", "%").bound("at_most"),
        "90.6%\n以内" => num("90.6", "%").bound("at_most"),
        "90.7%\n以内" => num("90.7", "%").bound("at_most"),
        "90.8%\n以内" => num("90.8", "%").bound("at_most"),
        "90.9%\n以内" => num("90.9", "%").bound("at_most"),
        "88.4%" => num("88.4", "%"),
        "90.4%" => num("90.4", "%"),
        "93.7%" => num("93.7", "%"),
        "(R2)\n90.4％" => return (Some(2020), num("90.4", "%")),
        "91％以内" => num("91", "%").bound("at_most"),
        "5.6%\n以内" => num("5.6", "%").bound("at_most"),
        "5.8%\n以内" => num("5.8", "%").bound("at_most"),
        "6.0%\n以内" => num("6", "%").bound("at_most"),
        "3.7%" => num("3.7", "%"),
        "3.6%" => num("3.6", "%"),
        "3.8%" => num("3.8", "%"),
        "(R2)\n5.6％" => return (Some(2020), num("5.6", "%")),
        "11％以内" => num("11", "%").bound("at_most"),
        "60.0%" => num("60", "%"),
        "80.0%" => num("80", "%"),
        "83.1%" => num("83.1", "%"),
        "87.5%" => num("87.5", "%"),
        "20.0%" => num("20", "%"),
        "23.0%" => num("23", "%"),
        "85.0%" => num("85", "%"),
        "50.0%" => num("50", "%"),
        "（R3)\n0％" => return (Some(2021), num("0", "%")),
        "31.0%" => num("31", "%"),
        "35.0%" => num("35", "%"),
        "33.3%" => num("33.3", "%"),
        "29.3%" => num("29.3", "%"),
        "（R3）\n30.2%" => return (Some(2021), num("30.2", "%")),
        // No.14 年次有給休暇取得率（平均取得日数）: days.
        "8.0日" => num("8", "日"),
        "10.0日" => num("10", "日"),
        "12.0日" => num("12", "日"),
        "11.0日" => num("11", "日"),
        "11.6日" => num("11.6", "日"),
        "（R3)\n7.7日" => return (Some(2021), num("7.7", "日")),
        _ => Reading::text(&format!("unread: {raw}")),
    };
    (None, r)
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn every_value_of_the_model_is_read_by_hand() {
        let all = expected(0, usize::MAX);
        let unread: Vec<&str> = all
            .iter()
            .filter(|e| {
                e.kind == "unread"
                    || e.reading
                        .text
                        .as_deref()
                        .is_some_and(|t| t.starts_with("unread"))
            })
            .map(|e| e.raw.as_str())
            .collect();
        assert!(unread.is_empty(), "{unread:?}");
    }

    #[test]
    fn the_documents_split_the_items() {
        let ids = |list: &[Expect]| -> Vec<String> {
            let mut ids: Vec<String> = list.iter().map(|e| e.id.clone()).collect();
            ids.dedup();
            ids
        };
        assert_eq!(ids(&doc().expected).len(), 10);
        assert_eq!(
            ids(&doc().chromium_expected),
            ["No.1", "No.2", "No.3", "No.4"]
        );
        assert_eq!(
            ids(&doc_rest().expected).first().map(String::as_str),
            Some("No.11")
        );
    }
}
