//! `tifa synth` (synthetic corpora with planted reuse) and `tifa eval` (PAN scores).

use std::path::PathBuf;

use anyhow::Context;
use tifa::analyses::{detections, pan};
use tifa::render::{scores, table::Format};
use tifa::synth::{self, Rates, SynthParams};

use super::options::{CorpusArg, ForceArg};

#[derive(Debug, clap::Args)]
pub struct SynthArgs {
    /// Number of documents to generate (at least 4).
    #[arg(long, default_value_t = 40)]
    docs: usize,
    /// Random seed: the same seed gives the same corpus, byte for byte.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Output directory (raw/*.txt, corpus.toml, truth.json), written atomically; replaced
    /// only if empty or written by tifa.
    #[arg(long, value_name = "DIR")]
    out: PathBuf,
    #[command(flatten)]
    force: ForceArg,
    /// Source corpus whose sentences are recombined.
    #[command(flatten)]
    corpus: CorpusArg,
    /// Probability that a planted passage is converted to Traditional characters.
    #[arg(long, default_value_t = Rates::default().traditional)]
    rate_traditional: f64,
    /// Probability of pinyin annotations in a planted passage.
    #[arg(long, default_value_t = Rates::default().pinyin)]
    rate_pinyin: f64,
    /// Probability of punctuation changes.
    #[arg(long, default_value_t = Rates::default().punctuation)]
    rate_punctuation: f64,
    /// Probability of a page-break line split inside the passage.
    #[arg(long, default_value_t = Rates::default().page_break)]
    rate_page_break: f64,
    /// Probability of character substitutions/insertions/deletions.
    #[arg(long, default_value_t = Rates::default().edits)]
    rate_edits: f64,
    /// Probability of clause reordering inside the sentence.
    #[arg(long, default_value_t = Rates::default().reorder)]
    rate_reorder: f64,
    /// Write a dated diffusion corpus instead: invented formulations introduced by the centre
    /// and adopted by provinces and cities after known lags, units repeating their own earlier
    /// text, with lexicon/ and diffusion_truth.json (--docs and the rates do not apply).
    #[arg(long)]
    diffusion: bool,
}

pub fn run_synth(a: SynthArgs) -> anyhow::Result<()> {
    let rates = Rates {
        traditional: a.rate_traditional,
        pinyin: a.rate_pinyin,
        punctuation: a.rate_punctuation,
        page_break: a.rate_page_break,
        edits: a.rate_edits,
        reorder: a.rate_reorder,
    };
    let params = SynthParams {
        docs: a.docs,
        seed: a.seed,
        rates,
    };
    params.validate()?;
    let source = a.corpus.load()?;
    let policy = a.force.policy(&a.corpus, &a.out)?;
    if a.diffusion {
        let truth = synth::diffusion::generate(&source, a.seed, &a.out, &policy)
            .with_context(|| format!("cannot write synthetic corpus to {}", a.out.display()))?;
        eprintln!(
            "wrote {} formulations, {} first uses and {} documents to {} (manifest corpus.toml, lexicon lexicon/, truth diffusion_truth.json)",
            truth.formulations.len(),
            truth.adoptions.len(),
            truth.self_reuse.len(),
            a.out.display()
        );
        return Ok(());
    }
    let truth = synth::generate(&source, &params, &a.out, &policy)
        .with_context(|| format!("cannot write synthetic corpus to {}", a.out.display()))?;
    eprintln!(
        "wrote {} documents with {} planted passages to {} (manifest corpus.toml, truth truth.json)",
        a.docs,
        truth.cases.len(),
        a.out.display()
    );
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct EvalArgs {
    /// Ground truth written by `tifa synth`.
    #[arg(long, value_name = "truth.json")]
    truth: PathBuf,
    /// Detected passages: `tifa reuse --format json` output, a JSON array of passages, or a
    /// passages CSV (target_id, target_start, target_end, source_id, source_start, source_end).
    #[arg(long, value_name = "FILE")]
    detections: PathBuf,
    /// Output format.
    #[arg(long, default_value = "table")]
    format: Format,
}

pub fn run_eval(a: EvalArgs) -> anyhow::Result<()> {
    let text = std::fs::read_to_string(&a.truth)
        .with_context(|| format!("cannot read {}", a.truth.display()))?;
    let truth: synth::Truth = serde_json::from_str(&text).with_context(|| {
        format!(
            "{} is not a truth.json written by tifa synth",
            a.truth.display()
        )
    })?;
    let dets = detections::read(&a.detections)?;
    let cases: Vec<(pan::Alignment, Vec<String>)> = truth
        .cases
        .iter()
        .map(|c| (c.alignment(), c.obfuscations.clone()))
        .collect();
    let (overall, per) = pan::score_by_label(&cases, &dets);
    scores::eval_table(&overall, &per).write(a.format, &mut std::io::stdout().lock())?;
    Ok(())
}
