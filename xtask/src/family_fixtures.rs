//! `cargo xtask fixtures families`: one fixture set per seed layout family, each as the city
//! would keep it in Excel (xlsx), exported to PDF by LibreOffice, and for 能美市 and 厚木市
//! also printed by Chromium from an HTML rendering of the same grid.
//!
//! Writes under `fixtures/`:
//! - `amashi/`: あま市 (seed 000) 個別取組項目 sheets, one sheet per 基本方針 with its items
//!   stacked under repeated print-title header rows (令和５（2023）年度 … 令和９（2027）年度).
//! - `nomi/`: 能美市 (seed 001) two items per page: `No.N【category】title（課）`, the R4–R8
//!   年度/目標/実績 grid, the 取組内容/指標等/基準値等/目標値等 block, the 取組状況 texts.
//! - `annaka/`: 安中市 (seed 003) cards with 年次計画.
//! - `atsugi/`: 厚木市 (seed 004) the wide landscape achievement table and the 未達成項目 list.
//! - `other/`: a list layout that is none of the five (synthetic, strings from seed 001).
//! - `minamialps/minamialps_excerpt.xlsx` + `.pdf`: the first four 南アルプス市 cards (seed 002).
//!
//! Each family's content (what the report states) is a data file, `xtask/families/<family>.json`
//! ([`content`]); the family module draws its seed's layout from it, and [`expect::stated`]
//! derives the expected list of the fixture and of every variant from it.
//!
//! Next to each PDF, `<name>.strings.txt` lists every cell string written (numbers as the
//! format displays them; one line per explicit line-break part). Every string is checked to
//! occur in the seed (whitespace removed, the 003 extractor's HTML tags stripped) unless the
//! family lists it as its own (headers the extraction lost, the synthetic layout's labels).
//! `FAMILY_FIXTURES_ONLY=nomi,atsugi` runs some families only. The tools (LibreOffice,
//! Chromium, qpdf, poppler-utils, IPAex fonts) are needed here only, never by the tests.

mod amashi;
mod annaka;
mod atsugi;
pub mod content;
pub mod expect;
mod export;
mod grid;
mod minamialps;
mod nomi;
mod novel;
mod other;
pub mod variants;

/// The PDF producers' tool helpers (`require`, `run`, `run_qpdf`, …), shared.
use crate::pdf_fixtures::tools;

use std::path::Path;

use anyhow::{Context, bail};

use grid::{Meta, Sheet, Value};

/// One fixture document: its sheets, where it goes, how it is printed.
pub struct Doc {
    /// Folder under `fixtures/`.
    pub dir: &'static str,
    /// File stem: `<stem>.xlsx`, `<stem>.pdf`, `<stem>.chromium.pdf`.
    pub stem: &'static str,
    pub title: &'static str,
    pub author: &'static str,
    pub sheets: Vec<Sheet>,
    /// The seed file the strings come from.
    pub seed: &'static str,
    /// Strings that are the fixture's own (not in the seed text).
    pub own: Vec<&'static str>,
    /// Sheets to print with Chromium from their HTML rendering (fewer items than the xlsx
    /// where needed: Chromium embeds a larger font subset), or None.
    pub chromium: Option<Vec<Sheet>>,
    /// Every value the xlsx (and its LibreOffice PDF) prints, read by hand ([`expect`]).
    pub expected: Vec<expect::Expect>,
    /// The same for the Chromium print (its items only); empty without one.
    pub chromium_expected: Vec<expect::Expect>,
}

/// Generate the family fixtures under `root/fixtures/`.
pub fn generate(root: &Path) -> anyhow::Result<()> {
    let (seeds, docs) = docs(root)?;
    let tools = export::Tools::find()?;
    for doc in &docs {
        write_doc(root, &seeds, &tools, doc)?;
        write_expected(root, doc)?;
    }
    Ok(())
}

/// The presentation variants of every family (`fixtures/variants/`, see [`variants`]).
pub fn generate_variants(root: &Path) -> anyhow::Result<()> {
    let tools = export::Tools::find()?;
    variants::generate(root, &families(root)?, Some(&tools))?;
    novel::generate(root, Some(&tools))
}

/// Write only the `.expected.jsonl` lists (no export tools needed).
pub fn generate_expected(root: &Path) -> anyhow::Result<()> {
    let (_, docs) = docs(root)?;
    for doc in &docs {
        write_expected(root, doc)?;
    }
    variants::generate(root, &families(root)?, None)?;
    novel::generate(root, None)
}

fn write_expected(root: &Path, doc: &Doc) -> anyhow::Result<()> {
    let dir = root.join("fixtures").join(doc.dir);
    let mut lists = vec![(format!("{}.expected.jsonl", doc.stem), &doc.expected)];
    if doc.chromium.is_some() {
        lists.push((
            format!("{}.chromium.expected.jsonl", doc.stem),
            &doc.chromium_expected,
        ));
    }
    for (name, list) in lists {
        if list.is_empty() {
            eprintln!("family fixtures: {name}: no expected values stated yet, not written");
            continue;
        }
        let path = dir.join(&name);
        std::fs::write(&path, expect::jsonl(list))
            .with_context(|| format!("writing {}", path.display()))?;
        eprintln!("family fixtures: {name}: {} expected values", list.len());
    }
    Ok(())
}

/// The families (content files) selected by `FAMILY_FIXTURES_ONLY`.
fn families(root: &Path) -> anyhow::Result<Vec<content::Family>> {
    let only = std::env::var("FAMILY_FIXTURES_ONLY").unwrap_or_default();
    let run = |name: &str| only.is_empty() || only.split(',').any(|s| s.trim() == name);
    FAMILIES
        .iter()
        .filter(|f| run(f))
        .map(|f| content::load(root, f))
        .collect()
}

/// Every family with a content file, in generation order.
const FAMILIES: [&str; 6] = ["nomi", "atsugi", "amashi", "annaka", "other", "minamialps"];

/// The family documents selected by `FAMILY_FIXTURES_ONLY`, and the seeds folder.
fn docs(root: &Path) -> anyhow::Result<(std::path::PathBuf, Vec<Doc>)> {
    let seeds = root
        .parent()
        .context("project root has no parent")?
        .join("shared")
        .join("seeds");
    let mut docs: Vec<Doc> = Vec::new();
    for f in families(root)? {
        match f.family.as_str() {
            "nomi" => {
                docs.push(nomi::doc(&f)?);
                docs.push(nomi::doc_rest(&f)?);
            }
            "atsugi" => docs.push(atsugi::doc(&f)?),
            "amashi" => docs.push(amashi::doc(&f)?),
            "annaka" => docs.push(annaka::doc(&f)?),
            "other" => docs.push(other::doc(&f)?),
            "minamialps" => docs.push(minamialps::doc(&f)?),
            other => bail!("no drawing for family {other:?}"),
        }
    }
    Ok((seeds, docs))
}

fn read_seed(seeds: &Path, name: &str) -> anyhow::Result<String> {
    let path = seeds.join(name);
    std::fs::read_to_string(&path).with_context(|| format!("reading seed {}", path.display()))
}

/// The seed's text with whitespace removed and `<…>` tags stripped.
fn flat_seed(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut in_tag = false;
    for c in text.chars() {
        match c {
            '<' if !in_tag => in_tag = true,
            '>' if in_tag => in_tag = false,
            _ if in_tag || c.is_whitespace() => {}
            _ => out.push(c),
        }
    }
    out
}

fn flat(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn write_doc(root: &Path, seeds: &Path, tools: &export::Tools, doc: &Doc) -> anyhow::Result<()> {
    let seed = flat_seed(&read_seed(seeds, doc.seed)?);
    let strings: Vec<String> = doc.sheets.iter().flat_map(Sheet::strings).collect();
    let not_in_seed: Vec<&String> = strings
        .iter()
        .filter(|s| !doc.own.contains(&s.as_str()) && !seed.contains(&flat(s)))
        .collect();
    if !not_in_seed.is_empty() {
        bail!(
            "{}: {} strings are not in seed {}: {not_in_seed:?}",
            doc.stem,
            not_in_seed.len(),
            doc.seed
        );
    }
    let dir = root.join("fixtures").join(doc.dir);
    std::fs::create_dir_all(&dir).with_context(|| format!("creating {}", dir.display()))?;
    let xlsx = grid::xlsx(
        &doc.sheets,
        &Meta {
            title: doc.title,
            author: doc.author,
        },
    )?;
    check_read_back(doc, &xlsx)?;
    let xlsx_path = dir.join(format!("{}.xlsx", doc.stem));
    std::fs::write(&xlsx_path, &xlsx)
        .with_context(|| format!("writing {}", xlsx_path.display()))?;
    let raw = tools.soffice_pdf(&xlsx_path)?;
    let pdf = dir.join(format!("{}.pdf", doc.stem));
    report(
        doc.stem,
        "LibreOffice",
        &tools.finish(&raw, &pdf, &strings, 150_000)?,
    );
    if let Some(sheets) = &doc.chromium {
        let strings: Vec<String> = sheets.iter().flat_map(Sheet::strings).collect();
        let html = grid::html(sheets, doc.title);
        let raw = tools.chromium_pdf(&html, doc.stem)?;
        let pdf = dir.join(format!("{}.chromium.pdf", doc.stem));
        report(
            doc.stem,
            "Chromium",
            &tools.finish(&raw, &pdf, &strings, 150_000)?,
        );
    }
    Ok(())
}

fn report(stem: &str, producer: &str, f: &export::Finished) {
    if f.missing.is_empty() {
        eprintln!(
            "family fixtures: {stem} ({producer}): {} page(s), {} bytes, poppler finds every string",
            f.pages, f.size
        );
    } else {
        eprintln!(
            "family fixtures: {stem} ({producer}): {} page(s), {} bytes, poppler misses {} strings (split across lines or cells?): {:?}",
            f.pages,
            f.size,
            f.missing.len(),
            f.missing
        );
    }
}

/// Reads the workbook back with muniplan's own sheet reader: every number must display as
/// the seed's string, and every text cell must be there.
fn check_read_back(doc: &Doc, xlsx: &[u8]) -> anyhow::Result<()> {
    let opts = muniplan_sheet::SheetOptions::new();
    let read = muniplan_sheet::read(xlsx, &format!("{}.xlsx", doc.stem), &opts)?;
    let texts: std::collections::HashSet<String> = read
        .pages
        .iter()
        .flat_map(|p| p.tables.iter())
        .flat_map(|t| t.cells.iter())
        .map(|c| flat(&c.text))
        .chain(
            read.pages
                .iter()
                .flat_map(|p| p.blocks.iter())
                .map(|b| flat(&b.text)),
        )
        .collect();
    let mut checked = 0;
    for sheet in &doc.sheets {
        for cell in &sheet.cells {
            if matches!(cell.value, Value::Blank) {
                continue;
            }
            let want = flat(cell.value.shown());
            if !texts.contains(&want) {
                bail!(
                    "{} sheet {} row {} col {}: the reader does not show {:?}",
                    doc.stem,
                    sheet.name,
                    cell.row + 1,
                    cell.col + 1,
                    cell.value.shown()
                );
            }
            checked += 1;
        }
    }
    eprintln!("family fixtures: {}: read back {checked} cells", doc.stem);
    Ok(())
}

#[cfg(test)]
mod tests {
    #![allow(clippy::unwrap_used, clippy::expect_used)]

    use super::*;

    #[test]
    fn seed_text_is_compared_without_whitespace_and_extractor_tags() {
        let seed = flat_seed(
            "現状と課題\t<ul style=\"list-style-type: none\"> ・広報あんなか、市HP\n(ホームページ)</ul>",
        );
        assert!(seed.contains(&flat("・広報あんなか、市HP(ホームページ)")));
        assert!(!seed.contains("ul"));
    }

    #[test]
    fn the_synthetic_layout_is_the_only_one_with_its_own_strings() {
        let (_, docs) = docs(&content::root()).unwrap();
        assert_eq!(docs.len(), 7);
        for doc in &docs {
            match doc.dir {
                "other" => assert_eq!(doc.own.len(), 9),
                _ => assert!(doc.own.is_empty(), "{}", doc.stem),
            }
        }
    }

    /// The committed `.expected.jsonl` of every family fixture and every variant is what the
    /// content files state now: a content edit without `cargo xtask fixtures expected` fails.
    #[test]
    fn committed_expected_lists_are_the_content_files_lists() {
        let root = content::root();
        let read = |path: std::path::PathBuf| {
            std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e}", path.display()))
        };
        let (_, docs) = docs(&root).unwrap();
        let mut compared = 0;
        for doc in &docs {
            let dir = root.join("fixtures").join(doc.dir);
            let want = read(dir.join(format!("{}.expected.jsonl", doc.stem)));
            assert!(
                want == expect::jsonl(&doc.expected),
                "{} is stale",
                doc.stem
            );
            if doc.chromium.is_some() {
                let want = read(dir.join(format!("{}.chromium.expected.jsonl", doc.stem)));
                let got = expect::jsonl(&doc.chromium_expected);
                assert!(want == got, "{} (Chromium) is stale", doc.stem);
            }
            compared += 1;
        }
        for f in families(&root).unwrap() {
            let content = variants::Content::of(&f, variants::INITIATIVES).unwrap();
            let dir = root.join("fixtures").join("variants").join(&f.family);
            for p in variants::VARIANTS.iter().filter(|p| p.draws(&f.family)) {
                let r = variants::render(&content, p);
                let want = read(dir.join(format!("{}.{}.expected.jsonl", f.family, p.name)));
                let stale = format!("variant {}.{} is stale", f.family, p.name);
                assert!(want == expect::jsonl(&r.expected), "{stale}");
                compared += 1;
            }
        }
        assert_eq!(compared, 7 + 72);
    }
}
