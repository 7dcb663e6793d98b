//! Time table reconstruction against reading: `layout_bench [--iters N] FILE...` prints, per
//! file, the median time to open and read every page, the median time of the layout stage
//! on the pages read (lattices, cell text, stream tables, continued tables, blocks), and
//! their ratio. Build with `--release` for figures worth reporting.
use std::time::{Duration, Instant};

fn median(mut v: Vec<Duration>) -> Duration {
    v.sort();
    v.get(v.len() / 2).copied().unwrap_or_default()
}

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut iters = 20usize;
    if let Some(i) = args.iter().position(|a| a == "--iters")
        && let Some(n) = args.get(i + 1).and_then(|n| n.parse().ok())
    {
        iters = n;
        args.drain(i..i + 2);
    }
    let opts = muniplan_layout::LayoutOptions::new();
    let (mut total_read, mut total_layout) = (Duration::ZERO, Duration::ZERO);
    println!(
        "{:<55} {:>5} {:>11} {:>11} {:>7}",
        "file", "pages", "read ms", "tables ms", "ratio"
    );
    for f in &args {
        let Ok(bytes) = std::fs::read(f) else {
            eprintln!("{f}: cannot read");
            continue;
        };
        let mut reads = Vec::new();
        let mut layouts = Vec::new();
        let mut pages = 0;
        for _ in 0..iters {
            let t0 = Instant::now();
            let Ok(doc) = muniplan_pdf::open(&bytes, &muniplan_pdf::PdfOptions::default()) else {
                eprintln!("{f}: cannot open");
                break;
            };
            let contents: Vec<_> = (1..=doc.page_count()).map(|n| doc.page(n)).collect();
            let t1 = Instant::now();
            let (laid, _) = muniplan_layout::read_pages(&contents, &opts);
            let t2 = Instant::now();
            pages = laid.len();
            reads.push(t1 - t0);
            layouts.push(t2 - t1);
        }
        let (r, l) = (median(reads), median(layouts));
        total_read += r;
        total_layout += l;
        let name = std::path::Path::new(f)
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        println!(
            "{name:<55} {pages:>5} {:>11.3} {:>11.3} {:>6.1}%",
            r.as_secs_f64() * 1e3,
            l.as_secs_f64() * 1e3,
            100.0 * l.as_secs_f64() / r.as_secs_f64().max(1e-9)
        );
    }
    println!(
        "{:<55} {:>5} {:>11.3} {:>11.3} {:>6.1}%",
        "total",
        "",
        total_read.as_secs_f64() * 1e3,
        total_layout.as_secs_f64() * 1e3,
        100.0 * total_layout.as_secs_f64() / total_read.as_secs_f64().max(1e-9)
    );
}
