//! Tokenization throughput and TF-IDF + exact top-k time on N generated documents (windows of
//! the bundled texts, 2% of characters substituted). Run with `cargo bench --bench similarity`
//! (or `just bench`); prints Markdown tables for docs/PERFORMANCE.md.

use std::path::Path;
use std::time::Instant;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;
use tifa::features::tokens::{Analyzer, AnalyzerKind, TokenParams};
use tifa::measures::similarity;
use tifa::measures::tfidf::{Tfidf, TfidfParams};

const SIZES: [usize; 3] = [10_000, 30_000, 100_000];

/// `TIFA_BENCH_SIZES=10000,30000` runs other sizes (for a quick look); default: [`SIZES`].
fn sizes() -> Vec<usize> {
    std::env::var("TIFA_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| SIZES.to_vec())
}
const FILLER: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研";

fn below(rng: &mut Xoshiro256PlusPlus, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

/// Document `i`: 2–4 windows of 80–240 characters, 2% substituted.
fn text(i: usize, texts: &[Vec<char>], filler: &[char]) -> String {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(i as u64);
    let mut out = String::new();
    for _ in 0..(2 + below(&mut rng, 3)) {
        let t = &texts[below(&mut rng, texts.len())];
        let len = (80 + below(&mut rng, 160)).min(t.len());
        let start = below(&mut rng, t.len() - len + 1);
        for &c in &t[start..start + len] {
            out.push(if below(&mut rng, 50) == 0 {
                filler[below(&mut rng, filler.len())]
            } else {
                c
            });
        }
        out.push('\n');
    }
    out
}

fn main() {
    let manifest = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus.toml"));
    let Ok(corpus) = tifa::corpus::load(manifest) else {
        eprintln!("cannot load the bundled corpus");
        std::process::exit(1);
    };
    let texts: Vec<Vec<char>> = corpus
        .documents
        .iter()
        .map(|d| d.text.as_str().chars().collect())
        .collect();
    let filler: Vec<char> = FILLER.chars().collect();
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
    for n in sizes() {
        let docs: Vec<String> = (0..n)
            .into_par_iter()
            .map(|i| text(i, &texts, &filler))
            .collect();
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
