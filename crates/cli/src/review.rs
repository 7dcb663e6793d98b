//! `muniplan review OUT [-o review.html]`: one self-contained HTML page for a converted batch.
//!
//! Documents are sorted by need of review (flagged first, then lowest coverage, then most
//! warnings). Each shows its observations as a table and, beside it, its source: a PDF's pages
//! drawn as SVG (the `inspect --svg` drawing without glyph boxes) with every observation's box
//! outlined and every unexplained cell marked; a sheet's grid with cells coloured by account.
//! Clicking a row highlights its box or cell, and the reverse. The source files are read
//! again from the paths report.json names; a source that is no longer there gets a note and
//! the page goes on without its drawing.

use std::collections::HashMap;
use std::fmt::Write as _;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use anyhow::Context;
use muniplan_ir::Location;
use muniplan_recognize::coverage::{Account, cell_accounts};
use serde_json::Value;

use crate::inspect::esc;
use crate::pipeline;

/// Flags of `muniplan review`.
#[derive(clap::Args)]
pub struct ReviewArgs {
    /// A folder written by `muniplan convert`.
    #[arg(value_name = "OUT")]
    pub out: PathBuf,
    /// The HTML file to write (default OUT/review.html).
    #[arg(short, long, value_name = "FILE")]
    pub output: Option<PathBuf>,
}

/// Run `muniplan review`.
pub fn run(args: ReviewArgs) -> anyhow::Result<ExitCode> {
    let report_path = args.out.join("report.json");
    let report: Value = serde_json::from_slice(
        &std::fs::read(&report_path)
            .with_context(|| format!("{}: cannot read", report_path.display()))?,
    )
    .with_context(|| format!("{}: not JSON", report_path.display()))?;
    let mut docs: Vec<(&Value, Option<Value>)> = report["files"]
        .as_array()
        .map(|a| a.iter().collect::<Vec<_>>())
        .unwrap_or_default()
        .into_iter()
        .map(|f| {
            let doc = f["output"]
                .as_str()
                .and_then(|name| std::fs::read(args.out.join(name)).ok())
                .and_then(|b| serde_json::from_slice(&b).ok());
            (f, doc)
        })
        .collect();
    let cov = |f: &Value| f["coverage"].as_f64().unwrap_or(0.0);
    docs.sort_by(|a, b| {
        let flagged = |f: &Value| f["review"].as_bool().unwrap_or(true);
        flagged(b.0)
            .cmp(&flagged(a.0))
            .then(cov(a.0).total_cmp(&cov(b.0)))
            .then(b.0["warnings"].as_u64().cmp(&a.0["warnings"].as_u64()))
            .then(a.0["file"].as_str().cmp(&b.0["file"].as_str()))
    });
    let mut html = String::new();
    html.push_str(HEAD);
    let _ = writeln!(
        html,
        "<h1>muniplan review: {}</h1><p>{} documents; {} need review.</p><ol class=toc>",
        esc(&args.out.display().to_string()),
        docs.len(),
        docs.iter().filter(|d| d.0["review"] == true).count()
    );
    for (i, (f, _)) in docs.iter().enumerate() {
        let _ = writeln!(
            html,
            "<li><a href=\"#d{i}\">{}</a> — coverage {} {}</li>",
            esc(f["file"].as_str().unwrap_or("")),
            f["coverage"],
            reasons(f)
        );
    }
    html.push_str("</ol>\n");
    for (i, (f, doc)) in docs.iter().enumerate() {
        document(&mut html, i, f, doc.as_ref());
    }
    html.push_str(SCRIPT);
    html.push_str("</body></html>\n");
    let path = args
        .output
        .clone()
        .unwrap_or_else(|| args.out.join("review.html"));
    std::fs::write(&path, html.as_bytes())
        .with_context(|| format!("{}: cannot write", path.display()))?;
    eprintln!(
        "muniplan: review: {} documents → {} ({} bytes)",
        docs.len(),
        path.display(),
        html.len()
    );
    Ok(ExitCode::SUCCESS)
}

fn reasons(f: &Value) -> String {
    let list: Vec<&str> = f["review_reasons"]
        .as_array()
        .map(|a| a.iter().filter_map(Value::as_str).collect())
        .unwrap_or_default();
    if list.is_empty() {
        String::new()
    } else {
        format!("<b class=flag>{}</b>", esc(&list.join("; ")))
    }
}

/// A source key of a JSON `source` object (or a [`Location`]): page and box or sheet and cell.
fn key_json(s: &Value) -> String {
    if let Some(page) = s["page"].as_u64() {
        let b: Vec<String> = s["bbox"]
            .as_array()
            .map(|a| {
                a.iter()
                    .map(|v| format!("{:.1}", v.as_f64().unwrap_or(0.0)))
                    .collect()
            })
            .unwrap_or_default();
        format!("p{page}:{}", b.join(","))
    } else {
        format!(
            "{}!{}",
            s["sheet"].as_str().unwrap_or(""),
            s["cell"].as_str().unwrap_or("")
        )
    }
}

fn key_loc(l: &Location) -> String {
    match l {
        Location::Pdf { page, bbox } => format!(
            "p{page}:{}",
            bbox.iter()
                .map(|v| format!("{:.1}", (v * 100.0).round() / 100.0))
                .collect::<Vec<_>>()
                .join(",")
        ),
        Location::Sheet { sheet, cell } => format!("{sheet}!{cell}"),
        Location::SheetHeader { sheet } => format!("{sheet}!header"),
    }
}

fn document(html: &mut String, i: usize, f: &Value, doc: Option<&Value>) {
    let file = f["file"].as_str().unwrap_or("");
    let _ = writeln!(
        html,
        "<section id=\"d{i}\"><h2>{}</h2><p>status {} · coverage {} · {} observations · {} unexplained · {} warnings {}</p>",
        esc(file),
        esc(f["status"].as_str().unwrap_or("")),
        f["coverage"],
        f["observations"],
        f["unexplained"],
        f["warnings"],
        reasons(f)
    );
    let Some(doc) = doc else {
        let _ = writeln!(
            html,
            "<p class=note>No document: {}</p></section>",
            esc(f["error"].as_str().unwrap_or("not converted"))
        );
        return;
    };
    // Observation rows, each with its source key.
    html.push_str("<div class=pair><div class=obs><table><tr><th>initiative</th><th>kind</th><th>year</th><th>value</th><th>unit</th><th>raw</th></tr>\n");
    let mut keys: HashMap<String, Vec<String>> = HashMap::new();
    let mut n = 0;
    for ini in doc["initiatives"].as_array().into_iter().flatten() {
        for o in ini["observations"].as_array().into_iter().flatten() {
            let id = format!("d{i}o{n}");
            n += 1;
            let k = key_json(&o["source"]);
            keys.entry(k.clone()).or_default().push(id.clone());
            let value = match &o["value"] {
                Value::Null => o["text"].as_str().unwrap_or("").to_string(),
                v => v.to_string(),
            };
            let _ = writeln!(
                html,
                "<tr id=\"{id}\" data-k=\"{}\"><td>{} {}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
                esc(&format!("d{i}|{k}")),
                esc(ini["id"].as_str().unwrap_or("")),
                esc(ini["title"].as_str().unwrap_or("")),
                esc(o["kind"].as_str().unwrap_or("")),
                o["fiscal_year"]
                    .as_i64()
                    .map(|y| y.to_string())
                    .unwrap_or_default(),
                esc(&value),
                esc(o["unit"].as_str().unwrap_or("")),
                esc(o["raw"].as_str().unwrap_or(""))
            );
        }
    }
    for u in doc["unexplained"].as_array().into_iter().flatten() {
        let _ = writeln!(
            html,
            "<tr class=unx data-k=\"{}\"><td colspan=5>unexplained</td><td>{}</td></tr>",
            esc(&format!("d{i}|{}", key_json(&u["source"]))),
            esc(u["text"].as_str().unwrap_or(""))
        );
    }
    html.push_str("</table></div><div class=src>");
    source(html, i, file, doc);
    html.push_str("</div></div></section>\n");
}

/// The drawing of the source: PDF pages or sheet grids.
fn source(html: &mut String, i: usize, file: &str, doc: &Value) {
    let path = Path::new(file);
    let Ok(bytes) = std::fs::read(path) else {
        let _ = writeln!(
            html,
            "<p class=note>The source {} is not there any more (moved or deleted): it is not drawn. The observations and unexplained cells are listed with their locations.</p>",
            esc(file)
        );
        return;
    };
    if doc["source"]["sha256"].as_str() != Some(pipeline::sha256_hex(&bytes).as_str()) {
        let _ = writeln!(
            html,
            "<p class=note>The source {} has changed since it was converted: it is not drawn. Convert it again to review it.</p>",
            esc(file)
        );
        return;
    }
    let unexplained: Vec<String> = doc["unexplained"]
        .as_array()
        .into_iter()
        .flatten()
        .map(|u| key_json(&u["source"]))
        .collect();
    let obs_keys: Vec<String> = doc["initiatives"]
        .as_array()
        .into_iter()
        .flatten()
        .flat_map(|ini| ini["observations"].as_array().into_iter().flatten())
        .map(|o| key_json(&o["source"]))
        .collect();
    if doc["source"]["format"] == "pdf" {
        pdf_pages(html, i, &bytes, doc, &obs_keys, &unexplained);
    } else {
        sheet_grid(html, i, &bytes, file);
    }
}

/// A box drawn over a PDF page: its source key, its bbox and its CSS class (`ob`, `ux`).
type Outline = (String, [f64; 4], &'static str);

fn pdf_pages(
    html: &mut String,
    i: usize,
    bytes: &[u8],
    doc: &Value,
    obs_keys: &[String],
    unexplained: &[String],
) {
    let Ok(pdf) = muniplan_pdf::open(bytes, &muniplan_pdf::PdfOptions::default()) else {
        html.push_str(
            "<p class=note>The PDF could not be opened again (a password?): it is not drawn.</p>",
        );
        return;
    };
    let mut boxes: HashMap<u32, Vec<Outline>> = HashMap::new();
    let mut add = |key: &String, class: &'static str| {
        let Some((page, rest)) = key.strip_prefix('p').and_then(|k| k.split_once(':')) else {
            return;
        };
        let b: Vec<f64> = rest.split(',').filter_map(|v| v.parse().ok()).collect();
        if let (Ok(page), [x0, y0, x1, y1]) = (page.parse::<u32>(), b.as_slice()) {
            boxes
                .entry(page)
                .or_default()
                .push((key.clone(), [*x0, *y0, *x1, *y1], class));
        }
    };
    // One outline per observation (several values of one cell share its box).
    for k in obs_keys {
        add(k, "ob");
    }
    for k in unexplained {
        add(k, "ux");
    }
    let pages = doc["source"]["pages"].as_u64().unwrap_or(0) as u32;
    for n in 1..=pages.min(pdf.page_count()) {
        let page = pdf.page(n);
        let h = page.size[1];
        let mut overlay = String::new();
        for (k, b, class) in boxes.get(&n).into_iter().flatten() {
            let _ = writeln!(
                overlay,
                r#"<rect class="{class}" data-k="{}" x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}"/>"#,
                esc(&format!("d{i}|{k}")),
                b[0],
                h - b[3],
                (b[2] - b[0]).max(1.0),
                (b[3] - b[1]).max(1.0)
            );
        }
        let _ = writeln!(html, "<div class=page><div class=pn>page {n}</div>");
        html.push_str(&crate::inspect::render_svg_with(&page, false, &overlay));
        html.push_str("</div>\n");
    }
}

fn sheet_grid(html: &mut String, i: usize, bytes: &[u8], file: &str) {
    let name = Path::new(file)
        .file_name()
        .map(|n| n.to_string_lossy().into_owned())
        .unwrap_or_default();
    let opts = pipeline::Options {
        password: None,
        pdf_limits: muniplan_pdf::Limits::default(),
        sheet: muniplan_sheet::SheetOptions::new(),
    };
    let Ok(layout) = pipeline::read(bytes, &name, &opts) else {
        html.push_str("<p class=note>The source could not be read again: it is not drawn.</p>");
        return;
    };
    let rec = muniplan_recognize::recognize(&layout);
    let accounts: HashMap<String, Account> = cell_accounts(&layout, &rec)
        .into_iter()
        .map(|c| (key_loc(&c.location), c.account))
        .collect();
    for page in &layout.pages {
        for table in &page.tables {
            let _ = writeln!(
                html,
                "<div class=pn>{}</div><table class=grid>",
                esc(page.name.as_deref().unwrap_or(""))
            );
            for row in 0..table.n_rows {
                html.push_str("<tr>");
                for cell in table.row(row) {
                    let k = key_loc(&cell.location);
                    let account = accounts.get(&k).copied().unwrap_or(Account::Other);
                    let _ = write!(
                        html,
                        "<td class=\"a-{}\" data-k=\"{}\" rowspan={} colspan={} title=\"{} {}\">{}</td>",
                        account.as_str(),
                        esc(&format!("d{i}|{k}")),
                        cell.row_span,
                        cell.col_span,
                        esc(&k),
                        account.as_str(),
                        esc(&cell.text)
                    );
                }
                html.push_str("</tr>\n");
            }
            html.push_str("</table>\n");
        }
    }
}

const HEAD: &str = r#"<!DOCTYPE html>
<html lang="ja"><head><meta charset="utf-8"><title>muniplan review</title>
<script>
// Script errors and console.error are kept on the page (data-errors) for the browser test.
(function(){var errs=[];function note(m){errs.push(String(m));document.documentElement.setAttribute('data-errors',errs.join(' | '));}
window.addEventListener('error',function(e){note(e.message);});
var ce=console.error;console.error=function(){note(Array.prototype.join.call(arguments,' '));ce.apply(console,arguments);};})();
</script>
<style>
body{font-family:"Noto Sans CJK JP","IPAexGothic","Hiragino Sans","Yu Gothic","Meiryo",sans-serif;margin:1em;font-size:13px}
.flag{color:#b00}.note{background:#fff3cd;padding:.4em}
.pair{display:flex;gap:1em;align-items:flex-start}.obs{flex:0 0 38%;max-height:90vh;overflow:auto}
.src{flex:1;max-height:90vh;overflow:auto}
table{border-collapse:collapse}td,th{border:1px solid #ccc;padding:1px 4px;vertical-align:top}
tr.sel td,td.sel{background:#ffe066!important}tr.unx td{background:#fde2e2}
rect.ob{fill:#2a7ae2;fill-opacity:.08;stroke:#2a7ae2;stroke-width:1}
rect.ux{fill:#e22a2a;fill-opacity:.15;stroke:#e22a2a;stroke-width:1.5}
rect.sel{fill:#ffd000;fill-opacity:.5;stroke:#000}
section{content-visibility:auto;contain-intrinsic-size:auto 1200px}
.toc{columns:2;font-size:11px;margin:0}
.page svg{border:1px solid #999;max-width:100%;height:auto}.pn{color:#666;margin-top:.5em}
.grid td{font-size:11px;white-space:pre-wrap;max-width:16em}
.a-observation{background:#d6e6fb}.a-unexplained{background:#f8b4b4}.a-label,.a-year{background:#eee}
.a-heading,.a-indicator{background:#e6f4e6}.a-prose,.a-note{background:#fafafa}.a-placeholder{background:#f3e8fd}
</style></head><body>
"#;

const SCRIPT: &str = r#"<script>
(function(){
  function select(k){
    document.querySelectorAll('.sel').forEach(function(e){e.classList.remove('sel');});
    document.querySelectorAll('[data-k]').forEach(function(e){ if(e.getAttribute('data-k')===k){ e.classList.add('sel'); } });
  }
  document.addEventListener('click',function(ev){
    var t=ev.target.closest('[data-k]'); if(!t) return;
    select(t.getAttribute('data-k'));
    var other=null;
    document.querySelectorAll('.sel').forEach(function(e){ if(e!==t && !other) other=e; });
    if(other && other.scrollIntoView) other.scrollIntoView({block:'nearest'});
  });
  // `#click=ID` clicks the element with that id once loaded (the browser test's scripted click).
  window.addEventListener('load',function(){
    document.documentElement.setAttribute('data-load-ms',String(Math.round(performance.now())));
    var m=location.hash.match(/^#click=(.+)$/);
    if(m){var e=document.getElementById(decodeURIComponent(m[1]));
      if(e) e.dispatchEvent(new MouseEvent('click',{bubbles:true}));}
  });
})();
</script>
"#;
