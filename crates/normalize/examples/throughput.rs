//! Cells per CPU-second of `parse_value` over the seed cells, measured with the thread's own CPU
//! time (`/proc/thread-self/schedstat`), so a busy shared machine does not distort the figure.
//!
//! `cargo run --release -p muniplan-normalize --example throughput [rounds]`

use std::hint::black_box;
use std::time::Instant;

use muniplan_normalize::{Hints, normalize_text, parse_value};

const CELLS: &str = include_str!("../benches/cells.txt");

/// CPU time of this thread in nanoseconds, if the kernel exposes it.
fn cpu_ns() -> Option<u64> {
    let s = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    s.split_whitespace().next()?.parse().ok()
}

fn measure(name: &str, rounds: usize, cells: &[&str], f: impl Fn(&str)) {
    let wall = Instant::now();
    let cpu0 = cpu_ns();
    for _ in 0..rounds {
        for cell in cells {
            f(black_box(cell));
        }
    }
    let wall_s = wall.elapsed().as_secs_f64();
    let n = (rounds * cells.len()) as f64;
    match (cpu0, cpu_ns()) {
        (Some(a), Some(b)) if b > a => {
            let cpu_s = (b - a) as f64 / 1e9;
            println!(
                "{name}: {n} cells, {:.0} cells/s per CPU-second ({:.0} cells/s wall)",
                n / cpu_s,
                n / wall_s
            );
        }
        _ => println!("{name}: {n} cells, {:.0} cells/s wall", n / wall_s),
    }
}

fn main() {
    let rounds = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(200);
    let cells: Vec<&str> = CELLS.lines().filter(|l| !l.is_empty()).collect();
    let hints = Hints::default();
    measure("parse_value", rounds, &cells, |c| {
        black_box(parse_value(c, &hints));
    });
    measure("normalize_text", rounds, &cells, |c| {
        black_box(normalize_text(c));
    });
}
