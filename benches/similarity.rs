//! Tokenization throughput and TF-IDF + exact top-k time on N generated documents (windows of
//! the bundled texts, 2% of characters substituted), then — when `TIFA_DEV_CORPUS` names a
//! manifest (e.g. the news corpus levelled by `scripts/assign_levels.py`) — the vectors and
//! top-10 stages on prefixes of it (`TIFA_DEV_SIZES`, default 10000,all). Run with
//! `cargo bench --bench similarity` (or `just bench`); prints Markdown tables for
//! docs/PERFORMANCE.md. The side-by-side with the Python pipeline is
//! `scripts/neighbours_vs_python.sh`.

mod common;

use std::time::Instant;

use rayon::prelude::*;
use tifa::features::tokens::{Analyzer, AnalyzerKind, TokenParams};
use tifa::measures::similarity;
use tifa::measures::tfidf::{Tfidf, TfidfParams};

fn main() {
    generated();
    if let Some((corpus, read_s)) = common::dev_corpus() {
        development_corpus(&corpus, read_s);
    }
}

/// Vectors (tokenize + TF-IDF, counted as documents are cut) and exact top-10 on prefixes of a
/// real corpus.
fn development_corpus(corpus: &tifa::Corpus, read_s: f64) {
    let Ok(analyzer) = Analyzer::new(&TokenParams::default(), &[]) else {
        eprintln!("cannot build the analyzer");
        return;
    };
    let sizes = common::dev_sizes(&[10_000, usize::MAX]);
    println!(
        "\n{} documents read in {read_s:.2} s\n\n| documents | vectors s | pair products (G) | top-10 s | edges |",
        corpus.documents.len()
    );
    println!("|---:|---:|---:|---:|---:|");
    for n in sizes {
        let docs = tifa::Corpus::from_documents(
            "prefix",
            corpus.documents[..n.min(corpus.documents.len())].to_vec(),
        );
        let t0 = Instant::now();
        let Ok((_, m)) = similarity::vectors_of(&docs, &analyzer, &TfidfParams::default()) else {
            eprintln!("TF-IDF failed");
            return;
        };
        let vectors_s = t0.elapsed().as_secs_f64();
        let mut df = vec![0u64; m.cols];
        m.indices.iter().for_each(|&c| df[c as usize] += 1);
        let products = df.iter().map(|d| d * d.saturating_sub(1) / 2).sum::<u64>() as f64 / 1e9;
        let t1 = Instant::now();
        let edges = similarity::neighbours(&m, Some(10), None);
        println!(
            "| {} | {vectors_s:.2} | {products:.2} | {:.2} | {} |",
            m.rows(),
            t1.elapsed().as_secs_f64(),
            edges.len()
        );
    }
}

/// Generated documents cut from the bundled texts.
fn generated() {
    let generator = common::Generator::new(&common::bundled());
    let word = Analyzer::new(&TokenParams::default(), &[]);
    let char3 = Analyzer::new(
        &TokenParams {
            analyzer: AnalyzerKind::Char,
            ..TokenParams::default()
        },
        &[],
    );
    let (Ok(word), Ok(char3)) = (word, char3) else {
        eprintln!("cannot build the analyzers");
        std::process::exit(1);
    };
    println!(
        "| documents | MB | threads | word tokens s | word MB/s | char 2-4 s | char MB/s | vocabulary | TF-IDF fit+transform s | pair products (G) | top-10 s | edges |"
    );
    println!("|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for n in common::sizes() {
        let docs: Vec<String> = (0..n).into_par_iter().map(|i| generator.text(i)).collect();
        let mb = docs.iter().map(String::len).sum::<usize>() as f64 / 1e6;
        let t0 = Instant::now();
        let tokens: Vec<Vec<String>> = docs.par_iter().map(|d| word.tokens(d)).collect();
        let word_s = t0.elapsed().as_secs_f64();
        let t1 = Instant::now();
        let grams: usize = docs.par_iter().map(|d| char3.tokens(d).len()).sum();
        let char_s = t1.elapsed().as_secs_f64();
        let t2 = Instant::now();
        let Ok((tfidf, m)) = Tfidf::fit_transform(&tokens, &TfidfParams::default()) else {
            eprintln!("TF-IDF failed");
            std::process::exit(1);
        };
        let fit_s = t2.elapsed().as_secs_f64();
        // The exact search's work: Σ over terms of df (df − 1) / 2 multiply-adds.
        let mut df = vec![0u64; m.cols];
        m.indices.iter().for_each(|&c| df[c as usize] += 1);
        let products = df.iter().map(|d| d * d.saturating_sub(1) / 2).sum::<u64>() as f64 / 1e9;
        let t3 = Instant::now();
        let edges = similarity::neighbours(&m, Some(10), None);
        let topk_s = t3.elapsed().as_secs_f64();
        println!(
            "| {n} | {mb:.1} | {} | {word_s:.2} | {:.1} | {char_s:.2} | {:.1} | {} | {fit_s:.2} | {products:.1} | {topk_s:.1} | {} |",
            rayon::current_num_threads(),
            mb / word_s,
            mb / char_s,
            tfidf.vocabulary.len(),
            edges.len()
        );
        let _ = grams;
    }
}
