//! Reuse throughput: N generated target documents against the bundled corpus as references.
//! Targets are windows of the bundled texts with 2% of characters substituted, so they carry
//! real passages and formulations. Run with `cargo bench --bench reuse` (or `just bench`).
//! Prints a Markdown table for docs/PERFORMANCE.md.

use std::path::Path;
use std::time::Instant;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};
use rayon::prelude::*;
use tifa::document::{DocDate, DocMeta, Document, Level};
use tifa::reuse::{ReuseEngine, ReuseParams, lexicon::Lexicon};

const SIZES: [usize; 3] = [10_000, 30_000, 100_000];

fn below(rng: &mut Xoshiro256PlusPlus, n: usize) -> usize {
    (rng.next_u64() % n as u64) as usize
}

/// Target `i`: 2–4 windows of 80–240 chars from random bundled documents, 2% substituted.
fn target(i: usize, texts: &[Vec<char>], filler: &[char]) -> Document {
    let mut rng = Xoshiro256PlusPlus::seed_from_u64(i as u64);
    let mut text = String::new();
    for _ in 0..(2 + below(&mut rng, 3)) {
        let t = &texts[below(&mut rng, texts.len())];
        let len = (80 + below(&mut rng, 160)).min(t.len());
        let start = below(&mut rng, t.len() - len + 1);
        for &c in &t[start..start + len] {
            if below(&mut rng, 50) == 0 {
                text.push(filler[below(&mut rng, filler.len())]);
            } else {
                text.push(c);
            }
        }
        text.push('\n');
    }
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
    let manifest = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus.toml"));
    let corpus = match tifa::corpus::load(manifest) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("cannot load the bundled corpus: {e}");
            std::process::exit(1);
        }
    };
    let lexicon = Lexicon::bundled().unwrap_or_default();
    let params = ReuseParams::default();
    let engine = match ReuseEngine::new(&corpus.documents, &lexicon, &corpus.exclude, &params) {
        Ok(e) => e,
        Err(e) => {
            eprintln!("cannot build the engine: {e}");
            std::process::exit(1);
        }
    };
    let texts: Vec<Vec<char>> = corpus
        .documents
        .iter()
        .map(|d| d.text.as_str().chars().collect())
        .collect();
    let filler: Vec<char> = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研质".chars().collect();
    println!("| targets | chars (M) | threads | seconds | targets/s | chars/s (M) | passages |");
    println!("|---:|---:|---:|---:|---:|---:|---:|");
    for n in SIZES {
        let targets: Vec<Document> = (0..n)
            .into_par_iter()
            .map(|i| target(i, &texts, &filler))
            .collect();
        let chars: usize = targets.iter().map(Document::chars).sum();
        let started = Instant::now();
        let passages: usize = targets
            .par_iter()
            .map(|d| engine.analyze(d, None).passages.len())
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
