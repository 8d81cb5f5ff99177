//! Lexicon commands end to end (`tifa lexicon discover`, `tifa lexicon date`) and the lexicon's
//! context guards as `tifa reuse` sees them, on small fixture corpora built here.

use std::path::Path;

use assert_cmd::Command;

fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

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
    let out = tifa()
        .args(["reuse", "--format", "json", "--corpus"])
        .arg(&manifest)
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "{}",
        String::from_utf8_lossy(&out.stderr)
    );
    let v: serde_json::Value = serde_json::from_slice(&out.stdout).unwrap();
    let docs = v["documents"].as_array().unwrap();
    assert_eq!(docs[0]["id"], "wages");
    assert!(formulation_ids(&docs[0]).is_empty());
    let mut covid = formulation_ids(&docs[1]);
    covid.sort();
    assert_eq!(covid, ["dongtai-qingling", "kexue-jingzhun"]);
}
