//! Passage detection on the default synthetic corpus scores at least 0.90 plagdet (PAN measures).

use crate::util::bundled_corpus;
use tifa::analyses::pan::{self, Alignment};
use tifa::corpus;
use tifa::progress::NoProgress;
use tifa::reuse::{self, PassageKind, ReuseParams, lexicon::Lexicon};
use tifa::synth::{self, Rates, SynthParams};

#[test]
fn default_synthetic_corpus_plagdet_is_at_least_0_90() {
    let seeds = bundled_corpus();
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synth");
    let truth = synth::generate(
        &seeds,
        &SynthParams {
            docs: 40,
            seed: 1,
            rates: Rates::default(),
        },
        &out,
        &tifa::render::bundle::OutputPolicy::default(),
    )
    .unwrap();
    let corpus = corpus::load(&out.join("corpus.toml")).unwrap();
    let report = reuse::analyze(
        &corpus,
        &Lexicon::bundled().unwrap(),
        &ReuseParams::default(),
        &NoProgress,
    )
    .unwrap();
    let detections: Vec<Alignment> = report
        .documents
        .iter()
        .flat_map(|d| {
            d.passages
                .iter()
                .filter(|p| p.kind == PassageKind::Aligned)
                .map(|p| Alignment {
                    target_id: d.id.clone(),
                    target_start: p.target_start,
                    target_end: p.target_end,
                    source_id: p.source_id.clone(),
                    source_start: p.source_start,
                    source_end: p.source_end,
                })
        })
        .collect();
    let cases: Vec<Alignment> = truth.cases.iter().map(|c| c.alignment()).collect();
    let s = pan::score(&cases, &detections);
    assert!(cases.len() >= 30, "{} cases", cases.len());
    assert!(s.plagdet >= 0.90, "{s:?}");
    assert!(s.precision >= 0.90 && s.recall >= 0.90, "{s:?}");
}
