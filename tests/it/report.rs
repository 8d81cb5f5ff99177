//! `tifa report` end to end: the bundle, escaping of scraped text, and reproducibility.

use std::path::Path;

use crate::util::{files, repo, tifa};

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
    files(dir)
        .into_iter()
        .map(|(rel, bytes)| {
            let mut text = String::from_utf8(bytes).unwrap();
            if rel == "run.json" {
                let mut v: serde_json::Value = serde_json::from_str(&text).unwrap();
                v.as_object_mut().unwrap().remove("timings_seconds");
                text = v.to_string();
            }
            (rel, text)
        })
        .collect()
}

#[test]
fn the_committed_seed_report_is_what_tifa_report_writes() {
    let committed = repo().join("reports/seeds");
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

/// `n` short municipal, provincial and central documents over six provinces, 12 cities and 12
/// months, as JSON Lines with their manifest in `d`.
fn generated_corpus(d: &Path, n: usize) -> std::path::PathBuf {
    let clauses = [
        "坚持外防输入、内防反弹总策略",
        "坚持动态清零总方针不动摇",
        "压紧压实四方责任",
        "做到早发现、早报告、早隔离、早治疗",
        "克服麻痹思想、厌战情绪、侥幸心理、松劲心态",
        "统筹疫情防控和经济社会发展",
        "全面推进乡村振兴",
        "扎实做好安全生产各项工作",
        "加快建设现代化产业体系",
    ];
    let provinces = ["江苏省", "浙江省", "四川省", "广东省", "山东省", "河南省"];
    let mut lines = String::new();
    for i in 0..n {
        let (level, province, city) = match i % 10 {
            0 => ("central", None, None),
            1 | 2 => ("provincial", Some(provinces[i % 6]), None),
            _ => (
                "municipal",
                Some(provinces[i % 6]),
                Some(format!("{}第{}市", &provinces[i % 6][..6], i % 4)),
            ),
        };
        let text = format!(
            "第{i}次会议指出，{}。会议要求，{}，{}。各地要{}。",
            clauses[i % clauses.len()],
            clauses[(i / 3) % clauses.len()],
            clauses[(i * 7 + 1) % clauses.len()],
            clauses[(i / 5 + 2) % clauses.len()]
        );
        let mut record = serde_json::json!({
            "id": format!("gen/{i:04}"),
            "date": format!("{}-{:02}-15", 2020 + i % 3, 1 + i % 12),
            "level": level,
            "title": format!("第{i}号通知"),
            "text": text,
        });
        if let Some(p) = province {
            record["province"] = p.into();
        }
        if let Some(c) = city {
            record["city"] = c.into();
        }
        lines.push_str(&record.to_string());
        lines.push('\n');
    }
    std::fs::write(d.join("documents.jsonl"), lines).unwrap();
    let manifest = d.join("corpus.toml");
    std::fs::write(
        &manifest,
        "name = \"generated\"\n[[sources]]\npath = \"documents.jsonl\"\nformat = \"jsonl\"\n",
    )
    .unwrap();
    manifest
}

#[test]
fn a_corpus_of_hundreds_gets_aggregate_views_within_the_size_bounds() {
    let dir = tempfile::tempdir().unwrap();
    let n = 300;
    let manifest = generated_corpus(dir.path(), n);
    let out = dir.path().join("report");
    let printed = tifa()
        .args(["report", "--quiet", "--corpus"])
        .arg(&manifest)
        .arg("--out")
        .arg(&out)
        .assert()
        .success()
        .get_output()
        .stdout
        .clone();
    // The printed summary lists the 50 most reused documents (a header, 50 rows, a pointer to
    // the rest): their own shares never exceed those of the documents left out.
    let printed = String::from_utf8(printed).unwrap();
    assert_eq!(printed.lines().count(), 52, "{printed}");
    assert!(printed.ends_with(&format!(
        "… the 50 most reused of {n} documents; all of them in tables/documents.csv\n"
    )));
    let own_of = |line: &str| -> f64 { line.split_whitespace().nth(5).unwrap().parse().unwrap() };
    let most_own_listed = printed
        .lines()
        .skip(1)
        .take(50)
        .map(own_of)
        .fold(f64::MIN, f64::max);
    let documents_csv = read(&out.join("tables/documents.csv"));
    let header: Vec<&str> = documents_csv.lines().next().unwrap().split(',').collect();
    let own_at = header.iter().position(|c| *c == "own").unwrap();
    let mut own: Vec<f64> = documents_csv
        .lines()
        .skip(1)
        .map(|l| l.split(',').nth(own_at).unwrap().parse().unwrap())
        .collect();
    own.sort_by(f64::total_cmp);
    // Printed shares have 3 decimals.
    assert!(
        most_own_listed <= own[49] + 0.0005,
        "{most_own_listed} vs {}",
        own[49]
    );
    let html = read(&out.join("index.html"));
    assert!(html.len() <= 10 << 20, "index.html is {} bytes", html.len());
    let mut charts = Vec::new();
    for e in std::fs::read_dir(out.join("charts")).unwrap() {
        let p = e.unwrap().path();
        let size = std::fs::metadata(&p).unwrap().len();
        assert!(size <= 1 << 20, "{} is {size} bytes", p.display());
        charts.push(p.file_stem().unwrap().to_string_lossy().to_string());
    }
    charts.sort();
    assert_eq!(
        charts,
        [
            "dendrogram",
            "diffusion-adoption",
            "diffusion-network",
            "diffusion-timeline",
            "formulations",
            "heatmap",
            "passages",
            "pca",
            "shares",
            "shares-city",
            "shares-time",
            "silhouette"
        ]
    );
    // Each chart says what it aggregates.
    for (chart, title) in [
        ("heatmap", "Mean cosine between places"),
        ("shares", "Mean origin shares by level and province"),
        ("shares-city", "Mean origin shares by city"),
        ("shares-time", "Mean origin shares by month"),
        ("pca", &format!("a seeded sample of {n} of {n} documents")),
        ("passages", &format!("the 40 most reused of {n} documents")),
        ("formulations", "Hits per 100 documents"),
    ] {
        let svg = read(&out.join(format!("charts/{chart}.svg")));
        roxmltree::Document::parse(&svg).unwrap_or_else(|e| panic!("{chart}: {e}"));
        assert!(svg.contains(title), "{chart}: no {title:?} in its title");
    }
    // The heatmap is over places, not documents: the centre, 6 provinces and 12 cities.
    let heatmap = read(&out.join("charts/heatmap.svg"));
    assert!(
        heatmap.contains("(19 of 19)"),
        "heatmap title names its places"
    );
    // Evidence lives in one page per document, linked from the documents table.
    assert!(!html.contains("<article class=\"doc\""), "evidence inline");
    let evidence: Vec<String> = std::fs::read_dir(out.join("evidence"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(evidence.len(), n);
    assert!(
        evidence
            .iter()
            .all(|f| !f.contains('/') && f.starts_with("gen_")),
        "{evidence:?}"
    );
    let first = evidence.iter().min().unwrap();
    // minijinja escapes "/" in attributes; browsers decode it.
    assert!(html.contains(&format!("href=\"evidence&#x2f;{first}\"")));
    assert!(read(&out.join("evidence").join(first)).contains("../index.html"));
    // Similarity is each document's nearest neighbours, not n × n pairs.
    let csv = read(&out.join("tables/similarity.csv"));
    assert!(csv.starts_with("source,rank,target,cosine\n"));
    assert!(csv.lines().count() <= 1 + n * 10);
    let run: serde_json::Value = serde_json::from_str(&read(&out.join("run.json"))).unwrap();
    assert_eq!(run["aggregate"]["above_documents"], 50);
    assert_eq!(run["aggregate"]["silhouette_sample"], n);
    assert!(html.contains(&format!("on a seeded sample of {n} documents")));
}

#[test]
fn run_json_records_the_lexicon_userdict_and_stopwords_that_were_read() {
    use sha2::Digest;
    let dir = tempfile::tempdir().unwrap();
    let d = dir.path();
    for (name, text) in [
        ("a.txt", "会议强调，要坚持外防输入、内防反弹总策略。\n"),
        (
            "b.txt",
            "会议要求，坚持外防输入、内防反弹总策略和动态清零总方针。\n",
        ),
        ("c.txt", "全市安全生产工作会议召开，压实各方责任。\n"),
    ] {
        std::fs::write(d.join(name), text).unwrap();
    }
    std::fs::write(
        d.join("corpus.toml"),
        "name = \"lists\"\n[defaults]\nlevel = \"municipal\"\nprovince = \"江苏省\"\n[[sources]]\npath = \"*.txt\"\n",
    )
    .unwrap();
    let lexicon = d.join("lexicon");
    std::fs::create_dir(&lexicon).unwrap();
    let root = repo();
    let mut expected = Vec::new();
    let mut bundled: Vec<_> = std::fs::read_dir(root.join("data/lexicon"))
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|x| x == "toml"))
        .collect();
    bundled.sort();
    for p in bundled {
        let bytes = std::fs::read(&p).unwrap();
        std::fs::copy(&p, lexicon.join(p.file_name().unwrap())).unwrap();
        expected.push(("lexicon", bytes));
    }
    let userdict = d.join("words.list");
    std::fs::write(&userdict, "外防输入\n动态清零\n").unwrap();
    let stopwords = d.join("stop.list");
    std::fs::write(&stopwords, "的\n会议\n").unwrap();
    expected.push(("userdict", std::fs::read(&userdict).unwrap()));
    expected.push(("stopwords", std::fs::read(&stopwords).unwrap()));
    let out = d.join("report");
    tifa()
        .args(["report", "--quiet", "--corpus"])
        .arg(d.join("corpus.toml"))
        .arg("--lexicon")
        .arg(&lexicon)
        .arg("--userdict")
        .arg(&userdict)
        .arg("--stopwords")
        .arg(&stopwords)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let run: serde_json::Value = serde_json::from_str(&read(&out.join("run.json"))).unwrap();
    let inputs = run["inputs"].as_array().unwrap();
    let recorded: Vec<(String, String)> = inputs
        .iter()
        .filter(|f| f["role"] != "manifest" && f["role"] != "corpus")
        .map(|f| {
            (
                f["role"].as_str().unwrap().to_string(),
                f["sha256"].as_str().unwrap().to_string(),
            )
        })
        .collect();
    let want: Vec<(String, String)> = expected
        .iter()
        .map(|(role, bytes)| {
            let hex: String = sha2::Sha256::digest(bytes)
                .iter()
                .map(|b| format!("{b:02x}"))
                .collect();
            (role.to_string(), hex)
        })
        .collect();
    assert_eq!(recorded, want);
    assert_eq!(
        inputs.iter().filter(|f| f["role"] == "corpus").count(),
        3,
        "every corpus file is an input"
    );
}

#[test]
fn evidence_pages_can_be_bounded_to_the_most_reused_documents() {
    let dir = tempfile::tempdir().unwrap();
    let n = 120;
    let manifest = generated_corpus(dir.path(), n);
    let out = dir.path().join("report");
    tifa()
        .args(["report", "--quiet", "--evidence", "7", "--corpus"])
        .arg(&manifest)
        .arg("--out")
        .arg(&out)
        .assert()
        .success();
    let pages: std::collections::BTreeSet<String> = std::fs::read_dir(out.join("evidence"))
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().to_string())
        .collect();
    assert_eq!(pages.len(), 7, "{pages:?}");
    // The pages are those of the documents with the least own text: no document without a
    // page has less (the table's shares are rounded, so ties may fall either way).
    let csv = read(&out.join("tables/documents.csv"));
    let mut rows = csv.lines();
    let header: Vec<&str> = rows.next().unwrap().split(',').collect();
    let own_at = header.iter().position(|c| *c == "own").unwrap();
    let (mut with, mut without) = (Vec::new(), Vec::new());
    for row in rows {
        let cells: Vec<&str> = row.split(',').collect();
        let own: f64 = cells[own_at].parse().unwrap();
        // A page is named after its id, made safe ("/" → "_") and followed by a hash.
        let stem = format!("{}-", cells[0].replace('/', "_"));
        if pages.iter().any(|p| p.starts_with(&stem)) {
            with.push(own);
        } else {
            without.push(own);
        }
    }
    assert_eq!((with.len(), without.len()), (7, n - 7));
    let most_own_with = with.iter().copied().fold(f64::MIN, f64::max);
    let least_own_without = without.iter().copied().fold(f64::MAX, f64::min);
    assert!(
        most_own_with <= least_own_without,
        "{with:?} vs {least_own_without}"
    );
    // The page links only pages that exist, and says how many there are.
    let html = read(&out.join("index.html"));
    let linked: Vec<&str> = html
        .split("href=\"evidence&#x2f;")
        .skip(1)
        .map(|s| &s[..s.find('"').unwrap()])
        .collect();
    assert!(!linked.is_empty());
    assert!(linked.iter().all(|f| pages.contains(*f)), "{linked:?}");
    assert!(html.contains(&format!(
        "for the 7 of {n} documents with the largest reused share"
    )));
    // The page's documents table lists the most reused first, so the rows with a page come
    // first; the neighbour lists follow the same order.
    let rows_of = |section: &str| -> Vec<bool> {
        let start = html
            .find(&format!("<section id=\"table-{section}\">"))
            .unwrap();
        let body = &html[start..];
        let body = &body[body.find("<tbody>").unwrap()..body.find("</tbody>").unwrap()];
        body.split("<tr>")
            .skip(1)
            .map(|row| row.contains("href=\"evidence&#x2f;"))
            .collect()
    };
    let documents = rows_of("documents");
    assert_eq!(documents.len(), n);
    assert_eq!(documents.iter().position(|&l| !l), Some(7), "{documents:?}");
    assert!(html.contains("most reused first (1 − own); corpus order in the CSV"));
    let neighbours = rows_of("similarity");
    let linked = neighbours.iter().take_while(|&&l| l).count();
    assert!(
        linked >= 7 && neighbours[linked..].iter().all(|&l| !l),
        "{neighbours:?}"
    );
    // Passages too: the page starts with those of the most reused document.
    let most_reused = {
        let start = html.find("<section id=\"table-documents\">").unwrap();
        let row = &html[start..][html[start..].find("<tbody>").unwrap()..];
        let cell = &row[row.find("\">").unwrap() + 2..];
        cell[..cell.find('<').unwrap()].to_string()
    };
    let passages = &html[html.find("<section id=\"table-passages\">").unwrap()..];
    let first_passage = &passages[passages.find("<tbody>").unwrap()..];
    assert!(
        first_passage[..first_passage.find("</tr>").unwrap()].contains(&format!(">{most_reused}<")),
        "{most_reused}"
    );
    assert!(passages.contains("passages of the most reused documents first"));
}
