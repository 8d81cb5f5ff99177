//! The `tifa eval` table: PAN scores overall and per obfuscation.

use std::collections::BTreeMap;

use crate::analyses::pan::Scores;
use crate::render::table::Table;

/// One row for `all`, then one per label in label order.
pub fn eval_table(overall: &Scores, per_label: &BTreeMap<String, Scores>) -> Table {
    let mut t = Table::new([
        "subset",
        "cases",
        "detections",
        "precision",
        "recall",
        "granularity",
        "plagdet",
    ]);
    t.decimals = 4;
    let rows =
        std::iter::once(("all", overall)).chain(per_label.iter().map(|(k, v)| (k.as_str(), v)));
    for (name, s) in rows {
        t.push(vec![
            name.into(),
            s.cases.into(),
            s.detections.into(),
            s.precision.into(),
            s.recall.into(),
            s.granularity.into(),
            s.plagdet.into(),
        ]);
    }
    t
}
