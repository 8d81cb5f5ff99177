//! Diffusion measures on a small dated corpus: first uses, exact lags, intervals for partial
//! dates, first uses inside copied text, and unit edges.

use tifa::analyses::diffusion::{self, Diffusion, FirstUse};
use tifa::document::{DocMeta, Document, Level};
use tifa::progress::NoProgress;
use tifa::reuse::{self, Origin, ReuseParams, lexicon::Lexicon};

fn doc(
    id: &str,
    level: Level,
    place: (Option<&str>, Option<&str>),
    date: &str,
    text: &str,
) -> Document {
    let meta = DocMeta {
        id: id.into(),
        level,
        province: place.0.map(str::to_string),
        city: place.1.map(str::to_string),
        date: Some(date.parse().expect("test date")),
        title: String::new(),
    };
    Document::from_clean_text(meta, text)
}

const CENTRAL: &str = "会议强调，要坚持外防输入、内防反弹总策略，坚持动态清零总方针不动摇，统筹疫情防控和经济社会发展。";

fn corpus() -> Vec<Document> {
    let js = (Some("江苏省"), None);
    let wx = (Some("江苏省"), Some("无锡市"));
    let nt = (Some("江苏省"), Some("南通市"));
    vec![
        doc("c1", Level::Central, (None, None), "2022-03-17", CENTRAL),
        doc(
            "p1",
            Level::Provincial,
            js,
            "2022-03-20",
            &format!("省委常委会议指出，{CENTRAL}全省各地要从严从紧抓好落实。"),
        ),
        doc(
            "w1",
            Level::Municipal,
            wx,
            "2022-04-01",
            &format!("市委书记主持召开会议。{CENTRAL}本市将加快核酸检测。"),
        ),
        doc(
            "w2",
            Level::Municipal,
            wx,
            "2022-04-09",
            "市委书记主持召开会议。本市将加快核酸检测，守住城市安全底线，确保群众生活物资供应。",
        ),
        doc(
            "n1",
            Level::Municipal,
            nt,
            "2022-04",
            "南通市召开会议，要求坚持动态清零总方针，做好流调溯源工作。",
        ),
    ]
}

fn run(docs: &[Document]) -> Diffusion {
    let lexicon = Lexicon::bundled().expect("bundled lexicon");
    let params = ReuseParams::default();
    let engine = reuse::ReuseEngine::new(docs, &lexicon, &[], &params).expect("engine");
    let report = reuse::ReuseReport {
        params: params.clone(),
        documents: engine.analyze_all(&params, &NoProgress).expect("reuse"),
    };
    let metas: Vec<DocMeta> = docs.iter().map(|d| d.meta.clone()).collect();
    diffusion::analyze(&metas, &report).expect("diffusion")
}

fn row<'a>(d: &'a Diffusion, formulation: &str, unit: &str) -> &'a FirstUse {
    d.first_uses
        .iter()
        .find(|f| f.formulation == formulation && f.unit.label() == unit)
        .unwrap_or_else(|| panic!("no first use of {formulation} by {unit}"))
}

#[test]
fn lags_are_exact_for_days_and_intervals_for_a_month() {
    let d = run(&corpus());
    let province = row(&d, "zongcelue", "江苏省");
    assert_eq!(province.first.document, "p1");
    assert_eq!(province.lag_central.and_then(|l| l.days), Some(3));
    assert_eq!(province.lag_province, None);
    let wuxi = row(&d, "zongcelue", "江苏省/无锡市");
    assert_eq!(wuxi.first.document, "w1");
    assert_eq!(wuxi.lag_central.and_then(|l| l.days), Some(15));
    assert_eq!(wuxi.lag_province.and_then(|l| l.days), Some(12));
    assert_eq!(
        wuxi.central.as_ref().map(|c| c.document.as_str()),
        Some("c1")
    );
    // Wuxi's first use is inside the sentence it copied: central precedence over provincial.
    let copied = wuxi.copied.as_ref().expect("copied");
    assert_eq!(
        (copied.origin, copied.source_id.as_str()),
        (Origin::Central, "c1")
    );
    // Nantong is dated to the month: an interval (1..30 April after 17 March), no exact lag.
    let nantong = row(&d, "dongtai-qingling", "江苏省/南通市");
    let lag = nantong.lag_central.expect("interval");
    assert_eq!((lag.days, lag.min, lag.max), (None, 15, 44));
    // 坚持动态清零总方针 is the centre's clause, copied: its first use came inside it.
    assert_eq!(
        nantong
            .copied
            .as_ref()
            .map(|c| (c.origin, c.source_id.as_str())),
        Some((Origin::Central, "c1"))
    );
    // Wuxi's second text repeats its first, not the centre: a first use there would not be
    // copied from above, and 动态清零 there is first used in w1 anyway.
    assert_eq!(
        row(&d, "dongtai-qingling", "江苏省/无锡市").first.document,
        "w1"
    );
    // The centre itself has no lag.
    let centre = row(&d, "zongcelue", "中央");
    assert_eq!((centre.central.as_ref(), centre.lag_central), (None, None));
}

#[test]
fn edges_aggregate_passages_between_units_with_their_lags() {
    let d = run(&corpus());
    let edge = |s: &str, t: &str| {
        d.edges
            .iter()
            .find(|e| e.source.label() == s && e.target.label() == t)
            .unwrap_or_else(|| panic!("no edge {s} → {t}: {:#?}", d.edges))
    };
    let central = edge("中央", "江苏省/无锡市");
    assert_eq!(central.origin, Origin::Central);
    assert_eq!(central.documents, 1);
    assert_eq!(central.median_lag_days, Some(15.0));
    assert!(central.chars >= 40, "{central:?}");
    let own = edge("江苏省/无锡市", "江苏省/无锡市");
    assert_eq!(own.origin, Origin::SelfReuse);
    assert_eq!(own.median_lag_days, Some(8.0));
    // Nothing flows upwards or from a later document.
    assert!(d.edges.iter().all(|e| e.source.level <= e.target.level));
    assert_eq!(d.units.len(), 4);
}
