//! Headings that open or name an initiative: `No.1【①行政手続きのオンライン化】電子申請手続きの拡大（デジタル推進課）`,
//! `（20）　窓口業務の効率化とサービス向上`, `① 情報提供手段の拡大`, `1 市民ニーズの把握と「総働」`,
//! `(1) 市民にとってわかりやすい形での情報の提供`, `I 強しなやかな組織をつくる`.

use std::sync::LazyLock;

use muniplan_normalize::normalize_text;
use regex_automata::meta;

/// A pattern over one short text (a cell, a heading line), with `regex`'s syntax and matches.
/// Built without the lazy and one-pass DFAs: for texts of at most 80 characters the NFA
/// engines are as quick, and the DFAs doubled the compile cost every process paid for these
/// patterns (9 patterns: 11.8 M instructions with them, 6.5 M without).
struct Regex(meta::Regex);

/// The groups of one match.
struct Captures<'t> {
    text: &'t str,
    caps: regex_automata::util::captures::Captures,
}

/// One group's text.
struct Group<'t>(&'t str);

impl Regex {
    fn new(pattern: &str) -> Result<Regex, Box<meta::BuildError>> {
        meta::Regex::builder()
            .configure(meta::Config::new().hybrid(false).dfa(false).onepass(false))
            .build(pattern)
            .map(Regex)
            .map_err(Box::new)
    }

    fn is_match(&self, text: &str) -> bool {
        self.0.is_match(text)
    }

    fn captures<'t>(&self, text: &'t str) -> Option<Captures<'t>> {
        let mut caps = self.0.create_captures();
        self.0.captures(text, &mut caps);
        caps.is_match().then_some(Captures { text, caps })
    }
}

impl<'t> Captures<'t> {
    fn get(&self, group: usize) -> Option<Group<'t>> {
        let span = self.caps.get_group(group)?;
        self.text.get(span.range()).map(Group)
    }
}

impl<'t> Group<'t> {
    fn as_str(&self) -> &'t str {
        self.0
    }
}

/// A recognized heading.
#[derive(Debug, Clone, PartialEq)]
pub(crate) enum Heading {
    /// A full initiative heading: `No.N【category】title（department）`.
    Initiative {
        /// `No.N` as printed (normalized).
        id: String,
        /// The bracketed category.
        category: Option<String>,
        /// Title.
        title: String,
        /// Department in trailing parentheses, when it names one (…課, …室, …局, …部, …センター).
        department: Option<String>,
    },
    /// A numbered heading; deeper levels are more specific.
    Numbered {
        /// 0 roman (`I`, `Ⅱ`), 1 arabic (`1`), 2 parenthesized (`(1)`, `（１）`), 3 circled (`①`).
        level: u8,
        /// The number as printed (`1`, `(1)`, `①`, `I`).
        id: String,
        /// The text after the number.
        text: String,
    },
}

/// The patterns of the statics below (by name), also the oracle's in a test.
const NO_HEADING_PATTERN: &str = r"^(No\.?\s*\d+)\s*(?:【([^】]*)】)?\s*(.+?)\s*(?:\(([^()]*(?:課|室|局|部|センター|所|署))\))?$";
const PAREN_PATTERN: &str = r"^(\(\d{1,3}\))\s*(\S.*)$";
const ARABIC_PATTERN: &str = r"^(\d{1,2})\s+(\S.*)$";
const CIRCLED_PATTERN: &str = r"^([①-⑳])\s*(\S.*)$";
const ROMAN_PATTERN: &str = r"^((?:I|II|III|IV|V|VI|VII|VIII|IX|X))\s+(\S.*)$";
const COMPOUND_PATTERN: &str = r"^(?:(?:取組|取り組み|施策|項目|事業|No\.?)\s*)?((?:\d{1,2}|[IVX]{1,4}|\(\d{1,2}\))(?:\s*-\s*(?:\d{1,2}|\(\d{1,2}\)|[①-⑳]|[ア-ン]))+)\s*(\S.*)$";
const UNNUMBERED_PATTERN: &str =
    r"^(?:【([^】]*)】)?\s*(.+?)\s*(?:\(([^()]*(?:課|室|局|部|センター|所|署))\))?$";
const LONE_ID_PATTERN: &str = r"^(?:\(\d{1,3}\)|No\.?\s*\d{1,3}|(?:\d{1,2}|[IVX]{1,4}|\(\d{1,2}\))(?:\s*-\s*(?:\d{1,2}|\(\d{1,2}\)|[①-⑳]|[ア-ン]))+)$";

static NO_HEADING: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(NO_HEADING_PATTERN).ok());
static PAREN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(PAREN_PATTERN).ok());
static ARABIC: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(ARABIC_PATTERN).ok());
static CIRCLED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(CIRCLED_PATTERN).ok());
static ROMAN: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(ROMAN_PATTERN).ok());

/// A compound item number, maybe after a word naming the item: `取組 1-1　…`, `1-(2)-③ …`,
/// `Ⅱ-1 …`, `施策 3-2-ア …`. The number path names one item: an initiative heading.
static COMPOUND: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(COMPOUND_PATTERN).ok());

/// An item number standing alone in a cell, with no title: `（６）`, `No.1`, `1-(1)-①`,
/// `Ⅲ-(1)-ア`. It names an initiative wherever it stands (the corner cell of a card's year
/// header, an id column). The normalized number, as a heading with that number gives it.
pub(crate) fn lone_id(raw: &str) -> Option<String> {
    let text = normalize_text(raw);
    let text = text.trim();
    let re = LONE_ID.as_ref()?;
    re.is_match(text).then(|| text.replace(' ', ""))
}

/// A heading without its number, as a title row prints it: `【category】title（department）`,
/// or just a title. Title, category, department (when the parentheses name one).
pub(crate) fn unnumbered(text: &str) -> Option<(String, Option<String>, Option<String>)> {
    let text = normalize_text(text);
    let c = UNNUMBERED.as_ref()?.captures(text.trim())?;
    let title = c.get(2)?.as_str().trim().to_string();
    (!title.is_empty()).then(|| {
        (
            title,
            c.get(1).map(|m| m.as_str().trim().to_string()),
            c.get(3).map(|m| m.as_str().trim().to_string()),
        )
    })
}

static UNNUMBERED: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(UNNUMBERED_PATTERN).ok());

/// The numbers of [`lone_id`]: `(N)`, `No.N`, and the compound paths of [`COMPOUND`].
static LONE_ID: LazyLock<Option<Regex>> = LazyLock::new(|| Regex::new(LONE_ID_PATTERN).ok());

/// Parse a heading from one cell or text block. Long texts, several lines of prose, and
/// anything ending like a sentence are not headings.
pub(crate) fn parse_heading(raw: &str) -> Option<Heading> {
    heading_of_normalized(&normalize_text(raw))
}

/// [`parse_heading`] of a text already normalized (`normalize_text`).
pub(crate) fn heading_of_normalized(text: &str) -> Option<Heading> {
    let text = text.trim();
    if text.is_empty() || text.chars().count() > 80 || text.ends_with('。') {
        return None;
    }
    if let Some(c) = NO_HEADING.as_ref().and_then(|re| re.captures(text)) {
        let title = c.get(3)?.as_str().trim().to_string();
        if !title.is_empty() {
            return Some(Heading::Initiative {
                id: c.get(1)?.as_str().replace(' ', ""),
                category: c.get(2).map(|m| m.as_str().trim().to_string()),
                title,
                department: c.get(4).map(|m| m.as_str().trim().to_string()),
            });
        }
    }
    if let Some(c) = COMPOUND.as_ref().and_then(|re| re.captures(text)) {
        let title = c.get(2)?.as_str().trim();
        if title.chars().filter(|ch| is_word_char(*ch)).count() >= 2 {
            return Some(Heading::Initiative {
                id: c.get(1)?.as_str().replace(' ', ""),
                category: None,
                title: title.to_string(),
                department: None,
            });
        }
    }
    let numbered = |re: &Option<Regex>, level: u8| -> Option<Heading> {
        let c = re.as_ref()?.captures(text)?;
        // `3 (4)` or `1 件` are values, not headings: a heading names something in words.
        let words = c.get(2)?.as_str();
        if words.chars().filter(|ch| is_word_char(*ch)).count() < 2 {
            return None;
        }
        Some(Heading::Numbered {
            level,
            id: c.get(1)?.as_str().to_string(),
            text: c.get(2)?.as_str().trim().to_string(),
        })
    };
    numbered(&PAREN, 2)
        .or_else(|| numbered(&CIRCLED, 3))
        .or_else(|| numbered(&ROMAN, 0))
        .or_else(|| numbered(&ARABIC, 1))
}

/// Every heading of a cell or text block, line by line: several headings stacked in one block
/// (`4 健全な財政運営` / `(1) 歳出の削減…` / `④ 市税の収納率の向上`) each take their level, id
/// and title. A line that does not open a heading continues the one above (a title wrapped
/// onto a second line).
pub(crate) fn parse_headings(raw: &str) -> Vec<Heading> {
    let mut groups: Vec<String> = Vec::new();
    for line in raw.lines().map(str::trim).filter(|l| !l.is_empty()) {
        match groups.last_mut() {
            Some(last) if parse_heading(line).is_none() => last.push_str(line),
            _ => groups.push(line.to_string()),
        }
    }
    groups.iter().filter_map(|g| parse_heading(g)).collect()
}

/// Kana, kanji and Latin letters.
fn is_word_char(c: char) -> bool {
    c.is_alphabetic() && !c.is_ascii_digit()
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The patterns built without DFAs match, and capture, what `regex` does with them.
    #[test]
    fn the_patterns_match_as_regex_matches_them() {
        let patterns = [
            NO_HEADING_PATTERN,
            PAREN_PATTERN,
            ARABIC_PATTERN,
            CIRCLED_PATTERN,
            ROMAN_PATTERN,
            COMPOUND_PATTERN,
            UNNUMBERED_PATTERN,
            LONE_ID_PATTERN,
        ];
        let heads = [
            "No.1",
            "No 12",
            "No.1【①行政手続きのオンライン化】",
            "(20)",
            "(1)",
            "1",
            "12",
            "①",
            "⑳",
            "I",
            "IV",
            "X",
            "取組 1-1",
            "1-(2)-③",
            "II-1",
            "施策 3-2-ア",
            "(1)-ア",
            "",
            "【分類】",
            "١",
            "(١)",
            "No.𝟏",
        ];
        let tails = [
            "",
            " ",
            " 電子申請手続きの拡大(デジタル推進課)",
            "窓口業務の効率化とサービス向上",
            " 3 (4)",
            "　市民ニーズの把握と「総働」(市民協働課)(1)",
            " a",
            "(健康センター)",
            " x(所)",
            "\n次の行",
        ];
        for pattern in patterns {
            let ours = Regex::new(pattern).ok();
            let theirs = regex::Regex::new(pattern).ok();
            let (Some(ours), Some(theirs)) = (ours, theirs) else {
                panic!("{pattern} does not build");
            };
            for h in heads {
                for t in tails {
                    let text = format!("{h}{t}");
                    assert_eq!(
                        ours.is_match(&text),
                        theirs.is_match(&text),
                        "{pattern} {text:?}"
                    );
                    let a = ours.captures(&text);
                    let b = theirs.captures(&text);
                    assert_eq!(a.is_some(), b.is_some(), "{pattern} {text:?}");
                    if let (Some(a), Some(b)) = (a, b) {
                        for g in 0..b.len() {
                            assert_eq!(
                                a.get(g).map(|m| m.as_str()),
                                b.get(g).map(|m| m.as_str()),
                                "{pattern} {text:?} group {g}"
                            );
                        }
                    }
                }
            }
        }
    }

    #[test]
    fn headings() {
        assert_eq!(
            parse_heading(
                "No.1【①行政手続きのオンライン化】電子申請手続きの拡大（デジタル推進課）"
            ),
            Some(Heading::Initiative {
                id: "No.1".into(),
                category: Some("①行政手続きのオンライン化".into()),
                title: "電子申請手続きの拡大".into(),
                department: Some("デジタル推進課".into()),
            })
        );
        assert_eq!(
            parse_heading("（20）　窓口業務の効率化とサービス向上"),
            Some(Heading::Numbered {
                level: 2,
                id: "(20)".into(),
                text: "窓口業務の効率化とサービス向上".into()
            })
        );
        assert_eq!(
            parse_heading("① 情報提供手段の拡大"),
            Some(Heading::Numbered {
                level: 3,
                id: "①".into(),
                text: "情報提供手段の拡大".into()
            })
        );
        assert!(matches!(
            parse_heading("1 市民ニーズの把握と「総働」"),
            Some(Heading::Numbered { level: 1, .. })
        ));
        assert!(matches!(
            parse_heading("(1) 市民にとってわかりやすい形での情報の提供"),
            Some(Heading::Numbered { level: 2, .. })
        ));
        assert_eq!(parse_heading("市税の現年度収納率99%以上を維持する。"), None);
        assert_eq!(parse_heading("98.60%"), None);
        assert_eq!(parse_heading("3 (4)"), None);
    }

    #[test]
    fn unnumbered_headings() {
        assert_eq!(
            unnumbered("【②歳入確保】使用料の見直し（財政課）"),
            Some((
                "使用料の見直し".into(),
                Some("②歳入確保".into()),
                Some("財政課".into())
            ))
        );
        assert_eq!(
            unnumbered("SNSフォロワー数"),
            Some(("SNSフォロワー数".into(), None, None))
        );
    }

    #[test]
    fn lone_ids() {
        assert_eq!(lone_id("（６）").as_deref(), Some("(6)"));
        assert_eq!(lone_id("No.1").as_deref(), Some("No.1"));
        assert_eq!(lone_id("1-(1)-①").as_deref(), Some("1-(1)-①"));
        assert_eq!(lone_id("Ⅲ-(1)-ア").as_deref(), Some("III-(1)-ア"));
        assert_eq!(lone_id("(1) 情報提供"), None);
        assert_eq!(lone_id("令和5年度"), None);
        assert_eq!(lone_id("2023-2024"), None);
        assert_eq!(lone_id("12"), None);
    }

    #[test]
    fn compound_headings() {
        let id_title = |t: &str| match parse_heading(t) {
            Some(Heading::Initiative { id, title, .. }) => Some((id, title)),
            _ => None,
        };
        assert_eq!(
            id_title("取組 1-1　情報提供手段の拡大"),
            Some(("1-1".into(), "情報提供手段の拡大".into()))
        );
        assert_eq!(
            id_title("1-(2)-③ 窓口サービスの向上"),
            Some(("1-(2)-③".into(), "窓口サービスの向上".into()))
        );
        assert_eq!(
            id_title("Ⅱ-1 公共施設の適正配置"),
            Some(("II-1".into(), "公共施設の適正配置".into()))
        );
        assert_eq!(id_title("1-2 件"), None);
        assert_eq!(id_title("2023-2024"), None);
    }

    #[test]
    fn stacked_headings() {
        let found = parse_headings(
            "Ⅱ　具体的な取組項目\n４　健全な財政運営\n（1）歳出の削減と効率化\n④ 市税の収納率の向上",
        );
        let levels: Vec<(u8, String)> = found
            .iter()
            .filter_map(|h| match h {
                Heading::Numbered { level, text, .. } => Some((*level, text.clone())),
                Heading::Initiative { .. } => None,
            })
            .collect();
        assert_eq!(
            levels,
            vec![
                (0, "具体的な取組項目".to_string()),
                (1, "健全な財政運営".to_string()),
                (2, "歳出の削減と効率化".to_string()),
                (3, "市税の収納率の向上".to_string()),
            ]
        );
        // A title wrapped onto a second line stays one heading.
        assert_eq!(
            parse_headings("No.9【②税外収入の確保】ふるさと\n納税の推進（市長室）"),
            vec![Heading::Initiative {
                id: "No.9".into(),
                category: Some("②税外収入の確保".into()),
                title: "ふるさと納税の推進".into(),
                department: Some("市長室".into()),
            }]
        );
        // Prose is no heading, whatever its first line.
        assert!(parse_headings("市税の収納率は\n向上した。").is_empty());
    }
}
