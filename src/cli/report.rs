//! `tifa report`: the main job. Runs every stage and writes the report directory atomically.

use std::path::PathBuf;

use anyhow::Context;
use tifa::render::bundle::TableFormats;
use tifa::render::table::Format;
use tifa::report;

use super::progress::Bars;

use super::options::{ForceArg, ReportInput};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    /// Output directory, replaced atomically if empty or written by tifa.
    #[arg(long, value_name = "DIR", default_value = "reports/seeds")]
    out: PathBuf,
    #[command(flatten)]
    force: ForceArg,
    #[command(flatten)]
    input: ReportInput,
    /// The files each table becomes in tables/, comma-separated: csv, json, parquet. On a
    /// large corpus `--tables csv` or `--tables parquet` saves most of the report's size (the
    /// passages table in JSON is 370 MB at 39,185 news items; Parquet is typed and compressed).
    #[arg(
        long,
        value_delimiter = ',',
        default_value = "csv,json",
        value_name = "FORMATS"
    )]
    tables: Vec<Format>,
    /// Above 50 documents, write evidence pages (evidence/ID.html) only for the N documents
    /// with the largest reused share (1 − own); the others' ids are not linked. Default: one
    /// page per document (265 MB at 39,185 news items).
    #[arg(long, value_name = "N")]
    evidence: Option<usize>,
    /// No progress bars.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(a: ReportArgs) -> anyhow::Result<()> {
    let tables = TableFormats::of(&a.tables).context("--tables")?;
    let (mut params, lexicon, corpus) = a.input.load()?;
    params.tables = tables;
    params.evidence_pages = a.evidence;
    let policy = a.force.policy(&a.input.corpus, &a.out)?;
    let bars = Bars::new(a.quiet);
    let seed = params.cluster.seed;
    let (bundle, data) = report::build::build(&corpus, &lexicon, &params, &bars, |c, d| {
        report::charts::all(c, d, seed)
    })?;
    tifa::render::bundle::write_dir(&bundle, &a.out, &policy)
        .with_context(|| format!("cannot write the report to {}", a.out.display()))?;
    // A large corpus lists its most reused documents, as the page does.
    let (listed, which) = match data.aggregate() {
        Some(_) => (data.most_reused(), "most reused"),
        None => ((0..corpus.documents.len()).collect(), "first"),
    };
    let (t, more) =
        tifa::render::reuse::shares_summary(&data.reuse, &data.clustering.labels, &listed);
    t.write(Format::Table, &mut std::io::stdout().lock())?;
    if more > 0 {
        println!(
            "… the {} {which} of {} documents; all of them in {}",
            t.rows.len(),
            corpus.documents.len(),
            params.tables.link("documents")
        );
    }
    eprintln!(
        "wrote {} ({} files: index.html, charts/, tables/, run.json)",
        a.out.display(),
        bundle.files.len()
    );
    Ok(())
}
