//! Axes: linear scales from data to pixels, round ticks and their labels, axis lines,
//! gridlines and captions.

use super::*;

/// Linear map from data values to pixels.
#[derive(Debug, Clone, Copy)]
pub struct Scale {
    pub lo: f64,
    pub hi: f64,
    pub px0: f64,
    pub px1: f64,
}

impl Scale {
    pub fn new(lo: f64, hi: f64, px0: i32, px1: i32) -> Self {
        let (lo, hi) = if hi > lo {
            (lo, hi)
        } else {
            (lo - 0.5, lo + 0.5)
        };
        Scale {
            lo,
            hi,
            px0: f64::from(px0),
            px1: f64::from(px1),
        }
    }

    pub fn px(&self, v: f64) -> i32 {
        (self.px0 + (v - self.lo) / (self.hi - self.lo) * (self.px1 - self.px0)).round() as i32
    }
}

/// Range of finite values, widened by `pad` of its span on both sides.
pub fn padded_range(values: impl Iterator<Item = f64>, pad: f64) -> (f64, f64) {
    let (lo, hi) = values
        .filter(|v| v.is_finite())
        .fold((f64::INFINITY, f64::NEG_INFINITY), |(lo, hi), v| {
            (lo.min(v), hi.max(v))
        });
    if !lo.is_finite() {
        return (0.0, 1.0);
    }
    let span = if hi > lo { hi - lo } else { 1.0 };
    (lo - span * pad, hi + span * pad)
}

/// About five round tick values (1, 2, 5 × 10^k steps) inside [lo, hi].
pub fn nice_ticks(lo: f64, hi: f64) -> Vec<f64> {
    if hi <= lo || !lo.is_finite() || !hi.is_finite() {
        return vec![lo];
    }
    let raw = (hi - lo) / 5.0;
    let mag = 10f64.powf(raw.log10().floor());
    // The 1-2-5 step whose tick count comes closest to five.
    let step = [1.0, 2.0, 5.0, 10.0]
        .iter()
        .map(|m| m * mag)
        .min_by(|a, b| {
            let miss = |s: f64| ((hi - lo) / s - 5.0).abs();
            miss(*a).total_cmp(&miss(*b))
        })
        .unwrap_or(mag);
    // A bound that is a multiple of the step up to rounding (0.010000000000000002 for 2 ×
    // 0.005) still gets its tick.
    let first = (lo / step - 1e-9).ceil();
    let last = (hi / step + 1e-9).floor();
    let count = ((last - first) as i64).clamp(0, 50);
    (0..=count)
        .map(|i| {
            let v = (first + i as f64) * step;
            if v.abs() < step * 1e-9 { 0.0 } else { v }
        })
        .collect()
}

/// Tick label with as many decimals as the step needs.
pub fn tick_label(v: f64, ticks: &[f64]) -> String {
    let step = if ticks.len() > 1 {
        (ticks[1] - ticks[0]).abs()
    } else {
        1.0
    };
    let decimals = if step >= 1.0 {
        0
    } else {
        (-step.log10().floor()) as usize
    };
    format!("{v:.decimals$}")
}

/// Horizontal axis at pixel row `y`: baseline, ticks, tick labels, and an optional gridline
/// running up to `grid_top`.
pub fn x_axis(
    area: &Area<'_>,
    scale: &Scale,
    y: i32,
    ticks: &[f64],
    grid_top: Option<i32>,
) -> Result<()> {
    x_axis_with(area, scale, y, ticks, grid_top, &|t| tick_label(t, ticks))
}

/// [`x_axis`] with a caller-chosen tick format (percentages, categories).
pub fn x_axis_with(
    area: &Area<'_>,
    scale: &Scale,
    y: i32,
    ticks: &[f64],
    grid_top: Option<i32>,
    format: &dyn Fn(f64) -> String,
) -> Result<()> {
    let (x0, x1) = (scale.px0 as i32, scale.px1 as i32);
    for &t in ticks {
        let x = scale.px(t);
        if let Some(top) = grid_top {
            line(area, vec![(x, top), (x, y)], GRID_GREY, 1)?;
        }
        line(area, vec![(x, y), (x, y + 4)], AXIS_GREY, 1)?;
        let label = format(t);
        text(
            area,
            &label,
            (x, y + 13),
            TICK_PX,
            BLACK_TEXT,
            Anchor::Middle,
        )?;
    }
    line(area, vec![(x0, y), (x1, y)], AXIS_GREY, 1)
}

/// Vertical axis at pixel column `x`, gridlines running right to `grid_right`.
pub fn y_axis(
    area: &Area<'_>,
    scale: &Scale,
    x: i32,
    ticks: &[f64],
    grid_right: Option<i32>,
) -> Result<()> {
    let (y0, y1) = (scale.px0 as i32, scale.px1 as i32);
    for &t in ticks {
        let y = scale.px(t);
        if let Some(right) = grid_right {
            line(area, vec![(x, y), (right, y)], GRID_GREY, 1)?;
        }
        line(area, vec![(x - 4, y), (x, y)], AXIS_GREY, 1)?;
        let label = tick_label(t, ticks);
        text(area, &label, (x - 6, y), TICK_PX, BLACK_TEXT, Anchor::End)?;
    }
    line(area, vec![(x, y0), (x, y1)], AXIS_GREY, 1)
}

/// Axis caption centred under a horizontal axis whose baseline is at `axis_y`.
pub fn x_title(area: &Area<'_>, s: &str, center_x: i32, axis_y: i32) -> Result<()> {
    text(
        area,
        s,
        (center_x, axis_y + 34),
        LABEL_PX,
        BLACK_TEXT,
        Anchor::Middle,
    )
}

/// Axis caption turned to read bottom-to-top, centred left of a vertical axis.
pub fn y_title(area: &Area<'_>, s: &str, x: i32, center_y: i32) -> Result<()> {
    rotated_text(area, s, (x, center_y), LABEL_PX, Anchor::Middle, false)
}

/// Percent ticks for shares: 0 %, 25 %, … 100 %.
pub fn percent(t: f64) -> String {
    format!("{:.0}%", t * 100.0)
}
