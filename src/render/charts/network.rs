//! The who-copies-whom network: units as nodes placed by level (the centre on top, provinces
//! below, local units at the bottom), edges coloured by origin with widths growing with the
//! characters reused; a unit's reuse of its own earlier text (`self`) is a ring around it.

use plotters::prelude::*;

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct NetNode {
    pub label: String,
    /// 0 centre, 1 province, 2 local unit.
    pub row: u8,
    pub documents: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct NetEdge {
    pub source: usize,
    pub target: usize,
    pub origin: Origin,
    pub chars: usize,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Network {
    pub title: String,
    pub nodes: Vec<NetNode>,
    pub edges: Vec<NetEdge>,
}

const ROW_GAP: i32 = 150;
/// Room on the left for the row names (中央 centre, 省级 provinces, 地方 local), which nodes
/// must not cover.
const ROW_LABELS: i32 = 110;

fn validate(n: &Network) -> Result<()> {
    check_size(n.nodes.len(), "network nodes")?;
    check_size(n.edges.len(), "network edges")?;
    if let Some(e) = n
        .edges
        .iter()
        .find(|e| e.source >= n.nodes.len() || e.target >= n.nodes.len())
    {
        return Err(invalid(format!(
            "network: edge {} → {} names a node beyond the {} given",
            e.source,
            e.target,
            n.nodes.len()
        )));
    }
    if let Some(node) = n.nodes.iter().find(|x| x.row > 2) {
        return Err(invalid(format!(
            "network: node {} has row {}",
            node.label, node.row
        )));
    }
    Ok(())
}

/// Node positions: each row's nodes spread evenly across the width, in the order given.
fn layout(n: &Network, width: i32, top: i32) -> Vec<(i32, i32)> {
    let mut pos = vec![(0, 0); n.nodes.len()];
    for row in 0..=2u8 {
        let members: Vec<usize> = (0..n.nodes.len())
            .filter(|&i| n.nodes[i].row == row)
            .collect();
        let k = members.len() as i32;
        for (j, &i) in members.iter().enumerate() {
            let x = ROW_LABELS + (width - ROW_LABELS - 40) * (2 * j as i32 + 1) / (2 * k.max(1));
            pos[i] = (x, top + ROW_GAP * i32::from(row));
        }
    }
    pos
}

fn radius(documents: usize) -> i32 {
    4 + (documents as f64).sqrt().min(6.0).round() as i32
}

pub fn render(input: &Network) -> Result<String> {
    validate(input)?;
    if input.nodes.is_empty() {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let top = 64;
    let pos = layout(input, width, top);
    let max_chars = input
        .edges
        .iter()
        .map(|e| e.chars)
        .max()
        .unwrap_or(1)
        .max(1) as f64;
    let stroke = |chars: usize| 1 + (5.0 * (chars as f64 / max_chars).sqrt()).round() as u32;
    let items: Vec<LegendItem> = [
        Origin::Central,
        Origin::Provincial,
        Origin::Peer,
        Origin::SelfReuse,
    ]
    .iter()
    .map(|o| LegendItem {
        label: o.label().to_string(),
        color: o.color(),
    })
    .collect();
    let local_labels = input.nodes.iter().filter(|n| n.row == 2).count();
    let label_room = if local_labels > 12 { 110 } else { 40 };
    let legend_top = top + 2 * ROW_GAP + label_room;
    let height = legend_top + legend_height(&items, width - 40) + 30;
    draw_svg(width as u32, height as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        for (i, row) in ["中央 centre", "省级 provinces", "地方 local"]
            .iter()
            .enumerate()
        {
            text(
                area,
                row,
                (8, top + ROW_GAP * i as i32 - 22),
                TICK_PX,
                AXIS_GREY,
                Anchor::Start,
            )?;
        }
        // Thin edges first so that heavy ones stay visible.
        let mut order: Vec<&NetEdge> = input.edges.iter().collect();
        order.sort_by_key(|e| (e.chars, e.source, e.target));
        for e in order {
            let (a, b) = (pos[e.source], pos[e.target]);
            let style = e.origin.color().mix(0.6).stroke_width(stroke(e.chars));
            let points = if e.source == e.target {
                let r = radius(input.nodes[e.source].documents) + 4;
                ring(a, r)
            } else if a.1 == b.1 {
                arc(a, b, input.nodes[e.source].row == 2)
            } else {
                vec![a, b]
            };
            area.draw(&PathElement::new(points, style))
                .map_err(plot_err)?;
        }
        for (i, node) in input.nodes.iter().enumerate() {
            let (x, y) = pos[i];
            dot(area, (x, y), radius(node.documents), AXIS_GREY)?;
            let label = fit(&node.label, TICK_PX, 100.0);
            if node.row == 2 && local_labels > 12 {
                rotated_text(area, &label, (x, y + 12), TICK_PX, Anchor::Start, true)?;
            } else {
                let dy = if node.row == 2 { 18 } else { -16 };
                text(
                    area,
                    &label,
                    (x, y + dy),
                    TICK_PX,
                    BLACK_TEXT,
                    Anchor::Middle,
                )?;
            }
        }
        legend(area, &items, width / 2, legend_top, width - 40)?;
        Ok(())
    })
}

/// A circle of radius `r` around `c`, as a closed path.
fn ring(c: (i32, i32), r: i32) -> Vec<(i32, i32)> {
    (0..=24)
        .map(|k| {
            let t = f64::from(k) / 24.0 * std::f64::consts::TAU;
            (
                c.0 + (f64::from(r) * t.cos()).round() as i32,
                c.1 + (f64::from(r) * t.sin()).round() as i32,
            )
        })
        .collect()
}

/// A curve between two nodes of one row, bulging away from the labels: below the upper rows,
/// above the bottom row; left-to-right edges bulge further than right-to-left ones, so the two
/// directions stay apart.
fn arc(a: (i32, i32), b: (i32, i32), up: bool) -> Vec<(i32, i32)> {
    let span = f64::from((b.0 - a.0).abs());
    let direction = if b.0 > a.0 { 1.0 } else { 0.6 };
    let bulge = (span * 0.25).clamp(14.0, 60.0) * direction * if up { -1.0 } else { 1.0 };
    (0..=16)
        .map(|k| {
            let t = f64::from(k) / 16.0;
            let x = f64::from(a.0) + (f64::from(b.0) - f64::from(a.0)) * t;
            let y = f64::from(a.1) + bulge * 4.0 * t * (1.0 - t);
            (x.round() as i32, y.round() as i32)
        })
        .collect()
}
