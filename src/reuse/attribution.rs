//! Per content character: the winning origin by precedence (central > provincial > peer > self > own),
//! the evidence kind behind it and its weight, and the shares, flags and segments derived
//! from them.

use super::model::{Origin, Segment};
use super::projection::Projection;

/// What a mark rests on. Formulation hits keep full weight whatever else covers them; aligned
/// text weighs by distinctiveness, and nothing inside a generic phrase.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Evidence {
    /// A lexicon formulation hit.
    Formulation,
    /// Text found in a source; the weight is the passage's distinctiveness in [0, 1].
    Aligned { weight: f64 },
}

/// Per content character: best origin so far, weight, flags.
pub struct Attribution {
    origin: Vec<Origin>,
    weight: Vec<f64>,
    from_lexicon: Vec<bool>,
    generic: Vec<bool>,
    provincial_source: Vec<bool>,
    quoted: Vec<bool>,
}

impl Attribution {
    pub fn new(n: usize) -> Self {
        Attribution {
            origin: vec![Origin::Own; n],
            weight: vec![0.0; n],
            from_lexicon: vec![false; n],
            generic: vec![false; n],
            provincial_source: vec![false; n],
            quoted: vec![false; n],
        }
    }

    /// Content characters `start..end` are found at `origin` on `evidence`.
    pub fn mark(
        &mut self,
        start: usize,
        end: usize,
        origin: Origin,
        evidence: Evidence,
        quoted: bool,
    ) {
        if origin == Origin::Own {
            return;
        }
        for i in start..end.min(self.origin.len()) {
            if origin == Origin::Provincial {
                self.provincial_source[i] = true;
            }
            if origin < self.origin[i] {
                self.origin[i] = origin;
                self.quoted[i] = quoted;
            } else if origin == self.origin[i] {
                self.quoted[i] |= quoted;
            }
            match evidence {
                Evidence::Formulation => self.from_lexicon[i] = true,
                Evidence::Aligned { weight } => self.weight[i] = self.weight[i].max(weight),
            }
        }
    }

    pub fn mark_generic(&mut self, start: usize, end: usize) {
        for g in &mut self.generic[start.min(self.origin.len())..end.min(self.origin.len())] {
            *g = true;
        }
    }

    pub fn origin(&self, i: usize) -> Origin {
        self.origin[i]
    }

    fn char_weight(&self, i: usize) -> f64 {
        match self.origin[i] {
            Origin::Own => 1.0,
            _ if self.from_lexicon[i] => 1.0,
            _ if self.generic[i] => 0.0,
            _ => self.weight[i],
        }
    }

    pub fn raw_mass(&self) -> [f64; 5] {
        let mut m = [0.0; 5];
        for &o in &self.origin {
            m[o as usize] += 1.0;
        }
        m
    }

    pub fn weighted_mass(&self) -> [f64; 5] {
        let mut m = [0.0; 5];
        for (i, &o) in self.origin.iter().enumerate() {
            m[o as usize] += self.char_weight(i);
        }
        m
    }

    fn is_relayed(&self, i: usize) -> bool {
        self.origin[i] == Origin::Central && self.provincial_source[i]
    }

    pub fn relayed_chars(&self) -> usize {
        (0..self.origin.len())
            .filter(|&i| self.is_relayed(i))
            .count()
    }

    pub fn relayed_in(&self, start: usize, end: usize, origin: Origin) -> bool {
        matches!(origin, Origin::Central | Origin::Provincial)
            && (start..end.min(self.origin.len())).any(|i| self.is_relayed(i))
    }

    pub fn reused_chars(&self) -> usize {
        self.origin.iter().filter(|&&o| o != Origin::Own).count()
    }

    pub fn quoted_chars(&self) -> usize {
        (0..self.origin.len())
            .filter(|&i| self.origin[i] != Origin::Own && self.quoted[i])
            .count()
    }

    pub fn segments(&self, projection: &Projection) -> Vec<Segment> {
        let mut out: Vec<Segment> = Vec::new();
        let mut i = 0;
        while i < self.origin.len() {
            let o = self.origin[i];
            let mut j = i + 1;
            while j < self.origin.len() && self.origin[j] == o {
                j += 1;
            }
            if o != Origin::Own {
                let r = projection.normalized_range(i, j);
                out.push(Segment {
                    start: r.start,
                    end: r.end,
                    origin: o,
                });
            }
            i = j;
        }
        out
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn precedence_central_over_provincial_over_peer() {
        let mut a = Attribution::new(6);
        let w = Evidence::Aligned { weight: 0.5 };
        a.mark(0, 6, Origin::Peer, w, false);
        a.mark(2, 6, Origin::Provincial, w, false);
        a.mark(4, 6, Origin::Central, w, false);
        let got: Vec<Origin> = (0..6).map(|i| a.origin(i)).collect();
        use Origin::*;
        assert_eq!(got, [Peer, Peer, Provincial, Provincial, Central, Central]);
        assert_eq!(a.raw_mass(), [2.0, 2.0, 2.0, 0.0, 0.0]);
        assert_eq!(a.relayed_chars(), 2);
    }

    /// Issue 14, case 1: an aligned passage carried only by its target and its source has
    /// distinctiveness 1, which once passed for a lexicon hit and gave generic phrases full
    /// weight. Generic characters inside an aligned passage weigh 0 whatever its weight.
    #[test]
    fn generic_phrases_weigh_zero_even_in_a_fully_distinctive_passage() {
        let mut a = Attribution::new(10);
        a.mark_generic(0, 4);
        a.mark(
            0,
            10,
            Origin::Provincial,
            Evidence::Aligned { weight: 1.0 },
            false,
        );
        assert_eq!(a.weighted_mass(), [0.0, 6.0, 0.0, 0.0, 0.0]);
        // A formulation hit over the generic phrase restores its weight.
        a.mark(0, 4, Origin::Provincial, Evidence::Formulation, false);
        assert_eq!(a.weighted_mass(), [0.0, 10.0, 0.0, 0.0, 0.0]);
    }

    #[test]
    fn own_marks_change_nothing_and_weights_take_the_maximum() {
        let mut a = Attribution::new(4);
        a.mark(0, 4, Origin::Own, Evidence::Formulation, true);
        assert_eq!(a.reused_chars(), 0);
        a.mark(0, 4, Origin::Peer, Evidence::Aligned { weight: 0.25 }, true);
        a.mark(
            0,
            2,
            Origin::Peer,
            Evidence::Aligned { weight: 0.75 },
            false,
        );
        assert_eq!(
            a.weighted_mass(),
            [0.0, 0.0, 0.0 + 2.0 * 0.75 + 2.0 * 0.25, 0.0, 0.0]
        );
        assert_eq!(a.quoted_chars(), 4);
    }
}
