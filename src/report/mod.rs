//! The report: runs every stage on a corpus and bundles the results into one directory:
//! `index.html`, `charts/*.svg`, `tables/*.csv|json`, `run.json`.
//!
//! `build` computes the files in memory (a `render::bundle::Bundle`); the caller writes them with
//! `render::bundle::write_dir`.

pub mod aggregate;
pub mod build;
pub mod charts;
pub mod charts_aggregate;
pub mod diffusion;
pub mod inputs;
mod tables;

use std::collections::BTreeMap;
use std::time::Instant;

use serde::Serialize;

use crate::corpus::Corpus;

pub use crate::progress::{NoProgress, Progress};

/// Wall-clock time of each stage, in order, for `run.json`.
#[derive(Debug, Default, Clone, Serialize)]
pub struct Timings(pub Vec<(String, f64)>);

impl Timings {
    /// Run `f` as stage `name`, recording its duration in seconds.
    pub fn time<T>(
        &mut self,
        name: &str,
        progress: &dyn Progress,
        total: u64,
        f: impl FnOnce() -> T,
    ) -> T {
        progress.stage(name, total);
        let start = Instant::now();
        let out = f();
        self.0
            .push((name.to_string(), start.elapsed().as_secs_f64()));
        progress.finish_stage();
        out
    }
}

/// Summary counts of a corpus for `run.json` and the report header.
#[derive(Debug, Clone, Serialize)]
pub struct CorpusCounts {
    pub documents: usize,
    pub by_level: BTreeMap<String, usize>,
    pub chars: usize,
}

pub fn counts(corpus: &Corpus) -> CorpusCounts {
    let mut by_level = BTreeMap::new();
    for d in &corpus.documents {
        *by_level
            .entry(d.meta.level.as_str().to_string())
            .or_insert(0) += 1;
    }
    CorpusCounts {
        documents: corpus.documents.len(),
        by_level,
        chars: corpus.documents.iter().map(|d| d.chars()).sum(),
    }
}
