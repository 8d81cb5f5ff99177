//! Tokenizers: jieba words that contain a Han character, or Han n-grams within runs of Han
//! characters, then the stopword list. Every analyzer returns owned tokens in text order;
//! punctuation, digits, Latin letters and whitespace never become tokens. Tokens are slices
//! of the text they come from ([`Analyzer::token_slices`]), so cutting a corpus allocates one
//! vector per document, not one string per token.

use std::path::Path;

use jieba_rs::Jieba;
use rustc_hash::FxHashSet;
use serde::Serialize;

use crate::error::{Error, Result};
use crate::source::InputFile;
use crate::text::is_han;

const USERDICT: &str = include_str!("../../data/userdict.txt");
const STOPWORDS: &str = include_str!("../../data/stopwords.txt");

/// Which analyzer turns text into tokens.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum AnalyzerKind {
    #[default]
    Word,
    Char,
}

impl std::str::FromStr for AnalyzerKind {
    type Err = String;
    fn from_str(s: &str) -> std::result::Result<Self, Self::Err> {
        match s {
            "word" => Ok(AnalyzerKind::Word),
            "char" => Ok(AnalyzerKind::Char),
            _ => Err(format!("unknown analyzer {s:?}; expected word or char")),
        }
    }
}

/// Analyzer settings (defaults in docs/METHODS.md, "Tokens and TF-IDF").
#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct TokenParams {
    pub analyzer: AnalyzerKind,
    /// jieba's HMM for words missing from its dictionary.
    pub hmm: bool,
    pub stopwords: bool,
    /// Han n-gram lengths of the char analyzer.
    pub ngram_min: usize,
    pub ngram_max: usize,
}

impl Default for TokenParams {
    fn default() -> Self {
        TokenParams {
            analyzer: AnalyzerKind::Word,
            hmm: true,
            stopwords: true,
            ngram_min: 2,
            ngram_max: 4,
        }
    }
}

impl TokenParams {
    pub fn validate(&self) -> Result<()> {
        if self.ngram_min == 0 || self.ngram_min > self.ngram_max {
            return Err(Error::Parameter {
                name: "ngram_min",
                message: format!(
                    "{}: must be at least 1 and at most ngram_max ({})",
                    self.ngram_min, self.ngram_max
                ),
            });
        }
        Ok(())
    }
}

/// Words of a list file: one per line, `#` comments and blank lines skipped; a jieba-style
/// frequency or tag after the word is ignored.
fn word_list(text: &str) -> Vec<String> {
    text.lines()
        .map(str::trim)
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
        .filter_map(|l| l.split_whitespace().next().map(str::to_string))
        .collect()
}

/// The words of a list file, recording what was read in `read` (under `role`).
fn read_list(role: &'static str, path: &Path, read: &mut Vec<InputFile>) -> Result<Vec<String>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    read.push(InputFile::of(
        role,
        path.display().to_string(),
        text.as_bytes(),
    ));
    Ok(word_list(&text))
}

/// A ready tokenizer.
pub struct Analyzer {
    params: TokenParams,
    jieba: Option<Jieba>,
    stopwords: FxHashSet<String>,
    /// The user dictionary and stopword files read (none for the bundled lists).
    lists: Vec<InputFile>,
}

impl Analyzer {
    /// The bundled user dictionary and stopwords, plus `extra_words` (the lexicon's).
    pub fn new(params: &TokenParams, extra_words: &[String]) -> Result<Self> {
        Self::with_lists(params, extra_words, None, None)
    }

    /// As [`Analyzer::new`], with the user dictionary and/or stopword list read from files.
    pub fn with_lists(
        params: &TokenParams,
        extra_words: &[String],
        userdict: Option<&Path>,
        stopwords: Option<&Path>,
    ) -> Result<Self> {
        params.validate()?;
        let mut lists = Vec::new();
        let jieba = match params.analyzer {
            AnalyzerKind::Word => {
                let mut j = Jieba::new();
                let words = match userdict {
                    Some(p) => read_list("userdict", p, &mut lists)?,
                    None => word_list(USERDICT),
                };
                for w in words.iter().chain(extra_words) {
                    // Separators inside formulations (外防输入、内防反弹) are not tokens.
                    let w: String = w.chars().filter(|&c| is_han(c)).collect();
                    if !w.is_empty() {
                        j.add_word(&w, None, None);
                    }
                }
                Some(j)
            }
            AnalyzerKind::Char => None,
        };
        let stopwords = if params.stopwords {
            match stopwords {
                Some(p) => read_list("stopwords", p, &mut lists)?,
                None => word_list(STOPWORDS),
            }
            .into_iter()
            .collect()
        } else {
            FxHashSet::default()
        };
        Ok(Analyzer {
            params: params.clone(),
            jieba,
            stopwords,
            lists,
        })
    }

    /// The user dictionary and stopword files this analyzer read, as read (none when it uses
    /// the bundled lists, or does not use a list at all).
    pub fn lists_read(&self) -> &[InputFile] {
        &self.lists
    }

    pub fn params(&self) -> &TokenParams {
        &self.params
    }

    /// The tokens of `text`, owned.
    pub fn tokens(&self, text: &str) -> Vec<String> {
        self.token_slices(text)
            .into_iter()
            .map(str::to_string)
            .collect()
    }

    /// The tokens of `text` as slices of it, in text order.
    pub fn token_slices<'t>(&self, text: &'t str) -> Vec<&'t str> {
        let mut raw = match &self.jieba {
            Some(j) => words(j, text, self.params.hmm),
            None => ngrams(text, self.params.ngram_min, self.params.ngram_max),
        };
        if !self.stopwords.is_empty() {
            raw.retain(|t| !self.stopwords.contains(*t));
        }
        raw
    }
}

/// jieba words that contain a Han character.
fn words<'t>(jieba: &Jieba, text: &'t str, hmm: bool) -> Vec<&'t str> {
    jieba
        .cut(text, hmm)
        .into_iter()
        .map(|t| t.word)
        .filter(|w| w.chars().any(is_han))
        .collect()
}

/// Han n-grams of every length in min..=max inside each run of Han characters, by start
/// position then length.
fn ngrams(text: &str, min: usize, max: usize) -> Vec<&str> {
    let mut out = Vec::new();
    // Byte offset of every character, and the text's end: an n-gram from character `a` to
    // `b` is text[at[a]..at[b]].
    let (at, chars): (Vec<usize>, Vec<char>) = text
        .char_indices()
        .chain(std::iter::once((text.len(), ' ')))
        .unzip();
    let len = chars.len() - 1;
    let mut i = 0;
    while i < len {
        if !is_han(chars[i]) {
            i += 1;
            continue;
        }
        let mut j = i;
        while j < len && is_han(chars[j]) {
            j += 1;
        }
        for start in i..j {
            for n in min..=max.min(j - start) {
                out.push(&text[at[start]..at[start + n]]);
            }
        }
        i = j;
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn word_tokens(text: &str) -> Vec<String> {
        Analyzer::new(&TokenParams::default(), &[])
            .unwrap()
            .tokens(text)
    }

    #[test]
    fn formulations_stay_whole() {
        // Changzhou (data/raw/000) and Jiangsu (004).
        let t = word_tokens("坚持外防输入、内防反弹总策略和动态清零总方针");
        for w in ["外防输入", "内防反弹", "动态清零"] {
            assert!(t.contains(&w.to_string()), "{w} in {t:?}");
        }
        let t = word_tokens("要压紧压实“四方责任”，以快制快，加快实现社会面清零");
        for w in ["压紧压实", "四方责任", "以快制快", "社会面清零"] {
            assert!(t.contains(&w.to_string()), "{w} in {t:?}");
        }
    }

    #[test]
    fn no_punctuation_digits_latin_or_stopwords() {
        let t = word_tokens("会议强调，要在12月11日前完成COVID-19核酸检测。");
        assert!(t.contains(&"核酸检测".to_string()), "{t:?}");
        for bad in ["会议", "强调", "要", "在", "，", "12", "COVID", "。"] {
            assert!(!t.contains(&bad.to_string()), "{bad} in {t:?}");
        }
        let all = Analyzer::new(
            &TokenParams {
                stopwords: false,
                ..TokenParams::default()
            },
            &[],
        )
        .unwrap()
        .tokens("会议强调");
        assert_eq!(all, ["会议", "强调"]);
    }

    #[test]
    fn lexicon_words_can_be_added() {
        let params = TokenParams::default();
        let plain = Analyzer::new(&params, &[])
            .unwrap()
            .tokens("针尖大的窟窿漏过斗大的风");
        assert!(!plain.contains(&"针尖大的窟窿漏过斗大的风".to_string()));
        let with = Analyzer::new(&params, &["针尖大的窟窿漏过斗大的风".to_string()])
            .unwrap()
            .tokens("针尖大的窟窿漏过斗大的风");
        assert_eq!(with, ["针尖大的窟窿漏过斗大的风"]);
    }

    #[test]
    fn char_ngrams_stay_inside_han_runs() {
        let a = Analyzer::new(
            &TokenParams {
                analyzer: AnalyzerKind::Char,
                stopwords: false,
                ngram_min: 2,
                ngram_max: 3,
                ..TokenParams::default()
            },
            &[],
        )
        .unwrap();
        assert_eq!(
            a.tokens("外防输入、内防"),
            ["外防", "外防输", "防输", "防输入", "输入", "内防"]
        );
    }

    #[test]
    fn ling_is_han_inside_char_ngrams() {
        // 〇 is a Han numeral (the normalizer treats it as Han): 二〇二二年 is one run, not two.
        let a = Analyzer::new(
            &TokenParams {
                analyzer: AnalyzerKind::Char,
                stopwords: false,
                ngram_min: 2,
                ngram_max: 2,
                ..TokenParams::default()
            },
            &[],
        )
        .unwrap();
        assert_eq!(a.tokens("二〇二二年"), ["二〇", "〇二", "二二", "二年"]);
    }
}
