//! The formulation lexicon: official phrases with their level, issuing body, first known date and
//! source, read from `data/lexicon/*.toml`, and matched in projected text (separators and quotes
//! ignored) with Aho–Corasick, leftmost-longest.

use std::path::Path;

use aho_corasick::{AhoCorasick, AhoCorasickBuilder, MatchKind};
use serde::Deserialize;

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

    fn add_file(&mut self, name: &str, text: &str) -> Result<()> {
        let file: LexiconFile = toml::from_str(text).map_err(|e| Error::Manifest {
            path: name.into(),
            line: e.span().map(|s| line_of(text, s.start)),
            message: e.message().to_string(),
        })?;
        for f in file.formulation {
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

/// Leftmost-longest matching of projected phrases; each phrase belongs to an owner.
#[derive(Debug, Clone)]
pub struct PhraseMatcher {
    automaton: Option<AhoCorasick>,
    owners: Vec<usize>,
}

impl PhraseMatcher {
    pub fn new<'a>(phrases: impl IntoIterator<Item = (usize, &'a str)>) -> Result<Self> {
        let mut patterns = Vec::new();
        let mut owners = Vec::new();
        for (owner, phrase) in phrases {
            let p = project_phrase(phrase);
            if !p.is_empty() {
                patterns.push(p);
                owners.push(owner);
            }
        }
        if patterns.is_empty() {
            return Ok(PhraseMatcher {
                automaton: None,
                owners,
            });
        }
        let automaton = AhoCorasickBuilder::new()
            .match_kind(MatchKind::LeftmostLongest)
            .build(&patterns)
            .map_err(|e| Error::Internal(format!("cannot build the phrase matcher: {e}")))?;
        Ok(PhraseMatcher {
            automaton: Some(automaton),
            owners,
        })
    }

    pub fn for_lexicon(lexicon: &Lexicon) -> Result<Self> {
        PhraseMatcher::new(lexicon.formulations.iter().enumerate().flat_map(|(i, f)| {
            std::iter::once((i, f.text.as_str()))
                .chain(f.variants.iter().map(move |v| (i, v.as_str())))
        }))
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
            .map(|m| PhraseHit {
                owner: self.owners[m.pattern().as_usize()],
                start: char_of_byte[m.start()],
                end: char_of_byte[m.end()],
            })
            .filter(|h| !crosses_sentence_end(projection, normalized, h.start, h.end))
            .collect()
    }
}

fn crosses_sentence_end(p: &Projection, normalized: &[char], start: usize, end: usize) -> bool {
    let range = p.normalized_range(start, end);
    normalized[range.start.min(normalized.len())..range.end.min(normalized.len())]
        .iter()
        .any(|c| matches!(c, '。' | '！' | '？' | '\n'))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn hits(text: &str) -> Vec<(String, String)> {
        let lexicon = Lexicon::bundled().unwrap();
        let m = PhraseMatcher::for_lexicon(&lexicon).unwrap();
        let p = Projection::of(text);
        let chars: Vec<char> = text.chars().collect();
        m.find(&p, &chars)
            .into_iter()
            .map(|h| {
                (
                    lexicon.formulations[h.owner].id.clone(),
                    p.text(h.start, h.end),
                )
            })
            .collect()
    }

    #[test]
    fn bundled_lexicon_loads_with_dates() {
        let lexicon = Lexicon::bundled().unwrap();
        assert!(lexicon.formulations.len() >= 20);
        let z = &lexicon.formulations[0];
        assert_eq!(z.text, "外防输入、内防反弹");
        assert_eq!(z.level, Level::Central);
        assert_eq!(z.first_date.unwrap().to_string(), "2020-03-27");
        let yajin = lexicon
            .formulations
            .iter()
            .find(|f| f.id == "yajin-yashi")
            .unwrap();
        assert_eq!(yajin.level, Level::Provincial);
        assert_eq!(yajin.province.as_deref(), Some("江苏省"));
    }

    #[test]
    fn separators_and_quotes_do_not_matter() {
        for text in [
            "坚持外防输入、内防反弹总策略",
            "坚持“外防输入,内防反弹”总策略",
            "坚持外防输入 内防反弹总策略",
        ] {
            assert_eq!(
                hits(text),
                [("zongcelue".to_string(), "外防输入内防反弹".to_string())],
                "{text}"
            );
        }
    }

    #[test]
    fn leftmost_longest_prefers_the_long_variant() {
        // From Nantong's meeting (data/raw/004): the long pinhole saying, with 能.
        let h = hits("针尖大的窟窿能漏过斗大的风");
        assert_eq!(h.len(), 1);
        assert_eq!(h[0].0, "zhenjian-kulong");
    }

    #[test]
    fn a_sentence_end_breaks_a_match() {
        assert!(hits("严防外防输入。内防反弹").is_empty());
    }

    #[test]
    fn bad_files_name_the_problem() {
        let mut l = Lexicon::default();
        let e = l.add_file("x.toml", "level = \"central\"\n[[formulation]]\nid = \"a\"\ntext = \"外防输入\"\nfirst_date = \"2020-13\"\n").unwrap_err();
        assert!(e.to_string().contains("first_date"), "{e}");
        let e = l
            .add_file("x.toml", "level = \"central\"\nbogus = 1\n")
            .unwrap_err();
        assert!(e.to_string().starts_with("x.toml:2"), "{e}");
    }
}
