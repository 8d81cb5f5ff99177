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

fn share(label: &str, c: f64, p: f64, q: f64) -> shares::ShareRow {
    shares::ShareRow {
        label: label.to_string(),
        central: c,
        provincial: p,
        peer: q,
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
