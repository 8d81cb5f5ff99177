//! `tifa sweep`: run a grid of parameters and write tidy results for scripts.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use clap::builder::TypedValueParser;
use tifa::render::bundle::write_dir;
use tifa::render::{self, table::Format};
use tifa::sweep::{self, Grid};

use super::options::{CorpusArg, ForceArg, LexiconArg};

#[derive(Debug, clap::Args)]
pub struct SweepArgs {
    #[command(flatten)]
    corpus: CorpusArg,
    /// A parameter and its values, e.g. --set min_passage=6,8,12 (repeatable).
    #[arg(long = "set", value_name = "NAME=V1,V2,…")]
    sets: Vec<String>,
    /// A TOML grid file (`name = [v1, v2]`), combined with --set.
    #[arg(long, value_name = "FILE")]
    grid: Option<PathBuf>,
    /// Output directory (sweep.csv, sweep.jsonl, combinations.csv, charts/PARAM.svg), replaced
    /// atomically if empty or written by tifa.
    #[arg(long, value_name = "DIR", default_value = "reports/sweep")]
    out: PathBuf,
    #[command(flatten)]
    force: ForceArg,
    /// Threads (default: all cores). Results do not depend on it.
    #[arg(long)]
    jobs: Option<usize>,
    /// List the combinations and stop.
    #[arg(long)]
    dry_run: bool,
    /// No messages on standard error (the combinations table still goes to standard output).
    #[arg(long, short)]
    quiet: bool,
    /// Format of the tables in the output directory: csv (sweep.csv, combinations.csv) or
    /// parquet (sweep.parquet, combinations.parquet). sweep.jsonl is always written.
    #[arg(long, default_value = "csv", value_parser = clap::builder::PossibleValuesParser::new(["csv", "parquet"])
        .try_map(|s| s.parse::<Format>()))]
    format: Format,
    #[command(flatten)]
    lexicon: LexiconArg,
}

fn grid(a: &SweepArgs) -> anyhow::Result<Grid> {
    let mut g = match &a.grid {
        Some(path) => Grid::from_toml(path)?,
        None => Grid::default(),
    };
    g.extend(Grid::from_sets(&a.sets).context("--set")?)?;
    if g.is_empty() {
        anyhow::bail!(tifa::Error::InvalidArgument(
            "nothing to sweep: give --set NAME=V1,V2 or --grid FILE (see --help)".into()
        ));
    }
    Ok(g.validate()?)
}

pub fn run(a: SweepArgs) -> anyhow::Result<()> {
    let g = grid(&a)?;
    if a.dry_run {
        render::sweep::plan_table(&g).write(Format::Table, &mut std::io::stdout().lock())?;
        return Ok(());
    }
    let lexicon = a.lexicon.load()?;
    let corpus = a.corpus.load()?;
    let policy = a.force.policy(&a.corpus, &a.out)?;
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(a.jobs.unwrap_or(0))
        .build()
        .context("cannot start the thread pool")?;
    if !a.quiet {
        eprintln!(
            "sweeping {} combinations × {} documents × {} measures",
            g.len(),
            corpus.documents.len(),
            sweep::MEASURES.len()
        );
    }
    let result = pool.install(|| sweep::run(&corpus, &lexicon, &g))?;
    let bundle = render::sweep::bundle(&result, a.format)?;
    write_dir(&bundle, &a.out, &policy)
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    let table = render::sweep::combinations_table(&result);
    table.write(Format::Table, &mut std::io::stdout().lock())?;
    if !a.quiet {
        writeln!(std::io::stderr(), "wrote {}", a.out.display())?;
    }
    Ok(())
}
