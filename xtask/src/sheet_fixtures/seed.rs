//! Seed 002 (南アルプス市 実施計画) card blocks: tab-separated rows starting at a `基本方針N`
//! line, one row per label, strings kept verbatim.

use anyhow::{Context, bail};

/// One card (one 主な取組み) as the seed prints it.
#[derive(Debug, Clone)]
pub struct Card {
    /// `基本方針1` (when the text is in the next cell) or the whole heading
    /// `基本方針1 財源確保と…` (when the seed has it in one cell).
    pub policy_label: String,
    /// The policy text when the seed puts it in its own cell.
    pub policy_text: Option<String>,
    pub item: String,
    pub initiative: String,
    pub department: String,
    pub current: String,
    pub issue: String,
    pub content: String,
    pub final_goal: String,
    pub related: String,
    /// `令和8年度` … `令和12年度`.
    pub years: Vec<String>,
    pub definition: String,
    /// Five yearly targets.
    pub targets: Vec<Target>,
}

/// A target cell: a number a city would store as a number (with the format that displays it
/// as the seed prints it), or text.
#[derive(Debug, Clone)]
pub enum Target {
    Number {
        value: f64,
        /// `None`: General.
        num_format: Option<String>,
        /// The seed's text, which the format must display.
        shown: String,
    },
    Text(String),
}

impl Target {
    /// The text as displayed (the seed's own string).
    pub fn displayed(&self) -> &str {
        match self {
            Target::Number { shown, .. } => shown,
            Target::Text(s) => s,
        }
    }

    pub fn from_seed(s: &str) -> Target {
        let number = |value: f64, num_format: Option<String>| Target::Number {
            value,
            num_format,
            shown: s.to_string(),
        };
        if let Some(body) = s.strip_suffix('%')
            && let Some((int, frac)) = split_decimal(body)
        {
            // 98.60% → 0.986 shown by `0.00%`.
            let digits: u64 = format!("{int}{frac}").parse().unwrap_or(0);
            let scale = 10f64.powi(frac.len() as i32 + 2);
            let code = if frac.is_empty() {
                "0%".to_string()
            } else {
                format!("0.{}%", "0".repeat(frac.len()))
            };
            return number(digits as f64 / scale, Some(code));
        }
        for unit in ["団体", "件", "社", "回"] {
            if let Some(body) = s.strip_suffix(unit)
                && let Some(v) = grouped_integer(body)
            {
                return number(v, Some(format!("#,##0\"{unit}\"")));
            }
        }
        if let Some(v) = grouped_integer(s) {
            let code = s.contains(',').then(|| "#,##0".to_string());
            return number(v, code);
        }
        Target::Text(s.to_string())
    }
}

/// `98.60` → ("98", "60"); digits only, at most one dot.
fn split_decimal(s: &str) -> Option<(&str, &str)> {
    let (int, frac) = s.split_once('.').unwrap_or((s, ""));
    let ok = !int.is_empty()
        && int.bytes().all(|b| b.is_ascii_digit())
        && frac.bytes().all(|b| b.is_ascii_digit());
    ok.then_some((int, frac))
}

/// `110,000` or `45` → the integer; None unless properly grouped digits.
fn grouped_integer(s: &str) -> Option<f64> {
    let groups: Vec<&str> = s.split(',').collect();
    let first = groups.first()?;
    let ok = !first.is_empty()
        && first.bytes().all(|b| b.is_ascii_digit())
        && (groups.len() == 1 || first.len() <= 3)
        && groups
            .iter()
            .skip(1)
            .all(|g| g.len() == 3 && g.bytes().all(|b| b.is_ascii_digit()));
    if !ok {
        return None;
    }
    groups.concat().parse::<u64>().ok().map(|v| v as f64)
}

const LABELS: [&str; 11] = [
    "項目",
    "主な取組み",
    "主管課",
    "現状",
    "取組み内容",
    "期間内の最終目標",
    "関係計画等",
    "年度",
    "数値の定義",
    "目標値",
    "実績値",
];

/// All cards of the seed, in order.
pub fn parse(text: &str) -> anyhow::Result<Vec<Card>> {
    let lines: Vec<&str> = text.lines().collect();
    let mut cards = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        let line = lines.get(i).copied().unwrap_or("");
        let first = line.split('\t').next().unwrap_or("");
        if first.starts_with("基本方針") && first != "基本方針" {
            let block: Vec<&str> = lines
                .iter()
                .skip(i)
                .take_while(|l| !l.trim().is_empty())
                .copied()
                .collect();
            let card =
                parse_card(&block).with_context(|| format!("seed card at line {}", i + 1))?;
            cards.push(card);
            i += block.len();
        } else {
            i += 1;
        }
    }
    Ok(cards)
}

fn cells(line: &str) -> Vec<String> {
    line.split('\t').map(str::to_string).collect()
}

fn parse_card(block: &[&str]) -> anyhow::Result<Card> {
    let head = cells(block.first().context("empty block")?);
    let policy_label = head.first().cloned().unwrap_or_default();
    let policy_text = head.get(1).filter(|s| !s.is_empty()).cloned();
    let row = |label: &str| -> anyhow::Result<Vec<String>> {
        block
            .iter()
            .map(|l| cells(l))
            .find(|c| c.first().map(String::as_str) == Some(label))
            .with_context(|| format!("no {label} row"))
    };
    for label in LABELS {
        row(label)?;
    }
    let value = |label: &str| -> anyhow::Result<String> {
        Ok(row(label)?.get(1).cloned().unwrap_or_default())
    };
    let five = |label: &str| -> anyhow::Result<Vec<String>> {
        let r = row(label)?;
        Ok((1..=5)
            .map(|i| r.get(i).cloned().unwrap_or_default())
            .collect())
    };
    let genjo = row("現状")?;
    let current = genjo.get(1).cloned().unwrap_or_default();
    let k = genjo
        .iter()
        .skip(2)
        .position(|c| c == "課題")
        .map(|p| p + 2)
        .context("現状 row without 課題")?;
    let issue = genjo
        .iter()
        .skip(k + 1)
        .find(|c| !c.is_empty())
        .cloned()
        .unwrap_or_default();
    let years = five("年度")?;
    if years.first().map(String::as_str) != Some("令和8年度") {
        bail!("年度 row does not start at 令和8年度: {years:?}");
    }
    let targets = five("目標値")?
        .iter()
        .map(|s| Target::from_seed(s))
        .collect();
    if five("実績値")?.iter().any(|s| !s.is_empty()) {
        bail!("実績値 is not empty");
    }
    Ok(Card {
        policy_label,
        policy_text,
        item: value("項目")?,
        initiative: value("主な取組み")?,
        department: value("主管課")?,
        current,
        issue,
        content: value("取組み内容")?,
        final_goal: value("期間内の最終目標")?,
        related: value("関係計画等")?,
        years,
        definition: value("数値の定義")?,
        targets,
    })
}
