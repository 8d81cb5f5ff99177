//! `tifa diffusion`: first uses of every formulation by every unit, lags, and who copies whom,
//! written as tidy tables and a GraphML network into a directory.

use std::path::PathBuf;

use anyhow::Context;
use tifa::analyses::diffusion;
use tifa::render::table::Format;
use tifa::{render, reuse};

use super::options::{CorpusArg, ForceArg, ReuseOptions};
use super::progress::Bars;
use tifa::progress::Progress;

#[derive(Debug, clap::Args)]
pub struct DiffusionArgs {
    #[command(flatten)]
    corpus: CorpusArg,
    /// Output directory (first_uses, edges, network.graphml, charts/), replaced atomically if
    /// empty or written by tifa.
    #[arg(long, value_name = "DIR", default_value = "diffusion")]
    out: PathBuf,
    #[command(flatten)]
    force: ForceArg,
    #[command(flatten)]
    options: ReuseOptions,
    /// Format of the two tables: csv, json or parquet.
    #[arg(long, default_value = "csv")]
    format: Format,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(a: DiffusionArgs) -> anyhow::Result<()> {
    if a.format == Format::Table {
        anyhow::bail!(tifa::Error::InvalidArgument(
            "--format table: diffusion writes files; use csv, json or parquet".into()
        ));
    }
    let params = a.options.params();
    params.validate()?;
    let lexicon = a.options.lexicon.load()?;
    let corpus = a.corpus.load()?;
    let policy = a.force.policy(&a.corpus, &a.out)?;
    let bars = Bars::new(a.quiet);
    bars.stage("reuse", corpus.documents.len() as u64);
    let report = reuse::analyze(&corpus, &lexicon, &params, &bars)?;
    bars.finish_stage();
    let metas: Vec<_> = corpus.documents.iter().map(|d| d.meta.clone()).collect();
    let result = diffusion::analyze(&metas, &report)?;
    let mut bundle = render::diffusion::bundle(&result, a.format)?;
    for chart in tifa::report::diffusion::charts(&result)? {
        bundle.add(format!("charts/{}.svg", chart.id), chart.svg);
    }
    render::bundle::write_dir(&bundle, &a.out, &policy)
        .with_context(|| format!("cannot write the diffusion tables to {}", a.out.display()))?;
    eprintln!(
        "wrote {} ({} first uses of {} formulations by {} units, {} edges)",
        a.out.display(),
        result.first_uses.len(),
        result
            .first_uses
            .iter()
            .map(|f| f.formulation.as_str())
            .collect::<std::collections::BTreeSet<_>>()
            .len(),
        result.units.len(),
        result.edges.len()
    );
    Ok(())
}
