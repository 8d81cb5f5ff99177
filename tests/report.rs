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

/// `tifa report` over the `*.txt` files of `d` (Jiangsu municipal documents); the report's dir.
fn report_of_texts(d: &Path, name: &str) -> std::path::PathBuf {
    std::fs::write(
        d.join("corpus.toml"),
        format!(
            "name = \"{name}\"\n[defaults]\nlevel = \"municipal\"\nprovince = \"江苏省\"\n[[sources]]\npath = \"*.txt\"\n"
        ),
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
    out
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
    let out = report_of_texts(d, "inject");
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

/// Files of a report directory, relative path → contents, with run.json's timings removed.
fn snapshot(dir: &Path) -> std::collections::BTreeMap<String, String> {
    let mut out = std::collections::BTreeMap::new();
    let mut stack = vec![dir.to_path_buf()];
    while let Some(d) = stack.pop() {
        for e in std::fs::read_dir(&d).unwrap() {
            let p = e.unwrap().path();
            if p.is_dir() {
                stack.push(p);
                continue;
            }
            let rel = p
                .strip_prefix(dir)
                .unwrap()
                .to_string_lossy()
                .replace('\\', "/");
            let mut text = read(&p);
            if rel == "run.json" {
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                v.as_object_mut().unwrap().remove("timings_seconds");
                text = v.to_string();
            }
            out.insert(rel, text);
        }
    }
    out
}

#[test]
fn the_committed_seed_report_is_what_tifa_report_writes() {
    let committed = Path::new(env!("CARGO_MANIFEST_DIR")).join("reports/seeds");
    let dir = tempfile::tempdir().unwrap();
    let fresh = dir.path().join("seeds");
    tifa()
        .args(["report", "--quiet", "--out"])
        .arg(&fresh)
        .assert()
        .success();
    let (a, b) = (snapshot(&committed), snapshot(&fresh));
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "file lists differ: regenerate with `just report`"
    );
    for (name, text) in &a {
        assert!(
            text == &b[name],
            "{name} differs from a fresh `tifa report`: regenerate with `just report`"
        );
    }
}

#[test]
fn every_chart_is_xml_with_chinese_labels_and_plot_writes_one() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("r");
    tifa()
        .args(["report", "--quiet", "--out"])
        .arg(&out)
        .assert()
        .success();
    for chart in [
        "heatmap",
        "shares",
        "pca",
        "dendrogram",
        "formulations",
        "passages",
        "silhouette",
    ] {
        let svg = read(&out.join(format!("charts/{chart}.svg")));
        let doc = roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{chart}: {e}"));
        let texts: String = doc
            .descendants()
            .filter(|n| n.has_tag_name("text"))
            .filter_map(|n| n.text())
            .collect();
        assert!(
            texts
                .chars()
                .any(|c| ('\u{4e00}'..='\u{9fff}').contains(&c)),
            "{chart}: no Chinese label"
        );
        assert!(
            svg.contains("Noto Sans CJK SC"),
            "{chart}: no CJK font list"
        );
    }
    let one = dir.path().join("shares.svg");
    tifa()
        .args(["plot", "shares", "--out"])
        .arg(&one)
        .assert()
        .success();
    assert_eq!(read(&one), read(&out.join("charts/shares.svg")));
    tifa()
        .args(["plot", "pie", "--out"])
        .arg(dir.path().join("x.svg"))
        .assert()
        .code(2)
        .stderr(predicates::str::contains("unknown chart \"pie\""));
}

#[test]
fn a_larger_corpus_shows_nearest_neighbours_on_the_page_and_every_pair_in_the_csv() {
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    let clauses = [
        "坚持外防输入、内防反弹总策略",
        "坚持动态清零总方针不动摇",
        "压紧压实四方责任",
        "做到早发现、早报告、早隔离、早治疗",
        "克服麻痹思想、厌战情绪、侥幸心理、松劲心态",
        "统筹疫情防控和经济社会发展",
    ];
    for i in 0..24 {
        let text = format!(
            "第{i}次会议要求，{}，{}。\n",
            clauses[i % clauses.len()],
            clauses[(i / clauses.len() + i + 1) % clauses.len()]
        );
        std::fs::write(d.join(format!("d{i:02}.txt")), text).unwrap();
    }
    let out = report_of_texts(d, "many");
    let html = read(&out.join("index.html"));
    let section = html
        .split("<section id=\"table-similarity\">")
        .nth(1)
        .and_then(|s| s.split("</section>").next())
        .expect("similarity section");
    assert!(
        section.contains("each document&#x27;s 5 nearest; all 576 pairs in the CSV"),
        "{section:.400}"
    );
    assert_eq!(section.matches("<tr>").count(), 1 + 24 * 5);
    let csv = read(&out.join("tables/similarity.csv"));
    assert_eq!(csv.lines().count(), 1 + 24 * 24);
}
