//! Lexicon commands end to end (`tifa lexicon discover`, `tifa lexicon date`) and the lexicon's
//! context guards as `tifa reuse` sees them, on small fixture corpora built here.

use std::path::Path;

use crate::util::{succeeds, tifa};
use assert_cmd::Command;

/// Writes `items` (id, date, level, text) as JSONL with a manifest beside it; returns the
/// manifest's path.
fn corpus(dir: &Path, items: &[(&str, &str, &str, &str)]) -> std::path::PathBuf {
    let lines: Vec<String> = items
        .iter()
        .map(|(id, date, level, text)| {
            serde_json::json!({"id": id, "date": date, "level": level, "title": id, "text": text})
                .to_string()
        })
        .collect();
    std::fs::write(dir.join("items.jsonl"), lines.join("\n") + "\n").unwrap();
    let manifest = dir.join("corpus.toml");
    std::fs::write(
        &manifest,
        "name = \"fixture\"\n[[sources]]\npath = \"items.jsonl\"\n\
         fields = { id = \"id\", text = \"text\", title = \"title\", date = \"date\", level = \"level\" }\n",
    )
    .unwrap();
    manifest
}

fn formulation_ids(doc: &serde_json::Value) -> Vec<String> {
    doc["formulations"]
        .as_array()
        .unwrap()
        .iter()
        .map(|f| f["id"].as_str().unwrap().to_string())
        .collect()
}

#[test]
fn reuse_does_not_count_dynamic_zero_of_wage_arrears() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus(
        dir.path(),
        &[
            (
                "wages",
                "2020-12-30",
                "central",
                "会议指出，要持续发力，抓好整治欠薪专项行动。二是督促项目欠薪春节前动态清零，政府和国企项目务必率先清零。",
            ),
            (
                "covid",
                "2022-03-17",
                "central",
                "会议强调，要坚持科学精准、动态清零，尽快遏制疫情扩散蔓延势头。",
            ),
        ],
    );
    let out = succeeds(
        tifa()
            .args(["reuse", "--format", "json", "--corpus"])
            .arg(&manifest),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs[0]["id"], "wages");
    assert!(formulation_ids(&docs[0]).is_empty());
    let mut covid = formulation_ids(&docs[1]);
    covid.sort();
    assert_eq!(covid, ["dongtai-qingling", "kexue-jingzhun"]);
}

/// Five central items using three formulations with known first dates, and one city that used
/// one of them before the centre did.
fn formulation_corpus(dir: &Path) -> std::path::PathBuf {
    corpus(
        dir,
        &[
            (
                "c1",
                "2020-01-10",
                "central",
                "会议强调，要做到早发现、早报告、早隔离、早治疗。",
            ),
            (
                "c2",
                "2020-02-01",
                "central",
                "会议指出，坚持“外防输入、内防反弹”总策略，做到早发现、早报告、早隔离、早治疗。",
            ),
            (
                "c3",
                "2020-03-01",
                "central",
                "坚持外防输入、内防反弹，坚持人民至上、生命至上。",
            ),
            (
                "c4",
                "2020-04-01",
                "central",
                "会议强调，坚持人民至上、生命至上，坚持外防输入、内防反弹总策略。",
            ),
            (
                "c5",
                "2020-05-01",
                "central",
                "要坚持人民至上、生命至上，做到早发现、早报告、早隔离、早治疗。",
            ),
            (
                "city",
                "2020-01-01",
                "municipal",
                "市委常委会会议强调，要外防输入、内防反弹，抓好春节期间的各项工作。",
            ),
        ],
    )
}

fn discover_toml(manifest: &Path) -> String {
    let out = succeeds(
        tifa()
            .args(["lexicon", "discover", "--min-docs", "2", "--corpus"])
            .arg(manifest),
    );
    String::from_utf8(out.stdout).unwrap()
}

fn entry<'a>(lexicon: &'a toml::Table, text: &str) -> &'a toml::Table {
    lexicon["formulation"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e.as_table().unwrap())
        .find(|e| e["text"].as_str() == Some(text))
        .unwrap_or_else(|| panic!("no candidate {text}"))
}

#[test]
fn discover_writes_dated_candidates_without_furniture() {
    let dir = tempfile::tempdir().unwrap();
    let toml_text = discover_toml(&formulation_corpus(dir.path()));
    let lexicon: toml::Table = toml::from_str(&toml_text).unwrap();
    assert_eq!(lexicon["level"].as_str(), Some("central"));
    let zongcelue = entry(&lexicon, "外防输入、内防反弹");
    // The city's earlier use is below the mined level: the first central use is c2.
    assert_eq!(zongcelue["first_date"].as_str(), Some("2020-02-01"));
    assert_eq!(zongcelue["first_doc"].as_str(), Some("c2"));
    assert_eq!(zongcelue["status"].as_str(), Some("candidate"));
    assert_eq!(zongcelue["known"].as_str(), Some("zongcelue"));
    assert_eq!(zongcelue["doc_freq"]["central"].as_integer(), Some(3));
    let seen: Vec<&str> = zongcelue["seen"]
        .as_array()
        .unwrap()
        .iter()
        .map(|s| s.as_str().unwrap())
        .collect();
    assert_eq!(seen, ["外防输入、内防反弹"]);
    assert_eq!(
        entry(&lexicon, "人民至上、生命至上")["first_date"].as_str(),
        Some("2020-03-01")
    );
    assert_eq!(
        entry(&lexicon, "早发现、早报告、早隔离、早治疗")["first_date"].as_str(),
        Some("2020-01-10")
    );
    assert!(
        !toml_text.contains("会议强调\""),
        "generic furniture kept:\n{toml_text}"
    );
    assert_eq!(zongcelue["topic"].as_str(), Some("covid"));
    let mut unknown = 0;
    for e in lexicon["formulation"].as_array().unwrap() {
        assert_eq!(e["status"].as_str(), Some("candidate"));
        // A candidate no lexicon entry knows is not counted as a COVID formulation.
        if e.get("known").is_none() {
            assert_eq!(e["topic"].as_str(), Some("general"), "{e:?}");
            unknown += 1;
        }
    }
    assert!(
        unknown > 0,
        "the fixture should yield an unknown candidate:\n{toml_text}"
    );
}

#[test]
fn discovered_candidates_read_back_as_a_lexicon() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = formulation_corpus(dir.path());
    let file = dir.path().join("candidates.toml");
    std::fs::write(&file, discover_toml(&manifest)).unwrap();
    let lexicon: toml::Table = toml::from_str(&std::fs::read_to_string(&file).unwrap()).unwrap();
    let id = entry(&lexicon, "外防输入、内防反弹")["id"]
        .as_str()
        .unwrap()
        .to_string();
    // reuse --lexicon FILE: the city's use is a hit of the candidate.
    let out = succeeds(
        tifa()
            .args(["reuse", "--format", "json", "--corpus"])
            .arg(&manifest)
            .arg("--lexicon")
            .arg(&file),
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let city = v["documents"]
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == "city")
        .unwrap();
    assert!(formulation_ids(city).contains(&id), "{city}");
    // lexicon date --lexicon FILE: the documented date holds; the city predates it.
    let out = succeeds(
        tifa()
            .args(["lexicon", "date", "--format", "json", "--corpus"])
            .arg(&manifest)
            .arg("--lexicon")
            .arg(&file),
    );
    let datings: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let d = datings
        .as_array()
        .unwrap()
        .iter()
        .find(|d| d["id"] == id.as_str())
        .unwrap();
    assert_eq!(d["first"]["id"], "c2");
    assert_eq!(d["agrees"], true);
    assert_eq!(d["earliest_below"]["id"], "city");
    assert_eq!(d["predates_first_known"], true);
}

#[test]
fn discover_output_does_not_depend_on_threads() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = formulation_corpus(dir.path());
    let run = |threads: &str| {
        tifa()
            .env("RAYON_NUM_THREADS", threads)
            .args([
                "lexicon",
                "discover",
                "--min-docs",
                "2",
                "--format",
                "csv",
                "--corpus",
            ])
            .arg(&manifest)
            .output()
            .unwrap()
            .stdout
    };
    assert_eq!(run("1"), run("3"));
}

#[test]
fn discover_refuses_levels_it_does_not_mine() {
    tifa()
        .args(["lexicon", "discover", "--from", "municipal"])
        .assert()
        .failure()
        .code(2);
}

#[test]
fn out_file_beside_a_manifest_named_without_a_folder() {
    // `--corpus corpus.toml` run from its own folder: the manifest's folder is the empty path.
    let dir = tempfile::tempdir().unwrap();
    formulation_corpus(dir.path());
    let mut c = Command::cargo_bin("tifa").unwrap();
    c.current_dir(dir.path())
        .args([
            "lexicon",
            "discover",
            "--min-docs",
            "2",
            "--corpus",
            "corpus.toml",
        ])
        .args(["--out", "candidates.toml", "--table", "candidates.csv"])
        .assert()
        .success();
    let csv = std::fs::read_to_string(dir.path().join("candidates.csv")).unwrap();
    assert!(csv.starts_with("rank,id,text,kind,kinds,score,docs,central,provincial,first_date,"));
    assert!(dir.path().join("candidates.toml").is_file());
}

#[test]
fn discover_from_provincial_counts_both_levels() {
    let dir = tempfile::tempdir().unwrap();
    let manifest = corpus(
        dir.path(),
        &[
            ("c1", "2022-03-01", "central", "坚持人民至上、生命至上。"),
            (
                "p1",
                "2022-03-05",
                "provincial",
                "坚持从快从严从紧，坚持人民至上、生命至上。",
            ),
            ("p2", "2022-03-09", "provincial", "要做到从快从严从紧。"),
            (
                "m1",
                "2022-03-02",
                "municipal",
                "从快从严从紧，人民至上、生命至上。",
            ),
        ],
    );
    let out = succeeds(
        tifa()
            .args([
                "lexicon",
                "discover",
                "--from",
                "provincial",
                "--min-docs",
                "2",
                "--corpus",
            ])
            .arg(&manifest),
    );
    let lexicon: toml::Table = toml::from_str(&String::from_utf8(out.stdout).unwrap()).unwrap();
    assert_eq!(lexicon["level"].as_str(), Some("provincial"));
    let people = entry(&lexicon, "人民至上、生命至上");
    assert_eq!(people["doc_freq"]["central"].as_integer(), Some(1));
    assert_eq!(people["doc_freq"]["provincial"].as_integer(), Some(1));
    assert_eq!(people["first_doc"].as_str(), Some("c1"));
    // The municipal use (2022-03-02) is not mined: the first use is p1's.
    let fast = entry(&lexicon, "从快从严从紧");
    assert_eq!(fast["first_doc"].as_str(), Some("p1"));
    assert_eq!(fast["known"].as_str(), Some("congkuai-congyan"));
}
