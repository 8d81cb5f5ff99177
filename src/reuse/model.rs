//! The reuse measure's output vocabulary: origins, shares, hits, passages, segments and the
//! per-document result. Plain data; the engine fills it, render reads it.

use serde::Serialize;

use super::lexicon;
use super::params::ReuseParams;
use crate::document::Level;

/// Where a reused character comes from, in order of precedence.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Origin {
    Central,
    Provincial,
    Peer,
    /// Text the document's own unit wrote earlier (跨时抄; docs/METHODS.md, "References").
    #[serde(rename = "self")]
    SelfReuse,
    Own,
}

impl Origin {
    pub const ALL: [Origin; 5] = [
        Origin::Central,
        Origin::Provincial,
        Origin::Peer,
        Origin::SelfReuse,
        Origin::Own,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Origin::Central => "central",
            Origin::Provincial => "provincial",
            Origin::Peer => "peer",
            Origin::SelfReuse => "self",
            Origin::Own => "own",
        }
    }
}

/// Shares of a document's content characters by origin; they sum to 1.
#[derive(Debug, Clone, Copy, PartialEq, Default, Serialize)]
pub struct Shares {
    pub central: f64,
    pub provincial: f64,
    pub peer: f64,
    #[serde(rename = "self")]
    pub self_reuse: f64,
    pub own: f64,
}

impl Shares {
    pub fn get(&self, o: Origin) -> f64 {
        match o {
            Origin::Central => self.central,
            Origin::Provincial => self.provincial,
            Origin::Peer => self.peer,
            Origin::SelfReuse => self.self_reuse,
            Origin::Own => self.own,
        }
    }

    pub(crate) fn from_mass(mass: [f64; 5]) -> Shares {
        let total: f64 = mass.iter().sum();
        if total <= 0.0 {
            return Shares {
                own: 1.0,
                ..Shares::default()
            };
        }
        Shares {
            central: mass[0] / total,
            provincial: mass[1] / total,
            peer: mass[2] / total,
            self_reuse: mass[3] / total,
            own: mass[4] / total,
        }
    }
}

/// One formulation's hits in a document.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FormulationCount {
    pub id: String,
    pub text: String,
    pub level: Level,
    pub topic: lexicon::Topic,
    pub count: usize,
    /// The document is certainly older than the formulation's first known central use.
    pub predates_first_known: bool,
}

/// One lexicon hit.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Hit {
    pub formulation: String,
    pub level: Level,
    /// Origin it counts as in this document (None: another province's formulation).
    pub origin: Option<Origin>,
    pub start: usize,
    pub end: usize,
    pub raw_start: usize,
    pub raw_end: usize,
    pub text: String,
    pub quoted: bool,
}

/// One aligned passage (normalized char offsets, end exclusive; raw byte offsets in the
/// document's source file).
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Passage {
    pub kind: PassageKind,
    pub target_start: usize,
    pub target_end: usize,
    pub raw_start: usize,
    pub raw_end: usize,
    pub source_id: String,
    pub source_level: Level,
    pub origin: Origin,
    pub source_start: usize,
    pub source_end: usize,
    pub source_raw_start: usize,
    pub source_raw_end: usize,
    /// Content characters of the target inside the passage.
    pub length: usize,
    pub identity: f64,
    pub score: i64,
    /// Documents that carry the passage: the upper median of its shingles' document
    /// frequencies (for a formulation, the documents using it), the target included.
    pub carriers: usize,
    /// Distinctiveness weight in [0, 1].
    pub weight: f64,
    pub relayed: bool,
    pub quoted: bool,
    pub text: String,
}

/// How a passage was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum PassageKind {
    /// Character alignment with the source document (seeded by shingles few documents carry).
    Aligned,
    /// A run of shingles that many documents carry, attributed from carrier summaries; the
    /// source is the representative carrier (docs/METHODS.md, "Frequent text").
    Frequent,
    /// A lexicon formulation, with its occurrence in the source (or the lexicon entry itself).
    Formulation,
}

impl PassageKind {
    pub fn as_str(self) -> &'static str {
        match self {
            PassageKind::Aligned => "aligned",
            PassageKind::Frequent => "frequent",
            PassageKind::Formulation => "formulation",
        }
    }
}

/// A maximal run of characters with one origin (normalized char offsets), for rendering.
#[derive(Debug, Clone, Copy, PartialEq, Serialize)]
pub struct Segment {
    pub start: usize,
    pub end: usize,
    pub origin: Origin,
}

/// Everything tifa says about one document's reuse.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct DocReuse {
    pub id: String,
    pub level: Level,
    pub province: Option<String>,
    pub city: Option<String>,
    pub date: Option<String>,
    /// Content characters (letters, digits, Han), the denominator of every share.
    pub chars: usize,
    pub shares: Shares,
    pub weighted_shares: Shares,
    /// Share of the document's characters that are central and were also found in a
    /// provincial source.
    pub relayed_share: f64,
    /// Share of reused (non-own) characters inside explicit attributions.
    pub quoted_share: f64,
    pub formulation_hits: usize,
    /// Hits of formulations whose topic is COVID.
    pub covid_hits: usize,
    pub hits_per_1000: f64,
    pub formulations: Vec<FormulationCount>,
    pub hits: Vec<Hit>,
    pub passages: Vec<Passage>,
    pub segments: Vec<Segment>,
}

/// One named per-document measure. `count` marks whole numbers (printed without decimals).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Measure {
    pub name: &'static str,
    pub value: f64,
    pub count: bool,
}

/// Names of [`DocReuse::measures`], in order.
pub const MEASURE_NAMES: [&str; 16] = [
    "central",
    "provincial",
    "peer",
    "self",
    "own",
    "weighted_central",
    "weighted_provincial",
    "weighted_peer",
    "weighted_self",
    "weighted_own",
    "relayed",
    "quoted",
    "formulation_hits",
    "covid_hits",
    "hits_per_1000",
    "passages",
];

impl DocReuse {
    /// The per-document measures of the reuse table and of sweeps, in [`MEASURE_NAMES`] order.
    pub fn measures(&self) -> [Measure; 16] {
        let s = &self.shares;
        let w = &self.weighted_shares;
        let values = [
            (s.central, false),
            (s.provincial, false),
            (s.peer, false),
            (s.self_reuse, false),
            (s.own, false),
            (w.central, false),
            (w.provincial, false),
            (w.peer, false),
            (w.self_reuse, false),
            (w.own, false),
            (self.relayed_share, false),
            (self.quoted_share, false),
            (self.formulation_hits as f64, true),
            (self.covid_hits as f64, true),
            (self.hits_per_1000, false),
            (self.passages.len() as f64, true),
        ];
        std::array::from_fn(|i| Measure {
            name: MEASURE_NAMES[i],
            value: values[i].0,
            count: values[i].1,
        })
    }
}

/// The reuse analysis of a corpus.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct ReuseReport {
    pub params: ReuseParams,
    pub documents: Vec<DocReuse>,
}
