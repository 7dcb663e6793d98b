//! Dump each page's rules and fills, and the glyphs whose text is in $GLYPHS (debugging aid):
//! `GLYPHS=字 layout_dump_raw FILE`.
fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    for f in &args {
        let Ok(bytes) = std::fs::read(f) else {
            continue;
        };
        let Ok(doc) = muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default()) else {
            continue;
        };
        for n in 1..=doc.page_count() {
            let p = doc.page(n);
            println!(
                "page {n} size {:?} glyphs {} rules {} fills {}",
                p.size,
                p.glyphs.len(),
                p.rules.len(),
                p.fills.len()
            );
            for r in &p.rules {
                println!(
                    "R {:.2},{:.2} -> {:.2},{:.2} w{:.2} {:?} {:?}",
                    r.from[0], r.from[1], r.to[0], r.to[1], r.width, r.color, r.dash
                );
            }
            for r in &p.fills {
                println!(
                    "F {:.2} {:.2} {:.2} {:.2} {:?}",
                    r.bbox[0], r.bbox[1], r.bbox[2], r.bbox[3], r.color
                );
            }
            for g in p
                .glyphs
                .iter()
                .filter(|g| std::env::var("GLYPHS").is_ok_and(|v| v.contains(g.text.as_str())))
            {
                println!("G {:?} {:?} {} {}", g.text, g.bbox, g.font, g.size);
            }
        }
    }
}
