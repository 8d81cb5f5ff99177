//! tifa's TF-IDF equals scikit-learn's TfidfVectorizer on the same token streams, to 1e-9, for
//! smooth/plain idf × sublinear tf on/off with l2 norm. The fixture comes from
//! `scripts/sklearn_parity.py` run on `tifa tokens` of the bundled corpus.

use serde::Deserialize;
use tifa::measures::tfidf::{Idf, Tfidf, TfidfParams};

#[derive(Deserialize)]
struct Fixture {
    ids: Vec<String>,
    runs: Vec<Run>,
}

#[derive(Deserialize)]
struct Run {
    idf: String,
    sublinear_tf: bool,
    vocabulary: Vec<String>,
    idf_values: Vec<f64>,
    entries: Vec<(usize, usize, f64)>,
}

#[derive(Deserialize)]
struct TokenLine {
    id: String,
    tokens: Vec<String>,
}

#[test]
fn matches_scikit_learn_on_the_bundled_corpus() {
    let fixture: Fixture =
        serde_json::from_str(include_str!("../fixtures/sklearn_parity.json")).unwrap();
    let lines: Vec<TokenLine> = include_str!("../fixtures/seed_tokens.jsonl")
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(
        lines.iter().map(|l| l.id.clone()).collect::<Vec<_>>(),
        fixture.ids
    );
    let docs: Vec<Vec<String>> = lines.into_iter().map(|l| l.tokens).collect();
    assert_eq!(fixture.runs.len(), 4);
    for run in &fixture.runs {
        let params = TfidfParams {
            idf: if run.idf == "smooth" {
                Idf::Smooth
            } else {
                Idf::Plain
            },
            sublinear_tf: run.sublinear_tf,
            ..TfidfParams::default()
        };
        let (t, m) = Tfidf::fit_transform(&docs, &params).unwrap();
        let what = format!("idf={} sublinear={}", run.idf, run.sublinear_tf);
        assert_eq!(t.vocabulary, run.vocabulary, "{what}");
        for (ours, theirs) in t.idf.iter().zip(&run.idf_values) {
            assert!(
                (ours - theirs).abs() < 1e-9,
                "{what}: idf {ours} vs {theirs}"
            );
        }
        let mut ours: Vec<(usize, usize, f64)> = Vec::new();
        for i in 0..m.rows() {
            let (cols, vals) = m.row(i);
            ours.extend(cols.iter().zip(vals).map(|(&c, &v)| (i, c as usize, v)));
        }
        assert_eq!(ours.len(), run.entries.len(), "{what}: non-zero count");
        for (a, b) in ours.iter().zip(&run.entries) {
            assert_eq!((a.0, a.1), (b.0, b.1), "{what}");
            assert!((a.2 - b.2).abs() < 1e-9, "{what}: {a:?} vs {b:?}");
        }
    }
}
