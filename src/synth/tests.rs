//! Tests of the synthetic corpus generator.

use super::*;

fn bundled() -> Corpus {
    corpus::load(Path::new(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/data/corpus.toml"
    )))
    .unwrap()
}

#[test]
fn planted_passages_are_where_the_truth_says() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("synth");
    let params = SynthParams {
        docs: 16,
        seed: 5,
        rates: Rates::default(),
    };
    let truth = generate(&bundled(), &params, &out, &OutputPolicy::default()).unwrap();
    assert!(truth.cases.len() >= 12, "{} cases", truth.cases.len());
    let loaded = corpus::load(&out.join("corpus.toml")).unwrap();
    assert_eq!(loaded.documents.len(), 16);
    let text = |id: &str, r: std::ops::Range<usize>| -> String {
        loaded
            .get(id)
            .unwrap()
            .text
            .as_str()
            .chars()
            .skip(r.start)
            .take(r.len())
            .collect()
    };
    let mut clean = 0;
    for c in &truth.cases {
        let src = text(&c.source_id, c.source_start..c.source_end);
        assert_eq!(src, c.text, "source span of {c:?}");
        // Normalization undoes these obfuscations exactly.
        let undone = ["none", "pinyin", "punctuation", "page_break"];
        if c.obfuscations.iter().all(|o| undone.contains(&o.as_str())) {
            clean += 1;
            assert_eq!(
                text(&c.target_id, c.target_start..c.target_end),
                c.text,
                "{c:?}"
            );
        }
        let raw = std::fs::read(out.join("raw").join(format!("{}.txt", c.target_id))).unwrap();
        assert!(c.target_raw_end <= raw.len());
    }
    assert!(clean > 0);
    // Same seed, same bytes.
    let out2 = dir.path().join("again");
    generate(&bundled(), &params, &out2, &OutputPolicy::default()).unwrap();
    for f in ["truth.json", "corpus.toml", "raw/city-010.txt"] {
        assert_eq!(
            std::fs::read(out.join(f)).unwrap(),
            std::fs::read(out2.join(f)).unwrap(),
            "{f}"
        );
    }
}
