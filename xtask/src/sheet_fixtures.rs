//! `cargo xtask fixtures sheets`: the 南アルプス市 plan (seed 002) as the city would keep it.
//!
//! Writes under `fixtures/minamialps/`:
//! - `minamialps_jisshikeikaku.xlsx`: one sheet `実施計画` with the 31 cards of seed 002 stacked
//!   vertically, a blank row between cards, column A the labels, merged value ranges, numbers
//!   stored as numbers with number formats (98.60% is 0.986 formatted `0.00%`), wrapped text,
//!   borders, column widths, print area, one card per printed page.
//! - `minamialps_mokuhyo_cp932.csv`: a flat CP932 export, one row per card.
//!
//! Every string comes verbatim from the seed; the generator is deterministic (fixed document
//! dates), so running it twice writes the same bytes.

pub(crate) mod seed;

use std::path::Path;

use anyhow::{Context, bail};
use rust_xlsxwriter::{
    DocProperties, ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet,
};

use seed::{Card, Target};

/// The seed file, relative to the shared folder beside the project root.
const SEED: &str = "002_83b83b3c34cf7f73.txt";

/// Generate the sheet fixtures under `root/fixtures/minamialps/`.
pub fn generate(root: &Path) -> anyhow::Result<()> {
    let seed_path = root
        .parent()
        .context("project root has no parent")?
        .join("shared")
        .join("seeds")
        .join(SEED);
    let text = std::fs::read_to_string(&seed_path)
        .with_context(|| format!("reading seed {}", seed_path.display()))?;
    let cards = seed::parse(&text)?;
    if cards.len() != 31 {
        bail!("seed 002 should hold 31 cards, found {}", cards.len());
    }
    let dir = root.join("fixtures").join("minamialps");
    std::fs::create_dir_all(&dir)?;
    let xlsx = write_xlsx(&cards)?;
    std::fs::write(dir.join("minamialps_jisshikeikaku.xlsx"), &xlsx)?;
    let csv = write_csv(&cards)?;
    verify(&cards, &xlsx, &csv)?;
    std::fs::write(dir.join("minamialps_mokuhyo_cp932.csv"), &csv)?;
    eprintln!(
        "sheet fixtures: {} cards → fixtures/minamialps/minamialps_jisshikeikaku.xlsx, minamialps_mokuhyo_cp932.csv",
        cards.len()
    );
    if let Ok(which) = std::env::var("SHEET_TEST_DATA") {
        write_test_data(root, &which)?;
    }
    Ok(())
}

/// `SHEET_TEST_DATA=1` (or a list such as `ods,xls`): also (re)write the reader's committed
/// test inputs under `crates/sheet/tests/data/`: `features.xlsx` and LibreOffice's ods and xls
/// exports of it (`soffice --headless --convert-to ods|xls`, needed only here).
fn write_test_data(root: &Path, which: &str) -> anyhow::Result<()> {
    let dir = root.join("crates").join("sheet").join("tests").join("data");
    std::fs::create_dir_all(&dir)?;
    let xlsx_path = dir.join("features.xlsx");
    std::fs::write(&xlsx_path, features_xlsx()?)?;
    let profile = std::env::temp_dir().join("muniplan-xtask-lo-profile");
    for (ext, target) in [("ods", "ods"), ("xls", "xls:MS Excel 97")] {
        if which != "1" && !which.split(',').any(|w| w.trim() == ext) {
            continue;
        }
        let status = std::process::Command::new("soffice")
            .arg(format!(
                "-env:UserInstallation=file://{}",
                profile.display()
            ))
            .args(["--headless", "--convert-to", target, "--outdir"])
            .arg(&dir)
            .arg(&xlsx_path)
            .status()
            .context("running soffice (Debian package libreoffice-calc)")?;
        if !status.success() {
            bail!("soffice --convert-to {target} failed: {status}");
        }
        eprintln!("sheet fixtures: crates/sheet/tests/data/features.{ext} written");
    }
    Ok(())
}

/// A two-sheet workbook with the features the reader must render: merges (one spanning two
/// rows), number formats (%, #,##0 with a literal, dates incl. the Japanese era), a boolean,
/// a General float with a binary artefact, a line break, an error value.
fn features_xlsx() -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    let when = ExcelDateTime::from_ymd(2025, 12, 1)?.and_hms(9, 0, 0)?;
    wb.set_properties(&DocProperties::new().set_creation_datetime(&when));
    let ws = wb.add_worksheet();
    ws.set_name("様式")?;
    let wrap = Format::new().set_text_wrap();
    let fmt = |code: &str| Format::new().set_num_format(code);
    ws.write_string(0, 0, "基本方針1")?;
    ws.merge_range(
        0,
        1,
        0,
        5,
        "財源確保と歳出改革による強靱な財政基盤の構築",
        &wrap,
    )?;
    ws.write_string(1, 0, "目標値")?;
    ws.write_number_with_format(1, 1, 0.986, &fmt("0.00%"))?;
    ws.write_number_with_format(1, 2, 0.285, &fmt("0.0%"))?;
    ws.write_number_with_format(1, 3, 110_000.0, &fmt("#,##0\"件\""))?;
    ws.write_number_with_format(1, 4, 4_263_148.0, &fmt("#,##0\"千円\""))?;
    ws.write_number(1, 5, 45.0)?;
    ws.write_string(2, 0, "日付")?;
    ws.write_number_with_format(2, 1, 45_365.0, &fmt("yyyy/m/d"))?;
    ws.write_number_with_format(2, 2, 45_365.0, &fmt("[$-411]ggge\"年\"m\"月\"d\"日\""))?;
    ws.write_boolean(2, 3, true)?;
    ws.write_number(2, 4, 0.1 + 0.2)?;
    ws.write_string(2, 5, "—")?;
    ws.write_string(3, 0, "改行")?;
    ws.merge_range(3, 1, 4, 2, "一行目\n二行目", &wrap)?;
    ws.write_string(3, 3, "→")?;
    ws.write_string(5, 0, "エラー")?;
    ws.write_formula(
        5,
        1,
        rust_xlsxwriter::Formula::new("=1/0").set_result("#DIV/0!"),
    )?;
    let ws2 = wb.add_worksheet();
    ws2.set_name("第2表")?;
    ws2.write_string(0, 0, "年度")?;
    ws2.write_string(0, 1, "令和8年度")?;
    ws2.write_number_with_format(1, 1, 6000.0, &fmt("#,##0"))?;
    Ok(wb.save_to_buffer()?)
}

/// Column widths in Excel character units: the label column, then B..F.
const LABEL_WIDTH: f64 = 16.0;
const VALUE_WIDTH: f64 = 17.0;
/// Points per wrapped line at the 10 pt font, and the padding of a row.
const LINE_HEIGHT: f64 = 13.5;

struct Styles {
    title: Format,
    label: Format,
    policy: Format,
    text: Format,
    center: Format,
    year: Format,
}

fn styles() -> Styles {
    let base = Format::new()
        .set_font_name("ＭＳ Ｐゴシック")
        .set_font_size(10)
        .set_border(FormatBorder::Thin)
        .set_text_wrap()
        .set_align(FormatAlign::VerticalCenter);
    Styles {
        title: Format::new()
            .set_font_name("ＭＳ Ｐゴシック")
            .set_font_size(14)
            .set_bold()
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter),
        label: base
            .clone()
            .set_bold()
            .set_background_color(0xD9E1F2)
            .set_align(FormatAlign::Center),
        policy: base.clone().set_bold().set_background_color(0xFCE4D6),
        text: base.clone().set_align(FormatAlign::Left),
        center: base.clone().set_align(FormatAlign::Center),
        year: base
            .set_bold()
            .set_background_color(0xEDEDED)
            .set_align(FormatAlign::Center),
    }
}

/// Display width of a string in Excel character units (full-width characters count two).
fn text_width(s: &str) -> f64 {
    s.chars()
        .map(|c| if c.is_ascii() { 1.0 } else { 2.0 })
        .sum()
}

/// Lines a string wraps to in a cell `width` characters wide.
fn lines_for(s: &str, width: f64) -> f64 {
    s.split('\n')
        .map(|line| (text_width(line) / (width - 1.0)).ceil().max(1.0))
        .sum()
}

fn row_height(texts: &[(&str, f64)]) -> f64 {
    let lines = texts
        .iter()
        .map(|(s, w)| lines_for(s, *w))
        .fold(1.0, f64::max);
    (lines * LINE_HEIGHT + 4.0).max(18.0)
}

/// Write one value across B..F (merged) with the label in A.
fn labelled_row(
    ws: &mut Worksheet,
    st: &Styles,
    row: u32,
    label: &str,
    value: &str,
) -> anyhow::Result<()> {
    ws.write_string_with_format(row, 0, label, &st.label)?;
    ws.merge_range(row, 1, row, 5, value, &st.text)?;
    ws.set_row_height(row, row_height(&[(value, VALUE_WIDTH * 5.0)]))?;
    Ok(())
}

fn write_card(ws: &mut Worksheet, st: &Styles, card: &Card, top: u32) -> anyhow::Result<u32> {
    let mut row = top;
    // 基本方針: either `基本方針1` | text (B:F), or the whole heading in one cell (A:F), as
    // the seed has it.
    match &card.policy_text {
        Some(text) => {
            ws.write_string_with_format(row, 0, &card.policy_label, &st.policy)?;
            ws.merge_range(row, 1, row, 5, text, &st.policy)?;
        }
        None => {
            ws.merge_range(row, 0, row, 5, &card.policy_label, &st.policy)?;
        }
    }
    ws.set_row_height(row, 20)?;
    row += 1;
    labelled_row(ws, st, row, "項目", &card.item)?;
    row += 1;
    labelled_row(ws, st, row, "主な取組み", &card.initiative)?;
    row += 1;
    labelled_row(ws, st, row, "主管課", &card.department)?;
    row += 1;
    // 現状 | B:C | 課題 | E:F.
    ws.write_string_with_format(row, 0, "現状", &st.label)?;
    ws.merge_range(row, 1, row, 2, &card.current, &st.text)?;
    ws.write_string_with_format(row, 3, "課題", &st.label)?;
    ws.merge_range(row, 4, row, 5, &card.issue, &st.text)?;
    ws.set_row_height(
        row,
        row_height(&[
            (&card.current, VALUE_WIDTH * 2.0),
            (&card.issue, VALUE_WIDTH * 2.0),
        ]),
    )?;
    row += 1;
    labelled_row(ws, st, row, "取組み内容", &card.content)?;
    row += 1;
    labelled_row(ws, st, row, "期間内の最終目標", &card.final_goal)?;
    row += 1;
    labelled_row(ws, st, row, "関係計画等", &card.related)?;
    row += 1;
    ws.write_string_with_format(row, 0, "年度", &st.label)?;
    for (i, y) in card.years.iter().enumerate() {
        ws.write_string_with_format(row, 1 + i as u16, y, &st.year)?;
    }
    ws.set_row_height(row, 18)?;
    row += 1;
    labelled_row(ws, st, row, "数値の定義", &card.definition)?;
    row += 1;
    ws.write_string_with_format(row, 0, "目標値", &st.label)?;
    let mut height: f64 = 22.0;
    for (i, t) in card.targets.iter().enumerate() {
        let col = 1 + i as u16;
        match t {
            Target::Number {
                value,
                num_format: Some(code),
                ..
            } => {
                let f = st.center.clone().set_num_format(code);
                ws.write_number_with_format(row, col, *value, &f)?;
            }
            Target::Number {
                value,
                num_format: None,
                ..
            } => {
                ws.write_number_with_format(row, col, *value, &st.center)?;
            }
            Target::Text(s) => {
                ws.write_string_with_format(row, col, s, &st.center)?;
                height = height.max(row_height(&[(s, VALUE_WIDTH)]));
            }
        }
    }
    ws.set_row_height(row, height)?;
    row += 1;
    // 実績値: empty, the plan has not started; the cells keep their borders.
    ws.write_string_with_format(row, 0, "実績値", &st.label)?;
    for col in 1..=5u16 {
        ws.write_blank(row, col, &st.center)?;
    }
    ws.set_row_height(row, 22)?;
    Ok(row)
}

fn write_xlsx(cards: &[Card]) -> anyhow::Result<Vec<u8>> {
    let mut wb = Workbook::new();
    // Fixed dates: the workbook bytes must not change between runs.
    let when = ExcelDateTime::from_ymd(2025, 12, 1)?.and_hms(9, 0, 0)?;
    wb.set_properties(
        &DocProperties::new()
            .set_title("第5次南アルプス市行政改革実施計画")
            .set_author("南アルプス市")
            .set_company("南アルプス市")
            .set_creation_datetime(&when),
    );
    let st = styles();
    let ws = wb.add_worksheet();
    ws.set_name("実施計画")?;
    ws.set_column_width(0, LABEL_WIDTH)?;
    for col in 1..=5u16 {
        ws.set_column_width(col, VALUE_WIDTH)?;
    }
    ws.merge_range(0, 0, 0, 5, "第5次南アルプス市行政改革実施計画", &st.title)?;
    ws.set_row_height(0, 24)?;
    let mut row = 2u32;
    let mut breaks = Vec::new();
    for (i, card) in cards.iter().enumerate() {
        if i > 0 {
            breaks.push(row);
        }
        let last = write_card(ws, &st, card, row)?;
        row = last + 2;
    }
    let last_row = row.saturating_sub(2);
    ws.set_print_area(0, 0, last_row, 5)?;
    ws.set_paper_size(9); // A4
    // One page wide; manual breaks put one card on each page.
    ws.set_print_fit_to_pages(1, 0);
    ws.set_margins(0.5, 0.5, 0.6, 0.6, 0.3, 0.3);
    ws.set_print_center_horizontally(true);
    ws.set_header("&C第5次南アルプス市行政改革実施計画");
    ws.set_footer("&C&P / &N");
    ws.set_page_breaks(&breaks)?;
    Ok(wb.save_to_buffer()?)
}

/// RFC 4180 field: quoted when it holds a comma, quote or line break.
fn csv_field(s: &str) -> String {
    if s.contains([',', '"', '\n', '\r']) {
        format!("\"{}\"", s.replace('"', "\"\""))
    } else {
        s.to_string()
    }
}

fn write_csv(cards: &[Card]) -> anyhow::Result<Vec<u8>> {
    let mut text = String::from(
        "基本方針,項目,主な取組み,主管課,数値の定義,令和8年度目標値,令和9年度目標値,令和10年度目標値,令和11年度目標値,令和12年度目標値\r\n",
    );
    for card in cards {
        let policy = match &card.policy_text {
            Some(t) => format!("{} {}", card.policy_label, t),
            None => card.policy_label.clone(),
        };
        let mut fields = vec![
            policy,
            card.item.clone(),
            card.initiative.clone(),
            card.department.clone(),
            card.definition.clone(),
        ];
        fields.extend(card.targets.iter().map(|t| t.displayed().to_string()));
        let line: Vec<String> = fields.iter().map(|f| csv_field(f)).collect();
        text.push_str(&line.join(","));
        text.push_str("\r\n");
    }
    // Excel's CP932 export writes U+2014 (EM DASH, not in CP932) as 0x815C, which decodes as
    // U+2015 (HORIZONTAL BAR): do the same instead of failing.
    let text = text.replace('\u{2014}', "\u{2015}");
    let (bytes, _, unmappable) = encoding_rs::SHIFT_JIS.encode(&text);
    if unmappable {
        bail!("seed text has characters CP932 cannot encode");
    }
    Ok(bytes.into_owned())
}

/// Read both files back with muniplan's own reader: every 目標値 cell must display exactly the
/// seed's string (CSV: after CP932's `—` → `―`), and every card label must be where it was put.
fn verify(cards: &[Card], xlsx: &[u8], csv: &[u8]) -> anyhow::Result<()> {
    let opts = muniplan_sheet::SheetOptions::new();
    let doc = muniplan_sheet::read(xlsx, "minamialps_jisshikeikaku.xlsx", &opts)?;
    let table = doc
        .pages
        .first()
        .and_then(|p| p.tables.first())
        .context("xlsx read back without a table")?;
    let target_rows: Vec<u32> = table
        .cells
        .iter()
        .filter(|c| c.col == 0 && c.text == "目標値")
        .map(|c| c.row)
        .collect();
    if target_rows.len() != cards.len() {
        bail!(
            "read back {} 目標値 rows, wrote {}",
            target_rows.len(),
            cards.len()
        );
    }
    let mut checked = 0;
    for (card, row) in cards.iter().zip(target_rows) {
        for (i, t) in card.targets.iter().enumerate() {
            let col = 1 + i as u32;
            let got = table
                .cell_at(row, col)
                .map(|c| c.text.as_str())
                .unwrap_or("");
            if got != t.displayed() {
                bail!(
                    "row {} col {col}: reader shows {got:?}, seed has {:?}",
                    row + 1,
                    t.displayed()
                );
            }
            checked += 1;
        }
    }
    let doc = muniplan_sheet::read(csv, "minamialps_mokuhyo_cp932.csv", &opts)?;
    if doc.source.encoding.as_deref() != Some("cp932") {
        bail!("csv read back as {:?}", doc.source.encoding);
    }
    let t = doc
        .pages
        .first()
        .and_then(|p| p.tables.first())
        .context("csv read back without a table")?;
    for (r, card) in cards.iter().enumerate() {
        for (i, target) in card.targets.iter().enumerate() {
            let want = target.displayed().replace('\u{2014}', "\u{2015}");
            let got = t
                .cell_at(r as u32 + 1, 5 + i as u32)
                .map(|c| c.text.as_str())
                .unwrap_or("");
            if got != want {
                bail!("csv row {} col {}: {got:?} != {want:?}", r + 2, 6 + i);
            }
        }
    }
    eprintln!("sheet fixtures: verified {checked} 目標値 cells in the xlsx and the csv");
    Ok(())
}
