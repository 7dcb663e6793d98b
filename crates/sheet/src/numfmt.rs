//! Excel number formats: render a stored cell value the way Excel displays it.
//!
//! Covers what municipal workbooks use: `General` (11 significant digits, no binary
//! artefacts), digit placeholders `0 # ?`, thousands separators and scaling commas, `%`,
//! scientific `E+`, quoted and escaped literals (`#,##0"千円"`, `\¥`), up to four sections
//! (positive; negative; zero; text) with simple conditions, colours and locale tags
//! (ignored), `@`, and dates/times including the Japanese era tokens `g`/`gg`/`ggg` and `e`
//! (`ggge"年"m"月"d"日"` → `令和6年3月14日`). Fractions (`# ?/?`) and `[DBNum]` numerals are
//! approximated; the caller is told through [`Rendered::approx`].

/// A rendered value and whether the rendering is only an approximation of Excel's.
#[derive(Debug, Clone, PartialEq)]
pub(crate) struct Rendered {
    /// The display text.
    pub text: String,
    /// Why the text may differ from Excel's display, when it may.
    pub approx: Option<&'static str>,
}

impl Rendered {
    fn exact(text: String) -> Self {
        Rendered { text, approx: None }
    }
}

/// Number format code for a built-in format id, as shown by a Japanese-locale Excel.
///
/// Ids 14 and 22 are locale dependent (`yyyy/m/d` in Japan); 27–58 are the Japanese built-ins.
pub(crate) fn builtin_code(id: u32) -> Option<&'static str> {
    Some(match id {
        0 => "General",
        1 => "0",
        2 => "0.00",
        3 => "#,##0",
        4 => "#,##0.00",
        5 => "\"¥\"#,##0;\"¥\"\\-#,##0",
        6 => "\"¥\"#,##0;[Red]\"¥\"\\-#,##0",
        7 => "\"¥\"#,##0.00;\"¥\"\\-#,##0.00",
        8 => "\"¥\"#,##0.00;[Red]\"¥\"\\-#,##0.00",
        9 => "0%",
        10 => "0.00%",
        11 => "0.00E+00",
        12 => "# ?/?",
        13 => "# ??/??",
        14 => "yyyy/m/d",
        15 => "d-mmm-yy",
        16 => "d-mmm",
        17 => "mmm-yy",
        18 => "h:mm AM/PM",
        19 => "h:mm:ss AM/PM",
        20 => "h:mm",
        21 => "h:mm:ss",
        22 => "yyyy/m/d h:mm",
        27 | 36 | 50 | 57 => "[$-411]ge.m.d",
        28 | 29 | 51 | 54 | 58 => "[$-411]ggge\"年\"m\"月\"d\"日\"",
        30 => "m/d/yy",
        31 => "yyyy\"年\"m\"月\"d\"日\"",
        32 => "h\"時\"mm\"分\"",
        33 => "h\"時\"mm\"分\"ss\"秒\"",
        34 | 52 | 55 => "yyyy\"年\"m\"月\"",
        35 | 53 | 56 => "m\"月\"d\"日\"",
        37 => "#,##0 ;(#,##0)",
        38 => "#,##0 ;[Red](#,##0)",
        39 => "#,##0.00;(#,##0.00)",
        40 => "#,##0.00;[Red](#,##0.00)",
        41 => "_ * #,##0_ ;_ * \\-#,##0_ ;_ * \"-\"_ ;_ @_ ",
        42 => "_ \"¥\"* #,##0_ ;_ \"¥\"* \\-#,##0_ ;_ \"¥\"* \"-\"_ ;_ @_ ",
        43 => "_ * #,##0.00_ ;_ * \\-#,##0.00_ ;_ * \"-\"??_ ;_ @_ ",
        44 => "_ \"¥\"* #,##0.00_ ;_ \"¥\"* \\-#,##0.00_ ;_ \"¥\"* \"-\"??_ ;_ @_ ",
        45 => "mm:ss",
        46 => "[h]:mm:ss",
        47 => "mm:ss.0",
        48 => "##0.0E+0",
        49 => "@",
        _ => return None,
    })
}

/// Excel's `General` display of a number: at most 11 significant digits, scientific
/// notation from 1E+11 up and below 1E-9, no binary artefacts (0.1+0.2 → `0.3`).
pub(crate) fn general(v: f64) -> String {
    if !v.is_finite() {
        return "#NUM!".to_string();
    }
    if v == 0.0 {
        return "0".to_string();
    }
    let neg = v < 0.0;
    let a = v.abs();
    let (digits, exp) = sig_digits(a, 11);
    let body = if (-9..11).contains(&exp) {
        // exp is the power of ten of the first digit.
        plain_from_digits(&digits, exp)
    } else {
        // Scientific with up to 6 significant digits, as Excel shows in a standard column.
        let (d6, e6) = sig_digits(a, 6);
        let mut mant = String::new();
        let mut it = d6.iter();
        if let Some(first) = it.next() {
            mant.push(char::from(b'0' + first));
        }
        let rest: String = it.map(|d| char::from(b'0' + d)).collect();
        let rest = rest.trim_end_matches('0');
        if !rest.is_empty() {
            mant.push('.');
            mant.push_str(rest);
        }
        let sign = if e6 < 0 { '-' } else { '+' };
        format!("{mant}E{sign}{:02}", e6.unsigned_abs())
    };
    if neg { format!("-{body}") } else { body }
}

/// The first `n` significant decimal digits of `a > 0` (rounded half-up from the 15-digit
/// representation Excel itself keeps) and the power of ten of the first digit.
fn sig_digits(a: f64, n: usize) -> (Vec<u8>, i32) {
    // `{:.14e}` gives the 15 significant digits Excel works with.
    let s = format!("{:.14e}", a);
    let (mant, exp) = match s.split_once('e') {
        Some(p) => p,
        None => (s.as_str(), "0"),
    };
    let mut exp: i32 = exp.parse().unwrap_or(0);
    let mut digits: Vec<u8> = mant
        .bytes()
        .filter(u8::is_ascii_digit)
        .map(|b| b - b'0')
        .collect();
    if digits.len() > n {
        let round_up = digits.get(n).is_some_and(|d| *d >= 5);
        digits.truncate(n);
        if round_up {
            let mut i = n;
            loop {
                if i == 0 {
                    digits.insert(0, 1);
                    digits.truncate(n);
                    exp += 1;
                    break;
                }
                i -= 1;
                if let Some(d) = digits.get_mut(i) {
                    if *d == 9 {
                        *d = 0;
                    } else {
                        *d += 1;
                        break;
                    }
                }
            }
        }
    }
    (digits, exp)
}

/// Plain decimal text from significant digits (first digit at 10^exp), trailing zeros of the
/// fraction removed.
fn plain_from_digits(digits: &[u8], exp: i32) -> String {
    let (int, frac) = split_digits(digits, exp);
    let int = if int.is_empty() { "0".to_string() } else { int };
    let frac = frac.trim_end_matches('0');
    if frac.is_empty() {
        int
    } else {
        format!("{int}.{frac}")
    }
}

/// Integer digits (no leading zeros, may be empty) and fraction digits of a digit string.
fn split_digits(digits: &[u8], exp: i32) -> (String, String) {
    let mut int = String::new();
    let mut frac = String::new();
    if exp >= 0 {
        let n_int = exp as usize + 1;
        for i in 0..n_int.max(digits.len()) {
            let d = digits.get(i).copied().unwrap_or(0);
            if i < n_int {
                int.push(char::from(b'0' + d));
            } else {
                frac.push(char::from(b'0' + d));
            }
        }
    } else {
        for _ in 0..(exp.unsigned_abs() - 1) {
            frac.push('0');
        }
        for d in digits {
            frac.push(char::from(b'0' + d));
        }
    }
    let int = int.trim_start_matches('0').to_string();
    (int, frac)
}

/// `a ≥ 0` rounded half-up to `nd` decimals (from its 15 significant digits): integer digits
/// (no leading zeros) and exactly `nd` fraction digits.
fn fixed(a: f64, nd: usize) -> (String, String) {
    if a == 0.0 || !a.is_finite() {
        return (String::new(), "0".repeat(nd));
    }
    let (digits, exp) = sig_digits(a, 15);
    let (int, mut frac) = split_digits(&digits, exp);
    let mut int_digits: Vec<u8> = int.bytes().map(|b| b - b'0').collect();
    let round_up = frac.as_bytes().get(nd).is_some_and(|b| *b >= b'5');
    let mut frac_digits: Vec<u8> = frac.bytes().take(nd).map(|b| b - b'0').collect();
    while frac_digits.len() < nd {
        frac_digits.push(0);
    }
    if round_up {
        let mut carry = true;
        for d in frac_digits.iter_mut().rev() {
            if *d == 9 {
                *d = 0;
            } else {
                *d += 1;
                carry = false;
                break;
            }
        }
        if carry {
            for d in int_digits.iter_mut().rev() {
                if *d == 9 {
                    *d = 0;
                } else {
                    *d += 1;
                    carry = false;
                    break;
                }
            }
            if carry {
                int_digits.insert(0, 1);
            }
        }
    }
    frac = frac_digits.iter().map(|d| char::from(b'0' + d)).collect();
    let int: String = int_digits.iter().map(|d| char::from(b'0' + d)).collect();
    (int.trim_start_matches('0').to_string(), frac)
}

/// One token of a format section.
#[derive(Debug, Clone, PartialEq)]
enum Tok {
    Lit(String),
    Digit(char),
    Dot,
    Comma,
    Percent,
    Exp(bool),
    Slash,
    At,
    General,
    /// A date/time run: letter (lower-case; `m` resolved later) and length.
    Date(char, usize),
    /// `[h]`, `[m]`, `[s]`: elapsed time.
    Elapsed(char, usize),
    AmPm(bool),
}

#[derive(Debug, Clone, PartialEq)]
enum Cond {
    Lt(f64),
    Le(f64),
    Gt(f64),
    Ge(f64),
    Eq(f64),
    Ne(f64),
}

impl Cond {
    fn holds(&self, v: f64) -> bool {
        match *self {
            Cond::Lt(x) => v < x,
            Cond::Le(x) => v <= x,
            Cond::Gt(x) => v > x,
            Cond::Ge(x) => v >= x,
            Cond::Eq(x) => v == x,
            Cond::Ne(x) => v != x,
        }
    }
}

#[derive(Debug, Clone, Default)]
struct Section {
    toks: Vec<Tok>,
    cond: Option<Cond>,
    approx: Option<&'static str>,
    /// `[$-ja-JP-x-gannen]`: the first year of an era is written 元.
    gannen: bool,
}

impl Section {
    fn is_date(&self) -> bool {
        self.toks
            .iter()
            .any(|t| matches!(t, Tok::Date(..) | Tok::Elapsed(..)))
    }
    fn has_at(&self) -> bool {
        self.toks.iter().any(|t| matches!(t, Tok::At))
    }
}

/// Split a format code into sections at `;` outside quotes, brackets and escapes.
fn split_sections(code: &str) -> Vec<String> {
    let mut out = Vec::new();
    let mut cur = String::new();
    let mut chars = code.chars();
    let mut in_quote = false;
    let mut in_bracket = false;
    while let Some(c) = chars.next() {
        match c {
            '"' if !in_bracket => {
                in_quote = !in_quote;
                cur.push(c);
            }
            '\\' | '_' | '*' if !in_quote && !in_bracket => {
                cur.push(c);
                if let Some(n) = chars.next() {
                    cur.push(n);
                }
            }
            '[' if !in_quote => {
                in_bracket = true;
                cur.push(c);
            }
            ']' if !in_quote => {
                in_bracket = false;
                cur.push(c);
            }
            ';' if !in_quote && !in_bracket => out.push(std::mem::take(&mut cur)),
            _ => cur.push(c),
        }
    }
    out.push(cur);
    out
}

fn parse_cond(s: &str) -> Option<Cond> {
    let s = s.trim();
    let (op, rest) = if let Some(r) = s.strip_prefix(">=") {
        (">=", r)
    } else if let Some(r) = s.strip_prefix("<=") {
        ("<=", r)
    } else if let Some(r) = s.strip_prefix("<>") {
        ("<>", r)
    } else if let Some(r) = s.strip_prefix('>') {
        (">", r)
    } else if let Some(r) = s.strip_prefix('<') {
        ("<", r)
    } else if let Some(r) = s.strip_prefix('=') {
        ("=", r)
    } else {
        return None;
    };
    let x: f64 = rest.trim().parse().ok()?;
    Some(match op {
        ">=" => Cond::Ge(x),
        "<=" => Cond::Le(x),
        "<>" => Cond::Ne(x),
        ">" => Cond::Gt(x),
        "<" => Cond::Lt(x),
        _ => Cond::Eq(x),
    })
}

fn push_lit(toks: &mut Vec<Tok>, s: &str) {
    if let Some(Tok::Lit(prev)) = toks.last_mut() {
        prev.push_str(s);
    } else {
        toks.push(Tok::Lit(s.to_string()));
    }
}

fn parse_section(src: &str) -> Section {
    let mut sec = Section::default();
    let chars: Vec<char> = src.chars().collect();
    let mut i = 0;
    while let Some(&c) = chars.get(i) {
        i += 1;
        match c {
            '"' => {
                let mut lit = String::new();
                while let Some(&n) = chars.get(i) {
                    i += 1;
                    if n == '"' {
                        break;
                    }
                    lit.push(n);
                }
                push_lit(&mut sec.toks, &lit);
            }
            '\\' => {
                if let Some(&n) = chars.get(i) {
                    i += 1;
                    push_lit(&mut sec.toks, &n.to_string());
                }
            }
            // `_x` leaves the width of x blank and `*x` fills the cell with x: both are
            // layout, not text.
            '_' | '*' => i += 1,
            '[' => {
                let mut inner = String::new();
                while let Some(&n) = chars.get(i) {
                    i += 1;
                    if n == ']' {
                        break;
                    }
                    inner.push(n);
                }
                let lower = inner.to_lowercase();
                if let Some(cond) = parse_cond(&inner) {
                    sec.cond = Some(cond);
                } else if let Some(cur) = inner.strip_prefix('$') {
                    sec.gannen |= cur.to_ascii_lowercase().contains("gannen");
                    // [$¥-411]: a currency symbol before the locale id; [$-411]: locale only.
                    let sym = cur.split('-').next().unwrap_or("");
                    if !sym.is_empty() {
                        push_lit(&mut sec.toks, sym);
                    }
                } else if !lower.is_empty() && lower.chars().all(|c| c == 'h') {
                    sec.toks.push(Tok::Elapsed('h', lower.len()));
                } else if !lower.is_empty() && lower.chars().all(|c| c == 'm') {
                    sec.toks.push(Tok::Elapsed('m', lower.len()));
                } else if !lower.is_empty() && lower.chars().all(|c| c == 's') {
                    sec.toks.push(Tok::Elapsed('s', lower.len()));
                } else if lower.starts_with("dbnum") {
                    sec.approx = Some("kanji numerals ([DBNum]) shown as arabic digits");
                }
                // Colours ([Red], [Color10]) and anything else: no effect on the text.
            }
            '0' | '#' | '?' => sec.toks.push(Tok::Digit(c)),
            '.' => sec.toks.push(Tok::Dot),
            ',' => sec.toks.push(Tok::Comma),
            '%' => sec.toks.push(Tok::Percent),
            '/' => sec.toks.push(Tok::Slash),
            '@' => sec.toks.push(Tok::At),
            'E' | 'e' if matches!(chars.get(i), Some('+') | Some('-')) => {
                let plus = chars.get(i) == Some(&'+');
                i += 1;
                sec.toks.push(Tok::Exp(plus));
            }
            'G' | 'g' if starts_with_ci(&chars, i - 1, "general") => {
                i += "general".len() - 1;
                sec.toks.push(Tok::General);
            }
            'A' | 'a' if starts_with_ci(&chars, i - 1, "am/pm") => {
                i += "am/pm".len() - 1;
                sec.toks.push(Tok::AmPm(true));
            }
            'A' | 'a' if starts_with_ci(&chars, i - 1, "a/p") => {
                i += "a/p".len() - 1;
                sec.toks.push(Tok::AmPm(false));
            }
            'y' | 'Y' | 'm' | 'M' | 'd' | 'D' | 'h' | 'H' | 's' | 'S' | 'g' | 'G' | 'e' | 'a'
            | 'A' => {
                let lc = c.to_ascii_lowercase();
                let mut n = 1;
                while chars.get(i).is_some_and(|n| n.to_ascii_lowercase() == lc) {
                    n += 1;
                    i += 1;
                }
                if lc == 'a' && n < 3 {
                    push_lit(&mut sec.toks, &c.to_string().repeat(n));
                } else {
                    sec.toks.push(Tok::Date(lc, n));
                }
            }
            _ => push_lit(&mut sec.toks, &c.to_string()),
        }
    }
    sec
}

fn starts_with_ci(chars: &[char], at: usize, word: &str) -> bool {
    let mut i = at;
    for w in word.chars() {
        match chars.get(i) {
            Some(c) if c.to_ascii_lowercase() == w => i += 1,
            _ => return false,
        }
    }
    true
}

fn parse(code: &str) -> Vec<Section> {
    split_sections(code)
        .iter()
        .map(|s| parse_section(s))
        .collect()
}

/// Whether a format code displays numbers as dates or times.
pub(crate) fn is_date_format(code: &str) -> bool {
    parse(code).first().is_some_and(Section::is_date)
}

/// Render a number under a format code. `date1904`: the workbook uses the 1904 date system.
pub(crate) fn format_number(v: f64, code: &str, date1904: bool) -> Rendered {
    if code.trim().is_empty() || code.eq_ignore_ascii_case("general") {
        return Rendered::exact(general(v));
    }
    let sections = parse(code);
    let numeric: Vec<&Section> = sections.iter().take(3).collect();
    let has_conds = numeric.iter().any(|s| s.cond.is_some());
    // Pick the section and whether the minus sign is written by us.
    let (sec, signed) = if has_conds {
        let hit = numeric
            .iter()
            .find(|s| s.cond.as_ref().is_some_and(|c| c.holds(v)))
            .or_else(|| numeric.iter().find(|s| s.cond.is_none()));
        match hit {
            Some(s) => (*s, v < 0.0 && s.cond.as_ref().is_none_or(|c| !c.holds(v))),
            None => return Rendered::exact(general(v)),
        }
    } else if v < 0.0 && numeric.len() >= 2 {
        match numeric.get(1) {
            Some(s) => (*s, false),
            None => return Rendered::exact(general(v)),
        }
    } else if v == 0.0 && numeric.len() >= 3 {
        match numeric.get(2) {
            Some(s) => (*s, false),
            None => return Rendered::exact(general(v)),
        }
    } else {
        match numeric.first() {
            Some(s) => (*s, true),
            None => return Rendered::exact(general(v)),
        }
    };
    let mut out = if sec.is_date() {
        render_date(v, sec, date1904)
    } else {
        render_number(if signed { v } else { v.abs() }, sec)
    };
    if out.approx.is_none() {
        out.approx = sec.approx;
    }
    out
}

/// Render text under a format code (only its text section, or a single `@` section, applies).
pub(crate) fn format_text(s: &str, code: &str) -> String {
    let sections = parse(code);
    let sec = match sections.get(3) {
        Some(sec) => sec,
        None => match sections.first() {
            Some(sec) if sections.len() == 1 && sec.has_at() => sec,
            _ => return s.to_string(),
        },
    };
    let mut out = String::new();
    for t in &sec.toks {
        match t {
            Tok::At => out.push_str(s),
            Tok::Lit(l) => out.push_str(l),
            _ => {}
        }
    }
    out
}

fn render_number(v: f64, sec: &Section) -> Rendered {
    if !v.is_finite() {
        return Rendered::exact("#NUM!".to_string());
    }
    let toks = &sec.toks;
    if toks.iter().any(|t| matches!(t, Tok::Slash))
        && toks.iter().filter(|t| matches!(t, Tok::Digit(_))).count() >= 2
    {
        return Rendered {
            text: general(v),
            approx: Some("fraction format shown as a decimal"),
        };
    }
    let exp_at = toks.iter().position(|t| matches!(t, Tok::Exp(_)));
    let body_end = exp_at.unwrap_or(toks.len());
    // Decimal point: the first Dot before the exponent that is followed by a digit
    // placeholder or preceded by one.
    let first_digit = toks.iter().position(|t| matches!(t, Tok::Digit(_)));
    let dot_at = toks
        .iter()
        .take(body_end)
        .position(|t| matches!(t, Tok::Dot))
        .filter(|&d| first_digit.is_some_and(|f| f < body_end) || d < body_end);
    let int_end = dot_at.unwrap_or(body_end);
    let int_ph: Vec<(usize, char)> = toks
        .iter()
        .enumerate()
        .take(int_end)
        .filter_map(|(i, t)| match t {
            Tok::Digit(c) => Some((i, *c)),
            _ => None,
        })
        .collect();
    let frac_ph: Vec<(usize, char)> = match dot_at {
        Some(d) => toks
            .iter()
            .enumerate()
            .take(body_end)
            .skip(d + 1)
            .filter_map(|(i, t)| match t {
                Tok::Digit(c) => Some((i, *c)),
                _ => None,
            })
            .collect(),
        None => Vec::new(),
    };
    let last_int_ph = int_ph.last().map(|(i, _)| *i);
    let first_int_ph = int_ph.first().map(|(i, _)| *i);
    // Commas: grouping between integer placeholders; scaling right after the last one.
    let mut grouping = false;
    let mut scale_commas = 0i32;
    let mut consumed_commas: Vec<usize> = Vec::new();
    for (i, t) in toks.iter().enumerate().take(body_end) {
        if !matches!(t, Tok::Comma) {
            continue;
        }
        match (first_int_ph, last_int_ph) {
            (Some(f), Some(l)) if i > f && i < l => {
                grouping = true;
                consumed_commas.push(i);
            }
            (Some(_), Some(l)) if i > l && toks[l + 1..i].iter().all(|t| *t == Tok::Comma) => {
                scale_commas += 1;
                consumed_commas.push(i);
            }
            _ => {}
        }
    }
    let percents = toks.iter().filter(|t| matches!(t, Tok::Percent)).count() as i32;
    let mut x = v.abs();
    x *= 100f64.powi(percents.min(10));
    x /= 1000f64.powi(scale_commas.min(10));
    let neg = v < 0.0;

    // Exponent handling.
    let mut exp_text = String::new();
    if let Some(e_at) = exp_at {
        let plus = matches!(toks.get(e_at), Some(Tok::Exp(true)));
        let exp_ph = toks
            .iter()
            .skip(e_at + 1)
            .filter(|t| matches!(t, Tok::Digit(_)))
            .count();
        let k = int_ph.len().max(1) as i32;
        let mut e = if x == 0.0 {
            0
        } else {
            x.log10().floor() as i32
        };
        if k > 1 {
            e = e.div_euclid(k) * k;
        }
        let mut m = x / 10f64.powi(e);
        let (mi, _) = fixed(m, frac_ph.len().min(30));
        if mi.len() > k as usize {
            e += if k > 1 { k } else { 1 };
            m = x / 10f64.powi(e);
        }
        x = m;
        let sign = if e < 0 {
            "-"
        } else if plus {
            "+"
        } else {
            ""
        };
        exp_text = format!("E{sign}{:0width$}", e.unsigned_abs(), width = exp_ph.max(1));
    }

    let (int_digits, frac_digits) = fixed(x, frac_ph.len().min(30));
    // Integer text padded to the placeholders from the first `0`/`?` on.
    let min_int = int_ph
        .iter()
        .position(|(_, c)| *c == '0' || *c == '?')
        .map(|p| int_ph.len() - p)
        .unwrap_or(0);
    let mut int_text = int_digits.clone();
    let pad_len = min_int.saturating_sub(int_text.len());
    if pad_len > 0 {
        // Pad char per placeholder: '0' → '0', '?' → ' '.
        let pads: String = int_ph
            .iter()
            .skip(int_ph.len() - min_int)
            .take(pad_len)
            .map(|(_, c)| if *c == '?' { ' ' } else { '0' })
            .collect();
        int_text = format!("{pads}{int_text}");
    }
    if grouping {
        int_text = group_thousands(&int_text);
    }
    // Fraction digits: drop trailing zeros not required by a `0` placeholder.
    let min_frac = frac_ph
        .iter()
        .rposition(|(_, c)| *c == '0' || *c == '?')
        .map(|p| p + 1)
        .unwrap_or(0);
    let mut frac: Vec<char> = frac_digits.chars().collect();
    while frac.len() > min_frac && frac.last() == Some(&'0') {
        frac.pop();
    }

    let mut out = String::new();
    if neg {
        out.push('-');
    }
    let mut frac_i = 0usize;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Lit(l) => out.push_str(l),
            Tok::Digit(_) if Some(i) == first_int_ph && i < int_end => out.push_str(&int_text),
            Tok::Digit(_) if i < int_end => {}
            Tok::Digit(c) if i < body_end => {
                match frac.get(frac_i) {
                    Some(d) => out.push(*d),
                    None if *c == '?' => out.push(' '),
                    None => {}
                }
                frac_i += 1;
            }
            Tok::Digit(_) => {
                // Exponent placeholders: the whole exponent at the first one.
                if !exp_text.is_empty() {
                    out.push_str(&exp_text);
                    exp_text.clear();
                }
            }
            Tok::Dot if Some(i) == dot_at => {
                if first_int_ph.is_none() {
                    out.push_str(&int_digits);
                }
                out.push('.');
            }
            Tok::Dot => out.push('.'),
            Tok::Comma if consumed_commas.contains(&i) => {}
            Tok::Comma => out.push(','),
            Tok::Percent => out.push('%'),
            Tok::Exp(_) => {}
            Tok::Slash => out.push('/'),
            Tok::At => {}
            Tok::General => out.push_str(&general(x)),
            Tok::Date(c, n) => out.push_str(&c.to_string().repeat(*n)),
            Tok::Elapsed(..) | Tok::AmPm(_) => {}
        }
    }
    Rendered::exact(out)
}

fn group_thousands(s: &str) -> String {
    let lead: String = s.chars().take_while(|c| *c == ' ').collect();
    let digits: Vec<char> = s.chars().skip(lead.len()).collect();
    let mut out = lead;
    for (i, c) in digits.iter().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(*c);
    }
    out
}

/// Japanese eras: (start year, month, day, kanji, initial).
const ERAS: [(i64, u32, u32, &str, &str); 5] = [
    (2019, 5, 1, "令和", "R"),
    (1989, 1, 8, "平成", "H"),
    (1926, 12, 25, "昭和", "S"),
    (1912, 7, 30, "大正", "T"),
    (1868, 9, 8, "明治", "M"),
];

/// Civil date from days since 1970-01-01 (Howard Hinnant's algorithm).
fn civil_from_days(z: i64) -> (i64, u32, u32) {
    let z = z + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z.rem_euclid(146_097);
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let y = yoe + era * 400;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let d = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let m = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    (if m <= 2 { y + 1 } else { y }, m, d)
}

struct DateParts {
    y: i64,
    mo: u32,
    d: u32,
    h: u32,
    mi: u32,
    s: u32,
    /// 0 = Sunday.
    wd: u32,
    /// The serial's whole days and seconds for elapsed-time tokens.
    total_secs: f64,
}

/// Break an Excel serial into date parts; None when Excel shows `#####`.
fn date_parts(serial: f64, date1904: bool) -> Option<DateParts> {
    if !serial.is_finite() || !(0.0..2_958_466.0).contains(&serial) {
        return None;
    }
    let total_secs = (serial * 86_400.0).round();
    let days = (total_secs / 86_400.0).floor() as i64;
    let secs = (total_secs - days as f64 * 86_400.0) as u32;
    // Days since 1970-01-01.
    let (y, mo, d) = if date1904 {
        civil_from_days(days - 24_107)
    } else if days == 60 {
        (1900, 2, 29)
    } else if days == 0 {
        (1900, 1, 0)
    } else if days < 60 {
        civil_from_days(days - 25_568)
    } else {
        civil_from_days(days - 25_569)
    };
    let wd = if date1904 {
        (days + 5).rem_euclid(7)
    } else {
        // Serial 1 (1900-01-01) is a Sunday in Excel's (1900-leap-year) calendar.
        (days + 6).rem_euclid(7)
    } as u32;
    Some(DateParts {
        y,
        mo,
        d,
        h: secs / 3600,
        mi: (secs / 60) % 60,
        s: secs % 60,
        wd,
        total_secs,
    })
}

fn era_of(p: &DateParts) -> Option<(&'static str, &'static str, i64)> {
    ERAS.iter()
        .find(|(y, m, d, _, _)| (p.y, p.mo, p.d) >= (*y, *m, *d))
        .map(|(y, _, _, k, i)| (*k, *i, p.y - y + 1))
}

const MONTHS: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
const DAYS: [&str; 7] = [
    "Sunday",
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
];
const DAYS_JA: [&str; 7] = ["日", "月", "火", "水", "木", "金", "土"];

fn render_date(v: f64, sec: &Section, date1904: bool) -> Rendered {
    let Some(p) = date_parts(v, date1904) else {
        return Rendered {
            text: general(v),
            approx: Some("date out of Excel's range (shown as ##### by Excel)"),
        };
    };
    let toks = &sec.toks;
    let ampm = toks.iter().any(|t| matches!(t, Tok::AmPm(_)));
    let mut out = String::new();
    let mut approx = None;
    for (i, t) in toks.iter().enumerate() {
        match t {
            Tok::Lit(l) => out.push_str(l),
            Tok::Date('y', n) => {
                if *n <= 2 {
                    out.push_str(&format!("{:02}", p.y.rem_euclid(100)));
                } else {
                    out.push_str(&p.y.to_string());
                }
            }
            Tok::Date('m', n) => {
                // Minutes when after an hour or before a second token.
                let prev_h = toks[..i]
                    .iter()
                    .rev()
                    .find(|t| !matches!(t, Tok::Lit(_)))
                    .is_some_and(|t| matches!(t, Tok::Date('h', _) | Tok::Elapsed('h', _)));
                let next_s = toks[i + 1..]
                    .iter()
                    .find(|t| !matches!(t, Tok::Lit(_)))
                    .is_some_and(|t| matches!(t, Tok::Date('s', _) | Tok::Elapsed('s', _)));
                if (prev_h || next_s) && *n <= 2 {
                    out.push_str(&pad(p.mi, *n));
                } else {
                    let name = MONTHS.get((p.mo as usize).wrapping_sub(1)).unwrap_or(&"");
                    match n {
                        1 | 2 => out.push_str(&pad(p.mo, *n)),
                        3 => out.push_str(name.get(..3).unwrap_or(name)),
                        5 => out.push_str(name.get(..1).unwrap_or(name)),
                        _ => out.push_str(name),
                    }
                }
            }
            Tok::Date('d', n) => {
                let name = DAYS.get(p.wd as usize).unwrap_or(&"");
                match n {
                    1 | 2 => out.push_str(&pad(p.d, *n)),
                    3 => out.push_str(name.get(..3).unwrap_or(name)),
                    _ => out.push_str(name),
                }
            }
            Tok::Date('a', n) => {
                let ja = DAYS_JA.get(p.wd as usize).unwrap_or(&"");
                out.push_str(ja);
                if *n >= 4 {
                    out.push_str("曜日");
                }
            }
            Tok::Date('h', n) => {
                let h = if ampm {
                    match p.h % 12 {
                        0 => 12,
                        h => h,
                    }
                } else {
                    p.h
                };
                out.push_str(&pad(h, *n));
            }
            Tok::Date('s', n) => {
                out.push_str(&pad(p.s, *n));
                if matches!(toks.get(i + 1), Some(Tok::Dot))
                    && matches!(toks.get(i + 2), Some(Tok::Digit(_)))
                {
                    approx = Some("fractions of a second not shown");
                }
            }
            Tok::Date('g', n) => match era_of(&p) {
                Some((kanji, initial, _)) => match n {
                    1 => out.push_str(initial),
                    2 => out.push_str(kanji.get(..3).unwrap_or(kanji)),
                    _ => out.push_str(kanji),
                },
                None => approx = Some("date before the Meiji era has no Japanese era"),
            },
            Tok::Date('e', n) => {
                let y = era_of(&p).map(|(_, _, y)| y).unwrap_or(p.y);
                if sec.gannen && y == 1 && era_of(&p).is_some() {
                    out.push('元');
                } else if *n >= 2 {
                    out.push_str(&format!("{y:02}"));
                } else {
                    out.push_str(&y.to_string());
                }
            }
            Tok::Date(c, n) => out.push_str(&c.to_string().repeat(*n)),
            Tok::Elapsed(c, n) => {
                let secs = p.total_secs as i64;
                let value = match c {
                    'h' => secs / 3600,
                    'm' => secs / 60,
                    _ => secs,
                };
                out.push_str(&format!("{value:0width$}", width = *n));
            }
            Tok::AmPm(full) => {
                let am = p.h < 12;
                out.push_str(match (full, am) {
                    (true, true) => "AM",
                    (true, false) => "PM",
                    (false, true) => "A",
                    (false, false) => "P",
                });
            }
            Tok::Dot => out.push('.'),
            Tok::Comma => out.push(','),
            Tok::Percent => out.push('%'),
            Tok::Slash => out.push('/'),
            Tok::Digit(_) | Tok::Exp(_) | Tok::At | Tok::General => {}
        }
    }
    Rendered { text: out, approx }
}

fn pad(v: u32, n: usize) -> String {
    if n >= 2 {
        format!("{v:02}")
    } else {
        v.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn f(v: f64, code: &str) -> String {
        format_number(v, code, false).text
    }

    #[test]
    fn general_has_no_binary_artefacts() {
        assert_eq!(general(0.1 + 0.2), "0.3");
        assert_eq!(general(98.6), "98.6");
        assert_eq!(general(45.0), "45");
        assert_eq!(general(-3.5), "-3.5");
        assert_eq!(general(1.0 / 3.0), "0.33333333333");
        assert_eq!(general(123_456_789_012.0), "1.23457E+11");
        assert_eq!(general(12_345_678_901.0), "12345678901");
        assert_eq!(general(0.000_000_000_1), "1E-10");
        assert_eq!(general(0.000_012_5), "0.0000125");
    }

    #[test]
    fn percent_and_grouping() {
        assert_eq!(f(0.986, "0.0%"), "98.6%");
        assert_eq!(f(0.986, "0.00%"), "98.60%");
        assert_eq!(f(0.285, "0.0%"), "28.5%");
        assert_eq!(f(110_000.0, "#,##0"), "110,000");
        assert_eq!(f(4_263_148.0, "#,##0\"千円\""), "4,263,148千円");
        assert_eq!(f(110_000.0, "#,##0\"件\""), "110,000件");
        assert_eq!(f(0.0, "#,##0"), "0");
        assert_eq!(f(1_234.5, "#,##0.00"), "1,234.50");
        assert_eq!(f(0.985, "0.00"), "0.99");
        assert_eq!(f(2.5, "0"), "3");
        assert_eq!(f(-1234.0, "#,##0"), "-1,234");
        assert_eq!(f(-1234.0, "#,##0;\"△\"#,##0"), "△1,234");
        assert_eq!(f(0.0, "#,##0;-#,##0;\"-\""), "-");
        assert_eq!(f(1_234_567.0, "#,##0,\"千\""), "1,235千");
        assert_eq!(f(5.0, "000"), "005");
        assert_eq!(f(0.5, "#.00"), ".50");
        assert_eq!(f(1234.0, "\\¥#,##0"), "¥1,234");
        assert_eq!(f(1234.0, "[$¥-411]#,##0"), "¥1,234");
        assert_eq!(f(12.0, "[Red]0.0"), "12.0");
        assert_eq!(f(12_345.0, "0.00E+00"), "1.23E+04");
        assert_eq!(f(3.0, "General\"人\""), "3人");
        assert_eq!(
            f(1234.0, "_ * #,##0_ ;_ * \\-#,##0_ ;_ * \"-\"_ ;_ @_ "),
            "1,234"
        );
    }

    #[test]
    fn dates_and_eras() {
        // 2024-03-14 is serial 45365.
        assert_eq!(f(45_365.0, "yyyy/m/d"), "2024/3/14");
        assert_eq!(f(45_365.0, "yyyy\"年\"m\"月\"d\"日\""), "2024年3月14日");
        assert_eq!(
            f(45_365.0, "[$-411]ggge\"年\"m\"月\"d\"日\""),
            "令和6年3月14日"
        );
        assert_eq!(f(45_365.0, "[$-411]ge.m.d"), "R6.3.14");
        assert_eq!(f(45_365.0, "m/d(aaa)"), "3/14(木)");
        assert_eq!(f(45_365.5, "yyyy-mm-dd hh:mm:ss"), "2024-03-14 12:00:00");
        assert_eq!(f(0.75, "h:mm AM/PM"), "6:00 PM");
        assert_eq!(f(1.5, "[h]:mm"), "36:00");
        // 1989-01-07 was the last day of Showa.
        assert_eq!(f(32_515.0, "ggge\"年\""), "昭和64年");
        assert_eq!(f(32_516.0, "ggge\"年\""), "平成1年");
        // 2019-05-01, first day of Reiwa, with the gannen locale.
        assert_eq!(
            f(43_586.0, "[$-ja-JP-x-gannen]ggge\"年\"m\"月\"d\"日\""),
            "令和元年5月1日"
        );
        assert_eq!(f(43_586.0, "[$-411]ggge\"年\""), "令和1年");
        assert!(is_date_format("yyyy/m/d"));
        assert!(!is_date_format("#,##0\"円\""));
    }

    #[test]
    fn text_sections() {
        assert_eq!(format_text("abc", "@"), "abc");
        assert_eq!(format_text("abc", "0;0;0;\"[\"@\"]\""), "[abc]");
        assert_eq!(format_text("abc", "0.00"), "abc");
    }
}
