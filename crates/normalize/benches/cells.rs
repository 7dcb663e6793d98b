//! Throughput of `parse_value` over every cell string of the five seeds.
//!
//! `cells.txt` was extracted once from `shared/seeds/*.txt` (each line split on tabs, trimmed,
//! empty pieces dropped; 7,381 cells) and is committed so that the benchmark runs without the
//! seeds.

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use muniplan_normalize::{Hints, normalize_text, parse_value};

const CELLS: &str = include_str!("cells.txt");

fn cells(c: &mut Criterion) {
    let cells: Vec<&str> = CELLS.lines().filter(|l| !l.is_empty()).collect();
    let hints = Hints::default();
    let mut group = c.benchmark_group("seeds");
    group.throughput(Throughput::Elements(cells.len() as u64));
    group.bench_function("parse_value", |b| {
        b.iter(|| {
            for cell in &cells {
                black_box(parse_value(black_box(cell), &hints));
            }
        })
    });
    group.bench_function("normalize_text", |b| {
        b.iter(|| {
            for cell in &cells {
                black_box(normalize_text(black_box(cell)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, cells);
criterion_main!(benches);
