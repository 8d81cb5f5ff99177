//! The formulation lexicon: official phrases with their level, issuing body, first known date and
//! source, read from `data/lexicon/*.toml`, and matched in projected text (separators and quotes
//! ignored) with Aho–Corasick, leftmost-longest; hits then pass the entry's context guard and,
//! for short forms, the whole-word check ([`super::guards`]).

use std::collections::BTreeMap;
use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

use super::guards::{AUTO_WHOLE_WORD_MAX, ContextGuard, crosses_sentence_end, is_whole_word};
use super::projection::{Projection, project_phrase};
use crate::document::{DocDate, Level};
use crate::error::{Error, Result};
use crate::source::InputFile;

/// The bundled lexicon files, embedded so the binary works from any directory.
const BUNDLED: [(&str, &str); 2] = [
    (
        "data/lexicon/central.toml",
        include_str!("../../data/lexicon/central.toml"),
    ),
    (
        "data/lexicon/jiangsu.toml",
        include_str!("../../data/lexicon/jiangsu.toml"),
    ),
];

/// What a formulation is about: the COVID response, or governance at large.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Topic {
    #[default]
    Covid,
    General,
}

/// Where an entry stands in the user's review: written by `discover` as a candidate, kept
/// (accepted), or rejected. Rejected entries are skipped when the lexicon is read.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Deserialize, serde::Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    #[default]
    Accepted,
    Candidate,
    Rejected,
}

/// One formulation.
#[derive(Debug, Clone, PartialEq)]
pub struct Formulation {
    pub id: String,
    pub text: String,
    pub variants: Vec<String>,
    pub level: Level,
    /// Province whose formulation this is (provincial entries only).
    pub province: Option<String>,
    pub gloss: String,
    pub body: String,
    pub topic: Topic,
    pub first_date: Option<DocDate>,
    pub source: String,
    pub status: Status,
    /// Words required or forbidden near a hit.
    pub guard: ContextGuard,
    /// Match as whole words: `Some` when the entry says so, `None` for the automatic rule
    /// (surface forms of at most two content characters).
    pub whole_word: Option<bool>,
}

impl Formulation {
    /// Whether the surface form `form` of this entry must match as a whole word.
    pub fn whole_word_for(&self, form: &str) -> bool {
        self.whole_word
            .unwrap_or_else(|| project_phrase(form).chars().count() <= AUTO_WHOLE_WORD_MAX)
    }
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct LexiconFile {
    level: Level,
    #[serde(default)]
    province: Option<String>,
    #[serde(default)]
    formulation: Vec<EntryFields>,
}

#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct EntryFields {
    id: String,
    text: String,
    #[serde(default)]
    variants: Vec<String>,
    #[serde(default)]
    gloss: String,
    #[serde(default)]
    topic: Topic,
    #[serde(default)]
    body: String,
    #[serde(default)]
    first_date: Option<String>,
    #[serde(default)]
    source: String,
    #[serde(default)]
    status: Status,
    #[serde(default)]
    require_near: Vec<String>,
    #[serde(default)]
    forbid_near: Vec<String>,
    #[serde(default)]
    near: Option<usize>,
    #[serde(default)]
    whole_word: Option<bool>,
    // What `tifa lexicon discover` writes for the reviewer (docs/FORMATS.md): read, not used.
    #[serde(default)]
    #[allow(dead_code)]
    kind: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    score: Option<f64>,
    #[serde(default)]
    #[allow(dead_code)]
    doc_freq: BTreeMap<String, usize>,
    #[serde(default)]
    #[allow(dead_code)]
    first_doc: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    context: Option<String>,
    #[serde(default)]
    #[allow(dead_code)]
    seen: Vec<String>,
    #[serde(default)]
    #[allow(dead_code)]
    known: Option<String>,
}

/// A set of formulations, in file order (central file first for the bundled lexicon).
#[derive(Debug, Clone, Default)]
pub struct Lexicon {
    pub formulations: Vec<Formulation>,
    /// The files `from_dir` read, with the hash of the bytes read (empty when bundled).
    pub files: Vec<InputFile>,
}

impl Lexicon {
    /// The bundled lexicon (central + Jiangsu).
    pub fn bundled() -> Result<Self> {
        let mut lexicon = Lexicon::default();
        for (name, text) in BUNDLED {
            lexicon.add_file(name, text)?;
        }
        Ok(lexicon)
    }

    /// Every `*.toml` file of `dir`, in file-name order.
    pub fn from_dir(dir: &Path) -> Result<Self> {
        let entries = std::fs::read_dir(dir).map_err(|e| Error::io(dir, e))?;
        let mut paths: Vec<_> = entries
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|x| x == "toml"))
            .collect();
        paths.sort();
        if paths.is_empty() {
            return Err(Error::NotFound(format!(
                "{}: no lexicon files (*.toml) in this directory",
                dir.display()
            )));
        }
        let mut lexicon = Lexicon::default();
        for path in paths {
            let text = std::fs::read_to_string(&path).map_err(|e| Error::io(&path, e))?;
            let name = path.display().to_string();
            lexicon.add_file(&name, &text)?;
            lexicon
                .files
                .push(InputFile::of("lexicon", name, text.as_bytes()));
        }
        Ok(lexicon)
    }

    /// One lexicon file (a list written by discovery and edited, for example).
    pub fn from_file(path: &Path) -> Result<Self> {
        let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
        let mut lexicon = Lexicon::default();
        lexicon.add_file(&path.display().to_string(), &text)?;
        Ok(lexicon)
    }

    fn add_file(&mut self, name: &str, text: &str) -> Result<()> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| Error::Manifest {
            path: name.into(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        for f in file.formulation {
            if f.status == Status::Rejected {
                continue;
            }
            if project_phrase(&f.text).chars().count() < 2 {
                return Err(Error::Manifest {
                    path: name.into(),
                    line: None,
                    message: format!("formulation {:?}: text {:?} is too short", f.id, f.text),
                });
            }
            if self.formulations.iter().any(|g| g.id == f.id) {
                return Err(Error::Manifest {
                    path: name.into(),
                    line: None,
                    message: format!("formulation id {:?} is used twice", f.id),
                });
            }
            let first_date = match &f.first_date {
                None => None,
                Some(s) => Some(s.parse::<DocDate>().map_err(|e| Error::Manifest {
                    path: name.into(),
                    line: None,
                    message: format!("formulation {:?}: first_date {s:?}: {e}", f.id),
                })?),
            };
            self.formulations.push(Formulation {
                id: f.id,
                text: f.text,
                variants: f.variants,
                level: file.level,
                province: file.province.clone(),
                gloss: f.gloss,
                body: f.body,
                topic: f.topic,
                first_date,
                source: f.source,
                status: f.status,
                guard: ContextGuard::new(&f.require_near, &f.forbid_near, f.near),
                whole_word: f.whole_word,
            });
        }
        Ok(())
    }

    /// Every surface form of every formulation (canonical text first, then variants).
    pub fn words(&self) -> Vec<String> {
        self.formulations
            .iter()
            .flat_map(|f| std::iter::once(&f.text).chain(&f.variants))
            .cloned()
            .collect()
    }
}

fn line_of(text: &str, byte: usize) -> usize {
    text[..byte.min(text.len())].matches('\n').count() + 1
}

/// A match of one phrase of a [`PhraseMatcher`] in a projection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PhraseHit {
    /// Index of the phrase's owner (formulation index, exclusion index).
    pub owner: usize,
    /// Projected char range.
    pub start: usize,
    pub end: usize,
}

/// Leftmost-longest matching of projected phrases; each phrase belongs to an owner. Lexicon
/// matchers also check each hit against its owner's context guard and, where the phrase must
/// match as a whole word, against jieba's word boundaries.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    owners: Vec<usize>,
    /// For each pattern: must it match as a whole word?
    whole_word: Vec<bool>,
    /// For each owner (lexicon matchers only): its context guard.
    guards: Vec<ContextGuard>,
}

impl PhraseMatcher {
    /// Plain phrases: no guards, no word check.
    pub fn new<'a>(phrases: impl IntoIterator<Item = (usize, &'a str)>) -> Result<Self> {
        Self::build(phrases.into_iter().map(|(o, p)| (o, p, false)), Vec::new())
    }

    fn build<'a>(
        phrases: impl IntoIterator<Item = (usize, &'a str, bool)>,
        guards: Vec<ContextGuard>,
    ) -> Result<Self> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        let mut whole_word = Vec::new();
        for (owner, phrase, whole) in phrases {
            let p = project_phrase(phrase);
            if !p.is_empty() {
                patterns.push(p);
                owners.push(owner);
                whole_word.push(whole);
            }
        }
        if patterns.is_empty() {
            return Ok(PhraseMatcher {
                automaton: None,
                owners,
                whole_word,
                guards,
            });
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Internal(format!("cannot build the phrase matcher: {e}")))?;
        Ok(PhraseMatcher {
            automaton: Some(automaton),
            owners,
            whole_word,
            guards,
        })
    }

    /// Every surface form of every formulation, with the entries' guards and word rules.
    pub fn for_lexicon(lexicon: &Lexicon) -> Result<Self> {
        let phrases = lexicon.formulations.iter().enumerate().flat_map(|(i, f)| {
            std::iter::once(f.text.as_str())
                .chain(f.variants.iter().map(String::as_str))
                .map(move |form| (i, form, f.whole_word_for(form)))
        });
        let guards = lexicon
            .formulations
            .iter()
            .map(|f| f.guard.clone())
            .collect();
        Self::build(phrases, guards)
    }

    /// Non-overlapping hits in `projection` whose normalized extent does not cross a sentence end.
    pub fn find(&self, projection: &Projection, normalized: &[char]) -> Vec<PhraseHit> {
        let Some(automaton) = &self.automaton else {
            return Vec::new();
        };
        let haystack: String = projection.chars.iter().collect();
        let mut char_of_byte = vec![0usize; haystack.len() + 1];
        for (ci, (bi, _)) in haystack.char_indices().enumerate() {
            char_of_byte[bi] = ci;
        }
        char_of_byte[haystack.len()] = projection.len();
        automaton
            .find_iter(&haystack)
            .filter_map(|m| {
                let pattern = m.pattern().as_usize();
                let hit = PhraseHit {
                    owner: self.owners[pattern],
                    start: char_of_byte[m.start()],
                    end: char_of_byte[m.end()],
                };
                self.accepts(pattern, &hit, projection, normalized)
                    .then_some(hit)
            })
            .collect()
    }

    fn accepts(
        &self,
        pattern: usize,
        hit: &PhraseHit,
        projection: &Projection,
        normalized: &[char],
    ) -> bool {
        let (start, end) = (hit.start, hit.end);
        !crosses_sentence_end(projection, normalized, start, end)
            && self
                .guards
                .get(hit.owner)
                .is_none_or(|g| g.accepts(projection, normalized, start, end))
            && (!self.whole_word[pattern] || is_whole_word(projection, normalized, start, end))
    }
}

#[cfg(test)]
mod tests;
