//! Shared look of every chart: fonts, palettes, text-width estimates and small drawing helpers
//! that work in pixel coordinates, so each chart lays itself out from its own width estimates
//! instead of plotters' byte-count guess (which triples the width of Chinese text).

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};

/// CJK-capable fonts first so Chinese labels render wherever the SVG is opened.
pub const FONT_FAMILY: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"PingFang SC\", \"Microsoft YaHei\", sans-serif";

/// A paper column at 96 dpi is about 7.5 in.
pub const DEFAULT_WIDTH: u32 = 720;

pub const TITLE_PX: f64 = 16.0;
pub const LABEL_PX: f64 = 14.0;
pub const TICK_PX: f64 = 12.0;

pub const BLACK_TEXT: RGBColor = RGBColor(0x22, 0x22, 0x22);
pub const AXIS_GREY: RGBColor = RGBColor(0x55, 0x55, 0x55);
pub const GRID_GREY: RGBColor = RGBColor(0xE3, 0xE3, 0xE3);
pub const MISSING_GREY: RGBColor = RGBColor(0xCC, 0xCC, 0xCC);

pub use crate::reuse::Origin;

/// How each origin looks; the colours are fixed so every chart (and the HTML) agrees.
impl Origin {
    /// Okabe–Ito colours; "own" is grey because it is the unremarkable remainder.
    pub fn color(self) -> RGBColor {
        match self {
            Origin::Central => RGBColor(0xD5, 0x5E, 0x00),
            Origin::Provincial => RGBColor(0x00, 0x72, 0xB2),
            Origin::Peer => RGBColor(0x00, 0x9E, 0x73),
            Origin::SelfReuse => RGBColor(0xCC, 0x79, 0xA7),
            Origin::Own => RGBColor(0xBB, 0xBB, 0xBB),
        }
    }

    /// Text colour with the better contrast on this origin's fill.
    pub fn ink(self) -> RGBColor {
        match self {
            Origin::Provincial => WHITE,
            _ => BLACK_TEXT,
        }
    }

    pub fn label(self) -> &'static str {
        match self {
            Origin::Central => "中央 central",
            Origin::Provincial => "省级 provincial",
            Origin::Peer => "同级 peer",
            Origin::SelfReuse => "跨时 self",
            Origin::Own => "自有 own",
        }
    }
}

const OKABE_ITO: [RGBColor; 8] = [
    RGBColor(0xE6, 0x9F, 0x00),
    RGBColor(0x56, 0xB4, 0xE9),
    RGBColor(0x00, 0x9E, 0x73),
    RGBColor(0xF0, 0xE4, 0x42),
    RGBColor(0x00, 0x72, 0xB2),
    RGBColor(0xD5, 0x5E, 0x00),
    RGBColor(0xCC, 0x79, 0xA7),
    RGBColor(0x00, 0x00, 0x00),
];

/// Categorical colour for clusters and documents, cycling after eight.
pub fn category_color(i: usize) -> RGBColor {
    OKABE_ITO[i % OKABE_ITO.len()]
}

/// White → dark blue (#08306B) ramp; values are clamped to [0, 1], NaN gives grey.
pub fn sequential(t: f64) -> RGBColor {
    if !t.is_finite() {
        return MISSING_GREY;
    }
    let t = t.clamp(0.0, 1.0);
    let mix = |a: u8, b: u8| (f64::from(a) + (f64::from(b) - f64::from(a)) * t).round() as u8;
    RGBColor(mix(0xFF, 0x08), mix(0xFF, 0x30), mix(0xFF, 0x6B))
}

/// Text drawn on a sequential-scale cell must flip to white where the cell gets dark.
pub fn text_on(t: f64) -> RGBColor {
    if t.is_finite() && t > 0.55 {
        WHITE
    } else {
        BLACK_TEXT
    }
}

pub fn is_wide(c: char) -> bool {
    matches!(c as u32,
        0x1100..=0x115F | 0x2E80..=0xA4CF | 0xAC00..=0xD7A3 | 0xF900..=0xFAFF
        | 0xFE30..=0xFE4F | 0xFF00..=0xFF60 | 0xFFE0..=0xFFE6 | 0x20000..=0x3FFFD)
}

/// Width estimate in px: CJK ≈ 1 em, everything else ≈ 0.55 em.
pub fn text_width(s: &str, px: f64) -> f64 {
    s.chars()
        .map(|c| if is_wide(c) { 1.0 } else { 0.55 })
        .sum::<f64>()
        * px
}

/// Cuts `s` with an ellipsis so it fits `max` px; layout then never depends on label length.
pub fn fit(s: &str, px: f64, max: f64) -> String {
    if text_width(s, px) <= max {
        return s.to_string();
    }
    let budget = max - text_width("…", px);
    let mut out = String::new();
    let mut used = 0.0;
    for c in s.chars() {
        let w = text_width(c.encode_utf8(&mut [0; 4]), px);
        if used + w > budget {
            break;
        }
        used += w;
        out.push(c);
    }
    out.push('…');
    out
}

/// Widest label after fitting, capped at `max`.
pub fn label_width(labels: &[String], px: f64, max: f64) -> f64 {
    labels
        .iter()
        .map(|l| text_width(l, px).min(max))
        .fold(0.0, f64::max)
}

pub type Area<'a> = DrawingArea<SVGBackend<'a>, Shift>;

pub fn plot_err<E: std::fmt::Display>(e: E) -> Error {
    Error::Internal(format!("plotting: {e}"))
}

pub fn invalid(msg: impl Into<String>) -> Error {
    Error::InvalidArgument(msg.into())
}

/// Charts stop being readable (and pixel arithmetic could overflow) long before this.
pub const MAX_ITEMS: usize = 5000;

/// Rejects inputs too large to draw: `count` rows/columns/points of `what`.
pub fn check_size(count: usize, what: &str) -> Result<()> {
    if count > MAX_ITEMS {
        return Err(invalid(format!(
            "{what}: {count} items, at most {MAX_ITEMS} can be drawn"
        )));
    }
    Ok(())
}

/// Runs `draw` on a white canvas and returns the finished SVG.
pub fn draw_svg<F>(width: u32, height: u32, draw: F) -> Result<String>
where
    F: FnOnce(&Area<'_>) -> Result<()>,
{
    let mut svg = String::new();
    {
        let root = SVGBackend::with_string(&mut svg, (width, height)).into_drawing_area();
        root.fill(&WHITE).map_err(plot_err)?;
        draw(&root)?;
        root.present().map_err(plot_err)?;
    }
    Ok(svg)
}

/// Valid SVG carrying the chart title and a "no data" notice.
pub fn no_data(title: &str) -> Result<String> {
    draw_svg(DEFAULT_WIDTH, 160, |area| {
        draw_title(area, title, DEFAULT_WIDTH)?;
        let at = (DEFAULT_WIDTH as i32 / 2, 95);
        text(
            area,
            "无数据 no data",
            at,
            LABEL_PX,
            AXIS_GREY,
            Anchor::Middle,
        )
    })
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Anchor {
    Start,
    Middle,
    End,
}

fn styled(px: f64, color: RGBColor, anchor: Anchor, weight: FontStyle) -> TextStyle<'static> {
    let h = match anchor {
        Anchor::Start => HPos::Left,
        Anchor::Middle => HPos::Center,
        Anchor::End => HPos::Right,
    };
    // plotters-svg divides the size by 1.24 when writing font-size.
    (FONT_FAMILY, px * 1.24, weight)
        .into_font()
        .color(&color)
        .pos(Pos::new(h, VPos::Center))
}

/// Text vertically centred on `at`.
pub fn text(
    area: &Area<'_>,
    s: &str,
    at: (i32, i32),
    px: f64,
    color: RGBColor,
    anchor: Anchor,
) -> Result<()> {
    let st = styled(px, color, anchor, FontStyle::Normal);
    area.draw(&Text::new(s.to_string(), at, st))
        .map_err(plot_err)
}

pub fn bold_text(area: &Area<'_>, s: &str, at: (i32, i32), px: f64, anchor: Anchor) -> Result<()> {
    let st = styled(px, BLACK_TEXT, anchor, FontStyle::Bold);
    area.draw(&Text::new(s.to_string(), at, st))
        .map_err(plot_err)
}

/// Text turned a quarter: `down` reads top-to-bottom (natural for CJK), otherwise bottom-to-top.
pub fn rotated_text(
    area: &Area<'_>,
    s: &str,
    at: (i32, i32),
    px: f64,
    anchor: Anchor,
    down: bool,
) -> Result<()> {
    let turn = if down {
        FontTransform::Rotate90
    } else {
        FontTransform::Rotate270
    };
    let st = styled(px, BLACK_TEXT, anchor, FontStyle::Normal).transform(turn);
    area.draw(&Text::new(s.to_string(), at, st))
        .map_err(plot_err)
}

pub fn draw_title(area: &Area<'_>, title: &str, width: u32) -> Result<()> {
    let t = fit(title, TITLE_PX, f64::from(width) - 20.0);
    bold_text(area, &t, (width as i32 / 2, 18), TITLE_PX, Anchor::Middle)
}

pub fn fill_rect(area: &Area<'_>, a: (i32, i32), b: (i32, i32), color: RGBColor) -> Result<()> {
    area.draw(&Rectangle::new([a, b], color.filled()))
        .map_err(plot_err)
}

pub fn outline_rect(area: &Area<'_>, a: (i32, i32), b: (i32, i32), color: RGBColor) -> Result<()> {
    area.draw(&Rectangle::new([a, b], color.stroke_width(1)))
        .map_err(plot_err)
}

pub fn line(area: &Area<'_>, points: Vec<(i32, i32)>, color: RGBColor, width: u32) -> Result<()> {
    area.draw(&PathElement::new(points, color.stroke_width(width)))
        .map_err(plot_err)
}

pub fn dot(area: &Area<'_>, at: (i32, i32), r: i32, color: RGBColor) -> Result<()> {
    area.draw(&Circle::new(at, r, color.filled()))
        .map_err(plot_err)?;
    // A white rim keeps overlapping markers distinguishable.
    area.draw(&Circle::new(at, r, WHITE.stroke_width(1)))
        .map_err(plot_err)
}

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
    let first = (lo / step).ceil();
    let last = (hi / step).floor();
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

/// One legend entry: a colour swatch and its label.
pub struct LegendItem {
    pub label: String,
    pub color: RGBColor,
}

const SWATCH: i32 = 12;
const LEGEND_ROW: i32 = 20;

fn legend_item_width(item: &LegendItem) -> i32 {
    SWATCH + 6 + text_width(&item.label, TICK_PX).ceil() as i32 + 16
}

/// Height a wrapped legend needs within `max_width`.
pub fn legend_height(items: &[LegendItem], max_width: i32) -> i32 {
    legend_rows(items, max_width).len() as i32 * LEGEND_ROW
}

fn legend_rows(items: &[LegendItem], max_width: i32) -> Vec<Vec<&LegendItem>> {
    let mut rows: Vec<Vec<&LegendItem>> = Vec::new();
    let mut used = 0;
    for item in items {
        let w = legend_item_width(item);
        match rows.last_mut() {
            Some(row) if used + w <= max_width => {
                row.push(item);
                used += w;
            }
            _ => {
                rows.push(vec![item]);
                used = w;
            }
        }
    }
    rows
}

/// Legend wrapped into centred rows starting at pixel row `top`; returns the height used.
pub fn legend(
    area: &Area<'_>,
    items: &[LegendItem],
    center_x: i32,
    top: i32,
    max_width: i32,
) -> Result<i32> {
    let rows = legend_rows(items, max_width);
    for (r, row) in rows.iter().enumerate() {
        let total: i32 = row.iter().map(|i| legend_item_width(i)).sum::<i32>() - 16;
        let mut x = center_x - total / 2;
        let y = top + r as i32 * LEGEND_ROW + LEGEND_ROW / 2;
        for item in row {
            fill_rect(
                area,
                (x, y - SWATCH / 2),
                (x + SWATCH, y + SWATCH / 2),
                item.color,
            )?;
            text(
                area,
                &item.label,
                (x + SWATCH + 6, y),
                TICK_PX,
                BLACK_TEXT,
                Anchor::Start,
            )?;
            x += legend_item_width(item);
        }
    }
    Ok(rows.len() as i32 * LEGEND_ROW)
}

/// Vertical colour bar for the sequential scale, `lo` at the bottom.
pub fn colour_bar(
    area: &Area<'_>,
    x: i32,
    top: i32,
    height: i32,
    lo: f64,
    hi: f64,
    caption: &str,
) -> Result<()> {
    const STEPS: i32 = 50;
    let w = 14;
    for s in 0..STEPS {
        let y0 = top + height - (s + 1) * height / STEPS;
        let y1 = top + height - s * height / STEPS;
        let t = (f64::from(s) + 0.5) / f64::from(STEPS);
        fill_rect(area, (x, y0), (x + w, y1), sequential(t))?;
    }
    outline_rect(area, (x, top), (x + w, top + height), AXIS_GREY)?;
    let scale = Scale::new(lo, hi, top + height, top);
    let ticks = nice_ticks(lo, hi);
    for &t in &ticks {
        let y = scale.px(t);
        line(area, vec![(x + w, y), (x + w + 4, y)], AXIS_GREY, 1)?;
        let label = tick_label(t, &ticks);
        text(
            area,
            &label,
            (x + w + 6, y),
            TICK_PX,
            BLACK_TEXT,
            Anchor::Start,
        )?;
    }
    text(
        area,
        caption,
        (x, top - 12),
        TICK_PX,
        BLACK_TEXT,
        Anchor::Start,
    )
}

/// Legend entries for the five origins in their fixed order.
pub fn origin_legend() -> Vec<LegendItem> {
    Origin::ALL
        .iter()
        .map(|o| LegendItem {
            label: o.label().to_string(),
            color: o.color(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_count_cjk_as_one_em() {
        assert_eq!(text_width("常州", 10.0), 20.0);
        assert!((text_width("ab", 10.0) - 11.0).abs() < 1e-9);
    }

    #[test]
    fn fit_truncates_with_ellipsis() {
        let s = fit("常州市人民政府办公室", 10.0, 50.0);
        assert!(s.ends_with('…'));
        assert!(text_width(&s, 10.0) <= 50.0);
        assert_eq!(fit("常州", 10.0, 50.0), "常州");
    }

    #[test]
    fn ramp_ends() {
        assert_eq!(sequential(0.0), WHITE);
        assert_eq!(sequential(1.0), RGBColor(0x08, 0x30, 0x6B));
        assert_eq!(sequential(f64::NAN), MISSING_GREY);
    }

    #[test]
    fn ticks_are_round() {
        let t = nice_ticks(0.0, 1.0);
        let labels: Vec<String> = t.iter().map(|v| tick_label(*v, &t)).collect();
        assert_eq!(labels, ["0.0", "0.2", "0.4", "0.6", "0.8", "1.0"]);
        assert_eq!(nice_ticks(2.0, 10.0), vec![2.0, 4.0, 6.0, 8.0, 10.0]);
    }
}
