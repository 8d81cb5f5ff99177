//! `tifa lexicon discover` (candidate formulations from the higher levels of a corpus) and
//! `tifa lexicon date` (first uses of a lexicon's entries in a corpus).

use std::io::Write;
use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::discover::{self, DiscoverParams};
use tifa::document::Level;
use tifa::render::{self, table::Format};

use super::options::{CorpusArg, LexiconArg};

#[derive(Debug, clap::Subcommand)]
pub enum LexiconCommand {
    /// Mine candidate formulations from the documents at or above a level; writes a lexicon
    /// TOML with `status = "candidate"` on every entry, best first.
    Discover(DiscoverArgs),
    /// First use of every lexicon entry in a corpus, checked against its documented date.
    Date(DateArgs),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
enum DiscoverFormat {
    /// A lexicon file (data/lexicon/*.toml format) to edit and pass back with --lexicon.
    Toml,
    Table,
    Csv,
    Json,
}

#[derive(Debug, clap::Args)]
pub struct DiscoverArgs {
    #[command(flatten)]
    corpus: CorpusArg,
    /// Mine documents at this level or above: central or provincial.
    #[arg(long, default_value = "central", value_parser = parse_level)]
    from: Level,
    /// Fewest documents (of the mined levels) that must use a candidate.
    #[arg(long, default_value_t = DiscoverParams::default().min_docs)]
    min_docs: usize,
    /// Candidates kept, best first.
    #[arg(long, default_value_t = DiscoverParams::default().top)]
    top: usize,
    /// Lexicon whose entries are marked `known` and lend candidates their guards.
    /// Default: the bundled lexicon.
    #[arg(long, value_name = "DIR|FILE")]
    lexicon: Option<PathBuf>,
    /// Output format.
    #[arg(long, value_enum, default_value = "toml")]
    format: DiscoverFormat,
    /// Write the output to FILE (atomically) instead of standard output.
    #[arg(long, value_name = "FILE")]
    out: Option<PathBuf>,
    /// Also write the candidate table to FILE (.csv or .json), for inspection.
    #[arg(long, value_name = "FILE")]
    table: Option<PathBuf>,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
}

#[derive(Debug, clap::Args)]
pub struct DateArgs {
    #[command(flatten)]
    corpus: CorpusArg,
    /// Lexicon to date. Default: the bundled lexicon.
    #[arg(long, value_name = "DIR|FILE")]
    lexicon: Option<PathBuf>,
    /// Output format: table, csv or json.
    #[arg(long, default_value = "table")]
    format: Format,
}

fn parse_level(s: &str) -> Result<Level, String> {
    match s.parse::<Level>()? {
        l @ (Level::Central | Level::Provincial) => Ok(l),
        l => Err(format!(
            "{l}: discovery mines central or provincial documents"
        )),
    }
}

pub fn run(c: LexiconCommand) -> anyhow::Result<()> {
    match c {
        LexiconCommand::Discover(a) => run_discover(a),
        LexiconCommand::Date(a) => run_date(a),
    }
}

fn run_discover(a: DiscoverArgs) -> anyhow::Result<()> {
    let params = DiscoverParams {
        from: a.from,
        min_docs: a.min_docs,
        top: a.top,
    };
    params.validate()?;
    for path in a.out.iter().chain(&a.table) {
        a.corpus.check_file_output(path)?;
    }
    let lexicon = LexiconArg::load_path(a.lexicon.as_deref())?;
    let corpus = a.corpus.load()?;
    let mined = discover::level_documents(&corpus.documents, params.from).len();
    let bars = super::progress::Bars::new(a.quiet);
    let candidates = discover::discover(&corpus.documents, &lexicon, &params, &bars)
        .context("cannot discover formulations")?;
    let table = render::lexicon::candidates_table(&candidates);
    let bytes = match a.format {
        DiscoverFormat::Toml => {
            let header = toml_header(&corpus.name, &params, mined, candidates.len());
            render::lexicon::candidates_toml(&candidates, params.from, &header).into_bytes()
        }
        DiscoverFormat::Table => table.to_text().into_bytes(),
        DiscoverFormat::Csv => table.to_csv()?.into_bytes(),
        DiscoverFormat::Json => table.to_json().into_bytes(),
    };
    if let Some(path) = &a.table {
        let inspect = match path.extension().and_then(|e| e.to_str()) {
            Some("csv") => table.to_csv()?,
            Some("json") => table.to_json(),
            _ => anyhow::bail!(tifa::Error::InvalidArgument(format!(
                "--table {}: name the file .csv or .json so tifa knows what to write",
                path.display()
            ))),
        };
        write_file(path, inspect.as_bytes())?;
    }
    match &a.out {
        Some(path) => write_file(path, &bytes),
        None => Ok(std::io::stdout().lock().write_all(&bytes)?),
    }
}

fn toml_header(corpus: &str, params: &DiscoverParams, mined: usize, kept: usize) -> Vec<String> {
    vec![
        "Candidate formulations written by `tifa lexicon discover` (docs/FORMATS.md,".into(),
        "\"Candidate lexicon\"; the score is defined in docs/METHODS.md, \"Formulation discovery\").".into(),
        format!(
            "Corpus {corpus:?}: {mined} documents at level {} or above mined; min_docs = {}; the best {kept} kept.",
            params.from, params.min_docs
        ),
        String::new(),
        "Every entry is a candidate: delete it or write status = \"rejected\" to drop it; write".into(),
        "status = \"accepted\" (or delete the line) once checked; add topic, gloss and body as in".into(),
        "data/lexicon/*.toml. Candidates are matched like accepted entries. kind, score, doc_freq,".into(),
        "first_doc, context, seen and known are for the reviewer; the matcher ignores them.".into(),
    ]
}

fn write_file(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    render::write_atomic(path, bytes).with_context(|| format!("cannot write {}", path.display()))
}

fn run_date(a: DateArgs) -> anyhow::Result<()> {
    let lexicon = LexiconArg::load_path(a.lexicon.as_deref())?;
    let corpus = a.corpus.load()?;
    let datings = discover::dating::date_lexicon(&corpus.documents, &lexicon)
        .context("cannot date the lexicon")?;
    let mut out = super::output::stdout_for(a.format)?;
    match a.format {
        Format::Json => {
            let json = serde_json::to_string_pretty(&datings)?;
            writeln!(out, "{json}")?;
        }
        f => render::lexicon::dating_table(&datings).write(f, &mut out)?,
    }
    Ok(())
}
