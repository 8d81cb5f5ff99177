//! `tifa tokens` and `tifa similarity` end to end.

use crate::util::tifa;
use predicates::prelude::*;

#[test]
fn matrix_edges_and_explain() {
    let out = tifa()
        .args(["similarity", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let text = String::from_utf8(out.stdout).unwrap();
    let mut lines = text.lines();
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("id,changzhou-2022-04-26,yaan-2021-08-06,")
    );
    assert_eq!(lines.clone().count(), 10);
    assert!(
        lines
            .next()
            .unwrap()
            .starts_with("changzhou-2022-04-26,1.000000,")
    );

    tifa()
        .args(["similarity", "--top-k", "2", "--format", "csv"])
        .assert()
        .success()
        .stdout(
            predicate::str::starts_with("source,target,cosine\n")
                .and(predicate::function(|s: &str| s.lines().count() == 21)),
        );

    tifa()
        .args([
            "similarity",
            "--explain",
            "nantong-2022-leading-group",
            "jiangsu-2022-leading-group",
            "--format",
            "csv",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("从快从严从紧").and(predicate::str::contains("压紧压实")));
}

#[test]
fn tokens_jsonl_rebuild_the_fixture() {
    let out = tifa().arg("tokens").output().unwrap();
    assert!(out.status.success());
    assert_eq!(
        String::from_utf8(out.stdout).unwrap(),
        include_str!("../fixtures/seed_tokens.jsonl"),
        "tokenization changed: regenerate tests/fixtures with scripts/sklearn_parity.py"
    );
}

#[test]
fn bad_arguments() {
    tifa()
        .args(["similarity", "--min-similarity", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--min-similarity 2"));
    tifa()
        .args(["similarity", "--explain", "a", "b"])
        .assert()
        .code(1)
        .stderr(predicate::str::contains("no document with id \"a\""));
    tifa()
        .args(["similarity", "--min-df", "3", "--max-df", "2"])
        .assert()
        .code(2)
        .stderr(predicate::str::contains("max_df"));
}
