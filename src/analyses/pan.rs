//! PAN text-alignment scoring (Potthast, Stein, Barrón-Cedeño, Rosso 2010, "An Evaluation
//! Framework for Plagiarism Detection"): character-level precision and recall, granularity, and
//! plagdet, exactly as the PAN evaluation script computes them.
//!
//! A case `s` (truth) or detection `r` pairs a target span with a source span. `r` *detects* `s`
//! when both name the same target and source documents and their target spans overlap and their
//! source spans overlap. With `s ⊓ r` the characters of `s` covered by `r` (target and source
//! sides counted together) when `r` detects `s`, and nothing otherwise:
//!
//! - precision = mean over detections r of |⋃ₛ (s ⊓ r)| / |r|
//! - recall    = mean over cases s of |⋃ᵣ (s ⊓ r)| / |s|
//! - granularity = mean over detected cases of the number of detections detecting them (≥ 1)
//! - plagdet = F₁ / log₂(1 + granularity)
//!
//! Edge cases follow the PAN script: no cases and no detections score 1/1; either one empty
//! scores 0/0; granularity is 1 when nothing is detected.

use std::collections::BTreeMap;
use std::ops::Range;

use serde::{Deserialize, Serialize};

/// A truth case or a detection: char spans in the normalized texts of two documents.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Alignment {
    pub target_id: String,
    pub target_start: usize,
    pub target_end: usize,
    pub source_id: String,
    pub source_start: usize,
    pub source_end: usize,
}

impl Alignment {
    fn target(&self) -> Range<usize> {
        self.target_start..self.target_end.max(self.target_start)
    }
    fn source(&self) -> Range<usize> {
        self.source_start..self.source_end.max(self.source_start)
    }
    fn len(&self) -> usize {
        self.target().len() + self.source().len()
    }
    fn detects(&self, case: &Alignment) -> bool {
        self.target_id == case.target_id
            && self.source_id == case.source_id
            && overlaps(&self.target(), &case.target())
            && overlaps(&self.source(), &case.source())
    }
}

fn overlaps(a: &Range<usize>, b: &Range<usize>) -> bool {
    a.start < b.end && b.start < a.end
}

/// Length of the union of ranges.
fn union_len(mut ranges: Vec<Range<usize>>) -> usize {
    ranges.retain(|r| !r.is_empty());
    ranges.sort_by_key(|r| (r.start, r.end));
    let mut total = 0;
    let mut cur: Option<Range<usize>> = None;
    for r in ranges {
        match &mut cur {
            Some(c) if r.start <= c.end => c.end = c.end.max(r.end),
            _ => {
                if let Some(c) = cur.take() {
                    total += c.len();
                }
                cur = Some(r);
            }
        }
    }
    total + cur.map_or(0, |c| c.len())
}

fn intersect(a: &Range<usize>, b: &Range<usize>) -> Range<usize> {
    a.start.max(b.start)..a.end.min(b.end).max(a.start.max(b.start))
}

/// The four PAN scores.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Scores {
    pub precision: f64,
    pub recall: f64,
    pub granularity: f64,
    pub plagdet: f64,
    pub cases: usize,
    pub detections: usize,
}

/// Score `detections` against `cases`.
pub fn score(cases: &[Alignment], detections: &[Alignment]) -> Scores {
    let (precision, recall) = match (cases.is_empty(), detections.is_empty()) {
        (true, true) => (1.0, 1.0),
        (true, false) | (false, true) => (0.0, 0.0),
        _ => (
            mean(detections.iter().map(|r| {
                let covered = covered_by(r, cases.iter().filter(|s| r.detects(s)));
                ratio(covered, r.len())
            })),
            mean(cases.iter().map(|s| {
                let covered = covered_by(s, detections.iter().filter(|r| r.detects(s)));
                ratio(covered, s.len())
            })),
        ),
    };
    let detected: Vec<usize> = cases
        .iter()
        .map(|s| detections.iter().filter(|r| r.detects(s)).count())
        .filter(|&n| n > 0)
        .collect();
    let granularity = if detected.is_empty() {
        1.0
    } else {
        detected.iter().sum::<usize>() as f64 / detected.len() as f64
    };
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Scores {
        precision,
        recall,
        granularity,
        plagdet: f1 / (1.0 + granularity).log2(),
        cases: cases.len(),
        detections: detections.len(),
    }
}

/// Characters of `base` (target and source sides) covered by any of `others`.
fn covered_by<'a>(base: &Alignment, others: impl Iterator<Item = &'a Alignment>) -> usize {
    let mut target = Vec::new();
    let mut source = Vec::new();
    for o in others {
        target.push(intersect(&base.target(), &o.target()));
        source.push(intersect(&base.source(), &o.source()));
    }
    union_len(target) + union_len(source)
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn mean(it: impl Iterator<Item = f64>) -> f64 {
    let (sum, n) = it.fold((0.0, 0usize), |(s, n), x| (s + x, n + 1));
    if n == 0 { 0.0 } else { sum / n as f64 }
}

/// Scores overall and per label (e.g. obfuscation type). A case may carry several labels; the
/// subset for a label is scored against the detections that detect at least one of its cases,
/// so that per-label precision is not charged for detections of other cases.
pub fn score_by_label(
    cases: &[(Alignment, Vec<String>)],
    detections: &[Alignment],
) -> (Scores, BTreeMap<String, Scores>) {
    let all: Vec<Alignment> = cases.iter().map(|(c, _)| c.clone()).collect();
    let overall = score(&all, detections);
    let mut labels: BTreeMap<String, Vec<Alignment>> = BTreeMap::new();
    for (c, ls) in cases {
        for l in ls {
            labels.entry(l.clone()).or_default().push(c.clone());
        }
    }
    let per = labels
        .into_iter()
        .map(|(label, subset)| {
            let dets: Vec<Alignment> = detections
                .iter()
                .filter(|r| subset.iter().any(|s| r.detects(s)))
                .cloned()
                .collect();
            (label, score(&subset, &dets))
        })
        .collect();
    (overall, per)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn a(t: Range<usize>, s: Range<usize>) -> Alignment {
        Alignment {
            target_id: "t".into(),
            target_start: t.start,
            target_end: t.end,
            source_id: "s".into(),
            source_start: s.start,
            source_end: s.end,
        }
    }

    #[test]
    fn perfect_detection_scores_one() {
        let cases = vec![a(0..10, 100..110)];
        let s = score(&cases, &cases);
        assert_eq!(
            (s.precision, s.recall, s.granularity, s.plagdet),
            (1.0, 1.0, 1.0, 1.0)
        );
    }

    #[test]
    fn half_detected_case() {
        // Detection covers the first half of the case on both sides.
        let s = score(&[a(0..10, 100..110)], &[a(0..5, 100..105)]);
        assert_eq!(s.precision, 1.0);
        assert_eq!(s.recall, 0.5);
        assert!((s.plagdet - 2.0 / 3.0).abs() < 1e-12);
    }

    #[test]
    fn split_detection_is_penalised_by_granularity() {
        let s = score(
            &[a(0..10, 100..110)],
            &[a(0..5, 100..105), a(5..10, 105..110)],
        );
        assert_eq!((s.precision, s.recall, s.granularity), (1.0, 1.0, 2.0));
        assert!((s.plagdet - 1.0 / 3f64.log2()).abs() < 1e-12);
    }

    #[test]
    fn detection_overlapping_only_the_target_does_not_count() {
        let s = score(&[a(0..10, 100..110)], &[a(0..10, 500..510)]);
        assert_eq!((s.precision, s.recall, s.plagdet), (0.0, 0.0, 0.0));
    }

    #[test]
    fn over_long_detection_loses_precision() {
        // Detection twice as long on both sides: precision 1/2.
        let s = score(&[a(0..10, 100..110)], &[a(0..20, 100..120)]);
        assert_eq!(s.precision, 0.5);
        assert_eq!(s.recall, 1.0);
    }

    #[test]
    fn empty_sets_follow_the_pan_script() {
        assert_eq!(score(&[], &[]).plagdet, 1.0);
        assert_eq!(score(&[a(0..1, 0..1)], &[]).plagdet, 0.0);
        assert_eq!(score(&[], &[a(0..1, 0..1)]).plagdet, 0.0);
    }

    #[test]
    fn labels_are_scored_separately() {
        let cases = vec![
            (a(0..10, 100..110), vec!["none".to_string()]),
            (a(20..30, 120..130), vec!["traditional".to_string()]),
        ];
        let (all, per) = score_by_label(&cases, &[a(0..10, 100..110)]);
        assert_eq!(all.recall, 0.5);
        assert_eq!(per["none"].plagdet, 1.0);
        assert_eq!(per["traditional"].plagdet, 0.0);
    }
}
