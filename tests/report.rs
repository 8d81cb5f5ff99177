//! `tifa report` end to end: the bundle, escaping of scraped text, and reproducibility.

use std::path::Path;

use assert_cmd::Command;

fn tifa() -> Command {
    let mut c = Command::cargo_bin("tifa").unwrap();
    c.current_dir(env!("CARGO_MANIFEST_DIR"));
    c
}

fn read(p: &Path) -> String {
    std::fs::read_to_string(p).unwrap_or_else(|e| panic!("{}: {e}", p.display()))
}

#[test]
fn scraped_markup_is_shown_as_text() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    std::fs::write(
        d.join("a.txt"),
        "会议强调，要坚持外防输入、内防反弹总策略。<script>alert('x')</script> & 早发现、早报告。\n",
    )
    .unwrap();
    std::fs::write(
        d.join("b.txt"),
        "会议要求，坚持外防输入、内防反弹总策略和动态清零总方针。\n",
    )
    .unwrap();
    std::fs::write(
        d.join("c.txt"),
        "全市安全生产工作会议召开，压实各方责任。\n",
    )
    .unwrap();
    std::fs::write(
        d.join("corpus.toml"),
        "name = \"inject\"\n[defaults]\nlevel = \"municipal\"\nprovince = \"江苏省\"\n[[sources]]\npath = \"*.txt\"\n",
    )
    .unwrap();
    let out = d.join("report");
    tifa()
        .args(["report", "--quiet", "--corpus"])
        .arg(d.join("corpus.toml"))
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let html = read(&out.join("index.html"));
    assert!(
        !html.contains("<script>alert"),
        "raw script tag in the report"
    );
    assert!(
        html.contains("&lt;script&gt;alert("),
        "escaped text missing"
    );
    assert!(html.contains("&amp; 早发现"), "ampersand not escaped");
}

#[test]
fn the_bundle_has_every_part_and_regenerates_identically() {
    let dir = tempfile::tempdir().unwrap();
    let (a, b) = (dir.path().join("a"), dir.path().join("b"));
    for out in [&a, &b] {
        tifa()
            .args(["report", "--quiet", "--out"])
            .arg(out)
            .assert()
            .success();
    }
    for table in [
        "documents",
        "similarity",
        "passages",
        "formulations",
        "clusters",
    ] {
        for ext in ["csv", "json"] {
            let f = format!("tables/{table}.{ext}");
            assert_eq!(read(&a.join(&f)), read(&b.join(&f)), "{f}");
        }
    }
    assert_eq!(read(&a.join("index.html")), read(&b.join("index.html")));
    let run: serde_json::Value = serde_json::from_str(&read(&a.join("run.json"))).unwrap();
    assert_eq!(run["counts"]["documents"], 10);
    assert_eq!(
        run["inputs"].as_array().unwrap().len(),
        6,
        "manifest + five raw files"
    );
    assert!(run["timings_seconds"].as_array().unwrap().len() >= 5);
}
