//! Reuse profiles: a document × feature matrix of how documents borrow (formulation density and
//! origin shares), the second feature space for clustering besides TF-IDF.

use ndarray::Array2;

use crate::reuse::ReuseReport;

/// Rows: documents in report order. Columns: every formulation that occurs anywhere (hits per
/// 1,000 characters, in lexicon id order), then the central, provincial and peer shares.
pub fn reuse_profiles(report: &ReuseReport) -> (Array2<f64>, Vec<String>) {
    let mut formulations: Vec<&str> = report
        .documents
        .iter()
        .flat_map(|d| d.formulations.iter().map(|f| f.id.as_str()))
        .collect();
    formulations.sort_unstable();
    formulations.dedup();
    let mut columns: Vec<String> = formulations.iter().map(|f| format!("hits:{f}")).collect();
    columns.extend(["share:central", "share:provincial", "share:peer"].map(String::from));
    let mut x = Array2::zeros((report.documents.len(), columns.len()));
    for (i, d) in report.documents.iter().enumerate() {
        let per_1000 = |count: usize| {
            if d.chars == 0 {
                0.0
            } else {
                count as f64 * 1000.0 / d.chars as f64
            }
        };
        for f in &d.formulations {
            if let Ok(j) = formulations.binary_search(&f.id.as_str()) {
                x[[i, j]] = per_1000(f.count);
            }
        }
        let base = formulations.len();
        x[[i, base]] = d.shares.central;
        x[[i, base + 1]] = d.shares.provincial;
        x[[i, base + 2]] = d.shares.peer;
    }
    (x, columns)
}
