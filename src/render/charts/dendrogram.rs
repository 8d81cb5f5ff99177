//! Horizontal dendrogram from scipy-style merges: leaves are rows on the left, merge height
//! runs along the x axis.

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct Dendrogram {
    pub title: String,
    pub x_label: String,
    /// Number of leaves.
    pub n: usize,
    /// Merge `i` joins clusters `a` and `b` into cluster `n + i` at the given height.
    pub merges: Vec<(usize, usize, f64)>,
    /// Leaves top to bottom.
    pub leaf_order: Vec<usize>,
    /// Label per leaf id.
    pub labels: Vec<String>,
    /// Cluster per leaf id, drawn as a coloured marker; empty for none.
    pub clusters: Vec<usize>,
    /// Height at which the tree was cut, drawn as a dashed line.
    pub cut: Option<f64>,
}

impl Dendrogram {
    pub fn new(
        merges: Vec<(usize, usize, f64)>,
        leaf_order: Vec<usize>,
        labels: Vec<String>,
    ) -> Self {
        Dendrogram {
            title: "层次聚类 Hierarchical clustering".to_string(),
            x_label: "余弦距离 cosine distance".to_string(),
            n: labels.len(),
            merges,
            leaf_order,
            labels,
            clusters: Vec::new(),
            cut: None,
        }
    }
}

const ROW: i32 = 22;
const MAX_LABEL: f64 = 220.0;

fn validate(d: &Dendrogram) -> Result<()> {
    check_size(d.n, "dendrogram")?;
    if let Some(cut) = d.cut.filter(|c| !c.is_finite()) {
        return Err(invalid(format!("dendrogram: cut {cut} is not finite")));
    }
    let n = d.n;
    if d.labels.len() != n {
        return Err(invalid(format!(
            "dendrogram: {} labels for {n} leaves",
            d.labels.len()
        )));
    }
    if !d.clusters.is_empty() && d.clusters.len() != n {
        return Err(invalid(format!(
            "dendrogram: {} clusters for {n} leaves",
            d.clusters.len()
        )));
    }
    let mut seen = vec![false; n];
    for &leaf in &d.leaf_order {
        if leaf >= n || std::mem::replace(&mut seen[leaf], true) {
            return Err(invalid(format!(
                "dendrogram: leaf order is not a permutation of 0..{n}"
            )));
        }
    }
    if d.leaf_order.len() != n {
        return Err(invalid(format!(
            "dendrogram: leaf order has {} of {n} leaves",
            d.leaf_order.len()
        )));
    }
    if n > 0 && d.merges.len() != n - 1 {
        return Err(invalid(format!(
            "dendrogram: {} merges for {n} leaves, expected {}",
            d.merges.len(),
            n - 1
        )));
    }
    let mut used = vec![false; 2 * n];
    for (i, &(a, b, h)) in d.merges.iter().enumerate() {
        let fresh =
            |c: usize, used: &mut Vec<bool>| c < n + i && !std::mem::replace(&mut used[c], true);
        if a == b || !fresh(a, &mut used) || !fresh(b, &mut used) || !h.is_finite() || h < 0.0 {
            return Err(invalid(format!(
                "dendrogram: merge {i} ({a}, {b}, {h}) is not valid"
            )));
        }
    }
    Ok(())
}

/// Pixel row of every node: leaves by their order, merges midway between their children.
fn node_rows(d: &Dendrogram, top: i32) -> Vec<f64> {
    let mut rows = vec![0.0; d.n + d.merges.len()];
    for (pos, &leaf) in d.leaf_order.iter().enumerate() {
        rows[leaf] = f64::from(top + pos as i32 * ROW + ROW / 2);
    }
    for (i, &(a, b, _)) in d.merges.iter().enumerate() {
        rows[d.n + i] = (rows[a] + rows[b]) / 2.0;
    }
    rows
}

pub fn render(input: &Dendrogram) -> Result<String> {
    validate(input)?;
    if input.n == 0 {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let marker = if input.clusters.is_empty() { 0 } else { 14 };
    let left = 12 + label_width(&input.labels, TICK_PX, MAX_LABEL).ceil() as i32 + 8 + marker;
    let right = width - 30;
    let top = if input.cut.is_some() { 60 } else { 44 };
    let bottom = top + ROW * input.n as i32 + 6;
    let height = bottom + 56;
    let max_h = input
        .merges
        .iter()
        .map(|m| m.2)
        .chain(input.cut)
        .fold(0.0, f64::max);
    let sx = Scale::new(
        0.0,
        if max_h > 0.0 { max_h * 1.05 } else { 1.0 },
        left,
        right,
    );
    let rows = node_rows(input, top);
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        x_axis(area, &sx, bottom, &nice_ticks(sx.lo, sx.hi), Some(top))?;
        x_title(area, &input.x_label, (left + right) / 2, bottom)?;
        draw_leaves(area, input, &rows, left, marker)?;
        let heights: Vec<f64> = (0..input.n)
            .map(|_| 0.0)
            .chain(input.merges.iter().map(|m| m.2))
            .collect();
        for &(a, b, h) in &input.merges {
            let x = sx.px(h);
            let (ya, yb) = (rows[a].round() as i32, rows[b].round() as i32);
            line(
                area,
                vec![
                    (sx.px(heights[a]), ya),
                    (x, ya),
                    (x, yb),
                    (sx.px(heights[b]), yb),
                ],
                BLACK_TEXT,
                2,
            )?;
        }
        if let Some(cut) = input.cut {
            let (x, colour) = (sx.px(cut), Origin::Central.color());
            dashed_vertical(area, x, top, bottom, colour)?;
            let note = format!("切分 cut = {cut:.2}");
            text(area, &note, (x, top - 10), TICK_PX, colour, Anchor::Middle)?;
        }
        Ok(())
    })
}

fn draw_leaves(
    area: &Area<'_>,
    d: &Dendrogram,
    rows: &[f64],
    left: i32,
    marker: i32,
) -> Result<()> {
    for &leaf in &d.leaf_order {
        let y = rows[leaf].round() as i32;
        let label = fit(&d.labels[leaf], TICK_PX, MAX_LABEL);
        text(
            area,
            &label,
            (left - 6 - marker, y),
            TICK_PX,
            BLACK_TEXT,
            Anchor::End,
        )?;
        if let Some(&c) = d.clusters.get(leaf) {
            fill_rect(
                area,
                (left - 16, y - 5),
                (left - 6, y + 5),
                category_color(c),
            )?;
        }
    }
    Ok(())
}

fn dashed_vertical(
    area: &Area<'_>,
    x: i32,
    top: i32,
    bottom: i32,
    colour: plotters::style::RGBColor,
) -> Result<()> {
    let mut y = top;
    while y < bottom {
        line(area, vec![(x, y), (x, (y + 6).min(bottom))], colour, 2)?;
        y += 10;
    }
    Ok(())
}
