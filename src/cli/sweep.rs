//! `tifa sweep`: run a grid of parameters and write tidy results for scripts.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use tifa::render::bundle::{Bundle, write_dir};
use tifa::render::{self, table::Format};
use tifa::sweep::{self, Grid, SweepParams};

use super::reuse::ReuseOptions;
use super::{CorpusArg, ForceArg};

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
    #[arg(long, default_value = "csv", value_parser = ["csv", "parquet"])]
    format: String,
    /// Lexicon directory (default: the bundled lexicon).
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
}

fn grid(a: &SweepArgs) -> anyhow::Result<Grid> {
    let mut g = match &a.grid {
        Some(path) => Grid::from_toml(path)?,
        None => Grid::default(),
    };
    g.extend(Grid::from_sets(&a.sets)?)?;
    if g.is_empty() {
        anyhow::bail!(tifa::Error::InvalidArgument(
            "nothing to sweep: give --set NAME=V1,V2 or --grid FILE (see --help)".into()
        ));
    }
    for (name, _) in &mut g.axes {
        *name = SweepParams::canonical(name)?.to_string();
    }
    // Every combination must parse before anything runs.
    for c in g.combinations() {
        SweepParams::default().apply(&c.values)?;
    }
    Ok(g)
}

pub fn run(a: SweepArgs) -> anyhow::Result<()> {
    let g = grid(&a)?;
    if a.dry_run {
        let result = sweep::SweepResult {
            grid: g.clone(),
            documents: Vec::new(),
            combinations: Vec::new(),
        };
        let mut t = render::sweep::combinations_table(&result);
        t.columns.truncate(1 + g.axes.len());
        for c in g.combinations() {
            let mut row = vec![tifa::render::table::Cell::Text(c.id.clone())];
            row.extend(
                c.values
                    .iter()
                    .map(|(_, v)| tifa::render::table::Cell::Text(v.clone())),
            );
            t.push(row);
        }
        t.write(Format::Table, &mut std::io::stdout().lock())?;
        return Ok(());
    }
    let lexicon = ReuseOptions::lexicon_from(a.lexicon.as_deref())?;
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
    let mut bundle = Bundle::default();
    if a.format == "parquet" {
        bundle.add(
            "sweep.parquet",
            render::sweep::long_table(&result).to_parquet()?,
        );
        bundle.add(
            "combinations.parquet",
            render::sweep::combinations_table(&result).to_parquet()?,
        );
    } else {
        bundle.add("sweep.csv", render::sweep::long_csv(&result)?);
        bundle.add(
            "combinations.csv",
            render::sweep::combinations_table(&result).to_csv()?,
        );
    }
    bundle.add("sweep.jsonl", render::sweep::long_jsonl(&result));
    for (path, svg) in render::sweep::charts(&result)? {
        bundle.add(path, svg);
    }
    write_dir(&bundle, &a.out, &policy)
        .with_context(|| format!("cannot write {}", a.out.display()))?;
    let table = render::sweep::combinations_table(&result);
    table.write(Format::Table, &mut std::io::stdout().lock())?;
    if !a.quiet {
        writeln!(std::io::stderr(), "wrote {}", a.out.display())?;
    }
    Ok(())
}
