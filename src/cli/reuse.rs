//! `tifa reuse`: per-document origin shares, passages and formulation hits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use tifa::progress::Progress;
use tifa::render::{self, table::Format};
use tifa::reuse;

use super::options::{CorpusArg, ReuseOptions};

#[derive(Debug, clap::Args)]
pub struct ReuseArgs {
    #[command(flatten)]
    corpus: CorpusArg,
    #[command(flatten)]
    options: ReuseOptions,
    /// Output format of the per-document table: table, csv, json (the full report with
    /// passages) or parquet (binary: redirect to a file).
    #[arg(long, default_value = "table")]
    format: Format,
    /// Also write every passage as a tidy table to FILE (.csv, .json or .parquet), atomically.
    #[arg(long, value_name = "FILE")]
    passages: Option<PathBuf>,
    /// Print one document with its reused spans coloured by origin.
    #[arg(long, value_name = "ID")]
    show: Option<String>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

pub fn run(a: ReuseArgs) -> anyhow::Result<()> {
    let params = a.options.params();
    params.validate()?;
    let lexicon = a.options.lexicon.load()?;
    let corpus = a.corpus.load()?;
    if let Some(id) = &a.show {
        corpus.require(id)?;
    }
    let bars = super::progress::Bars::new(a.quiet);
    bars.stage("reuse", corpus.documents.len() as u64);
    let report = reuse::analyze(&corpus, &lexicon, &params, &bars)?;
    bars.finish_stage();
    if let Some(path) = &a.passages {
        let table = render::reuse::passages_table(&report);
        let bytes = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => table.to_csv()?.into_bytes(),
            Some("json") => table.to_json().into_bytes(),
            Some("parquet") => table.to_parquet()?,
            _ => anyhow::bail!(tifa::Error::InvalidArgument(format!(
                "--passages {}: name the file .csv, .json or .parquet so tifa knows what to write",
                path.display()
            ))),
        };
        a.corpus.check_file_output(path)?;
        render::write_atomic(path, &bytes)
            .with_context(|| format!("cannot write passages to {}", path.display()))?;
    }
    let mut out = super::output::stdout_for(if a.show.is_some() {
        Format::Table
    } else {
        a.format
    })?;
    if let Some(id) = &a.show {
        let doc = corpus.require(id)?;
        let reuse = report
            .documents
            .iter()
            .find(|d| &d.id == id)
            .context("internal: the document has no reuse result")?;
        let colour = std::io::stdout().is_terminal() && std::env::var_os("NO_COLOR").is_none();
        out.write_all(render::reuse::show(reuse, doc.text.as_str(), colour).as_bytes())?;
        return Ok(());
    }
    match a.format {
        Format::Json => out.write_all(render::reuse::to_json(&report)?.as_bytes())?,
        f => render::reuse::documents_table(&report).write(f, &mut out)?,
    }
    Ok(())
}
