use super::*;

pub(crate) fn docs(lines: &[&str]) -> Vec<Vec<String>> {
    lines
        .iter()
        .map(|l| l.split_whitespace().map(str::to_string).collect())
        .collect()
}

#[test]
fn doc_freq_parses_like_scikit_learn() {
    assert_eq!("2".parse::<DocFreq>().unwrap(), DocFreq::Count(2));
    assert_eq!("1.0".parse::<DocFreq>().unwrap(), DocFreq::Proportion(1.0));
    assert_eq!("0.5".parse::<DocFreq>().unwrap(), DocFreq::Proportion(0.5));
    assert!("1.5".parse::<DocFreq>().is_err());
}

#[test]
fn df_bounds_and_max_features() {
    let d = docs(&["a b c", "a b", "a d"]);
    let p = TfidfParams {
        min_df: DocFreq::Count(2),
        ..TfidfParams::default()
    };
    assert_eq!(Tfidf::fit(&d, &p).unwrap().vocabulary, ["a", "b"]);
    let p = TfidfParams {
        max_df: DocFreq::Proportion(0.7),
        ..TfidfParams::default()
    };
    assert_eq!(Tfidf::fit(&d, &p).unwrap().vocabulary, ["b", "c", "d"]);
    let p = TfidfParams {
        max_features: Some(2),
        ..TfidfParams::default()
    };
    // a (3) and b (2) are the most frequent.
    assert_eq!(Tfidf::fit(&d, &p).unwrap().vocabulary, ["a", "b"]);
    let p = TfidfParams {
        min_df: DocFreq::Count(3),
        max_df: DocFreq::Count(2),
        ..TfidfParams::default()
    };
    assert!(Tfidf::fit(&d, &p).is_err());
}

#[test]
fn fit_transform_equals_fit_then_transform() {
    // fit_transform reuses the fit's term numbering; transform looks terms up by text.
    let d = docs(&[
        "外防 输入 外防 清零",
        "输入 防 疫 防",
        "清零 清零 外防",
        "四方 责任",
    ]);
    for params in [
        TfidfParams::default(),
        TfidfParams {
            min_df: DocFreq::Count(2),
            sublinear_tf: true,
            ..TfidfParams::default()
        },
        TfidfParams {
            max_features: Some(3),
            idf: Idf::Plain,
            ..TfidfParams::default()
        },
    ] {
        let (t, m) = Tfidf::fit_transform(&d, &params).unwrap();
        let fitted = Tfidf::fit(&d, &params).unwrap();
        assert_eq!(t, fitted);
        assert_eq!(m, fitted.transform(&d));
    }
}

#[test]
fn quanteda_idf_has_no_plus_one() {
    let d = docs(&["a b", "a"]);
    let p = TfidfParams {
        idf: Idf::Quanteda,
        norm: Norm::None,
        ..TfidfParams::default()
    };
    let (t, m) = Tfidf::fit_transform(&d, &p).unwrap();
    assert_eq!(t.idf, vec![0.0, 2f64.log10()]);
    // a has weight 0 everywhere and is not stored.
    assert_eq!(m.row(0), (&[1u32][..], &[2f64.log10()][..]));
}
