//! The corpus manifest (`corpus.toml`): which files make the corpus and what their documents are.
//!
//! ```toml
//! name = "seeds"
//! [defaults]                    # metadata for every document unless overridden
//! level = "municipal"
//! [[sources]]
//! path = "raw/004_a79d0054a62f4d9d.txt"   # relative to this file; a file, a directory or a glob
//! # format = "text"            # text | csv | jsonl (default: from the extension)
//! # split = "auto"             # auto | none: articles found by the splitter
//! # breaks = ["王晖主持召开"]   # extra article starts (the first words of each article)
//! # encoding = "auto"          # auto | utf-8 | utf-16 | gb18030 | utf-8-lossy
//! [sources.defaults]           # metadata for this source's documents
//! province = "江苏省"
//! [[sources.documents]]        # one per article, in order (text), or per file (dir/glob)
//! id = "jiangsu-2022-leading-group"
//! level = "provincial"
//! ```
//! Unknown keys are errors, so a typo never silently drops a setting.

use std::path::{Path, PathBuf};

use serde::Deserialize;
use toml::Spanned;

use crate::decode::EncodingChoice;
use crate::document::{DocDate, Level};
use crate::error::{Error, Result};

/// Metadata fields that may be given for a document, a source or the whole corpus.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields)]
pub struct MetaFields {
    pub level: Option<Level>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub date: Option<DocDate>,
    pub title: Option<String>,
}

impl MetaFields {
    /// Fields of `self`, falling back to `other` where `self` has none.
    pub fn or(&self, other: &MetaFields) -> MetaFields {
        MetaFields {
            level: self.level.or(other.level),
            province: self.province.clone().or_else(|| other.province.clone()),
            city: self.city.clone().or_else(|| other.city.clone()),
            date: self.date.or(other.date),
            title: self.title.clone().or_else(|| other.title.clone()),
        }
    }
}

/// One `[[sources.documents]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct DocEntry {
    pub id: Spanned<String>,
    /// For directory/glob sources: the file name this entry describes.
    pub file: Option<String>,
    // Listed one by one rather than `#[serde(flatten)]`-ing `MetaFields`: flattening loses the
    // spans that let errors name the offending line.
    pub level: Option<Level>,
    pub province: Option<String>,
    pub city: Option<String>,
    pub date: Option<DocDate>,
    pub title: Option<String>,
    /// Free-text note on where the metadata comes from (dates inferred, etc.).
    pub note: Option<String>,
}

impl DocEntry {
    pub fn meta(&self) -> MetaFields {
        MetaFields {
            level: self.level,
            province: self.province.clone(),
            city: self.city.clone(),
            date: self.date,
            title: self.title.clone(),
        }
    }
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq, Default)]
#[serde(rename_all = "lowercase")]
pub enum SplitMode {
    #[default]
    Auto,
    None,
}

#[derive(Debug, Clone, Copy, Deserialize, PartialEq, Eq)]
#[serde(rename_all = "lowercase")]
pub enum SourceFormat {
    Text,
    Csv,
    Jsonl,
}

/// Column (CSV) or field (JSONL) names of a record source. Unset names default to the metadata
/// names (`id`, `date` ...) and may be absent from the file; a name the manifest sets must exist.
#[derive(Debug, Clone, Default, Deserialize, PartialEq, Eq)]
#[serde(deny_unknown_fields, default)]
pub struct FieldNames {
    text: Option<String>,
    id: Option<String>,
    title: Option<String>,
    date: Option<String>,
    level: Option<String>,
    province: Option<String>,
    city: Option<String>,
}

impl FieldNames {
    pub fn text(&self) -> &str {
        self.text.as_deref().unwrap_or("text")
    }
    pub fn id(&self) -> &str {
        self.id.as_deref().unwrap_or("id")
    }
    pub fn title(&self) -> &str {
        self.title.as_deref().unwrap_or("title")
    }
    pub fn date(&self) -> &str {
        self.date.as_deref().unwrap_or("date")
    }
    pub fn level(&self) -> &str {
        self.level.as_deref().unwrap_or("level")
    }
    pub fn province(&self) -> &str {
        self.province.as_deref().unwrap_or("province")
    }
    pub fn city(&self) -> &str {
        self.city.as_deref().unwrap_or("city")
    }

    /// The metadata names the manifest sets, as (`fields` key, column or field name).
    pub fn named(&self) -> Vec<(&'static str, &str)> {
        [
            ("id", &self.id),
            ("title", &self.title),
            ("date", &self.date),
            ("level", &self.level),
            ("province", &self.province),
            ("city", &self.city),
        ]
        .into_iter()
        .filter_map(|(key, name)| Some((key, name.as_deref()?)))
        .collect()
    }
}

/// One `[[sources]]` entry.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SourceEntry {
    pub path: Spanned<String>,
    pub format: Option<SourceFormat>,
    /// Default: `auto` for a single file, `none` (one document per file) for a directory or glob.
    pub split: Option<SplitMode>,
    #[serde(default)]
    pub breaks: Vec<String>,
    #[serde(default, deserialize_with = "de_encoding")]
    pub encoding: EncodingChoice,
    #[serde(default)]
    pub defaults: MetaFields,
    #[serde(default)]
    pub fields: FieldNames,
    #[serde(default)]
    pub documents: Vec<DocEntry>,
}

fn de_encoding<'de, D: serde::Deserializer<'de>>(
    d: D,
) -> std::result::Result<EncodingChoice, D::Error> {
    let s = String::deserialize(d)?;
    s.parse().map_err(serde::de::Error::custom)
}

/// The whole manifest.
#[derive(Debug, Clone, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Manifest {
    pub name: String,
    #[serde(default)]
    pub description: Option<String>,
    #[serde(default)]
    pub defaults: MetaFields,
    /// Phrases never counted as reuse (institution names ...), used by the reuse engine.
    #[serde(default)]
    pub exclude: Vec<String>,
    /// The folder, relative to the manifest's, that every source must lie inside (default: the
    /// manifest's own folder). A manifest is untrusted input: it reads nothing outside its root.
    #[serde(default)]
    pub root: Option<Spanned<String>>,
    pub sources: Vec<SourceEntry>,
}

/// A parsed manifest with the text it came from, for turning spans into line numbers.
#[derive(Debug, Clone)]
pub struct LoadedManifest {
    pub path: PathBuf,
    pub manifest: Manifest,
    /// Read sources outside the root too (the user allowed it for this run).
    pub allow_outside: bool,
    source_text: String,
}

impl LoadedManifest {
    /// Directory that relative source paths are resolved against.
    pub fn base_dir(&self) -> &Path {
        self.path.parent().unwrap_or(Path::new("."))
    }

    /// The manifest as read, shown by its file name.
    pub fn input_file(&self) -> super::InputFile {
        let name = self
            .path
            .file_name()
            .map(|n| n.to_string_lossy().to_string())
            .unwrap_or_default();
        super::InputFile::of("manifest", name, self.source_text.as_bytes())
    }

    /// 1-based line of a byte offset in the manifest.
    pub fn line_of(&self, offset: usize) -> usize {
        line_of(&self.source_text, offset)
    }

    /// An error located at a span of the manifest.
    pub fn error_at(&self, span: std::ops::Range<usize>, message: impl Into<String>) -> Error {
        Error::Manifest {
            path: self.path.clone(),
            line: Some(self.line_of(span.start)),
            message: message.into(),
        }
    }
}

fn line_of(text: &str, offset: usize) -> usize {
    let offset = offset.min(text.len());
    text.as_bytes()[..offset]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

/// Read and parse a manifest file.
pub fn read(path: &Path) -> Result<LoadedManifest> {
    let text = std::fs::read_to_string(path).map_err(|e| match e.kind() {
        std::io::ErrorKind::NotFound => Error::Manifest {
            path: path.into(),
            line: None,
            message: "manifest not found (the bundled one is data/corpus.toml, read from the \
                      repository root)"
                .into(),
        },
        _ => Error::io(path, e),
    })?;
    parse(path, text)
}

/// Parse manifest text (`path` is used for errors and relative paths).
pub fn parse(path: &Path, text: String) -> Result<LoadedManifest> {
    let manifest: Manifest = toml::from_str(&text).map_err(|e| Error::Manifest {
        path: path.into(),
        line: e.span().map(|s| line_of(&text, s.start)),
        message: e.message().trim().replace('\n', " "),
    })?;
    let loaded = LoadedManifest {
        path: path.into(),
        manifest,
        allow_outside: false,
        source_text: text,
    };
    check_unique_ids(&loaded)?;
    Ok(loaded)
}

/// What is wrong with a document id, if anything. An id may hold any printable characters,
/// spaces included, but not only spaces, no space at either end, and no control characters
/// (newlines, tabs, escapes), so that it prints on one line and survives every table format.
pub fn id_problem(id: &str) -> Option<&'static str> {
    if id.trim().is_empty() {
        Some("is empty or only spaces")
    } else if id.chars().any(char::is_control) {
        Some("holds a control character (newline, tab, escape ...)")
    } else if id.trim() != id {
        Some("starts or ends with a space")
    } else {
        None
    }
}

/// The explanation that follows an `id_problem`.
pub const ID_RULE: &str =
    "an id is printable text without control characters or spaces at either end";

fn check_unique_ids(m: &LoadedManifest) -> Result<()> {
    let mut seen: std::collections::HashMap<&str, usize> = Default::default();
    for d in m.manifest.sources.iter().flat_map(|s| &s.documents) {
        if let Some(problem) = id_problem(d.id.get_ref()) {
            return Err(m.error_at(
                d.id.span(),
                format!("document id {:?} {problem}; {ID_RULE}", d.id.get_ref()),
            ));
        }
        let line = m.line_of(d.id.span().start);
        if let Some(first) = seen.insert(d.id.get_ref().as_str(), line) {
            return Err(m.error_at(
                d.id.span(),
                format!(
                    "duplicate document id {:?} (first used on line {first}); ids must be unique",
                    d.id.get_ref()
                ),
            ));
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse_str(s: &str) -> Result<LoadedManifest> {
        parse(Path::new("corpus.toml"), s.to_string())
    }

    #[test]
    fn minimal_manifest() {
        let m = parse_str("name = \"x\"\n[[sources]]\npath = \"a.txt\"\n").unwrap();
        assert_eq!(m.manifest.sources.len(), 1);
        assert_eq!(m.manifest.sources[0].split, None);
    }

    #[test]
    fn unknown_key_names_the_line() {
        let e = parse_str("name = \"x\"\n[[sources]]\npath = \"a.txt\"\nlvl = \"city\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("corpus.toml:4: unknown field `lvl`"), "{e}");
    }

    #[test]
    fn unknown_level_names_the_line() {
        let e =
            parse_str("name = \"x\"\n[defaults]\nlevel = \"city\"\n[[sources]]\npath = \"a\"\n")
                .unwrap_err()
                .to_string();
        assert!(
            e.starts_with("corpus.toml:3: unknown variant `city`"),
            "{e}"
        );
    }

    #[test]
    fn malformed_date_names_the_line() {
        let e = parse_str("name = \"x\"\n[[sources]]\npath = \"a\"\n[[sources.documents]]\nid = \"a\"\ndate = \"2022-13-01\"\n")
            .unwrap_err()
            .to_string();
        assert!(e.starts_with("corpus.toml:6: malformed date"), "{e}");
    }

    #[test]
    fn duplicate_ids_are_rejected() {
        let e = parse_str(
            "name = \"x\"\n[[sources]]\npath = \"a\"\n[[sources.documents]]\nid = \"a\"\n[[sources.documents]]\nid = \"a\"\n",
        )
        .unwrap_err()
        .to_string();
        assert!(
            e.starts_with("corpus.toml:7: duplicate document id \"a\" (first used on line 5)"),
            "{e}"
        );
    }

    #[test]
    fn bad_ids_are_rejected_with_the_rule() {
        for (id, problem) in [
            ("", "is empty or only spaces"),
            ("   ", "is empty or only spaces"),
            ("a\\nb", "holds a control character"),
            ("a\\u001b[31m", "holds a control character"),
            (" a", "starts or ends with a space"),
        ] {
            let e = parse_str(&format!(
                "name = \"x\"\n[[sources]]\npath = \"a\"\n[[sources.documents]]\nid = \"{id}\"\n"
            ))
            .unwrap_err()
            .to_string();
            assert!(e.starts_with("corpus.toml:5: document id"), "{e}");
            assert!(e.contains(problem) && e.contains(ID_RULE), "{e}");
        }
    }

    #[test]
    fn dates_may_be_toml_dates_but_not_numbers_or_times() {
        let doc = |date: &str| {
            parse_str(&format!(
                "name = \"x\"\n[[sources]]\npath = \"a\"\n[[sources.documents]]\nid = \"a\"\ndate = {date}\n"
            ))
        };
        let m = doc("2022-01-31").unwrap();
        assert_eq!(
            m.manifest.sources[0].documents[0].date.unwrap().to_string(),
            "2022-01-31"
        );
        for (bad, says) in [
            ("2022", "not integer 2022"),
            ("2022-01-31T08:00:00", "not datetime 2022-01-31T08:00:00"),
            ("\"0000-01-01\"", "malformed date \"0000-01-01\""),
        ] {
            let e = doc(bad).unwrap_err().to_string();
            assert!(e.starts_with("corpus.toml:6: "), "{e}");
            assert!(e.contains(says), "{bad}: {e}");
        }
    }
}
