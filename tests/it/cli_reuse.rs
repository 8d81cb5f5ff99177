//! `tifa reuse` end to end: formats, passages file, --show, bad arguments.

use crate::util::{succeeds, tifa};
use predicates::prelude::*;

#[test]
fn csv_has_one_row_per_document_and_shares_columns() {
    let out = tifa().args(["reuse", "--format", "csv"]).output().unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    let header = lines.next().unwrap();
    assert!(
        header.starts_with("id,level,province,city,date,chars,central,provincial,peer,self,own,")
    );
    assert_eq!(lines.count(), 10);
}

#[test]
fn json_names_the_self_origin_in_shares_and_passages() {
    let out = tifa().args(["reuse", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    let secretary = docs
        .iter()
        .find(|d| d["id"] == "wuxi-2021-12-12-secretary")
        .unwrap();
    assert!(secretary["shares"]["self"].as_f64().unwrap() > 0.04);
    assert!(
        secretary["passages"]
            .as_array()
            .unwrap()
            .iter()
            .any(|p| p["origin"] == "self" && p["source_id"] == "wuxi-2021-12-11-mayor")
    );
}

#[test]
fn json_carries_the_documented_fields() {
    let out = tifa().args(["reuse", "--format", "json"]).output().unwrap();
    assert!(out.status.success());
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs.len(), 10);
    for key in [
        "id",
        "level",
        "province",
        "city",
        "date",
        "chars",
        "shares",
        "weighted_shares",
        "formulations",
        "passages",
    ] {
        assert!(docs[0].get(key).is_some(), "missing {key}");
    }
    let p = &docs[0]["passages"][0];
    for key in [
        "target_start",
        "target_end",
        "raw_start",
        "raw_end",
        "source_id",
        "source_level",
        "source_start",
        "source_end",
        "text",
        "identity",
        "score",
        "relayed",
        "quoted",
    ] {
        assert!(p.get(key).is_some(), "passage misses {key}");
    }
}

#[test]
fn passages_file_and_show() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("passages.csv");
    tifa()
        .args(["reuse", "--format", "csv", "--passages"])
        .arg(&file)
        .assert()
        .success();
    let csv = std::fs::read_to_string(&file).unwrap();
    assert!(csv.starts_with("target_id,kind,target_start,"));
    assert!(csv.contains("nantong-2022-leading-group,formulation,"));
    tifa()
        .args(["reuse", "--show", "nantong-2022-leading-group"])
        .assert()
        .success()
        .stdout(predicate::str::contains("[provincial:从快从严从紧]"));
}

/// On ten documents no shingle is frequent: the summarized and the exhaustive method give the
/// same shares; exhaustive reports every passage, summarized one per span, origin and source.
#[test]
fn exhaustive_and_summarized_agree_on_the_bundled_corpus() {
    let run = |extra: &[&str]| {
        let mut args = vec!["reuse", "--format", "csv"];
        args.extend_from_slice(extra);
        let out = succeeds(tifa().args(&args));
        String::from_utf8(out.stdout).unwrap()
    };
    let columns = |csv: &str| -> Vec<Vec<String>> {
        csv.lines()
            .map(|l| l.split(',').map(str::to_string).collect())
            .collect()
    };
    let summarized = columns(&run(&[]));
    let exhaustive = columns(&run(&["--exhaustive"]));
    let passages = summarized[0].iter().position(|c| c == "passages").unwrap();
    let shares = 6..10;
    let mut fewer = 0;
    for (s, e) in summarized.iter().zip(&exhaustive).skip(1) {
        assert_eq!(s[shares.clone()], e[shares.clone()], "{}", s[0]);
        let (ps, pe): (usize, usize) = (s[passages].parse().unwrap(), e[passages].parse().unwrap());
        assert!(ps <= pe);
        fewer += usize::from(ps < pe);
    }
    assert!(fewer > 0, "deduplication reports fewer passages somewhere");
    tifa()
        .args(["reuse", "--max-carriers", "0"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--max-carriers 0"));
}

#[test]
fn bad_arguments_exit_2_and_name_the_problem() {
    tifa()
        .args(["reuse", "--min-passage", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--min-passage 2"));
    tifa()
        .args(["reuse", "--show", "nowhere"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no document with id \"nowhere\""));
    let dir = tempfile::tempdir().unwrap();
    tifa()
        .args(["reuse", "--passages"])
        .arg(dir.path().join("p.txt"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(".csv, .json or .parquet"));
}
