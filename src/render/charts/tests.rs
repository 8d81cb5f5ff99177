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
