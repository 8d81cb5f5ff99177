//! `tifa reuse`: per-document origin shares, passages and formulation hits.

use std::io::{IsTerminal, Write};
use std::path::PathBuf;

use anyhow::Context;
use tifa::progress::Progress;
use tifa::render::{self, table::Format};
use tifa::reuse::{self, ReuseParams, Scale, align::AlignParams, lexicon::Lexicon};

use super::CorpusArg;

/// Reuse parameters shared by `reuse`, `report` and `sweep`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReuseOptions {
    /// Lexicon: a directory of *.toml files or one .toml file (an edited `tifa lexicon
    /// discover` list). Default: the bundled lexicon (data/lexicon).
    #[arg(long, value_name = "DIR|FILE")]
    pub lexicon: Option<PathBuf>,
    /// Shingle length (content characters) for seeding passages.
    #[arg(long, default_value_t = AlignParams::default().shingle)]
    pub shingle: usize,
    /// Shortest passage kept (content characters).
    #[arg(long, default_value_t = AlignParams::default().min_passage)]
    pub min_passage: usize,
    /// Largest gap bridged inside one passage (characters).
    #[arg(long, default_value_t = AlignParams::default().max_gap)]
    pub max_gap: usize,
    /// Lowest passage identity kept, in [0, 1].
    #[arg(long, default_value_t = AlignParams::default().min_identity)]
    pub min_identity: f64,
    /// Merge passages from one source closer than this (characters) in both texts.
    #[arg(long, default_value_t = AlignParams::default().merge_gap)]
    pub merge_gap: usize,
    /// Also use references dated after the target.
    #[arg(long)]
    pub ignore_dates: bool,
    /// Do not count peer documents (same level, elsewhere) as references.
    #[arg(long)]
    pub no_peers: bool,
    /// Shingles carried by more documents than this are frequent: attributed from carrier
    /// summaries instead of aligned with every carrier (docs/METHODS.md, "Frequent text").
    #[arg(long, default_value_t = reuse::DEFAULT_MAX_CARRIERS, conflicts_with = "exhaustive")]
    pub max_carriers: usize,
    /// Align every shingle with every carrier and keep every passage (the pairwise method:
    /// cost grows with the square of the corpus; for small corpora and checks).
    #[arg(long)]
    pub exhaustive: bool,
}

impl ReuseOptions {
    pub fn params(&self) -> ReuseParams {
        ReuseParams {
            align: AlignParams {
                shingle: self.shingle,
                min_passage: self.min_passage,
                max_gap: self.max_gap,
                min_identity: self.min_identity,
                merge_gap: self.merge_gap,
            },
            respect_dates: !self.ignore_dates,
            peers: !self.no_peers,
            scale: if self.exhaustive {
                Scale::Exhaustive
            } else {
                Scale::Summarized(self.max_carriers)
            },
        }
    }

    pub fn lexicon(&self) -> anyhow::Result<Lexicon> {
        Self::lexicon_from(self.lexicon.as_deref())
    }

    pub fn lexicon_from(path: Option<&std::path::Path>) -> anyhow::Result<Lexicon> {
        Ok(match path {
            Some(dir) if dir.is_dir() => Lexicon::from_dir(dir)
                .with_context(|| format!("cannot read the lexicon in {}", dir.display()))?,
            Some(file) if file.is_file() => Lexicon::from_file(file)
                .with_context(|| format!("cannot read the lexicon {}", file.display()))?,
            Some(missing) => anyhow::bail!(tifa::Error::InvalidArgument(format!(
                "--lexicon {}: no such directory or file (a lexicon is a directory of *.toml \
                 files, like the bundled data/lexicon, or one such file)",
                missing.display()
            ))),
            None => Lexicon::bundled().context("cannot read the bundled lexicon")?,
        })
    }
}

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
    let lexicon = a.options.lexicon()?;
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
