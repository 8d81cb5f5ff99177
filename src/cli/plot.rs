//! `tifa plot`: one chart alone, as SVG. Also supplies the report's charts.

use tifa::Corpus;
use tifa::render::html::ChartView;
use tifa::report::build::ReportData;

/// The report's charts (filled in by the chart renderer).
pub fn charts(_corpus: &Corpus, _data: &ReportData) -> tifa::error::Result<Vec<ChartView>> {
    Ok(Vec::new())
}
