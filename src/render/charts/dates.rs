//! A time axis in day numbers (days since 1970-01-01) with month or year ticks, shared by the
//! diffusion charts.

use super::theme::*;
use crate::analyses::diffusion::dates::{civil, day_number};
use crate::error::Result;

/// Ticks at the first of a month, every 1, 2, 3, 6 or 12 months so that at most `max` fit in
/// `lo..=hi`, labelled `2022-04` (or `2022` for yearly ticks).
pub fn date_ticks(lo: f64, hi: f64, max: usize) -> Vec<(f64, String)> {
    let (y0, m0, _) = civil(lo.floor() as i64);
    let (y1, m1, _) = civil(hi.ceil() as i64);
    let months = (y1 - y0) * 12 + i64::from(m1) - i64::from(m0) + 1;
    let step = [1, 2, 3, 6, 12, 24, 60]
        .into_iter()
        .find(|s| months / s < max as i64)
        .unwrap_or(120);
    let mut out = Vec::new();
    let mut index = y0 * 12 + i64::from(m0) - 1;
    if step >= 12 {
        index = (index + 11) / 12 * 12;
    } else {
        index = (index + step - 1) / step * step;
    }
    while out.len() < 200 {
        let (y, m) = (index.div_euclid(12), (index.rem_euclid(12) + 1) as u8);
        let Ok(year) = u16::try_from(y) else { break };
        let day = day_number(year, m, 1) as f64;
        if day > hi {
            break;
        }
        if day >= lo {
            let label = if step >= 12 {
                format!("{y}")
            } else {
                format!("{y}-{m:02}")
            };
            out.push((day, label));
        }
        index += step;
    }
    out
}

/// A horizontal date axis at row `y` with gridlines up to `grid_top`.
pub fn date_axis(
    area: &Area<'_>,
    scale: &Scale,
    y: i32,
    ticks: &[(f64, String)],
    grid_top: Option<i32>,
    px: f64,
) -> Result<()> {
    for (t, label) in ticks {
        let x = scale.px(*t);
        if let Some(top) = grid_top {
            line(area, vec![(x, top), (x, y)], GRID_GREY, 1)?;
        }
        line(area, vec![(x, y), (x, y + 4)], AXIS_GREY, 1)?;
        text(area, label, (x, y + 12), px, BLACK_TEXT, Anchor::Middle)?;
    }
    line(
        area,
        vec![(scale.px0 as i32, y), (scale.px1 as i32, y)],
        AXIS_GREY,
        1,
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn month_ticks_inside_the_range() {
        let lo = day_number(2022, 3, 17) as f64;
        let hi = day_number(2022, 8, 22) as f64;
        let t = date_ticks(lo, hi, 8);
        let labels: Vec<&str> = t.iter().map(|x| x.1.as_str()).collect();
        assert_eq!(
            labels,
            ["2022-04", "2022-05", "2022-06", "2022-07", "2022-08"]
        );
        let long = date_ticks(
            day_number(2019, 6, 1) as f64,
            day_number(2022, 12, 1) as f64,
            6,
        );
        assert!(long.len() <= 6 && long.iter().all(|x| x.0 >= day_number(2019, 6, 1) as f64));
    }
}
