//! Reuse throughput, two ways (`cargo bench --bench reuse`, or `just bench`); both print
//! Markdown tables for docs/PERFORMANCE.md.
//!
//! 1. N generated target documents against the bundled corpus as references. Targets are
//!    windows of the bundled texts with 2% of characters substituted, so they carry real
//!    passages and formulations.
//! 2. The whole corpus against itself, peers included, on a real corpus: set
//!    `TIFA_DEV_CORPUS` to a manifest (e.g. the news corpus levelled by
//!    `scripts/assign_levels.py`); prefixes of `TIFA_DEV_SIZES` documents (default
//!    2000,5000,10000,20000,all), summarized, and exhaustive up to `TIFA_DEV_EXHAUSTIVE_MAX`
//!    documents (default 5000). Skipped when the variable is unset.

mod common;

use std::time::Instant;

use rayon::prelude::*;
use tifa::document::{DocDate, DocMeta, Document, Level};
use tifa::progress::NoProgress;
use tifa::reuse::{ReuseEngine, ReuseParams, Scale, lexicon::Lexicon};

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
    generated_targets();
    if let Some((corpus, read_s)) = common::dev_corpus() {
        development_corpus(&corpus, read_s);
    }
}

fn development_corpus(corpus: &tifa::Corpus, read_s: f64) {
    println!(
        "\n{} documents loaded in {read_s:.1} s\n",
        corpus.documents.len()
    );
    let lexicon = Lexicon::bundled().unwrap_or_default();
    let sizes = common::dev_sizes(&[2000, 5000, 10000, 20000, usize::MAX]);
    let exhaustive_max: usize = std::env::var("TIFA_DEV_EXHAUSTIVE_MAX")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(5000);
    println!(
        "| documents | method | index s | analysis s | passages | mean central | mean provincial | mean peer | mean own |"
    );
    println!("|---:|---|---:|---:|---:|---:|---:|---:|---:|");
    for n in sizes {
        let docs = &corpus.documents[..n.min(corpus.documents.len())];
        let mut scales = vec![(
            "summarized",
            Scale::Summarized(tifa::reuse::DEFAULT_MAX_CARRIERS),
        )];
        if docs.len() <= exhaustive_max {
            scales.push(("exhaustive", Scale::Exhaustive));
        }
        for (name, scale) in scales {
            let params = ReuseParams {
                scale,
                ..ReuseParams::default()
            };
            let started = Instant::now();
            let engine = match ReuseEngine::new(docs, &lexicon, &corpus.exclude, &params) {
                Ok(e) => e,
                Err(e) => {
                    eprintln!("cannot build the engine: {e}");
                    return;
                }
            };
            let indexed = started.elapsed().as_secs_f64();
            let started = Instant::now();
            let Ok(result) = engine.analyze_all(&params, &NoProgress) else {
                eprintln!("analysis failed");
                return;
            };
            let analysed = started.elapsed().as_secs_f64();
            let passages: usize = result.iter().map(|d| d.passages.len()).sum();
            let mean = |f: fn(&tifa::reuse::Shares) -> f64| {
                result.iter().map(|d| f(&d.shares)).sum::<f64>() / result.len().max(1) as f64
            };
            println!(
                "| {} | {name} | {indexed:.1} | {analysed:.1} | {passages} | {:.4} | {:.4} | {:.4} | {:.4} |",
                docs.len(),
                mean(|s| s.central),
                mean(|s| s.provincial),
                mean(|s| s.peer),
                mean(|s| s.own)
            );
        }
    }
}

fn generated_targets() {
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
