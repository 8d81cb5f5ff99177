//! `tifa diffusion` end to end on the bundled corpus: the tables and a GraphML network that
//! parses as XML with one node per unit and one edge per edges row.

use crate::util::tifa;

#[test]
fn writes_first_uses_edges_and_a_well_formed_graphml() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("d");
    tifa()
        .args(["diffusion", "-q", "--out"])
        .arg(&out)
        .assert()
        .success();
    let first = std::fs::read_to_string(out.join("first_uses.csv")).unwrap();
    let header = first.lines().next().unwrap();
    assert!(header.starts_with("formulation,text,unit,level,province,city,first_date,"));
    // Wuxi's notice no. 53 (2021-12-12) uses 四方责任 before Jiangsu's text dated only `2022`:
    // no exact lag, an interval that is entirely negative.
    assert!(
        first.contains("sifang-zeren,四方责任,江苏省/无锡市,municipal,江苏省,无锡市,2021-12-12,wuxi-2021-12-12-notice-53,1,1,,,,,,2022,jiangsu-2022-leading-group,,-384,-20,,"),
        "{first}"
    );
    let edges = std::fs::read_to_string(out.join("edges.csv")).unwrap();
    let edge_rows = edges.lines().count() - 1;
    assert!(edges.contains("江苏省/无锡市,江苏省/无锡市,municipal,municipal,self,"));
    let xml = std::fs::read_to_string(out.join("network.graphml")).unwrap();
    let doc = roxmltree::Document::parse(&xml).expect("GraphML is XML");
    let ns = "http://graphml.graphdrawing.org/xmlns";
    let nodes: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "node")))
        .collect();
    let ids: Vec<&str> = nodes.iter().filter_map(|n| n.attribute("id")).collect();
    assert_eq!(nodes.len(), 6);
    let graph_edges: Vec<_> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "edge")))
        .collect();
    assert_eq!(graph_edges.len(), edge_rows);
    for e in &graph_edges {
        for end in ["source", "target"] {
            assert!(ids.contains(&e.attribute(end).unwrap()));
        }
    }
    let labels: Vec<&str> = doc
        .descendants()
        .filter(|n| n.has_tag_name((ns, "data")) && n.attribute("key") == Some("label"))
        .filter_map(|n| n.text())
        .collect();
    assert!(labels.contains(&"江苏省/无锡市") && labels.contains(&"江苏省"));
}

#[test]
fn output_does_not_depend_on_the_thread_count() {
    let dir = tempfile::tempdir().unwrap();
    let run = |threads: &str| {
        let out = dir.path().join(format!("t{threads}"));
        tifa()
            .env("RAYON_NUM_THREADS", threads)
            .args(["diffusion", "-q", "--out"])
            .arg(&out)
            .assert()
            .success();
        [
            "first_uses.csv",
            "edges.csv",
            "network.graphml",
            "charts/diffusion-network.svg",
        ]
        .map(|f| std::fs::read(out.join(f)).unwrap())
    };
    assert_eq!(run("1"), run("3"));
}

#[test]
fn parquet_tables_and_a_refused_table_format() {
    let dir = tempfile::tempdir().unwrap();
    let out = dir.path().join("p");
    tifa()
        .args(["diffusion", "-q", "--format", "parquet", "--out"])
        .arg(&out)
        .assert()
        .success();
    for f in ["first_uses.parquet", "edges.parquet", "network.graphml"] {
        assert!(out.join(f).is_file(), "{f}");
    }
    tifa()
        .args(["diffusion", "-q", "--format", "table", "--out"])
        .arg(dir.path().join("t"))
        .assert()
        .failure()
        .stderr(predicates::str::contains("csv, json or parquet"));
}
