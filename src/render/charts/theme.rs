//! Shared look of every chart: fonts, the origin colours (the one definition, which the HTML
//! palette also comes from), categorical and sequential palettes, and text-width estimates, so
//! each chart lays itself out from its own width estimates instead of plotters' byte-count guess
//! (which triples the width of Chinese text). The helpers that draw with this look are in
//! `theme/` (`draw`, `axes`, `legend`) and re-exported here, so a chart needs one import.

use plotters::coord::Shift;
use plotters::prelude::*;
use plotters::style::FontTransform;
use plotters::style::text_anchor::{HPos, Pos, VPos};

use crate::error::{Error, Result};

mod axes;
mod draw;
mod legend;

pub use axes::*;
pub use draw::*;
pub use legend::*;

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

    /// [`Origin::color`] as CSS hex (`#D55E00`), for the HTML legend and highlights.
    pub fn hex(self) -> String {
        let c = self.color();
        format!("#{:02X}{:02X}{:02X}", c.0, c.1, c.2)
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

/// Origin name → CSS colour, every origin in order: the palette the HTML pages are given.
pub fn origin_palette() -> Vec<(String, String)> {
    Origin::ALL
        .iter()
        .map(|&o| (o.as_str().to_string(), o.hex()))
        .collect()
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
