//! Command-line parsing. Each subcommand lives in its own file with its clap `Args` and a
//! `run` that calls the library and writes the result; nothing here computes anything.

mod corpus;
mod output;
mod plot;
mod progress;
mod report;
mod reuse;
mod similarity;
mod sweep;
mod synth;

use std::path::PathBuf;
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
}

impl CorpusArg {
    pub fn load(&self) -> anyhow::Result<tifa::Corpus> {
        use anyhow::Context;
        tifa::corpus::load(&self.corpus)
            .with_context(|| format!("cannot load corpus {}", self.corpus.display()))
    }
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Corpus(c) => corpus::run(c),
        Command::Report(a) => report::run(a),
        Command::Plot(a) => plot::run(a),
        Command::Reuse(a) => reuse::run(a),
        Command::Tokens(a) => similarity::run_tokens(a),
        Command::Similarity(a) => similarity::run_similarity(a),
        Command::Sweep(a) => sweep::run(a),
        Command::Synth(a) => synth::run_synth(a),
        Command::Eval(a) => synth::run_eval(a),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            // One line: the context chain, outermost first.
            let chain: Vec<String> = e.chain().map(|c| c.to_string()).collect();
            eprintln!("error: {}", chain.join(": "));
            exit_code(&e)
        }
    }
}

/// 2 for bad arguments (as clap uses for usage errors), 1 for everything else.
fn exit_code(e: &anyhow::Error) -> ExitCode {
    let bad_argument = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tifa::Error>(),
            Some(tifa::Error::InvalidArgument(_))
        )
    });
    if bad_argument {
        ExitCode::from(2)
    } else {
        ExitCode::FAILURE
    }
}
