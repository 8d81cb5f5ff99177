//! Weights of reused characters for the weighted shares: generic phrases weigh nothing,
//! passages weigh by how few documents carry them.

/// Generic phrases that are reused everywhere but say nothing about policy: institution names,
/// meeting furniture. Reused characters inside them weigh 0 in the weighted shares.
pub const GENERIC_PHRASES: &[&str] = &[
    "疫情防控工作领导小组",
    "疫情防控指挥部",
    "应对疫情工作领导小组",
    "新冠肺炎疫情防控",
    "新型冠状病毒",
    "疫情防控工作",
    "领导小组会议",
    "指挥部办公室",
    "召开会议",
    "主持会议",
    "会议强调",
    "会议指出",
    "会议要求",
    "视频会议",
    "市委书记",
    "常务副市长",
    "副市长",
    "市长",
    "省委书记",
    "省长",
    "副省长",
];

/// Weight of a passage carried by `carriers` of `docs` documents: ln(N/c) / ln(N/2), clipped to
/// [0, 1]; 1 when only the target and its source carry it, 0 when every document does.
pub fn distinctiveness(carriers: usize, docs: usize) -> f64 {
    if docs <= 2 {
        return 1.0;
    }
    let n = docs as f64;
    let c = carriers.max(2) as f64;
    ((n / c).ln() / (n / 2.0).ln()).clamp(0.0, 1.0)
}

/// Carriers of a passage from its shingles' document frequencies: the upper median, i.e. the
/// largest c such that at least half of the shingles are carried by c documents or more.
pub fn median_carriers(mut dfs: Vec<usize>) -> usize {
    if dfs.is_empty() {
        return 1;
    }
    dfs.sort_unstable_by(|a, b| b.cmp(a));
    dfs[(dfs.len() - 1) / 2]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn distinctiveness_ends_and_middle() {
        assert_eq!(distinctiveness(2, 100), 1.0);
        assert_eq!(distinctiveness(100, 100), 0.0);
        // ln(10) / ln(50)
        assert!((distinctiveness(10, 100) - 0.588_6).abs() < 1e-4);
        assert_eq!(distinctiveness(5, 2), 1.0);
    }

    #[test]
    fn median_carriers_is_the_upper_median() {
        assert_eq!(median_carriers(vec![2, 2, 2]), 2);
        // Half of the shingles are boilerplate carried by 900 documents.
        assert_eq!(median_carriers(vec![2, 900, 3, 900]), 900);
        assert_eq!(median_carriers(vec![2, 900, 3]), 3);
        assert_eq!(median_carriers(vec![]), 1);
    }
}
