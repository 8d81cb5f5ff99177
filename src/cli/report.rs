//! `tifa report`: the main job. Runs every stage and writes the report directory atomically.

use std::path::PathBuf;

use anyhow::Context;
use tifa::analyses::cluster::Linkage;
use tifa::analyses::grouping::{ClusterParams, Method};
use tifa::render::table::{Cell, Format, Table};
use tifa::report;
use tifa::report::build::{FeatureSpace, ReportParams};

use super::progress::Bars;

use super::reuse::ReuseOptions;
use super::similarity::VectorOptions;
use super::{CorpusArg, ForceArg};

#[derive(Debug, clap::Args)]
pub struct ReportArgs {
    #[command(flatten)]
    corpus: CorpusArg,
    /// Output directory, replaced atomically if empty or written by tifa.
    #[arg(long, value_name = "DIR", default_value = "reports/seeds")]
    out: PathBuf,
    #[command(flatten)]
    force: ForceArg,
    #[command(flatten)]
    reuse: ReuseOptions,
    #[command(flatten)]
    vectors: VectorOptions,
    #[command(flatten)]
    cluster: ClusterOptions,
    /// No progress bars.
    #[arg(long, short)]
    quiet: bool,
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

impl ClusterOptions {
    pub fn params(&self, reuse: &ReuseOptions, vectors: &VectorOptions) -> ReportParams {
        ReportParams {
            reuse: reuse.params(),
            vectors: vectors.params(),
            cluster: ClusterParams {
                method: self.cluster_method,
                k: self.k,
                k_max: self.k_max,
                linkage: self.linkage,
                seed: self.seed,
                eps: self.eps,
                min_points: self.min_points,
            },
            features: self.features,
            paths: tifa::report::inputs::InputPaths {
                lexicon: reuse.lexicon.clone(),
                userdict: vectors.userdict.clone(),
                stopwords: vectors.stopwords.clone(),
            },
        }
    }
}

pub fn run(a: ReportArgs) -> anyhow::Result<()> {
    let params = a.cluster.params(&a.reuse, &a.vectors);
    params.reuse.validate()?;
    let lexicon = a.reuse.lexicon()?;
    let corpus = a.corpus.load()?;
    let policy = a.force.policy(&a.corpus, &a.out)?;
    let bars = Bars::new(a.quiet);
    let seed = params.cluster.seed;
    let (bundle, data) = report::build::build(&corpus, &lexicon, &params, &bars, |c, d| {
        report::charts::all(c, d, seed)
    })?;
    tifa::render::bundle::write_dir(&bundle, &a.out, &policy)
        .with_context(|| format!("cannot write the report to {}", a.out.display()))?;
    let mut t = Table::new([
        "id",
        "central",
        "provincial",
        "peer",
        "self",
        "own",
        "cluster",
    ]);
    t.decimals = 3;
    for (d, label) in data.reuse.documents.iter().zip(&data.clustering.labels) {
        t.push(vec![
            d.id.as_str().into(),
            Cell::Float(d.shares.central),
            Cell::Float(d.shares.provincial),
            Cell::Float(d.shares.peer),
            Cell::Float(d.shares.self_reuse),
            Cell::Float(d.shares.own),
            (*label).into(),
        ]);
    }
    t.write(Format::Table, &mut std::io::stdout().lock())?;
    eprintln!(
        "wrote {} ({} files: index.html, charts/, tables/, run.json)",
        a.out.display(),
        bundle.files.len()
    );
    Ok(())
}
