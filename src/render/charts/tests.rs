//! Checks shared by every chart: XML validity, CJK text, fonts, palette, determinism.

use super::*;

pub(super) fn parse(svg: &str) -> roxmltree::Document<'_> {
    roxmltree::Document::parse(svg).unwrap_or_else(|e| panic!("invalid SVG: {e}\n{svg}"))
}

/// Texts of all <text> elements, trimmed.
pub(super) fn texts(svg: &str) -> Vec<String> {
    let doc = parse(svg);
    doc.descendants()
        .filter(|n| n.has_tag_name("text"))
        .map(|n| n.text().unwrap_or("").trim().to_string())
        .collect()
}

/// The common checks: parses, every text uses the CJK font list at ≥ 12 px.
pub(super) fn check_common(svg: &str) {
    let doc = parse(svg);
    let mut count = 0;
    for n in doc.descendants().filter(|n| n.has_tag_name("text")) {
        count += 1;
        assert_eq!(n.attribute("font-family"), Some(FONT_FAMILY));
        let size: f64 = n.attribute("font-size").unwrap().parse().unwrap();
        assert!(size >= 11.99, "font-size {size}");
    }
    assert!(count > 0, "no text at all");
    assert!(svg.contains("font-family=\"&quot;Noto Sans CJK SC&quot;"));
}

pub(super) fn has_text(svg: &str, wanted: &str) -> bool {
    texts(svg).iter().any(|t| t.contains(wanted))
}

#[test]
fn heatmap_basics() {
    let labels = vec!["常州市".to_string(), "无锡市".into(), "南通市".into()];
    let values = vec![
        vec![1.0, 0.5, 0.2],
        vec![0.5, 1.0, 0.7],
        vec![0.2, 0.7, 1.0],
    ];
    let input = heatmap::Heatmap::new(labels, values);
    let svg = heatmap::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "常州市"));
    assert!(has_text(&svg, "0.70"));
    assert_eq!(svg, heatmap::render(&input).unwrap());
    let empty = heatmap::render(&heatmap::Heatmap::new(vec![], vec![])).unwrap();
    check_common(&empty);
    assert!(has_text(&empty, "no data"));
    let bad = heatmap::Heatmap::new(vec!["a".into()], vec![vec![1.0, 2.0]]);
    assert!(matches!(
        heatmap::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn heatmap_scale_fitted_to_close_values_spans_them() {
    let labels = vec!["中央".to_string(), "江苏省".into(), "南京市".into()];
    let values = vec![
        vec![0.031, 0.012, 0.015],
        vec![0.012, 0.024, 0.018],
        vec![0.015, 0.018, 0.029],
    ];
    let mut input = heatmap::Heatmap::new(labels, values);
    input.fit_scale_to_values();
    // Steps of 0.005: 0.012 rounds down to 0.010, 0.031 up to 0.035.
    assert!(
        (input.min - 0.010).abs() < 1e-12 && (input.max - 0.035).abs() < 1e-12,
        "{} to {}",
        input.min,
        input.max
    );
    let svg = heatmap::render(&input).unwrap();
    check_common(&svg);
    assert!(
        has_text(&svg, "0.010") && has_text(&svg, "0.035"),
        "colour bar range"
    );
    let fill = |t: f64| {
        let c = theme::sequential(t);
        format!("fill=\"#{:02X}{:02X}{:02X}\"", c.0, c.1, c.2)
    };
    // The largest mean is drawn at 84% of the scale (from 0 to 0.05 it would be 62%).
    assert!(svg.contains(&fill((0.031 - 0.010) / 0.025)));
    assert!(!svg.contains(&fill(0.031 / 0.05)));
    // One value gets a scale one step of its own magnitude wide.
    let mut zero = heatmap::Heatmap::new(vec!["a".into()], vec![vec![0.0]]);
    zero.fit_scale_to_values();
    assert_eq!((zero.min, zero.max), (0.0, 1.0));
    let mut one = heatmap::Heatmap::new(vec!["a".into()], vec![vec![0.02]]);
    one.fit_scale_to_values();
    assert!(
        one.min <= 0.02 && 0.02 < one.max,
        "{} to {}",
        one.min,
        one.max
    );
    heatmap::render(&one).unwrap();
}

fn share(label: &str, c: f64, p: f64, q: f64) -> shares::ShareRow {
    shares::ShareRow {
        label: label.to_string(),
        central: c,
        provincial: p,
        peer: q,
        self_reuse: 0.0,
        own: 1.0 - c - p - q,
    }
}

#[test]
fn shares_basics() {
    let input = shares::Shares::new(vec![
        share("常州市", 0.3, 0.2, 0.1),
        share("雅安市", 0.5, 0.1, 0.0),
    ]);
    let svg = shares::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "常州市"));
    assert!(has_text(&svg, "中央 central"));
    for colour in ["#D55E00", "#0072B2", "#009E73", "#BBBBBB"] {
        assert!(svg.contains(colour), "{colour}");
    }
    assert_eq!(svg, shares::render(&input).unwrap());
    assert!(has_text(
        &shares::render(&shares::Shares::new(vec![])).unwrap(),
        "no data"
    ));
    let bad = shares::Shares::new(vec![share("x", 0.9, 0.9, 0.0)]);
    assert!(matches!(
        shares::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn curve_basics() {
    let input = curve::Curve {
        title: "轮廓系数 Silhouette by k".into(),
        x_label: "簇数 k".into(),
        y_label: "轮廓系数 silhouette".into(),
        points: vec![
            (2.0, 0.21),
            (3.0, 0.34),
            (4.0, 0.29),
            (5.0, f64::NAN),
            (6.0, 0.2),
        ],
        highlight: Some(3.0),
    };
    let svg = curve::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "簇数 k"));
    assert!(has_text(&svg, "chosen: 3"));
    assert!(svg.contains("#D55E00"));
    assert_eq!(svg, curve::render(&input).unwrap());
    let empty = curve::Curve {
        points: vec![],
        ..input.clone()
    };
    assert!(has_text(&curve::render(&empty).unwrap(), "no data"));
    let bad = curve::Curve {
        points: vec![(f64::NAN, 1.0)],
        ..input
    };
    assert!(matches!(
        curve::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

fn point(label: &str, x: f64, y: f64, cluster: usize) -> scatter::ScatterPoint {
    scatter::ScatterPoint {
        label: label.into(),
        x,
        y,
        cluster,
    }
}

#[test]
fn scatter_basics() {
    let input = scatter::Scatter::new(
        vec![
            point("常州市", 0.1, 0.2, 0),
            point("无锡市", 0.12, 0.21, 0),
            point("雅安市", -0.3, 0.05, 1),
        ],
        (0.432, 0.187),
    );
    let svg = scatter::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "PC1 (43.2%)"));
    assert!(has_text(&svg, "无锡市"));
    assert!(svg.contains("#E69F00") && svg.contains("#56B4E9"));
    assert_eq!(svg, scatter::render(&input).unwrap());
    assert!(has_text(
        &scatter::render(&scatter::Scatter::new(vec![], (0.0, 0.0))).unwrap(),
        "no data"
    ));
    let bad = scatter::Scatter {
        cluster_names: vec!["A".into()],
        ..input
    };
    assert!(matches!(
        scatter::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn dendrogram_basics() {
    let labels: Vec<String> = ["常州市", "无锡市", "雅安市"]
        .iter()
        .map(|s| s.to_string())
        .collect();
    let mut input =
        dendrogram::Dendrogram::new(vec![(0, 1, 0.2), (3, 2, 0.6)], vec![2, 0, 1], labels);
    input.clusters = vec![0, 0, 1];
    input.cut = Some(0.4);
    let svg = dendrogram::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "雅安市"));
    assert!(has_text(&svg, "cosine distance"));
    assert_eq!(svg, dendrogram::render(&input).unwrap());
    let empty = dendrogram::Dendrogram::new(vec![], vec![], vec![]);
    assert!(has_text(&dendrogram::render(&empty).unwrap(), "no data"));
    let bad = dendrogram::Dendrogram {
        leaf_order: vec![0, 1],
        ..input.clone()
    };
    assert!(matches!(
        dendrogram::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
    let reused = dendrogram::Dendrogram {
        merges: vec![(0, 1, 0.2), (0, 2, 0.6)],
        ..input
    };
    assert!(matches!(
        dendrogram::render(&reused),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn matrix_basics() {
    use matrix::{Formulation, FormulationMatrix};
    let f = |t: &str, level| Formulation {
        text: t.into(),
        level,
    };
    let input = FormulationMatrix::new(
        vec![
            f("四方责任", Origin::Provincial),
            f("外防输入、内防反弹", Origin::Central),
            f("动态清零", Origin::Central),
        ],
        vec!["常州市".into(), "无锡市".into()],
        vec![vec![1, 0], vec![3, 2], vec![0, 5]],
    );
    let svg = matrix::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "外防输入、内防反弹"));
    assert!(has_text(&svg, "常州市"));
    assert!(svg.contains("#D55E00") && svg.contains("#0072B2"));
    assert_eq!(svg, matrix::render(&input).unwrap());
    let empty = FormulationMatrix::new(vec![], vec![], vec![]);
    assert!(has_text(&matrix::render(&empty).unwrap(), "no data"));
    let bad = FormulationMatrix {
        counts: vec![vec![1], vec![1, 2], vec![0, 0]],
        ..input
    };
    assert!(matches!(
        matrix::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn passages_basics() {
    use passages::{PassageMap, PassageStrip};
    let input = PassageMap::new(vec![
        PassageStrip {
            label: "常州市".into(),
            doc_chars: 1000,
            spans: vec![(10, 80, Origin::Central), (300, 420, Origin::Provincial)],
        },
        PassageStrip {
            label: "晋中市".into(),
            doc_chars: 400,
            spans: vec![(0, 40, Origin::Peer)],
        },
    ]);
    let svg = passages::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "晋中市"));
    for colour in ["#D55E00", "#0072B2", "#009E73"] {
        assert!(svg.contains(colour), "{colour}");
    }
    assert_eq!(svg, passages::render(&input).unwrap());
    assert!(has_text(
        &passages::render(&PassageMap::new(vec![])).unwrap(),
        "no data"
    ));
    let bad = PassageMap::new(vec![PassageStrip {
        label: "x".into(),
        doc_chars: 10,
        spans: vec![(5, 20, Origin::Own)],
    }]);
    assert!(matches!(
        passages::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn small_multiples_basics() {
    use small_multiples::{Panel, SmallMultiples};
    let input = SmallMultiples {
        title: "参数扫描 Sweep: n-gram length".into(),
        parameter: "n".into(),
        param_values: vec!["4".into(), "6".into(), "8".into()],
        documents: vec!["常州市".into(), "雅安市".into()],
        panels: vec![
            Panel {
                measure: "中央占比 central share".into(),
                values: vec![vec![0.3, 0.25, 0.2], vec![0.5, f64::NAN, 0.4]],
            },
            Panel {
                measure: "省级占比 provincial share".into(),
                values: vec![vec![0.1, 0.1, 0.05], vec![0.2, 0.15, 0.1]],
            },
        ],
    };
    let svg = small_multiples::render(&input).unwrap();
    check_common(&svg);
    assert!(has_text(&svg, "雅安市"));
    assert!(has_text(&svg, "central share"));
    assert_eq!(svg, small_multiples::render(&input).unwrap());
    let empty = SmallMultiples {
        panels: vec![],
        ..input.clone()
    };
    assert!(has_text(
        &small_multiples::render(&empty).unwrap(),
        "no data"
    ));
    let mut bad = input;
    bad.panels[0].values.pop();
    assert!(matches!(
        small_multiples::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn large_heatmap_grows_and_hides_values() {
    let n = 40;
    let labels: Vec<String> = (0..n)
        .map(|i| format!("常州市文件{i}号 · 一个很长很长的标题"))
        .collect();
    let values = (0..n)
        .map(|i| (0..n).map(|j| if i == j { 1.0 } else { 0.3 }).collect())
        .collect();
    let svg = heatmap::render(&heatmap::Heatmap::new(labels, values)).unwrap();
    check_common(&svg);
    assert!(!has_text(&svg, "0.30"));
    assert!(has_text(&svg, "…"));
    let doc = parse(&svg);
    let height: i32 = doc
        .root_element()
        .attribute("height")
        .unwrap()
        .parse()
        .unwrap();
    assert!(height > 40 * 15);
}

#[test]
fn too_many_rows_is_invalid_not_a_panic() {
    let rows = (0..theme::MAX_ITEMS + 1)
        .map(|_| share("x", 0.25, 0.25, 0.25))
        .collect();
    assert!(matches!(
        shares::render(&shares::Shares::new(rows)),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

fn adoption_input() -> adoption::Adoption {
    adoption::Adoption {
        title: "采用曲线 Adoption".into(),
        panels: vec![adoption::AdoptionPanel {
            label: "外防输入、内防反弹".into(),
            central_day: Some(18_000),
            series: vec![
                adoption::AdoptionSeries {
                    label: "省级 provinces".into(),
                    steps: vec![(18_010, 0.5), (18_040, 1.0)],
                },
                adoption::AdoptionSeries {
                    label: "地方 local units".into(),
                    steps: vec![(18_020, 0.25)],
                },
            ],
        }],
    }
}

#[test]
fn adoption_basics() {
    let input = adoption_input();
    let svg = adoption::render(&input).unwrap();
    check_common(&svg);
    let t = texts(&svg);
    assert!(t.iter().any(|s| s == "外防输入、内防反弹"), "{t:?}");
    assert!(t.iter().any(|s| s == "100%"));
    assert!(
        svg.contains("#D55E00") || svg.contains("#d55e00"),
        "central line"
    );
    assert_eq!(svg, adoption::render(&input).unwrap(), "deterministic");
    let mut bad = input.clone();
    bad.panels[0].series[0].steps = vec![(18_040, 0.5), (18_010, 1.0)];
    assert!(matches!(
        adoption::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
    let empty = adoption::Adoption {
        title: "t".into(),
        panels: vec![],
    };
    assert!(texts(&adoption::render(&empty).unwrap()).contains(&"无数据 no data".to_string()));
}

#[test]
fn timeline_basics() {
    use timeline::{Mark, Tier, Timeline, TimelineRow};
    let input = Timeline {
        title: "首次使用 First uses".into(),
        rows: vec![TimelineRow {
            label: "动态清零".into(),
            marks: vec![
                Mark {
                    tier: Tier::Central,
                    first_day: 18_000,
                    last_day: 18_000,
                },
                Mark {
                    tier: Tier::Local,
                    first_day: 18_100,
                    last_day: 18_130,
                },
            ],
        }],
    };
    let svg = timeline::render(&input).unwrap();
    check_common(&svg);
    assert!(texts(&svg).iter().any(|s| s == "动态清零"));
    assert_eq!(svg, timeline::render(&input).unwrap());
    let mut bad = input.clone();
    bad.rows[0].marks[1].last_day = 18_000;
    assert!(matches!(
        timeline::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}

#[test]
fn network_basics() {
    use network::{NetEdge, NetNode, Network};
    let node = |label: &str, row: u8| NetNode {
        label: label.into(),
        row,
        documents: 2,
    };
    let input = Network {
        title: "谁抄谁".into(),
        nodes: vec![
            node("中央", 0),
            node("江苏省", 1),
            node("南通市", 2),
            node("无锡市", 2),
        ],
        edges: vec![
            NetEdge {
                source: 0,
                target: 2,
                origin: Origin::Central,
                chars: 100,
            },
            NetEdge {
                source: 2,
                target: 3,
                origin: Origin::Peer,
                chars: 10,
            },
            NetEdge {
                source: 3,
                target: 3,
                origin: Origin::SelfReuse,
                chars: 30,
            },
        ],
    };
    let svg = network::render(&input).unwrap();
    check_common(&svg);
    let t = texts(&svg);
    for label in ["中央", "江苏省", "南通市", "跨时 self"] {
        assert!(t.iter().any(|s| s == label), "{label}: {t:?}");
    }
    assert_eq!(svg, network::render(&input).unwrap());
    let mut bad = input.clone();
    bad.edges[0].target = 9;
    assert!(matches!(
        network::render(&bad),
        Err(crate::error::Error::InvalidArgument(_))
    ));
}
