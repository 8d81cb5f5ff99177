//! Command-line parsing. Each subcommand lives in its own file with its clap `Args` and a
//! `run` that calls the library and writes the result; nothing here computes anything.

mod corpus;
mod lexicon;
mod output;
mod plot;
mod progress;
mod report;
mod reuse;
mod similarity;
mod sweep;
mod synth;

use std::path::{Path, PathBuf};
use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// The bundled corpus manifest, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "data/corpus.toml";

#[derive(Debug, Parser)]
#[command(
    name = "tifa",
    version,
    about = "提法 tifa: how much do local government texts reuse provincial and central formulations?"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Check, normalize and show the documents of a corpus.
    #[command(subcommand)]
    Corpus(corpus::CorpusCommand),
    /// Write a synthetic corpus with planted, obfuscated reuse and its ground truth.
    Synth(synth::SynthArgs),
    /// The main job: every analysis, charts and tables, bundled into a report directory.
    Report(report::ReportArgs),
    /// Draw one report chart alone as SVG (for papers).
    Plot(plot::PlotArgs),
    /// Write every document's tokens as JSON Lines (to rebuild the vectors elsewhere).
    Tokens(similarity::TokensArgs),
    /// Cosine similarity of TF-IDF vectors: a matrix, nearest-neighbour edges, or --explain.
    Similarity(similarity::SimilarityArgs),
    /// Per-document origin shares (central, provincial, peer, own), passages and formulations.
    Reuse(reuse::ReuseArgs),
    /// Formulation lexicons: discover candidates in a corpus, date entries against one.
    #[command(subcommand)]
    Lexicon(lexicon::LexiconCommand),
    /// Run a grid of parameters; tidy long results and stability against the defaults.
    Sweep(sweep::SweepArgs),
    /// Score detected passages against a synthetic corpus's truth (PAN measures).
    Eval(synth::EvalArgs),
}

/// Options shared by every command that reads a corpus.
#[derive(Debug, Clone, clap::Args)]
pub struct CorpusArg {
    /// Corpus manifest (TOML). Default: the bundled corpus.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_CORPUS)]
    pub corpus: PathBuf,
    /// Let the manifest read files outside its own folder (or its `root`).
    #[arg(long)]
    pub allow_outside: bool,
}

impl CorpusArg {
    /// Refuse a single output file that is one of this corpus's inputs.
    pub fn check_file_output(&self, out: &Path) -> anyhow::Result<()> {
        use anyhow::Context;
        let inputs = tifa::source::inputs(&self.corpus)
            .with_context(|| format!("cannot load corpus {}", self.corpus.display()))?;
        tifa::render::bundle::check_file_output(out, &inputs.paths)?;
        Ok(())
    }

    pub fn load(&self) -> anyhow::Result<tifa::Corpus> {
        use anyhow::Context;
        let options = tifa::corpus::LoadOptions {
            allow_outside: self.allow_outside,
            ..Default::default()
        };
        tifa::corpus::load_with(&self.corpus, &options)
            .with_context(|| format!("cannot load corpus {}", self.corpus.display()))
    }
}

/// `--force` of the commands that write a directory.
#[derive(Debug, Clone, clap::Args)]
pub struct ForceArg {
    /// Replace the output directory even if tifa did not write it (never an input of the run).
    #[arg(long)]
    pub force: bool,
}

impl ForceArg {
    /// The output rule for a run reading `corpus` and writing `out`, checked now, before any
    /// work, so that a refused `--out` costs nothing.
    pub fn policy(
        &self,
        corpus: &CorpusArg,
        out: &Path,
    ) -> anyhow::Result<tifa::render::bundle::OutputPolicy> {
        use anyhow::Context;
        let inputs = tifa::source::inputs(&corpus.corpus)
            .with_context(|| format!("cannot load corpus {}", corpus.corpus.display()))?;
        let policy = tifa::render::bundle::OutputPolicy {
            inputs: inputs.paths,
            read_dirs: inputs.read_dirs,
            force: self.force,
        };
        // The refusal names the directory itself.
        tifa::render::bundle::check_output(out, &policy)?;
        Ok(policy)
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Corpus(c) => corpus::run(c),
        Command::Report(a) => report::run(a),
        Command::Plot(a) => plot::run(a),
        Command::Reuse(a) => reuse::run(a),
        Command::Lexicon(c) => lexicon::run(c),
        Command::Tokens(a) => similarity::run_tokens(a),
        Command::Similarity(a) => similarity::run_similarity(a),
        Command::Sweep(a) => sweep::run(a),
        Command::Synth(a) => synth::run_synth(a),
        Command::Eval(a) => synth::run_eval(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        // The reader left (`tifa … | head`): stop quietly, as ripgrep does.
        Err(e) if is_broken_pipe(&e) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("error: {}{}", one_line(&e), hint(&e));
            exit_code(&e)
        }
    }
}

fn is_broken_pipe(e: &anyhow::Error) -> bool {
    e.chain().any(|c| {
        c.downcast_ref::<std::io::Error>()
            .is_some_and(|io| io.kind() == std::io::ErrorKind::BrokenPipe)
    })
}

/// The context chain on one line, outermost first. A cause whose text the previous message
/// already ends with (an I/O error the library has put after its path) is not repeated.
fn one_line(e: &anyhow::Error) -> String {
    let mut line = String::new();
    for cause in e.chain().map(spell_flags) {
        if line.ends_with(&cause) {
            continue;
        }
        if !line.is_empty() {
            line.push_str(": ");
        }
        line.push_str(&cause);
    }
    line
}

/// The way out of an error, in terms of this CLI's options, when there is one.
fn hint(e: &anyhow::Error) -> &'static str {
    let forceable = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tifa::Error>(),
            Some(tifa::Error::OutputRefused {
                forceable: true,
                ..
            })
        )
    });
    let outside = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tifa::Error>(),
            Some(tifa::Error::OutsideRoot { .. })
        )
    });
    if forceable {
        "; choose another --out, or pass --force to replace it"
    } else if outside {
        ", or pass --allow-outside to read it in this run"
    } else {
        ""
    }
}

/// A library error in the CLI's words: parameters are named by their flags.
fn spell_flags(e: &(dyn std::error::Error + 'static)) -> String {
    match e.downcast_ref::<tifa::Error>() {
        Some(tifa::Error::Parameter { name, message }) => {
            format!("--{} {message}", name.replace('_', "-"))
        }
        _ => e.to_string(),
    }
}

/// 2 for bad arguments (as clap uses for usage errors), 1 for everything else.
fn exit_code(e: &anyhow::Error) -> ExitCode {
    let bad_argument = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tifa::Error>(),
            Some(
                tifa::Error::InvalidArgument(_)
                    | tifa::Error::Parameter { .. }
                    | tifa::Error::OutputRefused { .. }
            )
        )
    });
    if bad_argument {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
