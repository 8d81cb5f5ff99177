//! The option groups several subcommands share, flattened into their `Args`: the corpus,
//! `--force`, the lexicon, reuse, vector and clustering parameters. Each group turns its flags
//! into the library's parameter types; this is the only place those flags are declared.

use std::path::{Path, PathBuf};

use anyhow::Context;
use tifa::analyses::cluster::Linkage;
use tifa::analyses::grouping::{ClusterParams, Method};
use tifa::features::tokens::{Analyzer, AnalyzerKind, TokenParams};
use tifa::measures::similarity::VectorParams;
use tifa::measures::tfidf::{DocFreq, Idf, Norm, TfidfParams};
use tifa::report::build::{FeatureSpace, ReportParams};
use tifa::reuse::{self, ReuseParams, Scale, align::AlignParams, lexicon::Lexicon};

/// The bundled corpus manifest, relative to the working directory.
pub const DEFAULT_CORPUS: &str = "data/corpus.toml";

/// Options shared by every command that reads a corpus.
#[derive(Debug, Clone, clap::Args)]
pub struct CorpusArg {
    /// Corpus manifest (TOML). Default: the bundled corpus.
    #[arg(long, value_name = "FILE", default_value = DEFAULT_CORPUS)]
    pub corpus: PathBuf,
    /// Let the manifest read files outside its own folder (or its `root`).
    #[arg(long)]
    pub allow_outside: bool,
}

impl CorpusArg {
    /// Refuse a single output file that is one of this corpus's inputs.
    pub fn check_file_output(&self, out: &Path) -> anyhow::Result<()> {
        let inputs = tifa::source::inputs(&self.corpus)
            .with_context(|| format!("cannot load corpus {}", self.corpus.display()))?;
        tifa::render::bundle::check_file_output(out, &inputs.paths)?;
        Ok(())
    }

    pub fn load(&self) -> anyhow::Result<tifa::Corpus> {
        let options = tifa::corpus::LoadOptions {
            allow_outside: self.allow_outside,
            ..Default::default()
        };
        tifa::corpus::load_with(&self.corpus, &options)
            .with_context(|| format!("cannot load corpus {}", self.corpus.display()))
    }
}

/// `--force` of the commands that write a directory.
#[derive(Debug, Clone, clap::Args)]
pub struct ForceArg {
    /// Replace the output directory even if tifa did not write it (never an input of the run).
    #[arg(long)]
    pub force: bool,
}

impl ForceArg {
    /// The output rule for a run reading `corpus` and writing `out`, checked now, before any
    /// work, so that a refused `--out` costs nothing.
    pub fn policy(
        &self,
        corpus: &CorpusArg,
        out: &Path,
    ) -> anyhow::Result<tifa::render::bundle::OutputPolicy> {
        let inputs = tifa::source::inputs(&corpus.corpus)
            .with_context(|| format!("cannot load corpus {}", corpus.corpus.display()))?;
        let policy = tifa::render::bundle::OutputPolicy {
            inputs: inputs.paths,
            read_dirs: inputs.read_dirs,
            force: self.force,
        };
        // The refusal names the directory itself.
        tifa::render::bundle::check_output(out, &policy)?;
        Ok(policy)
    }
}

/// `--lexicon`, for every command that measures reuse or keeps formulations whole.
#[derive(Debug, Clone, clap::Args)]
pub struct LexiconArg {
    /// Lexicon: a directory of *.toml files or one .toml file (an edited `tifa lexicon
    /// discover` list): the formulations reuse counts and the word analyzer keeps whole.
    /// Default: the bundled lexicon (data/lexicon).
    #[arg(long, value_name = "DIR|FILE")]
    pub lexicon: Option<PathBuf>,
}

impl LexiconArg {
    pub fn load(&self) -> anyhow::Result<Lexicon> {
        Self::load_path(self.lexicon.as_deref())
    }

    /// The lexicon in a directory or a file, or the bundled one.
    pub fn load_path(path: Option<&std::path::Path>) -> anyhow::Result<Lexicon> {
        Ok(match path {
            Some(dir) if dir.is_dir() => Lexicon::from_dir(dir)
                .with_context(|| format!("cannot read the lexicon in {}", dir.display()))?,
            Some(file) if file.is_file() => Lexicon::from_file(file)
                .with_context(|| format!("cannot read the lexicon {}", file.display()))?,
            Some(missing) => anyhow::bail!(tifa::Error::InvalidArgument(format!(
                "--lexicon {}: no such directory or file (a lexicon is a directory of *.toml \
                 files, like the bundled data/lexicon, or one such file)",
                missing.display()
            ))),
            None => Lexicon::bundled().context("cannot read the bundled lexicon")?,
        })
    }
}

/// Reuse parameters shared by `reuse`, `report` and `sweep`.
#[derive(Debug, Clone, clap::Args)]
pub struct ReuseOptions {
    #[command(flatten)]
    pub lexicon: LexiconArg,
    /// Shingle length (content characters) for seeding passages.
    #[arg(long, default_value_t = AlignParams::default().shingle)]
    pub shingle: usize,
    /// Shortest passage kept (content characters).
    #[arg(long, default_value_t = AlignParams::default().min_passage)]
    pub min_passage: usize,
    /// Largest gap bridged inside one passage (characters).
    #[arg(long, default_value_t = AlignParams::default().max_gap)]
    pub max_gap: usize,
    /// Lowest passage identity kept, in [0, 1].
    #[arg(long, default_value_t = AlignParams::default().min_identity)]
    pub min_identity: f64,
    /// Merge passages from one source closer than this (characters) in both texts.
    #[arg(long, default_value_t = AlignParams::default().merge_gap)]
    pub merge_gap: usize,
    /// Also use references dated after the target.
    #[arg(long)]
    pub ignore_dates: bool,
    /// Do not count peer documents (same level, elsewhere) as references.
    #[arg(long)]
    pub no_peers: bool,
    /// Shingles carried by more documents than this are frequent: attributed from carrier
    /// summaries instead of aligned with every carrier (docs/METHODS.md, "Frequent text").
    #[arg(long, default_value_t = reuse::DEFAULT_MAX_CARRIERS, conflicts_with = "exhaustive")]
    pub max_carriers: usize,
    /// Align every shingle with every carrier and keep every passage (the pairwise method:
    /// cost grows with the square of the corpus; for small corpora and checks).
    #[arg(long)]
    pub exhaustive: bool,
}

impl ReuseOptions {
    pub fn params(&self) -> ReuseParams {
        ReuseParams {
            align: AlignParams {
                shingle: self.shingle,
                min_passage: self.min_passage,
                max_gap: self.max_gap,
                min_identity: self.min_identity,
                merge_gap: self.merge_gap,
            },
            respect_dates: !self.ignore_dates,
            peers: !self.no_peers,
            scale: if self.exhaustive {
                Scale::Exhaustive
            } else {
                Scale::Summarized(self.max_carriers)
            },
        }
    }
}

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

/// Clustering options shared by `report` and `plot`.
#[derive(Debug, Clone, clap::Args)]
pub struct ClusterOptions {
    /// Feature space for clustering, heatmap and scatter: tfidf or reuse.
    #[arg(long, default_value = "tfidf")]
    pub features: FeatureSpace,
    /// Clustering method: kmeans, agglomerative or dbscan.
    #[arg(long, default_value = "kmeans")]
    pub cluster_method: Method,
    /// Number of clusters (default: chosen by silhouette up to --k-max).
    #[arg(long)]
    pub k: Option<usize>,
    #[arg(long, default_value_t = ClusterParams::default().k_max)]
    pub k_max: usize,
    /// Linkage of the dendrogram and of agglomerative clustering: average, complete or ward.
    #[arg(long, default_value = "average")]
    pub linkage: Linkage,
    /// Random seed (k-means restarts). Same seed, same report.
    #[arg(long, default_value_t = ClusterParams::default().seed)]
    pub seed: u64,
    /// DBSCAN radius and minimum points.
    #[arg(long, default_value_t = ClusterParams::default().eps)]
    pub eps: f64,
    #[arg(long, default_value_t = ClusterParams::default().min_points)]
    pub min_points: usize,
}

/// What `report` and `plot` compute from: the corpus and every reuse, vector and clustering
/// option.
#[derive(Debug, clap::Args)]
pub struct ReportInput {
    #[command(flatten)]
    pub corpus: CorpusArg,
    #[command(flatten)]
    reuse: ReuseOptions,
    #[command(flatten)]
    vectors: VectorOptions,
    #[command(flatten)]
    cluster: ClusterOptions,
}

impl ReportInput {
    pub fn params(&self) -> ReportParams {
        let (c, vectors) = (&self.cluster, &self.vectors);
        ReportParams {
            reuse: self.reuse.params(),
            vectors: vectors.params(),
            cluster: ClusterParams {
                method: c.cluster_method,
                k: c.k,
                k_max: c.k_max,
                linkage: c.linkage,
                seed: c.seed,
                eps: c.eps,
                min_points: c.min_points,
            },
            features: c.features,
            paths: tifa::report::inputs::InputPaths {
                userdict: vectors.userdict.clone(),
                stopwords: vectors.stopwords.clone(),
            },
            tables: Default::default(),
            evidence_pages: None,
        }
    }

    /// The parameters (checked), the lexicon and the corpus, in that order, so that a bad
    /// parameter costs no reading.
    pub fn load(&self) -> anyhow::Result<(ReportParams, Lexicon, tifa::Corpus)> {
        let params = self.params();
        params.reuse.validate()?;
        let lexicon = self.reuse.lexicon.load()?;
        let corpus = self.corpus.load()?;
        Ok((params, lexicon, corpus))
    }
}
