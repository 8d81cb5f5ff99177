//! PCA scatter: one labelled point per document, coloured by cluster.

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct ScatterPoint {
    pub label: String,
    pub x: f64,
    pub y: f64,
    pub cluster: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Scatter {
    pub title: String,
    pub points: Vec<ScatterPoint>,
    /// Fractions of variance explained by the two components, for the axis labels.
    pub explained: (f64, f64),
    /// Names by cluster id; empty gives "簇 cluster 1", "簇 cluster 2", ….
    pub cluster_names: Vec<String>,
    /// Print each point's label beside it (off for samples of many points).
    pub label_points: bool,
    /// Marker radius in pixels.
    pub radius: i32,
}

impl Scatter {
    pub fn new(points: Vec<ScatterPoint>, explained: (f64, f64)) -> Self {
        Scatter {
            title: "主成分 PCA of documents".to_string(),
            points,
            explained,
            cluster_names: Vec::new(),
            label_points: true,
            radius: R,
        }
    }

    fn cluster_name(&self, c: usize) -> String {
        self.cluster_names
            .get(c)
            .cloned()
            .unwrap_or_else(|| format!("簇 cluster {}", c + 1))
    }
}

const HEIGHT: i32 = 560;
const MAX_LABEL: f64 = 160.0;
const R: i32 = 5;

fn validate(input: &Scatter) -> Result<()> {
    check_size(input.points.len(), "scatter")?;
    if let Some(p) = input
        .points
        .iter()
        .find(|p| !p.x.is_finite() || !p.y.is_finite())
    {
        return Err(invalid(format!("scatter: point {} is not finite", p.label)));
    }
    let named = input.cluster_names.len();
    if named > 0
        && let Some(p) = input.points.iter().find(|p| p.cluster >= named)
    {
        return Err(invalid(format!(
            "scatter: point {} has cluster {} but only {named} cluster names",
            p.label, p.cluster
        )));
    }
    Ok(())
}

pub fn render(input: &Scatter) -> Result<String> {
    validate(input)?;
    if input.points.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let mut clusters: Vec<usize> = input.points.iter().map(|p| p.cluster).collect();
    clusters.sort_unstable();
    clusters.dedup();
    let items: Vec<LegendItem> = clusters
        .iter()
        .map(|&c| LegendItem {
            label: input.cluster_name(c),
            color: category_color(c),
        })
        .collect();
    let legend_top = 34;
    let top = legend_top + legend_height(&items, width - 40) + 14;
    let (left, right, bottom) = (78, width - 24, HEIGHT - 64);
    // Generous padding leaves room for labels beside the outermost points.
    let (xlo, xhi) = padded_range(input.points.iter().map(|p| p.x), 0.12);
    let (ylo, yhi) = padded_range(input.points.iter().map(|p| p.y), 0.08);
    let sx = Scale::new(xlo, xhi, left, right);
    let sy = Scale::new(ylo, yhi, bottom, top);
    let x_label = format!("PC1 ({:.1}%)", input.explained.0 * 100.0);
    let y_label = format!("PC2 ({:.1}%)", input.explained.1 * 100.0);
    draw_svg(width as u32, HEIGHT as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        legend(area, &items, width / 2, legend_top, width - 40)?;
        x_axis(area, &sx, bottom, &nice_ticks(xlo, xhi), Some(top))?;
        y_axis(area, &sy, left, &nice_ticks(ylo, yhi), Some(right))?;
        x_title(area, &x_label, (left + right) / 2, bottom)?;
        y_title(area, &y_label, 22, (top + bottom) / 2)?;
        let centres: Vec<(i32, i32)> = input
            .points
            .iter()
            .map(|p| (sx.px(p.x), sy.px(p.y)))
            .collect();
        for (p, &c) in input.points.iter().zip(&centres) {
            dot(area, c, input.radius, category_color(p.cluster))?;
        }
        if !input.label_points {
            return Ok(());
        }
        let bounds = Rect {
            x0: left,
            y0: top,
            x1: right,
            y1: bottom,
        };
        let mut placed: Vec<Rect> = centres
            .iter()
            .map(|&(x, y)| Rect {
                x0: x - R,
                y0: y - R,
                x1: x + R,
                y1: y + R,
            })
            .collect();
        for (p, &c) in input.points.iter().zip(&centres) {
            let label = fit(&p.label, TICK_PX, MAX_LABEL);
            let (at, anchor, rect) = place_label(&label, c, &placed, &bounds);
            placed.push(rect);
            text(area, &label, at, TICK_PX, BLACK_TEXT, anchor)?;
        }
        Ok(())
    })
}

#[derive(Debug, Clone, Copy)]
struct Rect {
    x0: i32,
    y0: i32,
    x1: i32,
    y1: i32,
}

impl Rect {
    fn overlap(&self, o: &Rect) -> i64 {
        let w = (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0);
        let h = (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0);
        i64::from(w) * i64::from(h)
    }

    fn outside(&self, b: &Rect) -> i64 {
        let area = i64::from(self.x1 - self.x0) * i64::from(self.y1 - self.y0);
        area - self.overlap(b)
    }
}

/// Greedy placement: the first of eight positions around the point that collides least with
/// points and labels already placed and stays inside the plot.
fn place_label(
    label: &str,
    c: (i32, i32),
    placed: &[Rect],
    bounds: &Rect,
) -> ((i32, i32), Anchor, Rect) {
    let w = text_width(label, TICK_PX).ceil() as i32;
    let h = TICK_PX as i32 + 2;
    let gap = R + 3;
    let candidates = [
        (c.0 + gap, c.1, Anchor::Start),
        (c.0 - gap, c.1, Anchor::End),
        (c.0, c.1 - gap - h / 2, Anchor::Middle),
        (c.0, c.1 + gap + h / 2, Anchor::Middle),
        (c.0 + gap, c.1 - gap - h / 2 + 4, Anchor::Start),
        (c.0 + gap, c.1 + gap + h / 2 - 4, Anchor::Start),
        (c.0 - gap, c.1 - gap - h / 2 + 4, Anchor::End),
        (c.0 - gap, c.1 + gap + h / 2 - 4, Anchor::End),
    ];
    let boxed = |&(x, y, a): &(i32, i32, Anchor)| {
        let x0 = match a {
            Anchor::Start => x,
            Anchor::Middle => x - w / 2,
            Anchor::End => x - w,
        };
        Rect {
            x0,
            y0: y - h / 2,
            x1: x0 + w,
            y1: y + h / 2,
        }
    };
    let cost = |r: &Rect| placed.iter().map(|p| r.overlap(p)).sum::<i64>() + 4 * r.outside(bounds);
    let best = candidates
        .iter()
        .min_by_key(|cand| cost(&boxed(cand)))
        .copied()
        .unwrap_or(candidates[0]);
    ((best.0, best.1), best.2, boxed(&best))
}
