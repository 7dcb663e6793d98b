//! Document metadata: title, municipality and its code, plan period.

use std::collections::HashMap;
use std::sync::LazyLock;

use muniplan_ir::LayoutDoc;
use muniplan_normalize::{Hints, Value, normalize_text, parse_value, scan_fiscal_years};

use crate::model::{Kind, Plan, Recognized};

/// One row of the compiled-in municipality table.
#[derive(Debug, Clone, PartialEq)]
pub struct Municipality {
    /// 6-digit code with check digit.
    pub code: &'static str,
    /// Prefecture name (東京都).
    pub prefecture: &'static str,
    /// Municipality name (府中市); empty for the prefecture's own row.
    pub name: &'static str,
}

/// 総務省's list of local government codes (see the header of `data/municipalities.tsv`).
static MUNICIPALITIES: LazyLock<Vec<Municipality>> = LazyLock::new(|| {
    include_str!("../data/municipalities.tsv")
        .lines()
        .filter(|l| !l.starts_with('#'))
        .filter_map(|l| {
            let mut parts = l.split('\t');
            Some(Municipality {
                code: parts.next()?,
                prefecture: parts.next()?,
                name: parts.next()?,
            })
        })
        .collect()
});

/// The table's names for finding them in text: every name ends in one of a few characters
/// (市, 町, 村, 区), so a text is probed only where it has one of them, with each length a name
/// has, in a hash of the names. Built once per process from the table (a hash of 1,741 names,
/// not an automaton of them).
struct NameIndex {
    /// Each name's last row in the table.
    last_row: HashMap<&'static str, usize>,
    /// The characters names end in.
    endings: Vec<char>,
    /// The longest name, in characters.
    longest: usize,
}

static NAME_INDEX: LazyLock<NameIndex> = LazyLock::new(|| {
    let mut index = NameIndex {
        last_row: HashMap::with_capacity(MUNICIPALITIES.len()),
        endings: Vec::new(),
        longest: 0,
    };
    for (row, m) in MUNICIPALITIES.iter().enumerate() {
        let Some(last) = m.name.chars().last() else {
            // A prefecture's own row: no name to find.
            continue;
        };
        index.last_row.insert(m.name, row);
        if !index.endings.contains(&last) {
            index.endings.push(last);
        }
        index.longest = index.longest.max(m.name.chars().count());
    }
    index
});

/// Every name occurring in `text` (overlapping ones too), with its last row in the table.
fn names_in(text: &str) -> Vec<(&'static str, usize)> {
    let index = &*NAME_INDEX;
    let mut found = Vec::new();
    if !text.contains(index.endings.as_slice()) {
        return found;
    }
    let starts: Vec<usize> = text.char_indices().map(|(i, _)| i).collect();
    for (k, (i, c)) in text.char_indices().enumerate() {
        if !index.endings.contains(&c) {
            continue;
        }
        let end = i + c.len_utf8();
        for len in 1..=index.longest.min(k + 1) {
            let Some(candidate) = starts.get(k + 1 - len).and_then(|&s| text.get(s..end)) else {
                continue;
            };
            if let Some((&name, &row)) = index.last_row.get_key_value(candidate) {
                found.push((name, row));
            }
        }
    }
    found
}

/// All municipalities, prefectures included (with an empty `name`).
pub fn municipalities() -> &'static [Municipality] {
    &MUNICIPALITIES
}

impl Municipality {
    /// The prefecture's 2-digit code (JIS X 0401): the first two digits of the code.
    pub fn prefecture_code(&self) -> &'static str {
        self.code.get(..2).unwrap_or("")
    }

    /// `東京都府中市` (the prefecture alone for a prefecture's own row).
    pub fn full_name(&self) -> String {
        format!("{}{}", self.prefecture, self.name)
    }
}

/// The municipality with this 6-digit code.
pub fn municipality_by_code(code: &str) -> Option<&'static Municipality> {
    municipalities().iter().find(|m| m.code == code)
}

/// Why a name or code someone gave names no single municipality.
#[derive(Debug, Clone, PartialEq)]
pub enum LookupError {
    /// No entry has this name or code; the closest entries, nearest first.
    Unknown {
        /// What was given.
        query: String,
        /// The nearest entries.
        closest: Vec<&'static Municipality>,
    },
    /// Several municipalities share this name: the prefecture or the code tells which.
    Ambiguous {
        /// What was given.
        query: String,
        /// Every entry of that name.
        candidates: Vec<&'static Municipality>,
    },
}

impl std::fmt::Display for LookupError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |ms: &[&Municipality]| {
            ms.iter()
                .map(|m| format!("{} {}", m.code, m.full_name()))
                .collect::<Vec<_>>()
                .join(", ")
        };
        match self {
            LookupError::Unknown { query, closest } => write!(
                f,
                "no municipality is named or coded `{query}` in the 総務省 table; closest: {}",
                list(closest)
            ),
            LookupError::Ambiguous { query, candidates } => write!(
                f,
                "`{query}` names {} municipalities: {}; give the prefecture (e.g. `{}`) or the 6-digit code",
                candidates.len(),
                list(candidates),
                candidates
                    .first()
                    .map(|m| m.full_name())
                    .unwrap_or_default()
            ),
        }
    }
}

impl std::error::Error for LookupError {}

/// The one municipality a name or code given by a user names: a 6-digit code (with check
/// digit), a 5-digit code (without it), a name (`能美市`), or a prefecture and name
/// (`東京都府中市`, `東京都 府中市`); a prefecture alone names the prefecture's own row.
/// Full-width digits and spaces are folded first.
pub fn lookup_municipality(query: &str) -> Result<&'static Municipality, LookupError> {
    let q: String = normalize_text(query)
        .chars()
        .filter(|c| !c.is_whitespace())
        .collect();
    let all = municipalities();
    let unknown = |closest| LookupError::Unknown {
        query: query.trim().to_string(),
        closest,
    };
    if !q.is_empty() && q.chars().all(|c| c.is_ascii_digit()) {
        let hit = match q.len() {
            6 => all.iter().find(|m| m.code == q),
            5 => all.iter().find(|m| m.code.starts_with(q.as_str())),
            _ => None,
        };
        return hit.ok_or_else(|| unknown(closest_codes(&q)));
    }
    let named: Vec<&Municipality> = all
        .iter()
        .filter(|m| {
            (!m.name.is_empty() && m.name == q)
                || m.full_name() == q
                || (m.name.is_empty() && m.prefecture == q)
        })
        .collect();
    match named.as_slice() {
        [one] => Ok(one),
        [] => Err(unknown(closest_names(&q))),
        many => Err(LookupError::Ambiguous {
            query: query.trim().to_string(),
            candidates: many.to_vec(),
        }),
    }
}

/// How many entries an unknown name or code is answered with.
const CLOSEST: usize = 3;
/// How many equally near names are listed at most.
const MOST_CLOSE: usize = 8;

/// Codes sharing the longest leading digits with `q`.
fn closest_codes(q: &str) -> Vec<&'static Municipality> {
    let shared = |m: &Municipality| {
        m.code
            .chars()
            .zip(q.chars())
            .take_while(|(a, b)| a == b)
            .count()
    };
    let mut all: Vec<&Municipality> = municipalities().iter().collect();
    // Stable: among equals, table order (ascending code).
    all.sort_by_key(|m| std::cmp::Reverse(shared(m)));
    all.truncate(CLOSEST);
    all
}

/// Entries whose name (or prefecture and name) is nearest to `q` in edit distance.
fn closest_names(q: &str) -> Vec<&'static Municipality> {
    let q: Vec<char> = q.chars().collect();
    let mut all: Vec<(usize, &Municipality)> = municipalities()
        .iter()
        .map(|m| {
            let name: Vec<char> = m.name.chars().collect();
            let full: Vec<char> = m.full_name().chars().collect();
            (edit_distance(&q, &name).min(edit_distance(&q, &full)), m)
        })
        .collect();
    all.sort_by_key(|(d, _)| *d);
    // Every entry as near as the nearest (a wrong kanji is one step from several names),
    // within bounds.
    let nearest = all.first().map_or(0, |(d, _)| *d);
    all.into_iter()
        .enumerate()
        .take_while(|(i, (d, _))| *i < CLOSEST || (*d == nearest && *i < MOST_CLOSE))
        .map(|(_, (_, m))| m)
        .collect()
}

/// Levenshtein distance over characters.
fn edit_distance(a: &[char], b: &[char]) -> usize {
    let mut prev: Vec<usize> = (0..=b.len()).collect();
    for (i, ca) in a.iter().enumerate() {
        let mut cur = vec![i + 1; b.len() + 1];
        for (j, cb) in b.iter().enumerate() {
            let sub = prev[j] + usize::from(ca != cb);
            cur[j + 1] = sub.min(prev[j + 1] + 1).min(cur[j] + 1);
        }
        prev = cur;
    }
    prev[b.len()]
}

/// Words that make a short text a plan title.
const TITLE_WORDS: &[&str] = &["計画", "大綱", "プログラム", "行政改革", "行革"];

pub(crate) fn plan_metadata(doc: &LayoutDoc, rec: &Recognized) -> Plan {
    let mut texts = leading_texts(doc);
    // The file's own metadata title comes last: a printed title wins, but a document that
    // prints none (a browser print of a web page, a sheet without its heading) often still
    // names itself there.
    if let Some(t) = doc.source.title.as_deref().map(normalize_text) {
        texts.push(t);
    }
    let is_title = |t: &String| {
        let n = t.chars().count();
        (6..=80).contains(&n)
            // A sentence or a list of points is prose, not a title.
            && !t.trim_end().ends_with('。')
            && t.lines().count() <= 2
            && TITLE_WORDS.iter().any(|w| t.contains(w))
            && crate::vocab::field_of(t).is_none()
    };
    let names_city = |t: &String| find_municipality(t, &[]).is_some();
    let title = texts
        .iter()
        .find(|t| is_title(t) && names_city(t))
        .or_else(|| texts.iter().find(|t| is_title(t)))
        .cloned();
    let found = title
        .as_deref()
        .and_then(|t| find_municipality(t, &texts))
        .or_else(|| texts.iter().find_map(|t| find_municipality(t, &texts)));
    let period = title
        .as_deref()
        .and_then(western_year_span)
        .or_else(|| {
            texts
                .iter()
                .find_map(|t| match parse_value(t, &Hints::default()).value {
                    Value::FiscalYearRange {
                        from: Some(from),
                        to: Some(to),
                    } => Some((from, to)),
                    _ => None,
                })
        })
        .or_else(|| plan_years(rec));
    Plan {
        municipality: found.map(|m| m.0.to_string()),
        municipality_code: found.and_then(|m| m.1).map(str::to_string),
        title,
        period,
        report_year: report_year(&texts),
    }
}

/// A span of Western years in a title: `能美市行政経営プログラム2022▶2026`,
/// `2023～2027`. The normalizer keeps `2022 ▶ 2026` as text (▶ is no range mark in a value);
/// in a plan's title it names the plan period.
///
/// The first place, left to right, where a year (19xx or 20xx, not inside a longer number)
/// is followed by an optional `年`/`年度`, a range mark between optional spaces, and a second
/// year not followed by a digit. Written out by hand: the regular expression it replaces cost
/// every process 2.6 M instructions to compile (a test compares the two).
fn western_year_span(title: &str) -> Option<(i32, i32)> {
    let chars: Vec<char> = title.chars().collect();
    let at = |i: usize| chars.get(i).copied();
    let year_at = |i: usize| -> Option<i32> {
        let digits: String = chars.get(i..i + 4)?.iter().collect();
        let century_ok = digits.starts_with("19") || digits.starts_with("20");
        (century_ok && digits.chars().all(|c| c.is_ascii_digit()))
            .then(|| digits.parse().ok())
            .flatten()
    };
    let skip_spaces = |mut i: usize| {
        while at(i).is_some_and(char::is_whitespace) {
            i += 1;
        }
        i
    };
    let span_from = |start: usize| -> Option<(i32, i32)> {
        let from = year_at(start)?;
        let mut i = start + 4;
        if at(i) == Some('年') {
            i += 1;
            if at(i) == Some('度') {
                i += 1;
            }
        }
        i = skip_spaces(i);
        if !at(i).is_some_and(|c| RANGE_MARKS.contains(&c)) {
            return None;
        }
        i = skip_spaces(i + 1);
        let to = year_at(i)?;
        // After the second year (and an optional 年/年度, themselves no digits): no digit.
        (!at(i + 4).is_some_and(|c| c.is_ascii_digit())).then_some((from, to))
    };
    let (from, to) = (0..chars.len())
        .filter(|&i| i == 0 || !at(i - 1).is_some_and(|c| c.is_ascii_digit()))
        .find_map(span_from)?;
    (from <= to && to - from <= 20).then_some((from, to))
}

/// The marks a title prints between the two years of its period.
const RANGE_MARKS: &[char] = &['▶', '～', '〜', '~', '-', '―', '－'];

/// The years the plan itself schedules: the span of its dated targets, plans, actuals and
/// statuses (a baseline's year lies before the plan, so it does not count).
fn plan_years(rec: &Recognized) -> Option<(i32, i32)> {
    let years: Vec<i32> = rec
        .initiatives
        .iter()
        .flat_map(|i| &i.observations)
        .filter(|o| o.kind != Kind::Baseline)
        .filter_map(|o| o.fiscal_year)
        .collect();
    Some((*years.iter().min()?, *years.iter().max()?))
}

/// Words that say a text reports on a year: `令和６年度の取組状況`, `令和5年度取組結果`.
const REPORT_WORDS: &[&str] = &[
    "取組状況",
    "取組結果",
    "進捗状況",
    "実施状況",
    "達成状況",
    "実績",
    // `令和5年度目標未達成項目`: the targets a year missed.
    "目標未達成",
    "未達成",
];

/// The fiscal year a progress report covers, from a heading that names a year right before
/// a reporting word. A cover date (`令和6年3月`) is a date, not a fiscal year, and never
/// counts.
fn report_year(texts: &[String]) -> Option<i32> {
    texts.iter().find_map(|t| {
        let years = scan_fiscal_years(t);
        let norm = normalize_text(t);
        years.iter().find_map(|y| {
            let after = norm.get(y.end..)?;
            let after = after.trim_start_matches(['の', ' ']);
            let word = REPORT_WORDS.iter().find(|w| after.starts_with(**w))?;
            // `R4実績` alone is a column header, not a statement about the document.
            let bare = norm.get(..y.start).is_some_and(|b| b.trim().is_empty())
                && after.get(word.len()..).is_some_and(|a| a.trim().is_empty());
            (!bare).then_some(y.year)
        })
    })
}

/// The first texts of the document, normalized: loose blocks and cells of the first page, and
/// sheet names; where titles and city names are printed.
fn leading_texts(doc: &LayoutDoc) -> Vec<String> {
    let mut out = Vec::new();
    for page in doc.pages.iter().take(2) {
        for block in &page.blocks {
            out.push(normalize_text(&block.text));
        }
        for table in page.tables.iter().take(1) {
            for cell in table.cells.iter().take(60) {
                out.push(normalize_text(&cell.text));
            }
        }
        if let Some(name) = &page.name {
            out.push(normalize_text(name));
        }
    }
    out.retain(|t| !t.trim().is_empty());
    out
}

/// The longest municipality name in `text`, with its code when the name is unique or a
/// prefecture printed nearby tells which one it is.
fn find_municipality(
    text: &str,
    context: &[String],
) -> Option<(&'static str, Option<&'static str>)> {
    let all = municipalities();
    // The longest name in the text; of two of one length, the one with the later row, as a
    // scan of the table would have it.
    let (best, _) = names_in(text)
        .into_iter()
        .max_by_key(|&(name, row)| (name.chars().count(), row))?;
    let same: Vec<&Municipality> = all.iter().filter(|m| m.name == best).collect();
    let code = match same.as_slice() {
        [one] => Some(one.code),
        many => many
            .iter()
            .find(|m| context.iter().any(|t| t.contains(m.prefecture)))
            .map(|m| m.code),
    };
    Some((best, code))
}

#[cfg(test)]
mod tests {
    use super::*;

    /// JIS X 0402 check digit: weights 6..2 over the first five digits, 11 minus the
    /// remainder mod 11, last digit of that.
    fn check_digit(code: &str) -> Option<u32> {
        let digits: Vec<u32> = code
            .chars()
            .take(5)
            .map(|c| c.to_digit(10))
            .collect::<Option<_>>()?;
        let sum: u32 = digits.iter().zip([6, 5, 4, 3, 2]).map(|(d, w)| d * w).sum();
        Some((11 - sum % 11) % 10)
    }

    /// The table scan the name index replaces: the longest name contained in the text, the
    /// later row of two of one length.
    fn naive_longest_name(text: &str) -> Option<&'static str> {
        municipalities()
            .iter()
            .filter(|m| !m.name.is_empty() && text.contains(m.name))
            .map(|m| m.name)
            .max_by_key(|n| n.chars().count())
    }

    #[test]
    fn the_name_index_finds_what_a_scan_of_the_table_finds() {
        let all = municipalities();
        let mut texts: Vec<String> = vec![
            String::new(),
            "行政改革大綱".into(),
            "\u{0}\u{0}".into(),
            "市川三郷町と市川市".into(),
            "東京都府中市・広島県府中市".into(),
        ];
        // Names run together (overlaps across the joins), and names inside other words, for
        // every row; a name cut before its last character, and between ending characters.
        for (i, w) in all.windows(3).enumerate() {
            texts.push(format!("{}{}{}", w[0].name, w[1].name, w[2].name));
            texts.push(format!(
                "第{i}次{}行政改革実施計画（{}）",
                w[2].name, w[0].prefecture
            ));
            let mut cut: Vec<char> = w[1].name.chars().collect();
            cut.pop();
            let cut: String = cut.into_iter().collect();
            texts.push(format!("{cut} {}", w[0].name));
            texts.push(format!("市{}町村{cut}区", w[2].name));
        }
        for t in &texts {
            assert_eq!(
                find_municipality(t, &[]).map(|(n, _)| n),
                naive_longest_name(t),
                "{t}"
            );
        }
    }

    #[test]
    fn every_code_has_a_valid_check_digit() {
        assert_eq!(municipalities().len(), 1788);
        for m in municipalities() {
            assert_eq!(m.code.len(), 6, "{m:?}");
            let last = m.code.chars().last().and_then(|c| c.to_digit(10));
            assert_eq!(check_digit(m.code), last, "{m:?}");
        }
    }

    #[test]
    fn a_given_name_or_code_names_one_municipality() {
        let code = |q: &str| lookup_municipality(q).map(|m| m.code);
        assert_eq!(code("能美市"), Ok("172111"));
        assert_eq!(code("172111"), Ok("172111"));
        assert_eq!(code("１７２１１１"), Ok("172111"), "full-width digits");
        assert_eq!(code("17211"), Ok("172111"), "without the check digit");
        assert_eq!(code("東京都府中市"), Ok("132063"));
        assert_eq!(code("広島県 府中市"), Ok("342084"));
        assert_eq!(code("石川県"), Ok("170003"), "a prefecture's own row");
        let m = lookup_municipality("能美市").ok();
        assert_eq!(
            m.map(|m| (m.prefecture, m.prefecture_code())),
            Some(("石川県", "17"))
        );
    }

    #[test]
    fn an_ambiguous_name_asks_for_the_prefecture() {
        match lookup_municipality("府中市") {
            Err(e @ LookupError::Ambiguous { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("132063 東京都府中市"), "{msg}");
                assert!(msg.contains("342084 広島県府中市"), "{msg}");
                assert!(msg.contains("prefecture"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn a_typo_or_a_wrong_code_names_the_closest_entries() {
        // 能美市 with one character wrong.
        match lookup_municipality("能見市") {
            Err(LookupError::Unknown { closest, .. }) => {
                assert!(closest.iter().any(|m| m.code == "172111"), "{closest:?}")
            }
            other => panic!("{other:?}"),
        }
        // The right five digits with a wrong check digit.
        match lookup_municipality("172112") {
            Err(e @ LookupError::Unknown { .. }) => {
                let msg = e.to_string();
                assert!(msg.contains("`172112`"), "{msg}");
                assert!(msg.contains("172111 石川県能美市"), "{msg}");
            }
            other => panic!("{other:?}"),
        }
        assert!(lookup_municipality("").is_err());
        assert!(lookup_municipality("1234567").is_err());
    }

    #[test]
    fn report_years() {
        let t = |s: &str| vec![s.to_string()];
        assert_eq!(
            report_year(&t("Ⅱ　具体的な取組項目及び令和６年度の取組状況")),
            Some(2024)
        );
        assert_eq!(
            report_year(&t(
                "第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）について"
            )),
            Some(2023)
        );
        assert_eq!(
            report_year(&t(
                "(1) 第7次厚木市行政改革大綱令和5年度取組結果（見込み）について"
            )),
            Some(2023)
        );
        assert_eq!(
            report_year(&t("行政改革取組項目一覧（令和5年度実績）")),
            Some(2023)
        );
        assert_eq!(
            report_year(&t("3 令和5年度目標未達成項目（令和6年3月現在）")),
            Some(2023)
        );
        assert_eq!(report_year(&t("R4実績")), None, "a column header");
        assert_eq!(
            report_year(&t("令和5年度取組結果")),
            None,
            "a column header"
        );
        assert_eq!(report_year(&t("令和6年3月14日（木）午後2時から")), None);
        assert_eq!(
            report_year(&t("令和8年度から令和12年度までの5年間とする。")),
            None
        );
    }

    #[test]
    fn a_western_year_span_in_a_title_is_the_plan_period() {
        assert_eq!(
            western_year_span("能美市行政経営プログラム2022 ▶ 2026実施計画書"),
            Some((2022, 2026))
        );
        assert_eq!(
            western_year_span("行政改革大綱（2023～2027）"),
            Some((2023, 2027))
        );
        assert_eq!(western_year_span("2026-2022 計画"), None, "backwards");
        assert_eq!(western_year_span("12022▶2026"), None, "not a year");
        assert_eq!(western_year_span("第3次あま市行政改革大綱"), None);
    }

    /// The regular expression the hand-written span finder replaces, as the oracle.
    fn span_by_regex(re: &regex::Regex, title: &str) -> Option<(i32, i32)> {
        let c = re.captures(title)?;
        let from: i32 = c.get(1)?.as_str().parse().ok()?;
        let to: i32 = c.get(2)?.as_str().parse().ok()?;
        (from <= to && to - from <= 20).then_some((from, to))
    }

    #[test]
    #[allow(clippy::unwrap_used)]
    fn the_span_finder_finds_what_the_regex_found() {
        let parts = [
            "", "1", "12", "2022", "2026", "1999", "2100", "12022", "年", "年度", "度", " ", "　",
            "\u{3000}", "▶", "～", "〜", "~", "-", "―", "－", "→", "計画", "x",
        ];
        let re = regex::Regex::new(
            r"(?:^|[^0-9])((?:19|20)[0-9]{2})(?:年度?)?\s*[▶～〜~\-―－]\s*((?:19|20)[0-9]{2})(?:年度?)?(?:[^0-9]|$)",
        )
        .unwrap();
        let mut n = 0;
        // Every sequence of up to five parts: years glued to digits, marks between spaces,
        // 年/年度 on either side, several spans in one title.
        let mut texts = vec![String::new()];
        for _ in 0..5 {
            let mut next = Vec::new();
            for t in &texts {
                for p in parts {
                    next.push(format!("{t}{p}"));
                }
            }
            for t in &next {
                assert_eq!(western_year_span(t), span_by_regex(&re, t), "{t:?}");
                n += 1;
            }
            // Grow from the texts that still hold a year, to keep the count in bounds.
            texts = next
                .into_iter()
                .filter(|t| t.contains("20") || t.contains("19") || t.len() < 4)
                .take(1000)
                .collect();
        }
        assert!(n > 10_000, "{n}");
    }

    #[test]
    fn the_metadata_title_names_a_document_that_prints_none() {
        let mut doc = LayoutDoc::default();
        doc.source.title = Some("第7次厚木市行政改革大綱 令和5年度の取組状況（見込み）".into());
        let plan = plan_metadata(&doc, &Recognized::default());
        assert_eq!(plan.municipality.as_deref(), Some("厚木市"));
        assert_eq!(plan.municipality_code.as_deref(), Some("142123"));
        assert_eq!(plan.report_year, Some(2023));
        doc.source.title = Some("Microsoft Excel - 様式1.xlsx".into());
        let plan = plan_metadata(&doc, &Recognized::default());
        assert_eq!((plan.title, plan.municipality), (None, None));
    }

    #[test]
    fn seed_cities() {
        for (text, name, code) in [
            ("第3次あま市行政改革大綱", "あま市", "232378"),
            ("能美市行政経営プログラム2022▶2026", "能美市", "172111"),
            (
                "第5次南アルプス市行政改革実施計画",
                "南アルプス市",
                "192082",
            ),
            ("第3次安中市行政改革大綱 実施計画", "安中市", "102113"),
            ("厚木市行政改革調査委員会", "厚木市", "142123"),
        ] {
            assert_eq!(
                find_municipality(text, &[]),
                Some((name, Some(code))),
                "{text}"
            );
        }
        // Two 府中市: only a prefecture nearby tells which.
        assert_eq!(
            find_municipality("府中市行政改革大綱", &[]),
            Some(("府中市", None))
        );
        let ctx = vec!["広島県府中市".to_string()];
        assert_eq!(
            find_municipality("府中市行政改革大綱", &ctx),
            Some(("府中市", Some("342084")))
        );
    }
}
