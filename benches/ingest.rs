//! Ingest throughput: `corpus::load` (read, decode, normalize, split) in MB of input per second.
//!
//! Two corpora: the seed files of `data/raw` repeated as a directory of files (all five seeds,
//! and the two Traditional-with-pinyin ones alone), generated in a temporary directory; and the
//! development corpus named by `TIFA_DEV_CORPUS` (a manifest, e.g. one written by
//! `scripts/assign_levels.py`), skipped with a message when unset. Each corpus is loaded
//! `TIFA_BENCH_RUNS` times (default 3) and the best and median times are shown, with the CPU
//! time of the best run (user + system, all threads, from /proc/self/stat on Linux): on a
//! shared machine, MB per CPU-second is the steadier number. Run with
//! `cargo bench --bench ingest` (or `just bench`); prints a Markdown table for
//! docs/PERFORMANCE.md.

use std::collections::BTreeSet;
use std::path::{Path, PathBuf};
use std::time::Instant;

const RAW: &str = concat!(env!("CARGO_MANIFEST_DIR"), "/data/raw");

/// Copies of each seed file in the generated corpora.
const COPIES: usize = 200;

/// The seeds that are Traditional Chinese with pinyin annotations.
const TRADITIONAL: [&str; 2] = ["000_", "001_"];

fn main() {
    let runs: usize = std::env::var("TIFA_BENCH_RUNS")
        .ok()
        .and_then(|v| v.parse().ok())
        .filter(|&n| n > 0)
        .unwrap_or(3);
    let tmp = tempfile::tempdir().unwrap_or_else(|e| fail(&format!("no temporary directory: {e}")));
    let mut corpora = vec![
        (
            format!("seeds × {COPIES} (5 files, 2 Traditional + pinyin)"),
            repeated_seeds(tmp.path(), "seeds", |_| true),
        ),
        (
            format!("Traditional + pinyin seeds × {COPIES} (000, 001)"),
            repeated_seeds(tmp.path(), "traditional", |name| {
                TRADITIONAL.iter().any(|p| name.starts_with(p))
            }),
        ),
    ];
    match std::env::var_os("TIFA_DEV_CORPUS") {
        Some(m) => corpora.push(("TIFA_DEV_CORPUS".to_string(), PathBuf::from(m))),
        None => eprintln!(
            "TIFA_DEV_CORPUS is not set: skipping the development corpus \
             (set it to a corpus.toml, e.g. one written by scripts/assign_levels.py)"
        ),
    }
    println!(
        "| corpus | documents | MB | threads | best s | median s | MB/s (best) | MB/s (median) | CPU s (best run) | MB per CPU-s |"
    );
    println!("|---|---:|---:|---:|---:|---:|---:|---:|---:|---:|");
    for (name, manifest) in &corpora {
        // (wall seconds, CPU seconds) of each run.
        let mut times = Vec::new();
        let mut loaded = None;
        for _ in 0..runs {
            let cpu = cpu_seconds();
            let started = Instant::now();
            let corpus = tifa::corpus::load(manifest)
                .unwrap_or_else(|e| fail(&format!("cannot load {}: {e}", manifest.display())));
            let wall = started.elapsed().as_secs_f64();
            times.push((
                wall,
                cpu_seconds().zip(cpu).map(|(after, before)| after - before),
            ));
            loaded = Some(corpus);
        }
        let Some(corpus) = loaded else { continue };
        let mb = input_bytes(manifest, &corpus) as f64 / 1e6;
        times.sort_by(|a, b| a.0.total_cmp(&b.0));
        let (best, median) = (times[0].0, times[times.len() / 2].0);
        let (cpu, per_cpu) = match times[0].1 {
            Some(c) if c > 0.0 => (format!("{c:.2}"), format!("{:.1}", mb / c)),
            _ => ("–".to_string(), "–".to_string()),
        };
        println!(
            "| {name} | {} | {mb:.1} | {} | {best:.2} | {median:.2} | {:.1} | {:.1} | {cpu} | {per_cpu} |",
            corpus.documents.len(),
            rayon::current_num_threads(),
            mb / best,
            mb / median
        );
    }
}

/// A corpus of `COPIES` copies of each seed file that `keep` accepts, as one directory source
/// (one document per file); returns its manifest.
fn repeated_seeds(tmp: &Path, name: &str, keep: impl Fn(&str) -> bool) -> PathBuf {
    let dir = tmp.join(name);
    let files = dir.join("files");
    std::fs::create_dir_all(&files).unwrap_or_else(|e| fail(&format!("{}: {e}", files.display())));
    let mut seeds: Vec<PathBuf> = std::fs::read_dir(RAW)
        .unwrap_or_else(|e| fail(&format!("{RAW}: {e}")))
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.file_name().and_then(|n| n.to_str()).is_some_and(&keep))
        .collect();
    seeds.sort();
    for seed in &seeds {
        let bytes =
            std::fs::read(seed).unwrap_or_else(|e| fail(&format!("{}: {e}", seed.display())));
        let stem = seed.file_name().and_then(|n| n.to_str()).unwrap_or("seed");
        for k in 0..COPIES {
            let path = files.join(format!("r{k:04}_{stem}"));
            std::fs::write(&path, &bytes)
                .unwrap_or_else(|e| fail(&format!("{}: {e}", path.display())));
        }
    }
    let manifest = dir.join("corpus.toml");
    let toml = format!(
        "name = \"{name}-repeated\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"files\"\n"
    );
    std::fs::write(&manifest, toml)
        .unwrap_or_else(|e| fail(&format!("{}: {e}", manifest.display())));
    manifest
}

/// Bytes of the input files the corpus was read from (each file once).
fn input_bytes(manifest: &Path, corpus: &tifa::corpus::Corpus) -> u64 {
    let base = manifest.parent().unwrap_or(Path::new("."));
    let files: BTreeSet<&str> = corpus
        .documents
        .iter()
        .map(|d| d.provenance.file.as_str())
        .collect();
    files
        .into_iter()
        .filter_map(|f| std::fs::metadata(base.join(f)).ok())
        .map(|m| m.len())
        .sum()
}

/// CPU time of this process so far (user + system, every thread), where /proc tells it. The
/// fields are in clock ticks of 1/100 s (USER_HZ, fixed for /proc on Linux).
fn cpu_seconds() -> Option<f64> {
    let stat = std::fs::read_to_string("/proc/self/stat").ok()?;
    // Fields after the command name (which may hold spaces) start at the state, field 3.
    let after_name = &stat[stat.rfind(')')? + 1..];
    let fields: Vec<&str> = after_name.split_whitespace().collect();
    let ticks = |field: usize| fields.get(field - 3)?.parse::<f64>().ok();
    Some((ticks(14)? + ticks(15)?) / 100.0)
}

fn fail(message: &str) -> ! {
    eprintln!("{message}");
    std::process::exit(1)
}
