//! The generated corpus both benches use: windows of the bundled texts with 2% of characters
//! substituted, so documents carry real passages and formulations at any size.

use std::path::Path;

use rand_xoshiro::Xoshiro256PlusPlus;
use rand_xoshiro::rand_core::{RngCore, SeedableRng};

/// Common characters that replace 2% of the copied ones.
const FILLER: &str = "的一是在不了有和人这中大为上个国我以要他时来用们生到作地于出就分对成会可主发年动同工也能下过子说产种面而方后多定行学法所民得经十三之进着等部度家电力里如水化高自二理起小物现实加量都两体制机当使点从业本去把性好应开它合还因由其些然前外天政四日那社义事平形相全表间样与关各重新线内数正心反你明看原又么利比或但质气第向道命此变条只没结解问意建月公无系军很情者最立代想已通并提直题党程展五果料象员革位入常文总次品式活设及管特件长求老头基资边流路级少图山统接知较将组见计别她手角期根论运农指几九区强放决西被干做必战先回则任取据处理府研";

const SIZES: [usize; 3] = [10_000, 30_000, 100_000];

/// `TIFA_BENCH_SIZES=10000,30000` runs other sizes (for a quick look); default 10k, 30k, 100k.
pub fn sizes() -> Vec<usize> {
    std::env::var("TIFA_BENCH_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| SIZES.to_vec())
}

/// The development corpus named by `TIFA_DEV_CORPUS` (a manifest), with the seconds it took
/// to load; None, with a note on stderr, when the variable is unset or the corpus unreadable.
#[allow(dead_code)] // each bench uses its own part of this module
pub fn dev_corpus() -> Option<(tifa::corpus::Corpus, f64)> {
    let Some(manifest) = std::env::var_os("TIFA_DEV_CORPUS") else {
        eprintln!("TIFA_DEV_CORPUS is not set: skipping the development-corpus benchmark");
        return None;
    };
    let started = std::time::Instant::now();
    match tifa::corpus::load(Path::new(&manifest)) {
        Ok(c) => Some((c, started.elapsed().as_secs_f64())),
        Err(e) => {
            eprintln!("cannot load {}: {e}", Path::new(&manifest).display());
            None
        }
    }
}

/// Prefix sizes of the development corpus: `TIFA_DEV_SIZES` (e.g. `2000,10000`), else `default`
/// (`usize::MAX` for the whole corpus).
#[allow(dead_code)]
pub fn dev_sizes(default: &[usize]) -> Vec<usize> {
    std::env::var("TIFA_DEV_SIZES")
        .ok()
        .map(|v| v.split(',').filter_map(|s| s.trim().parse().ok()).collect())
        .unwrap_or_else(|| default.to_vec())
}

/// The bundled corpus, or exit with a message.
pub fn bundled() -> tifa::corpus::Corpus {
    let manifest = Path::new(concat!(env!("CARGO_MANIFEST_DIR"), "/data/corpus.toml"));
    tifa::corpus::load(manifest).unwrap_or_else(|e| {
        eprintln!("cannot load the bundled corpus: {e}");
        std::process::exit(1)
    })
}

/// Makes document texts from the bundled texts.
pub struct Generator {
    texts: Vec<Vec<char>>,
    filler: Vec<char>,
}

impl Generator {
    pub fn new(corpus: &tifa::corpus::Corpus) -> Self {
        Generator {
            texts: corpus
                .documents
                .iter()
                .map(|d| d.text.as_str().chars().collect())
                .collect(),
            filler: FILLER.chars().collect(),
        }
    }

    /// Document `i`: 2–4 windows of 80–240 characters, 2% substituted, seeded by `i`.
    pub fn text(&self, i: usize) -> String {
        let mut rng = Xoshiro256PlusPlus::seed_from_u64(i as u64);
        let mut below = |n: usize| (rng.next_u64() % n as u64) as usize;
        let mut out = String::new();
        for _ in 0..(2 + below(3)) {
            let t = &self.texts[below(self.texts.len())];
            let len = (80 + below(160)).min(t.len());
            let start = below(t.len() - len + 1);
            for &c in &t[start..start + len] {
                out.push(if below(50) == 0 {
                    self.filler[below(self.filler.len())]
                } else {
                    c
                });
            }
            out.push('\n');
        }
        out
    }
}
