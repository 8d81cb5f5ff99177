//! Command-line parsing. Each subcommand lives in its own file with its clap `Args` and a
//! `run` that calls the library and writes the result; nothing here computes anything.

mod corpus;
mod diffusion;
mod lexicon;
mod options;
mod output;
mod plot;
mod progress;
mod report;
mod reuse;
mod similarity;
mod sweep;
mod synth;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

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
    /// Per-document origin shares (central, provincial, peer, self, own), passages and formulations.
    Reuse(reuse::ReuseArgs),
    /// When each formulation reached each unit (lags after the centre and the province) and
    /// who copies whom: tidy tables and a GraphML network.
    Diffusion(diffusion::DiffusionArgs),
    /// Formulation lexicons: discover candidates in a corpus, date entries against one.
    #[command(subcommand)]
    Lexicon(lexicon::LexiconCommand),
    /// Run a grid of parameters; tidy long results and stability against the defaults.
    Sweep(sweep::SweepArgs),
    /// Score detected passages against a synthetic corpus's truth (PAN measures).
    Eval(synth::EvalArgs),
}

pub fn main() -> ExitCode {
    let cli = Cli::parse();
    let result = match cli.command {
        Command::Corpus(c) => corpus::run(c),
        Command::Report(a) => report::run(a),
        Command::Plot(a) => plot::run(a),
        Command::Reuse(a) => reuse::run(a),
        Command::Diffusion(a) => diffusion::run(a),
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
    let no_manifest = e.chain().any(|c| {
        matches!(
            c.downcast_ref::<tifa::Error>(),
            Some(tifa::Error::Manifest { path, line: None, .. }) if !path.exists()
        )
    });
    if forceable {
        "; choose another --out, or pass --force to replace it"
    } else if outside {
        ", or pass --allow-outside to read it in this run"
    } else if no_manifest {
        "; pass --corpus with the path of a corpus.toml"
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
