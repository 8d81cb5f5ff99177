//! A line chart with markers, e.g. silhouette by k with the chosen k highlighted.

use super::theme::*;
use crate::error::Result;

#[derive(Debug, Clone, PartialEq)]
pub struct Curve {
    pub title: String,
    pub x_label: String,
    pub y_label: String,
    /// (x, y) in drawing order; non-finite y leaves a gap.
    pub points: Vec<(f64, f64)>,
    /// The x value to mark (the chosen k).
    pub highlight: Option<f64>,
}

const HEIGHT: i32 = 400;
/// Integer x values are used as ticks directly up to this many.
const MAX_DIRECT_TICKS: usize = 20;

fn x_ticks(xs: &[f64], lo: f64, hi: f64) -> Vec<f64> {
    let integral = xs.iter().all(|x| x.fract() == 0.0);
    let mut unique: Vec<f64> = xs.to_vec();
    unique.sort_by(f64::total_cmp);
    unique.dedup();
    if integral && unique.len() <= MAX_DIRECT_TICKS {
        unique
    } else {
        nice_ticks(lo, hi)
    }
}

pub fn render(input: &Curve) -> Result<String> {
    check_size(input.points.len(), "curve")?;
    if let Some((x, _)) = input.points.iter().find(|(x, _)| !x.is_finite()) {
        return Err(invalid(format!("curve: x value {x} is not finite")));
    }
    if input.points.iter().all(|(_, y)| !y.is_finite()) {
        return no_data(&input.title);
    }
    let width = DEFAULT_WIDTH as i32;
    let (left, right, top, bottom) = (78, width - 28, 44, HEIGHT - 64);
    let xs: Vec<f64> = input.points.iter().map(|p| p.0).collect();
    let (xlo, xhi) = padded_range(xs.iter().copied(), 0.05);
    let (ylo, yhi) = padded_range(input.points.iter().map(|p| p.1), 0.1);
    let sx = Scale::new(xlo, xhi, left, right);
    let sy = Scale::new(ylo, yhi, bottom, top);
    let xt = x_ticks(&xs, xlo, xhi);
    draw_svg(width as u32, HEIGHT as u32, |area| {
        draw_title(area, &input.title, width as u32)?;
        x_axis(area, &sx, bottom, &xt, Some(top))?;
        y_axis(area, &sy, left, &nice_ticks(ylo, yhi), Some(right))?;
        x_title(area, &input.x_label, (left + right) / 2, bottom)?;
        y_title(area, &input.y_label, 22, (top + bottom) / 2)?;
        let colour = Origin::Provincial.color();
        for segment in input.points.split(|(_, y)| !y.is_finite()) {
            let pts: Vec<(i32, i32)> = segment.iter().map(|&(x, y)| (sx.px(x), sy.px(y))).collect();
            line(area, pts, colour, 2)?;
        }
        for &(x, y) in input.points.iter().filter(|(_, y)| y.is_finite()) {
            dot(area, (sx.px(x), sy.px(y)), 4, colour)?;
        }
        draw_highlight(area, input, &sx, &sy, &xt)
    })
}

fn draw_highlight(
    area: &Area<'_>,
    input: &Curve,
    sx: &Scale,
    sy: &Scale,
    xt: &[f64],
) -> Result<()> {
    let Some(h) = input.highlight else {
        return Ok(());
    };
    let Some(&(x, y)) = input.points.iter().find(|(x, y)| *x == h && y.is_finite()) else {
        return Ok(());
    };
    let at = (sx.px(x), sy.px(y));
    let mark = Origin::Central.color();
    dot(area, at, 7, mark)?;
    let note = format!("选定 chosen: {}", tick_label(x, xt));
    // Keep the note inside the plot: put it left of points in the right half.
    let right_half = f64::from(at.0) > (sx.px0 + sx.px1) / 2.0;
    let (dx, anchor) = if right_half {
        (-12, Anchor::End)
    } else {
        (12, Anchor::Start)
    };
    text(area, &note, (at.0 + dx, at.1 - 14), LABEL_PX, mark, anchor)
}
