//! The report: runs every stage on a corpus and bundles the results into one directory:
//! `index.html`, `charts/*.svg`, `tables/*.csv|json`, `run.json`.
//!
//! `build` computes the files in memory (a `BTreeMap` from relative path to bytes, so the bundle
//! is ordered and reproducible); `write_dir` writes them atomically.

pub mod aggregate;
pub mod build;
pub mod charts;
pub mod charts_aggregate;
pub mod inputs;
mod tables;

use std::collections::BTreeMap;
use std::path::Path;
use std::time::Instant;

use serde::Serialize;

use crate::corpus::Corpus;
use crate::error::{Error, Result};
use crate::render::table::Table;

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

/// The files of a report, by path relative to the report directory.
#[derive(Debug, Default, Clone)]
pub struct Bundle {
    pub files: BTreeMap<String, Vec<u8>>,
}

impl Bundle {
    pub fn add(&mut self, path: impl Into<String>, bytes: impl Into<Vec<u8>>) {
        self.files.insert(path.into(), bytes.into());
    }

    /// Add `tables/NAME.csv` and `tables/NAME.json`.
    pub fn add_table(&mut self, name: &str, table: &Table) -> Result<()> {
        self.add(format!("tables/{name}.csv"), table.to_csv()?);
        let mut json = table.to_json();
        json.push('\n');
        self.add(format!("tables/{name}.json"), json);
        Ok(())
    }
}

/// Write `bundle` to `out` atomically: everything goes to a temporary directory beside `out`,
/// which then replaces `out` (an existing `out` is removed only after the new one is complete).
pub fn write_dir(bundle: &Bundle, out: &Path) -> Result<()> {
    let parent = match out.parent() {
        Some(p) if !p.as_os_str().is_empty() => p,
        _ => Path::new("."),
    };
    std::fs::create_dir_all(parent).map_err(|e| Error::io(parent, e))?;
    let tmp = tempfile::Builder::new()
        .prefix(".tifa-report-")
        .tempdir_in(parent)
        .map_err(|e| Error::io(parent, e))?;
    for (rel, bytes) in &bundle.files {
        let path = tmp.path().join(rel);
        if let Some(dir) = path.parent() {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(&path, bytes).map_err(|e| Error::io(&path, e))?;
    }
    let staged = tmp.keep();
    if out.exists() {
        let old = parent.join(format!(
            ".tifa-old-{}",
            out.file_name()
                .map(|n| n.to_string_lossy().to_string())
                .unwrap_or_default()
        ));
        if old.exists() {
            std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
        }
        std::fs::rename(out, &old).map_err(|e| Error::io(out, e))?;
        std::fs::rename(&staged, out).map_err(|e| Error::io(out, e))?;
        std::fs::remove_dir_all(&old).map_err(|e| Error::io(&old, e))?;
    } else {
        std::fs::rename(&staged, out).map_err(|e| Error::io(out, e))?;
    }
    Ok(())
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn write_dir_replaces_atomically() {
        let dir = tempfile::tempdir().unwrap();
        let out = dir.path().join("rep");
        let mut b = Bundle::default();
        b.add("index.html", "one");
        b.add("charts/a.svg", "<svg/>");
        write_dir(&b, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("charts/a.svg")).unwrap(),
            "<svg/>"
        );
        std::fs::write(out.join("stale.txt"), "x").unwrap();
        let mut b2 = Bundle::default();
        b2.add("index.html", "two");
        write_dir(&b2, &out).unwrap();
        assert_eq!(
            std::fs::read_to_string(out.join("index.html")).unwrap(),
            "two"
        );
        assert!(!out.join("stale.txt").exists(), "old files are gone");
        // Nothing but the report is left beside it.
        let names: Vec<String> = std::fs::read_dir(dir.path())
            .unwrap()
            .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
            .collect();
        assert_eq!(names, vec!["rep".to_string()]);
    }
}
