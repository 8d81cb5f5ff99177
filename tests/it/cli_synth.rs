//! `tifa synth` and `tifa eval` end to end.

use crate::util::tifa;
use predicates::prelude::*;

#[test]
fn truth_scores_perfectly_against_itself_and_empty_detections_score_zero() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("s");
    tifa()
        .args(["synth", "--docs", "12", "--seed", "4", "--out"])
        .arg(&out)
        .assert()
        .success()
        .stderr(predicate::str::contains("wrote 12 documents"));
    let truth = out.join("truth.json");
    let o = tifa()
        .args(["eval", "--format", "csv", "--truth"])
        .arg(&truth)
        .arg("--detections")
        .arg(&truth)
        .output()
        .unwrap();
    assert!(o.status.success());
    let csv = String::from_utf8(o.stdout).unwrap();
    let first = csv.lines().nth(1).unwrap();
    assert!(
        first.starts_with("all,") && first.ends_with(",1.0000,1.0000,1.0000,1.0000"),
        "{first}"
    );

    let empty = dir.path().join("none.json");
    std::fs::write(&empty, "[]").unwrap();
    tifa()
        .args(["eval", "--format", "json", "--truth"])
        .arg(&truth)
        .arg("--detections")
        .arg(&empty)
        .assert()
        .success()
        .stdout(predicate::str::contains("\"plagdet\": 0.0"));
}

#[test]
fn bad_synth_arguments_are_explained() {
    let dir = tempfile::tempdir().unwrap();
    tifa()
        .args(["synth", "--docs", "2", "--out"])
        .arg(dir.path().join("x"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains("--docs must be at least 4"));
    tifa()
        .args(["synth", "--rate-edits", "1.5", "--out"])
        .arg(dir.path().join("y"))
        .assert()
        .code(2)
        .stderr(predicate::str::contains(
            "--rate-edits must be between 0 and 1",
        ));
    assert!(!dir.path().join("x").exists() && !dir.path().join("y").exists());
}
