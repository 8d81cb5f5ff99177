//! Reuse throughput: N generated target documents against the bundled corpus as references.
//! Targets are windows of the bundled texts with 2% of characters substituted, so they carry
//! real passages and formulations. Run with `cargo bench --bench reuse` (or `just bench`).
//! Prints a Markdown table for docs/PERFORMANCE.md.

mod common;

use std::time::Instant;

use rayon::prelude::*;
use tifa::document::{DocDate, DocMeta, Document, Level};
use tifa::reuse::{ReuseEngine, ReuseParams, lexicon::Lexicon};

/// Target `i`: a generated text as a Jiangsu municipal document.
fn target(i: usize, generator: &common::Generator) -> Document {
    let text = generator.text(i);
    let meta = DocMeta {
        id: format!("t{i:06}"),
        level: Level::Municipal,
        province: Some("江苏省".into()),
        city: Some("苏州市".into()),
        date: "2023-01-01".parse::<DocDate>().ok(),
        title: String::new(),
    };
    Document::from_clean_text(meta, &text)
}

fn main() {
    let corpus = common::bundled();
    let lexicon = Lexicon::bundled().unwrap_or_default();
    let params = ReuseParams::default();
    let engine = match ReuseEngine::new(&corpus.documents, &lexicon, &corpus.exclude, &params) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot build the engine: {e}");
            std::process::exit(1);
        }
    };
    let generator = common::Generator::new(&corpus);
    println!("| targets | chars (M) | threads | seconds | targets/s | chars/s (M) | passages |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in common::sizes() {
        let targets: Vec<Document> = (0..n)
            .into_par_iter()
            .map(|i| target(i, &generator))
            .collect();
        let chars: usize = targets.iter().map(Document::chars).sum();
        let started = Instant::now();
        let passages: usize = targets
            .par_iter()
            .map(|d| {
                engine
                    .analyze(d, None, &params)
                    .map_or(0, |r| r.passages.len())
            })
            .sum();
        let secs = started.elapsed().as_secs_f64();
        println!(
            "| {n} | {:.1} | {} | {secs:.2} | {:.0} | {:.2} | {passages} |",
            chars as f64 / 1e6,
            rayon::current_num_threads(),
            n as f64 / secs,
            chars as f64 / secs / 1e6
        );
    }
}
