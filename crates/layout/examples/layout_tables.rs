//! Print the tables and blocks the layout stage finds: `layout_tables [--boxes] FILE...`.
fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let boxes = args.iter().any(|a| a == "--boxes");
    args.retain(|a| a != "--boxes");
    for f in &args {
        let Ok(bytes) = std::fs::read(f) else {
            eprintln!("{f}: cannot read");
            continue;
        };
        match muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default()) {
            Ok(doc) => {
                println!("# {f}");
                print!(
                    "{}",
                    muniplan_layout::dump(&muniplan_layout::read_document(&doc), boxes)
                );
            }
            Err(e) => eprintln!("{f}: {e}"),
        }
    }
}
