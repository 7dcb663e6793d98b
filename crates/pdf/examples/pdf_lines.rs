//! Print the text lines muniplan's reader sees in each PDF given (used by
//! `scripts/bench-pdf.sh` and for quick checks): `pdf_lines [--password P] FILE...`.

use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut opts = muniplan_pdf::PdfOptions::default();
    if let Some(i) = args.iter().position(|a| a == "--password")
        && let Some(p) = args.get(i + 1).cloned()
    {
        opts.password = Some(p);
        args.drain(i..i + 2);
    }
    let mut code = ExitCode::SUCCESS;
    for f in &args {
        let bytes = match std::fs::read(f) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("{f}: {e}");
                code = ExitCode::FAILURE;
                continue;
            }
        };
        match muniplan_pdf::open(&bytes, &opts) {
            Ok(doc) => {
                for n in 1..=doc.page_count() {
                    let page = doc.page(n);
                    for d in &page.diagnostics {
                        eprintln!("{f}: {}: {}", d.code, d.message);
                    }
                    if std::env::var_os("PDF_GLYPHS").is_some() {
                        for g in &page.glyphs {
                            println!(
                                "{:?} {:.2?} {:.1} v={} {}",
                                g.text, g.bbox, g.size, g.vertical, g.font
                            );
                        }
                    }
                    for l in muniplan_pdf::lines(&page) {
                        if std::env::var_os("PDF_BOXES").is_some() {
                            println!("{:.1?} {}", l.bbox, l.text);
                        } else {
                            println!("{}", l.text);
                        }
                    }
                }
            }
            Err(e) => {
                eprintln!("{f}: {e}");
                code = ExitCode::FAILURE;
            }
        }
    }
    code
}
