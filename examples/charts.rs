//! Renders every chart with realistic sample data into /tmp/charts/*.svg.
//!
//! cargo run --example charts

use std::path::Path;

use tifa::render::charts::curve::Curve;
use tifa::render::charts::dendrogram::Dendrogram;
use tifa::render::charts::heatmap::Heatmap;
use tifa::render::charts::matrix::{Formulation, FormulationMatrix};
use tifa::render::charts::passages::{PassageMap, PassageStrip};
use tifa::render::charts::scatter::{Scatter, ScatterPoint};
use tifa::render::charts::shares::{ShareRow, Shares};
use tifa::render::charts::small_multiples::{Panel, SmallMultiples};
use tifa::render::charts::{
    Origin, curve, dendrogram, heatmap, matrix, passages, scatter, shares, small_multiples,
};

const DOCS: [&str; 6] = [
    "常州 · 会议纪要",
    "无锡 · 防控通知",
    "南通 · 工作方案",
    "雅安 · 应急预案",
    "晋中 · 防控通知",
    "江苏省 · 指导意见",
];

fn docs() -> Vec<String> {
    DOCS.iter().map(|s| s.to_string()).collect()
}

fn similarity() -> Vec<Vec<f64>> {
    let base = [
        [1.00, 0.62, 0.55, 0.21, 0.30, 0.71],
        [0.62, 1.00, 0.58, 0.18, 0.41, 0.66],
        [0.55, 0.58, 1.00, 0.25, 0.27, 0.60],
        [0.21, 0.18, 0.25, 1.00, 0.35, 0.15],
        [0.30, 0.41, 0.27, 0.35, 1.00, 0.28],
        [0.71, 0.66, 0.60, 0.15, 0.28, 1.00],
    ];
    base.iter().map(|r| r.to_vec()).collect()
}

fn share(label: &str, central: f64, provincial: f64, peer: f64) -> ShareRow {
    ShareRow {
        label: label.to_string(),
        central,
        provincial,
        peer,
        self_reuse: 0.0,
        own: 1.0 - central - provincial - peer,
    }
}

fn write(name: &str, svg: tifa::error::Result<String>) {
    let path = Path::new("/tmp/charts").join(format!("{name}.svg"));
    let svg = svg.unwrap_or_else(|e| panic!("{name}: {e}"));
    std::fs::write(&path, svg).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    println!("{}", path.display());
}

fn main() {
    std::fs::create_dir_all("/tmp/charts").expect("create /tmp/charts");
    // Leaf order of the dendrogram below, so heatmap blocks line up with the tree.
    let order = [5, 0, 1, 2, 4, 3];
    let sim = similarity();
    let labels: Vec<String> = order.iter().map(|&i| DOCS[i].to_string()).collect();
    let values = order
        .iter()
        .map(|&i| order.iter().map(|&j| sim[i][j]).collect())
        .collect();
    write("heatmap", heatmap::render(&Heatmap::new(labels, values)));

    let rows = vec![
        share("江苏省 · 指导意见", 0.48, 0.00, 0.05),
        share("常州 · 会议纪要", 0.31, 0.27, 0.08),
        share("无锡 · 防控通知", 0.28, 0.22, 0.12),
        share("南通 · 工作方案", 0.22, 0.25, 0.06),
        share("晋中 · 防控通知", 0.26, 0.09, 0.03),
        share("雅安 · 应急预案", 0.12, 0.05, 0.02),
    ];
    write("shares", shares::render(&Shares::new(rows)));

    let pts = [
        (0.42, 0.10, 0),
        (0.35, 0.18, 0),
        (0.30, -0.02, 0),
        (-0.38, 0.31, 1),
        (-0.12, -0.29, 2),
        (0.45, 0.05, 0),
    ];
    let points = DOCS
        .iter()
        .zip(pts)
        .map(|(d, (x, y, c))| ScatterPoint {
            label: d.to_string(),
            x,
            y,
            cluster: c,
        })
        .collect();
    write(
        "scatter",
        scatter::render(&Scatter::new(points, (0.432, 0.187))),
    );

    let merges = vec![
        (0, 5, 0.29),
        (1, 6, 0.36),
        (2, 7, 0.42),
        (3, 4, 0.65),
        (8, 9, 0.78),
    ];
    let mut tree = Dendrogram::new(merges, order.to_vec(), docs());
    tree.clusters = vec![0, 0, 0, 1, 2, 0];
    tree.cut = Some(0.55);
    write("dendrogram", dendrogram::render(&tree));

    let f = |t: &str, level| Formulation {
        text: t.to_string(),
        level,
    };
    let formulations = vec![
        f("外防输入、内防反弹", Origin::Central),
        f("动态清零", Origin::Central),
        f("四方责任", Origin::Central),
        f("从快从严从紧", Origin::Provincial),
        f("应检尽检、应隔尽隔", Origin::Provincial),
    ];
    let counts = vec![
        vec![3, 2, 4, 1, 2, 5],
        vec![2, 3, 1, 0, 1, 4],
        vec![1, 1, 2, 0, 1, 2],
        vec![4, 3, 2, 0, 0, 3],
        vec![1, 2, 1, 0, 0, 2],
    ];
    write(
        "matrix",
        matrix::render(&FormulationMatrix::new(formulations, docs(), counts)),
    );

    let strip = |label: &str, doc_chars, spans: Vec<(usize, usize, Origin)>| PassageStrip {
        label: label.to_string(),
        doc_chars,
        spans,
    };
    let strips = vec![
        strip(
            "常州 · 会议纪要",
            2400,
            vec![
                (40, 180, Origin::Central),
                (400, 720, Origin::Provincial),
                (900, 960, Origin::Peer),
                (1500, 1620, Origin::Central),
            ],
        ),
        strip(
            "无锡 · 防控通知",
            1800,
            vec![
                (0, 120, Origin::Central),
                (300, 520, Origin::Provincial),
                (1200, 1400, Origin::Peer),
            ],
        ),
        strip(
            "南通 · 工作方案",
            3100,
            vec![
                (200, 600, Origin::Provincial),
                (2000, 2150, Origin::Central),
            ],
        ),
        strip("雅安 · 应急预案", 1200, vec![(100, 160, Origin::Central)]),
        strip(
            "晋中 · 防控通知",
            900,
            vec![(50, 260, Origin::Central), (600, 640, Origin::Peer)],
        ),
    ];
    write("passages", passages::render(&PassageMap::new(strips)));

    let silhouette = Curve {
        title: "轮廓系数 Silhouette by number of clusters".to_string(),
        x_label: "簇数 k".to_string(),
        y_label: "轮廓系数 silhouette".to_string(),
        points: vec![
            (2.0, 0.31),
            (3.0, 0.38),
            (4.0, 0.34),
            (5.0, 0.27),
            (6.0, 0.22),
        ],
        highlight: Some(3.0),
    };
    write("curve", curve::render(&silhouette));

    let panel = |measure: &str, scale: f64| Panel {
        measure: measure.to_string(),
        values: (0..DOCS.len())
            .map(|d| {
                (0..4)
                    .map(|p| scale * (0.5 - 0.05 * d as f64) * (1.0 - 0.12 * p as f64))
                    .collect()
            })
            .collect(),
    };
    let sweep = SmallMultiples {
        title: "参数扫描 Sweep of minimum n-gram length".to_string(),
        parameter: "最小长度 min n-gram length".to_string(),
        param_values: vec!["4".into(), "6".into(), "8".into(), "10".into()],
        documents: docs(),
        panels: vec![
            panel("中央占比 central share", 0.8),
            panel("省级占比 provincial share", 0.5),
            panel("同级占比 peer share", 0.2),
            panel("平均相似度 mean similarity", 1.2),
        ],
    };
    write("small_multiples", small_multiples::render(&sweep));

    // The diffusion charts (adoption, timeline, network) of the bundled corpus (run from the
    // repository root).
    let corpus = tifa::corpus::load(Path::new("data/corpus.toml")).expect("bundled corpus");
    let lexicon = tifa::reuse::lexicon::Lexicon::bundled().expect("bundled lexicon");
    let report = tifa::reuse::analyze(
        &corpus,
        &lexicon,
        &tifa::reuse::ReuseParams::default(),
        &tifa::progress::NoProgress,
    )
    .expect("reuse");
    let metas: Vec<_> = corpus.documents.iter().map(|d| d.meta.clone()).collect();
    let diffusion = tifa::analyses::diffusion::analyze(&metas, &report).expect("diffusion");
    for chart in tifa::report::diffusion::charts(&diffusion).expect("diffusion charts") {
        write(&chart.id, Ok(chart.svg));
    }
}
