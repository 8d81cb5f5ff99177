//! `tifa tokens` and `tifa similarity`.

use std::io::Write;

use anyhow::Context;
use tifa::corpus::Corpus;
use tifa::features::tokens::Analyzer;
use tifa::measures::similarity;
use tifa::render::{self, table::Format};

use super::options::{CorpusArg, LexiconArg, VectorOptions};

/// What `tokens` and `similarity` read: a corpus and how to cut it into tokens.
#[derive(Debug, clap::Args)]
pub struct TokenInput {
    #[command(flatten)]
    corpus: CorpusArg,
    #[command(flatten)]
    vectors: VectorOptions,
    #[command(flatten)]
    lexicon: LexiconArg,
}

impl TokenInput {
    /// The corpus and its analyzer (lexicon formulations kept whole).
    fn load(&self) -> anyhow::Result<(Corpus, Analyzer)> {
        self.load_timed(&mut Timings::new(false))
    }

    /// [`TokenInput::load`], timed as one "read" stage: the analyzer (jieba's dictionary,
    /// single-threaded) is set up while the corpus is read on the other threads.
    fn load_timed(&self, timings: &mut Timings) -> anyhow::Result<(Corpus, Analyzer)> {
        let lexicon = self.lexicon.load()?;
        let (analyzer, corpus) = rayon::join(
            || self.vectors.analyzer(&lexicon.words()),
            || self.corpus.load(),
        );
        // A bad corpus is the likelier mistake and the one to report first.
        let corpus = corpus?;
        let analyzer = analyzer?;
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
    /// Print the wall time of each stage (read, vectors, neighbours, write) on stderr.
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
    let (tfidf, m) = similarity::vectors_of(&corpus, &analyzer, &a.input.vectors.params().tfidf)
        .context("cannot build TF-IDF vectors")?;
    timings.stage("vectors");
    let ids: Vec<&str> = corpus.documents.iter().map(|d| d.id()).collect();
    let index = |id: &str| ids.iter().position(|x| *x == id).unwrap_or(0);
    let table = if let Some(pair) = &a.explain {
        let (i, j) = (index(&pair[0]), index(&pair[1]));
        let mut terms = similarity::explain(&tfidf, &m, i, j);
        terms.truncate(a.top);
        render::similarity::explain_table(&terms)
    } else if ids.len() <= MATRIX_LIMIT && a.top_k.is_none() && a.min_similarity.is_none() {
        render::similarity::matrix_table(&ids, &similarity::cosine_matrix(&m))
    } else {
        let bars = super::progress::Bars::new(a.quiet);
        let edges = similarity::neighbours_reporting(&m, a.top_k, a.min_similarity, &bars);
        render::similarity::edges_table(&ids, &edges)
    };
    timings.stage("neighbours");
    table.write(a.format, &mut super::output::stdout_for(a.format)?)?;
    timings.stage("write");
    Ok(())
}
