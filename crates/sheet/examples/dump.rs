//! Print what the reader sees in a spreadsheet or CSV: source facts, diagnostics, and the
//! cells of each sheet (optionally only rows FROM..=TO, 1-based).
//!
//! `cargo run -p muniplan-sheet --example dump -- FILE [FROM TO]`

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(path) = args.first() else {
        return Err("usage: dump FILE [FROM TO]".into());
    };
    let from: u32 = args.get(1).map(|s| s.parse()).transpose()?.unwrap_or(1);
    let to: u32 = args
        .get(2)
        .map(|s| s.parse())
        .transpose()?
        .unwrap_or(u32::MAX);
    let bytes = std::fs::read(path)?;
    let doc = muniplan_sheet::read(&bytes, path, &muniplan_sheet::SheetOptions::new())?;
    println!("source: {:?}", doc.source);
    for d in &doc.diagnostics {
        let at = d
            .location
            .as_ref()
            .map(|l| l.to_string())
            .unwrap_or_default();
        println!("{} {} {at}: {}", d.severity.as_str(), d.code, d.message);
    }
    for page in &doc.pages {
        println!("== page {} {:?}", page.number, page.name);
        for t in &page.tables {
            println!(
                "   table {} rows × {} cols, {} cells",
                t.n_rows,
                t.n_cols,
                t.cells.len()
            );
            for c in t.cells.iter().filter(|c| c.row + 1 >= from && c.row < to) {
                let at = c.location.to_string();
                println!("   {at:<24} {:?}", c.text);
            }
        }
    }
    Ok(())
}
