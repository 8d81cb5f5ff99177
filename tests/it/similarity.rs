//! Similarity on the bundled corpus: COVID documents are each other's nearest neighbours, and the
//! work-safety meeting (the control) is the least connected document.

use crate::util::bundled_corpus;
use tifa::measures::similarity::{self, VectorParams};
use tifa::reuse::lexicon::Lexicon;

const CONTROL: &str = "nantong-safety-committee";

fn check(sublinear_tf: bool) {
    let corpus = bundled_corpus();
    let mut params = VectorParams::default();
    params.tfidf.sublinear_tf = sublinear_tf;
    let words = Lexicon::bundled().unwrap().words();
    let (_, m) = similarity::document_vectors(&corpus, &params, &words).unwrap();
    let nearest = similarity::neighbours(&m, Some(1), None);
    assert_eq!(nearest.len(), corpus.documents.len());
    let control = corpus
        .documents
        .iter()
        .position(|d| d.id() == CONTROL)
        .unwrap();
    let control_best = nearest[control].cosine;
    for e in nearest.iter().filter(|e| e.source != control) {
        let (from, to) = (
            corpus.documents[e.source].id(),
            corpus.documents[e.target].id(),
        );
        assert_ne!(to, CONTROL, "{from}'s nearest neighbour is the control");
        assert!(
            control_best < e.cosine,
            "sublinear={sublinear_tf}: control {control_best} vs {from} {}",
            e.cosine
        );
    }
}

#[test]
fn covid_documents_are_nearest_to_each_other() {
    check(false);
}

#[test]
fn also_with_sublinear_tf() {
    check(true);
}
