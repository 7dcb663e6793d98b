//! Real-producer fixtures (`fixtures/pdf/producers/`): seed tables exported by LibreOffice
//! Calc (from flat ODS files written here, and from the sheet generator's xlsx when present)
//! and printed by Chromium with IPAex Gothic and Noto Sans CJK JP.
//!
//! Next to each `<name>.pdf`: `<name>.strings.txt` (every cell string put in, explicit line
//! breaks giving one line per part; long cells wrap on the page, so compare with whitespace
//! and line breaks removed) and `<name>.poppler-bbox.html` (poppler's `pdftotext -bbox`, the
//! reference word boxes, extracted once here). Dates are overwritten in place with
//! 2000-01-01 (and LibreOffice's /DocChecksum with zeros), then qpdf rewrites the file with
//! `--deterministic-id`: two runs give the same bytes with the same tool versions.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::Command;

use anyhow::{Context, bail};

use super::seed_tables::{Table, minamialps_card, nomi_items};
use super::tools::{
    chromium_print, require, require_file, run, run_qpdf, soffice_convert, version,
};

/// Where the sheet generator writes the 南アルプス市 plan cards (seed 002).
const MINAMIALPS_XLSX: &str = "fixtures/minamialps/minamialps_jisshikeikaku.xlsx";

struct Tools {
    soffice: PathBuf,
    chromium: PathBuf,
    qpdf: PathBuf,
    pdftotext: PathBuf,
}

/// Generates the producer fixtures; returns how many PDFs were written.
pub fn generate(root: &Path, dir: &Path) -> anyhow::Result<usize> {
    let tools = Tools {
        soffice: require("soffice", "libreoffice-calc")?,
        chromium: require("chromium", "chromium")?,
        qpdf: require("qpdf", "qpdf")?,
        pdftotext: require("pdftotext", "poppler-utils")?,
    };
    require_file(
        "/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf",
        "fonts-ipaexfont-gothic",
    )?;
    require_file(
        "/usr/share/fonts/opentype/noto/NotoSansCJK-Regular.ttc",
        "fonts-noto-cjk",
    )?;
    eprintln!(
        "pdf fixtures: {} | {} | {}",
        version(&tools.soffice, "--version"),
        version(&tools.chromium, "--version"),
        version(&tools.qpdf, "--version")
    );
    let work = std::env::temp_dir().join("muniplan-pdf-fixtures");
    if work.exists() {
        std::fs::remove_dir_all(&work).with_context(|| format!("clearing {}", work.display()))?;
    }
    std::fs::create_dir_all(&work).with_context(|| format!("creating {}", work.display()))?;
    std::fs::create_dir_all(dir).with_context(|| format!("creating {}", dir.display()))?;

    let mut n = 0;
    // Chromium, one file per font. Noto CJK comes out as Type3 glyph outlines (large), so
    // its 能美市 table has one item and its card leaves out the long texts; the IPAex table has three items (running onto a second page).
    let chromium_jobs = [
        ("ipaex", "IPAexGothic", nomi_items(3)),
        ("noto", "Noto Sans CJK JP", nomi_items(1)),
        ("ipaex", "IPAexGothic", minamialps_card(false)),
        ("noto", "Noto Sans CJK JP", minamialps_card(true)),
    ];
    for (font_tag, family, table) in chromium_jobs {
        {
            let name = format!("chromium-{font_tag}-{}", table.name);
            let html_path = work.join(format!("{name}.html"));
            std::fs::write(&html_path, html(&table, family))
                .with_context(|| format!("writing {}", html_path.display()))?;
            let raw = work.join(format!("{name}.raw.pdf"));
            chromium_print(
                &tools.chromium,
                &work.join("chromium-profile"),
                &html_path,
                &raw,
            )?;
            let pages = finish(&tools, &raw, dir, &name, &table.strings())?;
            if font_tag == "ipaex" && table.name == "nomi-items" && pages < 2 {
                bail!("{name}: the table was meant to run onto a second page, got {pages}");
            }
            n += 1;
        }
    }
    for table in [nomi_items(3), minamialps_card(false)] {
        // LibreOffice Calc from a flat ODS.
        let name = format!("libreoffice-calc-{}", table.name);
        let fods_path = work.join(format!("{name}.fods"));
        std::fs::write(&fods_path, fods(&table, "IPAexGothic"))
            .with_context(|| format!("writing {}", fods_path.display()))?;
        let raw = soffice_convert(&tools.soffice, &work, &fods_path, None)?;
        finish(&tools, &raw, dir, &name, &table.strings())?;
        n += 1;
    }
    let xlsx = root.join(MINAMIALPS_XLSX);
    if xlsx.is_file() {
        let copy = work.join("libreoffice-calc-minamialps-jisshikeikaku.xlsx");
        std::fs::copy(&xlsx, &copy).with_context(|| format!("copying {}", xlsx.display()))?;
        // Two cards (pages 1–2; the workbook has a page break before every card): the whole
        // 31-page export is 380 KB. Cards start at row 3 + 13·(k−1), so rows 1..=28 hold the
        // title and cards 1–2.
        let raw = soffice_convert(&tools.soffice, &work, &copy, Some("1-2"))?;
        let strings = super::xlsx_strings::strings(&xlsx, 28)?;
        finish(
            &tools,
            &raw,
            dir,
            "libreoffice-calc-minamialps-jisshikeikaku",
            &strings,
        )?;
        n += 1;
    } else {
        eprintln!(
            "pdf fixtures: {} not there yet: no LibreOffice export of it",
            xlsx.display()
        );
    }
    Ok(n)
}

/// Normalizes a producer's PDF into `dir/<name>.pdf` and writes its strings and poppler boxes;
/// returns the page count poppler saw.
fn finish(
    tools: &Tools,
    raw: &Path,
    dir: &Path,
    name: &str,
    strings: &[String],
) -> anyhow::Result<usize> {
    let mut bytes = std::fs::read(raw).with_context(|| format!("reading {}", raw.display()))?;
    fix_dates(&mut bytes);
    let dated = raw.with_extension("dated.pdf");
    std::fs::write(&dated, &bytes).with_context(|| format!("writing {}", dated.display()))?;
    let out = dir.join(format!("{name}.pdf"));
    run_qpdf(
        &tools.qpdf,
        &["--deterministic-id", path_str(&dated)?, path_str(&out)?],
    )?;
    let size = std::fs::metadata(&out)
        .with_context(|| format!("reading {}", out.display()))?
        .len();
    if size > 200_000 {
        bail!("{}: {size} bytes, over the 200 KB budget", out.display());
    }
    let mut list = String::new();
    for s in strings {
        list.push_str(s);
        list.push('\n');
    }
    std::fs::write(dir.join(format!("{name}.strings.txt")), list)
        .with_context(|| format!("writing strings of {name}"))?;
    let bbox = dir.join(format!("{name}.poppler-bbox.html"));
    run(Command::new(&tools.pdftotext)
        .arg("-bbox")
        .arg(&out)
        .arg(&bbox))?;
    // Sanity check: poppler's text contains every string (whitespace removed).
    let text = run(Command::new(&tools.pdftotext).arg(&out).arg("-"))?;
    let text = String::from_utf8_lossy(&text);
    let pages = text.matches('\u{c}').count();
    let flat: String = text.chars().filter(|c| !c.is_whitespace()).collect();
    let missing: Vec<&String> = strings
        .iter()
        .filter(|s| {
            let f: String = s.chars().filter(|c| !c.is_whitespace()).collect();
            !flat.contains(&f)
        })
        .collect();
    if missing.is_empty() {
        eprintln!(
            "pdf fixtures: {name}: {pages} page(s), {size} bytes, poppler finds all {} strings",
            strings.len()
        );
    } else {
        eprintln!(
            "pdf fixtures: {name}: {pages} page(s), {size} bytes, poppler misses {} of {} strings (split across lines/cells?): {missing:?}",
            missing.len(),
            strings.len()
        );
    }
    Ok(pages)
}

/// Overwrites the 14 date digits of every `/CreationDate (D:…)` and `/ModDate (D:…)` with
/// 2000-01-01 00:00:00, and LibreOffice's `/DocChecksum` and first `/ID` string with zeros, keeping the length (and
/// so every xref offset).
pub(crate) fn fix_dates(bytes: &mut [u8]) {
    const FIXED: &[u8] = b"20000101000000";
    for key in [&b"/CreationDate"[..], &b"/ModDate"[..]] {
        let mut from = 0;
        while let Some(pos) = find(bytes, key, from) {
            let mut i = pos + key.len();
            while bytes.get(i).is_some_and(|b| b.is_ascii_whitespace()) {
                i += 1;
            }
            if bytes.get(i..i + 3) == Some(b"(D:") {
                i += 3;
                for f in FIXED {
                    match bytes.get_mut(i) {
                        Some(b) if b.is_ascii_digit() => *b = *f,
                        _ => break,
                    }
                    i += 1;
                }
            }
            from = i.max(pos + 1);
        }
    }
    // LibreOffice's /DocChecksum (a name of 32 hex digits) changes with the time of export,
    // and its random `/ID [ <…> <…> ]` would survive qpdf (which keeps the first element).
    for (key, opener) in [(&b"/DocChecksum"[..], &b"/"[..]), (&b"/ID"[..], &b"[<"[..])] {
        let mut from = 0;
        while let Some(pos) = find(bytes, key, from) {
            let mut i = pos + key.len();
            let mut matched = true;
            for want in opener {
                while bytes.get(i).is_some_and(u8::is_ascii_whitespace) {
                    i += 1;
                }
                if bytes.get(i) == Some(want) {
                    i += 1;
                } else {
                    matched = false;
                    break;
                }
            }
            while matched && bytes.get(i).is_some_and(u8::is_ascii_hexdigit) {
                if let Some(b) = bytes.get_mut(i) {
                    *b = b'0';
                }
                i += 1;
            }
            from = i.max(pos + 1);
        }
    }
}

fn find(hay: &[u8], needle: &[u8], from: usize) -> Option<usize> {
    hay.get(from..)?
        .windows(needle.len())
        .position(|w| w == needle)
        .map(|p| p + from)
}

pub(crate) fn path_str(p: &Path) -> anyhow::Result<&str> {
    p.to_str()
        .with_context(|| format!("non-UTF-8 path {}", p.display()))
}

fn esc(s: &str) -> String {
    s.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}

/// The table as an HTML page (ruled, 9 pt, the table's page size) for Chromium.
fn html(t: &Table, family: &str) -> String {
    let mut s = format!(
        "<!DOCTYPE html>\n<html lang=\"ja\"><head><meta charset=\"utf-8\"><title>{}</title>\n<style>\n\
         @page {{ size: {pw}mm {ph}mm; margin: 10mm; }}\n\
         body {{ font-family: \"{family}\"; font-size: 9pt; margin: 0; }}\n\
         table {{ border-collapse: collapse; table-layout: fixed; }}\n\
         td {{ border: 0.75pt solid #000; padding: 1mm 1.2mm; vertical-align: middle; text-align: center; line-height: 1.35; }}\n\
         td.l {{ text-align: left; }}\n td.h {{ background: #dde4ee; }}\n\
         tr {{ break-inside: avoid; }}\n</style></head>\n<body>\n<table>\n<colgroup>",
        esc(t.title),
        pw = t.page_mm.0,
        ph = t.page_mm.1,
    );
    for w in &t.cols_mm {
        let _ = write!(s, "<col style=\"width: {w}mm\">");
    }
    s.push_str("</colgroup>\n");
    for row in &t.rows {
        s.push_str("<tr>");
        for cell in row {
            let mut class = Vec::new();
            if cell.head {
                class.push("h");
            }
            if cell.left {
                class.push("l");
            }
            let _ = write!(s, "<td");
            if cell.span > 1 {
                let _ = write!(s, " colspan=\"{}\"", cell.span);
            }
            if !class.is_empty() {
                let _ = write!(s, " class=\"{}\"", class.join(" "));
            }
            let body: Vec<String> = cell.text.split('\n').map(esc).collect();
            let _ = write!(s, ">{}</td>", body.join("<br>"));
        }
        s.push_str("</tr>\n");
    }
    s.push_str("</table>\n</body></html>\n");
    s
}

/// The table as a flat ODS spreadsheet (the table's page size, ruled cells, wrapped text, no header
/// or footer) for LibreOffice Calc.
fn fods(t: &Table, font: &str) -> String {
    let mut s = String::from(
        "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n\
<office:document xmlns:office=\"urn:oasis:names:tc:opendocument:xmlns:office:1.0\" \
xmlns:style=\"urn:oasis:names:tc:opendocument:xmlns:style:1.0\" \
xmlns:text=\"urn:oasis:names:tc:opendocument:xmlns:text:1.0\" \
xmlns:table=\"urn:oasis:names:tc:opendocument:xmlns:table:1.0\" \
xmlns:fo=\"urn:oasis:names:tc:opendocument:xmlns:xsl-fo-compatible:1.0\" \
xmlns:svg=\"urn:oasis:names:tc:opendocument:xmlns:svg-compatible:1.0\" \
office:version=\"1.2\" office:mimetype=\"application/vnd.oasis.opendocument.spreadsheet\">\n",
    );
    let _ = writeln!(
        s,
        "<office:font-face-decls><style:font-face style:name=\"{font}\" svg:font-family=\"{font}\"/></office:font-face-decls>"
    );
    s.push_str("<office:styles><style:default-style style:family=\"table-cell\">");
    let _ = writeln!(
        s,
        "<style:text-properties style:font-name=\"{font}\" fo:font-size=\"9pt\" \
         style:font-name-asian=\"{font}\" style:font-size-asian=\"9pt\"/></style:default-style></office:styles>"
    );
    s.push_str("<office:automatic-styles>\n");
    for (i, w) in t.cols_mm.iter().enumerate() {
        let _ = writeln!(
            s,
            "<style:style style:name=\"co{i}\" style:family=\"table-column\"><style:table-column-properties style:column-width=\"{w}mm\"/></style:style>"
        );
    }
    s.push_str(
        "<style:style style:name=\"ro1\" style:family=\"table-row\"><style:table-row-properties style:use-optimal-row-height=\"true\"/></style:style>\n\
<style:style style:name=\"ta1\" style:family=\"table\" style:master-page-name=\"Fixture\"><style:table-properties table:display=\"true\"/></style:style>\n",
    );
    for (name, align, fill) in [
        ("ce1", "center", "transparent"),
        ("ce2", "start", "transparent"),
        ("ce3", "center", "#dde4ee"),
        ("ce4", "start", "#dde4ee"),
    ] {
        let _ = writeln!(
            s,
            "<style:style style:name=\"{name}\" style:family=\"table-cell\"><style:table-cell-properties fo:border=\"0.75pt solid #000000\" \
             fo:wrap-option=\"wrap\" style:vertical-align=\"middle\" fo:background-color=\"{fill}\" fo:padding=\"1mm\"/>\
             <style:paragraph-properties fo:text-align=\"{align}\"/></style:style>"
        );
    }
    let _ = write!(
        s,
        "<style:page-layout style:name=\"pm1\"><style:page-layout-properties fo:page-width=\"{pw}mm\" fo:page-height=\"{ph}mm\" \
style:print-orientation=\"portrait\" fo:margin-top=\"10mm\" fo:margin-bottom=\"10mm\" fo:margin-left=\"10mm\" fo:margin-right=\"10mm\"/>\
<style:header-style/><style:footer-style/></style:page-layout>\n</office:automatic-styles>\n\
<office:master-styles><style:master-page style:name=\"Fixture\" style:page-layout-name=\"pm1\">\
<style:header style:display=\"false\"/><style:footer style:display=\"false\"/></style:master-page></office:master-styles>\n\
<office:body><office:spreadsheet>\n",
        pw = t.page_mm.0,
        ph = t.page_mm.1,
    );
    let _ = writeln!(
        s,
        "<table:table table:name=\"{}\" table:style-name=\"ta1\">",
        esc(&t.title.chars().take(31).collect::<String>())
    );
    for i in 0..t.cols_mm.len() {
        let _ = write!(s, "<table:table-column table:style-name=\"co{i}\"/>");
    }
    s.push('\n');
    for row in &t.rows {
        s.push_str("<table:table-row table:style-name=\"ro1\">");
        for cell in row {
            let style = match (cell.head, cell.left) {
                (false, false) => "ce1",
                (false, true) => "ce2",
                (true, false) => "ce3",
                (true, true) => "ce4",
            };
            let _ = write!(s, "<table:table-cell table:style-name=\"{style}\"");
            if cell.span > 1 {
                let _ = write!(s, " table:number-columns-spanned=\"{}\"", cell.span);
            }
            if cell.text.is_empty() {
                s.push_str("/>");
            } else {
                s.push_str(" office:value-type=\"string\">");
                for p in cell.text.split('\n') {
                    let _ = write!(s, "<text:p>{}</text:p>", esc(p));
                }
                s.push_str("</table:table-cell>");
            }
            for _ in 1..cell.span {
                let _ = write!(
                    s,
                    "<table:covered-table-cell table:style-name=\"{style}\"/>"
                );
            }
        }
        s.push_str("</table:table-row>\n");
    }
    s.push_str("</table:table>\n</office:spreadsheet></office:body></office:document>\n");
    s
}
