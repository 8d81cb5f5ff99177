//! `tifa sweep` end to end: row counts, agreement with `tifa reuse`, stability, errors.

use std::path::Path;

use crate::util::tifa;
use predicates::prelude::*;

fn sweep(out: &Path, sets: &[&str], jobs: &str) {
    let mut c = tifa();
    c.arg("sweep").arg("--out").arg(out).args(["--jobs", jobs]);
    for s in sets {
        c.args(["--set", s]);
    }
    c.assert().success();
}

const MEASURES: usize = 18;
const DOCUMENTS: usize = 10;

#[test]
fn a_two_by_two_grid_gives_every_row_and_the_default_matches_reuse() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("sweep");
    sweep(&out, &["min_passage=8,12", "min_identity=0.75,0.6"], "2");
    let csv = std::fs::read_to_string(out.join("sweep.csv")).unwrap();
    let mut lines = csv.lines();
    assert_eq!(
        lines.next().unwrap(),
        "combination,min_passage,min_identity,document,measure,value"
    );
    assert_eq!(lines.count(), 4 * DOCUMENTS * MEASURES);

    // c001 is min_passage=8, min_identity=0.75: the defaults. Its shares equal `tifa reuse`'s.
    let reuse = tifa().args(["reuse", "--format", "json"]).output().unwrap();
    let reuse: serde_json::Value = serde_json::from_slice(&reuse.stdout).unwrap();
    let jsonl = std::fs::read_to_string(out.join("sweep.jsonl")).unwrap();
    let mut checked = 0;
    for line in jsonl.lines() {
        let row: serde_json::Value = serde_json::from_str(line).unwrap();
        if row["combination"] != "c001" {
            continue;
        }
        let doc = reuse["documents"]
            .as_array()
            .unwrap()
            .iter()
            .find(|d| d["id"] == row["document"])
            .unwrap();
        let expected = match row["measure"].as_str().unwrap() {
            "central" => &doc["shares"]["central"],
            "provincial" => &doc["shares"]["provincial"],
            "weighted_peer" => &doc["weighted_shares"]["peer"],
            "hits_per_1000" => &doc["hits_per_1000"],
            _ => continue,
        };
        assert_eq!(row["value"].as_f64(), expected.as_f64(), "{row}");
        checked += 1;
    }
    assert_eq!(checked, 4 * DOCUMENTS);

    for param in ["min_passage", "min_identity"] {
        let svg = std::fs::read_to_string(out.join(format!("charts/{param}.svg"))).unwrap();
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{param}.svg: {e}"));
        assert!(
            svg.contains("nantong-2022-leading-group"),
            "{param}.svg has no legend"
        );
    }
    let combos = std::fs::read_to_string(out.join("combinations.csv")).unwrap();
    let first = combos.lines().nth(1).unwrap();
    assert!(first.starts_with("c001,8,0.75,"), "{first}");
    assert!(
        first.ends_with(",1.000000,1.000000,1.000000"),
        "ARI and ρ of the default: {first}"
    );
}

#[test]
fn results_do_not_depend_on_jobs() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    let sets = ["shingle=4,5", "k=2,auto"];
    sweep(&a, &sets, "1");
    sweep(&b, &sets, "2");
    for f in ["sweep.csv", "sweep.jsonl", "combinations.csv"] {
        assert_eq!(
            std::fs::read(a.join(f)).unwrap(),
            std::fs::read(b.join(f)).unwrap(),
            "{f}"
        );
    }
}

#[test]
fn dry_run_lists_and_bad_parameters_exit_2_writing_nothing() {
    tifa()
        .args([
            "sweep",
            "--dry-run",
            "--set",
            "seed_k=3,4,5",
            "--set",
            "linkage=average,ward",
        ])
        .assert()
        .success()
        .stdout(predicate::str::contains("c006").and(predicate::str::contains("ward")));
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("never");
    for (set, message) in [
        ("min_pasage=8", "unknown parameter \"min_pasage\""),
        (
            "min_identity=high",
            "parameter min_identity: \"high\" is not a number",
        ),
        (
            "shingle=12",
            "combination shingle=12: min_passage 8 is shorter than shingle 12",
        ),
    ] {
        tifa()
            .args(["sweep", "--set", set, "--out"])
            .arg(&out)
            .assert()
            .code(2)
            .stderr(predicate::str::contains(message));
        assert!(!out.exists());
    }
}
