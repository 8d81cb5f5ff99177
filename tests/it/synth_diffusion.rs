//! Planted diffusion recovered end to end: `tifa synth --diffusion` writes a corpus whose
//! formulations the centre introduces on known days and units adopt after known lags (copied
//! verbatim, in Traditional characters, with other separators, with a character changed, or in
//! their own words) and in which units repeat their own earlier sentences; `tifa diffusion`
//! must find every first use, its date and lags exactly, and `tifa reuse` every `self` share
//! within 0.02.

use std::collections::BTreeMap;
use std::path::Path;

use crate::util::tifa;
use serde_json::Value;

fn read_csv(path: &Path) -> Vec<BTreeMap<String, String>> {
    let mut r = csv::Reader::from_path(path).expect("csv");
    let header: Vec<String> = r
        .headers()
        .expect("header")
        .iter()
        .map(String::from)
        .collect();
    r.records()
        .map(|row| {
            let row = row.expect("row");
            header
                .iter()
                .cloned()
                .zip(row.iter().map(String::from))
                .collect()
        })
        .collect()
}

fn text(v: &Value) -> String {
    match v {
        Value::Null => String::new(),
        Value::String(s) => s.clone(),
        other => other.to_string(),
    }
}

fn recovers_the_planted_truth(seed: &str) {
    let dir = tempfile::tempdir().unwrap();
    let corpus = dir.path().join("c");
    tifa()
        .args(["synth", "--diffusion", "--seed", seed, "--out"])
        .arg(&corpus)
        .assert()
        .success();
    let truth: Value = serde_json::from_str(
        &std::fs::read_to_string(corpus.join("diffusion_truth.json")).unwrap(),
    )
    .unwrap();
    let out = dir.path().join("d");
    tifa()
        .args(["diffusion", "-q", "--corpus"])
        .arg(corpus.join("corpus.toml"))
        .arg("--lexicon")
        .arg(corpus.join("lexicon"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let rows = read_csv(&out.join("first_uses.csv"));
    let adoptions = truth["adoptions"].as_array().unwrap();
    let variants: std::collections::BTreeSet<String> =
        adoptions.iter().map(|a| text(&a["variant"])).collect();
    assert_eq!(
        variants.len(),
        5,
        "seed {seed}: every variant planted: {variants:?}"
    );
    for a in adoptions {
        let unit = match a["city"].as_str() {
            Some(c) => format!("{}/{c}", text(&a["province"])),
            None => text(&a["province"]),
        };
        let row = rows
            .iter()
            .find(|r| r["formulation"] == text(&a["formulation"]) && r["unit"] == unit)
            .unwrap_or_else(|| panic!("seed {seed}: first use not found: {a}"));
        let got = [
            &row["first_document"],
            &row["first_date"],
            &row["lag_central_days"],
            &row["lag_province_days"],
            &row["copied_from"],
        ];
        let want = [
            text(&a["document"]),
            text(&a["date"]),
            text(&a["lag_central_days"]),
            text(&a["lag_province_days"]),
            text(&a["copied_from"]),
        ];
        assert_eq!(
            got.map(String::as_str),
            want.each_ref().map(String::as_str),
            "seed {seed}: {a}"
        );
    }
    // Nothing else: one row per planted first use plus the centre's own row per formulation.
    let formulations = truth["formulations"].as_array().unwrap();
    assert_eq!(rows.len(), adoptions.len() + formulations.len());
    for f in formulations {
        let centre = rows
            .iter()
            .find(|r| r["formulation"] == text(&f["id"]) && r["unit"] == "中央")
            .expect("central first use");
        assert_eq!(centre["first_date"], text(&f["central_date"]));
    }
    let reuse = tifa()
        .args(["reuse", "-q", "--format", "csv", "--corpus"])
        .arg(corpus.join("corpus.toml"))
        .arg("--lexicon")
        .arg(corpus.join("lexicon"))
        .output()
        .unwrap();
    assert!(reuse.status.success());
    let reuse_csv = dir.path().join("reuse.csv");
    std::fs::write(&reuse_csv, &reuse.stdout).unwrap();
    let shares: BTreeMap<String, f64> = read_csv(&reuse_csv)
        .into_iter()
        .map(|r| (r["id"].clone(), r["self"].parse().unwrap()))
        .collect();
    let planted = truth["self_reuse"].as_array().unwrap();
    assert_eq!(planted.len(), shares.len());
    assert!(
        planted
            .iter()
            .filter(|p| p["self_share"].as_f64().unwrap() > 0.05)
            .count()
            >= 5
    );
    for p in planted {
        let id = text(&p["document"]);
        let want = p["self_share"].as_f64().unwrap();
        let got = shares[&id];
        assert!(
            (got - want).abs() <= 0.02,
            "seed {seed}: {id}: self {got} vs planted {want}"
        );
    }
}

#[test]
fn planted_diffusion_is_recovered_seed_1() {
    recovers_the_planted_truth("1");
}

#[test]
fn planted_diffusion_is_recovered_seed_7() {
    recovers_the_planted_truth("7");
}
