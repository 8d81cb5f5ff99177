//! `tifa corpus …` end to end: formats, sources of every kind, and one-line errors.

use std::path::Path;

use crate::util::tifa;
use predicates::prelude::*;

fn write(dir: &Path, name: &str, bytes: &[u8]) {
    std::fs::write(dir.join(name), bytes).expect("write fixture");
}

/// Run `corpus check` on a manifest in `dir` and return (success, stdout, stderr).
fn check(dir: &Path, format: &str) -> (bool, String, String) {
    let out = tifa()
        .args(["corpus", "check", "--format", format, "--corpus"])
        .arg(dir.join("corpus.toml"))
        .output()
        .expect("runs");
    (
        out.status.success(),
        String::from_utf8_lossy(&out.stdout).into_owned(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

#[test]
fn check_prints_the_bundled_documents() {
    tifa()
        .args(["corpus", "check"])
        .assert()
        .success()
        .stdout(predicate::str::contains("wuxi-2021-12-12-notice-53"))
        .stdout(predicate::str::contains("10 documents in corpus \"seeds\""));
}

#[test]
fn check_csv_is_tidy() {
    let out = tifa()
        .args(["corpus", "check", "--format", "csv"])
        .output()
        .unwrap();
    assert!(out.status.success());
    let mut r = csv::Reader::from_reader(out.stdout.as_slice());
    let headers = r.headers().unwrap().clone();
    assert_eq!(&headers[0], "id");
    assert!(headers.iter().any(|h| h == "pinyin"));
    let rows: Vec<csv::StringRecord> = r.records().map(|x| x.unwrap()).collect();
    assert_eq!(rows.len(), 10);
    assert_eq!(&rows[6][1], "provincial");
}

#[test]
fn check_json_is_an_array_of_objects() {
    let out = tifa()
        .args(["corpus", "check", "--format", "json"])
        .output()
        .unwrap();
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let arr = v.as_array().unwrap();
    assert_eq!(arr.len(), 10);
    assert_eq!(arr[1]["id"], "yaan-2021-08-06");
    assert_eq!(arr[1]["encoding"], "UTF-8");
}

#[test]
fn normalize_writes_jsonl_atomically() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("docs.jsonl");
    tifa()
        .args(["corpus", "normalize", "--out"])
        .arg(&out)
        .assert()
        .success();
    let text = std::fs::read_to_string(&out).unwrap();
    let lines: Vec<serde_json::Value> = text
        .lines()
        .map(|l| serde_json::from_str(l).unwrap())
        .collect();
    assert_eq!(lines.len(), 10);
    assert_eq!(lines[5]["id"], "wuxi-2021-12-12-notice-53");
    assert!(lines[5]["text"].as_str().unwrap().contains("第53号"));
    // Only the output file is left: no temporary files.
    assert_eq!(std::fs::read_dir(dir.path()).unwrap().count(), 1);
}

#[test]
fn show_prints_normalized_or_raw() {
    tifa()
        .args(["corpus", "show", "changzhou-2022-04-26"])
        .assert()
        .success()
        .stdout(predicate::str::contains("常州市"));
    tifa()
        .args(["corpus", "show", "changzhou-2022-04-26", "--raw"])
        .assert()
        .success()
        .stdout(predicate::str::contains("應(yīng)對"));
    tifa()
        .args(["corpus", "show", "nope"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("no document with id \"nope\""));
}

#[test]
fn directory_csv_jsonl_and_gb18030_sources() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::create_dir(d.join("notices")).unwrap();
    write(d, "notices/a.txt", "坚持外防输入、内防反弹。\n".as_bytes());
    let (gbk, _, _) = encoding_rs::GBK.encode("坚持动态清零不动摇。\n");
    write(d, "notices/b.txt", &gbk);
    write(
        d,
        "items.csv",
        "id,level,date,text\nc1,central,2022-03-17,\"压紧压实“四方责任”,\"\"以快制快\"\"\"\n"
            .as_bytes(),
    );
    write(
        d,
        "items.jsonl",
        "{\"id\":\"j1\",\"date\":\"2022-04\",\"text\":\"人民至上\\n生命至上\"}\n".as_bytes(),
    );
    write(
        d,
        "corpus.toml",
        br#"name = "mixed"
[defaults]
level = "municipal"
[[sources]]
path = "notices"
[[sources.documents]]
id = "notice-b"
file = "b.txt"
city = "X"
[[sources]]
path = "items.csv"
[[sources]]
path = "items.jsonl"
fields = { id = "id", text = "text" }
"#,
    );
    let (ok, out, err) = check(d, "json");
    assert!(ok, "{err}");
    let v: serde_json::Value = serde_json::from_str(&out).unwrap();
    let ids: Vec<&str> = v
        .as_array()
        .unwrap()
        .iter()
        .map(|r| r["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["a", "notice-b", "c1", "j1"]);
    assert_eq!(v[1]["encoding"], "GBK");
    assert_eq!(v[1]["city"], "X");
    assert_eq!(v[2]["level"], "central");
    assert_eq!(v[3]["date"], "2022-04");
}

/// Each bad input gives one error line naming the place, and a failing exit.
fn assert_one_line_error(files: &[(&str, &[u8])], expected: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in files {
        write(dir.path(), name, bytes);
    }
    let (ok, _, err) = check(dir.path(), "table");
    assert!(!ok, "should fail");
    assert_eq!(err.trim_end().lines().count(), 1, "one line: {err}");
    for e in expected {
        assert!(err.contains(e), "{err:?} should contain {e:?}");
    }
}

const OK_TEXT: &[u8] = "坚持外防输入、内防反弹。".as_bytes();

#[test]
fn missing_source_file() {
    assert_one_line_error(
        &[(
            "corpus.toml",
            b"name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"gone.txt\"\n",
        )],
        &[
            "corpus.toml:5",
            "\"gone.txt\" not found",
            "relative to the manifest",
        ],
    );
}

#[test]
fn unknown_level() {
    assert_one_line_error(
        &[("a.txt", OK_TEXT), ("corpus.toml", b"name = \"x\"\n[[sources]]\npath = \"a.txt\"\n[sources.defaults]\nlevel = \"city\"\n")],
        &["corpus.toml:5", "unknown variant `city`", "municipal"],
    );
}

#[test]
fn duplicate_id() {
    assert_one_line_error(
        &[
            ("a.txt", OK_TEXT),
            ("b.txt", OK_TEXT),
            (
                "corpus.toml",
                b"name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\n[[sources.documents]]\nid = \"same\"\n[[sources]]\npath = \"b.txt\"\n[[sources.documents]]\nid = \"same\"\n",
            ),
        ],
        &["corpus.toml:11", "duplicate document id \"same\"", "line 7"],
    );
}

#[test]
fn malformed_date() {
    assert_one_line_error(
        &[
            ("a.txt", OK_TEXT),
            ("corpus.toml", b"name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\n[[sources.documents]]\nid = \"a\"\ndate = \"2022-04-31\"\n"),
        ],
        &["corpus.toml:8", "malformed date \"2022-04-31\"", "YYYY-MM-DD"],
    );
}

#[test]
fn undecodable_bytes() {
    let mut bad = "坚持".as_bytes().to_vec();
    bad.extend([0xFF, 0xFE, 0x00, 0x81]);
    assert_one_line_error(
        &[("a.txt", &bad), ("corpus.toml", b"name = \"x\"\n[defaults]\nlevel = \"municipal\"\n[[sources]]\npath = \"a.txt\"\nencoding = \"utf-8\"\n")],
        &["a.txt: byte offset 6", "invalid UTF-8"],
    );
}

#[test]
fn unknown_manifest_key() {
    assert_one_line_error(
        &[
            ("a.txt", OK_TEXT),
            (
                "corpus.toml",
                b"name = \"x\"\n[[sources]]\npath = \"a.txt\"\nspilt = \"none\"\n",
            ),
        ],
        &["corpus.toml:4", "unknown field `spilt`", "expected one of"],
    );
}

#[test]
fn missing_manifest() {
    tifa()
        .args(["corpus", "check", "--corpus", "no/such/corpus.toml"])
        .assert()
        .failure()
        .stderr(predicate::str::contains("manifest not found"));
}

/// Issue 14, case 2: a municipal document without a province gets no provincial sources, and
/// `corpus check` says so.
#[test]
fn check_notes_municipal_documents_without_a_province() {
    let dir = tempfile::tempdir().unwrap();
    std::fs::write(
        dir.path().join("docs.jsonl"),
        "{\"id\":\"wx\",\"level\":\"municipal\",\"city\":\"无锡市\",\"text\":\"坚持外防输入内防反弹总策略\"}\n\
         {\"id\":\"js\",\"level\":\"provincial\",\"province\":\"江苏省\",\"text\":\"坚持外防输入内防反弹总策略\"}\n",
    )
    .unwrap();
    std::fs::write(
        dir.path().join("corpus.toml"),
        "name = \"t\"\n[[sources]]\npath = \"docs.jsonl\"\n",
    )
    .unwrap();
    let manifest = dir.path().join("corpus.toml");
    let manifest = manifest.to_str().unwrap();
    tifa()
        .args(["corpus", "check", "--corpus", manifest])
        .assert()
        .success()
        .stdout(predicate::str::contains(
            "note: 1 municipal or county document(s) without a province (wx)",
        ));
}
