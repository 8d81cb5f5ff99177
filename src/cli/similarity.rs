//! `tifa tokens` and `tifa similarity`.

use std::io::Write;
use std::path::PathBuf;

use anyhow::Context;
use tifa::corpus::Corpus;
use tifa::features::tokens::{Analyzer, AnalyzerKind, TokenParams};
use tifa::measures::similarity::{self, VectorParams};
use tifa::measures::tfidf::{DocFreq, Idf, Norm, Tfidf, TfidfParams};
use tifa::render::table::{Cell, Format, Table};

use super::CorpusArg;
use super::reuse::ReuseOptions;

/// Token and TF-IDF options shared by `tokens`, `similarity`, `report` and `plot`.
#[derive(Debug, Clone, clap::Args)]
pub struct VectorOptions {
    /// word (jieba) or char (Han n-grams).
    #[arg(long, default_value = "word")]
    pub analyzer: AnalyzerKind,
    /// Shortest and longest Han n-gram of the char analyzer.
    #[arg(long, default_value_t = TokenParams::default().ngram_min)]
    pub ngram_min: usize,
    #[arg(long, default_value_t = TokenParams::default().ngram_max)]
    pub ngram_max: usize,
    /// Turn off jieba's HMM for unknown words.
    #[arg(long)]
    pub no_hmm: bool,
    /// Keep stopwords.
    #[arg(long)]
    pub no_stopwords: bool,
    /// User dictionary (one word per line) instead of data/userdict.txt.
    #[arg(long, value_name = "FILE")]
    pub userdict: Option<PathBuf>,
    /// Stopword list (one word per line) instead of data/stopwords.txt.
    #[arg(long, value_name = "FILE")]
    pub stopwords: Option<PathBuf>,
    /// smooth (scikit-learn default), plain (smooth_idf=False) or quanteda (log10, no +1).
    #[arg(long, default_value = "smooth")]
    pub idf: Idf,
    /// 1 + ln(tf) instead of tf.
    #[arg(long)]
    pub sublinear_tf: bool,
    /// l2 or none.
    #[arg(long, default_value = "l2")]
    pub norm: Norm,
    /// Ignore terms in fewer documents: a count (2) or a proportion (0.1).
    #[arg(long, default_value = "1")]
    pub min_df: DocFreq,
    /// Ignore terms in more documents: a count or a proportion.
    #[arg(long, default_value = "1.0")]
    pub max_df: DocFreq,
    /// Keep only the most frequent terms.
    #[arg(long)]
    pub max_features: Option<usize>,
}

impl VectorOptions {
    pub fn params(&self) -> VectorParams {
        VectorParams {
            tokens: TokenParams {
                analyzer: self.analyzer,
                hmm: !self.no_hmm,
                stopwords: !self.no_stopwords,
                ngram_min: self.ngram_min,
                ngram_max: self.ngram_max,
            },
            tfidf: TfidfParams {
                min_df: self.min_df,
                max_df: self.max_df,
                max_features: self.max_features,
                sublinear_tf: self.sublinear_tf,
                norm: self.norm,
                idf: self.idf,
            },
        }
    }

    /// The analyzer, with the lexicon's formulations as extra words.
    pub fn analyzer(&self, lexicon_words: &[String]) -> anyhow::Result<Analyzer> {
        Ok(Analyzer::with_lists(
            &self.params().tokens,
            lexicon_words,
            self.userdict.as_deref(),
            self.stopwords.as_deref(),
        )?)
    }
}

/// What `tokens` and `similarity` read: a corpus and how to cut it into tokens.
#[derive(Debug, clap::Args)]
pub struct TokenInput {
    #[command(flatten)]
    corpus: CorpusArg,
    #[command(flatten)]
    vectors: VectorOptions,
    /// Lexicon directory whose formulations stay whole words (default: bundled).
    #[arg(long, value_name = "DIR")]
    lexicon: Option<PathBuf>,
}

impl TokenInput {
    /// The corpus and its analyzer (lexicon formulations kept whole).
    fn load(&self) -> anyhow::Result<(Corpus, Analyzer)> {
        self.load_timed(&mut Timings::new(false))
    }

    /// [`TokenInput::load`], timing the analyzer's setup and the corpus's reading apart.
    fn load_timed(&self, timings: &mut Timings) -> anyhow::Result<(Corpus, Analyzer)> {
        let lexicon = ReuseOptions::lexicon_from(self.lexicon.as_deref())?;
        let analyzer = self.vectors.analyzer(&lexicon.words())?;
        timings.stage("analyzer");
        let corpus = self.corpus.load()?;
        timings.stage("read");
        Ok((corpus, analyzer))
    }
}

#[derive(Debug, clap::Args)]
pub struct TokensArgs {
    #[command(flatten)]
    input: TokenInput,
    /// jsonl: one {"id", "tokens"} object per document.
    #[arg(long, default_value = "jsonl")]
    format: String,
}

pub fn run_tokens(a: TokensArgs) -> anyhow::Result<()> {
    if a.format != "jsonl" {
        anyhow::bail!(tifa::Error::InvalidArgument(format!(
            "--format {:?}: tokens are written as jsonl only",
            a.format
        )));
    }
    let (corpus, analyzer) = a.input.load()?;
    let tokens = similarity::corpus_tokens(&corpus, &analyzer);
    let mut out = std::io::stdout().lock();
    for (d, t) in corpus.documents.iter().zip(tokens) {
        let line = serde_json::json!({ "id": d.id(), "tokens": t });
        writeln!(out, "{line}")?;
    }
    Ok(())
}

#[derive(Debug, clap::Args)]
pub struct SimilarityArgs {
    #[command(flatten)]
    input: TokenInput,
    /// At most K neighbours per document (edge list).
    #[arg(long, value_name = "K")]
    top_k: Option<usize>,
    /// Only pairs with at least this cosine (edge list).
    #[arg(long, value_name = "S")]
    min_similarity: Option<f64>,
    /// The terms behind one pair's cosine.
    #[arg(long, num_args = 2, value_names = ["ID_A", "ID_B"])]
    explain: Option<Vec<String>>,
    /// How many terms --explain lists.
    #[arg(long, default_value_t = 20)]
    top: usize,
    /// table, csv, json or parquet (binary: redirect to a file).
    #[arg(long, default_value = "table")]
    format: Format,
    /// No progress bar.
    #[arg(long, short)]
    quiet: bool,
    /// Print the wall time of each stage (analyzer, read, tokenize, tfidf,
    /// neighbours, write) on stderr.
    #[arg(long)]
    timings: bool,
}

/// Wall time of each stage, printed on stderr when asked for.
struct Timings {
    enabled: bool,
    last: std::time::Instant,
}

impl Timings {
    fn new(enabled: bool) -> Self {
        Timings {
            enabled,
            last: std::time::Instant::now(),
        }
    }

    fn stage(&mut self, name: &str) {
        let now = std::time::Instant::now();
        if self.enabled {
            eprintln!("{name:<10} {:8.3} s", (now - self.last).as_secs_f64());
        }
        self.last = now;
    }
}

/// Corpora up to this size get the full matrix unless an edge option is given.
const MATRIX_LIMIT: usize = 200;

pub fn run_similarity(a: SimilarityArgs) -> anyhow::Result<()> {
    if let Some(s) = a.min_similarity
        && !(0.0..=1.0).contains(&s)
    {
        anyhow::bail!(tifa::Error::InvalidArgument(format!(
            "--min-similarity {s}: must lie in [0, 1]"
        )));
    }
    for (name, value) in [("--top-k", a.top_k), ("--top", Some(a.top))] {
        if value == Some(0) {
            anyhow::bail!(tifa::Error::InvalidArgument(format!(
                "{name} 0 would list nothing; give 1 or more"
            )));
        }
    }
    let mut timings = Timings::new(a.timings);
    let (corpus, analyzer) = a.input.load_timed(&mut timings)?;
    if let Some(ids) = &a.explain {
        for id in ids {
            corpus.require(id)?;
        }
    }
    let tokens = similarity::corpus_tokens(&corpus, &analyzer);
    timings.stage("tokenize");
    let (tfidf, m) = Tfidf::fit_transform(&tokens, &a.input.vectors.params().tfidf)
        .context("cannot build TF-IDF vectors")?;
    timings.stage("tfidf");
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id()).collect();
    let index = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(0);
    let table = if let Some(pair) = &a.explain {
        let (i, j) = (index(&pair[0]), index(&pair[1]));
        let mut t = Table::new(["term", "weight_a", "weight_b", "contribution"]);
        for c in similarity::explain(&tfidf, &m, i, j)
            .into_iter()
            .take(a.top)
        {
            t.push(vec![
                c.term.into(),
                Cell::Float(c.weight_a),
                Cell::Float(c.weight_b),
                Cell::Float(c.contribution),
            ]);
        }
        t
    } else if ids.len() <= MATRIX_LIMIT && a.top_k.is_none() && a.min_similarity.is_none() {
        let c = similarity::cosine_matrix(&m);
        let mut cols = vec!["id"];
        cols.extend(ids.iter().copied());
        let mut t = Table::new(cols);
        for (i, id) in ids.iter().enumerate() {
            let mut row: Vec<Cell> = vec![(*id).into()];
            row.extend((0..ids.len()).map(|j| Cell::Float(c[[i, j]])));
            t.push(row);
        }
        t
    } else {
        let mut t = Table::new(["source", "target", "cosine"]);
        let bars = super::progress::Bars::new(a.quiet);
        for e in similarity::neighbours_reporting(&m, a.top_k, a.min_similarity, &bars) {
            t.push(vec![
                ids[e.source].into(),
                ids[e.target].into(),
                Cell::Float(e.cosine),
            ]);
        }
        t
    };
    timings.stage("neighbours");
    table.write(a.format, &mut super::output::stdout_for(a.format)?)?;
    timings.stage("write");
    Ok(())
}
