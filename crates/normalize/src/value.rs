//! `parse_value`: one cell string to a [`Parsed`] value with diagnostics.
//!
//! Order: detach the leading marker and footnote marks from the raw string, prepare the text
//! (HTML, folding, line joining), then try, in turn: placeholders, `→`, status marks, pending
//! words, a whole-cell year expression, and the quantity grammar (labels, several items,
//! qualifiers). Whatever is left is text.

use std::borrow::Cow;

use rust_decimal::Decimal;

use crate::era::{self, YearKind};
use crate::number::{self, unit_at};
use crate::text::{self, is_circled_number};
use crate::{AsOf, Bound, Direction, Hints, Item, Note, Parsed, Quantity, RelativeTo, Value};

/// Parse one cell / value string.
///
/// `hints` carries what the header or row label says (a unit for bare numbers, 累計, the
/// column's fiscal year, roles of a multi-value cell). Never panics; anything not understood
/// is [`Value::Text`] with a [`Note`]. An empty or blank cell is
/// `Missing { pending: false, reason: None }`; a marker alone (`①`) is text.
pub fn parse_value(raw: &str, hints: &Hints) -> Parsed {
    crate::memo::thread_memo!(PARSED: (String, Hints) => Parsed);
    crate::memo::memoized(
        &PARSED,
        &(raw.to_string(), hints.clone()),
        |p| raw.len() + p.text.len(),
        || parse_afresh(raw, hints),
    )
}

/// [`parse_value`] without the memo.
pub(crate) fn parse_afresh(raw: &str, hints: &Hints) -> Parsed {
    if let Some(parts) = text::html_parts(raw)
        && parts.len() >= 2
    {
        return combine_parts(text::normalize_text(raw), &parts, hints, None, Vec::new());
    }
    parse_one(raw, hints, true)
}

/// Parts of one cell (HTML blocks, or paragraphs separated by a blank line), parsed one by one.
fn combine_parts(
    text: String,
    parts: &[String],
    hints: &Hints,
    marker: Option<String>,
    footnote_refs: Vec<String>,
) -> Parsed {
    let inner = Hints {
        roles: Vec::new(),
        ..hints.clone()
    };
    let mut items: Vec<Item> = parts
        .iter()
        .map(|p| {
            let parsed = parse_one(p, &inner, false);
            let label = parsed.label.clone();
            Item {
                label,
                role: None,
                parsed,
            }
        })
        .collect();
    // A short text part before a value part is that value's heading: `<p>現状の数値</p><ul>…`.
    let mut merged: Vec<Item> = Vec::with_capacity(items.len());
    let mut heading: Option<String> = None;
    for (mut it, part) in items.drain(..).zip(parts) {
        if it.parsed.value == Value::Text
            && heading.is_none()
            && !it.parsed.text.chars().any(|c| c.is_ascii_digit())
            && clean_label(&text::prepare(part).chars().collect::<Vec<_>>()).is_some()
        {
            heading = Some(it.parsed.text.clone());
            continue;
        }
        if let Some(h) = heading.take() {
            if it.label.is_none() {
                it.parsed.label = Some(h.clone());
                it.label = Some(h);
            } else {
                it.role = Some(h);
            }
        }
        merged.push(it);
    }
    if let Some(h) = heading {
        merged.push(Item {
            label: None,
            role: None,
            parsed: parse_one(&h, &inner, false),
        });
    }
    items = merged;
    if items.iter().all(|it| it.parsed.value == Value::Text) {
        return Parsed {
            text,
            value: Value::Text,
            marker,
            footnote_refs,
            label: None,
            fiscal_year: None,
            as_of: None,
            by: false,
            date: None,
            annotation: None,
            diagnostics: Vec::new(),
        };
    }
    if items.len() == 1
        && let Some(it) = items.pop()
    {
        // A heading and one value: the value, labelled.
        let mut p = it.parsed;
        p.text = text;
        p.label = it.label;
        p.marker = marker.or(p.marker);
        p.footnote_refs.extend(footnote_refs);
        return p;
    }
    if hints.roles.len() == items.len() {
        for (it, r) in items.iter_mut().zip(hints.roles.iter()) {
            it.role = Some(r.clone());
        }
    }
    Parsed {
        text,
        value: Value::Multi(items),
        marker,
        footnote_refs,
        label: None,
        fiscal_year: None,
        as_of: None,
        by: false,
        date: None,
        annotation: None,
        diagnostics: Vec::new(),
    }
}

fn is_superscript(c: char) -> bool {
    matches!(c, '¹' | '²' | '³' | '⁰' | '⁴'..='⁹')
}

/// Detach the leading marker and footnote marks from the raw string, before any folding.
fn detach(raw: &str) -> (Option<String>, Vec<String>, Cow<'_, str>) {
    let mut marker = None;
    let mut s: &str = raw;
    let trimmed = s.trim_start();
    if let Some(c) = trimmed.chars().next()
        && is_circled_number(c)
    {
        marker = Some(c.to_string());
        s = &trimmed[c.len_utf8()..];
    }
    let is_caret = |c: char| c == '^' || c == '＾';
    let is_ref_char =
        |c: char| is_circled_number(c) || c.is_ascii_digit() || ('０'..='９').contains(&c);
    if !s.chars().any(|c| is_superscript(c) || is_caret(c)) {
        return (marker, Vec::new(), Cow::Borrowed(s));
    }
    let mut refs = Vec::new();
    let mut out = String::with_capacity(s.len());
    let mut it = s.chars().peekable();
    while let Some(c) = it.next() {
        if is_superscript(c) {
            let mut r = String::from(c);
            while let Some(&n) = it.peek() {
                if !is_superscript(n) {
                    break;
                }
                r.push(n);
                it.next();
            }
            refs.push(r);
        } else if is_caret(c) && it.peek().is_some_and(|&n| is_ref_char(n)) {
            let mut r = String::from('^');
            while let Some(&n) = it.peek() {
                if !is_ref_char(n) {
                    break;
                }
                r.push(n);
                it.next();
            }
            refs.push(r);
        } else {
            out.push(c);
        }
    }
    (marker, refs, Cow::Owned(out))
}

fn parse_one(raw: &str, hints: &Hints, split: bool) -> Parsed {
    let (marker, footnote_refs, rest) = detach(raw);
    let prepared = text::prepare(&rest);
    let text = text::apply_spacing(&prepared);
    let mut p = Parsed {
        text,
        value: Value::Text,
        marker,
        footnote_refs,
        label: None,
        fiscal_year: None,
        as_of: None,
        by: false,
        date: None,
        annotation: None,
        diagnostics: Vec::new(),
    };
    classify(&prepared, hints, &mut p);
    // Paragraphs separated by a blank line that do not read as one value: parse them one by one.
    if split && p.value == Value::Text && prepared.contains("\n\n") {
        let parts: Vec<String> = prepared
            .split("\n\n")
            .map(str::trim)
            .filter(|part| !part.is_empty())
            .map(str::to_owned)
            .collect();
        if parts.len() >= 2 {
            let combined = combine_parts(
                p.text.clone(),
                &parts,
                hints,
                p.marker.clone(),
                p.footnote_refs.clone(),
            );
            if combined.value != Value::Text {
                return combined;
            }
        }
    }
    p
}

const DASHES: &[char] = &[
    '-', '‐', '‑', '‒', '–', '—', '―', '−', 'ー', '─', '━', '﹘', '⸺', '⸻', '－', '～',
];

const ARROWS: &[char] = &['→', '⇒', '➡', '⟶', '⇨'];

/// Marks of a value not yet there. A bare `未` (an achievement column of a report whose actual
/// is not in yet: 達成率 `未`, 達成 `未`) says "not yet", like `未定`: no value, pending.
const PENDING: &[&str] = &[
    "未",
    "未定",
    "集計中",
    "調査中",
    "算定中",
    "未集計",
    "確認中",
    "精査中",
    "未確定",
    "集計予定",
];

const NOT_APPLICABLE: &[&str] = &[
    "該当なし",
    "対象なし",
    "なし",
    "無し",
    "備考に記載",
    "非公表",
];

const STATUS: &[&str] = &["○", "◯", "〇", "◎", "×", "✕", "✖", "△"];

fn classify(prepared: &str, hints: &Hints, p: &mut Parsed) {
    let s = prepared.trim();
    if s.is_empty() {
        if p.marker.is_none() && p.footnote_refs.is_empty() {
            p.value = Value::Missing {
                pending: false,
                reason: None,
            };
        }
        return;
    }
    // Placeholders: dashes only.
    if s.chars().all(|c| c == ' ' || DASHES.contains(&c)) && s.chars().any(|c| c != '~') {
        p.value = Value::Missing {
            pending: false,
            reason: None,
        };
        return;
    }
    // `→` alone, `—————→`.
    if s.chars().any(|c| ARROWS.contains(&c))
        && s.chars()
            .all(|c| c == ' ' || ARROWS.contains(&c) || DASHES.contains(&c))
    {
        p.value = Value::SameAsPrevious;
        return;
    }
    if STATUS.contains(&s) {
        p.value = Value::Status(s.to_owned());
        return;
    }
    if let Some((v, label)) = missing_words(s) {
        p.value = v;
        p.label = label;
        return;
    }
    // Fast path for prose: every value below needs a digit, 元 or a kanji numeral.
    let numeric = s.chars().any(|c| {
        c.is_ascii_digit()
            || matches!(
                c,
                '元' | '〇' | '一' | '二' | '三' | '四' | '五' | '六' | '七' | '八' | '九' | '十'
            )
    });
    if !numeric {
        if let Some(&(_, off)) = era::RELATIVE.iter().find(|(w, _)| *w == s) {
            p.value = Value::Relative {
                offset: off,
                fiscal_year: hints.reference_year.and_then(|r| r.checked_add(off)),
            };
        }
        return;
    }
    // Line breaks kept by the joining rules separate tokens like spaces do.
    let mut chars: Vec<char> = Vec::with_capacity(s.len());
    for c in s.chars() {
        let c = if c == '\n' { ' ' } else { c };
        if !(c == ' ' && chars.last() == Some(&' ')) {
            chars.push(c);
        }
    }
    if let Some(months) = months_cell(&chars) {
        p.value = Value::Months(months);
        return;
    }
    // `次年度組織の方向性を確定する時期 3月`: a label, then the month it names.
    if let Some(k) = chars.iter().rposition(|&c| c == ' ')
        && let Some(tail) = chars.get(k + 1..)
        && let Some(months) = months_cell(tail)
        && let Some(label) = chars.get(..k).and_then(clean_label)
    {
        p.value = Value::Months(months);
        p.label = Some(label);
        p.text = tail.iter().collect();
        return;
    }
    if let Some((v, notes)) = whole_year(&chars, hints) {
        p.diagnostics.extend(notes);
        let tail = stamp_tail(&chars);
        if let Value::CalendarDate {
            year, month, day, ..
        } = v
            && tail == Some(Tail::AsOf)
        {
            p.as_of = Some(AsOf { year, month, day });
        }
        p.by = tail == Some(Tail::By);
        // `令和3年10月（第2版）`: a note after the date (not a weekday the date took in).
        if let Value::CalendarDate { .. } = v
            && let Some(e) = era::year_expr_at(&chars, 0)
            && chars.get(e.end) == Some(&'(')
            && let Some(a) = tail_annotation(&chars)
        {
            p.annotation = Some(a);
        }
        p.value = v;
        return;
    }
    // `（令和2年度48.1%→令和5年度57.9%）`: values in brackets are the values.
    // The items' positions index the text they were read from (the bracket's inside).
    let parsed_items = parse_items(&chars, 0).map(|r| (r, &chars[..])).or_else(|| {
        let inner = chars.get(1..chars.len().checked_sub(1)?)?;
        (chars.first() == Some(&'(')
            && chars.last() == Some(&')')
            && closing_paren(&chars, 0) == Some(chars.len() - 1))
        .then(|| parse_items(inner, 0))
        .flatten()
        .filter(|(items, _)| items.len() >= 2)
        .map(|r| (r, inner))
    });
    if let Some(((items, notes), read_from)) = parsed_items {
        // A lone bracketed number is a list number: `（1）`.
        let list_number = items.len() == 1
            && items
                .first()
                .is_some_and(|it| it.paren && it.label.is_none() && it.q.unit.is_none())
            && !hints.cumulative;
        if !list_number {
            p.diagnostics.extend(notes);
            apply_items(items, read_from, hints, p);
        }
        return;
    }
    if let Some((year, word)) = dated_word(&chars) {
        p.fiscal_year = Some(year);
        p.text = word;
        return;
    }
    if let Some((fiscal_year, date, word)) = deadline_words(&chars) {
        p.by = true;
        p.fiscal_year = Some(fiscal_year);
        p.date = date;
        if let Some(w) = word {
            p.text = w;
        }
        return;
    }
    if let Some(items) = word_composite(&chars) {
        p.value = Value::Multi(items);
        return;
    }
    // Prose (a sentence, or longer than any value cell) is text by nature: its digits are part
    // of what it tells (`②15地区の…`), not a value that failed to parse.
    if !is_prose(&chars) && chars.iter().any(|c| c.is_ascii_digit()) {
        p.diagnostics.push(Note::new(
            "not-a-value",
            "contains digits but is not a recognised value; kept as text",
        ));
    }
}

/// Words of a yearly schedule or progress (`実施`, `検討・実施`, and after a fiscal year:
/// `R4実施`, `令和5年度導入`).
pub const PLAN_WORDS: &[&str] = &[
    "実施",
    "検討",
    "継続",
    "準備",
    "導入",
    "開始",
    "完了",
    "達成",
    "策定",
    "着手",
    "廃止",
    "見直し",
    "推進",
    "拡充",
    "運用開始",
    "実施予定",
    "導入予定",
    "完了予定",
];

/// Words that state a direction, a longer one before the shorter one it contains.
const DIRECTION_WORDS: &[(&str, Direction)] = &[
    ("の削減", Direction::Decrease),
    ("削減", Direction::Decrease),
    ("減少", Direction::Decrease),
    ("減", Direction::Decrease),
    ("の増加", Direction::Increase),
    ("増加", Direction::Increase),
    ("増", Direction::Increase),
    ("上昇", Direction::Increase),
];

/// The direction a short qualitative text names at its end: `口座振替及び電子納付件数の増加`
/// is an increase, `時間外勤務の削減` a decrease. Prose (`…を削減することで…縮減につなげる。`)
/// speaks of several things and gives none.
pub fn text_direction(text: &str) -> Option<Direction> {
    let chars: Vec<char> = text.trim().chars().collect();
    if is_prose(&chars) || chars.contains(&'\n') {
        return None;
    }
    let t = text.trim();
    DIRECTION_WORDS
        .iter()
        .find(|(w, _)| t.ends_with(w))
        .map(|&(_, d)| d)
}

/// A sentence (with `。`), or longer than any value cell: text by nature.
fn is_prose(chars: &[char]) -> bool {
    chars.contains(&'。') || chars.len() > PROSE_CHARS
}

/// `R4実施`: a fiscal year, then one plan word and nothing else.
fn dated_word(chars: &[char]) -> Option<(i32, String)> {
    let e = era::year_expr_at(chars, 0)?;
    if !matches!(e.kind, YearKind::Fiscal | YearKind::Bare) || e.conflict.is_some() {
        return None;
    }
    let rest: String = chars.get(e.end..)?.iter().collect();
    let rest = rest.trim().trim_start_matches(['に', 'で', ':']).trim();
    PLAN_WORDS
        .contains(&rest)
        .then(|| (e.year, rest.to_owned()))
}

/// Words due by a date or a fiscal year: `令和2年12月までに令和3年度組織の方向性を確定`
/// (by 2020-12, fiscal year 2020), `令和9年度までに導入`. The fiscal year the words are due in
/// (a calendar date's derived April-start one), the date when a month is printed, and the plan
/// word when the words are one (`R8までに完了` is 完了, like `R4実施`); other words stay the
/// text as printed. Prose and a year the era and Western forms disagree on are no deadline.
fn deadline_words(chars: &[char]) -> Option<(i32, Option<AsOf>, Option<String>)> {
    let e = era::year_expr_at(chars, 0)?;
    if e.conflict.is_some() || is_prose(chars) {
        return None;
    }
    let (fiscal_year, date) = match e.kind {
        YearKind::Fiscal | YearKind::Bare => (e.year, None),
        YearKind::Calendar {
            month: Some(m),
            day,
        } => (
            era::fiscal_of(e.year, m),
            Some(AsOf {
                year: e.year,
                month: Some(m),
                day,
            }),
        ),
        YearKind::Calendar { month: None, .. } => return None,
    };
    let k = skip_space(chars, e.end);
    if !at(chars, k, "までに") {
        return None;
    }
    let rest: String = chars.get(k + 3..)?.iter().collect();
    let rest = rest.trim().trim_start_matches(['、', ',']).trim();
    if rest.is_empty() {
        return None;
    }
    let word = PLAN_WORDS.contains(&rest).then(|| rest.to_owned());
    Some((fiscal_year, date, word))
}

/// Longer than this (in characters) a text is prose, not a value cell.
const PROSE_CHARS: usize = 60;

fn missing_words(s: &str) -> Option<(Value, Option<String>)> {
    // Cheap gate: every placeholder word ends in one of these, or the cell starts with one.
    let last = s.trim_end_matches([')', '」']).chars().last();
    let ends = last.is_some_and(|c| {
        matches!(c, '定' | '中' | '計' | 'し' | '載' | '表') || DASHES.contains(&c)
    });
    let starts = s.starts_with([
        '未', '集', '調', '算', '確', '精', '該', '対', 'な', '無', '備', '非',
    ]);
    if !ends && !starts {
        return None;
    }
    // `実績 未定`: a label, then the placeholder word.
    if let Some((head, tail)) = s.rsplit_once(' ')
        && (PENDING.contains(&tail) || tail.chars().all(|c| DASHES.contains(&c) && c != '~'))
        && let Some(label) = clean_label(&head.chars().collect::<Vec<_>>())
        && let Some(v) = missing_word_value(tail)
    {
        return Some((v, Some(label)));
    }
    if let Some(v) = missing_word_value(s) {
        return Some((v, None));
    }
    let (head, tail) = s.rsplit_once(' ')?;
    let v = missing_word_value(tail)?;
    let label = clean_label(&head.chars().collect::<Vec<_>>())?;
    let v = match v {
        Value::Missing { pending, reason } if reason.as_deref() == Some(tail) => Value::Missing {
            pending,
            reason: None,
        },
        other => other,
    };
    Some((v, Some(label)))
}

fn missing_word_value(s: &str) -> Option<Value> {
    if s.chars().all(|c| DASHES.contains(&c) && c != '~') {
        return Some(Value::Missing {
            pending: false,
            reason: None,
        });
    }
    for w in PENDING {
        if s == *w {
            return Some(Value::Missing {
                pending: true,
                reason: None,
            });
        }
    }
    // `…のため未定`: a reason phrase ending in the word (no figures, one line).
    let phrase = !s.chars().any(|c| c.is_ascii_digit() || c == '\n');
    for w in PENDING {
        let stripped = s.trim_end_matches([')', '」']);
        if (phrase && stripped.ends_with(w))
            || (s.starts_with(w) && s[w.len()..].trim_start().starts_with('('))
        {
            return Some(Value::Missing {
                pending: true,
                reason: Some(s.to_owned()),
            });
        }
    }
    for w in NOT_APPLICABLE {
        if s == *w || (s.starts_with(w) && s[w.len()..].starts_with('(')) {
            return Some(Value::Missing {
                pending: false,
                reason: Some(s.to_owned()),
            });
        }
    }
    None
}

fn at(chars: &[char], i: usize, word: &str) -> bool {
    crate::number::starts_with_at(chars, i, word)
}

fn skip_space(chars: &[char], i: usize) -> usize {
    if chars.get(i) == Some(&' ') { i + 1 } else { i }
}

// ---------------------------------------------------------------------------------------------
// Whole-cell years

fn whole_year(chars: &[char], hints: &Hints) -> Option<(Value, Vec<Note>)> {
    let mut start = 0;
    let mut end = chars.len();
    if chars.first() == Some(&'(') && chars.last() == Some(&')') && end >= 2 {
        start = 1;
        end -= 1;
    }
    let body = chars.get(start..end)?;
    let n = body.len();
    // Relative words.
    for &(w, off) in era::RELATIVE {
        if w.chars().count() == n && at(body, 0, w) {
            return Some((
                Value::Relative {
                    offset: off,
                    fiscal_year: hints.reference_year.and_then(|r| r.checked_add(off)),
                },
                Vec::new(),
            ));
        }
    }
    // Open start: `~令和6年度`.
    if matches!(body.first(), Some('~')) {
        let k = skip_space(body, 1);
        let e = era::year_expr_at(body, k)?;
        let mut i = e.end;
        if at(body, i, "まで") {
            i += 2;
        }
        if i != n || !is_fiscal(e.kind) || e.conflict.is_some() {
            return None;
        }
        return Some((
            Value::FiscalYearRange {
                from: None,
                to: Some(e.year),
            },
            e.notes,
        ));
    }
    let e1 = era::year_expr_at(body, 0)?;
    let mut notes = e1.notes.clone();
    if let Some(w) = e1.conflict {
        notes.push(Note::new(
            "year-not-chosen",
            format!("fiscal year left undecided between {} and {w}", e1.year),
        ));
        return Some((Value::Text, notes));
    }
    let mut i = e1.end;
    if i == n {
        return Some((single_year(&e1), notes));
    }
    // Dual notation: `平成31年度（令和元年度）`, `令和元年度(平成31年度)`.
    if is_fiscal(e1.kind)
        && body.get(i) == Some(&'(')
        && body.last() == Some(&')')
        && let Some(e2) = era::year_expr_at(body, i + 1)
        && e2.end + 1 == n
        && is_fiscal(e2.kind)
    {
        notes.extend(e2.notes.iter().cloned());
        if e2.year == e1.year && e2.conflict.is_none() {
            return Some((Value::FiscalYear(e1.year), notes));
        }
        notes.push(Note::new(
            "year-not-chosen",
            format!("dual notation disagrees: {} and {}", e1.year, e2.year),
        ));
        return Some((Value::Text, notes));
    }
    let rest: String = body[i..].iter().collect();
    let rest = rest.trim();
    match e1.kind {
        YearKind::Calendar { .. }
            if matches!(
                rest,
                "現在" | "時点" | "末現在" | "末時点" | "まで" | "までに"
            ) || is_annotation(rest) =>
        {
            return Some((single_year(&e1), notes));
        }
        YearKind::Fiscal | YearKind::Bare => match rest {
            // A deadline: the year, due by it (the caller sets the flag).
            "までに" => return Some((single_year(&e1), notes)),
            "まで" => {
                return Some((
                    Value::FiscalYearRange {
                        from: None,
                        to: Some(e1.year),
                    },
                    notes,
                ));
            }
            "から" | "以降" | "~" => {
                return Some((
                    Value::FiscalYearRange {
                        from: Some(e1.year),
                        to: None,
                    },
                    notes,
                ));
            }
            _ => {}
        },
        YearKind::Calendar { .. } => return None,
    }
    if !is_fiscal(e1.kind) {
        return None;
    }
    let k = era::connector_at(body, i)?;
    let e2 = era::continued_year_at(body, k, e1.era)?;
    if !is_fiscal(e2.kind) {
        return None;
    }
    notes.extend(e2.notes.iter().cloned());
    if let Some(w) = e2.conflict {
        notes.push(Note::new(
            "year-not-chosen",
            format!("fiscal year left undecided between {} and {w}", e2.year),
        ));
        return Some((Value::Text, notes));
    }
    i = e2.end;
    if at(body, i, "まで") {
        i += 2;
    }
    // `…までの5年間`: a duration that restates the range.
    if at(body, i, "の")
        && let Some(num) = number::arabic(body, i + 1)
    {
        let k = num.end;
        for w in ["年間", "か年", "箇年", "ヵ年", "カ年"] {
            if at(body, k, w) {
                let span = e2.year.saturating_sub(e1.year).saturating_add(1);
                if Decimal::from(span) != num.value {
                    notes.push(Note::new(
                        "range-duration-mismatch",
                        format!(
                            "range {}–{} spans {span} years but the text says {}",
                            e1.year, e2.year, num.value
                        ),
                    ));
                }
                i = k + w.chars().count();
                break;
            }
        }
    }
    if i != n {
        return None;
    }
    if e2.year < e1.year {
        notes.push(Note::new(
            "range-reversed",
            format!("range ends ({}) before it starts ({})", e2.year, e1.year),
        ));
        return Some((Value::Text, notes));
    }
    Some((
        Value::FiscalYearRange {
            from: Some(e1.year),
            to: Some(e2.year),
        },
        notes,
    ))
}

/// What a date cell ends with: a stamp (`現在`, `時点`) or a deadline (`までに`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Tail {
    AsOf,
    By,
}

fn stamp_tail(chars: &[char]) -> Option<Tail> {
    let s: String = chars.iter().collect();
    let s = s.trim().trim_end_matches(')').trim_end();
    if s.ends_with("現在") || s.ends_with("時点") {
        Some(Tail::AsOf)
    } else if s.ends_with("までに") {
        Some(Tail::By)
    } else {
        None
    }
}

/// A bracketed note with no value in it: `(第2版)`, `(休止中含む)`, `(予定)`.
fn is_annotation(rest: &str) -> bool {
    let Some(inner) = rest.strip_prefix('(').and_then(|r| r.strip_suffix(')')) else {
        return false;
    };
    !inner.trim().is_empty()
        && !inner.contains(['(', ')'])
        && inner.chars().count() <= MAX_LABEL
        && !matches!(inner.trim(), "現在" | "時点")
}

/// The bracketed note closing a cell, when it is one.
fn tail_annotation(chars: &[char]) -> Option<String> {
    if chars.last() != Some(&')') {
        return None;
    }
    let open = chars.iter().rposition(|&c| c == '(')?;
    if open == 0 {
        return None;
    }
    let rest: String = chars.get(open..)?.iter().collect();
    is_annotation(&rest).then(|| rest[1..rest.len() - 1].trim().to_owned())
}

/// Months without a year: `9月`, `4月~6月` (the span, across the year end too),
/// `(5月、8月、11月)`.
fn months_cell(chars: &[char]) -> Option<Vec<u32>> {
    let mut body = chars;
    if body.first() == Some(&'(') && body.last() == Some(&')') && body.len() >= 2 {
        body = body.get(1..body.len() - 1)?;
    }
    let month_at = |k: usize| -> Option<(u32, usize)> {
        let num = number::arabic(body, k)?;
        if chars_at(body, num.end) != Some('月') {
            return None;
        }
        let m = u32::try_from(num.value).ok()?;
        (1..=12).contains(&m).then_some((m, num.end + 1))
    };
    let (first, mut k) = month_at(0)?;
    let mut months = vec![first];
    if k < body.len() && matches!(chars_at(body, k), Some('~' | '-' | '―')) {
        let (last, k2) = month_at(skip_space(body, k + 1))?;
        if k2 != body.len() || last == first {
            return None;
        }
        let mut m = first;
        while m != last {
            m = m % 12 + 1;
            months.push(m);
        }
        return Some(months);
    }
    while k < body.len() {
        if !matches!(chars_at(body, k), Some('、' | ',' | '・' | ' ')) {
            return None;
        }
        let (m, k2) = month_at(skip_space(body, k + 1))?;
        months.push(m);
        k = k2;
    }
    Some(months)
}

fn chars_at(chars: &[char], i: usize) -> Option<char> {
    chars.get(i).copied()
}

/// A schedule word with a figure or a placeholder beside it: `実施 (14)` (a cumulative count
/// in brackets), `- R5実施` (nothing this year, the plan word dated).
fn word_composite(chars: &[char]) -> Option<Vec<Item>> {
    let dash_first = chars.first().is_some_and(|c| DASHES.contains(c));
    if !dash_first && chars.last() != Some(&')') {
        return None;
    }
    let s: String = chars.iter().collect();
    let s = s.trim();
    let word_item = |w: &str, fy: Option<i32>| Item {
        label: None,
        role: None,
        parsed: Parsed {
            text: w.to_owned(),
            value: Value::Text,
            marker: None,
            footnote_refs: Vec::new(),
            label: None,
            fiscal_year: fy,
            as_of: None,
            by: false,
            date: None,
            annotation: None,
            diagnostics: Vec::new(),
        },
    };
    // `実施 (14)`.
    if let Some(open) = s.find('(')
        && let Some(inner) = s[open + 1..].strip_suffix(')')
        && PLAN_WORDS.contains(&s[..open].trim())
        && !inner.is_empty()
        && inner.chars().all(|c| c.is_ascii_digit())
    {
        let value = inner.parse::<Decimal>().ok()?;
        let word = s[..open].trim();
        let count = Item {
            label: None,
            role: Some("cumulative".to_owned()),
            parsed: Parsed {
                text: format!("({inner})"),
                value: Value::Quantity(Quantity {
                    value: Some(value),
                    cumulative: true,
                    ..Quantity::default()
                }),
                ..word_item("", None).parsed
            },
        };
        return Some(vec![word_item(word, None), count]);
    }
    // `- R5実施`.
    let k = is_dash_token(chars, 0)?;
    let rest = chars.get(skip_space(chars, k)..)?;
    let (year, word) = dated_word(rest)?;
    let dash: String = chars.get(..k)?.iter().collect();
    let missing = Item {
        label: None,
        role: None,
        parsed: Parsed {
            text: dash,
            value: Value::Missing {
                pending: false,
                reason: None,
            },
            ..word_item("", None).parsed
        },
    };
    Some(vec![missing, word_item(&word, Some(year))])
}

fn is_fiscal(kind: YearKind) -> bool {
    matches!(kind, YearKind::Fiscal | YearKind::Bare)
}

fn single_year(e: &era::YearExpr) -> Value {
    match e.kind {
        YearKind::Fiscal | YearKind::Bare => Value::FiscalYear(e.year),
        YearKind::Calendar { month, day } => Value::CalendarDate {
            year: e.year,
            month,
            day,
            fiscal_year: month.map(|m| era::fiscal_of(e.year, m)),
        },
    }
}

// ---------------------------------------------------------------------------------------------
// Quantities

/// The first characters of [`PREFIXES`], checked before the words themselves.
fn is_prefix_start(c: char) -> bool {
    matches!(
        c,
        '対' | '前' | '累' | '延' | '約' | '概' | 'お' | '年' | '平'
    )
}

fn prefix_at(chars: &[char], k: usize) -> Option<&'static str> {
    if !chars.get(k).is_some_and(|&c| is_prefix_start(c)) {
        return None;
    }
    PREFIXES.iter().copied().find(|w| at(chars, k, w))
}

const PREFIXES: &[&str] = &[
    "対前年度比",
    "前年度対比",
    "対前年比",
    "前年度比",
    "前年比",
    "累計",
    "延べ",
    "延",
    "約",
    "概ね",
    "おおむね",
    "年間",
    "年度平均で",
    "年度平均",
    "年平均",
    "平均で",
    "平均",
    "前年度の",
    "前年の",
    "年",
];

#[derive(Debug, Default)]
struct Scan {
    q: Quantity,
    explicit_sign: Option<bool>,
}

/// A quantity starting exactly at `i`: prefixes, sign, numeral, unit, suffix qualifiers.
fn quantity_at(chars: &[char], i: usize) -> Option<(Quantity, usize)> {
    let mut sc = Scan::default();
    let mut k = i;
    while let Some(w) = prefix_at(chars, k) {
        let after = k + w.chars().count();
        match w {
            "対前年度比" | "前年度対比" | "対前年比" | "前年度比" | "前年比" => {
                sc.q.relative_to = Some(RelativeTo::PreviousYear)
            }
            "累計" => sc.q.cumulative = true,
            "延べ" | "延" => sc.q.gross = true,
            "約" | "概ね" | "おおむね" => sc.q.approx = true,
            "年間" => sc.q.per_year = true,
            "年" => {
                // `年10回`: only directly before a number.
                if !chars.get(after).is_some_and(|c| c.is_ascii_digit()) {
                    break;
                }
                sc.q.per_year = true;
            }
            "平均" | "平均で" | "年度平均" | "年度平均で" | "年平均" => {
                sc.q.average = true
            }
            // `前年度の1,024件`: the figure of the year before, the base of a comparison.
            "前年度の" | "前年の" => sc.q.relative_to = Some(RelativeTo::PreviousYear),
            _ => {}
        }
        k = after;
        if matches!(chars.get(k), Some(':')) {
            k += 1;
        }
        k = skip_space(chars, k);
    }
    match chars.get(k) {
        Some('+') => {
            sc.explicit_sign = Some(true);
            k += 1;
        }
        Some('-' | '−' | '▲' | '△') => {
            sc.explicit_sign = Some(false);
            k += 1;
        }
        _ => {}
    }
    let (num, kanji) = match number::arabic(chars, k) {
        Some(n) => (n, false),
        None => (number::kanji(chars, k)?, true),
    };
    k = num.end;
    let mut value = num.value;
    let ku = if chars.get(k) == Some(&' ')
        && unit_at(chars, k + 1).is_some()
        && !chars.get(k + 1).is_some_and(|c| c.is_ascii_alphabetic())
    {
        k + 1
    } else {
        k
    };
    if let Some(u) = unit_at(chars, ku) {
        if u.display.is_some() && num.multiplied {
            // `122万4千円` would double-scale: only the plain base unit may follow a numeral.
            return None;
        }
        value = number::scale(value, u.exp)?;
        sc.q.unit = Some(u.base.to_owned());
        sc.q.display_unit = u.display.map(str::to_owned);
        k = ku + u.len;
    } else if kanji {
        return None;
    }
    if sc.explicit_sign == Some(false) {
        value = -value;
    }
    sc.q.value = Some(value.normalize());
    k = suffixes(chars, k, &mut sc)?;
    finish_relative(&mut sc);
    Some((sc.q, k))
}

fn suffixes(chars: &[char], mut k: usize, sc: &mut Scan) -> Option<usize> {
    loop {
        let k2 = skip_space(chars, k);
        let words: &[(&str, u8)] = &[
            ("以上", 1),
            ("以内", 2),
            ("以下", 2),
            ("未満", 3),
            ("を超える", 4),
            ("超え", 4),
            ("超", 4),
            ("程度", 5),
            ("前後", 5),
            ("(累計)", 8),
            ("累計", 8),
            ("/年", 9),
            ("/年度", 9),
        ];
        let mut matched = None;
        for &(w, code) in words {
            if at(chars, k2, w) {
                matched = Some((w, code));
                break;
            }
        }
        if matched.is_none()
            && let Some(&(w, d)) = DIRECTION_WORDS.iter().find(|(w, _)| at(chars, k2, w))
        {
            sc.q.direction = Some(d);
            k = k2 + w.chars().count();
            continue;
        }
        if let Some((w, code)) = matched {
            match code {
                1 => set_bound(sc, Bound::AtLeast),
                2 => set_bound(sc, Bound::AtMost),
                3 => set_bound(sc, Bound::Below),
                4 => set_bound(sc, Bound::Above),
                5 => sc.q.approx = true,
                8 => sc.q.cumulative = true,
                _ => sc.q.per_year = true,
            }
            k = k2 + w.chars().count();
            continue;
        }
        // A signed change in brackets: `45(+1)`.
        if chars.get(k) == Some(&'(') && matches!(chars.get(k + 1), Some('+' | '-' | '▲' | '△'))
        {
            let neg = chars.get(k + 1) != Some(&'+');
            if let Some(num) = number::arabic(chars, k + 2) {
                let mut e = num.end;
                let unit_ok = match unit_at(chars, e) {
                    Some(u) if Some(u.base) == sc.q.unit.as_deref() && u.display.is_none() => {
                        e += u.len;
                        true
                    }
                    Some(_) => false,
                    None => true,
                };
                if unit_ok && chars.get(e) == Some(&')') && sc.q.change.is_none() {
                    sc.q.change = Some(if neg { -num.value } else { num.value });
                    k = e + 1;
                    continue;
                }
            }
        }
        break;
    }
    Some(k)
}

fn set_bound(sc: &mut Scan, b: Bound) {
    if sc.q.bound.is_none() {
        sc.q.bound = Some(b);
    }
}

fn finish_relative(sc: &mut Scan) {
    // A bare `3%増加` / `5%削減` is a change on the year before, not a level.
    if sc.q.relative_to.is_none() && sc.q.direction.is_some() && sc.q.unit.as_deref() == Some("%") {
        sc.q.relative_to = Some(RelativeTo::PreviousYear);
    }
    if sc.q.relative_to.is_none() {
        return;
    }
    let signed = match (sc.explicit_sign, sc.q.direction) {
        (Some(_), _) => sc.q.value,
        (None, Some(Direction::Decrease)) => sc.q.value.map(|v| -v),
        (None, Some(Direction::Increase)) => sc.q.value,
        (None, None) => return,
    };
    if sc.q.unit.as_deref() == Some("%") {
        sc.q.change_percent = signed;
        sc.q.value = None;
    }
}

/// One value found in a cell.
#[derive(Debug)]
struct RawItem {
    label: Option<String>,
    q: Quantity,
    start: usize,
    end: usize,
    paren: bool,
    /// A placeholder (`-`) standing in a row of values.
    missing: bool,
    sep_before: Option<char>,
    /// `(R2.1.15現在)` beside the value.
    as_of: Option<AsOf>,
    /// Due by its year: `令和9年度までに100件`.
    by: bool,
    /// `(休止中含む)` after the value.
    annotation: Option<String>,
    /// A part of the value before it: `(うち新規3)`.
    of_which: bool,
}

/// How a year printed before a value relates to it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum YearUse {
    /// The value's year: `令和元年度54.3%`.
    Of,
    /// A deadline: `令和9年度までに100件`.
    By,
    /// The base of a change: `令和2年度に比べ8.1ポイント増加`, `令和2年度比5%減`.
    Base,
}

/// Words that make a year before a value the base of a change, longer first.
const BASE_WORDS: &[&str] = &[
    "に比べて",
    "と比べて",
    "に比べ",
    "と比べ",
    "と比較して",
    "比",
];

/// A fiscal year printed before a value: `令和元年度54.3%`, `(R3)26件`, `R3:26件`, and the
/// deadline and base forms of [`YearUse`].
fn year_prefix_at(chars: &[char], i: usize) -> Option<(i32, usize, Vec<Note>)> {
    year_use_at(chars, i).map(|(y, k, n, _)| (y, k, n))
}

fn year_use_at(chars: &[char], i: usize) -> Option<(i32, usize, Vec<Note>, YearUse)> {
    let (open, k0) = if chars.get(i) == Some(&'(') {
        (true, i + 1)
    } else {
        (false, i)
    };
    let e = era::year_expr_at(chars, k0)?;
    if !matches!(e.kind, YearKind::Fiscal | YearKind::Bare) || e.conflict.is_some() {
        return None;
    }
    let mut k = e.end;
    let mut using = YearUse::Of;
    if !open {
        if at(chars, k, "までに") {
            using = YearUse::By;
            k += 3;
        } else if let Some(w) = BASE_WORDS.iter().find(|w| at(chars, k, w)) {
            using = YearUse::Base;
            k += w.chars().count();
            while matches!(chars.get(k), Some('、' | '…' | ',' | ' ')) {
                k += 1;
            }
        }
    }
    if open {
        if chars.get(k) != Some(&')') {
            return None;
        }
        k += 1;
    }
    let mut marked = open || using != YearUse::Of;
    if matches!(chars.get(k), Some(':')) {
        k += 1;
        marked = true;
    }
    let spaced = skip_space(chars, k);
    marked |= spaced > k;
    k = spaced;
    // The value follows at once, or (after a bracketed or set-off year) a label and then the
    // value: `（R4） 印刷枚数 550万枚`. The caller reads the label; without a value after it the
    // whole text stays text.
    // An explicit fiscal year (`…年度`) may also name the kind of the value before it:
    // `令和5年度実績 31.2%`.
    let worded = e.kind == YearKind::Fiscal
        && chars
            .get(k)
            .is_some_and(|c| !c.is_ascii_alphanumeric() && !matches!(c, '(' | ')' | '~' | '→'));
    if quantity_at(chars, k).is_none() && !marked && !worded {
        return None;
    }
    Some((e.year, k, e.notes, using))
}

const MAX_DEPTH: u8 = 2;

fn can_start_item(chars: &[char], i: usize, depth: u8) -> bool {
    let Some(&c) = chars.get(i) else {
        return false;
    };
    let plausible = c.is_ascii_digit()
        || matches!(c, '(' | '+' | '-' | '▲' | '△' | 'R' | 'H' | 'S' | 'T')
        || is_prefix_start(c)
        || matches!(c, '令' | '平' | '昭' | '大')
        || number::kanji(chars, i).is_some();
    if !plausible {
        return false;
    }
    // A digit inside a number, a Latin word or a code (`No.1`, `OCR2`) starts no value.
    if c.is_ascii_digit()
        && i.checked_sub(1)
            .and_then(|p| chars.get(p))
            .is_some_and(|p| p.is_ascii_alphanumeric() || matches!(p, '.' | '-' | ','))
    {
        return false;
    }
    year_prefix_at(chars, i).is_some()
        || quantity_at(chars, i).is_some()
        || (c == '(' && paren_item_at(chars, i, depth).is_some())
}

/// The index of the `)` closing the `(` at `i`.
fn closing_paren(chars: &[char], i: usize) -> Option<usize> {
    let mut level = 0usize;
    for (k, &c) in chars.iter().enumerate().skip(i) {
        match c {
            '(' => level += 1,
            ')' => {
                level = level.checked_sub(1)?;
                if level == 0 {
                    return Some(k);
                }
            }
            _ => {}
        }
    }
    None
}

/// A value in brackets: `(321人)`, `(93.8%)`, `(目標:220万枚削減)`.
fn paren_item_at(chars: &[char], i: usize, depth: u8) -> Option<(Quantity, Option<String>, usize)> {
    if chars.get(i) != Some(&'(') {
        return None;
    }
    if let Some((q, k)) = quantity_at(chars, i + 1)
        && chars.get(k) == Some(&')')
    {
        return Some((q, None, k + 1));
    }
    if depth >= MAX_DEPTH {
        return None;
    }
    let close = closing_paren(chars, i)?;
    let inner = chars.get(i + 1..close)?;
    let (mut items, _) = parse_items(inner, depth + 1)?;
    if items.len() != 1 {
        return None;
    }
    let it = items.pop()?;
    if it.missing || it.paren {
        return None;
    }
    Some((it.q, it.label, close + 1))
}

/// `(R2.1.15現在)`, `R5.4.1時点`: the date a value refers to (as text for the note, as a date
/// when it is a calendar one), and the fiscal year it lies in when the stamp says (a month, or
/// a fiscal year itself; a bare calendar year does not).
fn as_of_at(chars: &[char], i: usize) -> Option<(String, Option<AsOf>, Option<i32>, usize)> {
    let open = chars.get(i) == Some(&'(');
    let e = era::year_expr_at(chars, if open { i + 1 } else { i })?;
    let mut k = e.end;
    let word = ["末現在", "末時点", "現在", "時点"]
        .into_iter()
        .find(|w| at(chars, k, w))?;
    k += word.chars().count();
    if open {
        if chars.get(k) != Some(&')') {
            return None;
        }
        k += 1;
    } else if chars.get(k).is_some_and(|c| *c != ' ') {
        return None;
    }
    let (date, as_of) = match e.kind {
        YearKind::Calendar { month, day } => {
            let a = AsOf {
                year: e.year,
                month,
                day: month.and(day),
            };
            (a.iso(), Some(a))
        }
        YearKind::Fiscal | YearKind::Bare => (format!("fiscal year {}", e.year), None),
    };
    let fiscal_year = match e.kind {
        YearKind::Calendar { month: Some(m), .. } => Some(era::fiscal_of(e.year, m)),
        YearKind::Calendar { .. } => None,
        YearKind::Fiscal | YearKind::Bare => Some(e.year),
    };
    Some((date, as_of, fiscal_year, k))
}

/// A bracket after a value that says more about it; the index after it.
fn after_value_paren(chars: &[char], i: usize, last: &mut RawItem) -> Option<usize> {
    let close = closing_paren(chars, i)?;
    let inner = chars.get(i + 1..close)?;
    // `(R3)`, `(R5年度)`: the value's year.
    if let Some(e) = era::year_expr_at(inner, 0)
        && e.end == inner.len()
        && is_fiscal(e.kind)
        && e.conflict.is_none()
    {
        if last.q.fiscal_year.is_some() {
            return None;
        }
        last.q.fiscal_year = Some(e.year);
        return Some(close + 1);
    }
    // `(22/24)`: the fraction of a rate.
    if last.q.unit.as_deref() == Some("%")
        && let Some(a) = number::arabic(inner, 0)
        && matches!(inner.get(a.end), Some('/'))
        && let Some(b) = number::arabic(inner, a.end + 1)
        && b.end == inner.len()
    {
        last.q.fraction = Some((a.value, b.value));
        return Some(close + 1);
    }
    // `(目標の7割)`, `(目標比80%)`: the share of the target.
    for w in ["目標の", "目標比", "目標値の"] {
        if at(inner, 0, w)
            && let Some((q, k)) = quantity_at(inner, w.chars().count())
            && k == inner.len()
            && q.unit.as_deref() == Some("%")
        {
            last.q.share_of_target = q.value;
            return Some(close + 1);
        }
    }
    // `(休止中含む)`: a note with no value, closing the cell.
    let rest: String = chars.get(i..=close)?.iter().collect();
    if close + 1 == chars.len()
        && last.annotation.is_none()
        && is_annotation(&rest)
        && !inner.iter().any(|c| c.is_ascii_digit())
    {
        last.annotation = Some(rest[1..rest.len() - 1].trim().to_owned());
        return Some(close + 1);
    }
    None
}

/// `(うち新規3)`, `(うち、電子申請80件)` after a value: the part of it the bracket names, labelled
/// (`新規`; `うち` when nothing names it), in the value's unit unless it prints its own. A rate
/// (`%`) has no parts.
fn of_which_at(chars: &[char], i: usize, whole: &RawItem) -> Option<RawItem> {
    // A rate has no parts: `12.5%(うち…)` is not read.
    if chars.get(i) != Some(&'(')
        || !at(chars, i + 1, "うち")
        || whole.q.unit.as_deref() == Some("%")
    {
        return None;
    }
    let close = closing_paren(chars, i)?;
    let mut j = i + 3;
    while matches!(chars.get(j), Some('、' | ',' | ' ')) {
        j += 1;
    }
    let inner = chars.get(j..close)?;
    let (at_q, mut q) = (0..inner.len()).find_map(|p| match quantity_at(inner, p) {
        Some((q, e)) if e == inner.len() && q.value.is_some() => Some((p, q)),
        _ => None,
    })?;
    let label = match inner.get(..at_q) {
        Some(l) if !l.is_empty() => clean_label(l)?,
        _ => "うち".to_owned(),
    };
    inherit_unit(&mut q, &whole.q);
    Some(RawItem {
        label: Some(label),
        q,
        start: i,
        end: close + 1,
        paren: true,
        missing: false,
        sep_before: None,
        as_of: None,
        by: false,
        annotation: None,
        of_which: true,
    })
}

/// A number printed without a unit beside one that has it (`10~20件`, `45団体(うち新規3)`)
/// counts in that unit, scaled as it is printed (`1~2百万円`).
fn inherit_unit(q: &mut Quantity, from: &Quantity) {
    if q.unit.is_some() {
        return;
    }
    let Some(unit) = from.unit.clone() else {
        return;
    };
    let display = from.display_unit.clone();
    let exp = display
        .as_deref()
        .and_then(|d| unit_at(&d.chars().collect::<Vec<_>>(), 0))
        .map_or(0, |u| u.exp);
    if let Some(v) = q.value.and_then(|v| number::scale(v, exp)) {
        q.value = Some(v);
        q.unit = Some(unit);
        q.display_unit = display;
    }
}

fn is_dash_token(chars: &[char], i: usize) -> Option<usize> {
    let mut k = i;
    while chars
        .get(k)
        .is_some_and(|c| DASHES.contains(c) && *c != '~')
    {
        k += 1;
    }
    if k == i || chars.get(k).is_some_and(|c| *c != ' ') {
        return None;
    }
    Some(k)
}

const MAX_LABEL: usize = 24;

/// Particles that end a sentence fragment rather than a label.
const FRAGMENT_ENDINGS: &[char] = &[
    'を', 'は', 'で', 'に', 'が', 'の', 'と', 'も', 'へ', 'や', 'て', 'し',
];

fn clean_label(raw: &[char]) -> Option<String> {
    let l: String = raw.iter().collect();
    let l = l
        .trim()
        .trim_start_matches(['・', '･', '■', '●', '◆', '○', '※'])
        .trim_end_matches(':')
        .trim();
    if l.is_empty()
        || l.chars().count() > MAX_LABEL
        || l.contains(['。', '、', '(', ')', '「', '」', '\n'])
        || (l.ends_with(FRAGMENT_ENDINGS) && !l.ends_with("まで"))
        || l.split(' ').count() > 3
        || l.split(' ').any(|t| t.chars().all(|c| DASHES.contains(&c)))
        || l.chars().all(|c| !c.is_alphanumeric())
        || era::ERAS.iter().any(|e| l.ends_with(e.name))
    {
        return None;
    }
    Some(l.to_owned())
}

fn parse_items(chars: &[char], depth: u8) -> Option<(Vec<RawItem>, Vec<Note>)> {
    let n = chars.len();
    let mut items: Vec<RawItem> = Vec::new();
    let mut i = 0;
    let mut label: Option<(String, usize)> = None;
    let mut year: Option<(i32, usize)> = None;
    let mut sep: Option<char> = None;
    let mut notes = Vec::new();
    let mut stamp: Option<AsOf> = None;
    let mut by = false;
    let mut base: Option<i32> = None;
    // Stamps need `現在` or `時点`: look for them only in cells that have one.
    let stamped = chars
        .windows(2)
        .any(|w| matches!(w, ['現', '在'] | ['時', '点']));
    while i < n {
        let c = chars[i];
        if c == ' ' || c == '、' || (c == ',' && chars.get(i + 1) == Some(&' ')) {
            i += 1;
            continue;
        }
        if (c == '→' || c == '~') && !items.is_empty() && label.is_none() && year.is_none() {
            sep = Some(c);
            i += 1;
            continue;
        }
        if label.is_none()
            && year.is_none()
            && let Some(k) = is_dash_token(chars, i)
        {
            items.push(RawItem {
                label: None,
                q: Quantity::default(),
                start: i,
                end: k,
                paren: false,
                missing: true,
                sep_before: sep.take(),
                as_of: None,
                by: false,
                annotation: None,
                of_which: false,
            });
            i = k;
            continue;
        }
        if stamped
            && label.is_none()
            && year.is_none()
            && let Some((date, as_of, fiscal_year, k)) = as_of_at(chars, i)
        {
            notes.push(Note::new("as-of", format!("value as of {date}")));
            // The value beside the stamp is dated by it: `456,456件 (R2.1.15現在)` is
            // FY2019's figure. A stamp before the values dates the next one.
            match items.last_mut() {
                Some(last) if stamp.is_none() => {
                    if last.q.fiscal_year.is_none() {
                        last.q.fiscal_year = fiscal_year;
                    }
                    if last.as_of.is_none() {
                        last.as_of = as_of;
                    }
                }
                _ => {
                    stamp = as_of;
                    if let Some(y) = fiscal_year {
                        year = Some((y, i));
                    }
                }
            }
            i = k;
            continue;
        }
        // `45団体(うち新規3)`: a part of the value before it.
        if c == '('
            && label.is_none()
            && year.is_none()
            && let Some(whole) = items.last()
            && !whole.missing
            && !whole.of_which
            && let Some(part) = of_which_at(chars, i, whole)
        {
            i = part.end;
            items.push(part);
            continue;
        }
        // After a value: its year (`87.3%(R3)`), the fraction of a rate (`91.7%(22/24)`), its
        // share of the target (`1,120件(目標の7割)`) or a note (`215施設(休止中含む)`).
        if c == '('
            && label.is_none()
            && year.is_none()
            && let Some(last) = items.last_mut()
            && !last.missing
            && let Some(k) = after_value_paren(chars, i, last)
        {
            i = k;
            continue;
        }
        if year.is_none()
            && let Some((y, k, ns, using)) = year_use_at(chars, i)
        {
            match using {
                YearUse::Base => base = Some(y),
                YearUse::By => {
                    by = true;
                    year = Some((y, i));
                }
                YearUse::Of => year = Some((y, i)),
            }
            if using == YearUse::Base {
                // The base is no year of the value: it only needs a value after it.
                if !chars
                    .get(k..)
                    .is_some_and(|r| (0..r.len()).any(|j| quantity_at(r, j).is_some()))
                {
                    return None;
                }
            }
            notes.extend(ns);
            i = k;
            continue;
        }
        let found = if c == '(' {
            paren_item_at(chars, i, depth).map(|(q, l, k)| (q, l, k, true))
        } else {
            quantity_at(chars, i).map(|(q, k)| (q, None, k, false))
        };
        if let Some((mut q, inner_label, k, paren)) = found {
            let (lab, lstart) = match label.take() {
                Some((l, s)) => (Some(l), s),
                None => (inner_label, i),
            };
            let start = year.map_or(lstart, |(_, ys)| ys.min(lstart));
            if let Some((y, _)) = year.take() {
                q.fiscal_year = Some(y);
            }
            if let Some(b) = base.take() {
                q.relative_to = Some(RelativeTo::FiscalYear(b));
                if q.unit.as_deref() == Some("%") && q.change_percent.is_none() {
                    q.change_percent = match q.direction {
                        Some(Direction::Decrease) => q.value.map(|v| -v),
                        _ => q.value,
                    };
                    q.value = None;
                }
            }
            // A label over a bare number is a heading (`基本方針1`), not a value.
            if lab.is_some() && q.unit.is_none() && q.change.is_none() && q.relative_to.is_none() {
                return None;
            }
            items.push(RawItem {
                label: lab,
                q,
                start,
                end: k,
                paren,
                missing: false,
                sep_before: sep.take(),
                as_of: stamp.take(),
                by: std::mem::take(&mut by),
                annotation: None,
                of_which: false,
            });
            i = k;
            continue;
        }
        // A label: everything up to the next place where a value can start (after a year
        // prefix too: `（R4） 印刷枚数 550万枚`).
        if label.is_some() {
            return None;
        }
        let start = i;
        let mut j = i + 1;
        while j < n && !can_start_item(chars, j, depth) {
            j += 1;
            if j - start > MAX_LABEL {
                return None;
            }
        }
        if j >= n {
            return None;
        }
        // After a base (`令和2年度に比べ、利用率が8.1ポイント増加`) the subject ends in が/は.
        let mut raw = &chars[start..j];
        if base.is_some() {
            let trimmed = raw.iter().rposition(|c| *c != ' ').map_or(0, |p| p + 1);
            raw = &raw[..trimmed];
            if let Some((last, head)) = raw.split_last()
                && matches!(last, 'が' | 'は')
            {
                raw = head;
            }
        }
        label = Some((clean_label(raw)?, start));
        i = j;
    }
    if label.is_some() || year.is_some() || base.is_some() || items.iter().all(|it| it.missing) {
        return None;
    }
    Some((items, notes))
}

fn apply_hint_unit(q: &mut Quantity, hints: &Hints, notes: &mut Vec<Note>) {
    let Some(hint) = hints.unit.as_deref() else {
        return;
    };
    if q.unit.is_some() || q.value.is_none() {
        return;
    }
    // Header spellings: `（億円）`, `億円`, full-width `％`.
    let folded = text::fold(hint);
    let hint = folded
        .trim()
        .trim_start_matches(['(', '[', '【'])
        .trim_end_matches([')', ']', '】'])
        .trim();
    if hint.is_empty() {
        return;
    }
    let hc: Vec<char> = hint.chars().collect();
    match unit_at(&hc, 0) {
        Some(u) if u.len == hc.len() => {
            if let Some(v) = q.value.and_then(|v| number::scale(v, u.exp)) {
                q.value = Some(v);
                q.unit = Some(u.base.to_owned());
                q.display_unit = u.display.map(str::to_owned);
                q.unit_from_hint = true;
            } else {
                notes.push(Note::new(
                    "overflow",
                    format!("value too large after scaling by {hint}"),
                ));
            }
        }
        _ => {
            q.unit = Some(hint.trim().to_owned());
            q.unit_from_hint = true;
        }
    }
}

/// Two values of one unit and a bracketed percentage after them.
fn is_triple(items: &[RawItem]) -> bool {
    let [a, b, c] = items else {
        return false;
    };
    !a.paren
        && !b.paren
        && c.paren
        && !a.missing
        && !b.missing
        && a.q.unit.is_some()
        && a.q.unit == b.q.unit
        && a.label.is_none()
        && b.label.is_none()
        && c.q.unit.as_deref() == Some("%")
        && c.q.value.is_some()
}

fn item_parsed(chars: &[char], it: &RawItem, q: Quantity) -> Parsed {
    let s: String = chars
        .get(it.start..it.end)
        .map(|c| c.iter().collect())
        .unwrap_or_default();
    Parsed {
        text: text::apply_spacing(s.trim()),
        value: if it.missing {
            Value::Missing {
                pending: false,
                reason: None,
            }
        } else {
            Value::Quantity(q)
        },
        marker: None,
        footnote_refs: Vec::new(),
        label: it.label.clone(),
        fiscal_year: None,
        as_of: it.as_of,
        by: it.by,
        date: None,
        annotation: it.annotation.clone(),
        diagnostics: Vec::new(),
    }
}

fn apply_items(mut items: Vec<RawItem>, chars: &[char], hints: &Hints, p: &mut Parsed) {
    let mut notes = Vec::new();
    for it in &mut items {
        apply_hint_unit(&mut it.q, hints, &mut notes);
    }
    p.diagnostics.extend(notes);
    if items.len() == 1 {
        if let Some(mut it) = items.pop() {
            if hints.cumulative {
                it.q.cumulative = true;
            }
            p.label = it.label;
            p.as_of = it.as_of;
            p.by = it.by;
            p.annotation = it.annotation;
            p.value = Value::Quantity(it.q);
        }
        return;
    }
    let mut roles: Vec<Option<String>> = vec![None; items.len()];
    let pair = items.len() == 2;
    if pair && items[1].of_which {
        roles = vec![Some("total".to_owned()), Some("of_which".to_owned())];
    } else if pair && hints.cumulative && !items[0].paren && items[1].paren {
        items[1].q.cumulative = true;
        roles = vec![Some("in_year".to_owned()), Some("cumulative".to_owned())];
    } else if pair && matches!(items[1].sep_before, Some('→' | '~')) {
        roles = vec![Some("from".to_owned()), Some("to".to_owned())];
        // `10~20件`, `1~2百万円`: the unit printed once belongs to both ends.
        let to = items[1].q.clone();
        inherit_unit(&mut items[0].q, &to);
    } else if hints.roles.len() == items.len() {
        roles = hints.roles.iter().cloned().map(Some).collect();
    } else if hints.roles.is_empty() && is_triple(&items) {
        // `80% 76.5% (95.6%)`, `120,000千円 98,400千円 (82.0%)`: target, actual and the rate
        // of the one to the other.
        roles = ["target", "actual", "rate"]
            .into_iter()
            .map(|r| Some(r.to_owned()))
            .collect();
    } else if !hints.roles.is_empty() {
        p.diagnostics.push(Note::new(
            "roles-count-mismatch",
            format!(
                "{} roles given for {} values; roles not assigned",
                hints.roles.len(),
                items.len()
            ),
        ));
    }
    let out: Vec<Item> = items
        .iter()
        .zip(roles)
        .map(|(it, role)| Item {
            label: it.label.clone(),
            role,
            parsed: item_parsed(chars, it, it.q.clone()),
        })
        .collect();
    p.value = Value::Multi(out);
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]
    use super::*;

    #[test]
    fn a_short_text_names_its_direction_at_its_end() {
        assert_eq!(
            text_direction("口座振替及び電子納付件数の増加"),
            Some(Direction::Increase)
        );
        assert_eq!(
            text_direction("時間外勤務の削減"),
            Some(Direction::Decrease)
        );
        assert_eq!(
            text_direction("未利用物件を削減することで管理経費の縮減につなげる。"),
            None
        );
        assert_eq!(text_direction("増加要因の分析"), None);
    }

    #[test]
    fn items_read_inside_a_bracket_keep_their_own_text() {
        let Value::Multi(items) =
            parse_value("（令和2年度48.1%→令和5年度57.9%）", &Hints::default()).value
        else {
            panic!("not multi");
        };
        let texts: Vec<&str> = items.iter().map(|it| it.parsed.text.as_str()).collect();
        assert_eq!(texts, ["令和2年度48.1%", "令和5年度57.9%"]);
    }

    fn q(s: &str) -> Quantity {
        match parse_value(s, &Hints::default()).value {
            Value::Quantity(q) => q,
            other => panic!("{s}: {other:?}"),
        }
    }

    #[test]
    fn basic_quantities() {
        let x = q("15.6百万円");
        assert_eq!(x.value.unwrap().to_string(), "15600000");
        assert_eq!(x.display_unit.as_deref(), Some("百万円"));
        let x = q("275万枚以\n上削減");
        assert_eq!(x.value.unwrap().to_string(), "2750000");
        assert_eq!(x.bound, Some(Bound::AtLeast));
        assert_eq!(x.direction, Some(Direction::Decrease));
        let x = q("対前年度比＋５％");
        assert_eq!(x.change_percent.unwrap().to_string(), "5");
        assert_eq!(x.value, None);
    }
}
