//! `muniplan inspect`: what the PDF reader saw — lines, words, glyphs, rules — with coordinates.
//!
//! Views (one at a time): the default prints a page summary and every line with its box;
//! `--lines` prints only the text lines (the form golden tests compare); `--words`,
//! `--glyphs` and `--rules` print one item per row with its box; `--json` prints the chosen
//! view as JSON (`--tables` has a text form only: `--tables --json` is a usage error); `--svg OUT.svg` draws every glyph (as text at its box) and every rule and
//! fill of one page so a person can compare it with the page. Boxes are `[x0 y0 x1 y1]` in
//! points, origin bottom-left of the displayed page.

use std::fmt::Write as _;
use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use muniplan_pdf::{PageContent, PdfOptions};
use serde_json::{Value, json};

/// Flags of `muniplan inspect`.
#[derive(clap::Args)]
pub struct InspectArgs {
    /// The file to inspect.
    pub file: PathBuf,
    /// Only this page (1-based).
    #[arg(long)]
    pub page: Option<u32>,
    /// Print the text lines only (one per line).
    #[arg(long, group = "view")]
    pub lines: bool,
    /// Print words with their boxes.
    #[arg(long, group = "view")]
    pub words: bool,
    /// Print every glyph with its box, font, size and flags.
    #[arg(long, group = "view")]
    pub glyphs: bool,
    /// Print stroked rules and filled rectangles.
    #[arg(long, group = "view")]
    pub rules: bool,
    /// Print the tables the layout stage reconstructs (grid, spans, cell text and boxes) and
    /// the loose text blocks; with --svg, outline every cell over the page. Text only: with
    /// --json it is refused as a usage error.
    #[arg(long, group = "view", conflicts_with = "json")]
    pub tables: bool,
    /// Print the chosen view as JSON.
    #[arg(long)]
    pub json: bool,
    /// Draw the page (the first page read) as SVG to this file.
    #[arg(long, value_name = "OUT.svg")]
    pub svg: Option<PathBuf>,
    /// Password of an encrypted PDF.
    #[arg(long)]
    pub password: Option<String>,
}

#[derive(Clone, Copy, PartialEq)]
enum View {
    Summary,
    Lines,
    Words,
    Glyphs,
    Rules,
}

fn b4(b: [f64; 4]) -> String {
    format!("[{:.2} {:.2} {:.2} {:.2}]", b[0], b[1], b[2], b[3])
}

fn r2(v: f64) -> f64 {
    (v * 100.0).round() / 100.0
}

fn jb(b: [f64; 4]) -> Value {
    json!([r2(b[0]), r2(b[1]), r2(b[2]), r2(b[3])])
}

/// Run `muniplan inspect`.
pub fn run(args: InspectArgs) -> anyhow::Result<ExitCode> {
    let name = args.file.display().to_string();
    let bytes = std::fs::read(&args.file).with_context(|| format!("{name}: cannot read"))?;
    let opts = PdfOptions {
        password: args.password.clone(),
        ..Default::default()
    };
    let doc = muniplan_pdf::open(&bytes, &opts).map_err(|e| anyhow::anyhow!("{name}: {e}"))?;
    let view = if args.lines {
        View::Lines
    } else if args.words {
        View::Words
    } else if args.glyphs {
        View::Glyphs
    } else if args.rules {
        View::Rules
    } else {
        View::Summary
    };
    let numbers: Vec<u32> = match args.page {
        Some(n) => {
            if n == 0 || n > doc.page_count() {
                anyhow::bail!(
                    "{name}: page {n} does not exist ({} pages)",
                    doc.page_count()
                );
            }
            vec![n]
        }
        None => (1..=doc.page_count()).collect(),
    };
    if args.tables {
        let (layout, decisions) =
            muniplan_layout::read_document_explained(&doc, &muniplan_layout::LayoutOptions::new());
        if let Some(svg) = &args.svg {
            let first = numbers.first().copied().unwrap_or(1);
            std::fs::write(
                svg,
                crate::inspect_tables::svg_tables(&doc.page(first), &layout),
            )
            .with_context(|| format!("{}: cannot write", svg.display()))?;
        }
        print!(
            "{}",
            crate::inspect_tables::print_tables(&layout, &decisions, args.page)
        );
        return Ok(ExitCode::SUCCESS);
    }
    let mut out = String::new();
    let mut jpages = Vec::new();
    let mut svg_done = false;
    let info = doc.info();
    if view == View::Summary && !args.json {
        let _ = writeln!(
            out,
            "{name}: PDF {}, {} page(s), producer {}, creator {}{}",
            info.version,
            doc.page_count(),
            info.producer.as_deref().unwrap_or("-"),
            info.creator.as_deref().unwrap_or("-"),
            info.encryption
                .as_deref()
                .map(|m| format!(", encrypted {m}"))
                .unwrap_or_default()
        );
        for d in doc.diagnostics() {
            let _ = writeln!(out, "{}: {}: {}", d.severity.as_str(), d.code, d.message);
        }
    }
    let multi = numbers.len() > 1;
    for n in numbers {
        let page = doc.page(n);
        if let Some(svg) = &args.svg
            && !svg_done
        {
            std::fs::write(svg, render_svg(&page))
                .with_context(|| format!("{}: cannot write", svg.display()))?;
            svg_done = true;
        }
        if args.json {
            jpages.push(page_json(&page, view));
            continue;
        }
        match view {
            View::Lines => {
                if multi {
                    let _ = writeln!(out, "--- page {n} ---");
                }
                for l in muniplan_pdf::lines(&page) {
                    let _ = writeln!(out, "{}", l.text);
                }
            }
            View::Summary => {
                let q = page.quality;
                let _ = writeln!(
                    out,
                    "--- page {n} ({:.1} x {:.1} pt): {} glyphs, {} rules, {} fills, {} images, text quality {:.3} ({} unmapped)",
                    page.size[0],
                    page.size[1],
                    page.glyphs.len(),
                    page.rules.len(),
                    page.fills.len(),
                    page.n_images,
                    q.score(),
                    q.unmapped
                );
                for d in &page.diagnostics {
                    let _ = writeln!(out, "{}: {}: {}", d.severity.as_str(), d.code, d.message);
                }
                for l in muniplan_pdf::lines(&page) {
                    let _ = writeln!(
                        out,
                        "{} {}{}",
                        b4(l.bbox),
                        if l.vertical { "(v) " } else { "" },
                        l.text
                    );
                }
            }
            View::Words => {
                if multi {
                    let _ = writeln!(out, "--- page {n} ---");
                }
                for w in muniplan_pdf::words(&page) {
                    let _ = writeln!(out, "{} {}", b4(w.bbox), w.text);
                }
            }
            View::Glyphs => {
                if multi {
                    let _ = writeln!(out, "--- page {n} ---");
                }
                for (i, g) in page.glyphs.iter().enumerate() {
                    let clipped = page.clipped_glyphs.binary_search(&i).is_ok();
                    let mut flags = String::new();
                    for (on, f) in [
                        (g.vertical, " vertical"),
                        (g.invisible, " invisible"),
                        (g.unmapped, " unmapped"),
                        (g.actual_text, " actualtext"),
                        (clipped, " clipped"),
                    ] {
                        if on {
                            flags.push_str(f);
                        }
                    }
                    let _ = writeln!(
                        out,
                        "{} {:.2} {} {:?}{flags}",
                        b4(g.bbox),
                        g.size,
                        g.font,
                        g.text
                    );
                }
            }
            View::Rules => {
                if multi {
                    let _ = writeln!(out, "--- page {n} ---");
                }
                for r in &page.rules {
                    let _ = writeln!(
                        out,
                        "rule ({:.2} {:.2})-({:.2} {:.2}) width {:.2} colour {}{}",
                        r.from[0],
                        r.from[1],
                        r.to[0],
                        r.to[1],
                        r.width,
                        colour(r.color),
                        if r.dash.is_empty() { "" } else { " dashed" }
                    );
                }
                for f in &page.fills {
                    let _ = writeln!(out, "fill {} colour {}", b4(f.bbox), colour(f.color));
                }
            }
        }
    }
    if args.json {
        let v = json!({
            "file": name,
            "producer": info.producer,
            "creator": info.creator,
            "encryption": info.encryption,
            "pages": jpages,
        });
        out = serde_json::to_string_pretty(&v)?;
        out.push('\n');
    }
    print!("{out}");
    Ok(ExitCode::SUCCESS)
}

fn colour(c: Option<[f32; 3]>) -> String {
    match c {
        Some([r, g, b]) => format!(
            "#{:02x}{:02x}{:02x}",
            (r * 255.0).round() as u8,
            (g * 255.0).round() as u8,
            (b * 255.0).round() as u8
        ),
        None => "pattern".into(),
    }
}

fn page_json(page: &PageContent, view: View) -> Value {
    let diags: Vec<Value> = page
        .diagnostics
        .iter()
        .map(|d| json!({"severity": d.severity.as_str(), "code": d.code, "message": d.message}))
        .collect();
    let mut v = json!({
        "page": page.number,
        "size": [r2(page.size[0]), r2(page.size[1])],
        "images": page.n_images,
        "quality": {
            "score": r2(page.quality.score()),
            "glyphs": page.quality.glyphs,
            "unmapped": page.quality.unmapped,
        },
        "diagnostics": diags,
    });
    let (key, items): (&str, Vec<Value>) = match view {
        View::Summary | View::Lines => (
            "lines",
            muniplan_pdf::lines(page)
                .iter()
                .map(|l| json!({"text": l.text, "bbox": jb(l.bbox), "vertical": l.vertical}))
                .collect(),
        ),
        View::Words => (
            "words",
            muniplan_pdf::words(page)
                .iter()
                .map(|w| json!({"text": w.text, "bbox": jb(w.bbox), "vertical": w.vertical}))
                .collect(),
        ),
        View::Glyphs => (
            "glyphs",
            page.glyphs
                .iter()
                .enumerate()
                .map(|(i, g)| {
                    json!({"text": g.text, "bbox": jb(g.bbox), "font": g.font, "size": r2(g.size),
                        "vertical": g.vertical, "invisible": g.invisible, "unmapped": g.unmapped,
                        "clipped": page.clipped_glyphs.binary_search(&i).is_ok()})
                })
                .collect(),
        ),
        View::Rules => (
            "rules",
            page.rules
                .iter()
                .map(|r| {
                    json!({"from": [r2(r.from[0]), r2(r.from[1])], "to": [r2(r.to[0]), r2(r.to[1])],
                        "width": r2(r.width), "colour": colour(r.color), "dash": r.dash})
                })
                .chain(
                    page.fills
                        .iter()
                        .map(|f| json!({"fill": jb(f.bbox), "colour": colour(f.color)})),
                )
                .collect(),
        ),
    };
    if let Some(o) = v.as_object_mut() {
        o.insert(key.to_string(), Value::Array(items));
    }
    v
}

/// Escape text for SVG/XML content and attributes; control characters are dropped.
pub(crate) fn esc(s: &str) -> String {
    s.chars()
        .map(|c| match c {
            '&' => "&amp;".to_string(),
            '<' => "&lt;".to_string(),
            '>' => "&gt;".to_string(),
            '"' => "&quot;".to_string(),
            c if c.is_control() => String::new(),
            c => c.to_string(),
        })
        .collect()
}

/// An SVG of one page: fills, rules, glyph boxes (faint) and glyph text at their places.
fn render_svg(page: &PageContent) -> String {
    render_svg_with(page, true, "")
}

/// [`render_svg`], with or without the glyph boxes, and `overlay` (SVG elements in the page's
/// top-down coordinates) drawn last.
pub(crate) fn render_svg_with(page: &PageContent, glyph_boxes: bool, overlay: &str) -> String {
    let (w, h) = (page.size[0].max(1.0), page.size[1].max(1.0));
    let mut s = String::new();
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" width="{w:.2}" height="{h:.2}" viewBox="0 0 {w:.2} {h:.2}">"#
    );
    let _ = writeln!(s, r#"<rect width="100%" height="100%" fill="white"/>"#);
    let y = |v: f64| h - v;
    for f in &page.fills {
        let b = f.bbox;
        let _ = writeln!(
            s,
            r#"<rect x="{:.2}" y="{:.2}" width="{:.2}" height="{:.2}" fill="{}" fill-opacity="0.6"/>"#,
            b[0],
            y(b[3]),
            (b[2] - b[0]).max(0.1),
            (b[3] - b[1]).max(0.1),
            colour(f.color).replace("pattern", "#cccccc")
        );
    }
    for r in &page.rules {
        let _ = writeln!(
            s,
            r#"<line x1="{:.2}" y1="{:.2}" x2="{:.2}" y2="{:.2}" stroke="{}" stroke-width="{:.2}"{}/>"#,
            r.from[0],
            y(r.from[1]),
            r.to[0],
            y(r.to[1]),
            colour(r.color).replace("pattern", "#888888"),
            r.width.max(0.2),
            if r.dash.is_empty() {
                ""
            } else {
                r#" stroke-dasharray="2 2""#
            }
        );
    }
    // Without glyph boxes (the review page) glyphs of one line that touch are drawn as one
    // text run: the same picture in a fraction of the bytes.
    let mut runs: Vec<([f64; 4], String, &'static str, bool)> = Vec::new();
    for g in &page.glyphs {
        let colour = if g.unmapped {
            "red"
        } else if g.invisible {
            "gray"
        } else {
            "black"
        };
        let b = g.bbox;
        if !glyph_boxes
            && !g.vertical
            && let Some(last) = runs.last_mut()
        {
            let (lb, _, lc, lv) = (last.0, &last.1, last.2, last.3);
            let height = (lb[3] - lb[1]).max(0.1);
            if !lv
                && lc == colour
                && (b[1] - lb[1]).abs() < height * 0.1
                && (b[3] - lb[3]).abs() < height * 0.1
                && b[0] >= lb[2] - height * 0.2
                && b[0] - lb[2] < height * 0.3
            {
                last.0[2] = b[2];
                last.1.push_str(&g.text);
                continue;
            }
        }
        runs.push((b, g.text.clone(), colour, g.vertical));
    }
    if !glyph_boxes {
        s.push_str(r#"<g font-family="IPAexGothic, Noto Sans CJK JP, sans-serif">"#);
    }
    for (b, text, colour, vertical) in &runs {
        let (bw, bh) = ((b[2] - b[0]).max(0.1), (b[3] - b[1]).max(0.1));
        let size = if *vertical { bw } else { bh } * 0.85;
        if glyph_boxes {
            let _ = writeln!(
                s,
                r##"<rect x="{:.2}" y="{:.2}" width="{bw:.2}" height="{bh:.2}" fill="none" stroke="#4a90d9" stroke-width="0.2"/>"##,
                b[0],
                y(b[3])
            );
            let _ = writeln!(
                s,
                r#"<text x="{:.2}" y="{:.2}" font-size="{size:.2}" fill="{colour}" font-family="IPAexGothic, Noto Sans CJK JP, sans-serif" textLength="{:.2}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
                b[0],
                y(b[1]) - bh * 0.15,
                bw,
                esc(text)
            );
        } else {
            let fill = if *colour == "black" {
                String::new()
            } else {
                format!(r#" fill="{colour}""#)
            };
            let _ = writeln!(
                s,
                r#"<text x="{:.1}" y="{:.1}" font-size="{size:.1}"{fill} textLength="{bw:.1}" lengthAdjust="spacingAndGlyphs">{}</text>"#,
                b[0],
                y(b[1]) - bh * 0.15,
                esc(text)
            );
        }
    }
    if !glyph_boxes {
        s.push_str("</g>\n");
    }
    s.push_str(overlay);
    s.push_str("</svg>\n");
    s
}
