//! `tifa plot KIND --out FILE.svg`: one report chart alone, for a paper.

use std::path::PathBuf;

use anyhow::Context;
use tifa::render;
use tifa::report::NoProgress;
use tifa::report::build::{self as build, ReportData};
use tifa::report::charts::{self, ChartKind};

use super::options::ReportInput;

#[derive(Debug, clap::Args)]
pub struct PlotArgs {
    /// heatmap, shares, pca, dendrogram, formulations, passages, silhouette; above 50 documents
    /// also shares-city and shares-time.
    kind: ChartKind,
    /// Output SVG file, written atomically.
    #[arg(long, value_name = "FILE.svg")]
    out: PathBuf,
    #[command(flatten)]
    input: ReportInput,
}

pub fn run(a: PlotArgs) -> anyhow::Result<()> {
    let (params, lexicon, corpus) = a.input.load()?;
    a.input.corpus.check_file_output(&a.out)?;
    let mut timings = tifa::report::Timings::default();
    let data: ReportData = build::analyze(&corpus, &lexicon, &params, &NoProgress, &mut timings)?;
    let svg = charts::one(a.kind, &corpus, &data, params.cluster.seed)?;
    render::write_atomic(&a.out, svg.as_bytes())
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    eprintln!("wrote {}", a.out.display());
    Ok(())
}
