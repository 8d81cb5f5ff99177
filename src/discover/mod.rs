//! Formulation discovery: candidate formulations mined from the documents at or above a level,
//! each with its variants, first use and spread, ranked by a score (docs/METHODS.md,
//! "Formulation discovery"); and dating, the first use of every lexicon entry in a corpus.
//!
//! Data flow: level documents in date order → proposals per document (`quotes`, `numbered`,
//! `enumerations`) and recurring n-grams over all of them (`ngrams`) → one key per proposal
//! (`variants`: separators dropped, digits folded to numerals) → every key counted in every
//! document (`occurrences`: overlapping, with the word rule and the guards of a known lexicon
//! entry) → generic phrases and contained keys removed, scored and sorted (`score`).

pub mod dating;
pub mod enumerations;
pub mod filters;
pub mod ngrams;
pub mod numbered;
pub mod occurrences;
pub mod quotes;
pub mod score;
pub mod variants;

use std::collections::{BTreeMap, BTreeSet};

use rayon::prelude::*;
use serde::Serialize;

use crate::document::{DocDate, Document, Level};
use crate::error::{Error, Result};
use crate::progress::Progress;
use crate::reuse::guards::ContextGuard;
use crate::reuse::lexicon::{Lexicon, Topic};
use crate::reuse::projection::Projection;
use occurrences::{Pattern, Uses};

/// How a candidate was proposed, most telling first.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Kind {
    /// A span in quotation marks.
    Quote,
    /// Parallel items (人民至上、生命至上) or a repeated frame (从快从严从紧).
    Enumeration,
    /// A numeral, an optional 个 and a word (四个意识, 三保), or a pair of them (六稳六保).
    Numbered,
    /// A recurring run of 4–16 Han characters.
    Ngram,
}

impl Kind {
    pub fn as_str(self) -> &'static str {
        match self {
            Kind::Quote => "quote",
            Kind::Enumeration => "enumeration",
            Kind::Numbered => "numbered",
            Kind::Ngram => "ngram",
        }
    }
}

/// A proposed span of one document: normalized char range and its kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Proposal {
    pub kind: Kind,
    pub start: usize,
    pub end: usize,
}

/// Undated central documents `d0`, `d1`, ... of `texts`: what the discovery tests mine.
#[cfg(test)]
fn central_documents(texts: &[&str]) -> Vec<Document> {
    texts
        .iter()
        .enumerate()
        .map(|(i, t)| {
            let meta = crate::document::DocMeta {
                id: format!("d{i}"),
                level: Level::Central,
                province: None,
                city: None,
                date: None,
                title: String::new(),
            };
            Document::from_clean_text(meta, t)
        })
        .collect()
}

/// The text of every span a finder proposes in `text`: what the finders' tests compare.
#[cfg(test)]
fn proposed(find: fn(&[char]) -> Vec<Proposal>, text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    find(&chars)
        .into_iter()
        .map(|p| chars[p.start..p.end].iter().collect())
        .collect()
}

/// Discovery settings (defaults in docs/METHODS.md, "Formulation discovery").
#[derive(Debug, Clone, PartialEq)]
pub struct DiscoverParams {
    /// Documents at this level or above are mined and counted.
    pub from: Level,
    /// Fewest documents that must use a candidate.
    pub min_docs: usize,
    /// Candidates kept, best first.
    pub top: usize,
}

impl Default for DiscoverParams {
    fn default() -> Self {
        DiscoverParams {
            from: Level::Central,
            min_docs: 3,
            top: 200,
        }
    }
}

impl DiscoverParams {
    pub fn validate(&self) -> Result<()> {
        if self.min_docs < 1 {
            return Err(Error::Parameter {
                name: "min_docs",
                message: "must be at least 1".into(),
            });
        }
        if self.top < 1 {
            return Err(Error::Parameter {
                name: "top",
                message: "must be at least 1".into(),
            });
        }
        Ok(())
    }
}

/// The first document using a candidate.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct FirstUse {
    pub id: String,
    pub title: String,
    pub date: Option<DocDate>,
    /// The sentence around the use (up to 20 characters each side).
    pub context: String,
}

/// One discovered formulation.
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Candidate {
    /// Content characters with digits folded to numerals: what identifies the candidate.
    pub key: String,
    /// The most frequent surface form.
    pub text: String,
    /// The kinds that proposed it, most telling first; `kinds[0]` is its kind.
    pub kinds: Vec<Kind>,
    /// Every surface form seen, most frequent first.
    pub seen: Vec<String>,
    /// Surface forms whose content characters differ from `text`'s (1 for 一): the lexicon
    /// must list them to match them.
    pub variants: Vec<String>,
    pub first: Option<FirstUse>,
    /// Documents using it, per level.
    pub doc_freq: BTreeMap<Level, usize>,
    /// Documents of the mined levels from the first use on (date order).
    pub docs_after_first: usize,
    /// Accessor variety of its uses (docs/METHODS.md, "Formulation discovery").
    pub variety: f64,
    pub score: f64,
    /// The id of the lexicon entry with the same text, if any.
    pub known: Option<String>,
    /// That entry's topic; `general` for a candidate no entry knows (a discovered formulation
    /// is not a COVID one unless the lexicon says so).
    #[serde(skip)]
    pub topic: Topic,
    /// The guard of that entry, applied when counting.
    #[serde(skip)]
    pub guard: ContextGuard,
}

impl Candidate {
    pub fn kind(&self) -> Kind {
        self.kinds[0]
    }

    pub fn docs(&self) -> usize {
        self.doc_freq.values().sum()
    }
}

/// Documents at or above `from`, in date order (earliest day; undated last; then corpus order).
pub fn level_documents(documents: &[Document], from: Level) -> Vec<&Document> {
    let mut docs: Vec<&Document> = documents.iter().filter(|d| d.meta.level <= from).collect();
    docs.sort_by_key(|d| {
        d.meta
            .date
            .map_or((1, (0, 0, 0)), |date| (0, date.earliest()))
    });
    docs
}

/// Mine, count, filter and rank candidates. `lexicon` marks known candidates and lends them
/// its guards and word rules. Reports the stages "mine", "n-grams" and "count" to `progress`.
pub fn discover(
    documents: &[Document],
    lexicon: &Lexicon,
    params: &DiscoverParams,
    progress: &dyn Progress,
) -> Result<Vec<Candidate>> {
    params.validate()?;
    let docs = level_documents(documents, params.from);
    if docs.is_empty() {
        return Err(Error::InvalidArgument(format!(
            "the corpus has no {} documents or documents above that level to mine",
            params.from
        )));
    }
    progress.stage("mine", docs.len() as u64);
    let mined: Vec<(Vec<char>, Projection, Vec<Proposal>)> = docs
        .par_iter()
        .map(|d| {
            let chars: Vec<char> = d.text.as_str().chars().collect();
            let proposals = propose(&chars);
            progress.advance(1);
            (chars, Projection::of(d.text.as_str()), proposals)
        })
        .collect();
    let (mut chars, mut projections, mut proposals) = (Vec::new(), Vec::new(), Vec::new());
    for (c, projection, proposed) in mined {
        chars.push(c);
        projections.push(projection);
        proposals.push(proposed);
    }
    progress.finish_stage();
    let mut kinds = proposed_kinds(&chars, &proposals);
    for key in ngrams::recurring(&projections, &chars, params.min_docs, progress) {
        kinds.entry(key).or_default().insert(Kind::Ngram);
    }
    kinds.retain(|key, _| !filters::is_generic(key));
    let patterns = patterns_for(&kinds, lexicon);
    let uses = occurrences::count(&patterns, &docs, &projections, &chars, progress)?;
    let mut candidates = assemble(kinds, &patterns, uses, &docs, &chars, params);
    candidates.retain(|c| !filters::is_furniture(c, docs.len()));
    candidates = score::suppress_contained(candidates);
    score::rank(&mut candidates);
    candidates.truncate(params.top);
    mark_known(&mut candidates, lexicon);
    Ok(candidates)
}

/// A kind of evidence counts for a key when this many documents show it.
const MIN_PROPOSING_DOCS: usize = 2;

/// The kinds proposing each plausible key, each kept when at least two documents show it (a
/// word quoted once is no evidence).
fn proposed_kinds(
    chars: &[Vec<char>],
    proposals: &[Vec<Proposal>],
) -> BTreeMap<String, BTreeSet<Kind>> {
    let mut docs: BTreeMap<(String, Kind), usize> = BTreeMap::new();
    for (c, props) in chars.iter().zip(proposals) {
        let mut here: BTreeSet<(String, Kind)> = BTreeSet::new();
        for p in props {
            let key = variants::key(&c[p.start..p.end]);
            if variants::is_plausible(&key) {
                here.insert((key, p.kind));
            }
        }
        for k in here {
            *docs.entry(k).or_insert(0) += 1;
        }
    }
    let mut kinds: BTreeMap<String, BTreeSet<Kind>> = BTreeMap::new();
    for ((key, kind), n) in docs {
        if n >= MIN_PROPOSING_DOCS {
            kinds.entry(key).or_default().insert(kind);
        }
    }
    kinds
}

/// Every proposal of one document.
fn propose(chars: &[char]) -> Vec<Proposal> {
    let mut all = quotes::find(chars);
    all.extend(enumerations::find(chars));
    all.extend(numbered::find(chars));
    all
}

/// One counting pattern per surface form of each key (the key itself and its digit form),
/// with the word rule and guard of the lexicon entry sharing its text.
fn patterns_for(kinds: &BTreeMap<String, BTreeSet<Kind>>, lexicon: &Lexicon) -> Vec<Pattern> {
    let mut known: BTreeMap<String, (usize, bool)> = BTreeMap::new();
    for (i, f) in lexicon.formulations.iter().enumerate() {
        for form in std::iter::once(&f.text).chain(&f.variants) {
            known
                .entry(variants::key_of(form))
                .or_insert((i, f.whole_word_for(form)));
        }
    }
    let mut patterns = Vec::new();
    for (owner, key) in kinds.keys().enumerate() {
        let (guard, whole_word) = match known.get(key) {
            Some(&(i, whole)) => (lexicon.formulations[i].guard.clone(), whole),
            None => (
                ContextGuard::default(),
                key.chars().count() <= crate::reuse::guards::AUTO_WHOLE_WORD_MAX,
            ),
        };
        for form in variants::forms_of(key) {
            patterns.push(Pattern {
                owner,
                text: form,
                whole_word,
                guard: guard.clone(),
            });
        }
    }
    patterns
}

/// Candidates from the counted keys, with first use, frequencies and forms; keys used by fewer
/// than `min_docs` documents are dropped.
fn assemble(
    kinds: BTreeMap<String, BTreeSet<Kind>>,
    patterns: &[Pattern],
    uses: Vec<Uses>,
    docs: &[&Document],
    chars: &[Vec<char>],
    params: &DiscoverParams,
) -> Vec<Candidate> {
    let mut guards: BTreeMap<usize, &ContextGuard> = BTreeMap::new();
    for p in patterns {
        guards.entry(p.owner).or_insert(&p.guard);
    }
    kinds
        .into_iter()
        .zip(uses)
        .enumerate()
        .filter(|(_, (_, u))| u.docs.len() >= params.min_docs)
        .map(|(owner, ((key, kinds), u))| {
            let first = u
                .first
                .map(|(d, start, end)| first_use(docs[d], &chars[d], start, end));
            let mut doc_freq = BTreeMap::new();
            for &d in &u.docs {
                *doc_freq.entry(docs[d].meta.level).or_insert(0) += 1;
            }
            let seen = variants::by_frequency(&u.forms);
            let text = seen.first().cloned().unwrap_or_else(|| key.clone());
            let variants = variants::distinct_content(&text, &seen);
            Candidate {
                docs_after_first: u.first.map_or(0, |(d, _, _)| docs.len() - d),
                variety: u.variety(),
                key,
                text,
                kinds: kinds.into_iter().collect(),
                seen,
                variants,
                first,
                doc_freq,
                score: 0.0,
                known: None,
                topic: Topic::General,
                guard: guards.get(&owner).map(|g| (*g).clone()).unwrap_or_default(),
            }
        })
        .collect()
}

fn first_use(doc: &Document, chars: &[char], start: usize, end: usize) -> FirstUse {
    FirstUse {
        id: doc.meta.id.clone(),
        title: doc.meta.title.clone(),
        date: doc.meta.date,
        context: context(chars, start, end),
    }
}

/// Up to 20 characters on each side of `start..end`, within its line.
pub fn context(chars: &[char], start: usize, end: usize) -> String {
    let lo = (start.saturating_sub(20)..start)
        .rev()
        .find(|&i| chars[i] == '\n')
        .map_or(start.saturating_sub(20), |i| i + 1);
    let hi_limit = (end + 20).min(chars.len());
    let hi = (end..hi_limit)
        .find(|&i| chars[i] == '\n')
        .unwrap_or(hi_limit);
    chars[lo..hi].iter().collect()
}

/// Marks candidates whose key is a form of a lexicon entry with that entry's id.
pub fn mark_known(candidates: &mut [Candidate], lexicon: &Lexicon) {
    for c in candidates {
        let entry = lexicon.formulations.iter().find(|f| {
            std::iter::once(&f.text)
                .chain(&f.variants)
                .any(|form| variants::key_of(form) == c.key)
        });
        c.known = entry.map(|f| f.id.clone());
        c.topic = entry.map_or(Topic::General, |f| f.topic);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::progress::Recorded;

    #[test]
    fn discovery_reports_each_stage_with_its_work() {
        let texts = [
            "会议强调，要坚持“外防输入、内防反弹”总策略。",
            "坚持“外防输入、内防反弹”，坚持动态清零。",
            "各地要落实“外防输入、内防反弹”要求。",
        ];
        let documents = central_documents(&texts);
        let progress = Recorded::default();
        let params = DiscoverParams {
            min_docs: 2,
            ..DiscoverParams::default()
        };
        let found = discover(&documents, &Lexicon::default(), &params, &progress).unwrap();
        assert!(
            found.iter().any(|c| c.text == "外防输入、内防反弹"),
            "{found:?}"
        );
        let stages = progress.stages();
        let names: Vec<&str> = stages.iter().map(|s| s.0.as_str()).collect();
        assert_eq!(names, ["mine", "n-grams", "count"]);
        // Every document mined and counted once; n-gram levels until none recurs.
        assert_eq!((stages[0].1, stages[0].2), (3, 3));
        assert_eq!((stages[2].1, stages[2].2), (3, 3));
        assert!(stages[1].2 >= 1 && stages[1].2 <= stages[1].1, "{stages:?}");
    }
}
